"""Small pieces of English the messages and review sentences share: lists and articles."""

from __future__ import annotations

from collections.abc import Sequence


def join(words: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (no Oxford comma, as the guide writes lists)."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def join_or(words: Sequence[str]) -> str:
    """'a, b or c'."""
    return join(words, "or")


def article(word: str) -> str:
    """'a body', 'an organisation'."""
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word
