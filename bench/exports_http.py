"""Large exports over HTTP: no request waits on the build, at 1,000,000 tenures.

`python bench/exports_http.py [--scale 1]` imports the synthetic organization into a temporary
SQLite database, serves it with `csto serve` (two workers) and asks for its Popolo export and its
tenures table as a client would: ask, and on 202 ask again after a second, until the file comes.
It prints how long each ask took (none may exceed 5 s), when the file was ready, the background
builder's peak resident memory (sampled from /proc each second) and the file's size, with the load.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import synthetic

BENCH = Path(__file__).resolve().parent
CSTO = Path(sys.executable).with_name("csto")


def _builders_rss_mib() -> int:
    found = subprocess.run(
        ["pgrep", "-f", "csto_registry.datasets.background"],  # noqa: S607  # procps, looked up on PATH
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    total = 0
    for pid in found:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")), 0)
    return total // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    dataset = synthetic.dataset_ensure(1, args.scale)
    home = tempfile.mkdtemp(prefix="csto-exports-http-")
    env = {**os.environ, "CSTO_HOME": home, "DJANGO_SETTINGS_MODULE": "csto_registry.config.settings"}
    env.pop("CSTO_DATABASE_URL", None)
    print(f"load average {os.getloadavg()[0]:.2f} at the start", flush=True)
    start = time.perf_counter()
    command = [sys.executable, str(BENCH / "importing.py"), str(dataset), home + "/import.json"]
    subprocess.run(command, env=env, check=True, stderr=subprocess.DEVNULL)  # noqa: S603  # our own script
    print(f"imported in {time.perf_counter() - start:.0f} s", flush=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603  # the project's own command
        [str(CSTO), "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/api/v1/states", timeout=5).close()  # noqa: S310  # loopback
                break
            except OSError:
                time.sleep(0.3)
        for name in ("popolo.json", "tenures.csv"):
            began, asks, peak = time.perf_counter(), [], 0
            while True:
                ask = time.perf_counter()
                with urllib.request.urlopen(f"{url}/api/v1/export/{name}?org=synth", timeout=60) as reply:  # noqa: S310
                    size = len(reply.read())
                    asks.append((reply.status, time.perf_counter() - ask))
                if reply.status == 200:
                    break
                peak = max(peak, _builders_rss_mib())
                time.sleep(1)
            print(
                f"{name}: ready after {time.perf_counter() - began:.1f} s, {len(asks)} asks"
                f" (first answered {asks[0][0]} in {asks[0][1]:.2f} s, slowest {max(s for _, s in asks):.2f} s);"
                f" builder peak RSS {peak:,} MiB; {size / 2**20:,.0f} MiB",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait()
    print(f"load average {os.getloadavg()[0]:.2f} at the end", flush=True)


if __name__ == "__main__":
    main()
