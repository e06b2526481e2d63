"""`csto serve` runs the production server for the site and the API, on a fresh embedded database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_the_api_and_the_site(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CSTO_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["CSTO_HOME"] = str(tmp_path)  # a fresh embedded database: first use loads the built-in dataset
    csto = Path(sys.executable).with_name("csto")
    server = subprocess.Popen(  # noqa: S603  # the project's own command
        [str(csto), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/members?at=1995-01-01"
                ) as reply:  # loopback
                    body = reply.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        assert '"state":"UZB"' in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?on=2008-01-01") as reply:  # loopback
            assert "Uzbekistan" in reply.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
