"""Read a .docx into plain blocks: paragraphs (style, heading level, list number) and tables.

python-docx does the reading; this module only adds what it leaves out: the numbers Word draws in
front of numbered headings and clauses, and the grid of a table with merged cells. Everything that
can go wrong with the file itself becomes one :class:`UnreadableError` with a plain message.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .doc, or a password-protected .docx
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableError(Exception):
    """The file cannot be imported; the message says why and what to do."""


@dataclass
class Paragraph:
    text: str
    style: str = ""
    level: int = 0  # 1, 2, 3 ... for a heading; 0 for body text
    number: str = ""  # the number Word draws in front ("2.1"), or ""
    bullet: bool = False
    where: str = ""  # 'paragraph 12': how the officer finds it in the Word file


@dataclass
class Table:
    rows: list[list[str]]
    where: str = ""
    #: rows whose cells are one merged cell across the whole table (a group heading)
    spanning: set[int] = field(default_factory=set)


Block = Paragraph | Table


def read(path: Path) -> list[Block]:
    """The paragraphs and tables of the document body, in order."""
    _check_file(path)
    import docx  # python-docx: the `import` extra

    try:
        document = docx.Document(str(path))
    except Exception as err:  # python-docx raises many kinds for a damaged package
        raise UnreadableError(
            f"'{path}' could not be read as a Word document ({type(err).__name__}). "
            "Open it in Word and save it again as a .docx, then import it."
        ) from err
    numbers = _Numbering(document)
    blocks: list[Block] = []
    paragraphs = tables = 0
    for part in document.iter_inner_content():
        if isinstance(part, docx.table.Table):
            tables += 1
            blocks.append(_table(part, f"table {tables}"))
            continue
        paragraphs += 1
        text = " ".join(part.text.split())
        style = part.style.name if part.style is not None else ""
        number, bullet = numbers.of(part)
        if text:
            blocks.append(
                Paragraph(
                    text, style, _heading_level(style), number, bullet, f"paragraph {paragraphs}"
                )
            )
    if not any(isinstance(b, Table) or b.text for b in blocks):
        raise UnreadableError(f"'{path}' has no text to import. Check it is the right file.")
    return blocks


def _check_file(path: Path) -> None:
    if not path.exists():
        raise UnreadableError(f"There is no file '{path}'. Check the name and the folder.")
    if path.is_dir():
        raise UnreadableError(f"'{path}' is a folder. Give the Word file inside it (a .docx).")
    start = path.read_bytes()[:8]
    if not start:
        raise UnreadableError(f"'{path}' is empty (0 bytes). Save the protocol again from Word.")
    if start == _OLE:
        if (
            b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o"
            in path.read_bytes()
        ):
            raise UnreadableError(
                f"'{path}' is protected by a password. Open it in Word, remove the "
                "password (File > Info > Protect Document), save it, then import it."
            )
        raise UnreadableError(
            f"'{path}' is in the old Word format (.doc). Open it in Word and save it "
            "as a Word Document (.docx), then import that file."
        )
    if not zipfile.is_zipfile(path):
        raise UnreadableError(
            f"'{path}' is not a Word document (.docx), or it is damaged. Open it in "
            "Word and save it as a Word Document (.docx)."
        )
    with zipfile.ZipFile(path) as package:
        if "word/document.xml" not in package.namelist():
            raise UnreadableError(
                f"'{path}' is not a Word document: it has no document text inside. "
                "Give the .docx file of the protocol."
            )


def _heading_level(style: str) -> int:
    match = re.fullmatch(r"Heading (\d)", style)
    return int(match.group(1)) if match else 0


def _table(table: object, where: str) -> Table:
    """The table as a grid: a merged cell's text in its first column, '' in the others."""
    rows: list[list[str]] = []
    spanning: set[int] = set()
    for index, tr in enumerate(table._tbl.tr_lst):  # type: ignore[attr-defined]
        row: list[str] = []
        for tc in tr.tc_lst:
            text = " ".join(" ".join(p.text for p in _paragraphs(tc)).split())
            if tc.vMerge == "continue" and rows and len(rows[-1]) > len(row):
                text = rows[-1][len(row)]
            row += [text] + [""] * (tc.grid_span - 1)
            if tc.grid_span > 1 and len(tr.tc_lst) == 1:
                spanning.add(index)
        rows.append(row)
    return Table(rows, where, spanning)


def _paragraphs(tc: object) -> list:
    from docx.text.paragraph import Paragraph as DocxParagraph

    return [DocxParagraph(p, None) for p in tc.p_lst]  # type: ignore[attr-defined]


class _Numbering:
    """The numbers Word draws for numbered paragraphs, counted the way Word counts them."""

    def __init__(self, document: object) -> None:
        try:
            self.root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (KeyError, NotImplementedError, AttributeError):
            self.root = None
        self.counts: dict[str, list[int]] = {}

    def of(self, paragraph: object) -> tuple[str, bool]:
        """(number, is_bullet) for a paragraph, from its own numbering or its style's."""
        if self.root is None:
            return "", False
        num_id, level = self._num_pr(paragraph)
        if num_id in ("", "0"):
            return "", False
        abstract = self.root.find(f"{_W}num[@{_W}numId='{num_id}']/{_W}abstractNumId")
        if abstract is None:
            return "", False
        key = abstract.get(f"{_W}val")
        lvl = self.root.find(
            f"{_W}abstractNum[@{_W}abstractNumId='{key}']/{_W}lvl[@{_W}ilvl='{level}']"
        )
        fmt = lvl.find(f"{_W}numFmt") if lvl is not None else None
        if fmt is not None and fmt.get(f"{_W}val") in ("bullet", "none"):
            return "", True
        counts = self.counts.setdefault(key, [0] * 9)
        counts[level] += 1
        counts[level + 1 :] = [0] * (8 - level)
        text_el = lvl.find(f"{_W}lvlText") if lvl is not None else None
        pattern = text_el.get(f"{_W}val") if text_el is not None else "%1."
        number = re.sub(r"%(\d)", lambda m: str(counts[int(m.group(1)) - 1] or 1), pattern)
        return number.rstrip(". )"), False

    @staticmethod
    def _num_pr(paragraph: object) -> tuple[str, int]:
        sources = [paragraph._p.pPr]  # type: ignore[attr-defined]
        style = paragraph.style  # type: ignore[attr-defined]
        while style is not None:
            sources.append(style.element.pPr)
            style = style.base_style
        for ppr in sources:
            num_pr = ppr.numPr if ppr is not None else None
            if num_pr is not None and num_pr.numId is not None:
                level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                return str(num_pr.numId.val), int(level)
        return "", 0
