"""`make conformance`: the built site and PDFs through validators that nobody here wrote.

Each check (the Nu HTML Checker, axe-core at five widths, a PDF/UA structure check, a
``needimport`` round trip) returns a ``Check``: what it looked at, the errors counted by message,
and whether it could run at all. The command prints them and fails on any error.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Check:
    name: str
    title: str = ""  # for readers of the accessibility statement
    looked_at: str = ""  # '446 pages and 2 stylesheets'
    errors: Counter = field(default_factory=Counter)  # message -> how many times
    notes: Counter = field(default_factory=Counter)  # warnings and advice: shown, never failing
    details: list[str] = field(default_factory=list)  # one located line per error, for the log
    unavailable: str = ""  # why the check could not run ('' when it ran)
    seconds: float = 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def report(self, top: int = 15) -> list[str]:
        """The lines printed for this check: a summary, then the commonest errors with counts."""
        if self.unavailable:
            return [f"{self.name}: could not run: {self.unavailable}"]
        lines = [
            f"{self.name}: {self.looked_at}: {self.error_count} error(s), "
            f"{sum(self.notes.values())} warning(s) ({self.seconds:.0f} s)"
        ]
        lines += [f"  {n:6d}  {message}" for message, n in self.errors.most_common(top)]
        if len(self.errors) > top:
            lines.append(f"  ... and {len(self.errors) - top} other message(s)")
        return lines
