"""Query commands: members, bodies, holders, who, person."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from csto_registry.cli.output import _, date_words, emit, emit_json, emit_table, gettext_noop, state_names, word
from csto_registry.cli.runtime import day_option, django_ready, lang_option, recordable, reports_errors

On = Annotated[str | None, typer.Option("--on", help="The day, YYYY-MM-DD (default: today).", show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for programs instead of a table.")]
Lang = Annotated[str, typer.Option("--lang", help="Language of names: en or ru.")]
Org = Annotated[
    str | None, typer.Option("--org", help="The organization (default: the only one, or csto).", show_default=False)
]

HOLDER_COLUMNS = [
    ("post_title", gettext_noop("Post")),
    ("name", gettext_noop("Holder")),
    ("person", gettext_noop("Id")),
    ("state_name", gettext_noop("State")),
    ("certainty", gettext_noop("Certainty")),
    ("last_confirmed", gettext_noop("Last confirmed")),
    ("sources", gettext_noop("Source")),
]


@reports_errors
def members(
    on: On = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every status, not only members.")] = False,
    org: Org = None,
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """List the member states on a day (with --all: every status), certain or possible."""
    day, lang = day_option(on), lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.memberships import membership_list_on

    rows = membership_list_on(day=day, organization=org, statuses=None if show_all else ("member",), lang=lang)
    columns = [
        ("state", gettext_noop("State")),
        ("name", gettext_noop("Name")),
        ("status", gettext_noop("Status")),
        ("certainty", gettext_noop("Certainty")),
        ("last_confirmed", gettext_noop("Last confirmed")),
        ("declared", gettext_noop("Declared")),
        ("sources", gettext_noop("Source")),
    ]
    emit(rows, as_json=as_json, title=_("States on %(day)s") % {"day": date_words(day.isoformat())}, columns=columns)


@reports_errors
def bodies(on: On = None, org: Org = None, as_json: Json = False, lang: Lang = "en") -> None:
    """List the bodies of the organization that exist on a day."""
    day, lang = day_option(on), lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.organizations import organization_list_on

    rows = organization_list_on(day=day, organization=org, lang=lang)
    columns = [
        ("id", gettext_noop("Id")),
        ("name", gettext_noop("Name")),
        ("kind", gettext_noop("Kind")),
        ("parent", gettext_noop("Parent")),
        ("certainty", gettext_noop("Certainty")),
    ]
    emit(rows, as_json=as_json, title=_("Bodies on %(day)s") % {"day": date_words(day.isoformat())}, columns=columns)


@reports_errors
def holders(
    body: Annotated[str, typer.Argument(help="A body's id, such as cmd or csc.")],
    on: On = None,
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """List who holds the posts of a body on a day, one row per holder."""
    day, lang = day_option(on), lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.tenures import holder_list_on

    rows = holder_list_on(body=body, day=day, lang=lang)
    if not as_json:
        rows = _in_words(rows, lang)
    emit(
        rows,
        as_json=as_json,
        title=_("%(body)s: holders on %(day)s") % {"body": _body_name(body, lang), "day": date_words(day.isoformat())},
        columns=HOLDER_COLUMNS,
    )


@reports_errors
def who(
    ctx: typer.Context,
    post: Annotated[
        str | None,
        typer.Argument(help="A post's id (cmd:RUS, secretary-general, any case) or words of its title."),
    ] = None,
    body: Annotated[str | None, typer.Option("--body", help="With --state: that state's seat on this body.")] = None,
    state: Annotated[str | None, typer.Option("--state", help="With --body: the state, such as RUS.")] = None,
    on: On = None,
    history: Annotated[bool, typer.Option("--history", help="Every holder of the post, in order.")] = False,
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """Say who holds a post on a day (with --history: every holder in order, with their bounds).

    The post is named by its id, by --body and --state (a state's seat), or by words of its title
    ("defence minister russia") where they name one post.
    """
    from typer._click.exceptions import UsageError  # Typer's own click, whose usage errors cli.main prints

    if (body or state) and (post or not (body and state)):
        raise UsageError("name a post by its id, or by --body and --state together", ctx=ctx)
    if not (post or body):
        raise UsageError("name a post: its id (cmd:RUS), words of its title, or --body and --state", ctx=ctx)
    day, lang = day_option(on), lang_option(lang)
    django_ready(records_only=True, lang=lang)
    post = _post_named(post, body, state)
    if history:
        from csto_registry.records.selectors.history import occupants_in_order, post_history

        found = post_history(post=post, lang=lang)
        if as_json:
            emit_json(found)
            return
        columns = [
            ("name", gettext_noop("Holder")),
            ("from", gettext_noop("From")),
            ("until", gettext_noop("Until")),
            ("start_max", gettext_noop("Certain from")),
            ("end_min", gettext_noop("Certain until")),
            ("last_confirmed", gettext_noop("Last confirmed")),
            ("term_until", gettext_noop("Term to")),
            ("sources", gettext_noop("Source")),
        ]
        emit_table(
            _("%(title)s (%(post)s): every holder") % {"title": found["title"], "post": found["post"]},
            columns,
            [row | {"name": _("Vacant")} if row.get("vacant") else row for row in occupants_in_order(found)],
        )
        return
    from csto_registry.records.selectors.tenures import post_holder_list_on

    rows = post_holder_list_on(post=post, day=day, lang=lang)
    if not as_json:
        rows = _in_words(rows, lang)
    emit(
        rows,
        as_json=as_json,
        title=_("%(post)s: holder on %(day)s") % {"post": _post_title(post, lang), "day": date_words(day.isoformat())},
        columns=HOLDER_COLUMNS,
    )


def _body_name(slug: str, lang: str) -> str:
    from csto_registry.records.selectors.common import name_in, organization_get

    return name_in(organization_get(slug).name, lang)


def _post_title(slug: str, lang: str) -> str:
    from csto_registry.records.selectors.common import post_titles

    return post_titles([slug], lang).get(slug, slug)


def _in_words(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Holder rows for a table: the post and the state by name, a vacancy said in words (ids stay in the JSON)."""
    from csto_registry.records.selectors.common import post_titles

    titles, states = post_titles((row["post"] for row in rows), lang), state_names(lang)
    return [
        row
        | {"post_title": titles.get(row["post"], row["post"]), "state_name": states.get(row.get("state"))}
        | ({"name": _("Vacant")} if row.get("vacant") else {})
        for row in rows
    ]


def _post_named(post: str | None, body: str | None, state: str | None) -> str:
    """The id of the post the reader named: by --body and --state, by its id, or by words of its title
    (who() has refused the other forms as usage errors)."""
    from csto_registry.records.errors import InvalidInput, NotFound
    from csto_registry.records.selectors.common import post_get
    from csto_registry.records.selectors.search import search

    if body and state:
        return post_get(f"{body}:{state}").slug
    post = post or ""
    try:
        return post_get(post).slug
    except NotFound:
        found = [row["id"] for row in search(query=post, kinds=("post",), limit=6)]
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
            raise InvalidInput(f"{post!r} names more than one post: {listed}") from None
        raise


@reports_errors
def gaps(org: Org = None, as_json: Json = False, lang: Lang = "en") -> None:
    """List where the record falls short: stretches with no certain holder, stale facts, coverage."""
    import datetime as dt

    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.gaps import record_gaps

    found = record_gaps(organization=org, today=dt.date.today(), lang=lang)  # noqa: DTZ011  # the reader's today
    if as_json:
        emit_json(found)
        return
    coverage = found["coverage"]
    columns = [
        ("body", gettext_noop("Body")),
        ("certain", gettext_noop("Certain")),
        ("vacant", gettext_noop("Vacant")),
        ("total", gettext_noop("Seat-days")),
        ("share", gettext_noop("Share")),
    ]
    rows = [{"body": "all", **coverage["overall"]}] + [{"body": b, **c} for b, c in coverage["bodies"].items()]
    emit_table(
        _("Coverage: a certain holder, or a certain vacancy, on %(days)s days (1 January 1995-2026, 1 June 2026)")
        % {"days": len(coverage["days"])},
        columns,
        rows,
    )
    gap_columns = [
        ("post", gettext_noop("Post")),
        ("title", gettext_noop("Title")),
        ("from", gettext_noop("From")),
        ("until", gettext_noop("Until (exclusive)")),
    ]
    emit_table(_("Stretches with no certain holder"), gap_columns, found["gaps"])
    vacancy_columns = [
        ("post", gettext_noop("Post")),
        ("from", gettext_noop("From")),
        ("until", gettext_noop("Until")),
        ("note", gettext_noop("Note")),
    ]
    emit_table(_("Stretches a source says were vacant"), vacancy_columns, found["vacancies"])
    stale_columns = [
        ("post", gettext_noop("Post")),
        ("name", gettext_noop("Holder")),
        ("person", gettext_noop("Id")),
        ("last_confirmed", gettext_noop("Last confirmed")),
    ]
    emit_table(_("Open facts not confirmed in the last 12 months"), stale_columns, found["stale"])


def change_row(change: dict[str, object]) -> dict[str, object]:
    """A change as a table row: when (as given, else its span), what happened, to what, and its sources."""
    kind = str(change["kind"])
    what = word("CHANGE", kind)
    if change.get("status"):
        what = f"{what}: {word('STATUS', str(change['status']))}"
    elif kind == "instrument":
        what = f"{what}: {word('EVENT', str(change.get('event')))}"
    elif kind == "session":
        what = f"{what} ({word('SESSION_KIND', str(change.get('event')))})"
    keys = ("post", "session", "instrument", "operation", "force", "decision", "case", "body", "state")
    subject = next((str(change[k]) for k in keys if change.get(k)), "")
    who = change.get("name") if kind in ("takes-office", "leaves-office") else change.get("state") or ""
    if change.get("predecessor"):
        who = f"{who}; " + _("after %(name)s") % {"name": change["predecessor"]["name"]}  # type: ignore[index]
    if change.get("successor"):
        who = f"{who}; " + _("then %(name)s") % {"name": change["successor"]["name"]}  # type: ignore[index]
    span = f"{change['earliest'] or '…'}..{change['latest'] or '…'}"
    return {
        "when": change.get("date") or span,
        "what": what,
        "subject": subject,
        "who": who,
        "certainty": change["certainty"],
        "sources": change.get("sources") or [],
    }


@reports_errors
def changes(
    start: Annotated[str, typer.Option("--from", help="The first day, YYYY-MM-DD (its changes are not included).")],
    end: Annotated[str, typer.Option("--to", help="The last day, YYYY-MM-DD (its changes are included).")],
    org: Org = None,
    body: Annotated[
        str | None, typer.Option("--body", help="Only this body (cmd, csc, ...).", show_default=False)
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="Only this state (RUS, ...).", show_default=False)
    ] = None,
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """List every change in the record between two days: statuses, holders, bodies, chairs, instruments, sessions."""
    from csto_registry.records.errors import InvalidInput

    first, last = day_option(start), day_option(end)
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.changes import changes_between

    if state is not None and not (len(state) == 3 and state.isalpha()):
        raise InvalidInput(f"--state {state!r}: expected an ISO 3166-1 alpha-3 code such as RUS")
    found = changes_between(start=first, end=last, organization=org, body=body, state=state, lang=lang)
    if as_json:
        emit_json(found)
        return
    columns = [
        ("when", gettext_noop("When")),
        ("what", gettext_noop("What")),
        ("subject", gettext_noop("Subject")),
        ("who", gettext_noop("Who")),
        ("certainty", gettext_noop("Certainty")),
        ("sources", gettext_noop("Source")),
    ]
    title = _("Changes after %(first)s up to %(last)s") % {"first": found["from"], "last": found["to"]}
    emit_table(title, columns, [change_row(c) for c in found["changes"]])


@reports_errors
def person(
    query: Annotated[str, typer.Argument(metavar="ID_OR_NAME", help="An id, its first part, or part of a name.")],
    as_json: Json = False,
    lang: Lang = "en",
) -> None:
    """Show a person and every tenure, with the bounds of each."""
    lang = lang_option(lang)
    django_ready(records_only=True, lang=lang)
    from csto_registry.records.selectors.tenures import person_detail

    detail = person_detail(query=query, lang=lang)
    if as_json:
        emit_json(detail)
        return
    console = Console()
    full = detail["full_name"].get(lang) or detail["full_name"].get("en", "")
    console.print(f"[bold]{escape(detail['name'])}[/] ({escape(detail['id'])})  {escape(full)}", highlight=False)
    if detail["nationality"]:
        console.print(f"Nationality: {detail['nationality']}", highlight=False)
    for rank in detail["ranks"]:
        attested = ", ".join(rank.get("attested", []))
        console.print(f"Rank: {escape(rank['title'].get(lang) or rank['title']['en'])} (attested {attested})")
    columns = [
        ("post", gettext_noop("Post")),
        ("role", gettext_noop("Role")),
        ("from", gettext_noop("From")),
        ("until", gettext_noop("Until")),
        ("start_max", gettext_noop("Certain from")),
        ("end_min", gettext_noop("Certain until")),
        ("end_max", gettext_noop("Possibly until")),
        ("sources", gettext_noop("Source")),
    ]
    emit_table("Tenures", columns, detail["tenures"])


@reports_errors
def search(
    query: Annotated[str, typer.Argument(metavar="TEXT", help="Words, or the start of words, in English or Russian.")],
    as_json: Json = False,
    lang: Lang = "en",
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000, help="At most this many results.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many results.")] = 0,
) -> None:
    """Find any record by its words: people, states, bodies, posts, instruments and their articles,
    sessions, decisions, exercises, operations, forces, cases, partners (any language, any case)."""
    lang = lang_option(lang)
    django_ready()
    from csto_registry.records.selectors.search import search as find
    from csto_registry.records.selectors.search import search_path

    rows = [{**row, "page": search_path(row)} for row in find(query=query, lang=lang, limit=limit, offset=offset)]
    columns = [
        ("kind", gettext_noop("Kind")),
        ("name", gettext_noop("Name")),
        ("when", gettext_noop("When")),
        ("id", gettext_noop("Id")),
    ]
    emit(rows, as_json=as_json, title=f"Found for {query!r}", columns=columns)


def register(app: typer.Typer) -> None:
    for command in (members, bodies, holders, who, gaps, changes, person):
        app.command()(recordable(command))
    app.command()(search)  # its index is made from the current record only: not asked as recorded
