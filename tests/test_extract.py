"""The extractors on the forms the issues name, one case a line."""
from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import foiparse
from foiparse import answer_types, assess, classify, deadlines, exemptions
from foiparse.answer_types import classify_answer
from foiparse.dates import find_dates
from foiparse.deadlines import add_working_days, working_days_between
from foiparse.exemptions import find_exemptions
from foiparse.references import find_references
from foiparse.scan import match_at_words, search_near
from conftest import FIXTURES


@pytest.mark.parametrize("text, iso", [
    ("16th March 2021", "2021-03-16"), ("16 March 2021", "2021-03-16"), ("16th Mar 2021", "2021-03-16"),
    ("Tuesday, 16 March 2021", "2021-03-16"), ("16/03/2021", "2021-03-16"), ("16.03.21", "2021-03-16"),
    ("2021-03-16", "2021-03-16"), ("March 16, 2021", "2021-03-16"), ("April 6th 2017", "2017-04-06"),
    ("received on 2 August\n 2018.", "2018-08-02"), ("Sent: Wednesday, June 7, 2023 3:22 PM", "2023-06-07"),
    ("by 05/07/2023.", "2023-07-05"), ("Our ref FOI12 2021-03-16", "2021-03-16"),
])
def test_dates_in_every_written_form(text, iso):
    assert [found for found, _ in find_dates(text)] == [iso]


@pytest.mark.parametrize("text", [
    "within 20 working days", "section 40(2)", "Tel: 0161 912 1941", "£1,043p/w", "16/03061/OUTMAJ", "2107/2018",
    "new rules apply from 6 April 207.", "SI 2004 No. 3244", "https://example.org/2021-03-16/file", "April 2017", "31/02/2021",
])
def test_not_dates(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("text, value", [
    ("Our ref: FOI/2021/0456", "FOI/2021/0456"), ("reference number 10400.", "10400"), ("(FOI\n10400)", "FOI 10400"),
    ("Reference – FOI / 874165", "FOI / 874165"), ("EIR-21-123 refers", "EIR-21-123"), ("case CAS-1234567-ABCDEF", "CAS-1234567-ABCDEF"),
    ("Internal review IR 2021/17", "IR 2021/17"), ("Our ref: 4567/21", "4567/21"), ("ICO case IC-123456-A1B2", "IC-123456-A1B2"),
    ("Freedom of Information request 4420/2023", "4420/2023"), ("Case number: 12345", "12345"),
    ("Information Request DMBCIR:11727", "DMBCIR:11727"), ("Your reference number is HPFOI2021/22-043", "HPFOI2021/22-043"),
])
def test_references(text, value):
    assert [v for _, v, _ in find_references(text)] == [value]


@pytest.mark.parametrize("text", ["[FOI #988249 email]", "Reference the Local Government Act 1999", "our preference 2023", "ref 12", "FOI/EIR all documents"])
def test_not_references(text):
    assert find_references(text) == []


@pytest.mark.parametrize("text, codes", [
    ("The information is exempt from disclosure under section 40(2) of the Freedom of Information Act 2000.", ["s40(2)"]),
    ("We are refusing your request under section 12(1) because it would exceed the cost limit.", ["s12(1)"]),
    ("This information is withheld under sections 40(2) and 43(2).", ["s40(2)", "s43(2)"]),
    ("We rely on Regulation 12(5)(e) EIR to withhold the figures.", ["reg12(5)(e)"]),
    ("The figures are withheld under s.43 (2) of the Act, and section 17 requires us to explain why.", ["s43(2)"]),
    ("Section 1 of the Act gives you the right to be told whether information is held.", []),
    ("Under section 16 we offer advice and assistance to help you narrow the request.", []),
    ("Section 61M of the Income Tax (Earnings and Pensions) Act 2003 applies to these workers.", []),
])
def test_exemptions_applied(text, codes):
    assert [e.code for e in find_exemptions([(1, text)])] == codes


@pytest.mark.parametrize("answer, kind, value", [
    ("No", "no", False), ("Yes. Anti-idling signs were installed.", "yes", True), ("239", "number", 239),
    ("£12,500", "number", 12500), ("14 (fourteen)", "number", 14), ("4.1%", "number", 4.1),
    ("Not held", "not_held", None), ("The Council does not hold this information.", "not_held", None),
    ("The information is exempt under section 40(2).", "exempt", None),
    ("We are refusing this part under section 12 as it would exceed the cost limit.", "refused", None),
    ("Please see the attached spreadsheet.", "in_attachment", None),
    ("The total was £5,917,342. A breakdown by band is given in the attached spreadsheet.", "text", None),
    ("The auditor's report of 28 February 2023 for 2022/23 is attached.", "in_attachment", None),
    ("Year Total 2023 £126,031; the contract value is withheld under section 43.", "partial", None),
    ("The council uses an external company for these reviews.", "text", None),
    ("£1.2m", "number", 1_200_000), ("£18k", "number", 18_000), ("-5", "number", -5), ("Nil", "number", 0),
    ("We are withholding this under Section 43(2).", "exempt", None),
    ("We are unable to provide this information, because we do not have it.", "not_held", None),
])
def test_answer_types(answer, kind, value):
    got_kind, got_value, _ = classify_answer(answer)
    assert (got_kind, got_value) == (kind, value)


@pytest.mark.parametrize("answer, unit", [("£12,500", "GBP"), ("4.1%", "%"), ("18.4 FTE", "FTE"), ("239", None)])
def test_answer_units(answer, unit):
    assert classify_answer(answer)[2] == unit


def test_an_exemption_cited_across_a_line_break_is_found_on_its_line():
    lines = [(99, "The information you have requested is exempt from disclosure under section"), (100, "40(2) of the Freedom of Information Act 2000.")]
    assert [(e.code, e.line) for e in find_exemptions(lines)] == [("s40(2)", 100)]


def test_sub_paragraphs_named_after_a_section_each_count():
    assert [e.code for e in find_exemptions([(1, "This is withheld under s.38(1)(a) and (b) of the Act.")])] == ["s38(1)(a)", "s38(1)(b)"]


def test_working_days_skip_weekends_and_any_uk_bank_holiday():
    # Received Wednesday 18 December 2024: day one is Thursday 19 December; Christmas, Boxing Day,
    # New Year's Day and 2 January (a Scottish bank holiday, so one in part of the UK) do not count.
    assert add_working_days(dt.date(2024, 12, 18), 20) == dt.date(2025, 1, 21)
    assert working_days_between(dt.date(2024, 12, 18), dt.date(2025, 1, 21)) == 20


def test_foisa_counts_scottish_bank_holidays_only():
    # Good Friday is a bank holiday everywhere; Easter Monday in England but not in Scotland.
    assert add_working_days(dt.date(2023, 4, 5), 3, scottish=True) == dt.date(2023, 4, 11)
    assert add_working_days(dt.date(2023, 4, 5), 3, scottish=False) == dt.date(2023, 4, 12)


CLARIFIED = """Trees
2
Jo Bloggs made this Freedom of Information request to Example Council
4
The request was successful.
6
Jo Bloggs
1 March 2023

Dear Example Council,
1. How many trees were felled?
2. How many were planted?
Yours faithfully,
Jo Bloggs

FOI Team, Example Council
3 March 2023

Dear Jo Bloggs,
Before we can answer, could you please clarify which years you mean?
Yours sincerely,
FOI Team

Jo Bloggs
10 March 2023

Dear Example Council,
I mean the financial year 2022/23.
Yours faithfully,
Jo Bloggs

FOI Team, Example Council
11 April 2023

Dear Jo Bloggs,
Please find our response below.
1. 120
2. 45
Yours sincerely,
FOI Team
""".replace("\n2\n", "\n\n").replace("\n4\n", "\n\n").replace("\n6\n", "\n\n")


def test_clarification_restarts_the_clock():
    thread = foiparse.parse(CLARIFIED)
    assert [m.kind for m in thread.messages] == ["request", "clarification_request", "clarification", "response"]
    deadlines = thread.deadlines
    assert deadlines["clock_start"] == "2023-03-10"
    # 20 working days after 10 March 2023: St Patrick's Day (17 March, Northern Ireland), Good Friday
    # and Easter Monday excluded.
    assert deadlines["due"] == "2023-04-12"
    assert deadlines["responded"] == "2023-04-11" and deadlines["working_days"] == 19 and deadlines["late"] is False
    assert [(q.number, q.answer_type, q.answer_value) for q in thread.questions] == [("1", "number", 120), ("2", "number", 45)]
    assert thread.outcome == "successful"


def test_bank_holidays_are_cached_and_a_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    from foiparse import bank_holidays

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    bank_holidays._table.cache_clear()
    bank_holidays.bank_holidays.cache_clear()
    stale, recent = tmp_path / "foiparse" / "uk-bank-holidays-1-2.json", tmp_path / "foiparse" / "uk-bank-holidays-3-4.json"
    stale.parent.mkdir()
    for other in (stale, recent):
        other.write_text("{}")  # written by other environments
    os.utime(stale, (0, 0))
    assert dt.date(2023, 5, 8) in bank_holidays.bank_holidays(False, 2023)  # the coronation bank holiday
    assert not stale.exists() and recent.exists(), "a cache unwritten for a month is removed, a recent one kept"
    recent.unlink()
    cached = list((tmp_path / "foiparse").glob("uk-bank-holidays-*.json"))
    assert len(cached) == 1
    cached[0].write_text("{not json")
    bank_holidays._table.cache_clear()
    bank_holidays.bank_holidays.cache_clear()
    assert dt.date(2023, 11, 30) in bank_holidays.bank_holidays(True, 2023)  # St Andrew's Day, Scotland
    assert dt.date(2023, 11, 30) not in bank_holidays.bank_holidays(True, 2022)
    bank_holidays._table.cache_clear()
    bank_holidays.bank_holidays.cache_clear()


def test_the_last_item_of_a_run_on_list_after_and():
    from foiparse.questions import choose_run, parse_items

    lines = ["In the case of Roads please supply a list of roads that", "i) have been fully resurfaced", "ii) have not been resurfaced at all", "and iii) have been only partially resurfaced."]
    items = choose_run(parse_items(list(enumerate(lines, start=10))))
    assert [(i.label, i.text) for i in items] == [("i", "have been fully resurfaced"), ("ii", "have not been resurfaced at all"), ("iii", "have been only partially resurfaced.")]


def test_sub_items_written_with_a_dot_or_in_brackets_join_their_number():
    from foiparse.questions import choose_run, parse_items

    lines = ["1. How many reports were received?", "2. About the repairs contract:", "2.a The name of the contractor.", "2.b The end date.",
             "3. About disrepair claims:", "3(i) The number of claims.", "3(ii) The amount paid."]
    items = choose_run(parse_items(list(enumerate(lines, start=10))))
    assert [i.label for i in items] == ["1", "2", "2a", "2b", "3", "3i", "3ii"]
    assert items[2].text == "The name of the contractor."


def test_a_licence_statement_after_the_last_answer_is_not_part_of_it():
    thread = foiparse.parse((FIXTURES / "b14-sub-items-dotted-letters.txt").read_text(encoding="utf-8"))
    last = thread.questions[-1]
    assert (last.number, last.answer) == ("3ii", "£1,126,500 (compensation £412,300; legal costs £714,200).")


BARE_HEADINGS_PAGE = """Trees felled in Birley

The request was successful.

Dear Sheffield City Council,

Please send me the inspection reports.

Yours faithfully,

Marcus Combie

FOI, Sheffield City Council

Re – Freedom of Information Request – Reference – FOI / 5

Dear Marcus Combie,

The reports are attached.

Yours sincerely,

Information Management Team

Sheffield City Council

Town Hall, Sheffield S1 2HH

Marcus Combie

Dear Sheffield City Council,

Thank you for the reports.
"""


def test_bare_headings_open_messages_but_a_signature_line_does_not():
    thread = foiparse.parse(BARE_HEADINGS_PAGE)
    assert [message.first for message in thread.messages] == [5, 13, 29]
    assert thread.requester == "Marcus Combie"
    assert [message.direction for message in thread.messages] == ["outgoing", "incoming", "outgoing"]


def test_a_file_that_is_no_letter_gets_no_outcome_but_a_warning():
    notes = foiparse.parse("Notes on the batch\n\nChase Leeds about FOI 10400 next week.\n")
    assert notes.outcome is None
    assert any("no letter found" in warning for warning in notes.warnings)
    request = foiparse.parse("Dear Leeds City Council,\n\nPlease send me the grit bin locations.\n\nYours faithfully,\n\nA Person\n")
    assert request.outcome == "waiting_response"
    assert not any("no letter found" in warning for warning in request.warnings)


def test_a_promised_reference_number_leaves_an_automatic_receipt_an_automatic_reply():
    text = (FIXTURES / "b8-auto-reply-ack-s12-refusal.txt").read_text(encoding="utf-8")
    promised = text.replace("acknowledgement giving you a reference number.", "reference number within 3 working days.")
    assert promised != text
    assert [m.kind for m in foiparse.parse(promised).messages][:3] == ["request", "auto_reply", "acknowledgement"]


@pytest.mark.parametrize("footer", [
    "This email and any files transmitted with it are confidential.",
    "Please consider the environment before printing this email.",
])
def test_an_authority_name_over_a_footer_is_a_signature_not_a_heading(footer):
    lines = (FIXTURES / "b8-royal-borough-numbered-nbsp.txt").read_text(encoding="utf-8").split("\n")
    assert lines[37] == "Royal Borough of Kingsbury and Ashdown"
    with_footer = "\n".join(lines[:38] + ["", footer] + lines[38:])
    assert len(foiparse.parse(with_footer).messages) == 3


def test_a_request_with_questions_but_an_unusual_greeting_still_waits_for_a_response():
    thread = foiparse.parse("Hi Sheffield City Council\n\nPlease could you tell me:\n\n1. How many parking tickets were issued in 2023?\n2. How much did they raise?\n\nThanks\nJo Bloggs\n")
    assert thread.outcome == "waiting_response"
    assert not any("no letter found" in warning for warning in thread.warnings)


@pytest.mark.parametrize("pattern, text", [
    (classify.REVIEW_OUTCOME, "having considered it afresh, i uphold the original decision."),
    (classify.REVIEW_OUTCOME, "the panel overturned the decision to withhold part 2."),
    (classify.EXTENSION, "we need an extension of the deadline to consider the public interest."),
    (classify.ANSWER_SIGNAL, "the council does not record this information."),
    (classify.ANSWER_SIGNAL, "the figures are publicly available on our website."),
    (classify.EXTENSION, "we are sorry that we have not yet been able to respond to your request."),
    (classify.EXTENSION, "i am sorry that we have not yet responded to your request."),
    (classify.CLARIFICATION_ASKED, "the housing team have asked me to clarify part 2 of your request."),
    (classify.CLARIFICATION_ASKED, "could you please tell us which of these you mean by enforcement actions?"),
])
def test_each_signal_is_found_through_its_guard_words(pattern, text):
    assert classify._signal(pattern, text)


@pytest.mark.parametrize("text, promised", [
    ("we aim to answer your request within 20 working days.", True),
    ("the trust will endeavour to provide a response within the required 20 working-day deadline.", True),
    ("this is an automated email acknowledgement from the council.", True),
    ("if you have any questions we will be happy to reply.", False),
    ("we did not respond within 20 working days, for which we apologise.", False),
])
def test_a_response_promised_is_one_still_to_come(text, promised):
    assert classify._signal(classify.RESPONSE_PROMISED, text) is promised


GENERAL_DELAY_NOTICE_THREAD = """Grit bins

A Person made this Freedom of Information request to Wexcombe Borough Council

The request was successful.

A Person
2 November 2020

Dear Wexcombe Borough Council,

1. How many grit bins does the council maintain?
2. How often are they refilled?

Yours faithfully,

A Person

Information Team, Wexcombe Borough Council
2 November 2020

Owing to the pandemic most of the Council's staff have been moved to support
vulnerable residents, so there will be a delay in responding to Freedom of
Information, Environmental Information and Subject Access requests. Please
bear with us, or consider withdrawing requests that are not urgent, and see
our website for updates which may already answer your questions. Thank you
for your patience and understanding at this difficult time for everyone.

Information Team, Wexcombe Borough Council
30 November 2020

Dear A Person,

1. How many grit bins does the council maintain?
We maintain 412 grit bins.
2. How often are they refilled?
After each period of snow.
"""


def test_a_notice_that_all_requests_are_delayed_is_an_automatic_reply_not_the_answer():
    thread = foiparse.parse(GENERAL_DELAY_NOTICE_THREAD)
    assert [m.kind for m in thread.messages] == ["request", "auto_reply", "response"]
    assert [q.answer for q in thread.questions] == ["We maintain 412 grit bins.", "After each period of snow."]
    given_a_reference = GENERAL_DELAY_NOTICE_THREAD.replace("Owing to", "Your reference number is FOI 4410. Owing to")
    assert foiparse.parse(given_a_reference).messages[1].kind != "auto_reply"


PARTS_THREAD = """Library staffing and budgets

Jo Bloggs made this Freedom of Information request to Wexcombe Borough Council

The request was successful.

Jo Bloggs
2 March 2024

Dear Wexcombe Borough Council,

Please provide the following information.

Part A – Staffing

1. How many librarians did the council employ on 1 April 2023?
2. How many library posts were vacant on that date?

Part B – Budgets

1. What was the library service's budget in 2023/24?
2. How much of it was spent on books?
3. How much was spent on computers?

Yours faithfully,

Jo Bloggs

Information Team, Wexcombe Borough Council
28 March 2024

Dear Jo Bloggs,

Part A – Staffing

1. How many librarians did the council employ on 1 April 2023?
42 (38.5 FTE).
2. How many library posts were vacant on that date?
Six.

Part B – Budgets

1. What was the library service's budget in 2023/24?
£3,120,000.
2. How much of it was spent on books?
£410,500.
3. How much was spent on computers?
£96,000.

Yours sincerely,

Information Team
"""


def test_a_request_in_lettered_parts_labels_each_parts_items_by_its_letter():
    thread = foiparse.parse(PARTS_THREAD)
    assert [(q.number, q.answer) for q in thread.questions] == [
        ("A1", "42 (38.5 FTE)."), ("A2", "Six."), ("B1", "£3,120,000."), ("B2", "£410,500."), ("B3", "£96,000."),
    ]
    assert not thread.warnings


@pytest.mark.parametrize("numbers", [["1", "2", "1", "2", "3"], ["1", "2", "3", "4", "5"]], ids=["afresh", "numbered-on"])
def test_answers_without_part_headings_go_to_the_parts_in_turn(numbers):
    request, response = PARTS_THREAD.split("Dear Jo Bloggs,")
    answers_only = "\n".join(line for line in response.split("\n") if not line.startswith("Part ") and not line.endswith("?"))
    for answer, label in zip(["42", "Six", "£3,120,000", "£410,500", "£96,000"], numbers):
        answers_only = answers_only.replace(f"\n{answer}", f"\n{label}. {answer}", 1)
    thread = foiparse.parse(request + "Dear Jo Bloggs," + answers_only)
    assert [(q.number, q.answer) for q in thread.questions] == [
        ("A1", "42 (38.5 FTE)."), ("A2", "Six."), ("B1", "£3,120,000."), ("B2", "£410,500."), ("B3", "£96,000."),
    ]


def test_one_part_heading_alone_leaves_the_list_labelled_as_written():
    thread = foiparse.parse(PARTS_THREAD.replace("Part B – Budgets", "Budgets"))
    assert [q.number for q in thread.questions] == ["1", "2", "3"]
    assert any("2 lists that each start at 1" in warning for warning in thread.warnings)


def test_a_planning_extension_is_no_extension_of_time():
    assert not classify._signal(classify.EXTENSION, "a copy of the assessment submitted in support of the extension application.")


def test_the_signal_reach_covers_every_signal_match_and_its_lookahead():
    lookahead_margin = 40
    reaches = {pattern: reach for pattern, (reach, _) in classify.GUARDS.items()}
    reaches.update({classify.MAILBOX_NOTICE: classify.NOTICE_REACH, classify.REQUEST_SPECIFIC: classify.NOTICE_REACH})
    for pattern, reach in reaches.items():
        assert re._parser.parse(pattern.pattern, pattern.flags).getwidth()[1] + lookahead_margin <= reach


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["please find attached", "we need more time to respond", "i uphold the original decision",
                                 "delay", "review", "the council ", "x" * 400, "\n", "acknowledge", "clarify your request",
                                 "hold", "reference number", "we are sorry for the delay and hope to respond by friday",
                                 "the information is now published", "our full response to your", "we will be in touch",
                                 "is being considered", "this mailbox is monitored", "your foi", "eir", "ref:",
                                 "sorry that we have not responded", "apologies", "we now aim to send you a full response", "by 22 march",
                                 "no later than", "."]), max_size=30))
def test_a_signal_searched_near_its_guard_words_is_found_as_in_the_whole_text(pieces):
    text = " ".join(pieces)
    for pattern in classify.GUARDS:
        assert classify._signal(pattern, text) == (pattern.search(text) is not None)
    at_words, whole = match_at_words(classify.LATE_WITH_NEW_DATE, text, classify.APOLOGY_WORDS), classify.LATE_WITH_NEW_DATE.search(text)
    assert (at_words and at_words.span()) == (whole and whole.span())
    for pattern, words in ((classify.MAILBOX_NOTICE, classify.MAILBOX_WORDS), (classify.REQUEST_SPECIFIC, classify.REQUEST_WORDS)):
        near, whole = search_near(pattern, text.upper(), words, classify.NOTICE_REACH, low=text), pattern.search(text.upper())
        assert (near and near.span()) == (whole and whole.span())


GUARDED_ANSWER_PATTERNS = [
    (answer_types.NOT_HELD, answer_types.NOT_HELD_WORDS),
    (answer_types.REFUSED, answer_types.REFUSED_WORDS),
    (answer_types.EXEMPT, answer_types.EXEMPT_WORDS),
]


def test_the_answer_reach_covers_every_guarded_answer_pattern():
    for pattern, _ in GUARDED_ANSWER_PATTERNS:
        assert re._parser.parse(pattern.pattern, pattern.flags).getwidth()[1] <= answer_types.ANSWER_REACH


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Not held.", "The council does not hold", "we don't hold", "does not have any", "no such records exist",
                                 "No recorded data is held", "not collated", "holds no information", "refused", "unable to supply",
                                 "the cost limit", "vexatious", "section 14", "s.12", "S 14", "exemption", "withheld", "exception",
                                 "regulation 12", "neither confirm nor deny", "23", "the figure is", "\n", "x" * 100]), max_size=20))
def test_an_answer_pattern_searched_near_its_words_is_found_as_in_the_whole_answer(pieces):
    text = " ".join(pieces)
    for pattern, words in GUARDED_ANSWER_PATTERNS:
        near, whole = search_near(pattern, text, words, answer_types.ANSWER_REACH, low=text.lower()), pattern.search(text)
        assert (near and near.span()) == (whole and whole.span())


@pytest.mark.parametrize("pattern, reach", [
    (exemptions.SCOTTISH, assess.SCOTTISH_REACH),
    (exemptions.ENVIRONMENTAL, deadlines.ENVIRONMENTAL_REACH),
])
def test_the_reach_around_an_acts_name_covers_its_longest_naming(pattern, reach):
    assert re._parser.parse(pattern.pattern, pattern.flags).getwidth()[1] + 1 <= reach


THEMED_RESPONSE = (FIXTURES / "b13-response-by-theme-not-number.txt").read_text(encoding="utf-8")


def test_a_response_under_theme_headings_is_paired_by_the_headings_words():
    thread = foiparse.parse(THEMED_RESPONSE)
    starts = {q.number: q.answer.split(".")[0] for q in thread.questions}
    assert starts == {
        "1": "In 2023/24 the council felled 418 trees on the highway and in parks and open spaces",
        "2": "The council planted 1,036 trees in the 2023/24 planting season",
        "3": "We are refusing this part of your request under regulation 12(4)(b) of the EIR, because it is manifestly unreasonable",
        "4": "The council's tree works are carried out by Greenline Arboriculture Ltd under a contract that runs from 1 April 2022 to 31 March 2026",
    }
    assert "Regulation 12(4)(b) is subject to the public interest test" in thread.questions[2].answer
    assert "right to request a review" not in thread.questions[2].answer
    assert any("by the words of their headings" in warning for warning in thread.warnings)


def test_headings_that_share_no_words_with_the_questions_pair_nothing():
    unrelated = THEMED_RESPONSE
    for heading, other in [("Number of trees felled", "Summary"), ("Replacement planting", "Further details"),
                           ("Tree works contract", "Supplier"), ("Correspondence about street tree felling", "Refusal")]:
        unrelated = unrelated.replace(f"\n{heading}\n", f"\n{other}\n", 1)
    thread = foiparse.parse(unrelated)
    assert not any("by the words of their headings" in warning for warning in thread.warnings)
    assert len({q.answer for q in thread.questions}) == 1  # the one prose answer for all, as before


def test_a_pointer_to_a_roman_numbered_answer_takes_that_answer():
    thread = foiparse.parse((FIXTURES / "b13-roman-numerals-and-ack-auto.txt").read_text(encoding="utf-8"))
    by_number = {q.number: q for q in thread.questions}
    assert by_number["v"].answer == by_number["ii"].answer
    assert (by_number["v"].answer_first, by_number["v"].answer_last) == (by_number["ii"].answer_first, by_number["ii"].answer_last)


def test_an_item_answered_by_see_the_attached_report_has_no_answer_in_the_text():
    thread = foiparse.parse((FIXTURES / "b13-late-response-after-ico-decision.txt").read_text(encoding="utf-8"))
    assert [q.answer is None for q in thread.questions] == [False, False, True]


def test_questions_repeated_without_their_numbers_are_paired_by_their_words():
    thread = foiparse.parse((FIXTURES / "b14-you-asked-our-response.txt").read_text(encoding="utf-8"))
    answers = [q.answer for q in thread.questions]
    assert answers[0].startswith("The council had 214 approved school crossing patrol sites")
    assert answers[1].endswith("Signal-controlled crossing installed at the site – 2")
    assert answers[2] == "We do not hold this information."
    assert answers[3].startswith("Financial year") and "Under section 16" not in answers[3]
    assert any("the questions the response repeats" in warning for warning in thread.warnings)


def test_questions_quoted_together_above_a_prose_reply_are_not_paired_one_by_one():
    text = (FIXTURES / "b14-you-asked-our-response.txt").read_text(encoding="utf-8")
    head, body = text.split("Please see the council's response to each part of your request below.\n", 1)
    asked = [line for line in body.split("\n\n")[0:4]]
    questions_only = "\n".join(block.split("Our response:")[0].strip() for block in asked)
    prose = "The council had 214 sites, closed 11, holds no collision records and spent about £1.5m a year."
    thread = foiparse.parse(head + "You asked:\n" + questions_only + "\n\n" + prose + "\n\nYours sincerely\n\nInformation Rights Team\n")
    assert not any("the questions the response repeats" in warning for warning in thread.warnings)


def test_items_numbered_inside_a_sentence_that_asks_for_them_are_the_questions():
    thread = foiparse.parse((FIXTURES / "b14-inline-enumeration-in-prose.txt").read_text(encoding="utf-8"))
    assert [(q.number, q.text.split()[:3], q.first) for q in thread.questions] == [
        ("1", ["how", "many", "public"], 12), ("2", ["how", "much", "the"], 12), ("3", ["whether", "the", "council"], 12),
    ]
    assert thread.questions[1].text.endswith("other government grants)")  # no joining "and"
    assert thread.questions[2].text.endswith("what that target is.")
    assert thread.questions[0].answer.startswith("On 31 March 2023 the council owned or operated 64")


@pytest.mark.parametrize("sentence", [
    "The guidance says what directors (a) could and should and (b) must do in such cases.",
    "I refer to section 40(2) and regulation 12(4)(b) of the regulations (1) as amended.",
])
def test_a_sentence_in_parts_is_not_a_list_of_questions(sentence):
    thread = foiparse.parse(f"Dear Leeds City Council,\n\n{sentence}\n\nYours faithfully,\n\nA Person\n")
    assert thread.questions == []


def test_answers_written_under_each_quoted_question_go_to_that_question():
    thread = foiparse.parse((FIXTURES / "b14-interleaved-quoted-answers.txt").read_text(encoding="utf-8"))
    assert [q.answer.split("\n")[0] for q in thread.questions] == [
        "2021/22 – 318",
        "163 cases were open on 1 January 2024. 41 of these had been open for more than twelve months.",
        "Enforcement notices – 9",
        "3.6 FTE: one Principal Enforcement Officer, two Enforcement Officers and one Enforcement Assistant who works three days a week.",
        "Yes. The Local Enforcement Plan is published on the council's website on the Planning Enforcement page. It was last reviewed and adopted by the Planning Committee on 22 June 2022, and the next review is due in 2025.",
    ]
    assert (thread.questions[0].answer_first, thread.questions[0].answer_last) == (53, 55)


def test_an_answer_that_restates_the_question_in_its_own_sentence_keeps_it():
    thread = foiparse.parse((FIXTURES / "b15-welsh-body-english-only-with-reference-in-subject.txt").read_text(encoding="utf-8"))
    assert thread.questions[2].answer.startswith("The longest single handover delay in 2023 was 22 hours and 41 minutes")


def test_a_letter_that_numbers_its_paragraphs_is_answered_where_it_names_each_part():
    thread = foiparse.parse((FIXTURES / "b15-letter-with-numbered-paragraphs.txt").read_text(encoding="utf-8"))
    assert [m.kind for m in thread.messages] == ["request", "acknowledgement", "response"]
    answers = {q.number: q.answer for q in thread.questions}
    assert answers["a"].startswith("the Department awarded a total of £18,450,000")
    assert answers["b"].startswith("the Department received 214 applications")
    assert answers["c"].endswith("would breach the first data protection principle.")  # not the copyright and review paragraphs
    roles = {number: role for number, _, role in thread.messages[2].lines}
    assert roles[79] == roles[83] == "boilerplate"  # "6. The information supplied to you is Crown copyright", "7. If you are unhappy"


def test_replies_after_a_renumbered_clarification_answer_the_new_numbers():
    thread = foiparse.parse((FIXTURES / "b15-clarified-request-renumbered.txt").read_text(encoding="utf-8"))
    answers = {q.number: q.answer for q in thread.questions}
    assert answers["1"] == "There were 1,146 licensed HMOs in the borough on 1 April 2024."
    assert answers["2"] is None  # dropped in the clarification
    assert answers["3"].startswith("2021/22 - 212 programmed, 87 complaint-led")
    assert answers["4"].startswith("2019/20 - 4 penalties, £17,500")
    assert any("its item 2 is question 3, its item 3 is question 4" in warning for warning in thread.warnings)


@pytest.mark.parametrize("pattern, text", [
    (classify.EXTENSION, "we will send you a response as soon as possible, and in any event within 20 working days."),
    (classify.EXTENSION, "3. the finance team have not yet been able to complete the costing for this part."),
    (classify.CLARIFICATION_ASKED, "it was not clear what you mean by 'blocked', so we have counted gullies that needed jetting."),
    (classify.CLARIFICATION_ASKED, "to clarify point 2, the figure includes gullies blocked more than once."),
])
def test_a_response_that_uses_those_words_otherwise_keeps_its_kind(pattern, text):
    assert not classify._signal(pattern, text)


@pytest.mark.parametrize("text", [
    "Under section 20 of the Freedom of Information (Scotland) Act 2002 I require the Council to review its decision.",
    "Please treat this email as a requirement for review.",
])
def test_a_scottish_requirement_for_review_is_a_review_request(text):
    assert classify.REVIEW_REQUEST.search(text)


@pytest.mark.parametrize("text", [
    "Thank you, I am happy with it and do not require the council to review the decision.",
    "Is there a statutory requirement for a review of the cleansing schedule?",
])
def test_other_requirements_to_review_are_no_review_request(text):
    assert not classify.REVIEW_REQUEST.search(text)


def test_an_answer_that_restates_its_question_word_for_word_in_a_sentence_keeps_it():
    thread = foiparse.parse((FIXTURES / "b16-response-from-individual-officer-name-only-heading.txt").read_text(encoding="utf-8"))
    assert thread.questions[2].answer == "The total value of DFGs paid in 2022/23 was £1,612,480."


@pytest.mark.parametrize("text, expected", [
    ("The road will be closed 8–12 April 2024.", ["2024-04-08", "2024-04-12"]),
    ("The office is shut from 3 to 5 May 2023.", ["2023-05-03", "2023-05-05"]),
    ("The road will be closed 10-12 April 2024.", ["2024-04-10", "2024-04-12"]),
    ("See FOI-12 April 2024 and x-12 April 2024.", []),
    ("See questions 1 and 2 April 2023 figures.", ["2023-04-02"]),
    ("See Part 2 – 12 April 2024 for the dates.", ["2024-04-12"]),
    ("Between 3.30 and 12 April 2024", ["2024-04-12"]),
])
def test_the_first_day_of_a_range_written_once_is_a_date(text, expected):
    assert sorted(iso for iso, _ in find_dates(text)) == expected


def test_a_signature_with_a_role_after_the_name_gives_the_requester():
    thread = foiparse.parse("Dear Kirkmoor Council,\n\n1) How many trees?\n2) How many planted?\n\nYours faithfully,\n\n"
                            "Dr R. J. Penhaligon, Chair, Friends of Holloway Park\n")
    assert thread.requester == "Dr R. J. Penhaligon"


def test_a_later_reply_may_answer_the_one_part_left_by_its_number():
    thread = foiparse.parse((FIXTURES / "b20-multiple-authority-teams.txt").read_text(encoding="utf-8"))
    assert [(q.number, q.answered_in) for q in thread.questions] == [("1", 2), ("2", 2), ("3", 3)]
    assert thread.questions[2].answer == "17."


@pytest.mark.parametrize("line, expected", [
    ("Question one: How much income?", ("1", "num", "How much income?")),
    ("Answer two: 6,412 notices.", ("2", "num", "6,412 notices.")),
    ("[1] How many applications?", ("1", "num", "How many applications?")),
    ("[2]", ("2", "num", "")),
    ("(II) the average time", ("II", "letter", "the average time")),
    ("1/3 How many penalty charge notices", ("1", "num", "How many penalty charge notices")),
    ("B – 11. Part-night lighting", ("B", "letter", "11. Part-night lighting")),
    ("[1]https://www.example.gov.uk/policy", None),
    ("1/3 of the budget went on repairs", None),
    ("A1 - White British 121", None),
    ("iv.) Whether the contract includes targets", ("iv", "letter", "Whether the contract includes targets")),
    ("2.) The number of notices", ("2", "num", "The number of notices")),
    ("2.)", ("2", "num", "")),
])
def test_more_ways_of_numbering_an_item(line, expected):
    from foiparse.questions import match_item

    assert match_item(line) == expected
