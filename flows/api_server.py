"""Prefect's temporary API server, started before Prefect is imported.

A run with no Prefect API configured needs a local one. Prefect starts it itself on first use, but
only after its own imports; started here first, the server boots on the second core while the run's
process imports Prefect, pandera and the extractor, and a run starts in about 6 s instead of 10. It is
the server Prefect starts (uvicorn serving `prefect.server.api.server:create_app` with the UI and the
background services off) on a free local port; worker processes reach it through PREFECT_API_URL,
which they inherit. This module imports nothing of Prefect's, so that nothing delays the start.
"""
from __future__ import annotations

import atexit
import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

# What Prefect's own launcher sets for its temporary server: no UI, no background services.
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
# How long to wait for it: the setting Prefect reads for its own.
TIMEOUT_SETTING = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
DEFAULT_TIMEOUT = 120.0
_STARTS = 3  # a port taken between choosing it and binding it: start again on another
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform == "linux" else None


class ServerError(RuntimeError):
    """The temporary server did not come up."""


class TemporaryServer:
    """A Prefect API server in a child process, from `TemporaryServer()` until `stop()` (or exit)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self._start()
        atexit.register(self.stop)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def ready(self, timeout: float | None = None) -> str:
        """Wait until the server answers its health check; return its API URL."""
        if timeout is None:
            timeout = float(os.environ.get(TIMEOUT_SETTING, DEFAULT_TIMEOUT))
        deadline = time.monotonic() + timeout
        # A direct connection: a proxy configured for the network must not see a local health check.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        starts = 1
        while True:
            assert self.process is not None, "the server was stopped"
            code = self.process.poll()
            if code is not None:
                if starts == _STARTS:
                    raise ServerError(f"Prefect's temporary server exited with code {code} on port "
                                      f"{self.port} ({starts} attempts); its messages are above")
                starts += 1
                self._start()
                continue
            try:
                with opener.open(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        return self.url
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(f"Prefect's temporary server did not answer within {timeout:.0f} s "
                                  f"({TIMEOUT_SETTING})")
            time.sleep(0.05)

    def stop(self) -> None:
        """End the server (safe to call more than once)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _start(self) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(server_command(self.port), env={**os.environ, **SERVER_ENV},
                                        preexec_fn=_end_with_parent if sys.platform == "linux" else None)


def server_command(port: int) -> list[str]:
    """The command serving Prefect's API on a local port."""
    spec = importlib.util.find_spec("prefect")
    assert spec is not None and spec.origin is not None, "Prefect is not installed"
    return [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent),
            "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
            "--port", str(port), "--log-level", "error", "--lifespan", "on"]


def _end_with_parent() -> None:
    """In the server's process before it starts (Linux): end it when the run's process ends, however
    it ends. A run killed by a scheduler's timeout would otherwise leave the server running (200 MB)."""
    assert _PRCTL is not None
    _PRCTL(PR_SET_PDEATHSIG, signal.SIGTERM)  # looked up before the fork: the child only calls it


def _free_port() -> int:
    """A local port no one listens on now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
