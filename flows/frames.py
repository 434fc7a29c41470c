"""Records → DataFrames with the contract's columns, also when there are no records."""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pandas as pd


def to_frame(records: Sequence[object], cls: type | None = None) -> pd.DataFrame:
    """A frame whose columns are the dataclass fields, in order (empty batches keep their columns)."""
    cls = cls or (type(records[0]) if records else None)
    columns = [f.name for f in dataclasses.fields(cls)] if cls else []
    return pd.DataFrame([[getattr(r, c) for c in columns] for r in records], columns=columns)
