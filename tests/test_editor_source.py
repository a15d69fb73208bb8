"""The editor reads item directives and writes one back without touching any other byte."""

from __future__ import annotations

import pytest

from sphinx_protocols.core.vocabulary import ITEM_TYPES
from sphinx_protocols.editor import forms, source

from conftest import REPO, ROOTS

PAGES = sorted(p for p in (REPO / "protocols").rglob("*.md") if "_build" not in p.parts)


def _resave_every_item(text: str) -> str:
    """Load every item, rebuild it from its parts and write it back, as an unchanged save does."""
    for item in reversed(source.parse(text)):
        rebuilt = item.with_changes(item.title, dict(item.options), item.body)
        text = source.replace_item(text, item, rebuilt)
    return text


def test_every_bundled_page_survives_saving_every_item_unchanged() -> None:
    count = 0
    for page in [*PAGES, *sorted(ROOTS.rglob("*.md"))]:
        raw = page.read_bytes()
        text = source.read_text(page)
        count += len(source.parse(text))
        assert _resave_every_item(text).encode("utf-8") == raw, page
    directives = sum(
        p.read_text().count("\n:::{") + p.read_text().startswith(":::{") for p in PAGES
    )
    assert count >= directives > 1000  # every item directive of the example partnership was read


def _sent(form: forms.Form) -> dict[str, list[str]]:
    """What a browser sends for ``form`` unchanged: each control's value, a textarea's line breaks
    as CRLF."""
    answers = {"title": [form.title], "text": [form.text.replace("\n", "\r\n")]}
    for f in form.fields:
        chosen = [c.value for c in f.choices if c.selected]
        answers[f.control] = (chosen[:1] or [""]) if f.kind == "select" else [f.value]
    for f in form.links:
        answers[f.control] = [c.value for c in f.choices if c.selected]
    return answers


def test_every_bundled_item_saved_unchanged_through_its_form_is_byte_identical() -> None:
    """Every item type of the vocabulary, through the form a browser fills in and sends back."""
    pages = {page: source.read_text(page) for page in PAGES}
    every = [item for text in pages.values() for item in source.parse(text)]
    targets = [forms.Target(i.id, i.type, i.title) for i in every if i.id]
    types = set()
    for page, text in pages.items():
        saved = text
        for item in reversed(source.parse(text)):
            answers = _sent(forms.build_form(item.type, targets, item))
            options = forms.options_from_answers(item.type, answers, item.options, item.id)
            rebuilt = item.with_changes(answers["title"][0], options, answers["text"][0])
            saved = source.replace_item(saved, item, rebuilt)
            types.add(item.type)
        assert saved == text, page
    assert types == set(ITEM_TYPES)


def test_an_item_is_read_with_its_options_in_order_and_its_text() -> None:
    text = (
        "# Page\n\n:::{duty} Publish a report\n:id: DUTY_X\n:owner: BODY_A, BODY_B\n"
        ":modality: must\n\nThe text.\n\nMore.\n:::\n"
    )
    (item,) = source.parse(text)
    assert (item.type, item.title, item.id, item.line) == ("duty", "Publish a report", "DUTY_X", 3)
    assert list(item.options) == ["id", "owner", "modality"]
    assert item.body == "The text.\n\nMore.\n"
    assert text[item.start : item.end].startswith(":::{duty}") and text[item.end :] == ""


def test_changing_one_item_leaves_every_other_byte_alone() -> None:
    page = REPO / "protocols" / "buckinghamshire" / "bodies.md"
    text = source.read_text(page)
    items = source.parse(text)
    target = items[3]
    options = {**target.options, "abbreviation": "NEW"}
    changed = source.replace_item(
        text, target, target.with_changes("A new name", options, "New text.\n")
    )
    assert changed[: target.start] == text[: target.start]
    assert changed.endswith(text[target.end :])
    (again,) = [i for i in source.parse(changed) if i.id == target.id]
    assert (again.title, again.options["abbreviation"], again.body) == (
        "A new name",
        "NEW",
        "New text.\n",
    )
    assert list(again.options) == list(target.options)  # the option stays where it was written


def test_windows_line_breaks_are_kept() -> None:
    text = ":::{role} Chair\r\n:id: ROLE_C\r\n:chairs: BODY_A\r\n\r\nOld text.\r\n:::\r\nAfter.\r\n"
    (item,) = source.parse(text)
    assert _resave_every_item(text) == text
    changed = source.replace_item(
        text, item, item.with_changes("Chair", dict(item.options), "New\nlines\n")
    )
    assert (
        changed == ":::{role} Chair\r\n:id: ROLE_C\r\n:chairs: BODY_A\r\n\r\n"
        "New\r\nlines\r\n:::\r\nAfter.\r\n"
    )


def test_items_inside_code_blocks_are_not_items_and_an_unclosed_item_is_reported() -> None:
    text = "````md\n:::{duty} Example\n:id: DUTY_EXAMPLE\n:::\n````\n"
    assert source.parse(text) == []
    with pytest.raises(
        source.SourceError, match="line 1: the duty item opened here is never closed"
    ):
        source.parse(":::{duty} Open\n:id: DUTY_OPEN\n\nText\n")


def test_a_new_item_is_added_after_a_blank_line() -> None:
    blank = source.Item("term", "", {}, "", 0, 0, 0)
    new = blank.with_changes(
        "JSNA", {"id": "TERM_JSNA", "expansion": "Joint Strategic Needs Assessment"}, ""
    )
    assert source.append_item("# Terms\n", new) == (
        "# Terms\n\n:::{term} JSNA\n:id: TERM_JSNA\n"
        ":expansion: Joint Strategic Needs Assessment\n:::\n"
    )


def test_form_answers_keep_the_written_order_and_drop_emptied_fields() -> None:
    before = {"id": "DUTY_X", "owner": "BODY_B, BODY_A", "modality": "must", "cadence": "annually"}
    answers = {
        "f-modality": ["should"],
        "f-cadence": [""],
        "l-owner": ["BODY_A", "BODY_B"],
        "l-basis": ["LAW_X"],
    }
    options = forms.options_from_answers("duty", answers, before, "DUTY_X")
    assert options == {
        "id": "DUTY_X",
        "owner": "BODY_B, BODY_A",
        "modality": "should",
        "basis": "LAW_X",
    }


def test_the_form_comes_from_the_vocabulary() -> None:
    targets = [
        forms.Target("BODY_A", "body", "Alpha Board"),
        forms.Target("LAW_CA", "statute", "Children Act"),
        forms.Target("ROLE_C", "role", "Chair"),
    ]
    (item,) = source.parse(":::{duty} D\n:id: DUTY_D\n:owner: BODY_GONE\n:modality: must\n:::\n")
    form = forms.build_form("duty", targets, item)
    modality = next(f for f in form.fields if f.name == "modality")
    assert modality.kind == "select" and [c.value for c in modality.choices if c.selected] == [
        "must"
    ]
    owner = next(f for f in form.links if f.name == "owner")
    assert owner.required and owner.label == "Owned by"
    assert [c.value for c in owner.choices] == [
        "BODY_GONE",
        "BODY_A",
        "ROLE_C",
    ]  # never the statute
    assert "no item of an allowed type" in owner.choices[0].label
    basis = next(f for f in form.links if f.name == "basis")
    assert [c.label for c in basis.choices] == ["Children Act (LAW_CA)"]
    protocol = forms.build_form("protocol", targets)
    kinds = {f.name: f.kind for f in protocol.fields}
    assert (
        kinds["next_review"] == "date"
        and kinds["status"] == "select"
        and kinds["version"] == "text"
    )
    meeting = {f.name: f for f in forms.build_form("meeting", targets).fields}
    assert meeting["meetings_per_year"].kind == "number" and meeting["notice"].kind == "duration"
    assert "For example: 10 working days." in meeting["notice"].help


def test_proposed_ids_use_the_prefix_the_area_code_and_the_title() -> None:
    nearby = ["BODY_BUCKS_HWB", "DUTY_BUCKS_A", "LAW_CA2004"]
    assert (
        forms.propose_id("duty", "Publish an annual report", nearby, set())
        == "DUTY_BUCKS_PUBLISH_ANNUAL_REPORT"
    )
    taken = {"DUTY_BUCKS_PUBLISH_ANNUAL_REPORT"}
    assert (
        forms.propose_id("duty", "Publish an annual report", nearby, taken)
        == "DUTY_BUCKS_PUBLISH_ANNUAL_REPORT_2"
    )
    assert forms.propose_id("term", "", [], set()) == "TERM_NEW"
