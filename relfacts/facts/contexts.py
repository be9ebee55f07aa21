"""Document contexts a rule can name for a field (`context: sentence_date`):
each computes a value from the document around the match, or None."""
from __future__ import annotations

import datetime
from itertools import takewhile

import regex

from ..engine.accel import find, find_at, fullmatches, match_end, scan_spans
from ..engine.lazy import LazyPattern
from ..normalize.dates import MONTHS, weekday_after
from ..normalize.numbers import NumberError
from .context import last_name
from .normalizers import AND_SEPARATOR, NORMALIZERS, a_people, optional_group, optional_span, placed_gathering, singular


def _tense(env):
    """The tense of the evidence's clause (DocumentContext.clause_tense); a relative clause
    that tells what comes next (the piece next_clause, where a relative_word is) does not set the
    tense of the main clause before it, when that has one."""
    start, end = env.evidence
    text = env.doc.text
    cut = None
    for word in env.ctx.words["relative_word"]:
        if text.find(word, start, end) >= 0:
            cut = find(env.ruleset.pieces.compiled("next_clause"), env.doc, start, end)
            break
    own = env.ctx.tense((start, cut[0])) if cut else None
    return own or env.ctx.clause_tense(env.evidence, env.sentence) or _predicate_tense(env)


_PREDICATE_REACH = 40  # characters after the evidence where its verb is read


def _predicate_tense(env):
    """The tense of the verb right after the evidence, in its clause: a trip or a document told as a
    noun phrase, its verb after it ("His previous visit to China was in November", "The visit of X to Y
    this autumn will focus on …"); not what a verb of saying reports (piece predicate_stop: "X said the
    navies would …")."""
    start = env.evidence[1]
    end = min(env.sentence[1], start + _PREDICATE_REACH)
    text = env.doc.text
    end = min([end] + [i for i in (text.find(m, start, end) for m in ",;:(") if i >= 0])
    if end > start and "predicate_stop" in env.ruleset.pieces:  # a verb of saying: what follows is what was said
        said = env.ctx.piece_in("predicate_stop", (start, end))
        end = said[0] if said else end
    return env.ctx.tense((start, end)) if end > start else None


def _sentence_date(env, of):
    """The sentence's date expression nearest the rule's anchor (the figure)."""
    return env.ctx.date_near(env.anchor, env.sentence, env.anchor, tense=_tense(env))[0]


# how far after a figure its own date may be said ("to 40 billion dollars by 2015", "to $9 billion in trade by 2030")
_OWN_DATE_GAP = 40


def _dated_ahead(env, of):
    """"ahead" for a figure followed in its clause by its own date (no other figure between)
    in a year after the story's: what has not happened yet is a goal or a forecast ("agreed
    to raise the trade volume to 40 billion dollars by 2015" in a story of 2011; not "rose to
    $50 billion, and a target of $100 billion by 2030" for the first figure); a rule maps it."""
    published = env.doc.published
    if not published:
        return None
    text, after = env.doc.text, env.anchor[1]
    end = env.ctx.clause_around(env.anchor, env.sentence)[1]
    for start, stop, _base in env.ctx.dates_in(env.sentence):
        if after <= start < end and start - after <= _OWN_DATE_GAP and not any(c.isdigit() for c in text[after:start]):
            said = env.ctx.date_near((start, stop), env.sentence, (start, stop), tense=_tense(env))[0]
            return "ahead" if said and said[:4].isdigit() and int(said[:4]) > published.year else None
    return None


def _year_before(env, piece):
    """The year before the sentence's date, for a figure followed by the piece named
    `piece` ("fell to $3 billion in 2023 from $4 billion a year earlier": 2022)."""
    text, start, end = env.doc.text, env.anchor[1], env.sentence[1]
    while start < end and text[start].isspace():
        start += 1
    found = env.ctx.piece_at(piece, start, end)
    if found is None:
        return None
    # the sentence's own period, not the piece's ("in FY25, up from $3 billion in the previous fiscal")
    said = env.ctx.date_near(env.anchor, env.sentence, env.anchor, outside=found, tense=_tense(env))[0]
    if not said:
        if any(found[0] <= a and b <= found[1] for a, b, _ in env.ctx.dates_in(env.sentence)):
            return None  # the piece is the only period ("$3 billion the previous year"): the story's year before
        return CARRY_YEAR_BEFORE  # the period told just before ("Imports in the same period were $5.9 billion, from $6 billion a year ago")
    if not said[:4].isdigit():
        return None
    return f"{int(said[:4]) - _years_back(env, found)}{said[4:]}"


def _years_back(env, found) -> int:
    """How many years back the piece's match counts: its first word when that is a
    number ("two years earlier": 2), else one ("a year earlier", "the previous year")."""
    words = env.doc.text[found[0]:found[1]].split()
    try:
        n = env.ruleset.numbers.parse_number(words[0]) if words else 1
    except NumberError:
        return 1
    return int(n) if n == int(n) and 1 <= n <= 50 else 1


def _first_day(env, piece):
    """A visit told by its end and its length ("concluded a two-day visit to Dhaka on
    November 12", the piece named `piece` in the evidence): its first day (November 11)."""
    found = env.ctx.piece_in(piece, env.evidence)
    if found is None:
        return None
    said = _evidence_date(env, None)
    if not said or len(said) != 10:
        return None
    try:  # the piece ends with the visit's length ("a two-day", "a 3-day")
        days = int(env.ruleset.numbers.parse_number(env.doc.text[found[0]:found[1] - 4].split()[-1]))
    except (NumberError, IndexError):
        return None
    if days < 1:
        return None
    return (datetime.date.fromisoformat(said) - datetime.timedelta(days=days - 1)).isoformat()


NOT_A_DAY_REACH = 100  # characters before a date where what makes it no visit's day may start ("since the two sides signed a pact in")


def _evidence_date(env, piece):
    """The sentence's date expression nearest the rule's whole match (a visit's
    date often stands after the place: "arrived in Dhaka on Sunday"); not one of a
    quotation the match is not in ("“Our target is $10 billion by 2030,” X said in Jakarta"),
    nor, with `piece:`, one said right after that piece (a visit's `not_a_visit_day`: the
    deadline of a goal told in the same sentence, "agreed to lift trade to $9 billion by
    2030 as visiting President X held talks in Hanoi", never the trip's; a taking of office,
    "X, who took office in March, attended …"); nor one of an arrival told in an aside before the
    anchor ("X, who arrived in Montevideo on Tuesday, flies on Thursday to Quito": Tuesday is Montevideo's);
    nor one of what the person said right after the evidence (piece `reported_content`: "Speaking in Tbilisi, X
    said exports had doubled since 2020")."""
    skip = quoted = _quoted_apart(env)
    before = [(a, b) for a, b in _asides_in(env, env.sentence) if b <= env.anchor[0]]
    # what the person said right after the evidence ("Speaking in Tbilisi, X said exports had doubled since 2020")
    reported = env.ctx.piece_at("reported_content", env.evidence[1], env.sentence[1])
    if piece or before or reported:
        def skip(start):
            return ((quoted is not None and quoted(start)) or any(a <= start < b for a, b in before)
                    or (reported is not None and start >= reported[1])
                    or (piece is not None and env.ctx.piece_ends_at(piece, env.sentence[0], start, NOT_A_DAY_REACH)))
    # a second act's leg (group _leg): the day said nearest its place, not the first act's
    leg = optional_group(env.match, "_leg") is not None
    return env.ctx.date_near(env.evidence, env.sentence, env.anchor, tense=_tense(env), skip=skip, by_anchor=leg)[0]


_QUOTE_MARK = LazyPattern(r'["“”]')
_QUOTED = LazyPattern(r'(?:"[^"\n]{1,600}?"|“[^“”\n]{1,600}?”)')


def _quoted_apart(env):
    """Whether a place is inside a quotation of the sentence that does not hold the evidence
    (a function of the place, for date_near's skip), or None when there is none."""
    text, (start, end), (first, last) = env.doc.text, env.sentence, env.evidence
    if _QUOTE_MARK.search(text, start, end) is None:  # most sentences quote no one
        return None
    spans = [m.span() for m in _QUOTED.finditer(text, start, end) if not (m.start() <= first and last <= m.end())]
    if not spans:
        return None
    return lambda at: any(a <= at < b for a, b in spans)


def _event_date(env, piece):
    """As evidence_date, but not a period that the piece named `piece` introduces
    (a document's term: "Programme of cooperation for 2025-2029", "valid until 2030"),
    nor one inside the fact's name, nor a year that names an event ("the 2030 World Cup",
    "Vision 2030"); a date said right after the name is its own
    (a list "a pact in 2019, an accord in 2021 and a treaty in 2023": each its year)."""
    # this fact's own copy of its name: the one from its evidence on
    outside = _name_at(env, env.evidence[0], env.sentence[1]) or _name_at(env, env.sentence[0], env.sentence[1])

    asides = _arrival_asides(env)

    def skip(start):
        return bool((piece and env.ctx.piece_ends_at(piece, env.sentence[0], start))
                    or env.ctx.piece_at("event_year", start, env.sentence[1])
                    or env.ctx.piece_ends_at("year_of_name", env.sentence[0], start)
                    or any(a <= start < b for a, b in asides)
                    or _another_signed(env, start))
    tense = _tense(env)
    if outside is not None and "signer_after_name" in env.ruleset.pieces:
        # the one it was signed with, said after the name and no part of it ("a memorandum on X with his Iraqi
        # counterpart Y on Wednesday"): the day after that is the name's own
        signer = find_at(env.ruleset.pieces.compiled("signer_after_name"), env.doc, outside[1])
        outside = (outside[0], signer[1]) if signer else outside
    if outside is not None:
        own = _own_date(env, outside[1], skip, tense)
        if own is not None:
            return own

    # where the name starts: as written, else where the rule read it (a name the text does not write so: "its
    # protocol" is "protocol to the X Agreement"), else the evidence's start
    name_at = outside[0] if outside is not None else (optional_span(env.match, "name") or env.evidence)[0]

    def other_clause(start):  # a date before the name, past the end of a clause ("signed A in 2024, and B is to be …")
        return skip(start) or (start < name_at and env.ctx.piece_in("clause_edge", (start, name_at)) is not None)

    # a date of the evidence's own clause first, else the nearest
    return _done_by_then(env, env.ctx.date_near(env.evidence, env.sentence, env.anchor, outside, other_clause, tense)[0]
                         or env.ctx.date_near(env.evidence, env.sentence, env.anchor, outside, skip, tense)[0])


def _another_signed(env, start: int) -> bool:
    """Whether the date at `start` is told by the signing of another document than the fact's (the piece
    `signed_after_document`: "a Protocol amending the Air Services Agreement signed between the two countries
    in 2017" is the agreement's year, not the protocol's; the fact's own kind word is its anchor): a document
    named between the fact's and the signing, or a signing told before the fact ("the Transit Agreement,
    signed in 2016, and its protocol"); not the fact's own signing after a word of its title ("the Duavata
    Partnership signed in 2018", after "a statement of partnership")."""
    if "signed_after_document" not in env.ruleset.pieces or env.anchor is None:
        return False
    found = env.ruleset.pieces.compiled("signed_after_document").search(env.doc.text, env.sentence[0], start)
    if found is None or env.anchor[0] <= found.start("kind") < env.anchor[1]:  # the fact's own kind word ("Action Plan")
        return False
    return found.start("kind") > env.anchor[0] or start < env.anchor[0]


def _arrival_asides(env) -> list[tuple[int, int]]:
    """The spans of the sentence's asides that tell a person's arrival (the piece `arrival_aside`:
    "X, who arrived on Tuesday, met …") and do not hold the evidence: their days are not the fact's."""
    first, last = env.evidence
    return [(a, b) for a, b in _asides_in(env, env.sentence) if not (a <= first and last <= b)]


def _asides_in(env, span) -> list[tuple[int, int]]:
    """The spans of the arrival asides (piece `arrival_aside`) in a stretch of the text."""
    return env.ctx.arrival_asides(span)


_DONE = frozenset({"signed", "ratified"})  # statuses of what has happened


def _done_by_then(env, value):
    """No day after the story's for what the fact says has happened (a document signed or ratified):
    such a day is another event's ("signed an agreement, which parliament is expected to ratify next
    year"; the lead's "visa-free travel from 10 November")."""
    published = env.doc.published
    if value and published and env.values.get("status") in _DONE and value > published.isoformat()[:len(value)]:
        return None
    return value


_OWN_DAY = LazyPattern(r"\s*(?:(?:on|in)\s+)?\Z")  # between a name and its own day ("… pact on 3 May", "… accord in 2021")
_OWN_DAY_REACH = 5  # characters from a name's end where its own day starts


def _opening_date(env, of):
    """The date that opens the sentence ("In January, the two sides said …"): the day of the
    sentence's own statement, not one of an aside ("talks, relaunched in 2024, …")."""
    text = env.doc.text
    for start, stop, base in env.ctx.dates_in(env.sentence):
        if base is None and start < env.evidence[0] and text[stop:stop + 1] == "," \
                and env.ruleset.pieces.compiled("date_opening_before").match(text, env.sentence[0], start):
            return env.ctx.dates.resolve(text[start:stop])   # the statement's tense, not the document's
        break
    return None


def _own_date(env, end, skip, tense):
    """The date said right after a document's name (ending at `end`), or None."""
    text = env.doc.text
    for start, stop, base in env.ctx.dates_in(env.sentence):
        if end <= start <= end + _OWN_DAY_REACH and base is None and _OWN_DAY.match(text, end, start) \
                and not (skip and skip(start)):
            return env.ctx.dates.resolve(text[start:stop], tense)
    return None


def _date_after(env, of):
    """The date said right after the place of field `of` in the match, before the
    next place ("visit Ghana on July 2; Argentina on July 4": each leg its day); for a host
    said by reference (group `host_ref`: "and returned there on Friday"), the date right after it."""
    ref = optional_span(env.match, "host_ref")
    if ref:
        end, tense = min(ref[1] + _LEG_REACH, env.sentence[1]), _tense(env)
        return next((env.ctx.dates.resolve(env.doc.text[a:b], tense) for a, b, base in env.ctx.dates_in(env.sentence)
                     if base is None and ref[1] <= a and b <= end), None)
    code = env.values.get(of) if of else None
    places = [m for m in env.ctx.mentions_in(*env.evidence) if m.kind != "demonyms"]
    for before, here, following in zip([None] + places, places, places[1:] + [None]):
        if here.code == code:
            end = following.start if following else min(env.evidence[1] + _LEG_REACH, env.sentence[1])
            if following is None:  # not the day of the next act ("travels to A to tour a plant, and on Friday flies to B")
                joint = env.ruleset.pieces.compiled("leg_joint").search(env.doc.text, here.end, end)
                end = joint.start() if joint else end
            tense = _tense(env)
            dates = [(a, b) for a, b, base in env.ctx.dates_in(env.sentence) if base is None]
            after = next((span for span in dates if here.end <= span[0] and span[1] <= end), None)
            if after is None and following is not None and _PAIRED_LEG.match(env.doc.text, here.end, following.start):
                # two places joined by "and" share the day said after the second ("Myanmar and India in August")
                beyond = places[places.index(following) + 1] if following is not places[-1] else None
                stop = beyond.start if beyond else min(env.evidence[1] + _LEG_REACH, env.sentence[1])
                after = next((span for span in dates if following.end <= span[0] and span[1] <= stop
                              and _LEG_DATE_GAP.match(env.doc.text, following.end, span[0])), None)
            if after is None and before is not None:  # its day before its verb: "in A on Monday and on Thursday will fly to B"
                joint = env.ruleset.pieces.compiled("leg_joint").search(env.doc.text, before.end, here.start)
                own = next((span for span in dates if joint and joint.end() <= span[0] <= joint.end() + 3
                            and span[1] <= here.start), None)
                first = next((span for span in dates if joint and before.end <= span[0] and span[1] <= joint.start()), None)
                return _day_after_leg(env, own, first, tense) if own else None
            if after is None:
                return None
            if before is not None and tense == "future" and env.ctx.piece_in("on_weekday", after) \
                    and env.ctx.tense((env.sentence[0], before.end)) == tense \
                    and not env.ctx.piece_in("leg_after_word", (before.end, here.start)):
                # a later leg's weekday, both legs to come, falls after the earlier leg's day ("will fly to A on
                # Monday, then to B on Wednesday"; not "flew to A on Monday and will …", nor "will arrive in A on
                # Monday, after visiting B on Saturday": piece leg_after_word)
                first = next((span for span in dates if before.end <= span[0] and span[1] <= here.start), None)
                return _day_after_leg(env, after, first, tense)
            return _in_year_said(env, after[0], env.ctx.dates.resolve(env.doc.text[after[0]:after[1]], tense))
    return None


# a month with its year ("May 2015", "Sept. 2015"), by the month stems the date normalizer reads
_MONTH_YEAR = LazyPattern(r"\b(?P<month>" + "|".join(MONTHS) + r")[a-z]*\.?\s+(?P<year>(?:19|20)\d\d)\b", regex.I)


def _in_year_said(env, start: int, day: str | None) -> str | None:
    """A leg's day said without its year, in the year its sentence gave that month before it ("a tour
    in May 2015 took him to Brasilia (May 18-21), Bogota (May 21-22)": 2015-05-18, not the May before
    publication)."""
    if not day or len(day) != 10 or _YEAR.search(env.doc.text, start, start + 20):
        return day
    said = [m for m in _MONTH_YEAR.finditer(env.doc.text, env.sentence[0], start)
            if MONTHS.index(m.group("month").lower()) + 1 == int(day[5:7])]
    return f"{said[-1].group('year')}{day[4:]}" if said else day


def _day_after_leg(env, own, first, tense):
    """A later leg's day (span `own`), after the earlier leg's (span `first`): a weekday that would
    fall before that day is the one of the week after ("on Monday and on Thursday": the Thursday after)."""
    text = env.doc.text
    value = env.ctx.dates.resolve(text[own[0]:own[1]], tense)
    earlier = env.ctx.dates.resolve(text[first[0]:first[1]], tense) if first else None
    if value and earlier and len(value) == len(earlier) == 10 and value < earlier:
        return weekday_after(value, earlier)
    return value


_LEG_REACH = 40  # characters after the last place of a match where its date may stand
_PAIRED_LEG = LazyPattern(r"\s+and\s+(?:the\s+)?\Z")   # "Myanmar and India in August": the two places share its month
_LEG_DATE_GAP = LazyPattern(r"\s+(?:in|on)\s+\Z")   # the shared day follows the second place at once


def _date_after_piece(env, piece):
    """The date said right after a match of the piece named `piece` near the evidence
    (from a little before it to the sentence's end): the day of a later status that
    wins ("signed in 2019 and ratified by parliament in March 2025": March 2025)."""
    if not piece:
        return None
    # the first that reaches into the evidence: one ended before it is another document's
    found = env.ctx.piece_in(piece, (max(env.sentence[0], env.evidence[0] - _STATUS_REACH), env.sentence[1]))
    while found is not None and found[1] <= env.evidence[0]:
        found = env.ctx.piece_in(piece, (found[1], env.sentence[1]))
    if found is None:
        return None
    tense = _tense(env)
    return next((env.ctx.dates.resolve(env.doc.text[a:b], tense) for a, b, base in env.ctx.dates_in(env.sentence)
                 if base is None and found[1] <= a <= found[1] + _STATUS_DAY_REACH), None)


def _new_date(env, piece):
    """A trip put off (the piece trip_put_off in the evidence's sentence): the date said right after
    the piece named `piece` ("… is now expected to take place in November", "rescheduled for 12 May")
    there or in the next two sentences; the date it had before is not its date."""
    if "trip_put_off" not in env.ruleset.pieces or env.ctx.piece_in("trip_put_off", env.sentence) is None:
        return None
    index = env.doc.sentence_index(env.sentence[0])
    for sentence in env.doc.sentences[index:index + 3]:
        found = env.ctx.piece_in(piece, sentence)
        if found is None:
            continue
        said = next((env.doc.text[a:b] for a, b, _ in env.ctx.dates_in(sentence)  # "until October" is no bound here
                     if found[1] <= a <= found[1] + _STATUS_DAY_REACH), None)
        if said:
            return env.ctx.dates.resolve(said, "future")
    return None


_STATUS_REACH = 80  # characters before the evidence where its later status may start
_STATUS_DAY_REACH = 40  # characters after a later status where its day may start


def _dates_listed(env, piece):
    """Two or more dates with their years listed right after the match, read by the
    piece named `piece` ("trips to Peru in May 2019 and March 2022"): one value each,
    for `each: true` (one visit per date)."""
    found = env.ctx.piece_at(piece, env.evidence[1], env.sentence[1])
    if found is None:
        return None
    text = env.doc.text
    spans = [(a, b) for a, b, base in env.ctx.dates_in(env.sentence) if found[0] <= a and b <= found[1]]
    if len(spans) < 2 or not all(_YEAR.search(text, a, b) for a, b in spans):
        return None
    dates = [env.ctx.dates.resolve(text[a:b]) for a, b in spans]
    return dates if all(dates) else None


_YEAR = LazyPattern(r"\b\d{4}\b")


class _Carry:
    """The date of the fact before: filled in once the document's facts are
    known (facts/builder.py carry_dates), so that only kept facts pass it on.
    `types`: the fact types it is taken from (None: the fact's own type)."""

    def __init__(self, types: tuple[str, ...] | None = None, years_back: int = 0, days_after: int = 0,
                 any_type: bool = False):
        self.types, self.years_back, self.days_after = types, years_back, days_after
        self.any_type = any_type   # the fact last told before it, of any type ("the same day": a visit's day too)

    def __repr__(self):
        back = f"-{self.years_back}" if self.years_back else ""
        after = f"+{self.days_after}d" if self.days_after else ""
        return ("CARRY" if self.types is None else f"CARRY{self.types}") + ("*" if self.any_type else "") + back + after


CARRY = _Carry()
CARRY_YEAR_BEFORE = _Carry(years_back=1)  # the year before the period of the fact before
CARRY_SAME_DAY = _Carry(any_type=True)  # the day of the fact told last, of any type ("the same day")
CARRY_DAY_AFTER = _Carry(days_after=1, any_type=True)  # the day after it ("the following day")
CARRY_MEASURE = _Carry(("trade", "percentage"))  # the period of the last figure, else of the last percentage


class Trip:
    """A companion's share of a visit told near it ("He will be accompanied by X and Y"):
    the host, place, kind and date of that visit, filled in once the document's
    visits are known (facts/builder.py carry_companions).  `lead`: the sentence
    names whom the companion goes with before it by pronoun, office or delegation
    (the rule's piece), so that any visit just before is theirs; else only the
    visit of a person the sentence names there is."""

    __slots__ = ("lead", "whole", "ahead")

    def __init__(self, lead: bool, whole: bool = False, ahead: bool = False):
        self.lead, self.whole = lead, whole   # whole: the companion goes along every leg of the tour
        self.ahead = ahead   # the companion's clause tells a trip to come ("will be accompanied by")

    def __repr__(self):
        return f"TRIP(lead={self.lead}, whole={self.whole})"


def _companion_trip(env, piece):
    """A Trip for a companion (its fields come from the visit it joins); a lead when the
    piece (whom the companion goes with) stands before the companion or after it in the
    evidence ("X, who travelled with the President")."""
    return Trip(bool(piece) and any(env.ctx.piece_in(piece, span) is not None
                                     for span in ((env.sentence[0], env.anchor[0]), (env.anchor[1], env.evidence[1]))
                                     if span[0] < span[1]),
                ahead=env.ctx.tense((env.sentence[0], env.evidence[1])) == "future")


def _companion_tour(env, piece):
    """A Trip (as _companion_trip, never a lead) that says whether the companion's sentence names the
    whole trip, by the piece ("accompanied on the trip by X", "X will travel with him throughout the
    visit"): then the companion makes every leg of the tour it joins (facts/builder.py carry_companions)."""
    return Trip(False, bool(piece) and env.ctx.piece_in(piece, env.sentence) is not None)


def _previous_date(env, piece):
    """The date of this type's previous fact, when it stands in one of the two
    sentences before ("…reached $5.3 billion in 2024. Exports rose to …"); with a
    piece named, only in a sentence that holds it, and then the date of the last
    trade figure, else of the last percentage (CARRY_MEASURE: a change beside a money figure,
    "…up 19.3% in 2024. Exports were $61.2 billion, a rise of 0.9%"; a figure after a change,
    "In January-September, trade grew by 14%. Exports amounted to $1.2 billion")."""
    if not piece:
        return CARRY
    return CARRY_MEASURE if env.ctx.piece_in(piece, env.sentence) else None


def _same_occasion(env, piece):
    """A statement told as on the occasion of the fact just before ("Erdogan flew to Erbil the
    same day", the piece named `piece` in the sentence): that fact's date (CARRY)."""
    return CARRY if env.ctx.piece_in(piece, env.sentence) else None


def _same_day(env, piece):
    """A statement told as on the day of the fact told just before it, of any type ("a contract was
    signed the same day", the piece named `piece` in the sentence): that day (CARRY_SAME_DAY)."""
    return CARRY_SAME_DAY if env.ctx.piece_in(piece, env.sentence) else None


def _day_after(env, piece):
    """A statement told as on the day after the fact just before ("a protocol was signed the
    following day", the piece named `piece` in the sentence): the next day (CARRY_DAY_AFTER)."""
    return CARRY_DAY_AFTER if env.ctx.piece_in(piece, env.sentence) else None


_TALKS_REACH = 15   # sentences back where the talks a signing follows were told


def _talks_day(env, piece):
    """A signing told as following the talks ("Following the talks, the two presidents signed …",
    "At the end of the talks, they witnessed the signing of:", the piece named `piece` in the
    sentence): the day a sentence before gave the talks (one with the piece `talks_told`: "The two
    leaders held official talks in Hanoi on 10 June"), not the first day of the visit they belong to."""
    if env.ctx.piece_in(piece, env.sentence) is None:
        return None
    index = env.doc.sentence_index(env.sentence[0])
    for i in range(index - 1, max(-1, index - 1 - _TALKS_REACH), -1):
        day = _day_told(env, env.doc.sentences[i], "talks_told")
        if day:
            return day
    return None


_BEFORE_CUE = 50   # characters a day said before its cue counts as farther than one said after it


def _gap(text, start, end) -> int:
    """How far apart two things are: the characters between, and _BEFORE_CUE more past a comma or semicolon."""
    between = text[start:end] if end > start else ""
    return len(between) + (2 * _BEFORE_CUE if "," in between or ";" in between else 0)


def _day_told(env, span, piece):
    """The full day (YYYY-MM-DD) said nearest the piece named `piece` in the sentence `span`, not one
    after publication nor one of an arrival aside (piece `arrival_aside`): "who arrived late on Monday, held
    talks … on Tuesday" gives the talks' Tuesday."""
    text, published = env.doc.text, _published(env, None)
    cues = list(scan_spans(env.ruleset.pieces.compiled(piece), env.doc, *span))
    if not cues:
        return None
    asides = _asides_in(env, span)
    best = None
    for a, b, base in env.ctx.dates_in(span):
        if any(x <= a and b <= y for x, y in asides):
            continue  # the day of an arrival told in an aside ("X, who arrived Sunday night, was given honours before the meeting")
        clause = max(span[0], text.rfind(",", span[0], a) + 1, text.rfind(";", span[0], a) + 1)
        day = env.ctx.dates.resolve(text[a:b], env.ctx.tense((clause, b))) if base is None else None
        if not day or len(day) != len("YYYY-MM-DD") or (published and day > published):
            continue
        # (a day said after the cue is its own, "held talks … on Tuesday"; one before it belongs to what precedes, "arrived
        # late on Monday and held talks"; one past a comma to another clause, "who arrived late on Monday, held talks")
        dist = min(_gap(text, cue[1], a) if a >= cue[1] else _gap(text, b, cue[0]) + _BEFORE_CUE for cue in cues)
        if best is None or dist < best[0]:
            best = (dist, day)
    return best[1] if best else None


def _told_before_day(env, piece):
    """An undated signing told in the sentence right after one that gave the day of the talks or of
    another signing (the piece named `piece`: "In the Iranian capital on Monday, the two leaders held
    talks. The two sides signed four memoranda …"; "On Friday, A and B signed a declaration. Their
    ministers signed a memorandum …"): that day, not the lead's arrival day."""
    index = env.doc.sentence_index(env.sentence[0])
    if index == 0 or env.ctx.tense(tuple(env.doc.sentences[index - 1])) == "future":
        return None  # talks ahead ("will travel to Montevideo on Wednesday for talks") date no signing done
    return _day_told(env, env.doc.sentences[index - 1], piece)


def _next_leg_day(env, piece):
    """A tour's next leg told with a weekday ("The president would continue on to Amman on
    Tuesday", the piece named `piece` before the weekday): its day as said (the evidence's
    date), but one that falls on or before the day of the visit told just before is the
    week after (NextLeg, filled in by carry_dates).  A leg told without a verb of its own (", then to B on
    Thursday") is in the tense of the leg before it; of legs listed, each takes the day said nearest it
    ("then to A on Thursday and B on Saturday")."""
    cue = env.ctx.piece_in(piece, env.sentence) if piece else None
    if not cue:
        return None
    if not env.ctx.piece_in("on_weekday", (cue[1], env.sentence[1])):
        return None  # a day of the month, or none: as the other contexts read it
    own_cue = env.ctx.piece_in(piece, env.evidence)
    if own_cue is None:  # the cue of a leg after this one ("before flying out on Friday to A, and goes on to B"): its day as said
        value = _evidence_date(env, None)
        return NextLeg(value) if value and len(value) == 10 else None
    cue = own_cue
    tense = env.ctx.tense(env.evidence) or env.ctx.tense((env.sentence[0], cue[0]))
    # this leg's place: the first after the cue whose country is a value the fact already has (its host, read
    # before its date; of places listed, `each: true` gives each its own fact), and the place listed after it
    text = env.doc.text
    codes = {v for v in env.values.values() if isinstance(v, str)}
    places = [m for m in env.ctx.mentions_in(cue[1], env.evidence[1]) if m.kind != "demonyms"]
    at = next((i for i, m in enumerate(places) if m.code in codes), None)
    here_end = places[at].end if at is not None else env.anchor[1]
    following = places[at + 1] if at is not None and at + 1 < len(places) else None
    dates = [(a, b) for a, b, base in env.ctx.dates_in(env.sentence) if base is None]

    def day_right_after(end):  # "B on Saturday", "B next Tuesday"
        return next((span for span in dates if span[0] >= end
                     and (text[end:span[0]].isspace() or _LEG_DATE_GAP.match(text, end, span[0]))), None)
    own = day_right_after(here_end)
    if own is None and following is not None and _PAIRED_LEG.match(text, here_end, following.start):
        own = day_right_after(following.end)  # two places joined by "and" share the day said after the second
    if own is None:  # else one the match says after its cue, the nearest its place ("then on Friday to A")
        inside = [span for span in dates if cue[1] <= span[0] and span[1] <= env.evidence[1]]
        own = min(inside, key=lambda span: abs(span[0] - here_end), default=None)
    value = env.ctx.dates.resolve(text[own[0]:own[1]], tense) if own else None
    return NextLeg(value, own[0]) if value and len(value) == 10 else None


class NextLeg(str):
    """A leg's day as said, to be moved past the day of the visit told before it (carry_dates);
    `said_at` is where the text says it (two places may share one: "then to A and B on Tuesday")."""

    def __new__(cls, value, said_at=None):
        leg = super().__new__(cls, value)
        leg.said_at = said_at
        return leg

    def after(self, earlier) -> "NextLeg":
        """This day, or when it falls on or before `earlier` (a day; not the same day said once for
        both), the first day after `earlier` with its weekday."""
        if self.said_at is not None and getattr(earlier, "said_at", None) == self.said_at:
            return earlier  # the day said once for both (as moved for the first)
        if len(str(earlier)) != 10 or str(self) > str(earlier):
            return self
        return NextLeg(weekday_after(str(self), str(earlier)), self.said_at)


def _codes_of(env, of):
    names = [n.strip() for n in (of or "").split(",") if n.strip()]
    codes = sorted({v for n in names if isinstance(v := env.values.get(n), str)})  # not a trip to come (Trip)
    return codes or None


def _dateline_place(env, of):
    return env.ctx.dateline[0] if env.ctx.dateline else None


def _dateline_country(env, of):
    return env.ctx.dateline_country


def _owner_in_full(env, of):
    """The person named by the possessive of group `_owner` ("Hu's African tour, which took him to …"), in
    full when the text names that person in full elsewhere ("Hu Jintao"); None without the group."""
    span = optional_span(env.match, "_owner")
    if span is None:
        return None
    said = env.doc.text[span[0]:span[1]]
    return next((full for offset, full, _ in reversed(env.ctx.named_people)
                 if offset <= span[0] and (offset == span[0] or last_name(full) == said)), said)


def _dateline_here(env, of):
    """The dateline's country for what the dateline's own sentence tells ("ABU DHABI (WAM) -- The President
    and X today witnessed …"): the story was filed where it happened; not for a later sentence."""
    start = env.ctx.dateline_span[0]
    return env.ctx.dateline_country if start >= 0 and env.sentence[0] <= start < env.sentence[1] else None


PLACES = ("capitals", "cities")


def _sentence_capital(env, of):
    """A capital or city of the country in field `of` named in the sentence (a visit's place): one the
    evidence names first ("… toured Khiva in 2018, and by the trip of X to Tashkent": Tashkent for the trip)."""
    found = []
    for m in env.ctx.mentions_in(*env.sentence):
        if not of or env.values.get(of) in (None, m.code):
            place = None
            if m.kind in PLACES:
                place = env.doc.text[m.start:m.end]
            elif m.kind == "venues":
                place = env.ruleset.countries.airport_city(env.doc.text[m.start:m.end])  # "landed at Haneda Airport": Tokyo
            if place:
                if env.evidence[0] <= m.start and m.end <= env.evidence[1]:
                    return place
                found.append(place)
    return found[0] if found else None


def _capital_said(env, of):
    """The capital of the country in field `of` when the sentence names it by its demonym
    ("in the Brazilian capital": Brasília, as the country data names it first)."""
    code = env.values.get(of)
    for m in env.ctx.mentions_in(*env.sentence):
        if m.code == code and env.ctx.capital_end(m) is not None:
            return env.ruleset.countries.capital_of(code)
    return None


# where a clause sends or places its subject: "travel on to Warsaw for talks with …", "was in Kyiv for talks with …"
_TO_PLACE = LazyPattern(r"\b(?:in|at|to)\s+(?:the\s+)?\Z", regex.I)


def _partner_abroad(env, of):
    """The other country of the story's pair than the country of field `of` (a delegation said by
    its country alone: "The Korean delegation was led by X"), unless the last place named before the
    evidence, in its sentence or the one before, is in that country: the talks were at its home ("…
    consultations were held in Yerevan. The Armenian delegation was headed by X")."""
    code = env.values.get(of)
    index = env.doc.sentence_index(env.sentence[0])
    start = env.doc.sentences[max(0, index - 1)][0]
    for m in reversed(env.ctx.mentions_in(start, env.evidence[0])):
        if m.kind in PLACES:
            if m.code == code:
                return None
            break
    return env.ctx.partner(code)


def _venue_before(env, of):
    """The country of the last capital or city the sentence sends or places someone in ("in the
    Mozambican capital" too), before the evidence ("FM X will travel on to Warsaw for talks with Polish FM Y":
    the talks are in Poland, not in the dateline's country); for a sentence whose subject
    is a pronoun or an office, the one the sentence before sends him to; for a meeting on a
    gathering's margins ("On the sidelines of the summit, he met …": piece sidelines_lead), first
    where the story placed the gathering (normalizer gathering_place)."""
    for m in reversed(env.ctx.mentions_in(env.sentence[0], env.evidence[0])):
        if (m.kind in PLACES or env.ctx.capital_end(m) is not None) \
                and find(_TO_PLACE, env.doc, max(0, m.start - 12), m.start):
            return m.code
    # a sentence whose subject stands for someone the sentence before sent abroad (piece companion_lead:
    # "DOHA: The Emir is expected in Ankara on Thursday. The Emir will hold talks with Turkish President Y"):
    # the talks are where that sentence sent him
    index = env.doc.sentence_index(env.sentence[0])
    if index > 0 and "companion_lead" in env.ruleset.pieces:
        start = env.sentence[0]
        while start < env.evidence[0] and env.doc.text[start] in _OPENING_MARKS:
            start += 1
        if "sidelines_lead" in env.ruleset.pieces:  # "On the margins of the summit, he met …"
            fronted = find_at(env.ruleset.pieces.compiled("sidelines_lead"), env.doc, start)
            if fronted and fronted[1] <= env.evidence[0]:
                # the meeting is where the story placed the gathering, else where the sentence before sends its subject
                placed = placed_gathering(env)
                if placed:
                    return placed[2].code
                start = fronted[1]
        if find_at(env.ruleset.pieces.compiled("companion_lead"), env.doc, start) or _named_before(env, start, index):
            for m in reversed(env.ctx.mentions_in(*env.doc.sentences[index - 1])):
                if m.kind in PLACES and find(_TO_PLACE, env.doc, max(0, m.start - 12), m.start):
                    return m.code
    return None


# a sentence's subject said by one capitalised word before a lower-case one ("Doval is expected to …")
_LEAD_WORD = LazyPattern(r"\p{Lu}[\p{L}'’-]+(?=\s+\p{Ll})")


def _named_before(env, start, index):
    """True when the sentence opens with a name (a surname alone) that the sentence before
    says too ("X travelled to Moscow on Wednesday. X is expected to hold talks with Russian
    official Y": the talks are where X went, Y is at home)."""
    span = find_at(_LEAD_WORD, env.doc, start)
    if span is None:
        return False
    word = env.doc.text[span[0]:span[1]]
    if fullmatches(env.ruleset.pieces.compiled("not_a_person"), word):
        return False
    a, b = env.doc.sentences[index - 1]
    return regex.search(r"(?<![\p{L}'’-])" + regex.escape(word) + r"(?![\p{L}'’-])", env.doc.text[a:b]) is not None


def _where_before(env, piece):
    """The country of the place a "where" clause right before the evidence points back to, the
    clause's opening read by the piece ("visited Vilnius last month, where he met Lithuanian
    President X": X is at home, not in the dateline's country)."""
    if not piece:
        return None
    last = env.ctx.last_piece_match(piece, env.sentence[0], env.evidence[0])
    if last is None or env.doc.text[last.end():env.evidence[0]].strip():
        return None
    for m in reversed(env.ctx.mentions_in(env.sentence[0], last.start())):
        if m.kind in PLACES or m.kind == "names":
            return m.code
    return None


def _dateline_place_of(env, of):
    """The dateline's place, when it is in the country of field `of` ("THIMPHU:" for a visit to Bhutan),
    and a city (a dateline "VIETNAM —" names no place in the country)."""
    line = env.ctx.dateline
    if not line or not of or line[1] != env.values.get(of):
        return None
    kind = env.ruleset.countries.lookup_kind(line[0], place=True)
    return None if kind and kind[1] not in ("capitals", "cities") else line[0]


def _document_capital(env, of):
    """The first capital or city of the country in field `of` that the text names anywhere."""
    return env.ctx.first_places.get(env.values.get(of) if of else None)


def _sentence_country(env, of):
    """A country named in the sentence other than the field `of` (e.g. other than the host)."""
    exclude = env.values.get(of) if of else None
    for m in env.ctx.mentions_in(*env.sentence):
        if m.code != exclude:
            return m.code
    return None


def _sole_owner(env, piece):
    """A country's own total ("Germany's total exports reached €1.56 trillion",
    "foreign trade of Kazakhstan"): when the piece stands before the figure in its
    clause, with no other figure between them ("total imports reached €1.2 trillion,
    of which €141 billion came from China": the second is China's) unless the figure
    is one of the total's parts ("…, including exports of $3.3 billion"), and the
    clause names one country, that country alone; a clause that names none ("The
    country's exports to non-EU countries fell to …") is the dateline's country's."""
    start, end = env.ctx.clause_around(env.anchor, env.sentence)
    parts = find_at(env.ruleset.pieces.compiled("parts_cue"), env.doc, start) is not None
    if parts:
        start = env.ctx.clause_around((start - 1, start - 1), env.sentence)[0]
    cues = list(scan_spans(env.ruleset.pieces.compiled(piece), env.doc, start, env.anchor[0]))
    if not cues or (not parts and find(env.ruleset.pieces.compiled("money_hint"), env.doc, cues[-1][1], env.anchor[0])):
        return None
    codes = {m.code for m in env.ctx.mentions_in(start, end)}
    if not codes and env.ctx.dateline_country:
        return [env.ctx.dateline_country]
    return sorted(codes) if len(codes) == 1 else None


def _capital_country(env, of):
    """The country whose capital the field `of` names ('Astana' -> KAZ)."""
    value = env.values.get(of)
    return env.ruleset.countries.lookup(value, place=True) if value else None  # a place field: a place context


def _pair_other(env, of):
    """For a person of unknown country named beside others ("Presidents Tokayev and
    Rahmon"): the country of the document's main pair that none of the others holds."""
    me = env.values.get(of)
    others = {env.ctx.person_country(n) for n in AND_SEPARATOR.split(env.doc.text[env.evidence[0]:env.evidence[1]])
              if n.strip() and n.strip() != me}
    free = [c for c in env.ctx.main_pair if c not in others]
    return free[0] if len(free) == 1 and len(env.ctx.main_pair) == 2 else None


def _antecedent(env, of):
    """The person the text last spoke of (by title and name) before the evidence
    (for "I", the one a quotation is attributed to),
    preferring one who is not of the country `of` (not the host, for a visit).
    When the rule's match names the visitor by office ("the Chinese president":
    groups `role` or `_role`, and `odem`), only a person of that office and country."""
    named = optional_group(env.match, "visitor")
    if named and a_people(named.strip(), env):
        return None  # "Iranians have travelled to the Kingdom": a people, no one named before
    role = optional_group(env.match, "role") or optional_group(env.match, "_role")
    if role:
        group = "role" if optional_group(env.match, "role") else "_role"
        role = _initials_spelt(env, group, role) or " ".join(_SHORT_OFFICES.get(w, w) for w in role.lower().split())
    likely = None
    if not role and (optional_group(env.match, "_visitor") or "").lower() in ("his", "her", "he", "she"):
        role, likely = _office_before(env)
    if role is None and _home_subject(env, of):
        return None  # "X landed in Nouakchott for a visit. He left for Dakar": X going home, no one's visit
    held = _holder(env, of, role, likely)
    if held is None and role and _before_anyone(env):  # a headline's "Brazil's foreign minister"
        held = _named_later(env, role)
    if held is None and role and optional_group(env.match, "odem"):
        held = _named_next(env, role)   # "the Djiboutian foreign minister arrived …. Minister X said"
    return held


def _home_subject(env, of) -> bool:
    """Whether "He" or "She" opens the evidence's sentence and the person named first in the sentence
    before (its subject) is of the country in field `of` (the host): that person's trip home."""
    if optional_group(env.match, "_visitor") not in ("He", "She") or env.doc.text[env.sentence[0]:env.evidence[0]].strip(_OPENING_MARKS):
        return False
    index = env.doc.sentence_index(env.sentence[0])
    if index == 0 or not env.values.get(of):
        return False
    start, end = env.doc.sentences[index - 1]
    named = env.ctx.named_between(start, end)
    if not named or env.doc.text[start:named[0][0]].strip(_OPENING_MARKS):
        return False  # the sentence before does not open with a person
    return env.ctx.person_country(named[0][1]) == env.values[of]


def _before_anyone(env) -> bool:
    """The evidence comes before the text names anyone (a headline)."""
    people = env.ctx.named_people
    return not people or people[0][0] > env.evidence[0]


def _home_of_body(env) -> str | None:
    """The dateline's country when the evidence is in the story after its dateline ("NEW DELHI (PTI) -
    The Prime Minister travelled to Bishkek": India's, not a prime minister the story names later among
    a gathering's guests); None in a headline or a story with no dateline."""
    line_start = env.ctx.dateline_span[0]
    return env.ctx.dateline_country if 0 <= line_start < env.evidence[1] else None


_OPENING_MARKS = " \t\r\n\"“‘'("  # what may open a sentence before its subject (a quotation's mark)


def _office_before(env) -> tuple[str | None, str | None]:
    """(office, its country or None) last named in a possessive or as a subject before the evidence in its
    sentence (piece `office_possessive`, its people word: group `dem`): "his" after "the prime minister's second visit to
    Oman after his trip …" is the prime minister, not the person named nearer (the host);
    "he" after "The Amir will travel to Madrid, where he will begin …" is the Amir; a
    pronoun that opens its sentence, the one of the sentence before ("The trip will be the
    president's second to Lebanon. He was in Beirut in November": the president; "Last month he
    …": _opens_sentence), also inside a quotation ('"He will then travel to Manila'), whose mark
    opens the sentence; "his" after
    "The Cambodian leader recalled" is a leader not of another country."""
    if "office_possessive" not in env.ruleset.pieces:
        return None, None
    found = env.ctx.last_piece_match("office_possessive", env.sentence[0], env.evidence[0])
    index = env.doc.sentence_index(env.sentence[0])
    if found is None and index > 0 and _opens_sentence(env):
        found = env.ctx.last_piece_match("office_possessive", *env.doc.sentences[index - 1])
    if found is None:
        return None, None
    dem = optional_group(found, "dem")
    return found.group("office"), env.ctx.country_in(dem) if dem else None


def _opens_sentence(env) -> bool:
    """Whether the evidence opens its sentence: after a quotation's mark at most, a day said
    first (piece time_lead: "Last month he paid a visit to Moscow"), or a pronoun subject and its
    helping verbs (piece pronoun_lead: "She will conclude her trip in Apia")."""
    before = env.doc.text[env.sentence[0]:env.evidence[0]].strip(_OPENING_MARKS)
    if not before:
        return True
    pieces = env.ruleset.pieces
    return any(name in pieces and fullmatches(pieces.compiled(name), before) for name in ("time_lead", "pronoun_lead"))


def _office_holder(env, of):
    """When the `visitor` group holds an office alone ("The Prime Minister arrived"),
    the person who holds it (as `antecedent`), or when the text has named no one
    yet (a headline: "Vietnam Deputy PM visits Sweden") the first person the story names
    with that office, else the office itself when its country is said with it (group
    `odem`, or inside it: "The Emir of Kuwait will pay a state visit", as visit.title_travels
    reads "the Chinese president"); a bare office ("PM flies to Seoul") is no one: None."""
    named = (optional_group(env.match, "visitor") or "").strip()
    title = env.ruleset.pieces.compiled("title")
    if not named or not fullmatches(title, named):
        return None
    named = _whole_office(env, title, named)
    office = _initials_spelt(env, "visitor", named) or named  # a headline's "FM": a foreign minister
    held = _holder(env, of, office)
    if held or not _before_anyone(env):
        return held
    said = optional_group(env.match, "odem") or env.ctx.country_in(named) or _country_before(env, "visitor")
    return _named_later(env, office) or (named if said else None)


def _country_before(env, group: str) -> str | None:
    """The country named by the (at most OFFICE_COUNTRY_WORDS) capitalised words right before the group, with no stop
    or comma among them ("Laos Deputy PM visits": Laos; not "Ahead Of Japan Summit, PM Flies To Seoul")."""
    words = env.doc.text[env.sentence[0]:env.match.start(group)].split()[-OFFICE_COUNTRY_WORDS:]
    capitalised = list(takewhile(lambda w: w[:1].isupper() and w[-1].isalnum(), reversed(words)))
    return env.ctx.country_in(" ".join(reversed(capitalised))) if capitalised else None


OFFICE_COUNTRY_WORDS = 3  # words before an office where its country stands ("Sri Lanka Deputy" of "… PM")


def _initials_spelt(env, group: str, said: str) -> str | None:
    """The office the initials in the group stand for ("PM": a prime minister), with the rank word
    said right before them (piece initials_rank: "the Deputy PM" is a deputy prime minister, not the
    prime minister); None when the group holds no initials."""
    office = _SHORT_OFFICES.get(said.strip().lower())
    if office is None:
        return None
    start = env.match.start(group)
    words = env.doc.text[max(0, start - _RANK_REACH):start].split()
    if "initials_rank" in env.ruleset.pieces and words and env.doc.text[start - 1:start].isspace() \
            and env.ruleset.pieces.compiled("initials_rank").fullmatch(words[-1].lower()):
        return f"{words[-1].lower()} {office}"
    return office


_RANK_REACH = 20  # characters before an office's initials where its rank word stands


def _whole_office(env, title, named: str) -> str:
    """The office as the text goes on to say it ("President" of "the President of the Republic
    will travel"): its holder is the one the text gave that whole office, not any president."""
    start = env.match.start("visitor")
    text = env.ctx.doc.text
    if not text.startswith(" of ", start + len(named)):
        return named
    end = match_end(title, text[start:start + 80])
    return text[start:start + end] if end and end > len(named) else named


_SHORT_OFFICES = {"pm": "prime minister", "fm": "foreign minister", "eam": "external affairs minister"}


def _named_later(env, office):
    """For an office named in a headline before anyone ("Fiji PM wraps up tour"), the
    first person the story then names with that office (and of the headline's country,
    when it says one; after the dateline, of the dateline's country: _home_of_body): the
    headline's visitor is the story's."""
    words = _office_words(office)
    odem = optional_group(env.match, "odem")
    country = env.ctx.country_in(odem) if odem else _home_of_body(env)
    for _, name, title in env.ctx.titled_between(env.evidence[1], env.evidence[1] + _HEADLINE_REACH):
        if _said_office(env, title, words) and (country is None or env.ctx.person_country(name) in (None, country)):
            return name
    return None


def _office_words(office: str) -> list[str]:
    """An office's words in lower case, short forms spelled out ("PM": "prime minister")."""
    return " ".join(_SHORT_OFFICES.get(w, w) for w in office.lower().split()).split()


def _said_office(env, title: str | None, words: list[str]) -> bool:
    """Whether a title the text gives holds the office's words at its rank ("Prime Minister of
    Jamaica" for "prime minister"; "Deputy Prime Minister" is no "PM")."""
    said = title.lower().split() if title else []
    return bool(said) and all(w in said for w in words) and not env.ctx.ranks(said) - set(words)


def _story_holder(env, of, role):
    """For an office said alone in a story filed at home ("KINGSTON (JIS) - Prime Minister X left for
    Port of Spain … The Prime Minister will then travel to Brussels"): the first person the lead (the
    dateline's sentence) names with that office, of the dateline's country or of none the text gives,
    the story's own; None when there is none, or when that one is of the country in field `of` (the
    host: "NEW DELHI - … The Prime Minister will visit Agra" is a guest's trip)."""
    home = _home_of_body(env)
    if home is None or optional_group(env.match, "odem"):
        return None
    words = _office_words(role)
    anyone = words[0] in env.ctx.words["any_office"]  # "the Head of our state", "the leader": whoever leads
    lead_start = env.ctx.dateline_span[1]
    lead_end = min(env.evidence[0], env.doc.sentences[env.doc.sentence_index(lead_start)][1])
    for _, name, title in env.ctx.titled_between(lead_start, lead_end):
        code = env.ctx.person_country(name)
        if code in (None, home) and (anyone or _said_office(env, title, words)):
            return name if code is None or code != env.values.get(of) else None
    return None


def _named_next(env, office):
    """For an office said with its country and no name ("the Djiboutian Minister of Foreign
    Affairs arrived …"), the person the next sentence opens with, titled with (part of) that
    office and not of another country ("Minister X was received …"); not one who receives,
    nor one the text named before (someone else)."""
    index = env.doc.sentence_index(env.evidence[1])
    if index + 1 >= len(env.doc.sentences):
        return None
    start, end = env.doc.sentences[index + 1]
    wanted = set(" ".join(_SHORT_OFFICES.get(w, w) for w in office.lower().split()).split()) - _OF_WORDS
    odem = optional_group(env.match, "odem")
    country = env.ctx.country_in(odem) if odem else None
    for at, name, title in env.ctx.titled_between(start, start + _OPENING_REACH):
        said = set((title or "").lower().split()) - _OF_WORDS
        after = env.doc.text.find(name, at) + len(name)
        if (said and said <= wanted and env.ctx.ranks(said) == env.ctx.ranks(wanted)
                and env.ctx.person_country(name) in (None, country)
                and not _hosts_at(env, after)
                and not env.ctx.said_before(name, env.evidence[0])):  # first said here
            return name
        break  # only the sentence's first person
    return None


_OF_WORDS = frozenset({"of", "for", "and", "the"})


_OPENING_REACH = 12   # the next sentence's opening words: where its title starts


def _hosts_at(env, at: int) -> bool:
    """Whether the words after `at` say what a host does (the piece host_act: "… welcomed")."""
    text = env.doc.text
    if "host_act" not in env.ruleset.pieces or at >= len(text) or not text[at].isspace():
        return False
    while at < len(text) and text[at].isspace():
        at += 1
    return find_at(env.ruleset.pieces.compiled("host_act"), env.doc, at) is not None


_HEADLINE_REACH = 1500  # the story's first paragraphs (a standfirst before the byline and dateline)


def _holder(env, of, role, likely=None):
    """`antecedent` with the office `role` (or any, when None), not of another country than `likely`
    when one is said of the office; an office said alone (no country said of it) in a story filed at
    home is first the story's own holder (_story_holder)."""
    # "the Barbadian PM", "the Peruvian minister's trip", "the PM of Barbados": no holder of another country
    odem = optional_group(env.match, "odem") or optional_group(env.match, "pdem") or optional_group(env.match, "_ocountry")
    held = _story_holder(env, of, role) if role and not likely and not odem else None
    if held:
        return held
    country = env.ctx.country_in(odem) if odem else None
    speaker = optional_group(env.match, "_visitor") == "I"  # "I will leave for Paris," X said
    # "The trip follows a visit to Paris": the story's traveller, one whose country the text gives
    travelled = optional_group(env.match, "_trip") is not None
    # "His Majesty will then head to Berlin": a monarch
    royal = env.ruleset.pieces.compiled("royal_title") if optional_group(env.match, "_royal") is not None else None
    exclude = env.values.get(of) if of else None
    if likely and not country:  # one the text gives that very country first, else one of no other
        held = env.ctx.antecedent(env.evidence[0], exclude, role, likely, sentence_end=env.sentence[1],
                                  speaker=speaker, royal=royal)
        if held:
            return held
    held = env.ctx.antecedent(env.evidence[0], exclude, role, country, sentence_end=env.sentence[1],
                              speaker=speaker, of_a_country=travelled, royal=royal, likely=likely)
    if held is None and country and not likely:  # no one the text gives that country: one it gives no other
        held = env.ctx.antecedent(env.evidence[0], exclude, role, None, sentence_end=env.sentence[1],
                                  speaker=speaker, of_a_country=travelled, royal=royal, likely=country)
    return held


def _delegation_leader(env, of):
    """For a delegation the story has spoken of ("the Uzbek delegation also travelled
    to Busan"), the person of its country last named before it (as `antecedent`):
    its side trip is that person's visit, one per host; None for "a delegation", and for
    one whose words before its people word make it new ("the first Uzbek delegation")."""
    named = (optional_group(env.match, "visitor") or "").lstrip().lower()
    odem = optional_group(env.match, "odem")
    if not named.startswith("the ") or not odem or AND_SEPARATOR.search(odem):
        return None  # "the Russian and Ukrainian delegations" are no one person's trip
    if not named[4:].lstrip().startswith(odem.lower()):
        return None  # "the first official Qatari delegation": a new one, no delegation spoken of before
    return _holder(env, of, None)


def _person_title(env, of):
    """The title the text gives the person in field `of` elsewhere, without its country."""
    title = env.ctx.person_title(env.values.get(of))
    return NORMALIZERS["role"](title, env) if title else None


def _piece_before(env, piece):
    """The nearest match of the piece named `piece` before the evidence, in its
    sentence or the one before: the noun of the list an item belongs to
    ("two agreements … the first on X": `agreements`), the measure "the figure"
    stands for ("Trade rose to $5 billion. The figure …": `trade`)."""
    return env.ctx.last_piece_before(piece, env.evidence[0]) if piece else None


def _people_here(env, piece):
    """Every person named with a title in the sentence up to the end of the match
    ("Prime Minister X and Deputy Prime Minister Y co-chaired the meeting in Baku"),
    one fact each, and one named before by title and here by name alone ("Rabuka and
    Samoan Prime Minister Y signed"); not one named after it (", Vice Minister Z said"), nor one of
    a clause with a verb of its own before the match's ("X paid a visit to Ankara, and Y met Z in New
    York": Y and Z), when the match's clause names someone.
    When the sentence names no one but opens with the piece named `piece` ("The two
    leaders met in Brasilia"), the two people last named before it; so too, before those it
    names, when the match's clause opens with it ("…, while the two leaders met X in Washington"); a
    match's group `_both` ("…, which both plan to attend") stands for the two named before it too."""
    start = env.ctx.clause_around((env.match.start(), env.match.start()), env.sentence)[0]
    if start > env.sentence[0] and env.ctx.tense((env.sentence[0], start)) is None:
        start = env.sentence[0]  # no verb before the edge: a list of people set off by commas ("A, Minister of X, and B")
    here = _named_with_office(env, start, env.evidence[1])
    if here and piece and start > env.sentence[0] and env.ctx.piece_at(piece, start, env.evidence[0]):
        return list(dict.fromkeys(env.ctx.people_before(start, 2) + here))
    both = optional_span(env.match, "_both")
    if both and not here:  # "…, which both plan to attend" (group _both): the two named before
        return env.ctx.people_before(both[0], 2) or None
    if not here and start > env.sentence[0]:
        here = _named_with_office(env, env.sentence[0], env.evidence[1])
    here = list(dict.fromkeys(here))
    if here or not piece or not env.ctx.piece_at(piece, env.sentence[0], env.evidence[0]):
        return here or None
    return env.ctx.people_before(env.sentence[0], 2) or None


def _named_with_office(env, start: int, end: int) -> list[str]:
    """The people named in text[start:end] with a title: a titled mention, one by name alone of
    someone titled elsewhere, or one of the piece titled_person that holds no title ("his Ugandan
    counterpart Yoweri Museveni": an office too)."""
    titled = {at for at, _, _ in env.ctx.titled_between(start, end)}
    return [name for at, name, title in env.ctx.named_between(start, end) if title or at in titled]


def _list_item(env, piece):
    """An item named by a pronoun ("one on X", "the second on Y"), named by its
    list's noun (`piece_before`) and the match's group `_item`."""
    head, item = _piece_before(env, piece), optional_group(env.match, "_item")
    if not head or not item:
        return None
    count = optional_group(env.match, "_count")
    item = item.strip().rstrip(",")
    return f"{count} {head} {item}" if count else f"{singular(head, env)} {item}"


def _lead_item(env, piece):
    """An item of a bulleted list whose line says no kind ("The MoUs signed are on:\n● Tourism"):
    named by its lead-in (piece `piece`, in its sentence) with the lead-in's preposition
    ("MoU on Tourism"); "on" when the lead-in says none ("The agreements signed are:")."""
    lead = env.ctx.last_piece_match(piece, env.sentence[0], env.evidence[0]) if piece else None
    item = optional_group(env.match, "_item")
    if not lead or not item:
        return None
    said = env.ruleset.pieces.compiled("lead_preposition").search(lead.group())
    preposition = said.group(1) if said else "on"
    if preposition[0] in "tT":  # "cover the areas of:" -> "in the areas of"
        preposition = "in " + preposition
    return f"{singular(lead.group().split(None, 1)[0], env)} {preposition} {item.strip()}"


def _gathering_date(env, of):
    """The day of the gathering a sentence before placed (the one gathering_place reads: "On Tuesday, Lula
    will attend a summit of CELAC in Buenos Aires. Leaders expected at the summit include …"): the date
    said nearest its word in that sentence, in that sentence's tense; None when it says none."""
    found = placed_gathering(env)
    if not found:
        return None
    sentence, word, _ = found
    tense = env.ctx.clause_tense(word, sentence)
    return env.ctx.date_near(word, sentence, word, tense=tense)[0]


def _lead_date(env, piece):
    """The first full date (a day) of the story's first sentences: the day of the
    event the story reports ("… on Tuesday signed …"); with `piece`, only for a
    sentence where that piece is found (a signing to come at the event: "will
    preside over the signing of").  A document signed or ratified takes no day to
    come (lead_date_so_far: not the lead's "visa-free travel from 10 November")."""
    if piece and env.ctx.piece_in(piece, env.sentence) is None:
        return None
    if env.values.get("status") in _DONE:  # what has happened: not a day to come of the lead
        return None if _status_recalled(env) else env.ctx.lead_date_so_far
    return env.ctx.lead_date


_RECALL_REACH = (12, 80)   # characters before and after the evidence where a relative clause recalls its status


def _status_recalled(env) -> bool:
    """Whether a relative clause at the evidence recalls a past signing or ratification, with no day (the
    piece `status_recalled`: "the X Agreement, which both countries have ratified"): not the lead's event."""
    if "status_recalled" not in env.ruleset.pieces:
        return False
    start = max(env.sentence[0], env.evidence[0] - _RECALL_REACH[0])
    end = min(env.sentence[1], env.evidence[1] + _RECALL_REACH[1])
    return env.ctx.piece_in("status_recalled", (start, end)) is not None


def _story_date(env, piece):
    """The day the story reports (its lead's first full date, else the day of
    publication), for a visit told as going on (the piece named `piece`: "who is
    on a visit to", "are in Manila") or told in the story's first sentence: the
    day the text places the visitor there (also the lead's first sentence under a
    headline).  Not for a visit ahead ("will visit")."""
    if _tense(env) == "future":
        return None  # a visit ahead is on a day of its own
    if (env.ctx.piece_in(piece, (env.sentence[0], env.evidence[1])) is None
            and env.doc.sentence_index(env.evidence[0]) != env.ctx.first_sentence
            and tuple(env.sentence) != env.ctx.lead_opening):  # a headline above: the lead's first sentence too
        return None
    day = env.ctx.lead_date_so_far
    opening = env.ctx.lead_opening
    if day is None and opening and env.sentence[1] <= opening[0] and _dated_ahead_in(env, opening):
        return None  # a headline over a lead that dates a trip ahead ("X Heads to Y"; "will travel … from 9 June")
    return day or _published(env, None)


def _dated_ahead_in(env, span) -> bool:
    """Whether a stretch of the text (a sentence) says a full day after publication (found once per stretch)."""
    def ahead():
        published, text, tense = _published(env, None), env.doc.text, env.ctx.tense(span)
        days = (env.ctx.dates.resolve(text[a:b], tense) for a, b, base in env.ctx.dates_in(span) if base is None)
        return bool(published) and any(day and len(day) == 10 and day > published for day in days)
    return env.ctx.remembered(("dated_ahead", span), ahead)




def _stay_date(env, piece):
    """The day the story reports (as story_date) for a stay said in an aside
    between the visitor and the main clause (the piece named `piece`: "X, who is
    in Brazil for the summit, will meet Y on July 13"): the main clause's date is
    not the stay's."""
    if _tense(env) == "future" or env.ctx.piece_in(piece, (env.sentence[0], env.evidence[1])) is None:
        return None
    return env.ctx.lead_date_so_far or _published(env, None)


def _published(env, of):
    return env.doc.published.isoformat() if env.doc.published else None


def _countries(env, of):
    """The countries near the evidence (with `of`, a document's name field: only the state of a
    document between it and a bloc); when the evidence holds another document before this
    one's name ("a pact with Togo and an agreement with Benin"), near the name: its own partner
    decides, not the other's."""
    name = env.values.get("name")
    own = _name_at(env, env.evidence[0] + 1, env.evidence[1]) if isinstance(name, str) and " with " in name else None
    if of:  # a document's (its name the field `of`): a bloc's partner alone
        alone = env.ctx.bloc_party(env.evidence, name if isinstance(name, str) else None)
        if alone:
            return alone
    else:  # a figure of a list that ends in "respectively": its own partner's
        listed = env.ctx.respective(env.anchor, env.sentence)
        if listed:
            return listed
    near = env.ctx.countries_near(own or env.evidence, env.sentence, parties=bool(of))
    if own is None and isinstance(name, str) and " with " in name and near:
        near = _partner_countries(env, name, near) or near
    if of and len(near) == 1 and isinstance(name, str) and " with " in name:
        return _with_home(env, name, near)
    return near


def _with_home(env, name: str, near: list) -> list:
    """A document "with" its one partner that no other country signs ("The Senate ratified a tax treaty with
    Chile"): its other party is the story's own country (the dateline's, else the main pair's)."""
    partner = env.ctx.country_in(name.rsplit(" with ", 1)[1])
    if partner != near[0]:
        return near
    home = env.ctx.home_other_than(partner)
    return sorted(near + [home]) if home else near


def _partner_countries(env, name: str, near: list) -> list | None:
    """For one of several documents with the partners listed after them ("signed free trade agreements
    with Peru, Mexico and Canada": the normalizer name_items names one each, "free trade agreement with
    Mexico"): its own partner and the one country named before the list, not the other partners."""
    partner = env.ctx.country_in(name.rsplit(" with ", 1)[1])
    listed_at = env.doc.text.rfind(" with ", env.evidence[0], env.evidence[1])
    if partner is None or listed_at < 0:
        return None
    listed = {m.code for m in env.ctx.mentions_in(listed_at, env.evidence[1])}
    if partner not in listed:
        return None
    before = {m.code for m in env.ctx.mentions_in(env.sentence[0], listed_at)} - listed
    if len(before) != 1:
        before = set()  # the sentence's one country before the list is the other party; a bloc's members are not
    return sorted({code for code in near if code not in listed} | before | {partner})


def _evidence_countries(env, of):
    """The countries of the evidence alone, the document's main pair supplying the partner it
    lacks: an item of a ranked list ("followed by Hong Kong ($1.02 billion), Japan (…)") is its
    own partner's, not its neighbours'."""
    return env.ctx.countries_near(env.evidence, env.evidence)


def _name_at(env, start: int, end: int) -> tuple[int, int] | None:
    """The span of the fact's name (field `name`, as found so far) first written in
    text[start:end], or None."""
    name = env.values.get("name")
    if not isinstance(name, str) or not name:
        return None
    at = env.doc.text.find(name, start, end)
    return (at, at + len(name)) if at >= 0 else None


def _said_today(env, piece):
    """The day the story was filed (its dateline's day, else the publication date) when
    the evidence's sentence says the event is today (the piece named `piece`: "arrived
    here today", "this morning")."""
    if (env.ctx.dateline_day or env.doc.published) and env.ctx.piece_in(piece, env.sentence):
        return env.ctx.dateline_day or env.doc.published.isoformat()
    return None


def _said_on_trip(env, piece):
    """The day a person said something on a trip the evidence tells ("X said on Monday during a visit to
    Lima": the piece named `piece`, from the saying to the trip's noun, reaching into the evidence): a day
    the story gives as when something was said, which here places the visitor there."""
    found = env.ctx.piece_in(piece, (env.sentence[0], env.evidence[1]))
    if found is None or found[1] <= env.evidence[0]:
        return None
    day = next(iter(scan_spans(env.ruleset.pieces.compiled("date"), env.doc, *found)), None)
    return env.ctx.dates.resolve(env.doc.text[day[0]:day[1]], "past") if day else None   # (said: a day gone by)


def _trip_today(env, piece):
    """As `said_today`, for a trip whose evidence says it sets out or arrives today (the piece named `piece`:
    "will travel today to Santiago, … before returning on March 3": not the return's day; "X landed on Monday,
    and Y touched down this morning": not the other clause's day)."""
    if not (env.ctx.dateline_day or env.doc.published):
        return None
    # the piece starts in the evidence and may end after it ("… arrived in Castries" this morning)
    found = env.ctx.piece_in(piece, (env.evidence[0], env.sentence[1]))
    if found and found[0] < env.evidence[1]:
        return env.ctx.dateline_day or env.doc.published.isoformat()
    return None


CONTEXTS = {
    "countries": _countries,
    "evidence_countries": _evidence_countries,
    "sentence_date": _sentence_date,
    "dated_ahead": _dated_ahead,
    "year_before": _year_before,
    "evidence_date": _evidence_date,
    "first_day": _first_day,
    "event_date": _event_date,
    "same_day": _same_day,
    "day_after": _day_after,
    "talks_day": _talks_day,
    "told_before_day": _told_before_day,
    "opening_date": _opening_date,
    "date_after": _date_after,
    "date_after_piece": _date_after_piece,
    "dates_listed": _dates_listed,
    "previous_date": _previous_date,
    "same_occasion": _same_occasion,
    "next_leg_day": _next_leg_day,
    "companion_trip": _companion_trip,
    "companion_tour": _companion_tour,
    "where_before": _where_before,
    "published": _published,
    "said_today": _said_today,
    "said_on_trip": _said_on_trip,
    "trip_today": _trip_today,
    "new_date": _new_date,
    "story_date": _story_date,
    "stay_date": _stay_date,
    "partner": lambda env, of: env.ctx.partner(env.values.get(of)),
    "partner_abroad": _partner_abroad,
    "person_country": lambda env, of: env.ctx.person_country(env.values.get(of)),
    "codes_of": _codes_of,
    "dateline_place": _dateline_place,
    "dateline_country": _dateline_country,
    "dateline_here": _dateline_here,
    "owner_in_full": _owner_in_full,
    "sentence_capital": _sentence_capital,
    "venue_before": _venue_before,
    "capital_said": _capital_said,
    "sole_owner": _sole_owner,
    "sentence_country": _sentence_country,
    "dateline_place_of": _dateline_place_of,
    "document_capital": _document_capital,
    "capital_country": _capital_country,
    "antecedent": _antecedent,
    "office_holder": _office_holder,
    "delegation_leader": _delegation_leader,
    "person_title": _person_title,
    "pair_other": _pair_other,
    "piece_before": _piece_before,
    "list_item": _list_item,
    "lead_item": _lead_item,
    "lead_date": _lead_date,
    "gathering_date": _gathering_date,
    "people_here": _people_here,
}
