"""The operator's work over HTTP: export, check and import datasets, read and verify the audit trail,
manage users and tokens. Each needs a token: the Secretariat for datasets and the audit trail (an import
only an administrator), administrators for accounts."""

import tempfile
from pathlib import Path
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import StringConstraints

from csto_registry.api.v1.auth import TokenAuth, actor_of
from csto_registry.api.v1.params import OrgId
from csto_registry.api.v1.writes import ERRORS, ONE, Text
from csto_registry.records import access
from csto_registry.records.services import accounts

router = Router(tags=["administration"], auth=TokenAuth())
LIST = {200: list[dict[str, Any]], **ERRORS}
YAML_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/yaml": {"schema": {"type": "string", "description": "A dataset file (YAML)."}}},
    }
}
Name = Annotated[str, StringConstraints(pattern=r"^[\w.@+-]{1,150}$")]


class UserIn(Schema):
    username: Name
    role: str
    state: Text | None = None


class RoleIn(Schema):
    role: str
    state: Text | None = None


class TokenIn(Schema):
    name: Text


def _account(request: HttpRequest) -> Any:
    return request.auth  # set by TokenAuth


def _dataset(request: HttpRequest, *, dry_run: bool) -> dict[str, Any]:
    """Check or import the dataset in the request's body, through a temporary file, all or nothing."""
    from csto_registry.datasets.importer import dataset_import

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dataset.yaml"
        path.write_bytes(request.body)
        report = dataset_import(path, dry_run=dry_run, actor=actor_of(request))
    return {"organization": report.organization, "counts": dict(report.counts), "written": not dry_run}


@router.get(
    "/export",
    summary="An organization's records as a dataset file (Secretariat)",
    response=ERRORS,
    openapi_extra={
        "responses": {200: {"description": "YAML", "content": {"application/yaml": {"schema": {"type": "string"}}}}}
    },
)
def export(request: HttpRequest, org: OrgId = None) -> HttpResponse:
    """The YAML a `csto export` writes; it imports back to the same records.

    Built once per revision, as the standard exports are: a large organization's file in the
    background (202 with Retry-After until it is written). Never kept by a shared cache.
    """
    from csto_registry.api.v1.exports import export_file

    access.access_run_workflow(_account(request))
    response = export_file(request, org=org, format="yaml", name="dataset.yaml", content_type="application/yaml")
    response["Cache-Control"] = "private, no-store"
    return response


@router.post(
    "/datasets/check", response=ONE, summary="Check a dataset without writing (Secretariat)", openapi_extra=YAML_BODY
)
def dataset_check(request: HttpRequest) -> dict[str, Any]:
    """The same errors as an import (file, record, field and value), and nothing written."""
    access.access_run_workflow(_account(request))
    return _dataset(request, dry_run=True)


@router.post(
    "/datasets/import", response=ONE, summary="Import a dataset, all or nothing (admin)", openapi_extra=YAML_BODY
)
def dataset_import(request: HttpRequest) -> dict[str, Any]:
    """An organization already there is replaced by the dataset's; audited."""
    access.access_administer(_account(request))
    return _dataset(request, dry_run=False)


@router.get("/audit", response=LIST, summary="The latest entries of the audit trail (Secretariat)")
def audit_log(
    request: HttpRequest, limit: Annotated[int, Query(ge=0, le=10_000, description="How many entries.")] = 20
) -> list[dict[str, Any]]:
    """The latest entries first: {"id", "at", "actor", "action", "record"} (as `csto audit log`)."""
    from csto_registry.records.services.audit import audit_entries

    access.access_run_workflow(_account(request))
    return audit_entries(limit=limit)


@router.get("/audit/verify", response=ONE, summary="Check the audit trail's hash chain (Secretariat)")
def audit_verify(request: HttpRequest) -> dict[str, Any]:
    from csto_registry.records.services.audit import audit_verify as verify

    access.access_run_workflow(_account(request))
    problems = verify()
    return {"intact": not problems, "problems": problems}


@router.post("/users", response=ONE, summary="Add a user with a role (admin)")
def user_add(request: HttpRequest, payload: UserIn) -> dict[str, Any]:
    """Without a password: the user works with API tokens (`csto user add --password-env` sets one)."""
    access.access_administer(_account(request))
    return accounts.user_add(username=payload.username, role=payload.role, state=payload.state, actor=actor_of(request))


@router.post("/users/{username}/role", response=ONE, summary="Change a user's role (admin)")
def user_role(request: HttpRequest, username: Name, payload: RoleIn) -> dict[str, Any]:
    access.access_administer(_account(request))
    return accounts.user_role(username=username, role=payload.role, state=payload.state, actor=actor_of(request))


@router.post("/users/{username}/tokens", response=ONE, summary="Issue an API token (admin; shown once)")
def token_create(request: HttpRequest, username: Name, payload: TokenIn) -> dict[str, Any]:
    access.access_administer(_account(request))
    return accounts.token_create(username=username, name=payload.name, actor=actor_of(request))


@router.post("/tokens/{token_id}/revoke", response=ONE, summary="Revoke an API token (admin)")
def token_revoke(request: HttpRequest, token_id: int) -> dict[str, Any]:
    access.access_administer(_account(request))
    return accounts.token_revoke(token_id=token_id, actor=actor_of(request))
