"""A faster engine for the same patterns: PCRE2 with its JIT compiler.

Rules are written, validated and explained in the `regex` module's syntax.
Where a default rule runs on an ordinary sentence (no time limit needed), the
matcher runs the very same pattern text through PCRE2's JIT instead, which is
5 to 15 times faster on these patterns and gives the same matches: both are
Perl-style leftmost backtracking engines, with Unicode classes and case-
insensitive matching (a test runs every rule example and the samples through
both and compares).  A pattern PCRE2 does not take (too large once its pieces
are expanded, an unbounded lookbehind) simply stays on `regex`, as does every
match that needs a time limit, since PCRE2 has none.

Two differences are bridged here:
- a group name used twice is one group in `regex`; PCRE2 numbers each use
  apart (the copies are renamed `name__1`, `name__2` …).  A match reports the
  copy that matched last, as `regex` does;
- offsets: PCRE2 counts in UTF-8 bytes and pcre2.py converts them by walking
  the text from its start, so each sentence is matched as a slice of the
  document (with a little text before it, for lookbehinds) instead of the
  whole document with pos/endpos, and the spans are shifted back.

RELFACTS_ENGINE=regex turns this off (every pattern on `regex`)."""
from __future__ import annotations

import os

import regex

try:
    import pcre2
except ImportError:  # pragma: no cover - the wheel is missing on this platform
    pcre2 = None

_NAMED_GROUP = regex.compile(r"(?<!\\)\(\?P?<(\w+)>")
# what `regex` reads differently from PCRE2, or PCRE2 lacks: back-references and
# calls, \m \M \G \K, version and fuzzy flags, fuzzy counts {e<=1}, set operations
_UNSUPPORTED = regex.compile(
    r"\(\?P[=>]|\(\?&|\(\?R\)|\(\?[+-]?\d|\\g<|\\[mMGK]|\(\?[a-zA-Z]*[VfbewrpE]|\{\s*[edis]\s*[<=]|--\[|&&\[|~~\[|\|\|\["
)


def enabled() -> bool:
    return pcre2 is not None and os.environ.get("RELFACTS_ENGINE", "").lower() != "regex"


class FastPattern:
    """One pattern compiled by PCRE2, matched against a document's sentences."""

    __slots__ = ("code", "copies")

    def __init__(self, code, copies: dict[str, tuple[int, ...]]):
        self.code = code
        self.copies = copies  # group name -> the PCRE2 numbers of its copies

    def finditer(self, doc, sentence: int):
        segment, shift, pos = doc.segment(sentence)
        copies = self.copies
        for m in self.code.finditer(segment, pos):
            yield FastMatch(m, shift, copies)

    def search(self, doc, sentence: int) -> bool:
        segment, _, pos = doc.segment(sentence)
        return self.code.search(segment, pos) is not None


class FastMatch:
    """A PCRE2 match read like a `regex` match, in document offsets."""

    __slots__ = ("m", "shift", "copies")

    def __init__(self, m, shift: int, copies):
        self.m = m
        self.shift = shift
        self.copies = copies

    def _number(self, group):
        if group == 0 or group is None:
            return 0
        numbers = self.copies.get(group)
        if numbers is None:
            raise IndexError(f"no such group: {group}")
        if len(numbers) == 1:
            return numbers[0]
        # the copy that matched last, as with regex's one shared group
        best, best_start = numbers[0], -1
        span = self.m.span
        for n in numbers:
            s = span(n)[0]
            if s >= best_start and s >= 0:
                best, best_start = n, s
        return best

    def group(self, group=0):
        return self.m.group(self._number(group))

    def span(self, group=0):
        a, b = self.m.span(self._number(group))
        if a < 0:
            return (-1, -1)
        return (a + self.shift, b + self.shift)

    def start(self, group=0):
        return self.span(group)[0]

    def end(self, group=0):
        return self.span(group)[1]


_compiled: dict[str, FastPattern | None] = {}


def fast(compiled) -> FastPattern | None:
    """The PCRE2 version of a compiled `regex` pattern (built once), or None."""
    text = compiled.pattern
    try:
        return _compiled[text]
    except KeyError:
        pass
    result = _compiled[text] = _build(text) if enabled() else None
    return result


def _build(text: str) -> FastPattern | None:
    if _UNSUPPORTED.search(text):
        return None
    names: dict[str, list[str]] = {}

    def rename(m):
        name = m.group(1)
        uses = names.setdefault(name, [])
        copy = name if not uses else f"{name}__{len(uses)}"
        uses.append(copy)
        return f"(?P<{copy}>"

    try:
        code = pcre2.compile(_NAMED_GROUP.sub(rename, text), pcre2.IGNORECASE)
    except Exception:  # too large, or a construct PCRE2 does not have: stay on regex
        return None
    base = {copy: name for name, uses in names.items() for copy in uses}
    copies: dict[str, list[int]] = {}
    for copy, number in sorted(code.groupindex.items(), key=lambda item: item[1]):
        copies.setdefault(base.get(copy, copy), []).append(number)
    return FastPattern(code, {name: tuple(numbers) for name, numbers in copies.items()})
