"""Every malformed-input case: no traceback, one clear located message first, and `protocols
check` and `make html` (sphinx-build -W) agree on the exit status and on that message."""

from __future__ import annotations

import os

import pytest
from cases import CASES, Case
from corpus import make_project, run_build, run_check

from conftest import SUMMARY

SLOW = os.environ.get("PROTOCOLS_SLOW") == "1"
#: per case run: (crashed, passed), for the figures printed at the end and shown in the guide
RESULTS: dict[str, tuple[bool, bool]] = {}


@pytest.fixture(scope="module", autouse=True)
def _figures():
    yield
    if not RESULTS:
        return
    passed = sum(ok for _, ok in RESULTS.values())
    crashed = sum(crash for crash, _ in RESULTS.values())
    SUMMARY.append(
        f"Malformed-input corpus: {len(RESULTS)} cases, {passed} with the expected clear "
        f"message first (or none, where the input is fine), tracebacks: {crashed}."
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, tmp_path) -> None:
    if case.slow and not SLOW:
        pytest.skip("slow: run with PROTOCOLS_SLOW=1")
    project = make_project(case.edits, tmp_path / "project")
    check = run_check(project)
    build = run_build(project, tmp_path / "html")
    RESULTS[case.name] = (check.crashed or build.crashed, False)
    assert not check.crashed, check.text
    assert not build.crashed, build.text
    assert (check.status, build.status) == (case.status, case.status), (check.text, build.text)
    assert check.first == build.first, (check.text, build.text)
    if case.status == 0:
        assert check.messages == [], check.text
    else:
        assert case.text in check.first
        if case.rule:
            assert check.first.endswith(f"[protocols.{case.rule}]"), check.first
        assert check.where() == (case.file, case.line), check.first
    RESULTS[case.name] = (False, True)


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 80
    assert len({c.name for c in CASES}) == len(CASES)


def test_make_html_reports_a_broken_conf_py_given_a_relative_path(tmp_path, monkeypatch, capsys):
    """`make html` runs the build wrapper with 'protocols', a path relative to the checkout."""
    from corpus import append

    from sphinx_protocols.cli.build import main

    make_project((append("protocols_strict = (\n", "conf.py"),), tmp_path / "protocols")
    monkeypatch.chdir(tmp_path)
    assert main(["-b", "html", "-q", "protocols", "out"]) == 2
    assert capsys.readouterr().err.startswith("protocols/conf.py:3: ERROR: conf.py cannot be run")


def test_a_label_line_before_an_item_links_to_it(tmp_path) -> None:
    """The label gets its own anchor before the item, and the item's anchor stays unique."""
    from corpus import append, replace

    edits = (
        replace(":::{duty} Publish", "(my-target)=\n:::{duty} Publish"),
        append("\nSee [the duty](my-target).\n"),
    )
    project = make_project(edits, tmp_path / "project")
    assert run_build(project, tmp_path / "html").status == 0
    html = (tmp_path / "html" / "proto" / "index.html").read_text(encoding="utf-8")
    assert '<span class="target" id="my-target"></span><div class="protocols-item' in html
    assert html.count('id="DUTY_A"') == 1 and 'href="#my-target"' in html


def test_an_item_text_and_files_outside_are_published_as_written_or_not_at_all(tmp_path) -> None:
    """P41 and P42 leave nothing of what was refused in the site: no file's text, no copy of a
    picture, and a clause's text as written, never run as a template."""
    from corpus import append, replace, write

    edits = (
        write("../outside.txt", "Text from elsewhere.\n"),
        write("../pic.png", "not a picture"),
        replace(":modality: must\n", ":modality: must\n:jinja_content: true\n\nSeven sevens: "
                "{{ 7 * 7 }}.\n"),
        append("\n```{include} ../../outside.txt\n```\n\n![A picture](../../pic.png)\n\n"
               "[the notes](../../outside.txt)\n"),
    )
    project = make_project(edits, tmp_path / "project")
    assert run_build(project, tmp_path / "html").status == 1
    site = tmp_path / "html"
    html = (site / "proto" / "index.html").read_text(encoding="utf-8")
    assert "Seven sevens: {{ 7 * 7 }}." in html and "Seven sevens: 49" not in html
    assert "A picture" in html and "the notes" in html
    published = [p for p in site.rglob("*") if p.is_file()]
    assert not any(b"Text from elsewhere" in p.read_bytes() for p in published)
    assert not any(p.name == "pic.png" for p in published)
