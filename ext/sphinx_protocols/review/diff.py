"""What changed between two versions of a partnership: items matched by ID, findings, signatures.

Pure logic over two :class:`~sphinx_protocols.model.Partnership` objects; no Sphinx, no git.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.rules import Finding, run_rules
from sphinx_protocols.core.signatures import (
    Editorial,
    Signature,
    SignatureStatus,
    fingerprint,
    status,
)

from . import wording
from .words import Op, changed, diff_words

State = Literal["added", "removed", "changed", "moved"]
#: Fields reported first, in this order: what a reader looks for first in a changed protocol.
FIRST = ("version", "next_review", "last_reviewed", "approved_by")


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass
class TextChange:
    part: str  # 'title' or 'content'
    label: str
    ops: list[Op]


@dataclass
class ItemChange:
    """One clause that was added, removed, changed or moved."""

    id: str
    type: str
    type_title: str
    title: str
    state: State
    protocol: str  # the protocol it belongs to now (or did, when removed); '' for shared items
    old: Item | None = None
    new: Item | None = None
    fields: list[FieldChange] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # plain English: links, fields, lines
    moved_file: tuple[str, str] | None = None  # (old docname, new docname)
    moved_protocol: tuple[str, str] | None = None  # (old protocol ID, new protocol ID)


def _fields(old: Item, new: Item) -> list[FieldChange]:
    found = []
    for name in sorted(set(old.fields) | set(new.fields)):
        before, after = " ".join(old.get(name).split()), " ".join(new.get(name).split())
        if before != after:
            found.append(FieldChange(name, wording.field_label(name), before, after))
    found.sort(
        key=lambda f: (f.name not in FIRST, FIRST.index(f.name) if f.name in FIRST else 0, f.name)
    )
    if old.status != new.status:
        found.insert(0, FieldChange("status", "Status", old.status, new.status))
    return found


def _texts(old: Item, new: Item) -> list[TextChange]:
    found = []
    for part, label in (("title", "Title"), ("content", "Text")):
        ops = diff_words(getattr(old, part), getattr(new, part))
        if changed(ops):
            found.append(TextChange(part, label, ops))
    return found


def compare_item(old_p: Partnership, new_p: Partnership, item_id: str) -> ItemChange | None:
    """The change of one item, or None when it is the same in both versions."""
    old, new = old_p.get(item_id), new_p.get(item_id)
    if old is None and new is None:
        return None
    if old is None or new is None:
        item = new or old
        assert item is not None
        state: State = "added" if new is not None else "removed"
        change = ItemChange(
            item.id, item.type, item.type_title, item.label, state, item.protocol, old, new
        )
        if item.type == "reporting_line":
            change.sentences = (wording.line_added(new_p, item) if new is not None
                                else wording.line_removed(old_p, item))
        return change
    change = ItemChange(
        new.id, new.type, new.type_title, new.label, "changed", new.protocol, old, new
    )
    change.fields = _fields(old, new)
    change.texts = _texts(old, new)
    change.sentences = wording.link_changes(old_p, new_p, old, new)
    change.sentences += [
        wording.field_change(new_p, new, f.name, f.old, f.new) for f in change.fields
    ]
    if old.docname != new.docname:
        change.moved_file = (old.docname, new.docname)
    if old.protocol != new.protocol:
        change.moved_protocol = (old.protocol, new.protocol)
    if not (change.fields or change.texts or change.sentences):
        if not (change.moved_file or change.moved_protocol):
            return None
        change.state = "moved"
    return change


def in_scope(old_p: Partnership, new_p: Partnership, protocols: set[str] | None) -> list[str]:
    """The IDs to compare: items of the protocols asked for, and the shared items they link to."""
    ids = sorted(set(old_p.items) | set(new_p.items))
    if protocols is None:
        return ids
    own = {i for i in ids for p in (old_p, new_p) if i in p and p[i].protocol in protocols}
    linked = {
        target for p in (old_p, new_p) for i in own if i in p
        for link in p[i].links for target in p[i].targets(link)
    }
    shared = {i for i in linked if all(p[i].protocol == "" for p in (old_p, new_p) if i in p)}
    return sorted(own | shared)


def compare(
    old_p: Partnership, new_p: Partnership, protocols: set[str] | None = None
) -> list[ItemChange]:
    """Every item added, removed, changed or moved, in the order the new version writes them."""
    changes = [c for i in in_scope(old_p, new_p, protocols) if (c := compare_item(old_p, new_p, i))]

    def order(c: ItemChange) -> tuple[int, str, int, str]:
        item = c.new or c.old
        assert item is not None
        return (0 if c.new is not None else 1, item.docname, item.lineno, item.id)

    return sorted(changes, key=order)


# -- findings ----------------------------------------------------------------------------------


@dataclass
class FindingChanges:
    resolved: list[Finding] = field(
        default_factory=list
    )  # reported on the old version, not the new
    appeared: list[Finding] = field(default_factory=list)  # reported on the new version only


def _key(f: Finding) -> tuple[str, str, str]:
    return (f.rule, f.item_id, f.message)


def compare_findings(old: Iterable[Finding], new: Iterable[Finding]) -> FindingChanges:
    old_list, new_list = list(old), list(new)
    before, after = {_key(f) for f in old_list}, {_key(f) for f in new_list}
    return FindingChanges(
        [f for f in old_list if _key(f) not in after],
        [f for f in new_list if _key(f) not in before],
    )


def findings(p: Partnership, strict: bool = False, suppressed: Iterable[str] = ()) -> list[Finding]:
    """The rules' findings on one version, leaving out those the project silences in conf.py."""
    quiet = set(suppressed)
    if quiet & {"protocols", "protocols.*"}:
        return []
    return [f for f in run_rules(p, strict) if f"protocols.{f.rule}" not in quiet]


# -- signatures --------------------------------------------------------------------------------


@dataclass
class StaleSignature:
    """A signature that counted for the old version and does not for the new one."""

    signature: Signature
    now: SignatureStatus


def stale_since(
    old_p: Partnership,
    new_p: Partnership,
    protocol: str,
    signatures: Iterable[Signature],
    editorials: list[Editorial],
) -> tuple[list[StaleSignature], int]:
    """Signatures current (or editorial) for the old version but stale for the new; and how many
    still count."""
    old_fp, new_fp = fingerprint(old_p, protocol), fingerprint(new_p, protocol)
    stale, current = [], 0
    for s in signatures:
        then, now = status(s, old_fp, editorials), status(s, new_fp, editorials)
        if now.current:
            current += 1
        elif then.current:
            stale.append(StaleSignature(s, now))
    return stale, current
