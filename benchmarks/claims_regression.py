"""Regression check for speed work on the extractor: is every field of every claim still the same?

Runs `flows.extract.extract_claims(text, published)` over every text the project can read — data/gold/*.jsonl
passages, data/articles, tests/fixtures, the customer's seed article, and, when ../shared is present, the
peer sentences (NewsQuant files, quantulum3 quantities.json) — and writes each claim's full record (every
field of flows.model.Claim, dates as ISO strings) to a JSON file. With --against, compares with an earlier
file and prints every text whose claims changed, field by field — except the held-out gold passages
(data/gold/heldout.jsonl), whose changes are only counted: reading how the extractor's output changed
there would end their blindness. --show-heldout prints them too, for a final audit only.

Each text is read twice: with a publication date (so as-of dates resolve "on Thursday") and without one.
--articles N adds the first N articles benchmarks/extract.py times (7 KB each, from benchmarks/corpus.py):
the same texts stitched together, where figures, quotes and sources meet across paragraphs.

Run from the repository root, before and after a change (write the files outside the repository):

    .venv/bin/python benchmarks/claims_regression.py --out /tmp/before.json
    .venv/bin/python benchmarks/claims_regression.py --out /tmp/after.json --against /tmp/before.json
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from flows.extract import extract_claims
from flows.goldset import HELDOUT_PATH

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extract as speed_benchmark  # noqa: E402  (benchmarks/extract.py, a script folder, not a package)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PUBLISHED = date(2024, 11, 19)


def texts(articles: int = 0) -> Iterator[tuple[str, str]]:
    """(name, text) for every text we can read, then `articles` benchmark articles, in a stable order."""
    for path in sorted((ROOT / "data" / "gold").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                yield f"{path.name}:{n}", json.loads(line)["text"]
    for folder in (ROOT / "data" / "articles", ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".md", ".txt", ".html"):
                yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
            elif path.suffix == ".jsonl":
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError:
                        continue  # the ingest fixtures hold deliberately broken lines
                    yield f"{path.relative_to(ROOT)}:{n}", str(record.get("text", ""))
    for path in sorted((SHARED / "seed").glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "peers" / "newsquant" / "formatted_test_set").glob("*.json")):
        for n, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            yield f"{path.name}:{n}", case["text"]
    quantulum = SHARED / "peers" / "quantulum3" / "quantities.json"
    if quantulum.exists():
        for n, case in enumerate(json.loads(quantulum.read_text(encoding="utf-8"))):
            yield f"quantulum3:{n}", case["req"]
    for i, text in enumerate(speed_benchmark.corpus(articles) if articles else []):
        yield f"benchmark article {i}", text


def record(claim: Any) -> dict[str, Any]:
    """Every field of a claim, JSON-ready."""
    fields = dataclasses.asdict(claim)
    if fields["as_of"] is not None:
        fields["as_of"] = fields["as_of"].isoformat()
    return fields


def snapshot(articles: int = 0) -> dict[str, list[dict[str, Any]]]:
    """text name (with '@published' or '@undated') → each claim's full record."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, text in texts(articles):
        out[f"{name}@published"] = [record(c) for c in extract_claims(text, PUBLISHED)]
        out[f"{name}@undated"] = [record(c) for c in extract_claims(text)]
    return out


def differences(before: list[dict[str, Any]], now: list[dict[str, Any]]) -> list[str]:
    """What changed between two claim lists of one text, one line per changed field or claim."""
    if len(before) != len(now):
        return [f"{len(before)} claims before, {len(now)} now: "
                f"{[c['surface'] for c in before]} → {[c['surface'] for c in now]}"]
    return [f"claim {n} ({old['surface']!r}) {key}: {old[key]!r} → {new.get(key)!r}"
            for n, (old, new) in enumerate(zip(before, now, strict=True))
            for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]


def is_heldout(name: str) -> bool:
    """Whether a reading's name (see snapshot) is one of the held-out gold passages."""
    return name.startswith(f"{HELDOUT_PATH.name}:")


def report(before: dict[str, list[dict[str, Any]]], now: dict[str, list[dict[str, Any]]],
           show_heldout: bool = False) -> tuple[list[str], int]:
    """The lines that say what changed between two snapshots, and how many readings changed.

    A held-out reading that changed is counted, and named line by line only with `show_heldout`."""
    changed = [name for name in sorted(set(now) | set(before)) if now.get(name) != before.get(name)]
    lines, hidden = [], 0
    for name in changed:
        if is_heldout(name) and not show_heldout:
            hidden += 1
            continue
        lines.append(name)
        lines += [f"  {line}" for line in differences(before.get(name, []), now.get(name, []))]
    if hidden:
        lines.append(f"{hidden} held-out readings changed (details hidden; --show-heldout shows them, "
                     "for a final audit only)")
    lines.append(f"{len(changed)} readings changed")
    return lines, len(changed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write this run's claims (JSON)")
    parser.add_argument("--against", type=Path, help="an earlier --out file to compare with")
    parser.add_argument("--show-heldout", action="store_true",
                        help="also print how the held-out gold passages' claims changed: "
                             "for a final audit only")
    parser.add_argument("--articles", type=int, default=0,
                        help="also read the first N articles of the speed benchmark's corpus")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"note: {SHARED} is absent; the seed article and peer sentences are skipped", file=sys.stderr)
    now = snapshot(args.articles)
    args.out.write_text(json.dumps(now, indent=0, ensure_ascii=False), encoding="utf-8")
    print(f"{len(now)} readings, {sum(map(len, now.values()))} claims -> {args.out}")
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        lines, changed = report(before, now, args.show_heldout)
        print("\n".join(lines))
        sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
