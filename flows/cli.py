"""The `estimates` command line.

Exit codes: 0 the command did its work (a run that rejected some inputs still exits 0 and says how
many; `--strict` makes that 3); 1 an error stopped it (e.g. the database is locked or a query is
wrong), with a message naming the cause; 2 the command line itself was wrong.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = ROOT / "data" / "articles"
DEFAULT_DB = ROOT / "data" / "estimates.duckdb"
DEFAULT_EXPORTS = ROOT / "data" / "exports"
EXTRACT_COLUMNS = ("surface", "value", "low", "high", "qualifier", "kind", "unit", "subject", "event",
                   "measure", "claimant", "claimant_kind", "via", "as_of", "change")

CONFLICT_TABLE = """
select measure, source_a, surface_a, source_b, surface_b, ratio, days_apart
from conflicts order by ratio desc, measure, surface_a limit 20
"""


def prefect_env() -> None:
    """Keep Prefect's state in the project, analytics off, and no server needed (STACK.md)."""
    os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="estimates")
def main() -> None:
    """Turn news reports into a ledger of numeric claims and show where sources disagree."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--db", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True,
              help="DuckDB file to load into.")
@click.option("--exports", type=click.Path(path_type=Path), default=DEFAULT_EXPORTS, show_default=True,
              help="Folder for the comparison CSVs.")
@click.option("--batch-size", type=click.IntRange(1), default=500, show_default=True,
              help="Articles per Prefect task.")
@click.option("--strict", is_flag=True, help="Exit 3 when any input or row was rejected.")
@click.option("--full-refresh", is_flag=True,
              help="Read and extract every file again, not only new or changed ones.")
def run(paths: tuple[str, ...], db: Path, exports: Path, batch_size: int, strict: bool,
        full_refresh: bool) -> None:
    """Read articles (files, folders, globs; .txt .md .html .jsonl, also gzip/bzip2/xz-compressed),
    extract their claims, load them into DuckDB and write the comparison CSVs. Without PATHS, reads
    data/articles/. Files read before (same path and bytes) are skipped unless --full-refresh."""
    prefect_env()
    from flows.load import DatabaseLocked
    from flows.pipeline import pipeline

    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        summary = pipeline(list(paths) or [str(DEFAULT_ARTICLES)], db, exports, batch_size,
                           full_refresh=full_refresh)
    except DatabaseLocked as exc:
        raise click.ClickException(str(exc)) from exc
    from flows.load import connect

    if summary.conflicts:
        with connect(db, read_only=True) as con:
            table = con.execute(CONFLICT_TABLE).df()
        click.echo("Conflicting estimates (largest ratio first):")
        click.echo(table.to_string(index=False))
    click.echo(f"Read {summary.articles} article(s); loaded {summary.claims} claim(s); "
               f"{summary.rejected} row(s) rejected; {summary.conflicts} conflict(s) found.")
    if summary.unchanged_files:
        click.echo(f"Skipped {summary.unchanged_files} unchanged file(s); --full-refresh reads them again.")
    click.echo(f"Database: {db}")
    click.echo(f"Exports:  {', '.join(summary.exports)}")
    if summary.rejected:
        click.echo(f"See why with: estimates query \"select * from rejected\" --db {db}")
    if strict and summary.rejected:
        sys.exit(3)


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
    if len(text_or_file) < 4096 and path.is_file():
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
def eval_cmd(peers: Path) -> None:
    """Score the extractor on the peer test suites and on our own gold set (data/gold/)."""
    from flows import evaluate, goldset

    peer_status = evaluate.main(peers)
    click.echo("")
    gold_status = goldset.main()
    sys.exit(max(peer_status, gold_status))
