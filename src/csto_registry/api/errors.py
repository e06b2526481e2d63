"""The API's errors: {"error": {"code", "message", "field"}}, a 4xx for every refusal, never a 500 for bad input."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from csto_registry.datasets.errors import DatasetError
from csto_registry.records.errors import RegistryError
from csto_registry.records.refusals import refusal_of

# The API's own refusals, besides the registry's (records.refusals): a dataset sent to check or import.
DATASET: dict[type[Exception], tuple[int, str]] = {DatasetError: (422, "invalid")}


def error_body(code: str, message: str, field: str | None = None) -> dict[str, dict[str, str | None]]:
    return {"error": {"code": code, "message": message, "field": field}}


def register(api: NinjaAPI) -> None:
    """Map the registry's refusals and ninja's validation errors to JSON bodies with a 4xx status."""

    @api.exception_handler(RegistryError)
    def registry_error(request: HttpRequest, error: RegistryError) -> HttpResponse:
        status, code = refusal_of(error, DATASET)
        return api.create_response(request, error_body(code, str(error), getattr(error, "field", None)), status=status)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        body = error_body("unauthenticated", "send Authorization: Bearer <token> (csto user token NAME)")
        return api.create_response(request, body, status=401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        # ninja's own refusals (a body that is not JSON): the same shape as every other error.
        code = "invalid" if error.status_code == 400 else "refused"
        return api.create_response(request, error_body(code, str(error)), status=error.status_code)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
        first = error.errors[0] if error.errors else {}
        location = first.get("loc", [])
        field = str(location[-1]) if location else None
        message = f"{field}: {first.get('msg', 'invalid value')}" if field else str(first.get("msg", "invalid input"))
        return api.create_response(request, error_body("invalid", message, field), status=422)
