"""Page furniture in scraped text: the lines that point to other stories.

A news page copied as text keeps its links to other articles: a line that opens
with "Read more:", "Related:", "Also read |" and a headline, or a heading alone on
its line ("Related stories", "You may also like", "Read also") followed by a list
of headlines.  What those headlines say ("China's exports rise 7.5% in 2023") is
another story's fact, not this one's: `link_spans` finds these lines, and the
document leaves them out of its sentences and its country mentions.

A list after a heading runs over the lines that read as headlines (no full stop
at the end, at most HEADLINE_MAX characters), blank lines between them
included; the first line that ends a sentence or is longer ends it.

A photo's credit said as a sentence of its own ("Picture: GCIS", "(Photo: AFP)",
"REUTERS/Jane Doe/File Photo") is no sentence either (`is_credit`): it would
stand between a figure and the sentence that gives its period."""
from __future__ import annotations

import bisect

import regex

from .engine.lazy import LazyPattern
from .sentences import ends_with_stop

HEADLINE_MAX = 160  # the longest line read as a headline of a link list

# the words that open a line linking to another story ("Read more: …", "Related | …")
_LINK_WORDS = (r"(?:read\s+(?:more|also|next)|also\s+read|see\s+also|also\s+see|related(?:\s+(?:stories|story|articles?|news|"
               r"coverage|content|topics?|reading|links?|posts?))?)")
# the headings of a list of such links, alone on their line ("You may also like", "More from Reuters")
_HEADING_WORDS = (r"(?:" + _LINK_WORDS[3:-1] + r"|more\s+(?:stories|news|from\s+[^\n:|.]{1,40})|"
                  r"recommended(?:\s+(?:stories|for\s+you|reading))?|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in)|"
                  r"most\s+(?:read|popular|viewed)|trending(?:\s+now)?|don['’]t\s+miss|further\s+reading|"
                  r"latest\s+(?:news|stories)|top\s+stories|tags|keywords|topics)")
_BULLET = r"[^\S\n]*(?:[-•·▪*>»][^\S\n]*)?"
# a link line: the words, then a colon, a bar or a dash and the linked headline on the same line
_LINK_LINE = LazyPattern(_BULLET + _LINK_WORDS + r"[^\S\n]*(?:[:|»►▶–—]|-\s)[^\n]*", regex.I)
# a heading alone on its line ("Related stories", "READ MORE:", "You may also like")
_LINK_HEADING = LazyPattern(_BULLET + _HEADING_WORDS + r"[^\S\n]*[:|»►▶]?[^\S\n]*", regex.I)
CREDIT_MAX = 100  # the longest sentence read as a photo credit
_CREDIT = LazyPattern(r"[(\[]?\s*(?:(?:File\s+)?(?:Photo|Picture|Pic|Image|Photograph)(?:\s+credit)?s?\s*[:/|]\s*[^.:]{1,60}"
                      r"|(?-i:[A-Z]{2,12})/[\p{L} .'’-]{2,40}(?:/[\p{L} '’-]{2,40})*)[)\]]?\.?", regex.I)
# what a link line or a heading starts with: tried at each line's start (anchored, cheap) before
# the whole line is read; LINK_LINE_STARTS finds those lines in a whole text (most texts have none)
_LINK_START = LazyPattern(_BULLET + r"(?:" + _LINK_WORDS + "|" + _HEADING_WORDS + r")\b", regex.I)
LINK_LINE_STARTS = LazyPattern(r"(?m)^" + _LINK_START.pattern, regex.I)


def link_spans(text: str, start: int = 0, first: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) spans of text[start:] that link to other stories, in order (lines
    next to each other are one span).  `first`: where the first line that LINK_LINE_STARTS
    finds starts, when the caller has searched for it (-1: there is none)."""
    spans: list[tuple[int, int]] = []
    if first is not None and first < 0:
        return spans
    pos, n = max(start, first or 0), len(text)
    in_list = False
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        line = text[pos:end].rstrip("\r")
        stripped = line.strip()
        if in_list and stripped:
            if len(stripped) <= HEADLINE_MAX and not ends_with_stop(stripped) and not _LINK_HEADING.fullmatch(line):
                _add(text, spans, pos, pos + len(line))
                pos = end + 1
                continue
            in_list = False
        if stripped and (stripped[0].isalpha() or stripped[0] in "-•·▪*>»") and _LINK_START.match(text, pos, end):
            if _LINK_HEADING.fullmatch(line):
                _add(text, spans, pos, pos + len(line))
                in_list = True
            elif _LINK_LINE.fullmatch(line):
                _add(text, spans, pos, pos + len(line))
        pos = end + 1
    return spans


def _add(text: str, spans: list, a: int, b: int) -> None:
    """Adds text[a:b], joined to the span before when only white space parts them."""
    if spans and not text[spans[-1][1]:a].strip():
        spans[-1] = (spans[-1][0], b)
    else:
        spans.append((a, b))


def covers(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether text[a:b] lies inside one of `spans` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (a, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= a and b <= spans[i][1]


# the words of a credit other than names: "Kazakh Government press service", "AFP via Getty Images"
_CREDIT_WORDS = frozenset("press service office file photo photos credit handout via and of the for staff pic picture courtesy "
                          "images image ministry agency news".split())
_CREDIT_WORD = LazyPattern(r"[\p{L}'’-]+")


def is_credit(text: str) -> bool:
    """Whether a sentence is only a photo's credit ("Picture: GCIS", "REUTERS/Jane Doe/File Photo"):
    names and agencies, not a caption that says what happens ("Photo: Modi arrives in Dhaka")."""
    if len(text) > CREDIT_MAX or not any(c in text for c in "/:|") or _CREDIT.fullmatch(text.strip()) is None:
        return False
    words = _CREDIT_WORD.findall(text)
    return all(w[0].isupper() or w.lower() in _CREDIT_WORDS for w in words)
