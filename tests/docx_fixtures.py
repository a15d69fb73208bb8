"""Word files the import tests build with python-docx, from the example protocols' facts.

The facts (bodies, duties and owners, the 25 cells of Buckinghamshire's reporting matrix, the
Bournemouth and Poole signature blocks, the cover dates) come from the bundled example protocols;
the sentences are written here in our own words. Each builder returns the facts it wrote, so a
test can check what comes back cell for cell.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

MATRIX = json.loads((Path(__file__).parent / "fixtures" / "bucks_matrix.json").read_text(encoding="utf-8"))

BUCKS_BODIES = {  # abbreviation -> name, as the fixture defines them
    "BSCB": "Buckinghamshire Safeguarding Children Board",
    "BSAB": "Buckinghamshire Safeguarding Adults Board",
    "HWB": "Health and Wellbeing Board",
    "SSBPB": "Safer and Stronger Bucks Partnership Board",
    "JET": "Children and Young People's Joint Executive Team",
    "CPP": "Corporate Parenting Panel",
}
OTHER_BODIES = ["Healthy Communities Partnership", "Channel Panel"]
#: the matrix's group rows name the producers as the source's grid does
GROUP_NAMES = {
    "BSCB": "Buckinghamshire Safeguarding Children Board",
    "BSAB": "Buckinghamshire Safeguarding Adult Board",
    "HWB": "Health and Wellbeing Board",
    "SSBPB": "Safer and Stronger Bucks Partnership Board",
    "JET": "Children's Joint Executive Team",
    "CPP": "Corporate Parenting Panel",
}
#: (section, sentence, owner abbreviation, modality): the duties the fixture states
BUCKS_DUTIES = [
    ("BSCB", "The BSCB must coordinate what partners do to keep children in the county safe.", "BSCB", "must"),
    ("BSCB", "The board must publish a yearly report on how well children are kept safe.", "BSCB", "must"),
    ("BSCB", "The BSCB should stand apart from other local structures so that its scrutiny is credible.",
     "BSCB", "should"),
    ("BSAB", "The BSAB must carry out safeguarding adults reviews where the law requires one.", "BSAB", "must"),
    ("BSAB", "Each year the BSAB should produce a report and a work plan, consulting Healthwatch.", "BSAB",
     "should"),
    ("HWB", "The HWB must prepare the needs assessment and the joint strategy for the county.", "HWB", "must"),
    ("HWB", "The HWB may carry out functions that the council delegates to it.", "HWB", "may"),
    ("SSBPB", "The SSBPB will commission a strategic assessment of crime and disorder every year.", "SSBPB",
     "will"),
    ("JET", "The JET will make sure an assessment of children's needs exists and is kept up to date.", "JET",
     "will"),
    ("CPP", "The CPP should look for better outcomes for looked after children in health and housing.", "CPP",
     "should"),
]
#: list items under a lead-in sentence: (lead-in, items, owner, modality)
BUCKS_LIST = ("The HWB will:", ["oversee how partners deliver their commissioning plans;",
                                "take assurance that safeguarding is part of commissioning."], "HWB", "will")
#: text that states no duty, which must come back as it is
BUCKS_PLAIN = [
    "Six boards and partnerships in the county share the work of keeping people safe from abuse.",
    "This draft sets out what each is for and how they connect.",
    "Its terms of reference are published on the board's own website.",
]
COVER = {"Version": "V0.5", "First drafted": "November 2014", "Date of this version": "20 April 2015",
         "Next review": "20 April 2016"}
#: how some cells of the grid are written (the rest are the bare action word)
CELL_WORDING = {
    ("Annual Report", "BSCB", "HWB"): "Inform – October, to be reflected in the joint strategy",
    ("Annual Report", "BSAB", "HWB"): "Inform - October, to be reflected in the joint strategy",
    ("Annual Report", "BSCB", "CPP"): "inform",
    ("Strategic Assessment", "SSBPB", "HWB"): "inform",
    ("Commissioning intentions", "JET", "HWB"): "✓ Autumn",
    ("Annual report", "JET", "HWB"): "Information",
}


def _table(document: docx.document.Document, rows: list[list[str]]) -> docx.table.Table:
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def bucks(path: Path) -> Path:
    """A Buckinghamshire-like draft: cover, parties, duties under numbered headings, the grid."""
    document = docx.Document()
    document.add_paragraph("Draft protocol on how the Buckinghamshire boards work together", style="Title")
    _table(document, [[k, v] for k, v in COVER.items()])
    document.add_heading("1. Purpose", level=1)
    document.add_paragraph(BUCKS_PLAIN[0])
    parties = ", ".join(f"the {name} ({abbr})" for abbr, name in list(BUCKS_BODIES.items())[:-1])
    document.add_paragraph(f"1.1 The parties are {parties} and the Corporate Parenting Panel (CPP).")
    document.add_paragraph(f"1.2 {BUCKS_PLAIN[1]}")
    document.add_heading("2. The boards", level=1)
    for number, (abbr, name) in enumerate(BUCKS_BODIES.items(), start=1):
        document.add_heading(f"2.{number} {name}", level=2)
        for section, sentence, _owner, _modality in BUCKS_DUTIES:
            if section == abbr:
                document.add_paragraph(sentence)
        if abbr == "HWB":
            document.add_paragraph(BUCKS_LIST[0])
            for entry in BUCKS_LIST[1]:
                document.add_paragraph(entry, style="List Bullet")
            document.add_paragraph(f"Public health work runs through the {OTHER_BODIES[0]}.")
        if abbr == "BSCB":
            document.add_paragraph(BUCKS_PLAIN[2])
        if abbr == "SSBPB":
            document.add_paragraph(f"Since 2015 it oversees the work of the {OTHER_BODIES[1]}.")
    document.add_heading("3. Reporting between the boards", level=1)
    document.add_paragraph("The grid below shows which reports go to which board.")
    columns = MATRIX["columns"]
    rows: list[list[str]] = [["", *columns]]
    group_rows = []
    producer = ""
    for report, sender, recipient, action, _timing in MATRIX["cells"]:
        if sender != producer:
            producer = sender
            group_rows.append(len(rows))
            rows.append([GROUP_NAMES[sender]] + [""] * len(columns))
        if rows[-1][0] != report or len(rows) - 1 in group_rows:
            rows.append([report] + [""] * len(columns))
        wording = CELL_WORDING.get((report, sender, recipient), action)
        rows[-1][1 + columns.index(recipient)] = wording
    table = _table(document, rows)
    for index in group_rows:  # the producer's name across the whole row, as Word merges it
        merged = table.cell(index, 0).merge(table.cell(index, len(columns)))
        merged.text = rows[index][0]
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.save(path)
    return path


#: Bournemouth and Poole's three signature blocks: (office, organisation, example name)
BP_SIGNATORIES = [
    ("Independent Chair", "Bournemouth and Poole LSCB", "Sam Example"),
    ("Chair", "Bournemouth Community Safety Partnership", ""),
    ("Chair", "Poole Community Safety Partnership", ""),
]


def bournemouth_poole(path: Path, blocks: bool = False) -> Path:
    """The end of a Bournemouth and Poole-like protocol: a duty and the signature table or blocks."""
    document = docx.Document()
    document.add_paragraph("Governance protocol between Bournemouth and Poole LSCB and the two "
                           "Community Safety Partnerships", style="Title")
    document.add_heading("1. Reporting", level=1)
    document.add_paragraph("1.1 Each Community Safety Partnership will report to the LSCB every six months "
                           "on its work against domestic abuse.")
    document.add_heading("Signatories to this agreement", level=1)
    if blocks:
        rows = []
        for office, organisation, name in BP_SIGNATORIES:
            rows += [["Name", name], ["Designation", office], ["On behalf of", organisation],
                     ["Signature", ""], ["Date", ""]]
        _table(document, rows)
    else:
        _table(document, [["Name", "Organisation", "Designation", "Signature", "Date"],
                          *[[name, organisation, office, "", ""] for office, organisation, name in BP_SIGNATORIES]])
    document.save(path)
    return path


#: a cover with a version history (facts of the Buckinghamshire versions)
HISTORY = [["Version", "Date", "Changes"],
           ["V0.1", "November 2014", "First draft for the chairs"],
           ["V0.5", "20 April 2015", "Revised for the Health and Wellbeing Board"],
           ["V0.6", "16 July 2015", "Comments of the partnership boards taken in"]]


def versions(path: Path) -> Path:
    """A short protocol whose cover is a version history table, with an approving forum."""
    document = docx.Document()
    document.add_paragraph("Protocol between the Eastshire boards", style="Title")
    _table(document, [["Approved by", "Eastshire Health and Wellbeing Board"], ["Review date", "20 April 2016"],
                      ["Owner", "Partnership business unit"]])
    _table(document, HISTORY)
    document.add_heading("Purpose", level=1)
    document.add_paragraph("The Eastshire Children Partnership (ECP) will meet four times a year.")
    document.add_paragraph("Note", style="List Number")
    document.save(path)
    return path
