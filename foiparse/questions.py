"""The numbered (or lettered) items of the request.

A request may hold several lists: the questions, but also a quoted letter's
own numbered points or a lettered list of background. Items are read into
runs (a run is one list, from its first item to the first line that belongs
to none of its items); the questions are the run that a request introduces most
clearly ("Please can you provide:", "My questions are:" rather than "By way
of background:"), then numbered rather than lettered, then the last. Sub-items take the labels of the items above them: item d under 1
is ``1d``, item ii under that ``1dii``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Question, Thread

# An item marker at the start of a line, then the item's text:
#   "1) Has the council", "1/ the number of", "1.\tThe annual spend", "(1) copies of", "1 - Details", "10.     The percentage",
#   "2.1 Staff", "2a) cost", "1(a) £18,406", "3(ii) The total", "2.a The name", "3 a) 131 upheld", "#4 £61,340", "Q1 How many", "Q2a:", "Question 3: What", "Part 1" (alone), "Cwestiwn 1 / Question 1" (Welsh and English),
#   "Question one: How much", "Answer two:", "[1] How many", "1/3 How many" (item 1 of 3), "A – On 1 February" (a capital and a dash),
#   "a) could", "(b) must", "(iv) the", "(II) the average", "ii. whether", "and iii) have been" (the last of a list the request runs on),
#   "1.) The name", "iv.) Whether" (a full stop and a bracket)
# Must not match: "2 Marsham Street", "2023 £126,031", "18 hours or £450", "A1 - White British 121", "Part 3 is refused",
# "[1]https://www.example.gov.uk" or "[1] https://…" (a link's number), "1/3 of the budget", "A - C, or 4 - 9" and
# "A – Z of services" (ranges), "I – as a resident – would like" (the letter-dash form takes A to H only).
ITEM = re.compile(
    r"^\s*(?:(?:and|or)\s+(?=\(?(?:[a-z]|[ivx]{1,5}|\d{1,2})\)\s))?(?:"
    r"(?:Q|Question|Cwestiwn|Item|Request|Part|Rhan|Point|#)\s?\.?\s*(?P<q>\d{1,3}(?:\.\d{1,2})*[a-z]?)(?:\s*/\s*(?:Q|Question|Item|Part)\s?\.?\s*\d{1,3}[a-z]?)?"
    r"(?:\s*[:.)–-](?!\d)\s*|\s+(?=[A-Z0-9£(\"'“])|\s*$)"
    r"|(?:Question|Answer|Response|Part|Item) (?P<qw>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*[:.)–-]\s*"
    r"|\[(?P<sb>\d{1,2})\](?:\s+(?!https?:|www\.)|$)"
    r"|(?P<of>\d{1,2})/\d{1,2}\s+(?=[A-Z])"
    r"|(?P<ld>[A-H])\s[–—-]\s(?![A-Z](?![a-z]))"
    r"|\((?P<pn>\d{1,3}(?:\.\d{1,2})*[a-z]?)\)\s*"
    r"|(?P<np>\d{1,3})\((?P<npl>[a-z]|[ivx]{1,5})\)[.:]?\s*"
    r"|(?P<nd>\d{1,3})\.(?P<ndl>[a-z]|[ivx]{1,5})(?:[.):]\s*|\s+)"
    r"|(?P<ns>\d{1,3}) (?P<nsl>[a-z])\)\s*"
    r"|(?P<n>\d{1,3}(?:\.\d{1,2})*[a-z]?)(?:\.\)\s*|[.):](?!\d)\s*|/\s+|\s[–-]\s|\t\s*|\s{2,})"
    r"|(?P<dn>\d{1,3}(?:\.\d{1,2})+)\s+"
    r"|\((?P<pl>[a-z]|[ivx]{1,5}|[IVX]{1,5})\)\s*"
    r"|(?P<l>[a-zA-Z]|[ivx]{1,5})(?:\.\)|[.)])\s+"
    r")(?P<text>.*)$"
)
# A bullet or dash that opens a sub-line of an item: "•    2023", "- In 2024", "o     2021/22" (Word's second-level bullet)
BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□*]|-(?!-)|–|o(?=\s\s|\t))\s*")
# How strongly the line before a list says the list is the request's questions:
# "Please can you supply the following information:", "My questions are:" (strong); a line ending ":" or a
# salutation (weak); "By way of background:" (a list of context, not of questions).
LEAD_IN_STRONG = re.compile(
    r"the following|questions?\b|please (?:can you |could you |would you )?(?:provide|supply|send|tell|confirm|disclose|let me know)"
    r"|(?:can|could|would) you (?:please )?(?:provide|supply|send|tell|confirm)|i (?:would like|am seeking|request|wish)|in particular|please can you",
    re.I,
)
LEAD_IN_WEAK = re.compile(r":\s*-?\s*$|^\s*dear\s", re.I)
LEAD_IN_CONTEXT = re.compile(r"\bbackground\b|\bcontext\b|\bfor reference\b|\bfor information\b", re.I)


def lead_in_strength(line: str) -> int:
    if LEAD_IN_CONTEXT.search(line):
        return -1
    if LEAD_IN_STRONG.search(line):
        return 2
    return 1 if LEAD_IN_WEAK.search(line) else 0


# A lettered heading over a list of its own: "Part A – Staffing", "SECTION B: Budgets", "Part C".
# A request split into such parts numbers each part's list from 1; its items are labelled A1, A2, B1 …
SECTION_HEADING = re.compile(r"^\s*(?i:part|section)\s+(?P<label>[A-Z])(?:\s*[:.–—-]\s*\S.{0,60}|\s*:?\s*)$")
SECTION_INITIALS = frozenset("PpSs")


def section_label(text: str) -> str | None:
    """The letter of a part heading ("Part A – Staffing" gives "A"), else None."""
    match = SECTION_HEADING.match(text) if text.lstrip()[:1] in SECTION_INITIALS else None
    return match.group("label") if match else None


# A row of a tab-separated form grid: "1-6 hours\t[  x  ]\t[  x  ]"
TABLE_ROW = re.compile(r"\S\t+\S.*\t")
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
ROMAN_ORDER = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
ROMAN = frozenset(ROMAN_ORDER)
_TERMINAL = (".", "?", "!", ";")


@dataclass
class Item:
    label: str  # full label, e.g. "2bii"
    part: str  # this level's own label, e.g. "ii"
    kind: str  # num, alpha, roman, compound ("2.1"), numalpha ("2a")
    first: int  # 1-based line numbers
    last: int
    text_lines: list[str] = field(default_factory=list)
    run: int = 0
    lead_in: int = 0  # how strongly the line before the list introduces questions (see lead_in_strength)

    @property
    def text(self) -> str:
        return " ".join(" ".join(t.split()) for t in self.text_lines if t.strip()).strip()


# What an item marker (ITEM) opens with: a digit, "(", "[", a roman numeral, "Q", "Question", "Cwestiwn", "Item",
# "Request", "Part", "Rhan", "Point", "Answer", "#", "and", "or"; or any letter followed by "." or ")", or by " –"
# (checked in match_item). Other lines skip the pattern.
ITEM_INITIALS = frozenset("(ivxQCIRPao#[")


# The bold or italic marks a mail client leaves when it turns HTML into text: "*1. How many …", "**Question 4**";
# not a bullet ("* 2021/22: £9,412,806"), which has a space after its star.
EMPHASIS_OPENING = re.compile(r"^\s*[*_]{1,2}(?=[^\s*_])")
# The marks that close such emphasis at a word's end: "**Question 4**", "… 31 January 2024?*"
EMPHASIS_CLOSING = re.compile(r"(?<=\S)[*_]{1,2}(?=\s|$)")


def match_item(text: str) -> tuple[str, str, str] | None:
    """(own label, level kind, text after the marker) for an item line, else None."""
    stripped = text.lstrip()
    if stripped[:1] in ("*", "_"):
        text = EMPHASIS_CLOSING.sub("", EMPHASIS_OPENING.sub("", text, count=1))
        stripped = text.lstrip()
    if not stripped or not (stripped[:1] in ITEM_INITIALS or stripped[:1].isdecimal() or stripped[1:2] in (".", ")")
                            or stripped[1:3] in (" –", " -", " —") or stripped.startswith("Answer ")):
        return None
    match = ITEM.match(text)
    if not match:
        return None
    g = match.group
    if g("np"):
        return g("np") + g("npl"), "numalpha", g("text")
    if g("qw"):
        return str(NUMBER_WORDS.index(g("qw").lower()) + 1), "num", g("text")
    for name in ("sb", "of"):
        if g(name):
            return g(name), "num", g("text")
    if g("ld"):
        return g("ld"), "letter", g("text")
    if g("nd"):
        return g("nd") + g("ndl"), "numalpha", g("text")
    if g("ns"):
        return g("ns") + g("nsl"), "numalpha", g("text")
    for name in ("q", "pn", "n", "dn"):
        value = g(name)
        if value:
            if "." in value:
                return value, "compound", g("text")
            if value[-1].isalpha():
                return value, "numalpha", g("text")
            return value, "num", g("text")
    letter = g("pl") or g("l")
    return letter, "letter", g("text")


def _letter_kind(part: str, stack: list[tuple[str, str, str]]) -> str:
    kinds = {kind for kind, _, _ in stack}
    lower = part.lower()
    if lower not in ROMAN:
        return "alpha"
    top = stack[-1] if stack else None
    if top and top[0] == "alpha" and len(lower) == 1 and len(top[1]) == 1 and ord(lower) - ord(top[1].lower()) == 1:
        return "alpha"
    if "roman" in kinds or lower == "i":
        return "roman"
    return "alpha"


def _first_of_kind(part: str, kind: str) -> bool:
    return part.lower() in ("1", "a", "i") or (kind == "compound" and part.split(".")[-1] in ("1", "a"))


def _continues(text: str, previous_text: str) -> bool:
    """Whether a non-item line carries on the item above: a bullet, or the rest of an unfinished sentence."""
    if BULLET.match(text):
        return True
    return not previous_text.rstrip().endswith(_TERMINAL) and not BULLET.match(previous_text)


def parse_items(lines: list[tuple[int, str]]) -> list[Item]:
    """Every item of every list in these lines, each with its full label and run number.

    Lines between two items of one level (a table, a note) do not end the
    list; but a sub-level opening after such lines is a new list, not a
    child of the item far above it.
    """
    items: list[Item] = []
    stack: list[tuple[str, str, str]] = []  # (kind, part, full label) down the levels
    run = -1
    current: Item | None = None
    gap = 0  # non-blank lines since the last item that belong to no item
    pending: list[tuple[int, str]] = []  # those lines: they belong to the item above if the list goes on
    previous_text = ""
    for number, text in lines:
        found = match_item(text)
        if found:
            part, kind, rest = found
            opened = False
            if kind == "numalpha":
                # "2a" is item a under an item 2 that the request may never write on its own
                split_at = len(part.rstrip("abcdefghijklmnopqrstuvwxyz"))
                parent, part, kind = part[:split_at], part[split_at:], "letter"  # "3ii": item ii under 3
                top = stack[0] if stack else None
                if top and top[0] == "num" and top[1] == parent:
                    del stack[2:]
                elif parent == "1" or (top and top[0] == "num" and top[1].isdigit() and int(top[1]) + 1 == int(parent)):
                    opened = parent == "1"
                    run += opened
                    stack = [("num", parent, parent)]
                else:
                    current, gap, previous_text = None, gap + 1, text
                    continue
                gap = 0
            elif kind == "num" and stack and stack[0][0] == "compound" and stack[0][1].split(".")[0].isdigit() and int(stack[0][1].split(".")[0]) + 1 == int(part):
                stack = []
            if kind == "letter":
                kind = _letter_kind(part, stack)
            kinds = [k for k, _, _ in stack]
            first = _first_of_kind(part, kind)
            new_run = False
            if kind in kinds:
                depth = kinds.index(kind)
                if depth == 0 and first:
                    new_run = True
                else:
                    del stack[depth:]
            elif not (stack and first and gap == 0):
                if not first:
                    current, gap, previous_text = None, gap + 1, text
                    pending.append((number, text.strip()))
                    continue
                new_run = True
            if new_run:
                stack, run = [], run + 1
            elif pending and items:
                items[-1].text_lines.extend(t for _, t in pending)
                items[-1].last = pending[-1][0]
            pending = []
            label = part if kind == "compound" or not stack else stack[-1][2] + part
            stack.append((kind, part, label))
            current = Item(label=label, part=part, kind=kind, first=number, last=number, text_lines=[rest], run=run, lead_in=lead_in_strength(previous_text) if new_run or opened else 0)
            items.append(current)
            gap, previous_text = 0, text
            continue
        stripped = text.strip()
        # ("5." alone on its line: the item's words are on the next)
        if current is not None and stripped and not TABLE_ROW.search(text) and (not "".join(current.text_lines).strip() or _continues(text, previous_text)):
            current.text_lines.append(BULLET.sub("", text, count=1) if BULLET.match(text) else stripped)
            current.last = number
        elif stripped:
            current, gap = None, gap + 1
            if items and not TABLE_ROW.search(text):
                pending.append((number, stripped))
        else:
            current = None
        if stripped:
            previous_text = text
    return items


def choose_run(items: list[Item]) -> list[Item]:
    """The run that holds the request's questions."""
    runs: dict[int, list[Item]] = {}
    for item in items:
        runs.setdefault(item.run, []).append(item)
    candidates = []
    for run, members in runs.items():
        top = [m for m in members if m.label == m.part or m.kind == "compound"]
        if len(members) < 2:
            continue
        numeric = members[0].kind in ("num", "compound")
        candidates.append((members[0].lead_in, numeric, len(top) >= 2, run))
    if not candidates:
        return []
    best = max(candidates)
    return runs[best[3]]


def _sectioned_questions(own: list[tuple[int, str]], items: list[Item], asked_in: int) -> list[Question]:
    """The questions of a request in lettered parts, each part's list labelled by its letter ("Part B" item 2 is B2).

    Empty unless at least two parts each hold a list numbered from 1: one list
    under a single heading is read as usual, and lettered items under a letter
    ("AA") would read as nothing a person wrote.
    """
    headings = [(number, label) for number, text in own if (label := section_label(text))]
    if len({label for _, label in headings}) < 2 or any(item.first < headings[0][0] for item in items):
        return []  # a numbered item above the first part would have no part to be labelled by
    by_section: dict[str, list[Item]] = {}
    for item in items:
        label = next((label for number, label in reversed(headings) if number < item.first), None)
        if label is not None:
            by_section.setdefault(label, []).append(item)
    lists = {label: choose_run(members) for label, members in by_section.items()}
    lists = {label: chosen for label, chosen in lists.items() if chosen and chosen[0].kind == "num" and chosen[0].part == "1"}
    if len(lists) < 2:
        return []
    questions = []
    for label, chosen in lists.items():
        for item in chosen:
            questions.append(Question(number=label + item.label, text=item.text, asked_in=asked_in, first=item.first, last=item.last))
    return questions


# An item marker inside a sentence: "Please could you tell me (1) how many …, (2) how much … and (3) whether …";
# its bracket must open the text or follow a space (checked in code), so "section 40(2)" and "12(4)(b)" are no markers.
INLINE_MARKER = re.compile(r"\((?P<label>\d{1,2}|[a-h]|[ivx]{1,4})\)\s")
# What joins one inline item to the next: "…, and", "; or", ","
ITEM_JOINER = re.compile(r"[\s,;]*(?:\b(?:and|or)\b)?[\s,;]*$")
# The end of the sentence that holds the last inline item
SENTENCE_END = re.compile(r"[.?!](?=\s|$)")
# Words after which a bracketed letter splits one clause, not a list of questions: "employees who (a) are … and (b) have …"
CLAUSE_GOES_ON = frozenset({"who", "which", "that", "whose", "whom", "where", "when", "by", "of", "for", "to", "with",
                            "are", "is", "were", "was", "be", "been", "have", "has", "had", "they", "the", "a", "an"})
FIRST_OF_KIND = {"num": "1", "alpha": "a", "roman": "i"}


def _kinds_of(label: str) -> tuple[str, ...]:
    """The kinds of list a label may belong to: "i" and "v" are letters or roman numerals."""
    if label.isdigit():
        return ("num",)
    if label in ROMAN:
        return ("roman", "alpha") if len(label) == 1 else ("roman",)
    return ("alpha",)


def _follows(label: str, previous: str, kind: str) -> bool:
    """Whether the label comes next after the previous one in a list of this kind ("3" after "2", "iv" after "iii")."""
    if kind == "num":
        return int(label) == int(previous) + 1
    if kind == "roman":
        return previous in ROMAN_ORDER and label in ROMAN_ORDER and ROMAN_ORDER.index(label) == ROMAN_ORDER.index(previous) + 1
    return len(label) == len(previous) == 1 and ord(label) == ord(previous) + 1


def _inline_markers(text: str) -> list[re.Match]:
    """The markers of the outer list in a paragraph: of the lists that run from their first label, the one that
    opens first, so "(a)" and "(b)" inside item "(1)" stay part of its text."""
    runs: dict[str, list[re.Match]] = {}
    for marker in INLINE_MARKER.finditer(text):
        if marker.start() and not text[marker.start() - 1].isspace():
            continue
        label = marker.group("label")
        for kind in _kinds_of(label):
            run = runs.get(kind)
            if run and _follows(label, run[-1].group("label"), kind):
                run.append(marker)
            elif label == FIRST_OF_KIND[kind] and (not run or len(run) < 2):
                runs[kind] = [marker]
    complete = [run for run in runs.values() if len(run) >= 2]
    return min(complete, key=lambda run: run[0].start()) if complete else []


def _inline_questions(own: list[tuple[int, str]], asked_in: int) -> list[Question]:
    """The items a request numbers inside one paragraph of prose, for a request with no list of lines.

    The sentence must ask for them ("Please could you tell me (1) …"), as a list's lead-in would, and the
    marker must not split a clause ("the number of employees who (a) are … and (b) have …": one question).
    """
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for number, text in own:
        if text.strip():
            paragraphs[-1].append((number, text.strip()))
        elif paragraphs[-1]:
            paragraphs.append([])
    for paragraph in paragraphs:
        text, starts = "", []
        for number, line in paragraph:
            starts.append((len(text), number))
            text += line + " "
        markers = _inline_markers(text)
        if not markers:
            continue
        opening = text[:markers[0].start()]
        sentence_start = max((end.end() for end in SENTENCE_END.finditer(opening)), default=0)
        word_before = opening.split()[-1].lower() if opening.split() else ""
        if lead_in_strength(opening[sentence_start:]) < 1 or word_before in CLAUSE_GOES_ON:
            continue  # "which they (a) could and (b) must play": a sentence in parts, not a list of questions

        def line_of(offset: int) -> int:
            return next(number for start, number in reversed(starts) if start <= offset)

        questions = []
        for k, marker in enumerate(markers):
            if k + 1 < len(markers):
                end = markers[k + 1].start()
                item = ITEM_JOINER.sub("", text[marker.end():end])
            else:
                stop = SENTENCE_END.search(text, marker.end())
                end = stop.end() if stop else len(text)
                item = text[marker.end():end].strip()
            if item:
                questions.append(Question(number=marker.group("label"), text=item, asked_in=asked_in,
                                          first=line_of(marker.start()), last=line_of(max(marker.end(), end - 1))))
        if len(questions) >= 2:
            return questions
    return []


def find_questions(thread: Thread) -> Thread:
    """The request's questions: the list it introduces, each item and sub-item."""
    request = next((m for m in thread.messages if m.kind == "request"), None)
    if request is None:
        return thread
    own = request.own_lines
    items = parse_items(own)
    sectioned = _sectioned_questions(own, items, request.index)
    if sectioned:
        thread.questions.extend(sectioned)
        return thread
    chosen = choose_run(items)
    if not chosen:
        thread.questions.extend(_inline_questions(own, request.index))
        return thread
    asking = {i.run for i in items if i.text.rstrip().endswith("?")}  # lists that ask, not lists of definitions
    rivals = {i.run for i in items if i.run != chosen[0].run and i.kind in ("num", "compound") and i.label == "1" and i.run in asking}
    if rivals:
        thread.warnings.append(
            f"the request numbers its items in {len(rivals) + 1} lists that each start at 1 (under headings?); "
            f"only the list at line {chosen[0].first} is read as the questions"
        )
    if chosen[-1].label == "999":
        thread.warnings.append("the request's list may go on past item 999: labels of four digits are not read as items")
    for item in chosen:  # a parent item is a question too, even a title over its sub-items ("1) Corridor care")
        thread.questions.append(Question(number=item.label, text=item.text, asked_in=request.index, first=item.first, last=item.last))
    return thread
