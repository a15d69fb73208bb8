"""The tables of a Word protocol: the cover, the version history, the reporting matrix (reports
down, boards across), a list of reports (report / from / to / when), signatures and glossaries.

A table that is none of these is kept, as a table, in the section where it stood.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from sphinx_protocols.core.vocabulary import ACTIONS
from sphinx_protocols.importer.docx import Table
from sphinx_protocols.importer.draft import (
    BODY_WORDS,
    Draft,
    DraftItem,
    Known,
    Markup,
    Names,
    escape,
    initials,
    slug_id,
)

if TYPE_CHECKING:
    from sphinx_protocols.importer.recognise import _Reader

#: a cover row's label (lower case, no colon) -> what it gives; the protocol fields are set in
#: finish_protocol, so the names of the vocabulary's fields are written in one place
COVER_KEYS: dict[str, str] = {
    "title": "title", "version": "version", "version number": "version", "version no": "version",
    "date": "date", "date of this version": "date", "revised": "date", "last reviewed": "date",
    "date revised": "date", "last review": "date", "date of last review": "date",
    "created": "created", "first drafted": "created", "drafted": "created", "date created": "created",
    "review date": "next_review", "next review": "next_review", "date of next review": "next_review",
    "next review date": "next_review", "due for review": "next_review",
    "approved by": "approved_by", "agreed by": "approved_by", "approving body": "approved_by",
    "parties": "parties", "between": "parties", "area": "area", "status": "status",
}
_ACTION_WORDS = {**{a.lower(): a for a in ACTIONS if a != "✓"}, "information": "Inform", "informed": "Inform",
                 "consultation": "Consult", "approval": "Approve", "assurance": "Assure", "noted": "Note"}
_TIMING = re.compile(r"^(January|February|March|April|May|June|July|August|September|October|November|"
                     r"December|Spring|Summer|Autumn|Winter|annually|yearly|quarterly|monthly|"
                     r"(?:six|6|twelve|12|three|3)[- ]monthly|every \w+ months?)\b", re.IGNORECASE)
_ABBREVIATION = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")
_PLACEHOLDER = re.compile(r"^[\s._\-–…]*$")
_SIGNATURE_OFFICE = ("designation", "position", "role", "title", "office", "capacity", "signing as")
_SIGNATURE_BODY = ("organisation", "organization", "on behalf of", "body", "agency", "board")


def _key(cell: str) -> str:
    return re.sub(r"[:*]+$", "", cell.strip().lower()).strip()


def place(table: Table, reader: _Reader) -> None:
    """Recognise one table and put what it says into the draft, or keep it as it is."""
    rows = [r for r in table.rows if any(c.strip() for c in r)]
    if not rows:
        return
    header = [_key(c) for c in rows[0]]
    draft = reader.draft
    page = _recognised(rows, header, table, reader)
    if page:  # kept as the Word file gives it, for the officer to compare with what was made
        draft.keep(page, as_markdown(rows))
    elif page is None:
        reader.section.entries.append(as_markdown(rows))


def _recognised(rows: list[list[str]], header: list[str], table: Table, reader: _Reader) -> str | None:
    """What the table is, put into the draft: the page that keeps its copy, '' for none, None if unknown."""
    draft, names = reader.draft, reader.names
    if len(rows[0]) == 2 and _is_signatures([_key(r[0]) for r in rows]):
        _signature_blocks(rows, table.where, reader)
        return "signatures"
    if sum(_key(r[0]) in COVER_KEYS for r in rows) >= 2 and len(rows[0]) >= 2:
        for row in rows:
            what = COVER_KEYS.get(_key(row[0]))
            value = next((c for c in row[1:] if c.strip()), "")
            if what and value:
                draft.cover[what] = value
        rows.insert(0, ["On the cover", "The Word file says"])  # a key-value table has no header row
        return "index"
    if "version" in header and any("date" in h for h in header):
        draft.history = rows
        return ""
    if _is_signatures(header):
        for row in rows[1:]:
            _signatory(dict(zip(header, row, strict=False)), table.where, reader)
        return "signatures"
    if "report" in header[0] and any(h in ("to", "recipient", "sent to", "receiving body") for h in header):
        _report_list(header, rows[1:], table.where, reader)
        return "reporting"
    if _is_matrix(rows, table, names):
        _matrix(rows, table, reader)
        return "reporting"
    if len(rows[0]) == 2 and len(rows) > 1 and all(_ABBREVIATION.match(r[0].strip()) for r in rows[1:]):
        from sphinx_protocols.importer.recognise import define

        for row in rows[1:]:
            define(row[1].strip(), row[0].strip(), table.where, names, reader.ids, draft)
        return "terms"
    return None


def as_markdown(rows: list[list[str]]) -> Markup:
    """A table kept as it was, as a MyST table (the first row as its header)."""
    width = max(len(r) for r in rows)
    cells = [[escape(c) or " " for c in r] + [" "] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return Markup("\n".join(lines))


# -- reporting --------------------------------------------------------------------------------
def parse_cell(text: str) -> tuple[str, str, str] | None:
    """'Inform – October, to be reflected in the strategy' -> ('Inform', 'October', 'to be ...')."""
    cell = text.strip()
    if cell[:1] in ("✓", "✔"):
        action, rest = "✓", cell[1:]
    else:
        word = re.match(r"[A-Za-z]+", cell)
        if not word or word.group(0).lower() not in _ACTION_WORDS:
            return None
        action, rest = _ACTION_WORDS[word.group(0).lower()], cell[word.end():]
    rest = rest.strip(" -–—:,.;")
    timing = ""
    if found := _TIMING.match(rest):
        timing, rest = found.group(0), rest[found.end():].strip(" -–—:,.;")
    return action, timing, rest


def _is_matrix(rows: list[list[str]], table: Table, names: Names) -> bool:
    columns = [c for c in rows[0][1:] if c.strip()]
    bodyish = [c for c in columns if names.lookup(c) or _ABBREVIATION.match(c.strip())]
    actions = sum(parse_cell(c) is not None for r in rows[1:] for c in r[1:] if c.strip())
    return len(columns) >= 2 and len(bodyish) >= len(columns) - 1 and actions >= 1


def body(name: str, names: Names, reader: _Reader, hint: list[Known] | None = None) -> Known:
    """The body a cell names: one the draft or partnership knows, else a new one (to check)."""
    found = names.lookup(name)
    if found is not None:
        if not found.new:
            reader.draft.matched[name] = found.id
        return found
    for column in hint or []:  # a group row's full name, where only the initials head a column
        if column.abbreviation and initials(name).endswith(column.abbreviation.upper()):
            return column
    abbreviation = name.strip() if _ABBREVIATION.match(name.strip()) else ""
    last = name.split()[-1].lower() if name.split() else ""
    kind = "body" if abbreviation or last in BODY_WORDS else "organisation"
    prefix = "BODY_" if kind == "body" else "ORG_"
    return names.add(Known(reader.ids.new(prefix, slug_id(abbreviation or name, 3)), kind, name.strip(),
                           abbreviation, new=True, where=""))


def _short(entry: Known) -> str:
    return slug_id(entry.abbreviation or entry.title, 2)


def _matrix(rows: list[list[str]], table: Table, reader: _Reader) -> None:
    names = reader.names
    columns = [body(c, names, reader) if c.strip() else None for c in rows[0][1:]]
    reader.draft.columns = [c.id for c in columns if c is not None]
    producer: Known | None = None
    for index, row in enumerate(rows[1:], start=1):
        rest = [c for c in row[1:] if c.strip()]
        where = f"{table.where}, row {index + 1}"
        if row[0].strip() and (not rest or index in table.spanning):
            producer = body(row[0], names, reader, [c for c in columns if c is not None])
            continue
        for column, cell in zip(columns, row[1:], strict=False):
            if column is not None and cell.strip():
                _line(row[0].strip(), producer, column, cell, "", where, reader)


def _report_list(header: list[str], rows: list[list[str]], where: str, reader: _Reader) -> None:
    def column(*words: str) -> int | None:
        return next((i for i, h in enumerate(header) if any(w in h for w in words)), None)

    at_from, at_to = column("from", "by", "sender", "produced"), column("to", "recipient", "receiving")
    at_when, at_action = column("when", "timing", "frequency"), column("action", "for")
    for index, row in enumerate(rows, start=2):
        def cell(at: int | None, row: list[str] = row) -> str:
            return row[at].strip() if at is not None and at < len(row) else ""

        if not cell(0) or not cell(at_to):
            reader.section.entries.append(as_markdown([header, row]))
            continue
        sender = body(cell(at_from), reader.names, reader) if cell(at_from) else None
        recipient = body(cell(at_to), reader.names, reader)
        _line(cell(0), sender, recipient, cell(at_action) or "", cell(at_when), f"{where}, row {index}", reader)


def _line(name: str, producer: Known | None, recipient: Known, cell: str, when: str, where: str,
          reader: _Reader) -> None:
    draft, ids = reader.draft, reader.ids
    report = next((r for r in draft.reports if r.title.lower() == name.lower()
                   and r.links.get("produced_by") == [producer.id if producer else "tbc"]), None)
    if report is None:
        owner = producer.id if producer else "tbc"
        report = DraftItem("report", ids.new("REP_", f"{_short(producer) if producer else 'X'}_{slug_id(name, 3)}"),
                           name, links={"produced_by": [owner]}, imported=["report"], where=where,
                           text=f"A report in the Word file's reporting table ({where}).")
        draft.reports.append(report)
    parsed = parse_cell(cell) if cell else None
    fields: dict[str, str] = {}
    guesses = []
    if parsed:
        action, timing, note = parsed
        fields["action"] = action
        if cell.strip() != action:
            fields["as_written"] = cell.strip()
            guesses = ["line"]
        if timing or when:
            fields["timing"] = timing or when
        if note:
            fields["note"] = note
    elif cell:
        fields["as_written"] = cell.strip()
        guesses = ["line"]
    elif when:
        fields["timing"] = when
    links = {"report": [report.id], "recipient": [recipient.id]}
    if producer is None:
        links["sender"] = ["tbc"]
    line_id = ids.new("LINE_", f"{report.id.split('_', 2)[-1]}_{_short(recipient)}")
    draft.lines.append(DraftItem("reporting_line", line_id, f"{name} to the {recipient.abbreviation or recipient.title}",
                                 fields, links, imported=guesses, where=where))


# -- signatures -------------------------------------------------------------------------------
def _is_signatures(keys: list[str]) -> bool:
    has_name = any(k == "name" or k.startswith("name ") for k in keys)
    return has_name and any(any(w in k for w in _SIGNATURE_OFFICE) for k in keys) and \
        any(any(w in k for w in (*_SIGNATURE_BODY, "signature", "signed")) for k in keys)


def _signature_blocks(rows: list[list[str]], where: str, reader: _Reader) -> None:
    block: dict[str, str] = {}
    for row in rows:
        key = _key(row[0])
        if key in block:
            _signatory(block, where, reader)
            block = {}
        block[key] = row[1]
    if block:
        _signatory(block, where, reader)


def _signatory(values: dict[str, str], where: str, reader: _Reader) -> None:
    def value(*words: str) -> str:
        return next((v.strip() for k, v in values.items() if any(w in k for w in words)), "")

    office, organisation = value(*_SIGNATURE_OFFICE), value(*_SIGNATURE_BODY)
    person = next((v.strip() for k, v in values.items() if k == "name" or k.startswith("name ")), "")
    if not office and not organisation:
        return
    draft, ids = reader.draft, reader.ids
    party = body(organisation, reader.names, reader) if organisation else None
    office = office or "Signatory"
    role_title = f"{office}, {party.abbreviation or party.title}" if party else office
    short = f"{slug_id(office, 2)}_{_short(party)}" if party else slug_id(office, 3)
    role = DraftItem("role", ids.new("ROLE_", short), role_title,
                     links={"office_in": [party.id]} if party else {}, imported=["role"], where=where,
                     text=f"The office in which the Word file's signature table ({where}) has it signed.")
    draft.roles.append(role)
    fields = {"name": person} if person and not _PLACEHOLDER.match(person) else {}
    links = {"office": [role.id], **({"on_behalf_of": [party.id]} if party else {})}
    title = f"{office}, {organisation}" if organisation else office
    draft.signatories.append(DraftItem("signatory", ids.new("SIGN_", short), title, fields,
                                       links, imported=["signatory"], where=where))


# -- the protocol item --------------------------------------------------------------------------
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
        header = [_key(c) for c in draft.history[0]]
        latest, first = dict(zip(header, draft.history[-1], strict=False)), dict(zip(header, draft.history[1], strict=False))
        date_key = next(h for h in header if "date" in h)
        cover.setdefault("version", latest.get("version", ""))
        cover.setdefault("date", latest.get(date_key, ""))
        cover.setdefault("created", first.get(date_key, ""))
    if cover.get("title"):
        protocol.title = draft.title = cover["title"]
    for what, field in (("version", "version"), ("created", "created"), ("approved_by", "approved_by"),
                        ("area", "area")):
        if cover.get(what):
            protocol.fields[field] = cover[what]
    if cover.get("approved_by"):
        protocol.imported.append("approved_by")
    for what, field in (("date", "last_reviewed"), ("next_review", "next_review")):
        if value := cover.get(what):
            if iso := iso_date(value):
                protocol.fields[field] = iso
            else:
                draft.keep("index", f"The cover gives the {field.replace('_', ' ')} as '{value}', which is not "
                                    "a full date, so it was not set.")
            protocol.imported.append("dates")
    protocol.fields["legal_date"] = protocol.fields.get("last_reviewed") or today.isoformat()
    protocol.fields.setdefault("area", "To be added")
    if cover.get("status"):
        draft.keep("index", f"The cover gives the status as '{cover['status']}'. The import marks it draft.")
    between = cover.get("parties") or (draft.title.split(" between ", 1)[1] if " between " in draft.title else "")
    parties = [k.id for _, k in names.mentions(between) if k.type in ("body", "organisation")] or draft.columns
    if parties:
        protocol.links["parties"] = list(dict.fromkeys(parties))
        protocol.imported.append("parties")
    protocol.imported = list(dict.fromkeys(protocol.imported))
