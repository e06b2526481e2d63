"""The first page: member states and bodies as of a day."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_overview_lists_the_members_of_the_chosen_day(client: Client) -> None:
    page = client.get("/", {"on": "2008-01-01"}).content.decode()
    assert "Uzbekistan" in page
    assert "Collective Security Council" in page


def test_overview_marks_possible_facts(client: Client) -> None:
    page = client.get("/", {"on": "2006-07-15"}).content.decode()
    assert '<tr class="possible">' in page


def test_overview_refuses_a_malformed_day_with_400(client: Client) -> None:
    response = client.get("/", {"on": "2008-02-30"})
    assert response.status_code == 400
    assert "is not a day" in response.content.decode()
