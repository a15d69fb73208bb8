"""Content fingerprints of a protocol, and whether each signature given still matches them.

Pure logic, no Sphinx. A protocol's fingerprint is a SHA-256 hash of its normalised items: for
each item its ID, type, status, fields, links, title and text, with runs of spaces and line
breaks made one space, link lists sorted, and the file and line left out. So re-wrapping a
paragraph, re-indenting, or moving a clause to another file keeps the fingerprint; changing a
word, a field or a link changes it.

Each clause also gets its own fingerprint, in two halves: ``STRUCTURE.WORDING``. The structure
half covers the type, status, fields and links (who owns a duty, how binding it is, the timing of
a report); the wording half covers the title and description. Only a change to the wording can be
marked editorial (a typo fix), and then it does not make a signature stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from sphinx_protocols.core.model import Item, Partnership

#: Fields of a protocol item that describe the document rather than what is agreed. They change
#: when a protocol is signed and published (status, version, review dates), so they are not signed.
RECORD_FIELDS = frozenset({"version", "created", "last_reviewed", "next_review", "approved_by"})
#: Item types that are not part of what is signed: who signs is not a term of the agreement.
UNSIGNED_TYPES = frozenset({"signatory"})
#: The scope of the fingerprint of a whole partnership (every protocol and shared item).
PARTNERSHIP = "partnership"


def _text(value: str) -> str:
    """Text with formatting-only differences removed: Unicode form, spaces and line breaks."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def _hash(value: object, length: int = 64) -> str:
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:length]


def normalise(item: Item) -> dict[str, object]:
    """The parts of an item a signature covers, in a canonical form."""
    fields = {name: _text(value) for name, value in item.fields.items() if _text(value)}
    status = item.status
    if item.type == "protocol":
        fields = {name: value for name, value in fields.items() if name not in RECORD_FIELDS}
        status = ""
    return {
        "id": item.id,
        "type": item.type,
        "status": _text(status),
        "fields": fields,
        "links": {name: sorted(set(targets)) for name, targets in item.links.items() if targets},
        "title": _text(item.title),
        "text": _text(item.content),
    }


def clause_fingerprint(item: Item) -> str:
    """One clause's fingerprint, ``STRUCTURE.WORDING`` (16 hexadecimal digits each)."""
    data = normalise(item)
    wording = {"title": data.pop("title"), "text": data.pop("text")}
    return f"{_hash(data, 16)}.{_hash(wording, 16)}"


@dataclass(frozen=True)
class Fingerprint:
    """The fingerprint of a protocol (or of the whole partnership) and of each of its clauses."""

    scope: str  # a protocol ID, or PARTNERSHIP
    total: str  # 64 hexadecimal digits
    clauses: dict[str, str]  # clause ID -> STRUCTURE.WORDING

    @property
    def short(self) -> str:
        """The first 12 digits, as printed on every page."""
        return self.total[:12]


def signed_items(p: Partnership, protocol: str) -> list[Item]:
    """The items a signature of a protocol covers.

    Every item written in the protocol's folder, and every shared item (one written outside any
    protocol folder, such as a statute) that those items link to directly. Signatory items are
    left out.
    """
    own = [i for i in p.items_of(protocol) if i.type not in UNSIGNED_TYPES]
    shared: dict[str, Item] = {}
    for item in own:
        for targets in item.links.values():
            for target in targets:
                other = p.get(target)
                if other is not None and not other.protocol and other.type not in UNSIGNED_TYPES:
                    shared[other.id] = other
    return [*own, *shared.values()]


def _fingerprint(scope: str, items: Iterable[Item]) -> Fingerprint:
    ordered = sorted(items, key=lambda i: i.id)
    total = _hash([normalise(i) for i in ordered])
    return Fingerprint(scope, total, {i.id: clause_fingerprint(i) for i in ordered})


def fingerprint(p: Partnership, protocol: str) -> Fingerprint:
    """The fingerprint of one protocol, or of every item when ``protocol`` is PARTNERSHIP."""
    if protocol == PARTNERSHIP:
        return _fingerprint(
            PARTNERSHIP, (i for i in p.items.values() if i.type not in UNSIGNED_TYPES)
        )
    return _fingerprint(protocol, signed_items(p, protocol))


# -- signature records ------------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    """Someone signed a protocol, in a capacity, on a date, for the content with this
    fingerprint."""

    protocol: str
    signatory: str  # the ID of a signatory item
    name: str
    capacity: str
    date: dt.date
    fingerprint: str
    clauses: dict[str, str]
    on_behalf_of: str = ""
    version: str = ""  # the protocol's version label when signed, for people
    commit: str = ""  # the short commit when signed, for people
    line: int = 0  # where the record starts in its file
    deputy_for: str = ""  # the holder of the office, when a deputy signed for them
    key_signature: str = ""  # an SSH signature of ``signed``, when signed with a key
    signed: str = field(default="", compare=False)  # the hash a key signature signs, when read

    @property
    def signer(self) -> str:
        """Who signed, as the page and `protocols verify` say it: a deputy is never shown as the
        holder."""
        return f"{self.name} as deputy for {self.deputy_for}" if self.deputy_for else self.name


@dataclass(frozen=True)
class Editorial:
    """The author says a change to a clause's wording, from one fingerprint to another, is
    editorial."""

    protocol: str
    clause: str
    before: str  # STRUCTURE.WORDING as signed
    after: str  # STRUCTURE.WORDING now
    reason: str
    by: str
    date: dt.date
    line: int = 0


@dataclass(frozen=True)
class Change:
    clause: str
    kind: Literal["changed", "added", "removed"]
    editorial: bool = False

    @property
    def words(self) -> str:
        if self.editorial:
            return "wording changed, marked editorial"
        return {"changed": "changed", "added": "added since", "removed": "removed since"}[self.kind]


State = Literal["current", "editorial", "stale"]


@dataclass(frozen=True)
class SignatureStatus:
    """A signature seen against the content as it is now."""

    signature: Signature
    state: State
    changes: tuple[Change, ...] = ()

    @property
    def substantive(self) -> list[Change]:
        """The changes that need a new signature."""
        return [c for c in self.changes if not c.editorial]

    @property
    def current(self) -> bool:
        return self.state != "stale"


def structure_of(clause_value: str) -> str:
    return clause_value.partition(".")[0]


def _editorial_links(editorials: Iterable[Editorial]) -> dict[tuple[str, str], set[str]]:
    graph: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in editorials:
        graph[(e.clause, e.before)].add(e.after)
        graph[(e.clause, e.after)].add(e.before)
    return graph


def _equivalent(
    clause: str, before: str, after: str, graph: dict[tuple[str, str], set[str]]
) -> bool:
    """Whether marked editorial changes lead from one wording of a clause to the other."""
    seen, queue = {before}, deque([before])
    while queue:
        value = queue.popleft()
        if value == after:
            return True
        for nxt in graph.get((clause, value), ()):
            if nxt not in seen and structure_of(nxt) == structure_of(before):
                seen.add(nxt)
                queue.append(nxt)
    return False


def changes_between(signed: dict[str, str], now: dict[str, str],
                    editorials: Iterable[Editorial] = ()) -> list[Change]:
    """The clauses that differ between two clause maps, editorial ones marked as such."""
    graph = _editorial_links(editorials)
    found = []
    for clause in sorted(set(signed) | set(now)):
        before, after = signed.get(clause), now.get(clause)
        if before == after:
            continue
        if before is None:
            found.append(Change(clause, "added"))
        elif after is None:
            found.append(Change(clause, "removed"))
        else:
            found.append(Change(clause, "changed", _equivalent(clause, before, after, graph)))
    return found


def status(
    signature: Signature, current: Fingerprint, editorials: Sequence[Editorial] = ()
) -> SignatureStatus:
    """Current (this exact content), editorial (only marked editorial changes since) or stale."""
    if signature.fingerprint == current.total:
        return SignatureStatus(signature, "current")
    changes = tuple(changes_between(signature.clauses, current.clauses,
                                    [e for e in editorials if e.protocol == signature.protocol]))
    if changes and all(c.editorial for c in changes):
        return SignatureStatus(signature, "editorial", changes)
    return SignatureStatus(signature, "stale", changes)


def statuses(signatures: Iterable[Signature], current: Fingerprint,
             editorials: Sequence[Editorial] = ()) -> list[SignatureStatus]:
    return [status(s, current, editorials) for s in signatures]


@dataclass
class EditorialPlan:
    """What marking a clause editorial would record, or why it cannot be."""

    clause: str
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (as signed, now)
    refusal: str = ""


def plan_editorial(clause: str, signatures: Iterable[Signature], current: Fingerprint,
                   editorials: Sequence[Editorial] = ()) -> EditorialPlan:
    """The editorial records that would let signatures stand after a wording-only change to a
    clause."""
    plan = EditorialPlan(clause)
    now = current.clauses.get(clause)
    if now is None:
        plan.refusal = (f"{clause} is not a clause of {current.scope} now. Adding or removing a "
                        "clause "
                        "always needs a new signature.")
        return plan
    graph = _editorial_links(editorials)
    for signature in signatures:
        before = signature.clauses.get(clause)
        if before is None:
            plan.refusal = (f"{clause} was added after {signature.name} signed on "
                            f"{signature.date.isoformat()}. "
                            "A new clause always needs a new signature.")
            return plan
        if before == now or _equivalent(clause, before, now, graph) or (before, now) in plan.pairs:
            continue
        if structure_of(before) != structure_of(now):
            plan.refusal = (f"{clause} changed more than its wording since {signature.name} signed "
                            "on "
                            f"{signature.date.isoformat()}: a field, a link or its status is "
                            "different. "
                            "Such a change always needs a new signature.")
            return plan
        plan.pairs.append((before, now))
    if not plan.pairs:
        plan.refusal = (
            f"{clause} has not changed since any signature was given, so there is nothing to mark."
        )
    return plan


#: Words whose change alters what a clause commits anyone to (with every number and month): a
#: correction that adds, removes or swaps one of them is never editorial.
BINDING_WORDS = frozenset(
    [
        "not", "no", "never", "none", "nor", "neither", "without", "unless", "except", "only",
        "must", "shall", "should", "might", "will", "would", "can", "cannot", "could", "need",
        "needs", "all", "every", "any", "each", "within", "before", "after", "until", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "annually", "quarterly", "monthly", "weekly", "yearly",
    ]
)


def binding_changes(before: str, after: str) -> list[str]:
    """The binding words and numbers one wording has and the other has not, each once:
    'must publish' -> 'must not publish' gives ['not']."""

    def words(text: str) -> Counter[str]:
        plain = text.lower().replace("can't", "cannot").replace("can not", "cannot")
        found = re.findall(r"[a-z]+|\d+", plain.replace("n't", " not"))
        return Counter(w for w in found if w in BINDING_WORDS or w.isdigit())

    a, b = words(before), words(after)
    return sorted(set((a - b) + (b - a)))
