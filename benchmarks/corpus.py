"""Generate a deterministic corpus of N news-like articles for the scale benchmarks.

The articles are stitched from text we may use: the paragraphs of data/articles/*.md, the texts
of data/gold/passages.jsonl, and, when ../shared is present, the customer's sample article and the
590 NewsQuant news sentences (../shared/peers/newsquant). Article i depends only on (SEED, i), so
the 10,000-article corpus is the first 10,000 articles of the 100,000 one.

Lengths follow a log-normal distribution around a median of MEDIAN_CHARS (news copy runs from a
few hundred words to a few thousand), clipped to [MIN_CHARS, MAX_CHARS]. Claim density is held
near NUMBERS_PER_KB numerals per 1,000 characters: our sample texts are chosen for their numbers
(NewsQuant sentences carry 1.5 each), far denser than news copy (the customer's sample article has
2 per 1,000 characters), so once an article runs denser than that, its next paragraph is drawn from
the sparse ones. The numeral count is a regex, not the extractor, so the corpus does not change
when the extractor does. The output is JSON Lines
shards of SHARD_SIZE articles each (`id`, `title`, `published`, `publisher`, `url`, `text`), the
form a news API export takes, written one article at a time: the corpus is never held in memory.

    .venv/bin/python benchmarks/corpus.py 10000            # → data/bench/corpus-10000/
    .venv/bin/python benchmarks/corpus.py 100000 --out /tmp/corpus

A folder already holding the same corpus (same N, seed and source texts) is reused as is.
data/bench/ is git-ignored: generated text is never committed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seed" / "000_89cffe74bd066433.txt"
NEWSQUANT = SHARED / "peers" / "newsquant" / "formatted_test_set" / "NewsQuant.json"
DEFAULT_OUT = ROOT / "data" / "bench"

SEED = 20241119
MEDIAN_CHARS = 4_000
SIGMA = 0.6
MIN_CHARS, MAX_CHARS = 600, 30_000
NUMBERS_PER_KB = 3.0  # the sample article has 2; war and economy reporting runs denser
NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")
SHARD_SIZE = 1_000
FIRST_DAY = date(2024, 1, 1)


@cache
def pool() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(paragraphs to build articles from, publishers to credit them to), in a stable order."""
    texts: list[str] = []
    for path in sorted((ROOT / "data" / "articles").glob("*.md")):
        body = path.read_text(encoding="utf-8")
        if body.startswith("---"):
            body = body.split("---", 2)[2]  # YAML front matter is metadata, not prose
        texts.append(body)
    publishers = set()
    with open(ROOT / "data" / "gold" / "passages.jsonl", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                passage = json.loads(line)
                texts.append(passage["text"])
                publishers.add(passage.get("publisher") or "")
    if SEED_ARTICLE.exists():
        texts.append(SEED_ARTICLE.read_text(encoding="utf-8"))
    paragraphs = [p.strip() for text in texts for p in text.split("\n\n") if p.strip()]
    if NEWSQUANT.exists():
        # A sentence per paragraph, as in wire copy.
        paragraphs += [item["text"].strip() for item in json.loads(NEWSQUANT.read_text(encoding="utf-8"))]
    return tuple(paragraphs), tuple(sorted(p for p in publishers if p))


@cache
def sparse() -> tuple[int, ...]:
    """Indexes of the paragraphs with fewer numerals per character than NUMBERS_PER_KB."""
    paragraphs, _ = pool()
    return tuple(i for i, p in enumerate(paragraphs) if numerals(p) * 1000 < NUMBERS_PER_KB * len(p))


def numerals(text: str) -> int:
    return len(NUMERAL.findall(text))


def fingerprint() -> str:
    """A hash of the source texts and settings: a corpus folder is reused only when it matches."""
    paragraphs, publishers = pool()
    settings = (SEED, MEDIAN_CHARS, SIGMA, MIN_CHARS, MAX_CHARS, NUMBERS_PER_KB, SHARD_SIZE)
    return hashlib.sha256(json.dumps([paragraphs, publishers, settings]).encode()).hexdigest()[:16]


def article(i: int, chars: int | None = None) -> dict[str, str]:
    """Article number i: a record of the JSON Lines input format, the same on every machine. Its length
    is drawn from the log-normal distribution, or about `chars` characters when given."""
    paragraphs, publishers = pool()
    rng = random.Random(f"{SEED}:{i}")
    drawn = int(rng.lognormvariate(math.log(MEDIAN_CHARS), SIGMA))
    target = chars or min(MAX_CHARS, max(MIN_CHARS, drawn))
    chosen: list[str] = []
    size = count = 0
    while size < target:
        too_dense = count * 1000 > NUMBERS_PER_KB * size
        paragraph = paragraphs[rng.choice(sparse()) if too_dense else rng.randrange(len(paragraphs))]
        chosen.append(paragraph)
        size += len(paragraph) + 2
        count += numerals(paragraph)
    published = FIRST_DAY + timedelta(days=rng.randrange(366))
    publisher = publishers[rng.randrange(len(publishers))] if publishers else "Bench Wire"
    return {
        "id": f"bench-{i:07d}",
        "title": f"Dispatch {i}",
        "published": published.isoformat(),
        "publisher": publisher,
        "url": f"https://example.org/bench/{i}",
        "text": "\n\n".join(chosen),
    }


def articles(n: int) -> Iterator[dict[str, str]]:
    for i in range(n):
        yield article(i)


def write(n: int, out: Path = DEFAULT_OUT) -> Path:
    """Write the corpus of n articles to out/corpus-<n>/ (reused when already there); return the folder."""
    folder = out / f"corpus-{n}"
    manifest = folder / "MANIFEST.json"
    expected = {"articles": n, "fingerprint": fingerprint()}
    if manifest.exists() and json.loads(manifest.read_text()) == expected:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl"):
        old.unlink()
    manifest.unlink(missing_ok=True)
    for shard_start in range(0, n, SHARD_SIZE):
        with open(folder / f"part-{shard_start // SHARD_SIZE:05d}.jsonl", "w", encoding="utf-8") as shard:
            for i in range(shard_start, min(n, shard_start + SHARD_SIZE)):
                shard.write(json.dumps(article(i), ensure_ascii=False) + "\n")
    # Written last: a half-written folder has no manifest and is rebuilt next time.
    manifest.write_text(json.dumps(expected))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, help="how many articles")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="parent folder of corpus-<N>/")
    args = parser.parse_args()
    folder = write(args.articles, args.out)
    files = sorted(folder.glob("*.jsonl"))
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    paragraphs, _ = pool()
    print(f"{folder}: {args.articles} articles in {len(files)} file(s), {megabytes:.1f} MB, "
          f"from {len(paragraphs)} paragraphs (NewsQuant {'included' if NEWSQUANT.exists() else 'absent'})")


if __name__ == "__main__":
    main()
