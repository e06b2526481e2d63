"""What helps a reader read a page: date controls that say what they do (year filters on the sessions and
exercises, no day control where no answer depends on the day), why a possible holder is only possible, the
certainty legend, predecessors and successors, the changes page, and the cite box."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.helpers import page

pytestmark = pytest.mark.django_db


def _session_days(html: str) -> list[str]:
    return re.findall(r'<tr id="session-[^"]+"><td>([^<]+)</td>', html)


def test_sessions_of_a_year_are_the_sessions_that_began_in_it(client: Client) -> None:
    every = _session_days(page(client, "/sessions/"))
    of_2019 = _session_days(page(client, "/sessions/?year=2019"))
    assert of_2019, "the record has sessions in 2019"
    assert all(day.endswith("2019") for day in of_2019)  # in words: "23 May 2019"
    assert sorted(of_2019) == sorted(day for day in every if day.endswith("2019"))
    assert len(of_2019) < len(every)
    # The filter offers the years that have sessions, the chosen one selected.
    assert '<option value="2019" selected>2019</option>' in page(client, "/sessions/?year=2019")


def test_a_year_without_records_is_refused_with_a_message_not_replaced(client: Client) -> None:
    html = page(client, "/sessions/?year=1980", status=400)
    assert "1980" in html
    assert "is not a year with records here (1993-" in html
    assert len(_session_days(html)) == len(_session_days(page(client, "/sessions/")))
    page(client, "/forces/?year=abc", status=400)


def test_exercises_of_a_year(client: Client) -> None:
    html = page(client, "/forces/?year=2019")
    dates = re.findall(r'<tr id="exercise-[^"]+"><td>[^<]*</td><td>([^<]*)</td>', html)
    assert dates
    assert all(d.endswith("2019") for d in dates)


@pytest.mark.parametrize("url", ["/sessions/", "/forces/", "/operations/", "/cases/", "/data/", "/about/"])
def test_a_page_whose_answers_do_not_depend_on_the_day_has_no_day_control(client: Client, url: str) -> None:
    html = page(client, url)
    assert 'id="on"' not in html
    assert 'id="year"' not in html


@pytest.mark.parametrize("url", ["/", "/states/", "/bodies/cmd/", "/instruments/", "/people/sidorov-anatoly/"])
def test_a_page_of_a_day_has_the_day_control_and_the_slider_shows_its_year(client: Client, url: str) -> None:
    html = page(client, f"{url}?year=2008")
    assert 'id="on"' in html
    assert '<output id="year-shown" for="year">2008</output>' in html


def test_a_possible_holder_says_why_in_one_line_in_the_reader_s_language(client: Client) -> None:
    """Kyrgyzstan's Chief of the General Staff on 2016-06-01 is known only from 2016-09-21 on."""
    html = page(client, "/bodies/cmd/?on=2016-06-01")
    assert "no start recorded; first confirmed 2016-09-21" in html
    russian = client.get("/bodies/cmd/?on=2016-06-01", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "начало не записано; впервые подтверждено 2016-09-21" in russian
    # An open fact after its last confirmation: "possible — last confirmed ...".
    assert re.search(r"possible — last confirmed 2026-0\d-\d\d", page(client, "/bodies/cmd/?on=2026-06-01"))


def test_the_changes_page_lists_what_changed_between_two_days(client: Client) -> None:
    html = page(client, "/changes/?from=2024-05-01&to=2024-05-31")
    assert "Changes after 2024-05-01 up to 2024-05-31" in html
    assert 'href="/people/belousov-andrei/"' in html
    assert "after Sergei Shoigu" in html
    russian = client.get("/changes/?from=2024-05-01&to=2024-05-31", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "вступает в должность" in russian
    refused = page(client, "/changes/?from=2024-05-31&to=2024-05-01", status=400)
    assert "must be after" in refused


@pytest.mark.parametrize("url", ["/", "/states/", "/bodies/cmd/", "/people/sidorov-anatoly/", "/instruments/"])
def test_every_page_that_marks_certainty_explains_it_beside_its_first_table_or_chart(client: Client, url: str) -> None:
    html = page(client, url)
    assert 'class="legend"' in html
    assert html.index('class="legend"') < min(i for i in (html.find("<table"), html.find("<figure")) if i >= 0)
    assert 'href="/about/#certainty"' in html


def test_a_seat_s_holders_in_order_name_who_preceded_and_succeeded_each(client: Client) -> None:
    html = page(client, "/bodies/cmd/")
    row = re.search(r'<tr><td><a href="/people/belousov-andrei/">Andrei Belousov</a>.*?</tr>', html, re.S)
    assert row is not None
    assert '<a href="/people/shoigu-sergei/">Sergei Shoigu</a>' in row.group(0)


def test_every_page_has_a_cite_box_with_its_day_and_the_record_s_revision(client: Client) -> None:
    from csto_registry.records.revision import revision_number

    number = revision_number()
    assert number is not None
    response = client.get("/bodies/cmd/?year=2008")
    html = response.content.decode()
    assert response["X-Record-Revision"] == str(number)
    assert "Cite this page" in html
    assert (
        f'CSTO Registry, record revision {number}: <code class="address">'
        f"http://testserver/bodies/cmd/?on=2008-01-01&amp;rev={number}</code>" in html
    )
    api = client.get("/api/v1/members?at=1995-01-01")
    assert api["X-Record-Revision"] == str(number)


@pytest.mark.parametrize(
    ("edtf", "english", "russian"),
    [
        ("2015", "2015", "2015"),
        ("2015-09", "September 2015", "сентябрь 2015"),
        ("2006-22", "summer 2006", "лето 2006"),
        ("2022-04-01", "1 April 2022", "1 апреля 2022"),
        ("2016-10/..", "from October 2016", "с октября 2016"),
        ("../2001-04", "until April 2001", "до апреля 2001"),
        ("2015-09-30/2015-10-04", "30 September 2015 – 4 October 2015", "30 сентября 2015 – 4 октября 2015"),
        ("[1993-09-09,1993-12-09]", "9 September 1993 or 9 December 1993", "9 сентября 1993 или 9 декабря 1993"),
        ("1998~", "about 1998", "около 1998"),
        ("not-edtf", "not-edtf", "not-edtf"),
    ],
)
def test_dates_are_shown_in_words_at_their_precision(edtf: str, english: str, russian: str) -> None:
    from django.utils import translation

    from csto_registry.web.templatetags.registry import edtf_words

    with translation.override("en"):
        assert edtf_words(edtf) == english
    with translation.override("ru"):
        assert edtf_words(edtf) == russian


def test_a_tenure_s_certain_span_ends_on_the_last_day_it_certainly_held(client: Client) -> None:
    # Sidorov: from 2015-09-15 until 2023-11-23 (his successor's day): certainly through 22 November 2023.
    html = page(client, "/people/sidorov-anatoly/")
    row = re.search(r"<tr><td><a href=\"/bodies/joint-staff/.*?</tr>", html, re.S)
    assert row is not None
    assert "<td>15 September 2015</td><td>22 November 2023</td>" in row.group(0)
