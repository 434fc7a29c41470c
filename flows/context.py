"""What a number counts: its unit, whose it is (subject) and what happened (event), from nearby words.

Everything here reads only the sentence around a quantity and the lexicons in data/lexicon/:
  units.csv       the counted noun ("soldiers" → troops), after the number or, failing that, before it
                  ("the number of soldiers mobilised had risen to 13,000")
  demonyms.csv    whose ("North Korean", "from North Korea", "Pyongyang's" → north_korean)
  events.csv      what happened ("killed or wounded", "sent", "the death toll", "killing")
  formations.csv  a body people are counted into ("a unit of 3,000 North Koreans" → troops, deployed)
  context.toml    the small word lists the reading needs (modifiers, words that refer back, ...)

The event is looked for in this order: a verb right before the number ("killing 212"), the number's
own clause after it, its clause before it (the nearest), then further on in the sentence past commas
("1,099 civilians, including 227 children, had been killed"), never past the next figure or a
contrast. Events that happen to people are not read onto things (units.csv marks the nouns that count
people, events.csv says what each event needs). What a figure that refers back ("7,000 of them")
counts is settled by the caller, which knows the figure before it (flows/extract.py).

Lexicon phrases are found by one Aho-Corasick scan, once per sentence for all its quantities (_Sentence),
which an ArticleContext keeps while it describes one article's quantities.
"""
from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ahocorasick_rs import BytesAhoCorasick

from flows.lexicon import LEXICON_DIR, mapping, phrase_pattern, rows

WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.\-]*[A-Za-z0-9]|[A-Za-z]")
# A clause ends at punctuation, at a quote mark or at the next digit (another quantity's territory);
# the full stop of an abbreviation ("U.S. troops") does not end it.
# (One character class, then a check on full stops: a scan for a class is far faster than for branches.)
BOUNDARY = re.compile(r"[,;:()\[\]“”\"—–.\d]")
# The last such character before the end of the text searched: found left to right in one pass, each
# character read about twice, instead of collecting every boundary of the clause (every digit is one).
LAST_BOUNDARY = re.compile(r"[,;:()\[\]“”\"—–.\d](?=[^,;:()\[\]“”\"—–.\d]*+\Z)")
# A share of the figure before, set off by commas: "25 million people, half the population, need aid"
SHARE_ASIDE = re.compile(r"(?:(?:about|nearly|almost|roughly|some|more\s+than)\s+)?"
                         r"(?:half|a\s+third|a\s+quarter|two[- ]thirds|three[- ]quarters|one\s+in\s+\w+"
                         r"|\d[\d.]*\s*(?:%|percent|per\s+cent))\b[^,.;:\d]{0,40},", re.IGNORECASE)
# Past the clause, the event may still come later in the sentence, but not past a contrast
# (context.toml "contrasts") or a full stop.
PART_END = re.compile(r"[;.]")
# A word that looks like a plural noun ("jobs", "governments"), not "across", "status" or "crisis".
PLURAL = re.compile(r"[a-z]{2,}[^su']s$|[a-z]+ies$|people$|men$|children$")
PRONOUNS_PLURAL = re.compile(r"\b(?:they|their|them)\b", re.IGNORECASE)
# "8,574 people had died in Turkey alone, ...": a verb in -ed or -ing ends the search for the counted noun,
# unless a noun follows it ("76 kidnapped students", "9.3 million shipping containers").
PARTICIPLE = re.compile(r"[a-z]{3,}(?:ed|ing)$")
EVENT_SEARCH_AHEAD = 160  # characters of the sentence read past the clause for a late event
# Every byte but a lower-case letter, a digit or a hyphen separates words for the phrase index.
SEPARATORS = bytes(c if chr(c).isascii() and (chr(c).islower() or chr(c).isdigit() or c == 45) else 32
                   for c in range(256))
# "children under five", "people over 65": an age bound, not a count of anything.
AGE_BOUND = re.compile(r"(?:under|over|aged)\s", re.IGNORECASE)

STRONG = re.compile(r"-strong\s+([a-z]+)(?:\s+([a-z]+))?")  # "3,000-strong (rebel) force"
ANOTHER = re.compile(r"\b(?:[Aa]nother|[Aa]\s+further|[Aa]n\s+additional)\s+$")
# A forecast after the noun of "the 175,000 economists": the noun is who forecast the figure (a relative
# clause), not what it counts.
FORECAST_AFTER = re.compile(r"\s+(?:had\s+|have\s+)?(?:expected|forecast|predicted|anticipated|projected)\b")
# What may stand between a phrase that refers back and the figure: "that compares with a record of 250,000"
REFER_GAP = re.compile(r"(?:\s+(?:an?|the|its|their)\s+(?:[a-z-]+\s+)?(?:record|peak|high|low)\s+of"
                       # "the number had risen to 121,000"
                       r"|\s+(?:had|has|have)\s+(?:risen|grown|climbed|fallen|dropped|reached|increased|jumped)"
                       r"(?:\s+to)?"
                       r"|(?:\s+[a-z]+){0,2})[\s,“\"]*"
                       r"(?:(?:[a-z]+\s+){1,2}(?:said|says|added|adds|reported)\s*,\s*)?",  # ", it said, "
                       re.IGNORECASE)
LIST_GAP = re.compile(r"\s*(?:,|and|or)\s*")
POSSESSIVE_AT = re.compile(r"['’]s\b")
AND_OR = re.compile(r"\s+(?:and|or)\s+")
POSSESSIVE = re.compile(r"(?:['’]s\b)?")
OWNER_LINK = re.compile(r"\s+(?:(?:from|of)\s+(?:the\s+)?(?:[a-z]+\s+)?|(?:were|was|are)\s+)")
MODEL_NUMBER = re.compile(r"\d[\w.]*(?![\w,])")  # after a capitalised name: "Leopard 2", "737", "2A8"
# What follows a verb as its object: a figure, perhaps hedged ("raising $902m", "killed at least 20") ...
OBJECT_FIGURE = re.compile(r"\s+(?:(?:at\s+least|about|around|some|nearly|almost|more\s+than|up\s+to"
                           r"|as\s+many\s+as)\s+)?[$£€¥]?\d")
# ... or a noun phrase ("arrested a 17-year-old", "injured their neighbours").
OBJECT_WORD = re.compile(r"\s+(?:a|an|the|his|her|their|its|our|two|three|four|five)\b")
COORDINATED_VERB = re.compile(r"\b(?:and|or|then|but)\s+$")
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are)\s+$")  # "people were killed the next day"
# a time, not an object: "40 homes destroyed the week before"
WHEN_AFTER = re.compile(r"\s+the\s+(?:(?:next|previous|same|following)\s+)?"
                        r"(?:day|week|month|year|night|morning|evening|weekend)\b")
# "… rose to 202", "… reached 202", "… stood at 202": the level a count reached, right before it.
LEVEL_REACHED = re.compile(r"\b(?:rose|risen|climbed|jumped|reached|stood|stands|increased|grew|hit|passed)"
                           r"\s+(?:to\s+|at\s+)?$"
                           # "the number of dead could reach 20,000", "may exceed 1,000"
                           r"|\b(?:could|may|might|will|would|to)\s+(?:reach|exceed|top|surpass|pass|rise\s+to)\s+$"
                           r"|\b(?:fell|fallen|dropped|declined|decreased|slipped|sank)\s+to\s+$"
                           # "fell by 38% to 94,000", "fell 18% last year to 386": the level after the move
                           r"|\b(?:rose|fell|dropped|declined|increased|decreased|grew|climbed|jumped)\s+"
                           r"(?:by\s+)?[\d.,]+\s*(?:%|per\s*cent|percent)?(?:\s+[a-z]+){0,3}\s+to\s+$")
# "the toll could rise eightfold, to more than 20,000", "cases had tripled in a month, to 2,000"
LEVEL_AFTER_COMMA = re.compile(r",\s+to\s+$")
# "… fell by 41,000", "… dropped 41,000": how far a count moved, right before it.
MOVED_BY = re.compile(r"\b(?:rose|fell|dropped|declined|increased|decreased|grew|climbed|jumped)"
                      r"\s+(?:by\s+)?$")
# "the number of (asylum) applications": up to two words may qualify the noun
NUMBER_OF = re.compile(r"\b(?:number|total)\s+of\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
OTHERS_AFTER = re.compile(r"\s+others\b")
# "13 were children", "13 of them were children" (not "12 were soldiers of the army": a phrase goes on)
PREDICATE_NOUN = re.compile(r"\s+(?:of\s+them\s+|of\s+those\s+)?(?:were|are)\s+(?:all\s+)?([a-z]+)\b"
                            r"(?!\s+(?:of|in|at|on|from)\b)")
NOUN_COMMA = re.compile(r"(\w+)\s*,\s*$")  # "soldiers, some 1,700 in total": the noun before the comma


@dataclass(slots=True)
class Context:
    unit: str | None = None
    subject: str | None = None
    event: str | None = None
    named: bool = False  # the unit comes from a noun in the text, not from the event's default
    noun_before: bool = False  # ... a noun before the number ("the death toll rose to 240")
    refers_back: bool = False  # "7,000 of them": it counts whatever the figure before it counts
    period: str | None = None  # "2,000 more arrive every day": a later period makes a count a rate
    kind: str | None = None  # a kind the words around give: "children under five" is an age
    acted_on: bool = False  # the event is the verb right before the number: "cut 2,800 jobs", "lost €312m"
    weak_event: bool = False  # the event is a weak verb ("arriving"), which what it refers back to overrides


class Event(NamedTuple):
    event: str
    kinds: frozenset[str]  # the quantity kinds it applies to; empty: any
    counts: str  # what is counted when no noun says so ("3.4 million have fled": people)
    yields: bool  # a weak verb ("joined") that gives way to a later event in its clause ("the march")
    needs: str  # "person": only for a noun known to count people; "thing": never for one; "object": only
    # for a noun known to count things ("lost 3,600 tanks", not "lost 190 points"); "people": see applies_to;
    # "noun": see _reading

    def applies_to(self, kind: str, unit: str | None, near: bool) -> bool:
        """Does it say what happened to this quantity? Events that happen to people do not happen to
        things ("killed ... at two mosques"), and far from the number (`near` false) only to people."""
        if self.kinds and kind not in self.kinds:
            return False
        if kind in ("measurement", "money") and self.needs in ("person", "people"):
            # "the death toll from the magnitude 7.5 earthquake": the quake was not killed; nor was the
            # "500,000 rupees" paid to "the families of the dead"
            return False
        person = unit in _person_units()
        if self.needs == "person":
            return person
        if self.needs == "thing":
            return not person
        if self.needs == "object":
            return unit in _known_units() and not person and unit not in _animal_units()
        if self.needs == "people" and unit is not None and not person:
            # "2.3 million cattle have died": what befalls living bodies befalls animals too
            return unit in _animal_units() or (near and unit not in _known_units())
        return True


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
def _known_units() -> frozenset[str]:
    return frozenset(_units().values())


@cache
def _person_units() -> frozenset[str]:
    return frozenset(r["unit"] for r in rows("units.csv") if r.get("person") == "yes")


@cache
def _animal_units() -> frozenset[str]:
    return frozenset(r["unit"] for r in rows("units.csv") if r.get("person") == "animal")


@cache
def _demonyms() -> dict[str, str]:
    return {_spelling(word): subject for word, subject in mapping("demonyms.csv", "word", "subject").items()}


@cache
def _events() -> dict[str, tuple[Event, ...]]:
    """phrase → its readings, in file order; a phrase may mean one thing for counts and another for money."""
    table: dict[str, list[Event]] = {}
    for r in rows("events.csv"):
        kinds = frozenset(k for k in r.get("kinds", "").split("|") if k)
        reading = Event(r["event"], kinds, r.get("counts", ""), r.get("yields") == "yields",
                        r.get("needs", ""))
        table.setdefault(r["word"].lower(), []).append(reading)
    return {phrase: tuple(readings) for phrase, readings in table.items()}


@cache
def _event_needs() -> dict[str, frozenset[str]]:
    """event → what its phrases need ("arrested": people only)."""
    needs: dict[str, set[str]] = {}
    for readings in _events().values():
        for reading in readings:
            needs.setdefault(reading.event, set()).add(reading.needs)
    return {event: frozenset(n) for event, n in needs.items()}


def happens_to(event: str | None, unit: str | None) -> bool:
    """Can this event happen to what the unit counts? Not one that happens only to people to a thing
    known not to be people ("27 suspects had been arrested and 40 rifles seized")."""
    if event is None or unit is None or unit in _person_units() or unit not in _known_units():
        return True
    needs = _event_needs().get(event, frozenset())
    return not needs <= ({"person"} if unit in _animal_units() else {"person", "people"})


@cache
def _lexicon_phrases() -> dict[str, frozenset[str]]:
    """The phrase lists looked up word by word, by name."""
    return {
        "events": frozenset(_events()),
        "units": frozenset(_units()),
        "demonyms": frozenset(w.lower() for w in _demonym_spellings()),  # checked for case on a hit
        "formations": frozenset(_formations()),
        "refer_before": _words()["refer_before"],
        "periods": frozenset(_periods()),
    }


def _plain(phrase: str) -> bytes:
    """A phrase as the word index sees text: ASCII, lower case, every separator a space ("U.S." → b"u s ")."""
    return phrase.encode("ascii", "replace").lower().translate(SEPARATORS)


@cache
def _phrase_automaton() -> tuple[BytesAhoCorasick, list[tuple[tuple[str, str], ...]]]:
    """Every phrase of every list as the word scan sees it, padded with a space each side so that it
    matches whole words only, in one Aho-Corasick automaton; and for each pattern, the (list name,
    lexicon key) pairs it stands for (a list's longest spelling of a plain form is its key)."""
    readings: dict[bytes, dict[str, str]] = {}
    for name, phrases in _lexicon_phrases().items():
        for phrase in sorted(phrases, key=len, reverse=True):
            padded = b"".join((b" ", b" ".join(_plain(phrase).split()), b" "))  # (see _scan)
            readings.setdefault(padded, {}).setdefault(name, phrase)
    patterns = list(readings)
    return BytesAhoCorasick(patterns), [tuple(readings[p].items()) for p in patterns]


Hits = dict[str, tuple[list[int], list[int], list[str]]]
NO_HITS: tuple[list[int], list[int], list[str]] = ([], [], [])  # a list with no phrase in the sentence


class _Sentence:
    """A sentence's lexicon phrases, found once for all its quantities (see _scan); its demonyms and
    country names spelled as listed ("US", not "us"), as (starts, ends); and the units and demonyms by
    where they start: start → (phrase, end), start → end (taking in the full stop of "U.S.")."""

    __slots__ = ("hits", "demonyms", "units_at", "demonym_ends")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.hits = _scan(text, lo, hi)
        starts, ends, found = self.hits.get("units", NO_HITS)
        self.units_at = {a: (phrase, b) for a, b, phrase in zip(starts, ends, found, strict=True)}
        listed = _demonym_spellings()
        self.demonyms: tuple[list[int], list[int]] = ([], [])
        self.demonym_ends: dict[int, int] = {}
        for a, b in zip(*self.hits.get("demonyms", NO_HITS)[:2], strict=True):
            written = text[a:b]
            if written in listed or _spelling(written) in listed:  # most are written as listed
                self.demonyms[0].append(a)
                self.demonyms[1].append(b)
                self.demonym_ends[a] = b + 1 if "." in written and text.startswith(".", b) else b  # "U.S."


def _scan(text: str, lo: int, hi: int) -> Hits:
    """Every phrase of every list in text[lo:hi] as whole words, left to right: list name → (starts,
    ends, lexicon keys), for the lists that have some; per list the longest phrase at each word, phrases
    not overlapping. The sentence is read as plain bytes, one byte per character, so offsets carry over,
    and scanned once for all lists' phrases by an Aho-Corasick automaton (in Rust: twice as fast as
    looking its words up in Python, and many times faster than regexes of hundreds of alternatives)."""
    automaton, readings = _phrase_automaton()
    # join, not b" " + ... + b" ": compiled by mypyc 1.19, that leaks the middle bytes on every call
    found = automaton.find_matches_as_indexes(b"".join((b" ", _plain(text[lo:hi]), b" ")), overlapping=True)
    found.sort(key=lambda m: (m[1], -m[2]))  # leftmost first, then longest
    hits: Hits = {}
    free: dict[str, int] = {}  # per list, where the last phrase taken ends
    for pattern, start, end in found:  # start: the space before the phrase; end: after the one after it
        for name, key in readings[pattern]:
            if start < free.get(name, 0):
                continue
            if name not in hits:
                hits[name] = ([], [], [])
            starts, ends, keys = hits[name]
            starts.append(lo + start)  # the padding space shifts the sentence one to the right
            ends.append(lo + end - 2)
            keys.append(key)
            free[name] = end - 1
    return hits


def find_phrases(sent: _Sentence, start: int, end: int, lexicon: str) -> Iterator[tuple[str, int, int]]:
    """The phrases of a list (see _lexicon_phrases) in text[start:end] of a sentence, left to right:
    (phrase, start, end)."""
    starts, ends, found = sent.hits.get(lexicon, NO_HITS)
    if not starts:
        return iter(())
    # A list's phrases do not overlap, so their ends rise with their starts.
    first, stop = bisect.bisect_left(starts, start), bisect.bisect_right(ends, end)
    return zip(found[first:stop], starts[first:stop], ends[first:stop], strict=True)


@cache
def _formations() -> dict[str, tuple[str, str]]:
    return {r["word"].lower(): (r["unit"], r["event"]) for r in rows("formations.csv")}


@cache
def _demonym_spellings() -> frozenset[str]:
    """Demonyms as written, checked on a hit so that "us" is not "US" (a possessive is its name's)."""
    return frozenset(_spelling(re.sub(r"['’]s$", "", r["word"])) for r in rows("demonyms.csv"))


def _spelling(phrase: str) -> str:
    return " ".join(phrase.replace(".", " ").split())


@cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(r["verb"].lower() for r in rows("reporting_verbs.csv"))


@cache
def _refer_after_re() -> re.Pattern[str]:
    return re.compile(r"\s*" + phrase_pattern(tuple(_words()["refer_after"])).pattern, re.IGNORECASE)


@cache
def _contrast_re() -> re.Pattern[str]:
    """ " while ", " but ": a contrast word between spaces, as written."""
    return re.compile(" (?:" + "|".join(map(re.escape, sorted(_words()["contrasts"]))) + ") ")


@cache
def _age_holder_re() -> re.Pattern[str]:
    return re.compile(phrase_pattern(tuple(_words()["age_holders"])).pattern + r"\s+$", re.IGNORECASE)


@cache
def _inclusion_re() -> re.Pattern[str]:
    return re.compile(phrase_pattern(tuple(_words()["inclusions"])).pattern + r"\s*$", re.IGNORECASE)


@cache
def _periods() -> dict[str, str]:
    """"every day", "each week" → the period after which a count becomes a rate (number_words.toml)."""
    with (LEXICON_DIR / "number_words.toml").open("rb") as f:
        periods = tomllib.load(f)["rate"]["periods"]
    linkers = _words()["rate_linkers"]
    return {f"{linker} {word}": period for linker in linkers for word, period in periods.items()}


def subject_key(word: str) -> str | None:
    return _demonyms().get(_spelling(word).lower().replace("’", "'"))


def combine_subjects(subjects: list[str]) -> str | None:
    """Several owners of one figure ("Ukrainians and Russians") become one sorted key."""
    unique = sorted(set(subjects))
    return "+".join(unique) if unique else None


def canonical_unit(word: str) -> str:
    """The lexicon's unit for a noun; an unknown noun stands for itself, lower-cased."""
    w = word.lower()
    return _units().get(w) or _units().get(w + "s") or w


def clause_after(text: str, start: int, limit: int) -> int:
    """Where the clause that begins at `start` ends (at most `limit`)."""
    for m in BOUNDARY.finditer(text, start, limit):
        i = m.start()
        if text[i] != "." or i + 1 == limit or _full_stop(text, i, limit):
            return i
    return limit


def clause_before(text: str, end: int, floor: int) -> int:
    """Where the clause that ends at `end` begins (at least `floor`)."""
    stop = end
    while m := LAST_BOUNDARY.search(text, floor, stop):
        i = m.start()
        if text[i] != "." or _full_stop(text, i, end):
            return i + 1
        stop = i
    return floor


def _full_stop(text: str, i: int, limit: int) -> bool:
    """Does the "." at i end a sentence or clause? Not in "U.S. troops" or "1.5"."""
    return i + 1 < limit and text[i + 1].isspace() and not (i > 0 and text[i - 1].isupper())


def find_event(sent: _Sentence, start: int, end: int, kind: str,
               unit: str | None = None, near: bool = True, text: str | None = None) -> Event | None:
    """The first event phrase in text[start:end] that applies to this quantity; a weak verb ("joined")
    only when no other event follows it. With `text`, a verb after the number that has an object of its
    own is not what happened to the counted things: "14 casings and arrested a boy", "sold 22 million
    shares at $41, raising $902m"."""
    weak = None
    for phrase, phrase_start, phrase_end in find_phrases(sent, start, end, "events"):
        event = _reading(phrase, kind, unit, near)
        if event is None or (text is not None and _has_own_object(text, phrase, phrase_start, phrase_end)):
            continue
        if not event.yields:
            return event
        weak = weak or event
    return weak


def _has_own_object(text: str, phrase: str, start: int, end: int) -> bool:
    """Does the event verb at text[start:end] take an object: a figure ("raising $902m", "killed 20"), or,
    for a verb that acts on someone, a noun phrase after a second verb of the clause ("14 casings and
    arrested a boy"; not "200,000 wounded this year", "people were killed the next day")?"""
    if OBJECT_FIGURE.match(text, end):
        return True
    if phrase in _words()["done_by_subject"] and OBJECT_WORD.match(text, end) \
            and not PASSIVE_BEFORE.search(text, max(0, start - 8), start) and not WHEN_AFTER.match(text, end):
        return True  # "dozens had struck an air base", "4,000 troops …, seized the city": what they did
    return phrase in _words()["acts_on"] and OBJECT_WORD.match(text, end) is not None \
        and COORDINATED_VERB.search(text, max(0, start - 8), start) is not None


def nearest_event_before(events: list[tuple[str, int, int]], kind: str, unit: str | None = None,
                         near: bool = True) -> tuple[Event, int] | None:
    """Of the event phrases before a number (find_phrases), the one nearest it that applies to this
    quantity, and where it ends: "killing at least 212", "has shipped 7,000"."""
    for phrase, _, phrase_end in reversed(events):
        reading = _reading(phrase, kind, unit, near)
        if reading:
            return reading, phrase_end
    return None


def read_noun(text: str, start: int, end: int, sent: _Sentence) -> tuple[str | None, list[str], int]:
    """Read the counted noun after a number: (unit, subjects met on the way, end offset of the noun).

    Skips a few modifiers ("more", adjectives, demonyms that are owners: "six North Korean soldiers").
    A demonym as the noun ("3,000 North Koreans", "420,000 Rohingya have crossed") counts people and
    names the subject.
    """
    words = _words()
    units_at, demonym_ends = sent.units_at, sent.demonym_ends
    subjects: list[str] = []
    pos = start
    after_name = after_of = False
    for _ in range(8):
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        unit = units_at.get(pos)
        if unit and unit[1] <= end and not _modifies_noun_after(text, unit[0], unit[1], end):
            return _units()[unit[0]], subjects, unit[1]
        dem_end = demonym_ends.get(pos)
        if dem_end and dem_end <= end:
            if (key := subject_key(text[pos:dem_end])) is not None:  # demonym_ends holds known demonyms
                subjects.append(key)
            pos = dem_end
            if POSSESSIVE_AT.match(text, pos):  # "Pyongyang's missiles": an owner, read on
                pos += 2
                continue
            # "Ukrainians and Russians": several peoples counted together.
            more = AND_OR.match(text, pos, end)
            if more and more.end() in demonym_ends:
                pos = more.end()
                continue
            following = (_next_word(text, pos, end) or "").lower()
            # a plural people ("3,000 North Koreans have"), not a name ending in s before its noun ("40 Hamas
            # targets")
            noun_next = following in _units() or (PLURAL.search(following) is not None
                                                  and following not in words["not_nouns"])
            plural = text[pos - 1] == "s" and not noun_next
            if plural or not following or following in words["not_nouns"]:
                return "people", subjects, pos  # the people themselves are counted
            continue
        model = MODEL_NUMBER.match(text, pos, end) if after_name else None
        if model:  # "54 Leopard 2 tanks", "65 Boeing 737 Max 9 jets": a model number in the name
            pos, after_name = model.end(), False
            continue
        word_m = WORD.match(text, pos)
        if not word_m or word_m.end() > end:
            break
        word = word_m.group()
        low = word.lower()
        after_name = word[0].isupper() and low not in words["not_nouns"]
        if low == "the" and not after_of:
            break  # "at least 34 the Israeli military says are dead": a new noun phrase, not the figure's
        if low in words["modifiers"] or after_name or (low in words["partitive_owners"] and after_of):
            pos, after_of = word_m.end(), low == "of"  # "65 of its jets": 65 jets
            continue
        if PARTICIPLE.match(low):
            # "suspected cases", "armoured vehicles", "76 kidnapped students", "30 fighting positions" are
            # modifiers; "8,574 people had died" is not.
            following_word = _next_word(text, word_m.end(), end) or ""
            following = following_word.lower()
            if following in _units() or PLURAL.search(following) or following_word[:1].isupper():
                pos = word_m.end()  # ("3,700 destroyed Russian tanks": a demonym or a name, then the noun)
                continue
            if low not in _events():
                break
        if low in words["not_nouns"] or low in _events():
            break
        if PLURAL.search(low):
            # An unknown plural noun counts itself: "5,000 jobs", "eight governments".
            return canonical_unit(low), subjects, word_m.end()
        pos = word_m.end()  # a modifier we do not know ("anti-ship", "rescue"): the noun may follow
    return None, subjects, start


def _modifies_noun_after(text: str, phrase: str, phrase_end: int, end: int) -> bool:
    """"14 missile launchers", "300 drone attacks": a singular unit word before a plural noun modifies it
    (a unit counts in the plural: "14 missiles")."""
    if phrase.endswith("s") or text[phrase_end:phrase_end + 1] != " ":
        return False
    following = (_next_word(text, phrase_end, end) or "").lower()
    return PLURAL.search(following) is not None and following not in _words()["not_nouns"] \
        and following not in _events()


def _next_word(text: str, pos: int, end: int) -> str | None:
    m = WORD.match(text, pos + len(text[pos:end]) - len(text[pos:end].lstrip()))
    return m.group() if m and m.end() <= end else None


def noun_before(text: str, start: int, end: int, sent: _Sentence) -> tuple[str, int] | None:
    """The counted noun standing before a bare number in its clause, nearest first, and where it ends:
    "the number of soldiers mobilised had risen to about 13,000", "dengue infections had reached 1.2
    million". A noun that is the source ("Police said 12 ...", "Police later put ...") or the host
    ("hospitals had received some 300 wounded") is not counted."""
    hosts = _words()["host_verbs"]
    for phrase, _, phrase_end in reversed(list(find_phrases(sent, start, end, "units"))):
        # "Aid workers at the crossing told the paper that 1,500 arrived": a source, not what is counted
        if any((word := w.group().lower()) in _reporting_verbs() or word in hosts
               for w in WORD.finditer(text, phrase_end, end)):
            continue
        return _units()[phrase], phrase_end
    return None


def owner_after(text: str, start: int, end: int, sent: _Sentence) -> str | None:
    """"soldiers from North Korea", "of frozen Russian assets", "600,000 were Russian": an owner named
    right after the noun."""
    m = OWNER_LINK.match(text, start, end)
    if not m:
        return None
    dem_end = sent.demonym_ends.get(m.end())
    return subject_key(text[m.end():dem_end]) if dem_end and dem_end <= end else None


def _is_source(text: str, end: int) -> bool:
    """Is the country or demonym ending at `end` the source of a figure, its host or the attacker, rather
    than its owner? It is when a name, a source noun, a reporting verb, a hosting verb or a weapon or attack
    follows: "the Libyan Red Crescent", "the Ukrainian president", "Israel says", "Poland has taken in",
    "a Russian missile strike killed 14 people"."""
    words = _words()
    if owner_s := POSSESSIVE.match(text, end):  # optional: it always matches, mostly empty
        end = owner_s.end()
    following = [w.strip(".,;:“”\"'’()") for w in text[end:end + 50].split()[:3]]
    following = [w for w in following if w]
    if not following:
        return False
    first = following[0]
    # "Israel says", "Israel's military said", "the Israeli army says": the name heads the source phrase
    if first[0].isupper() or any(w.lower() in _reporting_verbs() for w in following[:2]):
        return True
    return any(w.lower() in words["source_nouns"] or w.lower() in words["host_verbs"]
               or w.lower() in words["agent_nouns"] for w in following)


# "its 300 soldiers", "300 of their soldiers": the figure belongs to whoever "its" stands for
ITS_BEFORE = re.compile(r"\b(?:its|their)\s+(?:own\s+)?$")
OF_ITS_AFTER = re.compile(r"[\d.,]+\s+of\s+(?:its|their)\b")


def owner_before(text: str, start: int, end: int, sent: _Sentence) -> str | None:
    """The nearest country or demonym before the number in its clause ("Russia had seen 115,000 ..."),
    unless it is where something happened or was sent ("in Turkey", "to Russia"), the source of the
    figure ("Israel says") or a list the number belongs to ("the US, Japan and eight other governments")."""
    for m_start, m_end in reversed(list(demonyms_in(sent, start, end))):
        if LIST_GAP.fullmatch(text, m_end, end):
            return None
        if _preposition_before(text, start, m_start) in _words()["not_owner"]:
            continue
        if _is_source(text, m_end) and not (ITS_BEFORE.search(text, max(start, end - 20), end)
                                            or OF_ITS_AFTER.match(text, end)):
            continue  # the source, unless the figure is its own ("Russia's army said 300 of its soldiers")
        return subject_key(text[m_start:m_end])
    return None


def demonyms_in(sent: _Sentence, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where demonyms and country names stand in text[start:end] of a sentence, spelled as listed."""
    starts, ends = sent.demonyms
    first, stop = bisect.bisect_left(starts, start), bisect.bisect_right(ends, end)
    return zip(starts[first:stop], ends[first:stop], strict=True)


def _preposition_before(text: str, start: int, end: int) -> str:
    """The word governing a place name, or the list of names it ends: "in" for "earthquakes in Turkey
    and Syria"."""
    for word in reversed(text[max(start, end - 60):end].replace(",", " , ").split()):
        if word not in (",", "and", "or") and not word[0].isupper():
            # "southern Turkey and northern Syria": a part of a country is a place
            return "in" if word.lower() in _words()["place_adjectives"] else word.lower()
    return ""


class ArticleContext:
    """What the quantities of one article count. Each sentence's lexicon phrases are found once, when a
    quantity first needs them, and shared by the quantities that follow."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: dict[tuple[int, int], _Sentence] = {}

    def sentence(self, span: tuple[int, int]) -> _Sentence:
        """The phrases of text[span[0]:span[1]], read on first use."""
        found = self._sentences.get(span)
        if found is None:
            found = self._sentences[span] = _Sentence(self.text, *span)
        return found

    def first_owner(self, span: tuple[int, int]) -> str | None:
        """The first country or demonym a sentence names."""
        first = next(demonyms_in(self.sentence(span), *span), None)
        return subject_key(self.text[first[0]:first[1]]) if first else None

    def describe(
        self,
        q_start: int,
        q_end: int,
        kind: str,
        sentence: tuple[int, int],
        previous_sentence: tuple[int, int] | None = None,
        next_start: int | None = None,
        previous_end: int | None = None,
    ) -> Context:
        """Unit, subject and event of the quantity at text[q_start:q_end] in its sentence (`next_start`:
        where the next quantity begins, which the event search does not read past; `previous_end`: where
        the one before ends, whose noun is not this one's)."""
        text = self.text
        s_start, s_end = sentence
        if kind in ("duration", "age"):
            return Context()  # "over two years", "aged 21": how long or how old, not a count of anything
        if kind == "count" and AGE_BOUND.match(text, q_start) \
                and _age_holder_re().search(text, max(s_start, q_start - 20), q_start):
            return Context(unit="years", kind="age")
        sent = self.sentence(sentence)
        ctx = Context()
        after_end = clause_after(text, q_end, s_end)
        before_start = clause_before(text, q_start, s_start)
        events_before = list(find_phrases(sent, before_start, q_start, "events"))  # read up to three ways

        subjects: list[str] = []
        noun_end = q_end
        if kind in ("count", "rate"):
            inside = next(find_phrases(sent, q_start, q_end, "units"), None) if kind == "rate" else None
            if inside:  # "1,200 soldiers a day": the rate's surface holds its noun
                ctx.unit, noun_end = _units()[inside[0]], inside[2]
            else:
                ctx.unit, subjects, noun_end = read_noun(text, q_end, min(s_end, q_end + 80), sent)
            if ctx.unit is not None and text.endswith("the ", 0, q_start) \
                    and FORECAST_AFTER.match(text, noun_end):
                ctx.unit, subjects = None, []  # "the 175,000 economists had expected": who forecast it
            ctx.named = ctx.unit is not None
            # "a unit of around 3,000 North Koreans": the body says what its members are and what happened.
            window_start = max(before_start, q_start - 40)
            for phrase, _, _ in find_phrases(sent, window_start, q_start, "formations"):
                member, event = _formations()[phrase]
                if ctx.unit in (None, "people"):
                    ctx.unit = member
                ctx.event = event or ctx.event
            strong = STRONG.match(text, q_end, s_end) if ctx.unit is None else None
            # "a 3,000-strong (rebel) force": the body after the figure, as "a force of 3,000" before it
            bodies = [f"{w.lower()} of" for w in strong.groups() if w] if strong else []
            body = next((b for b in bodies if b in _formations()), None)
            if body:
                ctx.unit, event = _formations()[body]
                ctx.named, ctx.event = True, event or ctx.event
        if ctx.unit is None:
            ctx.refers_back = bool(_refer_after_re().match(text, q_end, s_end)
                                   or _refers_before(text, max(s_start, q_start - 40), q_start, sent)
                                   # "another 5,000 were preparing to go": more of what was counted before
                                   or (kind == "count"
                                       and ANOTHER.search(text, max(s_start, q_start - 14), q_start)))
        if kind == "count" and ctx.unit is None and not ctx.refers_back:
            before = nearest_event_before(events_before, kind)
            # "the turnout at 35,000" (an event that counts people) or "soldiers mobilised ... to 13,000":
            # whichever stands nearer the number says what it counts.
            noun = (noun_before(text, before_start, q_start, sent)
                    or _noun_before_comma(text, before_start, q_start))
            # (a noun the figure before counts yields to an event noun before it: "the toll from landslides
            # that buried two villages rose to 203", but "by 58,412 votes to 49,870")
            counted_before = noun is not None and previous_end is not None and previous_end < noun[1] \
                and len(text[previous_end:noun[1]].split()) <= 2
            counted = _number_of(text, sent, s_start, q_start) if noun or before is None else None
            between = nearest_event_before(list(find_phrases(sent, counted[1], q_start, "events")), kind) \
                if counted else None
            if counted and not (between and between[0].counts):
                # "the number of migrants crossing in small boats has passed 30,000": migrants, not boats
                ctx.unit, ctx.named, ctx.noun_before = counted[0], True, True
            elif noun and not (before and before[0].counts and (before[1] > noun[1] or counted_before)):
                ctx.unit, ctx.named, ctx.noun_before = noun[0], True, True
        if kind in ("count", "money"):
            p = next(find_phrases(sent, q_end, after_end, "periods"), None)
            ctx.period = _periods()[p[0]] if p else None

        # Whose: the owner of counted things or of a sum ("€15bn of frozen Russian assets"). A country
        # before a sum or a share is where it happens ("UK inflation rose to 10.1%"), not an owner.
        owner = combine_subjects(subjects)
        if owner is None and kind in ("count", "rate", "money"):
            owner = owner_after(text, noun_end, s_end, sent)
        owner_is_before = owner is None and not ctx.refers_back and kind in ("count", "rate")
        if owner_is_before:
            owner = owner_before(text, before_start, q_start, sent)
            if owner is None and previous_sentence and PRONOUNS_PLURAL.search(text, before_start, q_start):
                # "They are preparing 10,000 soldiers": they are whoever the previous sentence was about.
                owner = self.first_owner(previous_sentence)
        ctx.subject = owner

        # "16.25 lakh people in 29 districts have been affected": the places are where it happened
        if ctx.event is None and not (kind == "count" and _place_figure(text, q_start)):
            unit = ctx.unit
            before = nearest_event_before(events_before, kind, unit)
            # "killing 40", "put the death toll at 213", "the deaths of 40": the event right before it
            adjacent = before[0] if before and text[before[1]:q_start].strip() in ("", "at", "of") else None
            if adjacent is not None and noun_end > q_end:
                # "pulled 653 bodies from the rubble": a noun that says what happened beats the verb before it
                noun_word = text[q_end:noun_end].rsplit(None, 1)[-1].lower()
                reading = _reading(noun_word, kind, unit, True) if noun_word in _events() else None
                if reading is not None and reading.needs != "noun":  # (not "arrested 12 protesters")
                    adjacent = reading
            # "the number of dead could reach 20,000 …": the level an event noun of the clause reached, before
            # any verb after the figure
            level = before[0] if adjacent is None and before is not None and kind == "count" \
                and unit is None and not ctx.refers_back and before[0].counts and q_start - before[1] <= 60 \
                and LEVEL_REACHED.search(text, before[1], q_start) else None
            # "1,200 casualties a day": a rate's own noun may say what happened
            own = nearest_event_before(list(find_phrases(sent, q_start, q_end, "events")), kind, unit) \
                if kind == "rate" else None
            # Not past the next figure, even one in words, nor into the verb that governs it: "115,000
            # soldiers killed and 500,000 wounded", "sinking two and killing four sailors" (the four's)
            clause_end = min(after_end, next_start) if next_start is not None and next_start > q_end \
                else after_end
            found = adjacent or level or (own[0] if own else None) \
                or find_event(sent, q_end, _short_of_next_verb(text, sent, q_end, clause_end, next_start),
                              kind, unit, text=text)
            if found is None and text.startswith(("—", "–"), after_end):
                found = self._event_past_aside(sent, after_end, s_end, kind, unit)
            if found is None:
                # (not "the missing" as a noun: "searching for the missing with the help of 400 soldiers"; not
                # a phrase ending in a preposition, whose object follows it: "searching for 15 others")
                groups = _words()["group_adjectives"]
                before = nearest_event_before([e for e in events_before if not (
                    (e[0] in groups and text.endswith("the ", 0, e[1])) or e[0].endswith(" for"))],
                    kind, unit, near=False)
                found = before[0] if before else None
            reach = min(s_end, after_end + EVENT_SEARCH_AHEAD)
            # What it refers back to is a better guess than a far verb; and where the sentence part ends
            # matters only when some event phrase lies within reach.
            if found is None and not ctx.refers_back and any(find_phrases(sent, after_end, reach, "events")):
                part_end = _sentence_part_end(text, after_end, reach, next_start)
                part_end = _short_of_next_verb(text, sent, after_end, part_end, next_start)
                found = find_event(sent, after_end, part_end, kind, unit, near=False, text=text)
            if found is None and kind == "count" and unit is None and not ctx.refers_back:
                found = _level_of(text, sent, s_start, before_start, q_start)  # an earlier clause's
            if found:
                ctx.event, ctx.acted_on = found.event or None, found is adjacent  # "": names no event
                ctx.weak_event = found.yields
                if ctx.unit is None and kind == "count" and found.counts:
                    ctx.unit = found.counts  # "3.4 million have fled": people, though no noun says so
        if kind == "count" and ctx.unit is None and (predicate := PREDICATE_NOUN.match(text, q_end, s_end)) \
                and predicate.group(1).lower() in _units():
            # "A hospital spokesman said 13 were children": what they were is what is counted (a part of
            # the figure before, not the same measure: 16,456 children of 40,000 dead)
            ctx.unit, ctx.named, ctx.refers_back = _units()[predicate.group(1).lower()], True, True
        if kind == "count" and ctx.unit is None and OTHERS_AFTER.match(text, q_end):
            # "Two others were given life sentences": people, unless it shares the noun of a figure before it
            # ("66 drones were shot down and 27 others were lost"; ctx.named stays false)
            ctx.unit = "people"
        if owner_is_before and ctx.acted_on and ctx.event in _words()["agent_events"]:
            ctx.subject = None  # "the Ukrainian air force shot down 42 drones": the doer, not the owner
        return ctx


    def _event_past_aside(self, sent: _Sentence, dash: int, s_end: int, kind: str, unit: str | None
                          ) -> Event | None:
        """"1.9 million people — about 90% of the population — have been displaced": the event of the
        clause the aside between two dashes interrupts."""
        text = self.text
        close = text.find(text[dash], dash + 1, s_end)
        if close < 0:
            return None
        return find_event(sent, close + 1, clause_after(text, close + 1, s_end), kind, unit, text=text)


def _level_of(text: str, sent: _Sentence, s_start: int, clause_start: int, q_start: int) -> Event | None:
    """"The death toll from the magnitude 7.5 earthquake rose to 202": a count that an event noun
    earlier in the sentence reached, past another figure (the clause search stops at figures)."""
    earlier = list(find_phrases(sent, s_start, clause_start, "events"))
    if not earlier:
        return None
    phrase, _, phrase_end = earlier[-1]
    reading = _reading(phrase, "count", None, True)
    reached = LEVEL_REACHED.search(text, phrase_end, q_start) \
        or LEVEL_AFTER_COMMA.search(text, phrase_end, q_start)
    if reading is None or not reading.counts or reached is None:
        return None
    return reading


def _number_of(text: str, sent: _Sentence, s_start: int, q_start: int) -> tuple[str, int] | None:
    """"The number of patients waiting more than 18 weeks fell by 41,000", "the number of migrants crossing
    in small boats has passed 30,000": the noun "the number of" names earlier in the sentence (past other
    nouns and figures) when the count is how far it moved or where it got to, and where it ends."""
    if not LEVEL_REACHED.search(text, max(s_start, q_start - 40), q_start) \
            and not MOVED_BY.search(text, max(s_start, q_start - 20), q_start):
        return None
    for phrase, start, end in reversed(list(find_phrases(sent, s_start, q_start, "units"))):
        if NUMBER_OF.search(text, max(s_start, start - 40), start):
            return _units()[phrase], end
    return None


def _refers_before(text: str, start: int, end: int, sent: _Sentence) -> bool:
    """"Of those, 600,000", "put it at “around 100”", "the figure could exceed 2,000": a phrase that
    refers back ends right before the number, a comma, a quote or a verb or two apart."""
    hits = list(find_phrases(sent, start, end, "refer_before"))
    return bool(hits) and REFER_GAP.fullmatch(text, hits[-1][2], end) is not None


def _noun_before_comma(text: str, start: int, end: int) -> tuple[str, int] | None:
    """"soldiers, some 1,700 in total, have been deployed": the noun the number stands in apposition to."""
    if text[start:end].strip():
        return None
    m = NOUN_COMMA.search(text, max(0, start - 40), start)
    return (_units()[m.group(1).lower()], end) if m and m.group(1).lower() in _units() else None


def _place_figure(text: str, start: int) -> bool:
    """Is the figure at `start` a count of places where something happened ("in 29 districts")?"""
    if start < 4:  # (a negative start would read from the end of the text)
        return False
    after_place_word = text.startswith(" in ", start - 4) or text.startswith(" at ", start - 4) \
        or (start >= 8 and text.startswith(" across ", start - 8)) \
        or (start >= 12 and text.startswith(" throughout ", start - 12))
    return after_place_word and _place_figure_re().match(text, start) is not None


@cache
def _place_figure_re() -> re.Pattern[str]:
    places = "|".join(sorted(_words()["places"]))
    return re.compile(rf"[\w,.]+(?:\s+[\w'’-]+){{0,2}}?\s+(?:{places})\b")  # ("three Detroit car plants")


def _sentence_part_end(text: str, start: int, limit: int, next_start: int | None) -> int:
    """How far past its clause (and before `limit`) a number's event may be looked for: not past a
    contrast, a full stop, or the next figure unless that figure is a part of this one ("including 227
    children")."""
    stop = next((m.start() for m in PART_END.finditer(text, start, limit)
                 if text[m.start()] == ";" or _full_stop(text, m.start(), limit)), limit)
    contrast = _contrast_re().search(text, start, limit)
    limit = min(stop, contrast.start()) if contrast else stop
    # (a figure written in words may already lie inside the clause: "two boys aged nine and 11 were hurt")
    if next_start is not None and start <= next_start < limit \
            and not _inclusion_re().search(text, start, next_start) \
            and not _place_figure(text, next_start) \
            and not (text[start:next_start].strip() in ("", ",") and SHARE_ASIDE.match(text, next_start)):
        # (past "in 29 districts" and "25 million people, half the population, need aid")
        limit = next_start
    return limit


def _short_of_next_verb(text: str, sent: _Sentence, start: int, end: int, next_start: int | None) -> int:
    """Where the search for an event in text[start:end] stops short of the next figure's own: "hit 40
    towns, destroying six and damaging 20" (the destroying is the six's, the damaging the twenty's), not of
    a verb the two figures share ("115,000 soldiers killed and 500,000 wounded")."""
    if next_start is None or not start < next_start <= end:
        return end
    own = [a for _, a, b in find_phrases(sent, start, next_start, "events")
           if text[b:next_start].strip() in ("", "at", "of")]
    if not own:
        return end
    joint = max(text.rfind(" and ", start, own[-1]), text.rfind(" or ", start, own[-1]))
    return joint if joint >= 0 else own[-1]


def _reading(phrase: str, kind: str, unit: str | None, near: bool) -> Event | None:
    """The first reading of an event phrase that applies to this quantity (an event noun only to what it
    counts itself, or to people)."""
    return next((e for e in _events()[phrase] if e.applies_to(kind, unit, near)
                 and (e.needs != "noun" or unit in (None, "people", _units().get(phrase)))), None)
