"""The command line: help for every command, extract without a database, query and export."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from flows.cli import main, prefect_env

COMMANDS = ["run", "serve", "extract", "query", "export", "eval"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage: main " + command in result.output or f"{command} [OPTIONS]" in result.output


def test_top_level_help_lists_the_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", ["run", "serve"])
def test_run_help_shows_the_pipelines_own_batch_size(command):
    from flows.pipeline import BATCH_SIZE

    result = CliRunner().invoke(main, [command, "--help"])
    assert f"[default: {BATCH_SIZE};" in " ".join(result.output.split())


def test_version_says_whether_the_extractor_runs_compiled():
    from flows.model import EXTRACTOR_VERSION
    from flows.speedups import compiled

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    build = "compiled" if compiled() else "Python sources"
    assert result.output.startswith("estimates ")
    assert f"extractor {EXTRACTOR_VERSION} ({build})" in result.output


def test_extract_text_as_json():
    result = CliRunner().invoke(main, ["extract", "Officials said at least 40 people were killed.", "--json"])
    assert result.exit_code == 0
    claims = json.loads(result.output)
    assert [(c["surface"], c["low"], c["qualifier"], c["unit"], c["claimant"]) for c in claims] == [
        ("at least 40", 40.0, "at_least", "people", "Officials")
    ]


def test_extract_reads_a_file_with_its_date(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(
        "---\npublished: 2024-03-01\n---\nOn Tuesday police said 300 protesters were detained.\n"
    )
    result = CliRunner().invoke(main, ["extract", str(article), "--json"])
    claim = json.loads(result.output)[0]
    assert (claim["value"], claim["as_of"], claim["event"]) == (300.0, "2024-02-27", "arrested")


def test_extract_reads_a_pasted_paragraph_longer_than_a_file_name():
    # Linux refuses names over 255 bytes with "File name too long": that is text, not a missing file.
    text = "Officials said at least 40 people were killed. " + "The rescue went on through the night. " * 8
    result = CliRunner().invoke(main, ["extract", text, "--json"])
    assert result.exit_code == 0, result.output
    assert [c["surface"] for c in json.loads(result.output)] == ["at least 40"]


def test_extract_prints_a_table():
    result = CliRunner().invoke(main, ["extract", "About 2,000 people fled, the UN said."])
    assert result.exit_code == 0
    assert "about 2,000" in result.output.lower() and "claimant" in result.output


def test_query_without_database_explains(tmp_path):
    result = CliRunner().invoke(main, ["query", "select 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "estimates run" in result.output


def make_db(path):
    from flows.extract import extract_claims
    from flows.load import connect, load
    from flows.model import Article

    article = Article(source="a.txt", body="Officials said 1,200 homes were destroyed.")
    with connect(path) as con:
        load(con, [article], extract_claims(article.body, article_id=article.article_id), [])


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(tmp_path, fmt):
    db = tmp_path / "e.duckdb"
    make_db(db)
    result = CliRunner().invoke(
        main, ["query", "select value, unit from claims", "--db", str(db), "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    assert "1200" in result.output and "homes" in result.output
    if fmt == "json":
        assert json.loads(result.output) == [{"value": 1200.0, "unit": "homes"}]


def test_query_with_bad_sql_exits_1_with_the_error(tmp_path):
    db = tmp_path / "e.duckdb"
    make_db(db)
    result = CliRunner().invoke(main, ["query", "select nope from claims", "--db", str(db)])
    assert result.exit_code == 1 and "nope" in result.output


def test_export_named_views(tmp_path):
    db = tmp_path / "e.duckdb"
    make_db(db)
    result = CliRunner().invoke(
        main, ["export", "claims", "measure_summary", "--db", str(db), "--to", str(tmp_path / "x")]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["claims.csv", "measure_summary.csv"]


def test_export_unknown_view_lists_the_available_ones(tmp_path):
    db = tmp_path / "e.duckdb"
    make_db(db)
    result = CliRunner().invoke(main, ["export", "nope", "--db", str(db), "--to", str(tmp_path / "x")])
    assert result.exit_code == 1 and "conflicts" in result.output


def test_serve_without_a_prefect_server_says_how_to_start_one():
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = CliRunner().invoke(main, ["serve", "--cron", "0 6 * * *"])
    assert result.exit_code == 1
    assert "prefect server start" in result.output and "PREFECT_API_URL" in result.output


def test_serve_rejects_a_bad_cron_expression():
    result = CliRunner().invoke(main, ["serve", "--cron", "every morning"])
    assert result.exit_code == 2 and "--cron" in result.output


def test_prefect_env_keeps_state_local_and_waits_for_a_slow_temporary_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("PREFECT_HOME", "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    prefect_env()
    assert os.environ["PREFECT_HOME"].endswith(".prefect")
    assert float(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]) >= 60
