"""Each protocol's versions as data: the stamp on every page, the tag check, what someone asked
to compare, and review dates.

Pure: no Sphinx, no git. tools/history.py reads these facts from git. A version is found two ways,
because tags do
not travel with every clone: by a tag (``buckinghamshire/V0.6``: the protocol's folder, a slash and
the label; a plain ``V0.6`` when the site has one protocol), and by the ``:version:`` line of the
protocol item's file in each commit that changed the protocol's folder.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass

from sphinx_protocols.core.schema import BLANK_MARKERS

#: What a page says when its files are not in a git checkout.
NOT_IN_VERSION_CONTROL = "not in version control"
#: What it says when they are in a checkout, but their folder has never been committed.
NOT_YET_COMMITTED = "not yet committed"

VERSION_LINE = re.compile(r"^:version:[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)
#: Folders a project keeps for builds and caches, never part of a version.
IGNORED = ("_build/", ".cache/")
#: A version history names at most this many commit subjects per version.
SUBJECTS = 3


@dataclass(frozen=True)
class Place:
    """Where a protocol lives in the project: its ID, folder, the file of its item, its label
    now."""

    id: str
    folder: str  # the protocol item's folder inside the project, '' for the top
    source: (
        str  # the file of the protocol item, relative to the project ('buckinghamshire/index.md')
    )
    label: str = ""

    @property
    def name(self) -> str:
        """The folder's own name, which tags start with ('buckinghamshire')."""
        return posixpath.basename(self.folder)


@dataclass(frozen=True)
class Stamp:
    """What a page says about its version: the label, the last change and whether it is tagged."""

    label: str  # the protocol's version label; '' for a page outside any protocol
    commit: str  # the short commit of the last change, NOT_IN_VERSION_CONTROL or NOT_YET_COMMITTED
    date: str = ""  # YYYY-MM-DD of that commit
    dirty: bool = False  # files changed since that commit
    tag: str = ""  # the tag of this version, when nothing has changed since it

    @property
    def in_git(self) -> bool:
        """Whether the last change is known: the files are in a checkout and were committed."""
        return self.commit not in (NOT_IN_VERSION_CONTROL, NOT_YET_COMMITTED)

    @property
    def uncommitted(self) -> bool:
        """In a checkout, but never committed: not to be mistaken for a download without history."""
        return self.commit == NOT_YET_COMMITTED


@dataclass(frozen=True)
class TagCheck:
    """A protocol's nearest tag, for the check that its version label matches it (rule F16)."""

    protocol: str
    tag: str
    label: str  # the version the tag names
    changed_since: bool = False  # commits have changed the protocol's folder since the tag


@dataclass(frozen=True)
class Version:
    """An earlier version found from what someone typed: a commit, and the protocol it names."""

    spec: str
    commit: str
    protocol: str = ""  # the protocol a tag or a 'folder/label' names, '' for a plain commit
    label: str = ""


class VersionNotFoundError(ValueError):
    """Nothing in the repository matches what was asked for; the message says what does."""


def label_of(text: str | None) -> str:
    """The ``:version:`` of the first protocol item in a page's text ('' when there is none)."""
    match = VERSION_LINE.search(text or "")
    return match.group(1) if match else ""


def version_key(label: str) -> tuple[int, ...] | None:
    """'V0.6' -> (0, 6); None when the label has no number to compare."""
    numbers = re.findall(r"\d+", label)
    return tuple(int(n) for n in numbers) if numbers else None


def is_later(label: str, than: str) -> bool:
    a, b = version_key(label), version_key(than)
    return a is not None and b is not None and a > b


# -- review dates ---------------------------------------------------------------------------------

#: A review is 'due soon' this many days before its date.
DUE_SOON_DAYS = 90


@dataclass(frozen=True)
class ReviewDue:
    """Where a protocol stands against its next review date, in words (not colour)."""

    state: str  # 'overdue', 'due', 'later' or 'none'
    text: str
    date: str = ""

    @property
    def phrase(self) -> str:
        """The words after a protocol's name: 'review overdue since 20 April 2016'."""
        when = long_date(self.date)
        return {"overdue": f"review overdue since {when}", "due": f"review due on {when}"}.get(
            self.state, ""
        )


def long_date(iso: str) -> str:
    """'2016-04-20' -> '20 April 2016'; a blank cell -> 'not stated'; other text as given."""
    if iso in BLANK_MARKERS:
        return "not stated"
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def review_due(next_review: str, today: dt.date) -> ReviewDue:
    if not next_review:
        return ReviewDue("none", "No review date set")
    if next_review in BLANK_MARKERS:
        return ReviewDue("none", "Not stated in the protocol (the cell is blank)")
    try:
        due = dt.date.fromisoformat(next_review)
    except ValueError:
        return ReviewDue("none", f"Not a date: {next_review}")
    if due < today:
        return ReviewDue("overdue", f"Overdue: it was due on {long_date(next_review)}", next_review)
    if (due - today).days <= DUE_SOON_DAYS:
        return ReviewDue("due", f"Due soon: on {long_date(next_review)}", next_review)
    return ReviewDue("later", f"Due on {long_date(next_review)}", next_review)
