"""End-to-end runs of `relfacts extract` on text written for these tests."""
import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

ARTICLE = """ date 2024-05-20 TASHKENT — Kazakh Foreign Minister Murat Nurtleu arrived in Tashkent on Sunday for an official visit.

Trade turnover between Kazakhstan and Uzbekistan reached $4.4 billion last year, up 12.6 percent.

The two countries aim to raise bilateral trade to $10 billion by 2030.

The ministers signed a memorandum of understanding on water management.
"""


def facts_of(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def one(facts, type_):
    found = [f for f in facts if f["type"] == type_]
    assert found, f"no {type_} fact"
    return found


def test_every_family_from_standard_input(run_cli):
    code, out, err = run_cli("extract", "-", "--format", "jsonl", input=ARTICLE)
    assert code == 0, err
    facts = facts_of(out)
    trade = {(f["amount"], f["kind"]): f for f in one(facts, "trade")}
    actual = trade[(4400000000, "actual")]
    assert (actual["currency"], actual["flow"], actual["date"], actual["countries"]) == ("USD", "turnover", "2023", ["KAZ", "UZB"])
    target = trade[(10000000000, "target")]
    assert target["date"] == "2030"
    (pct,) = one(facts, "percentage")
    assert (pct["value"], pct["direction"]) == (12.6, "increase")
    (treaty,) = one(facts, "treaty")
    assert (treaty["kind"], treaty["status"], treaty["name"]) == ("memorandum", "signed", "memorandum of understanding on water management")
    (visit,) = one(facts, "visit")
    assert (visit["visitor"], visit["origin"], visit["host"], visit["place"], visit["kind"], visit["date"]) == \
        ("Murat Nurtleu", "KAZ", "UZB", "Tashkent", "official", "2024-05-19")
    for f in facts:
        assert f["doc"] == "-"
        assert ARTICLE[f["span"][0]:f["span"][1]] == f["text"]
        assert f["text"] in f["sentence"]


def test_schema_worked_example(run_cli):
    text = (" date 2025-02-12 Kazakhstan and Tajikistan held talks. They noted a 7.4% increase in trade volume "
            "last year, reaching $1.2 billion, intending to achieve $2 billion.")
    code, out, _ = run_cli("extract", "-", "-f", "jsonl", input=text)
    got = [{k: f[k] for k in f if k not in ("doc", "span", "text", "sentence", "rule")} for f in facts_of(out)]
    assert got == [
        {"type": "percentage", "countries": ["KAZ", "TJK"], "date": "2024", "value": 7.4, "direction": "increase", "measure": "trade volume"},
        {"type": "trade", "countries": ["KAZ", "TJK"], "date": "2024", "amount": 1200000000, "currency": "USD", "flow": "turnover", "kind": "actual"},
        {"type": "trade", "countries": ["KAZ", "TJK"], "date": None, "amount": 2000000000, "currency": "USD", "flow": "turnover", "kind": "target"},
    ]


@pytest.mark.skipif(not (SHARED / "devset" / "seed.txt").exists(), reason="shared/devset is not beside the checkout")
def test_seed_gives_exactly_its_gold_facts(run_cli):
    code, out, _ = run_cli("extract", SHARED / "devset" / "seed.txt", "-f", "jsonl")
    gold = [json.loads(l) for l in (SHARED / "devset" / "seed.gold.jsonl").read_text().splitlines() if l.strip()]
    facts = facts_of(out)
    assert len(facts) == len(gold)
    for g in gold:
        assert any(all(f.get(k) == v for k, v in g.items()) for f in facts), g


def test_published_overrides_the_header(run_cli):
    code, out, _ = run_cli("extract", "-", "-f", "jsonl", "--published", "2020-06-01", input=ARTICLE)
    actual = next(f for f in facts_of(out) if f["type"] == "trade" and f["kind"] == "actual")
    assert actual["date"] == "2019"


def test_types_filter(run_cli):
    code, out, _ = run_cli("extract", "-", "-f", "jsonl", "--types", "visit,treaty", input=ARTICLE)
    assert {f["type"] for f in facts_of(out)} == {"visit", "treaty"}


def test_json_and_csv(run_cli):
    code, out, _ = run_cli("extract", "-", "-f", "json", input=ARTICLE)
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 5
    code, out, _ = run_cli("extract", "-", "-f", "csv", input=ARTICLE)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    trade = next(r for r in rows if r["type"] == "trade" and r["kind"] == "actual")
    assert (trade["amount"], trade["countries"], trade["span_start"] != "") == ("4400000000", "KAZ;UZB", True)


def test_output_file_format_from_its_ending(run_cli, tmp_path):
    target = tmp_path / "facts.json"
    code, out, _ = run_cli("extract", "-", "-o", target, input=ARTICLE)
    assert code == 0 and out == ""
    assert len(json.loads(target.read_text())) == 5


def test_table_is_what_a_person_reads(run_cli):
    code, out, _ = run_cli("extract", "-", input=ARTICLE)
    assert code == 0
    for heading in ("Trade figures (2)", "Percentages (1)", "Treaties (1)", "Visits (1)"):
        assert heading in out
    assert "4.4 bn" in out and "Murat Nurtleu" in out
    assert "5 facts: 2 trade, 1 percentage, 1 treaty, 1 visit" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_the_table_shows_the_evidence_as_written(run_cli):
    text = " date 2024-03-01\nNAIROBI - Trade between Kenya and the [b]EU[/b] :smile: [/x] was worth 3.3 billion euros in 2023.\n"
    code, out, err = run_cli("extract", "-", input=text)
    assert code == 0, err
    assert "Kenya and the [b]EU[/b] :smile: [/x] was worth" in out


def test_no_facts_is_not_an_error(run_cli):
    code, out, _ = run_cli("extract", "-", "-f", "jsonl", input="The weather was fine all week.")
    assert code == 0 and out == ""


@pytest.fixture
def bad_files(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    latin = tmp_path / "c1.txt"  # bytes that are no text in UTF-8, cp1252 or latin-1
    latin.write_bytes(b"Trade with Peru rose 5 percent in S\x81\x8d\x90\x9do Paulo." * 3)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    return good, binary, latin, empty, tmp_path / "missing.txt", tmp_path


def test_bad_inputs_are_named_and_the_rest_still_run(run_cli, bad_files):
    good, binary, latin, empty, missing, folder = bad_files
    code, out, err = run_cli("extract", binary, good, latin, empty, missing, "-f", "jsonl")
    assert code == 1
    assert len(facts_of(out)) == 5  # the good file's facts are all there
    lines = err.strip().splitlines()
    assert f"relfacts: error: {binary}: binary data, not text" in lines
    assert any(l.startswith(f"relfacts: error: {latin}: not text in UTF-8, UTF-16, UTF-32, cp1252 or latin-1 (byte 0x81")
               for l in lines)
    assert f"relfacts: error: {empty}: empty" in lines
    assert f"relfacts: error: {missing}: no such file" in lines
    assert "relfacts: 4 of 5 input(s) failed" in lines
    assert "Traceback" not in err


@pytest.mark.parametrize("args,message", [
    (("--published", "12/02/2025"), "--published: not a date (want YYYY-MM-DD)"),
    (("--types", "trade,weather"), "--types: unknown fact type(s) weather"),
    (("--rules", "/nonexistent/rules"), "/nonexistent/rules:0: no such file or folder"),
])
def test_bad_options_fail_with_one_clear_line(run_cli, args, message):
    code, out, err = run_cli("extract", "-", *args, input=ARTICLE)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_real_process_and_module_entry_point(tmp_path):
    sample = ROOT / "samples" / "kazakhstan-uzbekistan-trade.txt"
    proc = subprocess.run([sys.executable, "-m", "relfacts", "extract", str(sample), "--format", "jsonl"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    facts = facts_of(proc.stdout)
    assert {f["type"] for f in facts} == {"trade", "percentage", "treaty", "visit"}
    assert all(f["doc"] == str(sample) for f in facts)
