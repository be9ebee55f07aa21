"""A document: its text, name, publication date and sentences."""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import regex

from . import sentences
from .engine.accel import document_started, scan
from .normalize.dates import parse_published
from .utf8 import Utf8Text

_HEADER = regex.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(?:\d{1,2}:\d{2}(?::\d{2})?)?")


@dataclass
class Document:
    text: str
    name: str = "-"
    published: dt.date | None = None
    body_start: int = 0  # where the text after the ` date …` header begins
    header_problem: str | None = None  # why the ` date …` header was ignored

    @classmethod
    def from_text(cls, text: str, name: str = "-", published: dt.date | None = None) -> "Document":
        """Reads the ` date YYYY-MM-DD` header; `published` (if given) overrides it."""
        header = _HEADER.match(text)
        header_date = None
        body_start = 0
        problem = None
        if header:
            try:
                header_date = parse_published(header.group(1))
                body_start = header.end()
            except ValueError as e:
                problem = f"date header ignored: {e}"
        return cls(text=text, name=name, published=published or header_date, body_start=body_start,
                   header_problem=None if published else problem)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentences.split(self.text, self.body_start, scan=lambda pattern, start: scan(pattern, self, start))

    @cached_property
    def longest_sentence(self) -> int:
        return max((end - start for start, end in self.sentences), default=0)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the nearest one before it)."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    @cached_property
    def utf8(self) -> Utf8Text:
        """The text as UTF-8 bytes, for the byte-oriented fast matcher."""
        document_started()
        return Utf8Text(self.text)

    @cached_property
    def sentence_bytes(self) -> list[tuple[int, int]]:
        """The sentences' spans in bytes of `utf8`."""
        u = self.utf8
        if u.ascii:
            return self.sentences
        return [(u.byte(s), u.byte(e)) for s, e in self.sentences]

    @cached_property
    def sentence_byte_starts(self) -> list[int]:
        return [s for s, _ in self.sentence_bytes]
