"""Signatures in a build: each protocol's record file read once, checked, and shown as current or
stale.

The pure parts are in signatures.py (fingerprints, statuses) and ledger.py (the YAML records);
this module finds the files, reports their problems as located warnings (S01 to S06), checks key
signatures against ``allowed_signers`` beside conf.py, and gives the signature page what it shows.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.nodes import Need

from sphinx_protocols.core import views
from sphinx_protocols.core.ledger import FILENAME, Ledger, LedgerError, load
from sphinx_protocols.core.model import Item
from sphinx_protocols.core.signatures import Fingerprint, SignatureStatus, fingerprint, statuses
from sphinx_protocols.core.wording import plural
from sphinx_protocols.sphinxext.checks import build_date, get_partnership
from sphinx_protocols.sphinxext.state import depend_on_file, get_state
from sphinx_protocols.tools import sshsig

logger = logging.getLogger("sphinx_protocols")

#: Message IDs of this module, for the guide.
MESSAGES = {
    "S01": ("A signature file cannot be read, or a record in it is damaged.",
            "Restore the file from version control; records are written by `protocols sign` and "
            "never edited."),
    "S02": ("A signature names a signatory that is not a signatory of the protocol.",
            "Add the signatory item, or restore the file: a signature cannot be moved to another "
            "person."),
    "S03": ("A signature is dated after the day of the build (a mistyped year, or a wrong clock).",
            "Restore the file from version control, and sign again with the right date."),
    "S04": ("Records at the start of a signature file carry no seal, so a change made to them by "
            "hand cannot be detected.",
            "Check those records against the file's history in version control (they may predate "
            "seals, or their seals were removed); records added from now on are sealed."),
    "S05": ("A record's key signature does not verify: the record was changed after it was "
            "signed, or the key it was signed with is not in allowed_signers.",
            "If the signer's key is missing, add it to allowed_signers beside conf.py; otherwise "
            "restore the file from version control and sign again with --key."),
    "S06": ("A record carries a key signature, but the project has no allowed_signers file, so "
            "nobody can tell whose key made it.",
            "Add allowed_signers beside conf.py, with a line for each signer's public key (see "
            "'What a signature record proves')."),
}


def ledger_path(app: Sphinx, protocol: Item) -> Path:
    """The signature file of a protocol: ``signatures.yaml`` in the folder of its protocol item."""
    return Path(app.srcdir, posixpath.dirname(protocol.docname), FILENAME)


def get_fingerprint(app: Sphinx, scope: str) -> Fingerprint:
    """The fingerprint of a protocol (its ID) or of the whole partnership ('partnership')."""
    cache = get_state(app).fingerprints
    if scope not in cache:
        cache[scope] = fingerprint(get_partnership(app), scope)
    return cache[scope]


def get_ledger(app: Sphinx, protocol: Item) -> Ledger:
    """The protocol's signature records; a broken file is reported once and read as empty."""
    cache = get_state(app).ledgers
    if protocol.id not in cache:
        path = ledger_path(app, protocol)
        try:
            ledger = load(path, protocol.id)
        except LedgerError as err:
            logger.warning(
                f"The signature record of {protocol.id}: {err.args[0]}",
                type="protocols",
                subtype="S01",
                location=f"{path}:{err.line}" if err.line else str(path),
            )
            ledger = Ledger(path)
        if ledger.unsealed:
            one = ledger.unsealed == 1
            logger.warning(f"The signature record of {protocol.id}: "
                           f"{plural(ledger.unsealed, 'record')} at the start of the file "
                           f"{'has' if one else 'have'} no seal, so a change made to "
                           f"{'it' if one else 'them'} by hand cannot be detected. Check them "
                           "against the file's history ('git log -p'); records added from now on "
                           "are sealed.", type="protocols", subtype="S04", location=f"{path}:1")
        blocks = {b.signatory.id for b in views.signature_blocks(get_partnership(app), protocol.id)}
        for s in ledger.signatures:
            if s.signatory not in blocks:
                logger.warning(f"The signature of {s.name} names '{s.signatory}', which is not a "
                               "signatory of "
                               f"{protocol.id}. Add that signatory item to the protocol, or "
                               "restore this file "
                               "from version control.", type="protocols", subtype="S02",
                               location=f"{path}:{s.line}")
        today = build_date()
        for s in (*ledger.signatures, *ledger.editorials):
            if s.date > today:
                logger.warning(f"A record of {protocol.id} is dated {s.date.isoformat()}, after "
                               f"today ({today.isoformat()}): a signature cannot be given in the "
                               "future. Restore this file from version control, and sign again "
                               "with the right date.", type="protocols", subtype="S03",
                               location=f"{path}:{s.line}")
        get_state(app).key_holders[protocol.id] = _check_keys(app, ledger)
        cache[protocol.id] = ledger
    return cache[protocol.id]


def _check_keys(app: Sphinx, ledger: Ledger) -> dict[int, str]:
    """Whose key made each key signature, by the line of its record; S05 or S06 where that
    cannot be told."""
    allowed = Path(app.confdir, sshsig.ALLOWED_SIGNERS)
    holders: dict[int, str] = {}
    for s in (s for s in ledger.signatures if s.key_signature):
        where = f"{ledger.path}:{s.line}"
        if not allowed.is_file():
            logger.warning(f"The signature of {s.signer} carries a key signature, but there is no "
                           f"{sshsig.ALLOWED_SIGNERS} file beside conf.py, so nobody can tell "
                           f"whose key made it. Add {allowed}, with a line for each signer's "
                           "public key (the user guide, 'PDFs and signatures', says how).",
                           type="protocols", subtype="S06", location=where)
            continue
        try:
            holders[s.line] = sshsig.check(allowed, s.key_signature, s.signed.encode("ascii"))
        except sshsig.NoSshKeygenError as err:
            logger.warning(f"The key signatures of this file cannot be checked: {err}",
                           type="protocols", subtype="S05", location=where)
            break
        except sshsig.KeySignatureError as err:
            logger.warning(f"The key signature of {s.signer} cannot be trusted: {err} If the "
                           f"signer's key is missing, add it to {sshsig.ALLOWED_SIGNERS}; "
                           "otherwise restore this file from version control and sign again "
                           "with --key.", type="protocols", subtype="S05", location=where)
    return holders


def signature_statuses(app: Sphinx, protocol: Item) -> list[SignatureStatus]:
    """Every signature given to a protocol, seen against its content now."""
    ledger = get_ledger(app, protocol)
    return statuses(ledger.signatures, get_fingerprint(app, protocol.id), ledger.editorials)


def signature_context(app: Sphinx, protocol: Item) -> dict[str, Any]:
    """What the signature page template shows."""
    found = signature_statuses(app, protocol)
    blocks = views.signature_blocks(get_partnership(app), protocol.id, found)
    placed = {id(s) for b in blocks for s in b.signatures}
    path = ledger_path(app, protocol)
    return {
        "blocks": blocks,
        "fingerprint": get_fingerprint(app, protocol.id),
        "others": [s for s in found if id(s) not in placed],
        "key_holders": get_state(app).key_holders.get(protocol.id, {}),
        "record_file": posixpath.relpath(path.as_posix(), Path(app.srcdir).as_posix()),
    }


def _check(app: Sphinx, env: BuildEnvironment) -> None:
    """Read every signature file once the pages are read, so `protocols check` reports them too."""
    for protocol in get_partnership(app).protocols:
        get_ledger(app, protocol)


def _summarise(app: Sphinx, exception: Exception | None) -> None:
    """One console line per protocol with signatures: how many are current, and what made others
    stale."""
    if exception is not None or get_state(app).partnership is None:
        return
    for protocol in get_partnership(app).protocols:
        found = signature_statuses(app, protocol)
        if not found:
            continue
        current = sum(1 for s in found if s.current)
        stale = "; ".join(f"{s.signature.name} ({', '.join(c.clause for c in s.substantive)} "
                          "changed)"
                          for s in found if not s.current)
        logger.info(f"Signatures of {protocol.id}: {current} current, {len(found) - current} stale"
                    + (f": {stale}." if stale else "."))


def _depend_on_ledgers(app: Sphinx, doctree: nodes.document) -> None:
    """A protocol's page depends on the signature file beside it (added, changed or deleted)."""
    env = app.env
    needs = SphinxNeedsData(env).get_needs_mutable()
    for node in doctree.findall(Need):  # this page's items, not every item read so far
        need = needs.get(node["ids"][0]) if node["ids"] else None
        if need is not None and need["docname"] == env.docname and need["type"] == "protocol":
            depend_on_file(env, Path(env.srcdir, posixpath.dirname(env.docname), FILENAME))
            depend_on_file(env, Path(app.confdir, sshsig.ALLOWED_SIGNERS))


def setup_signing(app: Sphinx) -> None:
    app.connect("env-check-consistency", _check)
    app.connect("build-finished", _summarise)
    app.connect("doctree-read", _depend_on_ledgers)
