"""The dated lexicon: terms that changed in law, checked against a protocol's own legal date.

Pure logic: loading the YAML table, finding its terms in text, and dating them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sphinx_protocols.core.yamlfile import read_yaml

PACKAGED = Path(__file__).parent / "data" / "lexicon.yaml"


class LexiconError(ValueError):
    """A lexicon file that cannot be used: what is wrong and what to do, at ``path``:``line``."""

    def __init__(self, message: str, path: Path, line: int = 1) -> None:
        super().__init__(message)
        self.path, self.line = path, line

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.args[0]}"


@dataclass(frozen=True)
class Term:
    term: str
    match: tuple[str, ...]
    ended: dt.date | None  # None: never right (a wrong citation)
    successor: str
    source: str = ""
    #: regular expressions for names written in many forms ('Croydon Safeguarding Children Board')
    patterns: tuple[str, ...] = ()

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """Made once per term: every item's text of every build is searched with it."""
        parts = [
            re.escape(m) if m.isupper() else "(?i:" + r"\s+".join(map(re.escape, m.split())) + ")"
            for m in sorted(self.match, key=len, reverse=True)
        ] + [f"(?:{p})" for p in self.patterns]
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def _date(value: object, path: Path, line: int) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if text == "never":
        return None
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 12, 31)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise LexiconError(f"'ended' must be a date (YYYY-MM-DD), a year or 'never', not "
                           f"'{text}'.", path, line) from None


def _texts(value: object, key: str, path: Path, line: int) -> tuple[str, ...]:
    """One text or a list of texts ('match', 'patterns')."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise LexiconError(f"'{key}' must be a text or a list of texts in square brackets, "
                           f"such as [Old Board, OB], not {value!r}.", path, line)
    return tuple(values)


def _read(path: Path) -> tuple[yaml.Node | None, object]:
    try:
        data = path.read_bytes()
        return read_yaml(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise LexiconError("the file is not UTF-8 text. Save it again as UTF-8.", path,
                           data[: err.start].count(b"\n") + 1) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "it is not valid YAML"
        raise LexiconError(f"the file cannot be read as YAML ({problem}). Check the indentation "
                           "and the '- term:' lines near here.", path,
                           mark.line + 1 if mark else 1) from None
    except OSError as err:
        raise LexiconError(f"the file cannot be opened ({err.strerror}).", path) from None


def _line(node: yaml.Node, key: str) -> int:
    """The line of ``key`` in a mapping node, else of the node."""
    for name, value in getattr(node, "value", []):
        if isinstance(name, yaml.ScalarNode) and name.value == key:
            return value.start_mark.line + 1
    return node.start_mark.line + 1


def load(path: Path) -> list[Term]:
    """Read a lexicon file; every problem is a LexiconError naming the file and the line."""
    tree, data = _read(path)
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(tree, yaml.SequenceNode):
        raise LexiconError("the file should be a list of entries, each starting with '- term:'.",
                           path)
    terms = []
    for node, entry in zip(tree.value, data, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(entry, dict) or not all(entry.get(k) not in (None, "")
                                                  for k in ("term", "ended", "successor")):
            raise LexiconError("each entry needs 'term', 'ended' and 'successor'.", path, line)
        match = _texts(entry.get("match") or [str(entry["term"])], "match", path,
                       _line(node, "match"))
        patterns = _texts(entry.get("patterns") or [], "patterns", path, _line(node, "patterns"))
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as err:
                raise LexiconError(f"the pattern '{pattern}' is not a regular expression "
                                   f"({err}).", path, _line(node, "patterns")) from None
        terms.append(Term(str(entry["term"]), match,
                          _date(entry["ended"], path, _line(node, "ended")),
                          str(entry["successor"]), str(entry.get("source", "")), patterns))
    return terms


def merge(base: list[Term], extra: list[Term]) -> list[Term]:
    """A partnership's entries replace packaged ones of the same term and add new ones."""
    mine = {t.term: t for t in extra}
    return [mine.pop(t.term, t) for t in base] + list(mine.values())


#: Words just before a term that show it is named as history ("formerly the primary care trust").
HISTORICAL = re.compile(
    r"\b(formerly|former|previously|previous|predecessor|until|replaced|abolished|"
    r"used to be|no longer)\b[^.;]{0,60}$",
    re.IGNORECASE,
)


def find(terms: list[Term], text: str) -> list[tuple[Term, str]]:
    """Each lexicon term named in the text as current, once, with the words as written."""
    hits = []
    for term in terms:
        for match in term.pattern.finditer(text):
            if not HISTORICAL.search(text[max(0, match.start() - 80):match.start()]):
                hits.append((term, " ".join(match.group(0).split())))
                break
    return hits
