"""The pages' text before MyST reads it: its encoding, its lines (core/source.py), and a label line
before an item.

Sphinx decodes a page as UTF-8 and stops with a traceback on any other byte, so every page is
tried first and one that is not UTF-8 is reported (P24) and left out of the site instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from sphinx_protocols.core.source import check_source, safe_text

logger = logging.getLogger("sphinx_protocols")

_TAB_AFTER_NAME = re.compile(r"^(:[A-Za-z_][\w-]*:)\t+", re.MULTILINE)


def encoding_problem(data: bytes) -> tuple[int, str]:
    """(line, message) when the bytes are not UTF-8 text, else (0, '')."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[1:200:2].count(0) > 20:
        return 1, (
            "This page is saved as UTF-16 text, not UTF-8. Save it again as UTF-8 (in "
            "Notepad: Save As, Encoding 'UTF-8'). The page was left out of the site."
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        byte = data[err.start]
        guess = "Windows-1252" if any(0x80 <= b <= 0x9F for b in data) else "Latin-1"
        try:
            shown = f" (probably '{bytes([byte]).decode('cp1252')}')"
        except UnicodeDecodeError:
            shown = ""
        return line, (
            f"This page is not UTF-8 text: the byte 0x{byte:02X}{shown} on this line "
            f"looks like {guess}, an older encoding. Save the page again as UTF-8 (in "
            "Word or Notepad: Save As, Encoding 'UTF-8'). The page was left out of the "
            "site."
        )
    return 0, ""


def _check_encodings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        try:
            line, message = encoding_problem(path.read_bytes())
        except OSError:
            continue
        if message:
            logger.warning(message, type="protocols", subtype="P24", location=(docname, line))
            docnames.remove(docname)
            env.found_docs.discard(docname)
            app.emit("env-purge-doc", env, docname)  # what an earlier build read of it is gone
            env.clear_doc(docname)


def _check_text(app: Sphinx, docname: str, source: list[str]) -> None:
    """Report the page's own problems, then hand MyST a text it can always parse."""
    text = source[0]
    if not text.strip():
        logger.warning(
            "This page is empty: it has no title and no text, so it cannot be listed or "
            "linked. Give it a first line '# Title' and its text, or delete it and take it out "
            "of the toctree that lists it.",
            type="protocols",
            subtype="P28",
            location=(docname, 1),
        )
    for problem in check_source(text):
        logger.warning(
            problem.message,
            type="protocols",
            subtype=problem.rule,
            location=(docname, problem.line),
        )
    source[0] = _TAB_AFTER_NAME.sub(r"\1 ", safe_text(text))


class LabelBeforeItem(SphinxTransform):
    """A label line, ``(my-target)=``, just before an item: a target of its own before the item.

    docutils moves the label onto the target node sphinx-needs makes for the item, which refers
    to the item's ID without registering it; Sphinx's standard domain then fails on it
    (TypeError). The label gets its own target again, and the item's target is left as it was.
    """

    default_priority = 840  # after docutils' PropagateTargets, before Sphinx's domains (850)

    def apply(self, **kwargs: object) -> None:
        for target in list(self.document.findall(nodes.target)):
            refid = target.get("refid")
            if not refid or refid in self.document.ids or not target["names"]:
                continue
            label = nodes.target(
                "", "", ids=[i for i in target["ids"] if i != refid], names=list(target["names"])
            )
            target["ids"], target["names"] = [refid], []
            target.parent.insert(target.parent.index(target), label)
            for node_id in label["ids"]:
                self.document.ids[node_id] = label


def setup_sources(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _check_encodings)
    app.connect("source-read", _check_text)
    app.add_transform(LabelBeforeItem)
