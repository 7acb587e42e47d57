"""One request thread in three formats gives the same questions, answers and reference.

``fixtures/formats/same-request.*`` hold one invented thread (a request with
four numbered questions to Brackenfold Borough Council, an acknowledgement
quoting ``FOI/2024/0312``, a response repeating each question with its answer
beneath) as:

- ``.txt``: text copied from its WhatDoTheyKnow page (``wdtk-text``);
- ``.html``: the saved WhatDoTheyKnow page, in the markup of the real saved
  pages in ``../shared/corpus/html`` (``wdtk-html``);
- ``.eml``: the authority's response as raw mail, quoting the request below
  an Outlook header block (``eml``). It has no acknowledgement, so its
  reference comes from the response's own "Our ref:" line.

Whatever the input format, the questions (labels and texts) and the answers
(compared with white space normalised: the page wraps lines the mail does
not) must be the same, and so must the authority's reference.
"""
from __future__ import annotations

import pytest

import foiparse
from conftest import FIXTURES

FOLDER = FIXTURES / "formats"
FORMATS = {"same-request.txt": "wdtk-text", "same-request.html": "wdtk-html", "same-request.eml": "eml"}

REFERENCE = "FOI/2024/0312"
QUESTIONS = [
    ("1", "How many public electric vehicle charging points did the council operate on 31 December 2023?"),
    ("2", "How many of those charging points were out of service for more than 7 consecutive days during 2023?"),
    ("3", "Does the council charge drivers an overstay fee at its charging points?"),
    ("4", "What income did the council receive from its charging points in the financial year 2022/23?"),
]
ANSWERS = [
    ("1", "The council operated 86 public charging points on 31 December 2023."),
    ("2", "11"),
    ("3", "No. The council does not charge an overstay fee, but a maximum stay of 4 hours applies at every council charging point."),
    ("4", "The council received £41,275 from its charging points in 2022/23. A breakdown by site is given in the attached spreadsheet."),
]


def _flat(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _parse(name: str) -> dict:
    path = FOLDER / name
    return foiparse.parse_bytes(path.read_bytes(), path=str(path)).to_dict()


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return {name: _parse(name) for name in FORMATS}


@pytest.mark.parametrize("name", FORMATS)
def test_parses_as_its_format(parsed, name):
    data = parsed[name]
    assert data["source"]["format"] == FORMATS[name]
    assert data["messages"], f"{name}: no messages"


@pytest.mark.parametrize("name", FORMATS)
def test_same_questions(parsed, name):
    got = [(q["number"], _flat(q["text"])) for q in parsed[name]["questions"]]
    assert got == QUESTIONS, f"{name} ({FORMATS[name]}) gives other questions"


@pytest.mark.parametrize("name", FORMATS)
def test_same_answers(parsed, name):
    got = [(q["number"], _flat(q["answer"])) for q in parsed[name]["questions"]]
    assert got == ANSWERS, f"{name} ({FORMATS[name]}) gives other answers"


@pytest.mark.parametrize("name", FORMATS)
def test_same_reference(parsed, name):
    assert parsed[name]["reference"] == REFERENCE


def test_all_formats_agree(parsed):
    """The three readings side by side: one set of questions, answers and reference, whatever the format."""

    def summary(data: dict) -> tuple:
        return data["reference"], [(q["number"], _flat(q["text"]), _flat(q["answer"])) for q in data["questions"]]

    readings = {name: summary(data) for name, data in parsed.items()}
    baseline = readings["same-request.txt"]
    differing = {name: reading for name, reading in readings.items() if reading != baseline}
    assert not differing, f"differ from same-request.txt {baseline!r}: {differing!r}"
