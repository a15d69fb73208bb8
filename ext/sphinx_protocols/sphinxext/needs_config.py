"""Feed the vocabulary to sphinx-needs before it reads its own configuration."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_protocols.core.vocabulary import FIELDS, ITEM_TYPES, SHARED_FIELDS, to_needs_config
from sphinx_protocols.sphinxext.messages import install_wording

# sphinx-needs reports these in its own words; our rules P01/P02 report them in plain English.
_OURS = ["needs.link_target_type", "needs.link_outgoing"]


def _layout(item_type: str) -> dict[str, object]:
    """Each item as a card: type, title and ID, then its own fields by name and its links both ways.

    One layout per item type, naming only that type's fields (each named field costs sphinx-needs
    a template call per item). No collapse button: sphinx-needs' one has no accessible name and
    repeats an HTML id per item.
    """
    fields = [
        f'<<meta("{name}", prefix="{FIELDS[name].label}: ")>>'
        for name in (*ITEM_TYPES[item_type].fields, *SHARED_FIELDS)
    ]
    return {
        "grid": "simple",
        "layout": {
            "head": ['<<meta("type_name")>>: **<<meta("title")>>** <<meta_id()>>'],
            "meta": ['<<meta("status", prefix="Status: ")>>', *fields, "<<meta_links_all()>>"],
        },
    }


def _configure(app: Sphinx, config: Config) -> None:
    for name, value in to_needs_config().items():
        config[name] = value
    config["needs_id_required"] = True
    config["needs_id_regex"] = r"^[A-Z][A-Z0-9_]*$"
    config["needs_title_optional"] = True
    config["needs_build_json"] = True
    config["needs_reproducible_json"] = True
    # our rules check every item; sphinx-needs' own schema pass would only add a report of its
    # timings (schema_violations.json) to the published site, different on every build
    config["needs_schema_validation_enabled"] = False
    config["needs_layouts"] = {f"protocols_{name}": _layout(name) for name in ITEM_TYPES}
    config["needs_fields"]["layout"] = {  # each type draws with its own card layout
        "schema": {"type": "string"},
        "predicates": [(f"type == '{name}'", f"protocols_{name}") for name in ITEM_TYPES],
    }
    config["needs_string_links"] = {  # a statute's or body's URL becomes a link on its card
        "url": {
            "regex": r"^(?P<value>https?://\S+)$",
            "link_url": "{{value}}",
            "link_name": "{{value}}",
            "options": ["url"],
        },
    }
    config["needs_default_layout"] = "clean"
    # a {need} reference reads as the item's name, never its ID
    config["needs_role_need_template"] = "{{ title }}"
    config["needs_role_need_max_title_length"] = -1
    config["suppress_warnings"] = [*config["suppress_warnings"], *_OURS]
    extensions = list(config["myst_enable_extensions"])
    if "colon_fence" not in extensions:
        config["myst_enable_extensions"] = [*extensions, "colon_fence"]


def setup_needs(app: Sphinx) -> None:
    app.connect("config-inited", _configure, priority=5)
    app.connect("builder-inited", install_wording)
