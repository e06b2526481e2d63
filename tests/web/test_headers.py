"""Security headers and cookies: a strict Content-Security-Policy everywhere; HSTS and secure cookies behind TLS."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("address", ["/", "/states/", "/api/v1/members?at=2008-01-01", "/signin/", "/no-such-page/"])
def test_every_answer_sends_the_policy(client: Client, address: str) -> None:
    policy = client.get(address)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


PROBE = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
reply = Client().get("/signin/", secure=True, HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({"hsts": reply.get("Strict-Transport-Security"),
                  "csrf": str(reply.cookies.get("csrftoken", "")) if reply.cookies.get("csrftoken") else ""}))
"""


def probe(tmp_path: object, **env: str) -> dict[str, str]:
    settings_env = {k: v for k, v in os.environ.items() if k not in ("CSTO_BEHIND_TLS_PROXY",)}
    settings_env |= {"DJANGO_SETTINGS_MODULE": "csto_registry.config.settings", "CSTO_HOME": str(tmp_path), **env}
    done = subprocess.run(  # noqa: S603  # our own interpreter and code
        [sys.executable, "-c", PROBE], env=settings_env, capture_output=True, text=True, check=True, timeout=120
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.slow
def test_behind_a_tls_proxy_hsts_is_sent_and_cookies_are_secure(tmp_path: object) -> None:
    behind = probe(tmp_path, CSTO_BEHIND_TLS_PROXY="1")
    assert behind["hsts"] == "max-age=31536000"
    assert "Secure" in behind["csrf"]
    plain = probe(tmp_path)
    assert plain["hsts"] is None
    assert plain["csrf"]
    assert "Secure" not in plain["csrf"]
