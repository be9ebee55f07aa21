"""Where a fact field's value comes from, as a rule file writes it.

    flow: turnover                               a literal value
    amount: {group: money, normalize: money.amount}   a matched group, normalized
    countries: {group: '_who+_partner', normalize: countries}
                                                 two groups' texts joined by " and"
    host: {group: hosts, normalize: countries, each: true}   one fact per country found
    date: {context: sentence_date}               computed from the document
    origin: [{group: origin, normalize: country}, {context: partner, of: host}]
                                                 a list: the first that gives a value
    status: {group: verb, map: {planned: 'will|to sign', signed: 'sign'}}
                                                 the first label whose regex is found in the group
    status: {nearest: {signed: 'signed', planned: 'will sign'}}
                                                 the label whose regex matches the sentence
                                                 nearest the evidence
    kind: [{clause: {target: 'aim|goal|could reach'}}, actual]
                                                 the first label whose regex is found in the
                                                 evidence's clause (the sentence between the
                                                 `clause_edge` pieces around it)
    kind: {context: piece_before, piece: list_noun, map: {memorandum: 'memorand', agreement: '.'}}
                                                 a context that searches a piece; `map`
                                                 labels a context's text as it does a group's
    date: [{context: evidence_date}, {context: lead_date, when: {status: '^signed$'}}]
                                                 `when`: a source used only for a fact whose
                                                 fields (computed first) match"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..memo import memoized
from .pieces import did_you_mean

COMMON_FIELDS = ("countries", "date")
SOURCE_KEYS = {"group", "normalize", "each", "context", "of", "piece", "value", "map", "nearest", "clause", "when"}


class SourceError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    group: str | None = None
    normalize: str | None = None
    each: bool = False
    context: str | None = None
    of: str | None = None      # the fields a context reads (computed first)
    piece: str | None = None   # the piece a context searches (piece_before, list_item)
    value: object = None
    is_literal: bool = False
    map: tuple = ()        # ((label, compiled regex), ...) applied to the group's (or context's) text
    nearest: tuple = ()    # ((label, compiled regex), ...) searched in the sentence
    clause: tuple = ()     # ((label, compiled regex), ...) searched in the evidence's clause
    when: tuple = ()       # ((field, compiled regex), ...): used only when those fields' values match

    def label(self, raw: str):
        """The first label of `map` whose regex is found in the text, or None."""
        return _first_label(self.map, raw)

    def describe(self) -> str:
        if self.is_literal:
            return f"literal {self.value!r}"
        if self.nearest:
            return "nearest cue in the sentence"
        if self.clause:
            return "cue in the clause"
        how = f" -> {self.normalize}" if self.normalize else (" -> map" if self.map else "")
        if self.group:
            return f"group {self.group}{how}"
        return f"context {self.context}" + (f"({self.of or self.piece})" if self.of or self.piece else "") + how


def _labels(table, compile_regex, key):
    if not isinstance(table, dict) or not table:
        raise SourceError(f"`{key}` must map values to regexes")
    out = []
    for label, pattern in table.items():
        try:
            out.append((label, compile_regex(str(pattern))))
        except Exception as e:  # PieceError or regex.error: reported with the rule's line
            raise SourceError(f"`{key}` {label!r}: {e}") from None
    return tuple(out)


def parse_sources(spec, compile_regex=None) -> list[Source]:
    from ..facts.fields import CONTEXTS, NORMALIZERS

    items = spec if isinstance(spec, list) else [spec]
    out = []
    for item in items:
        if isinstance(item, dict) and "when" in item:
            when = _labels(item["when"], compile_regex, "when")
            out.extend(replace(src, when=when) for src in parse_sources({k: v for k, v in item.items() if k != "when"}, compile_regex))
            continue
        if not isinstance(item, dict):
            if isinstance(item, list):
                raise SourceError("a list of sources cannot nest")
            out.append(Source(value=item, is_literal=True))
            continue
        unknown = set(item) - SOURCE_KEYS
        if unknown:
            raise SourceError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))} (use {', '.join(sorted(SOURCE_KEYS))})")
        if "nearest" in item:
            out.append(Source(nearest=_labels(item["nearest"], compile_regex, "nearest")))
        elif "clause" in item:
            out.append(Source(clause=_labels(item["clause"], compile_regex, "clause")))
        elif "value" in item:
            out.append(Source(value=item["value"], is_literal=True))
        elif "group" in item:
            norm = item.get("normalize")
            if norm is not None and norm not in NORMALIZERS:
                raise SourceError(f"unknown normalizer {norm!r}" + (did_you_mean(str(norm), NORMALIZERS)
                                  or f" (known: {', '.join(sorted(NORMALIZERS))})"))
            table = _labels(item["map"], compile_regex, "map") if "map" in item else ()
            out.append(Source(group=str(item["group"]), normalize=norm, each=bool(item.get("each")), map=table))
        elif "context" in item:
            if item["context"] not in CONTEXTS:
                raise SourceError(f"unknown context {item['context']!r}" + (did_you_mean(str(item["context"]), CONTEXTS)
                                  or f" (known: {', '.join(sorted(CONTEXTS))})"))
            table = _labels(item["map"], compile_regex, "map") if "map" in item else ()
            out.append(Source(context=item["context"], of=item.get("of"), piece=item.get("piece"), map=table,
                              each=bool(item.get("each"))))
        else:
            raise SourceError("a source needs one of: group, context, value")
    return out


@memoized()
def _first_label(table: tuple, raw: str):
    """The first label whose regex is found in the text (texts recur: each is read once per table)."""
    return next((label for label, rx in table if rx.search(raw)), None)
