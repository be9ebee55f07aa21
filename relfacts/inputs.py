"""Reading articles: files or standard input ("-"), as UTF-8 text.

Bad input is an InputError with a one-line message naming the input, never a
traceback: a missing or unreadable file, a folder, binary data, text that is
not UTF-8, an empty file."""
from __future__ import annotations

import sys
from pathlib import Path


class InputError(Exception):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name, self.message = name, message


DEFAULT_GLOBS = ("*.txt", "*.md")


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


def read_article(name: str) -> str:
    return decode(name, read_bytes(name))


def decode(name: str, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(name, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})") from None
    if not text.strip():
        raise InputError(name, "empty")
    return text
