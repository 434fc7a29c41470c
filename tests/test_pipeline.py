"""The whole run: files in, tables, views and CSVs out; bad input rejected; a second run changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from prefect.states import Failed

from flows.ingest import expand_paths
from flows.load import DatabaseLocked
from flows.model import Article
from flows.pipeline import Progress, io_error, load_batch, pipeline, reporting_progress

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


def test_summary_counts_new_conflicts_once(runs):
    first, second, counts, _, _, _ = runs
    assert first.new_conflicts == first.conflicts == counts["conflicts"]
    assert (second.conflicts, second.new_conflicts) == (first.conflicts, 0)


def test_progress_reaches_every_input_file(prefect, inputs, tmp_path):
    seen: list[Progress] = []
    with reporting_progress(seen.append):
        summary = pipeline([str(inputs)], tmp_path / "e.duckdb", tmp_path / "x", batch_size=2)
    files = len(expand_paths([str(inputs)])[0])
    assert [p.files_done for p in seen] == sorted(p.files_done for p in seen)  # never goes back
    assert seen[-1] == Progress(files, files, summary.articles, summary.claims, summary.rejected)
    assert len(seen) > 2  # one report per batch, then the end


@pytest.mark.parametrize(
    ("error", "retried"),
    [(OSError("disk full"), True), (duckdb.IOException("could not write"), True),
     (DatabaseLocked("locked by another run"), False), (ValueError("a bug"), False)],
)
def test_io_tasks_retry_only_on_io_errors(error, retried):
    assert io_error(load_batch, None, Failed(data=error)) is retried


def test_a_load_failing_on_io_is_retried_and_the_run_completes(prefect, tmp_path, monkeypatch):
    from flows import load as load_step

    real_load, calls = load_step.load, []

    def flaky_load(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("No space left on device")
        return real_load(*args, **kwargs)

    monkeypatch.setattr(load_step, "load", flaky_load)
    summary = pipeline([str(SAMPLE)], tmp_path / "e.duckdb", tmp_path / "x")
    assert len(calls) == 2
    assert summary.claims == table_counts(tmp_path / "e.duckdb")["claims"] > 10


def test_a_run_keeps_only_the_batches_in_flight_in_memory(prefect, tmp_path):
    """Results of loaded batches are freed as the run goes (Prefect's futures hold them in reference
    cycles, which only the cyclic garbage collector frees): memory stays flat however long the input."""
    import gc

    from flows.pipeline import IN_FLIGHT, Prepared

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3 * IN_FLIGHT):
        text = f"Officials said {1000 + i} homes were destroyed by flood {i}.\n"
        (folder / f"{i:03d}.txt").write_text(text)
    alive: list[int] = []
    with reporting_progress(lambda _: alive.append(sum(isinstance(o, Prepared) for o in gc.get_objects()))):
        pipeline([str(folder)], tmp_path / "e.duckdb", tmp_path / "x", batch_size=1)
    assert len(alive) > 2 * IN_FLIGHT
    assert max(alive) <= IN_FLIGHT + 1, "a loaded batch's rows stay in memory"


def test_a_spilled_batch_reads_back_the_same_tables_and_removes_its_files(tmp_path):
    """How process-pool workers hand a batch back (files, not a pickle): nothing lost or changed."""
    from flows.pipeline import Batch, Spilled, extract_batch

    article = Article("x.txt", "Officials said 1,200 homes were destroyed.", title="Flood")
    prepared = extract_batch.fn(Batch([article]), {article.article_id})
    spilled = extract_batch.fn(Batch([article]), {article.article_id}, spill=tmp_path)
    assert isinstance(spilled, Spilled) and len(list(tmp_path.iterdir())) == 2
    back = spilled.read()
    assert back.claims.equals(prepared.claims) and back.claims.num_rows == 1
    assert back.articles.drop_columns("ingested_at").equals(prepared.articles.drop_columns("ingested_at"))
    assert (back.rejected, back.extracted) == (prepared.rejected, [article.article_id])
    spilled.remove()
    assert not list(tmp_path.iterdir())
