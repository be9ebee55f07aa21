"""A document: its text, name, publication date and sentences."""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import regex

from . import sentences
from .engine.accel import document_started, has_long_space, scan
from .engine.lazy import LazyPattern
from .normalize.dates import DateResolver, parse_published
from .utf8 import Utf8Text

_HEADER = LazyPattern(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(?:\d{1,2}:\d{2}(?::\d{2})?)?")

# Without a ` date` header, a page's own date line near its top is its publication
# date: a line that is a full date ("Tuesday, October 9, 2018", "Published: 12 March
# 2024, 10:30 GMT") or a slashed dateline ("Baku/29.09.21/Turan:").  A full date
# inside a sentence or a photo caption is an event's, not the page's.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE_LINE = LazyPattern(
    r"^[^\S\n]*(?:(?:Published|Posted|Updated|Date|Dated)(?:\s+on)?:?\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH},?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
    r"(?:[,\s|-]+\d{1,2}[:.]\d\d(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s*\(?(?:GMT|UTC)[^\n)]{0,8}\)?)?)?[^\S\n]*$", regex.M)
_SLASHED_DATELINE = LazyPattern(r"^[^\S\n]*\p{Lu}[\p{L} .'-]{1,30}/(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2}|\d{4})/", regex.M)
DATE_LINE_REACH = 1000  # characters from the top where a page's date line may stand


@dataclass
class Document:
    text: str
    name: str = "-"
    published: dt.date | None = None
    body_start: int = 0  # where the text after the ` date …` header begins
    header_problem: str | None = None  # why the ` date …` header was ignored
    opens_text: bool = True  # False for a later window of a long text (api.py): its first sentence is no headline

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
        if not (published or header_date):
            header_date = _date_line(text, body_start)
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
    def long_space(self) -> bool:
        """Whether a run of white space is too long for some patterns on the fast engine (accel.py)."""
        return has_long_space(self.text)

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


def _date_line(text: str, start: int) -> dt.date | None:
    """The publication date a page states near its top (see _DATE_LINE), or None."""
    top = text[start:start + DATE_LINE_REACH]
    line = _DATE_LINE.search(top)
    if line:
        said = line.group("date")
        iso = said if said[:1].isdigit() and said[4:5] == "-" else DateResolver(None).resolve(said)
        if iso and len(iso) == 10:
            try:
                return parse_published(iso)
            except ValueError:
                return None
    slashed = _SLASHED_DATELINE.search(top)
    if slashed:
        year = int(slashed.group("year"))
        year += 2000 if year < 100 else 0
        try:
            return parse_published(f"{year:04d}-{int(slashed.group('month')):02d}-{int(slashed.group('day')):02d}")
        except ValueError:
            return None
    return None
