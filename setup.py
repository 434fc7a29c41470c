"""Build step: the extractor's modules are also compiled to C with mypyc, where a C compiler is at hand.

The extractor is plain Python and runs as such; compiled (the same code, giving the same claims: see
README, Speed) it extracts about a third faster. When mypy or a C compiler is missing or the build
fails, the package installs as plain Python and says so. `flows/__init__.py` uses the compiled modules
only while they match their sources (SOURCE_HASHES, written here), so an edited module is never
shadowed by a stale build: run `make setup` (or `pip install -e .`) to compile again.
"""
from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from flows.speedups import BUILD_INFO, COMPILED, source_hashes  # noqa: E402  (the list lives beside the guard that reads it)


def compiled_extensions() -> list:
    """mypyc's extensions for the COMPILED modules, or none (plain Python) when mypyc cannot make them."""
    try:
        from mypyc.build import mypycify

        return mypycify([f"flows/{name}.py" for name in COMPILED] + ["--ignore-missing-imports"])
    except BaseException as exc:  # noqa: BLE001 — mypy reports type errors with SystemExit
        print(f"estimates: not compiling the extractor ({exc!r}); it runs as plain Python", file=sys.stderr)
        return []


class OptionalBuildExt(build_ext):
    """Compile when possible; on failure install the plain Python modules instead of failing."""

    def run(self) -> None:
        (ROOT / BUILD_INFO).unlink(missing_ok=True)
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 — no compiler, or it failed: the sources still work
            print(f"estimates: compiling the extractor failed ({exc!r}); it runs as plain Python",
                  file=sys.stderr)
            return
        info = ('"""Written by setup.py: the sources the compiled modules were built from."""\n'
                f"SOURCE_HASHES = {source_hashes(ROOT / 'flows')!r}\n")
        # Beside the sources (an editable install runs them there) and into the wheel being built.
        for folder in {ROOT, Path(self.build_lib)}:
            if (folder / "flows").is_dir():
                (folder / BUILD_INFO).write_text(info, encoding="utf-8")


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
