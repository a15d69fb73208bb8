"""Sphinx's own test fixtures, our test projects under tests/roots, and small model builders."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.versions import TagCheck

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def item(item_id: str, item_type: str, title: str = "", **values: str | list[str]) -> Item:
    """An item for pure tests: string values are fields, list values are links."""
    fields = {
        k: v
        for k, v in values.items()
        if isinstance(v, str) and k not in ("status", "content", "docname")
    }
    links = {k: v for k, v in values.items() if isinstance(v, list)}
    return Item(
        id=item_id, type=item_type, title=title, fields=fields, links=links,
        status=str(values.get("status", "")), content=str(values.get("content", "")),
        docname=str(values.get("docname", "proto/index")), lineno=1,
    )


def partnership(*items: Item | TagCheck, protocol_status: str = "draft") -> Partnership:
    """A partnership whose items all sit in one protocol folder, with that protocol added.

    A TagCheck among the items stands for what git says of a protocol's nearest tag.
    """
    tags = [t for t in items if isinstance(t, TagCheck)]
    items = tuple(i for i in items if isinstance(i, Item))
    base = [i for i in items if i.type == "protocol"] or [
        item("PROT_T", "protocol", "Test protocol", status=protocol_status, version="V1",
             approved_by="Board", next_review="2030-01-01")
    ]
    made = Partnership([*base, *(i for i in items if i.type != "protocol")])
    made.tags = {t.protocol: t for t in tags}
    return made


def build_root(name: str, factory: pytest.TempPathFactory, builder: str = "html", **kwargs):
    """Copy a test project to a temporary folder and build it once (shared by a module's tests)."""
    import shutil

    from sphinx.testing.util import SphinxTestApp

    target = factory.mktemp("src") / name
    shutil.copytree(ROOTS / name, target)
    app = SphinxTestApp(builder, srcdir=target, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def warnings_of(app) -> list[str]:
    """The build's warnings, project paths made relative; set-up noise of a shared test process left
    out."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(str(app.srcdir) + "/", "") for line in text.splitlines()
            if "WARNING" in line and "while setting up extension" not in line]


#: Lines a test wants printed at the end of the run (for example, how many pages were checked).
SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    for line in SUMMARY:
        terminalreporter.write_line(line)


def git(folder: Path, *args: str) -> str:
    """Run git in a test's project as a named person (tests make their own commits)."""
    command = ["git", "-C", str(folder), "-c", "user.name=Set Up", "-c",
               "user.email=setup@example.org", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout
