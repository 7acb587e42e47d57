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
from foiparse.answer_types import classify_answer
from foiparse.model import same_length_lower

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
                span = {chr(c) for c in range(value[0], value[1] + 1)}
                chars |= {variant for c in span for variant in (c, c.lower(), c.upper()) if len(variant) == 1} if ignore_case else span
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


# The only characters outside ASCII that re.IGNORECASE takes for ASCII letters ("İ" for i, "ſ" for s, the Kelvin sign)
IGNORECASE_EXTRAS = "İıſ\u212a"
EMPTY = "an empty line"


def first_characters(pattern: re.Pattern) -> set:
    """Every character a match can open with, leading white space aside (EMPTY if a blank line may match)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    ignore_case = bool(pattern.flags & re.I)
    found, nullable = _first_of_sequence(parsed, ignore_case)
    if ignore_case:
        found |= {extra for extra in IGNORECASE_EXTRAS for char in found - {ANY} if re.fullmatch(re.escape(char), extra, re.I)}
    return (found - set(string.whitespace)) | ({EMPTY} if nullable else set())


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
    assert first_characters(re.compile(r"^\s*[a-c]x|^\s*is", re.I)) == set("abcABCiIİı")
    assert first_characters(re.compile(r"^\s*x?$")) == {"x", EMPTY}
    assert ANY in first_characters(re.compile(r"^.x"))


def test_same_length_lower_finds_what_a_case_blind_pattern_matches():
    text = "The request is refuſed. WE NEİTHER CONFİRM. \u212aind regards"
    low = same_length_lower(text)
    assert len(low) == len(text)
    assert "refused" in low and "neither confirm" in low and "kind regards" in low


@pytest.mark.parametrize("answer, kind", [
    ("The request is refuſed.", "refused"),
    ("WE NEİTHER CONFİRM NOR DENY that the information is held.", "exempt"),
])
def test_answers_written_with_letters_ignorecase_folds_are_classified_as_the_pattern_reads_them(answer, kind):
    assert classify_answer(answer)[0] == kind
