"""Benchmark: the context layer's share of extraction, per article, in CPU time.

For each article, times `flows.extract.extract_claims(text)` and, apart from it, the calls it makes to
`flows.context.ArticleContext.describe` (recorded in one pass, then replayed), each as the best of
--repeat passes in process CPU time (the machine is shared: wall time says more about the neighbours than
about us). Each replay describes with a new ArticleContext, so every pass starts cold, as a new article
would.

Run from the repository root (default: the customer's sample article):

    .venv/bin/python benchmarks/context_share.py [FILE ...] [--repeat 300]
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import flows.extract
from flows.context import ArticleContext, Context

SEED_ARTICLE = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_89cffe74bd066433.txt"


def best_cpu(run: Callable[[], object], repeat: int) -> float:
    """The least CPU time of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def describe_calls(text: str) -> list[tuple]:
    """The arguments of every describe() call extract_claims makes for `text`, in order."""
    calls: list[tuple] = []

    class Recording(ArticleContext):
        def describe(self, *args: Any) -> Context:
            calls.append(args)
            return super().describe(*args)

    flows.extract.ArticleContext = Recording
    try:
        flows.extract.extract_claims(text)
    finally:
        flows.extract.ArticleContext = ArticleContext
    return calls


def replay(text: str, calls: list[tuple]) -> None:
    context = ArticleContext(text)
    for call in calls:
        context.describe(*call)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[SEED_ARTICLE])
    parser.add_argument("--repeat", type=int, default=300, help="passes per measure; the best one counts")
    args = parser.parse_args()
    for path in args.files:
        text = path.read_text(encoding="utf-8")
        calls = describe_calls(text)  # also the warm-up: lexicons load on first use
        whole = best_cpu(partial(flows.extract.extract_claims, text), args.repeat)
        context = best_cpu(partial(replay, text, calls), args.repeat)
        print(f"{path.name}: {len(text)} chars, {len(calls)} quantities; extract_claims {whole * 1e3:.3f} ms,"
              f" describe {context * 1e3:.3f} ms ({context / whole:.0%}); CPU, best of {args.repeat}")


if __name__ == "__main__":
    main()
