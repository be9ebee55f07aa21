"""Numbers as news text writes them: "1,207", "1.2022", "7,079", "3.4", "one",
"forty-two", "three and a half", with scale words ("billion", "bln", "bn", "crore")."""
from __future__ import annotations

import regex

SCALES = {
    "thousand": 1e3, "k": 1e3,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5,
    "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "mil": 1e6,
    "crore": 1e7, "crores": 1e7, "cr": 1e7,
    "billion": 1e9, "billions": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "bil": 1e9,
    "trillion": 1e12, "trillions": 1e12, "trln": 1e12, "tln": 1e12, "tn": 1e12, "t": 1e12,
}

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
FRACTIONS = {"half": 0.5, "quarter": 0.25}
HUNDRED = 100

_DIGITS = regex.compile(r"\d[\d,\s]*(?:\.\d+)?|\.\d+")
_TOKEN = regex.compile(r"[a-z]+")


class NumberError(ValueError):
    """The text does not hold a number this module can read."""


def parse_digits(text: str) -> float:
    """'1,207' -> 1207; '1.2022' -> 1.2022; '2,5' -> 2.5 (decimal comma); '10 000' -> 10000."""
    s = text.strip().replace("\u00a0", " ")
    if "," in s and "." not in s:
        head, _, tail = s.rpartition(",")
        if len(tail) != 3:  # "2,5": a decimal comma
            s = head.replace(",", "") + "." + tail
    s = s.replace(",", "").replace(" ", "")
    try:
        return float(s)
    except ValueError:
        raise NumberError(f"not a number: {text!r}") from None


def parse_words(text: str) -> float:
    """'forty-two' -> 42; 'three and a half' -> 3.5; 'one hundred and five' -> 105."""
    tokens = _TOKEN.findall(text.lower().replace("-", " "))
    total, current, seen = 0.0, 0.0, False
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok in ("a", "an") and nxt in FRACTIONS:
            continue  # "a half": the fraction carries the value
        if tok in UNITS:
            current += UNITS[tok]
        elif tok == "hundred":
            current = (current or 1) * HUNDRED
        elif tok in FRACTIONS:
            current += FRACTIONS[tok]
        elif tok in SCALES and SCALES[tok] >= 1e3 and len(tok) > 2:
            total += (current or 1) * SCALES[tok]
            current = 0.0
        elif tok == "and":
            continue
        else:
            raise NumberError(f"not a number word: {tok!r} in {text!r}")
        seen = True
    if not seen:
        raise NumberError(f"no number in {text!r}")
    return total + current


def parse_number(text: str) -> float:
    """A quantity with an optional scale word: '1.2 billion' -> 1.2e9, '3bn' -> 3e9,
    'one billion' -> 1e9, '7,079' -> 7079."""
    s = text.strip()
    m = _DIGITS.search(s)
    if m is None:
        return parse_words(s)
    value = parse_digits(m.group())
    rest = s[m.end():].strip().lstrip("-").lower().rstrip(".")  # "3.2-billion": a hyphen may join the scale
    if rest:
        scale = SCALES.get(rest.split()[0])
        if scale is None:
            raise NumberError(f"unknown scale {rest!r} in {text!r}")
        value *= scale
    return value


def tidy(value: float) -> int | float:
    """Whole numbers as int (1200000000, not 1.2e9), others rounded to float noise."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded
