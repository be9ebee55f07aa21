"""The guarantees of issue 9: no input crashes the library or stops a batch,
time stays linear in the input, rule files cannot hang, explode or lie, and
databases survive sharing, full disks and foreign schemas."""
import datetime as dt
import json
import os
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import relfacts
from relfacts.normalize.dates import DateResolver

TRADE = "Kazakhstan and Uzbekistan trade reached $5 billion {when}."


# ------------------------------------------------------------ dates at the edges
@pytest.mark.parametrize("published, when", [
    ("0001-01-01", "on Wednesday"), ("9999-12-31", "tomorrow"), ("0001-01-01", "last year"),
    ("9999-12-15", "next month"), ("1799-12-31", "in 2024"), ("2201-01-01", "last year"),
])
def test_a_publication_date_outside_1800_2200_is_refused(published, when):
    with pytest.raises(ValueError, match="outside the years 1800-2200"):
        relfacts.extract(TRADE.format(when=when), published=published)
    with pytest.raises(ValueError, match="outside the years 1800-2200"):
        relfacts.extract(TRADE.format(when=when), published=dt.date.fromisoformat(published))


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1, 3, 1)])
@pytest.mark.parametrize("expression", ["on Wednesday", "tomorrow", "yesterday", "last year", "next year",
                                        "next month", "last month", "next Friday", "last March", "next December",
                                        "on Feb. 12", "January-March"])
def test_date_arithmetic_at_the_ends_of_the_calendar_gives_a_date_or_none(published, expression):
    value = DateResolver(published).resolve(expression)
    assert value is None or (value[:4].isdigit() and 1 <= int(value[:4]) <= 9999)


def test_a_datetime_as_publication_date_gives_dates_without_a_time():
    facts = relfacts.extract(TRADE.format(when="on Wednesday"), published=dt.datetime(2025, 2, 12, 13, 5))
    assert [f.date for f in facts] == ["2025-02-12"]


def test_a_date_header_outside_the_range_is_ignored_with_a_warning(run_cli, tmp_path):
    path = tmp_path / "old.txt"
    path.write_text(" date 0001-01-01\n" + TRADE.format(when="on Wednesday") + "\n", encoding="utf-8")
    code, out, err = run_cli("extract", "-f", "jsonl", path)
    assert code == 0
    assert [json.loads(line)["date"] for line in out.splitlines()] == [None]
    assert f"warning: {path}: date header ignored: publication date 0001-01-01 is outside the years 1800-2200" in err


def test_published_option_outside_the_range_is_one_line(run_cli):
    code, out, err = run_cli("extract", "--published", "9999-12-31", "-", input=TRADE.format(when="tomorrow"))
    assert code == 2 and err.strip() == ("relfacts: error: --published: publication date 9999-12-31 "
                                         "is outside the years 1800-2200")


# ------------------------------------------------------------ a batch goes on
def _good(tmp_path, name="good.txt"):
    path = tmp_path / name
    # its own content (a copy of another file's content is stored once): the path in a closing line
    path.write_text(" date 2025-02-12\n" + TRADE.format(when="in 2024") + f"\nFiled as {path!r}.\n", encoding="utf-8")
    return path


def test_a_fifo_is_refused_at_once(run_cli, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening it would wait for ever
    code, out, err = run_cli("extract", "-f", "jsonl", fifo, _good(tmp_path))
    assert code == 1
    assert f"relfacts: error: {fifo}: not a regular file (a FIFO)" in err
    assert len(out.splitlines()) == 1  # the good file's fact


def test_a_document_that_breaks_the_library_costs_only_itself(run_cli, tmp_path, monkeypatch):
    import relfacts.api

    real = relfacts.api.extract_document

    def breaks_on_poison(text, *args, **kw):
        if "poison" in text:
            raise RuntimeError("a bug")
        return real(text, *args, **kw)

    monkeypatch.setattr(relfacts.api, "extract_document", breaks_on_poison)
    bad = tmp_path / "bad.txt"
    bad.write_text("poison " + TRADE.format(when="in 2024"), encoding="utf-8")
    good = _good(tmp_path)
    db = tmp_path / "facts.sqlite"
    for _ in range(3):  # --resume records the failure again and moves on, one row per path
        code, out, err = run_cli("extract", "-w", "1", "-q", "-o", db, "--resume", bad, good)
        assert code == 1
        assert f"relfacts: error: {bad}: failed (RuntimeError: a bug)" in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT path FROM documents").fetchall() == [(str(good),)]
    assert conn.execute("SELECT path, message FROM errors").fetchall() == [(str(bad), "failed (RuntimeError: a bug)")]


def test_odd_file_names_cannot_forge_lines_and_reach_every_output(run_cli, tmp_path):
    forged = _good(tmp_path, "a\nrelfacts: error: forged\x1b[31m.txt")
    latin = tmp_path / os.fsdecode(b"caf\xe9.txt")
    latin.write_bytes(forged.read_bytes() + b"A second copy.\n")  # its own content: a copy is stored once
    missing = tmp_path / "gone\n.txt"
    code, out, err = run_cli("extract", "-f", "jsonl", "-q", forged, latin, missing)
    assert code == 1
    assert [json.loads(line)["doc"] for line in out.splitlines()] == [str(forged), str(tmp_path / "caf\\xe9.txt")]
    assert err.splitlines() == [f"relfacts: error: {tmp_path}/gone\\n.txt: no such file",
                                "relfacts: 1 of 3 input(s) failed"]
    code, out, err = run_cli("extract", "-q", "-o", tmp_path / "f.sqlite", forged, latin)
    assert code == 0, err
    conn = sqlite3.connect(tmp_path / "f.sqlite")
    assert sorted(conn.execute("SELECT path FROM documents")) == sorted([(str(forged),), (str(tmp_path / "caf\\xe9.txt"),)])
    code, out, err = run_cli("extract", "-f", "csv", forged, latin)
    assert code == 0 and "caf\\xe9.txt" in out
    code, out, err = run_cli("extract", forged, latin)  # the table on the terminal
    assert code == 0 and "forged\\x1b[31m" in out and "\x1b" not in out


# ------------------------------------------------------------ databases shared and full
def test_a_full_disk_ends_with_one_line_and_keeps_the_database(run_cli, tmp_path):
    first, second = _good(tmp_path, "first.txt"), tmp_path / "second.txt"
    second.write_text("".join(f"Kazakhstan and Uzbekistan trade reached ${i} million in 2024.\n"
                              for i in range(1, 300)), encoding="utf-8")  # more than the free room of a page
    db = tmp_path / "facts.sqlite"
    assert run_cli("extract", "-q", "-o", db, first)[0] == 0
    pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]
    import relfacts.output.sqlite as out

    real = out.connect

    def full(path):  # the disk holds no page more than the database has now
        conn = real(path)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    import unittest.mock
    with unittest.mock.patch.object(out, "connect", full):
        code, stdout, err = run_cli("extract", "-q", "-w", "1", "-o", db, second)
    assert code == 2
    assert err.splitlines() == [f"relfacts: error: {db}: database or disk is full; the documents written before are kept"]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT path FROM documents").fetchall() == [(str(first),)]
    assert conn.execute("SELECT COUNT(*) FROM facts").fetchone() == (1,)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_a_full_disk_on_a_stream_ends_with_one_line(run_cli, tmp_path, monkeypatch, fmt):
    import errno
    import io

    class FullDisk(io.StringIO):
        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("relfacts.pipeline.open", lambda *a, **kw: FullDisk(), raising=False)
    out = tmp_path / f"facts.{fmt}"
    code, stdout, err = run_cli("extract", "-q", "-o", out, _good(tmp_path))
    assert code == 2
    assert err.splitlines() == [f"relfacts: error: {out}: No space left on device"]


def test_a_foreign_database_is_refused_and_left_as_it_was(run_cli, tmp_path):
    db = tmp_path / "shop.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO documents (title) VALUES ('invoice')")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    code, out, err = run_cli("extract", "-q", "-o", db, _good(tmp_path))
    assert code == 2
    assert err.splitlines() == [f"relfacts: error: {db}: not a relfacts database (its table(s) documents are not "
                                "relfacts'); it was left as it was: choose another --output"]
    assert db.read_bytes() == before


def test_two_processes_writing_one_database_both_keep_their_facts(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    folders = []
    for k in range(2):
        folder = tmp_path / f"in{k}"
        folder.mkdir()
        for i in range(30):
            _good(folder, f"doc{i}.txt")
        folders.append(folder)
    db = tmp_path / "facts.sqlite"
    runs = [subprocess.Popen([sys.executable, "-m", "relfacts", "extract", "-q", "-w", "1", "-o", str(db), str(f)],
                             cwd=ROOT, stderr=subprocess.PIPE, text=True) for f in folders]
    errors = [p.communicate(timeout=300)[1] for p in runs]
    assert [p.returncode for p in runs] == [0, 0], errors
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (60,)
    assert conn.execute("SELECT COUNT(*) FROM facts").fetchone() == (60,)
    assert conn.execute("SELECT COUNT(*) FROM fact_countries").fetchone() == (120,)


def test_switching_to_the_write_ahead_log_waits_for_another_process():
    """SQLite answers "database is locked" at once, without waiting, when another
    process is switching the same new file to WAL at that moment (one run in six
    of the test above failed so): the switch is tried again."""
    import sqlite3

    from relfacts.output.sqlite import _write_ahead_log

    class Busy:
        def __init__(self, failures, message="database is locked"):
            self.failures, self.message, self.calls = failures, message, 0

        def execute(self, sql):
            self.calls += 1
            if self.calls <= self.failures:
                raise sqlite3.OperationalError(self.message)

    conn = Busy(3)
    _write_ahead_log(conn)
    assert conn.calls == 4
    other = Busy(1, "disk I/O error")  # any other failure is reported, not waited out
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        _write_ahead_log(other)
    assert other.calls == 1


# ------------------------------------------------------------ linear time
def calls_made(fn) -> int:
    """The work `fn()` does, counted as function calls (Python and built-in): a
    count, unlike a clock, does not drift with the machine's load."""
    import sys

    count = 0

    def tick(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(tick)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def growth(make_text, size: int, times: int = 4) -> float:
    """How much more work a text `times` as long takes (1.0 per unit: linear)."""
    relfacts.extract(make_text(size), published="2025-01-01")  # caches warm
    small = calls_made(lambda: relfacts.extract(make_text(size), published="2025-01-01"))
    large = calls_made(lambda: relfacts.extract(make_text(size * times), published="2025-01-01"))
    return large / small / times


def time_growth(make_text, size: int, times: int = 4) -> float:
    """`growth` by the clock, for work that makes no Python call: a search inside
    PCRE2 that reads to the end of its text from each of its starts.  The best of
    three runs each; quadratic work gives `times` (4.0), linear 1.0, so a bound of
    2 leaves room for a machine whose speed drifts."""
    import time

    def best(text: str) -> float:
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            relfacts.extract(text, published="2025-01-01")
            runs.append(time.perf_counter() - start)
        return min(runs)

    best(make_text(size))  # caches warm
    return best(make_text(size * times)) / best(make_text(size)) / times


def unpunctuated(size: int) -> str:
    """News-like text with no full stop anywhere, `size` characters long; every
    clause different (its figure), so that no fact merges with another."""
    out, n = [], 0
    while n < size:
        i = len(out)
        clause = (f"trade between Kazakhstan and Uzbekistan reached ${i + 1} million in 2024, exports rose "
                  f"{i % 90 + 1}.{i % 10} percent and the presidents signed an agreement on item {i}, ")
        out.append(clause)
        n += len(clause)
    return "".join(out)[:size]


def test_a_long_text_without_full_stops_is_cut_into_bounded_sentences():
    from relfacts.document import Document
    from relfacts.sentences import MAX_SENTENCE

    text = unpunctuated(2_000_000)
    spans = Document.from_text(text).sentences
    assert max(b - a for a, b in spans) <= MAX_SENTENCE
    assert sum(b - a for a, b in spans) >= len(text) * 0.99  # nothing lost but the spaces at the cuts
    assert all(text[b - 1] in ",; " or b - a == MAX_SENTENCE for a, b in spans[:-1])  # cut at clause ends


def test_a_long_text_without_full_stops_takes_linear_work():
    assert growth(unpunctuated, 20_000) < 1.25


def test_a_long_list_without_full_stops_takes_linear_time():
    # every line an item of the list: one sentence cut into many, and a trigger that
    # reads "up to the next full stop" searched over them all at once
    def items(size):
        return "".join(f"- agreement on trade {i % 10}\n" for i in range(size // 24))

    assert time_growth(items, 20_000) < 2.0


def test_many_percentages_in_one_sentence_take_linear_work():
    def percentages(size):
        return "Exports rose " + ", ".join("5%" for _ in range(size // 4)) + "."

    assert growth(percentages, 1_000) < 1.25


# ------------------------------------------------------------ rule files that cannot hang, explode or lie
from test_rule_authoring import GOOD_RULE  # noqa: E402

USER_TYPE = """\
types:
  price:
    description: A price.
    fields:
      size: {type: number, required: true}
rules:
  - id: my.price
    type: price
    description: A price.
    pattern: 'costs\\s+(?P<v>\\w+)'
    fields:
      size: {group: v, normalize: text}
"""


def _bomb():
    levels = ", ".join(f"&l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10))
    return GOOD_RULE.replace('description: "Trade worth a figure."',
                             f"description: [&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol], {levels}]")


def _doubling():
    return "pieces:\n  p0: '{city}'\n" + "".join(f"  p{i}: '{{p{i - 1}}}{{p{i - 1}}}'\n" for i in range(1, 11))


# (file content, line the message must name, words the message must hold)
BROKEN = {
    "alias_bomb": (_bomb(), 1, "YAML aliases expand this file to 200,001 values (at most 200,000)"),
    "piece_doubling": (_doubling(), 7, "piece 'p5': expands to"),
    "nested_groups": (GOOD_RULE.replace("trade\\s+worth", "(" * 1000 + "trade" + ")" * 1000), 5,
                      "groups nest 1000 deep (at most 200)"),
    # PyYAML 6.0.4 and later refuse it themselves (its line), earlier ones hit our limit
    "nested_yaml": ("pieces:\n  x: " + "[" * 5000 + "]" * 5000 + "\n", "", "nest"),
    "priority_list": (GOOD_RULE + "    priority: [1]\n", 12, "'priority' must be a whole number, not [1]"),
    "timeout_text": (GOOD_RULE + "    timeout: abc\n", 12, "'timeout' must be a number of seconds above 0"),
    "timeout_nan": (GOOD_RULE + "    timeout: .nan\n", 12, "'timeout' must be a number of seconds above 0"),
    "veto_text": (GOOD_RULE + "    veto: perhaps\n", 12, "'veto' must be true or false"),
    "rule_key_typo": (GOOD_RULE + "    pattren: x\n", 12, "unknown key 'pattren' (did you mean 'pattern'?)"),
    "type_key_typo": (USER_TYPE.replace("    fields:\n", "    feilds:\n", 1), 4,
                      "type 'price': unknown key 'feilds' (did you mean 'fields'?)"),
    "field_key_typo": (USER_TYPE.replace("required: true", "requird: true"), 5,
                       "field 'size': unknown key 'requird' (did you mean 'required'?)"),
    "field_kind_literal": (USER_TYPE.replace("{group: v, normalize: text}", "big").replace("(?P<v>\\\\w+)", "\\\\w+"),
                           12, "field 'size': 'big' is not a number"),
    "field_named_ID": (USER_TYPE.replace("size:", "ID:"), 5, "field 'ID' is a name every fact (and output) already uses"),
    "field_named_DATA": (USER_TYPE.replace("size:", "DATA:"), 5, "field 'DATA' is a name every fact"),
    "field_named_span_start": (USER_TYPE.replace("size:", "span_start:"), 5, "field 'span_start' is a name every fact"),
    "field_named_Amount": (USER_TYPE.replace("size:", "Amount:"), 5,
                           "field 'Amount' differs from the field 'amount' only in case"),
    "field_named_oddly": (USER_TYPE.replace("size:", "'two words':"), 5, "field name 'two words' must be a word"),
    "example_key_typo": (GOOD_RULE + "    examples:\n      - text: Trade worth $5 billion.\n        expected: none\n",
                         14, "example: unknown key 'expected' (did you mean 'expect'?)"),
    "example_old_date": (GOOD_RULE + "    examples:\n      - text: Trade worth $5 billion.\n        expect: none\n"
                                     "        published: 0001-01-01\n", 15, "outside the years 1800-2200"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_rule_file_that_would_hang_explode_or_lie_is_one_line_per_problem(run_cli, tmp_path, name):
    content, line, words = BROKEN[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    code, out, err = run_cli("rules", "check", path)
    assert code == 1
    mine = [l for l in out.splitlines() if l.startswith(f"{path}:")]
    assert any(l.startswith(f"{path}:{line}") and words in l for l in mine), out
    assert "Traceback" not in out + err


def test_a_value_not_of_its_fields_kind_gives_no_fact(tmp_path):
    (tmp_path / "price.yaml").write_text(USER_TYPE, encoding="utf-8")
    rules = relfacts.ruleset([tmp_path])
    assert relfacts.extract("It costs plenty.", rules=rules, types=["price"]) == []
    numbered = USER_TYPE.replace("normalize: text", "normalize: number")
    (tmp_path / "price.yaml").write_text(numbered, encoding="utf-8")
    rules = relfacts.ruleset(relfacts.api.load_ruleset([tmp_path], use_cache=False))
    assert [f.get("size") for f in relfacts.extract("It costs 12.", rules=rules, types=["price"])] == [12]


def test_a_positive_example_lists_every_fact_of_its_rule(run_cli, tmp_path):
    text = "    examples:\n      - text: Trade worth $5 billion, then trade worth $6 billion.\n"
    path = tmp_path / "two.yaml"
    path.write_text(GOOD_RULE + text + "        expect: {amount: 5000000000}\n", encoding="utf-8")
    code, out, err = run_cli("rules", "test", path)
    assert code == 1 and "expected 1 fact(s), got 2; extra: " in out and "amount=6000000000" in out
    path.write_text(GOOD_RULE + text + "        expect:\n          - {amount: 6000000000}\n"
                                       "          - {amount: 5000000000}\n", encoding="utf-8")
    code, out, err = run_cli("rules", "test", path)
    assert code == 0 and "1 passed, 0 failed" in out


def _repeated(sentence):
    """A text maker for growth(): sentence(i) for i = 0, 1, … up to `size` characters."""
    def make(size):
        out, n = [], 0
        while n < size:
            out.append(sentence(len(out)))
            n += len(out[-1])
        return "".join(out)[:size]
    return make


def test_many_visit_statements_take_linear_work():
    months = ("January", "March", "May", "July", "September", "November")
    visits = _repeated(lambda i: f"Kazakh President Kassym-Jomart Tokayev paid a state visit to Uzbekistan in "
                                 f"{months[i % 6]} {1900 + i // 6 % 120}. ")
    assert growth(visits, 8_000) < 1.25


# ------------------------------------------------------------ long texts in windows
def test_a_long_text_is_read_in_windows_with_the_facts_of_its_parts(monkeypatch):
    import relfacts.api

    articles = [f"Trade between Kazakhstan and Uzbekistan reached ${i + 1} billion in 2024. "
                f"The ministers met in Tashkent on Tuesday.\n\n" for i in range(60)]
    articles.insert(30, "Japanese Prime Minister Fumio Kishida paid an official visit to Mongolia in March 2024.\n\n")
    articles.append("Japanese Prime Minister Fumio Kishida paid an official visit to Mongolia in March 2024.\n\n")
    text = " date 2025-02-12\n" + "".join(articles)
    whole = relfacts.extract(text)
    monkeypatch.setattr(relfacts.api, "WINDOW", 1_000)
    cuts = list(relfacts.api.windows(text, 17))
    assert len(cuts) > 5 and all(b - a <= 1_000 and text[b - 2:b] == "\n\n" for a, b in cuts[:-1])
    windowed = relfacts.extract(text)
    assert [f.to_dict() for f in windowed] == [f.to_dict() for f in whole]  # spans in the whole text
    assert [f.get("visitor") for f in windowed if f.type == "visit"] == ["Fumio Kishida"]  # one visit, said twice
    assert {f.date for f in windowed} == {"2024", "2024-03"}  # the header's date reaches every window


def test_a_window_without_paragraphs_ends_at_a_sentence_clause_or_word():
    import relfacts.api

    text = "Trade rose 5 percent in 2024. " * 20_000
    cuts = list(relfacts.api.windows(text))
    assert [a for a, _ in cuts[1:]] == [b for b, _ in zip([b for _, b in cuts], cuts[1:])]
    assert all(text[b - 2:b] == ". " for _, b in cuts[:-1]) and cuts[-1][1] == len(text)
    words = "trade " * 100_000
    assert all(words[b - 1] == " " for _, b in list(relfacts.api.windows(words))[:-1])
    assert list(relfacts.api.windows("x" * 500_000)) == [(0, 200_000), (200_000, 400_000), (400_000, 500_000)]


# ------------------------------------------------------------ one fact, once: indexed as the pairwise rule said
def _pairwise(facts, rules, published):
    """The merge as it was first written: each fact against every earlier one of its
    group; a fact filled in by a merge is compared by what it then says."""
    from relfacts.facts.dedupe import _ANY, _fill, _key_value, _parts

    def apart(a, b):
        if not published or (a.date is None) == (b.date is None):
            return False
        dated = a.date or b.date
        return dated[:4].isdigit() and int(dated[:4]) < published.year - 1

    out, groups = [], {}
    for fact in facts:
        spec = rules.types[fact.type]
        parts = _parts(spec.key)
        key = [_key_value(fact, part) for part in parts]
        fixed = (fact.type,) + tuple(v for v, (_, how) in zip(key, parts) if "optional" not in how)
        group = groups.setdefault(fixed, [])
        entry = None
        for candidate in group:
            f, k = candidate
            if spec.sentence_distinct and f.sentence_span == fact.sentence_span:
                break
            if all(x is _ANY or y is _ANY or x == y for x, y in zip(k, key)) and not apart(f, fact):
                entry = candidate
                break
        if entry is None:
            group.append([fact, key])
            out.append(fact)
        else:
            _fill(entry[0], fact, rules.pieces.compiled("headline_ahead"))
            entry[1] = [_key_value(entry[0], part) for part in parts]
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["Tokayev", "Mirziyoyev"]), st.sampled_from(["UZB", "KAZ"]),
                          st.sampled_from([None, "2010", "2024-03", "2024-03-18", "2025-01", "2009-05-02"]),
                          st.booleans(), st.sampled_from([None, "ratified"])), max_size=30),
       st.sampled_from([None, dt.date(2025, 2, 12)]))
def test_the_indexed_merge_keeps_the_facts_the_pairwise_one_kept(rows, published):
    import copy

    from unittest import mock

    from relfacts.facts import dedupe
    from relfacts.facts.dedupe import Merger
    from relfacts.facts.model import Fact

    rules = relfacts.ruleset()
    facts = []
    for k, (sentence, visitor, host, date, percent, status) in enumerate(sorted(rows, key=lambda r: r[0])):
        fields = ({"value": 5.0, "direction": None, "date": date, "measure": None} if percent else
                  {"visitor": visitor, "host": host, "origin": None, "status": status})
        facts.append(Fact("percentage" if percent else "visit", "-", (sentence * 10 + k, sentence * 10 + k + 1), "", "",
                          "r", [], date, fields, sentence_span=(sentence * 10, sentence * 10 + 9)))
    expected = _pairwise(copy.deepcopy(facts), rules, published)
    for index_from in (0, dedupe.INDEX_FROM):  # every group indexed, and a few members compared one by one
        with mock.patch.object(dedupe, "INDEX_FROM", index_from):
            got = Merger(rules, published).add(copy.deepcopy(facts))
        assert [(f.span, f.date, f.fields) for f in got] == [(f.span, f.date, f.fields) for f in expected]


def test_many_visits_by_a_pronoun_take_linear_work():
    pronouns = _repeated(lambda i: f"Kazakh President Kassym-Jomart Tokayev met officials in Astana. He paid a state "
                                   f"visit to Uzbekistan in March {1900 + i % 120}, said Minister Ali Khan{i}. ")
    assert growth(pronouns, 8_000) < 1.25
