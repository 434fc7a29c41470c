"""Who says so: the source an article credits for each figure.

Attribution is read lazily: only the sentences that hold a quantity are read, plus the sentences a
quote's speaker or a pronoun sends us back to. A sentence is read once, in one pass over its words, into
`Attribution`s: a reporting verb with its source before it ("officials said", "Turkey's disaster agency,
AFAD, said"), after it ("said Tomas Berg, an economist"), "according to X", "X, citing Y, reported",
"X said …, citing Y" and "quoted X as saying". A quantity takes the nearest attribution before it in its
sentence, else one after it; a figure in a direct quote takes the speaker named outside the quote in its
paragraph, else in the paragraph before.

Names are folded so that "Mr Zelensky", "he" and "the Ukrainian president" are "Volodymyr Zelensky" once
the article names him, and "the agency", "it" and "the agency's figures" are the agency it named.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ahocorasick_rs import AhoCorasick

from flows.lexicon import mapping, phrase_pattern, rows
from flows.numbers import number_at
from flows.text import MONTHS, Span, is_abbreviation

TEMPORAL = re.compile(
    r"\s+(?:(?:earlier|later)\s+)?(?:this|last|next|that)\s+(?:week|month|year|weekend|morning|evening)$"
    r"|\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
    r"|\s+(?:yesterday|today|tonight|overnight)$"
    rf"|\s+in\s+{MONTHS}$",
)
# "Yesterday Ukraine's energy minister said", "Last week it had put …": when, not who, opens the phrase.
LEADING_TEMPORAL = re.compile(
    r"^(?i:(?:(?:earlier|later)\s+)?(?:this|last|next|that)\s+(?:week|month|year|weekend|morning|afternoon|evening"
    r"|night)|(?:earlier|later)\s+today|yesterday|today|tonight|overnight|meanwhile|separately)\s+(?=\S)",
)
# Capitalised words, accented letters included ("Issa Traoré", "Émile Zola").
UPPER, LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
# What follows a name's first capital: "olodymyr Zelensky", "im Yong-Hyun".
NAME_REST = rf"[{LOWER}]+(?:[- ][{UPPER}][{LOWER}]+(?:-[A-Za-z][{LOWER}]+)?){{1,2}}"
NAME = rf"[{UPPER}]{NAME_REST}"
# A name that starts a word. Patterns scanned over long windows begin with the capital and check the word
# start behind it ("(?<!\w[A-Z])" rather than a leading "\b"): the regex engine then skips to capitals in
# C, two to three times faster, with the same matches.
PERSON = re.compile(rf"[{UPPER}](?<!\w[{UPPER}]){NAME_REST}\b")
# Lower-case parts of a person's name: "Abdulmenam al-Ghaithi", "Ursula von der Leyen", "Osama bin Laden".
NAME_PARTICLE = re.compile(r"(?:al|el|ad|ash|bin|ibn|van|von|der|den|de|da|di|del|dos|du|la|le)"
                           r"|(?:al|el|ad|as|ash|at)-[A-Z][\w'’-]*")
# The capitalised words that run on past PERSON's ("Interior Minister Bruno" + " Retailleau").
MORE_NAME = re.compile(rf"(?:\s[{UPPER}][{LOWER}]+)+")
# The given names right before a surname: "… Volodymyr " before "Zelensky".
NAME_BEFORE = re.compile(rf"\b((?:[{UPPER}][{LOWER}]+[- ]){{1,2}})$")
ACCORDING = re.compile(r"\b(?:according\s+to|as\s+reported\s+by)\s+", re.IGNORECASE)  # (both credit the name)
LEADING_CITING = re.compile(r"\s*(?:Citing|Quoting)\s+([^,;]+),\s+")
# "Reuters, citing the health ministry, reported": the verb must follow the cited source.
CITING = re.compile(r"([^,;]+?),\s+citing\s+([^,;]+?),\s+")
CLAUSE_MARK = re.compile(r"[,;]")
# A new clause between an attribution and a figure: ", and 1.5 million were affected".
CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while)\s|;")
# "put the crowd at 38,000", "put the governor on 47%", "put the toll at half a million": "at" or "on"
# and a figure within three words of the same clause ("put 2,300 jobs at risk, and 500 more" is no toll).
AT_FIGURE = re.compile(r"\b(?:at|on)\s+(?:[^\s,;]+\s+){0,2}?\S*\d")
AT_OR_ON = re.compile(r"\b(?:at|on)\s+")
# A verb used as an adjective ("an estimated $9.6bn", "the confirmed death toll") credits nobody.
DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our"})
# "said on Monday that …", "told reporters that …": what the verb reports follows it.
FORWARD = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?that\b|\s*:")
PRONOUNS_SPACED = (" he ", " she ", " they ", " we ", " it ")  # a cheap test before SAID_PRONOUN, OWN_CLAUSE
# "… said he feared …": the second verb is within what the first reports, and reports what follows it too.
SAID_PRONOUN = re.compile(r"\b(?:said|says|told\s+\w+)\s+(?:that\s+)?(?:he|she|they|we)\s+$")
# "…, but the minister said he feared …": a reporting verb whose clause has a subject of its own reports
# that clause, not a figure before a contrast.
OWN_CLAUSE = re.compile(r"\s+(?:he|she|they|we|it)\s+(?!said\b|says\b|told\b)[a-z]")
# "X said …, citing Y": the cited source after the verb, up to the clause's end (past the dots of "U.S.").
CITING_AFTER = re.compile(r",\s+(?:citing|quoting|which\s+cited|who\s+cited)\s+"
                          r"((?:[^,;.]|(?<=\d)[,.](?=\d)|(?<=\b[A-Z])\.)+)(?:,\s+([A-Z][^,;.]*))?")
QUOTED_AS = re.compile(r"\bquoted\s+(?!by\s)(.+?)\s+as\s+saying\b")  # (not the passive "quoted by X as")
# "The health ministry was quoted by Interfax as saying", "… was quoted as saying by Interfax"
WAS_QUOTED = re.compile(r"\bwas\s+quoted\s+(?:by\s+(?P<by>[^,.;]+?)\s+)?as\s+saying"
                        r"(?:\s+by\s+(?P<after>[^,.;]+))?")
NEGATED = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+$", re.IGNORECASE)
# "it was reported", "are believed", "famine had been confirmed" (not "has been reporting": see its use)
PASSIVE = re.compile(r"\b(?:it|this)\s+(?:was|is|has\s+been|had\s+been)\s+$|\b(?:are|is|were|was)\s+$"
                     r"|\b(?:been|be)\s+$", re.IGNORECASE)
BEEN = re.compile(r"\bbeen\s+$")
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it"})
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})
# A quotation opens with “ or " and runs to its closing mark, or to the end of the text if none.
QUOTE_MARKS = {"“": "”", '"': '"'}
PUNCTUATION = ",.;:“”\"'‘’()[]—–!?"
TITLED_NAME = re.compile(
    r",?\s+(?:(?:Dr|Mr|Mrs|Ms|Prof|Colonel|Col|General|Gen|Major|Captain|Admiral)\.?\s+)?"
    rf"({NAME})\b"
)
ROLE_ADJECTIVES = frozenset(
    "deputy foreign defence defense interior finance health vice acting former chief state regional "
    "local provincial".split()
)
# Capitalised words joined by spaces and "of", "for", "the", "and", "on": "Office for National Statistics".
ORG_NAME = re.compile(r"[A-Z](?<!\w[A-Z])(?:[\w&'’-]*\s+(?:(?:of|for|the|and|on)\s+)*[A-Z])*[\w&'’-]*")
# A sentence that opens with its subject: "The transport minister, Ilse Varga, declined …" (a role and a
# name in apposition) or "Ilse Varga declined …" (a name), then a verb in lower case.
OPENING_SUBJECT = re.compile(rf"\s*(?:(?P<role>[^,.;:“”\"]{{3,60}}),\s+)?(?P<name>{NAME}),?\s+[a-z]")
# ... or a title before the name: "Opposition leader Rahul Gandhi called …"
TITLED_OPENING = re.compile(rf"\s*(?P<role>(?:[\w'’.-]+\s+){{1,4}}?)(?P<name>{NAME}),?\s+[a-z]")
# A figure (and its noun), then the source of a relative clause that credits it: "the $4.1bn the United
# Nations says is needed", "the 40,000 troops Russia claims to have lost", "at least 34 the Israeli military
# says are dead" (a lower-case head only after "the" and a name).
RELATIVE_SOURCE = re.compile(r"[^\d]{0,20}?[$£€]?\d(?:[\d.,]*\d)?[A-Za-z%]*\s+(?:[a-z]+\s+)?"
                             r"(?P<source>the\s+(?:[A-Z][\w'’.-]*\s+){1,5}(?:[a-z]+\s+){1,2}"
                             r"|(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){1,5})$")
# The same read backwards from the verb, one anchored match instead of a search: "…seirpmoc …ehT …"
RELATIVE_SOURCE_BACK = re.compile(r"(?P<source>\s+(?:[a-z]+\s+){1,2}(?:[\w'’.-]*[A-Z]\s+){1,5}eht\s+"
                                  r"|\s+(?:[\w'’.-]*[A-Z]\s+){1,5}(?:eht\s+)?)(?:[a-z]+\s+)?[A-Za-z%]*\d")
# "claimed by opposition leader Nika Gvaramia", "estimated by the World Bank": the source after a participle
BY_AGENT = re.compile(r"\s+by\s+((?:the\s+|an?\s+)?[A-Za-z][^,.;:“”\"\d]*?)"
                      r"(?=\s+(?:at|on|in|to|as|last|this|since|after|before|during|with)\b|[,.;:“”\"]|$)")
# "Polling by Ipsos for Reuters", "A YouGov poll for The Times": a poll's maker and its client
POLL = re.compile(r"\b(?:[Pp]oll|[Pp]olling|[Ss]urvey)\b")
FOR_CLIENT = re.compile(r"(?:\bby\s+(?:the\s+)?|^(?:[Aa]n?\s+)?)([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*)"
                        r"(?:\s+(?:poll|survey))?\s+for\s+(?:the\s+)?([A-Z][\w&.'’ -]*?)\s*$")
# "preliminary Border Patrol data seen by The Washington Post", "a UN report obtained by the AP"
SEEN_BY = re.compile(r"^\s*(.+?)\s+(?:seen|obtained|reviewed)\s+by\s+(.+?)\s*$")
# "was estimated at $3.1 billion by the World Bank": the agent after the figure the verb puts "at".
AT_FIGURE_BY = re.compile(r"\s+at\s+(?:[^,;:“”\"]|(?<=\d),(?=\d)){1,40}?\s+by\s+"
                          r"((?:the\s+)?[A-Za-z][^,.;:“”\"\d]*?)(?=[,.;:“”\"]|$)")
# the figure ("600,000": its own separators too) and its closing quote, if any
FIGURE_RIGHT_BEFORE = re.compile(r"[$£€]?\d[\d,.]*[^,;:.]{0,30}?[”\"’']?\s+|[^,;:.]{1,30}?[”\"’']?\s+")
PLURAL_POSSESSIVE = re.compile(r"[^'‘’\s]*s['’]")
# What a document's maker did to it: "figures released by", "a report commissioned by"
PUBLISHED = r"(?:released|published|compiled|issued|analysed|analyzed|backed|commissioned|produced|conducted)"
RELEASED = re.compile(rf"(?<=\w)\s+{PUBLISHED}$")
PARTICIPLE = re.compile(r"[a-z]+ing\b")
SHARED_VERB = re.compile(r"\b(?:and|but)\s+(?:then\s+|later\s+)?$")
OFFICIALS_OF = re.compile(r"(?i:(?:senior\s+)?officials?)\s+(?:at|of|from)\s+(?:the\s+)?(\S.*)$")
THOUSANDS_APART = re.compile(r",(?!\d{3})")  # a comma between phrases, not the one inside "14,500"
# The agent of a survey or study in a subject that also holds its sample: "A survey of 1,514 voters by X".
DOCUMENT_BY = re.compile(r"\b(?:survey|poll|study|report|analysis|census|count)\b.*?\bby\s+(.+)$",
                         re.IGNORECASE)
INDEFINITE = re.compile(r"^(?:an?|An?)\s+")
DEFINITE = re.compile(r"^(?:the|The)\s+")
MAX_SOURCE_WORDS = 10  # a name counts as one word (_length)
NAME_JOINERS = frozenset({"of", "and", "for", "the", "&", "on", "de"})  # "Institute for the Study of War"
PREPOSITIONS = frozenset({"of", "for", "in", "at", "on", "with", "by", "to", "from"})
# Words that end the head of a source phrase: what follows them modifies it.
GERUND = re.compile(r"[a-z]{3,}ing")  # "lawyers tracking the violence": what follows modifies the noun
HEAD_ENDS = frozenset({"seen", "polled", "who", "that", "which", "working", "published", "released",
                       "issued", "compiled", "familiar", "close", "briefed"})  # "people familiar with …"
MAX_LIST_ITEMS = 30  # how many list items a lead-in line ("Key figures:") may introduce
SOURCE_LINE = re.compile(r"(?i:sources?)\s*:\s*([^\n]+?)\.?\s*(?:\n|$)")  # "Source: Ministry of Health"
# How far back a pronoun or "the agency" looks for what it stands for (about two paragraphs).
LOOKBACK = 1200


@dataclass(slots=True)
class Attribution:
    verb_start: int  # where the reporting verb (or "according to") stands
    verb_end: int
    claimant: str | None
    via: str | None = None
    kind: str | None = None
    paragraph: int = 0
    in_quote: bool = False
    forward: bool = False  # "said that …": it covers what follows the verb, not figures before it
    relative: bool = False  # "the $4.1bn the United Nations says is needed": only the figure right before
    by_agent: bool = False  # "the “one million” claimed by X": only the figure right before, too
    own_clause: bool = False  # "…, but the minister said he feared …": not a figure before the contrast
    # A passive attribution ("it was reported") has claimant None: the article credits nobody.


def _restated(said: Attribution, start: int, end: int, via: str | None = None,
              in_quote: bool | None = None) -> Attribution:
    """The same source's attribution at another verb (a participle, "he" after "told Reuters"), or with
    the channel that carried it."""
    return Attribution(start, end, said.claimant, via or said.via, said.kind, said.paragraph,
                       said.in_quote if in_quote is None else in_quote)


# -- lexicons ------------------------------------------------------------------------------------


@cache
def _verb_words() -> frozenset[str]:
    return frozenset(r["verb"].lower() for r in rows("reporting_verbs.csv"))


def credits_the_figure_after(word: str) -> bool:
    """A reporting verb that credits the figure right after it ("said", "estimated", "estimates range";
    not "put", which credits only a figure after a later "at")."""
    low = word.lower()
    return low in _verb_words() and _verb_needs().get(low) != "at"


@cache
def _verb_needs() -> dict[str, str]:
    return {r["verb"].lower(): r["needs"] for r in rows("reporting_verbs.csv") if r.get("needs")}


@cache
def _verbs_re() -> re.Pattern[str]:
    return phrase_pattern(tuple(_verb_words()))


@cache
def _near_figure_re() -> re.Pattern[str]:
    """"put the figure closer to 50,000", "put the toll as high as 900": an approximation (class
    near_figure) after the verb's object, not straight after the verb ("will put over 2,300 jobs at risk")."""
    longest_first = sorted(_words("near_figure"), key=len, reverse=True)
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in longest_first)
    return re.compile(rf"\s+(?:[\w'’-]+\s+){{1,3}}?(?:{words})\s+\S*\d")


@cache
def _words(kind: str) -> frozenset[str]:
    """The words of one class of data/lexicon/attribution_words.csv."""
    return frozenset(r["word"] for r in rows("attribution_words.csv") if r["class"] == kind)


# "Hackers", "Thieves", "Analysts" opening a sentence: a plural noun of people, not a body's name
PEOPLE_NOUN = re.compile(r"[A-Z][a-z]+(?:ers|ors|ars|ists|ians|ants|ents|ees|ves)")

# "at" and a figure, not a hedge ("estimated at least 20,000"): after a participle describing a noun
PARTICIPLE_AT = re.compile(r"\s+at\s+(?!least\b|most\b)(?:about\s+|around\s+|some\s+)?[\d$€£]")
# "with" and up to four words, then a participle: "…, with dairy prices expected to …"
WITH_SUBJECT = re.compile(r"\bwith\s+(?:[\w'’-]+\s+){1,4}$")
INFINITIVE = re.compile(r"\s+to\s+[a-z]")
# "published in March" is when, not where ("published in The Lancet")
NOT_A_MONTH = rf"(?!\s+{MONTHS}\b)"


@cache
def _document_re() -> re.Pattern[str]:
    words = "|".join(sorted(_words("document"), key=len, reverse=True))
    docs = f"(?i:{words})"
    # "the ministry's latest intelligence update", "figures released by the department on Tuesday",
    # "a UN Development Programme report": the publisher is the source (a document word in lower case after a
    # possessive: "Britain's Office for National Statistics" is a name).
    return re.compile(
        rf"^(?P<owner>.+?)['’]s?\s+(?P<middle>(?:[\w-]+\s+){{0,3}})(?:{words})$"
        rf"|^(?:[\w-]+\s+){{0,2}}(?:{docs})\s+"
        rf"(?:{PUBLISHED}\s+)?"
        rf"(?:by|from|(?:of|with)(?=\s+(?:the\s+)?[A-Z])|(?<=published\s)in(?=\s+(?:the\s+)?[A-Z]){NOT_A_MONTH}"
        rf"|(?P<inside>in)(?=\s+(?:the\s+)?[A-Z]){NOT_A_MONTH})"
        # (not "its analysis of drone footage"; "published in The Lancet", "in the journal Science"; "a study
        # in The Lancet" only for a publication, not "a survey in Germany")
        rf"\s+(?:the\s+journal\s+)?(?P<by>.+)$"
        # lower case: "Office for National Statistics" is a name; "preliminary Border Patrol data"
        rf"|^(?:[a-z]+\s+){{0,2}}(?P<named>[A-Z].*?)\s+(?:{words})$",
    )


def _names_document(phrase: str | None) -> bool:
    """Does the phrase end in a document word ("a declassified intelligence assessment")?"""
    words = phrase.split() if phrase else []
    return bool(words) and words[-1].strip(PUNCTUATION).lower() in _words("document")


@lru_cache(maxsize=4096)
def _document(phrase: str) -> re.Match[str] | None:
    """The publisher of a document phrase ("the ministry's figures"), matched only when a document word
    is in it (the pattern backtracks)."""
    words = {w.strip(PUNCTUATION) for w in phrase.lower().split()}
    m = _document_re().match(phrase) if words & _words("document") else None
    named = m.group("named") if m else None
    if named and " " not in named and not named.isupper() and not POLL.search(phrase) \
            and claimant_kind(named) in ("other", "government", "anonymous"):
        # "Western estimates" is a description; "UNHCR report", "Civic Pulse poll", "Reuters tally" name one,
        # and so does a capitalised word before a poll: "a Gallup poll", "an Ipsos survey"
        return None
    if named and (" a " in named or " an " in named):
        return None  # "Economists in a Reuters poll": people polled, who speak for themselves
    if m and m.group("inside") and claimant_kind(m.group("by")) != "media":
        return None
    return m


@cache
def _titles() -> dict[str, str]:
    return mapping("titles.csv", "word", "kind")


@cache
def _titles_re() -> re.Pattern[str]:
    return phrase_pattern(tuple(_titles()))


@cache
def _kinds() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """word → kind, a pattern of every word, and a pattern of the marks of anonymity."""
    table = rows("claimant_kinds.csv")
    anywhere = tuple(r["word"] for r in table if r.get("anywhere") == "yes")
    return ({r["word"].lower(): r["kind"] for r in table}, phrase_pattern(tuple(r["word"] for r in table)),
            phrase_pattern(anywhere))


@cache
def _countries() -> frozenset[str]:
    # (a plural people ends in s, a country only in -as or -us: "Honduras", "Cyprus", "Belarus")
    return frozenset(r["word"].lower() for r in rows("demonyms.csv")
                     if not r["word"].endswith("s") or r["word"].endswith(("as", "us")))


@cache
def _demonym_words() -> frozenset[str]:
    return frozenset(w for r in rows("demonyms.csv") for w in r["word"].split())


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w for t in _titles() for w in t.split())


@cache
def _title_heads() -> frozenset[str]:
    """The last word of each title with a kind ("minister" of "prime minister")."""
    return frozenset(t.split()[-1] for t, kind in _titles().items() if kind)


# -- sources counted -------------------------------------------------------------------------------

CITING_BEFORE = re.compile(r"\b(?:citing|quoting|according\s+to)\s+$")
WORDS = re.compile(r"[a-z]+")


@cache
def _sources_after_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """After a number: up to two modifiers, a source noun and what restricts it ("two senior officials
    familiar with the talks"); then, for a source that speaks, an aside and a reporting verb ("…,
    speaking on condition of anonymity, said")."""
    nouns = "|".join(sorted(_words("generic_source"), key=len, reverse=True))
    # (modifiers may be names: "two Sudanese army officials", "two U.S. officials")
    named = (rf"(?:\s+[A-Za-z.-]+){{0,3}}?\s+(?:{nouns})\b"
             rf"(?:\s+(?:familiar|close|briefed)\s+(?:with|to|on)\s+[^,.;]{{1,40}}?(?=[,.;\s]))?")
    return re.compile(named), re.compile(rf"{named}(?:,[^,.;]{{1,60}},)?\s+(?:{_verbs_re().pattern})")


def counts_sources(text: str, start: int, end: int) -> bool:
    """Does the number at text[start:end] count the unnamed sources who speak ("Two senior officials,
    speaking on condition of anonymity, said …", "citing two officials familiar with the talks")? That
    is who says so, not a figure they give."""
    if not _words("generic_source").intersection(WORDS.findall(text, end, end + 40)[:5]):
        return False  # (most small numbers count something else: the patterns are not tried)
    cited, speaking = _sources_after_re()
    if CITING_BEFORE.search(text, max(0, start - 14), start):
        return cited.match(text, end) is not None
    return speaking.match(text, end, min(len(text), end + 160)) is not None


# -- kinds ---------------------------------------------------------------------------------------


ACRONYM_OWNER = re.compile(r"(?:the\s+)?([A-Z]{2,6})(?:['’]s)?\s+\w")


@lru_cache(maxsize=4096)
def claimant_kind(name: str | None, role: str | None = None) -> str | None:
    """government, military, media, … from words in the source's name or role (data/lexicon)."""
    if not name:
        return None
    words, pattern, anonymous = _kinds()
    # A role speaks first, and in it the body before the title: "president of the union's local branch"
    # is the union's, "a spokesman for the UN refugee agency" the UN's.
    texts = (*_role_parts(role), name) if role else (name,)
    for text in texts:
        owner = ACRONYM_OWNER.match(text)
        if owner and not anonymous.search(text) and (key := _aliases().get(owner.group(1).lower())) \
                and key != owner.group(1).lower() and claimant_kind(key) not in ("other", "government"):
            # "WHO's Africa office", "the WHO director-general": the WHO's, whatever the office is called
            # (not "US military": a country's bodies have kinds of their own)
            return claimant_kind(key)
    for text in texts:
        if anonymous.search(text):
            return "anonymous"
        m = pattern.search(text)  # the first word wins; at one place, the longest
        if m:
            kind = words[re.sub(r"\s+", " ", m.group().lower())]
            body = OFFICIALS_OF.match(text) if kind == "anonymous" else None
            inner = pattern.search(text, body.start(1)) if body else None
            if inner and words[re.sub(r"\s+", " ", inner.group().lower())] != "anonymous":
                # "Officials at the interior ministry", like "interior ministry officials", speak for it
                return words[re.sub(r"\s+", " ", inner.group().lower())]
            return kind
    country, _, last = name.lower().rpartition(" ")
    if name.lower() in _countries() or (country in _countries() and last in _words("document")):
        return "government"  # "Israel", "Israeli figures", "Russian estimates"
    for text in (role or "", name):
        for m in _titles_re().finditer(text):
            if _titles().get(m.group().lower()):
                return _titles()[m.group().lower()]
    if name.isupper() and (key := _aliases().get(name.lower())) and key != name.lower():
        return claimant_kind(key)  # "WHO": an acronym the kinds list cannot hold (it is also a pronoun)
    return "other"


@cache
def _aliases() -> dict[str, str]:
    """Short names and spellings of a claimant → its key (data/lexicon/claimant_aliases.csv)."""
    return mapping("claimant_aliases.csv", "alias", "key")


def _role_parts(role: str) -> tuple[str, ...]:
    """The body a role belongs to, then the whole role: "health ministry's chief epidemiologist" →
    ("health ministry", …); "deputy head of the UN mission" → ("the UN mission", …)."""
    m = ROLE_BODY.search(role) or ROLE_OWNER.search(role)
    return (m.group(1), role) if m else (role,)


ROLE_BODY = re.compile(r"\s(?:of|for|at|with)\s+(.+)$")
# ... a named one first: "a professor of epidemiology at Imperial College" speaks for Imperial College
ROLE_BODY_NAMED = re.compile(r"\s(?:of|for|at|with)\s+((?:the\s+)?[A-Z].*)$")
ROLE_OWNER = re.compile(r"^(.+?)['’]s?\s")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in the text, in order (see QUOTE_MARKS). Found with str.find, which
    skips to a character fifteen times faster than a regex scanning for a set of them."""
    found: list[tuple[int, int]] = []
    pos = 0
    next_open = {mark: text.find(mark) for mark in QUOTE_MARKS}
    while True:
        for mark, at in next_open.items():
            if 0 <= at < pos:  # inside the quotation just read: look again after it
                next_open[mark] = text.find(mark, pos)
        opened = [(at, mark) for mark, at in next_open.items() if at >= 0]
        if not opened:
            return found
        start, mark = min(opened)
        close = text.find(QUOTE_MARKS[mark], start + 1)
        pos = len(text) if close < 0 else close + 1
        found.append((start, pos))


# -- the reader ----------------------------------------------------------------------------------

class Reader:
    """Attributions of one article, read sentence by sentence as quantities ask for them."""

    def __init__(self, text: str, sentences: list[Span]):
        self.text = text
        self.sentences = sentences
        self.paragraph_of = [s.paragraph for s in sentences]
        self.starts = [s.start for s in sentences]
        self._read: dict[int, list[Attribution]] = {}
        self._credited: list[tuple[int, str, str | None]] = []  # (position, name, role), in text order
        self._quotes: list[tuple[int, int]] | None = None
        self._quote_starts: list[int] = []
        self._roles: dict[str, str] | None = None  # "south korean defence minister" → "Kim Yong-Hyun"
        self._learned_roles: dict[str, str] = {}  # the same, from the attributions read so far
        self._role_of: dict[str, str] = {}  # full name → role text
        self._mentioned: dict[str, str | None] = {}  # full name → the role its first mention gives
        self._people: dict[str, str | None] = {}  # surname → full name, looked up on demand

    # -- what a quantity asks ------------------------------------------------------------------
    def gapped(self, raw: str, pos: int, sentence_index: int) -> Attribution | None:
        """"Police said 8,000 people attended, organisers 20,000": the source named before a figure whose
        reporting verb the sentence leaves out, or None where those words name no source ("the rest")."""
        phrase = _bare(raw)
        if not phrase or not (_kinds()[1].search(phrase) or phrase[0].isupper()) or number_at(phrase, 0) \
                or any(w.lower() in _verb_words() or w.lower() in _words("boundary") for w in phrase.split()):
            return None  # (a verb of its own: "…, though organisers claimed 30,000")
        return self._make(pos, pos, raw, self.sentences[sentence_index])

    def governing(self, q_start: int, sentence_index: int) -> Attribution | None:
        """The attribution that credits the quantity at q_start in sentence `sentence_index`."""
        quote = self.in_quote(q_start)
        own = self.attributions(sentence_index)
        if quote:
            own = [a for a in own if not quote[0] <= a.verb_start < quote[1]]
        # ("the 10% forecast by economists" credits the figure before it, not "…, while imports grew 0.3%")
        before = [a for a in own if a.verb_end <= q_start
                  and not (a.by_agent and self.text.find(",", a.verb_end, q_start) >= 0)]
        # A passive "… are expected to …" leaves the figure to a source the sentence names after it
        # ("…, the union says"); alone, it credits nobody. A source after a semicolon does not reach
        # back across it ("Thousands rallied; organisers claimed 100,000": the thousands are the article's).
        after = [a for a in own if a.verb_start >= q_start and not a.forward and a.claimant is not None
                 and not (a.relative and not RELATIVE_SOURCE.match(self.text, q_start, a.verb_start))
                 and not (a.by_agent and not FIGURE_RIGHT_BEFORE.fullmatch(self.text, q_start, a.verb_start))
                 and self.text.find(";", q_start, a.verb_start) < 0
                 and not (a.own_clause and CLAUSE_BREAK.search(self.text, q_start, a.verb_start))]
        if after and (after[0].relative or after[0].by_agent):
            return after[0]  # "well short of the $4.1 billion the UN says is needed": the UN's, whoever spoke
        if before and after and self.text[after[0].verb_start] in "Aa" \
                and (CLAUSE_BREAK.search(self.text, before[-1].verb_end, q_start)
                     or not self._named_here(before[-1], sentence_index)):
            # "…, the union said, and 1.5 million were affected, according to X": X's; so is "estimates range
            # as high as 150,000, according to X", whose "estimates" names no one in the sentence
            return after[0]
        if before and after and self._reports_recorded(before[-1], after[0], q_start, sentence_index):
            return after[0]
        if before and before[-1].claimant is None and len(before) > 1 and before[-2].claimant is not None \
                and not CLAUSE_BREAK.search(self.text, before[-2].verb_end, before[-1].verb_start):
            return before[-2]  # "The IPC said famine had been confirmed in five areas": a passive it reports
        if before and (before[-1].claimant is not None or not after):
            if after and before[-1].via is None and after[0].kind == "media" and after[0].claimant \
                    and self._closes_sentence(after[0], sentence_index):
                # "Sources … said 3,000 had been killed, CNN reported": the sources' figure, via CNN
                said = before[-1]
                return _restated(said, said.verb_start, said.verb_end, via=after[0].claimant)
            return before[-1]
        if after:
            return after[0]
        if quote:
            return self._speaker(quote, self.sentences[sentence_index].paragraph)
        return self._lead_in(sentence_index) or self._source_line(sentence_index)

    def _lead_in(self, i: int) -> Attribution | None:
        """Who a list item's figure comes from: the line that introduces the list, ending in a colon, with a
        source ("The ministry said:") or a document that names one ("Key figures from the government's
        latest update:")."""
        text, span = self.text, self.sentences[i]
        if text[text.rfind("\n", 0, span.start) + 1] not in "-*•":
            return None
        j = i - 1
        while j >= 0 and i - j <= MAX_LIST_ITEMS \
                and text[text.rfind("\n", 0, self.sentences[j].start) + 1] in "-*•":
            j -= 1
        lead = self.sentences[j] if j >= 0 else None
        line = text[lead.start:lead.end].rstrip() if lead else ""
        if lead is None or not line.endswith(":"):
            return None
        said = [a for a in self.attributions(j) if a.claimant is not None]
        if said:
            return said[-1]
        if _parse_source(line[:-1])[0] != "document":
            return None  # "Key points:": no source
        name, role = self.resolve(line[:-1], lead.start)
        return Attribution(lead.start, lead.start, name, None, claimant_kind(name, role), lead.paragraph) \
            if name else None

    def _source_line(self, i: int) -> Attribution | None:
        """Who a table's or a list's figure comes from when a line right after it says so ("Source:
        National Disaster Risk Reduction and Management Council")."""
        text, span = self.text, self.sentences[i]
        line_start = text.rfind("\n", 0, span.start) + 1
        if text[line_start] not in "|-*•":
            return None
        pos = line_start
        for _ in range(MAX_LIST_ITEMS):  # to the end of the table or list
            end = text.find("\n", pos)
            if end < 0:
                return None
            pos = end + 1
            while text.startswith("\n", pos):
                pos += 1
            if pos >= len(text) or text[pos] not in "|-*•":
                break
        found = SOURCE_LINE.match(text, pos)
        if found is None:
            return None
        name, role = self.resolve(found.group(1), pos)
        return Attribution(pos, pos, name, None, claimant_kind(name, role), span.paragraph) if name else None

    def _closes_sentence(self, attribution: Attribution, i: int) -> bool:
        """Does the attribution's reporting clause end its sentence ("…, CNN reported on Monday.")?"""
        tail = self.text[attribution.verb_end:self.sentences[i].end]
        return len(tail.split()) <= 3 and not any(c.isdigit() for c in tail) \
            and self.text.rfind(",", self.sentences[i].start, attribution.verb_start) >= 0

    def _named_here(self, attribution: Attribution, i: int) -> bool:
        """Does sentence i name the attribution's claimant before its verb (not a pronoun or a bare
        "estimates" standing for one named earlier)?"""
        name = attribution.claimant
        return name is not None and self.text.find(name, self.sentences[i].start, attribution.verb_start) >= 0

    def _reports_recorded(self, inner: Attribution, outer: Attribution, q_start: int, i: int) -> bool:
        """"Hospitals recorded 4,812 cases, the health department said": a source closing the sentence
        after a comma reports what nameless ones before it recorded or counted, so it is the claimant.
        Not when the first one speaks too ("X said 40 died, Y said" sets two sources side by side) or has
        a name ("A UN team counted 200 injured, a UN spokesman said": the team is the source)."""
        words = (inner.claimant or "").split()
        if self.text[inner.verb_start:inner.verb_end].lower() in _words("speech") \
                or _proper(" ".join(words[1:])) or (words and len(words[0]) > 1 and words[0].isupper()):
            return False  # (its first word may be capitalised only because it opens the sentence)
        tail = self.text[outer.verb_end:self.sentences[i].end]
        return "," in self.text[q_start:outer.verb_start] and len(tail.split()) <= 4 and not any(
            c.isdigit() for c in tail)

    def attributions(self, i: int) -> list[Attribution]:
        """The attributions of sentence i, read on first use."""
        found = self._read.get(i)
        if found is None:
            found = self._read[i] = self._read_sentence(self.sentences[i])
        return found

    def _speaker(self, quote: tuple[int, int], paragraph: int) -> Attribution | None:
        """Who speaks a quote with no attribution in its sentence: the source named outside quotes in
        its paragraph (after the quote first: "…,” she said"), else the last one of the paragraph before."""
        first = bisect.bisect_left(self.paragraph_of, paragraph)
        last = bisect.bisect_right(self.paragraph_of, paragraph)
        same = [a for i in range(first, last) for a in self.attributions(i) if not a.in_quote]
        after = [a for a in same if a.verb_start >= quote[1]]
        if after or same:
            return (after or same)[0]
        if paragraph > 0:
            start = bisect.bisect_left(self.paragraph_of, paragraph - 1)
            previous = [a for i in range(start, first) for a in self.attributions(i) if not a.in_quote]
            if previous:
                return previous[-1]
        return None

    def in_quote(self, pos: int) -> tuple[int, int] | None:
        if self._quotes is None:
            self._quotes = quotations(self.text)
            self._quote_starts = [start for start, _ in self._quotes]
        i = bisect.bisect_right(self._quote_starts, pos) - 1  # the last quote opening at or before pos
        if i >= 0 and pos < self._quotes[i][1]:
            return self._quotes[i]
        return None

    # -- reading a sentence --------------------------------------------------------------------
    def _read_sentence(self, span: Span) -> list[Attribution]:
        text, found = self.text, []
        s, e = span.start, span.end
        sentence = text[s:e]
        # Cheap substring guards first: most sentences have none of these, and the patterns backtrack.
        citing = "iting" in sentence or "uoting" in sentence or " cited " in sentence  # ("Citing", "quoting")
        if "ccording" in sentence or "reported by" in sentence:
            for m in ACCORDING.finditer(sentence):
                name_end = _phrase_end(text, s + m.end(), e)
                role = APPOSITION_ROLE.match(text, name_end, e)  # "…, a rights group that tracks the toll"
                raw = text[s + m.end() : name_end]
                named = NAME_AFTER_ROLE.match(text, name_end, e)
                if named and _is_person(named.group(1)) and _bare(raw).split()[-1].lower() in _titles():
                    # "according to Maine's public safety commissioner, Michael Sauschuck": the person
                    according = self._make(s + m.start(), s + m.end(), named.group(1), span, role=_bare(raw))
                else:
                    according = self._make(s + m.start(), s + m.end(), raw, span,
                                           role=role.group(1) if role else None)
                if citing and CITING_AFTER.match(text, name_end, e):  # "according to Reuters, citing …"
                    according = self._cited_after(according, name_end, e, span)
                found.append(according)
        if citing:
            for m in _citing_matches(sentence):
                verb = _verbs_re().match(text, s + m.end())
                if verb:
                    found.append(self._cited(s + m.end(), s + verb.end() - verb.start() + m.end(),
                                             m.group(1), m.group(2), span))
        if "quoted" in sentence:
            for m in QUOTED_AS.finditer(sentence):
                # "Reuters quoted X as saying": X speaks, Reuters carries it (as "Reuters, citing X").
                outlet = self._source_before(s + m.start(), s)
                found.append(self._cited(s + m.start(), s + m.end(), outlet[0], m.group(1), span) if outlet
                             else self._make(s + m.start(), s + m.end(), m.group(1), span))
            for m in WAS_QUOTED.finditer(sentence):
                speaker = self._source_before(s + m.start(), s)
                if speaker is not None:
                    found.append(self._make(s + m.start(), s + m.end(), speaker[0], span, role=speaker[1],
                                            via=m.group("by") or m.group("after")))
        taken = [(a.verb_start, a.verb_end) for a in found]
        floor = s  # a subject does not reach back past another reporting verb ("X said the plan would put")
        for v_start, v_end in _verb_spans(sentence, s):
            floor, subject_floor = v_end, floor
            if any(a <= v_start < b for a, b in taken) or text[v_start:v_end].lower() == "quoted":
                continue
            if NEGATED.search(text, max(s, v_start - 12), v_start):
                continue  # "a figure Moscow has not confirmed", "did not say": no one claims it
            agent = None
            if text.startswith("ed", v_end - 2) or text[v_start:v_end] in ("put", "forecast", "given"):
                agent = BY_AGENT.match(text, v_end, e) or AT_FIGURE_BY.match(text, v_end, e)
            if agent is not None:  # "the “one million” claimed by opposition leader Nika Gvaramia"
                attribution = self._make(v_start, v_end, agent.group(1), span)
                attribution.by_agent = True
                found.append(attribution)
                continue
            if PASSIVE.search(text, max(s, v_start - 20), v_start) and not text.startswith("ing", v_end - 3) \
                    and not (text.startswith("told", v_start)
                             and BEEN.search(text, max(s, v_start - 6), v_start)):
                # ("The BBC has been told that …": the outlet that was told reports it)
                # Passive "it was reported", "are believed": the article credits nobody.
                found.append(Attribution(v_start, v_end, None, paragraph=span.paragraph))
                continue
            reporter = self._reporter_before(found, v_start, v_end)
            if reporter is not None:  # "…, the air force said on Tuesday, adding that …": the air force
                found.append(reporter)
                continue
            # "the $4.1bn the United Nations says is needed": a relative clause credits the figure before
            relative = RELATIVE_SOURCE_BACK.match(text[max(s, v_start - 60):v_start][::-1])
            # "the Oryx project, which counts only losses confirmed by photos, has documented 3,700": the
            # subject stands before the relative clause (whose own verbs set no floor for it)
            relative_clause = "which" in sentence or "who" in sentence
            aside = ASIDE_BEFORE.search(text, s, v_start) if relative_clause else None
            source = ((relative.group("source")[::-1].strip(), None) if relative else None) \
                or (self._source_before(aside.start(), s) if aside else None) \
                or self._source_before(v_start, subject_floor) or self._source_after(v_end, e) \
                or self._shared_subject(v_start, s)
            if source is not None and source[0].lower() in SUBJECT_PRONOUNS and found \
                    and found[-1].claimant is not None \
                    and SAID_PRONOUN.search(text, max(s, v_start - 30), v_start):
                # "A survivor told Reuters he counted 70 bodies": "he" is whoever told it
                found.append(_restated(found[-1], v_start, v_end))
                continue
            if source is None or (_verb_needs().get(text[v_start:v_end].lower()) == "document"
                                  and not _document(_head(source[0])) and not _finder(source[0])
                                  and _head(source[0]).split()[-1].lower() not in _words("document")
                                  and not TOLL_GIVEN.match(text, v_end)
                                  and not _made_by(text[subject_floor:v_start])):
                continue
            leading = LEADING_CITING.match(text, s, v_start) if citing else None
            if leading is not None:  # "Citing the health ministry, TASS said": the ministry's, via TASS
                attribution = self._cited(v_start, v_end, source[0], leading.group(1), span)
            else:
                attribution = self._make(v_start, v_end, source[0], span, role=source[1])
            attribution.relative = relative is not None
            if aside is not None and attribution.claimant and _kinds()[2].search(aside.group()):
                attribution.kind = "anonymous"  # "A Ukrainian commander, who asked not to be named, told"
            if citing and leading is None:
                attribution = self._cited_after(attribution, v_end, e, span)
            found.append(attribution)
        for attribution in found:
            if text[attribution.verb_start] not in "Aa":  # "according to X" covers the figure before it
                # "…, saying 12 soldiers had died": a participle reports what follows it, like "said that"
                a_start, a_end = attribution.verb_start, attribution.verb_end
                said_pronoun = text.endswith(PRONOUNS_SPACED, max(s, a_start - 6), a_start) \
                    and SAID_PRONOUN.search(text, max(s, a_start - 20), a_start) is not None
                attribution.forward = bool(FORWARD.match(text, a_end, e)
                                           or PARTICIPLE.fullmatch(text, a_start, a_end) or said_pronoun)
                attribution.own_clause = text.startswith(PRONOUNS_SPACED, a_end) \
                    and OWN_CLAUSE.match(text, a_end, e) is not None
        found.sort(key=lambda a: a.verb_start)
        return found

    def _source_before(self, verb_start: int, floor: int) -> tuple[str, str | None] | None:
        """The noun phrase that ends right before a reporting verb, cut at the clause's start, and the
        role an apposition gives it ("Derna's mayor, Khaled Busaid, said")."""
        head = self.text[floor:verb_start]
        if ("based on" in head or "d from" in head) and (basis := BASED_ON.search(head)) is not None:
            head = head[: basis.start()]  # "An AFP tally based on police and hospital figures put …": AFP's
        tokens = head.split()
        auxiliaries, boundaries = _words("auxiliary"), _words("boundary")
        while tokens and tokens[-1] in auxiliaries:  # "Shelter Now said": a capital makes it a name
            tokens.pop()
        if tokens and ACRONYM_IN_BRACKETS.fullmatch(tokens[-1]):
            tokens.pop()  # "the Armed Conflict Location & Event Data Project (Acled) show": the name before
        if not tokens:
            return None
        if tokens[-1].endswith(","):  # "The energy minister, Alparslan Demir, later told": the apposition
            publisher = RELEASED_BY.search(head)
            if publisher is not None and (publisher.group("verb") or _made_by(head)):
                # "The figures, released by the statistics office on Friday, showed …": the publisher; so
                # of "The report, by the Norwegian Refugee Council, found", "The study, published in The
                # Lancet, estimated"
                return _bare(TEMPORAL.sub("", publisher.group("maker")).strip()), None
            return _apposition(" ".join(tokens)[:-1])
        kept: list[str] = []
        for i, token in enumerate(reversed(tokens)):
            bare = token.strip(PUNCTUATION).lower()
            if token[-1] in ",;:”\"—–)":
                break
            # "officials who spoke on condition of anonymity", "a UN team that visited the site": a
            # restrictive clause stays; "said that" is no relative clause; "Rail and Transport Union" is
            # one name.
            previous = tokens[-i - 2] if i + 1 < len(tokens) else ""
            inside_name = bare == "and" and kept and kept[-1][:1].isupper() and previous[:1].isupper() \
                and previous[-1] not in ",;:"
            acronym = len(bare) > 1 and token.strip(PUNCTUATION).isupper()  # "the WHO said": no "who"
            if bare in boundaries and not inside_name and not acronym and (
                    bare not in ("who", "that") or not kept or not previous
                    or previous.strip(PUNCTUATION).lower() in _verb_words()):
                break
            kept.append(token)
            if token[0] in "“\"(" or (i == 0 and bare in SUBJECT_PRONOUNS):
                break  # "A survivor told Reuters he counted 70 bodies": "he" is all the subject
        phrase = TEMPORAL.sub("", " ".join(reversed(kept)).strip("“”\"'‘’() ")).strip()
        phrase = RELEASED.sub("", LEADING_TEMPORAL.sub("", phrase))  # "Government data released (on Friday)"
        phrase = phrase.removeprefix("with ")  # "…, with organisers saying some 100,000 attended"
        if not _looks_like_source(phrase) and (agent := DOCUMENT_BY.search(phrase)):
            phrase = _before_head_end(agent.group(1))  # "A survey of 1,514 voters by the pollster Veritas …"
        named = ROLE_THEN_NAME.match(phrase) if " the " in phrase and phrase[:1].islower() else None
        if named and _title_case(named.group("name")):  # "organisers the Palestine Solidarity Campaign"
            return named.group("name"), named.group("role").strip()
        return (phrase, None) if _looks_like_source(phrase) else None

    def _reporter_before(self, found: list[Attribution], verb_start: int,
                         verb_end: int) -> Attribution | None:
        """A participle after a comma that follows a reporting clause ("…, the Ukrainian air force said on
        Tuesday, adding that …", "X said 40 died, adding …") speaks for that clause's source: its
        attribution again, at the participle."""
        if not self.text.startswith(", ", verb_start - 2) \
                or not PARTICIPLE.fullmatch(self.text, verb_start, verb_end):
            return None
        said = next((a for a in reversed(found) if a.verb_end <= verb_start and a.claimant is not None), None)
        if said is None:
            return None
        return _restated(said, verb_start, verb_end, in_quote=self.in_quote(verb_start) is not None)

    def _shared_subject(self, verb_start: int, floor: int) -> tuple[str, str | None] | None:
        """"The transport minister, Ilse Varga, declined to confirm it but told parliament …": a reporting
        verb right after "and"/"but", or a participle after a comma ("The army denied the report, saying
        …"), shares the subject that opens the sentence."""
        if not SHARED_VERB.search(self.text, max(floor, verb_start - 12), verb_start) and not (
                self.text.startswith(", ", verb_start - 2) and PARTICIPLE.match(self.text, verb_start)):
            return None
        opening = OPENING_SUBJECT.match(self.text, floor, verb_start)
        if opening is not None and opening.group("role"):
            return _apposition(f"{opening.group('role')}, {opening.group('name')}")
        if opening is not None and _is_person(opening.group("name")):
            return opening.group("name"), None
        titled = TITLED_OPENING.match(self.text, floor, verb_start)
        if titled is not None and _is_person(titled.group("name")) \
                and titled.group("role").split()[-1].lower().rstrip(".") in _titles():
            return titled.group("name"), titled.group("role").strip()  # "Opposition leader Rahul Gandhi …"
        # "The ministry does not distinguish …, but says more than half …": a body opening the sentence
        body = _opening_org(self.text, floor, verb_start)
        return (body, None) if body else None

    def _source_after(self, verb_end: int, limit: int) -> tuple[str, str | None] | None:
        """Inverted attribution: '…, said Andrei Lankov, director of …'."""
        m = INVERTED.match(self.text, verb_end, limit)
        if not m:
            return None
        phrase = IN_A_STATEMENT.sub("", m.group(1).strip())  # "said Montana in a statement"
        of = PERSON_OF_BODY.fullmatch(phrase)
        if of and m.group(2) is None and _is_person(_split_role(of.group("person"))[1] or ""):
            return of.group("person"), of.group("body")  # "said Col. Ahmed Saleh of the civil defence"
        return (phrase, m.group(2)) if _looks_like_source(phrase) else None

    def _cited(self, start: int, end: int, outlet: str, cited: str, span: Span) -> Attribution:
        """"X, citing Y, reported": Y is the claimant and X the channel, unless Y is nameless, in which
        case X vouches for the figure and stays the claimant."""
        outlet = _last_clause(outlet)
        if _nameless(cited):
            return self._make(start, end, outlet, span, via=cited.strip())
        return self._make(start, end, cited, span, via=outlet)

    def _cited_after(self, said: Attribution, verb_end: int, limit: int, span: Span) -> Attribution:
        """"X said …, citing Y": as `_cited`, the cited source read after the verb."""
        m = CITING_AFTER.search(self.text, verb_end, limit)
        if not m or said.claimant is None or _verbs_re().match(self.text, m.end() + 2):
            return said  # none, or "…, while the Monitor, citing the UN, said": the next verb's
        cited, named, role = m.group(1).strip(), m.group(2), None
        if named and _is_person(named.strip()):
            cited, role = named.strip(), cited  # "citing the local police chief, Anatoly Brek"
        if _nameless(cited):
            if claimant_kind(cited) == "other" and not _names_document(_head(cited)) and not _document(cited):
                return said  # "citing a lack of verified records", "citing security concerns": a reason
            said.via = _bare(cited)  # "citing a local official": without the article, as a claimant
            return said
        return self._make(said.verb_start, said.verb_end, cited, span, via=said.claimant, role=role)

    def _make(self, start: int, end: int, raw: str | None, span: Span, via: str | None = None,
              role: str | None = None) -> Attribution:
        seen = SEEN_BY.match(raw) if raw and via is None and " by " in raw else None
        if seen and _names_document(seen.group(1)) and not _nameless(_bare(seen.group(1))):
            # "Border Patrol data seen by The Washington Post": the maker's figure, carried by the paper
            # (a nameless "internal assessment seen by …" stays the claimant, anonymous)
            return self._make(start, end, seen.group(1), span, via=seen.group(2), role=role)
        unnamed = bool(raw and INDEFINITE.match(raw.strip()))
        name, role = self.resolve(raw, start, role)
        client = FOR_CLIENT.search(raw) \
            if raw and via is None and " for " in raw and POLL.search(raw) else None
        if client:  # "Polling by Ipsos for Reuters": the pollster's figure, carried by its client (not "the
            # International Organization for Migration": only a poll has a client)
            name, via = client.groups()
        via_name = (_bare(via) if _nameless(via) else self.resolve(via, start)[0]) if via else None
        kind = claimant_kind(name, role)
        if unnamed and name and not _proper(_head(name)) and not _national_body(name) \
                and not _names_document(raw) and not _document(_bare(raw)) \
                and name.rpartition(" ")[2].lower() not in SPOKESPEOPLE:
            # "a doctor at a nearby hospital", "a Russian military source"; but "a US intelligence
            # assessment" and "a statement from the governor's office" are the work of a body of its kind,
            # and "a police spokesperson" speaks for one on the record
            kind = "anonymous"
        if name:
            self._credit(start, name, role)
        return Attribution(start, end, name, via_name, kind, span.paragraph, self.in_quote(start) is not None)

    def _credit(self, pos: int, name: str, role: str | None) -> None:
        bisect.insort(self._credited, (pos, name, role))

    # -- names ---------------------------------------------------------------------------------
    def resolve(self, raw: str | None, pos: int, role: str | None = None) -> tuple[str | None, str | None]:
        """Fold a source phrase to a readable name and its role: articles and titles dropped, surnames,
        role nouns and pronouns mapped onto the name the article gives, documents onto their source."""
        if not raw:
            return None, role
        shape, phrase, found = _parse_source(raw)  # what the phrase is, whatever the article
        if shape == "empty":
            return None, role
        if shape == "pronoun_person":
            person = self._person_before(pos)
            known = (self._role_of.get(person) or self._role_at_mention(person)) if person else None
            if person is None and (last := self._last_credited(pos)) and _is_role(last):
                return last, role  # "The minister said he feared 40 deaths": no name, so the role
            return person, role or known
        if shape == "pronoun_org":
            return self._org_before(pos, plural=phrase.lower() == "they"), role
        if shape == "document_alone":
            return self._last_credited(pos), role  # "the report said"
        if shape == "document":
            return self.resolve(found[0], pos, role)
        if shape == "named":
            split_role, name = found
            role = self._own_role(role, pos) if role else split_role
            if role and split_role and split_role != role:
                role = f"{role}, {split_role}"  # "Dr Amara Okafor, who heads the intensive care unit"
            if len(name.split()) == 1 and name.lower() not in _countries():
                # a surname, or an acronym ("WHO" is no one's surname); a country is no one's either
                name = (None if name.isupper() else self._full_name(name)) or self._expand_acronym(name, pos)
            if role:
                self._learned_roles.setdefault(role.lower(), name)
                self._role_of.setdefault(name, role)
            return name, role or self._role_of.get(name) or self._role_at_mention(name)
        if shape == "spokesman":
            # "a spokesman for the UN secretary general": the body speaks; "a Red Cross spokesman" after
            # "the Italian Red Cross said": the body the article named in full
            return self._credited_in_full(found[0], pos), phrase
        if shape == "role":
            return self._resolve_role(phrase, pos, unnamed=found[0])
        if shape == "generic_org":
            # "the group said", "the command said": the organisation the article last named as one.
            org = self._named_org(phrase.lower(), pos)
            if org:
                return org
        if phrase.rpartition(" ")[2].lower() in _words("leader"):  # "the NATO chief"
            person = self._person_for_role(phrase.lower())
            if person:
                return person, self._role_of.get(person) or phrase
        return phrase, role

    def _resolve_role(self, phrase: str, pos: int, unnamed: bool) -> tuple[str | None, str | None]:
        """A role alone ("the Ukrainian president"): the person the article tied to it; "a spokesman"
        speaks for the body credited last; else the role itself ("the state governor")."""
        low = phrase.lower()
        person = self._person_for_role(low)
        if person:
            self._role_of.setdefault(person, phrase)
            return person, self._role_of[person]  # the fuller role: "defence minister" for "the minister"
        if unnamed and low.rpartition(" ")[2] in SPOKESPEOPLE:  # (not "a Ukrainian commander": one of many)
            body = self._last_credited(pos, people=False)
            if body:
                return body, phrase
        person = self._person_before(pos, title=low.split()[-1])
        if person:
            self._role_of.setdefault(person, phrase)
            return person, phrase
        return phrase, phrase

    def roles(self) -> dict[str, str]:
        """Role → the person the article ties to it, from titled names anywhere in the article (read
        only when a role stands alone) and from the attributions read so far."""
        if self._roles is None:
            self._roles = {}
            for role, name in _titled_names(self.text):
                self._roles.setdefault(role.lower(), name)
                self._role_of.setdefault(name, role)
        return {**self._roles, **self._learned_roles}

    def _full_name(self, surname: str) -> str | None:
        """The first full name the article gives a surname ("Zelensky" → "Volodymyr Zelensky"): each place
        the surname stands is looked at, not the whole article."""
        if surname not in self._people:
            self._people[surname] = None
            at = self.text.find(surname)
            while at > 0 and self._people[surname] is None:
                m = NAME_BEFORE.search(self.text, max(0, at - 40), at)
                if m and _ends_word(self.text, at + len(surname)):
                    words = m.group(1).split()
                    while words and (words[0].lower() in _titles() or words[0].lower() in HONORIFICS):
                        words = words[1:]
                    name = " ".join([*words, surname])
                    if words and _is_person(name):
                        self._people[surname] = name
                at = self.text.find(surname, at + 1)
        return self._people[surname]

    def _person_for_role(self, role: str) -> str | None:
        """The person the article tied to a role: "the minister" is "defence minister Issa Traoré". The roles
        of the attributions read so far are tried before the article is scanned for titled names."""
        bare = " ".join(w for w in role.split() if w.capitalize() not in _demonym_words())
        for roles in (self._learned_roles, self.roles()):
            for key in (role, bare):
                if key in roles:
                    return roles[key]
            tied = {name for known, name in roles.items() if known.endswith(" " + bare)}
            if len(tied) == 1:
                return tied.pop()
            body, _, head = role.rpartition(" ")
            if body and head in _words("leader"):  # "the NATO chief": the one "NATO Secretary General" named
                led = {name for known, name in roles.items() if known.startswith(body + " ")}
                if len(led) == 1:
                    return led.pop()
        # "Ukraine's top commander, Oleksandr Syrskyi … The general said": the one person of the title's kind
        kind = _titles().get(bare.rpartition(" ")[2]) if bare else None
        if kind and kind != "government":
            same = {name for roles in (self._learned_roles, self.roles()) for known, name in roles.items()
                    if _titles().get(known.rpartition(" ")[2].lower()) == kind}
            if len(same) == 1:
                return same.pop()
        return None

    def _role_at_mention(self, name: str) -> str | None:
        """The role an apposition gives a person where the article first names them: "the health
        ministry's chief epidemiologist, Dr Ana Soliman," or "Marie Lefort, a spokeswoman for the union"."""
        if name in self._mentioned:
            return self._mentioned[name]
        at = self.text.find(name)
        role = None
        if at >= 0:
            before = ROLE_BEFORE.search(self.text[max(0, at - 90) : at][::-1])
            # "Her account was echoed by the mayor, Luis Ortega": the role is what follows the last verb
            # or preposition of the clause
            phrase = _bare(ROLE_CLAUSE.split(before.group(1)[::-1])[-1]) if before else ""
            if phrase and not _proper(phrase):
                role = phrase
            else:
                after = APPOSITION_ROLE.match(self.text, at + len(name))
                role = after.group(1) if after else _title_before(self.text, at)
        self._mentioned[name] = role
        role = self._own_role(role, at) if role else None
        if role:
            self._role_of.setdefault(name, role)
        return role

    def _own_role(self, role: str, pos: int) -> str:
        """"Its director" → "director of <the body credited last>", so the body gives the kind."""
        words = role.split()
        if words[0].lower() not in ("its", "their"):
            return role
        body = self._last_credited(pos, people=False)
        return f"{' '.join(words[1:])} of {body}" if body else role

    def _expand_acronym(self, short: str, pos: int) -> str:
        """"UN" after "the United Nations": the name whose initials the acronym spells."""
        if not (2 <= len(short) <= 6 and short.isupper()):
            return short
        defined = self.text.rfind(f"({short})", 0, pos)
        if defined > 0:  # "the Integrated Food Security Phase Classification (IPC)": the name before it
            named = [m for m in ORG_NAME.finditer(self.text, max(0, defined - 120), defined)
                     if not self.text[m.end():defined].strip()]
            if named:
                return _bare(named[-1].group())
        for m in reversed(list(ORG_NAME.finditer(self.text, max(0, pos - LOOKBACK), pos))):
            name = _bare(m.group())
            if "".join(w[0] for w in name.split() if w[:1].isupper()) == short:
                return name
        return short

    def _person_before(self, pos: int, title: str | None = None) -> str | None:
        """The person named last before `pos` ("… Lena Hartmann … she said"); with a title ("the
        president"), the last one the article gives no other role."""
        for m in reversed(list(PERSON.finditer(self.text, max(0, pos - LOOKBACK), pos))):
            run = m.group() + (more.group() if (more := MORE_NAME.match(self.text, m.end())) else "")
            words = run.split()
            if words[0].lower() in HONORIFICS or words[0].lower() in _titles():
                words = words[1:]
            elif len(words) > 2 and (titled := _split_role(run)[1]):
                words = titled.split()  # "Interior Minister Bruno Retailleau": a title, then the name
            name = " ".join(words)
            if len(words) == 1:
                name = self._full_name(name) or ""
            if name and _is_person(name):
                if title is None:
                    return name
                known = self._role_of.get(name) or self._role_at_mention(name)
                if not known or known.lower().split()[-1] == title:
                    return name
        return None

    def _org_before(self, pos: int, plural: bool) -> str | None:
        """What "it" or "they" stands for: an organisation opening the sentence before, else the source
        credited last (any, for "they"), else the organisation named last."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if plural and i >= 0:
            # "a figure the unions dismissed …; they claimed": the last body named in the sentence.
            words, pattern, _ = _kinds()
            bodies = [m.group() for m in pattern.finditer(self.text, self.sentences[i].start, pos)
                      if m.group().lower().endswith("s") and words[m.group().lower()] != "anonymous"]
            if bodies:
                return bodies[-1]
        if not plural and i >= 0 and (here := self._last_credited(pos, people=False)) is not None \
                and any(self.sentences[i].start <= p < pos and name == here for p, name, _ in self._credited):
            return here  # "Kinetic said its analysis of drone footage suggested …": the body just credited
        for j in (i - 1, i):
            if j >= 0:
                subject = _opening_org(self.text, self.sentences[j].start, self.sentences[j].end)
                if subject and (j == i - 1 or self.text.find(subject, self.sentences[j].start) + len(subject)
                                <= pos):  # (named before the pronoun: not "It claimed Ukrainian forces")
                    return subject
        found = self._last_credited(pos, people=None if plural else False)
        if found:
            return found
        org = self._named_org(None, pos)
        return org[0] if org else None

    def _last_credited(self, pos: int, people: bool | None = None) -> str | None:
        """The source credited last before `pos`: any, or only people / only bodies."""
        for p, name, role in reversed(self._credited):
            if p < pos and (people is None or _is_person(name, role) == people):
                return name
        return None

    def _credited_in_full(self, body: str, pos: int) -> str:
        """The fuller name of a body the article credited before ("Italian Red Cross" for "Red Cross")."""
        tail = body.lower().split()
        for p, name, _ in reversed(self._credited):
            if p < pos and name.lower().split()[-len(tail):] == tail:
                return name
        return body

    def _named_org(self, noun: str | None, pos: int) -> tuple[str, str | None] | None:
        """The organisation "the agency" stands for: the latest credited source whose name or role has
        the noun ("Turkey's disaster agency, AFAD"), else the latest capitalised name with it ("US Central
        Command" for "the command"), else the latest organisation-like name."""
        if noun is not None:
            for p, name, role in reversed(self._credited):
                if p >= pos:
                    continue
                if noun in name.lower().split():
                    return name, role
                if role and noun in re.findall(r"[a-z]+", role.lower()):
                    # "Pat Keane, general secretary of the nurses' union" … "the union says"
                    body = _role_parts(role)[0] if _is_person(name) else name
                    return (_bare(body), None) if body != role or not _is_person(name) else (name, role)
        names = [m.group() for m in ORG_NAME.finditer(self.text, max(0, pos - LOOKBACK), pos)]
        for name in reversed(names):
            if noun and noun in name.lower().split():
                return _bare(name), None
        if noun is not None:
            # "the charity said" after "Médecins Sans Frontières told …": the last body of its kind; "the
            # company said" after "Volkner Motors said": the last body.
            kind = claimant_kind(noun)
            generic = kind in (None, "other") or noun in _words("any_body")  # "the agency": WFP too
            for p, name, role in reversed(self._credited):
                if p < pos and not _is_person(name, role) and (generic or claimant_kind(name, role) == kind) \
                        and not _other_type(name, noun) and not _other_noun(name, noun):
                    return name, role
            # "Nordair lost €312m …, the company's figures show": the name that opens the sentence.
            i = bisect.bisect_right(self.starts, pos) - 1
            opening = ORG_NAME.match(self.text, self.sentences[i].start) if i >= 0 and generic else None
            if opening and _is_body(opening.group()) and not PEOPLE_NOUN.fullmatch(opening.group()) \
                    and not number_at(self.text, opening.start()):  # (not the hedge of "Some 30,000 homes")
                return _bare(opening.group()), None
        for name in reversed(names):
            if any(w.lower() in _words("org_word") for w in name.split()) and len(name.split()) > 1 \
                    and not (noun and _other_type(name, noun)):
                return _bare(name), None
        return None


# -- phrases -------------------------------------------------------------------------------------


def _citing_matches(sentence: str) -> Iterator[re.Match[str]]:
    """What CITING.finditer(sentence) finds, tried only where a clause starts (at the start, where the
    last match ended, after a comma or semicolon): its first part holds no comma, so a match that fails
    at a clause's first character fails at all the others, and trying each made the search quadratic."""
    pos = 0
    while pos < len(sentence):
        m = CITING.match(sentence, pos)
        if m:
            yield m
            pos = m.end()
        elif mark := CLAUSE_MARK.search(sentence, pos):
            pos = mark.end()
        else:
            return


@cache
def _verb_scan() -> AhoCorasick:
    return AhoCorasick(sorted(_verb_words()))


def _verb_words_at(text: str) -> list[tuple[int, int, str]]:
    """(start, end, previous word) of each reporting verb in the text (lower case), a verb being a whole
    whitespace-delimited word once the punctuation around it is stripped ("said," "(told"). Found by
    one Aho-Corasick scan of the text, then checked word by word where a verb stands (few places)."""
    low = text.lower()
    found = []
    for _, start, end in _verb_scan().find_matches_as_indexes(low, overlapping=True):
        word_start, word_end = start, end
        while word_start and not low[word_start - 1].isspace():
            word_start -= 1
        while word_end < len(low) and not low[word_end].isspace():
            word_end += 1
        if low[word_start:word_end].strip(PUNCTUATION) == low[start:end]:  # not "unsaid", "said-so"
            before = low[:word_start].rsplit(None, 1)
            previous = before[-1].strip(PUNCTUATION) if before else ""
            if before and PLURAL_POSSESSIVE.fullmatch(before[-1]):
                previous += "'s"  # "economists' forecasts": a noun after a possessive (not "'rebels' said")
            found.append((start, end, previous))
    return sorted(found)


@lru_cache(maxsize=8192)
def _parse_source(raw: str) -> tuple[str, str, tuple[Any, ...]]:
    """(shape, phrase, details) of a source phrase, from its words alone (so it is cached across
    articles): a pronoun, a document ("the ministry's figures" → its owner), a name with its role, a
    spokesman for a named body, a role alone, a generic body ("the agency") or a plain phrase."""
    phrase = _bare(raw)
    low = phrase.lower()
    if not phrase:
        return "empty", phrase, ()
    for shape in ("pronoun_person", "pronoun_org"):
        if low in _words(shape):
            return shape, phrase, ()
    if low in _words("document"):
        return "document_alone", phrase, ()
    first, _, rest = low.partition(" ")
    head = rest.partition(" of ")[0].split()  # "its analysis of drone footage suggested": its analysis
    if first in ("its", "their") and head and head[-1] in _words("document"):
        return "document", phrase, ("it" if first == "its" else "they",)  # "its accounts show"
    doc = _document(phrase) or _document(_head(phrase))
    if doc:
        owner = doc.group("owner") or doc.group("by") or doc.group("named")
        middle = (doc.group("middle") or "").split()
        if doc.group("owner") and _kinds()[1].search(" ".join(middle)) \
                and not any(w.lower() in _words("before_noun") for w in middle):
            owner = f"{owner}'s {' '.join(middle)}"  # "Ukraine's military intelligence figures": that body's
        return "document", phrase, (_before_head_end(TEMPORAL.sub("", owner)),)
    split_role, name = _split_role(phrase)
    if name:
        return "named", phrase, (split_role, name)
    unnamed = bool(INDEFINITE.match(raw.strip()))
    body = ROLE_BODY_NAMED.search(phrase) or ROLE_BODY.search(phrase)
    if body and unnamed and _is_role(phrase[: body.start()]) \
            and (_proper(body.group(1)) or _national_body(body.group(1))):
        return "spokesman", phrase, (_bare(body.group(1)),)
    words = phrase.split()
    if unnamed and len(words) > 1 and low.split()[-1] in SPOKESPEOPLE and _proper(" ".join(words[:-1])):
        return "spokesman", phrase, (" ".join(words[:-1]),)  # "a Red Cross spokesman": the body speaks
    if _is_role(phrase):
        return "role", phrase, (unnamed,)
    if low in _words("generic_org"):
        return "generic_org", phrase, ()
    return "plain", phrase, ()


def _find_words(text: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of every whole-word occurrence of `words` in the text, in text order: each word is
    searched for with str.find, faster than splitting a whole article when the words are few."""
    low = text.lower()
    found = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not low[at - 1].isalnum()) and _ends_word(low, end):
                found.append((at, end))
            at = low.find(word, end)
    return sorted(found)


def _verb_spans(sentence: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of each reporting verb in the sentence, not used as an adjective ("an estimated") or a
    noun ("the ministry's own estimate")."""
    needs = _verb_needs()
    return [(offset + start, offset + end) for start, end, previous in _verb_words_at(sentence)
            if not _determined(previous) and not (previous in _words("before_noun")
                                                  and _determined(_word_before(sentence, start))
                                                  and _may_be_noun(sentence[start:end].lower()))
            and _object_lets_it_report(needs.get(sentence[start:end].lower()), sentence, end)
            and not _noun_before_verb(sentence, start, end) and not _named_noun(sentence, start, end)
            and not _in_name(sentence, start) and not _describes_noun(sentence, start, end, previous)
            and not _absolute_passive(sentence, start, end)
            # "Damage estimate: 3.5 billion pesos", "…'s latest situation report:": a label, not a verb
            and not (sentence.startswith(":", end) and sentence[start:end].lower() in _words("document"))
            # "Zakharova dismissed reports that …": a word in -s right after a past verb is its object
            and not (previous.endswith("ed") and sentence[start:end].endswith("s") and previous.isalpha()
                     and sentence[:start].split()[-1:] == [previous])]  # (not "(ACLED) shows": a name)


def _in_name(sentence: str, start: int) -> bool:
    """"the United States in 1998": a capitalised word after another is part of a name, no verb."""
    if not sentence[start:start + 1].isupper():
        return False
    before = sentence[max(0, start - 30):start].split()
    return bool(before) and before[-1][:1].isupper()


def _named_noun(sentence: str, start: int, end: int) -> bool:
    """"A UN report seen by Reuters said": a name between an article and a document word in its base
    form makes it a noun (a singular subject's verb ends in -s: "The WHO estimates")."""
    verb = sentence[start:end]
    if verb.endswith("s") or verb.lower() not in _words("document"):
        return False  # (only a document word: "The Pentagon put the toll at …" reports)
    words = sentence[max(0, start - 40):start].split()
    return len(words) > 1 and words[-1][:1].isupper() and words[-2].lower() in DETERMINERS


def _describes_noun(sentence: str, start: int, end: int, previous: str) -> bool:
    """"causing losses estimated at 2 billion naira", "a crowd put at 50,000": a participle right after a
    common noun that is no source, then "at" and a figure, describes the noun; it reports nothing."""
    if not PARTICIPLE_AT.match(sentence, end) or previous in SUBJECT_PRONOUNS \
            or previous in _words("auxiliary"):
        return False  # ("The crowd was put at 3,100 by police": a passive, whose agent reports it)
    written = sentence[:start].split()
    lower_case = bool(written) and (written[-1].islower() or len(written) == 1)  # (or opening the sentence)
    return lower_case and claimant_kind(previous) == "other"


def _absolute_passive(sentence: str, start: int, end: int) -> bool:
    """"…, with dairy prices expected to increase further": what is expected, not who expects it."""
    return sentence.endswith("ed", start, end) and WITH_SUBJECT.search(sentence, max(0, start - 50), start) \
        is not None and INFINITIVE.match(sentence, end) is not None


def _may_be_noun(verb: str) -> bool:
    """"the official estimate" is a noun, but "An official said" a verb: a past tense is never a noun."""
    return not verb.endswith("ed") and verb not in ("said", "told", "says", "tells")


def _object_lets_it_report(need: str | None, sentence: str, end: int) -> bool:
    """Whether what follows a verb lets it report a figure, by its `needs` in reporting_verbs.csv: "put" a
    figure "at" something, "added" no figure ("added 256,000 jobs"), "claimed" no lives, "raised" only
    its own estimate."""
    if need == "at":
        return _figure_after_at(sentence, end)
    if need == "no_figure":
        return not number_at(sentence, end)
    if need == "no_lives":
        return not _figure_of_lives(sentence, end)
    if need == "own_estimate":
        return OWN_ESTIMATE.match(sentence, end) is not None
    return True


# "raised its estimate of the death toll to 1,200", "revised their forecast", "lowered the toll to 1,055": the
# subject's own figure
FIGURE_NOUN = r"(?:estimates?|forecasts?|tally|count|toll|figures?|projections?)\b"
OWN_ESTIMATE = re.compile(rf"\s+(?:its|their|his|her|the)\s+(?:own\s+)?(?:[\w-]+\s+){{0,2}}?{FIGURE_NOUN}")
# "The Red Crescent gave a toll of 11,300", "gave a death toll of 40": whoever gives a figure claims it.
TOLL_GIVEN = re.compile(rf"\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){{0,2}}?{FIGURE_NOUN}\s+(?:of|at)\s")
# "claimed at least 1,300 lives", "claimed the lives of 40 people": a verb whose object is lives lost
LIVES_AFTER = re.compile(r"\s+(?:the\s+lives\s+of\b|(?:\S+\s+){1,4}?lives\b)")


def _figure_of_lives(sentence: str, pos: int) -> bool:
    """Whether the object after pos is a figure of lives ("1,300 lives", "the lives of 40 people")."""
    m = LIVES_AFTER.match(sentence, pos, pos + 60)
    return m is not None and (m.group().lstrip().startswith("the lives") or number_at(sentence, pos))


def _noun_before_verb(sentence: str, start: int, end: int) -> bool:
    """"Western estimates range from …", "estimates put the toll at …": a reporting word in -s with a
    reporting verb right after it is a plural noun, that verb's subject; so is one whose author follows
    ("Estimates by the Institute for the Study of War suggest …", "Estimates from UN agencies had put")."""
    if not sentence[start:end].lower().endswith("s"):
        return False
    following = sentence[end:end + 20].split(None, 1)
    return bool(following) and (following[0].strip(PUNCTUATION).lower() in _verb_words()
                                or following[0] in ("by", "from"))


def _figure_after_at(sentence: str, pos: int) -> bool:
    """Whether "at" or "on" follows pos with a figure within its next three words (see AT_FIGURE), or an
    approximation of a figure follows the verb's object (_near_figure_re)."""
    if AT_FIGURE.search(sentence, pos) or _near_figure_re().match(sentence, pos):  # digits: most figures
        return True
    for m in AT_OR_ON.finditer(sentence, pos):
        start = m.end()
        for _ in range(3):
            if number_at(sentence, start):
                return True
            start = sentence.find(" ", start) + 1
            if start == 0 or sentence[start - 2] in ",;":  # the clause ends
                break
    return False


def _determined(word: str) -> bool:
    """An article, a possessive determiner or a possessive: what stands before a noun."""
    return word in DETERMINERS or word.endswith(("'s", "’s"))


def _word_before(sentence: str, start: int) -> str:
    """The word before the one that ends right before `start`, lower case, punctuation stripped."""
    words = sentence[max(0, start - 60):start].lower().split()
    return words[-2].strip(PUNCTUATION) if len(words) > 1 else ""


def _ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not text[end].isalnum()


OWNED_DESCRIPTION = re.compile(r"[A-Z][\w.-]*['’]s\s+[a-z]")  # "Germany's central bank"


def _apposition(head: str) -> tuple[str, str | None] | None:
    """The source of "X, Y, said": a person and their role, in either order, or a body and its name."""
    parts = [p.strip() for p in THOUSANDS_APART.split(head)]  # not "14,500"
    if len(parts) < 2:
        return None
    first, second = _clause_tail(parts[-2]).lstrip("“”\"‘’ "), parts[-1]  # "…,” Olga Kurylo, a spokeswoman
    if second.split()[0].lower() in ("who", "which", "whose") if second else True:
        return (first, None) if _looks_like_source(first) else None
    name_of_second = _split_role(second)[1]
    if name_of_second and (_is_person(name_of_second) or not _is_person(first)) and _proper(second) \
            and not INDEFINITE.match(second):
        return second, first  # "Derna's mayor, Khaled Busaid", "Turkey's disaster agency, AFAD"
    if DEFINITE.match(second) and _title_case(DEFINITE.sub("", second)) and not _proper(_bare(first)) \
            and _looks_like_source(first):
        return second, first  # "An independent monitoring group, the Public Assembly Archive, estimated"
    if _looks_like_source(first) and (INDEFINITE.match(second) or DEFINITE.match(second)
                                      or second[:1].islower() or OWNED_DESCRIPTION.match(second)):
        return first, second  # "Marie Lefort, a spokeswoman for the CGT union", "The Bundesbank, Germany's
        # central bank"
    return (second, None) if _looks_like_source(second) else None


def _clause_tail(phrase: str) -> str:
    """The last noun phrase of a clause: "arrested 312 people during the protests, the state police
    spokesman" → "the state police spokesman" (after the comma split, words after a boundary)."""
    words = phrase.split()
    boundaries = _words("boundary")
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in boundaries:
            return " ".join(words[i + 1 :])
    return phrase


# A role noun, then the name of who holds it without commas between: "organisers the Palestine Solidarity
# Campaign claimed".
ROLE_THEN_NAME = re.compile(r"(?P<role>(?:(?!(?:at|for|of|from|with|in|by|on)\s)[a-z][\w'’-]*\s+){1,3})"
                            r"the\s+(?P<name>[A-Z].*)")
# A person, then the body they speak for: "Ahmed Saleh of the civil defence", "Jan Egeland at the NRC".
PERSON_OF_BODY = re.compile(r"(?P<person>.+?)\s+(?:of|at|from|with)\s+(?P<body>(?:the\s+)?\S.*)")
# A document's publisher in apposition: "The figures, released by the statistics office on Friday, showed",
# "The report, by the NRC, found" (after a document word only), "The study, published in The Lancet, …".
RELEASED_BY = re.compile(rf",\s+(?:(?P<verb>{PUBLISHED})\s+by|published\s+in|by)"
                         r"\s+(?P<maker>[^,;:]+?)\s*,\s*$")
# A relative clause between a subject and its verb: "…, which counts only confirmed losses, has documented".
ASIDE_BEFORE = re.compile(r",\s+(?:which|who)\s(?:[^,;:“”\"]|(?<=\d),(?=\d))*,"
                          r"\s+(?:(?:has|have|had|also|later|now)\s+)*$")
# What a source's figure rests on, before its verb: "An AFP tally based on police figures put".
BASED_ON = re.compile(r"\s+(?:based\s+on|drawn\s+from|compiled\s+from|derived\s+from)\s[^,;:]*$")
# A person's name in apposition after a role: "…, Michael Sauschuck." (then the clause ends).
NAME_AFTER_ROLE = re.compile(r",\s+([A-Z][\w'’.-]*(?:\s+[A-Za-z][\w'’.-]*){1,3})(?=\s*(?:[,.;:]|$))")
# Where a body is based or who backs it, before its name: "the Britain-based Syrian Observatory for Human
# Rights", "the Iran-backed Houthi rebels", "the state-run Xinhua news agency" (but "Hamas-run" says whose
# the ministry is); or where a place lies: "Neighbouring Guatemala".
BASED = re.compile(r"^(?:[\w.]+-(?:based|backed|funded|sponsored|aligned)|[Ss]tate-(?:run|owned))\s+(?=[A-Z])"
                   r"|^(?:[Nn]eighbou?ring|[Nn]earby)\s+(?=[A-Z])")
# What may open a sentence before its subject: "In a statement, Russia's defence ministry said".
OPENING_ADVERBIAL = re.compile(r"^(?:In|On|At|Earlier|Later|Separately|Meanwhile)\b[^,]{0,40},\s+")
# The rest of a body's name after its kind word: "… Observatory" + " for Human Rights".
NAME_GOES_ON = re.compile(r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:and\s+)?[A-Z][\w'’&-]*)*")


def _within_noun_phrase(words: list[str]) -> bool:
    """Can these one to three words stand inside one noun phrase ("Gaza's health"), not across a verb, an
    article, a preposition or punctuation ("said the", "for Human")?"""
    stops = _verb_words() | DETERMINERS | _words("boundary") | {"of", "for", "on", "and"}
    return 0 < len(words) <= 3 and all(w.lower() not in stops and re.fullmatch(r"[\w'’-]+", w) is not None
                                       and not any(c.isdigit() for c in w) for w in words)


def _opening_org(text: str, start: int, end: int) -> str | None:
    """An organisation that opens text[start:end], a sentence or a clause ("Ukraine's general staff gave a
    different picture")."""
    words, pattern, _ = _kinds()
    m = pattern.search(text, start, min(end, start + 60))
    if not m or words[re.sub(r"\s+", " ", m.group().lower())] == "anonymous":
        return None
    # "Hamas-run Gaza's health ministry": a kind word that qualifies the head, which comes later
    head = pattern.search(text, m.end(), min(end, start + 60))
    if head and _within_noun_phrase(text[m.end() : head.start()].split()):
        m = head
    opening = OPENING_ADVERBIAL.sub("", text[start : m.end()].strip("“”\"' "))  # "In a statement, the …"
    if not opening or not opening[0].isupper() or len(opening.split()) > 5 or "," in opening:
        return None
    name = ORG_NAME.match(text, m.end() + 1) if text.startswith(" ", m.end()) else None
    if name is None and (rest := NAME_GOES_ON.match(text, m.end(), end)):
        opening += rest.group().rstrip()  # "The Syrian Observatory for Human Rights"
    return _bare(name.group() if name else opening)  # "The charity Shelter Now said": its name


@lru_cache(maxsize=4096)
def _bare(raw: str) -> str:
    """A source phrase on one line, without its article and outer punctuation."""
    phrase = " ".join(raw.split()).strip(" ,;:“”\"'’")
    while phrase.endswith(".") and not is_abbreviation(phrase, len(phrase) - 1):  # keep "U.N.", "Inc."
        phrase = phrase[:-1].strip(" ,;:“”\"'’")
    phrase = BASED.sub("", INDEFINITE.sub("", DEFINITE.sub("", phrase)))  # "Britain-based Syrian Observatory"
    return ACRONYM_AFTER.sub("", phrase)  # "National Intelligence Service (NIS)": the name once


def _made_by(head: str) -> bool:
    """Whether a subject is a document with its maker in apposition ("The survey, conducted by Gallup,")."""
    publisher = RELEASED_BY.search(head)
    return publisher is not None and _names_document(head[: publisher.start()])


def _is_body(name: str) -> bool:
    """A capitalised name that is neither a person, a country or people, a common sentence opener, a
    quantity ("Sales", "Inflation"), a figure ("Nine") nor a storm or a place ("Storm Daniel")."""
    words = name.split()
    return bool(words) and not _is_person(name) and not any(w in _demonym_words() for w in words) \
        and not number_at(name, 0) and words[0].lower() not in _words("not_person") \
        and words[0].lower() not in DETERMINERS | _words("boundary") | {"in", "on", "at", "by", "after"} \
        and words[0].lower() not in _words("quantity_noun") and not _is_role(name)


def _other_type(name: str, noun: str) -> bool:
    """Whether a body's name says it is another sort of body than the noun does: "Police", "Interior
    Ministry" or "Ministry of Health" for "the commission". A proper name ("FEMA", "Global Carbon
    Project"), a noun of people ("the researchers") and a noun for any body ("the agency", "World Health
    Organization") say no sort; "the company" is a business: a name with a business word ("Volkner
    Motors", "Orsini Bank") or none ("Nordair")."""
    words = {w.strip(PUNCTUATION) for w in name.lower().split()}
    if noun in _words("business"):  # "the company": "Volkner Motors", "Nordair", not "the CGT union"
        proper = any(w[:1].isupper() for w in name.split())
        return bool(words & _words("org_word") - _words("business")) or not proper
    sorts = _words("org_word") - _words("any_body")
    named = words & sorts
    return noun in sorts and bool(named) and noun not in named


def _other_noun(name: str, noun: str) -> bool:
    """Whether a source the article named only by a common noun is another body than `noun`: "the union
    said …, but the company put the number at 18,000"."""
    low = name.lower()
    police = _words("police_body")  # "Police said …": "the force" is the same body
    return low != noun and low in _words("generic_org") and not (low in police and noun in police)


def _head(name: str) -> str:
    """A name without what follows its noun: "internal assessment seen by the Daily Ledger" → "internal
    assessment", "nurse at the hospital in Kalu" → "nurse", "lawyers tracking the violence" → "lawyers"."""
    words = name.split()
    for i, w in enumerate(words[1:], 1):
        if w.lower() in PREPOSITIONS or w.lower() in HEAD_ENDS or (w.islower() and GERUND.fullmatch(w)):
            return " ".join(words[:i])
    return name


def _before_head_end(name: str) -> str:
    """A name without a participle or clause after it: "Elabe published" (a poll by Elabe published on
    Monday) → "Elabe"."""
    words = name.split()
    end = next((i for i, w in enumerate(words[1:], 1) if w.lower() in HEAD_ENDS), len(words))
    return " ".join(words[:end])


def _proper(name: str) -> bool:
    """Whether a name has a proper noun in it other than a nationality ("Russian military source")."""
    return any(w[:1].isupper() and w.strip("'’s") not in _demonym_words() and w not in _demonym_words()
               for w in name.split())


def _title_case(phrase: str) -> bool:
    """A name written as a title: every word capitalised but the small ones ("Syrian Observatory for Human
    Rights"), unlike a description ("CGT union", "union's spokeswoman")."""
    words = phrase.split()
    return bool(words) and words[0][:1].isupper() \
        and all(w[:1].isupper() or w in ("of", "for", "and", "on", "the", "in", "&") for w in words)


def _national_body(phrase: str) -> bool:
    """A body of a named country or people: "the Gaza health ministry", "the Ukrainian army" (its last word
    names the body; not "a Russian military blogger")."""
    words = _head(phrase).split()
    kinds = _kinds()[0]
    return len(words) > 1 and kinds.get(words[-1].lower(), "anonymous") != "anonymous" \
        and any(w in _demonym_words() for w in words)


def _nameless(cited: str) -> bool:
    """A cited source named only by what it is: "US officials", "unnamed sources", "witnesses"."""
    cited = cited.strip()
    words = cited.split()
    if not words:
        return True
    doc = _document(cited)
    if doc and (doc.group("owner") or doc.group("by") or doc.group("named")):
        return _nameless(doc.group("owner") or doc.group("by") or doc.group("named"))
    if not re.search(r"[A-Z]", cited) and not cited.lower().startswith("the "):
        return True
    # "US officials", "Western intelligence assessments it had seen": a nameless noun with no name after
    # its first word.
    generic = [i for i, w in enumerate(words) if w.lower() in _words("generic_source")]
    if generic and not any(w[:1].isupper() for w in words[1 : generic[0]]):
        return True
    return claimant_kind(_bare(cited)) == "anonymous"


def _last_clause(phrase: str) -> str:
    parts = re.split(r"[,;:]\s*|\b(?:but|and|while|that)\s+", phrase)
    return parts[-1].strip()


# (not the dot of a web address: "according to PowerOutage.us")
PHRASE_END = re.compile(r"[,;:“”\"]|\.(?!(?:com|org|net|gov|us|uk|io|info)\b)"
                        r"|\s(?:that|which|or|while|based\s+on)\s|\sand\s(?=[a-z])")
ACRONYM_IN_BRACKETS = re.compile(r"\([A-Z][A-Za-z&.]{1,11}\)")
ACRONYM_AFTER = re.compile(r"(?<=\w)\s+\([A-Z][A-Za-z&.]{1,11}\)$")
# "…, said Tomas Berg, an economist at Nordbank", "…, said an aid worker who asked not to be named".
# A title or an acronym may carry full stops: "said Col. Ahmed Saleh", "said U.S. officials".
INVERTED = re.compile(r"\s+((?:the\s+)?(?:[A-Z]\.){2,}\s+[A-Za-z][^,.;:“”\"]*"
                      r"|(?:the\s+)?(?:[A-Z][a-z]{0,3}\.\s+)*[A-Z][^,.;:“”\"]*|(?:an?|the)\s+[a-z][^,.;:“”\"]*)"
                      # the role after it: "an economist at …", "Ukraine's interior minister", "the U.S.
                      # defense secretary"
                      r"(?:,\s+((?:an?\s+|the\s+)?(?:[A-Z][\w.]*['’]s\s+)?(?:[A-Z]\.){0,3}\s*[a-z]"
                      r"(?:[^,.;:“”\"]|(?<=\b[A-Z])\.)*))?")
IN_A_STATEMENT = re.compile(r"\s+(?:in|on)\s+(?:an?|his|her|its|their)\s+.*$")
# Read backwards from a name: "…. The health ministry's chief epidemiologist, Dr " → the role before it.
ROLE_CLAUSE = re.compile(r"\s(?:by|to|with|from|as|and|was|were|is|are|said|told)\s")
ROLE_BEFORE = re.compile(r"^\s*(?:\.?[a-z]*[A-Z]\s+)?,([^,.;:“”\"\n]{3,80}?)\s*(?:$|[.;:“”\"\n])")
APPOSITION_ROLE = re.compile(r",\s+((?:an?|the)\s+[^,;:.“”\"]+?)(?=\s+(?:that|which|who)\s|[,;:.“”\"]|$)")


def _title_before(text: str, at: int) -> str | None:
    """A title standing right before a name: "Mayor" of "Mayor Rosa Delgado", "Prime Minister" of …"""
    words = text[max(0, at - 30):at].split()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]).lower() in _titles():
            return " ".join(words[-n:])
    return None


def _phrase_end(text: str, start: int, limit: int) -> int:
    """Where the name after "according to" ends: not at the full stop of "the U.N. human rights office"."""
    for m in PHRASE_END.finditer(text, start, limit):
        if m.group() != "." or not is_abbreviation(text, m.start(), start):
            return m.start()
        if text[m.end():limit].strip() == "":
            return m.end()  # "… according to the U.N." ends the sentence: the full stop is the name's
    return limit


def _finder(source: str) -> bool:
    """Who may "find" a figure besides a document: a body that counts, not anyone who finds things ("the
    pollster found 38%", "researchers found"; not "rescuers found 40 bodies")."""
    words = _bare(source).lower().split()
    return bool(words) and words[-1] in _words("generic_org")


def _length(words: list[str]) -> int:
    """Words of a phrase, a long name that ends it counting as one ("Data compiled by the Armed Conflict
    Location and Event Data Project" is a short phrase ending in a long name): three or more capitalised
    words and the small words between them."""
    n = len(words)  # words[n - 1] is the first word of the name
    while n > 1 and words[n - 1][:1].isupper():
        if words[n - 2][:1].isupper():
            n -= 1
        elif words[n - 2] in NAME_JOINERS and n > 2 and words[n - 3][:1].isupper():
            n -= 2
        else:
            break
    return n if sum(w[:1].isupper() for w in words[n - 1:]) >= 3 else len(words)


# Lower-case words a source phrase may open with: "the ministry", "he", "a doctor", "his lawyer".
SOURCE_OPENERS = frozenset({"the", "he", "she", "it", "they", "a", "an", "his", "her", "their"})


@lru_cache(maxsize=4096)
def _looks_like_source(phrase: str) -> bool:
    words = phrase.split()
    if not words or _length(words) > MAX_SOURCE_WORDS or not re.search(r"[A-Za-z]", phrase):
        return False
    if any(ch.isdigit() for ch in phrase) and not _numbered_name_re().fullmatch(phrase):
        return False
    first = words[0].lower()
    if first in {"we", "i", "you", "there", "which", "what", "this", "that", "these", "those"}:
        return False
    if ACCORDING.match(phrase):
        return False  # "According to Western estimates, …": a document, read as one (ACCORDING), no verb
    if words[-1].lower() in PREPOSITIONS:
        return False  # "the number of confirmed cases": "confirmed" is no reporting verb here
    # A source is named (capitalised), definite ("the ministry"), a pronoun, a nameless plural ("officials",
    # "Ukrainian media", "local authorities"), or a body with its article dropped, as in a headline
    # ("…, health ministry says").
    head_words = _head(phrase).lower().split()  # "analysts at the Institute for the Study of War"
    head = head_words[-1]
    # "people" heads a source alone or after one word ("people familiar with …", "three people"), not in
    # a clause ("I don't trust people who …").
    people = head == "people" and len(head_words) <= 2
    return phrase[0].isupper() or first in SOURCE_OPENERS or people \
        or any(w.endswith("s") or w in _words("collective") for w in (words[-1].lower(), head)) \
        or (head in _words("generic_org") and len(head_words) <= 3 and phrase[0].isalpha()) \
        or bool(_document(phrase)) or _split_role(phrase)[0] is not None  # "opposition leader Tomasz Bielski"


@cache
def _numbered_name_re() -> re.Pattern[str]:
    """A phrase whose only figure is part of a broadcaster's name: "Channel 12 news", "France 24"."""
    names = "|".join(sorted(_words("numbered_name")))
    return re.compile(rf"[^\d]*?\b(?i:{names})\s+\d{{1,3}}\b[^\d]*")


# "economists polled by Reuters" speak for themselves (unlike "estimates compiled by Bloomberg")
POLLED_BY = frozenset({"polled by", "surveyed by", "interviewed by", "asked by", "consulted by"})


@lru_cache(maxsize=4096)
def _split_role(phrase: str) -> tuple[str | None, str | None]:
    """"South Korean defence minister Kim Yong-Hyun" → (role, name); "Mr Zelensky" → (None, "Zelensky");
    an organisation ("US Department of the Treasury") → (None, whole phrase)."""
    words = phrase.split()
    stripped = words[:]
    honorific = None
    while stripped and stripped[0].lower().rstrip(".") in HONORIFICS:
        honorific = stripped[0].rstrip(".")
        stripped = stripped[1:]
    if not stripped:
        return None, None
    title = _titles_re().match(" ".join(stripped))
    after_title = " ".join(stripped)[title.end():].removeprefix(".").strip() if title else ""
    while title and (more := _titles_re().match(after_title)) and more.group()[:1].isupper():
        after_title = after_title[more.end():].removeprefix(".").strip()  # "Lt. Gen. Mark Hertling"
    if title and title.group()[:1].isupper() and _is_person(after_title):
        return title.group(), after_title  # "High Commissioner Filippo Grandi", "Col. Ahmed Saleh"
    # "Ukraine's Energy Minister Olha Lysenko": capitalised words ending in a title, then a person's name.
    for k in range(1, len(stripped) - 1):
        if stripped[k - 1][:1].isupper() and _titles().get(stripped[k - 1].lower().rstrip(".")) is not None \
                and f"{stripped[k - 1]} {stripped[k]}".lower() not in _titles() \
                and _titles().get(stripped[k].lower().rstrip(".")) is None \
                and _is_person(" ".join(stripped[k:])):  # ("NATO Secretary General Mark Rutte": whole title)
            return " ".join(stripped[:k]), " ".join(stripped[k:])
    # The trailing run of capitalised words is the name when lower-case role words stand before it.
    i = len(stripped)
    while i > 0 and _name_word(stripped[i - 1]):
        i -= 1
    name_words, role_words = stripped[i:], stripped[:i]
    if role_words and name_words and any(w[:1].islower() for w in role_words) \
            and role_words[-1].lower() not in {"of", "the", "for", "and", "on", "in", "at", "from", "with"} \
            and role_words[-2:-1] not in (["in"], ["at"], ["from"], ["near"]) \
            and " ".join(role_words[-2:]).lower() not in POLLED_BY:  # (not "official in eastern Libya")
        name = " ".join(name_words)
        if _titles_re().search(" ".join(role_words)) or _is_person(name) \
                or all(w.islower() or w in _demonym_words() or (k == 0 and w.endswith(("'s", "’s")))
                       for k, w in enumerate(role_words)):
            # "the shipping journal Maritime Ledger", "Turkish business federation Turkonfed", "the EU's
            # statistics office Eurostat"
            return " ".join(role_words), name
    if all(_name_word(w) for w in stripped) and not _is_role(" ".join(stripped)):
        # "Dr Amara Okafor": the honorific is all the article says of her role.
        return (honorific if honorific and _titles().get(honorific.lower()) else None), " ".join(stripped)
    return None, None


@lru_cache(maxsize=4096)
def _is_role(phrase: str) -> bool:
    """"Ukrainian president", "the prime minister": a title, with at most "the" and a country before it."""
    words = [w for w in phrase.split() if w.lower() != "the" and w not in _demonym_words()
             and w.capitalize() not in _demonym_words()]
    rest = " ".join(words).lower()
    return bool(rest) and len(words) <= 4 and bool(_titles().get(rest) or (
        _titles().get(words[-1].lower()) and all(w.lower() in _titles() or w.lower() in ROLE_ADJECTIVES
                                                 for w in words[:-1])))


@lru_cache(maxsize=4096)
def _name_word(word: str) -> bool:
    """A word of a name: capitalised, or a particle ("al-Ghaithi", "von der")."""
    return word[:1].isupper() or NAME_PARTICLE.fullmatch(word) is not None


def _is_person(name: str, role: str | None = None) -> bool:
    """"Volodymyr Zelensky", not "Red Cross", "Amnesty International", "North Korea", "Hurricane Helene",
    nor "Shelter Now" introduced as "the charity"."""
    if role and not _titles_re().search(role) and set(role.lower().split()) & _words("generic_org"):
        return False
    words = name.split()
    return 2 <= len(words) <= 4 and words[0][:1].isupper() and all(_name_word(w) for w in words) \
        and not any(w.lower() in _words("org_word") or w.lower() in _words("not_person")
                    or w in _demonym_words() for w in words) \
        and not _kinds()[1].search(name)


def _titled_names(text: str) -> list[tuple[str, str]]:
    """(role, name) for each "Prime Minister Jane Doe", "Ukrainian President Volodymyr Zelensky" or
    "Derna's mayor, Khaled Busaid" in the text, the role both with and without its country."""
    found: list[tuple[str, str]] = []
    for start, end in _find_words(text, _title_heads()):
        name = TITLED_NAME.match(text, end)
        if not name or not _is_person(name.group(1)):
            continue
        role_text = _role_ending_at(text, start, end)
        found.append((role_text, name.group(1)))
        bare = _titles_re().search(role_text)
        if bare and bare.start() > 0:
            found.append((role_text[bare.start():], name.group(1)))
    return found


def _role_ending_at(text: str, head_start: int, head_end: int) -> str:
    """The role whose last word is text[head_start:head_end], read backwards over title words,
    role adjectives, country words and a body's acronym ("US deputy secretary of state", "Ukrainian
    President", "UN Secretary-General")."""
    start = head_start
    for m in reversed(list(re.finditer(r"[A-Za-z]+", text[max(0, head_start - 60) : head_start]))):
        word = m.group()
        absolute = max(0, head_start - 60) + m.start()
        if text[absolute + len(word) : start].strip() or not (
            word.lower() in _title_words() or word.lower() in ROLE_ADJECTIVES or word in _demonym_words()
            or (word.isupper() and 2 <= len(word) <= 6)
        ):
            break
        start = absolute
    return text[start:head_end]
