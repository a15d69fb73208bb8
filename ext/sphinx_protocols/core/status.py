"""What a protocol's status tells a reader: the banner on its pages and the home page's words.

Pure. The statuses and their meanings are the vocabulary's (``STATUSES``), so a status added
there gets its banner here without a change: it reads "not agreed" unless it is one of the
statuses a protocol is retired with.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.vocabulary import STATUSES

AGREED = "agreed"
#: Statuses of a protocol no longer in force (the others, but agreed, are not yet in force).
RETIRED = frozenset({"superseded", "withdrawn"})
#: What the banner says of a protocol whose status is left out or not in the vocabulary.
UNSTATED = "It does not say whether it has been agreed, so treat it as a draft."


@dataclass(frozen=True)
class Banner:
    """The warning a protocol that is not agreed carries on every page, in words."""

    protocol: Item
    status: str  # the status as written, or '' when none is
    meaning: str
    successors: list[Item] = field(default_factory=list)  # protocols that replace this one

    @property
    def heading(self) -> str:
        """'Draft', 'Superseded', 'Status not stated'."""
        return self.status.capitalize() if self.status else "Status not stated"

    @property
    def retired(self) -> bool:
        return self.status in RETIRED

    @property
    def lead(self) -> str:
        """The banner's first words after the status."""
        return (
            "this protocol is no longer in force"
            if self.retired
            else "this protocol has not been agreed"
        )

    @property
    def text(self) -> str:
        """The banner in one line, for a PDF's running header: 'Draft: not agreed'."""
        return f"{self.heading}: {'not in force' if self.retired else 'not agreed'}"


def reader_meaning(status: str) -> str:
    """The vocabulary's meaning as a sentence for readers, without advice to writers in brackets."""
    meaning = re.sub(r"\s*\([^)]*\)", "", STATUSES[status]).strip()
    return meaning[:1].upper() + meaning[1:] + "."


def banner(p: Partnership, protocol: Item) -> Banner | None:
    """The banner of a protocol, or None when it is agreed."""
    if protocol.status == AGREED:
        return None
    successors = [x for x in p.incoming(protocol.id, "replaces") if x.type == "protocol"]
    known = protocol.status in STATUSES
    meaning = reader_meaning(protocol.status) if known else UNSTATED
    return Banner(protocol, protocol.status if known else "", meaning, successors)


def summary(p: Partnership) -> str:
    """The home page's sentence on what has been agreed, from the statuses (never assumed)."""
    protocols = p.protocols
    if not protocols:
        return "No protocol has been written yet."
    n, agreed = len(protocols), sum(1 for x in protocols if x.status == AGREED)
    order = [*STATUSES, "without a status"]
    others = Counter(
        x.status if x.status in STATUSES else order[-1] for x in protocols if x.status != AGREED
    )
    rest = ", ".join(f"{others[s]} {s}" for s in order if others[s])
    if agreed == n:
        return (
            "The one protocol here has been agreed by its partners."
            if n == 1
            else f"All {n} protocols here have been agreed by their partners."
        )
    if n == 1:
        return f"The one protocol here has not been agreed yet: {rest}."
    if not agreed:
        return f"None of the {n} protocols here has been agreed yet: {rest}."
    verb = "has" if agreed == 1 else "have"
    return f"{agreed} of the {n} protocols here {verb} been agreed; the rest: {rest}."
