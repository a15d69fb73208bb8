"""What every page of the editor shares: the project, this run's token, the preview, templates."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from mdit_py_plugins.myst_blocks import myst_block_plugin
from starlette.requests import Request
from starlette.responses import HTMLResponse

from sphinx_protocols.editor.preview import Previewer
from sphinx_protocols.editor.project import Project, type_title
from sphinx_protocols.editor.versions import Versions

#: the clause text's preview: CommonMark, with raw HTML shown as text (never run), and MyST's
#: ``%`` comment lines hidden as the site hides them
MARKDOWN = MarkdownIt("commonmark", {"html": False}).use(myst_block_plugin)


@dataclass
class Editor:
    """What every page needs: the project, this run's token, the preview and the settings file."""

    project: Project
    token: str
    preview: Previewer | None
    settings_file: Path
    templates: jinja2.Environment

    @property
    def versions(self) -> Versions:
        return Versions(self.project.root)

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(f"editor/{name}").render(
            csrf=self.token,
            preview=self.preview_status(),
            type_title=type_title,
            request=request,
            page_title=self.project.page_title,
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def preview_status(self) -> dict[str, Any]:
        if self.preview is None:
            return {"enabled": False}
        s = self.preview.status
        return {
            "enabled": True,
            "builds": s.builds,
            "building": s.building,
            "ok": s.ok,
            "finished": time.strftime("%H:%M:%S", time.localtime(s.finished)) if s.finished else "",
            "seconds": round(s.seconds, 1),
        }


def editor(request: Request) -> Editor:
    return request.app.state.editor


def problem(request: Request, status: int, message: str) -> HTMLResponse:
    """A plain page saying what could not be done, never a program error."""
    return editor(request).page(request, "problem.html", status=status, message=message)
