"""Names the knowledge base does not know, for languages without a statistical NER.

A language-agnostic rule: in scripts with capital letters, a run of two or more capitalised
words (allowing name particles such as "al", "bin", "de") that does not start a sentence and
contains no capitalised function word is a name. It is deliberately conservative: every
spurious unresolved entity costs precision. Indonesian can use a CRF trained on idner_news_2k
(``scripts/train_idner_crf.py``) when its model file is present.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

from wirewatch.kb.index import Tok, normalize, words
from wirewatch.model import Mention

# Lower-case particles allowed inside a name ("Abu Mahdi al-Muhandis", "Ursula von der Leyen").
PARTICLES = words(
    """
    al el bin ibn bint abu abd de del der von van la le da di du
    """
)
# Capitalised words that start or join many sentences/titles but are not names (all languages
# we serve; Latin and Cyrillic). Months and weekdays are added below.
STOP = words(
    """
    the a an this that these those he she it we they his her its their our in on at of
    for by with from to and or but as after before while when where if president
    minister prime general mr mrs ms dr gen sen rep sir said says according however
    meanwhile also read more baca juga yang dan di ke dari pada untuk dengan ini itu
    dalam oleh para presiden menteri der die das ein eine und oder im am zum zur bei mit
    von nach dem den des le la les un une et ou au aux du des dans sur pour par avec
    selon lire aussi el los las y o en con por para según il lo gli e nel nella della o
    os as um uma em no na do da com pelo pela de het een en van voor met op и в на с по
    из за для что как это ve ile bir bu da de için
    """
) | words(
    """
    january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday januari februari
    maret mei juni juli agustus oktober desember senin selasa rabu kamis jumat sabtu
    minggu janvier fevrier mars avril mai juin juillet aout septembre octobre novembre
    decembre lundi mardi mercredi jeudi vendredi samedi dimanche januar februar marz
    juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag
    sonntag
    """
)
# Words marking an organisation name rather than a person.
ORG_CUES = words(
    """
    party partai ministry kementerian kementrian council dewan bank university
    universitas company corporation group army force forces front brigade brigades
    movement committee agency organization organisation union association institute
    command parti ministere conseil armee partei ministerium rat armee partito ministero
    consiglio esercito partido ministerio consejo ejercito
    """
)
# News agencies and outlets are sources, not actors (gold leaves them out in every language).
MEDIA_NAMES = frozenset(
    """reuters|afp|ap|associated press|agence france-presse|cnn|bbc|bbc news|al jazeera|
    al arabiya|irna|isna|fars|fars news agency|tasnim|mehr|xinhua|anadolu|anadolu agency|dpa|
    ansa|efe|bloomberg|nbc|nbc news|cbs|cbs news|abc news|fox news|the new york times|
    new york times|the washington post|washington post|wall street journal|
    the wall street journal|the guardian|rudaw|kurdistan 24|al mayadeen|al-masirah|sputnik|
    ria novosti|tass|press tv|antara|kompas|detik|tempo|cnn indonesia|liputan6|sky news|
    euronews|france 24|voa|voice of america|deutsche welle|dw|axios|politico|the hill|npr|
    al-monitor|middle east eye|shafaq news|kurdistan24|iraqi news agency|ina|
    islamic republic news agency|associated press|ap news|twitter|facebook|telegram|x|
    instagram|youtube|getty images|anews""".replace("\n", "").split("|")
)
_SENT_END_RE = re.compile(r"[.!?؟。\n:\"“”«]\s*$")
MIN_FALLBACK_TOKENS = 2
MAX_FALLBACK_TOKENS = 6  # longer capitalised runs are headlines or lists, not one name


def crf_features(words: list[str], i: int) -> list[str]:
    """CRF features of word ``i`` (shared by training and tagging; no POS, none at run time)."""
    w = words[i]
    lw = w.lower()
    shape = re.sub(r"[A-Z]+", "A", re.sub(r"[a-z]+", "a", re.sub(r"\d+", "0", w)))
    f = [
        "b",
        "w=" + lw,
        "s3=" + lw[-3:],
        "p3=" + lw[:3],
        "sh=" + shape,
        f"t={w[:1].isupper():d}",
        f"u={w.isupper():d}",
        f"d={any(c.isdigit() for c in w):d}",
        f"first={i == 0:d}",
    ]
    for off in (-2, -1, 1, 2):
        j = i + off
        if 0 <= j < len(words):
            o = words[j]
            f += [f"{off}w=" + o.lower(), f"{off}t={o[:1].isupper():d}"]
        else:
            f.append(f"{off}pad")
    return f


CRF_LANGS = frozenset({"id", "ms"})


def crf_model_path() -> Path:
    """Where the packaged Indonesian CRF lives (``scripts/train_idner_crf.py`` writes it)."""
    return Path(str(resources.files("wirewatch") / "data" / "ner" / "idner_crf.model"))


class CrfTagger:
    """A python-crfsuite BIO tagger (PER/ORG/LOC); None-safe when the package is missing."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def tag(self, words: list[str]) -> list[str]:
        return list(self._tagger.tag([crf_features(words, i) for i in range(len(words))]))


def spans_from_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token spans from BIO tags (a stray I- starts a span)."""
    out: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, t in enumerate([*tags, "O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != kind):
            if start >= 0:
                out.append((start, i, kind))
            start, kind = (i, t[2:]) if t != "O" else (-1, "")
    return out


def _media_key(name: str) -> str:
    return " ".join(normalize(w) for w in re.findall(r"\w+", name.replace("-", " ")))


_MEDIA_KEYS = frozenset(_media_key(m) for m in MEDIA_NAMES)


def is_media(name: str) -> bool:
    """True for news agencies/outlets and social networks (never output as actors)."""
    return _media_key(name) in _MEDIA_KEYS


def _capitalised(tok: Tok) -> bool:
    c = tok.text[0]
    return c.isupper() and c.lower() != c.upper()


class NameFallback:
    """Capitalised-sequence name finder for languages without a statistical NER."""

    def __init__(self, crf_model: Path | None = None) -> None:
        path = crf_model or crf_model_path()
        self._crf: CrfTagger | None = None
        try:
            self._crf = CrfTagger(path) if path.exists() else None
        except ImportError:  # python-crfsuite not installed: rules only
            self._crf = None

    def find_crf(self, text: str, toks: list[Tok], covered: list[bool]) -> list[Mention] | None:
        """Indonesian/Malay names from the CRF (None when no model is available)."""
        if self._crf is None:
            return None
        out: list[Mention] = []
        start = 0
        for i in range(1, len(toks) + 1):
            if i < len(toks) and not self._sentence_start(text, toks, i):
                continue
            sent = toks[start:i]
            tags = self._crf.tag([t.text for t in sent]) if sent else []
            for a, b, kind in spans_from_bio(tags):
                if any(covered[start + k] for k in range(a, b)):
                    continue
                s, e = sent[a].start, sent[b - 1].end
                label = {"PER": "PERSON", "LOC": "PLACE"}.get(kind, "ORG")
                if not is_media(text[s:e]):
                    out.append(Mention(text[s:e], s, e, label, source="crf", score=0.6))
            start = i
        return out

    def find(self, text: str, toks: list[Tok], covered: list[bool]) -> list[Mention]:
        """Unresolved PERSON/ORG mentions over tokens not ``covered`` by KB matches."""
        out: list[Mention] = []
        n = len(toks)
        i = 0
        while i < n:
            if covered[i] or not _capitalised(toks[i]) or self._sentence_start(text, toks, i):
                i += 1
                continue
            j = i
            words: list[Tok] = []
            while j < n and not covered[j]:
                t = toks[j]
                if j > i and text[toks[j - 1].end : t.start] not in (" ", "-", "- "):
                    break
                if _capitalised(t) and normalize(t.text) not in STOP:
                    words.append(t)
                elif normalize(t.text) in PARTICLES and j + 1 < n and _capitalised(toks[j + 1]):
                    pass
                else:
                    break
                j += 1
            caps = [w for w in words if not w.text.isupper() or len(w.text) > 4]
            if MIN_FALLBACK_TOKENS <= len(words) <= MAX_FALLBACK_TOKENS and len(caps) == len(words):
                start, end = toks[i].start, toks[j - 1].end
                surface = text[start:end]
                if not is_media(surface):
                    label = "ORG" if any(normalize(w.text) in ORG_CUES for w in words) else "PERSON"
                    out.append(Mention(surface, start, end, label, source="fallback", score=0.5))
            i = max(j, i + 1)
        return out

    @staticmethod
    def _sentence_start(text: str, toks: list[Tok], i: int) -> bool:
        if i == 0:
            return True
        before = text[max(0, toks[i].start - 3) : toks[i].start]
        return bool(_SENT_END_RE.search(before)) or "\n" in text[toks[i - 1].end : toks[i].start]
