"""The pipeline as one Prefect flow: files → articles → claims → pandera → DuckDB → views → CSV.

Tasks are coarse on purpose: one per batch of articles, never per article or claim (each task run
costs milliseconds on the client and ~20 ms of server CPU, see STACK.md). The steps themselves live in
plain modules (ingest, extract, schemas, load, export); this file only wires them in order.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows import export as export_step
from flows import load as load_step
from flows.extract import extract_claims
from flows.ingest import iter_articles
from flows.model import Article, Claim, Rejection
from schemas import frame, validate

BATCH_SIZE = 500


@dataclass
class RunSummary:
    """What a run did, for the closing lines a user reads."""

    articles: int = 0
    claims: int = 0
    rejected: int = 0
    conflicts: int = 0
    db: str = ""
    exports: list[str] = field(default_factory=list)


def batches(items: Iterable[Article | Rejection], size: int) -> Iterator[list[Article | Rejection]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


@task(cache_policy=NO_CACHE)
def extract_batch(articles: list[Article]) -> tuple[list[Claim], list[Rejection]]:
    """Claims of a batch of articles; an article the extractor cannot handle is rejected, not fatal."""
    claims: list[Claim] = []
    rejected: list[Rejection] = []
    for article in articles:
        try:
            claims.extend(extract_claims(article.body, article.published, article.article_id))
        except Exception as exc:  # noqa: BLE001 — one bad article must not stop the run
            rejected.append(Rejection(article.source, "extract", f"extractor failed: {exc!r}",
                                      {"article_id": article.article_id}))
    return claims, rejected


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 2, 4])
def load_batch(
    db: Path, articles: list[Article], claims: list[Claim], rejected: list[Rejection]
) -> tuple[int, int]:
    """Validate a batch with pandera and load it into DuckDB in one transaction.

    Returns (claims that passed validation, rows rejected). Articles in the batch get exactly the
    claims extracted now: claims an older extractor gave them are replaced.
    """
    article_rows, bad_articles = validate("articles", frame(articles, Article))
    claim_rows, bad_claims = validate("claims", frame(claims, Claim))
    rejected = rejected + bad_articles + bad_claims
    with load_step.connect(db) as con:
        load_step.load(con, article_rows, claim_rows, rejected,
                       fresh_articles=list(article_rows["article_id"]))
    return len(claim_rows), len(rejected)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5])
def export_views(db: Path, exports: Path) -> tuple[list[Path], int]:
    """Write the comparison CSVs; returns the files and the number of conflicts."""
    with load_step.connect(db, read_only=True) as con:
        files = export_step.export(con, list(export_step.DEFAULT_VIEWS), exports)
        conflicts = con.execute("select count(*) from conflicts").fetchone()[0]
    return files, conflicts


@flow(name="estimates", log_prints=False)
def pipeline(paths: Sequence[str], db: Path, exports: Path, batch_size: int = BATCH_SIZE) -> RunSummary:
    """Read the articles at `paths`, extract, validate and load their claims, then export the views."""
    summary = RunSummary(db=str(db))
    for chunk in batches(iter_articles(paths), batch_size):
        articles = [a for a in chunk if isinstance(a, Article)]
        rejected = [r for r in chunk if isinstance(r, Rejection)]
        claims, failed = extract_batch(articles)
        loaded, n_rejected = load_batch(db, articles, claims, rejected + failed)
        summary.articles += len(articles)
        summary.claims += loaded
        summary.rejected += n_rejected
    if summary.articles == 0 and summary.rejected == 0:
        with load_step.connect(db):
            pass  # an empty run still leaves a database with the tables and views
    files, summary.conflicts = export_views(db, exports)
    summary.exports = [str(f) for f in files]
    return summary
