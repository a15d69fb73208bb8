"""Content fingerprints, signature records and stale-signature detection: pure logic, no Sphinx."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sphinx_protocols.core import ledger
from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.signatures import (
    PARTNERSHIP,
    Editorial,
    Signature,
    changes_between,
    fingerprint,
    plan_editorial,
    status,
)
from sphinx_protocols.tools.vcs import NOT_IN_VERSION_CONTROL, describe

from conftest import REPO, item

DAY = dt.date(2025, 3, 14)


def protocol_items(**changes) -> list:
    """A small protocol; keyword arguments replace items by ID."""
    items = {
        "PROT_T": item(
            "PROT_T",
            "protocol",
            "Test protocol",
            status="draft",
            version="V1",
            parties=["BODY_A", "BODY_B"],
            content="The boards agree this.",
        ),
        "BODY_A": item("BODY_A", "body", "Alpha Board", kind="board"),
        "BODY_B": item("BODY_B", "body", "Beta Board", kind="board"),
        "DUTY_A": item(
            "DUTY_A",
            "duty",
            "Publish a report",
            owner=["BODY_A"],
            modality="must",
            content="The board publishes its annual\nreport each October.",
        ),
        "LINE_A": item(
            "LINE_A",
            "reporting_line",
            "Report to Beta",
            report=["REP_A"],
            recipient=["BODY_B"],
            action="Inform",
            timing="October",
        ),
        "REP_A": item("REP_A", "report", "Annual report", produced_by=["BODY_A"]),
        "SIGN_A": item("SIGN_A", "signatory", "Chair", office=["ROLE_A"]),
        "LAW_CA": item("LAW_CA", "statute", "Children Act 2004", docname="law/index"),
    }
    items["DUTY_A"].links["basis"] = ["LAW_CA"]
    items.update(changes)
    return list(items.values())


def fp(*items):
    return fingerprint(Partnership(items or protocol_items()), "PROT_T")


def signed(at=None, signatory: str = "SIGN_A") -> Signature:
    at = at or fp()
    return Signature("PROT_T", signatory, "Ann Example", "Chair", DAY, at.total, at.clauses)


def test_fingerprint_covers_the_protocols_items_and_linked_shared_items_not_signatories() -> None:
    clauses = fp().clauses
    assert set(clauses) == {"PROT_T", "BODY_A", "BODY_B", "DUTY_A", "LINE_A", "REP_A", "LAW_CA"}
    assert len(fp().total) == 64


def test_whitespace_file_moves_and_link_order_do_not_change_the_fingerprint() -> None:
    before = fp()
    rewrapped = dataclasses.replace(
        protocol_items()[3],
        content="  The board publishes its annual report\n\n each October.  ",
        docname="proto/duties",
        lineno=40,
    )
    reordered = dataclasses.replace(protocol_items()[0], links={"parties": ["BODY_B", "BODY_A"]})
    assert fp(*protocol_items(DUTY_A=rewrapped, PROT_T=reordered)) == before


def test_record_fields_of_the_protocol_and_signatories_are_not_signed() -> None:
    before = fp()
    agreed = item(
        "PROT_T",
        "protocol",
        "Test protocol",
        status="agreed",
        version="V2",
        next_review="2030-01-01",
        parties=["BODY_A", "BODY_B"],
        content="The boards agree this.",
    )
    named = item("SIGN_A", "signatory", "Chair", office=["ROLE_A"], name="Ann Example")
    assert fp(*protocol_items(PROT_T=agreed, SIGN_A=named)).total == before.total


def test_a_changed_timing_changes_the_structure_half_only_of_that_clause() -> None:
    before = fp()
    after = fp(
        *protocol_items(
            LINE_A=item(
                "LINE_A",
                "reporting_line",
                "Report to Beta",
                report=["REP_A"],
                recipient=["BODY_B"],
                action="Inform",
                timing="November",
            )
        )
    )
    assert after.total != before.total
    assert [c for c in before.clauses if before.clauses[c] != after.clauses[c]] == ["LINE_A"]
    old, new = before.clauses["LINE_A"].split("."), after.clauses["LINE_A"].split(".")
    assert old[0] != new[0] and old[1] == new[1]


def test_a_typo_fix_changes_the_wording_half_only() -> None:
    typo = dataclasses.replace(
        protocol_items()[3], content="The board publishes its anual report each October."
    )
    before, after = fp(*protocol_items(DUTY_A=typo)), fp()
    old, new = before.clauses["DUTY_A"].split("."), after.clauses["DUTY_A"].split(".")
    assert old[0] == new[0] and old[1] != new[1]


def test_partnership_fingerprint_covers_every_item_but_signatories() -> None:
    whole = fingerprint(Partnership(protocol_items()), PARTNERSHIP)
    assert "SIGN_A" not in whole.clauses and "LAW_CA" in whole.clauses


def test_signature_is_current_then_stale_after_a_clause_edit_and_lists_it() -> None:
    sig = signed()
    assert status(sig, fp()).state == "current"
    duty = protocol_items()[3]
    edited = fp(
        *protocol_items(
            DUTY_A=dataclasses.replace(duty, fields={**duty.fields, "modality": "should"})
        )
    )
    result = status(sig, edited)
    assert result.state == "stale" and [(c.clause, c.kind) for c in result.changes] == [
        ("DUTY_A", "changed")
    ]


def test_added_and_removed_clauses_are_listed() -> None:
    sig = signed()
    now = fp(*[i for i in protocol_items() if i.id != "LINE_A"], item("BODY_C", "body", "Gamma"))
    assert [(c.clause, c.kind) for c in status(sig, now).changes] == [
        ("BODY_C", "added"),
        ("LINE_A", "removed"),
    ]


def test_marked_editorial_wording_change_keeps_the_signature_current() -> None:
    typo = dataclasses.replace(
        protocol_items()[3], content="The board publishes its anual report each October."
    )
    sig = signed(fp(*protocol_items(DUTY_A=typo)))
    now = fp()
    assert status(sig, now).state == "stale"
    plan = plan_editorial("DUTY_A", [sig], now)
    assert plan.refusal == "" and plan.pairs == [(sig.clauses["DUTY_A"], now.clauses["DUTY_A"])]
    marks = [Editorial("PROT_T", "DUTY_A", *plan.pairs[0], "typo", "Officer", DAY)]
    result = status(sig, now, marks)
    assert result.state == "editorial" and result.current and result.changes[0].editorial


def test_a_field_change_cannot_be_marked_editorial() -> None:
    sig = signed()
    duty = protocol_items()[3]
    now = fp(
        *protocol_items(DUTY_A=dataclasses.replace(duty, fields={**duty.fields, "modality": "may"}))
    )
    plan = plan_editorial("DUTY_A", [sig], now)
    assert "changed more than its wording" in plan.refusal
    forged = [
        Editorial("PROT_T", "DUTY_A", sig.clauses["DUTY_A"], now.clauses["DUTY_A"], "no", "x", DAY)
    ]
    assert (
        status(sig, now, forged).state == "stale"
    )  # a hand-written mark across a field change is ignored


def test_new_or_unchanged_clauses_cannot_be_marked() -> None:
    sig = signed()
    assert "has not changed" in plan_editorial("DUTY_A", [sig], fp()).refusal
    now = fp(*protocol_items(), item("BODY_C", "body", "Gamma"))
    assert "added after" in plan_editorial("BODY_C", [sig], now).refusal
    assert "is not a clause" in plan_editorial("BODY_Z", [sig], now).refusal


def test_changes_between_is_symmetric_in_what_it_names() -> None:
    assert [
        c.clause for c in changes_between({"A": "1.1", "B": "2.2"}, {"A": "1.1", "B": "2.3"})
    ] == ["B"]


# -- the YAML record file ---------------------------------------------------------------------


def test_records_round_trip_and_appending_keeps_earlier_bytes(tmp_path) -> None:
    path = tmp_path / ledger.FILENAME
    first = signed()
    ledger.append(path, [first])
    before = path.read_bytes()
    second = dataclasses.replace(first, signatory="SIGN_B", name="Bo Example")
    mark = Editorial(
        "PROT_T",
        "DUTY_A",
        "a" * 16 + "." + "b" * 16,
        "a" * 16 + "." + "c" * 16,
        "typo",
        "Officer",
        DAY,
    )
    ledger.append(path, [second, mark])
    assert path.read_bytes().startswith(before)
    loaded = ledger.load(path, "PROT_T")
    assert [s.name for s in loaded.signatures] == ["Ann Example", "Bo Example"]
    assert loaded.signatures[0].clauses == first.clauses and loaded.signatures[0].date == DAY
    assert (
        loaded.editorials[0].reason == "typo"
        and loaded.signatures[1].line > loaded.signatures[0].line
    )


def test_missing_file_is_an_empty_ledger(tmp_path) -> None:
    assert ledger.load(tmp_path / "none.yaml").signatures == []


BAD = {
    "not yaml": ("- record: signature\n  name: [unclosed\n", "cannot be read"),
    "not a list": ("record: signature\n", "must be a list of records"),
    "unknown kind": ("- record: autograph\n", "'record: autograph' is not a kind of record"),
    "unknown key": ("- record: editorial\n  colour: red\n", "an editorial record has no 'colour'"),
    "missing key": (
        "- record: signature\n  protocol: PROT_T\n",
        "this signature record has no 'signatory'",
    ),
    "bad date": (
        "- record: editorial\n  protocol: PROT_T\n  clause: X\n  before: x\n  after: y\n  "
        "reason: r\n"
        "  by: b\n  date: soon\n",
        "the date 'soon' is not a date",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_damaged_record_file_gets_a_located_plain_message(tmp_path, case) -> None:
    text, words = BAD[case]
    path = tmp_path / ledger.FILENAME
    path.write_text("# header\n" + text)
    with pytest.raises(ledger.LedgerError) as err:
        ledger.load(path, "PROT_T")
    assert words in str(err.value) and str(path) in str(err.value)
    assert err.value.line >= 1


def test_a_record_for_another_protocol_or_a_damaged_fingerprint_is_refused(tmp_path) -> None:
    path = tmp_path / ledger.FILENAME
    ledger.append(path, [signed()])
    with pytest.raises(ledger.LedgerError, match="but the file sits beside PROT_OTHER"):
        ledger.load(path, "PROT_OTHER")
    path.write_text(path.read_text().replace(fp().total, "abc123"))
    with pytest.raises(ledger.LedgerError, match="damaged"):
        ledger.load(path, "PROT_T")


def _signatures_of(n: int) -> list:
    return [
        dataclasses.replace(signed(), signatory=f"SIGN_{i}", name=f"Person {i}") for i in range(n)
    ]


def _records(path) -> list[str]:
    """The file's header and its records, each as text, to change one by hand."""
    text = path.read_text()
    head, *records = text.split("- record:")
    return [head, *("- record:" + r for r in records)]


TAMPER = {
    "a fingerprint changed": lambda r: [*r[:2], r[2].replace(fp().total[:8], "00000000"), r[3]],
    "a name changed": lambda r: [*r[:2], r[2].replace("Person 1", "Person 9"), r[3]],
    "a record deleted": lambda r: [r[0], r[1], r[3]],
    "two records swapped": lambda r: [r[0], r[2], r[1], r[3]],
    "a record copied": lambda r: [*r, r[3]],
    "a forged record added": lambda r: [
        *r,
        "".join(
            line
            for line in r[3].replace("Person 2", "Forger").splitlines(True)
            if "seal:" not in line
        ),
    ],
}


@pytest.mark.parametrize("case", TAMPER, ids=list(TAMPER))
def test_a_record_changed_added_or_deleted_by_hand_is_found(tmp_path, case) -> None:
    path = tmp_path / ledger.FILENAME
    ledger.append(path, _signatures_of(3))
    assert len(ledger.load(path, "PROT_T").signatures) == 3
    path.write_text("".join(TAMPER[case](_records(path))))
    with pytest.raises(ledger.LedgerError, match="by hand") as err:
        ledger.load(path, "PROT_T")
    assert err.value.line > 1


def test_records_from_before_seals_are_counted_and_new_ones_sealed_on_top(tmp_path) -> None:
    path = tmp_path / ledger.FILENAME
    ledger.append(path, _signatures_of(2))
    path.write_text(
        "".join(line for line in path.read_text().splitlines(True) if "seal:" not in line)
    )
    assert ledger.load(path, "PROT_T").unsealed == 2
    ledger.append(path, _signatures_of(3)[2:])
    loaded = ledger.load(path, "PROT_T")
    assert (loaded.unsealed, len(loaded.signatures)) == (2, 3)
    path.write_text(path.read_text().replace("Person 0", "Someone else"))  # under the seal
    with pytest.raises(ledger.LedgerError, match="by hand"):
        ledger.load(path, "PROT_T")


def test_records_written_before_deputies_and_keys_still_read_and_verify() -> None:
    """The example partnership's records were sealed before either field existed."""
    files = sorted((REPO / "protocols").glob("*/signatures.yaml"))
    assert files
    for path in files:
        loaded = ledger.load(path)
        assert loaded.signatures and loaded.unsealed == 0
        assert not any(s.deputy_for or s.key_signature for s in loaded.signatures)
        assert [s.signer for s in loaded.signatures] == [s.name for s in loaded.signatures]


def test_a_deputy_and_a_key_signature_are_sealed_and_written_only_when_given(tmp_path) -> None:
    path = tmp_path / ledger.FILENAME
    ledger.append(path, [signed()])
    assert "deputy_for" not in path.read_text() and "key_signature" not in path.read_text()
    signed_data: list[bytes] = []

    def key_sign(data: bytes) -> str:
        signed_data.append(data)
        return "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n"

    deputy = dataclasses.replace(signed(signatory="SIGN_B"), deputy_for="Bea Holder")
    ledger.append(path, [deputy], key_sign)
    loaded = ledger.load(path, "PROT_T").signatures[1]
    assert loaded.signer == "Ann Example as deputy for Bea Holder"
    assert loaded.key_signature.splitlines()[1] == "U1NIU0lH"
    assert signed_data == [loaded.signed.encode("ascii")] and len(loaded.signed) == 64
    assert "  key_signature: |\n    -----BEGIN SSH SIGNATURE-----\n" in path.read_text()
    sealed = path.read_text()
    for old, new in (("  deputy_for: Bea Holder\n", ""), ("U1NIU0lH", "U1NIU0lI")):
        path.write_text(sealed.replace(old, new))
        with pytest.raises(ledger.LedgerError, match="by hand"):
            ledger.load(path, "PROT_T")


# -- the git wrapper ----------------------------------------------------------------------------


def test_outside_a_git_checkout_the_commit_is_not_in_version_control(tmp_path) -> None:
    commit = describe(tmp_path)
    assert commit.short == NOT_IN_VERSION_CONTROL and commit.label == "not in version control"


def test_in_a_git_checkout_the_short_commit_and_changes_are_reported(tmp_path) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "a.md").write_text("x")
    git("add", "a.md")
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    clean = describe(tmp_path)
    assert clean.known and len(clean.short) >= 7 and not clean.dirty
    (tmp_path / "a.md").write_text("y")
    assert describe(tmp_path).label == f"{clean.short} + uncommitted changes"
