"""Walk a tagged PDF's structure tree and its pages' marked content, with pikepdf.

Shared by the PDF/UA checker (``ua_check``) and the tag fixer (``ua_fix``): which marked-content
ids each page's content stream uses, and which of them, and which annotations, the structure
tree reaches from its root.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


@dataclass
class Tree:
    """What the structure tree reaches from its root."""

    elements: list[pikepdf.Dictionary] = field(default_factory=list)  # every reachable element
    mcids: set[tuple[tuple[int, int], int]] = field(default_factory=set)  # (page objgen, MCID)
    link_annots: set[tuple[int, int]] = field(default_factory=set)  # annotations in a /Link element
    parents: dict[tuple[int, int], pikepdf.Dictionary] = field(default_factory=dict)  # by objgen


def _kids(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def structure_tree(pdf: pikepdf.Pdf) -> Tree:
    """Every element, marked-content id and annotation reachable from the StructTreeRoot."""
    tree = Tree()
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return tree
    seen: set[tuple[int, int]] = set()
    todo: list[tuple[object, object, pikepdf.Dictionary | None]] = [
        (kid, None, None) for kid in _kids(root.get("/K"))
    ]
    while todo:
        node, page, parent = todo.pop()
        if isinstance(node, int):  # a marked-content id on the inherited page
            if page is not None:
                tree.mcids.add((page.objgen, int(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        kind = node.get("/Type")
        here = node.get("/Pg", page)
        if kind == "/MCR":
            if here is not None and "/MCID" in node:
                tree.mcids.add((here.objgen, int(node.MCID)))
            continue
        if kind == "/OBJR":
            obj = node.get("/Obj")
            if obj is not None and parent is not None and parent.get("/S") == "/Link":
                tree.link_annots.add(obj.objgen)
            continue
        tree.elements.append(node)
        for kid in _kids(node.get("/K")):
            if isinstance(kid, pikepdf.Dictionary) and kid.is_indirect:
                tree.parents[kid.objgen] = node
            todo.append((kid, here, node))
    return tree


@dataclass
class Marked:
    """One marked-content sequence that has an MCID, as the page's content stream opens it."""

    index: int  # the BDC instruction's position in the parsed content stream
    tag: str
    mcid: int


@dataclass
class PageContent:
    marked: list[Marked] = field(default_factory=list)
    artifacts: int = 0  # sequences marked /Artifact
    untagged_text: int = 0  # text shown outside any marked-content sequence


def _mcid(operands: list[object], resources: pikepdf.Dictionary) -> int | None:
    props = operands[1] if len(operands) > 1 else None
    if isinstance(props, pikepdf.Name):  # a named property list in the page's resources
        props = resources.get("/Properties", {}).get(str(props))
    if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
        return int(props.MCID)
    return None


def page_content(page: pikepdf.Page) -> tuple[list, PageContent]:
    """The parsed content stream of a page and what it marks (the page's own stream only)."""
    instructions = pikepdf.parse_content_stream(page)
    found = PageContent()
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    depth = 0
    for index, (operands, operator) in enumerate(instructions):
        op = str(operator)
        if op in ("BDC", "BMC"):
            depth += 1
            tag = str(operands[0])
            if tag == "/Artifact":
                found.artifacts += 1
            elif op == "BDC" and (mcid := _mcid(list(operands), resources)) is not None:
                found.marked.append(Marked(index, tag, mcid))
        elif op == "EMC":
            depth = max(0, depth - 1)
        elif op in TEXT_OPERATORS and depth == 0:
            found.untagged_text += 1
    return instructions, found


def fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[int, str, pikepdf.Dictionary]]:
    """(page number, font name, font) for every font in the pages' and their forms' resources."""
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, 1):
        stack = [page.obj.get("/Resources")]
        while stack:
            resources = stack.pop()
            if not isinstance(resources, pikepdf.Dictionary):
                continue
            for name, font in resources.get("/Font", pikepdf.Dictionary()).items():
                if font.is_indirect and font.objgen in seen:
                    continue
                if font.is_indirect:
                    seen.add(font.objgen)
                yield number, str(font.get("/BaseFont", name)), font
            for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
                if xobject.is_indirect and xobject.objgen in seen:
                    continue
                if xobject.is_indirect:
                    seen.add(xobject.objgen)
                if xobject.get("/Subtype") == "/Form":
                    stack.append(xobject.get("/Resources"))
            for pattern in resources.get("/Pattern", pikepdf.Dictionary()).values():
                if isinstance(pattern, pikepdf.Stream):
                    stack.append(pattern.get("/Resources"))


def font_embedded(font: pikepdf.Dictionary) -> bool:
    """True when the font program is in the file (Type 3 fonts are drawn in the file itself)."""
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not descendants:
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
    )
