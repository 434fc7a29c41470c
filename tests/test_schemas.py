"""pandera schemas: good rows pass, each check rejects the row that breaks it and says which."""
from __future__ import annotations

import dataclasses
import json
from datetime import date

import pandas as pd
import pytest

import schemas
from flows.model import Article, Claim


def good_claim(**changes: object) -> Claim:
    claim = Claim(
        claim_id="c1", article_id="a1", char_start=14, char_end=27, surface="nearly 10,000",
        sentence="Zelensky said nearly 10,000 troops arrived.", value=10000.0, low=None, high=10000.0,
        qualifier="approx", kind="count", unit="troops", subject="North Korea", event=None,
        measure="troops deployed", claimant="Zelensky", as_of=date(2024, 11, 19),
    )
    return dataclasses.replace(claim, **changes)


def validate_claims(*claims: Claim) -> tuple[pd.DataFrame, list]:
    return schemas.validate("claims", schemas.frame(list(claims), Claim))


def test_good_claims_pass_with_their_types() -> None:
    good, rejections = validate_claims(good_claim(), good_claim(claim_id="c2", change="up"))
    assert rejections == []
    assert len(good) == 2
    assert good["value"].dtype == "float64"
    assert good["as_of"].iloc[0] == date(2024, 11, 19)


def test_vague_claim_without_value_passes_with_bounds() -> None:
    vague = good_claim(surface="thousands of", char_end=26, value=None, low=1000.0, high=9999.0,
                       qualifier="vague")
    good, rejections = validate_claims(vague)
    assert rejections == [] and len(good) == 1


@pytest.mark.parametrize(
    ("changes", "check"),
    [
        ({"claim_id": ""}, "claim_id: str_length"),
        ({"article_id": None}, "article_id: not_nullable"),
        ({"qualifier": "guess"}, "qualifier: isin"),
        ({"kind": "weight"}, "kind: isin"),
        ({"change": "sideways"}, "change: isin"),
        ({"trend": "flat"}, "trend: isin"),
        ({"char_start": -1, "char_end": 12}, "char_start: greater_than_or_equal_to"),
        ({"char_start": 27, "char_end": 14}, "char_start_before_char_end"),
        ({"char_end": 30}, "surface_spans_offsets"),
        ({"low": 11000.0}, "low_le_value_le_high"),
        ({"high": 9000.0}, "low_le_value_le_high"),
        ({"value": None}, "value_set_unless_vague"),
        ({"value": None, "high": None, "qualifier": "vague"}, "vague_has_a_bound"),
        ({"measure": "  "}, "measure_not_blank"),
        ({"measure": None}, "measure: not_nullable"),
        ({"value": "ten thousand"}, "value: coerce_dtype"),
    ],
)
def test_each_check_rejects_the_row_and_names_itself(changes: dict, check: str) -> None:
    bad = good_claim(**{"claim_id": "bad", **changes})
    good, rejections = validate_claims(good_claim(claim_id="ok"), bad)
    assert list(good["claim_id"]) == ["ok"], "the good row continues"
    assert len(rejections) == 1
    assert check in rejections[0].reason
    assert rejections[0].stage == "validate"


def test_row_failing_several_checks_gets_one_rejection_naming_all() -> None:
    _, rejections = validate_claims(good_claim(qualifier="guess", kind="weight", measure=""))
    assert len(rejections) == 1
    assert rejections[0].reason == "claims: kind: isin; measure: measure_not_blank; qualifier: isin"


def test_rejection_of_a_claim_names_its_article_and_keeps_the_row_as_json() -> None:
    _, rejections = validate_claims(good_claim(qualifier="guess"))
    assert rejections[0].source == "a1"
    record = json.loads(json.dumps(rejections[0].record))
    assert record["qualifier"] == "guess"
    assert record["as_of"] == "2024-11-19"
    assert record["low"] is None


def test_identical_rows_are_kept_once_without_rejection() -> None:
    good, rejections = validate_claims(good_claim(), good_claim())
    assert len(good) == 1 and rejections == []


def test_repeated_id_with_different_content_keeps_the_first() -> None:
    good, rejections = validate_claims(good_claim(value=10000.0), good_claim(value=9000.0, high=9000.0))
    assert list(good["value"]) == [10000.0]
    assert len(rejections) == 1 and "claim_id: repeated" in rejections[0].reason


def test_empty_frame_validates_to_empty() -> None:
    good, rejections = schemas.validate("claims", schemas.frame([], Claim))
    assert good.empty and rejections == []


def test_article_with_empty_body_is_rejected() -> None:
    frame = schemas.frame([Article("a.txt", "Some text."), Article("empty.txt", "")], Article)
    good, rejections = schemas.validate("articles", frame)
    assert list(good["source"]) == ["a.txt"]
    assert rejections[0].source == "empty.txt" and "body: str_length" in rejections[0].reason


def test_rejected_rows_need_a_known_stage_and_json_record() -> None:
    rows = pd.DataFrame({
        "rejected_id": ["r1", "r2", "r3"], "source": ["a", "b", "c"], "stage": ["ingest", "typing", "load"],
        "record": ["{}", "{}", "not json"], "reason": ["x", "y", "z"],
        "rejected_at": pd.Timestamp("2024-11-19"),
    })
    good, rejections = schemas.validate("rejected", rows)
    assert list(good["rejected_id"]) == ["r1"]
    reasons = sorted(r.reason for r in rejections)
    assert reasons == ["rejected: record: record_is_json", "rejected: stage: isin"]


def test_unknown_table_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="known: articles, claims, rejected"):
        schemas.validate("claim", pd.DataFrame())
