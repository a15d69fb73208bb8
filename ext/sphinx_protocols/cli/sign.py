"""The `protocols sign`, `protocols editorial` and `protocols verify` commands.

``sign`` records a signature for the protocol as it is now; ``editorial`` marks a wording-only
change to clauses as editorial so the signatures given before it stand; ``verify`` tells whether
a PDF matches the sources and which signatures it carries. Records are only ever added to a
protocol's ``signatures.yaml``. Exit codes: 0 done, 1 refused or failed, 2 a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Any

from sphinx_protocols.cli.project import no_conf, read
from sphinx_protocols.core.ledger import LedgerError, load
from sphinx_protocols.core.ledger import append as append_records
from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.signatures import (
    PARTNERSHIP,
    Editorial,
    Fingerprint,
    Signature,
    changes_between,
    fingerprint,
    plan_editorial,
    statuses,
)
from sphinx_protocols.core.views import signature_blocks
from sphinx_protocols.core.wording import plural

COMMANDS = ("sign", "editorial", "verify")


class StopError(Exception):
    """End the command with a message on stderr and an exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def add_parser(subparsers: Any) -> None:
    """Add the three commands to the `protocols` command's subparsers."""
    def project(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--project", default=Path("protocols"), type=Path,
                         help="the folder holding conf.py (default: protocols)")

    sign = subparsers.add_parser("sign", help="record a signature for the current version of a "
                                              "protocol")
    sign.add_argument("protocol", help="the ID of the protocol signed, for example PROT_BP")
    sign.add_argument("--signatory", required=True, help="the ID of the signatory item, for "
                                                         "example SIGN_BP_LSCB_CHAIR")
    sign.add_argument("--name", help="the signer's name (default: the signatory item's :name:)")
    sign.add_argument("--capacity", help="the capacity they signed in (default: the office of the "
                                         "signatory)")
    sign.add_argument("--date", help="the date of the signature, YYYY-MM-DD (default: today)")
    sign.add_argument("--fingerprint", help="the content fingerprint printed on the copy they "
                      "signed; the signature is refused if the sources have changed since")
    project(sign)
    editorial = subparsers.add_parser("editorial", help="mark a wording-only change to clauses as "
                                      "editorial, so the signatures given before it stand")
    editorial.add_argument("protocol", help="the ID of the protocol, for example PROT_BP")
    editorial.add_argument("clauses", nargs="+", help="the IDs of the clauses whose wording was "
                                                      "corrected")
    editorial.add_argument("--reason", required=True, help="what was corrected, for example 'typo: "
                                                           "recieve'")
    editorial.add_argument("--by", required=True, help="your name")
    editorial.add_argument("--date", help="the date of the change, YYYY-MM-DD (default: today)")
    project(editorial)
    verify = subparsers.add_parser("verify", help="tell whether a PDF matches the sources, and "
                                   "which signatures it carries")
    verify.add_argument("pdf", type=Path, help="a PDF made by `make pdf`")
    project(verify)


def run(args: argparse.Namespace) -> int:
    try:
        return {"sign": _sign, "editorial": _editorial, "verify": _verify}[args.command](args)
    except StopError as stop:
        print(f"protocols {args.command}: {stop}", file=sys.stderr)
        return stop.code


# -- shared --------------------------------------------------------------------------------------


def _read(project: Path, need_clean: bool = True) -> tuple[Any, Partnership]:
    """Read the project as `protocols check` does; stop on errors when a record is to be written."""
    from sphinx.errors import SphinxError

    from sphinx_protocols.sphinxext.checks import get_partnership

    if problem := no_conf(project, "Give the protocols folder with --project."):
        raise StopError(problem, 2)
    try:
        reading = read(project)
    except SphinxError as err:
        raise StopError(f"the project could not be read: {err}") from None
    app, problems = reading.app, reading.problems
    if problems and need_clean:
        raise StopError("the protocols have errors, so nothing was recorded. Fix them first (`make "
                   "check` lists them):\n  " + "\n  ".join(problems))
    return app, get_partnership(app)


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _protocol(p: Partnership, protocol_id: str, project: Path) -> Any:
    item = p.get(protocol_id)
    if item is None or item.type != "protocol":
        known = ", ".join(x.id for x in p.protocols) or "none"
        raise StopError(f"'{protocol_id}' is not a protocol in {project}. The protocols are: "
                        f"{known}.", 2)
    return item


def _date(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise StopError(
            f"'{value}' is not a date. Write it as YYYY-MM-DD, for example 2025-03-14.", 2
        ) from None


def _ledger(app: Any, protocol: Any) -> Any:
    from sphinx_protocols.sphinxext.signing import ledger_path

    try:
        return load(ledger_path(app, protocol), protocol.id)
    except LedgerError as err:
        raise StopError(f"{err} Nothing was recorded.") from None


# -- sign ----------------------------------------------------------------------------------------


def _sign(args: argparse.Namespace) -> int:
    from sphinx_protocols.tools.vcs import describe

    date = _date(args.date)
    app, p = _read(args.project)
    protocol = _protocol(p, args.protocol, args.project)
    blocks = {b.signatory.id: b for b in signature_blocks(p, protocol.id)}
    if not blocks:
        raise StopError(f"{protocol.id} names no signatories. Add a signatory item to the protocol "
                        "first.", 2)
    block = blocks.get(args.signatory)
    if block is None:
        names = "; ".join(f"{b.signatory.id} ({b.signatory.label})" for b in blocks.values())
        raise StopError(f"'{args.signatory}' is not a signatory of {protocol.id}. Its signatories "
                        f"are: {names}.", 2)
    name = (args.name or block.signatory.get("name")).strip()
    if not name:
        raise StopError("give the signer's name with --name (the signatory item "
                        f"{block.signatory.id} has no :name:).", 2)
    current = fingerprint(p, protocol.id)
    if args.fingerprint and not current.total.startswith(args.fingerprint.strip().lower()):
        raise StopError(f"the sources no longer match fingerprint {args.fingerprint}: "
                   f"{protocol.id} is now {current.short}. The signer must see the current version "
                   "(`make pdf`); "
                   "nothing was recorded.")
    ledger = _ledger(app, protocol)
    for old in ledger.signatures:
        if old.signatory == block.signatory.id and old.fingerprint == current.total:
            raise StopError(f"{old.name} already signed this exact version on "
                            f"{old.date.isoformat()} (line {old.line} "
                       f"of {_shown(ledger.path)}); nothing was recorded.")
    capacity = args.capacity or (p.label(block.role) if block.role else block.signatory.label)
    signature = Signature(
        protocol.id,
        block.signatory.id,
        name,
        capacity,
        date,
        current.total,
        current.clauses,
        p.label(block.body) if block.body else "",
        protocol.get("version"),
        describe(args.project).label,
    )
    append_records(ledger.path, [signature])
    print(f"Recorded the signature of {name}, {capacity}, on {date.isoformat()}, for {protocol.id} "
          "with "
          f"content fingerprint {current.short}, in {_shown(ledger.path)}.")
    print("Commit that file together with the sources it was signed for.")
    return 0


# -- editorial -----------------------------------------------------------------------------------


def _editorial(args: argparse.Namespace) -> int:
    date = _date(args.date)
    app, p = _read(args.project)
    protocol = _protocol(p, args.protocol, args.project)
    ledger = _ledger(app, protocol)
    if not ledger.signatures:
        raise StopError(f"no signature has been recorded for {protocol.id}, so there is nothing "
                   "for an editorial mark to keep current.")
    if not args.reason.strip() or not args.by.strip():
        raise StopError("say what was corrected with --reason and who you are with --by.", 2)
    current = fingerprint(p, protocol.id)
    records: list[Signature | Editorial] = []
    for clause in dict.fromkeys(args.clauses):
        plan = plan_editorial(clause, ledger.signatures, current, ledger.editorials)
        if plan.refusal:
            raise StopError(f"{plan.refusal} Nothing was recorded.")
        records += [
            Editorial(
                protocol.id, clause, before, after, args.reason.strip(), args.by.strip(), date
            )
            for before, after in plan.pairs
        ]
    before = {
        id(s.signature): s.state for s in statuses(ledger.signatures, current, ledger.editorials)
    }
    after = statuses(ledger.signatures, current, [*ledger.editorials, *records])  # type: ignore[list-item]
    append_records(ledger.path, records)
    print(f"Marked as editorial in {protocol.id}: {', '.join(dict.fromkeys(args.clauses))} "
          f"({plural(len(records), 'record')} added to {_shown(ledger.path)}).")
    for s in after:
        was = before[id(s.signature)]
        still = (
            "; still stale because of: " + ", ".join(c.clause for c in s.substantive)
            if s.state == "stale"
            else ""
        )
        print(f"  {s.signature.name} ({s.signature.date.isoformat()}): {was} -> {s.state}{still}")
    return 0


# -- verify --------------------------------------------------------------------------------------


def _pdf_metadata(path: Path) -> dict[str, str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from sphinx_protocols.pdf.document import META_FINGERPRINT

    if not path.is_file():
        raise StopError(f"there is no file '{path}'.", 2)
    logging.getLogger("pypdf").setLevel(
        logging.ERROR
    )  # its own notes on a broken file; ours says it plainly
    try:
        info = PdfReader(path).metadata or {}
    except (PyPdfError, OSError, ValueError) as err:
        raise StopError(f"{path} is not a PDF that can be read ({err}).") from None
    data = {str(k).lstrip("/").lower(): str(v) for k, v in info.items()}
    if META_FINGERPRINT not in data:
        raise StopError(f"{path} was not made by sphinx-protocols: it carries no content "
                   "fingerprint. Only PDFs made by `make pdf` can be verified; check a scanned or "
                   "signed copy against one of "
                   "those by eye.")
    return data


def _verify(args: argparse.Namespace) -> int:
    from sphinx_protocols.pdf import document as meta

    data = _pdf_metadata(args.pdf)
    try:
        clauses = json.loads(data.get(meta.META_CLAUSES, "{}"))
        signed = json.loads(data.get(meta.META_SIGNATURES, "[]"))
    except json.JSONDecodeError:
        raise StopError(f"{args.pdf} has damaged sphinx-protocols metadata, so it cannot be "
                        "trusted.") from None
    scope, printed = data.get(meta.META_SCOPE, ""), data[meta.META_FINGERPRINT]
    _app, p = _read(args.project, need_clean=False)
    if scope != PARTNERSHIP and (scope not in p or p[scope].type != "protocol"):
        raise StopError(f"{args.pdf} is a PDF of {scope}, which is not a protocol in "
                        f"{args.project}.")
    current: Fingerprint = fingerprint(p, scope)
    title = p.label(scope) if scope != PARTNERSHIP else "the whole partnership"
    print(f"{args.pdf}: {title} ({scope}), version {data.get(meta.META_VERSION, 'not stated')}, "
          "built from "
          f"commit {data.get(meta.META_COMMIT, 'unknown')}.")
    print(f"Content fingerprint in the PDF: {printed}")
    same = current.total == printed
    if same:
        print(f"The fingerprint MATCHES the sources in {args.project}: the PDF was made from "
              "exactly what the protocols say now.")
    else:
        changes = changes_between(clauses, current.clauses)
        print(f"DOES NOT MATCH the sources in {args.project} (their fingerprint is "
              f"{current.total}). "
              f"{plural(len(changes), 'clause')} differ:")
        words = {
            "changed": "changed",
            "added": "in the sources, not in the PDF",
            "removed": "in the PDF, not in the sources",
        }
        for change in changes:
            print(f"  {change.clause}: {words[change.kind]}")
    pages = _pages_problem(args.pdf)
    print(pages or "Its pages are as `make pdf` wrote them (their seal matches).")
    _print_signatures(signed, printed)
    removed = _removed(signed, _app, p, scope)
    if removed:
        print("\n".join(removed))
    matches = same and not pages and not removed
    if matches:
        result = "the PDF matches its sources."
    elif not same:
        result = ("the PDF was built from other sources; do not rely on it as the current "
                  "version.")
    else:
        result = "the PDF or the signature record was changed after it was made; do not rely on it."
    print("Result: " + result)
    return 0 if matches else 1


def _pages_problem(path: Path) -> str:
    """'' when the seal of the pages matches what they draw, else what is wrong, in words."""
    try:
        import pikepdf

        from sphinx_protocols.pdf.content import META_CONTENT, content_seal
    except ImportError:
        raise StopError("checking a PDF's pages needs pikepdf: run 'make html' once to install "
                        "it.") from None
    with pikepdf.open(path) as pdf:
        given = str(pdf.docinfo.get(META_CONTENT, ""))
        if not given:
            return ("ITS PAGES CANNOT BE CHECKED: the PDF carries no seal of its pages (it was "
                    "made by an older version, or the seal was removed).")
        if given != content_seal(pdf):
            return ("ITS PAGES WERE CHANGED after `make pdf` wrote them (their seal does not "
                    "match what they show), or its details were copied onto another PDF.")
    return ""


def _removed(signed: list[dict[str, str]], app: Any, p: Partnership, scope: str) -> list[str]:
    """What is wrong with the signature records now, against the signatures the PDF carries: a
    record file changed by hand, or a signature since removed from it."""
    from sphinx_protocols.sphinxext.signing import ledger_path

    kept, problems = set(), []
    for protocol in (x for x in p.protocols if scope in (PARTNERSHIP, x.id)):
        try:
            ledger = load(ledger_path(app, protocol), protocol.id)
        except LedgerError as err:
            problems.append(f"  THE SIGNATURE RECORD IS DAMAGED: {err}")
            continue
        kept |= {(s.signatory, s.date.isoformat(), s.fingerprint) for s in ledger.signatures}
    if problems:
        return problems
    return [
        f"  REMOVED since the PDF was made: the signature of {s.get('name')} ({s.get('date')}) "
        "is no longer in signatures.yaml. Restore the file from version control."
        for s in signed
        if (s.get("signatory"), s.get("date"), s.get("fingerprint")) not in kept
    ]
def _print_signatures(signed: list[dict[str, str]], printed: str) -> None:
    if not signed:
        print("Signatures it carries: none.")
        return
    print("Signatures it carries (as when it was made):")
    for s in signed:
        exact = (
            "given for this exact version"
            if s.get("fingerprint") == printed
            else "given for an earlier version"
        )
        state = {
            "current": "current",
            "editorial": "current, editorial changes since",
            "stale": "stale",
        }.get(s.get("state", ""), s.get("state", "unknown"))
        print(f"  - {s.get('name')}, {s.get('capacity')}, signed {s.get('date')} "
              f"({s.get('signatory')}): "
              f"{state}, {exact}")
