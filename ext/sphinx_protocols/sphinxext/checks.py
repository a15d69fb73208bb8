"""Run the rules once all pages are read, and report what they find."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning
from sphinx_needs.api import get_needs_view

from sphinx_protocols.core import views
from sphinx_protocols.core.lexicon import PACKAGED, LexiconError, Term, load, merge
from sphinx_protocols.core.model import Partnership, item_from_need
from sphinx_protocols.core.rules import Finding, run_rules
from sphinx_protocols.core.vocabulary import LINK_TYPES
from sphinx_protocols.sphinxext import console
from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.messages import emit, locate

logger = logging.getLogger("sphinx_protocols")


def _keep_link_order(app: Sphinx, needs: Any) -> None:
    """sphinx-needs sorts link lists; the order written matters (matrix columns follow the parties)."""
    app._protocols_link_order = {  # type: ignore[attr-defined]
        need_id: {name: list(dict.fromkeys(need.get(name) or [])) for name in LINK_TYPES if need.get(name)}
        for need_id, need in needs.items()
    }


def _restore_link_order(app: Sphinx, needs: Any) -> None:
    """Put every link list back in the order the author wrote, for pages and for our views."""
    for need_id, links in getattr(app, "_protocols_link_order", {}).items():
        need = needs.get(need_id)
        for name, written in links.items():
            if need is not None and sorted(need.get(name) or []) == sorted(written):
                need[name] = written


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()


def _lexicon(app: Sphinx) -> list[Term]:
    terms = load(PACKAGED)
    name = get_config(app.env).lexicon
    path = Path(app.confdir, name)
    if not path.is_file():
        if name != "lexicon.yaml":
            logger.warning(f"conf.py: protocols_lexicon names '{name}', but there is no such file beside conf.py.",
                           type="protocols", subtype="config")
        return terms
    try:
        return merge(terms, load(path))
    except LexiconError as err:
        logger.warning(str(err), type="protocols", subtype="config", location=str(path))
        return terms


def get_partnership(app: Sphinx) -> Partnership:
    """The model of this build, made once from the sealed sphinx-needs data."""
    cached = getattr(app, "_protocols_partnership", None)
    if cached is None:
        cached = Partnership((item_from_need(n) for n in get_needs_view(app).values() if not n["is_external"]),
                             lexicon=_lexicon(app), today=build_date())
        from sphinx_protocols.sphinxext.stamps import (
            get_history,  # git: each protocol's nearest tag, for rule F16
        )

        cached.tags = get_history(app, cached).tag_checks()
        app._protocols_partnership = cached  # type: ignore[attr-defined]
    return cached


def get_findings(app: Sphinx) -> list[Finding]:
    cached = getattr(app, "_protocols_findings", None)
    if cached is None:
        found = run_rules(get_partnership(app), strict=get_config(app.env).strict)
        suppressed = app.config.suppress_warnings
        found = [f for f in found if not is_suppressed_warning("protocols", f.rule, suppressed)]
        cached = sorted((replace(f, lineno=locate(app, f), field="", needle="") for f in found),
                        key=lambda f: (f.docname, f.lineno, f.rule, f.message))
        app._protocols_findings = cached  # type: ignore[attr-defined]
    return cached


def _check(app: Sphinx, env: BuildEnvironment) -> None:
    app._protocols_partnership = None  # type: ignore[attr-defined]
    app._protocols_findings = None  # type: ignore[attr-defined]
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
    for proto in [*(p.id for p in partnership.protocols), ""]:
        errors, found, notes = (counts.get((proto, s), 0) for s in ("error", "finding", "note"))
        if errors or found or notes:
            name = partnership.label(proto) if proto else "Shared items"
            lines.append(f"  {name}: {errors} error(s), {found} finding(s), {notes} note(s)")
    total = Counter(f.severity for f in findings)
    lines.insert(0, f"Protocol checks: {problems} error(s), {total['finding']} finding(s) for review, "
                    f"{total['note']} note(s) for the next review.")
    return lines


def plain_summary(app: Sphinx, findings: list[Finding]) -> list[str]:
    """The few sentences an ordinary build ends with: what was built, where, and what is wrong."""
    from sphinx_protocols.sphinxext.audience import audience_of

    lines = []
    if app.builder.format == "html" and app.builder.name != "pdf":
        pages = len(app.env.found_docs) + (len(views.profiled(get_partnership(app)))
                                           if get_config(app.env).profile_pages else 0)
        who = "the partners" if audience_of(app) == "partners" else "the public"
        site = console.where(app.outdir)
        lines.append(f"Built {console.plural(pages, 'page')} for {who} in {site}: open {site}/index.html.")
    errors = app._warncount
    lines.append(f"{console.plural(errors, 'error')}: each is listed above with its file and line. The site "
                 "cannot be published until they are fixed." if errors else "No errors.")
    counts = Counter(f.severity for f in findings)
    if waiting := [console.plural(counts[kind], kind) for kind in ("finding", "note") if counts[kind]]:
        lines.append(f"{' and '.join(waiting)} for review: `make check` lists them (or build with -v).")
    return lines


def _summarise(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or getattr(app, "_protocols_findings", None) is None:
        return
    findings = get_findings(app)
    if not app.quiet:  # the details: every finding and note, and the counts per protocol
        for finding in findings:
            if finding.severity != "error":
                emit(app, finding)
        for line in summary(findings, get_partnership(app), app._warncount):
            logger.info(line)
    console.say(app, *plain_summary(app, findings))


def setup_checks(app: Sphinx) -> None:
    app.connect("needs-before-post-processing", _keep_link_order)
    app.connect("needs-before-sealing", _restore_link_order)
    app.connect("env-check-consistency", _check)
    app.connect("build-finished", _summarise)
