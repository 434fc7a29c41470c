"""Scheduled runs against a real Prefect server: `estimates serve --cron` and prefect.yaml.

One `prefect server start` on a free local port for the module (about 10 s to become healthy), in its
own temporary PREFECT_HOME; `estimates serve` runs beside it as a subprocess, exactly as a user starts
it. Every wait is bounded, and both processes are stopped (their whole process group) at the end.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import duckdb
import httpx
import pytest

from flows.pipeline import CONFLICTS_ARTIFACT, SUMMARY_ARTIFACT

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"
CRON = "0 6 * * *"
T = TypeVar("T")


def wait_for(what: str, check: Callable[[], T | None], timeout: float, process: subprocess.Popen,
              log: Path) -> T:
    """Poll `check` until it returns something; fail with the process's log after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what}: the process exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if (found := check()) is not None:
                return found
        except Exception:  # noqa: BLE001 — not up yet: connection refused, 404, ...
            pass
        time.sleep(0.5)
    pytest.fail(f"{what}: not done after {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    # A session of its own, so stop() can end the process and any children it started.
    with log.open("w") as out:
        return subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_SERVER_LOGGING_LEVEL="WARNING", PYTHONPATH=str(ROOT))
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The API URL of a real Prefect server (no UI; the scheduler on, as a user runs it)."""
    folder = tmp_path_factory.mktemp("server")
    port = free_port()
    log = folder / "server.log"
    process = start([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                     "--port", str(port), "--no-ui"], base_env(folder / "home"), log)
    url = f"http://127.0.0.1:{port}/api"
    try:
        wait_for("prefect server start", lambda: httpx.get(f"{url}/health", timeout=2).json() or None,
                 120, process, log)
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def client(server: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: server}), get_client(sync_client=True) as c:
        yield c


@pytest.fixture(scope="module")
def served(server: str, client, tmp_path_factory) -> Iterator[tuple[object, Path]]:
    """`estimates serve --cron` on the sample, running; yields its deployment and its database."""
    folder = tmp_path_factory.mktemp("serve")
    db, log = folder / "e.duckdb", folder / "serve.log"
    env = base_env(folder / "home") | {"PREFECT_API_URL": server}
    process = start([sys.executable, "-m", "flows.cli", "serve", str(SAMPLE), "--db", str(db),
                     "--exports", str(folder / "exports"), "--cron", CRON, "--name", "integration"], env, log)
    try:
        deployment = wait_for("estimates serve", lambda: client.read_deployment_by_name(
            "estimates/integration"), 120, process, log)
        yield deployment, db, process, log
    finally:
        stop(process)


@pytest.fixture(scope="module")
def triggered(served, client):
    """A run of the served deployment, triggered through the API and waited for (bounded)."""
    from prefect.deployments import run_deployment

    deployment, db, process, log = served
    flow_run = run_deployment(deployment.id, timeout=0)
    final = wait_for("the triggered run",
                     lambda: (state := client.read_flow_run(flow_run.id).state).is_final() and state or None,
                     180, process, log)
    return flow_run, final, db, log


def test_serve_creates_the_deployment_with_its_schedule(served):
    deployment = served[0]
    assert [s.schedule.cron for s in deployment.schedules] == [CRON]
    assert deployment.parameters["db"] == str(served[1])


def test_a_run_triggered_through_the_api_fills_the_database(triggered):
    _, state, db, log = triggered
    assert state.is_completed(), f"{state.name}: {state.message}\n{log.read_text()[-3000:]}"
    with duckdb.connect(str(db), read_only=True) as con:
        articles, claims, conflicts = con.execute(
            "select (select count(*) from articles), (select count(*) from claims), "
            "(select count(*) from conflicts)"
        ).fetchone()
    assert articles == len(list(SAMPLE.iterdir())) and claims > 10 and conflicts >= 1


def test_the_run_publishes_its_artifacts_under_stable_keys(triggered, client):
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    flow_run = triggered[0]
    for key in (SUMMARY_ARTIFACT, CONFLICTS_ARTIFACT):
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
        assert [a.flow_run_id for a in artifacts] == [flow_run.id]
    summary = client.read_artifacts(
        artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[SUMMARY_ARTIFACT]))
    )[0]
    assert "| conflicts |" in summary.data and "| new articles read |" in summary.data


def test_prefect_yaml_deploys_the_same_flow_on_a_schedule(server, client, tmp_path):
    from prefect.client.schemas.actions import WorkPoolCreate

    client.create_work_pool(WorkPoolCreate(name="estimates", type="process"), overwrite=True)
    env = base_env(tmp_path / "home") | {"PREFECT_API_URL": server}
    result = subprocess.run([sys.executable, "-m", "prefect", "--no-prompt", "deploy", "--all"], env=env,
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    deployment = client.read_deployment_by_name("estimates/daily")
    assert deployment.entrypoint == "flows/pipeline.py:pipeline"
    assert deployment.work_pool_name == "estimates"
    assert [s.schedule.cron for s in deployment.schedules] == ["0 6 * * *"]
