"""Rules are data: the words the code reads are pieces in the rule files (ENGINE_PIECES),
and no new English word is written into relfacts/facts/*.py (or the sentence splitter, or the
page furniture) as a pattern unnoticed."""
import ast

import pytest
import regex
from conftest import ROOT

from relfacts.engine.ruleset import ENGINE_PIECES, PIECES_ON_PCRE2, PIECES_ON_REGEX

FACTS = ROOT / "relfacts" / "facts"

# The words of 4+ letters still written into patterns in relfacts/facts (LazyPattern(...),
# regex.compile(...), a set of words, str.startswith/endswith), by file: none.  Move a list
# into a piece (rules/pieces.yaml, named in ENGINE_PIECES) rather than adding a word here;
# when a word leaves a file, take it off its list (the test asks for both).
STILL_IN_CODE: dict[str, set[str]] = {}
# Strings the code compares that are the rule files' own names, not words of a text (the
# same in a rule set for any language): a source's context ("partner", "pair_other" in
# rules/types.yaml), a status of the treaty type ("in_force", "mentioned"), a group a piece
# names ("partner" of partner_after).
NAMES_NOT_WORDS = {
    "agree.py": {"partner", "pair", "other"},  # GUESSES: the contexts "partner" and "pair_other"
    "dedupe.py": {"partner", "force", "mentioned",  # group partner; _RESTATED: "in_force", "mentioned"
                  "lead", "date", "published", "story"},  # _INHERITED_DATES: the contexts "lead_date", "published", "story_date"
    "contexts.py": {"signed", "ratified"},  # _DONE: the treaty type's statuses of what has happened
}

_PATTERN_CALLS = {"LazyPattern", "compile", "frozenset", "startswith", "endswith"}
# regex syntax, not words: \p{Lu}, \b, (?P<name>, (?P=name), \g<name>, (?(name), (?i:
_SYNTAX = regex.compile(r"\\[pPN]\{[^}]*\}|\\[A-Za-z]|\(\?P?<[^>]*>|\(\?P=\w+\)|\\g<[^>]*>|\(\?\(\w+\)|\(\?[a-zA-Z-]+[:)]")
_WORD = regex.compile(r"[A-Za-z]{4,}")


def pattern_words(source: str) -> set[str]:
    """The words of 4+ letters in the strings a module uses as patterns: the arguments of
    LazyPattern(...), regex.compile(...), frozenset(...), str.startswith/endswith, and sets."""
    texts = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in _PATTERN_CALLS:
                texts += [s.value for a in node.args for s in ast.walk(a)
                          if isinstance(s, ast.Constant) and isinstance(s.value, str)]
        elif isinstance(node, ast.Set):
            texts += [s.value for s in ast.walk(node) if isinstance(s, ast.Constant) and isinstance(s.value, str)]
    return {w for t in texts for w in _WORD.findall(_SYNTAX.sub(" ", t))}


def test_pattern_words_finds_a_new_literal_and_skips_regex_syntax():
    source = ('import regex\nX = LazyPattern(r"\\b(?P<place>\\p{Lu}\\w+)\\s+(?:visited|toured)\\b", regex.I)\n'
              'Y = frozenset({"deputy", "vice"})\nZ = regex.compile("(?i:landed)")\n'
              'ok = text.startswith(" Ocean")\nW = {"envoy": 1}\nname = "ignored elsewhere"\n')
    assert pattern_words(source) == {"visited", "toured", "deputy", "vice", "landed", "Ocean"}


# the facts code, and the sentence splitter and page furniture that read the rule set's words too
READ_WORDS = sorted(FACTS.glob("*.py")) + [ROOT / "relfacts" / "sentences.py", ROOT / "relfacts" / "furniture.py"]


@pytest.mark.parametrize("path", READ_WORDS, ids=lambda p: p.name)
def test_no_new_english_word_in_the_facts_code(path):
    found = pattern_words(path.read_text(encoding="utf-8"))
    allowed = STILL_IN_CODE.get(path.name, set()) | NAMES_NOT_WORDS.get(path.name, set())
    assert sorted(found - allowed) == [], "words for rules/pieces.yaml (a piece the code reads: ENGINE_PIECES)"
    assert sorted(allowed - found) == [], "no longer in the code: take them off STILL_IN_CODE / NAMES_NOT_WORDS"


def test_every_piece_the_code_reads_is_defined_in_the_rule_files(rules):
    known = set(rules.pieces.defined) | set(rules.pieces.builtin)
    assert sorted(set(ENGINE_PIECES) - known) == []
    assert sorted(set(PIECES_ON_REGEX) - set(ENGINE_PIECES)) == []
    assert sorted(set(PIECES_ON_PCRE2) & set(PIECES_ON_REGEX)) == []  # each piece is run one way


def test_every_piece_the_code_names_is_an_engine_piece():
    """A piece the code reads by name (pieces.compiled("…")) is built into the rule cache."""
    named = set()
    for path in (ROOT / "relfacts").rglob("*.py"):
        named |= set(regex.findall(r"""\bcompiled\(["'](\w+)["']\)""", path.read_text(encoding="utf-8")))
    assert len(named) > 20
    assert sorted(named - set(ENGINE_PIECES)) == []


def test_the_readme_says_which_pieces_a_language_provides():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sorted(n for n in ENGINE_PIECES if f"`{n}`" not in readme) == []


def test_the_pieces_read_as_words_are_lists_of_words(rules):
    from relfacts.engine.pieces import Pieces
    from relfacts.facts.words import WORD_PIECES, cue_words, word_sets

    assert sorted(set(WORD_PIECES) - set(ENGINE_PIECES)) == []
    words = cue_words(rules.pieces)
    assert sorted(words) == sorted(WORD_PIECES)
    assert words["relative_word"] == ("that", "which")
    assert words["earlier_one_hint"][0] == "after "  # spaces are kept: they are part of the word looked for
    assert "between" in word_sets(rules.pieces)["joining_word"]
    # another language's words are its own; a pattern where words are read is refused
    assert cue_words(Pieces({}, {"relative_word": "que|qui"}))["relative_word"] == ("que", "qui")
    with pytest.raises(ValueError, match="relative_word"):
        cue_words(Pieces({}, {"relative_word": r"th(?:at|is)"}))
