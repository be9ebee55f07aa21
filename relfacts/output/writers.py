"""Writing facts as JSON Lines, JSON or CSV, one document at a time (streaming).

Every writer takes `write(doc)` with a worker.DocResult (its `facts` are the
schema's JSON objects, its `lines` the same as JSON), `write_error(doc)` and
`close()`; its `reads` says which of them the DocResults need carry (the
workers make only those).

JSON and JSON Lines follow ../shared/spec/facts.md field by field.  CSV has one
column per field of every known fact type; `span` becomes span_start/span_end
and `countries` is joined with ';'."""
from __future__ import annotations

COMMON = ("type", "doc", "span", "text", "sentence", "rule", "countries", "date")


class StreamWriter:
    reads = ("lines",)

    def __init__(self, stream, types):
        self.stream = stream

    def write_error(self, doc):
        pass

    def close(self):
        pass


class JsonLinesWriter(StreamWriter):
    def write(self, doc):
        self.stream.write("".join(line + "\n" for line in doc.lines))


class JsonWriter(StreamWriter):
    """A JSON array, written as the facts come."""

    def __init__(self, stream, types):
        super().__init__(stream, types)
        self.count = 0
        stream.write("[")

    def write(self, doc):
        for line in doc.lines:
            self.stream.write(("," if self.count else "") + "\n  " + line)
            self.count += 1

    def close(self):
        self.stream.write("\n]\n" if self.count else "]\n")


class CsvWriter(StreamWriter):
    reads = ("facts",)

    def __init__(self, stream, types):
        import csv

        super().__init__(stream, types)
        extra = []
        for t in types.values():
            extra.extend(f for f in t.fields if f not in extra)
        self.columns = ["type", "doc", "span_start", "span_end", "text", "sentence", "rule",
                        "countries", "date"] + extra
        self.writer = csv.DictWriter(stream, self.columns, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, doc):
        for fact in doc.facts:
            row = dict(fact)
            row["span_start"], row["span_end"] = row.pop("span")
            row["countries"] = ";".join(row["countries"])
            self.writer.writerow(row)


WRITERS = {"jsonl": JsonLinesWriter, "json": JsonWriter, "csv": CsvWriter}
