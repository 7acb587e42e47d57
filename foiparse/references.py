"""Reference numbers: the authority's own identifier for the request, and every other.

An identifier counts when a label introduces it ("Our reference: 3861460",
"reference number 10400") or when it carries a known prefix ("FOI/2021/0456",
"EIR-21-123", "CAS-1234567-ABCDEF", "IC-123456-A1B2"). The one reported as
``reference`` is the first the authority gives; what the requester quotes is
kept in ``references`` with kind ``other``.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .dates import find_dates
from .model import ANNOTATION, FURNITURE, Reference, Thread, same_length_lower

# The identifier itself: optional letter prefix, then digits and joiners.
# e.g. "3861460", "FOI / 1598527", "FOI/2021/0456", "EIR-21-123", "CAS-1234567-ABCDEF", "4567/21", "F2022.02.5186",
# "HPFOI2021/22-043", "DMBCIR:11727", "TfC-FOI-2024-0388" (a small letter only between capitals, as in "TfL", "DfE")
_ID = r"(?P<id>(?:[A-Z](?:[A-Z]|[a-z](?=[A-Z])){0,5}(?:[/-][A-Z]{2,6})*(?:\s?[/#:-]\s?|\s))?[A-Z]{0,6}\d[\w/.-]*)"
# A label, then the identifier: "ref: 4567/21", "reference number 10400", "Reference – FOI / 874165",
# "reference 3949822", "Case number: 12345", "request: WBC-FOI-7731", "your request is MDC-FOI-24-0971",
# "Please quote MDC-FOI-24-0971 in any future correspondence" (after "is" and "quote", only a lettered identifier),
# "Freedom of Information Request – NCC/FOI/23/2291" (a spaced dash, and a lettered identifier: not
# "request-5-e029ad65@…", a mail address, nor "Request - 2023/24 parking fines", a subject).
# Must not match "Reference the Local Government Act 1999", "the time needed to comply with your request is 160
# hours", "we are unable to quote 2024/25 rates". It is tried only where one of
# LABEL_WORDS stands: finding those with str.find is far cheaper than a regex scan of every letter.
LABELLED = re.compile(
    r"(?i:ref(?:erence)?\.?(?:\s*(?:no\.?|number|num))?"
    r"|(?:case|request|enquiry|complaint)\s+(?:number|no\.?|id)"
    r"|request(?:\s*(?=:)|\s+(?=[–—-]\s+[A-Z]{2,6}[/:-])|\s+(?=\d|[A-Z]{2,6}[/:-])|\s+(?=(?:is|was)\s+[A-Z]{2,6}[/:-]))|logged (?:as|under|with)\s|quote\s+(?=[A-Z]{2,6}[/:-]))"
    r"(?:\s*(?i:is|was)\b)?\s*(?:[:#–—-]\s*)*" + _ID
)
LABEL_WORDS = ("ref", "case", "request", "enquiry", "complaint", "logged", "quote")
# The word before a label that belongs to it in the text shown: "Our ref", "Request reference", "Information request"
LABEL_OWNER = re.compile(r"(?i:our|your|my|case|request|information|foi|eir)\s+$")
# A prefixed identifier anywhere: "FOI 10400", "EIR-21-123", "IR 2021/17", "IC-123456-A1B2", "FS50123456".
# The first letter is matched as a class and the prefix checked after, which scans several times faster.
# Must not match WhatDoTheyKnow's own mailbox placeholder "[FOI #988249 email]".
PREFIXED = re.compile(r"(?P<id>(?P<prefix>[CEFIRS][A-Z]{1,3})(?:\s?[/:-]\s?|\s|-)?\d[\w/-]*)(?! email\])")
KNOWN_PREFIXES = {"FOI", "FOIA", "FOIR", "EIR", "RFI", "CAS", "IR", "IC", "FS", "FER", "SAR", "REQ"}
# Letters that open an identifier: "FOI / 5", "EIR-7"
PREFIX_LETTERS = re.compile(r"[A-Z]{2,6}\s?[/#:-]?\s?\d")
# A mail's subject in a chain's header block, where references often stand: "Subject: RE: Potholes [Ref: FOI-2023-118]"
SUBJECT_LINE = re.compile(r"^\s*Subject:", re.I)
# How far either side of an identifier its context is read (a whole long line would be read once per identifier).
CONTEXT_REACH = 100
# Context that makes an identifier a review's ("Internal review IR 2021/17") or the regulator's ("ICO case IC-123456-A1B2").
REVIEW_CONTEXT = re.compile(r"internal review", re.I)
REGULATOR_CONTEXT = re.compile(r"Information Commissioner|\bICO\b|decision notice", re.I)
# The regulator's case numbers ("IC-123456-A1B2", "FS50123456", "FER0123456") and an internal review's ("IR 2021/17",
# "IR-24-0012", "IRFOI-24-0007"); not "ICT-2024-11" nor "IRF-24-0933", a request's own prefix
REGULATOR_PREFIX = re.compile(r"IC(?![A-Z])|FS5|FER")
REVIEW_PREFIX = re.compile(r"IR(?![A-Z])|IR(?:FOI|EIR)")
# Words that put a reference right after a wrong one: "please note the correct reference for your request is …";
# not "your email gave an incorrect reference (FOI-24-0999)"
CORRECTION = re.compile(r"(?<![a-z])correct(?:ed)? (?:reference|ref)\b[^.]{0,40}$", re.I)
# The letters every CORRECTION match holds, in either case: other windows are not tried
CORRECTION_WORD = "orrect"
# Words before a reference that make it an earlier request's, cited in the reply: "substantially similar to questions 1,
# 3 and 4 of your request FOI / 1702218", "your previous request (FOI 1234)"
# (not "our previous email about your request FOI-2024-0456", "the earlier response to your request …")
EARLIER_REQUEST = re.compile(r"\b(?:(?:previous|earlier|prior|former) (?:FOI |freedom of information )?request|(?:similar to|same as|repeat of)\b[^.]{0,40}\brequest)\W{0,3}$", re.I)
# What names the request an internal review is of, just before its reference: "an internal review of FOI / 431196",
# "Internal Review – FOI / 431196"; not "the internal review, reference FOI-IR-2024-012"
REVIEW_OF = re.compile(r"review(?: of(?: (?:your|my|our|the))?(?: (?:FOI )?request)?| ?[–—-])\s*$", re.I)


def _clean(identifier: str) -> str | None:
    """The identifier tidied, or None where it is too slight to be one: fewer than 3 digits,
    unless a prefix of letters marks it ("FOI / 5")."""
    identifier = " ".join(identifier.split()).rstrip("-/.:")
    digits = sum(ch.isdigit() for ch in identifier)
    if digits < 3 and not (digits and PREFIX_LETTERS.match(identifier)):
        return None
    return identifier


def _is_date(value: str) -> bool:
    """An identifier that is only a date ("17/04/08" after "Ref:") is a date, not a reference."""
    return any(written == value for _, written in find_dates(value))


def _kind(value: str, line: str, incoming: bool, before: str) -> str:
    """What a reference is: the regulator's, an internal review's, or the request's (the authority's, or other where
    only the requester writes it). The text just before it tells, near the words "internal review", whether it
    is the request a review is of ("internal review of FOI / 431196")."""
    upper = value.upper()
    if REGULATOR_PREFIX.match(upper) or REGULATOR_CONTEXT.search(line):
        return "regulator"
    if incoming and EARLIER_REQUEST.search(" ".join(before.split())):
        return "other"
    if REVIEW_PREFIX.match(upper) or (REVIEW_CONTEXT.search(line) and not REVIEW_OF.search(" ".join(before.split()))):
        return "internal_review"
    return "authority" if incoming else "other"


def _labelled_matches(text: str):
    low = same_length_lower(text)
    starts = set()
    for word in LABEL_WORDS:
        position = low.find(word)
        while position != -1:
            if not (position and low[position - 1].isalpha()):
                starts.add(position)
            position = low.find(word, position + 1)
    for start in sorted(starts):
        match = LABELLED.match(text, start)
        if match:
            yield match


def find_references(text: str) -> list[tuple[int, str, str]]:
    """(offset, identifier, text as written) for each reference in a text, in order."""
    found: dict[int, tuple[str, str]] = {}
    for match in _labelled_matches(text):
        value = _clean(match.group("id"))
        if value:
            owner = LABEL_OWNER.search(text, max(0, match.start() - 14), match.start())
            written = text[owner.start() if owner else match.start():match.end()]
            found[match.start("id")] = (value, " ".join(written.split()).rstrip(".,;:"))
    labelled = sorted((start, start + len(value)) for start, (value, _) in found.items())
    for match in PREFIXED.finditer(text):
        start = match.start()
        if match.group("prefix") not in KNOWN_PREFIXES or (start and (text[start - 1].isalnum() or text[start - 1] in "_/-")):
            continue
        value = _clean(match.group("id"))
        if value and not any(start <= match.start() < end for start, end in labelled):
            found[match.start()] = (value, " ".join(match.group(0).split()))
    return [(offset, value, written) for offset, (value, written) in sorted(found.items())]


def extract_references(thread: Thread) -> Thread:
    """Every reference in the thread's messages (page furniture aside), and the one that is the authority's."""
    text, offsets = thread.text_and_offsets()
    owners, roles = thread.line_owners()
    corrected: Reference | None = None
    for offset, value, written in find_references(text):
        number = bisect_right(offsets, offset)
        index = owners[number]
        line = thread.lines[number - 1]
        if index is None or roles[number] == ANNOTATION or (roles[number] == FURNITURE and not SUBJECT_LINE.match(line)) or _is_date(value):
            continue
        message = thread.messages[index]
        column = offset - offsets[number - 1]
        context = line[max(0, column - CONTEXT_REACH):column + len(value) + CONTEXT_REACH]
        before = text[max(offsets[message.first - 1], offset - CONTEXT_REACH):offset]  # in this message only
        kind = _kind(value, context, message.direction == "incoming", before)
        thread.references.append(Reference(value=value, kind=kind, message=index, line=number, text=written))
        if CORRECTION_WORD in before and CORRECTION.search(" ".join(before.split())):
            corrected = thread.references[-1]
    earlier = {r.value for r in thread.references if r.kind == "other" and thread.messages[r.message].direction == "incoming"}
    for reference in thread.references:
        if reference.kind == "authority" and reference.value in earlier:
            reference.kind = "other"  # the earlier request the reply cited, named again ("Our response to FOI / 1702218 …")
    authority = [r for r in thread.references if r.kind == "authority"]
    chosen = authority or [r for r in thread.references if r.kind == "other" and r.value not in earlier]
    if corrected is not None and chosen and corrected.kind == chosen[0].kind:
        chosen.insert(0, corrected)  # the authority's own correction of the number it first gave
    thread.reference = chosen[0].value if chosen else None
    return thread
