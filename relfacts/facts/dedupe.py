"""One fact, once: facts of a document with the same key (the type's `key`
fields) are one fact; the first stays, and fields it lacks are filled from
the later statements of it.

A key field may say how it is compared: `visitor:last_word` (a surname:
"Tokayev" = "Kassym-Jomart Tokayev"), `name:words` (case and punctuation
ignored)."""
from __future__ import annotations

import regex

_WORD = regex.compile(r"[\p{L}\d]+")


def dedupe(facts, types) -> list:
    kept: dict = {}
    out = []
    for fact in facts:
        key = (fact.type,) + tuple(_key_value(fact, k) for k in types[fact.type].key)
        first = kept.get(key)
        if first is None:
            kept[key] = fact
            out.append(fact)
            continue
        if first.date is None and fact.date is not None:
            first.date = fact.date
        if len(first.countries) < len(fact.countries):
            first.countries = fact.countries
        for name, value in fact.fields.items():
            if first.fields.get(name) is None and value is not None:
                first.fields[name] = value
    return out


def _key_value(fact, spec: str):
    name, _, how = spec.partition(":")
    value = fact.get(name)
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, str) and how:
        words = [w.lower() for w in _WORD.findall(value)]
        return (words[-1] if words else "") if how == "last_word" else " ".join(words)
    return value
