"""Problems in the Markdown text itself, found line by line before MyST parses a page.

Pure logic, no Sphinx. MyST and sphinx-needs accept some mistakes silently (an option given twice
keeps the last value, a ':::' too many is printed as text, an unclosed last clause runs to the end
of the page) or report them in words that do not say what to do, and a page with blocks nested
hundreds deep exhausts Python's stack. Each problem here has a rule ID, a line and a fix; the
same scan makes the text safe to parse (:func:`safe_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

#: Deeper than this, blocks are printed as text: MyST parses nesting recursively.
MAX_DEPTH = 20

_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>:{3,}|`{3,})\s*(?P<info>\S.*)?$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[^}\s]+)\}")
_OPTION = re.compile(r"^:(?P<name>[A-Za-z_][\w-]*):(?:\s|$)")
_NO_COLON = re.compile(r"^:(?P<name>[A-Za-z_][\w-]*)(?:\s+\S|$)")


@dataclass(frozen=True)
class SourceProblem:
    """One problem in a page's text: the rule, the line (from 1) and the message."""

    rule: str
    line: int
    message: str


@dataclass
class _Fence:
    char: str
    length: int
    line: int
    name: str  # the directive's name, '' for a plain code block or a plain ':::' block
    nested: bool = False  # another directive block was opened inside it
    deep: bool = False  # opened more than MAX_DEPTH blocks deep: made text by safe_text


def _closes(fence: _Fence, text: str) -> bool:
    stripped = text.strip()
    return len(stripped) >= fence.length and stripped == fence.char * len(stripped)


def _options(lines: list[str], start: int, name: str) -> list[SourceProblem]:
    """The option lines of the directive opened on line ``start`` (0-based)."""
    problems: list[SourceProblem] = []
    seen: dict[str, int] = {}
    number = start + 1
    if number < len(lines) and not lines[number].strip():
        later = next(
            (n for n in range(number, min(len(lines), number + 5)) if lines[n].strip()), None
        )
        if later is not None and _OPTION.match(lines[later]):
            problems.append(
                SourceProblem(
                    "P20",
                    number + 1,
                    f"A blank line separates the options of ':::{{{name}}}' from its first "
                    f"line, so ':{_OPTION.match(lines[later]).group('name')}:' and the options "
                    "after it are read as text. Delete the blank line.",
                )
            )
        return problems
    while number < len(lines):
        text = lines[number]
        if text[:1] in (" ", "\t") and _OPTION.match(text.lstrip()):
            problems.append(
                SourceProblem(
                    "P20",
                    number + 1,
                    f"The option line '{text.strip()[:40]}' starts with a space or a tab, so it "
                    "and the lines after it are read as text. Start it at the beginning of the "
                    "line.",
                )
            )
            break
        option = _OPTION.match(text)
        if not option:
            bare = _NO_COLON.match(text)
            if bare and not text.startswith(("::", ":::")):
                problems.append(
                    SourceProblem(
                        "P20",
                        number + 1,
                        f"':{bare.group('name')}' is not written as an option: put a colon after "
                        f"the name, as in ':{bare.group('name')}: value'.",
                    )
                )
            break
        key = option.group("name")
        if key in seen:
            problems.append(
                SourceProblem(
                    "P19",
                    number + 1,
                    f"':{key}:' is given twice in this ':::{{{name}}}' (first at line "
                    f"{seen[key]}); only one value can be kept. Delete one of them, or join "
                    "the values with commas.",
                )
            )
        seen.setdefault(key, number + 1)
        number += 1
    return problems


def _front_matter(lines: list[str]) -> list[SourceProblem]:
    """The YAML block between '---' lines at the top of a page, if there is one."""
    if not lines or lines[0].strip() != "---":
        return []
    end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), None)
    if end is None:
        return [
            SourceProblem(
                "P25",
                1,
                "The front matter that starts with this '---' line is "
                "never closed. Add a line '---' after it, or delete this line.",
            )
        ]
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "it is not valid YAML"
        return [
            SourceProblem(
                "P25",
                (mark.line + 2) if mark else 1,
                f"The front matter cannot be read ({problem}). Write one "
                "'name: value' line each, or delete the lines between the '---'.",
            )
        ]
    except ValueError as err:  # a date YAML recognises but the calendar has not
        return [SourceProblem("P25", 1, f"The front matter cannot be read ({err}).")]
    if data is not None and not isinstance(data, dict):
        return [
            SourceProblem(
                "P25",
                1,
                "The front matter must be 'name: value' lines, not a "
                "list or a single value. Correct it, or delete the lines between "
                "the '---'.",
            )
        ]
    return []


def _lines(text: str) -> list[str]:
    """The page's lines as MyST counts them (only line feeds end a line)."""
    return text.replace("\r\n", "\n").split("\n")


def _scan(lines: list[str]) -> tuple[list[SourceProblem], set[int]]:
    """The problems of the page, and the lines (from 0) of its blocks nested too deep."""
    problems = _front_matter(lines)
    stack: list[_Fence] = []
    deep: set[int] = set()
    too_deep = 0
    for number, line in enumerate(lines):
        if "\x00" in line:
            problems.append(
                SourceProblem(
                    "P24",
                    number + 1,
                    "This line holds a NUL character (a zero byte), which is not "
                    "text: the file may be damaged or saved by a program that is not a text "
                    "editor. Delete the character, or save the page again as UTF-8 text.",
                )
            )
        code = stack and stack[-1].char == "`" and not stack[-1].name
        if stack and _closes(stack[-1], line):
            if stack.pop().deep:
                deep.add(number)
            continue
        if code:
            continue
        opened = _OPEN.match(line)
        if opened and (opened.group("info") or opened.group("fence")[0] == "`"):
            info = opened.group("info") or ""
            directive = _DIRECTIVE.match(info)
            name = directive.group("name") if directive else ""
            fence = opened.group("fence")
            if stack and name:
                stack[-1].nested = True
            stack.append(
                _Fence(fence[0], len(fence), number + 1, name, deep=len(stack) >= MAX_DEPTH)
            )
            if stack[-1].deep:
                deep.add(number)
                too_deep = too_deep or number + 1
            if name:
                problems += _options(lines, number, name)
            continue
        stripped = line.strip()
        if (
            len(stripped) >= 3
            and stripped == ":" * len(stripped)
            and not any(f.char == ":" for f in stack)
        ):
            problems.append(
                SourceProblem(
                    "P23",
                    number + 1,
                    f"This '{stripped}' closes no clause: the clause above is "
                    "already closed, so it would be shown as text. Delete this line.",
                )
            )
    if too_deep:
        problems.append(
            SourceProblem(
                "P23",
                too_deep,
                f"Blocks are nested more than {MAX_DEPTH} deep here (a ':::' line "
                "opens a block inside the one before), so the blocks from this line on are shown "
                "as text. Close each block with a ':::' line before the next one starts.",
            )
        )
    for fence in stack:
        if fence.name and not fence.nested and not too_deep:
            marker = fence.char * fence.length
            problems.append(
                SourceProblem(
                    "P23",
                    fence.line,
                    f"The block '{marker}{{{fence.name}}}' that starts here is "
                    f"never closed. Add a line '{marker}' after its text.",
                )
            )
    return sorted(problems, key=lambda p: p.line), deep


def check_source(text: str) -> list[SourceProblem]:
    """Every problem of the page's text, in line order."""
    return _scan(_lines(text))[0]


def safe_text(text: str) -> str:
    """The page with NUL characters taken out and blocks deeper than MAX_DEPTH made text (their
    fence lines escaped), so that parsing it cannot fail; every other line is left as written."""
    text = text.replace("\x00", "")
    lines = text.split("\n")
    for number in _scan(_lines(text))[1]:
        lines[number] = "\\" + lines[number].lstrip()
    return "\n".join(lines)
