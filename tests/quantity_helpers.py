"""Shorthands the number-layer tests share (imported by test_numbers.py and test_quantities.py)."""
from __future__ import annotations

from flows.model import Quantity
from flows.numbers import find_quantities


def only(text: str) -> Quantity:
    """The one quantity in `text` (fails, showing what was found, when there is not exactly one)."""
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def surfaces(text: str) -> list[str]:
    return [q.surface for q in find_quantities(text)]
