"""What `make conformance` relies on, on a small project: matrix header association, the theme
overrides, a needs.json a plain sphinx-needs project can import, and the checks' own verdicts."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from sphinx_protocols.interop import conf_snippet, needs_config
from sphinx_protocols.tools.conformance import Check
from sphinx_protocols.tools.conformance.axe import kind, one_of_each_kind
from sphinx_protocols.tools.conformance.needimport import round_trip

from conftest import build_root


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return build_root("test-clean", tmp_path_factory, confoverrides={"html_theme": "furo"})


class _Cells(HTMLParser):
    """The matrix table's header cells (by id) and data cells (with their headers attribute)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_matrix = False
        self.headers: dict[str, str] = {}  # id -> scope
        self.cells: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "table" and "protocols-matrix-table" in (a.get("class") or ""):
            self.in_matrix = True
        elif self.in_matrix and tag == "th":
            assert a.get("id") and a.get("scope"), f"a matrix header without id or scope: {a}"
            self.headers[a["id"]] = a["scope"]
        elif self.in_matrix and tag == "td":
            self.cells.append((a.get("headers") or "").split())

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.in_matrix = False


def test_every_matrix_cell_names_its_column_row_and_group_headers(clean) -> None:
    cells = _Cells()
    cells.feed((clean.outdir / "proto" / "index.html").read_text(encoding="utf-8"))
    assert cells.cells, "the matrix has data cells"
    for named in cells.cells:
        assert all(h in cells.headers for h in named), f"headers name a missing id: {named}"
        assert sorted(cells.headers[h] for h in named) == ["col", "row", "rowgroup"], named
    assert len(cells.headers) == len(set(cells.headers))


def test_theme_toggles_are_plain_checkboxes_and_search_has_a_button(clean) -> None:
    for page in ("index.html", "proto/index.html", "profiles/BODY_A.html"):
        html = (clean.outdir / page).read_text(encoding="utf-8")
        for tag in re.findall(r"<input[^>]*>", html):
            assert 'role="switch"' not in tag or "aria-checked" in tag, tag
        assert '<div class="sidebar-tree">' in html  # our copy of the theme's navigation
        form = re.search(
            r'<form class="sidebar-search-container[^"]*"[^>]*role="search">(.*?)</form>',
            html,
            re.DOTALL,
        )
        assert form and '<button type="submit"' in form.group(1)
        assert 'rel="shortcut icon"' in html or 'rel="icon"' in html
    assert (clean.outdir / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_profile_pages_never_link_to_themselves(clean) -> None:
    for page in (clean.outdir / "profiles").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        at = html.find('href=""')
        assert at < 0, f"{page.name}: {html[at - 300 : at + 50]}"


def test_needs_json_imports_into_a_plain_sphinx_needs_project(clean) -> None:
    check = round_trip(clean.outdir / "needs.json")
    assert check.unavailable == ""
    assert check.error_count == 0, check.details
    published = re.match(r"(\d+) items published, (\d+) read back", check.looked_at)
    assert published and published.group(1) == published.group(2) != "0"


def test_the_round_trip_fails_on_a_needs_json_with_our_layout_names(clean, tmp_path) -> None:
    data = json.loads((clean.outdir / "needs.json").read_text(encoding="utf-8"))
    for need in data["versions"][data["current_version"]]["needs"].values():
        need["layout"] = f"protocols_{need['type']}"  # what needs.json held before
    (tmp_path / "needs.json").write_text(json.dumps(data), encoding="utf-8")
    check = round_trip(tmp_path / "needs.json")
    assert check.error_count > 0
    assert any("protocols_" in line for line in check.details), check.details


def test_the_interop_snippet_is_plain_python_with_the_same_settings() -> None:
    tree = ast.parse(
        conf_snippet()
    )  # what a user pastes into conf.py: assignments of plain literals
    assert all(isinstance(node, ast.Assign) for node in tree.body)
    settings = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}
    assert settings == needs_config()
    expected = settings
    assert {t["directive"] for t in expected["needs_types"]} >= {"body", "role", "duty", "report"}


def test_one_page_of_each_kind_for_the_narrow_and_wide_widths() -> None:
    pages = [
        "index.html",
        "profiles/BODY_A.html",
        "profiles/BODY_B.html",
        "a/bodies.html",
        "b/bodies.html",
        "a/index.html",
        "findings.html",
    ]
    assert kind("profiles/BODY_B.html") == "profile" and kind("b/bodies.html") == "bodies.html"
    assert one_of_each_kind(pages) == [
        "index.html",
        "profiles/BODY_A.html",
        "a/bodies.html",
        "a/index.html",
        "findings.html",
    ]


def test_a_check_reports_counts_per_message_and_fails_when_it_could_not_run() -> None:
    check = Check(
        "x", errors=Counter({"div not allowed as child of span": 3, "input needs aria-checked": 1})
    )
    lines = check.report(top=1)
    assert lines[0].startswith("x: : 4 error(s)") and "3  div not allowed" in lines[1]
    assert "1 other message" in lines[2]
    assert Check("y", unavailable="Java is not installed").report() == [
        "y: could not run: Java is not installed"
    ]
