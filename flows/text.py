"""Paragraphs and sentences with offsets into the body, so every claim can point back at its text."""
from __future__ import annotations

import re
from typing import NamedTuple

# A sentence ends at . ! ? (optionally followed by a closing quote) before whitespace and a capital,
# digit or opening quote on the same line. Abbreviations that end in a period ("Mr.", "U.S.", "Jan.") do
# not end one; a number does ("… rose to 13,000. Officials said …").
# ("[.!?][.!?]*" rather than "[.!?]+": re skips to the characters of a leading set in C, not of a repeat.)
_END = re.compile(r"""[.!?][.!?]*["'”’)]*(?=[^\S\n]+["'“‘(]?[A-Z0-9])""")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Capt|Maj|Brig|Adm|Cmdr|Cpl|Supt|Insp|Det|Amb|Rep|Sen|Gov|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|No|vs|etc|approx|Inc|Ltd|Co|Corp|Jr|Sr)|\b[A-Z](?:\.[A-Z])*)\.$"
)

# "U.N.", "U.S.": full stops that end no sentence or clause.
_INITIALISM = re.compile(r"\b(?:[A-Z]\.){2,}")

# The mark of a list item: "- ", "* ", "• ".
_BULLET = re.compile(r"[-*•]\s+")

# A year between two figures is no figure: "killed 1,160 since October 2023, including 250 children".
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")

# The months, for patterns that must tell a date from a figure or a name (English, whatever the locale).
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

# A day of a month between two figures is no figure either: "Of the 251 hostages seized in the October 7
# attack, 76 remain".
_DAY = re.compile(rf"\b({MONTHS}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s+\d{{1,2}}\b"
                  r"(?![,.:]?\d)")

# A line with something other than whitespace on it.
_LINE = re.compile(r"[^\n]*\S[^\n]*")


class Span(NamedTuple):  # a named tuple: immutable, and about half the cost of a frozen dataclass to build
    start: int
    end: int
    paragraph: int  # index of the paragraph the span belongs to


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of non-blank lines; a single newline also breaks news text
    into paragraphs when the next line starts a new sentence, so every line is treated as one."""
    return [m.span() for m in _LINE.finditer(text)]


def sentences(text: str) -> list[Span]:
    """Sentence spans over the whole text, each tagged with its paragraph index."""
    spans: list[Span] = []
    ends = _END.finditer(text)  # one scan of the text: an end never reaches past its line
    end = next(ends, None)
    for p, (p_start, p_end) in enumerate(paragraphs(text)):
        bullet = _BULLET.match(text, p_start, p_end) if text[p_start] in "-*•" else None
        start = bullet.end() if bullet else p_start  # "- The UN estimated …": the item's sentence
        while end is not None and end.start() < p_end:
            m, end = end, next(ends, None)
            if m.group() == "." and is_abbreviation(text, m.start(), p_start):
                continue
            spans.append(Span(start, m.end(), p))
            start = m.end()
            while start < p_end and text[start].isspace():
                start += 1
        if start < p_end:
            spans.append(Span(start, p_end, p))
    return spans


def is_abbreviation(text: str, dot: int, floor: int = 0) -> bool:
    """Does the full stop at `dot` end an abbreviation ("Mr.", "U.N.", "Gov."), not a sentence or a phrase?"""
    return _ABBREV.search(text, max(floor, dot - 6), dot + 1) is not None


def plain_between(phrase: str) -> str:
    """The words between two figures as patterns that stop at a full stop or a digit should read them: "U.N."
    written "UN", a year written "year" ("since October 2023, including") and a day of a month "day"
    ("seized in the October 7 attack, 76")."""
    if "." in phrase:
        phrase = _INITIALISM.sub(lambda m: m.group().replace(".", ""), phrase)
    if "19" in phrase or "20" in phrase:
        phrase = _YEAR.sub("year", phrase)
    return _DAY.sub(r"\1 day", phrase) if any(c.isdigit() for c in phrase) else phrase
