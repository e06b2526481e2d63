"""The records' revision: every write changes it, and an answer cached on it is never stale."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import transaction

from csto_registry.records.models import State, StateMembership
from csto_registry.records.revision import ANSWERS, STAMP_SECONDS, revision_stamp
from csto_registry.records.selectors.common import root_get
from csto_registry.records.selectors.memberships import membership_list_on
from csto_registry.records.services.accounts import user_add

pytestmark = pytest.mark.django_db
DAY = dt.date(2030, 1, 1)


def codes() -> list[str]:
    return [row["state"] for row in membership_list_on(day=DAY)]


def test_a_saved_record_changes_the_revision() -> None:
    before = revision_number()
    State.objects.filter(code="ARM").first().save()  # type: ignore[union-attr]
    assert revision_number() == before + 1
    assert revision_stamp() is None  # nothing is kept under a stamp while the transaction that wrote is open


def test_a_service_write_changes_the_revision() -> None:
    before = revision_number()
    user_add(username="rev", role="secretariat", actor="test")
    assert revision_number() == before + 1


def test_a_cached_answer_follows_every_write() -> None:
    ANSWERS.clear()
    first = codes()
    hits = ANSWERS.hits
    assert codes() == first
    assert ANSWERS.hits == hits + 1  # the second read is answered from the cache
    state = State.objects.create(code="XYZ", name={"en": "Testland"})
    StateMembership.objects.create(
        state=state, organization=root_get(), dataset=root_get(), status="member", start="2025", end="",
        start_min=dt.date(2025, 1, 1), start_max=dt.date(2025, 12, 31),
        end_min=dt.date(9999, 12, 31), end_max=dt.date(9999, 12, 31),
    )  # fmt: skip
    assert codes() == sorted([*first, "XYZ"])


def stored_stamp() -> str:
    """The stamp in the database (revision_stamp() gives None inside a transaction that wrote)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT stamp FROM records_revision WHERE id = 1")
        return str(cursor.fetchone()[0])


def test_a_rolled_back_write_never_brings_back_a_stamp() -> None:
    ANSWERS.clear()
    before = revision_stamp()
    seen_inside: list[str | None] = []

    def write_then_fail() -> None:
        with transaction.atomic():
            State.objects.create(code="QQQ", name={"en": "Gone"})
            seen_inside.append(stored_stamp())
            codes()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert revision_stamp() == before
    State.objects.create(code="QQR", name={"en": "Kept"})
    assert stored_stamp() not in (before, *seen_inside)


@pytest.mark.django_db(transaction=True)
def test_a_write_by_another_process_is_seen() -> None:
    from django.db import connection

    from csto_registry.datasets.builtin import BUILTIN
    from csto_registry.datasets.importer import dataset_import

    dataset_import(BUILTIN)
    ANSWERS.clear()
    first = codes()
    # Another process changes a membership with plain SQL and the revision, as every writer does.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE records_statemembership SET end_max = %s, end_min = %s WHERE status = 'member'",
                       [dt.date(2020, 1, 1), dt.date(2020, 1, 1)])  # fmt: skip
        cursor.execute("UPDATE records_revision SET number = number + 1, stamp = 'other-process' WHERE id = 1")
    assert first
    time.sleep(STAMP_SECONDS + 0.05)  # another process's write is seen within STAMP_SECONDS
    assert codes() == []


def revision_number() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM records_revision WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else 0  # a flushed database has no revision row until its next write


@pytest.mark.django_db(transaction=True)
def test_a_transaction_changes_the_revision_once_however_much_it_writes() -> None:
    before = revision_number()
    with transaction.atomic():
        for code in ("QQA", "QQB", "QQC"):
            State.objects.create(code=code, name={"en": code})
        State.objects.filter(code__in=["QQA", "QQB"]).delete()
    assert revision_number() == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_write_rolled_back_to_its_savepoint_does_not_stop_the_next_from_changing_the_revision() -> None:
    before, stamp = revision_number(), revision_stamp()
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint
                State.objects.create(code="QQD", name={"en": "Undone"})
                raise RuntimeError
        except RuntimeError:
            pass
        State.objects.create(code="QQE", name={"en": "Kept"})
    assert revision_number() == before + 1
    assert revision_stamp() != stamp


@pytest.mark.django_db(transaction=True)
def test_an_answer_read_between_two_writes_of_one_transaction_is_not_kept() -> None:
    from csto_registry.datasets.builtin import BUILTIN
    from csto_registry.datasets.importer import dataset_import

    dataset_import(BUILTIN)
    ANSWERS.clear()
    with transaction.atomic():
        state = State.objects.create(code="QQF", name={"en": "Testland"})
        assert "QQF" not in codes()  # read under the stamp this transaction commits with
        StateMembership.objects.create(
            state=state, organization=root_get(), dataset=root_get(), status="member", start="2025", end="",
            start_min=dt.date(2025, 1, 1), start_max=dt.date(2025, 12, 31),
            end_min=dt.date(9999, 12, 31), end_max=dt.date(9999, 12, 31),
        )  # fmt: skip
    assert "QQF" in codes()


@pytest.mark.django_db(transaction=True)
def test_a_request_sees_every_write_that_completed_before_it_began() -> None:
    from django.db import connection
    from django.test import Client

    from csto_registry.datasets.builtin import BUILTIN
    from csto_registry.datasets.importer import dataset_import

    dataset_import(BUILTIN)
    ANSWERS.clear()
    client = Client()
    assert client.get("/api/v1/members?at=2030-01-01").json()
    # Another process's write, as in test_a_write_by_another_process_is_seen, but with no wait:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE records_statemembership SET end_max = %s, end_min = %s WHERE status = 'member'",
                       [dt.date(2020, 1, 1), dt.date(2020, 1, 1)])  # fmt: skip
        cursor.execute("UPDATE records_revision SET number = number + 1, stamp = 'other-process' WHERE id = 1")
    assert client.get("/api/v1/members?at=2030-01-01").json() == []
