"""Compiling rule files into a RuleSet, checking everything on the way.

Every problem is collected as `file:line: message` (YAML syntax, unknown
sections, keys, types, fields, pieces, normalizers and contexts, patterns that
do not compile, groups that map to no field, duplicate ids, bad country
codes, malformed examples); the build fails with all of them at once."""
from __future__ import annotations

import contextlib
import math
from pathlib import Path

import regex

from ..normalize.countries import CITY_MAPS, ENTRY_KEYS, CountryIndex
from ..normalize import numbers, percent
from ..normalize.money import CurrencyTable
from . import accel, yamlfile
from .cache import LAZY_FROM
from ..facts.words import WORD_PIECES, plain_words, word_list_problems
from .lazy import LazyPattern, has_program, program
from .pieces import PieceError, Pieces, as_written, check_depth, references, suggest
from ..normalize.dates import parse_published
from .ruleset import (DATA_FILES, DEFAULT_TIMEOUT, EXAMPLE_KEYS, FIELD_KEYS, FIELD_KINDS, KEY_MODIFIERS, KIND_CHECKS,
                      MAX_TIMEOUT, PIECES_ON_REGEX, REQUIRED_RULE_KEYS, RESERVED_FIELD_NAMES, RULE_KEYS, SECTIONS, TYPE_KEYS, Example,
                      FactType, FieldSpec, Rule, RuleErrors, RuleSet, data_file, default_rules_dir)
from .sources import COMMON_FIELDS, SourceError, parse_sources


def _text(v):
    return isinstance(v, str)


def _seconds(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= MAX_TIMEOUT  # NaN fails too


# the flags `regex` gives a rule's pattern (case-insensitive, and its own defaults for a str pattern)
_RULE_FLAGS = regex.compile("", regex.I).flags
_GROUP_NAME = regex.compile(r"\(\?P?<([A-Za-z_]\w*)>")  # a named group where a pattern defines it

# what each key's value must be: (check, how it is said)
_TEXT = (_text, "a string")
_FLAG = (lambda v: isinstance(v, bool), "true or false")
_LIST = (lambda v: isinstance(v, list), "a list")
_MAPPING = (lambda v: isinstance(v, dict), "a mapping")
RULE_VALUES = {
    "id": _TEXT, "type": _TEXT, "description": _TEXT, "message": _TEXT, "pattern": _TEXT, "anchor": _TEXT,
    "trigger": _TEXT, "inside": _TEXT, "not_inside": _TEXT, "not": _TEXT, "veto": _FLAG,
    "restates": _FLAG, "disabled": _FLAG,
    "priority": (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"),
    "timeout": (_seconds, f"a number of seconds above 0 and at most {MAX_TIMEOUT:g}"),
    "fields": _MAPPING, "examples": _LIST,
}
TYPE_VALUES = {"description": _TEXT, "fields": _MAPPING, "key": _LIST, "trigger": _TEXT, "defaults": _MAPPING,
               "overrides": _MAPPING,
               "subsume": _TEXT, "distinct": _LIST, "sentence_distinct": _FLAG, "agree": _MAPPING,
               "list_intro": _TEXT, "summary": _TEXT, "subsume_alike": _TEXT,
               "subsume_new": _TEXT, "unnamed": _TEXT, "apposition": _TEXT}
FIELD_VALUES = {"type": _TEXT, "enum": _LIST, "required": _FLAG}
EXAMPLE_VALUES = {"text": _TEXT}


def build(files, problems, lazy_defaults: bool = False) -> RuleSet:
    """`lazy_defaults`: the default rules' patterns that PCRE2 holds are not compiled by
    `regex` now but when `regex` first runs one (see _Builder.compile): for an extraction's
    first run without a rule cache, and a build that is not stored there.  `relfacts rules check`
    compiles them all (load_ruleset's `compile_all`)."""
    builder = _Builder(problems, lazy_defaults)
    for name, section in DATA_FILES:
        builder.add_data_file(data_file(name), section)
    docs = []
    for f in files:
        try:
            doc = yamlfile.load(f)
        except yamlfile.YamlError as e:
            problems.append(str(e))
            continue
        if doc is None:
            continue
        if not isinstance(doc, dict):
            problems.append(f"{f}:1: a rule file is a mapping with sections {', '.join(SECTIONS)}")
            continue
        for key in doc:
            if key not in SECTIONS:
                problems.append(f"{f}:{doc.line_of(key)}: unknown section {key!r}" + (suggest(str(key), SECTIONS)
                                                                                    or f" (sections: {', '.join(SECTIONS)})"))
        docs.append((f, doc))
    for f, doc in docs:
        builder.add_lexicon(f, doc)
    for f, doc in docs:
        builder.add_pieces(f, doc)
    builder.finish_pieces()
    for f, doc in docs:
        with builder.compiling(f):
            builder.add_types(f, doc)
    for f, doc in docs:
        with builder.compiling(f):
            builder.add_people(f, doc)
            builder.add_rules(f, doc)
    for f, doc in docs:
        builder.add_switch(f, doc)
    if problems:
        raise RuleErrors(problems)
    ruleset = builder.result([str(f) for f in files])
    for name in ruleset.pieces_run():  # compiled now, so that a cached rule set holds them
        try:
            if not (lazy_defaults and name not in PIECES_ON_REGEX and _held_as_text(ruleset.pieces, name)):
                ruleset.pieces.compiled(name)
        except (PieceError, regex.error, RecursionError) as e:
            _, f, line = builder.raw_pieces.get(name, ("", "<rules>", 0))
            problems.append(f"{f}:{line}: piece {name!r}: {e or 'nests too deeply to compile'}")
    for name, problem in word_list_problems(ruleset.pieces).items():
        _, f, line = builder.raw_pieces.get(name, ("", "<rules>", 0))
        problems.append(f"{f}:{line}: {problem}")
    if problems:
        raise RuleErrors(problems)
    ruleset.prefilter()  # made now, so that a cached rule set holds it
    return ruleset


def _held_as_text(pieces: Pieces, name: str) -> bool:
    """Whether the piece `name` is one the rule cache keeps as its text (a large
    one PCRE2 runs: see cache.LAZY_FROM), held so now: not compiled by `regex`."""
    text = pieces.expand("{" + name + "}")
    held = _held_on_pcre2(text) if len(text) >= LAZY_FROM else None
    if held is not None:
        pieces.hold(name, held)
    return held is not None


def _held_on_pcre2(pattern: str) -> LazyPattern | None:
    """The pattern as PCRE2 runs it, left for `regex` to compile when it first
    runs there (LazyPattern), with its groups' names; None when PCRE2 cannot run it."""
    quick = accel.fast(LazyPattern(pattern, _RULE_FLAGS))
    if quick is None:
        return None
    named = set(_GROUP_NAME.findall(pattern))  # (the translation adds groups of its own)
    return LazyPattern(pattern, _RULE_FLAGS, {name: numbers[0] for name, numbers in quick.copies.items()
                                              if name in named})


class _Builder:
    def __init__(self, problems: list[str], lazy_defaults: bool = False):
        self.problems = problems
        self.lazy_defaults = lazy_defaults
        self.lazy = False  # whether the rules being added now are the default ones, compiled lazily
        self.country_entries: dict = {}
        self.currency_entries: dict = {}
        self.scaled_forms: list = []  # (file, line, code, scale word) of each after_scaled form, checked with the numbers
        self.number_entries: dict = {kind: {} for kind in numbers.KINDS}
        self.percent_entries: dict = {kind: [] for kind in percent.KINDS}
        self.types: dict[str, FactType] = {}
        self.raw_pieces: dict[str, tuple[str, str, int]] = {}
        self.piece_additions: list[tuple[str, str, str, int]] = []  # (piece, text, file, line) of each `name+`
        self.pieces: Pieces | None = None
        self.people: list = []
        self.people_written: list[str] = []  # each people pattern as written (engine/prefilter.py reads it)
        self.rules: list[Rule] = []
        self.rule_ids: dict[str, str] = {}
        self.disabled: set[str] = set()  # the rules that do not run: `disabled: true`, then each file's `switch:`
        self.defaults_dir = default_rules_dir().resolve()

    def error(self, f, line, msg):
        self.problems.append(f"{f}:{line}: {msg}")

    def keys_ok(self, f, mapping, known, values, what: str) -> bool:
        """Every key of `mapping` known (else "did you mean") and of the right kind;
        False, with each problem reported, when not."""
        ok = True
        for key, value in mapping.items():
            line = mapping.line_of(key)
            if key not in known:
                self.error(f, line, f"{what}: unknown key {key!r}" + suggest(str(key), sorted(known)))
                ok = False
            elif key in values and value is not None and not values[key][0](value):
                self.error(f, line, f"{what}: {key!r} must be {values[key][1]}, not {value!r}")
                ok = False
        return ok

    def section(self, f, doc, name, kind, message):
        """The section `name` of a rule file, or None (absent, or reported as malformed)."""
        value = doc.get(name)
        if value is not None and not isinstance(value, kind):
            self.error(f, doc.line_of(name), message)
            return None
        return value

    # -- lexicon data ------------------------------------------------------
    def add_data_file(self, path: Path, section: str):
        doc = yamlfile.load(path)
        self._merge_lexicon(path, doc, section, check_iso=False)  # tests check the bundled data

    def add_lexicon(self, f, doc):
        for section in ("countries", "currencies", "numbers", "percent"):
            if section in doc:
                self._merge_lexicon(f, doc, section)

    def _merge_lexicon(self, f, doc, section, check_iso=True):
        if section == "numbers":
            self._merge_numbers(f, doc)
            return
        if section == "percent":
            self._merge_percent(f, doc)
            return
        entries = doc.get(section)
        if not isinstance(entries, dict):
            self.error(f, doc.line_of(section), f"`{section}` must map codes to forms")
            return
        target = self.country_entries if section == "countries" else self.currency_entries
        kinds = ENTRY_KEYS if section == "countries" else ("before", "before_number", "after", "shared", "homes", "scales",
                                                           "dot_groups", "three_decimals", "shared_local", "after_cased",
                                                           "after_scaled")
        for code, forms in entries.items():
            line = entries.line_of(code)
            if not (isinstance(code, str) and regex.fullmatch(r"[A-Z]{3}", code)):
                self.error(f, line, f"{code!r} is not a three-letter ISO code")
                continue
            if section == "countries" and check_iso and not _is_iso_country(code):
                self.error(f, line, f"{code!r} is not an ISO 3166-1 alpha-3 country code")
                continue
            if not isinstance(forms, dict):
                self.error(f, line, f"{code}: expected a mapping with {', '.join(kinds)}")
                continue
            merged = target.setdefault(code, {k: {} if k in CITY_MAPS or k == "after_scaled" else [] for k in kinds})
            for k, values in forms.items():
                if k not in kinds:
                    self.error(f, forms.line_of(k), f"{code}: unknown key {k!r} (use {', '.join(kinds)})")
                    continue
                if k in CITY_MAPS:  # airport -> its city
                    if not isinstance(values, dict) or not all(
                            isinstance(a, str) and isinstance(c, str) and a and c for a, c in values.items()):
                        self.error(f, forms.line_of(k), f"{code}.{k}: expected a mapping of names to cities")
                        continue
                    merged[k] = {**merged[k], **values}  # a later (user) file's city wins
                    continue
                if k == "after_scaled":  # a form that says its scale too ("MD": million), the word checked with the numbers
                    if not isinstance(values, dict) or not all(
                            isinstance(a, str) and isinstance(w, str) and a and w for a, w in values.items()):
                        self.error(f, forms.line_of(k), f"{code}.{k}: expected a mapping of forms to scale words")
                        continue
                    merged[k] = {**merged[k], **values}
                    self.scaled_forms += [(f, forms.line_of(k), code, w) for w in values.values()]
                    continue
                if k in ("dot_groups", "three_decimals", "shared_local"):  # a flag: thousands grouped with dots; three
                    # decimals written; shared forms its own only at home
                    if not isinstance(values, bool):
                        self.error(f, forms.line_of(k), f"{code}.{k}: expected true or false")
                        continue
                    merged[k] = values
                    continue
                if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                    self.error(f, forms.line_of(k), f"{code}.{k}: expected a list of strings")
                    continue
                # forms from later (user) files are tried first
                merged[k] = [v for v in values if v] + [v for v in merged[k] if v not in values]

    # -- fact types ----------------------------------------------------------
    def add_types(self, f, doc):
        types = self.section(f, doc, "types", dict, "`types` must map type names to definitions")
        if types is None:
            return
        for name, spec in types.items():
            line = types.line_of(name)
            if not isinstance(spec, dict):
                self.error(f, line, f"type {name!r}: expected a mapping")
                continue
            if name in self.types:
                prev = self.types[name]
                self.error(f, line, f"type {name!r} is already defined at {prev.file}:{prev.line}")
                continue
            if not self.keys_ok(f, spec, TYPE_KEYS, TYPE_VALUES, f"type {name!r}"):
                continue
            fields = {}
            raw_fields = spec.get("fields") or {}
            if not isinstance(raw_fields, dict):
                self.error(f, spec.line_of("fields"), f"type {name!r}: `fields` must be a mapping")
                raw_fields = {}
            for fname, fspec in raw_fields.items():
                fline = raw_fields.line_of(fname)
                if not self._field_name_ok(f, fline, name, fname):
                    continue
                if isinstance(fspec, dict) and not self.keys_ok(f, fspec, FIELD_KEYS, FIELD_VALUES,
                                                               f"type {name!r}: field {fname!r}"):
                    continue
                fspec = fspec if isinstance(fspec, dict) else {"type": fspec}
                kind = "enum" if "enum" in fspec else fspec.get("type", "string")
                if kind not in FIELD_KINDS:
                    self.error(f, fline, f"type {name!r}: field {fname!r} has unknown kind {kind!r} (use {', '.join(FIELD_KINDS)})")
                    continue
                fields[fname] = FieldSpec(fname, kind, tuple(fspec.get("enum") or ()), bool(fspec.get("required")))
            key = tuple(spec.get("key") or fields)
            for k in key:
                k, *hows = str(k).split(":")
                for how in hows:
                    if how not in KEY_MODIFIERS:
                        self.error(f, spec.line_of("key"), f"type {name!r}: key modifier {how!r} unknown (use {', '.join(KEY_MODIFIERS)})")
                if k not in fields and k not in COMMON_FIELDS:
                    self.error(f, spec.line_of("key"), f"type {name!r}: key field {k!r} is not a field of the type")
            defaults, overrides = (self._type_sources(f, name, spec, option) for option in ("defaults", "overrides"))
            ftype = FactType(name, str(spec.get("description", "")), fields, key,
                             spec.get("trigger"), defaults, spec.get("subsume"),
                             tuple(spec.get("distinct") or ()), bool(spec.get("sentence_distinct")),
                             str(f), line, user=not Path(f).resolve().is_relative_to(self.defaults_dir),
                             overrides=overrides)
            for k in (([ftype.subsume] if ftype.subsume else []) + list(ftype.distinct)):
                if k not in fields and k not in COMMON_FIELDS:
                    self.error(f, line, f"type {name!r}: {k!r} (in subsume/distinct) is not a field of the type")
            if spec.get("agree"):
                pair = spec.get("agree")
                if not isinstance(pair, dict) or set(pair) != {"field", "by"} or \
                        pair["field"] not in fields or pair["by"] not in fields:
                    self.error(f, spec.line_of("agree"), f"type {name!r}: agree needs {{field: F, by: B}} with two fields of the type")
                else:
                    ftype.agree = (pair["field"], pair["by"])
            # regexes on a fact's name, or (unnamed) on the key's first field, or (apposition) on the text between
            # two facts' names (facts/dedupe.py)
            for option in ("list_intro", "summary", "subsume_alike", "subsume_new", "unnamed", "apposition"):
                if not spec.get(option):
                    continue
                if option.startswith("subsume_") and not ftype.subsume:
                    self.error(f, spec.line_of(option), f"type {name!r}: {option} needs subsume")
                elif option in ("list_intro", "summary", "apposition") and "name" not in fields:
                    self.error(f, spec.line_of(option), f"type {name!r}: {option} needs a field 'name'")
                try:
                    setattr(ftype, option, self.compile(str(spec.get(option)), on_regex=True))
                except (PieceError, regex.error) as e:
                    self.error(f, spec.line_of(option), f"type {name!r}: {option}: {e}")
            if ftype.trigger:
                try:
                    ftype.trigger_re = self.compile(str(ftype.trigger))
                except (PieceError, regex.error) as e:
                    self.error(f, spec.line_of("trigger"), f"type {name!r}: trigger: {e}")
            if spec.get("skip"):
                ftype.skip = str(spec.get("skip"))
                try:
                    ftype.skip_re = self.compile(ftype.skip)
                except (PieceError, regex.error) as e:
                    self.error(f, spec.line_of("skip"), f"type {name!r}: skip: {e}")
            self.types[name] = ftype

    def _type_sources(self, f, type_name, spec, option) -> dict:
        """A type's `defaults` (sources of a field a rule does not give) or
        `overrides` (sources tried before any rule's own), parsed."""
        out = {}
        raw = spec.get(option) or {}
        for fname, src in raw.items():
            if fname not in (spec.get("fields") or {}) and fname not in COMMON_FIELDS:
                self.error(f, raw.line_of(fname), f"type {type_name!r}: {option} for {fname!r}, which is not a field of the type")
                continue
            try:
                out[fname] = parse_sources(src, self.compile)
            except SourceError as e:
                self.error(f, raw.line_of(fname), f"type {type_name!r}: {option} for {fname!r}: {e}")
        return out

    def _field_name_ok(self, f, line, type_name, fname) -> bool:
        """A field name is an identifier that no common field, output column or
        other field takes in another case ("Amount" beside "amount")."""
        if not (isinstance(fname, str) and fname.isidentifier()):
            self.error(f, line, f"type {type_name!r}: field name {fname!r} must be a word (letters, digits, _)")
            return False
        if fname.lower() in RESERVED_FIELD_NAMES:
            self.error(f, line, f"type {type_name!r}: field {fname!r} is a name every fact (and output) already "
                                f"uses: {', '.join(sorted(RESERVED_FIELD_NAMES))}")
            return False
        other = next((field for t in self.types.values() for field in t.fields
                      if field.lower() == fname.lower() and field != fname), None)
        if other is not None:
            self.error(f, line, f"type {type_name!r}: field {fname!r} differs from the field {other!r} only in case "
                                f"(outputs would mix them up)")
            return False
        return True

    # -- pieces ----------------------------------------------------------------
    def add_pieces(self, f, doc):
        pieces = self.section(f, doc, "pieces", dict, "`pieces` must map names to regex text")
        if pieces is None:
            return
        for name, text in pieces.items():
            line = pieces.line_of(name)
            if not isinstance(text, str) or not regex.fullmatch(r"[A-Za-z_]\w*\+?", str(name)):
                self.error(f, line, f"piece {name!r}: a piece is a name and a regex string")
                continue
            if name.endswith("+"):  # `visit_word+: '…'`: alternatives added to a piece defined elsewhere
                self.piece_additions.append((name[:-1], text, str(f), line))
                continue
            if name in self.raw_pieces:
                pf, pl = self.raw_pieces[name][1:]
                self.error(f, line, f"piece {name!r} is already defined at {pf}:{pl}")
                continue
            self.raw_pieces[name] = (text, str(f), line)

    def _vocabulary(self, f, doc, section: str, kinds: tuple, what: str):
        """(kind, value, line) for each kind of a vocabulary section (`numbers:`, `percent:`)
        that is one of `kinds`, every other problem reported."""
        found = doc.get(section)
        if not isinstance(found, dict):
            self.error(f, doc.line_of(section), f"`{section}` must map {', '.join(kinds)} to {what}")
            return
        for kind, value in found.items():
            line = found.line_of(kind)
            if kind not in kinds:
                self.error(f, line, f"{section}: unknown kind {kind!r}" + (suggest(str(kind), kinds)
                                                                            or f" (kinds: {', '.join(kinds)})"))
                continue
            yield kind, value, line

    def _merge_numbers(self, f, doc):
        """A `numbers:` section (the form of relfacts/data/numbers.yaml): words added
        to the vocabulary, a later (user) file's value winning."""
        for kind, words, line in self._vocabulary(f, doc, "numbers", numbers.KINDS, "words and their values"):
            if not isinstance(words, dict):
                self.error(f, line, f"numbers.{kind}: expected a mapping of words to their values")
                continue
            for word, value in words.items():
                wline = words.line_of(word)
                if not (isinstance(word, str) and regex.fullmatch(r"[^\W\d_]+", word)):
                    self.error(f, wline, f"numbers.{kind}: {word!r} is not a word (letters only)")
                elif kind == "scale_letters" and len(word) != 1:
                    self.error(f, wline, f"numbers.scale_letters: {word!r} is not a single letter")
                elif not (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
                          and (value > 0 or kind == "zero")):
                    self.error(f, wline, f"numbers.{kind}.{word}: the value must be a number above 0")
                else:
                    self.number_entries[kind][word if kind == "scale_letters" else word.lower()] = value

    def _merge_percent(self, f, doc):
        """A `percent:` section (the form of relfacts/data/percent.yaml): units (regexes)
        and direction stems added, a later (user) file's tried first."""
        for kind, values, line in self._vocabulary(f, doc, "percent", percent.KINDS, "lists"):
            if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
                self.error(f, line, f"percent.{kind}: expected a list of strings")
                continue
            if kind == "units":
                try:
                    for unit in values:
                        regex.compile(unit, regex.I)
                except regex.error as e:
                    self.error(f, line, f"percent.units: {unit!r} is not a regex ({e})")
                    continue
            known = self.percent_entries[kind]
            self.percent_entries[kind] = [v for v in values if v not in known] + known

    def finish_pieces(self):
        self.countries = CountryIndex(self.country_entries)
        self.numbers = numbers.NumberWords(self.number_entries)
        for f, line, code, word in self.scaled_forms:
            if word.lower() not in self.numbers.scales:
                self.error(f, line, f"{code}.after_scaled: {word!r} is not a scale word of the number vocabulary")
        self.currencies = CurrencyTable(self.currency_entries, self.numbers)
        self.percent = percent.PercentWords(self.percent_entries, self.numbers)
        builtin = {
            "country": self.countries.pattern(),
            "country_name": self.countries.pattern("names"),
            "country_multiword": self.countries.multiword_pattern(),
            "demonym": self.countries.pattern("demonyms"),
            "capital": self.countries.pattern("capitals"),
            "city": self.countries.pattern("capitals", "cities"),
            "venue": self.countries.pattern("venues"),
            # the {country} piece in parts PCRE2 can hold: what the document scan runs
            **{f"country_scan{i}": p for i, p in enumerate(self.countries.scan_patterns())},
            "currency_before": self.currencies.before_pattern,
            "currency_after": self.currencies.after_pattern,
            "currency_sign": self.currencies.sign_pattern,
            "currency_dotted": self.currencies.dotted_pattern,
            "currency_scaled": self.currencies.scaled_pattern,
            # number words and scale words: the parser's own vocabulary (data/numbers.yaml)
            **self.numbers.pieces(),
            # what follows a figure to make it a percentage: the parser's own (data/percent.yaml)
            **self.percent.pieces(),
        }
        self._add_to_pieces(builtin)
        for name, (_, f, line) in list(self.raw_pieces.items()):
            if name in builtin:
                self.error(f, line, f"piece {name!r} is built in (made from relfacts/data and "
                                    f"relfacts/normalize/): use it, or choose another name")
                del self.raw_pieces[name]
        self.pieces = Pieces(builtin, {k: v[0] for k, v in self.raw_pieces.items()})
        for name, (text, f, line) in self.raw_pieces.items():
            try:
                self.pieces.expand(text)
            except PieceError as e:
                self.error(f, line, f"piece {name!r}: {e}")
        for name in ("date",):
            if name not in self.raw_pieces:
                self.problems.append(f"<rules>:0: no piece named {name!r} is defined (the engine needs it)")

    def _add_to_pieces(self, builtin: dict):
        """Each `name+` piece's text joined to the piece `name` as another alternative
        (to a piece read as a list of words, as more words: "that|which|whom"), once it
        compiles alone; a problem is told at its own file and line."""
        if not self.piece_additions:
            return
        originals = Pieces(builtin, {k: v[0] for k, v in self.raw_pieces.items()})
        for name, text, f, line in self.piece_additions:
            if name in builtin:
                self.error(f, line, f"piece {name}+: {{{name}}} is built in: its words come from data "
                                    f"(a rule file's countries:, currencies:, numbers: or percent: section)")
                continue
            if name not in self.raw_pieces:
                self.error(f, line, f"piece {name}+ adds to a piece no rule file defines"
                                    + (suggest(name, self.raw_pieces, "{}") or ""))
                continue
            if name in WORD_PIECES and not plain_words(text):
                self.error(f, line, f"piece {name}+: {{{name}}} is read as a list of words: add words between "
                                    f"bars ('whom|whose'), not a pattern")
                continue
            try:
                if name in references(text):
                    raise PieceError(f"refers to {{{name}}}, the piece it adds to")
                program(originals.expand(text), regex.I)
            except (PieceError, regex.error, RecursionError) as e:
                self.error(f, line, f"piece {name}+: {e or 'nests too deeply to compile'}")
                continue
            old, where, at = self.raw_pieces[name]
            self.raw_pieces[name] = (f"{old}|{text}" if name in WORD_PIECES else f"(?:{old})|(?:{text})", where, at)

    def compile(self, text: str, on_regex: bool = False):
        """`on_regex`: a pattern the facts code runs on `regex` (a type's `list_intro`): compiled now,
        so that the rule cache keeps its program, never held for PCRE2."""
        pattern = self.pieces.expand(text)
        if not has_program(pattern, regex.I):  # (one a rule set built before compiled passed the check then)
            check_depth(pattern)
        if self.lazy and not on_regex:
            # a default rule's pattern that PCRE2 compiles runs there; `regex` compiling it (most of a
            # rule set's build: seconds for the largest) waits until a time limit or `explain` asks
            held = _held_on_pcre2(pattern)
            if held is not None:
                return held
        try:
            return program(pattern, regex.I)  # (compiled by a rule set built before: cache.seed)
        except RecursionError:
            raise PieceError("the pattern nests too deeply to compile") from None
        except regex.error as e:  # told where the author wrote it, not in the expanded text
            raise regex.error(as_written(text, e)) from None

    @contextlib.contextmanager
    def compiling(self, f):
        """While the types, people and rules of file `f` are added: the default
        rules' patterns are held lazily (see `compile`) when `lazy_defaults` says so."""
        self.lazy = self.lazy_defaults and accel.enabled() and Path(f).resolve().is_relative_to(self.defaults_dir)
        try:
            yield
        finally:
            self.lazy = False

    # -- people ----------------------------------------------------------------
    def add_people(self, f, doc):
        people = self.section(f, doc, "people", list, "`people` must be a list of patterns")
        if people is None:
            return
        for i, pat in enumerate(people):
            line = doc.line_of("people") + 1 + i
            try:
                compiled = self.compile(str(pat))
            except (PieceError, regex.error) as e:
                self.error(f, line, f"people pattern: {e}")
                continue
            if not {"name", "country"} <= set(compiled.groupindex):
                self.error(f, line, "people pattern needs the groups (?P<name>…) and (?P<country>…)")
                continue
            self.people.append(compiled)
            self.people_written.append(str(pat))

    # -- rules -------------------------------------------------------------------
    def add_rules(self, f, doc):
        rules = self.section(f, doc, "rules", list, "`rules` must be a list of rules")
        if rules is None:
            return
        for raw in rules:
            if not isinstance(raw, dict):
                self.error(f, doc.line_of("rules"), "each rule must be a mapping with id, type, description, pattern")
                continue
            rule = self._rule(f, raw)
            if rule is not None:
                self.rules.append(rule)
                if rule.disabled:
                    self.disabled.add(rule.id)

    def add_switch(self, f, doc):
        """A file's `switch:` (`enable:` and `disable:`, lists of rule ids): which rules run,
        the default rules' included; files later in the list switch after earlier ones."""
        switch = self.section(f, doc, "switch", dict, "`switch` must be a mapping with `enable:` and `disable:` lists of rule ids")
        if switch is None:
            return
        for key, ids in switch.items():
            line = switch.line_of(key)
            if key not in ("enable", "disable"):
                self.error(f, line, f"switch: unknown key {key!r} (keys: enable, disable)")
                continue
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                self.error(f, line, f"switch: {key!r} must be a list of rule ids")
                continue
            for rid in ids:
                if rid not in self.rule_ids:
                    self.error(f, line, f"switch: no rule {rid!r}" + suggest(rid, sorted(self.rule_ids)))
                elif key == "enable":
                    self.disabled.discard(rid)
                else:
                    self.disabled.add(rid)

    def _rule(self, f, raw) -> Rule | None:
        line = raw.line
        ok = self.keys_ok(f, raw, RULE_KEYS, RULE_VALUES, f"rule {raw.get('id', '?')}")
        for key in REQUIRED_RULE_KEYS:
            if not raw.get(key):
                self.error(f, line, f"rule {raw.get('id', '?')}: missing {key!r}")
                ok = False
        # the rest is checked too, as far as what is there allows: every problem in one run
        rid = str(raw.get("id") or "?")
        if raw.get("id"):
            if rid in self.rule_ids:
                self.error(f, raw.line_of("id"), f"duplicate rule id {rid!r} (first at {self.rule_ids[rid]})")
                return None
            self.rule_ids[rid] = f"{f}:{raw.line_of('id')}"
        if not raw.get("type"):
            return None
        ftype = self.types.get(raw["type"])
        if ftype is None:
            self.error(f, raw.line_of("type"), f"rule {rid}: unknown fact type {raw['type']!r} (known: {', '.join(sorted(self.types))})")
            return None
        compiled = None
        try:
            if raw.get("pattern"):
                compiled = self.compile(str(raw["pattern"]))
        except PieceError as e:
            self.error(f, raw.line_of("pattern"), f"rule {rid}: {e}")
            ok = False
        except regex.error as e:
            self.error(f, raw.line_of("pattern"), f"rule {rid}: pattern does not compile: {e}")
            ok = False
        if compiled is None:  # the fields can still be checked, but not against the pattern's groups
            self._fields(f, rid, raw, ftype, None)
            self._examples(f, rid, raw)
            return None
        groups = set(compiled.groupindex)
        checked = self._fields(f, rid, raw, ftype, groups)
        if checked is None:
            return None
        fields, fields_ok = checked
        ok = ok and fields_ok
        used = {s.group for srcs in fields.values() for s in srcs if s.group}
        anchor = raw.get("anchor")
        if anchor is not None and anchor not in groups:
            self.error(f, raw.line_of("anchor"), f"rule {rid}: anchor group {anchor!r} is not in the pattern")
            ok = False
        unused = groups - used - {anchor} - {g for g in groups if g.startswith("_")}
        if unused:
            self.error(f, raw.line_of("pattern"), f"rule {rid}: group(s) {', '.join(sorted(unused))} map to no field (name a group _x to keep it unmapped)")
            ok = False
        if not raw.get("veto"):
            for fname, spec in ftype.fields.items():
                if spec.required and fname not in fields and fname not in ftype.defaults:
                    self.error(f, raw.line_of("fields") if "fields" in raw else line, f"rule {rid}: required field {fname!r} of {ftype.name!r} is not set")
                    ok = False
        extra = {}
        for key in ("inside", "not_inside", "not", "trigger"):
            if key in raw:
                try:
                    extra[key] = self.compile(str(raw[key]))
                except (PieceError, regex.error) as e:
                    self.error(f, raw.line_of(key), f"rule {rid}: {key}: {e}")
                    ok = False
        examples = self._examples(f, rid, raw)
        if not ok or examples is None:
            return None
        return Rule(
            id=rid, type=ftype.name, description=str(raw["description"]), pattern=str(raw["pattern"]),
            compiled=compiled, fields=fields, anchor=anchor, priority=raw.get("priority") or 0,
            veto=bool(raw.get("veto")), restates=bool(raw.get("restates")), inside=extra.get("inside"), not_inside=extra.get("not_inside"),
            not_=extra.get("not"), trigger=extra.get("trigger"),
            timeout=float(raw.get("timeout") or DEFAULT_TIMEOUT), examples=examples, file=str(f), line=line,
            user=not Path(f).resolve().is_relative_to(self.defaults_dir), disabled=bool(raw.get("disabled")))

    def _fields(self, f, rid, raw, ftype, groups):
        """The rule's field sources; each problem reported (groups None: the
        pattern did not compile, so groups are not checked)."""
        fields, ok = {}, True
        raw_fields = raw.get("fields") or {}
        if not isinstance(raw_fields, dict):
            self.error(f, raw.line_of("fields"), f"rule {rid}: `fields` must be a mapping")
            return None
        for fname, src in raw_fields.items():
            fline = raw_fields.line_of(fname)
            spec = ftype.fields.get(fname)
            if spec is None and fname not in COMMON_FIELDS:
                self.error(f, fline, f"rule {rid}: {ftype.name!r} has no field {fname!r} (fields: {', '.join(list(ftype.fields) + list(COMMON_FIELDS))})")
                ok = False
                continue
            try:
                sources = parse_sources(src, self.compile)
            except SourceError as e:
                self.error(f, fline, f"rule {rid}: field {fname!r}: {e}")
                ok = False
                fields[fname] = []  # set, if wrongly: not "missing" too
                continue
            for s in sources:
                missing = [g for g in (s.group or "").split("+") if g and g not in groups and g != "0"] \
                    if groups is not None else []
                if missing:
                    self.error(f, fline, f"rule {rid}: field {fname!r} reads group {missing[0]!r}, which the pattern does not have")
                    ok = False
                if spec and spec.kind == "enum" and s.is_literal and s.value is not None and s.value not in spec.enum:
                    self.error(f, fline, f"rule {rid}: field {fname!r}: {s.value!r} is not one of {', '.join(map(str, spec.enum))}")
                    ok = False
                elif spec and s.is_literal and s.value is not None and not KIND_CHECKS[spec.kind](s.value):
                    self.error(f, fline, f"rule {rid}: field {fname!r}: {s.value!r} is not a {spec.kind}")
                    ok = False
            fields[fname] = sources
        return fields, ok

    def _examples(self, f, rid, raw):
        out = []
        items = raw.get("examples") or []
        if not isinstance(items, list):
            self.error(f, raw.line_of("examples"), f"rule {rid}: `examples` must be a list")
            return None
        for ex in items:
            if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
                self.error(f, raw.line_of("examples"), f"rule {rid}: an example needs `text` and `expect` (a mapping, or `none`)")
                return None
            if not self.keys_ok(f, ex, EXAMPLE_KEYS, EXAMPLE_VALUES, f"rule {rid}: example"):
                return None
            if ex.get("published"):
                try:
                    parse_published(str(ex["published"]))
                except ValueError as e:
                    self.error(f, ex.line_of("published"), f"rule {rid}: example `published`: {e}")
                    return None
            expect = ex.get("expect")
            if isinstance(expect, str) and expect.lower() == "none":
                expect = None
            elif isinstance(expect, list) and len(expect) > 1 and all(isinstance(e, dict) for e in expect):
                expect = [dict(e) for e in expect]
            elif not isinstance(expect, dict):
                self.error(f, ex.line, f"rule {rid}: example `expect` must be a mapping of fields, a list of "
                                       f"two or more of them (one per fact), or `none`")
                return None
            pub = ex.get("published")
            out.append(Example(ex["text"], dict(expect) if isinstance(expect, dict) else expect,
                               str(pub) if pub else None, ex.line))
        return out

    def result(self, files) -> RuleSet:
        return RuleSet(self.types, self.rules, self.pieces, self.people, self.countries, self.currencies,
                       self.numbers, self.percent, files, self.people_written, frozenset(self.disabled))


_ISO = None


def _is_iso_country(code: str) -> bool:
    global _ISO
    if _ISO is None:
        import pycountry

        _ISO = {c.alpha_3 for c in pycountry.countries}
    return code in _ISO
