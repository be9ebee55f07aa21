"""One fact, once.

Facts of a document with the same key (the type's `key` fields) are one fact:
the first stays, and fields it lacks are filled from later statements of it.
A type that says `sentence_distinct: true` never merges two facts of one
sentence: a sentence does not state one figure twice ("12 percent in 2015,
compared to 13 percent in 2014; … 14 percent, compared to 13 percent in 2014"
holds two 13 percents).

How a key field compares can be written after a colon:
  visitor:last_word  a surname: "Tokayev" is "Kassym-Jomart Tokayev"
  name:words         case and punctuation ignored
  date:optional      a missing value matches any ("this week" and "January 18")

A type may also say `subsume: name`: a fact whose name's words all appear in
the name of another fact with the same other fields (kind, status) is the same
document said more vaguely ("trade agreement" beside "UK-Vietnam Free Trade
Agreement"), and is dropped."""
from __future__ import annotations

import regex

_WORD = regex.compile(r"[\p{L}\d]+")
_ANY = object()


def dedupe(facts, types) -> list:
    out = []
    for fact in facts:
        spec = types[fact.type]
        key = [_key_value(fact, k) for k in spec.key]
        first = next((f for f, k in out if f.type == fact.type and _same(k, key)
                      and not (spec.sentence_distinct and f.sentence == fact.sentence)), None)
        if first is None:
            out.append((fact, key))
            continue
        _fill(first, fact)
    kept = [f for f, _ in out]
    for type_name, spec in types.items():
        field = getattr(spec, "subsume", None)
        if field:
            kept = _subsume(kept, type_name, field, spec)
    return kept


def _same(a, b) -> bool:
    return all(x is _ANY or y is _ANY or x == y for x, y in zip(a, b))


def _fill(first, fact):
    if first.date is None and fact.date is not None:
        first.date = fact.date
    if len(first.countries) < len(fact.countries):
        first.countries = fact.countries
    for name, value in fact.fields.items():
        if first.fields.get(name) is None and value is not None:
            first.fields[name] = value


def _key_value(fact, spec: str):
    name, _, how = spec.partition(":")
    value = fact.get(name)
    if how == "optional" and value is None:
        return _ANY
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, str) and how in ("last_word", "words"):
        words = [w.lower() for w in _WORD.findall(value)]
        return (words[-1] if words else "") if how == "last_word" else " ".join(words)
    return value


def _subsume(facts, type_name, field, spec):
    others = [k for k in spec.fields if k != field]
    def words(f):
        return {w.lower() for w in _WORD.findall(str(f.get(field) or ""))}
    drop = set()
    for i, f in enumerate(facts):
        if f.type != type_name:
            continue
        wf = words(f)
        for j, g in enumerate(facts):
            if i == j or g.type != type_name or j in drop:
                continue
            if all(_key_value(f, k) == _key_value(g, k) for k in others) and wf < words(g):
                drop.add(i)
                break
    return [f for i, f in enumerate(facts) if i not in drop]
