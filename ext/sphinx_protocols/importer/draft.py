"""The draft an import makes: items with their guesses, and the text kept where it was found.

Pure data and the name index that matches bodies by name and abbreviation. No file access.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

#: small words left out of initials: 'Health and Wellbeing Board' is HWB
CONNECTORS = frozenset({"and", "of", "for", "the", "&", "in", "on", "to", "with"})
#: the last word of a body's name, and the kind of body it makes
BODY_WORDS: dict[str, str] = {
    "board": "board",
    "partnership": "partnership",
    "partnerships": "partnership",
    "panel": "panel",
    "committee": "committee",
    "group": "group",
    "team": "team",
    "council": "council",
    "forum": "forum",
    "executive": "partnership",
    "lscb": "board",
    "lsab": "board",
}


@dataclass
class DraftItem:
    """One item to write: its guesses are listed in ``imported`` (':imported:' on the page)."""

    type: str
    id: str
    title: str
    fields: dict[str, str] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    text: str = ""
    imported: list[str] = field(default_factory=list)
    where: str = ""  # where in the Word file it came from


@dataclass
class Section:
    """A heading of the Word file and what follows it: duties, and text kept as written."""

    heading: str
    number: str = ""
    level: int = 1
    entries: list[DraftItem | str] = field(default_factory=list)


@dataclass
class Draft:
    title: str
    code: str
    protocol: DraftItem
    bodies: list[DraftItem] = field(default_factory=list)
    organisations: list[DraftItem] = field(default_factory=list)
    roles: list[DraftItem] = field(default_factory=list)
    terms: list[DraftItem] = field(default_factory=list)
    reports: list[DraftItem] = field(default_factory=list)
    lines: list[DraftItem] = field(default_factory=list)
    signatories: list[DraftItem] = field(default_factory=list)
    versions: list[DraftItem] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    #: the cover's version history, as rows (the first row is the header)
    history: list[list[str]] = field(default_factory=list)
    #: text kept for a page because it had no place in an item: page name -> Markdown blocks
    kept: dict[str, list[str]] = field(default_factory=dict)
    #: names as written in the Word file -> the ID of an existing item of the partnership
    matched: dict[str, str] = field(default_factory=dict)
    #: the cover table's rows, by our key (version, date, review ...), as written
    cover: dict[str, str] = field(default_factory=dict)
    #: the bodies across the top of the reporting matrix, in order
    columns: list[str] = field(default_factory=list)

    def keep(self, page: str, text: str) -> None:
        self.kept.setdefault(page, []).append(text)

    @property
    def duties(self) -> list[DraftItem]:
        return [e for s in self.sections for e in s.entries if isinstance(e, DraftItem)]

    def all_items(self) -> list[DraftItem]:
        return [
            self.protocol,
            *self.bodies,
            *self.organisations,
            *self.roles,
            *self.terms,
            *self.reports,
            *self.lines,
            *self.signatories,
            *self.duties,
        ]


class Markup(str):
    """Text already written as MyST (a table kept as it was): written out as it is."""


def escape(text: str) -> str:
    """Plain text as MyST that reads back as the same text (no markup, no comment, no option)."""
    text = re.sub(r"([\\`*_\[\]<>{}|$~&#])", r"\\\1", " ".join(text.split()))
    text = re.sub(r"^([-+%:=>])", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def initials(name: str) -> str:
    """'Safer and Stronger Bucks Partnership Board' -> 'SSBPB'."""
    return "".join(
        w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.lower() not in CONNECTORS
    ).upper()


def normalise(name: str) -> str:
    """A name as compared: lower case, '&' as 'and', no 'the', no apostrophes or plural board."""
    text = name.lower().replace("&", " and ").replace("’", "'").replace("'s", "s")
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w != "the"]
    return " ".join(words)


def slug_id(text: str, words: int = 4) -> str:
    """Capital letters for an ID: 'Annual report of the board' -> 'ANNUAL_REPORT_BOARD'."""
    kept = [w for w in re.findall(r"[A-Za-z0-9]+", text) if w.lower() not in CONNECTORS]
    return "_".join(kept[:words]).upper() or "ITEM"


@dataclass
class Known:
    """A body, organisation or role the partnership already has, or the draft proposes."""

    id: str
    type: str
    title: str
    abbreviation: str = ""
    new: bool = False
    where: str = ""  # where the Word file names it, for a new one
    folder: str = ""  # the protocol folder an existing one is written in


class Names:
    """Find bodies by name or abbreviation, in a cell or in running text."""

    def __init__(self, known: list[Known]) -> None:
        self.entries: list[Known] = []
        self.folders: Counter[str] = Counter()  # where the bodies matched so far are written
        for entry in known:
            self.add(entry)

    def add(self, entry: Known) -> Known:
        self.entries.append(entry)
        return entry

    def lookup(self, name: str) -> Known | None:
        """The entry a cell or name means: exact name, abbreviation, or the name's initials.

        Two areas may both have a 'Health and Wellbeing Board': then the one written beside the
        bodies already matched wins, and with no such hint none does (a new body is proposed).
        """
        wanted = normalise(name)
        if not wanted:
            return None
        token = name.strip().strip(".").upper()
        tiers = (
            lambda e: normalise(e.title) == wanted,
            lambda e: bool(e.abbreviation) and e.abbreviation.upper() == token,
            lambda e: (
                e.type == "body" and len(wanted.split()) > 1 and initials(e.title) == initials(name)
            ),
        )
        for tier in tiers:
            found = [e for e in self._ordered() if tier(e)]
            if found:
                return self._choose(found)
        return None

    def _choose(self, found: list[Known]) -> Known | None:
        if found[0].new or len(found) == 1:
            choice: Known | None = found[0]
        else:
            ranked = sorted(found, key=lambda e: -self.folders[e.folder])
            best = self.folders[ranked[0].folder]
            choice = ranked[0] if best and self.folders[ranked[1].folder] < best else None
        if choice is not None and not choice.new:
            self.folders[choice.folder] += 1
        return choice

    def mentions(self, text: str) -> list[tuple[int, Known]]:
        """Every body named in the text, by position (full names first, then abbreviations)."""
        found: dict[int, Known] = {}
        taken: list[range] = []
        lowered = text.lower().replace("&", "and")
        for entry in sorted(self._ordered(), key=lambda e: -len(e.title)):
            for match in re.finditer(
                rf"\b{re.escape(entry.title.lower().replace('&', 'and'))}\b", lowered
            ):
                if not any(match.start() in r for r in taken):
                    found[match.start()] = entry
                    taken.append(range(match.start(), match.end()))
        for entry in self._ordered():
            if not entry.abbreviation:
                continue
            for match in re.finditer(rf"\b{re.escape(entry.abbreviation)}s?\b", text):
                if not any(match.start() in r for r in taken):
                    found[match.start()] = entry
        return sorted(found.items(), key=lambda pair: pair[0])

    def _ordered(self) -> list[Known]:
        """The draft's own entries first: the Word file's meaning wins over another protocol's."""
        return [e for e in self.entries if e.new] + [e for e in self.entries if not e.new]


class Ids:
    """New IDs: the protocol's code after the prefix, never one already used in the partnership."""

    def __init__(self, code: str, taken: set[str]) -> None:
        self.code = code
        self.taken = set(taken)

    def new(self, prefix: str, name: str) -> str:
        base = f"{prefix}{self.code}_{name}".rstrip("_")
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}_{n}", n + 1
        self.taken.add(candidate)
        return candidate


class ReaderState(Protocol):
    """What the table readers need of the text reader: the draft, the names, the IDs, the
    section."""

    draft: Draft
    names: Names
    ids: Ids
    section: Section
