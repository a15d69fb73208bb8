"""The editor in a real browser: an officer's whole loop, from finding a clause to a saved version.

`protocols edit` runs as its own process on 127.0.0.1 against a copy of a small test project kept
in git; Debian's Chromium (through Playwright) changes a clause, sees the build's rule message,
fixes it, saves, waits for the preview page to show the change, and saves a version, which is then
found in git. axe-core checks each editor page; screenshots go to tests/_artifacts/screenshots.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sphinx_protocols.tools import a11y

from conftest import REPO, ROOTS, SUMMARY, git

AXE = a11y.axe_path(REPO)
SHOTS = REPO / "tests" / "_artifacts" / "screenshots"

pytestmark = [
    pytest.mark.skipif(
        not Path(a11y.chromium_path()).exists(),
        reason="Chromium is not installed (scripts/system-packages.sh)",
    ),
    pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed (npm ci)"),
]
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytest.importorskip("uvicorn", reason="the editor is not installed (the 'edit' extra)")

_AXE = """async (tags) =>
    (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def editor(tmp_path: Path):
    """`protocols edit` on a git copy of the test project; yields (address, project folder)."""
    project = tmp_path / "protocols"
    shutil.copytree(ROOTS / "test-clean", project)
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "First version")
    port = _free_port()
    env = {**os.environ, "PROTOCOLS_EDITOR_SETTINGS": str(tmp_path / "settings.json")}
    log = (tmp_path / "editor.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sphinx_protocols.cli",
            "edit",
            str(project),
            "--no-browser",
            "--port",
            str(port),
            "--preview-dir",
            str(tmp_path / "preview"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the editor did not start: " + (tmp_path / "editor.log").read_text())
        yield base, project
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _first_preview_built(base: str) -> None:
    """Wait for the preview's first (full) build, so that the save's rebuild is timed on its own."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        status = json.loads(urllib.request.urlopen(base + "/preview-status", timeout=5).read())
        if status["builds"] >= 1 and not status["building"]:
            return
        time.sleep(0.5)
    pytest.fail("the first preview build did not finish within 3 minutes")


def _axe(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(_AXE, a11y.WCAG_TAGS)


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"editor-{name}-{label}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            f"{name} is wider than {width}px"
        )
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_officer_edits_checks_saves_previews_and_saves_a_version(editor) -> None:
    base, project = editor
    violations: dict[str, list[str]] = {}
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=a11y.chromium_path(), args=a11y.CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/")
        violations["home"] = _axe(page)
        page.get_by_role("link", name="Two boards protocol").click()
        page.wait_for_url("**/protocol/proto")
        violations["protocol"] = _axe(page)
        _shoot(page, "protocol")
        page.get_by_role("link", name="Publish an annual report").click()
        page.wait_for_url("**/item/DUTY_A")

        # change a field and the text, then take the owner away: the build's rule says so
        page.get_by_label("Modality").select_option("should")
        page.get_by_label("Text of the clause").fill(
            "The board publishes its *annual report* every July."
        )
        page.locator("#text-preview em", has_text="annual report").wait_for()
        page.get_by_label("Owned by (required)").select_option([])
        problem = page.locator("#findings li", has_text="has no owner")
        problem.wait_for()
        assert "(rule P05)" in problem.inner_text()
        violations["item with a problem"] = _axe(page)
        _shoot(page, "clause-problem")
        page.get_by_label("Owned by (required)").select_option(["BODY_A"])
        page.locator("#findings", has_text="No problems found").wait_for()

        _first_preview_built(base)
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_url("**/item/DUTY_A?saved=1")
        assert "Saved." in page.locator(".message").inner_text()
        written = (project / "proto" / "index.md").read_text()
        assert (
            ":modality: should\n:basis: LAW_CA\n\n"
            "The board publishes its *annual report* every July.\n:::" in written
        )

        # the preview page is rebuilt with the change, and its edit link comes back here
        saved = time.monotonic()
        while time.monotonic() - saved < 120:
            page.goto(base + "/preview/proto/index.html")
            if page.locator("text=every July").count():
                break
            time.sleep(1)
        else:
            pytest.fail("the preview did not show the saved change within 2 minutes")
        SUMMARY.append(
            "Editor: a saved clause appeared in the rebuilt preview after "
            f"{time.monotonic() - saved:.1f} s"
        )
        page.locator("#DUTY_A").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "editor-preview-desktop.png"))
        page.locator('a[href$="/item/DUTY_A"]', has_text="Edit this clause").click()
        page.wait_for_url("**/item/DUTY_A")
        _shoot(page, "clause")

        # settings, then save as a version
        page.get_by_role("link", name="Settings").click()
        page.get_by_label("Your name").fill("Jane Doe")
        page.get_by_label("Your e-mail").fill("jane.doe@example.org")
        page.get_by_role("button", name="Save settings").click()
        page.locator(".message", has_text="Your settings are saved").wait_for()
        violations["settings"] = _axe(page)
        page.goto(base + "/")
        page.get_by_label("What did you change, and why?").fill("Annual report: should, every July")
        _shoot(page, "home")
        page.get_by_role("button", name="Save as a version").click()
        page.locator(".message", has_text="Saved as a new version: 1 page").wait_for()
        violations["saved"] = _axe(page)
        page.goto(base + "/history/proto")
        assert "Annual report: should, every July" in page.locator("table").inner_text()
        violations["history"] = _axe(page)
        _shoot(page, "history")
        page.goto(base + "/search?q=board")
        violations["search"] = _axe(page)
        browser.close()
    assert git(project, "log", "-1", "--format=%an <%ae>|%s") == (
        "Jane Doe <jane.doe@example.org>|Annual report: should, every July\n"
    )
    assert "every July" in git(project, "show", "HEAD:proto/index.md")
    assert {name: found for name, found in violations.items() if found} == {}
