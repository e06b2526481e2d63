"""The selectors' certainty, computed in SQL for speed, agrees with timeline.holds_on."""

from __future__ import annotations

import datetime as dt

import pytest

from csto_registry.records.models import Post, StateMembership, Tenure
from csto_registry.records.selectors.memberships import membership_list_on
from csto_registry.records.selectors.tenures import holder_list_on, post_holder_list_on
from csto_registry.timeline import Certainty, holds_on

pytestmark = pytest.mark.django_db
DAYS = [
    dt.date(1994, 4, 19),
    dt.date(1999, 4, 19),
    dt.date(1999, 4, 20),
    dt.date(2006, 7, 15),
    dt.date(2007, 1, 1),
    dt.date(2012, 6, 1),
    dt.date(2015, 9, 10),
    dt.date(2015, 10, 1),
    dt.date(2022, 4, 1),
    dt.date(2022, 4, 2),
    dt.date(2026, 1, 1),
]


@pytest.mark.parametrize("day", DAYS)
def test_member_certainty_is_holds_on(day: dt.date) -> None:
    expected = {
        (m.state.code, m.status): holds_on(m.bounds, day).value
        for m in StateMembership.objects.select_related("state")
        if holds_on(m.bounds, day) is not Certainty.NO
    }
    rows = membership_list_on(day=day, statuses=None)
    # Signatories are derived from the Treaty's events, not stored (test_signatories_are_derived_from_the_treaty).
    assert {(r["state"], r["status"]): r["certainty"] for r in rows if r["status"] != "signatory"} == expected


def test_signatories_are_derived_from_the_treaty() -> None:
    rows = membership_list_on(day=dt.date(1993, 1, 1), statuses=None)
    assert {(r["state"], r["status"], r["certainty"]) for r in rows} == {
        (code, "signatory", "certain") for code in ("ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB")
    }


def test_signatories_become_members_at_entry_into_force() -> None:
    before = membership_list_on(day=dt.date(1994, 4, 19), statuses=None)
    after = membership_list_on(day=dt.date(1994, 4, 20), statuses=None)
    assert {r["status"] for r in before} == {"signatory"}
    assert {r["status"] for r in after} == {"member"}


def test_georgia_signature_is_possible_where_the_sources_differ() -> None:
    rows = membership_list_on(day=dt.date(1993, 10, 1), statuses=("signatory",))
    assert {r["state"]: r["certainty"] for r in rows}["GEO"] == "possible"


@pytest.mark.parametrize("day", DAYS)
def test_holder_certainty_is_holds_on(day: dt.date) -> None:
    for body in ("cmd", "csc", "joint-staff", "csto"):
        expected = sorted(
            (t.post.slug, t.person.slug, holds_on(t.bounds, day).value)
            for t in Tenure.objects.filter(post__organization__slug=body).select_related("post", "person")
            if holds_on(t.bounds, day) is not Certainty.NO
        )
        rows = holder_list_on(body=body, day=day)
        assert sorted((r["post"], r["person"], r["certainty"]) for r in rows) == expected


def test_secretaries_general_follow_one_another() -> None:
    post = Post.objects.get(slug="secretary-general")
    assert post.single
    holders = [[r["person"] for r in post_holder_list_on(post=post.slug, day=d)] for d in DAYS]
    assert all(len(h) <= 1 for h in holders)
    assert post_holder_list_on(post="secretary-general", day=dt.date(2021, 1, 1))[0]["person"] == "zas-stanislav"
