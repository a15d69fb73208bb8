"""The dated lexicon: loading, extending, and dating against a protocol's legal date."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_protocols.core.lexicon import PACKAGED, LexiconError, find, load, merge
from sphinx_protocols.core.rules import run_rules

from conftest import item, partnership

TERMS = load(PACKAGED)


def _rules(legal_date: str, text: str) -> list[str]:
    p = partnership(
        item(
            "PROT_T",
            "protocol",
            "P",
            legal_date=legal_date,
            version="V1",
            approved_by="B",
            next_review="2030-01-01",
        ),
        item("BODY_X", "body", "Board", content=text),
    )
    p.today = dt.date(2026, 11, 22)
    return [f.rule for f in run_rules(p) if f.rule in ("F08", "N01")]


def test_a_2015_protocol_naming_an_lscb_gets_a_note_not_a_finding() -> None:
    assert _rules("2015-04-23", "The LSCB meets quarterly.") == ["N01"]


def test_a_2019_protocol_naming_a_probation_trust_gets_a_finding() -> None:
    assert _rules("2019-06-19", "Members include Hampshire Probation Trust.") == ["F08"]


def test_a_wrong_citation_is_always_a_finding() -> None:
    assert _rules("2015-04-23", "Section 14 of the Care Act 2015 sets the objectives.") == ["F08"]


def test_a_term_named_as_history_is_not_flagged() -> None:
    assert _rules("2015-04-23", "This was formerly a duty of the primary care trust.") == []


def test_abbreviations_match_only_in_capitals_and_as_whole_words() -> None:
    names = [t.term for t, _ in find(TERMS, "The ccg and the CCGs; SCRUTINY; the CRC.")]
    assert names == ["Clinical Commissioning Group", "Community Rehabilitation Company"]


def test_a_partnership_file_adds_and_replaces_terms(tmp_path) -> None:
    mine = tmp_path / "lexicon.yaml"
    mine.write_text("- term: Care Act 2015\n  ended: never\n  successor: the Care Act 2014\n"
                    "- term: Local Health Board\n  match: [LHB]\n  ended: 2009\n  successor: its "
                    "successor\n")
    merged = merge(TERMS, load(mine))
    assert [t.successor for t in merged if t.term == "Care Act 2015"] == ["the Care Act 2014"]
    assert [t.ended for t in merged if t.term == "Local Health Board"] == [dt.date(2009, 12, 31)]
    assert len(merged) == len(TERMS) + 1


@pytest.mark.parametrize(("text", "message"), [
    ("- term: X\n", "each entry needs 'term', 'ended' and 'successor'"),
    ("- term: X\n  ended: soon\n  successor: Y\n", "'ended' must be a date (YYYY-MM-DD), a year or "
                                                   "'never'"),
    ("term: X\n", "should be a list of entries"),
    ("- [unclosed\n", "cannot be read as YAML"),
])
def test_a_bad_lexicon_file_says_where_and_why(tmp_path, text, message) -> None:
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(text)
    with pytest.raises(LexiconError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load(bad)


@pytest.mark.parametrize(("text", "term"), [
    ("The Croydon Safeguarding Children Board meets.", "Local Safeguarding Children Board"),
    ("Papers go to the BSCB.", "Local Safeguarding Children Board"),
    ("The Children's Safeguarding Board agreed it.", "Local Safeguarding Children Board"),
    ("See Working Together to Safeguard Children (2013).",
     "Working Together to Safeguard Children 2013"),
    ("In line with WT2015.", "Working Together to Safeguard Children 2015"),
    ("Working Together 2018 sets this out.", "Working Together to Safeguard Children 2018"),
    ("The Thames Valley CRC attends.", "Community Rehabilitation Company"),
    ("Hampshire Probation Trust attends.", "Probation Trust"),
    ("Bucks CCG and the PCT.", "Clinical Commissioning Group"),
    ("Advice from Public Health England.", "Public Health England"),
    ("The National Probation Service attends.", "National Probation Service"),
])
def test_the_renames_a_2010s_protocol_meets_are_found(text, term) -> None:
    assert term in [t.term for t, _ in find(TERMS, text)]


def test_working_together_2023_is_current_and_not_flagged() -> None:
    assert find(TERMS, "Working Together to Safeguard Children 2023 applies.") == []


def test_a_bad_pattern_says_where_and_why(tmp_path) -> None:
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("- term: X\n  patterns: ['(unclosed']\n  ended: 2020\n  successor: Y\n")
    with pytest.raises(LexiconError, match=r"lexicon\.yaml:2: the pattern"):
        load(bad)


def test_final_on_a_version_label_is_not_an_abbreviation() -> None:
    p = partnership(item("BODY_X", "body", "Board",
                         content="Version V1.0 FINAL, agreed by the board."))
    assert [f for f in run_rules(p) if f.rule in ("F05", "F06")] == []
