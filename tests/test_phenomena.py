"""The phenomena corpus: families of phrasings per fact type, kept beside the rules.

Each file tests/phenomena/<type>.yaml holds families of sentences; a case lists
the facts of that type a careful reader would annotate (``expect``), or none
(``expect: []``, a negative). Only the fields an expectation lists are compared:

- ``visitor``: the expected string is contained in the extracted one (case-insensitive);
- treaty ``name``: every expected word occurs in the extracted name (case-insensitive);
  a name written ``= the whole name`` must be the extracted name exactly (case-insensitive),
  for families that are about where a name ends;
- numbers: equal within 0.5%;
- lists (``countries``): equal as sorted lists;
- anything else (dates, codes, kinds, null): equal.

Every expected fact needs a distinct extracted fact, and the number of extracted
facts of the file's type must equal the number expected, so extras fail.

A case the code does not get right yet carries ``known_gap: "reason"``; it runs as
``xfail(strict=True)``, so a gap that starts passing fails the run until unmarked.

A family with ``enable: [rule ids]`` runs with those disabled rules running (a rule
file's ``switch: {enable: …}``): the phrasings of a convention one can turn on.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pytest
import yaml

import relfacts

CORPUS = Path(__file__).resolve().parent / "phenomena"
TYPES = ("visit", "treaty", "trade", "percentage")
CASE_KEYS = {"text", "published", "expect", "known_gap", "note"}


class CorpusError(ValueError):
    """A malformed phenomena file; the message names the file and family."""


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _norm(v):
    """YAML turns 2024-02-05 into a date; compare as ISO text."""
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.isoformat()
    return v


def load_file(path: Path) -> list[dict]:
    """The cases of one corpus file, each with an id; CorpusError when malformed."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise CorpusError(f"{path.name}: cannot read the corpus file: {e}") from e
    except yaml.YAMLError as e:
        raise CorpusError(f"{path.name}: not valid YAML: {e}") from e
    if not isinstance(doc, dict) or "type" not in doc or "families" not in doc:
        raise CorpusError(f"{path.name}: needs top-level 'type' and 'families'")
    ftype = doc["type"]
    if not isinstance(doc["families"], list) or not doc["families"]:
        raise CorpusError(f"{path.name}: 'families' must be a non-empty list")
    out, seen = [], set()
    for fi, fam in enumerate(doc["families"], 1):
        where = f"{path.name}, family #{fi}"
        if not isinstance(fam, dict) or not isinstance(fam.get("family"), str):
            raise CorpusError(f"{where}: each family needs a 'family' name")
        name = fam["family"]
        where = f"{path.name}, family {name!r}"
        slug = _slug(name)
        if slug in seen:
            raise CorpusError(f"{where}: family name used twice")
        seen.add(slug)
        enable = fam.get("enable", [])
        if not isinstance(enable, list) or not all(isinstance(i, str) for i in enable):
            raise CorpusError(f"{where}: 'enable' must be a list of rule ids")
        cases = fam.get("cases")
        if not isinstance(cases, list) or not cases:
            raise CorpusError(f"{where}: 'cases' must be a non-empty list")
        for ci, case in enumerate(cases, 1):
            cw = f"{where}, case {ci}"
            if not isinstance(case, dict):
                raise CorpusError(f"{cw}: a case must be a mapping")
            extra = set(case) - CASE_KEYS
            if extra:
                raise CorpusError(f"{cw}: unknown keys {sorted(extra)}")
            if not isinstance(case.get("text"), str) or not case["text"].strip():
                raise CorpusError(f"{cw}: 'text' must be a non-empty string")
            exp = case.get("expect")
            if not isinstance(exp, list) or not all(isinstance(e, dict) and e for e in exp):
                raise CorpusError(f"{cw}: 'expect' must be a list of non-empty mappings ([] for a negative)")
            gap = case.get("known_gap")
            if gap is not None and (not isinstance(gap, str) or not gap.strip()):
                raise CorpusError(f"{cw}: 'known_gap' must be a one-line reason")
            out.append({
                "id": f"{ftype}/{slug}/{ci}",
                "type": ftype,
                "text": case["text"],
                "published": _norm(case.get("published")),
                "expect": [{k: _norm(v) for k, v in e.items()} for e in exp],
                "known_gap": gap,
                "enable": tuple(enable),
            })
    return out


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def field_matches(field: str, ftype: str, want, got) -> bool:
    got = _norm(got)
    if want is None or got is None:
        return want is None and got is None
    if field == "visitor":
        return str(want).lower() in str(got).lower()
    if ftype == "treaty" and field == "name":
        if str(want).startswith("= "):
            return str(want)[2:].lower() == str(got).lower()
        return _words(str(want)) <= _words(str(got))
    if isinstance(want, bool) or isinstance(got, bool):
        return want == got
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        if want == 0:
            return got == 0
        return abs(got - want) <= 0.005 * abs(want)
    if isinstance(want, list) and isinstance(got, list):
        return sorted(map(str, want)) == sorted(map(str, got))
    return str(want) == str(got)


def fact_matches(ftype: str, want: dict, got: dict) -> bool:
    return all(field_matches(k, ftype, v, got.get(k)) for k, v in want.items())


def _assign(ftype, wants, gots, used=frozenset()):
    """A distinct extracted fact for every expected one (backtracking; lists are short)."""
    if not wants:
        return True
    first, rest = wants[0], wants[1:]
    for i, g in enumerate(gots):
        if i not in used and fact_matches(ftype, first, g) and _assign(ftype, rest, gots, used | {i}):
            return True
    return False


def compare(ftype: str, expect: list[dict], got: list[dict]) -> str | None:
    """None when the extracted facts of type ``ftype`` meet the expectation, else why not."""
    got = [g for g in got if g.get("type") == ftype]
    if len(got) != len(expect):
        return f"expected {len(expect)} {ftype} fact(s), extracted {len(got)}"
    if not _assign(ftype, expect, got):
        return "no one-to-one match between expected and extracted facts"
    return None


def _all_cases():
    params = []
    for t in TYPES:
        path = CORPUS / f"{t}.yaml"
        for c in load_file(path):
            if c["type"] != t:
                raise CorpusError(f"{path.name}: 'type' is {c['type']!r}, expected {t!r}")
            marks = [pytest.mark.xfail(strict=True, reason=c["known_gap"])] if c["known_gap"] else []
            params.append(pytest.param(c, id=c["id"], marks=marks))
    return params


@pytest.mark.parametrize("case", _all_cases())
def test_phenomenon(case):
    kw = {"published": case["published"]} if case["published"] else {}
    rules = relfacts.ruleset().switched(enable=case["enable"])
    got = [f.to_dict() for f in relfacts.extract(case["text"], rules=rules, **kw)]
    why = compare(case["type"], case["expect"], got)
    mine = [g for g in got if g.get("type") == case["type"]]
    shown = [{k: v for k, v in g.items() if k not in ("doc", "sentence", "span")} for g in mine]
    assert why is None, f"{why}\n text: {case['text']}\n expected: {case['expect']}\n extracted: {shown}"


# ---- the runner itself must be able to fail -------------------------------------


def test_comparison_rejects_wrong_expectation():
    text = "Bilateral trade reached $1.2 billion in 2024."
    got = [f.to_dict() for f in relfacts.extract(text, published="2025-02-12")]
    right = [{"amount": 1.2e9, "currency": "USD", "kind": "actual"}]
    assert compare("trade", right, got) is None
    # wrong amount, wrong kind, a missing fact, an expected negative: each must fail
    assert compare("trade", [{"amount": 2.0e9}], got) is not None
    assert compare("trade", [{"kind": "target"}], got) is not None
    assert compare("trade", right + right, got) is not None
    assert compare("trade", [], got) is not None


def test_comparison_rules():
    g = {"type": "visit", "visitor": "President William Ruto", "date": "2024-02-05"}
    assert compare("visit", [{"visitor": "william ruto"}], [g]) is None
    assert compare("visit", [{"visitor": "Ruto Kenya"}], [g]) is not None
    assert compare("visit", [{"date": "2024-02"}], [g]) is not None
    t = {"type": "treaty", "name": "Memorandum of Understanding on youth policy"}
    assert compare("treaty", [{"name": "memorandum youth policy"}], [t]) is None
    assert compare("treaty", [{"name": "memorandum on sport"}], [t]) is not None
    assert compare("treaty", [{"name": "= memorandum of understanding on youth policy"}], [t]) is None
    assert compare("treaty", [{"name": "= Memorandum of Understanding on youth"}], [t]) is not None
    n = {"type": "trade", "amount": 1004000000}
    assert compare("trade", [{"amount": 1.0e9}], [n]) is None
    assert compare("trade", [{"amount": 1.01e9}], [n]) is not None
    # two expected facts may not share one extracted fact
    assert compare("visit", [{"visitor": "Ruto"}, {"visitor": "Ruto"}], [g, {"type": "visit", "visitor": "X"}]) is not None


def test_malformed_case_names_file_and_family(tmp_path):
    bad = tmp_path / "visit.yaml"
    bad.write_text("type: visit\nfamilies:\n  - family: broken one\n    cases:\n      - text: 'A visit.'\n        expect: {visitor: X}\n")
    with pytest.raises(CorpusError, match=r"visit\.yaml, family 'broken one', case 1"):
        load_file(bad)
