"""Shared fixtures: the customer's sample article (read from ../shared, skipped where it is absent)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from flows.cli import prefect_env

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_89cffe74bd066433.txt"
PEERS = SHARED / "peers"

# Prefect keeps its state in the project (git-ignored), analytics off, as in `estimates run`,
# also under bare pytest; set before any test module imports prefect.
prefect_env()


@pytest.fixture(scope="session")
def prefect():
    """Prefect's test harness (a temporary API server), entered once: it takes seconds and cannot nest.
    The startup limit is generous because the machine running the suite may be busy."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the customer's sample is not here ({SEED}): ../shared is absent in this checkout")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_claims(seed_text: str) -> list:
    from flows.extract import extract_claims

    return extract_claims(seed_text, published=date(2024, 11, 19))


# `estimates run` in a second process that pauses inside the transaction of one load (the Nth upsert:
# each load upserts articles, then claims), holding the write lock with its batch uncommitted. It
# touches MARKER when it pauses. argv: N SECONDS MARKER then the arguments of `estimates run`.
PAUSED_RUN = """
import sys, time
from pathlib import Path
from flows import load
from flows.cli import main

pause_at, seconds, marker = int(sys.argv[1]), float(sys.argv[2]), Path(sys.argv[3])
calls = 0
real_upsert = load._upsert

def upsert_then_pause(*args, **kwargs):
    global calls
    calls += 1
    result = real_upsert(*args, **kwargs)
    if calls == pause_at:
        marker.touch()
        time.sleep(seconds)
    return result

load._upsert = upsert_then_pause
main(["run", *sys.argv[4:]], prog_name="estimates")
"""
class PausedRun(NamedTuple):
    process: subprocess.Popen
    log: Path  # its stdout and stderr


STARTUP_LIMIT = 180  # seconds for a second process to import Prefect and reach its load on a busy machine


@pytest.fixture
def paused_run(prefect, tmp_path: Path) -> Iterator[Callable[..., PausedRun]]:
    """Start `estimates run ARGS` in another process, on this session's Prefect server; return once it
    is paused inside a load. Processes still running at the end of the test are killed."""
    from prefect.settings import PREFECT_API_URL

    started: list[PausedRun] = []

    def start(args: list[str], pause_at: int = 1, seconds: float = 60.0) -> PausedRun:
        marker, log = tmp_path / f"paused-{len(started)}", tmp_path / f"paused-{len(started)}.log"
        env = os.environ | {"PREFECT_API_URL": str(PREFECT_API_URL.value()), "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-c", PAUSED_RUN, str(pause_at), str(seconds), str(marker), *args]
        # Output to a file, not a pipe: a full pipe would block the process before it reaches its load.
        with log.open("w") as output:
            process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, text=True)
        started.append(PausedRun(process, log))
        deadline = time.monotonic() + STARTUP_LIMIT
        while not marker.exists():
            if process.poll() is not None:
                pytest.fail(f"the second run ended before its load:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the second run did not reach its load within {STARTUP_LIMIT} s")
            time.sleep(0.1)
        return started[-1]

    yield start
    for process, _ in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
