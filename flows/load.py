"""Open the DuckDB database and load a batch of articles, claims and rejections into it.

    con = connect("data/estimates.duckdb")          # applies sql/*.sql in file-name order
    stats = load(con, articles, claims, rejections)  # one transaction; upserts by id
    refresh(con)                                     # the views' stored rows follow (flows/refresh.py)
    con.close()                                      # release the file lock for readers

Only one process can hold a DuckDB file open for writing, and while it does no other process can
open it at all, even read-only: hold the write connection only while loading. connect() waits for
another process's lock up to ESTIMATES_LOCK_TIMEOUT seconds (default 30), then raises DatabaseLocked.

Crash safety: each load is one transaction, so a process killed during a load leaves the database as
it was before that load (DuckDB replays only committed transactions from its write-ahead log).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

import schemas
from flows import reference
from flows.model import EXTRACTOR_VERSION, Article, Claim, Rejection, digest

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"
FLOWS_DIR = Path(__file__).resolve().parent

ARTICLE_COLUMNS = [
    "article_id", "source", "title", "published", "publisher", "url", "body", "ingested_at",
    "extractor_version",
]
CLAIM_COLUMNS = [
    "claim_id", "article_id", "char_start", "char_end", "surface", "sentence", "value", "low", "high",
    "qualifier", "kind", "unit", "subject", "event", "measure", "claimant", "as_of", "change", "via",
    "claimant_kind", "extractor_version", "trend",
]
REJECTED_COLUMNS = ["rejected_id", "source", "stage", "record", "reason", "rejected_at"]

DEFAULT_LOCK_TIMEOUT = 30.0  # seconds; a run holds the lock only while it loads a batch
LOAD_ROW_GROUP_SIZE = 8_192  # rows per row group a batch's load writes (see connect_for_loading)
CATALOG = "ledger"  # the name connect_for_loading attaches the database file under


class DatabaseLocked(RuntimeError):
    """Another process holds the database file open for writing."""


@dataclass(slots=True)
class LoadStats:
    """Rows a load added or changed; all zero when the same batch is loaded again."""

    articles_inserted: int = 0
    articles_updated: int = 0
    sources_inserted: int = 0
    claims_inserted: int = 0
    claims_updated: int = 0
    claims_deleted: int = 0
    rejected_inserted: int = 0


def lock_timeout() -> float:
    """Seconds to wait for another process's lock: ESTIMATES_LOCK_TIMEOUT, else DEFAULT_LOCK_TIMEOUT."""
    return float(os.environ.get("ESTIMATES_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))


def connect(
    db_path: str | Path, read_only: bool = False, timeout: float | None = None, wait: float = 0.25,
    setup: bool = True, memory_limit: str | None = None, row_group_size: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the database, retrying every `wait` seconds for up to `timeout` (lock_timeout() if None).

    A read-write connection creates the file if needed and applies sql/*.sql (idempotent DDL,
    migrations and views) in file-name order, unless setup=False: a run sets the database up once,
    then opens it again for each batch (rewriting the lexicon tables and views each time cost a
    tenth of the load). A read-only one changes nothing and needs the file. memory_limit ("400MB"):
    what DuckDB may hold before it spills to disk (default: 80 % of the machine's memory).
    row_group_size: rows per row group this connection writes (default DuckDB's, 122,880); see
    connect_for_loading.
    """
    path = Path(db_path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"database {path} does not exist (run `estimates run` first)")
    path.parent.mkdir(parents=True, exist_ok=True)
    limit = lock_timeout() if timeout is None else timeout
    deadline = time.monotonic() + limit
    config = {"memory_limit": memory_limit} if memory_limit else {}
    while True:
        try:
            # (a reader writes no row groups: it opens the file as it is)
            con = duckdb.connect(str(path), read_only=read_only, config=config) \
                if read_only or row_group_size is None else _attach(path, config, row_group_size)
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise
            if time.monotonic() >= deadline:
                raise DatabaseLocked(
                    f"database {path} is locked by another process (a run in progress?); gave up "
                    f"after {limit:g} s of retrying (wait longer with ESTIMATES_LOCK_TIMEOUT=SECONDS)"
                ) from err
            time.sleep(wait)
    # DuckDB draws a progress bar on stdout for queries over two seconds, terminal or not: it would
    # garble a scheduled run's log and the output of `estimates query ... > file`.
    con.execute("SET enable_progress_bar = false")
    if setup and not read_only:
        reference.load_reference_tables(con)  # lexicon tables the comparison views read
        apply_sql(con)
    return con


def connect_for_loading(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection for loading a batch into a database set up before, writing row groups
    of LOAD_ROW_GROUP_SIZE rows.

    DuckDB compresses a row group when it is full and rewrites the last, partly filled one at every
    checkpoint, which closing a connection does. With its default of 122,880 rows, the close after a
    load took up to 370 MB more than the load itself (a full group of claims, a growing group of 7 KB
    bodies), and more as the articles grew; with 8,192 rows, 100 loads of 1,000 articles each stayed
    within 100 MB and took 40 % less time. Tables that are read whole many times (the views' stored
    rows) keep the default: the views read them in half the time.
    """
    return connect(db_path, setup=False, row_group_size=LOAD_ROW_GROUP_SIZE)


def _attach(path: Path, config: dict[str, str], row_group_size: int) -> duckdb.DuckDBPyConnection:
    """The database file attached read-write with this row group size (a setting of the attachment,
    not of the file) and made the default catalog."""
    con = duckdb.connect(config=config)
    try:
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS {CATALOG} (ROW_GROUP_SIZE {row_group_size})")
        con.execute(f"USE {CATALOG}")
    except BaseException:
        con.close()
        raise
    return con


def apply_sql(con: duckdb.DuckDBPyConnection) -> list[Path]:
    """Run every sql/*.sql file in name order (010_… tables before 100_… views) in one transaction."""
    files = sorted(SQL_DIR.glob("*.sql"))
    with transaction(con):
        indexed = _scalar(con, _CLAIMS_PRIMARY_KEY)
        if indexed:  # written by an earlier version: the claims move to a table without the index
            con.execute("ALTER TABLE claims RENAME TO claims_indexed")
        for file in files:
            con.execute(file.read_text(encoding="utf-8"))
        if indexed:
            con.execute("INSERT INTO claims BY NAME SELECT * FROM claims_indexed; DROP TABLE claims_indexed")
    return files


# DuckDB cannot drop a primary key (sql/020_claims.sql says why claims no longer have one).
_CLAIMS_PRIMARY_KEY = (
    "SELECT count(*) FROM duckdb_constraints() WHERE database_name = current_database() "
    "AND schema_name = 'main' AND table_name = 'claims' AND constraint_type = 'PRIMARY KEY'"
)


def load(
    con: duckdb.DuckDBPyConnection,
    articles: Sequence[Article] | pd.DataFrame | pa.Table,
    claims: Sequence[Claim] | pd.DataFrame | pa.Table,
    rejections: Sequence[Rejection] = (),
    fresh_articles: Collection[str] = (),
    sources: Iterable[tuple[str, str]] = (),
) -> LoadStats:
    """Upsert articles and claims by id and add new rejections and sources, all in one transaction.

    Records, validated frames (schemas.validate) or the Arrow tables of article_table/claim_table are
    accepted. Within the batch the first row of an id wins. An article already stored keeps its first
    source and ingested_at; its metadata is updated only from that same source. fresh_articles: ids of
    articles whose claims in this batch are their complete new extraction (say, by a newer extractor
    version); their other claims are deleted. sources: more (article_id, source) names the articles
    were found under (each article's own source is added anyway); names of articles not in the
    database are ignored.
    """
    if isinstance(articles, pa.Table | pd.DataFrame):
        names = pa.table({"article_id": articles["article_id"], "source": articles["source"]})
    else:
        names = _pairs([(a.article_id, a.source) for a in articles])
    article_rows, claim_rows = article_table(articles), claim_table(claims)
    batch = {
        "_articles": article_rows,
        "_claims": claim_rows,
        "_rejected": _rejected_frame(rejections),
        "_fresh_articles": _id_table("article_id", fresh_articles),
        "_sources": pa.concat_tables([names.cast(_PAIRS), _pairs(list(sources))]),
    }
    stats = LoadStats()
    with _registered(con, batch), transaction(con):
        # Usually every article of a batch is new, with its claims: no stored row can share an id with
        # them (a claim id hashes its article's id), so the upserts skip their look-ups of stored ids.
        new = _all_new(con, batch)
        # Loading again must change nothing, and a second name for a stored article must not
        # replace its first: the row follows its first source.
        stats.articles_inserted, stats.articles_updated = _upsert(
            con, "articles", "article_id", "_articles", ARTICLE_COLUMNS, keep=("ingested_at", "source"),
            only_if="articles.source = b.source", new=new,
        )
        stats.sources_inserted = _scalar(con, _INSERT_SOURCES, [_now()])
        stats.claims_inserted, stats.claims_updated = _upsert(
            con, "claims", "claim_id", "_claims", CLAIM_COLUMNS, new=new
        )
        if not new:
            stale = _DELETE_STALE.format(articles="_fresh_articles", claims="_claims")
            stats.claims_deleted = _scalar(con, stale)
        stats.rejected_inserted = _scalar(
            con, "INSERT INTO rejected BY NAME SELECT * FROM _rejected ON CONFLICT DO NOTHING"
        )
        # New articles' claims and fresh ids are all of the batch's articles (see _all_new).
        touched = "_articles" if new else (
            "(SELECT article_id FROM _articles UNION SELECT article_id FROM _claims "
            "UNION SELECT article_id FROM _fresh_articles)")
        con.execute(_NOTE_STALE.format(articles=touched))
    return stats


_PAIRS = pa.schema([("article_id", pa.string()), ("source", pa.string())])


def _pairs(names: Sequence[tuple[str, str]]) -> pa.Table:
    """(article_id, source) names as a table."""
    ids, sources = [n[0] for n in names], [n[1] for n in names]
    return pa.table([pa.array(ids, pa.string()), pa.array(sources, pa.string())], schema=_PAIRS)


def _all_new(con: duckdb.DuckDBPyConnection, batch: dict[str, pa.Table]) -> bool:
    """Whether no article of the batch is stored, and its claims and fresh ids are all of its articles."""
    ids = batch["_articles"]["article_id"].cast(pa.string())  # of type null when there are none
    for table in (batch["_claims"], batch["_fresh_articles"]):
        in_batch = pc.is_in(table["article_id"].cast(pa.string()), value_set=ids)
        if table.num_rows and not pc.all(in_batch).as_py():
            return False
    return not _scalar(con, "SELECT count(*) FROM _articles SEMI JOIN articles USING (article_id)")


# The comparison views' stored rows follow these articles at the next refresh (flows/refresh.py).
_NOTE_STALE = "INSERT INTO derived.stale_articles SELECT article_id FROM {articles}"


_INSERT_SOURCES = (
    "INSERT INTO article_sources SELECT DISTINCT article_id, source, ?::TIMESTAMP FROM _sources "
    "WHERE article_id IN (SELECT article_id FROM articles) ON CONFLICT DO NOTHING"
)

_DELETE_STALE = (
    "DELETE FROM claims WHERE article_id IN (SELECT article_id FROM {articles}) "
    "AND claim_id NOT IN (SELECT claim_id FROM {claims})"
)


def delete_stale_claims(
    con: duckdb.DuckDBPyConnection,
    article_ids: Collection[str] | pa.ChunkedArray,
    keep_claim_ids: Collection[str] | pa.ChunkedArray,
) -> int:
    """Delete the claims of these articles whose ids are not in keep_claim_ids; return how many.

    Used when articles are re-extracted: a new extractor version gives new claim ids, and the old
    claims must go or every number would be counted twice. load(fresh_articles=...) does this
    within its transaction.
    """
    tables = {"_stale": _id_table("article_id", article_ids), "_kept": _id_table("claim_id", keep_claim_ids)}
    with _registered(con, tables):
        con.execute(_NOTE_STALE.format(articles="_stale"))
        return _scalar(con, _DELETE_STALE.format(articles="_stale", claims="_kept"))


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT, or ROLLBACK and re-raise on any error."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> Iterator[None]:
    """Make Arrow tables queryable by name for the duration (outside any transaction)."""
    for name, rows in tables.items():
        con.register(name, rows)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)


def _upsert(
    con: duckdb.DuckDBPyConnection, table: str, key: str, batch: str, columns: list[str],
    keep: Sequence[str] = (), only_if: str = "TRUE", new: bool = False,
) -> tuple[int, int]:
    """Update the stored rows the batch changes, insert its new keys; return (inserted, updated).

    Rows are matched on `key` by joins, not ON CONFLICT, which needs an index (claims have none, see
    sql/020_claims.sql); the batch holds each key once (_arrow). Unchanged rows are not rewritten,
    columns in `keep` never change, and rows failing the SQL condition `only_if` (on `table` and the
    batch row `b`) are not updated. new: the caller knows that no key of the batch is stored.
    """
    if new:
        return _scalar(con, f"INSERT INTO {table} BY NAME SELECT * FROM {batch}"), 0
    updated = [c for c in columns if c != key and c not in keep]
    sets = ", ".join(f"{c} = b.{c}" for c in updated)
    differs = " OR ".join(f"{table}.{c} IS DISTINCT FROM b.{c}" for c in updated)
    written = _scalar(con, f"UPDATE {table} SET {sets} FROM {batch} AS b "
                           f"WHERE {table}.{key} = b.{key} AND ({only_if}) AND ({differs})")
    inserted = _scalar(
        con, f"INSERT INTO {table} BY NAME SELECT * FROM {batch} ANTI JOIN {table} USING ({key})"
    )
    return inserted, written


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> int:
    # fetchall, not fetchone: DuckDB 2 keeps a partly read result open and blocks the connection.
    return int(con.execute(sql, list(params)).fetchall()[0][0])


def _id_table(column: str, ids: Collection[str] | pa.ChunkedArray) -> pa.Table:
    """A one-column table of ids, from Python strings or an Arrow column (whose items are Arrow scalars)."""
    values = ids.to_pylist() if isinstance(ids, pa.ChunkedArray | pa.Array) else list(ids)
    return pa.table({column: pa.array(values, pa.string())})


def article_table(articles: Sequence[Article] | pd.DataFrame | pa.Table) -> pa.Table:
    """Articles as the Arrow table a load inserts: the table's columns, the first row of each id, and
    ingested_at and extractor_version set when absent. An Arrow table is taken to be one already."""
    if isinstance(articles, pa.Table):
        return articles
    df = articles if isinstance(articles, pd.DataFrame) else schemas.frame(articles, Article)
    df = df.assign(ingested_at=_now()) if "ingested_at" not in df.columns else df
    df = df.assign(extractor_version=extractor_fingerprint()) if "extractor_version" not in df.columns else df
    return _arrow(df, ARTICLE_COLUMNS, "article_id")


def claim_table(claims: Sequence[Claim] | pd.DataFrame | pa.Table) -> pa.Table:
    """Claims as the Arrow table a load inserts (see article_table)."""
    if isinstance(claims, pa.Table):
        return claims
    df = claims if isinstance(claims, pd.DataFrame) else schemas.frame(claims, Claim)
    df = df.assign(extractor_version=EXTRACTOR_VERSION) if "extractor_version" not in df.columns else df
    return _arrow(df, CLAIM_COLUMNS, "claim_id")


def _rejected_frame(rejections: Sequence[Rejection]) -> pa.Table:
    now = _now()
    rows = []
    for r in rejections:
        record = json.dumps(r.record, sort_keys=True, default=str, ensure_ascii=False)
        rows.append((digest(r.source, r.stage, r.reason, record), r.source, r.stage, record, r.reason, now))
    return _arrow(pd.DataFrame(rows, columns=REJECTED_COLUMNS), REJECTED_COLUMNS, "rejected_id")


def _arrow(df: pd.DataFrame, columns: list[str], key: str) -> pa.Table:
    """The table's columns of df as Arrow, first row per key (DuckDB's upsert would keep one silently)."""
    df = df[columns].drop_duplicates(subset=key, keep="first")
    return pa.Table.from_pandas(df, preserve_index=False)


def _now() -> datetime:
    # TIMESTAMP columns hold UTC without a zone.
    return datetime.now(UTC).replace(tzinfo=None)


@functools.cache
def extractor_fingerprint() -> str:
    """EXTRACTOR_VERSION plus a hash of the code and word lists extraction may depend on.

    Incremental runs extract again the articles (and read again the files) of another fingerprint,
    so a change to the extractor or to a lexicon takes effect even when EXTRACTOR_VERSION was not
    bumped. On purpose broad, every module of flows/ and every file of the lexicon folder: an
    upgrade that changes none of them costs nothing, and one that does costs a re-extraction.
    """
    from flows.lexicon import LEXICON_DIR

    files = sorted(p for p in [*FLOWS_DIR.glob("*.py"), *LEXICON_DIR.rglob("*")] if p.is_file())
    sha = hashlib.sha256()
    for file in files:
        sha.update(file.name.encode("utf-8") + b"\0" + file.read_bytes())
    return f"{EXTRACTOR_VERSION}+{sha.hexdigest()[:12]}"


@dataclass(slots=True)
class Extracted:
    """What earlier runs did with the current extractor: the basis of incremental runs."""

    article_ids: set[str]
    files: dict[str, str]  # path → sha256 of the bytes a completed run read


def extracted(con: duckdb.DuckDBPyConnection) -> Extracted:
    """Articles whose claims the current extractor gave, and files a completed run read with it."""
    current = [extractor_fingerprint()]
    # Fetch each result at once: con.execute returns the connection, which holds only the latest result.
    ids = con.execute("SELECT article_id FROM articles WHERE extractor_version = ?", current)
    article_ids = {row[0] for row in ids.fetchall()}
    files = con.execute("SELECT path, content_hash FROM source_files WHERE extractor_version = ?", current)
    return Extracted(article_ids, dict(files.fetchall()))


def record_files(
    con: duckdb.DuckDBPyConnection, hashes: Mapping[str, str], sources: Sequence[tuple[str, str]] = ()
) -> int:
    """Finish a run's files in one transaction; return how many stored articles they no longer hold.

    hashes: path → sha256 of every file the run read, remembered with the current extractor version.
    sources: every (article_id, source) those files gave now. A name these files gave before but not
    now (the file was edited) is dropped, and an article left with no name goes, with its claims: an
    edited file replaces its old text rather than standing beside it.
    """
    ids, names = zip(*sources, strict=True) if sources else ((), ())
    tables = {
        "_files": pa.table({
            "path": pa.array(list(hashes), pa.string()),
            "content_hash": pa.array(list(hashes.values()), pa.string()),
        }),
        "_seen": pa.table({"article_id": pa.array(ids, pa.string()), "source": pa.array(names, pa.string())}),
    }
    with _registered(con, tables), transaction(con):
        con.execute(
            "INSERT OR REPLACE INTO source_files SELECT path, content_hash, ?, ? FROM _files",
            [extractor_fingerprint(), _now()],
        )
        con.execute(_DROP_OLD_NAMES)
        dropped = _scalar(con, f"SELECT count(*) FROM {_NAMELESS}")
        if dropped:
            con.execute(_NOTE_STALE.format(articles=_NAMELESS))
        con.execute(_DROP_NAMELESS)
    return dropped


# A JSON Lines record's source is PATH#ID, so a file's names are its path and what starts with "PATH#".
_DROP_OLD_NAMES = """
DELETE FROM article_sources
WHERE EXISTS (SELECT 1 FROM _files f WHERE source = f.path OR starts_with(source, f.path || '#'))
  AND (article_id, source) NOT IN (SELECT (article_id, source) FROM _seen)
"""

_NAMELESS = "articles WHERE article_id NOT IN (SELECT article_id FROM article_sources)"

# Articles with no name left go with their claims; one whose first name went takes its earliest other.
_DROP_NAMELESS = """
DELETE FROM claims WHERE article_id NOT IN (SELECT article_id FROM article_sources);
DELETE FROM articles WHERE article_id NOT IN (SELECT article_id FROM article_sources);
UPDATE articles SET source = (
    SELECT arg_min(s.source, s.first_seen) FROM article_sources s WHERE s.article_id = articles.article_id
)
WHERE (article_id, source) NOT IN (SELECT (article_id, source) FROM article_sources);
"""
