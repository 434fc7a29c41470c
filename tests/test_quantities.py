"""Phrase-level behaviour of find_quantities: units, currencies, changes, ages, durations and the
shapes that look like quantities but are not (scores, codes, compound modifiers). Our own sentences."""
from __future__ import annotations

import pytest
from quantity_helpers import only

from flows.numbers import find_quantities


@pytest.mark.parametrize("text", [
    "Leeds beat Hull 3-1 at home.", "The derby ended 2-2.", "They tied the game at 95-95.",
    "The gauge meets ISO 9001-4 rules.",
])
def test_scores_and_codes_joined_by_a_dash_are_not_ranges(text: str) -> None:
    assert find_quantities(text) == []


def test_a_dash_range_written_low_to_high_is_still_a_range() -> None:
    q = only("Between 10-12 boats sank.")
    assert (q.low, q.high, q.qualifier) == (10, 12, "range")


@pytest.mark.parametrize("text", [
    "They rented a three-bed house.", "It has a six-speed gearbox.", "A four-door saloon won.",
])
def test_a_number_word_hyphenated_to_the_noun_it_modifies_is_not_a_quantity(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [("The LHC was shut for a two-year maintenance period.", "two-year", 2, "year"),
     ("She signed a 10-day contract.", "10-day", 10, "day"),
     ("Doctors began a one-day strike.", "one-day", 1, "day"),
     ("The firm unveiled a five-year plan.", "five-year", 5, "year")],
)
def test_a_number_hyphenated_to_a_time_unit_is_a_duration(text: str, surface: str, value: float,
                                                          unit: str) -> None:
    q = only(text)
    assert (q.surface, q.value, q.kind, q.unit) == (surface, value, "duration", unit)


def test_hyphenated_ages_units_and_hedges_are_kept() -> None:
    found = find_quantities("A 40-year-old drove a 12-mile route with forty-odd pupils.")
    assert [(q.surface, q.kind) for q in found] == [
        ("40-year-old", "age"), ("12-mile", "measurement"), ("forty-odd", "count")]


@pytest.mark.parametrize("text", ["The striker gave up 3 chances.", "The club picked up 12 points."])
def test_phrasal_verbs_with_up_are_not_changes(text: str) -> None:
    assert only(text).change is None


def test_boiling_down_to_a_figure_is_no_fall() -> None:
    q = only("The cost boils down to $21.25 per square foot.")
    assert (q.change, q.trend) == (None, None)


def test_a_duration_never_reports_a_change() -> None:
    q = only("Output grew over five years.")
    assert (q.kind, q.change) == ("duration", None)


@pytest.mark.parametrize("text", ["The curfew starts at 0300 GMT.", "Agent 007 returns."])
def test_numbers_with_a_leading_zero_are_codes(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("The club paid PS45m for him.", 45e6, "GBP"), ("Fees rose to PS12,500.", 12500, "GBP"),
     ("Shares closed at Y=3,120.", 3120, "JPY")],
)
def test_ascii_transliterated_pound_and_yen_signs_are_currencies(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.value, q.kind, q.unit) == (value, "money", unit)


def test_a_console_name_is_not_a_price() -> None:
    assert find_quantities("He bought a PS5 console.") == []


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [("98.6degF", "degF"), ("37deg C", "degC"), ("400 megawatt", "MW"), ("5mL", "ml"), ("40m2", "m2"),
     ("3.2Ghz", "GHz"), ("31 mpg", "mpg"), ("60 kmph", "km/h")],
)
def test_more_measurement_units(phrase: str, unit: str) -> None:
    q = only(f"The reading was {phrase} on Monday.")
    assert (q.surface, q.kind, q.unit) == (phrase, "measurement", unit)


@pytest.mark.parametrize("text", [
    "A category 4 storm hit.", "Take exit 12 south.", "They won game 7 easily.", "Highway 101 was shut.",
])
def test_a_number_after_a_label_word_is_a_name(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize("text", ["Homes in the 90049 ZIP Code sold.", "Calls from the 212 area code rose."])
def test_a_number_before_a_postal_or_dialling_code_word_is_a_name(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [("Children under the age of 5 were vaccinated.", "less_than", None, 5),
     ("Anyone over the age of 65 may apply.", "more_than", 65, None),
     ("Voters aged over 80 stayed home.", "more_than", 80, None)],
)
def test_hedged_ages(text: str, qualifier: str, low: float | None, high: float | None) -> None:
    q = only(text)
    assert (q.kind, q.qualifier, q.low, q.high) == ("age", qualifier, low, high)


def test_an_age_range() -> None:
    q = only("Men aged 18 to 24 were called up.")
    assert (q.kind, q.low, q.high) == ("age", 18, 24)


def test_the_age_of_a_group_is_not_an_age_claim() -> None:
    assert only("The average age of 5,000 recruits fell.").kind == "count"


def test_from_x_up_to_y_is_a_range() -> None:
    q = only("Flats range from 450 sq ft up to 900 sq ft.")
    assert (q.low, q.high, q.qualifier, q.unit) == (450, 900, "range", "ft2")


@pytest.mark.parametrize("text", ["One of the hostages died.", "It was one of the worst floods on record."])
def test_one_of_a_group_counts_one(text: str) -> None:
    q = only(text)
    assert (q.value, q.kind, q.qualifier) == (1, "count", "exact")


@pytest.mark.parametrize("text", ["That one was cheaper.", "One day the river rose.", "The two sides met."])
def test_pronoun_and_idiomatic_one_and_determined_numbers_stay_out(text: str) -> None:
    assert find_quantities(text) == []


def test_suspended_hyphen_range() -> None:
    q = only("They plan a 4- to 6-metre wall.")
    assert (q.surface, q.low, q.high, q.unit) == ("4- to 6-metre", 4, 6, "m")


def test_capital_t_after_a_currency_is_trillions() -> None:
    assert only("Its debt is $1.5T.").value == 1.5e12


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("A ticket costs 4 dollars 75 cents.", 4.75, "USD"),
     ("It sold for nine euros and fifty cents.", 9.5, "EUR"),
     ("The fee rose to 12 euros 40.", 12.4, "EUR")],
)
def test_whole_and_minor_units_make_one_amount(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.value, q.kind, q.unit) == (pytest.approx(value), "money", unit)


def test_a_number_after_an_amount_is_not_its_cents_unless_it_ends_the_clause() -> None:
    assert [q.value for q in find_quantities("He paid 5 dollars 30 times.")] == [5, 30]


def test_scale_word_after_a_currency_code() -> None:
    q = only("The unit lost 40 EUR million last year.")
    assert (q.value, q.unit) == (40e6, "EUR")


@pytest.mark.parametrize("text", ["Two F-16 jets flew over.", "The SCP-096C file leaked."])
def test_digits_after_a_capital_letter_and_hyphen_are_a_name(text: str) -> None:
    assert [q.value for q in find_quantities(text)] == ([2] if text.startswith("Two") else [])


def test_a_house_number_is_not_a_count() -> None:
    assert find_quantities("Write to 42 Harbour Road, Leeds.") == []


def test_a_range_of_house_numbers_is_not_a_count() -> None:
    assert find_quantities("The firm leased Unit 3 at 16-18 Industrial Avenue, Leeds.") == []


def test_a_count_before_a_street_name_is_kept() -> None:
    assert only("About 300 Oxford Street shops closed.").value == 300


def test_one_as_a_pronoun_before_a_modal_verb() -> None:
    assert find_quantities("At that price one can buy a car.") == []


@pytest.mark.parametrize(("text", "direction"), [
    ("The plan will grow exports by 12 per cent.", "up"),
    ("The ministry reduced the number of posts by 300.", "down"),
    ("The firm trimmed its forecast by 0.5%.", "down"),
])
def test_by_after_a_change_verb_and_its_object_is_a_change(text: str, direction: str) -> None:
    assert only(text).change == direction


def test_a_year_after_by_is_no_change_and_fundraising_is_no_change() -> None:
    found = find_quantities("Output rose to 5,000 by 2020 and donors raised $2 million.")
    assert [(q.value, q.change) for q in found] == [(5000, None), (2e6, None)]


@pytest.mark.parametrize("text", ["The fund pledged $9bn over two years.", "Over two years, the camp grew."])
def test_over_before_a_duration_means_across(text: str) -> None:
    q = next(q for q in find_quantities(text) if q.kind == "duration")
    assert (q.surface, q.qualifier, q.low) == ("two years", "exact", None)


@pytest.mark.parametrize("text", ["The siege has lasted over two years.", "It began over two years ago."])
def test_over_a_duration_that_lasted_or_is_past_is_a_lower_bound(text: str) -> None:
    q = only(text)
    assert (q.surface, q.qualifier, q.low) == ("over two years", "more_than", 2)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [("The feud has run for more than a decade.", 10, "year", "more_than"),
     ("The bridge stood for nearly a century.", 100, "year", "approx"),
     ("Talks took about an hour.", 1, "hour", "approx")],
)
def test_a_hedged_indefinite_duration(text: str, value: float, unit: str, qualifier: str) -> None:
    q = only(text)
    assert (q.value, q.unit, q.kind, q.qualifier) == (value, unit, "duration", qualifier)


@pytest.mark.parametrize("text", ["A year ago the town flooded.", "Prices rise twice a year."])
def test_an_unhedged_indefinite_duration_is_no_claim(text: str) -> None:
    assert find_quantities(text) == []


def test_a_bare_number_in_brackets_is_a_label() -> None:
    assert find_quantities("Quarterback Ben Adams (12) scored.") == []


@pytest.mark.parametrize("text", ["It ran over-a decade.", "Then -thousands fled.", "Only +about a year."])
def test_signs_and_hyphens_before_word_quantities_keep_offsets(text: str) -> None:
    assert all(text[q.start:q.end] == q.surface for q in find_quantities(text))


@pytest.mark.parametrize(("text", "value"), [("He is 1.9m tall.", 1.9), ("They sank a 40m-long hull.", 40),
                                            ("It shows the 37m (121ft)-long skeleton.", 37)])
def test_attached_m_before_a_dimension_word_is_metres(text: str, value: float) -> None:
    q = find_quantities(text)[0]
    assert (q.value, q.kind, q.unit) == (value, "measurement", "m")


def test_attached_m_before_a_noun_is_millions() -> None:
    assert only("The app has 35m users.").value == 35e6


@pytest.mark.parametrize(
    ("text", "direction"),
    [("Unemployment rose to 10.1% in May.", "up"),
     ("Exports fell 3% to $4bn.", "down"),
     ("The index ended down 1% at 1,463 points.", "down"),
     ("Its shares lost 2.7 percent to end at 412 yen.", "down"),
     ("The price of bread fell from $3 to $2.", "down")],
)
def test_a_level_reached_by_a_rise_or_fall_keeps_its_trend_but_no_change(text: str, direction: str) -> None:
    level = find_quantities(text)[-1]
    assert (level.trend, level.change) == (direction, None)


@pytest.mark.parametrize("text", ["Profit was $1m, up from $200,000.", "Sales reached 5,000 in June."])
def test_a_level_not_reached_by_a_change_verb_has_no_trend(text: str) -> None:
    found = find_quantities(text)
    assert found and all(q.trend is None for q in found)


def test_the_size_of_a_change_has_a_change_and_no_trend() -> None:
    change = find_quantities("Exports fell 3% to $4bn.")[0]
    assert (change.change, change.trend) == ("down", None)


@pytest.mark.parametrize(
    ("text", "value"),
    [("The error is 2.48×10−5 of the signal.", 2.48e-5), ("A block is 8x2^10 bits.", 8192),
     ("Some 6×10⁹ cells divide.", 6e9), ("Add 3 x 10^5 cells.", 3e5)],
)
def test_a_number_times_a_power_is_one_number(text: str, value: float) -> None:
    assert only(text).value == pytest.approx(value)


def test_a_product_without_a_power_is_no_number() -> None:
    assert find_quantities("They drove a 4x4 truck.") == []


@pytest.mark.parametrize(("text", "value", "unit"),
                         [("Stir in ½ tbsp of salt.", 0.5, "tbsp"), ("She ran 2¾ miles.", 2.75, "mi")])
def test_one_character_fractions_are_read_with_their_unit(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [("The tolerance is about 1/40 of a turn.", 0.025), ("Only 1/25 of the aid arrived.", 0.04),
     ("Only 1⁄32 of the aid arrived.", 0.03125)],
)
def test_a_digit_fraction_with_a_hedge_or_of_may_have_a_large_denominator(text: str, value: float) -> None:
    q = only(text)
    assert (q.kind, q.value) == ("fraction", value)


@pytest.mark.parametrize("text", ["The 9/11 attacks changed air travel.", "The shop is open 24/7."])
def test_a_bare_digit_fraction_with_a_large_denominator_is_a_name(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [("Nickel rose from about $350 per kg to $680 per kg.", 350, 680, "USD"),
     ("Wages went from $10 an hour to $15 an hour.", 10, 15, "USD per hour")],
)
def test_a_range_with_its_unit_written_at_both_ends_is_one_range(text: str, low: float, high: float,
                                                                  unit: str) -> None:
    q = only(text)
    assert (q.qualifier, q.low, q.high, q.unit) == ("range", low, high, unit)


def test_ends_with_different_units_after_them_stay_two_quantities() -> None:
    assert len(find_quantities("It went from 10 a day to 20 a week.")) == 2


@pytest.mark.parametrize(
    ("text", "value"),
    [("The cheque read three million, two hundred & forty.", 3_000_240),
     ("We counted four thousand, five hundred and six ballots.", 4_506)],
)
def test_number_words_joined_by_a_comma_after_a_scale_make_one_number(text: str, value: float) -> None:
    assert only(text).value == value


def test_a_list_of_round_numbers_in_words_stays_a_list() -> None:
    found = find_quantities("They bid one thousand, two thousand, then three thousand.")
    assert [q.value for q in found] == [1000, 2000, 3000]


@pytest.mark.parametrize("text", [
    "Call at 5pm.", "The train left at 10.45pm last night.", "Prices fell from 1.05am to 7.05am.",
    "Doors open at 2:30 am.", "We met at five p.m.", "The strike starts at 9 a.m",
])
def test_a_bare_hour_or_two_digit_minutes_before_am_or_pm_is_a_clock_time(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("The grid has a size of 2.1 pm.", 2.1, "pm"), ("The grid has a size of 2.123 pm.", 2.123, "pm"),
     ("The wave is 2.123 am across.", 2.123, "am")],
)
def test_other_numbers_before_pm_or_am_are_picometres_or_attometres(text: str, value: float,
                                                                   unit: str) -> None:
    q = only(text)
    assert (q.value, q.kind, q.unit) == (value, "measurement", unit)


def test_a_range_ending_in_a_clock_time_is_no_range_of_lengths() -> None:
    assert all(q.unit is None for q in find_quantities("The office is open between 2 and 4 pm."))


@pytest.mark.parametrize(
    ("text", "surface", "kind", "unit"),
    [("I want a gallon of beer, and a glass.", "a gallon", "measurement", "gal"),
     ("A kibibyte is 8,192 bits.", "A kibibyte", "measurement", "KiB"),
     ("Oh look, a penny!", "a penny", "money", "GBX")],
)
def test_a_unit_word_after_a_or_an_that_names_an_amount_is_one_of_that_unit(
    text: str, surface: str, kind: str, unit: str
) -> None:
    q = find_quantities(text)[0]
    assert (q.surface, q.value, q.kind, q.unit) == (surface, 1, kind, unit)


@pytest.mark.parametrize("text", [
    "The average price of a litre of petrol fell by 3p to 163p.", "Brent rose to $139 a barrel on Monday.",
    "A barrel of Brent cost $80 on Monday.",
])
def test_a_unit_word_as_the_base_of_a_price_is_no_claim(text: str) -> None:
    assert all(q.value != 1 for q in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "surface", "qualifier", "unit"),
    [("Snow fell to nearly a foot.", "nearly a foot", "approx", "ft"),
     ("They live on less than a dollar a day.", "less than a dollar a day", "less_than", "USD per day")],
)
def test_a_hedge_before_a_unit_word_makes_one_unit(text: str, surface: str, qualifier: str,
                                                   unit: str) -> None:
    q = only(text)
    assert (q.surface, q.value, q.qualifier, q.unit) == (surface, 1, qualifier, unit)


@pytest.mark.parametrize("text", [
    "It is true to a degree.", "There was a ton of work.", "He lost a foot.", "The pound fell to a pound.",
    "They walked a mile away.",
])
def test_unit_words_that_are_everyday_nouns_are_no_claims_alone(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier"),
    [("Revenue grew more than sixfold last year.", "more than sixfold", 6, "more_than"),
     ("They saw a 10-fold rise in cases.", "10-fold", 10, "exact"),
     ("Output grew 2.5-fold.", "2.5-fold", 2.5, "exact"),
     ("Prices rose twenty-fivefold.", "twenty-fivefold", 25, "exact")],
)
def test_a_number_with_fold_is_a_multiplier(text: str, surface: str, value: float, qualifier: str) -> None:
    q = only(text)
    assert (q.surface, q.value, q.kind, q.qualifier) == (surface, value, "multiplier", qualifier)


def test_a_second_subject_with_the_verb_left_out_takes_the_same_change() -> None:
    found = find_quantities("The Dow fell 1.2%, the S&P 500 by 0.8% and Burlington by 2.6%.")
    assert [(q.value, q.change) for q in found] == [(1.2, "down"), (0.8, "down"), (2.6, "down")]


def test_by_after_a_participle_is_no_gapped_change() -> None:
    assert find_quantities("Exports rose 5%, driven by 300 new hires.")[1].change is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("Bitcoin fell from $36,040 at 10.45pm last night to $34,935 at 5am.", 34935, 36040),
     ("Mileage went from 20 mpg in 2008 to 29 mpg in 2020.", 20, 29),
     ("Inflation rose from 5% in March to 7% in June.", 5, 7)],
)
def test_from_x_then_when_it_held_then_to_y_is_one_range(text: str, low: float, high: float) -> None:
    q = only(text)
    assert (q.qualifier, q.low, q.high) == ("range", low, high)


@pytest.mark.parametrize("text", [
    "The temple was built between A.D. 1000 and 1260.", "Rome burned in AD 64.", "Caesar died in 44 BC.",
    "The city was founded around 300 B.C.",
])
def test_a_number_with_an_era_is_a_year(text: str) -> None:
    assert find_quantities(text) == []


def test_a_name_with_an_ampersand_starting_the_sentence_is_still_a_name() -> None:
    assert [q.surface for q in find_quantities("S&P 500 futures rose 0.2%.")] == ["0.2%"]
    assert [q.surface for q in find_quantities("ALL 5 solutions are wrong.")] == ["5"]


@pytest.mark.parametrize("text", ["Revenue rose to $7.36 billion from $6.78 billion a year earlier.",
                                  "Open interest eased from 210,643 contracts a week earlier."])
def test_a_period_then_earlier_or_ago_is_a_time_not_a_rate(text: str) -> None:
    assert all(q.kind != "rate" for q in find_quantities(text))


def test_singapore_dollars_written_with_a_space() -> None:
    q = find_quantities("They laundered almost S $1mil (RM3.06mil) from victims.")[0]
    assert (q.surface, q.unit, q.qualifier) == ("almost S $1mil", "SGD", "approx")


def test_a_dash_range_with_a_unit_is_no_year_even_between_1900_and_2100() -> None:
    q = only("Adults need 2000 - 2500 Calories.")
    assert (q.qualifier, q.low, q.high, q.unit) == ("range", 2000, 2500, "kcal")
    found = find_quantities("Output rose 5% in 2019 to 2,500 tonnes.")
    assert [q.surface for q in found] == ["5%", "2,500 tonnes"]


@pytest.mark.parametrize(("text", "value"), [
    ("The company will cut 2000 jobs.", 2000), ("Police arrested 1950 people.", 1950),
    ("Troops detained 2048 suspected militants.", 2048),
])
def test_a_number_in_the_year_range_before_a_counted_noun_is_a_count(text: str, value: float) -> None:
    q = only(text)
    assert (q.value, q.kind) == (value, "count")


@pytest.mark.parametrize("text", [
    "In 2000 people marched.", "Since 1990 women have voted.", "The 2019 protests were large.",
    "Britain's 2024 voters were angry.", "Sales fell in 2008 and banks failed.",
])
def test_a_year_before_a_noun_stays_a_year_after_a_preposition_determiner_or_possessive(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "ages"), [
    ("Jamie Armstrong, 25, and Callum Reid, 31, were jailed.", [25, 31]),
    ("The victims were named as Tyrell Grant, 22, and Owen Mayhew, 19.", [22, 19]),
    ("“It hurt,” said Priya Nair, 44, whose son was hurt.", [44]),
    ("John F. Kelly, 74, resigned.", [74]),
])
def test_a_number_set_off_by_commas_after_a_persons_name_is_an_age(text: str, ages: list[float]) -> None:
    found = find_quantities(text)
    assert [(q.value, q.kind) for q in found] == [(age, "age") for age in ages]


@pytest.mark.parametrize("text", ["In Paris, 25 people died.", "On Monday, 12, were hurt.",
                                  "The firm employs Tim Cook, 400 engineers and a cat."])
def test_a_number_after_a_place_a_day_or_before_a_noun_is_no_age(text: str) -> None:
    assert all(q.kind == "count" for q in find_quantities(text))


@pytest.mark.parametrize(("text", "units"), [
    ("Profit fell to 410 million Swedish crowns; the plan costs 1.2 billion crowns.", ["SEK", "SEK"]),
    ("Sales were 3 billion Norwegian crowns and costs 2 billion kroner.", ["NOK", "NOK"]),
    ("The railway lost 640 million forints.", ["HUF"]),
])
def test_a_currency_word_several_currencies_share_is_the_one_the_text_named(text: str,
                                                                              units: list[str]) -> None:
    found = find_quantities(text)
    assert [(q.kind, q.unit) for q in found] == [("money", u) for u in units]


@pytest.mark.parametrize(("text", "surface", "qualifier"), [
    ("Temperatures topped 44C again.", "topped 44C", "more_than"),
    ("212 patients waited longer than 12 hours.", "longer than 12 hours", "more_than"),
    ("Boosters went to people aged 75 and over.", "75 and over", "at_least"),
    ("Children aged 5 and under ride free.", "5 and under", "at_most"),
])
def test_bound_words_before_and_after_a_number(text: str, surface: str, qualifier: str) -> None:
    q = find_quantities(text)[-1]
    assert (q.surface, q.qualifier) == (surface, qualifier)


def test_plus_before_another_hedged_sum_adds_rather_than_bounds() -> None:
    found = find_quantities("They agreed a fee of £58m plus up to £7m in add-ons.")
    assert [(q.surface, q.qualifier) for q in found] == [("£58m", "exact"), ("up to £7m", "at_most")]


@pytest.mark.parametrize(("text", "surface"), [
    ("A magnitude 6.8 earthquake struck.", "magnitude 6.8"), ("A magnitude-7.1 quake hit.", "magnitude-7.1"),
    ("The quake measured 6.8 on the Richter scale.", "6.8 on the Richter scale"),
])
def test_an_earthquake_magnitude_is_a_measurement(text: str, surface: str) -> None:
    q = only(text)
    assert (q.surface, q.kind, q.unit) == (surface, "measurement", "magnitude")


@pytest.mark.parametrize(("text", "change"), [
    ("The budget raises council tax by 4.99%.", "up"), ("The bank lifted rates by 0.25 points.", "up"),
    ("The charity raised $5m.", None), ("It raised about $5m.", None),
])
def test_raise_and_lift_report_a_change_only_with_by(text: str, change: str | None) -> None:
    assert only(text).change == change


@pytest.mark.parametrize("text", ["The floods will shave 0.6 percentage points off growth.",
                                  "The tariffs could knock 0.4 percentage points off output."])
def test_shaving_or_knocking_points_off_is_a_fall(text: str) -> None:
    assert only(text).change == "down"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The rate is still around 25 deaths per 100,000 people.", 25, "per 100,000 people"),
    ("Infant mortality stands at 32 per 1,000 live births.", 32, "per 1,000 live births"),
    ("The country has 3.2 doctors per thousand.", 3.2, "per 1,000 people"),
])
def test_a_count_per_head_of_population_is_one_rate_not_two_counts(
        text: str, value: float, unit: str) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.kind, q.unit) == (value, "rate", unit)


def test_parts_per_million_is_no_rate_per_head() -> None:
    assert only("Carbon levels reached 1200 parts per million.").kind != "rate"


@pytest.mark.parametrize(("text", "qualifier"), [
    ("Unemployment edged up to 6.1%.", "exact"),  # the verb's "up", then the level
    ("Prices went up to $5 a kilo.", "exact"),
    ("Up to 40 people died.", "at_most"),
    ("The toll could rise to up to 600.", "at_most"),
])
def test_up_to_after_a_phrasal_verb_is_no_upper_bound(text: str, qualifier: str) -> None:
    assert find_quantities(text)[0].qualifier == qualifier
