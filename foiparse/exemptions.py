"""Exemptions the authority applied to withhold information.

Only sections that withhold count: FOIA 2000 s12 (cost), s14 (vexatious)
and the Part II exemptions (s21–s44); EIR 2004 regulations 12 and 13; FOISA
2002 (Scotland) s12, s14 and s25–s41. A section is taken only from the
authority's own words (never the rights paragraphs of the closing
boilerplate), only in a sentence that withholds ("exempt", "withheld",
"refuse", "rely on"…), and never when the sentence names another Act
("section 61M of the Income Tax Act").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .model import same_length_lower

# "section 40(2)", "s.40(2)", "s40 (2)", "Section 40 (2)(a)", "sections 40(2) and 43";
# not the possessive in "the council's 40 staff", "s. 43(2)"
SECTION = re.compile(
    r"(?<![\w'’])(?P<label>[Ss]ections?|SECTIONS?|[Ss]\.?|[Ss]ec\.?)\s?(?P<first>\d{1,2}[A-Z]?(?:\s?\(\s?\d+[A-Z]?\s?\))?(?:\s?\(\s?[a-z]{1,4}\s?\))*)"
    r"(?P<more>(?:\s*(?:,|and|or|&)\s*(?:s\.?\s?)?\d{1,2}(?:\s?\(\s?\d+\s?\))?(?:\s?\(\s?[a-z]{1,4}\s?\))*)*)"
)
# "regulation 12(4)(b)", "Regulation 12 (5)(e) EIR", "reg. 13", "regulations 12(4)(a) and 12(5)(e)"
REGULATION = re.compile(
    r"(?<![\w])(?:[Rr]egulations?|REGULATIONS?|[Rr]eg\.?)\s?(?P<first>1[23](?:\s?\(\s?\d\s?\))?(?:\s?\(\s?[a-z]\s?\))?)"
    r"(?P<more>(?:\s*(?:,|and|or|&)\s*1[23](?:\s?\(\s?\d\s?\))?(?:\s?\(\s?[a-z]\s?\))?)*)"
)
# More sub-paragraphs of the same section after it: " and (b)", ", (c) and (d)"
TRAILING_LETTERS = re.compile(r"(?:\s*(?:,|and|or|&)\s*\(\s?[a-z]{1,4}\s?\))+")
SUB_LETTER = re.compile(r"\(\s?[a-z]{1,4}\s?\)")
# One more number in a list after the first: "and 43", ", 41(1)"
LIST_ITEM = re.compile(r"\d{1,2}(?:\s?\(\s?\d+\s?\))?(?:\s?\(\s?[a-z]{1,4}\s?\))*")
# A cheap test that a text may cite a section or regulation at all: "ection 4", "s.4", "s4", "egulation 1", "reg 1".
# Each branch opens on a letter (the word boundary is checked behind it) so the engine skips to those letters.
CITES = re.compile(r"ections? ?\d|egulations? ?\d|S(?<!\wS)\.? ?\d|s(?<!\ws)\.? ?\d|R(?<!\wR)eg\.? ?\d|r(?<!\wr)eg\.? ?\d")
# Words that make a sentence one that withholds: "is exempt", "withheld", "we rely on", "refuse", "cost limit";
# a sentence without them ("section 1 gives you the right to be told") applies no section. Written in lower case
# for the lower-cased sentence: each branch then opens on a letter, which the engine skips to.
WITHHOLDING = re.compile(r"exempt|withh[oe]ld|refus|rely|relied|relying|engag|exception|not (?:be )?(?:disclos|releas|provid)|applies|applied|apply|cost limit|appropriate limit|vexatious|neither confirm")
# Another Act named right after the section: "section 61M of the Income Tax (Earnings and Pensions) Act 2003"
OTHER_ACT = re.compile(r"^\s*(?:of|under)\s+(?:the\s+)?(?!Freedom of Information|FOI|Environmental Information|EIR|FOISA|Act\b)[A-Z][\w ,()&'-]{0,80}?\bAct\b")
# A word stem every withholding sentence holds (see WITHHOLDING): a substring test spares most replies the regexes.
WITHHOLDING_STEMS = ("exempt", "withh", "refus", "rel", "engag", "exception", "disclos", "releas", "provid", "appl", "limit", "vexatious", "neither confirm")
# The Scottish Act or regulator named: "Freedom of Information (Scotland) Act 2002", "FOISA"
SCOTTISH = re.compile(r"Freedom of Information \(Scotland\) Act|\bFOISA\b|Scottish Information Commissioner", re.I)
# The Environmental Information Regulations named: "Environmental Information Regulations 2004", "EIR"
ENVIRONMENTAL = re.compile(r"Environmental Information Regulations|\bEIR\b", re.I)
# Where one sentence ends and the next begins: ". The", "? We" (the stop is the last character of the sentence)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z])")

FOIA_SECTIONS = {12, 14} | set(range(21, 45))
FOISA_SECTIONS = {12, 14} | set(range(25, 42))


@dataclass
class Exemption:
    code: str  # "s40(2)", "reg12(4)(b)"
    law: str  # FOIA, FOISA, EIR
    text: str
    line: int

    def to_dict(self, message: int | None) -> dict:
        return {"code": self.code, "law": self.law, "text": self.text, "message": message, "line": self.line}


def _compact(reference: str) -> str:
    return re.sub(r"\s+", "", reference)


def _sentences(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[int], list[int]]:
    """Sentences across wrapped lines (so "section\\n40(2)" is read whole), each with its offset;
    and the offset and number of every line, to give each citation the line it stands on."""
    text, offsets, numbers = "", [], []
    for number, line in lines:
        offsets.append(len(text))
        numbers.append(number)
        text += line.strip() + " "
    sentences, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        sentences.append((start, text[start:end.start() + 1]))
        start = end.end()
    sentences.append((start, text[start:]))
    return sentences, offsets, numbers


def _codes(first: str, more: str, trailing: str) -> list[str]:
    """The numbers a citation names: "40(2) and 43" gives 40(2), 43; "38(1)(a) and (b)" gives 38(1)(a), 38(1)(b)."""
    numbers = [first] + LIST_ITEM.findall(more)
    stem = re.sub(r"\(\s?[a-z]{1,4}\s?\)$", "", _compact(first))
    numbers += [stem + _compact(letter) for letter in SUB_LETTER.findall(trailing)] if stem != _compact(first) else []
    return [_compact(n) for n in numbers]


def find_exemptions(lines: list[tuple[int, str]], scottish: bool = False) -> list[Exemption]:
    """Exemptions applied in these lines (the sender's own words), in order, each once per sentence."""
    found: list[Exemption] = []
    law = "FOISA" if scottish else "FOIA"
    valid = FOISA_SECTIONS if scottish else FOIA_SECTIONS
    joined = " ".join(text for _, text in lines)
    if not CITES.search(joined):
        return found
    low = joined.lower()
    if not any(stem in low for stem in WITHHOLDING_STEMS):
        return found
    sentences, offsets, numbers = _sentences(lines)

    def line_at(position: int) -> int:
        return numbers[bisect_right(offsets, position) - 1]

    for start, sentence in sentences:
        if not CITES.search(sentence) or not WITHHOLDING.search(same_length_lower(sentence)):
            continue
        seen = set()
        for match in SECTION.finditer(sentence):
            if OTHER_ACT.match(sentence, match.end()):
                continue
            trailing = TRAILING_LETTERS.match(sentence, match.end())
            for number in _codes(match.group("first"), match.group("more"), trailing.group(0) if trailing else ""):
                code = "s" + number
                if int(re.match(r"\d+", number).group(0)) in valid and code not in seen:
                    seen.add(code)
                    found.append(Exemption(code=code, law=law, text=match.group(0).strip(), line=line_at(start + match.start("first"))))
        for match in REGULATION.finditer(sentence):
            trailing = TRAILING_LETTERS.match(sentence, match.end())
            for number in _codes(match.group("first"), match.group("more"), trailing.group(0) if trailing else ""):
                code = "reg" + number
                if code not in seen:
                    seen.add(code)
                    found.append(Exemption(code=code, law="EIR", text=match.group(0).strip(), line=line_at(start + match.start("first"))))
    return found
