"""Articles as publishers deliver them: pages and pasted copy with navigation, bylines, datelines, captions,
counters and promotions around the story. Each file in tests/fixtures/publishers is read the way
`estimates run` reads it and must give the metadata and the claims tests/fixtures/publishers/expected.toml
lists: the story's figures, none of the furniture's."""
from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from flows.extract import extract_claims
from flows.ingest import read_file
from flows.model import Article, Claim

FOLDER = Path(__file__).parent / "fixtures" / "publishers"
EXPECTED: dict[str, dict] = tomllib.loads((FOLDER / "expected.toml").read_text(encoding="utf-8"))
METADATA = ("title", "published", "publisher", "url")


def article(name: str) -> Article:
    records = list(read_file(FOLDER / name))
    assert len(records) == 1 and isinstance(records[0], Article), records
    return records[0]


def claims(name: str) -> list[Claim]:
    a = article(name)
    return extract_claims(a.body, a.published, a.article_id)


def test_every_fixture_page_has_expectations() -> None:
    pages = {p.name for p in FOLDER.iterdir() if p.suffix in (".html", ".txt", ".md", ".jsonl")}
    assert pages == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_metadata_comes_from_the_page(name: str) -> None:
    a = article(name)
    for field in METADATA:
        if field in EXPECTED[name]:
            expected = EXPECTED[name][field] or None  # `false`: the page does not give it
            assert getattr(a, field) == expected, field


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_claims_are_the_story_figures_and_none_of_the_furniture(name: str) -> None:
    assert [c.surface for c in claims(name)] == EXPECTED[name]["claims"]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "fields" in EXPECTED[n]))
def test_claims_have_the_right_date_claimant_and_sense(name: str) -> None:
    found = claims(name)
    for spec in EXPECTED[name]["fields"]:
        matching = [c for c in found if c.surface == spec["surface"]]
        assert len(matching) >= spec.get("nth", 1), spec
        claim = matching[spec.get("nth", 1) - 1]
        for field, value in spec.items():
            if field not in ("surface", "nth"):
                assert getattr(claim, field) == value, (spec["surface"], field)


def test_expected_dates_are_dates() -> None:
    # tomllib reads 2024-11-19 as a date; a quoted "2024-11-19" would compare unequal and hide a failure.
    for name, spec in EXPECTED.items():
        assert spec.get("published") in (None, False) or isinstance(spec["published"], date), name
        for field in spec.get("fields", []):
            assert "as_of" not in field or isinstance(field["as_of"], date), (name, field)
