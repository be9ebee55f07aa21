"""One person, one country: the statements of one visitor agree on where he is from.

A type may say `agree: {field: origin, by: visitor}`: facts of a document whose
`by` fields share their last word ("Erdoğan", "Recep Tayyip Erdoğan") take the
`field` value of the statement that is surest of it (a one-word name that is the
first word of one longer name, "Li" beside "Li Qiang", is that name's).  A value the text states
(a demonym, a title, what the text says of the person) is surest; a guess from
the document's main pair of countries is sure only when the guess had one
country to choose from (the other country of the pair).  Among statements
equally sure, the value more of them give wins (a traveller guessed to be
Ethiopian on three trips abroad, Emirati on one trip at home, is Ethiopian:
that trip is at home).  A fact whose values
then break the type's `distinct` fields (a visit to one's own country) is dropped.

A statement that gives one `by` several values of the `distinct` partner of
`field` (a tour: "X to visit Cyprus, Canada and Croatia") names places none of
which is anyone's guessed `field`: the document's main pair may be two legs of the
tour, and a guess from it is then the story's home country instead (the dateline's,
else the one the text names most that is not toured), unless the person is one the
tourist meets in a toured country."""
from __future__ import annotations

import datetime
from collections import Counter

from ..engine.lazy import LazyPattern
from .builder import not_distinct
from .context import NAME_SUFFIXES
from .dedupe import family_names_first

GUESSES = {"partner", "pair_other"}
DATELINE_GUESS = "dateline_country"  # a host the dateline gives, none the sentence says
_WORD = LazyPattern(r"[\p{L}\d]+")


def agree(facts: list, types: dict, ctx) -> list:
    for type_name, spec in types.items():
        if not spec.agree:
            continue
        field, by = spec.agree
        family_first = family_names_first(facts, types)
        if not _tour_home(facts, type_name, field, by, spec.distinct, ctx, family_first):
            _abroad_home(facts, type_name, field, spec.distinct, ctx)
        other = _partner_field(field, spec.distinct)
        home = ctx.dateline[1] if ctx.dateline else None  # the story's home, when it has a dateline
        _legs_own_days(facts, type_name, by, other, ctx)
        if other is not None:
            _met_where_visited(facts, type_name, field, by, other, ctx, family_first)
            met_at_home = _met_at_home(facts, type_name, field, by, other, ctx, family_first)
            if met_at_home:
                facts = [f for f in facts if id(f) not in met_at_home]
        groups: dict = {}  # the statements of each person (by `by`, whose value no step here changes)
        for fact in facts:
            if fact.type == type_name and fact.get(by):
                last = _who(fact.get(by), family_first)
                if last:
                    groups.setdefault(last, []).append(fact)
        if other is not None and home:
            for members in groups.values():
                _own_legs_home(members, field, other, home, ctx)
        for members in groups.values():
            if len(members) < 2:
                continue
            sureness = {id(f): _sureness(f, field, ctx) for f in members}
            best = max(members, key=lambda f: (sureness[id(f)], -f.span[0]))
            sure, first = sureness[id(best)], best.get(field)
            # among the surest statements, the value more of them give (the first one's on a tie); one
            # sentence's readings of one trip (two rules, two spans) are one statement.  A leg of a tour he
            # makes (a sentence of his with several places) is no home of his (the pair guessed from may be two
            # legs), unless it is the story's own
            votes = Counter(value_of for value_of, _, _ in {(f.get(field), f.sentence_span, f.get(other) if other else None)
                                                            for f in members if sureness[id(f)] == sure})
            legs: dict = {}
            for f in members if other else ():
                legs.setdefault(f.sentence_span, set()).add(f.get(other))
            toured = set().union(*(places for places in legs.values() if len(places) > 1))
            eligible = [v for v in votes if v not in toured or v == home]
            value = max(eligible, key=lambda v: (votes[v], v == first)) if eligible else first
            for fact in members:
                own, level = fact.get(field), sureness[id(fact)]
                if own != value and (level < sure or (level == sure and value in eligible and votes[own] < votes[value])):
                    fact.fields[field] = value
                    _recount(fact)
            if other is not None and home:
                _home_trip_at_dateline(members, field, other, home, ctx)
    return [f for f in facts if not not_distinct(f.fields, types[f.type].distinct)]


def _met_where_visited(facts: list, type_name: str, field: str, by: str, other: str, ctx, family_first: dict) -> None:
    """One named in the sentence of another person's trip who makes no trip there himself ("X will be
    in Brasília …, during which he will meet with President Y") is met where that trip goes: a guessed
    `field` of his own statements is that country (a trip of his there is then one at home).  Not one
    who tours (a sentence of his with two places or more): he is met on his legs, at no home of his."""
    visits = [f for f in facts if f.type == type_name and f.get(by) and f.get(other)]
    travellers: dict = {}  # sentence -> who travels in it
    legs: dict = {}  # (who, sentence) -> the places of his trips told in it
    for fact in visits:
        who = _who(fact.get(by), family_first)
        travellers.setdefault(fact.sentence_span, set()).add(who)
        legs.setdefault((who, fact.sentence_span), set()).add(fact.get(other))
    tourists = {who for (who, _), places in legs.items() if len(places) > 1}
    for fact in visits:
        name = _who(fact.get(by), family_first)
        if not name or name in tourists or _sureness(fact, field, ctx) >= 2:
            continue
        met = {trip.get(other) for trip in visits if trip.sentence_span != fact.sentence_span
               and name not in travellers[trip.sentence_span] and _met_in(trip, str(fact.get(by)), ctx)}
        if len(met) == 1 and fact.get(field) not in met:
            fact.fields[field] = met.pop()
            _recount(fact)


def _met_at_home(facts: list, type_name: str, field: str, by: str, other: str, ctx, family_first: dict) -> set:
    """One whom a traveller meets in the sentence of the traveller's trip to that person's own
    country ("X is to hold talks with Uruguayan President Y and visit the port of Montevideo") is
    met at home: a trip of his that only the dateline places (the story told from X's country) is
    none.  Returns the ids of those trips."""
    visits = [f for f in facts if f.type == type_name and f.get(by) and f.get(other)]
    gone = set()
    for fact in visits:
        found = fact.trace.get(other)
        if not found or found[0].context != DATELINE_GUESS:
            continue
        who = _who(fact.get(by), family_first)
        if any(trip.sentence_span == fact.sentence_span and trip.get(other) == fact.get(field)
               and _who(trip.get(by), family_first) != who and _met_in(trip, str(fact.get(by)), ctx)
               for trip in visits):
            gone.add(id(fact))
        # or one a traveller told of before meets in a sentence of his own, in the country of that trip ("X led a
        # mission to Japan last week … X also met Japanese Minister Y", told from X's country): Y is at home, X
        # abroad; not when that trip is an older one ("X visited Japan in March … on Monday X met Y")
        elif _met_in(fact, str(fact.get(by)), ctx):
            named_before = set(_WORD.findall(fact.sentence[:max(0, fact.sentence.find(str(fact.get(by))))].lower()))
            if any(trip.sentence_span[0] < fact.sentence_span[0] and trip.get(other) == fact.get(field)
                   and (traveller := _who(trip.get(by), family_first)) != who and traveller in named_before
                   and _recent(trip, ctx) for trip in visits):
                gone.add(id(fact))
    return gone


RECENT_DAYS = 31  # a trip dated this many days or fewer before the story (or after it) is the one going on


def _recent(trip, ctx) -> bool:
    """Whether a trip is the story's current one: dated to a day within RECENT_DAYS of the publication date
    (or after it), or to its month; not an undated one, nor one of another month."""
    date, published = str(trip.get("date") or ""), ctx.doc.published
    if not date or published is None:
        return False
    if len(date) == 10:
        return (published - datetime.date.fromisoformat(date)).days <= RECENT_DAYS
    return date == published.isoformat()[:len(date)] and len(date) == 7


def _met_in(trip, name: str, ctx) -> bool:
    """Whether the trip's sentence names the person as one its traveller meets (context.met_object:
    "will meet with President Jair Bolsonaro"), not as a companion or in passing ("X's predecessor")."""
    sentence = trip.sentence
    at = sentence.find(name)
    while at >= 0:
        if ctx.met_object(sentence, at):
            return True
        at = sentence.find(name, at + 1)
    return False


def _home_trip_at_dateline(members: list, field: str, other: str, home: str, ctx) -> None:
    """Of two statements of one person that guess (from the main pair) each that he is from where
    the other takes him ("President X travelled to Caracas … X was in Cúcuta on Friday", told from
    Cúcuta), the one in the dateline's country is a trip at home: it takes that country (and is
    dropped).  Not when he tours (a statement of several places: the pair may be two of his legs),
    nor without a dateline (the story's home, `home`, is then unknown)."""
    places: dict = {}
    for fact in members:
        places.setdefault(fact.span, set()).add(fact.get(other))
    if any(len(found) > 1 for found in places.values()):
        return
    guessed = [f for f in members if _sureness(f, field, ctx) < 2]
    for fact in guessed:
        if fact.get(other) == home and any(g.get(field) == home and g.get(other) == fact.get(field)
                                           for g in guessed if g is not fact):
            fact.fields[field] = home
            _recount(fact)


def _own_legs_home(members: list, field: str, other: str, home: str, ctx) -> None:
    """A guess that is a place the same traveller (`members`: his statements) goes to elsewhere in
    the story ("Foreign Minister X will arrive in Port Moresby on Monday, then travel on to Honiara,
    before heading to Nuku'alofa": the main pair may be two of the legs) is no home of his: the
    dateline's country (`home`) is, when he goes nowhere there."""
    places = {fact.get(other) for fact in members if fact.get(other)}
    if home in places:
        return
    for fact in members:
        if fact.get(field) in places and _sureness(fact, field, ctx) < 2:
            fact.fields[field] = home
            _recount(fact)


def _partner_field(field: str, distinct: tuple) -> str | None:
    return next((d for d in distinct if d != field), None) if field in distinct else None


def _tour_home(facts: list, type_name: str, field: str, by: str, distinct: tuple, ctx, family_first: dict) -> bool:
    """Whether a statement of the document tells a tour (then its guesses are re-decided here)."""
    other = _partner_field(field, distinct)
    if other is None:
        return False
    legs: dict = {}
    for fact in facts:
        if fact.type == type_name and fact.get(by) and fact.get(other):
            legs.setdefault((fact.span, fact.get(by)), set()).add(fact.get(other))
    toured = set().union(*(s for s in legs.values() if len(s) > 1))
    if not toured:
        return False
    _later_legs_undated(facts, type_name, by, other, legs)
    tourists = {_who(by_value, family_first) for (_, by_value), s in legs.items() if len(s) > 1}
    met = [(fact.span, fact.sentence, fact.get(other)) for fact in facts if fact.type == type_name
           and fact.get(other) in toured and _who(fact.get(by), family_first) in tourists]
    home = _home(ctx, toured)
    for fact in facts:
        if fact.type != type_name or _sureness(fact, field, ctx) >= 2:
            continue
        name = _who(fact.get(by), family_first)
        # one the tourist meets in a toured country ("talks in Accra with President X") is of it
        # (not one who travels with the tourist: "X and his wife Y arrived in Brussels")
        value = None if name in tourists else next(
            (place for span, sentence, place in met
             if span != fact.span and name and name in _WORD.findall(sentence.lower())), None)
        value = value or (home if fact.get(field) in toured else None)
        if value and value != fact.get(other):
            fact.fields[field] = value
            _recount(fact)
    return True


def _abroad_home(facts: list, type_name: str, field: str, distinct: tuple, ctx) -> None:
    """A story of its own country's people abroad ("President X will travel to Ottawa …
    Economy Minister Y arrived in Washington"): when a guessed `field` (from the main pair)
    is where another traveller went, the pair may be the places visited,
    not the travellers' country: that is the story's home instead, the dateline's, else the
    one country that travellers of stated `field` come from and none of guessed goes to, else
    (when a guess is a country whose people the story names by their nationality, so that it
    is not told from there) the one country the text names that nobody visits."""
    other = _partner_field(field, distinct)
    if other is None:
        return
    visits = [f for f in facts if f.type == type_name and f.get(other) and f.get(field)]
    guessed = [f for f in visits if _sureness(f, field, ctx) < 2]
    if not any(_went_there(f, g, field, other) for f in guessed for g in visits):
        return  # no guess is where another traveller went (told before the people are read: it is cheap)
    # a country whose people the story names by their nationality ("as a guest of Canadian Prime
    # Minister X") is not the one it is told from: their trips are foreigners' (to the home, maybe)
    foreign = set(ctx.people.values()) | {f.get(field) for f in visits if _said_by_nationality(f, field)}
    own = [f for f in visits if f.get(field) not in foreign or _sureness(f, field, ctx) < 2]
    suspects = [f for f in guessed if any(_went_there(f, g, field, other) for g in own)]
    if not suspects:
        return
    line = ctx.dateline[1] if ctx.dateline else None
    stated = {f.get(field) for f in own if _sureness(f, field, ctx) >= 2} - {f.get(other) for f in guessed}
    # (a country named only as where something happens, "the summit in Honiara", is no home either,
    # nor one named in passing in a story that names a guess far more often: "… gained independence
    # from Britain" in a story of Barbados, named a dozen times)
    venues = ctx.venue_starts
    said = Counter(m.code for m in ctx.mentions if m.start not in venues)
    named = set(said) - {f.get(other) for f in visits} - foreign
    home = line or (stated.pop() if len(stated) == 1 else None) \
        or (named.pop() if len(named) == 1 and any(f.get(field) in foreign for f in suspects)
            and said[next(iter(named))] * 3 >= max(said[f.get(field)] for f in suspects) else None)
    if home is None:
        return
    for fact in suspects:
        if home != fact.get(other):
            fact.fields[field] = home
            _recount(fact)


_LEG_REACH = 80  # characters after a place where a day said is that leg's


def _legs_own_days(facts: list, type_name: str, by: str, other: str | None, ctx) -> None:
    """A day said in a sentence of several legs of one traveller is the leg's it follows
    ("in Hanoi on Monday, then fly to Vientiane"), else the first leg's after it ("left
    yesterday for Tokyo, a trip that will also take him to Seoul"): a leg that no day of
    the sentence belongs to is dated by that day's month alone.  Not when the sentence
    gives the tour's span of days (the piece days_span: "from June 12 to 18", "from Sunday"):
    its first day is every leg's."""
    if other is None:
        return
    groups: dict = {}
    span_of_days = ctx.ruleset.pieces.compiled("days_span")
    departure_day = ctx.ruleset.pieces.compiled("departure_day_gap")   # "left Budapest on Sunday for Washington"
    for fact in facts:
        if fact.type == type_name and fact.get(other) and fact.date and len(fact.date) == 10:
            groups.setdefault((_last(fact.get(by)), fact.sentence_span), []).append(fact)
    for (_, sentence), members in groups.items():
        hosts = {f.get(other) for f in members}
        if len(hosts) < 2 or len({f.date for f in members}) > 1 or span_of_days.search(members[0].sentence):
            continue
        places = [m for m in ctx.mentions_in(*sentence) if m.code in hosts]
        owners = set()
        for start, end, base in ctx.dates_in(sentence):
            before = [m for m in places if m.end <= start and start - m.end <= _LEG_REACH]
            after = [m for m in places if m.start >= end]
            owner = before[-1] if before else after[0] if after else None
            if owner is not None:
                owners.add(owner.code)
            if before and after and departure_day.match(ctx.doc.text, end, after[0].start):
                owners.add(after[0].code)   # "left Budapest on Sunday for Washington": the day of both ends
        if not owners:
            continue
        for fact in members:
            if fact.get(other) not in owners:
                fact.date = fact.date[:7]


def _went_there(fact, other_fact, field: str, other: str) -> bool:
    """Whether another traveller went to the place `fact` guesses its traveller is from."""
    return other_fact.get(other) == fact.get(field) and _last(other_fact.get("visitor")) != _last(fact.get("visitor"))


def _said_by_nationality(fact, field: str) -> bool:
    """Whether the fact's `field` comes from the nationality said before the person ("New
    Zealand's Foreign Minister X", "Kazakh President Y": the group odem)."""
    found = fact.trace.get(field)
    return bool(found) and found[0].group == "odem"


def _later_legs_undated(facts: list, type_name: str, by: str, other: str, legs: dict) -> None:
    """The one day a tour's statement gives all its legs ("X left yesterday for Japan and
    Vietnam", "to visit A, B and C from Sunday") is its first leg's: a later leg that
    another statement dates by a day of its own ("will fly to Hanoi on March 12") takes
    that day (its own is dropped; the statements then merge).  Legs dated each by its own
    day ("A on June 15 and B on June 18"), or by the tour's alone, keep them (but see _legs_own_days)."""
    tours: dict = {}
    days: dict = {}
    for fact in facts:
        if fact.type != type_name:
            continue
        key = (fact.span, fact.get(by))
        if len(legs.get(key, ())) > 1:
            tours.setdefault(key, []).append(fact)
        elif fact.date and len(fact.date) == 10:
            days.setdefault((_last(fact.get(by)), fact.get(other)), set()).add(fact.date)
    for members in tours.values():
        shared = members[0].date
        if len({f.date for f in members}) == 1 and shared and len(shared) == 10:
            for fact in members[1:]:
                if days.get((_last(fact.get(by)), fact.get(other)), {shared}) - {shared}:
                    fact.date = None


def _who(value, family_first: dict) -> str | None:
    """The surname that groups a person's statements: a one-word name that is the first
    word of one longer name of the document ("Li" beside "Li Qiang") is that name's."""
    last = _last(value)
    if last and len(_WORD.findall(str(value))) == 1:
        return family_first.get(last, last)
    return last


def _last(value) -> str | None:
    """The surname: the last word that is no suffix ("marcos" of "Ferdinand Marcos Jr.")."""
    words = _WORD.findall(str(value or "").lower())
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words[-1] if words else None


def _home(ctx, toured: set) -> str | None:
    """The country the story is told from, when it is none of the places toured:
    the dateline's, else the one named most (first named first)."""
    line = ctx.dateline[1] if ctx.dateline else None
    if line:
        return line if line not in toured else None
    counts: dict = {}
    for m in ctx.mentions:
        if m.code not in toured:
            counts[m.code] = counts.get(m.code, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _sureness(fact, field: str, ctx) -> int:
    found = fact.trace.get(field)
    if not found or fact.get(field) is None:
        return -1
    source = found[0]
    if source.context not in GUESSES:
        return 2
    return 1 if source.of and fact.get(source.of) in ctx.main_pair else 0


def _recount(fact) -> None:
    """Countries made of the fact's own fields (`codes_of`) follow a changed value."""
    found = fact.trace.get("countries")
    if found and found[0].context == "codes_of" and found[0].of:
        codes = {fact.get(n.strip()) for n in found[0].of.split(",")} - {None}
        fact.countries = sorted(codes)

