"""Typed knowledge-base records (the schema of ``data/kb/*.yaml``).

A KB file is a YAML mapping with a ``version: 1`` key and any of the lists
``entries`` (actors and places) and ``offices`` (posts whose holder changes over
time). See ``docs/knowledge-base.md`` for the full schema with examples.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

KB_TYPES = ("PERSON", "ORG", "GPE", "MILITIA", "FACILITY", "PLACE")
# Language codes accepted as keys of ``aliases``/``demonyms``/``metonyms``.
ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh
    zu""".split()  # noqa: SIM905 - a compact table beats 184 quoted strings
)
# The languages the KB names every country and key actor in (the product's target set).
TARGET_LANGUAGES = (
    "en", "id", "ar", "fa", "de", "fr", "es", "it", "pt",
    "nl", "pl", "tr", "ru", "zh", "hi", "ur", "ku", "bn",
)  # fmt: skip
# Alias keys: an ISO 639-1 code, "*" (same in every language) or one of these
# ISO 639-3 codes for languages 639-1 lumps together (Sorani / Kurmanji Kurdish).
EXTRA_LANGS = frozenset({"*", "ckb", "kmr"})
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
    # Names that stand for the entry by metonymy ("Washington" for the US government,
    # "Tehran" for Iran): the matcher should prefer a place reading unless the name is the
    # subject of a speech/decision verb, so they are kept apart from plain aliases.
    metonyms: dict[str, list[str]] = field(default_factory=dict)
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


def date_bounds(value: str | None, open_low: bool = True) -> tuple[date, date]:
    """First and last day a YYYY[-MM[-DD]] string covers; None is unbounded.

    ``open_low`` picks which end an unbounded value stands for (start or end).
    """
    if value is None:
        return (date.min, date.min) if open_low else (date.max, date.max)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last)
    return date(parts[0], parts[1], parts[2]), date(parts[0], parts[1], parts[2])


def _overlap_days(start: str | None, end: str | None, when: str) -> int:
    """Days of the period ``when`` that fall inside [start, end] (0 when disjoint)."""
    lo = date_bounds(start, open_low=True)[0]
    hi = date_bounds(end, open_low=False)[1]
    q_lo, q_hi = date_bounds(when)
    a, b = max(lo, q_lo), min(hi, q_hi)
    return (b - a).days + 1 if a <= b else 0


@dataclass
class KnowledgeBase:
    """All entries and offices, indexed by id. Treat the shared default instance as read-only."""

    entries: dict[str, KBEntry] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_canonical: dict[str, list[KBEntry]] = {}
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the canonical-name index (after entries were added or changed)."""
        self._by_canonical = {}
        for entry in self.entries.values():
            self._by_canonical.setdefault(entry.canonical.casefold(), []).append(entry)

    def get(self, entry_id: str) -> KBEntry | None:
        return self.entries.get(entry_id)

    def by_canonical(self, name: str, type: str | None = None) -> KBEntry | None:
        """The entry whose canonical name is ``name`` (case-insensitive).

        Some names are both an actor and a place ("White House" the ORG and the PLACE);
        without ``type`` the actor wins, since output entities are keyed by actor.
        """
        found = self._by_canonical.get(name.casefold(), [])
        if type is not None:
            found = [e for e in found if e.type == type]
        if not found:
            return None
        exact = [e for e in found if e.canonical == name] or found
        actors = [e for e in exact if e.type != "PLACE"]
        return (actors or exact)[0]

    def holder(self, office_id: str, when: str | None = None) -> KBEntry | None:
        """Who held ``office_id`` at ``when`` (YYYY[-MM[-DD]]); without a date, now.

        For a coarse date that spans a handover ("2021" for US Secretary of State) the
        holder with the most days in that period wins.
        """
        office = self.offices.get(office_id)
        if office is None:
            return None
        if when is None:
            current = [t for t in office.holders if t.end is None]
            if not current:
                return None
            best = max(current, key=lambda t: date_bounds(t.start)[0])
            return self.entries.get(best.holder)
        scored = [(_overlap_days(t.start, t.end, when), t) for t in office.holders]
        scored = [(days, t) for days, t in scored if days > 0]
        if not scored:
            return None
        return self.entries.get(max(scored, key=lambda x: x[0])[1].holder)

    def offices_held(self, entry_id: str) -> list[tuple[Office, Tenure]]:
        """Every (office, tenure) pair of a person, oldest first."""
        held = [(o, t) for o in self.offices.values() for t in o.holders if t.holder == entry_id]
        return sorted(held, key=lambda ot: date_bounds(ot[1].start)[0])

    def related(
        self, entry_id: str, rel_type: str, when: str | None = None, reverse: bool = False
    ) -> list[KBEntry]:
        """Entries linked to ``entry_id`` by ``rel_type`` (valid at ``when`` if given).

        ``reverse=True`` follows links the other way: ``related("kataib_hezbollah",
        "member_of")`` gives the PMF, ``related("popular_mobilization_forces", "member_of",
        reverse=True)`` gives its member groups.
        """
        out: list[KBEntry] = []
        if reverse:
            pairs = [
                (src, rel)
                for src in self.entries.values()
                for rel in src.relations
                if rel.type == rel_type and rel.target == entry_id
            ]
            for src, rel in pairs:
                if when is None or _overlap_days(rel.start, rel.end, when):
                    out.append(src)
            return out
        entry = self.entries.get(entry_id)
        if entry is None:
            return out
        for rel in entry.relations:
            if rel.type != rel_type:
                continue
            if when is not None and not _overlap_days(rel.start, rel.end, when):
                continue
            target = self.entries.get(rel.target)
            if target is not None:
                out.append(target)
        return out

    @property
    def languages(self) -> set[str]:
        """Every language code that has at least one alias ("*" excluded)."""
        langs: set[str] = set()
        for entry in self.entries.values():
            langs.update(entry.aliases)
            langs.update(entry.demonyms)
        for office in self.offices.values():
            langs.update(office.aliases)
        langs.discard("*")
        return langs


# --- Inflection: the affix rules the matcher applies (see docs/knowledge-base.md) -------------
_AR_PROCLITICS = ("و", "ف", "ب", "ك", "ل")
_FA_SUFFIXES = ("\u200cهای", "\u200cها", "\u200cی", "های", "ها")
_KU_SUFFIXES = ("iyan", "yê", "ya", "ên", "an", "ê", "a")


def affix_variants(text: str, lang: str | None) -> list[str]:
    """Forms to look up for ``text`` when the exact surface form is not an alias.

    ru/pl/de case forms are listed in the data; here are only the rules that are regular
    enough to apply blindly: Arabic-script proclitics (و ب ل ف ك before ال, لل -> ال),
    Persian/Urdu plural and ezafe suffixes, Turkish suffixes after an apostrophe
    ("Irak'ın"), Kurmanji oblique endings ("Iraqê", "îraniyan"). Apostrophes are
    normalised first. The original text is always the first element.
    """
    out = [text]
    norm = text.replace("\u2019", "'").replace("\u02bc", "'")
    if norm != text:
        out.append(norm)
    script_ar = any("\u0600" <= ch <= "\u06ff" for ch in norm)
    if script_ar:
        if norm.startswith("لل") and len(norm) > 4:
            out.append("ال" + norm[2:])
        for clitic in _AR_PROCLITICS:
            if norm.startswith(clitic + "ال") and len(norm) > 4:
                out.append(norm[1:])
        if lang in ("fa", "ur", "ku"):
            for suffix in _FA_SUFFIXES:
                if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
                    out.append(norm[: -len(suffix)].rstrip("\u200c"))
    elif lang == "tr" and "'" in norm:
        out.append(norm.split("'", 1)[0])
    elif lang == "ku":
        for suffix in _KU_SUFFIXES:
            if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
                out.append(norm[: -len(suffix)])
    return list(dict.fromkeys(out))
