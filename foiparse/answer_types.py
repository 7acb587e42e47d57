"""What kind of answer each is, and its value where it is a yes/no or a figure.

A researcher comparing 150 councils needs "No", "14 (fourteen)" and
"£12,500" as values, and needs to see at a glance which answers are
refusals, exemptions or "not held" rather than information.
"""
from __future__ import annotations

import re

from .model import same_length_lower
from .scan import search_near

# "Yes", "Yes.", "Yes – we use…"; must not match "Yesterday"
YES = re.compile(r"^\W*yes\b", re.I)
# "No", "No.", "No, the council…"; must not match "No information is held", "Not held", "Nov"
NO = re.compile(r"^\W*no\b(?!\s+(?:information|records?|data|such|recorded)\b)", re.I)
# "Not held", "The Council does not hold this information", "no information held", "not recorded"
NOT_HELD = re.compile(r"\bnot held\b|\bdo(?:es)? not hold\b|\bdon'?t hold\b|\bdo(?:es)? not have (?:it|this|that|the|any)\b|\bno (?:such )?(?:information|records?) (?:exists?|is available)\b|\bno (?:recorded )?(?:information|records?|data) (?:is |are )?held\b|\bnot (?:recorded|collated|captured)\b|\bholds? no (?:information|records?|data)\b", re.I)
# A refusal of the item as a whole: cost limit, vexatious, repeated
REFUSED = re.compile(r"\brefus(?:e|ed|ing|al)\b|\bunable to (?:provide|release|disclose|supply)\b|\bcost (?:limit|of compliance)\b|\bappropriate limit\b|\bvexatious\b|\bsection 1[24]\b|\bs\.?\s?1[24]\b", re.I)
# A refusal of the whole item rather than "unable to provide it because we do not have it"
STRONG_REFUSAL = re.compile(r"\brefus(?:e|ed|ing|al)\b|\bcost (?:limit|of compliance)\b|\bappropriate limit\b|\bvexatious\b|\bsection 1[24]\b", re.I)
# An exemption or exception applied: "exempt under section 40(2)", "withheld", "regulation 12(5)(e)"
EXEMPT = re.compile(r"\bexempt(?:ion)?\b|\bwithh(?:eld|old|olding)\b|\bexception\b|\bregulation 1[23]\b|\bneither confirm nor deny\b", re.I)
# The answer is elsewhere: "Please see attached", "the attached spreadsheet", "enclosed"
IN_ATTACHMENT = re.compile(r"\battach(?:ed|ment)\b|\benclosed\b|\bsee (?:the )?(?:spreadsheet|document|file)\b", re.I)
# A figure, possibly signed, with currency, thousands separators, decimals, a scale, a unit and a gloss:
# "239", "£74,293.90", "4.1%", "14 (fourteen)", "18.4 FTE", "c.£138,000", "£1.2m", "£18k", "-5", "approximately 40"
FIGURE = re.compile(
    r"^[\s•·*>\-–]{0,3}?(?P<approx>c\.|circa\s+|approx(?:imately)?\.?\s*|about\s+|around\s+)?(?P<sign>[-−])?(?P<currency>[£$€])?\s*"
    r"(?P<number>\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?)"
    r"\s*(?P<scale>m|bn|k|million|billion|thousand)?\b\s*(?P<unit>%|p/w|pw|per week|per annum|p\.a\.|[a-zA-Z]{1,12})?\s*(?:\([a-z -]+\))?[.!]?\s*$",
    re.I,
)
# Words one of which every match of NOT_HELD, REFUSED or EXEMPT holds (lower case): each pattern is tried only
# near them (scan.search_near), within ANSWER_REACH characters, which covers the longest match.
NOT_HELD_WORDS = ("not held", "not hold", "t hold", "not have", "no such", "no information", "no record", "no recorded", "no data",
                  "not recorded", "not collated", "not captured", "hold no", "holds no")
REFUSED_WORDS = ("refus", "unable to", "cost limit", "cost of compliance", "appropriate limit", "vexatious", "section 1", "s1", "s.1", "s 1", "s. 1")
EXEMPT_WORDS = ("exempt", "withh", "exception", "regulation 1", "neither confirm nor deny")
ANSWER_REACH = 80
# Words for nothing: "Nil", "None", "Zero", "0 (nil)"
NOTHING = re.compile(r"^\W*(?:nil|none|zero|nought)\W*$", re.I)
SCALES = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR"}
# Words that carry information beside a refusal: figures that are not section numbers.
_FIGURES = re.compile(r"(?<![\w(])(?<!section )(?<!regulation )(?!(?:19|20)\d\d\b)[£$€]?\d[\d,.]*")
# The day of a date ("28 February", "1st April"), a financial year ("2021/22") or a part of a document ("Table 1",
# "Annex 2"): beside an attachment they name or date it, giving no figure.
_DATE_PARTS = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))|\b(?:19|20)\d\d[/-]\d\d\b"
    r"|\b(?:table|annex|appendix|page|sheet|tab|section|part)\s+\d+\b",
    re.I,
)


def _value(match: re.Match) -> tuple[float | int, str | None]:
    number = match.group("number").replace(",", "")
    value: float | int = float(number) if "." in number else int(number)
    scale = SCALES.get((match.group("scale") or "").lower())
    if scale:
        value = value * scale
        value = int(value) if float(value).is_integer() else value
    if match.group("sign"):
        value = -value
    unit = CURRENCY.get(match.group("currency") or "") or match.group("unit")
    return value, unit


def classify_answer(answer: str | None, attachment_answer: bool = False) -> tuple[str | None, object, str | None]:
    """(answer_type, answer_value, unit) for one answer text."""
    if answer is None:
        return ("in_attachment", None, None) if attachment_answer else (None, None, None)
    text = " ".join(answer.split())
    first_line = answer.strip().splitlines()[0] if answer.strip() else ""
    figure = FIGURE.match(first_line) if len(answer.strip().splitlines()) == 1 else None
    if figure:
        value, unit = _value(figure)
        return "number", value, unit
    if NOTHING.match(text):
        return "number", 0, None
    if YES.match(text):
        return "yes", True, None
    low = same_length_lower(text)
    refused = search_near(REFUSED, text, REFUSED_WORDS, ANSWER_REACH, low)
    exempt = search_near(EXEMPT, text, EXEMPT_WORDS, ANSWER_REACH, low)
    not_held = search_near(NOT_HELD, text, NOT_HELD_WORDS, ANSWER_REACH, low)
    if NO.match(text) and not (refused or exempt):
        return "no", False, None
    if refused or exempt or not_held:
        signal = min((m for m in (refused, exempt, not_held) if m), key=lambda m: m.start())
        if _informative(text[: signal.start()]):
            return "partial", None, None
        if not_held and not exempt and not (refused and STRONG_REFUSAL.search(text)):
            return "not_held", None, None
        if refused and (not exempt or refused.start() <= exempt.start()):
            return "refused", None, None
        if exempt:
            return "exempt", None, None
        return "not_held", None, None
    attached = IN_ATTACHMENT.search(text)
    if attached and len(text.split()) < 40 and not _informative(_DATE_PARTS.sub("", text[: attached.start()])):
        return "in_attachment", None, None  # not "The total was £5,917,342. A breakdown is attached."
    return "text", None, None


def _informative(before: str) -> bool:
    """Whether the words before a refusal or an attachment give information: figures that are not section numbers."""
    return len(_FIGURES.findall(before)) > 0 and len(before.split()) >= 2
