"""The cover of a Word protocol: version, dates, approving forum and parties, for the protocol item.

The names of the protocol's fields the import fills in are written here, in one place.
"""

from __future__ import annotations

import datetime as dt
import re

from sphinx_protocols.importer.draft import Draft, Names

#: a cover row's label (lower case, no colon) -> what it gives; the protocol fields are set in
#: finish_protocol, so the names of the vocabulary's fields are written in one place
COVER_KEYS: dict[str, str] = {
    "title": "title",
    "version": "version",
    "version number": "version",
    "version no": "version",
    "date": "date",
    "date of this version": "date",
    "revised": "date",
    "last reviewed": "date",
    "date revised": "date",
    "last review": "date",
    "date of last review": "date",
    "created": "created",
    "first drafted": "created",
    "drafted": "created",
    "date created": "created",
    "review date": "next_review",
    "next review": "next_review",
    "date of next review": "next_review",
    "next review date": "next_review",
    "due for review": "next_review",
    "approved by": "approved_by",
    "agreed by": "approved_by",
    "approving body": "approved_by",
    "parties": "parties",
    "between": "parties",
    "area": "area",
    "status": "status",
}


def key(cell: str) -> str:
    """A cover row's or column's label as compared: 'Version:' -> 'version'."""
    return re.sub(r"[:*]+$", "", cell.strip().lower()).strip()


def iso_date(text: str) -> str:
    """'20 April 2015', '20/04/2015' or '2015-04-20' -> '2015-04-20'; '' when it is no full date."""
    cleaned = re.sub(r"(\d+)(st|nd|rd|th)\b", r"\1", text.strip().rstrip("."))
    for pattern in ("%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(cleaned, pattern).date().isoformat()
        except ValueError:
            continue
    return ""


def finish_protocol(draft: Draft, names: Names, today: dt.date) -> None:
    """The protocol item's version, dates and parties, from the cover, the history and the text."""
    protocol, cover = draft.protocol, dict(draft.cover)
    if draft.history and len(draft.history) > 1:
        header = [key(c) for c in draft.history[0]]
        latest, first = (
            dict(zip(header, draft.history[-1], strict=False)),
            dict(zip(header, draft.history[1], strict=False)),
        )
        date_key = next(h for h in header if "date" in h)
        cover.setdefault("version", latest.get("version", ""))
        cover.setdefault("date", latest.get(date_key, ""))
        cover.setdefault("created", first.get(date_key, ""))
    if cover.get("title"):
        protocol.title = draft.title = cover["title"]
    for what, field in (
        ("version", "version"),
        ("created", "created"),
        ("approved_by", "approved_by"),
        ("area", "area"),
    ):
        if cover.get(what):
            protocol.fields[field] = cover[what]
    if cover.get("approved_by"):
        protocol.imported.append("approved_by")
    for what, field in (("date", "last_reviewed"), ("next_review", "next_review")):
        if value := cover.get(what):
            if iso := iso_date(value):
                protocol.fields[field] = iso
            else:
                draft.keep(
                    "index",
                    f"The cover gives the {field.replace('_', ' ')} as '{value}', which is not "
                    "a full date, so it was not set.",
                )
            protocol.imported.append("dates")
    protocol.fields["legal_date"] = protocol.fields.get("last_reviewed") or today.isoformat()
    protocol.fields.setdefault("area", "To be added")
    if cover.get("status"):
        draft.keep(
            "index",
            f"The cover gives the status as '{cover['status']}'. The import marks it draft.",
        )
    between = cover.get("parties") or (
        draft.title.split(" between ", 1)[1] if " between " in draft.title else ""
    )
    parties = [
        k.id for _, k in names.mentions(between) if k.type in ("body", "organisation")
    ] or draft.columns
    if parties:
        protocol.links["parties"] = list(dict.fromkeys(parties))
        protocol.imported.append("parties")
    protocol.imported = list(dict.fromkeys(protocol.imported))
