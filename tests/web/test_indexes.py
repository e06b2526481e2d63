"""Pages for every kind of record: indexes of people, cases and partners, one state, one operation; the 404 page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.helpers import page

pytestmark = pytest.mark.django_db


def test_people_are_listed_and_filtered_by_nationality(client: Client) -> None:
    everyone = page(client, "/people/")
    assert 'href="/people/sidorov-anatoly/"' in everyone
    russians = page(client, "/people/?state=RUS")
    assert 'href="/people/shoigu-sergei/"' in russians
    assert 'href="/people/tokayev-kassym-jomart/"' not in russians
    assert "/people/tokayev-kassym-jomart/" in page(client, "/people/?state=kaz")
    page(client, "/people/?state=XXX", status=404)


def test_people_come_a_page_at_a_time(client: Client) -> None:
    first = page(client, "/people/")
    assert len(re.findall(r'<li><a href="/people/', first)) == 100
    assert 'rel="next" href="?page=2"' in first
    second = page(client, "/people/?page=2")
    assert set(re.findall(r'href="(/people/[^"]+/)"', first)).isdisjoint(re.findall(r'href="(/people/[^"]+/)"', second))


def test_the_menu_lists_the_cases_from_the_records(client: Client) -> None:
    overview = page(client, "/")
    assert 'href="/cases/"' in overview
    assert 'href="/cases/kazakhstan-2022/"' not in overview  # no case is written into the menu
    cases = page(client, "/cases/")
    assert '<a href="/cases/kazakhstan-2022/">Kazakhstan</a>' in cases
    assert "5 January 2022" in cases  # the appeal's day, in words


def test_partners_are_listed_with_their_pages(client: Client) -> None:
    assert 'href="/bodies/rt/"' in page(client, "/partners/")


def test_a_state_page_shows_its_status_seats_sessions_and_contingents(client: Client) -> None:
    russia = page(client, "/states/RUS/")
    assert "Russian Federation" in russia
    assert 'id="post-cmd:RUS"' in russia
    assert 'href="/people/shoigu-sergei/"' in russia
    assert "Moscow" in russia  # a session it hosted
    assert client.get("/states/rus/")["Location"] == "/states/RUS/"  # one address per state
    armenia = page(client, "/states/ARM/")
    assert 'href="/operations/kazakhstan-2022-mission/"' in armenia  # its contingent in the 2022 mission
    assert "100 people" in armenia
    page(client, "/states/XYZ/", status=404)


def test_an_operation_page_draws_the_mission_s_contingents_by_state(client: Client) -> None:
    mission = page(client, "/operations/kazakhstan-2022-mission/")
    assert 'href="/states/ARM/"' in mission
    assert "Contingents" in mission
    assert "Total" in mission
    channel = page(client, "/operations/channel/")
    assert "heroin" in channel.lower()
    page(client, "/operations/nonesuch/", status=404)


@pytest.mark.parametrize(("language", "words"), [("en", "Page not found"), ("ru", "Страница не найдена")])
def test_the_404_page_is_the_site_s_in_the_reader_s_language(client: Client, language: str, words: str) -> None:
    client.cookies["django_language"] = language
    missing = page(client, "/no/such/page/", status=404)
    assert words in missing
    assert 'class="site"' in missing  # the site's header and menu
    assert f'<html lang="{language}">' in missing


def test_every_page_names_the_site_s_icon(client: Client) -> None:
    assert '<link rel="icon" href="/static/web/favicon.svg"' in page(client, "/")
    redirect = client.get("/favicon.ico")
    assert (redirect.status_code, redirect["Location"]) == (301, "/static/web/favicon.svg")
    icon = client.get("/static/web/favicon.svg")
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content) if icon.streaming else icon.content
