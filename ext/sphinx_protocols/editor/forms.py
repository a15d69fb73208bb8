"""The form for an item, generated from the vocabulary, and its answers turned back into an item.

Pure: no web framework here. A closed field becomes a choice, a date field a date, a link field a
picker offering only items of the types the link may point at (by name, with the ID shown), and the
clause text a Markdown box. New items get an ID proposed from the type's prefix and title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sphinx_protocols.core.vocabulary import (
    FIELDS,
    ITEM_TYPES,
    LINK_TYPES,
    TBC_MARKERS,
    allowed_values,
    required_links,
    source_types,
    target_types,
)
from sphinx_protocols.editor.source import Item

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STOP = {
    "a",
    "an",
    "and",
    "the",
    "of",
    "for",
    "to",
    "in",
    "on",
    "with",
    "by",
    "at",
    "or",
    "its",
    "their",
}


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    selected: bool = False


@dataclass(frozen=True)
class FormField:
    """One labelled control of the form."""

    name: str  # the option name in the file ('modality', 'owner') or 'title', 'text'
    label: str
    help: str
    kind: str  # 'text', 'number', 'duration', 'select', 'date' or 'links'
    value: str = ""
    choices: tuple[Choice, ...] = ()
    required: bool = False

    @property
    def control(self) -> str:
        """The form control's name: fields are 'f-NAME', links 'l-NAME'."""
        return f"l-{self.name}" if self.kind == "links" else f"f-{self.name}"


@dataclass(frozen=True)
class Target:
    """An item a link may point at, as the picker shows it."""

    id: str
    type: str
    title: str


@dataclass
class Form:
    item_type: str
    title: str
    item_id: str
    fields: list[FormField] = field(default_factory=list)
    links: list[FormField] = field(default_factory=list)
    text: str = ""


def field_kind(item_type: str, name: str) -> str:
    """How a field is asked for, from its kind in the vocabulary: a choice, a date, a number ..."""
    if allowed_values(item_type, name):
        return "select"
    spec = FIELDS.get(name)
    return spec.kind if spec is not None and spec.kind in ("date", "number", "duration") else "text"


def field_names(item_type: str) -> list[str]:
    """The fields a type's form asks for, in the vocabulary's order; status first if it has one."""
    spec = ITEM_TYPES[item_type]
    return (["status"] if spec.statuses else []) + list(spec.fields)


def link_names(item_type: str) -> list[str]:
    return [name for name, lt in LINK_TYPES.items() if item_type in source_types(lt)]


def split_links(value: str) -> list[str]:
    """The IDs written in a link option ('A, B' or 'A B')."""
    return [part for part in re.split(r"[,\s]+", value) if part]


def _field(item_type: str, name: str, value: str) -> FormField:
    kind = field_kind(item_type, name)
    spec = FIELDS.get(name)
    label = spec.label if spec else name.replace("_", " ").capitalize()
    help_text = (
        spec.description
        if spec
        else "A field this type does not list in the vocabulary; kept as written."
    )
    if spec is not None and spec.example and kind in ("text", "number", "duration"):
        help_text += f" For example: {spec.example}."
    if name == "status":
        help_text = "Where the item stands: " + ", ".join(ITEM_TYPES[item_type].statuses) + "."
    choices: tuple[Choice, ...] = ()
    if kind == "select":
        allowed = allowed_values(item_type, name)
        extra = (
            (value,) if value and value not in allowed else ()
        )  # kept so that saving never drops it
        choices = (
            Choice("", "(not set)", not value),
            *(Choice(v, v, v == value) for v in (*allowed, *extra)),
        )
    if kind == "date" and value and not _DATE.match(value):
        kind = "text"  # a free date as written ('November 2014') stays editable as text
    return FormField(name, label, help_text, kind, value, choices)


def _link_field(
    item_type: str, name: str, written: list[str], targets: Iterable[Target]
) -> FormField:
    lt = LINK_TYPES[name]
    kinds = target_types(lt)
    allowed = [t for t in targets if t.type in kinds]
    known = {t.id for t in allowed}
    choices = [Choice(t.id, f"{t.title or t.id} ({t.id})", t.id in written) for t in allowed]
    for value in written:  # a dead link or 'tbc' stays visible and selected
        if value not in known:
            note = (
                "to be confirmed"
                if value in TBC_MARKERS
                else "no item of an allowed type has this ID"
            )
            choices.insert(0, Choice(value, f"{value} ({note})", True))
    types = ", ".join(ITEM_TYPES[t].title.lower() for t in kinds if t in ITEM_TYPES)
    help_text = f"{lt.description} Choose one or more: {types}."
    label = lt.outgoing[0].upper() + lt.outgoing[1:]
    return FormField(
        name,
        label,
        help_text,
        "links",
        ", ".join(written),
        tuple(choices),
        required=any(r.name == name for r, _ in required_links(item_type)),
    )


def build_form(
    item_type: str, targets: list[Target], item: Item | None = None, proposed_id: str = ""
) -> Form:
    """The form for an existing item (its values filled in) or for a new item of ``item_type``."""
    options = dict(item.options) if item else {}
    form = Form(
        item_type,
        item.title if item else "",
        options.get("id", proposed_id),
        text=item.body if item else "",
    )
    links = link_names(item_type)
    for name in field_names(item_type):
        form.fields.append(_field(item_type, name, options.get(name, "")))
    for name in options:  # fields written in the file that the vocabulary does not give this type
        if name not in ("id", *field_names(item_type), *links):
            form.fields.append(_field(item_type, name, options[name]))
    for name in links:
        form.links.append(_link_field(item_type, name, split_links(options.get(name, "")), targets))
    return form


def options_from_answers(
    item_type: str, answers: Mapping[str, list[str]], before: Mapping[str, str], item_id: str
) -> dict[str, str]:
    """The options to write for a form's answers, in the order they were written before.

    An option that was written stays in its place; one the officer emptied is removed; new ones
    follow in the form's order. A link list whose items did not change keeps its written order.
    """
    wanted: dict[str, str] = {"id": item_id}
    names = [
        *field_names(item_type),
        *(n for n in before if n not in ("id", *link_names(item_type))),
    ]
    for name in names:
        values = answers.get(f"f-{name}")
        if values is not None:
            wanted[name] = values[-1].strip()
    for name in link_names(item_type):
        chosen = [v for v in answers.get(f"l-{name}", []) if v]
        old = split_links(before.get(name, ""))
        if sorted(old) == sorted(chosen):
            wanted[name] = before.get(name, "").strip()
        else:
            keep = [v for v in old if v in chosen]
            wanted[name] = ", ".join([*keep, *(v for v in chosen if v not in keep)])
    result: dict[str, str] = {}
    for name, value in before.items():
        if name in wanted:
            if value.strip() == "" and wanted[name] == "":
                result[name] = value.strip()  # an option written empty stays as written
            elif wanted[name]:
                result[name] = wanted[name]
        else:
            result[name] = value  # not on the form (a field of another kind): kept
    for name, value in wanted.items():
        if name not in result and value and name not in before:
            result[name] = value
    return result


def propose_id(item_type: str, title: str, nearby: Iterable[str], taken: set[str]) -> str:
    """An ID for a new item: the type's prefix, the area code its neighbours use, the title's words.

    'Publish an annual report' for a duty beside BODY_BUCKS_* items
    -> 'DUTY_BUCKS_PUBLISH_ANNUAL_REPORT'.
    """
    prefix = ITEM_TYPES[item_type].prefix
    areas = Counter(i.split("_")[1] for i in nearby if i.count("_") >= 2)
    area = f"{areas.most_common(1)[0][0]}_" if areas else ""
    words = [w.upper() for w in re.findall(r"[A-Za-z0-9]+", title) if w.lower() not in _STOP][:4]
    stem = f"{prefix}{area}{'_'.join(words) or 'NEW'}"
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}_{n}", n + 1
    return candidate
