"""What the first lines of an article's text say about it: published date, title and a wire agency.

    read_header(body) -> Header(published, title, publisher)

Copy pasted or scraped from a news page opens with a header block before the story's first sentence:
a headline, perhaps a standfirst, a byline ("By Jane Doe and John Roe, Reuters"), date lines
("Published 19 Nov 2024, 10:42 GMT", "Nov. 19, 2024 10:42 a.m. ET", "2024-11-19T10:42:00Z", also as a
part of a line: "By Ines Kovac | 14 March 2024"), "Updated" stamps and counters. Then the story, whose
first paragraph may open with a wire dateline: "KYIV, Nov 19 (Reuters) -", "WASHINGTON (AP) —".

- published: the first date line that is not an update stamp ("Updated:", "Last modified on"); an
  update stamp's date only when the header gives no other.
- title: a Markdown heading ("# Floods leave 120,000 homeless"), else the first header line that is
  neither a date, a byline nor furniture — but only when the header has a date line or a byline, so a
  text that opens with its story has no title. (So "Tuesday, November 19, 2024" then a title line, the
  design card's shape, gives both.)
- publisher: the agency in parentheses in a dateline at the start of one of the first paragraphs.

The header ends at the first line that reads as the story: a sentence of several words, or a long line.
"""
from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from flows.dates import parse_date
from flows.layout import SENTENCE_END, is_furniture_line, is_update_stamp, line_parts

_MAX_HEADER_LINES = 10
_MAX_DATELINE_LINES = 3  # the story's paragraphs in which a dateline is looked for
_MIN_SENTENCE_WORDS = 6
_MAX_HEADER_CHARS = 200
_MARKUP = re.compile(r"\]\([^)]*\)|[*_\[\]]|^#+\s*|^>\s*")
_HEADING = re.compile(r"^#{1,3}\s+\S")
_BYLINE = re.compile(r"^(?i:by|posted\s+by|written\s+by|words\s+by|story\s+by)\s+[A-Z]")
# "KYIV, Nov 19 (Reuters) - ", "WASHINGTON (AP) — ", "SAN JUAN, Puerto Rico (AP) —", "Kyiv (AFP) - "
_DATELINE = re.compile(
    r"^[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?"
    r"\s*\((?P<agency>[A-Za-z][\w&.'’ -]{0,40}?)\)\s*[-–—]{1,2}\s")


class Header(NamedTuple):
    published: date | None
    title: str | None
    publisher: str | None


def read_header(body: str) -> Header:
    """The published date, title and wire agency the first lines of BODY give (None where they don't)."""
    lines = [stripped for line in body.splitlines() if (stripped := line.strip())]
    published = updated = title = heading = None
    evidence = False
    n_header = 0
    for line in lines[:_MAX_HEADER_LINES]:
        clean = _MARKUP.sub("", line).strip()
        if _is_story(clean):
            break
        n_header += 1
        if heading is None and _HEADING.match(line):
            heading = clean
        found, update = _line_date(clean)
        if found is not None:
            evidence = True
            if update:
                updated = updated or found
            else:
                published = published or found
            continue
        if _BYLINE.match(clean):
            evidence = True
            continue
        if title is None and clean and not is_furniture_line(clean):
            title = clean
    story = lines[n_header:n_header + _MAX_DATELINE_LINES]
    datelines = (m for line in story if (m := _DATELINE.match(_MARKUP.sub("", line))))
    agency = next((m["agency"].strip() for m in datelines), None)
    return Header(published or updated, heading or (title if evidence else None), agency)


def _is_story(line: str) -> bool:
    """Does the line read as the story rather than its header: a sentence of several words, or long?"""
    if len(line) > _MAX_HEADER_CHARS:
        return True
    return bool(SENTENCE_END.search(line)) and len(line.split()) >= _MIN_SENTENCE_WORDS \
        and parse_date(line) is None


def _line_date(line: str) -> tuple[date | None, bool]:
    """(the date a header line or one of its parts gives, is it an update stamp?)"""
    for part in [line, *line_parts(line)]:
        found = parse_date(part)
        if found is not None:
            return found, is_update_stamp(part)
    return None, False
