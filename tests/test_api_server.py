"""The temporary Prefect API server a run starts before importing Prefect (flows/api_server.py)."""
from __future__ import annotations

import sys
import urllib.request

import pytest

from flows import api_server
from flows.api_server import ServerError, TemporaryServer


def health(url: str) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{url}/health", timeout=5) as response:
        return response.status


def test_temporary_server_answers_until_stopped():
    server = TemporaryServer()
    try:
        url = server.ready(timeout=120)
        assert url.startswith("http://127.0.0.1:") and url.endswith("/api")
        assert health(url) == 200
    finally:
        server.stop()
    with pytest.raises(OSError):
        health(url)
    server.stop()  # a second stop is harmless


def test_a_server_that_keeps_exiting_is_an_error_naming_its_exit_code(monkeypatch):
    starts = []

    def failing(port: int) -> list[str]:
        starts.append(port)
        return [sys.executable, "-c", "raise SystemExit(3)"]

    monkeypatch.setattr(api_server, "server_command", failing)
    with pytest.raises(ServerError, match="exited with code 3"):
        TemporaryServer().ready(timeout=60)
    assert len(starts) == 3, "started again on another port, then gave up"


def test_a_server_that_never_answers_times_out_and_is_stopped(monkeypatch):
    monkeypatch.setattr(api_server, "server_command",
                        lambda port: [sys.executable, "-c", "import time; time.sleep(60)"])
    server = TemporaryServer()
    process = server.process
    with pytest.raises(ServerError, match="PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"):
        server.ready(timeout=0.5)
    assert process is not None and process.poll() is not None, "the silent server was ended"


def test_a_run_uses_the_server_it_started_early_and_no_other_and_stops_it(monkeypatch, tmp_path):
    from click.testing import CliRunner
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows import cli

    started: list[TemporaryServer] = []

    class Recorded(TemporaryServer):
        def __init__(self) -> None:
            super().__init__()
            started.append(self)

    from prefect.server.api.server import SubprocessASGIServer

    prefects_own: list[int] = []
    monkeypatch.setattr(SubprocessASGIServer, "start", lambda self, *a, **k: prefects_own.append(1))
    monkeypatch.setattr(cli, "TemporaryServer", Recorded)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    article = tmp_path / "a.txt"
    article.write_text("Tuesday, March 5, 2024\nFlood\nOfficials said at least 40 people were killed.\n")
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = CliRunner().invoke(cli.main, ["run", str(article), "--db", str(tmp_path / "e.duckdb"),
                                               "--exports", str(tmp_path / "out"), "--no-progress",
                                               "--task-runner", "process", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "loaded 1 claim(s)" in result.output
    assert len(started) == 1 and started[0].process is None, "one server, stopped at the end"
    # Threads of the process pool that do not inherit the run's context see it too.
    assert prefects_own == [], "Prefect started no temporary server of its own"


def test_a_run_logging_to_the_temporary_server_sends_everything_before_stopping_it(tmp_path):
    # At INFO, Prefect queues the run's last log lines for the server; stopped before they were sent,
    # the process spent a minute at exit retrying them and printed "Error logging to API".
    import os
    import subprocess

    article = tmp_path / "a.txt"
    article.write_text("Tuesday, March 5, 2024\nFlood\nOfficials said at least 40 people were killed.\n")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_LOGGING_LEVEL": "INFO"}
    result = subprocess.run(
        [sys.executable, "-c", "from flows.cli import main; main()", "run", str(article),
         "--db", str(tmp_path / "e.duckdb"), "--exports", str(tmp_path / "out"), "--no-progress"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "loaded 1 claim(s)" in result.stdout
    assert "Error logging to API" not in result.stdout + result.stderr


def test_a_run_whose_server_cannot_start_exits_1_with_the_reason(monkeypatch, tmp_path):
    from click.testing import CliRunner
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows import cli

    monkeypatch.setattr(api_server, "server_command",
                        lambda port: [sys.executable, "-c", "raise SystemExit(1)"])
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = CliRunner().invoke(cli.main, ["run", str(tmp_path), "--db", str(tmp_path / "e.duckdb"),
                                               "--exports", str(tmp_path / "out"), "--no-progress"])
    assert result.exit_code == 1
    assert "temporary server exited with code 1" in result.output


@pytest.mark.skipif(sys.platform != "linux", reason="the server ends with its parent on Linux only")
def test_the_server_ends_when_the_run_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import time

    pid_file = tmp_path / "server.pid"
    run = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from flows.api_server import TemporaryServer\n"
        "server = TemporaryServer()\n"
        f"open({str(pid_file)!r}, 'w').write(str(server.process.pid))\n"
        "time.sleep(120)\n"
    )])
    deadline = time.monotonic() + 60
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the run did not start its server"
        time.sleep(0.1)
    server_pid = int(pid_file.read_text())
    run.send_signal(signal.SIGKILL)  # no atexit, no cleanup: as a scheduler's timeout kills
    run.wait()
    deadline = time.monotonic() + 30
    while True:
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            break  # ended (reaped by init)
        # a zombie still answers os.kill; it has ended all the same
        with open(f"/proc/{server_pid}/stat") as stat:
            if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                break
        assert time.monotonic() < deadline, "the server outlived the killed run"
        time.sleep(0.2)
