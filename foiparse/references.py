"""Reference numbers: the authority's own identifier for the request, and every other.

An identifier counts when a label introduces it ("Our reference: 3861460",
"reference number 10400") or when it carries a known prefix ("FOI/2021/0456",
"EIR-21-123", "CAS-1234567-ABCDEF", "IC-123456-A1B2"). The one reported as
``reference`` is the first the authority gives; what the requester quotes is
kept in ``references`` with kind ``other``.
"""
from __future__ import annotations

import re

from .model import FURNITURE, Reference, Thread

# The identifier itself: optional letter prefix, then digits and joiners.
# e.g. "3861460", "FOI / 1598527", "FOI/2021/0456", "EIR-21-123", "CAS-1234567-ABCDEF", "4567/21"
_ID = r"(?P<id>(?:[A-Z]{2,6}(?:[/-][A-Z]{2,6})*(?:\s?[/#:-]\s?|\s))?\d[\w/-]*)"
# A label, then the identifier: "Our ref: 4567/21", "reference number 10400", "Reference – FOI / 874165",
# "enquiry given reference 3949822", "Case ref: 12345". Must not match "Reference the Local Government Act 1999".
LABELLED = re.compile(
    r"(?i:\b(?:(?:(?:our|your|my|case|request|foi|eir)\s+)?ref(?:erence)?\.?(?:\s*(?:no\.?|number|num))?"
    r"|(?:case|request|enquiry|complaint)\s+(?:number|no\.?|id)|(?:information|foi|eir) request\s*(?=:)))"
    r"(?:\s*(?:is|was)\b)?\s*(?:[:#–—-]\s*)*(?:[–—-]\s*)?" + _ID
)
# A prefixed identifier anywhere: "FOI 10400", "EIR-21-123", "IR 2021/17", "IC-123456-A1B2", "FS50123456".
# Must not match WhatDoTheyKnow's own mailbox placeholder "[FOI #988249 email]".
PREFIXED = re.compile(r"(?<![\w/-])(?P<id>(?:FOI|FOIA|FOIR|EIR|RFI|CAS|IR|IC|FS|FER|SAR|REQ)(?:\s?[/:-]\s?|\s|-)?\d[\w/-]*)(?! email\])")
# Context that makes an identifier a review's or the regulator's.
REVIEW_CONTEXT = re.compile(r"internal review", re.I)
REGULATOR_CONTEXT = re.compile(r"Information Commissioner|\bICO\b|decision notice", re.I)


def _clean(identifier: str) -> str | None:
    identifier = re.sub(r"\s+", " ", identifier).rstrip("-/.:")
    if sum(ch.isdigit() for ch in identifier) < 3:
        return None
    return identifier


def _kind(value: str, line: str, incoming: bool) -> str:
    upper = value.upper()
    if upper.startswith(("IC", "FS5", "FER")) or REGULATOR_CONTEXT.search(line):
        return "regulator"
    if upper.startswith("IR") or REVIEW_CONTEXT.search(line):
        return "internal_review"
    return "authority" if incoming else "other"


def find_references(line: str) -> list[tuple[int, str, str]]:
    """(column, identifier, text as written) for each reference in one line."""
    found: dict[int, tuple[str, str]] = {}
    for match in LABELLED.finditer(line):
        value = _clean(match.group("id"))
        if value:
            found[match.start("id")] = (value, match.group(0).strip())
    for match in PREFIXED.finditer(line):
        value = _clean(match.group("id"))
        if value and not any(start <= match.start() < start + len(v) for start, (v, _) in found.items()):
            found[match.start()] = (value, match.group(0))
    return [(col, value, text) for col, (value, text) in sorted(found.items())]


def extract_references(thread: Thread) -> Thread:
    for message in thread.messages:
        incoming = message.direction == "incoming"
        for number, text, role in message.lines:
            if role == FURNITURE or not any(ch.isdigit() for ch in text):
                continue
            for _, value, written in find_references(text):
                thread.references.append(Reference(value=value, kind=_kind(value, text, incoming), message=message.index, line=number, text=written))
    authority = [r for r in thread.references if r.kind == "authority"]
    chosen = authority or [r for r in thread.references if r.kind == "other"]
    thread.reference = chosen[0].value if chosen else None
    return thread
