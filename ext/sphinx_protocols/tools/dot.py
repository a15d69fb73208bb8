"""The one wrapper around Graphviz's ``dot``: list arguments, a timeout, our own exception."""

from __future__ import annotations

import shutil
import subprocess

INSTALL_HINT = ("Install Graphviz to draw them: on Debian or Ubuntu 'sudo apt-get install "
                "graphviz', "
                "on macOS 'brew install graphviz', on Windows the installer from graphviz.org.")


class DotError(RuntimeError):
    """dot is missing or failed; the message says which, in plain English."""


def svg(source: str, timeout: float = 30) -> str:
    """Render Graphviz source to SVG text."""
    program = shutil.which("dot")
    if program is None:
        raise DotError("Graphviz's 'dot' program is not installed, so diagrams are shown as text "
                       "only. "
                       + INSTALL_HINT)
    try:
        result = subprocess.run([program, "-Tsvg"], input=source.encode(), capture_output=True,
                                timeout=timeout, check=True)
    except subprocess.TimeoutExpired as err:
        raise DotError(f"Graphviz took longer than {timeout:g} seconds to draw a diagram.") from err
    except subprocess.CalledProcessError as err:
        raise DotError("Graphviz could not draw a diagram: "
                       f"{err.stderr.decode(errors='replace').strip()}") from err
    return result.stdout.decode()
