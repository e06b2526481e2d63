"""The admin site: who may use it, every write audited, bounds derived, versions and dates checked, throttling."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from csto_registry.records.models import AuditEntry, Case, Instrument, Tenure
from csto_registry.records.services.accounts import user_add
from csto_registry.records.services.audit import audit_verify

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough secret 42"  # noqa: S105  # a test account's


def signed_in(client: Client, role: str, state: str | None = None) -> Client:
    name = f"adm-{role}"
    user_add(username=name, role=role, state=state, password=PASSWORD, actor="test")
    client.force_login(get_user_model().objects.get(username=name))
    return client


def form_data(response: Any, **changes: Any) -> dict[str, Any]:
    """The change form's current values as a browser would post them back, with `changes` applied."""
    form = response.context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, (dict, list)) and not isinstance(field.widget.__class__, type(None)):
            value = json.dumps(value) if field.__class__.__name__ == "JSONField" else value
        data[name] = "" if value is None else value
    data.update(changes)
    data["_save"] = "Save"
    return data


def test_the_secretariat_keeps_records_and_a_delegate_cannot_enter(client: Client) -> None:
    assert signed_in(Client(), "secretariat").get("/admin/records/instrument/").status_code == 200
    delegate = signed_in(client, "delegate", "ARM")
    assert delegate.get("/admin/records/instrument/").status_code == 302  # to the login page


def test_accounts_are_for_administrators_only() -> None:
    secretariat = signed_in(Client(), "secretariat")
    assert secretariat.get("/admin/records/account/").status_code == 403
    assert secretariat.get("/admin/auth/user/").status_code == 403
    assert signed_in(Client(), "admin").get("/admin/records/account/").status_code == 200


def test_no_one_writes_the_audit_trail_through_the_admin() -> None:
    admin = signed_in(Client(), "admin")
    assert admin.get("/admin/records/auditentry/").status_code == 200
    assert admin.get("/admin/records/auditentry/add/").status_code == 403


def test_a_change_is_audited_with_before_and_after() -> None:
    client = signed_in(Client(), "secretariat")
    instrument = Instrument.objects.get(slug="csto-charter")
    url = f"/admin/records/instrument/{instrument.pk}/change/"
    response = client.post(url, form_data(client.get(url), access="member-states"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.actor, entry.action) == ("admin:adm-secretariat", "admin.change")
    assert entry.record == "instrument:csto-charter"
    assert (entry.before["access"], entry.after["access"]) == ("public", "member-states")
    assert audit_verify() == []


def test_the_bounds_follow_the_dates_typed() -> None:
    client = signed_in(Client(), "secretariat")
    tenure = Tenure.objects.filter(start="2015-09").first() or Tenure.objects.exclude(start="").first()
    assert tenure is not None
    url = f"/admin/records/tenure/{tenure.pk}/change/"
    response = client.post(url, form_data(client.get(url), start="2016-03", end="", attested="[]"))
    assert response.status_code == 302
    tenure.refresh_from_db()
    assert (tenure.start_min, tenure.start_max) == (dt.date(2016, 3, 1), dt.date(2016, 3, 31))


def test_a_bad_date_is_refused_and_nothing_is_written() -> None:
    client = signed_in(Client(), "secretariat")
    tenure = Tenure.objects.exclude(start="").first()
    assert tenure is not None
    before = AuditEntry.objects.count()
    url = f"/admin/records/tenure/{tenure.pk}/change/"
    response = client.post(url, form_data(client.get(url), start="the spring"))
    assert response.status_code == 200
    assert "start/end" in str(response.context["adminform"].form.errors)
    assert AuditEntry.objects.count() == before
    assert Tenure.objects.get(pk=tenure.pk).start == tenure.start


def test_a_change_made_on_a_stale_copy_is_refused() -> None:
    client = signed_in(Client(), "secretariat")
    case = Case.objects.first()
    assert case is not None
    url = f"/admin/records/case/{case.pk}/change/"
    stale = form_data(client.get(url), access="member-states")
    Case.objects.filter(pk=case.pk).update(version=case.version + 1)  # someone else saved meanwhile
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "changed since you opened it" in str(response.context["adminform"].form.errors)
    assert Case.objects.get(pk=case.pk).access == "public"


def test_a_delete_is_audited() -> None:
    client = signed_in(Client(), "secretariat")
    instrument = Instrument.objects.filter(events__isnull=True, decision__isnull=True).first()
    assert instrument is not None
    url = f"/admin/records/instrument/{instrument.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.action, entry.record, entry.before["slug"]) == (
        "admin.delete",
        f"instrument:{instrument.slug}",
        instrument.slug,
    )


def test_repeated_failed_sign_ins_lock_the_name_out() -> None:
    user_add(username="target", role="secretariat", password=PASSWORD, actor="test")
    client = Client()
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "target", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    assert client.post("/admin/login/", {"username": "target", "password": "wrong"}).status_code == 429
    locked = client.post("/admin/login/", {"username": "target", "password": PASSWORD})
    assert locked.status_code == 429
    # Another name from the same address is not locked out.
    user_add(username="other", role="secretariat", password=PASSWORD, actor="test")
    assert Client().post("/admin/login/", {"username": "other", "password": PASSWORD}).status_code == 302
