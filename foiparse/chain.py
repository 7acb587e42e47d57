"""Email chains cut into messages: pasted chains, and mail read from .eml and mbox files.

A chain has no page headings; each mail opens with a header block
("From: … / Sent: … / To: … / Subject: …", as Outlook writes it, often under
"-----Original Message-----") or a Gmail line ("On 16 Mar 2021, at 10:00,
Val Gillies <…> wrote:"). Every such block starts a message, so a reply
and the mail it quotes become two messages. Chains pasted from a mail client
put the newest mail on top; the stages after this one read messages in time
order, which ``chronological`` gives them.
"""
from __future__ import annotations

import re

from .dates import scan_dates
from .fold import ON_WROTE, ORIGINAL_MESSAGE, WROTE_END
from .model import FURNITURE, OWN, Message, Thread

# Header lines of a mail client's block: "From: FOI <foi@…>", "Sent: 19 December 2024 09:36",
# "Date: Mon, 3 Jul 2023 10:00:00 +0100", "To: …", "Cc: …", "Subject: Re: …", "Attachments: a.pdf; b.doc"
HEADER_LINE = re.compile(r"^\s*\*?(?P<name>From|Sent|Date|To|Cc|Subject|Attachments)\s*:\*?\s?(?P<value>.*)$", re.I)
# The writer in a Gmail separator: "On Tue, 16 Mar 2021 at 10:00, Val Gillies <val@…> wrote:"
WROTE_NAME = re.compile(r",\s*(?P<name>[^,<]+?)\s*(?:<[^>]*>)?\s*wrote:\s*$", re.I)
# "Re: ", "RE: ", "Fwd: ", "FW: " before a subject
REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw)\s*:\s*)+", re.I)


def _header_block(lines: list[str], i: int) -> dict[str, str] | None:
    """The header fields of a block opening at line i with "From:", if it is one."""
    match = HEADER_LINE.match(lines[i])
    if not match or match.group("name").lower() != "from" or not match.group("value").strip():
        return None
    fields = {"from": match.group("value").strip(), "_end": i + 1}
    for k in range(i + 1, min(len(lines), i + 8)):
        field = HEADER_LINE.match(lines[k])
        if not field or field.group("name").lower() == "from":
            break
        fields[field.group("name").lower()] = field.group("value").strip()
        fields["_end"] = k + 1
    return fields if ("sent" in fields or "date" in fields) and ("to" in fields or "subject" in fields) else None


def display_name(value: str) -> str:
    """The name in "Tay Jiva <…>" or "\"Smith, Jo\" <jo@…>", else the address; split with str methods,
    which cannot backtrack on a hostile header."""
    name, bracket, address = value.rpartition("<")
    if bracket and address.rstrip().endswith(">"):
        return name.strip().strip('"').strip() or address.rstrip()[:-1].strip()
    return value.strip().strip('"')


def _starts(lines: list[str]) -> list[tuple[int, int, dict]]:
    """(first line, first body line, header fields) for each mail in the chain."""
    starts = []
    i = 0
    while i < len(lines):
        fields = _header_block(lines, i)
        if fields:
            first = i - 1 if i and ORIGINAL_MESSAGE.match(lines[i - 1]) else i
            starts.append((first, fields["_end"], fields))
            i = fields["_end"]
            continue
        if lines[i].lstrip().startswith("On ") and ON_WROTE.match(lines[i]):
            end = i + 1 if WROTE_END.search(lines[i]) else i + 2
            joined = " ".join(lines[i:end])
            if WROTE_END.search(joined):
                name = WROTE_NAME.search(joined)
                dates = scan_dates(joined)
                starts.append((i, end, {"from": name.group("name") if name else "", "sent": dates[0][2] if dates else ""}))
                i = end
                continue
        i += 1
    return starts


def _quote_depth(line: str) -> int:
    """How many ">" quote marks open a line: "> > text" and ">>text" are 2."""
    depth, k = 0, 0
    while k < len(line) and line[k] in "> \t":
        if line[k] == ">":
            depth += 1
        elif depth == 0 and line[k] not in " \t":
            break
        k += 1
    return depth if line.lstrip()[:1] == ">" else 0


def _strip_quotes(line: str, levels: int) -> str:
    for _ in range(levels):
        stripped = line.lstrip()
        if not stripped.startswith(">"):
            break
        line = stripped[1:]
        if line.startswith(" "):
            line = line[1:]
    return line


def unquote(lines: list[str]) -> list[str]:
    """The lines with the quote marks of Gmail-style replies taken off.

    Below "On … wrote:" a reply quotes the earlier mail as "> …" lines; that
    mail is a message of its own, so its marks are layout, not words. Each
    line loses as many marks as the mail it belongs to is deep.
    """
    out = list(lines)
    current = 0
    previous = ""
    for k, line in enumerate(lines):
        depth = _quote_depth(line)
        if depth > current and WROTE_END.search(previous):
            current = depth  # the quoted mail under "On … wrote:" begins
        elif line.strip() and depth < current:
            current = depth
        out[k] = _strip_quotes(line, current) if current else line
        if out[k].strip():
            previous = out[k]
    return out


def split_chain(thread: Thread) -> Thread:
    """Messages from header blocks; text before the first block is a message of its own."""
    thread.lines = unquote(thread.lines)
    lines = thread.lines
    starts = _starts(lines)
    first_text = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first_text is not None and (not starts or first_text < starts[0][0]):
        starts.insert(0, (first_text, first_text, {}))
    for n, (begin, body, fields) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        last = stop
        while last > begin + 1 and not lines[last - 1].strip():
            last -= 1
        message = Message(index=n, first=begin + 1, last=max(last, begin + 1))
        if fields:
            message.sender = display_name(fields.get("from", "")) or None
            dated = scan_dates(fields.get("sent") or fields.get("date") or "")
            message.date = dated[0][1] if dated else None
            names = [name.strip() for name in fields.get("attachments", "").split(";") if name.strip()]
            message.attachments, message.attachment_count = names, len(names)
            message.subject = REPLY_PREFIX.sub("", fields.get("subject", "")).strip() or None
            message.recipient = display_name(fields.get("to", "").split(",")[0]) or None
        message.lines = [(k + 1, lines[k], FURNITURE) for k in range(begin, min(body, last))]
        message.lines += [(k + 1, lines[k], OWN) for k in range(body, last)]
        thread.messages.append(message)
    first_subject = next((m.subject for m in chronological(thread) if m.subject), None)
    thread.title = first_subject
    return thread


def chronological(thread: Thread) -> list[Message]:
    """The messages oldest first: by date where every message has one, else newest-on-top chains reversed."""
    messages = list(thread.messages)
    if messages and all(m.date for m in messages):
        return sorted(messages, key=lambda m: (m.date, m.index))
    dated = [m.date for m in messages if m.date]
    if len(dated) >= 2 and dated == sorted(dated, reverse=True) and dated != sorted(dated):
        return list(reversed(messages))
    if len(messages) > 1 and messages[0].sender is None and messages[0].date is None:
        return list(reversed(messages))  # a reply pasted on top of the mail it quotes, with no header of its own
    return messages
