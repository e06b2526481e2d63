"""Parsing dataset files, one at a time or ahead in a second process.

Parsing is a third of a large import's time and ryaml holds the GIL, so for a
folder of several files the next file is parsed in a forked worker process
while this one writes the current file's records. The worker imports nothing
but ryaml and returns plain data (or the position and words of a syntax error).

The worker dies with the importing process (PR_SET_PDEATHSIG), and first points
the database sockets it inherited at /dev/null: a `kill -9` of an import ends its
connection at once, so the server rolls the transaction back and frees its
locks, instead of a surviving worker keeping the connection open and every
writer waiting.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import ryaml

_WHERE = re.compile(r"\s*at line (\d+) column (\d+)")


# No dataset nests deeper than a few levels; the parser takes time quadratic in the depth of flow
# collections ("[[[[..."), so deeper input is refused before it is parsed.
MAX_DEPTH = 200
# What may hide a bracket: a quoted scalar (its quote opens a token) or a comment; removed before counting.
_HIDING = re.compile(r"""(?<![^\s\[{,:])'(?:[^']|'')*'|(?<![^\s\[{,:])"(?:[^"\\]|\\.)*"|(?<!\S)#[^\n]*""", re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")


def flow_depth(text: str) -> int:
    """The deepest nesting of flow collections ([...] and {...}) in YAML text, quoted text and comments aside."""
    openings = text.count("[") + text.count("{")
    if openings < MAX_DEPTH:
        return openings
    brackets = _NOT_BRACKET.sub("", _HIDING.sub("", text))
    # Peel the innermost pairs one level a pass (each pass runs in the regex engine): a file of
    # shallow flow maps needs two or three; past MAX_DEPTH passes the depth is already too much.
    levels = 0
    while levels <= MAX_DEPTH:
        peeled = _PAIR.sub("", brackets)
        if peeled == brackets:
            break
        brackets, levels = peeled, levels + 1
    # What is left never closes (or closes what never opened): each opening counts as a level.
    return levels + brackets.count("[") + brackets.count("{")


def parse(path: Path) -> tuple[Any, str | None, str | None]:
    """Return (document, None, None), or (None, where, problem) when the file is not valid YAML."""
    try:
        text = path.read_bytes().decode("utf-8")
        if flow_depth(text) > MAX_DEPTH:
            return None, "YAML", f"collections nested deeper than {MAX_DEPTH} levels"
        return ryaml.loads(text), None, None
    except ryaml.InvalidYamlError as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else "not valid YAML"
        found = _WHERE.search(message)
        where = f"line {found.group(1)}, column {found.group(2)}" if found else "YAML"
        return None, where, _WHERE.sub("", message) if found else message
    except (UnicodeDecodeError, ValueError) as error:
        return None, "YAML", str(error)


def parsed(paths: list[Path]) -> Iterator[tuple[Path, tuple[Any, str | None, str | None]]]:
    """Yield each file with its parse, parsing the next file ahead where that can help."""
    if len(paths) < 2 or not sys.platform.startswith("linux"):
        for path in paths:
            yield path, parse(path)
        return
    # Fork: the worker needs no re-import of the project (and must not touch its database connection).
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_start,
        initargs=(os.getpid(), _database_sockets()),
    )
    with pool:
        ahead: Future[tuple[Any, str | None, str | None]] = pool.submit(parse, paths[0])
        for index, path in enumerate(paths):
            result = ahead.result()
            if index + 1 < len(paths):
                ahead = pool.submit(parse, paths[index + 1])
            yield path, result


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _database_sockets() -> list[int]:
    """The file descriptors of this process's open database connections that are sockets (PostgreSQL's)."""
    from django.db import connections

    sockets = []
    for connection in connections.all(initialized_only=True):
        fileno = getattr(connection.connection, "fileno", None)
        if callable(fileno):
            sockets.append(int(fileno()))
    return sockets


def _worker_start(parent: int, sockets: list[int]) -> None:
    """In the forked worker: be killed when the importing process dies, and let go of its database sockets."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the importer died before the line above took effect
        os._exit(1)
    # Never close() the connection (that would end the importer's session); point the descriptors elsewhere.
    null = os.open(os.devnull, os.O_RDWR)
    for fd in sockets:
        os.dup2(null, fd)
    os.close(null)
