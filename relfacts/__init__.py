"""relfacts: facts about relations between countries (trade figures,
percentages, treaties, visits) from news text, by rules kept as data."""
from .api import Extraction, extract, extract_document, ruleset
from .facts.model import Fact

__all__ = ["extract", "extract_document", "ruleset", "Extraction", "Fact"]
__version__ = "0.1.0"
