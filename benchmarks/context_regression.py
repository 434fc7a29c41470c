"""Regression check for speed work on the extractor: does it still say the same thing about every text?

Runs `flows.extract.extract_claims` over every text the project can read — data/gold/*.jsonl passages,
data/articles, tests/fixtures, the customer's seed article, and, when ../shared is present, the peer
sentences (NewsQuant files, quantulum3 quantities.json) — and writes each claim's (char_start, char_end,
unit, subject, event, kind) to a JSON file. With --against, compares with an earlier file and prints
every text whose claims changed.

Run from the repository root, before and after a change:

    .venv/bin/python benchmarks/context_regression.py --out /tmp/before.json
    .venv/bin/python benchmarks/context_regression.py --out /tmp/after.json --against /tmp/before.json
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from flows.extract import extract_claims

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def texts() -> Iterator[tuple[str, str]]:
    """(name, text) for every text we can read, in a stable order."""
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


def snapshot() -> dict[str, list[list[object]]]:
    """text name → each claim's [char_start, char_end, unit, subject, event, kind]."""
    return {name: [[c.char_start, c.char_end, c.unit, c.subject, c.event, c.kind]
                   for c in extract_claims(text)] for name, text in texts()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write this run's claims (JSON)")
    parser.add_argument("--against", type=Path, help="an earlier --out file to compare with")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"note: {SHARED} is absent; the seed article and peer sentences are skipped", file=sys.stderr)
    now = snapshot()
    args.out.write_text(json.dumps(now, indent=0), encoding="utf-8")
    print(f"{len(now)} texts, {sum(map(len, now.values()))} claims -> {args.out}")
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        changed = [name for name in sorted(set(now) | set(before)) if now.get(name) != before.get(name)]
        for name in changed:
            print(f"{name}\n  before: {before.get(name)}\n  now:    {now.get(name)}")
        print(f"{len(changed)} texts changed")
        sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
