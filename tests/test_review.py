"""The annual review's pure parts: word changes, plain-English link changes, items, matrix,
findings, pack."""

from __future__ import annotations

import datetime as dt
import json

from sphinx_protocols.core.ledger import append
from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.signatures import Signature, fingerprint
from sphinx_protocols.core.versions import is_later, label_of, review_due
from sphinx_protocols.core.vocabulary import LINK_TYPES
from sphinx_protocols.review import pack as packs
from sphinx_protocols.review.diff import compare, compare_findings, findings, stale_since
from sphinx_protocols.review.matrices import compare_matrix
from sphinx_protocols.review.snapshot import Snapshot
from sphinx_protocols.review.wording import line_removed
from sphinx_protocols.review.words import diff_words, plain, trim

from conftest import item

TODAY = dt.date(2026, 1, 15)


def bucks(**changes) -> Partnership:
    """A small Buckinghamshire: two boards, the BSCB's annual report to both, and the FGM theme."""
    lead = changes.get("lead", ["tbc"])
    items = [
        item(
            "PROT_B",
            "protocol",
            "Bucks protocol",
            version=changes.get("version", "V0.5"),
            approved_by="HWB",
            parties=["BODY_BSCB", "BODY_CPP", "BODY_SSBPB"],
            docname="bucks/index",
        ),
        item(
            "BODY_BSCB",
            "body",
            "Buckinghamshire Safeguarding Children Board",
            abbreviation="BSCB",
            docname="bucks/bodies",
        ),
        item(
            "BODY_CPP",
            "body",
            "Corporate Parenting Panel",
            abbreviation="CPP",
            docname="bucks/bodies",
        ),
        item(
            "BODY_SSBPB",
            "body",
            "Safer and Stronger Bucks Partnership Board",
            abbreviation="SSBPB",
            docname="bucks/bodies",
        ),
        item(
            "REP_AR",
            "report",
            "Annual Report",
            produced_by=["BODY_BSCB"],
            docname="bucks/reporting",
        ),
        item(
            "LINE_SSBPB",
            "reporting_line",
            "To the SSBPB",
            report=["REP_AR"],
            recipient=["BODY_SSBPB"],
            action=changes.get("action", "Inform"),
            docname="bucks/reporting",
        ),
        item(
            "THEME_FGM",
            "theme",
            "Female genital mutilation",
            lead=lead,
            docname=changes.get("fgm_doc", "bucks/themes"),
            content=changes.get("fgm_text", "No lead is named yet. The BSCB will call a meeting."),
        ),
    ]
    if changes.get("cpp_line", True):
        items.append(
            item(
                "LINE_CPP",
                "reporting_line",
                "To the CPP",
                report=["REP_AR"],
                recipient=["BODY_CPP"],
                action="Inform",
                timing="October",
                docname="bucks/reporting",
            )
        )
    if changes.get("new_theme"):
        items.append(
            item(
                "THEME_DV",
                "theme",
                "Domestic violence",
                lead=["BODY_SSBPB"],
                docname="bucks/themes",
            )
        )
    return Partnership(items, today=TODAY)


# -- words -----------------------------------------------------------------------------------------


def test_word_changes_are_marked_for_the_terminal_with_context() -> None:
    ops = diff_words("The board will send its report in October each year without fail.",
                     "The board must send its report in November each year without fail.")
    assert plain(ops) == ("The board [-will-] [+must+] send its report in [-October-] [+November+] "
                          "each year "
                          "without fail.")
    assert (
        plain(ops, 2)
        == "The board [-will-] [+must+] send its report in [-October-] [+November+] each year …"
    )
    assert plain(ops, 1) == "The board [-will-] [+must+] send … in [-October-] [+November+] each …"
    assert plain(diff_words("same  words\nwrapped", "same words wrapped")) == "same words wrapped"


def test_one_kept_word_between_changes_joins_them() -> None:
    assert (
        plain(diff_words("the board will send it now", "the board must send the report now"))
        == "the board [-will send it-] [+must send the report+] now"
    )


def test_trim_keeps_the_words_beside_each_change() -> None:
    ops = diff_words("one two three four five six seven eight", "one two three four FIVE six seven "
                                                                "eight")
    assert trim(ops, 1) == [("=", "… four"), ("-", "five"), ("+", "FIVE"), ("=", "six …")]


# -- plain English -------------------------------------------------------------------------------


def test_every_link_type_has_a_phrase() -> None:
    assert all(lt.phrase for lt in LINK_TYPES.values()), [
        n for n, lt in LINK_TYPES.items() if not lt.phrase
    ]


def test_a_removed_reporting_line_reads_as_a_sentence() -> None:
    p = bucks()
    assert line_removed(p, p["LINE_CPP"]) == [
        "The Buckinghamshire Safeguarding Children Board's annual report no longer goes to the "
        "Corporate "
        "Parenting Panel."
    ]


def test_item_changes_added_removed_changed_and_moved() -> None:
    old = bucks()
    new = bucks(
        lead=["BODY_SSBPB"],
        version="V0.6",
        cpp_line=False,
        new_theme=True,
        fgm_doc="bucks/other",
        fgm_text="The SSBPB leads, as the partnership meeting decided.",
        action="Challenge",
    )
    changes = {c.id: c for c in compare(old, new)}
    assert {i: c.state for i, c in changes.items()} == {
        "PROT_B": "changed", "LINE_SSBPB": "changed", "THEME_FGM": "changed", "THEME_DV": "added",
        "LINE_CPP": "removed",
    }
    fgm = changes["THEME_FGM"]
    assert ("Lead for Female genital mutilation changed from 'to be confirmed' to Safer and "
            "Stronger Bucks "
            "Partnership Board.") in fgm.sentences
    assert fgm.moved_file == ("bucks/themes", "bucks/other")
    assert plain(fgm.texts[0].ops).startswith("[-No lead is named yet. The BSCB will call a "
                                              "meeting.-] [+The SSBPB")
    assert changes["LINE_CPP"].sentences == [
        "The Buckinghamshire Safeguarding Children Board's annual report no longer goes to the "
        "Corporate "
        "Parenting Panel."]
    assert changes["PROT_B"].sentences == ["Version of the protocol changed from 'V0.5' to 'V0.6'."]
    assert changes["LINE_SSBPB"].sentences == [
        "Action of the Buckinghamshire Safeguarding Children Board's annual report to the Safer "
        "and Stronger Bucks "
        "Partnership Board changed from 'Inform' to 'Challenge'."]


def test_an_item_moved_to_another_protocol_and_an_unchanged_one() -> None:
    base = [
        item("PROT_A", "protocol", "A", docname="a/index"),
        item("PROT_B", "protocol", "B", docname="b/index"),
    ]
    old = Partnership(
        [*base, item("BODY_X", "body", "X", docname="a/bodies"), item("BODY_Y", "body", "Y")]
    )
    new = Partnership(
        [*base, item("BODY_X", "body", "X", docname="b/bodies"), item("BODY_Y", "body", "Y")]
    )
    (change,) = compare(old, new)
    assert (change.id, change.state, change.moved_protocol) == (
        "BODY_X",
        "moved",
        ("PROT_A", "PROT_B"),
    )


def test_matrix_before_and_after_marks_each_cell() -> None:
    new = bucks(cpp_line=False, action="Challenge")
    m = compare_matrix(bucks(), new, "PROT_B")
    assert [(c, n, s) for c, n, s in m.columns] == [
        ("BODY_BSCB", "BSCB", "same"),
        ("BODY_CPP", "CPP", "same"),
        ("BODY_SSBPB", "SSBPB", "same"),
    ]
    changed = {(r.report, c.column): (c.state, c.old, c.new) for r, c in m.changed_cells}
    assert changed == {("REP_AR", "BODY_SSBPB"): ("changed", "Inform", "Challenge"),
                       ("REP_AR", "BODY_CPP"): ("removed", "Inform – October", "")}


def test_findings_resolved_and_new() -> None:
    old, new = bucks(), bucks(lead=["BODY_SSBPB"])
    found = compare_findings(findings(old), findings(new))
    assert [f.rule for f in found.resolved] == ["F02"]
    assert found.appeared == []
    assert findings(old, suppressed=["protocols.F02"]) == [
        f for f in findings(old) if f.rule != "F02"
    ]


def _signature(p: Partnership) -> Signature:
    fp = fingerprint(p, "PROT_B")
    return Signature(
        "PROT_B", "SIGN_X", "Jane Doe", "Chair", dt.date(2025, 5, 1), fp.total, fp.clauses
    )


def test_a_signature_of_the_old_version_becomes_stale() -> None:
    old, new = bucks(), bucks(lead=["BODY_SSBPB"])
    stale, current = stale_since(old, new, "PROT_B", [_signature(old)], [])
    assert current == 0
    assert [(s.signature.name, [c.clause for c in s.now.substantive]) for s in stale] == [
        ("Jane Doe", ["THEME_FGM"])
    ]
    assert stale_since(old, bucks(), "PROT_B", [_signature(old)], []) == ([], 1)


# -- versions and review dates ---------------------------------------------------------------------


def test_version_labels_and_review_dates() -> None:
    assert label_of(":::{protocol} P\n:id: PROT_X\n:version: V0.6 \n:::\n") == "V0.6"
    assert (
        is_later("V0.10", "V0.9") and not is_later("V0.5", "V0.6") and not is_later("draft", "V1")
    )
    assert review_due("2016-04-20", TODAY).text == "Overdue: it was due on 20 April 2016"
    assert review_due("2016-04-20", TODAY).phrase == "review overdue since 20 April 2016"
    assert review_due("2026-03-01", TODAY).state == "due"
    assert review_due("2027-03-01", TODAY).state == "later"
    assert review_due("", TODAY).text == "No review date set"


# -- the pack ------------------------------------------------------------------------------------


def _snapshot(tmp_path, name: str, p: Partnership, dirty: bool = False) -> Snapshot:
    folder = tmp_path / name
    (folder / "files" / "bucks").mkdir(parents=True)
    return Snapshot(name, "a" * 40, "aaaaaaa", "2026-01-01", dirty, list(p.items.values()),
                    {"bucks/index": "bucks/index.md", "bucks/themes": "bucks/themes.md"}, folder)


def test_pack_as_json_and_terminal_summary(tmp_path) -> None:
    old = _snapshot(tmp_path, "V0.5", bucks())
    new = _snapshot(
        tmp_path, "V0.6", bucks(lead=["BODY_SSBPB"], version="V0.6", cpp_line=False), dirty=True
    )
    append(new.folder / "files" / "bucks" / "signatures.yaml", [_signature(bucks())])
    pack = packs.make(old, new, TODAY)
    packs.write(pack, tmp_path / "pack.json")
    again = packs.read(tmp_path / "pack.json")
    assert again == json.loads(json.dumps(pack))
    (section,) = again["protocols"]
    assert section["counts"] == {
        "added": 0,
        "removed": 1,
        "changed": 2,
        "moved": 0,
        "resolved": 1,
        "appeared": 0,
        "stale": 1,
        "cells": 1,
    }
    assert section["old_version"] == "V0.5" and section["new_version"] == "V0.6"
    text = "\n".join(packs.summary(again))
    assert (
        "Review pack: V0.5 (commit aaaaaaa of 2026-01-01) compared with V0.6 (commit aaaaaaa of "
        "2026-01-01, "
        "with uncommitted changes)." in text
    )
    assert (
        "2 clauses changed, 0 added, 1 removed, 0 moved; 1 matrix cell changed; 1 finding "
        "resolved, 0 new; "
        "1 signature made stale." in text
    )
    assert "- Removed: Reporting line LINE_CPP" in text
    assert "CPP: removed (was Inform – October; now empty)" in text
    assert "    F02 bucks/themes.md:1: Theme THEME_FGM has no confirmed lead" in text
    assert "Jane Doe, Chair, signed 2025-05-01: LINE_CPP, THEME_FGM changed" in text


def test_a_file_that_is_not_a_pack_gets_a_plain_message(tmp_path) -> None:
    import pytest

    (tmp_path / "pack.json").write_text('{"schema": "something else"}')
    with pytest.raises(packs.PackError, match="is not a review pack this version of "
                                              "sphinx-protocols reads"):
        packs.read(tmp_path / "pack.json")


def test_writing_a_pack_never_overwrites_another_file(tmp_path) -> None:
    """`protocols diff --pack signatures.yaml` once overwrote the signature record."""
    import pytest

    record = tmp_path / "signatures.yaml"
    record.write_text("- record: signature\n")
    pack = {"schema": packs.SCHEMA, "changes": []}
    with pytest.raises(packs.PackError, match="exists and is not a review pack"):
        packs.write(pack, record)
    assert record.read_text() == "- record: signature\n"
    link = tmp_path / "link.json"
    link.symlink_to(record)
    with pytest.raises(packs.PackError):
        packs.write(pack, link)
    target = tmp_path / "pack.json"
    packs.write(pack, target)
    packs.write({**pack, "changes": [1]}, target)  # an earlier pack is replaced
    assert packs.read(target)["changes"] == [1] and not list(tmp_path.glob(".*.part"))
