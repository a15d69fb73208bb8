"""The editor's web application without a browser: saving, conflicts, versions and its defences."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the editor is not installed (the 'edit' extra)")
from starlette.testclient import TestClient

from sphinx_protocols.editor import source
from sphinx_protocols.editor.app import create_app
from sphinx_protocols.editor.project import Project

from conftest import REPO, ROOTS, git

BASE = "http://127.0.0.1:8765"
PAGE = "proto/index.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "protocols"
    shutil.copytree(ROOTS / "test-clean", folder)
    git(folder, "init", "--quiet", "--initial-branch=main")
    git(folder, "add", "-A")
    git(folder, "commit", "--quiet", "-m", "First version")
    return folder


@pytest.fixture
def client(project: Path, tmp_path: Path) -> TestClient:
    app = create_app(project, settings_file=tmp_path / "settings" / "editor.json")
    return TestClient(app, base_url=BASE)


def _token(client: TestClient, path: str = "/") -> str:
    return re.search(r'name="csrf" content="([^"]+)"', client.get(path).text).group(1)


def _form(client: TestClient, item_id: str) -> dict[str, str | list[str]]:
    """What the browser would send for an item's form, unchanged."""
    html = client.get(f"/item/{item_id}").text
    data: dict[str, str | list[str]] = {}
    for name, value in re.findall(r'<input[^>]* name="([^"]+)"[^>]* value="([^"]*)"', html):
        data[name] = value
    for name, body in re.findall(
        r'<select[^>]* name="([^"]+)"[^>]*>(.*?)</select>', html, re.DOTALL
    ):
        chosen = re.findall(r'<option value="([^"]*)" selected>', body)
        data[name] = (
            chosen
            if "multiple" in html.split(f'name="{name}"', 1)[1].split(">", 1)[0]
            else (chosen or [""])[0]
        )
    data["text"] = re.search(
        r'<textarea id="text" name="text"[^>]*>\n?(.*?)</textarea>', html, re.DOTALL
    ).group(1)
    return data


def test_pages_list_protocols_find_clauses_and_refuse_a_missing_one(client) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "Two boards protocol" in home.text
    found = client.get("/search", params={"q": "annual"})
    assert (
        "Publish an annual report" in found.text
        and "DUTY_A" in found.text
        and "3 clauses match" in found.text
    )
    assert "Publish an annual report" in client.get("/search", params={"q": "duty_a"}).text
    missing = client.get("/item/DUTY_NOPE")
    assert missing.status_code == 404 and "no such page or clause" in missing.text
    assert "Traceback" not in missing.text


def test_saving_an_unchanged_form_leaves_the_file_byte_identical(client, project) -> None:
    before = (project / PAGE).read_bytes()
    for item_id in ("PROT_T", "BODY_A", "DUTY_A", "LINE_A_B", "THEME_X", "MEET_A"):
        response = client.post(
            f"/item/{item_id}", data=_form(client, item_id), follow_redirects=False
        )
        assert response.status_code == 303, response.text
    assert (project / PAGE).read_bytes() == before


def test_a_save_rewrites_only_that_item(client, project) -> None:
    text = (project / PAGE).read_text()
    old = next(i for i in source.parse(text) if i.id == "DUTY_A")
    form = _form(client, "DUTY_A") | {"f-modality": "should", "text": "Every year, by July.\r\n"}
    response = client.post("/item/DUTY_A", data=form)
    assert response.status_code == 200 and "Saved." in response.text
    after = (project / PAGE).read_text()
    assert after[: old.start] == text[: old.start] and after.endswith(text[old.end :])
    assert (
        ":owner: BODY_A\n:modality: should\n:basis: LAW_CA\n\nEvery year, by July.\n:::\n" in after
    )


def test_the_rules_of_the_build_check_the_form_as_it_is_typed(client) -> None:
    form = _form(client, "DUTY_A") | {"l-owner": []}
    response = client.post("/item/DUTY_A/check", data=form)
    data = response.json()
    assert (
        data["count"] == 1
        and "(rule P05)" in data["findings"]
        and "has no owner" in data["findings"]
    )
    fixed = client.post("/item/DUTY_A/check", data=_form(client, "DUTY_A")).json()
    assert fixed["count"] == 0 and "No problems found" in fixed["findings"]
    assert (
        "<p>"
        in client.post("/item/DUTY_A/check", data=form | {"text": "Some *words*"}).json()["preview"]
    )


def test_two_tabs_do_not_overwrite_each_other(client, project) -> None:
    first, second = _form(client, "BODY_A"), _form(client, "BODY_A")
    assert client.post("/item/BODY_A", data=first | {"f-abbreviation": "AAA"}).status_code == 200
    clash = client.post("/item/BODY_A", data=second | {"f-abbreviation": "ZZZ"})
    assert clash.status_code == 409 and "changed while you were editing" in clash.text
    assert ":abbreviation: AAA" in (project / PAGE).read_text()  # the first tab's save stands
    retry = re.search(r'name="fingerprint" value="([^"]+)"', clash.text).group(1)
    assert 'value="ZZZ"' in clash.text  # the officer's own change is still in the form
    assert (
        client.post(
            "/item/BODY_A", data=second | {"f-abbreviation": "ZZZ", "fingerprint": retry}
        ).status_code
        == 200
    )
    assert ":abbreviation: ZZZ" in (project / PAGE).read_text()


def test_changes_need_this_runs_token_and_the_editors_own_origin(client, project) -> None:
    before = (project / PAGE).read_bytes()
    form = _form(client, "DUTY_A") | {"f-modality": "may"}
    bad = client.post("/item/DUTY_A", data=form | {"csrf": "from-another-site"})
    assert bad.status_code == 403 and "earlier run of the editor" in bad.text
    missing = client.post("/item/DUTY_A", data={k: v for k, v in form.items() if k != "csrf"})
    assert missing.status_code == 403
    foreign = client.post("/item/DUTY_A", data=form, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403 and "another web site" in foreign.text
    cross = client.post("/item/DUTY_A", data=form, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    assert (project / PAGE).read_bytes() == before


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "192.168.1.5"]
)
def test_a_foreign_host_name_is_refused(client, host) -> None:
    assert client.get("/").headers["x-frame-options"] == "DENY"  # never shown inside another site
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 421 and "only answers this computer" in response.text


@pytest.mark.parametrize(
    "page",
    [
        "../outside.md",
        "/etc/passwd",
        "proto/../../outside.md",
        "conf.py",
        "proto\\index.md",
        "_build/x.md",
    ],
)
def test_paths_outside_the_projects_pages_are_refused(client, project, page) -> None:
    (project.parent / "outside.md").write_text("# not the project's\n")
    (project / "_build").mkdir(exist_ok=True)
    (project / "_build" / "x.md").write_text("# built\n")
    response = client.get("/new", params={"page": page, "type": "duty"})
    assert response.status_code == 403 and "not one of this project" in response.text
    form = {"csrf": _token(client), "page": page, "type": "term", "title": "X", "fingerprint": ""}
    assert client.post("/new", data=form).status_code == 403
    assert (project.parent / "outside.md").read_text() == "# not the project's\n"


def test_a_new_item_gets_a_proposed_id_and_is_added_to_its_page(client, project) -> None:
    page = client.get("/new", params={"page": "bodies.md", "type": "term"})
    assert page.status_code == 200 and 'value="TERM_NEW"' in page.text
    token = _token(client)
    fingerprint = re.search(r'name="fingerprint" value="([^"]+)"', page.text).group(1)
    check = client.post(
        "/new/check",
        data={
            "csrf": token,
            "page": "bodies.md",
            "type": "term",
            "title": "Joint Strategic Needs Assessment",
        },
    ).json()
    assert check["proposed"] == "TERM_JOINT_STRATEGIC_NEEDS_ASSESSMENT"
    saved = client.post(
        "/new",
        data={
            "csrf": token,
            "page": "bodies.md",
            "type": "term",
            "title": "JSNA",
            "id": "TERM_JSNA",
            "fingerprint": fingerprint,
            "f-expansion": "Joint Strategic Needs Assessment",
            "text": "",
        },
    )
    assert saved.status_code == 200 and "Term: JSNA" in saved.text
    assert (
        (project / "bodies.md")
        .read_text()
        .endswith(
            "\n\n:::{term} JSNA\n:id: TERM_JSNA\n"
            ":expansion: Joint Strategic Needs Assessment\n:::\n"
        )
    )


def test_save_as_a_version_commits_with_the_officers_name_then_history_and_undo(
    client, project
) -> None:
    token = _token(client)
    nameless = client.post(
        "/version", data={"csrf": token, "action": "save", "message": "Too soon"}
    )
    assert "first give your name and e-mail" in nameless.text
    assert (
        "Give your work e-mail"
        in client.post(
            "/settings", data={"csrf": token, "name": "Jane Doe", "email": "not-an-address"}
        ).text
    )
    assert (
        "saved"
        in client.post(
            "/settings", data={"csrf": token, "name": "Jane Doe", "email": "jane.doe@example.org"}
        ).text
    )
    client.post("/item/DUTY_A", data=_form(client, "DUTY_A") | {"f-modality": "will"})
    assert "(proto/index.md, changed)" in client.get("/").text
    done = client.post(
        "/version",
        data={"csrf": token, "action": "save", "message": "Modality agreed by both boards"},
    )
    assert "Saved as a new version: 1 page" in done.text
    assert (
        git(project, "log", "-1", "--format=%an <%ae>|%s")
        == "Jane Doe <jane.doe@example.org>|Modality agreed by both boards\n"
    )
    assert git(project, "status", "--porcelain") == ""
    history = client.get("/history/proto").text
    assert (
        "Modality agreed by both boards" in history
        and "Jane Doe" in history
        and "First version" in history
    )
    assert (
        git(project, "rev-parse", "--short", "HEAD").strip() not in history
    )  # no commit hashes for officers
    client.post("/item/DUTY_A", data=_form(client, "DUTY_A") | {"f-modality": "may"})
    undone = client.post("/version", data={"csrf": token, "action": "undo", "page": PAGE})
    assert "were undone" in undone.text and ":modality: will" in (project / PAGE).read_text()


def test_outside_git_saving_writes_the_file_and_says_versions_are_not_kept(tmp_path) -> None:
    folder = tmp_path / "plain"
    shutil.copytree(ROOTS / "test-clean", folder)
    client = TestClient(create_app(folder, settings_file=tmp_path / "s.json"), base_url=BASE)
    assert "not kept in version control" in client.get("/").text
    client.post("/item/DUTY_A", data=_form(client, "DUTY_A") | {"f-modality": "may"})
    assert ":modality: may" in (folder / PAGE).read_text()
    said = client.post("/version", data={"csrf": _token(client), "action": "save", "message": "x"})
    assert "saved in the files only" in said.text


def test_the_editors_checks_read_the_signatures_as_the_build_does() -> None:
    """Rule F18 counts the signatures in each protocol's signatures.yaml, as in test_site."""
    findings = Project(REPO / "protocols").check()
    assert [f.item_id for f in findings if f.rule == "F18"] == ["SIGN_CROY_PARTNERS"]


def test_edit_links_appear_only_when_the_editor_builds_the_preview(tmp_path) -> None:
    def build(out: Path, *extra: str) -> str:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-q",
                *extra,
                str(ROOTS / "test-clean"),
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        return (out / "proto" / "index.html").read_text()

    published = build(tmp_path / "site")
    assert "Edit this clause" not in published
    preview = build(tmp_path / "preview", "-D", "protocols_editor_url=http://127.0.0.1:8765/")
    assert (
        'href="http://127.0.0.1:8765/item/DUTY_A"' in preview
        and preview.count("Edit this clause") >= 10
    )


def test_a_page_that_cannot_be_read_is_named_with_its_line_and_the_fix(client, project) -> None:
    (project / "broken.md").write_text("# Broken\n\n:::{duty} Left open\n:id: DUTY_OPEN\n\nText\n")
    home = client.get("/").text
    assert "Pages the editor cannot read" in home
    assert (
        "broken.md:line 3: the duty item opened here is never closed; "
        "add a line with ::: after its text." in home
    )
    assert (
        "Publish an annual report" in client.get("/search", params={"q": "annual"}).text
    )  # the rest still works


def test_the_command_refuses_a_missing_project_and_a_port_in_use(tmp_path, capsys) -> None:
    import socket

    from sphinx_protocols.cli import main

    assert main(["edit", str(tmp_path), "--no-browser"]) == 2
    assert "there is no conf.py" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["edit", str(ROOTS / "test-clean"), "--no-browser", "--port", str(port)]) == 2
    assert f"port {port} is in use" in capsys.readouterr().err
