"""Mail inputs: raw .eml and mbox files and pasted chains, detected from their content."""
from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

import foiparse
from foiparse.pipeline import parse_input
from foiparse.read import InputError, detect_format, detect_mail
from conftest import FIXTURES, SHARED
from test_properties import VALIDATOR

PEER_MAIL = sorted((SHARED / "peer" / "alaveteli-mail" / "eml").glob("*.eml"))


@pytest.mark.skipif(not PEER_MAIL, reason="../shared/peer is not beside the checkout")
@pytest.mark.parametrize("path", PEER_MAIL, ids=[p.name for p in PEER_MAIL])
def test_every_real_mail_gives_a_thread_or_one_clean_error(path):
    def too_slow(*_):
        raise TimeoutError(f"{path.name} took more than 10 s")

    signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(10)
    try:
        threads = parse_input(path.read_bytes(), path=str(path))
    except InputError as error:
        assert str(error) and "\n" not in str(error)
        return
    finally:
        signal.alarm(0)
    for thread in threads:
        data = thread.to_dict()
        VALIDATOR.validate(data)
        assert data["source"]["format"] in ("eml", "mbox")
        json.dumps(data)


def test_formats_are_told_from_content_not_names():
    chain = (FIXTURES / "email" / "pasted-chain-newest-first.txt").read_bytes()
    assert detect_mail(chain) is None and detect_format(chain.decode()) == "email-chain"
    assert detect_mail((FIXTURES / "email" / "html-only-list.eml").read_bytes()) == "eml"
    assert detect_format((FIXTURES / "example-council-tax-discounts.txt").read_text(encoding="utf-8")) == "wdtk-text"
    assert detect_format("Just a note.\nNothing else.") == "text"


def test_a_pasted_chain_newest_first_is_read_in_time_order():
    thread = foiparse.parse_bytes((FIXTURES / "email" / "pasted-chain-newest-first.txt").read_bytes())
    assert [(m.direction, m.kind, m.sender, m.date) for m in thread.messages] == [
        ("incoming", "response", "FOI Team", "2023-03-21"),
        ("outgoing", "request", "Sam Patel", "2023-03-01"),
    ]
    assert (thread.requester, thread.authority, thread.reference) == ("Sam Patel", "Northmere District Council", "FOI/2023/0777")
    assert [(q.number, q.answer) for q in thread.questions] == [("1", "14"), ("2", "No")]


def test_an_mbox_gives_a_thread_per_request(tmp_path):
    chain = (FIXTURES / "email" / "pasted-chain-newest-first.txt").read_text(encoding="utf-8")
    request, reply = chain.split("-----Original Message-----\n")[1], chain.split("-----Original Message-----\n")[0]

    def mbox_entry(block: str, stamp: str) -> str:
        header, body = block.strip().split("\n\n", 1)
        header = header.replace("Sent: ", "Date: ")
        return f"From sender@example.org {stamp}\nMessage-ID: <{abs(hash(stamp))}@x>\n{header}\n\n{body}\n\n"

    other = request.replace("Library opening hours", "Parking fines").replace("libraries do you run", "parking fines did you issue")
    mbox = mbox_entry(request, "Wed Mar  1 09:00:00 2023") + mbox_entry(reply, "Tue Mar 21 10:12:00 2023") + mbox_entry(other, "Thu Mar  2 09:00:00 2023")
    threads = parse_input(mbox.encode(), path="box.mbox")
    assert [t.source.format for t in threads] == ["mbox", "mbox"]
    assert [t.title for t in threads] == ["Freedom of Information request - Library opening hours", "Freedom of Information request - Parking fines"]
    assert [m.kind for m in threads[0].messages] == ["request", "response"]
    assert [q.answer for q in threads[0].questions] == ["14", "No"]


def test_one_request_sent_to_two_authorities_in_an_mbox_is_two_threads():
    def mail(sender, to, stamp, subject, body):
        return f"From {sender} {stamp}\nFrom: {sender}\nTo: {to}\nSubject: {subject}\nDate: {stamp}\n\n{body}\n\n"

    ask = "Dear Council,\n1. How many parks?\n2. What is the budget?\nYours faithfully,\nSam"
    box = (mail("sam@example.org", "foi@north.example.gov.uk", "Wed Mar  1 09:00:00 2023", "FOI request - Parks", ask)
           + mail("sam@example.org", "foi@south.example.gov.uk", "Wed Mar  1 09:05:00 2023", "FOI request - Parks", ask)
           + mail("foi@north.example.gov.uk", "sam@example.org", "Wed Mar 15 09:00:00 2023", "RE: FOI request - Parks", "Our ref: N-1001\nPlease find our response below.\n1. 40\n2. £200,000")
           + mail("foi@south.example.gov.uk", "sam@example.org", "Thu Mar 16 09:00:00 2023", "RE: FOI request - Parks", "Our ref: S-2002\nPlease find our response below.\n1. 7\n2. £35,000"))
    threads = parse_input(box.encode(), path="parks.mbox")
    assert [(t.reference, [q.answer for q in t.questions]) for t in threads] == [("N-1001", ["40", "£200,000"]), ("S-2002", ["7", "£35,000"])]


def test_utf8_with_a_stray_windows_byte_stays_utf8():
    thread = foiparse.parse_bytes("Dear Council,\n1. Cost in £?\nYours faithfully,\nJo\n".encode() + b"caf\xe9 d\x92Arcy\n")
    assert thread.source.encoding == "utf-8+cp1252"
    assert "£" in thread.messages[0].body() and "café d’Arcy" in thread.messages[0].body()
    assert any("Windows-1252" in warning for warning in thread.warnings)


def test_old_mac_line_ends_read_as_lines():
    text = (FIXTURES / "example-council-tax-discounts.txt").read_text(encoding="utf-8")
    assert foiparse.parse(text.replace("\n", "\r")).to_dict()["questions"] == foiparse.parse(text).to_dict()["questions"]


def test_a_reply_that_quotes_the_request_gmail_style():
    """"On … wrote:" then "> " lines: the quoted request is a message of its own, its marks taken off."""
    threads = parse_input((FIXTURES / "email" / "gmail-quoted-reply.eml").read_bytes())
    thread = threads[0]
    assert [(m.direction, m.kind, m.sender) for m in thread.messages] == [("incoming", "response", "FOI Team"), ("outgoing", "request", "Sam Patel")]
    assert [(q.number, q.text, q.answer) for q in thread.questions] == [
        ("1", "How many libraries do you run?", "We run 14 libraries."),
        ("2", "Do any of them open on Sundays?", "No, none open on Sundays."),
    ]
    assert thread.deadlines["responded"] == "2023-03-21"
