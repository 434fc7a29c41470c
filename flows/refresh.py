"""Bring the comparison views' stored rows (schema `derived`, sql/100_derived.sql) up to date.

    with connect(db) as con:     # read-write
        stats = refresh(con)     # one transaction

The rules live in SQL (each view's derived.<view>_of_pending); this module only decides what is
pending and moves rows: it replaces the stored rows of the claims of the articles loads noted in
derived.stale_articles, then every stored row of the comparison groups those claims are or were in.
When the lexicon tables or the views' SQL changed since the last refresh, it rebuilds everything.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows import reference

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"

# Per-group stored tables, in the order they are refreshed (measure_summary reads latest_figures;
# compositions, refreshed after all of them, reads latest_figures and subject_parts of every group).
PER_GROUP = ("latest_figures", "subject_parts", "measure_summary", "conflicts", "revisions")
# Every stored table, in the order a rebuild recreates them.
STORED = ("claimant_names", "measure_keys", "claim_intervals", *PER_GROUP, "compositions")
# Pending groups are recomputed in slices of about this many claims: the views' aggregates (medians,
# lists) hold a slice in memory, never the whole ledger.
SLICE_CLAIMS = 1_000_000


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
    views' SQL changed since the last refresh), in one transaction."""
    start = time.perf_counter()
    fingerprint = _fingerprint(con)
    stats = RefreshStats()
    con.begin()
    try:
        last = con.execute("SELECT arg_max(fingerprint, refreshed_at) FROM derived.refreshed").fetchall()
        stats.full_rebuild = full or last[0][0] != fingerprint
        if stats.full_rebuild:
            _recreate_stored_tables(con)
            # From the claims, not the articles: a claim whose article is gone is still compared.
            con.execute("INSERT INTO derived.pending_articles SELECT DISTINCT article_id FROM claims")
        else:
            con.execute(
                "INSERT INTO derived.pending_articles SELECT DISTINCT article_id FROM derived.stale_articles"
            )
        con.execute("DELETE FROM derived.stale_articles")
        stats.articles = _count(con, "derived.pending_articles")
        stats.renamed = _refresh_names(con, stats.full_rebuild)
        _fold_new_combinations(con)
        _refresh_claims(con, stats.full_rebuild)
        slices = _slices(con)
        stats.groups = sum(len(groups) for groups in slices)
        for names in (PER_GROUP, ("compositions",)):  # compositions reads the others' rows of every group
            for groups in slices:
                _set_pending_groups(con, groups)
                for name in names:
                    _replace_pending_rows(con, name)
        con.execute("DELETE FROM derived.pending_articles; DELETE FROM derived.pending_groups")
        con.execute(
            "INSERT INTO derived.refreshed VALUES (?, now()::TIMESTAMP, ?, ?, ?)",
            [fingerprint, stats.full_rebuild, stats.articles, stats.groups],
        )
    except BaseException:
        con.rollback()
        raise
    con.commit()
    stats.seconds = time.perf_counter() - start
    return stats


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
    con.execute("DELETE FROM derived.groups; DELETE FROM derived.pending_groups")
    con.execute("DROP SEQUENCE derived.group_ids; CREATE SEQUENCE derived.group_ids")
    for name in STORED:
        con.execute(f"CREATE OR REPLACE TABLE derived.{name} AS FROM derived.{name}_of_pending LIMIT 0")


def _refresh_names(con: duckdb.DuckDBPyConnection, full_rebuild: bool) -> int:
    """Recompute every claimant name; note in _renamed, and count, the names whose key or display name
    changed (none in a rebuild, which makes every claim again)."""
    con.execute("CREATE OR REPLACE TEMP TABLE _names AS FROM derived.claimant_names_of_pending")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _renamed AS
        SELECT name FROM _names AS now
        JOIN derived.claimant_names AS before USING (name)
        WHERE now.claimant_key IS DISTINCT FROM before.claimant_key
           OR now.claimant_name IS DISTINCT FROM before.claimant_name
    """)
    if full_rebuild:
        con.execute("DELETE FROM _renamed")
    con.execute("DELETE FROM derived.claimant_names; INSERT INTO derived.claimant_names FROM _names")
    return _count(con, "_renamed")


def _fold_new_combinations(con: duckdb.DuckDBPyConnection) -> None:
    """Fold the subject/unit/event/kind combinations of the pending claims not folded yet, numbering
    the comparison groups that are new."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _folds AS
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
        FROM (SELECT DISTINCT measure, kind, comparison_unit FROM _folds WHERE group_id IS NULL)
    """)
    con.execute("""
        INSERT INTO derived.measure_keys
        SELECT f.* REPLACE (g.group_id AS group_id)
        FROM _folds AS f
        JOIN derived.groups AS g
          ON g.measure = f.measure AND g.kind = f.kind AND g.unit_key = f.comparison_unit
    """)


def _refresh_claims(con: duckdb.DuckDBPyConnection, full_rebuild: bool) -> None:
    """Replace the stored claims of the pending articles, re-attribute those of renamed sources, and
    make pending every group those claims were or are in."""
    stale_groups = """
        INSERT INTO derived.pending_groups
        SELECT DISTINCT group_id FROM derived.claim_intervals
        WHERE article_id IN (SELECT article_id FROM derived.pending_articles)
    """
    if not full_rebuild:
        con.execute(stale_groups)
        con.execute("DELETE FROM derived.claim_intervals "
                    "WHERE article_id IN (SELECT article_id FROM derived.pending_articles)")
    con.execute("INSERT INTO derived.claim_intervals FROM derived.claim_intervals_of_pending")
    con.execute(stale_groups)
    if _count(con, "_renamed"):
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _reattributed AS
            SELECT ci.claim_id, ci.group_id, n.claimant_key, n.claimant_name
            FROM derived.claim_intervals AS ci
            JOIN _renamed AS r ON r.name = coalesce(ci.claimant, ci.publisher)
            JOIN derived.claimant_names AS n ON n.name = r.name
        """)
        con.execute("""
            UPDATE derived.claim_intervals AS ci
            SET source_key = r.claimant_key, source = r.claimant_name
            FROM _reattributed AS r
            WHERE ci.claim_id = r.claim_id
        """)
        con.execute("INSERT INTO derived.pending_groups SELECT DISTINCT group_id FROM _reattributed")


def _slices(con: duckdb.DuckDBPyConnection) -> list[list[int]]:
    """The pending groups, cut into slices of about SLICE_CLAIMS claims (a group is never cut)."""
    rows = con.execute(f"""
        WITH pending AS (SELECT DISTINCT group_id FROM derived.pending_groups),
        sizes AS (
            SELECT p.group_id, count(ci.group_id) AS n
            FROM pending AS p
            LEFT JOIN derived.claim_intervals AS ci USING (group_id)
            GROUP BY p.group_id
        )
        SELECT slice, list(group_id) AS groups
        FROM (SELECT group_id, (sum(n) OVER (ORDER BY group_id) - n) // {SLICE_CLAIMS} AS slice FROM sizes)
        GROUP BY slice ORDER BY slice
    """).fetchall()
    return [groups for _, groups in rows]


def _set_pending_groups(con: duckdb.DuckDBPyConnection, groups: list[int]) -> None:
    con.execute("DELETE FROM derived.pending_groups")
    con.execute("INSERT INTO derived.pending_groups SELECT unnest(?::INTEGER[])", [groups])


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
