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
  (modifiers combine: date:optional:month; then a year alone matches the months of that year)

A type may also say `subsume: name`: a fact whose name's words all appear in
the name of another fact with the same other fields (kind, status) is the same
document said more vaguely ("trade agreement" beside "UK-Vietnam Free Trade
Agreement"), and is dropped.  With `subsume_alike` (a regex), the words it
matches whole stand for one another: the kind nouns, whose kind the facts share
already ("geothermal deal" in a headline, "agreement on geothermal energy" in
the body).  With `subsume_new` (a regex), a name that has a word it matches
whole is a new version ("a modernised Association Agreement"): a name without
one (but an acronym) is not it; a kind noun named with a year alone ("The 1991
treaty") is the document of that kind named in full on a day of that year
(_drop_year_named).  With `apposition` (a regex), a name's appositive ("the CEPA,
India's first such deal") is no document, and a title given after a name ("known
as the …") is its name (_drop_appositions).

Groups of documents (`list_intro`: "nine agreements"; any count whose sentence goes on to a
colon, "two other documents were also exchanged: …"; `summary`: "agreements on
A and B") are dropped when the text names their documents one by one (see
_drop_list_intros and _drop_summaries; also a group said with no count, "a raft
of agreements", whose documents are named later in its month); a count said twice with the same
status ("signs five agreements" in the headline, "five memoranda of
understanding were signed" in the body) is one group, in its last wording.

A headline's round figure that the body states precisely ("Trade nears $70 billion"
over "rose to $69.4 billion"; "hits RM450 billion" over "RM450.3 billion") is the
body's fact said roundly, and a headline's figure without the period the body
gives it is the body's too: they are dropped (_drop_rounded_headlines); so is a
headline's document named by its kind noun alone ("sign deal") when the body
states a document of that kind and status (_drop_bare_headlines)."""
from __future__ import annotations

import bisect
import heapq
from collections import Counter
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from itertools import product

from ..engine.lazy import LazyPattern
from ..normalize.numbers import NumberError
from ..sentences import ends_with_stop
from .context import NAME_SUFFIXES
from .words import word_sets

_WORD = LazyPattern(r"[\p{L}\d]+")
_ANY = object()


def _name_words(value: str) -> list[str]:
    """A name's words, lower case, without a suffix at its end ("ferdinand r marcos" of "Ferdinand R. Marcos Jr.")."""
    words = [w.lower() for w in _WORD.findall(value)]
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words


def _alike(word: str) -> str:
    """The one word that a type's `subsume_alike` words are in the singular; a plural
    keeps its own (a group, "agreements on A and B" or a headline's "dozen accords",
    is none of its documents, nor another group)."""
    return word if word[-1] in "sa" else "\0alike"  # "deals", "memoranda"


def dedupe(facts, rules, doc=None) -> list:
    """The facts of a document (in text order), each fact once, by the types and the
    pieces of the rule set `rules`."""
    return finish(Merger(rules, getattr(doc, "published", None)).add(facts), rules, doc)


def finish(facts, rules, doc=None) -> list:
    """The passes over a document's merged facts: vaguer names subsumed, and
    (with the document, for its sentences) groups of documents dropped."""
    out = _give_restated_days(facts, rules)
    pieces = rules.pieces
    for type_name, spec in rules.types.items():
        if doc is not None:
            if spec.apposition is not None:
                out = _drop_appositions(out, type_name, spec.apposition, doc)
            out = _drop_rounded_headlines(out, type_name, spec, doc)
            if spec.unnamed is not None:
                out = _drop_unnamed_headlines(out, type_name, spec, doc)
        if spec.subsume:
            # a headline's or lead's document told again later goes first, while each document is still there
            if doc is not None and spec.subsume_alike is not None:
                out = _drop_bare_headlines(out, type_name, spec.subsume, spec, spec.subsume_alike, doc, pieces,
                                           rules.numbers)
            cues = _NameCues(pieces)
            out = _drop_year_named(out, type_name, spec.subsume, spec.subsume_alike)
            out = _subsume(out, type_name, spec.subsume, spec, cues, spec.subsume_alike)
            out = _merge_mentioned(out, type_name, spec.subsume, cues, spec.subsume_alike, spec.subsume_new)
            out = _drop_restated(out, type_name, spec.subsume, cues, pieces, spec.subsume_alike, spec.subsume_new)
        # the passes below ask the same names again: each is searched once
        intro = None if spec.list_intro is None else _Found(spec.list_intro)
        if intro is not None and doc is not None:
            out = _drop_list_intros(out, type_name, intro, doc, pieces.compiled("valued_count"), rules.numbers,
                                    pieces.optional("plural_kind"), pieces.optional("list_continuation"))
            out = _merge_counts(out, type_name, intro, pieces.compiled("headline_ahead"), rules.numbers)
        if spec.summary is not None:
            out = _drop_summaries(out, type_name, _Summary(spec.summary), intro, doc, rules.numbers)
    return out


# statuses a document's restatement may take it to, in order: a later one wins ("agreed to sign a deal … The
# deal was signed on Wednesday"); one in force is beyond them
MENTIONED = "mentioned"  # the status of a document the text only names
_STAGES = {MENTIONED: 0, "negotiating": 1, "planned": 2, "signed": 3, "ratified": 4}
# where a date comes from the story around a document, not from its own clause
_INHERITED_DATES = frozenset({"lead_date", "published", "story_date"})


def _give_restated_days(facts, rules):
    """A document named again by its kind noun alone with its own day ("The deal was signed on Wednesday",
    "The pact, inked on 12 March, runs …": a rule that `restates`) is the last document of that type and kind
    named before it: that one takes its day when it had none, when its own came from the story around it (the
    lead's day, the publication date) or said less (a year: its clause may tell another event's, "to replace one
    that lapsed in 2023"), and a later status ("agreed to sign a
    deal … The deal was signed on Wednesday").  The restatement is no fact of its own, nor does it date a document
    it cannot tell (none before it, or several of that kind named in one sentence)."""
    restating = rules.restating_ids()
    if not restating or not any(f.rule in restating for f in facts):
        return facts
    out, last = [], {}  # (type, kind) -> the facts of that kind in the last sentence that names one
    for f in facts:
        key = (f.type, f.get("kind"))
        if f.rule in restating:
            before = last.get(key)
            if before is not None and len(before) == 1:
                _take_day(before[0], f)
            continue
        group = last.get(key)
        if group is not None and group[-1].sentence_span == f.sentence_span:
            group.append(f)
        else:
            last[key] = [f]
        out.append(f)
    return out


def _take_day(first, again) -> None:
    """`first` takes the day and status of `again`, its restatement, as _give_restated_days says."""
    was, now = _STAGES.get(first.get("status")), _STAGES.get(again.get("status"))
    if was is None or now is None or now < was or again.date is None:
        return
    source = first.trace.get("date") if first.trace else None
    inherited = source is not None and source[0].context in _INHERITED_DATES
    if (now == was and first.date is not None and again.date < first.date
            and not first.date.startswith(again.date)):
        return  # an earlier step of the same stage ("signed … on Tuesday. The pact, concluded in November, …")
    if now > was or first.date is None or inherited or len(again.date) > len(first.date):
        first.date = again.date
        first.fields["status"] = again.get("status")
        first.trace["date"] = again.trace.get("date")
        first.trace["restated_by"] = again.rule


class _Found:
    """Whether a pattern is found in a text (`search`), each text searched once."""

    __slots__ = ("pattern", "seen")

    def __init__(self, pattern):
        self.pattern, self.seen = pattern, {}

    def search(self, text: str) -> bool:
        hit = self.seen.get(text)
        if hit is None:
            hit = self.seen[text] = self.pattern.search(text) is not None
        return hit


# How a fact is dated, for _past_and_present: an undated statement and one dated
# two or more years before publication are never one fact.
_UNDATED, _OLD, _RECENT = 0, 1, 2
_APART = {frozenset((_UNDATED, _OLD))}


class Merger:
    """Merges facts with the same key, indexed (never fact against fact): a
    fact merges into the first earlier fact of its key, in text order, that
    its optional key parts and its dating allow.  Kept across the windows of a
    long document, so that a fact said in two windows is one."""

    def __init__(self, rules, published=None):
        self.types = rules.types
        self.ahead = rules.pieces.compiled("headline_ahead")  # (_finer_day)
        self.published = published
        self.groups: dict = {}  # the key without its optional parts -> _Group
        self.key_plans: dict = {}  # a type's key -> _key_plan

    def add(self, facts) -> list:
        """The facts that are new (in their order); the others fill the fact they repeat."""
        out = []
        family_first = family_names_first(facts, self.types)
        for fact in facts:
            spec = self.types[fact.type]
            parts, optional, fixed_at = self._key_plan(spec.key)
            key = [_key_value(fact, part, family_first) for part in parts]
            fixed = (fact.type,) + tuple(key[i] for i in fixed_at)
            group = self.groups.get(fixed)
            if group is None:
                group = self.groups[fixed] = _Group()
            values, age = tuple(key[i] for i in optional), self._age(fact)
            first = group.first_same(fact, values, age, spec.sentence_distinct)
            if first is None:
                group.append(fact, values, age)
                out.append(fact)
            else:
                _fill(first, fact, self.ahead, [n for n, how in parts if "last_word" in how])
                # filled in, its key is what it now says: an undated visit that took one
                # statement's date is no longer the same as a visit of another year
                key = [_key_value(first, part, family_first) for part in parts]
                group.refile(first, tuple(key[i] for i in optional), self._age(first))
        return out

    def _key_plan(self, key: tuple) -> tuple:
        """(parts, indices of the optional parts, indices of the others) of a type's key."""
        plan = self.key_plans.get(key)
        if plan is None:
            parts = _parts(key)
            optional = tuple(i for i, (_, how) in enumerate(parts) if "optional" in how)
            plan = self.key_plans[key] = (parts, optional, tuple(i for i in range(len(parts)) if i not in optional))
        return plan

    def _age(self, fact) -> int:
        if fact.date is None:
            return _UNDATED
        published = self.published
        old = published and fact.date[:4].isdigit() and int(fact.date[:4]) < published.year - 1
        return _OLD if old else _RECENT


INDEX_FROM = 16  # members of a group from which it is indexed


class _Group:
    """The facts of one fixed key, indexed by (dating, which optional parts are
    masked, the others' values) -> a heap of their positions: the first
    candidate of a lookup is the top of a heap.  An optional part that is
    missing (_ANY) matches any value, so a fact is filed under every mask of
    its optional parts (they are few: 2 ** parts entries).  A group of a few
    members (an article's) is not indexed: they are compared one by one, in
    order, which finds the same first member; the index is made when the
    group grows past INDEX_FROM members."""

    __slots__ = ("members", "position", "optional", "ages", "index", "sentence", "sentence_from")

    def __init__(self):
        self.members: list = []
        self.position: dict = {}  # id(member) -> its place in members
        self.optional: list = []  # each member's optional key values
        self.ages: list = []  # each member's dating now (a merge can date it earlier)
        self.index: dict | None = None  # made at INDEX_FROM members
        self.sentence = None  # the sentence of the last members, and where they start
        self.sentence_from = 0

    def append(self, fact, values: tuple, age: int) -> None:
        i = len(self.members)
        if fact.sentence_span != self.sentence:
            self.sentence, self.sentence_from = fact.sentence_span, i
        self.members.append(fact)
        self.position[id(fact)] = i
        self.optional.append(values)
        self.ages.append(age)
        if self.index is not None:
            self._file(i)
        elif i + 1 > INDEX_FROM:
            self.index = {}
            for k in range(i + 1):
                self._file(k)

    def refile(self, fact, values: tuple, age: int) -> None:
        """A member's optional values or dating changed (a merge filled it in): filed
        anew; its entries under the old ones are skipped when met."""
        i = self.position[id(fact)]
        if (values, age) != (self.optional[i], self.ages[i]):
            self.optional[i], self.ages[i] = values, age
            if self.index is not None:
                self._file(i)

    def _file(self, i: int) -> None:
        values, age = self.optional[i], self.ages[i]
        for mask in product((False, True), repeat=len(values)):
            heapq.heappush(self.index.setdefault((age, mask, _masked(values, mask)), []), i)

    def first_same(self, fact, values: tuple, age: int, sentence_distinct: bool):
        """The first member that `fact` (with these optional values) repeats, or None.
        With `sentence_distinct`, members of the fact's own sentence (the last
        ones: facts come in text order) do not count."""
        limit = len(self.members)
        if sentence_distinct and fact.sentence_span == self.sentence:
            limit = self.sentence_from
        if self.index is None:
            return self._first_by_comparing(values, age, limit)
        mask = tuple(v is _ANY for v in values)
        known = [i for i, v in enumerate(values) if v is not _ANY]
        best = limit
        for member_age in (_UNDATED, _OLD, _RECENT):
            if frozenset((age, member_age)) in _APART:
                continue
            # a member matches where it has the value or lacks it (_ANY)
            for lacks in product((False, True), repeat=len(known)):
                wanted = list(values)
                for i, missing in zip(known, lacks):
                    if missing:
                        wanted[i] = _ANY
                filed = _masked(tuple(wanted), mask)
                heap = self.index.get((member_age, mask, filed))
                while heap and (self.ages[heap[0]] != member_age
                                or _masked(self.optional[heap[0]], mask) != filed):
                    heapq.heappop(heap)  # filed under a dating or values it no longer has
                if heap and heap[0] < best:
                    best = heap[0]
        return self.members[best] if best < limit else None

    def _first_by_comparing(self, values: tuple, age: int, limit: int):
        """first_same without the index: a member matches where it has the
        value or lacks it (_ANY), and a value the fact lacks matches any."""
        optional, ages = self.optional, self.ages
        for i in range(limit):
            if frozenset((age, ages[i])) in _APART:
                continue
            if all(v is _ANY or w is _ANY or w == v for v, w in zip(values, optional[i])):
                return self.members[i]
        return None


def _masked(values: tuple, mask: tuple) -> tuple:
    return tuple(None if m else v for v, m in zip(values, mask))


LIST_REACH = 2  # sentences after a count phrase where its listed documents may stand
COUNT_REACH = 12  # sentences after a count phrase where as many documents as it counts may stand


COUNTED_REACH = 40  # characters after a count where the plural document noun it counts stands ("two new trade agreements")


def _counts_documents(text: str, at: int, plural) -> bool:
    """Whether a plural document noun (the piece plural_kind) follows the count that ends at `at`, in the same
    phrase (no comma between); with no such piece in the rule set, any count is one."""
    if plural is None:
        return True
    m = plural.search(text, at, at + COUNTED_REACH)
    return m is not None and "," not in text[at:m.start()]


def _drop_list_intros(facts, type_name, intro, doc, valued, numbers, plural, continuation=None):
    """A count phrase ("signed nine agreements", "a number of documents") followed,
    in its sentence or the next two, by at least two documents of the type named
    one by one (and not dated otherwise) only introduces that list: the listed ones are the facts (not a
    count said with its value: `valued`, the piece valued_count).  So does one followed,
    within the next two sentences, by a sentence that opens by listing its documents
    (`continuation`, the piece list_continuation: "Among the documents was a protocol on …"
    after a paragraph on something else), naming one.  So do the documents read one per topic
    from a count ("signed two agreements on A and B"), all from one statement,
    when as many documents are named one by one after them ("The first is a
    memorandum on …, the second an agreement on …"), none of another status (_status_fits)."""
    mine = [(doc.sentence_index(f.span[0]), f) for f in facts if f.type == type_name]
    intros = {id(f): 2 for _, f in mine if (intro.search(str(f.get("name") or "")) or _colon_after(doc.text, f, numbers))
              and not valued.search(f.text)}
    same_statement = Counter((f.span, f.rule) for _, f in mine)
    topics = set()  # the documents read one per topic from a count, each an intro too
    names_of: dict = {}  # a statement's names, (span, rule) -> their words
    for _, f in mine:
        names_of.setdefault((f.span, f.rule), set()).update(str(f.get("name") or "").lower().split())
    for _, f in mine:
        n = same_statement[(f.span, f.rule)]
        # a count said in a statement ("two agreements on A and B", "twenty-one deals"): one fact per topic
        # (not a number in one of its topics: "Those memoranda are on A; between the two chambers on B; …")
        count = numbers.count_said.search(f.text) if n >= 2 and id(f) not in intros else None
        if count and not valued.search(f.text) and (
                _counts_documents(f.text, count.end(), plural)
                or count.group().strip().lower() not in names_of[(f.span, f.rule)]):
            intros[id(f)] = n
            topics.add(id(f))
    singles = sorted((((j, g.span[0]), g) for j, g in mine if id(g) not in intros), key=lambda t: t[0])
    listed = [place for place, _ in singles]  # searched by bisection: linear time
    # the documents named one by one, in text order, with what each counts for (_all_told)
    told = [((j, g.span[0]), g.get("status"), max(1, _stated_count(str(g.get("name") or ""), numbers)))
            for j, g in mine if id(g) not in intros]
    told.sort(key=lambda t: t[0])
    drop, given = set(), []
    for index, f in mine:
        if id(f) in intros:
            after = bisect.bisect_right(listed, (index, f.span[0]))
            reach = bisect.bisect_right(listed, (index + LIST_REACH, float("inf")))
            near = sum(1 for _, g in singles[after:reach] if _same_time(f.get("date"), g.get("date"))
                       and (id(f) not in topics or _status_fits(f.get("status"), g.get("status"))))
            count = _stated_count(str(f.get("name") or ""), numbers)
            if near >= intros[id(f)] or _all_told(f, index, told, listed, numbers) \
                    or _listed_on(doc, continuation, listed[after:reach]):
                drop.add(id(f))
                _pass_on(f, [g for _, g in singles[after:reach]], count, same_statement)
            elif count >= 2 and f.get("status") not in (None, MENTIONED):
                # as many documents as it counts, the items of one list sentence further on ("The MoUs are: • …")
                far = bisect.bisect_right(listed, (index + COUNT_REACH, float("inf")))
                items = _listed_together([g for _, g in singles[after:far]], count)
                if items:
                    drop.add(id(f))
                    given.append((f, items))
            elif count == 0 and f.get("status") not in (None, MENTIONED) and _told_later(
                    f, singles[after:bisect.bisect_right(listed, (index + COUNT_REACH, float("inf")))]):
                drop.add(id(f))
    for f, items in given:  # (after the loop: another count of the same list finds it as it was)
        _give_status(f, items)
    return [f for f in facts if id(f) not in drop]


_COLON_REACH = 60  # characters after a count phrase where the colon that opens its list may stand


def _colon_after(text: str, f, numbers) -> bool:
    """A count phrase of two or more documents ("two other documents were also exchanged") whose
    sentence goes on to a colon that opens their list: it introduces the list, whatever its count's
    word ("other", "further") says elsewhere."""
    if _stated_count(str(f.get("name") or ""), numbers) < 2:
        return False
    end = min(f.sentence_span[1], f.span[1] + _COLON_REACH)
    colon = text.find(":", f.span[1], end)
    return colon >= 0 and not any(mark in text[f.span[1]:colon] for mark in ".;")


def _told_later(intro, after: list) -> bool:
    """A group said with no count ("signed a raft of agreements", "inked several cooperation
    agreements", "came home with a stack of signed documents") whose documents, two or more, are named
    one by one further on (within COUNT_REACH sentences) with its status, in its month: the list it
    announced, after paragraphs on other things."""
    month = str(intro.get("date") or "")[:7]
    return sum(1 for _, g in after if g.get("status") == intro.get("status")
               and _same_time(month, str(g.get("date") or "")[:7])) >= 2


def _pass_on(intro, after: list, count: int, same_statement) -> None:
    """The documents a count phrase introduced, listed together in one statement after it
    ("inked five agreements … The agreements cover A, B, C, D and E": as many as it counts,
    from one match), or as the items of one list sentence ("The MoUs are: • …; • …"), take its
    status and day where their own clause says neither (status `mentioned`, no date); a
    document named on its own is none of them."""
    status = intro.get("status")
    if count < 2 or status in (None, MENTIONED):
        return
    listed = [g for g in after if same_statement[(g.span, g.rule)] == count]
    if len(listed) != count or len({(g.span, g.rule) for g in listed}) != 1:
        listed = _listed_together(after, count)
        if listed is None:
            return
    _give_status(intro, listed)


def _listed_together(after: list, count: int) -> list | None:
    """The documents of `after` that are the items of one list sentence, as many as `count`, none of
    them with a status or day of its own ("The MoUs are: • …; • …"), else None."""
    by_sentence: dict = {}
    for g in after:
        by_sentence.setdefault(g.sentence_span, []).append(g)
    return next((items for items in by_sentence.values() if len(items) == count
                 and all(g.get("status") == MENTIONED and g.date is None for g in items)), None)


def _give_status(intro, listed: list) -> None:
    """The listed documents that say no status or day take the count phrase's."""
    for g in listed:
        if g.get("status") == MENTIONED and g.date is None:
            g.fields["status"] = intro.get("status")
            g.date = intro.date


def _same_time(a, b) -> bool:
    """Whether two dates ("2026-06-02", "2026-06", None) may be one: a document dated
    otherwise (the one "signed with Australia in 2019") is none of today's count."""
    if not a or not b:
        return True
    a, b = str(a), str(b)
    return a.startswith(b) or b.startswith(a)


def _status_fits(a, b) -> bool:
    """Whether a document of status `b`, named after documents read one per topic from a count (status
    `a`), may be one of them named again: the same status, or only mentioned ("signed two memoranda, on A
    and on B … The first is a memorandum on …"); not one negotiated or in force ("… inked two memoranda,
    on A and on B. Talks on an investment treaty resumed")."""
    return not a or not b or a == b or b == MENTIONED


def _listed_on(doc, continuation, places) -> bool:
    """Whether one of the documents at `places` ((sentence, start), in a count phrase's reach) stands
    in a sentence that opens as a list of documents does ("Among the documents was …", "They include …")."""
    if continuation is None:
        return False
    spans = doc.sentences
    return any(continuation.match(doc.text, spans[j][0]) is not None for j in {j for j, _ in places})


def _all_told(intro, index, told, places, numbers) -> bool:
    """A count phrase ("witnessed the signing of six documents") whose documents, as many as it
    counts, are named one by one with its status further on (within COUNT_REACH sentences), after
    paragraphs on other things: the list the lead announced ("The documents signed are: (1) …").
    A group named there by its count ("four other memoranda") is that many of them.  `told`:
    ((sentence, start), status, count) of the documents named one by one, in text order;
    `places`: their (sentence, start), in the same order."""
    count = _stated_count(str(intro.get("name") or ""), numbers)
    if count < 2:
        return False
    first = bisect.bisect_right(places, (index, intro.span[1]))
    last = bisect.bisect_right(places, (index + COUNT_REACH, float("inf")))
    status = intro.get("status")
    return sum(n for _, s, n in told[first:last] if s == status) >= count


def _stated_count(name: str, numbers) -> int:
    """The number a name opens with ("six documents": 6), else 0 (nor a year: "2015 accord")."""
    m = _COUNT.match(name)
    key = _count_key(m.group(), numbers) if m else ""
    return int(key) if key.isascii() and key.isdigit() and int(key) < 1000 else 0


_COUNT = LazyPattern(r"[\p{L}\d]+")


def _count_key(word: str, numbers) -> str:
    """A count as digits, however written ("6 deals" in a headline, "six agreements" in the body)."""
    try:
        return str(int(numbers.parse_number(word)))
    except NumberError:  # "several", "a number of"
        return word


def _merge_counts(facts, type_name, intro, ahead, numbers):
    """Count phrases with the same number and status are one group of documents,
    said last the most precisely (a headline's "agreements", the body's "memoranda")."""
    keys = {}
    for f in facts:
        name = str(f.get("name") or "") if f.type == type_name else ""
        if intro.search(name):
            keys[id(f)] = (_count_key(_COUNT.match(name).group().lower(), numbers), f.get("status"))
    last = {key: f for f in facts if (key := keys.get(id(f))) is not None}
    out = []
    for f in facts:
        key = keys.get(id(f))
        if key is None or last[key] is f:
            out.append(f)
        else:
            _fill(last[key], f, ahead)
    return out


class _Summary:
    """How a name is a summary of documents (`search`), each name searched once:
    None (it is not), "topic" ("agreements on trade and energy") or "bare"
    (the pattern's group `bare` matched: "accords", "deals with Kenya")."""

    __slots__ = ("pattern", "seen")

    def __init__(self, pattern):
        self.pattern, self.seen = pattern, {}

    def search(self, text: str):
        if text not in self.seen:
            m = self.pattern.search(text)
            self.seen[text] = None if m is None else "bare" if "bare" in m.groupdict() and m.group("bare") is not None else "topic"
        return self.seen[text]


def _drop_summaries(facts, type_name, summary, intro, doc=None, numbers=None):
    """A group named by kind ("signed agreements on trade and energy", as
    headlines and leads do) is dropped when at least two documents with its
    status are named one by one after it in the text: they are its documents.
    A group named by its kind alone ("Kenya, Ethiopia sign accords") only in
    the headline (the first sentence): in the story's body it may be a group
    of its own ("a signing of agreements" the visit will hold).  A group with
    its count in a first sentence that is a lead, not a headline (it ends
    with a full stop), only when as many are named after it: two older
    agreements told later are not the twelve the lead has signed today."""
    def is_group(f):
        name = str(f.get("name") or "")
        return bool(summary.search(name) or (intro is not None and intro.search(name)))

    def sums_up(f):
        how = summary.search(str(f.get("name") or ""))
        return how == "topic" or (how == "bare" and doc is not None and doc.opens_text
                                  and doc.sentence_index(f.span[0]) == 0)

    lead = doc is not None and bool(doc.sentences) and ends_with_stop(doc.text, *doc.sentences[0], first=True)

    def needed(f) -> int:  # how many documents named after it make it their summary
        count = _stated_count(str(f.get("name") or ""), numbers) if lead and numbers is not None else 0
        return max(2, count)

    singles_after: Counter = Counter()  # status -> documents named one by one after (linear time)
    drop = set()
    for f in sorted((f for f in facts if f.type == type_name), key=lambda f: f.span[0], reverse=True):
        status = f.get("status")
        if singles_after[status] >= 2 and sums_up(f) and singles_after[status] >= needed(f):
            drop.add(id(f))
        if not is_group(f):
            singles_after[status] += 1
    return [f for f in facts if id(f) not in drop]


HEAD_LINES = 3  # the headline and the lines without a full stop under it (a standfirst, a byline)
ROUGH_REACH = Decimal("0.1")  # a headline's round figure is at most this far (a tenth) from the body's


def _drop_rounded_headlines(facts, type_name, spec, doc):
    """A fact of the headline (the text's first sentence, with no full stop, and the
    lines under it that have none either: a standfirst, "Trade rose 21.4 percent
    year-on-year") that a body fact states more fully is that fact: each of its key fields is missing or
    the body's, its number the body's or (with the same other required key fields,
    as a trade figure's currency, flow and kind) the rounding of it up or down
    ("nears $70 billion", "$69.4 billion"; "jump 27pc" without its period); a type whose
    only required field is its number (a percentage) rounds when the headline says
    more of it (its direction: "exports drop 22%" over "fell by 22.4 per cent")."""
    if not doc.opens_text or not doc.sentences:
        return facts
    lines = 0  # the headline's sentences: the first ones without a full stop
    while lines < min(HEAD_LINES, len(doc.sentences)) and not ends_with_stop(doc.text, *doc.sentences[lines], first=not lines):
        lines += 1
    if not lines:
        return facts
    first = (doc.sentences[0][0], doc.sentences[lines - 1][1])
    heads = [f for f in facts if f.type == type_name and f.span[0] < first[1]]
    if not heads:
        return facts
    keys = [k.split(":")[0] for k in spec.key]
    numbers = [k for k in keys if k in spec.fields and spec.fields[k].kind == "number"]
    required = [k for k in keys if k in spec.fields and spec.fields[k].required and k not in numbers]
    if not numbers:
        return facts
    mine = [f for f in facts if f.type == type_name]
    body = [f for f in mine if f.span[0] >= first[1]]

    others = [k for k in keys if k not in numbers]

    def restates(h, b):
        if any(h.get(k) is not None and h.get(k) != b.get(k) for k in others):
            return False
        rounds = required or any(h.get(k) is not None for k in others)
        return all(h.get(n) == b.get(n) or (rounds and _rounds_to(b.get(n), h.get(n))) for n in numbers)

    drop = {id(h) for h in heads if any(restates(h, b) for b in body)}
    return [f for f in facts if id(f) not in drop] if drop else facts


def _rounds_to(precise, rough) -> bool:
    """Whether `rough` is `precise` rounded up or down to rough's last significant digit (69.4 -> 70,
    26.4 -> 26), and at most ROUGH_REACH away."""
    try:
        p, r = Decimal(repr(float(precise))).normalize(), Decimal(repr(float(rough))).normalize()
    except (TypeError, ValueError, InvalidOperation):
        return False
    if p <= 0 or r <= 0 or p == r or len(r.as_tuple().digits) >= len(p.as_tuple().digits) or abs(p - r) > p * ROUGH_REACH:
        return False
    unit = Decimal(1).scaleb(r.as_tuple().exponent)
    return r in (p.quantize(unit, rounding=ROUND_FLOOR), p.quantize(unit, rounding=ROUND_CEILING))


def _fill(first, fact, ahead, names=()):
    """`first` takes what `fact`, a later statement of it, adds: the earliest
    date (`ahead`: the piece headline_ahead, for _finer_day), more countries,
    fields it lacks, and in the `names` fields a fuller form of its name ("Petro"
    in a headline, "Gustavo Petro" in the body; "Lula", "Luiz Inacio Lula da Silva")."""
    for name in names:
        short, full = first.fields.get(name), fact.fields.get(name)
        if isinstance(short, str) and isinstance(full, str) and len(full) > len(short) \
                and (short in full.split() or full.startswith(short + " ") or _initialled(short, full)) \
                and full[:1].isupper():
            first.fields[name] = full
    if fact.date is not None and (first.date is None or _earlier(fact.date, first.date) or _finer_day(first, fact, ahead)):
        first.date = fact.date  # statements of one fact: the earliest date (a visit's first day)
    if len(first.countries) < len(fact.countries):
        first.countries = fact.countries
    for name, value in fact.fields.items():
        if first.fields.get(name) is None and value is not None:
            first.fields[name] = value


def _initialled(short: str, full: str) -> bool:
    """Whether a name is another written with initials for its first names ("E. Kalnina", "Elina Kalnina")."""
    mine, theirs = short.split(), full.split()
    return len(mine) == len(theirs) > 1 and mine[-1] == theirs[-1] and all(
        a == b or (len(a) == 2 and a.endswith(".") and b.startswith(a[0])) for a, b in zip(mine[:-1], theirs[:-1]))


def _earlier(date: str, than: str) -> bool:
    """Whether an ISO date (or month, or year) is earlier than another; a year is not
    earlier than a month or day within it ("2018" beside "2018-07": the same time, said less finely)."""
    return date < than and not than.startswith(date)


def _finer_day(first, fact, ahead) -> bool:
    """The later statement `fact` dates the fact more finely than `first` did: a day of
    the month `first` gave ("next week" -> 2025-02, then "on February 24"), or the day
    the text states for a trip that a headline announces ahead ("X to visit Y this week",
    dated by the story's day; `ahead`: the piece headline_ahead; a headline has no full stop)."""
    if len(fact.date) > len(first.date):
        return fact.date.startswith(first.date)
    source = first.trace.get("date") if first.trace else None
    return (len(first.date) == len(fact.date) == 10 and source is not None and source[0].context == "story_date"
            and ahead.search(first.text) is not None and not ends_with_stop(first.sentence))


def _parts(key: tuple) -> tuple:
    """('name:words', 'kind') -> (('name', ('words',)), ('kind', ())); an optional month
    ('date:optional:month') is two parts, its year and its month, so that a date of a
    year alone (its month missing: _key_value) is any month of that year, not of another."""
    parts = _PARTS.get(key)
    if parts is None:
        parts = []
        for k in key:
            name, how = k.split(":")[0], tuple(k.split(":")[1:])
            if "optional" in how and "month" in how:
                parts.append((name, ("optional", "year")))
            parts.append((name, how))
        parts = _PARTS[key] = tuple(parts)
    return parts


_PARTS: dict = {}


def family_names_first(facts, types) -> dict:
    """For `last_word` keys: a one-word name that is another word than the last
    of one longer name in the document and the last word of none ("President
    Yoon" beside "Yoon Suk Yeol": the family name first; "Lula" beside "Luiz
    Inacio Lula da Silva") -> that longer name's last word."""
    first, last, single, longer = {}, set(), set(), set()
    for fact in facts:
        for name, how in _parts(types[fact.type].key):
            if "last_word" in how:
                words = _name_words(str(fact.get(name) or ""))
                if len(words) > 1:
                    for word in words[:-1]:
                        first.setdefault(word, set()).add(words[-1])
                    last.add(words[-1])
                    longer.add(tuple(words))
                elif words:
                    single.add(words[0])
    found = {w: next(iter(first[w])) for w in single
             if w in first and w not in last and len(first[w]) == 1}
    # a name said without its second surname ("Marcelo Ebrard" in a headline, "Marcelo Ebrard Casaubón" in the
    # body): the longer name's last word, when the longer names that open with its words end alike (keyed by its
    # words; each name's openings are indexed once: linear in the names)
    endings: dict = {}
    for words in longer:
        for k in range(2, len(words)):
            endings.setdefault(words[:k], set()).add(words[-1])
    for words in longer:
        fuller = endings.get(words)
        if fuller and len(fuller) == 1:
            found[" ".join(words)] = next(iter(fuller))
    return found


def _key_value(fact, part: tuple, family_first=None):
    name, how = part
    value = fact.get(name)
    if "optional" in how and (value is None or ("month" in how and isinstance(value, str) and len(value) == 4)):
        return _ANY  # a year alone ("X to visit Y in first trip of 2025") is any month of it (its year: the part before)
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, str):
        if "month" in how:
            return value[:7]
        if "year" in how:
            return value[:4]
        if "last_word" in how or "words" in how:
            words = _name_words(value) if "last_word" in how else [w.lower() for w in _WORD.findall(value)]
            if "last_word" in how:
                word = words[-1] if words else ""
                return (family_first or {}).get(word if len(words) == 1 else " ".join(words), word)
            return " ".join(words)
    return value


_ACRONYM = LazyPattern(r"(?<![\p{L}\d])\p{Lu}(?:\p{Lu}|\p{Ll}(?=\p{Lu})){1,5}(?=s?(?![\p{L}\d]))")  # "CEPA", "FTAs", "MoU"


def _singular(word: str) -> str:
    """A word's singular, roughly ("visas" -> "visa"; not "status", "access", "this")."""
    return word[:-1] if len(word) > 3 and word[-1] == "s" and word[-2] not in "sui" else word


class _NameCues:
    """What a _Name reads of the rule set's pieces: the joining words (joining_word), a partner
    said at a name's end (partner_after) and the words that join one (partner_joint), and the words
    a vaguer name may hold that a fuller one leaves out (vague_modifier: "new")."""

    __slots__ = ("joining", "partner_after", "partner_joint", "vague")

    def __init__(self, pieces):
        sets = word_sets(pieces)
        self.joining, self.partner_joint = sets["joining_word"], sets["partner_joint"]
        self.vague = sets.get("vague_modifier", frozenset())
        self.partner_after = pieces.compiled("partner_after")


class _Name:
    """What _subsume compares of a name: its words without the joining ones (the
    piece joining_word), the acronyms among them, the initials of the others, and
    the words of a partner said at its end (partner_after, partner_joint)."""

    __slots__ = ("words", "acronyms", "initials", "all_initials", "partner", "joined", "new", "vague")

    def __init__(self, name: str, cues: _NameCues, alike=None, new=None):
        words = [w.lower() for w in _WORD.findall(name)]
        # a word of the type's `subsume_new` ("upgraded", "revised"): a new version, another document
        self.new = new is not None and any(new.fullmatch(w) is not None for w in words)
        joining = cues.joining
        content = [w for w in words if w not in joining]
        # an acronym's word ("ftas") -> its letters ("fta")
        self.acronyms = {_WORD.match(name, m.start()).group().lower(): m.group().lower()
                         for m in _ACRONYM.finditer(name)}
        kinds = [alike is not None and alike.fullmatch(w) is not None for w in content]
        # a name of kind nouns alone ("deal") is vague: it keeps its own words;
        # another word counts in the singular ("visa facilitation", "the issuance of visas")
        self.words = frozenset(_alike(w) if kind and not all(kinds) else w if kind or w in self.acronyms else _singular(w)
                               for w, kind in zip(content, kinds))
        self.initials = "".join(w[0] for w in content if w not in self.acronyms)
        # with the joining words too: "MoU" is "memorandum of understanding"
        self.all_initials = "".join(w[0] for w in words if w not in self.acronyms)
        partner = cues.partner_after.search(name)
        self.partner = frozenset(w.lower() for w in _WORD.findall(partner.group("partner"))) if partner else frozenset()
        self.joined = frozenset(words) & cues.partner_joint
        self.vague = self.words & cues.vague   # "their new defence treaty": "new" need not be in the fuller name

    def within(self, other: "_Name", before: bool) -> bool:
        """Whether every word of this name is in `other` (an acronym also by the initials
        of its words: "FTA" in "free trade agreement"); the partner of a name said
        before `other`, which names no partner, may be left out (a headline's "CEPA
        with Muscat", then the full title)."""
        if other.new and not self.new and not self.acronyms:
            return False  # "a modernised Global Agreement" replaces the Global Agreement: another document
            # (an acronym names the version the story is about: a headline's "DTAA" is the revised one)
        partner = self.partner if before and not other.joined else frozenset()
        for w in self.words:
            if w in other.words or w in partner or w in self.vague:
                continue
            letters = self.acronyms.get(w)
            if letters and len(letters) >= 3 and (letters in other.initials or letters in other.all_initials):
                continue  # the initials of words in a row: "FTA", "free trade agreement", "MoU" (not "CI" of "CIS")
            if letters and len(letters) >= 4 and not Counter(letters) - Counter(other.initials):
                continue  # four or more initials in another order: "DTAA", "agreement for the avoidance of double taxation"
            return False
        return True


def _drop_bare_headlines(facts, type_name, field, spec, alike, doc, pieces, numbers):
    """A headline's or lead's name of one kind noun alone ("Kazakhstan, Azerbaijan adopt
    declaration", "signed an accord on Tuesday") is a later sentence's document of that
    kind and status ("signed a Declaration on Allied Relations"): dropped when one states it.
    And the lead's one document of a kind that the next sentence names again with its
    article ("signed an agreement to store CO2 …  The agreement on carbon storage was
    signed …", same kind, status and date) is that document, named by the later sentence."""
    if not doc.opens_text:
        return facts
    others = [k for k in spec.fields if k != field]

    def bare(f):  # in the singular: a plural ("sign accords") is a group (_drop_summaries)
        name = str(f.get(field) or "")
        return (f.type == type_name and doc.sentence_index(f.span[0]) <= _LEAD
                and alike.fullmatch(name) is not None and _alike(name.lower()) != name.lower())

    heads = [f for f in facts if bare(f)]
    drop = set()
    if heads:
        for f in heads:
            here = doc.sentence_index(f.span[0])
            if any(tuple(g.get(k) for k in others) == tuple(f.get(k) for k in others)
                   for g in facts if g.type == type_name and doc.sentence_index(g.span[0]) > here):
                drop.add(id(f))
    joining = word_sets(pieces)["joining_word"]
    drop |= _restated_leads(facts, type_name, others, doc, pieces.compiled("another_told"))
    drop |= _told_headlines(facts, type_name, others, doc, drop, field, alike, joining, numbers)
    drop |= _title_case_headlines(facts, type_name, field, alike, doc, drop, joining)
    drop |= _acronym_headlines(facts, type_name, field, alike, doc, drop)
    drop |= _generic_headlines(facts, type_name, field, alike, doc, drop, pieces)
    return [f for f in facts if id(f) not in drop] if drop else facts


def _drop_appositions(facts, type_name, apposition, doc):
    """A fact's name and the next fact's in its sentence, the text from the end of the one to the end
    of the other matched by the type's `apposition`, are one document: the later one an appositive
    that characterises it ("the Comprehensive Economic Partnership Agreement, India's first such deal
    in a decade, came into force"; "a memorandum on X, a technical deal that exporters have sought"),
    dropped; or, with the pattern's group `alias`, the name it is given ("a social security agreement,
    known as the Double Contribution Convention"), and then the earlier one is dropped."""
    mine = sorted((f for f in facts if f.type == type_name and f.get("name")), key=lambda f: f.span)
    drop = set()
    for one, other in zip(mine, mine[1:]):
        if one.sentence_span != other.sentence_span:
            continue
        end, (start, last) = _name_span(one)[1], _name_span(other)
        if start < end:
            continue
        m = apposition.fullmatch(doc.text, end, last)
        if m is not None:
            drop.add(id(one) if m.groupdict().get("alias") is not None else id(other))
    return [f for f in facts if id(f) not in drop] if drop else facts


def _name_span(fact) -> tuple[int, int]:
    """Where a fact's name stands in its text (its span when the name is worded otherwise)."""
    name = str(fact.get("name"))
    at = fact.text.lower().find(name.lower())
    return (fact.span[0] + at, fact.span[0] + at + len(name)) if at >= 0 else tuple(fact.span)


def _drop_unnamed_headlines(facts, type_name, spec, doc):
    """A headline (a line with no full stop) whose fact names no one by the key's first field
    (the type's `unnamed`: "Czech business delegation arrives in Astana") is the fact of a later
    sentence that names one with the same other key fields ("Czech Deputy Minister X arrived in
    Astana at the head of a delegation"), whatever its day: dropped."""
    first, *rest = [k.split(":")[0] for k in spec.key]
    rest = [k for k in rest if k in spec.fields and spec.fields[k].kind != "date"]  # whatever its day

    def unnamed(f):
        return spec.unnamed.search(str(f.get(first) or "")) is not None

    drop = set()
    for f in facts:
        if f.type != type_name or not unnamed(f) or ends_with_stop(doc.text, *f.sentence_span):
            continue
        here = f.sentence_span[1]
        values = tuple(f.get(k) for k in rest)
        if any(g.type == type_name and g.span[0] >= here and not unnamed(g)
               and tuple(g.get(k) for k in rest) == values for g in facts):
            drop.add(id(f))
    return [f for f in facts if id(f) not in drop] if drop else facts


def _generic_headlines(facts, type_name, field, alike, doc, gone, pieces):
    """A headline's document named by a generic kind noun (the piece generic_kind: "renew fishing deal",
    "talks on domestic workers' pact") that shares a word of its topic with a document of the body
    between the same countries ("signed a new fishing protocol", "agreed to sign a memorandum on the
    employment of domestic workers") is that document, whatever kind and status the body states:
    the body's, dropped from the headline.  New or bilateral (vague_modifier), cooperation or trade (generic_topic)
    is no shared topic.  And a headline's document of any kind noun ("Canada, Peru sign trade pact", "sign
    hydrogen memorandum") is a body's document of its kind and status between the same countries, named
    there with a topic of its own; one named by a loose kind noun (the piece loose_kind: "sign tech pact")
    a body's document of its status of any kind.  A title ("CEPA", "Free Trade Agreement", but a title-case
    headline's; not an acronym the body names no document by, "LNG deal") names a document of its own, and
    a group ("sign accords"; in the body, "free trade pacts with 20 countries") none of another's documents."""
    heads = [f for f in facts if f.type == type_name and id(f) not in gone and doc.sentence_index(f.span[0]) == 0]
    if not heads or ends_with_stop(doc.text, *heads[0].sentence_span, first=True):  # a headline has no full stop
        return set()
    words = word_sets(pieces)
    generic, joining, loose = words["generic_kind"], words["joining_word"], words["loose_kind"]
    vague = words["vague_modifier"] | words["generic_topic"]
    title_case = _is_title_case(doc.text[slice(*heads[0].sentence_span)])
    body = [f for f in facts if f.type == type_name and id(f) not in gone and doc.sentence_index(f.span[0]) > 0
            and not _is_group(str(f.get(field) or ""), alike)]
    told = {m[0] for g in body for m in _ACRONYM.finditer(str(g.get(field) or ""))}  # the body's acronyms
    drop = set()
    for f in heads:
        name = str(f.get(field) or "")
        # an acronym the body names no document by is a topic's ("sign LNG deal", "ICT pact"), not a title
        titled = _titled(_ACRONYM.sub(lambda m: m[0] if m[0] in told else m[0].lower(), name), alike)
        if (titled and not title_case) or _is_group(name, alike):
            continue
        topic = _topic_words(f.get(field), alike, joining) - vague
        if (generic & {w.lower() for w in _WORD.findall(name)} and topic
                and any(_same_parties(f, g) and topic & _topic_words(g.get(field), alike, joining) for g in body)):
            drop.add(id(f))
        elif any(_same_parties(f, g) and g.get("status") == f.get("status")
                 and (g.get("kind") == f.get("kind") or _head_noun(name, words["partner_joint"]) in loose)
                 and _topic_words(g.get(field), alike, joining) for g in body):
            # a body's document of its kind and status, named there with a topic ("sign trade pact", "sign
            # farm-standards pact" over "signed an agreement on sanitary and phytosanitary measures"); one
            # whose head noun is loose (a pact, a deal) is any kind's ("sign tech pact" over "signed a
            # memorandum of understanding on AI"), not one named with its topic ("agreement on economic cooperation")
            drop.add(id(f))
    return drop


def _head_noun(name: str, joint) -> str:
    """A name's last word before the partners it may be said with (`joint`: the piece partner_joint), in
    lower case ("15-year LNG deal with Qatar": "deal")."""
    words = [w.lower() for w in _WORD.findall(name)]
    ends = [i for i, w in enumerate(words) if w in joint]
    words = words[:ends[0]] if ends else words
    return words[-1] if words else ""


def _is_group(name: str, alike) -> bool:
    """Whether a name's kind noun is in the plural (a group: "agreements on A and B", "memoranda")."""
    return alike is not None and any(alike.fullmatch(w) is not None and _alike(w.lower()) == w.lower()
                                     for w in _WORD.findall(name))


def _same_parties(one, other) -> bool:
    """Whether two facts are between the same countries (either may name none)."""
    a, b = set(one.get("countries") or ()), set(other.get("countries") or ())
    return not a or not b or a == b


_MOU = LazyPattern(r"\b(?:MoU|MOU)\b")  # a memorandum of understanding's short form
_ACRONYM_NAME = LazyPattern(r"(?:the\s+)?(?P<acronym>[A-Z]{2,8})s?\s+(?P<kind>\p{L}+)")


def _acronym_headlines(facts, type_name, field, alike, doc, gone):
    """A headline's document named by an acronym and a kind noun ("EPA deal could be inked")
    that the body names in full with that acronym ("the Economic Partnership Agreement (EPA)"),
    whatever status each states: the body's document, dropped from the headline."""
    heads = [f for f in facts if f.type == type_name and id(f) not in gone and doc.sentence_index(f.span[0]) <= _LEAD
             and not ends_with_stop(doc.text, *f.sentence_span, first=doc.sentence_index(f.span[0]) == 0)]  # a headline or standfirst has no full stop
    drop = set()
    for f in heads:
        m = _ACRONYM_NAME.fullmatch(str(f.get(field) or ""))
        if m is None or alike is None or alike.fullmatch(m["kind"]) is None:
            continue
        named = f"({m['acronym']})"
        if any(g.type == type_name and id(g) not in gone and g is not f and g.get("kind") == f.get("kind")
               and named in str(g.get(field) or "") for g in facts):
            drop.add(id(f))
    return drop


def _told_headlines(facts, type_name, others, doc, gone, field, alike, joining, numbers):
    """A headline's document ("sign deal to link power grids") that the body states once with
    the same other fields and date ("The agreement on the Great Sea Interconnector was signed"),
    the body's only one of them: the body's, named there."""
    heads = [f for f in facts if f.type == type_name and id(f) not in gone and doc.sentence_index(f.span[0]) == 0
             and not _titled(str(f.get("name") or ""), alike) and not numbers.count_said.match(str(f.get("name") or ""))]
    if not heads or ends_with_stop(doc.text, *heads[0].sentence_span, first=True):  # a headline has no full stop
        return set()
    sig = lambda f: (*(f.get(k) for k in others), f.date)
    told = [f for f in facts if f.type == type_name and id(f) not in gone and doc.sentence_index(f.span[0]) > 0]
    body = Counter(sig(f) for f in told)
    # of several, the one that shares a word of the headline's topic ("sign modernised trade pact" over
    # "a modernised Global Agreement" and "an agreement on fisheries")
    return {id(f) for f in heads if f.date is not None and (body[sig(f)] == 1 or _sharing_one(f, [g for g in told if sig(g) == sig(f)], field, alike, joining))}


def _sharing_one(head, told, field, alike, joining) -> bool:
    """Whether exactly one of the body's facts shares a word of the headline's topic."""
    topic = _topic_words(head.get(field), alike, joining)
    return bool(topic) and sum(1 for g in told if topic & _topic_words(g.get(field), alike, joining)) == 1


def _title_case_headlines(facts, type_name, field, alike, doc, gone, joining):
    """A headline in title case ("Mexico, Canada Renew Farm Worker Program, Eye Air Services
    Deal") capitalises every word, so its document's capitals are no title: the headline's
    document is the body's of the same kind that shares a word of its topic with it ("renewed
    the Seasonal Agricultural Workers Program"), and is dropped; so is one the headline gives no status
    but its phrase's ("Japan, Mexico Near Trade Pact as …": mentioned) when the body tells one of its kind."""
    heads = [f for f in facts if f.type == type_name and id(f) not in gone and doc.sentence_index(f.span[0]) == 0]
    if not heads or ends_with_stop(doc.text, *heads[0].sentence_span, first=True) or not _is_title_case(doc.text[slice(*heads[0].sentence_span)]):
        return set()
    body = [f for f in facts if f.type == type_name and id(f) not in gone and doc.sentence_index(f.span[0]) > 0]
    drop = set()
    for f in heads:
        alike_kind = [g for g in body if g.get("kind") == f.get("kind")]
        topic = _topic_words(f.get(field), alike, joining)
        if (topic and any(topic & _topic_words(g.get(field), alike, joining) for g in alike_kind)) \
                or (alike_kind and f.get("status") in _RESTATED):
            drop.add(id(f))
    return drop


def _topic_words(name, alike, joining) -> frozenset:
    """A name's words besides the joining ones (`joining`: the piece joining_word) and the kind
    nouns, in the singular ("worker")."""
    return frozenset(_singular(w) for w in (w.lower() for w in _WORD.findall(str(name or "")))
                     if w not in joining and (alike is None or alike.fullmatch(w) is None))


def _is_title_case(line: str) -> bool:
    """Whether a headline capitalises its words: all its words of four or more letters but one."""
    words = [w for w in _WORD.findall(line) if len(w) > 3 and not w.isdigit()]
    return len(words) >= 3 and sum(1 for w in words if not w[0].isupper()) <= 1


_CAPITALS = LazyPattern(r"\p{Lu}\p{Lu}")  # an acronym's ("DTAA", "EU")


def _titled(name: str, alike) -> bool:
    """Whether a name is one of its own, not described: an acronym ("DTAA") or a capitalised
    kind noun, a word of the type's `subsume_alike` ("Free Trade Agreement"); a memorandum of
    understanding's short form ("MoU", "MOU") is the kind's, written so in any name ("sign MoU to
    widen barter trade")."""
    name = _MOU.sub("memorandum", name)
    return _CAPITALS.search(name) is not None or (alike is not None and any(
        w[0].isupper() and alike.fullmatch(w) is not None for w in _WORD.findall(name)))


_LEAD = 1  # the headline (sentence 0) and the lead (sentence 1)


def _restated_leads(facts, type_name, others, doc, another_told):
    """The lead's facts (see _drop_bare_headlines) that the next sentence opens by naming
    again: "The <kind> …" with the same other fields and date, the lead's only one of them
    (the lead: the body's first sentence, after a headline and perhaps a standfirst), unless
    it tells one more (the piece another_told: "The agreement on B was also signed")."""
    mine = [(doc.sentence_index(f.span[0]), f) for f in facts if f.type == type_name]
    sig = lambda f: (*(f.get(k) for k in others), f.date)
    drop = set()
    for i, g in mine:
        if not _LEAD < i <= _LEAD + 2 or g.date is None \
                or not doc.text.startswith("The ", g.sentence_span[0]) or g.span[0] != g.sentence_span[0] \
                or another_told.search(doc.text, *g.sentence_span):
            continue
        same = [f for j, f in mine if j == i - 1 and sig(f) == sig(g)]
        if len(same) == 1:
            drop.add(id(same[0]))
    return drop


# the statuses a re-mention reads off its phrase alone ("Under the carbon storage pact, …": in force)
_RESTATED = frozenset({"in_force", "mentioned"})


def _drop_restated(facts, type_name, field, cues, pieces, alike=None, new=None):
    """A document named again after a fuller statement of it ("signed an agreement on the
    transport and storage of carbon dioxide … Under the carbon storage pact, …"), of the
    same kind, with no day of its own and a status only its phrase gives (in force,
    mentioned), is that document: dropped (not a new version: "upgraded", "revised").
    So is one named briefly by "the" (piece named_briefly), whatever it tells, after a titled
    document whose name holds its words and that names the same countries ("the Modernized
    Canada-Ukraine Free Trade Agreement … The modernized agreement, signed in Ottawa
    on September 22, 2023, …")."""
    briefly = pieces.compiled("named_briefly") if "named_briefly" in pieces else None
    mine = [i for i, f in enumerate(facts) if f.type == type_name and (
        (f.get("status") in _RESTATED and f.date is None) or (briefly is not None and briefly.match(f.text)))]
    if not mine:
        return facts
    drop = set()
    for i in mine:
        name = _Name(str(facts[i].get(field) or ""), cues, alike, new)
        if not name.words:
            continue
        kind = facts[i].get("kind")
        said_briefly = not (facts[i].get("status") in _RESTATED and facts[i].date is None)
        for g in facts:
            if (g is not facts[i] and g.type == type_name and g.span[0] < facts[i].span[0] and g.get("kind") == kind
                    and (not said_briefly
                         or (_titled(str(g.get(field) or ""), alike) and g.countries == facts[i].countries))
                    and name.within(_Name(str(g.get(field) or ""), cues, alike, new), False)):
                drop.add(i)
                break
    return [f for i, f in enumerate(facts) if i not in drop] if drop else facts


def _drop_year_named(facts, type_name, field, alike):
    """A document named by its kind noun alone and dated only by a year, its status the one told or
    none (mentioned), is the document of that kind named in more words on a day of that year ("The 1991
    treaty" beside the Treaty of Friendship signed on 4 July 1991): dropped."""
    if alike is None:
        return facts
    named = {}  # (kind, year) -> statuses of the documents named in more words on a day of it
    for f in facts:
        day = str(f.date or "")
        if f.type == type_name and len(day) > 4 and alike.fullmatch(str(f.get(field) or "")) is None:
            named.setdefault((f.get("kind"), day[:4]), set()).add(f.get("status"))
    if not named:
        return facts

    def restated(f):
        year = str(f.date or "")
        statuses = named.get((f.get("kind"), year), ()) if len(year) == 4 else ()
        return (f.type == type_name and bool(statuses) and alike.fullmatch(str(f.get(field) or "")) is not None
                and (f.get("status") in statuses or f.get("status") == MENTIONED))
    return [f for f in facts if not restated(f)]


def _other_days(one, other) -> bool:
    """Two dates of other years ("2023-02" and "2026-11-16"), that no statement of one document gives
    (not "2025-05-02" and "2025-07": a signing and its ratification expected in July)."""
    return one is not None and other is not None and one[:4] != other[:4]


TELLING_REACH = 20  # the documents told after a mention that may tell it again (a bound: linear time)


def _merge_mentioned(facts, type_name, field, cues, alike=None, new=None):
    """A document the text first only names and then tells again with a status of its
    own ("the UAE-Sri Lanka Comprehensive Economic Partnership Agreement (CEPA)" … "The
    CEPA, which entered into force on 1 May 2025, …"), one name within the other, of the
    same kind and countries and not dated apart, is one fact: the later telling's status
    and day, and the fuller of the two names.  The telling must name a titled document (a
    description, "a bilateral free trade agreement", may be another one), and a name of its
    kind noun alone ("the agreement") tells no document apart and merges with none.
    Initials mentioned alone ("RCEP will help exports") are the short name of a document the
    text names in full anywhere, whatever that one's status: they are dropped."""
    told = sorted((f for f in facts if f.type == type_name and f.get("status") not in (None, MENTIONED)),
                  key=lambda f: f.span[0])
    if not told:
        return facts
    told_starts = [f.span[0] for f in told]
    names = {id(f): _Name(str(f.get(field) or ""), cues, alike, new) for f in facts if f.type == type_name}
    drop = set()
    for m in facts:
        if m.type != type_name or m.get("status") != MENTIONED:
            continue
        mine = names[id(m)]
        if len(mine.words) == 1 and mine.acronyms:  # initials alone ("RCEP"), the short name of a titled
            # document told anywhere in the text ("the Regional Comprehensive Economic Partnership (RCEP)")
            if any(t is not m and t.type == type_name and len(names[id(t)].words) >= 2
                   and mine.within(names[id(t)], True) for t in facts):
                drop.add(id(m))
            continue
        if len(mine.words) < 2:
            continue
        first = bisect.bisect_right(told_starts, m.span[0])
        for t in told[first:first + TELLING_REACH]:
            theirs = names[id(t)]
            if (len(theirs.words) < 2 or not _titled(str(t.get(field) or ""), alike) or t.get("kind") != m.get("kind")
                    or sorted(t.countries) != sorted(m.countries) or _other_days(m.date, t.date)):
                continue
            if theirs.within(mine, False):  # the telling names it more briefly: it takes the fuller name
                t.fields[field] = m.get(field)
            elif not mine.within(theirs, True):
                continue
            drop.add(id(m))
            break
    return [f for f in facts if id(f) not in drop] if drop else facts


def _other_parties(mine, theirs) -> bool:
    """Whether two facts name parties apart: neither's countries hold the other's ("a Visiting Forces
    Agreement with the United States and a Status of Visiting Forces Agreement with Australia")."""
    a, b = set(mine or ()), set(theirs or ())
    return bool(a) and bool(b) and not (a <= b or b <= a)


def _subsume(facts, type_name, field, spec, cues, alike=None):
    """A name whose words (not the joining ones: "of", "with" …) are all in another
    name of a fact with the same other fields is that document said more vaguely,
    and is dropped (of two that say the same, the later one), unless the two are dated
    apart ("the memorandum of understanding signed in February 2023" beside this week's
    "Memorandum of Understanding on Customs Cooperation") or name other parties.  Words that `alike`
    matches whole are one word ("deal", "agreement")."""
    others = [k for k in spec.fields if k != field]
    groups: dict = {}
    for i, f in enumerate(facts):
        if f.type == type_name:
            groups.setdefault(tuple(_key_value(f, (k, ())) for k in others), []).append(i)
    drop = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        names = {i: _Name(str(facts[i].get(field) or ""), cues, alike, spec.subsume_new) for i in members}
        having: dict = {}  # word -> the members whose name has it
        for i in members:
            for w in names[i].words:
                having.setdefault(w, []).append(i)
        for i in members:
            mine = names[i]
            if not mine.words:
                continue  # a name of no words is no vaguer saying of another
            # a fuller name has every plain word of this one, so its rarest too: only those are compared
            plain = [w for w in mine.words if w not in mine.acronyms and w not in mine.partner and w not in mine.vague]
            rarest = min(plain, key=lambda w: len(having[w]), default=None)
            for j in (having[rarest] if rarest else members):
                if j == i or j in drop or _other_days(facts[i].date, facts[j].date) \
                        or _other_parties(facts[i].countries, facts[j].countries):
                    continue
                before = facts[i].span[0] < facts[j].span[0]
                if mine.within(names[j], before) and (not names[j].within(mine, not before) or j < i):
                    drop.add(i)
                    break
    return [f for i, f in enumerate(facts) if i not in drop]
