"""Cross-document entity resolution: spellings, short forms and labels of names.

``resolve(mentions, decisions)`` turns NER mentions from many documents into
entities; ``link`` does the same and also maps each input mention to its
entity.  See ``resolve.py`` for the order of the rules.
"""

from corpuskit.entities.model import Decisions, Entity, Mention, Variant
from corpuskit.entities.resolve import Resolution, link, resolve

__all__ = ["Decisions", "Entity", "Mention", "Resolution", "Variant", "link", "resolve"]
