"""What cards, banners and counts say to a reader: names, statuses in words, plurals, dates."""

from __future__ import annotations

from sphinx_protocols.core.cards import card
from sphinx_protocols.core.status import banner, summary
from sphinx_protocols.core.vocabulary import ITEM_TYPES, STATUSES
from sphinx_protocols.core.wording import plural, reader_date

from conftest import item, partnership


def _facts(c) -> dict[str, list[str]]:
    return {f.label: [v.text for v in f.values] for f in c.facts}


def test_a_duty_card_names_its_owner_and_legal_basis_first() -> None:
    p = partnership(
        item("BODY_A", "body", "Alpha Safeguarding Board", abbreviation="ASB"),
        item("LAW_CA2004_S14", "statute", "Children Act 2004, section 14"),
        item(
            "DUTY_X",
            "duty",
            "Coordinate the partners",
            owner=["BODY_A"],
            basis=["LAW_CA2004_S14", "tbc"],
            modality="must",
            clause="4.1",
        ),
    )
    c = card(p, p["DUTY_X"])
    assert c.number == "4.1"
    facts = _facts(c)
    assert list(facts)[:2] == ["Owner", "Legal basis"]
    assert facts["Owner"] == ["Alpha Safeguarding Board"]
    assert facts["Legal basis"] == ["Children Act 2004, section 14", "to be confirmed"]
    assert facts["How binding"] == ["must (a legal or agreed requirement)"]
    assert [v.item_id for v in c.facts[0].values] == ["BODY_A"]  # the ID stays, for the link


def test_a_card_shows_dates_in_words_and_a_missing_target_without_its_id() -> None:
    p = partnership(
        item(
            "PROT_T",
            "protocol",
            "Test protocol",
            status="draft",
            last_reviewed="2015-07-16",
            created="November 2014",
            parties=["BODY_GONE"],
        )
    )
    facts = _facts(card(p, p["PROT_T"]))
    assert facts["Status"] == ["draft"] and facts["Last reviewed"] == ["16 July 2015"]
    assert facts["First drafted"] == ["November 2014"] and facts["Parties"] == [
        "an item not in this site"
    ]


def test_a_reporting_line_takes_its_sender_from_the_report() -> None:
    p = partnership(
        item("BODY_A", "body", "Alpha Board"),
        item("BODY_B", "body", "Beta Board"),
        item("REP_A", "report", "Annual report", produced_by=["BODY_A"]),
        item(
            "LINE_A",
            "reporting_line",
            "To Beta",
            report=["REP_A"],
            recipient=["BODY_B"],
            action="Inform",
        ),
    )
    facts = _facts(card(p, p["LINE_A"]))
    assert list(facts)[:3] == ["From", "Report", "To"] and facts["From"] == ["Alpha Board"]


def test_every_status_but_agreed_has_a_banner_in_words() -> None:
    assert set(ITEM_TYPES["protocol"].statuses) == set(STATUSES)
    for status in STATUSES:
        p = partnership(protocol_status=status)
        found = banner(p, p["PROT_T"])
        if status == "agreed":
            assert found is None
        else:
            assert found is not None and found.heading == status.capitalize()
            assert found.meaning.endswith(".") and "(" not in found.meaning  # no advice to writers
            assert found.lead.startswith("this protocol ")
    unstated = partnership(protocol_status="")
    assert banner(unstated, unstated["PROT_T"]).heading == "Status not stated"


def test_a_superseded_protocol_points_to_its_successor() -> None:
    old = item("PROT_OLD", "protocol", "Old protocol", status="superseded", docname="old/index")
    new = item(
        "PROT_NEW",
        "protocol",
        "New protocol",
        status="agreed",
        replaces=["PROT_OLD"],
        docname="new/index",
    )
    p = partnership(old, new)
    found = banner(p, p["PROT_OLD"])
    assert [s.id for s in found.successors] == [
        "PROT_NEW"
    ] and found.text == "Superseded: not in force"
    assert summary(p) == "1 of the 2 protocols here has been agreed; the rest: 1 superseded."


def test_the_home_page_sentence_never_says_agreed_of_drafts() -> None:
    assert (
        summary(partnership(protocol_status="draft"))
        == "The one protocol here has not been agreed yet: 1 draft."
    )
    assert (
        summary(partnership(protocol_status="agreed"))
        == "The one protocol here has been agreed by its partners."
    )
    assert (
        summary(partnership(protocol_status=""))
        == "The one protocol here has not been agreed yet: 1 without a status."
    )


def test_counts_and_dates_read_as_words() -> None:
    assert [plural(n, "error") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert plural(2, "protocol") == "2 protocols" and plural(3, "was") == "3 were"
    assert reader_date("2016-04-20") == "20 April 2016" and reader_date("October") == "October"
