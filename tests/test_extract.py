"""The extractor end to end: the customer's sample, then attribution and context shapes we wrote."""

from __future__ import annotations

from datetime import date

import pytest

from flows.extract import extract_claims

TUESDAY = date(2024, 11, 19)


def find(claims, value, surface_part=None):
    hits = [
        c
        for c in claims
        if value in (c.value, c.low, c.high) and (surface_part is None or surface_part in c.surface)
    ]
    assert hits, f"no claim with value {value}: {[(c.surface, c.value) for c in claims]}"
    return hits[0]


# -- the customer's sample ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "surface", "qualifier", "unit", "claimant"),
    [
        (10000, "nearly 10,000", "approx", "troops", "Volodymyr Zelensky"),
        (3000, "around 3,000", "approx", "troops", "Sources on the Ukrainian side"),
        (40, "more than 40", "more_than", "missiles", "US Department of the Treasury"),
        (6, "six", "exact", "troops", "Ukrainian media"),
        (115000, "at least 115,000", "at_least", "troops", "New York Times"),
        (1_000_000, "about one million", "approx", "people", "Wall Street Journal"),
        (7000, "about 7,000", "approx", "containers", "South Korea"),
        (9000, "9,000", "exact", "containers", "South Korea"),
    ],
)
def test_seed_claim_has_value_qualifier_unit_and_claimant(
    seed_claims, value, surface, qualifier, unit, claimant
):
    claim = find(seed_claims, value, surface)
    assert (claim.qualifier, claim.unit, claim.claimant) == (qualifier, unit, claimant)


def test_seed_nearly_sets_the_upper_bound(seed_claims):
    claim = find(seed_claims, 10000, "nearly")
    assert claim.high == 10000 and claim.low is None


def test_seed_quoted_figure_takes_the_speaker_of_the_previous_paragraph(seed_claims):
    quoted = [c for c in seed_claims if c.surface == "10,000"]
    assert [c.claimant for c in quoted] == ["Volodymyr Zelensky"]
    assert quoted[0].qualifier == "exact" and quoted[0].unit == "troops"


def test_seed_vague_thousands_of_soldiers(seed_claims):
    claim = next(c for c in seed_claims if c.surface == "thousands")
    assert (claim.qualifier, claim.value, claim.unit, claim.claimant) == (
        "vague",
        None,
        "troops",
        "Volodymyr Zelensky",
    )
    assert claim.low is not None and claim.high is not None and claim.low < claim.high


def test_seed_at_least_governs_both_coordinated_figures(seed_claims):
    wounded = find(seed_claims, 500000)
    assert (wounded.qualifier, wounded.low, wounded.unit, wounded.subject, wounded.event) == (
        "at_least",
        500000,
        "troops",
        "russian",
        "wounded",
    )
    assert wounded.claimant == "New York Times"


def test_seed_deployment_figures_share_one_measure_and_deaths_another(seed_claims):
    nearly, around = find(seed_claims, 10000, "nearly"), find(seed_claims, 3000)
    killed = find(seed_claims, 115000)
    assert nearly.measure == around.measure == "north_korean troops deployed"
    assert killed.measure == "russian troops killed"


def test_seed_cited_anonymous_sources_stay_behind_the_outlet(seed_claims):
    claim = find(seed_claims, 1_000_000)
    assert (claim.claimant, claim.via, claim.event, claim.subject) == (
        "Wall Street Journal",
        "unnamed sources",
        "killed_or_wounded",
        "russian+ukrainian",
    )


def test_seed_no_date_or_year_is_a_claim(seed_claims):
    values = {c.value for c in seed_claims}
    assert not values & {2024.0, 2022.0, 19.0, 3.0}


def test_seed_two_years_is_a_duration_if_taken(seed_claims):
    assert all(c.kind == "duration" for c in seed_claims if c.value == 2)


def test_seed_as_of_uses_the_date_the_sentence_gives(seed_claims):
    assert find(seed_claims, 6).as_of == date(2024, 10, 3)
    assert find(seed_claims, 10000, "nearly").as_of == date(2024, 11, 14)  # "on Thursday"
    assert find(seed_claims, 7000).as_of == date(2024, 11, 19)  # the article's date


def test_seed_offsets_point_at_the_surface(seed_text, seed_claims):
    assert all(seed_text[c.char_start : c.char_end] == c.surface for c in seed_claims)


def test_claim_ids_are_stable_across_runs(seed_text, seed_claims):
    again = extract_claims(seed_text, published=date(2024, 11, 19))
    assert [c.claim_id for c in again] == [c.claim_id for c in seed_claims]
    assert len({c.claim_id for c in again}) == len(again)


# -- attribution shapes -------------------------------------------------------------------------


def one(text, value, **kw):
    return find(extract_claims(text, **kw), value)


def counted(text: str) -> tuple[str | None, str | None]:
    """(unit, event) of the one claim in `text`."""
    [claim] = extract_claims(text)
    return claim.unit, claim.event


def test_according_to_names_the_claimant():
    c = one("At least 42 people died in the floods, according to the Red Cross.", 42)
    assert (c.claimant, c.claimant_kind, c.unit, c.event) == ("Red Cross", "ngo", "people", "killed")


def test_inverted_said_names_the_claimant():
    c = one("“We counted 1,200 homes destroyed,” said Maria Lopez, a regional official.", 1200)
    assert c.claimant == "Maria Lopez"


def test_citing_a_named_source_records_both():
    c = one("Reuters, citing the health ministry, reported that 310 people had been killed.", 310)
    assert (c.claimant, c.via) == ("health ministry", "Reuters")


def test_passive_report_credits_nobody():
    c = one("It was reported that 500 protesters had been arrested.", 500)
    assert c.claimant is None and c.event == "arrested" and c.unit == "protesters"


def test_article_assertion_has_no_claimant():
    c = one("The storm destroyed 3,400 homes across the province.", 3400)
    assert c.claimant is None and c.unit == "homes"


def test_role_noun_resolves_to_the_named_person():
    text = (
        "Prime Minister Jane Doe visited the region on Monday.\n\n"
        "The prime minister said that 12,000 troops would be sent to the border."
    )
    c = one(text, 12000)
    assert c.claimant == "Jane Doe" and c.event == "deployed"


def test_title_and_surname_fold_to_the_full_name():
    text = (
        "Volodymyr Zelensky spoke in Brussels.\n\nMr Zelensky said 5,000 Russian soldiers had been captured."
    )
    c = one(text, 5000)
    assert (c.claimant, c.subject, c.unit, c.event) == ("Volodymyr Zelensky", "russian", "troops", "captured")


def test_anonymous_source_is_marked_anonymous():
    c = one("A Russian military source said about 2,000 Chechen fighters had arrived.", 2000)
    assert c.claimant_kind == "anonymous"


def test_role_before_name_keeps_the_name():
    c = one("Nato secretary general Mark Rutte said 30 countries would send aid.", 30)
    assert c.claimant == "Mark Rutte" and c.claimant_kind == "international_org"


def test_post_posed_claimant_after_the_figure():
    c = one("About 20,000 people have fled the fighting, the United Nations said.", 20000)
    assert (c.claimant, c.event, c.claimant_kind) == ("United Nations", "displaced", "international_org")


def test_apposition_unit_of_demonyms_counts_troops():
    c = one("Officials said Russia was forming a unit of around 3,000 North Koreans.", 3000)
    assert (c.unit, c.subject, c.event) == ("troops", "north_korean", "deployed")


def test_country_list_is_not_the_owner_of_a_count():
    c = one("The US, Japan, South Korea and eight other governments formed a team.", 8)
    assert c.subject is None


def test_text_without_numbers_gives_no_claims():
    assert extract_claims("Nothing here counts anything at all.") == []


@pytest.mark.parametrize(("text", "change", "trend"), [
    ("The death toll has risen above 1,100, the army said.", None, "up"),  # a level passed
    ("Inflation fell below 2% in May.", None, "down"),
    ("Prices rose more than 5% in May.", "up", None),  # the size of the move, hedged
])
def test_a_rise_past_a_level_is_a_trend_not_a_change(text: str, change: str | None, trend: str | None):
    [claim] = extract_claims(text)
    assert (claim.change, claim.trend) == (change, trend)


def test_level_reached_by_a_rise_keeps_its_trend_and_no_change() -> None:
    toll, = extract_claims("The death toll rose to 240 on Monday, officials said.")
    assert (toll.value, toll.change, toll.trend) == (240.0, None, "up")


def test_a_figure_compared_after_the_noun_phrase_shares_its_measure() -> None:
    claims = extract_claims("Clinics saw 4,812 cases of dengue in August, up from 2,140 a year earlier.")
    assert [(c.unit, c.event) for c in claims] == [("cases", "infected")] * 2


@pytest.mark.parametrize("text", [
    "About 2,000 Cuban migrants were intercepted at sea this year, compared with 6,182 the year before.",
    "The firm sold 300 cars in May compared to 410 in April.",
])
def test_a_figure_compared_with_after_a_clause_shares_its_measure(text: str) -> None:
    first, second = extract_claims(text)
    assert second.unit == first.unit is not None and second.measure == first.measure


@pytest.mark.parametrize("text", ["The European Union promised €350m and Germany €244m.",
                                  "Labour spent £11.4m and the Liberal Democrats £3.1m."])
def test_a_second_subject_with_its_verb_left_out_shares_the_event(text: str) -> None:
    events = [c.event for c in extract_claims(text)]
    assert len(events) == 2 and events[0] is not None and events[1] == events[0]


def test_more_arriving_refugees_stay_displaced_and_a_share_of_them_takes_no_event() -> None:
    text = "More than 85,000 refugees have crossed into Chad, and about 2,000 more are arriving every day."
    assert [c.event for c in extract_claims(text)] == ["displaced", "displaced"]
    text = "More than 420,000 Rohingya have fled to Bangladesh. Roughly 60% of them are children."
    assert [c.event for c in extract_claims(text)] == ["displaced", None]


def test_those_referred_back_to_are_the_ones_to_whom_it_can_have_happened() -> None:
    text = ("The army said it had detained 1,200 suspects and seized 350 weapons. Rights groups say at "
            "least 80 of those detained were minors.")
    assert [(c.unit, c.event) for c in extract_claims(text)][-1] == ("suspects", "arrested")


@pytest.mark.parametrize(("text", "expected"), [
    ("The storm hit 40 towns, destroying six and damaging 20.",
     [("towns", None), ("towns", "destroyed"), ("towns", "damaged")]),
    ("Houthi fighters have attacked more than 100 ships, sinking two and killing four sailors.",
     [("ships", None), ("ships", None), ("sailors", "killed")]),
])
def test_the_verb_right_before_the_next_figure_is_that_figures_own(text: str, expected: list) -> None:
    assert [(c.unit, c.event) for c in extract_claims(text)] == expected


@pytest.mark.parametrize("text", [
    "Local authorities said 5,300 people were killed, but the Red Crescent later revised its figure down to "
    "3,958.",
    "The ministry said 5,300 people had died. It later lowered its estimate to 3,958.",
])
def test_a_revised_figure_counts_what_the_figure_it_revises_counted(text: str) -> None:
    assert [(c.unit, c.event) for c in extract_claims(text)] == [("people", "killed")] * 2


def test_a_contrasted_clause_with_its_own_verb_counts_the_same_thing_but_keeps_its_own_event() -> None:
    text = "The ruling party won 159 seats, the election commission said, while the opposition took 88."
    assert [c.unit for c in extract_claims(text)] == ["seats", "seats"]
    text = "Rebels burned 40 homes, while the army rebuilt 12."
    assert [(c.unit, c.event) for c in extract_claims(text)] == [("homes", "burned"), ("homes", None)]


@pytest.mark.parametrize("text", [
    "Some 12,000 Haitians were deported last week, a sharp increase from 6,000 the week before.",
    "Some 12,000 Haitians were deported last week, the IOM said, a sharp increase from 6,000 a week earlier.",
])
def test_an_increase_from_a_figure_is_the_same_measure_earlier(text: str) -> None:
    assert [c.unit for c in extract_claims(text)] == ["people", "people"]


def test_a_forecast_with_no_noun_is_of_the_measure_the_sentence_before_counted() -> None:
    text = "The economy added 256,000 jobs in December. Economists polled by Reuters had forecast 160,000."
    assert [(c.unit, c.change) for c in extract_claims(text)] == [("jobs", "up")] * 2


def test_a_source_countrys_own_toll_is_that_countrys() -> None:
    text = "Egypt said 672 of its pilgrims had died, and Tunisia put its toll at 49."
    assert [c.subject for c in extract_claims(text)] == ["egyptian", "tunisian"]
    assert extract_claims("Russia said its forces had shot down 40 drones.")[0].subject is None


def test_a_running_total_reads_past_an_abbreviated_date() -> None:
    text = ("The military said 403 soldiers had been killed since Oct. 27, bringing the total number of "
            "soldiers killed since Oct. 7 to 793.")
    assert [(c.unit, c.event) for c in extract_claims(text) if c.value == 793] == [("troops", "killed")]


def test_a_figure_referring_back_reaches_past_a_sentence_without_figures() -> None:
    text = ("The mayor estimated that 500,000 people had attended. “It was the largest crowd in the city's "
            "history,” she said. Police, however, said the figure was closer to 200,000.")
    assert [(c.unit, c.event) for c in extract_claims(text)] == [("people", "attended")] * 2


@pytest.mark.parametrize(("text", "second"), [
    ("Police said 8,000 people attended, organisers 20,000.", ("organisers", "people", "attended")),
    ("Police put the crowd at 8,000, organisers at 20,000.", ("organisers", "people", "attended")),
    ("The government says 81 people died, the opposition 200.", ("opposition", "people", "killed")),
])
def test_a_source_whose_verb_is_left_out_gives_another_figure_for_the_same_measure(text: str,
                                                                                 second: tuple) -> None:
    claims = extract_claims(text)
    assert (claims[1].claimant, claims[1].unit, claims[1].event) == second
    assert claims[0].claimant != claims[1].claimant


@pytest.mark.parametrize("text", [
    "Police counted 20,000 people; organisers claimed 100,000.",
    "According to police, 20,000 people took part. Organisers said 100,000.",
])
def test_another_sources_bare_figure_after_a_semicolon_or_on_its_own_is_the_same_measure(text: str) -> None:
    claims = extract_claims(text)
    assert [c.unit for c in claims] == ["people", "people"]
    assert claims[0].claimant != claims[1].claimant


def test_words_before_a_figure_that_name_no_source_credit_nobody_new() -> None:
    claims = extract_claims("Police said 8,000 people attended, the rest 200.")
    assert claims[1].claimant == "Police"


def test_others_far_from_the_figure_they_follow_count_the_same_thing_with_their_own_fate() -> None:
    text = ("At least 70 migrants died when their boat capsized off the coast of Djibouti, the International "
            "Organization for Migration said, and 28 others were rescued.")
    claims = extract_claims(text)
    assert [(c.unit, c.event) for c in claims] == [("migrants", "killed"), ("migrants", "rescued")]


def test_where_a_level_moved_from_is_the_same_measure() -> None:
    text = "Homicides fell to 1,056 last year from 1,351 in 2022, police data showed."
    assert [(c.unit, c.event) for c in extract_claims(text)] == [("people", "killed")] * 2


def test_a_clause_of_its_own_with_its_own_noun_keeps_its_own_event() -> None:
    text = "About 60,000 people were left homeless, and 1,200 schools were closed."
    assert [c.event for c in extract_claims(text)] == ["displaced", None]
    text = "At least 115,000 soldiers were killed and 500,000 wounded."
    assert [c.event for c in extract_claims(text)] == ["killed", "wounded"]


def test_a_count_after_a_participle_is_acted_on_not_a_change() -> None:
    text = "Houthi fighters have attacked more than 100 ships, sinking two."
    assert [c.change for c in extract_claims(text)] == [None, None]


def test_more_soldiers_arriving_after_casualties_are_deployed() -> None:
    text = "More than 3,000 soldiers have been killed. A few thousand more were expected to arrive."
    assert [c.event for c in extract_claims(text)] == ["killed", "deployed"]


def test_the_verb_after_a_part_and_its_whole_is_the_parts_event() -> None:
    claims = extract_claims("About 6,500 of the plant's 9,000 workers walked out.")
    assert [(c.unit, c.event) for c in claims] == [("workers", "struck"), ("workers", None)]


def test_a_hedge_governs_a_coordinated_pair_but_not_a_new_clause() -> None:
    pair = extract_claims("At least 115,000 soldiers were killed and 500,000 wounded.")
    assert [c.qualifier for c in pair] == ["at_least", "at_least"]
    clauses = extract_claims("More than 165,000 people have been displaced, and 90 remain missing.")
    assert [c.qualifier for c in clauses] == ["more_than", "exact"]


@pytest.mark.parametrize("more", ["another", "a further", "an additional"])
def test_another_coordinated_figure_counts_the_same_noun(more: str) -> None:
    claims = extract_claims(f"Officials said 100 soldiers had been killed and {more} 1,000 wounded.")
    assert [(c.unit, c.event) for c in claims] == [("troops", "killed"), ("troops", "wounded")]


def test_a_part_with_its_own_verb_keeps_it_and_the_whole_keeps_the_verb_after_it() -> None:
    claims = extract_claims("Air defences intercepted 38 of the 44 drones launched overnight.")
    assert [(c.unit, c.event) for c in claims] == [("drones", "destroyed"), ("drones", "used")]


def test_intercepted_people_are_not_destroyed() -> None:
    claim, = extract_claims("About 2,000 migrants were intercepted at sea.")
    assert claim.event != "destroyed"


def test_a_part_named_after_including_further_on_shares_the_event() -> None:
    text = "At least 2,100 people had been killed in strikes over the past year, including 127 children."
    assert [(c.unit, c.event, c.qualifier) for c in extract_claims(text)] == [
        ("people", "killed", "at_least"), ("children", "killed", "exact")]


def test_a_running_total_counts_what_the_last_count_of_the_sentence_counts() -> None:
    text = ("More than 1,100 migrants arrived on the island in 24 hours, the Red Cross said on Monday, "
            "bringing this year's total to almost 98,000.")
    assert [(c.unit, c.event) for c in extract_claims(text) if c.kind == "count"] == [
        ("migrants", "displaced"), ("migrants", "displaced")]
    for since in ("", " since February 2022", " since the February 2022 full-scale invasion",
                  " since the start of the full invasion"):
        text = (f"Russia had lost 1,523 soldiers in the past 24 hours, bringing its total losses{since} "
                "to 720,000.")
        assert [c.measure for c in extract_claims(text) if c.kind == "count"] == [
            "russian troops killed_or_wounded"] * 2


def test_a_running_total_in_a_sentence_of_its_own_counts_what_the_count_before_it_counts() -> None:
    for total in ("total for the year so far", "number who have crossed this year"):
        text = ("Nearly 2,000 migrants crossed the Channel on Monday, the Home Office said. That brings the "
                f"{total} to more than 31,000.")
        assert one(text, 31000).measure == one(text, 2000).measure == "migrants displaced"


def test_bringing_the_number_to_a_figure_is_a_running_total_too() -> None:
    text = ("Some 400 Rohingya refugees arrived in Aceh this week, the UNHCR said, bringing the number who "
            "have landed since November to more than 1,500.")
    assert one(text, 1500).measure == one(text, 400).measure


def test_a_coordinated_thing_does_not_take_an_event_that_happens_only_to_people() -> None:
    claims = extract_claims("Police said 27 suspects had been arrested in raids and 40 rifles seized.")
    assert [(c.unit, c.event) for c in claims] == [("suspects", "arrested"), ("weapons", None)]


def test_a_part_of_the_things_named_before_keeps_their_owner() -> None:
    text = "The air force said Russia had launched 91 drones, and that 78 of the drones had been shot down."
    assert [(c.subject, c.event) for c in extract_claims(text)] == [
        ("russian", "used"), ("russian", "destroyed")]


@pytest.mark.parametrize("verb", ["estimated", "said", "counted"])
def test_another_sources_bare_figure_after_while_shares_the_measure(verb: str) -> None:
    c = one(f"Organisers said 100,000 people marched, while police {verb} 20,000.", 20000)
    assert (c.unit, c.event, c.claimant) == ("people", "attended", "police")


@pytest.mark.parametrize("text", ["The number of asylum applications fell by 38% to 94,000 this year.",
                                  "The number of asylum applications fell to 94,000 this year."])
def test_the_level_a_number_of_things_reached_counts_them(text: str) -> None:
    assert one(text, 94000).unit == "applications"


def test_a_figure_up_from_another_after_a_reporting_clause_shares_its_measure() -> None:
    text = "Turnout was 67.3 per cent, the electoral commission said, up from 61.2 per cent in 2019."
    now, before = one(text, 67.3), one(text, 61.2)
    assert before.measure == now.measure and before.event == "attended"


def test_up_from_after_a_noun_and_a_reporting_clause_with_its_day_shares_the_measure() -> None:
    text = "The outbreak has grown to 159 cases, state health officials said Friday, up from 146 last week."
    assert one(text, 146).measure == one(text, 159).measure
    assert (one(text, 146).unit, one(text, 146).event) == ("cases", "infected")


def test_a_part_of_a_bare_figure_after_it_counts_its_noun() -> None:
    text = "Kyiv said its air defences shot down 31 of 35 drones launched overnight."
    part, whole = one(text, 31), one(text, 35)
    assert (part.unit, part.event, whole.unit) == ("drones", "destroyed", "drones")


def test_western_estimates_range_is_another_sources_figure_for_the_same_measure() -> None:
    text = ("According to Ukraine's general staff, Russia has lost 700,000 troops, while Western estimates "
            "range from 500,000 to 600,000.")
    claimed, estimated = one(text, 700000), one(text, 550000)
    assert estimated.measure == claimed.measure == "russian troops killed_or_wounded"
    assert (estimated.claimant, estimated.low, estimated.high) == ("Western estimates", 500000, 600000)


def test_how_far_a_measure_moved_after_a_reporting_clause_counts_the_same() -> None:
    text = "The outbreak has grown to 124 cases, state health officials said Wednesday, up 20 from last week."
    level, moved = one(text, 124), one(text, 20)
    assert (moved.unit, moved.event, moved.change) == ("cases", "infected", "up")
    assert moved.measure == level.measure and level.change is None


@pytest.mark.parametrize(("text", "value", "unit", "subject", "event"), [
    ("The health ministry said the number of Palestinians killed had risen to 43,922, with 103,898 wounded.",
     103898, "people", "palestinian", "wounded"),
    ("Police arrested 300 protesters, with another 50 detained overnight.",
     50, "protesters", None, "arrested"),
])
def test_a_figure_after_with_counts_the_noun_of_the_figure_before(
        text: str, value: float, unit: str, subject: str | None, event: str) -> None:
    claim = one(text, value)
    assert (claim.unit, claim.subject, claim.event) == (unit, subject, event)


def test_a_figure_restated_in_another_currency_shares_the_event() -> None:
    text = "The governor said the cost of rebuilding could exceed 19 billion reais ($3.7 billion)."
    reais, dollars = one(text, 19e9), one(text, 3.7e9)
    assert (reais.event, dollars.event) == ("cost", "cost")
    assert (dollars.unit, dollars.qualifier) == ("USD", "more_than")


def test_a_figure_restated_before_its_event_shares_the_event_after_both() -> None:
    text = "The storm caused an estimated 40 trillion dong ($1.6 billion) in damage, the prime minister said."
    assert (one(text, 40e12).event, one(text, 1.6e9).event) == ("lost", "lost")


@pytest.mark.parametrize(("text", "dates"), [
    ("Turnout was about 60%, down from 67.3% in 2019.", {60: TUESDAY, 67.3: date(2019, 12, 31)}),
    ("Inflation fell to 2.4% in March from 2.6% in February, Eurostat said.",
     {2.4: date(2024, 3, 31), 2.6: date(2024, 2, 29)}),
    ("About 460 cars have been stolen this year, compared with 63 during the same period last year.",
     {460: TUESDAY, 63: date(2023, 12, 31)}),
    ("Aid from 30 countries in 2023 totalled $5bn.", {30: date(2023, 12, 31), 5e9: date(2023, 12, 31)}),
    ("Turnout was estimated at 61%, slightly below the 63% recorded in 2018.",
     {61: TUESDAY, 63: date(2018, 12, 31)}),
    ("More than 2,000 people died in 2023.", {2000: date(2023, 12, 31)}),  # "than" compares nothing here
])
def test_a_date_after_a_compared_figure_dates_that_figure_alone(text: str, dates: dict[float, date]) -> None:
    claims = extract_claims(text, TUESDAY)
    assert {c.value: c.as_of for c in claims} == dates


@pytest.mark.parametrize(("text", "value", "subject"), [
    ("The Ukrainian air force shot down 42 drones overnight.", 42, None),  # the doer is no owner
    ("Israeli troops arrested 40 people in Jenin.", 40, None),
    ("Ukraine's air force said it downed 42 of 61 Russian drones.", 42, "russian"),  # the whole's owner
    ("Ukraine has lost 300 soldiers.", 300, "ukrainian"),  # what it lost is its own
    ("Russia launched 61 drones.", 61, "russian"),
])
def test_a_country_doing_what_happens_to_the_figure_is_not_its_owner(
        text: str, value: float, subject: str | None) -> None:
    assert one(text, value).subject == subject


def test_a_figure_down_from_a_peak_shares_the_measure() -> None:
    text = ("About 1.3 million homes and businesses were still without power on Tuesday, down from a peak of "
            "more than 4 million.")
    now, peak = one(text, 1.3e6), one(text, 4e6)
    assert peak.measure == now.measure == "homes affected"


@pytest.mark.parametrize(("text", "unit", "event"), [
    ("The army said it had eliminated more than 500 fighters.", "fighters", "killed"),
    ("The company eliminated 2,000 jobs.", "jobs", "cut"),
    ("The military said about 35 projectiles crossed into its territory.", "projectiles", None),
])
def test_eliminated_people_are_killed_eliminated_jobs_cut_and_projectiles_are_not_displaced(
        text: str, unit: str, event: str | None) -> None:
    assert counted(text) == (unit, event)


def test_an_increase_of_a_figure_after_a_long_noun_phrase_counts_the_same() -> None:
    text = ("Official figures show 4.3 million children were living in poverty last year, an increase of "
            "100,000.")
    assert one(text, 100000).unit == one(text, 4.3e6).unit == "children"


def test_the_number_of_things_that_passed_a_level_counts_them_past_nearer_nouns() -> None:
    text = "The number of migrants crossing the Channel in small boats has passed 30,000 this year."
    assert one(text, 30000).unit == "migrants"


def test_the_period_data_covers_dates_the_figure_rather_than_the_day_it_was_released() -> None:
    text = ("Data released by the Office for National Statistics on Wednesday showed that net migration hit "
            "906,000 in the year to June 2023.")
    assert one(text, 906000, published=TUESDAY).as_of == date(2023, 6, 30)


@pytest.mark.parametrize(("text", "unit"), [
    ("Officials said 66 drones were shot down and 27 others were lost.", "drones"),
    ("Officials said 12 soldiers were killed and 40 others wounded.", "troops"),
    ("A court sentenced 12 people to death. Two others were given life sentences.", "people"),
])
def test_others_count_the_noun_of_the_figure_before_else_people(text: str, unit: str) -> None:
    assert extract_claims(text)[-1].unit == unit


@pytest.mark.parametrize(("text", "event"), [
    ("Nearly 60,000 people have crossed from Sudan into Chad in the past month.", "displaced"),
    ("Fewer than 900 roles will go at the plant.", "cut"),
    ("Up to 1,000 jobs are to go.", "cut"),
    ("About 40 people will go to hospital.", None),  # people do not go as jobs do
])
def test_crossing_from_a_country_displaces_people_and_jobs_that_go_are_cut(
        text: str, event: str | None) -> None:
    assert counted(text)[1] == event


def test_money_a_body_could_lose_is_a_loss_not_a_fall() -> None:
    [claim] = extract_claims("The economy could lose as much as $3.3 billion.")
    assert (claim.event, claim.change, claim.qualifier) == ("lost", None, "at_most")


def test_a_part_of_a_country_is_a_place_not_an_owner() -> None:
    text = "The earthquake that struck southern Turkey and northern Syria has killed more than 5,000 people."
    assert one(text, 5000).subject is None


@pytest.mark.parametrize(("text", "value", "unit", "event"), [
    ("The WHO warned the toll could rise eightfold, to more than 20,000.", 20000, "people", "killed"),
    ("Cholera cases had tripled in a month, to more than 2,000.", 2000, "cases", "infected"),
])
def test_the_level_after_a_comma_and_to_is_what_the_earlier_noun_counts(
        text: str, value: float, unit: str, event: str) -> None:
    claim = one(text, value)
    assert (claim.unit, claim.event) == (unit, event)


@pytest.mark.parametrize("verb", ["have sought refuge abroad", "took refuge in schools"])
def test_people_who_sought_refuge_are_displaced(verb: str) -> None:
    [claim] = extract_claims(f"More than 6 million Ukrainians {verb}.")
    assert claim.event == "displaced"


def test_homicides_that_fell_to_a_level_are_people_killed() -> None:
    text = "Homicides in the city fell 18% last year to 386, the lowest number since 2014, police data show."
    claim = one(text, 386)
    assert (claim.unit, claim.event) == ("people", "killed")


@pytest.mark.parametrize(("text", "unit", "event"), [
    ("The army struck 40 Hamas targets overnight.", "targets", "struck"),  # a name ending in s, then its noun
    ("About 3,000 North Koreans have been deployed.", "people", "deployed"),
    ("Officials said 13 hostages had been killed.", "hostages", "killed"),  # the verb beats the noun's event
    ("Hamas holds 101 hostages.", "hostages", "captured"),
    ("Some 300 refugees were killed in the strike.", "refugees", "killed"),
])
def test_a_noun_that_names_an_event_yields_to_the_verb_after_it(
        text: str, unit: str, event: str | None) -> None:
    assert counted(text) == (unit, event)


def test_a_figure_compared_with_after_a_reporting_clause_shares_the_measure() -> None:
    text = ("So far this year, 2,450 migrants have died or gone missing trying to cross the central "
            "Mediterranean, the IOM said, compared with 1,417 in the same period last year.")
    assert one(text, 1417).measure == one(text, 2450).measure == "migrants killed"


def test_a_comparison_qualified_by_an_adverb_shares_the_measure() -> None:
    text = "Turnout in the general election was 65.79%, slightly down from 67.4% in 2019."
    assert one(text, 67.4).event == one(text, 65.79).event == "attended"
    text = "Turnout was 65.79%, the election commission said, slightly down from 67.4%."
    assert one(text, 67.4).event == one(text, 65.79).event == "attended"


def test_a_year_between_two_figures_does_not_part_a_breakdown_or_a_comparison() -> None:
    text = "Israeli forces had killed 1,160 Palestinians since October 2023, including 250 children."
    assert (one(text, 250).unit, one(text, 250).event) == ("children", "killed")
    text = "Some 36,816 people crossed the Channel in small boats in 2024, up from 29,437 the year before."
    assert one(text, 29437).measure == one(text, 36816).measure


def test_a_count_restated_per_day_is_a_rate_of_the_same_things() -> None:
    text = "The agency recorded 31,062 murders, around 85 a day."
    rate = one(text, 85)
    assert (rate.kind, rate.unit, rate.event) == ("rate", "people per day", "killed")


def test_the_full_stops_of_an_initialism_do_not_part_two_compared_figures() -> None:
    text = ("The number of displaced people rose to a record 122.6 million, the U.N. refugee agency said on "
            "Thursday, up from 117.3 million a year earlier.")
    assert one(text, 117.3e6).measure == one(text, 122.6e6).measure
