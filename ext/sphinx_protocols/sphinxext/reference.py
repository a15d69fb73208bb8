"""Reference tables for the user guide, generated from the vocabulary, the rules and the config.

The guide loads this as its own extension (``sphinx_protocols.reference``), so its tables can
never drift from the code: a new item type, link or rule appears in the guide by itself.
"""

from __future__ import annotations

import dataclasses as dc
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_protocols.core.rules import RULES
from sphinx_protocols.core.vocabulary import (
    ACTIONS,
    FIELDS,
    ITEM_TYPES,
    LINK_TYPES,
    MODALITIES,
    SHARED_FIELDS,
    STATUSES,
    ItemType,
    LinkType,
    allowed_values,
    expand,
    required_links,
    source_types,
    target_types,
)
from sphinx_protocols.sphinxext.config import ProtocolsConfig


def table(
    caption: str, header: list[str], rows: list[list[str]], widths: list[int] | None = None
) -> nodes.table:
    """A docutils table with a caption and a header row, cells as literal-aware text."""
    tbl = nodes.table(classes=["protocols-reference"])
    tbl += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(header))
    tbl += group
    for width in widths or [1] * len(header):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(header)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return tbl


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        para = nodes.paragraph()
        for i, part in enumerate(text.split("`")):  # `code` spans, as in Markdown
            para += nodes.literal(part, part) if i % 2 else nodes.Text(part)
        entry += para
        row += entry
    return row


def _names(types: tuple[str, ...]) -> str:
    if set(types) == set(ITEM_TYPES):
        return "any item"
    return ", ".join(f"`{t}`" for t in types)


def _role(t: ItemType) -> str:
    """What the table says a type is for, besides being an item."""
    return (" An actor: it can own, send, receive and be accountable." if t.actor else "") + (
        " Each one gets a profile page." if t.profile else "")


def _required(lt: LinkType) -> str:
    """' Required on `duty` (rule P05).' from the table's required_on and rule ids."""
    rules = {t: rule for t in expand(lt.required_on) for spec, rule in required_links(t)
             if spec.name == lt.name}
    if not rules:
        return ""
    return " Required on " + ", ".join(f"`{t}` (rule {r})" for t, r in rules.items()) + "."


class ItemTypes(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = []
        for t in ITEM_TYPES.values():
            fields = []
            for name in (*t.fields, *SHARED_FIELDS):
                values = allowed_values(t.name, name)
                fields.append(f"`{name}`" + (f" ({' / '.join(values)})" if values else ""))
            if t.statuses:
                fields.append(f"`status` ({' / '.join(t.statuses)})")
            rows.append([f"`{t.name}`", f"`{t.prefix}`", t.description + _role(t),
                         ", ".join(fields) or "none"])
        return [
            table(
                "Item types", ["Directive", "ID prefix", "What it is", "Fields"], rows, [2, 2, 5, 6]
            )
        ]


class LinkTypes(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = [
            [f"`{lt.name}`", _names(source_types(lt)), _names(target_types(lt)),
             f"{lt.outgoing} / {lt.incoming}", lt.description + _required(lt)]
            for lt in LINK_TYPES.values()
        ]
        return [
            table(
                "Link types",
                ["Option", "On", "Points at", "Shown as (out / back)", "Meaning"],
                rows,
                [3, 3, 3, 4, 6],
            )
        ]


_KINDS = {"date": "date (YYYY-MM-DD)", "duration": "length of time", "number": "number",
          "closed": "one of a list", "text": "text"}


class FieldValues(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = [[f"`{f.name}`", f.description, _KINDS[f.kind], f.example or " / ".join(f.values)]
                for f in FIELDS.values()]
        return [table("Fields", ["Option", "Meaning", "Kind", "Example or values"], rows,
                      [2, 6, 2, 4])]


class Actions(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        actions = table(
            "Reporting actions", ["Action", "Meaning"], [[a, m] for a, m in ACTIONS.items()], [1, 5]
        )
        modalities = table(
            "Duty modalities",
            ["Modality", "Meaning"],
            [[m, d] for m, d in MODALITIES.items()],
            [1, 5],
        )
        return [actions, modalities]


class Statuses(SphinxDirective):
    """The statuses a protocol (and a version history entry) may have, with what each means."""

    def run(self) -> list[nodes.Node]:
        rows = [[f"`{name}`", meaning] for name, meaning in STATUSES.items()]
        return [table("Protocol statuses", ["Status", "What it means"], rows, [1, 5])]


class Rules(SphinxDirective):
    option_spec: dict[str, Any] = {"severity": lambda v: v.strip()}

    def run(self) -> list[nodes.Node]:
        wanted = self.options.get("severity")
        rows = [
            [r.id, r.summary, r.fix, r.example]
            for r in sorted(RULES.values(), key=lambda r: r.id)
            if wanted in (None, r.severity)
        ]
        caption = {"error": "Errors", "finding": "Findings", "note": "Notes"}.get(
            wanted or "", "Rules"
        )
        return [
            table(
                caption,
                ["Rule", "What it finds", "How to fix it", "Example message"],
                rows,
                [1, 4, 4, 6],
            )
        ]


class SigningMessages(SphinxDirective):
    """The messages of signatures (S) and PDFs (D), from the modules that give them."""

    def run(self) -> list[nodes.Node]:
        from sphinx_protocols.pdf import MESSAGES as PDF
        from sphinx_protocols.sphinxext.signing import MESSAGES as SIGNING

        rows = [[key, meaning, fix] for key, (meaning, fix) in sorted({**SIGNING, **PDF}.items())]
        return [
            table(
                "Signature and PDF messages", ["ID", "What it means", "What to do"], rows, [1, 6, 6]
            )
        ]


class ConfigOptions(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = [
            [f"`protocols_{f.name}`", f"`{f.default!r}`", f.metadata["help"]]
            for f in dc.fields(ProtocolsConfig)
        ]
        return [
            table("Settings for conf.py", ["Setting", "Default", "What it does"], rows, [3, 2, 6])
        ]


def setup(app: Sphinx) -> dict[str, Any]:
    for name, directive in {
        "protocols-item-types": ItemTypes,
        "protocols-link-types": LinkTypes,
        "protocols-fields": FieldValues,
        "protocols-actions": Actions,
        "protocols-rules": Rules,
        "protocols-statuses": Statuses,
        "protocols-config": ConfigOptions,
        "protocols-signing-messages": SigningMessages,
    }.items():
        app.add_directive(name, directive)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
