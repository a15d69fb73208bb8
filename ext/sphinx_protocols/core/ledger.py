"""The signature record of a protocol: a YAML file beside its protocol item, only ever added to.

Pure logic, no Sphinx. The file (``signatures.yaml``) is a list of records. ``protocols sign``
adds a ``signature`` record and ``protocols editorial`` an ``editorial`` one, always at the end,
so a record once written is never rewritten. Every problem is a :class:`LedgerError` that names
the file and line and says what to do.

Each record carries a ``seal``: a hash of the record and of the seal before it. A record changed,
added or deleted by hand breaks the chain from there on, so it is found when the file is read.
Anyone with this program can compute seals, so a seal shows that the file is as the tool wrote
it, not who wrote it. A record signed with an SSH key (``key_signature``) says who: the key signs
:func:`content_hash`, which covers the record and the seal before it, and the build checks it
against the project's ``allowed_signers``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from sphinx_protocols.core.model import Item
from sphinx_protocols.core.signatures import Editorial, Signature
from sphinx_protocols.core.yamlfile import read_yaml

FILENAME = "signatures.yaml"
HEADER = """\
# Signatures given to the protocol in this folder, and editorial changes marked by its author.
# Written by `protocols sign` and `protocols editorial`, which only ever add records at the end.
# Do not edit or delete a record: a signature is evidence of what was signed. See the user guide,
# "PDFs and signatures".
"""
_HEX = re.compile(r"^[0-9a-f]{64}$")
_CLAUSE = re.compile(r"^[0-9a-f]{16}\.[0-9a-f]{16}$")
_FIELDS = {
    "signature": {
        "record",
        "protocol",
        "signatory",
        "name",
        "deputy_for",
        "capacity",
        "on_behalf_of",
        "date",
        "version",
        "commit",
        "fingerprint",
        "clauses",
        "key_signature",
        "seal",
    },
    "editorial": {
        "record", "protocol", "clause", "before", "after", "reason", "by", "date", "seal"
    },
}
_REQUIRED = {
    "signature": ("protocol", "signatory", "name", "capacity", "date", "fingerprint", "clauses"),
    "editorial": ("protocol", "clause", "before", "after", "reason", "by", "date"),
}


class LedgerError(ValueError):
    """A signature file that cannot be used; the message says where, what and what to do."""

    def __init__(self, message: str, path: Path, line: int = 0) -> None:
        super().__init__(message)
        self.path, self.line = path, line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.args[0]}"


@dataclass
class Ledger:
    """The records of one signature file."""

    path: Path
    signatures: list[Signature] = field(default_factory=list)
    editorials: list[Editorial] = field(default_factory=list)
    head: str = ""  # the seal of the last record: the next record is sealed on top of it
    unsealed: int = 0  # records at the start written before records were sealed


def _digest(previous: str, record: dict[str, Any], leave_out: set[str]) -> str:
    body = {k: v for k, v in record.items() if k not in leave_out}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((previous + "\n" + text).encode("utf-8")).hexdigest()


def seal(previous: str, record: dict[str, Any]) -> str:
    """The seal of a record: a hash of its keys and values and of the seal before it."""
    return _digest(previous, record, {"seal"})[:32]


def content_hash(previous: str, record: dict[str, Any]) -> str:
    """What a key signature signs: the whole hash of the record but its seal and key signature,
    and of the seal before it, so a key-signed record cannot be changed or moved in the file."""
    return _digest(previous, record, {"seal", "key_signature"})


def _check_seal(record: dict[str, Any], previous: str, sealed: bool, path: Path,
                line: int) -> str:
    """The record's seal, as it must be; raises when the record carries another or none."""
    expected = seal(previous, record)
    given = _text(record, "seal")
    if given and given != expected:
        raise LedgerError("this record is not as `protocols sign` or `protocols editorial` wrote "
                          "it: it, or a record before it, was changed, added or deleted by hand "
                          "(its seal does not match). Restore the file from version control; "
                          "'git log -p' on the file shows what changed and who changed it.",
                          path, line)
    if not given and sealed:
        raise LedgerError("this record has no seal, so it was not written by `protocols sign` or "
                          "`protocols editorial`: it was added or changed by hand. Delete it, or "
                          "restore the file from version control.", path, line)
    return expected


def _date(value: object, path: Path, line: int) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise LedgerError(f"the date '{value}' is not a date. Write it as YYYY-MM-DD, for example "
                          "2025-03-14.",
                          path, line) from None


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return "" if value is None else str(value).strip()


def _record(record: object, path: Path, line: int, protocol: str) -> Signature | Editorial:
    if not isinstance(record, dict):
        raise LedgerError("each record must be a set of 'key: value' lines starting with '- "
                          "record:'. "
                          "Restore the file from version control.", path, line)
    kind = _text(record, "record")
    if kind not in _FIELDS:
        raise LedgerError(f"'record: {kind}' is not a kind of record. Use 'signature' or "
                          "'editorial'.", path, line)
    unknown = sorted(set(record) - _FIELDS[kind])
    if unknown:
        raise LedgerError(f"{'an' if kind == 'editorial' else 'a'} {kind} record has no "
                          f"'{unknown[0]}'. Its keys are: {', '.join(sorted(_FIELDS[kind]))}.",
                          path, line)
    missing = [key for key in _REQUIRED[kind] if record.get(key) in (None, "", {})]
    if missing:
        raise LedgerError(f"this {kind} record has no '{missing[0]}'. Records are written by "
                          "`protocols "
                          f"{'sign' if kind == 'signature' else 'editorial'}`; restore the file "
                          "from version "
                          "control rather than editing it.", path, line)
    if protocol and _text(record, "protocol") != protocol:
        raise LedgerError(f"this record is for '{_text(record, 'protocol')}', but the file sits "
                          "beside "
                          f"{protocol}. Move it to the folder of that protocol.", path, line)
    for key, value in record.items():
        if key != "clauses" and isinstance(value, list | dict):
            raise LedgerError(f"'{key}' must be a single value, not a list or a set of values. "
                              "Restore the file from version control.", path, line)
    date = _date(record["date"], path, line)
    if kind == "editorial":
        for key in ("before", "after"):
            if not _CLAUSE.match(_text(record, key)):
                raise LedgerError(f"'{key}' must be a clause fingerprint as `protocols editorial` "
                                  "writes it.", path,
                                  line)
        return Editorial(
            _text(record, "protocol"),
            _text(record, "clause"),
            _text(record, "before"),
            _text(record, "after"),
            _text(record, "reason"),
            _text(record, "by"),
            date,
            line,
        )
    fingerprint = _text(record, "fingerprint")
    clauses = record.get("clauses")
    if not _HEX.match(fingerprint) or not isinstance(clauses, dict) or not all(
        isinstance(v, str) and _CLAUSE.match(v) for v in clauses.values()
    ):
        raise LedgerError(
            "the fingerprint or the clause fingerprints of this signature are "
            "damaged. Restore the "
            "file from version control; a signature cannot be repaired by hand.",
            path,
            line,
        )
    return Signature(
        _text(record, "protocol"),
        _text(record, "signatory"),
        _text(record, "name"),
        _text(record, "capacity"),
        date,
        fingerprint,
        {str(k): v for k, v in clauses.items()},
        _text(record, "on_behalf_of"),
        _text(record, "version"),
        _text(record, "commit"),
        line,
        _text(record, "deputy_for"),
        _text(record, "key_signature"),
    )


def load(path: Path, protocol: str = "") -> Ledger:
    """Read a signature file; a missing file is an empty ledger."""
    ledger = Ledger(path)
    if not path.is_file():
        return ledger
    try:
        data_bytes = path.read_bytes()
        text = data_bytes.decode("utf-8")
        tree, data = read_yaml(text)
    except UnicodeDecodeError as err:
        raise LedgerError("the file is not UTF-8 text. Save it as UTF-8, or restore it from "
                          "version control.",
                          path, data_bytes[: err.start].count(b"\n") + 1) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "it is not valid YAML"
        raise LedgerError(f"the file cannot be read ({problem}). Check the indentation and the '- "
                          "record:' lines "
                          "near here, or restore it from version control.", path,
                          mark.line + 1 if mark else 0) from None
    except OSError as err:
        raise LedgerError(f"the file cannot be opened ({err.strerror}).", path) from None
    if data is None:
        return ledger
    if not isinstance(data, list) or not isinstance(tree, yaml.SequenceNode):
        raise LedgerError(
            "the file must be a list of records, each starting with '- record:'.", path, 1
        )
    for node, record in zip(tree.value, data, strict=True):
        line = node.start_mark.line + 1
        parsed = _record(record, path, line, protocol)
        if isinstance(parsed, Signature) and parsed.key_signature:
            parsed = replace(parsed, signed=content_hash(ledger.head, record))
        sealed = ledger.unsealed < len(ledger.signatures) + len(ledger.editorials)
        ledger.head = _check_seal(record, ledger.head, sealed, path, line)
        ledger.unsealed += not _text(record, "seal")
        (ledger.signatures if isinstance(parsed, Signature) else ledger.editorials).append(parsed)  # type: ignore[arg-type]
    return ledger


def signed_in(srcdir: Path, protocols: Iterable[Item]) -> dict[str, set[str]]:
    """Per protocol, who has a signature in the signatures.yaml of its folder (rule F18), for a
    build and for the editor alike; a damaged file (reported by the build, S01) counts as none."""
    signed: dict[str, set[str]] = {}
    for protocol in protocols:
        path = srcdir / posixpath.dirname(protocol.docname) / FILENAME
        try:
            signed[protocol.id] = {s.signatory for s in load(path, protocol.id).signatures}
        except LedgerError:
            signed[protocol.id] = set()
    return signed


class _Dumper(yaml.SafeDumper):
    """Text of several lines (a key signature) as a block, as ssh-keygen wrote it."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)


def _dump(record: dict[str, Any]) -> str:
    return yaml.dump([record], Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)


def signature_record(s: Signature) -> dict[str, Any]:
    """A signature as written; a field added since seals were made is written only when set, so
    a record without it reads, and seals, as it always did."""
    deputy = {"deputy_for": s.deputy_for} if s.deputy_for else {}
    return {
        "record": "signature",
        "protocol": s.protocol,
        "signatory": s.signatory,
        "name": s.name,
        **deputy,
        "capacity": s.capacity,
        "on_behalf_of": s.on_behalf_of,
        "date": s.date,
        "version": s.version,
        "commit": s.commit,
        "fingerprint": s.fingerprint,
        "clauses": dict(sorted(s.clauses.items())),
        **({"key_signature": s.key_signature} if s.key_signature else {}),
    }


def editorial_record(e: Editorial) -> dict[str, Any]:
    return {"record": "editorial", "protocol": e.protocol, "clause": e.clause, "before": e.before,
            "after": e.after, "reason": e.reason, "by": e.by, "date": e.date}


def append(path: Path, records: list[Signature | Editorial],
           key_sign: Callable[[bytes], str] | None = None) -> None:
    """Add records at the end of the file (made with a header if new), each sealed on top of the
    one before; earlier bytes are left as they are. A file that cannot be read, or a link to
    another file, is not added to. ``key_sign`` signs each signature's content hash with a key
    (it runs ssh-keygen, which this pure module may not); what it raises stops the writing."""
    head = load(path).head
    text = ""
    for r in records:
        record = signature_record(r) if isinstance(r, Signature) else editorial_record(r)
        if key_sign is not None and isinstance(r, Signature):
            record["key_signature"] = key_sign(content_hash(head, record).encode("ascii"))
        record["seal"] = head = seal(head, record)
        text += _dump(record)
    if path.is_symlink():
        raise LedgerError("the file is a link to another file, so nothing was recorded: records "
                          "are only written to a real file in the protocol's folder. Replace the "
                          "link with the file itself.", path)
    before = path.read_bytes() if path.is_file() else HEADER.encode("utf-8")
    if before and not before.endswith(b"\n"):
        before += b"\n"
    temporary = path.with_name(f".{path.name}.part")
    try:  # all or nothing: a write that fails half way leaves the file as it was
        temporary.write_bytes(before + text.encode("utf-8"))
        temporary.replace(path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise LedgerError(f"the record could not be written ({err.strerror}); the file is as it "
                          "was.", path) from None
