"""A Content-Security-Policy on every page: scripts only from the site's own files.

Everything an author writes is escaped (and raw HTML is off, rawhtml.py); the policy is the second
line of defence, so that text which slipped through could still not run. The theme's own inline
scripts (furo's colour-scheme line) are allowed by their hashes, read from the theme's templates,
so a new version of the theme keeps working. The live preview (`make serve`, which injects its
reload script) goes without the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.state import get_state

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
)
_INLINE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
REDIRECTS = {"permalink"}  # sphinx-needs' redirect page runs its own inline script


def inline_hashes(theme_dirs: list[str]) -> list[str]:
    """The CSP hashes of the plain inline scripts in a theme's templates (none with Jinja in)."""
    found = set()
    for folder in theme_dirs:
        for template in Path(folder).glob("*.html"):
            for body in _INLINE.findall(template.read_text(encoding="utf-8")):
                if "{" not in body:
                    digest = hashlib.sha256(body.encode("utf-8")).digest()
                    found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def _policy(app: Sphinx) -> str:
    state = get_state(app)
    if state.csp is None:
        hashes = inline_hashes(app.builder.theme.get_theme_dirs())  # type: ignore[attr-defined]
        state.csp = POLICY.format(hashes="".join(f" {h}" for h in hashes))
    return state.csp


def _add_policy(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html" or pagename in REDIRECTS:
        return
    if get_config(app.env).show_problems:  # the live preview's reload script is inline
        return
    meta = f'<meta http-equiv="Content-Security-Policy" content="{_policy(app)}">\n'
    context["metatags"] = meta + context.get("metatags", "")


def setup_csp(app: Sphinx) -> None:
    app.connect("html-page-context", _add_policy)
