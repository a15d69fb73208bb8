"""The seeded fuzzer in the normal test run (a few hundred cases), and what it has found."""

from __future__ import annotations

import os

import fuzz
from corpus import BASE

from conftest import SUMMARY

CASES = int(os.environ.get("PROTOCOLS_FUZZ", "300"))


def test_mutated_protocols_never_crash_the_checks() -> None:
    figures = fuzz.fuzz(CASES, first=0)
    SUMMARY.append(str(figures))
    assert figures.crashes == 0, f"{figures}; see {fuzz.CRASHES}"
    assert figures.ours >= 0.9 * figures.warnings, figures


def test_a_page_saved_in_another_encoding_after_a_build(tmp_path) -> None:
    """Found by the fuzzer: the second build of a page saved in Windows-1252 crashed, because the
    items of its first reading were still there while its lines could not be read."""
    from sphinx.util.docutils import docutils_namespace

    with docutils_namespace():
        reader = fuzz.Reader(tmp_path)
        page = (BASE / "proto" / "index.md").read_text(encoding="utf-8").replace("PROT_T", "PROT_F")
        good = fuzz.Mutant(0, reader.page, (), page.replace("BODY_", "BODY_F").encode())
        assert reader.read(good)[0] == ""
        bad = fuzz.Mutant(1, reader.page, (), good.data.replace(b"annual", b"caf\xe9 annual"))
        trace, warnings = reader.read(bad)
    assert trace == ""
    assert any("[protocols.P24]" in w for w in warnings), warnings
