"""From the `regex` module's pattern syntax to PCRE2's, for the fast engine
(accel.py).  Both are Perl-style backtracking engines; what differs:

- a group name used twice is one group in `regex`; PCRE2 numbers each use
  apart, so the copies are renamed `name__1`, `name__2` … (`names` maps them
  back; a match reports the copy that matched last, as `regex` does);
- `regex`'s \\Z is the very end of the text; PCRE2's \\Z may also stand before a
  final line break, so it becomes \\z;
- PCRE2 compiles a group repeated {m,n} as n copies of it: a long group with a
  large n (a gap of up to 140 characters none of which starts a clause break)
  passes its 64K limit, and so does a pattern that says a long piece (a
  vocabulary of ministries) several times.  `factored()` defines such a group
  (if it captures nothing, outside lookbehinds) once, (?(DEFINE)(?<_rfK>…)),
  and calls it by name in each place, with the flags that were in force where
  it stood;
- PCRE2 refuses a lookbehind of unbounded length; `regex` reads any.  In a
  lookbehind, white space of any length (\\s* or \\s+: "after a comma and
  any spaces") becomes at most SPACE_BOUND characters of it, which is the
  same on a text with no longer run of white space (`space_bound` says so:
  accel.py runs such a pattern on PCRE2 only for such a text);
- \\G is where the search starts, the end of the match before in finditer,
  in both engines;
- PCRE2's JIT reads a lookahead that ends a lookbehind of variable length as if
  the text ended where the lookbehind does ("(?<=a[bc]{0,5} (?=X))X": no match on
  "abc X", where its interpreter finds one), so such a pattern is never
  JIT-compiled (`jit_safe` is False);
- what `regex` reads otherwise or PCRE2 lacks is not translated (None): the
  pattern stays on `regex`."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .lazy import LazyPattern

_NAMED_GROUP = LazyPattern(r"(?<!\\)\(\?P?<(\w+)>")
_CONDITION = LazyPattern(r"(?<!\\)\(\?\(<?(\w+)>?\)")
# what `regex` reads differently from PCRE2, or PCRE2 lacks: back-references and
# calls, \m \M \G \K, version and fuzzy flags, fuzzy counts {e<=1}, set
# operations, and a global flag after the start (regex applies it to the whole pattern)
_UNSUPPORTED = LazyPattern(
    r"(?<!^(?:\(\?[a-zA-Z]+\))*)\(\?[a-zA-Z]+\)|\(\?P[=>]|\(\?&|\(\?R\)|\(\?[+-]?\d|\(\?\(\d|\\g<|\\[mMK]|\(\?[a-zA-Z]*[VfbewrpE]|\{\s*[edis]\s*[<=]|--\[|&&\[|~~\[|\|\|\["
)


# regex's flags that PCRE2 has too (U and V0 are regex's defaults for a str pattern)
_FLAGS = ((regex.I, "i"), (regex.M, "m"), (regex.S, "s"), (regex.X, "x"))
_DEFAULTS = regex.U | regex.V0


# characters of white space a lookbehind reads at most on PCRE2: it tries every
# length at every place, so a low bound is fast (200 was slower than `regex`;
# 16 is 2.5 times faster); news text has runs of 1 to 6
SPACE_BOUND = 16


@dataclass
class Translation:
    text: str              # the pattern in PCRE2's syntax
    flags: str             # of "imsx": the pattern's own flags
    names: dict            # renamed copy of a group name -> the name
    space_bound: int | None = None  # the same as `regex` only on texts with no longer run of white space
    jit_safe: bool = True  # False: its JIT code would match otherwise than PCRE2's interpreter (see the module doc)

    def factored(self) -> str:
        """The text with its long, many-times repeated groups defined once."""
        return factor_repeats(self.text, self.flags)


def translate(text: str, flags: int) -> Translation | None:
    """The PCRE2 version of a `regex` pattern and its flags, or None."""
    own = "".join(letter for flag, letter in _FLAGS if flags & flag)
    if flags & ~(_DEFAULTS | sum(flag for flag, _ in _FLAGS)) or _UNSUPPORTED.search(text):
        return None
    names: dict[str, list[str]] = {}

    def rename(m):
        name = m.group(1)
        uses = names.setdefault(name, [])
        copy = name if not uses else f"{name}__{len(uses)}"
        uses.append(copy)
        return f"(?P<{copy}>"

    renamed = _ESCAPE.sub(_translate_escape, _NAMED_GROUP.sub(rename, text))
    if any(len(names.get(name, ())) > 1 for name in _CONDITION.findall(text)):
        return None  # a condition on a name used twice: regex tests the one shared group
    bounded = bound_lookbehind_spaces(renamed)
    return Translation(bounded, own, {copy: name for name, uses in names.items() for copy in uses},
                       SPACE_BOUND if bounded != renamed else None, not lookahead_ends_long_lookbehind(bounded))


_QUANTIFIED = LazyPattern(r"[?*+]|\{(\d*),(\d*)\}")
# what opens a group: "(", "(?:", "(?<=", "(?P<name>", "(?-i:" …
_GROUP_OPEN = LazyPattern(r"\((?:\?(?:<[=!]|[=!:>|]|P?<\w+>|'\w+'|[a-zA-Z]*(?:-[a-zA-Z]*)?:|\(\w+\)))?")


def lookahead_ends_long_lookbehind(text: str) -> bool:
    """Whether a lookahead is the last item of a lookbehind (or of one of its
    branches, or of a group that ends it; items that may match nothing may follow
    it) whose length varies (a quantifier in it, outside the assertions it holds).
    Only the lookbehinds are read (a pattern is mostly outside them)."""
    return any(_ends_long_lookbehind(text[start:end]) for start, end in _lookbehinds(text))


def _ends_long_lookbehind(text: str) -> bool:
    # each open group: kind, own text (assertions left out), whether a branch ends in a lookahead, last_ahead before it
    stack: list[list] = [["top", [], False, False]]
    last_ahead = False  # whether what was read last ends in a lookahead
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "(":
            opening = _GROUP_OPEN.match(text, i).group()
            kind = "behind" if opening in ("(?<=", "(?<!") else "ahead" if opening in ("(?=", "(?!") else "group"
            stack.append([kind, [], False, last_ahead])
            i, last_ahead = i + len(opening), False
            continue
        if c == ")" and len(stack) > 1:
            kind, own, ends_ahead, before = stack.pop()
            ends_ahead = ends_ahead or last_ahead
            body = "".join(own)
            if kind == "behind" and ends_ahead and _varies(body):
                return True
            if kind == "group":
                stack[-1][1].append("(" + body + ")")
            i += 1
            after = i
            last_ahead = kind == "ahead" or (kind == "group" and ends_ahead)
            if kind == "group" and _MAY_BE_NONE.match(text, after):
                last_ahead = last_ahead or before  # an optional group: what came before it may end the lookbehind
            continue
        if c == "|":
            stack[-1][2] = stack[-1][2] or last_ahead
            stack[-1][1].append(c)
            last_ahead = False
            i += 1
            continue
        if c != "\\" and c != "[":  # a run of plain characters, each an item
            j = _special_after(text, i, _SPECIAL_IN_BRANCHES)
            stack[-1][1].append(text[i:j])
            if last_ahead:
                last_ahead = all(text[k] in "?*+{" or _MAY_BE_NONE.match(text, k + 1) for k in range(i, j))
            i = j
            continue
        j = i + 2 if c == "\\" else _class_end(text, i)
        stack[-1][1].append("x")  # an escape or a class is one character
        if _MAY_BE_NONE.match(text, j) is None:
            last_ahead = False  # (an item that may match nothing keeps what came before it at the end)
        i = j
    return False


# what a scan reads one by one: escapes, classes, groups (and, for branches, "|"); all else is taken as a run
_SPECIAL = LazyPattern(r"[\\\[()]")
_SPECIAL_IN_BRANCHES = LazyPattern(r"[\\\[()|]")


def _special_after(text: str, i: int, special=_SPECIAL) -> int:
    """The index of the first character the scans read one by one at or after text[i + 1] (len(text): none)."""
    m = special.search(text, i + 1)
    return m.start() if m else len(text)


# a quantifier that lets its item match nothing
_MAY_BE_NONE = LazyPattern(r"[?*]|\{0*,")


def _varies(body: str) -> bool:
    """Whether a lookbehind's own text (its nested assertions left out) has a quantifier of varying count."""
    for m in _QUANTIFIED.finditer(body):
        if m.group(0)[0] != "{" or m.group(1) != m.group(2):
            return True
    return False


def bound_lookbehind_spaces(text: str) -> str:
    """The text with each \\s* and \\s+ inside a lookbehind written \\s{0,N} and
    \\s{1,N} (N = SPACE_BOUND)."""
    out, done = [], 0
    for start, end in _lookbehinds(text):
        out += [text[done:start], _bound_spaces(text[start:end])]
        done = end
    return "".join(out) + text[done:] if out else text


_LOOKBEHIND = LazyPattern(r"\(\?<[=!]")


def _lookbehinds(text: str):
    """The (start, end) of each outermost lookbehind of the text, in order."""
    m = _LOOKBEHIND.search(text)
    while m is not None:
        start = m.start()
        if _escaped(text, start):
            m = _LOOKBEHIND.search(text, start + 1)
            continue
        end = _group_end(text, start)
        yield start, end
        m = _LOOKBEHIND.search(text, end)


def _escaped(text: str, i: int) -> bool:
    """Whether text[i] follows an odd run of backslashes."""
    j = i
    while j > 0 and text[j - 1] == "\\":
        j -= 1
    return (i - j) % 2 == 1


def _group_end(text: str, i: int) -> int:
    """The index just after the group that opens at text[i] (len(text) when it never closes)."""
    depth, j = 0, i
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(text, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j = _special_after(text, j)
    return len(text)


def _bound_spaces(text: str) -> str:
    """bound_lookbehind_spaces on the text of one lookbehind."""
    out: list[str] = []
    behind: list[bool] = []  # for each open group: whether it is (inside) a lookbehind
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            two = text[i:i + 2]
            if two == "\\s" and behind and behind[-1] and text[i + 2:i + 3] in ("*", "+"):
                out.append(f"\\s{{{0 if text[i + 2] == '*' else 1},{SPACE_BOUND}}}")
                i += 3
                continue
            out.append(two)
            i += 2
        elif c == "[":
            j = _class_end(text, i)
            out.append(text[i:j])
            i = j
        elif c == "(":
            opens_behind = text.startswith(("(?<=", "(?<!"), i)
            behind.append(opens_behind or (bool(behind) and behind[-1]))
            out.append(c)
            i += 1
        elif c == ")":
            if behind:
                behind.pop()
            out.append(c)
            i += 1
        else:
            j = _special_after(text, i)
            out.append(text[i:j])
            i = j
    return "".join(out)


_ESCAPE = LazyPattern(r"\\(.)", regex.S)


def _translate_escape(m) -> str:
    # regex's \Z is the very end; PCRE2's \Z may stand before a final line break (its \z may not)
    return "\\z" if m.group(1) == "Z" else m.group(0)


_QUANTIFIER = LazyPattern(r"\{(\d*)(?:,(\d*))?\}")
_CAPTURE = LazyPattern(r"(?<!\\)\((?!\?)|\(\?P?<(?![=!])|\(\?'|\(\?\(")
FACTOR_REPEATS = 5  # copies from which a group is factored out
FACTOR_LENGTH = 40  # characters of pattern from which a group is factored out
# characters of its copies together from which a shorter group is factored out: PCRE2 compiles a group
# repeated up to 40 times as 40 copies ("(?:[^.;,]|(?<=\d)[.,](?=\d)){1,40}", 29 characters, took a sixth
# of the largest rules' room under the size limit)
FACTOR_VOLUME = 400
# characters from which a group written twice or more is factored out: at 50 (not 100 or 200) the largest rules
# (treaty.verb_object, treaty.passive, visit.activity_abroad) keep room under PCRE2's size limit, and a call
# costs a match no measurable time
FACTOR_SAID_TWICE = 50
# what a factored group may not hold: a capture, a condition, a back-reference
_NOT_FACTORED = LazyPattern(_CAPTURE.pattern + r"|\\[kg]|\(\?P=")


_FLAG_GROUP = LazyPattern(r"\(\?([imsx]*)(?:-([imsx]*))?(:|\))")


def factor_repeats(text: str, flags: str) -> str:
    """`flags`: the pattern's own (of "imsx"); a factored group keeps the ones
    in force where it stood."""
    said_twice = _said_twice(text)
    defines: list[str] = []
    defined: dict = {}  # (group, flags) -> its define's number: a group said twice is defined once
    stack: list[list[str]] = [[]]
    modes: list[set] = [set(flags)]  # the flags in force in each open group
    opened: list[int] = []  # where each open group starts in `text`
    behind: list[bool] = [False]  # whether each open group is (in) a lookbehind
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            stack[-1].append(text[i:i + 2])
            i += 2
        elif c == "[":
            j = _class_end(text, i)
            stack[-1].append(text[i:j])
            i = j
        elif c == "(":
            f = _FLAG_GROUP.match(text, i)
            mode = set(modes[-1])
            if f:
                mode |= set(f.group(1))
                mode -= set(f.group(2) or "")
            if f and f.group(3) == ")":  # (?i) inside a group: from here to its end
                modes[-1] = mode
                stack[-1].append(f.group())
                i = f.end()
                continue
            stack.append(["("])
            modes.append(mode)
            opened.append(i)
            behind.append(behind[-1] or text.startswith(("(?<=", "(?<!"), i))
            i += 1
        elif c == ")" and len(stack) > 1:
            group = "".join(stack.pop()) + ")"
            mode = modes.pop()
            original = text[opened.pop():i + 1]
            in_behind = behind.pop()
            i += 1
            q = _QUANTIFIER.match(text, i)
            upper = (q.group(2) if q.group(2) is not None else q.group(1)) if q else ""
            repeated = upper and int(upper) >= FACTOR_REPEATS and (
                len(group) >= FACTOR_LENGTH or len(group) * int(upper) >= FACTOR_VOLUME)
            if ((repeated or original in said_twice) and not in_behind
                    and group.startswith("(?:") and not _NOT_FACTORED.search(group, 1)):
                on = "".join(sorted(mode))
                off = "".join(sorted(set("imsx") - mode))
                body = f"(?{on}-{off}:{group[3:-1]})"
                k = defined.get(body)
                if k is None:
                    k = defined[body] = len(defines)
                    defines.append(body)
                group = f"(?:(?&_rf{k}))"
            stack[-1].append(group)
        elif c == ")":
            stack[-1].append(c)
            i += 1
        else:
            j = _special_after(text, i)
            stack[-1].append(text[i:j])
            i = j
    if len(stack) != 1:
        return text  # unbalanced: leave it to the compiler to say so
    out = "".join(stack[0])
    if defines:
        out += "(?(DEFINE)" + "".join(f"(?<_rf{k}>{d})" for k, d in enumerate(defines)) + ")"
    return out


def _said_twice(text: str) -> set[str]:
    """The groups of at least FACTOR_SAID_TWICE characters that the text holds
    twice or more (a piece used in two places), as written."""
    seen: dict[str, int] = {}
    opened: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(text, i)
            continue
        if c == "(":
            opened.append(i)
        elif c == ")":
            if opened:
                start = opened.pop()
                if i + 1 - start >= FACTOR_SAID_TWICE:
                    seen[text[start:i + 1]] = seen.get(text[start:i + 1], 0) + 1
        else:
            i = _special_after(text, i)
            continue
        i += 1
    return {group for group, count in seen.items() if count > 1}


def _class_end(text: str, i: int) -> int:
    """The index just after the character class that opens at text[i]."""
    j = i + 1
    if text[j:j + 1] == "^":
        j += 1
    if text[j:j + 1] == "]":
        j += 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
        elif text.startswith("[:", j):
            end = text.find(":]", j + 2)
            j = end + 2 if end >= 0 else j + 1
        elif text[j] == "]":
            return j + 1
        else:
            j += 1
    return len(text)


