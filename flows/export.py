"""Write views and tables of the database to files (CSV with a header row, or Parquet), one per view."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

# The comparison views an analyst reads first, and the claims they summarise.
DEFAULT_VIEWS = ("conflicts", "measure_summary", "revisions", "compositions", "claims")
FORMATS = {"csv": "(FORMAT csv, HEADER)", "parquet": "(FORMAT parquet)"}
# Views left unordered for speed are written in the order an analyst reads them; others keep their own.
READING_ORDER = {
    "conflicts": "ratio DESC NULLS LAST, measure, claim_id_a, claim_id_b",
    "measure_summary": "n_claimants DESC, n_claims DESC, measure, kind, unit",
    "compositions": "consistent, whole_measure, part_measure, part_source, whole_source, part_claim_ids",
}


def available(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the tables and views that can be exported."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"
    ).fetchall()
    return [name for (name,) in rows]


def export(
    con: duckdb.DuckDBPyConnection, views: Sequence[str] = DEFAULT_VIEWS, to: Path = Path("data/exports"),
    fmt: str = "csv",
) -> list[Path]:
    """Write each view (or table) to `to`/<name>.<fmt>; return the paths written.

    Unknown names or formats fail before anything is written, with the list of the available ones.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt}; available: {', '.join(FORMATS)}")
    known = available(con)
    unknown = [v for v in views if v not in known]
    if unknown:
        raise ValueError(f"unknown view(s) {', '.join(unknown)}; available: {', '.join(known)}")
    to.mkdir(parents=True, exist_ok=True)
    written = []
    for view in views:
        path = to / f"{view}.{fmt}"
        target = str(path).replace("'", "''")
        order = f" ORDER BY {READING_ORDER[view]}" if view in READING_ORDER else ""
        con.execute(f"COPY (SELECT * FROM \"{view}\"{order}) TO '{target}' {FORMATS[fmt]}")
        written.append(path)
    return written
