"""pandera models, one per table, and `validate`: split a frame into good rows and rejections.

    good, rejections = schemas.validate("claims", schemas.frame(claims))

Good rows go on to the loader; each bad row becomes a Rejection(stage="validate") whose reason
names every check it failed ("qualifier: isin; char_start_before_char_end").
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

from flows.model import Rejection
from schemas.articles import ArticleSchema
from schemas.claims import ClaimSchema
from schemas.rejected import RejectedSchema

MODELS: dict[str, type[pa.DataFrameModel]] = {
    "articles": ArticleSchema,
    "claims": ClaimSchema,
    "rejected": RejectedSchema,
}
ID_COLUMNS = {"articles": "article_id", "claims": "claim_id", "rejected": "rejected_id"}

# A coercion failure (a word in a number column) makes later frame-level checks fail as a whole,
# without row numbers; dropping the rows found so far and validating again finds the rest.
_MAX_PASSES = 3


def frame(records: Sequence[Any], record_type: type) -> pd.DataFrame:
    """A DataFrame with one column per field of the dataclass `record_type`, even when empty.

    Columns go through Arrow (twice as fast as pandas on 200k claims); a column Arrow cannot type
    (a word among numbers) stays a Python-object column for validation to reject row by row.
    """
    columns = {}
    for field in fields(record_type):
        values = [getattr(r, field.name) for r in records]
        try:
            columns[field.name] = pa_arrow.array(values).to_pandas()
        except (pa_arrow.ArrowInvalid, pa_arrow.ArrowTypeError):
            columns[field.name] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns)


def validate(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, list[Rejection]]:
    """Validate `df` against the model of `table`; return the good rows and a Rejection per bad row.

    Identical rows are one record and are kept once. Rows repeating an id with different content
    are rejected (the first is kept). A frame that fails as a whole (a missing column) raises
    pandera's SchemaErrors: that is a bug in the caller, not bad data.
    """
    if table not in MODELS:
        raise ValueError(f"no schema for table {table!r}; known: {', '.join(MODELS)}")
    model = MODELS[table]
    id_column = ID_COLUMNS[table]
    df = _drop_identical_rows(df, id_column)
    rejections: list[Rejection] = []
    if id_column in df.columns:
        repeated = df[id_column].duplicated(keep="first") & df[id_column].notna()
        reason = f"{id_column}: repeated with different content (first kept)"
        rejections += [_rejection(table, row, reason) for row in _rows(df[repeated])]
        df = df[~repeated]
    for _ in range(_MAX_PASSES):
        try:
            good = model.validate(df, lazy=True)
        except pa.errors.SchemaErrors as err:
            reasons = _reasons_by_row(err.failure_cases)
            if not reasons:
                raise
            bad = df.loc[list(reasons)]
            rows = zip(bad.index, _rows(bad), strict=True)
            rejections += [_rejection(table, row, reasons[index]) for index, row in rows]
            df = df.drop(index=bad.index)
        else:
            return good.reset_index(drop=True), rejections
    raise RuntimeError(f"validating {table} did not settle after {_MAX_PASSES} passes")


def _drop_identical_rows(df: pd.DataFrame, id_column: str) -> pd.DataFrame:
    """df without repeats of a whole row (the first kept), renumbered from 0.

    Identical rows share their id, so only rows whose id repeats are compared in full: hashing
    every cell of every row (sentences and bodies included) would cost more than the checks.
    """
    suspects = df[id_column].duplicated(keep=False) if id_column in df.columns else slice(None)
    repeats = df[suspects].duplicated(keep="first")
    return df.drop(index=repeats[repeats].index).reset_index(drop=True)


def _reasons_by_row(cases: pd.DataFrame) -> dict[Any, str]:
    """Row index → the failed checks, sorted and joined: "kind: isin; low_le_value_le_high"."""
    cases = cases[cases["index"].notna()]
    failed: dict[Any, set[str]] = {}
    for context, column, check, index in cases[["schema_context", "column", "check", "index"]].itertuples(
        index=False
    ):
        name = str(check).split("(")[0]  # "isin(['exact', ...])" → "isin"
        failed.setdefault(index, set()).add(name if context == "DataFrameSchema" else f"{column}: {name}")
    return {index: "; ".join(sorted(names)) for index, names in failed.items()}


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _plain(value: Any) -> Any:
    """A JSON-able version of a cell: None for missing, ISO text for dates, Python numbers."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.date):  # also datetime and pandas Timestamp
        return value.isoformat()
    return value


def _rejection(table: str, row: dict[str, Any], reason: str) -> Rejection:
    # An article names its file; a claim its article (its file is in the articles table).
    source = row.get("source") or row.get("article_id") or table
    return Rejection(source=str(source), stage="validate", reason=f"{table}: {reason}", record=row)
