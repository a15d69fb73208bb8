"""Run Sphinx as a program of its own: the annual review builds an older version in a fresh
process, so nothing of that build (its directives, its configuration) leaks into this one, and
the editor rebuilds its preview without ever blocking the officer's pages."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


class SphinxBuildError(RuntimeError):
    """The build failed (the message is Sphinx's last lines), or took too long (``timed_out``)."""

    def __init__(self, message: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


def build_needs(src: Path, out: Path, work: Path, timeout: float, tag: str) -> None:
    """Build ``src`` with the ``needs`` builder into ``out`` (needs.json), working in ``work``,
    with the Sphinx tag ``tag`` (the audience: ``partners`` or ``public``)."""
    command = [sys.executable, "-m", "sphinx", "-b", "needs", "-q", "-E", "-d",
               str(work / "doctrees"), "-t", tag, str(src), str(out)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                check=False, cwd=work)
    except subprocess.TimeoutExpired as err:
        raise SphinxBuildError(f"took longer than {timeout:g} seconds", timed_out=True) from err
    if result.returncode != 0 or not (out / "needs.json").is_file():
        raise SphinxBuildError("\n".join(result.stderr.strip().splitlines()[-8:]))


@dataclass(frozen=True)
class HtmlBuild:
    ok: bool
    warnings: str  # what the build printed on stderr: 'file:line: WARNING: ... [protocols.P05]'


def build_html(src: Path, out: Path, overrides: dict[str, str], timeout: float = 900) -> HtmlBuild:
    """An incremental HTML build of ``src`` into ``out`` (doctrees kept in ``out/.doctrees``)."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "--keep-going",
        "-d",
        str(out / ".doctrees"),
    ]
    for key, value in overrides.items():
        command += ["-D", f"{key}={value}"]
    try:
        result = subprocess.run(
            [*command, str(src), str(out)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return HtmlBuild(False, f"The preview took over {timeout:g} seconds and was stopped.")
    return HtmlBuild(result.returncode == 0, result.stderr)
