"""A faster engine for the same patterns: PCRE2 with its JIT compiler.

Rules are written, validated and explained in the `regex` module's syntax.
Where no time limit is needed (a default rule on a sentence of ordinary
length, the document scans for countries, dates and people), the very same
pattern runs on PCRE2 instead, 5 to 15 times faster on these patterns, with the
same matches: both are Perl-style leftmost backtracking engines with Unicode
classes and case-insensitive matching (tests/test_engine.py runs every rule
example and every sample both ways and compares).  translate.py bridges the
differences of syntax; a pattern it cannot bridge, or that PCRE2 refuses,
stays on `regex`, as does every match that needs a time limit (PCRE2 has none).

Offsets: PCRE2 reads UTF-8 bytes.  A document is encoded once
(`Document.utf8`) and matched as bytes, so a match in the middle of a long
document costs no walk from its start; spans are mapped back to characters.

RELFACTS_ENGINE=regex turns this off (every pattern on `regex`)."""
from __future__ import annotations

import bisect
import dataclasses
import os
import pickle
import weakref

from ..memo import PATTERNS, Memo
from ..utf8 import Utf8Text
from .lazy import LazyPattern, text_key
from .translate import SPACE_BOUND, translate

try:
    import pcre2
except ImportError:  # pragma: no cover - the wheel is missing on this platform
    pcre2 = None

# -- calls into pcre2.py ---------------------------------------------------------
# Its public API (re-like) costs about 1 µs of Python per search; its compiled
# module's functions, called directly, about a third of that, which is a sixth
# of relfacts' whole time.  They are used when they behave as this code expects
# (checked once, below), else the public API.

def _public_search(code, data: bytes, start: int, end: int) -> bool:
    return code.search(data, start, end) is not None


def _public_matches(code, data: bytes, start: int, end: int, wrap=None, *args):
    if wrap is None:
        return code.finditer(data, start, end)
    return (wrap(m, *m.span(), *args) for m in code.finditer(data, start, end))


def _public_span(m, data: bytes, n: int) -> tuple[int, int]:
    return m.span(n)


def _public_find(code, data: bytes, start: int, end: int) -> tuple[int, int] | None:
    m = code.search(data, start, end)
    return None if m is None else m.span()


def _public_find_at(code, data: bytes, start: int, end: int) -> tuple[int, int] | None:
    m = code.match(data, start, end)
    return None if m is None else m.span()


def _public_find_whole(code, data: bytes, start: int, end: int) -> tuple[int, int] | None:
    m = code.fullmatch(data, start, end)
    return None if m is None else m.span()


# PCRE2's option bits (pcre2.h): the subject is known to be valid UTF-8 (the
# document's own encoding: checking it again on every call was 3 % of the
# time); no empty match where the search starts (after an empty match)
_NO_UTF_CHECK = 0x40000000
_NOTEMPTY_ATSTART = 0x00000008
_ANCHORED = 0x80000000
_ENDANCHORED = 0x20000000
# A pattern that backtracks deeply can overflow the JIT's fixed stack ("JIT stack
# limit reached"); the same match is then run again on the interpreter, which
# keeps its backtracking on the heap.
_NO_JIT = 0x00002000


class MatchLimit(TimeoutError):
    """A match that went past one of PCRE2's own limits (match, depth, heap) even on the
    interpreter: a pattern that backtracks without end on this text.  A TimeoutError, so
    that the matcher skips the rule for the document as it does one that ran out of time."""


def _direct_calls():
    """(search, matches, span, find, find_at, find_whole) over pcre2's compiled module, or None."""
    try:
        from pcre2 import _cy

        context = pcre2._EMPTY_MATCH_CONTEXT
        match, span_of, too_deep = _cy.match, _cy.match_substring_span_bynumber, _cy.LibraryError

        def interpreted(code, data, start, end, options):
            # the match again on the interpreter, whose stack is the heap; one that exceeds even
            # a limit of its own (match, depth, heap) backtracks without end: MatchLimit
            try:
                return match(code, data, end, start, context, options | _NO_JIT)[0]
            except too_deep as error:
                if "limit" in str(error):
                    raise MatchLimit(str(error)) from error
                raise

        def search(code, data, start, end):
            try:
                return match(code._pcre2_code, data, end, start, context, _NO_UTF_CHECK)[0] is not None
            except too_deep:
                return interpreted(code._pcre2_code, data, start, end, _NO_UTF_CHECK) is not None

        def matches(code, data, start, end, wrap=None, *args):
            # as `regex`'s finditer: after an empty match, no empty match at the same place.
            # `wrap(found, *args)` is what is yielded (one generator, not two)
            code, options = code._pcre2_code, _NO_UTF_CHECK
            while start <= end:
                try:
                    found = match(code, data, end, start, context, options)[0]
                except too_deep:
                    found = interpreted(code, data, start, end, options)
                if found is None:
                    return
                a, b = span_of(found, data, 0)
                yield found if wrap is None else wrap(found, a, b, *args)
                options = _NO_UTF_CHECK | _NOTEMPTY_ATSTART if a == b else _NO_UTF_CHECK
                if a == b and b >= end:
                    return
                start = b

        def find(code, data, start, end, options=_NO_UTF_CHECK):
            try:
                found = match(code._pcre2_code, data, end, start, context, options)[0]
            except too_deep:
                found = interpreted(code._pcre2_code, data, start, end, options)
            return None if found is None else span_of(found, data, 0)

        def find_at(code, data, start, end):
            return find(code, data, start, end, _NO_UTF_CHECK | _ANCHORED)

        def find_whole(code, data, start, end):
            return find(code, data, start, end, _NO_UTF_CHECK | _ANCHORED | _ENDANCHORED)

        probe, data = pcre2.compile("(*UTF)(*UCP)(?<=\\s)é(\\w)".encode()), "x éa éb éc".encode()
        public = [[_public_span(m, data, n) for n in (0, 1)] for m in _public_matches(probe, data, 5, len(data))]
        direct = [[span_of(m, data, n) for n in (0, 1)] for m in matches(probe, data, 5, len(data))]
        if public != direct or len(direct) != 2 or search(probe, data, 0, 4) or not search(probe, data, 0, 5):
            return None
        if find(probe, data, 5, len(data)) != (6, 9) or find(probe, data, 12, len(data)) is not None:
            return None
        if find_at(probe, data, 6, len(data)) != (6, 9) or find_at(probe, data, 5, len(data)) is not None:
            return None
        if find_whole(probe, data, 6, 9) != (6, 9) or find_whole(probe, data, 6, 10) is not None:
            return None
        empty = pcre2.compile(b"(*UTF)x*")
        if [span_of(m, b"axxb", 0) for m in matches(empty, b"axxb", 0, 4)] != \
                [m.span() for m in _public_matches(empty, b"axxb", 0, 4)]:
            return None
        return search, matches, span_of, find, find_at, find_whole
    except Exception:
        return None


_search, _matches, _span, _find, _find_at, _find_whole = (_direct_calls() if pcre2 is not None else None) or (
    _public_search, _public_matches, _public_span, _public_find, _public_find_at, _public_find_whole)


# JIT compiling a pattern takes about 0.4 ms (the largest, a gazetteer, over
# 10 ms): more than one article's matching gains from it.  Each pattern starts on
# PCRE2's interpreter and is JIT-compiled when it runs on its second document, so
# a one-article run compiles none of its document's patterns and a batch, from
# its second article on, all it uses.  A short text of its own (a name, an
# office: a few per article) gains next to nothing from the JIT: a pattern run
# only on such texts is compiled at its JIT_FROM_SHORT_TEXTS-th (a one-article
# run compiled seven, 37 ms, when the second short text counted as a document).
# The decision is the pattern's own: no count of documents is kept anywhere.
JIT_FROM_TEXT = 2
JIT_FROM_SHORT_TEXTS = 64


def enabled() -> bool:
    return pcre2 is not None and os.environ.get("RELFACTS_ENGINE", "").lower() != "regex"


class FastPattern:
    """One pattern compiled by PCRE2, matched against a document's sentences."""

    __slots__ = ("code", "copies", "space_bound", "source", "texts", "short_texts", "last_doc")

    def __init__(self, code, copies: dict[str, tuple[int, ...]], space_bound: int | None = None,
                 source: tuple[str, int] | None = None):
        self.code = code
        self.copies = copies  # group name -> the PCRE2 numbers of its copies
        self.space_bound = space_bound  # see Translation.space_bound: then only for texts that allow it
        self.source = source  # (text, options) to JIT-compile it from; None once it is
        self.texts = 0  # how many documents it ran on (see JIT_FROM_TEXT)
        self.short_texts = 0  # how many short texts of their own (see JIT_FROM_SHORT_TEXTS)
        self.last_doc = None  # a weak reference to the last document it ran on

    def ran(self, doc=None) -> None:
        """Counts a run on a document (several runs on one count once), or with no
        document, on a short text of its own; on its JIT_FROM_TEXT-th document
        or its JIT_FROM_SHORT_TEXTS-th short text the pattern is JIT-compiled.
        The code is compiled anew and swapped in: JIT-compiling a code object in place while another thread (a
        cluster's threaded worker) matches with it gives wrong matches, and a swap
        keeps the FastPattern that rules and documents hold.  A match made by the
        code swapped out keeps that code (FastMatch.code): PCRE2's match data points
        into it, and is read after the swap."""
        if doc is None:
            self.short_texts += 1
            if self.short_texts < JIT_FROM_SHORT_TEXTS:
                return
        else:  # (a weak reference: a freed document's address may be the next one's)
            last = self.last_doc
            if last is not None and last() is doc:
                return
            self.last_doc = weakref.ref(doc)
            self.texts += 1
            if self.texts < JIT_FROM_TEXT:
                return
        if self.source is not None:
            source, self.source = self.source, None
            code = _pcre2_code(*source, jit=True)
            if code is not None:
                self.code = code

    def fits(self, doc) -> bool:
        """Whether the pattern matches on PCRE2 what it matches on `regex` in this document."""
        return self.space_bound is None or not doc.long_space

    def finditer(self, doc, start: int, end: int):
        """Like `regex`'s finditer(doc.text, start, end)."""
        u = doc.utf8
        code = self.code
        return _matches(code, u.data, u.byte(start), u.byte(end), FastMatch, u, self.copies, code)

    def finditer_sentence(self, doc, i: int):
        """finditer over sentence i."""
        u = doc.utf8
        code = self.code
        return _matches(code, u.data, *doc.sentence_bytes[i], FastMatch, u, self.copies, code)

    def find(self, doc, start: int, end: int, anchored: bool = False) -> tuple[int, int] | None:
        """The span of the first match in doc.text[start:end] (as pos and endpos);
        `anchored`: of a match that starts at `start`."""
        u = doc.utf8
        found = (_find_at if anchored else _find)(self.code, u.data, u.byte(start), u.byte(end))
        return None if found is None else u.chars(*found)


class FastMatch:
    """A PCRE2 match read like a `regex` match, in character offsets."""

    __slots__ = ("m", "a", "b", "utf8", "copies", "spans", "code")

    def __init__(self, m, a: int, b: int, utf8, copies, code):
        self.m = m
        self.code = code  # the code that made it: PCRE2's match data points into it (see FastPattern.ran)
        self.a, self.b = a, b  # the whole match, in bytes
        self.utf8 = utf8
        self.copies = copies
        self.spans = None  # group -> its span in bytes, once asked

    def _bytes(self, group):
        if group == 0 or group is None:
            return self.a, self.b
        spans = self.spans
        if spans is None:
            spans = self.spans = {}
        else:
            hit = spans.get(group)
            if hit is not None:
                return hit
        m, data = self.m, self.utf8.data
        if isinstance(group, int):  # numbers are regex's only while no name is used twice
            if any(len(n) > 1 for n in self.copies.values()):
                raise IndexError("group numbers differ between the engines here: use names")
            hit = _span(m, data, group)
        else:
            numbers = self.copies.get(group)
            if numbers is None:
                raise IndexError(f"no such group: {group}")
            hit = _span(m, data, numbers[0])
            for n in numbers[1:]:  # the copy that matched last, as with regex's one shared group
                other = _span(m, data, n)
                if other[0] >= 0 and other[0] >= hit[0]:
                    hit = other
        spans[group] = hit
        return hit

    def span(self, group=0):
        a, b = (self.a, self.b) if group == 0 else self._bytes(group)
        if a < 0:
            return (-1, -1)
        return self.utf8.chars(a, b)

    def group(self, group=0):
        a, b = self._bytes(group)
        return None if a < 0 else self.utf8.data[a:b].decode("utf-8")

    def start(self, group=0):
        return self.span(group)[0]

    def end(self, group=0):
        return self.span(group)[1]


# The PCRE2 version of each pattern, by `pattern_key`, and its translation, by
# translation_key: results of pure functions, kept as every cache is (memo.py).
# Translations made by an earlier process come from the rule cache (see
# `remember`): translating the largest patterns takes milliseconds each.
_compiled = Memo(PATTERNS)
_translations = Memo(PATTERNS)
_UNBUILT = object()


def translation_key(text: str, flags: int) -> bytes:
    """A pattern's key among translations: a digest of its text and flags.  The
    rule cache keeps translations by it, not by the text: the largest patterns are
    tens of kilobytes each, which the rule set holds already (written twice, they
    were a third of the cache, read at every start).  A LazyPattern holds its own
    (`key`: the rule cache keeps it), so that a run neither hashes a text nor
    reads one it does not need."""
    return text_key(text, flags)


def _key_of(compiled) -> bytes:
    return compiled.key if type(compiled) is LazyPattern else translation_key(compiled.pattern, compiled.flags)


def pattern_key(compiled):
    """A compiled pattern's key among PCRE2 versions: a LazyPattern's `key` (its
    text is not read), a compiled `regex` pattern's text and flags."""
    return compiled.key if type(compiled) is LazyPattern else (compiled.pattern, compiled.flags)


def translations(patterns) -> dict:
    """translation_key -> its translation (or None), for compiled `regex` patterns."""
    return {_key_of(p): _translation_of(p) for p in patterns}


def translation(compiled):
    """The translation of a compiled `regex` pattern, or None (PCRE2 cannot run it)."""
    return _translation_of(compiled)


def settle(patterns) -> None:
    """Build the PCRE2 version of each pattern (as its first run would), so
    that its translation is the text PCRE2 holds (factored when the whole is
    too large): the rule cache keeps translations, and a run then compiles
    each pattern once."""
    for p in patterns:
        fast(p)


def remember(found: dict) -> None:
    """Translations made by an earlier process (see `translations`), each a
    translation or one pickled (bytes: the rule cache's), unpickled when first used."""
    for key, translation in found.items():
        _translations.put(key, translation)


def _translation_of(compiled):
    """The translation of a compiled pattern, found by its key (the text is read
    only when it is not known yet)."""
    key = _key_of(compiled)
    found = _translations.get(key, _UNBUILT)
    if found is _UNBUILT:
        found = _translations.put(key, translate(compiled.pattern, compiled.flags))
    elif type(found) is bytes:
        found = _translations.put(key, pickle.loads(found))
    return found


def fast(compiled) -> FastPattern | None:
    """The PCRE2 version of a compiled `regex` pattern (built once), or None."""
    key = pattern_key(compiled)
    found = _compiled.store.get(key, _UNBUILT)
    return _compiled.put(key, _build(compiled) if enabled() else None) if found is _UNBUILT else found


def fast_for(compiled, doc) -> FastPattern | None:
    """fast(compiled) when it fits the document (see FastPattern.fits), else None."""
    quick = _compiled.store.get(pattern_key(compiled), _UNBUILT)
    if quick is _UNBUILT:
        quick = fast(compiled)
    if quick is None or (quick.space_bound is not None and not quick.fits(doc)):
        return None
    if quick.source is not None:  # not yet JIT-compiled
        quick.ran(doc)
    return quick


_LONG_SPACE = LazyPattern(r"\s{%d}" % (SPACE_BOUND + 1))


def has_long_space(text: str) -> bool:
    """Whether the text has a run of white space longer than a translated lookbehind reads."""
    return _LONG_SPACE.search(text) is not None


# A trigger that reads "up to the next full stop" ([^.;]*) scans from each of its
# starts to the end of the text it is given when the text has no full stop (a long
# list): over a whole document that is quadratic.  A stretch of at most STRETCH
# characters (bytes, on PCRE2) keeps each search's reach bounded, and the work linear.
STRETCH = 4096


class Dual:
    """A compiled `regex` pattern with its PCRE2 version (when there is one):
    PCRE2 runs where no time limit is asked for, `regex` (with the limit) else.
    The PCRE2 version is built when first needed (most of a rule set's patterns
    never run on a short document: their trigger finds nothing)."""

    __slots__ = ("slow", "_quick")

    def __init__(self, compiled):
        self.slow = compiled
        self._quick = _UNBUILT

    @property
    def quick(self) -> FastPattern | None:
        quick = self._quick
        if quick is _UNBUILT:
            quick = self._quick = fast(self.slow)
        return quick

    def __getstate__(self):
        return self.slow

    def __setstate__(self, compiled):
        self.__init__(compiled)

    def quick_for(self, doc) -> FastPattern | None:
        """The PCRE2 version, when it fits the document (FastPattern.fits)."""
        quick = self._quick
        if quick is _UNBUILT:
            quick = self.quick
        if quick is None or (quick.space_bound is not None and not quick.fits(doc)):
            return None
        if quick.source is not None:
            quick.ran(doc)
        return quick

    def search(self, doc, i: int, limit: float | None) -> bool:
        """Whether the pattern matches in sentence i."""
        quick = None if limit is not None else self.quick_for(doc)
        if quick is not None:
            return _search(quick.code, doc.utf8.data, *doc.sentence_bytes[i])
        start, end = doc.sentences[i]
        return self.slow.search(doc.text, start, end, timeout=limit) is not None

    def sentences_hit(self, doc, among: list[int], limit: float | None) -> list[int]:
        """Those of the sentences `among` (ascending indices) where a match
        starts.  Neighbouring sentences are searched as one stretch of text (of
        at most STRETCH characters, unless one sentence is longer), with one
        search per sentence hit instead of one per sentence."""
        fits = None if limit is not None else self.quick_for(doc)
        quick = fits is not None
        if quick:
            code, data, spans, starts = fits.code, doc.utf8.data, doc.sentence_bytes, doc.sentence_byte_starts
        else:
            pattern, text, spans, starts = self.slow, doc.text, doc.sentences, doc.sentence_starts
        hits: list[int] = []
        k, n = 0, len(among)
        while k < n:
            last = k  # the stretch: among[k..last], consecutive sentences
            while (last + 1 < n and among[last + 1] == among[last] + 1
                   and spans[among[last + 1]][1] - spans[among[k]][0] <= STRETCH):
                last += 1
            offset, end = spans[among[k]][0], spans[among[last]][1]
            while offset < end:
                if quick and k == last:  # one sentence: whether, not where
                    if _search(code, data, offset, end):
                        hits.append(among[k])
                    break
                if quick:
                    found = _find(code, data, offset, end)
                    found = -1 if found is None else found[0]
                else:
                    m = pattern.search(text, offset, end, timeout=limit)
                    found = -1 if m is None else m.start()
                if found < 0:
                    break
                j = max(among[k], bisect.bisect_right(starts, found) - 1)  # the sentence it starts in
                hits.append(j)
                if j == among[last]:
                    break
                offset = spans[j + 1][0]
            k = last + 1
        return hits

    def finditer(self, doc, i: int, limit: float | None):
        """The matches in sentence i."""
        quick = None if limit is not None else self.quick_for(doc)
        if quick is not None:
            return quick.finditer_sentence(doc, i)
        start, end = doc.sentences[i]
        return self.slow.finditer(doc.text, start, end, timeout=limit)

    def first_from(self, doc, i: int, pos: int, limit: float | None):
        """The first match in sentence i that starts at `pos` or later."""
        quick = None if limit is not None else self.quick_for(doc)
        end = doc.sentences[i][1]
        if quick is not None:
            return next(iter(quick.finditer(doc, pos, end)), None)
        return self.slow.search(doc.text, pos, end, timeout=limit)


def scan(compiled, doc, start: int = 0, end: int | None = None):
    """compiled.finditer(doc.text, start, end), on PCRE2 when it holds the pattern."""
    end = len(doc.text) if end is None else end
    quick = fast_for(compiled, doc)
    if quick is not None:
        return quick.finditer(doc, start, end)
    return compiled.finditer(doc.text, start, end)


def _char_span(found, a: int, b: int, utf8) -> tuple[int, int]:
    return utf8.chars(a, b)


def scan_spans(compiled, doc, start: int = 0, end: int | None = None):
    """The spans (in characters) of scan(compiled, doc, start, end)'s matches,
    with no match object made for each (the country scan finds dozens)."""
    end = len(doc.text) if end is None else end
    quick = fast_for(compiled, doc)
    if quick is None:
        return (m.span() for m in compiled.finditer(doc.text, start, end))
    u = doc.utf8
    return _matches(quick.code, u.data, u.byte(start), u.byte(end), _char_span, u)


def spans_in(compiled, text: str) -> list[tuple[int, int]]:
    """The spans of compiled.finditer(text) in a text of its own (a matched
    group, not a document): on PCRE2 when it holds the pattern."""
    found = _short_text(compiled, text)
    if found is None:
        return [m.span() for m in compiled.finditer(text)]
    quick, u = found
    return list(_matches(quick.code, u.data, 0, len(u.data), _char_span, u))


def _short_text(compiled, text: str):
    """(the PCRE2 version, the text's UTF-8) for a pattern run on a text of its own,
    or None when `regex` must run it (no PCRE2 version, or white space too long for it)."""
    quick = fast(compiled)
    if quick is None or (quick.space_bound is not None and has_long_space(text)):
        return None
    if quick.source is not None:
        quick.ran()
    return quick, Utf8Text(text)


def match_end(compiled, text: str) -> int | None:
    """compiled.match(text).end() (None when it does not match), for a short text of
    its own (a name, an office): on PCRE2 when it holds the pattern."""
    found = _short_text(compiled, text)
    if found is None:
        m = compiled.match(text)
        return None if m is None else m.end()
    quick, u = found
    span = _find_at(quick.code, u.data, 0, len(u.data))
    return None if span is None else u.char(span[1])


def found_in(compiled, text: str) -> bool:
    """Whether compiled.search(text) matches, for a short text of its own: on PCRE2
    when it holds the pattern."""
    found = _short_text(compiled, text)
    if found is None:
        return compiled.search(text) is not None
    quick, u = found
    return _search(quick.code, u.data, 0, len(u.data))


def fullmatches(compiled, text: str) -> bool:
    """Whether compiled.fullmatch(text) matches, for a short text of its own: on
    PCRE2 when it holds the pattern (anchored at both ends, as `regex` does)."""
    found = _short_text(compiled, text)
    if found is None:
        return compiled.fullmatch(text) is not None
    quick, u = found
    return _find_whole(quick.code, u.data, 0, len(u.data)) is not None


def find(compiled, doc, start: int, end: int) -> tuple[int, int] | None:
    """The span of compiled.search(doc.text, start, end), or None; on PCRE2
    when it holds the pattern."""
    quick = fast_for(compiled, doc)
    if quick is not None:
        return quick.find(doc, start, end)
    m = compiled.search(doc.text, start, end)
    return None if m is None else m.span()


def find_at(compiled, doc, start: int) -> tuple[int, int] | None:
    """The span of compiled.match(doc.text, start), or None; on PCRE2 when it
    holds the pattern."""
    quick = fast_for(compiled, doc)
    if quick is not None:
        return quick.find(doc, start, len(doc.text), anchored=True)
    m = compiled.match(doc.text, start)
    return None if m is None else m.span()


def finder(compiled, doc, anchored: bool = False):
    """A function (start, end) -> the span of compiled.search(doc.text, start, end)
    (with `anchored`, of compiled.match), or None; on PCRE2 when it holds the
    pattern.  Bound once per document, for many calls (a check at every
    country mention, before every date)."""
    quick = fast_for(compiled, doc)
    if quick is None:
        text, run = doc.text, (compiled.match if anchored else compiled.search)

        def slow_find(start: int, end: int) -> tuple[int, int] | None:
            m = run(text, start, end)
            return None if m is None else m.span()
        return slow_find
    u, code, call = doc.utf8, quick.code, (_find_at if anchored else _find)
    data = u.data
    if u.ascii:
        return lambda start, end: call(code, data, start, end)

    def quick_find(start: int, end: int) -> tuple[int, int] | None:
        found = call(code, data, u.byte(start), u.byte(end))
        return None if found is None else u.chars(*found)
    return quick_find


def _pcre2_code(text: str, options: int, jit: bool = False):
    """The PCRE2 code of a translated text, or None when PCRE2 refuses it."""
    try:  # bytes in UTF-8 with Unicode properties, like a str pattern in `regex`
        return pcre2.compile(("(*UTF)(*UCP)" + text).encode("utf-8"), options, jit=jit)
    except Exception:
        return None


def _build(compiled) -> FastPattern | None:
    t = _translation_of(compiled)
    if t is None:
        return None
    options = 0
    for letter, name in (("i", "IGNORECASE"), ("m", "MULTILINE"), ("s", "DOTALL"), ("x", "VERBOSE")):
        if letter in t.flags:
            options |= getattr(pcre2, name)
    text_run = t.text
    code = _pcre2_code(text_run, options)
    if code is None:  # too large, or a construct PCRE2 does not have
        factored = t.factored()
        code = _pcre2_code(factored, options) if factored != t.text else None
        text_run = factored
        if code is not None:  # remembered (and kept by the rule cache: see settle), so that
            # no later build compiles the whole text first, nor factors it again
            _translations.put(_key_of(compiled), dataclasses.replace(t, text=factored))
    if code is None:
        return None  # stay on regex
    copies: dict[str, list[int]] = {}
    for copy, number in sorted(code.groupindex.items(), key=lambda item: item[1]):
        copies.setdefault(t.names.get(copy, copy), []).append(number)
    # (a pattern the JIT would read otherwise stays on PCRE2's interpreter: translate.py's module doc)
    return FastPattern(code, {name: tuple(numbers) for name, numbers in copies.items()}, t.space_bound,
                       (text_run, options) if getattr(t, "jit_safe", True) else None)
