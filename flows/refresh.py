"""Bring the comparison views' stored rows (schema `derived`, sql/100_derived.sql) up to date.

    with connect(db) as con:     # read-write
        stats = refresh(con)

The rules live in SQL (each view's derived.<view>_of_pending); this module only decides what is
pending and moves rows: it replaces the stored rows of the claims of the articles loads noted in
derived.stale_articles, then every stored row of the comparison groups those claims are or were in.
When the lexicon tables or the views' SQL changed since the last refresh, it rebuilds everything.

Memory stays bounded whatever the ledger's size: DuckDB gets MEMORY_LIMIT for the refresh (it spills
the rest to disk), and the work is cut into slices of about SLICE_CLAIMS claims, articles first, then
comparison groups, each in a transaction of its own, so no step holds more than a slice in its hash
tables and aggregates, and no transaction more than a slice of new rows. What is still to do is kept
in the database (derived.stale_articles, derived.stale_groups), so a refresh cut short is finished by
the next one; a rebuild cut short is started again.
"""
from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows import reference
from flows.load import transaction

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"

# Per-group stored tables, in the order they are refreshed (measure_summary reads latest_figures;
# compositions, refreshed after all of them, reads latest_figures and subject_parts of every group).
PER_GROUP = ("latest_figures", "subject_parts", "measure_summary", "conflicts", "revisions")
# Every stored table, in the order a rebuild recreates them.
STORED = ("claimant_names", "measure_keys", "claim_intervals", *PER_GROUP, "compositions")
SLICE_CLAIMS = 250_000
# DuckDB holds what it is given: a rebuild of 2.4 M claims' rows took 13 s with 1 GB (the process peaked
# 930 MB above its start) and with 700 MB (760 MB above), memory a run's other parts need. 700 MB still
# rebuilds 10 M claims (about 300 s, 0.98 GB); 500 MB ran out there, in a slice of the largest measures.
MEMORY_LIMIT = "700MB"


@dataclass(slots=True)
class RefreshStats:
    """What a refresh did: a rebuild from scratch or not, and how much it recomputed."""

    full_rebuild: bool = False
    articles: int = 0  # articles whose claims were recomputed
    groups: int = 0  # comparison groups whose rows were recomputed
    renamed: int = 0  # names whose key or display name changed
    seconds: float = 0.0


def refresh(con: duckdb.DuckDBPyConnection, full: bool = False) -> RefreshStats:
    """Recompute what loads made stale (everything when `full`, or when the lexicon tables or the
    views' SQL changed since the last refresh)."""
    start = time.perf_counter()
    fingerprint = _fingerprint(con)
    stats = RefreshStats()
    # Stored rows need no order: without it DuckDB need not hold inserted rows back to order them.
    with _settings(con, memory_limit=MEMORY_LIMIT, preserve_insertion_order="false"):
        last = con.execute("SELECT arg_max(fingerprint, refreshed_at) FROM derived.refreshed").fetchall()
        stats.full_rebuild = full or last[0][0] != fingerprint
        with transaction(con):
            if stats.full_rebuild:
                con.execute("DELETE FROM derived.refreshed")  # so a rebuild cut short is started again
                _recreate_stored_tables(con)
                # Every article of a claim (a claim whose article is gone is still compared).
                con.execute("DELETE FROM derived.stale_articles; "
                            "INSERT INTO derived.stale_articles SELECT DISTINCT article_id FROM claims")
            con.execute("CREATE OR REPLACE TEMP TABLE _refresh_stale AS "
                        "SELECT DISTINCT article_id FROM derived.stale_articles")
            stats.articles = _count(con, "_refresh_stale")
            stats.renamed = _refresh_names(con, stats.full_rebuild)
        for articles in _article_slices(con):
            with transaction(con), _pending(con, articles=articles):
                _fold_new_combinations(con)
                _replace_claims(con, stats.full_rebuild)
        if stats.full_rebuild:
            con.execute("INSERT INTO derived.stale_groups SELECT group_id, 'rows' FROM derived.groups")
        stats.groups = _count(con, "(SELECT DISTINCT group_id FROM derived.stale_groups)")
        for group_slice in _group_slices(con, "rows"):
            with transaction(con), _pending(con, group_slice=group_slice, with_claims=True):
                for name in PER_GROUP:
                    _replace_pending_rows(con, name)
                con.execute("UPDATE derived.stale_groups SET stage = 'compositions' "
                            "WHERE group_id IN (SELECT group_id FROM derived.pending_groups)")
        for group_slice in _group_slices(con, "compositions"):  # compositions reads every group's rows
            with transaction(con), _pending(con, group_slice=group_slice):
                _replace_pending_rows(con, "compositions")
                con.execute("DELETE FROM derived.stale_groups "
                            "WHERE group_id IN (SELECT group_id FROM derived.pending_groups)")
        with transaction(con):
            con.execute(
                "INSERT INTO derived.refreshed VALUES (?, now()::TIMESTAMP, ?, ?, ?)",
                [fingerprint, stats.full_rebuild, stats.articles, stats.groups],
            )
        con.execute("CHECKPOINT")  # within the memory limit, rather than at close without it
    stats.seconds = time.perf_counter() - start
    return stats


@contextmanager
def _settings(con: duckdb.DuckDBPyConnection, **values: str) -> Iterator[None]:
    """DuckDB settings changed for the duration, then as they were."""
    before = {name: con.execute(f"SELECT current_setting('{name}')").fetchall()[0][0] for name in values}
    for name, value in values.items():
        con.execute(f"SET {name} = '{value}'")
    try:
        yield
    finally:
        for name, value in before.items():
            con.execute(f"SET {name} = '{value}'")


def _fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """A hash of the views' SQL and of the lexicon tables in the database: what every stored row
    depends on besides the claims and articles."""
    sha = hashlib.sha256()
    for path in sorted(SQL_DIR.glob("1*.sql")):
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    for table in reference.tables():
        rows = con.execute(
            f"SELECT md5(coalesce(string_agg(t::VARCHAR, chr(10) ORDER BY t::VARCHAR), '')) FROM {table} AS t"
        ).fetchall()
        sha.update(f"{table}\0{rows[0][0]}".encode())
    sha.update(con.execute("SELECT title_pattern()").fetchall()[0][0].encode())
    return sha.hexdigest()[:16]


def _recreate_stored_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Empty every stored table, recreated from its rules' current columns, and renumber the groups."""
    con.execute("DELETE FROM derived.groups; DELETE FROM derived.stale_groups")
    con.execute("DROP SEQUENCE derived.group_ids; CREATE SEQUENCE derived.group_ids")
    for name in STORED:
        con.execute(f"CREATE OR REPLACE TABLE derived.{name} AS FROM derived.{name}_of_pending LIMIT 0")
    con.execute("CREATE OR REPLACE TABLE derived.pending_claims AS FROM derived.claim_intervals LIMIT 0")


def _refresh_names(con: duckdb.DuckDBPyConnection, full_rebuild: bool) -> int:
    """Recompute every claimant name; give the stored claims of the names whose key or display name
    changed their new source and make their groups stale; return how many names changed."""
    con.execute("CREATE OR REPLACE TEMP TABLE _refresh_names AS FROM derived.claimant_names_of_pending")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _refresh_renamed AS
        SELECT name, now.claimant_key, now.claimant_name
        FROM _refresh_names AS now
        JOIN derived.claimant_names AS before USING (name)
        WHERE now.claimant_key IS DISTINCT FROM before.claimant_key
           OR now.claimant_name IS DISTINCT FROM before.claimant_name
    """)
    con.execute("DELETE FROM derived.claimant_names; INSERT INTO derived.claimant_names FROM _refresh_names")
    renamed = 0 if full_rebuild else _count(con, "_refresh_renamed")  # a rebuild makes every claim again
    if renamed:
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _refresh_reattributed AS
            SELECT ci.claim_id, ci.group_id, r.claimant_key, r.claimant_name
            FROM derived.claim_intervals AS ci
            JOIN _refresh_renamed AS r ON r.name = coalesce(ci.claimant, ci.publisher)
        """)
        con.execute("""
            UPDATE derived.claim_intervals AS ci
            SET source_key = r.claimant_key, source = r.claimant_name
            FROM _refresh_reattributed AS r
            WHERE ci.claim_id = r.claim_id
        """)
        con.execute("INSERT INTO derived.stale_groups "
                    "SELECT DISTINCT group_id, 'rows' FROM _refresh_reattributed")
    return renamed


def _article_slices(con: duckdb.DuckDBPyConnection) -> Iterator[list[str]]:
    """The stale articles (_refresh_stale) in slices of about SLICE_CLAIMS claims."""
    claims = _count(con, "claims WHERE article_id IN (SELECT article_id FROM _refresh_stale)")
    n = max(1, math.ceil(claims / SLICE_CLAIMS))
    for i in range(n):
        rows = con.execute("SELECT article_id FROM _refresh_stale WHERE hash(article_id) % ? = ?", [n, i])
        yield [article_id for (article_id,) in rows.fetchall()]


def _fold_new_combinations(con: duckdb.DuckDBPyConnection) -> None:
    """Fold the subject/unit/event/kind combinations of the pending claims not folded yet, numbering
    the comparison groups that are new."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _refresh_folds AS
        SELECT * FROM derived.measure_keys_of_pending AS k
        WHERE NOT EXISTS (
            SELECT 1 FROM derived.measure_keys AS f
            WHERE f.subject IS NOT DISTINCT FROM k.subject AND f.unit IS NOT DISTINCT FROM k.unit
              AND f.event IS NOT DISTINCT FROM k.event AND f.kind = k.kind
        )
    """)
    con.execute("""
        INSERT INTO derived.groups
        SELECT nextval('derived.group_ids'), measure, kind, comparison_unit
        FROM (SELECT DISTINCT measure, kind, comparison_unit FROM _refresh_folds WHERE group_id IS NULL)
    """)
    con.execute("""
        INSERT INTO derived.measure_keys
        SELECT f.* REPLACE (g.group_id AS group_id)
        FROM _refresh_folds AS f
        JOIN derived.groups AS g
          ON g.measure = f.measure AND g.kind = f.kind AND g.unit_key = f.comparison_unit
    """)


def _replace_claims(con: duckdb.DuckDBPyConnection, full_rebuild: bool) -> None:
    """Replace the stored claims of the pending articles, make stale the groups they were and are in
    (a rebuild, with no claims before, makes every group stale at the end instead), and strike the
    articles off derived.stale_articles."""
    groups_of_pending_articles = """
        INSERT INTO derived.stale_groups
        SELECT DISTINCT group_id, 'rows' FROM derived.claim_intervals
        WHERE article_id IN (SELECT article_id FROM derived.pending_articles)
    """
    if not full_rebuild:
        con.execute(groups_of_pending_articles)
        con.execute("DELETE FROM derived.claim_intervals "
                    "WHERE article_id IN (SELECT article_id FROM derived.pending_articles)")
    con.execute("INSERT INTO derived.claim_intervals FROM derived.claim_intervals_of_pending")
    if not full_rebuild:
        con.execute(groups_of_pending_articles)
    con.execute("DELETE FROM derived.stale_articles "
                "WHERE article_id IN (SELECT article_id FROM derived.pending_articles)")


def _group_slices(con: duckdb.DuckDBPyConnection, stage: str) -> list[int]:
    """Number the stale groups at this stage by slice of about SLICE_CLAIMS claims (a group is never
    cut) in the temporary table _refresh_slices, and return the slices' numbers. The groups stay in
    DuckDB: as Python lists, the 4 M groups of a 10 M-claim rebuild took over 200 MB for the stage."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _refresh_slices AS
        WITH stale AS (SELECT DISTINCT group_id FROM derived.stale_groups WHERE stage = ?),
        sizes AS (
            SELECT s.group_id, count(ci.group_id) AS n
            FROM stale AS s
            LEFT JOIN derived.claim_intervals AS ci USING (group_id)
            GROUP BY s.group_id
        )
        SELECT group_id, (sum(n) OVER (ORDER BY group_id) - n) // {SLICE_CLAIMS} AS slice FROM sizes
    """, [stage])
    rows = con.execute("SELECT DISTINCT slice FROM _refresh_slices ORDER BY slice").fetchall()
    return [group_slice for (group_slice,) in rows]


@contextmanager
def _pending(
    con: duckdb.DuckDBPyConnection, articles: Sequence[str] = (), group_slice: int | None = None,
    with_claims: bool = False,
) -> Iterator[None]:
    """Make these articles, or the groups of this slice of _refresh_slices, pending (and copy the
    groups' stored claims to derived.pending_claims if asked) for the duration. Emptied again within
    the slice's transaction, so these rows are never written to the database file."""
    con.execute("INSERT INTO derived.pending_articles SELECT unnest(?::VARCHAR[])", [list(articles)])
    if group_slice is not None:
        con.execute("INSERT INTO derived.pending_groups SELECT group_id FROM _refresh_slices WHERE slice = ?",
                    [group_slice])
    if with_claims:
        con.execute("INSERT INTO derived.pending_claims SELECT c.* "
                    "FROM derived.claim_intervals AS c JOIN derived.pending_groups USING (group_id)")
    yield
    for table in ("pending_articles", "pending_groups", "pending_claims"):
        con.execute(f"DELETE FROM derived.{table}")


def _replace_pending_rows(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Delete the stored rows of the pending groups from derived.<name>, and insert their new rows."""
    if name == "compositions":
        # A row belongs to two measures: it goes when either is pending (derived.composition_scope).
        con.execute("""
            DELETE FROM derived.compositions
            WHERE (part_measure, part_is_sum) IN (SELECT (measure, is_sum) FROM derived.composition_scope)
               OR whole_measure IN (SELECT measure FROM derived.composition_scope WHERE NOT is_sum)
        """)
    else:
        con.execute(f"DELETE FROM derived.{name} WHERE group_id IN (SELECT * FROM derived.pending_groups)")
    con.execute(f"INSERT INTO derived.{name} FROM derived.{name}_of_pending")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
