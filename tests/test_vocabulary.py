"""The vocabulary is the one source: sphinx-needs config, rules and the guide all come from it."""

from __future__ import annotations

from pathlib import Path

from sphinx_protocols.core.rules import RULES
from sphinx_protocols.core.vocabulary import (
    FIELDS,
    ITEM_TYPES,
    LINK_TYPES,
    source_types,
    target_types,
    to_needs_config,
)

PACKAGE = Path(__file__).parent.parent / "ext" / "sphinx_protocols"


def test_needs_config_is_generated_from_the_vocabulary() -> None:
    config = to_needs_config()
    assert [t["directive"] for t in config["needs_types"]] == list(ITEM_TYPES)
    assert [t["prefix"] for t in config["needs_types"]] == [t.prefix for t in ITEM_TYPES.values()]
    assert set(config["needs_fields"]) == set(FIELDS)
    assert all(f["schema"]["type"] == "string" for f in config["needs_fields"].values())
    links = config["needs_links"]
    assert set(links) == set(LINK_TYPES)
    assert links["owner"]["target_types"] == ["body", "role", "organisation"]
    assert links["owner"]["outgoing"] == "owned by" and links["owner"]["incoming"] == "owns"


def test_every_link_names_known_types_and_every_type_known_fields() -> None:
    for link in LINK_TYPES.values():
        assert set(source_types(link)) <= set(ITEM_TYPES), link.name
        assert set(target_types(link)) <= set(ITEM_TYPES), link.name
    for item_type in ITEM_TYPES.values():
        assert set(item_type.fields) <= set(FIELDS), item_type.name
        assert item_type.prefix.endswith("_") and item_type.prefix.isupper()
    prefixes = [t.prefix for t in ITEM_TYPES.values()]
    assert len(prefixes) == len(set(prefixes))


def test_names_do_not_clash_with_sphinx_needs_core_fields() -> None:
    from sphinx_needs.data import NeedsCoreFields

    assert not (set(FIELDS) | set(LINK_TYPES)) & set(NeedsCoreFields)


def test_rules_are_numbered_and_documented() -> None:
    for rule_id, rule in RULES.items():
        assert rule_id[0] in "PFN" and rule_id[1:].isdigit()
        assert rule.severity == {"P": "error", "F": "finding", "N": "note"}[rule_id[0]]
        assert rule.summary and rule.fix and rule.example


def test_modules_stay_small() -> None:
    for module in PACKAGE.rglob("*.py"):
        assert len(module.read_text().splitlines()) <= 400, module.name


def test_brand_colour_contrast_is_checked() -> None:
    from sphinx_protocols.core.branding import contrast, problems

    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert problems("#1d3c5a") == []
    assert problems("#ffdd00") == ["protocols_brand_colour #ffdd00 has a contrast of 1.35:1 with white; links and "
                                   "the white text on it need at least 4.5:1. Choose a darker colour."]
    assert "is not a colour like #1d3c5a" in problems("navy")[0]
