"""A document: its text, name, publication date and sentences."""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import regex

from . import furniture, sentences
from .engine.accel import find, has_long_space, scan
from .engine.lazy import LazyPattern
from .normalize.dates import DateResolver, parse_published
from .utf8 import Utf8Text

if TYPE_CHECKING:
    from .engine.pieces import Pieces

_HEADER = LazyPattern(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(?:\d{1,2}:\d{2}(?::\d{2})?)?")

# Without a ` date` header, a page's own date line near its top is its publication
# date: a line that is a full date ("Tuesday, October 9, 2018", "Published: 12 March
# 2024, 10:30 GMT", "Tue May 27, 2025 12:00 AM", "22 Oct 2024 10:41 AM MYT") or a
# slashed dateline ("Baku/29.09.21/Turan:").  A line may also carry the page's other
# furniture around that date: a source or byline segment before a published/updated
# word ("By Jane Doe | Published Tue, Dec 3rd 2024 at 09:21 | 3 min read"), a dotted
# day-first date after that word ("Published 09.07.2024 14:05"), and a tail that says
# when it was updated ("…, updated Wed 19 Feb 2025 at 11:02am", "Last update on: …").
# The first date of the line counts.  A full date inside a sentence or a photo
# caption is an event's, not the page's.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY_NAME = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:r(?:s)?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# the word that says the date is the page's ("Published:", "Last updated on", "Posted") and
# the word of an update tail are the rule set's pieces date_line_word and updated_word
_STAMP_WORD = r"{date_line_word}(?:\s+on)?:?[^\S\n]+"
_CLOCK = (r"(?:[,\s|-]+|\s+at\s+)\d{1,2}[:.]\d\d(?::\d\d)?(?:\s?[AaPp]\.?[Mm]\.?)?"
          r"(?:\s*\(?(?:GMT|UTC)[^\n)|]{0,8}\)?|[^\S\n]+\(?(?-i:[A-Z]{2,4}T)\)?)?")
_STAMPED = r"(?:[^\n|•·]{1,60}[|•·][^\S\n]*)?" + _STAMP_WORD  # "By Jane Doe | Published "
# (case-sensitive, each line on its own: compiled with the rule set's pieces, see _date_line_pattern)
_DATE_LINE = (
    r"(?-i:(?m:^)[^\S\n]*(?:" + _STAMPED + r"(?P<dotted>\d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?!\d))"
    r"|(?:" + _STAMPED + r")?(?:" + _DAY_NAME + r",?\s+)?"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH},?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d))"
    r"(?:" + _CLOCK + r")?"
    r"(?:[^\S\n]*[|•·][^\n]{0,80}|[,\s]+{updated_word}(?:\s+on)?:?[^\S\n]+(?:\p{Lu}\p{Ll}\p{Ll}|\d)[^\n]{0,80})?[^\S\n]*(?m:$))")
# a rule set without those pieces (another language's, with no such words): a date line is a bare date
_BARE_DATE_LINE = LazyPattern(_DATE_LINE.replace("{date_line_word}", "(?!)").replace("{updated_word}", "(?!)"))
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
    # the rule set's pieces: its language's abbreviations and the words that keep a list in one
    # sentence (sentences.py); without them the text is split at stops and line breaks only
    words: Pieces | None = None

    @classmethod
    def from_text(cls, text: str, name: str = "-", published: dt.date | None = None,
                  words: Pieces | None = None) -> "Document":
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
            header_date = _date_line(text, body_start, words)
        return cls(text=text, name=name, published=published or header_date, body_start=body_start,
                   header_problem=None if published else problem, words=words)

    @cached_property
    def links(self) -> list[tuple[int, int]]:
        """The spans of lines that link to other stories ("Read more: …", a "Related
        stories" list: furniture.py); they hold no sentence and no country mention.  Nor is a
        photo's credit a sentence ("Picture: GCIS")."""
        line_start = self.words and self.words.optional("link_line_start")
        if line_start is None:
            return []
        first = find(line_start, self, self.body_start, len(self.text))
        return furniture.link_spans(self.text, self.body_start, -1 if first is None else first[0], self.words)

    def in_links(self, start: int, end: int) -> bool:
        return bool(self.links) and furniture.covers(self.links, start, end)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        found = sentences.split(self.text, self.body_start, scan=lambda pattern, start: scan(pattern, self, start),
                                words=self.words)
        text, links, words = self.text, self.links, self.words
        return [s for s in found if not ((links and furniture.covers(links, *s))
                                         or (s[1] - s[0] <= furniture.CREDIT_MAX
                                             and furniture.is_credit(text[s[0]:s[1]], words)))]

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


def _date_line_pattern(words):
    """_DATE_LINE with the rule set's date_line_word and updated_word (see above)."""
    if words is not None and "date_line_word" in words and "updated_word" in words:
        return words.compiled_text(_DATE_LINE)
    return _BARE_DATE_LINE


def _date_line(text: str, start: int, words) -> dt.date | None:
    """The publication date a page states near its top (see _DATE_LINE), or None."""
    top = text[start:start + DATE_LINE_REACH]
    line = _date_line_pattern(words).search(top)
    if line:
        if line.group("dotted"):
            day, month, year = line.group("dotted").split(".")
            return _day(int(year), int(month), int(day))
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
        return _day(year, int(slashed.group("month")), int(slashed.group("day")))
    return None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return parse_published(f"{year:04d}-{month:02d}-{day:02d}")
    except ValueError:
        return None
