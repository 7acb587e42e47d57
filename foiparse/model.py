"""The small data model every pipeline stage shares.

Stages read and fill these dataclasses; only ``Thread.to_dict`` knows the
shape of the output contract (``schema: foiparse/1``), so a field's meaning
lives in one place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

SCHEMA = "foiparse/1"
# Inputs read as mail rather than as a web page: split at header blocks, not headings.
EMAIL_FORMATS = ("eml", "mbox", "email-chain")

# What a line of a message is, as the folding stage sees it.
OWN = "own"  # the sender's own words
SIGNOFF = "signoff"  # from the valediction on: "Yours sincerely", name, address
BOILERPLATE = "boilerplate"  # rights of review, re-use licences, email disclaimers
QUOTED = "quoted"  # earlier mail quoted under a reply
FURNITURE = "furniture"  # the web page's own text: "show quoted sections", attachment lists
ANNOTATION = "annotation"  # another user's note on the page, kept in the body but no one's message


# Letters that re.IGNORECASE takes for ASCII ones but str.lower() does not turn into them: dotted capital I
# (whose lower case is two characters), dotless i, long s. (The Kelvin sign lowers to "k" already.)
_IGNORECASE_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def same_length_lower(text: str) -> str:
    """The text in lower case with every character where it was, for str.find offsets into the original,
    and every letter that re.IGNORECASE matches to an ASCII one turned into it ("ſ" is "s"), so a
    substring test finds what a case-blind pattern would."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    if not low.isascii() and ("İ" in low or "ı" in low or "ſ" in low):
        low = low.translate(_IGNORECASE_FOLDS)
    return low


@dataclass
class Source:
    path: str | None = None
    format: str = "text"
    sha256: str | None = None
    encoding: str | None = None

    def to_dict(self) -> dict:
        return {"path": self.path, "format": self.format, "sha256": self.sha256, "encoding": self.encoding}


@dataclass
class Reference:
    value: str
    kind: str  # authority, internal_review, regulator, other
    message: int | None
    line: int
    text: str

    def to_dict(self) -> dict:
        return {"value": self.value, "kind": self.kind, "message": self.message, "line": self.line, "text": self.text}


@dataclass
class DateMention:
    date: str  # ISO YYYY-MM-DD
    text: str
    message: int | None
    line: int

    def to_dict(self) -> dict:
        return {"date": self.date, "text": self.text, "message": self.message, "line": self.line}


@dataclass
class Message:
    index: int
    first: int  # 1-based line of the heading (or first line)
    last: int  # 1-based, inclusive
    sender: str | None = None
    date: str | None = None
    direction: str = "incoming"
    kind: str = "other"
    attachments: list[str] = field(default_factory=list)
    attachment_count: int = 0
    exemptions: list[dict] = field(default_factory=list)
    subject: str | None = None  # an email's subject, "Re:" removed; the title of a chain
    recipient: str | None = None  # an email's "To:", by name
    # (line number, text, role) for every line of the span after the heading
    # block: the classifier and the pairing stage read roles, the body keeps
    # every word that is not page furniture.
    lines: list[tuple[int, str, str]] = field(default_factory=list)

    @cached_property
    def own_lines(self) -> list[tuple[int, str]]:
        """(line number, text) of the sender's own words, for the stages after folding, which read them
        many times: gathered once, so read it only once the roles are final (and do not change the list)."""
        return [(number, text) for number, text, role in self.lines if role == OWN]

    def body(self) -> str:
        kept = [t for _, t, role in self.lines if role != FURNITURE]
        while kept and not kept[0].strip():
            kept.pop(0)
        while kept and not kept[-1].strip():
            kept.pop()
        return "\n".join(kept)

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "lines": [self.first, self.last],
            "direction": self.direction,
            "kind": self.kind,
            "sender": self.sender,
            "date": self.date,
            "attachment_count": self.attachment_count,
            "attachments": list(self.attachments),
            "exemptions": list(self.exemptions),
            "body": self.body(),
        }


@dataclass
class Question:
    number: str
    text: str
    asked_in: int
    first: int
    last: int
    answer: str | None = None
    answered_in: int | None = None
    answer_first: int | None = None
    answer_last: int | None = None
    answer_type: str | None = None
    answer_value: object = None
    answer_unit: str | None = None
    exemptions: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        span = [self.answer_first, self.answer_last] if self.answer_first is not None else None
        return {
            "number": self.number,
            "text": self.text,
            "asked_in": self.asked_in,
            "lines": [self.first, self.last],
            "answer": self.answer,
            "answered_in": self.answered_in,
            "answer_lines": span,
            "answer_type": self.answer_type,
            "answer_value": self.answer_value,
            "answer_unit": self.answer_unit,
            "exemptions": list(self.exemptions),
        }


@dataclass
class Thread:
    lines: list[str]
    source: Source = field(default_factory=Source)
    title: str | None = None
    status_code: str | None = None
    status_text: str | None = None
    authority: str | None = None
    requester: str | None = None
    reference: str | None = None
    references: list[Reference] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    # 1-based numbers of lines outside every message that hold page text
    # (title, status, subtitle, furniture between messages)
    preamble: list[int] = field(default_factory=list)
    outcome: str | None = None
    deadlines: dict | None = None
    warnings: list[str] = field(default_factory=list)

    def text_and_offsets(self) -> tuple[str, list[int]]:
        """The normalised lines joined by newlines, and the offset where each line starts.

        Extractors scan this whole text with one regex pass (far faster than a
        pass per line) and map each match back to its 1-based line.
        """
        return self._joined

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        offsets, position = [], 0
        for line in self.lines:
            offsets.append(position)
            position += len(line) + 1
        return "\n".join(self.lines), offsets

    def line_owners(self) -> tuple[list[int | None], list[str | None]]:
        """For each 1-based line number: the index of the message holding it, and the line's role there.

        Worked out once, for the extractors: call it only after folding, which gives lines their final roles.
        """
        return self._owners

    @cached_property
    def _owners(self) -> tuple[list[int | None], list[str | None]]:
        owners: list[int | None] = [None] * (len(self.lines) + 2)
        roles: list[str | None] = [None] * (len(self.lines) + 2)
        for message in self.messages:
            for number, _, role in message.lines:
                owners[number] = message.index
                roles[number] = role
        return owners, roles

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "source": self.source.to_dict(),
            "title": self.title,
            "status": {"code": self.status_code, "text": self.status_text},
            "authority": self.authority,
            "requester": self.requester,
            "reference": self.reference,
            "references": [r.to_dict() for r in self.references],
            "dates": [d.to_dict() for d in self.dates],
            "messages": [m.to_dict() for m in self.messages],
            "questions": [q.to_dict() for q in self.questions],
            "outcome": self.outcome,
            "deadlines": self.deadlines,
            "warnings": list(self.warnings),
        }
