"""`protocols conformance`: the built site and PDFs through independent validators.

Runs the Nu HTML Checker, axe-core at five widths, our PDF/UA structure check and a needimport
round trip; prints each one's counts and commonest errors, writes every located error to a log,
and exits 1 when any check found an error or could not run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from functools import partial
from pathlib import Path

from sphinx_protocols.cli.project import check_cache, progress_line
from sphinx_protocols.core.wording import plural

COMMANDS = ("conformance",)
CHECKS = ("html", "axe", "pdf", "needimport")


def add_parser(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser(
        "conformance", help="check the built site and PDFs with independent validators"
    )
    cmd.add_argument(
        "site",
        nargs="?",
        default="_build/html",
        type=Path,
        help="the built site (default: _build/html)",
    )
    cmd.add_argument(
        "--pdf", default="_build/pdf", type=Path, help="the built PDFs (default: _build/pdf)"
    )
    cmd.add_argument(
        "--only", action="append", choices=CHECKS, help="run only this check (may be repeated)"
    )
    cmd.add_argument(
        "--full", action="store_true", help="axe: every page at every width, not one of each kind"
    )
    cmd.add_argument(
        "--fresh", action="store_true", help="axe: check again the pages unchanged since last time"
    )
    cmd.add_argument(
        "--log",
        default="_build/conformance.log",
        type=Path,
        help="where every located error is written (default: _build/conformance.log)",
    )
    cmd.add_argument(
        "--results",
        type=Path,
        help="write the counts as JSON here (for the accessibility statement)",
    )


def _run_checks(args: argparse.Namespace) -> list:
    from sphinx_protocols.tools import a11y
    from sphinx_protocols.tools.conformance import axe, needimport, pdfua, vnu

    wanted = args.only or CHECKS
    runs = {
        "html": lambda: vnu.check_html(args.site),
        "axe": lambda: axe.check_widths(
            args.site,
            a11y.axe_path(Path.cwd()),
            full=args.full,
            progress=progress_line,
            cache=None if args.fresh else partial(check_cache, args.site),
        ),
        "pdf": lambda: pdfua.check_pdfs(args.pdf),
        "needimport": lambda: needimport.round_trip(args.site / "needs.json"),
    }
    done = []
    for name in CHECKS:
        if name in wanted:
            check = runs[name]()
            print("\n".join(check.report()), flush=True)
            done.append(check)
    return done


def run(args: argparse.Namespace) -> int:
    if not (args.site / "index.html").is_file():
        print(f"protocols: there is no built site in '{args.site}'. Run 'make html' first.")
        return 2
    checks = _run_checks(args)
    args.log.parent.mkdir(parents=True, exist_ok=True)
    args.log.write_text(
        "\n".join(line for c in checks for line in [f"== {c.name}", *c.details]) + "\n",
        encoding="utf-8",
    )
    errors = sum(c.error_count for c in checks)
    missing = [c.name for c in checks if c.unavailable]
    if args.results:
        _write_results(args.results, checks)
        print(f"Results written to {args.results}.")
    print(
        f"Conformance: {plural(len(checks), 'check')}, {plural(errors, 'error')}; every error is "
        f"listed in {args.log}."
    )
    if missing:
        print(f"Not run: {', '.join(missing)} (the reason is given above).")
    return 1 if errors or missing else 0


def _write_results(path: Path, checks: list) -> None:
    """Update the results file: the checks run now replace their earlier entries (``--only``)."""
    today = dt.date.today().isoformat()
    entries = {
        c.title or c.name: {
            "name": c.title or c.name,
            "checked_on": today,
            "looked_at": c.looked_at,
            "errors": c.error_count,
            "warnings": sum(c.notes.values()),
            "seconds": round(c.seconds),
            "unavailable": c.unavailable,
            "top": c.errors.most_common(5),
        }
        for c in checks
    }
    try:
        earlier = (
            json.loads(path.read_text(encoding="utf-8")).get("checks", []) if path.is_file() else []
        )
    except ValueError:
        earlier = []
    merged = [entries.pop(e["name"], e) for e in earlier if isinstance(e, dict) and "name" in e]
    merged += entries.values()
    dates = sorted(e.get("checked_on", today) for e in merged)
    path.write_text(
        json.dumps({"checked_on": dates[-1] if dates else today, "checks": merged}, indent=1)
        + "\n",
        encoding="utf-8",
    )
