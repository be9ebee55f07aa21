"""Batch work: folders, workers, SQLite, --resume after a crash, bad files, summary."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time


from conftest import ROOT

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def make_corpus(folder, copies, bad_every=0):
    """copies × the samples, each copy a distinct document; every `bad_every`-th file bad."""
    folder.mkdir(parents=True, exist_ok=True)
    bad = []
    n = 0
    for i in range(copies):
        for sample in SAMPLES:
            n += 1
            sub = folder / f"part{i % 3}"
            sub.mkdir(exist_ok=True)
            path = sub / f"{sample.stem}-{i:03d}.txt"
            if bad_every and n % bad_every == 0:
                kind = n // bad_every % 3
                path.write_bytes([b"\x00\x01binary\x00", b"caf\x81\x8d\x90 no text in any encoding", b""][kind])
                bad.append(path)
            else:
                path.write_text(sample.read_text(encoding="utf-8") + f"\nItem {i}.\n", encoding="utf-8")
    return bad


def relfacts(*args, **kw):
    return subprocess.run([sys.executable, "-m", "relfacts", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, **kw)


def db_state(path):
    conn = sqlite3.connect(path)
    docs = conn.execute("SELECT path, sha256, COUNT(*) OVER (PARTITION BY path) FROM documents ORDER BY path").fetchall()
    facts = sorted(conn.execute("SELECT d.path, f.type, f.span_start, f.data FROM facts f "
                                "JOIN documents d ON d.id = f.document_id").fetchall())
    conn.close()
    return docs, facts


def test_folder_walk_glob_and_deterministic_order(tmp_path):
    make_corpus(tmp_path / "in", 2)
    (tmp_path / "in" / "notes.md").write_text("Trade rose 4 percent.", encoding="utf-8")
    (tmp_path / "in" / "skip.rst").write_text("Trade rose 9 percent.", encoding="utf-8")
    one = relfacts("extract", tmp_path / "in", "-f", "jsonl", "-w", "1")
    two = relfacts("extract", tmp_path / "in", "-f", "jsonl", "-w", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout  # the same order whatever the workers
    docs = [json.loads(l)["doc"] for l in one.stdout.splitlines()]
    assert docs == sorted(docs)  # sorted by path
    assert any(d.endswith("notes.md") for d in docs) and not any(d.endswith(".rst") for d in docs)
    only_md = relfacts("extract", tmp_path / "in", "-f", "jsonl", "--glob", "*.md")
    assert {json.loads(l)["doc"].rsplit("/", 1)[1] for l in only_md.stdout.splitlines()} == {"notes.md"}


def test_sqlite_schema_and_rerun_without_duplicates(tmp_path):
    make_corpus(tmp_path / "in", 2)
    db = tmp_path / "facts.sqlite"
    first = relfacts("extract", tmp_path / "in", "-o", db)
    assert first.returncode == 0, first.stderr
    assert "By country pair" in first.stdout and "KAZ–UZB" in first.stdout
    again = relfacts("extract", tmp_path / "in", "-o", db, "-q")
    assert again.returncode == 0
    docs, facts = db_state(db)
    assert len(docs) == 2 * len(SAMPLES) and all(n == 1 for _, _, n in docs)
    conn = sqlite3.connect(db)
    (turnover,) = conn.execute(
        "SELECT amount FROM facts f JOIN fact_countries a ON a.fact_id = f.id AND a.country = 'KAZ' "
        "JOIN fact_countries b ON b.fact_id = f.id AND b.country = 'UZB' "
        "WHERE f.type = 'trade' AND f.flow = 'turnover' AND f.kind = 'actual' GROUP BY amount").fetchall()
    assert turnover == (4400000000.0,)
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"facts_type", "facts_date", "fact_countries_country"} <= indexes


def test_a_killed_batch_resumes_to_the_same_database(tmp_path):
    make_corpus(tmp_path / "in", 40)  # 240 documents
    reference = tmp_path / "reference.sqlite"
    assert relfacts("extract", tmp_path / "in", "-o", reference, "-q", "-w", "1").returncode == 0

    db = tmp_path / "facts.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "relfacts", "extract", str(tmp_path / "in"), "-o", str(db), "-q", "-w", "2"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            done = sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 30:
            break
    os.killpg(proc.pid, signal.SIGKILL)  # the whole batch: main process and workers
    proc.wait()
    assert 0 < done < 240, "the batch was not killed midway"

    resumed = relfacts("extract", tmp_path / "in", "-o", db, "--resume", "-w", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert "already in" in resumed.stderr  # it skipped what was there
    assert db_state(db) == db_state(reference)


def test_five_percent_bad_files(tmp_path):
    bad = make_corpus(tmp_path / "in", 10, bad_every=20)  # 60 files, 3 bad
    db = tmp_path / "facts.sqlite"
    proc = relfacts("extract", tmp_path / "in", "-o", db, "-w", "2")
    assert proc.returncode == 1
    for path in bad:
        assert str(path) in proc.stderr
    assert f"relfacts: {len(bad)} of 60 input(s) failed" in proc.stderr
    docs, facts = db_state(db)
    assert len(docs) == 60 - len(bad)
    errors = sqlite3.connect(db).execute("SELECT path, message FROM errors ORDER BY path").fetchall()
    assert sorted(p for p, _ in errors) == sorted(map(str, bad))
    good = relfacts("extract", *[p for p in sorted((tmp_path / "in").rglob("*.txt")) if p not in bad], "-f", "jsonl")
    assert len(facts) == len(good.stdout.splitlines())  # every good file's facts are there


def test_broken_pipe_ends_quietly(tmp_path):
    make_corpus(tmp_path / "in", 20)
    proc = subprocess.run(f'"{sys.executable}" -m relfacts extract "{tmp_path / "in"}" --format jsonl | head -n 3',
                          shell=True, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert len(proc.stdout.splitlines()) == 3
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_summary_from_sqlite_and_jsonl(tmp_path, run_cli):
    make_corpus(tmp_path / "in", 1)
    db, jl = tmp_path / "f.sqlite", tmp_path / "f.jsonl"
    assert relfacts("extract", tmp_path / "in", "-o", db, "-q").returncode == 0
    assert relfacts("extract", tmp_path / "in", "-o", jl, "-q").returncode == 0
    code, from_db, _ = run_cli("summary", db)
    code2, from_jl, _ = run_cli("summary", jl)
    assert code == code2 == 0
    assert from_db.replace(str(db), "") == from_jl.replace(str(jl), "")
    for expected in ("KAZ–UZB", "4.4 bn USD (2023)", "10 bn USD by 2030", "Murat Nurtleu → UZB 2024-03-12"):
        assert expected in from_db
    code, _, err = run_cli("summary", tmp_path / "nothing.sqlite")
    assert code == 1 and "no such file" in err


def test_resume_needs_a_database(run_cli):
    code, _, err = run_cli("extract", "-", "-f", "jsonl", "--resume", input="x")
    assert code == 2 and "--resume needs an SQLite or Parquet --output" in err


def test_a_document_is_its_content_not_its_spelling(tmp_path):
    make_corpus(tmp_path / "in", 1)
    db = tmp_path / "facts.sqlite"
    first = sorted((tmp_path / "in").rglob("*.txt"))
    relative = os.path.relpath(first[0], ROOT)  # the same file, spelled from the working folder
    assert relfacts("extract", first[0], relative, "-o", db, "-q").returncode == 0
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "same.txt").write_bytes(first[0].read_bytes())  # the same article in another folder
    assert relfacts("extract", relative, tmp_path / "copy", "-o", db, "-q").returncode == 0
    docs, _ = db_state(db)
    assert [p for p, _, _ in docs] == [str(first[0].resolve())]  # one document, stored once
    # a resumed batch's summary covers the whole database, not only what that run added
    resumed = relfacts("extract", tmp_path / "in", "-o", db, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "1 already in" in resumed.stderr
    whole = relfacts("summary", db)
    assert resumed.stdout == whole.stdout and f"{len(SAMPLES)} documents" in whole.stdout
