"""Each question paired with the authority's answer.

Responses answer in three shapes: they repeat each numbered question and
answer under it, they list answers only ("1. No"), or they answer in prose
for the whole request. Numbered blocks are paired by label; within a block
the repeated question is walked off word by word, so what remains is the
authority's own answer even where a flattened table put the answer on the
question's first line ("1. The total number of agencies used 1").
"""
from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter

from .fold import PARAGRAPH_NUMBER, QUOTATION_OPENINGS, closes_quotation
from .model import ANNOTATION, BOILERPLATE, FURNITURE, OWN, QUOTED, Message, Question, Thread
from .questions import BULLET, ROMAN, choose_run, match_item, parse_items, section_label
from .scan import case_blind, plain_word, plain_words

ANSWERING_KINDS = ("response", "internal_review_response")
# Kinds the classifier gives replies whose words name no answer; their numbered blocks can still prove them responses.
MAYBE_ANSWERING = ("other", "acknowledgement", "extension")
# An answer that sends the reader elsewhere: "Please see response below", "See answer to Q3", "N/A – see Q2",
# "Refused under section 12 – please see our response to question 3 above" (a lead-in naming a refusal or an
# exemption before a dash; not "Yes – see our response to question 1", which answers)
POINTER_BELOW = re.compile(r"^\W*(?:please\s+)?see\s+(?:the\s+)?(?:response|answer|reply|information)s?\s+below\W*$", re.I)
POINTER_TO = re.compile(
    r"^\W*(?:n/?a\W+|(?=[^.\n]{0,30}(?:refus|exempt|withh|section|regulation))[^.\n]{3,60}?\s[–—-]\s+)?(?:please\s+)?(?:see|refer to)\s+"
    r"(?:(?:the\s+|my\s+|our\s+)?(?:response|answer|reply)\s+(?:to|at|for|under|given (?:to|at|for|under))\s+(?:question\s+|part\s+|item\s+|q\.?\s*)?|question\s+|q\.?\s*)"
    r"\(?(?P<label>\d+[a-z]*|[a-z]|[ivx]{1,5})\)?(?:\s+(?:above|below))?\W*$",
    re.I,
)
# An answer that is only a pointer to an attachment: "Please find attached response to your correspondence"
IN_ATTACHMENT = re.compile(r"\battach(?:ed|ment)|\benclosed\b", re.I)
# A reply whose opening says the answer is attached: "I have attached our formal response", "Please find attached"
ANSWER_ATTACHED = re.compile(r"(?:attached|enclosed)\s+(?:is\s+|please find\s+)?(?:our|the|my|a)\s+(?:formal\s+|full\s+|final\s+)?(?:response|reply|answer)|(?:response|reply|answer)s?\s+(?:is|are)\s+attached|please find (?:attached|enclosed)", re.I)
# An item answered only by pointing at an attachment: "Please see attached.", "See the attached spreadsheet",
# "Please see the attached spreadsheet, which lists each school with the number of pupils" (a description, no figure;
# not "…, which shows that none of the car parks issued fines" nor "…, however we do not hold the reasons"),
# "This information is in the attached spreadsheet, which lists …", "A copy of our Staffing Policy is attached."
ATTACHMENT_ONLY = re.compile(
    r"^\W*(?:please\s+)?(?:see|refer to|find)\s+(?:the\s+)?(?:attached|attachment|enclosed)\b[^.]{0,40}"
    r"(?:,?\s*which (?:lists|contains|sets out|gives|provides|includes|details|breaks down)\b[^.\d]{0,120})?\.?\s*$"
    r"|^\W*(?:this|the) (?:information|answer|data|breakdown|list) (?:is|are|can be found) (?:provided |set out |given |shown )?in the (?:attached|enclosed)\b"
    r"|^\W*(?:a|the) copy of (?:the |our |its )?[^.\d]{0,80}? (?:is|are) (?:attached|enclosed)\.?\s*$",
    re.I,
)
# An answer that opens with its verdict: "Yes.", "No –"
YES_OR_NO = re.compile(r"^\W*(?:yes|no)\b", re.I)
# The head of a letter before its text: "Our reference: 4011595   Information request", a rule of dashes,
# "FREEDOM OF INFORMATION REQUEST REFERENCE NO: 2024/0041"
LETTER_HEAD = re.compile(
    r"^\s*(?:(?:our|your)\s+ref(?:erence)?\b.*|[-_=*]{5,}\s*|(?:freedom of information |foi |information )?request reference(?: no\.?| number)?\s*:?\s*\S.*"
    r"|(?:re:?\s*)?(?:request for information|information request|freedom of information(?: act 2000)?(?: request)?|foi request"
    r"|environmental information regulations(?: 2004)?(?: request)?)\s*[–—:-]\s*[^.]*)$",
    re.I,
)
# A heading that closes a table of answers with notes on all of them: "Notes:", "Please note:"
GENERAL_NOTES = re.compile(r"^\s*(?:(?:notes?|please note|general notes?|additional (?:notes|information)|background)\s*:?\s*$|notes?\s*:)", re.I)
# A paragraph after the last answer about all of them: "The figures above were extracted on 9 August 2023",
# "Please note that the information supplied is a snapshot", "All figures exclude VAT"; not "Please note this does
# not include the cost of the DBS check", on the answer above
NOTES_PARAGRAPH = re.compile(r"^\s*(?:please note\b(?!,? (?:that )?(?:this|it)\b)|the (?:figures|information|data|numbers) (?:above|supplied|provided|given)\b|the above (?:figures|information|data)\b|(?:all|these) (?:figures|numbers)\b)", re.I)
# Of those, the ones that close a table even with no blank line before: "All figures are for financial years"
# "Please note that the answers above are accurate as at 16 August 2024"
# or a word on the reply's other part, "Part 2 of 2 will follow as soon as possible." (not "Please note that the data
# above is taken from …", which may be on the last answer alone)
NOTES_LINE = re.compile(
    r"^\s*(?:(?:all|these) (?:figures|numbers) (?:are|were|include|exclude|relate|cover)\b|the (?:figures|numbers) above\b"
    r"|(?:please note,? (?:that )?)?the (?:answers|responses)(?: (?:given|provided|supplied))? above\b|part \d of \d (?:will|to) follow\b)",
    re.I,
)
# A heading after the answers over the reasons for a refusal, which answer no item: "REASONS FOR DECISION",
# "Harm Test", "Public Interest Test", "Exemptions applied:", "Section 17 – Refusal notice"
REFUSAL_REASONS = re.compile(r"^\s*(?:reasons? for (?:the |this |our )?decision|harm test|public interest test|balance test|(?:the )?exemptions? (?:applied|engaged)|(?:section 17\W+)?refusal notice)\s*:?\s*$", re.I)
# One answer for several items: "Q5 and Q6: ...", "Q1-4: none", "Questions 2 and 3 – ...", "3. and 4. To follow",
# "Questions 3, 5 and 7"; must not match "Q2 - 3.5 FTE"
LABEL_RANGE = re.compile(
    r"^\s*(?:Q|Questions?|Items?|Parts?)?\s?(?P<first>\d{1,3}[a-z]?)(?P<middle>(?:,\s*Q?\d{1,3}[a-z]?(?=,|\s+and\b))*)[.)]?\s*(?P<joiner>and|&|to|–|-|,)\s*(?:Q|Questions?|Items?|Parts?)?\s?(?P<last>\d{1,3}[a-z]?)(?:\s*[:.)–-](?!\d)\s*|\s*$)(?P<rest>.*)$",
    re.I,
)
# What LABEL_RANGE opens with besides a digit ("Q", "Questions", "Items", "Parts"): other lines skip the pattern.
RANGE_INITIALS = case_blind("qip")
# An answer introduced in prose: "In answer to question 1, the council …", "Regarding question 2: …",
# "Finally, on question 4, yes.", "In relation to your first question, …", "Turning to your fourth question, …",
# "Finally, with regard to the fifth part of your request, …", "In answer to part (a) of your request, …",
# "Response to question 1:", "With regards to points 1 and 2, …", "Regarding questions 3, 4 and 5, …"
PROSE_LABEL = re.compile(
    r"^\s*(?:(?:finally|lastly|and|turning to),?\s+)?(?:in (?:answer|response|reply|relation) to|(?:answer|response|reply) to|regarding|as (?:to|for|regards)|with regards? to|turning (?:now )?to|on|for)"
    r"\s+(?:(?:your|the)\s+)?(?:(?:question|q|item|part|point)s?\s*(?:(?P<label>\d{1,3}[a-z]?)|\((?P<bracketed>[a-z]|[ivx]{1,5}|\d{1,3})\))(?P<more>(?:(?:,\s*|\s+and\s+)\d{1,3}[a-z]?)*)(?:\s+of\s+your\s+request)?"
    r"|(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:question|item|part|point)(?:\s+of\s+your\s+(?:request|questions))?)"
    r"\s*[,:.–-]\s*(?P<rest>.*)$",
    re.I,
)
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# What PROSE_LABEL opens with ("finally", "lastly", "and", "turning", "in", "answer", "response", "reply",
# "regarding", "as", "with", "on", "for")
PROSE_INITIALS = case_blind("fltairwo")
# Not an answer yet: "To follow, as explained above.", "This information will follow shortly."
DEFERRED = re.compile(r"^\W*(?:(?:this|these|the (?:information|answers?|figures?))(?: will| is to) follow|to follow\b|will follow\b|(?:will be|to be) (?:provided|sent) (?:later|shortly|separately|in due course))", re.I)
# A bullet before an item of an answer: "• 239", "▪ Gorse Lane", "* 2021/22: £9,412,806", "o     2021/22 – 14,206"
# (a dash stays: it may be a minus sign; a star needs a space after it, where questions.BULLET takes any star,
# because an answer may open with bold text: "*Please note:* a shift above the cap …")
ANSWER_BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□]\s*|\*\s+|o(?:\s\s|\t)\s*)")
# A label before the answer itself: "Answer: 23.5 FTE", "Response – No"
ANSWER_LABEL = re.compile(r"^\s*(?:(?:our|the council'?s|the trust'?s) )?(?:answer|response|reply|a)\s*[:.–-]\s*", re.I)
# The line above a list that gives reasons or notes, not answers in order: "… under section 12 because:", "Please note:"
NOT_ANSWERS_LEAD = re.compile(r"(?:because|reasons?|please note|notes?|the following (?:points|reasons))\s*[:,–-]?\s*$", re.I)
# The verbs that make the rest of a repeated question's line a sentence of its own ("… delay in 2023 was 22 hours"),
# where "… blocked in 2023 not recorded" is the question and then its answer
SENTENCE_VERBS = frozenset({"was", "were", "is", "are", "has", "have", "had", "totalled", "totaled", "amounted", "stood", "came"})
# The mark of a sub-item where a reply repeats a parent question with its sub-items run in:
# "2. For each of those two years: (i) the number …; and (ii) the largest …"
SUB_ITEM_MARK = re.compile(r"^\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)[.,;:]?$")
# A label over a question the response repeats without its number: "You asked: How many …", "Question: …"
ASKED_LABEL = re.compile(r"^\s*(?:you asked|your (?:request|question)|question|request|information requested)\s*[:.–-]\s*", re.I)
# Lines that open a reply before its answer: "Dear Ms Gillies,", "Thank you for your request ... received on 15/01/19.",
# "I write in connection with your request for information received on 09/01/2024, a copy of which is given below.",
# "Please find below, Sheffield City Council's response to your request:", "You asked:" over the request quoted
SALUTATION = re.compile(r"^\s*(?:Dear\s|Good (?:morning|afternoon)|Hello|Hi\b)", re.I)
THANKS_OPENING = re.compile(r"^\s*(?:Thank you for (?:your|contacting)|I (?:write|am writing) (?:in connection with|with regard to|regarding|about|in response to) your request|I refer to your request)", re.I)
# The end of a sentence within a line or at its end: "… received on 15/01/19." (not "No. 4", "i.e. the", "£1.50",
# "St. Mary's", "Mr. Jones", "our ref. FOI/24/118"; a colon ends one only at the line's end: "'Parking: 2023'")
SENTENCE_END = re.compile(r"(?<!\bNo)(?<!\be\.g)(?<!\bi\.e)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bref)(?<!\bRef)(?<!\bnr)\.\s+(?=[A-Z0-9£])|[.:]\s*$")
# An opening sentence that goes on into the answer: "I write in connection with your request …, and I can confirm that …",
# "… dated 3 June 2024 and can confirm that …", "… and would advise that …", "… of 3 June 2024; the council does not use …"
# (not "…, and I am pleased to provide …", "…, and I apologise for the delay", "…; your reference number is …", nor a list of the
# request's items echoed "… concerning (1) the formula …; (2) any assessment …")
OPENING_GOES_ON = re.compile(
    r"(?:,?\s+and\s+(?:(?:I|we)\s+)?(?:can\s+|would\s+|wish\s+to\s+)?(?:confirm|advise|inform)\b"
    r"|[;:]\s+(?:the|we|I)\s(?!(?:reference|ref)\b))"
)
# The title of the Act over a letter: "Freedom of Information Act 2000"
ACT_TITLE = re.compile(r"^\s*(?:Freedom of Information(?: \(Scotland\))? Act 20\d\d|Environmental Information(?: \(Scotland\))? Regulations 20\d\d)$", re.I)
# An opening line that ends with no full stop on a date or a reference: "… received on 3 June 2024", "… (ref FOI/24/0412)"
# (not on a word: "… received by" / "Wexmoor Constabulary on 18 July" goes on)
OPENING_LINE_END = re.compile(r"[\d)]\s*$")
# A further opening sentence after the first: "Your request has been considered under the Freedom of Information Act 2000.",
# "I am sorry that this response is later than it should have been.", "I can confirm that the council holds the information."
FURTHER_OPENING = re.compile(
    r"\s*(?:your request has (?:now )?been (?:considered|dealt with|processed|handled)|(?:I|we) have (?:considered|processed|dealt with|handled) your request"
    r"|(?:I am|we are) sorry (?:that|for)\b[^.]*\b(?:late|delay)|(?:please accept )?(?:my |our )?apologies for the delay"
    r"|(?:I|we) can confirm that the (?:council|trust|force|department|authority) holds (?:the|this|some of the) information(?: you (?:have )?(?:requested|asked for))?\.)",
    re.I,
)
# (Lines are right-stripped, so each alternative ends on a word and the stop is checked in code.)
INTRO = re.compile(
    r"(?:response|reply|answers?|information) (?:to your request )?(?:is |are )?(?:set out )?(?:below|as follows)[:;.]?$"
    r"|(?:please )?find below\b|\bresponse to your request[:.]?$",
    re.I,
)
# The request quoted under an introduction: "You asked:", "In your email of 8 July 2024 you asked:" (an introduction
# only where the reply has one: a reply that restates each question so answers under each)
YOU_ASKED = re.compile(
    r"(?:^|[.!?]\s+)(?:in your (?:e-?mail|letter|request)(?: of [^.:]{1,30})?,? )?(?:you asked|your request (?:was|read|said)|you requested|you wrote)"
    r"(?: as follows| for the following| the following)?:$",
    re.I,
)
# The request restated over a "Response" heading: "You asked for the number of …", "Your request: …?"
RESTATED = re.compile(r"\byou asked\b|\byour request\b|\?\s*$", re.I)
# A heading over the answer, below the introduction or the request restated: "Response", "Our response:"
# (one only: a reply with one for each part keeps them)
ANSWER_HEADING = re.compile(r"^\s*(?:our )?(?:response|answer|reply):?$", re.I)
# How many lines at a prose reply's top may introduce its answer
INTRO_REACH = 6
# A clarification that restates the request in new numbers: "My revised request is:", "I have dropped my original question 2"
REVISED_REQUEST = re.compile(r"\b(?:revised|amended|narrowed|updated|reworded|re-worded|refined)\s+(?:request|questions?|list|version)\b|\bdropp(?:ed|ing)\s+(?:my\s+)?(?:original\s+)?(?:question|item|part|point)", re.I)
# The share of a revised item's words (or its question's, if fewer) the two must have in common to be one question
REVISED_ITEM_OVERLAP = 0.4
# Words too common to show that two phrasings of a question are the same one
STOP_WORDS = frozenset({"the", "a", "an", "of", "or", "and", "to", "in", "for", "on", "by", "each", "any", "your", "you", "is", "are", "was", "were", "how", "what", "many", "much"})
def _in_order(words: list[str], within: list[str]) -> bool:
    """Whether the words stand in this order in the other list, others between them allowed."""
    remaining = iter(within)
    return all(word in remaining for word in words)


def _is_sub_item(label: str, parent: str) -> bool:
    """Whether a question's label puts it under another: 2a, 2bii and 2.1 under 2 (not 21 under 2)."""
    return label != parent and label.startswith(parent) and parent[-1:].isdigit() and not label[len(parent)].isdigit()


# Words a restated question does not add, but an answer that restates it does: "… in 2023 was nil"
ANSWER_WORDS = frozenset({"was", "were", "is", "are", "nil", "none", "zero", "yes", "no", "not", "held", "totalled", "totaled"})


def _strip_shortened_question(question: str, block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The block less its first paragraph where that repeats the question in fewer words ("… under Part II
    of RIPA, broken down by year." for "… under Part II of the Regulation of Investigatory Powers Act 2000
    (RIPA), broken down by year."): it opens as the question does, nearly all its words are the question's,
    and the answer follows after a blank line."""
    blank = next((k for k, (_, text) in enumerate(block) if not text.strip()), None)
    if blank is None or not any(text.strip() for _, text in block[blank:]):
        return block
    words = plain_words(" ".join(text for _, text in block[:blank]))
    wanted = plain_words(question)
    if len(words) < 4 or not wanted or words[0] != wanted[0] or not _in_order(words[:3], wanted[:5]):
        return block
    known = set(wanted)
    if any(word.isdigit() or word in ANSWER_WORDS for word in words if word not in known):
        return block  # "… in the 2023 calendar year was nil.": the answer, restating the question
    lines = [plain_words(text) for _, text in block[:blank]]
    mostly_question = all(sum(word in known for word in line) >= 0.75 * len(line) for line in lines)  # no answer "14" below it
    return block[blank:] if mostly_question and sum(word in known for word in words) >= 0.85 * len(words) else block


def _strip_repeated_question(question: str, block: list[tuple[int, str]], sub_items: bool = False) -> list[tuple[int, str]]:
    """The block's lines less the question the response repeats at its top.

    The block counts as repeating the question only when it opens with the
    question's first word and has its next two among the question's first five
    ("How many staff work …" repeats "How many full-time staff work …"). Block words are then matched in order
    against the question's words (a skip of up to two question words
    allowed); matching stops at the first line that shares no word with the
    question, or when the question is used up. A line wholly matched is the
    question; a partly matched line keeps its unmatched words, or all of
    itself when it is a bullet (a sub-item with its figure: "• In 2023 £0").
    Where the line that ends the match goes on in lower case with no stop
    between and with a verb ("The total value of DFGs paid in 2022/23 was
    £1,612,480."), the line is a sentence of the answer that restates the
    question, not the question.
    With sub_items, the question is a parent item's text followed by its
    sub-items' ("For each year: (i) the number …; and (ii) the largest …"),
    and the sub-items' marks in the reply are passed over.
    """
    wanted = plain_words(question)
    opening: list[str] = []
    for _, text in block:
        opening.extend(plain_words(text))
        if len(opening) >= 3:
            break
    if not wanted or not opening or opening[0] != wanted[0] or not _in_order(opening[:min(3, len(wanted))], wanted[:5]):
        return block
    pointer = 0
    sentence_goes_on = False
    verdicts: list[tuple[int, str, int, int, list[str]]] = []
    matching = True
    for number, text in block:
        if not matching or pointer == len(wanted):
            verdicts.append((number, text, 0, 0, []))  # past the question: the line stays whole
            continue
        matched, total, kept = 0, 0, []
        kept_before_a_match = False
        last_matched_word = ""
        for word in text.split():
            norm = "" if sub_items and SUB_ITEM_MARK.match(word) else plain_word(word)
            if not norm:
                if matched and not kept:
                    last_matched_word += word  # "… paid – £1.6m": a dash after the question sets its answer off
                continue
            total += 1
            if pointer < len(wanted):
                if norm == wanted[pointer] or norm in wanted[pointer + 1:pointer + 3]:
                    pointer = wanted.index(norm, pointer, pointer + 3) + 1
                    matched += 1
                    kept_before_a_match = kept_before_a_match or bool(kept)
                    last_matched_word = word
                    continue
            kept.append(word)
        verdicts.append((number, text, matched, total, kept))
        if matched:
            # "The longest delay in 2023 was 22 hours": the match ends and the line's sentence goes on
            # (not "… in the finance department? 41": the question ends and its answer follows)
            sentence_goes_on = (bool(kept) and kept[0][:1].islower() and not SENTENCE_VERBS.isdisjoint(w.lower() for w in kept[:4])
                                and not kept_before_a_match and " | " not in text and not BULLET.match(text)
                                and not last_matched_word.endswith(("?", ":", ".", ";", "-", "–", "—")))
        if total and not matched:
            matching = False
    if pointer < 0.6 * len(wanted):
        return block
    if sentence_goes_on:
        return block  # the answer restates the question in a sentence of its own: it is all answer
    out = []
    for number, text, matched, total, kept in verdicts:
        if total == 0 or matched == 0:
            out.append((number, text))
        elif matched < total:
            out.append((number, BULLET.sub("", text, count=1) if BULLET.match(text) else " ".join(kept)))
    return out


def _strip_table_question(question: str, text: str) -> str:
    """The answer cell of a table row flattened to "question | answer" ("2. Total duration of suspensions (hours) |
    187 hours"), where the first cell restates the question in other words: it shares at least two words with it.
    A cell that repeats the question's own opening is left to _strip_repeated_question, which follows it across
    wrapped rows."""
    if " | " not in text:
        return text
    cell, answer = text.split(" | ", 1)
    cell_words, question_words = plain_words(cell), plain_words(question)
    if cell_words[:3] == question_words[:3]:
        return text
    shared = set(cell_words) & set(question_words) - STOP_WORDS
    return answer.strip() if len(shared) >= 2 and answer.strip() else text


# The run of spaces between a table's cells, laid out in spaces: "3.   How many dwellings were charged the   1,412."
CELL_GAP = re.compile(r"\S( {3,})(?=\S)")
# The end of an answer cell that stops mid-sentence: "412 notices, of which", "… and"
MID_SENTENCE_END = re.compile(r"(?:\b[a-z]+|,)$")
# How far a wrapped line's cell may stand from the column its row opened
CELL_SLACK = 4


def _answer_cell(rows: list[tuple[int, str]], question: str) -> list[tuple[int, str]] | None:
    """The answer cells of a table laid out in spaces, joined, where the first cell restates the question
    (its opening, or its words in its order) and a wrapped line keeps to the columns:
        3.   How many dwellings were being charged the   1,412. The premium is charged at
             long-term empty homes premium on 1 April    100% after two years, 200% after
    The answer runs from the first gap to the line's end (a row may hold a cell for each year). The table
    ends at a line that crosses the column (a note under it). A row with no wrapped line is left to the
    other readings, as is a breakdown by category, whose next row opens as the first does ("Fixed penalty
    notices issued for littering   1,204" / "Fixed penalty notices issued for dog fouling   312")."""
    first = rows[0][1]
    gap = next((gap for gap in CELL_GAP.finditer(first) if len(first[:gap.start(1)].split()) >= 3), None)  # past "3.   How many"
    if not gap:
        return None
    column = gap.end(1)
    cell, asked = _less_article(plain_words(first[:column])[1:]), _less_article(plain_words(question))  # (less the item's label)
    content = [word for word in cell if word not in STOP_WORDS]
    if len(cell) < 3 or not (cell[:3] == asked[:3] or (len(content) >= 3 and _in_order(content, asked))):
        return None
    parts = [" ".join(first[column:].split())]
    kept = 0
    after_blank = False
    for _, text in rows[1:]:
        if not text.strip():
            after_blank = True
            continue
        if plain_words(text)[:3] == cell[:3]:
            return None  # a breakdown by category, not the question's cell wrapped
        wrapped = _wrapped_cell(text, column)
        if not text[:1].isspace() and not wrapped:  # a line at the margin with no cell in the answer column
            if after_blank:
                break  # a line of its own under the table ("Ref: MVDC 24-0392")
            if set(plain_words(text)) <= set(asked):
                kept += 1  # the question's cell wrapped to the margin: "own?"
                continue
            if not MID_SENTENCE_END.search(parts[-1]):
                break  # a note under the table, after an answer complete in itself ("88", "… Assistant).")
            parts.append(" ".join(text.split()))  # the answer's end, wrapped to the margin by a mail client
            kept += 1
            continue
        if wrapped is None:
            break
        kept += 1
        after_blank = False
        if wrapped:
            parts.append(wrapped)
    return [(rows[0][0], " ".join(parts))] if kept else None


def _less_article(words: list[str]) -> list[str]:
    """The words less a leading article: a cell says "Number of repair requests" for "The number of repair requests"."""
    return words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words


def _wrapped_cell(text: str, column: int) -> str | None:
    """A wrapped line's answer text ("" where only the question's cell goes on), or None where it crosses the column."""
    if len(text.rstrip()) <= column - CELL_SLACK:
        return ""
    starts = [gap.end(1) for gap in CELL_GAP.finditer(text)] + [len(text) - len(text.lstrip())]
    start = next((at for at in starts if abs(at - column) <= CELL_SLACK), None)
    return None if start is None else " ".join(text[start:].split())


def _strip_restated_question(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The block less an opening paragraph that asks a question, when an answer follows it: the response
    restates the item in other words than the request's (often as clarified), then answers it."""
    block = _trim(block)
    end = next((k for k, (_, text) in enumerate(block) if not text.strip()), None)
    if end is None or end > 4 or not block[end - 1][1].rstrip().endswith("?"):
        return block
    return block[end:]


def _trim(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    lines = [(n, t) for n, t in lines]
    while lines and not lines[0][1].strip():
        lines.pop(0)
    while lines and not lines[-1][1].strip():
        lines.pop()
    return lines


def _answer_text(lines: list[tuple[int, str]]) -> str:
    """Lines joined as written, but a line a mail client wrapped (a long line that stops mid-sentence,
    or a next line in lower case) joins the next with a space; list bullets go, their items stay."""
    out, previous = "", ""
    for _, text in lines:
        text = " ".join(ANSWER_BULLET.sub("", text, count=1).split())
        if not text:
            continue
        wrapped = text[0].islower() or (len(previous) >= 50 and not previous.endswith((".", "?", "!", ":", ";")))
        out += (" " if wrapped else "\n") + text if out else text
        previous = text
    return out


def _range_labels(text: str, labels: set[str]) -> tuple[list[str], str] | None:
    """The labels of a line that answers several items at once ("Q5 and Q6:", "Q1-4:"), and the text after."""
    head = text.lstrip()[:1]
    match = LABEL_RANGE.match(text) if head in RANGE_INITIALS or head.isdecimal() else None
    if not match:
        return None
    first, last = match.group("first"), match.group("last")
    if match.group("joiner").strip().lower() in ("to", "-", "–") and first.isdigit() and last.isdigit():
        wanted = [str(n) for n in range(int(first), int(last) + 1)]
    else:
        wanted = [first, *re.findall(r"\d{1,3}[a-z]?", match.group("middle")), last]
    found = [label for label in wanted if label in labels]
    return (found, match.group("rest")) if len(found) >= 2 else None


def _item_starts(own: list[tuple[int, str]], labels: set[str]) -> list[tuple[int, tuple[str, ...], str, bool]]:
    """(index into own, question labels, text after the marker, whether words name the item) for each line
    that opens with question labels ("In answer to part (a)" names it in words; "(a)" is only a marker).

    A list indented deeper than the answers' own labels is a list inside an
    answer ("2. The sites are:" over "   1. Marlow Road"), not the next answers.
    """
    stack: list[tuple[str, str]] = []  # (level kind, full label)
    starts = []
    margin = None  # indentation of the first label met
    section = ""  # the letter of the part heading above ("Part B" makes item 2 the question B2)
    # The questions of a request in lettered parts, in order (A1, A2, B1 …), for answers with no part headings:
    # numbered on from the last ("3." after A2 answers B1), or afresh for the next part ("1." after A2 answers B1)
    in_parts = sorted((label for label in labels if label[:1].isupper() and label[1:].isdecimal()), key=lambda label: (label[0], int(label[1:])))
    last_in_parts: int | None = None  # index in in_parts of the last unheaded answer
    last_number = 0  # and the number it was written with
    for k, (_, text) in enumerate(own):
        stripped = text.lstrip()
        head = stripped[:1]
        if not head:
            continue
        if head in QUOTATION_OPENINGS and stripped[1:2].isalnum():
            # a service's answers pasted in quotation marks: '"1. 1,284 claims were received'
            text = text.replace(head, " ", 1)
            stripped, head = stripped[1:], stripped[1:2]
        heading = section_label(text) if in_parts else None
        if heading and any(label.startswith(heading) for label in labels):
            section, stack = heading, []
            continue
        indent = len(text) - len(stripped)
        if margin is not None and indent > margin + 1:
            continue
        if k and own[k - 1][0] == own[k][0] - 1 and _mid_sentence(own[k - 1][1]):
            continue  # "… in parts 1, 2 and" / "4. The information …": a number the mail client wrapped to the line start
        several = _range_labels(text, labels)
        if several:
            starts.append((k, tuple(several[0]), several[1], False))
            margin = indent if margin is None else margin
            continue
        numbered = PARAGRAPH_NUMBER.match(text) if head.isdecimal() else None  # "3. In answer to part (a) …": a letter that numbers its paragraphs
        prose_text = text[numbered.end():] if numbered else text
        prose = PROSE_LABEL.match(prose_text) if prose_text.lstrip()[:1] in PROSE_INITIALS else None
        label = (prose.group("label") or prose.group("bracketed") or str(ORDINALS.index(prose.group("ordinal").lower()) + 1)) if prose else None
        if label in labels:
            named = (label, *(more for more in re.findall(r"\d{1,3}[a-z]?", prose.group("more") or "") if more in labels))
            starts.append((k, named, prose.group("rest"), True))
            margin = indent if margin is None else margin
            continue
        found = match_item(text) if not (head in "Qq" and QUARTER_ROW.match(text)) else None
        if not found:
            continue
        part, kind, rest = found
        if kind == "letter":
            kind = "roman" if part.lower() in ROMAN and (any(s[0] == "roman" for s in stack) or part.lower() == "i") else "alpha"
        kinds = [s[0] for s in stack]
        if kind in kinds:
            del stack[kinds.index(kind):]
        label = part if kind in ("compound", "numalpha") or not stack else stack[-1][1] + part
        chosen = next((c for c in (section + label, label, part) if c in labels), None)
        if chosen is None and in_parts and not section and label.isdecimal():
            chosen = _unheaded_part_answer(in_parts, last_in_parts, last_number, int(label))
            if chosen:
                last_in_parts, last_number = in_parts.index(chosen), int(label)
        if chosen is not None:
            stack.append((kind, chosen))
            nested = _nested_start(rest, chosen, labels)
            if nested:  # "3. (a) The Agency inspected 6,805 stations": the answer to 3a, under its parent
                stack.append(nested[:2])
            starts.append((k, (nested[1] if nested else chosen,), nested[2] if nested else rest, False))
            margin = indent if margin is None else margin
    return starts


# What follows a sub-item's label that names more of them: "and (b):", "to (c) –", "& b)", "-(c)", "/(b)"
SUB_ITEM_RANGE = re.compile(r"^(?:and|&|to|,|[-–—/])\s*\(?[a-z]{1,4}\)", re.I)


def _nested_start(rest: str, parent: str, labels: set[str]) -> tuple[str, str, str] | None:
    """(level kind, label, text after) where a parent's label opens with its first sub-item's on the same line."""
    found = match_item(rest) if rest[:1] in "([" or (rest[:1].isalpha() and rest[1:2] in ".)") else None
    if not found or found[1] != "letter" or parent + found[0] not in labels:
        return None
    part, _, text = found
    if SUB_ITEM_RANGE.match(text):
        return None  # "3. (a) and (b): …": one answer for the parent's parts, the parent's
    return ("roman" if part.lower() == "i" else "alpha", parent + part, text)


# How far a quotation of the request may run before its closing mark is taken for another's
QUOTATION_MAX_LINES = 80
# The share of a quotation's words that must be the questions' for it to be the request quoted
# (its lead-in, "Please provide for financial years 2016/17 …", is the rest)
QUOTED_REQUEST_SHARE = 0.8


def _outside_quoted_request(own: list[tuple[int, str]], starts: list[tuple[int, tuple[str, ...], str, bool]],
                            texts: dict[str, str]) -> list[tuple[int, tuple[str, ...], str, bool]]:
    """The starts less those inside a quotation of the request: a receipt that quotes it ('Your request was:
    "Please provide … 1) The list … 4) Reasons … accounts."') answers none of its items, and a reply that
    answers below such a quotation answers under the labels it repeats. A quotation is the request's where
    it holds two items or more and its words are the questions' (answers typed inside it, or a service's
    answers pasted in quotation marks, are not; nor is the text between a quoted word that a line opens
    with and one that another ends with)."""
    if len(starts) < 2:
        return starts
    asked = set(plain_words(" ".join(texts.values())))
    quoted: set[int] = set()
    k = 0
    while k < len(own):
        text = own[k][1].strip()
        if text[:1] in QUOTATION_OPENINGS and not closes_quotation(text[1:]):
            close = next((j for j in range(k + 1, min(len(own), k + QUOTATION_MAX_LINES)) if closes_quotation(own[j][1])), None)
            if close is not None:
                inside = {position for position, *_ in starts if k <= position <= close}
                words = plain_words(" ".join(t for _, t in own[k:close + 1]))
                if len(inside) >= 2 and sum(word in asked for word in words) >= QUOTED_REQUEST_SHARE * len(words):
                    quoted |= inside
                    k = close
        k += 1
    return [start for start in starts if start[0] not in quoted] if quoted else starts


def _unheaded_part_answer(in_parts: list[str], last: int | None, last_number: int, number: int) -> str | None:
    """Which question of a request in parts an answer numbered without its part's heading answers."""
    following = 0 if last is None else last + 1
    if following >= len(in_parts):
        return None
    if last is not None and number == last_number + 1:
        return in_parts[following]  # numbered on: the next question, in this part or the next
    if number == 1:
        return next((label for label in in_parts[following:] if label[1:] == "1"), None)  # numbered afresh
    return None


def _mid_sentence(previous: str) -> bool:
    """A long line of prose that stops without a full stop: the next line carries on its sentence."""
    if len(previous) < 60:
        return False
    text = previous.rstrip()
    prose = "   " not in text.strip() and text.lstrip()[:1] not in "•·-*|"  # not a table row, not a list item
    return prose and len(text) >= 60 and (text[-1:].islower() or text.endswith(","))


def _closes_answers(own: list[tuple[int, str]], j: int) -> bool:
    """A line after the last answer that opens notes on all of them, or the reasons for a refusal: not part of that answer."""
    if GENERAL_NOTES.match(own[j][1]) or NOTES_LINE.match(own[j][1]) or REFUSAL_REASONS.match(own[j][1]):
        return True
    return bool(NOTES_PARAGRAPH.match(own[j][1])) and j > 0 and not own[j - 1][1].strip()


def _numbered_answers(message: Message, questions: list[Question], restated: dict[str, list[str]] | None = None) -> dict[str, list[tuple[int, str]]]:
    """Each question's answer from the blocks of the message's own lines that open with its label.

    Answers may come in any order, and one block may answer several items
    ("Q5 and Q6: ..."). A label met again replaces its first block only when
    that block held nothing but the repeated question (a reply that lists
    the questions, then answers them), or when words name the item the
    second time and not the first (a letter that restates the request as
    "(a) …", "(b) …", then says "In answer to part (a) of your request, …");
    otherwise the later line is a list inside an answer and stays part of it.
    A reply may repeat an item in the words the requester restated it in
    (``restated``, from a clarification: "4. The total appliance hours …").
    """
    own = message.own_lines
    texts = {q.number: q.text for q in questions}

    def with_sub_items(label: str) -> str:
        """What a reply may repeat over a parent item's answer: the item and its sub-items ("2. For each year: (i) … (ii) …")."""
        if not label[-1:].isdigit():
            return texts[label]
        return " ".join([texts[label]] + [t for other, t in texts.items() if _is_sub_item(other, label)])

    accepted: list[tuple[int, tuple[str, ...], str, bool]] = []
    answers: dict[str, list[tuple[int, str]]] = {}

    def block(position: int) -> list[tuple[int, str]]:
        k, labels, rest, _ = accepted[position]
        if position + 1 < len(accepted):
            end = accepted[position + 1][0]
            while end - 1 > k and (not own[end - 1][1].strip() or section_label(own[end - 1][1])):
                end -= 1  # the next part's heading ("Part B – Budgets") is not this answer's last line
        else:
            end = next((j for j in range(k + 1, len(own)) if _closes_answers(own, j)), len(own))
        cell = _answer_cell(own[k:end], texts[labels[0]])
        if cell:
            return cell
        rest = _strip_table_question(texts[labels[0]], rest)
        lines = [(own[k][0], rest)] + own[k + 1:end]
        without = lines
        repeated = with_sub_items(labels[0])
        if repeated != texts[labels[0]]:
            without = _strip_repeated_question(repeated, lines, sub_items=True)
        if without is lines:  # not repeated with its sub-items: perhaps alone
            without = _strip_repeated_question(texts[labels[0]], lines)
        if without is lines:
            without = _strip_shortened_question(texts[labels[0]], lines)
        for wording in (restated or {}).get(labels[0], []) if without is lines else []:
            without = _strip_repeated_question(wording, lines)
            if without is not lines:
                break
        return _trim(_strip_restated_question(without))

    for start in _outside_quoted_request(own, _item_starts(own, set(texts)), texts):
        earlier = next((p for p in range(len(accepted) - 1, -1, -1) if set(accepted[p][1]) & set(start[1])), None)  # the latest
        if earlier is not None:
            if start[3] and not accepted[earlier][3]:
                del accepted[earlier]
            elif _holds_words(block(earlier)):
                continue
        accepted.append(start)
    blocks = [block(position) for position in range(len(accepted))]
    order = list(texts)
    _answer_parents(accepted, blocks, texts)
    for position, (_, labels, _, _) in enumerate(accepted):
        lines = blocks[position] or _shared_by_next(accepted, blocks, position, texts)
        for label in labels:
            if lines or label not in answers:
                answers[label] = lines
    return answers


def _holds_words(lines: list[tuple[int, str]]) -> bool:
    """Whether a block holds more than the heading over the answers: the repeated list's last item is followed
    by "Our response", which is no answer to it (but "Nil" is)."""
    return any(not RESPONSES_HEADING.match(text) for _, text in lines if text.strip())


# The heading over a reply's answers: "Our response", "Response:", "Answers"
RESPONSES_HEADING = re.compile(r"^\s*(?:our |the council's |the department's )?(?:responses?|answers?|reply)\s*:?\s*$", re.I)


def _parent(label: str, order: list[str]) -> str | None:
    """The item a label stands under ("1" for "1b", "2b" for "2bii"), None for a top-level item."""
    return max((other for other in order if _is_sub_item(label, other)), key=len, default=None)


def _answer_parents(accepted: list, blocks: list[list[tuple[int, str]]], texts: dict[str, str]) -> None:
    """Move to the parent an answer written once under the repeat of a parent and all its sub-items
    ("1) Corridor care" / "a) How many …" / "b) What was …" / "The Trust does not hold this information for
    either part of question 1."), where it says it is for the whole or speaks of what sets each sub-item
    apart (a table with a column for each): the answer is the parent's, and the sub-items have none.
    Otherwise it stays with the sub-items (the last one, or each: _shared_by_next)."""
    order = list(texts)
    for position, (_, labels, _, _) in enumerate(accepted):
        parent = labels[-1]
        if blocks[position] or len(labels) != 1:
            continue
        end = position + 1
        while end < len(accepted) and len(accepted[end][1]) == 1 and _is_sub_item(accepted[end][1][0], parent):
            end += 1
        children = {label for label in order if _is_sub_item(label, parent)}
        repeated = {accepted[k][1][0] for k in range(position + 1, end)}
        if end - position < 3 or repeated != children or end == len(accepted):
            continue  # not every sub-item repeated, or the last one's block runs on to the sign-off
        answer = blocks[end - 1]
        if all(not blocks[k] for k in range(position + 1, end - 1)) and answer:
            if _speaks_of_the_whole(answer, parent) or _speaks_of_each(answer, [texts[label] for label in sorted(children, key=order.index)]):
                blocks[position], blocks[end - 1] = answer, []


# Words that give an answer to an item as a whole: "for either part of question 1", "both parts", "(a) and (b)"
WHOLE_ITEM = re.compile(r"\b(?:either|both|all|each|any) (?:parts?|of (?:these|the) (?:questions|parts))\b|\(?[a-z]\) and \(?[a-z]\)|\bquestion (?P<number>\d{1,3})\b(?![a-z(.])", re.I)


def _speaks_of_the_whole(lines: list[tuple[int, str]], parent: str) -> bool:
    """Whether an answer says it is for the whole item, not for its last part alone."""
    text = " ".join(" ".join(t for _, t in lines).split())
    return any(match.group("number") in (None, parent) for match in WHOLE_ITEM.finditer(text))


def _speaks_of_each(lines: list[tuple[int, str]], items: list[str]) -> bool:
    """Whether an answer holds, for each item, a word that sets it apart from the others ("pupils", "cost", "taxi");
    an item with no word of its own asks nothing the answer could miss."""
    said = _word_stems(" ".join(text for _, text in lines))
    stems = [_word_stems(text) for text in items]
    for k, wanted in enumerate(stems):
        own = wanted.difference(*(other for j, other in enumerate(stems) if j != k))
        if own and not own & said:
            return False
    return True


def _shared_by_next(accepted: list, blocks: list[list[tuple[int, str]]], position: int, texts: dict[str, str]) -> list[tuple[int, str]]:
    """The answer under a run of repeated items with nothing between them ("(a) …", "(b) …", "(c) …",
    then one paragraph, then the next item): written for them all, it is each one's answer. The last
    item's block runs on to the sign-off, so a receipt that only repeats the list shares nothing; and
    the answer must speak of what sets each item apart ("pupils", "cost", "taxi"), or it answers only
    the last ("Officers fired a Taser on 41 occasions in 2023." under "drawn … in 2022?" and "fired … in 2023?")."""
    order = list(texts)
    run = position
    while run + 1 < len(accepted) and not blocks[run]:
        here, after = accepted[run][1][-1], accepted[run + 1][1][0]
        if here not in order or after not in order or order.index(after) != order.index(here) + 1 or _parent(after, order) != _parent(here, order):
            return []  # not the next sibling: an item's sub-items answer for it ("2." over "2a", "2b")
        run += 1
    if run + 1 == len(accepted):
        return []
    return blocks[run] if _speaks_of_each(blocks[run], [texts[accepted[k][1][-1]] for k in range(position, run + 1)]) else []


# An item's block that puts its answer off: "we need further time to consider the balance of the public interest",
# "we are extending the time for responding to these parts", "we aim to send you a full response by 29 July 2024";
# not an answer's own words ("residents who need more time to pay", "the planning authority extended the deadline")
DEFERRAL = re.compile(
    r"\b(?:need|require)s? (?:a little |some )?(?:further|more|additional) time to (?:consider|respond|reply|collate|answer|complete)"
    r"|\bextend(?:ing|ed)? the (?:time|deadline) for (?:responding|replying|our response)"
    r"|\b(?:aim|expect|hope|intend) to (?:send|provide|give) you (?:a |the |our )?(?:full |final )?(?:response|reply|answer|information)",
    re.I,
)
# Words one of which every DEFERRAL match holds: the pattern runs only where one stands
DEFERRAL_WORDS = ("time", "deadline", "send you", "give you", "provide you")
# A table row for a quarter of a financial year, not the answer to question 1: "Q1 2023/24  612  £498,310"
# (not "Q1 2023 – 18,442", an answer to question 1 about 2023)
QUARTER_ROW = re.compile(r"^\s*Q[1-4]\s+(?:19|20)\d\d[/-]\d\d\b", re.I)


# The quote marks of a line of quoted mail: "> 1. How many", ">> 2."
QUOTE_MARKS = re.compile(r"^\s*(?:>\s?)+")


def _interleaved_answers(message: Message, questions: list[Question], new: dict[str, list[str]]) -> dict[str, list[tuple[int, str]]]:
    """Each question's answer where the reply quotes the request ("> 1. How many …") and answers below each item.

    An item's answer is the reply's own lines after its quoted label, up to
    the next quoted line that follows them (the next item, or the quoted sign-off).
    A review quoting the requester's own numbered points ("> 1. You did not
    answer question 4") answers those points, not the questions of the same numbers.
    """
    by_label = {q.number: q for q in questions}
    answers: dict[str, list[tuple[int, str]]] = {}
    current: str | None = None
    for number, text, role in message.lines:
        if role == QUOTED:
            if text.lstrip()[:1] != ">":
                continue  # a block of quoted mail below the reply ("show quoted sections"), not answered within
            found = match_item(QUOTE_MARKS.sub("", text, count=1))
            if found and found[0] in by_label and found[0] not in answers and not _is_new_item(found[2], by_label[found[0]], new):
                current = found[0]
                answers[current] = []
            elif current is not None and any(t.strip() for _, t in answers[current]):
                current = None  # the quote goes on past the answer: the sign-off, or items not answered
        elif role == OWN and current is not None:
            answers[current].append((number, text))
    return {label: _trim(lines) for label, lines in answers.items()}


def _repeated_question_answers(message: Message, questions: list[Question]) -> dict[str, list[tuple[int, str]]]:
    """Each question's answer where the response repeats the questions without their numbers, each over its answer.

    A question is found where a line (less a label such as "You asked:")
    opens with most of the question's words (at least five), read on across
    wrapped lines; where the response labels what it repeats, only labelled
    lines count, so an answer that opens with the question's words ("The
    number of notices issued in 2023 was …") is not taken for the next one.
    Its answer runs to the next question found, or to a note on all the answers.
    """
    own = message.own_lines
    labelled = [k for k, (_, text) in enumerate(own) if ASKED_LABEL.match(text)]
    line_words = [plain_words(ASKED_LABEL.sub("", text, count=1)) for _, text in own]

    def words_from(k: int) -> list[str]:
        """The line's words, then the next few lines' (a question wraps)."""
        return [word for following in line_words[k:k + 6] for word in following]

    starts: list[tuple[int, Question]] = []
    taken: set[int] = set()
    for question in questions:
        wanted = plain_words(question.text)
        opening = wanted[:max(5, (len(wanted) * 3 + 4) // 5)]
        if len(opening) < 3:
            continue
        candidates = labelled or range(len(own))
        k = next((k for k in candidates if k not in taken and line_words[k][:1] == opening[:1] and words_from(k)[:len(opening)] == opening), None)
        if k is not None:
            taken.add(k)
            starts.append((k, question))
    starts.sort(key=lambda start: start[0])
    answers: dict[str, list[tuple[int, str]]] = {}
    for position, (k, question) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(own)
        end = next((j for j in range(k + 1, end) if _closes_answers(own, j)), end)
        first_line = (own[k][0], ASKED_LABEL.sub("", own[k][1], count=1))
        answers[question.number] = _trim(_strip_repeated_question(question.text, [first_line] + own[k + 1:end]))
    given = sum(1 for lines in answers.values() if lines)
    # Questions quoted together at the top of a prose reply are not each answered below their own words
    return answers if _enough(given, questions) and given * 2 > len(answers) else {}


# A whole answer in a word or two, alone on its line like a heading: "None", "Not held", "N/A", "Yes"
SHORT_ANSWER = re.compile(r"^\W*(?:yes|no|none|nil|zero|n/?a|not (?:held|known|applicable|recorded))\W*$", re.I)


def _is_theme_heading(own: list[tuple[int, str]], k: int) -> bool:
    """A short title line alone between blank lines ("Replacement planting"): a response laid out by theme."""
    text = own[k][1].strip()
    words = text.split()
    if not 1 <= len(words) <= 8 or len(text) > 60 or not text[0].isupper() or text.endswith((".", ",", ";", "?", "!")):
        return False
    if SALUTATION.match(text) or LETTER_HEAD.match(text) or SHORT_ANSWER.match(text):
        return False
    before_blank = k == 0 or not own[k - 1][1].strip()
    after_blank = k + 1 < len(own) and not own[k + 1][1].strip()
    return before_blank and after_blank


def _word_stems(text: str) -> set[str]:
    """Content words cut to four letters, so "planting" meets "planted" and "felled" meets "felling"."""
    return {word[:4] for word in plain_words(text) if word not in STOP_WORDS}


def _paragraphs(lines: list[tuple[int, str]], width: int) -> list[list[tuple[int, str]]]:
    """Paragraphs split at blank lines, or, in mail with none, at a line that ends a sentence before one
    that opens another ("… across the" / "district." / "Two blocks have closed …") where the next line's
    first word would have fitted on it: a line the mail client wrapped was full ("… in the three market
    towns." / "14 businesses …" is one paragraph). ``width`` is the widest line of the whole message, its opening
    too: two short answers alone do not show how wide the mail was wrapped."""
    if any(not text.strip() for _, text in lines):
        return _paragraphs_at_blanks(lines)
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for k, (number, text) in enumerate(lines):
        paragraphs[-1].append((number, text))
        following = lines[k + 1][1].split()[:1] if k + 1 < len(lines) else []
        if following and text.rstrip().endswith((".", "!", "?")) and (following[0][0].isupper() or following[0][0].isdigit()) \
                and len(text.rstrip()) + 1 + len(following[0]) <= width:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


# A refusal, or the advice that goes with one, which speaks for the whole request whatever the paragraphs
# look like: "refusing your request under section 12", "Under section 16, you may wish to narrow your request"
WHOLE_REQUEST_REFUSAL = re.compile(r"\brefus|\bsection 1[246]\b|\badvice and assistance\b|\bnarrow", re.I)


def _paragraph_answers(lines: list[tuple[int, str]], questions: list[Question], width: int) -> dict[str, list[tuple[int, str]]]:
    """Each question's answer from a prose reply of exactly one paragraph per question, in the request's order,
    where each paragraph is on its own question's subject: it shares more of the question's words (weighed
    by how few questions hold them) than of any other question's. Not a refusal, whose paragraphs (the
    reasons, then the advice to narrow) speak for the whole request."""
    paragraphs = _paragraphs(lines, width)
    if len(questions) < 2 or len(paragraphs) != len(questions) or any(WHOLE_REQUEST_REFUSAL.search(text) for _, text in lines):
        return {}
    question_stems = [_word_stems(q.text) for q in questions]
    spread = Counter(stem for stems in question_stems for stem in stems)
    for k, paragraph in enumerate(paragraphs):
        stems = _word_stems(" ".join(text for _, text in paragraph))
        weights = [sum(1 / spread[stem] for stem in stems & wanted) for wanted in question_stems]
        if weights[k] < 1 or weights[k] < max(weights):
            return {}
    return {q.number: _less_asked_sentence(paragraph) for q, paragraph in zip(questions, paragraphs)}


# A sentence that restates the item before its answer: "Your third question asked how many investigations were open."
# (only where what follows opens the answer: "… and it does not." answers in the sentence itself)
ASKED_SENTENCE = re.compile(
    r"^\s*Your (?:\w+ )?(?:question|request|part)(?: \d+)? asked\b.*?[.?](?=\s)\s+(?=We (?:do not |don't )?hold\b|We can confirm\b|This information\b)",
    re.I,
)


def _less_asked_sentence(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A paragraph less its opening sentence that restates the question ("Your request asked how many …. We hold …")."""
    joined, starts = "", []
    for number, text in lines:
        starts.append(len(joined))
        joined += text + " "
    found = ASKED_SENTENCE.match(joined)
    if not found or found.end() >= len(joined.rstrip()):
        return lines
    k = max(j for j, start in enumerate(starts) if start <= found.end())
    cut = found.end() - starts[k]
    rest = lines[k][1][cut:]
    return _trim(([(lines[k][0], rest)] if rest.strip() else []) + lines[k + 1:])


def _headed_answers(message: Message, questions: list[Question]) -> dict[str, list[tuple[int, str]]]:
    """Each question's answer from a response laid out under unnumbered theme headings ("Number of trees felled").

    A heading goes to the question it shares two words or more with, each
    shared word weighed by how few questions hold it; the best pairs are
    taken first and each heading and question is used once. One shared word
    is chance ("Your request" and a question about requests), and a layout
    that restates only some of the questions is left to the prose reading. Its answer runs to the next
    heading, matched or not ("Your right to request a review" ends the last
    one), or to a note on all the answers; a "Public interest test" heading
    under a refusal carries the refused item's answer on.
    """
    own = message.own_lines
    headings = [k for k in range(len(own)) if own[k][1].strip() and _is_theme_heading(own, k)]
    if len(headings) < 2:
        return {}
    question_stems = {q.number: _word_stems(q.text) for q in questions}
    spread = Counter(stem for stems in question_stems.values() for stem in stems)  # how many questions hold each word
    pairs = []
    for k in headings:
        stems = _word_stems(own[k][1])
        for number, wanted in question_stems.items():
            shared = stems & wanted
            weight = sum(1 / spread[stem] for stem in shared)
            if len(shared) >= 2 and weight >= 1:
                pairs.append((weight, -k, number))
    answers: dict[str, list[tuple[int, str]]] = {}
    used: set[int] = set()
    for _, negative_k, number in sorted(pairs, reverse=True):
        k = -negative_k
        if k in used or number in answers:
            continue
        used.add(k)
        end = next((j for j in headings if j > k and not REFUSAL_REASONS.match(own[j][1])), len(own))
        end = next((j for j in range(k + 1, end) if _closes_answers(own, j) and not REFUSAL_REASONS.match(own[j][1])), end)
        answers[number] = _trim([line for line in own[k + 1:end] if not REFUSAL_REASONS.match(line[1])])
    return answers if len(answers) * 2 >= len(questions) else {}


# The heading cell over a table's question numbers: "Question", "Question number", "Q", "No."
CELL_HEADING = re.compile(r"^(?:question(?:\s+(?:number|no\.?))?|q|no\.?|item)$", re.I)


def _cell_answers(message: Message, asked: list[Question]) -> dict[str, list[tuple[int, str]]]:
    """Each question's answer from a table that a mail client copied one cell to a line: the question's
    number alone ("1"), then its answer cells ("1,037"), each a paragraph of one or more lines.

    The table must say so: a "Question" heading cell, then the other column
    headings ("Response", or "2021/22" and "2022/23"), then the number 1; a
    table of ranks or bedroom sizes numbers its rows too. Its rows must then
    keep to that grid, a number and as many cells as there are other columns,
    from 1 up to the last question and no further, for all the questions.
    """
    labels = [q.number for q in asked]
    if len(labels) < 2 or not all(label.isdecimal() for label in labels):
        return {}
    cells = _paragraphs_at_blanks(message.own_lines)
    firsts = [cell[0][1].strip() for cell in cells]
    heading = next((k for k, first in enumerate(firsts) if CELL_HEADING.match(first)), None)
    if heading is None or "1" not in firsts[heading:]:
        return {}
    start = firsts.index("1", heading)
    width = start - heading - 1  # the answer columns
    answers: dict[str, list[tuple[int, str]]] = {}
    for k, label in enumerate(labels):
        row = start + k * (width + 1)
        if width < 1 or row + width >= len(cells) or firsts[row] != label or len(cells[row]) != 1:
            return {}
        answers[label] = [line for cell in cells[row + 1:row + 1 + width] for line in cell]
    after = start + len(labels) * (width + 1)
    return {} if after < len(firsts) and firsts[after] == str(len(labels) + 1) else answers


def _paragraphs_at_blanks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The lines in runs between blank lines (a line of spaces, as a copied table cell leaves, is blank)."""
    runs: list[list[tuple[int, str]]] = [[]]
    for number, text in lines:
        if text.strip():
            runs[-1].append((number, text))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _after_opening_sentence(own: list[tuple[int, str]], k: int) -> tuple[list[tuple[int, str]], int]:
    """The lines from the end of the sentence opening at line k ("Thank you for your request … received on
    15/01/19.", "I am writing about your request of 4 March 2024."): where the sentence ends inside a line,
    the rest of that line is the first one kept ("… 4 March 2024. We do not hold this information"). An
    opening that runs on into the answer (OPENING_GOES_ON, read across its wrapped lines) is kept whole."""
    sentence = ""
    for j in range(k, len(own)):
        number, text = own[j]
        if not text.strip():
            return (own, k) if OPENING_GOES_ON.search(sentence) else (own, j)
        end = SENTENCE_END.search(text)
        if not end and OPENING_LINE_END.search(text) and j + 1 < len(own) and own[j + 1][1].lstrip()[:1].isupper() | own[j + 1][1].lstrip()[:1].isdigit():
            return (own, k) if OPENING_GOES_ON.search(sentence + " " + text) else (own, _past_further_openings(own, j + 1))  # "… 3 June 2024" / "412 …"
        sentence += " " + text[:end.start() if end else len(text)]
        if end and OPENING_GOES_ON.search(sentence):
            return own, k  # "… received on 9 January 2024 and would" / "advise that the council does not …": the answer
        while end and FURTHER_OPENING.match(text, end.end()):  # "… 2024. Your request has been considered under the Act."
            end = SENTENCE_END.search(text, end.end())
        if end:
            rest = text[end.end():]
            following = own[j + 1][1].strip() if j + 1 < len(own) else ""
            if rest.strip() and FURTHER_OPENING.match(rest + " " + following):
                continue  # "… 8 January 2024. We have" / "handled your request under the Act.": it ends on the next line
            if rest.strip():
                return own[:j] + [(number, rest)] + own[j + 1:], j
            return own, _past_further_openings(own, j + 1)
    return own, len(own)


def _past_further_openings(own: list[tuple[int, str]], k: int) -> int:
    """The first line from k that is not a further opening sentence standing alone ("I can confirm that the council holds this information.")."""
    while k < len(own) and FURTHER_OPENING.match(own[k][1]) and SENTENCE_END.search(own[k][1]) and not SENTENCE_END.search(own[k][1]).end() < len(own[k][1].rstrip()):
        k += 1
    return k


def prose_answer(message: Message) -> list[tuple[int, str]]:
    """The own words of a reply that answers in prose, less its salutation and opening."""
    own = _trim(message.own_lines)
    k = 0
    while k < len(own) and (not own[k][1].strip() or SALUTATION.match(own[k][1]) or LETTER_HEAD.match(own[k][1]) or ACT_TITLE.match(own[k][1])):
        k += 1
    if k < len(own) and THANKS_OPENING.match(own[k][1]):
        own, k = _after_opening_sentence(own, k)
    one_restated = sum(1 for _, text in own if YOU_ASKED.search(" ".join(text.split()))) == 1
    for j in range(k, min(len(own), k + INTRO_REACH)):
        line = " ".join(own[j][1].split())
        if ACT_TITLE.match(line):
            k = j + 1  # "Freedom of Information Act 2000" over the letter's text
            continue
        intro = INTRO.search(line) or (YOU_ASKED.search(line) if one_restated else None)
        if intro and (intro.group(0).lower().rstrip(":;.").endswith(("below", "follows", "request")) or line.endswith((":", "."))):
            k = j + 1
        elif j + 1 < len(own) and len(own[j + 1][1].split()) <= 3:
            # an introduction wrapped before its last word: "… response to your request set out" / "below:"
            joined = line + " " + " ".join(own[j + 1][1].split())
            intro = INTRO.search(joined)
            if intro and intro.end() > len(line) and joined.endswith((":", ".")):
                k = j + 2
    headings = [j for j in range(k, len(own)) if ANSWER_HEADING.match(own[j][1])]
    if len(headings) == 1:
        above = [text for _, text in own[k:headings[0]] if text.strip()]
        if not above or (len(above) <= INTRO_REACH and RESTATED.search(" ".join(above))):
            k = headings[0] + 1  # "Response" over the answer, under the introduction or the request restated
    return _trim(own[k:])


def _only_attached(lines: list[tuple[int, str]]) -> bool:
    """An answer that only points at an attachment: "Please see attached.", or "c) Please see the attached report."
    followed by a closing paragraph of the letter; not a pointer followed by a summary with its figures."""
    text = " ".join(t for _, t in lines)
    if ATTACHMENT_ONLY.match(text):
        return True
    first_paragraph = " ".join(itertools.takewhile(str.strip, (t for _, t in lines)))
    rest = text[len(first_paragraph):]
    return bool(ATTACHMENT_ONLY.match(first_paragraph)) and len(rest.split()) < 40 and not any(c.isdigit() for c in rest)


def _set_answer(question: Question, lines: list[tuple[int, str]], message: Message) -> bool:
    """Give the question these lines as its answer; False where they only defer or point at an attachment."""
    if lines and ANSWER_LABEL.match(lines[0][1]):
        lines = _trim([(lines[0][0], ANSWER_LABEL.sub("", lines[0][1], count=1))] + lines[1:])
    if lines and (DEFERRED.match(lines[0][1]) or _puts_off(lines)):
        return False  # "To follow", or "we need further time to consider … these parts of your request": not answered yet
    text = " ".join(t for _, t in lines)
    gives_answer = YES_OR_NO.match(text)  # "Yes. Please find attached the agreement": answered, and attached too
    if _only_attached(lines) or (not gives_answer and ANSWER_ATTACHED.search(" ".join(text.split()[:12])) and len(text.split()) < 40):
        return False
    question.answer = _answer_text(lines) or None
    if question.answer is not None:
        question.answered_in = message.index
        question.answer_first, question.answer_last = lines[0][0], lines[-1][0]
    return True


# An answer that only sends the reader to an annex further down: "Please see the table at Annex A below."
ANNEX_POINTER = re.compile(r"^\W*(?:please\s+)?see\s+(?:the\s+)?(?:\w+\s+)?(?:at|in)\s+(?P<kind>annex|appendix)\s+(?P<label>[A-Z0-9]{1,3})\s+below\W*$", re.I)
# The annex's heading: "Annex A", "Annex A – Overtime paid for incident response, by area"
ANNEX_HEADING = re.compile(r"^\s*(?P<kind>annex|appendix)\s+(?P<label>[A-Z0-9]{1,3})\b(?:\s*[–—:-].*)?\s*$", re.I)
# Lines after an annex that are the page's or the mail's, not the annex's: "References", "NOTE: Please do not edit …"
AFTER_ANNEX = re.compile(r"^\s*(?:References|Visible links|NOTE:|show quoted sections)\b", re.I)


def _take_annexes(thread: Thread) -> None:
    """An answer that only points to an annex below takes the annex (without its heading), wherever in the
    reply it stands (after the letter's last answer, or after the signature); the answer above the annex
    no longer runs on into it."""
    for question in thread.questions:
        pointer = ANNEX_POINTER.match(question.answer or "")
        if not pointer:
            continue
        message = thread.messages[question.answered_in]
        lines = message.lines
        heading = next((k for k, (n, text, _) in enumerate(lines) if n > question.answer_last and (found := ANNEX_HEADING.match(text))
                        and found.group("kind").lower() == pointer.group("kind").lower() and found.group("label") == pointer.group("label")), None)
        if heading is None:
            continue
        inside = lines[heading][2] == OWN
        end = heading + 1
        while end < len(lines) and not (ANNEX_HEADING.match(lines[end][1]) or AFTER_ANNEX.match(lines[end][1]) or lines[end][2] in (QUOTED, FURNITURE, ANNOTATION, BOILERPLATE)
                                         or (inside and lines[end][2] != OWN)):
            end += 1
        annex = _trim([(n, text) for n, text, _ in lines[heading + 1:end]])
        if not annex:
            continue
        first_line, caption = lines[heading][0], " ".join(lines[heading][1].split())
        for other in thread.questions:
            if other.answered_in == question.answered_in and other.answer_first is not None and other.answer_first < first_line <= other.answer_last:
                cut = other.answer.find(caption)  # the answer above ran on into the annex: it ends where the annex begins
                if cut > 0:
                    other.answer = other.answer[:cut].rstrip()
                    other.answer_last = max(n for n, t in message.own_lines if n < first_line and t.strip())
        question.answer, question.answer_first, question.answer_last = _answer_text(annex), annex[0][0], annex[-1][0]
        thread.warnings.append(f"question {question.number}: answer taken from annex {pointer.group('label')}, where the response points")


def _resolve_pointers(questions: list[Question], warnings: list[str]) -> None:
    by_label = {q.number: q for q in questions}
    for k, question in enumerate(questions):
        if not question.answer:
            continue
        target = None
        if POINTER_BELOW.match(question.answer):
            target = next((q for q in questions[k + 1:] if q.answer and not POINTER_BELOW.match(q.answer)), None)
        else:
            to = POINTER_TO.match(question.answer)
            if to:
                target = by_label.get(to.group("label"))
        if target is not None and target.answer and target is not question:
            question.answer = target.answer
            question.answered_in = target.answered_in
            question.answer_first, question.answer_last = target.answer_first, target.answer_last
            warnings.append(f"question {question.number}: answer taken from question {target.number}, where the response points")


def _share_trailing_answer(questions: list[Question], declined: set[str], warnings: list[str]) -> None:
    """A response that repeats all the questions and answers once, after the last, answers them all
    (not where an earlier item said "to follow" or "see attached": that item was answered, elsewhere)."""
    last = questions[-1]
    if last.answer is None or any(q.answer is not None or q.number in declined for q in questions[:-1]):
        return
    for question in questions[:-1]:
        question.answer, question.answered_in = last.answer, last.answered_in
        question.answer_first, question.answer_last = last.answer_first, last.answer_last
    warnings.append(f"the answer after question {last.number} is given to every question: the response answers them together")


def _enough(count: int, asked: list[Question]) -> bool:
    """Whether this many answers found one way show the reply is laid out that way: one could be chance
    (a figure that happens to open a line "2."), two make a layout; a request of one question needs one."""
    return count >= min(2, len(asked))


def _answers_in(message: Message, asked: list[Question], restated: dict[str, list[str]], new: dict[str, list[str]]) -> tuple[dict[str, list[tuple[int, str]]], str | None]:
    """The reply's answers by label, and how they were found where it was not by their numbers.

    Numbered blocks come first; the other layouts are tried only where numbers
    fail, each with the evidence it needs, and (but for answers under quoted
    items, which no receipt has) only in a reply that reads as a response.
    """
    numbered = answers = _numbered_answers(message, asked, restated)
    if _enough(len(answers), asked):
        return answers, None
    answers = _interleaved_answers(message, asked, new)
    if _enough(sum(1 for lines in answers.values() if lines), asked):
        return answers, "answers written under the quoted questions"
    if message.kind not in ANSWERING_KINDS:
        return numbered, None
    answers = _repeated_question_answers(message, asked)
    if answers:
        return answers, "answers paired by the questions the response repeats, not by number"
    answers = _headed_answers(message, asked)
    if _enough(len(answers), asked):
        return answers, "answers paired by the words of their headings, not by number"
    answers = _cell_answers(message, asked)
    if answers:
        return answers, "answers read from a table copied a cell to a line"
    return numbered, None  # too few to show a layout alone; the caller may still take one (_answers_one_left)


def _lead_in_to(message: Message, lines: list[tuple[int, str]]) -> str:
    """The reply's own line above the list these lines begin (its label line is the one above the first)."""
    if not lines:
        return ""
    own = [(n, t) for n, t in message.own_lines if t.strip()]
    first = next((k for k, (n, _) in enumerate(own) if n >= lines[0][0]), 0)
    return own[first - 1][1] if first > 0 else ""


def _answers_in_order(message: Message, asked: list[Question]) -> dict[str, list[tuple[int, str]]]:
    """The answers of a reply that labels them the other way from the request ("1." to "4." for items (a) to (d)),
    taken in order where the reply gives exactly as many as were asked."""
    labels = [q.number for q in asked]
    if len(labels) < 2:
        return {}
    if all(label.isdecimal() for label in labels) and len(labels) < 26:
        other = [chr(ord("a") + k) for k in range(len(labels) + 1)]
    elif all(len(label) == 1 and label.isalpha() for label in labels) or all(label in ROMAN for label in labels):
        other = [str(k) for k in range(1, len(labels) + 2)]
    else:
        return {}
    # one label more than was asked, to see that the reply does not go on ("a)" to "f)" for three questions)
    extra = dataclasses.replace(asked[-1], number=other[-1], text="")
    relabelled = [dataclasses.replace(question, number=label) for label, question in zip(other, asked)]
    found = _numbered_answers(message, relabelled + [extra])
    if set(found) != set(other[:-1]) or NOT_ANSWERS_LEAD.search(_lead_in_to(message, found[other[0]])):
        return {}
    return {question.number: found[label] for label, question in zip(other, asked)}


# A follow-up that asks questions of its own: "It raises some further questions", "I have three further questions"
FURTHER_QUESTIONS = re.compile(r"\b(?:further|additional|new|supplementary|follow-?up) questions?\b", re.I)


def _requesters_items(thread: Thread, questions: list[Question]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The items the requester numbered again after the request, by label: those restated in other words in a
    clarification or a follow-up ("2. A breakdown … by premises type only"), which a reply may repeat over
    its answer; and those that are new, in a follow-up asking further questions or in a review request's
    points ("1. You did not answer question 4"), whose answers answer none of the request's."""
    texts = {q.number: q.text for q in questions}
    restated: dict[str, list[str]] = {}
    new: dict[str, list[str]] = {}
    for message in thread.messages:
        if message.kind not in ("clarification", "follow_up", "internal_review_request"):
            continue
        own = message.own_lines
        asks_more = message.kind == "internal_review_request" or any(FURTHER_QUESTIONS.search(text) for _, text in own)
        for _, text in own:
            found = match_item(text)  # the items one by one: a restatement gives only those it changes ("2." and "4.")
            if found and found[0] in texts and len(found[2].split()) >= 4 and found[2].strip() != texts[found[0]]:
                (new if asks_more else restated).setdefault(found[0], []).append(found[2].strip())
    return restated, new


def _revised_list(thread: Thread, questions: list[Question]) -> tuple[int, list[Question], dict[str, str]] | None:
    """The questions as the requester numbered them again in a clarification or a narrowed request, where the numbers moved.

    ("I have dropped my original question 2. My revised request is: 1. … 2. …"): the replies after it answer
    the new numbers. Returns the index of the message with the list, its items, and which question each item is,
    by the words they share; None where there is no such list or it keeps the numbers.
    """
    stems_of_questions: list[set[str]] = []
    for message in thread.messages:
        if message.kind not in ("clarification", "follow_up"):
            continue  # the requester's own words, narrowing when asked or after a refusal
        stems_of_questions = stems_of_questions or [_word_stems(question.text) for question in questions]
        own = message.own_lines
        if not any(REVISED_REQUEST.search(text) for _, text in own):
            continue  # numbered replies to the authority's own questions ("1. Financial years, please.") are no new list
        items = choose_run(parse_items(own))
        if len(items) < 2:
            continue
        scored = []
        for item in items:
            item_stems = _word_stems(item.text)
            for question, question_stems in zip(questions, stems_of_questions):
                if item_stems and question_stems:
                    shared = len(item_stems & question_stems) / min(len(item_stems), len(question_stems))
                    scored.append((shared, item.label, question.number))
        to_original: dict[str, str] = {}
        for shared, label, number in sorted(scored, reverse=True):
            if shared >= REVISED_ITEM_OVERLAP and label not in to_original and number not in to_original.values():
                to_original[label] = number
        if len(to_original) >= 2 and any(label != number for label, number in to_original.items()):
            # every item, so that one the requester added ("4. Whether any works …") ends the answer above it
            revised = [Question(number=i.label, text=i.text, asked_in=message.index, first=i.first, last=i.last) for i in items]
            return message.index, revised, to_original
    return None


# A figure, not the number of a section or regulation: "1,204", not "section 35(1)(a)"
FIGURE_NOT_SECTION = re.compile(r"(?<![\w(])(?<!section )(?<!sections )(?<!regulation )\d[\d,.]*")


def _puts_off(lines: list[tuple[int, str]]) -> bool:
    """Whether a block opens by putting its answer off (within its first sentences, and with no figure
    before): not an answer ("1,204") followed by a receipt's "we expect to send you a response by …"."""
    opening = " ".join(" ".join(text for _, text in lines).split())[:400]
    low = opening.lower()
    if not any(word in low for word in DEFERRAL_WORDS):
        return False
    found = DEFERRAL.search(opening)
    return bool(found) and not FIGURE_NOT_SECTION.search(opening, 0, found.start())


def _gives_figures(lines: list[tuple[int, str]]) -> bool:
    return any(FIGURE_NOT_SECTION.search(text) for _, text in lines)


def _same_subject(text: str, question: str) -> bool:
    """Whether words ask of the question's subject: 40% of their content words are the question's."""
    asked = _word_stems(text)
    return not asked or len(asked & _word_stems(question)) >= 0.4 * len(asked)


def _is_new_item(words: str, question: Question, new: dict[str, list[str]]) -> bool:
    """Whether words repeat a question the requester asked later under this one's number, not this one."""
    return any(_same_subject(words, asked) for asked in new.get(question.number, ())) and not _same_subject(words, question.text)


def _asks_another(question: Question, lines: list[tuple[int, str]], new: dict[str, list[str]]) -> bool:
    """Whether a block opens by repeating a later question under this one's number: a reply to a follow-up
    that asked further numbered questions ("1. How many of the households counted in your answer to question 2 …?")."""
    if question.number not in new:
        return False
    opening = []
    for _, text in lines[:3]:
        opening.append(text)
        if text.rstrip().endswith("?"):
            return _is_new_item(" ".join(opening), question, new)
    return False


def _take_answers(message: Message, answers: dict[str, list[tuple[int, str]]], notes: list[str], thread: Thread, declined: set[str],
                  new: dict[str, list[str]]) -> None:
    """Give each question still unanswered its lines from this reply, with the notes on how they were found
    (only where the reply answered something: a note on a layout that gave nothing would mislead)."""
    answered_here = False
    after_items = _request_after_items(thread)
    for question in thread.questions:
        if question.answer is None and answers.get(question.number) and not _asks_another(question, answers[question.number], new):
            if not _set_answer(question, _less_request_echo(answers[question.number], after_items), message):
                declined.add(question.number)
            answered_here = answered_here or question.answered_in == message.index
    if answered_here:
        thread.warnings.extend(f"message {message.index}: {note}" for note in notes)


def _request_after_items(thread: Thread) -> list[str]:
    """The request's own words after its last item ("I am sending the same request to a number of councils …")."""
    last = thread.questions[-1]
    request = thread.messages[last.asked_in]
    return plain_words(" ".join(t for n, t in request.own_lines if n > last.last))


def _less_request_echo(lines: list[tuple[int, str]], after_items: list[str]) -> list[tuple[int, str]]:
    """The block less the request's closing words at its top: a response that quotes the whole request
    ("Thank you for your request for information concerning I am writing to request …") echoes them
    under the last item, rewrapped, before its own words."""
    matched = k = 0
    while k < len(lines):
        words = plain_words(lines[k][1])
        if words and after_items[matched:matched + len(words)] != words:
            break
        matched += len(words)
        k += 1
    return _trim(lines[k:]) if matched >= 6 else lines


# A label that says it is a question's, not only a number: "Q6)", "Question 6:" (not "Q3 2024 figures", a quarter)
NAMED_LABEL = re.compile(r"^\s*(?:Q|Question)\s?\.?\s*(?P<label>\d{1,3}[a-z]?)(?:[.):]|\s[–-]|\s+(?!(?:19|20)\d\d\b)(?=\S))", re.I)


def _answers_one_left(message: Message, answers: dict[str, list[tuple[int, str]]], asked: list[Question]) -> bool:
    """A later reply that answers the one part another reply left ("WBC-FOI-24-2210 – part 3" / "3. How many …"):
    one label is enough where other questions are answered already and the reply repeats this one's words,
    or names it a question ("Q6) The Department paid £2,318,440 …") and answers in its text, not in an attachment."""
    if len(answers) != 1 or message.kind not in ANSWERING_KINDS:
        return False
    (label, lines), = answers.items()
    question = next(q for q in asked if q.number == label)
    if question.answer is not None or all(q.answer is None for q in asked) or not lines:
        return False
    opening = " ".join(plain_words(question.text)[:4])
    own = " ".join(plain_words(" ".join(t for _, t in message.own_lines)))
    if len(opening.split()) >= 3 and opening in own:
        return True
    start = next(text for number, text in message.own_lines if number == lines[0][0])
    named = NAMED_LABEL.match(start)
    return bool(named) and named.group("label") == label and "attach" not in " ".join(text for _, text in lines).lower()


# A later reply's words over the one answer it sends: "The figures for question 4 are set out below."
ONE_ITEM_POINTER = re.compile(
    r"\b(?:figures|information|answer|data|details|table|response) (?:for|to|at) (?:your )?(?:question|item|part) (?P<label>\d{1,3}[a-z]?)"
    r" (?:is|are) (?:set out |given |shown |provided )?(?:below|as follows)",
    re.I,
)


def _pointed_answer(message: Message, asked: list[Question]) -> dict[str, list[tuple[int, str]]]:
    """The answer a later reply sends for the one question another reply left, under words that name it
    ("Apologies, the spreadsheet was left off our email. The figures for question 4 are set out below.")."""
    if message.kind not in ANSWERING_KINDS or all(q.answer is None for q in asked):
        return {}
    own = message.own_lines
    for k, (_, text) in enumerate(own):
        following = own[k + 1][1] if k + 1 < len(own) else ""
        joined = " ".join(text.split()) + " " + " ".join(following.split())  # the words may wrap
        found = ONE_ITEM_POINTER.search(joined) if "uestion" in joined or "item" in joined or "part" in joined else None
        if not found or found.start() >= len(" ".join(text.split())):
            continue
        question = next((q for q in asked if q.number == found.group("label")), None)
        if question is not None and question.answer is None:
            first = k + 2 if found.end() > len(" ".join(text.split())) else k + 1
            end = next((j for j in range(first, len(own)) if _closes_answers(own, j)), len(own))
            return {question.number: _trim(own[first:end])}
    return {}


def _keeps_first_numbers(message: Message, questions: list[Question], revised: list[Question]) -> bool:
    """Whether a reply after a revised list still answers by the request's numbers: it labels answers the
    revised list does not have ("3." and "4." after a chaser that listed the two outstanding items as 1 and 2)."""
    return bool(set(_numbered_answers(message, questions)) - {item.number for item in revised})


def pair(thread: Thread) -> Thread:
    """Each question's answer: numbered blocks first (any reply that has them), else one prose answer for all."""
    questions = thread.questions
    if not questions:
        return thread
    responses = [m for m in thread.messages if m.direction == "incoming" and m.kind in ANSWERING_KINDS + MAYBE_ANSWERING]
    declined: set[str] = set()
    labelled: set[int] = set()  # replies that answer under the items' labels: their prose answers no item
    revised = _revised_list(thread, questions)
    restated, new = _requesters_items(thread, questions)
    for message in responses:
        asked, to_original = questions, None
        if revised and message.index > revised[0] and not _keeps_first_numbers(message, questions, revised[1]):
            asked, to_original = revised[1], revised[2]
        answers, layout = _answers_in(message, asked, restated, new)
        if not _enough(len(answers), asked) and not _answers_one_left(message, answers, asked):
            answers, layout = _pointed_answer(message, asked), "the reply names the one question it answers"
            if not answers:
                continue
        if any(answers.values()):
            labelled.add(message.index)
        if message.kind in MAYBE_ANSWERING:
            # Read as a receipt or as nothing in particular, but it answers the numbered questions
            # ("Thank you for your request … 1. … • 71 sites"): it is a response, if it truly answers.
            if not _enough(sum(1 for lines in answers.values() if lines), asked):
                continue
            if message.kind == "extension" and not _enough(sum(1 for lines in answers.values() if _gives_figures(lines)), asked):
                continue  # an extension's word on each part ("1. Children's Services are checking the figures.")
            message.kind = "response"
        notes = [layout] if layout else []
        if to_original:
            answers = {to_original[label]: lines for label, lines in answers.items() if label in to_original}
            moved = ", ".join(f"its item {label} is question {number}" for label, number in to_original.items() if label != number)
            notes.append(f"answers follow the revised list in message {revised[0]}: {moved}")
        _take_answers(message, answers, notes, thread, declined, new)
    _share_trailing_answer(questions, declined, thread.warnings)
    if all(q.answer is None for q in questions):
        # Last of the numbered layouts, once no reply answers by the request's own labels: a reply that numbers
        # its answers where the request lettered its items (or the other way), taken in order.
        for message in (m for m in responses if m.kind in ANSWERING_KINDS):
            answers = _answers_in_order(message, questions)
            if answers:
                _take_answers(message, answers, ["answers paired by order: the response numbers its answers otherwise than the request"], thread, declined, new)
                break
    if all(q.answer is None for q in questions):
        for message in (m for m in responses if m.kind in ANSWERING_KINDS and m.index not in labelled):
            lines = prose_answer(message)
            text = _answer_text(lines)
            if not text:
                continue
            if (IN_ATTACHMENT.search(text) and len(text.split()) < 30) or (ANSWER_ATTACHED.search(" ".join(text.split()[:25])) and len(text.split()) < 80):
                thread.warnings.append(f"message {message.index}: the answers are in an attachment, not in the text")
                break
            paragraphs = _paragraph_answers(lines, questions, max(len(text.rstrip()) for _, text in message.own_lines))
            if paragraphs:
                _take_answers(message, paragraphs, ["answers paired by order: one paragraph per question, each on its question's subject"], thread, declined, new)
                break
            for question in questions:
                _set_answer(question, lines, message)
            thread.warnings.append(f"message {message.index}: one answer in prose for all questions, not numbered")
            break
    _take_annexes(thread)
    _resolve_pointers(questions, thread.warnings)
    unanswered = [q.number for q in questions if q.answer is None]
    if unanswered and len(unanswered) < len(questions):
        thread.warnings.append("no answer found for question " + ", ".join(unanswered))
    return thread

