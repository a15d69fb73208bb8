"""What partners take away: Excel and CSV tables, the timing parser, calendars and forward plans."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from icalendar import Calendar

from sphinx_protocols.core import reporting_calendar as cal
from sphinx_protocols.core import spreadsheet as sheets
from sphinx_protocols.core.matrix import build_matrix
from sphinx_protocols.core.rules import run_rules
from sphinx_protocols.core.timing import occurrences, parse

from conftest import build_root, item, partnership

WHEN = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def _site(timing: str = "October", note: str = "Reflect it in the strategy"):
    return partnership(
        item("BODY_A", "body", "Alpha Board", abbreviation="AB"),
        item("BODY_B", "body", "Beta Board", abbreviation="BB"),
        item("LAW_CA", "statute", "Children Act 2004", provision="section 14"),
        item("REP_A", "report", "Annual Report", produced_by=["BODY_A"], basis=["LAW_CA"]),
        item(
            "LINE_A_B",
            "reporting_line",
            "Annual report to Beta",
            report=["REP_A"],
            recipient=["BODY_B"],
            action="Inform",
            timing=timing,
            note=note,
        ),
        item(
            "DUTY_A",
            "duty",
            "Publish an annual report",
            owner=["BODY_A"],
            modality="must",
            basis=["LAW_CA"],
        ),
    )


def test_matrix_workbook_has_real_columns_a_frozen_header_and_a_filter() -> None:
    p = _site()
    data = sheets.to_xlsx([sheets.matrix_sheet(build_matrix(p, "PROT_T"), p)], WHEN, "Test")
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book.active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["Report", "From", "To", "Action", "Timing", "Note", "Legal basis"]
    assert rows[1] == [
        "Annual Report",
        "Alpha Board",
        "Beta Board",
        "Inform",
        "October",
        "Reflect it in the strategy",
        "Children Act 2004, section 14",
    ]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G2"
    assert ws["A1"].font.bold


def test_workbook_has_a_sheet_per_table_with_excel_safe_names() -> None:
    sheet = sheets.Sheet("A very long protocol name: with [brackets] and more", ("X",), [["1"]])
    data = sheets.to_xlsx([sheet, sheet], WHEN)
    names = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert len(names) == 2 and len(set(map(str.lower, names))) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_workbook_bytes_are_reproducible() -> None:
    p = _site()
    first = sheets.to_xlsx([sheets.body_sheet(p)], WHEN)
    again = sheets.to_xlsx([sheets.body_sheet(p)], WHEN)
    assert first == again
    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.properties.created == dt.datetime(2026, 3, 1)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_formula_cells_get_a_leading_apostrophe_in_csv_and_xlsx(text: str) -> None:
    p = _site(note=text)
    sheet = sheets.matrix_sheet(build_matrix(p, "PROT_T"), p)
    assert (
        list(csv.reader(io.StringIO(sheets.to_csv(sheet).decode("utf-8-sig"))))[1][5] == "'" + text
    )
    ws = openpyxl.load_workbook(io.BytesIO(sheets.to_xlsx([sheet], WHEN))).active
    assert ws["F2"].value == "'" + text and ws["F2"].data_type == "s"


def test_plain_text_is_left_alone_by_the_guard() -> None:
    assert sheets.guard("Inform – October") == "Inform – October"
    assert sheets.guard("") == ""


def test_csv_has_a_byte_order_mark_so_excel_reads_utf8() -> None:
    p = _site(timing="Autumn")
    data = sheets.to_csv(sheets.matrix_sheet(build_matrix(p, "PROT_T"), p))
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Inform" in data.decode("utf-8-sig")
    grid = sheets.to_csv(sheets.grid_sheet(build_matrix(p, "PROT_T"), p)).decode("utf-8-sig")
    assert "Inform – Autumn" in grid  # the grid as the page shows it


TIMINGS = [
    ("October", "months", ["2026-10-31"]),
    ("annually in October", "months", ["2026-10-31"]),
    ("Q2", "months", ["2026-06-30"]),
    ("autumn", "months", ["2026-11-30"]),
    ("quarterly", "cadence", ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]),
    (
        "regularly (analysed quarterly)",
        "cadence",
        ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"],
    ),
    ("6-monthly", "cadence", ["2026-06-30", "2026-12-31"]),
    ("three a year", "cadence", ["2026-04-30", "2026-08-31", "2026-12-31"]),
    (
        "monthly",
        "cadence",
        [
            f"2026-{m:02d}-{d}"
            for m, d in zip(
                range(1, 13), [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], strict=True
            )
        ],
    ),
    ("annually", "cadence", []),
    ("19 June 2026", "dated", ["2026-06-19"]),
    ("19 June 2019", "dated", []),
    ("within 2 weeks of the meeting", "relative", []),
    ("each meeting", "meeting", []),
    ("at each HIPS Executive meeting (standing item)", "meeting", []),
    ("until the STP is fully established", "event", []),
]


@pytest.mark.parametrize(("text", "kind", "due"), TIMINGS, ids=[t[0] for t in TIMINGS])
def test_timings_are_parsed_into_a_kind_and_dates(text: str, kind: str, due: list[str]) -> None:
    timing = parse(text)
    assert timing is not None and timing.kind == kind
    assert [o.end.isoformat() for o in occurrences(timing, 2026)] == due


@pytest.mark.parametrize("text", ["regularly", "soon", "as the chair sees fit", "31 February 2026"])
def test_unreadable_timings_are_none(text: str) -> None:
    assert parse(text) is None


def test_an_unreadable_timing_is_a_finding_on_its_option_line() -> None:
    found = [f for f in run_rules(_site(timing="regularly")) if f.rule == "F21"]
    assert len(found) == 1 and found[0].field == "timing" and found[0].severity == "finding"
    assert "'regularly'" in found[0].message and "quarterly" in found[0].message
    assert not [f for f in run_rules(_site()) if f.rule == "F21"]


def test_calendar_events_are_all_day_deadlines_with_stable_ids() -> None:
    p = _site(timing="quarterly")
    data = cal.to_ics(p, cal.dues(p, 2026, body="BODY_B"), "BB", "Test partnership", WHEN)
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [e.decoded("dtstart").isoformat() for e in events] == [
        "2026-03-31",
        "2026-06-30",
        "2026-09-30",
        "2026-12-31",
    ]
    assert str(events[0]["summary"]) == "Due: Annual Report from AB to BB"
    assert str(events[0]["uid"]) == "line_a_b-body-b-2026-03-31@test-partnership"
    assert data == cal.to_ics(p, cal.dues(p, 2026, body="BODY_B"), "BB", "Test partnership", WHEN)


def test_forward_plan_puts_sends_and_receives_in_their_months() -> None:
    p = _site(timing="Q2 and October")
    plan = cal.forward_plan(p, "BODY_A", 2026)
    assert [m.name for m in plan.months if m.sends] == ["June", "October"]
    assert not any(m.receives for m in plan.months)
    assert [m.name for m in cal.forward_plan(p, "BODY_B", 2026).months if m.receives] == [
        "June",
        "October",
    ]
    standing = cal.forward_plan(_site(timing="each meeting"), "BODY_A", 2026).standing_sends
    assert [s.describe for s in standing] == ["at each meeting"]


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return build_root("test-clean", tmp_path_factory)


def test_build_writes_the_tables_and_links_them_from_the_pages(clean) -> None:
    out = clean.outdir
    page = (out / "proto" / "index.html").read_text()
    assert 'href="prot-t-reporting-matrix.xlsx" download>Excel</a>' in page
    assert 'href="prot-t-duty-register.xlsx" download>Excel</a>' in page
    assert (out / "proto" / "prot-t-reporting-matrix.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    book = openpyxl.load_workbook(out / "partnership-workbook.xlsx")
    assert book.sheetnames == ["Proto reporting", "Proto duties", "Bodies"]
    assert 'href="bodies.xlsx" download>Excel</a>' in (out / "bodies.html").read_text()


def test_build_writes_calendars_and_the_forward_plan(clean) -> None:
    out = clean.outdir
    body = Calendar.from_ical((out / "profiles" / "BODY_B.ics").read_bytes())
    assert [str(e["summary"]) for e in body.walk("VEVENT")] == ["Due: Annual Report from AB to BB"]
    assert (out / "proto" / "prot-t-reporting-calendar.ics").is_file()
    profile = (out / "profiles" / "BODY_A.html").read_text()
    assert "Forward plan for" in profile and 'href="BODY_A.ics" download' in profile
    assert (
        'href="prot-t-reporting-calendar.ics" download'
        in (out / "proto" / "index.html").read_text()
    )


def test_protocol_pages_link_to_the_pdfs_only_when_they_are_published(
    clean, tmp_path_factory
) -> None:
    assert ".pdf" not in (clean.outdir / "proto" / "index.html").read_text()
    published = build_root(
        "test-clean", tmp_path_factory, confoverrides={"protocols_pdf_links": True}
    )
    page = (published.outdir / "proto" / "index.html").read_text()
    assert 'href="../pdf/proto.pdf" download>Download the protocol as a PDF</a>' in page
    assert (
        'href="../pdf/proto-signatures.pdf" download>Download its signature page as a PDF</a>'
        in page
    )
