"""Paragraphs and sentences with offsets into the body, so every claim can point back at its text."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (optionally followed by a closing quote) before whitespace and a capital,
# digit or opening quote. Abbreviations that end in a period ("Mr.", "U.S.", "Jan.") do not end one; a
# number does ("… rose to 13,000. Officials said …").
_END = re.compile(r"""[.!?]+["'”’)]*(?=\s+["'“‘(]?[A-Z0-9])""")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Capt|Rep|Sen|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|No|vs|etc|approx|Inc|Ltd|Co|Corp|Jr|Sr)|\b[A-Z](?:\.[A-Z])*)\.$"
)


@dataclass(slots=True, frozen=True)
class Span:
    start: int
    end: int
    paragraph: int  # index of the paragraph the span belongs to


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of non-blank lines; a single newline also breaks news text
    into paragraphs when the next line starts a new sentence, so every line is treated as one."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def sentences(text: str) -> list[Span]:
    """Sentence spans over the whole text, each tagged with its paragraph index."""
    spans: list[Span] = []
    for p, (p_start, p_end) in enumerate(paragraphs(text)):
        start = p_start
        for m in _END.finditer(text, p_start, p_end):
            if _ABBREV.search(text, max(p_start, m.start() - 6), m.start() + 1) and m.group() == ".":
                continue
            spans.append(Span(start, m.end(), p))
            start = m.end()
            while start < p_end and text[start].isspace():
                start += 1
        if start < p_end:
            spans.append(Span(start, p_end, p))
    return spans
