"""The peer-suite scorer: its matching rule on tiny examples, and a smoke run on the real suites."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.evaluate import (
    DEFAULT_PEERS,
    format_report,
    gold_value,
    interval,
    match_count,
    our_change,
    recognizers_range,
    run_all,
    values_match,
)
from flows.numbers import find_quantities


def test_a_range_matches_only_when_both_ends_do() -> None:
    assert values_match((10.0, 12.0), (10.0, 12.0))
    assert not values_match((10.0, 12.0), (10.0, 13.0))
    assert not values_match((10.0, 12.0), 11.0)


def test_values_match_within_numpy_isclose_tolerance() -> None:
    assert values_match(1_000_000.0, 1_000_001.0)
    assert not values_match(100.0, 101.0)


def test_gold_ranges_and_negative_values_are_parsed() -> None:
    assert gold_value("1.0-1.5") == (1.0, 1.5)
    assert gold_value("-1.3") == -1.3


def test_each_extraction_matches_one_gold_quantity_and_change_must_agree() -> None:
    gold = [(5.0, "up"), (5.0, "=")]
    ours = [(5.0, "up")]
    assert match_count(gold, ours, with_change=False) == 1
    assert match_count(gold, ours, with_change=True) == 1
    assert match_count([(5.0, "down")], ours, with_change=True) == 0


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("more than 10", (10, None, "()")),
        ("at least 10", (10, None, "[)")),
        ("up to 10", (None, 10, "(]")),
        ("between 10 and 20", (10, 20, "[)")),
        ("above 10 and at most 20", (10, 20, "(]")),
        ("equal to 10", (10, 10, "[]")),
        ("10", None),
    ],
)
def test_quantities_map_to_recognizers_interval_notation(phrase: str, expected: tuple | None) -> None:
    (q,) = find_quantities(phrase)
    assert interval(q) == expected


def test_range_suite_compares_the_number_phrase_without_its_unit(tmp_path: Path) -> None:
    text = "The keeper is over sixty years old."
    start = text.index("over")
    case = {"Input": text, "Results": [{"Start": start, "End": start + len("over sixty") - 1,
                                        "Resolution": {"value": "(60,)"}}]}
    folder = tmp_path / "recognizers-text" / "Number" / "English"
    folder.mkdir(parents=True)
    (folder / "NumberRangeModel.json").write_text(json.dumps([case]), encoding="utf-8")
    assert recognizers_range(tmp_path)[0].accuracy == 1.0


def test_missing_peers_folder_gives_no_scores(tmp_path: Path) -> None:
    assert run_all(tmp_path / "absent") == []


@pytest.mark.skipif(not DEFAULT_PEERS.is_dir(), reason="../shared/peers is absent (fresh clone)")
def test_report_on_the_peer_suites_names_every_suite() -> None:
    report = format_report(run_all(DEFAULT_PEERS))
    for suite in ("NewsQuant/NewsQuant", "Recognizers-Text NumberModel", "quantulum3 errors"):
        assert suite in report


def test_newsquant_label_is_the_hedge_then_the_change_and_never_a_trend() -> None:
    text = "Exports fell 3% to $4bn."
    change, level = find_quantities(text)
    assert (our_change(change, text), our_change(level, text)) == ("down", "=")
    text = "Shares rose about 1.5%."
    assert our_change(find_quantities(text)[0], text) == "~"


def test_newsquant_labels_a_change_written_as_a_noun_after_the_figure_as_a_level() -> None:
    text = "Bitcoin fell 5% on Monday, a sharp 3 percent drop."
    verb, noun = find_quantities(text)
    assert (verb.change, noun.change) == ("down", "down")
    assert (our_change(verb, text), our_change(noun, text)) == ("down", "=")


@pytest.mark.parametrize(("text", "label"), [("Adults need about 2000 - 2500 Calories.", "~"),
                                             ("It went from about 14-18 mpg.", "~"),
                                             ("They need 20 - 25 grams.", "=")])
def test_newsquant_labels_a_range_written_with_an_approximating_hedge_as_approximate(text: str,
                                                                                    label: str) -> None:
    q = find_quantities(text)[0]
    assert (q.qualifier, our_change(q, text)) == ("range", label)
