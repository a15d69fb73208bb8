"""`protocols diff`: what changed between two versions, clause by clause, for the annual review."""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
from pathlib import Path

from sphinx_protocols.cli.project import no_conf

COMMANDS = ("diff",)
WORKING_TREE = "working-tree"


def add_parser(commands: argparse._SubParsersAction) -> None:
    diff = commands.add_parser(
        "diff", help="compare two versions clause by clause and write a review pack",
        description="Compare two versions of the protocols, clause by clause. OLD and NEW are "
        "tags, commits or a protocol's folder and version (buckinghamshire/V0.5); OLD defaults to "
        "the "
        "last "
        "tag, NEW to the files as they are now.")
    diff.add_argument("old", nargs="?", default="", help="the earlier version (default: the last "
                                                         "tag)")
    diff.add_argument("new", nargs="?", default=WORKING_TREE,
                      help="the later version (default: the files as they are now, committed or "
                           "not)")
    diff.add_argument("--project", default="protocols", type=Path, help="the project folder "
                                                                        "(default: protocols)")
    diff.add_argument("--protocol", action="append", default=[],
                      help="compare only this protocol (its ID or folder; repeat for more, or "
                      "'all'). Default: the protocol OLD names, else all")
    diff.add_argument("--pack", type=Path,
                      help="where to write the pack as JSON (default: _build/review/pack.json "
                      "beside the project folder, where the site's review page reads it)")
    diff.add_argument("--audience", choices=("partners", "public"), default="partners",
                      help="compare the partners' site (the default: the pack is for partners) "
                      "or the public one")
    diff.add_argument("--json", action="store_true", help="print the pack as JSON instead of the "
                                                          "summary")


def run(args: argparse.Namespace) -> int:
    from sphinx_protocols.review.pack import PackError
    from sphinx_protocols.review.snapshot import SnapshotError
    from sphinx_protocols.tools.vcs import GitError

    try:
        return diff(args)
    except (SnapshotError, PackError) as err:
        print(f"protocols: {err}", file=sys.stderr)
        return 1
    except GitError as err:
        print(f"protocols: git could not read the history ({err}).", file=sys.stderr)
        return 2


def protocol_places(project: Path) -> list:
    """Each protocol's folder and file, found by its ':version:'-bearing protocol item in the
    sources."""
    import re

    from sphinx_protocols.core.versions import Place, label_of

    places = []
    for page in sorted(project.rglob("*.md")):
        if "_build" in page.parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        match = re.search(
            r"^[:`]{3,}\{protocol\}.*\n(?::[^\n]*\n)*?:id:[ \t]*(\S+)", text, re.MULTILINE
        )
        if match:
            source = page.relative_to(project).as_posix()
            places.append(Place(match.group(1), posixpath.dirname(source), source, label_of(text)))
    return places


def diff(args: argparse.Namespace) -> int:
    from sphinx_protocols.core.versions import VersionNotFoundError
    from sphinx_protocols.review import pack as packs
    from sphinx_protocols.review.snapshot import take
    from sphinx_protocols.sphinxext.checks import build_date
    from sphinx_protocols.tools.history import History

    project: Path = args.project
    if problem := no_conf(project, "Give the folder of a protocols project with --project (the one "
                          "`make html` builds is 'protocols')."):
        print(f"protocols: {problem}", file=sys.stderr)
        return 2
    history = History(project.resolve(), protocol_places(project))
    if not history.in_git:
        print(f"protocols: '{project}' is not in a git checkout, so there are no earlier versions "
              "to compare "
              "(a downloaded zip has no history). Clone the repository with git, then run this "
              "again.",
              file=sys.stderr)
        return 2
    try:
        old_spec = args.old or _last_tag(history)
        old = history.find(old_spec)
        new = None if args.new == WORKING_TREE else history.find(args.new)
    except VersionNotFoundError as err:
        print(f"protocols: {err}", file=sys.stderr)
        return 2
    scope = _scope(args.protocol, old.protocol, history)
    if isinstance(scope, str):
        print(f"protocols: {scope}", file=sys.stderr)
        return 2
    snapshots = []
    versions = ((old, old.spec), (new, args.new if new else "the working tree"))
    for number, (version, name) in enumerate(versions, 1):
        if not args.json:
            print(f"[{number}/2] Reading {name} ...", flush=True)
        snap = take(history, version, args.audience)
        how = "read from the cache" if snap.cached else "built"
        if not args.json:
            print(f"{name}: {how} in {snap.seconds:.2f} s.")
        snapshots.append(snap)
    pack = packs.make(snapshots[0], snapshots[1], build_date(), scope)
    target = args.pack or project.resolve().parent / "_build" / "review" / "pack.json"
    packs.write(pack, target)
    if args.json:
        print(json.dumps(pack, ensure_ascii=False, indent=1))
        return 0
    print("\n".join(packs.summary(pack)))
    print(f"\nThe pack is in {target}. `make partner` puts it on the review page of the "
          "partners' site; `make review FROM=...` does both, and makes its PDF.")
    return 0


def _last_tag(history) -> str:
    from sphinx_protocols.core.versions import VersionNotFoundError

    names = [t.name for t in history.all_tags()]
    if not names:
        raise VersionNotFoundError("there is no tag to compare with, so say which version to "
                                   "compare: for "
                                   "example `protocols diff buckinghamshire/V0.5`. "
                                   f"{history.known()}")
    from sphinx_protocols.tools import vcs

    try:
        return vcs.git(history.project, "describe", "--tags", "--abbrev=0", "HEAD")
    except vcs.GitError:
        return names[0]


def _scope(wanted: list[str], named: str, history) -> set[str] | str | None:
    """The protocol IDs to compare (None: all), or a message when one asked for does not exist."""
    if any(w == "all" for w in wanted):
        return None
    if not wanted:
        return {named} if named else None
    found = set()
    for w in wanted:
        place = next((p for p in history.places.values() if w in (p.id, p.name, p.folder)), None)
        if place is None:
            names = ", ".join(f"{p.id} ({p.name or 'top folder'})" for p in history.places.values())
            return f"there is no protocol '{w}' in the project. The protocols are: {names}."
        found.add(place.id)
    return found
