"""The extension's settings: one dataclass, each option declared once with its help text."""

from __future__ import annotations

import dataclasses as dc
import difflib
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)


@dc.dataclass
class ProtocolsConfig:
    """Settings a partnership puts in ``conf.py`` with the ``protocols_`` prefix."""

    partnership: str = dc.field(
        default="", metadata={"types": (str,), "help": "The partnership's name, shown on generated "
                                                       "pages."}
    )
    brand_colour: str = dc.field(
        default="#1d3c5a", metadata={"types": (str,), "help": "The partnership's colour (#rrggbb), "
                                    "for links, headings of the matrix and the theme; it must "
                                    "reach 4.5:1 "
                                    "against white."},
    )
    logo: str = dc.field(
        default="", metadata={"types": (str,), "help": "A logo image beside conf.py, shown at the "
                                                       "top of every page."},
    )
    strict: bool = dc.field(
        default=False,
        metadata={"types": (bool,),
                  "help": "Treat every finding as an error, in every protocol (one "
                  "protocol can opt in alone with `:strict: yes`). Off: findings never stop the "
                  "build."},
    )
    profile_pages: bool = dc.field(
        default=True,
        metadata={"types": (bool,), "help": "Write a profile page for every body, role and "
                                            "organisation."},
    )
    lexicon: str = dc.field(
        default="lexicon.yaml",
        metadata={"types": (str,), "help": "A YAML file of the partnership's own dated terms, "
                  "beside conf.py; its entries add to or replace the packaged lexicon."},
    )
    accessibility_contact: str = dc.field(
        default="", metadata={"types": (str,), "help": "Where people report an accessibility "
                              "problem or ask for another format (an email address or a web page), "
                              "for the "
                              "accessibility statement."},
    )
    accessibility_results: str = dc.field(
        default="accessibility-results.json",
        metadata={"types": (str,), "help": "The results file that 'make a11y' writes beside "
                  "conf.py; the accessibility statement reports the latest check from it."},
    )
    show_problems: bool = dc.field(
        default=False, metadata={"types": (bool,), "help": "Show this build's errors and findings "
                                 "at the top of every page ('make serve' turns it on for the live "
                                 "preview)."},
    )
    editor_url: str = dc.field(
        default="",
        metadata={
            "types": (str,),
            "help": "The address of `protocols edit` (set by the editor for its own preview): each "
            "clause then gets an 'Edit this clause' link. Leave it empty for the published site.",
        },
    )
    matrix_csv: bool = dc.field(
        default=True, metadata={"types": (bool,), "help": "Write each reporting matrix, duty "
                                "register and body list as Excel and CSV beside its page, and "
                                "the partnership workbook."}
    )
    pdf_workers: int = dc.field(
        default=0, metadata={"types": (int,), "help": "`make pdf` only: how many PDFs are laid "
                             "out at once, each in a process of its own. 0: as many as the "
                             "computer has cores."},
    )
    pdf_links: bool = dc.field(
        default=False, metadata={"types": (bool,), "help": "Link every protocol page to its PDF "
                                 "and its signature page PDF in the site's `pdf/` folder. The "
                                 "publishing workflows turn it on, because they put the PDFs "
                                 "there; leave it off when nobody does."},
    )
    audience: str = dc.field(
        default="public", metadata={"types": (str,), "help": "Who the build is for: `public` "
                                    "leaves out every partner-only page, item and view; "
                                    "`partners` includes them (`make partner`, or `-t partners`)."},
    )
    partner_only_views: tuple = dc.field(
        default=("findings", "review-pack"),
        metadata={"types": (tuple, list), "help": "The views kept to partners wherever they are "
                  "placed. Take `findings` or `review-pack` out of the list to publish the "
                  "findings or the review pack."},
    )
    review_pack: str = dc.field(
        default="../_build/review/pack.json",
        metadata={"types": (str,), "help": "The review pack `protocols diff` (and `make review`) "
                  "writes, relative to conf.py; the `{review-pack}` page shows it."},
    )
    raw_html: bool = dc.field(
        default=False,
        metadata={"types": (bool,), "help": "Publish raw HTML written in pages (HTML blocks, "
                  "inline tags, the {raw} directive). Off: it is shown as text with an error "
                  "(P40), since HTML from any author could run a script on the public site."},
    )
    pdf_only: str = dc.field(
        default="",
        metadata={"types": (str,), "help": "`make pdf` only: the IDs of the protocols to make PDFs "
                  "of, separated by commas, and `partnership` for the whole partnership in one "
                  "PDF. Empty: every "
                  "protocol and "
                  "the whole partnership."},
    )


def setup_config(app: Sphinx) -> None:
    for f in dc.fields(ProtocolsConfig):
        app.add_config_value(f"protocols_{f.name}", f.default, "env", types=f.metadata["types"])
    app.connect("config-inited", _validate, priority=400)


_KINDS = {"str": "text in quotes", "bool": "True or False", "int": "a whole number"}


def conf_location(app: Sphinx, name: str) -> str:
    """'path/conf.py:line' of the last line that sets ``name`` (the one Python keeps), else 1."""
    path = Path(app.confdir, "conf.py")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*[:=]")
    line = max((n for n, text in enumerate(lines, 1) if pattern.match(text)), default=1)
    return f"{path}:{line}"


def _validate(app: Sphinx, config: Config) -> None:
    """A setting of the wrong kind, or a ``protocols_`` name we do not have, is a located error
    (P27): a mistyped setting would otherwise be ignored without a word."""
    names = {f"protocols_{f.name}" for f in dc.fields(ProtocolsConfig)}
    for f in dc.fields(ProtocolsConfig):
        value: Any = config[f"protocols_{f.name}"]
        if not isinstance(value, f.metadata["types"]):
            kind = f.metadata["types"][0].__name__
            logger.warning(
                f"protocols_{f.name} should be {_KINDS.get(kind, kind)}, not {value!r}, so the "
                f"default {f.default!r} is used. Correct the value in conf.py.",
                type="protocols", subtype="P27", location=conf_location(app, f"protocols_{f.name}"),
            )
            config[f"protocols_{f.name}"] = f.default
    for name in sorted(getattr(config, "_raw_config", {})):
        if name.startswith("protocols_") and name not in names:
            close = difflib.get_close_matches(name, sorted(names), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            logger.warning(f"'{name}' is not a setting of the tool, so it has no effect.{hint} "
                           "The guide's reference lists every setting.", type="protocols",
                           subtype="P27", location=conf_location(app, name))


def get_config(env: BuildEnvironment) -> ProtocolsConfig:
    return ProtocolsConfig(
        **{f.name: env.config[f"protocols_{f.name}"] for f in dc.fields(ProtocolsConfig)}
    )
