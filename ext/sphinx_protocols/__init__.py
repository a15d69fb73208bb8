"""sphinx-protocols: protocol-as-code for multi-agency safeguarding partnerships."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    from sphinx_protocols.sphinxext.extension import setup_extension

    setup_extension(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
