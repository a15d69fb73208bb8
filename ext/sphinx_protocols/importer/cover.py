"""The cover of a Word protocol: version, dates, approving forum and parties, for the protocol item.

The names of the protocol's fields the import fills in are written here, in one place.
"""

from __future__ import annotations

import datetime as dt
import re

from sphinx_protocols.importer.draft import Draft, DraftItem, Ids, Names, slug_id

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
    "date agreed": "date_agreed",
    "agreed on": "date_agreed",
    "date approved": "date_agreed",
    "approved on": "date_agreed",
    "agreed by": "approved_by",
    "approving body": "approved_by",
    "parties": "parties",
    "between": "parties",
    "area": "area",
    "status": "status",
}


#: a date on the cover -> the protocol's field it fills (YYYY-MM-DD, or 'blank' for an empty cell)
DATE_FIELDS = {"date": "last_reviewed", "next_review": "next_review", "date_agreed": "date_agreed"}


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


def finish_protocol(draft: Draft, names: Names, ids: Ids, today: dt.date) -> None:
    """The protocol item's version, dates and parties, from the cover, the history and the text."""
    protocol, cover = draft.protocol, dict(draft.cover)
    if len(draft.history) > 1:
        _history(draft, cover, ids)
    if cover.get("title"):
        protocol.title = draft.title = cover["title"]
    for field in ("version", "created", "approved_by", "area"):
        if cover.get(field):
            protocol.fields[field] = cover[field]
    if cover.get("approved_by"):
        protocol.imported.append("approved_by")
    for what, field in DATE_FIELDS.items():
        if what in cover:
            protocol.fields[field] = date_or_blank(
                cover[what], draft, f"the {field.replace('_', ' ')}"
            )
            protocol.imported.append("dates")
    legal = protocol.fields.get("last_reviewed") or protocol.fields.get("date_agreed") or ""
    protocol.fields["legal_date"] = legal if legal[:1].isdigit() else today.isoformat()
    protocol.fields.setdefault("area", "To be added")
    if cover.get("status"):
        draft.keep(
            "index",
            f"The cover gives the status as '{cover['status']}'. The import marks it draft.",
        )
    between = cover.get("parties") or (
        draft.title.split(" between ", 1)[1] if " between " in draft.title else ""
    )
    parties = [k.id for _, k in names.mentions(between) if k.type in ("body", "organisation")]
    if parties or draft.columns:
        protocol.links["parties"] = list(dict.fromkeys(parties or draft.columns))
        protocol.imported.append("parties")
    protocol.imported = list(dict.fromkeys(protocol.imported))


def date_or_blank(value: str, draft: Draft, what: str) -> str:
    """A date field's value: the date, 'blank' for an empty cell, else 'blank' and the words
    kept."""
    if iso := iso_date(value):
        return iso
    if value.strip():
        draft.keep("index", f"The Word file gives {what} as '{value}', which is not a full date.")
    return "blank"


def _history(draft: Draft, cover: dict[str, str], ids: Ids) -> None:
    """Version history entries, one per row; the last row gives the version, the first the draft."""
    header = [key(c) for c in draft.history[0]]
    rows = [dict(zip(header, row, strict=False)) for row in draft.history[1:]]

    def cell(row: dict[str, str], *words: str) -> str:
        return next((v.strip() for k, v in row.items() if any(w in k for w in words)), "")

    for row in rows:
        label, date = cell(row, "version"), cell(row, "date")
        fields = {"version": label, "date": iso_date(date) or "blank"}
        fields |= {
            "changes": cell(row, "change", "summary", "description", "comment", "amendment"),
            "by": cell(row, "by", "author", "who"),
        }
        text = f"Dated {date} in the Word file." if date and not iso_date(date) else ""
        draft.versions.append(
            DraftItem(
                "version",
                ids.new("VER_", slug_id(label or "X", 2)),
                f"Version {label}".strip(),
                fields,
                text=text,
                imported=["history"],
                where="the version history table",
            )
        )
    cover.setdefault("version", cell(rows[-1], "version"))
    cover.setdefault("date", cell(rows[-1], "date"))
    cover.setdefault("created", cell(rows[0], "date"))
