"""The seeded fuzzer in the normal test run (a few hundred cases), and what it has found."""

from __future__ import annotations

import os

import fuzz
import pytest
from corpus import BASE

from conftest import SUMMARY

CASES = int(os.environ.get("PROTOCOLS_FUZZ", "300"))


def test_mutated_protocols_never_crash_the_checks() -> None:
    figures = fuzz.fuzz(CASES, first=0)
    SUMMARY.append(str(figures))
    assert figures.crashes == 0, f"{figures}; see {fuzz.CRASHES}"
    assert figures.ours >= 0.99 * figures.warnings, figures  # seeds 0-299: every one


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


SAVED = sorted(fuzz.CRASHES.glob("seed-*.md")) if fuzz.CRASHES.is_dir() else []


@pytest.mark.parametrize("page", SAVED, ids=[p.stem for p in SAVED])
def test_a_saved_crash_is_now_a_located_message(page, tmp_path) -> None:
    """Each crash the fuzzer saved is a corpus case: read as a page of the corpus project, it
    gives the same status and first message through `protocols check` and `make html`."""
    from corpus import make_project, raw, replace, run_build, run_check

    edits = (
        raw("proto/fuzzed.md", page.read_bytes()),
        replace("proto/index\n", "proto/index\nproto/fuzzed\n", "index.md"),
    )
    project = make_project(edits, tmp_path / "project")
    check, build = run_check(project), run_build(project, tmp_path / "html")
    assert not check.crashed and not build.crashed, check.text + build.text
    assert (check.status, check.first) == (build.status, build.first)
