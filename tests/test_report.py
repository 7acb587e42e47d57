"""The HTML report: escaping of hostile thread text, the table and the counts, and the page in a real browser."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from foiparse.cli import main
from foiparse.report import CSP, answer_distributions, render
from conftest import FIXTURES, ROOT

SCRIPT_TAG = "<script>alert(1)</script>"
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
HOSTILE = f"{SCRIPT_TAG} {ATTRIBUTE_BREAK} {JS_URL}"


class Page(HTMLParser):
    """What a browser would build from the page: tags with their attributes, text, script bodies, the thread table."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.rows: list[dict] = []  # the thread table's body rows: attributes, cells (data-sort, text)
        self._in_script = False
        self._in_threads = False
        self._cell: dict | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        elif tag == "table" and attributes.get("id") == "threads":
            self._in_threads = True
        elif self._in_threads and tag == "tr" and "data-row" in attributes:
            self.rows.append({"attrs": attributes, "cells": []})
        elif self._in_threads and tag == "td" and self.rows:
            self._cell = {"sort": attributes.get("data-sort"), "text": ""}
            self.rows[-1]["cells"].append(self._cell)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        elif tag == "table":
            self._in_threads = False
        elif tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)
            if self._cell is not None:
                self._cell["text"] += data

    def attributes(self) -> list[tuple[str, str, str]]:
        return [(tag, name, value or "") for tag, attributes in self.tags for name, value in attributes.items()]


def _question(number, answer_type, answer="x", exemptions=()):
    return {"number": number, "text": f"Question {number}?", "answer": answer, "answer_type": answer_type,
            "answer_value": None, "answer_unit": None, "exemptions": list(exemptions)}


def _thread(path, authority="Anytown Council", questions=(), **deadlines):
    return {
        "source": {"path": path}, "title": f"Request {path}", "status": {"code": "successful", "text": None},
        "authority": authority, "requester": "A Researcher", "reference": f"REF-{path}", "messages": [],
        "questions": list(questions), "outcome": "successful", "warnings": [],
        "deadlines": {"law": "FOIA", "requested": "2023-01-02", "due": "2023-01-30", "responded": "2023-01-20",
                      "working_days": 14, "late": False, "extended": False, **deadlines},
    }


def _hostile_thread() -> dict:
    exemption = {"code": f"s40{ATTRIBUTE_BREAK}", "law": HOSTILE, "text": f"section 40 {SCRIPT_TAG}", "message": 1, "line": 9}
    thread = _thread(HOSTILE, authority=HOSTILE, questions=[
        _question("1", "exempt", answer=f"Withheld under section 40 {SCRIPT_TAG}. See {JS_URL} and {ATTRIBUTE_BREAK}", exemptions=[exemption]),
        _question(ATTRIBUTE_BREAK, ATTRIBUTE_BREAK, answer=HOSTILE),
    ], requested=HOSTILE, responded=JS_URL, working_days=HOSTILE, late=HOSTILE)
    thread.update(title=HOSTILE, reference=f"{JS_URL}/{SCRIPT_TAG}", requester=HOSTILE, outcome=ATTRIBUTE_BREAK, warnings=[HOSTILE])
    thread["status"] = {"code": HOSTILE, "text": HOSTILE}
    thread["messages"] = [{"index": 0, "direction": "incoming", "kind": HOSTILE, "sender": HOSTILE, "date": JS_URL,
                           "attachment_count": 1, "attachments": [HOSTILE], "exemptions": [exemption], "body": HOSTILE}]
    return thread


# --- render(): escaping -------------------------------------------------------


def test_hostile_thread_text_appears_only_escaped():
    page = render([_hostile_thread(), _thread("plain.txt")], title=HOSTILE)
    parsed = Page(page)

    assert page.lower().count("<script") == 1 and len(parsed.scripts) == 1
    assert "alert" not in parsed.scripts[0]  # no thread text inside the script
    assert not [tag for tag, _ in parsed.tags if tag in ("img", "iframe", "object", "embed", "link", "base", "form")]
    assert not [(tag, name) for tag, name, _ in parsed.attributes() if name.startswith("on")]
    assert 'href="javascript:' not in page.lower()
    assert all(value.startswith("#") for tag, name, value in parsed.attributes() if name in ("href", "src", "action", "xlink:href"))
    # Each payload was written as text, escaped, and reads back whole as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    text = "".join(parsed.text)
    assert SCRIPT_TAG in text and ATTRIBUTE_BREAK in text and JS_URL in text
    # In attributes too: the exemption badge's tooltip and the sort keys hold the payload as a value.
    values = [value for _, _, value in parsed.attributes()]
    assert any(ATTRIBUTE_BREAK in value for value in values)


def test_the_page_forbids_every_external_load():
    page = render([_thread("a.txt")])
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert "default-src 'none'" in CSP and "style-src 'unsafe-inline'" in CSP and "script-src 'unsafe-inline'" in CSP and "img-src data:" in CSP
    assert "http://" not in page and "https://" not in page and "@import" not in page and "url(" not in page


def test_the_cited_exemption_is_marked_in_the_answer():
    exemption = {"code": "s43(2)", "law": "FOIA", "text": "section 43(2)", "message": 1, "line": 5}
    page = render([_thread("a.txt", questions=[_question("1", "exempt", "Withheld under section 43(2) <commercial>.", [exemption])])])
    assert "Withheld under <mark>section 43(2)</mark> &lt;commercial&gt;." in page
    assert '<tr class=has-ex><th scope="row">1</th>' in page


# --- render(): the table and the counts ----------------------------------------


def test_the_table_has_one_row_per_thread_linked_to_its_section():
    threads = [_thread(f"{n}.txt", authority=f"Council {n}") for n in range(3)]
    parsed = Page(render(threads))
    assert len(parsed.rows) == 3
    ids = {attributes.get("id") for _, attributes in parsed.tags}
    links = [value for tag, name, value in parsed.attributes() if tag == "a" and name == "href" and value.startswith("#t")]
    assert all(link[1:] in ids for link in links) and {"#t1", "#t2", "#t3"} <= set(links)
    assert [row["cells"][0]["text"].startswith(f"Council {n}") for n, row in enumerate(parsed.rows)] == [True] * 3


def test_answered_over_asked_and_exemptions_per_thread():
    exemption = {"code": "s12", "law": "FOIA", "text": "section 12", "message": 1, "line": 3}
    thread = _thread("a.txt", questions=[_question("1", "yes"), _question("2", None, answer=None), _question("3", "refused", exemptions=[exemption])])
    cells = Page(render([thread])).rows[0]["cells"]
    assert cells[8]["text"] == "2 / 3" and cells[9]["text"].strip() == "s12"
    assert [cells[5]["sort"], cells[6]["sort"]] == ["14", "0"]


def test_answer_distributions_count_each_type_per_question_number():
    threads = [
        _thread("a.txt", questions=[_question("1", "yes"), _question("2", "number"), _question("10", "not_held")]),
        _thread("b.txt", questions=[_question("1", "yes"), _question("2", "refused"), _question("2a", "exempt")]),
        _thread("c.txt", questions=[_question("1", "no"), _question("2", None, answer=None)]),
        _thread("d.txt", questions=[]),
    ]
    counts = answer_distributions(threads)
    assert list(counts) == ["1", "2", "2a", "10"]
    assert {k: v for k, v in counts["1"].items() if v} == {"yes": 2, "no": 1}
    assert {k: v for k, v in counts["2"].items() if v} == {"number": 1, "refused": 1, "no_answer": 1}
    assert {k: v for k, v in counts["2a"].items() if v} == {"exempt": 1}
    assert {k: v for k, v in counts["10"].items() if v} == {"not_held": 1}
    # The chart draws those counts: one bar segment per non-zero count, no JavaScript needed.
    parsed = Page(render(threads))
    segments = {(a["data-type"], int(a["data-count"])) for tag, a in parsed.tags if tag == "rect" and "data-count" in a}
    assert {("yes", 2), ("no", 1), ("number", 1), ("refused", 1), ("no_answer", 1), ("exempt", 1), ("not_held", 1)} == segments


def test_an_empty_report_still_renders():
    parsed = Page(render([]))
    assert parsed.rows == [] and len(parsed.scripts) == 1


# --- the command ---------------------------------------------------------------


def test_report_writes_the_others_and_names_each_failure(tmp_path):
    out = tmp_path / "report.html"
    good = FIXTURES / "example-council-tax-discounts.txt"
    result = CliRunner().invoke(main, ["report", str(good), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "missing.txt" in result.stderr
    assert len(Page(out.read_text(encoding="utf-8")).rows) == 1


def test_report_to_standard_output_and_output_required():
    good = str(FIXTURES / "example-council-tax-discounts.txt")
    result = CliRunner().invoke(main, ["report", good, "-o", "-", "--title", "Council tax"])
    assert result.exit_code == 0 and "<title>Council tax</title>" in result.stdout
    assert CliRunner().invoke(main, ["report", good]).exit_code == 2


# --- the page in a real browser ------------------------------------------------


def _chromium() -> str | None:
    return os.environ.get("FOIPARSE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _browse(binary: str, profile, url: str, *mode: str) -> subprocess.CompletedProcess:
    """Headless Chromium on one URL, offline, with its console on stderr."""
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0"]
    return subprocess.run([binary, *flags, *mode, url], capture_output=True, text=True, timeout=60)


def console_problems(stderr: str) -> list[str]:
    """Console output from the page. Chromium writes every console message (console.log and .error,
    uncaught exceptions, Content-Security-Policy refusals) to stderr as
    ``[pid:tid:time:INFO:CONSOLE:<line>] "message", source: URL (line)``; the report logs nothing,
    so any such line is a problem."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def test_the_report_works_in_headless_chromium(tmp_path):
    binary = _chromium()
    if not binary:
        pytest.skip("no chromium binary found (apt-get install chromium, or set FOIPARSE_CHROMIUM); the browser test needs one")
    fixtures = sorted(FIXTURES.glob("*.txt"))
    report = tmp_path / "report.html"
    built = subprocess.run([sys.executable, "-m", "foiparse", "report", *map(str, fixtures), "-o", str(report)],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert built.returncode == 0, built.stderr
    url = report.as_uri()

    # The control: the check does see an uncaught error and a refused external load.
    broken = tmp_path / "broken.html"
    broken.write_text(f'<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="{CSP}"><img src="https://example.invalid/x.png">'
                      "<script>notDefined();</script>", encoding="utf-8")
    control = console_problems(_browse(binary, tmp_path / "profile-control", broken.as_uri(), "--dump-dom").stderr)
    assert any("Uncaught" in line for line in control) and any("Content Security Policy" in line for line in control), control

    # After the script ran: one row per thread, nothing hidden, no console output.
    run = _browse(binary, tmp_path / "profile-dom", url, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_problems(run.stderr) == []
    dom = Page(run.stdout)
    table = next(attributes for tag, attributes in dom.tags if tag == "table" and attributes.get("id") == "threads")
    assert table.get("data-js") == "ready"
    assert len(dom.rows) == len(fixtures) and not [row for row in dom.rows if "hidden" in row["attrs"]]

    # The view a shared link carries: filtered by a word and sorted by working days, longest first.
    run = _browse(binary, tmp_path / "profile-view", url + "?q=council&sort=working_days&dir=desc", "--dump-dom")
    assert console_problems(run.stderr) == []
    rows = Page(run.stdout).rows
    shown = [row for row in rows if "hidden" not in row["attrs"]]
    assert shown and len(shown) < len(rows)
    assert all("council" in "".join(c["text"] for c in row["cells"]).lower() for row in shown)
    assert not [row for row in rows if "hidden" in row["attrs"] and "council" in "".join(c["text"] for c in row["cells"]).lower()]
    days = [row["cells"][5]["sort"] for row in rows]
    timed = [int(d) for d in days if d]
    assert timed == sorted(timed, reverse=True) and days[: len(timed)] == [str(d) for d in timed]  # the undated last

    # A screenshot: a real page was painted (a blank 1280x2000 PNG is a few kilobytes).
    png = tmp_path / "report.png"
    run = _browse(binary, tmp_path / "profile-shot", url, f"--screenshot={png}", "--window-size=1280,2000")
    assert console_problems(run.stderr) == []
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 1280 and int.from_bytes(data[20:24], "big") == 2000
    assert len(data) > 30_000


def test_report_failures_can_be_reported_as_json(tmp_path):
    good = FIXTURES / "example-council-tax-discounts.txt"
    result = CliRunner().invoke(main, ["report", str(good), str(tmp_path / "missing.txt"), "-o", "-", "--errors", "json", "-q"])
    assert result.exit_code == 1 and len(Page(result.stdout).rows) == 1
    assert json.loads(result.stderr) == {"path": str(tmp_path / "missing.txt"), "error": "no such file"}


def test_no_report_when_every_input_failed_nor_into_a_missing_folder(tmp_path):
    result = CliRunner().invoke(main, ["report", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "report.html")])
    assert result.exit_code == 1 and not (tmp_path / "report.html").exists()
    assert result.stderr.splitlines()[-1] == "foiparse: no input parsed, so no report was written"
    good = str(FIXTURES / "example-council-tax-discounts.txt")
    result = CliRunner().invoke(main, ["report", good, "-o", str(tmp_path / "nowhere" / "report.html")])
    assert result.exit_code == 1 and "no such folder" in result.stderr and not (tmp_path / "nowhere").exists()
