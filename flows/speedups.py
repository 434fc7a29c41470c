"""Which build of the extractor runs: the modules compiled by setup.py (mypyc), or their Python sources.

Python imports a compiled module (flows/numbers.cpython-311-*.so) before its source (flows/numbers.py),
so a build older than the sources would silently run old code. `use_sources_if_stale` is called when
the package is imported: unless every compiled module's source is the one it was built from (the
hashes setup.py wrote to flows/_build.py), every one of them is imported from its source instead. All
or none: compiled modules call each other directly, not through Python's imports.
ESTIMATES_PURE_PYTHON=1 asks for the sources whatever the build (to profile or debug them).
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

# The extractor's hot path (setup.py compiles these; flows.lexicon stays Python: it reads __file__).
COMPILED = ("numbers", "context", "claimants", "dates", "text", "layout", "extract")
BUILD_INFO = "flows/_build.py"  # relative to the project root
PACKAGE = Path(__file__).resolve().parent


class SourceFinder:
    """Finds the COMPILED modules' .py files, ahead of Python's own finder (which prefers the .so)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        package, _, name = fullname.partition(".")
        if package != "flows" or name not in COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, PACKAGE / f"{name}.py")


def source_hashes(package: Path = PACKAGE) -> dict[str, str]:
    """sha256 of each COMPILED module's source: what setup.py records and the guard compares."""
    return {name: hashlib.sha256((package / f"{name}.py").read_bytes()).hexdigest() for name in COMPILED}


def build_matches_sources() -> bool:
    """Was the compiled build made from the sources as they are now?"""
    try:
        from flows._build import SOURCE_HASHES  # type: ignore[import-not-found]  # written by setup.py
    except ImportError:
        return False
    return bool(source_hashes() == SOURCE_HASHES)


def use_sources_if_stale() -> None:
    sources = bool(os.environ.get("ESTIMATES_PURE_PYTHON")) or not build_matches_sources()
    if sources and not any(isinstance(finder, SourceFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, SourceFinder())


def compiled() -> bool:
    """Does the extractor run compiled? (Imports it.)"""
    import flows.numbers

    return not flows.numbers.__file__.endswith(".py")
