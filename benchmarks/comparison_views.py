"""Time the comparison views on a synthetic ledger (run by hand; never by the test suite).

    .venv/bin/python benchmarks/comparison_views.py [N_CLAIMS] [DB]

Builds N claims (default 1,000,000) in SQL: 24 measures (4 subjects × 3 units × 3 casualty events,
folded to 24), 3,000 claimants plus 50 publishers, one year of dates, random values and qualifiers,
so most pairs of claims disagree: a worst case for conflicts. The views read rows a refresh stores
(flows/refresh.py), so it reports, on one DuckDB thread (CPU time on one thread is what a quiet core
would take, whatever else the shared machine is doing):
- the refresh from scratch, as a first run does;
- for each view, computing its rows from scratch (its rules, derived.<view>_of_pending, over every
  comparison group; best of 3) and reading all of them (materialising the view; best of 3).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb

from flows.load import connect
from flows.refresh import refresh

VIEWS = ("claim_intervals", "measure_summary", "conflicts", "revisions", "compositions")


def build(db: Path, n: int) -> None:
    db.unlink(missing_ok=True)
    con = connect(db)
    n_articles = max(n // 20, 1)
    # BY NAME: columns that later issues add to the tables stay NULL.
    con.execute(f"""
        INSERT INTO articles BY NAME
        SELECT 'a' || i AS article_id, 's' || i AS source, DATE '2024-01-01' + (i % 365)::INT AS published,
               'Publisher ' || (i % 50) AS publisher, 'x' AS body, now() AS ingested_at
        FROM range({n_articles}) AS t(i);

        INSERT INTO claims BY NAME
        SELECT
            'c' || i AS claim_id, 'a' || (i % {n_articles}) AS article_id, 0 AS char_start, 1 AS char_end,
            'x' AS surface, v AS value,
            CASE WHEN q IN ('at_least', 'range') THEN v * 0.9 END AS low,
            CASE WHEN q = 'range' THEN v * 1.1 END AS high,
            q AS qualifier, 'count' AS kind, ['troops', 'people', 'soldiers'][1 + i % 3] AS unit,
            ['russian', 'ukrainian', 'russian+ukrainian', 'north_korean'][1 + i // 7 % 4] AS subject,
            ['killed', 'wounded', 'killed_or_wounded'][1 + i // 3 % 3] AS event, 'm' AS measure,
            CASE WHEN i % 5 <> 0 THEN 'Claimant ' || (i % 3000) END AS claimant,
            DATE '2024-01-01' + (i % 365)::INT AS as_of, 'v' AS extractor_version
        FROM (
            SELECT i, (1000 + hash(i) % 100000)::DOUBLE AS v,
                   ['exact', 'approx', 'at_least', 'range'][1 + (hash(i * 7) % 4)::INT] AS q
            FROM range({n}) AS t(i)
        )
    """)
    con.close()


def cpu_seconds(con: duckdb.DuckDBPyConnection, query: str) -> tuple[float, int]:
    """CPU seconds of materialising the query's rows (best of 3), and how many there are."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        con.execute(f"CREATE OR REPLACE TEMP TABLE _rows AS {query}")
        best = min(best, time.process_time() - start)
    return best, con.execute("SELECT count(*) FROM _rows").fetchall()[0][0]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    db = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("data/bench_views.duckdb")
    build(db, n)
    con = connect(db)
    con.execute("SET threads = 1")
    print(f"{n:,} claims")
    start = time.process_time()
    stats = refresh(con, full=True)
    print(f"refresh from scratch: {time.process_time() - start:.2f} s CPU ({stats.groups:,} groups)")
    # Every article and group pending, as in a rebuild done in one slice (rolled back afterwards).
    con.begin()
    con.execute("INSERT INTO derived.pending_articles SELECT DISTINCT article_id FROM claims")
    con.execute("INSERT INTO derived.pending_groups SELECT group_id FROM derived.groups")
    con.execute("INSERT INTO derived.pending_claims FROM derived.claim_intervals")
    print(f"{'view':16} {'rows':>10}  {'compute':>9}  {'read':>7}  (s CPU)")
    for view in VIEWS:
        compute, _ = cpu_seconds(con, f"FROM derived.{view}_of_pending")
        read, rows = cpu_seconds(con, f"FROM {view}")
        print(f"{view:16} {rows:>10,}  {compute:9.2f}  {read:7.2f}")
    con.rollback()
    con.close()


if __name__ == "__main__":
    main()
