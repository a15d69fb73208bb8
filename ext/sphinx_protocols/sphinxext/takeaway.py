"""What partners take away from the site: Excel and CSV tables, calendars, and links to the PDFs.

The files are written beside the pages that link to them. Their timestamps come from the build
date (SOURCE_DATE_EPOCH when set), so the same protocols always give the same files.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from sphinx_protocols.core import reporting_calendar as cal
from sphinx_protocols.core import spreadsheet as sheets
from sphinx_protocols.core.matrix import Matrix, build_matrix
from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.views import profiled
from sphinx_protocols.pdf.document import SIGNATURES_SUFFIX, protocol_filenames
from sphinx_protocols.sphinxext.checks import build_date, get_partnership
from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.state import get_state
from sphinx_protocols.sphinxext.templating import PROFILE_DIR, environment

WORKBOOK = "partnership-workbook.xlsx"
PDF_DIR = "pdf"


def stamp_time() -> dt.datetime:
    """The moment written into files: SOURCE_DATE_EPOCH when set, else the build date at 00:00."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.combine(build_date(), dt.time(0), dt.UTC)


def slug(item_id: str) -> str:
    return item_id.lower().replace("_", "-")


def writes(app: Sphinx) -> bool:
    """Whether this build writes the site (not the PDFs, which take none of these files)."""
    return app.builder.format == "html" and app.builder.name != "pdf"


def _write(app: Sphinx, docname: str, name: str, data: bytes) -> str:
    """Write a file into the page's folder; the link to it, relative to the page."""
    target = Path(app.outdir, posixpath.dirname(docname), name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return name


def _relative(fromdoc: str, path: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(fromdoc) or ".")


def matrix_downloads(
    app: Sphinx, docname: str, matrix: Matrix, number: int
) -> list[tuple[str, str]]:
    """The matrix as Excel (one row per report and recipient) and as CSV (the grid as shown)."""
    config = get_config(app.env)
    if not config.matrix_csv or not writes(app):
        return []
    p = get_partnership(app)
    base = f"{slug(matrix.protocol)}-reporting-matrix{f'-{number}' if number > 1 else ''}"
    xlsx = sheets.to_xlsx([sheets.matrix_sheet(matrix, p)], stamp_time(), config.partnership)
    grid = sheets.to_csv(sheets.grid_sheet(matrix, p))
    return [
        ("Excel", _write(app, docname, f"{base}.xlsx", xlsx)),
        ("CSV", _write(app, docname, f"{base}.csv", grid)),
    ]


def table_downloads(
    app: Sphinx, docname: str, view: str, protocol: Item | None
) -> list[tuple[str, str]]:
    """The duty register or the body list as Excel and CSV; the body list adds the workbook."""
    config = get_config(app.env)
    if not config.matrix_csv or not writes(app):
        return []
    p = get_partnership(app)
    if view == "duty-register" and protocol is not None:
        sheet, base = sheets.duty_sheet(p, protocol.id), f"{slug(protocol.id)}-duty-register"
    elif view == "body-index":
        sheet, base = sheets.body_sheet(p), "bodies"
    else:
        return []
    xlsx = sheets.to_xlsx([sheet], stamp_time(), config.partnership)
    links = [
        ("Excel", _write(app, docname, f"{base}.xlsx", xlsx)),
        ("CSV", _write(app, docname, f"{base}.csv", sheets.to_csv(sheet))),
    ]
    if view == "body-index":
        links.append(("the whole partnership in one workbook", _relative(docname, WORKBOOK)))
    return links


def partnership_workbook(p: Partnership) -> list[sheets.Sheet]:
    """A sheet of reporting lines and one of duties per protocol, then the body list.

    Excel allows 31 characters in a sheet's name, so each is named after the protocol's folder.
    """
    result = []
    for protocol_id, name in protocol_filenames(p).items():
        protocol = p[protocol_id]
        tab = protocol.abbreviation or name.replace("-", " ").capitalize()  # the folder: "Bristol"
        matrix = build_matrix(p, protocol.id)
        result.append(sheets.matrix_sheet(matrix, p, f"{tab[:20]} reporting"))
        result.append(sheets.duty_sheet(p, protocol.id, f"{tab[:21]} duties"))
    result.append(sheets.body_sheet(p))
    return result


def calendar_href(fromdoc: str, item: Item) -> str:
    """Where an item's reporting calendar is, from a page: a protocol's, or a body's."""
    if item.type == "protocol":
        folder = posixpath.dirname(item.docname)
        return _relative(fromdoc, posixpath.join(folder, f"{slug(item.id)}-reporting-calendar.ics"))
    return _relative(fromdoc, f"{PROFILE_DIR}/{item.id}.ics")


def pdf_hrefs(app: Sphinx, fromdoc: str, protocol: Item) -> list[tuple[str, str]]:
    """The protocol's PDF and its signature page PDF, when the publishing workflow makes them."""
    if not get_config(app.env).pdf_links:
        return []
    name = protocol_filenames(get_partnership(app))[protocol.id]
    return [
        ("the protocol as a PDF", _relative(fromdoc, f"{PDF_DIR}/{name}.pdf")),
        (
            "its signature page as a PDF",
            _relative(fromdoc, f"{PDF_DIR}/{name}{SIGNATURES_SUFFIX}.pdf"),
        ),
    ]


def _write_calendars(app: Sphinx, exception: Exception | None) -> None:
    """Every protocol's and every profiled body's calendar, and the partnership workbook."""
    if exception is not None or not writes(app) or get_state(app).partnership is None:
        return
    p = get_partnership(app)
    year, stamp, name = build_date().year, stamp_time(), get_config(app.env).partnership
    out = Path(app.outdir)
    if get_config(app.env).matrix_csv:
        (out / WORKBOOK).write_bytes(sheets.to_xlsx(partnership_workbook(p), stamp, name))
    for protocol in p.protocols:
        target = out / calendar_href("index", protocol)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(
            cal.to_ics(
                p,
                cal.dues(p, year, protocol=protocol.id),
                f"{protocol.short}: reports due in {year}",
                name,
                stamp,
            )
        )
    (out / PROFILE_DIR).mkdir(parents=True, exist_ok=True)
    for item in profiled(p):
        dues = cal.dues(p, year, body=item.id)
        (out / PROFILE_DIR / f"{item.id}.ics").write_bytes(
            cal.to_ics(p, dues, f"{item.short}: reports due in {year}", name, stamp)
        )


def _protocol_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On a protocol's own page, what to take away: its PDFs, its calendar, the workbook."""
    if "body" not in context or not writes(app):
        return
    p = get_partnership(app)
    protocol = next((x for x in p.protocols if x.docname == pagename), None)
    if protocol is None:
        return
    links = [
        *pdf_hrefs(app, pagename, protocol),
        ("the reports due this year, for your calendar", calendar_href(pagename, protocol)),
    ]
    if get_config(app.env).matrix_csv:
        links.append(("the partnership workbook (Excel)", _relative(pagename, WORKBOOK)))
    template = environment(app).get_template("protocols/take-away.html")
    context["body"] += template.render(links=links)


def setup_takeaway(app: Sphinx) -> None:
    app.connect("build-finished", _write_calendars)
    app.connect("html-page-context", _protocol_links, priority=450)  # before the version block
