"""Countries: names and short forms ("Türkiye", "Turkey", "UAE", "the US"),
demonyms ("Kazakh", "Tajik", "Chinese"), capitals ("Astana", "Dushanbe") and
titles ("Minister of Foreign Affairs of Tajikistan") -> ISO 3166-1 alpha-3.

The data is relfacts/data/countries.yaml (generated from pycountry and
countryinfo, corrected by hand) plus any `countries:` section in a rule folder.
ISO codes are checked against pycountry, the maintained ISO 3166 table.

False friends.  An entry's `ambiguous` list names its forms that are also
common words or people's names ("Male", "Victoria", "Hamilton", "Jordan",
"Chad"): such a form names the country only in a place context (`place_ok`):
after "in", "to", "at", "from", "of", "visit(ed)", "capital", "city" …, before
", <its country>" ("Male, Maldives"), or in the dateline.  Case matters: the
matcher is case-sensitive and a look-up never folds the case of such a form
("male" is never Malé).  A form followed by another country's name or a
province ("Victoria, Australia", "Hamilton, Ontario") is never the place.
The document scan (facts/context.py) also accepts a country *name* of the list
("Jordan", "Chad") when the document names the same country unambiguously
elsewhere ("Jordanian", "Amman").

Shared forms.  A form two entries list ("Congolese", of both Congos) names the
one the document names by a form of its own (a name, capital or city:
"Brazzaville"), else the entry listed first."""
from __future__ import annotations

import unicodedata
from typing import NamedTuple

from ..engine.lazy import LazyPattern
from ..memo import memo_of
from .wordlist import first_chars, trie_pattern

_MISSING = object()
KINDS = ("names", "demonyms", "capitals", "cities", "venues")
# an entry's `airports` map each airport to the city it serves; an airport is a venue of its country
CITY_MAPS = ("airports",)
# an entry's `regions` (states, provinces) name it as its cities do, never as a place of a visit ("Iowa Gov.
# X", "exports from Ontario"); written short ("N.D.", "Neb."), they are looked up only ("BISMARCK, N.D. —")
REGIONS = "regions"
# an entry's `people` are persons the news names without their country ("Putin", "Modi"): data/people.yaml
ENTRY_KEYS = KINDS + CITY_MAPS + (REGIONS, "ambiguous", "people")
_POSSESSIVE = LazyPattern(r"(?:['’]s|['’])\Z")
_ARTICLE = LazyPattern(r"\A(?i:the)\s+")


def _lower_ending(airport: str) -> str:
    """An airport's name with its ending in lower case ("Noi Bai International Airport" -> "Noi Bai
    international airport"), as news also writes it."""
    words = airport.split(" ")
    i = len(words)
    while i > 1 and words[i - 1] in ("International", "Airport", "Air", "Base"):
        i -= 1
    return " ".join(words[:i] + [w.lower() for w in words[i:]])


# what stands before a place: "arrived in", "flew to", "visit", "between", "the capital", "city of"
_PLACE_BEFORE = LazyPattern(
    r"(?:\b(?:(?i:in|to|at|from|into|via|near|toward|towards|across|reached|between|visit|visits|visited|visiting|tour|tours|toured|touring)"
    r"|(?:\p{Lu}\p{L}*|capital|city|town|port|people|government|embassy|president|king)\s+of)\s+(?:(?i:the)\s+)?"
    # the next place of a list: "visited Israel and Jordan", "flew to Cairo, Amman and Beirut", "will tour Egypt, Jordan and Oman",
    # each maybe with its days in brackets ("Namibia (Jan 18-19), the Republic of Congo (Jan 20), Chad (Jan 21)")
    r"|\b(?i:in|to|at|from|between|visit|visits|visited|visiting|tour|tours|toured|touring)\s+(?:(?i:the)\s+)?\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,2}(?:\s*\([^()]{1,24}\))?"
    r"(?:\s*,\s*(?:(?i:the)\s+)?\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}\p{M}.'’-]*){0,3}(?:\s*\([^()]{1,24}\))?){0,3}(?:\s*,\s*(?:and\s+)?|\s+and\s+))\Z")
# a part of the world named after a country's short form ("Central America", "Latin America", "the South
# American nation", "the Central America-Korea FTA", "Ibero-America"): no country
WORLD_PART_BEFORE = LazyPattern(r"\b(?:Central|South|Latin|North|Middle|Meso|Ibero|Pan)[\s-]+\Z")
# a state's office holder: "Jordan's King", "Georgia's Prime Minister"
_OFFICE_AFTER = LazyPattern(r"['’]s\s+(?:(?:Deputy|Vice|First|Foreign|Prime|Crown)\s+)*"
                              r"(?:King|Queen|Emir|Amir|Sultan|Prince|President|Premier|Minister|Chancellor|"
                              r"government|parliament|embassy|ambassador|foreign\s+ministry)\b")
_AFTER_COMMA = LazyPattern(r"\s*,\s*(?:the\s+)?(?P<next>\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3})")


def _scanned(form: str, kind: str) -> bool:
    """Whether a form is searched for in texts: all but a state written short ("Pa.", "Mass."), looked up only."""
    return kind != REGIONS or "." not in form


class Mention(NamedTuple):  # a tuple: documents make dozens, cheaply
    start: int
    end: int
    code: str
    kind: str  # names | demonyms | capitals | cities | venues (a look-up's kind may also be regions)


class CountryIndex:
    def __init__(self, entries: dict[str, dict]):
        self.alias: dict[str, tuple[str, str]] = {}
        self._city_of_airport: dict[str, str] = {}
        for code, forms in entries.items():
            for kind in KINDS:
                for form in forms.get(kind) or []:
                    self.alias.setdefault(form, (code, kind))
            for airport, city in (forms.get("airports") or {}).items():
                # as news writes it too: "landed at Noi Bai airport", "Kotoka international airport"
                for written in dict.fromkeys((airport, _lower_ending(airport))):
                    self.alias.setdefault(written, (code, "venues"))
                self._city_of_airport.setdefault(airport.casefold(), city)
        for code, forms in entries.items():  # last: a form of another kind keeps its own reading ("Georgia")
            for form in forms.get(REGIONS) or []:
                self.alias.setdefault(form, (code, REGIONS))
        # a form two entries list ("Congolese": both Congos) -> their codes, the first listed first:
        # the document decides which it names (DocumentContext.shared_choice)
        owners: dict[str, list[str]] = {}
        for code, forms in entries.items():
            for kind in KINDS:
                for form in forms.get(kind) or []:
                    if code not in owners.setdefault(form, []):
                        owners[form].append(code)
        self.shared = {form: tuple(codes) for form, codes in owners.items() if len(codes) > 1}
        self.shared_first = frozenset(codes[0] for codes in self.shared.values())  # what a look-up of one gives
        # forms that need a place context (see the module doc); only the entry's own forms
        self.ambiguous = frozenset(form for code, forms in entries.items() for form in forms.get("ambiguous") or []
                                   if self.alias.get(form, (None,))[0] == code)
        self._folded = {k.casefold(): v for k, v in self.alias.items()}
        self._folded_ambiguous = frozenset(a.casefold() for a in self.ambiguous)
        self.codes = frozenset(code for code, _ in self.alias.values())
        self.known_people = KnownPeople({code: forms.get("people") or [] for code, forms in entries.items()})
        self._names_of: dict[str, list[str]] = {}
        self._capital_of: dict[str, str] = {}
        for form, (code, kind) in self.alias.items():
            if kind == "names" and form not in self.ambiguous:
                self._names_of.setdefault(code, []).append(form)
            elif kind == "capitals":
                self._capital_of.setdefault(code, form)

    def airport_city(self, name: str) -> str | None:
        """The city of an airport the data knows ("Haneda Airport" -> "Tokyo"), else None."""
        return self._city_of_airport.get(_ARTICLE.sub("", name.strip()).casefold())

    def capital_of(self, code: str) -> str | None:
        """The country's capital, as the data names it first ("BRA" -> "Brasília")."""
        return self._capital_of.get(code)

    def names_of(self, code: str) -> list[str]:
        """The country's names (not its demonyms or places): "Saudi Arabia", "Kingdom of Saudi Arabia"."""
        return self._names_of.get(code, [])

    def place_ok(self, text: str, start: int, end: int, code: str) -> bool:
        """Whether the form at text[start:end] (of country `code`) stands in a place context."""
        if WORLD_PART_BEFORE.search(text, max(0, start - 9), start):
            return False  # "Central America", "Latin America": a part of the world
        if _OFFICE_AFTER.match(text, end):
            return True
        after = _AFTER_COMMA.match(text, end, min(len(text), end + 60))
        if after:
            nxt = after.group("next")
            if any(nxt.startswith(n) for n in self._names_of.get(code, ())):
                return True
            # another country's name, city or province after the comma ("Hamilton, Ontario"): a town elsewhere
            first = self.lookup(nxt.split(" ")[0]) or self.lookup(nxt)
            if first and first != code:
                return False
        return bool(_PLACE_BEFORE.search(text, max(0, start - 120), start))

    def pattern(self, *kinds: str) -> str:
        """Regex piece matching the aliases of the given kinds (all when none)."""
        words = [a for a, (_, k) in self.alias.items() if (k in kinds if kinds else _scanned(a, k))]
        return r"(?-i:" + first_chars(words) + r"(?<![\w.])" + trie_pattern(words) + r"(?![\w]))"

    def scan_patterns(self, budget: int = 30000) -> list[str]:
        """The {country} piece cut into parts by first letter, each small enough for
        PCRE2 (a compiled pattern has at most 64K code units; the whole piece,
        with the thousands of cities of 100,000 people, is too large and would
        run on the much slower `regex`).  A match starts with a letter of one part
        only, so scanning each part and keeping the leftmost of overlapping
        matches (mentions_scanned) finds what the whole piece finds."""
        by_first: dict[str, list[str]] = {}
        for a, (_, kind) in self.alias.items():
            if _scanned(a, kind):
                by_first.setdefault(a[0], []).append(a)
        parts, part, size = [], [], 0
        for ch in sorted(by_first):
            words = by_first[ch]
            cost = sum(len(w) for w in words)
            if part and size + cost > budget:
                parts.append(part)
                part, size = [], 0
            part += words
            size += cost
        if part:
            parts.append(part)
        return [r"(?-i:" + first_chars(p) + r"(?<![\w.])" + trie_pattern(p) + r"(?![\w]))" for p in parts]

    @staticmethod
    def leftmost(mentions: list[Mention]) -> list[Mention]:
        """Mentions from several scans, in order, less those inside an earlier one."""
        out: list[Mention] = []
        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            if not out or m.start >= out[-1].end:
                out.append(m)
        return out

    def multiword_pattern(self) -> str:
        """Regex piece for the names of more than one word ("South Korea", "Sri Lanka"),
        short forms only (no "Republic of …"): small enough to use in many patterns."""
        words = [a for a, (_, k) in self.alias.items()
                 if " " in a and k in ("names", "capitals") and len(a.split()) <= 3 and "Republic" not in a]
        return r"(?-i:" + trie_pattern(words) + r"(?![\w]))"

    def lookup(self, text: str, place: bool = False) -> str | None:
        """'Kazakh' -> 'KAZ'; "Kazakhstan's" -> 'KAZ'; 'the US' -> 'USA'; else None.
        An ambiguous form ("Male", "Jordan") counts only when the caller knows it
        stands in a place context (`place=True`), and only as written."""
        hit = self.lookup_kind(text, place)
        return hit[0] if hit else None

    def lookup_kind(self, text: str, place: bool = False) -> tuple[str, str] | None:
        memo = memo_of(self, "_looked_up")  # names recur: each is looked up once
        key = (text, place)
        hit = memo.get(key, _MISSING)
        if hit is _MISSING:
            hit = memo.put(key, self._lookup_kind(text, place))
        return hit

    def _lookup_kind(self, text: str, place: bool = False) -> tuple[str, str] | None:
        written = " ".join(text.split())
        s = _POSSESSIVE.sub("", written)
        # as written first: a name that ends in "'s" ("St. George's") before a possessive ("Kenya's")
        for candidate in dict.fromkeys((written, s, _ARTICLE.sub("", s))):
            hit = self.alias.get(candidate)
            if hit:
                if candidate in self.ambiguous and not place:
                    continue
                return hit
            folded = candidate.casefold()
            if folded in self._folded_ambiguous:
                continue  # "male", "MALE": never folded into Malé (a dateline passes the title case)
            hit = self._folded.get(folded)
            if hit:
                return hit
        return None

    def find_in(self, text: str, scans: list) -> list[Mention]:
        """The mentions in a short text (a matched group), found by the {country}
        piece's parts (`scans`: see scan_patterns) as the document's are: the same
        texts recur, each is searched once."""
        from ..engine.accel import spans_in

        memo = memo_of(self, "_found")
        hit = memo.get(text)
        if hit is None:
            alias, ambiguous = self.alias, self.ambiguous
            found = self.leftmost([Mention(a, b, *alias[text[a:b]]) for scan in scans for a, b in spans_in(scan, text)])
            hit = memo.put(text, tuple(m for m in found if text[m.start:m.end] not in ambiguous
                                       or self.place_ok(text, m.start, m.end, m.code)))
        return list(hit)

    def mentions_of(self, matches, text: str | None = None, keep=None) -> list[Mention]:
        """Mentions from the matches of a pattern of this index's aliases.  With the
        `text` searched, an ambiguous form counts only in a place context, or when
        `keep(mention)` says so."""
        out = []
        ambiguous = self.ambiguous
        for m in matches:
            form = m.group()
            code, kind = self.alias[form]
            start, end = m.span()
            mention = Mention(start, end, code, kind)
            if (form in ambiguous and text is not None and not self.place_ok(text, start, end, code)
                    and not (keep and keep(mention))):
                continue
            out.append(mention)
        return out


# what may follow a surname ("Ferdinand R. Marcos Jr.", "Charles III"): no surname itself
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# words of a name that name no one: particles, a name's suffix, a ruler's number
_NAME_PARTICLES = frozenset("al el bin ibn bint abu ben de da das do dos du del della di la le van von der den "
                            "vi".split()) | NAME_SUFFIXES
_RULER_TITLES = frozenset("king queen emir amir sultan pope emperor prince crown sheikh shaikh".split())
_NAME_WORD = LazyPattern(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")  # "Sa'ar" is one word


def name_words(name: str) -> tuple[str, ...]:
    """A name's words as a look-up compares them: without diacritics, case or initials
    ("Ferdinand R. Marcos Jr." -> ("ferdinand", "marcos", "jr"), "Erdoğan" -> "erdogan")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = (m.group().replace("'", "").replace("’", "").casefold() for m in _NAME_WORD.finditer(plain))
    return tuple(w for w in words if len(w) > 1)


class KnownPeople:
    """Which country a person the data lists belongs to ("Vladimir Putin", "Putin",
    "Vladimir V. Putin" -> RUS).  A name of several words is known by all its words,
    or by its first and last word; a name of one word ("Modi", "Xi") by a surname of
    the data's names that only one country's people have.  Names two countries share
    say nothing."""

    def __init__(self, people: dict[str, list[str]]):
        whole: dict[tuple, set] = {}
        ends: dict[tuple, set] = {}
        single: dict[str, set] = {}
        for code, names in people.items():
            for name in names:
                words = name_words(name)
                if words and words[0] in _RULER_TITLES:  # "King Salman": "Salman" too
                    words = words[1:] if len(words) > 1 else words
                if not words:
                    continue
                whole.setdefault(words, set()).add(code)
                named = _named(words)
                if not named:
                    continue
                ends.setdefault((named[0], named[-1]), set()).add(code)
                # alone, a name is its surname: its last word, or a short first word ("Xi" of "Xi Jinping",
                # "Moon" of "Moon Jae-in"); not a given name ("Vladimir", "Emmanuel")
                for w in named[-1:] + [w for w in named[:1] if len(w) <= 4]:
                    single.setdefault(w, set()).add(code)
        self._whole, self._ends, self._single = _one_country(whole), _one_country(ends), _one_country(single)

    def country_of_whole(self, name: str) -> str | None:
        """The country of a name the data lists as written, all its words ("Vladimir Putin"; not
        "Putin" alone, nor its first and last word around others)."""
        return self._whole.get(name_words(name))

    def country_of(self, name: str) -> str | None:
        words = name_words(name)
        if words and words[0] in _RULER_TITLES and len(words) > 1:
            words = words[1:]
        if not words:
            return None
        if len(words) == 1:  # a word alone, not letters ("SA", "PM")
            return None if name.isupper() else self._single.get(words[0])
        named = _named(words)  # "Ferdinand Marcos" of "Ferdinand R. Marcos Jr.", "Mohammed bin Salman"
        found = self._whole.get(words) or (self._ends.get((named[0], named[-1])) if len(named) > 1 else None)
        if found is None and len(words) == 2 and _SURNAME_FIRST.match(name):
            return self._whole.get(words[::-1])  # the surname first, in capitals ("KISHIDA Fumio", Japan's style)
        return found


# a name written surname first, the surname in capitals ("KISHIDA Fumio", "KAMIKAWA Yoko")
_SURNAME_FIRST = LazyPattern(r"\s*\p{Lu}{2,}(?:-\p{Lu}{2,})?\s+\p{Lu}\p{Ll}+\s*\Z")


def _named(words: tuple[str, ...]) -> list[str]:
    """A name's words less its particles and suffixes ("bin", "al", "Jr")."""
    return [w for w in words if w not in _NAME_PARTICLES]


def _one_country(table: dict) -> dict:
    """The keys that one country's people alone have, with that country."""
    return {k: next(iter(v)) for k, v in table.items() if len(v) == 1}
