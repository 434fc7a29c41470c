"""The comparison views on articles from several publishers (tests/fixtures/views/), read by the real
extractor: the same quantity in different words meets under one measure; conflicts, revisions and
compositions are those an analyst expects. The customer's sample is checked too, where ../shared is.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows.extract import extract_claims
from flows.ingest import iter_articles
from flows.load import connect, load
from flows.model import Article
from flows.refresh import refresh

FIXTURES = Path(__file__).parent / "fixtures" / "views"


def ledger_of(paths: list[Path], db: Path) -> duckdb.DuckDBPyConnection:
    articles = [a for a in iter_articles(paths) if isinstance(a, Article)]
    claims = [c for a in articles for c in extract_claims(a.body, a.published, a.article_id)]
    con = connect(db)
    load(con, articles, claims)
    refresh(con)
    return con


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    result = con.execute(sql)
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    con = ledger_of(sorted(FIXTURES.glob("*.md")), tmp_path_factory.mktemp("articles") / "views.duckdb")
    yield con
    con.close()


def test_five_ways_of_saying_north_korean_troops_deployed_are_one_measure(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # "sent … soldiers", "DPRK troops were stationed", "military personnel were preparing",
    # "soldiers had been deployed", "forces were deployed", across four publishers.
    [deployed] = rows(con, "SELECT * FROM measure_summary WHERE measure = 'north_korean troops deployed'")
    assert deployed["n_claims"] == 5 and deployed["n_articles"] == 4
    assert deployed["claimants"] == [
        "Pyongyang's critics in Seoul", "South Korea's spy agency", "US Department of Defense",
        "Volodymyr Zelensky",
    ]
    rules = (deployed["ucdp_low"], deployed["ucdp_high"], deployed["acled_conservative"])
    assert rules == (3000, 12000, 3000)
    assert (deployed["latest_value"], deployed["latest_claimant"]) == (12000, "Volodymyr Zelensky")


def test_zelenskyy_and_mr_zelensky_are_one_claimant(con: duckdb.DuckDBPyConnection) -> None:
    keys = rows(con, """
        SELECT DISTINCT claimant_key, claimant_name FROM claimant_names
        WHERE name IN ('President Volodymyr Zelenskyy', 'Zelensky')
    """)
    assert keys == [{"claimant_key": "volodymyr zelensky", "claimant_name": "Volodymyr Zelensky"}]


def test_seouls_3000_conflicts_with_the_figures_reported_that_week(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(con, """
        SELECT source_a, value_a, source_b, value_b, days_apart FROM conflicts
        WHERE measure = 'north_korean troops deployed' AND source_b = 'South Korea''s spy agency'
        ORDER BY source_a
    """)
    assert found == [
        {"source_a": "Pyongyang's critics in Seoul", "value_a": 5000, "source_b": "South Korea's spy agency",
         "value_b": 3000, "days_apart": 4},
        {"source_a": "US Department of Defense", "value_a": 11000, "source_b": "South Korea's spy agency",
         "value_b": 3000, "days_apart": 4},
        {"source_a": "Volodymyr Zelensky", "value_a": 11000, "source_b": "South Korea's spy agency",
         "value_b": 3000, "days_apart": 0},
    ]
    assert rows(con, "SELECT * FROM conflicts WHERE value_a = 12000") == [], (
        "Zelensky's 12,000 of 20 December is six weeks later: a revision, not a conflict"
    )


def test_zelenskys_rising_figure_is_a_revision(con: duckdb.DuckDBPyConnection) -> None:
    series = rows(con, "SELECT source, as_of, value, direction FROM revisions ORDER BY step")
    assert series == [
        {"source": "Volodymyr Zelensky", "as_of": date(2024, 11, 8), "value": 11000, "direction": "first"},
        {"source": "Volodymyr Zelensky", "as_of": date(2024, 12, 20), "value": 12000, "direction": "up"},
    ]


def test_killed_wounded_and_killed_or_wounded_stay_apart(con: duckdb.DuckDBPyConnection) -> None:
    measures = {r["measure"] for r in rows(con, "SELECT measure FROM measure_summary")}
    assert {"russian troops killed", "russian troops wounded", "russian people killed_or_wounded",
            "north_korean troops killed", "north_korean troops killed_or_wounded"} <= measures


def test_officials_killed_plus_wounded_exceed_the_western_casualty_estimate(
    con: duckdb.DuckDBPyConnection,
) -> None:
    found = rows(con, """
        SELECT part_surface, whole_source, consistent FROM compositions
        WHERE part_source = 'Officials' ORDER BY whole_source, part_surface
    """)
    assert found == [
        {"part_surface": "200,000", "whole_source": "Evening Observer", "consistent": True},
        {"part_surface": "about 80,000", "whole_source": "Evening Observer", "consistent": True},
        {"part_surface": "about 80,000 killed + 200,000 wounded", "whole_source": "Evening Observer",
         "consistent": True},
        {"part_surface": "200,000", "whole_source": "Western estimates", "consistent": False},
        {"part_surface": "about 80,000", "whole_source": "Western estimates", "consistent": True},
        {"part_surface": "about 80,000 killed + 200,000 wounded", "whole_source": "Western estimates",
         "consistent": False},
    ]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, seed_text: str) -> Iterator[duckdb.DuckDBPyConnection]:
    # seed_text skips where ../shared is absent; the article is read from there, never copied.
    path = tmp_path_factory.mktemp("sample") / "sample.txt"
    path.write_text(seed_text, encoding="utf-8")
    con = ledger_of([path], path.with_suffix(".duckdb"))
    yield con
    con.close()


def test_sample_nyt_casualties_fit_within_wsj_one_million(sample: duckdb.DuckDBPyConnection) -> None:
    [total] = rows(sample, """
        SELECT * FROM compositions WHERE part_surface LIKE '%+%' AND whole_measure LIKE 'russian+ukrainian%'
    """)
    assert (total["part_source"], total["whole_source"]) == ("The New York Times", "The Wall Street Journal")
    assert total["consistent"] and total["part_low"] == 615000
    assert total["arithmetic"].endswith("consistent, 615,000 <= 1,100,000")
