"""`protocols sign` and `protocols editorial`, and the signature page they feed, as a policy officer
uses them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_protocols.cli import main
from sphinx_protocols.core.ledger import append, load
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


# -- names, deputies and keys ------------------------------------------------------------------

needs_ssh_keygen = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="signing with a "
                                      "key needs ssh-keygen (apt-get install openssh-client)")


def _name_holder(project: Path) -> None:
    _edit(project / "proto" / "index.md", ":id: SIGN_A\n", ":id: SIGN_A\n:name: Bea Holder\n")


def _key(folder: Path, name: str) -> Path:
    """A throwaway ed25519 key pair, made by ssh-keygen as a signer would make theirs."""
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
                   check=True)
    return key


def _allow(project: Path, principal: str, key: Path) -> None:
    public = key.with_name(key.name + ".pub").read_text().strip()
    (project / "allowed_signers").write_text(f'"{principal}" namespaces="sphinx-protocols" '
                                             f"{public}\n")


def _forge(path: Path, key: Path) -> None:
    """Rewrite the record with a key signature the same key made for other data, sealed as the
    tool seals, as someone with the program (not the record's signer) could."""
    from sphinx_protocols.tools.sshsig import sign

    record = load(path).signatures[0]
    path.unlink()
    append(path, [dataclasses.replace(record, key_signature=sign(key, b"another record"))])


def test_an_empty_name_or_one_with_a_line_break_or_control_character_is_a_usage_error(
        project, capsys) -> None:
    for name, said in (("Ann\nExample", "a line break"), ("Ann\x1bExample", "control character"),
                       ("Ann\u202eExample", "right-to-left override"), ("  ", "is empty")):
        assert main([*SIGN[:4], "--name", name, "--project", str(project)]) == 2
        err = capsys.readouterr().err
        assert said in err and "Nothing was recorded" in err and "Traceback" not in err
    assert main([*SIGN[:4], "--name", "Ann", "--deputy-for", "Bea\tHolder", "--project",
                 str(project)]) == 2
    assert "--deputy-for must be a name on one line, but it holds a tab" in capsys.readouterr().err
    assert not (project / "proto" / "signatures.yaml").exists()


def test_another_name_than_the_signatory_items_is_refused_unless_signed_as_deputy(
        project, capsys) -> None:
    _name_holder(project)
    assert _sign(project) == 1
    err = capsys.readouterr().err
    assert ("the signatory item SIGN_A (" in err and "holds the name Bea Holder, not Ann Example. "
            'If Ann Example signs as deputy for Bea Holder, add --deputy-for "Bea Holder"' in err)
    assert _sign(project, "--deputy-for", "Bo Other") == 1
    assert "is held by Bea Holder, not Bo Other" in capsys.readouterr().err
    assert _sign(project, "--deputy-for", "Ann Example") == 2
    assert not (project / "proto" / "signatures.yaml").exists()
    assert _sign(project, "--deputy-for", "bea holder") == 0
    assert "signature of Ann Example as deputy for Bea Holder, Independent Chair" in (
        capsys.readouterr().out)
    path = project / "proto" / "signatures.yaml"
    assert "  name: Ann Example\n  deputy_for: Bea Holder\n" in path.read_text()
    app, html = _build_html(project)
    assert warnings_of(app) == []
    assert ("<strong>Current.</strong> Signed by Ann Example as deputy for Bea Holder, as "
            "Independent Chair, on 14 March 2025, for this exact version." in html)
    # the deputy is sealed: made to read as the holder's own signature, the record is refused
    path.write_text(path.read_text().replace("  deputy_for: Bea Holder\n", ""))
    app, html = _build_html(project)
    assert "[protocols.S01]" in warnings_of(app)[0] and "Ann Example" not in html


def test_sign_with_a_key_refuses_a_missing_key_and_a_key_nobody_could_check(
        project, tmp_path, capsys, monkeypatch) -> None:
    assert _sign(project, "--key", str(tmp_path / "nokey")) == 2
    assert "there is no key file" in capsys.readouterr().err
    assert _sign(project, "--key", str(tmp_path)) == 2  # a folder is not a key
    (tmp_path / "key").write_text("not a key\n")
    assert _sign(project, "--key", str(tmp_path / "key")) == 1
    assert "allowed_signers, so nobody could check a key signature" in capsys.readouterr().err
    (project / "allowed_signers").write_text("")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    assert _sign(project, "--key", str(tmp_path / "key")) == 1
    assert "the program 'ssh-keygen' is not installed" in capsys.readouterr().err
    assert not (project / "proto" / "signatures.yaml").exists()


@needs_ssh_keygen
def test_sign_refuses_a_key_that_is_not_in_allowed_signers(project, tmp_path, capsys) -> None:
    key, other = _key(tmp_path, "ann"), _key(tmp_path, "other")
    _allow(project, "Someone Else", other)
    assert _sign(project, "--key", str(key)) == 1
    err = capsys.readouterr().err
    assert "the key it was signed with is not in" in err
    public = (tmp_path / "ann.pub").read_text()
    assert f'"Ann Example" namespaces="sphinx-protocols" {public}' in err
    assert not (project / "proto" / "signatures.yaml").exists()


@needs_ssh_keygen
def test_a_key_signature_is_checked_by_every_build(project, tmp_path, capsys) -> None:
    """Shown with its key holder when it checks; S05 when forged or the key is not listed; S06
    when the project has no allowed_signers."""
    key = _key(tmp_path, "ann")
    _allow(project, "Ann Example", key)
    assert _sign(project, "--key", str(key)) == 0
    assert "Signed with the key of Ann Example" in capsys.readouterr().out
    path = project / "proto" / "signatures.yaml"
    assert "  key_signature: |\n    -----BEGIN SSH SIGNATURE-----\n" in path.read_text()
    app, html = _build_html(project)
    assert warnings_of(app) == []
    assert "on 14 March 2025, with the key of Ann Example, for this exact version." in html
    _allow(project, "Someone Else", _key(tmp_path, "other"))
    app, html = _build_html(project)
    assert [w.split(" [protocols")[0] for w in warnings_of(app)] == [
        "proto/signatures.yaml:5: WARNING: The key signature of Ann Example cannot be trusted: "
        "the key it was signed with is not in allowed_signers. If the signer's "
        "key is missing, add it to allowed_signers; otherwise restore this file from version "
        "control and sign again with --key."]
    assert "[protocols.S05]" in warnings_of(app)[0] and "with the key of" not in html
    (project / "allowed_signers").unlink()
    app, _html = _build_html(project)
    assert len(warnings_of(app)) == 1 and warnings_of(app)[0].startswith(
        "proto/signatures.yaml:5: WARNING: The signature of Ann Example carries a key signature, "
        "but there is no allowed_signers file beside conf.py")
    assert warnings_of(app)[0].endswith("[protocols.S06]")
    _allow(project, "Ann Example", key)
    _forge(path, key)
    app, _html = _build_html(project)
    assert len(warnings_of(app)) == 1 and "[protocols.S05]" in warnings_of(app)[0]
    assert "its key signature does not match the record" in warnings_of(app)[0]


@needs_ssh_keygen
def test_verify_says_whose_key_signed_and_what_is_wrong(project, tmp_path, capsys) -> None:
    from sphinx.testing.util import SphinxTestApp

    from sphinx_protocols.pdf.weasy import available

    if available():
        pytest.skip(f"making a PDF needs WeasyPrint and Pango: {available()}")
    _name_holder(project)
    key = _key(tmp_path, "ann")
    _allow(project, "ann@alpha.example", key)
    assert _sign(project, "--deputy-for", "Bea Holder", "--key", str(key)) == 0
    app = SphinxTestApp("pdf", srcdir=project, confoverrides={"protocols_pdf_only": "PROT_T"})
    try:
        app.build()
    finally:
        app.cleanup()
    verify = ["verify", str(Path(app.outdir) / "proto.pdf"), "--project", str(project)]
    capsys.readouterr()
    assert main(verify) == 0
    assert ("  - Ann Example as deputy for Bea Holder, Independent Chair, signed 2025-03-14 "
            "(SIGN_A): current, given for this exact version; signed with the key of "
            "ann@alpha.example\n") in capsys.readouterr().out
    _allow(project, "someone@else.example", _key(tmp_path, "other"))
    assert main(verify) == 1
    out = capsys.readouterr().out
    assert "; ITS KEY SIGNATURE DOES NOT CHECK: the key it was signed with is not in" in out
    assert "Result: a key signature does not check" in out
    (project / "allowed_signers").unlink()
    assert main(verify) == 1
    assert "; ITS KEY SIGNATURE CANNOT BE CHECKED: there is no" in capsys.readouterr().out
    _allow(project, "ann@alpha.example", key)
    _forge(project / "proto" / "signatures.yaml", key)
    assert main(verify) == 1
    assert "DOES NOT CHECK: its key signature does not match the record" in (
        capsys.readouterr().out)
