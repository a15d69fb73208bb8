"""`protocols verify`: does a PDF say what the protocols say now, and is it as `make pdf` wrote it?

Compares the content fingerprint the PDF carries with the sources, the seal of its pages with
what they draw, and the signatures it shows with the signature records now, checking the key
signature of each record signed with a key against ``allowed_signers`` beside conf.py.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

from sphinx_protocols.cli.project import StopError, read_partnership
from sphinx_protocols.core.ledger import LedgerError, load
from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.signatures import (
    PARTNERSHIP,
    Fingerprint,
    Signature,
    changes_between,
    fingerprint,
)
from sphinx_protocols.core.wording import plural


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


def verify(args: argparse.Namespace) -> int:
    from sphinx_protocols.pdf import document as meta

    data = _pdf_metadata(args.pdf)
    try:
        clauses = json.loads(data.get(meta.META_CLAUSES, "{}"))
        signed = json.loads(data.get(meta.META_SIGNATURES, "[]"))
    except json.JSONDecodeError:
        raise StopError(f"{args.pdf} has damaged sphinx-protocols metadata, so it cannot be "
                        "trusted.") from None
    scope, printed = data.get(meta.META_SCOPE, ""), data[meta.META_FINGERPRINT]
    app, p = read_partnership(args.project, need_clean=False)
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
    records, removed = _records(signed, app, p, scope)
    keys = _keys(Path(app.confdir), records)
    _print_signatures(signed, printed, keys)
    if removed:
        print("\n".join(removed))
    unchecked = any(not line.startswith("signed with") for line in keys.values())
    matches = same and not pages and not removed and not unchecked
    if matches:
        result = "the PDF matches its sources."
    elif not same:
        result = ("the PDF was built from other sources; do not rely on it as the current "
                  "version.")
    elif pages or removed:
        result = "the PDF or the signature record was changed after it was made; do not rely on it."
    else:
        result = ("a key signature does not check (see above); do not rely on that signature "
                  "until it is put right.")
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


Key = tuple[str | None, str | None, str | None]


def _key(s: dict[str, str]) -> Key:
    """A signature the PDF carries, as it is found among the records: who, when, for what."""
    return s.get("signatory"), s.get("date"), s.get("fingerprint")


def _records(signed: list[dict[str, str]], app: Any, p: Partnership,
             scope: str) -> tuple[dict[Key, Signature], list[str]]:
    """The records now of the signatures the PDF carries, and what is wrong with the records
    against them: a record file changed by hand, or a signature since removed from it."""
    from sphinx_protocols.sphinxext.signing import ledger_path

    kept: dict[Key, Signature] = {}
    problems = []
    for protocol in (x for x in p.protocols if scope in (PARTNERSHIP, x.id)):
        try:
            ledger = load(ledger_path(app, protocol), protocol.id)
        except LedgerError as err:
            problems.append(f"  THE SIGNATURE RECORD IS DAMAGED: {err}")
            continue
        kept |= {(s.signatory, s.date.isoformat(), s.fingerprint): s for s in ledger.signatures}
    if problems:
        return {}, problems
    return {_key(s): kept[_key(s)] for s in signed if _key(s) in kept}, [
        f"  REMOVED since the PDF was made: the signature of {s.get('name')} ({s.get('date')}) "
        "is no longer in signatures.yaml. Restore the file from version control."
        for s in signed
        if _key(s) not in kept
    ]


def _keys(confdir: Path, records: dict[Key, Signature]) -> dict[Key, str]:
    """For each record signed with a key, whose key it is ('signed with the key of ...') or, in
    capitals, what is wrong."""
    from sphinx_protocols.tools import sshsig

    allowed = confdir / sshsig.ALLOWED_SIGNERS
    found = {}
    for key, s in ((k, s) for k, s in records.items() if s.key_signature):
        if not allowed.is_file():
            found[key] = (f"ITS KEY SIGNATURE CANNOT BE CHECKED: there is no {allowed}, so "
                          "nobody can tell whose key made it.")
            continue
        try:
            found[key] = "signed with the key of " + sshsig.check(allowed, s.key_signature,
                                                                  s.signed.encode("ascii"))
        except sshsig.NoSshKeygenError as err:
            found[key] = f"ITS KEY SIGNATURE CANNOT BE CHECKED: {err}"
        except sshsig.KeySignatureError as err:
            found[key] = f"ITS KEY SIGNATURE DOES NOT CHECK: {err}"
    return found


def _print_signatures(signed: list[dict[str, str]], printed: str, keys: dict[Key, str]) -> None:
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
        deputy = f" as deputy for {s['deputy_for']}" if s.get("deputy_for") else ""
        key = f"; {keys[_key(s)]}" if _key(s) in keys else ""
        print(f"  - {s.get('name')}{deputy}, {s.get('capacity')}, signed {s.get('date')} "
              f"({s.get('signatory')}): {state}, {exact}{key}")
