"""Actors and places: KB alias matching, resolution, NER integration and geocoding.

Order of evidence: KB aliases (longest match, context and date decide between senses) beat
statistical NER, which beats the rule fallback. Countries are GPE entities; cities, regions,
bases and sites are locations. Names the KB does not know stay unresolved (surface form as
canonical) and are kept conservatively, since spurious entities cost precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.gazetteer import Gazetteer
from wirewatch.kb.fuzzy import FuzzyIndex
from wirewatch.kb.index import (
    AliasIndex,
    Match,
    Tok,
    normalize,
    select_longest,
)
from wirewatch.kb.model import KBEntry, KnowledgeBase
from wirewatch.model import Document, Entity, Location, Mention
from wirewatch.stages.entity_places import PlaceFinder
from wirewatch.stages.entity_rules import (
    CITY_QUALIFIER,
    MIN_SURNAME,
    NOUN_CAPS_LANGS,
    OFFICE_QUALIFIERS,
    QUALIFIER_AFTER,
    QUALIFIER_BEFORE,
    Taken,
    capital_metonyms,
    in_byline,
    in_headline,
    is_locative,
    person_surnames,
    speaks,
    strip_titles,
)
from wirewatch.stages.geocode import Geocoder, display_name
from wirewatch.stages.ner_fallback import CRF_LANGS, STOP, NameFallback, is_media

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "MILITIA", "FACILITY")
# A KB actor beats a place reading of the same name unless the mention is locative;
# these priorities break the remaining ties (aliases are the most direct evidence).
KIND_PRIORITY = {"alias": 3, "office": 2, "metonym": 1, "demonym": 1}
# Unresolved organisation names from NER: on the dev set 0 of 6 were gold entities ("Labs PBC",
# "Capitol Hill", "Air Force One"), against 2 of 2 unresolved persons, so only persons are kept.
KEEP_UNRESOLVED_ORGS = False
# Longest name (in words) tried against the KB by fuzzy matching.
MAX_NAME_WORDS = 8


@dataclass
class _Cand:
    entry: KBEntry
    kind: str


class EntityStage:
    """Fills ``doc.mentions``, ``doc.entities`` and ``doc.locations``."""

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer | None = None) -> None:
        self.kb = kb
        self.index = AliasIndex(kb)
        self.fuzzy = FuzzyIndex(kb)
        self.place_fuzzy = FuzzyIndex(kb, types=("PLACE",))
        self.geocoder = Geocoder(kb, gazetteer)
        self.fallback = NameFallback()
        self._metonym_of = capital_metonyms(kb)
        self._twins = {
            e.id: p
            for e in kb.entries.values()
            if e.type in ("ORG", "FACILITY")
            and (p := kb.by_canonical(e.canonical, "PLACE")) is not None
        }
        self._surnames = person_surnames(kb)
        self.place_finder = PlaceFinder(kb, self.geocoder)
        self._context: dict[str, frozenset[str]] = {
            e.id: frozenset(normalize(w) for c in e.context for w in c.split())
            for e in kb.entries.values()
            if e.context
        }

    # -- main -----------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        text = doc.text or ""
        lang = (doc.language or "").split("-")[0].lower() or None
        toks = self.index.tokenize(text, lang)
        matches = select_longest(self._usable(doc, toks, text, lang))
        doc_keys = {t.keys[0] for t in toks}
        countries = self._countries(matches)
        mentions: list[Mention] = []
        places: list[tuple[Mention, Location]] = []
        for m in matches:
            self._resolve(m, toks, text, lang, doc, doc_keys, countries, mentions, places)
        covered = [False] * len(toks)
        for m in matches:
            for i in range(m.tok_start, m.tok_end):
                covered[i] = True
        ner = [m for m in doc.mentions if m.source == "ner"]
        if ner:
            self._add_ner(ner, mentions, places, countries, text, keep=True)
        elif lang != "en":
            fb = self.fallback.find_crf(text, toks, covered) if lang in CRF_LANGS else None
            if fb is None:
                fb = self.fallback.find(text, toks, covered)
            self._add_ner(fb, mentions, places, countries, text, keep=lang not in NOUN_CAPS_LANGS)
        if self.geocoder.gazetteer is not None:
            self.place_finder.dateline(text, countries, places)
            self.place_finder.cued(text, lang, toks, mentions, places, countries)
        self._link_surnames(toks, mentions, places)
        mentions.sort(key=lambda x: x.start)
        doc.mentions = mentions + [p for p, _ in places]
        doc.mentions.sort(key=lambda x: x.start)
        doc.entities = self._entities(mentions)
        doc.locations = self._locations(places, lang)
        return doc

    # -- KB matches -----------------------------------------------------------------------
    def _countries(self, matches: list[Match]) -> set[str]:
        out: set[str] = set()
        for m in matches:
            for t in m.targets:
                e = self.kb.get(t.ref) if t.kind != "office" else None
                if e is not None and e.country and t.kind in ("alias", "demonym"):
                    out.add(e.country)
        return out

    def _resolve(
        self,
        m: Match,
        toks: list[Tok],
        text: str,
        lang: str | None,
        doc: Document,
        doc_keys: set[str],
        countries: set[str],
        mentions: list[Mention],
        places: list[tuple[Mention, Location]],
    ) -> bool:
        """Resolve one match into a mention and/or a place; False when nothing fits."""
        cands: list[_Cand] = []
        for t in m.targets:
            if t.kind == "office":
                holder = self._office_holder(t.ref, m, toks, text, doc)
                if holder is not None:
                    cands.append(_Cand(holder, "office"))
            elif (e := self.kb.get(t.ref)) is not None:
                cands.append(_Cand(e, t.kind))
        if not cands:
            return False
        if all(c.entry.type == "GPE" and not c.entry.admin_level for c in cands) and (
            region := self.place_finder.region_after_town(m, text)
        ):
            mention = Mention(m.text, m.start, m.end, "PLACE", None, region.canonical, "kb", 0.8)
            places.append((mention, region))
            return True
        if QUALIFIER_AFTER.match(text[m.end : m.end + 12]) or QUALIFIER_BEFORE.search(
            text[max(0, m.start - 6) : m.start]
        ):
            cands = [c for c in cands if c.entry.type != "GPE" or (c.entry.admin_level or 0) > 0]
            if not cands:
                return True  # a qualifier, deliberately left out
        locative = is_locative(m, toks, text, lang, lambda t: self._prefix_used(t, lang))
        place_c = [c for c in cands if c.entry.type == "PLACE"]
        actor_c = [c for c in cands if c.entry.type != "PLACE"]
        if not place_c:
            # The venue twin of an institution ("White House") in every language the
            # institution has aliases for, though the KB lists the place under English only.
            place_c = [_Cand(p, c.kind) for c in actor_c if (p := self._twins.get(c.entry.id))]
        if place_c and actor_c:
            pool = place_c if locative else actor_c
            same = {c.entry.canonical for c in place_c} & {c.entry.canonical for c in actor_c}
            if same and not locative and not speaks(m, toks):
                # One name, two entries ("White House" the institution and the building): the
                # institution only when it speaks (P3 notes), else the venue.
                pool = place_c
        elif actor_c and all(c.kind == "metonym" for c in actor_c) and locative:
            pool = []  # "in Tehran": the city, which the KB lacks as a place -> gazetteer
        else:
            pool = place_c or actor_c
        if not pool:
            q = CITY_QUALIFIER.match(text[m.end : m.end + 40])
            loc = self.geocoder.from_name(m.text, countries, q.group(1) if q else None)
            if loc is not None:
                places.append(
                    (Mention(m.text, m.start, m.end, "PLACE", None, loc.canonical, "kb", 0.7), loc)
                )
            return True
        best = max(pool, key=lambda c: self._score(c, doc_keys, countries))
        actor_id = self._metonym_of.get(best.entry.id)
        if actor_id is not None and not locative and (actor := self.kb.get(actor_id)):
            best = _Cand(actor, "metonym")  # "واشنطن أعلنت": the government, not the city
        e = best.entry
        source = {"alias": "kb", "metonym": "kb"}.get(best.kind, best.kind)
        label = "PLACE" if e.type == "PLACE" else e.type
        mention = Mention(m.text, m.start, m.end, label, e.id, e.canonical, source, 1.0)
        if e.type == "PLACE" or (e.type == "GPE" and (e.admin_level or 0) >= 1):
            places.append((mention, self._place(e, m, text, countries)))
        if e.type != "PLACE":
            mentions.append(mention)
        return True

    def _place(self, e: KBEntry, m: Match, text: str, countries: set[str]) -> Location:
        """A KB place, unless "Name, Region" puts a homonym elsewhere ("Paris, Texas")."""
        q = CITY_QUALIFIER.match(text[m.end : m.end + 40])
        if q and e.country:
            other = self.geocoder.from_name(m.text, countries, q.group(1))
            if other is not None and other.country != e.country:
                return other
        return self.geocoder.from_entry(e, m.text, countries)

    def _office_holder(
        self, office_id: str, m: Match, toks: list[Tok], text: str, doc: Document
    ) -> KBEntry | None:
        """Holder of a title at the publication date, unless the title is not about them.

        Left out: no date; "former/deputy/under ..." (another post or time); a possessive
        ("the president of Iran's parliament"); a name right after the title ("Secretary of
        State Mike Pompeo", "spokesman Matthew Miller": the name itself is matched).
        """
        if not doc.published:
            return None
        if m.tok_start > 0 and toks[m.tok_start - 1].keys[0] in OFFICE_QUALIFIERS:
            return None
        after = text[m.end : m.end + 40]
        if re.match(r"[’']s\b", after) or re.search(r"[’']s$", m.text):
            return None
        nxt = re.match(r"[\s,]*(?:for\s[\w ]{0,30}?\s)?([^\W\d_])", after)
        if nxt and nxt.group(1).isupper():
            return None
        return self.kb.holder(office_id, doc.published)

    def _usable(self, doc: Document, toks: list[Tok], text: str, lang: str | None) -> list[Match]:
        """All matches, less office titles that do not name their holder here.

        Filtering before the longest-match choice lets "State Department" survive in "State
        Department spokesman Matthew Miller" and "Iran's parliament" in "the president of
        Iran's parliament".
        """
        out = []
        for m in self.index.match(text, lang, toks, overlapping=True):
            offices = [t for t in m.targets if t.kind == "office"]
            if offices and self._office_holder(offices[0].ref, m, toks, text, doc) is None:
                m.targets = [t for t in m.targets if t.kind != "office"]
            if m.targets:
                out.append(m)
        return out

    def _score(self, c: _Cand, doc_keys: set[str], countries: set[str]) -> tuple[int, int, int]:
        ctx = self._context.get(c.entry.id, frozenset())
        hits = len(ctx & doc_keys)
        in_country = int(bool(c.entry.country) and c.entry.country in countries)
        return hits, in_country, KIND_PRIORITY.get(c.kind, 0)

    def _prefix_used(self, tok: Tok, lang: str | None) -> bool:
        """True when the token matched only after dropping its one-letter prefix."""
        root = self.index.trie(lang)[0]
        key = tok.keys[0]
        return key not in root and any(k in root for k in tok.keys[1:])

    # -- statistical / fallback names -------------------------------------------------------
    def _add_ner(
        self,
        ner: list[Mention],
        mentions: list[Mention],
        places: list[tuple[Mention, Location]],
        countries: set[str],
        text: str,
        keep: bool,
    ) -> None:
        """Statistical/fallback names not covered by KB matches: places, fuzzy, unresolved."""
        taken = Taken(len(text), [*mentions, *(p for p, _ in places)])
        for nm in ner:
            if taken.overlaps(nm.start, nm.end) or nm.label == "NORP":
                continue
            nm = strip_titles(nm)
            surface = display_name(nm.text)
            if not surface or is_media(surface) or normalize(surface) in STOP:
                continue
            if nm.source == "fallback":
                # A capitalised run in a language without NER may be a town ("Nueva York").
                loc = self.geocoder.from_name(surface, countries)
                if loc is not None and (loc.country in countries or self._big(loc)):
                    nm = Mention(nm.text, nm.start, nm.end, "PLACE", source=nm.source)
            if nm.label in ("GPE", "PLACE", "FACILITY"):
                q = CITY_QUALIFIER.match(text[nm.end : nm.end + 40])
                loc = self.geocoder.from_name(
                    surface, countries, q.group(1) if q else None
                ) or self._fuzzy_place(surface, countries)
                if loc is None and nm.label in ("PLACE", "FACILITY") and " " in surface:
                    loc = Location(canonical=surface)  # a named site the gazetteer lacks
                if loc is not None:
                    pm = Mention(
                        nm.text, nm.start, nm.end, "PLACE", None, loc.canonical, nm.source, nm.score
                    )
                    places.append((pm, loc))
                    taken.add(pm.start, pm.end)
                continue
            if nm.label in ("PERSON", "ORG") and " " not in surface:
                # spaCy calls some towns persons ("Glasgow"); lone names are not kept as
                # actors anyway, so a populous place of that name is the better reading.
                loc = self.geocoder.from_name(surface, countries)
                if loc is not None and self._big(loc) and not self.fuzzy.lookup(surface):
                    pm = Mention(nm.text, nm.start, nm.end, "PLACE", None, loc.canonical, "ner")
                    places.append((pm, loc))
                    taken.add(pm.start, pm.end)
                    continue
            fm = self._fuzzy(nm) or self._by_surname(nm, surface)
            if fm is not None:
                mentions.append(fm)
                taken.add(fm.start, fm.end)
                continue
            if (
                keep
                and nm.label in ("PERSON", "ORG")
                and self._keep_unresolved(surface, nm.label)
                and not in_headline(text, nm.start)
                and not in_byline(text, nm.start)
            ):
                um = Mention(
                    nm.text, nm.start, nm.end, nm.label, None, surface, nm.source, nm.score
                )
                mentions.append(um)
                taken.add(um.start, um.end)

    def _fuzzy(self, nm: Mention) -> Mention | None:
        """A KB actor spelled slightly differently, trying the span and its word suffixes."""
        words = list(re.finditer(r"\S+", nm.text))
        if len(words) > MAX_NAME_WORDS:
            return None  # a run this long is a headline or a list, not one name
        for w in words[: max(1, len(words) - 1)]:
            sub = nm.text[w.start() :]
            hit = self.fuzzy.lookup(display_name(sub))
            if hit is not None and (e := self.kb.get(hit[0])) is not None:
                start = nm.start + w.start()
                return Mention(sub, start, nm.end, e.type, e.id, e.canonical, "fuzzy", hit[1])
        return None

    def _big(self, loc: Location) -> bool:
        return self.place_finder.big(loc)

    def _fuzzy_place(self, surface: str, countries: set[str]) -> Location | None:
        """A KB place spelled slightly differently ("Strait of Hurmuz")."""
        hit = self.place_fuzzy.lookup(surface)
        if hit is None or (e := self.kb.get(hit[0])) is None:
            return None
        return self.geocoder.from_entry(e, surface, countries)

    def _by_surname(self, nm: Mention, surface: str) -> Mention | None:
        """'Ray Odierno' -> Raymond T. Odierno: same family name, same first two letters."""
        if nm.label != "PERSON":
            return None
        words = [normalize(w) for w in re.findall(r"[^\W\d_]+", surface)]
        if len(words) < 2:
            return None
        hits = {
            pid for first, pid in self._surnames.get(words[-1], ()) if first[:2] == words[0][:2]
        }
        if len(hits) != 1 or (e := self.kb.get(hits.pop())) is None:
            return None
        return Mention(nm.text, nm.start, nm.end, e.type, e.id, e.canonical, "fuzzy", 0.8)

    @staticmethod
    def _keep_unresolved(surface: str, label: str) -> bool:
        words = surface.split()
        if label == "PERSON":
            return len(words) >= 2 and all(
                w[:1].isupper() or w.lower() in ("al", "bin", "ibn", "de", "von", "van")
                for w in words
            )
        return KEEP_UNRESOLVED_ORGS and len(words) >= 2 and surface[:1].isupper()

    def _link_surnames(
        self, toks: list[Tok], mentions: list[Mention], places: list[tuple[Mention, Location]]
    ) -> None:
        """A lone family name ("Caggins") after a full name ("Myles B. Caggins III")."""
        surnames: dict[str, Mention] = {}
        for m in mentions:
            if m.label != "PERSON" or m.source == "office":
                continue
            words = [w for w in re.findall(r"[^\W\d_]+", m.text) if w.lower() not in ("iii", "jr")]
            if len(words) >= 2 and len(words[-1]) >= MIN_SURNAME:
                surnames.setdefault(normalize(words[-1]), m)
        if not surnames:
            return
        size = max((x.end for x in (*mentions, *(p for p, _ in places))), default=0)
        size = max(size, toks[-1].end if toks else 0)
        spans = Taken(size, [*mentions, *(p for p, _ in places)])
        for t in toks:
            ref = next((surnames[k] for k in t.keys if k in surnames), None)
            if ref is None or (t.text[:1].islower()):
                continue
            if spans.overlaps(t.start, t.end):
                continue
            mentions.append(
                Mention(t.text, t.start, t.end, "PERSON", ref.kb_id, ref.canonical, "coref", 0.8)
            )

    # -- output -----------------------------------------------------------------------------
    def _entities(self, mentions: list[Mention]) -> list[Entity]:
        out: dict[str, Entity] = {}
        for m in sorted(mentions, key=lambda x: x.start):
            if m.label not in ACTOR_TYPES or not m.canonical:
                continue
            key = m.kb_id or "~" + normalize(m.canonical)
            ent = out.get(key)
            if ent is None:
                e = self.kb.get(m.kb_id) if m.kb_id else None
                ent = out[key] = Entity(
                    m.canonical,
                    m.label,
                    kb_id=m.kb_id,
                    qid=e.qid if e else None,
                    resolved=e is not None,
                )
            if m.text not in ent.mentions:
                ent.mentions.append(m.text)
            ent.spans.append([m.start, m.end])
        return list(out.values())

    def _locations(
        self, places: list[tuple[Mention, Location]], lang: str | None = None
    ) -> list[Location]:
        out: dict[str, Location] = {}
        for m, loc in sorted(places, key=lambda p: p[0].start):
            if lang not in (None, "en") and loc.kb_id is None and loc.geonames_id is not None:
                # Outside English the surface is a local form ("Viena", "Den Haag"): the
                # canonical is GeoNames' English name (English titles for KB places).
                loc.canonical = self.place_finder.gazetteer_name(loc) or loc.canonical
                self.place_finder.snap_to_kb(loc)
            key = loc.kb_id or "~" + normalize(loc.canonical)
            have = out.get(key)
            if have is None:
                have = out[key] = loc
                have.mentions, have.spans = [], []
            if m.text not in have.mentions:
                have.mentions.append(m.text)
            have.spans.append([m.start, m.end])
        return list(out.values())
