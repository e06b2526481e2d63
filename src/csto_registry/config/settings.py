"""Django settings, read from the environment (see README, "Configuration")."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from csp.constants import NONE, SELF

from csto_registry.config.env import (
    audit_key_setting,
    database,
    envbool,
    envlist,
    export_inline_rows,
    exports_folder,
    home,
    public_url,
)

DEBUG = envbool("CSTO_DEBUG", default=False)
# The development key only serves the embedded, local default; production sets its own.
SECRET_KEY = os.environ.get("CSTO_SECRET_KEY") or "csto-registry-local-development-key-not-for-production"
ALLOWED_HOSTS = envlist("CSTO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
if envbool("CSTO_BEHIND_TLS_PROXY", default=False):
    # The proxy ends TLS and says so; without this, addresses the site builds (export links) would say http://.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Served over HTTPS only: browsers keep to HTTPS for a year, and cookies never travel in the clear.
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# A strict Content-Security-Policy (django-csp): the pages run no script of their own and take styles,
# images and fonts from this site only (the maps and charts are inline SVG, the rest static files);
# nothing loads from another host. The browser tests fail on any violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",  # login throttling: too many failed sign-ins lock the name and address out for a while
    "ninja",  # serves the API docs' own Swagger UI files, so no page fetches from a CDN
    "csto_registry.records",
    "csto_registry.web",
]

if os.environ.get("CSTO_APPS") == "records":
    # A read command of the CLI (cli.runtime.django_ready(records_only=True)) loads the records alone:
    # no admin, API, site or sign-in apps, whose loading cost more than the question.
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "csto_registry.records"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csto_registry.config.middleware.ApiErrorsMiddleware",
    "csto_registry.config.middleware.BusyMiddleware",
    "csto_registry.config.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files from the app folders, in any mode
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "csto_registry.config.middleware.AsRecordedMiddleware",
    "csto_registry.config.middleware.RevisionHeaderMiddleware",
]

ROOT_URLCONF = "csto_registry.config.urls"
WSGI_APPLICATION = "csto_registry.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database()}
# The standard exports the API serves, built once per revision of the records (datasets.structure.standard_file).
CSTO_EXPORTS_DIR = exports_folder()
# Up to this many rows an export is built while its request waits; a larger one in the background (202).
CSTO_EXPORT_INLINE_ROWS = export_inline_rows()
# The site's public address (https://registry.example.org/): the links and identifiers of the exports are
# built on it. Unset, they are built on the address each request came to (one set of files per address).
CSTO_PUBLIC_URL = public_url()
# The key the audit trail is signed with (records/services/audit.py): CSTO_AUDIT_KEY, or a random key
# kept in a file made on first use. Every server writing to one database must share it.
CSTO_AUDIT_KEY = audit_key_setting()
CSTO_AUDIT_KEY_FILE = Path(os.environ.get("CSTO_AUDIT_KEY_FILE") or home() / "audit.key").expanduser()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: new and changed passwords are hashed with it; older hashes still verify.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
USE_I18N = True
# The one catalog of the site and the command line (makemessages is run from the package: see README's
# "Translations"); named here so that a command that loads only the records' apps still finds it.
LOCALE_PATHS = [Path(__file__).resolve().parents[1] / "web" / "locale"]
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True  # serve straight from the installed apps: no collectstatic step to forget

# Login throttling (django-axes): 5 failed sign-ins for one user name from one address lock that pair out for
# 15 minutes (HTTP 429), on the website and the admin site alike; a successful sign-in clears the count.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The website's sign-in: after it, the staff page; after signing out, the overview.
LOGIN_URL = "web:signin"
LOGIN_REDIRECT_URL = "web:staff"
LOGOUT_REDIRECT_URL = "web:overview"
