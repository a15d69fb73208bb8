"""A build never changes the sources, gives the same bytes twice, and recovers from being killed.

Issue 16, part 6: the HTML and PDF trees of two builds with SOURCE_DATE_EPOCH are byte for byte
the same; no build, PDF or check touches a file of the project; and a build killed at any moment
leaves a folder from which the next build makes exactly what a fresh build makes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sphinx_protocols.pdf.weasy import available

from conftest import ROOTS

EPOCH = {"SOURCE_DATE_EPOCH": "1764633600"}  # 2 December 2025


def _tree(folder: Path, skip: tuple[str, ...] = (".doctrees",)) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not set(skip) & set(p.relative_to(folder).parts)
    }


def _command(builder: str, src: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", builder, "-q", str(src), str(out)]


def _build(builder: str, src: Path, out: Path) -> None:
    result = subprocess.run(_command(builder, src, out), capture_output=True, text=True,
                            env={**os.environ, **EPOCH}, check=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def _project(tmp_path: Path, root: str) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / root, src)
    return src


def test_two_html_builds_are_the_same_bytes_and_the_sources_are_untouched(tmp_path) -> None:
    src = _project(tmp_path, "test-clean")
    before = _tree(src)
    _build("html", src, tmp_path / "one")
    _build("html", src, tmp_path / "two")
    assert subprocess.run([sys.executable, "-m", "sphinx_protocols.cli", "check", str(src)],
                          capture_output=True, check=False).returncode in (0, 1)
    assert _tree(src) == before
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert any(name.endswith(".xlsx") for name in one)  # the spreadsheets too
    assert one == two


@pytest.mark.skipif(bool(available()), reason="WeasyPrint cannot run here")
def test_two_pdf_builds_are_the_same_bytes(tmp_path) -> None:
    src = _project(tmp_path, "test-pdf")
    before = _tree(src)
    _build("pdf", src, tmp_path / "one")
    _build("pdf", src, tmp_path / "two")
    assert _tree(src) == before
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert [n for n in one if n.endswith(".pdf")] and one == two


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_build_killed_part_way_is_put_right_by_the_next(tmp_path, how) -> None:
    src = _project(tmp_path, "test-clean")
    _build("html", src, tmp_path / "fresh")
    out = tmp_path / "out"
    for delay in (0.5, 1.5, 3.0):  # reading, writing, finishing: wherever it has got to
        running = subprocess.Popen(_command("html", src, out), env={**os.environ, **EPOCH},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        running.send_signal(how)
        running.wait(timeout=60)
        _build("html", src, out)
        assert _tree(out, skip=(".doctrees", ".buildinfo")) == _tree(
            tmp_path / "fresh", skip=(".doctrees", ".buildinfo")
        )
