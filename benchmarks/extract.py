"""Benchmark: claim-extraction speed on one core, against quantulum3 on the same texts.

Measures articles/s and MB/s of `flows.extract.extract_claims(text, published)` over a fixed,
deterministic corpus of seed-sized articles (about 7 KB each), then runs quantulum3's
`parser.parse(text)` on the first few of the same articles in the same process (it is much slower, so its
per-article rate is measured on fewer articles) and prints the ratio ours / quantulum3 in articles/s.
It times whichever build runs (compiled or the Python sources: flows/speedups.py) and says which. With
the sources (ESTIMATES_PURE_PYTHON=1), it last prints where the time of one article goes: numbers
(flows/numbers.py), context (flows/context.py), claimants (flows/claimants.py) and the rest (sentences,
dates, ids, records), with the timing wrappers' own cost (measured on a function that does nothing)
taken off.

Two corpora, both built from the project's own texts only (the paragraphs of data/articles/*.md, the
"text" fields of data/gold/passages.jsonl, the customer's sample article and the NewsQuant sentences in
../shared when present), with a fixed seed:

- `news` (the default, the figure the README reports): articles of about 7 KB at news density, made by
  benchmarks/corpus.py with the article size fixed: about 3 numerals per 1,000 characters (the customer's
  sample has 2), which gives about 33 claims an article (number words, fractions and durations count too).
- `dense`: the gold passages and sample paragraphs shuffled and joined into 7 KB articles, about 70 claims
  an article: a stress test of the per-figure cost, five times denser than news copy.

Times are CPU time of this process (time.process_time), the best of --repeat passes, on one core: the
machine is shared, and CPU time is what other load disturbs least.

Run from the repository root:

    .venv/bin/python benchmarks/extract.py [--corpus news|dense] [--articles 500] [--quantulum-articles 20]

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
from flows.speedups import compiled

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as news_corpus  # noqa: E402  (benchmarks/corpus.py, a script folder, not a package)

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


def corpus(n: int, kind: str = "news") -> list[str]:
    """`n` articles of about ARTICLE_BYTES each, the same on every run (fixed seed): at news density, or
    the `dense` stress corpus of our gold passages."""
    if kind == "news":
        return [news_corpus.article(i, chars=ARTICLE_BYTES)["text"] for i in range(n)]
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
    flows.extract looks up, for the breakdown pass only. A wrapper costs about a microsecond a call (two
    clock reads), partly inside the time it records and partly outside it, which is several tenths of a
    millisecond on an article of 60 figures: `wrapper_cost` measures both parts on a function that does
    nothing, and `timed_pass` takes them off the stage and off the rest.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def timed(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        clock = time.process_time

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + clock() - start
                self.calls[stage] = self.calls.get(stage, 0) + 1

        return wrapper


def wrapper_cost(calls: int = 200_000, repeat: int = 5) -> tuple[float, float]:
    """CPU seconds a StageClock wrapper adds to one call: (recorded inside the stage, spent outside it),
    each the best of `repeat` runs of `calls` calls of a function that does nothing."""
    def nothing() -> None:
        return None

    bare, wrapped_total, inside = float("inf"), float("inf"), float("inf")
    for _ in range(repeat):
        clock = StageClock()
        wrapped = clock.timed("nothing", nothing)
        start = time.process_time()
        for _ in range(calls):
            nothing()
        bare = min(bare, time.process_time() - start)
        start = time.process_time()
        for _ in range(calls):
            wrapped()
        wrapped_total = min(wrapped_total, time.process_time() - start)
        inside = min(inside, clock.seconds["nothing"])
    inside_per_call = inside / calls
    return inside_per_call, max(0.0, (wrapped_total - bare) / calls - inside_per_call)


def timed_pass(texts: list[str], cost: tuple[float, float] = (0.0, 0.0)) -> dict[str, float]:
    """CPU seconds of one pass of extract_claims over `texts`, split by stage, the rest included, with
    `cost` (wrapper_cost()) taken off for each timed call."""
    clock = StageClock()

    def timed_class(cls: type, stage: str, method: str) -> type:
        """`cls` with its construction and its `method` timed as `stage`."""

        class Timed(cls):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any) -> None:
                clock.timed(stage, super().__init__)(*args)
                setattr(self, method, clock.timed(stage, getattr(super(), method)))

        return Timed

    replaced = ("find_quantities", "ArticleContext", "Reader")
    originals = {name: getattr(flows.extract, name) for name in replaced}
    flows.extract.find_quantities = clock.timed("numbers", originals["find_quantities"])
    flows.extract.ArticleContext = timed_class(originals["ArticleContext"], "context", "describe")
    flows.extract.Reader = timed_class(originals["Reader"], "claimants", "governing")
    try:
        start = time.process_time()
        for text in texts:
            extract_claims(text, PUBLISHED)
        total = time.process_time() - start
    finally:
        for name, original in originals.items():
            setattr(flows.extract, name, original)
    inside, outside = cost
    calls = sum(clock.calls.values())
    stages = {stage: clock.seconds.get(stage, 0.0) - clock.calls.get(stage, 0) * inside
              for stage in ("numbers", "context", "claimants")}
    stages["rest"] = total - calls * (inside + outside) - sum(stages.values())
    stages["total"] = total - calls * (inside + outside)
    return stages


def breakdown(texts: list[str], repeat: int) -> dict[str, float]:
    """Milliseconds per article in each stage, from the pass with the least total time, without the
    timing wrappers' own cost."""
    cost = wrapper_cost()
    best = min((timed_pass(texts, cost) for _ in range(repeat)), key=lambda stages: stages["total"])
    return {stage: seconds * 1000 / len(texts) for stage, seconds in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="articles for our extractor")
    parser.add_argument("--quantulum-articles", type=int, default=20, help="articles for quantulum3 (slow)")
    parser.add_argument("--corpus", choices=("news", "dense"), default="news",
                        help="news density (default) or the dense stress corpus")
    parser.add_argument("--repeat", type=int, default=3, help="passes per system; the best one counts")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})  # one core, so the figure does not depend on the machine's core count
    from quantulum3 import parser as quantulum  # imported late: loading its models is not what we time

    texts = corpus(max(args.articles, args.quantulum_articles), args.corpus)
    systems: list[tuple[str, Callable[[str], object], list[str]]] = [
        ("estimates", lambda text: extract_claims(text, PUBLISHED), texts[: args.articles]),
        ("quantulum3", quantulum.parse, texts[: args.quantulum_articles]),
    ]
    print(f"python {sys.version.split()[0]}  command: {shlex.join([sys.executable, *sys.argv])}  "
          f"extractor: {'compiled' if compiled() else 'Python sources'} (flows/speedups.py)")
    mean_kb = sum(len(t.encode("utf-8")) for t in texts) / len(texts) / 1000
    print(f"corpus: {args.corpus}, {len(texts)} articles, mean {mean_kb:.1f} KB, "
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
    if compiled():  # compiled modules call each other directly, past the timers
        print("ms per article by stage: with ESTIMATES_PURE_PYTHON=1 (the Python sources) only")
        return
    stages = breakdown(texts[: args.articles], args.repeat)
    print("ms per article (CPU, stages timed in a separate pass): "
          + "  ".join(f"{stage} {ms:.3f}" for stage, ms in stages.items()))


if __name__ == "__main__":
    main()
