"""An Atom feed of the record's revisions, for readers who follow the record in a feed reader."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class RevisionsFeed(Feed):
    """The latest revisions, newest first, as the public may count them (records.selectors.revisions)."""

    feed_type = Atom1Feed
    link = "/changes/"
    LATEST = 50

    def title(self, chosen: dict[str, str | None]) -> str:
        of = chosen["body"] or chosen["state"]
        if of:
            return _("CSTO Registry: revisions of the record concerning %(of)s") % {"of": of}
        return _("CSTO Registry: revisions of the record")

    def subtitle(self) -> str:
        return _(
            "Each write to the record makes a new revision; each entry says how many records of each kind it wrote."
        )

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, str | None]:
        """The body or state a feed is of (?body=cmd, ?state=RUS), or neither: every revision."""
        from django.http import Http404

        from csto_registry.records.errors import NotFound
        from csto_registry.records.selectors.revisions import concerning_check

        body, state = request.GET.get("body") or None, (request.GET.get("state") or "").upper() or None
        try:
            concerning_check(body=body, state=state)
        except NotFound as error:
            raise Http404(str(error)) from error
        return {"body": body, "state": state}

    def items(self, chosen: dict[str, str | None]) -> list[dict[str, Any]]:
        from csto_registry.records.selectors.revisions import revision_list, revisions_concerning

        if chosen["body"] or chosen["state"]:
            return revisions_concerning(body=chosen["body"], state=chosen["state"], limit=self.LATEST)
        return revision_list(limit=self.LATEST)

    def item_title(self, item: dict[str, Any]) -> str:
        return _("Revision %(number)s") % {"number": item["revision"]}

    def item_description(self, item: dict[str, Any]) -> str:
        kinds = ", ".join(f"{kind} {n}" for kind, n in item["kinds"].items())
        text = ngettext("%(n)s write", "%(n)s writes", item["writes"]) % {"n": item["writes"]}
        if kinds:
            text += f": {kinds}"
        if item.get("other"):
            text += " " + ngettext("(and %(n)s other)", "(and %(n)s others)", item["other"]) % {"n": item["other"]}
        return text

    def item_link(self, item: dict[str, Any]) -> str:
        return f"/api/v1/revisions/{item['revision']}"

    def item_pubdate(self, item: dict[str, Any]) -> dt.datetime:
        return dt.datetime.fromisoformat(item["at"])

    def item_updateddate(self, item: dict[str, Any]) -> dt.datetime:
        return dt.datetime.fromisoformat(item["at"])
