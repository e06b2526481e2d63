"""Writing a dataset file as a stream: each record one line of YAML, written as it is read.

PyYAML's representer walks every value in Python and was three quarters of a large
export's time (bench/README.md); here a record is written by the json module's C
encoder as a flow mapping, which YAML reads as it is (a JSON text is a YAML flow
collection). What JSON leaves as it is but YAML would read differently is escaped:
the line breaks YAML folds inside a quoted scalar (NEL, LINE and PARAGRAPH
SEPARATOR) and the characters YAML does not allow unescaped (DEL, the C1
controls, the byte-order mark, the two non-characters). The file is YAML 1.2, as
the importer (ryaml) reads it; NaN and the infinities, which JSON cannot spell,
are refused.

A top-level map (the organization, the statutes) is small and written by PyYAML in
block style, so that the file keeps the shape the importer cuts into parts
(datasets.yamlfile: a top-level key alone on its line, then its block).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

import yaml

_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": "), default=lambda o: _plain(o))


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"a dataset holds no {type(value).__name__}")


def flow(value: Any) -> str:
    """One value as a YAML flow scalar or collection on one line."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", _ENCODER.encode(value))


def write_sections(stream: IO[str], sections: Iterable[tuple[str, Any]]) -> dict[str, int]:
    """Write each (key, value) section; a list or iterator of records as a block list, one record a line.

    An empty section is left out. Returns how many records each list section had.
    """
    counts: dict[str, int] = {}
    for key, value in sections:
        if isinstance(value, dict):
            if value:
                stream.write(yaml.dump({key: value}, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False))
            continue
        count = 0
        for record in _records(value):
            if not count:
                stream.write(f"{key}:\n")
            stream.write(f"  - {flow(record)}\n")
            count += 1
        if count:
            counts[key] = count
    return counts


def _records(value: Any) -> Iterator[Any]:
    if value is None:
        return iter(())
    if isinstance(value, (list, tuple, Iterator)):
        return iter(value)
    raise TypeError(f"a section is a map or a list of records, not {type(value).__name__}")
