"""When the answer was due, and whether it came late, as the law counts.

FOIA 2000 and the EIR give 20 working days; a working day excludes weekends
and any day that is a bank holiday in any part of the UK (FOIA s10(6)), and
day one is the first working day after receipt. FOISA 2002 (Scotland)
excludes Scotland's bank holidays only (s73). When the authority asks for
clarification and the requester gives it, the clock starts again from the
clarification (ICO guidance). Bank holidays come from the ``holidays``
package (``bank_holidays.py``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .bank_holidays import bank_holidays
from .dates import scan_dates
from .exemptions import ENVIRONMENTAL
from .chain import chronological
from .model import EMAIL_FORMATS, Thread, same_length_lower
from .scan import search_near

STATUTORY_WORKING_DAYS = 20
# The longest naming of the EIR (exemptions.ENVIRONMENTAL) around "environmental" or "eir" in it
ENVIRONMENTAL_REACH = 40
# A due date the acknowledgement states: "respond to you within 20 working days, by 21/01/2025", "a response by 27 November 2018"
STATED_DUE = re.compile(r"\b(?:by|no later than|on or before|before)\s*$", re.I)
RESPONDING_KINDS = ("response", "internal_review_response")


@dataclass
class Deadlines:
    law: str
    requested: str | None
    clock_start: str | None
    due: str | None
    stated_due: str | None
    responded: str | None
    working_days: int | None
    late: bool | None
    extended: bool

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def is_working_day(day: dt.date, scottish: bool = False) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(scottish, day.year)


def add_working_days(received: dt.date, count: int, scottish: bool = False) -> dt.date:
    """The count-th working day after the day of receipt (day one is the first working day after it)."""
    day = received
    while count > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, scottish):
            count -= 1
    return day


def working_days_between(received: dt.date, answered: dt.date, scottish: bool = False) -> int:
    """Working days from the day after receipt up to and including the day of the answer."""
    days, day = 0, received
    while day < answered:
        day += dt.timedelta(days=1)
        if is_working_day(day, scottish):
            days += 1
    return days


def _stated_due(thread: Thread) -> str | None:
    """The date a receipt or extension promises an answer by ("we must respond … by 21/01/2025")."""
    for message in thread.messages:
        if message.direction != "incoming" or message.kind not in ("acknowledgement", "extension"):
            continue
        text = "\n".join(t for _, t in message.own_lines)
        for offset, iso, _ in scan_dates(text):
            if STATED_DUE.search(text[max(0, offset - 20):offset]):
                return iso
    return None


def compute_deadlines(thread: Thread, scottish: bool) -> Deadlines | None:
    """The request's deadlines (under FOISA when ``scottish``), or None where the thread gives no request date."""
    request = next((m for m in thread.messages if m.kind == "request"), None)
    if request is None or request.date is None:
        return None
    authority_words = "\n".join(t for m in thread.messages if m.direction == "incoming" for _, t in m.own_lines)
    environmental = ("nvironmental" in authority_words or "EIR" in authority_words) and search_near(
        ENVIRONMENTAL, authority_words, ("environmental", "eir"), ENVIRONMENTAL_REACH, low=same_length_lower(authority_words)
    )
    law = "FOISA" if scottish else "EIR" if environmental else "FOIA"
    start = request.date
    waiting_for_clarification = False
    responded = None
    extended = False
    ordered = chronological(thread) if thread.source.format in EMAIL_FORMATS else thread.messages
    for message in ordered[ordered.index(request) + 1:]:
        if message.kind == "clarification_request":
            waiting_for_clarification = True
        elif message.kind == "clarification" and waiting_for_clarification and message.date:
            start, waiting_for_clarification = message.date, False
        elif message.kind == "extension":
            extended = True
        elif message.kind in RESPONDING_KINDS and message.direction == "incoming" and responded is None:
            responded = message.date
    received = dt.date.fromisoformat(start)
    due = add_working_days(received, STATUTORY_WORKING_DAYS, scottish).isoformat()
    taken = working_days_between(received, dt.date.fromisoformat(responded), scottish) if responded else None
    return Deadlines(
        law=law,
        requested=request.date,
        clock_start=start,
        due=due,
        stated_due=_stated_due(thread),
        responded=responded,
        working_days=taken,
        late=(taken > STATUTORY_WORKING_DAYS) if taken is not None else None,
        extended=extended,
    )
