"""Each protocol's versions, read from git: the stamp on every page, the history table, the tag
check, and finding an earlier version by its tag or by its own version label.

git is reached only through tools/vcs.py. A version is found two ways, because tags do not
travel with every clone: by a tag (``buckinghamshire/V0.6``: the protocol's folder, a slash and the
label; a plain ``V0.6`` when the site has one protocol), and by the ``:version:`` line of the
protocol item's file in each commit that changed the protocol's folder.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_protocols.core.versions import (
    IGNORED,
    NOT_IN_VERSION_CONTROL,
    NOT_YET_COMMITTED,
    SUBJECTS,
    Place,
    Stamp,
    TagCheck,
    Version,
    VersionNotFoundError,
    label_of,
)
from sphinx_protocols.tools import vcs
from sphinx_protocols.tools.vcs import GitError, LogEntry


@dataclass
class VersionRow:
    """One version of a protocol in its history: the commits whose protocol item had this label."""

    label: str
    first: LogEntry
    last: LogEntry
    subjects: list[str] = field(default_factory=list)  # newest first
    tags: list[vcs.Tag] = field(default_factory=list)
    end: str = (
        ""  # the last commit of the whole project with this version: before the next one began
    )

    @property
    def commits(self) -> int:
        return len(self.subjects)

    @property
    def summary(self) -> str:
        """What changed: an annotated tag's message, else the latest commit subjects."""
        messages = [t.message for t in self.tags if t.message]
        if messages:
            return "; ".join(messages)
        shown = self.subjects[:SUBJECTS]
        more = len(self.subjects) - len(shown)
        return "; ".join(shown) + (
            f"; and {more} earlier change{'s' if more > 1 else ''}" if more else ""
        )


class History:
    """The git history of a project folder, asked once per build (or per command) and kept."""

    def __init__(self, project: Path, places: list[Place]) -> None:
        self.project = project
        self.places = {p.id: p for p in places}
        self._rows: dict[str, list[VersionRow]] = {}
        self._tags: list[vcs.Tag] | None = None
        try:
            self.root = vcs.toplevel(project)
            self.prefix = vcs.relative(project)
            self.head = vcs.resolve(project, "HEAD") or ""
        except GitError:
            self.root, self.prefix, self.head = None, "", ""
        self._changed: set[str] | None = None
        self._stamps: dict[str, Stamp] = {}
        self._checks: dict[str, TagCheck | None] = {}

    @property
    def in_git(self) -> bool:
        return self.root is not None and bool(self.head)

    def path(self, inside: str) -> str:
        """A project path as a path from the checkout's root."""
        joined = posixpath.normpath(posixpath.join(self.prefix, inside)) if inside else self.prefix
        return joined

    # -- what changed in the working tree ---------------------------------------------------
    def changed_files(self) -> set[str]:
        """Project files that differ from the last commit, relative to the project."""
        if self._changed is None:
            self._changed = set()
            if self.in_git:
                top = "" if self.prefix == "." else self.prefix + "/"
                for line in vcs.status(self.project):
                    name = line[3:].split(" -> ")[-1].strip('"')
                    name = name.removeprefix(top)
                    if not name.startswith(IGNORED):
                        self._changed.add(name)
        return self._changed

    def dirty(self, folder: str) -> bool:
        prefix = folder.rstrip("/") + "/" if folder else ""
        return any(name.startswith(prefix) for name in self.changed_files())

    # -- stamps ---------------------------------------------------------------------------
    def stamp(self, protocol: str = "") -> Stamp:
        """The stamp of a protocol's pages, or of the site's other pages when ``protocol`` is ''."""
        if protocol not in self._stamps:
            self._stamps[protocol] = self._stamp(protocol)
        return self._stamps[protocol]

    def _stamp(self, protocol: str) -> Stamp:
        place = self.places.get(protocol)
        label = place.label if place else ""
        if not self.in_git:
            return Stamp(label, NOT_IN_VERSION_CONTROL)
        folder = place.folder if place else ""
        entries = vcs.log(self.project, folder or ".", limit=1)
        if not entries:  # the folder has never been committed
            return Stamp(label, NOT_YET_COMMITTED)
        last = entries[0]
        dirty = self.dirty(folder)
        check = self.tag_check(protocol) if place else None
        tag = (
            check.tag
            if check and not dirty and not check.changed_since and check.label == label
            else ""
        )
        return Stamp(label, last.short, last.date, dirty, tag)

    # -- tags -----------------------------------------------------------------------------
    def all_tags(self) -> list[vcs.Tag]:
        if self._tags is None:
            self._tags = vcs.tags(self.project) if self.in_git else []
        return self._tags

    def tag_label(self, tag: str, protocol: str) -> str:
        """The version a tag names for a protocol, or '' when the tag is not one of its versions."""
        place = self.places.get(protocol)
        if place is None:
            return ""
        prefix, _, label = tag.rpartition("/")
        if prefix:
            return label if prefix in (place.name, place.folder, place.id) and place.name else ""
        return tag if len(self.places) == 1 else ""

    def tags_of(self, protocol: str) -> list[vcs.Tag]:
        return [t for t in self.all_tags() if self.tag_label(t.name, protocol)]

    def tag_check(self, protocol: str) -> TagCheck | None:
        """The protocol's nearest tag among those HEAD descends from, and whether it changed
        since."""
        if protocol not in self._checks:
            self._checks[protocol] = self._tag_check(protocol)
        return self._checks[protocol]

    def _tag_check(self, protocol: str) -> TagCheck | None:
        mine = self.tags_of(protocol)
        if not mine:
            return None
        args = ["describe", "--tags", "--abbrev=0"]
        for t in mine:
            args += ["--match", t.name]
        try:
            nearest = vcs.git(self.project, *args, "HEAD")
        except GitError:  # no tag of this protocol is in HEAD's history
            return None
        place = self.places[protocol]
        since = vcs.git(
            self.project, "log", "--format=%h", f"{nearest}..HEAD", "--", place.folder or "."
        )
        return TagCheck(protocol, nearest, self.tag_label(nearest, protocol), bool(since))

    def tag_checks(self) -> dict[str, TagCheck]:
        found = {}
        for protocol in self.places:
            check = self.tag_check(protocol) if self.in_git else None
            if check is not None:
                found[protocol] = check
        return found

    # -- history --------------------------------------------------------------------------
    def rows(self, protocol: str) -> list[VersionRow]:
        """The protocol's versions, newest first, from the commits that changed its folder."""
        if protocol in self._rows:
            return self._rows[protocol]
        place = self.places.get(protocol)
        rows: list[VersionRow] = []
        if place is not None and self.in_git:
            entries = vcs.log(self.project, place.folder or ".")
            texts = vcs.show_many(
                self.project, [f"{e.commit}:{self.path(place.source)}" for e in entries]
            )
            for entry, text in zip(reversed(entries), reversed(texts), strict=True):
                if text is None:
                    continue  # the protocol item's file did not exist yet
                label = label_of(text)
                if rows and rows[-1].label == label:
                    rows[-1].last = entry
                    rows[-1].subjects.insert(0, entry.subject)
                else:
                    rows.append(VersionRow(label, entry, entry, [entry.subject]))
            rows.reverse()
            for newer, row in zip([None, *rows], rows, strict=False):
                row.end = (
                    vcs.resolve(self.project, f"{newer.first.commit}^") if newer else self.head
                ) or row.last.commit
            for tag in self.tags_of(protocol):
                label = self.tag_label(tag.name, protocol)
                row = next((r for r in rows if r.label.lower() == label.lower()), None)
                if row is not None:
                    row.tags.append(tag)
        self._rows[protocol] = rows
        return rows

    def versions(self) -> list[tuple[Place, VersionRow]]:
        """Every version of every protocol, for messages that list what can be compared."""
        return [
            (place, row)
            for place in self.places.values()
            for row in self.rows(place.id)
            if row.label
        ]

    def find(self, spec: str) -> Version:
        """The commit a tag, branch, commit or 'folder/label' (or a plain label) names."""
        spec = spec.strip()
        if not self.in_git:
            raise VersionNotFoundError(f"'{self.project}' is not in a git checkout, so it has no "
                                       "earlier versions "
                                       "(a downloaded zip has no history). Clone the repository "
                                       "with git to compare "
                                       "versions.")
        commit = vcs.resolve(self.project, spec)
        if commit:
            named = next((p for p in self.places if self.tag_label(spec, p)), "")
            return Version(spec, commit, named, self.tag_label(spec, named) if named else "")
        folder, _, label = spec.rpartition("/")
        matches = [
            (place, row)
            for place, row in self.versions()
            if row.label.lower() == label.lower()
            and (not folder or folder in (place.name, place.folder, place.id))
        ]
        if len(matches) == 1:
            place, row = matches[0]
            return Version(spec, row.end, place.id, row.label)
        if len(matches) > 1:
            names = ", ".join(f"{place.name or place.id}/{row.label}" for place, row in matches)
            raise VersionNotFoundError(
                f"More than one protocol has had the version '{spec}': "
                f"{names}. Give the "
                "protocol's folder too, for example "
                f"{matches[0][0].name or matches[0][0].id}/{matches[0][1].label}."
            )
        raise VersionNotFoundError(f"'{spec}' is not a tag, branch or commit of this repository, "
                                   "and no protocol "
                                   f"has had the version '{label or spec}'. {self.known()}")

    def known(self) -> str:
        """A sentence listing the versions and tags that can be compared."""
        found = [f"{place.name or place.id}/{row.label} (commit {row.end[:7]}, last changed "
                 f"{row.last.date})"
                 for place, row in self.versions()]
        tags = [t.name for t in self.all_tags()]
        parts = []
        if found:
            parts.append("Versions in the history: " + "; ".join(found) + ".")
        if tags:
            parts.append("Tags: " + ", ".join(tags) + ".")
        return (
            " ".join(parts)
            or "No protocol in the history has a ':version:' yet, and there are no tags."
        )
