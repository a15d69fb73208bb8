"""`protocols import`: Word files built from the example protocols' facts come back cell for
cell."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("docx")

from sphinx_protocols.cli import main
from sphinx_protocols.importer import cover, docx, recognise, tables, write
from sphinx_protocols.importer.draft import Draft, Known

import docx_fixtures as fx

TODAY = dt.date(2026, 1, 5)


def imported(path: Path, known: list[Known] | None = None) -> Draft:
    return recognise.recognise(docx.read(path), known or [], "T", set(), TODAY)


@pytest.fixture(scope="module")
def bucks(tmp_path_factory) -> Draft:
    return imported(fx.bucks(tmp_path_factory.mktemp("bucks") / "bucks.docx"))


def project(tmp_path: Path) -> Path:
    """A small site with a home page that lists protocols, and a findings page."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "conf.py").write_text(
        'extensions = ["sphinx_protocols"]\nprotocols_partnership = "Test"\n'
    )
    (root / "index.md").write_text(
        "# Home\n\n```{toctree}\n:maxdepth: 1\n:caption: Protocols\n\n```\n\n"
        "```{toctree}\nfindings\n```\n"
    )
    (root / "findings.md").write_text("# Findings\n\n```{findings}\n```\n")
    return root


def abbreviations(draft: Draft) -> dict[str, str]:
    """Item ID -> the abbreviation (or name) the fixture used for it."""
    return {
        b.id: b.fields.get("abbreviation") or b.title for b in [*draft.bodies, *draft.organisations]
    }


# -- what comes back ----------------------------------------------------------------------------
def test_matrix_comes_back_cell_for_cell(bucks: Draft) -> None:
    short = abbreviations(bucks)
    reports = {r.id: r for r in bucks.reports}
    cells = [
        [
            reports[line.links["report"][0]].title,
            short[reports[line.links["report"][0]].links["produced_by"][0]],
            short[line.links["recipient"][0]],
            line.fields.get("action", ""),
            line.fields.get("timing", ""),
        ]
        for line in bucks.lines
    ]
    assert cells == fx.MATRIX["cells"]
    assert [short[c] for c in bucks.columns] == fx.MATRIX["columns"]
    assert (
        bucks.protocol.links["parties"] == bucks.columns
    )  # the parties in the order of the columns


def test_cell_wording_is_kept_where_it_is_not_the_bare_action(bucks: Draft) -> None:
    written = {line.fields["as_written"] for line in bucks.lines if "as_written" in line.fields}
    assert written == set(fx.CELL_WORDING.values())
    to_hwb = next(
        line for line in bucks.lines if line.fields.get("as_written", "").startswith("Inform –")
    )
    assert to_hwb.fields["note"] == "to be reflected in the joint strategy"
    assert "line" in to_hwb.imported
    assert all(
        "line" not in line.imported for line in bucks.lines if "as_written" not in line.fields
    )


def test_bodies_are_proposed_with_names_abbreviations_and_kinds(bucks: Draft) -> None:
    found = {b.fields.get("abbreviation", ""): b.title for b in bucks.bodies}
    for abbreviation, name in fx.BUCKS_BODIES.items():
        assert found[abbreviation] == name
    assert {b.title for b in bucks.bodies if not b.fields.get("abbreviation")} == set(
        fx.OTHER_BODIES
    )
    kinds = {
        b.fields["abbreviation"]: b.fields["kind"]
        for b in bucks.bodies
        if b.fields.get("abbreviation")
    }
    assert kinds == {
        "BSCB": "board",
        "BSAB": "board",
        "HWB": "board",
        "SSBPB": "board",
        "JET": "team",
        "CPP": "panel",
    }
    assert all(b.imported == ["body"] for b in bucks.bodies)


def test_duties_get_owner_modality_and_clause(bucks: Draft) -> None:
    short = abbreviations(bucks)
    got = {d.text: (short.get(d.links["owner"][0]), d.fields["modality"]) for d in bucks.duties}
    for _section, sentence, owner, modality in fx.BUCKS_DUTIES:
        assert got[sentence] == (owner, modality), sentence
    lead, items, owner, modality = fx.BUCKS_LIST
    for entry in items:
        assert got[f"{lead.rstrip(':')} {entry}"] == (owner, modality)
    first = next(d for d in bucks.duties if d.text == fx.BUCKS_DUTIES[0][1])
    assert first.fields["clause"] == "2.1"
    assert first.fields["clause_title"] == fx.BUCKS_BODIES["BSCB"]
    assert first.title == "Coordinate what partners do to keep children in the county ..."
    assert first.id == "DUTY_T_COORDINATE_WHAT_PARTNERS"
    assert all(d.imported == ["duty", "owner"] for d in bucks.duties)
    assert len(bucks.duties) == len(fx.BUCKS_DUTIES) + len(items)


def test_cover_gives_version_and_dates(bucks: Draft) -> None:
    fields = bucks.protocol.fields
    assert (fields["version"], fields["created"]) == ("V0.5", "November 2014")
    assert (fields["last_reviewed"], fields["next_review"]) == ("2015-04-20", "2016-04-20")
    assert fields["legal_date"] == "2015-04-20"
    assert bucks.protocol.imported == ["title", "version", "dates", "parties"]


def test_version_history_table(tmp_path: Path) -> None:
    draft = imported(fx.versions(tmp_path / "v.docx"))
    fields = draft.protocol.fields
    assert (fields["version"], fields["created"], fields["last_reviewed"]) == (
        "V0.6",
        "November 2014",
        "2015-07-16",
    )
    assert (fields["next_review"], fields["approved_by"]) == (
        "2016-04-20",
        "Eastshire Health and Wellbeing Board",
    )
    assert draft.history == fx.HISTORY
    assert fields["date_agreed"] == "blank"  # the cover has the row, and its cell is empty
    versions = [
        (v.fields["version"], v.fields["date"], v.fields["changes"], v.text) for v in draft.versions
    ]
    assert versions == [
        ("V0.1", "blank", "First draft for the chairs", "Dated November 2014 in the Word file."),
        ("V0.5", "2015-04-20", "Revised for the Health and Wellbeing Board", ""),
        ("V0.6", "2015-07-16", "Comments of the partnership boards taken in", ""),
    ]
    assert all(v.imported == ["history"] for v in draft.versions)
    duty = next(d for d in draft.duties if d.text.startswith("The Director"))
    role = next(
        r for r in draft.roles if r.id == duty.links["owner"][0]
    )  # an office, proposed as a role
    assert (role.title, role.imported) == ("Director of Public Health", ["role"])
    cover = draft.kept["index"][0]  # the cover as written, with the row we have no field for
    assert "| Owner | Partnership business unit |" in cover and cover.startswith("| On the cover |")


@pytest.mark.parametrize("blocks", [False, True], ids=["table", "blocks"])
def test_signatures_table_and_blocks(tmp_path: Path, blocks: bool) -> None:
    draft = imported(fx.bournemouth_poole(tmp_path / "bp.docx", blocks=blocks))
    names = {i.id: i.title for i in [*draft.bodies, *draft.organisations]}
    roles = {r.id: r for r in draft.roles}
    got = [
        (
            roles[s.links["office"][0]].title.split(",")[0],
            names[s.links["on_behalf_of"][0]],
            s.fields["name"].replace("blank", ""),
        )
        for s in draft.signatories
    ]
    assert got == fx.BP_SIGNATORIES
    written = [
        (s.fields["designation"], s.fields["organisation"], s.fields["signed_on"])
        for s in draft.signatories
    ]
    assert written == [
        (office, organisation, "blank") for office, organisation, _ in fx.BP_SIGNATORIES
    ]
    assert all(r.links["office_in"] for r in roles.values())
    duty = draft.duties[0]
    assert duty.links["owner"] == ["tbc"]  # 'each Community Safety Partnership' names no one body
    assert duty.fields["clause"] == "1.1"


def test_cells_are_read_as_action_timing_and_note() -> None:
    assert tables.parse_cell("Inform – October, to be reflected") == (
        "Inform",
        "October",
        "to be reflected",
    )
    assert tables.parse_cell("✓ Autumn") == ("✓", "Autumn", "")
    assert tables.parse_cell("Information") == ("Inform", "", "")
    assert tables.parse_cell("quarterly") is None
    assert cover.iso_date("20th April 2015") == "2015-04-20"
    assert cover.iso_date("April 2015") == ""


def test_bodies_the_partnership_has_are_linked_not_proposed(tmp_path: Path) -> None:
    known = [Known("BODY_OLD_HWB", "body", "Health and Wellbeing Board", "HWB", folder="old")]
    draft = imported(fx.bucks(tmp_path / "b.docx"), known)
    assert "HWB" not in {b.fields.get("abbreviation") for b in draft.bodies}
    hwb_duties = [d for d in draft.duties if d.text.startswith("The HWB")]
    assert hwb_duties and all(d.links["owner"] == ["BODY_OLD_HWB"] for d in hwb_duties)
    assert draft.matched["Health and Wellbeing Board (HWB)"] == "BODY_OLD_HWB"
    assert "BODY_OLD_HWB" in draft.columns
    term = next(
        t for t in draft.terms if t.fields["abbreviation"] == "HWB"
    )  # defined in this protocol too
    assert (
        term.links["refers_to"] == ["BODY_OLD_HWB"]
        and term.fields["expansion"] == "Health and Wellbeing Board"
    )


def test_a_report_named_after_a_body_is_guessed_to_come_from_it(tmp_path: Path) -> None:
    """A matrix with no group rows: 'HWB annual report' is the HWB's, unless the table also sends
    it to the HWB (then who produces it is left to the officer, so the draft still builds)."""
    document = fx.docx.Document()
    document.add_paragraph(
        "The Health and Wellbeing Board (HWB) and the Community Safety "
        "Partnership (CSP) work together."
    )
    fx._table(
        document,
        [
            ["Report", "HWB", "CSP"],
            ["HWB annual report", "", "Inform - annually"],
            ["CSP plan", "Consult", "Inform"],
        ],
    )
    document.save(tmp_path / "m.docx")
    draft = imported(tmp_path / "m.docx")
    ids = {b.fields.get("abbreviation"): b.id for b in draft.bodies}
    producers = {r.title: r.links["produced_by"] for r in draft.reports}
    assert producers == {"HWB annual report": [ids["HWB"]], "CSP plan": ["tbc"]}
    assert all("report" in r.imported for r in draft.reports)  # still a guess to check


def test_a_name_two_areas_share_goes_to_the_area_of_the_other_matches(tmp_path: Path) -> None:
    path = fx.bucks(tmp_path / "b.docx")
    west = Known("BODY_WEST_HWB", "body", "Health and Wellbeing Board", "HWB", folder="west")
    bucks = [
        Known("BODY_B_HWB", "body", "Health and Wellbeing Board", "HWB", folder="bucks"),
        Known("BODY_B_BSCB", "body", fx.BUCKS_BODIES["BSCB"], "BSCB", folder="bucks"),
    ]
    assert (
        imported(path, [west, *bucks]).matched["Health and Wellbeing Board (HWB)"] == "BODY_B_HWB"
    )
    alone = imported(
        path, [west, bucks[0]]
    )  # no other body to tell the two apart: a new one, to check
    assert "Health and Wellbeing Board (HWB)" not in alone.matched
    assert "HWB" in {b.fields.get("abbreviation") for b in alone.bodies}


# -- the folder, the build and the findings -----------------------------------------------------
def _plain(markdown: str) -> str:
    return " ".join(re.sub(r"\\(.)", r"\1", markdown).split())


def test_every_paragraph_and_cell_of_the_word_file_is_kept(tmp_path: Path) -> None:
    path = fx.bucks(tmp_path / "bucks.docx")
    site = project(tmp_path)
    assert main(["import", str(path), "--into", str(site / "bucks")]) == 0
    written = _plain(" ".join(p.read_text() for p in (site / "bucks").glob("*.md")))
    for block in docx.read(path):
        texts = (
            [block.text]
            if isinstance(block, docx.Paragraph)
            else [c for r in block.rows for c in r]
        )
        for text in texts:
            text = re.sub(
                r"^\d+(\.\d+)*\.? ", "", text
            )  # the clause number is kept, without its dot
            assert _plain(text).rstrip(":") in written, text


def test_import_builds_with_w_and_lists_each_guess_with_its_line(tmp_path: Path, capsys) -> None:
    site = project(tmp_path)
    for name, build in (("bucks", fx.bucks), ("bp", fx.bournemouth_poole), ("v", fx.versions)):
        assert (
            main(
                [
                    "import",
                    str(build(tmp_path / f"{name}.docx")),
                    "--into",
                    str(site / name),
                    *(["--code", "BP"] if name == "bp" else []),
                ]
            )
            == 0
        )
    assert "Listed it on the home page" in capsys.readouterr().out
    assert {"bucks/index", "bp/index", "v/index"} <= set((site / "index.md").read_text().split())
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            "-t",
            "partners",  # the findings page, the officer's checklist, is for partners
            str(site),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert main(["check", str(site)]) == 0
    out = capsys.readouterr().out
    guesses = re.findall(r"^(\S+\.md):(\d+): finding: .* \[protocols\.F20\]$", out, re.MULTILINE)
    written = Counter(
        w
        for p in site.rglob("*.md")
        for line in p.read_text().splitlines()
        if line.startswith(":imported:")
        for w in line.split(":", 2)[2].split(",")
    )
    assert len(guesses) == sum(written.values())
    for page, line in guesses:  # each finding points at the ':imported:' line of its item
        lines = (site / page.split("site/", 1)[-1]).read_text().splitlines()
        assert lines[int(line) - 1].startswith(":imported:"), (page, line)
    assert "check the owner of this duty" in out
    findings = (tmp_path / "out" / "findings.html").read_text()
    assert "was imported from a Word file: check the owner of this duty" in findings


def test_refuses_to_overwrite_without_force_and_replaces_with_it(tmp_path: Path, capsys) -> None:
    path = fx.versions(tmp_path / "v.docx")
    site = project(tmp_path)
    assert main(["import", str(path), "--into", str(site / "v")]) == 0
    first = {p.name: p.read_text() for p in (site / "v").iterdir()}
    (site / "v" / "bodies.md").write_text("edited by hand\n")
    assert main(["import", str(path), "--into", str(site / "v")]) == 1
    assert "already exists, so nothing was written" in capsys.readouterr().err
    assert (site / "v" / "bodies.md").read_text() == "edited by hand\n"
    assert main(["import", str(path), "--into", str(site / "v"), "--force"]) == 0
    assert {
        p.name: p.read_text() for p in (site / "v").iterdir()
    } == first  # the same file, the same folder
    assert (site / "index.md").read_text().count("v/index") == 1
    assert sorted(p.name for p in site.iterdir()) == ["conf.py", "findings.md", "index.md", "v"]


def test_never_replaces_signatures_or_a_whole_project(tmp_path: Path, capsys) -> None:
    path = fx.versions(tmp_path / "v.docx")
    site = project(tmp_path)
    (site / "signed").mkdir()
    (site / "signed" / "signatures.yaml").write_text("- record: signature\n")
    assert main(["import", str(path), "--into", str(site / "signed"), "--force"]) == 1
    assert "holds recorded signatures" in capsys.readouterr().err
    assert main(["import", str(path), "--into", str(tmp_path / "elsewhere" / "x")]) == 2
    assert "is not a protocols project (it has no conf.py)" in capsys.readouterr().err
    (site / "inner").mkdir()
    (site / "inner" / "conf.py").write_text("")
    assert main(["import", str(path), "--into", str(site / "inner"), "--force"]) == 2
    assert "is a whole project" in capsys.readouterr().err


def _ole(extra: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + extra


BAD_FILES = {
    "missing": (None, "There is no file"),
    "empty": (b"", "is empty (0 bytes)"),
    "old-format.doc": (_ole(), "is in the old Word format (.doc)"),
    "protected.docx": (_ole("EncryptionInfo".encode("utf-16-le")), "is protected by a password"),
    "corrupt.docx": (
        b"PK\x03\x04 this is not really a zip",
        "is not a Word document (.docx), or it is damaged",
    ),
    "notes.txt": (b"plain text", "is not a Word document (.docx), or it is damaged"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_file_that_cannot_be_read_gets_one_clear_message(
    tmp_path: Path, capsys, name: str
) -> None:
    content, words = BAD_FILES[name]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    site = project(tmp_path)
    assert main(["import", str(path), "--into", str(site / "new")]) == 2
    captured = capsys.readouterr()
    assert words in captured.err and "Traceback" not in captured.err + captured.out
    assert len(captured.err.strip().splitlines()) == 1
    assert not (site / "new").exists()


def test_a_zip_that_is_not_word_and_a_damaged_docx(tmp_path: Path, capsys) -> None:
    site = project(tmp_path)
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as package:
        package.writestr("hello.txt", "hello")
    assert main(["import", str(tmp_path / "other.docx"), "--into", str(site / "a")]) == 2
    assert "it has no document text inside" in capsys.readouterr().err
    with zipfile.ZipFile(tmp_path / "broken.docx", "w") as package:
        package.writestr("word/document.xml", "<not-xml")
    assert main(["import", str(tmp_path / "broken.docx"), "--into", str(site / "b")]) == 2
    assert "could not be read as a Word document" in capsys.readouterr().err


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    site = project(tmp_path)
    with pytest.raises(FileNotFoundError):
        write.write_folder({"index.md": "# x\n", "no/such/page.md": "x"}, site / "new", force=False)
    assert sorted(p.name for p in site.iterdir()) == ["conf.py", "findings.md", "index.md"]


# -- the measure: how much of the Buckinghamshire example comes back without hand editing ---------
def share_of_bucks_facts(tmp_path: Path) -> dict[str, tuple[int, int]]:
    """(right, of) for each kind of fact of the Buckinghamshire example, imported from a Word
    file."""
    from sphinx_protocols.importer.draft import normalise

    facts = fx.bucks_from_example(tmp_path / "bucks-full.docx")
    draft = imported(tmp_path / "bucks-full.docx")
    example_of: dict[str, str] = {}  # draft body ID -> example ID, matched by name and abbreviation
    for body in draft.bodies:
        for wanted in facts["bodies"]:
            if normalise(body.title) == normalise(wanted["title"]) and body.fields.get(
                "abbreviation", ""
            ) == wanted.get("abbreviation", ""):
                example_of[body.id] = wanted["id"]
    roles = [i for i in facts["by_id"].values() if i["type"] == "role"]
    for role in draft.roles:  # an office the text names, proposed as a role: matched by its name
        wanted = next(
            (r["id"] for r in roles if normalise(r["title"]) == normalise(role.title)), ""
        )
        if wanted:
            example_of[role.id] = wanted
    found_bodies = {v for v in example_of.values() if v in {b["id"] for b in facts["bodies"]}}
    score = {"bodies": (len(found_bodies), len(facts["bodies"]))}
    found = owners = modalities = 0
    for duty in facts["duties"]:
        words = duty["title"][0].lower() + duty["title"][1:]
        match = next((d for d in draft.duties if words in d.text), None)
        if match is None:
            continue
        found += 1
        wanted = {o.strip() for o in duty["owner"].split(",")}
        owners += {example_of.get(o, o) for o in match.links["owner"]} == wanted
        modalities += match.fields["modality"] == duty["modality"]
    total = len(facts["duties"])
    score |= {
        "duties found": (found, total),
        "duty owners": (owners, total),
        "modalities": (modalities, total),
    }
    short = {b.id: b.fields.get("abbreviation") or b.title for b in draft.bodies}
    reports = {r.id: r for r in draft.reports}
    cells = [
        [
            reports[ln.links["report"][0]].title,
            short[reports[ln.links["report"][0]].links["produced_by"][0]],
            short[ln.links["recipient"][0]],
            ln.fields.get("action", ""),
            ln.fields.get("timing", ""),
        ]
        for ln in draft.lines
    ]
    score["matrix cells"] = (sum(c in cells for c in fx.MATRIX["cells"]), len(fx.MATRIX["cells"]))
    protocol = facts["protocol"]
    dates = ("version", "created", "last_reviewed", "next_review")
    score["version and dates"] = (
        sum(draft.protocol.fields.get(f) == protocol[f] for f in dates),
        len(dates),
    )
    signed = imported(fx.bournemouth_poole(tmp_path / "bp.docx"))
    roles = {r.id: r.title.split(",")[0] for r in signed.roles}
    names = {b.id: b.title for b in [*signed.bodies, *signed.organisations]}
    got = [
        (
            roles[s.links["office"][0]],
            names[s.links["on_behalf_of"][0]],
            s.fields["name"].replace("blank", ""),
        )
        for s in signed.signatories
    ]
    score["signatories (Bournemouth and Poole)"] = (
        sum(s in got for s in fx.BP_SIGNATORIES),
        len(fx.BP_SIGNATORIES),
    )
    return score


def test_share_of_buckinghamshire_facts_right_without_editing(tmp_path: Path) -> None:
    score = share_of_bucks_facts(tmp_path)
    right, total = (sum(v[i] for v in score.values()) for i in (0, 1))
    lines = [f"  {kind}: {got} of {of} ({got / of:.0%})" for kind, (got, of) in score.items()]
    lines.append(f"  all facts: {right} of {total} ({right / total:.0%})")
    # the measure the guide reports: run with -s to see it
    print("\nShare of the example's facts right without hand editing:", *lines, sep="\n")  # noqa: T201
    # what the import reaches today; a change that loses facts fails here
    assert score["matrix cells"] == (25, 25)
    assert score["bodies"][0] >= 10 and score["duty owners"][0] >= 70
    assert right / total >= 0.75


@pytest.mark.parametrize("folder", ["bad\n:glob:", "with space", "..", "-x"])
def test_refuses_a_folder_name_that_is_not_plain(tmp_path: Path, capsys, folder: str) -> None:
    """The folder's name goes into the home page's list of pages: a line break would inject."""
    path = fx.versions(tmp_path / "v.docx")
    site = project(tmp_path)
    index = (site / "index.md").read_text()
    assert main(["import", str(path), "--into", str(site / folder)]) == 2
    assert "must be a plain folder name" in capsys.readouterr().err
    assert (site / "index.md").read_text() == index
    assert sorted(p.name for p in site.iterdir()) == ["conf.py", "findings.md", "index.md"]


def test_refuses_a_folder_that_is_a_link_out_of_the_project(tmp_path: Path, capsys) -> None:
    path = fx.versions(tmp_path / "v.docx")
    site = project(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (site / "linked").symlink_to(tmp_path / "elsewhere")
    assert main(["import", str(path), "--into", str(site / "linked"), "--force"]) == 1
    assert "is a link to a folder elsewhere" in capsys.readouterr().err
    assert list((tmp_path / "elsewhere").iterdir()) == []
