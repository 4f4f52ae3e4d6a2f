"""Places the KB lacks, found through the gazetteer: cued towns, CJK runs, datelines.

Split from :mod:`wirewatch.stages.entities`, which calls these after KB matching and NER.
"""

from __future__ import annotations

import re

from wirewatch.gazetteer import distance_km
from wirewatch.kb.index import Match, Tok, all_stems, normalize
from wirewatch.kb.model import KnowledgeBase
from wirewatch.model import Location, Mention
from wirewatch.stages.entity_rules import (
    COORDINATION,
    LOCATIVE_BEFORE,
    MIN_SURNAME,
    PLACE_AFTER,
    PLACE_WORDS,
    Taken,
    is_lower,
)
from wirewatch.stages.geocode import Geocoder
from wirewatch.stages.ner_fallback import STOP

# Population above which a capitalised run found in the gazetteer is taken as a place even
# when its country is not mentioned (fallback languages only).
FALLBACK_PLACE_POP = 100_000
# A dateline: up to four words at the very start, then ":", "(", a dash or "|".
DATELINE_RE = re.compile(r"\s*([^\W\d_][^\W\d_ .'-]*(?: [^\W\d_]+){0,3})\s*(?::|\(|—|–|-\s|\|)")
# "Atlanta, Georgia": a town, a comma, then the name of a region.
_TOWN_BEFORE = re.compile(r"([A-Z][\w.]+(?: [A-Z][\w.]+)?),\s+$")
# Longest capitalised run (tokens) tried as one town name after a cue ("in Porto Alegre").
RUN_MAX = 3
# A gazetteer town this close (degrees, ~5 km) to a KB town is that town.
SNAP_DEG = 0.05
# Chinese/Japanese place names tried after a locative character: 2 to CJK_MAX characters.
CJK_MAX = 6
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class PlaceFinder:
    """Gazetteer-backed place finding for the entity stage."""

    def __init__(self, kb: KnowledgeBase, geocoder: Geocoder) -> None:
        self.geocoder = geocoder
        self._kb_towns = [
            e
            for e in kb.entries.values()
            if e.type == "PLACE" and e.admin_level == 3 and e.lat is not None and e.lon is not None
        ]

    def cued(
        self,
        text: str,
        lang: str | None,
        toks: list[Tok],
        mentions: list[Mention],
        places: list[tuple[Mention, Location]],
        countries: set[str],
    ) -> None:
        """Towns NER missed, after a locative or "city" word ("Stadt Nablus") or listed right
        after another place ("in Kharkiv and Donetsk")."""
        cues = LOCATIVE_BEFORE.get(lang or "", frozenset()) | PLACE_WORDS
        spans = Taken(len(text), [*mentions, *(p for p, _ in places)])
        place_ends = {p.end for p, _ in places}
        for i in range(1, len(toks)):
            tok = toks[i]
            prev = toks[i - 1].keys[0]
            listed = i > 1 and prev in COORDINATION and toks[i - 2].end in place_ends
            if CJK_RE.match(tok.text):
                if prev in cues or listed:
                    self._cjk(text, toks, i, countries, spans, places, place_ends)
                continue
            after = i + 1 < len(toks) and toks[i + 1].keys[0] in PLACE_AFTER
            if (prev not in cues and not listed and not after) or len(tok.text) < MIN_SURNAME:
                continue
            if is_lower(tok.text) or normalize(tok.text) in STOP:
                continue
            if spans.overlaps(tok.start, tok.end):
                continue
            # Longest capitalised run first ("in Porto Alegre"), then the word, then its stems
            # ("Meszhedzie" -> "meszhed", "Isfahanie" -> "isfahan").
            tries = [(toks[j].end, text[tok.start : toks[j].end]) for j in self._run(text, toks, i)]
            tries += [(tok.end, n) for n in all_stems(tok.keys[0], lang or "")]
            for end, name in tries:
                if spans.overlaps(tok.start, end):
                    continue
                loc = self.geocoder.from_name(name, countries)
                if loc is not None and (loc.country in countries or self.big(loc)):
                    if name != text[tok.start : end]:
                        loc.canonical = self.gazetteer_name(loc) or loc.canonical
                    surface = text[tok.start : end]
                    pm = Mention(surface, tok.start, end, "PLACE", None, loc.canonical, "cue", 0.5)
                    places.append((pm, loc))
                    spans.add(tok.start, end)
                    place_ends.add(end)
                    break

    @staticmethod
    def _run(text: str, toks: list[Tok], i: int) -> list[int]:
        """Last-token indexes of the capitalised runs from token i, longest first (<= 3)."""
        out = [i]
        j = i + 1
        while (
            j < len(toks)
            and j - i < RUN_MAX
            and text[toks[j - 1].end : toks[j].start] in (" ", "-")
        ):
            if is_lower(toks[j].text) or normalize(toks[j].text) in STOP:
                break
            out.append(j)
            j += 1
        return out[::-1]

    def _cjk(
        self,
        text: str,
        toks: list[Tok],
        i: int,
        countries: set[str],
        spans: Taken,
        places: list[tuple[Mention, Location]],
        place_ends: set[int],
    ) -> None:
        """The longest run of 2-6 CJK characters from token i that names a known place."""
        for n in range(min(CJK_MAX, len(toks) - i), 1, -1):
            run = toks[i : i + n]
            pairs = zip(run[1:], run[:-1], strict=True)
            if any(not CJK_RE.match(t.text) or t.start != r.end for t, r in pairs):
                continue
            start, end = run[0].start, run[-1].end
            if spans.overlaps(start, end):
                continue
            loc = self.geocoder.from_name(text[start:end], countries)
            if loc is not None and (loc.country in countries or self.big(loc)):
                pm = Mention(text[start:end], start, end, "PLACE", None, loc.canonical, "cue", 0.5)
                places.append((pm, loc))
                spans.add(start, end)
                place_ends.add(end)
                return

    def dateline(
        self, text: str, countries: set[str], places: list[tuple[Mention, Location]]
    ) -> None:
        """A dateline place the KB lacks, in any script ("اسلام آباد:", "KELOWNA (AP) -")."""
        m = DATELINE_RE.match(text)
        if m is None or any(p.start < m.end(1) for p, _ in places):
            return
        name = m.group(1).strip()
        loc = self.geocoder.from_name(name, countries)
        if loc is not None and (loc.country in countries or self.big(loc)):
            pm = Mention(name, m.start(1), m.start(1) + len(name), "PLACE", None, loc.canonical)
            places.append((pm, loc))

    def snap_to_kb(self, loc: Location) -> None:
        """A gazetteer town the KB knows under another spelling ("Dihok" = Duhok)."""
        if loc.lat is None or loc.lon is None:
            return
        for e in self._kb_towns:
            if abs(e.lat - loc.lat) < SNAP_DEG and abs(e.lon - loc.lon) < SNAP_DEG:  # type: ignore[operator]
                loc.canonical, loc.kb_id = e.canonical, e.id
                return

    def gazetteer_name(self, loc: Location) -> str | None:
        """GeoNames' (English) name of a gazetteer location."""
        gaz = self.geocoder.gazetteer
        if gaz is None or loc.geonames_id is None:
            return None
        for p in gaz.lookup(loc.canonical) or gaz.lookup(loc.mentions[0] if loc.mentions else ""):
            if p.geonames_id == loc.geonames_id:
                return p.name
        return None

    def big(self, loc: Location) -> bool:
        """A gazetteer hit populous enough to trust without country context."""
        gaz = self.geocoder.gazetteer
        if gaz is None or loc.geonames_id is None:
            return False
        return any(
            p.geonames_id == loc.geonames_id and p.population >= FALLBACK_PLACE_POP
            for p in gaz.lookup(loc.canonical)
        )

    def region_after_town(self, m: Match, text: str) -> Location | None:
        """A country name used as a region qualifier: "Atlanta, Georgia" is the US state."""
        gaz = self.geocoder.gazetteer
        q = _TOWN_BEFORE.search(text[max(0, m.start - 40) : m.start])
        if gaz is None or q is None or not re.match(r"\s*(?:[,.;:)]|$)", text[m.end : m.end + 2]):
            return None
        region = next((p for p in gaz.lookup(m.text) if p.kind == "admin1"), None)
        if region is None:
            return None
        here = (region.lat, region.lon)
        if not any(
            p.kind == "city"
            and p.country == region.country
            and distance_km((p.lat, p.lon), here) < 800
            for p in gaz.lookup(q.group(1))
        ):
            return None
        loc = Location(canonical=region.name, country=region.country)
        loc.lat, loc.lon, loc.geonames_id = region.lat, region.lon, region.geonames_id
        return loc
