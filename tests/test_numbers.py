"""Behaviour of the number-phrase recogniser on short sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest
from quantity_helpers import only, surfaces

from flows.numbers import find_numerals, find_quantities

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_89cffe74bd066433.txt"


def test_offsets_index_the_text_and_surface_includes_the_hedge() -> None:
    text = "Officials said nearly 10,000 people fled."
    q = only(text)
    assert text[q.start:q.end] == q.surface == "nearly 10,000"


def test_plain_number_is_exact() -> None:
    q = only("The camp holds 4,500 people.")
    assert (q.value, q.low, q.high, q.qualifier, q.kind, q.unit) == (4500, None, None, "exact", "count", None)


@pytest.mark.parametrize("hedge", ["about", "around", "roughly", "some", "approximately", "an estimated",
                                   "closer to", "nearer"])
def test_approximate_hedges_keep_the_value(hedge: str) -> None:
    q = only(f"The army lost {hedge} 3,000 tanks.")
    assert (q.value, q.low, q.high, q.qualifier) == (3000, None, None, "approx")


@pytest.mark.parametrize("hedge", ["nearly", "almost", "close to", "the best part of"])
def test_nearly_sets_high_bound(hedge: str) -> None:
    q = only(f"The toll reached {hedge} 800 dead.")
    assert (q.value, q.high, q.qualifier) == (800, 800, "approx")


@pytest.mark.parametrize(
    ("phrase", "qualifier", "low", "high"),
    [
        ("at least 115,000", "at_least", 115000, None),
        ("no fewer than 20", "at_least", 20, None),
        ("more than 40", "more_than", 40, None),
        ("over 2,000", "more_than", 2000, None),
        ("over than 60", "more_than", 60, None),
        ("upwards of 500", "more_than", 500, None),
        ("up to 700", "at_most", None, 700),
        ("as many as 14", "at_most", None, 14),
        ("fewer than 30", "less_than", None, 30),
        ("under 200", "less_than", None, 200),
    ],
)
def test_bound_hedges_set_one_side(
    phrase: str, qualifier: str, low: float | None, high: float | None
) -> None:
    q = only(f"Reports counted {phrase} casualties.")
    assert (q.surface, q.qualifier, q.low, q.high) == (phrase, qualifier, low, high)


def test_suffix_hedges() -> None:
    assert only("There were 40-plus wounded.").qualifier == "more_than"
    assert only("They found 10,000 or more graves.").qualifier == "at_least"


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Between 11,000 and 12,000 troops moved.", "Between 11,000 and 12,000", 11000, 12000),
        ("It sent 10,000 to 12,000 troops.", "10,000 to 12,000", 10000, 12000),
        ("It sent 10,000-12,000 troops.", "10,000-12,000", 10000, 12000),
        ("It sent 10,000–12,000 troops.", "10,000–12,000", 10000, 12000),
        ("Prices went from 5 to 7 dollars.", "from 5 to 7 dollars", 5, 7),
        ("The city has 10 to 12 million people.", "10 to 12 million", 10e6, 12e6),
    ],
)
def test_ranges_give_midpoint_and_both_ends(text: str, surface: str, low: float, high: float) -> None:
    q = only(text)
    assert (q.surface, q.qualifier, q.low, q.high, q.value) == (surface, "range", low, high, (low + high) / 2)


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [("thousands", 1000, 10000), ("tens of thousands", 10000, 100000), ("dozens", 12, 120),
     ("hundreds of thousands", 100000, 1000000), ("several hundred", 300, 900)],
)
def test_vague_counts_take_bounds_from_the_lexicon(phrase: str, low: float, high: float) -> None:
    q = only(f"Officials said {phrase} of people fled.")
    assert (q.surface, q.value, q.low, q.high, q.qualifier) == (phrase, None, low, high, "vague")


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("six", 6), ("twenty-one", 21), ("one-thousand", 1000), ("three hundred and forty two", 342),
     ("a dozen", 12), ("half a million", 500000), ("a million", 1e6), ("one million", 1e6)],
)
def test_number_words(phrase: str, value: float) -> None:
    q = only(f"Police said {phrase} protesters gathered.")
    assert (q.surface, q.value) == (phrase, value)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("1.2 million", 1.2e6), ("2K", 2000), ("5m", 5e6), ("3.5 billion", 3.5e9), ("122,883", 122883),
     ("122 883", 122883), ("122\u202f883", 122883), ("3.75", 3.75)],
)
def test_digits_separators_and_scales(phrase: str, value: float) -> None:
    assert only(f"The count stood at {phrase} on the day.").value == value


@pytest.mark.parametrize(("phrase", "value"), [
    ("€4.1 billion", 4_100_000_000), ("$0.7 million", 700_000), ("4.1 trillion yen", 4_100_000_000_000),
    ("2.3bn", 2_300_000_000),
])
def test_a_scaled_decimal_is_the_value_written_not_binary_rounding_noise(phrase: str, value: int) -> None:
    assert only(f"Losses reached {phrase} last year.").value == value


@pytest.mark.parametrize(
    ("phrase", "value", "unit"),
    [("$3bn", 3e9, "USD"), ("£20bn", 20e9, "GBP"), ("€1.5tn", 1.5e12, "EUR"), ("US$5", 5, "USD"),
     ("40 million euros", 40e6, "EUR"), ("500 rupees", 500, "INR")],
)
def test_currency_makes_money_with_a_code(phrase: str, value: float, unit: str) -> None:
    q = only(f"The deal is worth {phrase} in total.")
    assert (q.surface, q.value, q.kind, q.unit) == (phrase, value, "money", unit)


@pytest.mark.parametrize("phrase", ["19 per cent", "5%", "five percent"])
def test_percentages(phrase: str) -> None:
    q = only(f"Support fell to {phrase} among voters.")
    assert (q.surface, q.kind, q.unit) == (phrase, "percent", "percent")


def test_percentage_points_have_their_own_unit() -> None:
    assert only("The gap is 3 percentage points.").unit == "percentage point"


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [("30 yards", "yd"), ("275 pound-feet", "lbf·ft"), ("3000 rpm", "rpm"), ("12 km", "km"),
     ("40 degrees", "degree"), ("600 square km", "km2"), ("230 sq mi", "mi2")],
)
def test_measurements_get_a_canonical_unit(phrase: str, unit: str) -> None:
    q = only(f"It measured {phrase} at the test.")
    assert (q.surface, q.kind, q.unit) == (phrase, "measurement", unit)


@pytest.mark.parametrize(
    ("phrase", "unit"), [("two years", "year"), ("48 hours", "hour"), ("three decades", "decade")]
)
def test_durations(phrase: str, unit: str) -> None:
    q = only(f"The siege lasted {phrase} in all.")
    assert (q.surface, q.kind, q.unit) == (phrase, "duration", unit)


@pytest.mark.parametrize(
    "text", ["A man aged 21 was held.", "A 21-year-old was held.", "He is 21 years old."]
)
def test_ages(text: str) -> None:
    q = only(text)
    assert (q.value, q.kind) == (21, "age")


@pytest.mark.parametrize(
    ("text", "unit"),
    [("It lost 92 soldiers a day.", "per day"), ("It sent 3,000 troops per month.", "per month"),
     ("They earn $5 an hour.", "USD per hour")],
)
def test_rates(text: str, unit: str) -> None:
    q = only(text)
    assert (q.kind, q.unit) == ("rate", unit)


@pytest.mark.parametrize(("text", "surfaces"), [
    ("As of June 30, 40 people had died.", ["40"]),
    ("On June 30, 2024, 40 people died.", ["40"]),
    ("On Oct. 3, 12 people died.", ["12"]),
])
def test_a_count_after_a_date_with_a_day_is_no_year(text: str, surfaces: list[str]) -> None:
    assert [q.surface for q in find_quantities(text)] == surfaces


@pytest.mark.parametrize(("text", "surfaces"), [
    ("A commander told the BBC 30 had died.", ["30"]),
    ("The commander told Reuters 30 people had died.", ["30"]),
    ("Apple Watch 5 sold well.", []),
])
def test_a_figure_after_the_name_someone_told_is_no_model_number(text: str, surfaces: list[str]) -> None:
    assert [q.surface for q in find_quantities(text)] == surfaces


def test_a_month_ending_the_sentence_before_is_no_date() -> None:
    # "by March. Less than 5%" is not "March 5"; "Oct. 5" is.
    text = "It hopes to raise £10m by March. Less than 5% came in. On Oct. 5 it closed."
    assert [q.surface for q in find_quantities(text)] == ["£10m", "Less than 5%"]


@pytest.mark.parametrize(
    ("text", "change"),
    [("Exports rose by 5,000 tonnes.", "up"), ("Shares fell 3% on Monday.", "down"),
     ("The index was up 19 per cent.", "up"), ("There was a 5% increase in thefts.", "up"),
     ("Sales dropped 7% last year.", "down"), ("The population has shrunk by 8 million.", "down"),
     ("The camp has swelled by 20,000 since May.", "up")],
)
def test_change_is_read_from_the_verb(text: str, change: str) -> None:
    assert find_quantities(text)[0].change == change


def test_to_after_a_change_verb_is_a_level() -> None:
    found = find_quantities("Exports rose 6.5% to 164,000 tonnes.")
    assert [(q.value, q.change) for q in found] == [(6.5, "up"), (164000, None)]


@pytest.mark.parametrize(
    "text",
    ["It happened on 3 October.", "It happened on October 3, 2024.", "Filed on 19/11/2024.", "Back in 2022.",
     "He came in 1998.", "During the 1990s.", "The 2023-24 season.", "We met at 10:30.", "Call at 5pm.",
     "The 22nd amendment.", "The third country.", "The first step.", "The two countries met.",
     "The two leaders signed.", "A third country joined.", "One day it ended.",
     "The G7 met.", "COVID-19 spread.", "Call 555-123-4567 now."],
)
def test_non_quantities_are_not_returned(text: str) -> None:
    assert find_quantities(text) == []


def test_doubling_words_are_not_quantities() -> None:
    assert surfaces("Prices doubled, rising twice as fast as wages.") == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Half of them fled.", "Half", 0.5),
        ("Almost half of which are in the north.", "Almost half", 0.5),
        ("A third of the villages flooded.", "A third", 1 / 3),
        ("Nearly two-thirds of voters agreed.", "Nearly two-thirds", 2 / 3),
        ("Three quarters of the budget went on fuel.", "Three quarters", 0.75),
        ("Use 3/4 of the flour.", "3/4", 0.75),
    ],
)
def test_fractions_have_their_value_and_are_never_counts(text: str, surface: str, value: float) -> None:
    q = only(text)
    assert (q.surface, q.kind) == (surface, "fraction")
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["They scored in the second half.", "Profits fell in the fourth quarter.", "A third country joined.",
     "Flags flew at half-staff.", "It was the third-largest city.", "The 9/11 attacks."],
)
def test_parts_and_ordinals_are_not_fractions(text: str) -> None:
    assert [q for q in find_quantities(text) if q.kind == "fraction"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Half a million people marched.", 500_000),
        ("One and a half million people marched.", 1_500_000),
        ("Two thirds of a million people marched.", 2_000_000 / 3),
    ],
)
def test_a_fraction_of_a_scale_word_is_a_count(text: str, value: float) -> None:
    q = only(text)
    assert q.kind == "count"
    assert q.value == pytest.approx(value)


def test_counts_without_determiner_are_kept() -> None:
    assert surfaces("Six soldiers were killed and two tanks destroyed.") == ["Six", "two"]


seed_only = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent (fresh clone)")


@seed_only
def test_seed_article_hedged_figures() -> None:
    found = {q.surface: q for q in find_quantities(SEED.read_text(encoding="utf-8"))}
    assert (found["nearly 10,000"].qualifier, found["nearly 10,000"].high) == ("approx", 10000)
    assert found["at least 115,000"].low == 115000
    assert found["about one million"].value == 1e6


@seed_only
def test_seed_article_has_no_dates_or_years_and_reads_a_duration() -> None:
    found = find_quantities(SEED.read_text(encoding="utf-8"))
    assert not any(q.value in (2022, 2024, 19, 3) for q in found)
    assert any(q.kind == "duration" and q.value == 2 for q in found)


def test_two_close_guesses_joined_by_or_are_a_range() -> None:
    q = only("The rebuild will take three or four years.")
    assert (q.surface, q.low, q.high, q.qualifier, q.unit) == ("three or four years", 3, 4, "range", "year")


@pytest.mark.parametrize("text", ["Tickets cost eight or nine euros.", "Jobs grew by 12,000 or 2%."])
def test_or_does_not_join_prices_or_unrelated_figures(text: str) -> None:
    assert all(q.qualifier != "range" for q in find_quantities(text))


def test_change_by_then_level_reached_is_not_a_range() -> None:
    change, level = find_quantities("Sales rose by 4,050 to 101,739 last year.")
    assert (change.value, change.change, change.qualifier) == (4050, "up", "exact")
    assert (level.value, level.change, level.qualifier) == (101739, None, "exact")


def test_change_by_with_unit_on_second_end_stays_a_range() -> None:
    q = only("Temperatures dropped by 1 to 1.5 degrees.")
    assert (q.low, q.high, q.change) == (1, 1.5, "down")


def test_bracketed_conversion_carries_the_change() -> None:
    first, second = find_quantities("Seas rose by 1 to 2 metres (3 to 6 feet).")
    assert first.change == second.change == "up"


@pytest.mark.parametrize(("text", "qualifier", "low", "high"), [
    ("The toll could exceed 10,000.", "more_than", 10000, None),
    ("Inflation was as high as 9%.", "at_most", None, 9),
    ("Fares as low as $5 apply.", "at_least", 5, None),
    ("Less than 5% of voters came.", "less_than", None, 5),
])
def test_more_hedges_set_a_bound(text: str, qualifier: str, low: float | None, high: float | None) -> None:
    q = only(text)
    assert (q.qualifier, q.low, q.high) == (qualifier, low, high)


def test_spaced_lower_case_m_is_a_million_only_after_a_currency() -> None:
    assert only("They paid £5 m for it.").value == 5_000_000
    assert only("A 12 m wall.").value == 12
    assert only("It reached about 80 m.p.h. downhill.").unit == "mph"


def test_change_restated_after_or_keeps_its_direction() -> None:
    points, share = find_quantities("The index lost 190 points, or 0.6%.")
    assert points.change == share.change == "down"


@pytest.mark.parametrize(("text", "direction"), [
    ("Shares recovered after plummeting 65% in May.", "down"),
    ("Profit was revised upward by $40 million.", "up"),
    ("Exports dipped 3% in June.", "down"),
])
def test_more_change_verbs_set_the_direction(text: str, direction: str) -> None:
    assert only(text).change == direction


# --- bare numerals (find_numerals): the number on its own, as Recognizers-Text's NumberModel reads it ---


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The reading was -7.5 at dawn.", "-7.5", -7.5),
        ("The reading was minus twelve at dawn.", "minus twelve", -12),
        ("Cut it to 5/8 of the length.", "5/8", 0.625),
        ("The board is 3 1/2 long.", "3 1/2", 3.5),
        ("Mix in seven eighths of it.", "seven eighths", 0.875),
        ("It came to a thousandth of that.", "a thousandth", 0.001),
        ("Only four and a third remained.", "four and a third", 13 / 3),
        ("They owe six million and a half.", "six million and a half", 6_500_000),
        ("The ratio is two over five.", "two over five", 0.4),
        ("The growth term is 2^10 here.", "2^10", 1024),
        ("Budget: 4.5 k this year.", "4.5 k", 4500),
        ("It cost 7 hundred and 12 in all.", "7 hundred and 12", 712),
        ("It was ninety and three quarters.", "ninety and three quarters", 90.75),
    ],
)
def test_numerals_carry_sign_fraction_power_and_scale_in_their_span(text: str, surface: str, value: float
                                                                  ) -> None:
    found = find_numerals(text)
    assert len(found) == 1, found
    n = found[0]
    assert text[n.start:n.end] == surface
    assert n.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["Pour 250ml of water.", "Drive 40km north.", "We met on June 4th.", "This one is mine."]
)
def test_numbers_glued_to_units_ordinals_and_pronouns_are_no_bare_numerals(text: str) -> None:
    assert find_numerals(text) == []


def test_an_address_gives_each_of_its_numbers() -> None:
    text = "Ping 10.0.12.7 now."
    assert [text[n.start:n.end] for n in find_numerals(text)] == ["10", "0", "12", "7"]


# --- bounds: comparative hedges, closing suffixes, two bounds joined into one range ---


@pytest.mark.parametrize(
    ("phrase", "qualifier", "low", "high"),
    [
        ("greater than or equal to 40", "at_least", 40, None),
        (">= 40", "at_least", 40, None),
        ("less or equal than 40", "at_most", None, 40),
        ("<= 40", "at_most", None, 40),
        ("40 or greater", "at_least", 40, None),
        ("more than 40 or equal to", "at_least", 40, None),
        ("less than 40 or equal", "at_most", None, 40),
        ("surpassed 40", "more_than", 40, None),
        ("bigger than 40", "more_than", 40, None),
    ],
)
def test_comparative_wordings_set_the_bound(
    phrase: str, qualifier: str, low: float | None, high: float | None
) -> None:
    q = only(f"The count was {phrase} that day.")
    assert (q.surface, q.qualifier, q.low, q.high) == (phrase, qualifier, low, high)


def test_equal_to_is_exact_with_a_closed_interval() -> None:
    q = only("The total is equal to 250.")
    assert (q.surface, q.qualifier, q.value, q.bounds) == ("equal to 250", "exact", 250, "[]")


def test_a_bound_followed_by_another_number_keeps_both() -> None:
    text = "It is equal to 70 or less than 90."
    assert [(q.surface, q.qualifier) for q in find_quantities(text)] == [
        ("equal to 70", "exact"), ("less than 90", "less_than")]


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "bounds"),
    [
        ("Crowds were above 2,000 and below 5,000.", "above 2,000 and below 5,000", 2000, 5000, "()"),
        ("Crowds were at most 900, at least 300.", "at most 900, at least 300", 300, 900, "[]"),
        ("Crowds were over 10 but no more than 40.", "over 10 but no more than 40", 10, 40, "(]"),
    ],
)
def test_a_lower_and_an_upper_bound_joined_make_one_range(
    text: str, surface: str, low: float, high: float, bounds: str
) -> None:
    q = only(text)
    assert (q.surface, q.qualifier, q.low, q.high, q.bounds) == (surface, "range", low, high, bounds)


def test_bounds_that_leave_no_interval_stay_apart() -> None:
    assert [q.qualifier for q in find_quantities("More than 50 and fewer than 20 were seen.")] == [
        "more_than", "less_than"]


def test_a_suffix_bound_outweighs_an_approximate_hedge() -> None:
    q = only("They counted about 600 or more.")
    assert (q.surface, q.qualifier, q.low) == ("600 or more", "at_least", 600)


def test_the_number_phrase_of_an_age_ends_before_years_old() -> None:
    text = "The driver was over forty years old."
    q = only(text)
    assert (q.surface, text[q.start:q.number_end], q.kind) == ("over forty years old", "over forty", "age")


# --- ratios and multipliers: proportions of something else, never counts ---


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [("One in four homes lost power.", "One in four", 0.25),
     ("7 out of 10 voters agreed.", "7 out of 10", 0.7)],
)
def test_one_in_n_is_a_fraction(text: str, surface: str, value: float) -> None:
    q = only(text)
    assert (q.surface, q.kind, q.value) == (surface, "fraction", pytest.approx(value))


def test_in_before_a_duration_is_no_ratio() -> None:
    assert [q.kind for q in find_quantities("Prices rose 4 in 6 months.")] == ["count", "duration"]


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Exports were three times the level of 2019.", "three times", "multiplier"),
        ("Shares trade at 8.5 times earnings.", "8.5 times", "multiplier"),
        ("The station orbited 1,200 times.", "1,200", "count"),
        ("The pulsar spins 700 times a second.", "700 times a second", "rate"),
    ],
)
def test_times_makes_a_multiplier_unless_it_counts_occurrences(text: str, surface: str, kind: str) -> None:
    q = only(text)
    assert (q.surface, q.kind) == (surface, kind)


@pytest.mark.parametrize(
    ("text", "surface", "kind", "unit"),
    [("They waited half an hour.", "half an hour", "duration", "hour"),
     ("The road ends a quarter of a mile on.", "a quarter of a mile", "measurement", "mi")],
)
def test_a_fraction_of_a_unit_takes_the_unit(text: str, surface: str, kind: str, unit: str) -> None:
    q = only(text)
    assert (q.surface, q.kind, q.unit) == (surface, kind, unit)


def test_estimated_after_its_subject_is_the_verb_not_a_hedge() -> None:
    q = only("Police estimated 20,000 at the rally.")
    assert (q.surface, q.qualifier) == ("20,000", "exact")
    assert only("The war has killed an estimated 20,000 people.").qualifier == "approx"
    assert only("Estimated 20,000 people attend rally").qualifier == "approx"


def test_as_many_as_after_twice_compares_and_hedges_nothing() -> None:
    text = "45 million people face acute hunger, twice as many as five years ago."
    assert [(q.surface, q.qualifier) for q in find_quantities(text)] == [("45 million", "exact"),
                                                                        ("five years", "exact")]
    assert only("As many as 300 people died.").qualifier == "at_most"


@pytest.mark.parametrize("text", ["Sales should recover by about 1% next year.",
                                  "Stocks rebounded by 3% on Friday."])
def test_recovering_by_a_figure_is_a_change_up(text: str) -> None:
    [q] = find_quantities(text)
    assert q.change == "up"
