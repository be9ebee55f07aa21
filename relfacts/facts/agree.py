"""One person, one country: the statements of one visitor agree on where he is from.

A type may say `agree: {field: origin, by: visitor}`: facts of a document whose
`by` fields share their last word ("Erdoğan", "Recep Tayyip Erdoğan") take the
`field` value of the statement that is surest of it.  A value the text states
(a demonym, a title, what the text says of the person) is surest; a guess from
the document's main pair of countries is sure only when the guess had one
country to choose from (the other country of the pair).  A fact whose values
then break the type's `distinct` fields (a visit to one's own country) is dropped."""
from __future__ import annotations

from ..engine.lazy import LazyPattern
from .builder import not_distinct

GUESSES = {"partner", "pair_other"}
_WORD = LazyPattern(r"[\p{L}\d]+")


def agree(facts: list, types: dict, ctx) -> list:
    for type_name, spec in types.items():
        if not spec.agree:
            continue
        field, by = spec.agree
        groups: dict = {}
        for fact in facts:
            if fact.type == type_name and fact.get(by):
                words = _WORD.findall(str(fact.get(by)).lower())
                if words:
                    groups.setdefault(words[-1], []).append(fact)
        for members in groups.values():
            if len(members) < 2:
                continue
            best = max(members, key=lambda f: (_sureness(f, field, ctx), -f.span[0]))
            sure, value = _sureness(best, field, ctx), best.get(field)
            for fact in members:
                if fact.get(field) != value and _sureness(fact, field, ctx) < sure:
                    fact.fields[field] = value
                    _recount(fact)
    return [f for f in facts if not not_distinct(f.fields, types[f.type].distinct)]


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

