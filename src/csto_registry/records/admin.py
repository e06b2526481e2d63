"""The admin site: the Secretariat keeps the records current, administrators manage accounts.

Every save and delete made here appends an audit entry with the record before
and after (the same trail as the API, the CLI and the import); the bounds of a
fact over time are derived from its EDTF dates, never typed; a record with a
version refuses a change made on a copy that someone else has since changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest

from csto_registry.records import models as records
from csto_registry.records.revision import write_transaction
from csto_registry.records.services.accounts import sync_staff
from csto_registry.records.services.audit import audit_append
from csto_registry.timeline import TimelineError, bounds_from

BOUNDS = ("start_min", "start_max", "end_min", "end_max")
RECORD_KEEPERS: tuple[Any, ...] = (records.Account.Role.SECRETARIAT, records.Account.Role.ADMIN)


def _role(request: HttpRequest) -> str | None:
    account = records.Account.objects.filter(user_id=request.user.pk).only("role").first()
    return account.role if account else ("admin" if request.user.is_superuser else None)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """A record's fields (many-to-many as lists of ids), as an audit entry keeps them."""
    values = model_to_dict(obj, exclude=["password"])
    for field in obj._meta.many_to_many:
        if obj.pk is not None:
            values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return {key: (value.pk if isinstance(value, models.Model) else value) for key, value in values.items()}


class RecordForm(forms.ModelForm):
    """Checks the EDTF dates of a fact over time and the version of a versioned record."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if isinstance(self.instance, records.Temporal):
            try:
                bounds_from(start=data.get("start") or None, end=data.get("end") or None)
            except TimelineError as error:
                self.add_error("start", f"start/end: {error}")
        if "version" in self.fields and self.instance.pk is not None:
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current is not None and data.get("version") != current:
                raise forms.ValidationError(
                    f"{self.instance} changed since you opened it (now version {current}): reload and retry"
                )
        return data


class AuditedAdmin(admin.ModelAdmin):
    """A record kept by the Secretariat (and administrators); every write is audited."""

    form = RecordForm
    roles: tuple[Any, ...] = RECORD_KEEPERS
    _before: dict[int, dict[str, Any] | None]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._before = {}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if issubclass(self.model, records.Temporal):
            fields += [*BOUNDS]
        return fields

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "version":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _allowed(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff and _role(request) in self.roles)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def _actor(self, request: HttpRequest) -> str:
        return f"admin:{request.user.get_username()}"

    def _record(self, obj: models.Model) -> str:
        return f"{obj._meta.model_name}:{getattr(obj, 'slug', None) or obj.pk}"

    # A POST takes the write turn first, then checks the version (records.revision.write_transaction).
    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        view = super().changeform_view
        return (write_transaction(view) if request.method == "POST" else view)(request, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        view = super().delete_view
        return (write_transaction(view) if request.method == "POST" else view)(request, *args, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        if isinstance(obj, records.Temporal):
            days = [dt.date.fromisoformat(str(day)) for day in obj.attested or []]
            bounds = bounds_from(start=obj.start or None, end=obj.end or None, attested=days)
            for name in BOUNDS:
                setattr(obj, name, getattr(bounds, name))
        if change and hasattr(obj, "version"):
            obj.version += 1
        super().save_model(request, obj, form, change)
        self._before[id(obj)] = before

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            obj = form.instance
            audit_append(
                actor=self._actor(request),
                action=f"admin.{'change' if change else 'add'}",
                record=self._record(obj),
                before=self._before.pop(id(obj), None),
                after=snapshot(obj),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            before, record = snapshot(obj), self._record(obj)
            super().delete_model(request, obj)
            audit_append(actor=self._actor(request), action="admin.delete", record=record, before=before)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class AccountAdmin(AuditedAdmin):
    """Accounts and roles: administrators only."""

    roles = (records.Account.Role.ADMIN,)
    list_display = ("user", "role", "state")
    list_filter = ("role",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        sync_staff(obj.user, obj.role)


class TokenAdmin(AuditedAdmin):
    """Tokens are issued by `csto user token` (shown once); here an administrator sees and revokes them."""

    roles = (records.Account.Role.ADMIN,)
    list_display = ("user", "name", "created", "last_used", "revoked")
    readonly_fields = ("user", "name", "digest", "created", "last_used")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, to read: no one adds, changes or deletes an entry here."""

    list_display = ("at", "actor", "action", "record")
    list_filter = ("action",)
    search_fields = ("record", "actor")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_staff and _role(request) in RECORD_KEEPERS)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedUserAdmin(UserAdmin, AuditedAdmin):
    """Users: administrators only; password changes are audited without the password."""

    roles = (records.Account.Role.ADMIN,)
    form = UserAdmin.form

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = get_user_model().objects.get(pk=id)
            audit_append(actor=self._actor(request), action="admin.password", record=f"user:{user.get_username()}")
        return response


RECORDS: dict[type[models.Model], tuple[str, ...]] = {
    records.State: ("code", "name"),
    records.Organization: ("slug", "name", "kind", "parent"),
    records.Post: ("slug", "organization", "state"),
    records.Person: ("slug", "name"),
    records.Tenure: ("person", "post", "start", "end"),
    records.Vacancy: ("post", "start", "end"),
    records.StateMembership: ("state", "organization", "status", "start", "end"),
    records.Source: ("ref", "url"),
    records.Instrument: ("slug", "kind", "start", "access"),
    records.InstrumentEvent: ("instrument", "kind", "date"),
    records.Chairmanship: ("organization", "state", "start", "end"),
    records.Session: ("slug", "body", "start", "status", "access"),
    records.Decision: ("slug", "body", "status", "access", "version"),
    records.Position: ("decision", "state", "value"),
    records.Force: ("slug", "kind", "start", "access"),
    records.Exercise: ("slug", "date", "access"),
    records.Operation: ("slug", "kind", "start", "access"),
    records.Programme: ("slug", "kind", "date", "access"),
    records.Figure: ("measure", "value", "unit", "qualifier", "state", "access"),
    records.Case: ("slug", "victim", "opened", "status", "access", "version"),
}

for model, columns in RECORDS.items():
    search = ("slug",) if any(f.name == "slug" for f in model._meta.fields) else ()
    admin.site.register(
        model, type(f"{model.__name__}Admin", (AuditedAdmin,), {"list_display": columns, "search_fields": search})
    )
admin.site.register(records.Account, AccountAdmin)
admin.site.register(records.ApiToken, TokenAdmin)
admin.site.register(records.AuditEntry, AuditEntryAdmin)
admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AuditedUserAdmin)
admin.site.site_header = "CSTO Registry — records"
admin.site.site_title = "CSTO Registry"
