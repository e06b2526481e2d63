"""Template filter: a figure in the words of its source ("more than 428 t")."""

from __future__ import annotations

from django import template

from csto_registry.statutes.figures import figure_text

register = template.Library()
register.filter("figure", figure_text)
