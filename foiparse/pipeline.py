"""The stages in order, as one call: text in, ``Thread`` out.

A saved WhatDoTheyKnow page (``wdtk-html``) is first turned into the text
the page shows (``formats/wdtk_html.py``) and read by the same stages as
``wdtk-text``; the line numbers of the result are then moved to the lines
of the HTML source, so each span still points into the file given.
"""
from __future__ import annotations

import dataclasses
import hashlib

from .assess import assess
from .classify import classify
from .dates import extract_dates
from .fields import fill_fields
from .fold import fold_message
from .model import Source, Thread
from .normalise import normalise
from .pairing import pair
from .questions import find_questions
from .read import detect_format, read_bytes, split_lines
from .references import extract_references
from .split import split


def _fold(thread: Thread) -> Thread:
    for message in thread.messages:
        fold_message(message)
    return thread


STAGES = (split, _fold, fill_fields, classify, extract_references, extract_dates, find_questions, pair, assess)


def _run(text: str, source: Source) -> Thread:
    if source.format == "wdtk-html":
        return _run_html(text, source)
    thread = Thread(lines=normalise(split_lines(text)), source=source)
    for stage in STAGES:
        thread = stage(thread)
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
    moved: set[int] = set()  # an exemption shared by a message and a question moves once
    for holder in (*thread.messages, *thread.questions):
        for exemption in getattr(holder, "exemptions", ()):
            if isinstance(exemption, dict) and isinstance(exemption.get("line"), int) and id(exemption) not in moved:
                exemption["line"] = at(exemption["line"])
                moved.add(id(exemption))
    return thread


def parse(text: str, path: str | None = None, format: str | None = None) -> Thread:
    """Parse one thread given as text (``format`` forces ``wdtk-html``, ``wdtk-text`` or ``text``)."""
    source = Source(path=path, format=format or detect_format(text), sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding=None)
    return _run(text, source)


def parse_bytes(data: bytes, path: str | None = None, format: str | None = None) -> Thread:
    """Parse one thread given as raw bytes; raises ``InputError`` for what is not text."""
    text, source = read_bytes(data, path)
    if format:
        source.format = format
    return _run(text, source)
