"""Never crash, never lose a word: properties that hold for any input."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files

import jsonschema
import pytest
from hypothesis import given, strategies as st

import foiparse
from foiparse.read import InputError
from conftest import FIXTURES, SHARED

SCHEMA = json.loads(files("foiparse").joinpath("schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Text that looks like threads: WDTK headings, dates, numbered items, quotes, furniture.
PIECES = st.sampled_from([
    "Dear Sheffield City Council,", "Yours faithfully,", "Jane Doe", "Sheffield City Council", "2 August 2018",
    "12 March 2021", "1. How many staff?", "2) What budget?", "(a) sub item", "ii. roman", "Q3 question", "• 2023",
    "show quoted sections", "2 Attachments", "  Response.pdf 12K", "From: FOI", "Sent: 19 December 2024 09:36",
    "Subject: Re: FOI 12345", "> quoted line", "-----Original Message-----", "Our reference: 4290927",
    "The request was successful.", "X made this Freedom of Information request to Y", "Kind regards", "",
    "Please see response below", "No", "£1,200", "section 40(2)", "*" * 20, "-" * 30, "\u00a0", "16^th March 2021",
])
THREADISH = st.lists(st.one_of(PIECES, st.text(max_size=60)), max_size=60).map("\n".join)


def check_invariants(text: str, thread) -> dict:
    data = thread.to_dict()
    VALIDATOR.validate(data)
    n_lines = len(thread.lines)
    previous_last = 0
    for index, message in enumerate(thread.messages):
        first, last = message.first, message.last
        assert message.index == index
        assert 1 <= first <= last <= n_lines and first > previous_last, "spans in order, inside the input, never overlapping"
        previous_last = last
        assert [t for _, t, _ in message.lines] == thread.lines[first - 1:last], "the message's lines rebuild its span"
    covered = {n for m in thread.messages for n in range(m.first, m.last + 1)} | set(thread.preamble)
    lost = [k + 1 for k, line in enumerate(thread.lines) if line.strip() and k + 1 not in covered]
    assert not lost, f"non-blank lines in no message and not page text: {lost[:5]}"
    for question in thread.questions:
        asked = thread.messages[question.asked_in]
        assert asked.first <= question.first <= question.last <= asked.last
        if question.answered_in is not None:
            answering = thread.messages[question.answered_in]
            assert answering.first <= question.answer_first <= question.answer_last <= answering.last
    json.dumps(data)
    return data


@given(st.text(max_size=2000))
def test_any_text_gives_a_valid_thread(text):
    check_invariants(text, foiparse.parse(text))


@given(THREADISH)
def test_threadlike_text_keeps_every_invariant(text):
    check_invariants(text, foiparse.parse(text, format="wdtk-text"))


@given(st.binary(max_size=3000))
def test_any_bytes_give_a_thread_or_a_clean_error(data):
    try:
        thread = foiparse.parse_bytes(data)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
    else:
        VALIDATOR.validate(thread.to_dict())


INPUTS = sorted(FIXTURES.rglob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_real_threads_are_lossless(path):
    text = path.read_text(encoding="utf-8")
    check_invariants(text, foiparse.parse(text))


def test_output_is_identical_across_hash_seeds():
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        result = subprocess.run([sys.executable, "-m", "foiparse", str(FIXTURES), "--glob", "*.txt", "--jobs", "2"], capture_output=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1


MAIL_HEADS = st.sampled_from([
    b"From: Jo <jo@example.org>\nTo: FOI <foi@example.gov.uk>\nSubject: Re: FOI 123\nDate: Mon, 3 Jul 2023 10:00:00 +0100\n",
    b"From jo@example.org Mon Jul  3 10:00:00 2023\nFrom: Jo <jo@example.org>\nSubject: FOI\n",
    b"Content-Type: multipart/mixed; boundary=\"b\"\nMIME-Version: 1.0\nFrom: x@y\n",
])


@given(MAIL_HEADS, st.binary(max_size=2000))
def test_any_mail_gives_threads_or_a_clean_error(head, body):
    from foiparse.pipeline import parse_input

    try:
        threads = parse_input(head + b"\n" + body)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
    else:
        for thread in threads:
            VALIDATOR.validate(thread.to_dict())
