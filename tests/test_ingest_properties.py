"""Properties of ingest over generated input: any bytes in any supported file give Articles and
Rejections (never an exception), bodies are kept verbatim, and every JSON Lines line is accounted for."""
from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.dates import parse_date
from flows.ingest import iter_articles
from flows.load import connect, load
from flows.model import Article, Rejection, digest

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a user could put in a file: encodable, no NUL (binary), no leading byte order mark (dropped).
CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
TEXT = st.text(CHARACTERS, min_size=1, max_size=300).filter(
    lambda t: t.strip() and not t.startswith(("\ufeff", "---"))
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)
FIELDS = ("id", "title", "published", "publisher", "url", "text")
JSON_RECORDS = st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | TEXT, max_size=6)


@contextmanager
def file_with(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def check_record(record: Article | Rejection) -> None:
    """What the loader relies on from every record ingest gives."""
    if isinstance(record, Article):
        assert record.body.strip()
        assert record.article_id == digest(record.body)
        record.body.encode("utf-8")  # storable: no unpaired surrogates
    else:
        assert isinstance(record, Rejection)
        assert record.stage == "ingest" and record.reason and record.source


# Random bytes, and random bytes behind the openings that send ingest down its special paths.
PREFIXES = [b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"---\n",
            b"<html>"]
BYTES = st.binary(max_size=3000) | st.builds(bytes.__add__, st.sampled_from(PREFIXES), st.binary(max_size=99))
NAMES = st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl", "a.txt.gz"])


@SETTINGS
@given(data=BYTES, name=NAMES)
def test_any_bytes_in_a_supported_file_give_records_and_never_raise(data: bytes, name: str) -> None:
    with file_with(name, data) as path:
        records = list(iter_articles([path]))
        again = list(iter_articles([path]))
    assert records, "every file gives at least one record"
    assert records == again, "the same bytes always give the same records"
    for record in records:
        check_record(record)


@SETTINGS
@given(text=TEXT)
def test_utf8_text_file_body_is_the_text_verbatim(text: str) -> None:
    with file_with("story.txt", text.encode("utf-8")) as path:
        (article,) = iter_articles([path])
    assert isinstance(article, Article) and article.body == text


@SETTINGS
@given(text=TEXT)
def test_gzip_compressed_text_reads_like_the_text(text: str) -> None:
    with file_with("story.txt.gz", gzip.compress(text.encode("utf-8"))) as path:
        (article,) = iter_articles([path])
    assert isinstance(article, Article) and article.body == text


@SETTINGS
@given(rows=st.lists(JSON_RECORDS, min_size=1, max_size=8))
def test_every_jsonl_line_gives_one_record_and_good_text_is_kept(rows: list[dict]) -> None:
    data = "\n".join(json.dumps(row) for row in rows).encode("utf-8")
    with file_with("feed.jsonl", data) as path:
        records = list(iter_articles([path]))
    assert len(records) == len(rows)
    for row, record in zip(rows, records, strict=True):
        check_record(record)
        if isinstance(record, Article):
            assert record.body == row["text"]
            assert not any(isinstance(row.get(f), bool | list | dict) for f in FIELDS)


@SETTINGS
@given(value=st.text(max_size=80) | JSON_VALUES)
def test_parse_date_gives_a_date_or_none_for_anything(value: object) -> None:
    assert parse_date(value) is None or isinstance(parse_date(value), date)


def test_any_article_text_is_stored_and_read_back_unchanged(tmp_path: Path) -> None:
    with connect(tmp_path / "e.duckdb") as con:

        @SETTINGS
        @given(text=st.text(min_size=1, max_size=200).filter(str.strip))
        def stored_unchanged(text: str) -> None:
            article = Article("a.txt", text)
            load(con, [article], [])
            rows = con.execute("select body from articles where article_id = ?", [article.article_id])
            assert rows.fetchall() == [(text,)]

        stored_unchanged()
