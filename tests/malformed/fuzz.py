"""A seeded mutation fuzzer: the bundled protocols' pages, damaged at random, read by the checks.

Each case takes a stretch of a page of a bundled protocol, applies a few mutations (a byte
flipped, a line deleted or duplicated, the options of an item shuffled, a fence line deleted or
doubled, a tab or a non-UTF-8 byte put in) and reads the corpus project with that page added, in
process, with the extension and builder `protocols check` uses. One Sphinx application reads case
after case, as `make serve` rebuilds after each save, so what one build leaves for the next is
tried too. A case that raises instead of reporting is a crash; it is saved under ``crashes/``
(the page, and the traceback) to become a corpus case.

Run ``make fuzz N=2000`` (``python tests/malformed/fuzz.py N SEED``) for many; the tests run a
few hundred.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent.parent
PAGES = sorted(p for p in (REPO / "protocols").glob("*/*.md") if p.name != "index.md")
CRASHES = HERE / "crashes"
_OPTION = re.compile(rb"^:[a-z_]+:")
_FENCE = re.compile(rb"^(:::|```)")


def _flip(lines: list[bytes], rng: random.Random) -> None:
    number = rng.randrange(len(lines))
    line = bytearray(lines[number] or b" ")
    line[rng.randrange(len(line))] = rng.randrange(256)
    lines[number] = bytes(line)


def _delete(lines: list[bytes], rng: random.Random) -> None:
    del lines[rng.randrange(len(lines))]


def _duplicate(lines: list[bytes], rng: random.Random) -> None:
    number = rng.randrange(len(lines))
    lines.insert(number, lines[number])


def _shuffle_options(lines: list[bytes], rng: random.Random) -> None:
    starts = [n for n, line in enumerate(lines) if _OPTION.match(line)]
    if starts:
        start = end = rng.choice(starts)
        while end < len(lines) and _OPTION.match(lines[end]):
            end += 1
        block = lines[start:end]
        rng.shuffle(block)
        lines[start:end] = block


def _fence(lines: list[bytes], rng: random.Random) -> None:
    fences = [n for n, line in enumerate(lines) if _FENCE.match(line)]
    if fences:
        number = rng.choice(fences)
        if rng.random() < 0.5:
            del lines[number]
        else:
            lines.insert(number, lines[number])


def _tab(lines: list[bytes], rng: random.Random) -> None:
    number = rng.randrange(len(lines))
    at = rng.randrange(len(lines[number]) + 1)
    lines[number] = lines[number][:at] + b"\t" + lines[number][at:]


def _encoding(lines: list[bytes], rng: random.Random) -> None:
    number = rng.randrange(len(lines))
    lines[number] += rng.choice([b"\x92", b"\xe9", b"\xff\xfe", b"\x00"])


MUTATIONS: dict[str, Callable[[list[bytes], random.Random], None]] = {
    "flip": _flip,
    "delete": _delete,
    "duplicate": _duplicate,
    "shuffle": _shuffle_options,
    "fence": _fence,
    "tab": _tab,
    "encoding": _encoding,
}


@dataclass(frozen=True)
class Mutant:
    seed: int
    page: Path
    steps: tuple[str, ...]
    data: bytes


def mutant(seed: int) -> Mutant:
    """The case of one seed: always the same stretch of the same page, and the same damage."""
    rng = random.Random(seed)
    page = rng.choice(PAGES)
    lines = page.read_bytes().splitlines(keepends=True) or [b"\n"]
    fences = [n for n, line in enumerate(lines) if _FENCE.match(line)] or [0]
    start = rng.choice(fences)
    lines = lines[start : start + rng.randint(20, 80)]
    steps = tuple(rng.choice(sorted(MUTATIONS)) for _ in range(rng.randint(1, 4)))
    for step in steps:
        if lines:
            MUTATIONS[step](lines, rng)
    return Mutant(seed, page, steps, b"".join(lines))


class Reader:
    """One Sphinx application over the corpus project, reading each mutated page in turn."""

    def __init__(self, work: Path) -> None:
        from sphinx.application import Sphinx
        from sphinx.util.console import nocolor

        nocolor()
        self.project = work / "project"
        shutil.copytree(HERE / "base", self.project)
        index = self.project / "index.md"
        index.write_text(index.read_text().replace("proto/index\n", "proto/index\nproto/fuzzed\n"))
        self.page = self.project / "proto" / "fuzzed.md"
        self.page.write_text("# Fuzzed\n")
        self.warnings = io.StringIO()
        self.app = Sphinx(
            str(self.project),
            str(self.project),
            str(work / "out"),
            str(work / "doctrees"),
            "dummy",
            status=None,
            warning=self.warnings,
            freshenv=True,
            keep_going=True,
        )

    def read(self, m: Mutant) -> tuple[str, list[str]]:
        """(the traceback, or ''; the warnings of this case)."""
        self.page.write_bytes(m.data)
        self.warnings.seek(0)
        self.warnings.truncate()
        try:
            self.app.build()
        except Exception:  # noqa: BLE001  (a crash is what the fuzzer looks for)
            return traceback.format_exc(), []
        lines = [w for w in self.warnings.getvalue().splitlines() if "WARNING" in w]
        return "", lines


def save(m: Mutant, trace: str) -> Path:
    """Keep a crash as a corpus input: the mutated page, and what happened."""
    CRASHES.mkdir(exist_ok=True)
    path = CRASHES / f"seed-{m.seed}.md"
    path.write_bytes(m.data)
    path.with_suffix(".txt").write_text(
        f"page: {m.page.relative_to(REPO)}\nmutations: {', '.join(m.steps)}\n\n{trace}",
        encoding="utf-8",
    )
    return path


@dataclass
class Figures:
    cases: int = 0
    crashes: int = 0
    warnings: int = 0
    ours: int = 0  # warnings with one of our rule IDs

    def __str__(self) -> str:
        return (
            f"Fuzzed {self.cases} cases: {self.crashes} crashes; {self.warnings} messages, "
            f"{self.ours} of them with our rule ID."
        )


def fuzz(count: int, first: int = 0) -> Figures:
    """Read ``count`` mutants from seed ``first``; every crash is saved."""
    import tempfile

    from sphinx.util.docutils import docutils_namespace

    figures = Figures()
    with tempfile.TemporaryDirectory() as work, docutils_namespace():
        reader = Reader(Path(work))
        for seed in range(first, first + count):
            m = mutant(seed)
            trace, warnings = reader.read(m)
            figures.cases += 1
            figures.warnings += len(warnings)
            figures.ours += sum("[protocols." in w for w in warnings)
            if trace:
                figures.crashes += 1
                sys.stderr.write(f"seed {seed}: crash, saved as {save(m, trace)}\n")
    return figures


if __name__ == "__main__":
    result = fuzz(
        int(sys.argv[1]) if len(sys.argv) > 1 else 200, int(sys.argv[2]) if len(sys.argv) > 2 else 0
    )
    sys.stdout.write(f"{result}\n")
    sys.exit(1 if result.crashes else 0)
