"""The shortcuts that spare lines a pattern must never change what the pattern finds.

A stage tries a line-start pattern only when the line's first character
can open it (fold's BOILERPLATE_INITIALS, pairing's PROSE_INITIALS…). These
tests read each pattern's own syntax tree for the characters a match can
start with, so a new alternative that opens with another letter fails here
instead of being silently skipped.
"""
from __future__ import annotations

import re
import string
from re import _constants as sre
from re import _parser

import pytest

from foiparse import fold, pairing

ANY = "any character"


def _first_of_sequence(items, ignore_case: bool) -> tuple[set, bool]:
    found: set = set()
    for op, av in items:
        first, nullable = _first_of_item(op, av, ignore_case)
        found |= first
        if not nullable:
            return found, False
    return found, True


def _first_of_item(op, av, ignore_case: bool) -> tuple[set, bool]:
    if op is sre.LITERAL:
        char = chr(av)
        return ({char.lower(), char.upper()} if ignore_case else {char}), False
    if op is sre.IN:
        chars: set = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars |= {chr(value).lower(), chr(value).upper()} if ignore_case else {chr(value)}
            elif kind is sre.RANGE:
                chars |= {chr(c) for c in range(value[0], value[1] + 1)}
            elif kind is sre.CATEGORY and value in (sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE):
                chars |= set(string.whitespace)
            elif kind is sre.CATEGORY and value in (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT):
                chars |= set(string.digits)
            else:
                chars.add(ANY)
        return chars, False
    if op is sre.BRANCH:
        found, nullable = set(), False
        for branch in av[1]:
            first, empty = _first_of_sequence(branch, ignore_case)
            found |= first
            nullable = nullable or empty
        return found, nullable
    if op is sre.SUBPATTERN:
        return _first_of_sequence(av[3], ignore_case)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        first, empty = _first_of_sequence(av[2], ignore_case)
        return first, av[0] == 0 or empty
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # zero width: what follows opens the match
    return {ANY}, False


def first_characters(pattern: re.Pattern) -> set:
    """Every character a match can open with, leading white space aside."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    found, _ = _first_of_sequence(parsed, bool(pattern.flags & re.I))
    return found - set(string.whitespace)


@pytest.mark.parametrize("pattern, initials", [
    (fold.BOILERPLATE_OPENING, fold.BOILERPLATE_INITIALS),
    (fold.VALEDICTION, fold.VALEDICTION_INITIALS),
    (fold.DISCLAIMER_RULE, fold.RULE_HEADS),
    (fold.REFERENCES_HEADING, "Rr"),
    (fold.SIG_SEPARATOR, "-"),
    (fold.ORIGINAL_MESSAGE, fold.QUOTE_HEADS),
    (fold.HEADER_FROM, fold.QUOTE_HEADS),
    (fold.RULE, fold.QUOTE_HEADS),
    (fold.ON_WROTE, fold.QUOTE_HEADS),
    (pairing.LABEL_RANGE, set(pairing.RANGE_INITIALS) | set(string.digits)),
    (pairing.PROSE_LABEL, pairing.PROSE_INITIALS),
])
def test_a_line_skipped_by_its_first_character_could_not_have_matched(pattern, initials):
    assert first_characters(pattern) <= set(initials)


def test_the_first_character_reader_sees_every_alternative():
    assert first_characters(re.compile(r"^\s*(?:yes|no\b|(?:maybe|perhaps))", re.I)) == set("yYnNmMpP")
    assert ANY in first_characters(re.compile(r"^.x"))
