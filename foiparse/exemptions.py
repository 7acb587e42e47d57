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
from dataclasses import dataclass

# "section 40(2)", "s.40(2)", "s40 (2)", "Section 40 (2)(a)", "sections 40(2) and 43", "s. 43(2)"
SECTION = re.compile(
    r"(?<![\w])(?P<label>[Ss]ections?|SECTIONS?|[Ss]\.?|[Ss]ec\.?)\s?(?P<first>\d{1,2}[A-Z]?(?:\s?\(\s?\d+[A-Z]?\s?\))?(?:\s?\(\s?[a-z]{1,4}\s?\))*)"
    r"(?P<more>(?:\s*(?:,|and|or|&)\s*(?:s\.?\s?)?\d{1,2}(?:\s?\(\s?\d+\s?\))?(?:\s?\(\s?[a-z]{1,4}\s?\))*)*)"
)
# "regulation 12(4)(b)", "Regulation 12 (5)(e) EIR", "reg. 13", "regulations 12(4)(a) and 12(5)(e)"
REGULATION = re.compile(
    r"(?<![\w])(?:[Rr]egulations?|REGULATIONS?|[Rr]eg\.?)\s?(?P<first>1[23](?:\s?\(\s?\d\s?\))?(?:\s?\(\s?[a-z]\s?\))?)"
    r"(?P<more>(?:\s*(?:,|and|or|&)\s*1[23](?:\s?\(\s?\d\s?\))?(?:\s?\(\s?[a-z]\s?\))?)*)"
)
# One more number in a list after the first: "and 43", ", 41(1)"
LIST_ITEM = re.compile(r"\d{1,2}(?:\s?\(\s?\d+\s?\))?(?:\s?\(\s?[a-z]{1,4}\s?\))*")
# A cheap test that a text may cite a section or regulation at all: "ection 4", "s.4", "s4", "egulation 1", "reg 1"
CITES = re.compile(r"ections? ?\d|egulations? ?\d|\b[Ss]\.? ?\d|\b[Rr]eg\.? ?\d")
# Words that make a sentence one that withholds.
WITHHOLDING = re.compile(r"exempt|withh[oe]ld|refus|rely|relied|relying|engag|exception|not (?:be )?(?:disclos|releas|provid)|applies|applied|apply|cost limit|appropriate limit|vexatious|neither confirm", re.I)
# Another Act named right after the section: "section 61M of the Income Tax (Earnings and Pensions) Act 2003"
OTHER_ACT = re.compile(r"^\s*(?:of|under)\s+(?:the\s+)?(?!Freedom of Information|FOI|Environmental Information|EIR|FOISA|Act\b)[A-Z][\w ,()&'-]{0,80}?\bAct\b")
SCOTTISH = re.compile(r"Freedom of Information \(Scotland\) Act|\bFOISA\b|Scottish Information Commissioner", re.I)
ENVIRONMENTAL = re.compile(r"Environmental Information Regulations|\bEIR\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

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


def _sentences(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(first line, sentence) across wrapped lines, so "section\\n40(2)" is read whole."""
    text, starts = "", []
    for number, line in lines:
        starts.append((len(text), number))
        text += line.strip() + " "
    out, position = [], 0
    for part in _SENTENCE_END.split(text):
        line = next((n for offset, n in reversed(starts) if offset <= position), lines[0][0] if lines else 0)
        out.append((line, part))
        position = text.find(part, position) + len(part)
    return out


def find_exemptions(lines: list[tuple[int, str]], scottish: bool = False) -> list[Exemption]:
    """Exemptions applied in these lines (the sender's own words), in order, each once per sentence."""
    found: list[Exemption] = []
    law = "FOISA" if scottish else "FOIA"
    valid = FOISA_SECTIONS if scottish else FOIA_SECTIONS
    if not CITES.search("\n".join(text for _, text in lines)):
        return found
    for line, sentence in _sentences(lines):
        if not CITES.search(sentence) or not WITHHOLDING.search(sentence):
            continue
        seen = set()
        for match in SECTION.finditer(sentence):
            if OTHER_ACT.match(sentence, match.end()):
                continue
            numbers = [match.group("first")] + LIST_ITEM.findall(match.group("more"))
            for number in numbers:
                base = int(re.match(r"\d+", number).group(0))
                code = "s" + _compact(number)
                if base in valid and code not in seen:
                    seen.add(code)
                    found.append(Exemption(code=code, law=law, text=match.group(0).strip(), line=line))
        for match in REGULATION.finditer(sentence):
            for number in [match.group("first")] + LIST_ITEM.findall(match.group("more")):
                code = "reg" + _compact(number)
                if code not in seen:
                    seen.add(code)
                    found.append(Exemption(code=code, law="EIR", text=match.group(0).strip(), line=line))
    return found
