"""Errors in the shape of the source: a clause left open, so the next one is read inside it."""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_protocols.core.model import Partnership

from .base import Finding, describe, documented, found, rule


@rule("P17", "error", "A clause is not closed, so the next clause is read as part of it.",
      "Add a line ':::' after the text of the first clause, before the next one starts.",
      "Duty DUTY_B is written inside Duty DUTY_A (line 1): the clause DUTY_A is not closed. Add a "
      "line "
      "':::' after its text, before this clause starts.")
def nested(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        outer = p.get(item.parent) if item.parent else None
        if outer is not None:
            yield found("P17", item,
                        f"{describe(item)} is written inside {describe(outer)} (line "
                        f"{outer.lineno}): "
                        f"the clause {outer.id} is not closed. Add a line ':::' after its text, "
                        "before this "
                        "clause starts.")


@rule("P22", "error", "An item has no title (nothing after ':::{duty}').",
      "Write the clause's title on the first line, after the item type: ':::{duty} Publish an "
      "annual report'.",
      "Duty DUTY_X has no title: write it after ':::{duty}' on the first line, such as ':::{duty} "
      "Publish an annual report'. Pages, tables and PDFs name each item by its title.")
def untitled(p: Partnership) -> Iterator[Finding]:
    for item in p.items.values():
        if not item.title.strip():
            example = _EXAMPLES.get(item.type, "Its name")
            yield found("P22", item,
                        f"{describe(item)} has no title: write it after ':::{{{item.type}}}' on "
                        f"the first line, such as ':::{{{item.type}}} {example}'. "
                        "Pages, tables and PDFs name each item by its title.")


_EXAMPLES = {"duty": "Publish an annual report", "body": "Safeguarding Adults Board",
             "protocol": "Safeguarding partnership protocol"}


documented(
    "P18", "error", "A block names a directive the tool does not know (often a misspelt item "
                    "type).",
    "Correct the name after ':::{'; the message suggests the nearest item or view, and the guide's "
    "reference lists them all.",
    "':::{dutty}' is not an item type or view the tool knows, so this block is shown as an error "
    "box. "
    "Did you mean ':::{duty}'? The guide's reference lists every item type and view.")


documented(
    "P40", "error", "A page has raw HTML (an HTML block, an inline tag or the {raw} directive).",
    "Write it in Markdown. Raw HTML is shown as text unless conf.py sets protocols_raw_html = "
    "True, since HTML from any author could run a script on the public site.",
    "This page has raw HTML ('<script>alert(1)</script>'), which is shown as text: HTML in a page "
    "could run a script on the published site. Write it in Markdown instead; a partnership that "
    "accepts the risk can set protocols_raw_html = True in conf.py.")


documented(
    "P41", "error", "A page takes in a file from outside the project folder, or something from the "
    "internet ({include}, {literalinclude}, {raw} or {csv-table} with :file: or :url:, a picture, "
    "a download link, a graph file, {needimport}, {needservice}, or a page that is a link to a "
    "file elsewhere).",
    "Copy the file into the project folder (beside conf.py) and name it from there; save a copy "
    "of anything on the internet. What a page takes in is published, so a build reads nothing "
    "else.",
    "'{include}' names the file ../../outside.txt, which is outside the project folder. A build "
    "reads only the project's own files and fetches nothing from the internet, since whatever a "
    "page takes in is published. Copy the file into the project folder (beside conf.py) and name "
    "it from there.")


documented(
    "P42", "error", "An item asks for its text or a template file to be run as a template "
    "(:jinja_content:, :template:, :pre_template: or :post_template:).",
    "Delete the line: the clause is published as written. A template can read any file and run "
    "programs on the computer that builds the site, so none is run.",
    "':jinja_content:' asks the build to run this clause's text as a template, which could read "
    "any file or run a program on the computer that builds the site, so it is ignored and the "
    "clause is published as written. Delete the line.")
