"""--lang ru: the CLI's headings, titles and words come from the site's catalog, in Russian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csto_registry.cli import app

pytestmark = pytest.mark.django_db
CLI = Path(__file__).resolve().parents[2] / "src" / "csto_registry" / "cli"


def _table(*args: str) -> str:
    result = CliRunner().invoke(app, [*args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def test_holders_in_russian_have_russian_headings_and_certainty() -> None:
    russian = _table("holders", "cmd", "--on", "2026-06-01", "--lang", "ru")
    for words in ("Совет министров обороны: должностные лица на 1 июня 2026", "Достоверность", "Источник", "возможно"):
        assert words in russian
    assert "Шойгу" not in russian  # Belousov by then
    assert "Белоусов" in russian
    english = _table("holders", "cmd", "--on", "2026-06-01")
    assert "Council of Ministers of Defense: holders on 1 June 2026" in english
    assert "possible" in english
    # Posts and states by name, in the reader's language; the ids stay in the JSON.
    assert "Министр обороны России" in russian
    assert "Россия" in russian
    assert "Defence Minister of Russia" in english
    assert "cmd:RUS" not in english
    assert "Достоверность" not in english


def test_a_member_state_s_status_and_its_declaration_are_in_russian() -> None:
    russian = _table("members", "--on", "2026-06-01", "--lang", "ru")
    assert "член" in russian
    assert "участие заморожено" in russian  # Armenia's declaration of 2024


def test_the_instrument_and_activity_commands_speak_russian() -> None:
    instruments = _table("instruments", "--on", "2005-01-01", "--lang", "ru")
    for words in ("Документы, действующие на 2005-01-01", "Вид", "Название", "Достоверность", "достоверно"):
        assert words in instruments
    treaty = _table("instrument", "collective-security-treaty", "--lang", "ru")
    assert "Участники: ARM" in treaty
    assert "В силе: с 1994-04-20" in treaty
    assert "Учения 2021 года" in _table("exercises", "--year", "2021", "--lang", "ru")
    case = _table("case", "kazakhstan-2022", "--lang", "ru")
    assert "Статья 4 применяется; обязаны оказать помощь: Армения, Беларусь, Кыргызстан, Россия, Таджикистан" in case
    assert "Exercises in 2021" in _table("exercises", "--year", "2021")
    operations = _table("operations", "--lang", "ru")
    for words in ("постоянно действующая операция", "изъято наркотиков: более 428 т"):
        assert words in operations  # the kind, the measure and the figure as the site words them
    assert "ратификация" in _table("instrument", "csto-charter", "--lang", "ru")  # the steps of an instrument
    assert "more than 428 t" in _table("operations")


def test_tables_give_dates_in_words_and_the_last_day_certain() -> None:
    english = _table("who", "cmd:RUS", "--history")
    assert "March 1992" in english  # Yeltsin's start, known to the month
    assert "18 May 1992" in english
    assert "1992-05-17" in english  # certainly in office until the day before Grachev's
    assert "18 мая 1992" in _table("who", "cmd:RUS", "--history", "--lang", "ru")
    # A holder never certainly in office (certain from 1992-05-31, the next from 1992-05-02) has no last day certain.
    assert "1992-05-01" not in _table("who", "cmd:KAZ", "--history")


def test_the_changes_table_names_a_force_among_its_subjects() -> None:
    table = _table("changes", "--from", "2014-01-01", "--to", "2017-01-01")  # it once failed on a force's change
    assert "Changes after 2014-01-01 up to 2017-01-01" in table
    assert "peacekeeping-forces" in table


def test_every_message_the_cli_marks_is_translated_in_the_catalog() -> None:
    """Guards the catalog against a makemessages run that missed the CLI (it is run from the package)."""
    marked = set()
    for path in CLI.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        marked |= set(re.findall(r'(?:gettext_noop|\b_)\(\s*"((?:[^"\\]|\\.)+)"', text))
    assert len(marked) > 30
    from django.utils import translation

    with translation.override("ru"):
        untranslated = sorted(m for m in marked if translation.gettext(m) == m)
    assert untranslated == []


def test_a_body_is_asked_by_its_id_in_any_case() -> None:
    assert _table("holders", "CMD", "--on", "2026-06-01") == _table("holders", "cmd", "--on", "2026-06-01")
