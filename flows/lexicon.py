"""Word lists, loaded once from data/lexicon/ (adding a unit or a demonym is a data change)."""
from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of data/lexicon/NAME as dicts; lines starting with '#' are comments."""
    with (LEXICON_DIR / name).open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines))


@cache
def mapping(name: str, key: str, value: str, lower: bool = True) -> dict[str, str]:
    """A word → value map from two columns of a lexicon file."""
    return {(r[key].lower() if lower else r[key]): r[value] for r in rows(name)}


def phrase_pattern(phrases: list[str] | tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex matching any of the phrases as whole words, longest first (so phrases beat words)."""
    alternatives = sorted({p for p in phrases if p}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w-])", flags)
