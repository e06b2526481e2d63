"""Staff pages: sign in and out; a delegate records its state's positions and submits its figures; the
Secretariat drafts and adopts decisions (and keeps every record in the admin site).

Each form calls the same service as the API and the CLI, with the same access
checks, so a page offers exactly what the role allows and refuses the rest with
the same one-line reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from csto_registry.records import access
from csto_registry.records.errors import RegistryError
from csto_registry.records.models import Account, Figure, Position, State
from csto_registry.records.refusals import refusal_of
from csto_registry.records.selectors.activities import operation_list
from csto_registry.records.selectors.decisions import decision_list
from csto_registry.records.services import figures as figure_services
from csto_registry.records.services import proceedings
from csto_registry.web.context import page_state

LEVELS = [
    ("public", gettext_lazy("everyone (public)")),
    ("member-states", gettext_lazy("the member states")),
]


class SignIn(LoginView):
    """The sign-in form (throttled: see settings.AXES_*)."""

    template_name = "web/signin.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        state = page_state(self.request)
        return super().get_context_data(**kwargs) | {"page": state, "day": state.day}


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


class PositionForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Draft"))
    state = forms.ChoiceField(label=gettext_lazy("State"))
    position = forms.ChoiceField(
        label=gettext_lazy("Position"),
        choices=[
            (Position.Value.AGREE, pgettext_lazy("position", "agree")),
            (Position.Value.OBJECT, pgettext_lazy("position", "object")),
            (Position.Value.ABSTAIN, pgettext_lazy("position", "abstain")),
        ],
    )
    on = forms.DateField(label=gettext_lazy("As of"), widget=forms.DateInput(attrs={"type": "date"}))


class FigureForm(forms.Form):
    operation = forms.ChoiceField(label=gettext_lazy("Operation"))
    state = forms.ChoiceField(label=gettext_lazy("State"))
    measure = forms.SlugField(label=gettext_lazy("Measure (an id, such as drugs-seized)"), max_length=80)
    value = forms.DecimalField(label=gettext_lazy("Value"), min_value=0, max_digits=20, decimal_places=4)
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=32)
    qualifier = forms.ChoiceField(
        label=gettext_lazy("Qualifier"),
        choices=[
            (Figure.Qualifier.EXACT, pgettext_lazy("qualifier", "exactly")),
            (Figure.Qualifier.AT_LEAST, pgettext_lazy("qualifier", "at least")),
            (Figure.Qualifier.MORE_THAN, pgettext_lazy("qualifier", "more than")),
            (Figure.Qualifier.ABOUT, pgettext_lazy("qualifier", "about")),
        ],
    )
    period = forms.CharField(label=gettext_lazy("Period (EDTF, such as 2021)"), required=False, max_length=64)
    access = forms.ChoiceField(label=gettext_lazy("Who may read it"))
    on = forms.DateField(label=gettext_lazy("As of"), widget=forms.DateInput(attrs={"type": "date"}))


class DraftForm(forms.Form):
    body = forms.ChoiceField(label=gettext_lazy("Body"), choices=[("csc", gettext_lazy("Collective Security Council"))])
    title = forms.CharField(label=gettext_lazy("Title (English)"), max_length=500)
    title_ru = forms.CharField(label=gettext_lazy("Title (Russian)"), max_length=500, required=False)
    access = forms.ChoiceField(label=gettext_lazy("Who may read it"), choices=LEVELS[::-1])


class AdoptForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Draft"))
    on = forms.DateField(label=gettext_lazy("As of"), widget=forms.DateInput(attrs={"type": "date"}))


def _speakable(account: Account) -> list[tuple[str, str]]:
    """The states this account may speak for: its own (a delegate), or every state (the Secretariat)."""
    if account.role == Account.Role.DELEGATE:
        return [(account.state.code, account.state.code)] if account.state else []
    return [(code, code) for code in State.objects.order_by("code").values_list("code", flat=True)]


def _forms(account: Account, listed: list[dict[str, Any]], data: Any = None) -> dict[str, forms.Form]:
    """The forms the account's role allows, their choices limited to what it may read and speak for.

    `listed` are the drafts the account may read (decision_list), offered to the position and adoption forms.
    """
    levels = access.access_levels(account)
    drafts = [(d["id"], f"{d['id']} — {d['title'].get('en', d['id'])}") for d in listed]
    states = _speakable(account)
    today = {"on": _today()}
    made: dict[str, forms.Form] = {}
    position = PositionForm(data, prefix="position", initial=today)
    position.fields["decision"].choices = drafts
    position.fields["state"].choices = states
    made["position"] = position
    figure = FigureForm(data, prefix="figure", initial=today | {"access": "member-states"})
    figure.fields["operation"].choices = [(o["id"], o["name"]) for o in operation_list(levels=levels)]
    figure.fields["state"].choices = states
    own = [(f"state:{code}", gettext("%(state)s only") % {"state": code}) for code, _ in states]
    figure.fields["access"].choices = [*LEVELS, *own] if account.role == Account.Role.DELEGATE else LEVELS
    made["figure"] = figure
    if account.role in (Account.Role.SECRETARIAT, Account.Role.ADMIN):
        made["draft"] = DraftForm(data, prefix="draft")
        adopt = AdoptForm(data, prefix="adopt", initial=today)
        adopt.fields["decision"].choices = drafts
        made["adopt"] = adopt
    return made


def _run(account: Account, action: str, form: forms.Form, actor: str) -> str:
    """Run a form's step through its service; return what to tell the user."""
    data = form.cleaned_data
    if action == "position":
        access.access_speak_for(account, data["state"])
        done = proceedings.position_record(
            decision=data["decision"], state=data["state"], value=data["position"], actor=actor, day=data["on"],
            levels=access.access_levels(account),
        )  # fmt: skip
        return gettext("%(state)s's position on %(decision)s is recorded.") % {
            "state": data["state"],
            "decision": done["id"],
        }
    if action == "figure":
        access.access_speak_for(account, data["state"])
        access.access_may_share(account, data["access"])
        figure_services.figure_submit(
            operation=data["operation"], state=data["state"], measure=data["measure"], unit=data["unit"],
            value=str(data["value"]), qualifier=data["qualifier"], period=data["period"] or None, actor=actor,
            day=data["on"], access=data["access"], levels=access.access_levels(account),
        )  # fmt: skip
        return gettext("The figure of %(state)s for %(operation)s is submitted.") % {
            "state": data["state"],
            "operation": data["operation"],
        }
    access.access_run_workflow(account)
    if action == "draft":
        done = proceedings.decision_draft(
            body=data["body"], title=data["title"], title_ru=data["title_ru"] or None, actor=actor,
            access=data["access"],
        )  # fmt: skip
        return gettext("The draft %(decision)s is created.") % {"decision": done["id"]}
    done = proceedings.decision_adopt(decision=data["decision"], actor=actor, day=data["on"])
    return gettext("%(decision)s is adopted as %(number)s.") % {"decision": done["id"], "number": done["number"]}


@login_required(login_url="web:signin")
def staff(request: HttpRequest) -> HttpResponse:
    """The signed-in user's page: what its role may do, as forms."""
    state = page_state(request)
    account = access.account_of(request.user)
    context: dict[str, Any] = {"page": state, "day": state.day, "account": account}
    if account is None:
        context["error"] = gettext("This user has no role in the registry; an administrator gives one.")
        return render(request, "web/staff.html", context, status=403)
    status = 200
    action = request.POST.get("action", "") if request.method == "POST" else ""
    drafts = decision_list(status="draft", levels=access.access_levels(account))
    made = _forms(account, drafts, request.POST if action else None)
    if action in made:
        form = made[action]
        if form.is_valid():
            try:
                messages.success(request, _run(account, action, form, f"user:{request.user.get_username()}"))
                return redirect("web:staff")
            except RegistryError as error:
                context["error"] = str(error)
                status = refusal_of(error)[0]
        else:
            status = 422
        # The other forms start afresh; the one sent keeps what was typed, with its errors.
        made = _forms(account, drafts) | {action: form}
    elif action:
        context["error"], status = gettext("Unknown step."), 400
    context |= {"forms": made, "drafts": drafts}
    return render(request, "web/staff.html", context, status=status)
