"""corpuskit: who copied whom and where the sources disagree."""

__version__ = "0.1.0"
