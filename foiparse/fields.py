"""Thread-level fields: the request's outcome, who asked, whom they asked.

The page says most of this in its subtitle and status line; where a copy
lacks the subtitle, the request itself tells: its heading or signature names
the requester, its salutation the authority.
"""
from __future__ import annotations

import re

from .chain import chronological
from .classify import signalled_kind
from .fold import VALEDICTION
from .model import ANNOTATION, EMAIL_FORMATS, FURNITURE, SIGNOFF, Thread
from .split import first_salutation, signed_name

# Status line wording -> contract code, most specific first.
# e.g. "The request was partially successful." -> partially_successful
STATUS_CODES = [
    ("partially_successful", re.compile(r"partially successful", re.I)),
    ("successful", re.compile(r"request was successful|request is successful", re.I)),
    ("refused", re.compile(r"request was refused|was refused by|request has been refused", re.I)),
    ("not_held", re.compile(r"did not have the information|information (?:is|was) not held", re.I)),
    ("long_overdue", re.compile(r"long overdue", re.I)),
    ("delayed", re.compile(r"is delayed|\bdelayed\b|\boverdue\b", re.I)),
    ("awaiting_classification", re.compile(r"to read (?:a |the )?recent responses?|update the status", re.I)),
    ("waiting_clarification", re.compile(r"waiting for clarification|clarification", re.I)),
    ("internal_review", re.compile(r"internal review", re.I)),
    ("waiting_response", re.compile(r"waiting for (?:a )?response|awaiting (?:a )?response", re.I)),
    ("withdrawn", re.compile(r"withdrawn", re.I)),
]


# The end of a public body's name: "… Borough Council", "… Police", "Department for …" is not caught, and needs not be
PUBLIC_BODY = re.compile(r"\b(?:Council|Authority|Trust|Police|Constabulary|Ministry|Department|Agency|Commission|University|Executive)$")
# Kinds only an authority writes: a first message of these kinds was sent to the requester.
AUTHORITY_KINDS = ("response", "acknowledgement", "clarification_request", "extension", "internal_review_response", "auto_reply", "delivery_failure")


def status_code(text: str | None) -> str | None:
    if not text:
        return None
    for code, pattern in STATUS_CODES:
        if pattern.search(text):
            return code
    return "other"


def _signature(thread: Thread) -> str | None:
    """The name under the first message's sign-off: "Yours faithfully,\\n\\nVal Gillies"."""
    first = thread.messages[0]
    after_valediction = False
    for _, text, role in first.lines:
        if role == SIGNOFF and VALEDICTION.match(text):
            after_valediction = True
            continue
        if after_valediction and text.strip():
            name = signed_name(text)
            return name if name and len(name.split()) <= 6 and not name.endswith((".", ":")) else None
    return None


def _body_in_heading(thread: Thread) -> str | None:
    """The public body an incoming heading names: "Freedom of Information, Knowsley Metropolitan Borough
    Council" gives the council; a request that opens "Good afternoon," names none itself."""
    for message in thread.messages[1:]:  # (directions are not set yet: the request is the first message)
        if message.sender and PUBLIC_BODY.search(message.sender):
            return message.sender.split(", ", 1)[-1]
    return None


def fill_fields(thread: Thread) -> Thread:
    """The status code, and the requester and authority where the page's subtitle did not name them."""
    thread.status_code = status_code(thread.status_text)
    if not thread.messages:
        return thread
    first = chronological(thread)[0] if thread.source.format in EMAIL_FORMATS else thread.messages[0]
    if thread.requester is None and thread.source.format in EMAIL_FORMATS and signalled_kind(first) in AUTHORITY_KINDS:
        # A chain that opens with the authority's reply (a saved reply, a forwarded answer): the requester is whom it went to.
        thread.requester = first.recipient
    if thread.requester is None:
        thread.requester = first.sender or _signature(thread)
    if first.sender is None and thread.source.format == "wdtk-text":
        first.sender = thread.requester
    if thread.authority is None:
        thread.authority = first_salutation([text for _, text, role in first.lines if role not in (FURNITURE, ANNOTATION)], 0)
    if thread.authority is None:
        thread.authority = _body_in_heading(thread)
    return thread
