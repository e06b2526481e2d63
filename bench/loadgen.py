"""Closed-loop HTTP load on loopback for `bench/api.py`: wrk when installed, else Python threads.

Each run keeps `connections` requests in flight for `seconds` and returns the completed requests, their
p50/p99 latency and the errors: socket errors (connect, read, write, timeout), answers outside 2xx, and
2xx answers whose body differs from the expected bytes (each response is compared in full, except the
value of a form's CSRF token, which Django masks afresh for every response).
"""

from __future__ import annotations

import http.client
import json
import math
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# Per wrk thread: count the answers outside 2xx and the bodies that differ; `done` sums the threads and
# prints one JSON line with wrk's own totals and latency percentiles (microseconds).
WRK_SCRIPT = r"""
local threads = {}
local function masked(s) return (s:gsub('name="csrfmiddlewaretoken" value="[^"]*"', "csrf")) end
function setup(thread) table.insert(threads, thread) end
function init(args)
  local f = assert(io.open(os.getenv("BENCH_EXPECTED"), "rb")); expected = f:read("*a"); f:close()
  expected_masked = masked(expected); bad_status = 0; bad_body = 0
end
function response(status, headers, body)
  if status < 200 or status > 299 then bad_status = bad_status + 1
  elseif body ~= expected and masked(body) ~= expected_masked then bad_body = bad_body + 1 end
end
function done(summary, latency, requests)
  local bs, bb = 0, 0
  for _, t in ipairs(threads) do bs = bs + t:get("bad_status"); bb = bb + t:get("bad_body") end
  local e = summary.errors
  io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"timeout":%d,"status":%d,"body":%d,"p50_us":%d,"p99_us":%d}\n', summary.requests, summary.duration,
    e.connect, e.read, e.write, e.timeout, bs, bb, latency:percentile(50), latency:percentile(99)))
end
"""


CSRF_VALUE = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def masked(body: bytes) -> bytes:
    """`body` with the value of any CSRF token blanked, as the wrk script compares it."""
    return CSRF_VALUE.sub(b"csrf", body)


@dataclass
class LoadResult:
    """What one load run measured."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: dict[str, int] = field(default_factory=dict)  # kind -> count; kinds with 0 are kept

    @property
    def rate(self) -> float:
        """Completed requests per second."""
        return self.requests / self.seconds

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def errors_text(self) -> str:
        """`0`, or the total with its non-zero kinds, such as `12 (read 10, status 2)`."""
        kinds = ", ".join(f"{kind} {count}" for kind, count in self.errors.items() if count)
        return f"{self.error_count} ({kinds})" if kinds else "0"


def wrk_version() -> str | None:
    """wrk's version line, or None when wrk is not installed."""
    if shutil.which("wrk") is None:
        return None
    run = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)  # noqa: S607
    return (run.stdout + run.stderr).split("Copyright")[0].strip() or "wrk"


def wrk_run(url: str, expected: bytes, *, connections: int, seconds: float, threads: int) -> LoadResult:
    """Load `url` with wrk (`--latency`, a 2 s timeout) and return what its script counted."""
    with tempfile.TemporaryDirectory(prefix="csto-wrk-") as folder:
        script, body = Path(folder) / "check.lua", Path(folder) / "expected.bin"
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        body.write_bytes(expected)
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "2s"]
        command += ["--latency", "-s", str(script), url]
        run = subprocess.run(  # noqa: S603  # wrk with fixed arguments, on loopback
            command, capture_output=True, text=True, check=False, env={"BENCH_EXPECTED": str(body)}
        )
    line = next((line for line in run.stdout.splitlines() if line.startswith("BENCH ")), None)
    if run.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed (exit status {run.returncode}): {run.stderr.strip() or run.stdout.strip()}")
    data = json.loads(line.removeprefix("BENCH "))
    kinds = ("connect", "read", "write", "timeout", "status", "body")
    return LoadResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1e3,
        p99_ms=data["p99_us"] / 1e3,
        errors={kind: data[kind] for kind in kinds},
    )


def python_run(url: str, expected: bytes, *, connections: int, seconds: float) -> LoadResult:
    """Load `url` from `connections` threads with http.client (reconnecting when the server closes).

    The fallback when wrk is missing: it needs far more CPU per request than wrk, which the servers
    then lack, so its rates are lower for both the project and the floor.
    """
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = dict.fromkeys(("connect", "read", "write", "timeout", "status", "body"), 0)
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        mine: list[float] = []
        mine_errors = dict.fromkeys(errors, 0)
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=2)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", target)
                response = connection.getresponse()
                body = response.read()
            except TimeoutError:
                mine_errors["timeout"] += 1
                connection.close()
                continue
            except (ConnectionError, http.client.HTTPException, OSError):
                mine_errors["read"] += 1
                connection.close()
                continue
            mine.append(time.perf_counter() - start)
            if not 200 <= response.status <= 299:
                mine_errors["status"] += 1
            elif body != expected and masked(body) != masked(expected):
                mine_errors["body"] += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            for kind, count in mine_errors.items():
                errors[kind] += count

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def rank(p: float) -> float:  # nearest rank, in ms
        return latencies[max(0, math.ceil(len(latencies) * p / 100) - 1)] * 1e3 if latencies else float("nan")

    return LoadResult(len(latencies), elapsed, rank(50), rank(99), errors)


def load(url: str, expected: bytes, *, connections: int, seconds: float, wrk_threads: int) -> LoadResult:
    """Run the load with wrk if installed, else with Python threads."""
    if shutil.which("wrk"):
        return wrk_run(url, expected, connections=connections, seconds=seconds, threads=wrk_threads)
    return python_run(url, expected, connections=connections, seconds=seconds)
