"""What needs.json leaves out, so a plain sphinx-needs project can ``needimport`` it.

Each item's ``layout`` names one of our card layouts (``protocols_body`` ...): another project
has no such layout, and sphinx-needs stops its build on an unknown one. How an item is drawn is
our site's business, not part of the item, so it is not exported (see sphinx_protocols.interop).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

NOT_EXPORTED = ("layout",)


def _exclude(app: Sphinx, config: Config) -> None:
    excluded = list(config["needs_json_exclude_fields"])
    config["needs_json_exclude_fields"] = [
        *excluded,
        *(f for f in NOT_EXPORTED if f not in excluded),
    ]


def setup_needs_export(app: Sphinx) -> None:
    app.connect(
        "config-inited", _exclude, priority=6
    )  # after setup_needs, before sphinx-needs reads it
