"""newsprism: read one news story through many outlets."""

from newsprism.errors import NewsprismError
from newsprism.pipeline import AnalysisResult, Pipeline, analyze
from newsprism.store import Store, open_store
from newsprism.types import Article, Conflict, Evidence, Extracted, Fact, Quote, RawInput, Skipped, Story

__version__ = "0.1.0"

__all__ = [
    "AnalysisResult", "Article", "Conflict", "Evidence", "Extracted", "Fact", "NewsprismError", "Pipeline",
    "Quote", "RawInput", "Skipped", "Story", "Store", "analyze", "open_store", "__version__",
]
