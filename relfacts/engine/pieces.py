"""Named regex pieces: a pattern says {money} or {country}; the piece's text is
put in its place (as a non-capturing group), recursively.  `{2}` and `{1,3}`
stay regex quantifiers: only {identifier} is a piece reference."""
from __future__ import annotations

import regex

from .lazy import LazyPattern, program

MAX_PATTERN = 1_000_000  # characters of a pattern with its pieces put in (the largest default: about 50,000)
MAX_DEPTH = 200  # groups inside groups (the deepest default: 16)

# {name}, but not a regex's own \p{Lu}, \N{…} or an escaped \{
_REF = LazyPattern(r"(?<!\\)(?<!\\[pPN])\{([A-Za-z_]\w*)\}")
_LINE_BREAK = LazyPattern(r"[ \t]*\n\s*")


def unfold(text: str) -> str:
    """Patterns may be split over lines: a line break and the indentation around it vanish."""
    return _LINE_BREAK.sub("", text.strip())


def references(text: str) -> list[str]:
    """The names of the pieces a pattern text names ("{money} … {date}": money, date)."""
    return _REF.findall(unfold(text))


class PieceError(ValueError):
    pass


def as_written(text: str, error: regex.error) -> str:
    """A compile error told where its author wrote it: the expanded pattern's
    position means nothing to them.  Each {piece} stands in as an atom of the same
    length, so a position in the written text stays one; an error that only the
    pieces put in make is said to be so."""
    written = unfold(text)
    stand_in = _REF.sub(lambda m: _stand_in(len(m.group())), written)
    try:
        regex.compile(stand_in, regex.I)
    except regex.error as e:
        if e.pos is not None:
            near = written[max(0, e.pos - 25):e.pos + 15]
            return f"{e.msg} at character {e.pos + 1} of the pattern as written, near {near!r}"
        return e.msg
    except RecursionError:
        pass
    return f"{error.msg} (with its pieces put in)"


def _stand_in(length: int) -> str:
    return "(?:" + "x" * (length - 4) + ")" if length >= 4 else "x" * length


class Pieces:
    def __init__(self, builtin: dict[str, str], defined: dict[str, str]):
        self.builtin = builtin
        self.defined = defined
        self._cache: dict[str, str] = dict(builtin)
        self._compiled: dict = {}

    def compiled(self, name: str):
        """The piece `name` alone, compiled (case-insensitive, like rule patterns)."""
        hit = self._compiled.get(name)
        if hit is None:
            hit = self._compiled[name] = program(self.expand("{" + name + "}"), regex.I)
        return hit

    def hold(self, name: str, pattern: LazyPattern) -> None:
        """The piece `name` held as `pattern`, compiled when first run on `regex`."""
        self._compiled[name] = pattern

    def optional(self, name: str):
        """The piece `name` compiled, or None when the rule set does not define it (a rule set
        for another language that gives no such words: no abbreviations, no page furniture)."""
        return self.compiled(name) if name in self else None

    def compiled_text(self, text: str):
        """Any pattern text (with pieces), compiled once and kept."""
        hit = self._compiled.get(("text", text))
        if hit is None:
            hit = self._compiled[("text", text)] = program(self.expand(text), regex.I)
        return hit

    def names(self) -> list[str]:
        return sorted(set(self.builtin) | set(self.defined))

    def __contains__(self, name: str) -> bool:
        """Whether a piece of that name exists (`"future_cue" in pieces`)."""
        return name in self.defined or name in self.builtin

    def expand(self, text: str, _stack: tuple = ()) -> str:
        text = unfold(text)

        def sub(m):
            name = m.group(1)
            if name in self._cache:
                return "(?:" + self._cache[name] + ")"
            if name not in self.defined:
                raise PieceError(f"unknown piece {{{name}}}" + did_you_mean(name, self.names(), "{{{}}}"))
            if name in _stack:
                raise PieceError(f"piece {{{name}}} refers to itself through {' -> '.join(_stack + (name,))}")
            self._cache[name] = self.expand(self.defined[name], _stack + (name,))
            return "(?:" + self._cache[name] + ")"

        out = _REF.sub(sub, text)
        if len(out) > MAX_PATTERN:
            raise PieceError(f"expands to {len(out):,} characters with its pieces put in (at most {MAX_PATTERN:,})")
        return out


def did_you_mean(name: str, known, shown: str = "{}") -> str:
    """' (did you mean X, Y?)' for the known names close to `name`, each
    written as `shown` formats it; '' when none is close."""
    import difflib

    close = difflib.get_close_matches(name, list(known), n=3)
    return f" (did you mean {', '.join(shown.format(c) for c in close)}?)" if close else ""


def check_depth(pattern: str) -> None:
    """PieceError when groups nest deeper than MAX_DEPTH (the regex compiler
    would run out of stack)."""
    if pattern.count("(") <= MAX_DEPTH:
        return
    depth = deepest = 0
    escaped = in_class = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise PieceError(f"groups nest {deepest} deep (at most {MAX_DEPTH})")


def suggest(name: str, known, form: str = "{!r}") -> str:
    """' (did you mean …?)' with the known names closest to `name`, or ''."""
    return did_you_mean(name, known, form)
