"""Percentages: "7.4%", "7.4 percent", "12 per cent", "3.5 pct", "14 p.c.", "5 percentage
points", "3 ppt" -> 7.4, 12, 3.5 ...  Direction words ("rose", "down", "a 7.4% increase")
are read by the rules, which set `direction` per rule; `direction()` below is
the normalizer rules use when they capture the direction word itself."""
from __future__ import annotations

import regex

from ..engine.lazy import LazyPattern
from .numbers import NumberError, NumberWords, bundled, parse_digits

# How news writes "percent" after a figure: the parser below and the rules' built-in
# piece {percent_unit} (pieces() at the end) read this one pattern.  The lowercase
# abbreviations count only straight after the digits ("7 pc", "3 ppt"; not "PC", "pp. 4").
UNIT = (r"%|per\s?cent\b|pct\b|percentage\s+points?\b"
        r"|(?-i:(?<=\d|\d\s)(?:pc|ppts?|pp)\b|(?<=\d|\d\s)p\.c\.)")

_VALUE = LazyPattern(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_UNIT = LazyPattern(rf"[\s-]*(?:{UNIT})\s*\Z", regex.I)

# word stems: "increas" covers increase, increased, increasing
INCREASE = ("increas", "rise", "rising", "rose", "risen", "grow", "grew", "growth", "up", "gain", "climb",
            "jump", "surg", "soar", "boost", "expan", "higher", "more", "add", "hike", "doubl", "widen", "rebound",
            "above", "advanc", "strength", "apprecia", "firm", "rall", "spik", "skyrocket", "rais", "+",
            "cagr")   # a compound annual growth rate
# (tried first: "negative growth" is a fall)
DECREASE = ("negative", "decreas", "declin", "fall", "fell", "drop", "down", "lower", "less", "fewer", "below", "shed",
            "-", "−",
            "shrink", "shrank", "shrunk", "contract", "cut", "trim", "slump", "slid", "plung", "reduc", "dip", "lost", "los",
            "slip", "narrow", "eased", "eases", "easing", "tumbl", "sank", "sink", "sunk", "retreat",
            "weak", "depreciat", "plummet", "sag", "erod", "devalu", "short")   # "8% short of the previous year's"


class PercentError(ValueError):
    """The text is not a percentage."""


def parse_percent(text: str, numbers: NumberWords | None = None) -> float:
    """'7.4%' -> 7.4, 'twelve percent' -> 12 (words read by `numbers`, a rule set's
    vocabulary; the bundled one by default)."""
    s = text.strip()
    unit = _UNIT.search(s)
    if unit is None:
        raise PercentError(f"no percent sign or word in {text!r}")
    number = s[: unit.start()].strip()
    try:
        m = _VALUE.search(number)
        return parse_digits(m.group()) if m else (numbers or bundled()).parse_words(number)
    except NumberError:
        raise PercentError(f"not a percentage: {text!r}") from None


def direction(word: str) -> str | None:
    """'rose' -> 'increase', 'down' -> 'decrease', anything else -> None."""
    w = word.lower().strip()
    if any(w.startswith(stem) for stem in DECREASE):
        return "decrease"
    if any(w.startswith(stem) for stem in INCREASE):
        return "increase"
    return None


def pieces() -> dict[str, str]:
    """The built-in piece made of UNIT (see rules/pieces.yaml)."""
    return {"percent_unit": f"(?:{UNIT})"}
