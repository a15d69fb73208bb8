"""Structure mistakes in a real build: an unclosed ':::', an unknown block, a mistyped ID."""

from __future__ import annotations

import pytest

from conftest import build_root, warnings_of


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_root("test-structure", tmp_path_factory)


EXPECTED = [
    "proto/index.md:30: WARNING: ':::{dutty}' is not an item type or view the tool knows, so this block is shown "
    "as an error box. Did you mean ':::{duty}'? The guide's reference lists every item type and view. "
    "[protocols.P18]",
    "proto/index.md:22: WARNING: Duty DUTY_DAY is written inside Duty DUTY_REPORT (line 15): the clause "
    "DUTY_REPORT is not closed. Add a line ':::' after its text, before this clause starts. [protocols.P17]",
    "proto/index.md:39: WARNING: Duty DUTY_CONSULT: ':owner:' names 'BODY_ALPH', which is not an item in this "
    "site. Did you mean 'BODY_ALPHA'? Correct the ID, or add the item it means. [protocols.P01]",
    "proto/index.md:47: WARNING: Reporting line LINE_PLAN: ':report:' names 'REP_PLANN', which is not an item in "
    "this site. Check the spelling of the ID, or add the item it means. [protocols.P01]",
    "proto/index.md:45: WARNING: Reporting line LINE_PLAN has no sender: neither ':sender:' nor the report's "
    "':produced_by:' names one. Add ':sender:' with the ID of the body that sends it. [protocols.P06]",
]


def test_each_mistake_is_located_in_plain_english_and_causes_come_first(built) -> None:
    assert warnings_of(built) == EXPECTED


def test_an_unknown_block_keeps_its_text_visible_in_an_error_box(built) -> None:
    html = (built.outdir / "proto" / "index.html").read_text(encoding="utf-8")
    box = html[html.index('class="admonition error"'):]
    box = box[:box.index("</div>")]
    assert "Did you mean ‘duty’?" in box
    assert "Share the plan with partners" in box
    assert "The board sends its plan to every partner." in box


def test_a_code_sample_of_an_unknown_block_is_left_alone() -> None:
    from types import SimpleNamespace

    from sphinx_protocols.sphinxext.structure import rename_unknown

    app = SimpleNamespace(env=SimpleNamespace(domains=SimpleNamespace(standard_domain=SimpleNamespace(directives={}),
                                                                      get=lambda name: None)),
                          config=SimpleNamespace(primary_domain="py"))
    lines = ["````markdown", ":::{dutty} Example", ":::", "````", ":::{dutty} Real", ":::"]
    assert rename_unknown(app, lines) == [*lines[:4], ":::{protocols-unknown} dutty Real", ":::"]
