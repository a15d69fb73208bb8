"""From a Word file's paragraphs and tables to a draft protocol: pure, no files, no Sphinx.

It recognises the title and parties, the cover table, numbered headings and clauses, the bodies
and abbreviations the text defines, sentences that state duties, and the reporting and signature
tables (see tables.py). Each guess is listed on its item; everything else is kept as text in the
section it was found in, so nothing of the Word file is lost.
"""

from __future__ import annotations

import datetime as dt
import re

from sphinx_protocols.importer import cover, definitions, tables
from sphinx_protocols.importer.docx import Block, Paragraph, Table
from sphinx_protocols.importer.draft import (
    Draft,
    DraftItem,
    Ids,
    Known,
    Names,
    Section,
    slug_id,
)

#: the word that makes a sentence a duty, and the modality it gives ('agrees' is 'agree')
MODAL = re.compile(r"\b(must|should|will|may|agrees?)\b")
#: a lead-in to a list of duties that has no modal word: 'Its statutory objectives are:'
_DUTY_LIST = re.compile(
    r"\b(responsibilities|objectives|functions|duties|tasks|role is)\b", re.IGNORECASE
)
_MANUAL_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(?=\S)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(‘“\"'])")
_STOP_TITLE = {
    "draft",
    "protocol",
    "governance",
    "outlining",
    "relationship",
    "relationships",
    "between",
    "agreement",
    "memorandum",
    "understanding",
    "joint",
    "working",
    "the",
    "and",
    "of",
    "for",
    "on",
    "a",
    "safeguarding",
    "arrangements",
    "local",
}


#: the heading of the text that comes before the Word file's first heading
OPENING = "Opening text"


def default_code(title: str) -> str:
    """A short code for IDs from the title: its first word that is not a common protocol word."""
    words = [w for w in re.findall(r"[A-Za-z]+", title) if w.lower() not in _STOP_TITLE]
    proper = [w for w in words if w[0].isupper()]
    return ((proper or words or ["IMPORT"])[0].upper())[:10]


def recognise(
    blocks: list[Block], known: list[Known], code: str, taken: set[str], today: dt.date
) -> Draft:
    """The draft protocol a Word file's blocks make."""
    ids = Ids(code, taken)
    names = Names(known)
    title_block = _title_block(blocks)
    title = title_block.text if title_block else "Imported protocol"
    protocol = DraftItem(
        "protocol",
        f"PROT_{code}",
        title,
        {"version": "V0.1"},
        imported=["title", "version"],
        where=title_block.where if title_block else "",
    )
    draft = Draft(title, code, protocol)
    definitions.define_names(blocks, names, ids, draft)
    state = Reader(draft, names, ids)
    for block in blocks:
        if block is title_block:
            continue
        if isinstance(block, Table):
            tables.place(block, state)
        else:
            state.paragraph(block)
    cover.finish_protocol(draft, names, ids, today)
    definitions.terms_for_matched(draft, names, ids)
    draft.bodies = [definitions.body_item(k) for k in names.entries if k.new and k.type == "body"]
    draft.roles[:0] = [
        definitions.body_item(k) for k in names.entries if k.new and k.type == "role"
    ]
    draft.organisations = [
        definitions.body_item(k) for k in names.entries if k.new and k.type == "organisation"
    ]
    return draft


def _title_block(blocks: list[Block]) -> Paragraph | None:
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    for wanted in (lambda p: p.style == "Title", lambda p: p.level == 1, lambda _: True):
        for paragraph in paragraphs:
            if wanted(paragraph):
                return paragraph
    return None


# -- the running text: headings, clauses, duties ---------------------------------------------
class Reader:
    """Walks the paragraphs in order, keeping a current section and a pending list lead-in."""

    def __init__(self, draft: Draft, names: Names, ids: Ids) -> None:
        self.draft = draft
        self.names = names
        self.ids = ids
        self.section = Section(OPENING, level=1)
        draft.sections.append(self.section)
        #: a sentence ending ':' that leads into a list of duties:
        #: (text, end of its subject, modality)
        self.lead_in: tuple[str, int, str] | None = None
        self.clause = ""

    def paragraph(self, p: Paragraph) -> None:
        number = p.number
        text = p.text
        manual = not number and not p.bullet and (m := _MANUAL_NUMBER.match(text))
        if manual:
            number, text = m.group(1), text[m.end() :]
        if p.level or (manual and _looks_like_heading(text)):
            self.section = Section(text, number, max(p.level, number.count(".") + 1))
            self.draft.sections.append(self.section)
            self.lead_in, self.clause = None, number
            return
        if number and not p.bullet:
            self.clause = number
        if p.bullet and self.lead_in is not None:
            lead, at, modality = self.lead_in
            sentence = f"{lead} {text}"
            self.section.entries.append(
                self.duty(sentence, at, f"{p.where} (a list item)", text, modality)
            )
            return
        self.lead_in = None
        self.sentences(text, number, p.where, bullet=p.bullet)

    def sentences(self, text: str, number: str, where: str, bullet: bool = False) -> None:
        kept: list[str] = []
        for sentence in _SENTENCE_END.split(text):
            modal = MODAL.search(sentence)
            if sentence.rstrip().endswith(":") and (modal or _DUTY_LIST.search(sentence)):
                lead = sentence.rstrip().rstrip(":")
                self.lead_in = (
                    (lead, modal.start(), _modality(modal.group(1)))
                    if modal
                    else (
                        lead,
                        len(lead),
                        "must"
                        if re.search(r"statutory|legal|duties", lead, re.IGNORECASE)
                        else "will",
                    )
                )
                kept.append(sentence)
            elif modal and len(sentence.split()) >= 4:
                if kept:
                    self.section.entries.append(_text(kept, number, bullet))
                    kept, number = [], ""
                self.section.entries.append(self.duty(sentence, modal.start(), where))
            else:
                kept.append(sentence)
        if kept:
            self.section.entries.append(_text(kept, number, bullet))

    def duty(
        self, sentence: str, at: int, where: str, item_text: str = "", modality: str = ""
    ) -> DraftItem:
        """A duty candidate: the modal word gives the modality, the subject names the owner."""
        modal = MODAL.search(sentence, at)
        modality = modality or _modality(modal.group(1) if modal else "will")
        action = sentence[modal.end() :] if modal else sentence
        owner = self.owner(sentence[:at], where)
        fields = {"modality": modality}
        if self.clause:
            fields["clause"] = self.clause
        if self.section.number or self.section.heading != OPENING:
            fields["clause_title"] = self.section.heading
        title = _duty_title(item_text or action)
        item = DraftItem(
            "duty",
            self.ids.new("DUTY_", slug_id(title, 3)),
            title,
            fields,
            {"owner": owner},
            text=sentence,
            imported=["duty", "owner"],
            where=where,
        )
        return item

    def owner(self, subject: str, where: str) -> list[str]:
        """Every body or office the subject names ('The BSCB and the BSAB will'), else the
        heading's."""
        definitions.offices(subject, self.names, self.ids, where)
        for text in (subject, self.section.heading):
            if found := self.names.mentions(text):
                return list(dict.fromkeys(entry.id for _, entry in found))
        return ["tbc"]


def _modality(word: str) -> str:
    return "agree" if word.startswith("agree") else word


def _looks_like_heading(text: str) -> bool:
    return len(text.split()) <= 12 and not text.rstrip().endswith((".", ":", ";", ","))


def _text(sentences: list[str], number: str, bullet: bool) -> str:
    body = " ".join(sentences)
    if number:
        body = f"{number} {body}"
    return f"- {body}" if bullet else body


def _duty_title(action: str) -> str:
    """A short title from what the duty asks: 'publish an annual report ...' -> 'Publish an
    annual report'."""
    words = re.sub(r"^\s*(to|also|always|normally)\s+", "", action.strip()).split()
    words = [w.strip(",;:") for w in words[:10]]
    title = " ".join(w for w in words if w).rstrip(".")
    if len(action.split()) > 10:
        title = title.rstrip(",;: ") + " ..."
    return (title[:1].upper() + title[1:]) or "Duty"
