"""Find the item directives in a MyST file and write one back, keeping every other byte as it was.

Pure text work, no Sphinx: an item is a colon (or backtick) fence whose directive name is an item
type of the vocabulary, ``:::{duty} Title`` ... ``:::``, with ``:name: value`` option lines right
after the opening line and the clause text after them. Rendering an item that was not changed gives
back exactly the text it was read from (the round-trip tests check this on every bundled file), so
saving one item never reflows the rest of the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sphinx_protocols.core.vocabulary import ITEM_TYPES

_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>:{3,}|`{3,})\{(?P<type>[a-z_]+)\}(?P<title>.*)$")
_OPTION = re.compile(r"^:(?P<name>[A-Za-z0-9_-]+):(?P<value>.*)$")


class SourceError(ValueError):
    """The file cannot be read as MyST items (an item fence is never closed, say)."""


@dataclass(frozen=True)
class Item:
    """One item directive as written: its place in the file and its parts."""

    type: str
    title: str
    options: dict[str, str]  # in the order they were written
    body: str  # the clause text, with its own line breaks, without the closing fence
    start: int  # offset of the opening fence in the file's text
    end: int  # offset just past the closing fence's line break
    line: int  # 1-based line of the opening fence
    fence: str = ":::"
    indent: str = ""
    newline: str = "\n"
    #: the title as written after the directive's name (its spaces), while it is unchanged
    title_spelling: str = ""
    #: whether a blank line separates the options from the text
    gap: bool = True
    #: how each option was spelled after its colon (for values with extra spaces)
    spelling: dict[str, str] = field(default_factory=dict)
    closing: str = ""  # the closing fence line as written (without its line break)

    @property
    def id(self) -> str:
        return self.options.get("id", "")

    def with_changes(self, title: str, options: dict[str, str], body: str) -> Item:
        """This item with a new title, options and text; spelling kept for unchanged values."""
        spelling = {k: v for k, v in self.spelling.items() if options.get(k) == self.options.get(k)}
        title_spelling = self.title_spelling if title == self.title else ""
        body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", self.newline)
        if body == self.body.replace("\r\n", "\n").replace("\n", self.newline):
            body = self.body  # unchanged text keeps even mixed line breaks
        gap = self.gap
        if not self.end:
            gap = bool(body.strip())  # a new item: a blank line before its text, if it has one
        elif not self.body and body.strip():
            gap = True  # text added to an item that had none
        return replace(
            self,
            title=title,
            options=options,
            body=body,
            spelling=spelling,
            title_spelling=title_spelling,
            gap=gap,
        )


def _lines(text: str) -> list[str]:
    """The file's lines, each with its own line break ('\\n', '\\r\\n' or none on the last)."""
    return text.splitlines(keepends=True)


def _strip_eol(line: str) -> str:
    return line.rstrip("\r\n")


def _closes(line: str, fence: str) -> bool:
    bare = _strip_eol(line).strip()
    return len(bare) >= len(fence) and set(bare) == {fence[0]}


def parse(text: str) -> list[Item]:
    """Every item directive in ``text``, in the order written."""
    items: list[Item] = []
    lines = _lines(text)
    offset = 0
    i = 0
    outer_fence: str | None = None  # inside a code block or a non-item directive nothing opens
    while i < len(lines):
        line = lines[i]
        bare = _strip_eol(line)
        if outer_fence is not None:
            if _closes(line, outer_fence):
                outer_fence = None
            offset += len(line)
            i += 1
            continue
        match = _OPEN.match(bare)
        if match is None or match["type"] not in ITEM_TYPES:
            fence = re.match(r"^ {0,3}(:{3,}|`{3,})", bare)
            if fence:
                outer_fence = fence.group(1)
            offset += len(line)
            i += 1
            continue
        item, used = _read_item(lines, i, offset, match)
        items.append(item)
        offset = item.end
        i += used
    return items


def _read_item(lines: list[str], first: int, start: int, match: re.Match[str]) -> tuple[Item, int]:
    fence = match["fence"]
    newline = lines[first][len(_strip_eol(lines[first])) :] or "\n"
    raw_title = match["title"]
    options: dict[str, str] = {}
    spelling: dict[str, str] = {}
    i = first + 1
    while i < len(lines):
        option = _OPTION.match(_strip_eol(lines[i]))
        if option is None or _closes(lines[i], fence):
            break
        name, value = option["name"], option["value"]
        options[name] = value.strip()
        if value != f" {value.strip()}":
            spelling[name] = value
        i += 1
    gap = i < len(lines) and _strip_eol(lines[i]).strip() == "" and not _closes(lines[i], fence)
    body_start = i + 1 if gap else i
    j = body_start
    while j < len(lines) and not _closes(lines[j], fence):
        j += 1
    if j == len(lines):
        raise SourceError(
            f"line {first + 1}: the {match['type']} item opened here is never closed; "
            f"add a line with {fence} after its text."
        )
    body = "".join(lines[body_start:j])
    end = start + sum(len(line) for line in lines[first : j + 1])
    item = Item(
        match["type"],
        raw_title.strip(),
        options,
        body,
        start,
        end,
        first + 1,
        fence,
        match["indent"],
        newline,
        raw_title,
        gap,
        spelling,
        _strip_eol(lines[j]),
    )
    return item, j + 1 - first


def render(item: Item, last_line_break: bool = True) -> str:
    """The directive's text for ``item``, as it would be written in the file."""
    nl = item.newline
    title = item.title_spelling if item.title_spelling.strip() == item.title else f" {item.title}"
    out = [
        f"{item.indent}{item.fence}{{{item.type}}}"
        f"{title if item.title else item.title_spelling}{nl}"
    ]
    for name, value in item.options.items():
        if value == "" and name not in item.spelling:
            out.append(f":{name}:{nl}")
        else:
            out.append(f":{name}:{item.spelling.get(name, ' ' + value)}{nl}")
    body = item.body
    if body and not body.endswith(("\n", "\r")):
        body += nl
    if body:
        out.append(nl if item.gap else "")
        out.append(body)
    elif item.gap:
        out.append(nl)
    closing = item.closing or f"{item.indent}{item.fence}"
    out.append(closing + (nl if last_line_break else ""))
    return "".join(out)


def replace_item(text: str, old: Item, new: Item) -> str:
    """``text`` with ``old``'s directive replaced by ``new``'s; every other character kept."""
    span = text[old.start : old.end]
    opening = _OPEN.match(_strip_eol(_lines(span)[0])) if span else None
    if opening is None or opening["type"] != old.type:
        raise SourceError(
            "the item is no longer where it was in the file; reload the page and try again."
        )
    had_break = span.endswith(("\n", "\r"))
    return text[: old.start] + render(new, had_break) + text[old.end :]


def append_item(text: str, new: Item) -> str:
    """``text`` with ``new`` added at the end, after one blank line."""
    nl = new.newline
    if text and not text.endswith(("\n", "\r")):
        text += nl
    if text and not text.endswith(nl + nl):
        text += nl
    return text + render(new)


def read_text(path: Path) -> str:
    """A file's text with its line breaks exactly as written."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def digest(text: str) -> str:
    """The fingerprint a form carries, to notice that a file changed underneath it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
