"""Shared fixtures: the customer's sample article (read from ../shared, skipped where it is absent)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

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
    """Prefect's test harness (a temporary API server), entered once: it takes seconds and cannot nest."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
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
