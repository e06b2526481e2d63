"""Parsing dataset files, one at a time or ahead in a second process.

Parsing is a third of a large import's time and ryaml holds the GIL, so for a
folder of several files the next file is parsed in a forked worker process
while this one writes the current file's records. The worker imports nothing
but ryaml and returns plain data (or the position and words of a syntax error).

A large file (over PART_BYTES) is read in parts: each top-level list of records
is cut, between two records, into pieces of about PART_BYTES, each parsed on its
own, so a check or an import holds the parsed records of a few parts, not of the
whole file (a 23 MB file took 780 MB whole, as much as a folder of small files
in parts). A file whose records may refer to one another across the cut (YAML
anchors, aliases or tags), or that is not a plain map of sections, is parsed
whole.

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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
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
        return parse_text(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        return None, "YAML", str(error)


def parse_text(text: str, lines: list[int] | None = None) -> tuple[Any, str | None, str | None]:
    """Parse YAML text; `lines` gives the line of the file each of its lines comes from (for a part of a file)."""
    try:
        if flow_depth(text) > MAX_DEPTH:
            return None, "YAML", f"collections nested deeper than {MAX_DEPTH} levels"
        return ryaml.loads(text), None, None
    except ryaml.InvalidYamlError as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else "not valid YAML"
        found = _WHERE.search(message)
        if not found:
            return None, "YAML", message
        line = int(found.group(1))
        if lines is not None:
            line = lines[min(max(line, 1), len(lines)) - 1]
        return None, f"line {line}, column {found.group(2)}", _WHERE.sub("", message)
    except ValueError as error:
        return None, "YAML", str(error)


PART_BYTES = 4 * 2**20
_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*):[ \t]*(#.*)?$")
_ITEM = re.compile(r" *- ")
# What lets one record of YAML refer to another, or change how the next is read: a part is then unsafe.
_CROSSING = re.compile(r"(?:^|[\s\[{,:-])[&*!]\S|^(?:---|\.\.\.|%)", re.MULTILINE)


@dataclass(frozen=True)
class Part:
    """A piece of a dataset file to parse on its own: the whole file (text None) or some of its sections' records."""

    path: Path
    text: str | None = None
    lines: list[int] | None = None  # the file's line of each line of `text`
    offsets: dict[str, int] = field(default_factory=dict)  # records of each section before this part
    size: int = 0  # bytes of the file this part stands for (for a progress bar)


def parse_part(part: Part) -> tuple[Any, str | None, str | None]:
    return parse(part.path) if part.text is None else parse_text(part.text, part.lines)


def file_parts(path: Path, order: list[str]) -> list[Part]:
    """Cut a large file into parts, in the order the sections are read (`order`); a small one is one part."""
    size = path.stat().st_size
    if size <= PART_BYTES:
        return [Part(path, size=size)]
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return [Part(path, size=size)]
    blocks = _top_blocks(text)
    if blocks is None or _CROSSING.search(text):
        return [Part(path, text, size=size)]  # read whole, from the text already read
    parts: list[tuple[int, int, int, Part]] = []
    rank = {name: index for index, name in enumerate(order)}
    for position, (key, first, lines) in enumerate(blocks):
        for piece, (body, numbers, offset) in enumerate(_pieces(first, lines)):
            part = Part(path, body, numbers, {key: offset}, len(body.encode()))
            parts.append((rank.get(key, len(order)), position, piece, part))
    parts.sort(key=lambda item: item[:3])
    return [item[3] for item in parts]


def _top_blocks(text: str) -> list[tuple[str, int, list[str]]] | None:
    """The file's top-level keys, each with its first line number and its lines; None if it is not that plain."""
    blocks: list[tuple[str, int, list[str]]] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if line[:1] not in ("", " ", "#", "-"):
            found = _TOP_KEY.fullmatch(line)
            if found is None:  # a flow or scalar value on the key's line, or no key: read the file whole
                return None
            if found.group(1) in seen:
                return None
            seen.add(found.group(1))
            blocks.append((found.group(1), number, [line]))
        elif not blocks:
            if line.strip() and not line.lstrip().startswith("#"):
                return None
        else:
            blocks[-1][2].append(line)
    return blocks


def _pieces(first: int, lines: list[str]) -> list[tuple[str, list[int], int]]:
    """Cut one top-level block into texts of about PART_BYTES, each starting at a record of its list.

    Returns (text, the file's line of each of its lines, records before it). A block
    that is not one list of records (a map, say) is one piece.
    """
    whole = [("\n".join(lines) + "\n", list(range(first, first + len(lines))), 0)]
    content = [(i, line) for i, line in enumerate(lines) if i and line.strip() and not line.lstrip().startswith("#")]
    if not content or not _ITEM.match(content[0][1]):
        return whole
    indent = _indent(content[0][1])
    starts = []
    for i, line in content:
        depth = _indent(line)
        if depth == indent and _ITEM.match(line):
            starts.append(i)
        elif depth <= indent:  # something beside the list's records at its level: not a plain list
            return whole
    edges = [1, *starts[1:], len(lines)]  # record k: lines[edges[k]:edges[k + 1]] (the first with what precedes it)
    pieces: list[tuple[str, list[int], int]] = []
    opened, size = 0, 0
    for k in range(len(edges) - 1):
        size += sum(len(line) + 1 for line in lines[edges[k] : edges[k + 1]])
        if size >= PART_BYTES or k == len(edges) - 2:
            low, high = edges[opened], edges[k + 1]
            text = "\n".join([lines[0], *lines[low:high]]) + "\n"
            pieces.append((text, [first, *range(first + low, first + high)], opened))
            opened, size = k + 1, 0
    return pieces


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def parsed(paths: list[Path], order: list[str]) -> Iterator[tuple[Part, tuple[Any, str | None, str | None]]]:
    """Yield each part of each file (see file_parts) with its parse, parsing the next part ahead where that helps."""
    parts = (part for path in paths for part in file_parts(path, order))
    if not sys.platform.startswith("linux"):
        for part in parts:
            yield part, parse_part(part)
        return
    first, following = next(parts, None), next(parts, None)
    if first is None or following is None:  # one part at most: nothing to parse ahead
        if first is not None:
            yield first, parse_part(first)
        return
    # Fork: the worker needs no re-import of the project (and must not touch its database connection).
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_start,
        initargs=(os.getpid(), _database_sockets()),
    )
    with pool:
        current, ahead = first, pool.submit(parse_part, first)
        upcoming: Part | None = following
        while True:
            result = ahead.result()
            if upcoming is not None:
                ahead = pool.submit(parse_part, upcoming)
            yield current, result
            if upcoming is None:
                return
            current, upcoming = upcoming, next(parts, None)


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
