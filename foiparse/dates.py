"""Calendar dates stated in the text, read day-first as UK mail writes them.

Candidates come from compiled patterns only (a fuzzy parser run over every
line would find dates in reference numbers and phone numbers); each is then
checked as a real calendar day with a plausible year.
"""
from __future__ import annotations

import datetime as _dt
import re

from .model import DateMention, Thread

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")

# All written forms in one scan, most specific first:
#   "16th March 2021", "16 Mar 2021", "16th of March, 2021"   (day month year)
#   "March 16, 2021", "June 7, 2023", "April 6th 2017"          (month day year)
#   "16/03/2021", "16.03.21", "16-03-2021"                      (numeric, day first)
#   "2021-03-16"                                                (ISO)
# Must not match: "16/03061/OUTMAJ", "2107/2018", "0161 912 1941", "20 working days".
DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?: of)?[ \t]+" + _MONTH + r"\.?,?[ \t]+(?P<year>(?:19|20)\d\d)(?!\d)"
    r"|" + _MONTH2 + r"\.?[ \t]+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?[ \t]+(?P<year2>(?:19|20)\d\d)(?!\d)"
    r"|(?P<nday>[0-3]?\d)(?P<sep>[/.-])(?P<nmonth>[01]?\d)(?P=sep)(?P<nyear>(?:19|20)\d\d|\d\d)(?![\w/]|[.-]\d)"
    r"|(?P<iyear>(?:19|20)\d\d)-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d)(?![\w-])"
    r")",
    re.I,
)
# A line that is nothing but a date, as WhatDoTheyKnow puts under a message heading: "2 August 2018".
DATE_LINE = re.compile(r"^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?[0-3]?\d(?:st|nd|rd|th)? " + _MONTH + r",? (?:19|20)\d\d\s*$", re.I)
# Web addresses: a date inside one is part of a path, not a statement.
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _to_iso(match: re.Match) -> str | None:
    g = match.group
    if g("month"):
        return _iso(int(g("year")), MONTHS[g("month").lower().rstrip(".")], int(g("day")))
    if g("month2"):
        return _iso(int(g("year2")), MONTHS[g("month2").lower().rstrip(".")], int(g("day2")))
    if g("nday"):
        year = int(g("nyear"))
        if year < 100:
            year += 2000 if year < 70 else 1900
        return _iso(year, int(g("nmonth")), int(g("nday")))
    return _iso(int(g("iyear")), int(g("imonth")), int(g("iday")))


def find_dates(line: str) -> list[tuple[str, str]]:
    """(ISO date, text as written) for every date stated in one line."""
    found = []
    urls = [m.span() for m in _URL.finditer(line)] if ("http" in line or "www" in line) else []
    for match in DATE.finditer(line):
        if any(start <= match.start() < end for start, end in urls):
            continue
        iso = _to_iso(match)
        if iso:
            found.append((iso, match.group(0)))
    return found


def parse_date_line(line: str) -> str | None:
    """The ISO date of a line that holds only a date, else None."""
    if not DATE_LINE.match(line):
        return None
    found = find_dates(line)
    return found[0][0] if found else None


def extract_dates(thread: Thread) -> Thread:
    """Every date stated anywhere in the thread, in line order, with the message it stands in."""
    lines = thread.lines
    for number, line in enumerate(lines, start=1):
        found = find_dates(line) if any(ch.isdigit() for ch in line) else []
        if number < len(lines) and _WRAPPED_YEAR.match(lines[number]) and _DAY_MONTH_AT_END.search(line):
            found += _wrapped_dates(line, lines[number])
        for iso, text in found:
            thread.dates.append(DateMention(date=iso, text=text, message=thread.message_at(number), line=number))
    return thread


# A date that a line wrap cut in two: "... received on 2 August" + "2018." (or "August 2," + "2018")
_DAY_MONTH_AT_END = re.compile(r"(?:\d|" + _MONTH.replace("?P<month>", "?:") + r")\.?,?\s*$", re.I)
_WRAPPED_YEAR = re.compile(r"^\s*(?:19|20)\d\d\b")


def _wrapped_dates(line: str, following: str) -> list[tuple[str, str]]:
    """Dates that start on this line and end with the year on the next."""
    tail = line[-40:]
    joined = tail.rstrip() + " " + following.lstrip()[:4]
    return [(iso, text) for iso, text in find_dates(joined) if joined.index(text) + len(text) > len(tail.rstrip())]
