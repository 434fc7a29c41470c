"""Crash safety: a run killed with SIGKILL in the middle of a load leaves the database as its last
committed batch left it, and running again gives exactly the tables of a run that never crashed."""
from __future__ import annotations

import signal
from pathlib import Path

import duckdb

from flows.pipeline import pipeline

ARTICLES = {
    "a.txt": "Officials said 1,200 homes were destroyed by the flood.\n",
    "b.txt": "The Red Cross said at least 40 people died in the storm.\n",
    "c.txt": "About 3,000 people were evacuated, the mayor said.\n",
}


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every stored row but the load timestamps, which differ between runs by design."""
    queries = {
        "articles": "select * exclude (ingested_at) from articles",
        "claims": "select * from claims",
        "article_sources": "select * exclude (first_seen) from article_sources",
        "source_files": "select * exclude (read_at) from source_files",
        "rejected": "select * exclude (rejected_at) from rejected",
    }
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(f"{sql} order by all").fetchall() for name, sql in queries.items()}


def test_run_killed_during_a_load_then_rerun_gives_the_tables_of_a_clean_run(paused_run, tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "crashed.duckdb"
    # One article a batch; pause in the second batch's load, after its articles are written.
    run = paused_run([str(folder), "--db", str(db), "--exports", str(tmp_path / "x"), "--batch-size", "1"],
                     pause_at=3)
    run.process.send_signal(signal.SIGKILL)
    run.process.wait(timeout=30)

    after_crash = tables(db)
    assert len(after_crash["articles"]) == 1, "the first batch was committed, the second rolled back"
    assert after_crash["source_files"] == [], "no file is marked as read before the run completes"

    pipeline([str(folder)], db, tmp_path / "x")
    pipeline([str(folder)], tmp_path / "clean.duckdb", tmp_path / "y")
    assert tables(db) == tables(tmp_path / "clean.duckdb")
    assert len(tables(db)["articles"]) == len(ARTICLES)
