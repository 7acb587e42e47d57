"""What the replies amount to: answer types and values, exemptions, the outcome, the deadlines.

These are read from what the earlier stages found, never from the page's
own status line, so a thread whose status was never set still gets an
outcome, and a warning says where the two disagree.
"""
from __future__ import annotations

import re

from .answer_types import classify_answer
from .deadlines import compute_deadlines
from .exemptions import SCOTTISH, find_exemptions
from .fold import VALEDICTION
from .model import Message, Thread, same_length_lower
from .pairing import prose_answer
from .scan import search_near

ANSWERING_KINDS = ("response", "internal_review_response")
# Stated statuses that say what the outcome was (the others say where the request stands).
COMPARABLE_STATUSES = {"successful", "partially_successful", "refused", "not_held"}
INFORMATIVE = {"yes", "no", "number", "text", "in_attachment"}
# Formats that any text file is read as
PLAIN_TEXT = ("wdtk-text", "text")
# The longest naming of the Scottish Act (exemptions.SCOTTISH), around "scot" or "foisa" in it
SCOTTISH_REACH = 60
# A letter's greeting: "Dear Sheffield City Council,", "To whom it may concern:", "Good afternoon,"
# (its sign-off is fold's VALEDICTION: "Yours faithfully,", "Thanks")
GREETING = re.compile(r"^\s*(?:Dear\b|To whom it may concern\b|(?:Hello|Hi|Good (?:morning|afternoon|evening))\b[^\n]{0,60},\s*$)", re.I)


def _outcome(thread: Thread, responses: list[Message]) -> str | None:
    """The outcome the replies show; None where the answers are only in attachments, so unread."""
    if not responses:
        last_incoming = next((m for m in reversed(thread.messages) if m.direction == "incoming"), None)
        return "waiting_clarification" if last_incoming and last_incoming.kind == "clarification_request" else "waiting_response"
    types = [q.answer_type for q in thread.questions if q.answer_type]
    if not types:
        own = "\n".join(t for m in responses for _, t in prose_answer(m))
        kind, _, _ = classify_answer(own) if own.strip() else ("in_attachment", None, None)
        types = [kind]
    if all(t == "in_attachment" for t in types):
        return None
    informative = [t for t in types if t in INFORMATIVE]
    if len(informative) == len(types):
        return "successful"
    if informative or "partial" in types:
        return "partially_successful"
    if all(t == "not_held" for t in types):
        return "not_held"
    return "refused"


def assess(thread: Thread) -> Thread:
    """Answer types and values, exemptions per message and per answer, the outcome and the deadlines."""
    text = thread.text_and_offsets()[0]
    scottish = search_near(SCOTTISH, text, ("scot", "foisa"), SCOTTISH_REACH, low=same_length_lower(text)) is not None

    for message in thread.messages:
        if message.direction == "incoming" and message.own_lines:
            message.exemptions = [e.to_dict(message.index) for e in find_exemptions(message.own_lines, scottish)]
    answered_in_attachment = any(m.attachment_count for m in thread.messages if m.direction == "incoming" and m.kind in ANSWERING_KINDS)
    for question in thread.questions:
        question.answer_type, question.answer_value, question.answer_unit = classify_answer(question.answer, answered_in_attachment)
        if question.answer and question.answered_in is not None:
            lines = [(n, t) for n, t in thread.messages[question.answered_in].own_lines if question.answer_first <= n <= question.answer_last]
            question.exemptions = [e.to_dict(question.answered_in) for e in find_exemptions(lines, scottish)]
    responses = [m for m in thread.messages if m.direction == "incoming" and m.kind in ANSWERING_KINDS]
    if thread.source.format not in PLAIN_TEXT or thread.questions or any(GREETING.match(line) or VALEDICTION.match(line) for line in text.splitlines()):
        thread.outcome = _outcome(thread, responses)
    else:
        # A README or a notes file in the folder, with no numbered questions either: saying "waiting for a
        # response" would invent a request.
        # Mail and saved pages are correspondence by their form, even one without a greeting.
        thread.warnings.append("no letter found (no greeting or sign-off): this may not be FOI correspondence")
    if thread.status_code in COMPARABLE_STATUSES and thread.outcome in COMPARABLE_STATUSES and thread.status_code != thread.outcome:
        thread.warnings.append(f"the stated status is {thread.status_code} but the replies read as {thread.outcome}")
    deadlines = compute_deadlines(thread, scottish)
    thread.deadlines = deadlines.to_dict() if deadlines else None
    return thread
