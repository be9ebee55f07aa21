"""What a document says around its facts: which countries it is about (its main
pair), where its dateline places it, which person belongs to which country,
and where its date expressions stand.  Computed once per document, lazily."""
from __future__ import annotations

import bisect
import datetime
from collections import Counter
from functools import cached_property
from itertools import chain

import regex

from ..document import Document
from ..engine.accel import find, find_at, finder, fullmatches, scan, scan_spans
from ..engine.lazy import LazyPattern
from ..normalize.countries import NAME_SUFFIXES, REGIONS, WORLD_PART_BEFORE, Mention
from ..normalize.dates import DateResolver
from ..sentences import ends_with_stop
from .words import cue_words

# The cues that stand before a date (when something was said, a comparison base, "from")
# are pieces: reported_before, base_before, … (rules/pieces.yaml).
# An earlier one's date ("her second visit, after one in March") is a piece: earlier_one_before.
_YEAR_ALONE = LazyPattern(r"(?:19|20)\d\d\Z")
# "her second visit to Indonesia this year": the year the count runs over, not the visit's date
# (the text of a pattern with the pieces trip_noun and ordinal_after_first: compiled with the rule set's pieces)
_COUNTED_TRIP = (r"(?i:\b(?:{ordinal_after_first}|\d+(?:nd|rd|th))\s+(?:[\p{L}-]+\s+){0,2}?(?:{trip_noun})s?"
                 r"(?:\s+(?:to|of|in)\s+(?:the\s+)?\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,2})?\s+\Z)")
_DATELINE = LazyPattern(
    r"(?m)^[ \t]*(?P<place>\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2})"
    r"(?:[ \t]+\(\p{Lu}[\p{L} '’.-]{2,30}\)(?=[ \t]*,))?"  # "SOFIA (Bulgaria), February 26 (SeeNews) -": the country after the city
    r"(?:[ \t]*,[ \t]*(?P<day>\p{L}+\.?[ \t]*\d{0,2}|\d{1,2}(?:st|nd|rd|th)?[ \t]+\p{L}+\.?(?:,?[ \t]*\d{4})?|\d{1,2}\.\d{1,2}\.\d{2,4}))?(?:[ \t]*\[[^\]\n]*\])?(?:[ \t]*,[^\n(]{0,40})?"
    r"(?:[ \t]*\((?P<outlet>[^)\n]*)\))?[ \t]*(?:[—–:]|--?(?=\s|\p{Lu})|(?<=\))\.[—–-](?=\s|\p{Lu})|"  # "Quito, Mar 3 (Xinhua).- …"
    r"(?<=\d,[ \t]*\p{Lu}{2,12})\.(?=[ \t]+\p{Lu})"  # "Baku, October 22, APA.", "YEREVAN, JUNE 3, ARMENPRESS."
    r"|(?(day)(?<=(?:\d|\p{L}\.)[ \t]*\([^)\n]*\))\.?(?=[ \t]+\p{Lu})|(?!))"  # "Havana, Apr 8 (Prensa Latina) Cuba and …", "Lima, Jul. 3 (Andes). The …", "Niamey, 9 Mar. (ANP) The …": a day and an agency, no dash
    r"|(?(day)/[^/\n]{2,30}/\.?(?=[ \t]+\p{Lu})|(?!))"  # "Bishkek, Nov. 27 /Kabar/. The …", "DUSHANBE, 28.11.2026 /NIAT "Khovar"/. On …"
    r"|(?(day)(?<=(?:19|20)\d\d)[ \t]*(?=\r?\n)|(?!)))")  # a press release's line of its own: "Mexico City, June 14, 2021"


# the state, province or country after a dateline's town: "BISMARCK, N.D. —", "DES MOINES, Iowa (AP) —",
# "EVIAN-LES-BAINS, France, June 16 (Reuters) -"
_REGION_SAID = LazyPattern(r"[ \t]*,[ \t]*(\p{Lu}[\p{L}.]*(?:[ \t]\p{Lu}[\p{L}.]*){0,2})")
# a town's name in words and what joins them ("EVIAN-LES-BAINS": "EVIAN", "-", "LES", "-", "BAINS")
_TOWN_PARTS = LazyPattern(r"([\s-]+)")
# an outlet credited in brackets at a story's head, as a byline writes it ("By Li Wei (China Daily)")
_CREDIT = LazyPattern(r"\(([^()\n]{2,40})\)")
BYLINE_REACH = 400  # characters from the start where a byline may stand
# the day said after that state or country: ", June 16", ", 16 June 2026"
_DAY_AFTER_REGION = LazyPattern(r"[ \t]*,[ \t]*(\p{L}+\.?[ \t]*\d{1,2}(?!\d)|\d{1,2}(?:st|nd|rd|th)?[ \t]+\p{L}+\.?)(?:,?[ \t]*\d{4})?")
# a dash glued to the words on both sides: "China-Brazil", "Kazakhstan–Uzbekistan" (a headline's pair, when the
# word after it is a place; "BEIJING (Reuters) -China increased" is a dateline)
_PAIR_DASH = LazyPattern(r"[-–—](?=\p{Lu})")
_PLACE_WORDS = LazyPattern(r"\p{Lu}[\p{L}'’.]*(?:[ \t]+\p{Lu}[\p{L}'’.]*){0,2}")


# a state named right before a document's name as its owner or one side of a pair ("Kenya's pact",
# "the Armenia-EU agreement"): the evidence's own country
_OWNER_BEFORE = LazyPattern(r"\p{Lu}\p{L}+(?:['’](?:s\s+)?|[-–])\Z")
_GLUED_OWNER = LazyPattern(r"\p{Lu}\p{L}+\Z")  # the same, when the evidence starts inside it ("-EU Agreement", "s pact")
_CAPITALISED = LazyPattern(r"(?<![\p{L}\d])\p{Lu}[\p{L}'’-]+")   # a word that may be a surname
# a place in brackets right after a capitalised word, ending at the place's end ("Bank of China (Hong Kong")
_QUALIFIER = LazyPattern(r"(?s:.*?)(?<![\p{L}\d])\p{Lu}[\p{L}'’.-]*\s\([^()]{2,30}\)")  # (the place right after the bracket)
# "the US state of Georgia" (us_state_before), "the South China Sea", "the Gulf of Guinea" (water_after,
# water_before): pieces
_COMMA_ONLY = LazyPattern(r"\s*,\s*")
# a demonym that is a person's given name, between a first name and a middle initial ("Justine Irish D. Tabile")
_GIVEN_NAME_BEFORE = LazyPattern(r"(?<![\p{L}.])\p{Lu}\p{Ll}+\s\Z")
_INITIAL_AFTER = LazyPattern(r"\s\p{Lu}\.\s\p{Lu}\p{Ll}")
_CLAUSE_MARKS = ",;:()–—"  # where a clause starts, for a coordinated item's verb
_VERB_WORDS = 6  # words before an item where the verb it shares may stand
# a list of countries ("A, B and C") and what may stand between it and the document's evidence: the list as
# the signing's subject ("Chile, Peru and Colombia on Monday signed"), or its signers after it ("… by A, B and C")
LIST_JOIN = LazyPattern(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?")  # between the items of a list of places ("A and the B Islands")
# Bare "Congo" is the Republic of the Congo (COG) in the data, but news about
# the Democratic Republic of the Congo names it in full once ("the Democratic
# Republic of Congo (DRC)") and then says "Congo": after a DRC mention in the
# same document, bare "Congo" is COD.  short form -> (its code, the code it takes)
_SHORT_AFTER_LONG = {"Congo": ("COG", "COD")}



def _day_said(head: str, m, region) -> str | None:
    """The day a dateline says: its own ("LIMA, March 3 -"), or the one after the state or country said
    after its town (`region`, _REGION_SAID's match), which the dateline's pattern took for its day
    ("EVIAN-LES-BAINS, France, June 16 -")."""
    day = m.group("day")
    if day and any(c.isdigit() for c in day):
        return day
    after = region and _DAY_AFTER_REGION.match(head, region.end(), m.end())
    return after.group(1) if after else day


def _unshared(table: dict, values_by_surname: dict) -> None:
    """Drop from `table` each surname key whose people, two or more, differ (`values_by_surname`:
    surname -> the set of their values): the surname alone names none of them."""
    for surname, values in values_by_surname.items():
        if len(values) > 1:
            table.pop(surname, None)


def last_name(name: str) -> str:
    """The last word of a name that is no suffix: "Marcos" of "Ferdinand R. Marcos Jr."."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(",.") in NAME_SUFFIXES:
        words.pop()
    return words[-1].rstrip(",") if words else name


_CAPITAL_NEXT = LazyPattern(r"\s+\p{Lu}")
# a run of capitalised words on one line, where a known person's whole name may stand (_known_untitled)
_CAPITALISED_RUN = LazyPattern(r"(?<![\w'’-])\p{Lu}[\p{L}'’-]+(?:[^\S\n]+\p{Lu}[\p{L}'’-]+)+")
_NAME_WORDS = 4  # the most words of a whole name looked up


def _could_call(alias: str, name: str) -> bool:
    """Whether `alias` can be the name's short form: a word written as words are ("Jokowi"), or
    capitals that are the name's initials in order ("AMLO" of "Andrés Manuel López Obrador"), not a
    party's or a post's letters ("(BJP)", "(PhD)", "(APC)")."""
    if not alias.isupper():
        return alias[1:].islower() or " " in alias
    initials = "".join(word[0] for word in name.split() if word[:1].isupper())
    return alias == initials or (len(alias) >= 3 and alias in initials)


# a name's alias in brackets right after it: one or two capitalised words, or initials
_ALIAS_AFTER = LazyPattern(r"[^\S\n]*\((?P<alias>\p{Lu}[\p{L}'’-]{2,}(?:[^\S\n]\p{Lu}[\p{L}'’-]+)?)\)")


def _by_short_word(pairs, common, lead, office) -> dict:
    """{word: value} for the (name, value) pairs of names of two words or more, by the words a
    name is said by alone: its first word ("Xi" of "Xi Jinping", "Prabowo") and a capitalised middle
    one of three letters or more ("Lula" of "Luiz Inácio Lula da Silva"; the last word is the
    surname, kept apart), after a courtesy title (`lead`, the piece courtesy_lead), never a common
    first name (`common`: the piece common_first_name) nor a word of an office (`office`: the piece
    title_start, "Minister" of a name read with its office), and only a word whose names all have one value."""
    found: dict = {}
    for name, value in pairs:
        words = lead.sub("", name).split()
        short = [w for i, w in enumerate(words[:-1]) if i == 0 or (len(w) > 2 and w[:1].isupper())]
        for word in short if len(words) > 1 else ():
            if not common.fullmatch(word) and not office.fullmatch(word):
                found[word] = value if found.get(word, value) == value else None
    return {word: value for word, value in found.items() if value is not None}


def _whole_words_at(text: str, name: str, start: int, glued_after: bool = False):
    """Where `name` stands in text[start:] as whole words (no letter, digit, apostrophe or hyphen
    glued to it; with `glued_after`, only before it: a currency's sign before its figure, "C$1.2"):
    plain searches, no pattern compiled for a name the document introduces."""
    at = text.find(name, start)
    while at >= 0:
        end = at + len(name)
        if not (_glued(text, at - 1) or (not glued_after and _glued(text, end))):
            yield at
        at = text.find(name, at + 1)


def _glued(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_'’-")


class DocumentContext:
    def __init__(self, doc: Document, ruleset):
        self.doc = doc
        self.ruleset = ruleset
        self.dates = DateResolver(doc.published, ruleset.numbers)
        self._dates: dict = {}
        self._cues: dict = {}
        self._signs_written: dict[str, bool] = {}  # writes_sign_of

    @cached_property
    def met(self):
        """Which words the rules need each sentence holds (engine/prefilter.py), or None."""
        return self.ruleset.prefilter().met(self.doc)

    def remembered(self, key, compute):
        """A result about this document computed once: kept with the per-document cues
        (they live as long as the document's context)."""
        if key not in self._cues:
            self._cues[key] = compute()
        return self._cues[key]

    @cached_property
    def words(self) -> dict[str, tuple[str, ...]]:
        """The pieces read as lists of words (facts/words.py: "relative_word" -> ("that", "which"))."""
        return cue_words(self.ruleset.pieces)

    # -- countries -------------------------------------------------------------
    @cached_property
    def mentions(self):
        """Country mentions of the body, less those that are part of a currency
        ("US dollars", "US$1.72 billion")."""
        text = self.doc.text
        after = finder(self.ruleset.pieces.compiled("currency_after"), self.doc, anchored=True)
        before = finder(self.ruleset.pieces.compiled("currency_before"), self.doc, anchored=True)
        end = len(text)
        countries = self.ruleset.countries
        out = []
        alias = countries.alias
        found = countries.leftmost([Mention(a, b, *alias[text[a:b]]) for scan in self.ruleset.country_scans()
                                    for a, b in scan_spans(scan, self.doc, self.doc.body_start)])
        pieces, words = self.ruleset.pieces, self.words
        part = words["world_part_name"]
        found = [m for m in found if not (text.startswith(part, m.start)  # (its demonym too: "South American")
                                          and WORLD_PART_BEFORE.search(text, max(0, m.start - 9), m.start))]
        # (the cheap tests first: a word of water_after_word after the name, water_of before it, us_state_word)
        water_next, water_of = tuple(" " + w for w in words["water_after_word"]), words["water_of"]
        water_after, water_before = pieces.compiled("water_after"), pieces.compiled("water_before")
        state_words, state_before = words["us_state_word"], pieces.compiled("us_state_before")
        # a false friend ("Male", "Jordan") counts in a place context, in the dateline, or (a
        # country name) when the document names that country unambiguously as well ("Jordanian")
        ambiguous = countries.ambiguous
        forms = [text[m.start:m.end] for m in found]
        sure = {m.code for m, form in zip(found, forms) if form not in ambiguous}
        line_end = self._dateline_match[0] if self._dateline_match else -1
        for m, form in zip(found, forms):
            start = m.start
            if after(start, end) or self.doc.in_links(start, m.end):
                continue
            sign = before(start, end)
            if sign and sign[1] > m.end:
                continue
            if (form in ambiguous and m.end > line_end and not countries.place_ok(text, start, m.end, m.code)
                    and not (m.kind == "names" and m.code in sure)):
                continue
            if (m.kind == "demonyms" and _INITIAL_AFTER.match(text, m.end)
                    and _GIVEN_NAME_BEFORE.search(text, max(0, start - 20), start)):
                continue  # "By Justine Irish D. Tabile": a name, not Ireland
            if m.kind in ("capitals", "cities", REGIONS) and _beside_capitalised(text, start, m.end) and self._in_a_name(start, m.end):
                continue  # "President Santiago Peña": a person's name, not Chile's capital ("Virginia Raggi": nor a state)
            if m.kind in ("names", "demonyms") and (
                    (text.startswith(water_next, m.end) and water_after.match(text, m.end))
                    or (text.endswith(water_of, 0, start - 1 if start > 0 else 0) and water_before.search(text, max(0, start - 16), start))):
                continue  # "the South China Sea", "the Gulf of Mexico"
            if m.kind == "names":
                # "the US state of Georgia" (the cheap test first: a word of us_state_word is there)
                state, low = False, start - 30 if start > 30 else 0
                for w in state_words:
                    if text.find(w, low, start) >= 0:
                        state = state_before.search(text, low, start) is not None
                        break
                if state:
                    continue
                if (out and out[-1].kind in ("capitals", "cities") and out[-1].code != m.code
                        and _COMMA_ONLY.fullmatch(text, out[-1].end, start)):
                    continue  # "Atlanta, Georgia": a state or province named like a country
            if m.end < end and text[m.end] == ")" and text[start - 1:start] == "(" \
                    and _QUALIFIER.fullmatch(text, max(0, start - 40), m.end + 1):
                continue  # a branch's place in its name ("Bank of China (Hong Kong)"): no country of the text
            if form in _SHORT_AFTER_LONG and any(o.code == _SHORT_AFTER_LONG[form][1] for o in out):
                m = Mention(start, m.end, _SHORT_AFTER_LONG[form][1], m.kind)
            out.append(m)
        return self._with_introduced(self._shared_resolved(out))

    @property
    def shared_choice(self) -> dict[str, str]:
        """A form two countries share ("Congolese") -> the one of them this document names
        (made with the mentions: _shared_resolved)."""
        _ = self.mentions
        return self._shared_choice

    def _shared_resolved(self, found: list) -> list:
        """The mentions, each of a form two countries share ("Congolese") given the one of them
        the document names by a form of its own ("Brazzaville", "Republic of the Congo") or by
        its dateline, when it names one only (kept: shared_choice)."""
        shared, text = self.ruleset.countries.shared, self.doc.text
        self._shared_choice: dict[str, str] = {}
        if not shared:
            return found
        forms = [text[m.start:m.end] for m in found]
        if not any(form in shared for form in forms):
            return found
        named = {m.code for m, form in zip(found, forms) if form not in shared} | {self.dateline_country}
        for form in set(forms) & shared.keys():
            among = [code for code in shared[form] if code in named]
            if len(among) == 1:
                self._shared_choice[form] = among[0]
        return [m._replace(code=self._shared_choice[form]) if form in self._shared_choice else m
                for m, form in zip(found, forms)]

    def _with_introduced(self, found: list) -> list:
        """The mentions, with every mention of a place the text introduces by its country's people word
        and the country data does not know, or knows as a region only ("the Bolivian border town of Cobija",
        "the Kenyan coastal town of Lamu": piece place_introduced), as a city of that country."""
        text, places = self.doc.text, self._introduced_places
        if not places:
            return found
        found = [m._replace(kind="cities") if m.kind == REGIONS and places.get(text[m.start:m.end]) == m.code else m
                 for m in found]
        taken = [(m.start, m.end) for m in found]
        extra = [Mention(start, start + len(name), code, "cities")
                 for name, code in places.items() for start in _whole_words_at(text, name, self.doc.body_start)
                 if not any(a < start + len(name) and start < b for a, b in taken)]
        return sorted(found + extra, key=lambda m: m.start)

    @cached_property
    def _introduced_places(self) -> dict[str, str]:
        """Place -> country code, for each place the text introduces with its country and the
        country data does not know, or knows as one of that country's regions only (piece place_introduced)."""
        pieces, countries = self.ruleset.pieces, self.ruleset.countries
        places: dict[str, str] = {}
        if "place_introduced" not in pieces:
            return places
        for m in scan(pieces.compiled("place_introduced"), self.doc, self.doc.body_start):
            code = countries.lookup(m.group("dem"))
            known = countries.lookup_kind(m.group("place"), place=True)
            if code and (not known or known == (code, REGIONS)):
                places.setdefault(m.group("place"), code)
        return places

    @cached_property
    def venue_starts(self) -> set[int]:
        """Where the mentions that name a venue start: a city, capital or seat of
        government after "in" or "at" ("in Jeddah", "at the Kremlin"), and the country
        named after it ("in Jeddah, Saudi Arabia")."""
        text, out, last = self.doc.text, set(), None
        at_place = self.ruleset.pieces.compiled("at_place_before")
        for m in self.mentions:
            if m.kind in ("capitals", "cities", "venues") and at_place.search(text, max(0, m.start - 12), m.start):
                out.add(m.start)
            elif (m.kind == "names" and last is not None and last.start in out
                  and _COMMA_ONLY.fullmatch(text, last.end, m.start)):
                out.add(m.start)
            last = m
        return out

    @cached_property
    def first_places(self) -> dict[str, str]:
        """Country code -> the first of its capitals or cities the text names."""
        out: dict[str, str] = {}
        for m in self.mentions:
            if m.kind in ("capitals", "cities"):
                out.setdefault(m.code, self.doc.text[m.start:m.end])
        return out

    @cached_property
    def _mention_bounds(self) -> tuple[list[int], list[int]]:
        """The mentions' starts and ends: both ascending (mentions never overlap)."""
        return [m.start for m in self.mentions], [m.end for m in self.mentions]

    def mentions_in(self, start: int, end: int):
        """The mentions that lie inside text[start:end]."""
        starts, ends = self._mention_bounds
        return self.mentions[bisect.bisect_left(starts, start):bisect.bisect_right(ends, end)]

    def inside_place(self, offset: int) -> bool:
        """Whether `offset` falls inside a place the text names, past its first word ("Salaam" of
        "Dar es Salaam", "Rica" of "Costa Rica"): a fragment of a place, no one's name."""
        starts, ends = self._mention_bounds
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and starts[i] < offset < ends[i]

    @cached_property
    def main_pair(self) -> list[str]:
        """The two countries the document is most about (mentions, dateline)."""
        counts = Counter(m.code for m in self.mentions)
        first = {}
        for m in self.mentions:
            first.setdefault(m.code, m.start)
        if self.dateline and self.dateline[1]:
            counts[self.dateline[1]] += 1
            first.setdefault(self.dateline[1], -1)
        ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))
        return ranked[:2]

    @cached_property
    def bloc_partner(self) -> bool:
        """Whether the document's other party is a bloc ("the EU and Kazakhstan"): the bloc
        is named at least twice, and the second country of the main pair at most once
        but as a venue ("the summit in Samarkand" names no party)."""
        pair = self.main_pair
        if not pair:
            return False
        venues = self.venue_starts
        second = sum(1 for m in self.mentions if m.code == pair[1] and m.start not in venues) if len(pair) > 1 else 0
        return second <= 1 and sum(1 for _ in self.ruleset.pieces.compiled("bloc").finditer(self.doc.text, self.doc.body_start)) >= 2

    @cached_property
    def home_countries(self) -> list[str]:
        """The countries whose currency a shared form ("Rs") most likely is: the
        dateline's, then the main pair's, the story's own country first: the one it
        speaks for more often ("Sri Lanka's exports to India ... Sri Lanka's central
        bank": a Sri Lankan story's "rupees" are Sri Lankan), then the others it speaks for, most
        often first (a story of Sri Lanka's tea sales to Iraq and the UAE)."""
        line = [self.dateline[1]] if self.dateline and self.dateline[1] else []
        pair = sorted((c for c in self.main_pair if c not in line), key=self._possessives.__getitem__, reverse=True)
        told = [c for c, _ in self._possessives.most_common() if c not in line and c not in pair]
        return line + pair + told

    def writes_sign_of(self, code: str) -> bool:
        """Whether the document writes a sign of the currency `code` that is its own ("C$1.2 billion"),
        straight before a figure (read once per code and document)."""
        found = self._signs_written.get(code)
        if found is None:
            text = self.doc.text
            found = self._signs_written[code] = any(
                text[i + len(sign):i + len(sign) + 2].lstrip()[:1].isdigit()
                for sign in self.ruleset.currencies.own_signs.get(code, ())
                for i in _whole_words_at(text, sign, 0, glued_after=True))
        return found

    def home_other_than(self, code: str) -> str | None:
        """The story's own country (home_countries' first) other than `code`: the other party of a
        document named with one partner ("a tax treaty with Chile", "the Chile treaty")."""
        return next((c for c in self.home_countries if c != code), None)

    def owners_in(self, start: int, end: int) -> list[str]:
        """The countries named as owners in text[start:end], in order ("Sri Lanka's", "India’s")."""
        text = self.doc.text
        return [m.code for m in self.mentions_in(start, end) if m.kind == "names" and text.startswith(("'s", "’s"), m.end)]

    @cached_property
    def _possessives(self) -> Counter:
        """Country code -> how often the text names it as an owner (owners_in)."""
        return Counter(self.owners_in(0, len(self.doc.text)))

    def country_in(self, text: str, start: int | None = None) -> str | None:
        """The country a phrase names: the whole phrase ('Kazakh'), else the first
        country inside it ('Minister of Foreign Affairs of Tajikistan').  With the
        phrase's offset in the document, a false friend ("Male", "Jordan") counts
        where the document scan keeps it (a place context, the dateline)."""
        countries = self.ruleset.countries
        code = countries.lookup(text)
        if code:
            shared = code in countries.shared_first
            if shared or start is not None:
                bare = " ".join(text.split()).removeprefix("the ").removesuffix("'s").removesuffix("’s")
            if shared:  # "Congolese": the Congo the document names (see _shared_resolved)
                code = self.shared_choice.get(bare, code)
            if start is not None:
                short = _SHORT_AFTER_LONG.get(bare)
                if short and code == short[0] and any(m.code == short[1] and m.start < start for m in self.mentions):
                    return short[1]
            return code
        if start is not None:
            end = start + len(text)
            hit = countries.lookup(text, place=True)
            if hit and any(m.code == hit for m in self.mentions_in(start, end)):
                return hit
            if hit and (self.doc.text[start:end] == text
                        and countries.place_ok(self.doc.text, start + len(text) - len(text.lstrip()), end, hit)):
                return hit
            if not hit:  # a place the text itself introduces ("in Dhahran, Saudi Arabia": _with_introduced)
                at = start + len(text) - len(text.lstrip())
                introduced = [m.code for m in self.mentions_in(at, end) if m.start == at and m.end == end]
                if introduced:
                    return introduced[0]
        found = countries.find_in(text, self.ruleset.country_scans())
        return found[0].code if found else None

    def partner(self, code: str | None) -> str | None:
        """The other country of the main pair; when `code` is not in the pair, the
        pair's country of the dateline ("BEIJING — … trade with Ukraine"), else
        the country the text names most."""
        pair = self.main_pair
        if not code or (self.bloc_partner and code == pair[0]):
            return None
        others = [c for c in pair if c != code]
        line = self.dateline[1] if self.dateline else None
        if line in others:
            return line
        return others[0] if others else None

    def counterpart_of(self, code: str | None) -> str | None:
        """The country of one who meets "his Nigerian counterpart": the dateline's when the story names it
        in its body too and it is not `code` (a Ghanaian story of a tour of four neighbours: its main pair
        may be two of them), else the other of the main pair (partner)."""
        line = self.dateline[1] if self.dateline else None
        end = self.dateline_span[1]
        if code and line and line != code and any(m.code == line and m.start >= end for m in self.mentions):
            return line
        return self.partner(code)

    def countries_near(self, evidence: tuple[int, int], sentence: tuple[int, int], parties: bool = False) -> list[str]:
        """The countries a fact concerns: those named in its evidence; when fewer
        than two, the nearest others of its sentence (the main pair's first); then
        the document's main pair.  A venue ("signed in Jeddah, Saudi Arabia", "at
        the White House") is where it happened, not a party: its country counts
        only when the sentence names too few others.  With `parties` (a document's),
        a list of three or more countries that signs it ("Chile, Peru and Colombia signed
        a pact", "… was signed by Nepal, India and Bangladesh") are all its parties."""
        venues = self.venue_starts
        inside = self.mentions_in(*evidence)
        around = self.mentions_in(*sentence)
        mid = (evidence[0] + evidence[1]) / 2

        def nearest(mentions):  # the main pair's first, then the nearest to the evidence
            return _distinct(m.code for m in sorted(mentions, key=lambda m: (m.code not in self.main_pair,
                                                                             abs((m.start + m.end) / 2 - mid))))
        codes = _distinct(m.code for m in inside if m.start not in venues)  # all that the evidence names
        if parties and len(codes) < 2 and len(around) > 2:
            codes = _distinct(codes + self._party_list(evidence, [m for m in around if m.start not in venues]))
        own_partner = len(codes) == 1 and any(self._named_partner(m) for m in inside)
        if own_partner:
            # its own partner ("an agreement with Benin", "the Chile treaty"): another document's ("a pact
            # with Togo and an agreement with Benin", "… and the Croatia treaty") is no party to it
            around = [m for m in around if m in inside or not self._named_partner(m)]
        for more in (lambda: nearest(m for m in around if m.start not in venues),  # then up to two
                     lambda: [m.code for m in inside],
                     lambda: [] if self.bloc_partner else nearest(around)):  # a bloc's venue is no party
            if len(codes) >= 2:
                break
            codes += [c for c in _distinct(more()) if c not in codes][:2 - len(codes)]
        if len(codes) == 1 and parties and own_partner:
            # a document with its one partner named and no other party in its sentence: the story's own
            # country is the other ("WASHINGTON - … The Chile treaty was approved 95-2")
            other = self.home_other_than(codes[0])
            if other:
                codes.append(other)
        if len(codes) == 1:
            other = (self._traveller_country(codes[0], sentence) if codes[0] not in self.main_pair else None) \
                or self.partner(codes[0]) or None
            if other is None and self.main_pair and self.main_pair[0] != codes[0] and not self.bloc_partner:
                other = self.main_pair[0]
            if other:
                codes.append(other)
        if not codes:
            codes = list(self.main_pair[:1] if self.bloc_partner else self.main_pair)
        return sorted(set(codes))

    def _listed_runs(self, mentions) -> list[list]:
        """The mentions grouped into lists: runs of those joined as a list's items ("A, B and C")."""
        return _joined_runs(self.doc.text, mentions, LIST_JOIN, lambda m: (m.start, m.end))

    def _party_list(self, evidence: tuple[int, int], mentions: list) -> list[str]:
        """The countries of a list of three or more named next to the evidence: its subject
        ("Chile, Peru and Colombia (have) signed") or its signers after it ("… by A, B and C")."""
        text = self.doc.text
        runs = self._listed_runs([m for m in mentions if m.kind == "names"])
        pieces = self.ruleset.pieces
        for run in runs:
            codes = _distinct(m.code for m in run)
            if len(codes) > 2 and (
                    (run[-1].end <= evidence[0] and pieces.compiled("signing_subject_gap").fullmatch(text, run[-1].end, evidence[0]))
                    or (run[0].start >= evidence[1] and pieces.compiled("signers_gap").fullmatch(text, evidence[1], run[0].start))):
                return codes
        return []

    def respective(self, figure: tuple[int, int], sentence: tuple[int, int]) -> list[str] | None:
        """The countries of a figure in a list that ends in "respectively" ("trade with Chile and Peru
        reached $3 billion and $2 billion, respectively"): the country listed at the figure's place in a
        list of as many countries before it, with a country named before the figures outside that list
        ("China's trade with …"), else the one the listed country is paired with when named alone (not
        another of the list).  None when the figure is in no such list, or no list of countries matches it.
        The list: figures (piece listed_figure) joined by figure_joint, the last one followed by
        respectively_tail; each piece is matched on its own, so the reading is linear in the sentence."""
        items = next((r for r in self.remembered(("respective", sentence), lambda: self._respective_lists(sentence))
                      if r[0][0] <= figure[0] < r[-1][1]), None)
        if items is None:
            return None
        at = [i for i, (a, b) in enumerate(items) if a < figure[1] and figure[0] < b]
        if len(at) != 1:
            return None
        before = self.mentions_in(sentence[0], items[0][0])
        run = next((r for r in reversed(self._listed_runs(before))
                    if len(r) == len(items) and len({m.code for m in r}) == len(r)), None)
        if run is None:
            return None
        own, listed = run[at[0]], {m.code for m in run}
        venues = self.venue_starts
        others = _distinct(m.code for m in before if m.code not in listed and m.start not in venues)
        if others:  # a country named before the figures, outside the list ("China's trade with …")
            return sorted({own.code, others[0]})
        near = self.countries_near((own.start, own.end), (own.start, own.end))
        return near if not (set(near) - {own.code}) & listed else None

    def _respective_lists(self, sentence: tuple[int, int]) -> list[list[tuple[int, int]]]:
        """The lists of two figures or more that end in "respectively" in the sentence, each "respectively"
        its own list (read once per sentence)."""
        pieces = self.ruleset.pieces
        text, joint, tail = self.doc.text, pieces.compiled("figure_joint"), pieces.compiled("respectively_tail")
        lists, start = [], sentence[0]
        for said in scan_spans(pieces.compiled("respectively_word"), self.doc, *sentence):
            runs = _joined_runs(text, scan_spans(pieces.compiled("listed_figure"), self.doc, start, said[0]), joint)
            lists += [r for r in runs if len(r) > 1 and tail.fullmatch(text, r[-1][1], said[1])]
            start = said[1]
        return lists

    def bloc_party(self, evidence: tuple[int, int], name: str | None) -> list[str] | None:
        """The one state of a document between a bloc and that state, when its name
        names the bloc ("Kenya's Economic Partnership Agreement with the European Union",
        "the Armenia-EU Comprehensive Agreement"): the document's other party has no code,
        and the document's main pair is no party to it.  None when no bloc is named there, or
        other than one state."""
        text = self.doc.text
        start, end = evidence
        if not (name and self.ruleset.pieces.compiled("bloc").search(name)):
            return None
        glued = start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’" or text[start] in "-–")
        at = start - 1 if glued and text[start - 1] in "'’" else start
        owner = find(_GLUED_OWNER if glued else _OWNER_BEFORE, self.doc, max(0, at - 30), at)
        if owner is not None:
            start = owner[0]
        venues = self.venue_starts
        codes = _distinct(m.code for m in self.mentions_in(start, end) if m.start not in venues)
        return codes if len(codes) == 1 else None

    def _traveller_country(self, code: str, sentence: tuple[int, int]) -> str | None:
        """The country of a person the sentence names, when it is not `code` ("Chinh will
        travel to Colombia, where the two governments plan to sign …": Vietnam's)."""
        people = self.people
        for m in _CAPITALISED.finditer(self.doc.text, *sentence):
            other = people.get(m.group())
            if other and other != code:
                return other
        return None

    def _named_partner(self, mention) -> bool:
        """Whether a country is named as a document's partner, right after "with" ("a pact with Togo")
        or right before the document's noun ("the Chile treaty": piece kind_after)."""
        pieces = self.ruleset.pieces
        if find(pieces.compiled("with_before"), self.doc, max(0, mention.start - 12), mention.start) is not None:
            return True
        return "kind_after" in pieces and pieces.compiled("kind_after").match(self.doc.text, mention.end) is not None

    # -- dateline ----------------------------------------------------------------
    @cached_property
    def _dateline_match(self):
        """(end offset, place, country, day said, place's offset, outlet said) of the dateline ('ASTANA —',
        'New Delhi, Feb 18 (PTI)': the outlet is 'PTI')
        in the first lines, when its place is a known capital or country."""
        head = self.doc.text[self.doc.body_start:self.doc.body_start + 400]  # "^" must see the header's end as a line start
        first = None  # a place without a day ("Mozambique: Government ratifies …", a headline), when a dated one follows
        for m in _DATELINE.finditer(head):
            place = m.group("place").strip()
            if head[m.end() - 2:m.end() - 1].isalpha() and _PAIR_DASH.match(head, m.end() - 1) and self._names_place(head, m.end()):
                continue  # "China-Brazil trade up 7.1%", "Kazakhstan–Uzbekistan ties": a pair in a headline
            # a dateline is a place context: "MALE —", "Victoria, Seychelles —"
            hit = (self.ruleset.countries.lookup_kind(place.title(), place=True)
                   or self.ruleset.countries.lookup_kind(place, place=True))
            if not hit:  # a city the story itself places ("Dhahran, April 15 - … in the Saudi city of Dhahran")
                code = self._introduced_places.get(place.title()) or self._introduced_places.get(place)
                hit = (code, "cities") if code else None
            region = _REGION_SAID.match(head, m.end("place"), m.end())
            if not hit:  # a town with its state, province or country ("BISMARCK, N.D. —", "EVIAN, France, June 16 -")
                hit = self._region_after(region)
            if hit:
                day = _day_said(head, m, region)
                found = (self.doc.body_start + m.end(), self._town_cased(place), hit[0], day,
                         self.doc.body_start + m.start("place"), m.group("outlet"))
                if day:
                    return found
                first = first or found
        return first

    def _town_cased(self, place: str) -> str:
        """A dateline's place as a name is written: "Evian-les-Bains" of "EVIAN-LES-BAINS", "Dar es Salaam"
        of "DAR ES SALAAM" (the piece town_particle); a place not in capitals as it is."""
        if not place.isupper():
            return place
        small = self.words["town_particle"]
        parts = _TOWN_PARTS.split(place.title())
        return "".join(part.lower() if 0 < i < len(parts) - 1 and part.lower() in small else part
                       for i, part in enumerate(parts))

    def _region_after(self, said) -> tuple[str, str] | None:
        """The country of the state, province or country said after a dateline's town (`said`,
        _REGION_SAID's match), when the data knows it."""
        hit = said and self.ruleset.countries.lookup_kind(said.group(1), place=True)
        return hit if hit and hit[1] in (REGIONS, "names") else None

    def _names_place(self, text: str, start: int) -> bool:
        """Whether the word(s) at text[start:] name a country or a place ("Brazil", "UAE", "South Korea")."""
        words = _PLACE_WORDS.match(text, start)
        if not words:
            return False
        parts = words.group().split()
        lookup = self.ruleset.countries.lookup_kind
        return any(lookup(" ".join(parts[:n]), place=True) for n in range(len(parts), 0, -1))

    @property
    def dateline(self) -> tuple[str, str] | None:
        """('Astana', 'KAZ') from 'ASTANA —'."""
        return self._dateline_match[1:3] if self._dateline_match else None

    @property
    def dateline_span(self) -> tuple[int, int]:
        """Where the dateline starts (its place) and ends in the text; (-1, -1) with none."""
        return (self._dateline_match[4], self._dateline_match[0]) if self._dateline_match else (-1, -1)

    @property
    def dateline_country(self) -> str | None:
        """'KAZ' from 'ASTANA —': the country a story was filed in."""
        return self._dateline_match[2] if self._dateline_match else None

    @cached_property
    def filed_by_agency(self) -> bool:
        """Whether the dateline names a news agency (the piece news_outlet: "CANBERRA, March 5 (Yonhap) -"),
        or a byline at the story's head credits one ("By Li Wei (China Daily)"): a wire story, whose "$"
        is the US dollar wherever it is filed (CurrencyTable.in_context)."""
        outlet = self._dateline_match[5] if self._dateline_match else None
        known = self.ruleset.pieces.compiled("news_outlet")
        if outlet and known.fullmatch(outlet.strip()) is not None:
            return True
        return any(known.fullmatch(said) for said in _CREDIT.findall(self.doc.text[:BYLINE_REACH]))

    @cached_property
    def dateline_day(self) -> str | None:
        """The day the dateline gives ("ASTANA, Feb 20 (Kazinform) -": 2025-02-20, by the
        publication date), when it gives a month and a day: the day the story was filed."""
        said = self._dateline_match[3] if self._dateline_match else None
        # read as past: a dateline's day is never after publication ("Dec 31" in a story of 1 January)
        value = self.dates.resolve(said, "past") if said and any(c.isdigit() for c in said) else None
        return value if value and len(value) == 10 else None

    # -- people -------------------------------------------------------------------
    @cached_property
    def people(self) -> dict[str, str]:
        """Surname (and full name) -> country, from "Kazakh President X" style mentions; a surname two
        people of different countries share (a family's name: "Sheikh Tamim bin Hamad Al-Thani" of Qatar,
        a Turkish minister "… Al-Thani" misread) stands for neither (_unshared)."""
        out: dict[str, str] = {}
        by_surname: dict[str, set] = {}
        met = self.met
        for k, pattern in enumerate(self.ruleset.people):
            if met is not None and not met.may_scan(k):  # it needs words the document lacks
                continue
            # "… of A and B, X and Y"; a second name with no country of its own shares the first's ("X and Y met
            # their Bolivian peers")
            pairs = (_PAIRS if "country2" in pattern.groupindex else _SHARED_PAIR) if "name2" in pattern.groupindex \
                else _PAIRS[:1]
            # a name first said here (the headline aside): one said before is someone else
            fresh = "_fresh" in pattern.groupindex
            # an office after the name ("X, President of Ghana"), not the next one's ("X, President of Mongolia Y")
            apposed = "_apposed" in pattern.groupindex
            # a country the person is not ("X will meet his Bolivian peer"): the other of the story's pair
            other = "_other" in pattern.groupindex
            for m in self._mentions_of(pattern):
                for country, person in pairs:
                    code = self.country_in(m.group(country), m.start(country))
                    if other:
                        code = self.counterpart_of(code)
                    if not code or (apposed and self._name_after_country(m.group(country))):
                        continue
                    name = self._without_courtesy(m.group(person).strip())
                    if fresh and self.said_before(name, m.start()):
                        continue
                    out.setdefault(name, code)
                    out.setdefault(last_name(name), code)
                    by_surname.setdefault(last_name(name), set()).add(code)
        _unshared(out, by_surname)
        # a name said by a word of it ("Xi" of "Xi Jinping", "Prabowo", "Lula"): that name's country
        pieces = self.ruleset.pieces
        for first, code in _by_short_word(list(out.items()), pieces.compiled("common_first_name"),
                                          pieces.compiled("courtesy_lead"), pieces.compiled("title_start")).items():
            out.setdefault(first, code)
        return out

    def _mentions_of(self, pattern):
        """The matches of a people pattern in the body whose name and country start in the sentence
        the match starts in: one that runs across a sentence's end ("… talks in Wellington. Australia's
        new Foreign Minister X", where the country is read as "Wellington. Australia") is none, and
        the search starts again at the next sentence."""
        doc, at = self.doc, self.doc.body_start
        groups = [g for g in ("name", "country", "name2", "country2") if g in pattern.groupindex]
        while at is not None:
            start, at = at, None
            for m in scan(pattern, doc, start):
                first = doc.sentence_index(m.start())
                if any(m.start(g) >= 0 and doc.sentence_index(m.start(g)) != first for g in groups):
                    at = self._next_sentence_start(first)
                    break
                yield m

    def _next_sentence_start(self, index: int) -> int | None:
        """Where the sentence after sentence `index` starts; None after the last."""
        return self.doc.sentences[index + 1][0] if index + 1 < len(self.doc.sentences) else None

    def _name_after_country(self, office: str) -> bool:
        """Whether capitalised words follow the last country an office names
        ("President of Mongolia Batbold Tseren": the office of the next person named)."""
        found = self.ruleset.countries.find_in(office, self.ruleset.country_scans())
        rest = office[found[-1].end:].split() if found else []
        return bool(rest) and rest[0][:1].isupper()

    def said_before(self, name: str, offset: int) -> bool:
        """Whether the person's last name is said in the body before `offset`, the
        headline aside (a name first said at `offset` may stand for an office said
        before it; one said earlier is someone else)."""
        return self.doc.text.find(last_name(name), self._after_headline, offset) >= 0

    @cached_property
    def _after_headline(self) -> int:
        """Where the line after the body's first line (its headline) starts."""
        text, start = self.doc.text, self.doc.body_start
        while start < len(text) and text[start].isspace():
            start += 1
        return text.find("\n", start) + 1 or len(text)

    @cached_property
    def _titled(self) -> list[tuple[int, int, str, str | None]]:
        """(start, end, name, title) of every "Title Name" mention, and of both people
        of a `paired_people` mention ("the Prime Ministers of A and B, X and Y"), in order."""
        pattern = self.ruleset.pieces.compiled("titled_person")
        # an office read as title and name ("Chief Adviser": "Chief" "Adviser") is no one
        nobody = self.ruleset.pieces.compiled("not_a_person")
        office = self.ruleset.pieces.compiled("title")  # an office read as a name ("…, Vice-President, Trade Minister X")
        found, at = [], self.doc.body_start
        while at is not None:
            start, at = at, None
            for m in scan(pattern, self.doc, start):
                name = m.group("name")
                first = self.doc.sentence_index(m.start())
                if self.doc.sentence_index(m.start("name")) != first:
                    # an office that ends a sentence names no one of the next ("… met the Speaker of the House.
                    # Sources said …"): read again from the next sentence (as _mentions_of does)
                    at = self._next_sentence_start(first)
                    break
                if not nobody.match(name) and not self._names_a_place(m.start("name"), name) and not self._an_office(office, name):
                    found.append((m.start(), m.end(), self._without_courtesy(name), m.group("title")))
                elif m.start("title") > m.start("name"):
                    # an office read after what is no name ("… in Dhahran, Saudi Arabia, Jordan's King X": a
                    # place's last word; or a word not_a_person refuses) is the next person's: read again from it
                    at = m.start("title")
                    break
        if "paired_people" in self.ruleset.pieces:
            for m in scan(self.ruleset.pieces.compiled("paired_people"), self.doc, self.doc.body_start):
                title = _singular_office(m.group("title"))
                found += [(m.start(name), m.end(name), m.group(name), title) for name in ("name", "name2")]
            found.sort()
        return found

    def _an_office(self, office, name: str) -> bool:
        """Whether a "name" is an office, maybe with its country's word first ("Vietnamese Deputy Prime Minister")."""
        first, _, rest = name.partition(" ")
        return fullmatches(office, name) or bool(rest and self.ruleset.countries.lookup(first) and fullmatches(office, rest))

    def _names_a_place(self, start: int, name: str) -> bool:
        """Whether a "name" is a country's ("Saudi Arabia, Jordan's King X": the name read before the
        office) or its first word ends a country's name with the (up to three) words before it ("Arabia"
        of "Saudi Arabia", "Tobago" of "Trinidad and Tobago"): a place, or a fragment of one, no one's
        name.  (Read from the words, not from the mentions: `inside_place` reads those, and the mentions
        read the titled names, which this decides.)"""
        lookup = self.ruleset.countries.lookup
        if lookup(name):
            return True
        before = self.doc.text[max(0, start - 40):start]
        if not before.endswith(" "):
            return False
        words, first = before.split(), name.split()[0]
        return any(len(words) >= k and words[-k][:1].isupper() and lookup(" ".join(words[-k:] + [first]))
                   for k in (1, 2, 3))

    @cached_property
    def _name_spans(self) -> tuple[list[int], list[int]]:
        # (read only for a place beside a capitalised word, _beside_capitalised: most documents never scan for titles here)
        """The starts and ends of the names of titled people ("President Santiago Peña": "Santiago Peña")."""
        text, starts, ends = self.doc.text, [], []
        for start, end, name, _ in self._titled:
            at = text.find(name, start, end)
            if at >= 0 and (not starts or at >= ends[-1]):
                starts.append(at)
                ends.append(at + len(name))
        return starts, ends

    def _in_a_name(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside the name of a titled person."""
        starts, ends = self._name_spans
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and end <= ends[i]

    def _without_courtesy(self, name: str) -> str:
        """The name without the courtesy said before it ("Hon. X", "Dr. Y": piece courtesy_title)."""
        return self.ruleset.pieces.compiled("courtesy_title").sub("", name) or name

    @cached_property
    def titled_people(self) -> list[tuple[int, str, str | None]]:
        """(offset, name, title) of every "Title Name" mention, in order (a
        counterpart's title is None)."""
        return [(start, name, title) for start, _, name, title in self._titled]

    @cached_property
    def _titled_starts(self) -> list[int]:
        return [p[0] for p in self.titled_people]

    @cached_property
    def _named_starts(self) -> list[int]:
        return [p[0] for p in self.named_people]

    def titled_between(self, start: int, end: int) -> list[tuple[int, str, str | None]]:
        """The "Title Name" mentions that start in [start, end) (found by bisection)."""
        return _between(self.titled_people, self._titled_starts, start, end)

    def named_between(self, start: int, end: int) -> list[tuple[int, str, str | None]]:
        """The mentions of named people (titled, or by a name the text titles elsewhere)
        that start in [start, end)."""
        return _between(self.named_people, self._named_starts, start, end)

    def _named_before(self, offset: int):
        """The mentions of named people before `offset`: the nearest sentence first,
        in text order within a sentence (a sentence at a time: the first
        acceptable one is usually in the first sentence looked at)."""
        named, starts, sentence_starts = self.named_people, self._named_starts, self.doc.sentence_starts
        end = bisect.bisect_left(starts, offset)
        while end > 0:
            j = self.doc.sentence_index(starts[end - 1])
            low = bisect.bisect_left(starts, sentence_starts[j]) if j > 0 else 0
            yield from named[low:end]
            end = low

    @cached_property
    def _titles(self) -> dict[str, str]:
        """Full name and last word of a titled name -> the title of its first mention; a last word
        two people with different titles share (a family's name, "Al-Thani") stands for neither."""
        out: dict[str, str] = {}
        by_surname: dict[str, set] = {}
        for _, full, title in self.titled_people:
            if title:
                out.setdefault(full, title)
                out.setdefault(last_name(full), title)
                by_surname.setdefault(last_name(full), set()).add(full)
        _unshared(out, {surname: fulls for surname, fulls in by_surname.items()
                        if len({out.get(f) for f in fulls}) > 1})
        return out

    def alias_of(self, name: str) -> str | None:
        """The name of the person the text also calls `name` in brackets (see _aliases), or None."""
        return self._aliases.get(name)

    def person_title(self, name: str | None) -> str | None:
        """The title the text gives a person elsewhere ("Uzbek President Shavkat
        Mirziyoyev" for "Mirziyoyev")."""
        if not name:
            return None
        name = self._aliases.get(name, name)
        return self._titles.get(name) or self._titles.get(last_name(name))

    @cached_property
    def named_people(self) -> list[tuple[int, str, str | None]]:
        """(offset, full name, title) of every mention of a person the text names with a
        title somewhere, or in full when the people data knows them (_known_untitled: their
        title None): the titled mentions, and the bare names and surnames
        ("Jaishankar's visit will follow his earlier trips"), in order."""
        titled = self._titled
        known = self._known_untitled
        if not titled and not known:
            return []
        full_of: dict[str, tuple[str, str | None]] = {}
        for _, _, name, title in titled:
            full_of.setdefault(name, (name, title))
            full_of.setdefault(last_name(name), (name, title))
        for name in known:  # a leader the people data knows, named with no title ("Vladimir Putin arrived")
            full_of.setdefault(name, full_of.get(last_name(name), (name, None)))  # (or titled by surname elsewhere)
            full_of.setdefault(last_name(name), (name, None))
        # a name said by a word of it ("Prabowo", "Cho", "Xi", "Lula"): only where no capitalised
        # word follows it (not the start of another's name)
        pieces = self.ruleset.pieces
        firsts = {first: full_of[name] for first, name in _by_short_word(
                      ((n, n) for _, _, n, _ in titled), pieces.compiled("common_first_name"),
                      pieces.compiled("courtesy_lead"), pieces.compiled("title_start")).items()
                  if first not in full_of}
        full_of.update(firsts)
        full_of.update((alias, full_of[name]) for alias, name in self._aliases.items() if alias not in full_of)
        starts = [t[0] for t in titled]
        pattern = regex.compile(r"(?<![\w'’-])(?:" + "|".join(map(regex.escape, sorted(full_of, key=len, reverse=True)))
                                + r")(?![\w-]\w|['’](?!s\b)\w)")
        bare = []
        text = self.doc.text
        for m in pattern.finditer(text, self.doc.body_start):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i >= 0 and titled[i][1] > m.start():
                continue  # the name of a titled mention
            if m.group() in firsts and _CAPITAL_NEXT.match(text, m.end()):
                continue  # "Mohammed" of another man's "Mohammed Ali"
            bare.append((m.start(), *full_of[m.group()]))
        return sorted(self.titled_people + bare)

    @cached_property
    def _known_untitled(self) -> list[str]:
        """The whole names (two to four capitalised words) of people the rule set's people data
        knows, said anywhere in the body ("Vladimir Putin arrived in Astana"): named people even
        where the text gives them no title, so that "he" and "the two leaders" can stand for them."""
        known, text, out = self.ruleset.countries.known_people, self.doc.text, []
        for m in _CAPITALISED_RUN.finditer(text, self.doc.body_start):
            words = m.group().split()
            for i in range(len(words) - 1):
                for j in range(min(len(words), i + _NAME_WORDS), i + 1, -1):
                    name = " ".join(words[i:j])
                    if name not in out and known.country_of_whole(name):
                        out.append(name)
                        break
        return out

    @cached_property
    def _aliases(self) -> dict[str, str]:
        """alias -> name, for each titled person's name the text follows with another in
        brackets, by which it goes on to call the person ("President Joko Widodo (Jokowi)",
        "Andrés Manuel López Obrador (AMLO)"); not a country's name in brackets ("President X (Ghana)")."""
        text, out = self.doc.text, {}
        for _, end, name, _ in self._titled:
            if text.startswith(".", end) and name.split()[-1].lower() in NAME_SUFFIXES:
                end += 1  # "Ferdinand Marcos Jr. (Bongbong)"
            m = _ALIAS_AFTER.match(text, end)
            if m and not self.country_in(m.group("alias")) and _could_call(m.group("alias"), name):
                out.setdefault(m.group("alias"), name)
        return out

    def antecedent(self, offset: int, exclude_country: str | None,
                   role: str | None = None, country: str | None = None,
                   sentence_end: int | None = None, speaker: bool = False,
                   of_a_country: bool = False, royal=None, likely: str | None = None) -> str | None:
        """With `speaker` (the pronoun "I"): the person a quotation is attributed to
        (see `speaker`), else ("said the President") as below; none outside quotes.
        Otherwise the person last named with a title before `offset`, not one of
        `exclude_country` (the host); failing that, one named later in the same sentence
        ("This is her second visit to Mexico, said Brazilian President X").  With
        `role` ("the president"), only a person the text gave that office; with
        `country` ("the Chinese president"), only one of that country; with
        `of_a_country`, only one whose country the text gives; with `royal` (a
        compiled `royal_title`: what "His Majesty" stands for), only one the text gave
        such a title ("King", "Emir", "Crown Prince"); with `likely` (a country said of the
        office before: "The Cambodian leader recalled his visit"), no one the text gives
        another country."""
        head = role.split()[-1].lower() if role else None
        # "the Colombian leader", "the Head of our state": whoever leads, of that country (no deputy)
        leads = head in self.words["any_office"] or (role or "").lower().split(" of ")[0] in self.words["any_office"]
        if leads:
            head = None
        prime = head == "minister" and "prime" in role.lower()
        minister = head == "minister" and not prime  # "the minister" is no prime minister
        if head == "premier":
            head, prime = "minister", True  # "the premier": a prime minister (or a premier, below)
        # "the vice president" is no president, "the deputy minister" no minister: the office's rank words
        # (piece office_rank) are the person's too
        ranked = self.ranks(role.lower().split()) if head else set()
        # "the chief adviser" is no foreign adviser: the words that make another office of the head word
        qualified = self.office_words("office_qualifier", role.lower().split()) if head else set()
        if speaker:
            quoted, name = self.speaker(offset, sentence_end or offset)
            if name or not quoted:
                return name
        # the sentence before speaks first of its subject: within one sentence,
        # the person named first is the likelier antecedent
        named, starts = self.named_people, self._named_starts
        after = _between(named, starts, offset, sentence_end or offset)
        met = None  # one met by someone ("held talks with Mr X"): the antecedent only when no one else is
        for start, name, title in chain(self._named_before(offset), after):
            said = (title or "").lower()
            if head and ((head not in said or (prime and "prime" not in said) or (minister and "prime" in said)
                          or not qualified <= set(said.split()))
                         and not (prime and "premier" in said)):
                continue  # (and "the prime minister" is no foreign minister, "the minister" no prime minister)
            if ranked and not ranked <= self.ranks(said.split()):
                continue
            if head and not ranked and not minister and self.ranks(said.split()):
                continue  # and "the president" is no vice president ("the minister" may be a deputy's short title)
            if royal is not None and not (title and royal.search(title)):
                continue
            if leads and title and self.ranks(title.lower().split()):
                continue  # "the leader" is no deputy prime minister
            code = self.person_country(name)
            if (country and code != country) or (of_a_country and code is None) or (likely and code not in (None, likely)):
                continue
            if code is None or code != exclude_country:
                if start < offset and self.met_object(self.doc.text, start):
                    met = met or name
                    continue
                return name
        return met

    def ranks(self, words) -> set:
        """The words of an office (in lower case) that say its rank below the office's head
        ("deputy", "vice": the piece office_rank; none in a rule set without it)."""
        return self.office_words("office_rank", words)

    def office_words(self, piece: str, words) -> set:
        """Those of an office's words (in lower case) that the piece named `piece` matches whole
        (office_rank, office_qualifier); none in a rule set without it."""
        if piece not in self.ruleset.pieces:
            return set()
        found = self.ruleset.pieces.compiled(piece)
        return {w for w in words if found.fullmatch(w)}

    MET_REACH = 80  # characters before a name where the words that say someone meets him stand

    def met_object(self, text: str, start: int) -> bool:
        """Whether the person named at `start` of `text` (the document's, or a sentence's) is one
        someone meets: the piece `met_before` right before the name ("held talks with Samoan Prime
        Minister X", "will meet with President Y"), not a companion or one named in passing."""
        if "met_before" not in self.ruleset.pieces:
            return False
        cue = self.ruleset.pieces.compiled("met_before")
        return cue.search(text, max(0, start - self.MET_REACH), start) is not None

    PEOPLE_REACH = 8  # sentences before a "the two leaders" where they are named

    def people_before(self, offset: int, count: int) -> list[str]:
        """The last `count` different people named (with a title, or as a counterpart,
        or again by name alone: "Erdogan criticized …, while Scholz defended …")
        in the sentences before `offset`, in the order they were named."""
        first = self.doc.sentences[max(0, self.doc.sentence_index(offset) - self.PEOPLE_REACH)][0]
        found: list[str] = []
        named = self.named_people
        for i in range(bisect.bisect_left(self._named_starts, offset) - 1, -1, -1):
            start, name, _ = named[i]
            if start < first or len(found) == count:
                break
            if name not in found:
                found.append(name)
        return found[::-1] if len(found) == count else []

    def speaker(self, offset: int, sentence_end: int) -> tuple[bool, str | None]:
        """Whether a quotation closes after `offset` in its sentence, and the titled
        person named after it ("… I will leave for Paris," Prime Minister X said)."""
        close = _CLOSING_QUOTE.search(self.doc.text, offset, sentence_end)
        if not close:
            return False, None
        return True, next((name for _, name, _ in self.titled_between(close.end(), sentence_end)), None)

    def person_country(self, name: str | None) -> str | None:
        """The person's country as the text ties them ("Kazakh President X"), else as the
        rule set's people data knows it ("Putin"); a name the text says in full elsewhere
        (_fuller_names) is that person's, the data's namesakes none of it ("Mr Hammond" after
        "Mr Kofi Adjei Hammond" is no other Hammond)."""
        if not name:
            return None
        name = self._aliases.get(name.strip(), name.strip())
        found = self.people.get(name) or self.people.get(last_name(name))
        if found:
            return found
        known = self.ruleset.countries.known_people
        fuller = self._fuller_names(name)
        if fuller:
            return next((code for n in fuller if (code := self.people.get(n) or known.country_of(n))), None)
        return known.country_of(name)

    def _fuller_names(self, name: str) -> list[str]:
        """The longer names the text gives the person named so: a surname after a courtesy and a
        whole name ("Mr Hammond", "Mr Kofi Adjei Hammond": piece courtesy_name), or the first words
        of a named person's name ("Sheikh Salman" of "Finance Minister Sheikh Salman Hamoud Al Sabah")."""
        words = name.split()
        if not words:
            return []
        if len(words) == 1 and words[0] in self._courtesy_names:
            return self._courtesy_names[words[0]]
        return [n for n in self._named_by_first_word.get(words[0], ())
                if len(n.split()) > len(words) and n.split()[:len(words)] == words]

    @cached_property
    def _named_by_first_word(self) -> dict[str, list[str]]:
        """First word -> the different names of the named people that start with it (_fuller_names)."""
        out: dict[str, list[str]] = {}
        for _, name, _ in self.named_people:
            words = name.split()
            if words and name not in out.setdefault(words[0], []):
                out[words[0]].append(name)
        return out

    @cached_property
    def _courtesy_names(self) -> dict[str, list[str]]:
        """Surname -> the whole names said after a courtesy (piece courtesy_name: "Mr Kofi Adjei Hammond"),
        for _fuller_names."""
        out: dict[str, list[str]] = {}
        if "courtesy_name" not in self.ruleset.pieces:
            return out
        found = self.ruleset.pieces.compiled("courtesy_name")
        for m in scan(found, self.doc, self.doc.body_start):
            name = m.group("name")
            out.setdefault(last_name(name), []).append(name)
        return out

    def cues(self, table: tuple, sentence: tuple[int, int]) -> list[tuple[int, int, int, str]]:
        """(start, end, order, label) of every cue of a `nearest:` table in the
        sentence, found once per sentence (many facts of one sentence ask)."""
        key = (id(table), sentence)
        found = self._cues.get(key)
        if found is None:
            found = self._cues[key] = [(*m.span(), order, label) for order, (label, rx) in enumerate(table)
                                       for m in scan(rx, self.doc, *sentence)]
        return found

    def clause_edges(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        """Spans of the `clause_edge` piece in the sentence, found once per sentence."""
        key = ("clause_edge", sentence)
        found = self._cues.get(key)
        if found is None:
            edge = self.ruleset.pieces.compiled("clause_edge")
            found = self._cues[key] = list(scan_spans(edge, self.doc, *sentence))
        return found

    def clause_around(self, anchor: tuple[int, int], sentence: tuple[int, int]) -> tuple[int, int]:
        """The stretch of the sentence around the anchor (a figure) between two clause
        edges (the `clause_edge` piece: ";", ", while", ", which", …)."""
        start, end = sentence
        for a, b in self.clause_edges(sentence):
            if b <= anchor[0]:
                start = b
            elif a >= anchor[1]:
                end = a
                break
        return start, end

    def cue_in(self, table: tuple, span: tuple[int, int]) -> str | None:
        """The first label of a `clause:` table whose cue is found in the span (once per span)."""
        key = (id(table), span, "in")
        if key not in self._cues:
            self._cues[key] = next((label for label, rx in table if find(rx, self.doc, *span)), None)
        return self._cues[key]

    def piece_at(self, piece: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of a match of the piece named `piece` that starts at `start` (before `end`)."""
        found = find_at(self.ruleset.pieces.compiled(piece), self.doc, start)
        return found if found and found[1] <= end else None

    def tense(self, span: tuple[int, int]) -> str | None:
        """"future" when the span (a rule's match) has a `future_cue` ("will visit",
        "is set to sign"), else "past" when it has a `past_cue` ("visited", "reached"),
        else None; the pieces are the rule set's, and a rule set without them has no tense."""
        key = ("tense", span)
        if key in self._cues:  # the date contexts of one match all ask
            return self._cues[key]
        found = self._cues[key] = next((tense for tense, cue in self._tense_cues if cue(*span)), None)
        return found

    def clause_tense(self, evidence: tuple[int, int], sentence: tuple[int, int]) -> str | None:
        """The evidence's tense; else, when its clause says the verb a few words before
        it, that verb's: an item coordinated with another shares its verb ("will sign a
        pact and an accord on Monday": the accord's Monday is the coming one too)."""
        own = self.tense(evidence)
        if own is not None:
            return own
        key = ("clause_tense", evidence)
        if key in self._cues:  # the date contexts of one match all ask
            return self._cues[key]
        start, text = evidence[0], self.doc.text
        clause = max(sentence[0], start - 200)
        clause = max([clause] + [text.rfind(m, clause, start) + 1 for m in _CLAUSE_MARKS])
        seg = text[clause:start]
        found = None
        if seg.strip() and seg[-1].isspace():
            # its own verb: the last few words before it, not a verb of saying earlier in the clause
            parts = seg.rsplit(None, _VERB_WORDS)
            first = clause + (len(parts[0]) if len(parts) > _VERB_WORDS else 0)
            while text[first].isspace():
                first += 1
            found = self.tense((first, start))
        self._cues[key] = found
        return found

    @cached_property
    def _tense_cues(self):
        """(tense, finder of its cue piece) for the cue pieces the rule set has."""
        pieces = self.ruleset.pieces
        return tuple((tense, finder(pieces.compiled(cue), self.doc)) for tense, cue in _TENSE_CUES if cue in pieces)

    def capital_end(self, mention) -> int | None:
        """Where "capital" ends when a demonym names its country's capital ("the Mozambican capital":
        the piece capital_after right after the mention), else None (also for a mention of a name)."""
        if mention.kind != "demonyms" or "capital_after" not in self.ruleset.pieces:
            return None
        found = self.ruleset.pieces.compiled("capital_after").match(self.doc.text, mention.end)
        return found.end() if found else None

    def piece_ends_at(self, piece: str, start: int, end: int, reach: int = 40) -> bool:
        """Whether a match of the piece named `piece` ends right at `end` (the piece
        ends with \\Z), searched back to `start` (at most `reach` characters)."""
        return find(self.ruleset.pieces.compiled(piece), self.doc, max(start, end - reach), end) is not None

    def piece_in(self, piece: str, span: tuple[int, int]) -> tuple[int, int] | None:
        """The span of the first match of the piece named `piece` in the span."""
        return find(self.ruleset.pieces.compiled(piece), self.doc, *span)

    def last_piece_before(self, piece: str, offset: int) -> str | None:
        """The text of the last match of piece `piece` in the sentence of `offset`
        (before it) or the sentence before that."""
        index = self.doc.sentence_index(offset)
        last = self.last_piece_match(piece, self.doc.sentences[max(0, index - 1)][0], offset)
        return last.group() if last else None

    def last_piece_match(self, piece: str, start: int, end: int):
        """The last match of the piece named `piece` in text[start:end], or None."""
        last = None
        for last in scan(self.ruleset.pieces.compiled(piece), self.doc, start, end):
            pass
        return last

    # -- dates ----------------------------------------------------------------------
    def dates_in(self, sentence: tuple[int, int]) -> list[tuple[int, int, int | None]]:
        """(start, end, base) of the date expressions of a sentence; `base` is where
        the comparison cue starts when the date is a comparison base, else None.
        Found per sentence, when a fact there asks (most sentences never do)."""
        hit = self._dates.get(sentence)
        if hit is not None:
            return hit
        out = []
        text = self.doc.text
        # the dateline's date ("New Delhi, Feb 18 (PTI)") is when the story was filed, not an event's date
        # (a headline above the dateline keeps its own: "trade up 7% in first eight months")
        start = sentence[0]
        if self._dateline_match and start < self._dateline_match[0] <= sentence[1]:
            start = self._dateline_match[0]
        reported, base_cue, from_before, percent_on = self._date_cues
        pieces, hints = self.ruleset.pieces, self.words["earlier_one_hint"]
        for begin, end in scan_spans(self.ruleset.pieces.compiled("date"), self.doc, start, sentence[1]):
            window = max(sentence[0], begin - 40)
            if reported(window, begin):
                continue
            cue = base_cue(window, begin) or base_cue(max(sentence[0], begin - 64), begin)  # (a base said with its figure and period: "compared with $3.1 billion in the corresponding period of")
            if cue is None and pieces.compiled("relative_base").match(text[begin:end]):
                cue = from_before(window, begin)
            if cue is None:
                told = max(sentence[0], begin - _EARLIER_ONE_REACH)
                for word in hints:  # (the cheap test first: a word of earlier_one_hint is there)
                    if text.find(word, told, begin) >= 0:
                        cue = find(pieces.compiled("earlier_one_before"), self.doc, told, begin)
                        break
            if cue is None and pieces.compiled("this_period").match(text[begin:end]) and \
                    find(pieces.compiled_text(_COUNTED_TRIP), self.doc, max(sentence[0], begin - 60), begin):
                cue = (begin, end)  # (no figure inside it dates by it)
            if cue is None and _YEAR_ALONE.match(text, begin, end):
                cue = percent_on(window, begin)
            out.append((begin, end, cue[0] if cue else None))
        self._dates[sentence] = out
        return out

    @cached_property
    def _date_cues(self):
        """Finders of what stands before a date: "said on", a comparison base, "from",
        "8% on" (a year)."""
        pieces = self.ruleset.pieces  # (their words: rules/pieces.yaml)
        return tuple(finder(pieces.compiled(n), self.doc)
                     for n in ("reported_before", "base_before", "base_from_before", "percent_on_before"))

    LEAD = 4  # sentences of the story that date its event
    LEAD_DAY_REACH = 366  # days before publication a day of the lead may be the story's (an older one is history)
    LEAD_WORDS = 6  # words of the story's first sentence, at least

    @cached_property
    def first_sentence(self) -> int | None:
        """The index of the story's first sentence: the first of the body with at
        least LEAD_WORDS words (a time stamp line is none)."""
        text = self.doc.text
        return next((i for i, (a, b) in enumerate(self.doc.sentences)
                     if a >= self.doc.body_start and len(text[a:b].split()) >= self.LEAD_WORDS), None)

    @cached_property
    def lead_date(self) -> str | None:
        """The first full date (YYYY-MM-DD) in the first sentences of the story's body,
        each read in its clause's tense: the day of the event the story reports, also
        one to come (a signing at a visit ahead); a lead sentence that says "today"
        gives the day the story was filed (its dateline's day, else the publication date)."""
        return self._lead_day(ahead=True)

    @cached_property
    def lead_date_so_far(self) -> str | None:
        """lead_date, but never a day after publication: the day a visitor already is
        where the story places them ("… arrives in Canada … will open Parliament on
        Tuesday": not Tuesday)."""
        return self._lead_day(ahead=False)

    @cached_property
    def _lead(self) -> list[tuple[int, int]]:
        """The story's first LEAD sentences.  A line of a word or two (the dateline
        "ANKARA") is none, nor is a line that ends without a stop (a headline, a byline)."""
        text, found = self.doc.text, []
        for s in self.doc.sentences:
            # (a sentence of lines, a list its first line introduces, is no headline)
            if s[0] >= self.doc.body_start and len(text[s[0]:s[1]].split(None, 3)) > 2 \
                    and (ends_with_stop(text, *s) or text.find("\n", s[0], s[1]) >= 0):
                found.append(s)
                if len(found) == self.LEAD:
                    break
        return found

    @cached_property
    def lead_opening(self) -> tuple[int, int] | None:
        """The span of the lead's first sentence (a headline above it is none, nor a
        dateline said as a sentence of its own: "YEREVAN, JUNE 3, ARMENPRESS.")."""
        line_end = self._dateline_match[0] if self._dateline_match else -1
        return next((tuple(s) for s in self._lead if s[1] > line_end), None)

    def _lead_day(self, ahead: bool) -> str | None:
        text = self.doc.text
        published = self.doc.published.isoformat() if self.doc.published else None
        oldest = (self.doc.published - datetime.timedelta(days=self.LEAD_DAY_REACH)).isoformat() if published else None
        for sentence in self._lead:
            dates = self.dates_in(sentence)
            asides = self.arrival_asides(sentence)
            arrival = None  # the day of an arrival told in an aside: the lead's day only when its sentence says no other
            for i, (start, end, base) in enumerate(dates):
                if (i + 1 < len(dates) and _THEN_DATE.fullmatch(text, end, dates[i + 1][0])
                        and self.ruleset.pieces.compiled("on_weekday").fullmatch(text, start, end)):
                    continue  # "on Thursday, 20 November 2025": the day in full, said next
                clause = max(sentence[0], text.rfind(",", sentence[0], start) + 1, text.rfind(";", sentence[0], start) + 1)
                value = self.dates.resolve(text[start:end], self.tense((clause, end))) if base is None else None
                if value and len(value) == 10 and (ahead or not (published and value > published)) \
                        and not (published and value < oldest):  # (not history: "a pact in force since 5 May 2004")
                    if any(a <= start and end <= b for a, b in asides):
                        arrival = arrival or value  # "X, who arrived on Monday evening, was received today"
                        continue
                    return value
            if find(self.ruleset.pieces.compiled("today_said"), self.doc, *sentence) is not None:
                return self.dateline_day or published
            if arrival:
                return arrival
        return None

    def arrival_asides(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        """The spans of the asides of a stretch of the text that tell a person's arrival (piece
        `arrival_aside`: "X, who arrived on Tuesday evening, was received today by Y"), found once per
        stretch (every visit's date asks)."""
        key = ("arrival_aside", sentence)
        found = self._cues.get(key)
        if found is None:
            text, (start, end) = self.doc.text, sentence
            if "arrival_aside" not in self.ruleset.pieces or text.find(", who ", start, end) < 0:  # most sentences have none
                found = []
            else:
                found = [m.span() for m in self.ruleset.pieces.compiled("arrival_aside").finditer(text, start, end)]
            self._cues[key] = found
        return found

    def date_near(self, evidence: tuple[int, int], sentence: tuple[int, int],
                  anchor: tuple[int, int] | None = None,
                  outside: tuple[int, int] | None = None, skip=None,
                  tense: str | None = None, by_anchor: bool = False) -> tuple[str | None, str | None]:
        """The resolved date expression of the sentence nearest the evidence, with
        its text; not a comparison base ("than in 2023", "from the previous year")
        unless the anchor (the figure itself) stands inside that comparison; not
        one inside the span `outside` (a document's name: "Action Plan for 2025-2027"),
        nor one where `skip(start)` is true.  `tense` places a weekday or a month
        said without its year (see DateResolver.resolve).  Of those inside the evidence
        the first wins, or with `by_anchor` the one nearest the anchor (a second act's
        place: "flies on Thursday to Quito and will end the tour on Friday in La Paz"),
        the first part of one date or span (piece date_parts_joined: "on Thursday and Friday")."""
        anchor = anchor or evidence
        best = None
        joined = (self.ruleset.pieces.compiled("date_parts_joined")
                  if by_anchor and "date_parts_joined" in self.ruleset.pieces else None)
        for start, end, base in self.dates_in(sentence):
            if base is not None and not base <= anchor[0] < start:
                continue  # a comparison base, unless it dates this very figure ("from $3 billion in 2014")
            if (outside and outside[0] <= start and end <= outside[1]) or (skip and skip(start)):
                continue
            if start >= evidence[1]:
                dist = (start - evidence[1] + 1, 0)
                gap = (evidence[1], start)
            elif end <= evidence[0]:
                dist = (evidence[0] - end + 2, 0)  # after the evidence wins a tie
                gap = (end, evidence[0])
            elif by_anchor:
                dist, gap = (0, start - anchor[1] if start >= anchor[1] else anchor[0] - end if end <= anchor[0] else 0), None
            else:
                dist, gap = (0, 0), None
            if gap and self.doc.text.find("\n", *gap) >= 0:
                dist = (dist[0] + _OTHER_LINE, 0)  # a list's row: its own line's period first ("* FY 2023/24: exports …, imports …")
            if joined is not None and gap is None and best is not None and best[0][0] == 0 \
                    and joined.fullmatch(self.doc.text, best[3], start):
                continue  # the second part of one date, or day of a span ("on Thursday and Friday"): the first is its start
            value = self.dates.resolve(self.doc.text[start:end], tense)
            if value and (best is None or dist < best[0]):
                best = (dist, value, self.doc.text[start:end], end)
        return (best[1], best[2]) if best else (None, None)


_OTHER_LINE = 100_000  # how much farther a date on another line of the sentence counts
_PAIRS = (("country", "name"), ("country2", "name2"))
_SHARED_PAIR = (("country", "name"), ("country", "name2"))
_THEN_DATE = LazyPattern(r",?\s{1,3}")  # between a weekday and the date it names
_TENSE_CUES = (("future", "future_cue"), ("past", "past_cue"))
# how far before a date an earlier trip that owns it may be told ("returning the state visit that the Algerian
# leader paid to Rome in May 2022": the words between the trip and its date are many)
_EARLIER_ONE_REACH = 140
# "Prime Ministers" -> "Prime Minister", "Ministers of Foreign Affairs" -> "Minister of Foreign Affairs"
_PLURAL_HEAD = LazyPattern(r"(?i)(?:ies|s)(?=(?:\s+of\b.*)?\Z)")


def _beside_capitalised(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word stands right after or before text[start:end]: the place may
    be part of a person's name ("Santiago Peña"), which is cheap to ask before the titled names
    are read."""
    if text[end:end + 1] == " " and text[end + 1:end + 2].isupper():
        return True
    if start < 2 or text[start - 1] != " ":
        return False
    word = text.rfind(" ", max(0, start - 40), start - 1) + 1  # the word before (bounded: linear work)
    return text[word:word + 1].isupper()


def _between(people: list, starts: list[int], start: int, end: int) -> list:
    """The entries of `people` (sorted by their offsets, `starts`) that start in [start, end)."""
    return people[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def _singular_office(title: str) -> str:
    head, of, rest = title.partition(" of ")
    head = _PLURAL_HEAD.sub(lambda m: "y" if m.group().lower() == "ies" else "", head, count=1)
    return head + of + rest


_CLOSING_QUOTE = LazyPattern(r"[”\"](?=[\s,.;]|$)|(?<=[,.!?])’(?=\s)")


def _joined_runs(text: str, items, joint, span=lambda item: item) -> list[list]:
    """The items (in text order; `span` gives each one's (start, end)) grouped into runs of those whose gap
    the pattern `joint` fills whole: a list's items ("A, B and C", "$3 billion and $2 billion")."""
    runs, run = [], []
    for item in items:
        if run and joint.fullmatch(text, span(run[-1])[1], span(item)[0]):
            run.append(item)
        else:
            if run:
                runs.append(run)
            run = [item]
    if run:
        runs.append(run)
    return runs


def _distinct(codes) -> list[str]:
    seen = []
    for c in codes:
        if c not in seen:
            seen.append(c)
    return seen
