"""The extract job: read each input, extract its facts, write them as they
come; a bad input is reported (one line naming it) and the others still run."""
from __future__ import annotations

import contextlib
import os
import sys

from rich.console import Console

from .api import extract_document
from .inputs import InputError, read_article
from .output.table import TableWriter
from .output.writers import WRITERS


def open_writer(fmt: str, stream, ruleset, show_doc: bool):
    if fmt == "table":
        console = Console(file=stream, highlight=False)
        if not console.is_terminal and "COLUMNS" not in os.environ:
            # a file or a pipe: wide lines rather than names folded over three rows
            console = Console(file=stream, highlight=False, width=160)
        return TableWriter(console, ruleset.types, show_doc=show_doc)
    return WRITERS[fmt](stream, ruleset.types)


def run_extract(paths, fmt, output, published, ruleset, types, err) -> int:
    failures = 0
    with contextlib.ExitStack() as stack:
        if output:
            try:
                stream = stack.enter_context(open(output, "w", encoding="utf-8", newline=""))
            except OSError as e:
                err.print(f"relfacts: error: {output}: {e.strerror}", markup=False)
                return 2
        else:
            stream = sys.stdout
        writer = open_writer(fmt, stream, ruleset, show_doc=len(paths) > 1)
        for name in paths:
            try:
                text = read_article(name)
            except InputError as e:
                err.print(f"relfacts: error: {e}", markup=False)
                failures += 1
                continue
            result = extract_document(text, published, ruleset, name=name, types=types)
            for timeout in result.timeouts:
                err.print(f"relfacts: warning: {timeout}", markup=False)
            writer.write(result.facts)
            stream.flush()
        writer.close()
    if failures:
        err.print(f"relfacts: {failures} of {len(paths)} input(s) failed", markup=False)
    return 1 if failures else 0
