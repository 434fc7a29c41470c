"""Properties of extract_claims for any text and any published date: it never raises, offsets index the
text, bounds are ordered and every claimant kind is one the data contract allows."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.extract import extract_claims

KINDS = {"government", "military", "intelligence", "media", "international_org", "ngo", "expert",
         "anonymous", "other"}

# News-shaped pieces (attributions, quotes, names, numbers, punctuation) so that the attribution rules
# are exercised, not only random letters.
pieces = st.sampled_from([
    "said", "says", "told", "reporters", "claimed", "estimated", "reported", "according to", "citing",
    "quoted", "as saying", "put", "at", "the", "a", "an", "it", "he", "she", "they", "was", "is", "that",
    "who", "spoke on condition of anonymity", "Mr", "Dr", "President", "minister", "Jane Doe", "Ana Soliman",
    "the agency", "the ministry's figures show", "figures from", "UN", "United Nations", "officials",
    "US officials", "a Russian military source", "Reuters", "Red Cross", "police", ",", ".", ":", ";",
    "“", "”", '"', "\n\n", "\n", "(", ")", "'s", "about", "nearly", "at least", "more than", "up to",
    "between", "and", "10,000", "3.5", "2024", "12", "million", "thousands", "%", "$", "on Thursday",
    "3 October", "troops", "people", "killed", "wounded",
])
newsy = st.lists(st.one_of(pieces, st.text(max_size=5)), max_size=30).map(" ".join)
published = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), newsy), published)
def test_never_raises_and_every_claim_points_at_its_surface(text: str, when: date | None) -> None:
    for c in extract_claims(text, published=when):
        assert text[c.char_start : c.char_end] == c.surface
        assert c.sentence in text


@settings(max_examples=300, deadline=None)
@given(newsy, published)
def test_bounds_are_ordered_around_the_value(text: str, when: date | None) -> None:
    for c in extract_claims(text, published=when):
        if c.value is not None and c.low is not None:
            assert c.low <= c.value
        if c.value is not None and c.high is not None:
            assert c.value <= c.high
        if c.low is not None and c.high is not None:
            assert c.low <= c.high


@settings(max_examples=300, deadline=None)
@given(newsy, published)
def test_claimant_kind_is_allowed_and_set_with_the_claimant(text: str, when: date | None) -> None:
    for c in extract_claims(text, published=when):
        assert (c.claimant is None) == (c.claimant_kind is None)
        assert c.claimant_kind is None or c.claimant_kind in KINDS
        assert c.claimant is None or c.claimant.strip() != ""
