"""Commands that load, check and write datasets: init, import, export, check."""

from __future__ import annotations

from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from csto_registry.cli.runtime import actor, django_ready, recordable, reports_errors

FileArg = Annotated[Path, typer.Argument(metavar="FILE", help="A dataset: a YAML file or a folder of them.")]


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {name}" for name, count in counts.items() if count) or "nothing"


def _with_progress(path: Path, *, dry_run: bool) -> tuple[str, dict[str, int]]:
    from csto_registry.datasets.importer import dataset_files, dataset_import

    files = dataset_files(path)
    total = sum(f.stat().st_size for f in files)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    console = Console(stderr=True)
    # A bar only where a person watches; a pipe or a log gets the one-line result alone.
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("checking" if dry_run else "importing", total=total)
        report = dataset_import(
            path, dry_run=dry_run, progress=lambda size: progress.advance(task, size), actor=actor()
        )
    return report.organization, dict(report.counts)


@reports_errors
def init(force: Annotated[bool, typer.Option("--force", help="Reload the built-in dataset.")] = False) -> None:
    """Create the database and load the built-in CSTO dataset (does nothing if it is there)."""
    django_ready()
    from django.db import connection

    from csto_registry.datasets.builtin import builtin_load

    report = builtin_load(force=force)
    where = connection.settings_dict["NAME"]
    if report is None:
        typer.echo(f"The built-in dataset is loaded in {where}.")
    else:
        typer.echo(f"Loaded the built-in dataset into {where}: {_summary(dict(report.counts))}.")


@reports_errors
def import_(path: FileArg) -> None:
    """Import a dataset, all or nothing; an organization already there is replaced."""
    django_ready()
    organization, counts = _with_progress(path, dry_run=False)
    typer.echo(f"Imported {organization}: {_summary(counts)}.")


@reports_errors
def check(
    path: Annotated[
        Path | None, typer.Argument(metavar="[FILE]", help="A dataset to check without writing anything.")
    ] = None,
    statutes: Annotated[
        bool, typer.Option("--statutes", help="Check the records in the database against the statutes.")
    ] = False,
    org: Annotated[str | None, typer.Option("--org", help="The organization (with --statutes).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the statute findings as JSON.")] = False,
) -> None:
    """Check a dataset file (the same errors as an import), or the records against the statutes."""
    from csto_registry.records.errors import InvalidInput

    if path is None and not statutes:
        raise InvalidInput("give a dataset FILE to check, or --statutes")
    django_ready()
    if path is not None:
        organization, counts = _with_progress(path, dry_run=True)
        typer.echo(f"{path}: valid dataset of {organization}: {_summary(counts)}.")
    if statutes:
        from csto_registry.cli.output import emit_json
        from csto_registry.records.selectors.rotation import statute_findings

        findings = statute_findings(organization=org)
        if as_json:
            emit_json(findings)
            return
        for finding in findings:
            typer.echo(f"warning: {finding['message']}")
        typer.echo(f"{len(findings)} finding(s) against the statutes.")


class ExportFormat(StrEnum):
    YAML = "yaml"
    POPOLO = "popolo"
    TURTLE = "turtle"
    JSONLD = "jsonld"
    CSV = "csv"


def _base_address(url: str) -> str:
    """The site's address for links: an absolute http(s) URL with a host and no query or fragment, ending in "/"."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise typer.BadParameter(
            f"{url!r} is not an http(s) address such as https://registry.example/", param_hint="--base-url"
        )
    return url if url.endswith("/") else url + "/"


@reports_errors
def export(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write (for csv: a folder, or a .zip).")],
    org: Annotated[str | None, typer.Option("--org", help="The organization (default: the only one, or csto).")] = None,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="yaml: the whole dataset, imports back; popolo, turtle (W3C ORG), jsonld (W3C ORG), csv: "
            "the structure (states, bodies, posts, people, memberships, tenures) in a standard format.",
        ),
    ] = ExportFormat.YAML,
    base_url: Annotated[
        str, typer.Option("--base-url", help="The address the site is served at, for links and identifiers.")
    ] = "http://127.0.0.1:8000/",
) -> None:
    """Write an organization's records: a dataset file that imports back, or its structure in a standard format."""
    django_ready()
    from csto_registry.datasets.exporter import dataset_export
    from csto_registry.datasets.structure import standard_export
    from csto_registry.records.selectors.common import root_get

    base = _base_address(base_url)
    root = root_get(org)
    console = Console(stderr=True)
    # A spinner only where a person watches (a large organization takes seconds); a pipe gets the one line.
    with console.status(f"exporting {root.slug} ({format.value})") if console.is_terminal else nullcontext():
        if format is ExportFormat.YAML:
            counts = dataset_export(organization=root.slug, path=path)
        else:
            counts = standard_export(organization=root.slug, format=format.value, path=path, base=base)
    typer.echo(f"Exported {root.slug} to {path} ({format.value}): {_summary(counts)}.")


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command("import")(import_)
    app.command()(recordable(export))
    app.command()(check)
