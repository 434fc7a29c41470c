"""The compiled extractor (setup.py, mypyc) runs only while it matches its sources, and gives their claims."""
from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import subprocess
import sys
import tracemalloc
import types
from datetime import date
from pathlib import Path

import pytest

from flows import speedups
from flows.extract import extract_claims
from flows.text import sentences

ROOT = Path(__file__).resolve().parents[1]
# Claims of the gold passages and our sample articles, as the extractor in a child process gives them.
DUMP_CLAIMS = """
import json, sys
from dataclasses import asdict
from datetime import date
import flows.numbers
from flows.extract import extract_claims
texts = json.loads(sys.stdin.read())
claims = [[asdict(c) for c in extract_claims(t, date(2024, 11, 19))] for t in texts]
print(json.dumps({"file": flows.numbers.__file__, "claims": claims}, default=str))
"""


def texts() -> list[str]:
    passages = [json.loads(line)["text"] for line in (ROOT / "data" / "gold" / "passages.jsonl").open()]
    articles = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "articles").glob("*.md"))]
    return passages + articles


def claims_in_child(pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ESTIMATES_PURE_PYTHON"}
    if pure:
        env["ESTIMATES_PURE_PYTHON"] = "1"
    out = subprocess.run([sys.executable, "-c", DUMP_CLAIMS], input=json.dumps(texts()), env=env,
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def test_pure_python_setting_runs_the_sources() -> None:
    assert claims_in_child(pure=True)["file"].endswith("numbers.py")


@pytest.mark.skipif(not speedups.compiled(), reason="this install runs the Python sources (nothing compiled, "
                    "or the build is older than them): nothing compiled to compare")
def test_compiled_extractor_gives_the_same_claims_as_its_sources() -> None:
    compiled, pure = claims_in_child(pure=False), claims_in_child(pure=True)
    assert not compiled["file"].endswith(".py")
    assert compiled["claims"] == pure["claims"]
    assert sum(map(len, pure["claims"])) > 500  # the texts hold real work


def test_a_build_matching_its_sources_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    hashes = speedups.source_hashes()
    monkeypatch.setitem(sys.modules, "flows._build", types.SimpleNamespace(SOURCE_HASHES=hashes))
    assert speedups.build_matches_sources()


def test_a_build_of_other_sources_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    hashes = speedups.source_hashes()
    hashes["numbers"] = hashlib.sha256(b"an older numbers.py").hexdigest()
    monkeypatch.setitem(sys.modules, "flows._build", types.SimpleNamespace(SOURCE_HASHES=hashes))
    assert not speedups.build_matches_sources()


def test_no_build_means_the_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "flows._build", None)  # import fails, as with no build at all
    assert not speedups.build_matches_sources()


def test_source_finder_finds_only_the_compiled_modules_sources() -> None:
    finder = speedups.SourceFinder()
    spec = finder.find_spec("flows.numbers")
    assert spec is not None and spec.origin == str(speedups.PACKAGE / "numbers.py")
    assert finder.find_spec("flows.cli") is None
    assert finder.find_spec("numbers") is None


def test_makefile_rebuilds_when_a_compiled_module_changes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"^COMPILED := \$\(foreach m,([\w ]+),", makefile, re.MULTILINE)
    assert listed is not None and tuple(listed.group(1).split()) == speedups.COMPILED


def test_extraction_holds_no_memory_from_one_article_to_the_next() -> None:
    """A leak of one object a sentence (mypyc 1.19 leaked the middle of b" " + x + b" ") grows a
    100,000-article run's workers by hundreds of MB: after a first pass (lexicons, automata and caches
    fill on first use), further passes over the same texts keep hardly anything."""
    sample = texts()
    passes = 3
    for text in sample:
        extract_claims(text, date(2024, 11, 19))
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for _ in range(passes):
            for text in sample:
                extract_claims(text, date(2024, 11, 19))
        gc.collect()
        grown = sum(d.count_diff for d in tracemalloc.take_snapshot().compare_to(before, "filename"))
    finally:
        tracemalloc.stop()
    sentences_read = passes * sum(len(sentences(text)) for text in sample)
    assert grown < sentences_read / 2  # leaking: 1,241 of 1,230; fixed: 173 compiled, 316 Python


def test_compiled_modules_type_check() -> None:
    """setup.py compiles only modules mypy accepts; one that does not would quietly install as plain
    Python. --warn-unreachable also flags code mypy thinks dead after narrowing, which mypyc would get
    wrong at run time."""
    from mypy import api

    files = [str(speedups.PACKAGE / f"{name}.py") for name in speedups.COMPILED]
    report, errors, status = api.run([*files, "--ignore-missing-imports", "--warn-unreachable",
                                      "--cache-dir", str(ROOT / ".mypy_cache")])
    assert status == 0, report + errors
