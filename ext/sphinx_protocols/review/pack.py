"""The review pack: what changed between two versions, as data (JSON) and as a terminal summary.

Pure logic over two snapshots. The same data fills the ``{review-pack}`` page of the site (and so
its PDF), the terminal summary of ``protocols diff``, and the JSON other tools read.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.rules import Finding
from sphinx_protocols.core.wording import plural

from .diff import ItemChange, compare, compare_findings, findings, stale_since
from .matrices import compare_matrix
from .snapshot import Snapshot
from .words import plain

SCHEMA = "sphinx-protocols review pack 1"
STATES = ("added", "removed", "changed", "moved")


class PackError(ValueError):
    """A file that is not a review pack this version can read."""


def _side(s: Snapshot) -> dict[str, Any]:
    return {"name": s.name, "commit": s.commit, "short": s.short, "date": s.date, "dirty": s.dirty,
            "describe": s.describe}


def _item(
    c: ItemChange, old: Snapshot, new: Snapshot, old_p: Partnership, new_p: Partnership
) -> dict[str, Any]:
    now = c.new or c.old
    assert now is not None
    where = (new if c.new is not None else old).where(now.docname, now.lineno)
    moved_protocol = None
    if c.moved_protocol:
        a, b = c.moved_protocol
        moved_protocol = [
            old_p.label(a) if a else "the shared items",
            new_p.label(b) if b else "the shared items",
        ]
    return {
        "id": c.id,
        "type": c.type,
        "type_title": c.type_title,
        "title": c.title,
        "state": c.state,
        "where": where,
        "old_where": old.where(c.old.docname, c.old.lineno)
        if c.old is not None and c.new is not None
        else "",
        "moved_file": [
            old.sources.get(d, d) if i == 0 else new.sources.get(d, d)
            for i, d in enumerate(c.moved_file)
        ]
        if c.moved_file
        else None,
        "moved_protocol": moved_protocol,
        "sentences": c.sentences,
        "fields": [vars(f) for f in c.fields],
        "texts": [
            {"part": t.part, "label": t.label, "ops": [list(op) for op in t.ops]} for t in c.texts
        ],
    }


def _finding(f: Finding, snap: Snapshot) -> dict[str, Any]:
    return {"rule": f.rule, "message": f.message, "item_id": f.item_id, "severity": f.severity,
            "where": snap.where(f.docname, f.lineno) if f.docname else ""}


def _matrix(old_p: Partnership, new_p: Partnership, protocol: str) -> dict[str, Any]:
    m = compare_matrix(old_p, new_p, protocol)
    return {
        "columns": [{"id": c, "name": n, "state": s} for c, n, s in m.columns],
        "rows": [
            {
                "sender": r.sender,
                "sender_name": r.sender_name,
                "report": r.report,
                "report_name": r.report_name,
                "state": r.state,
                "cells": [
                    {"column": c.column, "old": c.old, "new": c.new, "state": c.state}
                    for c in r.cells
                ],
            }
            for r in m.rows
        ],
        "changed": len(m.changed_cells),
    }


def make(
    old: Snapshot, new: Snapshot, today: dt.date, protocols: set[str] | None = None
) -> dict[str, Any]:
    """The pack comparing ``old`` with ``new``, for the protocols named (None: all and the shared
    items)."""
    old_p, new_p = old.partnership(today), new.partnership(today)
    changes = compare(old_p, new_p, protocols)
    old_f, new_f = (
        findings(old_p, old.strict, old.suppress),
        findings(new_p, new.strict, new.suppress),
    )
    shared_ids = {c.id for c in changes if not c.protocol}
    ids = [p.id for p in new_p.protocols] + [p.id for p in old_p.protocols if p.id not in new_p]
    sections = []
    for pid in [*(i for i in ids if protocols is None or i in protocols), ""]:
        mine = [c for c in changes if c.protocol == pid]
        moved_in = [
            c
            for c in changes
            if c.moved_protocol and pid and pid in c.moved_protocol and c not in mine
        ]

        def keep(f: Finding, pid: str = pid) -> bool:
            return f.protocol == pid and (pid != "" or protocols is None or f.item_id in shared_ids)

        found = compare_findings([f for f in old_f if keep(f)], [f for f in new_f if keep(f)])
        section: dict[str, Any] = {
            "id": pid,
            "title": (new_p.label(pid) if pid in new_p else old_p.label(pid))
            if pid
            else "Shared items",
            "items": [_item(c, old, new, old_p, new_p) for c in [*mine, *moved_in]],
            "findings": {
                "resolved": [_finding(f, old) for f in found.resolved],
                "appeared": [_finding(f, new) for f in found.appeared],
            },
            "matrix": None,
            "signatures": None,
            "old_version": "",
            "new_version": "",
        }
        if pid:
            before, after = old_p.get(pid), new_p.get(pid)
            section.update(
                old_version=before.get("version") if before else "",
                new_version=after.get("version") if after else "",
                old_status=before.status if before else "",
                new_status=after.status if after else "",
                matrix=_matrix(old_p, new_p, pid),
            )
            source, proto = (new, after) if after is not None else (old, before)
            assert proto is not None
            ledger = source.ledger(proto)
            stale, current = stale_since(old_p, new_p, pid, ledger.signatures, ledger.editorials)
            section["signatures"] = {
                "recorded": len(ledger.signatures), "current": current,
                "stale": [{"name": s.signature.name, "capacity": s.signature.capacity,
                           "date": s.signature.date.isoformat(),
                           "clauses": [c.clause for c in s.now.substantive]} for s in stale],
            }
        section["counts"] = _counts(section)
        if (
            pid
            or section["items"]
            or section["findings"]["resolved"]
            or section["findings"]["appeared"]
        ):
            sections.append(section)
    totals = {
        key: sum(s["counts"][key] for s in sections)
        for key in (*STATES, "resolved", "appeared", "stale", "cells")
    }
    return {
        "schema": SCHEMA,
        "made": today.isoformat(),
        "old": _side(old),
        "new": _side(new),
        "scope": sorted(protocols) if protocols else [],
        "totals": totals,
        "protocols": sections,
    }


def _counts(section: dict[str, Any]) -> dict[str, int]:
    counts = {state: sum(1 for i in section["items"] if i["state"] == state) for state in STATES}
    counts["resolved"] = len(section["findings"]["resolved"])
    counts["appeared"] = len(section["findings"]["appeared"])
    counts["stale"] = len(section["signatures"]["stale"]) if section["signatures"] else 0
    counts["cells"] = section["matrix"]["changed"] if section["matrix"] else 0
    return counts


def write(pack: dict[str, Any], path: Path) -> None:
    """Write the pack, replacing only an earlier pack: any other file there is left alone."""
    if path.is_symlink() or (path.exists() and not _is_pack(path)):
        raise PackError(f"{path} exists and is not a review pack, so it was not overwritten. "
                        "Give another file with --pack, for example _build/review/pack.json.")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_text(json.dumps(pack, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)  # all or nothing: an interrupted write leaves the old pack


def _is_pack(path: Path) -> bool:
    """A file this tool wrote as a pack, of this version or an earlier one."""
    try:
        pack = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(pack, dict) and str(pack.get("schema", "")).startswith(SCHEMA[:-1])


def read(path: Path) -> dict[str, Any]:
    try:
        pack = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise PackError(f"{path} cannot be read as a review pack ({err}).") from err
    if not isinstance(pack, dict) or pack.get("schema") != SCHEMA:
        raise PackError(f"{path} is not a review pack this version of sphinx-protocols reads. Make "
                        "it again "
                        "with `make review FROM=...` or `protocols diff`.")
    return pack


# -- the terminal summary ------------------------------------------------------------------------


def summary(pack: dict[str, Any], context: int = 6) -> list[str]:
    """The pack as lines for a terminal: every changed clause, its sentences and its word
    changes."""
    old, new = pack["old"], pack["new"]
    lines = [f"Review pack: {old['name']} ({old['describe']}) compared with {new['name']} "
             f"({new['describe']})."]
    t = pack["totals"]
    lines.append(f"{plural(t['changed'], 'clause')} changed, {t['added']} added, {t['removed']} "
                 "removed, "
                 f"{t['moved']} moved; {plural(t['cells'], 'matrix cell')} changed; "
                 f"{plural(t['resolved'], 'finding')} resolved, {t['appeared']} new; "
                 f"{plural(t['stale'], 'signature')} made stale.")
    for section in pack["protocols"]:
        lines.append("")
        version = ""
        if section["id"]:
            a, b = section["old_version"] or "no version", section["new_version"] or "no version"
            version = f", {a} → {b}" if a != b else f", still {a}"
        lines.append(
            f"{section['title']}{' (' + section['id'] + ')' if section['id'] else ''}{version}"
        )
        if not section["items"]:
            lines.append("  No clause changed.")
        for item in section["items"]:
            lines += _item_lines(item, context)
        lines += _matrix_lines(section.get("matrix"))
        for key, words in (("resolved", "Findings resolved"), ("appeared", "New findings")):
            found = section["findings"][key]
            if found:
                lines.append(f"  {words} ({len(found)}):")
                lines += [f"    {f['rule']} {f['where']}: {f['message']}" for f in found]
        signatures = section.get("signatures")
        if signatures and signatures["stale"]:
            lines.append(f"  Signatures made stale by these changes ({len(signatures['stale'])}):")
            lines += [f"    {s['name']}, {s['capacity']}, signed {s['date']}: "
                      f"{', '.join(s['clauses'])} changed"
                      for s in signatures["stale"]]
    return lines


_MARK = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}


def _item_lines(item: dict[str, Any], context: int) -> list[str]:
    lines = [f"  {_MARK[item['state']]} {item['state'].capitalize()}: {item['type_title']} "
             f"{item['id']}, "
             f"'{item['title']}' ({item['where']})"]
    if item["moved_file"]:
        lines.append(f"      Moved from {item['moved_file'][0]} to {item['moved_file'][1]}.")
    if item["moved_protocol"]:
        lines.append(
            f"      Moved from {item['moved_protocol'][0]} to {item['moved_protocol'][1]}."
        )
    lines += [f"      {s}" for s in item["sentences"]]
    for text in item["texts"]:
        lines.append(f"      {text['label']}: {plain([tuple(op) for op in text['ops']], context)}")
    return lines


def _matrix_lines(matrix: dict[str, Any] | None) -> list[str]:
    if not matrix:
        return []
    if not matrix["changed"]:
        return ["  Reporting matrix: no cell changed."]
    names = {c["id"]: c["name"] for c in matrix["columns"]}
    lines = [f"  Reporting matrix: {plural(matrix['changed'], 'cell')} changed:"]
    for row in matrix["rows"]:
        for cell in row["cells"]:
            if cell["state"] == "same":
                continue
            was, now = cell["old"] or "empty", cell["new"] or "empty"
            lines.append(f"    {row['sender_name']}, {row['report_name']} → "
                         f"{names[cell['column']]}: "
                         f"{cell['state']} (was {was}; now {now})")
    return lines
