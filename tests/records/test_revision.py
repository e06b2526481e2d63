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
    before = revision_stamp()
    State.objects.filter(code="ARM").first().save()  # type: ignore[union-attr]
    assert revision_stamp() not in (None, before)


def test_a_service_write_changes_the_revision() -> None:
    before = revision_stamp()
    user_add(username="rev", role="secretariat", actor="test")
    assert revision_stamp() != before


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


def test_a_rolled_back_write_never_brings_back_a_stamp() -> None:
    ANSWERS.clear()
    before = revision_stamp()
    seen_inside: list[str | None] = []

    def write_then_fail() -> None:
        with transaction.atomic():
            State.objects.create(code="QQQ", name={"en": "Gone"})
            seen_inside.append(revision_stamp())
            codes()  # an answer cached under a stamp only this transaction ever saw
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert revision_stamp() == before
    State.objects.create(code="QQR", name={"en": "Kept"})
    assert revision_stamp() not in (before, *seen_inside)


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
