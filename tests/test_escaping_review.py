"""The review pack escapes what git and the authors put in it: tag names, tag and commit messages,
a changed clause's title and text, and the name and capacity of a signature it makes stale.

A temporary repository has a signed first version and a hostile second one, each tagged with a
name git allows but HTML does not (quotes, angle brackets, a backtick); `protocols diff` compares
the tags and `make review`'s two builds make the partners' site and the pack's PDF. Every page is
opened in real Chromium.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_protocols.cli import main
from sphinx_protocols.pdf.weasy import available
from sphinx_protocols.tools import a11y

from conftest import ROOTS, git
from hostile import pdf_dangers, pdf_text, skip_without_pdf_tools, text_in_browser, what_ran

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not Path(a11y.chromium_path()).exists(), reason="Chromium is not installed"),
]
pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

OLD_TAG = "proto/<script>window.__ran='old-tag'</script>"
NEW_TAG = "proto/V2\"'><svg/onload=window.__ran='new-tag'>`$(id)`;"
COMMIT = "<img src=x onerror=\"window.__ran='commit'\"> and \"><script>alert(1)</script>"
TITLE = "Publish <img src=x onerror=\"window.__ran='title'\"> report"
NOTE = "<script>window.__ran='note'</script> ' onmouseover='window.__ran=1"
TEXT = "The board <b onclick=\"window.__ran='text'\">reports</b> each October."
SIGNER = ["--name", "Ann \"><svg onload=\"window.__ran='signer'\">",
          "--capacity", "Chair <script>window.__ran='capacity'</script>"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def _sphinx(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-t", "partners", *args],
                            capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    """The review pack between the two hostile tags, as `make review` makes it: JSON, site, PDF."""
    root = tmp_path_factory.mktemp("hostile-review") / "repo"
    project = root / "protocols"
    shutil.copytree(ROOTS / "test-clean", project)
    (project / "review.md").write_text("---\norphan: true\n---\n\n# Review\n\n```{review-pack}\n"
                                       "```\n")
    (root / ".gitignore").write_text("_build/\n.cache/\n")
    for ref in (OLD_TAG, NEW_TAG):
        git(root.parent, "check-ref-format", f"refs/tags/{ref}")  # git allows it: check=True
    git(root, "init", "-q", "-b", "main")
    sign = ["sign", "PROT_T", "--signatory", "SIGN_A", *SIGNER, "--date", "2025-03-14"]
    assert main([*sign, "--project", str(project)]) == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", COMMIT)
    git(root, "tag", "-a", OLD_TAG, "-m", COMMIT)
    page = project / "proto" / "index.md"
    _edit(page, ":version: V1", ":version: V2")
    _edit(page, ":::{duty} Publish an annual report", f":::{{duty}} {TITLE}")
    _edit(page, ":basis: LAW_CA\n:::", f":basis: LAW_CA\n\n{TEXT}\n:::")
    _edit(page, ":note: Reflect it in the strategy", f":note: {NOTE}")
    git(root, "commit", "-q", "-am", f"\"'>{COMMIT}")
    git(root, "tag", NEW_TAG)
    out = root / "_build"
    assert main(["diff", OLD_TAG, NEW_TAG, "--project", str(project),
                 "--pack", str(out / "review" / "pack.json")]) == 0
    _sphinx("-b", "html", str(project), str(out / "partner"))
    if not available():
        _sphinx("-b", "pdf", "-D", "protocols_pdf_only=review", str(project),
                str(out / "review" / "pdf"))
    return out


def test_the_pack_shows_every_hostile_value_as_text(pack) -> None:
    words = text_in_browser(pack / "partner" / "review.html")
    for value in (OLD_TAG, NEW_TAG, "<img src=x onerror=\"window.__ran='title'\">",
                  "<script>window.__ran='note'</script>", "Ann \"><svg onload=",
                  "Chair <script>window.__ran='capacity'</script>"):
        assert value in words, value
    assert "<b onclick=" in words  # the clause's text, as a word change
    assert "window.__ran='commit'" not in words  # a commit message is never shown to readers


def test_no_page_of_the_partners_site_runs_a_value_or_links_to_javascript(pack) -> None:
    pages = sorted((pack / "partner").rglob("*.html"))
    assert len(pages) > 5 and pack / "partner" / "review.html" in pages
    assert what_ran(pages, pack / "partner") == []


def test_the_pack_pdf_has_the_values_as_text_and_no_script_or_javascript_link(pack) -> None:
    skip_without_pdf_tools()
    pdf = pack / "review" / "pdf" / "review-pack.pdf"
    text = pdf_text(pdf)
    for value in (OLD_TAG, "<script>window.__ran='note'</script>", "onerror=\"window.__ran"):
        assert value in text, value
    assert pdf_dangers(pdf) == []
