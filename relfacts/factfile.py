"""Reading facts back from what `relfacts extract` wrote: an SQLite database,
JSON Lines or a JSON array; with a filter by countries, date and type."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path


class FactFileError(Exception):
    pass


@dataclass(frozen=True)
class Filter:
    """Which facts: all of `countries` among the fact's, dated `since` or
    later (a year, month or day; a fact dated "2024" is kept for since
    2024-06), of one of `types`."""
    countries: tuple = ()
    since: str | None = None
    types: tuple = ()

    def __call__(self, fact: dict) -> bool:
        if self.types and fact.get("type") not in self.types:
            return False
        if self.countries and not set(self.countries) <= set(fact.get("countries") or ()):
            return False
        if self.since:
            date = fact.get("date")
            if not date or date < self.since[:len(date)]:
                return False
        return True


def read(path, keep: Filter = Filter()) -> tuple[int, list[dict]]:
    """(documents, the facts that `keep` keeps) of a facts file."""
    from .output.sqlite import SqliteError, is_sqlite, read_facts

    path = Path(path)
    if is_sqlite(path):
        try:
            documents, facts = read_facts(path, keep.countries)
        except SqliteError as e:
            raise FactFileError(str(e)) from None
        return documents, [f for f in facts if keep(f)]
    facts = [f for f in _json_facts(path) if keep(f)]
    return len({f.get("doc") for f in facts}), facts


def _json_facts(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            start = fh.read(1024).lstrip()
            fh.seek(0)
            if start.startswith("["):  # `-f json`: one array
                try:
                    facts = json.load(fh)
                except json.JSONDecodeError as e:
                    raise FactFileError(f"{path}:{e.lineno}: not JSON ({e.msg})") from None
                if not isinstance(facts, list) or not all(isinstance(f, dict) for f in facts):
                    raise FactFileError(f"{path}: not a list of facts")
                yield from facts
                return
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    fact = json.loads(line)
                except json.JSONDecodeError as e:
                    raise FactFileError(f"{path}:{n}: not JSON ({e.msg}); give a .sqlite, .jsonl or .json "
                                        "written by relfacts") from None
                if not isinstance(fact, dict):
                    raise FactFileError(f"{path}:{n}: not a fact (a JSON object)")
                yield fact
    except FileNotFoundError:
        raise FactFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FactFileError(f"{path}: is a folder, not a facts file") from None
    except UnicodeDecodeError:
        raise FactFileError(f"{path}: not a facts file (give a .sqlite, .jsonl or .json written by relfacts)") from None
    except OSError as e:
        raise FactFileError(f"{path}: {e.strerror or e}") from None


def country_codes(text: str) -> tuple:
    """ISO 3166 alpha-3 codes from 'KAZ,TJK', or from names as the news writes them
    ('Kazakhstan,Tajikistan', 'UAE', 'Russia', 'Britain', 'Turkey', in any case):
    ISO's own names and codes (pycountry), then the names and demonyms the
    extractor knows (data/countries.yaml, read only when ISO's fail).
    ValueError names what is no country."""
    import pycountry

    codes, known = [], None
    for item in (t.strip() for t in text.split(",")):
        if not item:
            continue
        try:
            codes.append(pycountry.countries.lookup(item).alpha_3)
            continue
        except LookupError:
            pass
        if known is None:
            from .api import ruleset

            known = ruleset().countries
        hit = known.lookup_kind(item, place=True)
        if hit is None or hit[1] not in ("names", "demonyms"):  # "Dubai" is a city, not a country
            raise ValueError(f"{item!r} is no country (give ISO codes or names, such as KAZ,TJK)")
        codes.append(hit[0])
    return tuple(codes)


_DATE_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def make_filter(pair: str | None = None, country: str | None = None, since: str | None = None, types=()) -> Filter:
    """A Filter from the options of `relfacts summary`; ValueError names the wrong one."""
    if pair and country:
        raise ValueError("give --pair or --country, not both")
    option = "--pair" if pair else "--country"
    try:
        countries = country_codes(pair or country or "")
    except ValueError as e:
        raise ValueError(f"{option}: {e}") from None
    if pair and len(set(countries)) != 2:
        raise ValueError("--pair: give two countries, such as KAZ,TJK")
    if country and len(countries) != 1:
        raise ValueError("--country: give one country, such as KAZ")
    if since and not _DATE_PREFIX.fullmatch(since):
        raise ValueError(f"--since: {since!r} is not a date (want YYYY, YYYY-MM or YYYY-MM-DD)")
    return Filter(countries, since, tuple(types))
