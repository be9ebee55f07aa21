"""The fact record: the schema of ../shared/spec/facts.md (common fields first,
then the type's own fields in the order its type declares them)."""
from __future__ import annotations

from dataclasses import dataclass, field

COMMON_ORDER = ("type", "doc", "span", "text", "sentence", "rule", "countries", "date")


@dataclass
class Fact:
    type: str
    doc: str
    span: tuple[int, int]
    text: str
    sentence: str
    rule: str
    countries: list[str]
    date: str | None
    fields: dict = field(default_factory=dict)
    trace: dict = field(default_factory=dict, compare=False, repr=False)
    sentence_span: tuple = field(default=(0, 0), compare=False, repr=False)  # not part of the schema

    def to_dict(self) -> dict:
        out = {"type": self.type, "doc": self.doc, "span": [self.span[0], self.span[1]],
               "text": self.text, "sentence": self.sentence, "rule": self.rule,
               "countries": list(self.countries), "date": self.date}
        out.update(self.fields)
        return out

    def get(self, name: str):
        if name in self.fields:
            return self.fields[name]
        return getattr(self, name, None) if name in COMMON_ORDER else None
