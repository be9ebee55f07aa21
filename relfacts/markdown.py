"""Markdown articles as plain text: the front matter's date (and title) become
the ` date` header (and first line), and link targets are not text.

Only what changes the facts is rewritten: front matter, links and images,
reference definitions, autolinks, heading marks and emphasis marks around
words ("reached **$1.2 billion**").  Everything else is kept as written."""
from __future__ import annotations

import datetime as dt
import re


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_DATE_KEYS = ("date", "published", "publishDate", "pubDate", "published_at", "datePublished")
# every repeat is bounded, so that a line full of unclosed brackets takes linear time
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\]\n]{1,500})\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,500}\])")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]{0,2000}>")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*(?:\n|\Z)", re.M)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+", re.M)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]{1,500}?)(?<=\S)\*(?![\w*])")


def is_markdown(name: str, text: str) -> bool:
    """A file named *.md / *.markdown, or any text that opens with front matter
    giving a date or a title."""
    if name.lower().endswith((".md", ".markdown")):
        return True
    fields, _ = front_matter(text)
    return any(k in fields for k in _DATE_KEYS + ("title",))


def front_matter(text: str) -> tuple[dict, str]:
    """The front matter's fields and the text after it; ({}, text) when the
    text opens with no YAML mapping between `---` lines."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    import yaml  # only for a text with front matter (a start-up of the command costs 10 ms less)

    try:
        fields = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text
    return (fields, text[m.end():]) if isinstance(fields, dict) else ({}, text)


def to_text(text: str) -> str:
    fields, body = front_matter(text)
    body = _REFERENCE.sub("", body)
    body = _IMAGE.sub("", body)
    body = _LINK.sub(r"\1", body)
    body = _AUTOLINK.sub("", body)
    body = _HEADING.sub("", body)
    body = _EMPHASIS.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(3), body)
    head = []
    date = next((d for d in map(_date, (fields.get(k) for k in _DATE_KEYS)) if d), None)
    if date:
        head.append(f" date {date}")
    title = fields.get("title")
    if isinstance(title, str) and title.strip():
        head.append(" ".join(title.split()))
    return "\n".join(head + [body.lstrip("\n")]) if head else body


def _date(value) -> str | None:
    """YYYY-MM-DD from a front-matter value: a YAML date or datetime, or a string starting with one."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
        return m.group(1) if m else None
    return None
