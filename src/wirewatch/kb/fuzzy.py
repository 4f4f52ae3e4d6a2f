"""Fuzzy look-up of actor names: unseen spellings of KB aliases ("Qassim Suleimani").

Aliases are bucketed by (word count, first letter); a candidate must be close as a whole, in its
last word, and may not swap one country name for another ("Irak" vs "Iran").
"""

from __future__ import annotations

from wirewatch.kb.index import TOKEN_RE, normalize
from wirewatch.kb.model import KnowledgeBase

# Fuzzy matching thresholds (1 - edit distance / length of the longer string), tuned on the
# dev corpus spellings (Qassim Suleimani, Nuri al Maliki, Mustafa Al-Khadimi): one-word names
# must be near-identical and long, multi-word names may differ a little more.
FUZZY_MIN_ONE = 0.86
FUZZY_MIN_MULTI = 0.80
FUZZY_MIN_LEN = 6
FUZZY_MIN_LAST = 0.7  # "the state" is not "the senate" (0.67); Khadimi ~ Kadhimi (0.71)
FUZZY_TYPES = ("PERSON", "ORG", "MILITIA", "FACILITY")


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """1 - edit distance / longer length, a transposition counting as one edit (OSA).

    With ``floor`` the computation stops early (returning 0.0) once the score must fall below
    it: fuzzy look-ups compare a name against hundreds of aliases.
    """
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    longest = max(la, lb)
    budget = int((1.0 - floor) * longest + 1e-9)  # edits allowed
    if abs(la - lb) > budget:
        return 0.0
    sa, sb = set(a), set(b)
    if max(len(sa - sb), len(sb - sa)) > budget:
        return 0.0  # every character missing on one side costs at least one edit
    two: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ca = a[i - 1]
        for j in range(1, lb + 1):
            cost = 0 if ca == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, two[j - 2] + 1)
            cur[j] = v
        if min(cur) > budget:
            return 0.0
        two, prev = prev, cur
    return 1.0 - prev[lb] / longest


class FuzzyIndex:
    """Actor aliases bucketed by (word count, first letter) for near-miss spellings."""

    def __init__(self, kb: KnowledgeBase, types: tuple[str, ...] = FUZZY_TYPES) -> None:
        self._buckets: dict[tuple[int, str], list[tuple[str, str]]] = {}
        for entry in kb.entries.values():
            if entry.type not in types:
                continue
            names = {entry.canonical, *(n for ns in entry.aliases.values() for n in ns)}
            for name in names:
                words = [normalize(w) for w in TOKEN_RE.findall(name)]
                key = " ".join(words)
                if len(key) < FUZZY_MIN_LEN:
                    continue
                bucket = self._buckets.setdefault((len(words), key[0]), [])
                bucket.append((key, entry.id))
        # One-word country names and demonyms: "Irak" one letter away from "Iran" is another
        # country, not a spelling variant, so such a word may not be edited.
        self._countries: dict[str, set[str]] = {}
        for e in kb.entries.values():
            if e.type != "GPE":
                continue
            for table in (e.aliases, e.demonyms):
                for ns in table.values():
                    for n in ns:
                        if len(TOKEN_RE.findall(n)) == 1:
                            self._countries.setdefault(normalize(n), set()).add(e.id)

    def lookup(self, surface: str) -> tuple[str, float] | None:
        """The entry id whose alias is closest to ``surface`` above threshold, with its score."""
        words = [normalize(w) for w in TOKEN_RE.findall(surface)]
        key = " ".join(words)
        if len(key) < FUZZY_MIN_LEN:
            return None
        floor = FUZZY_MIN_ONE if len(words) == 1 else FUZZY_MIN_MULTI
        best: tuple[str, float] | None = None
        for cand, entry_id in self._buckets.get((len(words), key[0]), ()):
            if abs(len(cand) - len(key)) > (1 - floor) * max(len(cand), len(key)):
                continue
            score = similarity(key, cand, floor)
            if (
                score >= floor
                and (best is None or score > best[1])
                and self._plausible(words, cand)
            ):
                best = (entry_id, score)
        return best

    def _plausible(self, words: list[str], cand: str) -> bool:
        """Word-level guards: the last word (head noun, family name) must itself be close,
        and no edited word may be a country name or demonym."""
        other = cand.split(" ")
        if similarity(words[-1], other[-1]) < FUZZY_MIN_LAST:
            return False
        for w, o in zip(words, other, strict=False):
            mine, theirs = self._countries.get(w), self._countries.get(o)
            if w != o and mine and theirs and not mine & theirs:
                return False
        return True
