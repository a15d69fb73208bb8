"""The templates of the views: where they are found, and what every template is given.

A partnership restyles a view by putting a file of the same name (``protocols/matrix.html`` ...)
in its own ``templates_path``; ours in ``templates/`` are the defaults.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import jinja2
from sphinx.application import Sphinx

from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.rules import RULES
from sphinx_protocols.core.vocabulary import ACTIONS, ITEM_TYPES, MODALITIES, profiled_types
from sphinx_protocols.core.wording import cell, plural, reader_date
from sphinx_protocols.sphinxext.checks import get_partnership
from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.state import get_state

PROFILE_DIR = "profiles"


def templates_dir() -> Path:
    """The packaged templates (in a wheel), else the repository's ``templates/`` folder."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "templates"
    return packaged if packaged.is_dir() else here.parent.parent / "templates"


def environment(app: Sphinx) -> jinja2.Environment:
    """The template environment of this build: the partnership's templates first, then ours."""
    state = get_state(app)
    if state.templates is None:
        user = [str(Path(app.confdir, p)) for p in app.config.templates_path]
        state.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader([*user, str(templates_dir())]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # Wording helpers every template may use, views and page banners alike.
        state.templates.globals.update(date=reader_date, plural=plural, cell=cell)
    return state.templates


class Links:
    """URLs from one page to items and profiles, for the templates."""

    def __init__(self, app: Sphinx, partnership: Partnership, fromdoc: str) -> None:
        self.app, self.p, self.fromdoc = app, partnership, fromdoc
        self.profiles = get_config(app.env).profile_pages

    def _uri(self, target: str) -> str:
        return self.app.builder.get_relative_uri(self.fromdoc, target)

    def item(self, item_id: str) -> str:
        item = self.p.get(item_id)
        return f"{self._uri(item.docname)}#{item_id}" if item else ""

    def profile(self, item_id: str) -> str:
        item = self.p.get(item_id)
        if item is not None and self.profiles and item.type in profiled_types():
            return self._uri(f"{PROFILE_DIR}/{item_id}")
        return self.item(item_id)

    def doc(self, docname: str) -> str:
        return self._uri(docname)

    def source(self, docname: str) -> str:
        """The file a policy officer edits, relative to the project folder."""
        return str(self.app.env.doc2path(docname, False)) if docname else ""


def render(app: Sphinx, template: str, fromdoc: str, **context: Any) -> str:
    """One view's HTML, from its template and what the view computed."""
    p = get_partnership(app)
    ids = get_state(app).view_ids.setdefault(fromdoc, itertools.count(1))  # the same on every build
    return environment(app).get_template(f"protocols/{template}.html").render(
        p=p, link=Links(app, p, fromdoc), config=get_config(app.env), actions=ACTIONS,
        uid=lambda: f"protocols-t{next(ids)}",
        modalities=MODALITIES, item_types=ITEM_TYPES, rules=RULES, **context,
    )
