"""The thread cut into messages, each with its exact line span.

WhatDoTheyKnow pages copied as text put every message under a heading: the
sender's line, then (on most pages) a date line, then an attachment list.
Some copies drop the dates; there a heading is a line standing alone that
names the authority, or the requester, between blank lines. Everything up to
the next heading belongs to the message above, so spans never overlap and
page furniture always has one owner.
"""
from __future__ import annotations

import re

from .dates import parse_date_line
from .fold import VALEDICTION
from .chain import split_chain
from .model import ANNOTATION, EMAIL_FORMATS, FURNITURE, OWN, Message, Thread, same_length_lower

# "J A Giggins made this Freedom of Information request to Ministry of Housing"
SUBTITLE = re.compile(r"^\s*(?P<requester>\S.*?) made this (?:Freedom of Information |Environmental Information |EIR |FOI )?(?:Regulations )?request to (?P<authority>.+?)(?:\s+(?:This request has been|as part of a batch sent to)\b.*)?\s*$")
# The page's notice on a closed request, above the real status line: "This request has been closed to new
# correspondence from the public body. Contact us if you think it ought be re-opened."
CLOSED_NOTICE = re.compile(r"closed to new correspondence|ought (?:to )?be re-?opened", re.I)
# The status line under the title, e.g. "The request was partially successful."
STATUS = re.compile(
    r"^\s*(?:The request (?:was|is|has)|Currently waiting for|Waiting for|We're waiting for|Response to this request is"
    r"|This request (?:has|is|was)|.{1,200} did not have the information requested|.{1,200} (?:is|are) waiting for|Long overdue|Still awaiting)",
    re.I,
)
# Text the request page itself adds around messages (buttons, links, delivery marks), each a whole line in
# any case: "show quoted sections", "Link to this", "Report", "View as HTML", "Download", "Follow", "Delivered";
# every line of a page is tested, so it is a set lookup, not a pattern.
FURNITURE_WORDS = frozenset({
    "show quoted sections", "hide quoted sections", "link to this", "report", "view as html", "download", "report this request",
    "follow", "share", "request an internal review", "delivered", "sent", "reply", "send a follow up", "send a followup",
    "track this request", "actions", "make a request", "unfollow",
    # the page's sidebar, when a copy takes it in: "Things to do with this request", "Anyone:", "Follow this request" …
    "things to do with this request", "anyone:", "follow this request", "share on twitter", "share on facebook",
    "tweet this request", "download a zip file of all correspondence", "update the status of this request", "write a reply",
    "offensive? unsuitable? let us know.", "respond to request",
})
# The sidebar's heading over the requester's own buttons, a name: "Ffion Carradine only:";
# not "For pay and display only:" or "Internal audit only:"
NAME_ONLY = re.compile(r"^[A-Z][\w'-]+(?: [A-Z][\w'.-]*){1,3} only:$")
# A furniture line that runs on: "Add an annotation (to help the requester or others)"
ANNOTATION_LINK = "add an annotation"
# Another user's note on the page, under its own heading: "Alan Price left an annotation (19 February 2024)",
# "Sam Hartigan (WhatDoTheyKnow admin) left an annotation (12 March 2024)"; it and what follows it, to the next
# message, are the note's (not the sender's words: "the answer to (1) is already published" answers nothing)
ANNOTATION_HEAD = re.compile(r"^\s*\S.{0,100} left an annotation \(\d{1,2} [A-Z][a-z]+ \d{4}\)\s*$")
# "2 Attachments", "1 Attachment"
ATTACHMENT_COUNT = re.compile(r"^\s*(\d{1,4}) Attachments?\s*$", re.I)
# An attachment line ends with its size: "  For Release.pdf 7.6M", "FOI 1598527.xlsx 10K" (the size is split
# off with str.rsplit and checked with ATTACHMENT_SIZE: a pattern over the whole line backtracks on long ones)
# A size alone on the line after a name: "10K"
ATTACHMENT_SIZE = re.compile(r"^\s*\d+(?:\.\d+)?\s?[KMG]B?\s*$", re.I)
# How a date line may open when it names the weekday: "Tuesday, 16 March 2021"
WEEKDAY_OPENINGS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
# A heading naming a team and a public body, used when the authority's name is not known:
# "Freedom of Information, Knowsley Metropolitan Borough Council", "FOI Team, Example Police"
TEAM_AND_BODY = re.compile(
    r"^[^,]{2,60}, (?:[A-Z][\w&'’-]*\s+){0,8}(?:Council|Authority|Trust|Police|Constabulary|Service|Department|Ministry|Office|Agency"
    r"|Commission|University|College|Board|Executive|Government|Borough|County)$"
)
# How a message's text opens under a heading with no date line: "Dear Ms Gillies,", "Thank you for your email.",
# "2 Attachments", "Good afternoon,", "Our ref: 123", "Re – Freedom of Information Request", "I am writing …",
# "Could you tell me when …"; not a footer under a signature ("This email and any files …", "Please consider the environment")
MESSAGE_OPENING = re.compile(
    r"^\s*(?:Dear\b|Hello\b|Hi\b|Good (?:morning|afternoon|evening|day)\b|Thank(?:s| you)\b|Many thanks\b|\d+ Attachments?\b"
    r"|Please (?:find|see|could|can|would|accept|send|provide|note that (?:we|I|the council))\b|(?:Could|Can|Would) you\b|Following\b"
    r"|Further to\b|(?:Our|Your) ref|Re\s*[:–-]|FAO\b|I |I'm\b|We |We're\b|This is\b|Sorry\b|Apologies\b|Freedom of Information\b|Request\b|Internal review\b)",
    re.I,
)
# The salutation that opens a request: "Dear Sheffield City Council,"
SALUTATION = re.compile(r"^\s*Dear\s+(?P<name>[^,]+?)\s*,?\s*$", re.I)
# Salutations that name no one: "Dear Sir/Madam", "Dear FOI Officer"
GENERIC_ADDRESSEE = re.compile(r"^(?:sir|madam|sirs|sir\s*(?:/|or)\s*madam|foi (?:officer|team)|freedom of information (?:officer|team)|all|colleague|team)$", re.I)


def _blank(line: str) -> bool:
    return not line.strip()


def _is_furniture(line: str) -> bool:
    words = line.strip().lower()
    if not words.isascii():
        words = same_length_lower(words)  # as the case-blind pattern it replaces would read "ſhare"
    return words in FURNITURE_WORDS or words.startswith(ANNOTATION_LINK) or (words.endswith(" only:") and bool(NAME_ONLY.match(line.strip())))


def _preamble_end(lines: list[str]) -> tuple[int, dict]:
    """Index of the first line after the page's title, subtitle and status line, with what they say."""
    found: dict = {}
    seen = 0
    end = 0
    for i, line in enumerate(lines[:40]):
        if _blank(line):
            continue
        seen += 1
        if seen == 1 or (seen == 2 and _doubled(lines, i)):
            found["title"] = line.strip()  # (a doubled title line is the title still)
            end = i + 1
            continue
        sub = SUBTITLE.match(line)
        if sub and "subtitle" not in found:
            found["subtitle"] = (sub.group("requester").strip(), sub.group("authority").strip())
            end = i + 1
            continue
        if CLOSED_NOTICE.search(line):
            end = i + 1
            continue
        if STATUS.match(line) and "status" not in found and len(line) < 400:
            found["status"] = line.strip()
            end = i + 1
            continue
        if _is_furniture(line):
            end = i + 1
            continue
        break
    return end, found


def first_salutation(lines: list[str], start: int) -> str | None:
    """Whom the opening "Dear …," names, among the first few lines of text: a salutation further down
    belongs to a later message (the authority's "Dear Mr Davies" to the requester)."""
    text_lines = [line for line in lines[start:start + 40] if line.strip()][:4]
    for line in text_lines:
        match = SALUTATION.match(line)
        if match and not GENERIC_ADDRESSEE.match(match.group("name").strip()):
            return match.group("name").strip()
    return None


def signed_name(line: str) -> str:
    """The name on a signature line, before any role after it: "Dr R. J. Penhaligon, Chair, Friends of Holloway Park"."""
    return line.split(",")[0].strip()


def first_signature(lines: list[str], start: int) -> str | None:
    """The name signed under the opening message's sign-off ("Yours faithfully,\n\nDeclan Moorcroft"):
    a page copied without its subtitle names the requester only there, and again over each follow-up."""
    for i in range(start, min(len(lines), start + 200)):
        if VALEDICTION.match(lines[i]):
            name = signed_name(next((line for line in lines[i + 1:i + 4] if line.strip()), ""))
            return name if 0 < len(name) <= 60 and 2 <= len(name.split()) <= 5 else None
    return None


def _after_valediction(lines: list[str], i: int) -> bool:
    """True when the nearest non-blank line above i is a sign-off (so line i is a signature)."""
    j = i - 1
    while j >= 0 and _blank(lines[j]):
        j -= 1
    return j >= 0 and bool(VALEDICTION.match(lines[j]))


def _opens_block(lines: list[str], i: int) -> bool:
    """A heading stands after a blank line, a furniture line, or at the top; or after a copy of itself
    that a browser's selection doubled ("Bethan Marwick" / "Bethan Marwick" / "23 January 2024")."""
    if i and _doubled(lines, i):
        i -= 1
    return i == 0 or _blank(lines[i - 1]) or _is_furniture(lines[i - 1])


def _doubled(lines: list[str], i: int) -> bool:
    """Whether line i repeats the line above it word for word."""
    return i > 0 and not _blank(lines[i]) and lines[i].strip() == lines[i - 1].strip()


def _date_lines(lines: list[str], start: int) -> set[int]:
    """Indexes of the lines that hold only a date; a cheap first-characters test spares most lines the regex."""
    return {i for i in range(start, len(lines)) if _may_be_date_line(lines[i]) and parse_date_line(lines[i]) is not None}


def _may_be_date_line(line: str) -> bool:
    head = line.lstrip()[:3]
    return bool(head) and (head[0].isdigit() or head in WEEKDAY_OPENINGS)


def _is_dated_heading(lines: list[str], i: int, date_lines: set[int]) -> bool:
    line = lines[i]
    if i + 1 not in date_lines or i in date_lines or _blank(line) or len(line) > 160 or not _opens_block(lines, i):
        return False
    return not (_is_furniture(line) or line[:1].isspace())


def _opens_message(lines: list[str], i: int) -> bool:
    """Whether the first text after line i opens a message ("Dear …", "Thank you …", "2 Attachments"):
    a signature's last line ("Wexcombe Borough Council") is followed by an address, a notice or nothing."""
    following = next((line for line in lines[i + 1:i + 6] if line.strip()), "")
    return bool(MESSAGE_OPENING.match(following))


def _is_bare_heading(lines: list[str], i: int, names: list[str]) -> bool:
    """A heading with no date line: the authority's or requester's name alone, between blank lines,
    over the opening of a message."""
    line = lines[i].strip().rstrip(",")
    if not line or not _opens_block(lines, i) or (i + 1 < len(lines) and not _blank(lines[i + 1])) or not _opens_message(lines, i):
        return False
    for name in names:
        if line == name or line.endswith(", " + name):
            return not _after_valediction(lines, i)
    if not names[0] and TEAM_AND_BODY.match(line):
        return not _after_valediction(lines, i)
    return False


def find_headings(lines: list[str], start: int, names: list[str]) -> list[int]:
    """Indexes of message headings: lines over a date line where the page has them, else bare name lines."""
    date_lines = _date_lines(lines, start)
    dated = sorted(i - 1 for i in date_lines if i - 1 >= start and _is_dated_heading(lines, i - 1, date_lines))
    if dated:
        return dated
    return [i for i in range(start, len(lines)) if _is_bare_heading(lines, i, names)]


def _header_block(message: Message, lines: list[str], heading: int | None) -> int:
    """Read sender, date and attachment list; return the index of the first body line."""
    i = message.first - 1
    end = message.last
    if heading is None:
        return i
    message.sender = lines[i].strip().rstrip(",").strip() or None
    i += 1
    if i < end and _doubled(lines, i):
        i += 1  # the heading's doubled copy
    if i < end and parse_date_line(lines[i]):
        message.date = parse_date_line(lines[i])
        i += 1
    while i < end and _is_furniture(lines[i]):
        i += 1
    j = i
    while j < end and _blank(lines[j]):
        j += 1
    count = ATTACHMENT_COUNT.match(lines[j]) if j < end else None
    if count:
        message.attachment_count = int(count.group(1))
        j += 1
        names: list[str] = []
        while j < end and len(names) < message.attachment_count:
            line = lines[j]
            if _blank(line):
                j += 1
                continue
            parts = line.rsplit(None, 1)
            if len(parts) == 2 and ATTACHMENT_SIZE.match(parts[1]):
                names.append(parts[0].strip())
                j += 1
            elif j + 1 < end and ATTACHMENT_SIZE.match(lines[j + 1]):
                names.append(line.strip())
                j += 2
            else:
                break
        message.attachments = names
        while j < end and _is_furniture(lines[j]):
            j += 1
        i = j
    return i


def split(thread: Thread) -> Thread:
    """Fill title, status text, authority, requester and the messages with their spans."""
    if thread.source.format in EMAIL_FORMATS:
        return split_chain(thread)
    lines = thread.lines
    start, found = _preamble_end(lines)
    thread.preamble = [i + 1 for i in range(start) if not _blank(lines[i])]
    if thread.source.format != "wdtk-text":
        start = 0
        thread.preamble = []
        found = {}
    else:
        thread.title = found.get("title")
        thread.status_text = found.get("status")
    if "subtitle" in found:
        thread.requester, thread.authority = found["subtitle"]
    else:
        thread.authority = first_salutation(lines, start)

    requester = thread.requester or first_signature(lines, start) or ""
    headings = find_headings(lines, start, [thread.authority or "", requester]) if thread.source.format == "wdtk-text" else []
    first_text = next((i for i in range(start, len(lines)) if not _blank(lines[i])), None)
    starts: list[tuple[int, bool]] = [(h - 1 if _doubled(lines, h) else h, True) for h in headings]
    if first_text is not None and (not starts or first_text < starts[0][0]):
        starts.insert(0, (first_text, False))

    messages = []
    for n, (begin, is_heading) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        last = stop
        while last > begin + 1 and _blank(lines[last - 1]):
            last -= 1
        message = Message(index=n, first=begin + 1, last=last)
        body_start = _header_block(message, lines, begin if is_heading else None)
        message.lines = [(k + 1, lines[k], FURNITURE) for k in range(begin, body_start)]
        annotated = False
        for k in range(body_start, last):
            line = lines[k]  # (right-stripped by normalise: a blank line is "")
            annotated = annotated or (" left an annotation (" in line and bool(ANNOTATION_HEAD.match(line)))
            role = FURNITURE if line and len(line) < 60 and _is_furniture(line) else ANNOTATION if annotated else OWN  # page buttons are short lines
            message.lines.append((k + 1, line, role))
        messages.append(message)
    thread.messages = messages
    return thread
