"""Turning a rule match into field values: the normalizers a rule can name
(`normalize: money.amount`) and the document contexts it can ask for
(`context: sentence_date`).  Each returns None when it has no value."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..normalize.money import MoneyError
from ..normalize.numbers import NumberError, parse_number, tidy
from ..normalize.percent import PercentError, direction, parse_percent

_SPACE = regex.compile(r"\s+")
_NAME_EDGES = regex.compile(r"\A(?:(?i:the|a|an)\s+)+|[\s,;:.\"“”'’]+\Z")
_TITLE_WORDS = regex.compile(r"\A(?:(?:Mr|Mrs|Ms|Dr|H\.E\.|H\.H\.)\.?\s+)+")


@dataclass
class FieldEnv:
    """What a normalizer or context sees: the document, its context, the match."""
    ruleset: object
    doc: object
    ctx: object
    match: object
    evidence: tuple[int, int]
    anchor: tuple[int, int]
    sentence: tuple[int, int]
    sentence_index: int
    values: dict = field(default_factory=dict)


def _money(attr):
    def run(text, env):
        try:
            m = env.ruleset.currencies.parse(text)
        except MoneyError:
            return None
        return tidy(m.amount) if attr == "amount" else m.currency
    return run


def _number(text, env):
    try:
        return tidy(parse_number(text))
    except NumberError:
        return None


def _percent(text, env):
    try:
        return tidy(parse_percent(text))
    except PercentError:
        return None


def _country(text, env):
    return env.ctx.country_in(text)


def _countries(text, env):
    found = env.ruleset.countries.find_in(text, env.ruleset.pieces.compiled("country"))
    out = []
    for m in found:
        if m.code not in out:
            out.append(m.code)
    return out or None


def _currency(text, env):
    """'euros' -> 'EUR', '$' -> 'USD': a currency written alone."""
    table = env.ruleset.currencies
    s = " ".join(text.split())
    return table.before.get(s) or table.after.get(s.lower())


def _text(text, env):
    s = _SPACE.sub(" ", text).strip()
    return s or None


def _name(text, env):
    s = _TITLE_WORDS.sub("", _NAME_EDGES.sub("", _SPACE.sub(" ", text).strip()))
    return s or None


_AND = regex.compile(r"\s*,\s*|\s+and\s+")


def _names(text, env):
    """'Kamikawa Yoko and Defense Minister Kihara Minoru' -> ['Kamikawa Yoko', 'Kihara Minoru']."""
    lead = env.ruleset.pieces.compiled("title_lead")
    out = []
    for part in _AND.split(text):
        part = lead.sub("", part.strip(), count=1) if part else part
        name = _name(part, env)
        if name:
            out.append(name)
    return out or None


_OF_THE_END = regex.compile(r"\s+of(?:\s+the)?\s*\Z")
_AND_WORD = regex.compile(r"\s+and\s+")
_LEADING_AND = regex.compile(r"\A(?:and|or)\s+")
_MEMORANDA = regex.compile(r"\A(memorand)a\b", regex.I)
_PLURAL_HEAD = regex.compile(r"\A(\w+?)s\b")
_PLURAL_S = regex.compile(r"(?<=\w)s\b")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNTED = regex.compile(r"\A(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<rest>.+)\Z", regex.I)
_LIST_TAIL = regex.compile(r"\A(?P<head>.*\b(?:in|on|of|for|to|regarding)\s+)(?P<list>[^,]+(?:,\s*[^,]+)*(?:,?\s+and\s+[^,]+))\Z", regex.I)


def _name_items(text, env):
    """'three memoranda on cooperation in fisheries, industry and culture' ->
    one name per listed item, when the count matches the list; else the name."""
    name = _name(text, env)
    m = _COUNTED.match(name or "")
    if not m:
        return name
    count = int(m.group("count")) if m.group("count").isdigit() else _COUNTS[m.group("count").lower()]
    tail = _LIST_TAIL.match(m.group("rest"))
    if not tail:
        return name
    parts = [p.strip() for p in tail.group("list").split(",") if p.strip()]
    *before, last = parts
    head_of_last, _, final = last.rpartition(" and ")
    readings = (
        before + [head_of_last, final],                              # "a and b, c and d" -> a and b | c | d
        [w for p in parts for w in _AND_WORD.split(p)],  # every "and" separates
    )
    for items in readings:
        items = [_LEADING_AND.sub("", i).strip() for i in items]
        if len(items) == count and all(items):
            return [_singular(tail.group("head")) + i for i in items]
    return name


def _singular(head: str) -> str:
    return _MEMORANDA.sub(r"\1um", _PLURAL_HEAD.sub(r"\1", head, count=1))


def _role(text, env):
    """'Minister of Foreign Affairs of Tajikistan' -> 'Minister of Foreign Affairs';
    'Vietnamese President' -> 'President': the office, without the country."""
    s = _text(text, env)
    if not s:
        return None
    found = env.ruleset.countries.find_in(s, env.ruleset.pieces.compiled("country"))
    if found and found[-1].end == len(s):
        s = _OF_THE_END.sub("", s[:found[-1].start])
    if found and found[0].start == 0 and found[0].end < len(s):
        s = s[found[0].end:]
    return s.strip() or None


def _place(text, env):
    s = _name(text, env)
    return s.title() if s and s.isupper() else s


NORMALIZERS = {
    "money.amount": _money("amount"),
    "money.currency": _money("currency"),
    "currency": _currency,
    "number": _number,
    "percent": _percent,
    "direction": lambda text, env: direction(text),
    "date": lambda text, env: env.ctx.dates.resolve(text),
    "country": _country,
    "countries": _countries,
    "text": _text,
    "name": _name,
    "place": _place,
    "role": _role,
    "names": _names,
    "name_items": _name_items,
    "singular": lambda text, env: _PLURAL_S.sub("", _text(text, env) or "") or None,
    "lower": lambda text, env: (_text(text, env) or "").lower() or None,
}


def _sentence_date(env, of):
    """The sentence's date expression nearest the rule's anchor (the figure)."""
    return env.ctx.date_near(env.anchor, env.sentence, env.anchor)[0]


def _evidence_date(env, of):
    """The sentence's date expression nearest the rule's whole match (a visit's
    date often stands after the place: "arrived in Dhaka on Sunday")."""
    return env.ctx.date_near(env.evidence, env.sentence, env.anchor)[0]


class _Carry:
    """The date of the fact before: filled in once the document's facts are
    known (facts/builder.py carry_dates), so that only kept facts pass it on."""

    def __repr__(self):
        return "CARRY"


CARRY = _Carry()


def _previous_date(env, of):
    """The date of this type's previous fact, when it stands in one of the two
    sentences before ("…reached $5.3 billion in 2024. Exports rose to …")."""
    return CARRY


def _codes_of(env, of):
    names = [n.strip() for n in (of or "").split(",") if n.strip()]
    codes = sorted({env.values.get(n) for n in names} - {None})
    return codes or None


def _dateline_place(env, of):
    return env.ctx.dateline[0] if env.ctx.dateline else None


def _dateline_country(env, of):
    return env.ctx.dateline[1] if env.ctx.dateline else None


def _sentence_capital(env, of):
    """A capital city named in the sentence (for a visit's place)."""
    for m in env.ctx.mentions_in(*env.sentence):
        if m.kind == "capitals" and (not of or env.values.get(of) in (None, m.code)):
            return env.doc.text[m.start:m.end]
    return None


def _sentence_country(env, of):
    """A country named in the sentence other than the field `of` (e.g. other than the host)."""
    exclude = env.values.get(of) if of else None
    for m in env.ctx.mentions_in(*env.sentence):
        if m.code != exclude:
            return m.code
    return None


def _capital_country(env, of):
    """The country whose capital the field `of` names ('Astana' -> KAZ)."""
    value = env.values.get(of)
    return env.ruleset.countries.lookup(value) if value else None


def _pair_other(env, of):
    """For a person of unknown country named beside others ("Presidents Tokayev and
    Rahmon"): the country of the document's main pair that none of the others holds."""
    me = env.values.get(of)
    others = {env.ctx.person_country(n) for n in _AND.split(env.doc.text[env.evidence[0]:env.evidence[1]])
              if n.strip() and n.strip() != me}
    free = [c for c in env.ctx.main_pair if c not in others]
    return free[0] if len(free) == 1 and len(env.ctx.main_pair) == 2 else None


def _antecedent(env, of):
    """The person the text last spoke of (by title and name) before the evidence,
    preferring one who is not of the country `of` (not the host, for a visit)."""
    return env.ctx.antecedent(env.evidence[0], env.values.get(of) if of else None)


def _published(env, of):
    return env.doc.published.isoformat() if env.doc.published else None


CONTEXTS = {
    "countries": lambda env, of: env.ctx.countries_near(env.evidence, env.sentence),
    "sentence_date": _sentence_date,
    "evidence_date": _evidence_date,
    "previous_date": _previous_date,
    "published": _published,
    "partner": lambda env, of: env.ctx.partner(env.values.get(of)),
    "person_country": lambda env, of: env.ctx.person_country(env.values.get(of)),
    "codes_of": _codes_of,
    "dateline_place": _dateline_place,
    "dateline_country": _dateline_country,
    "sentence_capital": _sentence_capital,
    "sentence_country": _sentence_country,
    "capital_country": _capital_country,
    "antecedent": _antecedent,
    "pair_other": _pair_other,
}
