"""Errors found in a page's text and the project's files before and while they are read.

They have no check over the model: core/source.py and sphinxext/sources.py find them in the text,
sphinxext/config.py and checks.py in conf.py and lexicon.yaml. They are registered for the guide.
"""

from __future__ import annotations

from .base import documented

documented(
    "P19",
    "error",
    "An option is given twice in one item (only one value would be kept).",
    "Delete one of the two lines, or join the values with commas on one line.",
    "':owner:' is given twice in this ':::{duty}' (first at line 12); only one value can be kept. "
    "Delete one of them, or join the values with commas.",
)
documented(
    "P20",
    "error",
    "An option line is not written ':name: value' (a colon missing, a space or "
    "tab before it, a blank line before the options, an option a view does not "
    "have).",
    "Write each option at the start of a line, as ':name: value', straight after the first line.",
    "':owner' is not written as an option: put a colon after the name, as in ':owner: value'.",
)
documented(
    "P23",
    "error",
    "A ':::' line closes no clause, a block is never closed, or blocks are nested too deep.",
    "Close every block with one ':::' line (or '```' for a view) after its text.",
    "The block ':::{meeting}' that starts here is never closed. Add a line ':::' after its text.",
)
documented(
    "P24",
    "error",
    "A page is not UTF-8 text (Windows-1252, Latin-1, UTF-16), or holds a NUL character.",
    "Save the page again as UTF-8 (Save As, Encoding 'UTF-8').",
    "This page is not UTF-8 text: the byte 0x92 (probably '’') on this line looks like "
    "Windows-1252, an older encoding. Save the page again as UTF-8 (in Word or Notepad: Save As, "
    "Encoding 'UTF-8'). The page was left out of the site.",
)
documented(
    "P25",
    "error",
    "A page's front matter (the lines between '---' at its top) cannot be read.",
    "Write one 'name: value' line each between the two '---' lines, or delete them.",
    "The front matter that starts with this '---' line is never closed. Add a line '---' after "
    "it, or delete this line.",
)
documented(
    "P26",
    "error",
    "A file the tool reads beside conf.py cannot be used: lexicon.yaml (not YAML, "
    "not UTF-8, an entry of the wrong shape), or the results of make a11y or make "
    "conformance.",
    "Correct the line the message names; the guide's 'Terms that changed in law' shows an entry.",
    "The lexicon cannot be used, so only the packaged terms are checked: 'match' must be a text "
    "or a list of texts in square brackets, such as [Old Board, OB], not 42.",
)
documented(
    "P27",
    "error",
    "A setting in conf.py is of the wrong kind, names a missing file, or is not a "
    "setting of the tool (often misspelt).",
    "Correct the line of conf.py the message names; the reference lists every setting.",
    "'protocols_strikt' is not a setting of the tool, so it has no effect. Did you mean "
    "'protocols_strict'? The guide's reference lists every setting.",
)
documented(
    "P28",
    "error",
    "A page is empty or has no title, is in no list of pages (toctree), or a "
    "toctree or a link names a page that is not there.",
    "Give the page a '# Title' and its text and list it in a toctree, or correct the name.",
    "This page is empty: it has no title and no text, so it cannot be listed or linked. Give it a "
    "first line '# Title' and its text, or delete it and take it out of the toctree that lists "
    "it.",
)
