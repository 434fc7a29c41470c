"""Properties that hold for any input: no crash, offsets index the text, bounds are ordered."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.numbers import find_numerals, find_quantities

# Text drawn from number-ish pieces so the grammar is exercised, not only random letters.
pieces = st.sampled_from([
    "about", "nearly", "at least", "more than", "up to", "between", "and", "to", "from", "-", "–", "$", "£",
    "€", "US$", "%", "per cent", "million", "bn", "k", "thousands", "dozens", "tens of", "one", "two",
    "twenty-one", "hundred", "a", "half", "years", "km", "a day", "aged", "year-old", "rose", "fell", "by",
    "10,000", "3.5", "122 883", "2022", "3", "October", ",", ".", "(", ")", "/", "+", "or more", "the",
    "third", "thirds", "quarters", "fifth", "twenty-first", "over", "out of", "in", "3/4", "1 1/2", "^", "-2",
    "minus", "equal to", "or equal", "<=", ">=", "less than", "but", "times", "G", "1.2.3.4", "and a half",
    "9e999", "1e308", "-1e308", "^-", "-thousands", "0/0", "dozens",
])
texty = st.lists(st.one_of(pieces, st.text(max_size=6)), max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), texty))
def test_never_raises_and_offsets_index_the_text(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.surface


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), texty))
def test_numerals_never_raise_and_lie_inside_the_text(text: str) -> None:
    for n in find_numerals(text):
        assert 0 <= n.start < n.end <= len(text)


@settings(max_examples=400, deadline=None)
@given(texty)
def test_the_number_phrase_ends_inside_the_quantity(text: str) -> None:
    for q in find_quantities(text):
        if q.number_end is not None:
            assert q.start < q.number_end <= q.end


@settings(max_examples=400, deadline=None)
@given(texty)
def test_bounds_are_ordered(text: str) -> None:
    for q in find_quantities(text):
        if q.value is not None and q.low is not None:
            assert q.low <= q.value
        if q.value is not None and q.high is not None:
            assert q.value <= q.high
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
