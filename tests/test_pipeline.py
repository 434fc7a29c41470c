"""The whole run: files in, tables, views and CSVs out; bad input rejected; a second run changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.ingest import expand_paths
from flows.pipeline import pipeline

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The sample plus one of each kind of bad input."""
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SAMPLE, folder / "sample")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "latin1.txt").write_bytes(
        "Les pompiers ont évacué 1 200 personnes, a déclaré la préfecture.".encode("latin-1")
    )
    (folder / "feed.jsonl").write_text(
        json.dumps(
            {
                "id": "a1",
                "title": "Flood",
                "published": "2024-05-02",
                "publisher": "Wire",
                "text": "At least 40 people died in the floods, the Red Cross said.",
            }
        )
        + "\n"
        + "{not json\n"
    )
    (folder / "blank.html").write_text("<html><body><script>var x = 1;</script></body></html>")
    return folder


def run_twice(prefect, inputs: Path, tmp_path: Path):
    db, exports = tmp_path / "e.duckdb", tmp_path / "exports"
    paths = [str(inputs), str(inputs / "missing.txt")]
    first = pipeline(paths, db, exports)
    counts = table_counts(db)
    second = pipeline(paths, db, exports)
    return first, second, counts, table_counts(db), db, exports


def table_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("articles", "claims", "rejected", "conflicts")
        }


@pytest.fixture(scope="module")
def runs(prefect, inputs, tmp_path_factory):
    return run_twice(prefect, inputs, tmp_path_factory.mktemp("run"))


def test_run_loads_articles_and_claims(runs):
    first, _, counts, _, _, _ = runs
    assert first.articles == counts["articles"] == 3  # sample, latin-1 text, one jsonl record
    assert first.claims == counts["claims"] > 10


def test_run_rejects_each_bad_input_with_a_reason(runs):
    _, _, _, _, db, _ = runs
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select source, stage, reason from rejected").fetchall()
    sources = " ".join(r[0] for r in rows)
    for name in ("empty.txt", "binary.txt", "feed.jsonl#2", "blank.html", "missing.txt"):
        assert name in sources, f"{name} not rejected: {rows}"
    assert all(r[1] == "ingest" and r[2] for r in rows)


def test_second_run_adds_nothing_and_reads_no_file_again(runs, inputs):
    first, second, counts, again, _, _ = runs
    assert again == counts
    assert (second.articles, second.claims) == (0, 0)
    files, _ = expand_paths([inputs])
    assert (first.unchanged_files, second.unchanged_files) == (0, len(files))


def test_run_finds_the_sample_conflict(runs):
    first, _, _, _, db, _ = runs
    with duckdb.connect(str(db), read_only=True) as con:
        pairs = con.execute(
            "select value_a, value_b from conflicts where measure = 'north_korean troops deployed'"
        )
        assert (10000.0, 3000.0) in pairs.fetchall()
    assert first.conflicts >= 1


def test_run_writes_the_three_csvs(runs):
    _, _, counts, _, _, exports = runs
    for name in ("conflicts.csv", "measure_summary.csv", "claims.csv"):
        lines = (exports / name).read_text().splitlines()
        assert "," in lines[0]
    assert len((exports / "claims.csv").read_text().splitlines()) > counts["claims"]  # header + rows


def test_decoded_latin1_article_keeps_its_text(runs):
    _, _, _, _, db, _ = runs
    with duckdb.connect(str(db), read_only=True) as con:
        bodies = [r[0] for r in con.execute("select body from articles").fetchall()]
    assert any("évacué" in b for b in bodies)


def test_run_on_nothing_leaves_empty_tables_and_views(prefect, tmp_path):
    summary = pipeline([str(tmp_path / "none-*.txt")], tmp_path / "e.duckdb", tmp_path / "x")
    assert (summary.articles, summary.claims, summary.rejected) == (0, 0, 1)
    assert table_counts(tmp_path / "e.duckdb")["conflicts"] == 0
