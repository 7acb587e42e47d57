"""Which lines of a message are the sender's own words.

An authority's reply carries far more than its answer: the sign-off and
contact block, paragraphs every reply repeats (rights of review, the ICO,
re-use licences, email disclaimers) and, below it all, the earlier mail it
quotes. Answers and message kinds must come from the sender's own words
only, so each line gets one role:

- ``own``: what the sender wrote for this message;
- ``signoff``: from the valediction on ("Yours sincerely", name, address);
- ``boilerplate``: standard paragraphs and disclaimers;
- ``quoted``: earlier mail below the reply.

The patterns are grouped by role and each shows what it matches.
"""
from __future__ import annotations

import re

from .model import BOILERPLATE, FURNITURE, OWN, QUOTED, SIGNOFF, Message

# --- quoted mail: everything from here down is earlier correspondence -----
# "-----Original Message-----", "----- Forwarded message -----"
ORIGINAL_MESSAGE = re.compile(r"^\s*-{2,}\s*(?:Original|Forwarded) Message\s*-{2,}", re.I)
# An Outlook or Gmail header block opening: "From: FOI", "From: Tay Jiva <...>"
HEADER_FROM = re.compile(r"^\s*\*?From:\*?\s+\S", re.I)
# The header lines that follow it: "Sent: 19 December 2024 09:36", "To: ...", "Subject: ..."
HEADER_FIELD = re.compile(r"^\s*\*?(?:Sent|Date|To|Cc|Subject):\*?\s", re.I)
# "On Tue, 16 Mar 2021 at 10:00, Val Gillies <...> wrote:" (may wrap onto a second line)
ON_WROTE = re.compile(r"^\s*On\s.{4,200}\bwrote:\s*$|^\s*On\s.{4,200}[^.?!:]$", re.I)
WROTE_END = re.compile(r"wrote:\s*$", re.I)
# A line of an email quoted with ">": "> Dear Sir"
ANGLE_QUOTED = re.compile(r"^\s*>")
# A rule line that WhatDoTheyKnow and mail clients put above quoted text: "-------------------"
RULE = re.compile(r"^\s*(?:-{5,}|_{5,}|={5,})\s*$")
# What a rule introduces when it introduces quoted mail: "Dear Despatch Box," or the WDTK request footer.
QUOTED_AFTER_RULE = re.compile(r"^\s*(?:Dear\s|Please use this email address for all replies|From:)", re.I)

# --- sign-off: the writer's closing and contact block --------------------
# "Yours sincerely,", "Kind Regards", "Many thanks", "Best wishes" alone on a line
VALEDICTION = re.compile(
    r"^\s*(?:yours\s+(?:faithfully|sincerely|truly)|(?:kind|best|warm|many)(?:est)?\s+regards|regards|many thanks|thanks"
    r"|thank you|best wishes|with thanks)[\s,.!]*$",
    re.I,
)

# --- boilerplate: paragraphs most replies repeat --------------------------
# Each alternative opens a paragraph that is not the answer:
# "If you are dissatisfied with the handling", "If you are unhappy with the response",
# "If you have any queries about this response", "I hope this is helpful however",
# "The information provided in this response is available for re-use",
# "The supply of information in response to a freedom of information request",
# "This Email, and any attachments, may contain", "NOTE: Please do not edit the subject line"
BOILERPLATE_OPENING = re.compile(
    r"^\s*(?:"
    r"(?:if|should) you (?:are|be|feel) (?:dissatisfied|unhappy|not (?:content|satisfied|happy))"
    r"|please (?:get|be) in touch if|please (?:contact|let) (?:me|us) (?:know )?if you have"
    r"|an internal review\b.{0,60}\bcan be requested|you (?:can|may) (?:ask|request|apply) for (?:an internal|a) review"
    r"|the information (?:in|contained in) this (?:response|letter|e-?mail) (?:may|can|is)"
    r"|this information is (?:licensed|available) for re-?use"
    r"|if you (?:remain|are still) (?:dissatisfied|unhappy)"
    r"|if you have any (?:further )?(?:queries|questions|concerns) (?:about|regarding|concerning|in relation to|on) (?:this|the|our) (?:response|reply|letter|information|matter)"
    r"|if you (?:would like|wish) to (?:request|ask for) an internal review"
    r"|i hope (?:this|the) (?:information |response )?(?:is|has been|will be|was) (?:helpful|of (?:help|assistance|use)|useful)"
    r"|i hope this helps"
    r"|the information (?:provided|supplied|released) (?:in|with) this (?:response|letter|email)"
    r"|the supply of information in response to"
    r"|(?:all )?information (?:provided|released) (?:is|may be) subject to copyright"
    r"|under uk copyright law"
    r"|you (?:have|also have) the right to (?:complain|ask for an internal review|request an internal review)"
    r"|this (?:e-?mail|message|communication)\b.{0,40}\b(?:may contain|is intended|are intended|and any (?:files|attachments)|has been scanned|is confidential)"
    r"|the original of this email was scanned"
    r"|communications via the gsi"
    r"|note: please do not edit the subject line"
    r"|please think of the environment"
    r"|please (?:don'?t|do not) print this"
    r"|disclaimer\b"
    r"|references\s*$"
    r")",
    re.I,
)
# A rule of stars or dashes that frames an email disclaimer: "**********"
DISCLAIMER_RULE = re.compile(r"^\s*(?:\*{5,}|-{5,}|_{5,}|={5,})\s*$")
# Words that make the paragraph under such a rule a disclaimer.
DISCLAIMER_WORDS = re.compile(r"confidential|intended (?:solely |only )?for|virus|disclaimer|privileged|monitored|addressee", re.I)


def _quote_start(lines: list[str], seen_salutation: bool) -> int | None:
    """Index of the first line of quoted earlier mail, if any."""
    n = len(lines)
    for i, line in enumerate(lines):
        if ORIGINAL_MESSAGE.match(line):
            return i
        if HEADER_FROM.match(line):
            window = [lines[k] for k in range(i + 1, min(n, i + 6)) if lines[k].strip()]
            if any(HEADER_FIELD.match(w) for w in window[:4]):
                return i
        if line.lstrip().startswith("On ") and ON_WROTE.match(line):
            if WROTE_END.search(line) or (i + 1 < n and WROTE_END.search(lines[i + 1])):
                return i
        if RULE.match(line):
            following = next((lines[k] for k in range(i + 1, min(n, i + 4)) if lines[k].strip()), "")
            if QUOTED_AFTER_RULE.match(following) and (seen_salutation or not following.lstrip().lower().startswith("dear")):
                return i
        if line.lstrip().lower().startswith("dear "):
            seen_salutation = True
    return None


def _disclaimer_at(lines: list[str], i: int) -> bool:
    if not DISCLAIMER_RULE.match(lines[i]):
        return False
    following = " ".join(lines[k] for k in range(i + 1, min(len(lines), i + 6)))
    return bool(DISCLAIMER_WORDS.search(following))


def fold_message(message: Message) -> None:
    """Give roles to the message's text lines (page furniture keeps its role)."""
    text = [(k, line) for k, (_, line, role) in enumerate(message.lines) if role != FURNITURE]
    for (k, _), role in zip(text, fold([line for _, line in text])):
        number, line, _ = message.lines[k]
        message.lines[k] = (number, line, role)


def fold(lines: list[str]) -> list[str]:
    """One role per line (own, signoff, boilerplate, quoted) for a message's text lines."""
    roles = [OWN] * len(lines)
    quote = _quote_start(lines, seen_salutation=False)
    end = len(lines) if quote is None else quote
    for k in range(end, len(lines)):
        roles[k] = QUOTED
    for k in range(end):
        if ANGLE_QUOTED.match(lines[k]):
            roles[k] = QUOTED
    closing = SIGNOFF
    in_closing = False
    for k in range(end):
        line = lines[k]
        if roles[k] == QUOTED:
            continue
        if BOILERPLATE_OPENING.match(line) or _disclaimer_at(lines, k):
            in_closing, closing = True, BOILERPLATE
        elif not in_closing and VALEDICTION.match(line):
            in_closing, closing = True, SIGNOFF
        elif in_closing and closing == BOILERPLATE and VALEDICTION.match(line):
            closing = SIGNOFF
        if in_closing:
            roles[k] = closing
    return roles
