"""An Atom feed of the record's revisions, for readers who follow the record in a feed reader."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class RevisionsFeed(Feed):
    """The latest revisions, newest first, as the public may count them (records.selectors.revisions)."""

    feed_type = Atom1Feed
    link = "/changes/"
    LATEST = 50

    def title(self) -> str:
        return _("CSTO Registry: revisions of the record")

    def subtitle(self) -> str:
        return _(
            "Each write to the record makes a new revision; each entry says how many records of each kind it wrote."
        )

    def items(self) -> list[dict[str, Any]]:
        from csto_registry.records.selectors.revisions import revision_list

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
