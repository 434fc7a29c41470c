"""Find number phrases in text: where they are, their value and bounds, and what sort they are.

`find_quantities(text)` returns every quantity with exact offsets (text[q.start:q.end] == q.surface,
the surface including its hedge word: "nearly 10,000") and value/low/high/qualifier per the qualifier
table of DESIGN.md. It works in two layers:

1. numerals: one precompiled regex finds each number core (digits, number words, vague counts like
   "tens of thousands") together with any hedge word and currency sign written before it;
2. phrases: a few anchored regexes read what follows (scale word, a range's second end, unit, suffix
   hedge, rate period) and what precedes (change verb, "aged", month name, determiner), then drop what
   is not a quantity: dates, years, clock times, ordinals, identifiers ("G7", "Section 427", "exit 436",
   "F-16", house numbers), sports scores ("won 2-1"), numbers hyphenated to the noun they modify ("a
   three-bed flat", "a five-year plan") and referential small numbers ("the two countries").

Choices worth knowing:
- "rose by 5,000", "fell 3%", "up 19 per cent", "a 5% increase" report a change (change = up/down);
  "rose to 5,000" and "up from 5,000" report a level (change None).
- "from X to Y" and "X to Y" are ranges, except "X% to Y" (a change, then a level) and years.
- Multipliers and fractions ("twice", "three times", "a third", "half of") are not quantities: they are
  proportions of something else, not counts. "half a million" is a count (500,000).
- Cents and pence keep the written value with the minor-unit code (USX, GBX): "19 cents" is 19 USX;
  after a whole amount they join it: "4 dollars 75 cents" is 4.75 USD.
- "one of the soldiers" counts one; "one day", "that one" and "one can" are not counts.
- "over four years" after a verb of doing spreads across the years (exact); "lasted over four years" and
  "over four years ago" bound the duration. "more than a decade" is more than 10 years.
- "5m" is five million after a currency sign and five metres otherwise.

Everything word-like comes from data/lexicon/ (loaded once); this module holds only the grammar.
"""
from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flows.model import Quantity

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon"

_SPACE = "[ \u00a0\u202f\u2009]"  # normal, no-break, narrow no-break and thin space
# Exactly what \s matches, spelled out: re tests a set of characters faster than the \s category.
_WHITESPACE = "\t-\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_UPPER_BOUND = ("at_most", "less_than")
_LOWER_BOUND = ("at_least", "more_than")


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
    second: re.Pattern[str]
    prefix: re.Pattern[str]
    word_anchor: re.Pattern[str]
    scale_after: re.Pattern[str]
    connector: re.Pattern[str]
    unit_after: re.Pattern[str]
    age_after: re.Pattern[str]
    hedge_after: re.Pattern[str]
    rate_after: re.Pattern[str]
    change_before: re.Pattern[str]
    change_after: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    age_before: re.Pattern[str]
    age_hedge: re.Pattern[str]
    not_quantity_after: re.Pattern[str]
    words: dict[str, float]
    multipliers: dict[str, float]
    fractions: dict[str, float]
    scales: dict[str, tuple[float, bool]]  # surface -> (multiplier, needs a currency)
    hedges: dict[str, tuple[str, bool]]  # lower-cased phrase -> (qualifier, sets high)
    vague: dict[str, tuple[float, float]]
    a_durations: dict[str, tuple[float, str]]  # "decade" -> (10, "year")
    currencies: dict[str, str]
    amount_only_currencies: frozenset[str]  # "PS6m" is money, "PS5" a console
    units: dict[str, tuple[str, str]]  # surface -> (kind, unit)
    periods: dict[str, str]
    change_words: dict[str, str | None]  # None: a phrasal verb that is no change ("gave up")
    year_preceders: frozenset[str]
    label_words: frozenset[str]
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
    word_start = r"(?![A-Za-z])"
    return _phrase_trie([
        (w[::-1], ignore_case and w == w.lower(), word_start if w[0].isalpha() else "") for w in set(phrases)
    ])


def _trie(words: list[str]) -> str:
    """An alternation of words factored by common prefixes; much faster to scan than a flat list."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")" if len(alts) > 1 else alts[0]
        if "" in node:
            return f"(?:{body})?"
        return body

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

    word_alt = _alternation(list(words) + list(multipliers))
    frac_alt = _alternation(list(fractions))
    mult_alt = _alternation(list(multipliers))
    # "one hundred and six", "twenty-one", "a dozen", "half a million", "two point five"
    number_words = (
        rf"(?:(?:(?i:{frac_alt})\s+)?(?i:an?)\s+(?=(?:{mult_alt})\b)|(?i:{frac_alt})\s+(?=(?:{mult_alt})\b))?"
        rf"(?:{word_alt})(?:(?:\s*-\s*|\s+(?i:and|point)\s+|\s+)(?:{word_alt})\b)*"
    )
    vague_alts = []
    for r in _rows("vague.csv"):
        p = re.escape(r["phrase"]).replace(r"\ ", r"\s+")
        vague_alts.append(f"(?i:{p})" + (r"(?=\s+of\b)" if r["needs_of"] == "true" else ""))
    vague_alt = "|".join(sorted(vague_alts, key=len, reverse=True))
    before_currencies = [r["surface"] for r in currency_rows if r["position"].startswith("before")]
    before_hedges = [r["phrase"] for r in hedge_rows if r["position"] == "before"]
    digits = (
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,\d)"
        rf"|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?![\d,])(?:\.\d+)?"
        r"|\d+(?:\.\d+)?(?:[eE][-+]?\d+\b)?|\.\d+"
    )
    skip = (
        r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?"  # ISO dates and timestamps
        r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"  # 19/11/2024, 5.17.2018
        r"|\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*(?i:a\.?m\.?|p\.?m\.?)\b)?"  # clock times, lap times
        r"|\+?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\+\d{1,3}(?:[-. ]\d{2,4}){2,4}\b"  # phone numbers
        r"|24/7"
    )
    cur_alt = _alternation(before_currencies, ignore_case=False)
    # Each branch first checks the kind of character it needs, so a digit skips the word lists at once.
    cores = (
        rf"(?:(?P<skip>(?=[\d+(])(?:{skip}))"
        rf"|(?P<vague>(?=[A-Za-z])(?:{vague_alt})\b)"
        rf"|(?P<digits>(?:{digits}))"
        rf"|(?P<words>(?=[A-Za-z]){number_words}\b)"
        rf"|(?P<a_duration>(?i:an?)\s+(?i:{_alternation(list(toml['a_duration']))})\b))"
    )
    # The core at an anchor; what precedes it (hedge, currency, sign) is read backwards by `prefix`,
    # a regex over the reversed text before the anchor, so each is one anchored match, not a search.
    core = re.compile(cores)
    second = re.compile(rf"(?:(?P<cur>{cur_alt}){_SPACE}?)?(?P<sign2>[-−](?=\d))?(?P<sign>(?!))?{cores}")
    prefix = re.compile(
        rf"(?:(?P<sign2>[-−])?{_SPACE}?(?P<cur>{_reversed(before_currencies, ignore_case=False)}))?"
        r"(?P<sign>[-−+](?![\w.,])|[\s-]+(?i:sunim|evitagen)(?![A-Za-z]))?"
        rf"(?:\s*(?P<hedge>{_reversed(before_hedges)}))?"
        r"(?:\s+(?P<pre>(?i:neewteb|morf))(?![A-Za-z]))?"
    )
    anchor_words = list(words) + list(multipliers) + list(fractions) + [
        r["phrase"].split()[0] for r in _rows("vague.csv") if not r["phrase"].startswith("a ")] + [
        f"a {w}" for w in list(multipliers) + ["few", "handful"]] + [f"an {w}" for w in multipliers]
    anchor_words += [f"a {w}" for w in toml["a_duration"]] + ["an hour"]
    anchor_words += [w[0].upper() + w[1:] for w in anchor_words]
    # The lookahead on first letters rejects most of the ~1,000 spaces in an article before the trie runs.
    first_letters = re.escape("".join(sorted({w[0] for w in anchor_words})))
    word_anchor = re.compile(rf"[{_WHITESPACE}(\"“'‘-](?=[{first_letters}]){_trie(anchor_words)}")
    scale_words = [s for s in scales if len(s) > 3]
    scale_abbrevs = [s for s in scales if len(s) <= 3 and not s.startswith("doz")]
    scale_after = re.compile(
        rf"(?:\s+|-)(?P<w>{_alternation(scale_words)})\b"
        rf"|(?P<sp>{_SPACE})?(?P<a>{_alternation(scale_abbrevs, ignore_case=False)})(?![\w$£€]|\.\w)"
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
    hedge_after = re.compile(
        r"\s*(?:" + "|".join(
            re.escape(r["phrase"]).replace(r"\ ", r"\s+") + (r"\b" if r["phrase"][-1].isalpha() else "")
            for r in sorted(hedge_rows, key=lambda r: -len(r["phrase"])) if r["position"] == "after"
        ) + ")", re.I)
    linker = "|".join(re.escape(x) for x in rate["linkers"] if x != "/")
    rate_after = re.compile(
        rf"(?P<noun>(?:\s+[a-z][a-z-]+){{0,2}}?)(?:\s+(?:{linker})\s+|\s*/\s*)"
        rf"(?P<p>{'|'.join(rate['periods'])})\b|\s+(?P<adv>{'|'.join(rate['adverbs'])})\b",
        re.I,
    )
    change_before = re.compile(
        # "by" may follow the verb's object: "raise prices by 3%", "grow its sales by 35 per cent"
        r"\s+(?P<by>yb(?:\s+[a-z'’]+){1,4}?\s+|(?:yb|tuoba|dnuora|ylhguor|ylraen|tsomla|rehtona|rehtruf\s+a)\s+)?"
        rf"(?P<w>{_reversed([r['word'] for r in change_rows if r['position'] == 'before'])})"
    )
    after_words = [r["word"] for r in change_rows if r["position"] == "after"]
    change_after = re.compile(rf"\s+(?:[a-z]+-)?(?P<w>{_alternation(after_words)})\b")
    months = _alternation(calendar["months"])
    return _Lexicon(
        core=core,
        second=second,
        prefix=prefix,
        word_anchor=word_anchor,
        scale_after=scale_after,
        connector=re.compile(
            r"(?P<c>\s*-to-\s*|\s*(?:–|—|~)\s*|-\s+(?i:to)\s+|-|\s+-\s+|\s+(?i:to|and|through|or|up\s+to)\s+)"
        ),
        unit_after=unit_after,
        age_after=age_after,
        hedge_after=hedge_after,
        rate_after=rate_after,
        change_before=change_before,
        change_after=change_after,
        month_before=re.compile(rf"\s+(?:,?(?:ts|dn|dr|ht)?\d{{1,2}}\s+)?\.?(?:{_reversed(calendar['months'])})"),
        month_after=re.compile(rf"(?:st|nd|rd|th)?\s+(?:(?i:of)\s+)?(?:{months})\b"),
        age_before=age_before,
        age_hedge=re.compile("|".join(re.escape(h) + "$" for h in age["hedge_ends"]), re.I),
        not_quantity_after=re.compile(
            r"(?:st|nd|rd|th)\b|'?s\b|\s*(?i:a\.m\.|p\.m\.|am\b|pm\b)|[-–/]\d{2}\b(?!\s*%)|[A-Za-z]|\d"
        ),
        words=words,
        multipliers=multipliers,
        fractions=fractions,
        scales=scales,
        hedges=hedges,
        vague=vague,
        a_durations={k: (float(v[0]), v[1]) for k, v in toml["a_duration"].items()},
        currencies=currencies,
        amount_only_currencies=frozenset(r["surface"] for r in currency_rows
                                         if r["position"] == "before_amount"),
        units=units,
        periods={k.lower(): v for k, v in periods.items()},
        change_words={r["word"]: None if r["direction"] == "none" else r["direction"] for r in change_rows},
        year_preceders=frozenset(calendar["year_preceders"]),
        label_words=frozenset(toml["identifier"]["label_words"]),
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
    last = ""  # "small" | "mult" | "and" | "a" | "frac" | "point"
    fraction = 1.0
    consumed = 0
    decimals = ""
    for m in _TOKEN.finditer(surface):
        w = m.group().lower()
        if last == "point":
            if w in lex.words and lex.words[w] < 100:
                decimals += str(int(lex.words[w]))
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
            last = "small"
        elif w in lex.multipliers:
            mult = lex.multipliers[w]
            if last not in ("small", "a", "mult"):
                break
            if last == "mult" and mult <= 100:
                break
            if mult == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * mult
                current = 0.0
            last = "mult"
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


def _number_value(text: str) -> float:
    return float(text.translate(_SEPARATORS))


@dataclass(slots=True)
class _Core:
    """One end of a phrase: the number with its scale, currency and unit."""

    start: int
    end: int
    value: float
    scaled: bool = False
    written: bool = False  # in words
    currency: str | None = None
    kind: str | None = None
    unit: str | None = None
    unit_surface: str = ""
    plain: bool = True  # digits only, no separator or decimal point
    raw: float = 0.0  # the value before its scale word
    num_end: int = 0  # where the number ends, before any unit


def _read_core(text: str, m: re.Match[str] | _Hit, lex: _Lexicon) -> _Core | None:
    """The number of a numeral match, extended by its scale word ("1.2 million", "$3bn")."""
    if m.group("digits"):
        raw = m.group("digits")
        try:
            value = _number_value(raw)
        except ValueError:
            return None
        core = _Core(m.start("digits"), m.end("digits"), value, plain=raw.isdigit())
    else:
        parsed = _parse_words(m.group("words"), lex)
        if parsed is None:
            return None
        value, length = parsed
        core = _Core(m.start("words"), m.start("words") + length, value, written=True, plain=False)
        tokens = [w.lower() for w in _TOKEN.findall(text[core.start:core.end])]
        core.scaled = any(w in lex.multipliers for w in tokens)
        core.raw = value / lex.multipliers[tokens[-1]] if tokens[-1] in lex.multipliers else value
    if m.group("cur"):
        core.currency = lex.currencies[_key(m.group("cur"))]
    if m.group("sign2") or (m.group("sign") and m.group("sign")[0] in "-−mMnN"):
        core.value = -core.value
    if not core.written:
        core.raw = core.value
        # scale words, possibly chained: "1.2 million", "$3bn", "4 hundred million"
        while (s := lex.scale_after.match(text, core.end)) is not None:
            surface = s.group("w") or s.group("a")
            mult, money_only = lex.scales.get(surface) or lex.scales[surface.lower()]
            if (money_only or (s.group("sp") and surface.islower())) and not core.currency:
                break  # "$3 b", "£5 m"; but "80 m.p.h." and "12 m" are not millions
            core.value *= mult
            core.end = s.end()
            core.scaled = True
            core.plain = False
    core.num_end = core.end
    return core


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
        core.value *= lex.scales[s.group("w").lower()][0]  # "75 USD million"
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
    minor = u and lex.units.get(_key(u.group("u") or u.group("a")).lower(), ("", ""))[1].endswith("X")
    if minor:
        return cents / 100, u.end()
    return (cents / 100, end) if _CLAUSE_END.match(text, end) else None


_LAST_WORD = re.compile(r"[\s(]*([\w&'-]*?[A-Za-z])(?![\w&'-])")


def _last_word(text: str, pos: int) -> str:
    m = _LAST_WORD.match(text[max(0, pos - 24):pos][::-1])
    return m.group(1)[::-1] if m else ""


def _is_year(core: _Core, text: str, lex: _Lexicon) -> bool:
    """A bare 4-digit number read as a year: any in 1900-2100 ("2022", "the 2019 list"), earlier ones
    only after a word such as "in" or "since" ("in 1066"). "2,000" and "2000 km" are not years."""
    if not (core.plain and core.unit is None and core.currency is None and 1000 <= core.value <= 2100):
        return False
    return core.value >= 1900 or _last_word(text, core.start).lower() in lex.year_preceders


class _Hit:
    """A numeral found at an anchor: the core read forwards, hedge/currency/sign/"between" backwards.

    Offers the part of re.Match the phrase reader uses: group, start and end by group name.
    """

    __slots__ = ("group", "_spans", "phrase_start")

    def __init__(self, text: str, spans: dict[str, tuple[int, int]], phrase_start: int) -> None:
        self._spans = spans
        self.phrase_start = phrase_start  # the leftmost of hedge, sign, currency and number
        # group(name) is called dozens of times per phrase: a bound dict.get is the cheapest lookup
        self.group = {g: text[a:b] for g, (a, b) in spans.items()}.get

    def start(self, name: str) -> int:
        return self._spans[name][0]

    def end(self, name: str) -> int:
        return self._spans[name][1]


# A leading character class lets re skip ahead fast; r"\d+" scans three times slower.
_DIGIT_RUN = re.compile(r"[0-9][0-9]*")


def _anchors(text: str, lex: _Lexicon) -> list[int]:
    """Where numbers may start: digit runs and number words (two fast scans, then merged)."""
    found = [m.start() for m in _DIGIT_RUN.finditer(text)]
    found += [m.start() for m in lex.word_anchor.finditer(" " + text)]  # " ": a word at the very start
    found.sort()
    return found


def _hit_at(text: str, p: int, lex: _Lexicon) -> _Hit | None:
    if p and text[p - 1] == "." and (p < 2 or not text[p - 2].isdigit()):
        p -= 1  # ".5"
    m = lex.core.match(text, p)
    if m is None:
        return None
    core = m.lastgroup  # the core's groups are alternatives: exactly one matched
    spans = {core: m.span()}
    start = p
    if core != "skip":
        head = lex.prefix.match(text[max(0, p - 48):p][::-1])
        if head.end():  # every part of the prefix is optional: it always matches, mostly empty
            for g, found in head.groupdict().items():
                if found is not None:
                    a, b = head.span(g)
                    spans[g] = (p - b, p - a)
                    if g != "pre" and a < b:
                        start = min(start, p - b)  # "between"/"from" start only a range
        if core == "digits" and "cur" not in spans and p and (text[p - 1].isalpha() or text[p - 1] == "."):
            return None  # glued to a word: "G7", "mk5", "v2.1"
    return _Hit(text, spans, start)


def find_numerals(text: str) -> list[Numeral]:
    """Every number as written, with no reading of its context (the first layer)."""
    lex = _lexicon()
    found = []
    pos = 0
    for p in _anchors(text, lex):
        if p < pos or (hit := _hit_at(text, p, lex)) is None:
            continue
        pos = p + 1
        if hit.group("skip") is not None or hit.group("vague") is not None or hit.group("a_duration"):
            continue
        core = _read_core(text, hit, lex)
        if core is None:
            continue
        found.append(Numeral(core.start, core.end, core.value))
        pos = core.end
    return found


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in order, with exact offsets and its interval (see module doc)."""
    lex = _lexicon()
    out: list[Quantity] = []
    pos = 0
    for p in _anchors(text, lex):
        if p < pos or (hit := _hit_at(text, p, lex)) is None:
            continue
        if hit.group("skip") is not None:
            pos = hit.end("skip")
            continue
        if p >= 2 and text[p - 1] in "-–/" and text[p - 2].isdigit() and hit.group("cur") is None:
            continue  # the tail of "2023-24" or "9/11" whose head was dropped
        q = _read_phrase(text, hit, lex)
        if isinstance(q, int):
            pos = q
            continue
        if out and q.start - out[-1].end < 40:  # restatements follow close behind
            if _CONVERSION.fullmatch(text, out[-1].end, q.start):
                _inherit_bound(q, out[-1])
            elif q.change is None and _RESTATED.fullmatch(text, out[-1].end, q.start):
                q.change = out[-1].change
        out.append(q)
        pos = q.end
    return out


# "more than 100 kilometres (60 miles)", "under 296 hp (224 kW / 300 PS)": the same figure restated
_CONVERSION = re.compile(r"\s*[(/]\s*")
# "lost 190 points, or 0.6%", "grew by 125,600 jobs or 2.2 per cent": the same change restated
_RESTATED = re.compile(r"(?:\s+[a-z]+){0,2},?\s+or\s+")


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


def _read_phrase(text: str, m: _Hit, lex: _Lexicon) -> Quantity | int:
    """The quantity starting at a numeral match; an int is where to resume when it is not one."""
    qualifier = "exact"
    sets_high = False
    if m.group("hedge"):
        qualifier, sets_high = lex.hedges[_key(m.group("hedge").lower())]
    start = m.phrase_start
    if m.group("sign") and not m.group("cur") and m.group("digits") is None and m.group("sign")[0] in "+-−":
        # "-two", "-a decade": a hyphen, not a minus
        start = m.start(next(g for g in ("words", "vague", "a_duration") if m.group(g)))

    if m.group("a_duration"):
        return _a_duration(text, m, start, qualifier, sets_high, lex)
    if m.group("vague"):
        low, high = lex.vague[_key(m.group("vague").lower())]
        end = m.end("vague")
        kind, unit = "count", None
        core = _Core(m.start("vague"), end, low, scaled=True, plain=False)
        _read_unit(text, core, lex)
        if core.kind == "money":
            kind, unit, end = "money", core.currency, core.end
        return Quantity(start, end, text[start:end], None, low, high, "vague", kind, unit)

    first = _read_core(text, m, lex)
    back = text[max(0, start - 40):start][::-1]  # read leftwards with anchored matches
    if first is None:
        return m.end("digits" if m.group("digits") else "words")
    if _is_code(text, m, first, lex):
        return first.end
    if first.plain and first.value <= 2100 and (
        lex.month_before.match(back)
        or (first.value <= 31 and lex.month_after.match(text, first.end))
    ):
        return first.end  # "October 3", "3 October", "October 2024"
    _read_unit(text, first, lex)
    if _is_year(first, text, lex) and qualifier == "exact":
        year_span = re.match(r"[-–/]\d{2,4}\b", text[first.end:first.end + 5])
        return first.end + (year_span.end() if year_span else 0)  # "in 1998", "2023-24"

    change_word = lex.change_before.match(back)
    last = _read_range_end(text, m, first, change_word, qualifier, lex) or first
    if last is not first:
        if _is_score(text, first, last):
            return last.end
        qualifier = "range"
        if m.group("pre"):
            start = m.start("pre")
    end = last.end
    if last is first and first.unit is None and lex.not_quantity_after.match(text, end):
        return end  # "22nd", "1990s", "5pm", "5G", "two-thirds"
    if last is first and _is_compound_modifier(text, first, lex):
        return end  # "a three-bed flat", "a five-year plan"

    kind, unit = first.kind or "count", first.unit
    if first.currency:
        kind, unit = "money", first.currency
    # age: "aged 21", "21-year-old", "21 years old"
    a = lex.age_after.match(text, last.num_end)
    if a:
        kind, unit, end = "age", "year", a.end()
    elif first.kind in (None, "duration") and _age_before(text, m, start, lex):
        kind, unit = "age", "year"
    if kind == "money" and last is first and (minor := _read_minor_units(text, first, lex)) is not None:
        first.value += minor[0]
        end = minor[1]
    if last is first and first.kind == "duration":
        a2 = re.match(r"\s+(?:old|of\s+age)\b", text[end:end + 10])
        if a2:
            kind, unit, end = "age", "year", end + a2.end()

    if kind == "duration" and qualifier != "exact" and _over_means_across(text, m, start, end, lex):
        qualifier, start = "exact", m.start("digits" if m.group("digits") else "words")
    # suffix hedge: "10,000 or more", "40-plus", "40+"
    if qualifier == "exact":
        h = lex.hedge_after.match(text, end)
        if h and not (h.group().strip() in ("+", "plus") and re.match(r"\s*\d", text[h.end():h.end() + 3])):
            qualifier, sets_high = lex.hedges[_key(h.group().strip().lower())]
            end = h.end()

    # rate: "92 soldiers a day", "$5 an hour", "286 gigatonnes annually"
    if kind in ("count", "money", "measurement"):
        r = lex.rate_after.match(text, end)
        if r and (kind == "count" and r.group("p") or not r.group("noun")):
            period = lex.periods[(r.group("p") or r.group("adv")).lower()]
            unit = f"{unit} per {period}" if unit else f"per {period}"
            kind, end = "rate", r.end()

    value = first.value
    low = high = None
    if last is not first:
        lo, hi = sorted((first.value, last.value))
        if _looks_like_years(first, last) and kind == "count":
            return end
        value, low, high = (lo + hi) / 2, lo, hi
    elif qualifier in _LOWER_BOUND:
        low = value
    elif qualifier in _UPPER_BOUND or sets_high:
        high = value

    if last is first and _is_referential(text, start, first, qualifier, lex):
        return first.end
    if last is first and kind == "count" and qualifier == "exact" and _is_identifier(text, start, first, lex):
        return first.end

    change = None
    sign = m.group("sign") or ""
    if kind in ("duration", "age"):
        pass
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
    return Quantity(start, end, text[start:end], value, low, high, qualifier, kind, unit, change)


def _a_duration(
    text: str, m: _Hit, start: int, qualifier: str, sets_high: bool, lex: _Lexicon
) -> Quantity | int:
    """ "more than a decade" (10 years), "nearly a year"; a bare "a year" is no claim."""
    end = m.end("a_duration")
    if qualifier == "exact" or _over_means_across(text, m, start, end, lex):
        return end
    value, unit = lex.a_durations[m.group("a_duration").split()[-1].lower()]
    low = value if qualifier in _LOWER_BOUND else None
    high = value if qualifier in _UPPER_BOUND or sets_high else None
    return Quantity(start, end, text[start:end], value, low, high, qualifier, "duration", unit)


def _read_range_end(
    text: str, m: _Hit, first: _Core, change_word: re.Match[str] | None, qualifier: str, lex: _Lexicon
) -> _Core | None:
    """A range's second end: "10,000 to 12,000", "between 11,000 and 12,000", "10 to 12 million".

    "and" needs "between" before; after a change verb, "rose 5 to 7" is a range only with "by" or a
    unit on the second end alone ("dropped by 1 to 1.5 degrees"), since "rose 5% to 84" is a level.
    """
    connector = lex.connector.match(text, first.end)
    if not connector or qualifier not in ("exact", "approx"):
        return None
    c = " ".join(connector.group("c").replace("-", " ").split()).lower()  # "- to", "-to-" read as "to"
    pre = (m.group("pre") or "").lower()
    if c == "and" and pre != "between" or c.startswith("up") and pre != "from":
        return None  # "between 5 and 7", "from 450 up to 900"
    m2 = lex.second.match(text, connector.end())
    if not m2 or not (m2.group("digits") or m2.group("words")):
        return None
    second = _read_core(text, m2, lex)
    if second is None:
        return None
    _read_unit(text, second, lex)
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


def _age_before(text: str, m: _Hit, start: int, lex: _Lexicon) -> bool:
    """ "aged 21", "aged over 80", "ages 18 to 34", "under the age of 5" (a hedge that names the age)."""
    if m.group("hedge") and lex.age_hedge.search(_key(m.group("hedge"))):
        return True
    return lex.age_before.match(text[max(0, start - 20):start][::-1]) is not None


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
    """A number hyphenated to a noun it modifies: "a three-bed flat", "a six-speed gearbox", "a five-year
    plan", "a 10-year low". The plan is not a duration claim; a noun-less word number is no count."""
    if text[core.num_end:core.num_end + 1] != "-" or lex.hedge_after.match(text, core.num_end):
        return False
    if core.kind == "duration":
        return lex.age_after.match(text, core.num_end) is None
    return core.unit is None and core.written and text[core.num_end + 1:core.num_end + 2].islower()


def _looks_like_years(first: _Core, last: _Core) -> bool:
    return all(c.plain and 1000 <= c.value <= 2100 and c.unit is None for c in (first, last))


def _is_referential(text: str, start: int, core: _Core, qualifier: str, lex: _Lexicon) -> bool:
    """Small number words that name things rather than count them: "the two leaders", "one of"."""
    if not core.written or core.currency or core.scaled or qualifier != "exact":
        return False
    if core.value == 1:
        nxt = re.match(r"[\s,]*([A-Za-z]*)", text[core.num_end:core.num_end + 20])
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
    if text[start - 1:start] == "(" and text[core.end:core.end + 1] == ")":
        return True  # "Dak Prescott (4)", footnote and list markers: a bare number alone in brackets
    back = text[max(0, start - 30):start][::-1]
    return _NAME_BEFORE.match(back) is not None and _SENTENCE_START_BEFORE.match(back) is None


# Read backwards from a number: a name part ("COVID-", "#", "No.", "iPhone ", "Section ") ...
_NAME_BEFORE = re.compile(r"-[A-Za-z]|#|\s*\.oN(?!\w)|\s\w*[A-Z][a-z]+(?!\w)|\s[\w&]*[A-Z](?![\w&])")
# ... unless that capitalised word merely starts the sentence ("Nearly", "In 10 years").
_SENTENCE_START_BEFORE = re.compile(r"\s[\w&]*[A-Z](?:\s*[.!?\"“]|$)")
