"""Find number phrases in text: where they are, their value and bounds, and what sort they are.

`find_quantities(text)` returns every quantity with exact offsets (text[q.start:q.end] == q.surface,
the surface including its hedge word: "nearly 10,000") and value/low/high/qualifier per the qualifier
table of DESIGN.md. It works in two layers:

1. numerals: one precompiled regex finds each number core (digits, number words, vague counts like
   "tens of thousands") together with any hedge word and currency sign written before it;
2. phrases: a few anchored regexes read what follows (scale word, a range's second end, unit, suffix
   hedge, rate period) and what precedes (change verb, "aged", month name, determiner), then drop what
   is not a quantity: dates, years, clock times, ordinals, identifiers ("G7", "Section 427", "exit 436",
   "F-16", house numbers), sports scores ("won 2-1"), number words hyphenated to the noun they modify
   ("a three-bed flat"; but "a five-year plan" lasts five years) and referential small numbers ("the two
   countries").

Choices worth knowing:
- "rose by 5,000", "fell 3%", "up 19 per cent", "a 5% increase" report a change (change = up/down);
  "rose to 5,000" and "up from 5,000" report a level (change None). A level reached by the movement
  keeps its direction as `trend`: "rose to 5,000", "fell 3% to $4bn", "fell from $3 to $2".
- "from X to Y" and "X to Y" are ranges, except "X% to Y" (a change, then a level) and years; a time
  said with the first end may stand between ("from 20 mpg in 2008 to 29 mpg").
- Fractions ("two thirds", "a third of", "3/4", "one in five") keep their value (2/3) with kind
  "fraction"; "N times the ...", "sixfold" and "a 10-fold rise" have kind "multiplier": proportions of
  something else, never compared as counts. "twice" and "doubled" are not returned; "half a million" is
  a count (500,000).
- Two opposite bounds joined by "and", "but" or a comma are one range ("more than 100 and at most
  300"), with `bounds` saying which ends are closed; "equal to 20" is exact with bounds "[]".
- Cents and pence keep the written value with the minor-unit code (USX, GBX): "19 cents" is 19 USX;
  after a whole amount they join it: "4 dollars 75 cents" is 4.75 USD.
- "one of the soldiers" counts one; "one day", "that one" and "one can" are not counts.
- "over four years" after a verb of doing spreads across the years (exact); "lasted over four years" and
  "over four years ago" bound the duration. "more than a decade" is more than 10 years.
- "5m" is five million after a currency sign and five metres otherwise.
- "a"/"an" and a unit word is one of that unit where it names an amount ("a gallon of beer", "A kibibyte
  is ...", "a penny!", "nearly a mile"), not as the base of a price ("$139 a barrel", "the price of a
  litre"); "a year" without a hedge stays no claim.
- A clock time is a bare hour or an hour with two-digit minutes before am/pm ("5pm", "10.45 p.m."); any
  other number there is a length ("2.1 pm" is 2.1 picometres).

Everything word-like comes from data/lexicon/ (loaded once); this module holds only the grammar.
"""
from __future__ import annotations

import csv
import math
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from ahocorasick_rs import MATCHKIND_LEFTMOST_LONGEST, AhoCorasick

from flows.lexicon import LEXICON_DIR as LEXICON
from flows.model import Quantity

_SPACE = "[ \u00a0\u202f\u2009]"  # normal, no-break, narrow no-break and thin space
# Exactly what \s matches, spelled out: re tests a set of characters faster than the \s category.
_WHITESPACE = "\t-\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# The characters a number word may follow: whitespace, an opening bracket or quote, a hyphen ("-two").
_BEFORE_WORD = rf"[{_WHITESPACE}(\"“'‘-]"
_UPPER_BOUND = ("at_most", "less_than")
_LOWER_BOUND = ("at_least", "more_than")


def _first_chars(phrases: list[str], flags: int = 0) -> frozenset[str]:
    """Every character a match of one of the phrases can start with (after any whitespace), as re reads
    it with `flags`: ignoring case, "k" is also the Kelvin sign. Characters up to U+3000 are tried, as
    for the word anchors, and the phrases' own.

    Most figures are followed by a space and a word that starts none of a list's phrases: a test of
    that one character (see _first_after_space) spares the regex that reads the list there."""
    firsts = {p.strip()[0] for p in phrases}
    starts = re.compile("|".join(map(re.escape, firsts)), flags)
    return frozenset(starts.findall("".join({*map(chr, range(0x3001)), *firsts})))  # one C loop


def _first_after_space(text: str, pos: int) -> str:
    """The first character at or after pos that is not whitespace ("" at the end of the text)."""
    while text[pos:pos + 1].isspace():
        pos += 1
    return text[pos:pos + 1]


@dataclass(frozen=True, slots=True)
class Numeral:
    """A bare number as written ("1,234", "twenty-one", "2 million"), before any phrase is read."""

    start: int
    end: int
    value: float


def _rows(name: str) -> list[dict[str, str]]:
    with (LEXICON / name).open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]


def _alternation(words: list[str], ignore_case: bool = True) -> str:
    """A regex alternation of literal phrases, longest first so "per cent" wins over "per".

    Lower-case word phrases match any case; symbols and abbreviations match only as written.
    """
    return _phrase_trie([(w, ignore_case and w == w.lower() and len(w) > 2, "") for w in set(words)])


def _phrase_trie(phrases: list[tuple[str, bool, str]]) -> str:
    """Literal phrases (text, any case?, what must follow) as one regex factored by common prefixes.

    re tries a flat alternation phrase by phrase; the trie follows one branch per character, which is
    several times faster on lists of hundreds of units or verbs. Longer branches are tried first and a
    phrase's end last, so the longest phrase that fits wins, as in a longest-first alternation.
    """
    trie: dict = {}
    for text, any_case, suffix in phrases:
        node = trie
        for ch in text:
            if ch == " ":
                token = r"\s+"
            elif any_case and len(ch.lower()) == len(ch.upper()) == 1 and ch.lower() != ch.upper():
                token = f"[{ch.lower()}{ch.upper()}]"
            else:
                token = re.escape(ch)
            node = node.setdefault(token, {})
        node[None] = suffix

    def depth(node: dict) -> int:
        return max((1 + depth(sub) for token, sub in node.items() if token is not None), default=0)

    def build(node: dict) -> str:
        branches = sorted((t for t in node if t is not None), key=lambda t: -depth(node[t]))
        alts = [t + build(node[t]) for t in branches] + ([node[None]] if None in node else [])
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(trie)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    core: re.Pattern[str]
    number_chars: frozenset[str]  # what a number written with digits may start with: a digit, "½"
    vulgar: dict[str, float]  # "½" -> 0.5
    second: re.Pattern[str]
    prefix: re.Pattern[str]
    anchor_scan: AhoCorasick  # anchor words after a character that may open a word, then number_chars
    anchor_word_patterns: int  # how many of anchor_scan's patterns are anchor words (see _anchors)
    scale_after: re.Pattern[str]
    connector: re.Pattern[str]
    connector_starts: frozenset[str]  # _first_chars of connector's branches
    unit_after: re.Pattern[str]
    age_after: re.Pattern[str]
    age_after_starts: frozenset[str]  # _first_chars of age_after's phrases
    hedge_after: re.Pattern[str]
    hedge_after_starts: frozenset[str]  # _first_chars of hedge_after's phrases
    hedge_ahead: re.Pattern[str]  # a hedge written before a number, read forwards: "up to "
    rate_after: re.Pattern[str]
    per_head: re.Pattern[str]  # "per 100,000 people": a rate per head of population
    change_before: re.Pattern[str]
    change_by_before: re.Pattern[str]
    change_after: re.Pattern[str]
    trend_before: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    time_said: re.Pattern[str]
    age_before: re.Pattern[str]
    age_hedge: re.Pattern[str]
    age_name_max: float
    not_names: frozenset[str]  # capitalised words that are no part of a person's name ("In", "Monday")
    not_quantity_after: re.Pattern[str]
    times_after: re.Pattern[str]
    words: dict[str, float]
    multipliers: dict[str, float]
    fractions: dict[str, float]
    ordinals: dict[str, float]  # fraction denominators: "fifth" -> 5, "halves" -> 2
    after_tens_only: frozenset[str]  # "first(s)", "second(s)": denominators only in "twenty-first"
    fraction_vocab: frozenset[str]  # the words a written fraction is made of
    fraction_not_after: frozenset[str]
    max_digit_denominator: float
    max_ratio_denominator: float
    bare_not_scales: frozenset[str]
    scales: dict[str, tuple[float, bool]]  # surface -> (multiplier, needs a currency)
    hedges: dict[str, tuple[str, bool]]  # lower-cased phrase -> (qualifier, sets high)
    verb_hedges: frozenset[str]  # also reporting verbs: "an estimated 20,000", "police estimated"
    comparing: frozenset[str]  # "twice" in "twice as many as": the "as … as" compares, it hedges nothing
    up_to_verbs: frozenset[str]  # "edged up to 6.1%": the verb's "up", then the level's "to"
    vague: dict[str, tuple[float, float]]
    a_durations: dict[str, tuple[float, str]]  # "decade" -> (10, "year")
    a_units: dict[str, tuple[str, str]]  # "gallon" -> ("measurement", "gal"): "a gallon" is one gallon
    a_unit_followers: re.Pattern[str]
    a_unit_not_after: frozenset[str]
    a_unit_not_alone: frozenset[str]
    currencies: dict[str, str]
    amount_only_currencies: frozenset[str]  # "PS6m" is money, "PS5" a console
    units: dict[str, tuple[str, str]]  # surface -> (kind, unit)
    unit_before: re.Pattern[str]  # a unit word before the number, read backwards: "magnitude 6.8"
    periods: dict[str, str]
    change_words: dict[str, str | None]  # None: a phrasal verb that is no change ("gave up")
    year_preceders: frozenset[str]
    count_nouns: frozenset[str]  # units.csv: "arrested 1950 people" counts, though 1950 looks like a year
    label_words: frozenset[str]
    label_after: re.Pattern[str]
    metres_before: re.Pattern[str]
    across_hedges: frozenset[str]
    across_not_after: frozenset[str]
    across_not_before: re.Pattern[str]
    address_after: re.Pattern[str]
    determiners: frozenset[str]
    one_followers: frozenset[str]
    one_preceders: frozenset[str]
    referential_max: float


def _reversed(phrases: list[str], ignore_case: bool = True) -> str:
    """An alternation matching the phrases written backwards, for reading leftwards from a number.

    A phrase that starts with a letter must start a word: "over" matches, "Hover" does not.
    """
    def suffix(w: str) -> str:
        if w[0].isalpha():
            return r"(?![A-Za-z])"
        return "(?![<>=])" if w[0] in "<>" else ""  # "<>30" and "=>30" are no bounds

    return _phrase_trie([(w[::-1], ignore_case and w == w.lower(), suffix(w)) for w in set(phrases)])


def _reversed_trie(phrases: list[str]) -> str:
    """What `_reversed` matches (lower-case phrases, any case), factored by common endings: the
    hedge list is read at every number, and a flat alternation of ~100 phrases costs a try each."""
    trie: dict = {}
    for w in phrases:
        node = trie
        for ch in w[::-1]:
            node = node.setdefault(ch, {})
        node[""] = r"(?![A-Za-z])" if w[0].isalpha() else "(?![<>=])" if w[0] in "<>" else ""

    def build(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items())
                if ch]
        if "" in node:
            alts.append(node[""])  # after the longer phrases, so "more than" wins over "than"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(trie)


def _key(text: str) -> str:
    return " ".join(text.split())


@cache
def _lexicon() -> _Lexicon:
    toml = tomllib.loads((LEXICON / "number_words.toml").read_text(encoding="utf-8"))
    small = {**toml["units"], **toml["tens"]}
    multipliers = {k: float(v) for k, v in toml["multipliers"].items()}
    multipliers["dozens"] = 12.0  # "three dozens" (but bare "dozens" is vague, matched first)
    fractions = {k: float(v) for k, v in toml["fractions"].items()}
    ordinals = {k: float(v) for k, v in toml["ordinals"].items()}
    ordinals |= {f"{k}s": v for k, v in ordinals.items() if not k.endswith("s")}
    fraction_words = toml["fraction_words"]
    words = {k: float(v) for k, v in small.items()}

    scales = {r["surface"]: (float(r["multiplier"]), r["money_only"] == "true") for r in _rows("scales.csv")}
    scales["dozen"] = scales["dozens"] = (12.0, False)
    hedge_rows = _rows("hedges.csv")
    hedges = {_key(r["phrase"].lower()): (r["qualifier"], r["sets_high"] == "true") for r in hedge_rows}
    vague = {_key(r["phrase"]): (float(r["low"]), float(r["high"])) for r in _rows("vague.csv")}
    currency_rows = _rows("currencies.csv")
    currencies = {_key(r["surface"]): r["code"] for r in currency_rows}
    units: dict[str, tuple[str, str]] = {}
    for r in _rows("measurement_units.csv"):
        units[_key(r["surface"])] = (r["kind"], r["unit"])
    for r in _rows("durations.csv"):
        units[_key(r["surface"])] = ("duration", r["unit"])
    after_currencies = [r["surface"] for r in currency_rows if r["position"] == "after"]
    for s in after_currencies:
        units[_key(s)] = ("money", currencies[_key(s)])
    change_rows = _rows("change_verbs.csv")
    rate = toml["rate"]
    periods = {**rate["periods"], **rate["adverbs"]}
    calendar = toml["calendar"]
    ref = toml["referential"]
    a_unit = toml["a_unit"]
    # unit words (not symbols) that "a"/"an" can stand before: "a gallon", "a penny"
    a_units = {u: ku for u, ku in units.items() if ku[0] in ("measurement", "money") and u.islower()
               and u.isalpha() and len(u) > 2 and u not in a_unit["not_units"]}

    word_alt = _alternation(list(words) + list(multipliers))
    frac_alt = _alternation(list(fractions))
    mult_alt = _alternation(list(multipliers))
    # "one hundred and six", "twenty-one", "a dozen", "half a million", "two point five", and a comma
    # after a scale of a thousand or more, as on a cheque: "three million, two hundred & forty"
    after_scale = "(?<=" + "|".join(sorted({w[-4:] for w, v in multipliers.items() if v >= 1000})) + ")"
    number_words = (
        rf"(?:(?:(?i:{frac_alt})\s+)?(?i:an?)\s+(?=(?:{mult_alt})\b)|(?i:{frac_alt})\s+(?=(?:{mult_alt})\b))?"
        rf"(?:{word_alt})(?:(?:\s*-\s*|\s+(?i:and|point|&)\s+|\s+|{after_scale},\s+)(?:{word_alt})(?:\b|(?=(?i:fold)\b)))*"
    )
    vague_alts = []
    for r in _rows("vague.csv"):
        p = re.escape(r["phrase"]).replace(r"\ ", r"\s+")
        vague_alts.append(f"(?i:{p})" + (r"(?=\s+of\b)" if r["needs_of"] == "true" else ""))
    vague_alt = "|".join(sorted(vague_alts, key=len, reverse=True))
    before_currencies = [r["surface"] for r in currency_rows if r["position"].startswith("before")]
    before_hedges = [r["phrase"] for r in hedge_rows if r["position"] == "before"]
    vulgar = {k: float(v) for k, v in toml["vulgar_fractions"].items()}
    vulgar_class = "".join(vulgar)
    digits = (
        rf"\d*[{vulgar_class}]|"
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,\d)"
        rf"|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?![\d,])(?:\.\d+)?"
        r"|\d+(?:\.\d+)?(?:[eE][-+]?\d+\b)?|\.\d+"
    )
    skip = (
        r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?"  # ISO dates and timestamps
        r"|\d+(?:\.\d+){2,}"  # IP addresses, version numbers, dotted dates: 192.168.1.2, 5.17.2018
        r"|\d{1,2}/\d{1,2}/\d{2,4}\b"  # 19/11/2024
        r"|\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*(?i:a\.?m\.?|p\.?m\.?)\b)?"  # clock times, lap times
        r"|\+?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\+\d{1,3}(?:[-. ]\d{2,4}){2,4}\b"  # phone numbers
        r"|24/7"
        r"|(?<=\+)\d{1,3}(?:[-. /]\d{2,4}){2,4}\b"  # phone numbers read from after their "+"
    )
    cur_alt = _alternation(before_currencies, ignore_case=False)
    # Each branch first checks the kind of character it needs, so a digit skips the word lists at once.
    cores = (
        rf"(?:(?P<skip>(?=[\d+(])(?:{skip}))"
        rf"|(?P<vague>(?=[A-Za-z])(?:{vague_alt})\b)"
        rf"|(?P<digits>(?:{digits}))"
        rf"|(?P<words>(?=[A-Za-z]){number_words}(?:\b|(?=(?i:fold)\b)))"  # "sixfold": six, then "fold"
        rf"|(?P<a_duration>(?i:an?)\s+(?i:{_alternation(list(toml['a_duration']))})\b)"
        rf"|(?P<a_unit>(?i:an?)\s+(?i:{_alternation(list(a_units))})\b))"
    )
    # The core at an anchor; what precedes it (hedge, currency, sign) is read backwards by `prefix`,
    # a regex over the reversed text before the anchor, so each is one anchored match, not a search.
    core = re.compile(cores)
    second = re.compile(rf"(?:(?P<cur>{cur_alt}){_SPACE}?)?(?P<sign2>[-−](?=\d))?(?P<sign>(?!))?{cores}")
    prefix = re.compile(
        rf"(?:(?P<sign2>[-−])?{_SPACE}?(?P<cur>{_reversed(before_currencies, ignore_case=False)}))?"
        r"(?P<sign>[-−+](?![\w.,])|[\s-]+(?i:sunim|evitagen)(?![A-Za-z]))?"
        rf"(?:\s*(?P<hedge>(?i:{_reversed_trie(before_hedges)})))?"
        r"(?:\s+(?P<pre>(?i:neewteb|morf))(?![A-Za-z]))?"
    )
    anchor_words = list(words) + list(multipliers) + list(fractions) + [
        r["phrase"].split()[0] for r in _rows("vague.csv") if not r["phrase"].startswith("a ")] + [
        f"a {w}" for w in list(multipliers) + ["few", "handful"]] + [f"an {w}" for w in multipliers] + [
        f"{a} {w}" for a in ("a", "an") for w in [*ordinals, *toml["tens"]]]
    anchor_words += [f"a {w}" for w in toml["a_duration"]] + ["an hour"]
    anchor_words += [f"{a} {u}" for a in ("a", "an") for u in a_units]
    anchor_words += [w[0].upper() + w[1:] for w in anchor_words]
    # Each anchor word after each character a word may follow, as one automaton: its leftmost-longest
    # matches are where a regex of those words would match (as the regex trie did), found twice as fast.
    # The characters a number written with digits starts with are patterns of the same automaton, so one
    # scan finds both (a regex scan for digits costs as much again: re tests a class at every character).
    # No anchor word holds one of them, so they do not change which words match.
    before_word = [c for c in map(chr, range(0x3001)) if re.fullmatch(_BEFORE_WORD, c)]
    word_patterns = [c + w for c in before_word for w in set(anchor_words)]
    number_chars = frozenset("0123456789" + vulgar_class)
    anchor_scan = AhoCorasick(word_patterns + sorted(number_chars), matchkind=MATCHKIND_LEFTMOST_LONGEST)
    scale_words = [s for s in scales if len(s) > 3]
    scale_abbrevs = [s for s in scales if len(s) <= 3 and not s.startswith("doz")]
    scale_after = re.compile(
        rf"(?:\s+|-)(?P<w>{_alternation(scale_words)})\b"
        rf"|(?P<sp>{_SPACE}+)?(?P<a>{_alternation(scale_abbrevs, ignore_case=False)})(?![\w$£€]|\.\w)"
    )
    spaced_units = [u for u in units if len(u) > 1 and u not in ("pc", "p", "in")]
    attached_units = [u for u in units if u not in spaced_units]
    unit_after = re.compile(
        rf"(?:{_SPACE}*|-|\s+of\s+)(?P<u>{_alternation(spaced_units)})(?![\w])"
        rf"|(?P<a>{_alternation(attached_units, ignore_case=False)})(?![\w])"
    )
    age = toml["age"]
    age_after = re.compile("|".join(re.escape(a).replace(r"\ ", r"\s*") for a in age["after"]), re.I)
    age_before = re.compile(rf"\s+(?:{_reversed(age['before'])})")
    after_hedges = [r["phrase"] for r in hedge_rows if r["position"] == "after"]
    hedge_after = re.compile(r"\s*" + _phrase_trie(
        [(h, False, r"\b" if h[-1].isalpha() else "") for h in after_hedges]), re.I)
    linker = "|".join(re.escape(x) for x in rate["linkers"] if x != "/")
    rate_after = re.compile(
        # (a noun is taken whole, "++": giving back letters cannot make room for the space or "/" after it)
        rf"(?P<noun>(?:\s+(?!(?:{'|'.join(rate['not_across'])})\b)[a-z][a-z-]++){{0,2}}?)"
        rf"(?:\s+(?:{linker})\s+|\s*/\s*)"
        rf"(?P<p>{'|'.join(rate['periods'])})\b(?!\s+(?:{'|'.join(rate['not_before'])})\b)"
        rf"|\s+(?P<adv>{'|'.join(rate['adverbs'])})\b",
        re.I,
    )
    # "25 deaths per 100,000 people", "per million": two words may stand between (not "parts per")
    population = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in rate["population"])
    per_head = re.compile(
        r"(?:\s+(?!parts\b)[a-z][a-z-]+){0,2}?\s+per\s+"
        r"(?P<base>1(?:00?)?(?:,000)+|10{2,6}|(?i:million|thousand))"
        rf"(?:\s+(?P<pop>(?i:{population})))?\b"
    )
    change_before = re.compile(
        # "by" may follow the verb's object: "raise prices by 3%", "grow its sales by 35 per cent"
        r"\s+(?P<by>yb(?:\s+[a-z'’]+){1,4}?\s+|(?:yb|tuoba|dnuora|ylhguor|ylraen|tsomla|rehtona|rehtruf\s+a)\s+)?"
        rf"(?P<w>{_reversed([r['word'] for r in change_rows if r['position'] == 'before'])})"
    )
    # "raised council tax by 4.99%": verbs that report a change only with "by"
    change_by_before = re.compile(
        r"\s+(?P<by>yb(?:\s+[a-z'’]+){0,4}?\s+)"
        rf"(?P<w>{_reversed([r['word'] for r in change_rows if r['position'] == 'before_by'])})"
    )
    # "rose to 5,000", "dipped down to", "fell from $2,415 to $2,315": the level reached, read backwards
    trend_before = re.compile(
        r"\s+(?:(?P<to>ot|ta)|(?P<from>morf))\s+"
        rf"(?P<w>{_reversed([r['word'] for r in change_rows if r['position'] == 'before'])})"
    )
    after_words = [r["word"] for r in change_rows if r["position"] == "after"]
    change_after = re.compile(rf"\s+(?:[a-z]+-)?(?P<w>{_alternation(after_words)})\b")
    months = _alternation(calendar["months"])
    return _Lexicon(
        core=core,
        number_chars=number_chars,
        vulgar=vulgar,
        second=second,
        prefix=prefix,
        anchor_scan=anchor_scan,
        anchor_word_patterns=len(word_patterns),
        scale_after=scale_after,
        connector=re.compile(
            r"(?P<c>\s*-to-\s*|\s*(?:–|—|~)\s*|-\s+(?i:to)\s+|-|\s+-\s+|\s+(?i:to|and|through|or|up\s+to)\s+)"
        ),
        connector_starts=_first_chars(["-", "–", "—", "~", "to", "and", "through", "or", "up"], re.I),
        unit_after=unit_after,
        age_after=age_after,
        age_after_starts=_first_chars(age["after"], re.I),
        hedge_after=hedge_after,
        hedge_after_starts=_first_chars(after_hedges, re.I),
        hedge_ahead=re.compile(rf"(?i:{_alternation(before_hedges)})\s*"),
        rate_after=rate_after,
        per_head=per_head,
        change_before=change_before,
        change_by_before=change_by_before,
        change_after=change_after,
        trend_before=trend_before,
        # "October 3", "Oct. 3"; a full name and a full stop end a sentence: "by March. Less than 5%"
        month_before=re.compile(rf"\s+(?P<day>,?(?:ts|dn|dr|ht)?\d{{1,2}}\s+)?"
                                rf"(?:\.(?:{_reversed([m for m in calendar['months'] if len(m) <= 4])})"
                                rf"|(?:{_reversed(calendar['months'])}))"),
        month_after=re.compile(rf"(?:st|nd|rd|th)?\s+(?:(?i:of)\s+)?(?:{months})\b"),
        # when the first end of "from X ... to Y" held: "in 2008", "at 10.45pm last night", "on December 20"
        time_said=re.compile(
            rf"\s+(?:in|at|on)\s+(?:\d{{4}}|\d{{1,2}}(?:[.:]\d{{2}})?\s*(?i:[ap]\.?m\.?)|(?:{months})(?:\s+\d{{1,2}})?)\b"
            r"(?:\s+(?:last|this)\s+(?:night|morning|afternoon|evening|week|month|year))?"
        ),
        age_before=age_before,
        age_hedge=re.compile("|".join(re.escape(h) + "$" for h in age["hedge_ends"]), re.I),
        age_name_max=float(age["name_max"]),
        not_names=frozenset(age["not_names"]) | frozenset(calendar["months"]),
        not_quantity_after=re.compile(
            r"(?:st|nd|rd|th)\b|'?s\b|[-–/]\d{2}\b(?!\s*%)|[A-Za-z]|\d"
        ),
        times_after=re.compile(
            rf"\s+(?P<times>(?i:{_alternation(toml['multiplier']['words'])}))"
            rf"\s+(?:(?i:{_alternation(toml['multiplier']['before'])})\b|(?!(?i:a|an|per|each|every)\b)[a-z]+)"
        ),
        words=words,
        multipliers=multipliers,
        fractions=fractions,
        ordinals=ordinals,
        after_tens_only=frozenset(w for w in ordinals if w.rstrip("s") in fraction_words["after_tens_only"]),
        fraction_vocab=frozenset([*words, *multipliers, "a", "an", "and"]),
        fraction_not_after=frozenset(fraction_words["not_after"]),
        max_digit_denominator=float(fraction_words["max_digit_denominator"]),
        max_ratio_denominator=float(fraction_words["max_ratio_denominator"]),
        bare_not_scales=frozenset(toml["numerals"]["bare_not_scales"]),
        scales=scales,
        hedges=hedges,
        verb_hedges=frozenset(hedges) & {_key(r["verb"].lower()) for r in _rows("reporting_verbs.csv")},
        comparing=frozenset(toml["multiplier"]["comparing"]),
        up_to_verbs=frozenset(toml["up_to"]["verbs"]),
        vague=vague,
        a_durations={k: (float(v[0]), v[1]) for k, v in toml["a_duration"].items()},
        a_units=a_units,
        a_unit_followers=re.compile(rf"\s+(?:{'|'.join(a_unit['followers'])})\b|\s*(?:[.,;:!?)]|$)"),
        a_unit_not_after=frozenset(a_unit["not_after"]),
        a_unit_not_alone=frozenset(a_unit["not_alone"]),
        currencies=currencies,
        amount_only_currencies=frozenset(r["surface"] for r in currency_rows
                                         if r["position"] == "before_amount"),
        units=units,
        # not "an order of magnitude 10 times"
        unit_before=re.compile(rf"[\s-]+(?P<u>{_reversed(toml['units_before']['words'])})(?![A-Za-z])(?!\s+fo\b)"),
        periods={k.lower(): v for k, v in periods.items()},
        change_words={r["word"]: None if r["direction"] == "none" else r["direction"] for r in change_rows},
        year_preceders=frozenset(calendar["year_preceders"]),
        count_nouns=frozenset(r["word"].lower() for r in _rows("units.csv")),
        label_words=frozenset(toml["identifier"]["label_words"]),
        label_after=re.compile(rf"\s+(?:{_alternation(toml['identifier']['label_after'])})\b"),
        # "1.8m tall", "a 40m-long hull", "the 37m (121ft)-long skeleton": after a conversion in brackets too
        metres_before=re.compile(rf"(?:\s*\([^()]{{1,20}}\))?(?:\s+|-)(?:{_alternation(toml['metres']['before'])})\b"),
        across_hedges=frozenset(toml["across"]["hedges"]),
        across_not_after=frozenset(toml["across"]["more_than_after"]),
        across_not_before=re.compile(rf"\s+(?:{_alternation(toml['across']['more_than_before'])})\b"),
        address_after=re.compile(
            rf"(?:\s+[A-Z0-9][\w'.]*){{0,3}}?\s+(?:{'|'.join(toml['identifier']['street_words'])})\b"
            r"(?:\s+[A-Z][\w'.]*){0,2}\s*(?:[,;)]|$)"
        ),
        determiners=frozenset(ref["determiners"]),
        one_followers=frozenset(ref["one_followers"]),
        one_preceders=frozenset(ref["one_preceders"]),
        referential_max=float(ref["max_value"]),
    )


_TOKEN = re.compile(r"[A-Za-z]+")


def _parse_words(surface: str, lex: _Lexicon) -> tuple[float, int] | None:
    """Value of a run of number words and how many characters of it form one number.

    Stops before a word that cannot continue the number ("five six" is 5, then 6).
    """
    total = 0.0
    current = 0.0
    decimal_tens = False
    small = 0.0  # the small words since the last multiplier: what "dozen" multiplies
    largest = 0.0  # the largest multiplier applied so far: "lakh crore" multiplies the whole
    last = ""  # "small" | "mult" | "and" | "a" | "frac" | "point"
    fraction = 1.0
    consumed = 0
    scale_end = 0  # where the last scale word ended
    decimals = ""
    for m in _TOKEN.finditer(surface):
        w = m.group().lower()
        if last == "point":
            if w in lex.words and lex.words[w] < 100:
                digit = str(int(lex.words[w]))
                # "point seventy-one" is .71: a unit word fills the zero of the tens word before it
                decimals = decimals[:-1] + digit if decimal_tens and len(digit) == 1 else decimals + digit
                decimal_tens = lex.words[w] >= 20
                consumed = m.end()
                continue
            break
        if decimals:
            break
        if w in ("a", "an"):
            if last not in ("", "frac"):
                break
            last = "a"
            continue
        if w in lex.fractions and last == "":
            fraction = lex.fractions[w]
            last = "frac"
            continue
        if w == "and":
            if last != "mult":
                break
            last = "and"
            continue
        if w == "point":
            if last not in ("small", "mult"):
                break
            last = "point"
            continue
        if w in lex.words:
            v = lex.words[w]
            tens_then_unit = last == "small" and current % 100 >= 20 and current % 10 == 0 and v < 10
            if last == "small" and not tens_then_unit:
                break
            if last in ("a", "frac"):
                break
            current += v
            small += v
            last = "small"
        elif w in lex.multipliers:
            mult = lex.multipliers[w]
            if last not in ("small", "a", "mult", "frac"):
                break
            if last == "mult" and mult <= 100:
                break
            if mult < 100:  # "two dozen", "three hundred and two dozens": only the small words
                current += small * (mult - 1) if small else mult
            elif mult == 100:
                current = (current or 1) * 100
            elif last == "mult" and current == 0 and mult > largest:
                total *= mult  # "three lakh crore", "a thousand million"
            elif total and mult >= largest:  # "one thousand, two thousand": a list, not one number
                current, consumed = 0.0, scale_end
                break
            else:
                total += (current or 1) * mult
                current = 0.0
            largest = max(largest, mult)
            small = 0.0
            last = "mult"
            scale_end = m.end()
        else:
            break
        consumed = m.end()
    if consumed == 0:
        return None
    value = (total + current) * fraction
    if decimals:
        value += float("0." + decimals)
    return value, consumed


_SEPARATORS = str.maketrans("", "", ", \t\n\u00a0\u202f\u2009")


_WORD_TOKEN = re.compile(r"(?P<sep>\s*-\s*|\s+)?(?P<w>[A-Za-z]+)(?![A-Za-z])")
_NOUN_AFTER = re.compile(r"\s+(?!(?i:of|in|to|and|or|from|by|on|at|for|with|than)\b)[a-z]")
_SCALE_OF = re.compile(r"(?:\s+of)?(?:\s+an?)?\s+(?P<w>[A-Za-z]+)(?![A-Za-z])")


class _Token:
    """A word of a written fraction (a plain class, as _Core: mypyc compiles its __init__)."""

    __slots__ = ("word", "end", "joined")

    def __init__(self, word: str, end: int, joined: bool) -> None:
        self.word = word  # lower-cased
        self.end = end
        self.joined = joined  # hyphened to the word before ("twenty-first")


def _number_tokens(text: str, p: int, lex: _Lexicon) -> list[_Token]:
    """The words from p on that can make a written fraction ("one hundred and three quarters")."""
    out = []
    pos = p
    while (m := _WORD_TOKEN.match(text, pos)) is not None:
        w = m.group("w").lower()
        if w not in lex.fraction_vocab and w not in lex.ordinals:
            break
        out.append(_Token(w, m.end(), "-" in (m.group("sep") or "")))
        pos = m.end()
    return out


def _small(token: _Token, lex: _Lexicon, low: int, high: int, step: int) -> bool:
    v = lex.words.get(token.word, -1)
    return low <= v <= high and v % step == 0


def _is_denominator(tokens: list[_Token], i: int, lex: _Lexicon) -> bool:
    """An ordinal that ends a fraction; "first" and "second" only after a tens word ("a twenty-first")."""
    if tokens[i].word not in lex.ordinals:
        return False
    return tokens[i].word not in lex.after_tens_only or (i > 0 and _small(tokens[i - 1], lex, 20, 90, 10))


def _tokens_value(tokens: list[_Token], lex: _Lexicon) -> float | None:
    """The whole number the words make ("a" is one, "and" is ignored), None when they make none."""
    words = [t.word for t in tokens if t.word != "and"]
    if words in (["a"], ["an"]):
        return 1.0
    phrase = " ".join(words)
    parsed = _parse_words(phrase, lex) if phrase else None
    return parsed[0] if parsed and parsed[1] == len(phrase) else None


def _split(head: list[_Token], den: _Token, lex: _Lexicon) -> tuple[list[_Token], float] | None:
    """Numerator words and denominator of "<number> <ordinal>", following Recognizers-Text's reading:
    the ordinal takes the tens word before it ("twenty twenty-fifths" = 20/25) and then a "<unit>
    hundred/thousand" ("one one hundred fifth" = 1/105), as long as a numerator is left, but never
    across "and" ("one hundred and thirty fifths" = 130/5)."""
    d = lex.ordinals[den.word]
    i = len(head)
    if d < 10 and i and _small(head[i - 1], lex, 20, 90, 10) and (
        den.joined or (i > 1 and head[i - 2].word != "and")
    ):
        d += lex.words[head[i - 1].word]
        i -= 1
    j = i - 1 if i and head[i - 1].word == "and" else i
    if d < 100 and j >= 3 and head[j - 1].word in lex.multipliers and _small(head[j - 2], lex, 1, 9, 1) \
            and not head[j - 2].joined:
        d += lex.words[head[j - 2].word] * lex.multipliers[head[j - 1].word]
        i = j - 2
    elif j != i:
        return None  # "the hundred and fifth" is an ordinal
    return head[:i], d


def _ends_in_fraction(text: str, end: int, lex: _Lexicon) -> bool:
    """Whether number words ending at `end` may go on into a fraction (a cheap test before reading it)."""
    w = _WORD_TOKEN.match(text, end)
    return w is not None and (w.group("w").lower() in lex.ordinals or w.group("w").lower() == "and")


def _word_fraction(text: str, p: int, lex: _Lexicon) -> tuple[int, float, bool, bool] | None:
    """A number written with a fraction from p: (end, value, is a bare fraction, is scaled).

    "two thirds", "a hundredth", "three twenty-firsts"; mixed numbers when the part after the last
    "and" is a proper fraction ("one and a half", "twenty and three fifths"); a scale word after it
    makes a count ("half a million", "one billion and a half million", "two thirds of a million").
    """
    tokens = _number_tokens(text, p, lex)
    k = next((i for i in range(len(tokens)) if _is_denominator(tokens, i, lex)), None)
    if k is None:
        return None
    head, den = tokens[:k], tokens[k]
    end = den.end
    if text[end:end + 1] == "-":
        return None  # "half-staff", "third-largest"
    if [t.word for t in head] in ([], ["a"], ["an"]) and den.word not in lex.fractions \
            and _NOUN_AFTER.match(text, end):
        return None  # "a third country", "a fifth term": an ordinal before its noun
    scale = 1.0
    s = _SCALE_OF.match(text, end)
    if s and s.group("w").lower() in lex.multipliers:
        scale, end = lex.multipliers[s.group("w").lower()], s.end()
    ands = [i for i, t in enumerate(head) if t.word == "and"]
    if ands and ands[-1] > 0 and (tail := _split(head[ands[-1] + 1:], den, lex)) is not None:
        numerator, whole = _tokens_value(tail[0], lex), _tokens_value(head[:ands[-1]], lex)
        if numerator is not None and whole is not None and numerator < tail[1]:
            whole_scale = max((lex.multipliers.get(t.word, 1.0) for t in head[:ands[-1]]), default=1.0)
            if scale == 1 and whole_scale >= 1000:
                scale = whole_scale  # "two million and a half"
            elif whole_scale < scale:
                whole *= scale  # "one and a half million"
            return end, whole + numerator / tail[1] * scale, False, True
    split = _split(head, den, lex)
    if split is None:
        return None
    if split[0]:
        numerator = _tokens_value(split[0], lex)
    elif den.word in lex.fractions and text[p - 1:p] != "-" and (
        _last_word(text, p).lower() not in lex.fraction_not_after
    ):
        numerator = 1.0  # "half", "quarter million"; not "the second half", "first-quarter"
    else:
        return None
    if numerator is None or (numerator != 1 and not den.word.endswith("s")):
        return None  # "two millionth" is an ordinal
    return end, numerator / split[1] * scale, scale == 1, scale > 1


@lru_cache(maxsize=4096)
def _written_number(words: str) -> tuple[float, int, bool, float] | None:
    """A number in words: its value, how many characters of `words` it takes, whether a scale word
    ("hundred", "million") is in it, and its value before the last scale word. It depends only on the
    words, which recur ("two", "a hundred"), so it is kept across articles."""
    lex = _lexicon()
    parsed = _parse_words(words, lex)
    if parsed is None:
        return None
    value, length = parsed
    tokens = [w.lower() for w in _TOKEN.findall(words[:length])]
    scaled = any(w in lex.multipliers for w in tokens)
    raw = value / lex.multipliers[tokens[-1]] if tokens[-1] in lex.multipliers else value
    return value, length, scaled, raw


def _number_value(text: str) -> float:
    return float(text.translate(_SEPARATORS))


def _scaled(value: float, scale: float) -> float:
    """value × scale in decimal, as the text wrote it: "€4.1 billion" is 4,100,000,000, where binary
    floating point gives 4,099,999,999.9999995."""
    return float(Decimal(repr(value)) * Decimal(repr(scale)))


class _Core:
    """One end of a phrase: the number with its scale, currency and unit.

    A plain class rather than a dataclass: mypyc compiles this __init__, while a dataclass's is
    generated Python, and one or two _Core are built for every figure."""

    __slots__ = ("start", "end", "value", "scaled", "written", "currency", "kind", "unit", "unit_surface",
                 "plain", "raw", "num_end", "fraction")

    def __init__(
        self, start: int, end: int, value: float, scaled: bool = False, written: bool = False,
        plain: bool = True, raw: float = 0.0, fraction: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.scaled = scaled
        self.written = written  # in words
        self.currency: str | None = None
        self.kind: str | None = None
        self.unit: str | None = None
        self.unit_surface = ""
        self.plain = plain  # digits only, no separator or decimal point
        self.raw = raw  # the value before its scale word
        self.num_end = 0  # where the number ends, before any unit
        self.fraction = fraction  # "two thirds", "3/4": a proportion of something, not a count


def _read_core(text: str, m: re.Match[str] | _Hit, lex: _Lexicon, bare: bool = False) -> _Core | None:
    """The number of a numeral match, extended by its scale word ("1.2 million", "$3bn").

    `bare` reads a number on its own, as find_numerals does: every scale abbreviation counts ("10G",
    "1.2b"), not only those a currency makes unambiguous.
    """
    if digits := m.group("digits"):
        try:
            if digits[-1] in lex.vulgar:  # "½", "2¾"
                value = float(digits[:-1] or 0) + lex.vulgar[digits[-1]]
            else:
                value = _number_value(digits)
        except ValueError:
            return None
        core = _Core(m.start("digits"), m.end("digits"), value, plain=digits.isdigit(),
                     fraction=digits[0] in lex.vulgar)
        _read_digit_fraction(text, core, lex, hedged=isinstance(m, _Hit) and m.group("hedge") is not None)
        _read_power(text, core)
    elif isinstance(m, _Hit) and m.fraction is not None:
        value, is_fraction, scaled = m.fraction
        core = _Core(m.start("words"), m.end("words"), value, scaled=scaled, written=True, plain=False,
                     fraction=is_fraction)
        core.raw = value
    else:
        written = _written_number(m.group("words"))
        if written is None:
            return None
        value, length, scaled, raw = written
        core = _Core(m.start("words"), m.start("words") + length, value, scaled=scaled, written=True,
                     plain=False, raw=raw)
    if cur := m.group("cur"):
        core.currency = lex.currencies[_key(cur)]
    if m.group("sign2") or ((sign := m.group("sign")) and sign[0] in "-−mMnN"):
        core.value = -core.value
    if not core.written:
        core.raw = core.value
        # scale words, possibly chained: "1.2 million", "$3bn", "4 hundred million"
        while (s := lex.scale_after.match(text, core.end)) is not None:
            surface = s.group("w") or s.group("a")
            mult, money_only = lex.scales.get(surface) or lex.scales[surface.lower()]
            if bare and surface in lex.bare_not_scales:
                break
            if not bare and (money_only or (s.group("sp") and surface.islower())) and not core.currency:
                break  # "$3 b", "£5 m"; but "80 m.p.h." and "12 m" are not millions
            if surface == "m" and not core.currency and lex.metres_before.match(text, s.end()):
                break  # "1.8m tall": metres
            core.value = _scaled(core.value, mult)
            core.end = s.end()
            core.scaled = True
            core.plain = False
    core.num_end = core.end
    return core if math.isfinite(core.value) else None  # "9e999" overflows: no number


_DIGIT_FRACTION = re.compile(r"(?:[ \t]+(?P<num>\d+))?[/⁄](?P<den>\d+)(?![\d/]|[.,]\d)(?P<of>\s+of\b)?")
_POWER = re.compile(r"\^(?P<sign>[-+]*)(?P<exp>\d+(?:\.\d+)?)")


def _read_digit_fraction(text: str, core: _Core, lex: _Lexicon, hedged: bool = False) -> None:
    """ "3/4" (a fraction) and "2 1/4" (a whole number and a fraction); "9/11" and "24/7" are names, but
    "about 1/40" and "1/25 of" are shares (a hedge or "of" allows a larger denominator)."""
    ahead = text[core.end:core.end + 8]
    f = _DIGIT_FRACTION.match(text, core.end) if "/" in ahead or "⁄" in ahead else None  # "⁄": fraction slash
    if not (core.plain and f):
        return
    den = float(f.group("den"))
    num = float(f.group("num")) if f.group("num") else core.value
    share = (hedged or f.group("of")) and not f.group("num")
    largest = lex.max_ratio_denominator if share else lex.max_digit_denominator
    if not 0 < num < den <= largest or (f.group("num") and core.value >= 100):
        return
    if f.group("num"):
        core.value += num / den
    else:
        core.value, core.fraction = num / den, True
    core.end, core.plain = f.end("den"), False


_TIMES_POWER = re.compile(
    r"[ \t]?[×xX][ \t]?(?P<base>\d+(?:\.\d+)?)"
    r"(?:\^(?P<sign>[-+−]*)(?P<exp>\d+)|(?P<minus>[−⁻]?)(?P<sup>[⁰¹²³⁴-⁹]+)|(?P<minus2>−)(?P<exp2>\d+))(?![\d.])"
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _read_power(text: str, core: _Core) -> None:
    """ "1.1^23", "2.5^-1" (each "-" in the exponent's sign flips it, as Recognizers-Text reads "^--23"),
    and a product with a power: "2.48×10−5" (a superscript exponent that lost its formatting), "3 x 10^5",
    "8x2^10", "6×10⁹"."""
    if text[core.end:core.end + 1] == "^" and (p := _POWER.match(text, core.end)) is not None:
        base, exponent = core.value, float(p.group("exp")) * (-1) ** p.group("sign").count("-")
        factor = 1.0
    elif text[core.end:core.end + 2].strip()[:1] in ("×", "x", "X") and (
        p := _TIMES_POWER.match(text, core.end)
    ) is not None:
        base, factor = float(p.group("base")), core.value
        if p.group("exp") is not None:
            sign = p.group("sign").replace("−", "-")
            exponent = float(p.group("exp")) * (-1) ** sign.count("-")
        elif p.group("sup") is not None:
            exponent = float(p.group("sup").translate(_SUPERSCRIPTS)) * (-1 if p.group("minus") else 1)
        else:
            exponent = -float(p.group("exp2"))
    else:
        return
    try:
        core.value = factor * base ** exponent
    except (OverflowError, ZeroDivisionError):
        return
    core.end, core.plain = p.end(), False


_RATIO = re.compile(r"\s+(?:in|out\s+of)\s+")


def _read_ratio(text: str, core: _Core, lex: _Lexicon) -> None:
    """ "one in five", "3 out of 10": a fraction, when the second number is the larger, at most
    max_ratio_denominator (not a year) and carries no unit ("5 in 6 months" is a count, then a duration)."""
    r = _RATIO.match(text, core.end) if text[core.end + 1:core.end + 2] in ("i", "o") else None
    if r is None or core.currency or core.value < 1 or not core.value.is_integer():
        return
    m = lex.second.match(text, r.end())
    if m is None or m.group("cur") or not (m.group("digits") or m.group("words")):
        return
    second = _read_core(text, m, lex)
    if second is None or not core.value < second.value <= lex.max_ratio_denominator:
        return
    _read_unit(text, second, lex)
    if second.unit is None:
        core.value, core.fraction, core.plain = core.value / second.value, True, False
        core.end = core.num_end = second.end


_ARTICLE = re.compile(r"(?:\s+of)?\s+an?(?=\s)")


def _read_fraction_unit(text: str, core: _Core, lex: _Lexicon) -> None:
    """ "half an hour", "a quarter of a mile": a fraction of a unit is that unit's kind (0.5 hour)."""
    if not core.fraction or core.unit is not None or (a := _ARTICLE.match(text, core.end)) is None:
        return
    end = core.end
    core.end = a.end()
    _read_unit(text, core, lex)
    # No unit read ("half an" alone). (Not asked of core.unit: compiled, mypyc would trust the check
    # above that it is None.)
    if core.end == a.end():
        core.end = end


def _read_unit(text: str, core: _Core, lex: _Lexicon) -> None:
    """Attach the unit written after the number: currency word, percent, measurement, duration."""
    u = lex.unit_after.match(text, core.end)
    if not u:
        return
    surface = _key(u.group("u") or u.group("a"))
    if " of " in u.group() and not core.scaled:
        return  # "2 of the dollars" is not "2 dollars"; "millions of dollars" is
    kind, unit = lex.units.get(surface) or lex.units[surface.lower()]
    if unit == "lb" and (core.scaled or core.currency):
        kind, unit = "money", "GBP"  # "20 million pounds"
    if kind == "money":
        if core.currency:
            return  # "$5 million dollars" is rare; keep the sign's currency
        core.currency = unit
    core.kind, core.unit, core.unit_surface = kind, unit, surface
    core.end = u.end()
    if kind == "money" and not core.scaled and (s := lex.scale_after.match(text, core.end)) and s.group("w"):
        core.value = _scaled(core.value, lex.scales[s.group("w").lower()][0])  # "75 USD million"
        core.end, core.scaled = s.end(), True


# "15 dollars 50", "thirteen dollars and forty-five cents": whole units, then the minor units
_MINOR_AFTER = re.compile(r"(?:\s+and)?\s+(?P<n>\d{1,2}\b|[A-Za-z]+(?:[\s-][A-Za-z]+)?)")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)]|$)")


def _read_minor_units(text: str, core: _Core, lex: _Lexicon) -> tuple[float, int] | None:
    """The cents after a whole amount written with a currency word: (value in whole units, end).
    The cents need their own word ("cents", "pence") or must close the clause ("15 dollars 50.")."""
    if not (core.unit_surface and core.value.is_integer() and not core.scaled):
        return None
    m = _MINOR_AFTER.match(text, core.end)
    if m is None:
        return None
    if m.group("n").isdigit():
        cents, end = float(m.group("n")), m.end()
    elif (parsed := _parse_words(m.group("n"), lex)) is not None:
        cents, end = parsed[0], m.start("n") + parsed[1]
    else:
        return None
    if not (0 < cents < 100 and cents.is_integer()):
        return None
    u = lex.unit_after.match(text, end)
    if u and lex.units.get(_key(u.group("u") or u.group("a")).lower(), ("", ""))[1].endswith("X"):
        return cents / 100, u.end()
    return (cents / 100, end) if _CLAUSE_END.match(text, end) else None


_LAST_WORD = re.compile(r"[\s(]*([\w&'-]*?[A-Za-z])(?![\w&'-])")


def _last_word(text: str, pos: int) -> str:
    m = _LAST_WORD.match(text[max(0, pos - 24):pos][::-1])
    return m.group(1)[::-1] if m else ""


# A clock time is a bare hour or an hour with two-digit minutes before am/pm: "5pm", "10.45 p.m.", "2.30 am".
# Any other number there is a length: "2.1 pm" is 2.1 picometres, "2.123 am" attometres.
_CLOCK_MARK = re.compile(r"\s*(?i:a\.m\.?|p\.m\.?|am\b|pm\b)")
_CLOCK_MARK_STARTS = _first_chars(["am", "pm"], re.I)
_CLOCK_DIGITS = re.compile(r"(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?")


def _is_clock_time(text: str, core: _Core) -> bool:
    if core.currency or core.scaled or _first_after_space(text, core.end) not in _CLOCK_MARK_STARTS \
            or _CLOCK_MARK.match(text, core.end) is None:
        return False
    if core.written:
        return core.value.is_integer() and 0 <= core.value <= 24  # "five pm"
    return _CLOCK_DIGITS.fullmatch(text, core.start, core.end) is not None


# An era names a year of any size: "AD 79", "A.D. 1000", "300 BC", "44 B.C.E." (read backwards before it)
_ERA_BEFORE = re.compile(r"\s*\.?D\.?A(?![A-Za-z])")
_ERA_AFTER = re.compile(r"\s*(?:B\.?C\.?(?:E\.?)?|C\.?E\.?|A\.?D\.?)(?![A-Za-z])")


def _has_era(text: str, core: _Core) -> bool:
    before = text[max(0, core.start - 6):core.start][::-1]
    return bool(_ERA_AFTER.match(text, core.end) or _ERA_BEFORE.match(before))


def _is_year(core: _Core, text: str, lex: _Lexicon) -> bool:
    """A bare 4-digit number read as a year: any in 1900-2100 ("2022", "the 2019 list"), earlier ones
    only after a word such as "in" or "since" ("in 1066"), and any number with an era ("AD 79", "300 BC").
    "2,000" and "2000 km" are not years."""
    if not (core.plain and core.unit is None and core.currency is None):
        return False
    if _has_era(text, core):
        return True
    if not 1000 <= core.value <= 2100:
        return False
    return core.value >= 1900 or _last_word(text, core.start).lower() in lex.year_preceders


# The word after a number, and the one after that: "1950 people", "2000 suspected militants".
_NEXT_TWO_WORDS = re.compile(r"\s+([a-z]+)(?:\s+([a-z]+))?")


def _counts_not_years(text: str, core: _Core, lex: _Lexicon) -> bool:
    """A number in the year range that counts things written without a comma: "cut 2000 jobs",
    "arrested 1950 suspected militants". It follows a word of the clause that is no year preposition,
    determiner or possessive ("in 2000 people", "the 2019 protests", "Britain's 2024 voters" stay years)
    and precedes a noun of units.csv, at most one word apart."""
    before = _last_word(text, core.start)
    if _has_era(text, core) or not before.islower() or before.endswith(("'s", "’s")) \
            or before in lex.year_preceders or before in lex.determiners \
            or text[core.start - 1:core.start] not in (" ", "\u00a0"):
        return False
    after = _NEXT_TWO_WORDS.match(text, core.end)
    return after is not None and any(w in lex.count_nouns for w in after.groups() if w)


class _Hit:
    """A numeral found at an anchor: the core read forwards, hedge/currency/sign/"between" backwards.

    Offers the part of re.Match the phrase reader uses: group, start and end by group name.
    """

    __slots__ = ("group", "_spans", "phrase_start", "fraction")

    def __init__(
        self, text: str, spans: dict[str, tuple[int, int]], phrase_start: int,
        fraction: tuple[float, bool, bool] | None = None,
    ) -> None:
        self._spans = spans
        self.phrase_start = phrase_start  # the leftmost of hedge, sign, currency and number
        self.fraction = fraction  # (value, is a fraction, is scaled) of a fraction written in words
        # group(name) is called dozens of times per phrase: a bound dict.get is the cheapest lookup
        self.group = {g: text[a:b] for g, (a, b) in spans.items()}.get

    def start(self, name: str) -> int:
        return self._spans[name][0]

    def spans(self) -> list[tuple[str, tuple[int, int]]]:
        return list(self._spans.items())

    def end(self, name: str) -> int:
        return self._spans[name][1]


# A leading character class lets re skip ahead fast; r"\d+" scans three times slower.
_DIGIT_RUN = re.compile(r"[0-9][0-9]*")
_DIGITS = frozenset("0123456789")


def _anchors(text: str, lex: _Lexicon) -> list[int]:
    """Where numbers may start, from one scan of the text: number words, and the first character of each
    run of digits (where a regex for number_chars, then digits, would match: "1,234" gives 1 and 234,
    "2¾" gives 2 and ¾, "½12" only ½)."""
    found = []
    # start is in " " + text (so that a word at 0 has a character before it): for an anchor word, the
    # index of its character before in " " + text is that of its first letter in text
    for pattern, start, _ in lex.anchor_scan.find_matches_as_indexes(" " + text):
        if pattern < lex.anchor_word_patterns:
            found.append(start)
        elif not (text[start - 1] in _DIGITS and start >= 2 and text[start - 2] in lex.number_chars):
            found.append(start - 1)
    found.sort()
    return found


def _hit_at(text: str, p: int, lex: _Lexicon, reversed_text: str) -> _Hit | None:
    """The numeral at an anchor, or None; `reversed_text` is text[::-1], where what precedes the
    numeral is read leftwards by anchored matches (at most 48 characters back)."""
    if p and text[p - 1] == "." and (p < 2 or not text[p - 2].isdigit()):
        p -= 1  # ".5"
    m = lex.core.match(text, p)
    written = None
    if text[p].isalpha() and (m is None or m.group("words") and _ends_in_fraction(text, m.end(), lex)):
        written = _word_fraction(text, p, lex)
    fraction = None
    if written is not None and (m is None or m.group("words") is not None and m.end("words") <= written[0]):
        spans = {"words": (p, written[0])}
        fraction = written[1:]
    elif m is None:
        return None
    else:
        spans = {m.lastgroup or "": m.span()}  # the core's groups are alternatives: exactly one matched
    core = next(iter(spans))
    start = p
    if core != "skip":
        at = len(text) - p  # text[p - 1] is reversed_text[at]
        head = lex.prefix.match(reversed_text, at, at + 48)
        # every part of the prefix is optional: it always matches, mostly empty
        if head is not None and head.end() > at:
            for g, found in head.groupdict().items():
                if found is not None:
                    a, b = head.start(g) - at, head.end(g) - at  # characters back from p
                    spans[g] = (p - b, p - a)
                    if g != "pre" and a < b:
                        start = min(start, p - b)  # "between"/"from" start only a range
        if core == "digits" and "cur" not in spans and p and (text[p - 1].isalpha() or text[p - 1] == "."):
            return None  # glued to a word: "G7", "mk5", "v2.1"
    return _Hit(text, spans, start, fraction)


def _no_hedge_here(text: str, hedge_start: int, key: str, lex: _Lexicon) -> bool:
    """Whether a hedge phrase is something else where it stands: a reporting verb after its subject
    ("police estimated 20,000", but "an estimated 20,000" and a headline's "Estimated 20,000" hedge), a
    comparison ("twice as many as five years ago"), or a phrasal verb's "up" ("edged up to 6.1%")."""
    word = _last_word(text, hedge_start).lower()
    if key.startswith("as "):
        return word in lex.comparing
    if key == "up to":
        return word in lex.up_to_verbs
    if key not in lex.verb_hedges:
        return False
    before = text[max(0, hedge_start - 40):hedge_start].rstrip()
    return bool(before) and before[-1] not in ".,;:!?(\"“" and word != "" and word not in lex.determiners


def find_numerals(text: str) -> list[Numeral]:
    """Every number as written, read on its own as Recognizers-Text's NumberModel reads it.

    Beyond the numbers find_quantities reads, the span takes a sign ("-4/5", "minus five"), a power
    ("1.1^23"), "X over Y" and "X out of Y", a decimal comma ("1,3") and digits joined to number words
    ("4 thousand 3 hundred and 21"). Dates, clock times and addresses give each digit run as a number
    (their rule); a number joined to letters that are no scale ("180ml", "4th", "1m") gives none.
    """
    lex = _lexicon()
    reversed_text = text[::-1]
    found = []
    pos = 0
    for p in _anchors(text, lex):
        if p < pos or (hit := _hit_at(text, p, lex, reversed_text)) is None:
            continue
        pos = p + 1
        if hit.group("skip") is not None:
            a, b = hit.start("skip"), hit.end("skip")
            found += [Numeral(d.start(), d.end(), float(d.group())) for d in _DIGIT_RUN.finditer(text, a, b)]
            pos = b
        elif (hit.group("digits") or hit.group("words")) and (n := _numeral(text, hit, lex)) is not None:
            found.append(n)
            pos = n.end
    return found


# A minus sign before a number, not a hyphen after a word or a number ("2000-2005", "5 - 10").
_SIGN_BEFORE = re.compile(r"(?:(?<![\w.,)\-−])(?<!\d\s)[-−]\s*|(?<![\w-])(?i:minus|negative)\s+)$")
_OVER = re.compile(r"\s+(?i:over|out\s+of)\s+")
_AND_THEN = re.compile(r"(?:\s+and)?\s+")
_DECIMAL_COMMA = re.compile(r",(\d{1,2})(?![\d,])")


def _numeral(text: str, hit: _Hit, lex: _Lexicon) -> Numeral | None:
    core = _read_core(text, hit, lex, bare=True)
    if core is None or text[core.end:core.end + 1].isalpha():
        return None  # "180ml", "4th", "1m", "sixfold": a unit, an ordinal or "fold" makes it no bare number
    if core.written and text[core.start:core.end].lower() == "one" and (
        _last_word(text, core.start).lower() in lex.determiners | lex.one_preceders
    ):
        return None  # "the one you mentioned", "which one"
    value, end = core.value, core.end
    over = _OVER.match(text, end)
    below = lex.second.match(text, over.end()) if over else None
    if below is not None and (below.group("digits") or below.group("words")) and not core.currency:
        denominator = _read_core(text, below, lex, bare=True)
        if denominator is not None and denominator.value:
            value, end = value / denominator.value, denominator.end
    elif core.plain and text[core.start - 1:core.start] != "," and (comma := _DECIMAL_COMMA.match(text, end)):
        value, end = float(f"{text[core.start:end]}.{comma.group(1)}"), comma.end()
    else:
        value, end = _compose(text, core, lex)
    start = core.start
    if (sign := _SIGN_BEFORE.search(text, max(0, start - 12), start)) is not None:
        start, value = sign.start(), -abs(value)
    return Numeral(start, end, value)


def _compose(text: str, core: _Core, lex: _Lexicon) -> tuple[float, int]:
    """Digits with a scale word and what follows: "4 thousand 3 hundred and 21", "3 million and a half"."""
    value, end = core.value, core.end
    scale = core.value / core.raw if core.scaled and not core.written and core.raw else 0.0
    while scale >= 100:
        gap = _AND_THEN.match(text, end)
        if gap is None:
            break
        written = _word_fraction(text, gap.end(), lex) if text[gap.end():gap.end() + 1].isalpha() else None
        if written is not None and written[2] and "and" in gap.group():
            return value + written[1] * scale, written[0]
        m = lex.second.match(text, gap.end())
        if m is None or not (m.group("digits") or m.group("words")):
            break
        part = _read_core(text, m, lex, bare=True)
        if part is None or not 0 < part.value < scale:
            break
        value, end = value + part.value, part.end
        scale = part.value / part.raw if part.scaled and part.raw else 1.0
    return value, end


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in order, with exact offsets and its interval (see module doc)."""
    lex = _lexicon()
    reversed_text = text[::-1]
    out: list[Quantity] = []
    pos = 0
    for p in _anchors(text, lex):
        if p < pos or (hit := _hit_at(text, p, lex, reversed_text)) is None:
            continue
        if hit.group("skip") is not None:
            pos = hit.end("skip")
            continue
        if p >= 2 and text[p - 1] in "-–/" and text[p - 2].isdigit() and hit.group("cur") is None:
            continue  # the tail of "2023-24" or "9/11" whose head was dropped
        q = _read_phrase(text, hit, lex, reversed_text)
        if isinstance(q, int):
            pos = q
            continue
        if q.unit and "|" in q.unit:
            q.unit = _shared_currency(q.unit, out)
        if out and (joined := _join_bounds(text, out[-1], q)) is not None:
            out[-1] = joined
            pos = joined.end
            continue
        if out and q.start - out[-1].end < 40:  # restatements follow close behind
            if _CONVERSION.fullmatch(text, out[-1].end, q.start):
                _inherit_bound(q, out[-1])
            elif q.change is None and (_RESTATED.fullmatch(text, out[-1].end, q.start)
                                       or _GAPPED.fullmatch(text, out[-1].end, q.start)):
                q.change = out[-1].change
            elif q.change is None and out[-1].change and _LEVEL_REACHED.fullmatch(text, out[-1].end, q.start):
                q.trend = out[-1].change
        out.append(q)
        pos = q.end
    return out


def _shared_currency(unit: str, earlier: list[Quantity]) -> str:
    """A currency word several currencies share ("crowns": SEK|NOK|DKK|CZK in currencies.csv) is the one
    of them the text named last ("410 million Swedish crowns ... 1.2 billion crowns"), else the first."""
    codes = unit.split()[0]
    options = codes.split("|")
    named = next((q.unit.split()[0] for q in reversed(earlier) if q.unit and q.unit.split()[0] in options),
                 options[0])
    return unit.replace(codes, named, 1)


# "more than 100 kilometres (60 miles)", "under 296 hp (224 kW / 300 PS)": the same figure restated
_CONVERSION = re.compile(r"\s*[(/]\s*")
# "lost 190 points, or 0.6%", "grew by 125,600 jobs or 2.2 per cent": the same change restated
_RESTATED = re.compile(r"(?:\s+[a-z]+){0,2},?\s+or\s+")
# "Ross was down 2.3%, Burlington by 2.6%": a second subject with the verb left out takes the same change
_GAPPED = re.compile(r",?\s+(?:and\s+)?(?:the\s+)?(?:[A-Z0-9][\w&.'’-]*\s+){1,4}by\s+")


# "rose 8.1 percent to 99.20 yuan", "ended down 1% at 1,463.78", "lost 1.1% to end at 1,334.20": a change,
# then the level it reached
_LEVEL_REACHED = re.compile(r"\s+(?:to|at)\s+(?:(?:end|close|finish|settle)\s+at\s+)?")


def _inherit_bound(q: Quantity, previous: Quantity) -> None:
    """A conversion in brackets carries the change and the hedge of the figure it restates."""
    q.change = q.change or previous.change
    if q.qualifier != "exact" or previous.qualifier in ("exact", "range", "vague") or q.value is None:
        return
    q.qualifier = previous.qualifier
    if previous.low is not None:
        q.low = q.value
    if previous.high is not None:
        q.high = q.value


def _read_phrase(text: str, m: _Hit, lex: _Lexicon, reversed_text: str) -> Quantity | int:
    """The quantity starting at a numeral match; an int is where to resume when it is not one.
    `reversed_text` is text[::-1], where what precedes the phrase is read leftwards (40 characters)."""
    qualifier = "exact"
    sets_high = False
    start = m.phrase_start
    if hedge := m.group("hedge"):
        key = _key(hedge.lower())
        if _no_hedge_here(text, m.start("hedge"), key, lex):
            start = min(a for g, (a, b) in m.spans() if g not in ("hedge", "pre") and a < b)
        else:
            qualifier, sets_high = lex.hedges[key]
    if (sign := m.group("sign")) and not m.group("cur") and m.group("digits") is None and sign[0] in "+-−":
        # "-two", "-a decade": a hyphen, not a minus
        start = m.start(next(g for g in ("words", "vague", "a_duration", "a_unit") if m.group(g)))

    if m.group("a_duration"):
        return _a_duration(text, m, start, qualifier, sets_high, lex)
    if m.group("a_unit"):
        return _a_unit(text, m, start, qualifier, sets_high, lex)
    if vague := m.group("vague"):
        floor, ceiling = lex.vague[_key(vague.lower())]
        end = m.end("vague")
        kind, unit = "count", None
        core = _Core(m.start("vague"), end, floor, scaled=True, plain=False)
        _read_unit(text, core, lex)
        if core.kind == "money":
            kind, unit, end = "money", core.currency, core.end
        return Quantity(start, end, text[start:end], None, floor, ceiling, "vague", kind, unit)

    first = _read_core(text, m, lex)
    back = len(text) - start  # reversed_text[back] is text[start - 1]
    if first is None:
        return m.end("digits" if m.group("digits") else "words")
    if _is_code(text, m, first, lex):
        return first.end
    _read_ratio(text, first, lex)
    dated = lex.month_before.match(reversed_text, back, back + 40) if first.plain else None
    if first.plain and first.value <= 2100 and (
        (dated and (dated.group("day") is None or first.value >= 1000))  # not "As of June 30, 40 people"
        or (first.value <= 31 and lex.month_after.match(text, first.end))
    ):
        return first.end  # "October 3", "3 October", "October 2024", "June 30, 2024"
    if _is_clock_time(text, first):
        return first.end
    _read_unit(text, first, lex)
    _read_fraction_unit(text, first, lex)
    if first.unit is None and first.currency is None and not first.written \
            and (before := lex.unit_before.match(reversed_text, back, back + 40)):
        first.kind, first.unit = lex.units[before.group("u")[::-1].lower()]  # "magnitude 6.8"
        start -= before.end() - back
        back = before.end()
    change_word = lex.change_before.match(reversed_text, back, back + 40) or (
        lex.change_by_before.match(reversed_text, back, back + 40)
        if "yb" in reversed_text[back:back + 4] else None)  # "… by 4.99%"
    last = None
    if (qualifier == "exact" or _has_era(text, first)) and _is_year(first, text, lex) \
            and not _counts_not_years(text, first, lex):  # "around 300 BC" too; "cut 2000 jobs" no year
        if not _has_era(text, first):
            last = _read_range_end(text, m, first, change_word, qualifier, lex)
        dashed = last is not None and text[first.end:last.start].strip() in ("-", "–", "—")
        # "2000 - 2500 Calories" is a range of calories, "2019 to 5%" no range
        if not (dashed and last is not None and last.unit):
            year_span = _YEAR_SPAN.match(text, first.end, first.end + 5)
            return year_span.end() if year_span else first.end  # "in 1998", "2023-24"
    last = last or _read_range_end(text, m, first, change_word, qualifier, lex) or first
    if last is not first:
        if _is_score(text, first, last) or (last.plain and lex.address_after.match(text, last.end)):
            return last.end  # "won 2-1", "16-18 Industrial Avenue"
        qualifier = "range"
        if m.group("pre"):
            start = m.start("pre")
    end = last.end
    # "-fold" and what makes no quantity ("22nd") are glued to the number: most figures have a space after
    glued = last is first and first.unit is None and not text[end:end + 1].isspace()
    fold = _FOLD.match(text, end) if glued and first.currency is None else None
    if fold is not None:
        first.kind, end = "multiplier", fold.end()  # "grew sixfold", "a 10-fold rise", "2.5-fold"
    elif glued and lex.not_quantity_after.match(text, end):
        return end  # "22nd", "1990s", "5G", "two-thirds"
    elif last is first and _is_compound_modifier(text, first, lex):
        return end  # "a three-bed flat", "a six-speed gearbox"

    kind, unit = first.kind or ("fraction" if first.fraction else "count"), first.unit
    if first.currency:
        kind, unit = "money", first.currency
    # age: "aged 21", "21-year-old", "21 years old", "Jamie Armstrong, 25, was jailed"
    a = lex.age_after.match(text, last.num_end) \
        if _first_after_space(text, last.num_end) in lex.age_after_starts else None
    after_name = kind == "count" and last is first and qualifier == "exact" and text[start - 2:start] == ", "
    if a:
        kind, unit, end = "age", "year", a.end()
    elif (first.kind in (None, "duration") and _age_before(text, m, start, lex, reversed_text)) or (
            after_name and _age_after_name(text, start, first, lex)):
        kind, unit = "age", "year"
    if kind == "money" and last is first and (minor := _read_minor_units(text, first, lex)) is not None:
        first.value += minor[0]
        end = minor[1]
    if last is first and kind == "count" and text[end + 1:end + 2] in ("t", "T") \
            and (times := lex.times_after.match(text, end)):
        kind, end = "multiplier", times.end("times")  # "four times the number", "6.5 times earnings"
    if last is first and first.kind == "duration":
        a2 = _OLD_AFTER.match(text, end, end + 10)
        if a2:
            kind, unit, end = "age", "year", a2.end()

    if kind == "duration" and qualifier != "exact" and _over_means_across(text, m, start, end, lex):
        qualifier, start = "exact", m.start("digits" if m.group("digits") else "words")
    # suffix hedge: "10,000 or more", "40-plus", "40+", "more than 5,000 or equal to"
    number_end = last.num_end
    h = lex.hedge_after.match(text, end) if _first_after_space(text, end) in lex.hedge_after_starts else None
    if h and not _number_at(text, h.end(), lex):
        suffix, suffix_high = lex.hedges[_key(h.group().strip().lower())]
        if (joined := _with_suffix(qualifier, suffix)) is not None:
            if qualifier == "approx" and joined != "approx":  # "about 500 or more": the bound is the claim
                start = next(m.start(g) for g in ("sign", "cur", "sign2", "digits", "words") if m.group(g))
            qualifier, sets_high = joined, suffix_high
            number_end = h.end() if end == number_end else number_end
            end = h.end()
    bounds = "[]" if qualifier == "exact" and m.group("hedge") else None  # "equal to 20"

    # rate: "92 soldiers a day", "$5 an hour", "286 gigatonnes annually"
    if kind in ("count", "money", "measurement"):
        r = lex.rate_after.match(text, end)
        if r and (kind == "count" and r.group("p") or not r.group("noun")):
            period = lex.periods[(r.group("p") or r.group("adv")).lower()]
            unit = f"{unit} per {period}" if unit else f"per {period}"
            kind, end = "rate", r.end()
        elif kind == "count" and " per " in text[end:end + 40] and (b := lex.per_head.match(text, end)):
            # "25 deaths per 100,000 people", "a murder rate of 5.7 per 100,000": a rate per head
            base = _BASE_WORDS.get(b.group("base").lower()) or b.group("base").replace(",", "")
            unit = f"per {int(base):,} {' '.join((b.group('pop') or 'people').split())}"
            kind, end = "rate", b.end()

    value = first.value
    low: float | None = None
    high: float | None = None
    if last is not first:
        lo, hi = sorted((first.value, last.value))
        if _looks_like_years(first, last) and kind == "count":
            return end
        value, low, high = lo / 2 + hi / 2, lo, hi  # not (lo + hi) / 2, which overflows near 1e308
    elif qualifier in _LOWER_BOUND:
        low = value
    elif qualifier in _UPPER_BOUND or sets_high:
        high = value

    if last is first and _is_referential(text, start, first, qualifier, lex):
        return first.end
    if last is first and kind == "count" and qualifier == "exact" and _is_identifier(text, start, first, lex):
        return first.end

    change = trend = None
    sign = m.group("sign") or ""
    if kind in ("duration", "age"):
        pass
    elif change_word and LEVEL_PASSED.match(text, start):
        trend = lex.change_words[change_word.group("w")[::-1].lower()]  # "has risen above 1,100": a level
    elif change_word:
        change = lex.change_words[change_word.group("w")[::-1].lower()]
    elif sign.startswith("+"):
        change = "up"
    elif sign[:1] in "-−" and sign and kind == "percent":
        change = "down"
    else:
        ca = lex.change_after.match(text, end)
        if ca and kind in ("percent", "money", "count", "measurement"):
            change = lex.change_words[ca.group("w").lower()]
        elif (t := lex.trend_before.match(reversed_text, back, back + 40)) and (
                t.group("to") or qualifier == "range"):
            trend = lex.change_words[t.group("w")[::-1].lower()]  # "up from 5,000" alone is no level reached
    return Quantity(
        start, end, text[start:end], value, low, high, qualifier, kind, unit, change, bounds, number_end,
        trend,
    )


# "has risen above 1,100", "fell below 2%": a level passed, not the size of a move ("rose more than 5%" is).
LEVEL_PASSED = re.compile(r"(?i:above|below|past|beyond)\s")
_FOLD = re.compile(r"-?(?i:fold)\b")
_OLD_AFTER = re.compile(r"\s+(?:old|of\s+age)\b")  # "six years old": an age (read within 10 characters)
_YEAR_SPAN = re.compile(r"[-–/]\d{2,4}\b")  # "2023-24" (read within 5 characters)
_BASE_WORDS = {"million": "1000000", "thousand": "1000"}


def _with_suffix(qualifier: str, suffix: str) -> str | None:
    """The qualifier a suffix hedge makes, None when it does not apply: "500 or more", "about 500 or more"
    and "equal to 500 or more" are at least 500; so is "more than 500 or equal to"."""
    if qualifier in ("exact", "approx") and suffix != "exact":
        return suffix
    if suffix == "exact" and qualifier in ("more_than", "less_than"):
        return "at_least" if qualifier == "more_than" else "at_most"
    return None


_SPACES = re.compile(r"\s*")


def number_at(text: str, pos: int) -> bool:
    """Whether a figure starts at text[pos], after spaces and a hedge: digits, number words ("half a
    million") or a vague amount ("tens of thousands"), for readers that must tell a figure from words."""
    lex = _lexicon()
    if _number_at(text, pos, lex):
        return True
    if spaces := _SPACES.match(text, pos):  # optional: it always matches
        pos = spaces.end()
    ahead = text[pos:pos + 30].lower()
    return any(ahead.startswith(phrase) and not ahead[len(phrase):len(phrase) + 1].isalpha()
               for phrase in lex.vague)


def _number_at(text: str, pos: int, lex: _Lexicon) -> bool:
    """Whether a number starts at pos, after spaces and a hedge: "or less than 6,000" is no suffix hedge
    but a bound, "£58m plus up to £7m" a sum."""
    if spaces := _SPACES.match(text, pos):  # optional: it always matches
        pos = spaces.end()
    if hedge := lex.hedge_ahead.match(text, pos):
        pos = hedge.end()
    m = lex.second.match(text, pos)
    return m is not None and (m.group("digits") or m.group("words")) is not None


# "more than 100 and less than 300", "at most 100, at least 20": two opposite bounds make one range
_BOUND_JOIN = re.compile(r"\s*,\s*(?:(?:and|but)\s+)?|\s+(?:and|but)\s+")


def _join_bounds(text: str, a: Quantity, b: Quantity) -> Quantity | None:
    """One range from a lower and an upper bound joined by "and", "but" or a comma, when the interval
    is not empty ("more than 40 and less than 10" stays two). `bounds` keeps which ends are open."""
    lower, upper = (a, b) if a.qualifier in _LOWER_BOUND else (b, a)
    if lower.qualifier not in _LOWER_BOUND or upper.qualifier not in _UPPER_BOUND or a.kind != b.kind:
        return None
    if lower.value is None or upper.value is None or not lower.value < upper.value:
        return None
    if not _BOUND_JOIN.fullmatch(text, a.end, b.start):
        return None
    low, high = lower.value, upper.value
    opening = "(" if lower.qualifier == "more_than" else "["
    bounds = opening + (")" if upper.qualifier == "less_than" else "]")
    return Quantity(a.start, b.end, text[a.start:b.end], low / 2 + high / 2, low, high, "range", a.kind,
                    a.unit or b.unit, a.change or b.change, bounds, b.number_end)


def _a_duration(
    text: str, m: _Hit, start: int, qualifier: str, sets_high: bool, lex: _Lexicon
) -> Quantity | int:
    """ "more than a decade" (10 years), "nearly a year"; a bare "a year" is no claim."""
    end = m.end("a_duration")
    if qualifier == "exact" or _over_means_across(text, m, start, end, lex):
        return end
    value, unit = lex.a_durations[(m.group("a_duration") or "").split()[-1].lower()]
    low = value if qualifier in _LOWER_BOUND else None
    high = value if qualifier in _UPPER_BOUND or sets_high else None
    return Quantity(start, end, text[start:end], value, low, high, qualifier, "duration", unit)


# A figure in money later in the sentence makes "a barrel" the base of a price ("a barrel of Brent cost $80")
_MONEY_AHEAD = re.compile(r"[^.;!?\n]{0,80}?(?:[$£€¥]\s*\d|\d\s*(?:p|c)\b)")


def _a_unit(
    text: str, m: _Hit, start: int, qualifier: str, sets_high: bool, lex: _Lexicon
) -> Quantity | int:
    """ "nearly a mile", "less than a dollar a day", and bare where it names an amount: "a gallon of beer",
    "A kibibyte is 8,192 bits", "a penny!" (before "of", "is" or the end of a clause). Bare, it is no claim
    as the base of a price: after a figure or "of" ("$139 a barrel", "the price of a litre") or with money
    later in the sentence."""
    end = m.end("a_unit")
    word = _key(m.group("a_unit") or "").split(" ", 1)[1].lower()
    if qualifier == "exact":
        before = text[max(0, start - 20):start].split()
        if (word in lex.a_unit_not_alone or lex.a_unit_followers.match(text, end) is None
                or any(c.isdigit() for w in before[-2:] for c in w)
                or _last_word(text, start).lower() in lex.a_unit_not_after or _MONEY_AHEAD.match(text, end)):
            return end
    kind, unit = lex.a_units[word]
    r = lex.rate_after.match(text, end)
    if r and not r.group("noun"):
        unit = f"{unit} per {lex.periods[(r.group('p') or r.group('adv')).lower()]}"
        kind, end = "rate", r.end()
    low = 1.0 if qualifier in _LOWER_BOUND else None
    high = 1.0 if qualifier in _UPPER_BOUND or sets_high else None
    return Quantity(start, end, text[start:end], 1.0, low, high, qualifier, kind, unit)


def _read_range_end(
    text: str, m: _Hit, first: _Core, change_word: re.Match[str] | None, qualifier: str, lex: _Lexicon
) -> _Core | None:
    """A range's second end: "10,000 to 12,000", "between 11,000 and 12,000", "10 to 12 million".

    "and" needs "between" before; after a change verb, "rose 5 to 7" is a range only with "by" or a
    unit on the second end alone ("dropped by 1 to 1.5 degrees"), since "rose 5% to 84" is a level.
    """
    if qualifier not in ("exact", "approx"):
        return None
    pre = (m.group("pre") or "").lower()
    connector = lex.connector.match(text, first.end) \
        if _first_after_space(text, first.end) in lex.connector_starts else None
    per = _PER_UNIT.match(text, first.end) if not connector and pre else None
    if per:  # "from $350 per kg to $680 per kg": the unit is written with both ends
        connector = lex.connector.match(text, per.end())
    when = lex.time_said.match(text, first.end) if not connector and pre == "from" else None
    if when:  # "from 20 mpg in 2008 to 29 mpg in 2020"
        connector = lex.connector.match(text, when.end())
    if not connector:
        return None
    c = " ".join(connector.group("c").replace("-", " ").split()).lower()  # "- to", "-to-" read as "to"
    if c == "and" and pre != "between" or c.startswith("up") and pre != "from" or when and c != "to":
        return None  # "between 5 and 7", "from 450 up to 900"
    m2 = lex.second.match(text, connector.end())
    if not m2 or not (m2.group("digits") or m2.group("words")):
        return None
    second = _read_core(text, m2, lex)
    if second is None or _is_clock_time(text, second):
        return None  # "between 2 and 4 pm" is no range of picometres
    _read_unit(text, second, lex)
    if per and not text.startswith(per.group(), second.end):
        return None  # the rate after the second end is read as the phrase's own ("$10 an hour")
    if second.unit is None and lex.not_quantity_after.match(text, second.end):
        return None
    by_change = (change_word.group("by") or "").startswith("yb") if change_word else False
    if c == "to" and change_word and pre != "from" and not by_change and (first.unit or not second.unit):
        return None
    far_apart = abs(second.value) > 10 * abs(first.value)
    if c == "to" and by_change and (first.unit or first.currency or far_apart):
        return None  # "rose by $43.6 billion to $419.2 billion": a change, then the level reached
    if c == "or" and (qualifier != "exact" or not _alternatives(first, second)):
        return None
    if pre == "from" and first.unit and not second.unit:
        second.kind, second.unit, second.currency = first.kind, first.unit, second.currency or first.currency
    if not _compatible(first, second):
        return None
    if second.scaled and not first.scaled and not first.unit and second.raw:
        mult = second.value / second.raw
        if abs(first.value * mult) <= abs(second.value):
            first.value *= mult
    first.currency = first.currency or second.currency
    first.kind, first.unit = first.kind or second.kind, first.unit or second.unit
    return second


_PER_UNIT = re.compile(r"\s+(?:per|an?)\s+[A-Za-z]+")


def _alternatives(first: _Core, second: _Core) -> bool:
    """ "three or four years", "10 or 12": two close guesses written alike. Not "5,000 or 2%", nor
    prices ("eight or nine euros", "8 or $9"), which news usually means as two separate figures."""
    if first.written != second.written or first.unit or first.currency or second.currency:
        return False
    a, b = first.raw or first.value, second.raw or second.value
    return 0 < a < b <= 3 * a


def _compatible(first: _Core, second: _Core) -> bool:
    """Two ends form a range when they measure the same thing ("5% to $84" does not)."""
    if first.unit and not second.unit:
        return False
    if first.kind and second.kind and first.unit != second.unit:
        return False
    return not (first.currency and second.currency and first.currency != second.currency)


def _age_before(text: str, m: _Hit, start: int, lex: _Lexicon, reversed_text: str) -> bool:
    """ "aged 21", "aged over 80", "ages 18 to 34", "under the age of 5" (a hedge that names the age);
    the 20 characters before start are read leftwards in reversed_text (text[::-1])."""
    if (hedge := m.group("hedge")) and lex.age_hedge.search(_key(hedge)):
        return True
    back = len(text) - start
    return lex.age_before.match(reversed_text, back, back + 20) is not None


# Before a number: a person's name of two or more capitalised words ("Tyrell Grant", "John F. Kelly"),
# then a comma; after it: a comma, a full stop, a bracket or "and"/"or".
_NAME_COMMA = re.compile(r"((?:[A-Z][\w'’-]*\.?\s+)+[A-Z][\w'’-]*[a-z]),\s$")
_AGE_END = re.compile(r"\s*(?:[,;)]|\.(?!\d)|$)|\s+(?:and|or)\b")


def _age_after_name(text: str, start: int, core: _Core, lex: _Lexicon) -> bool:
    """ "Jamie Armstrong, 25, and Callum Reid, 31, were jailed": a whole number set off by commas after
    a person's name is an age."""
    if not (core.plain and core.value.is_integer() and 0 < core.value <= lex.age_name_max) \
            or _AGE_END.match(text, core.end) is None:  # (the caller checked the ", " before it)
        return False
    name = _NAME_COMMA.search(text, max(0, start - 60), start)
    return name is not None and not any(w.rstrip(".").lower() in lex.not_names for w in name.group(1).split())


def _over_means_across(text: str, m: _Hit, start: int, end: int, lex: _Lexicon) -> bool:
    """ "pledged €50bn over four years" spreads the money across the years; "lasted over four years" and
    "over two years ago" bound the duration."""
    hedge = m.group("hedge")
    return (
        hedge is not None and hedge.lower() in lex.across_hedges
        and _last_word(text, start).lower() not in lex.across_not_after
        and lex.across_not_before.match(text, end) is None
    )


def _is_code(text: str, m: _Hit, core: _Core, lex: _Lexicon) -> bool:
    """Digits that label rather than count: "0401 GMT", "007", "F-16", "SCP-173C", and "PS5" (a console,
    while "PS6m" is £6m)."""
    digits = m.group("digits") or ""
    if len(digits) > 1 and digits[0] == "0" and digits.isdigit():
        return True
    if digits and core.start >= 2 and text[core.start - 1] == "-" and text[core.start - 2].isupper():
        return True
    currency = m.group("cur")
    return currency is not None and _key(currency) in lex.amount_only_currencies and core.plain


def _is_score(text: str, first: _Core, last: _Core) -> bool:
    """ "won 2-1", "drew 2-2", "ISO 3888-2": digits joined by a bare dash, the second not above the first.
    Ranges are written low to high ("10-12"), so this is a score or a code, not a quantity."""
    joined = text[first.end:last.start] in ("-", "–")
    return joined and first.plain and last.plain and first.unit is None and last.value <= first.value


def _is_compound_modifier(text: str, core: _Core, lex: _Lexicon) -> bool:
    """A number word hyphenated to a noun it modifies: "a three-bed flat", "a six-speed gearbox" count
    nothing. Hyphenated to a unit it stays a quantity: "a 12-mile route", "a two-year maintenance period"
    (the period lasts two years), "a 10-day trip"."""
    if text[core.num_end:core.num_end + 1] != "-" or lex.hedge_after.match(text, core.num_end):
        return False
    return core.unit is None and core.written and text[core.num_end + 1:core.num_end + 2].islower()


def _looks_like_years(first: _Core, last: _Core) -> bool:
    return all(c.plain and 1000 <= c.value <= 2100 and c.unit is None for c in (first, last))


_WORD_AFTER = re.compile(r"[\s,]*([A-Za-z]*)")  # read within 20 characters: "one of", "one, two"


def _is_referential(text: str, start: int, core: _Core, qualifier: str, lex: _Lexicon) -> bool:
    """Small number words that name things rather than count them: "the two leaders", "one of"."""
    if not core.written or core.currency or core.scaled or qualifier != "exact":
        return False
    hyphened_unit = core.unit is not None and text[core.num_end:core.num_end + 1] == "-"  # "a one-day strike"
    if core.value == 1 and not hyphened_unit:
        nxt = _WORD_AFTER.match(text, core.num_end, core.num_end + 20)
        if nxt is None or nxt.group(1).lower() in lex.one_followers or nxt.group(1) == "":
            return True  # "one of the", "one day", "the one"
        if _last_word(text, start).lower() in lex.one_preceders:
            return True  # "which one do you want"
    if core.unit or core.value > lex.referential_max:
        return False
    return _last_word(text, start).lower() in lex.determiners


def _is_identifier(text: str, start: int, core: _Core, lex: _Lexicon) -> bool:
    """Numbers that are part of a name: "COVID-19", "Section 427", "Apple Watch 5", "No. 10", "exit 436"."""
    if not core.plain:
        return False
    if _last_word(text, start).lower() in lex.label_words or lex.address_after.match(text, core.end):
        return True
    if lex.label_after.match(text, core.end):
        return True  # "the 90049 ZIP code"
    if text[start - 1:start] == "(" and text[core.end:core.end + 1] == ")":
        return True  # "Dak Prescott (4)", footnote and list markers: a bare number alone in brackets
    back = text[max(0, start - 30):start][::-1]
    return _NAME_BEFORE.match(back) is not None and _SENTENCE_START_BEFORE.match(back) is None \
        and _TOLD_NAME_BEFORE.match(back) is None


# Read backwards from a number: a name part ("COVID-", "#", "No.", "iPhone ", "Section ") ...
_NAME_BEFORE = re.compile(r"-[A-Za-z]|#|\s*\.oN(?!\w)|\s\w*[A-Z][a-z]+(?!\w)|\s[\w&]*[A-Z](?![\w&])")
# ... unless that capitalised word merely starts the sentence ("Nearly", "In 10 years"); a name with "&" is
# one there too ("S&P 500 futures rose"); nor the one told ("told Reuters 30 had died", "told the BBC 300").
_TOLD_NAME_BEFORE = re.compile(r"\s[\w&.]+\s+(?:eht\s+)?(?:dlot|sllet|gnillet)\b")
_SENTENCE_START_BEFORE = re.compile(r"\s\w*[A-Z](?:\s*[.!?\"“]|$)")
