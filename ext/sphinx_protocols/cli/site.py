"""`protocols new` scaffolds a protocol folder; `protocols a11y` checks a built site in a
browser."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from functools import partial
from pathlib import Path

import jinja2

from sphinx_protocols.cli.project import check_cache, no_conf, progress_line

COMMANDS = ("new", "a11y")
PROTOCOL_LIST = re.compile(r"(```\{toctree\}\n(?::[^\n]*\n)*:caption: "
                           r"Protocols\n(?::[^\n]*\n)*\n)((?:[^`\n][^\n]*\n)*)")


def add_parser(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="start a new protocol: a folder of pages to fill in")
    new.add_argument("name", help='the protocol\'s name, in quotes: "Safeguarding protocol for '
                                  'Eastshire"')
    new.add_argument("--code", help="a short area code for the IDs, in capitals (default: from the "
                                    "name)")
    new.add_argument("--folder", help="the folder name (default: from the name)")
    new.add_argument("--project", default="protocols", type=Path, help="the project folder "
                                                                       "(default: protocols)")
    check = commands.add_parser("a11y", help="check every page of a built site for accessibility "
                                             "in Chromium")
    check.add_argument("site", nargs="?", default="_build/html", type=Path, help="the built site "
                                                                                 "(default: "
                                                                                 "_build/html)")
    check.add_argument("--results", type=Path, help="write the results as JSON here (for the "
                                                    "accessibility statement)")
    check.add_argument("--fresh", action="store_true", help="check every page again, even those "
                       "unchanged since the last check")


def run(args: argparse.Namespace) -> int:
    return new_protocol(args) if args.command == "new" else check_accessibility(args)


#: a protocol folder's name: no '/', '..', spaces or line breaks, so nothing lands elsewhere
PLAIN_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _bad_name(name: str, folder: str | None) -> str:
    """What is wrong with a new protocol's name or folder, or ''. The name is written into the
    new pages, so a line break in it could start a directive; the folder must be a plain name,
    so nothing is written outside the project."""
    if not name.strip():
        return "the name is empty. Give the protocol's name in quotes."
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "the name has a line break or another control character in it. Give it on one line."
    if folder is not None and not PLAIN_FOLDER.fullmatch(folder):
        return (f"the folder '{folder}' must be a plain folder name: letters, digits, '-' and '_', "
                "with no '/', '..' or spaces, for example --folder eastshire.")
    return ""


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-") or "protocol"


def code_for(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in
             {"the", "and", "of", "for", "between", "protocol", "safeguarding", "a", "on", "with"}]
    return (words[0].upper() if words else "NEW")[:10]


def new_protocol(args: argparse.Namespace) -> int:
    """Write a protocol folder that builds first time, and list it on the home page. Never
    overwrites."""
    from sphinx_protocols.sphinxext.templating import templates_dir

    project: Path = args.project
    if problem := no_conf(project, "Run this from the folder that holds 'protocols', or give "
                          "--project."):
        print(f"protocols: {problem}", file=sys.stderr)
        return 2
    if problem := _bad_name(args.name, args.folder):
        print(f"protocols: {problem} Nothing was written.", file=sys.stderr)
        return 2
    code = (args.code or code_for(args.name)).upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]*", code):
        print(
            f"protocols: the code '{code}' must be capital letters and digits, like EAST.",
            file=sys.stderr,
        )
        return 2
    folder = project / (args.folder or slug(args.name))
    if folder.exists() or folder.is_symlink():
        print(f"protocols: '{folder}' already exists, so nothing was written. Choose another name, "
              "or give "
              "--folder.", file=sys.stderr)
        return 1
    clash = _id_in_use(project, f"PROT_{code}")
    if clash:
        print(f"protocols: the code {code} is already used (PROT_{code} is in {clash}). Give "
              "another with "
              "--code.", file=sys.stderr)
        return 1
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir() / "new-protocol"),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    today = dt.date.today()
    values = {
        "name": args.name,
        "code": code,
        "today": today.isoformat(),
        "today_text": f"{today:%B %Y}",
    }
    folder.mkdir(parents=True)
    for template in sorted(env.list_templates(filter_func=lambda n: n.endswith(".md"))):
        (folder / template).write_text(
            env.get_template(template).render(**values), encoding="utf-8"
        )
    listed = list_on_home_page(project / "index.md", f"{folder.name}/index")
    print(f"Created {folder} with the protocol PROT_{code} and pages to fill in.")
    print(listed)
    print("Next: open the pages, replace the 'To be added' text and the example bodies, then run "
          "'make html'.")
    return 0


def _id_in_use(project: Path, item_id: str) -> str:
    for page in project.rglob("*.md"):
        if re.search(rf"^:id: {item_id}\s*$", page.read_text(encoding="utf-8"), re.MULTILINE):
            return str(page)
    return ""


def list_on_home_page(index: Path, entry: str) -> str:
    """Add the new protocol to the home page's list of protocols (the toctree captioned
    Protocols)."""
    text = index.read_text(encoding="utf-8") if index.is_file() else ""
    if re.search(rf"^{re.escape(entry)}$", text, re.MULTILINE):
        return f"It is already listed on the home page ({index})."
    match = PROTOCOL_LIST.search(text)
    if not match:
        return (f"Add '{entry}' to a toctree in {index} so the protocol appears on the site (the "
                "build "
                "warns until you do).")
    at = match.end(2)
    index.write_text(text[:at] + entry + "\n" + text[at:], encoding="utf-8")
    return f"Listed it on the home page ({index})."


def check_accessibility(args: argparse.Namespace) -> int:
    from sphinx_protocols.tools import a11y

    site: Path = args.site
    if not (site / "index.html").is_file():
        print(
            f"protocols: there is no built site in '{site}'. Run 'make html' first.",
            file=sys.stderr,
        )
        return 2
    try:
        results = a11y.check_site(
            site,
            a11y.axe_path(Path.cwd()),
            progress=partial(progress_line, "at 1280 px"),
            cache=None if args.fresh else check_cache(site, 1280),
        )
    except a11y.BrowserUnavailableError as err:
        print(f"protocols: {err}", file=sys.stderr)
        return 2
    for page in results.pages:
        for v in page.violations:
            print(f"{page.page}: {v['id']} ({v['impact']}): {v['help']} at "
                  f"{'; '.join(v['targets'])}")
    print(results.summary())
    if args.results:
        args.results.write_text(results.to_json(), encoding="utf-8")
        print(f"Results written to {args.results}.")
    return 1 if results.violation_count else 0
