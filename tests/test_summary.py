"""The per-pair summary: a cluster's chunks each make one, the driver merges them."""
from conftest import SHARED

from test_batch import SAMPLES

import relfacts
from relfacts.summary import Summary


def _facts_by_document():
    paths = SAMPLES + sorted((SHARED / "devset").glob("*.txt"))[:12]
    return [(str(p), [f.to_dict() for f in relfacts.extract(p.read_text(encoding="utf-8"))]) for p in paths]


def _state(summary):
    return summary.documents, {key: vars(pair) for key, pair in summary.pairs.items()}


def test_merged_chunk_summaries_equal_one_summary_of_every_document():
    docs = _facts_by_document()
    whole = Summary()
    for name, facts in docs:
        whole.add(name, facts)
    merged = Summary()
    for start in range(0, len(docs), 3):  # chunks of 3 documents
        chunk = Summary()
        for name, facts in docs[start:start + 3]:
            chunk.add(name, facts)
        merged.merge(chunk)
    assert len(whole.pairs) >= 5 and any(p.documents > 1 for p in whole.pairs.values())
    assert _state(merged) == _state(whole)
