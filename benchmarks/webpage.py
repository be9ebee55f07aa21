"""Web pages: what trafilatura's article extraction gives over the page as
text and over a hand-written tag stripper.

Each page NAME.html in tests/data/web has its article's own text beside it
(NAME.txt, with the page's date as its ` date` header).  For each way of
reading the page, the benchmark prints the facts found, how many of them are
the article's facts (same type, fields, countries and date), the spurious and
the missed ones, the words kept that are not in the article (boilerplate), and
the milliseconds per page.

    python benchmarks/webpage.py [--repeat 20]
"""
from __future__ import annotations

import argparse
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import relfacts
from relfacts.inputs import load

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "web"


class _Stripper(HTMLParser):
    """What one writes by hand: the text of every element but scripts and
    styles, a line break at each block element, the title first."""
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "br", "tr", "td", "section", "article", "header", "footer",
             "nav", "aside", "ul", "ol", "table", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self.skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript"):
            self.skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def hand_written(html: str) -> str:
    stripper = _Stripper()
    stripper.feed(html)
    text = re.sub(r"[ \t]*\n\s*", "\n", "".join(stripper.parts)).strip()
    date = re.search(r'article:published_time"\s+content="(\d{4}-\d{2}-\d{2})|<time datetime="(\d{4}-\d{2}-\d{2})', html)
    return (f" date {date.group(1) or date.group(2)}\n" if date else "") + text


READERS = {
    "page as text": lambda html: html,
    "hand-written stripper": hand_written,
    "trafilatura (relfacts)": lambda html: load("page.html", html.encode()).text,
}


def key(fact) -> tuple:
    return fact.type, fact.date, tuple(fact.countries), tuple(sorted((k, str(v)) for k, v in fact.fields.items()))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20, help="readings of each page to time")
    a = ap.parse_args()
    rules = relfacts.ruleset()
    pages = sorted(PAGES.glob("*.html"))
    totals = {name: [0, 0, 0, 0, 0, 0.0] for name in READERS}
    print(f"{'page':20} {'reader':24} {'facts':>5} {'right':>5} {'spurious':>8} {'missed':>6} {'extra words':>11} {'ms/page':>8}")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = page.with_suffix(".txt").read_text(encoding="utf-8")
        gold = {key(f) for f in relfacts.extract(article, rules=rules)}
        article_words = set(words(article))
        for name, read in READERS.items():
            text = read(html)
            start = time.perf_counter()
            for _ in range(a.repeat):
                read(html)
            ms = (time.perf_counter() - start) / a.repeat * 1000
            found = {key(f) for f in relfacts.extract(text, rules=rules)}
            extra = sum(1 for w in words(text) if w not in article_words)
            row = [len(found), len(found & gold), len(found - gold), len(gold - found), extra, ms]
            totals[name] = [t + r for t, r in zip(totals[name], row)]
            print(f"{page.stem:20} {name:24} {row[0]:5} {row[1]:5} {row[2]:8} {row[3]:6} {row[4]:11} {row[5]:8.1f}")
    print()
    for name, (f, r, s, m, e, ms) in totals.items():
        print(f"{'all pages':20} {name:24} {f:5} {r:5} {s:8} {m:6} {e:11} {ms / len(pages):8.1f}")


if __name__ == "__main__":
    main()
