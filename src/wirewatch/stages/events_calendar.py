"""Calendar of well-known events: dates events when the article itself cannot.

Articles without a publication date (plain text, no URL) report well-known real-world events
("the drone attack on Tower 22", "Soleimani's killing") with only weekday or no date words. The
corpus then uses the canonical event's date (conventions P1). ``data/events/calendar.yaml`` lists
such events (date, PLOVER type, parties, place and multilingual cue words); this module

(a) picks a *document anchor*: the calendar event best supported by the whole article (cues,
    parties among the article's entities, place among its locations), used as reference date
    for relative expressions in place of the missing publication date;
(b) dates single events: an event with no explicit date in its sentence takes the date of the
    calendar event of compatible type whose cues, parties and place best match its sentence
    and paragraph.

It never overrides an explicit date and does nothing when ``published`` is a full date. All
cues of all entries are compiled once into one trie regex (``events_lexicon.TermSet``); one
pass over the article finds them all. See docs/events.md, "Calendar of known events".
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from wirewatch.model import Document
from wirewatch.stages.events_lexicon import (
    DATA_DIR,
    NO_SPACE_LANGUAGES,
    TermSet,
    compose_yaml,
    node_error,
    normalize,
    plover_types,
)
from wirewatch.stages.temporal import date_resolver

CALENDAR_FILE = DATA_DIR / "events" / "calendar.yaml"
ENTRY_KEYS = {"id", "date", "type", "mode", "actor", "recipient", "place", "cues"}
_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

# Scores (tuned on the dev set, seeds + corpus, 16 articles without a full `published`; see
# docs/events.md for the figures). Document anchor: each distinct cue found counts 1, each
# repeat REPEAT_WEIGHT (at most MAX_REPEATS); a party of the entry among the article's entities
# PARTY_WEIGHT, twice that for a person (at most MAX_PARTIES weights), its place among the locations PLACE_WEIGHT, its year written in
# the article YEAR_WEIGHT.
REPEAT_WEIGHT = 0.25
MAX_REPEATS = 4
PARTY_WEIGHT = 0.5
MAX_PARTIES = 4
PLACE_WEIGHT = 0.5
YEAR_WEIGHT = 0.5
# The best entry anchors the document when it scores at least this and has at least one cue.
# Dev-set date accuracy en / non-en at 1.5: 0.613 / 0.571, 2.0: 0.613 / 0.571, 2.5: 0.591 /
# 0.571, 3.0: 0.559 / 0.605 (2.0: the lowest that keeps English; 1.5 admits one-cue anchors).
DOC_MIN_SCORE = 2.0
# A later candidate beats the best one when it has at least RECENT_MIN_CUES distinct cues
# (a person among its parties named in the article counts as one) and RECENT_SHARE of the best
# score (articles recall older events as background).
RECENT_MIN_CUES = 2
RECENT_SHARE = 0.4
# An entry none of whose cues occur is still a candidate when at least this many of the people
# among its parties are named in the article ("Obama received Maliki at the White House").
PEOPLE_WITHOUT_CUES = 2
# Per event: a distinct cue in the sentence counts SENTENCE_CUE, one elsewhere in its
# paragraph PARAGRAPH_CUE (capped at CUE_CAP together); matching actor / recipient / place 1
# each; the document anchor itself ANCHOR_BONUS, an entry within NEAR_DAYS of the anchor
# NEAR_BONUS (same episode), its year written in the article YEAR_WEIGHT.
SENTENCE_CUE = 2.0
PARAGRAPH_CUE = 1.0
CUE_CAP = 4.0
ANCHOR_BONUS = 1.5
NEAR_DAYS = 30
NEAR_BONUS = 0.5
# An event takes the best compatible entry's date when it scores at least this. Dev set en /
# non-en at 2.0: 0.613 / 0.545, 2.5: 0.613 / 0.558, 3.0: 0.613 / 0.571, 4.0: 0.602 / 0.558.
EVENT_MIN_SCORE = 3.0


@dataclass(frozen=True)
class CalendarEvent:
    """One `events:` entry of calendar.yaml."""

    id: str
    date: str
    types: tuple[str, ...]
    mode: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    place: str | None = None
    cues: tuple[str, ...] = ()
    line: int = 0

    @property
    def parties(self) -> frozenset[str]:
        """Actors and recipients together."""
        return frozenset(self.actors + self.recipients)

    @property
    def day(self) -> dt.date:
        """The date as a day (the 15th for a month-only date)."""
        d = self.date if len(self.date) == 10 else self.date + "-15"
        return dt.date.fromisoformat(d)


# ---------------------------------------------------------------- loading and validation


def _strings(node: yaml.Node, path: Path, what: str) -> tuple[str, ...]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise node_error(f"{what}: expected a non-empty string", path, item, "write a name")
        out.append(str(item.value).strip())
    return tuple(out)


def _entry(node: yaml.Node, path: Path, types: set[str]) -> CalendarEvent:
    if not isinstance(node, yaml.MappingNode):
        raise node_error("an entry must be a mapping", path, node, "write {id: ..., date: ...}")
    fields: dict[str, yaml.Node] = {}
    for k, v in node.value:
        if k.value not in ENTRY_KEYS:
            raise node_error(
                f"unknown key {k.value!r}", path, k, f"use one of {sorted(ENTRY_KEYS)}"
            )
        fields[k.value] = v
    for key in ("id", "date", "type", "cues"):
        if key not in fields:
            raise node_error(f"missing key {key!r}", path, node, f"add {key}:")
    eid = _strings(fields["id"], path, "id")[0]
    when = str(fields["date"].value)
    if not isinstance(fields["date"], yaml.ScalarNode) or not _DATE.match(when):
        raise node_error(
            f"{eid}: bad date {when!r}", path, fields["date"], "write YYYY-MM-DD or YYYY-MM"
        )
    try:
        dt.date.fromisoformat(when if len(when) == 10 else when + "-01")
    except ValueError:
        raise node_error(
            f"{eid}: no such day {when!r}", path, fields["date"], "check the day"
        ) from None
    etypes = _strings(fields["type"], path, "type")
    for t in etypes:
        if t not in types:
            raise node_error(f"{eid}: unknown type {t!r}", path, fields["type"], "a PLOVER type")
    cue_node = fields["cues"]
    if not isinstance(cue_node, yaml.MappingNode) or not cue_node.value:
        raise node_error(
            f"{eid}: cues must map languages to lists", path, cue_node, "cues: {en: [..]}"
        )
    cues: list[str] = []
    for lang, terms in cue_node.value:
        if not re.fullmatch(r"[a-z]{2}", str(lang.value)):
            raise node_error(f"{eid}: bad language {lang.value!r}", path, lang, "an ISO 639-1 code")
        for term in _strings(terms, path, f"{eid} cues"):
            if "**" in term:
                raise node_error(f"{eid}: cue {term!r} has '**'", path, terms, "one '*' at most")
            # zh/ja cues are matched anywhere (no word boundaries): marked with a prefix
            cues.append(("\x00" if lang.value in NO_SPACE_LANGUAGES else "") + term)

    def opt(key: str) -> tuple[str, ...]:
        return _strings(fields[key], path, f"{eid} {key}") if key in fields else ()

    return CalendarEvent(
        id=eid,
        date=when,
        types=etypes,
        mode=(opt("mode") or (None,))[0],
        actors=opt("actor"),
        recipients=opt("recipient"),
        place=(opt("place") or (None,))[0],
        cues=tuple(dict.fromkeys(cues)),
        line=node.start_mark.line + 1,
    )


def load_calendar(path: Path = CALENDAR_FILE) -> list[CalendarEvent]:
    """Parse and validate a calendar file; raises LexiconError(where='file:line')."""
    root = compose_yaml(path.read_text(encoding="utf-8"), path)
    if not isinstance(root, yaml.MappingNode):
        raise node_error("expected a mapping with 'events'", path, root, "write events: [...]")
    top = {k.value: v for k, v in root.value}
    if "events" not in top or not isinstance(top["events"], yaml.SequenceNode):
        raise node_error("missing 'events' list", path, root, "add events: [...]")
    types = set(plover_types())
    out: list[CalendarEvent] = []
    seen: set[str] = set()
    for node in top["events"].value:
        ev = _entry(node, path, types)
        if ev.id in seen:
            raise node_error(f"duplicate id {ev.id!r}", path, node, "ids must be unique")
        seen.add(ev.id)
        out.append(ev)
    return out


# ---------------------------------------------------------------- matching


# Cue words this long take any inflectional ending ("suspend military operations" finds
# "suspending military operations", "Luftangriff" finds "Luftangriffe").
LOOSE_WORD_LENGTH = 5


def _loosen(term: str) -> str:
    return " ".join(
        w + "~" if len(w) >= LOOSE_WORD_LENGTH and w.isalpha() else w for w in term.split(" ")
    )


def _variants(term: str, spaced: bool = True) -> list[str]:
    """A cue and its spellings without / with a space for the zero-width non-joiner (Persian
    and Kurdish texts write 'تحریم‌های', 'تحریمهای' and 'تحریم های'); in spaced scripts,
    with long words open to inflection, a hyphen also written as a space or not at all."""
    out = [term]
    if "\u200c" in term:
        out += [term.replace("\u200c", ""), term.replace("\u200c", " ")]
    if "-" in term:
        out += [term.replace("-", " "), term.replace("-", "")]
    if spaced:
        out = [_loosen(t) for t in out]
    return list(dict.fromkeys(out))


@dataclass
class Calendar:
    """Compiled calendar: one trie regex for word-bounded cues, one for zh/ja cues."""

    events: list[CalendarEvent]
    spaced: TermSet = field(init=False)
    nospace: TermSet = field(init=False)
    owners: dict[str, tuple[int, list[int]]] = field(init=False)

    def __post_init__(self) -> None:
        self.owners = {}  # normalised cue -> (cue id, entries)
        spaced: list[str] = []
        nospace: list[str] = []
        for i, ev in enumerate(self.events):
            for cue in ev.cues:
                term = cue.lstrip("\x00")
                is_spaced = not cue.startswith("\x00")
                variants = _variants(term, is_spaced)
                (spaced if is_spaced else nospace).extend(variants)
                for variant in variants:
                    key = normalize(variant)
                    self.owners.setdefault(key, (len(self.owners), []))[1].append(i)
        # (no optional Arabic vowel marks in cues: they double the regex and its build time,
        # and cues are mostly names, rarely vowelled)
        self.spaced = TermSet(spaced, marks=False)
        self.nospace = TermSet(nospace, True, marks=False)

    def hits(self, norm: str) -> list[tuple[int, int, int]]:
        """(start, cue id, entry) for every cue occurrence in the normalised text."""
        out: list[tuple[int, int, int]] = []
        for ts in (self.spaced, self.nospace):
            for m in ts.finditer(norm):
                name = m.lastgroup
                if name is None:
                    continue
                cue_id, owners = self.owners.get(normalize(ts.terms[int(name[1:])]), (0, []))
                for owner in owners:
                    out.append((m.start(), cue_id, owner))
        out.sort()
        return out

    def context(self, doc: Document, norm: str) -> CalendarContext | None:
        """Matching state for one article; None when ``published`` is a full date."""
        pub = doc.published or ""
        if re.match(r"\d{4}-\d{2}-\d{2}", pub):
            return None
        hits = [h for h in self.hits(norm) if not _in_question(norm, h[0])]
        return CalendarContext(self, doc, norm, hits, pub[:7] if len(pub) >= 7 else None)


_SENTENCE_END = re.compile(r"[.!?؟？。\n]")


def _in_question(norm: str, pos: int) -> bool:
    """Does the sentence at ``pos`` end in a question mark ("Can Israel kill Sinwar?", a
    related-article headline): a cue there reports nothing."""
    end = _SENTENCE_END.search(norm, pos)
    return end is not None and end.group() in "?؟？"


class CalendarContext:
    """One article's cue hits, its document anchor, and per-event matching."""

    def __init__(
        self,
        cal: Calendar,
        doc: Document,
        norm: str,
        hits: list[tuple[int, int, int]],
        month: str | None,
    ) -> None:
        self.cal = cal
        self.doc = doc
        self.hits = hits
        self._starts = [h[0] for h in hits]
        self.month = month  # the month-only publication date, if any
        self.entities = {e.canonical for e in doc.entities} | {
            m.canonical for m in doc.mentions if m.canonical
        }
        self.people = {e.canonical for e in doc.entities if e.type == "PERSON"} | {
            m.canonical for m in doc.mentions if m.canonical and m.label == "PERSON"
        }
        self.places = {loc.canonical for loc in doc.locations}
        self.years = set(_YEAR.findall(norm))
        self.anchor: CalendarEvent | None = self._anchor()
        # (by identity: list.index would compare the dataclasses field by field)
        self._anchor_owner = next((i for i, ev in enumerate(cal.events) if ev is self.anchor), None)

    def _allowed(self, ev: CalendarEvent) -> bool:
        # with a month-only publication date, only events of that month or before
        return self.month is None or ev.date[:7] <= self.month

    def _anchor(self) -> CalendarEvent | None:
        per: dict[int, dict[int, int]] = {}
        for _, cue, owner in self.hits:
            counts = per.setdefault(owner, {})
            counts[cue] = counts.get(cue, 0) + 1
        for owner, ev in enumerate(self.cal.events):
            if len(ev.parties & self.people) >= PEOPLE_WITHOUT_CUES:
                per.setdefault(owner, {})
        scored: list[tuple[float, int, int]] = []  # (score, distinct cues, entry)
        for owner, counts in per.items():
            ev = self.cal.events[owner]
            if not self._allowed(ev) or (self.month and ev.date[:7] != self.month):
                continue
            score = sum(1 + REPEAT_WEIGHT * min(n - 1, MAX_REPEATS) for n in counts.values())
            parties = ev.parties
            # a named person dates an article far better than a country: counts double
            score += PARTY_WEIGHT * min(
                MAX_PARTIES, len(parties & self.entities) + len(parties & self.people)
            )
            score += PLACE_WEIGHT * (ev.place in self.places)
            score += YEAR_WEIGHT * (ev.date[:4] in self.years)
            # support for "the article reports this one": distinct cues and named people
            scored.append((score, len(counts) + len(parties & self.people), owner))
        top = max(scored, default=None)
        # (with a month-only `published`, only events of that month anchor: allowing the month
        # before too lowered non-English date accuracy on the dev set, 0.571 -> 0.545)
        if top is None or top[0] < DOC_MIN_SCORE:
            return None
        # an article reports its latest event; older ones are background ("the 2020 strike on
        # Soleimani" in a report on Tower 22): the latest well-supported candidate wins
        # (as well supported as the best one counts too: one cue each, the later one wins)
        recent = [
            x
            for x in scored
            if x[0] >= max(DOC_MIN_SCORE, RECENT_SHARE * top[0])
            and x[1] >= min(RECENT_MIN_CUES, top[1])
        ]
        pick = max(recent, key=lambda x: self.cal.events[x[2]].date, default=top)
        return self.cal.events[pick[2]]

    @property
    def anchor_date(self) -> str | None:
        return self.anchor.date if self.anchor else None

    def _cues_in(self, start: int, end: int) -> dict[int, set[int]]:
        out: dict[int, set[int]] = {}
        i = bisect.bisect_left(self._starts, start)
        while i < len(self.hits) and self.hits[i][0] < end:
            _, cue, owner = self.hits[i]
            out.setdefault(owner, set()).add(cue)
            i += 1
        return out

    def match(
        self,
        etype: str,
        actor: Iterable[str],
        recipient: Iterable[str],
        place: str | None,
        s_start: int,
        s_end: int,
    ) -> CalendarEvent | None:
        """The calendar event of compatible type best matching an event of sentence
        [s_start, s_end): cues in the sentence and its paragraph, parties, place, anchor."""
        text = self.doc.text
        p_start = text.rfind("\n", 0, s_start) + 1
        p_end = text.find("\n", s_end)
        p_end = len(text) if p_end < 0 else p_end
        in_sent = self._cues_in(s_start, s_end)
        in_par = self._cues_in(p_start, p_end)
        owners = set(in_par)
        if self._anchor_owner is not None:
            owners.add(self._anchor_owner)
        actors, recipients = set(actor), set(recipient)
        best: tuple[float, int] | None = None
        for owner in owners:
            ev = self.cal.events[owner]
            if etype not in ev.types or not self._allowed(ev):
                continue
            sent = in_sent.get(owner, set())
            par = in_par.get(owner, set()) - sent
            score = min(CUE_CAP, SENTENCE_CUE * len(sent) + PARAGRAPH_CUE * len(par))
            score += bool(actors & set(ev.actors)) + bool(recipients & set(ev.recipients))
            score += bool(place and place == ev.place)
            if self.anchor is not None:
                if ev is self.anchor:
                    score += ANCHOR_BONUS
                elif abs((ev.day - self.anchor.day).days) <= NEAR_DAYS:
                    score += NEAR_BONUS
            score += YEAR_WEIGHT * (ev.date[:4] in self.years)
            if best is None or score > best[0]:
                best = (score, owner)
        if best is None or best[0] < EVENT_MIN_SCORE:
            return None
        return self.cal.events[best[1]]

    def date(
        self,
        norm: str,
        etype: str,
        who: tuple[list[str], list[str], str | None],
        where: tuple[int, int, int, int],
        chosen: str | None,
    ) -> str | None:
        """An event's date: ``chosen`` (the date expression the event stage picked from the
        sentence) or the date of the known event it reports. An explicit full date (one
        found without any reference date) always stays, an explicit year or month is only
        refined, a relative one ("on Sunday", resolved from the anchor) yields to another
        known event. ``who`` = (actors, recipients, place), ``where`` = sentence and trigger
        offsets."""
        s_start, s_end, t_start, t_end = where
        lang = (self.doc.language or "en").split("-")[0]
        found = date_resolver(lang).find(self.doc.text, norm, s_start, s_end, None)
        explicit = {d.value for d in found}
        full = [d for d in found if len(d.value) == 10]
        if full:  # (an explicit later date may have been dropped as 'after the anchor')
            return min(full, key=lambda d: abs(d.start - t_start)).value
        hit = self.match(etype, who[0], who[1], who[2], s_start, s_end)
        if hit is None:
            return chosen
        if chosen and chosen in explicit:
            return refine(chosen, hit.date)
        if chosen and hit is self.anchor:
            return chosen  # already resolved from the anchor
        return hit.date


@lru_cache(maxsize=1)
def default_calendar() -> Calendar:
    """The shipped calendar, loaded and compiled once."""
    return Calendar(load_calendar())


def refine(explicit: str | None, cal_date: str) -> str | None:
    """An explicit year or month in the text is kept unless the calendar date falls in it
    (then it is more precise); a full explicit date always wins."""
    if explicit is None:
        return cal_date
    if len(explicit) < 10 and cal_date.startswith(explicit):
        return cal_date
    return explicit
