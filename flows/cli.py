"""The `estimates` command line.

Exit codes: 0 the command did its work (a run that rejected some inputs still exits 0 and says how
many; `--strict` makes that 3); 1 an error stopped it (e.g. the database is locked or a query is
wrong), with a message naming the cause; 2 the command line itself was wrong.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from flows.api_server import ServerError, TemporaryServer

if TYPE_CHECKING:
    from prefect import Flow

    from flows.pipeline import Progress

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = ROOT / "data" / "articles"
DEFAULT_DB = ROOT / "data" / "estimates.duckdb"
DEFAULT_EXPORTS = ROOT / "data" / "exports"
BATCH_SIZE = 2000  # flows.pipeline.BATCH_SIZE (not imported: importing Prefect takes seconds)
EXTRACT_COLUMNS = ("surface", "value", "low", "high", "qualifier", "kind", "unit", "subject", "event",
                   "measure", "claimant", "claimant_kind", "via", "as_of", "change")


def prefect_env(log_level: str = "WARNING") -> None:
    """Keep Prefect's state in the project, analytics off, and no server needed (STACK.md).

    Run logs go through Prefect's logger: a one-off run shows only warnings (the CLI prints its own
    summary), a served deployment logs at INFO so the Prefect UI shows each batch.
    """
    os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", log_level)
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    # The temporary server's default 20 s to start is too short on a busy machine: runs failed with
    # "Timed out while attempting to connect to ephemeral Prefect API server".
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _api_configured() -> bool:
    """Whether a Prefect API is configured, as far as can be told without importing Prefect (seconds):
    from the environment, or from Prefect's settings when it is imported already. A server configured
    only in a Prefect profile is found later, and the temporary one started meanwhile is stopped."""
    if os.environ.get("PREFECT_API_URL"):
        return True
    if "prefect.settings" in sys.modules:
        from prefect.settings import get_current_settings

        return bool(get_current_settings().api.url)
    return False


def pipeline_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options `run` and `serve` share: where to read and write, and where extraction runs."""
    options = [
        click.argument("paths", nargs=-1),
        click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
                     help="DuckDB file to load into."),
        click.option("--exports", type=click.Path(path_type=Path), default=DEFAULT_EXPORTS,
                     show_default=True, help="Folder for the comparison CSVs."),
        click.option("--batch-size", type=click.IntRange(1), default=BATCH_SIZE, show_default=True,
                     help="Articles per Prefect task."),
        click.option("--task-runner", type=click.Choice(["thread", "process", "dask"]), default="thread",
                     show_default=True,
                     help="Where extraction runs: one process (thread), a pool of processes using every "
                          "core (process), or a Dask cluster (dask, needs the dask extra)."),
        click.option("--workers", type=click.IntRange(1), default=None,
                     help="Processes for --task-runner process or a local Dask cluster [default: cores]."),
        click.option("--dask-address", metavar="ADDRESS", default=None,
                     help="Scheduler of an existing Dask cluster (tcp://host:8786); "
                          "implies --task-runner dask."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def configured_pipeline(task_runner: str, workers: int | None, dask_address: str | None) -> Flow:
    """The pipeline flow with the chosen task runner (imported late: Prefect takes seconds to import)."""
    from flows.pipeline import pipeline
    from flows.pipeline import task_runner as make_runner

    try:
        runner = make_runner("dask" if dask_address else task_runner, workers, dask_address)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    return pipeline.with_options(task_runner=runner)


def print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """The package's version, the extractor's, and whether it runs compiled (flows/speedups.py)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    from flows.model import EXTRACTOR_VERSION
    from flows.speedups import compiled

    build = "compiled" if compiled() else "Python sources"
    click.echo(f"estimates {version('estimates')}, extractor {EXTRACTOR_VERSION} ({build})")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=print_version,
              help="Show the version, the extractor's, and whether it runs compiled, then exit.")
def main() -> None:
    """Turn news reports into a ledger of numeric claims and show where sources disagree."""


@main.command()
@pipeline_options
@click.option("--strict", is_flag=True, help="Exit 3 when any input or row was rejected.")
@click.option("--full-refresh", is_flag=True,
              help="Read and extract every file again, not only new or changed ones.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr [default: when stderr is a terminal].")
def run(paths: tuple[str, ...], db: Path, exports: Path, batch_size: int, task_runner: str,
        workers: int | None, dask_address: str | None, strict: bool, full_refresh: bool,
        progress: bool | None) -> None:
    """Read articles (files, folders, globs; .txt .md .html .jsonl, also gzip/bzip2/xz-compressed),
    extract their claims, load them into DuckDB and write the comparison CSVs. Without PATHS, reads
    data/articles/. Files read before (same path and bytes) are skipped unless --full-refresh."""
    prefect_env()
    server = None if _api_configured() else TemporaryServer()  # boots while Prefect is imported
    from flows.load import DatabaseLocked
    from flows.pipeline import shared_api

    try:
        pipeline = configured_pipeline(task_runner, workers, dask_address)
    except BaseException:
        if server is not None:
            server.stop()
        raise
    db.parent.mkdir(parents=True, exist_ok=True)
    show_progress = sys.stderr.isatty() if progress is None else progress
    try:
        with shared_api(server), progress_bar(show_progress):
            summary = pipeline(list(paths) or [str(DEFAULT_ARTICLES)], db, exports, batch_size,
                               full_refresh=full_refresh)
    except (DatabaseLocked, ServerError) as exc:
        raise click.ClickException(str(exc)) from exc

    if summary.conflicts:
        import pandas as pd  # the run computed the largest conflicts: computing them again took seconds

        click.echo("Conflicting estimates (largest ratio first):")
        click.echo(pd.DataFrame(summary.largest).to_string(index=False))
    click.echo(f"Read {summary.articles} article(s); loaded {summary.claims} claim(s); "
               f"{summary.rejected} row(s) rejected; {summary.conflicts} conflict(s) found "
               f"({summary.new_conflicts} new).")
    if summary.unchanged_files:
        click.echo(f"Skipped {summary.unchanged_files} unchanged file(s); --full-refresh reads them again.")
    click.echo(f"Database: {db}")
    click.echo(f"Exports:  {', '.join(summary.exports)}")
    if summary.rejected:
        click.echo(f"See why with: estimates query \"select * from rejected\" --db {db}")
    if strict and summary.rejected:
        sys.exit(3)


@contextmanager
def progress_bar(show: bool) -> Iterator[None]:
    """A bar of input files done (rich, which Prefect already installs) on stderr, gone at the end."""
    if not show:
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from flows.pipeline import reporting_progress

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        job = bar.add_task("Reading", total=None)

        def update(p: Progress) -> None:
            bar.update(job, completed=p.files_done, total=p.files_total,
                       description=f"{p.articles:,} articles, {p.claims:,} claims, {p.rejected:,} rejected")

        with reporting_progress(update):
            yield


@main.command()
@pipeline_options
@click.option("--cron", default=None, metavar='"MIN HOUR DAY MONTH WEEKDAY"',
              help='When to run, e.g. "0 * * * *" (hourly). Without it, runs start only when triggered '
                   "(Prefect UI, API or `prefect deployment run estimates/NAME`).")
@click.option("--name", default="scheduled", show_default=True,
              help="Deployment name: runs show in Prefect as estimates/NAME.")
def serve(paths: tuple[str, ...], db: Path, exports: Path, batch_size: int, task_runner: str,
          workers: int | None, dask_address: str | None, cron: str | None, name: str) -> None:
    """Serve the pipeline as the Prefect deployment estimates/NAME on a schedule, until stopped (Ctrl-C).

    Needs a long-lived Prefect server (`prefect server start`) and PREFECT_API_URL pointing at it.
    PATHS, --db and --exports are stored with the deployment as absolute paths.
    """
    prefect_env(log_level="INFO")
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.settings import get_current_settings

    if cron is not None:
        try:
            CronSchedule(cron=cron)
        except ValueError as exc:
            raise click.BadParameter(f"{cron!r} is not a cron expression", param_hint="--cron") from exc
    if not get_current_settings().api.url:
        raise click.ClickException(
            "serve needs a Prefect server: start one with `prefect server start`, then "
            "`export PREFECT_API_URL=http://127.0.0.1:4200/api` (a temporary server cannot keep a schedule)"
        )
    pipeline = configured_pipeline(task_runner, workers, dask_address)
    parameters = {
        "paths": [str(Path(p).absolute()) for p in paths] or [str(DEFAULT_ARTICLES)],
        "db": str(db.absolute()),
        "exports": str(exports.absolute()),
        "batch_size": batch_size,
    }
    pipeline.serve(name=name, cron=cron, parameters=parameters)


@main.command()
@click.argument("text_or_file")
@click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON.")
def extract(text_or_file: str, as_json: bool) -> None:
    """Print the claims in TEXT (or in the article FILE) without touching a database."""
    from flows.extract import extract_claims
    from flows.ingest import iter_articles
    from flows.model import Article

    path = Path(text_or_file)
    claims = []
    if _is_file(path):
        for item in iter_articles([path]):
            if not isinstance(item, Article):
                raise click.ClickException(f"{item.source}: {item.reason}")
            claims.extend(extract_claims(item.body, item.published, item.article_id))
    else:
        claims = extract_claims(text_or_file)
    records = [{c: getattr(claim, c) for c in EXTRACT_COLUMNS} for claim in claims]
    if as_json:
        click.echo(json.dumps(records, default=str, indent=2, ensure_ascii=False))
        return
    if not records:
        click.echo("No claims found.")
        return
    import pandas as pd

    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
        click.echo(pd.DataFrame(records).to_string(index=False))


def _is_file(path: Path) -> bool:
    """Whether the argument names a file; pasted text is not one, even when the OS cannot say so (a
    paragraph longer than a file name may be raises "File name too long")."""
    try:
        return path.is_file()
    except (OSError, ValueError):  # ValueError: a NUL character in the text
        return False


@main.command()
@click.argument("sql")
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
def query(sql: str, db: Path, fmt: str) -> None:
    """Run SQL against the database (read-only) and print the result."""
    from flows.load import DatabaseLocked, connect

    if not db.exists():
        raise click.ClickException(f"no database at {db}: run `estimates run` first")
    try:
        with connect(db, read_only=True) as con:
            frame = con.sql(sql).df()
    except DatabaseLocked as exc:
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 — DuckDB's parser and binder errors explain themselves
        raise click.ClickException(str(exc)) from exc
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2))
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            click.echo(frame.to_string(index=False) if len(frame) else "(no rows)")


@main.command("export")
@click.argument("views", nargs=-1)
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True)
@click.option("--to", "to", type=click.Path(path_type=Path), default=DEFAULT_EXPORTS, show_default=True,
              help="Folder to write the files into.")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True)
def export_cmd(views: tuple[str, ...], db: Path, to: Path, fmt: str) -> None:
    """Write VIEWS or tables to files (default: the comparison views and claims)."""
    from flows.export import DEFAULT_VIEWS, export
    from flows.load import DatabaseLocked, connect

    if not db.exists():
        raise click.ClickException(f"no database at {db}: run `estimates run` first")
    try:
        with connect(db, read_only=True) as con:
            files = export(con, list(views) or list(DEFAULT_VIEWS), to, fmt)
    except (DatabaseLocked, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    for f in files:
        click.echo(str(f))


@main.command("eval")
@click.option("--peers", type=click.Path(path_type=Path), default=ROOT.parent / "shared" / "peers",
              show_default=True, help="Folder with the peer test suites.")
@click.option("--heldout-failures", is_flag=True,
              help="Also list the held-out set's failed claims: for a final audit only. Whoever reads them "
                   "may no longer tune the extractor on that set (data/gold/README.md).")
def eval_cmd(peers: Path, heldout_failures: bool) -> None:
    """Score the extractor on the peer test suites and on our own gold set (data/gold/).

    The held-out set shows its summary figures only, unless --heldout-failures asks for more.
    """
    from flows import evaluate, goldset

    peer_status = evaluate.main(peers)
    click.echo("")
    gold_status = goldset.main(heldout_failures=heldout_failures)
    sys.exit(max(peer_status, gold_status))


if __name__ == "__main__":
    main()
