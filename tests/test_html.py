"""Saved WhatDoTheyKnow pages (``wdtk-html``): read as the text the page shows, spans in HTML source lines.

The real pages in ``../shared/corpus/html`` have text versions beside them
(``../shared/corpus/NAME.txt``); parsing a page must give the same thread as
parsing its text, only with line numbers that point into the HTML.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys

import pytest

import foiparse
from conftest import SHARED
from foiparse.formats.wdtk_html import to_lines
from foiparse.normalise import normalise
from foiparse.read import detect_format

CORPUS = SHARED / "corpus"
PAGES = sorted((CORPUS / "html").glob("*.html"))
SCORER = SHARED / "eval" / "score.py"

# A request page cut down to what Alaveteli writes around two messages: the
# site logo, menus, a follow button, "Link to this" and "Report", an
# annotation, the "show quoted sections" toggle and a sidebar, none of
# which is the thread.
PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head><title>Bin collections - a Freedom of Information request</title>
<script>var x = "<p>not text</p>";</script></head>
<body>
<h1><a id="logo" href="/">WhatDoTheyKnow</a></h1>
<div class="request-header">
  <h1>Bin collections</h1>
  <p class="request-header__subtitle">
    <a href="/user/a_person">A Person</a> made this Freedom of Information request to <a href="/body/c">Example Council</a>
  </p>
  <ul class="action-menu"><li><a href="/track">Follow</a></li><li><a href="/report">Report this request</a></li></ul>
  <div id="request_status" class="request-status-message"><p>The request was <strong>successful</strong>.</p></div>
</div>
<div id="left_column">
<div class="outgoing correspondence js-collapsable" id="outgoing-1">
  <div class="correspondence__header">
    <span class="correspondence__header__author">
      A Person
    </span>
    <a class="correspondence__header__date" href="#outgoing-1"><time datetime="2024-03-05T10:00:00+00:00"> 5 March 2024</time></a>
  </div>
  <div class="correspondence_text">
  <p><p>Dear Example Council,</p>

<p>Please tell me:
<br />1. How many bins were collected in 2023?
<br />2. How many collections were missed in 2023?</p>

<p>Yours faithfully,
<br />A Person</p></p>
  </div>
  <div class="correspondence__footer"><button class="cplink__button">Link to this</button><a class="cplink__button button" href="/report">Report</a></div>
</div>
<div class="comment_in_request box" id="comment-1"><div class="comment_content"><h2>A Person left an annotation</h2><p>Not part of the thread.</p></div></div>
<div class="incoming correspondence normal" id="incoming-2">
  <div class="correspondence__header">
    <span class="correspondence__header__author">
      FOI Team,
      Example Council
    </span>
    <a class="correspondence__header__date" href="#incoming-2"><time datetime="2024-03-20T09:00:00+00:00">20 March 2024</time></a>
  </div>
  <div class="correspondence_text">
    <div class="attachments">
      <div class="attachments__header"><h3>1 Attachment</h3></div>
      <ul class="list-of-attachments">
        <li class="attachment">
          <p class="attachment__name">
            Response.pdf
          </p>
          <p class="attachment__meta">
            66K
            <a href="/a">Download</a> <a href="/h">View as HTML</a>
          </p>
        </li>
      </ul>
    </div>
  <p><p>Our ref: FOI-1234
<br /> 
<br /> Dear A Person,
<br /> 1. 5,000 bins &amp; more
<br /> 2. 12</p>
<p> Yours sincerely,
<br /> FOI Team</p>
<p> -----Original Message-----
<br /> Dear Example Council,</p>
<p><span class="unfold_link"><a href="?unfold=1">show quoted sections</a></span></p></p>
  </div>
</div>
</div>
<div class="sidebar right_column"><h2>Similar requests</h2><p>Bin collections elsewhere</p></div>
</body>
</html>
"""


def line_of(snippet: str, page: str = PAGE) -> int:
    """The 1-based line of the page holding ``snippet`` (which must stand on one line only)."""
    found = [n for n, line in enumerate(page.split("\n"), 1) if snippet in line]
    assert len(found) == 1, (snippet, found)
    return found[0]


# ---- the converter, on the page above ----------------------------------------------------------


def test_page_becomes_the_text_the_page_shows():
    lines, origins = to_lines(PAGE)
    assert lines == [
        "Bin collections",
        "",
        "A Person made this Freedom of Information request to Example Council",
        "",
        "The request was successful.",
        "",
        "A Person",
        "5 March 2024",
        "",
        "Dear Example Council,",
        "Please tell me:",
        "1. How many bins were collected in 2023?",
        "2. How many collections were missed in 2023?",
        "Yours faithfully,",
        "A Person",
        "",
        "FOI Team, Example Council",
        "20 March 2024",
        "",
        "1 Attachment",
        "  Response.pdf 66K",
        "",
        "Our ref: FOI-1234",
        "",
        " Dear A Person,",
        " 1. 5,000 bins & more",
        " 2. 12",
        " Yours sincerely,",
        " FOI Team",
        " -----Original Message-----",
        " Dear Example Council,",
    ]
    assert len(origins) == len(lines)


def test_each_line_knows_its_source_line():
    lines, origins = to_lines(PAGE)
    where = dict(zip(lines, origins))
    assert where["Bin collections"] == line_of("<h1>Bin collections")
    assert where["A Person made this Freedom of Information request to Example Council"] == line_of("made this Freedom")
    assert where["The request was successful."] == line_of("The request was")
    assert where["5 March 2024"] == line_of("5 March 2024")
    assert where["FOI Team, Example Council"] == line_of("FOI Team,")  # a sender wrapped over two lines: its first
    assert where["  Response.pdf 66K"] == line_of("Response.pdf")
    assert where["2. How many collections were missed in 2023?"] == line_of("2. How many")
    assert where[" 1. 5,000 bins & more"] == line_of("5,000 bins &amp; more")
    assert where[" -----Original Message-----"] == line_of("Original Message")
    assert [o for line, o in zip(lines, origins) if not line] == [None] * 7 + [line_of("Our ref: FOI-1234") + 1]


def test_page_chrome_is_left_out_and_folded_quotes_kept():
    text = "\n".join(to_lines(PAGE)[0])
    for chrome in ("WhatDoTheyKnow", "Follow", "Report", "Link to this", "show quoted sections", "annotation", "Not part of the thread", "Similar requests", "elsewhere", "not text", "Download", "View as HTML"):
        assert chrome not in text, chrome
    assert "-----Original Message-----" in text


def test_line_ends_of_every_platform_count_as_an_editor_counts_them():
    lines, origins = to_lines(PAGE)
    assert to_lines(PAGE.replace("\n", "\r\n")) == (lines, origins)
    assert to_lines(PAGE.replace("\n", "\r")) == (lines, origins)


def test_parsed_page_points_into_the_html():
    data = foiparse.parse(PAGE, path="page.html").to_dict()
    assert data["source"]["format"] == "wdtk-html"
    assert (data["title"], data["authority"], data["requester"], data["status"]["code"]) == ("Bin collections", "Example Council", "A Person", "successful")
    first, second = data["messages"]
    assert first["lines"] == [line_of("      A Person"), line_of("<br />A Person</p></p>")]
    assert second["lines"] == [line_of("FOI Team,"), line_of("<br /> Dear Example Council,")]
    assert (second["sender"], second["date"], second["attachments"]) == ("FOI Team, Example Council", "2024-03-20", ["Response.pdf"])
    assert data["reference"] == "FOI-1234"
    assert data["references"][0]["line"] == line_of("Our ref: FOI-1234")
    assert {d["date"]: d["line"] for d in data["dates"]} == {"2024-03-05": line_of("5 March 2024"), "2024-03-20": line_of("20 March 2024")}
    assert "Not part of the thread" not in json.dumps(data)


# ---- detection and the command line -------------------------------------------------------------


def test_detects_a_saved_request_page_from_its_content():
    assert detect_format(PAGE) == "wdtk-html"
    assert detect_format("\ufeff" + PAGE) == "wdtk-html"
    assert detect_format("<!DOCTYPE html><html><body><p>A council's page about bins.</p></body></html>") == "text"
    # Text that mentions the markup is still text.
    assert detect_format('Dear Council,\nthe page has class="incoming correspondence" in it.\n') != "wdtk-html"


def test_format_can_be_forced_and_a_page_without_a_request_still_gives_its_text():
    data = foiparse.parse("<html><body><p>Hello there.</p></body></html>", format="wdtk-html").to_dict()
    assert data["source"]["format"] == "wdtk-html"
    assert data["messages"] and "Hello there." in data["messages"][0]["body"]
    assert data["warnings"] == [
        "no letter found (no greeting or sign-off): this may not be FOI correspondence",
        "not a WhatDoTheyKnow request page: its text read as one message",
    ]
    assert data["outcome"] is None


def test_cli_reads_a_page_and_accepts_the_format(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    for extra in ([], ["--format", "wdtk-html"]):
        out = subprocess.run([sys.executable, "-m", "foiparse", str(page), *extra], capture_output=True, timeout=120)
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        assert data["source"]["format"] == "wdtk-html" and len(data["messages"]) == 2
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    jsonschema.validate(data, json.loads(files("foiparse").joinpath("schema.json").read_text(encoding="utf-8")))


def test_version_does_not_import_the_html_parser():
    code = "import sys\nfrom foiparse.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\nprint('bs4' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().endswith("False"), out.stdout + out.stderr


# ---- the real pages: the same thread as their text versions -------------------------------------

needs_pages = pytest.mark.skipif(not PAGES, reason=f"{CORPUS / 'html'} not found (../shared beside the checkout)")


def _parse(path):
    return foiparse.parse_bytes(path.read_bytes(), path=str(path)).to_dict()


def _thread(data: dict) -> dict:
    """What a parse says, without the line numbers (which differ between the page and its text)."""
    return {
        "title": data["title"],
        "status": data["status"]["code"],
        "authority": data["authority"],
        "requester": data["requester"],
        "reference": data["reference"],
        "references": [(r["value"], r["kind"], r["message"]) for r in data["references"]],
        "dates": [(d["date"], d["message"]) for d in data["dates"]],
        "messages": [(m["direction"], m["kind"], m["sender"], m["date"], m["attachment_count"], m["attachments"], m["body"]) for m in data["messages"]],
        "questions": [(q["number"], q["text"], q["asked_in"], q["answer"], q["answered_in"]) for q in data["questions"]],
    }


@needs_pages
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_text_is_its_text_version(page):
    """The converter gives the text version line for line (the page's own "show quoted sections" toggle aside)."""
    text = CORPUS / f"{page.stem}.txt"
    if not text.exists():
        pytest.skip(f"{text} not found")
    lines, _ = to_lines(page.read_text(encoding="utf-8"))
    want = [line for line in normalise(text.read_text(encoding="utf-8").splitlines()) if line.strip() != "show quoted sections"]
    assert normalise(lines) == want


@needs_pages
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_parses_as_its_text_version(page):
    text = CORPUS / f"{page.stem}.txt"
    if not text.exists():
        pytest.skip(f"{text} not found")
    got, want = _parse(page), _parse(text)
    assert got["source"]["format"] == "wdtk-html"
    assert len(got["messages"]) == len(want["messages"])
    assert _thread(got) == _thread(want)


def _line_numbers(data):
    """Every (where, first, last) line number the output holds, found by field name anywhere in it."""
    out = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("lines", "answer_lines") and isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
                    out.append((f"{where}.{key}", value[0], value[1]))
                elif key == "line" and isinstance(value, int):
                    out.append((f"{where}.{key}", value, value))
                else:
                    walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for n, item in enumerate(node):
                walk(item, f"{where}[{n}]")

    walk({k: v for k, v in data.items() if k != "source"}, "$")
    return out


@needs_pages
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_spans_are_lines_of_the_page(page):
    data = _parse(page)
    source = page.read_text(encoding="utf-8").split("\n")
    numbers = _line_numbers(data)
    assert numbers
    for where, first, last in numbers:
        assert 1 <= first <= last <= len(source), (where, first, last, len(source))
    starts = [m["lines"] for m in data["messages"]]
    for (_, end), (begin, _) in zip(starts, starts[1:]):
        assert end < begin, starts  # messages in order, never overlapping
    for q in data["questions"]:
        assert starts[q["asked_in"]][0] <= q["lines"][0] <= q["lines"][1] <= starts[q["asked_in"]][1]
        if q["answer_lines"]:
            held = starts[q["answered_in"]]
            assert held[0] <= q["answer_lines"][0] <= q["answer_lines"][1] <= held[1]


def _first_word(text: str) -> str:
    """The first run of letters or digits: markup may stand inside a word ("[1]<a …>https…")."""
    found = re.search(r"\w+", text)
    return found.group(0) if found else ""


@needs_pages
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_lines_point_at_their_text(page):
    """Each line of text, and each reference, date and exemption found, names a source line that shows it."""
    raw = page.read_text(encoding="utf-8")
    source = [html.unescape(line) for line in raw.split("\n")]
    lines, origins = to_lines(raw)
    for text, origin in zip(lines, origins):
        word = _first_word(text)
        if word:
            assert origin is not None and word in source[origin - 1], (text, origin, source[origin - 1] if origin else None)
    data = _parse(page)
    found = [*data["references"], *data["dates"], *(e for m in data["messages"] for e in m.get("exemptions", []))]
    for item in found:
        word = _first_word(item["text"])
        assert word in source[item["line"] - 1], (item, source[item["line"] - 1])


# ---- the shared scorer, over the pages --------------------------------------------------------


def _score(corpus, *extra):
    out = subprocess.run([sys.executable, str(SCORER), "--corpus", str(corpus), "--cmd", f"{sys.executable} -m foiparse", "--json", *extra], capture_output=True, text=True, timeout=600)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


@needs_pages
def test_scorer_gives_the_pages_the_text_versions_score(tmp_path):
    """Each page scores as its text version does, metric by metric.

    The golds name the .txt and count lines in it; copies in a temporary
    folder name the page instead, with each message's start moved to the
    page's line (text line k of the .txt is line k of the page's text, the
    dropped "show quoted sections" toggle aside).
    """
    if not SCORER.exists():
        pytest.skip(f"{SCORER} not found")
    (tmp_path / "html").mkdir()
    (tmp_path / "text").mkdir()
    for page in PAGES:
        gold_path = CORPUS / f"{page.stem}.gold.json"
        text = CORPUS / f"{page.stem}.txt"
        if not gold_path.exists() or not text.exists():
            continue
        shutil.copyfile(text, tmp_path / "text" / text.name)
        shutil.copyfile(gold_path, tmp_path / "text" / gold_path.name)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        _, origins = to_lines(page.read_text(encoding="utf-8"))
        kept = [n for n, line in enumerate(text.read_text(encoding="utf-8").splitlines(), 1) if line.strip() != "show quoted sections"]
        to_page = {n: origins[k] for k, n in enumerate(kept) if k < len(origins)}
        for message in gold.get("messages", []):
            message["start"] = to_page[message["start"]]
        gold["input"] = page.name
        shutil.copyfile(page, tmp_path / "html" / page.name)
        (tmp_path / "html" / gold_path.name).write_text(json.dumps(gold), encoding="utf-8")
    pages, texts = _score(tmp_path / "html"), _score(tmp_path / "text")
    print("HTML pages:", json.dumps(pages, indent=1))
    assert pages["threads"] == texts["threads"] > 0
    assert pages == texts
