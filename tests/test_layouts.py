"""Answer layouts read where the numbers fail, and the replies each must leave alone.

Each case is a short thread: a request with numbered items and one reply. The
cases that must not pair come from a review of the fallbacks: realistic replies
on which a looser rule gave a wrong answer where reading the prose was safer.
"""
from __future__ import annotations

import pytest

import foiparse
from foiparse import classify


OPENING = "Thank you for your request for information. Our response is set out below.\n\n"


def page(items: list[str], reply: str, *, between: str = "", opening: str = OPENING) -> str:
    """A WhatDoTheyKnow page: a request numbering the items, anything between, and the council's reply."""
    numbered = "\n".join(f"{k}. {item}" for k, item in enumerate(items, start=1))
    return (
        "Council data\n\nSam Carter made this Freedom of Information request to Ashby Borough Council\n\n"
        "The request was successful.\n\nSam Carter\n3 June 2024\n\nDear Ashby Borough Council,\n\n"
        f"Please provide the following information:\n\n{numbered}\n\nYours faithfully,\n\nSam Carter\n\n{between}"
        f"Information Governance, Ashby Borough Council\n28 June 2024\n\nDear Mr Carter\n\n"
        f"{opening}{reply}\n\n"
        "If you are unhappy with this response you may ask for an internal review.\n\nYours sincerely\n\nPriya Nand\n"
    )


def answers(text: str) -> list[str | None]:
    return [question.answer for question in foiparse.parse(text).questions]


def test_an_apology_for_this_requests_delay_is_no_notice_to_all_requesters():
    thread = foiparse.parse(page(
        ["The amount spent on consultants in 2023.", "The names of the firms used."],
        "Please accept my apologies for the delay in dealing with your request. We have had a very high number of "
        "requests this year.\n\n1. The council spent £212,400.\n2. Grant Thornton and Local Partnerships.", opening="",
    ))
    assert thread.messages[1].kind == "response"
    assert [q.answer for q in thread.questions] == ["The council spent £212,400.", "Grant Thornton and Local Partnerships."]


def test_numbered_replies_to_the_authoritys_questions_are_no_revised_list():
    clarification = (
        "Information Governance, Ashby Borough Council\n10 June 2024\n\nDear Mr Carter\n\nBefore we can deal with your "
        "request, please clarify:\n1. Do you mean calendar or financial years?\n2. Would a yearly total of penalties do?\n\n"
        "Kind regards\n\nInformation Governance\n\n"
        "Sam Carter\n11 June 2024\n\nDear Information Governance,\n\n1. Financial years for the HMO inspections, please.\n"
        "2. Yes, a yearly total of the civil penalty amounts is fine.\n\nYours sincerely,\n\nSam Carter\n\n"
    )
    text = page(
        ["The number of licensed HMOs.", "The number of HMO inspections each year.", "The civil penalties issued each year.", "The number of banning orders."],
        "1. 612.\n2. 88 a year on average.\n3. Two a year.\n4. One, in 2022.", between=clarification,
    )
    assert answers(text) == ["612.", "88 a year on average.", "Two a year.", "One, in 2022."]


def test_an_answer_that_opens_with_another_questions_words_is_not_taken_for_it():
    text = page(
        ["The number of penalty charge notices issued by the council's officers.", "The number of penalty charge notices cancelled after a challenge."],
        "You asked: The number of penalty charge notices issued by the council's officers.\n"
        "The number of penalty charge notices issued in 2023 was 14,212.\n\n"
        "You asked: The number of penalty charge notices cancelled after a challenge.\n1,022 were cancelled.",
    )
    assert answers(text) == ["The number of penalty charge notices issued in 2023 was 14,212.", "1,022 were cancelled."]


def test_letter_headings_that_share_one_word_with_a_question_pair_nothing():
    reply = ("Your request\n\nYou asked for the number of requests and how long we took to respond.\n\nOur response\n\n"
             "We received 1,214 requests and took 24 days on average to respond.\n\nNext steps\n\nNone needed.")
    thread = foiparse.parse(page(["The number of subject access requests received.", "The average time taken to respond."], reply))
    assert not any("headings" in warning for warning in thread.warnings)
    assert all("1,214" in q.answer for q in thread.questions)


def test_a_one_word_answer_under_a_heading_is_the_answer_not_a_heading():
    reply = ("Staff in planning\n\n23\n\nPlanning budget\n\n£1,240,000\n\nAppeals lost\n\nNone")
    text = page(["The number of staff in the planning department.", "The planning department's budget.", "The number of planning appeals lost."], reply)
    assert answers(text) == ["23", "£1,240,000", "None"]


def test_section_16_advice_in_a_numbered_answer_is_that_answer():
    reply = ("1. 2,914 incidents.\n2. 37 notices.\n3. Under section 16 of the Act, we can advise that locating these emails\n"
             "would exceed the cost limit.\n\n4. £418,000.")
    text = page(["Incidents reported.", "Notices issued.", "Copies of the emails.", "The clearance budget."], reply)
    assert answers(text)[2:] == ["Under section 16 of the Act, we can advise that locating these emails would exceed the cost limit.", "£418,000."]


def test_a_pointer_to_an_attachment_followed_by_a_summary_keeps_the_summary():
    reply = "1. Please see the attached spreadsheet.\n\nIn summary, 8,114 potholes were reported in 2023.\n\n2. 412 claims."
    assert answers(page(["Potholes reported.", "Claims received."], reply))[0] == "Please see the attached spreadsheet.\nIn summary, 8,114 potholes were reported in 2023."


@pytest.mark.parametrize("repeated", [
    "How many full-time staff work in the finance department?",  # the request's words
    "How many staff work in the finance department?",  # one word left out
])
def test_a_repeated_question_with_its_answer_after_the_question_mark(repeated):
    reply = f"1. {repeated} 41\n2. How many agency staff were used? 6"
    assert answers(page(["How many full-time staff work in the finance department?", "How many agency staff were used?"], reply)) == ["41", "6"]


def test_answers_under_quoted_items_in_a_reply_read_as_nothing_in_particular():
    reply = "> 1. Incidents reported.\n\n2,914\n\n> 2. Notices issued.\n\n37"
    thread = foiparse.parse(page(["Incidents reported.", "Notices issued."], reply, opening=""))
    assert [q.answer for q in thread.questions] == ["2,914", "37"]
    assert thread.messages[1].kind == "response"


@pytest.mark.parametrize("sentence, expected", [
    ("Please could you tell me (1) how many libraries the council runs, broken down by (a) those run by staff and "
     "(b) those run by volunteers; and (2) the total library budget for 2023/24.",
     [("1", "how many libraries the council runs, broken down by (a) those run by staff and (b) those run by volunteers"),
      ("2", "the total library budget for 2023/24.")]),
    ("Please provide the number of employees who (a) are on fixed-term contracts and (b) have been employed for more than two years.", []),
    ("Please could you tell me (1) (2) how many libraries there are.", []),
])
def test_items_numbered_inside_a_sentence(sentence, expected):
    thread = foiparse.parse(f"Dear Ashby Borough Council,\n\n{sentence}\n\nYours faithfully,\n\nSam Carter\n")
    assert [(q.number, q.text) for q in thread.questions] == expected


def test_questions_in_bold_marks_from_an_html_mail_are_labels():
    reply = ("*1. How many nurses?*\n\nThe Trust had 212.\n\n*2. What was spent on\nagency staff?*\n\n* 2021/22: £9,412,806\n"
             "* 2022/23: £11,073,590\n\n**Question 3**\n*Which agencies?*\n\nThornbury Healthcare Staffing Ltd supplied 4,118 shifts.")
    text = page(["How many nurses?", "What was spent on agency staff?", "Which agencies?"], reply)
    assert answers(text) == ["The Trust had 212.", "2021/22: £9,412,806\n2022/23: £11,073,590", "Thornbury Healthcare Staffing Ltd supplied 4,118 shifts."]


def test_answers_numbered_where_the_request_lettered_its_items_are_taken_in_order():
    text = page(["x"], "1. 47 minutes.\n\n2. 1,218 incidents.\n\n3. No plans.").replace("1. x", "(a) The mean response time.\n(b) The number of incidents.\n(c) Any plans for a new station.")
    thread = foiparse.parse(text)
    assert [(q.number, q.answer) for q in thread.questions] == [("a", "47 minutes."), ("b", "1,218 incidents."), ("c", "No plans.")]
    assert any("paired by order" in warning for warning in thread.warnings)


def test_a_reply_that_numbers_more_answers_than_were_asked_is_not_taken_in_order():
    text = page(["x"], "1. 47 minutes.\n\n2. 1,218 incidents.\n\n3. No plans.\n\n4. A further point.").replace("1. x", "(a) The mean response time.\n(b) The number of incidents.\n(c) Any plans for a new station.")
    assert not any("paired by order" in warning for warning in foiparse.parse(text).warnings)


@pytest.mark.parametrize("reply, expected", [
    ("Questions 1 to 3\n\nThe cost of finding this would exceed the limit.\n\n4) 12 pursuits.",
     ["The cost of finding this would exceed the limit."] * 3 + ["12 pursuits."]),
    ("Response to question 1: 14 routes.\n\nResponse to question 2: £1.2m.\n\nResponse to question 3: 6.\n\nResponse to question 4: Information not held.",
     ["14 routes.", "£1.2m.", "6.", "Information not held."]),
    ("Q1: 38 cases.\n\nQ2 - No.\n\nQ3) N/A – see Q2\n\n#4 £61,340.", ["38 cases.", "No.", "No.", "£61,340."]),
])
def test_other_ways_of_labelling_answers(reply, expected):
    assert answers(page(["One?", "Two?", "Three?", "Four?"], reply)) == expected


def test_a_parent_question_repeated_with_its_sub_items_run_in_is_walked_off():
    reply = ("1. The total allocated in each year.\n\n£30 million.\n\n2. For each of those years: (i) the number of councils funded; "
             "and (ii) the largest single allocation.\n\nYear   Councils   Largest\n2018/19   83   £1,210,000")
    text = page(["The total allocated in each year.", "For each of those years:"], reply).replace(
        "2. For each of those years:\n", "2. For each of those years:\ni. the number of councils funded; and\nii. the largest single allocation.\n")
    thread = foiparse.parse(text)
    assert [(q.number, q.answer) for q in thread.questions] == [
        ("1", "£30 million."), ("2", "Year Councils Largest\n2018/19 83 £1,210,000"), ("2i", None), ("2ii", None),
    ]


def test_word_style_o_bullets_under_an_item_keep_their_figures():
    text = page(["x"], "1. The number of faults in each year:\no     2021/22 – 14,206\no     2022/23 – 12,874\n\n2. Nine days.").replace(
        "1. x", "1. The number of faults in each year:\no     2021/22\no     2022/23\n2. The average repair time.")
    assert answers(text) == ["2021/22 – 14,206\n2022/23 – 12,874", "Nine days."]


def test_a_refusal_notice_heading_after_the_last_answer_belongs_to_no_answer():
    reply = "1. 12 drones.\n\n2. No information held.\n\nSection 17 – Refusal notice\n\nSection 17 of the Act requires us to explain our refusal."
    assert answers(page(["Drones owned.", "Drone incidents."], reply)) == ["12 drones.", "No information held."]


def test_a_corrected_reference_replaces_the_one_first_given():
    correction = ("Information Governance, Ashby Borough Council\n11 June 2024\n\nDear Mr Carter\n\nYour request has been given the "
                  "reference ABC-FOI-24-0917.\n\nInformation Governance\n\n"
                  "Information Governance, Ashby Borough Council\n11 June 2024\n\nDear Mr Carter\n\nFurther to our email earlier today, "
                  "please note the correct reference for\nyour request is ABC-FOI-24-0971, not ABC-FOI-24-0917.\n\nInformation Governance\n\n")
    thread = foiparse.parse(page(["Drones owned.", "Drone incidents."], "1. 12.\n2. 3.", between=correction))
    assert thread.reference == "ABC-FOI-24-0971"


def test_the_request_an_internal_review_is_of_gives_the_reference():
    review = ("Sam Carter\n1 July 2024\n\nDear Ashby Borough Council,\n\nPlease pass this on to the person who conducts Freedom of "
              "Information reviews.\n\nYours faithfully,\n\nSam Carter\n\n"
              "Information Governance, Ashby Borough Council\n2 July 2024\n\nDear Mr Carter\n\nThank you for your request for an "
              "internal review of FOI / 431196, which we will complete by 30 July 2024.\n\nInformation Governance\n\n")
    text = page(["Drones owned.", "Drone incidents."], "1. 12.\n2. 3.") + "\n" + review
    assert foiparse.parse(text).reference == "FOI / 431196"


@pytest.mark.parametrize("reply", [
    "The time needed to comply with your request is 160 hours, so we refuse it under section 12.",
    "We are unable to quote 2024/25 rates until the budget is set.",
    "The contractor's quote 4471 was accepted.",
])
def test_numbers_after_request_is_or_quote_are_no_reference(reply):
    thread = foiparse.parse(page(["Drones owned.", "Drone incidents."], reply))
    assert thread.reference is None


def test_an_incorrect_reference_is_no_correction():
    note = ("Information Governance, Ashby Borough Council\n11 June 2024\n\nDear Mr Carter\n\nYour request has been given the "
            "reference FOI-24-0917.\n\nInformation Governance\n\n"
            "Information Governance, Ashby Borough Council\n12 June 2024\n\nDear Mr Carter\n\nYour email gave an incorrect "
            "reference (FOI-24-0999) for another request of yours.\n\nInformation Governance\n\n")
    assert foiparse.parse(page(["Drones owned.", "Drone incidents."], "1. 12.\n2. 3.", between=note)).reference == "FOI-24-0917"


def test_a_corrected_review_reference_alone_leaves_no_reference():
    reply = "Apologies, the correct reference for your review is IR 2024/45.\n\n1. 12.\n2. 3."
    assert foiparse.parse(page(["Drones owned.", "Drone incidents."], reply)).reference is None


@pytest.mark.parametrize("reply", [
    "We refuse your request under section 12 of the Act because:\n(a) the records are on paper;\n(b) each of the 68,000 gullies "
    "has its own sheet;\n(c) we estimate it would take 160 hours.",
    "Please find attached the spreadsheet. Please note:\n1. It covers every gully.\n2. Costs exclude VAT.\n3. Blocked gullies were cleared on the same visit.",
])
def test_reasons_or_notes_numbered_like_the_questions_are_not_answers_in_order(reply):
    text = page(["x"], reply).replace("1. x", "(a) Gullies cleansed.\n(b) Gullies found blocked.\n(c) The cost of cleansing." if reply.startswith("Please") else
                                      "1. Gullies cleansed.\n2. Gullies found blocked.\n3. The cost of cleansing.")
    thread = foiparse.parse(text)
    assert not any("paired by order" in warning for warning in thread.warnings)


def test_a_chaser_listing_the_outstanding_items_afresh_leaves_the_first_numbers():
    chaser = ("Sam Carter\n1 July 2024\n\nDear Ashby Borough Council,\n\nThank you. Here are the two outstanding answers on my "
              "updated list:\n1. The cost of cleansing.\n2. The contractor's name.\n\nYours faithfully,\n\nSam Carter\n\n"
              "Information Governance, Ashby Borough Council\n9 July 2024\n\nDear Mr Carter\n\nThank you for your request for "
              "information. Our response is set out below.\n\n3. £412,000.\n4. Rendall Highways Ltd.\n\nInformation Governance\n")
    text = page(["Gullies cleansed.", "Gullies found blocked.", "The cost of cleansing.", "The contractor's name."],
                "1. 12,400.\n2. 1,918.\n3. To follow.\n4. To follow.") + "\n" + chaser
    assert answers(text) == ["12,400.", "1,918.", "£412,000.", "Rendall Highways Ltd."]


def test_a_repeated_question_then_a_short_answer_in_lower_case():
    reply = "1. The number of gullies cleansed in 2023 approximately 12,400\n2. The number of gullies found blocked in 2023 not recorded"
    assert answers(page(["The number of gullies cleansed in 2023", "The number of gullies found blocked in 2023"], reply)) == ["approximately 12,400", "not recorded"]


def test_a_browser_copy_that_doubles_headings_and_takes_in_the_sidebar():
    sidebar = ("Things to do with this request\nAnyone:\nFollow this request\nShare on Twitter\nSam Carter only:\n"
               "Update the status of this request\nOffensive? Unsuitable? Let us know.\n")
    text = page(["Drones owned.", "Drone incidents."], "1. 12 drones.\n\n2. Three incidents.")
    text = text.replace("Council data\n", "Council data\nCouncil data\n", 1).replace("Sam Carter\n3 June 2024", "Sam Carter\nSam Carter\n3 June 2024", 1)
    text = text.replace("2. Drone incidents.", sidebar + "2. Drone incidents.", 1)
    thread = foiparse.parse(text)
    assert (thread.title, thread.requester, thread.status_code) == ("Council data", "Sam Carter", "successful")
    assert [(m.first, m.date, m.kind) for m in thread.messages] == [(8, "2024-06-03", "request"), (30, "2024-06-28", "response")]
    assert [(q.number, q.text, q.answer) for q in thread.questions] == [("1", "Drones owned.", "12 drones."), ("2", "Drone incidents.", "Three incidents.")]


def test_sub_item_answers_written_with_a_space_before_the_letter():
    text = page(["x"], "1. 12.\n\n2 a) 131 upheld\n2 b) 61 not upheld").replace("1. x", "1. Cases.\n2. Of those:\na) how many upheld;\nb) how many not.")
    assert answers(text) == ["12.", None, "131 upheld", "61 not upheld"]


@pytest.mark.parametrize("reply, expected", [
    ("1. Please see the attached spreadsheet, which lists each school with its pupils.\n\n2. 4.6 FTE.", [None, "4.6 FTE."]),
    ("1. 12 drones.\n\n2. This information is available on our website at\n[1]https://example.gov.uk/drones\n\n"
     "You may re-use the information we have provided under the Open Government Licence.",
     ["12 drones.", "This information is available on our website at\n[1]https://example.gov.uk/drones"]),
])
def test_attachment_pointers_and_re_use_notes(reply, expected):
    assert answers(page(["Drones owned.", "Drone incidents."], reply)) == expected


def test_a_promise_to_clarify_if_needed_is_no_clarification_request():
    assert not classify._signal(classify.CLARIFICATION_ASKED, "if we need to clarify any part of your request, we will contact you.")


def test_a_subject_line_with_a_spaced_dash_labels_the_reference():
    thread = foiparse.parse(page(["Drones owned.", "Drone incidents."], "Freedom of Information Request – NCC/FOI/23/2291\n\n1. 12.\n2. 3."))
    assert thread.reference == "NCC/FOI/23/2291"


def test_prose_answers_for_two_points_at_once_and_numbers_alone_on_their_lines():
    text = page(["x"], "With regards to points 1 and 2, we hold 412 and 97 cases.\n\nWith regards to point 3, none.").replace(
        "1. x", "1.\nThe number of cases opened.\n\n2.\nThe number closed.\n\n3.\nThe number appealed.")
    thread = foiparse.parse(text)
    assert [(q.number, q.text) for q in thread.questions] == [("1", "The number of cases opened."), ("2", "The number closed."), ("3", "The number appealed.")]
    assert [q.answer for q in thread.questions] == ["we hold 412 and 97 cases.", "we hold 412 and 97 cases.", "none."]


@pytest.mark.parametrize("reply, expected", [
    ("1. Please see the attached spreadsheet, which shows that none of the car parks issued fines.\n\n2. 3 incidents.",
     ["Please see the attached spreadsheet, which shows that none of the car parks issued fines.", "3 incidents."]),
    ("1. 12 drones.\n\n2. You may re-use the information in our published datasets under the Open Government Licence.",
     ["12 drones.", "You may re-use the information in our published datasets under the Open Government Licence."]),
    ("Regarding questions 1 and 2, the council does not hold this information.",
     ["the council does not hold this information."] * 2),
])
def test_replies_the_third_review_built(reply, expected):
    assert answers(page(["Drones owned.", "Drone incidents."], reply)) == expected


@pytest.mark.parametrize("request_text, numbers", [
    ("I – as a resident of the borough – would like to know:\n1. Drones owned.\n2. Drone incidents.", ["1", "2"]),
    ("1. The number of pupils achieving grades\nA - C, or 4 - 9 under the new scale.\n2. Drone incidents.", ["1", "2"]),
])
def test_a_letter_and_a_dash_in_prose_is_no_item(request_text, numbers):
    text = page(["x"], "1. 12.\n2. 3.").replace("Please provide the following information:\n\n1. x", request_text)
    assert [q.number for q in foiparse.parse(text).questions] == numbers


def test_numbered_links_below_the_answers_are_no_items():
    reply = "1. 12 drones.\n\n2. 3 incidents.\n\n[1] https://www.example.gov.uk/drones\n[2] https://www.example.gov.uk/incidents"
    given = answers(page(["Drones owned.", "Drone incidents."], reply))
    assert given[0] == "12 drones." and given[1].startswith("3 incidents.")


def test_a_subject_after_a_dash_is_no_reference():
    reply = "Freedom of Information Request - 2023/24 parking fines\n\nOur reference is FOI-24-0657.\n\n1. 12.\n2. 3."
    assert foiparse.parse(page(["Drones owned.", "Drone incidents."], reply)).reference == "FOI-24-0657"


def test_a_line_ending_only_keeps_its_words_unless_it_names_someone():
    reply = "1. 12 drones.\n\n2. For pay and display only:\n3 incidents."
    assert answers(page(["Drones owned.", "Drone incidents."], reply))[1] == "For pay and display only:\n3 incidents."


ITEMS_SHARED = ["Drones owned by the council.", "Drone flights made in 2023.", "Drone incidents reported."]


def test_one_answer_under_a_run_of_repeated_items_is_each_ones():
    reply = ("1. Drones owned by the council.\n2. Drone flights made in 2023.\n"
             "The council owns 4 drones, which made 212 flights in 2023.\n3. Drone incidents reported.\nNone.")
    assert answers(page(ITEMS_SHARED, reply)) == ["The council owns 4 drones, which made 212 flights in 2023."] * 2 + ["None."]



def test_a_response_echoing_the_whole_request_answers_nothing_of_it():
    tail = "I am sending this request to every council in England so that the figures can be compared."
    echo = "\n".join(f"{k}. {item}" for k, item in enumerate(ITEMS_SHARED, start=1))
    reply = (f"Thank you for your request for information concerning\n{echo}\nI am sending this request to every council in\n"
             "England so that the figures can be compared.\n\nI have attached our formal response, which answers each of your questions.")
    text = page(ITEMS_SHARED, reply).replace("3. Drone incidents reported.\n", f"3. Drone incidents reported.\n\n{tail}\n", 1)
    assert answers(text) == [None, None, None]


def test_a_pointer_after_a_short_lead_in_takes_the_answer_pointed_to():
    reply = "1. 4 drones.\n\n2. 212 flights.\n\n3. Refused under section 12 – please see our response to question 2 above."
    assert answers(page(ITEMS_SHARED, reply)) == ["4 drones.", "212 flights.", "212 flights."]


AUTOMATED_RECEIPT = (
    "Thank you for contacting the Information Team. This is an automated reply to confirm that your email has been received.\n"
    "If your email relates to an existing Freedom of Information request, please quote the reference number.\n"
    "We aim to reply to general enquiries within 10 working days."
)


def test_a_receipt_calling_itself_automated_is_an_automatic_reply():
    thread = foiparse.parse(page(ITEMS_SHARED, AUTOMATED_RECEIPT, opening=""))
    assert thread.messages[1].kind == "auto_reply"


def test_a_response_closing_with_an_automated_mail_note_is_a_response():
    reply = ("We hold the information you asked for; it is given below.\n\n" + "The council answers each item in turn. " * 30
             + "\n\n1. 4 drones.\n\n2. 212 flights.\n\n3. None.\n\nThis is an automated email sent by our case management system.")
    assert foiparse.parse(page(ITEMS_SHARED, reply)).messages[1].kind == "response"


def test_a_table_copied_a_cell_to_a_line_pairs_each_number_with_its_cell():
    reply = ("Our response is set out in the table below.\n\nQuestion\n\nResponse\n\n1\n\n\u00a0\n\n4\n\n2\n\n3\n\n3\n\n"
             "12 incidents,\nall minor\n\nThe figures come from our flight log.")
    assert answers(page(ITEMS_SHARED, reply)) == ["4", "3", "12 incidents, all minor"]


def test_an_email_reproduced_in_quotation_marks_keeps_the_answers_after_it():
    reply = ('1. 4 drones.\n\n2. The supplier wrote to us:\n\n"Hi Jo,\n\nThe two new drones arrive on Monday.\n\n'
             'Thanks\nAlex Byrne\nSales Manager"\n\nWe made 212 flights.\n\n3. None.')
    given = answers(page(ITEMS_SHARED, reply))
    assert given[1].endswith("Sales Manager\"\nWe made 212 flights.") and given[2] == "None."


def test_a_shortened_repeat_of_the_question_is_no_part_of_the_answer():
    items = ["The number of directed surveillance authorisations granted under Part II of the Regulation of Investigatory "
             "Powers Act 2000 (RIPA), by year.", "Drone incidents."]
    reply = ("1. The number of directed surveillance authorisations granted under Part\nII of RIPA, by year.\n\n"
             "2021 – 38\n2022 – 41\n\n2. None.")
    assert answers(page(items, reply))[0] == "2021 – 38\n2022 – 41"


def test_a_heading_over_three_items_deferred_by_an_extension_answers_none_of_them():
    items = ["Bids received.", "Bids funded.", "Bids scored.", "Bids rejected."]
    reply = ("1. 46 bids.\n\nQuestions 2, 3 and 4\n\nWe need further time to consider the public interest "
             "for these parts of your request and aim to respond by 29 July 2024.")
    thread = foiparse.parse(page(items, reply))
    assert [q.answer for q in thread.questions] == ["46 bids.", None, None, None]


def test_an_extension_that_answers_some_items_is_a_response():
    reply = ("We need more time to respond to part 3 of your request.\n\n1. 4 drones.\n\n2. 212 flights.")
    thread = foiparse.parse(page(ITEMS_SHARED, reply, opening=""))
    assert thread.messages[1].kind == "response" and answers(page(ITEMS_SHARED, reply, opening=""))[:2] == ["4 drones.", "212 flights."]


def test_one_answer_under_a_parent_and_all_its_sub_items_is_the_parents():
    request = ("1) Corridor care\na) How many patients were cared for in a corridor?\nb) What was the longest stay?\n"
               "2) How many incidents were reported?")
    reply = ("1) Corridor care\na) How many patients were cared for in a corridor?\nb) What was the longest stay?\n\n"
             "The Trust does not hold this information for either part of question 1.\n\n"
             "2) How many incidents were reported?\n\nQuarter Incidents\nQ1 2023/24 12\nQ2 2023/24 9")
    text = page(["x"], reply).replace("1. x", request)
    thread = foiparse.parse(text)
    assert [(q.number, q.answer) for q in thread.questions] == [
        ("1", "The Trust does not hold this information for either part of question 1."), ("1a", None), ("1b", None),
        ("2", "Quarter Incidents\nQ1 2023/24 12\nQ2 2023/24 9"),
    ]


@pytest.mark.parametrize("reply, kind", [
    ("Thank you for contacting the Freedom of Information Office.\n\nThis mailbox is monitored Monday to Friday, 9am to 4pm. "
     "If your enquiry relates to your own care, please contact PALS. " + "We read every message. " * 8, "auto_reply"),
    ("This is the mail system at host mx2.example.gov.uk.\n\nI'm sorry to have to inform you that your message could not\n"
     "be delivered to one or more recipients.", "delivery_failure"),
    ("I am sorry that we have not yet been able to respond. We need a little more time to collate it and now expect "
     "to send you a full response by 24/05/2024.", "extension"),
    # and what the fourth review found the rules for those would take wrongly
    ("This is an automated email. Our ref: FOI-24-0101\n\n1. 4 drones.\n\n2. 212 flights.\n\n3. None.", "response"),
    ("I am sorry that our response of 5 February 2024 could not\nbe delivered to you because of a fault with our email system.\n\n"
     "1. 4 drones.\n\n2. 212 flights.\n\n3. None.", "response"),
    ("Thank you for contacting the Freedom of Information Team.\n\nWe have received your email of 4 March 2024 and will respond "
     "within 20 working days, by 2 April 2024.", "acknowledgement"),
    ("I am sorry, but we need more time to respond to your request. The position on each part is:\n\n1. The drone team are checking "
     "the log.\n2. Finance are extracting the spend.\n3. We are considering the incidents.\n\nWe now expect to respond by 17 May 2024.", "extension"),
    # blind batches b30 to b33
    ("Thank you for contacting the Information Governance Team.\n\nYour email has been received. Replies to general enquiries may "
     "take longer than usual. Requests made under the Freedom of Information Act will still be answered within 20 working days.",
     "auto_reply"),
    ("Thank you for your request for an internal review of FOI / 1749310.\nWe aim to send you the outcome of the review within 20 "
     "working days, by 28/10/2024.", "acknowledgement"),
    ("Your request needs information from two services, and we have not yet been able to collate all of it. We now expect to send "
     "you a full response by 12 July 2024.", "extension"),
    ("Thank you for your email of 03/10/2024. We have copied your further questions below and answered each one beneath it.\n"
     "> Which drones were bought in 2024?\nTwo, both from Skyline Ltd.", "response"),
    ("Please accept our apologies for the delay in responding to your request.\nWe are still waiting for some of the information "
     "from the Housing team. We will send you a full response as soon as we can.", "extension"),
    # and what the fifth review found the rules for those would take wrongly
    ("Thank you for your email. Your Freedom of Information Act request has been received and will be answered within 20 working days.",
     "acknowledgement"),
    ("I am writing to inform you of the outcome of the internal review. I have decided to uphold the original decision.",
     "internal_review_response"),
    ("Thank you for your request. The details of your request are given beneath. We will respond by 2 April 2024.", "acknowledgement"),
    ("1. 4 drones.\n\n2. 212 flights.\n\n3. We have not yet been able to complete the validation of the incident data, so it is not "
     "held in a form we can release.", "response"),
])
def test_kinds_the_blind_batches_and_the_reviews_showed(reply, kind):
    assert foiparse.parse(page(ITEMS_SHARED, reply, opening="")).messages[1].kind == kind


def test_a_note_on_all_the_answers_after_the_last_is_none_of_its():
    reply = "1. 4 drones.\n2. 212 flights.\n3. Yes. 5 complaints.\nPlease note that the answers above are accurate as at 16 August 2024."
    assert answers(page(ITEMS_SHARED, reply))[2] == "Yes. 5 complaints."


def test_a_prose_reply_of_one_paragraph_per_question_in_order_answers_each():
    items = ["How many public toilet blocks does the Council maintain?", "Which company holds the cleaning contract?",
             "Does the Council run a Community Toilet Scheme, and how many businesses take part?"]
    reply = ("The Council currently maintains 9 public toilet blocks across the\ndistrict.\n"
             "The cleaning contract is held by Brightwater Facilities Ltd until March\n2026.\n"
             "The Council does run a Community Toilet Scheme in the three market towns.\n14 businesses take part.")
    assert answers(page(items, reply, opening="")) == [
        "The Council currently maintains 9 public toilet blocks across the district.",
        "The cleaning contract is held by Brightwater Facilities Ltd until March 2026.",
        "The Council does run a Community Toilet Scheme in the three market towns.\n14 businesses take part.",
    ]


def test_an_item_repeated_in_the_words_of_the_clarification_is_no_part_of_its_answer():
    items = ["Drones owned.", "The cost of drone flights in 2023."]
    between = ("Sam Carter\n10 June 2024\n\nDear Ashby Borough Council,\n\nPlease treat my request as amended:\n"
               "2. The total hours of drone flights in 2023, in place of the cost.\n\nYours faithfully,\n\nSam Carter\n\n")
    reply = "1. Drones owned.\n4\n\n2. The total hours of drone flights in 2023, in place of the\ncost.\n212 hours."
    assert answers(page(items, reply, between=between)) == ["4", "212 hours."]


def test_an_introduction_wrapped_before_its_last_word_is_no_part_of_a_prose_answer():
    reply = ("Please find the council's response to your request set out\nbelow:\n"
             "The council does not own, lease or operate any drones and therefore does not hold any information.")
    assert answers(page(ITEMS_SHARED, reply, opening="")) == [
        "The council does not own, lease or operate any drones and therefore does not hold any information."] * 3


def test_a_mailbox_notice_saying_what_happens_if_a_mail_is_a_request_is_an_automatic_reply():
    reply = ("Thank you for contacting Glenarden Council.\n\nThis mailbox is monitored between 9am and 5pm. We aim to respond "
             "to all general enquiries within 10 working days.\n\nIf your email is a request for information under the Freedom of\n"
             "Information (Scotland) Act 2002, it will be passed to the Information Management Team.")
    assert foiparse.parse(page(ITEMS_SHARED, reply, opening="")).messages[1].kind == "auto_reply"


def test_a_note_on_the_last_answer_after_a_blank_line_stays_with_it():
    reply = "1. 4 drones.\n\n2. 212 flights.\n\n3. £285 a year.\n\nPlease note this does not include the cost of insurance."
    assert answers(page(ITEMS_SHARED, reply))[2] == "£285 a year.\nPlease note this does not include the cost of insurance."


# Regressions a fourth review found in this session's rules, each the shape that tripped one.
TASERS = ["How many times was a Taser drawn but not fired by officers in 2022?", "How many times was a Taser fired by officers in 2023?",
          "How many complaints were received about the use of Taser in 2023?"]


@pytest.mark.parametrize("items, reply, expected", [
    (TASERS, "1. How many times was a Taser drawn but not fired by officers in 2022?\n2. How many times was a Taser fired by officers "
     "in 2023?\nOfficers fired a Taser on 41 occasions in 2023.\n3. How many complaints were received about the use of Taser in 2023?\n7.",
     [None, "Officers fired a Taser on 41 occasions in 2023.", "7."]),
    (ITEMS_SHARED, "1. 4 drones.\n\n2. Yes – see our response to question 1 above.\n\n3. Not held – please see our response to question 1.",
     ["4 drones.", "Yes – see our response to question 1 above.", "Not held – please see our response to question 1."]),
    (ITEMS_SHARED, "Q1 2023 – 4 drones.\nQ2 2023 – 212 flights.\nQ3 2023 – none.", ["2023 – 4 drones.", "2023 – 212 flights.", "2023 – none."]),
    (ITEMS_SHARED, "1. 4 drones.\n2. 212 flights.\n3. 6\nPlease note that the data above is taken from the incident log.",
     ["4 drones.", "212 flights.", "6\nPlease note that the data above is taken from the incident log."]),
    (ITEMS_SHARED, "1. 4 drones.\n2. Pilots who need more time to qualify are given it; 212 flights were made.\n3. None.",
     ["4 drones.", "Pilots who need more time to qualify are given it; 212 flights were made.", "None."]),
    (["The number of drones owned by the council in the 2023 calendar year.", "Drone flights.", "Drone incidents."],
     "1. The number of drones owned by the council in the 2023 calendar year was nil.\n\nThe last was sold in 2021.\n\n2. None.\n\n3. None.",
     ["The number of drones owned by the council in the 2023 calendar year was nil.\nThe last was sold in 2021.", "None.", "None."]),
])
def test_what_the_fourth_review_found(items, reply, expected):
    assert answers(page(items, reply)) == expected


def test_a_numbered_table_that_is_not_a_question_table_is_read_as_prose():
    reply = ("The streets with most fines were:\n\nRank\n\nStreet\n\n1\n\nMarket Street\n\n2\n\nCastle Gate\n\n3\n\nAlbion Road\n\n"
             "In all 142,806 fines were issued.")
    assert "answers read from a table copied a cell to a line" not in " ".join(foiparse.parse(page(ITEMS_SHARED, reply)).warnings)


# Shapes from blind batches b30 and b31
def test_a_numbered_answer_after_a_refusal_notice_with_no_blank_line_is_read():
    reply = ("Questions 1 and 2\nWe are refusing questions 1 and 2 under section 14(2), and\nthis response acts as a refusal notice "
             "under section 17 of the Act for\nthose questions.\n3. Drone incidents reported.\nNone were reported.")
    assert answers(page(ITEMS_SHARED, reply))[2] == "None were reported."


def test_an_earlier_request_the_reply_cites_is_not_this_ones_reference():
    reply = ("Our reference: FOI 1749310\n\n1. These are substantially similar to questions 1 and 2 of your request FOI 1702218.\n"
             "Our response to FOI 1702218 remains online.\n\n2. None.\n\n3. None.")
    assert foiparse.parse(page(ITEMS_SHARED, reply)).reference == "FOI 1749310"
    reply = reply.replace("Our reference: FOI 1749310\n\n", "")
    assert foiparse.parse(page(ITEMS_SHARED, reply)).reference is None


def test_answers_to_a_follow_ups_new_questions_under_the_same_numbers_answer_none_of_the_first():
    between = ("Sam Carter\n10 June 2024\n\nDear Ashby Borough Council,\n\nI have some further questions:\n"
               "1. Which company supplied the drones and at what price?\n2. How many pilots hold a licence?\n"
               "3. Does the council keep a record of insurance claims?\n\n"
               "Yours faithfully,\n\nSam Carter\n\n")
    first = "1. Drones owned by the council.\n4\n\n2. Drone flights made in 2023.\n212"
    reply = ("1. Which company supplied the drones and at what price?\nSkyline Ltd, £4,000 each.\n\n"
             "3. Does the council keep a record of insurance claims?\nYes.")
    text = page(ITEMS_SHARED, first, between="") + "\n" + page(ITEMS_SHARED, reply, between=between).split("Council data\n\n", 1)[1]
    assert answers(text) == ["4", "212", None]


def test_a_word_on_the_replys_second_part_after_the_last_answer_is_none_of_its():
    reply = "1. 4 drones.\n\n2. 212 flights.\n\n3. None.\n\nPart 2 of 2 will follow as soon as possible."
    assert answers(page(ITEMS_SHARED, reply))[2] == "None."


def test_a_later_reply_naming_the_one_question_left_gives_its_answer():
    first = "1. 4 drones.\n\n2. Please see the attached spreadsheet.\n\n3. None."
    later = ("Apologies, the spreadsheet was left off our email. The figures for\nquestion 2 are set out below.\n\n"
             "Year Flights\n2023 212\n2024 198")
    text = page(ITEMS_SHARED, first) + "\nInformation Governance, Ashby Borough Council\n1 July 2024\n\nDear Mr Carter\n\n" + later + "\n\nYours sincerely\n\nPriya Nand\n"
    assert answers(text)[1] == "Year Flights\n2023 212\n2024 198"


# What a fifth review found the rules for b30 and b31 would take wrongly
@pytest.mark.parametrize("reply, expected", [
    ("I have summarised each question below.\n\n1. What drones does the council own?\n4 drones.\n\n"
     "2. How often were they flown last year?\n212 flights.\n\n3. Were there any incidents?\nNone.",
     ["4 drones.", "212 flights.", "None."]),
    ("1. 4 drones.\n\n2. 212 flights.\n\n3. The incidents fall into two parts:\nPart 1 of 2 – minor damage: 3\nPart 2 of 2 – injury: 0",
     ["4 drones.", "212 flights.", "The incidents fall into two parts:\nPart 1 of 2 – minor damage: 3\nPart 2 of 2 – injury: 0"]),
])
def test_answers_the_fifth_review_found(reply, expected):
    given = answers(page(ITEMS_SHARED, reply))
    assert [answer.splitlines()[-1] if answer else answer for answer in given] == [e.splitlines()[-1] for e in expected]


# Shapes from blind batch b32 (central government in the MHCLG layout)
def test_an_answer_pointing_to_an_annex_below_takes_the_annex():
    reply = ("1. 4 drones.\n\n2. Please see the table at Annex A below.\n\n3. None. We do not record incidents.\n\n"
             "Annex A – Flights by year\n\nYear Flights\n2023 212\n2024 198")
    given = answers(page(ITEMS_SHARED, reply))
    assert given == ["4 drones.", "Year Flights\n2023 212\n2024 198", "None. We do not record incidents."]


def test_section_16_advice_between_answers_is_the_answer_above_it():
    reply = ("1. 4 drones.\n\n2. We do not hold this information.\n\nUnder section 16 of the Act we have a duty to provide advice "
             "and assistance. The police may hold it.\n\n3. None.")
    assert answers(page(ITEMS_SHARED, reply))[1] == ("We do not hold this information.\nUnder section 16 of the Act we have a duty to "
                                                      "provide advice and assistance. The police may hold it.")


def test_the_restated_list_then_a_heading_over_the_answers_is_read_as_the_answers():
    reply = ("You asked:\n\n1. Drones owned by the council.\n2. Drone flights made in 2023.\n3. Drone incidents reported.\n\n"
             "Our response\n\n1. 4 drones.\n\n2. 212 flights.\n\n3. A copy of our incident log is attached.")
    assert answers(page(ITEMS_SHARED, reply)) == ["4 drones.", "212 flights.", None]


def test_a_paragraph_answer_leaves_out_the_sentence_restating_its_question():
    items = ["How many drones does the council own?", "How many flights were made in 2023?"]
    reply = ("Your first question asked how many drones the council owns. We hold this information. The council owns 4 drones.\n\n"
             "Your second question asked how many flights were made in 2023. We hold this information. 212 flights were made in 2023.")
    assert answers(page(items, reply, opening="")) == ["We hold this information. The council owns 4 drones.",
                                                         "We hold this information. 212 flights were made in 2023."]


@pytest.mark.parametrize("reply, reference", [
    # a small letter between capitals (b24); a prefix that only begins with IR (b27); a previous email, not an earlier request (review 5)
    ("Your request has been logged with the reference TfC-FOI-2024-0388.\n\n1. 4 drones.\n2. 212 flights.\n3. None.", "TfC-FOI-2024-0388"),
    ("This has been logged as a request with reference\nIRF-24-0933.\n\n1. 4 drones.\n2. 212 flights.\n3. None.", "IRF-24-0933"),
    ("Further to our previous email about your request FOI-2024-0456, please find our response.\n\n1. 4.\n2. 212.\n3. None.", "FOI-2024-0456"),
])
def test_references_the_blind_batches_and_the_reviews_showed(reply, reference):
    assert foiparse.parse(page(ITEMS_SHARED, reply)).reference == reference


# What a sixth review found the rules for b32 would take wrongly
@pytest.mark.parametrize("reply, expected", [
    ("1. 4 drones.\n\n2. 212 flights.\n\nIn relation to question 3, under section 16 of the Act you may narrow it.\n\n3. None.",
     ["4 drones.", "212 flights.", "None."]),
    ("You asked:\n\n1. Drones owned by the council.\n2. Drone flights made in 2023.\n3. Drone incidents reported.\n\n"
     "1. 4\n\n2. 212\n\n3. Nil\n\nNotes\n\n1. Drones on loan are not counted.\n2. Flights include tests.\n3. Figures below five are shown.",
     ["4", "212", "Nil"]),
    ("1. 4 drones.\n\n2. Please see the breakdown in Annex 1.\n\n3. None.\n\nEnclosure:\nAnnex 1 - Flights by month (Excel)",
     ["4 drones.", "Please see the breakdown in Annex 1.", "None."]),
])
def test_answers_the_sixth_review_found(reply, expected):
    assert answers(page(ITEMS_SHARED, reply))[:2] == expected[:2]


def test_a_sentence_restating_the_question_that_holds_the_answer_is_kept():
    items = ["Does the council hold a register of empty homes?", "How many premiums were levied in 2023?"]
    reply = ("Your first question asked whether the council holds a register of empty homes, and it does not. It stopped in 2019.\n\n"
             "Your second question asked how many premiums were levied in 2023. We hold this information. There were 1,204.")
    assert answers(page(items, reply, opening="")) == [
        "Your first question asked whether the council holds a register of empty homes, and it does not. It stopped in 2019.",
        "We hold this information. There were 1,204."]


def test_a_review_acknowledgement_saying_what_the_review_will_decide_is_no_outcome():
    reply = ("Thank you for your request for an internal review. The reviewing officer will look at whether the original decision "
             "was right and will decide whether to uphold it. We aim to send you the outcome of the review by 2 May 2024.")
    assert foiparse.parse(page(ITEMS_SHARED, reply, opening="")).messages[1].kind == "acknowledgement"


def test_a_receipt_quoting_the_request_answers_nothing_and_stays_a_receipt():
    receipt = (
        "Thank you for contacting us on 3 June 2024. Your request was:\n\n"
        "\"Please provide the following information:\n1. The number of licensed HMOs in the borough on 31 March 2024, including\n"
        "the date of receipt of each application for a licence in the borough\n2. The number of HMO inspections each year.\n"
        "3. The civil penalties issued each year.\"\n\n"
        "I am dealing with your request under the Freedom of Information Act 2000 and aim to send you a response by 1 July 2024."
    )
    items = ["The number of licensed HMOs in the borough on 31 March 2024, including the date of receipt of each application for a licence in the borough",
             "The number of HMO inspections each year.", "The civil penalties issued each year."]
    thread = foiparse.parse(page(items, receipt, opening=""))
    assert thread.messages[1].kind == "acknowledgement"
    assert [q.answer for q in thread.questions] == [None, None, None]


def test_answers_below_a_quotation_of_the_request_are_read_under_their_labels():
    reply = (
        "Your request was:\n\n\"1. The number of licensed HMOs.\n2. The number of HMO inspections each year.\"\n\n"
        "1. 612 HMOs are licensed.\n2. 88 inspections a year on average."
    )
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply)) == [
        "612 HMOs are licensed.", "88 inspections a year on average."]



def test_a_question_in_the_requests_words_copied_into_a_reply_asks_the_requester_nothing():
    reply = (
        "Thank you for your request for information concerning the verges.\n"
        "Where no policy has been made, can you confirm whether this is\n"
        "because the county council cuts them?\n\n"
        "Unfortunately I am unable to provide this information, because we do not have it. I have attached my formal response."
    )
    text = page(["Where no policy has been made, can you confirm whether this is because the county council cuts them?"], reply, opening="")
    assert foiparse.parse(text).messages[1].kind == "response"


@pytest.mark.parametrize("reply, kind", [
    ("Please accept our apologies for the delay in responding to you. We hope to send a response shortly.", "acknowledgement"),
    ("Apologies for the delay in our reply. Your request is with the service and we hope to respond to you by 21/07/2024.", "extension"),
])
def test_a_holding_reply_is_an_extension_only_where_it_gives_a_new_date(reply, kind):
    thread = foiparse.parse(page(["The number of licensed HMOs."], reply, opening=""))
    assert thread.messages[1].kind == kind


def test_a_review_acknowledgement_sorry_for_the_dissatisfaction_with_our_response_is_no_response():
    between = (
        "Sam Carter\n1 July 2024\n\nDear Ashby Borough Council,\n\nPlease pass this on to the person who conducts "
        "Freedom of Information reviews. I am writing to request an internal review.\n\nYours faithfully,\n\nSam Carter\n\n"
        "Information Governance, Ashby Borough Council\n2 July 2024\n\nDear Mr Carter\n\nThank you for your request for a review. "
        "I am sorry that you are dissatisfied with our response to your request.\n\nYour review has been passed to a senior officer, "
        "and we will aim to send you the outcome by 30 July 2024.\n\nYours sincerely\n\nInformation Governance\n\n"
    )
    thread = foiparse.parse(page(["The number of licensed HMOs."], "1. 612.", between=between))
    assert [m.kind for m in thread.messages] == ["request", "internal_review_request", "acknowledgement", "response"]


def test_a_prose_answer_below_the_request_quoted_under_you_asked_leaves_out_the_lead_in_and_heading():
    reply = (
        "I am writing in response to your request dated 3 June 2024. You asked:\n\n"
        "> 1. The number of licensed HMOs.\n> 2. The number of HMO inspections each year.\n\n"
        "Response\n\n"
        "The council does not license HMOs itself: licensing passed to the county council in 2019, and it holds these figures."
    )
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening="")) == [
        "The council does not license HMOs itself: licensing passed to the county council in 2019, and it holds these figures."] * 2


def test_answers_a_service_gave_pasted_in_quotation_marks_are_still_answers():
    reply = (
        "The service has provided the following:\n\n"
        "\"1. 612 HMOs are licensed.\n2. 88 inspections a year on average.\n3. Two civil penalties a year.\"\n\n"
        "I hope this helps."
    )
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year.", "The civil penalties issued each year."],
                        reply))[:2] == ["612 HMOs are licensed.", "88 inspections a year on average."]


@pytest.mark.parametrize("reply, kind", [
    ("The council licensed 612 HMOs in 2023/24 and made 88 inspections, and it issued two civil penalties. The register is kept by the "
     "private sector housing team and is updated monthly.\n\nI hope you are satisfied with our response to your request.", "response"),
    ("The council licensed 612 HMOs in 2023/24 and made 88 inspections, and it issued two civil penalties. The register is kept by the "
     "private sector housing team.\n\nWe hope to send you the 2024/25 figure once it is finalised.", "response"),
    ("Apologies for the delay in dealing with your request. We hope to send you a full response no later than 12 July 2024.", "extension"),
])
def test_kinds_a_review_of_the_quoted_request_rules_showed(reply, kind):
    assert foiparse.parse(page(["The number of licensed HMOs."], reply, opening="")).messages[1].kind == kind


def test_you_asked_in_the_middle_of_a_prose_answer_introduces_nothing():
    reply = (
        "The council licenses 612 HMOs, and a further 40 are exempt. In relation\nto the second part of your request, where you asked:\n"
        "\"The number of HMO inspections each year.\"\nThe council made 88 inspections a year on average."
    )
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening=""))[0].startswith(
        "The council licenses 612 HMOs")


def test_a_parent_label_and_its_first_sub_items_label_on_one_line():
    text = (
        "Council tax support\n\nSam Carter made this Freedom of Information request to Ashby Borough Council\n\n"
        "The request was successful.\n\nSam Carter\n3 June 2024\n\nDear Ashby Borough Council,\n\n"
        "Please provide the following information:\n\n1.) The number of claimants.\n2.) For the scheme in 2024/25:\na.) the maximum award;\n"
        "b.) the minimum award.\n\nYours faithfully,\n\nSam Carter\n\n"
        "Information Governance, Ashby Borough Council\n28 June 2024\n\nDear Mr Carter\n\n"
        "1.) 11,482\n2.) a.) 80% of the council tax liability.\nb.) There is no minimum award.\n\nYours sincerely\n\nPriya Nand\n"
    )
    assert [(q.number, q.answer) for q in foiparse.parse(text).questions] == [
        ("1", "11,482"), ("2", None), ("2a", "80% of the council tax liability."), ("2b", "There is no minimum award.")]


def test_a_table_laid_out_in_spaces_gives_each_answer_cell_joined_and_ends_at_the_note_under_it():
    table = (
        "Question                                     Response\n"
        "1.   How many HMOs were licensed on 1 April  612. A further 40 are\n"
        "     2024?                                   exempt from licensing.\n"
        "2.   How many HMO inspections did the        88\n"
        "     council carry out each year?\n"
        "The figures are taken from the licensing register on 1 April 2024."
    )
    items = ["How many HMOs were licensed on 1 April 2024?", "How many HMO inspections did the council carry out each year?"]
    assert answers(page(items, table)) == ["612. A further 40 are exempt from licensing.", "88"]


@pytest.mark.parametrize("reply, kind", [
    ("Thank you for your email.\n\nLicensing enquiries will be answered as soon as possible. Freedom of Information requests are "
     "logged separately by the Information Governance team, who will contact you with a reference number.", "auto_reply"),
    ("Internal review\n\nThe review has been carried out by the Associate Director of Governance, who was not involved in the original "
     "decision. The annual value of the contract is £412,600. The rest of the original response is upheld.", "internal_review_response"),
])
def test_kinds_the_page_debris_and_tables_batches_showed(reply, kind):
    assert foiparse.parse(page(["The number of licensed HMOs."], reply, opening="")).messages[1].kind == kind


def test_a_prose_refusal_leaves_out_the_letters_reference_line_and_its_opening_sentence():
    reply = (
        "FREEDOM OF INFORMATION REQUEST REFERENCE NO: 2024/0041\n\n"
        "I write in connection with your request for information received on\n09/06/2024, a copy of which is given below.\n\n"
        "The council holds information relevant to your request. However, the cost of complying with it would exceed the "
        "appropriate limit of £450, and section 12(1) of the Act therefore applies."
    )
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening="")) == [
        "The council holds information relevant to your request. However, the cost of complying with it would exceed the "
        "appropriate limit of £450, and section 12(1) of the Act therefore applies."] * 2


# Regressions a second review of this session's rules found, each the shape that tripped one.
@pytest.mark.parametrize("reply, kind", [
    ("I apologise for the delay in replying.\n\n1. Yes. A consultation ran from March to May 2024.\n2. No. A decision is due in "
     "the autumn.\n\nThe consultation map is not yet ready, and we will send it to you by Friday.", "response"),
    ("I am sorry that this reply is late. I have now completed the internal review, and the original decision is upheld in part. "
     "We will send the minutes of the panel no later than 28 June 2024.", "internal_review_response"),
    ("The council received 412 claims in 2023/24 and paid £38,214.50 in total, of which £12,020 went on claims for damage to "
     "vehicles and the rest on claims for injuries. The figures for 2024/25 are still being checked by the insurance team, "
     "and we will send them to you as soon as we can.", "response"),
    ("Thank you for your request for a review. Once the review has been carried out, we will write to you with its outcome "
     "no later than 5 March 2024.", "acknowledgement"),
    ("The information you asked for is exempt under section 43(2). The council's original refusal was upheld by the Information "
     "Commissioner in 2022, and nothing has changed since.", "response"),
    ("Thank you for your email. Freedom of Information requests are logged by the Information Rights Team, and yours has been "
     "given the reference ECC-FOI-24-2207.", "acknowledgement"),
])
def test_kinds_a_second_review_found(reply, kind):
    assert foiparse.parse(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening="")).messages[1].kind == kind


@pytest.mark.parametrize("reply, expected", [
    # an opening sentence that ends inside its line, or runs on into the answer
    ("I am writing about your request of 4 March 2024. We do not\nhold this information: licensing passed to the county council in 2019.",
     "We do not hold this information: licensing passed to the county council in 2019."),
    ("I write in connection with your request received on 9 June 2024, and I can confirm that the council licenses 612 HMOs.",
     "I write in connection with your request received on 9 June 2024, and I can confirm that the council licenses 612 HMOs."),
    # one heading over the answer, under the request restated
    ("You asked for the number of licensed HMOs and the number of inspections.\n\nResponse\n\nThe council licenses 612 HMOs, and "
     "a further 40 houses are exempt from licensing. The private sector housing team made 88 inspections in the year.",
     "The council licenses 612 HMOs, and a further 40 houses are exempt from licensing. The private sector housing team made 88 "
     "inspections in the year."),
    # the Act's title and an opening paragraph over an introduction in the fourth paragraph of a double-spaced letter
    ("Freedom of Information Act 2000\n\nThank you for your request for information, which we received on 2 June 2024.\n\n"
     "I have dealt with your request under the Freedom of Information Act 2000.\n\nOur response to your request is set out below:\n\n"
     "The council licenses 612 HMOs and made 88 inspections.", "The council licenses 612 HMOs and made 88 inspections."),
])
def test_prose_answers_a_second_review_found(reply, expected):
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening="")) == [expected] * 2


@pytest.mark.parametrize("table, expected", [
    # a first cell naming a category, not restating the question: the rows stay as they are
    ("1. Fixed penalty notices issued for littering       1,204\n   Fixed penalty notices issued for dog fouling     312\n"
     "2.   How many HMO inspections did the council     88\n     carry out each year?",
     "Fixed penalty notices issued for littering 1,204\nFixed penalty notices issued for dog fouling 312"),
    # a cell for each year, and a wrapped line one column off
    ("1.   How many HMOs were licensed on 1 April    601    612. The figure\n     of each year?                              for 2024 is\n"
     "                                               provisional.\n2.   How many HMO inspections did the council     88\n"
     "     carry out each year?", "601 612. The figure for 2024 is provisional."),
])
def test_tables_a_second_review_found(table, expected):
    items = ["How many fixed penalty notices has the council issued for littering and dog fouling?",
             "How many HMO inspections did the council carry out each year?"]
    if "How many HMOs" in table:
        items[0] = "How many HMOs were licensed on 1 April of each year?"
    assert answers(page(items, table))[0] == expected


def test_a_later_reply_about_a_quarter_answers_no_question_by_it():
    between = ""
    reply = "1. 612.\n2. 88."
    later = (
        "\n\nInformation Governance, Ashby Borough Council\n5 July 2024\n\nDear Mr Carter\n\n"
        "Q3 2024 figures will be published on the council's website in the week beginning 4 November 2024.\n\nYours sincerely\n\nPriya Nand\n"
    )
    thread = foiparse.parse(page(["The number of licensed HMOs.", "The number of HMO inspections each year.", "The civil penalties issued."],
                                 reply, between=between) + later)
    assert thread.questions[2].answer is None


def test_another_users_annotation_is_kept_in_the_body_but_read_as_no_ones_words():
    between = (
        "Information Governance, Ashby Borough Council\n4 June 2024\n\nDear Mr Carter\n\nThank you for your request, which we "
        "received on 3 June 2024. We aim to respond by 1 July 2024.\n\nInformation Governance\n\n"
        "Link to this\nReport\n\nDana Whitfield left an annotation (9 June 2024)\n\n"
        "Other councils say the answer to (1) is already published, ref KCC/FOI/2024/0512.\n\nLink to this\n\n"
    )
    thread = foiparse.parse(page(["The number of licensed HMOs."], "1. 612.", between=between))
    assert [m.kind for m in thread.messages] == ["request", "acknowledgement", "response"]
    assert "the answer to (1) is already published" in thread.messages[1].body()
    assert "KCC/FOI/2024/0512" not in [r.value for r in thread.references]


# Regressions a third review found in the fixes for the second, each the shape that tripped one.
BODY = ("The council licenses 612 HMOs across the borough, and a further 40 houses are exempt because registered providers "
        "manage them. The private sector housing team made 88 inspections in the year, most of them after complaints from tenants.")


@pytest.mark.parametrize("reply, expected", [
    (f"Thank you for your request about St. Mary's Church, received on 3 June 2024.\n\n{BODY}", BODY),
    (f"Thank you for your request of 3 June 2024 (our ref. FOI/24/118). {BODY}", BODY),
    (f"I refer to your request dated 3 June 2024 and can confirm that the council licenses 612 HMOs. {BODY}",
     f"I refer to your request dated 3 June 2024 and can confirm that the council licenses 612 HMOs. {BODY}"),
    (f"I am writing in response to your request of 3 June 2024; the council does not license HMOs itself. {BODY}",
     f"I am writing in response to your request of 3 June 2024; the council does not license HMOs itself. {BODY}"),
    (f"Thank you for your email, and I apologise for the delay in replying.\n\n{BODY}", BODY),
    (f"Thank you for contacting the council on 3 June 2024. We have\nhandled your request under the Freedom of Information Act 2000.\n\n{BODY}", BODY),
    # one "Response" heading under the council's own answer is not over it
    (f"{BODY}\n\nResponse\n\nThis response is sent by email only.", f"{BODY}\nResponse\nThis response is sent by email only."),
])
def test_prose_answers_a_third_review_found(reply, expected):
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening="")) == [expected] * 2


@pytest.mark.parametrize("reply, kind", [
    ("I am sorry that we have not yet responded to your request. Please find below an update: the service is still checking the "
     "figures, and we now aim to send you a full response by 19 July 2024.", "extension"),
    ("Thank you for your email, and I am sorry that we have not completed the internal review by the date we gave you. The reviewer "
     "is waiting for information from the housing team, who hold the inspection records for the period you asked about, and who "
     "have been dealing with a large number of requests this month. We will send you the outcome of the review as soon as it is "
     "complete, and we apologise again for the inconvenience this delay is causing you.", "acknowledgement"),
    ("Thank you for contacting us. If your email is a Freedom of Information request and your email was received after 4pm, it "
     "will be logged on the next working day. This mailbox is monitored Monday to Friday.", "auto_reply"),
])
def test_kinds_a_third_review_found(reply, kind):
    assert foiparse.parse(page(["The number of licensed HMOs."], reply, opening="")).messages[1].kind == kind


def test_a_table_cell_that_restates_the_question_in_other_words_still_gives_the_answer_cell():
    table = (
        "1.   Number of HMOs licensed by the        612. This counts each licence,\n"
        "     council on 1 April 2024               not each house.\n"
        "2.   Number of inspections carried out     88\n"
        "     each year\n"
    )
    items = ["The number of HMOs licensed by the council on 1 April 2024.", "The number of HMO inspections carried out each year."]
    assert answers(page(items, table)) == ["612. This counts each licence, not each house.", "88"]


# Shapes a review of the whole day's change (against the day's start) found, each now read as at the start or better.
@pytest.mark.parametrize("reply, kind", [
    ("Please accept our apologies for the delay. We aim to provide the information to you by 24/05/2024.", "extension"),
    ("I am sorry that we have not yet responded. We hope to respond to you within the next five working days.", "extension"),
    ("Apologies for the delay in replying. We hope to send you a full response on Friday 12 July 2024.", "extension"),
    ("Thank you for your email. Freedom of Information requests are answered within 20 working days of receipt, so you should "
     "receive our response by 2 July 2024.", "acknowledgement"),
    ("Thank you for your request for an internal review. We aim to send you the outcome by 9 May 2024. If the original decision "
     "is upheld, you can then complain to the Information Commissioner.", "acknowledgement"),
    ("Thank you for your request for an internal review. We will write to you as soon as the review has been carried out.",
     "acknowledgement"),
    ("Your request repeats one you made in April, and the original decision was upheld at internal review on 22 May 2024. We are "
     "therefore refusing this request under section 14(2) of the Act, as a repeated request made within a reasonable interval "
     "of the first, and we will not deal with further requests for the same information.", "response"),
])
def test_kinds_the_review_of_the_whole_day_found(reply, kind):
    assert foiparse.parse(page(["The number of licensed HMOs."], reply, opening="")).messages[1].kind == kind


def test_a_late_response_that_promises_its_last_part_by_a_date_is_a_response():
    reply = (
        "Please accept our apologies for the delay. We are still waiting for figures from the service for question 3, and we will "
        "send you our response to that part by 21/06/2024. Please find below the council's response to questions 1 and 2.\n\n"
        "1. Greenway Grounds Maintenance Ltd holds the contract.\n2. Yes, it covers all parks and open spaces."
    )
    thread = foiparse.parse(page(["Who holds the contract?", "Does it cover all parks?", "What does it cost?"], reply, opening=""))
    assert thread.messages[1].kind == "response"
    assert [q.answer for q in thread.questions][:2] == ["Greenway Grounds Maintenance Ltd holds the contract.",
                                                        "Yes, it covers all parks and open spaces."]


@pytest.mark.parametrize("reply, expected", [
    (f"I refer to your request for information received on 3 June 2024 and would\nadvise that the council holds no such figures. {BODY}",
     f"I refer to your request for information received on 3 June 2024 and would advise that the council holds no such figures. {BODY}"),
    (f"Thank you for your request for information received on 5 June 2024; your\nreference number is HBC/FOI/24/0412.\n\n{BODY}", BODY),
    (f"Thank you for your request received on 6 June 2024, and we have considered your request under the Environmental "
     f"Information Regulations 2004.\n\n{BODY}", BODY),
    (f"The council does not record the ward of each notice, so we do not hold the information you asked for. However, we can "
     f"provide the following information:\n{BODY}",
     f"The council does not record the ward of each notice, so we do not hold the information you asked for. However, we can "
     f"provide the following information:\n{BODY}"),
])
def test_prose_answers_the_review_of_the_whole_day_found(reply, expected):
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening="")) == [expected] * 2


# Shapes a second review of the whole day found, each now read as at the day's start or better.
@pytest.mark.parametrize("reply, kind", [
    ("Thank you for your email. We apologise for any delay in replying: we aim to reply to all emails within 10 working days. "
     "This mailbox is monitored Monday to Friday.", "auto_reply"),
    ("Apologies for the delay in acknowledging your request. Before we can answer it, could you please clarify whether you mean "
     "licences granted or licences in force? We will respond within 20 working days of your reply.", "clarification_request"),
    ("Please accept our apologies for the delayed response. We aim to provide the requested information by 21/06/2024.", "extension"),
    ("I am sorry for the delay in completing the internal review. We hope to send you the outcome of the review by 19 July 2024.",
     "extension"),
    ("A manual review has been carried out of the falls reports held by the ward, and no record of the kind you describe was found. "
     "The Trust therefore does not hold the information you asked for, and I am sorry we cannot help further on this occasion.",
     "response"),
    ("Thank you for contacting us. If your email is a Freedom of Information request, you will receive a response within 20 working "
     "days. This mailbox is monitored Monday to Friday.", "auto_reply"),
    ("I apologise that this response has taken longer than anticipated. I can confirm that the council licenses 612 HMOs, and a "
     "further 40 houses are exempt because registered providers manage them, so they are not counted in that figure.", "response"),
])
def test_kinds_a_second_review_of_the_whole_day_found(reply, kind):
    assert foiparse.parse(page(["The number of licensed HMOs."], reply, opening="")).messages[1].kind == kind


@pytest.mark.parametrize("reply, expected", [
    (f"Thank you for your request received on 3 June 2024, and I am pleased to provide the information you asked for.\n\n{BODY}", BODY),
    (f"Thank you for your request. Your request has now been considered under the Freedom of Information Act 2000.\n\n{BODY}", BODY),
    (f"I write in connection with your request for information received on 3 June 2024. {BODY}", BODY),
])
def test_prose_answers_a_second_review_of_the_whole_day_found(reply, expected):
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening="")) == [expected] * 2


def test_a_table_answer_wrapped_to_the_margin_keeps_its_end():
    table = (
        "1. How many HMOs were licensed on 1 April 2024?    612 licences, of which\n"
        "40 were for houses in multiple occupation over shops.\n"
        "2. How many HMO inspections did the council        88\n"
        "   carry out each year?\n"
    )
    items = ["How many HMOs were licensed on 1 April 2024?", "How many HMO inspections did the council carry out each year?"]
    assert answers(page(items, table))[0] == "612 licences, of which 40 were for houses in multiple occupation over shops."


# Shapes a third review of the whole day found, each now read as at the day's start or better.
@pytest.mark.parametrize("reply, kind", [
    ("Please accept our apologies for the delay. The figures are being checked by the finance team before we can respond. "
     "We aim to send you a full response by 12 July 2024.", "extension"),
    ("The council received 688 applications and granted 614.\n\nCould you let us know whether you mean the budget for this "
     "year or the last? We will answer that part when we hear from you. Meanwhile the figures above are final.", "response"),
    ("A review has now been completed by a senior officer who was not involved in the original decision, and the decision "
     "to withhold the names under section 40(2) is upheld.", "internal_review_response"),
])
def test_kinds_a_third_review_of_the_whole_day_found(reply, kind):
    assert foiparse.parse(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening="")).messages[1].kind == kind


ONE = "612 HMOs are licensed in the borough, of which 40 are in the town centre and the rest in the outer wards."
TWO = "88 inspections were made in the year, most of them after complaints from tenants about damp or fire safety."


@pytest.mark.parametrize("reply, expected", [
    # an opening line that ends on its date with no full stop, the answers on the lines under it
    ("I write in connection with your request for information received on 04/03/2024\n" + ONE + "\n" + TWO, ONE),
    # "You asked:" over each answer is no introduction
    ("You asked:\nHow many HMOs are licensed?\n" + ONE + "\nYou asked:\nHow many inspections were made?\n" + TWO, None),
])
def test_prose_answers_a_third_review_of_the_whole_day_found(reply, expected):
    got = answers(page(["How many HMOs are licensed in the borough?", "How many inspections were made in the year?"], reply, opening=""))
    if expected is None:
        assert ONE in got[0]
    else:
        assert got[0].startswith(expected)


def test_further_opening_sentences_before_one_paragraph_per_question_are_left_out():
    reply = (
        "Thank you for your request for information, which we received on 01/07/2024. I am sorry that this response is later than "
        "it should have been. I can confirm that the council holds the information.\n"
        "The council licenses 612 HMOs across the borough, and a further 40 houses are exempt from licensing.\n"
        "The private sector housing team made 88 HMO inspections in the year, most of them after complaints."
    )
    assert answers(page(["How many HMOs does the council license?", "How many HMO inspections did the team make?"], reply, opening="")) == [
        "The council licenses 612 HMOs across the borough, and a further 40 houses are exempt from licensing.",
        "The private sector housing team made 88 HMO inspections in the year, most of them after complaints."]


def test_an_opening_line_ending_on_its_reference_with_no_full_stop_ends_there():
    reply = f"I refer to your request for information of 3 June 2024 (ref FOI/24/0412)\n{BODY}"
    assert answers(page(["The number of licensed HMOs.", "The number of HMO inspections each year."], reply, opening="")) == [BODY] * 2
