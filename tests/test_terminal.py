"""The command on a terminal and in pipes: tables that fit 80 columns, the
per-pair timeline, Ctrl-C in every output mode, `| head`, CLI conventions."""
import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT
from test_batch import SAMPLES, make_corpus, relfacts

DATA = ROOT / "tests" / "data"


# ---------------------------------------------------------------- the timeline
def fact(doc, type_, date, countries=("KAZ", "TJK"), **fields):
    return {"type": type_, "doc": doc, "span": [0, 1], "text": "…", "sentence": "…", "rule": "test",
            "countries": list(countries), "date": date, **fields}


def trade(doc, date, amount, flow="turnover", kind="actual", countries=("KAZ", "TJK")):
    return fact(doc, "trade", date, countries, amount=amount, currency="USD", flow=flow, kind=kind)


# facts written for this test, as `relfacts extract` would store them: several
# documents, some stating the same thing, over six years
FACTS = [
    trade("a.txt", "2021", 9.5e8), trade("a.txt", "2020", 7.2e8),
    trade("b.txt", "2022", 1.1e9), trade("c.txt", "2022", 1.1e9), trade("b.txt", "2021", 9.5e8),
    trade("c.txt", "2021", 9.1e8),  # a source that disagrees: its own row, and the chart keeps the majority
    trade("d.txt", "2024", 1.2e9), trade("d.txt", "2030", 3e9, kind="target"),
    trade("d.txt", "2024", 4.1e8, flow="export"), trade("e.txt", "2023", 1.15e9),
    fact("d.txt", "treaty", "2025-02-12", name="agreement on the joint management of transboundary water resources",
         kind="agreement", status="signed"),
    fact("e.txt", "treaty", None, name="Treaty on Allied Relations", kind="treaty", status="planned"),
    fact("c.txt", "treaty", "2022-08-24", name="Treaty on Allied Relations", kind="treaty", status="signed"),
    fact("d.txt", "visit", "2025-02-11", visitor="Murat Nurtleu", role="Foreign Minister", origin="KAZ",
         host="TJK", place="Dushanbe", kind="official"),
    fact("c.txt", "visit", "2022-08-23", visitor="Emomali Rahmon", role="President", origin="TJK", host="KAZ",
         place="Astana", kind="state"),
    fact("b.txt", "visit", "2022-08-23", visitor="Emomali Rahmon", role="President", origin="TJK", host="KAZ",
         place="Astana", kind="state"),
    fact("d.txt", "percentage", "2024", value=8.5, direction="increase",
         measure="trade turnover between the two countries"),
    fact("e.txt", "percentage", "2023", value=4.5, direction="decrease", measure=None),
    trade("f.txt", "2024", 2.4e9, countries=("KAZ", "UZB")),
    fact("f.txt", "visit", "2024-03-12", countries=("KAZ", "UZB"), visitor="Murat Nurtleu", role="Foreign Minister",
         origin="KAZ", host="UZB", place="Tashkent", kind="official"),
]


@pytest.fixture
def fact_files(tmp_path):
    """The same facts as JSON Lines, as JSON and in SQLite."""
    from relfacts.output.sqlite import SqliteWriter
    from relfacts.worker import DocResult

    jl, js, db = tmp_path / "f.jsonl", tmp_path / "f.json", tmp_path / "f.sqlite"
    jl.write_text("".join(json.dumps(f) + "\n" for f in FACTS), encoding="utf-8")
    js.write_text(json.dumps(FACTS, indent=1), encoding="utf-8")
    writer = SqliteWriter(db, {})
    docs = {}
    for f in FACTS:
        docs.setdefault(f["doc"], []).append(f)
    for path, facts in docs.items():
        writer.write(DocResult(path, sha256=path, facts=facts, lines=[json.dumps(f) for f in facts]))
    writer.close()
    return jl, js, db


def column_widths(capture: str) -> list[list[int]]:
    """The widths of the columns of every table in a capture (read off the
    rule under each header: ╶───┼────┼───╴; the edge columns have one blank
    beside them, the others two)."""
    tables = []
    lines = capture.splitlines()
    for header, line in zip(lines, lines[1:]):
        if line.startswith("╶") and "┼" in line and "sources" in header:
            parts = line.strip("╶╴").split("┼")
            tables.append([len(p) - (1 if i in (0, len(parts) - 1) else 2) for i, p in enumerate(parts)])
    return tables


def test_pair_timeline_at_80_columns(run_cli, fact_files, tmp_path):
    jl, js, db = fact_files
    os.environ["COLUMNS"] = "80"
    try:
        outputs = [run_cli("summary", f, "--pair", "KAZ,TJK") for f in (db, jl, js)]
    finally:
        del os.environ["COLUMNS"]
    assert all(code == 0 for code, _, _ in outputs)
    capture = outputs[0][1]
    assert outputs[1][1] == outputs[2][1] == capture  # SQLite, JSON Lines and JSON alike
    expected = (DATA / "timeline-80.txt").read_text(encoding="utf-8")
    if capture != expected:
        (tmp_path / "timeline-80.txt").write_text(capture, encoding="utf-8")
    assert capture == expected, f"the capture changed: compare {tmp_path / 'timeline-80.txt'} with {DATA / 'timeline-80.txt'}"
    assert max(len(line) for line in capture.splitlines()) <= 80
    assert not any(line.endswith(" ") for line in capture.splitlines())
    widths = column_widths(capture)
    assert len(widths) == 4  # trade, treaties, visits, percentages
    assert min(w for table in widths for w in table) >= 12


def test_timeline_filters(run_cli, fact_files):
    jl, _, _ = fact_files
    code, out, _ = run_cli("summary", jl, "--country", "Kazakhstan", "--since", "2024", "--type", "trade,visit")
    assert code == 0
    assert "KAZ: 6 facts from 2 documents, 2024–2030" in out
    assert "(with UZB)" in out and "KAZ → UZB" in out and "Treaties" not in out and "2022" not in out
    code, out, _ = run_cli("summary", jl, "--pair", "KAZ,TJK", "--type", "treaty", "--type", "visit")
    assert "Trade figures" not in out and "Treaty on Allied Relations" in out
    code, out, _ = run_cli("summary", jl, "--pair", "KAZ,CHN")
    assert code == 0 and out.strip() == f"{jl}: no facts about KAZ–CHN"
    code, out, _ = run_cli("summary", jl, "--pair", "KAZ,TJK", "--type", "visit", "--since", "2025")
    assert code == 0 and out.startswith("KAZ–TJK: 1 fact from 1 document, 2025\n")  # no "1 facts"


def test_pair_table_keeps_its_headers_whole_at_80_columns(run_cli, fact_files):
    os.environ["COLUMNS"] = "80"
    try:
        code, out, _ = run_cli("summary", fact_files[2])
    finally:
        del os.environ["COLUMNS"]
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 80
    header = next(line for line in out.splitlines() if "pair" in line and "docs" in line)
    assert header.split() == ["pair", "docs", "turnover", "targets", "treaties", "s/p", "visits"]


@pytest.mark.parametrize("pair,codes", [
    ("kazakhstan,Tajik", "KAZ,TJK"),  # any case; a demonym
    ("UK,the UAE", "GBR,ARE"),  # short forms ISO's table does not hold
    ("Britain,Russia", "GBR,RUS"),
    ("Türkiye,azerbaijani", "TUR,AZE"),
    ("turkey,Azerbaijan", "TUR,AZE"),
])
def test_a_pair_is_named_as_the_news_names_countries(run_cli, fact_files, pair, codes):
    by_name, by_code = (run_cli("summary", fact_files[0], "--pair", p) for p in (pair, codes))
    assert by_name[0] == 0 and by_name == by_code
    assert codes.replace(",", "–") in by_name[1]  # the header or the "no facts about" line names the codes


@pytest.mark.parametrize("args,message", [
    (("--pair", "KAZ"), "--pair: give two countries, such as KAZ,TJK"),
    (("--pair", "KAZ,Narnia"), "--pair: 'Narnia' is no country"),
    (("--pair", "KAZ,Dubai"), "--pair: 'Dubai' is no country"),  # a city the extractor knows is not a country
    (("--pair", "KAZ,TJK", "--country", "KAZ"), "give --pair or --country, not both"),
    (("--since", "last year"), "--since: 'last year' is not a date (want YYYY, YYYY-MM or YYYY-MM-DD)"),
])
def test_timeline_options_fail_clearly(run_cli, fact_files, args, message):
    code, _, err = run_cli("summary", fact_files[0], *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


# ---------------------------------------------------------------- tables at 80 columns
def test_extract_tables_fit_80_columns(tmp_path):
    two = [str(p) for p in SAMPLES[:3]]
    proc = subprocess.run([sys.executable, "-m", "relfacts", "extract", *two], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, COLUMNS="80"), timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert not any(line.endswith(" ") for line in lines)  # not padded with trailing blanks
    start = next(line for line in lines if "evidence" in line).index("evidence")
    assert max(len(line) for line in lines) - start >= 24  # a readable evidence column


# ---------------------------------------------------------------- Ctrl-C and | head
@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder / "in", 20)
    return folder


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """Enough documents that a batch is still running well after its first one is written."""
    folder = tmp_path_factory.mktemp("big") / "in"
    make_corpus(folder, 100)
    return folder


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


def interrupt_batch(args, *, timeout=120, presses=1):
    """Start `relfacts extract ARGS` with standard error on a terminal (a pseudo
    terminal, so the progress bar shows), wait until the bar says a document is
    done, then send Ctrl-C to the whole process group as a terminal does
    (`presses` times, 20 ms apart).
    (exit code, seconds from Ctrl-C to the end, standard output, standard error
    as text).
    The test keeps its own end of the terminal open until the command has
    ended, then writes a mark through it: everything the command wrote comes
    before the mark, so all of it is read (a terminal whose last writer is gone
    is not read to its end, but ends with an error)."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "relfacts", "extract", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, start_new_session=True,
                            env=dict(os.environ, COLUMNS="100", TERM="xterm"))
    mark = b"\x00end of the test\x00"
    shown, out, started = bytearray(), {}, threading.Event()

    def read_terminal():
        while mark not in shown:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown.extend(chunk)
            if re.search(rb"\b[1-9]\d*/\d+ (files|documents)", shown):
                started.set()

    readers = [threading.Thread(target=read_terminal),
               threading.Thread(target=lambda: out.__setitem__("stdout", proc.stdout.read()))]
    for reader in readers:
        reader.start()
    try:
        assert started.wait(timeout), f"the batch never showed progress: {ANSI.sub('', shown.decode())}"
        os.killpg(proc.pid, signal.SIGINT)
        sent = time.monotonic()
        for _ in range(presses - 1):
            time.sleep(0.02)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=timeout)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        group_ended(proc.pid, timeout)  # (a worker left would write after the mark)
        os.write(slave, mark)
        for reader in readers:
            reader.join(timeout)
        os.close(slave)
        os.close(master)
    shown = shown[:shown.find(mark)] if mark in shown else shown
    return proc.returncode, took, out.get("stdout", b""), ANSI.sub("", shown.decode("utf-8", "replace"))


def group_ended(group: int, timeout: float) -> None:
    """Wait until no process of the group is running (a process that ended
    and was not yet reaped holds no terminal)."""
    from pathlib import Path

    def running():
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[2]) == group:
                return True
        return False

    end = time.monotonic() + timeout
    while running() and time.monotonic() < end:
        time.sleep(0.05)


def stored_documents(db) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # a document is all there or not at all: its facts count is its rows
        assert conn.execute("SELECT COUNT(*) FROM documents d WHERE facts <> "
                            "(SELECT COUNT(*) FROM facts f WHERE f.document_id = d.id)").fetchone()[0] == 0
        return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def complete_output(mode: str, text: str) -> None:
    """What a stopped batch wrote is whole: complete lines, rows, or a closed array."""
    if mode == "jsonl":
        assert text == "" or text.endswith("\n")
        assert all(isinstance(json.loads(line), dict) for line in text.splitlines())
    elif mode == "json":
        assert isinstance(json.loads(text), list)
    elif mode == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows and rows[0][0] == "type" and all(len(row) == len(rows[0]) for row in rows)
    elif mode == "table":
        assert text == ""  # the table view prints nothing of a stopped batch


MODES = [("table", None, 1), ("table", None, 2), ("jsonl", None, 1), ("jsonl", None, 2), ("json", None, 2),
         ("csv", None, 1), ("jsonl", "f.jsonl", 2), ("sqlite", "f.sqlite", 1), ("sqlite", "f.sqlite", 2),
         ("parquet", "f.parquet", 2)]


@pytest.mark.parametrize("mode,output,workers", MODES, ids=lambda v: str(v))
def test_ctrl_c_stops_a_batch_in_every_mode(big_corpus, tmp_path, mode, output, workers):
    """Ctrl-C while a batch is running: it stops at once with one line and exit
    130; what it wrote is whole; a database or Parquet result is finished by
    the same command with --resume."""
    if mode == "parquet":
        pytest.importorskip("pyarrow")
    total = len(list(big_corpus.rglob("*.txt")))
    args = [big_corpus, "-w", workers, *(["-o", tmp_path / output] if output else ["-f", mode])]
    code, took, stdout, err = interrupt_batch(args)
    message = err.strip().splitlines()[-1] if err.strip() else ""
    assert code == 130, err
    assert took < 10, took  # (well within a second on a quiet machine)
    assert "Traceback" not in err and "Error" not in err, err
    assert message.startswith("relfacts: interrupted") and "--resume" in message, err
    complete_output(mode, (tmp_path / output).read_text(encoding="utf-8") if output and mode == "jsonl"
                    else stdout.decode("utf-8"))
    if mode == "sqlite":
        done = stored_documents(tmp_path / output)
        assert f"holds {done} documents" in message and done < total
    if mode in ("sqlite", "parquet"):
        finish = relfacts("extract", *args, "--resume", "-q")
        assert finish.returncode == 0, finish.stderr
    if mode == "sqlite":
        assert stored_documents(tmp_path / output) == total
    if mode == "parquet":
        merged = relfacts("merge", tmp_path / output, "-o", tmp_path / "all.sqlite")
        assert merged.returncode == 0, merged.stderr
        assert stored_documents(tmp_path / "all.sqlite") == total


def test_ctrl_c_pressed_again_while_a_batch_stops_lets_it_finish_stopping(big_corpus):
    """A second Ctrl-C while the batch is stopping raises nothing in the middle
    of its last steps: the workers end quietly and the last line is said; a
    third ends the process at once, still with one line and no traceback."""
    for presses, last in ((2, "relfacts: interrupted after"), (3, "relfacts: interrupted")):
        code, took, stdout, err = interrupt_batch([big_corpus, "-w", 2, "-f", "jsonl"], presses=presses)
        assert code == 130, err
        assert "Traceback" not in err and "Error" not in err, err
        assert err.strip().splitlines()[-1].startswith(last), err
        complete_output("jsonl", stdout.decode("utf-8"))


def test_ctrl_c_in_a_batch_is_raised_only_where_a_document_is_awaited():
    from relfacts.ctrl_c import CtrlC

    written, closed = [], []

    def documents(wait):
        try:
            yield "first"
            time.sleep(wait)  # the next document takes long (a worker at it, or this process)
            yield "second"
        finally:
            closed.append(True)

    with CtrlC.watch() as ctrl_c:
        with pytest.raises(KeyboardInterrupt):
            with ctrl_c.held():
                for doc in ctrl_c.awaited(documents(0)):
                    os.kill(os.getpid(), signal.SIGINT)
                    os.kill(os.getpid(), signal.SIGINT)  # twice while a document is written: noted
                    written.append(doc)
        assert written == ["first"] and closed  # it was written whole, then the batch stopped before the next
        assert ctrl_c.pressed == 2 and ctrl_c.stopping
        with pytest.raises(KeyboardInterrupt):
            ctrl_c.check()  # and it stays stopped
    with CtrlC.watch() as ctrl_c:
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
        began = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            with ctrl_c.held():
                for doc in ctrl_c.awaited(documents(30)):
                    written.append(doc)
        assert time.monotonic() - began < 10  # raised in the wait, not after it
        assert written == ["first", "first"] and len(closed) == 2
    with CtrlC.watch() as ctrl_c:
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)  # outside a held block: at once
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGINT)  # while stopping: noted, not raised
        written.append("the last line")
        assert ctrl_c.pressed == 2
    assert written[-1] == "the last line"


@pytest.mark.parametrize("args", [
    ("extract", "{corpus}/in", "-f", "jsonl"),
    ("extract", "{corpus}/in", "-w", "1"),
    ("summary", "{corpus}/f.jsonl", "--pair", "KAZ,UZB"),
    ("rules", "list"),
    ("explain", str(SAMPLES[0])),
])
def test_head_ends_quietly(corpus, args):
    jl = corpus / "f.jsonl"
    if not jl.exists():
        assert relfacts("extract", corpus / "in", "-o", jl, "-q").returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "relfacts", *(a.format(corpus=corpus) for a in args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, COLUMNS="80"))
    proc.stdout.readline()
    proc.stdout.close()  # `| head -n 1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert err == ""


# ---------------------------------------------------------------- CLI conventions
def test_version_and_completion(run_cli):
    import relfacts

    code, out, _ = run_cli("--version")
    assert code == 0 and out.strip() == f"relfacts {relfacts.__version__}"
    code, out, _ = run_cli("--help")
    assert "--install-completion" in out


@pytest.mark.parametrize("args,message", [
    (("-o", "{tmp}/facts.out"), "--output {tmp}/facts.out: unknown ending '.out'; use one of .json (json), .jsonl"),
    (("-o", "{tmp}/no/such/folder/facts.jsonl"), "--output {tmp}/no/such/folder/facts.jsonl: the folder "
                                                "{tmp}/no/such/folder does not exist"),
    (("-o", "{tmp}"), "--output {tmp}: is a folder"),
    (("-w", "0"), "0 is not in the range x>=1"),
])
def test_output_and_worker_errors_name_the_cause_once(run_cli, tmp_path, args, message):
    code, out, err = run_cli("extract", "-", *(a.format(tmp=tmp_path) for a in args), input="Trade rose 5 percent.")
    assert code == 2 and out == ""
    assert err.count(message.format(tmp=tmp_path)) == 1, err


def test_types_is_repeatable(run_cli):
    sample = SAMPLES[0]
    code, out, _ = run_cli("extract", sample, "-f", "jsonl", "--types", "trade", "--types", "visit")
    assert code == 0 and {json.loads(l)["type"] for l in out.splitlines()} == {"trade", "visit"}


def test_explain_takes_several_files(run_cli, tmp_path):
    code, out, err = run_cli("explain", SAMPLES[0], tmp_path / "missing.txt", SAMPLES[1], "--types", "trade")
    assert code == 1 and f"{tmp_path / 'missing.txt'}: no such file" in err
    assert str(SAMPLES[0]) in out and str(SAMPLES[1]) in out


def test_the_library_rejects_bytes_and_unknown_types():
    import relfacts

    with pytest.raises(TypeError, match="text must be str, not bytes"):
        relfacts.extract(b"Trade rose 5 percent.")
    with pytest.raises(ValueError, match="unknown fact type.*'weather'"):
        relfacts.extract("Trade rose 5 percent.", types=["weather"])
