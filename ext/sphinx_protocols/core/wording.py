"""How numbers and dates read on every page, in the PDF and on the terminal: one style.

Dates read '20 April 2016'; counts read '1 error' and '2 errors', never '1 error(s)'.
"""

from __future__ import annotations

import re

from sphinx_protocols.core.schema import BLANK_MARKERS
from sphinx_protocols.core.versions import long_date

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Plurals that do not just add an 's'.
_IRREGULAR = {"was": "were", "has": "have", "is": "are", "it": "they", "protocol": "protocols"}


def reader_date(value: str) -> str:
    """'2016-04-20' -> '20 April 2016'; a cell left blank in the source -> 'not stated'; anything
    else (a month, 'tbc') as written."""
    return long_date(value) if value in BLANK_MARKERS or _ISO.match(value or "") else value


def plural(count: int, word: str, words: str = "") -> str:
    """'1 error', '2 errors', '0 errors'; ``words`` for a plural not made with 's'."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {words or _IRREGULAR.get(word) or word + 's'}"


def cell(value: str) -> str:
    """A table cell as the source wrote it: empty where it was left blank, dates in words."""
    return "" if value in BLANK_MARKERS else reader_date(value or "")
