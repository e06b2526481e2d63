"""Pages kept for visitors: served again until the records change, with a working CSRF token for each visitor."""

from __future__ import annotations

import pytest
from django.test import Client

from csto_registry.records.models import State
from csto_registry.records.revision import ANSWERS

pytestmark = pytest.mark.django_db
URL = "/states/?on=2008-01-01"


def test_a_kept_page_is_served_until_the_records_change() -> None:
    ANSWERS.clear()
    first = Client().get(URL).content.decode()
    hits = ANSWERS.hits
    again = Client().get(URL).content.decode()
    assert ANSWERS.hits == hits + 1
    assert again == first
    State.objects.filter(code="UZB").update(short={"en": "Uzbekistan (renamed)"})
    State.objects.get(code="UZB").save()  # a write through the models changes the revision
    assert "Uzbekistan (renamed)" in Client().get(URL).content.decode()


def test_a_kept_page_holds_no_visitor_secret_and_the_language_switch_still_works() -> None:
    ANSWERS.clear()
    Client().get(URL)  # keeps the page
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(URL)
    assert b"csrfmiddlewaretoken" not in response.content
    assert "csrftoken" not in response.cookies
    switched = visitor.post("/i18n/setlang/", {"language": "ru", "next": URL})
    assert switched.status_code == 302
    assert 'lang="ru"' in visitor.get(URL).content.decode()


def test_forms_that_change_records_keep_their_csrf_protection() -> None:
    visitor = Client(enforce_csrf_checks=True)
    assert b"csrfmiddlewaretoken" in visitor.get("/signin/").content
    assert visitor.post("/signin/", {"username": "x", "password": "y"}).status_code == 403


def test_a_signed_in_user_is_never_served_a_visitor_page(client: Client) -> None:
    from csto_registry.records.services.accounts import user_add

    ANSWERS.clear()
    Client().get(URL)
    from django.contrib.auth import get_user_model

    user_add(username="u", role="secretariat", actor="test")
    client.force_login(get_user_model().objects.get(username="u"))
    hits = ANSWERS.hits
    assert "u</a>" in client.get(URL).content.decode()  # the header names the user
    assert ANSWERS.hits == hits
