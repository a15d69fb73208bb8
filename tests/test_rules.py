"""Each rule: a failing case whose message is the one the guide shows, and a passing case."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sphinx_protocols.core.rules import RULES, run_rules
from sphinx_protocols.core.versions import TagCheck

from conftest import item, partnership


def messages(p, rule_id: str) -> list[str]:
    return [f.message for f in run_rules(p) if f.rule == rule_id]


BODY_A = item("BODY_A", "body", "Alpha Board", abbreviation="AB")
BODY_B = item("BODY_B", "body", "Beta Board", abbreviation="BB")
LAW = item("LAW_CA", "statute", "Children Act 2004")
REPORT = item("REP_AR", "report", "Annual Report", produced_by=["BODY_A"])
AGREED = item("PROT_X", "protocol", "Protocol", status="agreed", version="V1", approved_by="Board",
              date_agreed="2017-02-14", next_review="2030-01-01")
ROLE_CHAIR = item("ROLE_C", "role", "Chair")

FAILING = {
    "P01": [item("DUTY_X", "duty", "A duty", owner=["BODY_NOPE"])],
    "P02": [LAW, item("DUTY_X", "duty", "A duty", owner=["LAW_CA"])],
    "P03": [BODY_A, item("REP_X", "report", "A report", owner=["BODY_A"])],
    "P05": [item("DUTY_X", "duty", "A duty")],
    "P06": [
        item("REP_AR", "report", "Annual Report"),
        BODY_B,
        item("LINE_X", "reporting_line", report=["REP_AR"], recipient=["BODY_B"], action="Inform"),
    ],
    "P07": [item("SIGN_X", "signatory", "Chair")],
    "P08": [
        BODY_A,
        REPORT,
        item("LINE_X", "reporting_line", report=["REP_AR"], recipient=["BODY_A"], action="Inform"),
    ],
    "P09": [
        item("BODY_A", "body", "A", accountable_to=["BODY_B"]),
        item("BODY_B", "body", "B", accountable_to=["BODY_A"]),
    ],
    "P10": [
        BODY_A,
        BODY_B,
        REPORT,
        item("LINE_X", "reporting_line", report=["REP_AR"], recipient=["BODY_B"], action="Tell"),
    ],
    "P11": [item("BSCB", "body", "Board")],
    "P12": [
        BODY_A,
        BODY_B,
        REPORT,
        item("BODY_C", "body", "C"),
        item(
            "LINE_X",
            "reporting_line",
            report=["REP_AR"],
            sender=["BODY_B"],
            recipient=["BODY_C"],
            action="Inform",
        ),
    ],
    "P15": [item("MEET_X", "meeting", "Board meetings")],
    "P17": [BODY_A, item("DUTY_A", "duty", "Outer", owner=["BODY_A"]),
            replace(item("DUTY_B", "duty", "Inner", owner=["BODY_A"]), parent="DUTY_A")],
    "F17": [item("PROT_X", "protocol", "Protocol", version="V1", approved_by="Board",
                 next_review="2030-01-01",
                 date_agreed="blank")],
    "F18": [AGREED, ROLE_CHAIR, item("SIGN_X", "signatory", "Chair", office=["ROLE_C"])],
    "F19": [item("PROT_X", "protocol", "Protocol", version="V2.0",
                 approved_by="Board", next_review="2030-01-01"),
            item("VER_1", "version", "First", version="V1.0")],
    "F01": [item("BODY_X", "body", "Board", content="Terms of reference: To be added.")],
    "F02": [item("THEME_X", "theme", "Female genital mutilation", lead=["tbc"])],
    "F03": [item("PROT_X", "protocol", "Protocol", version="V1", approved_by="Board")],
    "F04": [item("BODY_X", "body", "Board", challenges=["BODY_X"])],
    "F05": [
        item(
            "BODY_BSCB", "body", "Buckinghamshire Safeguarding Children Board", abbreviation="BSCB"
        ),
        item(
            "THEME_X",
            "theme",
            "Child sexual exploitation",
            lead=["BODY_BSCB"],
            content="Lead: BCCB",
        ),
    ],
    "F06": [item("THEME_X", "theme", "Prevent", lead=["tbc"], content="A briefing from SECTU.")],
    "F07": [item("PROT_X", "protocol", "Protocol", version="V1", next_review="2030-01-01")],
    "F08": [
        item(
            "PROT_T",
            "protocol",
            "P",
            legal_date="2019-06-19",
            version="V1",
            approved_by="B",
            next_review="2030-01-01",
        ),
        item("ORG_X", "organisation", "Hampshire Probation Trust"),
    ],
    "N01": [
        item(
            "PROT_T",
            "protocol",
            "P",
            legal_date="2019-06-19",
            version="V1",
            approved_by="B",
            next_review="2030-01-01",
        ),
        item("ORG_X", "organisation", "Portsmouth CCG", abbreviation="CCG"),
    ],
    "F09": [
        item("BODY_X", "body", "Board"),
        item("ROLE_X", "role", "Chief Superintendent"),
        item("MEET_X", "meeting", "Board meetings", rules_for=["BODY_X"], quorum=["ROLE_X"]),
    ],
    "F10": [
        BODY_A,
        item(
            "MEET_X",
            "meeting",
            "Board meetings",
            rules_for=["BODY_A"],
            meetings_per_year="4",
            attendance="75%",
            attendance_minimum="4",
        ),
    ],
    "F11": [
        BODY_A,
        item(
            "MEET_X",
            "meeting",
            "Board meetings",
            rules_for=["BODY_A"],
            agenda_deadline="1 week",
            papers_deadline="2 weeks",
        ),
    ],
    "F12": [
        BODY_A,
        item("MEET_X", "meeting", "Board meetings", rules_for=["BODY_A"], notice="10 days"),
    ],
    "F13": [
        item("BODY_C", "body", "Croydon Safeguarding Children Board", abbreviation="CSCB"),
        item("TERM_L", "term", "LSCB", abbreviation="LSCB", refers_to=["BODY_C"]),
        item("ROLE_X", "role", "LSCB Independent Chairperson"),
    ],
    "F14": [
        item(
            "DUTY_A",
            "duty",
            "Monitor",
            owner=["BODY_A"],
            clause="4",
            clause_title="Role of the LSCB",
        ),
        item(
            "DUTY_X",
            "duty",
            "Challenge",
            owner=["BODY_A"],
            clause="4",
            clause_title="Independence and challenge",
        ),
        BODY_A,
    ],
    "F15": [
        item(
            "PROT_X",
            "protocol",
            "Protocol",
            version="V1",
            approved_by="Board",
            next_review="2020-01-01",
        )
    ],
    "F16": [
        item(
            "PROT_X",
            "protocol",
            "Protocol",
            version="V1",
            approved_by="Board",
            next_review="2999-01-01",
        ),
        TagCheck("PROT_X", "proto/V2", "V2"),
    ],
    "F20": [BODY_A, item("DUTY_X", "duty", "A duty", owner=["BODY_A"], imported="owner")],
    "F21": [BODY_A, BODY_B, REPORT, item("LINE_X", "reporting_line", "Report to Beta",
                                         report=["REP_AR"], recipient=["BODY_B"], action="Inform",
                                         timing="regularly")],
    "P21": [item("STEP_X", "escalation", "Ask the chair", escalates_to=["STEP_X"])],
    "P22": [BODY_A, item("DUTY_X", "duty", "", owner=["BODY_A"])],
}

PASSING = {
    "P01": [BODY_A, item("DUTY_X", "duty", "A duty", owner=["BODY_A"])],
    "P02": [BODY_A, item("DUTY_X", "duty", "A duty", owner=["BODY_A"])],
    "P03": [BODY_A, item("DUTY_X", "duty", "A duty", owner=["BODY_A"])],
    "P05": [BODY_A, item("DUTY_X", "duty", "A duty", owner=["BODY_A"])],
    "P06": [
        BODY_A,
        BODY_B,
        REPORT,
        item("LINE_X", "reporting_line", report=["REP_AR"], recipient=["BODY_B"], action="Inform"),
    ],
    "P07": [
        item("ROLE_C", "role", "Chair"),
        item("SIGN_X", "signatory", "Chair", office=["ROLE_C"]),
    ],
    "P08": [
        BODY_A,
        BODY_B,
        REPORT,
        item("LINE_X", "reporting_line", report=["REP_AR"], recipient=["BODY_B"], action="Inform"),
    ],
    "P09": [
        item("BODY_A", "body", "A", accountable_to=["BODY_B"], challenges=["BODY_B"]),
        item("BODY_B", "body", "B", challenges=["BODY_A"]),
    ],
    "P10": [
        BODY_A,
        BODY_B,
        REPORT,
        item("LINE_X", "reporting_line", report=["REP_AR"], recipient=["BODY_B"], action="✓"),
    ],
    "P11": [item("BODY_BSCB", "body", "Board")],
    "P12": [
        BODY_A,
        BODY_B,
        REPORT,
        item(
            "LINE_X",
            "reporting_line",
            report=["REP_AR"],
            sender=["BODY_A"],
            recipient=["BODY_B"],
            action="Inform",
        ),
    ],
    "P15": [BODY_A, item("MEET_X", "meeting", "Board meetings", rules_for=["BODY_A"])],
    "P17": [BODY_A, item("DUTY_A", "duty", "Outer", owner=["BODY_A"]),
            item("DUTY_B", "duty", "Inner", owner=["BODY_A"])],
    "F17": [item("PROT_X", "protocol", "Protocol", version="V1", approved_by="Board",
                 next_review="2030-01-01",
                 date_agreed="2017-02-14")],
    "F18": [AGREED, ROLE_CHAIR, item("SIGN_X", "signatory", "Chair", office=["ROLE_C"],
                                     signed_on="2017-02-14")],
    "F19": [item("PROT_X", "protocol", "Protocol", version="V2.0",
                 approved_by="Board", next_review="2030-01-01"),
            item("VER_1", "version", "First", version="V1.0"),
            item("VER_2", "version", "Second", version="v2.0")],
    "F01": [item("BODY_X", "body", "Board", content="Terms of reference are on the website.")],
    "F02": [BODY_A, item("THEME_X", "theme", "Female genital mutilation", lead=["BODY_A"])],
    "F03": [
        item(
            "PROT_X",
            "protocol",
            "Protocol",
            version="V1",
            approved_by="Board",
            next_review="2030-01-01",
        )
    ],
    "F04": [item("BODY_X", "body", "Board", challenges=["BODY_A"]), BODY_A],
    "F05": [
        item(
            "BODY_BSCB", "body", "Buckinghamshire Safeguarding Children Board", abbreviation="BSCB"
        ),
        item(
            "THEME_X",
            "theme",
            "Child sexual exploitation",
            lead=["BODY_BSCB"],
            content="Lead: BSCB",
        ),
    ],
    "F06": [
        item(
            "TERM_SECTU",
            "term",
            "SECTU",
            abbreviation="SECTU",
            expansion="South East Counter Terrorism Unit",
        ),
        BODY_A,
        item("THEME_X", "theme", "Prevent", lead=["BODY_A"], content="A briefing from SECTU."),
    ],
    "F07": [
        item(
            "PROT_X",
            "protocol",
            "Protocol",
            version="V1",
            approved_by="Board",
            next_review="2030-01-01",
        )
    ],
    "F08": [
        item(
            "PROT_T",
            "protocol",
            "P",
            legal_date="2013-06-19",
            version="V1",
            approved_by="B",
            next_review="2030-01-01",
        ),
        item("ORG_X", "organisation", "Hampshire Probation Trust"),
    ],
    "N01": [
        item(
            "PROT_T",
            "protocol",
            "P",
            legal_date="2023-06-19",
            version="V1",
            approved_by="B",
            next_review="2030-01-01",
        ),
        item("ORG_X", "organisation", "Portsmouth ICB", abbreviation="ICB"),
    ],
    "F09": [
        item("BODY_X", "body", "Board"),
        item("ROLE_X", "role", "Chief Superintendent", member_of=["BODY_X"]),
        item("MEET_X", "meeting", "Board meetings", rules_for=["BODY_X"], quorum=["ROLE_X"]),
    ],
    "F10": [
        BODY_A,
        item(
            "MEET_X",
            "meeting",
            "Board meetings",
            rules_for=["BODY_A"],
            meetings_per_year="4",
            attendance="75%",
            attendance_minimum="3",
        ),
    ],
    "F11": [
        BODY_A,
        item(
            "MEET_X",
            "meeting",
            "Board meetings",
            rules_for=["BODY_A"],
            report_deadline="3 weeks",
            agenda_deadline="2 weeks",
            papers_deadline="1 week",
        ),
    ],
    "F12": [
        BODY_A,
        item(
            "MEET_X",
            "meeting",
            "Board meetings",
            rules_for=["BODY_A"],
            notice="10 working days",
            extraordinary_notice="5 working days",
        ),
    ],
    "F13": [
        item("BODY_C", "body", "Croydon Safeguarding Children Board", abbreviation="CSCB"),
        item("TERM_L", "term", "CSCB", abbreviation="CSCB", refers_to=["BODY_C"]),
        item("ROLE_X", "role", "CSCB Independent Chairperson"),
    ],
    "F14": [
        item(
            "DUTY_A",
            "duty",
            "Monitor",
            owner=["BODY_A"],
            clause="4",
            clause_title="Role of the LSCB",
        ),
        item(
            "DUTY_X",
            "duty",
            "Challenge",
            owner=["BODY_A"],
            clause="4.1",
            clause_title="Independence and challenge",
        ),
        BODY_A,
    ],
    "F15": [
        item(
            "PROT_X",
            "protocol",
            "Protocol",
            version="V1",
            approved_by="Board",
            next_review="2999-01-01",
        )
    ],
    "F16": [
        item(
            "PROT_X",
            "protocol",
            "Protocol",
            version="V3",
            approved_by="Board",
            next_review="2999-01-01",
        ),
        TagCheck("PROT_X", "proto/V2", "V2"),
    ],
    "F20": [BODY_A, item("DUTY_X", "duty", "A duty", owner=["BODY_A"], imported=" , ")],
    "F21": [BODY_A, BODY_B, REPORT, item("LINE_X", "reporting_line", "Report to Beta",
                                         report=["REP_AR"], recipient=["BODY_B"], action="Inform",
                                         timing="annually in October")],
    "P21": [item("STEP_X", "escalation", "Ask the chair", escalates_to=["STEP_Y"]),
            item("STEP_Y", "escalation", "Ask the board")],
    "P22": [BODY_A, item("DUTY_X", "duty", "A duty", owner=["BODY_A"])],
}

# those are found while pages are read: tested in a real build, and in the corpus (tests/malformed)
# (P40: tests/test_escaping.py; P41, P42: the corpus)
READ_TIME = ("P04", "P13", "P14", "P18", "P19", "P20", "P23", "P24", "P25", "P26", "P27",
             "P28", "P40", "P41", "P42")
CHECKED = sorted(r for r in RULES if r not in READ_TIME)


@pytest.mark.parametrize("rule_id", CHECKED)
def test_failing_case_gives_the_documented_message(rule_id: str) -> None:
    assert messages(partnership(*FAILING[rule_id]), rule_id) == [RULES[rule_id].example]


@pytest.mark.parametrize("rule_id", CHECKED)
def test_passing_case_is_quiet(rule_id: str) -> None:
    assert messages(partnership(*PASSING[rule_id]), rule_id) == []


def test_every_rule_has_cases() -> None:
    assert set(CHECKED) == set(FAILING) == set(PASSING)


def test_findings_in_an_agreed_protocol_are_for_the_next_review_not_errors() -> None:
    theme = item("THEME_X", "theme", "FGM", lead=["tbc"])
    draft = [f for f in run_rules(partnership(theme)) if f.rule == "F02"]
    agreed = [f for f in run_rules(partnership(theme, protocol_status="agreed")) if f.rule == "F02"]
    assert [(f.severity, f.next_review, f.label) for f in draft] == [("finding", False, "finding")]
    assert [(f.severity, f.next_review, f.label) for f in agreed] == [
        ("finding", True, "to resolve at the next review")]


def test_an_overdue_review_of_an_agreed_protocol_is_a_finding_never_an_error() -> None:
    proto = item("PROT_X", "protocol", "Protocol", status="agreed", version="V1",
                 approved_by="Board",
                 next_review="2016-04-20")
    found = [f for f in run_rules(partnership(proto)) if f.rule == "F15"]
    assert [(f.severity, f.next_review) for f in found] == [("finding", True)]


def test_strict_makes_every_finding_an_error() -> None:
    found = run_rules(partnership(item("THEME_X", "theme", "FGM", lead=["tbc"])), strict=True)
    assert {f.severity for f in found} == {"error"}


def test_one_protocol_can_opt_in_to_strictness() -> None:
    strict = item("PROT_S", "protocol", "Strict one", status="agreed", version="V1",
                  approved_by="Board",
                  next_review="2030-01-01", strict="yes")
    found = run_rules(partnership(strict, item("THEME_X", "theme", "FGM", lead=["tbc"])))
    got = [(f.rule, f.severity, f.next_review) for f in found if f.rule == "F02"]
    assert got == [("F02", "error", False)]


def test_a_link_to_a_missing_item_is_reported_before_its_knock_on_problems() -> None:
    p = partnership(BODY_B, item("LINE_X", "reporting_line", report=["REP_MISTYPED"],
                                 recipient=["BODY_B"],
                                 action="Inform", docname="proto/a"),
                    item("DUTY_X", "duty", "A duty", docname="proto/0"))
    errors = [f.rule for f in run_rules(p) if f.severity == "error"]
    assert errors[0] == "P01" and "P05" in errors


def test_action_case_slip_gets_a_hint() -> None:
    p = partnership(
        BODY_A,
        BODY_B,
        REPORT,
        item("LINE_X", "reporting_line", report=["REP_AR"], recipient=["BODY_B"], action="inform"),
    )
    assert messages(p, "P10") == [
        "Reporting line LINE_X: the action 'inform' is not in the vocabulary. Use one of: Inform, "
        "Consult, "
        "Assure, Approve, Challenge, Escalate, Note, ✓. Did you mean 'Inform'?"
    ]


def test_dates_must_be_iso() -> None:
    p = partnership(
        item("PROT_X", "protocol", "P", version="V1", approved_by="B", next_review="soon")
    )
    assert messages(p, "P10") == [
        "Protocol PROT_X: the next review 'soon' is not a date. Write it as YYYY-MM-DD, for "
        "example 2015-04-20."
    ]


def test_abbreviations_are_scoped_to_their_protocol() -> None:
    from sphinx_protocols.core.model import Partnership

    bucks = [item("PROT_B", "protocol", "Bucks", docname="bucks/index"),
             item("BODY_B_BSCB", "body", "Bucks board", abbreviation="BSCB", docname="bucks/index")]
    other = [
        item("PROT_O", "protocol", "Other", docname="other/index"),
        item("DUTY_O", "duty", "Report to the BSCB", owner=["BODY_B_BSCB"], docname="other/index"),
    ]
    found = [f.message for f in run_rules(Partnership(bucks + other)) if f.rule == "F06"]
    assert found == ["Duty DUTY_O writes 'BSCB', which this protocol does not define. "
                     "Add a term item saying what it stands for."]


def test_near_abbreviation_prefers_a_same_length_slip() -> None:
    p = partnership(
        item("ORG_BCC", "organisation", "County Council", abbreviation="BCC"),
        item("BODY_BSCB", "body", "Children Board", abbreviation="BSCB"),
        item(
            "THEME_X", "theme", "CSE", lead=["BODY_BSCB"], content="Lead: BCCB", abbreviation="CSE"
        ),
    )
    assert messages(p, "F05") == [
        "Theme THEME_X writes 'BCCB', which is one letter away from 'BSCB' (Children Board). "
        "Correct it, or add a term item if it means something else."
    ]


def test_each_placeholder_is_reported_even_across_a_line_break() -> None:
    p = partnership(item("BODY_X", "body", "Board", content="Terms: to be added.\nGovernance: To "
                                                            "be\nupdated."))
    assert messages(p, "F01") == [
        "Body BODY_X still has placeholder text: 'To be updated'. Replace it with the real text "
        "before the "
        "protocol is agreed.",
        "Body BODY_X still has placeholder text: 'to be added'. Replace it with the real text "
        "before the "
        "protocol is agreed.",
    ]


def test_overdue_review_uses_the_build_date() -> None:
    import datetime as dt

    from sphinx_protocols.core.model import Partnership

    proto = item(
        "PROT_X",
        "protocol",
        "Protocol",
        version="V1",
        approved_by="Board",
        next_review="2016-04-20",
    )
    assert [f.rule for f in run_rules(Partnership([proto], today=dt.date(2016, 4, 20)))
            if f.rule == "F15"] == []
    assert [f.rule for f in run_rules(Partnership([proto], today=dt.date(2016, 4, 21)))
            if f.rule == "F15"] == ["F15"]


def test_a_version_unchanged_since_its_tag_is_quiet_and_a_changed_one_is_not() -> None:
    proto = item(
        "PROT_X",
        "protocol",
        "Protocol",
        version="V2",
        approved_by="Board",
        next_review="2999-01-01",
    )
    assert messages(partnership(proto, TagCheck("PROT_X", "proto/V2", "V2")), "F16") == []
    changed = messages(
        partnership(proto, TagCheck("PROT_X", "proto/V2", "V2", changed_since=True)), "F16"
    )
    assert changed == ["Protocol PROT_X has changed since the tag proto/V2, but still says version "
                       "V2. Raise "
                       "':version:' so the changed text is not taken for the tagged one."]


def test_a_blank_date_cell_is_recorded_not_an_error() -> None:
    proto = item("PROT_X", "protocol", "Protocol", version="V1", approved_by="Board",
                 next_review="blank",
                 last_reviewed="not stated", date_agreed="blank")
    found = run_rules(partnership(proto))
    assert [f.rule for f in found if f.severity == "error"] == []
    assert [f.message for f in found if f.rule == "F17"] == [
        "Protocol PROT_X: the date agreed is blank in the source. Write it (YYYY-MM-DD) once the "
        "partnership "
        "has confirmed it.",
        "Protocol PROT_X: the date reviewed is blank in the source. Write it (YYYY-MM-DD) once the "
        "partnership "
        "has confirmed it.",
        "Protocol PROT_X: the date to be reviewed is blank in the source. Write it (YYYY-MM-DD) "
        "once the "
        "partnership has confirmed it.",
    ]
    assert messages(partnership(proto), "F03") == []  # the cell exists, it is blank: F17 says so


def test_an_agreed_protocol_must_say_when_it_was_agreed() -> None:
    proto = item("PROT_X", "protocol", "Protocol", status="agreed", version="V1",
                 approved_by="Board",
                 next_review="2030-01-01")
    assert messages(partnership(proto), "F17") == [
        "Protocol PROT_X is agreed but does not say when. Add ':date_agreed:' with the date, or "
        "'blank' where "
        "the source leaves it empty."]


def test_a_signature_recorded_in_the_signature_file_counts_and_a_blank_cell_is_said() -> None:
    blank = item("SIGN_X", "signatory", "Chair", office=["ROLE_C"], name="blank",
                 organisation="blank",
                 designation="Independent Chair", signed_on="blank")
    p = partnership(AGREED, ROLE_CHAIR, blank)
    assert messages(p, "F18") == [
        "Signatory SIGN_X has no recorded signature (its cell in the source's signature table is "
        "blank), but "
        "the protocol is agreed. Record it with 'protocols sign' once it is given."]
    assert [f.rule for f in run_rules(p) if f.severity == "error"] == []
    p.signed = {"PROT_X": {"SIGN_X"}}
    assert messages(p, "F18") == []


def test_a_draft_protocol_need_not_be_signed() -> None:
    draft = replace(AGREED, status="draft")
    assert messages(partnership(draft, ROLE_CHAIR, item("SIGN_X", "signatory", "Chair",
                                                        office=["ROLE_C"])),
                    "F18") == []


def test_co_chairs_one_chair_of_two_boards_and_a_board_over_four_areas_validate() -> None:
    p = partnership(
        item("BODY_SAB", "body", "Safeguarding Adults Board", abbreviation="SAB", kind="board",
             area="Alphaton, Betaford, Gammaley, Deltaby"),
        item("BODY_SCP", "body", "Safeguarding Children Partnership", abbreviation="SCP",
             kind="partnership"),
        item("ROLE_CO1", "role", "Co-chair (council)", chairs=["BODY_SAB"], holder="Sam Example"),
        item("ROLE_CO2", "role", "Co-chair (health)", chairs=["BODY_SAB"]),
        item("ROLE_IND", "role", "Independent chair", chairs=["BODY_SAB", "BODY_SCP"]),
        item("ORG_LA", "organisation", "Alphaton Council", hosts=["BODY_SAB"],
             funds=["BODY_SAB", "BODY_SCP"],
             collaborates_with=["BODY_SCP"]),
        item("DUTY_X", "duty", "Publish an annual report", owner=["BODY_SAB"],
             statutory="yes", clause="3.1"),
        item("MEET_X", "meeting", "Board meetings", rules_for=["BODY_SAB"],
             attendance_trigger="after two missed meetings the chair writes to the agency",
             clause="7"),
        item("VER_1", "version", "Version 1.0", version="V1.0 FINAL", date="2017-02-14",
             status="agreed",
             changes="Agreed by the board", by="Board manager", version_of=["PROT_T"]),
    )
    p[("PROT_T")].links["endorsed_by"] = ["BODY_SCP"]
    assert [(f.rule, f.message) for f in run_rules(p) if f.severity == "error"] == []


def test_a_protocols_version_history_is_its_entries_in_source_order() -> None:
    from sphinx_protocols.core.model import Partnership

    proto = item("PROT_A", "protocol", "A", docname="a/index")
    other = item("PROT_B", "protocol", "B", docname="b/index")
    first = replace(item("VER_A1", "version", "First", docname="a/index"), lineno=5)
    second = replace(item("VER_A2", "version", "Second", docname="a/index"), lineno=9)
    elsewhere = item("VER_B1", "version", "For B", docname="a/index", version_of=["PROT_B"])
    p = Partnership([proto, other, second, first, elsewhere])
    assert [v.id for v in p.history("PROT_A")] == ["VER_A1", "VER_A2"]
    assert [v.id for v in p.history("PROT_B")] == ["VER_B1"]
