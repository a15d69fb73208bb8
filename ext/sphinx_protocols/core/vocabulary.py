"""The one table of item types, fields and link types.

Everything else reads from here: the sphinx-needs configuration, the validation rules, the
generated views, the diagram, the review sentences and the reference pages of the user guide.
A new item or link type is one row (what each column means is in :mod:`.schema`). Nothing is
derived from the table at import time: the functions below read it when they are called, so a
table extended before a build is the table of that build. No Sphinx here: rules and tests use it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sphinx_protocols.core.schema import (
    ACTOR,
    ANY,
    BLANK_MARKERS,
    FieldSpec,
    ItemType,
    LinkType,
)

__all__ = ["ACTOR", "ANY", "BLANK_MARKERS", "FieldSpec", "ItemType", "LinkType"]


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

#: Where a protocol is in its life, as a partnership records it on the cover of its document.
STATUSES: dict[str, str] = {
    "draft": "being written; its gaps are for the authors to close before it goes further",
    "consultation": "sent to the parties and others for comment; not yet agreed",
    "agreed": "agreed by the parties and in force; findings are kept for its next review",
    "superseded": "replaced by a later protocol (name it with ':replaces:' on the new one); kept "
                  "for the record",
    "withdrawn": "no longer in force and not replaced; kept for the record",
}

_F = FieldSpec
FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in (
        _F("version", "The version label of the protocol, or of a version history entry.",
           example="V0.5"),
        _F("created", "When the protocol was first drafted (free date).", example="November 2014"),
        _F("last_reviewed", "Date of the last review (YYYY-MM-DD).", example="2015-04-20",
           kind="date"),
        _F("next_review", "Date the next review is due (YYYY-MM-DD).", example="2016-04-20",
           kind="date"),
        _F("legal_date", "The date the protocol's law is read at (YYYY-MM-DD).",
           example="2015-04-23", kind="date"),
        _F("approved_by", "The forum that approved the protocol.",
           example="Health and Wellbeing Board"),
        _F("area", "The local authority areas covered.", example="Buckinghamshire"),
        _F("kind", "What sort of body, organisation or statute it is."),
        _F("abbreviation", "The short name the protocol uses.", example="BSCB"),
        _F("statutory", "Whether it exists because the law requires it.", ("yes", "no")),
        _F("url", "A link to its terms of reference, or to the legislation.",
           example="https://www.legislation.gov.uk/ukpga/2004/31/section/14"),
        _F("sector", "The sector of an organisation.",
           ("local authority", "police", "health", "probation", "fire", "education", "voluntary",
            "national", "other")),
        _F("holder", "The person holding an office, if named.", example="Jane Doe"),
        _F("independent", "Whether the office is independent of local agencies.", ("yes", "no")),
        _F("modality", "How binding a duty is.", tuple(MODALITIES)),
        _F("cadence", "How often something happens.", example="annually"),
        _F("provision", "The section, regulation or chapter cited.", example="section 14"),
        _F("year", "The year of an Act or regulations.", example="2004", kind="number"),
        _F("action", "What the receiving body is asked to do.", tuple(ACTIONS)),
        _F("as_written", "The cell text exactly as the source protocol wrote it.",
           example="inform"),
        _F("timing", "When the report is sent (month, season or frequency).", example="October"),
        _F("note", "A note kept with the reporting line.", example="Reflect in the JHWS"),
        _F("step", "The position of an escalation step (1, 2, 3 ...).", example="1",
           kind="number"),
        _F("timescale", "How long a step may take.", example="within 2 weeks", kind="duration"),
        _F("name", "The person's name, where known.", example="Jane Doe"),
        _F("expansion", "What an abbreviation stands for.",
           example="Joint Strategic Needs Assessment"),
        _F("clause", "The clause number in the source protocol.", example="4.1"),
        _F("clause_title", "The heading the source gives that clause.",
           example="Independence and challenge"),
        _F("as_at", "The date a named holder or list was correct (YYYY-MM-DD).",
           example="2019-06-19", kind="date"),
        _F("meetings_per_year", "How many ordinary meetings a year (a number).", example="4",
           kind="number"),
        _F("schedule", "When meetings are set or held.", example="dates agreed each January"),
        _F("notice", "Notice of an ordinary meeting, in working or calendar days.",
           example="10 working days", kind="duration"),
        _F("extraordinary_notice", "Notice of an extraordinary meeting.",
           example="10 working days", kind="duration"),
        _F("report_deadline", "How long before a meeting reports are due.", example="3 weeks",
           kind="duration"),
        _F("agenda_deadline", "How long before a meeting agenda items are due.",
           example="2 weeks", kind="duration"),
        _F("papers_deadline", "How long before a meeting papers go out.", example="1 week",
           kind="duration"),
        _F("minutes_deadline", "How soon after a meeting the minutes go out.", example="2 weeks",
           kind="duration"),
        _F("attendance", "The attendance each member must reach, as a share of meetings.",
           example="75%"),
        _F("attendance_minimum", "The attendance as a number of meetings a year.", example="3",
           kind="number"),
        _F("deputies", "Whether and how deputies attend and vote.",
           example="deputies may attend and vote"),
        _F("decision_rule", "How decisions are made.", example="consensus, else a majority"),
        _F("urgent_decisions", "How urgent decisions are made between meetings.",
           example="the chair with all three partners"),
        _F("attendance_trigger", "What happens when a member misses meetings, as written.",
           example="after two missed meetings the chair writes to the member's agency"),
        _F("date_agreed", "The date the protocol was agreed (YYYY-MM-DD), or 'blank' where the "
           "source leaves the cell empty.", example="2017-02-14", kind="date"),
        _F("in_force", "The date the protocol takes effect (YYYY-MM-DD), or 'blank'.",
           example="2017-04-01", kind="date"),
        _F("strict", "Whether this protocol's findings stop the build (opt-in).", ("yes", "no")),
        _F("date", "A version's date (YYYY-MM-DD), or 'blank'.", example="2017-02-14", kind="date"),
        _F("changes", "What changed in this version, in the source's words or yours.",
           example="Commitments on attendance added"),
        _F("by", "Who made or agreed the change.", example="CSCB Business Manager"),
        _F("organisation", "The organisation a signatory signs for, exactly as the signature table "
           "writes it.", example="Croydon Council"),
        _F("designation", "The signatory's designation (job title), as the signature table "
           "writes it.", example="Director of Children's Services"),
        _F("signed_on", "The date in the source's signature cell (YYYY-MM-DD), or 'blank' where it "
           "is empty.", example="2017-02-14", kind="date"),
        _F("imported", "What the import of a Word file guessed, to check.", example="duty, owner"),
        _F("audience", "'partners' keeps it out of the public site.", ("public", "partners")),
    )
}
SHARED_FIELDS: tuple[str, ...] = ("imported", "audience")  #: fields every item type may carry

_T = ItemType
ITEM_TYPES: dict[str, ItemType] = {
    t.name: t
    for t in (
        _T("protocol", "Protocol", "PROT_",
           "The agreement itself: version, status and review dates.",
           ("version", "created", "date_agreed", "approved_by", "in_force", "last_reviewed",
            "next_review", "legal_date", "area", "strict", "clause", "clause_title"),
           statuses=tuple(STATUSES), color="#D9E7F5", naming="plain"),
        _T("body", "Body", "BODY_", "A board, partnership, committee, group or panel.",
           ("kind", "abbreviation", "statutory", "area", "url", "clause", "clause_title"),
           color="#BFD8D2",
           closed={"kind": ("board", "partnership", "committee", "group", "panel", "team",
                            "council", "forum")},
           actor=True, profile=True, naming="the", shape="box"),
        _T("role", "Role", "ROLE_", "An office held by a person: chair, director, lead member.",
           ("abbreviation", "holder", "as_at", "independent", "clause", "clause_title"),
           color="#F5E6C8", actor=True, profile=True, naming="the", shape="ellipse"),
        _T("organisation", "Organisation", "ORG_", "An agency that is a partner, member or host.",
           ("sector", "abbreviation", "area", "url", "as_at", "clause", "clause_title"),
           color="#E3E0F2", actor=True, profile=True, naming="plain", shape="folder"),
        _T("duty", "Duty", "DUTY_",
           "Something a body, role or organisation must, should, will or may do.",
           ("modality", "cadence", "statutory", "clause", "clause_title"), color="#FBE3D6"),
        _T("statute", "Statute", "LAW_",
           "An Act, statutory instrument or statutory guidance, with the provision cited.",
           ("kind", "provision", "year", "url", "abbreviation", "clause", "clause_title"),
           color="#EDEDED",
           closed={"kind": ("act", "regulations", "guidance", "local")}, naming="plain"),
        _T("report", "Report", "REP_", "A report, plan or assessment a body produces.",
           ("cadence", "abbreviation", "clause", "clause_title"), color="#DCEFD9"),
        _T("reporting_line", "Reporting line", "LINE_",
           "One report sent by one body to another: one matrix cell.",
           ("action", "as_written", "timing", "note", "clause", "clause_title"), color="#F2F2D0"),
        _T("theme", "Theme", "THEME_", "A shared area of work with a lead body and contributors.",
           ("abbreviation", "clause", "clause_title"), statuses=("agreed", "proposed", "evolving"),
           color="#F9D7E2"),
        _T("escalation", "Escalation step", "STEP_",
           "One step of the route for resolving a concern between bodies.",
           ("step", "timescale", "clause", "clause_title"), color="#F7D9C4"),
        _T("signatory", "Signatory", "SIGN_",
           "Someone who must sign the protocol, in a named role, as the signature table writes it.",
           ("name", "organisation", "designation", "signed_on", "clause", "clause_title"),
           color="#E0E0F8"),
        _T("term", "Term", "TERM_", "An abbreviation and what it stands for in this protocol.",
           ("abbreviation", "expansion", "clause", "clause_title"), color="#F0F0F0"),
        _T("meeting", "Meeting rules", "MEET_",
           "How a body meets: frequency, quorum, notice, deadlines, attendance.",
           ("meetings_per_year", "schedule", "notice", "extraordinary_notice", "report_deadline",
            "agenda_deadline", "papers_deadline", "minutes_deadline", "attendance",
            "attendance_minimum", "attendance_trigger", "deputies", "decision_rule",
            "urgent_decisions", "clause", "clause_title"),
           color="#D6EAF8"),
        _T("version", "Version history entry", "VER_",
           "One row of the protocol's own version history: version, date, status, what changed, by "
           "whom.",
           ("version", "date", "changes", "by", "clause", "clause_title"),
           statuses=tuple(STATUSES), color="#E6EEF7"),
    )
}

_L = LinkType
LINK_TYPES: dict[str, LinkType] = {
    lt.name: lt
    for lt in (
        _L("owner", "owned by", "owns", ("duty",), (ACTOR,), "Who carries the duty.",
           required_on=("duty",), phrase="is owned by", role_noun="Owner"),
        _L("basis", "based on", "basis of", ("duty", "body", "report", "role", "theme"),
           ("statute",), "The law or guidance a duty, body or report rests on.", phrase="rests on"),
        _L("accountable_to", "accountable to", "receives accountability from", (ACTOR,), (ACTOR,),
           "Line accountability. It may not go round in a circle.", phrase="is accountable to",
           diagram="accountable"),
        _L("produced_by", "produced by", "produces", ("report",), (ACTOR,), "Who writes a report.",
           phrase="is produced by", role_noun="Producer"),
        _L("report", "carries", "sent as", ("reporting_line",), ("report",),
           "The report a reporting line sends.", required_on=("reporting_line",),
           phrase="carries", role_noun="Report carried", fix="with the ID of the report it sends"),
        _L("sender", "from", "sends", ("reporting_line",), (ACTOR,),
           "Who sends it; taken from the report's producer when left out.", phrase="is sent by",
           role_noun="Sender"),
        _L("recipient", "to", "receives", ("reporting_line",), (ACTOR,), "Who receives it.",
           required_on=("reporting_line",), phrase="goes to",
           fix="with the ID of the body that receives it"),
        _L("lead", "led by", "leads", ("theme",), (ACTOR,), "Who leads a shared theme.",
           phrase="is led by", role_noun="Lead"),
        _L("contributors", "with contributions from", "contributes to", ("theme",), (ACTOR,),
           "Who contributes to a shared theme.", phrase="has contributions from"),
        _L("member_of", "member of", "has as member", (ACTOR,), ("body",), "Full membership.",
           phrase="is a member of"),
        _L("observer_of", "participant observer of", "has as participant observer",
           ("role", "organisation"), ("body",),
           "Attends and takes part without being a full member.",
           phrase="is a participant observer of"),
        _L("chairs", "chairs", "chaired by", ("role",), ("body",), "The office that chairs a body.",
           phrase="chairs", role_noun="Body chaired"),
        _L("appointed_by", "appointed by", "appoints", ("role",), (ACTOR,),
           "Who appoints an office holder.", phrase="is appointed by", role_noun="Appointed by"),
        _L("office_in", "an office of", "has the office", ("role",), ("body", "organisation"),
           "The organisation or body an office belongs to.", phrase="is an office of",
           role_noun="Office of"),
        _L("subgroup_of", "subgroup of", "has subgroup", ("body",), ("body",),
           "A group that works under a body.", phrase="is a subgroup of"),
        _L("delegates_to", "delegates to", "delegate of", ("role",), ("role",),
           "A lead office hands its work to a delegate and keeps the accountability.",
           phrase="delegates to"),
        _L("agency_of", "relevant agency of", "has as relevant agency", ("organisation",),
           ("body",),
           "An agency the safeguarding partners name as relevant to their arrangements.",
           phrase="is a relevant agency of"),
        _L("rules_for", "meeting rules of", "meets under", ("meeting",), ("body",),
           "The body whose meetings these rules govern.", required_on=("meeting",),
           phrase="sets the meeting rules of", role_noun="Body", noun="body"),
        _L("quorum", "quorum needs", "needed for the quorum of", ("meeting",), (ACTOR,),
           "The members who must be present for a meeting to be quorate.",
           phrase="needs for its quorum"),
        _L("challenges", "challenges", "challenged by", (ACTOR,), (ACTOR,),
           "Scrutiny and challenge. Kept apart from accountability, and may be mutual.",
           phrase="challenges", diagram="challenge"),
        _L("seeks_assurance_from", "seeks assurance from", "gives assurance to", (ACTOR,),
           (ACTOR,), "Asks for assurance without line accountability.",
           phrase="seeks assurance from", diagram="challenge"),
        _L("escalates_to", "escalates to", "escalated from", ("escalation",), ("escalation",),
           "The next step when a concern is not resolved.", phrase="escalates to"),
        _L("handled_by", "handled by", "handles", ("escalation",), (ACTOR,),
           "Who acts at a step.", phrase="is handled by", role_noun="Handled by"),
        _L("office", "signs as", "signing office for", ("signatory",), ("role",),
           "The office in which someone signs.", required_on=("signatory",), phrase="signs as",
           role_noun="Signing office"),
        _L("on_behalf_of", "on behalf of", "signed for by", ("signatory",),
           ("body", "organisation"), "The body or organisation the signatory signs for.",
           phrase="signs on behalf of", role_noun="Signing on behalf of"),
        _L("signs", "signs", "signed by", ("signatory",), ("protocol",),
           "The protocol signed; the protocol of the folder when left out.", phrase="signs",
           role_noun="Protocol signed"),
        _L("parties", "between", "party to", ("protocol",), (ACTOR,),
           "The bodies that agree the protocol.", phrase="is agreed between"),
        _L("replaces", "replaces", "replaced by", (ANY,), (ANY,), "A predecessor of the same kind.",
           phrase="replaces"),
        _L("refers_to", "stands for", "abbreviated as", ("term",), (ANY,),
           "The item an abbreviation names.", phrase="stands for", role_noun="Meaning"),
        _L("endorsed_by", "endorsed by", "endorses", ("protocol",), (ACTOR,),
           "A body that endorsed the protocol without being a party to it.",
           phrase="is endorsed by"),
        _L("collaborates_with", "collaborates with", "collaborates with", (ACTOR,), (ACTOR,),
           "Joint work between equals, with no line of accountability either way.",
           phrase="collaborates with"),
        _L("hosts", "hosts", "hosted by", (ACTOR,), (ACTOR,),
           "An organisation that hosts a body or team (employs its staff, gives it a home).",
           phrase="hosts", role_noun="Host"),
        _L("funds", "funds", "funded by", (ACTOR,), (ACTOR,),
           "An organisation that contributes money to a body's budget.", phrase="funds"),
        _L("version_of", "version of", "has version", ("version",), ("protocol",),
           "The protocol a version history entry belongs to; the protocol of the folder when left "
           "out.", phrase="is a version of", role_noun="Protocol"),
    )
}

#: The rule that reports a missing required link, by (link, item type); any other pair is P15.
REQUIRED_RULES: dict[tuple[str, str], str] = {
    ("owner", "duty"): "P05",
    ("report", "reporting_line"): "P06",
    ("recipient", "reporting_line"): "P06",
    ("office", "signatory"): "P07",
}
REQUIRED_DEFAULT_RULE = "P15"

#: Written in a link field, this stands for 'to be confirmed': kept and reported, never an error.
TBC_MARKERS = frozenset({"tbc", "TBC", "Tbc"})


def required_links(item_type: str) -> list[tuple[LinkType, str]]:
    """The links an item of this type must have, each with the rule that reports it missing."""
    return [(lt, REQUIRED_RULES.get((lt.name, item_type), REQUIRED_DEFAULT_RULE))
            for lt in LINK_TYPES.values() if item_type in expand(lt.required_on)]


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
        {"directive": t.name, "title": t.title, "prefix": t.prefix, "color": t.color,
         "style": "node"}
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
            "target_types": list(target_types(lt)),
            "allow_dead_links": True,  # our own rules report dead links in plain English
        }
        for lt in LINK_TYPES.values()
    }
    return {"needs_types": types, "needs_fields": fields, "needs_links": links}


def source_types(link: LinkType) -> tuple[str, ...]:
    """The item types a link may be written on, now."""
    return expand(link.sources)


def target_types(link: LinkType) -> tuple[str, ...]:
    """The item types a link may point at, now."""
    return expand(link.targets)


def expand(types: Iterable[str]) -> tuple[str, ...]:
    """Item type names, with :data:`ACTOR` and :data:`ANY` replaced by the types they mean."""
    names: list[str] = []
    for name in types:
        if name == ANY:
            names += ITEM_TYPES
        elif name == ACTOR:
            names += actor_types()
        else:
            names.append(name)
    return tuple(dict.fromkeys(names))


def actor_types() -> tuple[str, ...]:
    """The item types that can own, send, receive and be accountable (body, role, organisation)."""
    return tuple(t.name for t in ITEM_TYPES.values() if t.actor)


def profiled_types() -> tuple[str, ...]:
    """The item types that get a profile page."""
    return tuple(t.name for t in ITEM_TYPES.values() if t.profile)


def fields_of_kind(*kinds: str) -> tuple[str, ...]:
    """The field names of the given kinds ('date', 'duration' ...), in table order."""
    return tuple(f.name for f in FIELDS.values() if f.kind in kinds)


def is_actor(item_type: str) -> bool:
    return item_type in ITEM_TYPES and ITEM_TYPES[item_type].actor
