"""The `protocols sign`, `protocols editorial` and `protocols verify` commands.

``sign`` records a signature for the protocol as it is now; ``editorial`` marks a wording-only
change to clauses as editorial so the signatures given before it stand; ``verify`` (verify.py)
tells whether a PDF matches the sources and which signatures it carries. Records are only ever
added to a protocol's ``signatures.yaml``. Exit codes: 0 done, 1 refused or failed, 2 a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx_protocols.cli.project import StopError, read_partnership
from sphinx_protocols.core.ledger import LedgerError, load
from sphinx_protocols.core.ledger import append as append_records
from sphinx_protocols.core.model import Item, Partnership
from sphinx_protocols.core.signatures import (
    Editorial,
    Signature,
    binding_changes,
    fingerprint,
    plan_editorial,
    statuses,
)
from sphinx_protocols.core.views import signature_blocks
from sphinx_protocols.core.wording import plural

COMMANDS = ("sign", "editorial", "verify")


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
    sign.add_argument("--deputy-for", metavar="NAME", help="the name of the holder of the office, "
                      "when the signer signs as their deputy")
    sign.add_argument("--key", type=Path, help="sign the record with this SSH private key too, "
                      "for example ~/.ssh/id_ed25519; its public key must be in allowed_signers "
                      "beside conf.py")
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
        from sphinx_protocols.cli.verify import verify

        return {"sign": _sign, "editorial": _editorial, "verify": verify}[args.command](args)
    except StopError as stop:
        print(f"protocols {args.command}: {stop}", file=sys.stderr)
        return stop.code


# -- shared --------------------------------------------------------------------------------------


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


def _append(path: Path, records: list[Signature | Editorial],
            key_sign: Callable[[bytes], str] | None = None) -> None:
    from sphinx_protocols.tools.sshsig import KeySignatureError

    try:
        append_records(path, records, key_sign)
    except LedgerError as err:
        raise StopError(str(err)) from None
    except KeySignatureError as err:
        raise StopError(f"{err} Nothing was recorded.") from None


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
    app, p = read_partnership(args.project)
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
    name, deputy = _signer(args, block.signatory, _shown(Path(app.env.doc2path(
        block.signatory.docname))))
    key_sign, principals = _key_signer(args, Path(app.confdir), name)
    current = fingerprint(p, protocol.id)
    given = None if args.fingerprint is None else args.fingerprint.strip().lower()
    if given is not None and not re.fullmatch(r"[0-9a-f]{8,64}", given):
        raise StopError("--fingerprint must be at least the first 8 characters of the content "
                        "fingerprint printed on the copy that was signed (letters a-f and digits)."
                        " Nothing was recorded.", 2)
    if given and not current.total.startswith(given):
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
        deputy_for=deputy,
    )
    _append(ledger.path, [signature], key_sign)
    print(f"Recorded the signature of {signature.signer}, {capacity}, on {date.isoformat()}, for "
          f"{protocol.id} with content fingerprint {current.short}, in {_shown(ledger.path)}.")
    if principals:
        print(f"Signed with the key of {principals[0]} (checked against allowed_signers).")
    print("Commit that file together with the sources it was signed for.")
    return 0


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _plain(value: str, option: str) -> str:
    """A name as given, refused when empty, or when it holds a line break or another control
    character: the record would then say something other than what it shows."""
    text = value.strip()
    if not text:
        raise StopError(f"{option} is empty. Give a name, for example {option} \"Alex Example\". "
                        "Nothing was recorded.", 2)
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") and char not in "\u200c\u200d":
            what = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}.get(
                char, unicodedata.name(char, "a control character").lower())
            raise StopError(f"{option} must be a name on one line, but it holds {what} (U+"
                            f"{ord(char):04X}). Type it again without it. Nothing was recorded.", 2)
    return text


def _signer(args: argparse.Namespace, signatory: Item, where: str) -> tuple[str, str]:
    """The signer's name and, when they deputise, the holder's: a name other than the signatory
    item's is refused unless the signer says whose deputy they are."""
    holder = signatory.get("name").strip()
    if args.name is None and not holder:
        raise StopError("give the signer's name with --name (the signatory item "
                        f"{signatory.id} has no :name:).", 2)
    name = holder if args.name is None else _plain(args.name, "--name")
    if args.deputy_for is not None:
        deputy = _plain(args.deputy_for, "--deputy-for")
        if _same(deputy, name):
            raise StopError(f"{name} cannot sign as their own deputy. Give the deputy's name with "
                            "--name, or leave out --deputy-for. Nothing was recorded.", 2)
        if holder and not _same(deputy, holder):
            raise StopError(f"the signatory item {signatory.id} ({where}) is held by {holder}, not "
                            f"{deputy}. To sign as deputy for {holder}, write --deputy-for "
                            f"\"{holder}\". Nothing was recorded.")
        return name, holder or deputy
    if holder and not _same(name, holder):
        raise StopError(f"the signatory item {signatory.id} ({where}) holds the name {holder}, not "
                        f"{name}. If {name} signs as deputy for {holder}, add --deputy-for "
                        f"\"{holder}\". If {name} now holds the office, change the :name: of "
                        f"{signatory.id} first. Nothing was recorded.")
    return name, ""


def _key_signer(args: argparse.Namespace, confdir: Path,
                name: str) -> tuple[Callable[[bytes], str] | None, list[str]]:
    """What signs the record with --key, and the principal its key is found under once it has:
    the signature is checked against allowed_signers before the record is written, so the build
    never meets a key signature nobody can check."""
    from sphinx_protocols.tools import sshsig

    if args.key is None:
        return None, []
    key = args.key.expanduser()
    if not key.is_file():
        raise StopError(f"there is no key file '{args.key}'. Give your private key with --key, "
                        "for example --key ~/.ssh/id_ed25519. Nothing was recorded.", 2)
    allowed = confdir / sshsig.ALLOWED_SIGNERS
    if not allowed.is_file():
        raise StopError(f"there is no {_shown(allowed)}, so nobody could check a key signature. "
                        "Make it first, with a line for each signer's key (the user guide, 'PDFs "
                        "and signatures', says how). Nothing was recorded.")
    principals: list[str] = []

    def key_sign(data: bytes) -> str:
        signature = sshsig.sign(key, data)
        try:
            principals.append(sshsig.check(allowed, signature, data))
        except sshsig.KeySignatureError as err:
            public = key.with_name(key.name + ".pub")
            line = public.read_text().strip() if public.is_file() else "<the public key>"
            raise sshsig.KeySignatureError(
                f"{err} Add a line for the key to {_shown(allowed)}, for example\n  "
                f"\"{name}\" namespaces=\"{sshsig.NAMESPACE}\" {line}\n"
                "commit it, and sign again.") from None
        return signature

    return key_sign, principals


# -- editorial -----------------------------------------------------------------------------------


def _editorial(args: argparse.Namespace) -> int:
    date = _date(args.date)
    app, p = read_partnership(args.project)
    protocol = _protocol(p, args.protocol, args.project)
    ledger = _ledger(app, protocol)
    if not ledger.signatures:
        raise StopError(f"no signature has been recorded for {protocol.id}, so there is nothing "
                   "for an editorial mark to keep current.")
    if not args.reason.strip() or not args.by.strip():
        raise StopError("say what was corrected with --reason and who you are with --by.", 2)
    current = fingerprint(p, protocol.id)
    records: list[Signature | Editorial] = []
    unchecked: set[str] = set()
    for clause in dict.fromkeys(args.clauses):
        plan = plan_editorial(clause, ledger.signatures, current, ledger.editorials)
        if plan.refusal:
            raise StopError(f"{plan.refusal} Nothing was recorded.")
        unchecked |= _check_wording(args.project, p, clause, ledger.signatures, plan.pairs)
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
    _append(ledger.path, records)
    print(f"Marked as editorial in {protocol.id}: {', '.join(dict.fromkeys(args.clauses))} "
          f"({plural(len(records), 'record')} added to {_shown(ledger.path)}).")
    if unchecked:
        print(f"  The wording signed by {', '.join(sorted(unchecked))} is not in version control, "
              "so it could not be compared word by word: check yourself that no 'not', number, "
              "date or 'must'/'may' changed.")
    for s in after:
        was = before[id(s.signature)]
        still = (
            "; still stale because of: " + ", ".join(c.clause for c in s.substantive)
            if s.state == "stale"
            else ""
        )
        print(f"  {s.signature.name} ({s.signature.date.isoformat()}): {was} -> {s.state}{still}")
    return 0


def _check_wording(project: Path, p: Partnership, clause: str, signatures: list[Signature],
                   pairs: list[tuple[str, str]]) -> set[str]:
    """Refuse a correction that adds or removes a binding word ('not', 'must', a number, a
    month) against the wording each signer signed; the names whose wording is not known."""
    signed_before = {before for before, _after in pairs}
    item = p[clause]
    now = f"{item.title}\n{item.content}"
    unknown = set()
    for signature in (s for s in signatures if s.clauses.get(clause) in signed_before):
        signed = _wording_as_signed(project, signature.commit, clause)
        if signed is None:
            unknown.add(signature.name)
        elif changed := binding_changes(signed, now):
            raise StopError(
                f"{clause} changed more than its wording since {signature.name} signed on "
                f"{signature.date.isoformat()}: {', '.join(repr(w) for w in changed)} "
                f"{'was' if len(changed) == 1 else 'were'} added or removed, which changes what "
                "the clause commits anyone to. Such a change needs a new signature. Nothing was "
                "recorded."
            )
    return unknown


def _wording_as_signed(project: Path, commit: str, clause: str) -> str | None:
    """A clause's title and text in the commit a signature was given at (read with the review's
    snapshots); None outside git, or when it was signed with uncommitted changes."""
    from sphinx_protocols.cli.review import protocol_places
    from sphinx_protocols.core.versions import VersionNotFoundError
    from sphinx_protocols.review.snapshot import SnapshotError, take
    from sphinx_protocols.tools.history import History

    if not re.fullmatch(r"[0-9a-f]{7,40}", commit):
        return None
    history = History(project.resolve(), protocol_places(project))
    try:
        snapshot = take(history, history.find(commit))
    except (VersionNotFoundError, SnapshotError):
        return None
    item = next((i for i in snapshot.items if i.id == clause), None)
    return None if item is None else f"{item.title}\n{item.content}"
