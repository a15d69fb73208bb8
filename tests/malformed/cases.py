"""The malformed-input corpus: each case is one small change to the project in ``base/``.

Each row says what the first message must be: our rule ID (None where the message is Sphinx's or
the command's own), a fragment of its words, the file and line it names, and the exit status of
both `protocols check` and `sphinx-build -W` (0: builds, 1: errors, 2: cannot be read at all).
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus import PAGE, Edit, append, delete, raw, replace, symlink, write

BASE_PAGE = (__import__("corpus").BASE / PAGE).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple[Edit, ...]
    rule: str | None
    text: str
    file: str = PAGE
    line: int | None = None
    status: int = 1
    slow: bool = False  # run only with PROTOCOLS_SLOW=1 (make corpus-slow): sphinx-needs' own time


def case(
    name: str,
    *edits: Edit,
    rule: str | None,
    text: str,
    file: str = PAGE,
    line: int | None = None,
    status: int = 1,
    slow: bool = False,
) -> Case:
    return Case(name, edits, rule, text, file, line, status, slow)


def _items(count: int) -> str:
    return "".join(
        f":::{{duty}} Duty number {n}\n:id: DUTY_N{n}\n:owner: BODY_A\n:modality: must\n:::\n\n"
        for n in range(count)
    )


def _signatures(body: str) -> Edit:
    return write("proto/signatures.yaml", body)


def _sealed(body: str) -> str:
    """One record as `protocols sign` writes it: with its seal, so only the case's fault shows."""
    import yaml

    from sphinx_protocols.core.ledger import seal

    return body + f"  seal: {seal('', yaml.safe_load(body)[0])}\n"


SIGNATURE = """- record: signature
  protocol: PROT_T
  signatory: SIGN_A
  name: Ann Example
  capacity: Independent Chair
  date: {date}
  fingerprint: {fp}
  clauses:
    DUTY_A: 0123456789abcdef.0123456789abcdef
"""
FP = "a" * 64
LATIN = BASE_PAGE.replace("Publish an annual report", "Publish the café's annual report")

CASES: list[Case] = [
    # -- directives and options ---------------------------------------------------------------
    case(
        "unknown directive",
        replace(":::{duty} Publish", ":::{dutty} Publish"),
        rule="P18",
        text="':::{dutty}' is not an item type",
        line=30,
    ),
    case(
        "misspelt view",
        append("\n```{reporting-matrx}\n```\n"),
        rule="P18",
        text="reporting-matrx",
        line=75,
    ),
    case(
        "unknown option",
        replace(":modality: must", ":modality: must\n:ownr: BODY_A"),
        rule="P14",
        text="Did you mean ':owner:'?",
        line=34,
    ),
    case(
        "unknown option colour",
        replace(":kind: board\n:accountable_to", ":kind: board\n:colour: red\n:accountable_to"),
        rule="P14",
        text="':colour:' is not an option",
        line=16,
    ),
    case(
        "option given twice",
        replace(":owner: BODY_A", ":owner: BODY_A\n:owner: BODY_B"),
        rule="P19",
        text="':owner:' is given twice",
        line=33,
    ),
    case(
        "id given twice",
        replace(":id: DUTY_A", ":id: DUTY_A\n:id: DUTY_B"),
        rule="P19",
        text="':id:' is given twice",
        line=32,
    ),
    case(
        "status given twice",
        replace(":status: draft", ":status: draft\n:status: agreed"),
        rule="P19",
        text="':status:' is given twice",
        line=6,
    ),
    case(
        "option without its closing colon",
        replace(":owner: BODY_A", ":owner BODY_A"),
        rule="P20",
        text="':owner' is not written as an option",
        line=32,
    ),
    case(
        "id without its closing colon",
        replace(":id: DUTY_A", ":id DUTY_A"),
        rule="P20",
        text="':id' is not written as an option",
        line=31,
    ),
    case(
        "tab after the option name",
        replace(":id: DUTY_A", ":id:\tDUTY_A"),
        rule=None,
        text="",
        file="",
        status=0,
    ),
    case(
        "tab before an option",
        replace(":owner: BODY_A", "\t:owner: BODY_A"),
        rule="P20",
        text="tab",
        line=32,
    ),
    case(
        "blank line before the options",
        replace(":::{duty} Publish an annual report\n", ":::{duty} Publish an annual report\n\n"),
        rule="P20",
        text="blank line",
        line=31,
    ),
    case(
        "field on the wrong item type",
        replace(":produced_by: BODY_A", ":produced_by: BODY_A\n:modality: must"),
        rule="P10",
        text="a report has no field 'modality'",
        line=39,
    ),
    case(
        "unknown option of a view",
        append("\n```{duty-register}\n:protocl: PROT_T\n```\n"),
        rule="P20",
        text="':protocl:' is not an option of the duty-register view",
        line=76,
    ),
    case(
        "value outside the vocabulary",
        replace(":action: Inform", ":action: inform"),
        rule="P10",
        text="Did you mean 'Inform'?",
        line=45,
    ),
    case(
        "kind outside the vocabulary",
        replace(":kind: board\n:::", ":kind: boat\n:::"),
        rule="P10",
        text="the kind 'boat' is not in the vocabulary",
        line=22,
    ),
    # -- IDs ------------------------------------------------------------------------------------
    case(
        "missing id", replace(":id: DUTY_A\n", ""), rule="P13", text="This item has no ID", line=30
    ),
    case(
        "empty id",
        replace(":id: DUTY_A", ":id:"),
        rule="P13",
        text="This item's ':id:' is empty",
        line=30,
    ),
    case(
        "duplicate id",
        replace(":id: REP_A", ":id: DUTY_A"),
        rule="P04",
        text="Two items have the ID 'DUTY_A'",
        line=36,
    ),
    case(
        "duplicate id on another page",
        write("proto/more.md", "# More\n\n:::{duty} Again\n:id: DUTY_A\n:owner: BODY_A\n:::\n"),
        replace("proto/index\n", "proto/index\nproto/more\n", "index.md"),
        rule="P04",
        text="Two items have the ID 'DUTY_A'",
        file="proto/more.md",
        line=3,
    ),
    case(
        "wrong prefix",
        replace(":id: DUTY_A", ":id: DUTIES_A"),
        rule="P11",
        text="must start with 'DUTY_'",
        line=30,
    ),
    case(
        "lower-case id",
        replace(":id: DUTY_A", ":id: duty_a"),
        rule="P13",
        text="The ID 'duty_a' is not valid",
        line=30,
    ),
    case(
        "non-ascii id",
        replace(":id: DUTY_A", ":id: DUTY_É"),
        rule="P13",
        text="The ID 'DUTY_É' is not valid",
        line=30,
    ),
    case(
        "spaced id",
        replace(":id: DUTY_A", ":id: DUTY A"),
        rule="P13",
        text="The ID 'DUTY A' is not valid",
        line=30,
    ),
    case(
        "hyphenated id",
        replace(":id: DUTY_A", ":id: DUTY-A"),
        rule="P13",
        text="The ID 'DUTY-A' is not valid",
        line=30,
    ),
    # -- links ----------------------------------------------------------------------------------
    case(
        "link to a missing item",
        replace(":owner: BODY_A", ":owner: BODY_C"),
        rule="P01",
        text="':owner:' names 'BODY_C', which is not an item",
        line=32,
    ),
    case(
        "link to the wrong type",
        replace(":owner: BODY_A", ":owner: REP_A"),
        rule="P02",
        text="REP_A",
        line=32,
    ),
    case(
        "link on the wrong item type",
        replace(":produced_by: BODY_A", ":produced_by: BODY_A\n:owner: BODY_A"),
        rule="P03",
        text="owner",
        line=39,
    ),
    case(
        "missing item named in text",
        replace(":modality: must\n:::", ":modality: must\n\nSee {need}`DUTY_NOPE`.\n:::"),
        rule="P01",
        text="'DUTY_NOPE', which is not an item",
        line=35,
    ),
    case(
        "view naming a missing item",
        append("\n```{body-profile} BODY_NOPE\n```\n"),
        rule="P01",
        text="BODY_NOPE",
        line=75,
    ),
    case(
        "matrix of a missing protocol",
        append("\n```{reporting-matrix}\n:protocol: PROT_NOPE\n```\n"),
        rule="P01",
        text="PROT_NOPE",
        line=75,
    ),
    case(
        "self report",
        replace(":recipient: BODY_B", ":recipient: BODY_A"),
        rule="P08",
        text="BODY_A",
        line=44,
    ),
    case(
        "sender not the producer",
        replace(":recipient: BODY_B", ":recipient: BODY_B\n:sender: ROLE_CHAIR"),
        rule="P12",
        text="sender",
        line=45,
    ),
    case(
        "accountability cycle",
        replace(":kind: board\n:::", ":kind: board\n:accountable_to: BODY_A\n:::"),
        rule="P09",
        text="Accountability goes round in a circle",
        line=16,
    ),
    case(
        "accountable to itself",
        replace(":accountable_to: BODY_B", ":accountable_to: BODY_A"),
        rule="P09",
        text="BODY_A -> BODY_A",
        line=16,
    ),
    case(
        "escalates to itself",
        replace(":handled_by: ROLE_CHAIR", ":handled_by: ROLE_CHAIR\n:escalates_to: STEP_2"),
        rule="P21",
        text="escalates to itself",
        line=60,
    ),
    case(
        "escalation loop",
        replace(":handled_by: ROLE_CHAIR", ":handled_by: ROLE_CHAIR\n:escalates_to: STEP_1"),
        rule="P21",
        text="STEP_1 -> STEP_2 -> STEP_1",
        line=53,
    ),
    case(
        "duty without owner",
        replace(":owner: BODY_A\n", ""),
        rule="P05",
        text="Duty DUTY_A has no owner",
        line=30,
    ),
    case(
        "reporting line without recipient",
        replace(":recipient: BODY_B\n", ""),
        rule="P06",
        text="recipient",
        line=41,
    ),
    case(
        "signatory without office",
        replace(":office: ROLE_CHAIR\n", ""),
        rule="P07",
        text="has no office",
        line=62,
    ),
    case(
        "meeting without body",
        replace(":rules_for: BODY_A\n", ""),
        rule="P15",
        text="rules_for",
        line=68,
    ),
    # -- titles ---------------------------------------------------------------------------------
    case(
        "empty title",
        replace(":::{duty} Publish an annual report", ":::{duty}"),
        rule="P22",
        text="has no title",
        line=30,
    ),
    case(
        "blank title",
        replace(":::{duty} Publish an annual report", ":::{duty}   "),
        rule="P22",
        text="has no title",
        line=30,
    ),
    case(
        "empty protocol title",
        replace(":::{protocol} A small protocol", ":::{protocol}"),
        rule="P22",
        text="has no title",
        line=3,
    ),
    # -- dates ----------------------------------------------------------------------------------
    case(
        "date day first",
        replace("2030-01-01", "31/02/2024"),
        rule="P10",
        text="'31/02/2024' is not a date",
        line=8,
    ),
    case(
        "date month 13",
        replace("2030-01-01", "2024-13-01"),
        rule="P10",
        text="'2024-13-01' is not a date",
        line=8,
    ),
    case(
        "date 30 february",
        replace("2030-01-01", "2024-02-30"),
        rule="P10",
        text="'2024-02-30' is not a date",
        line=8,
    ),
    case(
        "date in words",
        replace("2030-01-01", "next year"),
        rule="P10",
        text="'next year' is not a date",
        line=8,
    ),
    case(
        "date without zeros",
        replace("2030-01-01", "2030-1-1"),
        rule="P10",
        text="'2030-1-1' is not a date",
        line=8,
    ),
    case(
        "last reviewed 31 april",
        replace(":version: V1", ":version: V1\n:last_reviewed: 2024-04-31"),
        rule="P10",
        text="'2024-04-31' is not a date",
        line=7,
    ),
    # -- fences ---------------------------------------------------------------------------------
    case(
        "unclosed clause",
        replace(":modality: must\n:::\n", ":modality: must\n"),
        rule="P17",
        text="the clause DUTY_A is not closed",
        line=35,
    ),
    case(
        "over-closed clause",
        replace(":modality: must\n:::\n", ":modality: must\n:::\n:::\n"),
        rule="P23",
        text="closes no clause",
        line=35,
    ),
    case(
        "unclosed view fence",
        append("\n```{duty-register}\n"),
        rule="P23",
        text="never closed",
        line=75,
    ),
    case(
        "last clause unclosed",
        Edit(data=BASE_PAGE.rstrip().removesuffix(":::").encode()),
        rule="P23",
        text="never closed",
        line=68,
    ),
    case(
        "200 nested fences",
        append("\n" + "".join(f"{':' * (203 - n)}{{note}}\n" for n in range(200)) + "text\n"),
        rule="P23",
        text="nested",
        line=95,
    ),
    case(
        "fence of four colons closed by three",
        replace(":::{duty} Publish", "::::{duty} Publish"),
        rule="P17",
        text="not closed",
        line=36,
    ),
    # -- characters and encodings ---------------------------------------------------------------
    case(
        "windows line endings",
        Edit(data=BASE_PAGE.replace("\n", "\r\n").encode()),
        rule=None,
        text="",
        file="",
        status=0,
    ),
    case(
        "byte order mark",
        Edit(data=b"\xef\xbb\xbf" + BASE_PAGE.encode()),
        rule=None,
        text="",
        file="",
        status=0,
    ),
    case(
        "tab in text",
        replace(":modality: must\n:::", ":modality: must\n\n\tIndented.\n:::"),
        rule=None,
        text="",
        file="",
        status=0,
    ),
    case("latin-1 page", Edit(data=LATIN.encode("latin-1")), rule="P24", text="not UTF-8", line=30),
    case(
        "windows-1252 page",
        Edit(data=LATIN.replace("café's", "café’s").encode("cp1252")),
        rule="P24",
        text="Windows-1252",
        line=30,
    ),
    case("utf-16 page", Edit(data=BASE_PAGE.encode("utf-16")), rule="P24", text="UTF-16", line=1),
    case(
        "nul byte",
        replace("Publish an annual report", "Publish an\x00 annual report"),
        rule="P24",
        text="NUL",
        line=30,
    ),
    case(
        "100 kB field",
        replace(":timing: October", ":timing: " + "October " * 12800),
        rule=None,
        text="",
        file="",
        status=0,
    ),
    case(
        "1 MB field",
        replace(":timing: October", ":timing: " + "October " * 131072),
        rule=None,
        text="",
        line=None,
        status=0,
        slow=True,
    ),
    case(
        "1 MB text",
        replace(":modality: must\n:::", ":modality: must\n\n" + "word " * 210000 + "\n:::"),
        rule=None,
        text="",
        file="",
        status=0,
    ),
    case("200 items", append("\n" + _items(200)), rule=None, text="", file="", status=0),
    case("10,000 items", append("\n" + _items(10000)), rule=None, text="", status=0, slow=True),
    # -- front matter ---------------------------------------------------------------------------
    case(
        "front matter not YAML",
        Edit(data=b"---\ntitle: [unclosed\n---\n" + BASE_PAGE.encode()),
        rule="P25",
        text="front matter",
        line=2,
    ),
    case(
        "front matter a list",
        Edit(data=b"---\n- a\n- b\n---\n" + BASE_PAGE.encode()),
        rule="P25",
        text="front matter",
        line=1,
    ),
    case(
        "front matter unclosed",
        Edit(data=b"---\ntitle: x\n" + BASE_PAGE.encode()),
        rule="P25",
        text="",
        line=1,
    ),
    # -- signatures.yaml ------------------------------------------------------------------------
    case(
        "signatures not YAML",
        _signatures("- record: signature\n  protocol: [PROT_T\n"),
        rule="S01",
        text="cannot be read",
        file="proto/signatures.yaml",
        line=3,
    ),
    case(
        "signatures not a list",
        _signatures("record: signature\n"),
        rule="S01",
        text="must be a list",
        file="proto/signatures.yaml",
        line=1,
    ),
    case(
        "signature clauses wrong type",
        _signatures(
            SIGNATURE.format(date="2025-01-01", fp=FP).replace(
                "clauses:\n    DUTY_A: 0123456789abcdef.0123456789abcdef", "clauses: all"
            )
        ),
        rule="S01",
        text="damaged",
        file="proto/signatures.yaml",
        line=1,
    ),
    case(
        "signature name a list",
        _signatures(
            SIGNATURE.format(date="2025-01-01", fp=FP).replace(
                "name: Ann Example", "name: [Ann, Example]"
            )
        ),
        rule="S01",
        text="name",
        file="proto/signatures.yaml",
        line=1,
    ),
    case(
        "signature of an unknown signatory",
        _signatures(
            _sealed(SIGNATURE.format(date="2025-01-01", fp=FP).replace("SIGN_A", "SIGN_Z"))
        ),
        rule="S02",
        text="SIGN_Z",
        file="proto/signatures.yaml",
        line=1,
    ),
    case(
        "signature on 30 february",
        _signatures(SIGNATURE.format(date="2024-02-30", fp=FP)),
        rule="S01",
        text="2024-02-30",
        file="proto/signatures.yaml",
        line=6,
    ),
    case(
        "signature dated in words",
        _signatures(SIGNATURE.format(date="last week", fp=FP)),
        rule="S01",
        text="last week",
        file="proto/signatures.yaml",
        line=1,
    ),
    case(
        "signature in the future",
        _signatures(_sealed(SIGNATURE.format(date="2099-01-01", fp=FP))),
        rule="S03",
        text="2099-01-01",
        file="proto/signatures.yaml",
        line=1,
    ),
    case(
        "signature file not UTF-8",
        raw(
            "proto/signatures.yaml",
            SIGNATURE.format(date="2025-01-01", fp=FP)
            .replace("Ann Example", "Zoë Example")
            .encode("latin-1"),
        ),
        rule="S01",
        text="not UTF-8",
        file="proto/signatures.yaml",
        line=4,
    ),
    case(
        "signature for another protocol",
        _signatures(
            SIGNATURE.format(date="2025-01-01", fp=FP).replace(
                "protocol: PROT_T", "protocol: PROT_Z"
            )
        ),
        rule="S01",
        text="PROT_Z",
        file="proto/signatures.yaml",
        line=1,
    ),
    case(
        "signature unknown key",
        _signatures(SIGNATURE.format(date="2025-01-01", fp=FP) + "  colour: blue\n"),
        rule="S01",
        text="colour",
        file="proto/signatures.yaml",
        line=1,
    ),
    case(
        "signature a number",
        _signatures("- 42\n"),
        rule="S01",
        text="each record",
        file="proto/signatures.yaml",
        line=1,
    ),
    case("empty signatures file", _signatures(""), rule=None, text="", file="", status=0),
    # -- lexicon.yaml ---------------------------------------------------------------------------
    case(
        "lexicon a number",
        write("lexicon.yaml", "42\n"),
        rule="P26",
        text="list of entries",
        file="lexicon.yaml",
        line=1,
    ),
    case(
        "lexicon match a number",
        write(
            "lexicon.yaml",
            "- term: Old Board\n  match: 42\n  ended: 2019\n  successor: New Board\n",
        ),
        rule="P26",
        text="match",
        file="lexicon.yaml",
        line=2,
    ),
    case(
        "lexicon not UTF-8",
        raw(
            "lexicon.yaml",
            "- term: Café Board\n  ended: 2019\n  successor: New\n".encode("latin-1"),
        ),
        rule="P26",
        text="not UTF-8",
        file="lexicon.yaml",
        line=1,
    ),
    case(
        "lexicon not YAML",
        write("lexicon.yaml", "- term: [Old\n"),
        rule="P26",
        text="cannot be read",
        file="lexicon.yaml",
        line=2,
    ),
    case(
        "lexicon bad date",
        write("lexicon.yaml", "- term: Old Board\n  ended: 2019-02-30\n  successor: New Board\n"),
        rule="P26",
        text="2019-02-30",
        file="lexicon.yaml",
        line=2,
    ),
    case(
        "lexicon bad pattern",
        write(
            "lexicon.yaml",
            "- term: Old Board\n  patterns: ['[A-']\n  ended: 2019\n  successor: New Board\n",
        ),
        rule="P26",
        text="not a regular expression",
        file="lexicon.yaml",
        line=2,
    ),
    case(
        "lexicon entry without successor",
        write("lexicon.yaml", "- term: Old Board\n  ended: 2019\n"),
        rule="P26",
        text="successor",
        file="lexicon.yaml",
        line=1,
    ),
    case(
        "lexicon file named but missing",
        append("protocols_lexicon = 'terms.yaml'\n", "conf.py"),
        rule="P27",
        text="terms.yaml",
        file="conf.py",
        line=3,
    ),
    case(
        "accessibility results not JSON",
        append("\n```{accessibility-statement}\n```\n"),
        write("accessibility-results.json", "{not json"),
        rule="P26",
        text="accessibility-results.json is not a results file written by 'make a11y'",
        file="accessibility-results.json",
        line=1,
    ),
    case(
        "accessibility results a list",
        append("\n```{accessibility-statement}\n```\n"),
        write("accessibility-results.json", "[1, 2]"),
        rule="P26",
        text="is not a results file",
        file="accessibility-results.json",
        line=1,
    ),
    # -- conf.py --------------------------------------------------------------------------------
    case(
        "conf.py syntax error",
        append("protocols_strict = (\n", "conf.py"),
        rule="P27",
        text="conf.py",
        file="conf.py",
        line=3,
        status=2,
    ),
    case(
        "conf.py raises",
        append("protocols_strict = undefined_name\n", "conf.py"),
        rule="P27",
        text="conf.py",
        file="conf.py",
        line=3,
        status=2,
    ),
    case(
        "setting of the wrong type",
        append("protocols_strict = 'yes'\n", "conf.py"),
        rule="P27",
        text="protocols_strict should be",
        file="conf.py",
        line=3,
    ),
    case(
        "colour a number",
        append("protocols_brand_colour = 5\n", "conf.py"),
        rule="P27",
        text="protocols_brand_colour",
        file="conf.py",
        line=3,
    ),
    case(
        "unknown setting",
        append("protocols_strikt = True\n", "conf.py"),
        rule="P27",
        text="Did you mean 'protocols_strict'?",
        file="conf.py",
        line=3,
    ),
    case(
        "setting set to None",
        append("protocols_partnership = None\n", "conf.py"),
        rule="P27",
        text="protocols_partnership",
        file="conf.py",
        line=3,
    ),
    case("no conf.py", delete("conf.py"), rule="P27", text="no conf.py", file=".", status=2),
    # -- pages and folders ----------------------------------------------------------------------
    case(
        "empty page",
        write("proto/empty.md", ""),
        replace("proto/index\n", "proto/index\nproto/empty\n", "index.md"),
        rule="P28",
        text="empty",
        file="proto/empty.md",
        line=1,
    ),
    case("empty protocol index", Edit(data=b""), rule="P28", text="empty", line=1),
    case(
        "page in no toctree",
        write("proto/more.md", "# More\n\nText.\n"),
        rule="P28",
        text="in no list of pages (toctree)",
        file="proto/more.md",
        line=1,
    ),
    case(
        "folder with no index",
        write(
            "other/duties.md", "# Duties\n\n:::{duty} Stray\n:id: DUTY_STRAY\n:owner: BODY_A\n:::\n"
        ),
        rule="P28",
        text="in no list of pages (toctree)",
        file="other/duties.md",
        line=1,
    ),
    case(
        "toctree names a missing page",
        replace("proto/index\n", "proto/index\nproto/nope\n", "index.md"),
        rule="P28",
        text="there is no page proto/nope.md",
        file="index.md",
        line=3,
    ),
    case(
        "link to a missing page",
        append("\nSee [the duties](duties.md).\n"),
        rule="P28",
        text="The link to 'duties.md' names a page or a label that is not in this site",
        line=75,
    ),
    case(
        "page without a title",
        write("proto/more.md", "Text, but no heading.\n"),
        replace("proto/index\n", "proto/index\nproto/more\n", "index.md"),
        rule="P28",
        text="The page 'proto/more' has no title",
        file="index.md",
        line=3,
    ),
    case(
        "label line before an item",
        replace(":::{duty} Publish", "(my-target)=\n:::{duty} Publish"),
        rule=None,
        text="",
        file="",
        status=0,
    ),
    case(
        "label line before the first item",
        replace(":::{protocol}", "(top)=\n:::{protocol}"),
        rule=None,
        text="",
        file="",
        status=0,
    ),
    # -- meeting rules --------------------------------------------------------------------------
    case(
        "huge number of meetings",
        replace(":meetings_per_year: 4", ":meetings_per_year: " + "9" * 5000),
        rule="P10",
        text="too large",
        line=71,
    ),
    case(
        "huge attendance",
        replace(
            ":quorum: ROLE_CHAIR",
            ":quorum: ROLE_CHAIR\n:attendance_minimum: " + "9" * 400 + " meetings",
        ),
        rule="P10",
        text="",
        line=73,
    ),
    case(
        "huge notice",
        replace(
            ":quorum: ROLE_CHAIR",
            ":quorum: ROLE_CHAIR\n:notice: "
            + "9" * 400
            + " working days\n:report_deadline: 2 weeks",
        ),
        rule="P10",
        text="too large",
        line=73,
    ),
    case(
        "meetings in words",
        replace(":meetings_per_year: 4", ":meetings_per_year: four"),
        rule="P10",
        text="'four' is not a number",
        line=71,
    ),
    case(
        "notice without unit",
        replace(":quorum: ROLE_CHAIR", ":quorum: ROLE_CHAIR\n:notice: soon"),
        rule="P10",
        text="'soon' is not a length of time",
        line=73,
    ),
    # -- files outside the project, and the network (P41) ---------------------------------------
    *[
        case(
            f"{name} outside the project",
            write("../outside.txt", "Text from elsewhere.\n"),
            write("../pic.png", "not a picture"),
            append(f"\n{text}\n"),
            rule="P41",
            text=message,
            line=75,
        )
        for name, text, message in [
            ("include", "```{include} ../../outside.txt\n```",
             "'{include}' names the file ../../outside.txt, which is outside the project"),
            ("literalinclude", "```{literalinclude} ../../outside.txt\n```",
             "'{literalinclude}' names the file ../../outside.txt"),
            ("raw file", "```{raw} html\n:file: ../../outside.txt\n```",
             "'{raw}' with :file: names the file ../../outside.txt"),
            ("csv-table file", "```{csv-table} Table\n:file: ../../outside.txt\n```",
             "'{csv-table}' with :file: names the file ../../outside.txt"),
            ("graph file", "```{graphviz} ../../outside.txt\n```",
             "'{graphviz}' names the file ../../outside.txt"),
            ("imported items file", "```{needimport} ../../outside.txt\n```",
             "'{needimport}' names the file ../../outside.txt"),
            ("data file", "```{data-viewer}\n:file: ../../outside.txt\n```",
             "'{data-viewer}' with :file: names the file ../../outside.txt"),
            ("picture", "![A picture](../../pic.png)",
             "The picture ../../pic.png is outside the project folder"),
            ("download link", "{download}`the notes <../../outside.txt>`",
             "The link to ../../outside.txt names a file outside the project folder"),
            ("link to a file", "[the notes](../../outside.txt)",
             "The link to ../../outside.txt names a file outside the project folder"),
        ]
    ],
    *[
        case(
            f"{name} from the internet",
            append(f"\n{text}\n"),
            rule="P41",
            text=message,
            line=75,
        )
        for name, text, message in [
            ("raw url", "```{raw} html\n:url: https://example.org/page.html\n```",
             "'{raw}' with :url: names a web address (https://example.org/page.html), which is "
             "not fetched"),
            ("csv-table url", "```{csv-table} Table\n:url: http://example.org/t.csv\n```",
             "'{csv-table}' with :url: names a web address"),
            ("imported items url", "```{needimport} https://example.org/needs.json\n```",
             "'{needimport}' names a web address"),
            ("imported items file url", "```{needimport} file:///etc/hostname\n```",
             "'{needimport}' names a web address"),
            ("items service", "```{needservice} github-issues\n```",
             "'{needservice}' fetches items from a service on the internet"),
        ]
    ],
    case(
        "include through a link out of the project",
        write("../outside.txt", "Text from elsewhere.\n"),
        symlink("notes.txt", "../outside.txt"),
        append("\n```{include} ../notes.txt\n```\n"),
        rule="P41",
        text="'{include}' names the file ../notes.txt, which is outside the project",
        line=75,
    ),
    case(
        "page that is a link out of the project",
        write("../elsewhere.md", "# Elsewhere\n\nText.\n"),
        symlink("proto/more.md", "../elsewhere.md"),
        replace("proto/index\n", "proto/index\nproto/more\n", "index.md"),
        rule="P41",
        text="This page is a link to a file outside the project folder",
        file="proto/more.md",
        line=1,
    ),
    case(
        "include, picture and literalinclude inside the project",
        write("proto/shared.txt", "Text kept beside the page.\n"),
        write("proto/pic.png", "not a picture"),
        append("\n```{include} shared.txt\n```\n\n```{literalinclude} /proto/shared.txt\n```\n"
               "\n![A picture](pic.png)\n\n```{include} <isonum.txt>\n```\n"),
        rule=None,
        text="",
        file="",
        status=0,
    ),
    *[
        case(
            f"an item that asks for {key}",
            replace(":modality: must\n", f":modality: must\n:{key}: {value}\n\n{{{{ 7 * 7 }}}}\n"),
            rule="P42",
            text=f"':{key}:' asks the build to run {what} as a template",
            line=34,
        )
        for key, value, what in [
            ("jinja_content", "true", "this clause's text"),
            ("template", "../../../etc/passwd", "the template '../../../etc/passwd'"),
            ("pre_template", "header", "the template 'header'"),
            ("post_template", "footer", "the template 'footer'"),
        ]
    ],
]
