"""The ``protocols`` command: check a partnership's protocols without building a site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sphinx_protocols.cli import audit as cli_audit
from sphinx_protocols.cli import conformance as cli_conformance
from sphinx_protocols.cli import edit as cli_edit
from sphinx_protocols.cli import importing as cli_import
from sphinx_protocols.cli import review as cli_review
from sphinx_protocols.cli import sign as cli_sign
from sphinx_protocols.cli import site as cli_site
from sphinx_protocols.cli.project import conf_problem, read
from sphinx_protocols.version import __version__


def _relative(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def check(project: Path, strict: bool = False) -> int:
    """Read every page, run every rule, print errors and findings; 1 when there are errors."""
    from sphinx.errors import SphinxError

    from sphinx_protocols.sphinxext.checks import get_findings, get_partnership, summary
    from sphinx_protocols.sphinxext.messages import locate

    if problem := conf_problem(project):
        print(problem.replace(str(project) + "/", _relative(str(project)) + "/"), file=sys.stderr)
        return 2
    try:
        # every clause, partner-only ones too: the check is for the people who write them
        reading = read(project, protocols_audience="partners",
                       **({"protocols_strict": True} if strict else {}))
    except SphinxError as err:
        print(f"protocols: the project could not be read: {err}", file=sys.stderr)
        return 2
    app, problems = reading.app, reading.problems
    findings = get_findings(app)
    lines = summary(findings, get_partnership(app), app._warncount)
    where = {id(f): f"{_relative(str(app.env.doc2path(f.docname)))}:{locate(app, f)}"
             for f in findings if f.docname}
    for line in problems:
        print(line.replace(str(project.resolve()) + "/", _relative(str(project)) + "/"))
    for f in findings:
        if f.severity != "error":
            print(f"{where.get(id(f), 'site')}: {f.label}: {f.message} [protocols.{f.rule}]")
    print("\n".join(lines))
    if problems:
        print("Result: the site cannot be published until the errors above are fixed.")
        return 1
    print("Result: no errors. Findings, if any, are for review: before a draft is agreed, or at an "
          "agreed protocol's next review.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="protocols", description=__doc__)
    parser.add_argument("--version", action="version", version=f"sphinx-protocols {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the protocols and list findings, "
                                                  "without writing a site")
    check_cmd.add_argument("project", nargs="?", default="protocols", type=Path,
                           help="the folder holding conf.py (default: protocols)")
    check_cmd.add_argument("--strict", action="store_true", help="treat every finding as an error")
    cli_sign.add_parser(commands)
    cli_site.add_parser(commands)
    cli_review.add_parser(commands)
    cli_audit.add_parser(commands)
    cli_conformance.add_parser(commands)
    cli_import.add_parser(commands)
    cli_edit.add_parser(commands)
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
    if args.command in cli_conformance.COMMANDS:
        return cli_conformance.run(args)
    if args.command in cli_import.COMMANDS:
        return cli_import.run(args)
    if args.command in cli_edit.COMMANDS:
        return cli_edit.run(args)
    return 2  # pragma: no cover  (argparse rejects other commands)


