"""The SQL views (claimant_names, measure_keys, claim_intervals, measure_summary, conflicts,
revisions, compositions) and their export, on hand-built ledgers.

Behaviour tests state what an analyst relies on; the dbt-style tests (keys unique, required
columns not null, accepted values, relationships) run on a random ledger of a few hundred claims.
"""
from __future__ import annotations

import csv
import dataclasses
import itertools
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

import flows.refresh
from flows.export import export
from flows.extract import measure_key
from flows.load import connect, delete_stale_claims, load
from flows.model import Article, Claim, digest
from flows.refresh import refresh

_counter = itertools.count()


def claim(
    value: float | None, qualifier: str = "exact", claimant: str | None = "A", *,
    low: float | None = None, high: float | None = None, subject: str | None = None,
    event: str | None = "deployed", kind: str = "count", unit: str | None = "troops",
    change: str | None = None, publisher: str | None = None, as_of: date | None = None,
    trend: str | None = None,
) -> tuple[Article, Claim]:
    """A claim in an article of its own (only the article's publisher matters to the views)."""
    surface = f"{qualifier} {value}"
    # The date is in the text so that claims on different days are different articles.
    said = f"{claimant} said {surface}" + (f" on {as_of}." if as_of else ".")
    article = Article(f"{next(_counter)}.txt", said, publisher=publisher)
    start = article.body.index(surface)
    record = Claim(
        claim_id=digest(article.article_id, start), article_id=article.article_id, char_start=start,
        char_end=start + len(surface), surface=surface, sentence=article.body, value=value, low=low,
        high=high, qualifier=qualifier, kind=kind, unit=unit, subject=subject, event=event,
        measure=measure_key(subject, unit or kind, event), claimant=claimant, as_of=as_of, change=change,
        trend=trend,
    )
    return article, record


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(tmp_path / "views.duckdb")
    yield con
    con.close()


def ledger(con: duckdb.DuckDBPyConnection, *rows: tuple[Article, Claim]) -> None:
    """Load the claims and refresh the views, as a run does."""
    load(con, [article for article, _ in rows], [record for _, record in rows])
    refresh(con)


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    result = con.execute(sql)
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def test_nearly_10000_against_around_3000_is_one_conflict(con: duckdb.DuckDBPyConnection) -> None:
    ledger(con, claim(10000, "approx", "Zelensky", high=10000), claim(3000, "approx", "Ukrainian sources"))
    [conflict] = rows(con, "SELECT * FROM conflicts")
    assert (conflict["value_a"], conflict["value_b"]) == (10000, 3000)
    assert (conflict["claimant_a"], conflict["claimant_b"]) == ("Zelensky", "Ukrainian sources")
    assert (conflict["low_a"], conflict["high_a"]) == (9000, 10000), "nearly: [0.9·v, v]"
    assert conflict["ratio"] == pytest.approx(3.333, abs=1e-3)


def test_at_least_115000_overlaps_about_120000(con: duckdb.DuckDBPyConnection) -> None:
    ledger(con, claim(115000, "at_least", "The Times", low=115000), claim(120000, "approx", "The Journal"))
    assert rows(con, "SELECT * FROM conflicts") == []


def test_one_claimant_never_conflicts_with_itself(con: duckdb.DuckDBPyConnection) -> None:
    ledger(con, claim(10000, claimant="Zelensky"), claim(3000, claimant="zelensky"))
    assert rows(con, "SELECT * FROM conflicts") == []


def test_claims_an_article_asserts_belong_to_its_publisher(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(100, claimant=None, publisher="Daily"),
        claim(1000, claimant=None, publisher="Daily"),
        claim(5000, claimant=None, publisher="Weekly"),
    )
    conflicts = rows(con, "SELECT source_a, value_a, source_b, value_b FROM conflicts ORDER BY value_b")
    assert conflicts == [
        {"source_a": "Weekly", "value_a": 5000, "source_b": "Daily", "value_b": 100},
        {"source_a": "Weekly", "value_a": 5000, "source_b": "Daily", "value_b": 1000},
    ]
    [summary] = rows(con, "SELECT n_claims, n_claimants, claimants FROM measure_summary")
    assert summary == {"n_claims": 3, "n_claimants": 2, "claimants": ["Daily", "Weekly"]}


def test_changes_durations_and_ages_are_never_compared(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(3000, claimant="A"),
        claim(10000, claimant="B", change="up"),
        claim(2, claimant="C", kind="duration", unit="year"),
        claim(21, claimant="D", kind="age", unit="year"),
    )
    assert rows(con, "SELECT claimant FROM claim_intervals") == [{"claimant": "A"}]
    assert rows(con, "SELECT * FROM conflicts") == []


def test_a_figure_that_names_only_its_unit_is_never_compared(con: duckdb.DuckDBPyConnection) -> None:
    # "278kg" and "1.99×10−30 kilograms" from two articles say nothing about what they weigh.
    ledger(
        con,
        claim(278, claimant="A", kind="measurement", unit="kg", event=None),
        claim(1.99e-30, claimant="B", kind="measurement", unit="kg", event=None),
        claim(5e6, claimant="C", kind="money", unit="USD", event=None),
        claim(3000, claimant="D", unit="students", event=None),
        claim(40, claimant="E", unit="people", event="killed"),
        claim(9000, claimant="F", unit="troops", subject="russian", event=None),
    )
    assert rows(con, "SELECT claimant FROM claim_intervals ORDER BY claimant") == [
        {"claimant": "E"}, {"claimant": "F"}
    ]
    assert rows(con, "SELECT measure FROM measure_summary ORDER BY measure") == [
        {"measure": "people killed"}, {"measure": "russian troops"}
    ]
    assert rows(con, "SELECT * FROM conflicts") == []


def test_like_is_compared_with_like_only(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(500, claimant="A"),
        claim(5, claimant="B", kind="rate", unit="per day"),
        claim(5e6, claimant="C", kind="money", unit="USD", event="aid"),
        claim(9e6, claimant="D", kind="money", unit="EUR", event="aid"),
    )
    assert rows(con, "SELECT * FROM conflicts") == []
    assert len(rows(con, "SELECT * FROM measure_summary")) == 4


@pytest.mark.parametrize(
    ("values", "conflict"),
    [
        ((10000, 10400), False),  # round numbers get ±5 %
        ((40, 42), True),  # other exact numbers are taken as written (±0.5 %)
        ((1.5e6, 1.6e6), False),
        ((1.5e6, 1.7e6), True),
    ],
)
def test_exact_numbers_get_rounding_slack(
    con: duckdb.DuckDBPyConnection, values: tuple, conflict: bool
) -> None:
    ledger(con, claim(values[0], claimant="A"), claim(values[1], claimant="B"))
    assert bool(rows(con, "SELECT * FROM conflicts")) is conflict


INF = float("inf")


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high", "interval"),
    [
        ("exact", 10000, None, None, (9500, 10500)),
        ("exact", 37, None, None, (36.815, 37.185)),
        ("approx", 3000, None, None, (2700, 3300)),
        ("approx", 10000, None, 10000, (9000, 10000)),  # nearly, almost
        ("at_least", 115000, 115000, None, (115000, INF)),
        ("more_than", 40, None, None, (40, INF)),
        ("at_most", 500, None, 500, (0, 500)),
        ("less_than", 20, None, None, (0, 20)),
        ("range", 11000, 10000, 12000, (10000, 12000)),
        ("vague", None, 1000, 9999, (1000, 9999)),
        ("vague", None, 1000, None, (1000, INF)),
    ],
)
def test_comparison_interval_follows_the_qualifier(
    con: duckdb.DuckDBPyConnection, qualifier: str, value: float | None, low: float | None,
    high: float | None, interval: tuple[float, float],
) -> None:
    ledger(con, claim(value, qualifier, low=low, high=high))
    [row] = rows(con, "SELECT low, high FROM claim_intervals")
    assert (row["low"], row["high"]) == pytest.approx(interval)


@pytest.mark.parametrize(("trend", "reached"), [("up", 340), ("down", 120)])
def test_a_movement_from_one_level_to_another_is_compared_as_the_level_reached(
    con: duckdb.DuckDBPyConnection, trend: str, reached: float,
) -> None:
    """ "The number of missing rose from 120 to 340" claims 340 now, not anything between 120 and 340."""
    ledger(con, claim(230, "range", low=120, high=340, trend=trend))
    [row] = rows(con, "SELECT value, low, high, stated_floor, stated_ceiling FROM claim_intervals")
    assert row["value"] == row["stated_floor"] == row["stated_ceiling"] == reached
    assert (row["low"], row["high"]) == pytest.approx((reached * 0.995, reached * 1.005))


def test_measure_summary_spans_the_claims(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(10000, "approx", "Zelensky", high=10000),
        claim(10000, "exact", "Zelensky"),
        claim(3000, "approx", "Ukrainian sources"),
        claim(None, "vague", "Analysts", low=1000, high=9999),
    )
    [summary] = rows(con, "SELECT * FROM measure_summary")
    assert summary["measure"] == "troops deployed" and summary["kind"] == "count"
    assert (summary["n_claims"], summary["n_claimants"], summary["n_articles"]) == (4, 3, 4)
    assert summary["claimants"] == ["Analysts", "Ukrainian sources", "Volodymyr Zelensky"], "display names"
    assert (summary["low"], summary["best"], summary["high"]) == (1000, 10000, 10500)
    assert summary["spread_ratio"] == pytest.approx(3.333, abs=1e-3)


def test_short_names_of_agencies_and_armies_are_one_claimant(con: duckdb.DuckDBPyConnection) -> None:
    ledger(con, claim(300, claimant="IDF"), claim(320, claimant="Israeli military"),
           claim(5000, claimant="OCHA"), claim(5100, claimant="UN humanitarian office"))
    names = {r["name"]: r["claimant_name"] for r in rows(con, "SELECT * FROM claimant_names")}
    assert names["IDF"] == names["Israeli military"] == "Israel Defense Forces"
    assert names["OCHA"] == names["UN humanitarian office"] == "UN humanitarian office (OCHA)"


def test_claimant_spellings_and_titles_are_one_claimant(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(10000, claimant="Zelenskyy"),
        claim(10000, claimant="President Volodymyr Zelensky"),
        claim(11000, claimant="Mr. Zelensky"),
        claim(3000, claimant="Mr Biden"),
        claim(3000, claimant="President Joe Biden"),
        claim(2000, claimant="Sources"),
        claim(2000, claimant="Ukrainian sources"),
        claim(2500, claimant="Sheriff's Office"),  # a body whose name opens with a title word
    )
    names = {r["name"]: r["claimant_name"] for r in rows(con, "SELECT * FROM claimant_names")}
    assert names == {
        "Zelenskyy": "Volodymyr Zelensky", "President Volodymyr Zelensky": "Volodymyr Zelensky",
        "Mr. Zelensky": "Volodymyr Zelensky", "Mr Biden": "Joe Biden", "President Joe Biden": "Joe Biden",
        "Sources": "Sources", "Ukrainian sources": "Ukrainian sources",
        "Sheriff's Office": "Sheriff's Office",
    }
    [summary] = rows(con, "SELECT n_claimants, claimants FROM measure_summary")
    assert summary == {
        "n_claimants": 5,
        "claimants": ["Joe Biden", "Sheriff's Office", "Sources", "Ukrainian sources", "Volodymyr Zelensky"],
    }
    pairs = rows(con, "SELECT source_a, source_b FROM conflicts")
    assert all(p["source_a"] != p["source_b"] for p in pairs)


def test_synonyms_of_subject_unit_and_event_meet_in_one_measure(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(11000, "approx", "A", subject="north_korean", unit="troops", event="deployed"),
        claim(10000, "approx", "B", subject="DPRK", unit="servicemen", event="sent"),
        claim(12000, "approx", "C", subject="Pyongyang's", unit="forces", event="stationed"),
        claim(3000, claimant="D", subject="North Korea's", unit="military personnel", event="preparing"),
    )
    [summary] = rows(con, "SELECT measure, n_claims, n_claimants FROM measure_summary")
    assert summary == {"measure": "north_korean troops deployed", "n_claims": 4, "n_claimants": 4}
    assert {r["source_b"] for r in rows(con, "SELECT source_b FROM conflicts")} == {"D"}


def test_different_quantities_stay_apart(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(100, claimant="A", subject="russian", event="killed"),
        claim(900, claimant="B", subject="russian", event="wounded"),
        claim(5000, claimant="C", subject="russian", event="killed_or_wounded"),
        claim(7000, claimant="D", subject="north_korean", event="killed"),
        claim(20, claimant="E", subject="russian", event="killed", kind="rate", unit="per day"),
        claim(800, claimant="F", subject="russian", event="killed", change="up"),
    )
    measures = {r["measure"] for r in rows(con, "SELECT measure FROM measure_summary")}
    assert measures == {
        "russian troops killed", "russian troops wounded", "russian troops killed_or_wounded",
        "north_korean troops killed", "russian per_day killed",
    }
    assert rows(con, "SELECT * FROM conflicts") == []


def test_things_lost_stay_lost_not_casualties(con: duckdb.DuckDBPyConnection) -> None:
    # "lost" is both an event key and a word whose last lexicon reading is killed_or_wounded
    ledger(
        con,
        claim(3600, "approx", "Oryx", subject="russian", unit="tanks", event="lost"),
        claim(9500, "approx", "General Staff", subject="russian", unit="tanks", event="lost"),
    )
    [conflict] = rows(con, "SELECT measure FROM conflicts")
    assert conflict == {"measure": "russian tanks lost"}


def test_combined_subjects_meet_whatever_their_order(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(1e6, "approx", "A", subject="russian+ukrainian", unit="people", event="killed_or_wounded"),
        claim(3e5, "approx", "B", subject="Ukraine+Russia", unit="people", event="killed_or_wounded"),
    )
    [conflict] = rows(con, "SELECT measure, source_a, source_b FROM conflicts")
    assert conflict == {
        "measure": "russian+ukrainian people killed_or_wounded", "source_a": "A", "source_b": "B"
    }


def test_a_lexicon_fold_regroups_stored_claims_without_reextraction(con: duckdb.DuckDBPyConnection) -> None:
    ledger(con, claim(500, claimant="A", unit="blokes"), claim(5000, claimant="B", unit="troops"))
    assert len(rows(con, "SELECT * FROM measure_summary")) == 2
    con.execute("INSERT INTO ref_measure_terms VALUES ('unit', 'blokes', 'troops')")  # as a lexicon row would
    refresh(con)  # as the next run does
    assert [r["measure"] for r in rows(con, "SELECT measure FROM measure_summary")] == ["troops deployed"]
    assert len(rows(con, "SELECT * FROM conflicts")) == 1


def test_measure_summary_gives_each_rule_side_by_side(con: duckdb.DuckDBPyConnection) -> None:
    day = date(2024, 11, 1)
    ledger(
        con,
        claim(8000, claimant="Kyiv", as_of=day),
        claim(11000, "approx", claimant="Kyiv", as_of=day + timedelta(days=20)),  # Kyiv's latest
        claim(11000, "range", claimant="Seoul", low=10000, high=12000, as_of=day + timedelta(days=5)),
        claim(3000, "at_least", claimant="Moscow", low=3000, as_of=day + timedelta(days=3)),
        claim(15000, "at_most", claimant="Analysts", high=15000, as_of=day + timedelta(days=10)),
    )
    [s] = rows(con, "SELECT * FROM measure_summary")
    # UCDP: the sources' latest figures: floors 11,000 / 10,000 / 3,000, ceilings up to 15,000.
    assert (s["ucdp_low"], s["ucdp_high"]) == (3000, 15000)
    assert s["ucdp_best"] == 11000, "median of Kyiv 11,000, Seoul 11,000, Moscow 3,000 and Analysts 15,000"
    # ACLED: the lowest floor of a latest figure; "up to 15,000" states none.
    assert s["acled_conservative"] == 3000
    # IBC: every claim ever, Kyiv's superseded 8,000 too.
    assert (s["ibc_min"], s["ibc_max"]) == (3000, 15000)
    latest = (s["latest_value"], s["latest_claimant"], s["latest_as_of"])
    assert latest == (11000, "Kyiv", day + timedelta(days=20))
    assert (s["first_seen"], s["last_seen"]) == (day, day + timedelta(days=20))


def test_a_rising_toll_months_apart_is_a_revision_not_a_conflict(con: duckdb.DuckDBPyConnection) -> None:
    day = date(2024, 1, 10)
    ledger(
        con,
        claim(100, claimant="Health ministry", event="killed", as_of=day),
        claim(500, claimant="Health ministry", event="killed", as_of=day + timedelta(days=70)),
        claim(520, claimant="Red Cross", event="killed", as_of=day + timedelta(days=72)),
        claim(300, claimant="Red Cross", event="killed", as_of=day + timedelta(days=3)),
    )
    [conflict] = rows(con, "SELECT source_a, value_a, source_b, value_b, days_apart FROM conflicts")
    assert conflict == {
        "source_a": "Red Cross", "value_a": 300, "source_b": "Health ministry", "value_b": 100,
        "days_apart": 3,
    }
    series = rows(con, """
        SELECT source, step, value, previous_value, direction, days_since_previous
        FROM revisions ORDER BY source, step
    """)
    assert series == [
        {"source": "Health ministry", "step": 1, "value": 100, "previous_value": None, "direction": "first",
         "days_since_previous": None},
        {"source": "Health ministry", "step": 2, "value": 500, "previous_value": 100, "direction": "up",
         "days_since_previous": 70},
        {"source": "Red Cross", "step": 1, "value": 300, "previous_value": None, "direction": "first",
         "days_since_previous": None},
        {"source": "Red Cross", "step": 2, "value": 520, "previous_value": 300, "direction": "up",
         "days_since_previous": 69},
    ]


def test_a_repeated_figure_is_no_revision(con: duckdb.DuckDBPyConnection) -> None:
    day = date(2024, 3, 1)
    ledger(
        con,
        claim(100, claimant="A", as_of=day),
        claim(100, claimant="A", as_of=day + timedelta(days=9)),
        claim(None, "vague", claimant="A", low=100, high=999, as_of=day + timedelta(days=9)),
    )
    assert rows(con, "SELECT * FROM revisions") == []


def test_killed_plus_wounded_is_checked_against_killed_or_wounded(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(80000, "approx", "Officials", subject="russian", event="killed"),
        claim(200000, "approx", "Officials", subject="russian", event="wounded"),
        claim(150000, "approx", "Analysts", subject="russian", event="killed_or_wounded"),
    )
    [total] = rows(con, "SELECT * FROM compositions WHERE relation = 'sum_equals_whole'")
    assert (total["part_low"], total["part_high"]) == (252000, 308000)
    verdict = (total["part_source"], total["whole_source"], total["consistent"])
    assert verdict == ("Officials", "Analysts", False)
    assert total["arithmetic"] == (
        "approx 80000 killed + approx 200000 wounded = [252,000, 308,000] overlaps "
        "approx 150000 killed_or_wounded [135,000, 165,000]: inconsistent, 252,000 > 165,000"
    )
    singles = rows(
        con, "SELECT part_surface, consistent FROM compositions WHERE relation = 'part_within_whole'"
    )
    assert sorted((r["part_surface"], r["consistent"]) for r in singles) == [
        ("approx 200000", False), ("approx 80000", True)
    ]


def test_troops_are_part_of_people_and_never_the_reverse(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(115000, "at_least", "Times", low=115000, subject="russian", unit="troops", event="killed"),
        claim(
            1e6, "approx", "Journal", subject="russian+ukrainian", unit="people", event="killed_or_wounded"
        ),
        claim(2e6, "approx", "Blog", subject="russian", unit="people", event="killed"),
        claim(5000, "approx", "Wire", subject="russian", unit="civilians", event="killed"),
    )
    pairs = {(r["part_source"], r["whole_source"], r["consistent"])
             for r in rows(con, "SELECT * FROM compositions")}
    assert pairs == {
        ("Times", "Journal", True), ("Times", "Blog", True),
        ("Wire", "Blog", True), ("Wire", "Journal", True),
        ("Blog", "Journal", False),  # 2 million Russians killed cannot fit in one million killed or wounded
    }


def random_claims(
    rng: random.Random, n: int, claimants: tuple[str | None, ...] = ("A", "a", "B", "C", "D", None)
) -> list[tuple[Article, Claim]]:
    made = []
    for _ in range(n):
        qualifier = rng.choice(["exact", "approx", "at_least", "at_most", "range", "vague"])
        value = float(rng.choice([100, 300, 1000, 3000, 10000]) * rng.choice([1, 1.05, 1.5, 3]))
        low = high = None
        if qualifier in ("range", "vague"):
            low, high = value * 0.8, value * 1.2
            value = None if qualifier == "vague" else value
        made.append(claim(
            value, qualifier, rng.choice(claimants), low=low, high=high,
            unit=rng.choice(["troops", "soldiers", "people", "refugees"]),
            event=rng.choice(["deployed", "killed", "wounded", "killed_or_wounded", None]),
            subject=rng.choice(["russian", "russian+ukrainian", "Ukraine+Russia", None]),
            kind=rng.choice(["count"] * 6 + ["rate", "duration", "age"]),
            change=rng.choice([None] * 8 + ["up"]), publisher=rng.choice(["Daily", "Weekly", None]),
            as_of=rng.choice([None, date(2024, 1, 1) + timedelta(days=rng.randrange(120))]),
        ))
    return made


def random_ledger(con: duckdb.DuckDBPyConnection, n: int = 400, seed: int = 7) -> None:
    ledger(con, *random_claims(random.Random(seed), n))


@pytest.fixture(scope="module")
def random_con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    # Read-only queries only: one ledger serves every dbt-style test of the module.
    con = connect(tmp_path_factory.mktemp("random") / "views.duckdb")
    random_ledger(con)
    yield con
    con.close()


@pytest.mark.parametrize(
    ("view", "key"),
    [
        ("claim_intervals", "claim_id"),
        ("claimant_names", "name"),
        ("measure_keys", "subject, unit, event, kind"),
        ("measure_summary", "measure, kind, unit"),
        ("conflicts", "claim_id_a, claim_id_b"),
        ("revisions", "measure, kind, unit_key, source_key, step"),
        ("revisions", "claim_id"),
        ("compositions", "part_claim_ids, whole_claim_id"),
    ],
)
def test_view_keys_are_unique(random_con: duckdb.DuckDBPyConnection, view: str, key: str) -> None:
    assert rows(random_con, f"SELECT {key}, count(*) AS n FROM {view} GROUP BY ALL HAVING n > 1") == []


@pytest.mark.parametrize(
    ("view", "columns"),
    [
        ("claim_intervals", ["claim_id", "measure", "kind", "low", "high", "source", "source_key"]),
        ("measure_summary", ["measure", "kind", "n_claims", "n_claimants", "claimants", "low", "high"]),
        ("conflicts", ["measure", "claim_id_a", "claim_id_b", "source_a", "source_b", "low_a", "high_b"]),
        ("claimant_names", ["name", "claimant_key", "claimant_name"]),
        ("measure_keys", ["kind", "measure"]),
        ("revisions", ["measure", "source", "source_key", "step", "as_of", "surface", "direction",
                       "claim_id"]),
        ("compositions", ["relation", "consistent", "arithmetic", "part_measure", "part_source", "part_low",
                          "whole_measure", "whole_source", "whole_high", "whole_claim_id"]),
    ],
)
def test_required_columns_are_not_null(
    random_con: duckdb.DuckDBPyConnection, view: str, columns: list[str]
) -> None:
    nulls = " OR ".join(f"{c} IS NULL" for c in columns)
    assert rows(random_con, f"SELECT count(*) AS n FROM {view} WHERE {nulls}") == [{"n": 0}]
    assert rows(random_con, f"SELECT count(*) AS n FROM {view}")[0]["n"] > 0, "the test ledger exercises it"


@pytest.mark.parametrize(
    ("view", "column", "accepted"),
    [
        ("claim_intervals", "qualifier",
         {"exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague"}),
        ("revisions", "direction", {"first", "up", "down", "restated"}),
        ("compositions", "relation", {"part_within_whole", "sum_equals_whole"}),
    ],
)
def test_columns_hold_accepted_values_only(
    random_con: duckdb.DuckDBPyConnection, view: str, column: str, accepted: set[str]
) -> None:
    found = {r["v"] for r in rows(random_con, f"SELECT DISTINCT {column} AS v FROM {view}")}
    assert found and found <= accepted


def test_a_revision_series_is_one_source_in_date_order(random_con: duckdb.DuckDBPyConnection) -> None:
    bad = rows(random_con, """
        SELECT * FROM revisions r
        WHERE (step = 1) <> (previous_value IS NULL AND previous_as_of IS NULL AND direction = 'first')
           OR previous_as_of >= as_of
           OR EXISTS (SELECT 1 FROM claim_intervals i
                      WHERE i.claim_id = r.claim_id AND i.source_key <> r.source_key)
    """)
    assert bad == []


def test_compositions_verdict_matches_the_bounds(random_con: duckdb.DuckDBPyConnection) -> None:
    bad = rows(random_con, """
        SELECT * FROM compositions
        WHERE consistent <> (part_low <= whole_high
                             AND (relation = 'part_within_whole' OR part_high >= whole_low))
           OR part_measure = whole_measure AND relation <> 'sum_equals_whole'
    """)
    assert bad == []
    assert rows(random_con, "SELECT DISTINCT consistent FROM compositions ORDER BY 1") == [
        {"consistent": False}, {"consistent": True}
    ], "the test ledger exercises both verdicts"


def test_only_levels_of_comparable_kinds_reach_the_comparison(random_con: duckdb.DuckDBPyConnection) -> None:
    compared = rows(random_con, """
        SELECT DISTINCT c.kind, c.change FROM claim_intervals i JOIN claims c USING (claim_id)
    """)
    assert {(r["kind"], r["change"]) for r in compared} == {("count", None), ("rate", None)}


def test_every_compared_claim_names_a_subject_or_an_event(random_con: duckdb.DuckDBPyConnection) -> None:
    unnamed = "SELECT count(*) AS n FROM {} WHERE subject IS NULL AND event IS NULL"
    assert rows(random_con, unnamed.format("claim_intervals")) == [{"n": 0}]
    assert rows(random_con, unnamed.format("claims"))[0]["n"] > 0, "the test ledger has such claims"


def test_conflict_sides_are_two_sources_with_a_wholly_above_b(random_con: duckdb.DuckDBPyConnection) -> None:
    bad = rows(random_con, """
        SELECT * FROM conflicts
        WHERE lower(source_a) = lower(source_b) OR NOT low_a > high_b OR value_a < value_b
           OR EXISTS (SELECT 1 FROM conflicts r WHERE r.claim_id_a = conflicts.claim_id_b
                                                 AND r.claim_id_b = conflicts.claim_id_a)
    """)
    assert bad == []


def test_every_contradicted_claim_is_listed_and_every_row_is_a_contradiction(
    random_con: duckdb.DuckDBPyConnection,
) -> None:
    # The view avoids comparing every pair; the full comparison here says what it must find: claims
    # of two sources in the same or adjacent 30-day periods, or both undated.
    random_con.execute("""
        CREATE TEMP TABLE all_pairs AS
        WITH dated AS (
            SELECT *, date_diff('day', DATE '1970-01-01', as_of) // 30 AS period FROM claim_intervals
        )
        SELECT a.claim_id AS upper_id, b.claim_id AS lower_id
        FROM dated a JOIN dated b USING (measure, kind, unit_key)
        WHERE a.source_key <> b.source_key AND a.low > b.high
          AND (abs(a.period - b.period) <= 1 OR (a.period IS NULL AND b.period IS NULL))
    """)
    listed = rows(random_con, "SELECT claim_id_a AS upper_id, claim_id_b AS lower_id FROM conflicts")
    every = rows(random_con, "SELECT * FROM all_pairs")
    pairs = {(r["upper_id"], r["lower_id"]) for r in every}
    assert {(r["upper_id"], r["lower_id"]) for r in listed} <= pairs
    contradicted = {c for pair in pairs for c in pair}
    assert {c for r in listed for c in r.values()} == contradicted
    n_compared = rows(random_con, "SELECT count(*) AS n FROM claim_intervals")[0]["n"]
    assert len(listed) <= 2 * n_compared


def test_export_writes_csv_with_a_header(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    ledger(con, claim(10000, "approx", "Zelensky", high=10000), claim(3000, "approx", "Ukrainian sources"))
    paths = export(con, to=tmp_path / "exports")
    assert [p.name for p in paths] == [
        "conflicts.csv", "measure_summary.csv", "revisions.csv", "compositions.csv", "claims.csv"
    ]
    with paths[0].open(newline="") as f:
        [conflict] = list(csv.DictReader(f))
    assert (float(conflict["value_a"]), float(conflict["value_b"])) == (10000, 3000)
    with paths[-1].open(newline="") as f:
        assert len(list(csv.DictReader(f))) == 2


def test_export_writes_conflicts_largest_ratio_first(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    ledger(con, claim(1000, claimant="A"), claim(3000, claimant="B"), claim(9000, claimant="C"))
    [path] = export(con, ["conflicts"], tmp_path)
    with path.open(newline="") as f:
        ratios = [float(r["ratio"]) for r in csv.DictReader(f)]
    assert ratios == [9.0, 3.0, 3.0]


def test_export_writes_the_most_contested_measures_first(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    ledger(
        con,
        claim(10, claimant="A", event="killed"),
        claim(500, claimant="A", event="wounded"), claim(600, claimant="B", event="wounded"),
        claim(7, claimant="A", event="deployed"), claim(8, claimant="A", event="deployed"),
    )
    [path] = export(con, ["measure_summary"], tmp_path)
    with path.open(newline="") as f:
        order = [(r["measure"], r["n_claimants"], r["n_claims"]) for r in csv.DictReader(f)]
    assert order == [("troops wounded", "2", "2"), ("troops deployed", "1", "2"), ("troops killed", "1", "1")]


def test_export_writes_any_view_as_parquet(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    ledger(con, claim(10000, "approx", "Zelensky", high=10000), claim(3000, "approx", "Ukrainian sources"))
    [path] = export(con, ["claimant_names"], tmp_path, fmt="parquet")
    assert path.name == "claimant_names.parquet"
    names = rows(con, f"SELECT claimant_name FROM read_parquet('{path}') ORDER BY 1")
    assert names == [{"claimant_name": "Ukrainian sources"}, {"claimant_name": "Volodymyr Zelensky"}]


def test_export_of_an_unknown_view_lists_the_available_ones(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="unknown view.*conflict.*available: .*articles, claim_intervals,"):
        export(con, ["conflict"], tmp_path)
    assert not list(tmp_path.glob("*.csv")), "nothing written"


STORED_VIEWS = (
    "claimant_names", "measure_keys", "claim_intervals", "measure_summary", "conflicts", "revisions",
    "compositions",
)


def every_row(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {view: con.execute(f"SELECT * FROM {view} ORDER BY ALL").fetchall() for view in STORED_VIEWS}


def test_a_refresh_after_each_load_gives_what_a_rebuild_gives(con: duckdb.DuckDBPyConnection) -> None:
    rng = random.Random(3)
    first = random_claims(rng, 150, ("Mr Biden", "B", "C", None))
    ledger(con, *first)
    # "Joe Biden" arrives: "Mr Biden" becomes him, in every measure his claims are in.
    ledger(con, *random_claims(rng, 150, ("President Joe Biden", "B", "D", None)))
    assert {"Mr Biden": "Joe Biden"}.items() <= {r["name"]: r["claimant_name"] for r in rows(
        con, "SELECT * FROM claimant_names")}.items()
    # An article extracted again (other claims), one that lost its claims, and one whose publisher changed.
    compared = [(a, record) for a, record in first if record.kind == "count" and not record.change]
    (again, old), (emptied, _) = compared[0], compared[1]
    moved = next(article for article, record in compared[2:] if record.claimant is None)
    new = dataclasses.replace(old, claim_id=digest(old.claim_id, "again"), value=(old.value or 0) * 7 + 1)
    load(con, [again], [new], fresh_articles=[again.article_id])
    delete_stale_claims(con, [emptied.article_id], [])
    load(con, [dataclasses.replace(moved, publisher="Elsewhere")], [])
    stats = refresh(con)
    assert not stats.full_rebuild and stats.groups > 0

    incremental = every_row(con)
    assert refresh(con).groups == 0, "nothing changed since"
    assert refresh(con, full=True).full_rebuild
    assert every_row(con) == incremental
    assert incremental["conflicts"] and incremental["compositions"] and incremental["revisions"]


def test_a_refresh_cut_short_is_finished_by_the_next(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(5)
    ledger(con, *random_claims(rng, 120))
    more = random_claims(rng, 120)
    load(con, [a for a, _ in more], [c for _, c in more])
    real, calls = flows.refresh._replace_pending_rows, []

    def killed_at_compositions(con: duckdb.DuckDBPyConnection, name: str) -> None:
        calls.append(name)
        if name == "compositions":
            raise KeyboardInterrupt  # as a run killed midway
        real(con, name)

    monkeypatch.setattr(flows.refresh, "_replace_pending_rows", killed_at_compositions)
    with pytest.raises(KeyboardInterrupt):
        refresh(con)
    assert "conflicts" in calls, "cut short after the claims and the per-group rows"
    monkeypatch.undo()
    assert not refresh(con).full_rebuild
    finished = every_row(con)
    refresh(con, full=True)
    assert every_row(con) == finished


def test_views_show_a_load_at_the_next_refresh(con: duckdb.DuckDBPyConnection) -> None:
    ledger(con, claim(10000, claimant="Zelensky"))
    load(con, *[[part] for part in claim(3000, claimant="Ukrainian sources")])
    assert rows(con, "SELECT count(*) AS n FROM claim_intervals") == [{"n": 1}], "as of the last refresh"
    refresh(con)
    assert len(rows(con, "SELECT * FROM conflicts")) == 1
