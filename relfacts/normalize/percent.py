"""Percentages: "7.4%", "7.4 percent", "12 per cent", "3.5 pct", "14 p.c.", "5 percentage
points", "3 ppt" -> 7.4, 12, 3.5 ...  Direction words ("rose", "down", "a 7.4% increase")
are read by the rules, which set `direction` per rule; `PercentWords.direction` is
the normalizer rules use when they capture the direction word itself.

The units and the direction stems are data (relfacts/data/percent.yaml, extended by
a rule folder's `percent:` section), held by the rule set as PercentWords: the
parser reads the same units the rules' piece {percent_unit} is made of."""
from __future__ import annotations

import regex

from ..engine.lazy import LazyPattern, program
from ..memo import memoized
from .numbers import NumberError, NumberWords, parse_digits
from .numbers import bundled as bundled_numbers

_VALUE = LazyPattern(r"\d[\d,]*(?:\.\d+)?|\.\d+")

# the kinds of the vocabulary (relfacts/data/percent.yaml says what each is)
KINDS = ("units", "increase", "decrease")


class PercentWords:
    """A rule set's percentage vocabulary (relfacts/data/percent.yaml and the rule
    folder's `percent:` sections): `entries` maps each of KINDS to a list."""

    def __init__(self, entries: dict[str, list], numbers: NumberWords):
        self.entries = {kind: list(entries.get(kind) or []) for kind in KINDS}
        self.numbers = numbers  # what reads a percentage in words ("twelve percent")
        self.unit = "|".join(self.entries["units"])  # how news writes "percent" after a figure
        self.increase = tuple(self.entries["increase"])
        self.decrease = tuple(self.entries["decrease"])
        self._unit_at_end = program(rf"[\s-]*(?:{self.unit})\s*\Z", regex.I)  # (kept by the rule cache)

    def parse(self, text: str) -> float:
        """'7.4%' -> 7.4, '12 per cent' -> 12, 'twelve percent' -> 12."""
        s = text.strip()
        unit = self._unit_at_end.search(s)
        if unit is None:
            raise PercentError(f"no percent sign or word in {text!r}")
        number = s[: unit.start()].strip()
        try:
            m = _VALUE.search(number)
            return parse_digits(m.group()) if m else self.numbers.parse_words(number)
        except NumberError:
            raise PercentError(f"not a percentage: {text!r}") from None

    def direction(self, word: str) -> str | None:
        """'rose' -> 'increase', 'down' -> 'decrease', anything else -> None."""
        w = word.lower().strip()
        if any(w.startswith(stem) for stem in self.decrease):
            return "decrease"
        if any(w.startswith(stem) for stem in self.increase):
            return "increase"
        return None

    def pieces(self) -> dict[str, str]:
        """The built-in piece {percent_unit} (see rules/pieces.yaml)."""
        return {"percent_unit": f"(?:{self.unit})"}


class PercentError(ValueError):
    """The text is not a percentage."""


@memoized(1)
def bundled() -> PercentWords:
    """The vocabulary relfacts ships (relfacts/data/percent.yaml) without any rule
    folder's: what reads percentages outside a rule set (tests).  A rule set holds
    its own (RuleSet.percent)."""
    from ..engine.ruleset import data_file
    from ..engine.yamlfile import load
    return PercentWords(load(data_file("percent.yaml"))["percent"], bundled_numbers())


def parse_percent(text: str) -> float:
    """PercentWords.parse with the bundled vocabulary."""
    return bundled().parse(text)


def direction(word: str) -> str | None:
    """PercentWords.direction with the bundled vocabulary."""
    return bundled().direction(word)
