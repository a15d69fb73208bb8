"""A read-only picture of the partnership: items, links both ways, and protocols.

Built once per build from sphinx-needs' sealed data (or from plain dicts in tests), so rules and
views never touch Sphinx. Items belong to the protocol whose protocol item sits in the same folder
or a parent folder; items in a folder without one are shared by every protocol that links to them.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sphinx_protocols.core.lexicon import PACKAGED, Term, load
from sphinx_protocols.core.vocabulary import FIELDS, ITEM_TYPES, LINK_TYPES, TBC_MARKERS


@dataclass
class Item:
    """One clause: an item of a type from the vocabulary."""

    id: str
    type: str
    title: str = ""
    content: str = ""
    status: str = ""
    docname: str = ""
    lineno: int = 0
    fields: dict[str, str] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    protocol: str = ""  # the ID of the protocol this item is written in, or ""
    #: the item this one is written inside (an unclosed ':::' nests the next clause), or ""
    parent: str = ""

    @property
    def type_title(self) -> str:
        return ITEM_TYPES[self.type].title if self.type in ITEM_TYPES else self.type

    @property
    def abbreviation(self) -> str:
        return self.fields.get("abbreviation", "")

    @property
    def label(self) -> str:
        """The name people use: the title, else the ID."""
        return self.title or self.id

    @property
    def short(self) -> str:
        """The abbreviation where there is one, else the title."""
        return self.abbreviation or self.label

    def get(self, name: str) -> str:
        return self.fields.get(name) or ""

    def targets(self, link: str) -> list[str]:
        """The IDs this item links to, without 'to be confirmed' markers."""
        return [t for t in self.links.get(link, []) if t not in TBC_MARKERS]

    def tbc(self, link: str) -> bool:
        """Whether a link is marked 'to be confirmed'."""
        return any(t in TBC_MARKERS for t in self.links.get(link, []))


def item_from_need(need: Mapping[str, Any]) -> Item:
    """Copy the parts of a sphinx-needs item the vocabulary knows."""
    fields = {name: str(need.get(name) or "").strip() for name in FIELDS if need.get(name)}
    links = {name: list(need.get(name) or []) for name in LINK_TYPES if need.get(name)}
    return Item(
        id=need["id"],
        type=need["type"],
        title=need.get("title") or "",
        content=need.get("content") or "",
        status=need.get("status") or "",
        docname=need.get("docname") or "",
        lineno=need.get("lineno") or 0,
        fields=fields,
        links=links,
        parent=need.get("parent_need") or "",
    )


@dataclass(frozen=True)
class Edge:
    source: str
    link: str
    target: str


class Partnership:
    """All items of a site, indexed, with back links and protocol membership."""

    def __init__(self, items: Iterable[Item], lexicon: list[Term] | None = None,
                 today: dt.date | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else load(PACKAGED)
        self.today = today or dt.date.today()
        #: protocol ID -> its nearest git tag (a versions.TagCheck), filled in by a build in git
        self.tags: dict[str, Any] = {}
        #: protocol ID -> the signatories with a signature in its signatures.yaml (from a build)
        self.signed: dict[str, set[str]] = {}
        self.items: dict[str, Item] = {}
        for item in sorted(items, key=lambda i: (i.docname, i.lineno, i.id)):
            self.items.setdefault(item.id, item)
        self._assign_protocols()

    # -- lookups -------------------------------------------------------------------------
    def __contains__(self, item_id: object) -> bool:
        return item_id in self.items

    def __getitem__(self, item_id: str) -> Item:
        return self.items[item_id]

    def get(self, item_id: str) -> Item | None:
        return self.items.get(item_id)

    @cached_property
    def _by_type(self) -> dict[str, list[Item]]:
        index: dict[str, list[Item]] = defaultdict(list)
        for item in self.items.values():
            index[item.type].append(item)
        return index

    def of_type(self, *types: str, protocol: str | None = None) -> list[Item]:
        """The items of these types, in source order (views ask often: kept by type)."""
        if len(types) == 1:
            found = self._by_type.get(types[0], [])
        else:
            found = [i for i in self.items.values() if i.type in types]
        return [i for i in found if protocol is None or i.protocol == protocol]

    def label(self, item_id: str) -> str:
        item = self.items.get(item_id)
        return item.label if item else item_id

    def short(self, item_id: str) -> str:
        item = self.items.get(item_id)
        return item.short if item else item_id

    @cached_property
    def edges(self) -> list[Edge]:
        return [
            Edge(item.id, link, target)
            for item in self.items.values()
            for link in item.links
            for target in item.targets(link)
        ]

    @cached_property
    def _incoming(self) -> dict[tuple[str, str], list[str]]:
        index: dict[tuple[str, str], list[str]] = defaultdict(list)
        for edge in self.edges:
            index[(edge.target, edge.link)].append(edge.source)
        return index

    @cached_property
    def _sources(self) -> dict[str, list[str]]:
        """Every item linking to an item, through any link type, in the order of the edges."""
        index: dict[str, list[str]] = defaultdict(list)
        for edge in self.edges:
            index[edge.target].append(edge.source)
        return index

    def incoming(self, item_id: str, link: str) -> list[Item]:
        """Items that link to this one through a link type (the back link)."""
        return [self.items[s] for s in self._incoming.get((item_id, link), []) if s in self.items]

    def outgoing(self, item_id: str, link: str) -> list[Item]:
        item = self.items.get(item_id)
        if item is None:
            return []
        return [self.items[t] for t in item.targets(link) if t in self.items]

    # -- protocols -----------------------------------------------------------------------
    @property
    def protocols(self) -> list[Item]:
        return self.of_type("protocol")

    def _assign_protocols(self) -> None:
        folders = {
            posixpath.dirname(p.docname): p.id for p in self.items.values() if p.type == "protocol"
        }
        for item in self.items.values():
            folder = posixpath.dirname(item.docname)
            while True:
                if folder in folders:
                    item.protocol = folders[folder]
                    break
                if not folder:
                    break
                folder = posixpath.dirname(folder)

    def protocols_of(self, item_id: str) -> list[Item]:
        """Protocols an item is written in, is a party to, or is named by."""
        found: dict[str, None] = {}
        item = self.items.get(item_id)
        if item and item.protocol:
            found[item.protocol] = None
        for source_id in self._sources.get(item_id, ()):
            source = self.items.get(source_id)
            if source is not None and source.protocol:
                found[source.protocol] = None
        return [self.items[p] for p in found if p in self.items]

    def history(self, protocol_id: str) -> list[Item]:
        """A protocol's own version history, as written: entries naming it in ':version_of:', or
        written in its folder without naming another protocol. In source order."""
        return [v for v in self.of_type("version")
                if protocol_id in v.targets("version_of")
                or (not v.links.get("version_of") and v.protocol == protocol_id)]

    def items_of(self, protocol_id: str) -> Iterator[Item]:
        return (i for i in self.items.values() if i.protocol == protocol_id)

    def sender_of(self, line: Item) -> str:
        """The sender of a reporting line: its own, else the producer of its report."""
        if senders := line.targets("sender"):
            return senders[0]
        for report_id in line.targets("report"):
            report = self.items.get(report_id)
            if report is not None and (producers := report.targets("produced_by")):
                return producers[0]
        return ""

    def report_of(self, line: Item) -> Item | None:
        reports = line.targets("report")
        return self.items.get(reports[0]) if reports else None
