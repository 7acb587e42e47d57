"""Many threads as one self-contained HTML page, for researchers comparing them.

``render(threads)`` takes the output contract (``Thread.to_dict()`` dicts) and
returns the page: a sortable, filterable table with a row per thread; how each
question number was answered, as stacked bars; the working days each reply
took against the 20-day limit; then every thread's questions and answers in
its own section, linked from the table.

The page loads nothing: CSS and one small script are inline, the charts are
SVG drawn here (so they show without JavaScript), and a Content-Security-Policy
forbids any other load. Thread text is untrusted: every piece of it goes
through ``_text`` (``html.escape`` with ``quote=True``), in elements and in
attributes alike; none of it is ever written inside the script, and no URL in
it ever becomes a link (the only links are the page's own ``#t<n>`` anchors).
"""
from __future__ import annotations

import html
import re
import statistics

from .deadlines import STATUTORY_WORKING_DAYS

DEFAULT_TITLE = "FOI threads report"

# The answer types the charts count, in the order the bars stack, with a
# label and a fill; "no_answer" stands for a question with no answer_type.
ANSWER_TYPES = [
    ("yes", "yes", "#2e7d32"),
    ("no", "no", "#ef6c00"),
    ("number", "number", "#1565c0"),
    ("not_held", "not held", "#8e24aa"),
    ("refused", "refused", "#b71c1c"),
    ("exempt", "exempt", "#e53935"),
    ("in_attachment", "in attachment", "#00838f"),
    ("partial", "partial", "#c0a000"),
    ("text", "text", "#78909c"),
    ("no_answer", "no answer", "#cfd8dc"),
]
NO_ANSWER = "no_answer"
_TYPE_LABEL = {key: label for key, label, _ in ANSWER_TYPES}
_TYPE_FILL = {key: fill for key, _, fill in ANSWER_TYPES}
# Fills light enough to need dark text on them.
_LIGHT_FILLS = {"#cfd8dc", "#c0a000"}
# Outcome codes with a badge colour of their own; any other value gets the neutral badge.
_OUTCOME_CLASS = {"successful": "good", "partially_successful": "mixed", "refused": "bad", "not_held": "held", "waiting_response": "wait"}

# Characters that have no place in an HTML text node (C0 controls but tab and
# newline, DEL, C1 controls); a browser would show them as boxes or drop them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A question label in pieces, so "2", "2a", "2bii", "10" and "3.1" sort as a reader expects.
_LABEL_PIECES = re.compile(r"\d+|\D+")

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _text(value) -> str:
    """Any value as HTML text, safe in an element and in a quoted attribute."""
    if value is None:
        return ""
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


def _label_key(number: str) -> tuple:
    return tuple((0, int(piece), "") if piece.isdigit() else (1, 0, piece.lower()) for piece in _LABEL_PIECES.findall(number))


def _breakable(value) -> str:
    """Escaped text that may wrap after a slash: "EIR/2023/0412" has no other place to break."""
    return "/<wbr>".join(_text(piece) for piece in str(value).split("/")) if value else ""


def _short(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def answer_key(question: dict) -> str:
    """The chart category of one question: its answer_type, or ``no_answer``."""
    return question.get("answer_type") or NO_ANSWER


def is_answered(question: dict) -> bool:
    """A question counts as answered when the thread's text holds the authority's words for it
    (an answer only in an attachment is not counted: nobody here has read it)."""
    return question.get("answer") is not None


def thread_exemptions(data: dict) -> list[dict]:
    """The exemptions a thread cites, one per code, in the order first cited (questions, then messages)."""
    seen: dict[str, dict] = {}
    for holder in [*(data.get("questions") or []), *(data.get("messages") or [])]:
        for exemption in holder.get("exemptions") or []:
            seen.setdefault(str(exemption.get("code")), exemption)
    return list(seen.values())


def summary_row(data: dict) -> dict:
    """The table's cells for one thread, as values (not yet HTML)."""
    deadlines = data.get("deadlines") or {}
    questions = data.get("questions") or []
    return {
        "authority": data.get("authority"),
        "title": data.get("title"),
        "reference": data.get("reference"),
        "requested": deadlines.get("requested"),
        "due": deadlines.get("due"),
        "responded": deadlines.get("responded"),
        "working_days": deadlines.get("working_days"),
        "late": deadlines.get("late"),
        "outcome": data.get("outcome"),
        "answered": sum(1 for q in questions if is_answered(q)),
        "asked": len(questions),
        "exemptions": thread_exemptions(data),
    }


def answer_distributions(threads: list[dict]) -> dict[str, dict[str, int]]:
    """For each question number (in label order), how many threads answered it with each answer type.

    Every known type appears (zero where none); a type the contract adds
    later is counted under its own name after them.
    """
    counts: dict[str, dict[str, int]] = {}
    for data in threads:
        for question in data.get("questions") or []:
            per_type = counts.setdefault(str(question.get("number")), {key: 0 for key, _, _ in ANSWER_TYPES})
            key = answer_key(question)
            per_type[key] = per_type.get(key, 0) + 1
    return {number: counts[number] for number in sorted(counts, key=_label_key)}


# --- pieces of the page -------------------------------------------------------


def _badge(text: str, kind: str, title: str | None = None) -> str:
    tip = f' title="{_text(title)}"' if title else ""
    return f'<span class="badge {kind}"{tip}>{_text(text)}</span>'


def _exemption_badges(exemptions: list[dict]) -> str:
    return " ".join(_badge(e.get("code"), "ex", f"{e.get('law') or ''} {e.get('text') or ''}".strip()) for e in exemptions)


def _late_badge(late) -> str:
    if late is True:
        return _badge("late", "bad")
    if late is False:
        return _badge("in time", "good")
    return '<span class="none">—</span>'


def _outcome_badge(outcome) -> str:
    if not outcome:
        return '<span class="none">—</span>'
    return _badge(str(outcome).replace("_", " "), _OUTCOME_CLASS.get(outcome, "plain"))


def _type_badge(key: str) -> str:
    label = _TYPE_LABEL.get(key, key.replace("_", " "))
    return f'<span class="type t-{key if key in _TYPE_FILL else "other"}">{_text(label)}</span>'


def _stats(rows: list[dict]) -> str:
    days = [r["working_days"] for r in rows if isinstance(r["working_days"], (int, float))]
    late = sum(1 for r in rows if r["late"] is True)
    asked = sum(r["asked"] for r in rows)
    answered = sum(r["answered"] for r in rows)
    cited = sum(1 for r in rows if r["exemptions"])
    cards = [
        (len(rows), "threads"),
        (len(days), "with a dated reply"),
        (late, "replied late"),
        (f"{statistics.median(days):g}" if days else "—", "median working days"),
        (f"{answered} / {asked}", "questions answered"),
        (cited, "cite exemptions"),
    ]
    return '<ul class="stats">' + "".join(f'<li><b>{_text(value)}</b><span>{_text(label)}</span></li>' for value, label in cards) + "</ul>"


# (header, key, type) for the table's columns; type "num" sorts as numbers.
_COLUMNS = [
    ("Thread", "authority", "text"),
    ("Reference", "reference", "text"),
    ("Requested", "requested", "text"),
    ("Due", "due", "text"),
    ("Responded", "responded", "text"),
    ("Days", "working_days", "num"),
    ("Late", "late", "num"),
    ("Outcome", "outcome", "text"),
    ("Answered", "answered", "num"),
    ("Exemptions", "exemptions", "text"),
]


_HEADER_TIPS = {"working_days": ' title="working days from the request to the first reply"', "answered": ' title="questions answered / asked"'}


def _table(rows: list[dict]) -> str:
    head = "".join(
        f'<th scope="col" data-key="{key}" data-type="{kind}"{" class=num" if kind == "num" else ""}><button type="button"{_HEADER_TIPS.get(key, "")}>{label}</button></th>'
        for label, key, kind in _COLUMNS
    )
    body = []
    for index, row in enumerate(rows, 1):
        anchor = f"t{index}"
        days = row["working_days"]
        answered_sort = f"{row['answered'] / row['asked']:.4f}" if row["asked"] else ""
        codes = " ".join(str(e.get("code")) for e in row["exemptions"])
        cells = [
            (row["authority"] or "", f'<a href="#{anchor}">{_text(row["authority"] or "(authority unknown)")}</a><div class="sub">{_text(_short(row["title"], 90))}</div>'),
            (row["reference"] or "", _breakable(row["reference"]) or '<span class="none">—</span>'),
            (row["requested"] or "", _text(row["requested"])),
            (row["due"] or "", _text(row["due"])),
            (row["responded"] or "", _text(row["responded"]) or '<span class="none">no reply</span>'),
            ("" if days is None else days, _text(days)),
            ({True: 1, False: 0}.get(row["late"], ""), _late_badge(row["late"])),
            (row["outcome"] or "", _outcome_badge(row["outcome"])),
            (answered_sort, f'{row["answered"]} / {row["asked"]}' if row["asked"] else '<span class="none" title="no numbered questions">—</span>'),
            (codes, _exemption_badges(row["exemptions"])),
        ]
        tds = "".join(
            f'<td data-sort="{_text(sort)}"{" class=num" if kind == "num" else ""}>{content}</td>'
            for (sort, content), (_, _, kind) in zip(cells, _COLUMNS)
        )
        body.append(f'<tr data-row="{index}">{tds}</tr>')
    return (
        '<div class="controls"><label for="filter">Filter</label>'
        '<input id="filter" type="search" placeholder="authority, reference, outcome, s43…" autocomplete="off" disabled>'
        f'<span id="shown" aria-live="polite">{len(rows)} threads</span>'
        '<span class="hint">Click a column heading to sort.</span></div>'
        f'<table id="threads"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def _legend() -> str:
    return '<ul class="legend">' + "".join(
        f'<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill="{fill}"/></svg>{_text(label)}</li>'
        for _, label, fill in ANSWER_TYPES
    ) + "</ul>"


def _distribution_svg(distributions: dict[str, dict[str, int]]) -> str:
    """One stacked horizontal bar per question number, scaled so bars compare across numbers."""
    label_width, bar_width, row_height, bar_height, top = 64, 820, 28, 20, 6
    most = max((sum(counts.values()) for counts in distributions.values()), default=1) or 1
    height = top * 2 + row_height * len(distributions)
    parts = [f'<svg class="chart" viewBox="0 0 1000 {height}" width="1000" height="{height}" role="img" aria-label="Answer types by question number">']
    for row, (number, counts) in enumerate(distributions.items()):
        y = top + row * row_height
        total = sum(counts.values())
        parts.append(f'<g class="dist" data-question="{_text(number)}">')
        parts.append(f'<text x="{label_width - 10}" y="{y + bar_height / 2 + 5}" text-anchor="end" class="lbl">Q{_text(number)}</text>')
        x = float(label_width)
        for key, count in counts.items():
            if not count:
                continue
            width = bar_width * count / most
            fill = _TYPE_FILL.get(key, "#9e9e9e")
            label = _TYPE_LABEL.get(key, key)
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{max(width - 1, 1):.1f}" height="{bar_height}" fill="{fill}" data-type="{_text(key)}" data-count="{count}">'
                f'<title>Q{_text(number)} · {_text(label)}: {count} of {total}</title></rect>'
            )
            if width >= 18:
                ink = "#1b1b1b" if fill in _LIGHT_FILLS else "#ffffff"
                parts.append(f'<text x="{x + width / 2:.1f}" y="{y + bar_height / 2 + 5}" text-anchor="middle" class="val" fill="{ink}">{count}</text>')
            x += width
        parts.append(f'<text x="{x + 8:.1f}" y="{y + bar_height / 2 + 5}" class="n">n={total}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _distribution_table(distributions: dict[str, dict[str, int]]) -> str:
    keys = [key for key, _, _ in ANSWER_TYPES] + sorted({k for c in distributions.values() for k in c} - set(_TYPE_FILL))
    head = "".join(f"<th>{_text(_TYPE_LABEL.get(k, k))}</th>" for k in keys)
    body = "".join(
        f'<tr><th scope="row">Q{_text(number)}</th>' + "".join(f'<td class="num">{counts.get(k, 0) or ""}</td>' for k in keys) + f'<td class="num">{sum(counts.values())}</td></tr>'
        for number, counts in distributions.items()
    )
    return f'<details><summary>The counts as a table</summary><div class="scroll"><table class="counts"><thead><tr><th>question</th>{head}<th>threads</th></tr></thead><tbody>{body}</tbody></table></div></details>'


def _timing_svg(rows: list[dict]) -> str:
    """Working days taken per replied thread, fastest first, with the statutory limit drawn at 20."""
    timed = sorted(
        ((index, row) for index, row in enumerate(rows, 1) if isinstance(row["working_days"], (int, float))),
        key=lambda item: (item[1]["working_days"], str(item[1]["authority"] or "")),
    )
    if not timed:
        return '<p class="none">No thread has both a request date and a dated reply.</p>'
    label_width, bar_width, row_height, bar_height, top = 330, 610, 22, 14, 28
    longest = max(STATUTORY_WORKING_DAYS + 5, max(row["working_days"] for _, row in timed))
    scale_max = -(-longest // 5) * 5
    height = top + row_height * len(timed) + 10

    def at(days: float) -> float:
        return label_width + bar_width * days / scale_max

    parts = [f'<svg class="chart" viewBox="0 0 1000 {height}" width="1000" height="{height}" role="img" aria-label="Working days taken per thread">']
    for tick in range(0, scale_max + 1, 5):
        parts.append(f'<line x1="{at(tick):.1f}" x2="{at(tick):.1f}" y1="{top - 6}" y2="{height - 6}" class="grid"/>')
        parts.append(f'<text x="{at(tick):.1f}" y="{top - 10}" text-anchor="middle" class="tick">{tick}</text>')
    for row_number, (index, row) in enumerate(timed):
        y = top + row_number * row_height
        days = row["working_days"]
        state = {True: "late", False: "ontime"}.get(row["late"], "unknown")
        name = row["authority"] or "(authority unknown)"
        if row.get("reference"):
            name = f"{row['reference']} · {name}"  # one authority answers many requests: the reference tells them apart
        parts.append(
            f'<a href="#t{index}" class="timing {state}"><title>{_text(name)}: {_text(days)} working days ({_text({"late": "late", "ontime": "in time"}.get(state, "deadline unknown"))})</title>'
            f'<text x="{label_width - 10}" y="{y + bar_height - 2}" text-anchor="end" class="lbl">{_text(_short(name, 40))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(at(days) - label_width, 2):.1f}" height="{bar_height}" rx="2"/>'
            f'<text x="{at(days) + 6:.1f}" y="{y + bar_height - 2}" class="val">{_text(days)}</text></a>'
        )
    limit = at(STATUTORY_WORKING_DAYS)
    parts.append(f'<line x1="{limit:.1f}" x2="{limit:.1f}" y1="{top - 6}" y2="{height - 6}" class="limit"/>')
    parts.append("</svg>")
    return "".join(parts)


def _highlighted(answer: str, exemptions: list[dict]) -> str:
    """The answer as HTML, each cited exemption's words in it marked."""
    spans: list[tuple[int, int]] = []
    for exemption in exemptions:
        cited = str(exemption.get("text") or "")
        start = answer.find(cited) if cited else -1
        while start >= 0:
            spans.append((start, start + len(cited)))
            start = answer.find(cited, start + len(cited))
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(_text(answer[position:start]) + f'<mark>{_text(answer[start:end])}</mark>')
        position = end
    out.append(_text(answer[position:]))
    return "".join(out)


def _plain_figure(answer) -> str:
    return re.sub(r"[\s,]", "", str(answer or ""))


def _facts(data: dict, row: dict) -> str:
    deadlines = data.get("deadlines") or {}
    status = data.get("status") or {}
    source = data.get("source") or {}
    facts = [
        ("Requester", _text(data.get("requester")) or '<span class="none">—</span>'),
        ("Reference", _text(row["reference"]) or '<span class="none">—</span>'),
        ("Status", _text((status.get("code") or "").replace("_", " ")) or '<span class="none">no status line</span>'),
        ("Outcome", _outcome_badge(row["outcome"])),
        ("Requested", _text(row["requested"]) or '<span class="none">—</span>'),
        ("Due", (_text(row["due"]) + (f' <span class="sub">({_text(deadlines.get("law"))}{", extended" if deadlines.get("extended") else ""})</span>' if deadlines.get("law") else "")) or '<span class="none">—</span>'),
        ("Responded", _text(row["responded"]) or '<span class="none">no reply</span>'),
        ("Working days", (_text(row["working_days"]) + " " + _late_badge(row["late"])) if row["working_days"] is not None else _late_badge(row["late"])),
        ("Source", f'<code>{_text(source.get("path"))}</code>'),
    ]
    return '<dl class="facts">' + "".join(f'<div{" class=wide" if label == "Source" else ""}><dt>{label}</dt><dd>{value}</dd></div>' for label, value in facts) + "</dl>"


def _questions(data: dict) -> str:
    questions = data.get("questions") or []
    if not questions:
        return '<p class="none">The request has no numbered questions.</p>'
    body = []
    for question in questions:
        exemptions = question.get("exemptions") or []
        answer = question.get("answer")
        if answer is not None:
            shown = f'<div class="text">{_highlighted(str(answer), exemptions)}</div>'
        elif question.get("answer_type") == "in_attachment":
            shown = '<span class="none">answered in an attachment</span>'
        else:
            shown = '<span class="none">no answer in the text</span>'
        value = question.get("answer_value")
        if value is not None and not isinstance(value, bool) and (question.get("answer_unit") or _plain_figure(answer) != str(value)):
            shown += f'<div class="sub">value: {_text(value)}{(" " + _text(question.get("answer_unit"))) if question.get("answer_unit") else ""}</div>'
        body.append(
            f'<tr{" class=has-ex" if exemptions else ""}><th scope="row">{_text(question.get("number"))}</th>'
            f'<td><div class="text">{_text(question.get("text"))}</div></td><td>{shown}</td>'
            f"<td>{_type_badge(answer_key(question))}</td><td>{_exemption_badges(exemptions)}</td></tr>"
        )
    return (
        '<div class="scroll"><table class="qa"><thead><tr><th>#</th><th>Question</th><th>Answer</th><th>Type</th><th>Exemptions</th></tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>'
    )


def _messages(data: dict) -> str:
    messages = data.get("messages") or []
    rows = "".join(
        f'<tr{" class=has-ex" if m.get("exemptions") else ""}><td>{_text(m.get("date")) or "—"}</td>'
        f'<td>{"→" if m.get("direction") == "outgoing" else "←"} {_text((m.get("kind") or "").replace("_", " "))}</td>'
        f'<td>{_text(m.get("sender"))}</td><td class="num">{_text(m.get("attachment_count") or "")}</td><td>{_exemption_badges(m.get("exemptions") or [])}</td></tr>'
        for m in messages
    )
    return (
        f'<details><summary>Messages ({len(messages)})</summary><div class="scroll"><table class="msgs">'
        f'<thead><tr><th>Date</th><th>Kind</th><th>From</th><th>Attachments</th><th>Exemptions</th></tr></thead><tbody>{rows}</tbody></table></div></details>'
    )


def _section(index: int, data: dict, row: dict) -> str:
    warnings = data.get("warnings") or []
    notes = ('<ul class="warnings">' + "".join(f"<li>{_text(w)}</li>" for w in warnings) + "</ul>") if warnings else ""
    return (
        f'<section class="thread" id="t{index}" aria-labelledby="t{index}-h">'
        f'<h3 id="t{index}-h"><span class="idx">{index}</span>{_text(data.get("title") or "(untitled)")}</h3>'
        f'<p class="who">{_text(row["authority"] or "(authority unknown)")}</p>'
        f"{_facts(data, row)}{_questions(data)}{_messages(data)}{notes}"
        '<p class="top"><a href="#summary">↑ back to the table</a></p></section>'
    )


STYLE = """
:root{--ink:#1f2328;--muted:#5f6b76;--line:#d8dee4;--soft:#f6f8fa;--accent:#0b5cad;--bad:#b42318;--good:#1a7f37}
*{box-sizing:border-box}
html{scroll-behavior:smooth}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1240px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:40px 0 6px;padding-top:8px;border-top:2px solid var(--ink)}
h3{font-size:17px;margin:0 0 2px;display:flex;gap:10px;align-items:baseline}
p.lead{color:var(--muted);margin:0 0 16px}
p.note{color:var(--muted);font-size:13.5px;margin:2px 0 12px;max-width:70em}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
nav.toc{font-size:14px;margin:0 0 8px}
nav.toc a{margin-right:16px}
ul.stats{list-style:none;display:flex;flex-wrap:wrap;gap:10px;padding:0;margin:12px 0 8px}
ul.stats li{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:130px;background:var(--soft)}
ul.stats b{display:block;font-size:22px;line-height:1.2}
ul.stats span{color:var(--muted);font-size:13px}
.controls{display:flex;align-items:center;gap:10px;margin:14px 0 8px;flex-wrap:wrap}
.controls label{font-weight:600}
.controls input{font:inherit;padding:5px 10px;border:1px solid #afb8c1;border-radius:6px;width:360px;max-width:100%}
.controls input:focus{outline:2px solid var(--accent);outline-offset:1px}
#shown{color:var(--muted);font-size:14px}
.hint{color:var(--muted);font-size:13px;margin-left:auto}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
thead th{background:var(--soft);border-bottom:2px solid #afb8c1;white-space:nowrap;font-size:13px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
#threads thead th{position:sticky;top:0;z-index:1;padding:0}
#threads thead th button{all:unset;cursor:pointer;display:block;padding:7px 18px 7px 8px;position:relative;width:100%;box-sizing:border-box}
#threads thead th button:focus-visible{outline:2px solid var(--accent)}
#threads thead th button::after{content:"↕";position:absolute;right:5px;color:#afb8c1;font-size:11px}
#threads thead th[aria-sort=ascending] button::after{content:"▲";color:var(--ink)}
#threads thead th[aria-sort=descending] button::after{content:"▼";color:var(--ink)}
#threads tbody tr:nth-child(even){background:#fbfcfd}
#threads tbody tr:hover{background:#eef5fc}
#threads{font-size:13.5px}
#threads td{padding:6px 7px}
#threads td:nth-child(n+3):nth-child(-n+5){white-space:nowrap}
#threads td:nth-child(2){overflow-wrap:break-word;min-width:90px;max-width:150px}
#threads td:first-child{min-width:240px}
#threads td:last-child .badge{margin:1px 0}
.sub{color:var(--muted);font-size:12.5px;line-height:1.35}
.none{color:#8c959f;font-style:italic}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;line-height:19px;white-space:nowrap;border:1px solid transparent}
.badge.good{background:#dafbe1;color:#116329}
.badge.bad{background:#ffebe9;color:#a40e26}
.badge.mixed{background:#fff8c5;color:#7d4e00}
.badge.held{background:#f5e8ff;color:#6e2a96}
.badge.wait{background:#eaeef2;color:#424a53}
.badge.plain{background:#eaeef2;color:#424a53}
.badge.ex{background:#ffebe9;color:#a40e26;border-color:#ffaba8;font-weight:600;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.type{display:inline-block;padding:0 7px;border-radius:4px;font-size:12px;line-height:19px;white-space:nowrap;color:#fff;background:#9e9e9e}
""" + "".join(
    f".type.t-{key}{{background:{fill};{'color:#1b1b1b;' if fill in _LIGHT_FILLS else ''}}}\n" for key, _, fill in ANSWER_TYPES
) + """
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;margin:6px 0 10px;font-size:13px}
ul.legend li{display:flex;align-items:center;gap:6px}
svg.chart{display:block;width:100%;max-width:1000px;height:auto;font:13px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg .lbl{fill:var(--ink)}
svg .val{font-size:12px;font-weight:600}
svg .n,svg .tick{fill:var(--muted);font-size:12px}
svg .grid{stroke:#eaeef2;stroke-width:1}
svg .limit{stroke:var(--bad);stroke-width:2;stroke-dasharray:6 4}
svg a.timing rect{fill:var(--good)}
svg a.timing.late rect{fill:var(--bad)}
svg a.timing.unknown rect{fill:#8c959f}
svg a.timing .val{fill:var(--ink)}
svg a.timing:hover .lbl{fill:var(--accent);text-decoration:underline}
.key{display:inline-flex;align-items:center;gap:6px;margin-right:16px;font-size:13px;color:var(--muted)}
.key i{display:inline-block;width:12px;height:12px;border-radius:2px}
.key i.ontime{background:var(--good)}
.key i.late{background:var(--bad)}
.key i.limit{width:18px;height:0;border-top:2px dashed var(--bad);border-radius:0}
details{margin:8px 0}
summary{cursor:pointer;color:var(--accent);font-size:14px}
table.counts td,table.counts th{padding:3px 8px;font-size:13px}
section.thread{border:1px solid var(--line);border-radius:10px;padding:16px 18px 8px;margin:18px 0;scroll-margin-top:12px}
section.thread:target{border-color:var(--accent);box-shadow:0 0 0 3px #cfe3f7}
.idx{display:inline-block;min-width:28px;text-align:center;font-size:12px;color:#fff;background:var(--ink);border-radius:10px;padding:0 6px;line-height:20px}
p.who{margin:0 0 8px 38px;color:var(--muted)}
dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:6px 18px;margin:0 0 12px;padding:10px 12px;background:var(--soft);border-radius:8px;font-size:14px}
dl.facts dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
dl.facts dd{margin:0}
dl.facts .wide{grid-column:span 2}
table.qa th[scope=row]{white-space:nowrap;font-weight:600}
table.qa td:nth-child(2){width:36%}
table.qa td:nth-child(3){width:40%}
table.qa .text{white-space:pre-wrap;overflow-wrap:anywhere}
tr.has-ex{background:#fff5f5}
tr.has-ex>th:first-child{box-shadow:inset 3px 0 0 var(--bad)}
mark{background:#ffd7d5;color:#82071e;padding:0 2px;border-radius:3px;font-weight:600}
ul.warnings{font-size:13px;color:#7d4e00;background:#fff8c5;border-radius:6px;padding:6px 10px 6px 28px;margin:8px 0}
p.top{font-size:13px;text-align:right;margin:6px 0}
@media print{.controls,.hint,p.top{display:none}section.thread{break-inside:avoid-page}}
"""

# Sorting and filtering for the thread table. Static text only: it reads the
# page through the DOM and writes only textContent, attributes and order.
SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("threads");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var input = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var haystack = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var sorted = { column: -1, direction: 1 };

  function sortBy(column, direction) {
    var numeric = headers[column].getAttribute("data-type") === "num";
    var keyed = rows.map(function (row, index) {
      var raw = row.cells[column].getAttribute("data-sort");
      return { row: row, index: index, empty: raw === "", key: numeric ? parseFloat(raw) : raw };
    });
    keyed.sort(function (a, b) {
      if (a.empty !== b.empty) { return a.empty ? 1 : -1; }
      var order = numeric ? a.key - b.key : a.key.localeCompare(b.key, undefined, { numeric: true, sensitivity: "base" });
      return order !== 0 && !isNaN(order) ? order * direction : a.index - b.index;
    });
    keyed.forEach(function (item) { body.appendChild(item.row); });
    headers.forEach(function (th, index) {
      if (index === column) { th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending"); }
      else { th.removeAttribute("aria-sort"); }
    });
    sorted = { column: column, direction: direction };
  }

  function filter() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var visible = 0;
    rows.forEach(function (row, index) {
      var match = words.every(function (word) { return haystack[index].indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) { visible += 1; }
    });
    shown.textContent = words.length ? "showing " + visible + " of " + rows.length + " threads" : rows.length + " threads";
  }

  headers.forEach(function (th, column) {
    th.querySelector("button").addEventListener("click", function () {
      sortBy(column, sorted.column === column ? -sorted.direction : 1);
    });
  });
  input.addEventListener("input", filter);
  input.disabled = false;

  // A shared link can carry the view: report.html?q=council&sort=working_days&dir=desc
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); }
  var column = headers.map(function (th) { return th.getAttribute("data-key"); }).indexOf(params.get("sort"));
  if (column !== -1) { sortBy(column, params.get("dir") === "desc" ? -1 : 1); }
  filter();
  table.setAttribute("data-js", "ready");
}());
"""


def render(threads: list[dict], title: str = DEFAULT_TITLE) -> str:
    """The report page for these threads (contract dicts), as one HTML document."""
    rows = [summary_row(data) for data in threads]
    distributions = answer_distributions(threads)
    untimed = [(index, row) for index, row in enumerate(rows, 1) if not isinstance(row["working_days"], (int, float))]
    untimed_note = (
        '<p class="note">No dated reply to time: '
        + ", ".join(f'<a href="#t{index}">{_text(row["authority"] or "(authority unknown)")}</a>' for index, row in untimed)
        + ".</p>"
    ) if untimed else ""
    if distributions:
        answers = (
            '<p class="note">One bar per question number; each segment counts the threads whose answer to it was of that type, '
            "and n is how many threads asked it. Numbers are matched by label only, so the comparison holds for one request sent to many authorities.</p>"
            f"{_legend()}{_distribution_svg(distributions)}{_distribution_table(distributions)}"
        )
    else:
        answers = '<p class="none">No thread has numbered questions.</p>'
    sections = "".join(_section(index, data, row) for index, (data, row) in enumerate(zip(threads, rows), 1))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_text(title)}</title><style>{STYLE}</style></head>\n"
        f"<body><main>"
        f'<header id="summary"><h1>{_text(title)}</h1>'
        f'<p class="lead">{len(threads)} Freedom of Information thread{"" if len(threads) == 1 else "s"}, parsed by foiparse.</p>'
        '<nav class="toc"><a href="#summary">Threads</a><a href="#answers">Answers by question</a><a href="#timing">Response times</a><a href="#details">Each thread</a></nav>'
        f"{_stats(rows)}</header>\n"
        f"{_table(rows)}\n"
        f'<h2 id="answers">Answers by question</h2>{answers}\n'
        '<h2 id="timing">Response times</h2>'
        '<p class="note">Working days from the request (or the clarification that restarted the clock) to the first reply that answers. '
        "The dashed line is the statutory 20 working days; red bars are replies after the due date, which an extension can move.</p>"
        '<p><span class="key"><i class="ontime"></i>in time</span><span class="key"><i class="late"></i>late</span>'
        '<span class="key"><i class="limit"></i>20 working days</span></p>'
        f"{_timing_svg(rows)}{untimed_note}\n"
        f'<h2 id="details">Each thread</h2>{sections or "<p class=none>No threads.</p>"}\n'
        f"</main><script>{SCRIPT}</script></body></html>\n"
    )
