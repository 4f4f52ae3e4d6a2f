"""Alias index and matcher: finds knowledge-base names in text in any script.

Text is cut into tokens (runs of letters/marks/digits; every CJK/kana/Hangul character is a
token of its own, so Chinese names match as substrings). Each token gets a few *keys*:
its normalised form (case-folded, accents and Arabic diacritics removed, Arabic/Persian letter
variants unified, apostrophes dropped), the part before an apostrophe ("Iraq's", "Irak'ta"),
the form without attached Arabic-script prefixes (و ب ل ك ف + the article ال) and a light
suffix-stripped *stem* for inflected languages (German, Russian, Polish, Indonesian -nya ...).
Aliases are inserted in a token trie under the same keys, so matching is one pass of dict
look-ups, longest match first.

Inflection rule (shared with the KB authors): aliases are written in their base form; the
matcher strips the suffixes in ``SUFFIXES`` from both alias and text tokens, keeping at least
``MIN_STEM`` characters. Irregular forms must be listed as aliases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from wirewatch.kb.model import KnowledgeBase

# Suffixes stripped for the stem key (the longest that fits wins). Chosen from the declension tables of each
# language (case endings of nouns/adjectives, Indonesian clitics, Persian plural/ezafe, Bengali
# case markers); checked on the dev corpus forms (Ирака, Ираке, Sudanis, Iraqê, যুক্তরাষ্ট্রের).
_RAW_SUFFIXES: dict[str, str] = {
    "de": "ischen isches ischer ische isch ern es en er em s n e",
    "nl": "se en s e",
    "ru": "ами ями ого его ому ему ыми ими ов ев ам ям ах ях ом ем ой ей ий ый ая ое ые ие их ым им ую а я у ю е ы и ь",
    "uk": "ами ями ого ому ів ам ах ом ою ій ий а я у ю е і и",
    "pl": "ami ach owi ego emu ów om em zie ie iem ej ą ę a u y i e",
    "cs": "ech ům em u a e y i",
    "tr": "nın nin nun nün dan den tan ten da de ta te ın in un ün ya ye yı yi a e ı i",
    "ku": "ên an ê a î ekê eke ی ەکە ەکان ی",
    "id": "nya lah kah pun",
    "ms": "nya lah kah pun",
    "fa": "هایی های ها ای ی",
    "ur": "وں یں ی ے",
    "bn": "দের েরা ের এর কে তে য় র ে",
    "it": "i e o a",
    "es": "es s",
    "pt": "es s",
    "fr": "es s e",
}
MAX_ELIDED = 4  # "l'", "d'", "all'", "dell'", "nell'": elided articles and prepositions
MIN_STEM = 4  # shorter stems collide ("США" must stay whole; "Самое" must not give "сам")
# Arabic-script one-letter conjunction/preposition prefixes (and, with, to, like, so).
AR_PREFIXES = ("و", "ب", "ل", "ك", "ف")
ARABIC_SCRIPT_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "ku", "ug", "sd"})
# Alias languages every document also uses: names written the same everywhere, and English
# (person and group names appear in English spelling in most Latin-script news).
ALWAYS_LANGS = ("*", "en")
# Shahmukhi Punjabi is written like Urdu, and language identification confuses the two.
LANG_GROUPS = {
    "ku": ("ku", "ckb", "kmr"),
    "ckb": ("ku", "ckb"),
    "kmr": ("ku", "kmr"),
    "pa": ("pa", "ur"),
}
LONG_ALIAS = 7  # single-word capitalised aliases this long also match lowercase ("peshmerga")

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0640\u0900-\u0dff\u0e00-\u0e7f\u200c\u200d"
)
_APOS = "'’ʼ`´‘"
TOKEN_RE = re.compile(
    rf"[{_CJK}]|(?:[^\W_{_CJK}]|[{_MARKS}])+(?:[{_APOS}](?:[^\W_{_CJK}]|[{_MARKS}])+)*"
)
_DROP_RE = re.compile(rf"[\u0300-\u036f\u064b-\u065f\u0670\u0640\u200c\u200d{_APOS}]")
_AR_MAP = str.maketrans(
    {
        "ی": "ي",
        "ى": "ي",
        "ئ": "ي",
        "ے": "ي",
        "ک": "ك",
        "ة": "ه",
        "ۀ": "ه",
        "ہ": "ه",
        "ۃ": "ه",
        "ھ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
    }
)
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
# Separators allowed inside a multi-word name: spaces, hyphens, dots after short tokens
# (U.S.), quotes and slashes. Newlines, commas, brackets and sentence punctuation break it.
_BREAK_RE = re.compile(r"[\n\r,;:()\[\]!?|•·،؛؟。，；：、]")
_MAX_SEP = 4
PAYLOAD = "\x00"


def words(text: str) -> frozenset[str]:
    """A word set from a whitespace-separated table (compact module-level word lists)."""
    return frozenset(text.split())


def normalize(token: str) -> str:
    """Case-fold and strip accents, Arabic diacritics, tatweel, ZWNJ and apostrophes."""
    t = unicodedata.normalize("NFKC", token).casefold()
    if t.isascii():
        return t.replace("'", "").replace("`", "")
    t = unicodedata.normalize("NFD", t)
    t = _DROP_RE.sub("", t)
    t = unicodedata.normalize("NFC", t)
    if _ARABIC_RE.search(t):
        t = t.translate(_AR_MAP)
    return t


def normalize_text(text: str) -> str:
    """A whole name normalised token by token and joined by spaces (gazetteer keys)."""
    return " ".join(normalize(m.group()) for m in TOKEN_RE.finditer(text))


# The suffix table in key form (normalised like tokens: "ê" -> "e", "ی" -> "ي").
SUFFIXES = {
    lang: tuple(sorted(dict.fromkeys(normalize(s) for s in sufs.split()), key=len, reverse=True))
    for lang, sufs in _RAW_SUFFIXES.items()
}


def _strip_article(t: str) -> str:
    if t.startswith("ال") and len(t) >= 2 + MIN_STEM - 1:
        return t[2:]
    return t


def stem(key: str, lang: str) -> str:
    """The key without its longest inflection suffix for ``lang`` (itself when none applies)."""
    for suf in SUFFIXES.get(lang, ()):
        if key.endswith(suf) and len(key) - len(suf) >= MIN_STEM:
            return key[: -len(suf)]
    return key


def all_stems(key: str, lang: str) -> list[str]:
    """Every suffix-stripped form of ``key`` for ``lang``, longest stem first.

    ``stem`` keeps one reading; a gazetteer lookup may try them all ("ahwazie" -> "ahwazi",
    "ahwaz", "ahwa"; "meszhedzie" -> ..., "meszhed").
    """
    out = [
        key[: -len(suf)]
        for suf in reversed(SUFFIXES.get(lang, ()))
        if key.endswith(suf) and len(key) - len(suf) >= MIN_STEM
    ]
    return list(dict.fromkeys(out))


def elided(surface: str) -> str:
    """The word after a short elided article/preposition ("dell'Iraq" -> "Iraq")."""
    for a in _APOS:
        head, sep, tail = surface.partition(a)
        if sep and 0 < len(head) <= MAX_ELIDED and len(tail) >= MIN_STEM - 1:
            return tail
    return surface


def token_keys(surface: str, lang: str) -> tuple[str, ...]:
    """All keys a text token may match under: normalised, pre-apostrophe, de-prefixed, stem."""
    return keys_and_exact(surface, lang)[0]


def keys_and_exact(surface: str, lang: str) -> tuple[tuple[str, ...], int]:
    """Token keys, and how many leading ones are exact forms (the rest are stems)."""
    base = normalize(surface)
    keys = [base]
    for a in _APOS:
        if a in surface:
            head = normalize(surface.split(a, 1)[0])
            if head and head not in keys:
                keys.append(head)
            tail = elided(surface)
            if tail != surface and (k := normalize(tail)) not in keys:
                keys.append(k)  # "all'Iran", "l'Irak", "d'Israël"
            break
    if _ARABIC_RE.search(base):
        forms = [base]
        # ("وأبو مهدي": the conjunction before a short first name of a longer alias)
        if base[:1] in AR_PREFIXES and (
            len(base) > MIN_STEM + 1 or (base[0] == "و" and len(base) >= MIN_STEM)
        ):
            rest = base[1:]
            forms.append("ال" + rest[1:] if rest.startswith("ل") and base[0] == "ل" else rest)
        forms = [f for form in forms for f in (form, _strip_article(form))]
        keys.extend(forms)
    exact = tuple(dict.fromkeys(keys))
    stems = tuple(s for k in exact if (s := stem(k, lang)) not in exact)
    return exact + tuple(dict.fromkeys(stems)), len(exact)


def alias_keys(alias: str, lang: str) -> list[list[str]]:
    """Key paths to insert an alias under: the plain path and the stemmed path.

    Arabic aliases keep their article: "القاعدة" (al-Qaeda) must not match "قاعدة" (a base).
    Text tokens, not aliases, get the prefix-stripped variants.
    """
    plain = [normalize(m.group()) for m in TOKEN_RE.finditer(alias)]
    if not plain:
        return []
    paths = [plain]
    stemmed = [stem(k, lang) for k in plain]
    if stemmed != plain:
        paths.append(stemmed)
    return paths


@dataclass(frozen=True)
class Target:
    """What an alias stands for. ``kind``: alias, demonym, metonym or office."""

    kind: str
    ref: str
    lang: str
    surface: str
    exact: bool = False  # KB case_sensitive: text must be written exactly like this
    acronym: bool = False  # all-caps short alias: text must not be all lowercase
    capital: bool = False  # capitalised one-word alias: text must start with a capital


@dataclass
class Match:
    """A span of text whose tokens spell one or more aliases."""

    start: int
    end: int
    text: str
    tok_start: int
    tok_end: int
    targets: list[Target] = field(default_factory=list)


@dataclass
class Tok:
    """A token of the text with its character span and lookup keys."""

    start: int
    end: int
    text: str
    keys: tuple[str, ...]
    n_exact: int = 1  # keys[:n_exact] are exact forms, the rest suffix-stripped stems


def _case_ok(target: Target, surface: str, span: str) -> bool:
    """Case rules: ``surface`` is the first token, ``span`` the whole matched text."""
    if target.exact:
        # A case ending after an apostrophe keeps the name exact: "ABD'nin", "PKK'ya", "US's".
        head = re.split(f"[{_APOS}]", span, maxsplit=1)[0] if span[-1:].isalpha() else span
        return any(
            s == target.surface or s.replace(".", "") == target.surface.replace(".", "")
            for s in (span, head)
        )
    letters = [c for c in elided(surface) if c.isalpha()]
    if not letters:
        return True
    if target.acronym:
        return not all(c.islower() for c in letters)
    first = letters[0]
    return not (target.capital and first.islower() and first.upper() != first.lower())


def _is_lower(surface: str) -> bool:
    c = surface[0]
    return c.islower() and c.upper() != c


def tokenize(
    text: str, lang: str, cache: dict[str, tuple[tuple[str, ...], int]] | None = None
) -> list[Tok]:
    """Cut ``text`` into tokens with keys (``cache`` maps surface -> keys for speed)."""
    out: list[Tok] = []
    for m in TOKEN_RE.finditer(text):
        s = m.group()
        got = cache.get(s) if cache is not None else None
        if got is None:
            got = keys_and_exact(s, lang)
            if cache is not None:
                cache[s] = got
        out.append(Tok(m.start(), m.end(), s, got[0], got[1]))
    return out


class AliasIndex:
    """Token tries of every alias, demonym, metonym and office title, one per language."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._by_lang: dict[str, list[tuple[str, Target]]] = {}
        for entry in kb.entries.values():
            cs = set(entry.case_sensitive)
            for kind, table in (
                ("alias", entry.aliases),
                ("demonym", entry.demonyms),
                ("metonym", getattr(entry, "metonyms", {}) or {}),
            ):
                for lang, names in table.items():
                    for name in names:
                        self._add(lang, name, kind, entry.id, name in cs)
                        if entry.type == "PERSON" and _ARABIC_RE.search(name):
                            # Persian/Urdu write Arabic family names without the article:
                            # "العبادی" appears as "عبادی".
                            bare = " ".join(_strip_article(w) for w in name.split())
                            if bare != name:
                                self._add(lang, bare, kind, entry.id, False)
            # The canonical name is always an English alias.
            self._add("en", entry.canonical, "alias", entry.id, entry.canonical in cs)
        for office in kb.offices.values():
            for lang, names in office.aliases.items():
                for name in names:
                    self._add(lang, name, "office", office.id, False)
        self._tries: dict[str, tuple[dict, int]] = {}
        self._caches: dict[str, dict[str, tuple[tuple[str, ...], int]]] = {}

    def _add(self, lang: str, name: str, kind: str, ref: str, exact: bool) -> None:
        letters = [c for c in name if c.isalpha()]
        words = TOKEN_RE.findall(name)
        acronym = bool(letters) and len(letters) <= 4 and all(c.isupper() for c in letters)
        capital = (
            len(words) == 1
            and bool(letters)
            and letters[0].isupper()
            and len(letters) < LONG_ALIAS
            and not acronym
        )
        target = Target(kind, ref, lang, name, exact, acronym, capital)
        self._by_lang.setdefault(lang, []).append((name, target))

    def languages_for(self, lang: str | None) -> tuple[str, ...]:
        """Alias languages used for a document in ``lang``."""
        own = LANG_GROUPS.get(lang or "", (lang,) if lang else ())
        return tuple(dict.fromkeys((*own, *ALWAYS_LANGS)))

    def trie(self, lang: str | None) -> tuple[dict, int]:
        """The trie (and its depth) for a document language, built on first use."""
        key = lang or ""
        if key not in self._tries:
            root: dict = {}
            depth = 0
            for alias_lang in self.languages_for(lang):
                for name, target in self._by_lang.get(alias_lang, ()):
                    for path in alias_keys(name, alias_lang):
                        node = root
                        for k in path:
                            node = node.setdefault(k, {})
                        bucket = node.setdefault(PAYLOAD, [])
                        if target not in bucket:
                            bucket.append(target)
                        depth = max(depth, len(path))
            self._tries[key] = (root, depth)
        return self._tries[key]

    def tokenize(self, text: str, lang: str | None) -> list[Tok]:
        cache = self._caches.setdefault(lang or "", {})
        if len(cache) > 200_000:  # bound memory on huge or adversarial inputs
            cache.clear()
        return tokenize(text, lang or "", cache)

    def match(
        self, text: str, lang: str | None, toks: list[Tok] | None = None, overlapping: bool = False
    ) -> list[Match]:
        """Alias matches in text order: non-overlapping, longest first (or all of them)."""
        root, depth = self.trie(lang)
        if toks is None:
            toks = self.tokenize(text, lang)
        n = len(toks)
        links = [False] * n  # links[j]: token j may continue a name started before it
        for j in range(1, n):
            sep = text[toks[j - 1].end : toks[j].start]
            if len(sep) > _MAX_SEP or _BREAK_RE.search(sep):
                continue
            if "." in sep and len(toks[j - 1].text) > 2:
                continue
            links[j] = True
        found: list[Match] = []
        for i in range(n):
            nodes: list[tuple[dict, bool]] = [(root, False)]
            j = i
            lower = _is_lower(toks[i].text)
            while j < n and j - i < depth and (j == i or links[j]):
                tok = toks[j]
                nxt = [
                    (c, st or ki >= tok.n_exact)
                    for node, st in nodes
                    for ki, k in enumerate(tok.keys)
                    if (c := node.get(k)) is not None
                ]
                if not nxt:
                    break
                j += 1
                targets: list[Target] = []
                for c, st in nxt:
                    for t in c.get(PAYLOAD, ()):
                        # An inflected (stem-matched) name must be capitalised like a name.
                        if st and lower and t.kind != "demonym":
                            continue
                        span = text[toks[i].start : tok.end]
                        if t not in targets and _case_ok(t, toks[i].text, span):
                            targets.append(t)
                if targets:
                    end = toks[j - 1].end
                    if text[end - 2 : end] in ("'s", "’s") and end - 2 > toks[i].start:
                        end -= 2  # "Mexico's": the name without the possessive
                    found.append(
                        Match(
                            toks[i].start,
                            end,
                            text[toks[i].start : end],
                            i,
                            j,
                            targets,
                        )
                    )
                nodes = nxt
        return found if overlapping else select_longest(found)


def select_longest(matches: Iterable[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (earlier first on ties), in text order."""
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if any(t in taken for t in range(m.tok_start, m.tok_end)):
            continue
        taken.update(range(m.tok_start, m.tok_end))
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)
