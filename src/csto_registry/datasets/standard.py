"""The standard exports of an organization's structure: Popolo JSON, W3C ORG (Turtle, JSON-LD) and CSV.

Each builder takes the plain structure `structure_read` returns and the base
address the records are served under (`base`, ending in "/"); none reads the
database. What a standard cannot say is kept, not dropped: Popolo and ORG take
dates only at the precision of a year, a month or a day, so a date the source
gives as a season, an interval or an uncertain day ("2006-22", the summer of
2006) is left out of `start_date` and kept as EDTF beside it, with the bounds
the registry derived.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

FORMATS = ("popolo", "turtle", "jsonld", "csv")
PLAIN_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")
SEED_REF = re.compile(r"seed:([^#]+)#L(\d+)")
EDTF = NamedNode("http://id.loc.gov/datatypes/edtf/EDTF")
ISO_3166 = "ISO 3166-1 alpha-3"
IRI_SAFE = ":/?#[]@!$&'()*+,;=~"


def plain_date(edtf: str | None) -> str | None:
    """Return an EDTF date as Popolo and XSD take it (YYYY, YYYY-MM or YYYY-MM-DD), or None where it says more."""
    return edtf if edtf and PLAIN_DATE.fullmatch(edtf) else None


def source_link(citation: dict[str, str], base: str) -> dict[str, str]:
    """A citation as a link: a public address as it is, a seed line as the page that shows it."""
    if "url" in citation:
        return {"url": citation["url"], "note": citation["quote"]}
    match = SEED_REF.fullmatch(citation["ref"])
    url = f"{base}sources/seed/{quote(match[1])}#L{match[2]}" if match else citation["ref"]
    return {"url": url, "note": citation["quote"]}


def iri(address: str) -> NamedNode:
    """An address as an IRI: as it is where it is one, else with the characters an IRI may not hold encoded."""
    try:
        return NamedNode(address)
    except ValueError:
        pass
    try:  # keep what is already percent-encoded
        return NamedNode(quote(address, safe=IRI_SAFE + "%"))
    except ValueError:
        return NamedNode(quote(address, safe=":/"))


def addresses(base: str) -> dict[str, str]:
    """Where each kind of record lives under `base`: pages the website serves, and fragments for the rest."""
    return {
        "organization": f"{base}bodies/",
        "state": f"{base}states/#state-",
        "person": f"{base}people/",
        "post": f"{base}posts#",
        "membership": f"{base}memberships#",
        "vocab": f"{base}vocab#",
    }


# Popolo JSON ----------------------------------------------------------------------------------------------------


def popolo_document(structure: dict[str, Any], *, base: str) -> dict[str, Any]:
    """Return the structure as a Popolo JSON document (organizations, persons, posts, memberships), whole."""
    return {key: list(records) for key, records in popolo_sections(structure, base=base).items()}


def popolo_sections(structure: dict[str, Any], *, base: str) -> dict[str, Iterable[dict[str, Any]]]:
    """The Popolo document's sections, each an iterable of records made as they are read (for writing a stream)."""
    states = [
        {
            "id": s["code"],
            "name": s["name"]["en"],
            "other_names": _other_names(s["name"], s.get("short", {})),
            "classification": "state",
            "identifiers": [{"scheme": ISO_3166, "identifier": s["code"]}],
            "sources": _links(s, base),
        }
        for s in structure["states"]
    ]
    organizations = [
        _dropped(
            {
                "id": o["id"],
                "name": o["name"]["en"],
                "other_names": _other_names(o["name"], o["abbr"], [{"en": n} for n in o["other_names"]]),
                "classification": o["kind"],
                "parent_id": o["parent"],
                "area": {"name": o["seat"]["en"], "other_names": _other_names(o["seat"])} if o["seat"] else None,
                **_dated(o, "founding_date", "dissolution_date"),
                "sources": _links(o, base),
            }
        )
        for o in structure["organizations"]
    ]
    persons = (
        _dropped(
            {
                "id": p["id"],
                "name": p["name"]["en"],
                "other_names": _other_names(p["name"], p["full_name"], [{"en": n} for n in p["other_names"]]),
                "national_identity": p["nationality"],
                "sources": _links(p, base),
            }
        )
        for p in structure["persons"]
    )
    posts = [
        _dropped(
            {
                "id": p["id"],
                "label": p["title"]["en"],
                "other_label": [text for lang, text in p["title"].items() if lang != "en" and text],
                "organization_id": p["organization"],
                "area_id": p["state"],
                "single": p["single"],  # the registry's: at most one holder at a time
                "sources": _links(p, base),
            }
        )
        for p in structure["posts"]
    ]
    states_in = (
        _dropped(
            {
                "id": m["id"],
                "member": {"@type": "Organization", "id": m["state"]},
                "organization_id": m["organization"],
                "role": m["status"],
                **_dated(m, "start_date", "end_date"),
                "sources": _links(m, base),
            }
        )
        for m in structure["memberships"]
    )
    holders = (
        _dropped(
            {
                "id": t["id"],
                "person_id": t["person"],
                "organization_id": t["organization"],
                "post_id": t["post"],
                "on_behalf_of_id": t["state"],
                "role": (t["role"] or {}).get("en"),
                "role_names": t["role"],  # the registry's: the office in every language it is given
                **_dated(t, "start_date", "end_date"),
                "sources": _links(t, base),
            }
        )
        for t in structure["tenures"]
    )
    return {
        "organizations": organizations + states,
        "persons": persons,
        "posts": posts,
        "memberships": itertools.chain(states_in, holders),
    }


def _popolo_write(structure: dict[str, Any], base: str, out: IO[str]) -> None:
    """Write the Popolo document as a stream: one record a line, each section's records as they are made; first
    the revision of the records it was made from (`record_revision`, beside Popolo's own keys)."""
    out.write("{\n " + json.dumps("record_revision") + ": " + json.dumps(structure.get("revision")))
    for key, records in popolo_sections(structure, base=base).items():
        out.write(f',\n "{key}": [')
        for index, record in enumerate(records):
            out.write(("," if index else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        out.write("\n ]")
    out.write("\n}\n")


def _other_names(*names: Any) -> list[dict[str, str]]:
    """Every name but the primary English one, each with its language in `note`."""
    primary = names[0].get("en")
    found: list[dict[str, str]] = []
    for group in names:
        for by_language in group if isinstance(group, list) else [group]:
            for lang, name in by_language.items():
                entry = {"name": name, "note": lang}
                if name and name != primary and entry not in found:
                    found.append(entry)
    return found


def _links(record: dict[str, Any], base: str) -> list[dict[str, str]]:
    return [source_link(citation, base) for citation in record["sources"]]


def _dated(record: dict[str, Any], start: str, end: str) -> dict[str, Any]:
    """Popolo's dates (`start`, `end`) where the EDTF dates are plain, and the registry's own time keys Popolo has
    no place for: EDTF as given, attested days, derived bounds."""
    return {
        start: plain_date(record["from"]),
        end: plain_date(record["until"]),
        "edtf": _dropped({"from": record["from"], "until": record["until"]}),
        "attested": record["attested"],
        "bounds": _dropped(record["bounds"]),
    }


def _dropped(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value not in (None, "", [], {})}


# W3C Organization Ontology -----------------------------------------------------------------------------------------

ORG = "http://www.w3.org/ns/org#"
TIME = "http://www.w3.org/2006/time#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_FORMATS = {"turtle": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD}


def _ns(prefix: str) -> Callable[[str], NamedNode]:
    return lambda name: NamedNode(prefix + name)


org, time_, skos, foaf, dcterms, xsd = (_ns(n) for n in (ORG, TIME, SKOS, FOAF, DCTERMS, XSD))


def org_triples(structure: dict[str, Any], *, base: str) -> Iterator[Triple]:
    """Yield the structure as RDF in the W3C Organization Ontology (ORG) and OWL-Time, record by record.

    Every node has an address (no blank nodes), so the triples can be written as they come.
    """
    at = addresses(base)
    reg = _ns(at["vocab"])
    organization = {o["id"]: NamedNode(f"{at['organization']}{o['id']}/") for o in structure["organizations"]}
    state = {s["code"]: NamedNode(f"{at['state']}{s['code']}") for s in structure["states"]}
    # A person's node is made from the id when it is needed: the people are many, and read as they are written.
    person = _Nodes(at["person"], "/")
    post = {p["id"]: NamedNode(f"{at['post']}{p['id']}") for p in structure["posts"]}
    parents = {o["id"]: o["parent"] for o in structure["organizations"]}

    def formal(body: str) -> str:
        """The formal organization a unit belongs to: the top of its tree (the organization, or a partner)."""
        while parents.get(body):
            body = parents[body]
        return body

    for status in sorted({m["status"] for m in structure["memberships"]}):
        yield Triple(reg(f"status-{status}"), RDF_TYPE, org("Role"))
        yield Triple(reg(f"status-{status}"), skos("prefLabel"), Literal(status, language="en"))
    for s in structure["states"]:
        node = state[s["code"]]
        yield Triple(node, RDF_TYPE, org("FormalOrganization"))
        yield Triple(node, skos("notation"), Literal(s["code"]))
        yield from _labels(node, s["name"], skos("prefLabel"))
        yield from _labels(node, s.get("short", {}), skos("altLabel"), unlike=s["name"])
        yield from _sources(node, s["sources"], base)
    for o in structure["organizations"]:
        node = organization[o["id"]]
        yield Triple(node, RDF_TYPE, org("FormalOrganization" if o["parent"] is None else "OrganizationalUnit"))
        yield Triple(node, skos("notation"), Literal(o["id"]))
        yield Triple(node, reg("kind"), Literal(o["kind"]))
        yield from _labels(node, o["name"], skos("prefLabel"))
        yield from _labels(node, o["abbr"], skos("altLabel"), unlike=o["name"])
        for name in o["other_names"]:
            if name != o["name"].get("en"):
                yield Triple(node, skos("altLabel"), Literal(name, language="en"))
        if o["parent"]:
            yield Triple(node, org("subOrganizationOf"), organization[o["parent"]])
            yield Triple(node, org("unitOf"), organization[formal(o["id"])])
        yield from _interval(node, reg("existedDuring"), o, reg)
        yield from _sources(node, o["sources"], base)
    for p in structure["persons"]:
        node = person[p["id"]]
        yield Triple(node, RDF_TYPE, foaf("Person"))
        yield from _labels(node, p["name"], foaf("name"))
        yield from _labels(node, p["full_name"], skos("altLabel"), unlike=p["name"])
        if p["nationality"]:
            yield Triple(node, reg("nationality"), state[p["nationality"]])
        yield from _sources(node, p["sources"], base)
    for p in structure["posts"]:
        node = post[p["id"]]
        yield Triple(node, RDF_TYPE, org("Post"))
        yield Triple(node, skos("notation"), Literal(p["id"]))
        yield Triple(node, org("postIn"), organization[p["organization"]])
        yield from _labels(node, p["title"], skos("prefLabel"))
        if p["state"]:
            yield Triple(node, reg("seatOf"), state[p["state"]])
        yield from _sources(node, p["sources"], base)
    for m in structure["memberships"]:
        node = NamedNode(f"{at['membership']}{m['id']}")
        yield Triple(node, RDF_TYPE, org("Membership"))
        yield Triple(node, org("member"), state[m["state"]])
        yield Triple(node, org("organization"), organization[m["organization"]])
        yield Triple(node, org("role"), reg(f"status-{m['status']}"))
        yield from _interval(node, org("memberDuring"), m, reg)
        yield from _sources(node, m["sources"], base)
    held: set[tuple[str, str]] = set()
    for t in structure["tenures"]:
        node = NamedNode(f"{at['membership']}{t['id']}")
        yield Triple(node, RDF_TYPE, org("Membership"))
        yield Triple(node, org("member"), person[t["person"]])
        yield Triple(node, org("organization"), organization[t["organization"]])
        yield Triple(node, reg("post"), post[t["post"]])
        if (t["post"], t["person"]) not in held:  # once, however many times the person held the post
            held.add((t["post"], t["person"]))
            yield Triple(post[t["post"]], org("heldBy"), person[t["person"]])
            yield Triple(person[t["person"]], org("holds"), post[t["post"]])
        yield from _labels(node, t["role"] or {}, RDFS_LABEL)
        yield from _interval(node, org("memberDuring"), t, reg)
        yield from _sources(node, t["sources"], base)


class _Nodes:
    """Nodes by id, each made when asked for: PREFIX + id + SUFFIX."""

    def __init__(self, prefix: str, suffix: str) -> None:
        self.prefix, self.suffix = prefix, suffix

    def __getitem__(self, key: str) -> NamedNode:
        return NamedNode(f"{self.prefix}{key}{self.suffix}")


def org_serialize(triples: Iterable[Triple], *, format: str, base: str, output: Path | None = None) -> bytes:
    """Write ORG triples as Turtle ("turtle") or JSON-LD ("jsonld"), with the usual prefixes, to `output` as they
    come (returning b"") or, without `output`, as bytes."""
    prefixes = {"org": ORG, "time": TIME, "skos": SKOS, "foaf": FOAF, "dcterms": DCTERMS, "xsd": XSD}
    prefixes["reg"] = addresses(base)["vocab"]
    return serialize(triples, output, format=RDF_FORMATS[format], prefixes=prefixes) or b""


def _labels(
    node: NamedNode, by_language: dict[str, str], predicate: NamedNode, unlike: dict[str, str] | None = None
) -> Iterator[Triple]:
    """A label per language; an alternative label the same as the preferred one (`unlike`) is not repeated."""
    for lang, text in by_language.items():
        if text and text != (unlike or {}).get(lang):
            yield Triple(node, predicate, Literal(text, language=lang))


def _interval(
    node: NamedNode, predicate: NamedNode, record: dict[str, Any], reg: Callable[[str], NamedNode]
) -> Iterator[Triple]:
    """OWL-Time interval where the dates are plain; EDTF as given, attestations and bounds always."""
    interval = _part(node, "during")
    yield Triple(node, predicate, interval)
    yield Triple(interval, RDF_TYPE, time_("Interval"))
    for key, edge in (("from", "hasBeginning"), ("until", "hasEnd")):
        if record[key]:
            yield Triple(interval, reg(f"edtf{key.capitalize()}"), Literal(record[key], datatype=EDTF))
            plain = plain_date(record[key])
            if plain:
                instant = _part(interval, "beginning" if key == "from" else "end")
                yield Triple(interval, time_(edge), instant)
                yield Triple(instant, RDF_TYPE, time_("Instant"))
                yield Triple(instant, *_xsd_date(plain))
    for day in record["attested"]:
        yield Triple(interval, reg("attested"), Literal(day, datatype=xsd("date")))
    for name, day in record["bounds"].items():
        if day:
            yield Triple(interval, reg(_camel(name)), Literal(day, datatype=xsd("date")))


def _part(node: NamedNode, name: str) -> NamedNode:
    """An address for a part of a record (its interval, a citation): no blank nodes, so graphs merge and compare."""
    return NamedNode(f"{node.value}/{name}" if "#" in node.value else f"{node.value}#{name}")


def _xsd_date(plain: str) -> tuple[NamedNode, Literal]:
    if len(plain) == 4:
        return time_("inXSDgYear"), Literal(plain, datatype=xsd("gYear"))
    if len(plain) == 7:
        return time_("inXSDgYearMonth"), Literal(plain, datatype=xsd("gYearMonth"))
    return time_("inXSDDate"), Literal(plain, datatype=xsd("date"))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _sources(node: NamedNode, citations: list[dict[str, str]], base: str) -> Iterator[Triple]:
    for number, citation in enumerate(citations, start=1):
        link = source_link(citation, base)
        source = _part(node, f"source-{number}")
        yield Triple(node, dcterms("source"), source)
        yield Triple(source, foaf("page"), iri(link["url"]))
        yield Triple(source, dcterms("bibliographicCitation"), Literal(link["note"]))


# CSV ---------------------------------------------------------------------------------------------------------------

TIME_COLUMNS = ["from", "until", "attested", "start_min", "start_max", "end_min", "end_max"]
# The columns every table starts with; a name in another language, or any key a record has beyond these, gets a
# column of its own after them (found in the records), so that nothing a record holds is left out.
TABLES: dict[str, list[str]] = {
    "states": ["code", "name_en", "name_ru", "short_en", "short_ru"],
    "organizations": [
        "id", "name_en", "name_ru", "abbr_en", "abbr_ru", "other_names", "kind", "partner", "parent",
        "seat_en", "seat_ru", *TIME_COLUMNS,
    ],
    "posts": ["id", "organization", "state", "title_en", "title_ru", "single"],
    "persons": ["id", "name_en", "name_ru", "full_name_en", "full_name_ru", "other_names", "nationality"],
    "memberships": ["id", "state", "organization", "status", *TIME_COLUMNS],
    "tenures": ["id", "person", "post", "organization", "state", "role_en", "role_ru", *TIME_COLUMNS],
    "sources": ["table", "record", "url", "quote"],
}  # fmt: skip
BY_LANGUAGE = ("name", "short", "abbr", "title", "seat", "role", "full_name")


def csv_tables(structure: dict[str, Any], *, base: str, only: str | None = None) -> dict[str, str]:
    """Return the structure as CSV texts by table name (UTF-8, a header row, one row per record)."""
    texts = {}
    for name in [only] if only else TABLES:
        out = io.StringIO()
        _csv_write(structure, name, base, out)
        texts[name] = out.getvalue()
    return texts


def _csv_write(structure: dict[str, Any], name: str, base: str, out: IO[str], *, sources: Any = None) -> None:
    """Write one table: its rows as they are read, to a scratch file, then the header and the rows to `out`.

    A key no row before had gets a column there and then; the rows written before it are one cell short,
    and are made whole when copied (the header, known only at the end, comes first in the table). With
    `sources` (a csv writer of the sources table), each record's citations are written there in the same
    pass, so that the records are read once for both tables.
    """
    columns = list(TABLES[name])
    known = set(columns)
    rows = _table_rows(structure, name, base) if sources is None else _rows_citing(structure, name, base, sources)
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as body:
        writer = csv.writer(body, lineterminator="\n")
        for row in rows:
            for key in row:
                if key not in known:
                    known.add(key)
                    columns.append(key)
            writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
        csv.writer(out, lineterminator="\n").writerow(columns)
        body.seek(0)
        if len(columns) == len(TABLES[name]):
            shutil.copyfileobj(body, out)
            return
        padded = csv.writer(out, lineterminator="\n")
        for cells in csv.reader(body):
            padded.writerow(cells + [""] * (len(columns) - len(cells)))


def _table_rows(structure: dict[str, Any], name: str, base: str) -> Iterator[dict[str, Any]]:
    if name != "sources":
        yield from (_flat(record) for record in structure[name])
        return
    for table in TABLES:
        if table == "sources":
            continue
        for record in structure[table]:
            yield from _citations(table, record, base)


def _citations(table: str, record: dict[str, Any], base: str) -> Iterator[dict[str, Any]]:
    """A record's rows of the sources table."""
    record_id = record["code" if table == "states" else "id"]
    for citation in record["sources"]:
        link = source_link(citation, base)
        yield {"table": table, "record": record_id, "url": link["url"], "quote": link["note"]}


def _rows_citing(structure: dict[str, Any], name: str, base: str, sources: Any) -> Iterator[dict[str, Any]]:
    """A table's rows, each record's citations written to the sources table as it passes."""
    columns = TABLES["sources"]
    for record in structure[name]:
        sources.writerows([row[c] for c in columns] for row in _citations(name, record, base))
        yield _flat(record)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in BY_LANGUAGE:
            for lang, text in (value or {}).items():
                row[f"{key}_{lang}"] = text
        elif key == "bounds":
            row.update(value)
        elif key == "attested":
            row[key] = " ".join(value)
        elif key == "other_names":
            row[key] = " | ".join(value)
        elif isinstance(value, bool):
            row[key] = "true" if value else "false"
        elif key != "sources":  # in the sources table
            row[key] = value
    return row


# All formats -------------------------------------------------------------------------------------------------------


def standard_write(structure: dict[str, Any], *, format: str, base: str, path: Path, only: str | None = None) -> None:
    """Write one standard format (FORMATS) to `path`: a file, or for CSV a folder of tables (or `only` one).

    Every format is written as it is made, record by record: Popolo one record a line, Turtle and JSON-LD as
    the triples come, CSV a row at a time. The structure's people and tenures are read as they are written
    (datasets.structure), so nothing holds them all.
    """
    if format == "popolo":
        with path.open("w", encoding="utf-8") as out:
            _popolo_write(structure, base, out)
    elif format in RDF_FORMATS:
        org_serialize(org_triples(structure, base=base), format=format, base=base, output=path)
    elif format == "csv":
        path.mkdir(parents=True, exist_ok=True)
        if only:
            with (path / f"{only}.csv").open("w", encoding="utf-8", newline="") as out:
                _csv_write(structure, only, base, out)
            return
        # Every table, and the sources table in the same pass over each table's records.
        with (path / "sources.csv").open("w", encoding="utf-8", newline="") as cited:
            sources = csv.writer(cited, lineterminator="\n")
            sources.writerow(TABLES["sources"])
            for name in TABLES:
                if name != "sources":
                    with (path / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
                        _csv_write(structure, name, base, out, sources=sources)
    else:
        raise ValueError(f"no standard format {format!r} (one of {', '.join(FORMATS)})")
