"""The same three questions asked of a SPARQL store: pyoxigraph, in memory, holding the records as W3C ORG.

The store is loaded from the benchmark's database rows as N-Triples:
bodies are `org:Organization`s in an `org:subOrganizationOf` tree; posts are
`org:Post`s `org:postIn` their body and `org:heldBy` their holders; a tenure is
an `org:Membership` of the person (`org:member`) in the body
(`org:organization`) whose `org:role` is the post; a state's status is an
`org:Membership` of the state in the organization whose `org:role` is the
status. Every membership carries its four stored bounds as `xsd:date` literals
(reg:startMin, reg:startMax, reg:endMin, reg:endMax), so the queries select
with FILTER and compute the certainty with IF, and its citations as
`dct:source`. RDF keeps no order among a record's citations, so they come back
as a set.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from pyoxigraph import RdfFormat, Store

BASE = "https://csto-registry.example/id/"
XSD_DATE = "<http://www.w3.org/2001/XMLSchema#date>"
ORG, FOAF = "http://www.w3.org/ns/org#", "http://xmlns.com/foaf/0.1/"
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "org": ORG,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": FOAF,
    "dct": "http://purl.org/dc/terms/",
    "reg": "https://csto-registry.example/ns#",
}
HEAD = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
CHUNK = 500_000  # N-Triples lines per bulk load

SQL = {
    "bodies": "SELECT o.slug, p.slug FROM records_organization o"
    " LEFT JOIN records_organization p ON p.id = o.parent_id",
    "posts": "SELECT p.slug, o.slug, s.code FROM records_post p JOIN records_organization o ON o.id = p.organization_id"
    " LEFT JOIN records_state s ON s.id = p.state_id",
    "people": "SELECT p.slug, json_extract(p.name, '$.en'), s.code FROM records_person p"
    " LEFT JOIN records_state s ON s.id = p.nationality_id",
    "statemembership": "SELECT m.id, s.code, o.slug, m.status, m.start_min, m.start_max, m.end_min, m.end_max"
    " FROM records_statemembership m JOIN records_state s ON s.id = m.state_id"
    " JOIN records_organization o ON o.id = m.organization_id",
    "tenure": "SELECT t.id, pe.slug, o.slug, p.slug, t.start_min, t.start_max, t.end_min, t.end_max"
    " FROM records_tenure t JOIN records_person pe ON pe.id = t.person_id JOIN records_post p ON p.id = t.post_id"
    " JOIN records_organization o ON o.id = p.organization_id",
}

# $name placeholders are replaced by constants before a query is parsed.
CERTAINTY = 'IF(?smax <= $day && $day < ?emin, "certain", "possible")'
# Oxigraph joins an OPTIONAL of one pattern row by row, but one of two patterns by hashing the whole
# right side (every citation link of the store); so each OPTIONAL below holds one pattern and nests the next.
CITATION = (
    "OPTIONAL { ?x dct:source ?s OPTIONAL { ?s reg:quote ?quote } OPTIONAL { ?s reg:url ?url }"
    " OPTIONAL { ?s reg:ref ?ref } }"
)
HOLDERS = f"""
SELECT ?x ?post ?person ?name ?state ?certainty ?ref ?url ?quote WHERE {{
  ?p org:postIn $body ; skos:notation ?post .
  ?x org:role ?p ; reg:startMin ?smin ; reg:endMax ?emax .
  FILTER(?smin <= $day && $day < ?emax)
  ?x org:member ?h ; reg:startMax ?smax ; reg:endMin ?emin .
  ?h skos:notation ?person ; foaf:name ?name .
  OPTIONAL {{ ?p reg:state ?ps OPTIONAL {{ ?ps skos:notation ?seat }} }}
  OPTIONAL {{ ?h reg:nationality ?ns OPTIONAL {{ ?ns skos:notation ?nationality }} }}
  BIND(COALESCE(?seat, ?nationality) AS ?state)
  BIND({CERTAINTY} AS ?certainty)
  {CITATION}
}}"""
MEMBERS = f"""
SELECT ?x ?state ?name ?status ?certainty ?ref ?url ?quote WHERE {{
  ?x org:organization $organization ; org:role $role ; reg:startMin ?smin ; reg:endMax ?emax .
  FILTER(?smin <= $day && $day < ?emax)
  $role skos:notation ?status .
  ?x org:member ?st ; reg:startMax ?smax ; reg:endMin ?emin .
  ?st skos:notation ?state ; skos:prefLabel ?formal .
  OPTIONAL {{ ?st reg:shortName ?short }}
  BIND(COALESCE(?short, ?formal) AS ?name)
  BIND({CERTAINTY} AS ?certainty)
  {CITATION}
}}"""
SNAPSHOT = f"""
SELECT ?body ?post ?person ?name ?certainty WHERE {{
  ?b org:subOrganizationOf* $organization ; skos:notation ?body .
  ?p org:postIn ?b ; skos:notation ?post .
  ?x org:role ?p ; reg:startMin ?smin ; reg:endMax ?emax .
  FILTER(?smin <= $day && $day < ?emax)
  ?x org:member ?h ; reg:startMax ?smax ; reg:endMin ?emin .
  ?h skos:notation ?person ; foaf:name ?name .
  BIND({CERTAINTY} AS ?certainty)
}}"""


def _iri(kind: str, key: object) -> str:
    return f"<{BASE}{kind}/{key}>"


def _lit(text: str, lang: str = "") -> str:
    """Return an N-Triples string literal (a JSON string is one), with a language tag if given."""
    return json.dumps(text, ensure_ascii=False) + (f"@{lang}" if lang else "")


def _day(value: str) -> str:
    return f'"{value}"^^{XSD_DATE}'


def _t(subject: str, prefix: str, name: str, value: str) -> str:
    return f"{subject} <{PREFIXES[prefix]}{name}> {value} ."


def _sources_and_states(db: sqlite3.Connection) -> Iterator[str]:
    for sid, ref, url, quote in db.execute("SELECT id, ref, url, quote FROM records_source"):
        yield _t(_iri("source", sid), "reg", "quote", _lit(quote))
        if ref:
            yield _t(_iri("source", sid), "reg", "ref", _lit(ref))
        if url:
            yield _t(_iri("source", sid), "reg", "url", _lit(url))
    rows = db.execute("SELECT code, json_extract(name, '$.en'), json_extract(short, '$.en') FROM records_state")
    for code, name, short in rows:
        yield _t(_iri("state", code), "skos", "notation", _lit(code))
        yield _t(_iri("state", code), "skos", "prefLabel", _lit(name, "en"))
        if short:
            yield _t(_iri("state", code), "reg", "shortName", _lit(short, "en"))
    for status in ("member", "suspended", "withdrawn", "observer", "partner"):
        yield _t(_iri("status", status), "rdf", "type", f"<{ORG}Role>")
        yield _t(_iri("status", status), "skos", "notation", _lit(status))


def _bodies_posts_people(db: sqlite3.Connection) -> Iterator[str]:
    for slug, parent in db.execute(SQL["bodies"]):
        yield _t(_iri("org", slug), "rdf", "type", f"<{ORG}Organization>")
        yield _t(_iri("org", slug), "skos", "notation", _lit(slug))
        if parent is not None:
            yield _t(_iri("org", slug), "org", "subOrganizationOf", _iri("org", parent))
    for slug, body, state in db.execute(SQL["posts"]):
        yield _t(_iri("post", slug), "rdf", "type", f"<{ORG}Post>")
        yield _t(_iri("post", slug), "skos", "notation", _lit(slug))
        yield _t(_iri("post", slug), "org", "postIn", _iri("org", body))
        if state:
            yield _t(_iri("post", slug), "reg", "state", _iri("state", state))
    for slug, name, state in db.execute(SQL["people"]):
        yield _t(_iri("person", slug), "rdf", "type", f"<{FOAF}Person>")
        yield _t(_iri("person", slug), "skos", "notation", _lit(slug))
        yield _t(_iri("person", slug), "foaf", "name", _lit(name, "en"))
        if state:
            yield _t(_iri("person", slug), "reg", "nationality", _iri("state", state))


def _memberships(db: sqlite3.Connection, kind: str) -> Iterator[str]:
    """Yield the tenures (kind "tenure") or the states' memberships (kind "statemembership") as org:Membership."""
    links: dict[int, list[int]] = {}
    for owner, source in db.execute(f"SELECT {kind}_id, source_id FROM records_{kind}_sources ORDER BY id"):
        links.setdefault(owner, []).append(source)
    held: set[tuple[str, str]] = set()
    for xid, member, organization, role, smin, smax, emin, emax in db.execute(SQL[kind]):
        x = _iri(kind, xid)
        if kind == "tenure":
            agent, role_iri = _iri("person", member), _iri("post", role)
            if (role, member) not in held:
                held.add((role, member))
                yield _t(role_iri, "org", "heldBy", agent)
        else:
            agent, role_iri = _iri("state", member), _iri("status", role)
        yield _t(x, "rdf", "type", f"<{ORG}Membership>")
        yield _t(x, "org", "member", agent)
        yield _t(x, "org", "organization", _iri("org", organization))
        yield _t(x, "org", "role", role_iri)
        yield _t(x, "reg", "startMin", _day(smin))
        yield _t(x, "reg", "startMax", _day(smax))
        yield _t(x, "reg", "endMin", _day(emin))
        yield _t(x, "reg", "endMax", _day(emax))
        for source in links.pop(xid, ()):
            yield _t(x, "dct", "source", _iri("source", source))


def store_load(db: sqlite3.Connection, log: Callable[[str], None] = print) -> tuple[Store, int]:
    """Return an in-memory store loaded with the database's records as ORG triples, and the number of lines."""
    store = Store()
    lines: list[str] = []
    count = 0
    triples = itertools.chain(
        _sources_and_states(db),
        _bodies_posts_people(db),
        _memberships(db, "statemembership"),
        _memberships(db, "tenure"),
    )
    for line in triples:
        lines.append(line)
        if len(lines) >= CHUNK:
            store.bulk_load(input="\n".join(lines) + "\n", format=RdfFormat.N_TRIPLES)
            count += len(lines)
            lines.clear()
            log(f"sparql: {count:,} lines loaded")
    store.bulk_load(input="\n".join(lines) + "\n", format=RdfFormat.N_TRIPLES)
    return store, len(store)


def _query(store: Store, text: str, **constants: str) -> Any:
    """Run a query with its $name placeholders replaced by constants (RDF terms in SPARQL syntax)."""
    for name, value in constants.items():
        text = text.replace(f"${name}", value)
    return store.query(HEAD + text)


def _grouped(solutions: Any, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Turn solutions (x, *keys, ref, url, quote), one per citation, into one dict per x with its citations."""
    rows: dict[str, dict[str, Any]] = {}
    for s in solutions:
        x = s["x"].value
        row = rows.get(x)
        if row is None:
            row = rows[x] = {k: (s[k].value if s[k] is not None else None) for k in keys} | {"sources": []}
        if s["quote"] is not None:
            ref = s["ref"]
            citation = {"ref": ref.value} if ref is not None else {"url": s["url"].value}
            row["sources"].append(citation | {"quote": s["quote"].value})
    return list(rows.values())


def holders(store: Store, body: str, day: dt.date) -> list[dict[str, Any]]:
    """Who holds a post of `body` on `day`: rows as `holder_list_on` returns them."""
    solutions = _query(store, HOLDERS, body=_iri("org", body), day=_day(day.isoformat()))
    return _grouped(solutions, ("post", "person", "name", "state", "certainty"))


def members(store: Store, organization: str, day: dt.date) -> list[dict[str, Any]]:
    """The member states of `organization` on `day`: rows as `membership_list_on` returns them."""
    bindings = {
        "organization": _iri("org", organization),
        "role": _iri("status", "member"),
        "day": _day(day.isoformat()),
    }
    return _grouped(_query(store, MEMBERS, **bindings), ("state", "name", "status", "certainty"))


def snapshot(store: Store, organization: str, day: dt.date) -> list[tuple[Any, ...]]:
    """Every holder of every post of `organization` on `day`: tuples as `holder_snapshot_on` returns them."""
    solutions = _query(store, SNAPSHOT, organization=_iri("org", organization), day=_day(day.isoformat()))
    return [tuple(term.value for term in s) for s in solutions]
