"""Threads as one table: the spreadsheet a researcher would otherwise type by hand.

Long form has a row per thread and question; wide form a row per thread
and a column per question number, for the same request sent to many
authorities. Cells are made safe for spreadsheets: one that begins with
``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is a formula to
Excel and LibreOffice, so it gets a leading apostrophe.
"""
from __future__ import annotations

import csv
import io
import json
import re

THREAD_COLUMNS = ["path", "authority", "reference", "status", "requested", "responded", "working_days", "late", "outcome"]
LONG_COLUMNS = THREAD_COLUMNS + ["number", "question", "answer", "answer_type", "answer_value", "answer_unit", "exemptions", "warnings"]
# A warning about one question, which belongs on that question's row only: "question 1: answer taken from question 3, …"
QUESTION_WARNING = re.compile(r"^question (?P<number>\S+): ")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Tabs and line breaks inside a cell: "Year\tTotal\n2023 £126,031" (TSV cannot quote them)
TSV_BREAKS = re.compile(r"[\t\r\n]+")


def safe_cell(value) -> str:
    """A cell's text, neutralised against formula injection; booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)  # a figure, even a negative one, is not a formula
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) and text != "-" else text  # "-" is standard input's path


def _thread_cells(data: dict) -> dict:
    deadlines = data.get("deadlines") or {}
    return {
        "path": data["source"]["path"],
        "authority": data.get("authority"),
        "reference": data.get("reference"),
        "status": (data.get("status") or {}).get("code"),
        "requested": deadlines.get("requested"),
        "responded": deadlines.get("responded"),
        "working_days": deadlines.get("working_days"),
        "late": deadlines.get("late"),
        "outcome": data.get("outcome"),
    }


def _warnings(data: dict, number: str | None = None) -> list[str]:
    """The thread's warnings, so a spreadsheet shows what to check by hand; given a question number,
    only that question's own and the thread-wide ones."""
    kept = []
    for warning in data.get("warnings") or []:
        about = QUESTION_WARNING.match(warning)
        if number is None or about is None or about.group("number") == number:
            kept.append(warning)
    return kept


def long_rows(data: dict) -> list[dict]:
    """One row per question (one row with empty question cells when the request has none)."""
    base = _thread_cells(data)
    rows = []
    for question in data.get("questions") or [None]:
        row = dict(base, warnings=_warnings(data, question["number"] if question else None))
        if question is not None:
            row.update(
                number=question["number"],
                question=question["text"],
                answer=question["answer"],
                answer_type=question.get("answer_type"),
                answer_value=question.get("answer_value"),
                answer_unit=question.get("answer_unit"),
                exemptions=[e["code"] for e in question.get("exemptions", [])],
            )
        rows.append(row)
    return rows


def wide_rows(threads: list[dict]) -> tuple[list[str], list[dict]]:
    """Columns and rows: a row per thread and, for every question number seen, the answer as written,
    its type, and the figure read from it with its unit (``£74,293.90`` → 74293.9, GBP)."""
    numbers: list[str] = []
    for data in threads:
        for question in data.get("questions", []):
            if question["number"] not in numbers:
                numbers.append(question["number"])
    numbers.sort(key=_number_order)
    columns = THREAD_COLUMNS + [c for n in numbers for c in (f"Q{n}", f"Q{n} type", f"Q{n} value", f"Q{n} unit")] + ["warnings"]
    rows = []
    for data in threads:
        row = _thread_cells(data)
        row["warnings"] = _warnings(data)
        for question in data.get("questions", []):
            number = question["number"]
            row[f"Q{number}"] = question["answer"]
            row[f"Q{number} type"] = question.get("answer_type")
            row[f"Q{number} value"] = question.get("answer_value")
            row[f"Q{number} unit"] = question.get("answer_unit")
        rows.append(row)
    return columns, rows


def _number_order(number: str) -> tuple:
    """Question numbers in reading order, sub-items under their item: 1, 1a, 1b, 2, 3i, 3ii, 10, A1."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.findall(r"\d+|[^\W\d_]+", number))


# How a list in a cell is written in CSV and TSV (JSON Lines keeps it a list): codes with spaces, warnings with "; "
LIST_JOINERS = {"exemptions": " ", "warnings": "; "}


def _flat(column: str, value):
    return LIST_JOINERS.get(column, "; ").join(value) if isinstance(value, list) else value


def render(columns: list[str], rows: list[dict], fmt: str, header: bool = True) -> str:
    """Rows as CSV, TSV or JSON Lines text."""
    if fmt == "jsonl":
        return "".join(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n" for row in rows)
    rows = [{c: _flat(c, row.get(c)) for c in columns} for row in rows]
    out = io.StringIO()
    if fmt == "tsv":
        # TSV has no quoting: a tab or line break inside a cell would start a new field or row.
        lines = ["\t".join(columns)] if header else []
        lines += ["\t".join(TSV_BREAKS.sub(" ", safe_cell(row.get(c))) for c in columns) for row in rows]
        return "".join(line + "\n" for line in lines)
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return out.getvalue()
