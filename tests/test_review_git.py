"""The annual review on real git history: small repositories made in temporary folders.

Each builds the test-clean project as a first version (tagged proto/V1), then a second version
that raises the version, confirms a theme's lead and changes a reporting line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from html import unescape
from pathlib import Path

import pytest

from sphinx_protocols.cli import main

from conftest import REPO, ROOTS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                             "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                            cwd=cwd, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("history") / "repo"
    shutil.copytree(ROOTS / "test-clean", root / "protocols")
    (root / "protocols" / "review.md").write_text("---\norphan: true\n---\n\n# "
                                                  "Review\n\n```{review-pack}\n```\n")
    (root / ".gitignore").write_text("_build/\n.cache/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Two boards protocol, first version")
    git(root, "tag", "-a", "proto/V1", "-m", "V1 as agreed by both boards")
    page = root / "protocols" / "proto" / "index.md"
    edit(page, ":version: V1", ":version: V2")
    edit(page, ":lead: tbc", ":lead: BODY_B")
    edit(page, ":action: Inform", ":action: Challenge")
    edit(page, ":::{duty} Publish an annual report", ":::{duty} Publish an annual report each "
                                                     "October")
    git(root, "commit", "-q", "-am", "Second version: Beta leads exploitation work")
    return root


def project(root: Path) -> str:
    return str(root / "protocols")


def test_diff_from_a_tag_and_the_cache_makes_the_second_run_fast(repo, capsys) -> None:
    start = time.perf_counter()
    assert main(["diff", "proto/V1", "--project", project(repo)]) == 0
    first = time.perf_counter() - start
    out = capsys.readouterr().out
    assert "proto/V1: built in" in out
    assert "Two boards protocol (PROT_T), V1 → V2" in out
    assert "Lead for Exploitation changed from 'to be confirmed' to Beta Board." in out
    assert "Title: Publish an annual report [+each October+]" in out
    assert (
        "AB, Annual Report → BB: changed (was Inform – October Reflect it in the strategy; now "
        "Challenge"
        in out
    )
    assert "F02 proto/index.md:" in out and "Findings resolved (1)" in out
    pack = json.loads((repo / "_build" / "review" / "pack.json").read_text())
    assert pack["old"]["name"] == "proto/V1" and pack["scope"] == ["PROT_T"]
    assert pack["totals"]["changed"] == 4

    start = time.perf_counter()
    assert main(["diff", "proto/V1", "--project", project(repo)]) == 0
    second = time.perf_counter() - start
    out = capsys.readouterr().out
    assert "proto/V1: read from the cache" in out and "the working tree: read from the cache" in out
    assert second < first / 3, (first, second)


def test_json_for_other_tools(repo, capsys) -> None:
    assert main(["diff", "proto/V1", "HEAD", "--project", project(repo), "--json"]) == 0
    pack = json.loads(capsys.readouterr().out)
    assert pack["new"]["name"] == "HEAD"
    theme = next(i for s in pack["protocols"] for i in s["items"] if i["id"] == "THEME_X")
    assert theme["state"] == "changed"


def test_a_version_is_found_by_its_label_when_the_tag_did_not_travel(
    repo, tmp_path, capsys
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--no-tags", str(repo), str(clone))
    assert git(clone, "tag") == ""
    assert main(["diff", "proto/V1", "--project", project(clone)]) == 0
    assert (
        "Lead for Exploitation changed from 'to be confirmed' to Beta Board."
        in capsys.readouterr().out
    )
    # with no tag at all, leaving OLD out gets a plain message listing what can be compared
    assert main(["diff", "--project", project(clone)]) == 2
    err = capsys.readouterr().err
    assert (
        "there is no tag to compare with" in err
        and "proto/V1 (commit" in err
        and "proto/V2 (commit" in err
    )


def test_mistakes_get_plain_messages_not_tracebacks(repo, tmp_path, capsys) -> None:
    assert main(["diff", "proto/V9", "--project", project(repo)]) == 2
    err = capsys.readouterr().err
    assert (
        "'proto/V9' is not a tag, branch or commit of this repository, and no protocol has had the "
        "version 'V9'"
        in err
    )
    assert main(["diff", "proto/V1", "--project", project(repo), "--protocol", "PROT_NOPE"]) == 2
    assert "there is no protocol 'PROT_NOPE'" in capsys.readouterr().err
    shutil.copytree(ROOTS / "test-clean", tmp_path / "zip")
    assert main(["diff", "V1", "--project", str(tmp_path / "zip")]) == 2
    assert "is not in a git checkout" in capsys.readouterr().err
    assert main(["diff", "V1", "--project", str(tmp_path)]) == 2
    assert "there is no conf.py" in capsys.readouterr().err
    for err in capsys.readouterr():
        assert "Traceback" not in err


def test_make_review_without_from_says_what_to_give() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        ["make", "-s", "-C", str(REPO), "review"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "make review needs FROM, the version to compare with" in result.stderr


def build(src: Path, out: Path, *options: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", *options,
         str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def text_of(html: Path) -> str:
    """The page's words; inline tags vanish, block tags become spaces."""
    text = re.sub(r"</?(?:strong|code|em|a|span|del|ins)\b[^>]*>", "", html.read_text())
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())


def check(folder: Path, **env: str) -> str:
    """`protocols check` in a process of its own, as a user runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_protocols.cli", "check", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_site_shows_the_pack_stamps_and_history(repo, tmp_path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(repo, root)
    assert main(["diff", "proto/V1", "--project", project(root)]) == 0
    build(root / "protocols", tmp_path / "public")  # the review pack is for partners, by default
    assert "protocols-review" not in (tmp_path / "public" / "review.html").read_text()
    build(root / "protocols", tmp_path / "html", "-t", "partners")
    review = (tmp_path / "html" / "review.html").read_text()
    assert '<del><span class="protocols-sr">[deleted: </span>Inform – October' in review
    assert '<ins><span class="protocols-sr">[inserted: </span>each October' in review
    words = text_of(tmp_path / "html" / "review.html")
    assert "Changed: Theme Exploitation" in words
    assert "Lead for Exploitation changed from 'to be confirmed' to Beta Board." in words
    assert "Findings resolved since proto/V1" in words
    page = text_of(tmp_path / "html" / "proto" / "index.html")
    head = git(root, "log", "-1", "--format=%h")
    subject = git(root, "log", "-1", "--format=%s")
    # readers see when the files last changed, never a commit, its message or a tag
    assert re.search(r"Version V2 of “Two boards protocol”. Last changed on "
                     r"\d{1,2} [A-Z][a-z]+ \d{4}\.", page), page
    assert "Its files were last changed on" in page
    assert head not in page and subject not in page and "proto/V1" not in page
    assert f'data-commit="{head}"' in (tmp_path / "html" / "proto" / "index.html").read_text()
    assert "This site." in text_of(tmp_path / "html" / "bodies.html")

    git(root, "tag", "proto/V2")
    build(root / "protocols", tmp_path / "html")
    assert "Tagged as" not in text_of(tmp_path / "html" / "proto" / "index.html")


def test_an_uncommitted_folder_in_a_clone_is_not_called_a_download(repo, tmp_path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(repo, root)
    shutil.copytree(root / "protocols", root / "fresh")  # inside the clone, never committed
    build(root / "fresh", tmp_path / "html")
    page = text_of(tmp_path / "html" / "proto" / "index.html")
    assert "Not yet recorded in version control" in page and "downloaded" not in page


def test_a_tag_that_disagrees_with_the_version_is_a_finding(repo, tmp_path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(repo, root)
    git(root, "tag", "proto/V3")
    assert (
        "finding: Protocol PROT_T says version V2, but its nearest tag, proto/V3, names "
        "version V3. Make "
        "':version:' match the tag, or correct the tag. [protocols.F16]"
    ) in check(root / "protocols")


def test_outside_git_pages_say_so_and_an_overdue_review_shows(tmp_path) -> None:
    shutil.copytree(ROOTS / "test-clean", tmp_path / "zip")
    late = str(int(time.mktime((2031, 1, 1, 0, 0, 0, 0, 0, 0))))
    build(tmp_path / "zip", tmp_path / "html", SOURCE_DATE_EPOCH=late)
    assert "Not in version control: these files were built without their history" in \
        text_of(tmp_path / "html" / "proto" / "index.html")
    assert "Built without version control" in text_of(tmp_path / "html" / "proto" / "index.html")
    home = text_of(tmp_path / "html" / "index.html")
    assert "Overdue: it was due on 1 January 2030" in home
    assert (
        "Due or overdue for review: Two boards protocol (review overdue since 1 January 2030)."
        in home
    )
    assert "Protocol PROT_T was due for review on 2030-01-01, and that date has passed." in \
        check(tmp_path / "zip", SOURCE_DATE_EPOCH=late)
