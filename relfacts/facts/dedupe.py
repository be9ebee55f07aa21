"""One fact, once.

Facts of a document with the same key (the type's `key` fields) are one fact:
the first stays, fields it lacks are filled from later statements of it, and
it keeps the earliest date they give.
A type that says `sentence_distinct: true` never merges two facts of one
sentence: a sentence does not state one figure twice ("12 percent in 2015,
compared to 13 percent in 2014; … 14 percent, compared to 13 percent in 2014"
holds two 13 percents).

How a key field compares can be written after a colon:
  visitor:last_word  a surname: "Tokayev" is "Kassym-Jomart Tokayev" (and "Yoon"
                     is "Yoon Suk Yeol" when the text names no one else with "Yoon")
  name:words         case and punctuation ignored
  date:optional      a missing value matches any ("this week" and "January 18"), but
                     not a date two or more years before publication (an undated
                     statement is about the present)
  date:month         dates compare by month (arrived on the 18th, held talks on the 19th)
  (modifiers combine: date:optional:month)

A type may also say `subsume: name`: a fact whose name's words all appear in
the name of another fact with the same other fields (kind, status) is the same
document said more vaguely ("trade agreement" beside "UK-Vietnam Free Trade
Agreement"), and is dropped.

Groups of documents (`list_intro`: "nine agreements"; `summary`: "agreements on
A and B") are dropped when the text names their documents one by one (see
_drop_list_intros and _drop_summaries); a count said twice with the same
status ("signs five agreements" in the headline, "five memoranda of
understanding were signed" in the body) is one group, in its last wording."""
from __future__ import annotations

import bisect
from collections import Counter

import regex

_WORD = regex.compile(r"[\p{L}\d]+")
_ANY = object()


def dedupe(facts, types, doc=None) -> list:
    out = []
    groups: dict = {}  # the key without its optional parts -> [(fact, full key)]
    family_first = _family_names_first(facts, types)
    for fact in facts:
        spec = types[fact.type]
        parts = _parts(spec.key)
        key = [_key_value(fact, part, family_first) for part in parts]
        fixed = (fact.type,) + tuple(v for v, (_, how) in zip(key, parts) if "optional" not in how)
        group = groups.setdefault(fixed, [])
        first = None
        for entry in group:
            f, k = entry
            if spec.sentence_distinct and f.sentence_span == fact.sentence_span:
                break  # facts come in text order: the rest of the group is of this sentence too
            if _same(k, key) and not _past_and_present(f, fact, doc):
                first = f
                break
        if first is None:
            group.append([fact, key])
            out.append(fact)
            continue
        _fill(first, fact)
        # filled in, its key is what it now says: an undated visit that took one statement's
        # date is no longer the same as a visit of another year
        entry[1] = [_key_value(first, part, family_first) for part in parts]
    for type_name, spec in types.items():
        if spec.subsume:
            out = _subsume(out, type_name, spec.subsume, spec)
        if spec.list_intro is not None and doc is not None:
            out = _drop_list_intros(out, type_name, spec.list_intro, doc)
            out = _merge_counts(out, type_name, spec.list_intro)
        if spec.summary is not None:
            out = _drop_summaries(out, type_name, spec.summary, spec.list_intro)
    return out


LIST_REACH = 2  # sentences after a count phrase where its listed documents may stand


def _drop_list_intros(facts, type_name, intro, doc):
    """A count phrase ("signed nine agreements", "a number of documents") followed,
    in its sentence or the next two, by at least two documents of the type named
    one by one only introduces that list: the listed ones are the facts."""
    mine = [(doc.sentence_index(f.span[0]), f) for f in facts if f.type == type_name]
    intros = {id(f) for _, f in mine if intro.search(str(f.get("name") or ""))}
    listed = sorted((j, g.span[0]) for j, g in mine if id(g) not in intros)  # searched by bisection: linear time
    drop = set()
    for index, f in mine:
        if id(f) in intros:
            after = bisect.bisect_right(listed, (index, f.span[0]))
            reach = bisect.bisect_right(listed, (index + LIST_REACH, float("inf")))
            if reach - after >= 2:
                drop.add(id(f))
    return [f for f in facts if id(f) not in drop]


_COUNT = regex.compile(r"[\p{L}\d]+")


def _merge_counts(facts, type_name, intro):
    """Count phrases with the same number and status are one group of documents,
    said last the most precisely (a headline's "agreements", the body's "memoranda")."""
    keys = {}
    for f in facts:
        name = str(f.get("name") or "") if f.type == type_name else ""
        if intro.search(name):
            keys[id(f)] = (_COUNT.match(name).group().lower(), f.get("status"))
    last = {key: f for f in facts if (key := keys.get(id(f))) is not None}
    out = []
    for f in facts:
        key = keys.get(id(f))
        if key is None or last[key] is f:
            out.append(f)
        else:
            _fill(last[key], f)
    return out


def _drop_summaries(facts, type_name, summary, intro):
    """A group named by kind alone ("signed agreements on trade and energy", as
    headlines and leads do) is dropped when at least two documents with its
    status are named one by one after it in the text: they are its documents."""
    def is_group(f):
        name = str(f.get("name") or "")
        return bool(summary.search(name) or (intro is not None and intro.search(name)))

    singles_after: Counter = Counter()  # status -> documents named one by one after (linear time)
    drop = set()
    for f in sorted((f for f in facts if f.type == type_name), key=lambda f: f.span[0], reverse=True):
        status = f.get("status")
        if summary.search(str(f.get("name") or "")) and singles_after[status] >= 2:
            drop.add(id(f))
        if not is_group(f):
            singles_after[status] += 1
    return [f for f in facts if id(f) not in drop]


def _past_and_present(a, b, doc) -> bool:
    """An undated statement is about the present ("this is his second state visit"):
    it is not the same as one the text dates two or more years before publication
    ("he earlier visited India in March 2015")."""
    published = getattr(doc, "published", None) if doc is not None else None
    if not published or (a.date is None) == (b.date is None):
        return False
    dated = a.date or b.date
    return dated[:4].isdigit() and int(dated[:4]) < published.year - 1


def _same(a, b) -> bool:
    return all(x is _ANY or y is _ANY or x == y for x, y in zip(a, b))


def _fill(first, fact):
    if fact.date is not None and (first.date is None or fact.date < first.date):
        first.date = fact.date  # statements of one fact: the earliest date (a visit's first day)
    if len(first.countries) < len(fact.countries):
        first.countries = fact.countries
    for name, value in fact.fields.items():
        if first.fields.get(name) is None and value is not None:
            first.fields[name] = value


def _parts(key: tuple) -> tuple:
    """('name:words', 'kind') -> (('name', ('words',)), ('kind', ()))"""
    parts = _PARTS.get(key)
    if parts is None:
        parts = _PARTS[key] = tuple((k.split(":")[0], tuple(k.split(":")[1:])) for k in key)
    return parts


_PARTS: dict = {}


def _family_names_first(facts, types) -> dict:
    """For `last_word` keys: a one-word name that is the first word of a longer
    name in the document and the last word of none ("President Yoon" beside
    "Yoon Suk Yeol": the family name first) -> that longer name's last word."""
    first, last, single = {}, set(), set()
    for fact in facts:
        for name, how in _parts(types[fact.type].key):
            if "last_word" in how:
                words = [w.lower() for w in _WORD.findall(str(fact.get(name) or ""))]
                if len(words) > 1:
                    first.setdefault(words[0], set()).add(words[-1])
                    last.add(words[-1])
                elif words:
                    single.add(words[0])
    return {w: next(iter(first[w])) for w in single
            if w in first and w not in last and len(first[w]) == 1}


def _key_value(fact, part: tuple, family_first=None):
    name, how = part
    value = fact.get(name)
    if "optional" in how and value is None:
        return _ANY
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, str):
        if "month" in how:
            return value[:7]
        if "last_word" in how or "words" in how:
            words = [w.lower() for w in _WORD.findall(value)]
            if "last_word" in how:
                word = words[-1] if words else ""
                return (family_first or {}).get(word, word) if len(words) == 1 else word
            return " ".join(words)
    return value


def _subsume(facts, type_name, field, spec):
    others = [k for k in spec.fields if k != field]
    groups: dict = {}
    for i, f in enumerate(facts):
        if f.type == type_name:
            groups.setdefault(tuple(_key_value(f, (k, ())) for k in others), []).append(i)
    drop = set()
    for members in groups.values():
        words = {i: frozenset(w.lower() for w in _WORD.findall(str(facts[i].get(field) or ""))) for i in members}
        having: dict = {}  # word -> the members whose name has it
        for i in members:
            for w in words[i]:
                having.setdefault(w, []).append(i)
        for i in members:
            # a fuller name has every word of this one, so its rarest word too: only those are compared
            rarest = min(words[i], key=lambda w: len(having[w]), default=None)
            if any(words[i] < words[j] for j in (having[rarest] if rarest else members)):
                drop.add(i)
    return [f for i, f in enumerate(facts) if i not in drop]
