"""pandera model of the `rejected` table (sql/030_rejected.sql): one row per unusable input or record."""
from __future__ import annotations

import json

import pandera.pandas as pa
from pandera.typing import Series

STAGES = ("ingest", "extract", "validate", "load")


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


class RejectedSchema(pa.DataFrameModel):
    """A rejection must say where it came from, at which stage, and why."""

    rejected_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    source: Series[str] = pa.Field()
    stage: Series[str] = pa.Field(isin=STAGES)
    record: Series[str] = pa.Field()
    reason: Series[str] = pa.Field(str_length={"min_value": 1})
    rejected_at: Series[pa.DateTime] = pa.Field()

    class Config:
        coerce = True

    @pa.check("record", name="record_is_json")
    def record_is_json(cls, record: Series[str]) -> Series[bool]:
        return record.map(_is_json).astype(bool)
