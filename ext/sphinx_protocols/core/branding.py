"""The partnership's colours and logo, set once in conf.py and checked for contrast (WCAG 1.4.3)."""

from __future__ import annotations

import re

HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
WHITE = "#ffffff"


def luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour, as WCAG 2 defines it."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def problems(colour: str) -> list[str]:
    """Why a brand colour cannot be used: it colours links on white and carries white text."""
    if not HEX.match(colour):
        return [f"protocols_brand_colour '{colour}' is not a colour like #1d3c5a (a # and six "
                "hexadecimal digits)."]
    ratio = contrast(colour, WHITE)
    if ratio < 4.5:
        return [f"protocols_brand_colour {colour} has a contrast of {ratio:.2f}:1 with white; "
                "links and the "
                "white text on it need at least 4.5:1. Choose a darker colour."]
    return []


def css_variables(colour: str) -> str:
    return f":root {{ --protocols-brand: {colour}; }}\n"
