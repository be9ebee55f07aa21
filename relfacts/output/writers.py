"""Writing facts as JSON Lines, JSON or CSV, one document at a time (streaming).

JSON and JSON Lines follow ../shared/spec/facts.md field by field.  CSV has one
column per field of every known fact type; `span` becomes span_start/span_end
and `countries` is joined with ';'."""
from __future__ import annotations

import csv
import json

COMMON = ("type", "doc", "span", "text", "sentence", "rule", "countries", "date")


class JsonLinesWriter:
    def __init__(self, stream, types):
        self.stream = stream

    def write(self, facts):
        for fact in facts:
            self.stream.write(json.dumps(fact.to_dict(), ensure_ascii=False) + "\n")

    def close(self):
        pass


class JsonWriter:
    """A JSON array, written as the facts come."""

    def __init__(self, stream, types):
        self.stream = stream
        self.count = 0
        stream.write("[")

    def write(self, facts):
        for fact in facts:
            self.stream.write(("," if self.count else "") + "\n  " + json.dumps(fact.to_dict(), ensure_ascii=False))
            self.count += 1

    def close(self):
        self.stream.write("\n]\n" if self.count else "]\n")


class CsvWriter:
    def __init__(self, stream, types):
        extra = []
        for t in types.values():
            extra.extend(f for f in t.fields if f not in extra)
        self.columns = ["type", "doc", "span_start", "span_end", "text", "sentence", "rule",
                        "countries", "date"] + extra
        self.writer = csv.DictWriter(stream, self.columns, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, facts):
        for fact in facts:
            row = fact.to_dict()
            row["span_start"], row["span_end"] = row.pop("span")
            row["countries"] = ";".join(row["countries"])
            self.writer.writerow(row)

    def close(self):
        pass


WRITERS = {"jsonl": JsonLinesWriter, "json": JsonWriter, "csv": CsvWriter}
