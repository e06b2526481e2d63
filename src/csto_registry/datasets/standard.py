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
import json
import re
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS, TIME, XSD

FORMATS = ("popolo", "turtle", "jsonld", "csv")
PLAIN_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
SEED_REF = re.compile(r"seed:([^#]+)#L(\d+)")
EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")
ISO_3166 = "ISO 3166-1 alpha-3"
LANGUAGES = ("en", "ru")


def plain_date(edtf: str | None) -> str | None:
    """Return an EDTF date as Popolo and XSD take it (YYYY, YYYY-MM or YYYY-MM-DD), or None where it says more."""
    return edtf if edtf and PLAIN_DATE.fullmatch(edtf) else None


def source_link(citation: dict[str, str], base: str) -> dict[str, str]:
    """A citation as a link: a public address as it is, a seed line as the page that shows it."""
    if "url" in citation:
        return {"url": citation["url"], "note": citation["quote"]}
    match = SEED_REF.fullmatch(citation["ref"])
    url = f"{base}sources/seed/{match[1]}#L{match[2]}" if match else citation["ref"]
    return {"url": url, "note": citation["quote"]}


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
    """Return the structure as a Popolo JSON document (organizations, persons, posts, memberships)."""
    states = [
        {
            "id": s["code"],
            "name": s["name"]["en"],
            "other_names": _other_names(s["name"], s.get("short", {})),
            "classification": "state",
            "identifiers": [{"scheme": ISO_3166, "identifier": s["code"]}],
            "sources": [source_link(c, base) for c in s["sources"]],
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
                "founding_date": plain_date(o["from"]),
                "dissolution_date": plain_date(o["until"]),
                "area": {"name": o["seat"]["en"]} if o["seat"] else None,
                **_time_extension(o),
                "sources": [source_link(c, base) for c in o["sources"]],
            }
        )
        for o in structure["organizations"]
    ]
    persons = [
        _dropped(
            {
                "id": p["id"],
                "name": p["name"]["en"],
                "other_names": _other_names(p["name"], p["full_name"], [{"en": n} for n in p["other_names"]]),
                "national_identity": p["nationality"],
                "sources": [source_link(c, base) for c in p["sources"]],
            }
        )
        for p in structure["persons"]
    ]
    posts = [
        _dropped(
            {
                "id": p["id"],
                "label": p["title"]["en"],
                "other_label": [p["title"][lang] for lang in LANGUAGES[1:] if p["title"].get(lang)],
                "organization_id": p["organization"],
                "area_id": p["state"],
                "sources": [source_link(c, base) for c in p["sources"]],
            }
        )
        for p in structure["posts"]
    ]
    memberships = [
        _dropped(
            {
                "id": m["id"],
                "member": {"@type": "Organization", "id": m["state"]},
                "organization_id": m["organization"],
                "role": m["status"],
                "start_date": plain_date(m["from"]),
                "end_date": plain_date(m["until"]),
                **_time_extension(m),
                "sources": [source_link(c, base) for c in m["sources"]],
            }
        )
        for m in structure["memberships"]
    ] + [
        _dropped(
            {
                "id": t["id"],
                "person_id": t["person"],
                "organization_id": t["organization"],
                "post_id": t["post"],
                "on_behalf_of_id": t["state"],
                "role": (t["role"] or {}).get("en"),
                "start_date": plain_date(t["from"]),
                "end_date": plain_date(t["until"]),
                **_time_extension(t),
                "sources": [source_link(c, base) for c in t["sources"]],
            }
        )
        for t in structure["tenures"]
    ]
    return {
        "organizations": organizations + states,
        "persons": persons,
        "posts": posts,
        "memberships": memberships,
    }


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


def _time_extension(record: dict[str, Any]) -> dict[str, Any]:
    """The registry's own time keys Popolo has no place for: EDTF as given, attested days, derived bounds."""
    return {
        "edtf": _dropped({"from": record["from"], "until": record["until"]}),
        "attested": record["attested"],
        "bounds": _dropped(record["bounds"]),
    }


def _dropped(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value not in (None, "", [], {})}


# W3C Organization Ontology -----------------------------------------------------------------------------------------


def org_graph(structure: dict[str, Any], *, base: str) -> Graph:
    """Return the structure as an RDF graph in the W3C Organization Ontology (ORG) and OWL-Time."""
    at = addresses(base)
    vocab = Namespace(at["vocab"])
    graph = Graph()
    for prefix, namespace in (("org", ORG), ("skos", SKOS), ("foaf", FOAF), ("time", TIME), ("dcterms", DCTERMS)):
        graph.bind(prefix, namespace)
    graph.bind("reg", vocab)
    organization = {o["id"]: URIRef(f"{at['organization']}{o['id']}/") for o in structure["organizations"]}
    state = {s["code"]: URIRef(f"{at['state']}{s['code']}") for s in structure["states"]}
    person = {p["id"]: URIRef(f"{at['person']}{p['id']}/") for p in structure["persons"]}
    post = {p["id"]: URIRef(f"{at['post']}{p['id']}") for p in structure["posts"]}

    for s in structure["states"]:
        node = state[s["code"]]
        graph.add((node, RDF.type, ORG.FormalOrganization))
        graph.add((node, SKOS.notation, Literal(s["code"])))
        _labels(graph, node, s["name"], SKOS.prefLabel)
        _labels(graph, node, s.get("short", {}), SKOS.altLabel)
        _sources(graph, node, s["sources"], base)
    for o in structure["organizations"]:
        node = organization[o["id"]]
        graph.add((node, RDF.type, ORG.FormalOrganization if o["parent"] is None else ORG.OrganizationalUnit))
        graph.add((node, SKOS.notation, Literal(o["id"])))
        graph.add((node, vocab.kind, Literal(o["kind"])))
        _labels(graph, node, o["name"], SKOS.prefLabel)
        _labels(graph, node, o["abbr"], SKOS.altLabel)
        for name in o["other_names"]:
            graph.add((node, SKOS.altLabel, Literal(name, lang="en")))
        if o["parent"]:
            graph.add((node, ORG.subOrganizationOf, organization[o["parent"]]))
            if not o["partner"]:
                graph.add((node, ORG.unitOf, organization[o["parent"]]))
        _interval(graph, node, vocab.existedDuring, o, vocab)
        _sources(graph, node, o["sources"], base)
    for p in structure["persons"]:
        node = person[p["id"]]
        graph.add((node, RDF.type, FOAF.Person))
        _labels(graph, node, p["name"], FOAF.name)
        _labels(graph, node, p["full_name"], SKOS.altLabel)
        if p["nationality"]:
            graph.add((node, vocab.nationality, state[p["nationality"]]))
        _sources(graph, node, p["sources"], base)
    for p in structure["posts"]:
        node = post[p["id"]]
        graph.add((node, RDF.type, ORG.Post))
        graph.add((node, SKOS.notation, Literal(p["id"])))
        graph.add((node, ORG.postIn, organization[p["organization"]]))
        _labels(graph, node, p["title"], SKOS.prefLabel)
        if p["state"]:
            graph.add((node, vocab.seatOf, state[p["state"]]))
        _sources(graph, node, p["sources"], base)
    for m in structure["memberships"]:
        node = URIRef(f"{at['membership']}{m['id']}")
        graph.add((node, RDF.type, ORG.Membership))
        graph.add((node, ORG.member, state[m["state"]]))
        graph.add((node, ORG.organization, organization[m["organization"]]))
        graph.add((node, ORG.role, vocab[f"status-{m['status']}"]))
        _interval(graph, node, ORG.memberDuring, m, vocab)
        _sources(graph, node, m["sources"], base)
    for t in structure["tenures"]:
        node = URIRef(f"{at['membership']}{t['id']}")
        graph.add((node, RDF.type, ORG.Membership))
        graph.add((node, ORG.member, person[t["person"]]))
        graph.add((node, ORG.organization, organization[t["organization"]]))
        graph.add((node, vocab.post, post[t["post"]]))
        graph.add((post[t["post"]], ORG.heldBy, person[t["person"]]))
        graph.add((person[t["person"]], ORG.holds, post[t["post"]]))
        _labels(graph, node, t["role"] or {}, RDFS.label)
        _interval(graph, node, ORG.memberDuring, t, vocab)
        _sources(graph, node, t["sources"], base)
    return graph


def org_serialize(graph: Graph, *, format: str) -> str:
    """Serialize an ORG graph as Turtle ("turtle") or JSON-LD ("json-ld")."""
    return graph.serialize(format=format, auto_compact=True) if format == "json-ld" else graph.serialize(format=format)


def _labels(graph: Graph, node: URIRef, by_language: dict[str, str], predicate: URIRef) -> None:
    for lang, text in by_language.items():
        if text:
            graph.add((node, predicate, Literal(text, lang=lang)))


def _interval(graph: Graph, node: URIRef, predicate: URIRef, record: dict[str, Any], vocab: Namespace) -> None:
    """OWL-Time interval where the dates are plain; EDTF as given, attestations and bounds always."""
    interval = _part(node, "during")
    graph.add((node, predicate, interval))
    graph.add((interval, RDF.type, TIME.Interval))
    for key, edge in (("from", TIME.hasBeginning), ("until", TIME.hasEnd)):
        if record[key]:
            graph.add((interval, vocab[f"edtf{key.capitalize()}"], Literal(record[key], datatype=EDTF)))
            plain = plain_date(record[key])
            if plain:
                instant = _part(interval, "beginning" if key == "from" else "end")
                graph.add((interval, edge, instant))
                graph.add((instant, RDF.type, TIME.Instant))
                graph.add((instant, *_xsd_date(plain)))
    for day in record["attested"]:
        graph.add((interval, vocab.attested, Literal(day, datatype=XSD.date)))
    for name, day in record["bounds"].items():
        if day:
            graph.add((interval, vocab[_camel(name)], Literal(day, datatype=XSD.date)))


def _part(node: URIRef, name: str) -> URIRef:
    """An address for a part of a record (its interval, a citation): no blank nodes, so graphs merge and compare."""
    return URIRef(f"{node}-{name}" if "#" in node else f"{node}#{name}")


def _xsd_date(plain: str) -> tuple[URIRef, Literal]:
    if len(plain) == 4:
        return TIME.inXSDgYear, Literal(plain, datatype=XSD.gYear)
    if len(plain) == 7:
        return TIME.inXSDgYearMonth, Literal(plain, datatype=XSD.gYearMonth)
    return TIME.inXSDDate, Literal(plain, datatype=XSD.date)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _sources(graph: Graph, node: URIRef, citations: list[dict[str, str]], base: str) -> None:
    for number, citation in enumerate(citations, start=1):
        link = source_link(citation, base)
        source = _part(node, f"source-{number}")
        graph.add((node, DCTERMS.source, source))
        graph.add((source, FOAF.page, URIRef(link["url"])))
        graph.add((source, DCTERMS.bibliographicCitation, Literal(link["note"])))


# CSV ---------------------------------------------------------------------------------------------------------------

TIME_COLUMNS = ["from", "until", "attested", "start_min", "start_max", "end_min", "end_max"]
TABLES: dict[str, list[str]] = {
    "states": ["code", "name_en", "name_ru", "short_en", "short_ru"],
    "organizations": ["id", "name_en", "name_ru", "abbr_en", "abbr_ru", "kind", "parent", "seat_en", *TIME_COLUMNS],
    "posts": ["id", "organization", "state", "title_en", "title_ru", "single"],
    "persons": ["id", "name_en", "name_ru", "nationality"],
    "memberships": ["id", "state", "organization", "status", *TIME_COLUMNS],
    "tenures": ["id", "person", "post", "organization", "state", "role_en", *TIME_COLUMNS],
    "sources": ["table", "record", "url", "quote"],
}


def csv_tables(structure: dict[str, Any], *, base: str) -> dict[str, str]:
    """Return the structure as CSV texts by table name (UTF-8, a header row, one row per record)."""
    return {name: _csv(TABLES[name], rows) for name, rows in _table_rows(structure, base).items()}


def _table_rows(structure: dict[str, Any], base: str) -> dict[str, list[dict[str, Any]]]:
    key = {"states": "code"}
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for name in TABLES:
        if name == "sources":
            continue
        for record in structure[name]:
            row = _flat(record)
            tables[name].append(row)
            record_id = record[key.get(name, "id")]
            for citation in record["sources"]:
                link = source_link(citation, base)
                tables["sources"].append(
                    {"table": name, "record": record_id, "url": link["url"], "quote": link["note"]}
                )
    return tables


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("name", "short", "abbr", "title", "seat", "role"):
            for lang, text in (value or {}).items():
                row[f"{key}_{lang}"] = text
        elif key == "bounds":
            row.update(value)
        elif key == "attested":
            row[key] = " ".join(value)
        elif key == "single":
            row[key] = "true" if value else "false"
        else:
            row[key] = value
    return row


def _csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: "" if row.get(c) is None else row.get(c) for c in columns} for row in rows)
    return out.getvalue()


# All formats -------------------------------------------------------------------------------------------------------


def standard_files(structure: dict[str, Any], *, format: str, base: str) -> dict[str, str]:
    """Return the files of one standard format (FORMATS) by file name."""
    if format == "popolo":
        document = popolo_document(structure, base=base)
        return {"popolo.json": json.dumps(document, ensure_ascii=False, indent=1) + "\n"}
    if format in ("turtle", "jsonld"):
        graph = org_graph(structure, base=base)
        if format == "turtle":
            return {"org.ttl": org_serialize(graph, format="turtle")}
        return {"org.jsonld": org_serialize(graph, format="json-ld")}
    if format == "csv":
        return {f"{name}.csv": text for name, text in csv_tables(structure, base=base).items()}
    raise ValueError(f"no standard format {format!r} (one of {', '.join(FORMATS)})")
