"""The editor's web pages: find a clause, change it, see its problems and the page, save a version.

A Starlette application (served by uvicorn on 127.0.0.1 only, see cli/edit.py); the pages of one
clause are in items.py, what they share in web.py. Every page is a
Jinja template in ``templates/editor/``; every change is a form carrying the run's token.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sphinx_protocols.core.vocabulary import ITEM_TYPES
from sphinx_protocols.editor import items, security, source
from sphinx_protocols.editor import settings as settings_mod
from sphinx_protocols.editor.preview import Previewer
from sphinx_protocols.editor.project import (
    Entry,
    PathRefusedError,
    Project,
    type_title,
)
from sphinx_protocols.editor.web import Editor, editor, problem
from sphinx_protocols.sphinxext.templating import templates_dir


def _protocols(entries: list[Entry]) -> list[dict[str, Any]]:
    """Each protocol with its folder and items; items outside every protocol folder come last."""
    folders = {posixpath.dirname(e.path): e for e in entries if e.item.type == "protocol"}
    groups = [
        {"folder": f, "title": e.item.title, "entry": e, "items": []}
        for f, e in sorted(folders.items())
    ]
    shared: dict[str, Any] = {
        "folder": "",
        "title": "Shared pages (used by several protocols)",
        "items": [],
    }
    for entry in entries:
        home = next(
            (g for g in groups if g["folder"] and entry.path.startswith(g["folder"] + "/")), shared
        )
        home["items"].append(entry)
    return [*groups, shared] if shared["items"] else groups


async def home(request: Request) -> Response:
    ed = editor(request)
    return ed.page(
        request,
        "home.html",
        protocols=_protocols(ed.project.entries()),
        versions=ed.versions,
        unreadable=ed.project.unreadable(),
    )


async def search(request: Request) -> Response:
    ed = editor(request)
    query = request.query_params.get("q", "").strip()[:200]
    return ed.page(
        request, "search.html", query=query, hits=ed.project.search(query) if query else []
    )


async def protocol(request: Request) -> Response:
    ed = editor(request)
    folder = request.path_params["folder"].strip("/")
    group = next((g for g in _protocols(ed.project.entries()) if g["folder"] == folder), None)
    if group is None:
        raise HTTPException(404)
    pages = sorted(
        {e.path for e in group["items"]}
        | {p for p in ed.project.pages() if p.startswith(f"{folder}/")}
    )
    return ed.page(
        request,
        "protocol.html",
        group=group,
        pages=pages,
        types=ITEM_TYPES,
        history=ed.versions.history(folder),
    )


async def version(request: Request) -> Response:
    """Save as a version (commit), or undo the unsaved changes to one page."""
    ed = editor(request)
    form = items.form_answers(await security.checked_form(request, ed.token))
    action = (form.get("action") or [""])[-1]
    back = (form.get("back") or ["/"])[-1]
    back = back if back.startswith("/") and not back.startswith("//") else "/"
    if action == "undo":
        page = (form.get("page") or [""])[-1]
        ed.project.safe(page)
        message = ed.versions.undo(page)
    else:
        who = settings_mod.load(ed.settings_file)
        text = (form.get("message") or [""])[-1].strip()
        message = ed.versions.save(text, who)
    if ed.preview is not None and action == "undo":
        ed.preview.rebuild()
    return ed.page(request, "done.html", message=message, back=back)


async def history(request: Request) -> Response:
    ed = editor(request)
    folder = request.path_params["folder"].strip("/")
    versions = ed.versions
    return ed.page(
        request, "history.html", folder=folder, history=versions.history(folder), kept=versions.kept
    )


async def settings_page(request: Request) -> Response:
    ed = editor(request)
    current = settings_mod.load(ed.settings_file)
    problems: list[str] = []
    saved = False
    if request.method == "POST":
        form = items.form_answers(await security.checked_form(request, ed.token))
        current = settings_mod.Settings(
            (form.get("name") or [""])[-1].strip(), (form.get("email") or [""])[-1].strip()
        )
        problems = current.problems()
        if not problems:
            settings_mod.save(ed.settings_file, current)
            saved = True
    return ed.page(
        request,
        "settings.html",
        settings=current,
        problems=problems,
        saved=saved,
        where=ed.settings_file,
        status=400 if problems else 200,
    )


async def preview_status(request: Request) -> Response:
    return JSONResponse(editor(request).preview_status())


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    plain = {
        404: "There is no such page or clause in this project. "
        "It may have been renamed or removed.",
        405: "That address cannot be used this way. Go back and use the buttons on the page.",
    }
    detail = (
        exc.detail
        if exc.status_code == 400
        else plain.get(exc.status_code, "The editor could not do that.")
    )
    return problem(request, exc.status_code, detail)


async def _refused(request: Request, exc: Exception) -> Response:
    if isinstance(exc, PathRefusedError):
        return problem(
            request,
            403,
            "That file is not one of this project's pages, so the editor will not open it.",
        )
    assert isinstance(exc, security.RefusedError)
    return problem(request, exc.status, exc.message)


async def _unreadable(request: Request, exc: Exception) -> Response:
    return problem(
        request, 400, f"The page cannot be read as clauses, so nothing was changed: {exc}"
    )


async def _failed(request: Request, exc: Exception) -> Response:
    return problem(
        request,
        500,
        "Something went wrong and nothing was changed. Reload the page and try again; "
        f"if it happens again, tell your publishing officer: {type(exc).__name__}.",
    )


def create_app(
    project_dir: Path,
    *,
    preview_dir: Path | None = None,
    editor_url: str = "",
    settings_file: Path | None = None,
) -> Starlette:
    """The editor for the project in ``project_dir``; ``preview_dir`` turns the live preview on."""
    project = Project(project_dir)
    user = project.root / "_templates"
    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(user), str(templates_dir())]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    preview = Previewer(project.root, preview_dir, editor_url) if preview_dir else None
    editor = Editor(
        project,
        security.new_token(),
        preview,
        settings_file or settings_mod.settings_path(),
        templates,
    )
    routes = [
        Route("/", home),
        Route("/search", search),
        Route("/protocol/{folder:path}", protocol),
        Route("/item/{item_id}", items.item),
        Route("/item/{item_id}", items.save, methods=["POST"]),
        Route("/item/{item_id}/check", items.check, methods=["POST"]),
        Route("/new", items.new_item),
        Route("/new", items.save, methods=["POST"]),
        Route("/new/check", items.check, methods=["POST"]),
        Route("/version", version, methods=["POST"]),
        Route("/history/{folder:path}", history),
        Route("/settings", settings_page, methods=["GET", "POST"]),
        Route("/preview-status", preview_status),
        Mount(
            "/static", StaticFiles(directory=templates_dir() / "editor" / "static"), name="static"
        ),
    ]
    if preview_dir is not None:
        preview_dir.mkdir(parents=True, exist_ok=True)
        routes.append(
            Mount("/preview", StaticFiles(directory=preview_dir, html=True, check_dir=False))
        )
    handlers = {
        HTTPException: _http_error,
        PathRefusedError: _refused,
        security.RefusedError: _refused,
        source.SourceError: _unreadable,
        Exception: _failed,
    }
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.editor = editor
    refused = templates.get_template("editor/problem.html").render(
        csrf="",
        preview={"enabled": False},
        type_title=type_title,
        request=None,
        message="The editor only answers this computer's own address (127.0.0.1). "
        "Open it from the link "
        "the protocols edit command printed.",
    )
    app.add_middleware(security.LoopbackHostOnly, page=refused.encode("utf-8"))  # type: ignore[arg-type]
    if preview is not None:
        preview.rebuild()
    return app
