"""How long `make pdf` takes on the example partnership: one process, every core, and a rerun.

Usage: python benchmarks/pdf_speed.py [--project protocols] [--workers 2]
Three builds of the same sources, with SOURCE_DATE_EPOCH fixed so that they describe the same day:
1. one PDF at a time (``protocols_pdf_workers = 1``, an empty build folder): how it was before;
2. the PDFs in ``--workers`` processes at once, largest first (an empty build folder);
3. build 2 again in the same folder: the PDFs that did not change are kept (pdf/cache.py).
It prints each build's wall time and the slowest PDF, as a table for docs/publishing.md.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEP = re.compile(r"\[\d+/\d+\] (\S+\.pdf): .*?, (\d+) pages in ([\d.]+) s")


def build(
    project: Path, out: Path, workers: int
) -> tuple[float, list[tuple[str, int, float]], str]:
    command = [
        str(ROOT / ".venv" / "bin" / "sphinx-build"),
        "-b",
        "pdf",
        "-q",
        "-D",
        f"protocols_pdf_workers={workers}",
        str(project),
        str(out),
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1764633600")}
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"The PDF build failed:\n{done.stderr}")
    steps = [(m.group(1), int(m.group(2)), float(m.group(3))) for m in STEP.finditer(done.stderr)]
    last = done.stderr.strip().splitlines()
    return wall, steps, next((line for line in last if line.startswith("Made ")), "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT / "protocols")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    rows = []
    print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        serial = build(args.project, Path(tmp, "serial"), 1)
        rows.append(("one PDF at a time (before)", serial))
        parallel = build(args.project, Path(tmp, "parallel"), args.workers)
        rows.append((f"{args.workers} processes, largest first", parallel))
        rows.append(
            (
                f"{args.workers} processes, again with nothing changed",
                build(args.project, Path(tmp, "parallel"), args.workers),
            )
        )
    print(f"cores: {os.cpu_count()}; load average after: {os.getloadavg()[0]:.1f}")
    print("| build | wall time | PDFs laid out | slowest PDF |")
    print("|---|---|---|---|")
    for name, (wall, steps, made) in rows:
        slowest = max(steps, key=lambda s: s[2], default=None)
        worst = f"{slowest[0]}, {slowest[1]} pages, {slowest[2]:.0f} s" if slowest else "none"
        print(f"| {name} | {wall:.0f} s | {len(steps)} | {worst} |")
        if made:
            print(f"|   | {made} | | |")
    total = sum(s[2] for s in serial[1])
    print(
        f"\nLaying out every PDF one after another: {total:.0f} s in all; "
        f"pages: {sum(s[1] for s in serial[1])}."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
