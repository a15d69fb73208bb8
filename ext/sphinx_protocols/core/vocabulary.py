"""The one table of item types, fields and link types.

Everything else reads from here: the sphinx-needs configuration, the validation rules, the
generated views and the reference pages of the user guide. A new item or link type is one row.
This module imports nothing from Sphinx so rules and tests can use it on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldSpec:
    """A plain-text field an item may carry, with its allowed values when closed."""

    name: str
    description: str
    values: tuple[str, ...] = ()
    example: str = ""

    @property
    def label(self) -> str:
        """How the field is named on a page: 'next_review' -> 'Next review'."""
        return self.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class ItemType:
    """One kind of clause a policy officer writes as a MyST directive."""

    name: str
    title: str
    prefix: str
    description: str
    fields: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    color: str = "#E8E8E8"
    #: the fields whose values are closed lists for this type (field name -> allowed values)
    closed: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class LinkType:
    """A typed link from one item to others, shown both ways on every page."""

    name: str
    outgoing: str
    incoming: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    description: str
    required_on: tuple[str, ...] = ()


#: The actions a receiving body is asked to take on a report (one matrix cell each).
#: '✓' is kept as partnerships write it: the body receives the report, action not stated.
ACTIONS: dict[str, str] = {
    "Inform": "for information: the receiving body notes it and may comment",
    "Consult": "the receiving body is consulted and its views are sought before agreement",
    "Assure": "the receiving body seeks or gives assurance on it",
    "Approve": "the receiving body approves or signs it off",
    "Challenge": "the receiving body scrutinises it and may challenge",
    "Escalate": "the report is escalated to the receiving body for a decision",
    "Note": "the receiving body notes it without discussion",
    "✓": "marked with a tick in the source: the body receives it, the action is not stated",
}

MODALITIES: dict[str, str] = {
    "must": "a legal or agreed requirement",
    "should": "expected unless there is good reason not to",
    "will": "a commitment the owner has made",
    "agree": "something the partners have agreed to do (a compact's 'agree to')",
    "may": "a power the owner may use",
}

FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        FieldSpec("version", "The protocol's version label.", example="V0.5"),
        FieldSpec("created", "When the protocol was first drafted (free date).", example="November 2014"),
        FieldSpec("last_reviewed", "Date of the last review (YYYY-MM-DD).", example="2015-04-20"),
        FieldSpec("next_review", "Date the next review is due (YYYY-MM-DD).", example="2016-04-20"),
        FieldSpec("legal_date", "The date the protocol's law is read at (YYYY-MM-DD).", example="2015-04-23"),
        FieldSpec("approved_by", "The forum that approved the protocol.", example="Health and Wellbeing Board"),
        FieldSpec("area", "The local authority areas covered.", example="Buckinghamshire"),
        FieldSpec("kind", "What sort of body, organisation or statute it is."),
        FieldSpec("abbreviation", "The short name the protocol uses.", example="BSCB"),
        FieldSpec("statutory", "Whether it exists because the law requires it.", ("yes", "no")),
        FieldSpec("url", "A link to its terms of reference, or to the legislation.", example="https://www.legislation.gov.uk/ukpga/2004/31/section/14"),
        FieldSpec("sector", "The sector of an organisation.", ("local authority", "police", "health", "probation", "fire", "education", "voluntary", "national", "other")),
        FieldSpec("holder", "The person holding an office, if named.", example="Jane Doe"),
        FieldSpec("independent", "Whether the office is independent of local agencies.", ("yes", "no")),
        FieldSpec("modality", "How binding a duty is.", tuple(MODALITIES)),
        FieldSpec("cadence", "How often something happens.", example="annually"),
        FieldSpec("provision", "The section, regulation or chapter cited.", example="section 14"),
        FieldSpec("year", "The year of an Act or regulations.", example="2004"),
        FieldSpec("action", "What the receiving body is asked to do.", tuple(ACTIONS)),
        FieldSpec("as_written", "The cell text exactly as the source protocol wrote it.", example="inform"),
        FieldSpec("timing", "When the report is sent (month, season or frequency).", example="October"),
        FieldSpec("note", "A note kept with the reporting line.", example="Reflect in the JHWS"),
        FieldSpec("step", "The position of an escalation step (1, 2, 3 ...).", example="1"),
        FieldSpec("timescale", "How long a step may take.", example="within 2 weeks"),
        FieldSpec("name", "The person's name, where known.", example="Jane Doe"),
        FieldSpec("expansion", "What an abbreviation stands for.", example="Joint Strategic Needs Assessment"),
        FieldSpec("clause", "The clause number in the source protocol.", example="4.1"),
        FieldSpec("clause_title", "The heading the source gives that clause.", example="Independence and challenge"),
        FieldSpec("as_at", "The date a named holder or list was correct (YYYY-MM-DD).", example="2019-06-19"),
        FieldSpec("meetings_per_year", "How many ordinary meetings a year (a number).", example="4"),
        FieldSpec("schedule", "When meetings are set or held.", example="dates agreed each January"),
        FieldSpec("notice", "Notice of an ordinary meeting, in working or calendar days.", example="10 working days"),
        FieldSpec("extraordinary_notice", "Notice of an extraordinary meeting.", example="10 working days"),
        FieldSpec("report_deadline", "How long before a meeting reports are due.", example="3 weeks"),
        FieldSpec("agenda_deadline", "How long before a meeting agenda items are due.", example="2 weeks"),
        FieldSpec("papers_deadline", "How long before a meeting papers go out.", example="1 week"),
        FieldSpec("minutes_deadline", "How soon after a meeting the minutes go out.", example="2 weeks"),
        FieldSpec("attendance", "The attendance each member must reach, as a share of meetings.", example="75%"),
        FieldSpec("attendance_minimum", "The attendance as a number of meetings a year.", example="3"),
        FieldSpec("deputies", "Whether and how deputies attend and vote.", example="deputies may attend and vote"),
        FieldSpec("decision_rule", "How decisions are made.", example="consensus, else a majority"),
        FieldSpec("urgent_decisions", "How urgent decisions are made between meetings.", example="the chair with all three partners"),
        FieldSpec("audience", "Who may read it: 'partners' keeps it out of the public site.", ("public", "partners")),
    )
}

#: Fields every item type takes, besides its own.
COMMON_FIELDS = ("audience",)

ITEM_TYPES: dict[str, ItemType] = {
    t.name: t
    for t in (
        ItemType("protocol", "Protocol", "PROT_", "The agreement itself: version, status and review dates.",
                 ("version", "created", "last_reviewed", "next_review", "legal_date", "approved_by", "area"),
                 statuses=("draft", "agreed", "superseded"), color="#D9E7F5"),
        ItemType("body", "Body", "BODY_", "A board, partnership, committee, group or panel.",
                 ("kind", "abbreviation", "statutory", "url", "clause", "clause_title"), color="#BFD8D2",
                 closed={"kind": ("board", "partnership", "committee", "group", "panel", "team", "council", "forum")}),
        ItemType("organisation", "Organisation", "ORG_", "An agency that is a partner, member or host.",
                 ("sector", "abbreviation", "url", "as_at"), color="#E3E0F2"),
        ItemType("role", "Role", "ROLE_", "An office held by a person: chair, director, lead member.",
                 ("abbreviation", "holder", "as_at", "independent"), color="#F5E6C8"),
        ItemType("duty", "Duty", "DUTY_", "Something a body, role or organisation must, should, will or may do.",
                 ("modality", "cadence", "clause", "clause_title"), color="#FBE3D6"),
        ItemType("statute", "Statute", "LAW_", "An Act, statutory instrument or statutory guidance, with the provision cited.",
                 ("kind", "provision", "year", "url", "abbreviation"), color="#EDEDED",
                 closed={"kind": ("act", "regulations", "guidance", "local")}),
        ItemType("report", "Report", "REP_", "A report, plan or assessment a body produces.",
                 ("cadence", "abbreviation"), color="#DCEFD9"),
        ItemType("reporting_line", "Reporting line", "LINE_", "One report sent by one body to another: one matrix cell.",
                 ("action", "as_written", "timing", "note"), color="#F2F2D0"),
        ItemType("theme", "Theme", "THEME_", "A shared area of work with a lead body and contributors.",
                 ("abbreviation", "clause", "clause_title"), statuses=("agreed", "proposed", "evolving"),
                 color="#F9D7E2"),
        ItemType("escalation", "Escalation step", "STEP_", "One step of the route for resolving a concern between bodies.",
                 ("step", "timescale"), color="#F7D9C4"),
        ItemType("signatory", "Signatory", "SIGN_", "Someone who must sign the protocol, in a named role.",
                 ("name",), color="#E0E0F8"),
        ItemType("term", "Term", "TERM_", "An abbreviation and what it stands for in this protocol.",
                 ("abbreviation", "expansion"), color="#F0F0F0"),
        ItemType("meeting", "Meeting rules", "MEET_", "How a body meets: frequency, quorum, notice, deadlines, attendance.",
                 ("meetings_per_year", "schedule", "notice", "extraordinary_notice", "report_deadline",
                  "agenda_deadline", "papers_deadline", "minutes_deadline", "attendance", "attendance_minimum",
                  "deputies", "decision_rule", "urgent_decisions"), color="#D6EAF8"),
    )
}

_ACTORS = ("body", "role", "organisation")

LINK_TYPES: dict[str, LinkType] = {
    lt.name: lt
    for lt in (
        LinkType("owner", "owned by", "owns", ("duty",), _ACTORS,
                 "Who carries the duty.", required_on=("duty",)),
        LinkType("basis", "based on", "basis of", ("duty", "body", "report", "role", "theme"), ("statute",),
                 "The law or guidance a duty, body or report rests on."),
        LinkType("accountable_to", "accountable to", "receives accountability from", _ACTORS, _ACTORS,
                 "Line accountability. It may not go round in a circle."),
        LinkType("produced_by", "produced by", "produces", ("report",), _ACTORS,
                 "Who writes a report."),
        LinkType("report", "carries", "sent as", ("reporting_line",), ("report",),
                 "The report a reporting line sends.", required_on=("reporting_line",)),
        LinkType("sender", "from", "sends", ("reporting_line",), _ACTORS,
                 "Who sends it; taken from the report's producer when left out."),
        LinkType("recipient", "to", "receives", ("reporting_line",), _ACTORS,
                 "Who receives it.", required_on=("reporting_line",)),
        LinkType("lead", "led by", "leads", ("theme",), _ACTORS, "Who leads a shared theme."),
        LinkType("contributors", "with contributions from", "contributes to", ("theme",), _ACTORS,
                 "Who contributes to a shared theme."),
        LinkType("member_of", "member of", "has as member", _ACTORS, ("body",), "Full membership."),
        LinkType("observer_of", "participant observer of", "has as participant observer", ("role", "organisation"),
                 ("body",), "Attends and takes part without being a full member."),
        LinkType("chairs", "chairs", "chaired by", ("role",), ("body",), "The office that chairs a body."),
        LinkType("appointed_by", "appointed by", "appoints", ("role",), _ACTORS, "Who appoints an office holder."),
        LinkType("office_in", "an office of", "has the office", ("role",), ("body", "organisation"),
                 "The organisation or body an office belongs to."),
        LinkType("subgroup_of", "subgroup of", "has subgroup", ("body",), ("body",), "A group that works under a body."),
        LinkType("delegates_to", "delegates to", "delegate of", ("role",), ("role",),
                 "A lead office hands its work to a delegate and keeps the accountability."),
        LinkType("agency_of", "relevant agency of", "has as relevant agency", ("organisation",), ("body",),
                 "An agency the safeguarding partners name as relevant to their arrangements."),
        LinkType("rules_for", "meeting rules of", "meets under", ("meeting",), ("body",),
                 "The body whose meetings these rules govern.", required_on=("meeting",)),
        LinkType("quorum", "quorum needs", "needed for the quorum of", ("meeting",), _ACTORS,
                 "The members who must be present for a meeting to be quorate."),
        LinkType("challenges", "challenges", "challenged by", _ACTORS, _ACTORS,
                 "Scrutiny and challenge. Kept apart from accountability, and may be mutual."),
        LinkType("seeks_assurance_from", "seeks assurance from", "gives assurance to", _ACTORS, _ACTORS,
                 "Asks for assurance without line accountability."),
        LinkType("escalates_to", "escalates to", "escalated from", ("escalation",), ("escalation",),
                 "The next step when a concern is not resolved."),
        LinkType("handled_by", "handled by", "handles", ("escalation",), _ACTORS, "Who acts at a step."),
        LinkType("office", "signs as", "signing office for", ("signatory",), ("role",),
                 "The office in which someone signs.", required_on=("signatory",)),
        LinkType("on_behalf_of", "on behalf of", "signed for by", ("signatory",), ("body", "organisation"),
                 "The body or organisation the signatory signs for."),
        LinkType("signs", "signs", "signed by", ("signatory",), ("protocol",),
                 "The protocol signed; the protocol of the folder when left out."),
        LinkType("parties", "between", "party to", ("protocol",), _ACTORS, "The bodies that agree the protocol."),
        LinkType("replaces", "replaces", "replaced by", tuple(ITEM_TYPES), tuple(ITEM_TYPES),
                 "A predecessor of the same kind."),
        LinkType("refers_to", "stands for", "abbreviated as", ("term",), tuple(ITEM_TYPES),
                 "The item an abbreviation names."),
    )
}

#: Written in a link field, this stands for 'to be confirmed': kept and reported, never an error.
TBC_MARKERS = frozenset({"tbc", "TBC", "Tbc"})


def type_of_prefix(item_id: str) -> ItemType | None:
    """The item type an ID's prefix announces, if any."""
    for item_type in ITEM_TYPES.values():
        if item_id.startswith(item_type.prefix):
            return item_type
    return None


def allowed_values(item_type: str, field_name: str) -> tuple[str, ...]:
    """The closed list of values for a field on a type ('' means open)."""
    closed = ITEM_TYPES[item_type].closed.get(field_name)
    if closed is not None:
        return closed
    if field_name == "status":
        return ITEM_TYPES[item_type].statuses
    return FIELDS[field_name].values if field_name in FIELDS else ()


def to_needs_config() -> dict[str, object]:
    """The sphinx-needs configuration generated from the vocabulary."""
    types = [
        {"directive": t.name, "title": t.title, "prefix": t.prefix, "color": t.color, "style": "node"}
        for t in ITEM_TYPES.values()
    ]
    fields = {
        name: {"description": spec.description, "nullable": True, "schema": {"type": "string"}}
        for name, spec in FIELDS.items()
    }
    links = {
        lt.name: {
            "incoming": lt.incoming,
            "outgoing": lt.outgoing,
            "description": lt.description,
            "target_types": list(lt.targets),
            "allow_dead_links": True,  # our own rules report dead links in plain English
        }
        for lt in LINK_TYPES.values()
    }
    return {"needs_types": types, "needs_fields": fields, "needs_links": links}
