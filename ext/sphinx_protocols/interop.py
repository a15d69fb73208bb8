"""Read a partnership's items in any sphinx-needs project: the types, fields and links only.

A project that wants our ``needs.json`` (a dashboard, a traceability report, another
partnership's site) declares what the items are made of and imports the file with
``needimport``; it needs none of our extension, layouts or rules. Either call ``needs_config()``
in its conf.py, or paste the plain snippet that ``python -m sphinx_protocols.interop`` prints.
"""

from __future__ import annotations

import pprint
import sys

from sphinx_protocols.core.vocabulary import to_needs_config

#: The ID pattern our items follow (sphinx-needs' default asks for five characters or more).
ID_REGEX = r"^[A-Z][A-Z0-9_]*$"


def needs_config() -> dict[str, object]:
    """needs_types, needs_fields, needs_links and needs_id_regex, as conf.py settings."""
    return {**to_needs_config(), "needs_id_regex": ID_REGEX}


def conf_snippet() -> str:
    """Plain Python for a conf.py: the same settings, written out, with no import of ours."""
    lines = [
        "# sphinx-needs settings to import a sphinx-protocols needs.json with needimport.",
        "# Written by: python -m sphinx_protocols.interop",
        "",
    ]
    for name, value in needs_config().items():
        lines.append(f"{name} = {pprint.pformat(value, width=96, sort_dicts=False)}")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(conf_snippet())
