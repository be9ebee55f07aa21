"""Dates, resolved against the publication date, at the precision the text gives.

"last year" -> "2024" (in a 2025 article), "the previous year" -> "2024",
"on Feb. 12" -> "2025-02-12", "on Wednesday" -> the Wednesday on or before the
publication date, "next month" -> "2025-03", "August 23-25" -> "2025-08-23",
"21-22 May 2022" -> "2022-05-21", "in 2018" -> "2018", "2023-2024" -> "2023",
"FY 2017-18" -> "2017", "FY25" -> "2024", "January-March 2021" -> "2021", "April 2023-March 2024" -> "2023",
"9M2024" -> "2024", "3Q23" -> "2023", "from January to
August" -> "2025", "the first quarter" -> "2025" (in a May 2025 article; in a
February one, "the fourth quarter" is 2024's).

Years, year ranges, relative years/months and weekdays are arithmetic and done
here.  Month names with a day and/or a year in the common forms ("August 2022",
"Jan. 5", "April 19th, 2024", "1 March 2021", "May") are read here too, with
the results dateparser gives them (tests/test_dates_fast.py compares the two on
thousands of expressions); the rest goes to dateparser, which reports the
precision (period) it found.  Without a publication date, an expression that
needs one (no four-digit year in it) resolves to None."""
from __future__ import annotations

import datetime as dt

import regex

from ..engine.lazy import LazyPattern
from ..memo import Memo, memoized
from .numbers import NumberError, NumberWords, bundled

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_YEAR_RANGE = LazyPattern(r"\A(?:FY\s?)?((?:19|20)\d\d)\s?[-–/]\s?(?:(?:19|20)?\d\d)\Z", regex.I)
_YEAR = LazyPattern(r"\A(?:FY\s?)?((?:19|20)\d\d)\Z", regex.I)
_FY_SHORT = LazyPattern(r"\AFY\s?(\d\d)\Z", regex.I)  # "FY25": the fiscal year 2024-25, dated to its first year
# ("the end of the year" is left "year" once its leading words go: this year)
# ("last fiscal year", "the previous financial year", "in the last fiscal": the year before this one's, as a
# fiscal year dates to its first year)
_REL_YEAR = LazyPattern(r"\A(?:(?:the\s+)?(last|past|previous|preceding|this|current|next|coming|following)\s+(?:(?:fiscal|financial)\s+)?)?year\Z"
                        r"|\A(?:the\s+)?(last|past|previous|preceding|this|current|next|coming|following)\s+(?:fiscal|financial)\Z", regex.I)
_REL_MONTH = LazyPattern(r"\A(?:the\s+)?(last|past|previous|this|current|next|coming|following)\s+month\Z", regex.I)
# "last week", "next week": the month of the day a week away ("last week" on 3 November: October);
# "(earlier) this week": the story's month
_REL_WEEK = LazyPattern(r"\A(?:the\s+)?(last|past|previous|next|coming|this)\s+week\Z", regex.I)
# a month (or a day of it) placed by a relative year: "January this year", "in March last year", "Oct 28 last year",
# "4th of March next year"
_MONTH_REL_YEAR = LazyPattern(r"\A(?:(?P<day1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>[a-z]+)\.?(?:\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
                              r"\s+(?P<rel>last|this|next)\s+year\Z", regex.I)
_TODAY = LazyPattern(r"\A(today|yesterday|tomorrow)\Z", regex.I)
# days or weeks counted back from publication: "two days ago", "a week ago", "the day before yesterday"
# (the count in digits or words, read by the number parser: "a", "two", "twenty-one")
# (also months, years and decades: "three months ago" is that month, "five years ago" and "a decade ago" that year)
_DAYS_AGO = LazyPattern(r"\A(?:(?P<n>[\w\s-]{1,40}?)\s(?P<unit>day|week|month|year|decade)s?\sago|(?P<before>day\sbefore\syesterday))\Z",
                        regex.I)
_AGO_UNITS = {"day": 1, "week": 7}
_AGO_MONTHS = {"month": 1, "year": 12, "decade": 120}
_WEEKDAY = LazyPattern(r"\A(?:(last|this|next)\s+)?(" + "|".join(WEEKDAYS) + r")\Z", regex.I)
# a weekday with its day of the month in brackets, as Brazil's government writes it ("on Tuesday (13)"): the day
# nearest the publication date that is both (the one before, on a tie)
_WEEKDAY_DATED = LazyPattern(r"\A(?:this\s+)?(" + "|".join(WEEKDAYS) + r")\s*\((\d{1,2})\)\Z", regex.I)
_MONTH_RANGE = LazyPattern(r"\A([a-z]+)\.?(?:\s?[-–]\s?|\s(?:to|through|till|until|and)\s)([a-z]+)\.?(?:,?\s+((?:19|20)\d\d))?\Z", regex.I)
# a part of a year: "the first quarter (of 2024)", "the second half", "the first eight months", "Q3", "H1 2025"
# (`which` is an ordinal of the number vocabulary, or "final" or "last": _is_period)
_PERIOD = LazyPattern(r"\A(?:(?:the\s)?(?P<which>\p{L}+)\s(?P<part>quarter|half)"
                      r"|(?:the\s)?first\s(?P<months>\w+)\smonths|(?P<letter>[QH])(?P<n>[1-4]))"
                      r"(?:\s(?:of\s)?(?P<of>.+))?\Z", regex.I)
# a part of a year in its short form, glued to its year: "9M2024" (the first nine months), "1H2024", "3Q23", "1QFY24"
_SHORT_PERIOD = LazyPattern(r"\A(?:[1-9]|1[0-2])[QHM]\s?(?P<fy>FY\s?)?(?P<year>(?:19|20)\d\d|\d\d)\Z", regex.I)
# a span from a month of one year to a month of another ("April 2023-March 2024", a fiscal year): dated to
# the year it began, as a split year is
# a month said with "of" before its year ("June of 2016", "January-June of 2021", "October of last year"):
# read without it ("June 2016", "October last year")
_MONTH_OF_YEAR = LazyPattern(r"(?<=\b(?:" + "|".join(MONTHS) + r")[a-z]*\.?)\s+of\s+(?=(?:19|20)\d\d\Z|(?:last|this|next)\s+year\Z)",
                             regex.I)
_MONTH_YEAR_SPAN = LazyPattern(r"\A[a-z]+\.?,?\s((?:19|20)\d\d)\s?(?:[-–]|to|through|until)\s?[a-z]+\.?,?\s(?:19|20)\d\d\Z", regex.I)
# a period told by its last month: "the nine months to September", "12 months ended June 2024"
_MONTHS_TO = LazyPattern(r"\A(?:the\s)?\w+\smonths\s(?:to|through|ending|ended)\s([a-z]+)\.?(?:,?\s((?:19|20)\d\d))?\Z", regex.I)
# "5-7 March", "28 and 29 November" -> "5 March", "28 November"; not inside a longer number or an ISO date ("2022-02-23")
# (ordinal days too: "16th-18th December" -> "16 December")
_DAY_RANGE_TAIL = LazyPattern(r"(?<![\d-])(\d{1,2})(?:st|nd|rd|th)?\s?(?:[-–]|to|and)\s?\d{1,2}(?:st|nd|rd|th)?(?![\d-])")
# a span across two months with its year once ("29 September – 1 October 2025", "Nov. 28 to Dec. 1, 2023"):
# its first day, a year earlier when it crosses the new year
_CROSS_MONTH = LazyPattern(r"\A(?:(?P<d1>\d{1,2})\s(?P<m1>[a-z]+)\.?|(?P<m1b>[a-z]+)\.?\s(?P<d1b>\d{1,2})(?:st|nd|rd|th)?)\s?(?:[-–]|to)\s?"
                           r"(?:\d{1,2}\s(?P<m2>[a-z]+)\.?|(?P<m2b>[a-z]+)\.?\s\d{1,2}(?:st|nd|rd|th)?),?\s(?P<year>(?:19|20)\d\d)\Z", regex.I)
_ISO_DATE = LazyPattern(r"\A((?:19|20)\d\d)-(\d\d)-(\d\d)\Z")
_LEADING = LazyPattern(r"\A(?:(?:on|in|at|during|since|from|of|the|early|late|mid|end\s+of|beginning\s+of)\b[\s-]*)+", regex.I)
_HAS_YEAR = LazyPattern(r"(?:19|20)\d\d")
# a weekday said before its day of the month ("Wednesday 2 December", "from Wednesday 2 to Saturday 5 December",
# "Monday, March 3"): the day says it all
_WEEKDAY_BEFORE_DAY = LazyPattern(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?=\d|[a-z]+\.?\s\d)", regex.I)
_REL_NAMED_MONTH = LazyPattern(r"\A(last|this|next)\s+([a-z]+)\.?\Z", regex.I)
# a season, placed by a relative word, by its year or by neither ("last summer", "the spring of 2026", "in the
# autumn"): dated to its year (_season_year)
_SEASON = LazyPattern(r"\A(?:(?P<rel>last|past|previous|this|current|next|coming|following)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
                      r"(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?\Z", regex.I)
# a season's first month; winter runs from December into the year it is dated to (the year of most of its months)
SEASON_FIRST_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# month names and the abbreviations dateparser knows; "Sept" as well
_MONTH_WORDS = {name: i + 1 for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec"))) for name in names}
_MONTH_WORD = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_OF = r"(?P<year>(?:19|20)\d\d)"
# the common month/day/year forms, one space apart ("April 19th, 2024", "1 March 2021")
_MONTH_DAY_YEAR = LazyPattern(
    rf"\A(?:{_MONTH_WORD}(?:\s{_DAY})?(?:,?\s{_YEAR_OF})?|{_DAY}\s{_MONTH_WORD}(?:,?\s{_YEAR_OF})?)\Z", regex.I)

SHIFT = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "this": 0, "current": 0,
         "next": 1, "coming": 1, "following": 1}



_NEAREST_FIRST = sorted(range(-21, 22), key=lambda d: (abs(d), d > 0))  # days from publication, the nearer (and earlier) first


def _weekday_dated(weekday: int, day: int, pub: dt.date) -> str | None:
    """The day within three weeks of `pub` that falls on `weekday` and is the month's `day`."""
    for offset in _NEAREST_FIRST:
        date = pub + dt.timedelta(days=offset)
        if date.day == day and date.weekday() == weekday:
            return date.isoformat()
    return None


def weekday_after(day: str, bound: str) -> str:
    """The first day after `bound` (both YYYY-MM-DD) on `day`'s weekday: a later leg's weekday
    resolved before the leg it follows ("on Monday …, then on Thursday": the Thursday after)."""
    value, limit = dt.date.fromisoformat(day), dt.date.fromisoformat(bound)
    if value > limit:
        return day
    return (value + dt.timedelta(days=7 * ((limit - value).days // 7 + 1))).isoformat()


def _month_number(word: str) -> int | None:
    w = word.lower()[:3]
    return MONTHS.index(w) + 1 if w in MONTHS and len(word) >= 3 else None


class DateResolver:
    """Resolves date expressions for one publication date (or none)."""

    def __init__(self, published: dt.date | None, numbers: NumberWords | None = None):
        self.published = published
        self.numbers = numbers  # the number words it reads ("two days ago", "the third quarter"): a rule set's,
        # else the bundled ones (relfacts/data/numbers.yaml), loaded when first needed

    def resolve(self, text: str, tense: str | None = None) -> str | None:
        """The date `text` names.  `tense` ("past" or "future": what its clause says
        happened or will happen) places a weekday or a month said without its
        year: "will visit on Monday" is the Monday after publication, "visited in
        November" in a story of October the November before."""
        text = " ".join(text.split())
        if tense and self.published:
            season = _SEASON.match(_LEADING.sub("", text).strip().rstrip(".,"))
            if season and not season["rel"] and not season["year"]:
                return _season_year(season["season"], self.published, {"past": "last", "future": "coming"}.get(tense))
        value = _resolve(text, self.published, self.numbers)
        if tense and value and self.published:
            return _in_tense(value, text, self.published, tense)
        return value


def _past_span_of_months(value: str, text: str, pub: dt.date) -> str:
    """A span of months said without its year, in a clause that tells what happened
    ("exports grew 11% in July-December" in a January story): the latest such span
    that has ended, the year before when its last month is still to come; a span
    across the new year ("April-January", a fiscal year's months) is dated to the
    year it began, as a split year is."""
    m = _MONTH_RANGE.match(_LEADING.sub("", text).strip().rstrip(".,"))
    if not m or m.group(3) or value != str(pub.year):
        return value
    first, last = _month_number(m.group(1)), _month_number(m.group(2))
    if not last:
        return value
    year = pub.year - 1 if last > pub.month else pub.year
    return str(year - 1 if first and first > last else year)


def _in_tense(value: str, text: str, pub: dt.date, tense: str) -> str:
    if tense == "past":
        value = _past_span_of_months(value, text, pub)
    bare = _LEADING.sub("", text).strip().rstrip(".,")
    if _SAID_WHEN.search(text) or _WEEKDAY_DATED.match(bare):
        return value  # a year, a relative word ("last", "next") or the day of the month already placed it
    if _WEEKDAY.match(bare):
        if tense == "future" and value < pub.isoformat():
            return (dt.date.fromisoformat(value) + dt.timedelta(days=7)).isoformat()
        return value
    here = pub.isoformat()[:len(value)]
    shift = -1 if tense == "past" and value > here else 1 if tense == "future" and value < here else 0
    if not shift:
        return value
    year = int(value[:4]) + shift
    if not 1 <= year <= 9999 or value[4:] == "-02-29":
        return value
    return f"{year:04d}{value[4:]}"


# a year, or a word that places a date relative to publication
_SAID_WHEN = LazyPattern(r"\d{4}|\b(?:last|next|this|coming|past|previous|ago|today|yesterday|tomorrow|tonight)\b", regex.I)


@memoized()
def _resolve(text: str, pub: dt.date | None, numbers: NumberWords | None = None) -> str | None:
    try:
        value = _resolve_in_range(text, pub, numbers)
    except (OverflowError, ValueError):  # beyond year 1 or 9999: no date rather than a crash
        return None
    year = value.split("-")[0] if value else ""
    return value if len(year) == 4 and year != "0000" else None  # "last year" in year 1 is no year


def _resolve_in_range(text: str, pub: dt.date | None, numbers: NumberWords | None) -> str | None:
    s = _LEADING.sub("", text).strip().rstrip(".,")
    if not s:
        return None
    if " of " in s:
        s = _MONTH_OF_YEAR.sub(" ", s)
    if s[0].isalpha() and "day" in s:
        s = _WEEKDAY_BEFORE_DAY.sub("", s)
    m = _YEAR_RANGE.match(s) or _YEAR.match(s)
    if m:
        return m.group(1)
    m = _ISO_DATE.match(s)
    if m:
        return dt.date(*map(int, m.groups())).isoformat()  # ValueError for no such day: no date
    m = _CROSS_MONTH.match(s)
    if m:
        first, last = _month_number(m["m1"] or m["m1b"]), _month_number(m["m2"] or m["m2b"])
        if first and last:
            year = int(m["year"]) - (first > last)
            return dt.date(year, first, int(m["d1"] or m["d1b"])).isoformat()
    m = _FY_SHORT.match(s)
    if m:
        return str(2000 + int(m.group(1)) - 1)
    m = _SHORT_PERIOD.match(s)
    if m:
        year = m["year"]
        return year if len(year) == 4 else str(2000 + int(year) - bool(m["fy"]))  # "FY24" is 2023's, as above
    m = _MONTH_YEAR_SPAN.match(s)
    if m:
        return m.group(1)
    m = _REL_YEAR.match(s)
    if m:
        return str(pub.year + SHIFT[(m.group(1) or m.group(2) or "this").lower()]) if pub else None
    m = _REL_MONTH.match(s)
    if m:
        if not pub:
            return None
        months = pub.year * 12 + pub.month - 1 + SHIFT[m.group(1).lower()]
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    m = _REL_WEEK.match(s)
    if m:
        if not pub:
            return None
        return (pub + dt.timedelta(days=7 * SHIFT[m.group(1).lower()])).isoformat()[:7]
    m = _MONTH_REL_YEAR.match(s)
    if m and _month_number(m["month"]) and not (m["day1"] and m["day2"]):
        if not pub:
            return None
        month = f"{pub.year + SHIFT[m['rel'].lower()]:04d}-{_month_number(m['month']):02d}"
        day = m["day1"] or m["day2"]
        if not day:
            return month
        try:
            return dt.date(int(month[:4]), int(month[5:]), int(day)).isoformat()
        except ValueError:
            return None
    m = _SEASON.match(s)
    if m:
        if m["year"]:
            return m["year"]
        return _season_year(m["season"], pub, (m["rel"] or "this").lower()) if pub else None
    m = _TODAY.match(s)
    if m:
        if not pub:
            return None
        return (pub + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[m.group(1).lower()])).isoformat()
    m = _DAYS_AGO.match(s)
    if m:
        if not pub:
            return None
        if m["before"]:
            return (pub - dt.timedelta(days=2)).isoformat()
        n = m["n"]
        try:
            count = int(n) if n.isdigit() else (numbers or bundled()).parse_words(n)
        except NumberError:
            return None
        unit = m["unit"].lower()
        if unit in _AGO_MONTHS:
            months = pub.year * 12 + pub.month - 1 - int(count) * _AGO_MONTHS[unit]
            year = f"{months // 12:04d}"
            return f"{year}-{months % 12 + 1:02d}" if unit == "month" else year
        return (pub - dt.timedelta(days=count * _AGO_UNITS[unit])).isoformat()
    m = _WEEKDAY_DATED.match(s)
    if m:
        return _weekday_dated(WEEKDAYS.index(m.group(1).lower()), int(m.group(2)), pub) if pub else None
    m = _WEEKDAY.match(s)
    if m:
        if not pub:
            return None
        back = (pub.weekday() - WEEKDAYS.index(m.group(2).lower())) % 7
        if (m.group(1) or "").lower() == "next":
            return (pub + dt.timedelta(days=(7 - back) % 7 or 7)).isoformat()
        if (m.group(1) or "").lower() == "this":  # the day of the story's own week (Monday to Sunday)
            return (pub + dt.timedelta(days=WEEKDAYS.index(m.group(2).lower()) - pub.weekday())).isoformat()
        return (pub - dt.timedelta(days=back)).isoformat()
    m = _MONTH_RANGE.match(s)
    if m and _month_number(m.group(1)) and _month_number(m.group(2)):
        year = m.group(3) or (str(pub.year) if pub else None)
        return year  # a span of months is dated to its year
    m = _PERIOD.match(s)
    if m and _is_period(m, numbers or bundled()):
        return _period(m, pub, numbers or bundled())
    m = _MONTHS_TO.match(s)
    if m and _month_number(m.group(1)):
        if m.group(2):
            return m.group(2)
        # the latest such month that has come (a period is told once it has ended)
        return str(pub.year if _month_number(m.group(1)) <= pub.month else pub.year - 1) if pub else None
    m = _REL_NAMED_MONTH.match(s)
    if m and _month_number(m.group(2)):
        if not pub:
            return None
        month = _month_number(m.group(2))
        year = pub.year
        rel = m.group(1).lower()
        if rel == "last" and month >= pub.month:
            year -= 1
        elif rel == "next" and month <= pub.month:
            year += 1
        return f"{year:04d}-{month:02d}"
    if pub is None and not _HAS_YEAR.search(s):
        return None
    s = _DAY_RANGE_TAIL.sub(r"\1", s)
    quick = month_day_year(s, pub)
    return quick if quick is not None else _with_dateparser(s, pub)


def _season_year(season: str, pub: dt.date, rel: str | None) -> str:
    """The year of the season `rel` places against publication: "last" the latest
    that has ended, "next" the first still to begin, "coming" (a season ahead, said
    without a relative word) the one going on or else the next, "this" the one of
    the publication's year (from September on, "this winter" is the coming one)."""
    first = SEASON_FIRST_MONTH[season.lower()]
    winter = first == 12
    now = pub.year * 12 + pub.month - 1

    def start(year: int) -> int:  # the month (counted from year 0) the season dated `year` begins
        return (year - 1) * 12 + 11 if winter else year * 12 + first - 1

    year = pub.year + (winter and pub.month >= 9)
    if rel in ("last", "past", "previous"):
        year = max(y for y in (pub.year - 1, pub.year, pub.year + 1) if start(y) + 2 < now)
    elif rel in ("next", "following"):
        year = min(y for y in (pub.year, pub.year + 1, pub.year + 2) if start(y) > now)
    elif rel == "coming":
        year = min(y for y in (pub.year, pub.year + 1, pub.year + 2) if start(y) + 2 >= now)
    return f"{year:04d}"


def _is_period(m, numbers: NumberWords) -> bool:
    """Whether _PERIOD's match names a part of a year: its `which` (if any) is an ordinal,
    "final" or "last" ("the big quarter" is none)."""
    which = (m.group("which") or "").lower()
    return not which or which in numbers.ordinals or which in ("final", "last")


def _period(m, pub: dt.date | None, numbers: NumberWords) -> str | None:
    """A part of a year is dated to its year: the one it names ("of 2024", "of
    last year"), else the latest whose last month has come by publication (the
    fourth quarter, in a February story, is last year's)."""
    of = (m.group("of") or "").lower()
    if of in ("the year", "the current year"):
        return str(pub.year) if pub else None
    if of:
        return _resolve_in_range(of, pub, numbers)
    if (m.group("which") or "").lower() == "last" and pub:  # "in the last quarter": the one before this one
        size = 3 if m.group("part").lower() == "quarter" else 6
        return str(pub.year if (pub.month - 1) // size else pub.year - 1)
    last = _period_end(m, numbers)
    if pub is None or last is None:
        return None
    return str(pub.year if last <= pub.month else pub.year - 1)


def _period_end(m, numbers: NumberWords) -> int | None:
    """The last month of a part of a year (_PERIOD's match), or None."""
    if m.group("months"):
        word = m.group("months").lower()
        count = numbers.units.get(word) or (int(word) if word.isdigit() else 0)
        return count if 1 <= count <= 12 else None
    if m.group("letter"):
        part, n = m.group("letter").lower(), int(m.group("n"))
    else:
        part, which = m.group("part")[0].lower(), m.group("which").lower()
        n = numbers.ordinals.get(which, 0)  # "final", "last": the last one
    size = 3 if part == "q" else 6
    n = n or 12 // size
    return n * size if n * size <= 12 else None


def month_day_year(s: str, pub: dt.date | None) -> str | None:
    """'Jan. 5' -> '2025-01-05' (the publication year), 'August 2022' -> '2022-08',
    'May' -> '2025-05', as dateparser reads them; None for any other form (and
    for a day the month lacks: dateparser's choice of year then is its own)."""
    m = _MONTH_DAY_YEAR.match(s)
    if m is None:
        return None
    month = _MONTH_WORDS.get(m.group("month").lower())
    year = m.group("year")
    if month is None or (year is None and pub is None):
        return None
    year = int(year) if year else pub.year
    day = m.group("day")
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, int(day)).isoformat()
    except ValueError:
        return None


_PARSERS = Memo(bound=16)  # publication date -> its parser (a few kept: a batch's dates are many)


def _with_dateparser(s: str, pub: dt.date | None) -> str | None:
    # dateparser is imported on first use: most documents' dates never need it,
    # and its import and warm-up cost would otherwise land on every start.
    from dateparser.date import DateDataParser

    parser = _PARSERS.get(pub)
    if parser is None:
        settings = {"PREFER_DATES_FROM": "current_period", "PREFER_DAY_OF_MONTH": "first",
                    "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}
        if pub:
            settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
        parser = _PARSERS.put(pub, DateDataParser(languages=["en"], settings=settings))
    try:
        data = parser.get_date_data(s)
    except (ValueError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "year":
        return f"{d.year:04d}"
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


PUBLISHED_YEARS = (1800, 2200)  # a publication date outside these years is a mistake, not news


def parse_published(text: str) -> dt.date:
    """'2025-02-12' -> date(2025, 2, 12); ValueError with a readable message otherwise."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not a date (want YYYY-MM-DD): {text!r}") from None
    return checked_published(day)


def checked_published(value: dt.date | str | None) -> dt.date | None:
    """A publication date as a date (a datetime's time dropped, a string parsed);
    ValueError when it is outside PUBLISHED_YEARS."""
    if value is None:
        return None
    if isinstance(value, str):
        return parse_published(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise ValueError(f"not a date: {value!r}")
    low, high = PUBLISHED_YEARS
    if not low <= value.year <= high:
        raise ValueError(f"publication date {value.isoformat()} is outside the years {low}-{high}")
    return value
