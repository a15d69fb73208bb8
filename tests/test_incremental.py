"""Incremental builds write exactly the pages a change reaches: never a stale page.

Each test builds a small partnership, changes it, builds again in place (as `make html` run twice
does), and compares every written page with a fresh build of the same sources.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOTS

DUTIES = """# Duties

:::{duty} Publish an annual report
:id: DUTY_P
:owner: BODY_A
:modality: must
:basis: LAW_CSWA
The Alpha Board publishes a report each year.
:::

:::{duty} Challenge the others
:id: DUTY_Q
:owner: BODY_B
:modality: should
:basis: LAW_CSWA
The Beta Board challenges the other boards.
:::

:::{duty} Keep the minutes
:id: DUTY_R
:owner: BODY_B
:modality: must
Minutes are kept of every meeting.
:::
"""
REGISTER = "# Register\n\n```{duty-register}\n```\n"
LAW = """# Law

:::{statute} Children and Social Work Act 2017
:id: LAW_CSWA
:::
"""
BODIES = "# Bodies\n\n```{body-index}\n```\n"
FINDINGS = "# Findings\n\n```{findings}\n```\n"
#: parts of a page that differ between any two builds, even of the same sources
VOLATILE = re.compile(r"\?v=[0-9a-f]+|protocols-t\d+")


def _project(tmp_path: Path) -> Path:
    """The six test boards, with duties on a page of their own, a register and shared law."""
    src = tmp_path / "incremental"
    shutil.copytree(ROOTS / "test-pdf", src)
    (src / "proto" / "duties.md").write_text(DUTIES, encoding="utf-8")
    (src / "proto" / "register.md").write_text(REGISTER, encoding="utf-8")
    (src / "law.md").write_text(LAW, encoding="utf-8")
    (src / "bodies.md").write_text(BODIES, encoding="utf-8")
    (src / "findings.md").write_text(FINDINGS, encoding="utf-8")
    index = src / "proto" / "index.md"
    text = index.read_text(encoding="utf-8").replace(
        "signatures\n", "signatures\nduties\nregister\n"
    )
    index.write_text(text + "\nThe register names {need}`DUTY_P` first.\n", encoding="utf-8")
    root = src / "index.md"
    root.write_text(
        root.read_text(encoding="utf-8").replace(
            "proto/index\n", "proto/index\nlaw\nbodies\nfindings\n"
        ),
        encoding="utf-8",
    )
    return src


def _build(srcdir: Path, parallel: int = 0) -> Path:
    app = SphinxTestApp("html", srcdir=srcdir, parallel=parallel)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


def _pages(outdir: Path) -> dict[str, str]:
    return {
        str(f.relative_to(outdir)): VOLATILE.sub("", f.read_text(encoding="utf-8"))
        for f in sorted(outdir.glob("**/*"))
        if f.suffix in (".html", ".csv", ".svg")
    }


def _rebuilt(
    tmp_path: Path, change: Callable[[Path], None], parallel: int = 0
) -> tuple[set[str], Path, Path]:
    """Build, change, build again: the pages the second build wrote, and both output folders."""
    src = _project(tmp_path)
    out = _build(src, parallel)
    before = {p: p.stat().st_mtime_ns for p in out.glob("**/*.html")}
    change(src)
    out = _build(src, parallel)
    written = {
        str(p.relative_to(out))
        for p in out.glob("**/*.html")
        if before.get(p) != p.stat().st_mtime_ns
    }
    fresh = tmp_path / "fresh"
    shutil.copytree(src, fresh, ignore=shutil.ignore_patterns("_build"))
    return written, out, _build(fresh)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _same(out: Path, fresh: Path) -> None:
    ours, theirs = _pages(out), _pages(fresh)
    assert sorted(ours) == sorted(theirs)
    stale = [name for name in ours if ours[name] != theirs[name]]
    assert not stale, f"pages differ from a fresh build: {stale}"


#: pages Sphinx itself writes on every build that writes anything
ALWAYS = {"genindex.html", "search.html", "permalink.html"}


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def test_a_text_edit_writes_its_own_page_and_the_pages_showing_its_text(tmp_path) -> None:
    written, out, fresh = _rebuilt(
        tmp_path,
        lambda src: _edit(
            src / "proto" / "duties.md", "publishes a report each year", "publishes a yearly report"
        ),
    )
    _same(out, fresh)
    # its page, its parent in the table of contents, and the signature page (the fingerprint)
    assert written - ALWAYS == {"proto/duties.html", "proto/index.html", "proto/signatures.html"}


def test_a_new_owner_rewrites_both_profiles_and_the_register(tmp_path) -> None:
    written, out, fresh = _rebuilt(
        tmp_path,
        lambda src: _edit(
            src / "proto" / "duties.md",
            ":owner: BODY_B\n:modality: should",
            ":owner: BODY_C\n:modality: should",
        ),
    )
    _same(out, fresh)
    assert {"profiles/BODY_B.html", "profiles/BODY_C.html", "proto/register.html"} <= written
    assert "profiles/BODY_D.html" not in written


def test_an_added_item(tmp_path) -> None:
    def add(src: Path) -> None:
        path = src / "proto" / "duties.md"
        path.write_text(
            path.read_text(encoding="utf-8") + "\n:::{duty} Attend\n:id: DUTY_S\n"
            ":owner: BODY_D\n:modality: must\n:basis: LAW_CSWA\nDelta attends.\n:::\n",
            encoding="utf-8",
        )

    written, out, fresh = _rebuilt(tmp_path, add)
    _same(out, fresh)
    assert {"profiles/BODY_D.html", "proto/register.html"} <= written


def test_a_removed_item(tmp_path) -> None:
    def remove(src: Path) -> None:
        path = src / "proto" / "duties.md"
        text = path.read_text(encoding="utf-8")
        start = text.index(":::{duty} Challenge the others")
        path.write_text(text[:start] + text[text.index(":::{duty} Keep") :], encoding="utf-8")

    written, out, fresh = _rebuilt(tmp_path, remove)
    _same(out, fresh)
    assert {"profiles/BODY_B.html", "proto/register.html"} <= written


def test_an_item_moved_to_another_page(tmp_path) -> None:
    def move(src: Path) -> None:
        duties = src / "proto" / "duties.md"
        text = duties.read_text(encoding="utf-8")
        start, end = text.index(":::{duty} Keep"), len(text)
        duties.write_text(text[:start], encoding="utf-8")
        bodies = src / "proto" / "bodies.md"
        bodies.write_text(
            bodies.read_text(encoding="utf-8") + "\n" + text[start:end], encoding="utf-8"
        )

    written, out, fresh = _rebuilt(tmp_path, move)
    _same(out, fresh)
    assert {"profiles/BODY_B.html", "proto/register.html"} <= written  # they link to its new page


def test_a_new_title_reaches_every_page_naming_the_item(tmp_path) -> None:
    written, out, fresh = _rebuilt(
        tmp_path,
        lambda src: _edit(
            src / "law.md",
            "Children and Social Work Act 2017",
            "The Children and Social Work Act 2017",
        ),
    )
    _same(out, fresh)
    assert {"proto/duties.html", "proto/register.html"} <= written  # cards and register name it


def test_a_need_reference_follows_the_title_it_shows(tmp_path) -> None:
    written, out, fresh = _rebuilt(
        tmp_path,
        lambda src: _edit(
            src / "proto" / "duties.md", "Publish an annual report", "Publish a yearly report"
        ),
    )
    _same(out, fresh)
    assert "proto/index.html" in written  # its {need} reference shows the title


def test_nothing_changed_writes_nothing(tmp_path) -> None:
    written, out, fresh = _rebuilt(tmp_path, lambda src: None)
    _same(out, fresh)
    assert written <= ALWAYS


def test_every_build_reports_the_problems_of_pages_it_did_not_change(tmp_path) -> None:
    src = _project(tmp_path)
    path = src / "proto" / "duties.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n:::{dutty} Misspelt\nText.\n:::\n", encoding="utf-8"
    )
    for _ in range(2):  # the second build changes nothing, and still says what is wrong
        app = SphinxTestApp("html", srcdir=src)
        try:
            app.build()
        finally:
            app.cleanup()
        assert "P18" in app.warning.getvalue()


def _git(src: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=src,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_DATE": "2026-01-02T10:00:00",
            "GIT_COMMITTER_DATE": "2026-01-02T10:00:00",
        },
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_new_commit_updates_every_stamp_it_moves(tmp_path) -> None:
    def commit(src: Path) -> None:
        if not (src / ".git").exists():
            _git(src, "init", "-q")
            (src / ".gitignore").write_text("_build/\n", encoding="utf-8")
        _git(src, "add", "-A")
        _git(src, "commit", "-qm", "a version")

    src = _project(tmp_path)
    commit(src)
    out = _build(src)
    before = {p: p.stat().st_mtime_ns for p in out.glob("**/*.html")}
    _edit(src / "proto" / "duties.md", "Minutes are kept", "Minutes are always kept")
    commit(src)
    out = _build(src)
    written = {
        str(p.relative_to(out))
        for p in out.glob("**/*.html")
        if before.get(p) != p.stat().st_mtime_ns
    }
    fresh = tmp_path / "fresh"
    shutil.copytree(src, fresh, ignore=shutil.ignore_patterns("_build"))
    _same(out, _build(fresh))
    assert {"proto/bodies.html", "index.html"} <= written  # the protocol's stamp, the site's stamp


def test_reading_and_writing_in_parallel_write_the_same(tmp_path) -> None:
    written, out, fresh = _rebuilt(
        tmp_path,
        lambda src: _edit(
            src / "proto" / "duties.md",
            ":owner: BODY_B\n:modality: should",
            ":owner: BODY_C\n:modality: should",
        ),
        parallel=2,
    )
    _same(out, fresh)
    assert {"profiles/BODY_B.html", "profiles/BODY_C.html", "proto/register.html"} <= written
