"""Benchmark: the number layer alone (`flows.numbers.find_quantities`) on the customer's seed article.

Prints the best time per call over 20 rounds of 50 calls, in CPU time of this process
(time.process_time), so other processes on a shared machine inflate it less than wall time.
The budget is 0.3 ms per seed-sized article (7 KB).

Run from the repository root:

    .venv/bin/python benchmarks/number_layer.py [--rounds 20] [--calls 50]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from flows.numbers import find_quantities

SEED_ARTICLE = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_89cffe74bd066433.txt"


def best_ms(text: str, rounds: int, calls: int) -> float:
    """The fastest round's CPU time per call, in milliseconds."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(calls):
            find_quantities(text)
        best = min(best, (time.process_time() - start) / calls)
    return best * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="rounds; the fastest counts")
    parser.add_argument("--calls", type=int, default=50, help="calls per round")
    args = parser.parse_args()
    if not SEED_ARTICLE.exists():
        print(f"seed article not found at {SEED_ARTICLE}: nothing to time")
        return 0
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    find_quantities(text)  # build the lexicon first: it is loaded once per process
    ms = best_ms(text, args.rounds, args.calls)
    found = len(find_quantities(text))
    print(f"find_quantities on the seed article ({len(text):,} chars, {found} quantities): "
          f"{ms:.3f} ms per call (best of {args.rounds} rounds x {args.calls} calls, CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
