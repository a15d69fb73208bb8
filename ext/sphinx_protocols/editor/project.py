"""The project the editor works on: its files and items, checks, and safe, atomic saves.

Every path the browser names is resolved and must stay inside the project and be a Markdown
file; anything else is refused. A save carries the fingerprint of the file as the form saw it,
so a change made meanwhile (another tab, another program) is noticed instead of overwritten.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sphinx_protocols.core import ledger, lexicon, model
from sphinx_protocols.core.rules import Finding, run_rules
from sphinx_protocols.core.vocabulary import FIELDS, ITEM_TYPES, LINK_TYPES
from sphinx_protocols.editor import forms, source


class PathRefusedError(ValueError):
    """A path outside the project, or not one of its Markdown pages."""


class ConflictError(RuntimeError):
    """The file changed since the form was opened."""


@dataclass(frozen=True)
class Entry:
    """An item and the page it is written on."""

    path: str  # relative to the project, with '/'
    item: source.Item

    @property
    def docname(self) -> str:
        return self.path.removesuffix(".md")


class Project:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._lexicon: list[lexicon.Term] | None = None
        #: page -> (its size and change time, its items): a page is read again only once it changed
        self._parsed: dict[str, tuple[tuple[int, int], list[source.Item]]] = {}

    @property
    def lexicon(self) -> list[lexicon.Term]:
        """The packaged dated terms with the partnership's own lexicon.yaml, read once."""
        if self._lexicon is None:
            terms = lexicon.load(lexicon.PACKAGED)
            own = self.root / "lexicon.yaml"
            try:
                self._lexicon = lexicon.merge(terms, lexicon.load(own)) if own.is_file() else terms
            except lexicon.LexiconError:
                self._lexicon = terms  # the build reports a broken lexicon file
        return self._lexicon

    # -- files ---------------------------------------------------------------------------
    def pages(self) -> list[str]:
        """The project's Markdown pages, relative to it; build and hidden folders left out."""
        found = []
        for path in self.root.rglob("*.md"):
            rel = path.relative_to(self.root)
            if any(part.startswith(("_", ".")) for part in rel.parts[:-1]):
                continue
            found.append(rel.as_posix())
        return sorted(found)

    def safe(self, rel: str) -> Path:
        """The page ``rel`` names; :class:`PathRefusedError` when it is not one of the pages."""
        if not rel or "\0" in rel or Path(rel).is_absolute() or "\\" in rel:
            raise PathRefusedError(rel)
        path = (self.root / rel).resolve()
        if not path.is_relative_to(self.root) or path.suffix != ".md" or not path.is_file():
            raise PathRefusedError(rel)
        if path.relative_to(self.root).as_posix() not in self.pages():
            raise PathRefusedError(rel)
        return path

    def text(self, rel: str) -> str:
        return source.read_text(self.safe(rel))

    def page_title(self, rel: str) -> str:
        """A page's first heading, the name officers know it by ('' when it has none or is gone)."""
        try:
            lines = self.text(rel).splitlines()
        except (PathRefusedError, OSError, UnicodeDecodeError):
            return ""
        return next((line.lstrip("#").strip() for line in lines if line.startswith("# ")), "")

    # -- items ---------------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        found = []
        for rel in self.pages():
            try:
                items = self._items(rel)
            except (source.SourceError, UnicodeDecodeError, OSError):
                continue  # the build reports a broken page; the editor lists what it can read
            found.extend(Entry(rel, item) for item in items)
        return found

    def _items(self, rel: str) -> list[source.Item]:
        stat = (self.root / rel).stat()
        stamp = (stat.st_size, stat.st_mtime_ns)
        cached = self._parsed.get(rel)
        if cached is None or cached[0] != stamp:
            cached = self._parsed[rel] = (stamp, source.parse(source.read_text(self.root / rel)))
        return cached[1]

    def unreadable(self) -> list[tuple[str, str]]:
        """The pages whose items cannot be read, each with what is wrong and how to fix it."""
        found = []
        for rel in self.pages():
            try:
                source.parse(source.read_text(self.root / rel))
            except source.SourceError as err:
                found.append((rel, f"{rel}:{err}"))
            except UnicodeDecodeError:
                found.append(
                    (rel, f"{rel}: is not UTF-8 text; save it again as UTF-8 in your text editor.")
                )
        return found

    def find(self, item_id: str) -> Entry | None:
        return next((e for e in self.entries() if e.item.id == item_id), None)

    def targets(self) -> list[forms.Target]:
        return sorted(
            (
                forms.Target(e.item.id, e.item.type, e.item.title)
                for e in self.entries()
                if e.item.id
            ),
            key=lambda t: (t.title.lower(), t.id),
        )

    def search(self, query: str, limit: int = 50) -> list[Entry]:
        words = query.lower().split()
        hits = [
            e
            for e in self.entries()
            if all(w in f"{e.item.id} {e.item.title}".lower() for w in words)
        ]
        return hits[:limit]

    def partnership(self, replaced: Entry | None = None) -> model.Partnership:
        """The model the build's rules run on, from the files (one item as the form has it).

        Git tags are the build's alone: the editor does not run rule F16 on them."""
        entries = self.entries()
        if replaced is not None:
            entries = [e for e in entries if e.item.id != replaced.item.id] + [replaced]
        made = model.Partnership(
            (_model_item(e) for e in entries if e.item.id), lexicon=self.lexicon
        )
        made.signed = ledger.signed_in(self.root, made.protocols)  # as the build does, for F18
        return made

    def check(self, replaced: Entry | None = None) -> list[Finding]:
        return run_rules(self.partnership(replaced))

    # -- saving --------------------------------------------------------------------------
    def save_item(self, rel: str, old_id: str, new: source.Item, expected: str) -> str:
        """Rewrite one item (``old_id``; appended when empty) in ``rel``; the new fingerprint."""
        path = self.safe(rel)
        text = source.read_text(path)
        if source.digest(text) != expected:
            raise ConflictError(rel)
        if old_id:
            old = next((i for i in source.parse(text) if i.id == old_id), None)
            if old is None:
                raise ConflictError(rel)
            text = source.replace_item(text, old, new)
        else:
            text = source.append_item(text, new)
        write_atomically(path, text)
        return source.digest(text)


def write_atomically(path: Path, text: str) -> None:
    """Write beside the file, then swap it in: a reader never sees half a file."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if path.exists():
            Path(temp).chmod(path.stat().st_mode & 0o777)
        Path(temp).replace(path)  # os.replace: atomic on the same disk
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _model_item(entry: Entry) -> model.Item:
    item = entry.item
    return model.Item(
        id=item.id,
        type=item.type,
        title=item.title,
        content=item.body,
        status=item.options.get("status", ""),
        docname=entry.docname,
        lineno=item.line,
        fields={k: v for k, v in item.options.items() if k in FIELDS and v},
        links={k: forms.split_links(v) for k, v in item.options.items() if k in LINK_TYPES and v},
    )


def type_title(name: str) -> str:
    return ITEM_TYPES[name].title if name in ITEM_TYPES else name
