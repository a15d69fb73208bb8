"""Run sphinx-build as its own process, for the editor's preview (a build never blocks the editor)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    warnings: str  # what the build printed on stderr: 'file:line: WARNING: ... [protocols.P05]'


def build_html(project: Path, out: Path, overrides: dict[str, str], timeout: float = 900) -> BuildResult:
    """An incremental HTML build of ``project`` into ``out`` (doctrees kept in ``out/.doctrees``)."""
    args = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--keep-going", "-d", str(out / ".doctrees")]
    for key, value in overrides.items():
        args += ["-D", f"{key}={value}"]
    try:
        result = subprocess.run([*args, str(project), str(out)], capture_output=True, text=True,
                                timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return BuildResult(False, f"The preview took longer than {timeout:g} seconds and was stopped.")
    return BuildResult(result.returncode == 0, result.stderr)
