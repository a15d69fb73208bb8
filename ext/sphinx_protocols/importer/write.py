"""Write a draft as a protocol folder in the page layout `protocols new` makes, atomically.

Every item carries ':imported:' with what was guessed, so rule F20 lists it on the Findings page
with its file and line. The folder is written in a temporary folder beside the target and renamed
into place, so an import that fails half way leaves nothing behind.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from sphinx_protocols.importer.draft import Draft, DraftItem, Known, Markup, Section, escape
from sphinx_protocols.importer.recognise import OPENING

#: the pages of a protocol folder, in the order of its table of contents (as `protocols new`)
PAGES = (
    "bodies",
    "duties",
    "reporting",
    "themes",
    "working-together",
    "terms",
    "diagram",
    "register",
    "signatures",
)
_DIRECTIVE = re.compile(
    r"^:::\{(body|organisation|role)\} *(.*)\n((?::[a-z_]+:.*\n)*)", re.MULTILINE
)
_ID_LINE = re.compile(r"^:id: *([A-Z][A-Z0-9_]*)\s*$", re.MULTILINE)


def existing(project: Path, skip: Path | None = None) -> tuple[list[Known], set[str]]:
    """The bodies, organisations and roles of the partnership, and every ID it uses."""
    known: list[Known] = []
    taken: set[str] = set()
    for page in sorted(project.rglob("*.md")):
        if skip is not None and skip.resolve() in page.resolve().parents:
            continue
        text = page.read_text(encoding="utf-8")
        taken.update(_ID_LINE.findall(text))
        for kind, title, options in _DIRECTIVE.findall(text):
            values = dict(re.findall(r"^:([a-z_]+): *(.*)$", options, re.MULTILINE))
            if values.get("id"):
                folder = str(page.parent.relative_to(project))
                known.append(
                    Known(
                        values["id"],
                        kind,
                        title.strip(),
                        values.get("abbreviation", ""),
                        folder=folder,
                    )
                )
    return known, taken


def item(entry: DraftItem) -> str:
    """One item as a MyST directive, with its fields, links and guesses."""
    lines = [f":::{{{entry.type}}} {' '.join(entry.title.split())}", f":id: {entry.id}"]
    if entry.type == "protocol":
        lines.append(":status: draft")
    lines += [
        f":{name}: {' '.join(value.split())}"
        for name, value in entry.fields.items()
        if value.strip()
    ]
    lines += [f":{name}: {', '.join(targets)}" for name, targets in entry.links.items() if targets]
    if entry.imported:
        lines.append(f":imported: {', '.join(entry.imported)}")
    body = []
    if entry.where:
        body.append(f"% From the Word file: {entry.where}.")
    if entry.text:
        body.append(escape(entry.text))
    return "\n".join([*lines, *([""] if body else []), *body, ":::"])


def _page(title: str, comment: str, blocks: list[str]) -> str:
    parts = [f"# {title}", *([comment] if comment else []), *blocks]
    return "\n\n".join(parts) + "\n"


def render(draft: Draft, source: str, today: str) -> dict[str, str]:
    """The pages of the folder: file name -> MyST text."""
    kept = {
        page: [t if isinstance(t, Markup) else escape(t) for t in texts]
        for page, texts in draft.kept.items()
    }
    toctree = "```{toctree}\n:maxdepth: 1\n\n" + "\n".join(PAGES) + "\n```"
    cover = (
        ["## The cover, as the Word file gives it", *kept.pop("index")] if kept.get("index") else []
    )
    history = ["## Version history", *(item(v) for v in draft.versions)] if draft.versions else []
    draft.protocol.text = f"Imported on {today} from the Word file {source}, for checking."
    pages = {
        "index": _page(
            escape(draft.title),
            "% Made by `protocols import`. Every guess is marked ':imported:' "
            "and listed on the Findings page:\n% check each one, then delete its word.",
            [item(draft.protocol), *cover, *history, toctree],
        ),
        "bodies": _page(
            "Bodies, organisations and roles",
            _matched(draft),
            [item(i) for i in [*draft.bodies, *draft.organisations, *draft.roles]],
        ),
        "duties": _page(
            "Duties, clause by clause",
            "% The Word file's text, section by section. Each sentence with must, should, will, "
            "agree or may\n% is a duty to check; the rest is kept as written.",
            [_section(s, level) for s, level in _levels(draft.sections)],
        ),
        "reporting": _page(
            "Reporting between the boards",
            "",
            [
                "```{reporting-matrix}\n:caption: Reports between the parties\n```",
                *(item(i) for i in [*draft.reports, *draft.lines]),
            ],
        ),
        "themes": _page("Themes of common interest", "", ["No shared themes are recorded yet."]),
        "working-together": _page(
            "Working together", "", ["No escalation steps or meeting rules are recorded yet."]
        ),
        "terms": _page(
            "Terms and abbreviations",
            "",
            [item(i) for i in draft.terms] or ["No abbreviations were found."],
        ),
        "diagram": _page("Accountability at a glance", "", ["```{accountability-diagram}\n```"]),
        "register": _page("Duty register", "", ["```{duty-register}\n```"]),
        "signatures": _page(
            "Signatures", "", [*(item(i) for i in draft.signatories), "```{signature-page}\n```"]
        ),
    }
    for name, blocks in kept.items():  # recognised tables, kept to compare with what was made
        pages[name] = (
            pages[name]
            + "\n"
            + "\n\n".join(
                [
                    "## As the Word file gives it",
                    "% Compare this with the items above, then delete this section.",
                    *blocks,
                ]
            )
            + "\n"
        )
    return {f"{name}.md": text for name, text in pages.items()}


def _matched(draft: Draft) -> str:
    """The bodies the partnership already has, each with the names the Word file gives it."""
    if not draft.matched:
        return ""
    names: dict[str, list[str]] = {}
    for name, item_id in sorted(draft.matched.items()):
        names.setdefault(item_id, []).append(name)
    lines = [
        f"- {{need}}`{item_id}`, named in the Word file as: {escape('; '.join(called))}"
        for item_id, called in names.items()
    ]
    return (
        "The Word file names these bodies, which the partnership already has, so the protocol "
        "links to them. Check each is the same body.\n\n" + "\n".join(lines)
    )


def _levels(sections: list[Section]) -> list[tuple[Section, int]]:
    """Heading levels that never skip one (MyST warns on a jump from ## to ####)."""
    result, previous = [], 1
    for section in sections:
        if section.heading == OPENING and not section.entries:
            continue
        level = min(section.level + 1, previous + 1, 6)
        result.append((section, max(level, 2)))
        previous = max(level, 2)
    return result


def _section(section: Section, level: int) -> str:
    heading = f"{section.number} {section.heading}".strip()
    parts = [f"{'#' * level} {escape(heading)}"]
    for entry in section.entries:
        if isinstance(entry, DraftItem):
            parts.append(item(entry))
        elif isinstance(entry, Markup):
            parts.append(str(entry))
        else:
            bullet = entry.startswith("- ")
            parts.append(("- " + escape(entry[2:])) if bullet else escape(entry))
    return "\n\n".join(parts)


def write_folder(pages: dict[str, str], target: Path, force: bool) -> None:
    """Write the pages into ``target`` in one step: build beside it, then rename into place."""
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-import-", dir=target.parent))
    try:
        for name, text in pages.items():
            (work / name).write_text(text, encoding="utf-8")
        if target.exists():
            if not force:
                raise FileExistsError(target)
            old = target.with_name(f".{target.name}-replaced")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            work.rename(target)
            shutil.rmtree(old)
        else:
            work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
