"""The body a table cell names: one the draft or the partnership knows, else a new one to check."""

from __future__ import annotations

import re

from sphinx_protocols.importer.draft import BODY_WORDS, Known, Names, ReaderState, initials, slug_id

#: a cell that is an abbreviation, such as a matrix column 'SSBPB'
ABBREVIATION = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")


def body(name: str, names: Names, reader: ReaderState, hint: list[Known] | None = None) -> Known:
    """The body a cell names: one the draft or partnership knows, else a new one (to check)."""
    found = names.lookup(name)
    if found is not None:
        if not found.new:
            reader.draft.matched[name] = found.id
        return found
    for column in hint or []:  # a group row's full name, where only the initials head a column
        if column.abbreviation and initials(name).endswith(column.abbreviation.upper()):
            return column
    abbreviation = name.strip() if ABBREVIATION.match(name.strip()) else ""
    last = name.split()[-1].lower() if name.split() else ""
    kind = "body" if abbreviation or last in BODY_WORDS else "organisation"
    prefix = "BODY_" if kind == "body" else "ORG_"
    return names.add(
        Known(
            reader.ids.new(prefix, slug_id(abbreviation or name, 3)),
            kind,
            name.strip(),
            abbreviation,
            new=True,
            where="",
        )
    )


def short(entry: Known) -> str:
    return slug_id(entry.abbreviation or entry.title, 2)
