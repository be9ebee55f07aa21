"""Real inputs: web pages, other encodings and Markdown give the facts of
their plain UTF-8 text."""
import json
import sys

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT
from relfacts import markdown
from relfacts.inputs import InputError, decode, load

WEB = ROOT / "tests" / "data" / "web"


def facts_of(stdout):
    """The facts as a person compares them: everything but where they stand."""
    out = []
    for line in stdout.splitlines():
        f = json.loads(line)
        for k in ("doc", "span", "rule"):
            f.pop(k)
        out.append(f)
    return out


def run(run_cli, *args, input=None):
    code, out, err = run_cli("extract", *args, "-f", "jsonl", input=input)
    assert code == 0, err
    return facts_of(out), err


@pytest.mark.parametrize("page", ["kaz-tjk", "press-release"])
def test_a_web_page_gives_exactly_its_articles_facts(run_cli, page):
    expected, _ = run(run_cli, WEB / f"{page}.txt")
    assert len(expected) == 6
    from_file, _ = run(run_cli, WEB / f"{page}.html")
    from_stdin, _ = run(run_cli, "-", input=(WEB / f"{page}.html").read_text(encoding="utf-8"))
    assert from_file == from_stdin == expected
    # the dates came from the page's own publication date
    assert any(f["date"] and f["date"].startswith(("2025-02", "2024-11")) for f in from_file)


def test_the_page_date_yields_to_published(run_cli):
    facts, _ = run(run_cli, WEB / "kaz-tjk.html", "--published", "2023-06-01")
    assert {f["date"] for f in facts if f["type"] == "visit"} == {"2023-05-30"}  # the Tuesday before


def test_a_folder_reads_its_web_pages(run_cli, tmp_path):
    (tmp_path / "a.htm").write_bytes((WEB / "kaz-tjk.html").read_bytes())
    facts, _ = run(run_cli, tmp_path)
    assert len(facts) == 6


def test_without_the_html_extra_a_page_fails_with_how_to_install(run_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if it were not installed
    code, out, err = run_cli("extract", WEB / "kaz-tjk.html", WEB / "kaz-tjk.txt", "-f", "jsonl")
    assert code == 1
    assert f"relfacts: error: {WEB / 'kaz-tjk.html'}: a web page needs the html extra: pip install 'relfacts[html]'" \
        in err.splitlines()
    assert len(out.splitlines()) == 6  # the plain text still ran


def test_a_page_with_no_article_is_a_clear_error(run_cli):
    code, _, err = run_cli("extract", "-", "-f", "jsonl", input="<!DOCTYPE html><html><head><script>var trade = 1;</script></head><body></body></html>")
    assert code == 1 and err.splitlines()[0] == "relfacts: error: -: no article text found in the web page"


TEXT = (WEB / "kaz-tjk.txt").read_text(encoding="utf-8").replace("—", "–")  # a dash cp1252 has


@pytest.mark.parametrize("encoding,bom,name", [
    ("cp1252", b"", "cp1252 (Windows-1252)"),
    ("utf-16-le", b"\xff\xfe", "UTF-16"),
    ("utf-16-be", b"\xfe\xff", "UTF-16"),
    ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32"),
])
def test_other_encodings_give_the_facts_of_utf8(run_cli, tmp_path, encoding, bom, name):
    plain = tmp_path / "plain.txt"
    plain.write_text(TEXT, encoding="utf-8")
    other = tmp_path / f"{encoding}.txt"
    other.write_bytes(bom + TEXT.replace("Nurtleu", "Nurtleü").encode(encoding))
    plain.write_text(TEXT.replace("Nurtleu", "Nurtleü"), encoding="utf-8")
    expected, quiet = run(run_cli, plain)
    facts, err = run(run_cli, other)
    assert facts == expected and len(facts) == 6
    assert any(f.get("visitor") == "Murat Nurtleü" for f in facts)  # the non-ASCII letter read right
    assert quiet == ""
    assert err.splitlines() == [f"relfacts: warning: {other}: not UTF-8; read as {name}"]


MARKDOWN = """---
title: "Tajikistan and Kazakhstan agree to lift trade to $3 billion"
date: 2025-02-12
tags: [trade, visits]
---

DUSHANBE — Kazakhstan and Tajikistan set a goal on Wednesday of raising their bilateral trade to $3 billion by 2030, \
Tajik Foreign Minister [Sirojiddin Muhriddin](https://example.org/people/muhriddin-1-5-billion) said after meeting his \
Kazakh counterpart in Dushanbe.

![The ministers in Dushanbe](https://example.org/img/visit-2024-trade-5-percent.jpg)

## Kazakh Foreign Minister [Murat Nurtleu][nurtleu] arrived in Dushanbe on Tuesday for a two-day official visit.

Trade turnover between the two countries reached **$1.2 billion** last year, up *8.5 percent* from the year before, \
according to the Tajik statistics agency.

Source: <https://stat.example.org/trade-up-20-percent>

The ministers signed an agreement on the joint management of transboundary [water resources](/topics/water-10-percent) \
and a memorandum of understanding on cooperation in education.

[nurtleu]: https://example.org/people/nurtleu-visit-2023 "the minister's page"
"""


def test_markdown_front_matter_and_links(run_cli, tmp_path):
    md = tmp_path / "story.md"
    md.write_text(MARKDOWN, encoding="utf-8")
    expected, _ = run(run_cli, WEB / "kaz-tjk.txt")
    facts, _ = run(run_cli, md)
    assert facts == expected
    from_stdin, _ = run(run_cli, "-", input=MARKDOWN)  # front matter with a date: Markdown on standard input too
    assert from_stdin == expected


def test_markdown_text():
    text = markdown.to_text(MARKDOWN)
    assert text.startswith(" date 2025-02-12\nTajikistan and Kazakhstan agree to lift trade to $3 billion\n")
    assert "example.org" not in text and "**" not in text and "## " not in text
    assert "Tajik Foreign Minister Sirojiddin Muhriddin said" in text
    # a plain text's separator lines are not front matter
    plain = "---\nTrade rose 5 percent in 2024.\n---\nMore text."
    assert markdown.to_text(plain) == plain and not markdown.is_markdown("a.txt", plain)


def test_binary_stays_an_error():
    for data in (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + bytes(range(256)) * 4, "no BOM".encode("utf-16-le") * 9):
        with pytest.raises(InputError, match="binary data, not text"):
            decode("x", data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_text_or_one_clear_error(data):
    try:
        article = load("x.txt", data)
    except InputError as e:
        assert str(e).startswith("x.txt: ") and "\n" not in str(e)
    else:
        assert article.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="[]()!*_#<>:-\n ahttps", max_size=300))
def test_markdown_never_fails(text):
    assert isinstance(markdown.to_text(text), str)
