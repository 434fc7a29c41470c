"""A run over hostile and broken input completes: each bad input is a row in `rejected` with its
reason, and every good article around them is loaded."""
from __future__ import annotations

import gzip
import json
import os
import zipfile
from pathlib import Path

import duckdb
import pytest

from flows import ingest
from flows.pipeline import pipeline

GOOD = "About 5,000 people were evacuated from the coast, officials said.\n"


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(ingest, "MAX_BYTES", 4096)  # the 50 MB limit, scaled down
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "same_as_good.md").write_text(GOOD, encoding="utf-8")
    (folder / "huge.txt").write_text("12 people. " * 1000, encoding="utf-8")
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"12 people. " * 1000))
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with zipfile.ZipFile(folder / "bundle.md", "w") as archive:
        archive.writestr("a.txt", GOOD)
    legacy = "Près de 1 200 personnes évacuées, selon la préfecture."
    (folder / "legacy.txt").write_bytes(legacy.encode("cp1252"))
    lines = [
        {"id": "ok", "text": "At least 40 people died, the Red Cross said. \u0000"},
        {"id": "typed", "text": 40},
        {"id": "surrogate", "text": "About 7 people \ud800 fled."},
    ]
    feed = "\n".join(json.dumps(line) for line in lines) + "\n{broken\n"
    (folder / "feed.jsonl.gz").write_bytes(gzip.compress(feed.encode("utf-8")))
    (folder / "page.html").write_text(
        "<html><body><article><p>Rescuers said 300 homes were destroyed by the storm surge overnight.</p>"
        "<iframe srcdoc='<p>ad</p>'>IFRAME_TEXT</iframe><script>SCRIPT_TEXT</script></article></body></html>",
        encoding="utf-8",
    )
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    return folder


def test_hostile_inputs_are_each_rejected_with_a_reason_and_the_run_completes(
    prefect, hostile: Path, tmp_path: Path
) -> None:
    db = tmp_path / "e.duckdb"
    summary = pipeline([str(hostile)], db, tmp_path / "exports")
    with duckdb.connect(str(db), read_only=True) as con:
        reasons = dict(con.execute("select source, reason from rejected").fetchall())
        bodies = [body for (body,) in con.execute("select body from articles").fetchall()]
        names = con.execute("select count(*) from article_sources").fetchone()[0]
    expected = {
        "huge.txt": "larger than the 4096 bytes limit",
        "bomb.txt.gz": "decompresses to more than",
        "image.txt": "binary",
        "bundle.md": "ZIP archive",
        "feed.jsonl.gz#typed": "'text' should be text",
        "feed.jsonl.gz#surrogate": "invalid Unicode",
        "feed.jsonl.gz#4": "not valid JSON",
        "loop.txt": "symbolic link loop",
    }
    got = {Path(source).name: reason for source, reason in reasons.items()}
    for name, reason in expected.items():
        assert reason in got.get(name, ""), f"{name}: {got.get(name)!r}"
    assert len(got) == len(expected), got
    assert summary.articles == len(bodies) == 4  # good (and its copy), legacy, feed#ok, page
    assert names == 5
    assert any("évacuées" in body for body in bodies)
    assert not any("IFRAME_TEXT" in body or "SCRIPT_TEXT" in body for body in bodies)
