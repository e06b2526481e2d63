"""Account commands for administrators: csto user add | role | token | revoke."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from csto_registry.cli.output import emit_json
from csto_registry.cli.queries import Json
from csto_registry.cli.runtime import actor, django_ready, reports_errors

user_app = typer.Typer(help="Accounts: roles and API tokens (for administrators).", no_args_is_help=True)
Role = Annotated[str, typer.Option("--role", help="delegate, secretariat or admin.")]
State = Annotated[str | None, typer.Option("--state", help="A delegate's member state (ISO alpha-3).")]


@user_app.command("add")
@reports_errors
def add(
    username: Annotated[str, typer.Argument(metavar="NAME")],
    role: Role,
    state: State = None,
    password_env: Annotated[
        str | None, typer.Option("--password-env", help="Read the password from this environment variable.")
    ] = None,
    as_json: Json = False,
) -> None:
    """Create a user with a role (without a password, the user works with API tokens only)."""
    from csto_registry.records.errors import InvalidInput

    password = None
    if password_env is not None:
        password = os.environ.get(password_env)
        if not password:
            raise InvalidInput(f"--password-env {password_env}: that environment variable is empty or unset")
    django_ready()
    from csto_registry.records.services.accounts import user_add

    result = user_add(username=username, role=role, state=state, password=password, actor=actor())
    emit_json(result) if as_json else typer.echo(f"Created {username} ({role}{' of ' + state if state else ''}).")


@user_app.command("role")
@reports_errors
def role_(username: Annotated[str, typer.Argument(metavar="NAME")], role: Role, state: State = None) -> None:
    """Change a user's role."""
    django_ready()
    from csto_registry.records.services.accounts import user_role

    result = user_role(username=username, role=role, state=state, actor=actor())
    typer.echo(f"{username} is now {result['role']}{' of ' + result['state'] if result['state'] else ''}.")


@user_app.command("token")
@reports_errors
def token(
    username: Annotated[str, typer.Argument(metavar="NAME")],
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "api",
    as_json: Json = False,
) -> None:
    """Create an API token for a user; it is shown once and stored only as a digest."""
    django_ready()
    from csto_registry.records.services.accounts import token_create

    result = token_create(username=username, name=name, actor=actor())
    if as_json:
        emit_json(result)
    else:
        typer.echo(f"Token {result['id']} for {username} (shown once, keep it safe):\n{result['token']}")


@user_app.command("revoke")
@reports_errors
def revoke(token_id: Annotated[int, typer.Argument(metavar="TOKEN_ID")]) -> None:
    """Revoke an API token."""
    django_ready()
    from csto_registry.records.services.accounts import token_revoke

    result = token_revoke(token_id=token_id, actor=actor())
    typer.echo(f"Token {result['id']} of {result['user']} revoked.")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
