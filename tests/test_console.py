"""What an ordinary build prints: a short plain-English summary, and errors called errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOTS

SPHINX = Path(sys.executable).with_name("sphinx-build")


def _build(tmp_path: Path, root: str, *options: str) -> list[str]:
    """Build as `make html` does (``-q``), unless ``options`` ask for the details (``-v``)."""
    source = tmp_path / root
    shutil.copytree(ROOTS / root, source)
    quiet = [] if "-v" in options else ["-q"]
    done = subprocess.run(
        [
            str(SPHINX),
            "-b",
            "html",
            *quiet,
            "--keep-going",
            *options,
            str(source),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    return (done.stdout + done.stderr).splitlines()


def test_an_ordinary_build_prints_a_short_summary_only(tmp_path) -> None:
    lines = _build(tmp_path, "test-clean")
    assert lines[0] == "Built 7 pages for the public in out: open out/index.html."
    assert lines[1] == "No errors."
    assert lines[2] == "1 finding for review: `make check` lists them (or build with -v)."
    assert len(lines) == 3, lines
    text = "\n".join(lines)
    assert (
        "MdParserConfig" not in text and "Validated" not in text and "reading sources" not in text
    )


def test_the_summary_counts_errors_as_errors(tmp_path) -> None:
    lines = _build(tmp_path, "test-broken")
    warnings = [line for line in lines if "WARNING" in line]
    assert warnings
    assert any(
        line.startswith(f"{len(warnings)} errors: each is listed above") for line in lines
    ), lines
    assert not any("build succeeded" in line for line in lines)


def test_details_on_request(tmp_path) -> None:
    lines = _build(tmp_path, "test-findings", "-v")
    assert any("Protocol checks:" in line for line in lines)
    assert any(": finding: " in line for line in lines)
