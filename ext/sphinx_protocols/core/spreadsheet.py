"""The matrix, the duty register and the body list as tables partners open in Excel.

Each table has real columns (one fact per cell), so a partner can filter by recipient or sort by
timing. CSV is written with a byte-order mark, because Excel reads a CSV without one in the
Windows code page ("â€“" for "–"). A cell that starts with = + - @ (or a tab or return) would be
run as a formula by a spreadsheet, so it gets a leading apostrophe, in CSV and in XLSX alike;
a control character, which an XLSX file cannot hold, becomes a space in both.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sphinx_protocols.core.matrix import Matrix
from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.views import duty_register, profiled

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Control characters no XLSX file can hold (XML forbids them): openpyxl refuses the whole
#: workbook. Word's manual line break pastes into a title as one (a vertical tab, \x0b).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MATRIX_HEADER = ("Report", "From", "To", "Action", "Timing", "Note", "Legal basis")
DUTY_HEADER = ("Duty", "Owner", "How binding", "How often", "Clause", "Legal basis")
BODY_HEADER = ("Name", "Type", "Abbreviation", "Kind", "Statutory", "Protocols")


@dataclass
class Sheet:
    """One table: a name (the sheet's tab), a header row and the rows under it."""

    name: str
    header: Sequence[str]
    rows: list[list[str]]


def guard(value: str) -> str:
    """A cell's text, made safe from running as a formula in a spreadsheet, each control
    character a space (so one pasted into a title cannot stop the build)."""
    value = _CONTROL.sub(" ", value)
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _legal_basis(p: Partnership, *items: Item | None) -> str:
    laws: dict[str, None] = {}
    for item in items:
        for law in p.outgoing(item.id, "basis") if item is not None else []:
            provision = law.get("provision")
            laws.setdefault(
                f"{law.label}, {provision}"
                if provision and provision not in law.label
                else law.label,
                None,
            )
    return "; ".join(laws)


def matrix_sheet(matrix: Matrix, p: Partnership, name: str = "") -> Sheet:
    """One row per report and recipient, in the matrix's order."""
    rows = []
    for group in matrix.groups:
        for row in group.rows:
            for column in matrix.columns:
                for cell in row.cells.get(column, []):
                    rows.append(
                        [
                            row.report.label,
                            p.label(group.sender),
                            p.label(column),
                            cell.action,
                            cell.timing,
                            cell.note,
                            _legal_basis(p, row.report, p.get(cell.line_id)),
                        ]
                    )
    return Sheet(name or p.short(matrix.protocol), MATRIX_HEADER, rows)


def grid_sheet(matrix: Matrix, p: Partnership) -> Sheet:
    """The matrix as the page shows it: one row per report, one column per receiving body."""
    rows = [
        [
            p.short(group.sender),
            row.report.label,
            *["; ".join(c.text for c in row.cells.get(col, [])) for col in matrix.columns],
        ]
        for group in matrix.groups
        for row in group.rows
    ]
    return Sheet(p.short(matrix.protocol), ("From", "Report", *map(p.short, matrix.columns)), rows)


def duty_sheet(p: Partnership, protocol: str, name: str = "") -> Sheet:
    rows = [
        [
            duty.label,
            p.label(group.owner) if group.owner else "",
            duty.get("modality"),
            duty.get("cadence"),
            duty.get("clause"),
            _legal_basis(p, duty),
        ]
        for group in duty_register(p, protocol)
        for duty in group.duties
    ]
    return Sheet(name or p.short(protocol), DUTY_HEADER, rows)


def body_sheet(p: Partnership) -> Sheet:
    rows = [
        [
            item.label,
            item.type_title,
            item.abbreviation,
            item.get("kind"),
            item.get("statutory"),
            "; ".join(x.label for x in p.protocols_of(item.id)),
        ]
        for item in profiled(p)
    ]
    return Sheet("Bodies", BODY_HEADER, rows)


def to_csv(sheet: Sheet) -> bytes:
    """The sheet as CSV in UTF-8 with a byte-order mark, every cell guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([guard(h) for h in sheet.header])
    writer.writerows([guard(v) for v in row] for row in sheet.rows)
    return out.getvalue().encode("utf-8-sig")


_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(sheets: Sequence[Sheet]) -> list[str]:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    names: list[str] = []
    for sheet in sheets:
        base = _BAD_NAME.sub(" ", sheet.name).strip()[:31] or "Sheet"
        name, number = base, 2
        while name.lower() in (n.lower() for n in names):
            suffix = f" ({number})"
            name, number = base[: 31 - len(suffix)] + suffix, number + 1
        names.append(name)
    return names


def to_xlsx(sheets: Sequence[Sheet], when: dt.datetime, title: str = "") -> bytes:
    """A workbook with a tab per sheet: bold frozen header, a filter on every column.

    ``when`` is written as the workbook's created and modified time and as the time of every
    file inside it, so the same protocols always give the same bytes.
    """
    book = Workbook()
    book.remove(book.active)
    for sheet, name in zip(sheets, _sheet_names(sheets), strict=True):
        ws = book.create_sheet(name)
        ws.append([guard(h) for h in sheet.header])
        for row in sheet.rows:
            ws.append([guard(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        last = get_column_letter(len(sheet.header))
        ws.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 2)}"
        for index, heading in enumerate(sheet.header, 1):
            longest = max((len(r[index - 1]) for r in sheet.rows), default=0)
            ws.column_dimensions[get_column_letter(index)].width = min(
                max(len(heading), longest) + 2, 60
            )
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if not sheets:
        book.create_sheet("Empty")
    naive = when.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    book.properties.created = book.properties.modified = naive
    book.properties.creator = book.properties.lastModifiedBy = title or "sphinx-protocols"
    book.properties.title = title
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue(), naive)


_MODIFIED = re.compile(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same archive with every member dated ``when`` (zip keeps local times, from 1980)."""
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            member = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl dates 'modified' at saving time
                dated = rf"\g<1>{when:%Y-%m-%dT%H:%M:%SZ}\2"
                member = _MODIFIED.sub(dated, member.decode("utf-8")).encode("utf-8")
            target.writestr(fixed, member)
    return out.getvalue()
