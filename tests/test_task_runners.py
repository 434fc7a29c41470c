"""Scale-out: a process pool and a two-worker Dask cluster give exactly the tables one process gives."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import pipeline, task_runner

ROOT = Path(__file__).resolve().parent.parent
# Timestamps say when a row was written, so they differ between any two runs.
TABLES = {
    "articles": "select * exclude (ingested_at) from articles order by article_id",
    "claims": "select * from claims order by claim_id",
    "rejected": "select * exclude (rejected_at) from rejected order by rejected_id",
    "conflicts": "select * from conflicts order by claim_id_a, claim_id_b",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """Our sample and gold passages (many batches of 10 articles) and a broken record."""
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copytree(ROOT / "data" / "articles", folder / "sample")
    shutil.copy(ROOT / "data" / "gold" / "passages.jsonl", folder / "passages.jsonl")
    (folder / "broken.jsonl").write_text('{"id": 1, "text": \n')
    return folder


def tables(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}


@pytest.fixture(scope="module")
def one_process(prefect, inputs, tmp_path_factory) -> dict[str, list[tuple]]:
    db = tmp_path_factory.mktemp("default") / "e.duckdb"
    pipeline([str(inputs)], db, db.parent / "exports")
    found = tables(db)
    passages = len((inputs / "passages.jsonl").read_text(encoding="utf-8").splitlines())
    assert len(found["articles"]) == passages + 1 and len(found["claims"]) > 200 and found["rejected"]
    return found


def test_process_pool_gives_the_same_tables_as_one_process(one_process, inputs, tmp_path):
    on_two_cores = pipeline.with_options(task_runner=task_runner("process", workers=2))
    on_two_cores([str(inputs)], tmp_path / "e.duckdb", tmp_path / "exports", batch_size=10)
    assert tables(tmp_path / "e.duckdb") == one_process
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.duckdb", "exports"], "batch files left behind"


def test_two_worker_dask_cluster_gives_the_same_tables_as_one_process(one_process, inputs, tmp_path):
    distributed = pytest.importorskip("distributed", reason='no dask extra: pip install -e ".[dask]"')
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        runner = task_runner("dask", dask_address=cluster.scheduler_address)
        on_cluster = pipeline.with_options(task_runner=runner)
        on_cluster([str(inputs)], tmp_path / "e.duckdb", tmp_path / "exports", batch_size=10)
    assert tables(tmp_path / "e.duckdb") == one_process


def test_unknown_task_runner_names_the_choices():
    with pytest.raises(ValueError, match="thread, process, dask"):
        task_runner("ray")
