"""The SQL views: comparison intervals, measure_summary and conflicts, on hand-built ledgers.

Behaviour tests state what an analyst relies on; the dbt-style tests (keys unique, required
columns not null, accepted values, relationships) run on a random ledger of a few hundred claims.
"""
from __future__ import annotations

import csv
import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from flows.export import export
from flows.load import connect, load
from flows.model import Article, Claim, digest

_counter = itertools.count()


def claim(
    value: float | None, qualifier: str = "exact", claimant: str | None = "A", *,
    low: float | None = None, high: float | None = None, measure: str = "troops deployed",
    kind: str = "count", unit: str | None = "troops", change: str | None = None, publisher: str | None = None,
) -> tuple[Article, Claim]:
    """A claim in an article of its own (only the article's publisher matters to the views)."""
    surface = f"{qualifier} {value}"
    article = Article(f"{next(_counter)}.txt", f"{claimant} said {surface}.", publisher=publisher)
    start = article.body.index(surface)
    record = Claim(
        claim_id=digest(article.article_id, start), article_id=article.article_id, char_start=start,
        char_end=start + len(surface), surface=surface, sentence=article.body, value=value, low=low,
        high=high, qualifier=qualifier, kind=kind, unit=unit, subject=None, event=None, measure=measure,
        claimant=claimant, as_of=None, change=change,
    )
    return article, record


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(tmp_path / "views.duckdb")
    yield con
    con.close()


def ledger(con: duckdb.DuckDBPyConnection, *rows: tuple[Article, Claim]) -> None:
    load(con, [article for article, _ in rows], [record for _, record in rows])


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


def test_like_is_compared_with_like_only(con: duckdb.DuckDBPyConnection) -> None:
    ledger(
        con,
        claim(500, claimant="A"),
        claim(5, claimant="B", kind="rate", unit="per day"),
        claim(5e6, claimant="C", kind="money", unit="USD", measure="aid"),
        claim(9e6, claimant="D", kind="money", unit="EUR", measure="aid"),
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
    assert summary["claimants"] == ["Analysts", "Ukrainian sources", "Zelensky"]
    assert (summary["low"], summary["best"], summary["high"]) == (1000, 10000, 10500)
    assert summary["spread_ratio"] == pytest.approx(3.333, abs=1e-3)


def random_ledger(con: duckdb.DuckDBPyConnection, n: int = 400, seed: int = 7) -> None:
    rng = random.Random(seed)
    made = []
    for _ in range(n):
        qualifier = rng.choice(["exact", "approx", "at_least", "at_most", "range", "vague"])
        value = float(rng.choice([100, 300, 1000, 3000, 10000]) * rng.choice([1, 1.05, 1.5, 3]))
        low = high = None
        if qualifier in ("range", "vague"):
            low, high = value * 0.8, value * 1.2
            value = None if qualifier == "vague" else value
        made.append(claim(
            value, qualifier, rng.choice(["A", "a", "B", "C", "D", None]), low=low, high=high,
            measure=rng.choice(["troops deployed", "soldiers killed", "refugees"]),
            kind=rng.choice(["count"] * 6 + ["rate", "duration", "age"]),
            change=rng.choice([None] * 8 + ["up"]), publisher=rng.choice(["Daily", "Weekly", None]),
        ))
    ledger(con, *made)


@pytest.fixture
def random_con(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    random_ledger(con)
    return con


@pytest.mark.parametrize(
    ("view", "key"),
    [
        ("claim_intervals", "claim_id"),
        ("measure_summary", "measure, kind, unit"),
        ("conflicts", "claim_id_a, claim_id_b"),
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
    ],
)
def test_required_columns_are_not_null(
    random_con: duckdb.DuckDBPyConnection, view: str, columns: list[str]
) -> None:
    nulls = " OR ".join(f"{c} IS NULL" for c in columns)
    assert rows(random_con, f"SELECT count(*) AS n FROM {view} WHERE {nulls}") == [{"n": 0}]
    assert rows(random_con, f"SELECT count(*) AS n FROM {view}")[0]["n"] > 0, "the test ledger exercises it"


def test_only_levels_of_comparable_kinds_reach_the_comparison(random_con: duckdb.DuckDBPyConnection) -> None:
    compared = rows(random_con, """
        SELECT DISTINCT c.kind, c.change FROM claim_intervals i JOIN claims c USING (claim_id)
    """)
    assert {(r["kind"], r["change"]) for r in compared} == {("count", None), ("rate", None)}


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
    # The view avoids comparing every pair; the full comparison here says what it must find.
    random_con.execute("""
        CREATE TEMP TABLE all_pairs AS
        SELECT a.claim_id AS upper_id, b.claim_id AS lower_id
        FROM claim_intervals a JOIN claim_intervals b USING (measure, kind, unit_key)
        WHERE a.source_key <> b.source_key AND a.low > b.high
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
    assert [p.name for p in paths] == ["conflicts.csv", "measure_summary.csv", "claims.csv"]
    with paths[0].open(newline="") as f:
        [conflict] = list(csv.DictReader(f))
    assert (float(conflict["value_a"]), float(conflict["value_b"])) == (10000, 3000)
    with paths[2].open(newline="") as f:
        assert len(list(csv.DictReader(f))) == 2


def test_export_of_an_unknown_view_lists_the_available_ones(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="unknown view.*conflict.*available: .*articles, claim_intervals"):
        export(con, ["conflict"], tmp_path)
    assert not list(tmp_path.glob("*.csv")), "nothing written"
