"""Where the time of a run goes, step by step (ingest … export), on one core and without Prefect.

Runs the steps the pipeline runs (flows/pipeline.py), batch by batch, in this process and without
Prefect, and adds up the CPU time (time.process_time: other engineers' load on a shared machine
does not inflate it) and wall time of each step. Prefect's own share is what `benchmarks/run.py`
measures beyond these steps.

    .venv/bin/python benchmarks/stages.py 10000 [--batch-size 2000] [--cprofile 25]

The corpus comes from benchmarks/corpus.py (generated into data/bench/ when missing); the database
goes to a temporary folder.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: import the corpus generator
import corpus  # noqa: E402

from flows import export as export_step  # noqa: E402
from flows import load as load_step  # noqa: E402
from flows.extract import extract_claims  # noqa: E402
from flows.ingest import iter_articles  # noqa: E402
from flows.model import Article, Claim, Rejection  # noqa: E402
from flows.pipeline import BATCH_SIZE, batches  # noqa: E402
from flows.refresh import refresh  # noqa: E402
from schemas import frame, validate  # noqa: E402

T = TypeVar("T")


class Clock:
    """CPU and wall seconds per step, summed over the batches, and how much each step raised the
    process's peak resident memory (a step whose share grows with N does not stream)."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)
        self.peak_raise: dict[str, float] = defaultdict(float)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        cpu, wall, peak = time.process_time(), time.perf_counter(), peak_mb()
        yield
        self.cpu[name] += time.process_time() - cpu
        self.wall[name] += time.perf_counter() - wall
        self.peak_raise[name] += peak_mb() - peak

    def timed_iter(self, name: str, items: Iterator[T]) -> Iterator[T]:
        """Charge the time spent producing each item (reading files) to `name`."""
        while True:
            with self.step(name):
                item = next(items, None)
            if item is None:
                return
            yield item


def peak_mb() -> float:
    """The process's peak resident memory so far (ru_maxrss is in kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000


def run(folder: Path, db: Path, exports: Path, batch_size: int, clock: Clock) -> tuple[int, int]:
    """The pipeline's steps, timed; returns (articles, claims loaded)."""
    n_articles = n_claims = 0
    load_step.connect(db).close()  # the run's set-up: tables, lexicon tables, views
    for chunk in batches(clock.timed_iter("ingest", iter_articles([str(folder)])), batch_size):
        articles = [a for a in chunk if isinstance(a, Article)]
        rejected = [r for r in chunk if isinstance(r, Rejection)]
        with clock.step("extract"):
            claims = [c for a in articles for c in extract_claims(a.body, a.published, a.article_id)]
        with clock.step("frame"):
            article_frame, claim_frame = frame(articles, Article), frame(claims, Claim)
        with clock.step("validate"):
            article_rows, bad_articles = validate("articles", article_frame)
            claim_rows, bad_claims = validate("claims", claim_frame)
            # As the flow hands batches from the workers to the load: Arrow tables.
            article_table = load_step.article_table(article_rows)
            claim_table = load_step.claim_table(claim_rows)
        with clock.step("load"), load_step.connect_for_loading(db) as con:
            load_step.load(con, article_table, claim_table, rejected + bad_articles + bad_claims,
                           fresh_articles=[a.article_id for a in articles])
        n_articles += len(articles)
        n_claims += claim_table.num_rows
    with clock.step("refresh"), load_step.connect(db, setup=False) as con:
        refresh(con)
    with clock.step("export"), load_step.connect(db, read_only=True) as con:
        export_step.export(con, list(export_step.DEFAULT_VIEWS), exports)
    return n_articles, n_claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N",
                        help="also print the N functions with the most cumulative time")
    args = parser.parse_args()
    folder = corpus.write(args.articles)
    clock = Clock()
    profiler = cProfile.Profile() if args.cprofile else None
    with tempfile.TemporaryDirectory() as tmp:
        go: Callable[[], tuple[int, int]] = lambda: run(  # noqa: E731
            folder, Path(tmp) / "bench.duckdb", Path(tmp) / "exports", args.batch_size, clock
        )
        n_articles, n_claims = profiler.runcall(go) if profiler else go()
    peak = peak_mb()
    total_cpu, total_wall = sum(clock.cpu.values()), sum(clock.wall.values())
    print(f"{n_articles} articles, {n_claims} claims, batch size {args.batch_size}, one process, no Prefect; "
          f"peak resident memory {peak:.0f} MB")
    print(f"{'step':<14}{'cpu s':>9}{'wall s':>9}{'cpu %':>8}{'ms/article':>12}{'peak +MB':>9}")
    for name in clock.cpu:
        print(f"{name:<14}{clock.cpu[name]:>9.2f}{clock.wall[name]:>9.2f}"
              f"{100 * clock.cpu[name] / total_cpu:>8.1f}{1000 * clock.cpu[name] / n_articles:>12.2f}"
              f"{clock.peak_raise[name]:>9.0f}")
    per_article = 1000 * total_cpu / n_articles
    print(f"{'total':<14}{total_cpu:>9.2f}{total_wall:>9.2f}{100:>8.1f}{per_article:>12.2f}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.cprofile)


if __name__ == "__main__":
    main()
