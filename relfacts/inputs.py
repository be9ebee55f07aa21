"""Reading articles: files or standard input ("-"), as text.

Bytes are UTF-8 first; failing that, UTF-16 or UTF-32 with a byte-order mark,
cp1252 or latin-1 (charset-normalizer tells which, or that the bytes are no
text), with a one-line warning naming the encoding used.  A web page becomes
its article text (webpage.py), a Markdown file its text without front matter
and link targets (markdown.py); either gives its date as the ` date` header.

Bad input is an InputError with a one-line message naming the input, never a
traceback: a missing or unreadable file, a folder, binary data, an empty file,
a web page with no article text."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import markdown, webpage


class InputError(Exception):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name, self.message = name, message


DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm")
# what charset-normalizer may choose from when the bytes are not UTF-8
FALLBACK_ENCODINGS = ("utf_16", "utf_32", "cp1252", "latin_1")
ENCODING_NAMES = {"utf_16": "UTF-16", "utf_32": "UTF-32", "cp1252": "cp1252 (Windows-1252)", "latin_1": "latin-1"}


@dataclass
class Article:
    text: str
    warnings: list = field(default_factory=list)


def discover(names, globs=DEFAULT_GLOBS) -> list[str]:
    """The inputs of a run: named files (and "-") as given, in order; a folder
    stands for the files below it that match one of `globs`, sorted by path."""
    out = []
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = {p for g in globs for p in path.rglob(g) if p.is_file()}
            out.extend(str(p) for p in sorted(found))
        else:
            out.append(name)
    return out


def read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder (name the files, or use a glob)") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as e:
        raise InputError(name, e.strerror or str(e)) from None


def read_article(name: str) -> Article:
    return load(name, read_bytes(name))


def load(name: str, data: bytes) -> Article:
    """The article text of a file's bytes: decoded, and converted when it is a
    web page or Markdown."""
    text, encoding = decode(name, data)
    warnings = [f"{name}: not UTF-8; read as {ENCODING_NAMES.get(encoding, encoding)}"] if encoding else []
    if not text.strip():
        raise InputError(name, "empty")
    if webpage.is_html(name, text):
        try:
            text = webpage.to_text(text)
        except webpage.PageError as e:
            raise InputError(name, str(e)) from None
    elif markdown.is_markdown(name, text):
        text = markdown.to_text(text)
    if not text.strip():
        raise InputError(name, "empty")
    return Article(text, warnings)


def decode(name: str, data: bytes) -> tuple[str, str | None]:
    """(text, None) for UTF-8; (text, encoding) for a fallback encoding."""
    if b"\x00" not in data[:8192]:
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError as e:
            where = f"byte 0x{data[e.start]:02x} at offset {e.start}"
    else:
        where = None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)).best()
    if best is None:
        if where is None or b"\x00" in data:
            raise InputError(name, "binary data, not text")
        raise InputError(name, f"not text in UTF-8, UTF-16, UTF-32, cp1252 or latin-1 ({where})")
    return str(best).lstrip("\ufeff"), best.encoding
