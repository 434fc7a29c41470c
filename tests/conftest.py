"""Shared fixtures: the customer's sample article (read from ../shared, skipped where it is absent)."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_89cffe74bd066433.txt"
PEERS = SHARED / "peers"

# Prefect keeps its state in the project (git-ignored), with analytics off, also under bare pytest.
os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the customer's sample is not here ({SEED}): ../shared is absent in this checkout")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_claims(seed_text: str) -> list:
    from flows.extract import extract_claims

    return extract_claims(seed_text, published=date(2024, 11, 19))
