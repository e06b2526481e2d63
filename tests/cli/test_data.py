"""The data commands: init, import, export, check."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from csto_registry.cli import app
from csto_registry.records.models import Organization, Tenure

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_init_is_idempotent() -> None:
    before = Tenure.objects.count()
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0
    assert "is loaded" in result.stdout
    assert Tenure.objects.count() == before


def test_export_then_check_then_import(tmp_path: Path) -> None:
    path = tmp_path / "csto.yaml"
    assert runner.invoke(app, ["export", str(path)]).exit_code == 0
    checked = runner.invoke(app, ["check", str(path)])
    assert checked.exit_code == 0
    assert "valid dataset of csto" in checked.stdout
    imported = runner.invoke(app, ["import", str(path)])
    assert imported.exit_code == 0
    assert "Imported csto" in imported.stdout


def test_check_reports_the_fault_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "csto.yaml"
    runner.invoke(app, ["export", str(path)])
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["tenures"][3]["post"] = "cmd:XYZ"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = (Organization.objects.count(), Tenure.objects.count())
    for command in ("check", "import"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2
        assert result.stderr.startswith("csto: csto.yaml: tenures[3] (person ")
        assert "post='cmd:XYZ': names no post defined before it" in result.stderr
        assert result.stderr.count("\n") == 1
    assert (Organization.objects.count(), Tenure.objects.count()) == before


def test_import_of_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


@pytest.mark.parametrize(("fmt", "reader"), [("popolo", "json"), ("turtle", "turtle"), ("jsonld", "json-ld")])
def test_export_in_a_standard_format_writes_one_file(tmp_path: Path, fmt: str, reader: str) -> None:
    import json

    from rdflib import Graph

    path = tmp_path / f"csto.{fmt}"
    result = runner.invoke(app, ["export", str(path), "--format", fmt, "--base-url", "https://registry.example"])
    assert result.exit_code == 0, result.output
    assert f"({fmt})" in result.stdout
    assert "tenures" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "https://registry.example/sources/seed/000_e52e44ee9352e8ff.txt#L" in text  # --base-url, with its "/"
    if reader == "json":
        document = json.loads(text)
        assert {"organizations", "persons", "posts", "memberships"} <= set(document)
        assert any(p["id"] == "sidorov-anatoly" for p in document["persons"])
    else:
        graph = Graph().parse(data=text, format=reader)
        assert any(str(s) == "https://registry.example/people/sidorov-anatoly/" for s in graph.subjects())


def test_export_csv_writes_a_folder_or_a_zip(tmp_path: Path) -> None:
    import zipfile

    from csto_registry.datasets.standard import TABLES

    folder = tmp_path / "tables"
    assert runner.invoke(app, ["export", str(folder), "--format", "csv"]).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.csv" for name in TABLES)
    archive = tmp_path / "tables.zip"
    assert runner.invoke(app, ["export", str(archive), "--format", "csv"]).exit_code == 0
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == sorted(f"{name}.csv" for name in TABLES)
        assert opened.read("tenures.csv").decode() == (folder / "tenures.csv").read_text(encoding="utf-8")


def test_export_refuses_an_unknown_format_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "csto.xml"
    result = runner.invoke(app, ["export", str(path), "--format", "xml"])
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.output
    assert not path.exists()


@pytest.mark.parametrize("base", ["registry.example", "ftp://registry.example/", "https://registry.example/?v=1"])
def test_export_refuses_a_base_url_that_is_no_site_address(tmp_path: Path, base: str) -> None:
    path = tmp_path / "csto.ttl"
    result = runner.invoke(app, ["export", str(path), "--format", "turtle", "--base-url", base])
    assert result.exit_code == 2
    assert "is not an http(s) address" in " ".join(result.output.replace("│", " ").split())  # the box wraps lines
    assert not path.exists()
