"""Genre (news or opinion) and, for opinion pieces, the policy position they argue for.

A transparent cue count from ``data/genre.yaml``: advice and first-person cues
against attribution cues. Languages without cues default to news.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from wirewatch.model import Document

# An article is opinion when (advice + first_person/2 + analysis*ANALYSIS_WEIGHT) per
# 1,000 words exceeds REPORTING_WEIGHT * attribution cues per 1,000 words by OPINION_MARGIN.
# Set together on the 4 opinion and 36 news dev articles (../shared seeds + corpus);
# re-run /tmp-style check `wirewatch evaluate` (genre acc) after changing any of them.
OPINION_MARGIN = 5.0
ANALYSIS_WEIGHT = 0.5
REPORTING_WEIGHT = 2.0
TITLE_WEIGHT = 5
# Analysis vocabulary alone does not make an opinion piece: it needs this much advice.
MIN_ADVICE_CUES = 2
# A position needs this share of the (weighted) position cues to win, else "mixed".
POSITION_MAJORITY = 0.4
# Pressure words (sanctions, leverage) also run through pieces that argue to stay or to
# leave; they count half so that they decide only when they dominate.
POSITION_WEIGHTS = {"pressure": 0.5}


@lru_cache(maxsize=1)
def load_genre_cues() -> dict[str, Any]:
    """The packaged cue lists, compiled to one regex per list."""
    raw = yaml.safe_load(
        resources.files("wirewatch").joinpath("data/genre.yaml").read_text("utf-8")
    )
    compiled: dict[str, Any] = {}
    for lang, cues in raw["languages"].items():
        entry: dict[str, Any] = {}
        for key in ("advice", "reporting", "analysis"):
            entry[key] = _regex(cues.get(key, []))
        # Case matters here: "US" is a country, "us" a pronoun.
        entry["first_person"] = _regex(cues.get("first_person", []), case_sensitive=True)
        entry["positions"] = {p: _regex(terms) for p, terms in cues.get("positions", {}).items()}
        compiled[lang] = entry
    return compiled


def _regex(terms: list[str], case_sensitive: bool = False) -> re.Pattern[str] | None:
    if not terms:
        return None
    if case_sensitive:
        terms = sorted({v for t in terms for v in (t, t[:1].upper() + t[1:])})
    alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", 0 if case_sensitive else re.IGNORECASE)


def _count(pattern: re.Pattern[str] | None, text: str) -> int:
    return 0 if pattern is None else len(pattern.findall(text))


def _without_quotes(text: str) -> str:
    # Advice inside a quotation is a source's opinion, not the article's.
    return re.sub(r"[\"“«„][^\"”»“]{0,400}[\"”»“]", " ", text)


def classify_genre(doc: Document) -> Document:
    """The genre stage: fills ``genre`` and ``policy_position``."""
    cues = load_genre_cues().get(doc.language or "")
    doc.genre, doc.policy_position = "news", None
    if cues is None or not doc.text:
        return doc
    text = _without_quotes(doc.text)
    words = max(1, len(text.split()))
    per_k = 1000.0 / words
    direct = _count(cues["advice"], text) + _count(cues["first_person"], text) / 2
    advice = direct + _count(cues["analysis"], text) * ANALYSIS_WEIGHT
    reporting = _count(cues["reporting"], text)
    if direct < MIN_ADVICE_CUES or (advice - REPORTING_WEIGHT * reporting) * per_k < OPINION_MARGIN:
        return doc
    doc.genre = "opinion"
    title = doc.title or doc.text.split("\n", 1)[0]
    scores = {
        p: POSITION_WEIGHTS.get(p, 1.0) * (_count(rx, text) + TITLE_WEIGHT * _count(rx, title))
        for p, rx in cues["positions"].items()
    }
    total = sum(scores.values())
    if total:
        ranked = sorted(scores.values(), reverse=True)
        best = max(scores, key=lambda p: scores[p])
        clear = scores[best] / total >= POSITION_MAJORITY and (
            len(ranked) < 2 or ranked[0] > ranked[1]
        )
        doc.policy_position = best if clear else "mixed"
    return doc
