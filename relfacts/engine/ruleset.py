"""Rule files -> a validated, compiled RuleSet.

A rule folder holds YAML files; each may have any of these sections:

  types:      fact types and their fields (the four built-in ones live in rules/types.yaml)
  pieces:     named regex pieces, used in patterns as {name}
  people:     patterns that tie a person to a country ("Kazakh President X")
  countries:  extra country names/demonyms/capitals (format of data/countries.yaml)
  currencies: extra currency forms (format of data/currencies.yaml)
  numbers:    extra number and scale words (format of data/numbers.yaml)
  percent:    extra percentage units and direction stems (format of data/percent.yaml)
  rules:      the rules

Every problem is reported as `file:line: message`; loading fails with all of
them at once (RuleErrors), never with a traceback."""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from pathlib import Path


from ..normalize.countries import CountryIndex
from ..normalize.money import CurrencyTable
from ..normalize.numbers import NumberWords
from ..normalize.percent import PercentWords
from . import cache
from .pieces import Pieces
from .sources import Source

SECTIONS = ("types", "pieces", "people", "countries", "currencies", "numbers", "percent", "rules", "switch")
RULE_KEYS = {"id", "type", "description", "message", "pattern", "fields", "anchor", "priority",
             "veto", "inside", "not_inside", "not", "trigger", "examples", "timeout", "restates", "disabled"}
REQUIRED_RULE_KEYS = ("id", "type", "description", "pattern")
FIELD_KINDS = ("number", "string", "enum", "country", "countries", "date")
TYPE_KEYS = {"description", "fields", "key", "trigger", "skip", "defaults", "overrides", "subsume", "distinct",
             "sentence_distinct", "agree", "list_intro", "summary", "subsume_alike",
             "subsume_new", "unnamed", "apposition"}
FIELD_KEYS = {"type", "enum", "required"}
EXAMPLE_KEYS = {"text", "expect", "published"}
# names every fact (or an output) already uses: a field may not take one, in any case
# (SQLite's and CSV's columns do not tell "ID" from "id")
RESERVED_FIELD_NAMES = frozenset({"id", "document_id", "type", "doc", "rule", "span", "span_start", "span_end",
                                  "text", "sentence", "countries", "date", "data"})
MAX_TIMEOUT = 60.0


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


_CODE = re.compile(r"[A-Z]{3}\Z")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")
# what a value of each field kind is (enum: one of its values, checked apart)
KIND_CHECKS = {
    "number": _is_number,
    "string": lambda v: isinstance(v, str),
    "enum": lambda v: True,
    "country": lambda v: isinstance(v, str) and bool(_CODE.match(v)),
    "countries": lambda v: isinstance(v, list) and all(isinstance(c, str) and _CODE.match(c) for c in v),
    "date": lambda v: isinstance(v, str) and bool(_DATE.match(v)),
}
KEY_MODIFIERS = ("last_word", "words", "optional", "month")  # how a key field is compared when de-duplicating
DEFAULT_TIMEOUT = 0.25  # seconds a single rule may spend on one sentence


class RuleErrors(Exception):
    """All problems found in the rule files, each `file:line: message`."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class FieldSpec:
    name: str
    kind: str = "string"
    enum: tuple = ()
    required: bool = False


@dataclass
class FactType:
    name: str
    description: str
    fields: dict[str, FieldSpec]
    key: tuple[str, ...]
    trigger: str | None
    defaults: dict[str, list[Source]]
    subsume: str | None = None
    distinct: tuple = ()
    sentence_distinct: bool = False
    file: str = ""
    line: int = 0
    user: bool = False  # defined in a --rules folder
    trigger_re: object = None
    skip: str | None = None  # a regex: a sentence where a match of it starts states no fact of the type (a question)
    skip_re: object = None  # `skip` compiled
    agree: tuple = ()  # (field, by): statements of one `by` agree on `field` (facts/agree.py)
    list_intro: object = None  # compiled: a fact whose `name` matches it only counts the documents listed after it
    summary: object = None  # compiled: a fact whose `name` matches it sums up documents the text names one by one later
    subsume_alike: object = None  # compiled: the words (kind nouns: "deal", "agreement") that stand for one another in subsume
    subsume_new: object = None  # compiled: a word that makes a name a new version ("upgraded"): not the old document
    overrides: dict = field(default_factory=dict)  # field -> sources tried before any rule's own
    unnamed: object = None  # compiled: a key's first field that names no one ("Czech business delegation"): facts/dedupe.py
    apposition: object = None  # compiled: what stands between a fact's name and the next one's that restates it: facts/dedupe.py


@dataclass
class Example:
    text: str
    expect: dict | list | None  # a fact's fields, a list of them (one per fact), or None: the rule finds nothing
    published: str | None
    line: int


@dataclass
class Rule:
    id: str
    type: str
    description: str
    pattern: str
    compiled: object
    fields: dict[str, list[Source]]
    anchor: str | None = None
    priority: int = 0
    veto: bool = False
    restates: bool = False  # its fact only names again a document said before it (facts/dedupe.py)
    inside: object = None
    not_inside: object = None
    not_: object = None
    trigger: object = None
    timeout: float = DEFAULT_TIMEOUT
    examples: list[Example] = field(default_factory=list)
    file: str = ""
    line: int = 0
    user: bool = False  # from a --rules folder: wins ties against the default rules
    disabled: bool = False  # `disabled: true`: kept and tested, but run only where a `switch:` enables it


# The pieces the engine itself runs (the rules name more: RuleSet.pieces_run).
# They are compiled when a rule set is built, so that its cache holds them and
# a run compiles none: those run on the document, by PCRE2, are cached as their
# text when they are large; those run on `regex`, on a text of their own (a
# matched group, a name, a sentence's start), are cached compiled (engine/cache.py).
PIECES_ON_PCRE2 = ("currency_after", "currency_before", "date", "titled_person", "paired_people", "title_lead",
                   "title", "clause_edge", "future_cue", "past_cue", "predicate_stop", "money_hint", "office_possessive", "companion_lead", "group_noun",
                   "vague_name", "event_year", "year_of_name", "world_region", "host_act",
                   # cues the facts code reads around a match (relfacts/facts)
                   "reported_before", "base_before", "base_from_before", "percent_on_before", "today_said",
                   "with_before", "parts_cue", "next_clause", "earlier_one_before",
                   # a web page's link lines (relfacts/furniture.py)
                   "link_line_start")
PIECES_ON_REGEX = ("value_in_name", "place_in_name", "aside_in_name", "day_in_name", "day_before_clause", "term_in_name",
                   "signing_in_name", "clause_in_name", "signer_in_name", "signer_after_name", "named_briefly", "owned_part", "titled_owner", "status_recalled", "arrival_aside",
                   "signed_after_document", "royal_title", "country_owner",
                   # cues the facts code reads (relfacts/facts: context, contexts, normalizers)
                   "relative_base", "this_period", "bloc", "signing_subject_gap", "signers_gap", "at_place_before",
                   "on_weekday", "date_opening_before", "leg_joint", "leg_after_word", "capital_after", "kind_after", "lead_preposition",
                   "spouse_lead", "not_a_person", "reported_content", "said_on_trip", "list_tail", "fields_of", "quantifier", "topic_preposition",
                   "the_kingdom", "here_word", "gathering_word", "place_reached", "place_where", "place_hosting", "name_edges", "courtesy_title", "plural_kind", "document_item", "item_separator", "bare_item_separator", "semicolon_item_separator",
                   "plural_then_items", "plural_with_partners", "title_start", "common_first_name", "office_rank", "office_qualifier", "count_lead", "rank_lead",
                   "group_beyond", "documents_anew", "document_owner", "whose_before", "courtesy_lead", "place_introduced", "trip_put_off",
                   "met_before", "respectively_word", "listed_figure", "figure_joint", "respectively_tail", "departure_day_gap", "name_country_after", "office_of_before", "office_after", "person_after", "style_after_comma", "person_separator", "sidelines_lead", "gathering_name", "time_lead", "pronoun_lead",
                   "news_outlet", "courtesy_name", "initials_rank",
                   # the words the sentence splitter reads (relfacts/sentences.py)
                   "abbreviation", "documents_listed", "list_continuation", "documents_spoken", "title_item",
                   "people_listed", "person_line",
                   # and those of a web page's furniture (relfacts/furniture.py)
                   "link_start", "link_line", "link_heading", "credit", "credit_word",
                   # and of a page's own date line (relfacts/document.py)
                   "date_line_word", "updated_word",
                   # read as lists of words (relfacts/facts/words.py), and the patterns they go with
                   "relative_word", "earlier_one_hint", "trip_noun", "world_part_name", "water_after_word",
                   "water_after", "water_of", "water_before", "us_state_word", "us_state_before", "any_office",
                   "joining_word", "partner_after", "partner_joint", "vague_modifier", "generic_kind", "generic_topic",
                   "town_particle", "loose_kind", "valued_count",
                   "headline_ahead",
                   "another_told",
                   "counted_kind", "days_span", "date_parts_joined")
ENGINE_PIECES = PIECES_ON_PCRE2 + PIECES_ON_REGEX


@dataclass
class RuleSet:
    types: dict[str, FactType]
    rules: list[Rule]
    pieces: Pieces
    people: list
    countries: CountryIndex
    currencies: CurrencyTable
    numbers: NumberWords
    percent: PercentWords
    files: list[str]
    people_written: list[str] = field(default_factory=list)  # the people patterns as written, in their order
    disabled: frozenset = frozenset()  # the ids of the rules that do not run (`disabled: true`, `switch:`)

    def pieces_run(self) -> list[str]:
        """The names of the pieces an extraction runs: the engine's own
        (ENGINE_PIECES, the country scans) and those the sources of rules and
        types name (a context's `piece`), of the pieces this rule set has."""
        sources = [s for r in self.rules for found in r.fields.values() for s in found]
        sources += [s for t in self.types.values() for table in (t.defaults, t.overrides)
                    for found in table.values() for s in found]
        named = [n for n in self.pieces.names() if n.startswith("country_scan")]
        named += [*ENGINE_PIECES, *(s.piece for s in sources if s.piece)]
        return [n for n in dict.fromkeys(named) if n in self.pieces]

    def country_scans(self) -> list:
        """The {country} piece in the parts PCRE2 holds (CountryIndex.scan_patterns),
        compiled: what finds country names (the whole piece is too large for PCRE2)."""
        found = self.__dict__.get("_country_scans")
        if found is None:
            found = self.__dict__["_country_scans"] = [self.pieces.compiled(n) for n in self.pieces.names()
                                                       if n.startswith("country_scan")]
        return found

    def document_patterns(self) -> list:
        """The compiled patterns PCRE2 runs on the document where it can hold
        them (engine/accel.py): the rules', the types' triggers, the people
        patterns, and the pieces run but those the engine runs on `regex`
        itself (PIECES_ON_REGEX)."""
        found = [getattr(r, n) for r in self.rules for n in ("compiled", "trigger", "inside", "not_inside")]
        found += [t.trigger_re for t in self.types.values()] + [t.skip_re for t in self.types.values() if t.skip_re is not None] + self.people
        found += [self.pieces.compiled(n) for n in self.pieces_run() if n not in PIECES_ON_REGEX]
        return [p for p in found if p is not None]

    def rules_for(self, type_name: str) -> list[Rule]:
        """The rules of the type that run (not the disabled ones)."""
        return self._indexed()[1].get(type_name, [])

    def switched(self, enable=(), disable=()) -> "RuleSet":
        """This rule set with the rules `enable` running and the rules `disable` not: the
        same rules, patterns and caches of patterns (ValueError for an unknown id)."""
        known = {r.id for r in self.rules}
        for rid in (*enable, *disable):
            if rid not in known:
                raise ValueError(f"no rule {rid!r}")
        now = (self.disabled - set(enable)) | set(disable)
        if now == self.disabled:
            return self
        made = self.__dict__.setdefault("_switched", {})
        found = made.get(now)
        if found is None:
            found = made[now] = dataclasses.replace(self, disabled=frozenset(now))
            for kept in ("_prefilter", "_country_scans"):  # (they do not depend on which rules run)
                if kept in self.__dict__:
                    found.__dict__[kept] = self.__dict__[kept]
        return found

    def restating_ids(self) -> frozenset:
        """The ids of the rules that `restate` a document named before (facts/dedupe.py)."""
        return self._indexed()[2]

    def prefilter(self):
        """Which sentences each rule can match in (engine/prefilter.py); made
        once (and kept in the rule cache), again when the list of rules is replaced."""
        cached = self.__dict__.get("_prefilter")
        if cached is None or cached[0] is not self.rules:
            from .prefilter import Prefilter

            cached = self.__dict__["_prefilter"] = (self.rules, Prefilter(self.rules, self.pieces, self.people_written))
        return cached[1]

    def _indexed(self) -> tuple:
        """(rules, rules by type, ids of restating rules), made again when the list is replaced."""
        cached = self.__dict__.get("_by_type")
        if cached is None or cached[0] is not self.rules:
            by_type: dict = {}
            running = [r for r in self.rules if r.id not in self.disabled]
            for r in running:
                by_type.setdefault(r.type, []).append(r)
            cached = self.__dict__["_by_type"] = (self.rules, by_type, frozenset(r.id for r in running if r.restates))
        return cached


def default_rules_dir() -> Path:
    """The rules shipped with relfacts: installed as relfacts/default_rules (see
    pyproject.toml), or the checkout's top-level rules/ when run from a checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "default_rules"
    if installed.is_dir() and any(installed.glob("*.yaml")):
        return installed
    return package.parent / "rules"


def data_file(name: str) -> Path:
    return Path(__file__).resolve().parents[1] / "data" / name


# the package's data files, each with the rule-file section it is written as, in the order they are read
DATA_FILES = (("countries.yaml", "countries"), ("people.yaml", "countries"), ("currencies.yaml", "currencies"),
              ("numbers.yaml", "numbers"), ("percent.yaml", "percent"))


def rule_files(paths) -> list[Path]:
    """The YAML files of the given files and folders, each once (naming the
    default folder again does not load it twice)."""
    out, seen = [], set()
    for p in paths:
        p = Path(p)
        found = sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file()) if p.is_dir() else [p]
        for q in found:
            key = q.resolve() if q.exists() else q
            if key not in seen:
                seen.add(key)
                out.append(q)
    return out


def load_ruleset(extra=(), include_defaults: bool = True, use_cache: bool = True,
                 compile_all: bool = False) -> RuleSet:
    """The rule set of the default rules (unless `include_defaults` is false) and the
    files and folders `extra`.  `use_cache`: read it from the rule cache, or build it and
    store it there.  `compile_all`: `regex` compiles every pattern now, also the default
    rules' patterns that PCRE2 runs (which otherwise wait until `regex` first runs one):
    `relfacts rules check`."""
    paths = ([default_rules_dir()] if include_defaults else []) + [Path(p) for p in extra]
    files = rule_files(paths)
    problems: list[str] = []
    for p in paths:
        if not p.exists():
            problems.append(f"{p}:0: no such file or folder")
    key = None
    if use_cache and not problems:
        key = _cache_key(files)
        cached = cache.load(key)
        if isinstance(cached, RuleSet):
            return _located(cached, files)
    from .compiler import build

    if (use_cache or compile_all) and not problems:
        # the unchanged patterns' translations and programs, from the rule set cached before: what
        # `regex` compiled then from the same text, so `compile_all` checks no less for taking them
        cache.seed()
    ruleset = build(files, problems, lazy_defaults=not compile_all)
    if use_cache:
        cache.store(key, ruleset)
    return ruleset


def _cache_key(files: list[Path]) -> str | None:
    # the package's files by their place in it: a key made at install time holds after it
    homes = {"rules": default_rules_dir(), "data": data_file("")}
    return cache.key_for([data_file(n) for n, _ in DATA_FILES] + files, homes)


def _located(ruleset: RuleSet, files: list[Path]) -> RuleSet:
    """A cached rule set with the paths of `files` (the same files by content:
    the key says so) where it was built from files elsewhere (at install time)."""
    now = [str(f) for f in files]
    if ruleset.files != now:
        where = dict(zip(ruleset.files, now))
        for item in [*ruleset.rules, *ruleset.types.values()]:
            item.file = where.get(item.file, item.file)
        ruleset.files = now
    return ruleset


def ship_defaults(folder: Path | None = None) -> Path:
    """Build the default rules and write their cache into the package
    (cache.SHIPPED), in place of any older one: the build step of
    `pip install .` (setup.py).  Built as a first run builds it: the patterns
    PCRE2 runs are not compiled by `regex` (the large ones, three minutes of the
    install, a cache keeps as their text alone, so compiling them gave a run
    nothing; a small one is compiled, in milliseconds, when `regex` first runs
    it).  tests/test_engine.py runs every rule on `regex` as well."""
    folder = Path(folder or cache.SHIPPED)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("rules-*.pickle"):
        old.unlink()
    files = rule_files([default_rules_dir()])
    key = _cache_key(files)
    cache.store(key, load_ruleset(use_cache=False), folder)
    path = folder / f"rules-{key}.pickle"
    if not path.is_file():
        raise RuntimeError(f"{path}: the default rules' cache could not be written")
    path.chmod(0o644)  # read by every user of an installation
    return path
