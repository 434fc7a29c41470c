"""Benchmark: a whole `estimates run` on one core (thread runner) and on every core (process pool).

Writes a JSON Lines file of seed-sized articles (the corpus of benchmarks/extract.py: our own texts,
shuffled with a fixed seed), then times `estimates run FILE --task-runner R` in a fresh process per
run, best wall-clock time of --repeat, from the command's start to its exit (Prefect's temporary
server included). Checks that every runner leaves the same articles and claims.

Run from the repository root:

    .venv/bin/python benchmarks/runners.py [--articles 4000] [--repeat 2] [--runners thread process]

Wall time is what a second core saves, so run it on an otherwise idle machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from extract import PUBLISHED, corpus  # benchmarks/extract.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ("select (select count(*) from articles), (select count(*) from claims), "
            "(select bit_xor(hash(claim_id)) from claims)")


def run_once(articles: Path, runner: str, folder: Path) -> tuple[float, tuple]:
    db = folder / f"{runner}.duckdb"
    for stale in folder.glob(f"{runner}.duckdb*"):
        stale.unlink()
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "flows.cli", "run", str(articles), "--task-runner", runner,
               "--db", str(db), "--exports", str(folder / "exports"), "--no-progress"]
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    with duckdb.connect(str(db), read_only=True) as con:
        return elapsed, con.execute(SNAPSHOT).fetchone()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--runners", nargs="+", default=["thread", "process"])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        articles = folder / "articles.jsonl"
        with articles.open("w", encoding="utf-8") as out:
            for i, text in enumerate(corpus(args.articles)):
                out.write(json.dumps({"id": i, "published": PUBLISHED.isoformat(), "text": text}) + "\n")
        size = articles.stat().st_size / 1e6
        print(f"{args.articles} articles, {size:.1f} MB; {os.cpu_count()} cores; best of {args.repeat}")
        print(f"{'runner':<10}{'wall s':>8}{'articles/s':>12}")
        snapshots = set()
        for runner in args.runners:
            times = []
            for _ in range(args.repeat):
                elapsed, snapshot = run_once(articles, runner, folder)
                times.append(elapsed)
                snapshots.add(snapshot)
            best = min(times)
            print(f"{runner:<10}{best:>8.1f}{args.articles / best:>12.0f}")
        same = "yes" if len(snapshots) == 1 else f"NO: {snapshots}"
        print("same articles and claims on every runner:", same)


if __name__ == "__main__":
    main()
