"""Full-text search: what it finds on the built-in dataset, how it matches, and an index kept in step with writes.

These run on SQLite (FTS5) and on PostgreSQL (tsvector) alike: CI runs the suite on both.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import Count

from csto_registry.records.errors import InvalidInput
from csto_registry.records.models import (
    Figure,
    Force,
    Operation,
    Organization,
    Person,
    Post,
    SearchEntry,
    State,
    temporal_values,
)
from csto_registry.records.search_index import rebuild, words
from csto_registry.records.selectors.search import search, search_path, search_terms

pytestmark = pytest.mark.django_db


def found(query: str, **options: Any) -> list[tuple[str, str]]:
    return [(row["kind"], row["id"]) for row in search(query=query, **options)]


# The examples a reader tried that the name-only search could not answer.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Armenia", ("state", "ARM")),
        ("defence minister", ("post", "cmd:RUS")),
        ("министр обороны", ("post", "cmd:RUS")),
        ("Rubezh", ("exercise", "rubezh-2021")),
        ("Bishkek", ("session", "csc-2019-11-28")),
        ("Бишкек", ("session", "csc-2019-11-28")),
        ("Article 4", ("instrument", "collective-security-treaty")),
        ("heroin", ("operation", "channel")),
        ("Kazakhstan 2022", ("case", "kazakhstan-2022")),
        ("Kazakhstan 2022", ("operation", "kazakhstan-2022-mission")),
        ("RT", ("partner", "rt")),
        ("sidorov", ("person", "sidorov-anatoly")),
        ("сИдОрОв", ("person", "sidorov-anatoly")),
        ("ОДКБ", ("body", "csto")),
    ],
)
def test_it_finds_any_kind_of_record_by_its_words(query: str, expected: tuple[str, str]) -> None:
    assert expected in found(query, limit=200)


def test_words_match_from_their_start_only() -> None:
    assert ("person", "tokayev-kassym-jomart") not in found("RT", limit=500)  # "RT" is inside "Kassym-Jomart"
    assert ("person", "tokayev-kassym-jomart") in found("tokay")
    assert found("okayev") == []


def test_case_and_the_russian_yo_are_ignored() -> None:
    assert words("Объединённый ШТАБ Ёлка") == "объединенныи штаб елка"
    assert found("объединённый штаб") == found("ОБЪЕДИНЕННЫЙ штаб") != []


def test_every_word_must_match() -> None:
    both = set(found("council defence", limit=500))
    assert both
    assert both <= set(found("council", limit=500)) & set(found("defence", limit=500))
    assert found("bishkek rubezh") == []


def test_a_record_s_names_rank_above_its_other_words() -> None:
    dataset = Organization.objects.get(slug="csto")
    when = temporal_values(start="2020")
    Force.objects.create(
        slug="f-test", name={"en": "Test force"}, region={"en": "Wombatia"}, kind="aviation", dataset=dataset, **when
    )
    Organization.objects.create(
        slug="b-test", name={"en": "Wombatia Council"}, kind="working-group", dataset=dataset, **when
    )
    assert found("wombatia") == [("body", "b-test"), ("force", "f-test")]


def test_limit_and_offset_page_through_the_ranked_results() -> None:
    whole = found("council", limit=500)
    assert len(whole) > 10
    assert found("council", limit=5) == whole[:5]
    assert found("council", limit=5, offset=5) == whole[5:10]


@pytest.mark.parametrize("query", ["x", " ", "-", " y "])
def test_a_search_needs_two_letters(query: str) -> None:
    with pytest.raises(InvalidInput, match="at least two letters"):
        search(query=query)


def test_punctuation_alone_finds_nothing_and_a_long_query_is_refused() -> None:
    assert search(query="-- !!") == []
    with pytest.raises(InvalidInput, match="at most 200 characters"):
        search(query="council " * 30)


def test_a_word_that_starts_another_adds_nothing() -> None:
    assert search_terms("Сидоров си СИД sidor") == ["sidor", "сидоров"]
    assert found("si sidorov") == found("sidorov")


def test_quotes_and_operators_are_words_not_syntax() -> None:
    for query in ['"council', "council*", "council OR NOT", "council' & !", "NEAR(council)", "a:b"]:
        search(query=query)  # no database error


def test_results_name_their_page() -> None:
    rows = {(r["kind"], r["id"]): r for r in search(query="cmd", limit=100)}
    assert search_path(rows[("body", "cmd")]) == "/bodies/cmd/"
    assert search_path(rows[("post", "cmd:RUS")]) == "/bodies/cmd/#post-cmd:RUS"
    assert [search_path(r) for r in search(query="heroin")] == ["/operations/channel/"]
    assert search_path(search(query="Armenia")[0]) == "/states/ARM/"
    [session] = search(query="Bishkek 2019")
    assert (session["when"], search_path(session)) == ("2019-11-28", "/sessions/#session-csc-2019-11-28")


def test_a_reader_finds_only_what_they_may_read() -> None:
    channel = Operation.objects.get(slug="channel")
    channel.access = "member-states"
    channel.save()
    assert ("operation", "channel") not in found("channel", levels=("public",))
    assert ("operation", "channel") in found("channel", levels=("public", "member-states"))
    assert ("operation", "channel") in found("channel")  # no levels: every record (the CLI)


def test_a_saved_record_is_found_by_its_new_words_in_the_same_transaction() -> None:
    with transaction.atomic():
        person = Person.objects.get(slug="sidorov-anatoly")
        person.other_names = [*person.other_names, "Zyxwvut"]
        person.save()
        assert found("zyxwv") == [("person", "sidorov-anatoly")]
        transaction.set_rollback(True)
    assert found("zyxwv") == []  # rolled back with the record


def test_a_deleted_record_is_no_longer_found() -> None:
    dataset = Organization.objects.get(slug="csto")
    Person.objects.create(slug="qwertyuiop-test", name={"en": "Qwertyuiop Test"}, dataset=dataset)
    assert found("qwertyuiop") == [("person", "qwertyuiop-test")]
    Person.objects.get(slug="qwertyuiop-test").delete()
    assert found("qwertyuiop") == []


def test_renaming_a_body_or_a_state_rewrites_what_mentions_it() -> None:
    cmd = Organization.objects.get(slug="cmd")
    cmd.name = {**cmd.name, "en": "Plughwxyz Council"}
    cmd.save()
    assert ("post", "cmd:RUS") in found("plughwxyz")
    russia = State.objects.get(code="RUS")
    russia.short = {**russia.short, "en": "Vbnmqrst"}
    russia.save()
    assert {("state", "RUS"), ("post", "cmd:RUS")} <= set(found("vbnmqrst", limit=100))


def test_a_figure_s_measure_is_found_with_its_operation_until_it_is_removed() -> None:
    channel = Operation.objects.get(slug="channel")
    figure = Figure.objects.create(
        operation=channel, measure="zebrafish-seized", unit="kg", value=1, qualifier="exact", position=999
    )
    assert found("zebrafish") == [("operation", "channel")]
    figure.delete()
    assert found("zebrafish") == []


def test_a_figure_hidden_from_the_public_lends_its_operation_no_words() -> None:
    channel = Operation.objects.get(slug="channel")
    Figure.objects.create(
        operation=channel,
        measure="okapi-seized",
        unit="kg",
        value=1,
        qualifier="exact",
        access="member-states",
        position=999,
    )
    assert found("okapi") == []


def _fts_agrees() -> None:
    """On SQLite, FTS5 compares its index with the entries (the external content, rank 1); raises if they differ."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO records_searchtext (records_searchtext, rank) VALUES ('integrity-check', 1)")


def _entries() -> list[tuple[Any, ...]]:
    return sorted(
        SearchEntry.objects.values_list("kind", "key", "dataset_id", "access", "names", "when", "title", "body")
    )


def test_edits_through_the_orm_leave_the_index_as_a_rebuild_would() -> None:
    post = Post.objects.get(slug="cmd:RUS")
    post.title = {**post.title, "ru": "Министр обороны Российской Федерации"}
    post.save()
    Organization.objects.filter(slug="cfm").get().save()
    Person.objects.get(slug="sidorov-anatoly").delete()
    kept = _entries()
    _fts_agrees()
    rebuild()
    assert _entries() == kept


def test_the_import_indexes_every_record_it_writes() -> None:
    counts = {model: model.objects.count() for model in (State, Person, Post, Operation)}
    kinds = dict(SearchEntry.objects.values_list("kind").annotate(n=Count("id")))
    assert kinds["state"] == counts[State]
    assert kinds["person"] == counts[Person]
    assert kinds["post"] == counts[Post]
    assert kinds["operation"] == counts[Operation]


def test_the_database_s_own_full_text_index_is_used() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM records_searchtext WHERE records_searchtext MATCH 'sidorov'")
        else:
            cursor.execute("SELECT count(*) FROM records_searchentry WHERE document @@ 'sidorov'::tsquery")
        assert cursor.fetchone()[0] >= 1


def test_a_reimport_leaves_the_full_text_index_as_its_entries(tmp_path: Any) -> None:
    from csto_registry.datasets.builtin import BUILTIN
    from csto_registry.datasets.errors import DatasetError
    from csto_registry.datasets.importer import dataset_import

    dataset_import(BUILTIN)  # replaces the CSTO: its entries go by the cascade, the new ones in bulk
    bad = tmp_path / "bad.yaml"
    bad.write_text("organization: {id: csto, name: {en: X}}\npersons: [{id: 1}]\n", encoding="utf-8")
    with pytest.raises(DatasetError):
        dataset_import(bad)  # rolled back, the bulk mode's row with it
    assert found("sidorov") == [("person", "sidorov-anatoly")]
    assert SearchEntry.objects.filter(kind="person").count() == Person.objects.count()
    if connection.vendor == "sqlite":
        _fts_agrees()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM records_searchbulk")
            assert cursor.fetchone()[0] == 0  # the triggers keep the index again


def test_an_edit_after_an_import_is_indexed_row_by_row_again() -> None:
    person = Person.objects.get(slug="sidorov-anatoly")
    person.other_names = ["Xylophonist"]
    person.save()
    assert found("xylophon") == [("person", "sidorov-anatoly")]
