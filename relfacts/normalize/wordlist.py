"""Turn a list of literal phrases into one fast regular expression.

A plain alternation of hundreds of names ("Kazakhstan|Kazakh|Kyrgyzstan|…")
makes the regex engine try every branch at every position.  A trie-shaped
pattern ("K(?:azakh(?:stan)?|yrgyzstan)") shares prefixes, so each position
costs a few character comparisons.  Used for country and currency names."""
from __future__ import annotations

import regex


def trie_pattern(phrases) -> str:
    """A non-capturing regex that matches exactly the given phrases, longest first."""
    trie: dict = {}
    for phrase in set(phrases):
        if not phrase:
            continue
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = True
    return _render(trie) if trie else "(?!)"


def first_chars(phrases) -> str:
    """A lookahead for the first characters of the phrases: a pattern that
    starts with one lets PCRE2 skip every other position at once (a lookbehind
    first hides where a match can start)."""
    chars = sorted({p[0] for p in phrases if p})
    return "(?=[" + "".join(regex.escape(c) for c in chars) + "])" if chars else "(?!)"


def _render(node: dict, escaped: dict | None = None) -> str:
    escaped = {} if escaped is None else escaped  # character -> regex.escape of it (called once each)
    branches = []
    for ch in sorted(k for k in node if k):
        out = []
        child = node[ch]
        while True:  # a run of single letters (most of a long name) written out at once
            out.append(escaped.get(ch) or escaped.setdefault(ch, regex.escape(ch)))
            if len(child) != 1 or "" in child:
                break
            ch, child = next(iter(child.items()))
        branches.append("".join(out) + _render(child, escaped))
    if not branches:
        return ""
    end = node.get("", False)
    if len(branches) == 1 and not end:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if end else body
