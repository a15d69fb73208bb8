"""Directives for the generated views. Each leaves a placeholder that render.py fills in once
every page is read, because a view shows items written on other pages."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_protocols.sphinxext.config import get_config
from sphinx_protocols.sphinxext.state import confdir, depend_on_file, depend_on_program


class protocols_view(nodes.General, nodes.Element):  # noqa: N801  (docutils node naming)
    """Placeholder for a generated view: ``view`` names it, the rest are its options."""


def _ids(argument: str) -> list[str]:
    return [part for part in argument.replace(",", " ").split() if part]


class ViewDirective(SphinxDirective):
    """A view of the partnership's items; ``view`` is the template it is drawn with."""

    view = ""
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: dict = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # any view may be kept to partners; sphinxext/audience.py blanks it out of a public build
        cls.option_spec = {**cls.option_spec, "audience": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        self.env.metadata[self.env.docname]["protocols_views"] = True
        node = protocols_view(
            view=self.view,
            docname=self.env.docname,
            argument=self.arguments[0] if self.arguments else "",
        )
        for key, value in self.options.items():
            node[key] = value
        self.set_source_info(node)
        return [node]


class ReportingMatrix(ViewDirective):
    """``reporting-matrix``: reports down, receiving bodies across, one cell per reporting line."""

    view = "matrix"
    option_spec = {
        "protocol": directives.unchanged,
        "caption": directives.unchanged,
        "columns": _ids,
    }


class DutyRegister(ViewDirective):
    view = "duty-register"
    option_spec = {"protocol": directives.unchanged}


class SignaturePage(ViewDirective):
    view = "signature-page"
    option_spec = {"protocol": directives.unchanged}


class BodyProfile(ViewDirective):
    view = "profile"
    required_arguments = 1
    optional_arguments = 0


class BodyIndex(ViewDirective):
    view = "body-index"


class FindingsList(ViewDirective):
    view = "findings"


class ProtocolList(ViewDirective):
    view = "protocol-list"


class Lexicon(ViewDirective):
    """``lexicon``: the dated terms the checks use, packaged and the partnership's own."""

    view = "lexicon"


class AccountabilityDiagram(ViewDirective):
    """``accountability-diagram``: who answers to, reports to and challenges whom, with a text
    equivalent."""

    view = "diagram"
    option_spec = {"protocol": directives.unchanged, "caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        depend_on_program(self.env, "dot")  # drawn once Graphviz is installed, text until then
        return super().run()


class AccessibilityStatement(ViewDirective):
    """``accessibility-statement``: the statement public-sector sites must publish, from config and
    results."""

    view = "accessibility-statement"

    def run(self) -> list[nodes.Node]:
        results = get_config(self.env).accessibility_results
        depend_on_file(self.env, confdir(self.env) / results)  # what 'make a11y' writes
        return super().run()


class MeetingRules(ViewDirective):
    """``meeting-rules``: one table per body of how it meets."""

    view = "meeting-rules"
    option_spec = {"protocol": directives.unchanged}


VIEWS = {
    "reporting-matrix": ReportingMatrix,
    "duty-register": DutyRegister,
    "signature-page": SignaturePage,
    "body-profile": BodyProfile,
    "body-index": BodyIndex,
    "findings": FindingsList,
    "protocol-list": ProtocolList,
    "lexicon": Lexicon,
    "meeting-rules": MeetingRules,
    "accountability-diagram": AccountabilityDiagram,
    "accessibility-statement": AccessibilityStatement,
}


def setup_directives(app: Sphinx) -> None:
    app.add_node(protocols_view)
    for name, directive in VIEWS.items():
        app.add_directive(name, directive)
