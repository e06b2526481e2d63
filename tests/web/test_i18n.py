"""The website in English and Russian: every page translated, the catalog complete and compiled."""

from __future__ import annotations

import ast
import gettext
import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

import csto_registry.web
from csto_registry.web.urls import urlpatterns

pytestmark = pytest.mark.django_db

CATALOG = Path(csto_registry.web.__file__).parent / "locale" / "ru" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

# One address for every page of the site (each URL name of web/urls.py), the built-in dataset's ids for the
# pages of one record, and a few variants that show the messages of an error or an empty result.
PAGES = {
    "overview": reverse("web:overview") + "?on=2008-01-01",
    "states": reverse("web:states") + "?on=2008-01-01",
    "bodies": reverse("web:bodies") + "?on=2022-04-01",
    "body": reverse("web:body", args=["cmd"]) + "?on=2022-04-01",
    "person": reverse("web:person", args=["sidorov-anatoly"]) + "?on=2015-10-01",
    "seed": reverse("web:seed", args=["000_e52e44ee9352e8ff.txt"]),
    "search": reverse("web:search") + "?q=sid",
    "instruments": reverse("web:instruments") + "?on=2005-01-01",
    "instrument": reverse("web:instrument", args=["collective-security-treaty"]),
    "sessions": reverse("web:sessions"),
    "forces": reverse("web:forces"),
    "operations": reverse("web:operations"),
    "case": reverse("web:case", args=["kazakhstan-2022"]),
    "cases": reverse("web:cases"),
    "changes": reverse("web:changes") + "?from=2022-04-01&to=2026-06-01",
    "people": reverse("web:people") + "?state=RUS",
    "partners": reverse("web:partners"),
    "state": reverse("web:state", args=["ARM"]),
    "operation": reverse("web:operation", args=["kazakhstan-2022-mission"]),
    "signin": reverse("web:signin"),
    "data": reverse("web:data"),
    "about": reverse("web:about"),
}
# Pages only a signed-in user sees (checked in both languages in tests/web/test_staff.py) and a POST-only step.
SIGNED_IN = {"staff", "signout"}
VARIANTS = [
    reverse("web:overview") + "?on=2008-02-30",  # a malformed day: the page says so, with status 400
    reverse("web:instruments") + "?all=1",
    reverse("web:search") + "?q=s",  # too short
    reverse("web:search") + "?q=zzzz",  # nothing found
    reverse("web:bodies") + "?on=1993-01-01",  # only possible bodies
    reverse("web:changes") + "?from=2024-01-01&to=2024-01-02",  # no change between the days
]
NAV = {
    "en": ["Overview", "Member states", "Bodies", "Instruments", "Sessions", "Forces", "Operations", "Search"],
    "ru": ["Обзор", "Государства-члены", "Органы", "Документы", "Сессии", "Силы", "Операции", "Поиск"],
}


@dataclass(frozen=True)
class Entry:
    context: str | None
    msgid: str
    plural: str | None
    msgstrs: tuple[str, ...]
    fuzzy: bool


def _parse(text: str) -> list[Entry]:
    """Read a .po file's entries (the header too, as the entry with an empty msgid)."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        fields: dict[str, str] = {}
        key = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                assert key is not None, block
                fields[key] += ast.literal_eval(line)
            else:
                key, _, rest = line.partition(" ")
                fields[key] = ast.literal_eval(rest)
        forms = tuple(fields[k] for k in sorted(fields) if k.startswith("msgstr"))
        entries.append(Entry(fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"), forms, fuzzy))
    return entries


@cache
def catalog() -> tuple[Entry, ...]:
    return tuple(_parse((CATALOG / "django.po").read_text(encoding="utf-8")))


def messages() -> list[Entry]:
    return [e for e in catalog() if e.msgid]


def _pattern(text: str, letters: str) -> re.Pattern[str] | None:
    """A pattern that finds a message's words in a page's text, its placeholders matching anything.

    Returns None for a message with no letters of the alphabet in question (nothing to look for).
    """
    words = re.sub(r"<[^>]+>", " ", text)
    parts = [re.sub(r"\s+", " ", p).strip() for p in PLACEHOLDER.split(words)[::2]]
    parts = [p for p in parts if p]
    if not any(re.search(letters, p) for p in parts):
        return None
    body = r".+?".join(re.escape(p) for p in parts)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


@cache
def english_words() -> tuple[re.Pattern[str], ...]:
    found = (_pattern(text, "[A-Za-z]") for e in messages() for text in (e.msgid, e.plural) if text)
    return tuple(p for p in found if p)


@cache
def russian_words() -> tuple[re.Pattern[str], ...]:
    found = (_pattern(text, "[А-Яа-яЁё]") for e in messages() for text in e.msgstrs)
    return tuple(p for p in found if p)


def visible_text(page: str) -> str:
    """The page's words a reader sees as interface, without the record's own texts.

    Quotations of sources, articles and the seed, and the titles of the documents a session
    adopted, are kept in the language of their source, and the language menu names each
    language in itself, so they are left out; so is a page's own address (the citation's), the same in
    every language.
    """
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', page))
    for region in (
        r'<div class="sources">.*?</div>',
        r"<blockquote>.*?</blockquote>",
        r'<ol class="seed">.*?</ol>',
        r'<ul class="documents">.*?</ul>',
        r'<code class="address">.*?</code>',
    ):
        page = re.sub(region, " ", page, flags=re.S)
    page = re.sub(r"<select.*?</select>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page + " " + labels))
    return re.sub(r"\s+", " ", text)


def render(client: Client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code in (200, 400), url
    return response.content.decode()


def test_every_page_of_the_site_is_checked() -> None:
    names = {p.name for p in urlpatterns}
    assert names == set(PAGES) | SIGNED_IN


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("url", [*PAGES.values(), *VARIANTS])
def test_pages_have_no_interface_words_of_the_other_language(client: Client, url: str, language: str) -> None:
    page = render(client, url, language)
    text = visible_text(page)
    assert f'<html lang="{language}">' in page
    assert all(label in text for label in NAV[language])
    other = english_words() if language == "ru" else russian_words()
    assert [p.pattern for p in other if p.search(text)] == []


def test_english_is_the_default_language(client: Client) -> None:
    page = client.get(PAGES["overview"]).content.decode()
    assert '<html lang="en">' in page
    assert "Collective Security Treaty Organization" in page


def test_russian_words_agree_with_their_numbers(client: Client) -> None:
    text = render(client, PAGES["operations"], "ru")  # numbers are grouped with no-break spaces
    assert "более 428 т" in text
    assert "6\xa0351 группа" in text  # after 1: nominative singular
    assert "564 дела" in text  # after 4: genitive singular
    assert "более 36\xa0000 дел" in text  # after "более": genitive plural
    assert "проводилась 13 раз" in text


def test_status_and_certainty_words_are_translated_and_classes_kept(client: Client) -> None:
    page = render(client, "/?on=2006-07-15", "ru")
    assert '<tr class="possible">' in page
    assert "<td>член</td><td>достоверно</td>" in page
    assert "<td>возможно</td>" in page


def test_chosen_language_persists_to_the_next_page(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "ru", "next": PAGES["overview"]})
    assert response.status_code == 302
    page = client.get(PAGES["states"]).content.decode()
    assert '<html lang="ru">' in page
    assert "Государства-члены" in page
    assert "Member states" not in visible_text(page)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Member states" in client.get(PAGES["states"]).content.decode()


def test_catalog_has_russian_plural_forms() -> None:
    header = catalog()[0]
    assert header.msgid == ""
    assert "Language: ru\n" in header.msgstrs[0]
    assert "Plural-Forms: nplurals=3;" in header.msgstrs[0]


def test_catalog_has_no_untranslated_or_fuzzy_entry() -> None:
    entries = messages()
    assert len(entries) > 150
    assert [e.msgid for e in entries if e.fuzzy] == []
    assert [e.msgid for e in entries if not all(e.msgstrs)] == []
    assert [e.msgid for e in entries if len(e.msgstrs) != (3 if e.plural else 1)] == []


def test_translations_keep_the_placeholders() -> None:
    wrong = [
        e.msgid
        for e in messages()
        for s in e.msgstrs
        if set(PLACEHOLDER.findall(s)) != set(PLACEHOLDER.findall(e.msgid))
    ]
    assert wrong == []


def _lookups(translations: gettext.NullTranslations | None = None) -> list[tuple[str, str]]:
    """Each entry's translation as `translations` (default: Django's, for the active language) gives it."""
    found = []
    for e in messages():
        if e.plural:
            for n, expected in zip((1, 2, 5), e.msgstrs, strict=True):
                if translations is None:
                    got = (
                        translation.npgettext(e.context, e.msgid, e.plural, n)
                        if e.context
                        else translation.ngettext(e.msgid, e.plural, n)
                    )
                else:
                    got = (
                        translations.npgettext(e.context, e.msgid, e.plural, n)
                        if e.context
                        else translations.ngettext(e.msgid, e.plural, n)
                    )
                found.append((expected, got))
        elif translations is None:
            got = translation.pgettext(e.context, e.msgid) if e.context else translation.gettext(e.msgid)
            found.append((e.msgstrs[0], got))
        else:
            got = translations.pgettext(e.context, e.msgid) if e.context else translations.gettext(e.msgid)
            found.append((e.msgstrs[0], got))
    return found


def test_compiled_catalog_is_up_to_date_with_the_po_file() -> None:
    """Fails when the .po was edited without `django-admin compilemessages` (run in src/csto_registry/web)."""
    with (CATALOG / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [(expected, got) for expected, got in _lookups(compiled) if expected != got]
    assert stale == []


def test_no_other_catalog_overrides_the_sites_translations() -> None:
    """An app listed earlier in INSTALLED_APPS wins a shared msgid (the admin's "Search" is "Найти").

    Such a message of the site needs a context (`{% translate "Search" context "site search" %}`).
    """
    with translation.override("ru"):
        shadowed = [(expected, got) for expected, got in _lookups() if expected != got]
    assert shadowed == []
