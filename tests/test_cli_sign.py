"""`protocols sign` and `protocols editorial`, and the signature page they feed, as a policy officer
uses them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sphinx_protocols.cli import main
from sphinx_protocols.core.ledger import append
from sphinx_protocols.core.signatures import Signature

from conftest import ROOTS, git, warnings_of

SIGN = ["sign", "PROT_T", "--signatory", "SIGN_A", "--name", "Ann Example", "--date", "2025-03-14"]


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(ROOTS / "test-clean", tmp_path / "p")
    return tmp_path / "p"


def _sign(project: Path, *extra: str) -> int:
    return main([*SIGN, *extra, "--project", str(project)])


def _build_html(project: Path):
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=project, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, (Path(app.outdir) / "proto" / "index.html").read_text()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_missing_protocol_id_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["sign", "--signatory", "SIGN_A"])
    assert stop.value.code == 2
    assert "the following arguments are required: protocol" in capsys.readouterr().err


def test_unknown_protocol_signatory_name_and_date_are_usage_errors(project, capsys) -> None:
    assert main(["sign", "PROT_NOPE", "--signatory", "SIGN_A", "--project", str(project)]) == 2
    assert "'PROT_NOPE' is not a protocol in" in capsys.readouterr().err
    assert (
        main(["sign", "PROT_T", "--signatory", "SIGN_X", "--name", "A", "--project", str(project)])
        == 2
    )
    assert "Its signatories are: SIGN_A (Chair of Alpha)." in capsys.readouterr().err
    assert main(["sign", "PROT_T", "--signatory", "SIGN_A", "--project", str(project)]) == 2
    assert "give the signer's name with --name" in capsys.readouterr().err
    assert _sign(project, "--date", "14/03/2025") == 2
    err = capsys.readouterr().err
    assert "is not a date" in err and "Traceback" not in err
    assert not (project / "proto" / "signatures.yaml").exists()


def test_sign_appends_a_record_and_never_rewrites_one(project, capsys) -> None:
    assert _sign(project) == 0
    path = project / "proto" / "signatures.yaml"
    text = path.read_text()
    assert text.startswith("# Signatures given to the protocol in this folder")
    assert (
        "signatory: SIGN_A" in text
        and "capacity: Independent Chair" in text
        and "on_behalf_of: Alpha Board" in text
    )
    assert "  DUTY_A: " in text and "commit: not in version control" in text
    assert "Recorded the signature of Ann Example" in capsys.readouterr().out
    assert _sign(project) == 1
    assert "already signed this exact version on 2025-03-14" in capsys.readouterr().err
    assert path.read_text() == text


def test_a_signature_is_refused_for_a_version_the_signer_did_not_see(project, capsys) -> None:
    assert _sign(project, "--fingerprint", "0123456789ab") == 1
    assert "the sources no longer match fingerprint 0123456789ab" in capsys.readouterr().err


def test_a_damaged_record_file_stops_sign_with_its_file_and_line(project, capsys) -> None:
    path = project / "proto" / "signatures.yaml"
    path.write_text("- record: signature\n  name: [oops\n")
    assert _sign(project) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and "cannot be read" in err and "Traceback" not in err
    assert path.read_text() == "- record: signature\n  name: [oops\n"


def test_a_project_with_errors_cannot_be_signed(tmp_path, capsys) -> None:
    shutil.copytree(ROOTS / "test-broken", tmp_path / "b")
    assert (
        main(
            [
                "sign",
                "PROT_T",
                "--signatory",
                "SIGN_A",
                "--name",
                "A",
                "--project",
                str(tmp_path / "b"),
            ]
        )
        == 1
    )
    assert "the protocols have errors, so nothing was recorded" in capsys.readouterr().err


def test_signature_page_current_then_editorial_then_stale(project, capsys) -> None:
    duty = project / "proto" / "index.md"
    _edit(duty, ":basis: LAW_CA\n:::", ":basis: LAW_CA\n\nThe board publishes its anual "
                                       "report.\n:::")
    assert _sign(project) == 0
    # whitespace only: still current
    _edit(duty, "The board publishes its anual report.", "The board   publishes its\nanual report.")
    _app, html = _build_html(project)
    assert (
        "<strong>Current.</strong> Signed by Ann Example, as Independent Chair, on 14 March 2025"
        in html
    )
    # a typo fix, marked editorial: current, and the change is listed as editorial
    _edit(duty, "anual report.", "annual report.")
    assert (
        main(
            [
                "editorial",
                "PROT_T",
                "DUTY_A",
                "--reason",
                "typo: anual",
                "--by",
                "Policy officer",
                "--project",
                str(project),
            ]
        )
        == 0
    )
    assert "Ann Example (2025-03-14): stale -> editorial" in capsys.readouterr().out
    _app, html = _build_html(project)
    assert (
        "Current, with editorial changes since." in html
        and "wording changed, marked editorial" in html
    )
    # a changed duty: stale, the clause is listed, and it cannot be passed off as editorial
    _edit(duty, ":modality: must", ":modality: may")
    app, html = _build_html(project)
    assert warnings_of(app) == []
    assert "Stale: a new signature is needed." in html
    assert 'title="DUTY_A">Publish an annual report</a>: changed' in html  # named, ID in the title
    assert (
        main(
            [
                "editorial",
                "PROT_T",
                "DUTY_A",
                "--reason",
                "x",
                "--by",
                "y",
                "--project",
                str(project),
            ]
        )
        == 1
    )
    assert "changed more than its wording" in capsys.readouterr().err


def test_a_damaged_or_misattributed_record_is_a_located_build_warning(project) -> None:
    path = project / "proto" / "signatures.yaml"
    ghost = Signature("PROT_T", "SIGN_GHOST", "Ann Example", "Chair", dt.date(2025, 3, 14),
                      "0" * 64, {"BODY_A": "a" * 16 + "." + "b" * 16})
    append(path, [ghost])  # sealed as the tool seals it, so only the signatory is wrong
    app, _html = _build_html(project)
    assert [w for w in warnings_of(app) if "[protocols.S02]" in w] == [
        "proto/signatures.yaml:5: WARNING: The signature of Ann Example names 'SIGN_GHOST', which "
        "is not a signatory of PROT_T. "
        "Add that signatory item to the protocol, or restore this file from version control. "
        "[protocols.S02]"]
    path.write_text("- record: signature\n  protocol: PROT_T\n")
    app, html = _build_html(project)
    assert [w.split(": WARNING: ")[0] for w in warnings_of(app)] == ["proto/signatures.yaml:1"]
    assert "this signature record has no 'signatory'" in warnings_of(app)[0]
    assert "No signature recorded yet." in html


def test_a_record_changed_by_hand_or_left_unsealed_is_a_located_build_warning(project) -> None:
    """S01 for a record whose seal no longer matches; S04 for records from before seals."""
    assert _sign(project) == 0
    path = project / "proto" / "signatures.yaml"
    sealed = path.read_text()
    path.write_text(sealed.replace("name: Ann Example", "name: Anne Example"))
    app, html = _build_html(project)
    assert [w.split(": WARNING: ")[0] for w in warnings_of(app)] == ["proto/signatures.yaml:5"]
    assert "changed, added or deleted by hand" in warnings_of(app)[0]
    assert "[protocols.S01]" in warnings_of(app)[0] and "Anne Example" not in html
    path.write_text("".join(line for line in sealed.splitlines(True) if "seal:" not in line))
    app, html = _build_html(project)
    assert [w for w in warnings_of(app) if "[protocols.S04]" in w] == [
        "proto/signatures.yaml:1: WARNING: The signature record of PROT_T: 1 record at the start "
        "of the file has no seal, so a change made to it by hand cannot be detected. Check them "
        "against the file's history ('git log -p'); records added from now on are sealed. "
        "[protocols.S04]"
    ]
    assert "Ann Example" in html  # an unsealed record from before seals still counts


def test_an_editorial_mark_is_refused_for_a_correction_that_negates_a_duty(project, capsys) -> None:
    """In git the wording as signed is known: a typo fix passes, 'must' to 'must not' does not."""
    duty = project / "proto" / "index.md"
    _edit(duty, ":basis: LAW_CA\n:::", ":basis: LAW_CA\n\nThe board must publish its anual "
                                       "report in October.\n:::")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "agreed")
    assert _sign(project) == 0
    git(project, "add", "-A")
    git(project, "commit", "-qm", "signed")
    editorial = ["editorial", "PROT_T", "DUTY_A", "--reason", "typo", "--by", "Officer",
                 "--project", str(project)]
    for wording in ("must not publish its annual report in October",
                    "must publish its annual report in November"):
        _edit(duty, duty.read_text().split("The board ")[1].split(".\n")[0], wording)
        assert main(editorial) == 1
        err = capsys.readouterr().err
        assert "changed more than its wording since Ann Example signed on 2025-03-14" in err
        assert ("'not' was added or removed" in err) or ("'november', 'october' were" in err)
    _edit(duty, "must publish its annual report in November", "must publish its annual report "
          "in October")
    assert main(editorial) == 0
    out = capsys.readouterr().out
    assert "Ann Example (2025-03-14): stale -> editorial" in out and "not in version" not in out


def test_sign_refuses_a_blank_fingerprint_and_a_linked_record_file(project, tmp_path,
                                                                  capsys) -> None:
    assert _sign(project, "--fingerprint", " ") == 2
    assert "at least the first 8 characters" in capsys.readouterr().err
    outside = tmp_path / "outside.yaml"
    outside.write_text("")
    (project / "proto" / "signatures.yaml").symlink_to(outside)
    assert _sign(project) == 1
    assert "is a link to another file, so nothing was recorded" in capsys.readouterr().err
    assert outside.read_text() == ""
