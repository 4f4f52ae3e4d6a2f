"""The multilingual knowledge base: canonical actors, places and dated offices.

``load_kb()`` returns the packaged KB (cached); ``load_kb([Path("extra.yaml")])`` adds user
files. Schema and matching conventions: ``docs/knowledge-base.md``.
"""

from wirewatch.kb.loader import check_files, load_kb, packaged_files
from wirewatch.kb.model import (
    KB_TYPES,
    RELATION_TYPES,
    KBEntry,
    KnowledgeBase,
    Office,
    Relation,
    Tenure,
    affix_variants,
    date_bounds,
)

__all__ = [
    "KB_TYPES",
    "RELATION_TYPES",
    "KBEntry",
    "KnowledgeBase",
    "Office",
    "Relation",
    "Tenure",
    "affix_variants",
    "check_files",
    "date_bounds",
    "load_kb",
    "packaged_files",
]
