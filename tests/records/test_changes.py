"""What changed between two days: the changes found on the built-in dataset, and the property that applying the
changes from D1 to D2 to the record of D1 gives the record of D2 (on the built-in and the synthetic dataset)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from csto_registry.datasets.importer import dataset_import
from csto_registry.records.errors import InvalidInput
from csto_registry.records.models import StateMembership, Tenure
from csto_registry.records.selectors.changes import changes_between
from csto_registry.records.selectors.tenures import holder_snapshot_on
from csto_registry.timeline import EARLIEST, LATEST, holds_on
from tests.test_any_organization import write_synthetic

pytestmark = pytest.mark.django_db
D = dt.date


def _find(changes: list[dict[str, Any]], **fields: Any) -> list[dict[str, Any]]:
    return [c for c in changes if all(c.get(k) == v for k, v in fields.items())]


def test_between_the_seed_and_mid_2026_russia_s_defence_minister_changes_with_his_successor_named() -> None:
    found = changes_between(start=D(2022, 4, 1), end=D(2026, 6, 1))
    (left,) = _find(found["changes"], kind="leaves-office", post="cmd:RUS", person="shoigu-sergei")
    assert (left["date"], left["certainty"]) == ("2024-05-12", "certain")
    assert left["successor"] == {"person": "belousov-andrei", "name": "Andrei Belousov"}
    (came,) = _find(found["changes"], kind="takes-office", post="cmd:RUS", person="belousov-andrei")
    assert came["predecessor"]["person"] == "shoigu-sergei"
    assert came["sources"]
    (frozen,) = _find(found["changes"], kind="status-begins", state="ARM", status="frozen")
    assert frozen["certainty"] == "certain"
    assert _find(found["changes"], kind="takes-office", post="secretary-general", person="masadykov-taalatbek")
    # In date order.
    days = [c["earliest"] or c["latest"] for c in found["changes"]]
    assert days == sorted(days)


def test_bodies_forces_operations_and_instruments_change_too() -> None:
    found = changes_between(start=D(1999, 1, 1), end=D(2010, 1, 1))["changes"]
    kinds = {c["kind"] for c in found}
    assert {"body-founded", "force-formed", "operation-begins", "instrument", "session", "chair-passes"} <= kinds
    assert {c["state"] for c in _find(found, kind="status-ends")} >= {"AZE", "GEO", "UZB"}  # the 1999 exits
    with_state = changes_between(start=D(1999, 1, 1), end=D(2010, 1, 1), state="UZB")["changes"]
    assert not _find(with_state, kind="body-founded")  # a body's founding is no state's change


def test_the_kazakhstan_case_opens_on_the_day_of_the_appeal() -> None:
    found = changes_between(start=D(2022, 1, 1), end=D(2022, 1, 31), state="KAZ")["changes"]
    (opened,) = _find(found, kind="case-opens", case="kazakhstan-2022")
    assert (opened["date"], opened["certainty"], opened["state"]) == ("2022-01-05", "certain", "KAZ")
    assert _find(found, kind="operation-begins") == []  # an operation is no state's change


def test_the_window_holds_the_days_after_its_first_and_up_to_its_last() -> None:
    on_the_day = {"kind": "leaves-office", "post": "cmd:RUS", "person": "shoigu-sergei"}
    assert _find(changes_between(start=D(2024, 5, 11), end=D(2024, 5, 12))["changes"], **on_the_day)
    assert not _find(changes_between(start=D(2024, 5, 12), end=D(2024, 5, 20))["changes"], **on_the_day)


def test_a_change_known_only_to_the_month_is_possible_in_a_window_that_holds_part_of_the_month() -> None:
    # Kyrgyzstan's secretary Imankulov left in May 2025 (month only).
    overlapping = changes_between(start=D(2025, 4, 20), end=D(2025, 5, 15), body="cssc")["changes"]
    (left,) = _find(overlapping, kind="leaves-office", post="cssc:KGZ", person="imankulov-marat")
    assert (left["date"], left["certainty"], left["earliest"], left["latest"]) == (
        "2025-05",
        "possible",
        "2025-05-01",
        "2025-05-31",
    )
    around = changes_between(start=D(2025, 4, 1), end=D(2025, 7, 1), body="cssc")["changes"]
    assert _find(around, kind="leaves-office", person="imankulov-marat")[0]["certainty"] == "certain"
    # A window inside the month: the record places the change no more inside it than outside; not listed.
    inside = changes_between(start=D(2025, 5, 10), end=D(2025, 5, 20), body="cssc")["changes"]
    assert not _find(inside, kind="leaves-office", person="imankulov-marat")


def test_filters_by_body_and_state_and_bad_windows_are_refused() -> None:
    russia = changes_between(start=D(2022, 4, 1), end=D(2026, 6, 1), state="rus")["changes"]
    assert russia
    assert all(c.get("state") in ("RUS", None) for c in russia)
    assert all(c.get("post", "").endswith(":RUS") or "post" not in c or c["post"] in _offices() for c in russia)
    defence = changes_between(start=D(2022, 4, 1), end=D(2026, 6, 1), body="cmd")["changes"]
    assert defence
    assert {c["body"] for c in defence} == {"cmd"}
    with pytest.raises(InvalidInput, match="must be after"):
        changes_between(start=D(2024, 1, 1), end=D(2024, 1, 1))
    with pytest.raises(InvalidInput, match="at most 100 years"):
        changes_between(start=D(1900, 1, 1), end=D(2024, 1, 1))


def _offices() -> set[str]:
    return set(Tenure.objects.filter(post__state__isnull=True).values_list("post__slug", flat=True))


# The property. What the record says of a fact on a day, from its bounds: has it started (yes, maybe, no),
# has it ended; a change carries a side of the fact over the window: after it, "yes" if it surely fell
# inside, else "maybe".
def _side(low: dt.date, high: dt.date, day: dt.date) -> str:
    return "yes" if high <= day else "maybe" if low <= day else "no"


def _certainty(started: str, ended: str) -> str:
    if started == "yes" and ended == "no":
        return "certain"
    return "possible" if started != "no" and ended != "yes" else "no"


def _day(value: str | None, default: dt.date) -> dt.date:
    return default if value is None else dt.date.fromisoformat(value)


def _applied(fact: Any, day: dt.date, changes: list[dict[str, Any]]) -> str:
    """What the record says of `fact` on the window's last day, from what it says on the day before the window
    and the changes the window lists for it (and nothing else about the fact)."""
    started = _side(fact.start_min, fact.start_max, day)
    ended = _side(fact.end_min, fact.end_max, day)
    for change in changes:
        done = "yes" if _day(change["latest"], LATEST) <= change["window_last"] else "maybe"
        if change["kind"] in ("takes-office", "status-begins"):
            started = done
        else:
            ended = done
    return _certainty(started, ended)


def _check_property(organization: str, pairs: int, seed: int) -> int:
    rng = random.Random(seed)  # noqa: S311  # reproducible days, not secrets
    tenures = list(Tenure.objects.filter(dataset__slug=organization).select_related("post", "person"))
    memberships = list(StateMembership.objects.filter(organization__slug=organization).select_related("state"))
    keys = Counter((t.post.slug, t.person.slug, t.start, t.end) for t in tenures)
    keys.update((m.state.code, m.status, m.start, m.end) for m in memberships)
    assert max(keys.values()) == 1, "each fact is told apart by its key"
    checked = 0
    for _ in range(pairs):
        first = D(1990, 1, 1) + dt.timedelta(days=rng.randrange(0, 13_500))
        last = first + dt.timedelta(days=rng.choice([1, 2, 30, 200, 365, 1500, 6000]))
        found = changes_between(start=first, end=last, organization=organization)["changes"]
        by_fact: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for change in found:
            if change["kind"] in ("takes-office", "leaves-office"):
                key: tuple[Any, ...] = (change["post"], change["person"], change["from"] or "", change["until"] or "")
            elif change["kind"] in ("status-begins", "status-ends"):
                key = (change["state"], change["status"], change["from"] or "", change["until"] or "")
            else:
                continue
            by_fact.setdefault(key, []).append(change | {"window_last": last})
        expected: Counter[tuple[str, str, str]] = Counter()
        for tenure in tenures:
            mine = by_fact.pop((tenure.post.slug, tenure.person.slug, tenure.start, tenure.end), [])
            applied = _applied(tenure, first, mine)
            assert applied == holds_on(tenure.bounds, last), (first, last, tenure.post.slug, tenure.person.slug, mine)
            if applied != "no":
                expected[(tenure.post.slug, tenure.person.slug, applied)] += 1
        for membership in memberships:
            mine = by_fact.pop((membership.state.code, membership.status, membership.start, membership.end), [])
            assert _applied(membership, first, mine) == holds_on(membership.bounds, last), (first, last, mine)
        assert not by_fact, f"changes of no fact: {by_fact}"
        # And the record of the last day, as the holders' snapshot answers it, is the one the changes give.
        snapshot = Counter((post, person, certainty) for _, post, person, _, certainty in _snapshot(last, organization))
        assert snapshot == expected, (first, last)
        checked += len(found)
    return checked


def _snapshot(day: dt.date, organization: str) -> list[tuple[Any, ...]]:
    return holder_snapshot_on(day=day, organization=organization)


def test_applying_the_changes_to_the_record_of_one_day_gives_the_record_of_another_built_in() -> None:
    assert _check_property("csto", pairs=60, seed=7) > 100  # the pairs do exercise changes


def test_applying_the_changes_gives_the_record_of_another_day_synthetic(tmp_path: Path) -> None:
    dataset_import(write_synthetic(tmp_path, seed=3, scale=0.0005))
    assert Tenure.objects.filter(dataset__slug="synth").count() >= 500
    assert _check_property("synth", pairs=30, seed=11) > 100


def test_no_bound_is_a_change() -> None:
    # A fact with no known start has none to list: its start span reaches past every window's beginning.
    found = changes_between(start=D(1990, 1, 1), end=D(2027, 1, 1))["changes"]
    assert all(c["earliest"] != EARLIEST.isoformat() for c in found)


def test_a_window_with_too_many_changes_is_refused_before_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from csto_registry.records.selectors import changes

    monkeypatch.setattr(changes, "MOST_CHANGES", 5)
    with pytest.raises(InvalidInput, match="more than 5 tenures may begin or end in this window"):
        changes_between(start=D(2022, 4, 1), end=D(2026, 6, 1))
    monkeypatch.setattr(changes, "MOST_CHANGES", 100_000)
    assert changes_between(start=D(2022, 4, 1), end=D(2026, 6, 1))["changes"]


def test_a_decision_adopted_in_the_window_is_a_change_of_its_body() -> None:
    from csto_registry.records.models import Decision, Organization

    csc = Organization.objects.get(slug="csc")
    Decision.objects.create(
        slug="test-decision-2024",
        body=csc,
        title={"en": "On a test"},
        status=Decision.Status.ADOPTED,
        number="1",
        adopted_on=D(2024, 11, 28),
        dataset=Organization.objects.get(slug="csto"),
    )
    found = changes_between(start=D(2024, 11, 1), end=D(2024, 11, 30), body="csc")["changes"]
    (adopted,) = _find(found, kind="decision-adopted", decision="test-decision-2024")
    assert (adopted["date"], adopted["certainty"], adopted["body"]) == ("2024-11-28", "certain", "csc")
    assert not _find(changes_between(start=D(2024, 11, 1), end=D(2024, 11, 30), body="cmd")["changes"],
                     kind="decision-adopted")  # fmt: skip
