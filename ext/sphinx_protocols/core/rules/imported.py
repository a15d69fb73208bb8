"""Findings for what `protocols import` guessed from a Word file: the officer's checklist.

The importer writes ':imported:' on every item it made or guessed, naming what it guessed. Each
word becomes one finding on that line, until the officer checks it and deletes the word.
"""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_protocols.core.model import Partnership

from .base import Finding, describe, found, rule

#: what each word of ':imported:' asks the officer to check
CHECKS: dict[str, str] = {
    "owner": "the owner of this duty (guessed from the body the sentence names, or 'tbc')",
    "duty": "that this sentence is a duty, and its title and modality",
    "body": "this body's name, abbreviation and kind",
    "organisation": "this organisation's name and abbreviation",
    "role": "the name of this office and whose office it is",
    "term": "what this abbreviation stands for",
    "report": "this report's name and who produces it",
    "line": "this matrix cell: the sender, the receiving body, the action and the timing",
    "signatory": "this signatory's name, office and organisation",
    "version": "the version label taken from the cover",
    "history": "this version history entry: its version, date, what changed and by whom",
    "dates": "the dates taken from the cover (drafted, agreed, last reviewed, next review)",
    "approved_by": "the forum the cover says approved the protocol",
    "parties": "the parties to the protocol and their order (the order of the matrix columns)",
    "title": "the protocol's title",
}


def message(item_label: str, word: str) -> str:
    """The finding for one word of ':imported:'."""
    what = CHECKS.get(word, f"'{word}'")
    return (
        f"{item_label} was imported from a Word file: check {what}. When it is right, delete "
        f"'{word}' from ':imported:'."
    )


@rule(
    "F20",
    "finding",
    "An item imported from a Word file carries a guess to check (':imported:').",
    "Check what the message names against the Word file, correct it, then delete that word from "
    "':imported:' (delete the line when it is empty).",
    "Duty DUTY_X was imported from a Word file: check the owner of this duty (guessed from the "
    "body the sentence names, or 'tbc'). When it is right, delete 'owner' from ':imported:'.",
)
def imported_guesses(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        for word in (w.strip() for w in item.get("imported").split(",")):
            if word:
                yield found("F20", item, message(describe(item), word), "imported")
