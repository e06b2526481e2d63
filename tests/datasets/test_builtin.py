"""The built-in CSTO dataset: what the seed says, with sources."""

from __future__ import annotations

import datetime as dt

import pytest

from csto_registry.datasets.builtin import database_ensure
from csto_registry.records.models import Organization, Person, Post, State, StateMembership, Tenure
from csto_registry.records.selectors.common import source_map

pytestmark = pytest.mark.django_db

CURRENT = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}


@pytest.mark.parametrize("model", [Organization, Post, Person, State, StateMembership, Tenure])
def test_every_record_cites_a_source(model: type) -> None:
    ids = set(model.objects.values_list("pk", flat=True))
    cited = set(source_map(model, pk__in=ids))
    assert ids == cited


@pytest.mark.parametrize("model", [Organization, Person, State])
def test_every_name_is_in_english_and_russian(model: type) -> None:
    for record in model.objects.all():
        assert {"en", "ru"} <= set(record.name), record


def test_nine_states_are_recorded() -> None:
    assert set(State.objects.values_list("code", flat=True)) >= CURRENT | {"AZE", "GEO", "UZB"}


def test_the_bodies_the_seed_names_are_recorded() -> None:
    slugs = set(Organization.objects.values_list("slug", flat=True))
    assert {
        "csto",
        "csc",
        "cfm",
        "cmd",
        "cssc",
        "permanent-council",
        "secretariat",
        "joint-staff",
        "parliamentary-assembly",
        "crisis-response-center",
        "ccc",
        "ecc",
    } <= slugs


def test_each_council_has_a_seat_per_state_that_was_a_party() -> None:
    # Azerbaijan and Georgia (1993-1999) and Uzbekistan (1992-1999, 2006-2012) had seats too.
    for body in ("csc", "cfm", "cmd", "cssc"):
        seats = set(Post.objects.filter(organization__slug=body).values_list("state__code", flat=True))
        assert seats == CURRENT | {"AZE", "GEO", "UZB"}, body


def test_single_offices_are_marked_single() -> None:
    assert set(Post.objects.filter(single=True).values_list("slug", flat=True)) >= {
        "secretary-general",
        "joint-staff-chief",
    }


def test_seat_of_the_secretariat_is_moscow() -> None:
    assert Organization.objects.get(slug="secretariat").seat["en"] == "Moscow"


def test_joint_staff_exists_from_2004() -> None:
    staff = Organization.objects.get(slug="joint-staff")
    assert staff.start_min == staff.start_max == dt.date(2004, 1, 1)


def test_database_ensure_does_nothing_when_a_dataset_is_loaded() -> None:
    before = Tenure.objects.count()
    assert database_ensure() is None
    assert Tenure.objects.count() == before


def test_treaty_binds_the_nine_and_quotes_article_4() -> None:
    from csto_registry.records.selectors.instruments import instrument_detail

    treaty = instrument_detail(slug="collective-security-treaty")
    assert set(treaty["parties"]) == CURRENT | {"AZE", "GEO", "UZB"}
    assert treaty["articles"][0]["number"] == "4"
    assert "aggression against all" in treaty["articles"][0]["text"]["en"]
    signed = next(e for e in treaty["events"] if e["kind"] == "signed")
    assert (signed["date"], signed["place"]) == ("1992-05-15", "Tashkent")


def test_charter_quotes_articles_3_and_9() -> None:
    from csto_registry.records.selectors.instruments import instrument_detail

    assert {a["number"] for a in instrument_detail(slug="csto-charter")["articles"]} >= {"3", "9"}


def test_every_instrument_and_event_cites_a_source() -> None:
    from csto_registry.records.models import Instrument, InstrumentEvent

    for model in (Instrument, InstrumentEvent):
        ids = set(model.objects.values_list("pk", flat=True))
        assert ids == set(source_map(model, pk__in=ids)), model


def test_memberships_agree_with_the_treaty_events() -> None:
    from csto_registry.records.selectors.rotation import membership_findings

    assert membership_findings() == []


def test_the_un_is_bound_through_its_departments() -> None:
    from csto_registry.records.selectors.instruments import partner_detail

    assert "memorandum-2012-un-dpko" in {i["id"] for i in partner_detail(slug="un")["instruments"]}
