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
from prefect.states import State

from flows import export as export_step
from flows import load as load_step
from flows.extract import extract_claims
from flows.ingest import expand_paths, file_digest, read_file
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
    unchanged_files: int = 0
    db: str = ""
    exports: list[str] = field(default_factory=list)


def batches(items: Iterable[Article | Rejection], size: int) -> Iterator[list[Article | Rejection]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def first_of_each(articles: Iterable[Article]) -> list[Article]:
    """One article per id, the first: the same text under two names is one article."""
    unique: dict[str, Article] = {}
    for article in articles:
        unique.setdefault(article.article_id, article)
    return list(unique.values())


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


def _unless_locked(task: object, task_run: object, state: State) -> bool:
    """Retry a failed load, but not a lock timeout: connect() already waited as long as allowed."""
    return not isinstance(state.data, load_step.DatabaseLocked)


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 2, 4], retry_condition_fn=_unless_locked)
def load_batch(
    db: Path, articles: list[Article], claims: list[Claim], rejected: list[Rejection], extracted: list[str]
) -> tuple[int, int]:
    """Validate a batch with pandera and load it into DuckDB in one transaction.

    Returns (claims that passed validation, rows rejected). Articles whose ids are in `extracted` get
    exactly the claims extracted now (claims an older extractor gave them are replaced); the others
    were extracted by an earlier run and only gain their names (article_sources).
    """
    article_rows, bad_articles = validate("articles", frame(first_of_each(articles), Article))
    claim_rows, bad_claims = validate("claims", frame(claims, Claim))
    rejected = rejected + bad_articles + bad_claims
    with load_step.connect(db) as con:
        load_step.load(con, article_rows, claim_rows, rejected, fresh_articles=extracted,
                       sources=[(a.article_id, a.source) for a in articles])
    return len(claim_rows), len(rejected)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5])
def export_views(db: Path, exports: Path) -> tuple[list[Path], int]:
    """Write the comparison CSVs; returns the files and the number of conflicts."""
    with load_step.connect(db, read_only=True) as con:
        files = export_step.export(con, list(export_step.DEFAULT_VIEWS), exports)
        conflicts = con.execute("select count(*) from conflicts").fetchone()[0]
    return files, conflicts


@flow(name="estimates", log_prints=False)
def pipeline(
    paths: Sequence[str], db: Path, exports: Path, batch_size: int = BATCH_SIZE, full_refresh: bool = False
) -> RunSummary:
    """Read the articles at `paths`, extract, validate and load their claims, then export the views.

    Incremental: a file a completed run read (same path, same bytes, same extractor version) is not
    read again, and an article whose claims the current extractor gave is not extracted again (a
    copy under a new name only adds the name). full_refresh reads and extracts everything.
    """
    summary = RunSummary(db=str(db))
    with load_step.connect(db) as con:  # also leaves an empty run with the tables and views
        done = load_step.Extracted(set(), {}) if full_refresh else load_step.extracted(con)
    files, path_rejections = expand_paths(paths)
    hashes = {str(f): file_digest(f) for f in files}
    to_read = [f for f in files if hashes[str(f)] is None or done.files.get(str(f)) != hashes[str(f)]]
    summary.unchanged_files = len(files) - len(to_read)
    records = itertools.chain(path_rejections, itertools.chain.from_iterable(map(read_file, to_read)))
    names: list[tuple[str, str]] = []  # (article_id, source) of every article read
    for chunk in batches(records, batch_size):
        articles = [a for a in chunk if isinstance(a, Article)]
        names += [(a.article_id, a.source) for a in articles]
        rejected = [r for r in chunk if isinstance(r, Rejection)]
        new = [a for a in first_of_each(articles) if a.article_id not in done.article_ids]
        done.article_ids.update(a.article_id for a in new)  # a copy in a later batch is not extracted
        claims, failed = extract_batch(new)
        loaded, n_rejected = load_batch(db, articles, claims, rejected + failed, [a.article_id for a in new])
        summary.articles += len(new)
        summary.claims += loaded
        summary.rejected += n_rejected
    # Only now, with every batch committed: a run killed midway has its files read again next time.
    with load_step.connect(db) as con:
        load_step.record_files(con, {str(f): hashes[str(f)] for f in to_read if hashes[str(f)]}, names)
    files, summary.conflicts = export_views(db, exports)
    summary.exports = [str(f) for f in files]
    return summary
