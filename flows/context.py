"""What a number counts: its unit, whose it is (subject) and what happened (event), from nearby words.

Everything here reads only the sentence around a quantity and the lexicons in data/lexicon/:
  units.csv       the counted noun after the number ("soldiers" → troops)
  demonyms.csv    whose ("North Korean", "from North Korea", "Pyongyang's" → north_korean)
  events.csv      what happened ("killed or wounded", "sent", "shipped")
  formations.csv  a body people are counted into ("a unit of 3,000 North Koreans" → troops, deployed)
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from flows.lexicon import mapping, phrase_pattern, rows

WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*[A-Za-z]|[A-Za-z]")
# A clause ends at punctuation, at a quote mark or at the next digit (another quantity's territory).
CLAUSE_END = re.compile(r"[,;:()\[\]“”\"—–]|\.\s|\.$|\d")
# Words that may stand between a number and its noun without being the noun ("10,000 more troops").
MODIFIERS = frozenset(
    "more additional extra other new further fresh of the some mostly mainly young elite regular active "
    "foreign local armed unarmed innocent ordinary total".split()
)
# Words that are never a counted noun: when one follows the number, the noun is missing.
NOT_NOUNS = frozenset(
    "a an and are as at be been being but by for from had has have he her his in into is it its of on or "
    "our she than that the their them these they this those to was we were which while who will with "
    "would per each apiece percent times since ago until after before during across over under about "
    "remain remains remained still yet already now so far overnight last next given were was".split()
)
# A word that looks like a plural noun ("jobs", "governments"), not "across", "status" or "crisis".
PLURAL = re.compile(r"[a-z]{2,}[^su']s$|[a-z]+ies$|people$|men$|children$")
PRONOUNS_PLURAL = re.compile(r"\b(?:they|their|them)\b", re.IGNORECASE)
# Prepositions after which a place is where something happens to others, not whose it is.
NOT_OWNER = frozenset(
    "to into against with toward towards at".split()
)


@dataclass(slots=True)
class Context:
    unit: str | None = None
    subject: str | None = None
    event: str | None = None
    named: bool = False  # the unit comes from a noun in the text, not from the event's default


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
def _events() -> dict[str, tuple[str, frozenset[str], str]]:
    """phrase → (event, the kinds it applies to (empty: any), what it counts when no noun is given)."""
    return {
        r["word"].lower(): (r["event"], frozenset(k for k in r.get("kinds", "").split("|") if k),
                            r.get("counts", ""))
        for r in rows("events.csv")
    }


@cache
def _events_re() -> re.Pattern[str]:
    return phrase_pattern(tuple(_events()))


@cache
def _formations() -> dict[str, tuple[str, str]]:
    return {r["word"].lower(): (r["unit"], r["event"]) for r in rows("formations.csv")}


@cache
def _formations_re() -> re.Pattern[str]:
    return phrase_pattern(tuple(_formations()))


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


def find_event(text: str, start: int, end: int, kind: str) -> tuple[str, str] | None:
    """The first event phrase in text[start:end] that applies to this kind of quantity:
    (event, what it counts when no noun is given)."""
    return next(_iter_events(text, start, end, kind), None)


def read_noun(text: str, start: int, end: int) -> tuple[str | None, list[str], int]:
    """Read the counted noun after a number: (unit, subjects met on the way, end offset of the noun).

    Skips a few modifiers ("more", adjectives, demonyms that are owners: "six North Korean soldiers").
    A plural demonym as the noun ("3,000 North Koreans") counts people and names the subject.
    """
    subjects: list[str] = []
    pos = start
    for _ in range(6):
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        unit_m = _units_re().match(text, pos)
        if unit_m and unit_m.end() <= end:
            return _units()[re.sub(r"\s+", " ", unit_m.group().lower())], subjects, unit_m.end()
        dem_m = _demonyms_re().match(text, pos)
        if dem_m and dem_m.end() <= end:
            subjects.append(_demonyms()[dem_m.group().lower().replace("’", "'")])
            pos = dem_m.end()
            if dem_m.group().endswith("s") and not dem_m.group().endswith("'s"):
                # "North Koreans", "Ukrainians and Russians": the people themselves are counted.
                more = re.match(r"\s+(?:and|or)\s+", text[pos:end])
                if more:
                    pos += more.end()
                    continue
                return "people", subjects, pos
            continue
        word_m = WORD.match(text, pos)
        if not word_m or word_m.end() > end:
            break
        word = word_m.group()
        low = word.lower()
        if low in MODIFIERS or (word[0].isupper() and low not in NOT_NOUNS):
            pos = word_m.end()
            continue
        if low in NOT_NOUNS or low in _events():
            break
        if PLURAL.search(low):
            # An unknown plural noun counts itself: "5,000 jobs", "eight governments".
            return canonical_unit(low), subjects, word_m.end()
        pos = word_m.end()  # a modifier we do not know ("anti-ship", "rescue"): the noun may follow
    return None, subjects, start


def owner_after(text: str, start: int, end: int) -> str | None:
    """"soldiers from North Korea", "missiles of Iran": an owner named right after the noun."""
    m = re.match(r"\s+(?:from|of)\s+(?:the\s+)?", text[start:end])
    if not m:
        return None
    dem = _demonyms_re().match(text, start + m.end())
    return subject_key(dem.group()) if dem and dem.end() <= end else None


def owner_before(text: str, start: int, end: int) -> str | None:
    """The nearest country or demonym before the number in its clause ("Russia had seen 115,000 ..."),
    unless it is where something was sent ("to Russia") or a list the number belongs to ("the US,
    Japan and eight other governments")."""
    for m in reversed(list(_demonyms_re().finditer(text, start, end))):
        if re.fullmatch(r"\s*(?:,|and|or)\s*", text[m.end() : end]):
            return None
        before = text[max(start, m.start() - 12) : m.start()].split()
        if before and before[-1].lower() in NOT_OWNER:
            continue
        return subject_key(m.group())
    return None


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
) -> Context:
    """Unit, subject and event of the quantity at text[q_start:q_end] in its sentence."""
    s_start, s_end = sentence
    ctx = Context()
    if kind in ("duration", "age"):
        return ctx  # "over two years", "aged 21": how long or how old, not a count of anything
    after_end = clause_after(text, q_end, s_end)
    before_start = clause_before(text, q_start, s_start)

    subjects: list[str] = []
    noun_end = q_end
    if kind in ("count", "rate"):
        ctx.unit, subjects, noun_end = read_noun(text, q_end, min(s_end, q_end + 80))
        ctx.named = ctx.unit is not None
        # "a unit of around 3,000 North Koreans": the body says what its members are and what happened.
        window_start = max(before_start, q_start - 40)
        for m in _formations_re().finditer(text, window_start, q_start):
            unit, event = _formations()[re.sub(r"\s+", " ", m.group().lower())]
            if ctx.unit in (None, "people"):
                ctx.unit = unit
            ctx.event = event or ctx.event

    owner = combine_subjects(subjects) or owner_after(text, noun_end, s_end)
    if owner is None:
        owner = owner_before(text, before_start, q_start)
    if owner is None and previous_sentence and PRONOUNS_PLURAL.search(text, before_start, q_start):
        # "They are preparing 10,000 soldiers": they are whoever the previous sentence was about.
        owner = first_owner(text, *previous_sentence)
    ctx.subject = owner

    if ctx.event is None:
        found = find_event(text, q_end, after_end, kind)
        if found is None:
            back = max(before_start, q_start - 60)
            hits = list(_iter_events(text, back, q_start, kind))
            found = hits[-1] if hits else None  # the verb nearest the number: "has shipped about 7,000"
        if found:
            ctx.event = found[0]
            if ctx.unit is None and kind == "count" and found[1]:
                ctx.unit = found[1]  # "3.4 million have fled": people, though no noun says so
    return ctx


def _iter_events(text: str, start: int, end: int, kind: str) -> Iterator[tuple[str, str]]:
    for m in _events_re().finditer(text, start, end):
        event, kinds, counts = _events()[re.sub(r"\s+", " ", m.group().lower())]
        if not kinds or kind in kinds:
            yield event, counts
