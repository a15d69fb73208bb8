"""A synthetic partnership of any size, written three ways for side-by-side build timings.

Each protocol holds 100 items in the mix of the bundled protocols (duties the most, then reporting
lines, bodies, organisations, roles, reports ...), with owners, legal bases, reporting lines,
themes, escalation steps and signatories linked as a real protocol links them. The same pages are
written in three forms with the same text:

- ``ours``: our extension, with its views (matrix, duty register, signature page, diagram);
- ``needs``: bare sphinx-needs with the same item types, fields and links declared, no views;
- ``myst``: plain MyST with the same titles and text as paragraphs, no items at all (the floor).
"""

from __future__ import annotations

import random
from pathlib import Path

#: Items per protocol by type: 100 in all.
MIX = {
    "protocol": 1,
    "body": 8,
    "organisation": 8,
    "role": 6,
    "duty": 41,
    "report": 6,
    "reporting_line": 12,
    "theme": 3,
    "escalation": 3,
    "signatory": 3,
    "term": 5,
    "meeting": 1,
    "statute": 3,
}
FORMS = ("ours", "needs", "myst")
SENTENCE = (
    "the board will share its findings with every partner and agree how the work is checked "
    "each year so that children and adults at risk are kept safe and their views are heard "
    "before any change to the arrangements is made by the safeguarding partners"
)
WORDS = SENTENCE.split()

CONF = {
    "ours": """project = "Synthetic partnership"
extensions = ["sphinx_protocols"]
html_theme = "furo"
exclude_patterns = ["_build"]
protocols_partnership = "Synthetic partnership"
""",
    "needs": """from sphinx_protocols.core.vocabulary import to_needs_config

project = "Synthetic partnership"
extensions = ["myst_parser", "sphinx_needs"]
html_theme = "furo"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
globals().update(to_needs_config())
needs_id_regex = r"^[A-Z][A-Z0-9_]*$"
needs_title_optional = True
needs_build_json = True
""",
    "myst": """project = "Synthetic partnership"
extensions = ["myst_parser"]
html_theme = "furo"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
""",
}


def _text(rng: random.Random, words: int = 28) -> str:
    start = rng.randrange(len(WORDS))
    chosen = [WORDS[(start + i) % len(WORDS)] for i in range(words)]
    return " ".join(chosen).capitalize() + "."


class Protocol:
    """The items of one synthetic protocol, as (type, id, title, options, text) rows by page."""

    def __init__(self, n: int, rng: random.Random) -> None:
        self.n, self.code = n, f"P{n:03d}"
        c = self.code
        ids = {t: [f"{self.prefix(t)}{c}_{i}" for i in range(k)] for t, k in MIX.items()}
        self.ids = ids
        actors = ids["body"] + ids["role"] + ids["organisation"]
        b = ids["body"]
        pages: dict[str, list[tuple[str, str, str, dict[str, str], str]]] = {
            "index": [],
            "duties": [],
            "reporting": [],
            "people": [],
        }
        pages["index"].append(
            (
                "protocol",
                ids["protocol"][0],
                f"Synthetic protocol {n}",
                {
                    "version": "V1.0",
                    "next_review": "2030-01-01",
                    "approved_by": "Joint chairs",
                    "parties": ", ".join(b[:4]),
                },
                _text(rng),
            )
        )
        for i, body in enumerate(b):
            opts = {"kind": "board", "abbreviation": f"B{c}{i}"}
            if i:
                opts["accountable_to"] = b[(i - 1) // 2]
            pages["index"].append(("body", body, f"Board {i} of protocol {n}", opts, _text(rng)))
        for i, org in enumerate(ids["organisation"]):
            pages["people"].append(
                (
                    "organisation",
                    org,
                    f"Agency {i} of protocol {n}",
                    {"sector": "health", "member_of": b[i % len(b)]},
                    _text(rng, 12),
                )
            )
        for i, role in enumerate(ids["role"]):
            pages["people"].append(
                (
                    "role",
                    role,
                    f"Chair {i} of protocol {n}",
                    {"chairs": b[i % len(b)], "office_in": b[i % len(b)]},
                    _text(rng, 12),
                )
            )
        for i, law in enumerate(ids["statute"]):
            pages["index"].append(
                (
                    "statute",
                    law,
                    f"Act {i} of protocol {n}",
                    {"kind": "act", "year": str(2000 + i), "provision": f"section {i + 1}"},
                    _text(rng, 10),
                )
            )
        for i, duty in enumerate(ids["duty"]):
            pages["duties"].append(
                (
                    "duty",
                    duty,
                    f"Duty {i} of protocol {n}",
                    {
                        "owner": actors[i % len(actors)],
                        "modality": "must",
                        "basis": ids["statute"][i % 3],
                        "clause": f"{i // 10 + 1}.{i % 10 + 1}",
                    },
                    _text(rng),
                )
            )
        for i, rep in enumerate(ids["report"]):
            pages["reporting"].append(
                (
                    "report",
                    rep,
                    f"Annual report {i} of protocol {n}",
                    {"produced_by": b[i % len(b)], "cadence": "annually"},
                    _text(rng, 14),
                )
            )
        for i, line in enumerate(ids["reporting_line"]):
            rep = i % len(ids["report"])
            to = b[(rep + 1 + i // len(ids["report"])) % len(b)]
            pages["reporting"].append(
                (
                    "reporting_line",
                    line,
                    "",
                    {
                        "report": ids["report"][rep],
                        "recipient": to,
                        "action": "Inform",
                        "timing": "October",
                    },
                    _text(rng, 8),
                )
            )
        for i, theme in enumerate(ids["theme"]):
            pages["reporting"].append(
                (
                    "theme",
                    theme,
                    f"Shared theme {i} of protocol {n}",
                    {"lead": b[i], "contributors": ", ".join(b[i + 1 : i + 3])},
                    _text(rng),
                )
            )
        for i, step in enumerate(ids["escalation"]):
            opts = {"step": str(i + 1), "handled_by": b[i]}
            if i + 1 < len(ids["escalation"]):
                opts["escalates_to"] = ids["escalation"][i + 1]
            pages["people"].append(
                ("escalation", step, f"Escalation step {i + 1}", opts, _text(rng, 14))
            )
        for i, sign in enumerate(ids["signatory"]):
            pages["people"].append(
                ("signatory", sign, f"Signatory {i}", {"office": ids["role"][i]}, "")
            )
        for i, term in enumerate(ids["term"]):
            pages["people"].append(
                (
                    "term",
                    term,
                    f"T{c}{i}",
                    {"abbreviation": f"T{c}{i}", "expansion": f"Term {i} of protocol {n}"},
                    "",
                )
            )
        pages["people"].append(
            (
                "meeting",
                ids["meeting"][0],
                "Meeting rules",
                {"rules_for": b[0], "meetings_per_year": "4"},
                _text(rng, 10),
            )
        )
        self.pages = pages

    @staticmethod
    def prefix(item_type: str) -> str:
        from sphinx_protocols.core.vocabulary import ITEM_TYPES

        return ITEM_TYPES[item_type].prefix

    def folder(self) -> str:
        return f"protocol-{self.n:03d}"


def _item(form: str, row: tuple[str, str, str, dict[str, str], str]) -> str:
    item_type, item_id, title, options, text = row
    if form == "myst":
        return f"**{title or item_id}**\n\n{text}\n"
    lines = [f":::{{{item_type}}} {title}".rstrip(), f":id: {item_id}"]
    lines += [f":{key}: {value}" for key, value in options.items()]
    return "\n".join(lines) + ("\n\n" + text if text else "") + "\n:::\n"


VIEWS = {
    "reporting": "```{reporting-matrix}\n```\n",
    "duties": "```{duty-register}\n```\n",
    "people": "```{signature-page}\n```\n",
    "index": "```{accountability-diagram}\n```\n",
}


def write(target: Path, items: int, form: str, seed: int = 1) -> list[Protocol]:
    """Write a project of about ``items`` items (100 per protocol) in one of the three forms."""
    rng = random.Random(seed)
    protocols = [Protocol(n, rng) for n in range(1, max(1, items // 100) + 1)]
    target.mkdir(parents=True, exist_ok=True)
    (target / "conf.py").write_text(CONF[form], encoding="utf-8")
    toc = [f"{p.folder()}/index" for p in protocols]
    (target / "index.md").write_text(
        "# Synthetic partnership\n\n```{toctree}\n" + "\n".join(toc) + "\n```\n", encoding="utf-8"
    )
    for p in protocols:
        folder = target / p.folder()
        folder.mkdir(exist_ok=True)
        for page, rows in p.pages.items():
            heading = f"Synthetic protocol {p.n}" if page == "index" else page.capitalize()
            body = [f"# {heading}\n", *(_item(form, row) for row in rows)]
            if form == "ours":
                body.append(VIEWS[page])
            if page == "index":
                body.append("```{toctree}\nduties\nreporting\npeople\n```\n")
            (folder / f"{page}.md").write_text("\n".join(body), encoding="utf-8")
    return protocols
