"""The pages of one clause: its form, the checks as the officer types, saving, and new clauses."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from sphinx_protocols.core.vocabulary import ITEM_TYPES
from sphinx_protocols.editor import forms, security, source
from sphinx_protocols.editor.project import ConflictError, Entry
from sphinx_protocols.editor.web import MARKDOWN, Editor, editor


def _form_page(
    request: Request,
    entry: Entry,
    form: forms.Form,
    fingerprint: str,
    *,
    new: bool = False,
    conflict: bool = False,
    message: str = "",
    status: int = 200,
) -> Response:
    ed = editor(request)
    findings = _findings(ed, entry)
    built = ed.preview.status.problems.get(entry.path, []) if ed.preview else []
    html_page = entry.docname + ".html"
    return ed.page(
        request,
        "item.html",
        status=status,
        entry=entry,
        form=form,
        fingerprint=fingerprint,
        new=new,
        conflict=conflict,
        message=message,
        findings=findings,
        built=built,
        preview_html=MARKDOWN.render(form.text),
        preview_page=html_page,
        changed=ed.versions.changed(entry.path),
    )


def _findings(ed: Editor, entry: Entry) -> list[Any]:
    return [f for f in ed.project.check(entry) if f.item_id == entry.item.id]


async def item(request: Request) -> Response:
    ed = editor(request)
    entry = ed.project.find(request.path_params["item_id"])
    if entry is None:
        raise HTTPException(404)
    form = forms.build_form(entry.item.type, ed.project.targets(), entry.item)
    fingerprint = source.digest(ed.project.text(entry.path))
    saved = "saved" in request.query_params
    return _form_page(
        request,
        entry,
        form,
        fingerprint,
        message="Saved. The preview is being rebuilt; the page will show your change in a moment."
        if saved and ed.preview
        else "Saved."
        if saved
        else "",
    )


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


def form_answers(form: Any) -> dict[str, list[str]]:
    """A posted form as lists of strings per name (a multiple choice sends several)."""
    return {key: [v for v in form.getlist(key) if isinstance(v, str)] for key in form}


async def check(request: Request) -> Response:
    """As the officer types: the rules' findings for the form's values, and the text's preview."""
    ed = editor(request)
    answers = form_answers(await security.checked_form(request, ed.token))
    entry = _target(ed, request, answers)
    changed, _ = _answered(ed, entry, answers)
    taken = {t.id for t in ed.project.targets()}
    proposed = "" if entry.item.id else _propose(ed, changed, taken)
    findings = [f for f in ed.project.check(changed) if f.item_id == changed.item.id]
    html = ed.templates.get_template("editor/_findings.html").render(findings=findings)
    return JSONResponse(
        {
            "findings": html,
            "preview": MARKDOWN.render(changed.item.body),
            "proposed": proposed,
            "count": len(findings),
        }
    )


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
    ed = editor(request)
    answers = form_answers(await security.checked_form(request, ed.token))
    entry = _target(ed, request, answers)
    changed, form = _answered(ed, entry, answers)
    new = not entry.item.id
    if new:
        taken = {t.id for t in ed.project.targets()}
        item_id = changed.item.id or _propose(ed, changed, taken)
        if item_id in taken or not item_id.startswith(ITEM_TYPES[changed.item.type].prefix):
            return _form_page(
                request,
                changed,
                form,
                answers.get("fingerprint", [""])[-1],
                new=True,
                status=400,
                message="The ID must be new and start with "
                f"{ITEM_TYPES[changed.item.type].prefix}.",
            )
        options = {"id": item_id, **{k: v for k, v in changed.item.options.items() if k != "id"}}
        changed = Entry(
            changed.path, changed.item.with_changes(changed.item.title, options, changed.item.body)
        )
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
    ed = editor(request)
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
