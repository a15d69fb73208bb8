"""Build-speed benchmark: full build, no-change rebuild and one-page-change rebuild.

Usage: python benchmarks/build_speed.py [--copies N]

Builds the bundled partnership, and a larger one made of N renamed copies of it, in temporary
folders, and prints wall-clock seconds and ratios. A change to one page reads that page again and
writes the pages whose output depends on it (docs/build-speed.md); the ratios show what it costs.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ID = re.compile(
    r"\b((?:PROT|BODY|ORG|ROLE|DUTY|REP|LINE|THEME|STEP|SIGN|TERM|MEET|VER)_[A-Z0-9_]+)"
)


def build(src: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def make_site(target: Path, copies: int) -> int:
    """The bundled site, plus copies of its protocol folders with every local ID renamed."""
    shutil.copytree(REPO / "protocols", target, ignore=shutil.ignore_patterns("_build"))
    folders = [
        p for p in (REPO / "protocols").iterdir() if (p / "index.md").is_file() and p.name != "law"
    ]
    entries = []
    for n in range(2, copies + 1):
        for folder in folders:
            name = f"{folder.name}-{n}"
            # a copy has no signatures of its own (the records name the original's items)
            shutil.copytree(folder, target / name, ignore=shutil.ignore_patterns("signatures.yaml"))
            for page in (target / name).glob("*.md"):
                page.write_text(ID.sub(lambda m, n=n: f"{m.group(1)}_C{n}", page.read_text()))
            entries.append(f"{name}/index")
    index = target / "index.md"
    listed = "bournemouth-poole/index\n" + "\n".join(entries) + "\n"
    index.write_text(index.read_text().replace("bournemouth-poole/index\n", listed))
    return len(list(target.rglob("*.md")))


def measure(copies: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "out")
        pages = make_site(src, copies)
        full = build(src, out)
        nothing = build(src, out)
        page = next(src.glob("buckinghamshire/duties.md"))
        page.write_text(page.read_text() + "\nOne more sentence.\n")
        one = build(src, out)
        print(f"{copies} cop{'y' if copies == 1 else 'ies'} ({pages} pages): full {full:.1f} s, "
              f"nothing changed {nothing:.1f} s ({nothing / full:.2f} of full), "
              f"one page changed {one:.1f} s ({one / full:.2f} of full)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5, help="size of the larger site (default 5)")
    args = parser.parse_args()
    measure(1)
    measure(args.copies)


if __name__ == "__main__":
    main()
