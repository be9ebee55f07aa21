"""A text's UTF-8 bytes, with the maps between character and byte offsets.

The bytes are always valid UTF-8 (the fast matcher relies on it and does not
check them again).

A byte-oriented matcher (PCRE2) reads the bytes; the rest of relfacts counts
characters.  For ASCII text the two are the same; otherwise each non-ASCII
character moves the later byte offsets on by its extra bytes, and a
conversion is a binary search over those characters (news text has a few
dozen: quotes, dashes, accented names)."""
from __future__ import annotations

import bisect
import re

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Utf8Text:
    __slots__ = ("data", "ascii", "_chars", "_bytes", "_extra")

    def __init__(self, text: str):
        try:
            self.data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: U+FFFD in its place keeps every offset
            self.data = _SURROGATE.sub("\ufffd", text).encode("utf-8")
        self.ascii = len(self.data) == len(text)
        self._chars: list[int] = []  # char offset of each non-ASCII char
        self._bytes: list[int] = []  # its byte offset
        self._extra: list[int] = []  # extra bytes of the text up to and including it
        if not self.ascii:
            extra = 0
            for m in _NON_ASCII.finditer(text):
                i = m.start()
                self._chars.append(i)
                self._bytes.append(i + extra)
                ch = ord(text[i])
                extra += 1 if ch < 0x800 else 2 if ch < 0x10000 else 3
                self._extra.append(extra)

    def byte(self, char_offset: int) -> int:
        if self.ascii:
            return char_offset
        k = bisect.bisect_left(self._chars, char_offset)
        return char_offset + (self._extra[k - 1] if k else 0)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """A span in bytes as a span in characters."""
        if self.ascii:
            return start, end
        bytes_, extra = self._bytes, self._extra
        k = bisect.bisect_left(bytes_, start)
        a = start - (extra[k - 1] if k else 0)
        k = bisect.bisect_left(bytes_, end, k)
        return a, end - (extra[k - 1] if k else 0)

    def char(self, byte_offset: int) -> int:
        return self.chars(byte_offset, byte_offset)[0]
