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

PACKAGED = Path(__file__).parent / "data" / "lexicon.yaml"


class LexiconError(ValueError):
    """A lexicon file that cannot be used, with a message saying where and why."""


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


def _date(value: object, where: str) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if text == "never":
        return None
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 12, 31)
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise LexiconError(f"{where}: 'ended' must be a date (YYYY-MM-DD), a year or 'never', not "
                           f"'{text}'.") from err


def load(path: Path) -> list[Term]:
    """Read a lexicon file; every problem is a LexiconError naming the file and the entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as err:
        raise LexiconError(f"{path}: cannot be read as YAML ({err}).") from err
    if not isinstance(data, list):
        raise LexiconError(f"{path}: should be a list of entries, each starting with '- term:'.")
    terms = []
    for number, entry in enumerate(data, 1):
        where = f"{path}, entry {number}"
        if (
            not isinstance(entry, dict)
            or not entry.get("term")
            or "ended" not in entry
            or not entry.get("successor")
        ):
            raise LexiconError(f"{where}: each entry needs 'term', 'ended' and 'successor'.")
        match = entry.get("match") or [entry["term"]]
        if isinstance(match, str):
            match = [match]
        patterns = entry.get("patterns") or []
        patterns = [patterns] if isinstance(patterns, str) else patterns
        for pattern in patterns:
            try:
                re.compile(str(pattern))
            except re.error as err:
                raise LexiconError(f"{where}: the pattern '{pattern}' is not a regular expression "
                                   f"({err}).") from err
        terms.append(Term(str(entry["term"]), tuple(str(m) for m in match),
                          _date(entry["ended"], where), str(entry["successor"]),
                          str(entry.get("source", "")),
                          tuple(str(p) for p in patterns)))
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
