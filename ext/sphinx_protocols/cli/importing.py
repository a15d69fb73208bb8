"""`protocols import FILE.docx`: a Word protocol as a draft protocol folder that builds first
time."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx_protocols.importer.draft import Draft

COMMANDS = ("import",)


def add_parser(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "import", help="turn a Word protocol (.docx) into a draft protocol folder"
    )
    command.add_argument(
        "file", type=Path, help="the Word file, for example 'Eastshire protocol.docx'"
    )
    command.add_argument(
        "--into",
        type=Path,
        help="the folder to write, inside the project (default: protocols/ and a name "
        "made from the file's name)",
    )
    command.add_argument(
        "--code", help="a short area code for the IDs, in capitals (default: from the title)"
    )
    command.add_argument(
        "--force",
        action="store_true",
        help="replace the folder if it exists (never one with recorded signatures)",
    )


def run(args: argparse.Namespace) -> int:
    from sphinx_protocols.cli.site import list_on_home_page, slug
    from sphinx_protocols.importer import docx, recognise, write

    target: Path = args.into or Path("protocols") / slug(args.file.stem)
    project = target.parent
    status, problem = _refuse(target, project, args.force)
    if problem:
        print(f"protocols: {problem}", file=sys.stderr)
        return status
    try:
        blocks = docx.read(args.file)
    except ImportError:
        print(
            "protocols: reading Word files needs python-docx. Install it with "
            "'pip install sphinx-protocols[import]' (make html does it for you).",
            file=sys.stderr,
        )
        return 2
    except docx.UnreadableError as err:
        print(f"protocols: {err}", file=sys.stderr)
        return 2
    known, taken = write.existing(project, skip=target)
    title = next((b.text for b in blocks if isinstance(b, docx.Paragraph)), "")
    code = (args.code or recognise.default_code(title)).upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]*", code):
        print(
            f"protocols: the code '{code}' must be capital letters and digits, like EAST.",
            file=sys.stderr,
        )
        return 2
    if f"PROT_{code}" in taken:
        print(
            f"protocols: the code {code} is already used by another protocol (PROT_{code}). Give "
            "another with --code.",
            file=sys.stderr,
        )
        return 1
    today = dt.date.today()
    draft = recognise.recognise(blocks, known, code, taken, today)
    write.write_folder(write.render(draft, args.file.name, today.isoformat()), target, args.force)
    print(f"Imported {args.file.name} into {target}:")
    print(_summary(draft))
    print(list_on_home_page(project / "index.md", f"{target.name}/index"))
    print(
        "Next: run 'make html' and open the Findings page. Each finding 'imported from a Word "
        "file' is a guess to check; delete its word from ':imported:' once it is right."
    )
    return 0


def _refuse(target: Path, project: Path, force: bool) -> tuple[int, str]:
    """Why the import may not write ``target``: 2 for a wrong request, 1 to protect a folder; or
    (0, '')."""
    from sphinx_protocols.cli.site import PLAIN_FOLDER

    if not (project / "conf.py").is_file():
        return 2, (
            f"'{project}' is not a protocols project (it has no conf.py). Give --into as a new "
            "folder inside the project, for example --into protocols/eastshire."
        )
    if (target / "conf.py").exists():
        return 2, f"'{target}' is a whole project, not a protocol folder. Give a folder inside it."
    if not PLAIN_FOLDER.fullmatch(target.name):
        return 2, (
            f"the folder '{target.name}' must be a plain folder name: letters, digits, '-' and "
            "'_', with no '..', spaces or line breaks, for example --into protocols/eastshire."
        )
    if target.is_symlink():
        return 1, (
            f"'{target}' is a link to a folder elsewhere, so nothing was written: an import only "
            "writes inside the project. Give a new folder with --into."
        )
    if target.exists() and not force:
        return 1, (
            f"'{target}' already exists, so nothing was written. Give another folder with --into, "
            "or --force to replace it."
        )
    if target.exists() and not target.is_dir():
        return 2, f"'{target}' is a file, not a folder. Give another folder with --into."
    if (target / "signatures.yaml").exists():
        return 1, (
            f"'{target}' holds recorded signatures (signatures.yaml), which are evidence, so it "
            "was not replaced. Import into a new folder and move the pages across by hand."
        )
    return 0, ""


def _summary(draft: Draft) -> str:
    from sphinx_protocols.core.wording import plural

    def count(n: int, word: str) -> str:
        return plural(n, word, word[:-1] + "ies" if word.endswith("y") else "")

    counts = Counter(i.type for i in draft.all_items() if i.type != "protocol")
    guesses = sum(len(i.imported) for i in draft.all_items())
    named = ", ".join(count(n, t.replace("_", " ")) for t, n in counts.items())
    matched = len(set(draft.matched.values()))
    return (
        f"  {named or 'no items'};\n  {count(matched, 'body')} the partnership already has, linked "
        "rather than written again;\n"
        f"  {plural(guesses, 'guess', 'guesses')} to check, each a finding on the Findings page."
    )
