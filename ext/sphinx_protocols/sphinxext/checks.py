"""The model of the build, made once all pages are read; the rules run on it, and what they find.

The model, the findings and the git history are kept in the build state (:mod:`.state`).
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning
from sphinx_needs.api import get_needs_view

from sphinx_protocols.core import ledger, views
from sphinx_protocols.core.lexicon import PACKAGED, LexiconError, Term, load, merge
from sphinx_protocols.core.model import Partnership, item_from_need
from sphinx_protocols.core.rules import Finding, order, run_rules
from sphinx_protocols.core.versions import Place
from sphinx_protocols.core.vocabulary import LINK_TYPES
from sphinx_protocols.core.wording import plural
from sphinx_protocols.sphinxext import console
from sphinx_protocols.sphinxext.audience import audience_of
from sphinx_protocols.sphinxext.config import conf_location, get_config
from sphinx_protocols.sphinxext.messages import emit, locate
from sphinx_protocols.sphinxext.state import get_state
from sphinx_protocols.tools.history import History

logger = logging.getLogger("sphinx_protocols")


def _keep_link_order(app: Sphinx, needs: Any) -> None:
    """sphinx-needs sorts link lists; the order written matters (matrix columns follow the
    parties)."""
    get_state(app).link_order = {
        need_id: {
            name: list(dict.fromkeys(need.get(name) or [])) for name in LINK_TYPES if need.get(name)
        }
        for need_id, need in needs.items()
    }


def _restore_link_order(app: Sphinx, needs: Any) -> None:
    """Put every link list back in the order the author wrote, for pages and for our views."""
    for need_id, links in get_state(app).link_order.items():
        need = needs.get(need_id)
        for name, written in links.items():
            if need is not None and sorted(need.get(name) or []) == sorted(written):
                need[name] = written


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()
    )


def _lexicon(app: Sphinx) -> list[Term]:
    terms = load(PACKAGED)
    name = get_config(app.env).lexicon
    path = Path(app.confdir, name)
    if not path.is_file():
        if name != "lexicon.yaml":
            logger.warning(f"protocols_lexicon names '{name}', but there is no such file beside "
                           "conf.py. Correct the name, or delete the setting.",
                           type="protocols", subtype="P27",
                           location=conf_location(app, "protocols_lexicon"))
        return terms
    try:
        return merge(terms, load(path))
    except LexiconError as err:
        logger.warning(f"The lexicon cannot be used, so only the packaged terms are checked: "
                       f"{err.args[0]}", type="protocols", subtype="P26",
                       location=f"{err.path}:{err.line}")
        return terms


def get_partnership(app: Sphinx) -> Partnership:
    """The model of this build, made once from the sealed sphinx-needs data."""
    state = get_state(app)
    if state.partnership is None:
        needs = get_needs_view(app).values()
        made = Partnership((item_from_need(n) for n in needs if not n["is_external"]),
                           lexicon=_lexicon(app), today=build_date())
        state.partnership = made
        made.tags = get_history(app).tag_checks()  # git: each protocol's nearest tag, for F16
        made.signed = ledger.signed_in(Path(app.srcdir), made.protocols)  # for F18
    return state.partnership


def places(app: Sphinx, p: Partnership) -> list[Place]:
    """Where each protocol lives in the project, for the git history."""
    return [Place(x.id, posixpath.dirname(x.docname),
                  Path(app.env.doc2path(x.docname, False)).as_posix(), x.get("version"))
            for x in p.protocols]


def get_history(app: Sphinx) -> History:
    """The project's history for this build's partnership, read from git once per build."""
    state = get_state(app)
    if state.history is None:
        state.history = History(Path(app.srcdir), places(app, get_partnership(app)))
    return state.history


def get_findings(app: Sphinx) -> list[Finding]:
    state = get_state(app)
    if state.findings is None:
        found = run_rules(get_partnership(app), strict=get_config(app.env).strict)
        suppressed = app.config.suppress_warnings
        found = [f for f in found if not is_suppressed_warning("protocols", f.rule, suppressed)]
        state.findings = sorted(
            (replace(f, lineno=locate(app, f), field="", needle="") for f in found), key=order)
    return state.findings


def _check(app: Sphinx, env: BuildEnvironment) -> None:
    get_state(app).checked = True
    for finding in get_findings(app):
        if finding.severity == "error":
            emit(app, finding)


def summary(findings: list[Finding], partnership: Partnership, problems: int) -> list[str]:
    """Console lines: findings per protocol, and every problem that fails the build.

    ``problems`` counts all warnings of the build, including those sphinx-needs and Sphinx
    report themselves (a duplicate ID, a broken page link), so the total is never too low.
    """
    counts = Counter((f.protocol, f.severity) for f in findings)
    lines = []
    agreed = {p.id for p in partnership.protocols if p.status == "agreed"}
    for proto in [*(p.id for p in partnership.protocols), ""]:
        errors, found, notes = (counts.get((proto, s), 0) for s in ("error", "finding", "note"))
        if errors or found or notes:
            name = partnership.label(proto) if proto else "Shared items"
            later = " to resolve at the next review" if proto in agreed else ""
            lines.append(f"  {name}: {plural(errors, 'error')}, {plural(found, 'finding')}{later}, "
                         f"{plural(notes, 'note')}")
    total = Counter(f.severity for f in findings)
    lines.insert(0, f"Protocol checks: {plural(problems, 'error')}, "
                    f"{plural(total['finding'], 'finding')} for review, "
                    f"{plural(total['note'], 'note')} for the next review.")
    return lines


def plain_summary(app: Sphinx, findings: list[Finding]) -> list[str]:
    """The few sentences an ordinary build ends with: what was built, where, and what is wrong."""
    lines = []
    if app.builder.name != "pdf":
        profiles = views.profiled(get_partnership(app)) if get_config(app.env).profile_pages else []
        pages = len(app.env.found_docs) + len(profiles)
        who = "the partners" if audience_of(app) == "partners" else "the public"
        site = console.where(app.outdir)
        lines.append(f"Built {plural(pages, 'page')} for {who} in {site}: open {site}/index.html.")
    errors = app._warncount
    lines.append(f"{plural(errors, 'error')}: each is listed above with its file and line. The "
                 "site cannot be published until they are fixed." if errors else "No errors.")
    counts = Counter(f.severity for f in findings)
    if waiting := [plural(counts[kind], kind) for kind in ("finding", "note") if counts[kind]]:
        lines.append(f"{' and '.join(waiting)} for review: `make check` lists them (or build "
                     "with -v).")
    return lines


def _summarise(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not get_state(app).checked:
        return
    findings = get_findings(app)
    if not app.quiet:  # the details: every finding and note, and the counts per protocol
        for finding in findings:
            if finding.severity != "error":
                emit(app, finding)
        for line in summary(findings, get_partnership(app), app._warncount):
            logger.info(line)
    if app.builder.format == "html":  # the site or the PDFs; the commands print their own
        console.say(app, *plain_summary(app, findings))


def setup_checks(app: Sphinx) -> None:
    app.connect("needs-before-post-processing", _keep_link_order)
    app.connect("needs-before-sealing", _restore_link_order)
    app.connect("env-check-consistency", _check)
    app.connect("build-finished", _summarise)
