"""The website's pages: states with a timeline, bodies, people, the seed in context, both languages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.helpers import page

pytestmark = pytest.mark.django_db


def test_states_page_draws_the_membership_timeline(client: Client) -> None:
    html = page(client, "/states/?on=2008-01-01")
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    timeline = next(svg for svg in svgs if "<rect" in svg and "(possible)" in svg)
    assert timeline.count("<rect") > 9  # Uzbekistan's summer 2006 return is drawn as uncertain
    assert "Uzbekistan" in html


def test_states_page_draws_the_map_of_the_day(client: Client) -> None:
    html = page(client, "/states/?on=2008-01-01")
    region = re.search(r"<svg[^>]*aria-labelledby=\"map-.*?</svg>", html, re.S)
    assert region is not None
    assert "Uzbekistan: member (certain)" in region.group(0)
    assert "Georgia: withdrawn (certain)" in region.group(0)
    assert 'href="#state-UZB"' in region.group(0)
    assert 'id="state-UZB"' in html


def test_body_page_lists_holders_and_links_people(client: Client) -> None:
    html = page(client, "/bodies/cmd/?on=2022-04-01")
    assert "Sergei Shoigu" in html
    assert "/people/shoigu-sergei/" in html


def test_body_page_says_when_and_by_what_the_body_was_founded(client: Client) -> None:
    assert "Founded 1992-05-15 — Collective Security Treaty of 15 May 1992, Article 3" in page(client, "/bodies/csc/")
    # The Secretariat's founding instrument is known, its first day is not.
    secretariat = page(client, "/bodies/secretariat/")
    assert "Founded — Decision of the Collective Security Council on the Regulations" in secretariat
    # A body with neither a first day nor an instrument on record says nothing of its founding.
    assert "Founded" not in page(client, "/bodies/ccbcd/")


def test_sessions_page_lists_what_a_session_adopted(client: Client) -> None:
    html = page(client, "/sessions/")
    assert "5 documents adopted" in html  # Moscow, 23 June 2005
    assert "(by videoconference)" in html


def test_person_page_shows_tenures_and_a_timeline(client: Client) -> None:
    html = page(client, "/people/sidorov-anatoly/?on=2015-10-01")
    assert "Chief of the Joint Staff" in html
    assert "<svg" in html


def test_a_seed_citation_opens_its_line_in_context(client: Client) -> None:
    html = page(client, "/?on=2008-01-01")
    link = re.search(r'href="(/sources/seed/000_e52e44ee9352e8ff\.txt\?line=(\d+)#L\d+)"', html)
    assert link is not None
    seed = page(client, link.group(1).replace("&amp;", "&"))
    assert f'id="L{link.group(2)}"' in seed


def test_unknown_body_is_404(client: Client) -> None:
    assert client.get("/bodies/nato/").status_code == 404


def test_switching_to_russian_shows_russian_names(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    html = page(client, "/?on=2008-01-01")
    assert "Узбекистан" in html
    assert 'lang="ru"' in html


@pytest.mark.parametrize("url", ["/?on=2008-01-01", "/states/", "/bodies/csc/", "/people/zas-stanislav/"])
def test_pages_load_nothing_from_another_host(client: Client, url: str) -> None:
    html = page(client, url)
    loaded = re.findall(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=\"([^\"]+)\"", html)
    assert all(address.startswith("/") for address in loaded), loaded


def test_instrument_page_quotes_article_4_and_its_history(client: Client) -> None:
    html = page(client, "/instruments/collective-security-treaty/")
    assert "Article 4" in html
    assert "aggression against all" in html
    assert "15 May 1992" in html


def test_instruments_in_force_on_a_day(client: Client) -> None:
    assert "Collective Security Treaty" in page(client, "/instruments/?on=2005-01-01")
    assert "Collective Security Treaty" not in page(client, "/instruments/?on=1993-01-01")


def test_operations_keep_their_qualifiers(client: Client) -> None:
    assert "more than 428 t" in page(client, "/operations/")


def test_kazakhstan_case_reads_as_a_timeline_in_words(client: Client) -> None:
    html = page(client, "/cases/kazakhstan-2022/")
    assert "<h1>Case: Kazakhstan, 5 January 2022" in html
    assert "applies; obliged: Armenia, Belarus, Kyrgyzstan, Russia, Tajikistan" in html
    assert "appeal of Kazakhstan by" in html
    assert "19 January 2022" in html
    assert 'mission: <a href="/operations/kazakhstan-2022-mission/">' in html
    assert "kazakhstan-2022</h1>" not in html


def test_sessions_forces_and_operations_name_states_bodies_and_instruments_not_ids(client: Client) -> None:
    sessions = page(client, "/sessions/?year=2019")
    assert '<a href="/bodies/csc/">Collective Security Council</a></td><td>Bishkek</td><td>Kyrgyzstan</td>' in sessions
    assert ">Plan of Collective Action of the CSTO Member States for Implementing" in sessions
    forces = page(client, "/forces/?year=2021")
    assert "<td>Kazakhstan, Kyrgyzstan, Russia, Tajikistan</td>" in forces
    assert "<td>KAZ, KGZ" not in forces
    operations = page(client, "/operations/")
    assert 'under <a href="/bodies/ccbcd/">Coordination Council' in operations
    assert "2003 – 2022" in operations
    assert "Chair of the Council in 2019: Kyrgyzstan" in page(client, "/?on=2019-06-01")


@pytest.mark.parametrize("url", ["/sessions/", "/forces/", "/instruments/?all=1"])
def test_record_pages_render(client: Client, url: str) -> None:
    assert "<table>" in page(client, url)


def test_search_page_finds_people_in_cyrillic(client: Client) -> None:
    html = page(client, "/search/?q=%D1%81%D0%B8%D0%B4%D0%BE%D1%80%D0%BE%D0%B2")  # "сидоров"
    assert "/people/sidorov-anatoly/" in html


def test_organization_chart_links_every_body_of_the_day(client: Client) -> None:
    html = page(client, "/bodies/?on=2022-04-01")
    chart = re.search(r"<svg.*?</svg>", html, re.S)
    assert chart is not None
    assert "/bodies/joint-staff/?on=2022-04-01" in chart.group(0)
    assert "/bodies/pa-council/?on=2022-04-01" in chart.group(0)
    assert "/bodies/joint-staff/" not in page(client, "/bodies/?on=2003-06-01")  # formed on 1 January 2004


def test_the_year_slider_shows_the_first_of_january(client: Client) -> None:
    html = page(client, "/?year=2008")
    assert "States on 2008-01-01" in html
    assert "Uzbekistan" in html
    refused = client.get("/?year=1850")
    assert refused.status_code == 400
    assert "is not a year from 1992" in refused.content.decode()


def test_the_overview_names_the_office_holders_of_the_day(client: Client) -> None:
    html = page(client, "/?on=2015-10-01")
    offices = html[html.index("Office holders on 2015-10-01") :]
    assert "Nikolai Bordyuzha" in offices  # Secretary General until the end of 2016
    assert "Anatoly Sidorov" in offices  # Chief of the Joint Staff since September 2015


def test_every_page_has_a_skip_link_and_a_print_day(client: Client) -> None:
    html = page(client, "/bodies/?on=2022-04-01")
    assert '<a class="skip" href="#content">' in html
    assert '<main id="content"' in html
    assert '<span class="printed-day">as of 2022-04-01</span>' in html


def test_the_case_names_the_person_who_appealed_and_the_mission(client: Client) -> None:
    html = page(client, "/cases/kazakhstan-2022/")
    assert "Kassym-Jomart Tokayev" in html or "Kassym-Jomart Tokaev" in html
    assert "tokayev-kassym-jomart</a>" not in html
    assert ">kazakhstan-2022-mission<" not in html


def test_a_person_timeline_names_the_posts(client: Client) -> None:
    html = page(client, "/people/sidorov-anatoly/?on=2016-01-01")
    assert "Chief of the Joint Staff" in html


def test_the_org_chart_puts_each_body_under_its_parent_and_fits_long_names() -> None:
    from csto_registry.web.charts import tree_svg

    long_name = "Coordination Council for Combating Illicit Drug Trafficking and Psychotropic Substances"
    rows = [
        {"id": "a", "name": "A", "parent": None, "certainty": "certain"},
        {"id": "b", "name": long_name, "parent": None, "certainty": "certain"},
        {"id": "a1", "name": "A's group", "parent": "a", "certainty": "possible"},
    ]
    svg = str(tree_svg(rows, root="csto", link=lambda slug: f"/bodies/{slug}/"))
    assert svg.index("A&#x27;s group") < svg.index("Coordination Council")  # a1 drawn right under a
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))  # type: ignore[union-attr]
    assert width >= len(long_name) * 6.8


def test_the_operations_page_draws_figures_as_their_sources_give_them(client: Client) -> None:
    html = page(client, "/operations/")
    charts = re.findall(r'<svg[^>]*aria-label="Figures of [^"]*".*?</svg>', html, re.S)
    assert charts
    drawn = "".join(charts)
    assert "more than 428 t" in drawn  # the qualifier kept in the printed value
    assert 'l9 9 l-9 9 z"' in drawn  # and drawn as an arrow past the bar's end


def test_a_body_page_draws_the_history_of_its_posts(client: Client) -> None:
    html = page(client, "/bodies/joint-staff/?on=2016-01-01")
    history = re.search(r'<svg[^>]*aria-label="History of the posts".*?</svg>', html, re.S)
    assert history is not None
    assert "Chief of the Joint Staff" in history.group(0)
    assert "Anatoly Sidorov" in history.group(0)


def test_decisions_are_listed_with_their_positions_and_found_by_search(client: Client) -> None:
    from csto_registry.records.services.proceedings import decision_draft

    public = decision_draft(body="csc", title="On the public calendar", actor="test", access="public")["id"]
    decision_draft(body="csc", title="On a shared matter", actor="test")  # member states only, by default
    html = page(client, "/sessions/")
    assert f'id="decision-{public}"' in html
    assert "On the public calendar" in html
    assert "On a shared matter" not in html  # a visitor reads the public records only
    found = page(client, "/search/?q=public calendar")
    assert f'href="/sessions/#decision-{public}"' in found


def test_data_page_links_files_that_download(client: Client) -> None:
    html = page(client, "/data/")
    links = re.findall(r'href="(/api/v1/[^"]+)" download', html)
    assert len(links) == 3 + 7 + 1  # popolo, turtle, json-ld, seven tables, the calendar
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert len(response.getvalue()) > 0


def test_an_operations_chart_scales_each_unit_apart_and_gives_each_label_its_own_line() -> None:
    from csto_registry.web.charts import figures_svg

    figures = [
        {"measure": "drugs-seized", "unit": "t", "value": 428, "qualifier": "more-than", "sources": []},
        {"measure": "heroin-seized", "unit": "t", "value": 18, "qualifier": "more-than", "sources": []},
        {
            "measure": "groups",
            "unit": "groups",
            "value": 6351,
            "qualifier": "exact",
            "sources": [{"ref": "seed:000_e52e44ee9352e8ff.txt#L168", "quote": "q"}],
        },
    ]
    svg = str(figures_svg(figures, title="Figures", label=lambda f: f"a long label of {f['measure']} " * 3))
    bars = [float(w) for w in re.findall(r'<rect x="0" y="[\d.]+" width="([\d.]+)"', svg)]
    # 428 t and 18 t on one scale; the groups, another unit, on a scale of their own (full length).
    assert bars[0] == bars[2]
    assert bars[1] == pytest.approx(bars[0] * 18 / 428, abs=0.2)
    assert svg.count("<line ") == 1  # one line between the two units
    labels = [float(y) for y in re.findall(r'<text x="0" y="([\d.]+)"', svg)]
    tops = [float(y) for y in re.findall(r'<rect x="0" y="([\d.]+)"', svg)]
    assert all(label < top for label, top in zip(labels, tops, strict=True))  # each label above its bar
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    assert width >= len("a long label of drugs-seized " * 3) * 12 * 0.6  # no label cut at the edge
    assert "<title>6,351 groups — seed, line 168</title>" in svg  # the source on hover
