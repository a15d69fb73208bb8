"""Who a page, a clause or a view is for: everyone (the public site) or the partners only.

The public build never reads partner-only text, so it cannot reach any page, the search index,
needs.json, a spreadsheet, a calendar or a PDF. This module does the text work, without Sphinx:

* a page whose front matter says ``audience: partners`` is left out of the public build;
* an item or a view whose options say ``:audience: partners`` is blanked out of its page, and so
  is a view of a kind the partnership keeps to partners (findings and the review pack by default);
* a ``partners`` block (:::{partners} ... :::) holds any other partner-only text.

Blanked lines become empty lines, so every line after them keeps its number in messages.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass, field

import yaml

PARTNERS = "partners"
PUBLIC = "public"
_OPEN = re.compile(r"^(\s*)(:{3,}|`{3,})\{([\w-]+)\}")
_OPTION = re.compile(r"^\s*:([\w-]+):\s*(.*)$")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


@dataclass
class Block:
    """A directive in a page: its name, its options, and the lines it spans (0-based, inclusive)."""

    name: str
    argument: str
    options: dict[str, str]
    start: int
    end: int
    body: list[str] = field(default_factory=list)


def front_matter(text: str) -> dict[str, object]:
    match = _FRONT.match(text)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def without_front_matter(text: str) -> str:
    return _FRONT.sub("", text, count=1)


def page_is_partner_only(text: str) -> bool:
    return str(front_matter(text).get("audience", "")).strip().lower() == PARTNERS


def blocks(lines: list[str]) -> list[Block]:
    """The top-level and nested fenced directives of a MyST page, outermost first."""
    found: list[Block] = []
    for number, line in enumerate(lines):
        match = _OPEN.match(line)
        if not match:
            continue
        fence = match.group(2)
        end, depth = len(lines) - 1, 0
        for later in range(number + 1, len(lines)):
            text = lines[later].strip()
            if (
                _OPEN.match(lines[later])
                and lines[later].strip().startswith(fence)
                and len(re.match(r"[:`]*", text).group(0)) == len(fence)
            ):
                depth += 1
            elif text and set(text) == {fence[0]} and len(text) >= len(fence):
                if depth == 0:
                    end = later
                    break
                depth -= 1
        options: dict[str, str] = {}
        body = []
        for inner in lines[number + 1 : end]:
            option = _OPTION.match(inner)
            if option and not body:
                options[option.group(1)] = option.group(2).strip()
            else:
                body.append(inner)
        argument = line[match.end() :].strip()
        found.append(Block(match.group(3), argument, options, number, end, body))
    return found


def is_partner_only(block: Block, partner_views: Collection[str]) -> bool:
    return (
        block.name == PARTNERS
        or block.name in partner_views
        or block.options.get("audience", "").strip().lower() == PARTNERS
    )


def filter_page(
    text: str,
    audience: str,
    partner_views: Collection[str],
    excluded: Collection[str] = (),
    docname: str = "",
) -> tuple[str, list[Block]]:
    """The page as ``audience`` may read it, and the partner-only blocks it held.

    For the public, partner-only blocks are blanked and toctree entries naming an ``excluded``
    page are dropped; for partners, only the fences of ``partners`` blocks go.
    """
    lines = text.split("\n")
    removed: list[Block] = []
    for block in blocks(lines):
        if block.name == "toctree" and audience == PUBLIC:
            for number in range(block.start + 1, block.end):
                entry = _toctree_target(lines[number], docname)
                if entry and entry in excluded:
                    lines[number] = ""
        if not is_partner_only(block, partner_views):
            continue
        if audience == PUBLIC:
            if any(r.start <= block.start <= r.end for r in removed):
                continue  # inside a block already blanked
            removed.append(block)
            for number in range(block.start, block.end + 1):
                lines[number] = ""
        elif block.name == PARTNERS:
            lines[block.start] = lines[block.end] = ""
    return "\n".join(lines), removed


def _toctree_target(line: str, docname: str) -> str:
    text = line.strip()
    if not text or text.startswith(":"):
        return ""
    if found := re.match(r".*<(.+)>$", text):
        text = found.group(1)
    text = text.removesuffix(".md")
    if text.startswith("/"):
        return text.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), text))


def texts_of(block: Block) -> list[str]:
    """What a partner-only block says, for the audit: its ID, its title and its paragraphs."""
    return [t for t in (block.options.get("id", ""), block.argument, *paragraphs(block.body)) if t]


def paragraphs(lines: list[str]) -> list[str]:
    """The block's text as paragraphs, each on one line, leaving out fences and option lines."""
    result, current = [], []
    for line in lines:
        text = line.strip()
        if not text or _OPEN.match(line) or set(text) <= {":", "`"} or _OPTION.match(line):
            if current:
                result.append(" ".join(current))
            current = []
        else:
            current.append(text)
    if current:
        result.append(" ".join(current))
    return result
