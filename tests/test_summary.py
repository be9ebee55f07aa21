"""The per-pair summary: a cluster's chunks each make one, the driver merges them."""
from test_batch import SAMPLES

import relfacts
from relfacts.summary import Summary


# stories of their own, so that pairs recur across documents (and chunks)
STORIES = [
    " date 2025-03-01\nTrade between Kazakhstan and Uzbekistan reached $4.4 billion in 2024.",
    " date 2025-04-02\nKazakh President Kassym-Jomart Tokayev paid a state visit to Uzbekistan on March 30.",
    " date 2025-05-03\nKazakhstan and Uzbekistan signed an agreement on water management on Friday.",
    " date 2025-06-04\nTrade between Brazil and China rose 12% to $160 billion in 2024.",
    " date 2025-07-05\nBrazilian President Luiz Inacio Lula da Silva arrived in Beijing on Thursday.",
]


def _facts_by_document():
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in SAMPLES] + [(f"story-{i}", t) for i, t in enumerate(STORIES)]
    return [(name, [f.to_dict() for f in relfacts.extract(text)]) for name, text in texts]


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
