"""The extractor: article text in, claims out. A pure library: no Prefect, DuckDB or file I/O.

    >>> [c.surface for c in extract_claims("Officials said at least 40 people were killed.")]
    ['at least 40']

Steps, each in its own module: numbers (the number phrases and their bounds), text (sentences),
context (unit, subject, event), claimants (who says so), dates (as of when).
"""
from __future__ import annotations

import bisect
import hashlib
import re
from datetime import date
from functools import lru_cache

from flows import model
from flows.claimants import Reader, counts_sources, credits_the_figure_after
from flows.context import ArticleContext, Context, happens_to, subject_key
from flows.dates import ArticleDates, Dating
from flows.layout import Layout
from flows.model import EXTRACTOR_VERSION, Claim, Quantity
from flows.numbers import find_quantities
from flows.text import plain_between, sentences

# "115,000 soldiers killed and 500,000 wounded", "… and another 1,000 wounded", "rose to 43,922, with
# 103,898 wounded": the second figure borrows the first one's noun.
COORDINATED = re.compile(r"^[^.;:“”\"]{0,60}?(?:(?:,\s*|\s+)(?:and|or|plus)|,\s*with)\s+"
                         r"(?:(?:another|a\s+further|an\s+additional)\s+)?$|^\s*(?:,|and|or)\s*$"
                         # "needed 3 million doses, but had received only 265,000"
                         r"|^[^.;:“”\"\d]{0,60}?,?\s+but\s+(?:[a-z]+\s+){1,4}$")
# "about $1m, up from $200,000" ("slightly down from"); "1.3 million homes were without power, down from a
# peak of 4 million"; "rose by 63 overnight to 158"; "2,000 migrants were intercepted this year, compared
# with 6,182", "…, a sharp increase from 6,000 the week before": the same measure at another time.
COMPARED = re.compile(r"^(?:\s+[^\d.,;:“”\"]{1,80}?)?,?\s+(?:[a-z]+ly\s+)?(?:up|down)\s+from\s+"
                      r"(?:(?:a|the|its|their)\s+)?(?:(?:record\s+)?(?:peak|high|low|level)\s+of\s+)?$"
                      r"|^,?\s+against\s+$"
                      r"|^(?:\s+[^\d.,;:“”\"]{1,80}?)?,?\s+(?:which\s+)?compar(?:ed|es)\s+(?:with|to)\s+"
                      r"(?:(?:an?|the|its|their)\s+(?:[a-z-]+\s+)?(?:record|peak|high|low)\s+of\s+)?$"
                      r"|^[^.;:“”\"]{0,60}?\ban?\s+(?:[a-z]+\s+)?(?:increase|rise|jump|drop|fall|decrease)"
                      r"\s+(?:of|from)\s+$")
# "added 114,000 jobs, well below the 175,000 economists had expected", "pledged $2.1bn, well short of the
# $4.1bn the UN says is needed": a benchmark of the same unit, which the figure before did not reach (or
# passed): what happened to that figure did not happen to it.
BENCHMARK = re.compile(r"^(?:\s+[^\d.,;:“”\"]{1,80}?)?,\s+(?:(?:well|far|just|[a-z]+ly)\s+)?"
                       r"(?:below|above|short\s+of|ahead\s+of)\s+(?:the\s+)?$")
# "Turnout was 67.3%, the commission said, up from 61.2%", "…, the IOM said, compared with 1,417": the
# same, a reporting clause between (the verb checked against the reporting verbs; "said Friday" too).
COMPARED_AFTER_SOURCE = re.compile(r"^(?:\s+[^\d.,;:“”\"]{1,80}?)?,\s+[^\d.,;:“”\"]{1,60}?\s+([a-z]+)"
                                   r"(?:\s+(?:on\s+)?[A-Z][a-z]+)?,"
                                   r"\s+(?:(?:[a-z]+ly\s+)?(?:up|down)\s+from|compared\s+(?:with|to)"
                                   r"|an?\s+(?:[a-z]+\s+)?(?:increase|rise|jump|drop|fall|decrease)\s+from)\s+$")
# "The outbreak has grown to 124 cases, officials said, up 20 from last week": how far that measure moved.
CHANGE_AFTER = re.compile(r"^[^\d.;:“”\"]{0,80}?,\s+(?:up|down)\s+(?:by\s+)?$")
# "Homicides fell to 1,056 last year from 1,351": the level a figure reached by a move, then where it started.
MOVED_FROM = re.compile(r"^(?:\s+[^\d.,;:“”\"]{1,40}?)?,?\s+from\s+$")
LEVEL_AFTER_CHANGE = re.compile(r"^[^.;:“”\"]{0,60}?\bto\s+$")
# "19 billion reais ($3.7 billion)", "60 miles (97 km)": the same figure restated in another unit.
CONVERSION = re.compile(r"^\s*[(/]\s*$")
# "31,062 murders, around 85 a day", "… or 85 a day": a count restated as a rate of the same things.
RESTATED = re.compile(r"^(?:\s+[\w'’-]+){0,3}?\s*(?:,|,?\s+or)\s*$")
# "bringing the total this year to 12,800": a running total of what the figure before counts.
TOTAL = re.compile(r"^[^.;:“”\"]{0,80}?\b(?:total|tally|toll)\b[^.;:“”\"]{0,30}?\b(?:to|at|of)\s+$")
# "The EU promised €350m and Germany €244m": a second subject with its verb left out, the same measure.
GAPPED = re.compile(r"^,?\s+and\s+(?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){1,4}$")
# "…, bringing this year's total to 98,000", "bringing its total losses since the February 2022 invasion to
# 720,000", "bringing the number who have landed since November to 1,500": a running total of an earlier
# count of the sentence; "That brings the total for the year so far to 31,000", one of the sentence before.
_TOTAL_TO = r"(?:[\w'’]+\s+){0,3}?(?:total|number)(?:\s+[\w'’.-]+){0,9}?\s+(?:to|at)\s+$"  # ("since Oct. 7")
RUNNING_TOTAL = re.compile(rf"\b(?:bringing|taking|pushing|lifting)\s+{_TOTAL_TO}")
# "…, but the Red Crescent revised its figure down to 3,958", "It later raised its estimate to 150": another
# reading of the last count, in the sentence or the one before.
REVISED = re.compile(r"\b(?:revised|raised|lowered|cut|reduced|increased|updated)\s+(?:its|their|the)\s+"
                     r"(?:own\s+)?(?:figure|estimate|toll|tally|count)(?:\s+(?:down|up|downwards?|upwards?))?"
                     r"\s+to\s+$")
TOTAL_OPENING = re.compile(rf"(?:That|This|It)\s+(?:brings|brought|takes|took|pushes|pushed|lifts|lifted)\s+"
                           rf"{_TOTAL_TO}")
# "Syrians lodged the most applications, about 181,000, followed by Afghans with 114,000": the next in a
# ranking of the same measure.
FOLLOWED_BY = re.compile(r"^[^\d.;:“”\"]{0,60}?,?\s+followed\s+by\s+[^\d.;:,“”\"]{1,40}?"
                         r"\s+(?:with|at|on)\s+$")
# "Organisers said 100,000 people marched, while police estimated 20,000", "…, while Western estimates
# range from 500,000": another source's figure for the same measure, right after its reporting verb.
CONTRASTED = re.compile(r"^[^\d.;:“”\"]{0,80}?,?\s+(?:while|whereas|but|though|although)\s+"
                        r"[^\d.,;:“”\"]{1,60}?\s+([a-z]+)\s+(?:from\s+)?$")
# "Police counted 20,000 protesters; organisers claimed 100,000": another source's figure, after a semicolon
ANSWERED = re.compile(r"^[^\d.;:“”\"]{0,80}?;\s+[^\d.,;:“”\"]{1,60}?\s+([a-z]+)\s+$")
# "27 officers and 14 protesters were treated": two short noun phrases sharing the verb after them.
SHARED_PREDICATE = re.compile(r"^(?:\s+[\w'’-]+){0,4}\s+(?:and|or)\s+$")
# "6,500 of the plant's 9,000 workers", "shot down 31 of 35 drones": a part of the figure after it, which
# names the noun.
PARTITIVE = re.compile(r"^\s+of\s+(?:(?:the|its|their|[\w’']+['’]s)\s+(?:[\w’']+['’]s\s+)?)?$")
# "killed 41 people, nine Hungarians and 32 Croatians": a breakdown of the figure before; "2,100 people
# had been killed in strikes over the past year, including 127 children": a part of it, further on.
BREAKDOWN = re.compile(r"^\s+[^\d,.;:“”\"]{1,40}?,\s*(?:including\s+|among\s+them\s+)?$"
                       r"|^\s+[^\d.;:“”\"]{1,120}?,\s*(?:including|among\s+them|among\s+whom|of\s+whom)\s+$")
# "Of the 251 hostages seized in the October 7 attack, 76 remain": the figure after the comma is a part of
# the whole the clause opened with.
OF_THE_WHOLE = re.compile(r"\b[Oo]f\s+(?:the|its|their|all|all\s+the)\s+$")
PART_OF_WHOLE = re.compile(r"^\s+[^\d.;:“”\"]{1,80}?,\s*$")
# "…, sinking two", "… and seizing one": a participle right before a count with no noun
# ("totalling twenty MUSD", "amounting to" restate a total of something else)
PARTICIPLE_BEFORE = re.compile(r"^[^.;:“”\"\d]{0,80}?,\s+(?!total|amount)[a-z]{3,}ing\s+$"
                               r"|^\s+and\s+(?!total|amount)[a-z]{3,}ing\s+$")
# words that may end a contrasted clause before its figure and bring no event of their own
NO_OWN_VERB = frozenset("is are was were be been to at of by with for in on down up".split())
# "Organisers said 100,000.": a reporting verb right before a figure that ends its sentence
SAID_BEFORE = re.compile(r"\b(?:said|says|claimed|claims|estimated|estimates|counted|reported)\s+$")
# "had forecast 160,000", "were expecting 175,000": a forecast of a figure given before
FORECAST_BEFORE = re.compile(r"\b(?:forecast|expected|expecting|predicted|predicting|projected)\s+$")
# "99 of its pilgrims", "put its toll at 49": a possessive that ties a figure to its source
OF_ITS = re.compile(r"\s+of\s+(?:its|their)\s")
ITS_TOLL = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:death\s+)?(?:toll|losses|casualties|dead|count|tally)"
                      r"\b[^.;:]{0,20}$")
# ", organisers 20,000", ", the opposition 200", ", organisers at 20,000": a source with its verb left out
GAPPED_SOURCE = re.compile(r"[^\d.;:“”\"]{0,60}?,\s+(?:and\s+|while\s+)?"
                           r"(?P<source>(?:the\s+)?[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,3}?)\s+(?:at\s+)?")
HEDGED = ("at_least", "more_than", "at_most", "less_than", "approx")
# Events a weak verb of arrival ("arriving", "joining") continues for what a figure refers back to.
ARRIVALS = ("displaced", "deployed")
MAX_SOURCES = 10  # "two officials said": a handful of sources is who speaks; "5,000 residents said" a figure


def extract_claims(text: str, published: date | None = None, article_id: str | None = None) -> list[Claim]:
    """Every quantity in `text` as a Claim with its bounds, what it counts, who says it and when."""
    quantities = find_quantities(text)
    if not quantities:
        return []
    aid = article_id or model.article_id(text)
    id_prefix = hashlib.sha256(f"{aid}{model.SEPARATOR}".encode())
    spans = sentences(text)
    starts = [s.start for s in spans]
    context = ArticleContext(text)
    layout = Layout(text)
    dates = ArticleDates(text, published)
    reader = Reader(text, spans)
    claims: list[Claim] = []
    previous: tuple[Quantity, Claim, int] | None = None
    # The last figure that counts or measures something: "1.3 million attended over five days, organisers
    # said, up from 1.1 million" compares with the crowd, past the length of time.
    measured: tuple[Quantity, Claim, int] | None = None
    read: dict[int, tuple[str, Dating]] = {}  # sentence index → its text and its figures' dates, read once
    for n, q in enumerate(quantities):
        if q.kind == "count" and q.qualifier == "exact" and q.value is not None and q.value <= MAX_SOURCES \
                and counts_sources(text, q.start, q.end):
            continue  # "Two senior officials said …": who speaks, not a figure
        if layout.is_furniture(q.start):
            continue  # "1,204 comments", "Updated 3 hours ago", "Related: 5 things to know"
        i = max(0, bisect.bisect_right(starts, q.start) - 1)
        span = spans[i]
        if i not in read:
            sentence = text[span.start : span.end]
            read[i] = sentence, dates.dating(span.start, span.end)
        sentence, sentence_dates = read[i]
        prev_span = spans[i - 1] if i > 0 else None
        ctx = context.describe(q.start, q.end, q.kind, (span.start, span.end),
                               (prev_span.start, prev_span.end) if prev_span else None,
                               quantities[n + 1].start if n + 1 < len(quantities) else None,
                               quantities[n - 1].end if n else None)
        if ctx.unit is None or ctx.event is None:
            _read_heading(ctx, layout.heading(q.start), q, ctx.kind or q.kind)
        value, low, high, qualifier, kind = q.value, q.low, q.high, q.qualifier, ctx.kind or q.kind
        change = q.change
        # "Police said 8,000 people attended, organisers 20,000": another source's figure for the same measure
        gapped = GAPPED_SOURCE.fullmatch(text, previous[1].char_end, q.start) \
            if previous is not None and previous[2] == i and previous[1].claimant is not None \
            and previous[0].kind == q.kind else None
        gapped_source = reader.gapped(gapped.group("source"), q.start, i) if gapped is not None else None
        left = previous[1] if gapped_source is not None and previous is not None \
            else _same_measure_as(previous, q, ctx, text, i)
        if gapped_source is not None and ctx.noun_before:
            ctx.named = False  # (the noun before it names the source: "…, the rebels 12")
        if left is None and previous is not None and previous[0].kind == "duration" and q.kind != "duration":
            left = _same_measure_as(measured, q, ctx, text, i)
        window = max(0, q.start - 80)
        if left is None and q.kind == "count" and any(text.find(word, window, q.start) >= 0
                                                      for word in ("total", "number", "its ", "their ")):
            left = _running_total(claims, q, ctx, text, sentence, span.start)
        if left is not None:
            if left.kind == "age" and kind == "count" and (not ctx.named or ctx.noun_before):
                kind, ctx.unit = "age", left.unit  # "two boys aged nine and 11"
            elif not ctx.named and (kind == left.kind or (kind == "rate" and left.kind == "count")):
                ctx.unit = left.unit
            ctx.subject = ctx.subject or left.subject
            between = text[left.char_end:q.start]
            coordinated = COORDINATED.match(between)
            contrast = CONTRASTED.match(between)
            # (not in a clause of its own, with its own noun or verb: "60,000 people were left homeless, and
            # 1,200 schools were closed", "won 159 seats, while the opposition took 88")
            if not (ctx.named and coordinated and "," in coordinated.group()) \
                    and not (contrast and _own_verb(contrast.group(1))):
                _inherit_event(ctx, left.event)
            if qualifier == "exact" and left.qualifier in HEDGED and coordinated and not ctx.named \
                    and "," not in coordinated.group():
                # "at least 115,000 killed and 500,000 wounded": the hedge governs the pair (not a new
                # clause: "More than 165,000 have been displaced, and 90 remain missing").
                qualifier, low, high = _hedge(left, value)
        elif (benchmark := _benchmark_for(previous, q, ctx, text, i)) is not None:
            ctx.unit, ctx.subject = benchmark.unit, ctx.subject or benchmark.subject
        elif (whole := _participle_object(previous, q, ctx, text, i)) is not None:
            ctx.unit, ctx.subject = whole.unit, ctx.subject or whole.subject
            ctx.acted_on = True  # "sinking two": the participle acts on the two; no level sank
        elif ctx.refers_back:
            # (from this sentence or the one before; past one without figures: "… 500,000 had attended. “It
            # was the largest crowd,” she said. Police said the figure was closer to 200,000.")
            last_sentence = bisect.bisect_right(starts, claims[-1].char_start) - 1 if claims else -1
            reach = i - 1 if last_sentence >= i - 1 else i - 2
            earlier = [c for c in reversed(claims) if c.kind in ("count", "rate")
                       and bisect.bisect_right(starts, c.char_start) - 1 >= reach]
            # "detained 1,200 suspects and seized 350 weapons … 80 of those detained": the latest count
            # to which what happened to this one can happen
            referent = next((c for c in earlier if happens_to(ctx.event, c.unit)),
                            earlier[0] if earlier else None)
            if referent is not None:  # "Of those, roughly 600,000 were Russian"
                if kind == "count" and not ctx.named:
                    ctx.unit = referent.unit
                ctx.subject = ctx.subject or referent.subject
                if kind in ("count", "rate"):  # a share of them took no part ("60% of them are children")
                    _inherit_event(ctx, referent.event)
        if kind == "count" and ctx.unit is None and ctx.event is not None and left is None \
                and not ctx.refers_back:
            # "Russia launched 145 drones, the air force said, adding that 81 were shot down": a count with
            # no noun, to which something happened that can happen to what the sentence counted before
            counted = next((c for c in reversed(claims) if c.sentence == sentence and c.kind == "count"
                            and c.unit is not None and happens_to(ctx.event, c.unit)), None)
            if counted is not None:
                ctx.unit, ctx.subject = counted.unit, ctx.subject or counted.subject
        if kind == "count" and ctx.unit is None and ctx.event is None and left is None and i > 0 \
                and text[q.end:span.end].strip() in (".", "") \
                and SAID_BEFORE.search(text, max(span.start, q.start - 20), q.start):
            # "According to police, 20,000 people took part. Organisers said 100,000.": another figure for
            # the last measure counted, given on its own
            answer = next((c for c in reversed(claims) if c.kind == "count" and c.unit is not None
                           and bisect.bisect_right(starts, c.char_start) - 1 == i - 1), None)
            if answer is not None:
                ctx.unit, ctx.subject = answer.unit, ctx.subject or answer.subject
                _inherit_event(ctx, answer.event)
        if kind == "count" and ctx.unit is None and ctx.event is None and left is None and i > 0 \
                and FORECAST_BEFORE.search(text, max(span.start, q.start - 30), q.start):
            # "The economy added 256,000 jobs. Economists polled by Reuters had forecast 160,000": the
            # forecast of the measure the sentence before counted
            forecast = next((c for c in reversed(claims) if c.kind == "count" and c.unit is not None
                             and bisect.bisect_right(starts, c.char_start) - 1 == i - 1), None)
            if forecast is not None:  # (a forecast gain of jobs is a gain too)
                ctx.unit, ctx.subject = forecast.unit, ctx.subject or forecast.subject
                change = forecast.change
        if kind == "count" and left is None and not ctx.named and text.startswith(" others", q.end):
            # "At least 70 migrants died when their boat capsized …, and 28 others were rescued": others of
            # what the sentence counted before (of its own fate), people where it counted nothing
            ctx.unit = next((c.unit for c in reversed(claims) if c.sentence == sentence and c.kind == "count"
                             and c.unit is not None), ctx.unit)
        if kind == "count" and ctx.named and ctx.subject is None and text.startswith(" of the ", q.end):
            # "78 of the drones": drones named before in the sentence, whose owner they keep
            ctx.subject = next((c.subject for c in reversed(claims)
                                if c.sentence == sentence and c.unit == ctx.unit), None)
        if kind in ("age", "duration"):
            ctx.event = None  # nothing happens to an age or a length of time ("boys aged nine were hurt")
        unit = ctx.unit if kind == "count" else (q.unit or ctx.unit)
        if kind == "rate" and ctx.unit and q.unit and ctx.unit not in q.unit:
            unit = f"{ctx.unit} {q.unit}" if q.unit.startswith("per ") else q.unit
        if ctx.period and kind in ("count", "money"):
            kind, unit = "rate", f"{unit} per {ctx.period}" if unit else f"per {ctx.period}"
        attribution = gapped_source or reader.governing(q.start, i)
        if attribution is not None and attribution.claimant and attribution.verb_end <= q.start \
                and kind in ("count", "rate") \
                and (OF_ITS.match(text, q.end) or ITS_TOLL.search(text, attribution.verb_end, q.start)):
            # "Tunisia put its toll at 49", "Jordan said 99 of its pilgrims had died": the source country's
            # own (not "Russia said its forces shot down 40 drones")
            ctx.subject = subject_key(attribution.claimant) or ctx.subject
        claim = Claim(
            claim_id=claim_id(id_prefix, q.start, q.end),
            article_id=aid,
            char_start=q.start,
            char_end=q.end,
            surface=q.surface,
            sentence=sentence,
            value=value,
            low=low,
            high=high,
            qualifier=qualifier,
            kind=kind,
            unit=unit,
            subject=ctx.subject,
            event=ctx.event,
            measure=measure_key(ctx.subject, unit or kind, ctx.event),
            claimant=attribution.claimant if attribution else None,
            as_of=sentence_dates.at(q.start),
            # "cut 2,800 jobs", "lost 1,200 soldiers", "lost €312m": the verb says what happened to what
            # is counted (the event), not how far a level moved ("rose by 812", "lost 190 points")
            change=None if ctx.acted_on and kind in ("count", "rate", "money") else change,
            via=attribution.via if attribution else None,
            claimant_kind=attribution.kind if attribution else None,
            trend=q.trend,
        )
        claims.append(claim)
        previous = (q, claim, i)
        if q.kind != "duration":
            measured = previous
    _share_backwards(claims, text)
    _settle_claimant_kinds(claims)
    return claims


def claim_id(id_prefix: hashlib._Hash, start: int, end: int) -> str:
    """model.digest(article_id, start, end, EXTRACTOR_VERSION), the article's part hashed once per article."""
    h = id_prefix.copy()
    h.update(f"{start}{model.SEPARATOR}{end}{model.SEPARATOR}{EXTRACTOR_VERSION}".encode())
    return h.hexdigest()[: model.ID_SIZE]


def _read_heading(ctx: Context, headings: tuple[str, ...], q: Quantity, kind: str) -> None:
    """What a table's header or a line's label says a figure counts, where its own words do not
    ("| Deaths | Injured |" over "| 347 | 1,009 |", "Deaths: 1,136"): read as if written after it."""
    for heading in headings:
        found = _heading_context(q.surface, heading, kind)
        if found.unit or found.event:
            ctx.unit, ctx.named = ctx.unit or found.unit, ctx.named or found.unit is not None
            ctx.subject = ctx.subject or found.subject
            ctx.event = ctx.event or found.event
            return


@lru_cache(maxsize=1024)
def _heading_context(surface: str, heading: str, kind: str) -> Context:
    phrase = f"{surface} {heading}"
    return ArticleContext(phrase).describe(0, len(surface), kind, (0, len(phrase)))


def _share_backwards(claims: list[Claim], text: str) -> None:
    """What only the later of two linked figures' words say: "27 officers and 14 protesters were treated
    in hospital" (the shared verb comes last), "6,500 of the plant's 9,000 workers walked out"."""
    for left, right in zip(reversed(claims[:-1]), reversed(claims[1:]), strict=True):
        if left.sentence != right.sentence or left.kind != right.kind:
            continue
        between = text[left.char_end:right.char_start]
        if PARTITIVE.match(between) and left.unit is None:
            left.unit, left.subject = right.unit, left.subject or right.subject
            # The verb after both is the part's ("6,500 of the plant's 9,000 workers walked out"), unless
            # the part has its own ("intercepted 38 of the 44 drones launched").
            if left.event is None:
                left.event, right.event = right.event, None
                right.measure = measure_key(right.subject, right.unit or right.kind, None)
        elif left.event is None and left.kind not in ("age", "duration") and (
                SHARED_PREDICATE.match(between) or (len(between) < 6 and CONVERSION.match(between))):
            left.event = right.event  # "40 trillion dong ($1.6 billion) in damage": one sum, one event
        else:
            continue
        left.measure = measure_key(left.subject, left.unit or left.kind, left.event)


def _same_measure_as(previous: tuple[Quantity, Claim, int] | None, q: Quantity, ctx: Context, text: str,
                     sentence: int) -> Claim | None:
    """The figure just before this one in its sentence when the two share a measure: coordinated
    ("1,380 drones and 44 missiles"), restated in another unit ("€4bn ($4.3bn)"), compared ("$1m, up
    from $200,000"), a change and the level it reached ("rose by 4,050 to 101,739"), a running total, or
    a breakdown ("41 people, nine Hungarians")."""
    if previous is None or previous[2] != sentence:
        return None
    left_q, left, _ = previous
    between = plain_between(text[left_q.end:q.start])  # "…, the U.N. said in 2023, up from 117.3 million"
    if COORDINATED.match(between) and (q.kind == left_q.kind or left_q.kind == "age"):
        return left
    if q.kind == "rate" and left_q.kind == "count" and RESTATED.match(between):
        return left  # "31,062 murders, around 85 a day": the count restated per day
    if q.kind != left_q.kind:
        return None
    if CONVERSION.match(between):
        return left  # "19 billion reais ($3.7 billion)": the same figure in another unit
    # (cheap word checks first: most pairs of figures are not linked, and the patterns backtrack)
    compared = ("from" in between or "compared" in between or "against" in between or " of " in between) \
        and (COMPARED.match(between) or ((source := COMPARED_AFTER_SOURCE.match(between)) is not None
                                         and credits_the_figure_after(source.group(1))))
    same_measure = compared or TOTAL.match(between) or (left_q.change and LEVEL_AFTER_CHANGE.match(between)) \
        or (q.change and CHANGE_AFTER.match(between)) or (left_q.trend and MOVED_FROM.match(between))
    if not ctx.named and (same_measure or (" and " in between and GAPPED.match(between))
                          or ("followed" in between and FOLLOWED_BY.match(between))):
        return left
    if not ctx.named and CONTRASTED.match(between) is not None:
        return left  # (with any verb: "won 159 of the 300 seats, while the main opposition took 88")
    if not ctx.named and ";" in between and (answer := ANSWERED.match(between)) is not None \
            and credits_the_figure_after(answer.group(1)):
        return left  # "Police counted 20,000 protesters; organisers claimed 100,000"
    if q.kind == "count" and BREAKDOWN.match(between):
        return left
    if q.kind == "count" and PART_OF_WHOLE.match(between) \
            and OF_THE_WHOLE.search(text, max(0, left_q.start - 12), left_q.start):
        return left
    return None


def _benchmark_for(previous: tuple[Quantity, Claim, int] | None, q: Quantity, ctx: Context, text: str,
                   sentence: int) -> Claim | None:
    """The figure just before this one in its sentence when this one, with no noun of its own, is the
    benchmark it fell short of or passed (BENCHMARK)."""
    if previous is None or previous[2] != sentence or ctx.named or previous[0].kind != q.kind:
        return None
    between = text[previous[0].end:q.start]
    if ("below" in between or "above" in between or "of" in between) and BENCHMARK.match(between):
        return previous[1]
    return None


def _participle_object(previous: tuple[Quantity, Claim, int] | None, q: Quantity, ctx: Context, text: str,
                       sentence: int) -> Claim | None:
    """"attacked more than 100 ships, sinking two and seizing one": a count with no noun of its own right
    after a participle is a part of what the count before it counts (what happened to it is its own)."""
    if previous is None or previous[2] != sentence or ctx.unit is not None or q.kind != "count" \
            or previous[0].kind != "count" or previous[1].unit is None:
        return None
    between = plain_between(text[previous[0].end:q.start])
    return previous[1] if "ing " in between and PARTICIPLE_BEFORE.match(between) else None


def _running_total(claims: list[Claim], q: Quantity, ctx: Context, text: str, sentence: str,
                   sentence_start: int) -> Claim | None:
    """"1,100 migrants arrived in 24 hours, …, bringing this year's total to almost 98,000": the running
    total of the last count of the sentence, whatever figures stand between; "That brings the total for
    the year to 31,000" opening the next sentence: of the last count before it. A revised figure (REVISED)
    likewise."""
    if ctx.named:
        return None
    last = next((c for c in reversed(claims) if c.kind == "count" and c.sentence == sentence), None)
    if last is not None:
        after = last.char_end
        return last if RUNNING_TOTAL.search(text, after, q.start) or REVISED.search(text, after, q.start) \
            else None
    opening = TOTAL_OPENING.match(text, sentence_start, q.start) \
        or REVISED.search(text, sentence_start, q.start)
    return next((c for c in reversed(claims) if c.kind == "count"), None) if opening else None


def _own_verb(word: str) -> bool:
    """Whether the verb of a contrasted clause says what happened to its figure itself ("while the opposition
    took 88"): not a reporting verb, a copula, a preposition or an adverb ("but the price was actually 50
    million", "but the Red Crescent revised its figure down to 3,958")."""
    return not credits_the_figure_after(word) and word not in NO_OWN_VERB and not word.endswith("ly")


def _inherit_event(ctx: Context, event: str | None) -> None:
    """What happened to the figure a figure shares its measure with happened to it too, and a weak verb of
    arrival continues it ("85,000 refugees have fled, and 2,000 more are arriving": still displaced)."""
    if (ctx.event is None and happens_to(event, ctx.unit)) or (ctx.weak_event and event in ARRIVALS):
        ctx.event = event or ctx.event


def _settle_claimant_kinds(claims: list[Claim]) -> None:
    """A source first met without a role ("Volodymyr Zelensky claimed") keeps the kind the article
    gives it later ("the Ukrainian president")."""
    known = {c.claimant: c.claimant_kind for c in claims if c.claimant_kind not in (None, "other")}
    for c in claims:
        if c.claimant in known and c.claimant_kind == "other":
            c.claimant_kind = known[c.claimant]


def measure_key(subject: str | None, unit: str, event: str | None) -> str:
    """A readable key for the real-world quantity: 'north_korean troops deployed'."""
    return " ".join(filter(None, (subject, unit.replace(" ", "_"), event)))


def _hedge(left: Claim, value: float | None) -> tuple[str, float | None, float | None]:
    """The bounds the left figure's hedge gives `value` (DESIGN's qualifier table)."""
    if value is None:
        return "exact", None, None
    if left.qualifier in ("at_least", "more_than"):
        return left.qualifier, value, None
    if left.qualifier in ("at_most", "less_than"):
        return left.qualifier, None, value
    nearly = left.high is not None and left.high == left.value  # "nearly 10,000 and 3,000"
    return left.qualifier, None, value if nearly else None
