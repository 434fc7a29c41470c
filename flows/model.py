"""The records that travel down the pipeline: articles, quantities, claims, rejections.

Field names are the columns of the data contract (../shared/DESIGN.md), so a list of records
turns into a DataFrame, a pandera check and a DuckDB table without renaming.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

# Bump when extraction changes what it returns: claim ids (and so incremental runs) depend on it.
EXTRACTOR_VERSION = "0.2.11"

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague")
# "fraction" ("two thirds", "3/4") and "multiplier" ("four times") are proportions of something else:
# stored, never compared as estimates.
KINDS = ("count", "money", "percent", "measurement", "duration", "age", "rate", "fraction", "multiplier")
CHANGES = ("up", "down")


SEPARATOR = "\x1f"  # between the parts of a digest
ID_SIZE = 16


def digest(*parts: object, size: int = ID_SIZE) -> str:
    """A short, stable hex id from the parts (sha256, so ids agree across machines and runs)."""
    text = SEPARATOR.join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


@dataclass(slots=True)
class Quantity:
    """A number phrase found in text, before anything is known of what it counts.

    `start`/`end` index the text; `surface` is text[start:end] and includes the hedge word
    ("nearly 10,000"). `unit` is the unit the phrase itself carries (a currency code, "percent",
    "km", "year"), None for a bare count whose counted noun is found later from context.
    `change` is the direction of a movement whose size this is ("rose by 5%"); `trend` is the direction of
    the movement that reached this level ("rose to 10.1%", "fell 3% to $4bn": the level's trend), so a
    level is never compared with a change.
    `bounds` is set for "equal to 20" ("[]") and for a range made of two bounds ("more than 10 and at
    most 20": "(]"); `number_end` lets a reader compare the number phrase without its unit.
    """

    start: int
    end: int
    surface: str
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    kind: str = "count"
    unit: str | None = None
    change: str | None = None
    bounds: str | None = None  # which ends are closed, in interval notation, when the text says so
    number_end: int | None = None  # where the number phrase ends, before a unit or "years old"
    trend: str | None = None  # up/down: this level was reached by a rise or a fall


@dataclass(slots=True)
class Claim:
    """One reported number with its bounds, what it counts, who claims it and when."""

    claim_id: str
    article_id: str
    char_start: int
    char_end: int
    surface: str
    sentence: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    unit: str | None
    subject: str | None
    event: str | None
    measure: str
    claimant: str | None
    as_of: date | None
    change: str | None = None
    via: str | None = None
    claimant_kind: str | None = None
    trend: str | None = None  # up/down: this level was reached by a rise or a fall ("rose to 240")


@dataclass(slots=True)
class Article:
    """One article as ingested. `body` is kept verbatim: claim offsets index into it."""

    source: str
    body: str
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    url: str | None = None
    article_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.article_id:
            self.article_id = article_id(self.body)


def article_id(body: str) -> str:
    return digest(body)


@dataclass(slots=True)
class Rejection:
    """An input or row that could not be used, kept with the stage and the reason."""

    source: str
    stage: str  # ingest | extract | validate | load
    reason: str
    record: dict = field(default_factory=dict)
