"""The bodies, offices and terms a Word file defines: 'Full Name (ABBR)', 'the Channel Panel',
'the Director of Public Health'. Each is matched to an item the partnership has, or proposed.
"""

from __future__ import annotations

import re

from sphinx_protocols.importer.docx import Block, Paragraph, Table
from sphinx_protocols.importer.draft import (
    BODY_WORDS,
    CONNECTORS,
    Draft,
    DraftItem,
    Ids,
    Known,
    Names,
    initials,
    slug_id,
)

_DEFINITION = re.compile(r"\(([A-Z][A-Za-z&]{1,11})\)")
_NAMED_BODY = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|&)\s+)?){1,6}"
    r"(?:Board|Partnership|Panel|Committee|Group|Team|Forum|Executive)s?)\b"
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’&-]*|and|of|for|the|&|in|on|to|with)$")
#: an office a sentence may name as its subject:
#: 'the Lead Member for Children, Young People & Education'
_ROLE = re.compile(
    r"\b(?:Independent |Vice[- ])?(?:Chair(?:person)?|Director|Lead Member|Cabinet Member|"
    r"Chief Executive|Leader|Head|Commissioner|Chief Officer|Chief Constable)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:(?:,\s*|\s+(?:and|&|of|for|the)\s+|\s+)[A-Z][\w'’-]*)*)?"
)


def offices(subject: str, names: Names, ids: Ids, where: str) -> None:
    """Offices the subject of a duty names, known to the partnership or proposed as new roles."""
    for match in _ROLE.finditer(subject):
        name = match.group(0).strip()
        if names.lookup(name) is None:
            names.add(
                Known(ids.new("ROLE_", slug_id(name, 4)), "role", name, new=True, where=where)
            )


def terms_for_matched(draft: Draft, names: Names, ids: Ids) -> None:
    """A matched body of another protocol keeps its abbreviation defined in this one, as a term."""
    have = {t.fields["abbreviation"] for t in draft.terms}
    for entry in (e for e in names.entries if not e.new and e.id in draft.matched.values()):
        if entry.abbreviation and entry.folder and entry.abbreviation not in have:
            have.add(entry.abbreviation)
            draft.terms.append(
                DraftItem(
                    "term",
                    ids.new("TERM_", entry.abbreviation.upper()),
                    entry.abbreviation,
                    {"abbreviation": entry.abbreviation, "expansion": entry.title},
                    {"refers_to": [entry.id]},
                    imported=["term"],
                )
            )


def define_names(blocks: list[Block], names: Names, ids: Ids, draft: Draft) -> None:
    texts = [(b.text, b.where) for b in blocks if isinstance(b, Paragraph)]
    texts += [
        (cell, b.where) for b in blocks if isinstance(b, Table) for row in b.rows for cell in row
    ]
    seen: set[str] = set()
    for text, where in texts:
        for match in _DEFINITION.finditer(text):
            abbreviation = match.group(1)
            name = _name_before(text[: match.start()], abbreviation)
            if not name or abbreviation in seen:
                continue
            seen.add(abbreviation)
            define(name, abbreviation, where, names, ids, draft)
    for text, where in [(b.text, b.where) for b in blocks if isinstance(b, Paragraph)]:
        # bodies named in full without an abbreviation: 'the Channel Panel'
        for match in _NAMED_BODY.finditer(text):
            before = text[: match.start()] + match.group(1).split()[0] + " "
            if re.search(r"\b(each|every|all|both|any)\s+$", before, re.IGNORECASE):
                continue  # 'each Community Safety Partnership' is a kind of body, not one body
            name = re.sub(r"^(The|A|An|Since)\s+", "", match.group(1))
            if re.match(r"(Chief|Deputy|Assistant) Executive", name):
                continue  # an office, not a body
            existing = names.lookup(name) if len(name.split()) >= 2 else None
            if existing is not None and not existing.new:
                draft.matched[name] = existing.id
            elif existing is None and len(name.split()) >= 2 and not _covered(name, names):
                names.add(
                    Known(
                        ids.new("BODY_", slug_id(name, 3)), "body", name, "", new=True, where=where
                    )
                )


def _covered(name: str, names: Names) -> bool:
    """Whether the name is part of a longer name already known ('Executive Team' in 'Joint
    Executive Team')."""
    wanted = name.lower()
    return any(wanted in entry.title.lower() for entry in names.entries)


def define(
    name: str, abbreviation: str, where: str, names: Names, ids: Ids, draft: Draft
) -> Known | None:
    """A body the partnership has (matched by name), else a new body or a term."""
    last = name.split()[-1].lower().strip("'’s")
    is_body = last in BODY_WORDS or name.split()[-1].lower() in BODY_WORDS
    existing = names.lookup(name)
    if existing is not None and not existing.new and existing.type != "role":
        draft.matched[f"{name} ({abbreviation})"] = existing.id
        return existing
    if existing is not None:
        return existing
    if is_body:
        return names.add(
            Known(
                ids.new("BODY_", abbreviation.upper()),
                "body",
                name,
                abbreviation,
                new=True,
                where=where,
            )
        )
    term = DraftItem(
        "term",
        ids.new("TERM_", abbreviation.upper()),
        abbreviation,
        {"abbreviation": abbreviation, "expansion": name},
        imported=["term"],
        where=where,
    )
    draft.terms.append(term)
    return None


def _name_before(text: str, abbreviation: str) -> str:
    """The capitalised run of words just before '(ABBR)', trimmed to what the initials support."""
    words = text.split()
    run: list[str] = []
    for word in reversed(words):
        if not _NAME_WORD.match(word.strip(",;:")) or word.endswith((",", ";", ":", ".")):
            break
        run.insert(0, word)
    while run and (run[0].lower() in CONNECTORS):
        run.pop(0)
    if not run:
        return ""
    for start in range(len(run)):  # the longest run whose initials end with the abbreviation
        candidate = " ".join(run[start:])
        if run[start].lower() in CONNECTORS:
            continue
        if (
            initials(candidate).endswith(abbreviation.upper().replace("&", ""))
            or initials(candidate) == abbreviation.upper()
        ):
            return candidate
    return " ".join(run) if len(run) <= 6 else ""


def body_item(entry: Known) -> DraftItem:
    kind = _kind(entry.title) if entry.type == "body" else ""
    fields = {"abbreviation": entry.abbreviation} if entry.abbreviation else {}
    if kind:
        fields["kind"] = kind
    text = f"Named in the Word file as {entry.title}."
    return DraftItem(
        entry.type,
        entry.id,
        entry.title,
        fields,
        text=text,
        imported=[entry.type],
        where=entry.where,
    )


def _kind(name: str) -> str:
    last = re.sub(r"[^a-z]", "", name.split()[-1].lower()) if name.split() else ""
    return BODY_WORDS.get(last, "")
