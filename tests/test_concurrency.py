"""Concurrency: while a run in another process holds the database for a load, a second run and a
query wait for it (bounded by ESTIMATES_LOCK_TIMEOUT) and then either proceed or explain; nothing
is corrupted."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main
from flows.pipeline import pipeline

FIRST = "Officials said 1,200 homes were destroyed by the flood.\n"
SECOND = "About 3,000 people were evacuated, the mayor said.\n"


def folder_with(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "article.txt").write_text(text, encoding="utf-8")
    return path


def tables(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "articles": con.execute("select article_id, source, body from articles order by all").fetchall(),
            "claims": con.execute("select * from claims order by all").fetchall(),
        }


def test_second_run_and_a_query_wait_for_a_run_that_is_loading(
    paused_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = folder_with(tmp_path / "first", FIRST), folder_with(tmp_path / "second", SECOND)
    db = tmp_path / "e.duckdb"
    run = paused_run([str(first), "--db", str(db), "--exports", str(tmp_path / "x")], seconds=3)
    monkeypatch.setenv("ESTIMATES_LOCK_TIMEOUT", "120")

    query = CliRunner().invoke(main, ["query", "select count(*) as n from claims", "--db", str(db)])
    assert query.exit_code == 0, query.output
    pipeline([str(second)], db, tmp_path / "y")
    assert run.process.wait(timeout=120) == 0, run.log.read_text()

    pipeline([str(first), str(second)], tmp_path / "sequential.duckdb", tmp_path / "z")
    assert tables(db) == tables(tmp_path / "sequential.duckdb")


def test_run_query_and_export_give_up_on_a_long_load_with_a_clear_message(
    paused_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = folder_with(tmp_path / "first", FIRST), folder_with(tmp_path / "second", SECOND)
    db, exports = tmp_path / "e.duckdb", tmp_path / "x"
    run = paused_run([str(first), "--db", str(db), "--exports", str(exports)], seconds=120)
    monkeypatch.setenv("ESTIMATES_LOCK_TIMEOUT", "1")
    commands = [
        ["run", str(second), "--db", str(db), "--exports", str(exports)],
        ["query", "select * from claims", "--db", str(db)],
        ["export", "--db", str(db), "--to", str(exports)],
    ]
    for command in commands:
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, (command, result.output)
        assert f"database {db} is locked by another process" in result.output
        assert "ESTIMATES_LOCK_TIMEOUT" in result.output, "the message says how to wait longer"

    run.process.kill()
    run.process.wait(timeout=30)
    pipeline([str(first), str(second)], db, exports)
    pipeline([str(first), str(second)], tmp_path / "clean.duckdb", tmp_path / "y")
    assert tables(db) == tables(tmp_path / "clean.duckdb"), "the killed writer left nothing half-done"
