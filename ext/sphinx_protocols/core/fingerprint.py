"""Fingerprints of what a page draws from the model, so an incremental build writes a page again
exactly when something it shows has changed.

Pure: a view's data (a card, a matrix, a profile ...) is encoded with every item in it, and every
item ID in it, replaced by the item's *summary* (type, title, status, page, fields and links, but
not its text), because a template names and links items by ID (``p.label(id)``,
``link.profile(id)``). An item also brings the summaries of the items it links to, which the
templates reach through ``p.outgoing``. Anything the encoder does not know is encoded by its
``repr``: at worst the page is written again when it need not be, never the other way round.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from sphinx_protocols.core.model import Item, Partnership

Summary = tuple[Any, ...]


def summary(item: Item) -> Summary:
    """What other pages show of an item: everything but its text and its line."""
    return (
        item.id,
        item.type,
        item.title,
        item.status,
        item.docname,
        item.protocol,
        item.parent,
        tuple(sorted(item.fields.items())),
        tuple((name, tuple(targets)) for name, targets in item.links.items()),
    )


class Encoder:
    """Encodes view data against one model; item summaries are worked out once."""

    def __init__(self, p: Partnership) -> None:
        self.p = p
        self._summaries: dict[str, Summary] = {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def summary(self, item_id: str) -> Summary | None:
        if item_id not in self._summaries:
            item = self.p.get(item_id)
            self._summaries[item_id] = summary(item) if item is not None else None  # type: ignore[assignment]
        return self._summaries[item_id]

    def encode(self, value: Any) -> Any:
        if isinstance(value, str):
            return ("id", value, self.summary(value)) if value in self.p.items else value
        if value is None or isinstance(value, (bool, int, float, dt.date)):
            return value
        if isinstance(value, Item):
            own = self.summary(value.id) if self.p.get(value.id) is value else summary(value)
            targets = [t for name in value.links for t in value.targets(name)]
            return ("item", own, tuple(self.summary(t) for t in targets))
        kind = type(value)
        if kind in self._fields or dataclasses.is_dataclass(kind):
            if kind not in self._fields:
                self._fields[kind] = tuple(f.name for f in dataclasses.fields(value))
            return (kind.__name__, *(self.encode(getattr(value, n)) for n in self._fields[kind]))
        if isinstance(value, Mapping):
            return tuple((self.encode(k), self.encode(v)) for k, v in value.items())
        if isinstance(value, (set, frozenset)):
            return tuple(sorted(repr(self.encode(v)) for v in value))
        if isinstance(value, Iterable):
            return tuple(self.encode(v) for v in value)
        return repr(value)

    def digest(self, *parts: Any) -> str:
        return digest(repr(self.encode(parts)))


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def model_digest(p: Partnership, with_text: bool = False) -> str:
    """The whole model's shape (every item's summary), and with ``with_text`` every item's text:
    what a view drawing on the whole partnership depends on."""
    return digest(repr([(summary(i), i.content if with_text else "") for i in p.items.values()]))
