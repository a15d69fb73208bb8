"""Warnings in plain English, each with a file, a line and a rule ID.

Our own rules log through :func:`emit`. sphinx-needs reports some problems itself while reading
(a duplicate or malformed ID), and MyST and Sphinx others (an option a view does not have, a page
in no toctree); :class:`NeedsWording` rewrites those into our words and rule IDs, unless the
partnership has silenced them in ``suppress_warnings``.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging
from sphinx_needs.api import get_needs_view

from sphinx_protocols.core.rules import Finding
from sphinx_protocols.core.rules.links import suggest
from sphinx_protocols.core.vocabulary import FIELDS, LINK_TYPES
from sphinx_protocols.sphinxext.state import get_state, note_warning


def _unknown_option(name: str) -> str:
    options = sorted({*FIELDS, *LINK_TYPES, "id", "status", "tags"})
    close = difflib.get_close_matches(name, options, n=1)
    hint = f" Did you mean ':{close[0]}:'?" if close else ""
    return (f"':{name}:' is not an option of any item type, so it was ignored.{hint} The guide's "
            "reference lists every field and link.")

logger = sphinx_logging.getLogger("sphinx_protocols")

#: sphinx-needs' warnings we reword, by their subtype (``needs.create_need`` ...). A subtype can
#: cover several problems (``create_need``: a duplicate, a malformed or a missing ID;
#: ``directive``: any option problem), and sphinx-needs logs no finer code, so within a subtype
#: the text tells them apart; a text alone never selects a rewrite.
_REWRITES: list[tuple[str, re.Pattern[str], str, str | Callable[..., str]]] = [
    ("directive", re.compile(r"^Unknown option '(?P<name>[^']*)'"), "P14", _unknown_option),
    (
        "directive",
        re.compile(r"^Invalid value for 'id' option: 'id' must not be empty"),
        "P13",
        "This item's ':id:' is empty. Write an ID after it that starts with its type's prefix (for "
        "example DUTY_ANNUAL_REPORT). This item was left out of the site.",
    ),
    (
        "create_need",
        re.compile(
            r"Need could not be created: A need with ID '(?P<id>[^']*)' already "
            r"exists \(defined at (?P<where>[^)]*)\)\."
        ),
        "P04",
        "Two items have the ID '{id}'; the first is at {where}. Give this item a different ID: "
        "every ID must be unique across the site.",
    ),
    (
        "create_need",
        re.compile(r"Need could not be created: Given ID '(?P<id>[^']*)' does not match"),
        "P13",
        "The ID '{id}' is not valid: use capital letters, digits and underscores, starting "
        "with "
        "the type's prefix (for example DUTY_ANNUAL_REPORT). This item was left out of the site.",
    ),
    (
        "link_ref",
        re.compile(r"linked need (?P<id>\S+) not found"),
        "P01",
        "The text refers to '{id}', which is not an item in this site. Check the spelling of "
        "the ID, "
        "or add the item it means.",
    ),
    (
        "create_need",
        re.compile(r"Need could not be created: No ID defined"),
        "P13",
        "This item has no ID. Add ':id:' with an ID that starts with its type's prefix (for "
        "example DUTY_ANNUAL_REPORT). This item was left out of the site.",
    ),
]


def _view_option(view: str, name: str, allowed: str) -> str:
    options = re.findall(r"'([^']*)'", allowed)
    close = difflib.get_close_matches(name, options, n=1)
    hint = f" Did you mean ':{close[0]}:'?" if close else ""
    known = f"Its options are: {', '.join(f':{o}:' for o in options)}." if options else (
        "It takes no options.")
    return f"':{name}:' is not an option of the {view} view, so it was ignored.{hint} {known}"


#: MyST's and Sphinx's own warnings we reword, by (type, subtype): our rule IDs, and what to do.
_OTHER_REWRITES: list[tuple[tuple[str, str], re.Pattern[str], str, str | Callable[..., str]]] = [
    (
        ("myst", "directive_option"),
        re.compile(r"^'(?P<view>[^']*)': Unknown option key: '(?P<name>[^']*)' "
                   r"\(allowed: \[(?P<allowed>[^\]]*)\]\)"),
        "P20",
        _view_option,
    ),
    (
        ("myst", "directive_option"),
        re.compile(r"^'(?P<view>[^']*)': Invalid options format"),
        "P20",
        "An option line of this ':::{{{view}}}' is not written ':name: value' at the start of the "
        "line, so the options were not read. Correct the option lines just below this line.",
    ),
    (
        ("myst", "directive_parse"),
        re.compile(r"^'(?P<view>[^']*)': Has content, but none permitted"),
        "P20",
        "The {view} view takes no text, so the lines inside it were ignored. Delete the lines "
        "between its first line and its closing fence.",
    ),
    (
        ("myst", "header"),
        re.compile(r"^Document headings start at H(?P<level>\d), not H1"),
        "P28",
        "The first heading of this page has {level} '#' signs, but a page starts with one: "
        "'# Title'. Make the first heading '# ...', so the page has a title.",
    ),
    (
        ("toc", "no_title"),
        re.compile(r"^toctree contains reference to document '(?P<doc>[^']*)' that doesn't have"),
        "P28",
        "The page '{doc}' has no title, so this toctree cannot link to it. Give the page a first "
        "line '# Title'.",
    ),
    (
        ("myst", "xref_missing"),
        re.compile(r"^'myst' cross-reference target not found: '(?P<target>[^']*)'"),
        "P28",
        "The link to '{target}' names a page or a label that is not in this site. Correct the "
        "name (a page is named by its file, such as duties.md), or remove the link.",
    ),
    (
        ("toc", "not_included"),
        re.compile(r"^document isn't included in any toctree"),
        "P28",
        "This page is in no list of pages (toctree), so readers cannot reach it. Add its name to "
        "the toctree of its protocol's index.md (or of the home page), or delete the page.",
    ),
    (
        ("toc", "not_readable"),
        re.compile(r"^toctree contains reference to non-?existing document '(?P<doc>[^']*)'"),
        "P28",
        "The toctree names '{doc}', but there is no page {doc}.md. Correct the name, or delete "
        "the line.",
    ),
]


class NeedsWording(logging.Filter):
    """Rewrite sphinx-needs' item-creation warnings as located, numbered, plain-English ones.

    It also keeps every warning of the build, so the live preview can show them on the pages.
    """

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        self._rewrite(record)
        kind, sub = getattr(record, "type", ""), getattr(record, "subtype", "")
        if not sphinx_logging.is_suppressed_warning(kind, sub, self.app.config.suppress_warnings):
            location = getattr(record, "location", None)
            get_state(self.app).problems.append((_where(self.app, location), record.getMessage()))
            note_warning(self.app, location)
        return True

    def _rewrite(self, record: logging.LogRecord) -> None:
        kind, subtype = getattr(record, "type", ""), getattr(record, "subtype", "")
        suppressed = self.app.config.suppress_warnings
        if kind in ("myst", "toc") and not sphinx_logging.is_suppressed_warning(
                kind, subtype, suppressed):  # Sphinx's messages are translation proxies, not str
            message = record.getMessage()
            for (want_kind, want_sub), pattern, rule_id, words in _OTHER_REWRITES:
                if (kind, subtype) == (want_kind, want_sub) and (match := pattern.search(message)):
                    record.msg, record.args = (
                        words(**match.groupdict()) if callable(words)
                        else words.format(**match.groupdict())), ()
                    record.type, record.subtype = "protocols", rule_id  # type: ignore[attr-defined]
                    location = getattr(record, "location", None)
                    if isinstance(location, str) and ":" not in location:  # a page: its line 1
                        record.location = (location, 1)  # type: ignore[attr-defined]
                    break
        if getattr(record, "type", "") == "needs" and isinstance(record.msg, str):
            message, subtype = record.getMessage(), getattr(record, "subtype", "")
            for needs_subtype, pattern, rule_id, words in _REWRITES:
                if needs_subtype == subtype and (match := pattern.search(message)):
                    text = (
                        words(**match.groupdict())
                        if callable(words)
                        else words.format(**match.groupdict())
                    )
                    if rule_id == "P01":
                        text = self._did_you_mean(text, match.group("id"))
                    record.msg, record.args = text, ()
                    _point_at_option(record, match.groupdict().get("name", ""))
                    record.type, record.subtype = "protocols", rule_id  # type: ignore[attr-defined]
                    break


    def _did_you_mean(self, text: str, target: str) -> str:
        """Name the existing ID nearest to a mistyped one in a text reference."""
        try:
            ids = list(get_needs_view(self.app))
        except Exception:  # noqa: BLE001  (the needs are not sealed yet: no suggestion)
            return text
        near = suggest(target, ids)
        return text.replace("Check the spelling of the ID,", f"Did you mean '{near}'? Correct the "
                                                             "ID,") if near else text


def _point_at_option(record: logging.LogRecord, option: str) -> None:
    """Move a 'path:line' location from the directive's first line to the misspelt option's line."""
    location = getattr(record, "location", None)
    if option and isinstance(location, str) and (found := re.match(r"^(.*):(\d+)$", location)):
        line = option_line(Path(found.group(1)), int(found.group(2)), option)
        record.location = f"{found.group(1)}:{line}"  # type: ignore[attr-defined]


def _where(app: Sphinx, location: object) -> str:
    if isinstance(location, tuple) and location and location[0]:
        return f"{app.env.doc2path(location[0], False)}:{location[1] or ''}".rstrip(":")
    if isinstance(location, str):
        return location.replace(str(app.srcdir) + "/", "")
    return ""


def install_wording(app: Sphinx) -> None:
    """Put the rewriting filter first on Sphinx's warning handlers (they are made per app)."""
    for handler in logging.getLogger("sphinx").handlers:
        if isinstance(handler, sphinx_logging.WarningStreamHandler):
            handler.filters = [f for f in handler.filters if not isinstance(f, NeedsWording)]
            handler.filters.insert(0, NeedsWording(app))


def option_line(path: Path, lineno: int, option: str, needle: str = "") -> int:
    """The line of ':option:' (or of the text ``needle``) inside the directive starting at
    lineno."""
    if not (option or needle) or not lineno:
        return lineno
    try:  # a page not in UTF-8 is reported (P24); its lines are still counted
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return lineno
    in_options = True
    for number in range(lineno, min(len(lines), lineno + 400)):
        text = lines[number].strip()
        if text.startswith(("```", ":::")):
            break
        in_options = in_options and text.startswith(":")
        if (
            option
            and in_options
            and text.startswith(f":{option}:")
            and (not needle or needle in text)
        ):
            return number + 1
        if needle and not option and not in_options and needle in text:
            return number + 1
    return lineno


def locate(app: Sphinx, finding: Finding) -> int:
    """The line to show: the option line the problem is on, else the item's first line."""
    if not finding.docname:
        return finding.lineno
    return option_line(
        Path(app.env.doc2path(finding.docname)), finding.lineno, finding.field, finding.needle
    )


def emit(app: Sphinx, finding: Finding) -> None:
    """Log one finding: a warning (fails the build) for errors, an info line for draft findings."""
    lineno = locate(app, finding)
    location = (finding.docname, lineno) if finding.docname else None
    if finding.severity == "error":
        logger.warning(finding.message, type="protocols", subtype=finding.rule, location=location)
    else:
        where = f"{app.env.doc2path(finding.docname)}:{lineno}: " if finding.docname else ""
        logger.info(f"{where}{finding.label}: {finding.message} [protocols.{finding.rule}]")
