"""A workflow step given input it cannot use is refused in one line naming the field, and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from csto_registry.records.errors import InvalidInput
from csto_registry.records.models import Case, Operation, State
from csto_registry.records.selectors.common import root_get
from csto_registry.records.services.cases import case_close, case_mission

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided() -> str:
    Case.objects.create(
        slug="wi-case", victim=State.objects.get(code="ARM"), opened="2008-01-01", summary={"en": "x"},
        dataset=root_get(), status=Case.Status.DECIDED,
    )  # fmt: skip
    return "wi-case"


@pytest.mark.parametrize("name", ["", "   "])
def test_a_mission_needs_a_name(decided: str, name: str) -> None:
    with pytest.raises(InvalidInput, match=r"wi-case: name=.*a mission needs a name"):
        case_mission(case=decided, name=name, start=dt.date(2008, 1, 2), actor="test")
    assert not Operation.objects.filter(slug="wi-case-mission").exists()
    assert Case.objects.get(slug=decided).status == Case.Status.DECIDED


def test_a_case_is_not_closed_before_its_mission_began(decided: str) -> None:
    case_mission(case=decided, name="Mission", start=dt.date(2008, 1, 10), actor="test")
    with pytest.raises(InvalidInput, match=r"wi-case: date='2008-01-09': before its mission's start \(2008-01-10\)"):
        case_close(case=decided, day=dt.date(2008, 1, 9), actor="test")
    assert Case.objects.get(slug=decided).status == Case.Status.MISSION
    assert Operation.objects.get(slug="wi-case-mission").end == ""
