"""Rules on IDs, links and closed values: the structure every protocol needs."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from sphinx_protocols.core.english import article, join_or
from sphinx_protocols.core.model import Partnership
from sphinx_protocols.core.vocabulary import (
    FIELDS,
    ITEM_TYPES,
    LINK_TYPES,
    SHARED_FIELDS,
    TBC_MARKERS,
    allowed_values,
    required_links,
    source_types,
    target_types,
)

from .base import Finding, describe, documented, found, rule


def _shown(value: str, limit: int = 40) -> str:
    """A value as quoted in a message: a long one cut short, so the message stays readable."""
    return value if len(value) <= limit else f"{value[:limit]}... ({len(value)} characters)"


def _names(types: tuple[str, ...]) -> str:
    return join_or([ITEM_TYPES[t].title.lower() for t in types])


@rule("P01", "error", "A link names an ID that no item has.",
      "Check the spelling of the ID, or add the item it means.",
      "Duty DUTY_X: ':owner:' names 'BODY_NOPE', which is not an item in this site. "
      "Check the spelling of the ID, or add the item it means.")
def unknown_target(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        for link, targets in item.links.items():
            spec = LINK_TYPES.get(link)
            for target in targets:
                if target not in p and target not in TBC_MARKERS:
                    near = suggest(target, p.items, target_types(spec) if spec else ())
                    hint = (f"Did you mean '{near}'? Correct the ID, or add the item it means."
                            if near else "Check the spelling of the ID, or add the item it means.")
                    yield found("P01", item,
                                f"{describe(item)}: ':{link}:' names '{target}', which is not an "
                                "item in this site. "
                                f"{hint}", link, target)


def suggest(target: str, ids: Iterable[str], types: tuple[str, ...] = ()) -> str:
    """The existing ID nearest to a mistyped one, preferring IDs of a type the link allows."""
    known = list(ids)
    prefixes = tuple(ITEM_TYPES[t].prefix for t in types if t in ITEM_TYPES)
    wanted = [i for i in known if prefixes and i.startswith(prefixes)]
    for pool in (wanted, known):
        if close := difflib.get_close_matches(target, pool, n=1, cutoff=0.8):
            return close[0]
    return ""


@rule("P02", "error", "A link points at the wrong type of item (a duty owned by a statute).",
      "Link to an item of one of the allowed types listed in the message.",
      "Duty DUTY_X: ':owner:' names 'LAW_CA', which is a statute, but it must name a body, role or "
      "organisation.")
def wrong_target_type(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        for link, targets in item.links.items():
            spec = LINK_TYPES.get(link)
            for target in targets:
                other = p.get(target)
                if spec and other is not None and other.type not in target_types(spec):
                    yield found("P02", item,
                                f"{describe(item)}: ':{link}:' names '{target}', which is "
                                f"{article(other.type_title.lower())}, but it must name "
                                f"{article(_names(target_types(spec)))}.",
                                link)


@rule("P03", "error", "A link is used on an item type that cannot have it.",
      "Move the link to the right kind of item, or use another link type.",
      "Report REP_X: a report cannot have the link 'owner'; it belongs on a duty.")
def link_not_allowed(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        for link in item.links:
            spec = LINK_TYPES.get(link)
            if spec and item.type not in source_types(spec):
                yield found("P03", item,
                            f"{describe(item)}: {article(item.type_title.lower())} cannot have the "
                            "link "
                            f"'{link}'; it belongs on {article(_names(source_types(spec)))}.", link)


@rule("P15", "error", "An item lacks a link its type requires (the vocabulary's 'Required.').",
      "Add the link the message names, with the ID of the item it points at.",
      "Meeting rules MEET_X has no body. Add ':rules_for:' with the ID of the body it names.")
def missing_required_link(p: Partnership) -> Iterator[Finding]:
    """Every required link of the vocabulary, under the rule the table gives its (link, type)."""
    for item in p.items.values():
        if item.type not in ITEM_TYPES:
            continue
        for spec, rule_id in required_links(item.type):
            if not item.links.get(spec.name):
                yield found(
                    rule_id,
                    item,
                    f"{describe(item)} has no {spec.missing_noun}. Add ':{spec.name}:' "
                    f"{spec.fix or f'with the ID of the {_names(target_types(spec))} it names'}.",
                )


documented("P05", "error", "A duty has no owner.",
           "Add ':owner:' naming the body, role or organisation that carries the duty.",
           "Duty DUTY_X has no owner. Add ':owner:' with the ID of the body, role or organisation "
           "it names.")
documented("P07", "error", "A signatory has no role (the office they sign in).",
           "Add ':office:' naming the role, for example the independent chair.",
           "Signatory SIGN_X has no office. Add ':office:' with the ID of the role it names.")


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each simple cycle once, found by depth-first search (graphs here are small)."""
    cycles: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def visit(node: str, path: list[str]) -> None:
        for nxt in graph.get(node, []):
            if nxt == path[0]:
                key = frozenset(path)
                if key not in seen:
                    seen.add(key)
                    cycles.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:
                visit(nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, [start])
    return cycles


@rule(
    "P09",
    "error",
    "Accountability goes round in a circle.",
    "Accountability runs one way. For mutual scrutiny use 'challenges' or 'seeks_assurance_from'.",
    "Accountability goes round in a circle: BODY_A -> BODY_B -> BODY_A. Accountability runs one "
    "way; for mutual scrutiny use ':challenges:' or ':seeks_assurance_from:' instead.",
)
def accountability_cycle(p: Partnership) -> Iterator[Finding]:
    graph = {i.id: [t for t in i.targets("accountable_to") if t in p] for i in p.items.values()}
    for cycle in _cycles(graph):
        yield found("P09", p[cycle[0]],
                    f"Accountability goes round in a circle: {' -> '.join(cycle)}. Accountability "
                    "runs one "
                    "way; for mutual scrutiny use ':challenges:' or ':seeks_assurance_from:' "
                    "instead.",
                    "accountable_to")


@rule(
    "P21",
    "error",
    "An escalation step escalates to itself, or the route goes round in a circle.",
    "Point ':escalates_to:' at the next, higher step; the last step escalates to none.",
    "Escalation step STEP_X escalates to itself, so a concern never leaves it. Point "
    "':escalates_to:' at the next step, or delete it on the last step.",
)
def escalation_loop(p: Partnership) -> Iterator[Finding]:
    steps = p.of_type("escalation")
    graph = {i.id: [t for t in i.targets("escalates_to") if t in p] for i in steps}
    for cycle in _cycles(graph):
        step = p[cycle[0]]
        if len(cycle) == 2:
            message = (f"{describe(step)} escalates to itself, so a concern never leaves it. Point "
                       "':escalates_to:' at the next step, or delete it on the last step.")
        else:
            message = (f"The escalation route goes round in a circle: {' -> '.join(cycle)}, so a "
                       "concern is never resolved. Point ':escalates_to:' at a higher step only.")
        yield found("P21", step, message, "escalates_to")


@rule("P10", "error", "A value is outside the vocabulary (an action, modality, kind, status or "
                      "date).",
      "Use one of the values the message lists; dates are written YYYY-MM-DD.",
      "Reporting line LINE_X: the action 'Tell' is not in the vocabulary. Use one of: "
      "Inform, Consult, Assure, Approve, Challenge, Escalate, Note, ✓.")
def outside_vocabulary(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        values = dict(item.fields)
        if item.status:
            values["status"] = item.status
        for name, value in values.items():
            problem = FIELDS[name].format_problem(value) if name in FIELDS else ""
            if problem:
                yield found(
                    "P10",
                    item,
                    f"{describe(item)}: the {name.replace('_', ' ')} '{_shown(value)}' {problem}",
                    name,
                )
                continue
            allowed = allowed_values(item.type, name)
            if allowed and value not in allowed:
                hint = next((a for a in allowed if a.lower() == value.lower()), "")
                extra = f" Did you mean '{hint}'?" if hint else ""
                yield found("P10", item,
                            f"{describe(item)}: the {name.replace('_', ' ')} '{_shown(value)}' is "
                            "not in "
                            "the vocabulary. "
                            f"Use one of: {', '.join(allowed)}.{extra}", name)
            elif (name not in ITEM_TYPES[item.type].fields and name in FIELDS and name != "status"
                  and name not in SHARED_FIELDS):
                yield found(
                    "P10",
                    item,
                    f"{describe(item)}: {article(item.type_title.lower())} has no field "
                    f"'{name}'. "
                    f"Its fields are: {', '.join(ITEM_TYPES[item.type].fields) or 'none'}.",
                    name,
                )


@rule("P11", "error", "An ID does not start with its type's prefix.",
      "Start the ID with the prefix of its type (BODY_, DUTY_, LINE_ ...).",
      "Body BSCB: the ID of a body must start with 'BODY_', for example BODY_BSCB.")
def id_prefix(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        prefix = ITEM_TYPES[item.type].prefix
        if not item.id.startswith(prefix):
            yield found("P11", item,
                        f"{describe(item)}: the ID of {article(item.type_title.lower())} must "
                        "start with "
                        f"'{prefix}', for example {prefix}{item.id}.")


# These are found while a page is read (by sphinx-needs or docutils), and the item is left out;
# messages.py rewrites those warnings into these words. They are registered for the guide.
documented(
    "P04", "error", "Two items have the same ID (the second is left out of the site).",
    "Give one of them a different ID: every ID is unique across the whole site.",
    "Two items have the ID 'DUTY_X'; the first is at buckinghamshire/duties:12. Give this item a "
    "different ID: every ID must be unique across the site.")
documented(
    "P13", "error", "An item has no ID, or an ID that is not well formed (the item is left out).",
    "Add ':id:' in capital letters, digits and underscores, starting with the type's prefix.",
    "The ID 'duty_x' is not valid: use capital letters, digits and underscores, starting with the "
    "type's prefix (for example DUTY_ANNUAL_REPORT). This item was left out of the site.")
documented(
    "P14", "error", "An item has an option that no item type has (often a misspelt field or link).",
    "Correct the spelling; the reference lists every field and link.",
    "':ownr:' is not an option of any item type, so it was ignored. Did you mean ':owner:'? The "
    "guide's "
    "reference lists every field and link.")
