"""The ``needimport`` round trip: can a plain sphinx-needs project read our needs.json?

A fresh project is written in a temporary folder: a conf.py with only sphinx-needs and the
settings ``python -m sphinx_protocols.interop`` prints (types, fields, links, the ID pattern), and
one page that imports the site's needs.json. It is built with warnings as errors, in its own
process, and the needs it wrote are compared with the ones we published.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sphinx_protocols.interop import conf_snippet
from sphinx_protocols.tools.conformance import Check

PAGE = """Imported items
==============

.. needimport:: {path}
"""


def _needs(needs_json: Path) -> dict[str, dict]:
    data = json.loads(needs_json.read_text(encoding="utf-8"))
    return data["versions"][data["current_version"]]["needs"]


def write_project(folder: Path, needs_json: Path) -> None:
    """A plain sphinx-needs project importing ``needs_json``: nothing of ours but the settings."""
    folder.mkdir(parents=True, exist_ok=True)
    conf = [
        'project = "Import check"',
        'extensions = ["sphinx_needs"]',
        "needs_build_json = True",
        "",
        conf_snippet(),
    ]
    (folder / "conf.py").write_text("\n".join(conf), encoding="utf-8")
    shutil.copyfile(
        needs_json, folder / "imported.json"
    )  # needimport reads paths from the project folder
    (folder / "index.rst").write_text(PAGE.format(path="imported.json"), encoding="utf-8")


def round_trip(needs_json: Path) -> Check:
    """Build the plain project; every warning is an error, and every published need must arrive."""
    check = Check(
        "needimport round trip", "Items readable by other documentation tools (sphinx-needs)"
    )
    if not needs_json.is_file():
        check.unavailable = f"there is no {needs_json}: run 'make html' first."
        return check
    start = time.perf_counter()
    published = _needs(needs_json)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "out")
        write_project(src, needs_json)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-q",
                "--keep-going",
                "-E",
                str(src),
                str(out),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        for line in done.stderr.splitlines():
            if "WARNING" in line or "ERROR" in line or "Exception" in line:
                check.errors[re.sub(r"^.*?(WARNING|ERROR): ", "", line)[:160]] += 1
                check.details.append(line)
        if done.returncode and not check.errors:
            check.errors[f"the build stopped: {done.stderr.strip()[-300:]}"] += 1
        imported = _needs(out / "needs.json") if (out / "needs.json").is_file() else {}
    missing = sorted(set(published) - set(imported))
    if missing:
        check.errors["published items that were not read back"] += len(missing)
        check.details.append(f"missing: {', '.join(missing[:10])}")
    check.looked_at = (
        f"{len(published)} items published, {len(imported)} read back by a new sphinx-needs project"
    )
    check.seconds = time.perf_counter() - start
    return check
