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
    number = revision_number()
    # No day named: today's; and the revision, so that the command answers the same after later writes.
    assert cited["address"] == f"csto who cmd:RUS --on {today} --as-recorded {number}"
    assert cited["revision"] == number
    assert cited["retrieved"] == today
    assert cited["citation"] == (
        f"CSTO Registry, record revision {number}: csto who cmd:RUS --on {today} --as-recorded {number}"
        f" (retrieved {today})."
    )


def test_a_command_that_names_its_day_or_needs_none_is_cited_as_given_with_the_revision() -> None:
    rev = f"--as-recorded {revision_number()}"
    cited = csto_json("cite", "holders", "cssc", "--on", "2022-04-01")["address"]
    assert cited == f"csto holders cssc --on 2022-04-01 {rev}"
    assert csto_json("cite", "csto", "gaps")["address"] == f"csto gaps {rev}"
    assert csto_json("cite", "who", "cmd:RUS", "--history")["address"] == f"csto who cmd:RUS --history {rev}"
    assert csto_json("cite", "case", "show", "kazakhstan-2022")["address"] == f"csto case show kazakhstan-2022 {rev}"


def test_a_revision_already_named_is_kept_and_a_command_that_is_not_a_read_gets_none() -> None:
    assert csto_json("cite", "who", "cmd:RUS", "--history", "--as-recorded", "2")["address"] == (
        "csto who cmd:RUS --history --as-recorded 2"
    )
    assert csto_json("cite", "revisions")["address"] == "csto revisions"
    assert csto_json("cite", "unknown-command")["address"] == "csto unknown-command"


def test_a_page_is_cited_by_its_address_on_the_site_with_the_revision() -> None:
    rev = revision_number()
    cited = csto_json("cite", "/bodies/cmd/?on=2022-04-01", "--base-url", "https://registry.example/")
    assert cited["address"] == f"https://registry.example/bodies/cmd/?on=2022-04-01&rev={rev}"
    assert csto_json("cite", "https://elsewhere.example/states/")["address"] == (
        f"https://elsewhere.example/states/?rev={rev}"
    )
    assert csto_json("cite", "/states/?rev=1")["address"] == "http://127.0.0.1:8000/states/?rev=1"


def test_a_day_given_as_on_equals_is_kept_and_a_dayless_command_gets_none() -> None:
    rev = f"--as-recorded {revision_number()}"
    cited = csto_json("cite", "who", "cmd:RUS", "--on=2022-04-01")["address"]
    assert cited == f"csto who cmd:RUS --on=2022-04-01 {rev}"
    assert csto_json("cite", "person", "shoigu")["address"] == f"csto person shoigu {rev}"  # person takes no --on
