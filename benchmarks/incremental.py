"""What an incremental run saves: CPU time of a first run, an unchanged rerun and a --full-refresh rerun.

    .venv/bin/python benchmarks/incremental.py [N_ARTICLES]     (from the repository root)

Builds N (default 300) seed-sized articles from data/articles/ in a temporary folder (each with its
own closing line, so each is a distinct article), then times three runs of the pipeline into one
database inside one Prefect test harness, after a warm-up run: CPU time of this process
(time.process_time, steadier than wall time on a shared machine) and wall time.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from flows.cli import ROOT, prefect_env

prefect_env()
os.environ["PREFECT_LOGGING_LEVEL"] = "ERROR"  # the harness logs every task run otherwise


def main(n_articles: int) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from flows.pipeline import pipeline

    sample = next((ROOT / "data" / "articles").glob("*.md")).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp, prefect_test_harness(server_startup_timeout=120):
        folder, db = Path(tmp, "articles"), Path(tmp, "e.duckdb")
        folder.mkdir()
        for i in range(n_articles):
            closing = f"\nCorrection {i}: an earlier version misstated {i + 2} figures.\n"
            (folder / f"a{i:04}.md").write_text(sample + closing, encoding="utf-8")
        pipeline([str(folder / "a0000.md")], Path(tmp, "warm-up.duckdb"), Path(tmp, "w"))
        print(f"{n_articles} articles of {len(sample) // 1000} kB")
        print("run            CPU s   wall s   articles extracted   files skipped")
        for label, full_refresh in [("first", False), ("unchanged", False), ("--full-refresh", True)]:
            cpu, wall = time.process_time(), time.perf_counter()
            summary = pipeline([str(folder)], db, Path(tmp, "x"), full_refresh=full_refresh)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            extracted, skipped = summary.articles, summary.unchanged_files
            print(f"{label:<14} {cpu:5.2f}   {wall:6.2f}   {extracted:18}   {skipped:13}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
