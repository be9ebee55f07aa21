"""Countries: names and short forms ("Türkiye", "Turkey", "UAE", "the US"),
demonyms ("Kazakh", "Tajik", "Chinese"), capitals ("Astana", "Dushanbe") and
titles ("Minister of Foreign Affairs of Tajikistan") -> ISO 3166-1 alpha-3.

The data is relfacts/data/countries.yaml (generated from pycountry and
countryinfo, corrected by hand) plus any `countries:` section in a rule folder.
ISO codes are checked against pycountry, the maintained ISO 3166 table."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .wordlist import first_chars, trie_pattern

KINDS = ("names", "demonyms", "capitals", "cities")
_POSSESSIVE = regex.compile(r"(?:['’]s|['’])\Z")
_ARTICLE = regex.compile(r"\A(?i:the)\s+")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    code: str
    kind: str  # names | demonyms | capitals | cities


class CountryIndex:
    def __init__(self, entries: dict[str, dict]):
        self.alias: dict[str, tuple[str, str]] = {}
        for code, forms in entries.items():
            for kind in KINDS:
                for form in forms.get(kind) or []:
                    self.alias.setdefault(form, (code, kind))
        self._folded = {k.casefold(): v for k, v in self.alias.items()}
        self.codes = frozenset(code for code, _ in self.alias.values())

    def pattern(self, *kinds: str) -> str:
        """Regex piece matching the aliases of the given kinds (all when none)."""
        kinds = kinds or KINDS
        words = [a for a, (_, k) in self.alias.items() if k in kinds]
        return r"(?-i:" + first_chars(words) + r"(?<![\w.])" + trie_pattern(words) + r"(?![\w]))"

    def multiword_pattern(self) -> str:
        """Regex piece for the names of more than one word ("South Korea", "Sri Lanka"),
        short forms only (no "Republic of …"): small enough to use in many patterns."""
        words = [a for a, (_, k) in self.alias.items()
                 if " " in a and k in ("names", "capitals") and len(a.split()) <= 3 and "Republic" not in a]
        return r"(?-i:" + trie_pattern(words) + r"(?![\w]))"

    def lookup(self, text: str) -> str | None:
        """'Kazakh' -> 'KAZ'; "Kazakhstan's" -> 'KAZ'; 'the US' -> 'USA'; else None."""
        hit = self.lookup_kind(text)
        return hit[0] if hit else None

    def lookup_kind(self, text: str) -> tuple[str, str] | None:
        cache = self.__dict__.setdefault("_looked_up", {})  # names recur: each is looked up once
        try:
            return cache[text]
        except KeyError:
            pass
        if len(cache) > 20000:
            cache.clear()
        hit = cache[text] = self._lookup_kind(text)
        return hit

    def _lookup_kind(self, text: str) -> tuple[str, str] | None:
        s = _POSSESSIVE.sub("", " ".join(text.split()))
        for candidate in (s, _ARTICLE.sub("", s)):
            hit = self.alias.get(candidate) or self._folded.get(candidate.casefold())
            if hit:
                return hit
        return None

    def find_in(self, text: str, compiled, pos: int = 0) -> list[Mention]:
        """The mentions in a short text (a matched group): the same texts recur, each is searched once."""
        cache = self.__dict__.setdefault("_found", {})
        key = (text, pos, compiled.pattern)
        hit = cache.get(key)
        if hit is None:
            if len(cache) > 20000:
                cache.clear()
            hit = cache[key] = tuple(self.mentions_of(compiled.finditer(text, pos)))
        return list(hit)

    def mentions_of(self, matches) -> list[Mention]:
        """Mentions from the matches of a pattern of this index's aliases."""
        out = []
        for m in matches:
            code, kind = self.alias[m.group()]
            start, end = m.span()
            out.append(Mention(start, end, code, kind))
        return out
