"""How well fold() agrees with Alaveteli on which lines of a reply to hide.

Alaveteli (the software behind WhatDoTheyKnow) ships test cases for folding
quoted text and email footers: ``email-folding-example-N.txt`` with a
``.txt.expected`` in which every run of text it hides is replaced by one
``FOLDED_QUOTED_SECTION`` line. They are read in place from the shared peer
data (never copied into this repository).

Per input line we work out whether Alaveteli hid it, by aligning the expected
text to the input, and compare with fold(): a line counts as hidden by
foiparse when its role is ``quoted`` or ``boilerplate`` (``signoff`` is
visible, as Alaveteli keeps signatures). Agreement is over non-blank lines.

    pytest tests/test_folding.py -s    # prints per-file and total agreement
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from foiparse.fold import fold
from foiparse.model import BOILERPLATE, QUOTED

FOLDING_DIR = Path(__file__).resolve().parent.parent / ".." / "shared" / "peer" / "alaveteli-mail" / "folding"
MARKER = "FOLDED_QUOTED_SECTION"
HIDDEN_ROLES = (QUOTED, BOILERPLATE)
THRESHOLD = 0.95


def _key(line: str) -> str:
    """A line as compared: inner runs of whitespace as one space, ends stripped."""
    return " ".join(line.split())


def _number(path: Path) -> int:
    found = re.search(r"(\d+)", path.name)
    return int(found.group(1)) if found else 0


def cases(folder: Path = FOLDING_DIR) -> list[tuple[Path, Path]]:
    """(input, expected) pairs in example-number order."""
    pairs = []
    for source in sorted(folder.glob("email-folding-example-*.txt"), key=_number):
        expected = source.with_name(source.name + ".expected")
        if expected.exists():
            pairs.append((source, expected))
    return pairs


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def alaveteli_hidden(lines: list[str], expected: list[str]) -> list[bool]:
    """Per input line, whether Alaveteli hid it (True) or kept it (False).

    The kept lines of ``expected`` appear in the input in order; every input
    line that no kept line accounts for belongs to a folded run. Lines are
    compared with whitespace normalised, so trailing spaces and re-indented
    lines still match; blank lines may pair up either way, which is harmless
    since agreement only counts non-blank lines.
    """
    a = [_key(line) for line in lines]
    b = [_key(line) for line in expected]
    hidden = [True] * len(lines)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i in range(i1, i2):
                hidden[i] = False
        elif tag == "replace":
            # A kept line altered beyond whitespace would land here: match what
            # can be matched in order, leave the rest hidden.
            kept = [k for k in b[j1:j2] if k and k != MARKER]
            pos = 0
            for i in range(i1, i2):
                if pos < len(kept) and a[i] == kept[pos]:
                    hidden[i] = False
                    pos += 1
    return hidden


def file_agreement(source: Path, expected: Path) -> tuple[int, int, list[tuple[int, bool, str, str]]]:
    """(agreeing lines, non-blank lines, disagreements as (line number, Alaveteli hid it, role, text))."""
    lines = _read_lines(source)
    theirs = alaveteli_hidden(lines, _read_lines(expected))
    roles = fold(lines)
    assert len(roles) == len(lines), f"{source.name}: fold() gave {len(roles)} roles for {len(lines)} lines"
    agree = total = 0
    misses = []
    for number, (line, hid, role) in enumerate(zip(lines, theirs, roles), start=1):
        if not line.strip():
            continue
        total += 1
        if hid == (role in HIDDEN_ROLES):
            agree += 1
        else:
            misses.append((number, hid, role, line))
    return agree, total, misses


def folding_agreement(folder: Path = FOLDING_DIR) -> tuple[float, dict[str, float]]:
    """Share of non-blank lines, over all cases, on which fold() and Alaveteli agree, and per file."""
    per_file: dict[str, float] = {}
    agree_all = total_all = 0
    for source, expected in cases(folder):
        agree, total, _ = file_agreement(source, expected)
        per_file[source.name] = agree / total if total else 1.0
        agree_all += agree
        total_all += total
    return (agree_all / total_all if total_all else 1.0), per_file


def test_folding_agrees_with_alaveteli():
    if not FOLDING_DIR.is_dir():
        pytest.skip(f"Alaveteli folding cases not found at {FOLDING_DIR}")
    pairs = cases()
    if not pairs:
        pytest.skip(f"no email-folding-example-N.txt cases in {FOLDING_DIR}")
    agree_all = total_all = 0
    print()
    for source, expected in pairs:
        agree, total, misses = file_agreement(source, expected)
        agree_all += agree
        total_all += total
        print(f"{source.name:32} {agree:3}/{total:<3} {agree / total if total else 1.0:.3f}")
        for number, hid, role, line in misses:
            print(f"    line {number:3}: Alaveteli {'hid' if hid else 'kept'}, fold() said {role}: {line.strip()[:70]}")
    total_share = agree_all / total_all if total_all else 1.0
    print(f"{'total':32} {agree_all:3}/{total_all:<3} {total_share:.3f}")
    assert total_share >= THRESHOLD, f"folding agreement {total_share:.3f} < {THRESHOLD}"
