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
