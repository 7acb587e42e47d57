"""Direction and kind of each message.

Direction comes from the heading: the requester's name means the requester
wrote it. Kind comes from the sender's own words only (never from the mail
it quotes, which would make every reply look like the request it answers),
checked from the most specific signal to the least.
"""
from __future__ import annotations

import re

from .chain import chronological
from .model import BOILERPLATE, EMAIL_FORMATS, SIGNOFF, Message, Thread, same_length_lower
from .scan import match_at_words, plain_text, plain_words, search_near

# A bounce: "Delivery has failed to these recipients", "Undeliverable: FOI request"
DELIVERY_FAILURE = re.compile(r"delivery (?:has )?failed|undeliverable|could not be delivered|delivery status notification|mail delivery (?:failed|subsystem)|message not delivered")
# What only a mail system's report of a failed delivery says: "This is the mail system at host …", "postmaster",
# "Diagnostic-Code: smtp; 550 5.1.1 User unknown"
BOUNCE_MARK = re.compile(r"\bthe mail system\b|postmaster|mailer-daemon|diagnostic-code|\b5\.\d\.\d\b|recipients?:|\bsmtp\b")
# "I am out of the office until", "This is an automatic reply", "Automatic reply:"
OUT_OF_OFFICE = re.compile(r"out of (?:the )?office|automatic(?:ally generated)? (?:reply|response)|auto-?reply|i am (?:currently )?(?:away|on leave)")
# A receipt that opens "Thank you for your email." and says nothing about this request; not a reply that
# names the mail it answers ("Thank you for your email of 7 October 2019 about the grant").
GENERIC_THANKS = re.compile(r"^\s*(?:Dear [^\n]*\n\s*)?Thank you for (?:your|contacting)\b.{0,40}?(?:e-?mail|message|enquiry)\s*[.!]", re.I)
# A general mailbox's receipt: "This mailbox is monitored Monday to Friday", "We aim to reply to all emails within 10 working days"
MAILBOX_NOTICE = re.compile(r"th(?:is|e) (?:mail)?box is monitored|we aim to (?:reply|respond) to all (?:e-?mails|enquiries|messages)|thank you for contacting", re.I)
# Words one of which every MAILBOX_NOTICE (and every REQUEST_SPECIFIC below) contains: see GUARDS
MAILBOX_WORDS = ("box is monitored", "we aim to", "thank you for contacting")
# A receipt that calls itself automatic: "This is an automatic acknowledgement that your email has been received",
# "This is an automated reply to confirm that your email has been received" (read on the lower-cased words)
# (of an email, not of a request: "This is an automated response to confirm that your Freedom of Information request …"
# is the request's acknowledgement, and a response may open "This is an automated email")
AUTOMATIC_RECEIPT = re.compile(
    r"automatic acknowledge?ment|this is an automat(?:ic|ed) (?:reply|response|message|e-?mail) to (?:confirm|acknowledge|let you know)"
    r" (?:that )?(?:we have received )?your (?:e-?mail|message|correspondence)\b"
)
# A notice sent to everyone that all requests are held up, e.g. "there will be an uncalculated
# delay in processing Freedom of Information, Environmental Information and Subject Access Requests"
# (all requests, in one sentence: not "apologies for the delay in dealing with your request. We have had many requests")
GENERAL_DELAY_NOTICE = re.compile(r"delays? in (?:processing|responding to|dealing with|answering|replying to)\b[^.]{0,120}?\brequests\b")
# A reference actually given, which makes even an automatic receipt this request's acknowledgement:
# "has been given the reference FOI / 2211409", "reference number 48213" (not "you will receive a reference
# number within 3 working days"); read in the text's own case, where a prefix is in capitals
REFERENCE_GIVEN = re.compile(r"(?i:\breference\b(?:\s+(?:number|no\.?))?(?:\s+(?:is|of))?)\s*:?\s*(?:[A-Z]{1,6}\s?[/:-]?\s?)?\d")
# Words that tie a receipt to this request, making it an acknowledgement rather than an automatic reply;
# not the name of the office that sends it ("Thank you for contacting the Freedom of Information Office").
_NOT_A_TEAM = r"(?! (?:office|team|unit|officer|mailbox|section|service)\b)"
# so does a due date: "will respond within 20 working days, by 2 April 2024" (not "the statutory 20 working days")
REQUEST_SPECIFIC = re.compile(
    r"\breference\b|\bref\b|your request|freedom of information" + _NOT_A_TEAM + r"|information request|\bFOI\b" + _NOT_A_TEAM
    + r"|\bEIR\b|\bby \d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6} \d{4}\b",
    re.I,
)
REQUEST_WORDS = ("ref", "request", "freedom of information", "foi", "eir", "by ")
# The outcome of a review: "I have now completed the internal review", "the review upheld", "The review has been
# carried out by …", "The rest of the original response is upheld"; not its promise,
# "We aim to send you the outcome of the review by 28/10/2024"
REVIEW_OUTCOME = re.compile(
    r"internal review response|(?<!aim to send you the )(?<!hope to send you the )(?<!expect to send you the )(?<!will send you the )(?<!will let you know the )(?<!will inform you of the )outcome of (?:the|your|my|this) (?:internal )?review|(?<!not )(?<!yet )(?:completed|concluded|carried out|conducted|undertaken) (?:an|the|my|our|your) (?:internal )?review"
    r"|review (?:has|have) (?:now )?(?:been )?(?:completed|concluded)"
    r"|(?:the|your|our|this|internal|council's|trust's) review(?:er)? (?:has|have) (?:now )?(?:been )?(?:carried out|conducted|concluded)"
    r"|(?<!if the )(?:original|initial|earlier) (?:decision|response|refusal) (?:is|has been) upheld(?! by the (?:information )?commissioner| by the ico| by the tribunal)|(?:uphold|upheld|overturn\w{0,4}) the (?:original )?(?:decision|response|refusal)|review (?:panel|officer)"
    r"|(?:concluded|satisfied|found|decided) that the original decision was (?:correct|right|appropriate)|\bi (?:therefore )?uphold (?:it|that decision|this decision)\b",
)
# What puts a review's outcome still to come, just before the phrase: "once the", "as soon as the internal", "if the"
REVIEW_TO_COME = re.compile(r"\b(?:once|when|until|as soon as|after|if)(?: the| your| our| this)?(?: internal)?\s*$")
# The authority asks the requester to narrow or explain: "I am writing to ask you to clarify your request",
# "The team have asked me to clarify part 2 … could you please tell us which of these you mean";
# not a response's "it was not clear what you mean by 'blocked', so we have counted …" or "To clarify point 2, …"
CLARIFICATION_ASKED = re.compile(r"(?:ask(?:ing)? you to|please|could you|can you|would you) (?:please )?clarify|clarify your request|need(?:s)? (?:some |further |more )?clarification|seek(?:ing)? clarification|would you please provide|before we can (?:begin|process|proceed|respond)|(?<!if we )(?<!if i )(?:like|need|want|wish) (?:you )?to clarify|\bclarify (?:what|which|whether|the scope)"
    r"|(?:please|could you|can you|would you)(?: please)? (?:narrow|refine|reduce the scope of)|(?:could|can|would) you (?:please )?narrow"
    r"|ask(?:ing)? you for (?:some |further |more )?clarification|without (?:this|the|that) (?:extra|further|additional) information|(?:like|want) to check (?:if|whether) you"
    r"|before we can (?:search|locate|look)|(?:could|can|would) you (?:please )?confirm (?:whether|if|which)|it would help (?:us )?if you could (?:tell|confirm|clarify|let us know|narrow|specify|explain)"
    r"|(?:if you are|are you) able to narrow|(?:will not|won't) (?:begin|start) until (?:we have )?received? your (?:reply|clarification|response)"
    r"|asked (?:me|us) to clarify|until we receive your clarification|(?:tell|let) (?:us|me) (?:know )?(?:which|what) (?:of these )?you mean|which of these you mean")
# A holding reply that sets a new date for the response, read from its apology: "I am sorry that we have not
# responded … We now aim to send you a full response by 22 March 2024", "Apologies for the delay … no later than
# 12 July 2024", "within the next five working days", "on Friday 12 July" (not "we will send the map by Friday" in a
# late reply that answers, nor, in a reply that answers parts, the promise of the rest: PART_PROMISED). Without a date ("We will send
# it to you as soon as we can") it is a receipt, as the corpus reads one: HOLDING_PROMISE.
LATE_WITH_NEW_DATE = re.compile(
    r"(?:apologi[sz]e|apologies|sorry)\b[^.]{0,80}?\b(?:(?:the|this|our) delay|delayed|late|not (?:yet )?(?:been able to )?respond(?:ed|ing)?|not (?:been )?able to respond|missed)\b"
    r".{0,250}?(?:(?:hope|expect|aim|intend) to (?:respond|reply|(?:provide|send) (?:you )?(?:with )?(?:(?:a|our|the|your) (?:full |final |complete |substantive )?"
    r"(?:response|reply|answer)|the outcome|the (?:requested )?information|this information|the figures))"
    r"|will (?:send|provide) you (?:with )?(?:(?:a|our) (?:full |final |complete )?response|the outcome))"
    r"[^.]{0,120}? (?:by|no later than|on or before|before|within|on (?:mon|tue|wed|thu|fri|\d))"
)
# A holding reply's promise with no date: "We will send it to you as soon as we can", "We will send you the outcome
# of the review as soon as it is complete" (not "we will send them to you as soon as we can" of figures still to come)
HOLDING_PROMISE = re.compile(r"will (?:send|provide) (?:it|(?:the|your|a|our) response)(?: to you)? as soon as (?:we can|i can|possible)|will send you the outcome of (?:the|your|this) (?:internal )?review")
# A later answer to some parts only: "we will send you our response to that part by 21/06/2024"
PART_PROMISED = re.compile(r"\b(?:that|this|the remaining|the last|the outstanding|the other) (?:part|question|item)s?\b|\b(?:part|question|item)s? \d")
# The words LATE_WITH_NEW_DATE opens with: it is tried only where one stands
APOLOGY_WORDS = ("apolog", "sorry")
# More time: "we need more time to consider the public interest", "we need to extend the time", "an extension of the deadline",
# "we have not yet been able to respond to your request", "I am sorry that we have not yet responded" (holding
# replies); not "the team have not yet been able
# to complete the costing for this part" inside a response, nor "we will send you a response as soon as possible";
# must not match a response that says "we have now completed the public interest test"
EXTENSION = re.compile(r"(?:more|additional|further) time to (?:consider|respond|complete)|extend(?:ed|ing)? (?:the )?(?:time|deadline|date)|\bextension (?:to|of) (?:the )?(?:time|deadline|date|response|period)|\b(?:need|require|take|apply for|extend) (?:an |a further )?extension\b|need(?:s)? (?:a (?:little|bit|few days) |some )?(?:more|additional|further) time|(?:not|unable to) (?:be able to )?respond within|reasonable extension|taking longer than (?:we )?(?:expected|anticipated|planned)|(?:have|has) not yet been able to (?:respond|reply)\b|\bwe have not yet been able to (?:collate|gather|compile)\b|\bwe are still (?:waiting for|gathering|collating) (?:some of )?(?:the )?information\b|(?:sorry|apologi[sz]e)[^.]{0,60}?not yet (?:responded|replied|received a response)|(?:consider|considering|apply|applying) the public interest test\b(?! (?:is|has been) complete)(?!.{0,20}concluded).{0,80}\b(?:by|until|within)\b")
# A substantive answer: "Please find attached", "set out below", "we do not hold", "is exempt"
ANSWER_SIGNAL = re.compile(
    r"please find|i have attached|find attached|attached (?:is|please)|(?:set out|see|provided|shown|given|answered)(?: it| them)?(?: in the (?:table|list))? below|answered (?:it|them|each one|each question) beneath|see attached"
    r"|response (?:is |are )?(?:as follows|below)|do(?:es)? not (?:hold|collect|record|keep)|(?:is|are) (?:publicly )?available (?:on|at|from|via)|(?:is|are|was) not held|(?:is|are) exempt"
    r"|the answer|(?:our|the) answers? (?:to|are|is)|answers to your (?:questions|request)|the information (?:is|has been) (?:now )?(?:available|published)|in response to your (?:request|questions)|(?<!dissatisfied with )(?<!unhappy with )(?<!not happy with )(?<!not satisfied with )\bour (?:formal |full )?response (?:is|to your|to each)",
)
# A confirmation, which answers when nothing says the answer is still to come: "I can confirm that"
CONFIRMATION = re.compile(r"(?:i|we) (?:can )?confirm")
# A receipt sent again, or proof that mail was sent: "please find again below the acknowledgment sent on 15 February",
# "please find attached a send receipt for an email we sent"; these outrank "please find", which usually brings an answer.
RESENT_RECEIPT = re.compile(r"(?:find|see|below|attached)\b.{0,40}\backnowledg(?:e)?ment\b|(?:copy|resend|re-send|again)\b.{0,30}\backnowledg")
PROOF_OF_SENDING = re.compile(r"\bsend(?:ing)? receipt\b|\bproof of (?:sending|posting|delivery)\b|\bdelivery receipt\b")
# A receipt that says the answer is still to come: "we aim to answer your request within 20 working days",
# "The Trust will endeavour to provide a response within", "This is an automated email acknowledgement",
# "I acknowledge receipt"; not "we did not respond within 20 working days", "we will be happy to reply"
RESPONSE_PROMISED = re.compile(
    r"(?:will|aim to|endeavour to|expect to|hope to)(?: (?:aim to|endeavour to|try to|seek to|be able to|normally|shortly|then|now)){0,2}"
    r" (?:respond|reply|answer (?:you|your)|provide (?:a|our|you with (?:a|our)) (?:full )?response|send (?:you )?(?:a|our) (?:full )?(?:response|reply))"
    r"|acknowledge? receipt|this is an? (?:[a-z]{1,20} ){0,2}acknowledge?ment"
)
# A receipt: "has been logged", "We are currently processing your request", "reference number"
ACKNOWLEDGEMENT = re.compile(
    r"acknowledg|has been (?:logged|received|passed)|(?:currently|now) processing|will be dealt with|aim to (?:respond|send|reply|provide)|hope to (?:respond|reply|(?:send|provide) (?:you )?(?:a|our|your|the) (?:full )?(?:response|reply))|thank you for your (?:request|e-?mail|letter) (?:for|of|dated|received|which)"
    r"|must respond|respond (?:to you )?(?:with)?in 20 working days|reference number|given the reference|send you a response|will respond"
    r"|we (?:have )?received your|due date|we will (?:be in touch|reply|contact)|(?:is|are) being (?:considered|processed|dealt with)"
    r"|will receive (?:a|our) response|(?:statutory|legal) (?:time ?scale|time ?limit|time ?frame|deadline)|within (?:the )?20 working days",
)
# An outgoing request for review: "please pass this on to the person who conducts Freedom of Information reviews",
# "I require the Council to review its decision", "This is a requirement for review" (FOISA section 20);
# not "I do not require the council to review the decision" or "a statutory requirement for a review of the schedule"
REVIEW_REQUEST = re.compile(
    r"(?:request|requesting|ask(?:ing)? for|like|want|wish to (?:request|have)) (?:an |a )?(?:internal )?review|conducts freedom of information reviews"
    r"|(?:internal )?review of (?:your|the|its) (?:handling|decision|response|refusal)"
    r"|(?<!not )require (?:the |you |[A-Z][\w-]* ){0,3}to review (?:its|your|the) (?:decision|handling|response)|requirement for review\b",
    re.I,
)


# The signals above are written in lower case and run on the lower-cased
# text (a case-blind scan is several times slower). Each also has words one
# of which every match contains (the rarer the better): a substring test is
# cheaper still, so a signal's regex runs only near where one of its words occurs,
# within its reach: the longest match and any lookahead after it (tests/test_extract.py
# checks each reach against the pattern's width).
GUARDS = {
    DELIVERY_FAILURE: (80, ("deliver",)),
    OUT_OF_OFFICE: (80, ("office", "automatic", "auto", "away", "leave")),
    REVIEW_OUTCOME: (100, ("review", "uphold", "upheld", "overturn", "original decision")),
    CLARIFICATION_ASKED: (100, ("clarif", "you mean", "would you please provide", "before we can", "narrow", "refine", "reduce the scope", "without th", "to check", "confirm whether", "confirm if", "confirm which", "would help", "begin until", "start until")),
    GENERAL_DELAY_NOTICE: (200, ("delay",)),
    EXTENSION: (170, ("time to ", "extend", "been able to", "not yet re", "more time", "additional time", "further time", "respond within", "taking longer", "delay", "public interest test", "extension", "still waiting", "still gathering", "still collating")),
    ANSWER_SIGNAL: (80, ("find", "attach", "below", "beneath", "not hold", "not collect", "not record", "not keep", "held", "exempt", "answer", "the information is", "the information has", "response is", "response to your", "response to each", "as follows", "available")),
    RESPONSE_PROMISED: (160, ("respond", "reply", "answer you", "response", "acknowledg")),
    CONFIRMATION: (80, ("confirm",)),
    ACKNOWLEDGEMENT: (100, ("acknowledg", "been logged", "been received", "been passed", "processing", "dealt with", "aim to", "hope to", "thank you for your", "must respond", "working days", "reference number", "given the reference", "send you", "will respond", "received your", "due date", "we will", "being considered", "being processed", "will receive", "statutory", "legal")),
}


# A general mailbox's sentences on what to do if a mail is a request, and on requests in general: "If your email is
# a request for information under the Freedom of Information (Scotland) Act 2002, it will be passed to …", "Requests
# made under the Freedom of Information Act … will still be answered within 20 working days" (not "your Freedom of
# Information Act request", nor "logged it as a request under the Act"), "Freedom of Information requests are logged
# separately by the Information Governance team, who will contact you with a reference number"
GENERAL_SENTENCE = re.compile(
    r"\bif your (?:e-?mail|enquiry|message|correspondence|query)\b|\brequests (?:made |received |submitted )?under the\b"
    r"|\b(?:freedom of information|foi|eir)(?: act)? requests (?:are|will be|should be|must be)\b",
    re.I,
)
# The fewest words a line of a reply needs to be taken for a copy of the request's
ECHO_MIN_WORDS = 5
# A general sentence that still speaks of this request: "… and yours has been given the reference ECC-FOI-24-2207",
# "… within 20 working days of receipt, so you should receive our response by 2 July 2024"
# (not "If your email is a request …" or "your email was received after 4pm", which are said to all)
THIS_REQUEST = re.compile(
    r"\byours (?:has|is) been\b|\byour (?:request|e-?mail|enquiry) has been (?:given|logged|allocated|assigned|passed)\b"
    r"|\byou (?:should|will) receive (?:our|a) (?:response|reply)\b|\bwe will (?:respond|reply) to your (?:request|e-?mail)\b",
    re.I,
)
# The reach of MAILBOX_NOTICE and REQUEST_SPECIFIC around their words, as in GUARDS
NOTICE_REACH = 80


def _signal(pattern: re.Pattern, low: str) -> bool:
    reach, words = GUARDS[pattern]
    return search_near(pattern, low, words, reach) is not None


def _own_and_closing(message: Message) -> tuple[str, str]:
    own = "\n".join(t for _, t in message.own_lines)
    closing = "\n".join(t for _, t, role in message.lines if role in (SIGNOFF, BOILERPLATE))
    return own, closing


# Pictures in a signature (logos, "image001.png") are attachments that answer nothing.
SIGNATURE_IMAGE = re.compile(r"\.(?:png|jpe?g|gif|bmp)$|^image\d+", re.I)


def _substantive_attachments(message: Message) -> bool:
    if message.attachments:
        return any(not SIGNATURE_IMAGE.search(name) for name in message.attachments)
    return message.attachment_count > 0


def signalled_kind(message: Message) -> str | None:
    """The kind an incoming message's own words show, or None where nothing in them says."""
    return _kind_in_words(message, *_own_and_closing(message))


def _less_general_sentences(text: str) -> str:
    """The text less its sentences on requests in general (a sentence at a time: a pattern spanning one
    from any position would be tried at every character)."""
    low = text.lower()
    if "requests" not in low and "if your" not in low:
        return text
    return " ".join(sentence for sentence in re.split(r"(?<=\.)\s+", text)
                    if not GENERAL_SENTENCE.search(sentence) or (THIS_REQUEST.search(sentence) and "if your" not in sentence.lower()))


def _review_promised(low: str) -> bool:
    """Whether the text only speaks of a review still to be done: "We will write to you as soon as the internal review
    has been carried out", "Once the review has been completed …" (every outcome phrase sits in such a clause)."""
    matches = list(REVIEW_OUTCOME.finditer(low)) if "review" in low else []
    return bool(matches) and all(REVIEW_TO_COME.search(low, max(0, m.start() - 40), m.start()) for m in matches)


def _calls_itself_automatic(low: str) -> bool:
    """Whether a reply says it is automatic where a receipt says so: at its top, or in a short one (a response
    whose text runs on into a copied receipt, "… an automatic acknowledgement that your email has been received",
    is still a response)."""
    match = AUTOMATIC_RECEIPT.search(low) if "automat" in low else None  # the pattern has no literal start to skip to
    return bool(match) and (match.start() < 300 or len(low) < 600)


def _kind_in_words(message: Message, own: str, closing: str) -> str | None:
    text = own + "\n" + closing
    words = " ".join(own.split())  # phrases wrap across lines in mail: read them joined
    low = words.lower()
    head = text[:600].lower()
    if _signal(DELIVERY_FAILURE, head) or ("deliver" in head and BOUNCE_MARK.search(head) and _signal(DELIVERY_FAILURE, " ".join(head.split()))):
        # (a phrase wrapped across lines, "could not" / "be delivered", counts in a mail system's own report only:
        # a resent response says "our email could not be delivered" too)
        return "delivery_failure"
    if _signal(OUT_OF_OFFICE, low) or (_calls_itself_automatic(low) and not REFERENCE_GIVEN.search(words)):
        return "auto_reply"
    if _signal(EXTENSION, low):
        return "extension"
    if _signal(REVIEW_OUTCOME, low) and not _review_promised(low):
        return "internal_review_response"
    late = match_at_words(LATE_WITH_NEW_DATE, low, APOLOGY_WORDS)
    if late and not (PART_PROMISED.search(late.group(0)) and _signal(ANSWER_SIGNAL, low)):
        return "extension"
    if _signal(CLARIFICATION_ASKED, low):
        return "clarification_request"
    if ("receipt" in low or "proof of" in low) and PROOF_OF_SENDING.search(low):
        return "other"
    if "acknowledg" in low and RESENT_RECEIPT.search(low):
        return "acknowledgement"
    if _signal(ANSWER_SIGNAL, low):
        return "response"
    if _substantive_attachments(message) or _signal(CONFIRMATION, low):
        # "I can confirm that we are dealing with your request … we aim to answer it within 20 working days",
        # sent with the receipt as a letter attached: the answer is still to come.
        return "acknowledgement" if _signal(RESPONSE_PROMISED, low) else "response"
    if GENERIC_THANKS.match(own) or search_near(MAILBOX_NOTICE, own, MAILBOX_WORDS, NOTICE_REACH, low=same_length_lower(own)):
        # "your" / "request" may wrap; what a notice says of requests only if the mail is one is no tie to this one
        joined = _less_general_sentences(" ".join(text.split()))
        if not search_near(REQUEST_SPECIFIC, joined, REQUEST_WORDS, NOTICE_REACH, low=same_length_lower(joined)):
            return "auto_reply"
    if _signal(ACKNOWLEDGEMENT, low) or ("as soon as" in low or "outcome" in low) and HOLDING_PROMISE.search(low):
        return "acknowledgement"
    if _signal(GENERAL_DELAY_NOTICE, low) and not REFERENCE_GIVEN.search(words):
        return "auto_reply"  # a notice to all requesters that every request is held up, not this request's answer
    return None


def incoming_kind(message: Message, request_words: str = "") -> str:
    """The kind it shows; failing that, a substantial reply is taken for a response.
    A kind other than a response is read again without the lines that copy the request (``request_words``,
    from ``_spaced_words``): "Your request was: … can you confirm whether …" asks the requester nothing, and
    a request's "reference number" or "due date" copied into a response makes no receipt of it. (A response
    is spared the second reading: the words that make one are rarely a request's.)"""
    own, closing = _own_and_closing(message)
    kind = _kind_in_words(message, own, closing)
    if kind not in (None, "response"):
        less = _less_request(own, request_words)
        if less is not own:
            kind = _kind_in_words(message, less, closing)
    if kind:
        return kind
    return "response" if len(own.split()) > 40 else "other"


def _spaced_words(message: Message) -> str:
    """A message's own words as ``plain_words`` gives them, joined with a space at each end, for finding a
    line's words in them whole."""
    return " " + " ".join(plain_words(" ".join(text for _, text in message.own_lines))) + " "


def _less_request(own: str, request_words: str) -> str:
    """The text less its lines made of the request's words in the request's order, as a reply that quotes
    the request rewraps it (a line of a few words may be the reply's own), and less the request's first
    words at the end of the line above them ("… concerning  Can you confirm how" / "many private …").
    The text is made plain in one call, not a line at a time: it keeps its line breaks."""
    if not request_words.strip():
        return own
    lines = own.split("\n")
    plain = [words.split() for words in plain_text(own).split("\n")]
    echoed = [_repeats_request(words, request_words) for words in plain]
    if not any(echoed):
        return own
    kept = []
    for k, line in enumerate(lines):
        if echoed[k]:
            continue
        if k + 1 < len(lines) and echoed[k + 1]:
            cut = _echo_tail_start(plain[k], request_words)
            written = line.split()
            line = " ".join((written if len(written) == len(plain[k]) else plain[k])[:cut])  # as written where the words align
        kept.append(line)
    return "\n".join(kept)


def _echo_tail_start(words: list[str], request_words: str) -> int:
    """Where the longest run of the request's words that ends the line begins (the line's length if none
    of three words or more)."""
    for cut in range(len(words) - 3 + 1):
        if f" {' '.join(words[cut:])} " in request_words:
            return cut
    return len(words)


def _repeats_request(words: list[str], request_words: str) -> bool:
    return len(words) >= ECHO_MIN_WORDS and f" {' '.join(words)} " in request_words


def outgoing_kind(message: Message, position: int, previous_incoming: str | None) -> str:
    if position == 0:
        return "request"
    own, _ = _own_and_closing(message)
    if REVIEW_REQUEST.search(own):
        return "internal_review_request"
    if previous_incoming == "clarification_request":
        return "clarification"
    return "follow_up"


def _is_requester(sender: str | None, requester: str | None) -> bool:
    if not sender or not requester:
        return False
    return sender.strip().rstrip(",").lower() == requester.strip().lower()


def classify(thread: Thread) -> Thread:
    """Each message's direction and kind, read in time order (a pasted chain puts the newest on top)."""
    previous_incoming = None
    outgoing_seen = 0
    request_words = ""
    ordered = chronological(thread) if thread.source.format in EMAIL_FORMATS else thread.messages
    first = ordered[0] if ordered else None
    for message in ordered:
        if message is first and (message.sender is None or _is_requester(message.sender, thread.requester) or thread.requester is None):
            message.direction = "outgoing"
        else:
            message.direction = "outgoing" if _is_requester(message.sender, thread.requester) else "incoming"
        if message.direction == "outgoing":
            message.kind = outgoing_kind(message, outgoing_seen, previous_incoming)
            if message.kind == "request":
                request_words = _spaced_words(message)
            outgoing_seen += 1
            previous_incoming = None
        else:
            message.kind = incoming_kind(message, request_words)
            previous_incoming = message.kind
    return thread
