"""Saved versions in plain words: what changed since the last one, save a new one, undo a change.

Through tools/vcs.py, the one module that runs git. Outside a git checkout the editor still
writes files; it says that versions are not kept instead of failing.
"""

from __future__ import annotations

from pathlib import Path

from sphinx_protocols.editor.settings import Settings
from sphinx_protocols.tools import vcs

NOT_KEPT = (
    "This project is not kept in version control (git), so your changes are saved in the files "
    "only and there is no history of versions."
)


class Versions:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.kept = vcs.is_checkout(root)

    def changes(self) -> list[vcs.Change]:
        """Pages changed since the last saved version."""
        if not self.kept:
            return []
        try:
            return [c for c in vcs.changes(self.root) if c.path.endswith((".md", ".yaml"))]
        except vcs.GitError:
            return []

    def changed(self, page: str) -> bool:
        return any(c.path == page for c in self.changes())

    def history(self, folder: str) -> list[vcs.Version]:
        if not self.kept:
            return []
        try:
            return vcs.versions(self.root, folder or ".")
        except vcs.GitError:
            return []  # a new checkout without any commit yet

    def save(self, message: str, who: Settings) -> str:
        """Commit every changed page with the officer's message; a sentence saying what happened."""
        if not self.kept:
            return NOT_KEPT
        if not message:
            return "Nothing was saved: write a few words about what you changed, then try again."
        if who.problems():
            return (
                "Nothing was saved: first give your name and e-mail on the Settings page. "
                + " ".join(who.problems())
            )
        pages = [c.path for c in self.changes()]
        if not pages:
            return "There are no changes to save: every page is as it was in the last version."
        try:
            vcs.commit_files(self.root, pages, message, who.name, who.email)
        except vcs.GitError as err:
            return f"The version could not be saved ({err}). Your changes are still in the files."
        count = f"{len(pages)} page" + ("s" if len(pages) != 1 else "")
        return f"Saved as a new version: {count}, “{message}”, by {who.name}."

    def undo(self, page: str) -> str:
        """Put one page back as it was in the last saved version."""
        if not self.kept:
            return NOT_KEPT + " Undo needs a saved version to go back to."
        try:
            vcs.restore(self.root, page)
        except vcs.GitError as err:
            return f"The change could not be undone ({err})."
        return f"The changes to {page} were undone: it is as it was in the last saved version."
