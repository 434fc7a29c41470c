"""When a figure holds (as_of) and what an article's first lines say about it (read_header)."""
from __future__ import annotations

from datetime import date

import pytest

from flows.dates import ArticleDates, _lexicon, _weekdays, as_of
from flows.header import read_header
from flows.text import sentences

TUESDAY = date(2024, 11, 19)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("At least 40 people died yesterday.", date(2024, 11, 18)),
    ("Three days ago 20 people died.", date(2024, 11, 16)),
    ("The toll rose to 50 last week.", date(2024, 11, 17)),  # the Sunday that ended last week
    ("The toll rose to 50 last month.", date(2024, 10, 31)),
    ("In 2023 exports fell 3%.", date(2023, 12, 31)),
    ("Nearly 10,000 troops were deployed, officials said on Thursday.", date(2024, 11, 14)),
    ("The toll reached 120 last Tuesday.", date(2024, 11, 12)),  # not the day of a Tuesday article
    ("Strikes are called for 15 December, involving 9,000 dockers.", date(2024, 12, 15)),  # soon after
    ("Some 3,000 fled on 28 February.", date(2024, 2, 28)),  # else the latest one before publication
    ("Some 3,000 fled on 28 December.", date(2023, 12, 28)),  # soon, but nothing says it is to come
    ("Inflation rose to 10.1% in September.", date(2024, 9, 30)),  # a month: its last day
    ("In December, 3,000 fled.", date(2023, 12, 31)),  # the latest December up to publication
    ("In November, 3,000 fled.", TUESDAY),  # the month of publication: not after it
    ("By the end of October, 1.2 million doses had been given.", date(2024, 10, 31)),
    ("Some 40 died in early March 2023.", date(2023, 3, 10)),
    ("The bank will cut its rate to 4.5% in December.", date(2024, 12, 31)),  # soon, and to come
    ("At least 650 people were killed in July and August.", date(2024, 8, 31)),  # the period's end
    ("Some 40 died in March to May 2023.", date(2023, 5, 31)),
    ("At least 59 people have died, the agency said Monday.", date(2024, 11, 18)),  # no "on" (US style)
    ("Unemployment rose by 54,000 in December.", date(2023, 12, 31)),  # "by" a figure looks nowhere ahead
    ("Exports were $84bn in the quarter ended December, down from $89bn.", date(2023, 12, 31)),
    ("The ministry hopes to hire 4,000 by 15 December.", date(2024, 12, 15)),  # "by" a date does
    ("Profit rose 18% in the third quarter.", date(2024, 9, 30)),  # the end of that part of the year
    ("Some 40 died in the first half of 2023.", date(2023, 6, 30)),
    ("Profit rose 18% in the fourth quarter.", TUESDAY),  # still running: not after publication
    ("Profit rose 18% in the fourth quarter of last year.", date(2023, 12, 31)),
])
def test_sentence_dates_resolve_against_publication(sentence: str, expected: date) -> None:
    assert as_of(sentence, TUESDAY) == expected


def test_a_part_of_the_year_it_does_not_have_dates_nothing() -> None:
    assert as_of("Profit rose 18% in the third half of the year.", TUESDAY) == TUESDAY


def test_the_figures_own_date_beats_the_date_it_was_reported() -> None:
    sentence = "Cases doubled to 4,000 last year, the agency said on Thursday."
    assert as_of(sentence, TUESDAY) == date(2023, 12, 31)


@pytest.mark.parametrize("sentence", [
    "Some 500,000 were wounded since the start of the war over two years ago.",
    "Since March, 3,000 people have fled.",
    "The plan, backed by May, will cost £3bn.",  # "by May" alone is a deadline or a name
    "More than 2,000 have been killed since 3 October.",
    "A total of 300 died.",
    "The strike began Black Friday, when 300 workers walked out.",  # a name, not a day
])
def test_a_period_start_or_no_date_leaves_the_publication_date(sentence: str) -> None:
    assert as_of(sentence, TUESDAY) == TUESDAY


def test_relative_dates_need_a_publication_date() -> None:
    assert as_of("At least 40 people died yesterday.", None) is None
    assert as_of("At least 40 people died on 3 October 2024.", None) == date(2024, 10, 3)


def test_header_gives_title_date_and_wire_agency() -> None:
    body = ("Floods leave 120,000 homeless\nBy Ines Kovac | 14 March 2024\nUpdated: 15 March 2024\n\n"
            "DHAKA, March 14 (Reuters) - Floods have left 120,000 people homeless, officials said.")
    assert read_header(body) == (date(2024, 3, 14), "Floods leave 120,000 homeless", "Reuters")


def test_header_of_a_text_that_opens_with_its_story_is_empty() -> None:
    body = "Floods have left 120,000 people homeless in the north, officials said on Thursday.\n\nMore text."
    assert read_header(body) == (None, None, None)


def test_an_update_stamp_dates_the_article_only_when_nothing_else_does() -> None:
    body = "Updated 15 March 2024\n\nFloods have left 120,000 people homeless, officials said."
    assert read_header(body).published == date(2024, 3, 15)


def test_every_relative_phrase_holds_a_cue_word() -> None:
    # A phrase without one would never be looked for (data/lexicon/dates.toml, [cues]).
    lex = _lexicon()
    assert all(any(cue in phrase for cue in lex.cues) for phrase in lex.relative)


def test_an_article_dates_each_sentence_as_the_sentence_alone_does() -> None:
    # ArticleDates scans the article once and reads only the sentences that hold a date's mark.
    text = ("Cases doubled last year, the agency said. In 2023 exports fell 3%. Prices rose 5% on Monday. "
            "About 40 were hurt two days ago. Officials counted 300 people. Output fell 2% in March.")
    dates = ArticleDates(text, TUESDAY)
    for span in sentences(text):
        assert dates.as_of(span.start, span.end) == as_of(text[span.start:span.end], TUESDAY)
    assert len({dates.as_of(span.start, span.end) for span in sentences(text)}) > 3


def test_weekdays_read_with_the_word_before_them() -> None:
    sentence = "On Monday's vote, after last Friday, they said Sunday that Black Friday and next Tuesday …"
    found = {(name, last) for _, _, name, last in _weekdays(sentence)}
    assert found == {("monday", False), ("friday", True), ("sunday", False)}
