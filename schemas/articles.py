"""pandera model of the `articles` table (sql/010_articles.sql): one row per ingested article."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.types import Date


class ArticleSchema(pa.DataFrameModel):
    """What a loaded article must satisfy: an id, where it came from, and a body to index into."""

    article_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    source: Series[str] = pa.Field(str_length={"min_value": 1})
    title: Series[str] = pa.Field(nullable=True)
    published: Series[Date] = pa.Field(nullable=True)
    publisher: Series[str] = pa.Field(nullable=True)
    url: Series[str] = pa.Field(nullable=True)
    # Claim offsets index into the body, so an empty body can carry no claims.
    body: Series[str] = pa.Field(str_length={"min_value": 1})
    # Both set by the loader; absent from freshly ingested frames.
    ingested_at: Series[pa.DateTime] = pa.Field(nullable=True, required=False)
    extractor_version: Series[str] = pa.Field(nullable=True, required=False)

    class Config:
        coerce = True
