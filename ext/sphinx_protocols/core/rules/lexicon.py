"""Terms that changed in law, dated against each protocol's legal date (not today)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field

from sphinx_protocols.core.lexicon import Term, find
from sphinx_protocols.core.model import Item, Partnership

from .base import Finding, describe, found, rule
from .text import _texts


@dataclass
class Hit:
    """A lexicon term in one protocol: where it is first named, and in how many items."""

    item: Item
    field: str
    words: str
    when: dt.date  # the date the protocol is checked at
    own: bool  # True when that is the protocol's own legal date
    items: set[str] = dc_field(default_factory=set)

    @property
    def count(self) -> str:
        n = len(self.items)
        return f" ({n} items in all)" if n > 1 else ""


def _hits(p: Partnership) -> Iterator[tuple[Term, Hit]]:
    """Each term once per protocol, at its first use (shared law pages speak of every period)."""
    dates = {proto.id: proto.get("legal_date") for proto in p.protocols}
    hits: dict[tuple[str, str], tuple[Term, Hit]] = {}
    for item in p.items.values():
        if not item.protocol:
            continue
        try:
            when, own = dt.date.fromisoformat(dates.get(item.protocol, "")), True
        except ValueError:
            when, own = p.today, False
        for name, text in _texts(item):
            for term, words in find(p.lexicon, text):
                _, hit = hits.setdefault((item.protocol, term.term), (term, Hit(item, name, words, when, own)))
                hit.items.add(item.id)
    yield from hits.values()


@rule("F08", "finding", "A term was already out of date on the protocol's legal date (or was never right).",
      "Replace it with its successor, or correct the citation.",
      "Organisation ORG_X names 'Probation Trust', which ended on 2014-06-01, before this protocol's legal "
      "date (2019-06-19). Replace it with: National Probation Service and Community Rehabilitation Companies "
      "(since 2021 the Probation Service).")
def out_of_date(p: Partnership) -> Iterator[Finding]:
    for term, hit in _hits(p):
        if term.ended is None:
            yield found("F08", hit.item, f"{describe(hit.item)} names '{hit.words}'{hit.count}, which was never "
                        f"right. Replace it with: {term.successor}.", hit.field, hit.words)
        elif term.ended <= hit.when:
            date = (f"this protocol's legal date ({hit.when.isoformat()})" if hit.own
                    else f"today ({hit.when.isoformat()}), as the protocol has no legal date")
            yield found("F08", hit.item, f"{describe(hit.item)} names '{hit.words}'{hit.count}, which ended on "
                        f"{term.ended.isoformat()}, before {date}. Replace it with: {term.successor}.",
                        hit.field, hit.words)


@rule("N01", "note", "A term has been replaced since the protocol's legal date: right then, out of date now.",
      "At the next review, update the term if the protocol is still in force.",
      "Organisation ORG_X names 'CCG', which was right on this protocol's legal date (2019-06-19) but ended "
      "on 2022-07-01. At the next review, use: Integrated Care Board (ICB).")
def replaced_since(p: Partnership) -> Iterator[Finding]:
    for term, hit in _hits(p):
        if hit.own and term.ended is not None and hit.when < term.ended <= p.today:
            yield found("N01", hit.item, f"{describe(hit.item)} names '{hit.words}'{hit.count}, which was right on "
                        f"this protocol's legal date ({hit.when.isoformat()}) but ended on "
                        f"{term.ended.isoformat()}. At the next review, use: {term.successor}.", hit.field, hit.words)
