import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relfacts.normalize.dates import DateResolver, parse_published
from relfacts.normalize.percent import PercentError, direction, parse_percent


@pytest.mark.parametrize("text,value", [
    ("7.4%", 7.4), ("7.4 percent", 7.4), ("12 per cent", 12), ("3.5 pct", 3.5), ("2 percentage points", 2),
    ("44.7 %", 44.7), ("12,5%", 12.5), ("two percent", 2), ("twenty-five per cent", 25),
])
def test_percent_values(text, value):
    assert parse_percent(text) == pytest.approx(value)


def test_percent_needs_a_unit():
    with pytest.raises(PercentError):
        parse_percent("7.4")


@pytest.mark.parametrize("word,expected", [
    ("rose", "increase"), ("up", "increase"), ("grew", "increase"), ("increase", "increase"),
    ("increasing", "increase"), ("rising", "increase"), ("surged", "increase"), ("doubling", "increase"),
    ("fell", "decrease"), ("down", "decrease"), ("declined", "decrease"), ("contract", "decrease"),
    ("declining", "decrease"), ("decreasing", "decrease"), ("plunging", "decrease"), ("losing", "decrease"),
    ("stood", None),
])
def test_direction_words(word, expected):
    assert direction(word) == expected


PUB = dt.date(2025, 2, 12)  # a Wednesday


@pytest.mark.parametrize("text,iso", [
    ("last year", "2024"), ("the previous year", "2024"), ("this year", "2025"), ("next year", "2026"),
    ("on Feb. 12", "2025-02-12"), ("Feb 3", "2025-02-03"), ("on Wednesday", "2025-02-12"),
    ("Monday", "2025-02-10"), ("next month", "2025-03"), ("last month", "2025-01"),
    ("August 23-25", "2025-08-23"), ("21-22 May 2022", "2022-05-21"), ("in 2018", "2018"),
    ("2023-2024", "2023"), ("FY 2017-18", "2017"), ("FY2016-17", "2016"), ("January-March 2021", "2021"),
    ("March 2015", "2015-03"), ("last April", "2024-04"), ("November 29-30, 2023", "2023-11-29"),
    ("December 29, 2020", "2020-12-29"), ("yesterday", "2025-02-11"), ("2022-02-23", "2022-02-23"),
    # parts of a year: the latest one ended by publication, unless the text names its year
    ("the first quarter", "2024"), ("the fourth quarter", "2024"), ("Q1 2025", "2025"), ("H1", "2024"),
    ("the first half of 2023", "2023"), ("the first quarter of this year", "2025"), ("the last quarter", "2024"),
    ("the first eight months of last year", "2024"), ("the first two months", "2025"), ("from January to August", "2025"),
    ("from March through May 2022", "2022"), ("FY25", "2024"), ("FY 24", "2023"),
    # a week away: the month of that day; a month placed by a relative year
    ("last week", "2025-02"), ("next week", "2025-02"), ("the previous week", "2025-02"),
    ("January this year", "2025-01"), ("in March last year", "2024-03"), ("October next year", "2026-10"),
    ("in October of last year", "2024-10"), ("June of 2019", "2019-06"), ("January-June of 2023", "2023"), ("May of next year", "2026-05"),
    # days or weeks counted back; a range of ordinal days is its first day
    ("two days ago", "2025-02-10"), ("a week ago", "2025-02-05"), ("the day before yesterday", "2025-02-10"),
    ("3 weeks ago", "2025-01-22"), ("from 16th-18th December", "2025-12-16"), ("3rd to 5th March 2024", "2024-03-03"),
])
def test_dates_resolve_against_publication(text, iso):
    assert DateResolver(PUB).resolve(text) == iso


@pytest.mark.parametrize("pub", [dt.date(2000, 8, 25), dt.date(2026, 11, 30), None])
@pytest.mark.parametrize("text,iso", [("2022-02-23", "2022-02-23"), ("on 2019-12-01", "2019-12-01"),
                                      ("2022-02-30", None), ("5-7 March 2024", "2024-03-05")])
def test_an_iso_date_is_read_as_written_whatever_the_publication_month(pub, text, iso):
    # the day-range rule ("5-7 March") once cut "2022-02-23" to "2022-23", which then took the
    # publication's month
    assert DateResolver(pub).resolve(text) == iso


@pytest.mark.parametrize("text,iso", [("last year", None), ("on Nov. 14", None), ("in 2012", "2012"), ("two days ago", None),
                                      ("March 2015", "2015-03")])
def test_dates_without_publication_date(text, iso):
    assert DateResolver(None).resolve(text) == iso


def test_published_is_checked():
    assert parse_published("2025-02-12") == PUB
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_published("12/02/2025")


@pytest.mark.parametrize("text,code", [
    ("Kazakhstan", "KAZ"), ("Kazakh", "KAZ"), ("Astana", "KAZ"), ("Tajik", "TJK"), ("Dushanbe", "TJK"),
    ("Chinese", "CHN"), ("Beijing", "CHN"), ("Türkiye", "TUR"), ("Turkey", "TUR"), ("UAE", "ARE"),
    ("the US", "USA"), ("U.S.", "USA"), ("Britain", "GBR"), ("South Korea", "KOR"), ("Kyrgyz Republic", "KGZ"),
    ("Kazakhstan's", "KAZ"), ("Sri Lankan", "LKA"), ("Viet Nam", "VNM"),
])
def test_country_lookup(rules, text, code):
    assert rules.countries.lookup(text) == code


def test_country_in_titles(rules):
    from relfacts.document import Document
    from relfacts.facts.context import DocumentContext

    ctx = DocumentContext(Document.from_text("x"), rules)
    assert ctx.country_in("Minister of Foreign Affairs of Tajikistan") == "TJK"
    assert ctx.country_in("President of Kazakhstan") == "KAZ"
    assert ctx.country_in("Secretary of State") is None


def test_country_mentions_respect_case_and_words(rules):
    found = rules.countries.find_in("US and us, Chad and Chadian, Male and male, Georgian", rules.country_scans())
    # "Chad" and "Male" are false friends: without a place context they are no country
    # (tests/test_places.py has them in context)
    assert [(m.code, m.kind) for m in found] == [("USA", "names"), ("TCD", "demonyms"), ("GEO", "demonyms")]


def test_bundled_country_codes_are_iso(rules):
    import pycountry

    iso = {c.alpha_3 for c in pycountry.countries}
    assert rules.countries.codes <= iso
    assert len(rules.countries.codes) > 240


def test_percent_spellings_in_text(rules):
    found = [m.group() for m in rules.pieces.compiled("percent").finditer(
        "up 5pc, a 50-percent stake, 12 per cent, 3.5 pct, 7%, 2 percentage points, 1,5 %, a 25-per-cent tariff")]
    assert found == ["5pc", "50-percent", "12 per cent", "3.5 pct", "7%", "2 percentage points", "1,5 %", "25-per-cent"]
    assert [parse_percent(f) for f in found] == [5, 50, 12, 3.5, 7, 2, 1.5, 25]


@pytest.mark.parametrize("text,code", [("Shanghai", "CHN"), ("New York", "USA"), ("Geneva", "CHE"), ("Jeddah", "SAU"),
                                       ("Samarkand", "UZB"), ("Almaty", "KAZ")])
def test_big_cities_and_venues_name_their_country(rules, text, code):
    assert rules.countries.lookup_kind(text) == (code, "cities")


def test_city_names_that_are_also_people_are_left_out(rules):
    assert rules.countries.lookup("Salvador") is None and rules.countries.lookup("Medina") is None


@pytest.mark.parametrize("text, tense, expected", [
    ("Monday", "future", "2025-07-07"),      # published on Thursday 2025-07-03
    ("on Friday", "future", "2025-07-04"),
    ("Thursday", "future", "2025-07-03"),
    ("Monday", "past", "2025-06-30"),
    ("Monday", None, "2025-06-30"),
    ("November", "past", "2024-11"),
    ("November", "future", "2025-11"),
    ("March 5", "future", "2026-03-05"),
    ("July 10", "past", "2024-07-10"),
    ("August 2022", "future", "2022-08"),    # a year said is kept
    ("next Monday", "past", "2025-07-07"),   # so is a relative word
])
def test_a_clause_tense_places_weekdays_and_months_without_a_year(text, tense, expected):
    from relfacts.normalize.dates import DateResolver
    assert DateResolver(dt.date(2025, 7, 3)).resolve(text, tense) == expected


@given(st.dates(min_value=dt.date(1801, 1, 1), max_value=dt.date(2199, 12, 31)),
       st.sampled_from(["Monday", "Friday", "Sunday", "March", "December 24", "June 1"]),
       st.sampled_from(["past", "future"]))
def test_a_tensed_date_lies_on_its_side_of_publication(pub, text, tense):
    from relfacts.normalize.dates import DateResolver
    value = DateResolver(pub).resolve(text, tense)
    here = pub.isoformat()[:len(value)]
    assert value <= here if tense == "past" else value >= here


@pytest.mark.parametrize("text,tense,iso", [("Tuesday (13)", "past", "2018-11-13"), ("on Tuesday (20)", None, "2018-11-20"),
                                            ("Thursday (22)", "future", "2018-11-22"), ("Saturday (3)", "future", "2018-11-03"),
                                            ("Monday (13)", None, None)])   # no Monday the 13th within three weeks
def test_a_weekday_with_its_day_of_the_month_is_that_day(text, tense, iso):
    assert DateResolver(dt.date(2018, 11, 20)).resolve(text, tense) == iso


@given(st.dates(min_value=dt.date(1801, 1, 1), max_value=dt.date(2199, 12, 31)), st.integers(-21, 21))
def test_a_weekday_with_its_day_of_the_month_is_found_near_publication(pub, offset):
    from relfacts.normalize.dates import WEEKDAYS
    day = pub + dt.timedelta(days=offset)
    text = f"{WEEKDAYS[day.weekday()].title()} ({day.day})"
    found = dt.date.fromisoformat(DateResolver(pub).resolve(text))
    assert (found.weekday(), found.day) == (day.weekday(), day.day) and abs((found - pub).days) <= abs(offset)


@pytest.mark.parametrize("pub,text,iso", [(dt.date(2025, 11, 3), "last week", "2025-10"),
                                          (dt.date(2025, 2, 26), "next week", "2025-03"),
                                          (dt.date(2025, 2, 26), "last week", "2025-02")])
def test_a_week_away_is_dated_by_the_month_of_that_day(pub, text, iso):
    assert DateResolver(pub).resolve(text) == iso


@pytest.mark.parametrize("text,tense,iso", [("in July-December", "past", "2024"), ("January-February", "past", "2025"),
                                            ("in July-December", "future", "2025"), ("July-December 2025", "past", "2025")])
def test_a_past_span_of_months_without_its_year_has_ended(text, tense, iso):
    assert DateResolver(PUB).resolve(text, tense) == iso


@pytest.mark.parametrize("pub,text,tense,iso", [
    (dt.date(2025, 3, 10), "last summer", None, "2024"), (dt.date(2025, 10, 1), "last summer", None, "2025"),
    (dt.date(2025, 3, 10), "next spring", None, "2026"), (dt.date(2025, 1, 20), "next spring", None, "2025"),
    (dt.date(2025, 3, 10), "next summer", None, "2025"), (dt.date(2025, 3, 10), "this autumn", None, "2025"),
    (dt.date(2025, 10, 1), "this winter", None, "2026"), (dt.date(2025, 1, 20), "this winter", None, "2025"),
    (dt.date(2025, 3, 10), "last winter", None, "2025"),   # December 2024 to February 2025: dated by most of its months
    (dt.date(2025, 3, 10), "the spring of 2019", None, "2019"), (dt.date(2025, 3, 10), "in autumn 2026", "past", "2026"),
    (dt.date(2025, 3, 10), "in the autumn", "past", "2024"), (dt.date(2025, 3, 10), "in the autumn", "future", "2025"),
    (dt.date(2025, 10, 20), "in the autumn", "future", "2025"), (dt.date(2025, 12, 5), "in the autumn", "future", "2026"),
    (dt.date(2025, 3, 10), "in early summer", "future", "2025"), (dt.date(2025, 3, 10), "the fall of 2024", None, "2024"),
    (dt.date(2025, 3, 10), "last fall", None, "2024"),
])
def test_a_season_is_dated_to_its_year(pub, text, tense, iso):
    assert DateResolver(pub).resolve(text, tense) == iso


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31)),
       st.sampled_from(["spring", "summer", "autumn", "winter"]))
def test_last_and_next_season_lie_on_their_side_of_publication(pub, season):
    from relfacts.normalize.dates import SEASON_FIRST_MONTH
    resolver, first = DateResolver(pub), SEASON_FIRST_MONTH[season]
    last, this, following = (int(resolver.resolve(f"{rel} {season}")) for rel in ("last", "this", "next"))
    start = {year: (year - 1) * 12 + 11 if first == 12 else year * 12 + first - 1 for year in (last, following)}
    now = pub.year * 12 + pub.month - 1
    assert start[last] + 2 < now < start[following]   # the last has ended, the next is still to begin
    assert last < following and following - last <= 2 and last <= this + 1
