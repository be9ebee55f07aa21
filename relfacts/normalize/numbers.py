"""Numbers as news text writes them: "1,207", "1.2022", "612,87", "3.4", "one",
"forty-two", "one hundred and twenty", "three and a half", "half a", "a quarter
of a", with scale words ("billion", "bln", "bn", "crore", "millions") and
chains of them ("3 billion 160 million", "5 crore 20 lakh").

One vocabulary: the words are data (relfacts/data/numbers.yaml, extended by a
rule folder's `numbers:` section), held by the rule set as a NumberWords; it is
what the parser reads AND what the rules' regex pieces {cardinal_word},
{count_word}, {number_word}, {percent_word}, {scale_word}, {scale_words},
{large_scale_word}, {scale_letter} and {ordinal_after_first} are made of (`NumberWords.pieces()`,
called by relfacts/engine/compiler.py; rules/pieces.yaml builds {amount} and
{money} from them).  A word added there is found by the rules and read by the
parser alike.  Digits (`parse_digits`) need no words."""
from __future__ import annotations

import math
import os

import regex

from ..engine.lazy import LazyPattern, program
from ..memo import memoized
from .wordlist import trie_pattern

# the kinds of words of the vocabulary (relfacts/data/numbers.yaml says what each is)
KINDS = ("units", "tens", "zero", "articles", "hundred", "fractions", "points", "ordinals", "scales", "scale_letters")

# A sentence holding a scale word of at least this value (or a currency sign) may
# hold a trade figure: {large_scale_word}, in the trade type's trigger {money_hint}.
LARGE_SCALE = 1e5
THOUSAND = 1e3

# Limits that keep values values: a figure with more integer digits than this
# is not read (the {digits} piece in rules/pieces.yaml stops at the same
# length: tests/test_numbers_money.py checks they agree), nor is anything
# whose value is not finite.
MAX_DIGITS = 18

# -- the parser ---------------------------------------------------------------
_GROUPED = LazyPattern(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")            # 1,207  1,200,000.5
_INDIAN = LazyPattern(r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?")       # 2,15,000  12,50,00,000 (lakhs, crores)
_SPACED = LazyPattern(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?")  # 10 000
_PLAIN = LazyPattern(r"\d+(?:\.\d+)?|\.\d+")                        # 1207  3.4  .5
_DECIMAL_COMMA = LazyPattern(r"\d+,\d+")                            # 2,5  612,87 (not three digits: see below)
# three digits after a comma, then millions or billions: a decimal comma when the figure before the comma has three
# digits and the three after it are not all zeros ("$525,737 million" is $525.737 million; "1,200 million" and
# "100,000 million" group thousands)
_THOUSANDTHS = LazyPattern(r"[1-9]\d\d,(?!000)\d{3}")
_MILLIONS = frozenset({1e6, 1e9})
# dots group thousands where a decimal comma follows, or in two groups or more: 1.234,5  2.500.000
# ("1.234" alone is the English decimal; "6.000" is not one: three zeros after a dot group thousands, "USD 6.000 million")
_DOTTED = LazyPattern(r"\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d{1,3}\.000")
# a number and the words after it, as parse_number reads them
_FIGURE = LazyPattern(r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?!\d)|\d[\d.,]*\d|\d|\.\d+)")  # "1 245.6 million" too
_SCALE_AFTER = LazyPattern(r"(?P<sep>[\s-]*)(?P<word>[^\W\d_]+)\.?")
_GAP = LazyPattern(r"\s+(?:and\s+)?(?=\d)")                       # "3 billion 160 million", "3 billion and 160 million"
_TOKEN = LazyPattern(r"[^\W\d_]+")  # a word of any script (a rule folder may add "zwölf")


class NumberError(ValueError):
    """The text does not hold a number this module can read."""


def _checked(value: float, text: str) -> float:
    if not math.isfinite(value):
        raise NumberError(f"not a finite number: {text[:40]!r}")
    return value


def parse_digits(text: str) -> float:
    """'1,207' -> 1207; '1,200,000' -> 1200000; '1.2022' -> 1.2022; '2,5' and
    '612,87' -> 2.5 and 612.87 (a decimal comma: not three digits after it);
    '1.234,5', '2.500.000' and '6.000' -> 1234.5, 2500000 and 6000 (dots grouping thousands);
    '10 000' -> 10000; '2,15,000' -> 215000 (grouped in lakhs and crores).  Malformed grouping ('1,2,3', '4.5.6') and figures of
    more than MAX_DIGITS integer digits are not numbers."""
    s = text.strip()
    if _GROUPED.fullmatch(s) or _INDIAN.fullmatch(s):
        s = s.replace(",", "")
    elif _SPACED.fullmatch(s):
        s = regex.sub(r"\s", "", s)
    elif _DECIMAL_COMMA.fullmatch(s):
        s = s.replace(",", ".")
    elif _DOTTED.fullmatch(s):
        s = s.replace(".", "").replace(",", ".")
    elif not _PLAIN.fullmatch(s):
        raise NumberError(f"not a number: {text[:40]!r}")
    if len(s.partition(".")[0].lstrip("0")) > MAX_DIGITS:
        raise NumberError(f"too many digits: {text[:40]!r}")
    return _checked(float(s), text)


class NumberWords:
    """A rule set's number vocabulary (relfacts/data/numbers.yaml and the rule
    folder's `numbers:` sections): `entries` maps each of KINDS to {word: value}."""

    def __init__(self, entries: dict[str, dict]):
        self.entries = {kind: dict(entries.get(kind) or {}) for kind in KINDS}
        e = self.entries
        self.units, self.tens, self.zero = e["units"], e["tens"], e["zero"]
        self.articles, self.hundred, self.fractions = e["articles"], e["hundred"], e["fractions"]
        self.points = e["points"]  # the word a spoken decimal says its point with ("four point two")
        # the digits said after the point: the units below ten, and zero ("one point zero five")
        self.digit_words = {**{w: v for w, v in self.units.items() if v < 10}, **self.zero}
        self.ordinals, self.scale_letters = e["ordinals"], e["scale_letters"]
        self.scales = {w.lower(): v for w, v in e["scales"].items()}
        # one level per value, largest first; a level's words in the order written
        levels: dict = {}
        for word, value in self.scales.items():
            levels.setdefault(value, []).append(word)
        self.scale_levels = sorted(((v, tuple(ws)) for v, ws in levels.items()), reverse=True)
        self.word_values = {**self.units, **self.tens, **self.zero}
        self.counts = {w: v for w, v in self.units.items() if v >= 2}  # a count of two or more ("nine agreements")
        # (compiled now, as a rule set's patterns are: the rule cache keeps their programs)
        by_length = sorted(self.scales, key=len, reverse=True)
        self._compound = program(r"\s+(" + "|".join(map(regex.escape, by_length)) + r")\b", regex.I)
        # a name that starts with its count ("three agreements", "12 deals"): the count and the rest
        counts = "|".join(sorted(self.counts, key=len, reverse=True))
        self.small_count = r"(?:\d+|" + counts + ")"  # a count in digits or one word ("3", "three")
        self.counted_name = program(r"\A(?P<count>" + self.small_count + r")\s+(?P<rest>.+)\Z", regex.I)
        # a count said before what it counts, in digits or words ("two agreements", "twenty-one deals")
        self.count_said = program(r"\b(?:\d+|(?:" + "|".join(self.tens) + ")(?:-(?:" + "|".join(self.units) + "))?|"
                                      + counts + r")\s")

    def count_of(self, word: str) -> int:
        """The value of a count that counted_name or {small_count} found: '3' or 'three' -> 3."""
        return int(word) if word.isdigit() else self.counts[word.lower()]

    def parse_words(self, text: str) -> float:
        """'forty-two' -> 42; 'one hundred and twenty million' -> 120000000;
        'three and a half' -> 3.5; 'half a million' -> 500000; 'a quarter of a
        million' -> 250000; 'three quarters of a billion' -> 750000000;
        'four point two billion' -> 4200000000 (a spoken decimal: digit words after the point)."""
        tokens = self._decimals_read(_TOKEN.findall(text.lower().replace("-", " ")), text)
        total, current, seen = 0.0, 0.0, False
        last_scale = math.inf
        after_fraction = False  # "half a", "a quarter of a": the article after a fraction is no number
        chunk, after_scale = 0.0, False  # what the last scale word made ("eight lakh": 8e5), right after it
        for i, tok in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if tok in self.articles:
                if nxt in self.fractions or after_fraction:
                    continue  # "a half", "half a": the fraction carries the value
                current += self.articles[tok]
            elif isinstance(tok, float):
                current += tok  # the digits after a spoken point ("point two": 0.2)
            elif tok in self.word_values:
                current += self.word_values[tok]
            elif tok in self.hundred:
                current = (current or 1) * self.hundred[tok]
            elif tok in self.fractions:
                frac = self.fractions[tok]
                if i >= 2 and tokens[i - 1] in self.articles and tokens[i - 2] == "and":
                    current += frac          # "three and a half"
                elif current:
                    current *= frac          # "three quarters", "one half"
                else:
                    current = frac           # "half", "a quarter"
                after_fraction, after_scale, seen = True, False, True
                continue
            elif tok == "of" and after_fraction:
                continue                     # "a quarter of a million"
            elif tok in self.scales:
                scale = self.scales[tok]
                if after_scale and scale > last_scale:
                    # a scale word of a scale word multiplies, as after digits: "eight lakh crore" (8e12)
                    total += chunk * (scale - 1)
                    chunk, last_scale = chunk * scale, last_scale * scale
                elif scale >= last_scale:
                    raise NumberError(f"scale words out of order in {text!r}")
                else:
                    chunk = (current or 1) * scale
                    total += chunk
                    current, last_scale = 0.0, scale
                after_fraction, after_scale, seen = False, True, True
                continue
            elif tok == "and":
                continue
            else:
                raise NumberError(f"not a number word: {tok!r} in {text!r}")
            after_fraction = after_scale = False
            seen = True
        if not seen:
            raise NumberError(f"no number in {text!r}")
        return _checked(total + current, text)

    def _decimals_read(self, tokens: list[str], text: str) -> list:
        """The tokens with a spoken decimal's point and the digits after it as one
        value: ['four', 'point', 'two', 'five', 'billion'] -> ['four', 0.25, 'billion']."""
        if not self.points or not any(t in self.points for t in tokens):
            return tokens
        out: list = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok not in self.points:
                out.append(tok)
                i += 1
                continue
            j = i + 1
            while j < len(tokens) and tokens[j] in self.digit_words:
                j += 1
            whole = out[-1] if out else None
            if (j == i + 1 or whole not in self.word_values or any(isinstance(t, float) for t in out)
                    or any(t not in self.scales for t in tokens[j:])):
                raise NumberError(f"a spoken decimal is a whole number ending in a unit or a ten, one point, digit words "
                                  f"and maybe scale words: {text!r}")
            out.append(float("0." + "".join(str(self.digit_words[t]) for t in tokens[i + 1:j])))
            i = j
        return out

    def parse_number(self, text: str) -> float:
        """A quantity with an optional scale word: '1.2 billion' -> 1.2e9, '3bn' -> 3e9,
        '$3 millions' -> 3e6, '3 billion 160 million' -> 3.16e9, 'one billion' -> 1e9,
        'one billion and 200 million' -> 1.2e9,
        '7,079' -> 7079, '1.2 lakh crore' -> 1.2e12 (a scale word of a larger one
        multiplies).  Words after a scale word are ignored ('5 million tonnes');
        after a bare number they are an error ('12 apples')."""
        s = text.strip()
        m = _FIGURE.search(s)
        if m is None:
            return self.parse_words(s)
        value, last_scale = self._scaled_words(s[:m.start()]) or (0.0, math.inf)
        pos = m.start()
        while True:
            m = _FIGURE.match(s, pos)
            if m is None:
                break
            number = parse_digits(m.group())
            pos = m.end()
            w = _SCALE_AFTER.match(s, pos)
            scale = None
            if w:
                word = w.group("word")
                if not w.group("sep") and word in self.scale_letters:
                    scale = self.scale_letters[word]
                else:
                    scale = self.scales.get(word.lower())
                if scale is None:
                    raise NumberError(f"unknown scale {word!r} in {text!r}")
                pos = w.end()
                # a scale word of a scale word: "1.2 lakh crore" (1.2e12), "5 thousand crore"
                larger = self._compound.match(s, pos)
                if larger and self.scales[larger.group(1).lower()] > scale:
                    scale *= self.scales[larger.group(1).lower()]
                    pos = larger.end()
            if scale is None:
                if value:  # "3 billion 160": a bare number cannot continue a scaled one
                    raise NumberError(f"a number without a scale after a scaled one in {text!r}")
                value = number
                break
            if scale > last_scale == THOUSAND and value < THOUSAND * THOUSAND:
                # thousands of a larger scale, as Spanish writes them in English: "31 thousand 275 million" (31,275 million)
                value, number = 0.0, value + number
            elif scale >= last_scale:
                raise NumberError(f"scale words out of order in {text!r}")
            if scale in _MILLIONS and _THOUSANDTHS.fullmatch(m.group()):
                number = float(m.group().replace(",", "."))  # "$525,737 million": a decimal comma, not 525 billion
            value += number * scale
            last_scale = scale
            gap = _GAP.match(s, pos)
            if gap is None:
                break
            pos = gap.end()
        rest = s[pos:].strip()
        if rest and rest[0].isdigit():
            raise NumberError(f"malformed number {text!r}")
        return _checked(value, text)

    def _scaled_words(self, text: str) -> tuple[float, float] | None:
        """(value, its smallest scale) of a scaled figure in words before one in digits
        ("one billion and" in "one billion and 200 million"), or None (no such words)."""
        tokens = _TOKEN.findall(text.lower().replace("-", " "))
        while tokens and tokens[-1] == "and":
            tokens.pop()
        if not tokens or tokens[-1] not in self.scales:
            return None
        try:
            value = self.parse_words(" ".join(tokens))
        except NumberError:
            return None
        return value, min(self.scales[t] for t in tokens if t in self.scales)

    def pieces(self) -> dict[str, str]:
        """The built-in pieces made of the vocabulary (see rules/pieces.yaml)."""
        small = trie_pattern(w for w, v in self.units.items() if v < 10)
        # "seventeen", "seventy", "seventy-five": one trie, and a unit after the tens only
        # (each ends in "ty": a lookbehind says so without a second pass over the trie)
        ending = os.path.commonprefix([w[::-1] for w in self.tens])[::-1]
        if ending:
            below100 = rf"(?:{trie_pattern(list(self.units) + list(self.tens))}(?:(?<={ending})[\s-]{small})?)"
        else:
            below100 = rf"(?:{trie_pattern(self.tens)}(?:[\s-]{small})?|{trie_pattern(self.units)})"
        hundred = trie_pattern(self.hundred)
        cardinal = rf"{below100}(?:\s+{hundred}(?:\s+(?:and\s+)?{below100})?)?"
        article = trie_pattern(self.articles)
        fraction = trie_pattern(self.fractions)
        # one branch per first word, so that a position costs one look at the tries:
        # "half a", "a quarter of a" | "three" + (" quarters of a" | " hundred and five" | " and a half")
        count = rf"(?:{below100}|{article})"
        fraction_tail = rf"{fraction}(?:\s+(?:of\s+)?{article})?"
        # a spoken decimal: a whole number that ends in a unit or a ten (or zero), the point, one to four digit
        # words ("four point two", "zero point seven five", "one hundred and one point two")
        decimal = ""
        if self.points:
            digit, point = trie_pattern(self.digit_words), trie_pattern(self.points)
            # (not the second half of "one point two point three"; "one hundred and one point two" whole)
            whole = rf"(?<!\b{point}\s){below100}(?:\s+{hundred}\s+(?:and\s+)?{below100})?"
            if self.zero:
                whole = rf"(?:{whole}|{trie_pattern(self.zero)})"
            decimal = rf"{whole}\s+{point}(?:\s+{digit}){{1,4}}(?!\s+{digit}\b)"
        # (never the tail of a malformed spoken decimal: "one point two point three", "one point two three four five six")
        tail_guard = rf"(?<!\b(?:{point}|{digit})\s)" if decimal else ""
        number_word = (rf"\b{tail_guard}(?:{fraction_tail}|" + (rf"{decimal}\b(?!\s+{point}\b)|" if decimal else "")
                       + rf"{count}(?:[\s-]{fraction_tail}"
                       rf"|(?:\s+{hundred}(?:\s+(?:and\s+)?{below100})?)?(?:\s+and\s+{article}\s+{fraction})?))\b")
        levels = []
        for i, (value, words) in enumerate(self.scale_levels):
            # a smaller figure after a scaled one is written in full: "3 billion 160 million",
            # "one billion and 200 million", "5 crore 20 lakh" (the first two words of a level:
            # the word and its plural); after thousands, a larger one ("31 thousand 275 million")
            smaller = [w for v, ws in self.scale_levels if v < value or (value == THOUSAND and v > value)
                       for w in ws[:2]]
            rest = rf"(?:\s(?:and\s)?\d{{1,3}}\s?{trie_pattern(smaller)}\b)?" if smaller else ""
            # and a scale word of a larger level after it: "lakh crore", "thousand crore"
            larger = [w for _, ws in self.scale_levels[:i] for w in ws[:2]]
            compound = rf"(?:\s{trie_pattern(larger)}\b)?" if larger else ""
            # a short form may end with a stop: "41,7 Mrd. Euro", "7 bn. dollars"
            short = [w for w in words if len(w) <= 3 and w.isalpha()]
            stop = rf"(?:(?<=\b{trie_pattern(short)})\.(?=[^\S\n]+\p{{L}}))?" if short else ""
            levels.append(trie_pattern(words) + r"\b" + stop + compound + rest)
        letters = sorted(self.scale_letters)
        return {
            "cardinal_word": rf"\b{cardinal}\b",
            # a count of two or more: "two", "twenty-one" ("nine agreements")
            "count_word": rf"\b(?!{trie_pattern(w for w, v in self.units.items() if v == 1)}\b){cardinal}\b",
            "number_word": number_word,
            # a whole number or a spoken decimal in words, before a percent word ("five point eight per cent")
            "percent_word": (rf"\b(?:{decimal}|{cardinal})\b" if decimal else rf"\b{cardinal}\b"),
            "scale_word": trie_pattern(self.scales) + r"\b",
            "scale_words": "(?:" + "|".join(levels) + ")",
            "large_scale_word": trie_pattern(w for w, v in self.scales.items() if v >= LARGE_SCALE) + r"\b",
            "scale_letter": "(?-i:[" + "".join(letters) + "])",
            # a count in digits or one word: "3", "three" ("signed three agreements")
            "small_count": self.small_count,
            # an ordinal past the first: "her second visit", "the 12th round" has digits of its own
            "ordinal_after_first": trie_pattern(w for w, v in self.ordinals.items() if v >= 2),
        }


def tidy(value: float) -> int | float:
    """Whole numbers as int (1200000000, not 1.2e9), others without float noise
    (15 significant digits, what a float holds: 0.1 + 0.2 -> 0.3, and 1e-07 stays 1e-07)."""
    rounded = float(f"{value:.15g}")
    return int(rounded) if rounded.is_integer() else rounded


@memoized(1)
def bundled() -> NumberWords:
    """The vocabulary relfacts ships (relfacts/data/numbers.yaml) without any rule
    folder's words: what reads numbers outside a rule set (the date parser's "two
    days ago", tests).  A rule set holds its own (RuleSet.numbers)."""
    from ..engine.ruleset import data_file
    from ..engine.yamlfile import load
    return NumberWords(load(data_file("numbers.yaml"))["numbers"])


def parse_words(text: str) -> float:
    """NumberWords.parse_words with the bundled vocabulary."""
    return bundled().parse_words(text)


def parse_number(text: str) -> float:
    """NumberWords.parse_number with the bundled vocabulary."""
    return bundled().parse_number(text)
