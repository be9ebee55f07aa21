"""Money: "$1.2 billion", "USD 500 million", "US$100 million", "1.5 bln dollars",
"$3bn", "23.6 billion U.S. dollars", "EUR 3 bln", "€40m", "1.2 trillion won",
"Rs 2,500 crore", "10 billion yuan", "5 mln rubles" -> amount + ISO 4217 code.

The currency forms come from data (relfacts/data/currencies.yaml, extendable by
rule folders); the same table yields the regex pieces `currency_before`,
`currency_after` and `currency_sign` that the rules' `{money}` and `{money_hint}`
pieces are built from, as the number vocabulary yields the number pieces, so what
the rules match is exactly what this module can read."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..engine.lazy import LazyPattern, program
from ..memo import memo_of
from .numbers import NumberError, NumberWords
from .numbers import parse_digits as parse_digits_of
from .wordlist import first_chars, trie_pattern

_HAS_NUMBER = LazyPattern(r"\d|[a-z]")
# the two bounds of a range (piece money): "11-12 billion", "11 and 12 billion", "1.5 billion and $2 billion",
# "500 million to 1 billion"; the figure reads as the upper one
_RANGE = LazyPattern(r"\A(?P<low>\d[\d.,]*(?:[\s-]?[^\W\d_]+)?)\s*(?:[-–]|\s(?:and|to)\s)\s*(?P<high>\D{0,4}\d.*)\Z")
_LEADING_FIGURE = LazyPattern(r"\d[\d.,]*")
# one dot between thousands and no other mark ("64.600"): read as thousands for a currency whose homes write
# them so (`dot_groups`), as a decimal point for any other ("$1.125 billion")
_ONE_DOT_GROUP = LazyPattern(r"\A(\d{1,3})\.(\d{3})(?![\d.,])")
# …and for any other currency when the three digits end in "00" before a word of a million (not after a lone 0):
# English writes no such zeros after a decimal point, a translation from Spanish or Portuguese keeps its grouping
# ("US$ 4.800 million"); a currency whose homes write three decimals (`three_decimals`: "KD 1.200 million") keeps
# its decimal.  Three digits before a scale word in the plural are thousands too, for any currency but those
# ("US$ 3.784 millions").  (CurrencyTable.round_dot_group and plural_dot_group, made from the number
# vocabulary's scale words)
MILLION = 1_000_000
_WORDS = LazyPattern(r"[a-z]+")


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str
    form: str = ""  # how the text wrote the currency ("Rs", "rupees")
    low: float | None = None  # a range's lower bound ("$11-12 billion": 11e9); `amount` is its upper


class MoneyError(ValueError):
    """The text is not a money amount in a known currency."""


class CurrencyTable:
    """ISO 4217 codes and the ways text writes them before or after a number."""

    def __init__(self, entries: dict[str, dict], numbers: NumberWords):
        self.numbers = numbers  # what reads the amount (the rule set's number vocabulary)
        self.before: dict[str, str] = {}
        self.after: dict[str, str] = {}
        self.after_cased: dict[str, str] = {}  # forms after a number whose case matters ("KM", not the unit "km")
        self.after_scale: dict[str, float] = {}  # such a form that also says the scale ("1,875 MD": millions)
        numeric: list[str] = []  # forms that are a currency only straight before digits ("R5 billion")
        self.homes: dict[str, set[str]] = {}  # code -> the countries it is the currency of
        self.shared: dict[str, list[str]] = {}  # a form another code owns -> the codes that also write it
        # code -> the values of the number words its homes count in ("crore": 10,000,000), the words'
        # forms ("crores", "cr") read from the number vocabulary
        self.scales: dict[str, set[float]] = {}
        self.dot_groups: set[str] = set()  # codes whose figures group thousands with dots ("Gs. 64.600 million")
        self.three_decimals: set[str] = set()  # codes whose figures have three decimals ("KD 1.200 million")
        millions = sorted((w for w, v in numbers.scales.items() if v == MILLION), key=len, reverse=True)
        self.round_dot_group = regex.compile(r"\A([1-9]\d{0,2})\.(\d00)(?=\s*(?:" + "|".join(map(regex.escape, millions))
                                             + r")\b)", regex.I) if millions else None
        # a scale word in the plural after a figure ("US$ 3.784 millions", "1.250 billions"): English writes
        # none, a translation from Spanish or Portuguese ("millones", "milhões") keeps its grouping of thousands
        # (a power of a thousand only: Indian English writes "crores" in the plural, "Rs 4.575 crores" a decimal)
        plurals = sorted((w for w, v in numbers.scales.items() if v in (MILLION, 1000 * MILLION, MILLION * MILLION)
                          and w.endswith("s") and w[:-1] in numbers.scales), key=len, reverse=True)
        self.plural_dot_group = regex.compile(r"\A([1-9]\d{0,2})\.(\d{3})(?=\s*(?:" + "|".join(map(regex.escape, plurals))
                                              + r")\b)", regex.I) if plurals else None
        self.own_signs: dict[str, list[str]] = {}  # code -> its signs written before a number that no other code writes ("C$")
        self.local: set[str] = set()  # codes whose shared forms are theirs only in a story of their homes (in_context)
        for code, forms in entries.items():
            self.homes[code] = set(forms.get("homes") or [])
            if forms.get("shared_local"):
                self.local.add(code)
            if forms.get("dot_groups"):
                self.dot_groups.add(code)
            if forms.get("three_decimals"):
                self.three_decimals.add(code)
            self.scales[code] = {numbers.scales[w.lower()] for w in forms.get("scales") or [] if w.lower() in numbers.scales}
            for form in forms.get("shared") or []:  # (as written before a number, and as after one: any case)
                for key in {form, form.lower()}:
                    self.shared.setdefault(key, []).append(code)
            for form in forms.get("before") or []:
                self.before.setdefault(form, code)
            for form in forms.get("before_number") or []:
                if form not in self.before:
                    self.before[form] = code
                    numeric.append(form)
            for form in forms.get("after") or []:
                self.after.setdefault(form.lower(), code)
            for form in forms.get("after_cased") or []:
                self.after_cased.setdefault(form, code)
            for form, word in (forms.get("after_scaled") or {}).items():
                if word.lower() in numbers.scales and self.after_cased.setdefault(form, code) == code:
                    self.after_scale.setdefault(form, numbers.scales[word.lower()])  # (another word: the rule set reports it)
        self._peculiar = set().union(*self.scales.values())  # scales some currency counts in and others not
        for code, forms in entries.items():
            self.own_signs[code] = [f for f in forms.get("before") or [] if not f.isalpha() and f not in self.shared]
        # a currency's own name right after a figure (said_after): the forms written after a number that no
        # other currency shares ("Canadian dollars", "Cdn"; not "dollars"), and not the code of a figure
        # restated after it ("$612 million (UAH 16.5 billion)")
        self._said_after = LazyPattern(r"[ \t]*,?[ \t]*\(?(?:in[ \t]+)?(?P<form>"
                                       + trie_pattern([f for f in self.after if f not in self.shared]) + r")(?![\p{L}\d])(?![ \t]*\d)",
                                       regex.I)
        # case matters before the number ("RO445 million" is rials, "ro" is not), and a
        # form that starts with a letter must start a word ("SR1.2 billion", not "USR1"); a sign glued
        # to capitals is a currency the table may not know ("XY$", "Col$"): no figure rather than US
        # dollars ("to$443 million" is still dollars)
        letters = [f for f in self.before if f[:1].isalpha() and f not in numeric]
        signs = [f for f in self.before if not f[:1].isalpha() and f not in numeric]
        self.before_pattern = (r"(?-i:" + first_chars(letters + numeric) + r"(?<![\w])"
                               + "(?:" + trie_pattern(letters)
                               + (r"|" + trie_pattern(numeric) + r"(?=\s?\d)" if numeric else "")
                               + ")|(?<!\\p{Lu})(?<!\\p{Lu}\\p{Ll})" + trie_pattern(signs) + ")")
        self.after_pattern = ("(?:(?i:" + trie_pattern(self.after) + ")"
                              + ("|(?-i:" + trie_pattern(self.after_cased) + ")" if self.after_cased else "") + r")(?![\w])")
        # the forms written with a full stop ("NRs.", "Rs.", "Tk."), without it: abbreviations, which end
        # no sentence (the piece {currency_dotted}, read by the `abbreviation` piece)
        dotted = [f[:-1] for f in self.before if f.endswith(".") and f[:-1].isalpha()]
        self.dotted_pattern = "(?-i:" + trie_pattern(dotted) + ")" if dotted else "(?!)"
        # the forms that say their scale ("MD"): a figure with one may be a trade figure ({money_hint})
        self.scaled_pattern = "(?-i:" + trie_pattern(self.after_scale) + ")" if self.after_scale else "(?!)"
        # the signs ("$", "€", "₦"): a sentence with one may hold a trade figure ({money_hint})
        sign_chars = sorted({f[0] for f in self.before if not f[:1].isalpha()})
        self.sign_pattern = "[" + "".join(regex.escape(c) for c in sign_chars) + "]" if sign_chars else "(?!)"
        self._lead = program(r"\A(?:" + self.before_pattern + r")")
        self._tail = program(r"(?:" + self.after_pattern + r")\s*\Z")

    def said_after(self, text: str, end: int, code: str) -> str | None:
        """The currency a figure's own words name right after it, other than `code`: "$2.6 billion in
        Canadian dollars", "$340 million Cdn" -> "CAD" (a form of one currency alone, not "dollars")."""
        m = self._said_after.match(text, end, min(len(text), end + 60))
        found = m and self.after.get(m.group("form").lower())
        return found if found and found != code else None

    def parse(self, text: str) -> Money:
        """Rules read a figure's amount and its currency as two fields: parse once."""
        memo = memo_of(self, "_parsed")
        hit = memo.get(text)
        if hit is None:
            try:
                hit = self._parse(text)
            except MoneyError as e:
                hit = e
            memo.put(text, hit)
        if isinstance(hit, MoneyError):
            raise hit
        return hit

    def _parse(self, text: str) -> Money:
        s = " ".join(text.split())
        code = form = None
        lead = self._lead.match(s)
        if lead:
            form = lead.group()
            code = self.before[form]
            s = s[lead.end():]
        tail = self._tail.search(s)
        if tail and _HAS_NUMBER.search(s, 0, tail.start()):
            if code is None:
                form = tail.group().strip()
                code = self.after_cased.get(form) or self.after[form.lower()]
                form = form if form in self.after_cased else form.lower()
            s = s[: tail.start()]
        if code is None:
            raise MoneyError(f"no currency in {text!r}")
        if code in self.dot_groups:
            s = _ONE_DOT_GROUP.sub(r"\1\2", s.strip())
        elif code not in self.three_decimals:
            for grouped in (self.round_dot_group, self.plural_dot_group):
                s = s if grouped is None else grouped.sub(r"\1\2", s.strip())
        split = self._range(s.strip())
        low = None
        try:
            if split:  # "$11-12 billion": the upper bound is the amount
                s = split[1][_LEADING_FIGURE.search(split[1]).start():]
            amount = self.numbers.parse_number(s.strip(" -"))
            if split:  # the lower bound, in the upper's scale when it has none of its own ("11" of "11-12 billion")
                low = self.numbers.parse_number(split[0])
                top = parse_digits_of(_LEADING_FIGURE.search(s).group())
                if top and not any(c.isalpha() for c in split[0]):
                    low *= amount / top
        except NumberError as e:
            raise MoneyError(str(e)) from None
        scale = self.after_scale.get(form)
        if scale and not any(w in self.numbers.scales for w in _WORDS.findall(s.lower())):  # "1.2 billion MD" says its own
            amount, low = amount * scale, low * scale if low is not None else None
        return Money(amount, code, form, low)

    def _range(self, s: str) -> tuple[str, str] | None:
        """(lower, upper) of a range written without the leading currency; None for one figure, and for
        a figure told in two parts ("2 billion and 150 million": a lower part after a larger scale)."""
        m = _RANGE.match(s)
        if m is None:
            return None
        low, high = m.group("low"), m.group("high")
        if any(c.isalpha() for c in low):
            try:
                if self.numbers.parse_number(low) >= self.numbers.parse_number(high[_LEADING_FIGURE.search(high).start():]):
                    return None  # "2 billion and 150 million": one figure
            except NumberError:
                return None
        return low, high

    def bounds(self, text: str) -> list[float] | None:
        """Both bounds of a range ("$11-12 billion", "between 11 and 12 billion USD": [11e9, 12e9]),
        None for a single figure."""
        found = self.parse(text)
        return None if found.low is None else [found.low, found.amount]

    def in_context(self, code: str, form: str, countries, amount: str = "", written=None,
                   dateline: str | None = None, pair=(), wire: bool = False, named=()) -> str:
        """A form that several currencies write ("Rs", "rupees": Indian, Pakistani,
        Sri Lankan, Nepalese) is its owner's currency, unless the first of
        `countries` (the document's, most telling first) that is a home of one
        of them is the home of another that `shared` lists it for.  An amount
        written with a scale word some of them list ("Rs 1,148 crore") is one of those.
        `written(code)`: whether the document writes that code's own sign ("C$"): a story
        that marks its own dollars so means the owner's by the shared form ("$" is US dollars).
        A `shared_local` currency's shared forms are its own only in a story filed in one of its
        homes (`dateline`), or, with no dateline, one whose main `pair` holds a home of it and none
        of the owner's: "$" in a Calgary paper is Canadian, in a wire story on Canada's
        talks in Washington or from New Delhi it is the US dollar; never in a story a news agency
        files (`wire`: "CANBERRA, March 5 (Yonhap) -"), which writes the owner's.  Without a
        dateline, not in a sentence that names countries (`named`) none of them its home either:
        a story on Canada and China that gives China's trade with Korea in "$" gives US dollars."""
        others = self.shared.get(form)
        if not others:
            return code
        for other in others:
            if other in self.local and not wire and not (written is not None and written(other)):
                if dateline:
                    local = dateline in self.homes[other]
                else:
                    local = (any(c in self.homes[other] for c in pair)
                             and not any(c in self.homes[code] for c in pair)
                             and (not named or any(c in self.homes[other] for c in named)))
                if local:
                    return other
        others = [o for o in others if o not in self.local]
        if not others:
            return code
        said = {v for v in map(self.numbers.scales.get, _WORDS.findall(amount.lower())) if v in self._peculiar}
        if said:
            others = [o for o in others if said <= self.scales[o]]
        for country in countries:
            if country in self.homes.get(code, ()):
                return code
            for other in others:
                if country in self.homes[other]:
                    return code if written is not None and written(other) else other
        return code
