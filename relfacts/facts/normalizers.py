"""Normalizers a rule can name for a group (`normalize: money.amount`): each
turns the matched text into a field value, or None."""
from __future__ import annotations


import regex

from ..engine.accel import found_in, fullmatches, match_end, scan_spans
from ..engine.lazy import LazyPattern
from ..memo import memo_of, memoized
from ..normalize.money import MoneyError
from ..normalize.numbers import NumberError, tidy
from ..normalize.percent import PercentError
from ..sentences import BULLET
from .context import LIST_JOIN
from .words import word_sets

_SPACE = LazyPattern(r"\s+")


def optional_group(match, name: str) -> str | None:
    """The group's text, or None when the pattern has no such group or it did not take part."""
    try:
        return match.group(name)
    except IndexError:
        return None


def optional_span(match, name: str) -> tuple[int, int] | None:
    """The group's span, or None when the pattern has no such group or it did not take part."""
    try:
        span = match.span(name)
    except IndexError:
        return None
    return span if span[0] >= 0 else None


def _money(attr):
    def run(text, env):
        table = env.ruleset.currencies
        try:
            m = table.parse(text)
        except MoneyError:
            return None
        if attr == "amount":
            return tidy(m.amount)
        end = _group_end(text, env)
        said = table.said_after(env.doc.text, end, m.currency) if end is not None and m.form in table.shared else None
        return said or _in_context(table, m.currency, m.form, env, text)
    return run


def _range_bounds(text, env):
    """Both bounds of a range, the lower in the upper's scale when it has none ("$11-12 billion",
    "between 11 and 12 billion USD": 11e9 and 12e9): one fact each (`each: true`); none for one figure."""
    try:
        found = env.ruleset.currencies.bounds(text)
    except MoneyError:
        return None
    return [tidy(v) for v in found] if found else None


def _number(text, env):
    try:
        return tidy(env.ruleset.numbers.parse_number(text))
    except NumberError:
        return None


def _percent(text, env):
    try:
        return tidy(env.ruleset.percent.parse(text))
    except PercentError:
        return None


def _country(text, env):
    return env.ctx.country_in(text, _group_start(text, env))


def _group_end(text, env) -> int | None:
    """Where the group that `text` came from ends in the document, if it did."""
    start = _group_start(text, env)
    return None if start is None else start + len(text)


def _group_start(text, env) -> int | None:
    """Where the group that `text` came from starts in the document, if it did."""
    group = env.group
    if group not in (None, "0"):
        start, end = env.match.span(group)
        if start >= 0 and env.doc.text[start:end] == text:
            return start
    return None


def _country_mentions(text, env) -> list:
    """The document scan's mentions in the group's text: they know the context
    (a false friend in a place context, "Atlanta, Georgia", "Congo" after "DR Congo")."""
    start = _group_start(text, env)
    if start is None:
        return []
    found = list(env.ctx.mentions_in(start, start + len(text)))
    if not found:  # an airport named on past the group ("landed at Noi Bai airport": the group ends at "Bai")
        found = [m for m in env.ctx.mentions_in(start, start + len(text) + _AIRPORT_REACH)
                 if m.start == start and m.kind == "venues"]
    return found


_AIRPORT_REACH = 25  # characters past a place's group where the airport it starts may end ("international airport")


def _codes(mentions) -> list | None:
    out = []
    for m in mentions:
        if m.code not in out:
            out.append(m.code)
    return out or None


def _countries(text, env):
    found = _country_mentions(text, env) or env.ruleset.countries.find_in(text, env.ruleset.country_scans())
    return _codes(found)


def _currency(text, env):
    """'euros' -> 'EUR', '$' -> 'USD': a currency written alone; a form that several
    write ("Rs") is that of the country whose figures the sentence gives first ("Pakistan's
    exports to India fell to Rs 45 billion"), else the document's (see home_countries)."""
    table = env.ruleset.currencies
    s = " ".join(text.split())
    if s in table.before:
        return _in_context(table, table.before[s], s, env)
    code = table.after.get(s.lower())
    return code and _in_context(table, code, s.lower(), env)


def _in_context(table, code: str, form: str, env, amount: str = "") -> str:
    """The currency a form stands for in this document (CurrencyTable.in_context)."""
    shared_local = not env.ctx.dateline_country and form in table.shared  # (only then does the sentence's country count)
    named = {m.code for m in env.ctx.mentions_in(*env.sentence)} if shared_local else ()
    return table.in_context(code, form, _owners_first(form, env), amount, written=env.ctx.writes_sign_of,
                            dateline=env.ctx.dateline_country, pair=env.ctx.main_pair, wire=env.ctx.filed_by_agency,
                            named=named)


def _owners_first(form, env) -> list:
    """The document's home countries, after the first country named with "'s" in the
    sentence before the anchor, for a form that several currencies share."""
    homes = env.ctx.home_countries
    if form not in env.ruleset.currencies.shared or env.anchor is None:
        return homes
    owners = env.ctx.owners_in(env.sentence[0], env.anchor[0])
    return [owners[0]] + homes if owners else homes


def _text(text, env):
    return _tidy_text(text)


# a degree or rank in brackets after a person's name ("Abiy Ahmed (PhD)"): piece `person`
_POSTNOMINAL = LazyPattern(r"\s+\([^()]{1,6}\)\Z")


def _name(text, env):
    """A person's name, tidied; a name the text gave in brackets after another, that other
    ("Jokowi", after "President Joko Widodo (Jokowi)": "Joko Widodo")."""
    name = _tidy_name(_POSTNOMINAL.sub("", text) if text and text.endswith(")") else text, env.ruleset.pieces)
    return (env.ctx.alias_of(name) or name) if name else name


def _document_name(text, env):
    """A document's name without the value said with it ("30 memorandums worth $270 million"
    -> "30 memorandums", "a $2 billion contract to build" -> "contract to build"): the
    rules' piece `value_in_name`, when they define one, nor when and where it was signed,
    said inside it (`aside_in_name`); none for a name that names no document (the piece
    `vague_name`: "any agreement")."""
    pieces = env.ruleset.pieces
    if "vague_name" in pieces and found_in(pieces.compiled("vague_name"), text):
        return None  # "any agreement": no document
    if "value_in_name" in pieces and found_in(pieces.compiled("money_hint"), text):  # most names hold no money
        text = pieces.compiled("value_in_name").sub(" ", text)
    if "aside_in_name" in pieces and (" on " in text or " in " in text or "day " in text):
        # "memorandum on Monday evening to set up …" -> "memorandum to set up …" (a day, today, yesterday, a place)
        text = pieces.compiled("aside_in_name").sub("", text)
    if "owned_part" in pieces:
        text = _part_of_owner(text, env)
    # "agreement for X on the same day", "fisheries agreement for another five years", "… Agreement signed in 2017",
    # a headline's "MoU on fisheries, eye $5 bn trade", "memorandum on trade with Bahrain's Minister X"
    for told in ("day_in_name", "day_before_clause", "term_in_name", "signing_in_name", "clause_in_name", "signer_in_name"):
        if told in pieces:
            text = pieces.compiled(told).sub("", text)
    if "place_in_name" in pieces and " in " in text:
        text = _without_place(text, env)
    name = _tidy_name(text, env.ruleset.pieces)
    if name and name[-1].isupper() and _DOTTED_END.search(name):
        name += "."  # "a deal with the U.A.E. The talks …": the sentence's stop was the acronym's too
    return _spelled_out(name, env.doc.text, word_sets(pieces)["joining_word"]) if name and _INITIALS.fullmatch(name) else name


# a dotted acronym at a name's end, its last stop lost to the sentence's end ("… with the U.S")
_DOTTED_END = LazyPattern(r"(?<![\w.])\p{Lu}(?:\.\p{Lu})+\Z")


def _part_of_owner(text: str, env) -> str:
    """'its protocol' -> 'protocol to the Transit and Transport Agreement', 'a protocol upgrading it' ->
    'protocol upgrading the Chile–China Free Trade Agreement': a part of a document named by "its" or acting on
    "it" (the piece `owned_part`), by the last titled document before it in the sentence (`titled_owner`)."""
    part = env.ruleset.pieces.compiled("owned_part").match(text)
    if not part or "titled_owner" not in env.ruleset.pieces:
        return text
    owner = env.ruleset.pieces.compiled("titled_owner").search(env.doc.text, env.sentence[0], env.match.start())
    if owner is None:
        return text
    acting = optional_group(part, "acting")
    return f"{acting} the {owner.group('owner')}" if acting else f"{part.group('part')} to the {owner.group('owner')}"


# a name that is a document's initials alone ("Cepa", "the FTA"), and the words before those
# initials in brackets, where the story spelt them out ("comprehensive economic partnership agreement (Cepa)")
_INITIALS = LazyPattern(r"\p{Lu}(?:\p{Lu}{1,7}|\p{Ll}{2,7})s?")
_WORDS_BEFORE = LazyPattern(r"(?:[\p{L}\d]+[\s-]+){1,12}\Z")


def _spelled_out(name: str, text: str, joining) -> str:
    """'Cepa' -> 'comprehensive economic partnership agreement (Cepa)' when the story spells the
    initials out before them in brackets (leaving out the `joining` words: the piece joining_word);
    else the name as it is."""
    acronym = name
    at = text.find(f"({acronym})")
    if at < 0 and name.endswith("s"):  # "FTAs": the initials of one
        acronym = name[:-1]
        at = text.find(f"({acronym})")
    if at < 0:
        return name
    before = _WORDS_BEFORE.search(text, max(0, at - 160), at)
    if before is None:
        return name
    words = regex.split(r"[\s-]+", before.group().strip())
    letters = acronym.lower()
    for first in range(len(words) - 1, -1, -1):  # the fewest words whose initials spell it
        initials = "".join(w[0] for w in words[first:] if w.lower() not in joining).lower()
        if initials == letters or "".join(w[0] for w in words[first:]).lower() == letters:
            return f"{' '.join(words[first:])} ({acronym})"
        if len(initials) > len(letters):
            break
    return name


def _without_place(text, env):
    """'agreement on water in Tashkent' -> 'agreement on water': the rules' piece `place_in_name`,
    when the place is a country, a capital or a city the country data knows."""
    m = env.ruleset.pieces.compiled("place_in_name").search(text)
    if not m or m.start() == 0:
        return text
    hit = env.ruleset.countries.lookup_kind(m.group("place"), place=True)
    return text[:m.start()] if hit and hit[1] in NAMED else text


# names and phrases recur from one article to the next: each is tidied once
@memoized()
def _tidy_text(text: str) -> str | None:
    return _SPACE.sub(" ", text).strip() or None


def _tidy_name(text: str, pieces) -> str | None:
    """The name without an article or courtesy title before it (pieces name_edges, courtesy_title).
    Its words are the rule set's, so its memo is kept with the rule set's pieces, not in the module."""
    memo = memo_of(pieces, "_tidy_names")
    hit = memo.get(text, _UNTIDIED)
    if hit is _UNTIDIED:
        bare = pieces.compiled("name_edges").sub("", _SPACE.sub(" ", text).strip())
        hit = memo.put(text, pieces.compiled("courtesy_title").sub("", bare) or None)
    return hit


_UNTIDIED = object()


AND_SEPARATOR = LazyPattern(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _names(text, env):
    """'Kamikawa Yoko and Defense Minister Kihara Minoru' -> ['Kamikawa Yoko', 'Kihara Minoru']."""
    lead, spouse = env.ruleset.pieces.compiled("title_lead"), env.ruleset.pieces.compiled("spouse_lead")
    out = []
    for part in _joined_offices(AND_SEPARATOR.split(text), env):
        part = _without_lead(lead, spouse.sub("", part.strip())) if part else part  # "X and his wife(,) Y": Y
        part = _without_office_of(part, env) if part else part
        name = _name(_without_country(part, env), env) if part else None
        if name:
            out.append(name)
    return out or None


def _joined_offices(parts: list[str], env) -> list[str]:
    """The parts of a list split at "and", a one-word part dropped when it is the first field of
    the next part's office (_first_field_of: "Large", "Medium Industries Minister X": one person), and
    a part that ends in a portfolio joined to the next when the two are one office of two fields
    ("Norway's Minister of Petroleum", "Energy X": as _list_parts reads them)."""
    out: list[str] = []
    for part in parts:
        if out and _first_field_of(out[-1].strip(), part, env):
            out[-1] = part  # (the office's first field is no one)
            continue
        if out and _portfolio_goes_on(out[-1].strip(), part.strip(), env):
            out[-1] = f"{out[-1].strip()} and {part.strip()}"
            continue
        out.append(part)
    return out


def _portfolio_goes_on(before: str, after: str, env) -> bool:
    """Whether `before` ends in a portfolio that "and" `after` goes on with, one office of two fields
    ("Minister of Petroleum" and "Energy X", "Minister of Foreign Affairs" and "External Trade X"): the
    office read as a title lead runs past "and"."""
    lead = env.ruleset.pieces.compiled("title_lead")
    return (bool(before) and _PORTFOLIO_END.search(before) is not None
            and (match_end(lead, f"{before} and {after} ") or 0) > len(before) + 5)


def _first_field_of(word: str, rest: str, env) -> bool:
    """Whether `word` and `rest`, joined by "and", are one office of two fields: a ministry's word
    ("Asylum" and "Migration Minister X"), or a capitalised word before more fields and a title
    ("Large" and "Medium Industries Minister X"); not when `rest` is an office from its first word or
    from its country's ("Lula" and "Foreign Minister X", "Kamikawa" and "Japanese Defense Minister X")."""
    if not word or " " in word or not word[:1].isupper():
        return False
    if env.ruleset.pieces.compiled("title_start").match(word + " Minister"):
        return True
    title, words = env.ruleset.pieces.compiled("title"), rest.split(" ")
    return (not title.match(rest) and not env.ruleset.countries.lookup(words[0])
            and any(title.match(" ".join(words[k:])) for k in range(1, min(4, len(words)))
                    if all(w[:1].isupper() for w in words[:k])))


_OFFICE_OF_START = LazyPattern(r"\A(?:the\s+)?(?P<office>\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,3}?)\s+of\s+")
_CAPITALISED = LazyPattern(r"(?:the\s+|of\s+)*\p{Lu}[\p{L}-]*\s*")


def _without_office_of(text: str, env) -> str:
    """The name after an office said with its country before it ("the President of Kyrgyzstan X",
    "the Emir of the State of Qatar, Y" -> X, Y); the text itself when it opens with no such office."""
    start = _office_of_end(text, env)
    return text if start is None else text[start:]


def _office_of_end(text: str, env) -> int | None:
    """Where the name starts after an office said with its country ("the President of Kyrgyzstan X"):
    after the longest run of capitalised words after "of" that names a country, when a name follows."""
    m = _OFFICE_OF_START.match(text)
    if not m or not fullmatches(env.ruleset.pieces.compiled("title"), m.group("office")):
        return None
    rest, words, best = text[m.end():], [], None
    for word in _CAPITALISED.finditer(rest):
        if word.start() != sum(len(w) for w in words):
            break
        words.append(word.group())
        if len(words) > 5:
            break
        place = "".join(words).strip()
        if env.ruleset.countries.lookup(place):
            best = len("".join(words))
    if best is None:
        return None
    name = rest[best:].lstrip(", ")
    return len(text) - len(name) if name[:1].isupper() else None


_OF_PLACE_END = LazyPattern(r"\s+of\s+(?:the\s+)?(?P<place>\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,2})\Z")


_PLACE_POSSESSIVE_START = LazyPattern(r"\A(?P<place>\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,2})['’]s\s+(?=\p{Lu})")


def _without_country(text: str, env) -> str:
    """The name without the country said after it ("Harald V of Norway" -> "Harald V") or before it in
    its possessive, in a list of guests ("… and Rwanda's Paul Kagame" -> "Paul Kagame")."""
    of = _OF_PLACE_END.search(text)
    if of and env.ruleset.countries.lookup(of.group("place")):
        return text[:of.start()]
    own = _PLACE_POSSESSIVE_START.match(text)
    return text[own.end():] if own and env.ruleset.countries.lookup(own.group("place")) else text


def _without_lead(lead, text: str) -> str:
    """The text after the match of `lead` at its start (an office: "President X" -> "X")."""
    end = match_end(lead, text)
    return text if end is None else text[end:]


def _is_person(name: str, env) -> bool:
    """A name, not a pronoun ("He"), a place or its people ("Senegal", "Fijians"), a
    group ("Heads", "Delegates"), nor a title alone ("Prime Minister": the office stands for someone named elsewhere)
    or a ministry's portfolio ("Trade", "Labour and Immigration": the words before "Minister" in an office)."""
    pieces = env.ruleset.pieces
    region = "world_region" in pieces and fullmatches(pieces.compiled("world_region"), name)  # "Central Asia"
    return not (pieces.compiled("not_a_person").match(name) or a_people(name, env) or region or _a_place(name, env)
                or fullmatches(pieces.compiled("title"), name)
                or fullmatches(pieces.compiled("title"), name + " Minister"))  # a portfolio ("Labour and Immigration")


def a_people(name: str, env) -> bool:
    """Whether a name names a people or a group, not one person: a place's people in the plural
    ("Fijians", "Iranians") or a group said by its kind (the rules' piece group_noun: "Delegates")."""
    pieces = env.ruleset.pieces
    return ((name.endswith("s") and bool(env.ruleset.countries.lookup(name[:-1])))
            or ("group_noun" in pieces and fullmatches(pieces.compiled("group_noun"), name)))


def _a_place(name: str, env) -> bool:
    """Whether the name is a place's; a city's is a person's surname when the text titles someone by it
    ("The Honourable Anita Anand, Minister of Foreign Affairs, …  Minister Anand will travel": not the Indian city)."""
    hit = env.ruleset.countries.lookup_kind(name)
    if not hit:
        return False
    return hit[1] != "cities" or " " in name or env.ctx.person_title(name) is None


def _persons(text, env):
    """Like `names`, keeping only people (the first not when it starts inside a place's name)."""
    names = _names(text, env) or []
    if names and _starts_in_place(text, env):
        names = names[1:]
    found = [n for n in names if _is_person(n, env)]
    return found or None


def _starts_in_place(text, env) -> bool:
    """Whether the group starts inside a place the text names ("… in Dar es Salaam on Friday": "Salaam")."""
    start = _group_start(text, env)
    return start is not None and env.ctx.inside_place(start)


_LIST_SEPARATOR = LazyPattern(r"\s*[;,]\s*(?:and\s+)?")  # a rule set without the piece person_separator
_AND_PARTS = LazyPattern(r"\s+and\s+")
_HE = LazyPattern(r"\A(?:H\.[EH]\.|Mr|Mrs|Ms|Dr)\b")
# a part that ends in an office's portfolio ("Minister Delegate for Francophonie"): its "and" goes on
# with the portfolio ("… and International Partnerships"), unless a new person starts there
_PORTFOLIO_END = LazyPattern(r"\b(?:for|of)\s+(?:the\s+)?\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*\Z")
# what no one's name holds: a lower-case word first ("for Europe") or a portfolio's "for"/"of" ("Delegate for Francophonie")
_NO_NAME = LazyPattern(r"\A\p{Ll}|\s(?:for|of)\s")


def _list_parts(text: str, env) -> list[str]:
    """The list's items: split at commas and semicolons, and at "and" only where a new
    person starts after it (a title, "H.E.", a demonym, or any name once the part before
    holds a whole name): "Minister of Trade and Industry X and Tanzanian President Y"
    -> ["Minister of Trade and Industry X", "Tanzanian President Y"]; never in an office
    set off before a name ("the Minister of Lands and Natural Resources, X"), nor after
    a ministry's word that opens an office of two portfolios ("Asylum and Migration Minister X")."""
    pieces = env.ruleset.pieces
    start, lookup = pieces.compiled("title_start"), env.ruleset.countries.lookup
    separator = pieces.compiled("person_separator") if "person_separator" in pieces else _LIST_SEPARATOR
    out = []
    for part in separator.split(text):
        bits = _AND_PARTS.split(part.strip()) if part else []
        current = bits[0] if bits else ""
        for bit in bits[1:]:
            first = bit.split(" ", 1)[0]
            if _first_field_of(current, bit, env) or _portfolio_goes_on(current, bit, env):
                # one office of two portfolios ("Asylum and Migration Minister X",
                # "Minister of Foreign Affairs and External Trade X")
                current += " and " + bit
                continue
            named = _without_country_after(current, env)  # ("Luis Arce of Bolivia and Y": his country, no portfolio)
            # (an office set off before its holder opens no one, unless its country is said before the name: "the
            # Emir of Qatar X and the Crown Prince of Kuwait Y")
            held = not current.startswith("the ") or _office_of_end(current, env) is not None
            if held and (start.match(bit) or _HE.match(bit) or lookup(first) or _office_of_end(bit, env) is not None or (
                    current.startswith("the ") and bit.startswith("the ") and start.match(bit[4:])) or (
                    _holds_name(named, env) and not _PORTFOLIO_END.search(named))):
                out.append(current)
                current = bit
            else:
                current += " and " + bit
        out.append(current)
    return out


def _holds_name(part: str, env) -> bool:
    """A part that is more than an office: "President of Tajikistan Y" (not "Minister of Trade",
    nor "Finnish Minister of Social Affairs": an office with its country before it)."""
    pieces = env.ruleset.pieces
    first, _, rest = part.partition(" ")
    if rest and env.ruleset.countries.lookup(first):
        part = rest
    return not (fullmatches(pieces.compiled("title"), part) or match_end(pieces.compiled("title_lead"), part + " ") == len(part) + 1)


_PORTFOLIO = LazyPattern(r"\s(?:of|for)\s+(?:the\s+)?(?P<words>.+)\Z")


def _office_alone(part: str, title, env) -> bool:
    """An office whose portfolio is all ministry words ("Minister of Industry and Economic
    Development"), no name after it ("Minister of Trade Jam Kamal Khan" holds one)."""
    m = _PORTFOLIO.search(part)
    if not m or not fullmatches(title, part):
        return False
    return _ministry_words(m.group("words"), env)


def _ministry_words(words: str, env) -> bool:
    """Words that are all a ministry's ("Industry and Economic Development", "Labour and
    Immigration"): a portfolio, no one's name (a portfolio listed with commas is split into them)."""
    start = env.ruleset.pieces.compiled("title_start")  # a ministry's word starts "<word> Minister"
    return all(w in ("Affairs", "and", "the") or start.match(w + " Minister") for w in words.split())


def _listed_persons(text, env):
    """People listed one after another, each maybe with an office before or after
    ("H.E. X, President of Ghana; H.E. Y, President of Senegal", "President of
    Uzbekistan X, President of Kyrgyzstan Y and Z") -> [X, Y, Z]: an office said
    after a name, or before it between commas ("the trade minister, Y", "Prime Minister, the Hon. Z"),
    is no one."""
    lead, start = env.ruleset.pieces.compiled("title_lead"), env.ruleset.pieces.compiled("title_start")
    title = env.ruleset.pieces.compiled("title")
    style = env.ruleset.pieces.compiled("style_after_comma") if "style_after_comma" in env.ruleset.pieces else None
    owner = env.ruleset.pieces.compiled("country_owner") if "country_owner" in env.ruleset.pieces else None
    out = []
    parts = _list_parts(text, env)
    for i, part in enumerate(parts):
        part = _without_office_of(part, env)  # "the Emir of the State of Qatar X": X
        styled = match_end(style, part) if style is not None else None
        if styled:
            part = part[styled:]  # a name after its office and a style ("Prime Minister, the Hon. X": X)
        elif part.startswith("the ") and not _holds_name(part[4:], env):
            continue  # an office set off before its holder's name ("the business secretary, Peter Kyle")
        elif part.startswith("the "):
            part = part[4:]  # an office and its holder ("the Minister of Foreign Affairs X")
        elif i + 1 < len(parts) and style is not None and match_end(style, parts[i + 1]) and not _holds_name(part, env):
            continue  # that office itself
        if part[:1].isupper() and _office_alone(part.strip(), title, env):
            continue  # an office set off after its holder's name ("X, Minister of Foreign Affairs, and Y")
        if owner is not None and fullmatches(title, owner.sub("", part.strip(), count=1)):
            continue  # an office set off before its holder's name ("Nigeria's Chief of Defence Staff, X")
        bare = _without_country_after(_without_lead(lead, part.strip()), env)  # "President X of Kenya": X
        name = _name(_without_portfolio(bare, env), env) if part else None
        if name and not start.match(name) and not _NO_NAME.search(name) and _is_person(name, env):
            out.append(name)
    return out or None


_LINE_LEAD = LazyPattern(r"\A(?:" + BULLET + r"\s*)?(?:[^:\n]{1,60}:\s*)?")  # a bullet, or a country and its colon


def _line_persons(text, env):
    """People listed a line each, maybe after a bullet or their country and a colon ("South Africa:
    H.E. President X\nAngola: Hon. Y, Minister of External Relations", "- H.E. President Z of Malawi;")
    -> [X, Y, Z]."""
    out = []
    for line in text.splitlines():
        line = _LINE_LEAD.sub("", line.strip(), count=1).rstrip(" ;,.")
        out.extend((_listed_persons(line, env) or ()) if line else ())
    return list(dict.fromkeys(out)) or None


def _without_country_after(part: str, env) -> str:
    """A listed name without the country said after it (piece name_country_after: "William Ruto
    of Kenya" -> "William Ruto")."""
    if "name_country_after" not in env.ruleset.pieces:
        return part
    return env.ruleset.pieces.compiled("name_country_after").sub("", part)


def _without_portfolio(part: str, env) -> str:
    """The name after the last words of a portfolio listed with commas ("Minister for Commerce,
    Industries, Labour and Immigration X": the item "Labour and Immigration X" -> "X").  The
    list's last two portfolios are joined by "and": a ministry's word alone before a name is
    a first name ("Justice Ansah")."""
    words = part.split(" ")
    cut = 0
    for i in range(1, len(words)):
        if words[i - 1] != "and" and _ministry_words(" ".join(words[:i]), env):
            cut = i
        elif words[i - 1] != "and":
            break
    return " ".join(words[cut:]) if cut and "and" in words[:cut] and words[cut:cut + 1] != ["and"] else part


def _person(text, env):
    name = _name(text, env)
    return name if name and _is_person(name, env) and not _starts_in_place(text, env) else None


_OF_THE_END = LazyPattern(r"\s+of(?:\s+the)?\s*\Z")
_AND_WORD = LazyPattern(r"\s+and\s+")
_LEADING_AND = LazyPattern(r"\A(?:and|or)\s+")
_SINGULAR = {"memoranda": "memorandum", "treaties": "treaty", "mous": "MoU"}
_PLURAL_S = LazyPattern(r"(?<=\w)s\b")


def _count_of(counted, env) -> int:
    """The number of a match with a `count` group (NumberWords.counted_name,
    _COUNT_BEFORE): '3' or 'three' -> 3."""
    return env.ruleset.numbers.count_of(counted.group("count"))


def _repeated_items(name: str, env) -> list[str] | None:
    """'agreements on A, on B and on C' -> one name per topic: each topic said with its own
    preposition is a document of its own ("agreements on trade and energy" stays one group)."""
    pieces = env.ruleset.pieces
    m = pieces.compiled("plural_then_items").match(name)
    if not m:
        return None
    items = [i.strip() for i in pieces.compiled("item_separator").split(m.group("items")) if i.strip()]
    if len(items) < 2:
        return None
    head = singular(env.ruleset.numbers.counted_name.sub(r"\g<rest>", m.group("head")), env)
    return [f"{head} {item}" for item in items]


def _partner_items(name: str, env) -> list[str] | None:
    """'free trade agreements with Peru, Mexico and Canada' -> one name per partner ('free
    trade agreement with Peru', …): documents in the plural, then a list of countries or blocs
    (piece plural_with_partners), each partner's its own document."""
    pieces = env.ruleset.pieces
    if "plural_with_partners" not in pieces:
        return None
    m = pieces.compiled("plural_with_partners").match(name)
    if not m:
        return None
    items = [i.strip() for i in LIST_JOIN.split(m.group("items")) if i.strip()]
    if len(items) < 2 or not all(_partner_like(item, env) for item in items):
        return None  # (a topic after the last partner, "… and Tanzania on energy", keeps the group whole)
    head = singular(m.group("head"), env)
    return [f"{head} {m.group('join')} {item}" for item in items]


def _partner_like(item: str, env) -> bool:
    """A country ("Peru", "the UK") or a bloc the rules name (piece bloc: "the Eurasian Economic Union",
    "the EFTA states"), not a firm ("Airtel Africa")."""
    if env.ruleset.countries.lookup(item):
        return True
    return "bloc" in env.ruleset.pieces and found_in(env.ruleset.pieces.compiled("bloc"), item)


def _name_items(text, env):
    """'three memoranda on cooperation in fisheries, industry and culture' ->
    one name per listed item, when the count matches the list; else the name
    (with the topic said after a day or a place: group `_parties`)."""
    listed = _items_after(text, env) if optional_group(env.match, "_items") else None
    if listed:  # "signed four agreements, namely on A, on B, on C and on D"
        return listed
    name = _name_parties(text, env)
    repeated = _repeated_items(name or "", env) or _partner_items(name or "", env)
    m = env.ruleset.numbers.counted_name.match(name or "")
    if repeated and (not m or len(repeated) == _count_of(m, env)):
        return repeated
    if not m:
        return name
    count = _count_of(m, env)
    bullets = _bullets_after(env, count)
    if bullets and not _documents_each(bullets, env):  # "four protocols for export of:" followed by a list, one item a line
        return [singular(m.group("rest"), env).rstrip() + " " + item for item in bullets]
    tail = env.ruleset.pieces.compiled("list_tail").match(m.group("rest"))
    if not tail:
        return name
    parts = [p.strip() for p in tail.group("list").split(",") if p.strip()]
    *before, last = parts
    head_of_last, _, final = last.rpartition(" and ")
    # at the commas and the last "and" only ("a and b, c and d" -> a and b | c | d): a list of fields
    # that reaches the count only when every "and" parts it ("science and technology") is no list of documents
    items = [_LEADING_AND.sub("", i).strip() for i in before + [head_of_last, final]]
    if len(items) == count and all(items):
        return [singular(tail.group("head"), env) + i for i in items]
    return name


def _documents_each(items: list[str], env) -> bool:
    """Whether every listed item is a document of its own (piece document_item: "3 documents: a letter of
    intent on A, a roadmap on B"): the list's own facts, no topics of the count."""
    return bool(items) and "document_item" in env.ruleset.pieces and all(
        env.ruleset.pieces.compiled("document_item").match(i) for i in items)


def _items_after(text, env):
    """'Three agreements' with the items its sentence lists after the verb
    (group `_items`: "on A, on B and between C and D") -> one name per item,
    when there are as many as the count says, or fewer when the rule marks the
    list partial (group `_partial`: "including"); two or more for documents named
    in the plural without a count ("Agreements/MoUs"); else None."""
    name = _document_name(text, env) or ""
    listed = optional_group(env.match, "_items")
    if not name or not listed:
        return None
    fields = env.ruleset.pieces.compiled("fields_of").match(_tidy_text(listed) or "")
    if fields:  # "the MoUs covered cooperation in the fields of A, B and C": one document a field
        return _field_items(name, fields, env)
    items = [i.strip() for i in env.ruleset.pieces.compiled("item_separator").split(_tidy_text(listed) or "") if i.strip()]
    if _documents_each(items, env):
        return None
    m = env.ruleset.numbers.counted_name.match(name)
    if m:
        head = m.group("rest")
        count = _count_of(m, env)
        preposition = env.ruleset.pieces.compiled("topic_preposition")
        if items and not preposition.match(items[0]):
            # topics with no preposition of their own ("three memoranda, covering A, B, and C"): each is "on" it
            items = _each_with(_bare_items(_tidy_text(listed) or "", count, env), preposition, "on")
        # a partial list (group _partial: "three memoranda, including on A and on B") names fewer than its count
        partial = optional_group(env.match, "_partial") is not None and 1 <= len(items) < count
        if len(items) != count and not partial:
            return None
    elif env.ruleset.pieces.compiled("plural_kind").search(name):
        if len(items) < 2:  # "the MoUs are on A; B; and C"
            items = _semicolon_topics(_tidy_text(listed) or "", env)
        if len(items) < 2:
            return None
        head = env.ruleset.pieces.compiled("quantifier").sub("", name)
    else:
        return None
    head = _ACRONYM_AFTER.sub("", head)  # "three memoranda of understanding (MoUs), namely on A": no "(MoU)" in each name
    if " " not in head.strip() and head[:1].isupper() and head[1:].islower():
        head = head.lower()  # the kind alone, capitalised as the sentence's first word ("Agreements on A, on B … were signed")
    return [f"{singular(head, env)} {item}" for item in items]


def _semicolon_topics(listed: str, env) -> list[str]:
    """The topics of a list split by semicolons, only the first with its preposition ("on A; B; and C"):
    each of the others takes the first one's ("on B", "on C")."""
    preposition = env.ruleset.pieces.compiled("topic_preposition")
    items = [i.strip() for i in env.ruleset.pieces.compiled("semicolon_item_separator").split(listed) if i.strip()]
    lead = preposition.match(items[0]) if len(items) >= 2 else None
    return _each_with(items, preposition, lead.group().strip()) if lead else []


def _each_with(items: list[str], preposition, lead: str) -> list[str]:
    """The topics, each with a preposition: its own, else `lead` ("fisheries" -> "on fisheries")."""
    return [i if preposition.match(i) else f"{lead} {i}" for i in items]


def _bare_items(listed: str, count: int, env) -> list[str]:
    """The topics of a list with no preposition of their own, split at its commas and "as well as" (piece
    bare_item_separator), and at the last "and" too when that gives `count` ("A, B and C"; "A and B" inside
    a topic stays whole when the commas already give the count)."""
    items = [i.strip() for i in env.ruleset.pieces.compiled("bare_item_separator").split(listed) if i.strip()]
    if len(items) == count - 1:
        before, joined, last = " ".join(items[-1].split()).rpartition(" and ")
        if joined:
            items[-1:] = [before, last]
    return items


# a count of documents said before their list in the sentence ("signed three agreements … These agreements cover …")
# (the text of a pattern with the piece counted_kind: compiled with the rule set's pieces)
_COUNT_BEFORE = r"\b(?P<count>{small_count})\s+(?:[\p{L}()-]+\s+){0,3}?(?P<kind>{counted_kind})\b"


def _kind_of(env, noun: str) -> str:
    """The kind the rule's own `kind` map gives a kind noun ("accords", "pacts" -> agreement, as a count
    and its list's noun may differ: "three accords … the agreements"; "documents" -> other: any kind),
    else the noun in the singular."""
    for src in env.rule.fields.get("kind", ()) if env.rule is not None else ():
        if src.map:
            return src.label(noun) or singular(noun, env).lower()
    return singular(noun, env).lower()


COUNT_LOOKBACK = 2  # sentences before the match's own where the count of its documents may stand


def _count_before(env, head: str) -> int | None:
    """The count of the documents `head` names, said before the match in its sentence or the
    COUNT_LOOKBACK sentences before it (a paragraph on the visit may come between: "inked five
    agreements … The agreements cover …"), the last one of that kind ("signed two agreements and
    three MoUs … the MoUs cover …": 3); None when none is."""
    family = _kind_of(env, optional_group(env.match, "kind") or head.split()[-1])
    doc = env.doc
    # "the new agreements cover …": others than any counted before (the sentence's own count only)
    back = 0 if found_in(env.ruleset.pieces.compiled("documents_anew"), head) else COUNT_LOOKBACK
    first = max(0, doc.sentence_index(env.sentence[0]) - back)
    found = None
    for m in env.ruleset.pieces.compiled_text(_COUNT_BEFORE).finditer(doc.text, doc.sentences[first][0], env.match.start()):
        if family == "other" or _kind_of(env, m.group("kind")) in (family, "other"):
            found = m
    return _count_of(found, env) if found else None


def _list_readings(listed: str) -> tuple[list[str], ...]:
    """The ways a list of topics splits: at its commas; at its commas and its last "and";
    at every "and" ("trade, higher education and customs" -> trade | higher education | customs)."""
    parts = [p.strip() for p in listed.split(",") if p.strip()]
    *before, last = parts
    head_of_last, _, final = last.rpartition(" and ")
    readings = (parts, before + [head_of_last, final], [w for p in parts for w in _AND_WORD.split(p)])
    return tuple([_LEADING_AND.sub("", i).strip() for i in items] for items in readings)


def _items_listed(text, env):
    """'The agreements cover A, B and C' (the match's group `_items`) -> one name per topic
    ("agreement on A"), when the topics are as many as the documents counted (in the name:
    "the two accords cover", else before it in the sentence: "signed three agreements. These
    agreements concern …"); else None: "26 documents … The documents cover the fields of A, B
    and C" lists fields, not documents.  A count in the name that the topics do not match is one
    group of documents, named by that count ("four other memoranda covered A, B and C" -> "four
    other memoranda")."""
    name = _document_name(text, env) or ""
    listed = _tidy_text(optional_group(env.match, "_items") or "")
    if not name or not listed:
        return None
    m = env.ruleset.numbers.counted_name.match(env.ruleset.pieces.compiled("count_lead").sub("", name))
    head, count = (m.group("rest"), _count_of(m, env)) if m else (name, _count_before(env, name))
    if count is None:
        return None
    # a list whose items end with semicolons splits there alone ("on A; between X and Y on B; and on C")
    readings = ([_LEADING_AND.sub("", p.strip()).strip() for p in listed.split(";")],) if ";" in listed \
        else _list_readings(listed)
    for items in readings:
        if len(items) == count and all(items):
            if env.ruleset.pieces.compiled("group_beyond").search(name):
                return None  # "the two other documents concern culture and youth": fields or documents, not told
            own = env.ruleset.pieces.compiled("topic_preposition")
            return [f"{singular(head, env)} {i if own.match(i) else 'on ' + i}" for i in items]
    return [name] if m else None


def _field_items(name: str, fields, env) -> list[str] | None:
    """One name per field listed: commas part the fields, and the last "and" the last two unless
    the list ends with ", and" ("youth and sports, higher education and culture" is three; "trade
    and energy" two)."""
    listed = fields.group("list")
    at_commas, and_last_too, _ = _list_readings(listed)
    parts = at_commas if ", and " in listed else [p for p in and_last_too if p]
    if len(parts) < 2 or not all(parts):
        return None
    uncounted = env.ruleset.numbers.counted_name.sub(r"\g<rest>", name)
    kind = singular(env.ruleset.pieces.compiled("quantifier").sub("", uncounted), env)
    head = fields.group("head") + fields.group("noun") + " of "
    return [f"{kind} on {head}{item}" for item in parts]


_ACRONYM_AFTER = LazyPattern(r"\s*\([^()]{1,12}\)\s*\Z")
_COLON_NEXT = LazyPattern(r"\s*:[ \t]*\n")
_BULLET = LazyPattern(r"[ \t]*(?:" + BULLET + r"|\d+[.)])[ \t]*(?P<item>[^\n]+?)[ \t]*[,;.]?[ \t]*(?:\n|\Z)")


def _bullets_after(env, count: int) -> list[str] | None:
    """The items of a list that follows the match after a colon, one per line
    ("…for export of:\n • Dried fruits,\n • Feed products."), when there are `count`."""
    text = env.doc.text
    colon = _COLON_NEXT.match(text, env.evidence[1])
    if not colon:
        return None
    items, pos = [], colon.end()
    while len(items) <= count:
        while pos < len(text) and text[pos] in "\r\n":
            pos += 1
        bullet = _BULLET.match(text, pos)
        if not bullet:
            break
        items.append(bullet.group("item").strip())
        pos = bullet.end()
    return items if len(items) == count else None


def singular(head: str, env) -> str:
    """'three new protocols for' -> 'new protocol for': one document of a counted group (piece plural_kind)."""
    return env.ruleset.pieces.compiled("plural_kind").sub(lambda m: _SINGULAR.get(m.group(0).lower(), m.group(0)[:-1]), head)


def _name_parties(text, env):
    """A document's name with the parties the sentence names after its verb
    ("an agreement was signed between A and B" -> "agreement between A and B")."""
    name = _document_name(text, env)
    parties = optional_group(env.match, "_parties")
    aside = optional_group(env.match, "_aside_topic")
    if name and aside and not parties:  # "A third memorandum, on X, will be signed" -> "memorandum on X"
        name, parties = env.ruleset.pieces.compiled("rank_lead").sub("", name), aside
    if name and not parties:
        return _name_of_owner(name, env)
    return f"{name} {_tidy_text(parties)}" if name and parties else name


def _name_of_owner(name: str, env) -> str:
    """'framework agreement' -> 'framework agreement for the UAP railway project' when the match is a
    relative clause ("whose …", "… for which was signed") on what the sentence named before it."""
    which = optional_group(env.match, "_which")
    whose = env.ruleset.pieces.compiled("whose_before").search(env.doc.text, max(0, env.match.start() - 12),
                                                              env.match.start()) is not None
    if not (which or whose):
        return name
    start = env.match.start() + (0 if whose else len(env.match.group()) - len(env.match.group().lstrip()))
    m = env.ruleset.pieces.compiled("document_owner").search(env.doc.text, env.sentence[0], start)
    if not m:
        return name
    owner = _tidy_text(m.group("owner"))
    owner = owner[0].lower() + owner[1:]
    return f"{name} {which or 'of'} {owner}"


def _role(text, env):
    """'Minister of Foreign Affairs of Tajikistan' -> 'Minister of Foreign Affairs';
    'Vietnamese President' -> 'President': the office, without the country."""
    s = _text(text, env)
    if not s:
        return None
    found = env.ruleset.countries.find_in(s, env.ruleset.country_scans())
    if found and found[-1].end == len(s):
        s = _OF_THE_END.sub("", s[:found[-1].start])
    if found and found[0].start == 0 and found[0].end < len(s):
        s = s[found[0].end:]
    return s.strip() or None


NAMED = ("names", "capitals", "cities")


def _apposed_city(env) -> str | None:
    """The country of a capital or city set off by a comma right after the group host_ref ("the
    national capital, Accra,"), else None."""
    ref = optional_span(env.match, "host_ref")
    if ref is None or env.doc.text[ref[1]:ref[1] + 2] != ", ":
        return None
    end = ref[1]
    following = env.ctx.mentions_in(end + 2, min(end + _APPOSED_REACH, env.sentence[1]))
    first = following[0] if following else None
    return first.code if first is not None and first.start == end + 2 and first.kind in ("capitals", "cities") else None


_APPOSED_REACH = 40  # characters after "the capital" where the city it names may end


def _previous_country(text, env):
    """'the country', 'that country', 'the capital': the country last named (by
    its name, capital or a city, not a demonym) before the evidence, but not the
    visitor's own country (the one before it then, else the dateline's).  When it
    was named in a pair ("Peru and China will sign …"), the one that is not the
    visitor's (the match's `visitor` group) is meant; with no visitor known, neither.
    With no country named before it, the dateline's ("KATHMANDU: X is due in the Himalayan nation").
    'here' and 'our country' (an agency's own) are where the story is filed: the dateline's country.  'there' is the country last
    named before the word itself, in the evidence too ("X flew to Seoul and went back there in May")."""
    word = " ".join(text.lower().split())
    apposed = _apposed_city(env)
    if apposed:
        return apposed  # "arrived in the national capital, Accra, on Monday": the city named right after it
    if env.ruleset.pieces.compiled("here_word").fullmatch(word):
        return env.ctx.dateline[1] if env.ctx.dateline else None
    if env.ruleset.pieces.compiled("the_kingdom").fullmatch(text.strip()):
        return _the_kingdom(env, text.split()[-1])
    said = _codes(_country_mentions(text, env))
    if said and len(said) == 1:
        return said[0]  # "the Azerbaijani capital": the country it names
    before = env.evidence[0]
    if word == "there":
        before = _group_start(text, env) or before
    named = []
    for m in env.ctx.mentions:
        if m.start >= before:
            break
        if m.kind in NAMED or env.ctx.capital_end(m) is not None:
            named.append(m)  # (a demonym that names a capital counts: "to the Ecuadorian capital since X went there")
    if not named:
        # "SUVA, Fiji — X arrived in the island nation": nothing named before it, the dateline's country
        # (not the visitor's own)
        here = env.ctx.dateline[1] if env.ctx.dateline else None
        own = env.ctx.person_country(optional_group(env.match, "visitor")) if here else None
        return here if here and here != own else None
    last = named[-1]
    if len(named) > 1 and named[-2].code != last.code and LIST_JOIN.fullmatch(env.doc.text, named[-2].end, last.start):
        own = env.ctx.person_country(optional_group(env.match, "visitor"))
        pair = (named[-2].code, last.code)
        return pair[1] if own == pair[0] else pair[0] if own == pair[1] else None
    own = env.ctx.person_country(optional_group(env.match, "visitor"))
    if own == last.code:  # "Japan's foreign minister X, who arrived in the capital": not the visitor's own
        others = [m.code for m in named if m.code != own]
        here = env.ctx.dateline[1] if env.ctx.dateline else None
        return others[-1] if others else here if here != own else None
    if (own is None and env.ctx.dateline and last.code == env.ctx.dateline[1] and last.start < env.sentence[0]
            and len(word.split()) > 2):
        # "ASTANA — … talks in Astana. Tokayev made his first trip to the Gulf state": a traveller of no
        # stated country sent from the story's own country to a country named by a descriptive noun goes
        # to the other country named before it (not when his own sentence names it: "X paid a state visit
        # to Viet Nam, his first trip to the country"; nor "the country" alone: "It is X's first visit to
        # Mongolia. Her predecessor Y made a state visit to the country")
        others = [m.code for m in named if m.code != last.code]
        if others:
            return others[-1]
    return last.code


def _pair_before(text, env) -> list[str] | None:
    """'the two countries', 'both countries': the last pair of countries its sentence names joined by "and" before the
    evidence ("Invited by Fiji and Tonga, X will visit the two countries"), one visit each; None when
    there is no such pair, or one of them is the visitor's own."""
    own = env.ctx.person_country(optional_group(env.match, "visitor"))
    named = [m for m in env.ctx.mentions_in(env.sentence[0], env.evidence[0]) if m.kind in NAMED]
    for first, second in reversed(list(zip(named, named[1:]))):
        if first.code != second.code and LIST_JOIN.fullmatch(env.doc.text, first.end, second.start):
            return None if own in (first.code, second.code) else [first.code, second.code]
    return None


def _venue_before(text, env):
    """An event whose place its sentence leaves unsaid ("X also attended the summit"): in the country
    of the city last named before the evidence that is not the visitor's own ("… gathered in Addis
    Ababa. Ghana's President also attended the summit"), else in the dateline's (not the visitor's own)."""
    own = env.ctx.person_country(optional_group(env.match, "visitor"))
    before = env.evidence[0]
    for m in reversed(env.ctx.mentions_in(0, before)):  # (found by bisection: not every mention of the document)
        if m.kind in ("capitals", "cities") and m.code != own:
            return m.code
    here = env.ctx.dateline[1] if env.ctx.dateline else None
    return here if here != own else None


def _place_abroad_before(text, env):
    """Where an event named before was held, never guessed from the dateline alone: the country of the
    last country or city named before the evidence outside the dateline's country (a story filed at home
    about a summit abroad: "ACCRA - X arrived in London for the summit. A statement issued in Accra said …
    Other leaders expected at the summit include …"), else, when the text names a place of the
    dateline's country (not the dateline itself), that country (a story filed from the summit's city);
    not a country said of a person ("Tajikistan's Emomali Rahmon")."""
    here, (line_start, line_end) = env.ctx.dateline_country, env.ctx.dateline_span
    home = False
    for m in reversed(env.ctx.mentions_in(0, env.evidence[0])):  # (found by bisection: not every mention of the document)
        if m.kind not in NAMED or line_start <= m.start < line_end:
            continue  # (the dateline's own place says where the story was filed, not where the event was)
        if _said_of_someone(m, env):
            continue  # "Palau President X", "Tajikistan's Emomali Rahmon": whose, not where
        if m.code != here:
            return m.code
        home = True
    return here if home else None



def _gathering_place(text, env):
    """Where the story placed a gathering its sentence names without a place ("The summit was attended
    by …"): the country of the place named nearest a gathering word (piece gathering_word: "summit",
    "meeting") in the last sentence before that holds both ("The Prime Minister travelled to Bishkek to
    attend the meeting of the Council …"): see placed_gathering."""
    found = placed_gathering(env)
    return found[2].code if found else None


def placed_gathering(env):
    """(sentence, gathering word's span, place mention) of the last sentence before the evidence (or its
    own sentence before it), at most GATHERING_BACK back, that places a gathering: a place in the gathering
    word's clause (no comma between) and at most GATHERING_GAP characters from it, where something is or
    goes (piece place_reached: "in", "to", "visited"; or place_where: "from Bishkek, where he attended the
    summit"; or place_hosting: "Kazan will host the summit"),
    not one left ("from Moscow") nor one naming another gathering ("launched at the Ufa summit"), nor the
    dateline's own place or an office's country; None when there is none (found once per evidence)."""
    return env.ctx.remembered(("placed_gathering", env.evidence[0]), lambda: _find_placed_gathering(env))


def _find_placed_gathering(env):
    pieces, doc = env.ruleset.pieces, env.doc
    word, reached, where = (pieces.compiled(n) for n in ("gathering_word", "place_reached", "place_where"))
    hosting = pieces.optional("place_hosting")
    named = pieces.compiled("gathering_name") if "gathering_name" in pieces else None
    line_start, line_end = env.ctx.dateline_span
    here = doc.sentence_index(env.evidence[0])
    for i in range(here, max(-1, here - 1 - GATHERING_BACK), -1):
        start, end = doc.sentences[i]
        if i == here:  # the evidence's own sentence, before it ("Kazan will host the summit, and X is expected to attend")
            end = min(end, env.evidence[0])
        words = list(scan_spans(word, doc, start, end))
        if not words:
            continue
        places = []
        for m in env.ctx.mentions_in(start, end):
            capital = env.ctx.capital_end(m)  # "held in the Cuban capital": its country's capital
            if (m.kind not in NAMED and capital is None) or line_start <= m.start < line_end:
                continue
            if capital is not None:
                m = m._replace(end=capital)
            where_end = match_end(where, doc.text[m.end:m.end + 12])  # "from Bishkek, where": the clause goes on
            if where_end is None and not found_in(reached, doc.text[max(start, m.start - 16):m.start]) \
                    and (hosting is None or match_end(hosting, doc.text[m.end:m.end + 24]) is None):
                continue
            distance, nearest = _gap_in_clause(doc.text, m.start, m.end + (where_end or 0), words, named)
            if distance <= GATHERING_GAP and not _said_of_someone(m, env):
                places.append((distance, m.start, nearest, m))
        if places:
            best = min(places)
            return (start, end), best[2], best[3]
    return None


def _gap_in_clause(text: str, start: int, end: int, words, named=None) -> tuple[int, tuple | None]:
    """Characters between a place (text[start:end]) and the nearest gathering word (spans `words`)
    with no clause mark between them, and that word's span; (GATHERING_GAP + 1, None) when there is
    none.  The gathering's own name after its word (piece gathering_name: "summit of the Community of
    Latin American and Caribbean States (CELAC) in Buenos Aires") is no distance."""
    best = (GATHERING_GAP + 1, None)
    for a, b in words:
        between = text[end:a] if a >= end else text[b:start] if start >= b else ""
        if named is not None and start >= b:
            between = between[match_end(named, between) or 0:]
        if not any(mark in between for mark in _CLAUSE_MARKS) and len(between) < best[0]:
            best = (len(between), (a, b))
    return best


_CLAUSE_MARKS = ",;:()"
# sentences back a gathering's place is looked for, and characters at most between the place and the
# gathering's word ("travelled to Bishkek on Friday to attend the meeting"; not "accepted an invitation to
# visit Nairobi …, according to a statement issued after the meeting")
GATHERING_BACK = 12
GATHERING_GAP = 60


def _said_of_someone(mention, env) -> bool:
    """Whether a country is named as an office's ("the Prime Minister of the Cook Islands",
    "Palau President X": pieces office_of_before and office_after) or, by its name, as a person's
    ("Tajikistan's Emomali Rahmon": piece person_after), not as a place."""
    pieces, text = env.ruleset.pieces, env.doc.text
    if "office_after" in pieces and found_in(pieces.compiled("office_after"), text[mention.end:mention.end + 40]):
        return True
    if mention.kind == "names" and "person_after" in pieces \
            and found_in(pieces.compiled("person_after"), text[mention.end:mention.end + 8]):
        return True
    return "office_of_before" in pieces and found_in(pieces.compiled("office_of_before"),
                                                      text[max(0, mention.start - 80):mention.start])


def _the_kingdom(env, realm: str) -> str | None:
    """"the Kingdom" (or "the Sultanate": `realm`) capitalised: the kingdom the story is filed in
    ("RIYADH: … would visit the Kingdom"), else the kingdom named last before (a Saudi agency
    filing from Moscow); a kingdom is a country one of whose names holds the word."""
    countries = env.ruleset.countries

    def kingdom(code):
        return any(realm in name for name in countries.names_of(code))
    if env.ctx.dateline and kingdom(env.ctx.dateline[1]):
        return env.ctx.dateline[1]
    before = [m.code for m in env.ctx.mentions if m.start < env.evidence[0] and kingdom(m.code)]
    return before[-1] if before else None




def _place(text, env):
    """A city as written; a seat of government ("the Kremlin") is no city: None; an airport, its city."""
    s = _name(text, env)
    countries = env.ruleset.countries
    if s and (countries.lookup_kind(s) or ("", ""))[1] == "venues":
        return countries.airport_city(s)  # an airport names its city ("Haneda Airport": Tokyo)
    return s.title() if s and s.isupper() else s


def _partner_country(text, env):
    """The other country of the story's main pair than the one the text names ("Indian" in a
    story about Kenya and India: Kenya): where a visitor of that country is, when nothing else says."""
    return env.ctx.partner(_country(text, env))


NORMALIZERS = {
    "money.amount": _money("amount"),
    "money.currency": _money("currency"),
    "money.range_bounds": _range_bounds,   # both bounds of a range ("$11-12 billion": 11e9, 12e9), else none
    "currency": _currency,
    "number": _number,
    "percent": _percent,
    "direction": lambda text, env: env.ruleset.percent.direction(text),
    "date": lambda text, env: env.ctx.dates.resolve(text),
    "past_date": lambda text, env: env.ctx.dates.resolve(text, "past"),   # a date of what was before ("the first was in March")
    "this_year": lambda text, env: env.ctx.dates.resolve("this year"),   # a level told as the present one ("the current $2 billion")
    "country": _country,
    "countries": _countries,
    "previous_country": _previous_country,
    "pair_before": _pair_before,
    "venue_before": _venue_before,
    "place_abroad_before": _place_abroad_before,
    "gathering_place": _gathering_place,
    "partner_country": _partner_country,
    "story_country": lambda text, env: env.ctx.dateline_country,   # the dateline's, whatever the text
    "text": _text,
    "name": _document_name,
    "place": _place,
    "role": _role,
    "names": _names,
    "persons": _persons,
    "listed_persons": _listed_persons,
    "person": _person,
    "name_items": _name_items,
    "line_persons": _line_persons,
    "name_parties": _name_parties,
    "items_after": _items_after,
    "items_listed": _items_listed,
    "singular": lambda text, env: _PLURAL_S.sub("", _text(text, env) or "") or None,
    "lower": lambda text, env: (_text(text, env) or "").lower() or None,
}
