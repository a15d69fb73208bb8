"""The `protocols` command as a policy officer would run it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_protocols.cli import main

from conftest import ROOTS

REPO = Path(__file__).resolve().parent.parent


def test_check_clean_project_lists_findings_and_succeeds(tmp_path, capsys) -> None:
    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    assert main(["check", str(tmp_path / "p")]) == 0
    out = capsys.readouterr().out
    assert "finding: Theme THEME_X has no confirmed lead" in out
    assert "Protocol checks: 0 errors, 1 finding for review, 0 notes for the next review." in out
    assert not (tmp_path / "p" / "_build").exists()  # nothing written into the project


def test_check_broken_project_fails_with_located_errors(tmp_path, capsys) -> None:
    shutil.copytree(ROOTS / "test-broken", tmp_path / "p")
    assert main(["check", str(tmp_path / "p")]) == 1
    out = capsys.readouterr().out
    assert (
        "proto/index.md:23: WARNING: Duty DUTY_X: ':owner:' names 'BODY_NOPE', which is not an item"
        in out
    )
    assert "Result: the site cannot be published until the errors above are fixed." in out


def test_strict_turns_findings_into_errors(tmp_path, capsys) -> None:
    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    assert main(["check", "--strict", str(tmp_path / "p")]) == 1
    assert "[protocols.F02]" in capsys.readouterr().out


def test_check_honours_protocols_strict_in_conf_py(tmp_path, capsys) -> None:
    """As `make html` does: `protocols check` used to override the setting with False."""
    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    with (tmp_path / "p" / "conf.py").open("a") as conf:
        conf.write("protocols_strict = True\n")
    assert main(["check", str(tmp_path / "p")]) == 1
    assert "[protocols.F02]" in capsys.readouterr().out


def test_a_folder_without_conf_py_gets_a_plain_message(tmp_path, capsys) -> None:
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "there is no conf.py" in err and "Traceback" not in err


def test_new_protocol_builds_first_time_and_is_never_overwritten(tmp_path, capsys) -> None:
    import subprocess
    import sys

    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    index = tmp_path / "p" / "index.md"
    index.write_text(index.read_text().replace("```{toctree}\n", "```{toctree}\n:caption: "
                                                                 "Protocols\n\n", 1))
    assert main(["new", "Eastshire safeguarding protocol", "--project", str(tmp_path / "p")]) == 0
    folder = tmp_path / "p" / "eastshire-safeguarding-protocol"
    assert (folder / "index.md").read_text().count(":id: PROT_EASTSHIRE") == 1
    assert "eastshire-safeguarding-protocol/index" in index.read_text()
    before = {f.name: f.read_text() for f in folder.iterdir()}
    assert main(["new", "Eastshire safeguarding protocol", "--project", str(tmp_path / "p")]) == 1
    assert "already exists, so nothing was written" in capsys.readouterr().err
    assert {f.name: f.read_text() for f in folder.iterdir()} == before
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            str(tmp_path / "p"),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "eastshire-safeguarding-protocol" / "reporting.html").is_file()


def test_new_refuses_a_code_already_in_use(tmp_path, capsys) -> None:
    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    assert (
        main(
            ["new", "Another", "--code", "T", "--folder", "other", "--project", str(tmp_path / "p")]
        )
        == 1
    )
    assert "the code T is already used (PROT_T is in" in capsys.readouterr().err
    assert not (tmp_path / "p" / "other").exists()


BAD_NEW = {
    "a folder outside the project": (["x", "--folder", "../../x"], "must be a plain folder name"),
    "a folder with a slash": (["x", "--folder", "a/b"], "must be a plain folder name"),
    "a folder that is an option": (["x", "--folder=--output"], "must be a plain folder name"),
    "a name with a line break": (["x\n:::{duty} Forged\n:id: DUTY_X"], "has a line break"),
    "an empty name": (["  "], "the name is empty"),
}


@pytest.mark.parametrize("case", BAD_NEW, ids=list(BAD_NEW))
def test_new_refuses_a_folder_outside_the_project_or_a_name_that_injects(
    tmp_path, capsys, case
) -> None:
    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    arguments, words = BAD_NEW[case]
    assert main(["new", *arguments, "--project", str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert words in err and "Nothing was written." in err and "Traceback" not in err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_new_refuses_a_folder_that_is_a_link_out_of_the_project(tmp_path, capsys) -> None:
    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    (tmp_path / "p" / "other").symlink_to(tmp_path / "nowhere")  # a link to nothing yet
    assert main(["new", "Other", "--folder", "other", "--project", str(tmp_path / "p")]) == 1
    assert "already exists, so nothing was written" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()


TRICKS = ['x" ; touch {marker} ; echo "', "`touch {marker}`", "x' ; touch {marker} ; '",
          "$(shell touch {marker})", "$$(touch {marker})", "--output={marker}"]


@pytest.mark.parametrize("template", TRICKS)
def test_make_review_treats_from_as_text_never_as_shell(tmp_path, template) -> None:
    """FROM reaches `protocols diff` as one argument: quotes, semicolons, backticks do nothing."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    marker = tmp_path / "ran"
    result = subprocess.run(["make", "-s", "review", f"FROM={template.format(marker=marker)}"],
                            check=False, cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert not marker.exists()
    assert "is not a tag, branch or commit of this repository" in result.stderr, result.stderr


def test_a_long_browser_check_prints_its_progress_at_every_tenth(capsys) -> None:
    from sphinx_protocols.cli.project import progress_line

    for done in range(1, 446):
        progress_line("at 1280 px", done, 445)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "  checked 44 of 445 pages at 1280 px" and len(lines) == 11
    assert lines[-1] == "  checked 445 of 445 pages at 1280 px"
