"""Apply the partnership's colour and logo to the theme, after checking its contrast."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from sphinx_protocols.core.branding import problems

logger = logging.getLogger("sphinx_protocols")


def _apply(app: Sphinx, config: Config) -> None:
    colour = config.protocols_brand_colour
    for message in problems(colour):
        logger.warning(f"conf.py: {message}", type="protocols", subtype="brand")
    if problems(colour):
        return
    if config.protocols_logo and not config.html_logo:
        config.html_logo = config.protocols_logo
    if config.html_theme == "furo":
        options = dict(config.html_theme_options or {})
        light = dict(options.get("light_css_variables", {}))
        light.setdefault("color-brand-primary", colour)
        light.setdefault("color-brand-content", colour)
        options["light_css_variables"] = light
        config.html_theme_options = options


def setup_branding(app: Sphinx) -> None:
    app.connect("config-inited", _apply, priority=450)
