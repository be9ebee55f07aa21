"""From kept rule matches to facts: evaluate each field's sources in order,
fan out `each: true` lists, drop facts that lack a required field."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from itertools import product

from ..engine.ruleset import KIND_CHECKS
from ..engine.sources import COMMON_FIELDS, Source
from ..memo import memoized
from .fields import CARRY, CONTEXTS, NORMALIZERS, FieldEnv, NextLeg, Trip
from .context import last_name
from .model import Fact

DEFAULT_COUNTRIES = Source(context="countries")


@dataclass
class Dropped:
    """A match that gave no fact, and why (for `relfacts explain`)."""
    match: object
    values: dict
    missing: list
    not_allowed: list


def build_facts(doc, ctx, ruleset, fact_type, cand, dropped: list | None = None) -> list[Fact]:
    """The facts of one rule match (more than one when a source says `each: true`)."""
    facts = []
    sentence = doc.sentences[cand.sentence_index]
    env = FieldEnv(ruleset, doc, ctx, cand.match, cand.evidence, cand.anchor, sentence, {}, rule=cand.rule)
    required, enums, kinds = _checks(fact_type)
    for values, trace in _evaluate(cand.rule, fact_type, env):
        missing = [f for f in required if values.get(f) in (None, "", [])]
        missing += [f"{f} (same as {fact_type.distinct[0]})" for f in not_distinct(values, fact_type.distinct)]
        # (a companion's trip is checked once carry_companions has filled it in)
        bad = [f for f, allowed in enums if values.get(f) is not None and values.get(f) not in allowed
               and not isinstance(values[f], Trip)]
        bad += [f for f, is_kind in kinds if values.get(f) is not None and not is_kind(values[f])
                and not isinstance(values[f], Trip)]
        if missing or bad:
            if dropped is not None:
                dropped.append(Dropped(cand, values, missing, bad))
            continue
        countries = values.get("countries") or []
        if isinstance(countries, str):
            countries = [countries]
        facts.append(Fact(
            type=fact_type.name, doc=doc.name, span=cand.evidence,
            text=doc.text[cand.evidence[0]:cand.evidence[1]],
            sentence=doc.text[sentence[0]:sentence[1]], rule=cand.rule.id,
            countries=sorted(set(countries)), date=values.get("date"),
            fields={f: values.get(f) for f in fact_type.fields}, trace=trace, sentence_span=sentence))
    return facts


def not_distinct(values: dict, distinct: tuple) -> list:
    """The fields of a type's `distinct` list that repeat its first field's value
    (a visit whose host is its origin)."""
    if len(distinct) < 2 or values.get(distinct[0]) is None:
        return []
    return [f for f in distinct[1:] if values.get(f) == values.get(distinct[0])]


def _checks(fact_type) -> tuple[list, list, list]:
    """The type's required fields, its enum fields with their values, and its other
    fields with the check of their kind (kept on the type)."""
    found = fact_type.__dict__.get("_checks")
    if found is None:
        found = fact_type.__dict__["_checks"] = (
            [f for f, spec in fact_type.fields.items() if spec.required],
            [(f, spec.enum) for f, spec in fact_type.fields.items() if spec.kind == "enum"],
            [(f, KIND_CHECKS[spec.kind]) for f, spec in fact_type.fields.items() if spec.kind != "enum"])
    return found


COMPANION_REACH = 5  # sentences back where the fact a companion joins may be told


def carry_companions(doc, facts, types) -> list:
    """Fill in the fields of each companion that are a Trip ("He will be accompanied by
    X": `context: companion_trip`, the rules' visit.companions) from the fact of its
    type it joins: one of the same sentence whose first key field (the visitor) the
    sentence names before the companion, else (when the sentence names whom the
    companion goes with by pronoun, office or delegation: Trip.lead) the last one
    told before it, at most COMPANION_REACH sentences back; not one whose destination
    (the type's `distinct` fields after the first: a visit's host) is a guess from the
    story's pair of countries.  A companion with no such fact, or whose filled-in
    fields break its type's required or distinct fields (at home there), is dropped."""
    companions = [f for f in facts if _trip_fields(f)]
    if not companions:
        return facts
    drop = set()
    more = []  # a companion of the whole trip: one more fact for each further leg
    for fact in companions:
        trips = _trip_fields(fact)
        spec = types[fact.type]
        told = [f for f in facts if f.type == fact.type and not _trip_fields(f)]
        whole = any(value.whole for value in (*fact.fields.values(), fact.date) if isinstance(value, Trip))
        joined = _joined_fact(doc, fact, trips, spec, told, whole)
        if joined is None:
            drop.add(id(fact))
            continue
        legs = [joined] + (_tour_legs(doc, fact, joined, spec, told) if whole else [])
        for leg in legs:
            one = fact if leg is joined else replace(fact, fields=dict(fact.fields), trace=dict(fact.trace))
            if _join(one, leg, trips, spec):
                if one is not fact:
                    more.append(one)
            elif one is fact:
                drop.add(id(fact))
    return [f for f in facts if id(f) not in drop] + more


def _join(fact, joined, trips, spec) -> bool:
    """Fill in a companion's trip from the visit it joins; False when it then breaks its type's
    required or distinct fields (at home there)."""
    for name in trips:
        if name == "date":
            fact.date = joined.date
        else:
            fact.fields[name] = joined.fields.get(name)
            if name in joined.trace:  # as sure as the visit's own (a guess stays one: facts/agree.py may re-decide it)
                fact.trace[name] = joined.trace[name]
    values = fact.fields
    if any(values.get(f) in (None, "", []) for f, field in spec.fields.items() if field.required) \
            or not_distinct(values, spec.distinct):
        return False
    fact.countries = sorted({values[f] for f, field in spec.fields.items() if field.kind == "country" and values.get(f)})
    return True


def _tour_legs(doc, fact, joined, spec, told) -> list:
    """The other legs of the tour a companion of the whole trip joins: the visits of the same visitor
    told before the companion (at most COMPANION_REACH sentences back) to another destination, in
    the same year (not a trip of years before told as history), one per destination."""
    who = spec.key[0].split(":")[0] if spec.key else None
    person = joined.fields.get(who) if who else None
    if not isinstance(person, str):
        return []
    index = doc.sentence_index(fact.sentence_span[0])
    where = spec.distinct[1] if len(spec.distinct) > 1 else None
    year = str(joined.date)[:4] if isinstance(joined.date, str) else None
    seen, legs = {joined.fields.get(where)}, []
    for other in sorted(told, key=lambda f: f.span[0]):
        if other.span[0] >= fact.span[0]:
            break
        place = other.fields.get(where)
        if place in seen or index - doc.sentence_index(other.sentence_span[0]) > COMPANION_REACH:
            continue
        name = other.fields.get(who)
        if not isinstance(name, str) or last_name(name) != last_name(person):
            continue
        if year and isinstance(other.date, str) and other.date[:4] != year:
            continue
        if any((src := other.trace.get(n)) and src[0].context == "partner" for n in spec.distinct[1:]):
            continue
        seen.add(place)
        legs.append(other)
    return legs


def _trip_fields(fact) -> list[str]:
    """The fields of a fact that wait for the trip it joins (a Trip), "date" among them."""
    found = [name for name, value in fact.fields.items() if isinstance(value, Trip)]
    return found + ["date"] if isinstance(fact.date, Trip) else found


def _joined_fact(doc, fact, trips, spec, told, whole=False):
    """The fact a companion joins (see carry_companions), or None."""
    before = doc.text[fact.sentence_span[0]:fact.span[0]]
    index = doc.sentence_index(fact.sentence_span[0])
    who = spec.key[0].split(":")[0] if spec.key else None
    lead = any(value.lead for value in (*fact.fields.values(), fact.date) if isinstance(value, Trip))
    ahead = any(value.ahead for value in (*fact.fields.values(), fact.date) if isinstance(value, Trip))
    month = doc.published.isoformat()[:7] if doc.published else None
    # a party told instead of its traveller, with its side ("the Czech delegation"): the trip joined is one from there
    side = {}
    if isinstance(fact.fields.get(who), Trip):
        side = {name: value for name in spec.distinct[:1]
                if (value := fact.fields.get(name)) is not None and not isinstance(value, Trip)}
    best, later = None, None
    for other in sorted(told, key=lambda f: f.span[0]):
        if other.span[0] >= fact.span[0]:
            break
        if any(other.fields.get(name) != value for name, value in side.items()):
            continue
        if ahead and month and isinstance(other.date, str) and other.date[:7] < month[:len(other.date)]:
            continue  # "X will be accompanied by Y": not a trip of months or years before
        if not ahead and _after_published(doc, other.date):
            later = other  # "X is accompanied by Y": not a trip still to come (the current one of its visitor, below)
            continue
        if index - doc.sentence_index(other.sentence_span[0]) > COMPANION_REACH:
            continue
        if any((src := other.trace.get(name)) and src[0].context == "partner" for name in spec.distinct[1:]):
            continue  # a destination (host) guessed from the story's pair of countries is no trip to join
        person = other.fields.get(who) if who else None
        if lead or (isinstance(person, str) and last_name(person) in before):
            best = other
    if best is not None and not whole and any(o.sentence_span == best.sentence_span and o.fields.get(who) == best.fields.get(who)
                                and any(o.fields.get(n) != best.fields.get(n) for n in trips if n != "date")
                                for o in told):
        return None  # a tour told in one sentence: which of its legs the companion joins is not said (unless the whole trip)
    if best is None and lead and later is not None:
        best = _current_trip(doc, later, told, who)
    return best


def _after_published(doc, date) -> bool:
    """Whether a visit's date is a day after the document's date (a trip still to come)."""
    return bool(doc.published) and isinstance(date, str) and len(date) == 10 and date > doc.published.isoformat()


def _current_trip(doc, coming, told, who):
    """The last visit told before `coming` (a trip still to come) by the same visitor that is not
    itself still to come: the trip a companion told in the present makes ("After Nouakchott, the
    President will travel to Banjul. He is accompanied by X": Nouakchott), or None."""
    person = coming.fields.get(who) if who else None
    if not isinstance(person, str):
        return None
    found = None
    for other in sorted(told, key=lambda f: f.span[0]):
        if other.span[0] >= coming.span[0]:
            break
        name = other.fields.get(who)
        if isinstance(name, str) and last_name(name) == last_name(person) and not _after_published(doc, other.date):
            found = other
    return found


def carry_dates(doc, facts) -> None:
    """Fill in the dates that a fact takes from the fact before it (`previous_date`; a tour's
    next leg its weekday after the day of the visit before, `next_leg_day`):
    the last kept fact of its type with a date from its sentence, at most two
    sentences back (of the types its CARRY names, the first that has one: a trade figure's
    period before a percentage's).  A deadline is not passed on: one read from a rule's group ("by 2025"), nor a
    goal's date read from its sentence ("a goal of $60 billion by 2030. Seafood exports fell to …")."""
    last: dict = {}  # fact type -> (sentence index, date, start) of its last dated fact
    for fact in sorted(facts, key=lambda f: f.span[0]):
        index = doc.sentence_index(fact.sentence_span[0])
        source = fact.trace.get("date")
        leg_day = fact.date
        if isinstance(leg_day, NextLeg):  # a tour's next leg: after the day of the visit before
            before = last.get(fact.type)
            leg_day = leg_day.after(before[1]) if before and index - before[0] <= 2 else leg_day
            fact.date = str(leg_day)
        if isinstance(fact.date, type(CARRY)):
            # of the types it names, the first with a fact near: a figure's period over a percentage's
            before = _told_before(last, index, fact.date.types or (fact.type,), fact.date.any_type)
            fact.date = _days_after(_years_back(before[1], fact.date.years_back), fact.date.days_after) if before else None
        elif fact.date and source and source[0].context and fact.get("kind") != "target":
            kept = last.get(fact.type)
            if kept is None or kept[0] != index or _later(fact.date, kept[1]):
                last[fact.type] = (index, leg_day, fact.span[0])   # a leg's day keeps where it was said (NextLeg)


def _told_before(last: dict, index: int, types, any_type: bool):
    """Of the last dated facts (`last`: type -> (sentence index, date, start)) at most two sentences
    before sentence `index`: the first of `types` that has one, else with `any_type` the one told last
    whose date is a day ("the same day" is no figure's year)."""
    near = {t: kept for t, kept in last.items() if index - kept[0] <= 2}
    found = next((near[t] for t in types if t in near), None)
    if found is None and any_type:
        days = [kept for kept in near.values() if len(str(kept[1])) == len("YYYY-MM-DD")]
        found = max(days, key=lambda kept: (kept[0], kept[2]), default=None)
    return found


def _years_back(date, years: int):
    """`date` moved `years` years back (its month and day kept), or None when it has no year."""
    if not years:
        return date
    text = str(date)
    return f"{int(text[:4]) - years}{text[4:]}" if text[:4].isdigit() else None


def _days_after(date, days: int):
    """`date` moved `days` days on when it is a full day; a month or a year as it is (the day after
    a day in March is told no more precisely than March)."""
    if not days or date is None or len(str(date)) != 10:
        return date
    return (datetime.date.fromisoformat(str(date)) + datetime.timedelta(days=days)).isoformat()


def _later(date, other) -> bool:
    """Whether `date` is not before `other`: of two periods one sentence gives
    ("rose to $24 billion in 2025 from $22 billion in 2024"), the latest is
    the one the next sentence goes on about."""
    return str(date) >= str(other)[:len(str(date))]


def _plan(rule, fact_type):
    """The order fields are evaluated in and where each comes from (kept on the rule)."""
    plan = getattr(rule, "_plan", None)
    if plan is None:
        order = list(fact_type.fields) + list(COMMON_FIELDS)
        specs = {n: fact_type.overrides.get(n, []) + list(rule.fields.get(n, fact_type.defaults.get(n, [])))
                 for n in order}
        # fields that read other fields (`of:`, `when:`) come after those they read
        order.sort(key=lambda n: any(s.of or s.when for s in specs[n]))
        # fan-out fields first, so later fields (countries of a visit) see each value;
        # a fan-out field whose `each` sources give nothing is read with the rest
        fan = [n for n in order if any(s.each for s in specs[n])]
        plan = rule._plan = ([(n, [s for s in specs[n] if s.each]) for n in fan],
                             [(n, specs[n] if n not in fan else [s for s in specs[n] if not s.each]) for n in order])
    return plan


def _evaluate(rule, fact_type, env):
    """Yield (values, trace) — more than one when a source says `each: true`.
    The trace maps each field to (the Source that gave its value, the text it
    read), or None when no source gave one."""
    fan, every = _plan(rule, fact_type)
    choices = []
    for name, sources in fan:
        value, src = _first(sources, env, name)
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        choices.append([(name, v, src) for v in items])
    fanned = {c[0][0] for c in choices}
    rest = [(name, sources) for name, sources in every if name not in fanned]
    for combo in product(*choices) if choices else [()]:
        env.values = {n: v for n, v, _ in combo}
        trace = {n: src for n, _, src in combo}
        for name, sources in rest:
            value, src = _first(sources, env, name)
            if value is None and name == "countries":
                value, src = CONTEXTS["countries"](env, None), (DEFAULT_COUNTRIES, None)
            env.values[name] = value
            trace[name] = src
        yield dict(env.values), trace


def _first(sources, env, name):
    """The first source that gives a value: (value, (source, matched text or None))."""
    for src in sources:
        raw = None
        if src.when and not all(rx.search(str(env.values.get(f) or "")) for f, rx in src.when):
            continue
        if src.is_literal:
            value = src.value
        elif src.nearest:
            value = _nearest(src.nearest, env)
        elif src.clause:
            value = _in_clause(src.clause, env)
        elif src.group:
            raw = _group_text(env.match, src.group)
            if raw is None:
                continue
            if src.map:
                value = src.label(raw)
            else:
                # where the text stands (a country normalizer checks its place context); joined groups stand nowhere
                env.group = None if "+" in src.group else src.group
                value = NORMALIZERS[src.normalize](raw, env) if src.normalize else raw
        else:
            if src.of and any(o not in env.values for o in _names_of(src.of)):
                continue
            value = CONTEXTS[src.context](env, src.piece or src.of)
            if src.map and isinstance(value, str):
                value = src.label(value)
        if isinstance(value, list) and not src.each and _one_valued(env, name):
            value = value[0] if value else None  # a list where one value is wanted (no `each: true`): the first
        if value is not None and value != [] and value != "":
            return value, (src, raw)
    return None, None


def _one_valued(env, name: str) -> bool:
    """Whether the field holds one value (every kind but `countries`, and the common field of that name)."""
    if name == "countries":
        return False
    spec = env.ruleset.types[env.rule.type].fields.get(name) if env.rule is not None else None
    return spec is None or spec.kind != "countries"


def _group_text(match, group: str) -> str | None:
    """A group's text; 'a+b': the texts of groups a and b joined by " and " (those
    that matched), for a normalizer that reads both ("Saudi" + "the US": countries)."""
    if "+" not in group:
        try:
            return match.group(0 if group == "0" else group)
        except IndexError:  # a type's override names a group some rules lack (a rule's own are checked when compiled)
            return None
    parts = [t for t in (match.group(g) for g in group.split("+")) if t]
    return " and ".join(parts) or None


@memoized()
def _names_of(of: str) -> tuple:
    """'origin,host' -> ('origin', 'host')"""
    return tuple(o.strip() for o in of.split(","))


def _nearest(table, env):
    """The label whose cue stands nearest the evidence in the sentence."""
    best = None
    for start, end, order, label in env.ctx.cues(table, env.sentence):
        if start >= env.evidence[1]:
            dist = start - env.evidence[1]
        elif end <= env.evidence[0]:
            dist = env.evidence[0] - end
        else:
            dist = 0
        if best is None or (dist, order) < best[:2]:
            best = (dist, order, label)
    return best[2] if best else None


def _in_clause(table, env):
    """The first label whose cue is found in the anchor's clause."""
    return env.ctx.cue_in(table, env.ctx.clause_around(env.anchor, env.sentence))
