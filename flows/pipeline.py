"""The pipeline as one Prefect flow: files → articles → claims → pandera → DuckDB → views → CSV.

Tasks are coarse on purpose: one per batch of articles, never per article or claim (each task run
costs milliseconds on the client and ~20 ms of server CPU, see STACK.md). The steps themselves live in
plain modules (ingest, extract, schemas, load, export); this file only wires them in order.

Where the work runs: the flow's process reads the files and is the only one to open the database;
extraction and validation, the CPU-bound part, are submitted to the flow's task runner
(`task_runner()`: threads by default, a process pool to use every core, or Dask, possibly a remote
cluster), which hands back each batch as Arrow tables ready to load (from a process pool, through files:
see Spilled). Batches are loaded in the order
they were read, whatever order the workers finish in, so every runner gives the same tables.

A batch is passed to the load `quote`d: otherwise Prefect walks every row in it, twice, looking for
futures to resolve. Extraction gets its articles in a `Batch`, which Prefect does not look into either
(a quote would not do there: Dask would hand the task the quote's inner tuple).
"""

import ctypes
import gc
import itertools
import logging
import os
import tempfile
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.states import State
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from prefect.tasks import Task, exponential_backoff
from prefect.utilities.annotations import quote

from flows import export as export_step
from flows import load as load_step
from flows.api_server import TemporaryServer
from flows.extract import extract_claims
from flows.ingest import expand_paths, file_digest, read_file
from flows.model import Article, Claim, Rejection
from flows.refresh import refresh
from schemas import frame, validate

# Articles per task and per load. Each task costs Prefect about 0.2 s of CPU, and each load reopens the
# database and commits, rewriting the table's last, partly filled row group: loads of 1,000 articles
# (about 23,000 claims) cost 30 % less CPU than loads of 500, and 2,000 less again. Workers hand their
# tables back through files (Spilled), so 2,000 cost them little more memory than 1,000.
BATCH_SIZE = 2000
# A task validates and converts its articles in slices of this many, so that a worker's memory does
# not grow with the batch size (the claims of 500 articles as Python objects and frames: ~60 MB).
SLICE = 500
# Batches extracted ahead of the load: enough to keep two workers busy while the flow loads, few
# enough that memory stays bounded (the articles of a batch waiting for a worker: about 15 MB a 1,000).
IN_FLIGHT = 4
TASK_RUNNERS = ("thread", "process", "dask")
# DuckDB's memory for the export, beyond which it spills to disk (`<db>.tmp/`): by default it takes up
# to 80 % of the machine, and the conflicts of 100,000 articles (2.3 M rows) took 2.7 GB. Spilling
# costs a third more CPU there.
EXPORT_MEMORY = "400MB"

# glibc's mallopt() parameters (malloc.h).
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3

# Stable artifact keys: the Prefect UI shows each key's history across runs.
CONFLICTS_ARTIFACT = "estimates-largest-conflicts"
SUMMARY_ARTIFACT = "estimates-run-summary"
LARGEST_CONFLICTS = """
select measure, source_a, surface_a, source_b, surface_b, ratio, days_apart
from conflicts order by ratio desc nulls last, measure, surface_a limit 20
"""


@dataclass
class RunSummary:
    """What a run did, for the closing lines a user reads."""

    articles: int = 0
    claims: int = 0
    rejected: int = 0
    conflicts: int = 0
    new_conflicts: int = 0
    unchanged_files: int = 0
    db: str = ""
    exports: list[str] = field(default_factory=list)
    largest: dict[str, list] = field(default_factory=dict)  # LARGEST_CONFLICTS as {column: values}


@dataclass(frozen=True)
class Progress:
    """How far a run is: input files done out of all of them, and the rows so far."""

    files_done: int
    files_total: int
    articles: int
    claims: int
    rejected: int


# The CLI's progress bar listens here; a flow run started any other way reports to no one.
_on_progress: ContextVar[Callable[[Progress], None] | None] = ContextVar("on_progress", default=None)


@contextmanager
def reporting_progress(callback: Callable[[Progress], None]) -> Iterator[None]:
    """Call `callback` after each batch is loaded by a pipeline run in this context (same thread)."""
    token = _on_progress.set(callback)
    try:
        yield
    finally:
        _on_progress.reset(token)


def progress_listener() -> Callable[[Progress], None] | None:
    # The flow reads the ContextVar through this function: a process pool pickles the flow's function
    # by value with the globals it names, and a ContextVar cannot be pickled.
    return _on_progress.get()


def task_runner(
    kind: str = "thread", workers: int | None = None, dask_address: str | None = None
) -> TaskRunner:
    """The task runner that extracts the batches.

    thread: Prefect's default, one process (extraction is pure Python, so one core). process: a pool
    of `workers` processes (default: every core). dask: a local cluster of `workers` processes, or the
    existing cluster at `dask_address` (needs the `dask` extra: pip install "estimates[dask]").
    """
    if kind == "thread":
        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers or os.cpu_count(), initializer=return_freed_memory)
    if kind == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as exc:
            raise RuntimeError(
                'the dask task runner needs the dask extra: pip install "estimates[dask]"'
            ) from exc
        # The scheduler logs every worker and connection at INFO, through Prefect's console handler.
        logging.getLogger("distributed").setLevel(logging.WARNING)
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        cluster = {"n_workers": workers or os.cpu_count(), "threads_per_worker": 1, "processes": True,
                   "dashboard_address": None}
        return DaskTaskRunner(cluster_kwargs=cluster)
    raise ValueError(f"unknown task runner {kind!r}; choose one of {', '.join(TASK_RUNNERS)}")


def return_freed_memory() -> None:
    """Set up a process-pool worker so that its C heap gives back what a batch freed.

    glibc's malloc raises its mmap threshold to the largest block freed (up to 32 MB): after the first
    batch, buffers of a batch's size come from the heap, which the next batch's scattered small
    objects then pin, so a worker kept growing with the batch size. Fixed thresholds keep blocks over
    256 KB in mappings of their own, unmapped when freed. Nothing happens where libc is not glibc.
    """
    with suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 256 * 1024)
        libc.mallopt(M_TRIM_THRESHOLD, 1024 * 1024)


@contextmanager
def shared_api(server: TemporaryServer | None = None) -> Iterator[None]:
    """Point this process and the workers it starts at one Prefect API for the duration.

    Without PREFECT_API_URL, Prefect starts a temporary API server on first use in each process: every
    process-pool or Dask worker would start its own (seconds each, on one SQLite file). So when no
    server is configured, the temporary one is started here (or `server`, started before Prefect was
    imported, is used) and its URL handed down through the environment, which worker processes
    inherit; it stops at the end. A remote Dask cluster needs a server it can reach: PREFECT_API_URL.
    """
    from prefect.context import refresh_global_settings_context
    from prefect.events.worker import EventsWorker
    from prefect.logging import get_logger
    from prefect.logging.handlers import APILogWorker
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if get_current_settings().api.url:  # configured (environment, profile): a started one is not needed
        if server is not None:
            server.stop()
        yield
        return
    server = server or TemporaryServer()
    try:
        url = server.ready()
        get_logger("estimates").info("Prefect's temporary server is at %s", url)
        os.environ["PREFECT_API_URL"] = url
        # Threads Prefect starts without this context (the process pool's event forwarder) read the
        # global settings: without the URL there, they would start a temporary server of their own.
        refresh_global_settings_context()
        with temporary_settings({PREFECT_API_URL: url}):
            yield
    finally:
        # Logs and events Prefect still holds for the server go now: sent at exit to a stopped server,
        # they kept the process waiting a minute ("Error logging to API").
        APILogWorker.drain_all(timeout=10)
        EventsWorker.drain_all(timeout=10)
        os.environ.pop("PREFECT_API_URL", None)
        refresh_global_settings_context()
        server.stop()


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects alive now (Prefect's and the libraries', some 350,000) out of garbage
    collection until the block ends, so that a full collection costs a millisecond, not 0.2 s.

    The flow collects after each load because each of Prefect's task futures sits in a reference
    cycle (its callbacks refer back to it) and holds the task's result: only the cyclic collector
    frees them, and it runs by counts of objects, not bytes, so results made of few but large objects
    (Arrow tables) piled up, 15 MB a batch of 500 articles.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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


def io_error(task: Task, task_run: TaskRun, state: State) -> bool:
    """Retry a task only when it failed on file or database I/O, not on a bug that would fail again.

    A locked database is not retried here: connecting already waits for the lock, then explains.
    """
    error = state.data
    return isinstance(error, OSError | duckdb.IOException) and not isinstance(error, load_step.DatabaseLocked)


@dataclass
class Prepared:
    """A batch extracted and validated, ready to load: the rows as the Arrow tables a load inserts
    (which cross between processes as a few buffers, where lists of records are pickled one by one)."""

    articles: pa.Table
    claims: pa.Table
    rejected: list[Rejection]
    extracted: list[str]  # ids of the articles extracted now: these claims are all they have


@dataclass
class Spilled:
    """A prepared batch whose Arrow tables a process-pool worker wrote to files, for the run to map.

    Returned through a pipe, a batch of 2,000 articles (29 MB of tables) is pickled twice in the worker
    and unpickled twice in the run (Prefect's process pool unpickles each result once more to check
    it): 60 MB more in each process at once, and held afterwards by their heaps. Through Arrow IPC
    files, the worker writes the tables once and the run maps them, reading no byte until the load.
    """

    articles: Path
    claims: Path
    rejected: list[Rejection]
    extracted: list[str]

    @classmethod
    def write(cls, prepared: Prepared, folder: Path, name: str) -> "Spilled":
        paths = folder / f"{name}.articles.arrow", folder / f"{name}.claims.arrow"
        for table, path in zip((prepared.articles, prepared.claims), paths, strict=True):
            with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
        return cls(*paths, prepared.rejected, prepared.extracted)

    def read(self) -> Prepared:
        articles, claims = (pa.ipc.open_file(pa.memory_map(str(path))).read_all()
                            for path in (self.articles, self.claims))
        return Prepared(articles, claims, self.rejected, self.extracted)

    def remove(self) -> None:
        for path in (self.articles, self.claims):
            with suppress(OSError):  # still mapped, where the system forbids that: the folder goes at the end
                path.unlink(missing_ok=True)


class Batch:
    """A batch's articles as one opaque object. Prefect looks into the lists and dataclasses passed to a
    task for futures to resolve, twice per submission: 65 ms of the flow's CPU per 1,000 articles, 6.5 s
    over 100,000, spent finding none."""

    __slots__ = ("articles",)

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles


@dataclass
class InFlight:
    """A batch read and sent to extraction, what the flow keeps of it until it is loaded."""

    rejected: list[Rejection]  # by reading
    names: list[tuple[str, str]]  # (article_id, source) of every article read
    files: set[str]  # input files it came from
    future: PrefectFuture


@task(cache_policy=NO_CACHE)
def extract_batch(batch: Batch, to_extract: set[str], spill: Path | None = None) -> Prepared | Spilled:
    """Extract the claims of the articles whose ids are in `to_extract` (an article the extractor cannot
    handle is rejected, not fatal), then validate the articles and claims with pandera; with `spill`,
    hand the tables back through files in that folder (see Spilled).

    Validation runs here, beside extraction, so that with a process pool or Dask it also runs on every
    core, and the flow's process is left only reading and loading.
    """
    prepared = extract_and_validate(batch.articles, to_extract)
    return Spilled.write(prepared, spill, uuid.uuid4().hex) if spill else prepared


def extract_and_validate(articles: list[Article], to_extract: set[str]) -> Prepared:
    """extract_batch's work, slice by slice."""
    slices = [prepare(articles[i:i + SLICE], to_extract) for i in range(0, len(articles), SLICE)] or [
        prepare([], to_extract)
    ]
    # Permissive: a column with no value in one slice may have come out of pandas as Arrow's null type.
    return Prepared(
        pa.concat_tables([s.articles for s in slices], promote_options="permissive"),
        pa.concat_tables([s.claims for s in slices], promote_options="permissive"),
        [r for s in slices for r in s.rejected],
        [i for s in slices for i in s.extracted],
    )


def prepare(articles: list[Article], to_extract: set[str]) -> Prepared:
    """extract_batch on a slice of a batch."""
    claims: list[Claim] = []
    rejected: list[Rejection] = []
    extracted = [a for a in articles if a.article_id in to_extract]
    for article in extracted:
        try:
            claims.extend(extract_claims(article.body, article.published, article.article_id))
        except Exception as exc:  # noqa: BLE001 — one bad article must not stop the run
            rejected.append(Rejection(article.source, "extract", f"extractor failed: {exc!r}",
                                      {"article_id": article.article_id}))
    article_rows, bad_articles = validate("articles", frame(articles, Article))
    claim_rows, bad_claims = validate("claims", frame(claims, Claim))
    return Prepared(load_step.article_table(article_rows), load_step.claim_table(claim_rows),
                    rejected + bad_articles + bad_claims, [a.article_id for a in extracted])


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=1),
      retry_jitter_factor=0.5, retry_condition_fn=io_error)
def load_batch(db: Path, batch: Prepared, rejected: list[Rejection], names: list[tuple[str, str]]) -> None:
    """Load a prepared batch, the rejections of its reading and every (article_id, source) name it was
    read under into DuckDB, in one transaction (safe to retry).

    Articles extracted now get exactly the claims extracted now (claims an older extractor gave them
    are replaced); the others were extracted by an earlier run and only gain their names.
    """
    with load_step.connect_for_loading(db) as con:
        load_step.load(con, batch.articles, batch.claims, rejected + batch.rejected,
                       fresh_articles=batch.extracted, sources=names)


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=1),
      retry_jitter_factor=0.5, retry_condition_fn=io_error)
def export_views(
    db: Path, exports: Path, before: pa.Table
) -> tuple[list[Path], int, int, dict[str, list]]:
    """Write the comparison CSVs; return the files, the conflicts, those not in `before`, and the
    largest conflicts as {column: values}."""
    with load_step.connect(db, read_only=True, memory_limit=EXPORT_MEMORY) as con:
        # The conflicts view is the costliest to compute; a temporary table of the same name shadows it
        # for this connection, so the export, the counts and the largest list read it once.
        con.execute("CREATE TEMP TABLE conflicts AS SELECT * FROM conflicts")
        files = export_step.export(con, list(export_step.DEFAULT_VIEWS), exports)
        conflicts = con.execute("select count(*) from conflicts").fetchall()[0][0]
        con.register("_before", before)
        new = con.execute(
            "select count(*) from conflicts anti join _before using (claim_id_a, claim_id_b)"
        ).fetchall()[0][0]
        result = con.execute(LARGEST_CONFLICTS)
        columns = [d[0] for d in result.description]
        rows = result.fetchall()
        largest = {column: [row[i] for row in rows] for i, column in enumerate(columns)}
    return files, conflicts, new, largest


@flow(name="estimates", log_prints=False)
def pipeline(
    paths: Sequence[str], db: Path, exports: Path, batch_size: int = BATCH_SIZE, full_refresh: bool = False
) -> RunSummary:
    """Read the articles at `paths`, extract, validate and load their claims, then export the views.

    Incremental: a file a completed run read (same path, same bytes, same extractor fingerprint) is not
    read again, and an article whose claims the current extractor gave is not extracted again (a
    copy under a new name only adds the name). full_refresh reads and extracts everything.
    """
    logger = get_run_logger()
    summary = RunSummary(db=str(db))
    with load_step.connect(db) as con:  # also leaves an empty run with the tables and views
        done = load_step.Extracted(set(), {}) if full_refresh else load_step.extracted(con)
        before = con.sql("select claim_id_a, claim_id_b from conflicts").to_arrow_table()  # for "new"
    files, path_rejections = expand_paths(paths)
    hashes = {str(f): file_digest(f) for f in files}
    to_read = [f for f in files if hashes[str(f)] is None or done.files.get(str(f)) != hashes[str(f)]]
    summary.unchanged_files = len(files) - len(to_read)
    records = itertools.chain(path_rejections, itertools.chain.from_iterable(map(read_file, to_read)))
    names: list[tuple[str, str]] = []  # (article_id, source) of every article read
    on_progress = progress_listener()
    files_seen: set[str] = set()
    pending: deque[InFlight] = deque()

    def load_oldest() -> None:
        oldest = pending.popleft()
        result: Prepared | Spilled = oldest.future.result()
        batch = result.read() if isinstance(result, Spilled) else result
        load_batch(db, quote(batch), quote(oldest.rejected), quote(oldest.names))
        if isinstance(result, Spilled):
            result.remove()
        gc.collect()  # see frozen_heap
        n_rejected = len(oldest.rejected) + len(batch.rejected)
        summary.articles += len(batch.extracted)
        summary.claims += batch.claims.num_rows
        summary.rejected += n_rejected
        logger.info("Loaded %d new article(s), %d claim(s); %d row(s) rejected", len(batch.extracted),
                    batch.claims.num_rows, n_rejected)
        if on_progress:
            files_seen.update(oldest.files)
            on_progress(Progress(min(len(files_seen), len(to_read)), len(to_read),
                                 summary.articles, summary.claims, summary.rejected))

    with frozen_heap(), spill_folder(db) as spill:
        for chunk in batches(records, batch_size):
            articles = first_of_each(a for a in chunk if isinstance(a, Article))
            new = {a.article_id for a in articles} - done.article_ids
            done.article_ids.update(new)  # a copy in a later batch is not extracted again
            sent = InFlight(
                rejected=[r for r in chunk if isinstance(r, Rejection)],
                names=[(a.article_id, a.source) for a in chunk if isinstance(a, Article)],
                # A JSON Lines record's source is PATH#ID: the progress counts its file.
                files={item.source.split("#")[0] for item in chunk},
                future=extract_batch.submit(Batch(articles), new, spill),
            )
            names += sent.names
            pending.append(sent)
            if len(pending) >= IN_FLIGHT:
                load_oldest()
        while pending:
            load_oldest()
    release_workers()
    # Only now, with every batch committed: a run killed midway has its files read again next time.
    with load_step.connect(db) as con:
        load_step.record_files(con, {str(f): hashes[str(f)] for f in to_read if hashes[str(f)]}, names)
        stats = refresh(con)  # the views' stored rows follow what this run (or a killed one) loaded
    scope = "from scratch" if stats.full_rebuild else f"{stats.groups:,} comparison group(s)"
    logger.info("Refreshed the views' stored rows (%s) in %.1f s", scope, stats.seconds)

    files, summary.conflicts, summary.new_conflicts, summary.largest = export_views(db, exports, before)
    summary.exports = [str(f) for f in files]
    publish_artifacts(summary)
    logger.info("Read %d new article(s) (%d file(s) unchanged); loaded %d claim(s); %d row(s) rejected; "
                "%d conflict(s), %d new", summary.articles, summary.unchanged_files, summary.claims,
                summary.rejected, summary.conflicts, summary.new_conflicts)
    if on_progress:
        on_progress(Progress(len(to_read), len(to_read), summary.articles, summary.claims, summary.rejected))
    return summary


@contextmanager
def spill_folder(db: Path) -> Iterator[Path | None]:
    """Where process-pool workers write their batches' tables (see Spilled): a temporary folder beside
    the database, on its disk rather than a /tmp that may be memory, removed at the end. None for the
    other runners: threads pass their tables as they are, and a Dask worker may be another machine."""
    context = FlowRunContext.get()
    if context is None or not isinstance(context.task_runner, ProcessPoolTaskRunner):
        yield None
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{db.name}.batches-", dir=db.parent,
                                     ignore_cleanup_errors=True) as folder:
        yield Path(folder).resolve()


def release_workers() -> None:
    """End the flow's process pool once every batch is extracted: its workers hold about 300 MB each,
    which the refresh and the export, the run's largest memory after extraction, need more."""
    context = FlowRunContext.get()
    if context is not None and isinstance(context.task_runner, ProcessPoolTaskRunner):
        context.task_runner.cancel_all()  # nothing is left to cancel: it shuts the pool down


def publish_artifacts(summary: RunSummary) -> None:
    """The run summary (markdown) and the largest conflicts (table), under keys stable across runs."""
    rows = "\n".join(f"| {name} | {value:,} |" for name, value in (
        ("new articles read", summary.articles),
        ("files unchanged since the last run", summary.unchanged_files),
        ("claims loaded", summary.claims),
        ("rows rejected", summary.rejected),
        ("conflicts", summary.conflicts),
        ("new conflicts", summary.new_conflicts),
    ))
    markdown = (f"# estimates run\n\n| | |\n|---|---:|\n{rows}\n\nDatabase: `{summary.db}`\n\n"
                "Why rows were rejected: `estimates query \"select source, stage, reason from rejected\"`\n")
    create_markdown_artifact(markdown, key=SUMMARY_ARTIFACT,
                             description="Articles, claims, rejected rows and conflicts of this run")
    create_table_artifact(summary.largest, key=CONFLICTS_ARTIFACT,
                          description="The 20 largest conflicts between sources, largest ratio first")
