"""Signature tables of a Word protocol: one signatory per person, with the office they sign in.

Both shapes are read: a table with a header row (Name, Organisation, Designation, Signature), and
blocks of two-column rows (Name, Designation, On behalf of, Signature, Date) one after another.
"""

from __future__ import annotations

import re

from sphinx_protocols.importer.bodies import body, short
from sphinx_protocols.importer.cover import iso_date, key
from sphinx_protocols.importer.draft import DraftItem, ReaderState, slug_id

_PLACEHOLDER = re.compile(r"^[\s._\-–…]*$")
_SIGNATURE_OFFICE = ("designation", "position", "role", "title", "office", "capacity", "signing as")
_SIGNATURE_BODY = ("organisation", "organization", "on behalf of", "body", "agency", "board")


def is_signatures(keys: list[str]) -> bool:
    has_name = any(k == "name" or k.startswith("name ") for k in keys)
    return (
        has_name
        and any(any(w in k for w in _SIGNATURE_OFFICE) for k in keys)
        and any(any(w in k for w in (*_SIGNATURE_BODY, "signature", "signed")) for k in keys)
    )


def signature_blocks(rows: list[list[str]], where: str, reader: ReaderState) -> None:
    block: dict[str, str] = {}
    for row in rows:
        label = key(row[0])
        if label in block:
            signatory(block, where, reader)
            block = {}
        block[label] = row[1]
    if block:
        signatory(block, where, reader)


def signatory(values: dict[str, str], where: str, reader: ReaderState) -> None:
    def value(*words: str) -> str:
        return next((v.strip() for k, v in values.items() if any(w in k for w in words)), "")

    office, organisation = value(*_SIGNATURE_OFFICE), value(*_SIGNATURE_BODY)
    person = next(
        (v.strip() for k, v in values.items() if k == "name" or k.startswith("name ")), ""
    )
    if not office and not organisation:
        return
    draft, ids = reader.draft, reader.ids
    party = body(organisation, reader.names, reader) if organisation else None
    office = office or "Signatory"
    role_title = f"{office}, {party.abbreviation or party.title}" if party else office
    name = f"{slug_id(office, 2)}_{short(party)}" if party else slug_id(office, 3)
    role = DraftItem(
        "role",
        ids.new("ROLE_", name),
        role_title,
        links={"office_in": [party.id]} if party else {},
        imported=["role"],
        where=where,
        text=f"The office in which the Word file's signature table ({where}) has it signed.",
    )
    draft.roles.append(role)
    fields = {  # as the signature table writes them; an empty cell is 'blank'
        "name": person if person and not _PLACEHOLDER.match(person) else "blank",
        "organisation": organisation,
        "designation": value(*_SIGNATURE_OFFICE),
    }
    if any("date" in k for k in values):
        fields["signed_on"] = iso_date(value("date")) or "blank"
    links = {"office": [role.id], **({"on_behalf_of": [party.id]} if party else {})}
    title = f"{office}, {organisation}" if organisation else office
    draft.signatories.append(
        DraftItem(
            "signatory",
            ids.new("SIGN_", name),
            title,
            fields,
            links,
            imported=["signatory"],
            where=where,
        )
    )
