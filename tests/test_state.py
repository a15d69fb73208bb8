"""One build state: pages follow what they show from outside their sources, incrementally."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_protocols.sphinxext.checks import get_findings
from sphinx_protocols.sphinxext.state import get_state
from sphinx_protocols.tools import dot

from conftest import ROOTS

RESULTS = {"checked_on": "2026-01-05", "browser": "Chromium 120", "axe_version": "4.10.2",
           "pages": [{"page": "index.html", "violations": []}], "violation_count": 0,
           "advice_count": 0}


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOTS / name, target)
    return target


def _build(srcdir: Path, **kwargs) -> SphinxTestApp:
    """Build in place, keeping _build between calls, as `make html` run twice does."""
    app = SphinxTestApp("html", srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def _read(app: SphinxTestApp) -> str:
    """The 'reading sources...' part of the console output, colours stripped."""
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return status.split("looking for now-outdated files")[0]


def test_the_statement_follows_the_results_file_outside_git(tmp_path) -> None:
    project = _copy("test-statement", tmp_path)
    first = _build(project)
    assert "has not yet been checked in a browser" in (first.outdir / "index.html").read_text()
    (project / "accessibility-results.json").write_text(json.dumps(RESULTS), encoding="utf-8")
    second = _build(project)
    page = (second.outdir / "index.html").read_text()
    assert "Every page was last checked on <strong>5 January 2026</strong>" in page
    assert "Pages checked: 1" in page
    third = _build(project)  # nothing changed since: nothing is read again
    assert "index" not in _read(third)
    RESULTS["checked_on"] = "2026-02-01"
    (project / "accessibility-results.json").write_text(json.dumps(RESULTS), encoding="utf-8")
    fourth = _build(project)
    assert "<strong>1 February 2026</strong>" in (fourth.outdir / "index.html").read_text()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_the_diagram_is_drawn_once_graphviz_is_installed(tmp_path, monkeypatch) -> None:
    project = _copy("test-diagram", tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(dot.shutil, "which", lambda name: None)
        first = _build(project)
    assert "The diagram is not drawn on this build" in (first.outdir / "index.html").read_text()
    second = _build(project)
    page = (second.outdir / "index.html").read_text()
    assert '<img src="_images/prot-d-accountability.svg"' in page
    assert "The diagram is not drawn" not in page
    third = _build(project)
    assert "index" not in _read(third)


def test_parallel_reading_finds_the_same(tmp_path) -> None:
    serial = _build(_copy("test-findings", tmp_path / "serial"))
    parallel = _build(_copy("test-findings", tmp_path / "parallel"), parallel=2)
    assert get_state(parallel).findings is not None
    assert get_findings(parallel) == get_findings(serial)
    assert parallel.warning.getvalue().count("WARNING") == serial.warning.getvalue().count(
        "WARNING"
    )
