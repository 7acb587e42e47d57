"""Calendar dates stated in the text, read day-first as UK mail writes them.

Candidates come from compiled patterns only (a fuzzy parser run over every
line would find dates in reference numbers and phone numbers); each is then
checked as a real calendar day with a plausible year.
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right

from .model import DateMention, Thread, same_length_lower

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
# Space between the parts of a written date; one line break may fall there ("2 August" / "2018").
_SP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"

# Every written form, found from its digits. The pattern opens on a
# required digit, so the scan skips all other text at C speed (one that
# opens on month names, or on an optional digit, tries every position),
# and a digit inside a word, a number or a path ("x16", "2107/2018") opens none:
#   "2021-03-16"                                                (ISO)
#   "16th March 2021", "16 Mar 2021", "16th of March, 2021"    (day month year)
#   "16, 2021" of "March 16, 2021", "6th 2017" of "April 6th 2017": the month before is checked in code
#   "16/03/2021", "16.03.21", "16-03-2021"                      (numeric, day first)
# Must not match: "16/03061/OUTMAJ", "2107/2018", "0161 912 1941", "20 working days", "6 April 207",
# "FOI-12 April 2024" (a digit after a hyphen opens a date only after another digit: "10-12 April 2024").
DATE = re.compile(
    r"\d(?<![\w/.]\d)(?<![^\d\s]-\d)(?:"
    r"(?P<iso>\d{3}-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d))(?![\w-])"
    r"|(?P<day2>\d)?(?:"
    r"(?:st|nd|rd|th)?(?: of)?" + _SP + _MONTH + r"\.?,?" + _SP + r"(?P<year>(?:19|20)\d\d)(?!\d)"
    r"|(?:st|nd|rd|th)?,?" + _SP + r"(?P<year2>(?:19|20)\d\d)(?!\d)"
    r"|(?P<sep>[/.-])(?P<nmonth>[01]?\d)(?P=sep)(?P<nyear>(?:19|20)\d\d|\d\d)(?![\w/]|[.-]\d)))",
    re.I,
)
# The month written before a "16, 2021" match: "March ", "Jun. "
_MONTH_BEFORE = re.compile(_MONTH + r"\.?" + _SP + r"$", re.I)
# A line that is nothing but a date, as WhatDoTheyKnow puts under a message heading: "2 August 2018".
DATE_LINE = re.compile(r"^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)? " + _MONTH + r",? (?P<year>(?:19|20)\d\d)\s*$", re.I)
# What stands just before a date that ends a range (a dash, or the "o" of "to"): other dates skip RANGE_START below
RANGE_JOINS = frozenset("–—-o")
# The first day of a range before a written date: "8–12 April 2024", "from 3 to 5 May 2023"
# (an unspaced dash only: "Part 2 – 12 April 2024" is no range; nor "questions 1 and 2 April's figures")
RANGE_START = re.compile(r"(?<![\w/.,-])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:[–—-]|\s+to\s+)$", re.I)
# Web addresses: a date inside one ("https://x.org/2021/03/16/…", "www.x.gov.uk/16-03-2021") is part of a path, not a statement.
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _to_iso(match: re.Match, month_before: str | None) -> str | None:
    g = match.group
    if g("iso"):
        year = int(match.group(0)[:4])
        return _iso(year, int(g("imonth")), int(g("iday"))) if 1900 <= year < 2100 else None
    day = int(match.group(0)[0] + (g("day2") or ""))
    if g("month"):
        return _iso(int(g("year")), MONTHS[g("month").lower()], day)
    if g("year2"):
        return _iso(int(g("year2")), MONTHS[month_before.lower()], day) if month_before else None
    year = int(g("nyear"))
    if year < 100:
        year += 2000 if year < 70 else 1900
    return _iso(year, int(g("nmonth")), day)


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Where web addresses stand: found with str.find (C speed), each then read by the pattern."""
    low = same_length_lower(text) if ("ttp" in text or "TTP" in text or "ww" in text or "WW" in text) else ""
    spans = []
    for marker in ("http", "www."):
        position = low.find(marker)
        while position != -1:
            match = _URL.match(text, position)
            if match:
                spans.append(match.span())
                position = low.find(marker, match.end())
            else:
                position = low.find(marker, position + 1)
    return sorted(spans)


def scan_dates(text: str) -> list[tuple[int, str, str]]:
    """(offset, ISO date, text as written) for every date stated in a text, outside web addresses."""
    found = []
    urls = _url_spans(text)
    for match in DATE.finditer(text):
        start = match.start()
        if urls and _inside(start, urls):
            continue
        month_before = None
        if match.group("year2"):
            before = _MONTH_BEFORE.search(text, max(0, start - 16), start)
            if not before or (before.start() and text[before.start() - 1].isalpha()):
                continue
            month_before, start = before.group("month"), before.start()
        iso = _to_iso(match, month_before)
        if iso:
            if match.group("month") and RANGE_JOINS.intersection(text[max(0, start - 5):start]):
                found.extend(_range_start(text, start, iso))
            found.append((start, iso, " ".join(text[start:match.end()].split())))
    return found


def _range_start(text: str, start: int, end_iso: str) -> list[tuple[int, str, str]]:
    """The first day of a range that ends at this date, where the range writes its month and year once."""
    before = RANGE_START.search(text, max(0, start - 12), start)
    if not before:
        return []
    day = int(before.group("day"))
    if not 1 <= day < int(end_iso[8:]):
        return []
    return [(before.start(), f"{end_iso[:8]}{day:02d}", text[before.start():before.end("day")])]


def find_dates(line: str) -> list[tuple[str, str]]:
    """(ISO date, text as written) for every date stated in one line."""
    return [(iso, written) for _, iso, written in scan_dates(line)]


def parse_date_line(line: str) -> str | None:
    """The ISO date of a line that holds only a date, else None."""
    match = DATE_LINE.match(line)
    return _iso(int(match.group("year")), MONTHS[match.group("month").lower()], int(match.group("day"))) if match else None


def extract_dates(thread: Thread) -> Thread:
    """Every date stated anywhere in the thread, in line order, with the message it stands in.

    One pass over the whole text: a date that a line wrap cut in two
    ("received on 2 August" / "2018.") is found too, and stands at the line
    where it starts.
    """
    text, offsets = thread.text_and_offsets()
    owners, _ = thread.line_owners()
    for offset, iso, written in scan_dates(text):
        number = bisect_right(offsets, offset)
        thread.dates.append(DateMention(date=iso, text=written, message=owners[number], line=number))
    return thread


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    k = bisect_right(spans, (position, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= position < spans[k][1]
