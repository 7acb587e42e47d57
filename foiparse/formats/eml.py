"""Raw email (RFC 5322 / MIME files, ``.eml``) and mbox files to ``Mail`` records.

Authorities answer FOI requests by email, and much of what researchers hold
is the raw mail rather than a WhatDoTheyKnow page. This module turns such
mail into a few plain fields and, with ``to_chain_text``, into the text shape
the rest of the pipeline reads, so the parsing stages stay text-only.

Real authority mail is often broken (the test corpus is Alaveteli's): wrong
or unknown charsets, missing MIME boundaries, bad uuencoding, Outlook's TNEF
``winmail.dat``, raw 8-bit bytes in headers. Nothing here raises on such
input: what could not be read exactly is said in ``Mail.warnings``.

``Mail`` (every field always present)::

    from_        str | None   From header, encoded words decoded: "Ben Fairless <ben@example.org>"
    to           str | None   To header, likewise
    date         str | None   day of the Date header, ISO "2014-04-14", in the sender's own time zone
    sent         str | None   the whole Date header as ISO date-time: "2014-04-14T15:55:09+09:30"
    subject      str | None
    message_id   str | None   "<id@host>"
    in_reply_to  str | None   "<id@host>"
    references   list[str]    every "<id@host>" of the References header, oldest first
    body         str          the text/plain parts, else the text/html parts as text, else TNEF's body;
                              line ends "\\n"; uuencoded blocks removed (they are attachments)
    attachments  list[(str, int)]  (file name, size in bytes of the decoded content)
    warnings     list[str]    what was read with a guess or not at all

Entry points: ``read_message(bytes) -> Mail``, ``read_mbox(bytes) -> list[Mail]``
(``iter_mbox`` for one at a time), ``to_chain_text(mails) -> str`` and
``thread_key(mail) -> str``.
"""
from __future__ import annotations

import base64
import binascii
import codecs
import datetime as _dt
import re
import struct
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser
from typing import Iterator


@dataclass
class Mail:
    from_: str | None = None
    to: str | None = None
    date: str | None = None
    sent: str | None = None
    subject: str | None = None
    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    body: str = ""
    attachments: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- charsets

# Labels that in real mail mean Windows-1252, as browsers treat them (WHATWG
# Encoding Standard): "iso-8859-1" mail from Outlook carries 0x96 for an en dash.
_WESTERN_CODECS = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252"})


def _codec(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None when unknown or not a text encoding.

    Bytes-to-bytes codecs ("zlib", "base64") exist under lookup too; a charset
    label naming one must not reach ``bytes.decode``.
    """
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError, TypeError):
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str, str | None]:
    """Text, the codec used, and a warning when that was not the declared charset.

    Order: the declared charset, then UTF-8 (almost never valid by accident),
    then Windows-1252 (most older council mail), then Latin-1, which reads
    every byte. Western labels are read as Windows-1252, except that bytes
    which are valid UTF-8 are read as UTF-8: mailers label UTF-8 as Latin-1
    far more often than Latin-1 text happens to be valid UTF-8.
    """
    codec = _codec(declared)
    note = f"unknown charset {declared!r}" if declared and not codec else None
    if codec in _WESTERN_CODECS:
        if not data.isascii():
            try:
                return data.decode("utf-8"), "utf-8", f"labelled {declared} but is UTF-8"
            except UnicodeDecodeError:
                pass
        codec = "cp1252"
    for name in dict.fromkeys(c for c in (codec, "utf-8", "cp1252") if c):
        try:
            text = data.decode(name)
        except (UnicodeError, LookupError):
            continue
        if name == codec or (name == "utf-8" and not declared):
            return text, name, note
        return text, name, note or (f"not valid {declared}: read as {name}" if declared else f"no charset given and not UTF-8: read as {name}")
    return data.decode("latin-1"), "latin-1", note or f"not valid {declared or 'UTF-8 or Windows-1252'}: read as latin-1"


def _unescaped(text: str) -> bytes:
    """The original bytes of text the email package read with surrogateescape (raw 8-bit header bytes)."""
    return text.encode("utf-8", "surrogateescape")


# ----------------------------------------------------------------- headers

# An RFC 2047 encoded word, with an optional RFC 2231 language suffix.
# e.g. "=?UTF-8?B?aGVsbG/w?=", "=?iso-8859-1?Q?C=E2mara_Responde?=", "=?utf-8*en?q?x?="
ENCODED_WORD = re.compile(r"=\?(?P<charset>[^?*\s]+)(?:\*[^?\s]*)?\?(?P<encoding>[BbQq])\?(?P<text>[^?\s]*)\?=")
# White space between two encoded words, which RFC 2047 says is not text.
# e.g. the fold in "=?iso-8859-1?Q?Informa=E7?=\n\t=?iso-8859-1?Q?=E3o?="
GAP_BETWEEN_ENCODED_WORDS = re.compile(r"(?<=\?=)[ \t\r\n]+(?==\?)")
# A header fold: line end followed by white space, e.g. "Subject: RE: Participation\n Assessment"
HEADER_FOLD = re.compile(r"\r?\n(?=[ \t])")
# A run of white space inside a header value.
SPACES = re.compile(r"\s+")
# A message identifier, e.g. "<E1Q0Z7o-0007ie-FL@wildfire.ukcod.org.uk>"
MESSAGE_ID = re.compile(r"<[^<>\s]+>")


def _encoded_word_bytes(match: re.Match) -> bytes | None:
    text = match.group("text")
    if match.group("encoding") in "Qq":
        return binascii.a2b_qp(text.encode("ascii", "replace"), header=True)
    raw = text.encode("ascii", "replace")
    for end in (len(raw), len(raw) - 1, len(raw) - 2):
        try:
            return base64.b64decode(raw[:end] + b"=" * (-end % 4))
        except (binascii.Error, ValueError):
            continue
    return None


def decode_header_value(raw: str) -> tuple[str, list[str]]:
    """A header value as one line of text, encoded words decoded, with warnings.

    Decoded here rather than by the email package's header registry so that
    headers get the same charset fallbacks as bodies: the registry turns bad
    bytes into U+FFFD without saying so, and raw 8-bit bytes (which mailers
    send though the standard forbids them) arrive as surrogates. Adjacent
    encoded words in one charset are joined before decoding, because mailers
    split multi-byte characters across them.
    """
    warnings: list[str] = []
    value = GAP_BETWEEN_ENCODED_WORDS.sub("", HEADER_FOLD.sub("", raw))
    pieces: list[str] = []
    run_charset, run = None, bytearray()

    def flush_run() -> None:
        nonlocal run_charset, run
        if run_charset is not None:
            text, _, warning = decode_bytes(bytes(run), run_charset)
            pieces.append(text)
            if warning:
                warnings.append(warning)
        run_charset, run = None, bytearray()

    def add_literal(text: str) -> None:
        if not text:
            return
        flush_run()
        if text.isascii():
            pieces.append(text)
            return
        decoded, codec, _ = decode_bytes(_unescaped(text))
        pieces.append(decoded)
        if any("\udc80" <= c <= "\udcff" for c in text):
            warnings.append(f"raw 8-bit bytes read as {codec}")

    position = 0
    for match in ENCODED_WORD.finditer(value):
        add_literal(value[position:match.start()])
        position = match.end()
        data = _encoded_word_bytes(match)
        if data is None:
            add_literal(match.group(0))
            warnings.append("undecodable encoded word")
            continue
        charset = match.group("charset").lower()
        if charset != run_charset:
            flush_run()
            run_charset = charset
        run += data
    add_literal(value[position:])
    flush_run()
    return SPACES.sub(" ", "".join(pieces)).strip(), warnings


def _raw_header(msg: Message, name: str) -> str | None:
    """The first raw value of a header, untouched by the header registry (which can raise on bad headers)."""
    lowered = name.lower()
    for key, value in msg.raw_items():
        if key.lower() == lowered:
            return value if isinstance(value, str) else str(value)
    return None


def _text_header(msg: Message, name: str, warnings: list[str]) -> str | None:
    raw = _raw_header(msg, name)
    if raw is None:
        return None
    text, notes = decode_header_value(raw)
    warnings.extend(f"{name} header: {note}" for note in notes)
    return text or None


def read_date(raw: str | None) -> tuple[str | None, str | None]:
    """(ISO day, ISO date-time) of a Date header, both None when it cannot be read.

    The day is the sender's own: a letter dated 14 April in Adelaide stays 14
    April though it was 13 April in London.
    """
    if not raw:
        return None, None
    try:
        when = parsedate_to_datetime(SPACES.sub(" ", raw).strip())
    except (TypeError, ValueError, OverflowError, IndexError):
        return None, None
    if when is None:
        return None, None
    return when.date().isoformat(), when.isoformat()


# ------------------------------------------------------------- HTML to text

# Elements that end a line.
_LINE_TAGS = frozenset("address article aside dd div dl dt fieldset figcaption figure footer form header hr li main nav section tr".split())
# Elements that stand apart as paragraphs (a blank line after).
_PARAGRAPH_TAGS = frozenset("blockquote h1 h2 h3 h4 h5 h6 ol p pre table ul".split())
# Elements whose text is never shown: scripts, styles, and the <xml> blocks Word puts in mail.
_HIDDEN_TAGS = frozenset("noscript script style template title xml".split())
# Runs of HTML white space, which a browser shows as one space.
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
# Three or more line ends: the empty paragraphs of Outlook HTML (<p>&nbsp;</p>).
_BLANK_LINES = re.compile(r"\n{3,}")
# Any tag, for the fallback when the HTML parser gives up.
_TAG = re.compile(r"<[^>]*>")
# A "<" that no ">" closes before the next "<" or the end: text, not a tag. html.parser
# rescans to the end of the input for each of these (300 KB of '<a b="' takes minutes),
# so they are escaped first. Also catches "<" inside a quoted attribute ('title="a<b"'), rare in mail.
UNCLOSED_TAG_OPEN = re.compile(r"<(?=[^<>]*(?:<|$))")


class _TextExtractor(HTMLParser):
    """Collects the text a browser would show, with line breaks where blocks end.

    Block edges only ask for line breaks (``pending``); they are written
    before the next visible text, so nested and empty blocks (Outlook's
    ``<p>&nbsp;</p>``) give one break, not one per tag. ``<br>`` is written
    at once: two of them are a blank line.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.pending = 0  # line breaks owed before the next text
        self.prefix = ""  # list marker or cell separator owed before the next text
        self.hidden = 0
        self.pre = 0
        self.lists: list[int | None] = []  # counter for <ol>, None for <ul>
        self.cells = 0

    def _break(self, count: int) -> None:
        self.pending = max(self.pending, count)

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag == "br":
            self.chunks.append("\n" * (self.pending + 1))
            self.pending, self.prefix = 0, ""
        elif tag == "li":
            # the numbers an <ol> shows are not in its text, and FOI questions are numbered
            self._break(1)
            if self.lists and self.lists[-1] is not None:
                self.lists[-1] += 1
                self.prefix = f"{self.lists[-1]}. "
            else:
                self.prefix = "- "
        elif tag in ("td", "th"):
            if self.cells:
                self.prefix = "\t"
            self.cells += 1
        else:
            if tag in ("ol", "ul"):
                self.lists.append(0 if tag == "ol" else None)
            elif tag == "tr":
                self.cells = 0
            elif tag == "pre":
                self.pre += 1
            self._break(2 if tag in _PARAGRAPH_TAGS else 1 if tag in _LINE_TAGS else 0)

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
            return
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        self._break(2 if tag in _PARAGRAPH_TAGS else 1 if tag in _LINE_TAGS else 0)

    def handle_data(self, data):
        if self.hidden:
            return
        text = data if self.pre else _HTML_SPACE.sub(" ", data)
        if not text.strip():
            if not self.pending and not self.prefix and self.chunks:
                self.chunks.append(text)
            return
        if self.pending and self.chunks:
            self.chunks.append("\n" * self.pending)
        self.chunks.append(self.prefix + (text.lstrip() if self.pending or self.prefix else text))
        self.pending, self.prefix = 0, ""


def _tidy_lines(text: str) -> str:
    lines = [line.strip(" ") for line in text.replace("\xa0", " ").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def html_to_text(html: str) -> str:
    """The text of an HTML mail body: paragraphs, <br>, list items and table rows as line breaks.

    Scripts, styles and Word's <xml> blocks are dropped; table cells are
    separated by tabs; an <ol>'s item numbers are written out. Malformed
    HTML that the parser rejects is read by stripping tags instead.
    """
    extractor = _TextExtractor()
    try:
        extractor.feed(UNCLOSED_TAG_OPEN.sub("&lt;", html))
        extractor.close()
        text = "".join(extractor.chunks)
    except Exception:  # html.parser has raised AssertionError on odd markup; tags are stripped instead
        text = unescape(_TAG.sub(" ", html))
    return _tidy_lines(text)


# ----------------------------------------------------------- uuencoded data

# A uuencoded file in a plain-text body, as old Exchange and Lotus servers attach them.
# e.g. "begin 666 ResponseT7363 9.doc"; must not match "begin the review" (no octal mode).
UU_BEGIN = re.compile(r"^begin [0-7]{3,4} (?P<name>[^\r\n]*?)[ \t]*$", re.M)
# The line closing a uuencoded file: "end"
UU_END = re.compile(r"^end[ \t]*$", re.M)


def _uu_line_size(line: str) -> int | None:
    """Bytes one uuencoded line holds, or None when it cannot be decoded."""
    try:
        return len(binascii.a2b_uu(line))
    except (binascii.Error, ValueError):
        pass
    try:  # encoders that pad short lines wrongly: read only the length the first character promises
        promised = (((ord(line[0]) - 32) & 63) * 4 + 5) // 3
        return len(binascii.a2b_uu(line[:promised]))
    except (binascii.Error, ValueError, IndexError):
        return None


def extract_uuencoded(text: str) -> tuple[str, list[tuple[str, int]], list[str]]:
    """The body without its uuencoded blocks, the files they held, and warnings for bad ones.

    A broken line counts for nothing and is reported; a block without its
    "end" runs to the end of the body.
    """
    if "begin " not in text:
        return text, [], []
    kept: list[str] = []
    files: list[tuple[str, int]] = []
    warnings: list[str] = []
    position = 0
    while (begin := UU_BEGIN.search(text, position)) is not None:
        end = UU_END.search(text, begin.end())
        block_end = end.start() if end else len(text)
        name = begin.group("name") or f"attachment-{len(files) + 1}.bin"
        size, bad = 0, 0
        for line in text[begin.end():block_end].splitlines():
            if line.strip():
                count = _uu_line_size(line.rstrip("\r"))
                size, bad = (size + count, bad) if count is not None else (size, bad + 1)
        if bad:
            warnings.append(f"uuencoded {name}: {bad} undecodable line{'s' if bad > 1 else ''} skipped")
        if not end:
            warnings.append(f"uuencoded {name}: no closing 'end' line")
        files.append((name, size))
        kept.append(text[position:begin.start()])
        position = end.end() if end else len(text)
    kept.append(text[position:])
    return "".join(kept), files, warnings


# -------------------------------------------------------------------- TNEF

# Outlook's Transport Neutral Encapsulation Format (winmail.dat): attribute ids.
TNEF_SIGNATURE = 0x223E9F78
ATT_OEM_CODEPAGE = 0x00069007
ATT_BODY = 0x0001800C
ATT_MSG_PROPS = 0x00069003
ATT_ATTACH_REND_DATA = 0x00069002  # opens each attachment
ATT_ATTACH_TITLE = 0x00018010
ATT_ATTACH_DATA = 0x0006800F
ATT_ATTACHMENT = 0x00069005  # the attachment's MAPI properties
# MAPI property ids read from those property lists.
PR_BODY = 0x1000
PR_BODY_HTML = 0x1013
PR_ATTACH_LONG_FILENAME = 0x3707
# Byte sizes of fixed-width MAPI property types (each padded to 4 in TNEF).
_MAPI_FIXED_SIZES = {0x0001: 0, 0x0002: 2, 0x0003: 4, 0x0004: 4, 0x0005: 8, 0x0006: 8, 0x0007: 8, 0x000A: 4, 0x000B: 2, 0x0014: 8, 0x0040: 8, 0x0048: 16}
_MAPI_VARIABLE = frozenset({0x000D, 0x001E, 0x001F, 0x0102})
# The charset an HTML document names for itself: <meta charset="utf-8">, content="text/html; charset=us-ascii"
META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset=[\"']?(?P<charset>[\w.:-]+)", re.I)


def _pad4(n: int) -> int:
    return (n + 3) & ~3


def _mapi_props(data: bytes, wanted: frozenset[int]) -> dict[int, tuple[int, bytes]]:
    """The first value of each wanted MAPI property in a TNEF property list: {id: (type, bytes)}.

    Only walks far enough to skip what it does not want; raises ValueError or
    struct.error on a list it cannot walk (the caller keeps what it found).
    """
    found: dict[int, tuple[int, bytes]] = {}
    (count,) = struct.unpack_from("<I", data, 0)
    position = 4
    for _ in range(min(count, 10000)):
        prop_type, prop_id = struct.unpack_from("<HH", data, position)
        position += 4
        if prop_id >= 0x8000:  # named property: GUID, then a number or a name
            (kind,) = struct.unpack_from("<I", data, position + 16)
            position += 20
            if kind == 0:
                position += 4
            else:
                (length,) = struct.unpack_from("<I", data, position)
                position += 4 + _pad4(length)
        base, multi = prop_type & 0x0FFF, prop_type & 0x1000
        values: list[bytes] = []
        if base in _MAPI_VARIABLE:
            (n,) = struct.unpack_from("<I", data, position)
            position += 4
            for _ in range(min(n, 10000)):
                (length,) = struct.unpack_from("<I", data, position)
                values.append(data[position + 4:position + 4 + length])
                position += 4 + _pad4(length)
        elif base in _MAPI_FIXED_SIZES:
            n = 1
            if multi:
                (n,) = struct.unpack_from("<I", data, position)
                position += 4
            values.append(data[position:position + _MAPI_FIXED_SIZES[base]])
            position += n * _pad4(_MAPI_FIXED_SIZES[base])
        else:
            raise ValueError(f"unknown MAPI property type {prop_type:#06x}")
        if position > len(data):
            raise ValueError("property list truncated")
        if prop_id in wanted and values and prop_id not in found:
            found[prop_id] = (base, values[0])
    return found


def _mapi_string(prop_type: int, value: bytes, codepage: str) -> str:
    if prop_type == 0x001F:
        return value.decode("utf-16-le", "replace").rstrip("\x00")
    return decode_bytes(value.rstrip(b"\x00"), codepage)[0]


def _tnef_html(value: bytes) -> str:
    declared = META_CHARSET.search(value[:4096])
    return html_to_text(decode_bytes(value.rstrip(b"\x00"), declared.group("charset").decode("ascii") if declared else None)[0])


def read_tnef(data: bytes) -> tuple[str, list[tuple[str, int]], list[str]]:
    """Body text, attachments and warnings from an Outlook winmail.dat.

    Outlook sends whole messages this way ("TNEF-only" mail has nothing
    else), so without it the authority's answer and its attached files
    would be invisible. Reads the plain or HTML body (compressed RTF, the
    third form Outlook may send, is left unread) and each attachment's name
    and size; stops where the data breaks.
    """
    if len(data) < 6 or struct.unpack_from("<I", data, 0)[0] != TNEF_SIGNATURE:
        return "", [], ["winmail.dat is not TNEF data"]
    view = memoryview(data)
    codepage = "cp1252"
    body, html = "", ""
    files: list[list] = []
    warnings: list[str] = []
    position = 6
    try:
        while position + 9 <= len(data):
            attribute, length = struct.unpack_from("<II", data, position + 1)
            start, end = position + 9, position + 9 + length
            if end > len(data):
                warnings.append("TNEF data truncated")
                break
            if attribute == ATT_ATTACH_DATA:  # the file itself: only its size is needed
                if not files:
                    files.append([None, 0])
                files[-1][1] = length
            elif attribute in (ATT_OEM_CODEPAGE, ATT_BODY, ATT_MSG_PROPS, ATT_ATTACH_REND_DATA, ATT_ATTACH_TITLE, ATT_ATTACHMENT):
                value = bytes(view[start:end])
                if attribute == ATT_OEM_CODEPAGE and length >= 4:
                    codepage = _codec(f"cp{struct.unpack_from('<I', value)[0]}") or codepage
                elif attribute == ATT_BODY:
                    body = decode_bytes(value.rstrip(b"\x00"), codepage)[0]
                elif attribute == ATT_ATTACH_REND_DATA:
                    files.append([None, 0])
                elif attribute == ATT_ATTACH_TITLE:
                    if not files:
                        files.append([None, 0])
                    files[-1][0] = files[-1][0] or decode_bytes(value.rstrip(b"\x00"), codepage)[0]
                elif attribute == ATT_ATTACHMENT and files:
                    props = _mapi_props(value, frozenset({PR_ATTACH_LONG_FILENAME}))
                    if PR_ATTACH_LONG_FILENAME in props:
                        files[-1][0] = _mapi_string(*props[PR_ATTACH_LONG_FILENAME], codepage)
                elif attribute == ATT_MSG_PROPS:
                    props = _mapi_props(value, frozenset({PR_BODY, PR_BODY_HTML}))
                    if PR_BODY in props:
                        body = body or _mapi_string(*props[PR_BODY], codepage)
                    if PR_BODY_HTML in props:
                        html = _tnef_html(props[PR_BODY_HTML][1])
            position = end + 2  # two checksum bytes follow each attribute
    except (struct.error, ValueError, IndexError) as error:
        warnings.append(f"TNEF data unreadable after byte {position}: {error}")
    attachments = [(name or f"attachment-{i}.bin", size) for i, (name, size) in enumerate(files, 1)]
    return body.strip() or html, attachments, warnings


# ------------------------------------------------------------- MIME parts

# File-name endings for attachments that carry no name, by content type.
_EXTENSIONS = {"application/pdf": ".pdf", "image/gif": ".gif", "image/jpeg": ".jpg", "image/png": ".png", "text/plain": ".txt", "text/html": ".html", "message/rfc822": ".eml", "message/delivery-status": ".txt", "text/rfc822-headers": ".txt"}
# Characters that are not base64 (white space aside): a payload holding one is decoded to be measured.
NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=\s]")
# NUL and the control characters that never occur in text: their presence means a binary part read as text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")
# Line ends of every platform.
LINE_END = re.compile(r"\r\n|\r")
_NESTING_LIMIT = 60


@dataclass
class _Found:
    """What the walk over the MIME tree collects; only ``read_message`` sees it."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    tnef_body: list[str] = field(default_factory=list)
    attachments: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tnef_parts: int = 0


def _base64_size(payload: str) -> int | None:
    """Decoded size of a base64 payload, counted without decoding it (a 30 MB attachment stays undecoded)."""
    if NOT_BASE64.search(payload):
        return None
    count = len(payload) - sum(payload.count(c) for c in " \t\r\n\f\v")
    if count % 4:
        return None
    tail = payload[-16:].rstrip()
    return count // 4 * 3 - (2 if tail.endswith("==") else 1 if tail.endswith("=") else 0)


def _decoded(part: Message) -> bytes:
    """A leaf part's content, transfer encoding undone; the raw bytes if that fails."""
    try:
        data = part.get_payload(decode=True)
    except Exception:  # the email package can fail on odd transfer encodings; the raw text is still the content
        data = None
    if data is None:
        payload = part.get_payload()
        data = _unescaped(payload) if isinstance(payload, str) else b""
    return data


def _part_size(part: Message) -> int:
    payload = part.get_payload()
    if isinstance(payload, list):  # message/rfc822 and friends: the enclosed message's bytes
        try:
            return sum(len(p.as_bytes()) + _elided_extra(p) for p in payload)
        except Exception:  # serialising a broken enclosed message can fail; its size is then unknown
            return 0
    if isinstance(payload, str):
        elided = ELIDED_MARKER.match(payload)
        if elided:
            return int(elided.group("decoded"))
        if str(part.get("content-transfer-encoding", "")).strip().lower() == "base64":
            size = _base64_size(payload)
            if size is not None:
                return size
    return len(_decoded(part))


# ---------------------------------------------------- large attachments

# The email parser holds about eight times a message's size while it works
# (a 42 MB mail with a 30 MB PDF peaks at 330 MB), almost all of it the
# lines of base64 attachments whose size is all this module reports. So,
# before parsing, each large base64 block of a part that is neither text nor
# TNEF is replaced by a one-line marker carrying its sizes.
ELIDE_AT_LEAST = 1 << 20
# A blank line: where a part's headers end and its body begins. (A single regex for the
# whole base64 run would be simpler, but re keeps state for every repetition: 150 MB for 30 MB.)
BLANK_LINE = re.compile(rb"\n\r?\n")
# A byte that cannot be in a base64 body.
NOT_BASE64_BYTE = re.compile(rb"[^A-Za-z0-9+/=\s]")
# The part's headers that allow eliding it: base64, and a type that is not text, a message or TNEF.
# e.g. "Content-Transfer-Encoding: base64", "Content-Type: application/pdf; name=..."
HEADER_BASE64 = re.compile(rb"^content-transfer-encoding:[ \t]*\"?base64", re.I | re.M)
HEADER_CONTENT_TYPE = re.compile(rb"^content-type:[ \t]*\"?(?P<type>[\w.+-]+/[\w.+-]+)", re.I | re.M)
KEEP_TYPES = re.compile(rb"^(?:text|message|multipart)/|ms-tnef$", re.I)
# What replaces an elided block: "foiparse-elided-base64 31457280 42598412"
ELIDED_MARKER = re.compile(r"foiparse-elided-base64 (?P<decoded>\d+) (?P<encoded>\d+)")


def _elidable(headers: bytes) -> bool:
    content_type = HEADER_CONTENT_TYPE.search(headers)
    return bool(content_type and HEADER_BASE64.search(headers) and not KEEP_TYPES.search(content_type.group("type")) and b"winmail.dat" not in headers.lower())


def _body_end(data: bytes, start: int) -> int:
    """Where a part body starting at ``start`` ends: before a boundary line, a blank line or the end."""
    ends = [i for i in (data.find(b"\n--", start), data.find(b"\n\n", start), data.find(b"\n\r\n", start)) if i >= 0]
    return min(ends) + 1 if ends else len(data)


def elide_large_attachments(data: bytes) -> bytes:
    """The raw message with each base64 attachment body of 1 MiB or more replaced by a size marker.

    Only a block whose own part headers (read back to the blank line before
    it) say base64 and a non-text type is replaced, and only when it is
    well-formed base64 so the size is exact; anything else is left for the
    email package to decode.
    """
    if len(data) < ELIDE_AT_LEAST:
        return data
    pieces, position, search_from = [], 0, 0
    while (blank := BLANK_LINE.search(data, search_from)) is not None:
        start = blank.end()
        end = _body_end(data, start)
        search_from = max(end - 1, start)
        if end - start < ELIDE_AT_LEAST:
            continue
        # the part's own headers begin after its boundary line (or the blank line before them)
        window = max(0, blank.start() - 8192)
        header_start = max(data.rfind(b"\n--", window, blank.start()), data.rfind(b"\n\n", window, blank.start()), data.rfind(b"\n\r\n", window, blank.start()))
        if header_start < 0 and window == 0:
            header_start = 0  # a single-part message: its headers are the message's
        if header_start < 0 or not _elidable(data[header_start:blank.start()]) or NOT_BASE64_BYTE.search(data, start, end):
            continue
        count = end - start - sum(data.count(c, start, end) for c in (b" ", b"\t", b"\r", b"\n", b"\f", b"\v"))
        if count % 4:
            continue
        tail = data[max(start, end - 16):end].rstrip()
        size = count // 4 * 3 - (2 if tail.endswith(b"==") else 1 if tail.endswith(b"=") else 0)
        # the encoded length as the email package writes it back (line ends "\n"), for enclosed messages' sizes
        written = end - start - data.count(b"\r", start, end)
        pieces += [data[position:start], f"foiparse-elided-base64 {size} {written}\n".encode("ascii")]
        position = end
    if not pieces:
        return data
    pieces.append(data[position:])
    return b"".join(pieces)


def _elided_extra(msg: Message) -> int:
    """Bytes that elided blocks inside an enclosed message would add to its serialised size."""
    extra = 0
    for part in msg.walk():
        payload = part.get_payload()
        elided = ELIDED_MARKER.match(payload) if isinstance(payload, str) else None
        if elided:
            extra += int(elided.group("encoded")) - len(elided.group(0)) - 1
    return extra


def _filename(part: Message, warnings: list[str]) -> str | None:
    try:
        name = part.get_filename()
    except Exception:  # a malformed parameter list; the part is still read, unnamed
        warnings.append(f"unreadable file name in {part.get_content_type()} part")
        return None
    if not name:
        return None
    name = str(name)
    if "=?" in name or not name.isascii():  # RFC 2047 inside a parameter, or raw 8-bit bytes
        name, notes = decode_header_value(name)
        warnings.extend(f"file name {name!r}: {note}" for note in notes)
    return name.strip() or None


def _part_text(part: Message, found: _Found) -> str:
    data = _decoded(part)
    declared = part.get_content_charset() or None
    if declared is None and part.get_content_subtype() == "html":
        meta = META_CHARSET.search(data[:4096])
        declared = meta.group("charset").decode("ascii") if meta else None
    text, _, warning = decode_bytes(data, declared)
    if warning:
        found.warnings.append(f"{part.get_content_type()} part: {warning}")
    if CONTROL_CHARACTERS.search(text):
        if len(CONTROL_CHARACTERS.findall(text)) * 100 > len(text):
            found.warnings.append(f"{part.get_content_type()} part looks like binary data")
        text = text.replace("\x00", "")
    return LINE_END.sub("\n", text)


def _is_attachment(part: Message, filename: str | None) -> bool:
    """Named parts are files unless marked inline; "attachment" parts always are."""
    disposition = part.get_content_disposition()
    return disposition == "attachment" or (filename is not None and disposition is None)


def _note_defects(part: Message, found: _Found) -> None:
    for defect in getattr(part, "defects", ()):
        detail = str(defect)
        found.warnings.append(f"MIME defect in {part.get_content_type()}: {type(defect).__name__}" + (f" ({detail})" if detail else ""))


def _collect(part: Message, found: _Found, depth: int = 0) -> None:
    """Walk the MIME tree: text parts into ``plain`` or ``html``, everything else into ``attachments``.

    Every alternative is read (a blank text/plain beside a full text/html is
    common); ``read_message`` chooses. Enclosed messages (message/rfc822) are
    one attachment each: their text is another mail's, not this one's.
    """
    if depth > _NESTING_LIMIT:
        found.warnings.append(f"MIME parts nested deeper than {_NESTING_LIMIT}: the rest skipped")
        return
    content_type = part.get_content_type()
    filename = _filename(part, found.warnings)
    if part.get_content_maintype() == "message":
        inner = part.get_payload()
        subject = None
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            subject = _text_header(inner[0], "Subject", [])
        default = subject or ("attached message" if content_type == "message/rfc822" else part.get_content_subtype())
        found.attachments.append((filename or f"{default}{_EXTENSIONS.get(content_type, '.eml')}", _part_size(part)))
    elif part.is_multipart():
        for child in part.get_payload():
            if isinstance(child, Message):
                try:
                    _collect(child, found, depth + 1)
                except Exception as error:  # one part the email package cannot read must not lose the others
                    found.warnings.append(f"unreadable {child.get_content_type()} part: {type(error).__name__}: {error}")
    elif content_type == "application/ms-tnef" or (filename or "").lower() == "winmail.dat":
        found.tnef_parts += 1
        body, files, notes = read_tnef(_decoded(part))
        found.warnings.extend(notes)
        if body:
            found.tnef_body.append(body)
        found.attachments.extend(files if files or body else [(filename or "winmail.dat", _part_size(part))])
    elif content_type in ("text/plain", "text/html") and not _is_attachment(part, filename):
        if content_type == "text/html":
            found.html.append(html_to_text(_part_text(part, found)))
        else:
            text, files, notes = extract_uuencoded(_part_text(part, found))
            found.plain.append(text)
            found.attachments.extend(files)
            found.warnings.extend(notes)
    else:
        name = filename or f"attachment-{len(found.attachments) + 1}{_EXTENSIONS.get(content_type, '.bin')}"
        found.attachments.append((name, _part_size(part)))
    _note_defects(part, found)


# Blank or white-space-only lines at the start or end of a text.
LEADING_BLANK_LINES = re.compile(r"^(?:[ \t\f\v]*\n)+")


def _joined(texts: list[str]) -> str:
    """Texts of several parts, blank lines at their edges removed (indentation of the first line kept)."""
    return "\n\n".join(LEADING_BLANK_LINES.sub("", t).rstrip() for t in texts if t.strip())


def _body(found: _Found) -> str:
    """The plain text if any part has some, else the HTML as text, else TNEF's body."""
    for texts in (found.plain, found.html, found.tnef_body):
        body = _joined(texts)
        if body:
            return body
    return ""


def read_message(data: bytes) -> Mail:
    """One raw email (the bytes of an .eml file) as a ``Mail``; never raises.

    Headers are read from their raw values (see ``decode_header_value``), the
    body from the MIME tree; every defect the email package records, and
    every charset guess, becomes a warning.
    """
    mail = Mail()
    if isinstance(data, str):
        data = _unescaped(data)
    if not data or data.isspace():
        mail.warnings.append("empty message")
        return mail
    try:
        msg = BytesParser(policy=policy.default).parsebytes(elide_large_attachments(data))
        warnings: list[str] = []
        mail.from_ = _text_header(msg, "From", warnings)
        mail.to = _text_header(msg, "To", warnings)
        mail.subject = _text_header(msg, "Subject", warnings)
        raw_date = _raw_header(msg, "Date")
        mail.date, mail.sent = read_date(raw_date)
        if raw_date and not mail.date:
            warnings.append(f"unreadable Date header: {SPACES.sub(' ', raw_date).strip()[:80]!r}")
        ids = MESSAGE_ID.findall(_raw_header(msg, "Message-ID") or "")
        mail.message_id = ids[0] if ids else (SPACES.sub(" ", _raw_header(msg, "Message-ID") or "").strip() or None)
        reply_ids = MESSAGE_ID.findall(_raw_header(msg, "In-Reply-To") or "")
        mail.in_reply_to = reply_ids[0] if reply_ids else None
        mail.references = MESSAGE_ID.findall(_raw_header(msg, "References") or "")
        found = _Found()
        _collect(msg, found)
        mail.body = _body(found)
        mail.attachments = found.attachments
        if found.tnef_parts and not _joined(found.plain) and not _joined(found.html):
            warnings.append("content only in TNEF (winmail.dat)" + ("" if found.tnef_body else ": no plain or HTML body in it (compressed RTF is not read)"))
        elif not mail.body:
            warnings.append("no body text" if not found.plain and not found.html else "empty body")
        mail.warnings = list(dict.fromkeys(warnings + found.warnings))
    except Exception as error:  # the email package has crash bugs on malformed mail; one bad mail must not stop a batch
        mail.warnings.append(f"message unreadable: {type(error).__name__}: {error}")
    return mail


# -------------------------------------------------------------------- mbox

# The "From " line that starts each message of an mbox file, with its date.
# e.g. "From foo@bar Thu Sep 13 10:34:44 2012", "From - Mon Jun 01 17:14:44 2009";
# must not match a body line "From 1 April the charge is" (no time of day).
MBOX_FROM_LINE = re.compile(rb"^From [^\r\n]*?\d{1,2}:\d\d[^\r\n]*(?:\r?\n|$)", re.M)
# A body line that mbox escaped: ">From the council" (mboxrd: every ">" level; one ">" is removed).
ESCAPED_FROM = re.compile(rb"^>(>*From )", re.M)


def iter_mbox(data: bytes) -> Iterator[Mail]:
    """Each message of an mbox file as a ``Mail``, one at a time, in file order.

    A message starts at a "From " line with a time of day, at the start of
    the file or after a blank line (so a body line "From 9:30 ..." inside a
    paragraph does not split a message). Text before the first such line is
    read as a message when it is not blank (a bare .eml given as mbox).
    """
    starts = [m for m in MBOX_FROM_LINE.finditer(data) if m.start() == 0 or data[max(0, m.start() - 4):m.start()].endswith((b"\n\n", b"\n\r\n"))]
    bounds = [(0, starts[0].start() if starts else len(data))]
    bounds += [(m.end(), starts[i + 1].start() if i + 1 < len(starts) else len(data)) for i, m in enumerate(starts)]
    for first, last in bounds:
        chunk = data[first:last]
        if chunk and not chunk.isspace():
            yield read_message(ESCAPED_FROM.sub(rb"\1", chunk))


def read_mbox(data: bytes) -> list[Mail]:
    """Every message of an mbox file as a ``Mail``, in file order; never writes a file."""
    return list(iter_mbox(data))


# ------------------------------------------------------------- chain text

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _sent_line(mail: Mail) -> str:
    """The "Sent:" value, "14 April 2014 15:55", a form the date stage reads; the ISO day when only that is known."""
    if mail.sent:
        try:
            when = _dt.datetime.fromisoformat(mail.sent)
            return f"{when.day} {_MONTH_NAMES[when.month - 1]} {when.year} {when:%H:%M}"
        except ValueError:
            pass
    return mail.date or ""


def _utc(mail: Mail) -> _dt.datetime:
    when = _dt.datetime.fromisoformat(mail.sent or "")
    return when if when.tzinfo else when.replace(tzinfo=_dt.timezone.utc)


def _one_line(value: str | None) -> str:
    return SPACES.sub(" ", value or "").strip()


def to_chain_text(mails: list[Mail]) -> str:
    """Mails as one plain text, oldest first, in the "email-chain" shape.

    Each mail is a header block, a blank line, then its body::

        From: Ben Fairless <ben@example.org>
        Sent: 14 April 2014 15:55
        To: FOI Team <foi@example.gov.uk>
        Subject: Re: Freedom of Information request - Quick Request
        Attachments: 2013-040 Decision.pdf; FOI Review Rights.pdf

        Dear Ben,
        ...

        From: FOI Team <foi@example.gov.uk>
        Sent: ...

    The four lines From, Sent, To, Subject always stand, in that order, each
    on one line (empty after the colon when unknown); "Attachments:" follows
    only when there are some, names separated by "; ". Bodies have "\\n" line
    ends and no blank lines at either end; one blank line separates a body
    from the next mail's "From:" line, and the text ends with a line end.
    "Sent:" reads "14 April 2014 15:55" in the sender's time zone.

    Mails are put in time order when every one has a date; otherwise they
    stay in the order given. Quoted mail inside a body can hold the same
    header lines; a reader that needs the exact split should use the mails.
    """
    ordered = list(mails)
    if ordered and all(m.sent for m in ordered):
        try:
            ordered.sort(key=_utc)
        except ValueError:
            ordered = list(mails)
    blocks = []
    for mail in ordered:
        header = [f"From: {_one_line(mail.from_)}", f"Sent: {_sent_line(mail)}", f"To: {_one_line(mail.to)}", f"Subject: {_one_line(mail.subject)}"]
        if mail.attachments:
            header.append("Attachments: " + "; ".join(_one_line(name) for name, _ in mail.attachments))
        blocks.append("\n".join(header) + "\n\n" + mail.body.strip("\n"))
    return "\n\n".join(b.rstrip("\n") for b in blocks) + "\n" if blocks else ""


# ---------------------------------------------------------------- threads

# Reply and forward marks, and bracketed tags, at the start of a subject.
# e.g. "Re: ", "RE[2]: ", "Fwd: ", "FW: ", "AW: ", "WG: ", "SV: ", "Antw: ", "TR: ", "RV: ",
# "[External] ", "[EXTERNAL] ", "[OFFICIAL] ", "Automatic reply: ", "Out of Office: "
SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|aw|wg|sv|vs|antw|tr|rv|enc|odp)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]"
    r"|\[[^\]]{0,40}\]"
    r"|(?:automatic reply|auto(?:matic)? response|out of office(?: autoreply)?|undeliverable|delivery status notification \(\w+\))\s*:)\s*",
    re.I,
)
# An FOI (or EIR) reference in a subject, with any label before it.
# e.g. "FOI 12345", "FOI request 123", "FOI/2021/0456", "EIR-21-123", "Reference – FOI / 874165",
# "Our ref: FOI 09-02976"; must not match "FOIL" or "Freedom of Information request".
SUBJECT_FOI_REFERENCE = re.compile(
    r"(?:(?:our |your )?(?:ref(?:erence)?|case)(?: no\.?| number)?\s*[:#–—-]?\s*)?"
    r"(?:FOI[AS]?|EIR)(?![a-z])(?:\s*(?:request|req|ref(?:erence)?|case|no\.?|number)\.?)*\s*[:#/–—-]?\s*"
    r"(?P<number>\d+(?:\s*[/–—-]\s*\d+)*)",
    re.I,
)
# What is left around a removed reference: "- ", "()", "[ ]", ":".
EDGE_PUNCTUATION = " \t\n\r\f\v-–—:;,.()[]"
# Separators inside a reference number: "2021/0456", "09-02976", "874 / 165"
REFERENCE_JOINER = re.compile(r"\s*[/–—-]\s*")


def normalise_subject(subject: str | None) -> str:
    """A subject without reply and forward marks or tags, lower case, single-spaced."""
    text = SPACES.sub(" ", subject or "").strip()
    while (prefix := SUBJECT_PREFIX.match(text)) and prefix.end():
        text = text[prefix.end():]
    return text.lower().strip()


def thread_key(mail: Mail) -> str:
    """A key that is equal for mails of one request: the normalised subject, and its FOI reference.

    The reference phrase is taken out of the subject before the key is made,
    so "Re: FOI 12345 - Parking" and "Parking (FOI/12345)" share the key
    "parking #12345". A reply that adds a reference the request did not have
    gets a different key; join those by ``in_reply_to`` and ``references``.
    """
    subject = SPACES.sub(" ", mail.subject or "").strip()
    reference = SUBJECT_FOI_REFERENCE.search(subject)  # before the tags go: "[FOI 12345] Parking"
    if not reference:
        return normalise_subject(subject)
    rest = subject[:reference.start()] + " " + subject[reference.end():]
    rest = normalise_subject(normalise_subject(rest).strip(EDGE_PUNCTUATION))
    number = REFERENCE_JOINER.sub("/", reference.group("number"))
    return f"{rest} #{number}".strip()
