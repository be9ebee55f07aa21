"""relfacts: facts about relations between countries (trade figures,
percentages, treaties, visits) from news text, by rules kept as data."""

__all__ = ["extract", "extract_document", "ruleset", "Extraction", "Fact"]
__version__ = "0.1.0"


def __getattr__(name):
    # the library is imported when first used, so that `relfacts` (the command)
    # starts by what it needs and can stop cleanly on Ctrl-C while it loads
    if name in ("extract", "extract_document", "ruleset", "Extraction"):
        from . import api

        return getattr(api, name)
    if name == "Fact":
        from .facts.model import Fact

        return Fact
    raise AttributeError(f"module 'relfacts' has no attribute {name!r}")
