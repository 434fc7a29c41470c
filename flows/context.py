"""What a number counts: its unit, whose it is (subject) and what happened (event), from nearby words.

Everything here reads only the sentence around a quantity and the lexicons in data/lexicon/:
  units.csv       the counted noun ("soldiers" → troops), after the number or, failing that, before it
                  ("the number of soldiers mobilised had risen to 13,000")
  demonyms.csv    whose ("North Korean", "from North Korea", "Pyongyang's" → north_korean)
  events.csv      what happened ("killed or wounded", "sent", "the death toll", "killing")
  formations.csv  a body people are counted into ("a unit of 3,000 North Koreans" → troops, deployed)
  context.toml    the small word lists the reading needs (modifiers, words that refer back, ...)

The event is looked for in this order: in the number's own clause after it, in its clause before it
(the nearest), then further on in the sentence past commas ("1,099 civilians, including 227 children,
had been killed"). What a figure that refers back ("7,000 of them") counts is settled by the caller,
which knows the figure before it (flows/extract.py).
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from flows.lexicon import LEXICON_DIR, mapping, phrase_pattern, rows

WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.\-]*[A-Za-z0-9]|[A-Za-z]")
# A clause ends at punctuation, at a quote mark or at the next digit (another quantity's territory).
CLAUSE_END = re.compile(r"[,;:()\[\]“”\"—–]|\.\s|\.$|\d")
# Past the clause, the event may still come later in the sentence, but not past a contrast.
SENTENCE_PART_END = re.compile(r";|\.\s|\s(?:while|whereas|but)\s")
# A word that looks like a plural noun ("jobs", "governments"), not "across", "status" or "crisis".
PLURAL = re.compile(r"[a-z]{2,}[^su']s$|[a-z]+ies$|people$|men$|children$")
PRONOUNS_PLURAL = re.compile(r"\b(?:they|their|them)\b", re.IGNORECASE)
# "8,574 people had died in Turkey alone, ...": a verb in -ed ends the search for the counted noun.
VERB_PAST = re.compile(r"[a-z]{3,}ed$")
# The word before a place name, or before the list it ends ("in Turkey and Syria").
LIST_BEFORE = re.compile(r"(\w+)\s+(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?\s*(?:,|and|or)\s+)*$")
EVENT_SEARCH_AHEAD = 160
# "children under five", "people over 65": an age bound, not a count of anything.
AGE_BOUND = re.compile(r"(?:under|over|aged)\s", re.IGNORECASE)

POSSESSIVE = re.compile(r"(?:['’]s\b)?")
NOUN_COMMA = re.compile(r"(\w+)\s*,\s*$")  # characters of the sentence read past the clause for a late event


@dataclass(slots=True)
class Context:
    unit: str | None = None
    subject: str | None = None
    event: str | None = None
    named: bool = False  # the unit comes from a noun in the text, not from the event's default
    refers_back: bool = False  # "7,000 of them": it counts whatever the figure before it counts
    period: str | None = None  # "2,000 more arrive every day": a later period makes a count a rate
    kind: str | None = None  # a kind the words around give: "children under five" is an age


class Event(NamedTuple):
    event: str
    kinds: frozenset[str]  # the quantity kinds it applies to; empty: any
    counts: str  # what is counted when no noun says so ("3.4 million have fled": people)
    yields: bool  # a weak verb ("joined") that gives way to a later event in its clause ("the march")

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


@cache
def _words() -> dict[str, frozenset[str]]:
    """context.toml: each list as a set of lower-case words or phrases."""
    with (LEXICON_DIR / "context.toml").open("rb") as f:
        raw = tomllib.load(f)
    return {k: frozenset(v.split() if isinstance(v, str) else v) for k, v in raw.items()}


@cache
def _units() -> dict[str, str]:
    return mapping("units.csv", "word", "unit")


@cache
def _units_re() -> re.Pattern[str]:
    return phrase_pattern(tuple(_units()))


@cache
def _demonyms() -> dict[str, str]:
    return mapping("demonyms.csv", "word", "subject")


@cache
def _demonyms_re() -> re.Pattern[str]:
    # Case-sensitive: "US" is a country, "us" is a pronoun; "Turkey" a country, "turkey" a bird.
    return phrase_pattern(tuple(r["word"] for r in rows("demonyms.csv")), flags=0)


@cache
def _events() -> dict[str, tuple[Event, ...]]:
    """phrase → its readings, in file order; a phrase may mean one thing for counts and another for money."""
    table: dict[str, list[Event]] = {}
    for r in rows("events.csv"):
        kinds = frozenset(k for k in r.get("kinds", "").split("|") if k)
        table.setdefault(r["word"].lower(), []).append(
            Event(r["event"], kinds, r.get("counts", ""), r.get("yields", "") == "yields"))
    return {phrase: tuple(readings) for phrase, readings in table.items()}


@cache
def _events_re() -> re.Pattern[str]:
    return phrase_pattern(tuple(_events()))


@cache
def _formations() -> dict[str, tuple[str, str]]:
    return {r["word"].lower(): (r["unit"], r["event"]) for r in rows("formations.csv")}


@cache
def _formations_re() -> re.Pattern[str]:
    return phrase_pattern(tuple(_formations()))


@cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(r["verb"].lower() for r in rows("reporting_verbs.csv"))


@cache
def _refer_after_re() -> re.Pattern[str]:
    return re.compile(r"\s*" + phrase_pattern(tuple(_words()["refer_after"])).pattern, re.IGNORECASE)


@cache
def _refer_before_re() -> re.Pattern[str]:
    # The phrase ends right before the number, allowing a comma, a quote and a level verb between:
    # "Of those, 600,000", "put it at “around 100”", "the figure could exceed 2,000".
    return re.compile(phrase_pattern(tuple(_words()["refer_before"])).pattern
                      + r"(?:\s+[a-z]+){0,2}[\s,“\"]*$", re.IGNORECASE)


@cache
def _age_holder_re() -> re.Pattern[str]:
    return re.compile(phrase_pattern(tuple(_words()["age_holders"])).pattern + r"\s+$", re.IGNORECASE)


@cache
def _inclusion_re() -> re.Pattern[str]:
    return re.compile(phrase_pattern(tuple(_words()["inclusions"])).pattern + r"\s*$", re.IGNORECASE)


@cache
def _period_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """"every day", "each week": the period after which a count becomes a rate (number_words.toml)."""
    with (LEXICON_DIR / "number_words.toml").open("rb") as f:
        periods = tomllib.load(f)["rate"]["periods"]
    linkers = "|".join(sorted(_words()["rate_linkers"]))
    return re.compile(rf"\b(?:{linkers})\s+(?P<p>{'|'.join(periods)})\b", re.IGNORECASE), periods


def subject_key(word: str) -> str | None:
    return _demonyms().get(word.lower().replace("’", "'"))


def combine_subjects(subjects: list[str]) -> str | None:
    """Several owners of one figure ("Ukrainians and Russians") become one sorted key."""
    unique = sorted(set(subjects))
    return "+".join(unique) if unique else None


def canonical_unit(word: str) -> str:
    """The lexicon's unit for a noun; an unknown noun stands for itself, lower-cased."""
    w = word.lower()
    return _units().get(w) or _units().get(w + "s") or w


def _unit_of(match: re.Match[str]) -> str:
    return _units()[re.sub(r"\s+", " ", match.group().lower())]


def clause_after(text: str, start: int, limit: int) -> int:
    """Where the clause that begins at `start` ends (at most `limit`)."""
    m = CLAUSE_END.search(text, start, limit)
    return m.start() if m else limit


def clause_before(text: str, end: int, floor: int) -> int:
    """Where the clause that ends at `end` begins (at least `floor`)."""
    i = end
    while i > floor:
        c = text[i - 1]
        if c in ",;:()[]“”\"—–" or c.isdigit() or (c == "." and i < end and text[i].isspace()):
            return i
        i -= 1
    return floor


def find_event(text: str, start: int, end: int, kind: str) -> Event | None:
    """The first event phrase in text[start:end] that applies to this kind of quantity; a weak verb
    ("joined") only when no other event follows it."""
    weak = None
    for event in _iter_events(text, start, end, kind):
        if not event.yields:
            return event
        weak = weak or event
    return weak


def nearest_event_before(text: str, start: int, end: int, kind: str) -> tuple[Event, int] | None:
    """The event phrase in text[start:end] nearest its end, and where it ends: "killing at least 212",
    "has shipped 7,000"."""
    hits = list(_iter_events(text, start, end, kind, with_end=True))
    return hits[-1] if hits else None


def read_noun(text: str, start: int, end: int) -> tuple[str | None, list[str], int]:
    """Read the counted noun after a number: (unit, subjects met on the way, end offset of the noun).

    Skips a few modifiers ("more", adjectives, demonyms that are owners: "six North Korean soldiers").
    A demonym as the noun ("3,000 North Koreans", "420,000 Rohingya have crossed") counts people and
    names the subject.
    """
    words = _words()
    subjects: list[str] = []
    pos = start
    for _ in range(8):
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        unit_m = _units_re().match(text, pos)
        if unit_m and unit_m.end() <= end:
            return _unit_of(unit_m), subjects, unit_m.end()
        dem_m = _demonyms_re().match(text, pos)
        if dem_m and dem_m.end() <= end:
            subjects.append(_demonyms()[dem_m.group().lower().replace("’", "'")])
            pos = dem_m.end()
            if not dem_m.group().endswith("'s"):
                # "Ukrainians and Russians": several peoples counted together.
                more = re.match(r"\s+(?:and|or)\s+", text[pos:end])
                if more and _demonyms_re().match(text, pos + more.end()):
                    pos += more.end()
                    continue
                following = (_next_word(text, pos, end) or "").lower()
                if dem_m.group().endswith("s") or not following or following in words["not_nouns"]:
                    return "people", subjects, pos  # the people themselves are counted
            continue
        word_m = WORD.match(text, pos)
        if not word_m or word_m.end() > end:
            break
        word = word_m.group()
        low = word.lower()
        if low in words["modifiers"] or (word[0].isupper() and low not in words["not_nouns"]):
            pos = word_m.end()
            continue
        if VERB_PAST.match(low) and low not in _events():
            # "suspected cases", "armoured vehicles" are modifiers; "8,574 people had died" is not.
            following = _next_word(text, word_m.end(), end)
            if following and (_units_re().match(following) or PLURAL.search(following.lower())):
                pos = word_m.end()
                continue
            break
        if low in words["not_nouns"] or low in _events():
            break
        if PLURAL.search(low):
            # An unknown plural noun counts itself: "5,000 jobs", "eight governments".
            return canonical_unit(low), subjects, word_m.end()
        pos = word_m.end()  # a modifier we do not know ("anti-ship", "rescue"): the noun may follow
    return None, subjects, start


def _next_word(text: str, pos: int, end: int) -> str | None:
    m = WORD.match(text, pos + len(text[pos:end]) - len(text[pos:end].lstrip()))
    return m.group() if m and m.end() <= end else None


def noun_before(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The counted noun standing before a bare number in its clause, nearest first, and where it ends:
    "the number of soldiers mobilised had risen to about 13,000", "dengue infections had reached 1.2
    million". A noun that is the source ("Police said 12 ...", "Police later put ...") is not counted."""
    for m in reversed(list(_units_re().finditer(text, start, end))):
        following = [w.group().lower() for w in WORD.finditer(text, m.end(), end)][:2]
        if any(w in _reporting_verbs() for w in following):
            continue
        return _unit_of(m), m.end()
    return None


def owner_after(text: str, start: int, end: int) -> str | None:
    """"soldiers from North Korea", "of frozen Russian assets", "600,000 were Russian": an owner named
    right after the noun."""
    m = re.match(r"\s+(?:(?:from|of)\s+(?:the\s+)?(?:[a-z]+\s+)?|(?:were|was|are)\s+)", text[start:end])
    if not m:
        return None
    dem = _demonyms_re().match(text, start + m.end())
    return subject_key(dem.group()) if dem and dem.end() <= end else None


def _is_source(text: str, end: int) -> bool:
    """Is the country or demonym ending at `end` the source of a figure rather than its owner? It is
    when a name, a source noun or a reporting verb follows: "the Libyan Red Crescent", "the Ukrainian
    president", "Israel says"."""
    words = _words()
    end += len(POSSESSIVE.match(text, end).group())
    following = [m.group() for m in WORD.finditer(text, end, end + 50)][:3]
    if not following:
        return False
    first = following[0]
    if first[0].isupper() or first.lower() in _reporting_verbs():
        return True
    return any(w.lower() in words["source_nouns"] for w in following)


def owner_before(text: str, start: int, end: int) -> str | None:
    """The nearest country or demonym before the number in its clause ("Russia had seen 115,000 ..."),
    unless it is where something happened or was sent ("in Turkey", "to Russia"), the source of the
    figure ("Israel says") or a list the number belongs to ("the US, Japan and eight other governments")."""
    for m in reversed(list(_demonyms_re().finditer(text, start, end))):
        if re.fullmatch(r"\s*(?:,|and|or)\s*", text[m.end() : end]):
            return None
        if _preposition_before(text, start, m.start()) in _words()["not_owner"]:
            continue
        if _is_source(text, m.end()):
            continue
        return subject_key(m.group())
    return None


def _preposition_before(text: str, start: int, end: int) -> str:
    """The word governing a place name ending a list: "in" for "earthquakes in Turkey and Syria"."""
    m = LIST_BEFORE.search(text, max(start, end - 60), end)
    return m.group(1).lower() if m else ""


def first_owner(text: str, start: int, end: int) -> str | None:
    m = _demonyms_re().search(text, start, end)
    return subject_key(m.group()) if m else None


def describe(
    text: str,
    q_start: int,
    q_end: int,
    kind: str,
    sentence: tuple[int, int],
    previous_sentence: tuple[int, int] | None = None,
    next_start: int | None = None,
) -> Context:
    """Unit, subject and event of the quantity at text[q_start:q_end] in its sentence (`next_start`:
    where the next quantity begins, which the event search does not read past)."""
    s_start, s_end = sentence
    ctx = Context()
    if kind in ("duration", "age"):
        return ctx  # "over two years", "aged 21": how long or how old, not a count of anything
    if kind == "count" and AGE_BOUND.match(text, q_start) \
            and _age_holder_re().search(text, max(s_start, q_start - 20), q_start):
        return Context(unit="years", kind="age")
    after_end = clause_after(text, q_end, s_end)
    before_start = clause_before(text, q_start, s_start)

    subjects: list[str] = []
    noun_end = q_end
    if kind in ("count", "rate"):
        inside = _units_re().search(text, q_start, q_end) if kind == "rate" else None
        if inside:  # "1,200 soldiers a day": the rate's surface holds its noun
            ctx.unit, noun_end = _unit_of(inside), inside.end()
        else:
            ctx.unit, subjects, noun_end = read_noun(text, q_end, min(s_end, q_end + 80))
        ctx.named = ctx.unit is not None
        # "a unit of around 3,000 North Koreans": the body says what its members are and what happened.
        window_start = max(before_start, q_start - 40)
        for m in _formations_re().finditer(text, window_start, q_start):
            unit, event = _formations()[re.sub(r"\s+", " ", m.group().lower())]
            if ctx.unit in (None, "people"):
                ctx.unit = unit
            ctx.event = event or ctx.event
    if ctx.unit is None:
        ctx.refers_back = bool(_refer_after_re().match(text, q_end, s_end)
                               or _refer_before_re().search(text, max(s_start, q_start - 40), q_start))
    before = nearest_event_before(text, before_start, q_start, kind)
    if kind == "count" and ctx.unit is None and not ctx.refers_back:
        # "the turnout at 35,000" (an event that counts people) or "soldiers mobilised ... to 13,000":
        # whichever stands nearer the number says what it counts.
        noun = noun_before(text, before_start, q_start) or _noun_before_comma(text, before_start, q_start)
        if noun and not (before and before[0].counts and before[1] > noun[1]):
            ctx.unit, ctx.named = noun[0], True
    if kind in ("count", "money"):
        period, periods = _period_re()
        p = period.search(text, q_end, after_end)
        ctx.period = periods[p.group("p").lower()] if p else None

    owner = combine_subjects(subjects) or owner_after(text, noun_end, s_end)
    if owner is None and not ctx.refers_back:
        owner = owner_before(text, before_start, q_start)
        if owner is None and previous_sentence and PRONOUNS_PLURAL.search(text, before_start, q_start):
            # "They are preparing 10,000 soldiers": they are whoever the previous sentence was about.
            owner = first_owner(text, *previous_sentence)
    ctx.subject = owner

    if ctx.event is None:
        adjacent = before if before and not text[before[1]:q_start].strip() else None
        found = ((adjacent and adjacent[0]) or find_event(text, q_end, after_end, kind)
                 or (before and before[0]))
        if found is None and not ctx.refers_back:  # what it refers back to is a better guess than a far verb
            found = find_event(text, after_end, _sentence_part_end(text, after_end, s_end, next_start), kind)
        if found:
            ctx.event = found.event
            if ctx.unit is None and kind == "count" and found.counts:
                ctx.unit = found.counts  # "3.4 million have fled": people, though no noun says so
    return ctx


def _noun_before_comma(text: str, start: int, end: int) -> tuple[str, int] | None:
    """"soldiers, some 1,700 in total, have been deployed": the noun the number stands in apposition to."""
    if text[start:end].strip():
        return None
    m = NOUN_COMMA.search(text, max(0, start - 40), start)
    return (_unit_of(_units_re().match(m.group(1))), end) if m and _units_re().fullmatch(m.group(1)) else None


def _sentence_part_end(text: str, start: int, s_end: int, next_start: int | None) -> int:
    """How far past its clause a number's event may be looked for: not past a contrast, the sentence
    end, or the next figure unless that figure is a part of this one ("including 227 children")."""
    limit = min(s_end, start + EVENT_SEARCH_AHEAD)
    m = SENTENCE_PART_END.search(text, start, limit)
    limit = m.start() if m else limit
    if next_start is not None and next_start < limit and not _inclusion_re().search(text, start, next_start):
        limit = next_start
    return limit


def _iter_events(text: str, start: int, end: int, kind: str, with_end: bool = False) -> Iterator:
    for m in _events_re().finditer(text, start, end):
        readings = _events()[re.sub(r"\s+", " ", m.group().lower())]
        reading = next((e for e in readings if e.applies_to(kind)), None)
        if reading:
            yield (reading, m.end()) if with_end else reading
