"""Benchmark: claim-extraction speed on one core, against quantulum3 on the same texts.

Measures articles/s and MB/s of `flows.extract.extract_claims(text, published)` over a fixed,
deterministic corpus of seed-sized articles (about 7 KB each), then runs quantulum3's
`parser.parse(text)` on the first few of the same articles in the same process (it is much slower, so its
per-article rate is measured on fewer articles) and prints the ratio ours / quantulum3 in articles/s.
Last, it prints where the time of one article goes: numbers (flows/numbers.py), context
(flows/context.py), claimants (flows/claimants.py) and the rest (sentences, dates, ids, records).

Times are CPU time of this process (time.process_time), the best of --repeat passes, on one core: the
machine is shared, and CPU time is what other load disturbs least.

The corpus is built from the project's own texts only: the paragraphs of data/articles/*.md and the
"text" fields of data/gold/passages.jsonl, plus the customer's sample article
(../shared/seed/000_89cffe74bd066433.txt) when present, shuffled with a fixed seed and joined into
articles of about 7 KB.

Run from the repository root:

    .venv/bin/python benchmarks/extract.py [--articles 500] [--quantulum-articles 20] [--repeat 3]

or `make bench`.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import flows.extract
from flows.extract import extract_claims

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "000_89cffe74bd066433.txt"
ARTICLE_BYTES = 7_000
PUBLISHED = date(2024, 11, 19)
SEED = 20241119


def paragraphs() -> list[str]:
    """Every non-empty paragraph of the project's own texts, in a stable order."""
    texts: list[str] = []
    for path in sorted((ROOT / "data" / "articles").glob("*.md")):
        body = path.read_text(encoding="utf-8")
        if body.startswith("---"):
            body = body.split("---", 2)[2]  # drop the YAML front matter: metadata, not prose
        texts.append(body)
    with open(ROOT / "data" / "gold" / "passages.jsonl", encoding="utf-8") as lines:
        texts.extend(json.loads(line)["text"] for line in lines if line.strip())
    if SEED_ARTICLE.exists():
        texts.append(SEED_ARTICLE.read_text(encoding="utf-8"))
    return [p.strip() for text in texts for p in text.split("\n\n") if p.strip()]


def corpus(n: int) -> list[str]:
    """`n` articles of about ARTICLE_BYTES each, the same on every run (fixed seed)."""
    pool = paragraphs()
    rng = random.Random(SEED)
    articles: list[str] = []
    for _ in range(n):
        rng.shuffle(pool)
        chosen: list[str] = []
        size = 0
        for paragraph in pool:
            if size >= ARTICLE_BYTES:
                break
            chosen.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        articles.append("\n\n".join(chosen))
    return articles


def best_time(run: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """The fastest of `repeat` passes over `texts`, in CPU seconds (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            run(text)
        best = min(best, time.process_time() - start)
    return best


class StageClock:
    """CPU time spent inside the functions extract_claims calls, keyed by stage.

    `timed` wraps a function so each call adds its CPU time to a stage; the wrappers replace the names
    flows.extract looks up, for the breakdown pass only (they cost about a microsecond a call, which the
    stage they wrap absorbs, so the breakdown is slightly pessimistic for the stages called per quantity).
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def timed(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        clock = time.process_time

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + clock() - start

        return wrapper


def timed_pass(texts: list[str]) -> dict[str, float]:
    """CPU seconds of one pass of extract_claims over `texts`, split by stage, the rest included."""
    clock = StageClock()
    reader_class = flows.extract.Reader

    class TimedReader(reader_class):  # type: ignore[misc, valid-type]
        """The claimants reader with its construction and its look-ups timed."""

        def __init__(self, *args: Any) -> None:
            clock.timed("claimants", super().__init__)(*args)
            self.governing = clock.timed("claimants", super().governing)  # type: ignore[method-assign]

    originals = {name: getattr(flows.extract, name) for name in ("find_quantities", "describe", "Reader")}
    flows.extract.find_quantities = clock.timed("numbers", originals["find_quantities"])
    flows.extract.describe = clock.timed("context", originals["describe"])
    flows.extract.Reader = TimedReader
    try:
        start = time.process_time()
        for text in texts:
            extract_claims(text, PUBLISHED)
        total = time.process_time() - start
    finally:
        for name, original in originals.items():
            setattr(flows.extract, name, original)
    stages = {stage: clock.seconds.get(stage, 0.0) for stage in ("numbers", "context", "claimants")}
    stages["rest"] = total - sum(stages.values())
    stages["total"] = total
    return stages


def breakdown(texts: list[str], repeat: int) -> dict[str, float]:
    """Milliseconds per article in each stage, from the pass with the least total time."""
    best = min((timed_pass(texts) for _ in range(repeat)), key=lambda stages: stages["total"])
    return {stage: seconds * 1000 / len(texts) for stage, seconds in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="articles for our extractor")
    parser.add_argument("--quantulum-articles", type=int, default=20, help="articles for quantulum3 (slow)")
    parser.add_argument("--repeat", type=int, default=3, help="passes per system; the best one counts")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})  # one core, so the figure does not depend on the machine's core count
    from quantulum3 import parser as quantulum  # imported late: loading its models is not what we time

    texts = corpus(max(args.articles, args.quantulum_articles))
    systems: list[tuple[str, Callable[[str], object], list[str]]] = [
        ("estimates", lambda text: extract_claims(text, PUBLISHED), texts[: args.articles]),
        ("quantulum3", quantulum.parse, texts[: args.quantulum_articles]),
    ]
    print(f"python {sys.version.split()[0]}  command: {shlex.join([sys.executable, *sys.argv])}")
    mean_kb = sum(len(t.encode("utf-8")) for t in texts) / len(texts) / 1000
    print(f"corpus: {len(texts)} articles, mean {mean_kb:.1f} KB, "
          f"cores: {sorted(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else 'all'}")
    print(f"{'system':<12}{'articles':>10}{'seconds':>10}{'articles/s':>12}{'MB/s':>8}")
    rates: dict[str, float] = {}
    for name, run, sample in systems:
        run(sample[0])  # warm-up: lexicons and models load lazily on first use
        seconds = best_time(run, sample, args.repeat)
        megabytes = sum(len(t.encode("utf-8")) for t in sample) / 1e6
        rates[name] = len(sample) / seconds
        print(f"{name:<12}{len(sample):>10}{seconds:>10.3f}{rates[name]:>12.1f}{megabytes / seconds:>8.3f}")
    print(f"ratio estimates / quantulum3 (articles/s): {rates['estimates'] / rates['quantulum3']:.1f}x")
    stages = breakdown(texts[: args.articles], args.repeat)
    print("ms per article (CPU, stages timed in a separate pass): "
          + "  ".join(f"{stage} {ms:.3f}" for stage, ms in stages.items()))


if __name__ == "__main__":
    main()
