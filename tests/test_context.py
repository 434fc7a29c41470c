"""What a number counts (unit, subject, event), read from the words around it: shapes we wrote."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from flows.extract import extract_claims
from flows.lexicon import rows

GOLD_CONVENTIONS = Path(__file__).resolve().parent.parent / "data" / "gold" / "conventions.toml"


def claim(text: str, surface: str):
    """The claim whose surface starts with `surface` (the surface of a rate runs on: "92 soldiers a day")."""
    hits = [c for c in extract_claims(text) if c.surface.startswith(surface)]
    assert hits, f"no claim {surface!r}: {[c.surface for c in extract_claims(text)]}"
    return hits[0]


def described(text: str, surface: str) -> tuple:
    c = claim(text, surface)
    return c.unit, c.subject, c.event


# -- rates ----------------------------------------------------------------------------------------


def test_rate_keeps_its_counted_noun():
    c = claim("Russia lost an average of 92 soldiers a day in March.", "92")
    assert (c.kind, c.unit, c.event) == ("rate", "troops per day", "killed_or_wounded")


@pytest.mark.parametrize("period", ["every week", "every single week", "each week"])
def test_period_later_in_the_clause_makes_a_count_a_rate(period: str):
    c = claim(f"About 300 more migrants arrive on the island {period}.", "About 300")
    assert (c.kind, c.unit) == ("rate", "migrants per week")


@pytest.mark.parametrize("limit", ["within a year", "in a week", "for a day"])
def test_a_time_limit_after_a_count_is_no_rate(limit: str):
    c = claim(f"The government will rebuild 319,000 homes {limit}.", "319,000")
    assert (c.kind, c.unit) == ("count", "homes")


# -- coordination, apposition, breakdowns ---------------------------------------------------------


def test_coordinated_figure_borrows_noun_owner_event_and_hedge():
    c = claim("At least 40,000 Russian soldiers were killed and 90,000 wounded.", "90,000")
    assert (c.unit, c.subject, c.event) == ("troops", "russian", "wounded")
    assert (c.qualifier, c.low) == ("at_least", 90000)


def test_coordinated_figure_with_its_own_noun_borrows_owner_and_event():
    text = "Iran launched 120 drones and 30 missiles at the port."
    assert described(text, "30") == ("missiles", "iranian", "used")


def test_shared_verb_after_two_figures_applies_to_both():
    text = "The ministry said 15 police officers and 22 protesters were treated in hospital."
    assert claim(text, "15").event == claim(text, "22").event == "wounded"


def test_breakdown_of_a_figure_shares_its_event():
    text = "The fire killed 12 people, nine Turks and three Syrians, the governor said."
    assert described(text, "nine") == ("people", "turkish", "killed")
    assert described(text, "three") == ("people", "syrian", "killed")


def test_apposition_to_a_noun_before_the_comma():
    text = "Rescuers, some 800 in all, have been deployed to the valley."
    assert described(text, "some 800")[0] == "rescuers"


def test_part_of_a_later_figure_takes_its_noun():
    c = claim("About 1,200 of the factory's 3,000 workers walked out on Monday.", "About 1,200")
    assert (c.unit, c.event) == ("workers", "struck")


# -- events further from the number --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "unit", "event"),
    [
        ("The storm destroyed 2,300 homes, killing 14 people.", "14", "people", "killed"),
        ("The storm destroyed 2,300 homes, killing 14 people.", "2,300", "homes", "destroyed"),
        ("The death toll from the quake rose to 87 on Tuesday.", "87", "people", "killed"),
        ("Police put the turnout at 12,000.", "12,000", "people", "attended"),
        ("The group put the death toll at 213 and said dozens more were hurt.", "213", "people", "killed"),
        ("The army said its jets had struck 120 targets overnight.", "120", "targets", "struck"),
        ("The army said 120 targets were struck overnight.", "120", "targets", "struck"),
        ("They are losing about 1,200 men every day.", "about 1,200", "men per day", "killed_or_wounded"),
        ("More than 1,000 reservists signed a letter demanding the return of the hostages.",
         "More than 1,000", "reservists", None),  # the hostages were, not they
        ("The economy added 227,000 jobs, after a strike held hiring back.", "227,000", "jobs", None),
        ("More than 3,600 houses collapsed in the quake.", "More than 3,600", "homes", "destroyed"),
        ("Gunmen seized 287 pupils from a school.", "287", "students", "captured"),
        ("Police said 9,500 people joined the demonstration.", "9,500", "people", "attended"),
        ("Russia attacked overnight, firing 120 missiles and 90 drones.", "120", "missiles", "used"),
        ("The onboard fires grounded 787 jets.", "787", "aircraft", None),  # a noun, not a verb
        ("More than 5,000 tourists were stranded at the airport.", "More than 5,000", "tourists", "affected"),
        ("At least 25 people were electrocuted.", "At least 25", "people", "killed"),
        ("The floods swept away 2,000 homes.", "2,000", "homes", "destroyed"),
        ("Officials said 25 shops had been gutted.", "25", "shops", "destroyed"),
        ("Some 1,200 people were airlifted to safety.", "Some 1,200", "people", "evacuated"),
        ("At least 30 villages were cut off by the floods.", "At least 30", "villages", "affected"),
        ("Some 300 families lost their homes.", "Some 300", "families", "displaced"),
        ("Police seized 287 rifles.", "287", "weapons", None),
        ("About 5,600 buildings had collapsed in 10 provinces.", "10", "provinces", None),  # where
        ("Nearly 16.25 lakh people in 29 districts have been affected.", "Nearly 16.25 lakh", "people",
         "affected"),  # past the places, to the verb
        ("Nearly 16.25 lakh people in 29 districts have been affected.", "29", "districts", None),
        ("Some 13,000 workers at three Detroit car plants walked off the job.", "three", "plants", None),
        ("Poland has taken in over 2 million refugees.", "over 2 million", "refugees", "displaced"),
        ("As many as 45 died and over 1.2 lakh were shifted to relief camps.", "over 1.2 lakh", "people",
         "displaced"),
        ("Some 30,000 people had been relocated by Wednesday.", "Some 30,000", "people", "evacuated"),
        ("Vacancies fell by 35,000 to 819,000.", "819,000", "vacancies", None),
        ("The families of the dead will receive 500,000 rupees each.", "500,000 rupees", "INR", None),
        ("He said the number of dead could reach 20,000 given the districts destroyed.", "20,000", "people",
         "killed"),  # the level the dead reached, not what was destroyed
        ("The commission recorded 361 injuries and 32 enforced disappearances.", "32", "people", "missing"),
        ("The group documented 1,494 kidnappings last year.", "1,494", "people", "captured"),
        ("Organisers said more than 50 protesters needed medical help.", "more than 50", "protesters",
         "wounded"),
        ("An official said 12 drones had struck an air base.", "12", "drones", None),  # what they did
        ("Kinshasa says some 4,000 Rwandan troops, seized the city of Goma.", "some 4,000", "troops", None),
        ("About 300 fighters captured the town.", "About 300", "fighters", None),
        ("Some 40 homes destroyed the week before were rebuilt.", "Some 40", "homes", "destroyed"),
        ("At least 40 people were killed the next day.", "At least 40", "people", "killed"),
        ("Deaths from the quake that struck on Monday rose to 4,300.", "4,300", "people", "killed"),
        ("Organisers put attendance at 25,000 or more.", "25,000", "people", "attended"),
        ("More than 6,000 people were forced from their homes.", "More than 6,000", "people", "displaced"),
        ("Officers arrested 31 people after the match.", "31", "people", "arrested"),
        ("About 40,000 nurses walked out over pay.", "About 40,000", "nurses", "struck"),
        ("The bank plans to cut 4,000 jobs.", "4,000", "jobs", "cut"),
        ("About 20,000 people joined the march against the law.", "About 20,000", "people", "attended"),
    ],
)
def test_event_is_read_before_after_or_beyond_the_number(text, surface, unit, event):
    c = claim(text, surface)
    assert (c.unit, c.event) == (unit, event)


def test_burned_area_is_a_measurement_with_an_event():
    c = claim("The fires have burned more than 9,000 hectares.", "more than 9,000")
    assert (c.kind, c.event) == ("measurement", "burned")


def test_figures_in_the_same_clause_later_in_the_sentence_share_the_event():
    text = "Some 1,400 civilians, including 300 children, have been killed since May."
    assert claim(text, "Some 1,400").event == claim(text, "300").event == "killed"


def test_an_event_of_another_figure_in_a_later_clause_is_not_taken():
    text = "Of the 90 passengers on board, 40 are still missing."
    assert claim(text, "90").event is None
    assert claim(text, "40").event == "missing"


def test_a_loss_of_money_is_not_a_loss_of_people():
    assert claim("The airline lost $40m in the quarter.", "$40m").event == "lost"
    assert claim("Russia lost 1,000 soldiers in the battle.", "1,000").event == "killed_or_wounded"


def test_events_that_happen_to_people_do_not_happen_to_things():
    assert claim("The index has lost 162 points since Monday.", "162").event is None
    text = "Dozens of people were killed on Friday in shootings at two mosques."
    assert (claim(text, "Dozens").event, claim(text, "two").event) == ("killed", None)


def test_weapons_verbs_do_not_apply_to_people():
    assert claim("Eight employees were fired after the audit.", "Eight").event is None


def test_percent_takes_no_event_from_a_verb_about_something_else():
    assert claim("Workers walked out after 91% of members rejected the offer.", "91%").event is None


# -- units that are not a noun right after the number --------------------------------------------


def test_noun_before_a_bare_number_is_what_it_counts():
    c = claim("The number of cholera cases has risen to 4,500.", "4,500")
    assert (c.unit, c.event) == ("cases", "infected")


def test_change_and_the_level_it_reached_share_a_measure():
    c = claim("Confirmed measles cases rose by 300 to 4,800 on Friday.", "4,800")
    assert (c.unit, c.event) == ("cases", "infected")


def test_figure_that_refers_back_counts_what_the_earlier_one_counts():
    text = "Some 5,000 refugees crossed the border on Sunday. Of those, 1,200 had walked for days."
    assert described(text, "1,200") == ("refugees", None, "displaced")


def test_the_real_number_refers_back_to_the_figure_it_disputes():
    text = ("The ministry said 3,000 soldiers had been deployed, but a spokesman for the rebels said "
            "the real number was closer to 10,000.")
    assert described(text, "closer to 10,000") == ("troops", None, "deployed")


@pytest.mark.parametrize(("text", "surface", "expected"), [
    ("A 3,000-strong force crossed the river.", "3,000", ("troops", None, "deployed")),
    ("A 2,000-strong rebel militia attacked the town.", "2,000", ("fighters", None, None)),
    ("The country's population of 44 million has shrunk.", "44 million", ("people", None, None)),
])
def test_a_body_around_the_figure_says_what_it_counts(text: str, surface: str, expected: tuple) -> None:
    assert described(text, surface) == expected


def test_a_reporting_clause_may_stand_between_a_reference_back_and_the_figure():
    c = claim("The toll passed 40,000. Of those killed, the ministry said, 16,456 were children.", "16,456")
    assert (c.unit, c.event) == ("children", "killed")  # (children: a part of the toll, not another toll)


def test_that_compares_with_refers_back_to_the_figure_of_the_sentence_before():
    text = "Border agents recorded 250,000 encounters in December. That compares with 222,000 a year ago."
    assert claim(text, "222,000").unit == "encounters"


@pytest.mark.parametrize("text", [
    "Crossings fell to 47,000 in November. That compares with a record of nearly 250,000 in December 2023.",
    "Crossings fell to 47,000 in November, which compares with an all-time high of 250,000.",
    "Crossings fell to 47,000 in November, compared with a peak of 250,000 in 2023.",
])
def test_a_record_or_peak_compared_with_counts_what_the_figure_before_counts(text: str) -> None:
    [c] = [c for c in extract_claims(text) if c.value == 250000]
    assert c.unit == "crossings"


@pytest.mark.parametrize("text", [
    "The group said hospitals in the city had received some 300 wounded.",
    "Doctors at the clinic treated 300 injured on Sunday.",
])
def test_the_noun_before_a_verb_of_hosting_is_the_host_not_what_is_counted(text: str) -> None:
    [c] = extract_claims(text)
    assert (c.unit, c.event) == ("people", "wounded")


def test_a_figure_after_but_without_a_noun_counts_what_the_figure_before_counts():
    text = "The minister said the country needed 3 million vaccine doses, but had received only 265,000."
    assert claim(text, "265,000").unit == "doses"


def test_more_without_a_noun_refers_back():
    text = "At least 30 miners were killed on Monday, and dozens more are missing."
    assert described(text, "dozens") == ("miners", None, "missing")


def test_children_under_an_age_are_an_age_not_a_count():
    c = claim("Most of the dead were children under five.", "under five")
    assert (c.kind, c.unit) == ("age", "years")


# -- subjects -------------------------------------------------------------------------------------


def test_a_participle_then_a_demonym_before_the_noun_are_modifiers():
    c = claim("Analysts have documented 3,700 destroyed Russian tanks.", "3,700")
    assert (c.unit, c.subject, c.event) == ("tanks", "russian", "destroyed")


@pytest.mark.parametrize("adjective", ["kidnapped", "displaced", "injured"])
def test_a_participle_before_the_noun_is_a_modifier_and_the_rescuer_no_owner(adjective: str):
    c = claim(f"Nigerian troops rescued 76 {adjective} students.", "76")
    assert (c.unit, c.subject, c.event) == ("students", None, "rescued")


@pytest.mark.parametrize(("text", "unit"), [
    ("The strikes hit 14 Houthi missile launchers.", "launchers"),
    ("Russia launched 300 drone attacks.", "attacks"),
    ("India is buying 126 fighter jets.", "aircraft"),
])
def test_a_singular_unit_word_before_a_plural_noun_modifies_it(text: str, unit: str):
    [c] = extract_claims(text)
    assert c.unit == unit


def test_a_figure_is_never_followed_by_a_noun_phrase_of_its_own_with_the():
    text = "Of the 251 hostages, 76 remain in Gaza, including at least 34 the Israeli military says are dead."
    assert [c.unit for c in extract_claims(text)] == ["hostages"] * 3


def test_the_part_after_of_the_whole_counts_the_whole_s_noun_past_a_day_of_the_month():
    text = "Of the 251 hostages seized in the October 7 attack, 76 remain in Gaza."
    assert [c.unit for c in extract_claims(text)] == ["hostages", "hostages"]


def test_the_missing_as_a_noun_is_no_event_of_a_later_figure():
    text = "Rescuers were searching for the missing with the help of 400 soldiers and police."
    assert claim(text, "400").event != "missing"


def test_an_economy_that_contracted_moved_down_and_caught_no_disease():
    [c] = extract_claims("The economy contracted by 0.3% in 2023.")
    assert (c.event, c.change) == (None, "down")


def test_workers_on_strike_are_not_shipped():
    text = "The strike by 4,000 dock workers halted about half of the nation's ocean shipping."
    assert claim(text, "4,000").event != "shipped"


def test_people_on_the_ground_take_the_event_after_it():
    assert claim("At least 29 people on the ground also died, police said.", "At least 29").event == "killed"


def test_a_benchmark_below_or_short_of_which_a_figure_fell_counts_its_unit_but_not_its_event():
    jobs = extract_claims("Employers added 114,000 jobs, well below the 175,000 economists had expected.")
    assert [c.unit for c in jobs] == ["jobs", "jobs"]
    text = "Donors pledged $2.1bn, well short of the $4.1bn the United Nations says is needed."
    assert [(c.unit, c.event) for c in extract_claims(text)] == [("USD", "pledged"), ("USD", None)]


def test_a_rate_s_own_noun_may_say_what_happened():
    [c] = extract_claims("Russia suffered 1,200 casualties a day in May.")
    assert (c.kind, c.event) == ("rate", "killed_or_wounded")


def test_the_next_in_a_ranking_counts_what_the_first_counts():
    text = "Syrians lodged the most applications, about 181,000, followed by Afghans with 114,000."
    assert claim(text, "114,000").unit == "applications"


@pytest.mark.parametrize(("text", "surface", "event"), [
    ("Floods claimed 600 lives and forced 1.3 million people from their homes.", "1.3 million", "displaced"),
    ("Opposition groups said 2 million people took to the streets.", "2 million", "attended"),
    ("More than 4,000 workers lost their jobs when the plant closed.", "More than 4,000", "cut"),
    ("The company is shedding a further 1,200 positions in Poland.", "1,200", "cut"),
    ("Volunteers distributed 12,000 food parcels.", "12,000", "shipped"),
    ("The army delivered 400 tonnes of aid by helicopter.", "400 tonnes", "shipped"),
    ("The WHO said it had sent 40 tonnes of medical supplies to the region.", "40 tonnes", "shipped"),
    ("Rescuers have pulled 653 bodies from the rubble.", "653", "killed"),
    ("Rescuers have pulled 37 survivors from the rubble.", "37", "rescued"),
    ("Police arrested 12 protesters.", "12", "arrested"),
    ("Border agents apprehended about 56,000 migrants in October.", "about 56,000", "arrested"),
    ("Militants gunned down 9 soldiers.", "9", "killed"),
    ("Soldiers massacred 200 civilians.", "200", "killed"),
    ("The blast maimed 14 children.", "14", "wounded"),
    ("Some 2,000 people suffered burns.", "Some 2,000", "wounded"),
    ("The floods forced 40,000 people to leave their homes.", "40,000", "displaced"),
    ("Police took 50 people into custody.", "50", "arrested"),
    ("Pirates took 20 sailors hostage.", "20", "captured"),
    ("Lifeboats plucked 60 migrants from the sea.", "60", "rescued"),
    ("More than 400,000 people lack access to clean water.", "More than 400,000", "affected"),
    ("Around 10,000 people joined the march.", "Around 10,000", "attended"),
    ("Ukraine exported 4 million tonnes of grain in May.", "4 million tonnes", "shipped"),
    ("The ship carried 20,000 tonnes of grain.", "20,000 tonnes", "shipped"),
    ("Three people were shot in the incident.", "Three", "wounded"),
    ("Three people were shot and killed.", "Three", "killed"),
    ("The storm knocked out power to 800,000 homes.", "800,000", "affected"),
    ("The quake toppled 600 buildings.", "600", "destroyed"),
    ("The Kremlin called up 300,000 reservists.", "300,000", "deployed"),
    ("The EU disbursed €4.2 billion to Ukraine.", "€4.2 billion", "spent"),
    ("Washington has provided $61 billion in military aid.", "$61 billion", "pledged"),
    ("The economic toll could reach $50 billion.", "$50 billion", "lost"),
    ("Some 755,000 face famine conditions.", "Some 755,000", "affected"),
    ("About 25 million people, half the population, need humanitarian assistance.", "About 25 million",
     "affected"),
    ("The Border Patrol recorded 56,000 apprehensions in October.", "56,000", "arrested"),
    ("So far this year, 28,000 people have made the crossing.", "28,000", "displaced"),
    ("Italian police said 250,000 lined the streets.", "250,000", "attended"),
    ("The outbreak has sickened more than 10,000 people.", "more than 10,000", "infected"),
    ("Israeli forces demolished 45 homes, displacing 130 people.", "45", "destroyed"),
    ("Israeli forces demolished 45 homes, displacing 130 people.", "130", "displaced"),
    ("Thirty-eight people survived, and rescuers were searching for 15 others.", "Thirty-eight", "rescued"),
    ("Thirty-eight people survived, and rescuers were searching for 15 others.", "15", "missing"),
])
def test_more_verbs_say_what_happened(text: str, surface: str, event: str):
    assert claim(text, surface).event == event


def test_a_participle_in_ing_before_a_plural_noun_is_a_modifier():
    assert claim("The port moved 9.3 million shipping containers.", "9.3 million").unit == "containers"


def test_a_count_right_after_a_participle_is_a_part_of_what_the_count_before_counts():
    text = ("The Houthis have attacked over 100 ships since November 2023, sinking two and seizing three, "
            "according to the U.S. military.")
    assert [c.unit for c in extract_claims(text)] == ["ships", "ships", "ships"]


def test_a_comparison_reaches_past_a_length_of_time_to_the_figure_it_compares_with():
    text = "A record 1.3 million people came over five days, organisers said, up from 1.1 million last year."
    assert claim(text, "1.1 million").unit == "people"


def test_more_peoples_have_their_subject():
    assert claim("Some 300 Guatemalan migrants were deported.", "Some 300").subject == "guatemalan"


def test_another_figure_without_a_noun_counts_more_of_what_was_counted_before():
    text = "Nearly 3,000 doctors have left the country. He warned that another 5,000 were preparing to go."
    assert claim(text, "5,000").unit == "doctors"


def test_a_present_verb_after_a_bare_count_is_no_modifier_of_a_later_noun():
    assert claim("Some 4,000 live in tents.", "Some 4,000").unit is None


def test_things_are_not_rescued():
    text = "Rescuers pulled more bodies from the mud as the landslides that buried two villages went on."
    assert claim(text, "two").event is None
    assert claim("Rescuers pulled 30 people from the rubble alive.", "30").event == "rescued"


def test_citizens_of_a_country_are_its_people():
    text = "Egypt said 672 of its citizens had died. An Arab diplomat said at least 658 Egyptians had died."
    assert [(c.unit, c.subject) for c in extract_claims(text)] == [("people", "egyptian")] * 2


def test_a_noun_the_figure_before_counts_yields_to_an_event_noun_before_it():
    text = "The toll from landslides that buried two villages rose to 203."
    assert (claim(text, "203").unit, claim(text, "203").event) == ("people", "killed")
    assert claim("Voters rejected the toll by 58,412 votes to 49,870.", "49,870").unit == "votes"


def test_things_that_arrive_are_not_deployed():
    assert claim("More than 200 buses arrived from the regions.", "More than 200").event is None
    assert claim("About 2,000 troops arrived at the border.", "About 2,000").event == "deployed"


def test_firearms_seized_beside_suspects_arrested_are_not_arrested():
    text = "Prosecutors said 11 suspects had been arrested and six firearms seized."
    assert claim(text, "six").event is None


def test_what_a_bare_count_were_is_what_it_counts_and_it_refers_back_for_the_event():
    text = "The hospital received the bodies of 28 people killed overnight. A doctor said 13 were children."
    c = claim(text, "13")
    assert (c.unit, c.event) == ("children", "killed")


def test_residents_under_evacuation_orders_are_evacuated():
    text = "Some 100,000 residents remained under evacuation orders."
    assert claim(text, "Some 100,000").event == "evacuated"


def test_the_number_that_had_risen_refers_back():
    text = ("The ministry said 1,700 people had been evacuated. The governor said the number had risen to "
            "121,000.")
    assert claim(text, "121,000").measure == "people evacuated"


def test_a_count_without_a_noun_counts_what_the_sentence_counted_before_if_what_happened_fits():
    text = ("Russia launched 145 drones overnight, Ukraine's air force said, adding that 81 were shot down "
            "and 59 were lost.")
    assert [(c.unit, c.subject) for c in extract_claims(text)] == [("drones", "russian")] * 3


def test_demonym_as_the_noun_counts_people_and_names_them():
    assert described("Some 2,000 Afghans crossed into Iran last week.", "Some 2,000") == (
        "people", "afghan", "displaced")


def test_combined_subjects_are_sorted_and_joined():
    c = claim("More than 1,000 Ukrainians and Russians have been killed.", "More than 1,000")
    assert c.subject == "russian+ukrainian"


@pytest.mark.parametrize(
    "text",
    [
        "Floods in Kenya have killed 200 people.",
        "The earthquakes in Turkey and Syria killed more than 5,000 people.",
        "Israel says 1,000 people were killed.",
        "The Ukrainian president said 300 people had been evacuated.",
        "The Libyan Red Crescent put the number of dead at 4,000.",
        "Poland alone has taken in over 2 million refugees.",
        "UK inflation rose to 10.1% in September.",
        "The highway will stretch over 2,000km from the Belarus border.",
    ],
)
def test_a_place_or_a_source_is_not_the_owner(text):
    assert all(c.subject is None for c in extract_claims(text))


def test_abbreviated_country_is_an_owner_and_the_pronoun_us_is_not():
    assert described("Some 300 U.S. soldiers were wounded.", "Some 300") == ("troops", "american", "wounded")
    assert claim("He told us 300 troops had arrived.", "300").subject is None


# -- the lexicons ---------------------------------------------------------------------------------


def test_every_event_in_the_lexicons_is_in_the_comparison_vocabulary():
    allowed = set(tomllib.loads(GOLD_CONVENTIONS.read_text())["events"])
    used = {r["event"] for r in rows("events.csv") if r["event"]}
    used |= {r["event"] for r in rows("formations.csv") if r["event"]}
    assert used <= allowed, sorted(used - allowed)


@pytest.mark.parametrize(("text", "event"), [
    ("Around 2.3 million cattle have died since October.", "killed"),
    ("Farmers culled 1.5 million chickens after the outbreak.", "killed"),
    ("Rescuers saved 40 dogs from the flood.", "rescued"),
    ("Three people were taken to hospital.", "wounded"),
    ("Twelve people were rushed to the hospital.", "wounded"),
])
def test_what_befalls_living_bodies_befalls_animals_and_hospital_admissions_are_wounded(
        text: str, event: str) -> None:
    assert [c.event for c in extract_claims(text)] == [event]


def test_an_animal_is_no_person_lost_in_war() -> None:
    assert [c.event for c in extract_claims("The farm lost 300 cattle.")] != ["killed_or_wounded"]


@pytest.mark.parametrize(("text", "unit"), [
    ("Norway will buy 54 Leopard 2 tanks.", "tanks"),
    ("The airline grounded 65 Boeing 737 Max 9 jets.", "aircraft"),
    ("The airline grounded all 65 of its jets.", "aircraft"),
])
def test_the_counted_noun_is_read_past_a_model_number_and_of_its(text: str, unit: str) -> None:
    assert [c.unit for c in extract_claims(text)] == [unit]


@pytest.mark.parametrize(("text", "event"), [
    ("The airline will cut 2,800 jobs.", "cut"), ("Russia has lost 1,200 soldiers.", "killed_or_wounded"),
    ("Nordair lost €312m in the quarter.", "lost"),
    ("Russia has lost at least 3,600 tanks, according to Oryx.", "lost"),
])
def test_a_verb_acting_on_what_is_counted_is_its_event_not_a_change(text: str, event: str) -> None:
    [claim] = extract_claims(text)
    assert (claim.event, claim.change) == (event, None)


@pytest.mark.parametrize("text", ["Deaths rose by 812.", "The index lost 190 points.", "Sales fell 3%."])
def test_a_movement_of_a_level_stays_a_change(text: str) -> None:
    assert [c.change for c in extract_claims(text)] == ["up" if "rose" in text else "down"]


@pytest.mark.parametrize(("text", "event"), [
    ("The city approved a £1.2bn budget.", "spent"), ("The state will spend €4.8bn on defence.", "spent"),
    ("The club agreed a fee of £58m.", "cost"), ("They bought the plant for $90m.", "cost"),
    ("Turnout was 44%.", "attended"), ("More than 70,000 fans packed into the stadium.", "attended"),
    ("More than 1,100 migrants arrived on the island.", "displaced"),
    ("About 9,000 Afghans were expelled from Iran.", "displaced"),
    ("Norway plans to deliver 6 jets to Ukraine.", "shipped"),
])
def test_what_happened_to_money_shares_and_people_in_budgets_deals_elections_and_migration(
        text: str, event: str) -> None:
    assert [c.event for c in extract_claims(text)] == [event]


@pytest.mark.parametrize("text", ["The budget deficit reached $2.4bn.",
                                  "The Congressional Budget Office expects a $2.4bn shortfall."])
def test_a_budget_deficit_or_office_is_no_spending(text: str) -> None:
    assert [c.event for c in extract_claims(text)] == [None]


def test_troops_that_arrive_are_still_deployed() -> None:
    assert [c.event for c in extract_claims("About 500 troops arrived in the town.")] == ["deployed"]


@pytest.mark.parametrize(("text", "events"), [
    ("Officers recovered 14 shell casings and arrested a 17-year-old boy.", [None, None]),
    ("The firm sold 22 million shares at $41 each, raising $902m.", [None, None, "raised"]),
    ("About 500 troops killed 20 civilians.", [None, "killed"]),
    ("Forty people were killed the next day.", ["killed"]),
    ("Officials said 80,000 troops were killed and 200,000 wounded this year.", ["killed", "wounded"]),
])
def test_a_verb_with_an_object_of_its_own_is_not_what_happened_to_the_figure_before(
        text: str, events: list[str | None]) -> None:
    assert [c.event for c in extract_claims(text)] == events


def test_the_event_is_read_past_an_age_in_apposition_and_ages_have_none() -> None:
    claims = extract_claims("Four men, aged between 29 and 51, have been arrested.")
    assert [(c.kind, c.event) for c in claims] == [("count", "arrested"), ("age", None)]


@pytest.mark.parametrize(("text", "unit", "event"), [
    ("The council cuts 350 posts.", "jobs", "cut"),
    ("The railway will announce 3,500 job cuts.", "jobs", "cut"),
    ("The plane carried 171 passengers and six crew.", "crew", None),
])
def test_posts_roles_and_job_cuts_count_jobs_and_crew_counts_crew(text: str, unit: str,
                                                                  event: str | None) -> None:
    last = extract_claims(text)[-1]
    assert (last.unit, last.event) == (unit, event)


def test_boys_and_girls_are_people_to_whom_events_happen() -> None:
    claims = extract_claims("Two boys aged nine and 11 were injured.")
    assert [(c.kind, c.event) for c in claims] == [("count", "wounded"), ("age", None), ("age", None)]


def test_a_count_reached_by_an_event_noun_past_another_figure_counts_its_people() -> None:
    claims = extract_claims("The death toll from the magnitude 7.5 earthquake rose to 202 on Thursday.")
    assert [(c.kind, c.unit, c.event) for c in claims] == [
        ("measurement", "magnitude", None), ("count", "people", "killed")]


@pytest.mark.parametrize(("text", "event"), [
    ("Some 30,000 residents remained in evacuation shelters.", "evacuated"),
    ("More than 21,000 people have crossed the Channel this year.", "displaced"),
    ("More than 7.7 million Venezuelans have left their country.", "displaced"),
    ("About 4,700 firefighters are battling the blaze.", "deployed"),
    ("About 1,000 officers were on duty.", "deployed"),
    ("Russia had about 600,000 troops in occupied territory.", "deployed"),
    ("Two million children needed urgent help.", "affected"),
    ("Congress approved $61bn in military aid.", "pledged"),
    ("We are investing £45m in the furnace.", "spent"),
])
def test_events_of_shelters_crossings_deployments_aid_and_investment(text: str, event: str) -> None:
    assert [c.event for c in extract_claims(text)] == [event]


def test_a_sum_that_is_needed_is_no_one_in_need() -> None:
    assert [c.event for c in extract_claims("The $4bn the UN says is needed this year.")] == [None]


def test_a_noun_before_a_reporting_verb_is_the_source_not_what_is_counted() -> None:
    text = "Aid workers at the crossing told the Horn Observer that as many as 1,500 arrived on some days."
    assert [c.unit for c in extract_claims(text)] == ["people"]


def test_the_number_of_a_noun_counts_it_past_another_figure() -> None:
    text = "The number of patients waiting more than 18 weeks fell by 41,000 in March to 3.02 million."
    assert [c.unit for c in extract_claims(text) if c.kind == "count"] == ["patients", "patients"]


@pytest.mark.parametrize(("text", "event"), [
    ("Forces shot down 47 drones overnight.", "destroyed"),
    ("Some 1.2 million children have been out of school since the quake.", "affected"),
    ("A court sentenced 12 people to death.", None),
])
def test_drones_shot_down_children_out_of_school_and_death_sentences(text: str, event: str | None) -> None:
    assert [c.event for c in extract_claims(text)] == [event]


@pytest.mark.parametrize(("text", "surface", "event"), [
    ("The protest, which drew an estimated 8,000 people, ended.", "an estimated 8,000", "attended"),
    ("The concert drew 50,000 fans.", "50,000", "attended"),
    ("The proposal drew 300 complaints.", "300", None),  # only people attend
])
def test_a_crowd_drawn_attended(text: str, surface: str, event: str | None) -> None:
    assert claim(text, surface).event == event


def test_a_source_named_by_its_country_is_not_the_owner_unless_the_figure_is_its_own() -> None:
    struck = extract_claims("The Israeli military said its aircraft had struck roughly 120 targets.")
    assert struck[0].subject is None
    own = extract_claims("Russia's army said 300 of its soldiers had been killed.")
    assert own[0].subject == "russian"


@pytest.mark.parametrize(("text", "event"), [
    ("The typhoon forced the evacuation of 410,000 people.", "evacuated"),
    ("Officials said 1,200 soldiers had surrendered.", "captured"),
    ("Some 250 homes were flooded in the village.", "damaged"),
])
def test_event_nouns_and_verbs_of_the_lexicon(text: str, event: str) -> None:
    assert extract_claims(text)[0].event == event


def test_people_who_flooded_into_a_square_were_not_damaged() -> None:
    assert extract_claims("Thousands of people flooded into the square.")[0].event != "damaged"


@pytest.mark.parametrize(("text", "surface"), [
    ("A Russian missile strike on the city of Dnipro killed at least 14 people.", "at least 14"),
    ("Israeli airstrikes killed 40 people in Rafah overnight.", "40"),
])
def test_the_attackers_nationality_is_not_that_of_the_dead(text: str, surface: str) -> None:
    assert claim(text, surface).subject is None


def test_a_nation_that_lost_what_is_counted_still_owns_it():
    assert claim("Russian forces lost 300 tanks last month.", "300").subject == "russian"


@pytest.mark.parametrize("dash", ["—", "–"])
def test_an_aside_between_dashes_holding_a_figure_does_not_hide_the_event(dash: str) -> None:
    text = f"Roughly 1.9 million people {dash} about 90% of the population {dash} have been displaced."
    assert described(text, "Roughly 1.9 million") == ("people", None, "displaced")
