"""Typed knowledge-base records (the schema of ``data/kb/*.yaml``).

A KB file is a YAML mapping with a ``version: 1`` key and any of the lists
``entries`` (actors and places) and ``offices`` (posts whose holder changes over
time). See ``docs/knowledge-base.md`` for the full schema with examples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KB_TYPES = ("PERSON", "ORG", "GPE", "MILITIA", "FACILITY", "PLACE")
RELATION_TYPES = ("member_of", "part_of", "backed_by", "leader_of", "located_in", "front_of")


@dataclass(frozen=True)
class Relation:
    """A dated link between two entries (``target`` is the other entry's id)."""

    type: str
    target: str
    start: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    end: str | None = None


@dataclass(frozen=True)
class Tenure:
    """One person's time in an office."""

    holder: str  # entry id of a PERSON
    start: str | None = None
    end: str | None = None


@dataclass
class KBEntry:
    """An actor or place.

    ``id`` is a stable slug (``qasem_soleimani``); ``canonical`` the English
    Wikipedia title used in output. ``aliases`` maps an ISO 639-1 code (or ``"*"``
    for names written the same in every language, such as acronyms) to surface
    forms. ``demonyms`` are adjectival forms ("Iraqi", "irakien") that resolve to
    the entry when used as a modifier. ``admin_level`` (places only): 0 country,
    1 province/governorate, 2 district, 3 city/town, 4 site (base, airport,
    neighbourhood).
    """

    id: str
    canonical: str
    type: str
    qid: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin_level: int | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: dict[str, list[str]] = field(default_factory=dict)
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # words that support this sense
    case_sensitive: list[str] = field(default_factory=list)  # aliases only matched as written
    source: str = ""  # file:line it came from


@dataclass
class Office:
    """A post ("US Secretary of State") whose generic titles resolve by date."""

    id: str
    name: str
    country: str | None = None
    aliases: dict[str, list[str]] = field(default_factory=dict)
    holders: list[Tenure] = field(default_factory=list)
    source: str = ""
