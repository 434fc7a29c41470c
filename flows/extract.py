"""The extractor: article text in, claims out. A pure library: no Prefect, DuckDB or file I/O.

    >>> [c.surface for c in extract_claims("Officials said at least 40 people were killed.")]
    ['at least 40']

Steps, each in its own module: numbers (the number phrases and their bounds), text (sentences),
context (unit, subject, event), claimants (who says so), dates (as of when).
"""
from __future__ import annotations

import bisect
import hashlib
import re
from datetime import date

from flows import model
from flows.claimants import Reader
from flows.context import describe
from flows.dates import as_of
from flows.model import EXTRACTOR_VERSION, Claim, Quantity
from flows.numbers import find_quantities
from flows.text import sentences

# "115,000 soldiers killed and 500,000 wounded": the second figure borrows the first one's noun.
COORDINATED = re.compile(r"^[^.;:“”\"]{0,60}?(?:,\s*|\s+)(?:and|or|plus)\s+$|^\s*(?:,|and|or)\s*$")
HEDGED = ("at_least", "more_than", "at_most", "less_than", "approx")


def extract_claims(text: str, published: date | None = None, article_id: str | None = None) -> list[Claim]:
    """Every quantity in `text` as a Claim with its bounds, what it counts, who says it and when."""
    quantities = find_quantities(text)
    if not quantities:
        return []
    aid = article_id or model.article_id(text)
    id_prefix = hashlib.sha256(f"{aid}{model.SEPARATOR}".encode())
    spans = sentences(text)
    starts = [s.start for s in spans]
    reader = Reader(text, spans)
    claims: list[Claim] = []
    previous: tuple[Quantity, Claim, int] | None = None
    read: dict[int, tuple[str, date | None]] = {}  # sentence index → its text and as-of date, read once
    for q in quantities:
        i = max(0, bisect.bisect_right(starts, q.start) - 1)
        span = spans[i]
        if i not in read:
            sentence = text[span.start : span.end]
            read[i] = sentence, as_of(sentence, published)
        sentence, sentence_date = read[i]
        prev_span = spans[i - 1] if i > 0 else None
        ctx = describe(text, q.start, q.end, q.kind, (span.start, span.end),
                       (prev_span.start, prev_span.end) if prev_span else None)
        value, low, high, qualifier = q.value, q.low, q.high, q.qualifier
        if previous and previous[2] == i and not ctx.named and q.kind == previous[0].kind \
                and COORDINATED.match(text[previous[0].end:q.start]):
            left = previous[1]
            ctx.unit, ctx.subject = left.unit, ctx.subject or left.subject
            ctx.event = ctx.event or left.event
            if qualifier == "exact" and left.qualifier in HEDGED:
                # "at least 115,000 killed and 500,000 wounded": the hedge governs the pair.
                qualifier, low, high = _hedge(left, value)
        unit = ctx.unit if q.kind == "count" else (q.unit or ctx.unit)
        if q.kind == "rate" and ctx.unit and q.unit and ctx.unit not in q.unit:
            unit = f"{ctx.unit} {q.unit}" if q.unit.startswith("per ") else q.unit
        attribution = reader.governing(q.start, i)
        claim = Claim(
            claim_id=claim_id(id_prefix, q.start, q.end),
            article_id=aid,
            char_start=q.start,
            char_end=q.end,
            surface=q.surface,
            sentence=sentence,
            value=value,
            low=low,
            high=high,
            qualifier=qualifier,
            kind=q.kind,
            unit=unit,
            subject=ctx.subject,
            event=ctx.event,
            measure=measure_key(ctx.subject, unit or q.kind, ctx.event),
            claimant=attribution.claimant if attribution else None,
            as_of=sentence_date,
            change=q.change,
            via=attribution.via if attribution else None,
            claimant_kind=attribution.kind if attribution else None,
        )
        claims.append(claim)
        previous = (q, claim, i)
    _settle_claimant_kinds(claims)
    return claims


def claim_id(id_prefix: hashlib._Hash, start: int, end: int) -> str:
    """model.digest(article_id, start, end, EXTRACTOR_VERSION), the article's part hashed once per article."""
    h = id_prefix.copy()
    h.update(f"{start}{model.SEPARATOR}{end}{model.SEPARATOR}{EXTRACTOR_VERSION}".encode())
    return h.hexdigest()[: model.ID_SIZE]


def _settle_claimant_kinds(claims: list[Claim]) -> None:
    """A source first met without a role ("Volodymyr Zelensky claimed") keeps the kind the article
    gives it later ("the Ukrainian president")."""
    known = {c.claimant: c.claimant_kind for c in claims if c.claimant_kind not in (None, "other")}
    for c in claims:
        if c.claimant in known and c.claimant_kind == "other":
            c.claimant_kind = known[c.claimant]


def measure_key(subject: str | None, unit: str, event: str | None) -> str:
    """A readable key for the real-world quantity: 'north_korean troops deployed'."""
    return " ".join(part for part in (subject, unit.replace(" ", "_"), event) if part)


def _hedge(left: Claim, value: float | None) -> tuple[str, float | None, float | None]:
    """The bounds the left figure's hedge gives `value` (DESIGN's qualifier table)."""
    if value is None:
        return "exact", None, None
    if left.qualifier in ("at_least", "more_than"):
        return left.qualifier, value, None
    if left.qualifier in ("at_most", "less_than"):
        return left.qualifier, None, value
    nearly = left.high is not None and left.high == left.value  # "nearly 10,000 and 3,000"
    return left.qualifier, None, value if nearly else None
