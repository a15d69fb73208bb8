"""Public and partner-only builds, and the audit that proves nothing partner-only is published."""

from __future__ import annotations

import pytest

from sphinx_protocols.cli import main
from sphinx_protocols.core import audience as aud

from conftest import build_root

PAGE = """# Page

:::{body} Open Board
:id: BODY_OPEN
:::

::::{partners}
Kept back.

:::{body} Closed Panel
:id: BODY_CLOSED
:::
::::

:::{duty} A secret duty
:id: DUTY_SECRET
:audience: partners
:::

```{findings}
```

```{toctree}
open
closed
```
"""


def test_public_text_blanks_partner_only_blocks_and_keeps_line_numbers() -> None:
    text, removed = aud.filter_page(PAGE, aud.PUBLIC, ["findings"], excluded={"closed"})
    assert text.count("\n") == PAGE.count("\n")
    assert "Open Board" in text and "open" in text.split("toctree")[1]
    for gone in ("Kept back", "Closed Panel", "DUTY_SECRET", "{findings}", "closed"):
        assert gone not in text
    assert [b.name for b in removed] == ["partners", "duty", "findings"]


def test_partner_text_keeps_everything_but_the_partners_fences() -> None:
    text, removed = aud.filter_page(PAGE, aud.PARTNERS, ["findings"], excluded={"closed"})
    assert not removed and "{partners}" not in text
    assert all(
        s in text for s in ("Kept back", "Closed Panel", "DUTY_SECRET", "{findings}", "closed")
    )


def test_front_matter_marks_a_page_partner_only() -> None:
    assert aud.page_is_partner_only("---\naudience: partners\n---\n# Notes\n")
    assert not aud.page_is_partner_only("---\norphan: true\n---\n# Notes\n")
    assert not aud.page_is_partner_only("# audience: partners\n")


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    return build_root("test-audience", tmp_path_factory)


@pytest.fixture(scope="module")
def partners(tmp_path_factory):
    return build_root(
        "test-audience", tmp_path_factory, confoverrides={"protocols_audience": "partners"}
    )


def test_public_build_leaves_out_partner_only_pages_items_and_views(public) -> None:
    out = public.outdir
    assert not (out / "secret.html").exists()
    assert not (out / "profiles" / "BODY_QUILLWORT.html").exists()
    page = (out / "proto" / "index.html").read_text()
    assert "Quillwort" not in page and "protocols-findings" not in page
    assert "Alpha Board" in page
    assert "Tamarisk" not in (out / "index.html").read_text()
    assert "WARNING" not in public.warning.getvalue()


def test_partner_build_has_everything(partners) -> None:
    out = partners.outdir
    assert (out / "secret.html").is_file()
    assert "Quillwort" in (out / "proto" / "index.html").read_text()
    assert "Tamarisk" in (out / "index.html").read_text()


def test_audit_passes_on_the_public_build(public, capsys) -> None:
    assert main(["audit-public", str(public.outdir), "--project", str(public.srcdir)]) == 0
    assert "none of the" in capsys.readouterr().out


def test_audit_finds_every_kind_of_leak_in_the_partner_build(partners, capsys) -> None:
    assert main(["audit-public", str(partners.outdir), "--project", str(partners.srcdir)]) == 1
    out = capsys.readouterr().out
    for where in (
        "searchindex.js",
        "needs.json",
        "proto/prot-t-reporting-matrix.xlsx",
        "bodies.csv",
        "profiles/BODY_A.ics",
        "_sources/proto/index.md.txt",
        "secret.html",
        "findings.html",
    ):
        assert f"\n{where}: " in f"\n{out}", where
    assert "needs.json: has partner-only text 'body_quillwort'" in out  # the item's ID
    assert "searchindex.js: has partner-only text 'commissioning notes for partners'" in out


def test_audit_finds_a_partner_only_word_hidden_in_the_search_index(
    public, tmp_path, capsys
) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(public.outdir, site)
    index = site / "searchindex.js"
    index.write_text(index.read_text().replace('"terms":{', '"terms":{"quillwort":[0],', 1))
    assert main(["audit-public", str(site), "--project", str(public.srcdir)]) == 1
    assert (
        "the search index has the word 'quillwort', used only in partner-only text"
        in capsys.readouterr().out
    )


def test_audit_reads_the_text_of_pdfs_in_the_site(public, tmp_path, capsys) -> None:
    import shutil

    weasyprint = pytest.importorskip("weasyprint")
    site = tmp_path / "site"
    shutil.copytree(public.outdir, site)
    (site / "pdf").mkdir()
    weasyprint.HTML(string="<p>Minutes of the Quillwort Liaison Panel</p>").write_pdf(
        site / "pdf" / "proto.pdf"
    )
    assert main(["audit-public", str(site), "--project", str(public.srcdir)]) == 1
    assert (
        "pdf/proto.pdf: has partner-only text 'quillwort liaison panel'" in capsys.readouterr().out
    )
