"""The pieces the facts code reads as plain word lists ("that|which"), not as patterns: a
quick test of the text (str.find, str.startswith, a set of words) before a pattern runs,
or a word compared as it is.  Their words are the rule set's (rules/pieces.yaml), read
once per rule set and kept with its pieces."""
from __future__ import annotations

from ..engine.lazy import LazyPattern
from ..memo import memo_of

# the pieces read as word lists (each is in ENGINE_PIECES too)
WORD_PIECES = ("relative_word", "earlier_one_hint", "world_part_name", "water_after_word", "water_of",
               "us_state_word", "any_office", "joining_word", "partner_joint", "vague_modifier", "generic_kind",
               "generic_topic", "town_particle", "loose_kind")
# a plain list: words (spaces allowed) between bars, no pattern syntax
_PLAIN = LazyPattern(r"[^\\()\[\]{}|?*+.^$]+(?:\|[^\\()\[\]{}|?*+.^$]+)*")


def plain_words(text: str) -> bool:
    """Whether the text is a plain list of words between bars, as a word-list piece must be."""
    return _PLAIN.fullmatch(text) is not None


def word_list_problems(pieces) -> dict[str, str]:
    """{name: what is wrong} for each word-list piece that is not a plain list of words."""
    found = {}
    for name in WORD_PIECES:
        if name in pieces:
            try:
                _words(pieces, name)
            except ValueError as e:
                found[name] = str(e)
    return found


def cue_words(pieces) -> dict[str, tuple[str, ...]]:
    """{name: its words} for the WORD_PIECES a rule set's pieces define, read once."""
    memo = memo_of(pieces, "_cue_words", 1)
    found = memo.get("all")
    if found is None:
        found = memo.put("all", {name: _words(pieces, name) for name in WORD_PIECES if name in pieces})
    return found


def _words(pieces, name: str) -> tuple[str, ...]:
    text = pieces.defined.get(name) or pieces.builtin.get(name) or ""  # as written: spaces are words' too
    if not plain_words(text):
        raise ValueError(f"piece {{{name}}} is read as a list of words: write it as words between bars "
                         f"('that|which'), not a pattern ({text!r})")
    return tuple(text.split("|"))


def word_sets(pieces) -> dict[str, frozenset[str]]:
    """{name: the set of its words}, as cue_words: for asking whether a word is one of them."""
    memo = memo_of(pieces, "_word_sets", 1)
    found = memo.get("all")
    if found is None:
        found = memo.put("all", {name: frozenset(words) for name, words in cue_words(pieces).items()})
    return found
