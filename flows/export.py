"""Write views and tables of the database to CSV files with a header row, one file per view."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

DEFAULT_VIEWS = ("conflicts", "measure_summary", "claims")


def available(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the tables and views that can be exported."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"
    ).fetchall()
    return [name for (name,) in rows]


def export(
    con: duckdb.DuckDBPyConnection, views: Sequence[str] = DEFAULT_VIEWS, to: Path = Path("data/exports")
) -> list[Path]:
    """Write each view (or table) to `to`/<name>.csv with a header; return the paths written.

    Unknown names fail before anything is written, with the list of the available ones.
    """
    known = available(con)
    unknown = [v for v in views if v not in known]
    if unknown:
        raise ValueError(f"unknown view(s) {', '.join(unknown)}; available: {', '.join(known)}")
    to.mkdir(parents=True, exist_ok=True)
    written = []
    for view in views:
        path = to / f"{view}.csv"
        target = str(path).replace("'", "''")
        # The view's own ORDER BY (largest conflict first) carries through to the file.
        con.execute(f"COPY (SELECT * FROM \"{view}\") TO '{target}' (FORMAT csv, HEADER)")
        written.append(path)
    return written
