"""The ``protocols`` command: check a partnership's protocols without building a site."""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from sphinx_protocols import __version__
from sphinx_protocols.cli import audit as cli_audit
from sphinx_protocols.cli import review as cli_review
from sphinx_protocols.cli import sign as cli_sign
from sphinx_protocols.cli import site as cli_site


def _relative(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def check(project: Path, strict: bool = False) -> int:
    """Read every page, run every rule, print errors and findings; 1 when there are errors."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError

    from sphinx_protocols.sphinxext.checks import get_findings, get_partnership, summary
    from sphinx_protocols.sphinxext.messages import locate

    if not (project / "conf.py").is_file():
        print(f"protocols: there is no conf.py in '{project}'. Give the folder of a protocols project "
              "(the one `make html` builds is 'protocols').", file=sys.stderr)
        return 2
    from sphinx.util.console import nocolor

    nocolor()
    warnings = io.StringIO()
    with tempfile.TemporaryDirectory() as out:
        try:
            app = Sphinx(str(project), str(project), out, str(Path(out, ".doctrees")), "dummy",
                         confoverrides={"protocols_strict": strict}, status=None, warning=warnings,
                         freshenv=True, keep_going=True)
            app.build()
        except SphinxError as err:
            print(f"protocols: the project could not be read: {err}", file=sys.stderr)
            return 2
        findings = get_findings(app)
        lines = summary(findings, get_partnership(app), app._warncount)
        where = {id(f): f"{_relative(str(app.env.doc2path(f.docname)))}:{locate(app, f)}"
                 for f in findings if f.docname}
    problems = [w for w in warnings.getvalue().splitlines() if "WARNING" in w or "ERROR" in w]
    for line in problems:
        print(line.replace(str(project.resolve()) + "/", _relative(str(project)) + "/"))
    for f in findings:
        if f.severity != "error":
            print(f"{where.get(id(f), 'site')}: {f.severity}: {f.message} [protocols.{f.rule}]")
    print("\n".join(lines))
    if problems:
        print("Result: the site cannot be published until the errors above are fixed.")
        return 1
    print("Result: no errors. Findings, if any, need review before a protocol is agreed.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="protocols", description=__doc__)
    parser.add_argument("--version", action="version", version=f"sphinx-protocols {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the protocols and list findings, without writing a site")
    check_cmd.add_argument("project", nargs="?", default="protocols", type=Path,
                           help="the folder holding conf.py (default: protocols)")
    check_cmd.add_argument("--strict", action="store_true", help="treat every finding as an error")
    cli_sign.add_parser(commands)
    cli_site.add_parser(commands)
    cli_review.add_parser(commands)
    cli_audit.add_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.project, args.strict)
    if args.command in cli_sign.COMMANDS:
        return cli_sign.run(args)
    if args.command in cli_site.COMMANDS:
        return cli_site.run(args)
    if args.command in cli_review.COMMANDS:
        return cli_review.run(args)
    if args.command in cli_audit.COMMANDS:
        return cli_audit.run(args)
    return 2  # pragma: no cover  (argparse rejects other commands)


