"""Incremental runs: only new or changed files are read, a new extractor version re-extracts
everything, --full-refresh forces it, and the same article under two names is stored once."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main
from flows.model import EXTRACTOR_VERSION
from flows.pipeline import pipeline

A = "Officials said 1,200 homes were destroyed by the flood.\n"
B = "The Red Cross said at least 40 people died in the storm.\n"
B_EDITED = "The Red Cross said at least 45 people died in the storm.\n"
C = "About 3,000 people were evacuated, the mayor said.\n"


def run(folder: Path, db: Path, **options: object):
    return pipeline([str(folder)], db, db.parent / "exports", **options)


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every stored row but load timestamps, which differ between runs by design."""
    return {
        "articles": rows(db, "select * exclude (ingested_at) from articles order by all"),
        "claims": rows(db, "select * from claims order by all"),
        "sources": rows(db, "select article_id, source from article_sources order by all"),
        "rejected": rows(db, "select * exclude (rejected_at) from rejected order by all"),
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(A, encoding="utf-8")
    (articles / "b.txt").write_text(B, encoding="utf-8")
    return articles


def test_second_run_reads_only_new_and_changed_files(prefect, folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    run(folder, db)
    (folder / "b.txt").write_text(B_EDITED, encoding="utf-8")
    (folder / "c.txt").write_text(C, encoding="utf-8")
    second = run(folder, db)
    assert (second.articles, second.unchanged_files) == (2, 1)
    # The edited file replaces its old text: no claim of the old version is left beside the new one.
    assert rows(db, "select body from articles order by source") == [(A,), (B_EDITED,), (C,)]
    assert rows(db, "select surface from claims where surface like '%at least%'") == [("at least 45",)]


def test_new_extractor_version_re_extracts_every_article(prefect, folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    run(folder, db)
    current = tables(db)
    # Make the database look written by an older extractor, whose claims had other ids.
    with duckdb.connect(str(db)) as con:
        con.execute("update claims set claim_id = 'old-' || claim_id, extractor_version = '0.0.1'")
        con.execute("update articles set extractor_version = '0.0.1'")
        con.execute("update source_files set extractor_version = '0.0.1'")
    again = run(folder, db)
    assert (again.articles, again.unchanged_files) == (2, 0)
    assert tables(db) == current, "old claims replaced, none left over"
    assert rows(db, "select distinct extractor_version from claims") == [(EXTRACTOR_VERSION,)]


def test_full_refresh_reads_and_extracts_everything_again(prefect, folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    first = run(folder, db)
    before = tables(db)
    refreshed = run(folder, db, full_refresh=True)
    assert (refreshed.articles, refreshed.claims, refreshed.unchanged_files) == (2, first.claims, 0)
    assert tables(db) == before


def test_same_article_under_two_names_is_stored_once_with_both_names(
    prefect, folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "e.duckdb"
    (folder / "copy_of_a.txt").write_text(A, encoding="utf-8")
    first = run(folder, db, batch_size=1)  # the copy comes in a later batch than the original
    (folder / "later_copy.txt").write_text(A, encoding="utf-8")
    second = run(folder, db)
    assert (first.articles, first.rejected, second.articles) == (2, 0, 0), "a copy is not extracted again"
    assert rows(db, f"select source from articles where body = '{A}'") == [(str(folder / "a.txt"),)]
    assert rows(db, "select s.source from article_sources s join articles using (article_id) "
                    f"where body = '{A}' order by source") == [
        (str(folder / name),) for name in ("a.txt", "copy_of_a.txt", "later_copy.txt")
    ]
    assert rows(db, "select count(*) from claims where surface = '1,200'") == [(1,)]


def test_run_command_says_what_it_skipped_and_full_refresh_reads_it_again(
    prefect, folder: Path, tmp_path: Path
) -> None:
    args = ["run", str(folder), "--db", str(tmp_path / "e.duckdb"), "--exports", str(tmp_path / "x")]
    CliRunner().invoke(main, args)
    again = CliRunner().invoke(main, args)
    refreshed = CliRunner().invoke(main, [*args, "--full-refresh"])
    assert again.exit_code == refreshed.exit_code == 0, again.output + refreshed.output
    assert "Read 0 article(s)" in again.output
    assert "Skipped 2 unchanged file(s); --full-refresh reads them again." in again.output
    assert "Read 2 article(s)" in refreshed.output and "Skipped" not in refreshed.output
