"""The memory of a process tree, sampled: for an import that parses ahead in worker processes.

`ru_maxrss` of RUSAGE_CHILDREN is the peak of the largest single process, not of
the processes alive together; this samples the sum of their proportional set
sizes (PSS, which shares copy-on-write pages fairly between a parent and its
forked workers) every half second, on Linux.
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType

PROC = Path("/proc")


def _tree(pid: int) -> list[int]:
    """Return `pid` and its descendants, from the kernel's lists of children."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for children in (PROC / str(current) / "task").glob("*/children"):
            try:
                queue.extend(int(child) for child in children.read_text().split())
            except OSError:
                continue  # the process ended while we read it
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass  # gone, or not Linux
    return 0


class TreePeak:
    """A context that samples the summed PSS of a process and its descendants; `peak_kib` is the largest sum."""

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(p) for p in _tree(self.pid)))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
