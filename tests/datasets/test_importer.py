"""Importing a dataset: all or nothing, and errors that name file, record, field and value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from csto_registry.datasets.errors import DatasetError
from csto_registry.datasets.importer import dataset_import
from csto_registry.records.models import Organization, Person, Post, Source, StateMembership, Tenure

pytestmark = pytest.mark.django_db


def small_dataset() -> dict[str, Any]:
    """A two-state organization with one council and one office."""
    cite = [{"url": "https://example.org/charter", "quote": "Article 1"}]
    return {
        "organization": {"id": "ato", "name": {"en": "A Treaty Organization"}, "sources": cite},
        "states": [{"code": "AAA", "name": {"en": "Aland"}, "sources": cite}],
        "organizations": [
            {"id": "ato-council", "name": {"en": "Council"}, "parent": "ato", "kind": "statutory-body", "sources": cite}
        ],
        "posts": [
            {"id": "ato-council:AAA", "organization": "ato-council", "state": "AAA", "title": {"en": "Seat of A"}},
            {"id": "ato-chief", "organization": "ato", "single": True, "title": {"en": "Chief"}},
        ],
        "persons": [
            {"id": "doe-jane", "name": {"en": "Jane Doe"}, "nationality": "AAA", "sources": cite},
            {"id": "roe-richard", "name": {"en": "Richard Roe"}, "sources": cite},
        ],
        "memberships": [{"state": "AAA", "organization": "ato", "status": "member", "from": "1990", "sources": cite}],
        "tenures": [
            {"person": "doe-jane", "post": "ato-chief", "from": "1990-01-01", "attested": ["1991-01-01"]},
            {"person": "roe-richard", "post": "ato-chief", "from": "1995", "attested": ["1996-01-01"], "sources": cite},
            {"person": "doe-jane", "post": "ato-council:AAA", "attested": ["1992-05-05"]},
        ],
    }


def write(tmp_path: Path, data: dict[str, Any], name: str = "ato.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Organization, Post, Person, StateMembership, Tenure, Source))


def test_import_writes_every_record(tmp_path: Path) -> None:
    before = counts()
    report = dataset_import(write(tmp_path, small_dataset()))
    assert report.organization == "ato"
    assert Tenure.objects.filter(dataset__slug="ato").count() == 3
    assert counts()[0] == before[0] + 2


def test_import_applies_successor_inference_to_single_posts(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, small_dataset()))
    jane = Tenure.objects.get(person__slug="doe-jane", post__slug="ato-chief")
    assert jane.end_max.isoformat() == "1995-12-31"  # Richard took over in 1995 at the latest


def test_import_keeps_sources_in_order(tmp_path: Path) -> None:
    data = small_dataset()
    data["persons"][1]["sources"] = [
        {"url": "https://example.org/b", "quote": "second"},
        {"url": "https://example.org/a", "quote": "first"},
    ]
    dataset_import(write(tmp_path, data))
    from csto_registry.records.selectors.tenures import person_detail

    assert [s["quote"] for s in person_detail(query="roe-richard")["sources"]] == ["second", "first"]


def test_reimport_replaces_the_organization(tmp_path: Path) -> None:
    path = write(tmp_path, small_dataset())
    dataset_import(path)
    first = counts()
    dataset_import(path)
    assert counts() == first


def test_fault_in_last_record_writes_nothing(tmp_path: Path) -> None:
    data = small_dataset()
    data["tenures"][-1]["from"] = "2022-13-45"
    before = counts()
    with pytest.raises(DatasetError):
        dataset_import(write(tmp_path, data))
    assert counts() == before
    assert not Organization.objects.filter(slug="ato").exists()


def test_fault_in_a_later_file_of_a_folder_writes_nothing(tmp_path: Path) -> None:
    data = small_dataset()
    tenures = data.pop("tenures")
    tenures[0]["post"] = "no-such-post"
    folder = tmp_path / "ato"
    folder.mkdir()
    write(folder, data, "01-structure.yaml")
    write(folder, {"tenures": tenures}, "02-tenures.yaml")
    before = counts()
    with pytest.raises(DatasetError, match=r"^02-tenures\.yaml: tenures\[0\]"):
        dataset_import(folder)
    assert counts() == before


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    before = counts()
    report = dataset_import(write(tmp_path, small_dataset()), dry_run=True)
    assert report.counts["tenures"] == 3
    assert counts() == before


def test_failed_reimport_keeps_the_previous_records(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, small_dataset()))
    before = counts()
    data = small_dataset()
    data["memberships"][0]["status"] = "friend"
    with pytest.raises(DatasetError):
        dataset_import(write(tmp_path, data))
    assert counts() == before


def mutate(data: dict[str, Any], section: str, index: int, field: str, value: Any) -> dict[str, Any]:
    if value is None:
        data[section][index].pop(field, None)
    else:
        data[section][index][field] = value
    return data


@pytest.mark.parametrize(
    ("section", "index", "field", "value", "message"),
    [
        (
            "tenures",
            2,
            "from",
            "2022-13",
            "ato.yaml: tenures[2] (person doe-jane, post ato-council:AAA): from='2022-13': is not an EDTF date",
        ),
        (
            "tenures",
            0,
            "person",
            "nobody",
            "ato.yaml: tenures[0] (person nobody, post ato-chief): person='nobody': names no record defined before it",
        ),
        (
            "memberships",
            0,
            "status",
            "friend",
            "ato.yaml: memberships[0] (state AAA, status friend): "
            "status='friend': must be one of frozen, member, observer, partner, signatory, suspended, withdrawn",
        ),
        (
            "posts",
            0,
            "organization",
            "nowhere",
            "ato.yaml: posts[0] (id ato-council:AAA): organization='nowhere': names no record defined before it",
        ),
        (
            "persons",
            0,
            "name",
            {"ru": "Джейн"},
            "ato.yaml: persons[0] (id doe-jane): name={'ru': 'Джейн'}: needs an English (en) text",
        ),
        (
            "organizations",
            0,
            "kind",
            "club",
            "ato.yaml: organizations[0] (id ato-council): kind='club': must be one of",
        ),
        (
            "organizations",
            0,
            "parent",
            "nothing",
            "ato.yaml: organizations[0] (id ato-council): parent='nothing': names no organization defined before it",
        ),
        (
            "tenures",
            0,
            "untill",
            "1995",
            "ato.yaml: tenures[0] (person doe-jane, post ato-chief): untill='1995': unknown field",
        ),
        (
            "tenures",
            0,
            "attested",
            ["1989-01-01"],
            "ato.yaml: tenures[0] (person doe-jane, post ato-chief): "
            "attested=['1989-01-01']: attested on 1989-01-01, before its start",
        ),
        (
            "persons",
            0,
            "id",
            "Jane Doe",
            "ato.yaml: persons[0] (id Jane Doe): id='Jane Doe': is not a valid identifier",
        ),
        ("states", 0, "code", "aa", "ato.yaml: states[0] (code aa): code='aa': is not a valid identifier"),
    ],
)
def test_error_names_file_record_field_and_value(
    tmp_path: Path, section: str, index: int, field: str, value: Any, message: str
) -> None:
    data = mutate(small_dataset(), section, index, field, value)
    with pytest.raises(DatasetError) as caught:
        dataset_import(write(tmp_path, data))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_source_without_quote_is_refused(tmp_path: Path) -> None:
    data = small_dataset()
    data["persons"][0]["sources"] = [{"url": "https://example.org"}]
    with pytest.raises(DatasetError, match=r"persons\[0\] \(id doe-jane\): sources=.*needs the quoted words"):
        dataset_import(write(tmp_path, data))


def test_seed_quote_must_be_on_the_cited_line(tmp_path: Path) -> None:
    data = small_dataset()
    data["persons"][0]["sources"] = [{"ref": "seed:000_e52e44ee9352e8ff.txt#L3", "quote": "Sidorov"}]
    with pytest.raises(DatasetError, match="is not on line 3 of the seed"):
        dataset_import(write(tmp_path, data))


def test_two_holders_of_a_single_post_at_once_is_refused(tmp_path: Path) -> None:
    data = small_dataset()
    data["tenures"][1]["attested"] = ["1991-01-01"]
    data["tenures"][1]["from"] = "1990"
    with pytest.raises(DatasetError, match="two holders at once"):
        dataset_import(write(tmp_path, data))


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("organization: {id: x\nstates: [", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"^broken\.yaml: line \d+, column \d+"):
        dataset_import(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such file or folder"):
        dataset_import(tmp_path / "absent.yaml")


def test_dataset_needs_its_organization(tmp_path: Path) -> None:
    data = small_dataset()
    del data["organization"]
    with pytest.raises(DatasetError, match="organization: is required"):
        dataset_import(write(tmp_path, data))


def test_ids_of_another_dataset_are_refused(tmp_path: Path) -> None:
    data = small_dataset()
    data["persons"][0]["id"] = "sidorov-anatoly"  # the built-in dataset's
    for tenure in data["tenures"]:
        if tenure["person"] == "doe-jane":
            tenure["person"] = "sidorov-anatoly"
    with pytest.raises(DatasetError, match="already used by another organization's dataset"):
        dataset_import(write(tmp_path, data))


def test_statute_parameters_are_read_and_checked(tmp_path: Path) -> None:
    data = small_dataset()
    data["statutes"] = {
        "treaty_term": {
            "entry_into_force": "1990-01-01",
            "years": 10,
            "extension_years": 10,
            "automatic_extension": False,
            "sources": [{"url": "https://example.org/treaty", "quote": "ten years"}],
        }
    }
    dataset_import(write(tmp_path, data))
    assert Organization.objects.get(slug="ato").statutes["treaty_term"]["years"] == 10
    data["statutes"]["treaty_term"]["years"] = 0
    with pytest.raises(DatasetError, match=r"statutes\.treaty_term: years=0: must be a positive whole number"):
        dataset_import(write(tmp_path, data))


def test_unknown_statute_is_refused(tmp_path: Path) -> None:
    data = small_dataset()
    data["statutes"] = {"tea_time": {}}
    with pytest.raises(DatasetError, match=r"statutes: tea_time=.*unknown statute"):
        dataset_import(write(tmp_path, data))


def test_import_is_audited_and_a_check_is_not(tmp_path: Path) -> None:
    from csto_registry.records.models import AuditEntry

    path = write(tmp_path, small_dataset())
    before = AuditEntry.objects.count()
    dataset_import(path, dry_run=True)
    assert AuditEntry.objects.count() == before
    dataset_import(path, actor="tester")
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.actor, entry.action, entry.record) == ("tester", "dataset.import", "dataset:ato")
    assert entry.after["counts"]["tenures"] == 3


def test_records_that_fill_a_batch_keep_their_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A post or person that completes a batch is written at once; its id must not be lost.
    monkeypatch.setattr("csto_registry.datasets.importer.BATCH", 1)
    report = dataset_import(write(tmp_path, small_dataset()))
    assert report.counts["tenures"] == 3
    jane = Tenure.objects.filter(person__slug="doe-jane").values_list("post__slug", flat=True)
    assert sorted(jane) == ["ato-chief", "ato-council:AAA"]


def test_another_organization_may_not_rename_a_shared_state(tmp_path: Path) -> None:
    from csto_registry.records.models import State

    armenia = dict(State.objects.get(code="ARM").name)
    data = small_dataset()
    cite = data["states"][0]["sources"]
    data["states"].append({"code": "ARM", "name": {"en": "Probeland"}, "sources": cite})
    before = counts()
    with pytest.raises(DatasetError) as refused:
        dataset_import(write(tmp_path, data))
    assert str(refused.value).startswith("ato.yaml: states[1]")
    assert "field 'name'" in str(refused.value) or "name=" in str(refused.value)
    assert "ARM is shared with another organization's dataset" in str(refused.value)
    assert State.objects.get(code="ARM").name == armenia
    assert counts() == before
    # The same names, or no definition at all, are the shared state.
    data["states"][1]["name"] = armenia
    dataset_import(write(tmp_path, data))
    assert State.objects.get(code="ARM").name == armenia


def large_dataset(people: int) -> dict[str, Any]:
    data = small_dataset()
    cite = [{"url": "https://example.org/roll", "quote": "The roll of the council"}]
    for i in range(people):
        data["persons"].append({"id": f"member-{i:04d}", "name": {"en": f"Member {i}"}, "sources": cite})
        data["tenures"].append({"person": f"member-{i:04d}", "post": "ato-council:AAA", "attested": ["1993-01-01"]})
    return data


class NoAliases(yaml.SafeDumper):
    """Write each record in full (PyYAML would write a shared list once, with an anchor, and alias it after)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_plain(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "ato.yaml"
    path.write_text(yaml.dump(data, Dumper=NoAliases, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> int:
    from csto_registry.datasets import yamlfile

    monkeypatch.setattr(yamlfile, "PART_BYTES", 2000)
    return 2000


def test_a_large_file_is_read_in_parts_and_imports_as_read_whole(tmp_path: Path, small_parts: int) -> None:
    from csto_registry.datasets.importer import READ_ORDER
    from csto_registry.datasets.yamlfile import file_parts, parse_part

    path = write_plain(tmp_path, large_dataset(300))  # keys in alphabetical order: the tenures come before the states
    parts = file_parts(path, READ_ORDER)
    assert len(parts) > 10
    assert all(part.text is not None and part.size < small_parts + 200 for part in parts)
    merged: dict[str, Any] = {}
    for part in parts:
        document, _, _ = parse_part(part)
        for key, value in document.items():
            merged[key] = [*merged.get(key, []), *value] if isinstance(value, list) else value
    assert merged == yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [next(iter(parse_part(part)[0])) for part in parts][:2] == ["organization", "states"]
    report = dataset_import(path)
    assert report.counts["tenures"] == 303
    assert Tenure.objects.filter(dataset__slug="ato", post__slug="ato-council:AAA").count() == 301


def test_a_fault_in_a_later_part_names_the_record_by_its_place_in_the_file(tmp_path: Path, small_parts: int) -> None:
    data = large_dataset(300)
    data["tenures"][250]["person"] = "nobody"
    with pytest.raises(DatasetError, match=r"^ato\.yaml: tenures\[250\] .*person='nobody'"):
        dataset_import(write_plain(tmp_path, data))
    assert not Organization.objects.filter(slug="ato").exists()


def test_a_syntax_error_in_a_later_part_names_its_line_in_the_file(tmp_path: Path, small_parts: int) -> None:
    path = write_plain(tmp_path, large_dataset(300))
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = lines.index("  person: member-0299")  # in the last part
    lines[broken] = "  person: [member-0299"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as raised:
        dataset_import(path)
    line = int(str(raised.value).split("line ", 1)[1].split(",", 1)[0])
    assert broken + 1 <= line <= broken + 3, (broken + 1, str(raised.value))


def test_a_large_file_whose_records_refer_to_each_other_is_read_whole(tmp_path: Path, small_parts: int) -> None:
    from csto_registry.datasets.importer import READ_ORDER
    from csto_registry.datasets.yamlfile import file_parts

    path = write_plain(tmp_path, large_dataset(300))
    text = path.read_text(encoding="utf-8").replace("quote: The roll of the council", "quote: &roll The roll", 1)
    assert "&roll" in text
    path.write_text(text, encoding="utf-8")
    assert [(part.text, part.lines) for part in file_parts(path, READ_ORDER)] == [(text, None)]  # one part: whole
    assert dataset_import(path).counts["tenures"] == 303
