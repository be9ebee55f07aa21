"""The people data (relfacts/data/people.yaml): whose country the news takes as
known ("Putin", "Modi"), looked up when the text does not tie a person to a
country, and never a second country's person, letters, or a shared word."""
import collections
from pathlib import Path

import pycountry
import pytest
import yaml

import relfacts
from relfacts.normalize.countries import KnownPeople, name_words

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = yaml.safe_load((ROOT / "relfacts" / "data" / "people.yaml").read_text(encoding="utf-8"))["countries"]


def test_the_people_data_is_keyed_by_iso_codes_and_lists_names():
    iso = {c.alpha_3 for c in pycountry.countries}
    assert set(PEOPLE) <= iso
    assert all(list(entry) == ["people"] and entry["people"] for entry in PEOPLE.values())
    assert sum(len(e["people"]) for e in PEOPLE.values()) > 2000


def test_no_name_is_listed_under_two_countries_or_twice():
    counts = collections.Counter(n for e in PEOPLE.values() for n in e["people"])
    assert [n for n, c in counts.items() if c > 1] == []


@pytest.mark.parametrize("name, words", [
    ("Ferdinand R. Marcos Jr.", ("ferdinand", "marcos", "jr")),
    ("Recep Tayyip Erdoğan", ("recep", "tayyip", "erdogan")),
    ("Gideon Sa'ar", ("gideon", "saar")),
    ("Lee Jae-myung", ("lee", "jae", "myung")),
])
def test_a_name_is_compared_without_diacritics_case_initials_or_apostrophes(name, words):
    assert name_words(name) == words


KNOWN = KnownPeople({"RUS": ["Vladimir Putin"], "UKR": ["Volodymyr Zelensky", "Vladimir Groysman"],
                     "SAU": ["King Salman", "Mohammed bin Salman"], "CHN": ["Xi Jinping"],
                     "KOR": ["Lee Jae-myung"], "SGP": ["Lee Hsien Loong"], "ISR": ["Gideon Sa'ar"],
                     "PHL": ["Ferdinand R. Marcos Jr."]})


@pytest.mark.parametrize("name, code", [
    ("Vladimir Putin", "RUS"), ("Putin", "RUS"), ("Vladimir V. Putin", "RUS"),  # whole, a word, first and last
    ("Ferdinand Marcos", "PHL"), ("Mohammed Salman", "SAU"),  # first and last, less particles and suffixes
    ("Xi", "CHN"), ("King Salman", "SAU"), ("Salman", "SAU"), ("Sa'ar", "ISR"),
    ("Vladimir", None),  # a word two countries' people share
    ("Lee", None),
    ("John Putin", None),  # a name of two words is known by both
    ("SA", None),  # letters are no name ("Nestle SA")
    ("Sa", None),
    ("PUTIN Vladimir", "RUS"),  # the surname first, in capitals (Japan's foreign ministry's style)
    ("Putin Vladimir", None),  # not without the capitals
])
def test_a_person_is_known_by_the_whole_name_or_a_word_only_one_countrys_people_have(name, code):
    assert KNOWN.country_of(name) == code


def test_the_text_decides_before_the_data():
    text = " date 2024-05-02\nTurkey and Greece. Greek Foreign Minister Vladimir Putin arrived in Ankara on Tuesday."
    [visit] = [f.to_dict() for f in relfacts.extract(text) if f.type == "visit"]
    assert (visit["visitor"], visit["origin"], visit["host"]) == ("Vladimir Putin", "GRC", "TUR")


def test_the_data_gives_a_travellers_country_the_text_leaves_unsaid():
    text = " date 2024-05-02\nTurkey and Japan. Putin arrived in Ankara on Tuesday for talks."
    [visit] = [f.to_dict() for f in relfacts.extract(text) if f.type == "visit"]
    assert (visit["origin"], visit["host"], visit["date"]) == ("RUS", "TUR", "2024-04-30")


def test_a_rule_folder_adds_people(tmp_path):
    (tmp_path / "people.yaml").write_text('countries:\n  KEN: {people: ["Amina Odhiambo"]}\n', encoding="utf-8")
    rules = relfacts.ruleset([tmp_path])
    text = " date 2024-05-02\nJapan and Turkey. Amina Odhiambo arrived in Ankara on Tuesday."
    [visit] = [f.to_dict() for f in relfacts.extract(text, rules=rules) if f.type == "visit"]
    assert (visit["origin"], visit["host"]) == ("KEN", "TUR")
    # without it, the traveller's country is guessed from the story's pair
    assert [f.to_dict()["origin"] for f in relfacts.extract(text) if f.type == "visit"] == ["JPN"]
