"""Casualty counts (dead, injured, arrested) stated next to casualty words, any language."""

from __future__ import annotations

import re

from wirewatch.stages.events_lexicon import WORD, EventLexicon

# Tokens searched before a casualty word ("two US soldiers were killed") and after it
# ("killed 25 fighters", "killing at least three"); tuned on the English seeds and corpus.
WINDOW_BEFORE = 6
WINDOW_AFTER = 4
# Words of at most this length ("a", "an") count as 1 only right after the casualty word:
# "killed an American contractor" is 1, "a strike killed ..." is not.
ARTICLE_MAX_LEN = 2
# Counts above this are cumulative totals or misreads, not one event's toll.
MAX_COUNT = 100_000

_TOKEN = re.compile(rf"\d[\d,.\u066c\u066b]*|{WORD}+(?:-{WORD}+)*|[^\s]")
_STOP = frozenset(',;:()[]"“”«»!?.؟،؛')
_YEARISH = re.compile(r"^(1[89]|20)\d\d$")


def _number(tok: str, numbers: dict[str, int | None]) -> tuple[bool, int | None]:
    """(is a number, its value or None when imprecise like 'dozens')."""
    if tok[0].isdigit():
        digits = re.sub(r"[,.\u066c\u066b](?=\d{3}(?!\d))", "", tok).rstrip(",.")
        if not digits.isdigit() or _YEARISH.match(digits):
            return False, None
        val = int(digits)
        return True, val if val <= MAX_COUNT else None
    if tok in numbers:
        return True, numbers[tok]
    return False, None


def casualties(
    norm: str, start: int, end: int, lex: EventLexicon, exclude: list[tuple[int, int]] | None = None
) -> dict[str, int | None]:
    """{'fatalities', 'injured', 'arrested'} stated in norm[start:end] (None when not stated).

    ``exclude``: spans that hold no counts (the date expressions of the sentence).
    """
    out: dict[str, int | None] = {"fatalities": None, "injured": None, "arrested": None}
    if not lex.casualty:
        return out
    spans = exclude or []
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm, start, end)]
    toks = [t if not any(a <= t[1] < b for a, b in spans) else ("\u2063", t[1], t[2]) for t in toks]
    key_of = {"killed": "fatalities", "injured": "injured", "arrested": "arrested"}
    for kind, terms in lex.casualty.items():
        key = key_of[kind]
        for m in terms.finditer(norm, start, end):
            idx = [i for i, t in enumerate(toks) if t[1] >= m.start() and t[2] <= m.end()]
            if not idx:
                continue
            prev = toks[idx[0] - 1] if idx[0] > 0 else None
            # after a passive auxiliary ("were killed") the count precedes the verb
            passive = prev is not None and lex.termset("passive").search(norm, prev[1], prev[2])
            val = _near(toks, idx[0], idx[-1], lex.numbers, backward_first=bool(passive))
            if val is not None:
                out[key] = val if out[key] is None else max(out[key] or 0, val)
                break
    return out


def _near(
    toks: list[tuple[str, int, int]],
    first: int,
    last: int,
    numbers: dict[str, int | None],
    backward_first: bool,
) -> int | None:
    """The number closest to a casualty word, not crossing punctuation."""
    if backward_first:
        val = _before(toks, first, numbers)
        return val if val is not None else _after(toks, last, numbers)
    val = _after(toks, last, numbers)
    return val if val is not None else _before(toks, first, numbers)


def _after(
    toks: list[tuple[str, int, int]], last: int, numbers: dict[str, int | None]
) -> int | None:
    for i in range(last + 1, min(len(toks), last + 1 + WINDOW_AFTER)):
        tok = toks[i][0]
        if tok in _STOP:
            break
        is_num, val = _number(tok, numbers)
        if is_num:
            return val
    return None


def _before(
    toks: list[tuple[str, int, int]], first: int, numbers: dict[str, int | None]
) -> int | None:
    for i in range(first - 1, max(-1, first - 1 - WINDOW_BEFORE), -1):
        tok = toks[i][0]
        if tok in _STOP:
            break
        is_num, val = _number(tok, numbers)
        if is_num and (len(tok) > ARTICLE_MAX_LEN or tok[0].isdigit()):
            return val
    return None
