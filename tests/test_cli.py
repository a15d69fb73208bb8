"""The `protocols` command as a policy officer would run it."""

from __future__ import annotations

import shutil

from sphinx_protocols.cli import main

from conftest import ROOTS


def test_check_clean_project_lists_findings_and_succeeds(tmp_path, capsys) -> None:
    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    assert main(["check", str(tmp_path / "p")]) == 0
    out = capsys.readouterr().out
    assert "finding: Theme THEME_X has no confirmed lead" in out
    assert "Protocol checks: 0 error(s), 1 finding(s) for review, 0 note(s) for the next review." in out
    assert not (tmp_path / "p" / "_build").exists()  # nothing written into the project


def test_check_broken_project_fails_with_located_errors(tmp_path, capsys) -> None:
    shutil.copytree(ROOTS / "test-broken", tmp_path / "p")
    assert main(["check", str(tmp_path / "p")]) == 1
    out = capsys.readouterr().out
    assert "proto/index.md:23: WARNING: Duty DUTY_X: ':owner:' names 'BODY_NOPE', which is not an item" in out
    assert "Result: the site cannot be published until the errors above are fixed." in out


def test_strict_turns_findings_into_errors(tmp_path, capsys) -> None:
    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    assert main(["check", "--strict", str(tmp_path / "p")]) == 1
    assert "[protocols.F02]" in capsys.readouterr().out


def test_a_folder_without_conf_py_gets_a_plain_message(tmp_path, capsys) -> None:
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "there is no conf.py" in err and "Traceback" not in err
