"""sphinx-protocols: protocol-as-code for multi-agency safeguarding partnerships."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

from sphinx_protocols.version import __version__

__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx's entry point. Imported here, not above, so ``import sphinx_protocols.core...``
    (which runs this file first) never imports Sphinx."""
    from sphinx_protocols.sphinxext.extension import setup_extension

    setup_extension(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
