"""The stages in order, as one call: text in, ``Thread`` out.

A saved WhatDoTheyKnow page (``wdtk-html``) is first turned into the text
the page shows (``formats/wdtk_html.py``) and read by the same stages as
``wdtk-text``; the line numbers of the result are then moved to the lines
of the HTML source, so each span still points into the file given.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re

from .assess import assess
from .classify import classify
from .dates import extract_dates
from .fields import fill_fields
from .fold import fold_message
from .model import Source, Thread
from .normalise import normalise
from .pairing import pair
from .questions import find_questions
from .read import MIXED, InputError, detect_format, detect_mail, read_bytes, split_lines
from .references import extract_references
from .split import split


def _fold(thread: Thread) -> Thread:
    for message in thread.messages:
        fold_message(message)
    return thread


# An email address: "foi@north.gov.uk"
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

STAGES = (split, _fold, fill_fields, classify, extract_references, extract_dates, find_questions, pair, assess)


def _run(text: str, source: Source) -> Thread:
    if source.format == "wdtk-html":
        return _run_html(text, source)
    thread = Thread(lines=normalise(split_lines(text)), source=source)
    for stage in STAGES:
        thread = stage(thread)
    if source.encoding == MIXED:
        thread.warnings.append("the text is UTF-8 with some bytes that are not: those were read as Windows-1252")
    if source.format == "text":
        thread.warnings.append("not a WhatDoTheyKnow thread: read as one message")
    return thread


def _run_html(text: str, source: Source) -> Thread:
    from .formats.wdtk_html import page_text, to_lines  # BeautifulSoup is imported only for HTML input

    lines, origins = to_lines(text)
    # The stages read the page's text exactly as they read wdtk-text; a page
    # with no request on it (a forced --format) is read as plain text.
    read_as = "wdtk-text" if lines else "text"
    if not lines:
        lines, origins = page_text(text)
    thread = Thread(lines=normalise(lines), source=dataclasses.replace(source, format=read_as))
    for stage in STAGES:
        thread = stage(thread)
    thread.source = source
    if read_as == "text":
        thread.warnings.append("not a WhatDoTheyKnow request page: its text read as one message")
    return _to_source_lines(thread, origins)


def _to_source_lines(thread: Thread, origins: list[int | None]) -> Thread:
    """Move every line number of the output from the page's text to the HTML source line it came from.

    A span keeps the source lines of its first and last lines that have one
    (blank lines between messages have none). ``Thread.lines`` and each
    ``Message.lines`` stay in the numbering of the page's text.
    """

    def at(n: int) -> int:
        """The source line of text line n, else of the nearest line before it (then after it) that has one."""
        for k in (*range(min(n, len(origins)) - 1, -1, -1), *range(max(n, 0), len(origins))):
            if origins[k] is not None:
                return origins[k]
        return n

    def span(first: int, last: int) -> tuple[int, int]:
        inside = [origins[k] for k in range(max(first - 1, 0), min(last, len(origins))) if origins[k] is not None]
        return (inside[0], inside[-1]) if inside else (at(first), at(last))

    for message in thread.messages:
        message.first, message.last = span(message.first, message.last)
    for question in thread.questions:
        question.first, question.last = span(question.first, question.last)
        if question.answer_first is not None and question.answer_last is not None:
            question.answer_first, question.answer_last = span(question.answer_first, question.answer_last)
    for mention in thread.dates:
        mention.line = at(mention.line)
    for reference in thread.references:
        reference.line = at(reference.line)
    for holder in (*thread.messages, *thread.questions):
        for exemption in holder.exemptions:
            exemption["line"] = at(exemption["line"])
    return thread


def parse(text: str, path: str | None = None, format: str | None = None) -> Thread:
    """Parse one thread given as text (``format`` forces ``wdtk-html``, ``wdtk-text`` or ``text``)."""
    source = Source(path=path, format=format or detect_format(text), sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), encoding=None)
    return _run(text, source)


def parse_bytes(data: bytes, path: str | None = None, format: str | None = None) -> Thread:
    """Parse one thread given as raw bytes (an mbox is read as one chain); raises ``InputError`` for what is not text."""
    mail_format = format if format in ("eml", "mbox") else (None if format else detect_mail(data))
    if mail_format:
        return _parse_mails(data, path, mail_format, group=False)[0]
    text, source = read_bytes(data, path)
    if format:
        source.format = format
    return _run(text, source)


def parse_input(data: bytes, path: str | None = None, format: str | None = None) -> list[Thread]:
    """Every thread in one input: one, except an mbox, which gives a thread per request it holds."""
    mail_format = format if format in ("eml", "mbox") else (None if format else detect_mail(data))
    if mail_format == "mbox":
        return _parse_mails(data, path, "mbox", group=True)
    return [parse_bytes(data, path, format)]


def _address(header: str | None) -> str:
    """The first address in a From or To header, lower-cased: "FOI <foi@north.gov.uk>" gives foi@north.gov.uk."""
    match = ADDRESS.search(header or "")
    return match.group(0).lower() if match else (header or "").strip().lower()


def _group_mails(mails: list, thread_key) -> dict[str, list]:
    """Mails of one request together: the same subject and reference between the same two correspondents
    (one request sent to two councils is two threads), or one mail replying to another."""
    owner: dict[int, int] = {}  # mail index -> group leader index

    def leader(k: int) -> int:
        while owner.get(k, k) != k:
            k = owner[k]
        return k

    by_subject: dict[str, int] = {}
    by_id: dict[str, int] = {}
    for k, mail in enumerate(mails):
        owner[k] = k
        if mail.message_id:
            by_id[mail.message_id] = k
    for k, mail in enumerate(mails):
        subject = thread_key(mail) + " " + " ".join(sorted({_address(mail.from_), _address(mail.to)}))
        for other in [by_subject.get(subject)] + [by_id.get(m) for m in [mail.in_reply_to, *mail.references] if m]:
            if other is not None:
                owner[leader(k)] = leader(other)
        by_subject.setdefault(subject, k)
    groups: dict[str, list] = {}
    for k, mail in enumerate(mails):
        groups.setdefault(str(leader(k)), []).append(mail)
    return groups


def _parse_mails(data: bytes, path: str | None, fmt: str, group: bool) -> list[Thread]:
    """Raw mail read with the ``email`` package, each thread's mails written out as a chain and parsed as one.

    Line numbers refer to that chain text (header block and decoded body of
    each mail), since raw MIME (base64, quoted-printable) has no lines a
    reader would cite.
    """
    from .formats.eml import read_mbox, read_message, thread_key, to_chain_text

    mails = read_mbox(data) if fmt == "mbox" else [read_message(data)]
    if not mails:
        raise InputError("no mail found in the mbox")
    groups = _group_mails(mails, thread_key) if group else {"": mails}
    digest = hashlib.sha256(data).hexdigest()
    threads = []
    for key, members in groups.items():
        label = f"{path}#{len(threads) + 1}" if group and len(groups) > 1 and path else path
        thread = _run(to_chain_text(members), Source(path=label, format=fmt, sha256=digest, encoding="mime"))
        thread.warnings.extend(dict.fromkeys(w for mail in members for w in mail.warnings))
        threads.append(thread)
    return threads
