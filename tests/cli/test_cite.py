"""`csto cite`: a citation of a page or of a command's answer, with the record's revision and today."""

from __future__ import annotations

import datetime as dt

import pytest

from csto_registry.records.revision import revision_number
from tests.helpers import csto_json

pytestmark = pytest.mark.django_db


def test_a_command_is_cited_with_the_revision_and_the_day_it_answers_for() -> None:
    today = dt.datetime.now(dt.UTC).date().isoformat()
    cited = csto_json("cite", "who", "cmd:RUS")
    assert cited["address"] == f"csto who cmd:RUS --on {today}"  # no day named: today's, so the answer stays put
    assert cited["revision"] == revision_number()
    assert cited["retrieved"] == today
    assert cited["citation"] == (
        f"CSTO Registry, record revision {cited['revision']}: csto who cmd:RUS --on {today} (retrieved {today})."
    )


def test_a_command_that_names_its_day_or_needs_none_is_cited_as_given() -> None:
    assert csto_json("cite", "holders", "cssc", "--on", "2022-04-01")["address"] == "csto holders cssc --on 2022-04-01"
    assert csto_json("cite", "csto", "gaps")["address"] == "csto gaps"
    assert csto_json("cite", "who", "cmd:RUS", "--history")["address"] == "csto who cmd:RUS --history"


def test_a_page_is_cited_by_its_address_on_the_site() -> None:
    cited = csto_json("cite", "/bodies/cmd/?on=2022-04-01", "--base-url", "https://registry.example/")
    assert cited["address"] == "https://registry.example/bodies/cmd/?on=2022-04-01"
    assert csto_json("cite", "https://elsewhere.example/states/")["address"] == "https://elsewhere.example/states/"


def test_a_day_given_as_on_equals_is_kept_and_a_dayless_command_gets_none() -> None:
    assert csto_json("cite", "who", "cmd:RUS", "--on=2022-04-01")["address"] == "csto who cmd:RUS --on=2022-04-01"
    assert csto_json("cite", "person", "shoigu")["address"] == "csto person shoigu"  # person takes no --on
