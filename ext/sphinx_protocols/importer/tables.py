"""The tables of a Word protocol: the cover, the version history, the reporting matrix (reports
down, boards across), a list of reports (report / from / to / when), signatures and glossaries.

A table that is none of these is kept, as a table, in the section where it stood.
"""

from __future__ import annotations

import re

from sphinx_protocols.core.vocabulary import ACTIONS
from sphinx_protocols.importer.bodies import ABBREVIATION, body, short
from sphinx_protocols.importer.cover import COVER_KEYS, key
from sphinx_protocols.importer.definitions import define
from sphinx_protocols.importer.docx import Table
from sphinx_protocols.importer.draft import (
    DraftItem,
    Known,
    Markup,
    Names,
    ReaderState,
    escape,
    slug_id,
)
from sphinx_protocols.importer.signatures import is_signatures, signatory, signature_blocks

_ACTION_WORDS = {
    **{a.lower(): a for a in ACTIONS if a != "✓"},
    "information": "Inform",
    "informed": "Inform",
    "consultation": "Consult",
    "approval": "Approve",
    "assurance": "Assure",
    "noted": "Note",
}
_TIMING = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Spring|Summer|Autumn|Winter|annually|yearly|quarterly|monthly|"
    r"(?:six|6|twelve|12|three|3)[- ]monthly|every \w+ months?)\b",
    re.IGNORECASE,
)


def place(table: Table, reader: ReaderState) -> None:
    """Recognise one table and put what it says into the draft, or keep it as it is."""
    rows = [r for r in table.rows if any(c.strip() for c in r)]
    if not rows:
        return
    header = [key(c) for c in rows[0]]
    draft = reader.draft
    page = _recognised(rows, header, table, reader)
    if page:  # kept as the Word file gives it, for the officer to compare with what was made
        draft.keep(page, as_markdown(rows))
    elif page is None:
        reader.section.entries.append(as_markdown(rows))


def _recognised(
    rows: list[list[str]], header: list[str], table: Table, reader: ReaderState
) -> str | None:
    """What the table is, put into the draft: the page that keeps its copy, '' for none, None if
    unknown."""
    draft, names = reader.draft, reader.names
    if len(rows[0]) == 2 and is_signatures([key(r[0]) for r in rows]):
        signature_blocks(rows, table.where, reader)
        return "signatures"
    if sum(key(r[0]) in COVER_KEYS for r in rows) >= 2 and len(rows[0]) >= 2:
        for row in rows:
            what = COVER_KEYS.get(key(row[0]))
            value = next((c for c in row[1:] if c.strip()), "")
            if what and (value or what not in draft.cover):
                draft.cover[what] = value  # an empty date cell is kept: the date is 'blank'
        rows.insert(
            0, ["On the cover", "The Word file says"]
        )  # a key-value table has no header row
        return "index"
    if "version" in header and any("date" in h for h in header):
        draft.history = rows
        return "index"
    if is_signatures(header):
        for row in rows[1:]:
            signatory(dict(zip(header, row, strict=False)), table.where, reader)
        return "signatures"
    if "report" in header[0] and any(
        h in ("to", "recipient", "sent to", "receiving body") for h in header
    ):
        _report_list(header, rows[1:], table.where, reader)
        return "reporting"
    if _is_matrix(rows, names):
        _matrix(rows, table, reader)
        return "reporting"
    if (
        len(rows[0]) == 2
        and len(rows) > 1
        and all(ABBREVIATION.match(r[0].strip()) for r in rows[1:])
    ):
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
        action, rest = _ACTION_WORDS[word.group(0).lower()], cell[word.end() :]
    rest = rest.strip(" -–—:,.;")
    timing = ""
    if found := _TIMING.match(rest):
        timing, rest = found.group(0), rest[found.end() :].strip(" -–—:,.;")
    return action, timing, rest


def _is_matrix(rows: list[list[str]], names: Names) -> bool:
    columns = [c for c in rows[0][1:] if c.strip()]
    bodyish = [c for c in columns if names.lookup(c) or ABBREVIATION.match(c.strip())]
    actions = sum(parse_cell(c) is not None for r in rows[1:] for c in r[1:] if c.strip())
    return len(columns) >= 2 and len(bodyish) >= len(columns) - 1 and actions >= 1


def _matrix(rows: list[list[str]], table: Table, reader: ReaderState) -> None:
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
        filled = [
            (c, cell) for c, cell in zip(columns, row[1:], strict=False) if c and cell.strip()
        ]
        sender = producer or _named_producer(row[0], reader, [c for c, _ in filled])
        for column, cell in filled:
            _line(row[0].strip(), sender, column, cell, "", where, reader)


def _report_list(header: list[str], rows: list[list[str]], where: str, reader: ReaderState) -> None:
    def column(*words: str) -> int | None:
        return next((i for i, h in enumerate(header) if any(w in h for w in words)), None)

    at_from, at_to = (
        column("from", "by", "sender", "produced"),
        column("to", "recipient", "receiving"),
    )
    at_when, at_action = column("when", "timing", "frequency"), column("action", "for")
    for index, row in enumerate(rows, start=2):

        def cell(at: int | None, row: list[str] = row) -> str:
            return row[at].strip() if at is not None and at < len(row) else ""

        if not cell(0) or not cell(at_to):
            reader.section.entries.append(as_markdown([header, row]))
            continue
        recipient = body(cell(at_to), reader.names, reader)
        if cell(at_from):
            sender = body(cell(at_from), reader.names, reader)
        else:
            sender = _named_producer(cell(0), reader, [recipient])
        _line(
            cell(0),
            sender,
            recipient,
            cell(at_action) or "",
            cell(at_when),
            f"{where}, row {index}",
            reader,
        )


def _named_producer(name: str, reader: ReaderState, recipients: list[Known]) -> Known | None:
    """The body a report's name begins with ('NESAB annual report'), when the table gives no
    producer: a guess, which the report's 'imported: report' asks the officer to check. Not when
    the table sends the report to that body too: a report to its own producer would not build."""
    first = name.split()[0] if name.split() else ""
    found = reader.names.lookup(first) if ABBREVIATION.match(first) else None
    return None if found is None or any(r.id == found.id for r in recipients) else found


def _line(
    name: str,
    producer: Known | None,
    recipient: Known,
    cell: str,
    when: str,
    where: str,
    reader: ReaderState,
) -> None:
    draft, ids = reader.draft, reader.ids
    report = next(
        (
            r
            for r in draft.reports
            if r.title.lower() == name.lower()
            and r.links.get("produced_by") == [producer.id if producer else "tbc"]
        ),
        None,
    )
    if report is None:
        owner = producer.id if producer else "tbc"
        report = DraftItem(
            "report",
            ids.new("REP_", f"{short(producer) if producer else 'X'}_{slug_id(name, 3)}"),
            name,
            links={"produced_by": [owner]},
            imported=["report"],
            where=where,
            text=f"A report in the Word file's reporting table ({where}).",
        )
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
    line_id = ids.new("LINE_", f"{report.id.split('_', 2)[-1]}_{short(recipient)}")
    draft.lines.append(
        DraftItem(
            "reporting_line",
            line_id,
            f"{name} to the {recipient.abbreviation or recipient.title}",
            fields,
            links,
            imported=guesses,
            where=where,
        )
    )
