"""Text units and per-event helpers of the event stage: sentence pieces, headings, dates,
places and deduplication."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import replace

from wirewatch.model import Document, Event, Sentence
from wirewatch.stages.events_lexicon import normalize
from wirewatch.stages.temporal import DateMention, DateResolver

# Sentences longer than this are tables, lists or run-ons flattened to text: no events (bounded
# time, no spurious triggers). The longest real sentence in the dev corpus is ~700 characters.
MAX_SENTENCE_CHARS = 1200
# A line with fewer tokens than this and no final punctuation is a heading, caption or link line.
MIN_HEADING_TOKENS = 10
# Share of capitalised words above which an unpunctuated line is a Title Case headline.
HEADING_CAPITALS = 0.6
_TERMINAL = re.compile(r"[.!?…。؟۔।\"”»'’)]\s*$")
QUESTION = re.compile(r"[?？؟]\s*[\"”»'’)]*\s*$")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_SENT_SPLIT = re.compile(r"[^.!?。؟۔।\n]+[.!?。؟۔।]*")


def one_or_list(names: list[str]) -> str | list[str] | None:
    if not names:
        return None
    return names[0] if len(names) == 1 else names


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_heading(text: str, title: str | None) -> bool:
    """Title, heading, caption or link line: not annotated (corpus conventions P1)."""
    if title and text.strip() == title.strip():
        return True
    if _TERMINAL.search(text):
        return False
    words = _TOKEN.findall(text)
    if len(words) < MIN_HEADING_TOKENS:
        return True
    alpha = [w for w in words if w[0].isalpha()]
    capital = sum(w[0].isupper() for w in alpha)
    return bool(alpha) and capital / len(alpha) >= HEADING_CAPITALS


def lines(text: str, sent: Sentence) -> list[Sentence]:
    """A sentence cut at line breaks: headlines, datelines and captions are their own units."""
    if "\n" not in text[sent.start : sent.end]:
        return [sent]
    out, pos = [], sent.start
    for m in re.finditer(r"\n", text[sent.start : sent.end]):
        out.append(Sentence(pos, sent.start + m.start()))
        pos = sent.start + m.end()
    out.append(Sentence(pos, sent.end))
    return out


def fallback_sentences(text: str) -> list[Sentence]:
    """Rule split when no NLP stage ran (tests, library use)."""
    return [Sentence(m.start(), m.end()) for m in _SENT_SPLIT.finditer(text) if m.group().strip()]


def token_back(norm: str, pos: int, n: int, floor: int) -> int:
    """Offset n word tokens before pos (not before floor)."""
    seen = 0
    i = pos
    while i > floor and seen <= n:
        i -= 1
        if norm[i].isspace() and i + 1 < pos and not norm[i + 1].isspace():
            seen += 1
    return max(i, floor)


def comma_left(norm: str, c_start: int, t_start: int) -> int:
    """Modality and negation do not cross a comma-separated clause before the trigger."""
    k = norm.rfind(",", c_start, t_start)
    k2 = norm.rfind("،", c_start, t_start)
    k = max(k, k2)
    return k + 1 if k >= 0 else c_start


def anchor_date(doc: Document, norm: str, resolver: DateResolver) -> str | None:
    """Reference date when the article has no publication date: the latest full date it states
    (the corpus then dates events from the canonical event the article reports, P1/P2)."""
    # (a month or year anchor was tried too: it lowered date accuracy on the dev set)
    return _latest_day(resolver.find(doc.text, norm, 0, len(doc.text), None))


def caption_date(doc: Document, resolver: DateResolver) -> str | None:
    """The latest full date of a photo caption the cleaner removed ("speaks at the White
    House, Wednesday, Sept. 13, 2017"): the day of the photo, a day or two from the report."""
    return _latest_day(
        d
        for line in doc.removed
        if line.reason == "photo-caption"
        for d in resolver.find(line.line, normalize(line.line), 0, len(line.line), None)
    )


def _latest_day(found: Iterable[DateMention]) -> str | None:
    return max((d.value for d in found if len(d.value) == 10), default=None)


# A trigger starting this close after an attributive year is the noun it dates ("the 2003
# invasion", "the 2019 attack on Abqaiq").
ATTRIBUTIVE_REACH = 25


def pick_date(
    found: list[DateMention],
    t_start: int,
    t_end: int,
    others: Iterable[tuple[int, int]] = (),
    same: Iterable[tuple[int, int]] = (),
    reported: Collection[int] = (),
) -> str | None:
    """The date expression nearest the trigger, preferring the most precise at equal distance;
    a year modifying another noun ("under the 2008 agreement, the leaders met") does not count,
    nor one after a later trigger of another event in ``others`` ("voted to expel US troops
    after a drone strike the president ordered last week"; ``same``: the spans of other
    triggers of this event, "the agreement on the withdrawal was agreed in 2008"), unless it
    dates the report (``reported``: starts of dates right after a reporting verb, "...,
    officials said Tuesday")."""
    found = [d for d in found if not d.attributive or d.end <= t_start <= d.end + ATTRIBUTIVE_REACH]

    def dist(d: DateMention) -> int:
        return t_start - d.end if d.end <= t_start else max(0, d.start - t_end)

    others = list(others)
    ours = [(t_start, t_end), *same]

    def owned_by_another(d: DateMention) -> bool:
        last = max((e for _, e in ours if e <= d.start), default=None)
        if last is None or d.start in reported:
            return False
        return any(last <= a and b <= d.start for a, b in others)

    found = [d for d in found if not owned_by_another(d)]
    if not found:
        return None
    return min(found, key=lambda d: (dist(d), -len(d.value))).value


def place_of(
    doc: Document, s_start: int, s_end: int, t_start: int
) -> tuple[str | None, float | None, float | None]:
    """Most precise place in the sentence: a location, else a country used as a place."""
    best: tuple[int, str, float | None, float | None] | None = None
    for loc in doc.locations:
        for a, b in loc.spans:
            if s_start <= a and b <= s_end:
                d = abs(a - t_start)
                if best is None or d < best[0]:
                    best = (d, loc.canonical, loc.lat, loc.lon)
    if best is not None:
        return best[1], best[2], best[3]
    for m in doc.mentions:
        if m.label in ("GPE", "PLACE") and s_start <= m.start and m.end <= s_end:
            before = doc.text[max(s_start, m.start - 4) : m.start].lower()
            if before.rstrip().endswith(("in", "di", "à", "en", "im", "in der", "في", "در")):
                hit = next((x for x in doc.locations if x.canonical == m.canonical), None)
                return m.canonical, (hit.lat if hit else None), (hit.lon if hit else None)
    return None, None, None


def role_names(value: str | list[str] | None) -> set[str]:
    """The names of an actor or recipient value (one name, a list or None)."""
    if value is None:
        return set()
    return set(value) if isinstance(value, list) else {value}


# Events this close (characters) with only a month or no date can still be one report.
NEAR_REPORT = 400


# Acts two parties do together: who is named first does not make another episode.
MUTUAL_TYPES = frozenset({"CONSULT"})


def _same_episode(a: Event, b: Event) -> bool:
    """Same type, actor and date, targets that agree (or one unknown); with only a month or
    no date, also close together (a month holds many strikes). An unnamed doer agrees with a
    named one on the same day and target. A month and a day of it are one date when the two
    reports are close and share a target (a headline and its lead)."""
    if a.type != b.type:
        return False
    ra, rb = role_names(a.recipient), role_names(b.recipient)
    pa = role_names(a.actor) | ra
    if a.type in MUTUAL_TYPES and a.date == b.date and ra and pa == role_names(b.actor) | rb:
        # "talks between the US and Iran" / "Iran's talks with the US": one meeting, whichever
        # side a report names first
        return len(pa) > 1
    if ra and rb and not ra & rb:
        return False
    if a.date != b.date:
        month, day = sorted((a.date or "", b.date or ""), key=len)
        near = abs(a.span[0] - b.span[0]) <= NEAR_REPORT
        named = role_names(a.actor) | role_names(b.actor)
        return (
            len(month) == 7
            and len(day) == 10
            and day.startswith(month)
            and near
            and bool(ra & rb)
            and (not role_names(a.actor) or not role_names(b.actor) or len(named) == 1)
        )
    precise = a.date is not None and len(a.date) == 10
    aa, ab = role_names(a.actor), role_names(b.actor)
    if aa != ab:
        # "the CIA operation that killed Soleimani" / "Soleimani was killed": one episode when
        # the day and a target are the same and one report does not name the doer
        return precise and bool(ra & rb) and not (aa and ab)
    return precise or ra == rb or abs(a.span[0] - b.span[0]) <= NEAR_REPORT


def _richness(ev: Event) -> tuple[int, int, float]:
    return (bool(ev.recipient) + bool(ev.mode), len(ev.date or ""), ev.confidence)


def dedupe(events: list[Event]) -> list[Event]:
    """One event per episode within an article: events of the same type and actor whose
    targets and dates agree are one report (a follow-up sentence restating the strike);
    the most specific of them is kept."""
    kept: list[Event] = []
    for ev in events:
        twin = next((k for k in kept if _same_episode(k, ev)), None)
        if twin is None:
            kept.append(ev)
            continue
        best, other = (ev, twin) if _richness(ev) > _richness(twin) else (twin, ev)
        # what one report leaves open the other may tell ("strikes on Tuesday" / "the strikes
        # killed a Kataib Hezbollah member")
        kept[kept.index(twin)] = replace(
            best,
            actor=best.actor or other.actor,
            recipient=best.recipient or other.recipient,
            mode=best.mode or other.mode,
        )
    return sorted(kept, key=lambda e: e.span[0])
