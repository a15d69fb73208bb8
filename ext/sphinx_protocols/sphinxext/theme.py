"""Small overrides of the theme's own templates, so its pages pass the HTML and WCAG checkers.

Furo's sidebar navigation and search box are replaced by our copies in ``templates/theme/furo``
(no ``role="switch"`` without ``aria-checked``; a search form with a submit button), and every
site gets a favicon, linked from each page and served at ``/favicon.ico``. A site with no
``copyright`` set shows no empty copyright line. A partnership's own
``templates_path`` still comes first, so it can override ours.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_protocols.sphinxext.templating import templates_dir

SITE_ROOT = Path(__file__).parent / "site-root"  # copied to the top of the site: favicon.ico


def _theme_templates(app: Sphinx, config: Config) -> None:
    if config.html_theme == "furo":
        config.templates_path = [*config.templates_path, str(templates_dir() / "theme" / "furo")]
    if not config.html_favicon:
        config.html_favicon = str(SITE_ROOT / "favicon.ico")
    config.html_extra_path = [*config.html_extra_path, str(SITE_ROOT)]
    if not str(config.copyright).strip():  # else every footer reads 'Copyright ©' and no one
        config.html_show_copyright = False


def setup_theme(app: Sphinx) -> None:
    app.connect("config-inited", _theme_templates, priority=460)
