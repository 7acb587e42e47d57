"""One thread on the terminal: the messages as a timeline, then the questions and answers.

Thread text is printed as text, never as Rich markup, and control
characters are stripped, so a thread cannot restyle or move the terminal.
"""
from __future__ import annotations

import re

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

# Control characters, escape sequences included, that thread text must not send to a terminal.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
KIND_STYLE = {"request": "bold cyan", "response": "bold green", "internal_review_response": "bold green", "acknowledgement": "dim", "auto_reply": "dim", "delivery_failure": "red"}
TYPE_STYLE = {"yes": "green", "no": "yellow", "number": "cyan", "refused": "bold red", "exempt": "red", "not_held": "magenta", "partial": "yellow", "in_attachment": "blue"}


def clean(text: str | None) -> str:
    return CONTROL.sub("", text or "")


def render(data: dict) -> Group:
    status = data["status"]["code"] or "no status line"
    head = Text.assemble((clean(data.get("title")) or "(untitled)", "bold"), "\n", clean(f"{data.get('requester') or '?'} → {data.get('authority') or '?'}"), "\n", f"status: {status}   outcome: {data.get('outcome') or '-'}   reference: {clean(data.get('reference')) or '-'}")
    deadlines = data.get("deadlines")
    if deadlines:
        late = {True: "late", False: "in time", None: "no reply yet"}[deadlines["late"]]
        head.append(f"\nrequested {deadlines['requested']}, due {deadlines['due']} ({deadlines['law']}), answered {deadlines['responded'] or '-'}: {late}")

    timeline = Table(title="Messages", expand=True, show_lines=False)
    for column, ratio in (("#", None), ("date", None), ("kind", None), ("from", 3), ("lines", None), ("exemptions", 1)):
        timeline.add_column(column, ratio=ratio, overflow="fold")
    for message in data["messages"]:
        arrow = "→" if message["direction"] == "outgoing" else "←"
        timeline.add_row(
            str(message["index"]), message["date"] or "", Text(message["kind"], style=KIND_STYLE.get(message["kind"], "")),
            Text(f"{arrow} {clean(message['sender'])}"), f"{message['lines'][0]}–{message['lines'][1]}",
            Text(" ".join(e["code"] for e in message.get("exemptions", [])), style="bold red"),
        )

    answers = Table(title="Questions and answers", expand=True, show_lines=True)
    answers.add_column("#", no_wrap=True)
    answers.add_column("question", ratio=2, overflow="fold")
    answers.add_column("answer", ratio=3, overflow="fold")
    answers.add_column("type", no_wrap=True)
    answers.add_column("exemptions", overflow="fold")
    for question in data["questions"]:
        answers.add_row(
            clean(question["number"]), Text(clean(question["text"])), Text(clean(question["answer"]) or "—", style="" if question["answer"] else "dim"),
            Text(question.get("answer_type") or "", style=TYPE_STYLE.get(question.get("answer_type") or "", "")),
            Text(" ".join(e["code"] for e in question.get("exemptions", [])), style="bold red"),
        )
    parts = [Panel(head), timeline]
    if data["questions"]:
        parts.append(answers)
    if data["warnings"]:
        parts.append(Text("\n".join("! " + clean(w) for w in data["warnings"]), style="yellow"))
    return Group(*parts)


def show(data: dict, console: Console | None = None) -> None:
    (console or Console()).print(render(data))
