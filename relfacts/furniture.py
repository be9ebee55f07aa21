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
stand between a figure and the sentence that gives its period.

The words are the rule set's pieces (`link_line_start`, `link_start`, `link_line`,
`link_heading`, `credit`, `credit_word`, with `link_words` and `link_heading_words`;
rules/pieces.yaml): a rule set for another language gives its own.  Without them
(`words=None`, or a rule set that defines none) no line is furniture."""
from __future__ import annotations

import bisect

from .engine.lazy import LazyPattern
from .sentences import ends_with_stop

HEADLINE_MAX = 160  # the longest line read as a headline of a link list
CREDIT_MAX = 100  # the longest sentence read as a photo credit
_CREDIT_WORD = LazyPattern(r"[\p{L}'’-]+")  # a word of a credit


def link_spans(text: str, start: int = 0, first: int | None = None, words=None) -> list[tuple[int, int]]:
    """The (start, end) spans of text[start:] that link to other stories, in order (lines
    next to each other are one span).  `first`: where the first line that the piece
    `link_line_start` finds starts, when the caller has searched for it (-1: there is none).
    `words`: the rule set's pieces."""
    spans: list[tuple[int, int]] = []
    link_start, link_line, link_heading = (words and words.optional(name)
                                           for name in ("link_start", "link_line", "link_heading"))
    if None in (link_start, link_line, link_heading) or (first is not None and first < 0):
        return spans
    pos, n = max(start, first or 0), len(text)
    in_list = False
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        line = text[pos:end].rstrip("\r")
        stripped = line.strip()
        if in_list and stripped:
            if len(stripped) <= HEADLINE_MAX and not ends_with_stop(stripped) and not link_heading.fullmatch(line):
                _add(text, spans, pos, pos + len(line))
                pos = end + 1
                continue
            in_list = False
        if stripped and (stripped[0].isalpha() or stripped[0] in "-•·▪*>»") and link_start.match(text, pos, end):
            if link_heading.fullmatch(line):
                _add(text, spans, pos, pos + len(line))
                in_list = True
            elif link_line.fullmatch(line):
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


def is_credit(text: str, words=None) -> bool:
    """Whether a sentence is only a photo's credit ("Picture: GCIS", "REUTERS/Jane Doe/File Photo"):
    names and agencies, not a caption that says what happens ("Photo: Modi arrives in Dhaka").
    `words`: the rule set's pieces (`credit`, `credit_word`)."""
    if len(text) > CREDIT_MAX or not any(c in text for c in "/:|"):
        return False
    credit, credit_word = (words and words.optional(name) for name in ("credit", "credit_word"))
    if credit is None or credit_word is None or credit.fullmatch(text.strip()) is None:
        return False
    return all(w[0].isupper() or credit_word.fullmatch(w) for w in _CREDIT_WORD.findall(text))
