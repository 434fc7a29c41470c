"""Dates: when a figure holds, and the dates written in article headers.

    as_of(sentence, published)  -> the date a sentence gives for what it reports ("on 3 October",
                                   "on Thursday", "yesterday", "last week", "in 2023"), else the article's
    parse_date(value)           -> a date from ISO or common news date text ("Published 19 Nov 2024, 10:42
                                   GMT"), else None

Relative dates resolve against the publication date to the latest day they can mean, not after it
(data/lexicon/dates.toml says how each phrase resolves). When a sentence gives several dates, the one
that dates the figure beats the one that dates the statement: in "cases doubled last year, the agency
said on Thursday" the figure holds as of the end of last year.
"""

from __future__ import annotations

import bisect
import calendar
import re
import tomllib
from datetime import date, datetime, timedelta
from functools import cache

from ahocorasick_rs import AhoCorasick

from flows.lexicon import LEXICON_DIR, phrase_pattern, rows

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY_MONTH = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
)
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?")
# "on Thursday", "last Thursday", "Thursday's vote", "said Thursday" (after a lower-case word: not "Black
# Friday"): the name is found first (a scan for its capital letters is fast), the word before it is read
# after (_weekdays)
WEEKDAY = re.compile(
    r"\b(?P<name>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?P<possessive>['’]s\b)?")
_WORD_BEFORE_DAY = re.compile(r"\b(\w+)(\s+)$")
_REACH = 30  # characters a relative phrase or "in 2023" reaches beyond its cue word
YEAR_MARKS = ("in 19", "in 20", "during", "throughout", "In 19", "In 20", "During", "Throughout")
# "in the third quarter", "in the first half of 2024", "over the second half of last year": the end of that
# part of the year
PART_OF_YEAR = re.compile(r"\b(?i:in|during|for|over)\s+the\s+(?P<which>first|second|third|fourth|last|final)"
                          r"\s+(?P<part>quarter|half)\b(?:\s+of\s+(?:(?P<year>(?:19|20)\d\d)|(?P<last>last\s+year)"
                          r"|the\s+year|this\s+year))?")
PART_MARKS = ("quarter", "half")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
YEAR_IN = re.compile(r"\b(?i:in|during|throughout)\s+(?P<year>(?:19|20)\d\d)\b(?![-–/]\d)")
# "in March", "by the end of October", "in late June 2023", "in the year to June 2023": a month without its
# day ("by March" alone is mostly a deadline, and "backed by May" a name).
MONTH_IN = re.compile(
    rf"\b(?i:in|during|throughout|(?:at|by|to|until)\s+the\s+end\s+of"
    rf"|(?:year|months|quarter)\s+(?:to|end(?:ing|ed)))\s+"
    rf"(?:(?P<part>(?i:early|mid|late))[-\s]+)?{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b(?!\s*\d)"
)
# "in July and August", "in March to May 2023": the month a period named by two months ends with
MONTH_PAIR = re.compile(
    rf"\s+(?:and|to|through|until)\s+(?:(?P<part>(?i:early|mid|late))[-\s]+)?{_MONTH}"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b(?!\s*\d)"
)
PERIOD_ENDS = ("year", "months", "quarter", "Year", "Months", "Quarter")  # MONTH_IN's "year to June"
PART_OF_MONTH = {"early": 10, "mid": 20}  # the latest day "early March", "mid-March" can mean

# Every calendar pattern has a capitalised month or weekday name: a sentence without one of these
# three-letter stems gives no calendar date, and one pattern for each (scanned in C) says so faster. Most
# sentences with a stem have only one kind: the month patterns are not read for "on Monday", nor the
# weekdays for "in March".
MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_STEMS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HINT_STEMS = MONTH_STEMS + WEEKDAY_STEMS
MONTH_HINT = re.compile("|".join(MONTH_STEMS))
WEEKDAY_HINT = re.compile("|".join(WEEKDAY_STEMS))

_WORDS_BEFORE = re.compile(r"[\w'’]+")
_CLAUSE_BREAK = re.compile(r"[,;:()—–]")
DATELINE_AFTER = re.compile(r"\s*\([\w&.'’ -]{1,40}\)\s*[-–—]")


class _Lexicon:
    def __init__(self) -> None:
        with (LEXICON_DIR / "dates.toml").open("rb") as f:
            data = tomllib.load(f)
        self.relative: dict[str, tuple[str, int]] = {
            " ".join(k.lower().split()): (v[0], int(v[1])) for k, v in data["relative"].items()}
        self.relative_re = phrase_pattern(list(data["relative"]))
        cues = data["cues"]["words"]
        # A relative phrase's cue or a year's mark ("in 2023"), as written (substring tests are fast)
        self.cues = tuple(cues + [w.capitalize() for w in cues]) + YEAR_MARKS + PART_MARKS
        # Every mark a date needs: the cues first (their indexes are the cues'), the stems, "ago".
        self.mark_scan = AhoCorasick([*self.cues, *HINT_STEMS, "ago"])
        with (LEXICON_DIR / "number_words.toml").open("rb") as f:
            small = {k: int(v) for k, v in tomllib.load(f)["units"].items()}
        small |= {"a": 1, "an": 1}
        self.small_numbers = small
        numbers = "|".join(sorted(small, key=len, reverse=True))
        units = "|".join(data["ago"]["units"])
        self.ago = re.compile(rf"\b(?P<n>\d{{1,3}}|(?i:{numbers}))\s+(?P<unit>(?i:{units}))s?\s+ago\b")
        self.period_start = frozenset(data["period_start"]["words"])
        self.period_clause = frozenset(data["period_start"]["clause_words"])
        self.statement = frozenset(r["verb"].lower() for r in rows("reporting_verbs.csv")) \
            | frozenset(data["statement"]["verbs"])
        self.window = int(data["statement"]["window"])
        self.future = timedelta(days=int(data["calendar"]["future_days"]))
        self.future_words = phrase_pattern(data["calendar"]["future_words"])
        before = "|".join(sorted(data["calendar"]["future_before"], key=len, reverse=True))
        self.future_before = re.compile(rf"\b(?:{before})\s+(?:(?:early|mid|late|the\s+end\s+of)[\s-]+)?$",
                                        re.IGNORECASE)
        self.label_words = frozenset(data["header"]["label_words"]) | set(WEEKDAYS) \
            | {d[:3] for d in WEEKDAYS} | {"tues", "thur", "thurs"}


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon()


def as_of(sentence: str, published: date | None, cues: tuple[str, ...] | None = None) -> date | None:
    """The date a sentence gives for what it reports, resolved against the publication date.

    `cues`: the relative-date cue words the whole article holds (ArticleDates), a shortcut when many of
    its sentences are read; by default every cue is looked for."""
    return dating(sentence, published, cues).day


class Dating:
    """The dates of one sentence's figures: the sentence's own date, and the dates of figures it compares
    with ("Turnout was 60%, down from 67.3% in 2019": 2019 dates the 67.3% alone), as (start, end, date)
    with start and end where the compared figure may stand."""

    __slots__ = ("day", "compared")

    def __init__(self, day: date | None, compared: list[tuple[int, int, date]]) -> None:
        self.day = day
        self.compared = compared

    def at(self, pos: int) -> date | None:
        """The date of the figure at `pos`."""
        for start, end, day in self.compared:
            if start <= pos < end:
                return day
        return self.day

    def shifted(self, offset: int) -> Dating:
        return Dating(self.day, [(a + offset, b + offset, d) for a, b, d in self.compared])


# What a compared figure follows ("down from 67.3% in 2019", "compared with 2,500 last year"; after a first
# figure, "from 2.6% in February", "below the 63% recorded in 2018"): its marker, the figure and at most
# four words, up to its date.
COMPARED_BEFORE = re.compile(
    r"(?:\b(?:up|down)\s+from|\bcompared\s+(?:with|to)|\bagainst|\bversus|\bvs\.?"
    r"|(?P<bare>\bfrom|\bbelow|\babove|(?<!more )(?<!less )(?<!fewer )\bthan|\bshort\s+of))\s+"
    r"(?P<figure>(?:[a-z]+\s+){0,2}[^\s\d,;:()]{0,3}\d[\d,.]*\S*)(?:\s+[a-z][\w-]*){0,4}\s+$")
# Every match of COMPARED_BEFORE holds one of these words. It opens with no literal, so re tries it at every
# position of the 80 characters before a date, and most dates have none of them there: look for them first.
COMPARED_MARKS = ("from", "compared", "against", "versus", "vs", "below", "above", "than", "short")


def dating(sentence: str, published: date | None, cues: tuple[str, ...] | None = None) -> Dating:
    """The dates of a sentence's figures (see as_of and Dating)."""
    lex = _lexicon()
    found: list[tuple[int, date, bool]] = []  # (where, the date, does it date a statement?)
    compared: list[tuple[int, int, date]] = []
    period: date | None = None
    for start, end, day in _dates_in(sentence, published, lex, lex.cues if cues is None else cues):
        if (figure := _compared_figure(sentence, start)) is not None:
            compared.append((figure, start, day))
            continue
        before = [w.lower() for w in _WORDS_BEFORE.findall(sentence, max(0, start - 60), start)]
        if before and before[-1] in lex.period_start:
            continue  # "since 3 October": when a period began, not when the figure holds
        if not lex.period_clause.isdisjoint(before):
            clause = _CLAUSE_BREAK.split(sentence[max(0, start - 60):start])[-1]
            if any(w.lower() in lex.period_clause for w in _WORDS_BEFORE.findall(clause)):
                continue  # "since the start of the war over two years ago"
        if sentence.startswith(PERIOD_ENDS, start):
            period = period or day  # "in the year to June 2023": the period the figures cover beats the rest
            continue
        # "said on Thursday", "figures published last week", a wire dateline "KYIV, Nov 19 (Reuters) -"
        statement = any(w in lex.statement for w in before[-lex.window:]) \
            or DATELINE_AFTER.match(sentence, end) is not None
        found.append((start, day, statement))
    if period or not found:
        return Dating(period or published, compared)
    found.sort(key=lambda f: f[0])
    return Dating(next((day for _, day, statement in found if not statement), found[0][1]), compared)


def _compared_figure(sentence: str, date_start: int) -> int | None:
    """Where the figure a date follows starts, when that figure is compared with an earlier one ("down from
    67.3% in 2019"); a bare "from", "below", "above", "than" or "short of" only after a first figure
    ("fell to 2.4% in March from 2.6% in February", not "aid from 30 countries in 2023" nor "more than
    2,000 died in 2023")."""
    floor = max(0, date_start - 80)
    if not any(sentence.find(mark, floor, date_start) >= 0 for mark in COMPARED_MARKS):
        return None
    m = COMPARED_BEFORE.search(sentence, floor, date_start)
    if m is None or (m.group("bare") and not any(c.isdigit() for c in sentence[:m.start()])):
        return None
    return m.start("figure")


class ArticleDates:
    """The dates of one article's sentences (as_of), after one scan of the whole article for the marks a
    date needs: a month or weekday stem, "ago", a relative phrase's cue word or a year's mark. Three
    sentences in four that hold a figure have none, and are dated by publication without being read."""

    def __init__(self, text: str, published: date | None) -> None:
        lex = _lexicon()
        found = lex.mark_scan.find_matches_as_indexes(text, overlapping=True)
        self.text = text
        self.published = published
        present = {index for index, _, _ in found}
        self.cues = tuple(cue for index, cue in enumerate(lex.cues) if index in present)
        self._marks = sorted((start, end) for _, start, end in found)

    def as_of(self, start: int, end: int) -> date | None:
        """as_of(text[start:end], published)."""
        return self.dating(start, end).day

    def dating(self, start: int, end: int) -> Dating:
        """dating(text[start:end], published), with offsets in the article."""
        i = bisect.bisect_left(self._marks, (start,))
        while i < len(self._marks) and self._marks[i][0] < end:
            if self._marks[i][1] <= end:
                return dating(self.text[start:end], self.published, self.cues).shifted(start)
            i += 1
        return Dating(self.published, [])


def _dates_in(sentence: str, published: date | None, lex: _Lexicon,
              cues: tuple[str, ...]) -> list[tuple[int, int, date]]:
    """(start, end, date) of every date the sentence gives; relative ones only with a publication date.
    Each kind of date is looked for only where a cheap test finds its mark (a month or weekday stem, a
    relative phrase's cue word or a year's mark, "ago"): most sentences give none."""
    found: list[tuple[int, int, date]] = []
    months = MONTH_HINT.search(sentence) is not None
    taken: list[tuple[int, int]] = []
    ahead: timedelta | None = None  # read on the first date without a year (its pattern is slow)
    if months:
        for pattern in (DAY_MONTH, MONTH_DAY):
            for m in pattern.finditer(sentence):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue  # "19 November 2024" is not also "November 20…"
                if ahead is None and published and not m.group("year"):
                    # News reports the past: a date ahead of publication only where the sentence speaks
                    # of the future.
                    ahead = lex.future if lex.future_words.search(sentence) else timedelta(0)
                day = _calendar(m, published, _ahead(sentence, m.start(), ahead, lex))
                if day:
                    found.append((*m.span(), day))
                    taken.append(m.span())
    if published is not None and WEEKDAY_HINT.search(sentence):
        for start, end, name, after_last in _weekdays(sentence):
            back = (published.weekday() - WEEKDAYS[name]) % 7
            if after_last and back == 0:
                back = 7  # "last Tuesday" in a Tuesday article
            # News reports the past: "on Thursday" is the latest Thursday on or before publication.
            found.append((start, end, published - timedelta(days=back)))
    if months:
        for m in MONTH_IN.finditer(sentence):
            if not any(a < m.end() and m.start() < b for a, b in taken):  # "by March 3" is that day
                last = MONTH_PAIR.match(sentence, m.end()) or m  # "in July and August": August's end
                if ahead is None and published and not last.group("year"):
                    ahead = lex.future if lex.future_words.search(sentence) else timedelta(0)
                day = _month_end(last, published, _ahead(sentence, m.start(), ahead, lex))
                if day:
                    found.append((m.start(), last.end(), day))
    if published is None:
        return found
    if "ago" in sentence:
        for m in lex.ago.finditer(sentence):
            n = m.group("n").lower()
            count = int(n) if n.isdigit() else lex.small_numbers[n]
            found.append((*m.span(), _back(published, m.group("unit").lower(), count)))
    present = [cue for cue in cues if cue in sentence]
    if not present:
        return found
    for m in _near(PART_OF_YEAR, sentence, [c for c in present if c in PART_MARKS]):
        if (day := _part_of_year_end(m, published)) is not None:
            found.append((*m.span(), day))
    for m in _near(lex.relative_re, sentence, [c for c in present if c not in YEAR_MARKS + PART_MARKS]):
        unit, offset = lex.relative[" ".join(m.group().lower().split())]
        found.append((*m.span(), _relative(published, unit, offset)))
    for m in _near(YEAR_IN, sentence, [c for c in present if c in YEAR_MARKS]):
        year = int(m.group("year"))
        if year < published.year:  # "in 2023": as of the end of that year
            found.append((*m.span(), date(year, 12, 31)))
    return found


def _weekdays(sentence: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, weekday, after "last") of each weekday that dates the sentence: "on Thursday" and
    "last Thursday" (spanning the word before), "Thursday's", and a weekday right after a lower-case word
    and one space ("said Thursday"), but not after "next" (to come) nor a capitalised word ("Black
    Friday", "Super Tuesday": names)."""
    found = []
    for m in WEEKDAY.finditer(sentence):
        start = m.start()
        before = _WORD_BEFORE_DAY.search(sentence, max(0, start - 20), start)
        word = before.group(1) if before else ""
        if word.lower() in ("on", "last") and before is not None:
            found.append((before.start(1), m.start("possessive") if m.group("possessive") else m.end(),
                          m.group("name").lower(), word.lower() == "last"))
        elif m.group("possessive") or (word[:1].islower() and word != "next" and before is not None
                                       and before.group(2) == " "):
            found.append((start, m.end(), m.group("name").lower(), False))
    return found


def _near(pattern: re.Pattern[str], sentence: str, cues: list[str]) -> list[re.Match[str]]:
    """The matches of PATTERN that lie around the cues in the sentence: a phrase pattern searched only
    near the few places a cue stands costs far less than one searched along every sentence."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    for cue in cues:
        at = sentence.find(cue)
        while at >= 0:
            for m in pattern.finditer(sentence, max(0, at - _REACH), at + len(cue) + _REACH):
                found.setdefault(m.span(), m)
            at = sentence.find(cue, at + 1)
    return [found[span] for span in sorted(found)]


def _relative(published: date, unit: str, offset: int) -> date:
    """The latest day a relative phrase can mean (data/lexicon/dates.toml)."""
    if unit == "day":
        return published + timedelta(days=offset)
    if unit == "week":  # the Sunday that ended that week
        return published - timedelta(days=published.weekday() + 1 + 7 * (-offset - 1))
    if unit == "weekend":  # the last Sunday before publication
        return published - timedelta(days=(published.weekday() + 1) % 7 or 7)
    if unit == "month":
        first = published.replace(day=1)
        for _ in range(-offset):
            first = (first - timedelta(days=1)).replace(day=1)
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return date(published.year + offset, 12, 31)


def _part_of_year_end(m: re.Match[str], published: date) -> date | None:
    """The last day of a quarter or half of a year (PART_OF_YEAR); without a year, the latest one begun by
    publication, and no later than publication while it runs. None for a part the year has not ("the
    third half")."""
    months = 3 if m.group("part").lower() == "quarter" else 6
    which = m.group("which").lower()
    end_month = months * ORDINALS.get(which, 12 // months)  # "last", "final": the year's last
    if end_month > 12:
        return None
    if m.group("year"):
        year = int(m.group("year"))
    elif m.group("last"):
        year = published.year - 1
    else:
        year = published.year if date(published.year, end_month - months + 1, 1) <= published \
            else published.year - 1
    return min(date(year, end_month, calendar.monthrange(year, end_month)[1]), published)


def _back(published: date, unit: str, count: int) -> date:
    """Publication minus `count` days, weeks, months or years ("three days ago")."""
    if unit in ("day", "week"):
        return published - timedelta(days=count * (7 if unit == "week" else 1))
    months = count * (12 if unit == "year" else 1)
    year, month = divmod(published.year * 12 + published.month - 1 - months, 12)
    month += 1
    return date(year, month, min(published.day, calendar.monthrange(year, month)[1]))


def _ahead(sentence: str, start: int, sentence_ahead: timedelta | None, lex: _Lexicon) -> timedelta:
    """How far past publication the date at `start` may lie: as far as the sentence allows, or the future
    window where a word right before the date looks ahead ("by March 3")."""
    if sentence_ahead:
        return sentence_ahead
    return lex.future if lex.future_before.search(sentence, max(0, start - 24), start) else timedelta(0)


def _month_number(name: str) -> int:
    """1-12 for a month's name as written ("Sept", "October", "Oct.")."""
    low = name.lower()
    return MONTHS["sept" if low.startswith("sept") else low[:3]]


def _month_end(m: re.Match[str], published: date | None, future: timedelta) -> date | None:
    """The latest day a month named without its day can mean ("in March": its last day, "in early
    March" the 10th), not after publication; without a year, the latest such month that begins by
    publication, or soon after it where the sentence speaks of the future (as `_calendar`)."""
    month = _month_number(m.group("month"))
    if m.group("year"):
        year = int(m.group("year"))
    elif published is None:
        return None
    else:
        year = next(y for y in (published.year + 1, published.year, published.year - 1)
                    if date(y, month, 1) <= published + future)
    last = PART_OF_MONTH.get((m.group("part") or "").lower()) or calendar.monthrange(year, month)[1]
    day = date(year, month, last)
    return min(day, published) if published and (year, month) == (published.year, published.month) else day


def _calendar(m: re.Match[str], published: date | None, future: timedelta) -> date | None:
    month = _month_number(m.group("month"))
    day = int(m.group("day"))
    if m.group("year"):
        try:
            return date(int(m.group("year")), month, day)
        except ValueError:
            return None
    if published is None:
        return None
    # "on 3 October" in a November article is this year's, in a February article last year's; "on 3
    # February" in a January article this year's (a date just ahead): the latest not far ahead.
    for year in (published.year + 1, published.year, published.year - 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue  # 29 February in a year without one
        if found <= published + future:
            return found
    return None


# --- dates written in article headers and metadata ------------------------------------------------

_LABEL = re.compile(r"^(?:[A-Za-z]+[.:,]?\s+)+?(?=\d|[A-Z][a-z]{2})")
_LEADING_WORD = re.compile(r"^[A-Za-z]+[.:,]?\s+")
_YEAR = re.compile(r"\b\d{4}\b")
_MAX_DATE_CHARS = 80  # room for "Wednesday, September 18, 2024, 10:05 AM Eastern Daylight Time"
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.I)
# A time of day before or after the date: "10:42 GMT", "06.15 GMT", "2:05 p.m. PT", "at 10.42am".
_TIME = re.compile(r"(?:\b(?i:at)\s+)?\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?![\d.])"
                   r"\s*(?i:[ap]\.?m\.?)?(?:\s+[A-Z]{1,5}\b)*"
                   r"|\b\d{1,2}\s*(?i:[ap]\.?m\.?)(?:\s+[A-Z]{1,5}\b)*")
_TRAILING_TIME = re.compile(r"(\d{4})\s*(?:[,-]|at)?\s+\d{1,2}[:.]\d{2}\b.*$", re.I)
_ISO_INSIDE = re.compile(r"\b\d{4}-\d{2}-\d{2}"
                         r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")
_DATE_FORMATS = (
    "%B %d %Y",  # November 19 2024
    "%b %d %Y",  # Nov 19 2024
    "%d %B %Y",  # 19 November 2024
    "%d %b %Y",  # 19 Nov 2024
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",  # 19.11.2024 (day first wherever dots are used)
)


def parse_date(value: object) -> date | None:
    """A date from a date/datetime object or from ISO and common news date text; None if not one.

    "2024-11-19", "2024-11-19T08:00:00Z", "Tuesday, November 19, 2024", "Nov. 19, 2024 10:42 a.m. ET",
    "19 November 2024", "Updated: 19th Nov 2024 10:05 GMT", "Published 2:05 p.m. PT Sept. 12, 2024",
    "First published on Tue 7 Feb 2023 06.15 GMT", "19.11.2024". Ambiguous "11/19/2024" is None, as is
    anything else that is not a whole date (a label and times of day aside).
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    if len(text) > _MAX_DATE_CHARS or not _YEAR.search(text):
        return None  # cheap exit for ordinary sentences, which are most first lines
    label = _LABEL.match(text)
    if label and all(w.lower().rstrip(".:,") in _lexicon().label_words for w in label.group().split()):
        text = text[label.end():]  # "Last modified on Tue 7 Feb 2023" -> "7 Feb 2023"
    iso = _ISO_INSIDE.fullmatch(text)
    if iso:
        try:
            return datetime.fromisoformat(text.replace(" ", "T", 1)).date()
        except ValueError:
            return None
    text = _ORDINAL.sub(r"\1", text)
    text = _TRAILING_TIME.sub(r"\1", text)
    text = _TIME.sub(" ", text).strip(" ,|-–—")
    for candidate in (text, _LEADING_WORD.sub("", text, count=1)):
        candidate = re.sub(r"(?<=[A-Za-z])\.", "", candidate)  # "Nov." -> "Nov"
        candidate = re.sub(r"\bsept\b", "sep", candidate, flags=re.I)
        candidate = " ".join(candidate.replace(",", " ").split())
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None
