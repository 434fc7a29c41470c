"""pandera model of the `claims` table (sql/020_claims.sql): one row per reported number.

The checks are what users of the ledger rely on: ids present and unique, offsets that slice the
article body, a qualifier and kind from the fixed vocabularies of flows/model.py, bounds in order,
and a measure to group by.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from flows.model import CHANGES, KINDS, QUALIFIERS
from schemas.types import Date


class ClaimSchema(pa.DataFrameModel):
    """What a claim must satisfy to be loaded and compared."""

    claim_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    article_id: Series[str] = pa.Field(str_length={"min_value": 1})
    char_start: Series[int] = pa.Field(ge=0)
    char_end: Series[int] = pa.Field(ge=1)
    surface: Series[str] = pa.Field(str_length={"min_value": 1})
    sentence: Series[str] = pa.Field(nullable=True)
    value: Series[float] = pa.Field(nullable=True)
    low: Series[float] = pa.Field(nullable=True)
    high: Series[float] = pa.Field(nullable=True)
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS)
    kind: Series[str] = pa.Field(isin=KINDS)
    unit: Series[str] = pa.Field(nullable=True)
    subject: Series[str] = pa.Field(nullable=True)
    event: Series[str] = pa.Field(nullable=True)
    measure: Series[str] = pa.Field()
    claimant: Series[str] = pa.Field(nullable=True)
    as_of: Series[Date] = pa.Field(nullable=True)
    change: Series[str] = pa.Field(nullable=True, isin=CHANGES)
    via: Series[str] = pa.Field(nullable=True)
    claimant_kind: Series[str] = pa.Field(nullable=True)
    trend: Series[str] = pa.Field(nullable=True, isin=CHANGES)
    # Set by the loader; absent from freshly extracted frames.
    extractor_version: Series[str] = pa.Field(nullable=True, required=False)

    class Config:
        coerce = True

    @pa.check("measure", name="measure_not_blank")
    def measure_not_blank(cls, measure: Series[str]) -> Series[bool]:
        # Claims are grouped by measure: a blank one would lump unrelated numbers together.
        return measure.str.strip().str.len() > 0

    @pa.dataframe_check(name="char_start_before_char_end")
    def char_start_before_char_end(cls, df: pd.DataFrame) -> Series[bool]:
        return df["char_start"] < df["char_end"]

    @pa.dataframe_check(name="surface_spans_offsets")
    def surface_spans_offsets(cls, df: pd.DataFrame) -> Series[bool]:
        # surface is body[char_start:char_end]; a length mismatch means the offsets are wrong.
        return df["surface"].str.len() == df["char_end"] - df["char_start"]

    @pa.dataframe_check(name="value_set_unless_vague")
    def value_set_unless_vague(cls, df: pd.DataFrame) -> Series[bool]:
        return df["value"].notna() | (df["qualifier"] == "vague")

    @pa.dataframe_check(name="vague_has_a_bound")
    def vague_has_a_bound(cls, df: pd.DataFrame) -> Series[bool]:
        # "thousands" is only comparable through its low/high from the vague-quantity table.
        return (df["qualifier"] != "vague") | df["low"].notna() | df["high"].notna()

    @pa.dataframe_check(name="low_le_value_le_high")
    def low_le_value_le_high(cls, df: pd.DataFrame) -> Series[bool]:
        # Comparisons between NaN are False, so each pair is only checked where both are set.
        low, value, high = df["low"], df["value"], df["high"]
        return ~(low > value) & ~(value > high) & ~(low > high)
