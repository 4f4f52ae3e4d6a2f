"""Geocoding: knowledge-base places first, then the offline GeoNames gazetteer.

The entity stage calls :class:`Geocoder` for every place mention; :class:`GeocodeStage` fills
coordinates of locations that arrive without them (e.g. from an external annotator).
"""

from __future__ import annotations

import re

from wirewatch.gazetteer import Gazetteer, Place, load_gazetteer
from wirewatch.kb.index import normalize, words
from wirewatch.kb.model import KBEntry, KnowledgeBase
from wirewatch.model import Document, Location

__all__ = ["GeocodeStage", "Geocoder", "load_gazetteer"]

# Words that are never toponyms on their own although GeoNames has towns so named.
NOT_PLACES = words(
    """
    the a an of and or in on at to for by with from this that north south east west
    central northern southern eastern western government ministry army police forces
    troops
    """
)
_LATIN_RE = re.compile(r"^[\sA-Za-z\u00c0-\u024f'’.\-]+$")


def display_name(surface: str) -> str:
    """A mention cleaned for output: 'BAGHDAD' -> 'Baghdad', leading 'the ' dropped."""
    s = surface.strip(" \t\n\"'“”«»’")
    if s[:4].lower() == "the ":
        s = s[4:]
    for tail in ("'s", "’s"):
        if s.endswith(tail):
            s = s[: -len(tail)]
    if s.isupper() and len(s) > 3:
        s = " ".join(w.capitalize() for w in s.split())
    return s


class Geocoder:
    """Resolves a place name to coordinates, with the document's countries as context."""

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer | None = None) -> None:
        self.kb = kb
        self.gazetteer = gazetteer

    def from_entry(self, entry: KBEntry, surface: str, countries: set[str]) -> Location:
        """A location for a KB place (its own coordinates, else the gazetteer's)."""
        loc = Location(canonical=entry.canonical, kb_id=entry.id, country=entry.country)
        if entry.lat is not None and entry.lon is not None:
            loc.lat, loc.lon = entry.lat, entry.lon
        elif self.gazetteer is not None:
            ctx = {entry.country} if entry.country else countries
            place, ambiguous = self.gazetteer.resolve(entry.canonical, ctx)
            if place is None:
                place, ambiguous = self.gazetteer.resolve(surface, ctx)
            if place is not None:
                self._fill(loc, place, ambiguous)
        return loc

    def from_name(
        self, surface: str, countries: set[str], qualifier: str | None = None
    ) -> Location | None:
        """A location for a name the KB does not know; None when it is not a known place.

        ``qualifier`` is the name after a comma ("Springfield, Illinois", "Paris, Texas"): a
        country or a region there narrows the homonyms.
        """
        name = display_name(surface)
        if not name or name.casefold() in NOT_PLACES or self.gazetteer is None:
            return None
        near = None
        if qualifier:
            region = self._qualifier(qualifier)
            if region is not None:
                countries, near = {region[0]}, region[1]
        place, ambiguous = self.gazetteer.resolve(name, countries, near)
        if place is None:
            return None
        # Latin-script mentions keep the spelling English news uses (the gold convention);
        # other scripts take GeoNames' English name.
        canonical = name if _LATIN_RE.match(name) else place.name
        loc = Location(canonical=canonical)
        self._fill(loc, place, ambiguous)
        return loc

    def _qualifier(self, name: str) -> tuple[str, list[tuple[float, float]] | None] | None:
        """(country, points near) for the qualifier of "City, Qualifier"."""
        entry = self.kb.by_canonical(name)
        if entry is not None and entry.type == "GPE" and entry.country:
            return entry.country, None
        key = normalize(name)
        for e in self.kb.entries.values():
            if (
                e.type == "GPE"
                and e.country
                and key in (normalize(a) for a in e.aliases.get("en", ()))
            ):
                return e.country, None
        if self.gazetteer is not None:
            regions = [p for p in self.gazetteer.lookup(name) if p.kind == "admin1"]
            if regions:
                return regions[0].country, [(regions[0].lat, regions[0].lon)]
        return None

    @staticmethod
    def _fill(loc: Location, place: Place, ambiguous: bool) -> None:
        loc.lat, loc.lon = place.lat, place.lon
        loc.country = loc.country or place.country or None
        loc.geonames_id = place.geonames_id
        loc.ambiguous = ambiguous


class GeocodeStage:
    """Fills missing coordinates of ``doc.locations`` (context: countries among entities)."""

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer | None = None) -> None:
        self.geocoder = Geocoder(kb, gazetteer)
        self.kb = kb

    def __call__(self, doc: Document) -> Document:
        countries = {
            e.country
            for ent in doc.entities
            if ent.kb_id and (e := self.kb.get(ent.kb_id)) is not None and e.country
        }
        for loc in doc.locations:
            if loc.lat is not None:
                continue
            found = self.geocoder.from_name(loc.canonical, countries)
            if found is not None:
                loc.lat, loc.lon = found.lat, found.lon
                loc.geonames_id, loc.ambiguous = found.geonames_id, found.ambiguous
                loc.country = loc.country or found.country
        return doc
