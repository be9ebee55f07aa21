"""Turning a rule match into field values: what a normalizer or a context
sees (FieldEnv), and the two registries rules name: normalizers
(`normalize: money.amount`, facts/normalizers.py) and document contexts
(`context: sentence_date`, facts/contexts.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .contexts import CARRY, CONTEXTS, NextLeg, Trip
from .normalizers import NORMALIZERS

__all__ = ["FieldEnv", "NORMALIZERS", "CONTEXTS", "CARRY", "NextLeg", "Trip"]


@dataclass
class FieldEnv:
    """What a normalizer or context sees: the document, its context, the match."""
    ruleset: object
    doc: object
    ctx: object
    match: object
    evidence: tuple[int, int]
    anchor: tuple[int, int]
    sentence: tuple[int, int]
    values: dict = field(default_factory=dict)
    group: str | None = None  # the group a normalizer is reading
    rule: object = None  # the rule that matched (its fields' sources: a kind map a normalizer reads)
