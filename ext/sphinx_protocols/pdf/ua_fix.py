"""Complete the tags WeasyPrint writes, where WeasyPrint 70 cannot (checked by ``ua_check``).

WeasyPrint tags a PDF/UA-1 file well, but: its table header cells have no /Scope; its running
heads, page numbers and DRAFT mark (CSS page-margin boxes) are tagged into elements that nothing
links to, instead of being artifacts (PDF 1.7 has no artifact element); a link around a block
puts its annotation in a /NonStruct element inside the /Link; and each link annotation's
/Contents is its target's anchor name (an ID), not words. This fixes those in the PDF's own
structure tree and content streams; the HTML is not touched. The same pass seals the pages
(``content.py``), since every other change to them is made here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pikepdf

from .content import seal_pages
from .structure import Tree, page_content, structure_tree

ARTIFACT = pikepdf.Name("/Artifact")


def fix_tags(path: Path) -> Counter:
    """Fix one PDF in place; returns how many of each fix it made."""
    done: Counter = Counter()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = structure_tree(pdf)
        done["header scopes"] = _scope_headers(tree)
        done["links moved into /Link"] = _links_into_link_elements(pdf, tree)
        done["artifacts"] = _page_furniture_as_artifacts(pdf, tree)
        done["link descriptions"] = _describe_links(pdf)
        seal_pages(pdf)  # last: the seal covers the pages as saved
        pdf.save(path, deterministic_id=True)  # the same pages give the same file
    return done


def _scope_headers(tree: Tree) -> int:
    """A header in THead heads its column; one that opens a body row heads its row."""
    fixed = 0
    for element in tree.elements:
        if element.get("/S") != "/TH":
            continue
        row = tree.parents.get(element.objgen)
        section = tree.parents.get(row.objgen) if row is not None else None
        in_head = section is not None and section.get("/S") == "/THead"
        first = row is not None and len(row.K) > 0 and row.K[0].objgen == element.objgen
        scope = "/Column" if in_head or not first else "/Row"
        if not isinstance(element.get("/A"), pikepdf.Dictionary):
            element.A = pikepdf.Dictionary(O=pikepdf.Name("/Table"))
        if element.A.get("/Scope") is None:
            element.A.Scope = pikepdf.Name(scope)
            fixed += 1
    return fixed


def _links_into_link_elements(pdf: pikepdf.Pdf, tree: Tree) -> int:
    """Move a link annotation's /OBJR from a child element up into the /Link element around it."""
    parent_tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    moved = 0
    for element in tree.elements:
        if element.get("/S") == "/Link" or not isinstance(element.get("/K"), pikepdf.Array):
            continue
        objrs = [
            k
            for k in element.K
            if isinstance(k, pikepdf.Dictionary)
            and k.get("/Type") == "/OBJR"
            and k.get("/Obj", {}).get("/Subtype") == "/Link"
        ]
        if not objrs:
            continue
        link = tree.parents.get(element.objgen)
        while link is not None and link.get("/S") != "/Link":
            link = tree.parents.get(link.objgen)
        if link is None:  # no /Link around it: this element is the link
            element.S = pikepdf.Name("/Link")
            moved += len(objrs)
            continue
        element.K = pikepdf.Array(
            [k for k in element.K if not any(k.objgen == o.objgen for o in objrs)]
        )
        if not isinstance(link.K, pikepdf.Array):
            link.K = pikepdf.Array([link.K])
        for objr in objrs:
            link.K.append(objr)
            if "/StructParent" in objr.Obj:
                parent_tree[int(objr.Obj.StructParent)] = link
            moved += 1
    return moved


def _page_furniture_as_artifacts(pdf: pikepdf.Pdf, tree: Tree) -> int:
    """Mark content nothing in the structure tree reaches as a pagination artifact."""
    parent_tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    made = 0
    for page in pdf.pages:
        instructions, content = page_content(page)
        lost = [m for m in content.marked if (page.obj.objgen, m.mcid) not in tree.mcids]
        if not lost:
            continue
        for marked in lost:
            kind = pikepdf.Dictionary(Type=pikepdf.Name("/Pagination"))
            instructions[marked.index] = pikepdf.ContentStreamInstruction(
                [ARTIFACT, kind], pikepdf.Operator("BDC")
            )
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        key = page.obj.get("/StructParents")
        mapping = parent_tree.get(int(key)) if key is not None else None
        if isinstance(mapping, pikepdf.Array):
            for marked in lost:
                if marked.mcid < len(mapping):
                    mapping[marked.mcid] = pikepdf.Object.parse(b"null")
        made += len(lost)
    return made


def _describe_links(pdf: pikepdf.Pdf) -> int:
    """Give each link annotation words for /Contents: the page it goes to, or the address."""
    numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, 1)}
    names = pdf.Root.get("/Names", {}).get("/Dests")
    dests = pikepdf.NameTree(names) if names is not None else {}
    described = 0
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
            dest = annot.get("/Dest")
            if isinstance(dest, pikepdf.String):
                dest = dests.get(str(dest)) if str(dest) in dests else None
            if isinstance(dest, pikepdf.Dictionary):
                dest = dest.get("/D")
            if uri:
                words = f"Link to {uri}"
            elif isinstance(dest, pikepdf.Array) and len(dest) and dest[0].objgen in numbers:
                words = f"Go to page {numbers[dest[0].objgen]}"
            else:
                continue
            annot.Contents = pikepdf.String(words)
            described += 1
    return described
