"""Acceptance for 'one table': a new actor type and a new link type, added to the vocabulary at
run time and nowhere else, are validated, profiled, drawn, reviewed and documented."""

from __future__ import annotations

import dataclasses
import re

import pytest

from sphinx_protocols.core import vocabulary
from sphinx_protocols.core.vocabulary import ACTOR, ItemType, LinkType
from sphinx_protocols.review.wording import link_changes
from sphinx_protocols.sphinxext.checks import get_partnership

from conftest import build_root, warnings_of

SUBGROUP = ItemType("subgroup", "Subgroup", "SUB_", "A group working under a board.",
                    ("abbreviation",), color="#E6F0D0", actor=True, profile=True, naming="the",
                    shape="hexagon")
COLLABORATES = LinkType("collaborates_with", "collaborates with", "collaborated with by", (ACTOR,),
                        (ACTOR,), "Joint work without accountability.", phrase="collaborates with",
                        diagram="challenge")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(vocabulary.ITEM_TYPES, "subgroup", SUBGROUP)
        patch.setitem(vocabulary.LINK_TYPES, "collaborates_with", COLLABORATES)
        built = build_root("test-extended", tmp_path_factory)
        yield built


def _page(app, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+([,.])", r"\1", re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_the_new_types_are_validated(app) -> None:
    warnings = warnings_of(app)
    assert any("index.md:" in w and "[protocols.P02]" in w and
               "Subgroup SUB_TR: ':collaborates_with:' names 'LAW_CA', which is a statute, but it must "
               "name a body, role, organisation or subgroup." in w for w in warnings), warnings
    # an actor may own a duty and be accountable: no other problem is reported
    assert len([w for w in warnings if "protocols." in w]) == 1, warnings


def test_the_new_actor_gets_a_profile_page(app) -> None:
    text = _text(_page(app, "profiles/SUB_PR.html"))
    assert "Practice Review Group" in text and "Review cases" in text
    assert "Accountable to Alpha Board" in text and "Collaborates with Alpha Board" in text


def test_the_diagram_and_its_text_list_show_them(app) -> None:
    page = _page(app, "index.html")
    text = _text(page)
    assert "Practice Review Group" in text
    assert "Accountable to: Alpha Board" in text
    assert "Challenges or seeks assurance from: Alpha Board" in text
    assert 'href="profiles/SUB_PR.html"' in page


def test_a_review_sentence_reads_the_new_link(app) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(vocabulary.ITEM_TYPES, "subgroup", SUBGROUP)
        patch.setitem(vocabulary.LINK_TYPES, "collaborates_with", COLLABORATES)
        p = get_partnership(app)
        new = p["SUB_PR"]
        old = dataclasses.replace(new, links={k: v for k, v in new.links.items() if k != "collaborates_with"})
        assert link_changes(p, p, old, new) == ["The Practice Review Group now collaborates with the Alpha Board."]


def test_the_reference_tables_list_them(app) -> None:
    text = _text(_page(app, "reference.html"))
    assert "subgroup SUB_ A group working under a board. An actor" in text
    assert "collaborates_with body, role, organisation, subgroup body, role, organisation, subgroup" in text
    assert "owner duty body, role, organisation, subgroup owned by / owns" in text
