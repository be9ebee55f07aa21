"""`relfacts rules check|test|list`, `explain`, `eval`, user-defined fact types
and rules that cannot hang."""
import json
import re
import resource
import subprocess
import sys
import textwrap
import time

import pytest
import regex

from conftest import ROOT, SHARED

GOOD_RULE = """\
rules:
  - id: my.trade.worth
    type: trade
    description: "Trade worth a figure."
    pattern: 'trade\\s+worth\\s+(?P<money>{money})'
    anchor: money
    fields:
      amount: {group: money, normalize: money.amount}
      currency: {group: money, normalize: money.currency}
      flow: turnover
      kind: actual
"""

# (file content, line the message must name, words the message must hold)
BROKEN = {
    "yaml_syntax": ("rules:\n  - id: x\n    pattern: 'unclosed\n", 3, "YAML syntax"),
    "yaml_indent": ("rules:\n  - id: x\n   type: trade\n", 3, "YAML syntax"),
    "missing_keys": ("rules:\n  - id: my.a\n    type: trade\n", 2, "missing 'description'"),
    "unknown_type": ("rules:\n  - id: my.a\n    type: weather\n    description: d\n    pattern: 'x'\n", 3,
                     "unknown fact type 'weather'"),
    "unknown_field": (GOOD_RULE.replace("      kind: actual", "      kind: actual\n      colour: red"), 12,
                      "'trade' has no field 'colour'"),
    "unknown_piece": (GOOD_RULE.replace("{money}", "{mony}"), 5, "unknown piece {mony} (did you mean {money}"),
    "bad_regex": (GOOD_RULE.replace("trade\\s+worth", "trade(\\s+worth"), 5, "pattern does not compile"),
    # where the author wrote it, not in the pattern with its pieces put in (thousands of characters)
    "bad_regex_located": (GOOD_RULE.replace("(?P<money>{money})'", "(?P<money>{money}'"), 5,
                          "missing ) at character 34 of the pattern as written, near 'worth\\\\s+(?P<money>{money}'"),
    "unmapped_group": (GOOD_RULE.replace("(?P<money>{money})", "(?P<money>{money})(?P<extra>x)?"), 5,
                       "group(s) extra map to no field"),
    "duplicate_id": (GOOD_RULE + GOOD_RULE.split("rules:\n", 1)[1], 12, "duplicate rule id 'my.trade.worth'"),
    "bad_enum": (GOOD_RULE.replace("flow: turnover", "flow: smuggling"), 10, "'smuggling' is not one of"),
    "unknown_normalizer": (GOOD_RULE.replace("normalize: money.amount", "normalize: money.amont"), 8,
                           "unknown normalizer 'money.amont'"),
    "missing_group": (GOOD_RULE.replace("{group: money, normalize: money.currency}", "{group: cash, normalize: money.currency}"), 9,
                      "reads group 'cash', which the pattern does not have"),
    "unknown_section": ("rulez:\n  - id: x\n", 1, "unknown section 'rulez'"),
    "airports_as_list": ("countries:\n  NAM: {airports: [Hosea Kutako Airport]}\n", 2,
                         "NAM.airports: expected a mapping of names to cities"),
    "bad_country_code": ("countries:\n  XYZ: {names: [Freedonia]}\n", 2, "'XYZ' is not an ISO 3166-1 alpha-3 country code"),
    "bad_example": (GOOD_RULE + "    examples:\n      - text: Trade worth $5 billion.\n        expect: 12\n", 13,
                    "example `expect` must be a mapping"),
    "override_of_no_field": (GOOD_RULE.replace("rules:\n", "types:\n  deal:\n    description: d\n    fields:\n"
                                                           "      size: {type: number}\n    overrides:\n"
                                                           "      colour: red\nrules:\n", 1), 7,
                             "overrides for 'colour', which is not a field of the type"),
    "alike_without_subsume": ("types:\n  deal:\n    description: d\n    fields:\n      name: {type: string}\n"
                              "    subsume_alike: 'deal|pact'\n", 6, "subsume_alike needs subsume"),
    "new_without_subsume": ("types:\n  deal:\n    description: d\n    fields:\n      name: {type: string}\n"
                            "    subsume_new: 'revised'\n", 6, "subsume_new needs subsume"),
    "required_field_unset": (GOOD_RULE.replace("      kind: actual\n", ""), 7, "required field 'kind' of 'trade' is not set"),
    "added_to_no_piece": ("pieces:\n  vist_word+: 'dropped\\s+in'\n", 2,
                          "piece vist_word+ adds to a piece no rule file defines (did you mean visit_word"),
    "added_to_a_builtin": ("pieces:\n  country+: 'Freedonia'\n", 2, "piece country+: {country} is built in"),
    "added_words_not_a_list": ("pieces:\n  relative_word+: 'wh(?:om|ose)'\n", 2,
                               "piece relative_word+: {relative_word} is read as a list of words"),
    "added_text_does_not_compile": ("pieces:\n  visit_word+: 'drop(ped'\n", 2, "piece visit_word+: missing )"),
    "added_to_an_engine_piece": ("pieces:\n  courtesy_title+: 'Sheikh('\n", 2, "piece courtesy_title+: missing )"),
    "switch_of_no_rule": ("switch:\n  enable: [visit.companion]\n", 2,
                          "switch: no rule 'visit.companion' (did you mean 'visit.companions'"),
    "switch_unknown_key": ("switch:\n  turn_on: [visit.companions]\n", 2, "switch: unknown key 'turn_on'"),
    "switch_not_a_list": ("switch:\n  disable: visit.companions\n", 2, "switch: 'disable' must be a list of rule ids"),
    "added_refers_to_itself": ("pieces:\n  visit_word+: '{visit_word}|popped\\s+in'\n", 2,
                               "piece visit_word+: refers to {visit_word}, the piece it adds to"),
}

# a rule file of one's own for a phrasing whose verb the visit type's trigger ({visit_word})
# does not read: its `visit_word+` piece adds the verb
DROPPED_IN = (ROOT / "tests" / "data" / "own-rules" / "dropped-in.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_rules_check_names_file_line_and_problem(run_cli, tmp_path, name):
    content, line, words = BROKEN[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    code, out, err = run_cli("rules", "check", path)
    assert code == 1
    lines = [l for l in out.splitlines() if l.startswith(f"{path}:")]
    assert lines, out
    assert any(l.startswith(f"{path}:{line}:") and words in l for l in lines), out
    if name.startswith("added_"):  # a piece's addition is told once, where it is written, not in every rule using it
        assert [l for l in out.splitlines() if ": " in l and not l.startswith(f"{path}:")] == [], out


def test_rules_check_passes_a_good_file(run_cli, tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD_RULE, encoding="utf-8")
    code, out, _ = run_cli("rules", "check", tmp_path)
    assert code == 0 and "no problems" in out


def test_broken_rules_fail_extract_with_the_same_message(run_cli, tmp_path):
    content, line, words = BROKEN["unknown_piece"]
    (tmp_path / "r.yaml").write_text(content, encoding="utf-8")
    code, out, err = run_cli("extract", "-", "--rules", tmp_path, input="Trade worth $5 billion.")
    assert code == 2
    assert f"{tmp_path / 'r.yaml'}:{line}:" in err and words in err
    assert "Traceback" not in err


def test_rules_test_reports_each_failing_example_with_its_diff(run_cli, tmp_path):
    rule = GOOD_RULE + (
        "    examples:\n"
        "      - text: Trade worth $5 billion was reported.\n"
        "        expect: {amount: 5000000000, currency: USD}\n"
        "      - text: Trade worth €2 billion was reported.\n"
        "        expect: {amount: 2000000000, currency: USD}\n"
        "      - text: Trade worth $1 billion was reported.\n"
        "        expect: none\n")
    (tmp_path / "r.yaml").write_text(rule, encoding="utf-8")
    code, out, _ = run_cli("rules", "test", tmp_path)
    assert code == 1
    assert "1 passed, 2 failed" in out
    assert f"FAIL {tmp_path / 'r.yaml'}:15: my.trade.worth" in out
    assert "currency: expected 'USD', got 'EUR'" in out
    assert f"FAIL {tmp_path / 'r.yaml'}:17: my.trade.worth" in out
    assert "expected no fact, got 1" in out


def test_a_piece_of_ones_own_adds_words_to_a_default_piece_and_rules_test_says_when_it_is_needed(run_cli, tmp_path):
    rule = tmp_path / "dropped_in.yaml"
    without_piece, n = regex.subn(r"(?m)^pieces:\n.*\n", "", DROPPED_IN)
    assert n == 1
    rule.write_text(without_piece, encoding="utf-8")
    code, out, _ = run_cli("rules", "test", tmp_path)
    assert code == 1 and "1 passed, 2 failed" in out
    assert out.count("expected a fact, got none; the trigger of type 'visit' ({visit_word}|{telegraphic_trip}) finds nothing") == 2
    rule.write_text(DROPPED_IN, encoding="utf-8")
    code, out, _ = run_cli("rules", "test", tmp_path)
    assert code == 0 and "3 passed, 0 failed" in out, out
    text = "ACCRA, May 4 - Ghanaian Trade Minister Kofi Mensah dropped in on Togo on Saturday, then flew home."
    code, out, err = run_cli("extract", "-", "--rules", tmp_path, "-f", "jsonl", "--published", "2025-05-04", input=text)
    assert code == 0, err
    assert [(f["rule"], f["visitor"], f["host"], f["date"]) for f in map(json.loads, out.splitlines())] == [
        ("my.visit.dropped_in", "Kofi Mensah", "TGO", "2025-05-03")]
    code, out, _ = run_cli("extract", "-", "-f", "jsonl", "--published", "2025-05-04", input=text)
    assert code == 0 and out == ""  # the default rules do not read the phrasing


def test_rules_test_on_the_defaults_passes(run_cli):
    code, out, _ = run_cli("rules", "test")
    assert code == 0
    assert ", 0 failed" in out


def test_rules_list(run_cli):
    code, out, _ = run_cli("rules", "list")
    assert code == 0
    assert "trade.amount.after_cue" in out and "visit.person.verb" in out


def test_explain_shows_rules_outcomes_and_sources(run_cli):
    text = " date 2025-02-12 Trade between Kazakhstan and Tajikistan reached $1.2 billion last year."
    code, out, _ = run_cli("explain", "-", input=text)
    assert code == 0
    assert "✓ fact  trade.amount.after_cue" in out
    assert "group money “$1.2 billion” -> money.amount" in out
    assert "context sentence_date" in out


USER_TYPE = """\
types:
  investment:
    description: Money one country invests in another.
    fields:
      amount: {type: number, required: true}
      currency: {type: string, required: true}
      investor: {type: country, required: true}
      target: {type: country}
    trigger: 'invest'
rules:
  - id: investment.country_invests
    type: investment
    description: '"China will invest $5 billion in Kenya".'
    pattern: '(?P<investor>{place_name})\\s+(?:will\\s+|plans\\s+to\\s+)?invests?\\s+(?P<money>{money})\\s+in\\s+(?P<target>{place_name})'
    anchor: money
    fields:
      amount: {group: money, normalize: money.amount}
      currency: {group: money, normalize: money.currency}
      investor: {group: investor, normalize: country}
      target: {group: target, normalize: country}
      countries: {context: codes_of, of: 'investor,target'}
    examples:
      - text: "China will invest $5 billion in Kenya."
        expect: {amount: 5000000000, investor: CHN, target: KEN}
      - text: "Qatar plans to invest USD 10 billion in India."
        expect: {currency: USD, investor: QAT}
      - text: "Investors like Kenya."
        expect: none
"""


def test_user_defined_fact_type_flows_through_outputs(run_cli, tmp_path):
    (tmp_path / "investment.yaml").write_text(USER_TYPE, encoding="utf-8")
    text = "Qatar plans to invest USD 10 billion in India, officials said."
    code, out, err = run_cli("extract", "-", "--rules", tmp_path, "-f", "jsonl", input=text)
    assert code == 0, err
    (fact,) = [json.loads(l) for l in out.splitlines() if '"investment"' in l]
    assert (fact["amount"], fact["currency"], fact["investor"], fact["target"], fact["countries"]) == \
        (10000000000, "USD", "QAT", "IND", ["IND", "QAT"])
    code, out, _ = run_cli("extract", "-", "--rules", tmp_path, input=text)
    assert "Investment (1)" in out and "QAT" in out and "investor" in out
    code, out, _ = run_cli("rules", "test", tmp_path)
    assert code == 0 and "3 passed, 0 failed" in out


def test_a_types_overrides_come_before_every_rules_own(tmp_path):
    import relfacts

    staged = USER_TYPE.replace("      target: {type: country}\n",
                               "      target: {type: country}\n      stage: {enum: [announced, dropped]}\n")
    staged = staged.replace("    trigger: 'invest'\n",
                            "    trigger: 'invest'\n    overrides:\n      stage: [{clause: {dropped: '\\bscrapped\\b'}}]\n")
    staged = staged.replace("      countries: {context: codes_of, of: 'investor,target'}\n",
                            "      countries: {context: codes_of, of: 'investor,target'}\n      stage: announced\n")
    (tmp_path / "investment.yaml").write_text(staged, encoding="utf-8")
    rules = relfacts.ruleset([tmp_path])
    said = "China will invest $5 billion in Kenya, officials said."
    scrapped = "China will invest $5 billion in Kenya, a plan the cabinet scrapped in May."
    assert [f.get("stage") for f in relfacts.extract(said, rules=rules) if f.type == "investment"] == ["announced"]
    assert [f.get("stage") for f in relfacts.extract(scrapped, rules=rules) if f.type == "investment"] == ["dropped"]


def test_a_types_skip_keeps_its_rules_off_a_question(tmp_path):
    import relfacts

    asking = USER_TYPE.replace("    trigger: 'invest'\n", "    trigger: 'invest'\n    skip: '(?-i:Will)\\s[^?.]+\\?'\n")
    (tmp_path / "investment.yaml").write_text(asking, encoding="utf-8")
    rules = relfacts.ruleset([tmp_path])
    said = "China will invest $5 billion in Kenya. Will Qatar invest $2 billion in India?"
    assert [(f.get("investor"), f.get("amount")) for f in relfacts.extract(said, rules=rules)
            if f.type == "investment"] == [("CHN", 5e9)]


CATASTROPHIC = """\
types:
  stutter:
    description: A test type.
    fields:
      run: {type: string, required: true}
    trigger: 'a'
rules:
  - id: user.catastrophic
    type: stutter
    description: Nested quantifiers that backtrack without end.
    pattern: '(?P<run>(a+)+)$'
    timeout: 0.2
    fields:
      run: {group: run, normalize: text}
"""


def test_a_catastrophic_rule_cannot_hang_a_batch(tmp_path):
    (tmp_path / "bad.yaml").write_text(CATASTROPHIC.replace("(a+)+)$'", "(a+)+)$'").replace("(?P<run>(a+)+)$", "(?P<run>(?:a+)+)b"), encoding="utf-8")
    docs = []
    for i in range(3):
        doc = tmp_path / f"doc{i}.txt"
        doc.write_text("Trade rose 5 percent. " + "a" * 30000 + "!", encoding="utf-8")
        docs.append(str(doc))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "relfacts", "extract", "--rules", str(tmp_path), "-f", "jsonl", *docs],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    # unbounded backtracking over 30,000 characters would run for ever: any bound far
    # below that shows the time limit worked.  CPU seconds, not wall time: a loaded
    # machine stretches the wall time of a run that builds a rule cache past any bound
    assert cpu < 45
    assert proc.returncode == 0, proc.stderr
    assert "rule user.catastrophic took over 0.2s and was skipped for this document" in proc.stderr
    assert proc.stdout.count('"percentage"') == 3  # the other rules still ran on every document


@pytest.mark.skipif(not (SHARED / "devset").is_dir(), reason="shared/devset is not beside the checkout")
def test_eval_agrees_with_the_shared_scorer(run_cli, tmp_path):
    code, ours, _ = run_cli("eval", SHARED / "devset", "--json")
    assert code == 0
    preds = tmp_path / "pred.jsonl"
    code, out, _ = run_cli("extract", *sorted((SHARED / "devset").glob("*.txt")), "-f", "jsonl")
    preds.write_text(out)
    theirs = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(SHARED / "devset"),
                             "--pred", str(preds), "--json"], capture_output=True, text=True, check=True).stdout
    assert json.loads(ours) == json.loads(theirs)


def test_the_readme_walkthrough_rule_passes_its_own_tests(run_cli, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("Write `my-rules/goods.yaml`:", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    (tmp_path / "goods.yaml").write_text(textwrap.dedent(block), encoding="utf-8")
    code, out, _ = run_cli("rules", "test", tmp_path)
    assert code == 0 and "3 passed, 0 failed" in out


def test_a_rule_folder_extends_country_and_currency_data(run_cli, tmp_path):
    (tmp_path / "data.yaml").write_text(
        "countries:\n  KAZ: {names: [Qazaqstan], demonyms: [Qazaq], capitals: []}\n"
        "currencies:\n  KZT: {before: [KZT], after: [tenge, teńge]}\n", encoding="utf-8")
    text = "Trade between Qazaqstan and Tajikistan reached 500 billion teńge last year."
    code, out, err = run_cli("extract", "-", "--rules", tmp_path, "-f", "jsonl", "--published", "2025-01-10", input=text)
    assert code == 0, err
    (fact,) = [json.loads(l) for l in out.splitlines()]
    assert (fact["amount"], fact["currency"], fact["countries"], fact["date"]) == (500000000000, "KZT", ["KAZ", "TJK"], "2024")


def test_a_switch_enables_a_disabled_default_rule_and_disables_one_that_runs(run_cli, tmp_path):
    # those who travel with a visitor are no visits of their own by default (visit.companions is
    # disabled); a rule file of one's own counts them, or stops a rule that runs
    text = ("Kenyan President William Ruto flew to Oslo on Monday. He is accompanied by Trade Minister "
            "Lee Kinyanjui and Foreign Minister Musalia Mudavadi.")

    def visitors(*rules):
        args = [a for r in rules for a in ("--rules", r)]
        code, out, err = run_cli("extract", "-", *args, "-f", "jsonl", "--published", "2025-06-03", input=text)
        assert code == 0, err
        return sorted(json.loads(l)["visitor"] for l in out.splitlines())

    assert visitors() == ["William Ruto"]
    (tmp_path / "on").mkdir()
    (tmp_path / "on" / "on.yaml").write_text("switch:\n  enable: [visit.companions]\n", encoding="utf-8")
    assert visitors(tmp_path / "on") == ["Lee Kinyanjui", "Musalia Mudavadi", "William Ruto"]
    (tmp_path / "off").mkdir()
    (tmp_path / "off" / "off.yaml").write_text("switch:\n  disable: [visit.person.verb]\n", encoding="utf-8")
    assert visitors(tmp_path / "off") == []
    disabled = []
    for rules in ([], ["--rules", tmp_path / "on"]):
        code, out, _ = run_cli("rules", "list", *rules)
        assert code == 0 and "visit.companions" in out
        disabled.append(int(re.search(r"(\d+) disabled", out).group(1)))
    assert disabled[1] == disabled[0] - 1  # the one the switch enables


def test_a_list_valued_normalizer_without_each_gives_its_first_item(run_cli, tmp_path):
    # `persons` gives a list; a field that holds one value takes the first, rather than crashing
    (tmp_path / "r.yaml").write_text(textwrap.dedent("""\
        rules:
          - id: my.dropped_in
            type: visit
            description: "Dropped in on a country."
            pattern: '(?P<visitor>{person})\\s+dropped\\s+in\\s+on\\s+(?P<hosts>{place_name})'
            fields:
              visitor: {group: visitor, normalize: persons}
              host: {group: hosts, normalize: country}
              origin: KEN
        pieces:
          visit_word+: 'dropped\\s+in'
        """), encoding="utf-8")
    code, out, err = run_cli("extract", "-", "--rules", tmp_path, "-f", "jsonl", "--published", "2025-03-12",
                             input="William Ruto dropped in on Namibia last week.")
    assert code == 0, err
    assert [(f["visitor"], f["host"]) for f in map(json.loads, out.splitlines())] == [("William Ruto", "NAM")]


def test_a_rule_folder_adds_an_airport_that_places_a_visit_in_its_city(run_cli, tmp_path):
    (tmp_path / "airports.yaml").write_text(
        "countries:\n  NAM: {airports: {\"Luderitz Airport\": Luderitz}}\n", encoding="utf-8")
    text = "Kenyan President William Ruto landed at Luderitz Airport on Monday for a state visit."
    code, out, err = run_cli("extract", "-", "--rules", tmp_path, "-f", "jsonl", "--published", "2025-03-12", input=text)
    assert code == 0, err
    visits = [json.loads(l) for l in out.splitlines()]
    assert [(v["visitor"], v["host"], v["place"], v["date"]) for v in visits] == [
        ("William Ruto", "NAM", "Luderitz", "2025-03-10")]
    code, out, err = run_cli("extract", "-", "-f", "jsonl", "--published", "2025-03-12", input=text)
    assert code == 0 and out == ""  # the default data does not know that airport


def test_the_rule_cache_key_follows_the_code_that_builds_rules(tmp_path, monkeypatch):
    import os

    from relfacts.engine import cache

    module = tmp_path / "builder.py"
    module.write_text("A = 1\n")
    monkeypatch.setattr(cache, "_PACKAGE", tmp_path)
    before = cache.key_for([])
    module.write_text("A = 22\n")
    os.utime(module, ns=(1, 1))
    assert cache.key_for([]) != before


def test_a_key_written_twice_is_an_error_with_its_line(tmp_path):
    import pytest

    from relfacts.engine.yamlfile import YamlError, load

    f = tmp_path / "dup.yaml"
    f.write_text("rules:\n  - id: a.b\n    fields: {kind: {group: k, map: {other: 'x', agreement: '.', other: 'y'}}}\n")
    with pytest.raises(YamlError) as e:
        load(f)
    assert "dup.yaml:3" in str(e.value) and "'other' is written twice" in str(e.value)


def test_rules_check_reports_every_problem_of_a_file_in_one_run(run_cli, tmp_path):
    (tmp_path / "bad.yaml").write_text("""rules:
  - id: my.a
    type: trade
    pattern: '(?P<money>{money})'
    anchor: money
    fields:
      amount: {group: money, normalize: money.amont}
      currency: {group: money, normalize: money.currency}
      flow: turnover
      kind: actual
      date: {context: sentence_dat}
  - id: my.b
    type: trade
    pattern: '(?P<money>{mony})'
    anchor: money
    fields:
      amount: {group: money, normalize: money.amount}
""", encoding="utf-8")
    code, out, _ = run_cli("rules", "check", tmp_path / "bad.yaml")
    assert code == 1
    lines = [line.split(": ", 1)[1] for line in out.splitlines()]
    assert lines == [
        "rule my.a: missing 'description'",
        "rule my.a: field 'amount': unknown normalizer 'money.amont' (did you mean money.amount?)",
        "rule my.a: field 'date': unknown context 'sentence_dat' (did you mean sentence_date, sentence_capital, "
        "evidence_date?)",
        "rule my.b: missing 'description'",
        "rule my.b: unknown piece {mony} (did you mean {money}, {demonym}, {month}?)",
    ]


def test_the_readme_describes_every_context_and_normalizer_a_rule_can_name():
    from relfacts.facts.contexts import CONTEXTS
    from relfacts.facts.normalizers import NORMALIZERS
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in [*CONTEXTS, *NORMALIZERS] if f"`{name}`" not in readme]
    assert missing == []
