"""Skip laying out a PDF again when nothing that goes into it has changed.

A PDF is made from one HTML page (with the print stylesheet inlined), the images it shows and
WeasyPrint itself. When all three are as they were for the PDF already in the build folder, that
PDF is what WeasyPrint would make again, so it is kept. The page holds the version, commit and
build date, so a new commit or a new day always makes the PDFs afresh.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

CACHE_FILE = ".pdf-cache.json"
_SRC = re.compile(r'\bsrc="([^"#?]+)"')


def key(html_path: Path, root: Path, engine: str) -> str:
    """A digest of everything the PDF of ``html_path`` is made from."""
    digest = hashlib.sha256(engine.encode())
    text = html_path.read_bytes()
    digest.update(text)
    for src in sorted(set(_SRC.findall(text.decode("utf-8", "replace")))):
        image = (html_path.parent / src).resolve()
        if image.is_file() and image.is_relative_to(root.resolve()):
            digest.update(src.encode() + image.read_bytes())
    return digest.hexdigest()


def load(root: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(root: Path, entries: dict[str, dict[str, object]]) -> None:
    (root / CACHE_FILE).write_text(json.dumps(entries, indent=1, sort_keys=True), encoding="utf-8")


def engine_version() -> str:
    try:
        import weasyprint
    except (ImportError, OSError):
        return ""
    return f"weasyprint {weasyprint.__version__}"
