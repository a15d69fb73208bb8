"""`protocols audit-public`: prove that no partner-only text reached a public build.

It collects what the sources keep to partners (partner-only pages, items, views and blocks: their
IDs, titles and paragraphs) and looks for it in every file of the built site: the pages, the
search index (also by word stems, as Sphinx stores them), needs.json, the CSV and Excel files, the
calendars and the PDFs. It prints each leak with the file and the words found, and fails.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer

from sphinx_protocols.core import audience as aud
from sphinx_protocols.core.wording import plural

COMMANDS = ("audit-public",)
#: The class each partner-only view's template puts on its container.
VIEW_MARKERS = {"findings": 'class="protocols-findings"', "review-pack": 'class="protocols-review"'}
_WORD = re.compile(r"[a-z0-9]+")
_STEM = snowballstemmer.stemmer("english")  # as Sphinx's English search index stores words


@dataclass(frozen=True)
class Needle:
    text: str  # words, lower case, joined by spaces; or an exact marker
    source: str  # "page.md:12", where the partner-only text is written
    exact: bool = False


def add_parser(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser(
        "audit-public", help="prove that no partner-only text is in a public build"
    )
    audit.add_argument(
        "site",
        nargs="?",
        default="_build/html",
        type=Path,
        help="the built site (default: _build/html)",
    )
    audit.add_argument(
        "--project", default="protocols", type=Path, help="the project folder (default: protocols)"
    )
    audit.add_argument(
        "--views",
        default="findings,review-pack",
        help="the partner-only views, as in protocols_partner_only_views (default: "
        "findings,review-pack)",
    )


def run(args: argparse.Namespace) -> int:
    if not args.site.is_dir():
        print(f"There is no built site at {args.site}: build it first (make html).")
        return 2
    views = [v.strip() for v in args.views.split(",") if v.strip()]
    needles, words = partner_text(args.project, views)
    leaks, files = audit(args.site, needles, words)
    for leak in leaks:
        print(leak)
    if leaks:
        print(
            f"Result: {plural(len(leaks), 'piece')} of partner-only text in the public build. "
            "Do not publish it."
        )
        return 1
    print(
        f"Result: none of the {len(needles)} partner-only passages is in the {files} files "
        f"of {args.site}."
    )
    return 0


def _words(text: str) -> str:
    return " ".join(_WORD.findall(html.unescape(text).lower()))


def _phrases(text: str, source: str) -> list[Needle]:
    """A paragraph's first and last eight words: enough to be its own, short enough to survive
    markup."""
    words = _words(
        re.sub(r"\{[\w:-]+\}`([^`<]*)(<[^>]*>)?`", r"\1", re.sub(r"\]\([^)]*\)", "]", text))
    ).split()
    if len(words) < 4:
        return [Needle(" ".join(words), source)] if len(words) >= 2 else []
    return list({Needle(" ".join(words[:8]), source), Needle(" ".join(words[-8:]), source)})


def partner_text(project: Path, views: list[str]) -> tuple[list[Needle], set[str]]:
    """What the sources keep to partners, as needles; and the words only partner-only text uses."""
    needles: list[Needle] = []
    private, public = [], []
    for path in sorted(project.rglob("*.md")):
        if "_build" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(project).as_posix()
        if aud.page_is_partner_only(text):
            body = aud.without_front_matter(text)
            private.append(body)
            for number, para in enumerate(aud.paragraphs(body.splitlines()), 1):
                needles += _phrases(para.lstrip("# "), f"{name} (paragraph {number})")
            continue
        public_text, removed = aud.filter_page(text, aud.PUBLIC, views)
        public.append(public_text)
        for block in removed:
            where = f"{name}:{block.start + 1}"
            if block.name in VIEW_MARKERS:
                needles.append(Needle(VIEW_MARKERS[block.name], where, exact=True))
            if item_id := block.options.get("id"):
                needles.append(Needle(item_id.lower(), where, exact=True))
            for passage in aud.texts_of(block)[1 if block.options.get("id") else 0 :]:
                needles += _phrases(passage, where)
            private.append("\n".join([block.argument, *block.body]))
    shared = {_STEM.stemWord(w) for w in _words(" ".join(public)).split()}
    only = {
        w
        for w in _words(" ".join(private)).split()
        if len(w) >= 7 and not w.isdigit() and _STEM.stemWord(w) not in shared
    }
    return needles, only


def _text_of(path: Path) -> str:
    """A built file as searchable text, whatever its format."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return " ".join(
                book.read(n).decode("utf-8", "replace")
                for n in book.namelist()
                if n.endswith(".xml")
            )
    if suffix == ".pdf":
        from pypdf import PdfReader

        return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if path.name == "objects.inv":
        raw = path.read_bytes()
        head = raw.split(b"\n", 4)
        return zlib.decompress(head[4]).decode("utf-8", "replace") if len(head) == 5 else ""
    data = path.read_bytes()
    if b"\0" in data[:1024]:
        return ""  # an image or a font: no text of ours
    text = data.decode("utf-8-sig", "replace")
    if suffix == ".ics":
        text = text.replace("\r\n ", "").replace("\n ", "").replace("\\,", ",").replace("\\;", ";")
    return text


def _search_terms(site: Path) -> set[str]:
    index = site / "searchindex.js"
    if not index.is_file():
        return set()
    text = index.read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return set(data.get("terms", {})) | set(data.get("titleterms", {}))


def audit(site: Path, needles: list[Needle], words: set[str]) -> tuple[list[str], int]:
    """Every place a needle is found in the site, as a plain sentence; and how many files were read.

    A word of partner-only text in the search index is a leak when no public page shows it: the
    index then holds text that no public reader was meant to find.
    """
    leaks: list[str] = []
    files = 0
    shown: set[str] = set()  # the words public pages show; the search index may hold them all
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        files += 1
        raw = _text_of(path)
        flat = f" {_words(re.sub(r'<[^>]+>', ' ', raw))} "
        if path.suffix == ".html":
            shown.update(flat.split())
        lowered = raw.lower()
        name = path.relative_to(site).as_posix()
        for needle in needles:
            hit = needle.text in lowered if needle.exact else f" {needle.text} " in flat
            if hit:
                leaks.append(
                    f"{name}: has partner-only text '{needle.text}', written at {needle.source}."
                )
    terms = _search_terms(site) - {_STEM.stemWord(w) for w in shown}
    for word in sorted(words):
        if _STEM.stemWord(word) in terms:
            leaks.append(
                f"searchindex.js: the search index has the word '{word}', used only in "
                "partner-only text."
            )
    return leaks, files
