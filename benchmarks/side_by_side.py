"""What our extension costs over bare sphinx-needs and plain MyST, on the same synthetic content.

Usage: python benchmarks/side_by_side.py [--sizes 1000,3000,10000] [--runs 3] [--skip-pdf]
(`make bench` runs it). For each size it writes the partnership of benchmarks/synthetic.py in three
forms and times, interleaved, the median of ``--runs`` runs of: a full build; a rebuild after one
clause's text is edited; a rebuild after one link is changed. For our form it also times
`protocols diff` between two commits that differ in 30 clauses (first with an empty cache, then
cached) and the PDF of one protocol. Every build runs in a fresh process that reports its own CPU
seconds (its children's too: git, dot), wall seconds and peak memory.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import FORMS, write

#: Runs one command in this process after the timer starts, and prints what it cost as JSON.
_PROBE = """
import json, resource, runpy, sys, time
start = time.perf_counter()
sys.argv = sys.argv[1:]
code = 0
try:
    runpy.run_module(sys.argv[0], run_name="__main__")
except SystemExit as exit_:
    code = exit_.code or 0
wall = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
mib = max(me.ru_maxrss, kids.ru_maxrss) / 1024
print("BENCH " + json.dumps({"cpu": cpu, "wall": wall, "mib": mib, "code": code}))
"""


def run(*args: str, cwd: Path | None = None) -> dict[str, float]:
    """Run ``python -m ARGS`` in a fresh process; its CPU and wall seconds and peak MiB."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("BENCH ")), "")
    if not line:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    figures = json.loads(line[6:])
    if figures["code"] != 0:
        raise SystemExit(
            f"benchmark step failed ({figures['code']}): {' '.join(args)}\n{result.stderr[-2000:]}"
        )
    return figures


def sphinx(src: Path, out: Path, builder: str = "html", *extra: str) -> dict[str, float]:
    return run("sphinx", "-b", builder, "-q", *extra, str(src), str(out))


def _edit_text(src: Path) -> None:
    page = src / "protocol-001" / "duties.md"
    page.write_text(
        page.read_text().replace("Duty 0 of protocol 1", "Duty 0 of protocol 1 (amended)", 1)
    )


def _edit_link(src: Path) -> None:
    page = src / "protocol-001" / "duties.md"
    text = page.read_text()
    first = text.index(":owner: ")
    end = text.index("\n", first)
    page.write_text(text[:first] + ":owner: BODY_P001_7" + text[end:])


def _git(src: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(src), *args], check=True, capture_output=True)


def _diff_repo(tmp: Path, items: int) -> Path:
    """Our form in git: a first commit, then one changing the text of 30 clauses."""
    src = tmp / "git"
    write(src, items, "ours")
    _git(src, "init", "-q")
    _git(src, "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "add", "-A")
    _git(
        src, "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "commit", "-qm", "first"
    )
    changed = 0
    for page in sorted(src.glob("protocol-*/duties.md")):
        text = page.read_text()
        for n in range(41):
            if changed == 30:
                break
            title = f"Duty {n} of protocol {int(page.parent.name[-3:])}"
            if title + "\n" in text:
                text = text.replace(title + "\n", title + " (revised)\n", 1)
                changed += 1
        page.write_text(text)
    _git(
        src,
        "-c",
        "user.name=Bench",
        "-c",
        "user.email=bench@example.org",
        "commit",
        "-qam",
        "second",
    )
    return src


def measure(items: int, runs: int, pdf: bool) -> dict[str, dict[str, list[dict[str, float]]]]:
    results: dict[str, dict[str, list[dict[str, float]]]] = {f: {} for f in FORMS}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for n in range(runs):
            for form in FORMS:  # interleaved, so a slow spell of the machine hits every form alike
                src, out = tmp / f"{form}-{n}", tmp / f"{form}-{n}-out"
                write(src, items, form)
                steps = results[form]
                steps.setdefault("full", []).append(sphinx(src, out))
                _edit_text(src)
                steps.setdefault("text edit", []).append(sphinx(src, out))
                if form != "myst":
                    _edit_link(src)
                    steps.setdefault("link change", []).append(sphinx(src, out))
                if form == "ours" and pdf and n == 0:
                    steps.setdefault("pdf of one protocol", []).append(
                        sphinx(src, tmp / "pdf", "pdf", "-D", "protocols_pdf_only=PROT_P001_0")
                    )
                shutil.rmtree(src)
                shutil.rmtree(out)
        repo = _diff_repo(tmp, items)
        for _ in range(runs):
            shutil.rmtree(repo / ".cache", ignore_errors=True)
            results["ours"].setdefault("diff, cold", []).append(
                run(
                    "sphinx_protocols.cli",
                    "diff",
                    "HEAD~1",
                    "HEAD",
                    "--project",
                    ".",
                    "--pack",
                    str(tmp / "pack.json"),
                    cwd=repo,
                )
            )
            results["ours"].setdefault("diff, cached", []).append(
                run(
                    "sphinx_protocols.cli",
                    "diff",
                    "HEAD~1",
                    "HEAD",
                    "--project",
                    ".",
                    "--pack",
                    str(tmp / "pack.json"),
                    cwd=repo,
                )
            )
    return results


def median(values: list[dict[str, float]], key: str) -> float:
    return statistics.median(v[key] for v in values)


def report(items: int, results: dict[str, dict[str, list[dict[str, float]]]]) -> dict[str, float]:
    ours, needs, myst = results["ours"], results["needs"], results["myst"]
    print(f"\n{items} items ({items // 100} protocols)")
    print(
        f"  {'step':<22}{'ours cpu s':>12}{'wall s':>9}{'MiB':>7}"
        f"{'needs cpu s':>13}{'myst cpu s':>12}"
    )
    for step, values in ours.items():
        other = median(needs[step], "cpu") if step in needs else float("nan")
        floor = median(myst[step], "cpu") if step in myst else float("nan")
        cpu, wall, mib = (median(values, key) for key in ("cpu", "wall", "mib"))
        print(f"  {step:<22}{cpu:>12.1f}{wall:>9.1f}{mib:>7.0f}{other:>13.1f}{floor:>12.1f}")
    full = median(ours["full"], "cpu")
    ratios = {
        "full / bare sphinx-needs": full / median(needs["full"], "cpu"),
        "full / plain MyST": full / median(myst["full"], "cpu"),
        "text edit / full": median(ours["text edit"], "cpu") / full,
        "link change / full": median(ours["link change"], "cpu") / full,
        "bare needs text edit / its full": median(needs["text edit"], "cpu")
        / median(needs["full"], "cpu"),
        "diff cached / full": median(ours["diff, cached"], "cpu") / full,
        "peak memory / bare sphinx-needs": median(ours["full"], "mib")
        / median(needs["full"], "mib"),
    }
    for name, value in ratios.items():
        print(f"  {name:<34}{value:>6.2f}")
    return {"full": full, **ratios}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,3000,10000", help="item counts, separated by commas"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each step (the median is shown)"
    )
    parser.add_argument("--skip-pdf", action="store_true", help="leave out the PDF step")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    fulls = {}
    for items in sizes:
        fulls[items] = report(items, measure(items, args.runs, not args.skip_pdf))["full"]
    if len(sizes) > 1:
        low, high = min(sizes), max(sizes)
        exponent = math.log(fulls[high] / fulls[low]) / math.log(high / low)
        print(
            f"\nGrowth of our full build from {low} to {high} items: "
            f"exponent {exponent:.2f} (1.0 is linear)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
