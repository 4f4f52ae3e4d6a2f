"""Text units and per-event helpers of the event stage: sentence pieces, headings, dates,
places and deduplication."""

from __future__ import annotations

import re

from wirewatch.model import Document, Event, Sentence
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
    found = [d.value for d in resolver.find(doc.text, norm, 0, len(doc.text), None)]
    full = [v for v in found if len(v) == 10]
    # (a month or year anchor was tried too: it lowered date accuracy on the dev set)
    return max(full) if full else None


def pick_date(found: list[DateMention], t_start: int, t_end: int) -> str | None:
    """The date expression nearest the trigger, preferring the most precise at equal distance."""
    if not found:
        return None

    def dist(d: DateMention) -> int:
        return t_start - d.end if d.end <= t_start else max(0, d.start - t_end)

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


def dedupe(events: list[Event]) -> list[Event]:
    """One event per type, mode, actor, recipient and date within an article."""
    seen: dict[tuple[object, ...], Event] = {}
    for ev in events:
        key = (ev.type, ev.mode, str(ev.actor), str(ev.recipient), ev.date)
        if key not in seen or ev.confidence > seen[key].confidence:
            seen[key] = ev
    return sorted(seen.values(), key=lambda e: e.span[0])
