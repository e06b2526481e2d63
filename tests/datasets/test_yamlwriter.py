"""The streaming YAML writer: what it writes reads back, by the importer's parser and by PyYAML, as it was."""

from __future__ import annotations

import io
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import ryaml
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from csto_registry.datasets.exporter import dataset_document, dataset_export
from csto_registry.datasets.yamlfile import PART_BYTES, file_parts
from csto_registry.datasets.yamlwriter import flow, write_sections

# Any text Python can encode as UTF-8 (no lone surrogates), YAML's line breaks and controls included.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
# The importer's parser reads integers of 64 bits (a figure's value has at most 16 digits before its point).
SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | TEXT
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=20
)
RECORDS = st.lists(st.dictionaries(TEXT, VALUES, max_size=5), max_size=5)


def written(sections: list[tuple[str, Any]]) -> str:
    stream = io.StringIO()
    write_sections(stream, sections)
    return stream.getvalue()


@settings(max_examples=300, deadline=None)
@given(RECORDS)
def test_records_read_back_as_written_by_the_importers_parser_and_by_pyyaml(records: list[dict[str, Any]]) -> None:
    text = written([("tenures", records)])
    expected = {"tenures": records} if records else None
    assert ryaml.loads(text) == expected
    assert yaml.safe_load(text) == expected


@pytest.mark.parametrize(
    "value",
    [
        "line\u2028separator",
        "next\x85line",
        "paragraph\u2029break",
        "\ufeffbyte order mark",
        "del\x7f and c1\x9b",
        "tab\tand\nnewline\r",
        'quotes " and \\ backslash',
        "#not a comment",
        "yes",
        "null",
        "2001",
        "- dash",
        ": colon",
        "{brace}",
        "&anchor *alias !tag",
        "   leading and trailing   ",
        "Кириллица и ё",
        "\U0001f600 outside the basic plane",
    ],
)
def test_a_scalar_yaml_would_read_otherwise_reads_back_as_it_was(value: str) -> None:
    text = written([("notes", [{"note": value, value: 1}])])
    assert ryaml.loads(text) == {"notes": [{"note": value, value: 1}]}
    assert yaml.safe_load(text) == {"notes": [{"note": value, value: 1}]}


def test_decimals_are_written_as_numbers_and_nan_is_refused() -> None:
    assert flow({"value": Decimal("12.5000"), "count": Decimal("3.0000")}) == '{"value": 12.5, "count": 3}'
    with pytest.raises(ValueError, match="JSON compliant"):
        flow({"value": math.nan})


def test_maps_are_block_style_and_lists_one_record_a_line() -> None:
    text = written(
        [("organization", {"id": "ato", "name": {"en": "A"}}), ("persons", iter([{"id": "a"}, {"id": "b"}]))]
    )
    assert text.splitlines() == [
        "organization:",
        "  id: ato",
        "  name:",
        "    en: A",
        "persons:",
        '  - {"id": "a"}',
        '  - {"id": "b"}',
    ]


def test_an_empty_section_is_left_out_and_counts_are_returned() -> None:
    stream = io.StringIO()
    counts = write_sections(stream, [("statutes", {}), ("persons", iter([])), ("tenures", [{"a": 1}])])
    assert stream.getvalue() == 'tenures:\n  - {"a": 1}\n'
    assert counts == {"tenures": 1}


@pytest.mark.django_db
def test_the_builtin_export_reads_back_to_its_document(tmp_path: Path) -> None:
    path = tmp_path / "csto.yaml"
    dataset_export(organization="csto", path=path)
    text = path.read_text(encoding="utf-8")
    document = {key: value for key, value in dataset_document(organization="csto").items() if value}
    assert ryaml.loads(text) == document


@pytest.mark.django_db
def test_a_large_export_is_cut_into_parts_by_the_importer(tmp_path: Path) -> None:
    records = [{"id": f"person-{i}", "name": {"en": "x" * 200}} for i in range(PART_BYTES // 150)]
    path = tmp_path / "large.yaml"
    path.write_text(written([("organization", {"id": "ato"}), ("persons", records)]), encoding="utf-8")
    parts = file_parts(path, ["organization", "persons"])
    assert len(parts) > 1
