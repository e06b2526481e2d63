"""The website in a real browser, one user path per test (see conftest.py for the server and the guards).

With CSTO_SCREENSHOTS set to a folder, the tests also save the README's screenshots there
(`make screenshots`).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Guard, Server

pytestmark = pytest.mark.e2e


def test_the_date_control_shows_uzbekistan_a_member_in_2008(page: Any, screenshot: Any) -> None:
    """Uzbekistan rejoined in 2006 and suspended in 2012: on 2008-01-01 it is among the members."""
    page.goto("/")
    page.get_by_label("As of", exact=True).fill("2008-01-01")
    page.get_by_role("button", name="Show", exact=True).click()

    expect(page).to_have_url(re.compile(r"[?&]on=2008-01-01"))
    expect(page.locator("#on")).to_have_value("2008-01-01")
    row = page.locator("main tr", has_text="Uzbekistan (UZB)")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("member")
    expect(row.locator("td").nth(2)).to_have_text("certain")
    screenshot(page, "overview")


def test_the_language_switch_gives_russian_and_is_remembered(page: Any, screenshot: Any) -> None:
    """The language form switches the whole page to Russian; the next page opened stays Russian."""
    page.goto("/?on=2022-04-01")
    page.locator("#language").select_option("ru")
    page.locator("form", has=page.locator("#language")).get_by_role("button").click()

    expect(page.locator("html")).to_have_attribute("lang", "ru")
    nav = page.get_by_role("navigation")
    expect(nav.get_by_role("link", name="Государства-члены")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Казахстан (KAZ)")
    expect(page.locator("main")).to_contain_text("Узбекистан (UZB)")
    screenshot(page, "overview-ru")

    nav.get_by_role("link", name="Органы").click()
    expect(page).to_have_url(re.compile(r"/bodies/\?on=2022-04-01$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text("Органы по состоянию на 2022-04-01")
    expect(page.get_by_role("navigation").get_by_role("link", name="Государства-члены")).to_be_visible()


def test_a_source_link_opens_the_seed_line_highlighted(page: Any) -> None:
    """A citation links to its seed line, which is shown, scrolled to and highlighted, with the quoted words."""
    page.goto("/bodies/cmd/?on=2022-04-01")
    citation = page.locator("main .sources", has=page.locator("a[href*='/sources/seed/']")).first
    link = citation.locator("a").first
    href = link.get_attribute("href")
    assert href is not None
    found = re.search(r"/sources/seed/[^?#]+\?line=(\d+)#L(\d+)$", href)
    assert found, href
    line = found.group(2)
    quoted = re.search(r"“(.+)”", citation.inner_text(), re.DOTALL)
    assert quoted, citation.inner_text()
    words = " ".join(quoted.group(1).split())

    link.click()

    expect(page).to_have_url(re.compile(rf"/sources/seed/.+#L{line}$"))
    target = page.locator(f"#L{line}")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    assert words in " ".join(target.inner_text().split())
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == f"L{line}"
    background = target.evaluate("element => getComputedStyle(element).backgroundColor")
    other = page.locator(f"ol.seed li:not(#L{line})").first
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert background != other.evaluate("element => getComputedStyle(element).backgroundColor")


def test_search_in_lowercase_cyrillic_finds_sidorov(page: Any, screenshot: Any) -> None:
    """Searching "сидоров" finds Anatoly Sidorov (Сидоров): any language, any case; his page opens from there."""
    page.goto("/")
    page.get_by_label("Search", exact=True).fill("сидоров")
    page.get_by_label("Search", exact=True).press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q="))
    result = page.locator("main").get_by_role("link", name="Anatoly Sidorov")
    expect(result).to_be_visible()
    result.click()

    expect(page).to_have_url(re.compile(r"/people/sidorov-anatoly/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sidorov")
    screenshot(page, "person")


def test_a_delegate_signs_in_and_records_a_position(page: Any, server: Server, screenshot: Any) -> None:
    """The KAZ delegate signs in, records Kazakhstan's agreement with the draft, sees it, and signs out."""
    page.goto("/signin/")
    page.locator("#id_username").fill(server.delegate)
    page.locator("#id_password").fill(server.password)
    page.locator("main").get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.locator("main")).to_contain_text(f"Signed in as {server.delegate}, delegate of KAZ")
    page.locator("#id_position-decision").select_option(server.draft)
    page.locator("#id_position-state").select_option("KAZ")
    page.locator("#id_position-position").select_option("agree")
    page.locator("#id_position-on").fill("2022-03-01")
    page.locator("form", has=page.locator("#id_position-decision")).get_by_role("button", name="Record").click()

    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.get_by_role("status")).to_contain_text(f"KAZ's position on {server.draft} is recorded.")
    draft_row = page.locator("section[aria-labelledby='drafts-h'] tr", has_text=server.draft)
    expect(draft_row).to_contain_text("KAZ: agree")
    screenshot(page, "staff")

    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("header.site a.account")).to_have_text("Sign in")
    page.goto("/staff/")
    expect(page).to_have_url(re.compile(r"/signin/"))


def test_the_states_page_has_the_map_and_timeline_and_works_by_keyboard(page: Any, screenshot: Any) -> None:
    """The map and the membership timeline are shown; Tab from the top walks the header links, then search."""
    page.goto("/states/?on=2008-01-01")
    chart_map = page.locator("svg[aria-labelledby^='map-']")
    expect(chart_map).to_be_visible()
    labelled_by = chart_map.get_attribute("aria-labelledby")
    assert labelled_by
    for part in labelled_by.split():
        expect(page.locator(f"[id='{part}']")).to_have_count(1)
    expect(page.get_by_role("img", name="Membership of the states over time")).to_be_visible()
    screenshot(page, "states")

    page.goto("/states/?on=2008-01-01")
    # Every focusable element before the search field and the field itself, in document order.
    expected = page.evaluate(
        """() => {
            const search = document.getElementById('q');
            const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
                .filter(element => element.tabIndex >= 0 && (element === search
                    || element.compareDocumentPosition(search) & Node.DOCUMENT_POSITION_FOLLOWING));
            return focusable.map(element => element.id || element.getAttribute('href'));
        }"""
    )
    sections = page.locator("header.site nav a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert len(sections) == 13  # twelve sections and "About the data"
    assert expected[-1] == "q"
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.getAttribute('href')"))
    assert reached == expected
    assert reached[-len(sections) - 1 :] == [*sections, "q"]  # the sections in order, then the search field


def test_print_hides_the_header_controls(page: Any) -> None:
    """Printed, a page keeps its content and drops the navigation and the forms."""
    page.goto("/?on=2008-01-01")
    nav = page.locator("header.site nav")
    expect(nav).to_be_visible()

    page.emulate_media(media="print")

    expect(nav).not_to_be_visible()
    for form in page.locator("header.site form").all():
        expect(form).not_to_be_visible()
    expect(page.locator("header.site .account")).not_to_be_visible()
    expect(page.locator("header.site .printed-day")).to_be_visible()  # the day the printout is of
    expect(page.locator("header.site .printed-day")).to_contain_text("2008-01-01")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main tr", has_text="Uzbekistan (UZB)")).to_be_visible()


def test_a_reader_browses_bodies_operations_and_the_kazakhstan_case(page: Any, screenshot: Any) -> None:
    """From the overview's nav: the organization chart, the operations, the cases and the Kazakhstan 2022 case."""
    page.goto("/?on=2022-04-01")
    nav = page.get_by_role("navigation")

    nav.get_by_role("link", name="Bodies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bodies on 2022-04-01")
    chart = page.locator("main figure svg").first
    expect(chart).to_be_visible()
    expect(chart.locator("a").first).to_be_attached()  # each box links to its body's page
    screenshot(page, "bodies")

    nav.get_by_role("link", name="Operations").click()
    expect(page).to_have_url(re.compile(r"/operations/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Channel")
    screenshot(page, "operations")

    nav.get_by_role("link", name="Cases").click()
    expect(page).to_have_url(re.compile(r"/cases/$"))
    page.locator("main").get_by_role("link", name="Kazakhstan").click()
    expect(page).to_have_url(re.compile(r"/cases/kazakhstan-2022/$"))
    expect(page.locator("main")).to_contain_text("6 January 2022")  # the Council's decision, in words
    screenshot(page, "case-kazakhstan-2022")


def test_the_guard_records_a_request_that_leaves_loopback(page: Any, guard: Guard) -> None:
    """The guard itself: a fetch to another host is aborted and recorded (then forgotten, so this test passes)."""
    page.goto("about:blank")
    outcome = page.evaluate(
        "() => fetch('http://example.com/').then(() => 'loaded', error => 'refused: ' + error.message)"
    )
    assert outcome.startswith("refused"), outcome
    assert guard.blocked == ["http://example.com/"]
    for _ in range(40):  # Chromium also logs the aborted request on the console: let it arrive before forgetting
        if guard.console_errors:
            break
        page.wait_for_timeout(50)
    assert all("ERR_BLOCKED_BY_CLIENT" in text for text in guard.console_errors), guard.console_errors
    guard.clear()


PAGES = [
    "/", "/?on=2008-01-01", "/states/", "/bodies/", "/bodies/cmd/", "/people/sidorov-anatoly/", "/operations/",
    "/sessions/", "/instruments/", "/forces/", "/data/", "/search/?q=sidorov", "/about/", "/cases/kazakhstan-2022/",
]  # fmt: skip


def test_every_page_keeps_to_its_content_security_policy(page: Any, server: Server) -> None:
    """Public pages, the staff pages, the admin site and the API docs: each sends the policy and breaks none of it
    (a violation is a console error, which fails the test)."""
    for address in PAGES:
        response = page.goto(address)
        assert response is not None
        policy = response.header_value("content-security-policy") or ""
        assert "default-src 'none'" in policy, (address, policy)
        assert "script-src 'self'" in policy, (address, policy)
    page.goto("/signin/")
    page.locator("#id_username").fill(server.staff)
    page.locator("#id_password").fill(server.password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    for address in ["/staff/", "/admin/", "/admin/records/decision/", "/admin/records/person/add/", "/api/v1/docs"]:
        response = page.goto(address)
        assert response is not None
        assert response.status == 200, address
        assert "default-src 'none'" in (response.header_value("content-security-policy") or ""), address
    expect(page.locator("#swagger-ui")).to_contain_text("CSTO", timeout=10_000)  # the docs' own script ran


def test_the_guard_records_a_content_security_policy_violation(page: Any, guard: Guard) -> None:
    """The guard itself: an inline script the policy refuses is a console error (forgotten after, so this passes)."""
    page.goto("/about/")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                  " document.body.appendChild(s); }")  # fmt: skip
    for _ in range(40):
        if guard.console_errors:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("() => window.ran") is None
    assert any("Content Security Policy" in text for text in guard.console_errors), guard.console_errors
    guard.clear()


# One page of every kind the site serves (the 404 included).
PAGE_KINDS = [
    "/", "/states/", "/states/RUS/", "/bodies/", "/bodies/cmd/", "/bodies/csc/", "/people/", "/people/sidorov-anatoly/",
    "/partners/", "/operations/", "/operations/channel/", "/operations/kazakhstan-2022-mission/", "/sessions/",
    "/instruments/", "/instruments/collective-security-treaty/", "/forces/", "/data/", "/search/?q=sidorov",
    "/about/", "/cases/", "/cases/kazakhstan-2022/", "/changes/?from=2022-04-01&to=2026-06-01", "/signin/",
    "/no-such-page/",
]  # fmt: skip
# The README's phone screenshots (saved only with CSTO_SCREENSHOTS set: `make screenshots`).
PHONE_SHOTS = {"/bodies/cmd/": "phone-body-cmd", "/changes/?from=2022-04-01&to=2026-06-01": "phone-changes"}
# What sticks out of the screen: an element whose right edge passes the viewport and that is not inside a
# box of its own that scrolls (a wide table on a phone scrolls inside itself, which is allowed); and the
# smallest text a chart draws, in CSS pixels as shown (its font size times the chart's scale).
MEASURE = """() => {
  const width = document.documentElement.clientWidth, outside = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let parent = element.parentElement, boxed = false;
    for (; parent && !boxed; parent = parent.parentElement)
      boxed = ['auto', 'scroll'].includes(getComputedStyle(parent).overflowX);
    const name = `${element.tagName.toLowerCase()}.${element.getAttribute('class') || ''}`;
    if (!boxed) outside.push(`${name} ends at ${Math.round(box.right)}px`);
  }
  let smallest = null;
  for (const svg of document.querySelectorAll('main svg')) {
    const view = svg.viewBox.baseVal;
    if (!view || !view.width) continue;
    const scale = svg.getBoundingClientRect().width / view.width;
    for (const text of svg.querySelectorAll('text')) {
      const size = parseFloat(text.getAttribute('font-size') || '12') * scale;
      if (smallest === null || size < smallest) smallest = size;
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, outside: outside.slice(0, 5), smallest};
}"""


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_page_kind_fits_the_screen_with_legible_charts(
    page: Any, server: Server, guard: Guard, screenshot: Any, width: int, lang: str
) -> None:
    """At phone and desktop widths, in both languages, no page is wider than the screen (a wide table scrolls
    inside its own box) and no chart draws its text smaller than 11 px."""
    page.set_viewport_size({"width": width, "height": 800})
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": server.url}])
    faults = []
    for address in PAGE_KINDS:
        page.goto(address)
        # The 404 page's own status is the one console error it may cause.
        guard.console_errors[:] = [text for text in guard.console_errors if "/no-such-page/" not in text]
        assert page.locator("html").get_attribute("lang") == lang, address
        seen = page.evaluate(MEASURE)
        if seen["scroll"] > seen["width"] or seen["outside"]:
            faults.append(f"{address}: {seen['scroll']}px wide on a {seen['width']}px screen: {seen['outside']}")
        if seen["smallest"] is not None and seen["smallest"] < 11:
            faults.append(f"{address}: chart text of {seen['smallest']:.1f}px")
        if width == 390 and lang == "en" and address in PHONE_SHOTS:
            screenshot(page, PHONE_SHOTS[address])
    assert not faults, "\n".join(faults)


def test_the_year_slider_shows_its_year_and_applies_it_without_a_button(page: Any) -> None:
    """Stepping the slider back a year with the keyboard shows the year at once and, after a pause, loads the
    page of 1 January of that year; the button is still there for a browser without JavaScript."""
    page.goto("/?year=2010")
    slider, shown = page.locator("#year"), page.locator("#year-shown")
    expect(shown).to_have_text("2010")
    expect(page.locator("form.slider").get_by_role("button")).to_be_visible()
    slider.focus()
    page.keyboard.press("ArrowLeft")
    expect(shown).to_have_text("2009")
    page.wait_for_url(re.compile(r"[?&]year=2009$"))
    expect(page.locator("#on")).to_have_value("2009-01-01")
