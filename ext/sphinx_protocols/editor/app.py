"""The editor's web pages: find a clause, change it, see its problems and the page, save a version.

A Starlette application (served by uvicorn on 127.0.0.1 only, see cli/edit.py). Every page is a
Jinja template in ``templates/editor/``; every change is a form carrying the run's token.
"""

from __future__ import annotations

import posixpath
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sphinx_protocols.core.vocabulary import ITEM_TYPES
from sphinx_protocols.editor import forms, security, source
from sphinx_protocols.editor import settings as settings_mod
from sphinx_protocols.editor.preview import Previewer
from sphinx_protocols.editor.project import (
    ConflictError,
    Entry,
    PathRefusedError,
    Project,
    type_title,
)
from sphinx_protocols.editor.versions import Versions
from sphinx_protocols.sphinxext.render import templates_dir

_MARKDOWN = MarkdownIt("commonmark", {"html": False})


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
            csrf=self.token, preview=self.preview_status(), type_title=type_title, request=request,
            page_title=self.project.page_title, **context)
        return HTMLResponse(html, status_code=status)

    def preview_status(self) -> dict[str, Any]:
        if self.preview is None:
            return {"enabled": False}
        s = self.preview.status
        return {"enabled": True, "builds": s.builds, "building": s.building, "ok": s.ok,
                "finished": time.strftime("%H:%M:%S", time.localtime(s.finished)) if s.finished else "",
                "seconds": round(s.seconds, 1)}


def _editor(request: Request) -> Editor:
    return request.app.state.editor


def _protocols(entries: list[Entry]) -> list[dict[str, Any]]:
    """Each protocol with its folder and its items; items outside every protocol folder come last."""
    folders = {posixpath.dirname(e.path): e for e in entries if e.item.type == "protocol"}
    groups = [{"folder": f, "title": e.item.title, "entry": e, "items": []} for f, e in sorted(folders.items())]
    shared: dict[str, Any] = {"folder": "", "title": "Shared pages (used by several protocols)", "items": []}
    for entry in entries:
        home = next((g for g in groups if g["folder"] and entry.path.startswith(g["folder"] + "/")), shared)
        home["items"].append(entry)
    return [*groups, shared] if shared["items"] else groups


async def home(request: Request) -> Response:
    ed = _editor(request)
    return ed.page(request, "home.html", protocols=_protocols(ed.project.entries()), versions=ed.versions,
                   unreadable=ed.project.unreadable())


async def search(request: Request) -> Response:
    ed = _editor(request)
    query = request.query_params.get("q", "").strip()[:200]
    return ed.page(request, "search.html", query=query, hits=ed.project.search(query) if query else [])


async def protocol(request: Request) -> Response:
    ed = _editor(request)
    folder = request.path_params["folder"].strip("/")
    group = next((g for g in _protocols(ed.project.entries()) if g["folder"] == folder), None)
    if group is None:
        raise HTTPException(404)
    pages = sorted({e.path for e in group["items"]} | {p for p in ed.project.pages()
                                                        if p.startswith(f"{folder}/")})
    return ed.page(request, "protocol.html", group=group, pages=pages, types=ITEM_TYPES,
                   history=ed.versions.history(folder))


def _form_page(request: Request, entry: Entry, form: forms.Form, fingerprint: str, *, new: bool = False,
               conflict: bool = False, message: str = "", status: int = 200) -> Response:
    ed = _editor(request)
    findings = _findings(ed, entry)
    built = ed.preview.status.problems.get(entry.path, []) if ed.preview else []
    html_page = entry.docname + ".html"
    return ed.page(request, "item.html", status=status, entry=entry, form=form, fingerprint=fingerprint,
                   new=new, conflict=conflict, message=message, findings=findings, built=built,
                   preview_html=_MARKDOWN.render(form.text), preview_page=html_page,
                   changed=ed.versions.changed(entry.path))


def _findings(ed: Editor, entry: Entry) -> list[Any]:
    return [f for f in ed.project.check(entry) if f.item_id == entry.item.id]


async def item(request: Request) -> Response:
    ed = _editor(request)
    entry = ed.project.find(request.path_params["item_id"])
    if entry is None:
        raise HTTPException(404)
    form = forms.build_form(entry.item.type, ed.project.targets(), entry.item)
    fingerprint = source.digest(ed.project.text(entry.path))
    saved = "saved" in request.query_params
    return _form_page(request, entry, form, fingerprint,
                      message="Saved. The preview is being rebuilt; the page will show your change in a moment."
                      if saved and ed.preview else "Saved." if saved else "")


def _answered(ed: Editor, entry: Entry, answers: dict[str, list[str]]) -> tuple[Entry, forms.Form]:
    """The item as the officer's form has it (not yet saved)."""
    old = entry.item
    item_id = old.id or (answers.get("id") or [""])[-1].strip()
    options = forms.options_from_answers(old.type, answers, old.options, item_id)
    title = (answers.get("title") or [old.title])[-1].strip()
    text = (answers.get("text") or [old.body])[-1]
    new = old.with_changes(title, options, text)
    form = forms.build_form(new.type, ed.project.targets(), new)
    form.text = text
    return Entry(entry.path, new), form


def _answers(form: Any) -> dict[str, list[str]]:
    return {key: [v for v in form.getlist(key) if isinstance(v, str)] for key in form}


async def check(request: Request) -> Response:
    """As the officer types: the rules' findings for the form's values, and the text's preview."""
    ed = _editor(request)
    answers = _answers(await security.checked_form(request, ed.token))
    entry = _target(ed, request, answers)
    changed, _ = _answered(ed, entry, answers)
    taken = {t.id for t in ed.project.targets()}
    proposed = "" if entry.item.id else _propose(ed, changed, taken)
    findings = [f for f in ed.project.check(changed) if f.item_id == changed.item.id]
    html = ed.templates.get_template("editor/_findings.html").render(findings=findings)
    return JSONResponse({"findings": html, "preview": _MARKDOWN.render(changed.item.body), "proposed": proposed,
                         "count": len(findings)})


def _propose(ed: Editor, entry: Entry, taken: set[str]) -> str:
    """An ID for a new item, in the style of the items already on its page."""
    nearby = [i.id for i in source.parse(ed.project.text(entry.path))]
    return forms.propose_id(entry.item.type, entry.item.title, nearby, taken)


def _target(ed: Editor, request: Request, answers: dict[str, list[str]]) -> Entry:
    """The item a form is about: an existing one by its ID, or a new one of a type on a page."""
    item_id = request.path_params.get("item_id", "")
    if item_id:
        entry = ed.project.find(item_id)
        if entry is None:
            raise HTTPException(404)
        return entry
    page = (answers.get("page") or [""])[-1]
    item_type = (answers.get("type") or [""])[-1]
    if item_type not in ITEM_TYPES:
        raise HTTPException(400, "Choose a kind of item from the list.")
    ed.project.safe(page)
    text = ed.project.text(page)
    newline = "\r\n" if "\r\n" in text else "\n"
    blank = source.Item(item_type, "", {}, "", 0, 0, 0, newline=newline, spelling={})
    return Entry(page, blank)


async def save(request: Request) -> Response:
    ed = _editor(request)
    answers = _answers(await security.checked_form(request, ed.token))
    entry = _target(ed, request, answers)
    changed, form = _answered(ed, entry, answers)
    new = not entry.item.id
    if new:
        taken = {t.id for t in ed.project.targets()}
        item_id = changed.item.id or _propose(ed, changed, taken)
        if item_id in taken or not item_id.startswith(ITEM_TYPES[changed.item.type].prefix):
            return _form_page(request, changed, form, answers.get("fingerprint", [""])[-1], new=True, status=400,
                              message=f"The ID must be new and start with {ITEM_TYPES[changed.item.type].prefix}.")
        options = {"id": item_id, **{k: v for k, v in changed.item.options.items() if k != "id"}}
        changed = Entry(changed.path, changed.item.with_changes(changed.item.title, options, changed.item.body))
    fingerprint = (answers.get("fingerprint") or [""])[-1]
    try:
        ed.project.save_item(entry.path, entry.item.id, changed.item, fingerprint)
    except ConflictError:
        latest = source.digest(ed.project.text(entry.path))
        return _form_page(request, changed, form, latest, new=new, conflict=True, status=409)
    if ed.preview is not None:
        ed.preview.rebuild()
    return RedirectResponse(f"/item/{changed.item.id}?saved=1", status_code=303)


async def new_item(request: Request) -> Response:
    ed = _editor(request)
    page = request.query_params.get("page", "")
    item_type = request.query_params.get("type", "")
    if item_type not in ITEM_TYPES:
        raise HTTPException(400, "Choose a kind of item from the list.")
    text = ed.project.text(page)
    nearby = [i.id for i in source.parse(text)]
    proposed = forms.propose_id(item_type, "", nearby, {t.id for t in ed.project.targets()})
    form = forms.build_form(item_type, ed.project.targets(), None, proposed)
    blank = source.Item(item_type, "", {}, "", 0, 0, 0)
    return _form_page(request, Entry(page, blank), form, source.digest(text), new=True)


async def version(request: Request) -> Response:
    """Save as a version (commit), or undo the unsaved changes to one page."""
    ed = _editor(request)
    form = _answers(await security.checked_form(request, ed.token))
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
    ed = _editor(request)
    folder = request.path_params["folder"].strip("/")
    versions = ed.versions
    return ed.page(request, "history.html", folder=folder, history=versions.history(folder), kept=versions.kept)


async def settings_page(request: Request) -> Response:
    ed = _editor(request)
    current = settings_mod.load(ed.settings_file)
    problems: list[str] = []
    saved = False
    if request.method == "POST":
        form = _answers(await security.checked_form(request, ed.token))
        current = settings_mod.Settings((form.get("name") or [""])[-1].strip(),
                                        (form.get("email") or [""])[-1].strip())
        problems = current.problems()
        if not problems:
            settings_mod.save(ed.settings_file, current)
            saved = True
    return ed.page(request, "settings.html", settings=current, problems=problems, saved=saved,
                   where=ed.settings_file, status=400 if problems else 200)


async def preview_status(request: Request) -> Response:
    return JSONResponse(_editor(request).preview_status())


def _problem(request: Request, status: int, message: str) -> Response:
    ed = _editor(request)
    return ed.page(request, "problem.html", status=status, message=message)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    plain = {404: "There is no such page or clause in this project. It may have been renamed or removed.",
             405: "That address cannot be used this way. Go back and use the buttons on the page."}
    detail = exc.detail if exc.status_code == 400 else plain.get(exc.status_code, "The editor could not do that.")
    return _problem(request, exc.status_code, detail)


async def _refused(request: Request, exc: Exception) -> Response:
    if isinstance(exc, PathRefusedError):
        return _problem(request, 403, "That file is not one of this project's pages, so the editor will not open it.")
    assert isinstance(exc, security.RefusedError)
    return _problem(request, exc.status, exc.message)


async def _unreadable(request: Request, exc: Exception) -> Response:
    return _problem(request, 400, f"The page cannot be read as clauses, so nothing was changed: {exc}")


async def _failed(request: Request, exc: Exception) -> Response:
    return _problem(request, 500, "Something went wrong and nothing was changed. Reload the page and try again; "
                                  f"if it happens again, tell your publishing officer: {type(exc).__name__}.")


def create_app(project_dir: Path, *, preview_dir: Path | None = None, editor_url: str = "",
               settings_file: Path | None = None) -> Starlette:
    """The editor for the project in ``project_dir``; ``preview_dir`` turns the live preview on."""
    project = Project(project_dir)
    user = project.root / "_templates"
    templates = jinja2.Environment(loader=jinja2.FileSystemLoader([str(user), str(templates_dir())]),
                                   autoescape=True, undefined=jinja2.StrictUndefined)
    preview = Previewer(project.root, preview_dir, editor_url) if preview_dir else None
    editor = Editor(project, security.new_token(), preview, settings_file or settings_mod.settings_path(), templates)
    routes = [
        Route("/", home), Route("/search", search), Route("/protocol/{folder:path}", protocol),
        Route("/item/{item_id}", item), Route("/item/{item_id}", save, methods=["POST"]),
        Route("/item/{item_id}/check", check, methods=["POST"]),
        Route("/new", new_item), Route("/new", save, methods=["POST"]), Route("/new/check", check, methods=["POST"]),
        Route("/version", version, methods=["POST"]), Route("/history/{folder:path}", history),
        Route("/settings", settings_page, methods=["GET", "POST"]), Route("/preview-status", preview_status),
        Mount("/static", StaticFiles(directory=templates_dir() / "editor" / "static"), name="static"),
    ]
    if preview_dir is not None:
        preview_dir.mkdir(parents=True, exist_ok=True)
        routes.append(Mount("/preview", StaticFiles(directory=preview_dir, html=True, check_dir=False)))
    handlers = {HTTPException: _http_error, PathRefusedError: _refused, security.RefusedError: _refused,
                source.SourceError: _unreadable, Exception: _failed}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.editor = editor
    refused = templates.get_template("editor/problem.html").render(
        csrf="", preview={"enabled": False}, type_title=type_title, request=None,
        message="The editor only answers this computer's own address (127.0.0.1). Open it from the link "
                "the protocols edit command printed.")
    app.add_middleware(security.LoopbackHostOnly, page=refused.encode("utf-8"))  # type: ignore[arg-type]
    if preview is not None:
        preview.rebuild()
    return app
