"""Where a figure stands on the page: in the publisher's furniture, in a table or after a label.

Real articles arrive with what the publisher puts around the story — comment and share counts, reading
times, "Updated 3 hours ago", pagination, "Related: 5 things to know", newsletter boxes, photo captions
and credits, bylines and wire trailers. Their figures report nothing, so `Layout.is_furniture` tells the
extractor to skip them. A figure in a table row or after a short label ("Deaths: 1,136") counts what the
column's header or the label names, which `Layout.heading` gives. The word lists are data
(data/lexicon/layout.toml). Every line of the text is judged on its own (each is a paragraph, as in
flows/text.py), and the parts of a line between " | ", " · " or " • " separators each on their own.

A line that ends like a sentence (". ! ?", then perhaps a closing quote or bracket) is the story's,
unless it is a caption (a media label and a credit), a promotion ("Sign up to our newsletter …") or a
trailer ("(Reporting by …)", "Copyright …"). Other lines — headlines, bylines, stamps, link lists — are
furniture only when a rule below says so, so a headline keeps its figures.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache

from flows.dates import parse_date
from flows.lexicon import LEXICON_DIR, phrase_pattern

SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_PART_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s*\|\s*")
_MARKUP = re.compile(r"\]\([^)]*\)|[*_#>\[\]]")  # Markdown emphasis, headings, quotes and link targets
_BULLET = re.compile(r"^\s*(?:[-–•·]|\d{1,2}[.)])\s+")
_FIGURE = re.compile(r"[\d][\d,.]*\s*[kKmM]?\b")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[«»‹›→←/]")
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LABEL_CHARS = 160  # room for a line's opening label, or a media label and a credit of up to 100 characters
_MAX_BLOCK_LINES = 12  # how far back a link list's heading is looked for


class _Lexicon:
    def __init__(self) -> None:
        with (LEXICON_DIR / "layout.toml").open("rb") as f:
            data = tomllib.load(f)
        labels, counters, promotions = data["labels"], data["counters"], data["promotions"]
        self.link_heading = phrase_pattern(labels["links"])
        self.links = _opening(labels["links"] + labels["media"], r"\s*(?::|$)")
        media = "|".join(_alternatives(labels["media"]))
        self.credit_end = re.compile(
            rf"(?i:\b(?:{media}))\s*:\s*[^.!?:]{{1,100}}$|\((?i:{media})\s*:[^)]*\)\s*$")
        self.agencies = tuple(" ".join(a.lower().split()) for a in labels["agencies"])
        # The first words of every label a sentence-like line can open with (see Layout._judge_line).
        openings = labels["links"] + labels["media"] + promotions["verbs"] + data["trailers"]["starts"]
        self.opening_words = frozenset(p.split()[0].lower() for p in openings)
        self.stamp = _opening(data["stamps"]["words"], r"(?::|\s+(?:on\b|at\b|\d)|$)")
        self.update = _opening(data["stamps"]["updates"], r"")
        self.ago = phrase_pattern(data["stamps"]["ago"])
        self.counter = phrase_pattern(counters["words"])
        counter_words = _alternatives(counters["words"])
        counted = {w for p in counters["words"] for w in p.split()}
        self.counter_filler = frozenset(counters["filler"]) | counted
        self.counter_opening = re.compile(rf"^{_FIGURE.pattern}\s*(?:{'|'.join(counter_words)})\s+on\b", re.I)
        self.navigation = frozenset(data["navigation"]["words"])
        self.promotion_verb = _opening(promotions["verbs"], r"\b")
        self.promotion_noun = phrase_pattern(promotions["nouns"])
        self.trailer = _opening(data["trailers"]["starts"], r"")
        self.byline = _opening(data["trailers"]["bylines"], r"\s+[A-Z]")
        self.label_max_words = int(data["tables"]["label_max_words"])


def _alternatives(phrases: list[str]) -> list[str]:
    return [re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True)]


def _opening(phrases: list[str], then: str) -> re.Pattern[str]:
    """Any of the phrases at the start of a (cleaned) line, case-insensitive, followed by `then`."""
    return re.compile(rf"^\(?(?i:{'|'.join(_alternatives(phrases))})(?![\w-]){then}")


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon()


class Layout:
    """The furniture and the tables of one text, judged line by line on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = _lexicon()
        self._furniture: dict[int, tuple[tuple[int, int], ...] | bool] = {}
        self._last: tuple[int, int, tuple[tuple[int, int], ...] | bool] = (0, 0, False)

    def line(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding text[pos], without its line break."""
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        end = len(self.text) if end < 0 else end
        return start, end - 1 if end > start and self.text[end - 1] == "\r" else end

    def is_furniture(self, pos: int) -> bool:
        """Is the figure at text[pos] part of the publisher's furniture rather than the story?"""
        start, end, judged = self._last
        if not start <= pos < end:  # figures come in order: most share the line of the one before
            start, end = self.line(pos)
            known = self._furniture.get(start)
            if known is None:
                known = self._furniture[start] = self._judge_line(start, end)
            judged = known
            self._last = start, end, judged
        if isinstance(judged, bool):
            return judged
        return any(a <= pos < b for a, b in judged)

    def _judge_line(self, start: int, end: int) -> tuple[tuple[int, int], ...] | bool:
        """True or False for the whole line, or the spans of the parts of it that are furniture."""
        raw = self.text[start:end]
        if _TABLE_ROW.match(raw):
            return False  # a table's cells are figures of the story (see heading)
        if self._plain_sentences(raw):
            return False
        # Labels open a line and credits end one: a long paragraph is cleaned only at both ends.
        line = _clean(raw[:_LABEL_CHARS])
        lex = self.lex
        if lex.trailer.match(line) or _is_promotion(line, lex) \
                or _is_credit(line if len(raw) <= _LABEL_CHARS else _clean(raw[-_LABEL_CHARS:]), lex):
            return True
        if SENTENCE_END.search(raw, max(0, len(raw.rstrip()) - 8)):
            return bool(lex.links.match(line))
        line = _clean(raw)
        if lex.links.match(line) or lex.byline.match(line) or self._in_link_list(start):
            return True
        parts = []
        for a, b in _parts(raw):
            if _is_furniture_part(_clean(raw[a:b]), lex):
                parts.append((start + a, start + b))
        return tuple(parts)

    def _plain_sentences(self, raw: str) -> bool:
        """A quick yes for most of a story's paragraphs: a line that opens with a word no label starts
        with, has no colon near its end nor an agency's name at it, and ends like a sentence."""
        if not raw[:1].isalpha() or raw.split(None, 1)[0].rstrip(":,.;").lower() in self.lex.opening_words:
            return False
        tail = raw[-_LABEL_CHARS:]
        return ":" not in tail and SENTENCE_END.search(raw, max(0, len(raw.rstrip()) - 8)) is not None \
            and not tail.rstrip().lower().endswith(self.lex.agencies)

    def _in_link_list(self, start: int) -> bool:
        """Is this line one of the items under a link list's heading ("More on this story", "Most read"),
        with only other such items (no sentence) between them?"""
        text, lines = self.text, 0
        while start > 0 and lines < _MAX_BLOCK_LINES:
            start, end = self.line(start - 1)
            raw = text[start:end]
            if not raw.strip():
                continue
            lines += 1
            if SENTENCE_END.search(raw):
                return False
            heading = _clean(raw)
            if (m := self.lex.link_heading.match(heading)) and m.end() == len(heading.rstrip(" :")):
                return True
        return False

    def heading(self, q_start: int) -> tuple[str, ...]:
        """The words that say what a figure in a table cell or after a line's label counts: the column's
        header and the row's first cell, or the label; () for a figure anywhere else."""
        start, end, _ = self._last
        if not start <= q_start < end:
            start, end = self.line(q_start)
        if self.text[start:start + 1] not in "| \t" and self.text.find(":", start, q_start) < 0:
            return ()  # neither a table row nor a label before the figure: most figures
        raw = self.text[start:end]
        if _TABLE_ROW.match(raw):
            return self._table_heading(start, end, q_start)
        line = _BULLET.sub("", raw)
        offset = len(raw) - len(line)
        colon = line.find(":")
        before = q_start - start - offset  # where the figure starts in the line
        if 0 < colon < before and not line[colon + 1:before].strip():
            label = _clean(line[:colon]).strip()
            if label and len(label.split()) <= self.lex.label_max_words and not _FIGURE.search(label):
                return (label.lower(),)
        return ()

    def _table_heading(self, start: int, end: int, q_start: int) -> tuple[str, ...]:
        cells = _cells(self.text[start:end])
        column = next((n for n, (a, b) in enumerate(cells) if start + a <= q_start < start + b), None)
        if column is None:
            return ()
        found = []
        header = self._header_row(start)
        if header is not None:
            header_cells = _cells(self.text[header[0]:header[1]])
            if column < len(header_cells):
                a, b = header_cells[column]
                found.append(self.text[header[0] + a:header[0] + b])
        if column > 0:
            found.append(self.text[start + cells[0][0]:start + cells[0][1]])
        return tuple(f.strip().lower() for f in found if f.strip() and not _FIGURE.fullmatch(f.strip()))

    def _header_row(self, row_start: int) -> tuple[int, int] | None:
        """(start, end) of the header of the table row at row_start: the row above the nearest rule
        ("|---|") above it, else the table's first row; None for the header itself."""
        first = None
        while row_start > 0:
            above = self.line(row_start - 1)
            if not _TABLE_ROW.match(self.text[above[0]:above[1]]):
                break
            if _TABLE_RULE.match(self.text[above[0]:above[1]]):
                if above[0] == 0:
                    return None
                header = self.line(above[0] - 1)
                return header if _TABLE_ROW.match(self.text[header[0]:header[1]]) else None
            first, row_start = above, above[0]
        return first


def is_furniture_line(line: str) -> bool:
    """Is a line on its own (a header's, say) furniture, or has it a part that is?"""
    judged = Layout(line)._judge_line(0, len(line))
    return bool(judged)


def is_update_stamp(part: str) -> bool:
    """Does a part of a line open with the stamp of a later version ("Updated:", "Last modified on")?"""
    return bool(_lexicon().update.match(_clean(part)))


def line_parts(line: str) -> list[str]:
    """The parts of a line between separators ("By Ines Kovac | 14 March 2024")."""
    return [line[a:b] for a, b in _parts(line)]


def _clean(raw: str) -> str:
    """A line's words without Markdown markup and list bullets, for matching labels."""
    return _BULLET.sub("", _MARKUP.sub("", raw)).strip()


def _is_credit(line: str, lex: _Lexicon) -> bool:
    """Does a line end with a photo credit ("Photo: Jane Doe/Reuters", "(Image: Getty)") or an agency's
    name? Only the line's end is searched (at most a label and 100 characters; an agency's name): searching
    whole paragraphs for one was the costliest test of a line."""
    tail = line[-_LABEL_CHARS:]
    if ":" in tail and lex.credit_end.search(tail):
        return True
    end = line[-40:].lower()
    if not end.endswith(lex.agencies):
        return False
    agency = next(a for a in lex.agencies if end.endswith(a))
    return len(end) == len(agency) or not end[-len(agency) - 1].isalnum()


def _parts(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each part of a line between separators."""
    bounds: list[tuple[int, int]] = []
    last = 0
    for m in _PART_SEPARATOR.finditer(raw):
        bounds.append((last, m.start()))
        last = m.end()
    bounds.append((last, len(raw)))
    return [(a, b) for a, b in bounds if raw[a:b].strip()]


def _cells(row: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a Markdown table row, the outer pipes left out."""
    cells: list[tuple[int, int]] = []
    last: int | None = None
    for n, char in enumerate(row):
        if char == "|":
            if last is not None:
                cells.append((last, n))
            last = n + 1
    if last is not None and row[last:].strip():
        cells.append((last, len(row)))
    return cells


def _is_promotion(line: str, lex: _Lexicon) -> bool:
    return bool(lex.promotion_verb.match(line) and lex.promotion_noun.search(line))


def _is_furniture_part(part: str, lex: _Lexicon) -> bool:
    """A stamp, a counter, pagination or a lone figure (a part of a line that is not a sentence)."""
    if not part:
        return False
    if lex.stamp.match(part) or lex.counter_opening.match(part) or parse_date(part) is not None:
        return True  # "Updated 3 hours ago", "23 thoughts on …", "Tue 7 Feb 2023 06.15 GMT"
    words = [w.lower() for w in _WORD.findall(_FIGURE.sub(" ", part))]
    if not words:
        return True  # "1,204", "1 2 3": figures and nothing they count
    if lex.ago.search(part) and len(words) <= 4:
        return True  # "3 hours ago"
    if all(w in lex.navigation for w in words):
        return True  # "Page 1 of 2", "1 2 3 Next page"
    return bool(lex.counter.search(part)) and all(w in lex.counter_filler for w in words)
