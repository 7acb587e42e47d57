"""A saved WhatDoTheyKnow (Alaveteli) request page, as the text the page shows.

``to_lines`` turns the page into the text a reader copies from a request
page, the shape ``split`` already reads: the title; the subtitle ("X made
this Freedom of Information request to Y"); the status line; then for each
message its heading (the sender as the page shows it), its date line, its
attachment list and its text. Every line it gives carries the 1-based line
of the HTML source it was taken from, so the pipeline can point each span
back into the saved page.

Only the parts of the page that carry the request are read, found by
Alaveteli's class names; menus, sidebars, annotations, "Link to this",
"Report", follow buttons and the "show quoted sections" toggle are never
visited. Quoted mail that the page folds away is still in the markup and is
kept. A message keeps its own line breaks: Alaveteli renders mail text as
``<p>`` and ``<br>``, so those break lines, while a newline in the source
only wraps the markup.

BeautifulSoup with the standard library's ``html.parser`` reads the page: it
is pure Python, tolerant of the invalid nesting Alaveteli writes
(``<p><p>``), and records the source line of every tag.
"""
from __future__ import annotations

import datetime as _dt

from bs4 import BeautifulSoup, NavigableString, Tag

# Tags whose content is never text of the request.
_NEVER_TEXT = frozenset({"script", "style", "template", "noscript", "head", "title", "input", "button", "select", "textarea", "svg", "img", "iframe", "object"})
# Tags that stand on lines of their own; a ``<br>`` ends a line inside them.
_BLOCK = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr",
     "section", "article", "header", "footer", "aside", "nav", "address", "center", "form", "fieldset", "hr", "figure", "figcaption", "main"}
)
# Table cells sit side by side on one line, a space apart.
_CELL = frozenset({"td", "th"})
# Page furniture inside a message's text: the attachment list (read on its
# own, above the text) and the "show quoted sections" toggle.
_FURNITURE_CLASSES = frozenset({"attachments", "unfold_link"})
# White space that only lays out the markup (not U+00A0, which mail uses as text).
_ASCII_SPACE = " \t\n\r\f"
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _has_class(tag: Tag, name: str) -> bool:
    return name in (tag.get("class") or ())


def _find_class(within: Tag, name: str) -> Tag | None:
    return within.find(lambda t: _has_class(t, name))


class _Positions:
    """The 1-based source line where each text string of the page begins.

    BeautifulSoup records the line of every tag but not of strings; a string
    begins where the element before it in document order ends, so one walk
    over the page, counting the newlines of each string, places them all.
    A tag resets the count to its own recorded line, so no error can carry
    on past the next tag.
    """

    def __init__(self, soup: BeautifulSoup, source_lines: list[str]):
        self._source = source_lines
        self._line: dict[int, int] = {}
        line = 1
        for node in soup.descendants:
            if isinstance(node, Tag):
                if node.sourceline is not None:
                    line = node.sourceline + self._start_tag_breaks(node)
            else:
                self._line[id(node)] = line
                line += node.count("\n")

    def _start_tag_breaks(self, tag: Tag) -> int:
        """Line breaks inside the start tag itself (its attributes may wrap)."""
        row, column = tag.sourceline - 1, tag.sourcepos or 0
        for breaks in range(8):
            if row + breaks >= len(self._source):
                break
            if ">" in self._source[row + breaks][column if breaks == 0 else 0:]:
                return breaks
        return 0

    def of_text(self, string: NavigableString) -> int | None:
        """The line of the string's first visible character (its first line when it is all white space)."""
        start = self._line.get(id(string))
        if start is None:
            return None
        stripped = string.lstrip(_ASCII_SPACE)
        if not stripped:
            return start
        return start + string[: len(string) - len(stripped)].count("\n")


class _Lines:
    """Lines of a message's text as they are built, each with its source line."""

    def __init__(self, positions: _Positions):
        self.positions = positions
        self.lines: list[str] = []
        self.origins: list[int | None] = []
        self._parts: list[tuple[str, int | None]] = []
        self._opened_at: int | None = None  # the line of the tag that began the current line

    def add(self, text: str, origin: int | None) -> None:
        if not self._parts and "\n" in text and not text.strip(_ASCII_SPACE):
            return  # the markup's own indentation, not text
        self._parts.append((text, origin))

    def break_line(self, at: int | None) -> None:
        """End the current line, even an empty one (what ``<br>`` does)."""
        text = "".join(part for part, _ in self._parts)
        visible = next((o for part, o in self._parts if part.strip()), None)
        first = self._parts[0][1] if self._parts else None
        self.lines.append(text)
        self.origins.append(visible or first or self._opened_at)
        self._parts = []
        self._opened_at = at

    def end_block(self, at: int | None) -> None:
        """End the current line if it holds text (what a paragraph's edge does); paragraphs leave no blank line between them."""
        if any(part.strip(_ASCII_SPACE) for part, _ in self._parts):
            self.break_line(at)
        else:
            self._parts = []
            self._opened_at = at

    def render(self, tag: Tag, preformatted: bool = False) -> None:
        for child in tag.children:
            if isinstance(child, Tag):
                self._render_tag(child, preformatted)
            elif type(child) is NavigableString:  # not a subclass: comments, doctype, CDATA are not shown
                self._render_string(child, preformatted)

    def _render_tag(self, tag: Tag, preformatted: bool) -> None:
        name = tag.name
        if name in _NEVER_TEXT or any(_has_class(tag, c) for c in _FURNITURE_CLASSES) or tag.has_attr("hidden"):
            return
        at = tag.sourceline
        if name == "br":
            self.break_line(at)
        elif name in _BLOCK:
            self.end_block(at)
            self.render(tag, preformatted or name == "pre")
            self.end_block(at)
        else:
            if name in _CELL and self._parts:
                self.add(" ", at)
            self.render(tag, preformatted)

    def _render_string(self, string: NavigableString, preformatted: bool) -> None:
        origin = self.positions.of_text(string)
        pieces = str(string).split("\n")
        if preformatted:
            for n, piece in enumerate(pieces):
                if n:
                    self.break_line(origin + n if origin else None)
                if piece:
                    self._parts.append((piece, origin + n if origin else None))
            return
        # A newline in the source wraps the markup: at the string's ends it is
        # nothing (the <br> beside it breaks the line), inside it is a space.
        text = pieces[0]
        for piece in pieces[1:]:
            piece = piece.lstrip(" \t")
            if text and piece and text[-1] not in _ASCII_SPACE:
                text += " "
            text += piece
        if text:
            self.add(text, origin)

    def finish(self) -> tuple[list[str], list[int | None]]:
        self.end_block(None)
        return self.lines, self.origins


def _flat(tag: Tag | None, positions: _Positions) -> tuple[str, int | None]:
    """A heading-like element's text on one line, white space collapsed, and its source line."""
    if tag is None:
        return "", None
    lines = _Lines(positions)
    lines.render(tag)
    texts, origins = lines.finish()
    text = " ".join(" ".join(texts).split())
    return text, next((o for t, o in zip(texts, origins) if t.strip()), tag.sourceline)


def _date_line(block: Tag, positions: _Positions) -> tuple[str, int | None] | None:
    """The message's date as WhatDoTheyKnow shows it, "2 August 2018", from its ``<time datetime>``."""
    where = _find_class(block, "correspondence__header__date") or _find_class(block, "correspondence__header") or block
    time = where.find("time")
    if time is None:
        return None
    stamp = str(time.get("datetime") or "")
    try:
        day = _dt.date.fromisoformat(stamp[:10])
    except ValueError:
        shown, origin = _flat(time, positions)
        return (shown, origin) if shown else None
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}", time.sourceline


def _attachments(block: Tag, positions: _Positions) -> list[tuple[str, int | None]]:
    """The "N Attachments" line and one "  name size" line per attachment, where the message lists any."""
    listing = _find_class(block, "attachments")
    if listing is None:
        return []
    items = [li for li in listing.find_all("li") if _has_class(li, "attachment")] or listing.find_all("li")
    if not items:
        return []
    header, header_line = _flat(_find_class(listing, "attachments__header"), positions)
    count = f"{len(items)} Attachment{'s' if len(items) != 1 else ''}"
    out = [(count, header_line if header else listing.sourceline)]
    for item in items:
        name, name_line = _flat(_find_class(item, "attachment__name"), positions)
        if not name:
            link = item.find("a", string=True)
            name, name_line = _flat(link, positions)
        meta = _find_class(item, "attachment__meta")
        size = ""
        if meta is not None:
            first = next((s for s in meta.find_all(string=True, recursive=False) if s.strip()), "")
            size = " ".join(first.split())
        out.append((f"  {name} {size}".rstrip(), name_line or item.sourceline))
    return out


def _message_text(block: Tag, positions: _Positions) -> tuple[list[str], list[int | None]]:
    text = _find_class(block, "correspondence_text")
    if text is None:
        return [], []
    lines = _Lines(positions)
    lines.render(text)
    texts, origins = lines.finish()
    # Empty lines at the edges are markup; a line of no-break spaces is the mail's own.
    first = next((i for i, t in enumerate(texts) if t.strip(_ASCII_SPACE)), len(texts))
    last = next((i for i in range(len(texts) - 1, -1, -1) if texts[i].strip(_ASCII_SPACE)), -1)
    return texts[first:last + 1], origins[first:last + 1]


def _title(soup: BeautifulSoup, positions: _Positions) -> tuple[str, int | None]:
    header = _find_class(soup, "request-header")
    heading = header.find("h1") if header is not None else None
    if heading is None:
        heading = next((h for h in soup.find_all("h1") if h.find(id="logo") is None), None)
    return _flat(heading, positions)


def _is_correspondence(tag: Tag) -> bool:
    """A message of the thread: ``<div class="incoming correspondence …" id="incoming-1405632">``."""
    return _has_class(tag, "correspondence")


def to_lines(html: str) -> tuple[list[str], list[int | None]]:
    """The page as WhatDoTheyKnow text lines, and the 1-based HTML source line of each (None for the blank lines put between parts)."""
    # Line ends as ``read.split_lines`` counts them (CRLF, CR, LF), so source
    # line numbers agree with what a person or an editor counts.
    source = html.replace("\r\n", "\n").replace("\r", "\n")
    soup = BeautifulSoup(source, "html.parser")
    positions = _Positions(soup, source.split("\n"))
    lines: list[str] = []
    origins: list[int | None] = []

    def put(text: str, origin: int | None) -> None:
        lines.append(text)
        origins.append(origin)

    for text, origin in (_title(soup, positions), _flat(_find_class(soup, "request-header__subtitle"), positions), _flat(soup.find(id="request_status") or _find_class(soup, "request-status"), positions)):
        if text:
            put(text, origin)
            put("", None)

    for block in soup.find_all(_is_correspondence):
        sender, sender_line = _flat(_find_class(block, "correspondence__header__author"), positions)
        if sender:
            put(sender, sender_line)
            date = _date_line(block, positions)
            if date:
                put(*date)
            put("", None)
        listed = _attachments(block, positions)
        for text, origin in listed:
            put(text, origin)
        if listed:
            put("", None)
        for text, origin in zip(*_message_text(block, positions)):
            put(text, origin)
        put("", None)
    while lines and not lines[-1].strip():
        lines.pop()
        origins.pop()
    return lines, origins


def page_text(html: str) -> tuple[list[str], list[int | None]]:
    """Every line of text the page shows, with its source line: for a page that is not a request page."""
    source = html.replace("\r\n", "\n").replace("\r", "\n")
    soup = BeautifulSoup(source, "html.parser")
    lines = _Lines(_Positions(soup, source.split("\n")))
    lines.render(soup.body or soup)
    return lines.finish()
