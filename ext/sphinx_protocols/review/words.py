"""Word-by-word changes of a text, as tracked changes a reader can follow without colour.

Pure logic. A change is a list of ``(op, words)`` pairs: ``=`` kept, ``-`` deleted, ``+`` inserted;
``words`` is the words of that run joined by single spaces, and runs are joined by one space when
shown. Line breaks and runs of spaces count as one space, so re-wrapping a paragraph is no change.
The terminal shows ``[-deleted-]`` and ``[+inserted+]``; the site uses ``<del>`` and ``<ins>`` with
the words "deleted" and "inserted" for screen readers (see the review-pack template).
"""

from __future__ import annotations

import difflib

Op = tuple[str, str]


def diff_words(old: str, new: str) -> list[Op]:
    """The changes from ``old`` to ``new``, word by word."""
    a, b = old.split(), new.split()
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(b[j1:j2])))
    return _join_islands(ops)


def _join_islands(ops: list[Op]) -> list[Op]:
    """One kept word between two changes joins them, so a rewritten sentence reads as one change."""
    blocks: list[list[str]] = []  # [deleted, inserted] for a change, [kept] for kept words
    for op, text in ops:
        if op == "=":
            blocks.append([text])
            continue
        if not blocks or len(blocks[-1]) == 1:
            blocks.append(["", ""])
        side = 0 if op == "-" else 1
        blocks[-1][side] = " ".join(filter(None, (blocks[-1][side], text)))
    merged: list[list[str]] = []
    for i, block in enumerate(blocks):
        island = (len(block) == 1 and len(block[0].split()) == 1 and 0 < i < len(blocks) - 1
                  and merged and len(merged[-1]) == 2 and len(blocks[i + 1]) == 2)
        if island:
            merged[-1] = [" ".join(filter(None, (merged[-1][0], block[0]))),
                          " ".join(filter(None, (merged[-1][1], block[0])))]
        elif len(block) == 2 and merged and len(merged[-1]) == 2:
            merged[-1] = [" ".join(filter(None, (merged[-1][0], block[0]))),
                          " ".join(filter(None, (merged[-1][1], block[1])))]
        else:
            merged.append(block)
    out: list[Op] = []
    for block in merged:
        if len(block) == 1:
            out.append(("=", block[0]))
            continue
        out.extend((op, text) for op, text in zip("-+", block, strict=True) if text)
    return out


def changed(ops: list[Op]) -> bool:
    return any(op != "=" for op, _ in ops)


def plain(ops: list[Op], context: int = 0) -> str:
    """The change as terminal text: ``[-deleted-]`` and ``[+inserted+]``.

    With ``context``, an unchanged stretch keeps that many words next to each change and the rest
    is shown as '…'.
    """
    parts = []
    for i, (op, text) in enumerate(ops):
        if op == "-":
            parts.append(f"[-{text}-]")
        elif op == "+":
            parts.append(f"[+{text}+]")
        else:
            parts.append(_trim(text, context, before=i > 0, after=i < len(ops) - 1) if context else text)
    return " ".join(parts)


def _trim(text: str, context: int, before: bool, after: bool) -> str:
    """Keep ``context`` words beside the change before it and the change after it."""
    words = text.split()
    head = words[:context] if before else []
    tail = words[-context:] if after else []
    if len(words) <= len(head) + len(tail) + 1:
        return text
    return " ".join([*head, "…", *tail])


def trim(ops: list[Op], context: int) -> list[Op]:
    """The same change with each long unchanged stretch cut to ``context`` words beside each change."""
    if not changed(ops):
        return ops
    return [(op, _trim(text, context, before=i > 0, after=i < len(ops) - 1) if op == "=" else text)
            for i, (op, text) in enumerate(ops)]
