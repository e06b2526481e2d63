"""Ordering by the Russian alphabet, the organization's working language."""

from __future__ import annotations

RUSSIAN_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_RANK = {letter: rank for rank, letter in enumerate(RUSSIAN_ALPHABET)}


def russian_key(name: str) -> tuple[int, ...]:
    """Return a sort key that orders names as the Russian alphabet does (ё after е, case ignored).

    Letters outside the alphabet sort after it, in code-point order, so that
    a name with a Latin letter still has a place.
    """
    return tuple(_RANK.get(ch, len(RUSSIAN_ALPHABET) + ord(ch)) for ch in name.casefold())
