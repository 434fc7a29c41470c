"""Who says so: the source an article credits for each figure.

An article is read once into `Attribution`s (a reporting verb with the source standing before or after
it, "according to X", "X, citing Y, reported", "quoted X as saying"); each quantity then takes the
attribution that governs it: the nearest one before it in its sentence, else one after it; a figure
inside a direct quote takes the speaker named outside the quote in its paragraph or the one before.
Names are folded so that "Mr Zelensky" and "the Ukrainian president" are "Volodymyr Zelensky" once the
article names him.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache

from flows.lexicon import mapping, phrase_pattern, rows
from flows.text import Span

BOUNDARY_WORDS = frozenset(
    "that which who whom while but and after as when because although though since if so whereas "
    "meanwhile however also".split()
)
# Words between a source and its verb that are not part of the source ("South Korea has claimed").
AUXILIARIES = frozenset(
    "has have had is was were are be been would will could may might also reportedly previously earlier "
    "recently later repeatedly publicly separately then now already first initially not".split()
)
TEMPORAL = re.compile(
    r"\s+(?:(?:earlier|later)\s+)?(?:this|last|next|that)\s+(?:week|month|year|weekend|morning|evening)$"
    r"|\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
    r"|\s+(?:yesterday|today|tonight|overnight)$"
    r"|\s+in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)$",
)
PERSON = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}\b")
ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
CITING = re.compile(r"([^,;]+?),\s+citing\s+([^,;]+?),\s+")
QUOTED_AS = re.compile(r"\bquoted\s+(.+?)\s+as\s+saying\b")
WAS_QUOTED = re.compile(r"\b(\w+)\s+was\s+quoted\s+as\s+saying(?:\s+by\s+([^,.;]+))?")
PASSIVE = re.compile(r"\b(?:it|this)\s+(?:was|is|has\s+been|had\s+been)\s+$", re.IGNORECASE)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})
WORD = re.compile(r"[A-Za-z]+")
QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
ORG_WORDS = frozenset(
    "department ministry office agency council committee commission times journal post news bank fund "
    "organization organisation institute university group party army forces force command guard service "
    "house kremlin state states nations union court police government parliament assembly media "
    "television radio press network foundation observatory association federation corporation".split()
)
TITLED_NAME = re.compile(r"\s+([A-Z][a-z]+(?:[- ][A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2})\b")
ROLE_ADJECTIVES = frozenset(
    "deputy foreign defence defense interior finance health vice acting former chief".split()
)
# "the group said": a common noun standing for the organisation the article named before.
GENERIC_ORGS = frozenset(
    "group agency ministry organisation organization company charity command office department army "
    "military police committee council union bank firm observatory monitor network newspaper paper "
    "broadcaster institute commission authority service coalition alliance".split()
)
# "citing officials": a cited source named only by what it is, so the outlet stays the claimant.
GENERIC_SOURCES = frozenset(
    "officials sources diplomats people residents medics doctors insiders officers figures estimates "
    "reports data".split()
)
ORG_NAME = re.compile(r"\b(?:[A-Z][\w&'’-]*\s+(?:(?:of|for|the|and|on)\s+)*)*[A-Z][\w&'’-]*")
PRONOUN_PEOPLE = frozenset({"he", "she"})
PRONOUN_ORGS = frozenset({"it", "they"})
MAX_SOURCE_WORDS = 10


@dataclass(slots=True)
class Attribution:
    verb_start: int  # where the reporting verb (or "according to") stands
    verb_end: int
    claimant: str | None
    via: str | None = None
    kind: str | None = None
    paragraph: int = 0
    in_quote: bool = False


@cache
def _verbs_re() -> re.Pattern[str]:
    return phrase_pattern(tuple(r["verb"] for r in rows("reporting_verbs.csv")))


@cache
def _verb_words() -> frozenset[str]:
    return frozenset(r["verb"].lower() for r in rows("reporting_verbs.csv"))


@cache
def _titles() -> dict[str, str]:
    return mapping("titles.csv", "word", "kind")


@cache
def _titles_re() -> re.Pattern[str]:
    return phrase_pattern(tuple(_titles()))


@cache
def _kinds() -> list[tuple[re.Pattern[str], str]]:
    return [(phrase_pattern((r["word"],)), r["kind"]) for r in rows("claimant_kinds.csv")]


@cache
def _countries() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in rows("demonyms.csv") if not r["word"].endswith("s"))


@cache
def claimant_kind(name: str | None, role: str | None = None) -> str | None:
    """government, military, media, … from words in the source's name or role (data/lexicon)."""
    if not name:
        return None
    for text in (name, role or ""):
        for pattern, kind in _kinds():
            if pattern.search(text):
                return kind
    if name.lower() in _countries():
        return "government"
    if role:
        for m in _titles_re().finditer(role):
            if _titles().get(m.group().lower()):
                return _titles()[m.group().lower()]
    return "other"


class Reader:
    """Attributions of one article, with the article's people to fold names and roles onto."""

    def __init__(self, text: str, sentences: list[Span]):
        self.text = text
        self.sentences = sentences
        self.people = _people(text)  # surname → full name
        self.roles: dict[str, str] = {}  # "south korean defence minister" → "Kim Yong-Hyun"
        self.role_of: dict[str, str] = {}  # full name → role text
        for role, name in _titled_names(text):
            self.roles.setdefault(role.lower(), name)
            self.role_of.setdefault(name, role)
        self.quotes = [(m.start(), m.end()) for m in QUOTE.finditer(text)]
        # Reporting verbs, found once by looking words up (much faster than a regex of alternatives).
        verbs = _verb_words()
        self.verbs = [(m.start(), m.end()) for m in WORD.finditer(text) if m.group().lower() in verbs]
        self.by_sentence: list[list[Attribution]] = []
        self._last_person: str | None = None
        self._last_org: str | None = None
        for span in sentences:
            self.by_sentence.append(self._read_sentence(span))

    # -- reading ---------------------------------------------------------------------------------
    def in_quote(self, pos: int) -> tuple[int, int] | None:
        for start, end in self.quotes:
            if start <= pos < end:
                return start, end
        return None

    def _read_sentence(self, span: Span) -> list[Attribution]:
        text, found = self.text, []
        s, e = span.start, span.end
        sentence = text[s:e]
        # Cheap substring guards first: most sentences credit nobody, and the patterns below backtrack.
        if "ccording" in sentence:
            for m in ACCORDING.finditer(sentence):
                name_end = _phrase_end(text, s + m.end(), e)
                found.append(self._make(s + m.start(), s + m.end(), text[s + m.end() : name_end], span))
        if "citing" in sentence:
            for m in CITING.finditer(sentence):
                verb = _verbs_re().match(text, s + m.end())
                if verb:
                    found.append(self._cited(s + m.end(), s + verb.end() - verb.start() + m.end(),
                                             m.group(1), m.group(2), span))
        if "quoted" in sentence:
            for m in QUOTED_AS.finditer(sentence):
                via = self._source_before(s + m.start(), s)
                found.append(self._make(s + m.start(), s + m.end(), m.group(1), span, via=via))
            for m in WAS_QUOTED.finditer(sentence):
                found.append(self._make(s + m.start(), s + m.end(), m.group(1), span, via=m.group(2)))
        taken = [(a.verb_start, a.verb_end) for a in found]
        first = bisect.bisect_left(self.verbs, (s, s))
        for v_start, v_end in itertools.takewhile(lambda v: v[0] < e, self.verbs[first:]):
            if any(a <= v_start < b for a, b in taken) or text[v_start:v_end].lower() == "quoted":
                continue
            if PASSIVE.search(text, max(s, v_start - 20), v_start):
                # Passive "it was reported": the article credits nobody.
                found.append(Attribution(v_start, v_end, None, paragraph=span.paragraph))
                continue
            source = self._source_before(v_start, s)
            if source is None:
                source = self._source_after(v_end, e)
            if source is not None:
                found.append(self._make(v_start, v_end, source, span))
        found.sort(key=lambda a: a.verb_start)
        return found

    def _source_before(self, verb_start: int, floor: int) -> str | None:
        """The noun phrase that ends right before a reporting verb, cut at the clause's start."""
        text = self.text
        words = list(re.finditer(r"\S+", text[floor:verb_start]))
        kept: list[str] = []
        for w in reversed(words):
            token = w.group()
            bare = token.strip("“”\"'‘’()")
            if not kept and bare.lower() in AUXILIARIES:
                continue
            if token[-1] in ",;:”\"—–)" or bare.lower() in BOUNDARY_WORDS:
                break
            kept.append(token)
            if token[0] in "“\"(":
                break
        phrase = TEMPORAL.sub("", " ".join(reversed(kept)).strip("“”\"'‘’() ")).strip()
        return _strip_article(phrase) if _looks_like_source(phrase) else None

    def _source_after(self, verb_end: int, limit: int) -> str | None:
        """Inverted attribution: '…, said Andrei Lankov, director of …'."""
        m = re.match(r"\s+((?:the\s+)?[A-Z][^,.;:“”\"]*)", self.text[verb_end:limit])
        if not m:
            return None
        phrase = m.group(1).strip()
        return _strip_article(phrase) if _looks_like_source(phrase) else None

    def _cited(self, start: int, end: int, outlet: str, cited: str, span: Span) -> Attribution:
        """"X, citing Y, reported": Y is the claimant and X the channel, unless Y is nameless, in which
        case X vouches for the figure and stays the claimant."""
        outlet = _strip_article(_last_clause(outlet))
        cited = cited.strip()
        nameless = not re.search(r"[A-Z]", cited) and not cited.lower().startswith("the ")
        if nameless or cited.split()[-1].lower() in GENERIC_SOURCES or claimant_kind(cited) == "anonymous":
            return self._make(start, end, outlet, span, via=_strip_article(cited))
        return self._make(start, end, _strip_article(cited), span, via=outlet)

    def _make(self, start: int, end: int, raw: str, span: Span, via: str | None = None) -> Attribution:
        name, role = self.resolve(raw, start)
        via_name = self.resolve(via, start)[0] if via else None
        return Attribution(start, end, name, via_name, claimant_kind(name, role), span.paragraph,
                           self.in_quote(start) is not None)

    # -- names -----------------------------------------------------------------------------------
    def resolve(self, raw: str | None, pos: int | None = None) -> tuple[str | None, str | None]:
        """Fold a source phrase to a readable name and its role: titles dropped, surnames and role
        nouns mapped onto the full name the article gives, pronouns onto the last named source."""
        if not raw:
            return None, None
        phrase = _strip_article(re.sub(r"\s+", " ", raw).strip(" ,.;:“”\"'’"))
        low = phrase.lower()
        if low in PRONOUN_PEOPLE:
            return self._last_person, self.role_of.get(self._last_person or "")
        if low in PRONOUN_ORGS:
            return self._last_org, None
        role, name = _split_role(phrase)
        if name:
            name = self.people.get(name.split()[-1], name) if len(name.split()) == 1 else name
            if role:
                self.roles[role.lower()] = name
                self.role_of[name] = role
            if _is_person(name):
                self._last_person = name
            else:
                self._last_org = name
            return name, role or self.role_of.get(name)
        # A role alone ("the Ukrainian president"): the person the article tied to it, else the last
        # person it quoted.
        if _is_role(phrase):
            person = self.roles.get(low) or self._last_person
            if person:
                self.role_of.setdefault(person, phrase)
                return person, phrase
        if low in GENERIC_ORGS and pos is not None:
            # "the group said", "the command said": the organisation the article last named.
            org = self._named_org(low, pos) or self._last_org
            if org:
                return org, None
        self._last_org = phrase
        return phrase, None

    def _named_org(self, noun: str, pos: int) -> str | None:
        """The latest capitalised name before `pos` that has `noun` in it ("US Central Command" for
        "the command"), else the latest organisation-like name."""
        names = [m.group() for m in ORG_NAME.finditer(self.text, max(0, pos - 3000), pos)]
        for name in reversed(names):
            if noun in name.lower().split():
                return _strip_article(name)
        for name in reversed(names):
            if any(w.lower() in ORG_WORDS for w in name.split()) and len(name.split()) > 1:
                return _strip_article(name)
        return None

    def governing(self, q_start: int, sentence_index: int) -> Attribution | None:
        """The attribution that credits the quantity at q_start in sentence `sentence_index`."""
        span = self.sentences[sentence_index]
        quote = self.in_quote(q_start)
        own = [a for a in self.by_sentence[sentence_index]
               if not (quote and quote[0] <= a.verb_start < quote[1])]
        before = [a for a in own if a.verb_end <= q_start]
        if before:
            return before[-1]
        after = [a for a in own if a.verb_start >= q_start]
        if after:
            return after[0]
        if quote:
            same = [a for i, attrs in enumerate(self.by_sentence) for a in attrs
                    if self.sentences[i].paragraph == span.paragraph and not a.in_quote]
            if same:
                return same[0]
            prev = [a for i, attrs in enumerate(self.by_sentence) for a in attrs
                    if self.sentences[i].paragraph == span.paragraph - 1 and not a.in_quote]
            if prev:
                return prev[-1]
        return None


def _strip_article(phrase: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", phrase.strip())


def _last_clause(phrase: str) -> str:
    parts = re.split(r"[,;:]\s*|\b(?:but|and|while|that)\s+", phrase)
    return parts[-1].strip()


def _phrase_end(text: str, start: int, limit: int) -> int:
    m = re.compile(r"[,;:.“”\"]|\s(?:that|who|which|and)\s").search(text, start, limit)
    return m.start() if m else limit


def _looks_like_source(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > MAX_SOURCE_WORDS or not re.search(r"[A-Za-z]", phrase):
        return False
    if any(ch.isdigit() for ch in phrase):
        return False
    first = words[0].lower()
    if first in {"we", "i", "you", "there", "which", "what", "this", "that", "these", "those"}:
        return False
    # A source is named (capitalised), definite ("the ministry"), a pronoun, or a nameless plural
    # ("officials", "Ukrainian media", "local authorities").
    return phrase[0].isupper() or first in {"the", "he", "she", "it", "they", "a", "an"} \
        or words[-1].lower().endswith("s") or words[-1].lower() in {"media", "police", "staff"}


def _split_role(phrase: str) -> tuple[str | None, str | None]:
    """"South Korean defence minister Kim Yong-Hyun" → (role, name); "Mr Zelensky" → (None, "Zelensky");
    an organisation ("US Department of the Treasury") → (None, whole phrase)."""
    words = phrase.split()
    stripped = words[:]
    while stripped and stripped[0].lower().rstrip(".") in HONORIFICS:
        stripped = stripped[1:]
    if not stripped:
        return None, None
    # The trailing run of capitalised words is the name when lower-case role words stand before it.
    i = len(stripped)
    while i > 0 and stripped[i - 1][:1].isupper():
        i -= 1
    name_words, role_words = stripped[i:], stripped[:i]
    if role_words and name_words and any(w[:1].islower() for w in role_words) \
            and role_words[-1].lower() not in {"of", "the", "for", "and", "on", "in"}:
        name = " ".join(name_words)
        if _titles_re().search(" ".join(role_words)) or _is_person(name):
            return " ".join(role_words), name
    if all(w[:1].isupper() for w in stripped) and not _is_role(" ".join(stripped)):
        return None, " ".join(stripped)
    return None, None


def _is_role(phrase: str) -> bool:
    """"Ukrainian president", "the prime minister": a title, with at most "the" and a country before it."""
    words = [w for w in phrase.split() if w.lower() != "the" and w not in _demonym_words()
             and w.capitalize() not in _demonym_words()]
    rest = " ".join(words).lower()
    return bool(rest) and len(words) <= 4 and bool(_titles().get(rest) or (
        _titles().get(words[-1].lower()) and all(w.lower() in _titles() or w.lower() in ROLE_ADJECTIVES
                                                 for w in words[:-1])))


@cache
def _demonym_words() -> frozenset[str]:
    return frozenset(w for r in rows("demonyms.csv") for w in r["word"].split())


def _is_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and not any(w.lower() in ORG_WORDS for w in words) and \
        not any(w in _demonym_words() for w in words)


def _titled_names(text: str) -> list[tuple[str, str]]:
    """(role, name) for each "Prime Minister Jane Doe" or "Ukrainian President Volodymyr Zelensky" in the
    text, the role both with and without its country ("Ukrainian President", "President")."""
    found = []
    heads = _title_heads()
    for m in WORD.finditer(text):
        if m.group().lower() not in heads:
            continue
        name = TITLED_NAME.match(text, m.end())
        if not name or not _is_person(name.group(1)):
            continue
        role_text = _role_ending_at(text, m.start(), m.end())
        found.append((role_text, name.group(1)))
        bare = _titles_re().search(role_text)
        if bare and bare.start() > 0:
            found.append((role_text[bare.start():], name.group(1)))
    return found


def _role_ending_at(text: str, head_start: int, head_end: int) -> str:
    """The role whose last word is text[head_start:head_end], read backwards over title words,
    role adjectives and country words ("US deputy secretary of state", "Ukrainian President")."""
    start = head_start
    for m in reversed(list(WORD.finditer(text, max(0, head_start - 60), head_start))):
        word = m.group()
        if text[m.end():start].strip() or not (
            word.lower() in _title_words() or word.lower() in ROLE_ADJECTIVES or word in _demonym_words()
        ):
            break
        start = m.start()
    return text[start:head_end]


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w for t in _titles() for w in t.split())


@cache
def _title_heads() -> frozenset[str]:
    """The last word of each title with a kind ("minister" of "prime minister")."""
    return frozenset(t.split()[-1] for t, kind in _titles().items() if kind)


def _people(text: str) -> dict[str, str]:
    """Surname → the first full name the article gives for it ("Zelensky" → "Volodymyr Zelensky")."""
    people: dict[str, str] = {}
    for m in PERSON.finditer(text):
        name = m.group()
        words = name.split()
        if _is_person(name) and words[0].lower() not in _titles() and words[0].lower() not in HONORIFICS:
            people.setdefault(words[-1], name)
    return people
