"""Word files the import tests build with python-docx, from the example protocols' facts.

The facts (bodies, duties and owners, the 25 cells of Buckinghamshire's reporting matrix, the
Bournemouth and Poole signature blocks, the cover dates) come from the bundled example protocols;
the sentences are written here in our own words. Each builder returns the facts it wrote, so a
test can check what comes back cell for cell.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

MATRIX = json.loads(
    (Path(__file__).parent / "fixtures" / "bucks_matrix.json").read_text(encoding="utf-8")
)

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
    (
        "BSCB",
        "The BSCB must coordinate what partners do to keep children in the county safe.",
        "BSCB",
        "must",
    ),
    (
        "BSCB",
        "The board must publish a yearly report on how well children are kept safe.",
        "BSCB",
        "must",
    ),
    (
        "BSCB",
        "The BSCB should stand apart from other local structures so that its scrutiny is credible.",
        "BSCB",
        "should",
    ),
    (
        "BSAB",
        "The BSAB must carry out safeguarding adults reviews where the law requires one.",
        "BSAB",
        "must",
    ),
    (
        "BSAB",
        "Each year the BSAB should produce a report and a work plan, consulting Healthwatch.",
        "BSAB",
        "should",
    ),
    (
        "HWB",
        "The HWB must prepare the needs assessment and the joint strategy for the county.",
        "HWB",
        "must",
    ),
    ("HWB", "The HWB may carry out functions that the council delegates to it.", "HWB", "may"),
    (
        "SSBPB",
        "The SSBPB will commission a strategic assessment of crime and disorder every year.",
        "SSBPB",
        "will",
    ),
    (
        "JET",
        "The JET will make sure an assessment of children's needs exists and is kept up to date.",
        "JET",
        "will",
    ),
    (
        "CPP",
        "The CPP should look for better outcomes for looked after children in health and housing.",
        "CPP",
        "should",
    ),
]
#: list items under a lead-in sentence: (lead-in, items, owner, modality)
BUCKS_LIST = (
    "The HWB will:",
    [
        "oversee how partners deliver their commissioning plans;",
        "take assurance that safeguarding is part of commissioning.",
    ],
    "HWB",
    "will",
)
#: text that states no duty, which must come back as it is
BUCKS_PLAIN = [
    "Six boards and partnerships in the county share the work of keeping people safe from abuse.",
    "This draft sets out what each is for and how they connect.",
    "Its terms of reference are published on the board's own website.",
]
COVER = {
    "Version": "V0.5",
    "First drafted": "November 2014",
    "Date of this version": "20 April 2015",
    "Next review": "20 April 2016",
}
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
    document.add_paragraph(
        "Draft protocol on how the Buckinghamshire boards work together", style="Title"
    )
    _table(document, [[k, v] for k, v in COVER.items()])
    document.add_heading("1. Purpose", level=1)
    document.add_paragraph(BUCKS_PLAIN[0])
    parties = ", ".join(f"the {name} ({abbr})" for abbr, name in list(BUCKS_BODIES.items())[:-1])
    document.add_paragraph(
        f"1.1 The parties are {parties} and the Corporate Parenting Panel (CPP)."
    )
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
    _grid(document)
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
    """The end of a Bournemouth and Poole-like protocol: a duty and the signature table or
    blocks."""
    document = docx.Document()
    document.add_paragraph(
        "Governance protocol between Bournemouth and Poole LSCB and the two "
        "Community Safety Partnerships",
        style="Title",
    )
    document.add_heading("1. Reporting", level=1)
    document.add_paragraph(
        "1.1 Each Community Safety Partnership will report to the LSCB every six months "
        "on its work against domestic abuse."
    )
    document.add_heading("Signatories to this agreement", level=1)
    if blocks:
        rows = []
        for office, organisation, name in BP_SIGNATORIES:
            rows += [
                ["Name", name],
                ["Designation", office],
                ["On behalf of", organisation],
                ["Signature", ""],
                ["Date", ""],
            ]
        _table(document, rows)
    else:
        _table(
            document,
            [
                ["Name", "Organisation", "Designation", "Signature", "Date"],
                *[
                    [name, organisation, office, "", ""]
                    for office, organisation, name in BP_SIGNATORIES
                ],
            ],
        )
    document.save(path)
    return path


#: a cover with a version history (facts of the Buckinghamshire versions)
HISTORY = [
    ["Version", "Date", "Changes"],
    ["V0.1", "November 2014", "First draft for the chairs"],
    ["V0.5", "20 April 2015", "Revised for the Health and Wellbeing Board"],
    ["V0.6", "16 July 2015", "Comments of the partnership boards taken in"],
]


def versions(path: Path) -> Path:
    """A short protocol whose cover is a version history table, with an approving forum."""
    document = docx.Document()
    document.add_paragraph("Protocol between the Eastshire boards", style="Title")
    _table(
        document,
        [
            ["Approved by", "Eastshire Health and Wellbeing Board"],
            ["Review date", "20 April 2016"],
            ["Date agreed", ""],
            ["Owner", "Partnership business unit"],
        ],
    )
    _table(document, HISTORY)
    document.add_heading("Purpose", level=1)
    document.add_paragraph("The Eastshire Children Partnership (ECP) will meet four times a year.")
    document.add_paragraph(
        "The Director of Public Health will publish a yearly report on health in the area."
    )
    document.add_paragraph("Note", style="List Number")
    document.save(path)
    return path


# -- a Word file made from the whole Buckinghamshire example, to measure the import --------------
EXAMPLE = Path(__file__).resolve().parent.parent / "protocols" / "buckinghamshire"
_ITEM = re.compile(r"^:::\{(\w+)\} *(.*)\n((?::[a-z_]+:.*\n)*)", re.MULTILINE)


def example_items(folder: Path = EXAMPLE) -> list[dict[str, str]]:
    """The items of an example protocol folder: type, title and options, as written."""
    items = []
    for page in sorted(folder.glob("*.md")):
        for match in _ITEM.finditer(page.read_text(encoding="utf-8")):
            options = dict(re.findall(r"^:([a-z_]+): *(.*)$", match.group(3), re.MULTILINE))
            items.append({"type": match.group(1), "title": match.group(2).strip(), **options})
    return items


def _long_date(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%-d %B %Y")


def bucks_from_example(path: Path) -> dict[str, object]:
    """Every body, duty, matrix cell and date of the Buckinghamshire example, as a Word file would
    state them: duties as 'The BSCB must ...' sentences, as 'It will ...' under the body's heading,
    or as 'to ...' items under 'Its statutory objectives are:', and owned by offices and member
    organisations as well as by the boards. Returns the facts, for scoring what comes back."""
    items = example_items()
    by_id = {i["id"]: i for i in items}
    protocol = next(i for i in items if i["type"] == "protocol")
    parties = [p.strip() for p in protocol["parties"].split(",")]
    bodies = [i for i in items if i["type"] == "body"]
    duties = [i for i in items if i["type"] == "duty"]
    document = docx.Document()
    document.add_paragraph(protocol["title"], style="Title")
    _table(
        document,
        [
            ["Version", protocol["version"]],
            ["First drafted", protocol["created"]],
            ["Date of this version", _long_date(protocol["last_reviewed"])],
            ["Next review", _long_date(protocol["next_review"])],
        ],
    )
    document.add_heading("1. The parties", level=1)
    named = ", ".join(f"the {by_id[p]['title']} ({by_id[p]['abbreviation']})" for p in parties)
    document.add_paragraph(f"1.1 The parties to this protocol are {named}.")
    for other in (b for b in bodies if b["id"] not in parties):
        document.add_paragraph(f"The draft also mentions the {other['title']}.")

    def verb(duty: dict[str, str]) -> str:
        words = duty["title"][0].lower() + duty["title"][1:]
        return (
            f"agrees to {words}" if duty["modality"] == "agree" else f"{duty['modality']} {words}"
        )

    document.add_heading("2. The boards and what they do", level=1)
    for number, party in enumerate(parties, start=1):
        body = by_id[party]
        document.add_heading(f"2.{number} {body['title']} ({body['abbreviation']})", level=2)
        mine = [d for d in duties if d["owner"] == party]
        listed = [d for n, d in enumerate(mine) if n % 3 == 0 and d["modality"] == "must"]
        if listed:
            document.add_paragraph("Its statutory objectives are:")
            for duty in listed:
                document.add_paragraph(f"to {verb(duty).split(' ', 1)[1]};", style="List Bullet")
        for n, duty in enumerate(d for d in mine if d not in listed):
            subject = "It" if n % 2 else f"The {body['abbreviation']}"
            document.add_paragraph(f"{subject} {verb(duty)}.")
    document.add_heading("3. Shared and other responsibilities", level=1)
    for duty in (d for d in duties if d["owner"] not in parties):
        owners = [by_id[o.strip()] for o in duty["owner"].split(",")]
        subject = " and ".join(f"the {o.get('abbreviation') or o['title']}" for o in owners)
        document.add_paragraph(f"{subject[0].upper()}{subject[1:]} {verb(duty)}.")
    document.add_heading("4. Reporting between the boards", level=1)
    _grid(document)
    document.save(path)
    return {"bodies": bodies, "duties": duties, "by_id": by_id, "protocol": protocol}


def _grid(document: docx.document.Document) -> None:
    columns = MATRIX["columns"]
    rows: list[list[str]] = [["", *columns]]
    groups, producer = [], ""
    for report, sender, recipient, action, _timing in MATRIX["cells"]:
        if sender != producer:
            producer = sender
            groups.append(len(rows))
            rows.append([GROUP_NAMES[sender]] + [""] * len(columns))
        if rows[-1][0] != report or len(rows) - 1 in groups:
            rows.append([report] + [""] * len(columns))
        rows[-1][1 + columns.index(recipient)] = CELL_WORDING.get(
            (report, sender, recipient), action
        )
    table = _table(document, rows)
    for index in groups:
        table.cell(index, 0).merge(table.cell(index, len(columns))).text = rows[index][0]


if (
    __name__ == "__main__"
):  # make the guide's example Word file: python tests/docx_fixtures.py FILE.docx
    import sys

    bucks(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("example-protocol.docx"))
