"""Blocks the tool does not know: reported with "did you mean", and kept visible as an error box.

MyST drops a block whose directive it does not know ('Unknown directive type') and its text goes
with it. Before a page is parsed, each such block is renamed to ``protocols-unknown``, which logs
rule P18 at the block's line and shows the clause's text in an error box, so nothing the author
wrote disappears from the page. Line numbers are unchanged: only the fence's first line is edited.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_protocols.core.vocabulary import ITEM_TYPES
from sphinx_protocols.sphinxext.directives import VIEWS

logger = logging.getLogger("sphinx_protocols")

UNKNOWN = "protocols-unknown"
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>:{3,}|`{3,}|~{3,})\{(?P<name>[^}\s]+)\}(?P<rest>.*)$")
_CODE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?!\{)")
_MYST_OWN = frozenset({"eval-rst", "code-cell"})  # names MyST handles before looking up directives


def ours() -> list[str]:
    """The directive names of items and views, the ones worth suggesting."""
    return [*ITEM_TYPES, *VIEWS]


def _known(app: Sphinx, name: str) -> bool:
    if ":" in name or name in _MYST_OWN or name == UNKNOWN:
        return True
    if name in directives._directives or name in directives._directive_registry:  # docutils has no public lookup
        return True
    domains = app.env.domains
    default = app.config.primary_domain or "py"
    return any(name in domain.directives for domain in (domains.standard_domain, domains.get(default))
               if domain is not None)


def rename_unknown(app: Sphinx, lines: list[str]) -> list[str]:
    """The page's lines with each unknown block renamed; code samples are left as written."""
    out: list[str] = []
    in_code = ""
    for line in lines:
        if in_code:
            if line.strip().startswith(in_code) and not line.strip().strip(in_code[0]):
                in_code = ""
        elif (code := _CODE.match(line)) is not None:
            in_code = code.group("fence")
        elif (fence := _FENCE.match(line)) is not None and not _known(app, fence.group("name")):
            line = (f"{fence.group('indent')}{fence.group('fence')}{{{UNKNOWN}}} "
                    f"{fence.group('name')}{fence.group('rest')}")
        out.append(line)
    return out


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if app.env.doc2path(docname).suffix == ".md":
        source[0] = "\n".join(rename_unknown(app, source[0].split("\n")))


class _AnyOption(dict):
    """Accept every option an unknown block was written with (they are not ours to judge)."""

    def __bool__(self) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        return directives.unchanged


class UnknownBlock(SphinxDirective):
    """A block with a directive nobody knows: one located message, and its text in an error box."""

    required_arguments = 1
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = _AnyOption()

    def run(self) -> list[nodes.Node]:
        name, title = self.arguments[0], (self.arguments[1] if len(self.arguments) > 1 else "")
        close = difflib.get_close_matches(name, ours(), n=1, cutoff=0.6)
        hint = f" Did you mean ':::{{{close[0]}}}'?" if close else ""
        logger.warning(f"':::{{{name}}}' is not an item type or view the tool knows, so this block is shown as "
                       f"an error box.{hint} The guide's reference lists every item type and view.",
                       type="protocols", subtype="P18", location=self.get_location())
        box = nodes.error()
        box += nodes.paragraph("", f"This clause could not be read: '{name}' is not a kind of clause the "
                               "tool knows." + (f" Did you mean '{close[0]}'?" if close else ""))
        if title:
            box += nodes.paragraph("", "", nodes.strong(title, title))
        self.state.nested_parse(self.content, self.content_offset, box)
        self.set_source_info(box)
        return [box]


def setup_structure(app: Sphinx) -> None:
    app.add_directive(UNKNOWN, UnknownBlock)
    app.connect("source-read", _source_read)
