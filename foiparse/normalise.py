"""Layout noise out, words kept: one output line for every input line.

Copying a web page or a mail into text leaves characters that change no
word but break every pattern downstream: non-breaking spaces, direction
marks, flattened superscripts (``16^th``). Removing them here, line for line,
keeps every later stage simple and every line number true.
"""
from __future__ import annotations

import re

# Characters that are layout only: no-break and narrow spaces, zero-width
# spaces and joiners, left-to-right / right-to-left marks (e.g. "Dear ‎Madam‏").
_INVISIBLE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u200e": None,
        "\u200f": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
# A superscript ordinal flattened by copying: "16^th", "1^st", "2^nd", "3^rd".
_FLAT_SUPERSCRIPT = re.compile(r"(?<=\d)\^(st|nd|rd|th)\b")


def normalise(lines: list[str]) -> list[str]:
    """Every line cleaned. Most lines are plain ASCII, and skip the translation."""
    out = []
    for line in lines:
        if not line.isascii():
            line = line.translate(_INVISIBLE)
        if "^" in line:
            line = _FLAT_SUPERSCRIPT.sub(r"\1", line)
        out.append(line.rstrip())
    return out
