"""Loading: one transaction per batch, upserts by id, a second load of the same data changes nothing."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

import schemas
from flows.load import (
    LOAD_ROW_GROUP_SIZE,
    DatabaseLocked,
    connect,
    connect_for_loading,
    delete_stale_claims,
    extracted,
    extractor_fingerprint,
    load,
    record_files,
)
from flows.model import EXTRACTOR_VERSION, Article, Claim, Rejection, digest

ARTICLE = Article("a.txt", "Zelensky said nearly 10,000 troops arrived.", publisher="Kyiv Post",
                  published=date(2024, 11, 19))


def claim_in(article: Article, surface: str, value: float, version: str = EXTRACTOR_VERSION) -> Claim:
    start = article.body.index(surface)
    end = start + len(surface)
    return Claim(
        claim_id=digest(article.article_id, start, end, version), article_id=article.article_id,
        char_start=start, char_end=end, surface=surface, sentence=article.body, value=value, low=None,
        high=value, qualifier="approx", kind="count", unit="troops", subject=None, event=None,
        measure="troops deployed", claimant="Zelensky", as_of=None,
    )


CLAIM = claim_in(ARTICLE, "nearly 10,000", 10000.0)
REJECTION = Rejection("empty.txt", "ingest", "empty file", {"path": "empty.txt"})


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(tmp_path / "test.duckdb")
    yield con
    con.close()


def table(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple]:
    return con.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall()


def test_second_load_of_the_same_batch_changes_nothing(con: duckdb.DuckDBPyConnection) -> None:
    first = load(con, [ARTICLE], [CLAIM], [REJECTION])
    before = {name: table(con, name) for name in ("articles", "claims", "rejected")}
    second = load(con, [ARTICLE], [CLAIM], [REJECTION])
    assert (first.articles_inserted, first.claims_inserted, first.rejected_inserted) == (1, 1, 1)
    assert second == type(second)(), "nothing inserted, updated or deleted"
    assert {name: table(con, name) for name in before} == before, "ingested_at and rejected_at kept too"


def test_claim_row_records_the_extractor_version(con: duckdb.DuckDBPyConnection) -> None:
    load(con, [ARTICLE], [CLAIM])
    assert con.execute("SELECT extractor_version FROM claims").fetchall() == [(EXTRACTOR_VERSION,)]


def test_validated_frames_load_like_records(con: duckdb.DuckDBPyConnection) -> None:
    articles, _ = schemas.validate("articles", schemas.frame([ARTICLE], Article))
    claims, _ = schemas.validate("claims", schemas.frame([CLAIM], Claim))
    load(con, articles, claims)
    again = load(con, [ARTICLE], [CLAIM])
    assert again.articles_updated == again.claims_updated == 0, "frames and records store the same values"
    assert con.execute("SELECT published FROM articles").fetchall() == [(date(2024, 11, 19),)]


def test_changed_claim_is_updated_in_place(con: duckdb.DuckDBPyConnection) -> None:
    load(con, [ARTICLE], [CLAIM])
    stats = load(con, [ARTICLE], [dataclasses.replace(CLAIM, claimant="Volodymyr Zelensky")])
    assert (stats.claims_inserted, stats.claims_updated) == (0, 1)
    assert con.execute("SELECT claimant FROM claims").fetchall() == [("Volodymyr Zelensky",)]


def test_batch_of_new_changed_and_unchanged_claims_counts_each(con: duckdb.DuckDBPyConnection) -> None:
    unchanged = claim_in(ARTICLE, "10,000 troops", 10000.0)
    load(con, [ARTICLE], [CLAIM, unchanged])
    new = claim_in(ARTICLE, "troops arrived", 1.0)
    stats = load(con, [ARTICLE], [dataclasses.replace(CLAIM, value=9000.0), unchanged, new])
    assert (stats.claims_inserted, stats.claims_updated, stats.claims_deleted) == (1, 1, 0)
    assert con.execute("SELECT count(*), sum(value) FROM claims").fetchall() == [(3, 19001.0)]


def test_duplicate_ids_within_a_batch_keep_the_first(con: duckdb.DuckDBPyConnection) -> None:
    stats = load(con, [ARTICLE, ARTICLE], [CLAIM, dataclasses.replace(CLAIM, value=1.0)])
    assert (stats.articles_inserted, stats.claims_inserted) == (1, 1)
    assert con.execute("SELECT value FROM claims").fetchall() == [(10000.0,)]


def test_claim_ids_stay_unique_when_stored_claims_come_again_with_new_ones(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load(con, [ARTICLE], [CLAIM])
    new = claim_in(ARTICLE, "troops arrived", 1.0)
    for _ in range(2):
        load(con, [ARTICLE], [new, CLAIM, new])
    rows, ids = con.execute("SELECT count(*), count(DISTINCT claim_id) FROM claims").fetchall()[0]
    assert (rows, ids) == (2, 2), "claims have no index on their key: the load keeps it unique"


def test_failed_load_rolls_back_the_whole_batch(con: duckdb.DuckDBPyConnection) -> None:
    broken = dataclasses.replace(CLAIM, measure=None)  # claims.measure is NOT NULL
    with pytest.raises(duckdb.ConstraintException):
        load(con, [ARTICLE], [broken], [REJECTION])
    assert table(con, "articles") == [] and table(con, "rejected") == []
    load(con, [ARTICLE], [CLAIM])
    assert len(table(con, "claims")) == 1, "the connection is usable after the rollback"


def test_same_rejection_is_stored_once(con: duckdb.DuckDBPyConnection) -> None:
    assert load(con, [], [], [REJECTION, REJECTION]).rejected_inserted == 1
    assert load(con, [], [], [REJECTION]).rejected_inserted == 0
    other_reason = dataclasses.replace(REJECTION, reason="not UTF-8")
    assert load(con, [], [], [other_reason]).rejected_inserted == 1
    assert len(table(con, "rejected")) == 2


def test_fresh_article_named_without_its_row_loses_its_old_claims(con: duckdb.DuckDBPyConnection) -> None:
    load(con, [ARTICLE], [CLAIM])
    assert load(con, [], [], fresh_articles=[ARTICLE.article_id]).claims_deleted == 1
    assert table(con, "claims") == []


def test_re_extraction_deletes_only_that_articles_old_claims(con: duckdb.DuckDBPyConnection) -> None:
    other = Article("b.txt", "Officials said around 3,000 troops.")
    old_version = claim_in(ARTICLE, "nearly 10,000", 10000.0, version="0.0.1")
    untouched = claim_in(other, "around 3,000", 3000.0)
    load(con, [ARTICLE, other], [old_version, untouched])
    stats = load(con, [ARTICLE], [CLAIM], fresh_articles=[ARTICLE.article_id])
    assert stats.claims_deleted == 1
    kept = {row[0] for row in con.execute("SELECT claim_id FROM claims").fetchall()}
    assert kept == {CLAIM.claim_id, untouched.claim_id}


def test_delete_stale_claims_takes_ids_as_an_arrow_column(con: duckdb.DuckDBPyConnection) -> None:
    load(con, [ARTICLE], [CLAIM, claim_in(ARTICLE, "10,000 troops", 10000.0)])
    kept = pa.chunked_array([[CLAIM.claim_id]])
    assert delete_stale_claims(con, [ARTICLE.article_id], kept) == 1
    assert con.execute("SELECT claim_id FROM claims").fetchall() == [(CLAIM.claim_id,)]


def test_loading_connection_writes_small_row_groups(tmp_path: Path) -> None:
    # Small row groups keep each close's checkpoint small (flows/load.py, connect_for_loading).
    connect(tmp_path / "db.duckdb").close()
    with connect_for_loading(tmp_path / "db.duckdb") as con:
        con.execute(f"CREATE TABLE numbers AS SELECT range AS n FROM range({3 * LOAD_ROW_GROUP_SIZE})")
        groups = con.execute("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('numbers')")
        assert groups.fetchall() == [(3,)]
    with connect(tmp_path / "db.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM numbers").fetchall() == [(3 * LOAD_ROW_GROUP_SIZE,)]


def test_no_connection_draws_duckdb_progress_bars(tmp_path: Path) -> None:
    # DuckDB's bar goes to stdout even when that is a file or a pipe: a long export would garble a
    # scheduled run's log, a long `estimates query ... > file` the file. (In a subprocess: under
    # pytest's capture DuckDB starts with the bar off.)
    script = f"""
from flows.load import connect, connect_for_loading
path = {str(tmp_path / "db.duckdb")!r}
connect(path).close()
for open_ in (connect, connect_for_loading, lambda p: connect(p, read_only=True)):
    with open_(path) as con:
        print(con.execute("SELECT current_setting('enable_progress_bar')").fetchall()[0][0])
"""
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert shown.stdout.split() == ["False", "False", "False"]


def test_connect_twice_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "test.duckdb"
    with connect(path) as con:
        load(con, [ARTICLE], [CLAIM])
    with connect(path) as con:
        assert len(table(con, "claims")) == 1
    with connect(path, read_only=True) as con:
        views = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"articles", "claims", "rejected", "claim_intervals", "measure_summary", "conflicts"} <= views


def test_reader_of_a_missing_database_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        connect(tmp_path / "none.duckdb", read_only=True)


def test_reader_and_loader_give_up_on_a_locked_database_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "busy.duckdb"
    connect(path).close()
    hold_open = f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('open', flush=True); " \
        "time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", hold_open], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseLocked, match=f"database {path} is locked by another process"):
            connect(path, read_only=True, timeout=0.3, wait=0.1)
        monkeypatch.setenv("ESTIMATES_LOCK_TIMEOUT", "0.3")
        with pytest.raises(DatabaseLocked, match=f"database {path} is locked by another process"):
            connect_for_loading(path)  # attaches the file: the same wait, the same message
    finally:
        holder.kill()
        holder.wait()


def test_second_name_of_a_stored_article_is_kept_without_replacing_the_first(
    con: duckdb.DuckDBPyConnection,
) -> None:
    load(con, [ARTICLE], [CLAIM])
    copy = dataclasses.replace(ARTICLE, source="copy.txt", title="Another headline")
    stats = load(con, [copy], [])
    assert (stats.articles_inserted, stats.articles_updated, stats.sources_inserted) == (0, 0, 1)
    assert con.execute("SELECT source, title FROM articles").fetchall() == [("a.txt", None)]
    assert table(con, "claims") != [], "the copy does not take the claims away"
    names = con.execute("SELECT source FROM article_sources ORDER BY source").fetchall()
    assert names == [("a.txt",), ("copy.txt",)]


def test_edited_file_replaces_its_old_article_and_claims(con: duckdb.DuckDBPyConnection) -> None:
    edited = Article("a.txt", "Zelensky said nearly 12,000 troops arrived.")
    load(con, [ARTICLE], [CLAIM])
    load(con, [edited], [claim_in(edited, "nearly 12,000", 12000.0)])
    dropped = record_files(con, {"a.txt": "hash-of-the-edited-bytes"}, [(edited.article_id, "a.txt")])
    assert dropped == 1
    assert con.execute("SELECT article_id FROM articles").fetchall() == [(edited.article_id,)]
    assert con.execute("SELECT surface FROM claims").fetchall() == [("nearly 12,000",)]
    assert extracted(con).files == {"a.txt": "hash-of-the-edited-bytes"}


def test_article_still_named_elsewhere_survives_the_edit_of_one_file(con: duckdb.DuckDBPyConnection) -> None:
    load(con, [ARTICLE, dataclasses.replace(ARTICLE, source="feed.jsonl#7")], [CLAIM])
    assert record_files(con, {"a.txt": "new-hash"}, []) == 0
    assert con.execute("SELECT source FROM articles").fetchall() == [("feed.jsonl#7",)]
    assert len(table(con, "claims")) == 1


OLD_ARTICLES_TABLE = """
CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, title VARCHAR, published DATE,
    publisher VARCHAR, url VARCHAR, body VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL
);
INSERT INTO articles
VALUES ('old1', 'old.txt', NULL, NULL, NULL, NULL, 'About 5 people.', TIMESTAMP '2024-01-01');
"""


def test_database_from_an_older_version_is_migrated_on_connect(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(OLD_ARTICLES_TABLE)
    with connect(path) as con:
        assert table(con, "articles")[0][0] == "old1"
        assert con.execute("SELECT extractor_version FROM articles").fetchall() == [(None,)]
        assert table(con, "article_sources") == [("old1", "old.txt", datetime(2024, 1, 1))]
        assert extracted(con).article_ids == set(), "articles of an unknown version are extracted again"
        load(con, [ARTICLE], [CLAIM])
        assert len(table(con, "articles")) == 2


def test_extractor_fingerprint_changes_with_a_lexicon_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.lexicon

    monkeypatch.setattr(flows.lexicon, "LEXICON_DIR", tmp_path)
    (tmp_path / "units.csv").write_text("unit\nkm\n", encoding="utf-8")
    extractor_fingerprint.cache_clear()
    before = extractor_fingerprint()
    (tmp_path / "units.csv").write_text("unit\nkm\nmi\n", encoding="utf-8")
    extractor_fingerprint.cache_clear()
    try:
        assert extractor_fingerprint() != before, "a new unit can change claims: extract again"
        assert before.startswith(EXTRACTOR_VERSION + "+")
    finally:
        extractor_fingerprint.cache_clear()


OLD_CLAIMS_TABLE = """
CREATE TABLE claims (
    claim_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL, surface VARCHAR NOT NULL, sentence VARCHAR NOT NULL, value DOUBLE,
    low DOUBLE, high DOUBLE, qualifier VARCHAR NOT NULL, kind VARCHAR NOT NULL, unit VARCHAR,
    subject VARCHAR, event VARCHAR, measure VARCHAR NOT NULL, claimant VARCHAR, as_of DATE,
    change VARCHAR, via VARCHAR, claimant_kind VARCHAR, extractor_version VARCHAR NOT NULL
);
"""


def test_claims_table_of_an_older_version_gains_the_trend_column(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(OLD_CLAIMS_TABLE)
    with connect(path) as con:
        load(con, [ARTICLE], [dataclasses.replace(CLAIM, trend="up")])
        assert con.execute("SELECT trend FROM claims").fetchall() == [("up",)]


def test_claims_of_an_older_version_keep_their_rows_without_the_key_index(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(OLD_CLAIMS_TABLE)
        old.execute("INSERT INTO claims (claim_id, article_id, char_start, char_end, surface, sentence, "
                    "qualifier, kind, measure, extractor_version) "
                    "VALUES ('c1', 'a1', 0, 2, '40', 'About 40.', 'exact', 'count', 'count', '0.1')")
    with connect(path) as con:
        assert con.execute("SELECT claim_id, trend FROM claims").fetchall() == [("c1", None)]
        kinds = con.execute("SELECT constraint_type FROM duckdb_constraints() WHERE table_name = 'claims'")
        assert "PRIMARY KEY" not in {row[0] for row in kinds.fetchall()}
    with connect(path) as con:
        assert table(con, "claims")[0][0] == "c1", "the next connection finds them as they are"
