"""Time the comparison views on a synthetic ledger (run by hand; never by the test suite).

    .venv/bin/python benchmarks/comparison_views.py [N_CLAIMS] [DB]

Builds N claims (default 1,000,000) in SQL: 24 measures (4 subjects × 3 units × 3 casualty events,
folded to 24), 3,000 claimants plus 50 publishers, one year of dates, random values and qualifiers,
so most pairs of claims disagree: a worst case for conflicts. Then reports, for each view, the CPU
time of counting its rows on one DuckDB thread (best of 3): CPU time on one thread is what a quiet
core would take, whatever else the shared machine is doing.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb

from flows.load import connect

VIEWS = ("claim_intervals", "measure_summary", "conflicts", "revisions", "compositions")


def build(db: Path, n: int) -> None:
    db.unlink(missing_ok=True)
    con = connect(db)
    n_articles = max(n // 20, 1)
    con.execute(f"""
        INSERT INTO articles
        SELECT 'a' || i, 's' || i, NULL, DATE '2024-01-01' + (i % 365)::INT, 'Publisher ' || (i % 50),
               NULL, 'x', now()
        FROM range({n_articles}) AS t(i);

        INSERT INTO claims
        SELECT
            'c' || i, 'a' || (i % {n_articles}), 0, 1, 'x', NULL, v,
            CASE WHEN q IN ('at_least', 'range') THEN v * 0.9 END, CASE WHEN q = 'range' THEN v * 1.1 END,
            q, 'count', ['troops', 'people', 'soldiers'][1 + i % 3],
            ['russian', 'ukrainian', 'russian+ukrainian', 'north_korean'][1 + i // 7 % 4],
            ['killed', 'wounded', 'killed_or_wounded'][1 + i // 3 % 3], 'm',
            CASE WHEN i % 5 <> 0 THEN 'Claimant ' || (i % 3000) END,
            DATE '2024-01-01' + (i % 365)::INT, NULL, NULL, NULL, 'v'
        FROM (
            SELECT i, (1000 + hash(i) % 100000)::DOUBLE AS v,
                   ['exact', 'approx', 'at_least', 'range'][1 + (hash(i * 7) % 4)::INT] AS q
            FROM range({n}) AS t(i)
        )
    """)
    con.close()


def cpu_seconds(con: duckdb.DuckDBPyConnection, view: str) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(3):
        start = time.process_time()
        rows = con.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0]
        best = min(best, time.process_time() - start)
    return best, rows


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    db = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("data/bench_views.duckdb")
    build(db, n)
    con = duckdb.connect(str(db), read_only=True)
    con.execute("SET threads = 1")
    print(f"{n:,} claims")
    for view in VIEWS:
        seconds, rows = cpu_seconds(con, view)
        print(f"{view:16} {rows:>10,} rows  {seconds:6.2f} s CPU")
    con.close()


if __name__ == "__main__":
    main()
