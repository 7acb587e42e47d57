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

from .model import ANNOTATION, BOILERPLATE, FURNITURE, OWN, QUOTED, SIGNOFF, Message
from .scan import case_blind

# --- quoted mail: everything from here down is earlier correspondence -----
# "-----Original Message-----", "----- Forwarded message -----"
ORIGINAL_MESSAGE = re.compile(r"^\s*-{2,}\s*(?:Original|Forwarded) Message\s*-{2,}", re.I)
# An Outlook or Gmail header block opening: "From: FOI", "From: Tay Jiva <...>"
HEADER_FROM = re.compile(r"^\s*\*?From:\*?\s+\S", re.I)
# The header lines that follow it: "Sent: 19 December 2024 09:36", "To: ...", "Subject: ..."
HEADER_FIELD = re.compile(r"^\s*\*?(?:Sent|Date|To|Cc|Subject):\*?\s", re.I)
# "On Tue, 16 Mar 2021 at 10:00, Val Gillies <...> wrote:" (may wrap onto a second line)
ON_WROTE = re.compile(r"^\s*On\s.{4,200}\bwrote:\s*$|^\s*On\s.{4,200}[^.?!:]$", re.I)
# The end of that line, or of the line after it: "… <val@example.org> wrote:"
WROTE_END = re.compile(r"wrote:\s*$", re.I)
# A rule line that WhatDoTheyKnow and mail clients put above quoted text: "-------------------"
RULE = re.compile(r"^\s*(?:-{5,}|_{5,}|={5,})\s*$")
# What a rule introduces when it introduces quoted mail: "Dear Despatch Box," or the WDTK request footer.
QUOTED_AFTER_RULE = re.compile(r"^\s*(?:Dear\s|Please use this email address for all replies|From:)", re.I)

# --- sign-off: the writer's closing and contact block --------------------
# "Yours sincerely,", "Kind Regards", "Many thanks", "Best wishes" alone on a line
VALEDICTION = re.compile(
    r"^\s*(?:yours\s+(?:faithfully|sincerely|truly)|(?:kind|best|warm|many)(?:est)?\s+regards|regards|many thanks|thanks"
    r"|thank you|best wishes|with thanks|thank you for your (?:time|help|assistance|consideration))[\s,.!]*$",
    re.I,
)
# What a valediction opens with ("Yours", "Kind", "Best", "Warm", "Many", "Regards", "Thanks", "With"): other lines skip it
VALEDICTION_INITIALS = case_blind("ykbwmrt")
# The conventional signature separator, dash dash space alone on a line: "-- "
# (not "-- Letter start --", nor a rule of dashes "-----").
SIG_SEPARATOR = re.compile(r"^\s*--\s*$")
# The link list that closes a message turned from HTML to text: "References" alone
# on a line, then "Visible links", "1. mailto:...". Like a signature it is shown
# but is not the sender's words (it is not boilerplate either: the links are theirs).
REFERENCES_HEADING = re.compile(r"^\s*references\s*$", re.I)
REFERENCES_INITIALS = case_blind("r")

# A line of a signature block: two to eight capitalised words, no figures, no closing stop.
# e.g. "Knowledge and Information Access Team", "Ministry of Housing, Communities and Local Government";
# not "N/A", "Yes", "2024 c.£138,000", "Please see attached."
SIGNATURE_LINE = re.compile(r"^\s*[A-Z][\w’'&-]*(?:,?\s+(?:[A-Z][\w’'&-]*|of|and|for|the|&)){1,7}\s*$")

# The number of a letter's paragraph, before its first word: "7. " in "7. If you are unhappy …", "3. " in "3. In answer to …"
PARAGRAPH_NUMBER = re.compile(r"^\s*\d{1,2}\.\s+(?=[A-Z])")
# A numbered answer opening a new paragraph: "5. The number of driver licences", "4. £418,000"; not "1. http://…" (a link list)
RESUMED_ITEM = re.compile(r"^\s*\(?\d{1,2}[.)]\s+[A-Z£$\d]")
# Section 16 advice opens a paragraph of boilerplate, but in a numbered paragraph it is often that item's answer
ADVICE_OPENING = re.compile(r"under section 16\b", re.I)

# --- boilerplate: paragraphs most replies repeat --------------------------
# Each alternative opens a paragraph that is not the answer:
# "If you are dissatisfied with the handling", "If you are unhappy with the response",
# "If you have any queries about this response", "I hope this is helpful however",
# "The information provided in this response is available for re-use",
# "The supply of information in response to a freedom of information request",
# "Information you receive which is not subject to an exemption … may still be protected by copyright",
# "This Email, and any attachments, may contain", "NOTE: Please do not edit the subject line",
# "I am sorry again for the delay" (an apology that closes; one that opens a reply is the sender's own),
# "Under section 16 of the Freedom of Information Act 2000 the Council has a duty to provide advice",
# "This footnote confirms that this message ... has been swept for viruses" (a mail gateway's notice),
# "Complaint Rights" (a heading over them), "Your attention is drawn to your right of complaint"
# (_OPEN_LICENCE: "The information is given under the Open Government Licence", which a numbered answer may say
# of the data it points to: "2. The information is given under the Open Government Licence v3.0 on the portal")
_OPEN_LICENCE = r"(?:this|the) information (?:is |has been )?(?:provided|released|supplied|given|licensed|made available) (?:to you )?under the open government licen[cs]e"
OPEN_LICENCE = re.compile(r"^\s*" + _OPEN_LICENCE, re.I)
BOILERPLATE_OPENING = re.compile(
    r"^\s*(?:"
    r"(?:if|should) you (?:are|be|feel) (?:dissatisfied|unhappy|not (?:content|satisfied|happy))"
    r"|please (?:get|be) in touch if|please (?:contact|let) (?:me|us) (?:know )?if you have"
    r"|an internal review\b.{0,60}\bcan be requested|you (?:can|may) (?:ask|request|apply) for (?:an internal|a) review"
    r"|the information (?:in|contained in) this (?:response|letter|e-?mail) (?:may|can|is)"
    r"|this information is (?:licensed|available) for re-?use"
    r"|" + _OPEN_LICENCE +
    r"|you (?:may|can|are free to) re-?use (?:the|this|any) information (?:we have |that we have |that has been )?(?:provided|supplied|released|given)"
    r"|i(?: am|'m) (?:very |really )?sorry again|(?:my |our )?apologies again|i apologi[sz]e again"
    r"|under section 16 of the (?:freedom of information act|act)\b"
    r"|if you (?:remain|are still) (?:dissatisfied|unhappy)"
    r"|if you have any (?:further )?(?:queries|questions|concerns) (?:about|regarding|concerning|in relation to|on) (?:this|the|our) (?:response|reply|letter|information|matter)"
    r"|if you (?:would like|wish) to (?:request|ask for) an internal review"
    r"|(?:i|we) hope (?:that )?(?:this|the) (?:information |response )?(?:is|has been|will be|was|proves) (?:helpful|of (?:help|assistance|use)|useful)"
    r"|(?:i|we) hope this helps"
    r"|this (?:completes|concludes) (?:our|my|the) response"
    r"|this (?:letter|e-?mail|response) (?:acts|serves) as (?:a|the) refusal notice"
    r"|this (?:letter|e-?mail|response) is (?:a|the|our) refusal notice(?: under section 1[67](?: of the [a-z ()]*act(?: 2000| 2002)?)?)?\.\s*(?:if\b|you\b|$)"
    r"|the information (?:provided|supplied|released) (?:in|with) this (?:response|letter|email)"
    r"|the supply of information in response to"
    r"|information you receive which is not subject to an exemption under\b"
    r"|(?:all )?information (?:provided|released) (?:is|may be) subject to copyright"
    r"|under uk copyright law"
    r"|information you receive which is not subject to (?:continuing )?crown copyright"
    r"|(?:please note (?:that )?)?the information (?:supplied|provided|released) to you (?:is|continues to be|remains)\b.{0,30}\bcopyright"
    r"|you (?:have|also have) the right to (?:complain|ask for an internal review|request an internal review)"
    r"|this (?:e-?mail|message|communication)\b.{0,40}\b(?:may contain|is intended|are intended|and any (?:files|attachments)|has been scanned|is confidential)"
    r"|the original of this email was scanned"
    r"|this footnote (?:also )?confirms"
    r"|communications via the gsi"
    r"|note: please do not edit the subject line"
    r"|please think of the environment"
    r"|please (?:don'?t|do not) print this"
    r"|disclaimer\b"
    r"|your attention is drawn to (?:your|the) right(?:s)? (?:of|to) (?:complain|complaint|appeal|review)"
    r"|(?:complaint|appeal|review) rights\s*:?\s*$|your right to (?:complain|appeal|request a review)\s*:?\s*$"
    r")",
    re.I,
)
# What a standard paragraph opens with (the first letters of BOILERPLATE_OPENING's alternatives): other lines skip it
BOILERPLATE_INITIALS = case_blind("ispaytmouwcndr")
# A rule of stars, dashes, underscores, equals or hashes (spaced or not) that frames
# an email disclaimer: "**********", "* * * * * * * *", "-----", "= = = = ="
# (not "***" or "* * *", a break inside a letter, nor "- - Disclaimer - -").
DISCLAIMER_RULE = re.compile(r"^\s*(?:(?:\*\s*){5,}|(?:-\s*){5,}|(?:_\s*){5,}|(?:=\s*){5,}|(?:#\s*){5,})$")
# What such a rule can open with: other lines are not tried.
RULE_HEADS = frozenset("*-_=#")
# Words that make the text framed by such rules a disclaimer: "are confidential and",
# "intended solely for", "swept for computer viruses", "may be monitored centrally",
# "If you are not the intended recipient", "received this email in error".
DISCLAIMER_WORDS = re.compile(
    r"confidential|intended (?:solely |only )?for|virus|disclaimer|privileged|monitored|addressee"
    r"|intended recipient|received (?:this|it) (?:e-?mail |message )?in error|unauthori[sz]ed (?:use|disclosure)",
    re.I,
)
# How far a closing rule may be from the opening one for the two to frame one
# disclaimer, and how much framed text may be read for the words above: a longer
# frame is more likely the sender's own text set off by rules (a table, a quoted
# passage), where "confidential" or "privileged" can be part of the answer.
FRAME_MAX_LINES = 25
FRAME_MAX_TEXT = 15
# Under a rule that closes nothing (a footer running to the end), only the first
# paragraph is read for disclaimer words, or below a sign-off this many non-blank lines.
UNFRAMED_LOOKAHEAD = 5


# The first characters of a line that may open quoted mail (ORIGINAL_MESSAGE, HEADER_FROM, ON_WROTE, RULE)
# or greet ("Dear"): any other line is passed over without trying the patterns.
QUOTE_HEADS = frozenset("-*_=") | case_blind("fod")


def _quote_start(lines: list[str], heads: list[str]) -> int | None:
    """Index of the first line of quoted earlier mail, if any (``heads``: each line's first character)."""
    seen_salutation = False
    n = len(lines)
    for i, line in enumerate(lines):
        if heads[i] not in QUOTE_HEADS:
            continue
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


def _rule_char(line: str) -> str:
    return line.strip()[0]


def _cues(lines: list[str]) -> set[str]:
    """The distinct disclaimer words in some lines, read as one text (wrapping undone)."""
    text = " ".join(" ".join(lines).split())
    return {m.group(0).lower() for m in DISCLAIMER_WORDS.finditer(text)}


def _ends_own_text(lines: list[str], k: int, end: int) -> bool:
    """Whether nothing of the sender's own text follows from ``k``: only blanks,
    rules, standard paragraphs or the link list, up to the quoted mail or the end."""
    following = next((lines[j] for j in range(k, end) if lines[j].strip()), None)
    return following is None or bool(
        DISCLAIMER_RULE.match(following) or BOILERPLATE_OPENING.match(following) or REFERENCES_HEADING.match(following)
    )


def _disclaimer_at(lines: list[str], i: int, end: int, in_closing: bool) -> int | None:
    """If a disclaimer starts at rule line ``i``, the index just past it, else None.

    A disclaimer framed by two rules of the same character ends after the closing
    rule; one under a rule that closes nothing runs on (the caller keeps folding)
    and is read from its first paragraph. That text must carry a disclaimer word,
    and one word alone ("monitored", "confidential", which an answer may use) is
    enough only below the sign-off or when the frame or paragraph ends the
    sender's text.
    """
    if not DISCLAIMER_RULE.match(lines[i]):
        return None
    char = _rule_char(lines[i])
    close = next(
        (k for k in range(i + 1, min(end, i + 1 + FRAME_MAX_LINES)) if DISCLAIMER_RULE.match(lines[k]) and _rule_char(lines[k]) == char),
        None,
    )
    if close is not None:
        framed = [line for line in lines[i + 1 : close] if line.strip()]
        if len(framed) <= FRAME_MAX_TEXT:
            # Only the frame's own text counts: a rule over "Important notice" and a
            # footer mentioning "confidential" below the next rule frame nothing.
            cues = _cues(framed)
            if len(cues) >= 2 or (cues and (in_closing or _ends_own_text(lines, close + 1, end))):
                return close + 1
            return None
    following: list[str] = []
    after = end
    for k in range(i + 1, end):
        if lines[k].strip():
            following.append(lines[k])
        elif following and not in_closing:
            after = k
            break  # the first paragraph only
        if len(following) == UNFRAMED_LOOKAHEAD:
            after = k + 1
            break
    cues = _cues(following)
    if len(cues) >= 2 or (cues and (in_closing or _ends_own_text(lines, after, end))):
        return i + 1
    return None


def fold_message(message: Message) -> None:
    """Give roles to the message's text lines (page furniture and annotations keep theirs)."""
    text = [(k, line) for k, (_, line, role) in enumerate(message.lines) if role not in (FURNITURE, ANNOTATION)]
    for (k, _), role in zip(text, fold([line for _, line in text])):
        number, line, _ = message.lines[k]
        message.lines[k] = (number, line, role)


def fold(lines: list[str]) -> list[str]:
    """One role per line (own, signoff, boilerplate, quoted) for a message's text lines."""
    roles = [OWN] * len(lines)
    heads = [line.lstrip()[:1] for line in lines]  # "" for a blank line
    quote = _quote_start(lines, heads)
    end = len(lines) if quote is None else quote
    for k in range(end, len(lines)):
        roles[k] = QUOTED
    closing = SIGNOFF
    in_closing = False
    notice_at: int | None = None  # where a refusal-notice sentence opened the closing text
    advice_at: int | None = None  # where section 16 advice opened it
    framed_until = 0
    for k in range(end):
        line, head = lines[k], heads[k]
        if head == ">":  # a line of an email quoted with ">": "> Dear Sir"
            roles[k] = QUOTED
            continue
        if not head:
            if in_closing:
                roles[k] = closing  # a blank line changes nothing: spare it the patterns
            continue
        if k < framed_until:
            # Inside a framed disclaimer: nothing in it ("Thank you.") ends it.
            roles[k] = BOILERPLATE
            continue
        if in_closing and closing == BOILERPLATE and RESUMED_ITEM.match(line) and k and (not heads[k - 1] or (
                notice_at is not None and k - notice_at <= 3 and _ends_sentence(lines[k - 1]))):
            # A paragraph of advice between answers ("Under section 16 … narrow this part") is not the close:
            # the next numbered answer takes the reply up again, and the advice is the answer's above it;
            # so too, with no blank line between, after the short sentence that makes the reply a refusal
            # notice for the items above.
            in_closing = False
            if advice_at is not None and not NEW_LIST.match(line) and not OTHER_ITEM.search(" ".join(lines[advice_at:k])):
                roles[advice_at:k] = [OWN if role == BOILERPLATE else role for role in roles[advice_at:k]]
        disclaimer_end = _disclaimer_at(lines, k, end, in_closing) if head in RULE_HEADS else None
        if disclaimer_end is not None:
            framed_until = disclaimer_end
            in_closing, closing = True, BOILERPLATE
        elif (head in BOILERPLATE_INITIALS or head.isdigit()) and _opens_standard_paragraph(line, head):
            in_closing, closing = True, BOILERPLATE
            notice_at = k if REFUSAL_NOTICE.search(line) else None
            advice_at = k if ADVICE_OPENING.search(line) else None
        elif head in REFERENCES_INITIALS and REFERENCES_HEADING.match(line):
            in_closing, closing = True, SIGNOFF
        elif not in_closing and (head in VALEDICTION_INITIALS and VALEDICTION.match(line) or head == "-" and SIG_SEPARATOR.match(line)):
            in_closing, closing = not _inside_quotation(lines, heads, k), SIGNOFF
        elif in_closing and closing == BOILERPLATE and head in VALEDICTION_INITIALS and VALEDICTION.match(line):
            closing = SIGNOFF
        if in_closing:
            roles[k] = closing
    _mark_unsigned_signature(lines, roles, end)
    return roles


# Marks that open and close a quotation, where a reply reproduces an email in its answer
QUOTATION_OPENINGS = ('"', "“")
QUOTATION_CLOSINGS = ('"', "”")


def closes_quotation(text: str) -> bool:
    """Whether a line ends a quotation: its closing mark, perhaps before a stop ('… Skelbeck".', '… accounts.”)')."""
    return text.rstrip().rstrip(".,;:)").endswith(QUOTATION_CLOSINGS)


def _inside_quotation(lines: list[str], heads: list[str], k: int) -> bool:
    """Whether the sign-off at line k is inside an email the reply reproduces in quotation marks
    ('"Hi [name removed],' … 'Thanks' / '[name removed]' / 'Depot Manager, Skelbeck"'): a line above opens a
    quotation that no mark since has closed, and a line within the next few closes it."""
    if not any(closes_quotation(line) for line in lines[k:k + 5]):
        return False
    opening = next((j for j in range(k - 1, max(-1, k - 40), -1) if heads[j] in QUOTATION_OPENINGS), None)
    if opening is None:
        return False
    between = "".join(lines[opening:k])
    return between.count('"') % 2 == 1 or between.count("“") > between.count("”")


# A numbered line that starts a list of its own ("1. You can ask for an internal review"), not the next answer
NEW_LIST = re.compile(r"^\s*\(?1[.)]\s")
# Advice that speaks of another item ("In relation to question 3, if you were to narrow …"): that item's, not the one above
OTHER_ITEM = re.compile(r"\b(?:question|item|part|point)s? \(?\d", re.I)
# The sentence that makes a reply a refusal notice: "this response acts as a refusal notice under section 17"
REFUSAL_NOTICE = re.compile(r"this (?:letter|e-?mail|response) (?:acts|serves) as (?:a|the) refusal notice", re.I)


def _ends_sentence(line: str) -> bool:
    """A line ending its sentence: in mail with no blank lines, what follows may open the next numbered answer."""
    return line.rstrip().endswith((".", "?", "!"))


def _opens_standard_paragraph(line: str, head: str) -> bool:
    """A paragraph of closing boilerplate, numbered or not: a letter that numbers its paragraphs
    ends "7. If you are unhappy with the way we have handled your request, …"."""
    if head in BOILERPLATE_INITIALS:
        return bool(BOILERPLATE_OPENING.match(line))
    numbered = PARAGRAPH_NUMBER.match(line)  # (the caller passes only lines that open with a digit or an initial)
    if not numbered:
        return False
    rest = line[numbered.end():]
    return bool(BOILERPLATE_OPENING.match(rest)) and not ADVICE_OPENING.match(rest) and not OPEN_LICENCE.match(rest)


def _mark_unsigned_signature(lines: list[str], roles: list[str], end: int) -> None:
    """A team's name under a reply with no valediction ("Knowledge and Information Access Team" /
    "Ministry of Housing, Communities and Local Government") is a sign-off, not the end of an answer."""
    k = end - 1
    while k >= 0 and (roles[k] != OWN or not lines[k].strip()):
        k -= 1
    block = []
    while k >= 0 and roles[k] == OWN and SIGNATURE_LINE.match(lines[k]):
        block.append(k)
        k -= 1
    if block and (k < 0 or not lines[k].strip() or lines[k].rstrip().endswith((".", ":", "?", "!"))):
        for index in block:
            roles[index] = SIGNOFF
