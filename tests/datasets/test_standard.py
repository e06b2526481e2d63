"""Standard exports (Popolo JSON, W3C ORG, CSV) say what the registry says, at the precision of its sources."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, TIME, XSD

from csto_registry.datasets.importer import dataset_import
from csto_registry.datasets.standard import (
    TABLES,
    csv_tables,
    org_serialize,
    org_triples,
    plain_date,
    popolo_document,
    standard_write,
)
from csto_registry.datasets.structure import structure_read
from csto_registry.records.models import Organization, Person, Post, StateMembership, Tenure, temporal_values
from csto_registry.records.selectors.memberships import membership_list_on
from csto_registry.records.selectors.tenures import holder_list_on
from csto_registry.timeline import LATEST, Certainty, holds_on

pytestmark = pytest.mark.django_db
EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")
BASE = "http://registry.example/"
POPOLO_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}){0,2}$")  # the pattern of Popolo's JSON schemas
DAYS = [dt.date(1994, 4, 19), dt.date(1994, 4, 20), dt.date(1999, 4, 20), dt.date(2006, 7, 15), dt.date(2008, 1, 1)]
DAYS += [dt.date(2012, 12, 20), dt.date(2015, 9, 10), dt.date(2022, 4, 1), dt.date(2022, 6, 1), dt.date(2025, 1, 1)]


@pytest.fixture(scope="module")
def structure(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        return structure_read(organization="csto")


def _holds(bounds: dict[str, str | None], day: dt.date) -> str | None:
    """The registry's rule, read from exported bounds alone (a missing bound is no bound)."""
    iso = day.isoformat()
    start_min, start_max = bounds.get("start_min") or "0001-01-01", bounds.get("start_max") or "0001-01-01"
    end_min, end_max = bounds.get("end_min") or "9999-12-31", bounds.get("end_max") or "9999-12-31"
    if start_max <= iso < end_min:
        return "certain"
    if start_min <= iso < end_max:
        return "possible"
    return None


def test_plain_dates_are_those_a_standard_can_hold() -> None:
    assert [plain_date(d) for d in ("1994-04-20", "2009-02", "2001", None, "")] == [
        "1994-04-20",
        "2009-02",
        "2001",
        None,
        None,
    ]
    # a season, an uncertain or approximate date, an interval: only EDTF can say these
    assert [plain_date(d) for d in ("2006-22", "2015-09?", "2004~", "2002/2003", "1999-13")] == [None] * 5


def test_popolo_holds_every_record_of_the_structure(structure: dict[str, Any]) -> None:
    document = popolo_document(structure, base=BASE)
    root = Organization.objects.get(slug="csto")
    assert len(document["persons"]) == Person.objects.filter(dataset=root).count()
    assert len(document["posts"]) == Post.objects.filter(dataset=root).count()
    members = StateMembership.objects.filter(dataset=root).count() + Tenure.objects.filter(dataset=root).count()
    assert len(document["memberships"]) == members
    bodies = Organization.objects.filter(dataset=root).count() + 1
    assert len(document["organizations"]) == bodies + len(structure["states"])
    ids = [r["id"] for section in document.values() for r in section]
    assert len(ids) == len(set(ids)), "identifiers are unique"


def test_popolo_dates_match_its_schema_and_keep_the_edtf(structure: dict[str, Any]) -> None:
    document = popolo_document(structure, base=BASE)
    for record in document["memberships"] + document["organizations"]:
        for key in ("start_date", "end_date", "founding_date", "dissolution_date"):
            if key in record:
                assert POPOLO_DATE.match(record[key]), record
                dt.date.fromisoformat((record[key] + "-01-01")[:10])  # a real day, month or year
    uzbekistan = [m for m in document["memberships"] if m.get("member", {}).get("id") == "UZB"]
    resumed = next(m for m in uzbekistan if m.get("edtf", {}).get("from") == "2006-22")
    assert "start_date" not in resumed  # the summer of 2006 is no Popolo date
    row = StateMembership.objects.get(state__code="UZB", start="2006-22")
    assert resumed["bounds"]["start_min"] == row.start_min.isoformat()
    assert resumed["bounds"]["start_max"] == row.start_max.isoformat()


def test_popolo_memberships_answer_who_was_a_member_as_the_registry_does(structure: dict[str, Any]) -> None:
    document = popolo_document(structure, base=BASE)
    states = [m for m in document["memberships"] if "member" in m and m["organization_id"] == "csto"]
    for day in DAYS:
        from_export = sorted(
            (m["member"]["id"], m["role"], _holds(m["bounds"], day))
            for m in states
            if _holds(m["bounds"], day) and m["role"] == "member"
        )
        registry = sorted((r["state"], r["status"], r["certainty"]) for r in membership_list_on(day=day))
        assert from_export == registry, day


def test_popolo_tenures_answer_who_held_the_seats_as_the_registry_does(structure: dict[str, Any]) -> None:
    document = popolo_document(structure, base=BASE)
    tenures = [m for m in document["memberships"] if "person_id" in m]
    for body in ("cmd", "cfm", "csto"):
        for day in DAYS:
            from_export = sorted(
                (t["post_id"], t["person_id"], _holds(t["bounds"], day))
                for t in tenures
                if t["organization_id"] == body and _holds(t["bounds"], day)
            )
            holders = [r for r in holder_list_on(body=body, day=day) if not r.get("vacant")]  # Popolo has no vacancy
            registry = sorted((r["post"], r["person"], r["certainty"]) for r in holders)
            assert from_export == registry, (body, day)


def test_popolo_sources_open_the_seed_line_they_quote(structure: dict[str, Any]) -> None:
    document = popolo_document(structure, base=BASE)
    cmd_arm = next(p for p in document["posts"] if p["id"] == "cmd:ARM")
    assert cmd_arm["organization_id"] == "cmd"
    assert cmd_arm["area_id"] == "ARM"
    links = [s for section in document.values() for r in section for s in r.get("sources", [])]
    seed_links = [s for s in links if s["url"].startswith(f"{BASE}sources/seed/")]
    assert seed_links
    assert all(re.search(r"\.txt#L\d+$", s["url"]) and s["note"] for s in seed_links)
    assert len(links) == sum(
        len(r["sources"]) for key, rows in structure.items() if key not in ("organization", "revision") for r in rows
    )


def _read(structure: dict[str, Any], fmt: str) -> Graph:
    """The ORG file as another library (rdflib) reads it."""
    text = org_serialize(org_triples(structure, base=BASE), format=fmt, base=BASE).decode()
    return Graph().parse(data=text, format="turtle" if fmt == "turtle" else "json-ld")


def test_org_files_read_back_to_every_triple_written(structure: dict[str, Any]) -> None:
    written = set(org_triples(structure, base=BASE))
    turtle, jsonld = _read(structure, "turtle"), _read(structure, "jsonld")
    assert len(written) > 1000
    assert len(turtle) == len(written)
    assert not any(isinstance(term, BNode) for triple in turtle for term in triple)  # every node has an address
    assert set(turtle) == set(jsonld)
    sidorov = URIRef(f"{BASE}people/sidorov-anatoly/")
    assert (sidorov, URIRef("http://xmlns.com/foaf/0.1/name"), Literal("Anatoly Sidorov", lang="en")) in turtle


def test_org_graph_answers_who_was_a_member_in_sparql(structure: dict[str, Any]) -> None:
    graph = _read(structure, "turtle")
    reg = Namespace(f"{BASE}vocab#")
    query = """
        SELECT ?code WHERE {
          ?m a org:Membership ; org:member ?state ; org:organization ?csto ; org:role ?role ; org:memberDuring ?i .
          ?state skos:notation ?code .
          ?i reg:startMax ?smax .
          OPTIONAL { ?i reg:endMin ?emin }
          FILTER (?smax <= ?day && (!BOUND(?emin) || ?emin > ?day))
        }"""
    for day in DAYS:
        rows = graph.query(
            query,
            initNs={"org": ORG, "skos": Namespace("http://www.w3.org/2004/02/skos/core#"), "reg": reg},
            initBindings={
                "day": Literal(day.isoformat(), datatype=XSD.date),
                "csto": URIRef(f"{BASE}bodies/csto/"),
                "role": reg["status-member"],
            },
        )
        certain = sorted(r["state"] for r in membership_list_on(day=day) if r["certainty"] == "certain")
        assert sorted(str(row[0]) for row in rows) == certain, day


def test_org_intervals_use_owl_time_where_the_date_is_plain_and_edtf_always(structure: dict[str, Any]) -> None:
    graph = _read(structure, "turtle")
    reg = Namespace(f"{BASE}vocab#")
    edtf_starts = {str(o): s for s, o in graph.subject_objects(reg.edtfFrom)}
    assert all(o.datatype == EDTF for o in graph.objects(None, reg.edtfFrom))
    summer = edtf_starts["2006-22"]
    assert graph.value(summer, TIME.hasBeginning) is None  # OWL-Time has no season
    plain = edtf_starts["1994-04-20"]
    beginning = graph.value(plain, TIME.hasBeginning)
    assert graph.value(beginning, TIME.inXSDDate) == Literal("1994-04-20", datatype=XSD.date)


def test_csv_tables_read_back_with_a_row_per_record(structure: dict[str, Any]) -> None:
    tables = {name: list(csv.DictReader(io.StringIO(text))) for name, text in csv_tables(structure, base=BASE).items()}
    assert set(tables) == set(TABLES)
    for name, rows in tables.items():
        assert list(rows[0]) == TABLES[name]
        if name != "sources":
            assert len(rows) == len(structure[name])
    assert len(tables["sources"]) == sum(len(r["sources"]) for n in TABLES if n != "sources" for r in structure[n])
    sidorov = next(t for t in tables["tenures"] if t["person"] == "sidorov-anatoly")
    record = next(t for t in structure["tenures"] if t["id"] == sidorov["id"])
    assert sidorov["from"] == (record["from"] or "")
    assert sidorov["start_max"] == record["bounds"]["start_max"]
    russia = next(s for s in tables["states"] if s["code"] == "RUS")
    assert russia["name_ru"] == "Российская Федерация"


def test_identifiers_stay_the_same_when_the_dataset_is_read_again(structure: dict[str, Any]) -> None:
    again = structure_read(organization="csto")
    assert [t["id"] for t in again["tenures"]] == [t["id"] for t in structure["tenures"]]
    assert json.dumps(popolo_document(again, base=BASE)) == json.dumps(popolo_document(structure, base=BASE))


def test_exported_bounds_say_what_the_registry_says_on_every_record(structure: dict[str, Any]) -> None:
    """Certain, possible or not, from the exported bounds alone, for every organization, membership and tenure."""
    root = Organization.objects.get(slug="csto")
    stored = {
        "organizations": [root, *Organization.objects.filter(dataset=root).order_by("position")],
        "memberships": list(StateMembership.objects.filter(dataset=root).order_by("id")),
        "tenures": list(Tenure.objects.filter(dataset=root).order_by("id")),
    }
    days = [*DAYS, dt.date(1992, 5, 15), dt.date(2003, 4, 28), dt.date(2012, 1, 1), dt.date(2026, 1, 1)]
    unknown_start = 0
    for section, rows in stored.items():
        assert len(rows) == len(structure[section])
        for row, exported in zip(rows, structure[section], strict=True):
            unknown_start += row.start_max == LATEST
            for day in days:
                expected = holds_on(row.bounds, day)
                assert _holds(exported["bounds"], day) == (None if expected is Certainty.NO else expected.value), (
                    section,
                    exported.get("id"),
                    day,
                )
    assert unknown_start > 0  # records whose start is unknown (never certain) are among them


def test_no_date_is_made_more_precise_than_its_source(structure: dict[str, Any]) -> None:
    document = popolo_document(structure, base=BASE)
    graph = _read(structure, "turtle")
    at = {str(s): s for s in graph.subjects()}
    checked = 0
    for section, keys in (
        ("memberships", ("start_date", "end_date")),
        ("organizations", ("founding_date", "dissolution_date")),
    ):
        records = {r["id"]: r for r in document[section] if "edtf" in r}
        for record in records.values():
            for edtf_key, key, edge in (("from", keys[0], TIME.hasBeginning), ("until", keys[1], TIME.hasEnd)):
                given = record["edtf"].get(edtf_key)
                if given and plain_date(given) is None:
                    checked += 1
                    assert key not in record, record["id"]
                    node = URIRef(f"{BASE}memberships#{record['id']}/during")
                    if section == "organizations":
                        node = URIRef(f"{BASE}bodies/{record['id']}/#during")
                    assert str(node) in at
                    assert graph.value(node, edge) is None, record["id"]
    uzbekistan = [m for m in document["memberships"] if m.get("member", {}).get("id") == "UZB"]
    assert any(m["edtf"].get("until") == "2006-22" and "end_date" not in m for m in uzbekistan)
    assert checked >= 2


def test_csv_leaves_out_nothing_a_record_holds(structure: dict[str, Any]) -> None:
    tables = {name: list(csv.DictReader(io.StringIO(text))) for name, text in csv_tables(structure, base=BASE).items()}
    for name in TABLES:
        if name == "sources":
            continue
        for record, row in zip(structure[name], tables[name], strict=True):
            for key, value in record.items():
                if key == "sources":
                    continue
                if isinstance(value, dict) and key != "bounds":
                    expected = {f"{key}_{lang}": text for lang, text in value.items()}
                elif key == "bounds":
                    expected = {k: v or "" for k, v in value.items()}
                elif isinstance(value, list):
                    expected = {key: (" | " if key == "other_names" else " ").join(value)}
                elif isinstance(value, bool):
                    expected = {key: str(value).lower()}
                else:
                    expected = {key: "" if value is None else value}
                assert {k: row.get(k) for k in expected} == expected, (name, key)


def test_a_record_known_only_by_its_end_is_never_certain_in_the_export() -> None:
    """Only `until` known: the start may be any day before it, so no day is certain (start_max is the end of time)."""
    root = Organization.objects.get(slug="csto")
    values = temporal_values(start=None, end="2012")
    Organization.objects.create(slug="ended-body", name={"en": "Ended body"}, kind="subsidiary-body", parent=root,
                                dataset=root, **values)  # fmt: skip
    record = next(o for o in structure_read(organization="csto")["organizations"] if o["id"] == "ended-body")
    assert record["bounds"]["start_max"] == LATEST.isoformat()
    for day in (dt.date(1995, 1, 1), dt.date(2011, 12, 31), dt.date(2012, 1, 1)):
        expected = holds_on(Organization.objects.get(slug="ended-body").bounds, day)
        assert _holds(record["bounds"], day) == (None if expected is Certainty.NO else expected.value)
    assert _holds(record["bounds"], dt.date(1995, 1, 1)) == "possible"


def test_another_organization_exports_its_own_records_alone(tmp_path: Path) -> None:
    """One engine, many organizations: a dataset of its own (English names only) exports just its records."""
    from tests.datasets.test_importer import small_dataset, write

    dataset_import(write(tmp_path, small_dataset()))
    structure = structure_read(organization="ato")
    assert [o["id"] for o in structure["organizations"]] == ["ato", "ato-council"]
    assert [s["code"] for s in structure["states"]] == ["AAA"]
    document = popolo_document(structure, base=BASE)
    assert {p["id"] for p in document["persons"]} == {"doe-jane", "roe-richard"}
    jane = next(m for m in document["memberships"] if m.get("person_id") == "doe-jane" and m["post_id"] == "ato-chief")
    assert jane["start_date"] == "1990-01-01"
    assert "end_date" not in jane  # no source gives it...
    assert jane["bounds"]["end_max"] == "1995-12-31"  # ...but Richard's start bounds it (succession inference)
    rows = list(csv.DictReader(io.StringIO(csv_tables(structure, base=BASE, only="persons")["persons"])))
    assert [(r["id"], r["name_en"], r["name_ru"]) for r in rows] == [
        ("doe-jane", "Jane Doe", ""),
        ("roe-richard", "Richard Roe", ""),
    ]
    graph = _read(structure, "turtle")
    assert URIRef(f"{BASE}people/sidorov-anatoly/") not in set(graph.subjects())


def test_the_popolo_file_is_written_as_a_stream_that_reads_back_as_the_document(
    structure: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "popolo.json"
    standard_write(structure, format="popolo", base=BASE, path=path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written.pop("record_revision") == structure["revision"]  # the revision it was made from
    assert written == popolo_document(structure, base=BASE)
    assert len(path.read_text(encoding="utf-8").splitlines()) > len(structure["tenures"])  # a record a line


def test_a_csv_column_first_seen_late_is_in_the_header_and_every_row_is_whole() -> None:
    person = {"id": "a", "name": {"en": "A"}, "full_name": {}, "other_names": [], "nationality": None, "sources": []}
    late = person | {"id": "b", "name": {"en": "B", "de": "Be"}}
    text = csv_tables({"persons": [person, person | {"id": "c"}, late]}, base=BASE, only="persons")["persons"]
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [*TABLES["persons"], "name_de"]
    assert {len(row) for row in rows} == {len(rows[0])}
    assert [row[-1] for row in rows[1:]] == ["", "", "Be"]


def test_the_structure_reads_its_people_and_tenures_as_it_is_walked(structure: dict[str, Any]) -> None:
    from csto_registry.datasets.structure import Rows

    assert isinstance(structure["tenures"], Rows)
    assert isinstance(structure["persons"], Rows)
    walked = iter(structure["tenures"])
    first = next(walked)
    assert first["id"].endswith(":1")
    assert len(structure["tenures"]) == Tenure.objects.filter(dataset__slug="csto").count()


def test_the_csv_folder_writes_each_table_and_its_sources_in_one_pass_as_the_tables_say(
    structure: dict[str, Any], tmp_path: Path
) -> None:
    standard_write(structure, format="csv", base=BASE, path=tmp_path)
    for name, text in csv_tables(structure, base=BASE).items():
        assert (tmp_path / f"{name}.csv").read_text(encoding="utf-8") == text, name
