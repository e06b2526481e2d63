"""The record's history (records.history): every version kept, by the revisions it was current in.

In one test's transaction every write is one revision (records.revision), so these tests compare the record
before the test (the revision the built-in import made) with the record the test wrote;
tests/cli/test_as_recorded.py makes revisions one command at a time and asks them again byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection

from csto_registry.datasets.builtin import BUILTIN
from csto_registry.datasets.importer import dataset_import
from csto_registry.records.errors import InvalidInput
from csto_registry.records.history import records_as_recorded, versioned_tables
from csto_registry.records.models import Person, Tenure
from csto_registry.records.revision import revision_number
from csto_registry.records.selectors.tenures import post_holder_list_on
from csto_registry.records.services.proceedings import decision_draft

pytestmark = pytest.mark.django_db


def _rows(sql: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [tuple(json.dumps(v, sort_keys=True) if isinstance(v, dict | list) else v for v in r) for r in cursor]


def _current_equals_history() -> None:
    """Every versioned table holds exactly the versions its history calls current."""
    for table in versioned_tables():
        names = ", ".join(f'"{name}"' for name in table.compared)
        current = sorted(_rows(f'SELECT {names} FROM "{table.name}"'), key=repr)  # noqa: S608  # schema names
        kept = sorted(_rows(f'SELECT {names} FROM "{table.history}" WHERE rec_until IS NULL'), key=repr)  # noqa: S608
        assert current == kept, table.name


def _history_rows() -> int:
    with connection.cursor() as cursor:
        return sum(_count(cursor, table.history) for table in versioned_tables())


def _count(cursor: Any, table: str) -> int:
    cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  # schema names
    return int(cursor.fetchone()[0])


def test_every_table_of_the_record_has_a_history_and_the_links_of_its_sources_too() -> None:
    names = {table.name for table in versioned_tables()}
    assert {"records_tenure", "records_tenure_sources", "records_statemembership", "records_session"} <= names
    assert not names & {"records_auditentry", "records_revision", "records_searchentry", "records_account"}
    _current_equals_history()


def test_a_write_closes_the_version_it_replaces_and_a_write_that_changes_nothing_keeps_none() -> None:
    tenure = Tenure.objects.filter(post__slug="cmd:KAZ", person__slug="kosanov-dauren").get()
    before = _history_rows()
    tenure.save()  # nothing changed
    assert _history_rows() == before
    tenure.note = "A note written by the test."
    tenure.save()
    assert _history_rows() == before + 1
    _current_equals_history()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT note, rec_from, rec_until FROM records_tenure__history WHERE id = %s ORDER BY rec_from",
            [tenure.pk],
        )
        (old_note, _, closed), (new_note, opened, still) = cursor.fetchall()
    assert new_note == "A note written by the test." != old_note
    assert closed == opened == revision_number()
    assert still is None


def test_a_read_as_recorded_sees_the_record_before_the_write_and_the_current_read_after_it() -> None:
    import datetime as dt

    day = dt.date(2026, 2, 4)
    earlier = revision_number()
    holders_then = post_holder_list_on(post="cmd:KAZ", day=day)
    Tenure.objects.filter(post__slug="cmd:KAZ", person__slug="kosanov-dauren").delete()
    Person.objects.filter(slug="kosanov-dauren").update(slug="kosanov-d")
    assert post_holder_list_on(post="cmd:KAZ", day=day) != holders_then
    with records_as_recorded(earlier) as number:
        assert number == earlier
        assert revision_number() == earlier
        assert post_holder_list_on(post="cmd:KAZ", day=day) == holders_then
        assert Person.objects.filter(slug="kosanov-dauren").exists()
    assert not Person.objects.filter(slug="kosanov-dauren").exists()  # the tables are read again after
    _current_equals_history()


def test_a_reimport_of_the_same_dataset_gives_the_records_their_ids_back_and_keeps_no_second_copy() -> None:
    ids = set(Tenure.objects.values_list("pk", flat=True))
    before = _history_rows()
    dataset_import(BUILTIN)
    assert set(Tenure.objects.values_list("pk", flat=True)) == ids
    assert _history_rows() == before
    _current_equals_history()


def test_a_service_write_is_kept_with_the_revision_it_made() -> None:
    earlier = revision_number()
    made = decision_draft(body="csc", title="On the history", title_ru=None, session=None, actor="test")
    with records_as_recorded(earlier):
        from csto_registry.records.models import Decision

        assert not Decision.objects.filter(slug=made["id"]).exists()
    _current_equals_history()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("999999", "there is no revision 999999 yet"),
        ("yesterday", "expected a revision's number or a time"),
        ("1990-01-01T00:00", "no revision was recorded by then"),
    ],
)
def test_a_revision_the_history_does_not_hold_is_refused_with_the_reason(value: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message), records_as_recorded(value):
        pass


def test_a_time_names_the_last_revision_made_by_then() -> None:
    from csto_registry.records.models import AuditEntry

    entry = AuditEntry.objects.filter(revision__isnull=False).order_by("-revision").first()
    moment = entry.at.strftime("%Y-%m-%dT%H:%M:%S.%f")
    with records_as_recorded(moment) as number:
        assert number == entry.revision


def test_the_api_and_the_pages_answer_as_recorded_and_name_that_revision() -> None:
    from django.test import Client

    client = Client()
    earlier = revision_number()
    address = "/api/v1/posts/cmd:KAZ/holders?on=2026-02-04"
    then = client.get(address).json()
    Tenure.objects.filter(post__slug="cmd:KAZ", person__slug="kosanov-dauren").delete()
    assert client.get(address).json() != then
    recorded = client.get(f"{address}&as_recorded={earlier}")
    assert (recorded.status_code, recorded.json(), recorded["X-Record-Revision"]) == (200, then, str(earlier))
    page = client.get(f"/bodies/cmd/?on=2026-02-04&rev={earlier}")
    assert page.status_code == 200
    assert "Dauren Kosanov" in page.content.decode()
    assert "Dauren Kosanov" not in client.get("/bodies/cmd/?on=2026-02-04").content.decode()
    refused = client.get(f"{address}&as_recorded=99999999")
    assert refused.status_code == 422
    assert "no revision 99999999" in refused.json()["error"]["message"]
    assert client.get("/?rev=soon").status_code == 400
    assert client.get(f"/api/v1/search?q=Shoigu&as_recorded={earlier}").status_code == 422  # the current index only
    assert client.post(f"/api/v1/decisions?as_recorded={earlier}", {}).status_code == 422


def test_an_import_that_fails_leaves_the_history_kept_as_before(tmp_path: Any) -> None:
    from csto_registry.datasets.errors import DatasetError

    broken = tmp_path / "broken"
    broken.mkdir()
    for file in sorted(BUILTIN.glob("*.yaml")):
        broken.joinpath(file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    broken.joinpath("99-broken.yaml").write_text("tenures:\n  - post: nowhere\n", encoding="utf-8")
    with pytest.raises(DatasetError):
        dataset_import(broken)
    tenure = Tenure.objects.filter(post__slug="cmd:KAZ", person__slug="kosanov-dauren").get()
    before = _history_rows()
    tenure.note = "Written after a failed import."
    tenure.save()  # the triggers are there again (on SQLite the import had dropped them inside its transaction)
    assert _history_rows() == before + 1
    _current_equals_history()
