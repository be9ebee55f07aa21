"""Sentence splitting for news text.

Splits after . ! ? (and closing quotes/brackets) when the next sentence starts,
and at line breaks; does not split after abbreviations ("Feb. 12", "Mr.",
"No. 5", "U.S.", "D. Tsogtbaatar") or inside numbers ("1.2 billion").  Glued
sentences ("since 2016.According to") are split too.

A list stays in the sentence that introduces it: a line that starts with a
bullet (or an item number: "1.", "(1)") after a line ending in ":", ";" or ",", or
after an item line with no full stop (not across a blank line), continues that sentence
("The following documents were signed:\n- an agreement on …;\n- a memorandum
on …"); so does each further item of a list of documents the sentence opened with its ":" line,
each item a paragraph (or a line) of its own that may end in a full stop ("The MoUs exchanged
included:\n\n- An agreement on …, exchanged by X.\n\n- An MoU on …."), and so does a sentence (or a paragraph) that opens with "Among them",
"Among the agreements", "They include", "The documents include", "The documents
are an agreement …", "The MoUs exchanged are:", "The first is a memorandum …" or
"Another is an agreement …" (what it lists belongs to the sentence before, when that one speaks of
documents: not after "Lula last visited Nigeria in 2005."). Numbered items go on
across a blank line when each number follows the one before ("1. …\n\n2. …"). A list of documents
with no bullets goes on too, each line (or paragraph) opening with a document's title after a line
ending in ":" or ";" ("A package of documents was signed, namely:\n\nJoint Statement …;\n\nAgreement on …").
So does a list of people with no bullets, a person a line, after a line that opens it ("Summit was attended
by the following Heads of State and Government:\nSouth Africa: H.E. President X\nAngola: Hon. Y, Minister …").


A sentence longer than MAX_SENTENCE characters (a text with no full stops) is
cut at its last ";" (else "," else space) before the limit, so that no rule is
ever handed more than that: the work per sentence stays bounded and the work
per document linear in its length.

The words are the rule set's, not the code's: its abbreviations and the words
that keep a list of documents in one sentence are pieces of the rule set
(`abbreviation`, `documents_listed`, `listed_kind`, `list_continuation`,
`documents_spoken`, `title_item`, `people_listed`, `person_line`; rules/pieces.yaml), so a rule set for another language gives its
own.  Without them (`words=None`, or a rule set that defines none) a text is split at stops
and line breaks only."""
from __future__ import annotations

from .engine.lazy import LazyPattern
from .memo import memo_of

MAX_SENTENCE = 2000
_CUTS = (";", ",", " ")  # where a long sentence is cut, best first

# A candidate boundary: terminal punctuation, optional closing quotes/brackets,
# then either white space before an opening character, or directly a capital
# followed by a lower-case letter (glued sentences).
_BOUNDARY = LazyPattern(
    r"""(?<=[.!?…])(["”’')\]]*)(?:\s+(?=["“‘'(\[]?[\p{Lu}\d])|(?=\p{Lu}\p{Ll}))|\n\s*""")
# the marks that open a list's item (a character class)
BULLET = "[-•·▪◦*–—●■►]"
# a line that is an item of a list
# (or a small roman numeral: "i.", "(iv)", the items of a ministry's list)
_BULLET_LINE = LazyPattern(r"[ \t]*(?:" + BULLET + r"|\(?(?:\d{1,2}|[ivx]{1,4})[.)]|\(?[a-h]\))[ \t]+\S")
# the number of a numbered list's item ("1. Agreement on …"): not a sentence's end
_LIST_NUMBER = LazyPattern(r"[ \t]*(?:\d{1,2}|[ivx]{1,4})\.")
_ITEM_NUMBER = LazyPattern(r"[ \t]*\(?(\d{1,2})[.)][ \t]")
# a list's item marked by a bullet, not a number
_MARKED_ITEM = LazyPattern(r"[ \t]*" + BULLET + r"[ \t]+\S")
_LINE_BREAKS = ("\n", "\r")
# the end of a sentence, as against a headline, a byline or a link's title: a stop, maybe inside
# closing quotes or brackets
_STOP_AT_END = LazyPattern(r"[.!?…][\"”’')\]]*\s*\Z")
# a dotted acronym at a line's end ("U.S.", "U.A.E."), and the most words of a headline that ends in one
_ACRONYM_AT_END = LazyPattern(r"(?<![\p{L}.])(?:\p{Lu}\.){2,4}\s*\Z")
HEADLINE_WORDS = 16
# a story's first line that opens with its dateline ("NAIROBI -", "LIMA, March 3 (Reuters) -"): a lead, no headline
_DATELINE_OPENING = LazyPattern(r"\s*(?-i:\p{Lu}{2,}[\p{Lu}\s.'-]*)(?:,|\s+[-–—(])")
_LINE_END = LazyPattern(r"[ \t]*\n")
# the word before a stop, searched backwards ((?r)): the word is at the end, so the search starts there
_WORD_BEFORE = LazyPattern(r"(?r)([\w.]+)[.!?…]?[\"”’')\]]*\Z")


def split(text: str, start: int = 0, scan=None, words=None) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of text[start:], trimmed.
    `scan(pattern, start)` finds a pattern's matches (by default its own
    finditer over `text`; a Document passes the fast engine's).  `words` are
    the rule set's pieces (its language's abbreviations and list words), or None."""
    continuation, spoken, title_item, documents, people, person_line = (words and words.optional(name) for name in (
        "list_continuation", "documents_spoken", "title_item", "documents_listed", "people_listed", "person_line"))
    spans = []
    begin = start
    opened: dict[int, bool] = {}  # a sentence's start -> whether its first line opens a list of documents
    gathered: dict[int, bool] = {}  # a sentence's start -> whether its first line opens a list of people
    matches = scan(_BOUNDARY, start) if scan else _BOUNDARY.finditer(text, start)
    for m in matches:
        if m.group()[:1] in _LINE_BREAKS:
            if _BULLET_LINE.match(text, m.end()) and (_opens_list(text, begin, m.start())
                                                      or (_item_goes_on(text, begin, m.start())
                                                          and (text.count("\n", m.start(), m.end()) == 1
                                                               or _numbered_on(text, begin, m.start(), m.end())))
                                                      or _list_goes_on(text, begin, m.start(), m.end(), opened, documents)):
                continue
            if _title_goes_on(text, begin, m.start(), m.end(), opened, title_item, documents):
                continue
            if _person_goes_on(text, begin, m.start(), m.end(), gathered, people, person_line):
                continue
            # a paragraph that opens "Among them" lists what the paragraph before introduced (when that one
            # speaks of documents)
            if (continuation is not None and continuation.match(text, m.end())
                    and (spoken is None or spoken.search(text, begin, m.start()))):
                continue
            _add(text, begin, m.start(), spans)
            begin = m.end()
            continue
        end, after = m.end(1), m.end()
        if (_is_abbreviation(text, begin, end, after, words)
                or (continuation is not None and continuation.match(text, after)
                    and (spoken is None or spoken.search(text, begin, end)))
                or (text[end - 1] == "." and (text[end - 2:end - 1].isdigit() or text[end - 2:end - 1] in ("i", "v", "x"))
                    and _LIST_NUMBER.fullmatch(text, _line_start(text, begin, end), end))):
            continue
        _add(text, begin, end, spans)
        begin = m.end()
    _add(text, begin, len(text), spans)
    return spans


def ends_with_stop(text: str, start: int = 0, end: int | None = None, first: bool = False) -> bool:
    """Whether text[start:end] ends as a sentence does (a stop, maybe inside closing quotes
    or brackets), not as a headline does.  The text's `first` sentence that is a short line
    ending in a dotted acronym ("… seeks markets beyond U.S." over the dateline), not opening
    with a dateline, is a headline: the acronym's stop is no sentence's."""
    end = len(text) if end is None else end
    if _STOP_AT_END.search(text, start, end) is None:
        return False
    return not (first and _ACRONYM_AT_END.search(text, start, end) is not None
                and "\n" not in text[start:end].strip() and len(text[start:end].split()) <= HEADLINE_WORDS
                and _DATELINE_OPENING.match(text, start, end) is None and _LINE_END.match(text, end) is not None)


def _is_abbreviation(text: str, begin: int, end: int, after: int, words) -> bool:
    # `end` is just after the punctuation (plus any closing quotes), `after` where the next sentence would start
    glued = end == after
    head = text[max(begin, end - 40):end]
    if not head.rstrip("\"”’')]").endswith("."):
        return False
    m = _WORD_BEFORE.search(head)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if glued:
        # "2016.According": split; "U.S.Statistics", "No.5": keep
        return not (len(word) > 1 and (word[-1].islower() or word[-1].isdigit() or word[-1] == ")"))
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "D. Tsogtbaatar"
    if (words is not None and _abbreviated(word, words)) or ("." in word and all(len(p) <= 2 for p in word.split("."))):
        # ("Feb.", "Mr.", "U.S.", "U.A.E."), unless a word that opens sentences follows: "… with the U.S. The talks …"
        return not _opens_sentence(text, after, words)
    return False


def _opens_sentence(text: str, at: int, words) -> bool:
    """Whether the word at `at` is one of the rule set's `sentence_opener` words."""
    opener = words and words.optional("sentence_opener")
    return opener is not None and opener.match(text, at) is not None


def _abbreviated(word: str, words) -> bool:
    """Whether `word` is one of the rule set's abbreviations; the answer is kept with its
    pieces (memo.py): the same words end most sentences."""
    memo = memo_of(words, "_abbreviated")
    found = memo.get(word)
    if found is None:
        abbreviation = words.optional("abbreviation")
        found = memo.put(word, abbreviation is not None and abbreviation.fullmatch(word) is not None)
    return found


def _line_start(text: str, begin: int, end: int) -> int:
    """Where the line holding text[end - 1] starts (not before `begin`)."""
    return max(begin, text.rfind("\n", begin, end) + 1)


def _item_goes_on(text: str, begin: int, end: int) -> bool:
    """The line before a break is a list item with no full stop: the list goes on, unless its
    items stand alone (_items_stand_alone)."""
    line = text[_line_start(text, begin, end):end].rstrip()
    return (bool(line) and line[-1] not in ".!?" and _BULLET_LINE.match(line) is not None
            and not _items_stand_alone(text, begin))


# how many item lines before a sentence's first are looked at for the line that opens their list
_ITEMS_LOOKED_BACK = 20


def _items_stand_alone(text: str, begin: int) -> bool:
    """The sentence at `begin` opens with an item of a list that follows a blank line (or opens
    the text), under no heading and no line that introduces it: such items ("- Minister X heads a
    delegation to Y\n- UK exports grew 12% last year", a release's summary) are a sentence each;
    items under a heading line ("List of Outcomes\n1. …\n2. …") go on.  At most
    _ITEMS_LOOKED_BACK lines are looked at: the work per break stays bounded."""
    if _BULLET_LINE.match(text, begin) is None:
        return False
    at = begin
    for _ in range(_ITEMS_LOOKED_BACK):
        line_end = text.rfind("\n", 0, at)
        if line_end < 0:
            return True  # the text's first line
        line_start = text.rfind("\n", 0, line_end) + 1
        if not text[line_start:line_end].strip():
            return True  # a blank line before the list
        if _BULLET_LINE.match(text, line_start) is None:
            return False  # a heading, or a line that introduces the list
        at = line_start
    return False


def _list_goes_on(text: str, begin: int, end: int, start: int, opened: dict, documents) -> bool:
    """The sentence is a list of documents its first line opened ("The MoUs exchanged included:"),
    its items bulleted paragraphs or lines: the paragraph at `start` is its next item when the one before
    the break is one, a full stop at its end or not (a list of other things, such as a
    chronology, is a sentence per item); numbered items go on by their numbers ("1. …", "2. …":
    _numbered_on). Whether the first line opens such a list is read once per sentence (`opened`): a long
    list costs one look at it, not one per item."""
    if not ((_MARKED_ITEM.match(text, start) is not None
             and _MARKED_ITEM.match(text, _line_start(text, begin, end)) is not None)
            or _numbered_on(text, begin, end, start)):
        return False
    if text.find("\n", begin, end) < 0:
        return False  # no first line yet
    return _opens_documents(text, begin, end, opened, documents)


def _title_goes_on(text: str, begin: int, end: int, start: int, opened: dict, title_item, documents) -> bool:
    """The sentence's first line opens a list of documents (it ends in ":" and names them:
    "a package of documents was signed, namely:"), the line before the break ends in ":" or ";",
    and the line at `start` opens with a document's title: an item of that list with no bullet,
    maybe a paragraph of its own ("Joint Statement of the Presidents;\n\nAgreement on …;")."""
    line_end = end
    while line_end > begin and text[line_end - 1] in " \t\r":
        line_end -= 1
    if (line_end == begin or text[line_end - 1] not in ":;"
            or title_item is None or title_item.match(text, start) is None):
        return False
    return _opens_documents(text, begin, end, opened, documents)


def _person_goes_on(text: str, begin: int, end: int, start: int, gathered: dict, people, person_line) -> bool:
    """The sentence's first line opens a list of people ("Summit was attended by the following Heads
    of State and Government:"), the line before the break is that line or an item with no full stop, and
    the line at `start` is an item of it with no bullet, a person a line ("South Africa: H.E. President X")."""
    if people is None or person_line is None or person_line.match(text, start) is None:
        return False
    line = text[_line_start(text, begin, end):end].rstrip()
    if not line or line[-1] in ".!?":
        return False
    found = gathered.get(begin)
    if found is None:
        first = text.find("\n", begin, end)
        first = end if first < 0 else first
        found = gathered[begin] = (text[begin:first].rstrip().endswith(":")
                                   and people.search(text, begin, first) is not None)
    return found


def _opens_documents(text: str, begin: int, end: int, opened: dict, documents) -> bool:
    """Whether the sentence at `begin` opens with a line that ends in ":" and names documents,
    read once per sentence (`opened`)."""
    if documents is None:
        return False
    found = opened.get(begin)
    if found is None:
        first = text.find("\n", begin, end)
        if first < 0:
            first = end  # the opening line is the line before the break
        found = opened[begin] = (text[begin:first].rstrip().endswith(":")
                                 and documents.search(text, begin, first) is not None)
    return found


def _numbered_on(text: str, begin: int, end: int, start: int) -> bool:
    """The item line before a break is numbered n and the line at `start` n + 1: one list."""
    before = _ITEM_NUMBER.match(text, _line_start(text, begin, end))
    after = _ITEM_NUMBER.match(text, start)
    return bool(before and after) and int(after.group(1)) == int(before.group(1)) + 1


def _opens_list(text: str, begin: int, end: int) -> bool:
    """The line before a break ends the way a list's introduction or item does."""
    while end > begin and text[end - 1] in " \t\r":
        end -= 1
    return end > begin and text[end - 1] in ":;,"


def _add(text: str, a: int, b: int, spans: list) -> None:
    while b - a > MAX_SENTENCE:  # each cut looks at one window of text: linear time
        low, high = a + MAX_SENTENCE // 2, a + MAX_SENTENCE
        cut = next((i + 1 for i in (text.rfind(c, low, high) for c in _CUTS) if i >= 0), high)
        _trim(text, a, cut, spans)
        a = cut
    _trim(text, a, b, spans)


def _trim(text: str, a: int, b: int, spans: list) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))
