"""The stages in order, as one call: text in, ``Thread`` out."""
from __future__ import annotations

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
    thread = Thread(lines=normalise(split_lines(text)), source=source)
    for stage in STAGES:
        thread = stage(thread)
    if source.format == "text":
        thread.warnings.append("not a WhatDoTheyKnow thread: read as one message")
    return thread


def parse(text: str, path: str | None = None, format: str | None = None) -> Thread:
    """Parse one thread given as text (``format`` forces ``wdtk-text`` or ``text``)."""
    source = Source(path=path, format=format or detect_format(text), sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding=None)
    return _run(text, source)


def parse_bytes(data: bytes, path: str | None = None, format: str | None = None) -> Thread:
    """Parse one thread given as raw bytes; raises ``InputError`` for what is not text."""
    text, source = read_bytes(data, path)
    if format:
        source.format = format
    return _run(text, source)
