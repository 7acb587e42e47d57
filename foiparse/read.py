"""Bytes to text: the only stage that sees raw input.

It decides the encoding (recording it, so an output can be traced to how its
input was read), refuses what is not text with a reason a person can act on,
and guesses the input format from the content rather than the file name.
"""
from __future__ import annotations

import codecs
import hashlib
import re

from .model import Source


class InputError(Exception):
    """An input that cannot be parsed; the message is the one-line reason shown to the user."""


# Control characters that never occur in text mail (tab, LF, CR, FF are allowed).
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0e, 0x1b)) + bytes(range(0x1c, 0x20))
_CONTROL_CHARACTERS = str.maketrans(dict.fromkeys(_CONTROL_BYTES.decode("ascii")))
# A multi-byte UTF-8 character: "£" is C2 A3, "’" is E2 80 99
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Line ends of every platform: CRLF, lone CR (old Mac mail), LF.
_LINE_END = re.compile(r"\r\n|\r|\n")

# The subtitle of a WhatDoTheyKnow request page.
# e.g. "J A Giggins made this Freedom of Information request to Ministry of Housing"
_WDTK_SUBTITLE = re.compile(r"^.{1,200} made this (?:Freedom of Information|Environmental Information|EIR|FOI)\b.{0,20}request to ", re.M)
# A WhatDoTheyKnow status line, e.g. "The request was successful." or
# "Currently waiting for a response from X, they must respond promptly".
_WDTK_STATUS = re.compile(
    r"^(?:The request (?:was|is|has)|Currently waiting for|Waiting for (?:an internal review|clarification)"
    r"|We're waiting for|Response to this request is|.{1,200} did not have the information requested"
    r"|This request has been withdrawn|Long overdue)",
    re.M,
)
# A WhatDoTheyKnow message heading: a line followed by a date line, e.g.
# "Despatch Box, Ministry of Housing\n2 August 2018"
_WDTK_HEADING_DATE = re.compile(r"^[^\n]{2,160}\n\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$", re.M)
# Page furniture WhatDoTheyKnow leaves in copied text.
_WDTK_FURNITURE = re.compile(r"^(?:show|hide) quoted sections$", re.M)
# The markup of a saved WhatDoTheyKnow (Alaveteli) request page: a message block,
# the subtitle or the status box, e.g.
#   <div class="incoming correspondence normal js-collapsable" id="incoming-1405632">
#   <p class="request-header__subtitle ">   <div id="request_status" class="…">
# Not "correspondence__header" or "correspondence_text" alone: those sit inside a block.
_ALAVETELI_MARKUP = re.compile(r"""class=["'](?:[^"'<>]*\s)?correspondence[\s"']|class=["'][^"'<>]*request-header__subtitle|id=["']request_status["']""", re.I)


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read with.

    UTF-8 is tried first because it is almost never valid by accident; then
    Windows-1252, the encoding of most older council mail (smart quotes, £),
    and Latin-1 only for the few bytes cp1252 leaves undefined.
    """
    if not data:
        raise InputError("empty file")
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as error:
                raise InputError(f"not valid {name.upper()} text (byte {error.start})") from None
            return _checked(text, name), name
    utf16 = _utf16_without_bom(data[:65536])
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as error:
            raise InputError(f"not valid {utf16.upper()} text (byte {error.start})") from None
        head = text[:32768]
        if (len(head) - len(head.translate(_CONTROL_CHARACTERS))) * 100 > len(head):
            raise InputError("binary file, not text")  # 16-bit numbers below 256 (a table, quiet audio) look the same
        return _checked(text, utf16), utf16
    if _looks_binary(data[:65536]):
        raise InputError("binary file, not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        # UTF-8 with a few stray Windows bytes (a line pasted from an old mail): read it as UTF-8, and only
        # the bytes that are not UTF-8 as cp1252, rather than the whole file as mojibake ("Â£").
        return _checked(data.decode("utf-8", errors=MIXED_ERRORS), MIXED), MIXED
    try:
        return _checked(data.decode("cp1252"), "cp1252"), "cp1252"
    except UnicodeDecodeError:
        return _checked(data.decode("latin-1"), "latin-1"), "latin-1"


def _cp1252_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 ("\\x92" is "’"), each on its own."""
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("foiparse-cp1252", _cp1252_bytes)
MIXED_ERRORS = "foiparse-cp1252"
MIXED = "utf-8+cp1252"


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for text saved as UTF-16 with no byte-order mark (as some Windows tools
    write it): mostly-ASCII text then has a NUL in nearly every other byte, on one side only."""
    if len(head) < 8 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(head: bytes) -> bool:
    """A NUL byte, or more than one byte in a hundred a control character."""
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # bytes.translate counts them at C speed
    return controls > 0 and (b"\x00" in head or controls * 100 > len(head))


def _checked(text: str, encoding: str) -> str:
    if not text or text.isspace():
        raise InputError("no text (only white space)")
    if "\x00" in text[:65536]:
        raise InputError(f"binary file, not text (NUL characters after decoding as {encoding})")
    return text


def split_lines(text: str) -> list[str]:
    """Lines as a person counts them: CRLF, CR and LF all end a line; a final line end adds no line."""
    lines = _LINE_END.split(text) if "\r" in text else text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# A raw mail: an mbox "From " line ("From jo@example.org Mon Jul  3 10:00:00 2023"), or RFC 5322 header lines
# that only mail software writes ("Received:", "Message-ID:", "MIME-Version:"…). A pasted chain also opens
# with "From:" and "To:", but a mail client's display of it says "Sent:".
_MBOX_FROM = re.compile(rb"From \S+\s+.{0,60}\d\d:\d\d")
_MAIL_HEADER = re.compile(rb"^(?:Received|Return-Path|From|To|Cc|Bcc|Subject|Date|Message-ID|MIME-Version|Delivered-To|Content-Type|Reply-To|In-Reply-To|References|X-[\w-]+|Thread-\w+|Envelope-to|DKIM-Signature|Authentication-Results|ARC-[\w-]+):", re.I | re.M)
_MACHINE_HEADER = re.compile(rb"^(?:Received|Return-Path|Message-ID|MIME-Version|Content-Type|Delivered-To|X-[\w-]+|Envelope-to|DKIM-Signature|Authentication-Results):", re.I | re.M)
_DISPLAY_HEADER = re.compile(rb"^Sent:", re.I | re.M)
# Any header line: "Reply-To:" (empty), "X-Mailer: …", "Subject: =?UTF-8?B?aGVsbG8=?="
_ANY_HEADER = re.compile(rb"^[A-Za-z][\w-]{0,60}:")
# A pasted chain: an Outlook header block or a Gmail "wrote:" line.
# (Spaces only, never \s, at the line starts: \s would run on across blank lines from every line.)
_CHAIN_MARK = re.compile(r"^[ \t]*-{2,}[ \t]*Original Message[ \t]*-{2,}|^[ \t]*From:[^\n]+\n(?:[ \t]*(?:Sent|Date|To|Cc):[^\n]*\n){1,4}|^[ \t]*On .{4,200}wrote:[ \t]*$", re.I | re.M)


def detect_mail(data: bytes) -> str | None:
    """``mbox`` or ``eml`` for raw mail (read before decoding: a mail carries its own charsets), else None.

    A mail opens with a block of header lines only; a pasted chain's first
    block looks the same but for its "Sent:" line.
    """
    head = data[:4096].lstrip(b"\r\n")
    if head.startswith(b"From ") and _MBOX_FROM.match(head):
        return "mbox"
    block = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    if not _MAIL_HEADER.match(block) or _DISPLAY_HEADER.search(block):
        return None
    all_headers = all(_ANY_HEADER.match(line) or line[:1] in (b" ", b"\t") for line in block.split(b"\n") if line.strip())
    enough = len(_MAIL_HEADER.findall(block)) >= 2 or _MACHINE_HEADER.search(block)
    return "eml" if all_headers and enough else None


def detect_format(text: str) -> str:
    """``wdtk-html`` for a saved WhatDoTheyKnow page, ``wdtk-text`` for text copied from one,
    ``email-chain`` for mail pasted as text, else ``text``."""
    if "\r" in text:
        text = _LINE_END.sub("\n", text)  # the patterns read lines; old Mac files end them with CR alone
    if text.lstrip("\ufeff \t\r\n")[:1] == "<" and _ALAVETELI_MARKUP.search(text):
        return "wdtk-html"
    head = text[:4000]
    if _WDTK_SUBTITLE.search(head) or _WDTK_STATUS.search(head) or _WDTK_HEADING_DATE.search(head) or _WDTK_FURNITURE.search(text):
        return "wdtk-text"
    if _CHAIN_MARK.search(text):
        return "email-chain"
    return "text"


def read_bytes(data: bytes, path: str | None = None) -> tuple[str, Source]:
    """The text of an input and its source record (path, format, digest of the bytes, encoding)."""
    text, encoding = decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    source = Source(path=path, format=detect_format(text), sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
    return text, source


def _links_above(folder: str, top: str) -> bool:
    """Whether a folder is a link to ``top`` (a real path) or to a folder that holds it."""
    import os

    if not os.path.islink(folder):
        return False
    real = os.path.realpath(folder)
    return top == real or top.startswith(real.rstrip(os.sep) + os.sep)


# File names that are never threads: images, office documents, archives, data and notes kept beside
# threads (a folder's README.md, a spreadsheet of requests sent), code.
_NOT_A_THREAD = re.compile(
    r"\.(?:png|jpe?g|gif|bmp|tiff?|webp|ico|pdf|docx?|xlsx?|pptx?|odt|ods|zip|gz|bz2|xz|7z|tar|rar|exe|dll|so|pyc|mp3|mp4|wav|mov|avi"
    r"|json|jsonl|csv|tsv|md|markdown|py|js|css|ya?ml|toml|ini|cfg)$",
    re.I,
)
DEFAULT_MAX_SIZE = 50 * 1024 * 1024


def read_file(path: str, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of one input, or an InputError saying why not ("-" is standard input)."""
    import os
    import stat
    import sys

    if path == "-":
        if sys.stdin is None:
            raise InputError("standard input is closed")
        try:
            data = sys.stdin.buffer.read(max_size + 1)
        except OSError as error:
            raise InputError(f"cannot read standard input: {error.strerror or error}") from None
        if len(data) > max_size:
            raise InputError(f"larger than --max-size ({max_size:,} bytes)")
        return data
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"broken symbolic link (to {os.readlink(path)})") from None
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a pipe, socket or device)")
    if info.st_size > max_size:
        raise InputError(f"larger than --max-size ({info.st_size:,} > {max_size:,} bytes)")
    try:
        with open(path, "rb") as handle:
            return handle.read(max_size + 1)
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None


def expand_paths(paths: list[str], glob: str | None = None, unreadable: list[tuple[str, str]] | None = None) -> list[str]:
    """Files named, and the files under folders named (recursively, sorted, hidden ones and non-threads skipped).

    Linked folders are followed, each real folder read once (a second link to
    one folder adds nothing), except a link to the folder named or to a
    folder above it, which would read it again and everything beside it; a
    folder that cannot be listed is added to ``unreadable`` as (path, reason)
    rather than passed over in silence.
    """
    import fnmatch
    import os

    def note(error: OSError) -> None:
        if unreadable is not None:
            reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or str(error)).lower()
            unreadable.append((error.filename, reason))

    found: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            inside = []
            visited: set[tuple[int, int]] = set()
            top = os.path.realpath(path)
            for root, dirs, files in os.walk(path, onerror=note, followlinks=True):
                try:
                    info = os.stat(root)
                except OSError as error:
                    note(error)
                    dirs[:] = []
                    continue
                if (info.st_dev, info.st_ino) in visited:
                    dirs[:] = []
                    continue
                visited.add((info.st_dev, info.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _links_above(os.path.join(root, d), top))
                for name in files:
                    if name.startswith(".") or _NOT_A_THREAD.search(name):
                        continue
                    if glob and not fnmatch.fnmatch(name, glob):
                        continue
                    inside.append(os.path.join(root, name))
            found.extend(sorted(inside))
        else:
            found.append(path)
    return found
