"""Fast paths: searching a long text only near the words every match must contain, and telling
which lines a line-start pattern can match from their first character.

Python's regex engine skips quickly only to a literal prefix or a set of
first characters; a case-blind pattern, or one that opens on a group or
``\\b``, is tried at every position, which costs tens of microseconds per
kilobyte. Where each match must hold one of a few words, ``str.find``
locates those words at C speed and the pattern runs only in windows around
them: a reply without the words costs a few ``find`` calls.

Texts compared word for word (a reply's copy of a question, rewrapped and
repunctuated) are compared as ``plain_words``.
"""
from __future__ import annotations

import re


def search_near(pattern: re.Pattern, text: str, words: tuple[str, ...], reach: int, low: str | None = None) -> re.Match | None:
    """The first match of ``pattern`` in ``text``, looked for only within ``reach`` characters of one of ``words``.

    ``words`` are found in ``low`` (the text lower-cased, each character where
    it was) when given, else in ``text``. ``reach`` must cover the longest
    match and the lookahead after it, so that every match lies whole inside
    a window: the result is then the one a whole-text search gives.
    """
    haystack = text if low is None else low
    windows = []
    for word in words:
        found = haystack.find(word)
        while found != -1:
            windows.append((max(0, found - reach), found + len(word) + reach))
            found = haystack.find(word, found + 1)
    if not windows:
        return None
    windows.sort()
    start, end = windows[0]
    for window_start, window_end in windows[1:]:
        if window_start > end:
            match = pattern.search(text, start, end)
            if match:
                return match
            start = window_start
        end = max(end, window_end)
    return pattern.search(text, start, end)


def match_at_words(pattern: re.Pattern, text: str, words: tuple[str, ...]) -> re.Match | None:
    """A match of ``pattern`` that starts where one of ``words`` stands: for a pattern that opens with them,
    the first match a whole-text search would give, at the cost of a ``find`` per word and a match per place."""
    for position in sorted(found for word in words for found in _places(text, word)):
        match = pattern.match(text, position)
        if match:
            return match
    return None


def _places(text: str, word: str) -> list[int]:
    places = []
    found = text.find(word)
    while found != -1:
        places.append(found)
        found = text.find(word, found + 1)
    return places


def case_blind(letters: str) -> frozenset[str]:
    """The letters in both cases and every other character re.IGNORECASE takes for one of them
    ("İ" and "ı" for i, "ſ" for s, the Kelvin sign for k): the first characters a case-blind
    pattern opening with these letters can match."""
    found = set(letters.lower()) | set(letters.upper())
    extras = {"i": "İı", "s": "ſ", "k": "\u212a"}
    return frozenset(found.union(*(extras.get(letter, "") for letter in letters.lower())))


# Punctuation and symbols dropped when words are compared: "children’s," is "childrens".
_PUNCTUATION_CHARS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~’‘“”–—•·…£€¦§¶°"
# Dropped from ASCII text by bytes.translate, a table lookup at C speed; str.translate with a table
# that deletes characters runs a Python-level mapping per character (70 µs for a 1.5 KB reply that
# holds one curly quote), so other text goes through the pattern below.
_ASCII_PUNCTUATION = bytes(ord(character) for character in _PUNCTUATION_CHARS if ord(character) < 128)
# A run of the punctuation, in text that is not all ASCII: "’s," of "children’s,"
_PUNCTUATION_RUN = re.compile("[" + re.escape(_PUNCTUATION_CHARS) + "]+")


def plain_word(word: str) -> str:
    """A word as compared between two texts: lower case, no punctuation."""
    return plain_text(word)


def plain_text(text: str) -> str:
    """The text lower-cased without punctuation, its spacing and line breaks kept."""
    low = text.lower()
    if low.isascii():
        return low.encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")
    return _PUNCTUATION_RUN.sub("", low)


def plain_words(text: str) -> list[str]:
    """A text's words as compared with another's, however each was punctuated or wrapped."""
    return plain_text(text).split()
