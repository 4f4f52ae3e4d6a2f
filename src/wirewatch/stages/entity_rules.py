"""Rules for reading a name in context: place or actor, title, qualifier, headline, byline.

Pure functions and word tables (per language, normalised like index keys) used by
:mod:`wirewatch.stages.entities`. Lists are general news vocabulary, not tuned to files.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wirewatch.kb.index import Match, Tok, normalize, words
from wirewatch.kb.model import KnowledgeBase
from wirewatch.model import Mention


def keyset(text: str) -> frozenset[str]:
    """A word table in index-key form ("nördlich" -> "nordlich", "شمالی" -> "شمالي")."""
    return frozenset(normalize(w) for w in text.split())


# Words before a name that make it a place ("in Washington") rather than a metonym for a
# government ("Washington warned"); per language, normalised.
LOCATIVE_BEFORE: dict[str, frozenset[str]] = {
    k: frozenset(normalize(w) for w in v.split())
    for k, v in {
        # not "to"/"of": "in response to Washington's support", "the policy of Washington"
        "en": "in at near from into outside inside across around via toward towards "
        "visit visited visiting arrived returned",
        "fr": "a au aux vers depuis pres dans en",
        "de": "in nach aus bei im",
        "es": "en a hacia desde cerca",
        "it": "a in da verso presso",
        "pt": "em no na a para de",
        "nl": "in naar uit bij",
        "id": "di ke dari",
        "ms": "di ke dari",
        "ru": "в во из под около",
        "uk": "в у до з",
        "pl": "w we do z pod",
        "ar": "في الى من قرب",
        "fa": "در به از",
        "ku": "li ji bo le",
        "ckb": "له بۆ",
        "kmr": "li ji bo",
        "tr": "",
        # Chinese: every character is a token; "在巴格达" (in Baghdad), "从", "到", "赴", "抵"
        "zh": "在 于 从 到 赴 抵 往",
    }.items()
}
# Postpositions after a name that make it a place (languages that put them after).
LOCATIVE_AFTER: dict[str, frozenset[str]] = {
    "hi": frozenset(["में", "से", "पर"]),
    "ur": frozenset(["میں", "سے", "پر"]),
    "bn": frozenset(),
}
LOCATIVE_SUFFIXES = {"tr": ("da", "de", "ta", "te", "dan", "den", "tan", "ten"), "bn": ("তে",)}
# Words that make a following "to" a direction ("a visit to Tehran", not "in response to").
MOTION = words(
    """
    visit visits visited trip trips travel travelled traveled flew fly flying went go going
    came come coming returned return returning arrived moved headed back way journey
    """
)
# Compass words before a name (directly or with "of") make it a place, in any language.
DIRECTIONS = keyset(
    """
    north south east west northern southern eastern western northeast northwest
    southeast southwest nord sud est ouest nördlich südlich östlich westlich norte sur
    oeste utara selatan timur barat شمال شمالي جنوب جنوبي شرق شرقي غرب غربي شمالی جنوبی
    شرقی غربی севернее южнее восточнее западнее
    """
)
# Words for "city/town/province" before a name ("Stadt Nablus", "kota Mosul", "شهر تکریت").
PLACE_WORDS = keyset(
    """
    city town village province stadt ort provinz ville province città città provincia
    ciudad cidade província kota desa provinsi kabupaten stad miasto şehir kent il город
    مدينة محافظة شهر استان ولاية
    """
)
_DATELINE_AFTER = re.compile(
    r"^\s*(?:,\s*[A-Za-z. ]{2,30})?\s*(?:\(|—|–|-\s|:|\|)|^\d{1,2}月\d{1,2}日电"
)
DATELINE_HEAD = 40  # a dateline place may follow an agency name at the start of its line
# "Iran-backed militias", "pro-Iranian groups": the country only qualifies an (unnamed) group,
# and the gold conventions leave it out.
QUALIFIER_AFTER = re.compile(
    r"^[-‐–]\s?(?:backed|aligned|supported|sponsored|funded|affiliated|allied|linked|leaning|"
    r"friendly|nahe|treue?n?)\b",
    re.IGNORECASE,
)
QUALIFIER_BEFORE = re.compile(r"\b(?:pro|anti)[-‐–]\s?$", re.IGNORECASE)
# Titles and ranks spaCy or the fallback sometimes includes in a person's name.
TITLES = words(
    """
    president vice prime minister secretary general gen maj major lt lieutenant col
    colonel capt captain adm admiral sgt sergeant mr mrs ms dr sheikh shaikh sayyid
    ayatollah imam senator sen rep representative gov governor ambassador spokesman
    spokeswoman commander chief king prince crown emir foreign defence defense state
    brig brigadier pres presiden menteri jenderal juru bicara duta besar panglima
    perdana wakil ketua
    """
)
# Languages whose common nouns are capitalised: the capitalisation fallback is useless there
# except to find spellings of KB names.
NOUN_CAPS_LANGS = frozenset({"de", "lb"})
# Lines with at least this share of capitalised words (and MIN_HEADLINE_WORDS words) are
# Title Case headlines or menus, where capitals do not mark names.
HEADLINE_CAPS = 0.7
MIN_HEADLINE_WORDS = 4
# Words before a title that make it another post or another time ("former president").
OFFICE_QUALIFIERS = words(
    """
    former ex deputy vice under assistant then late acting outgoing mantan wakil ehemalige
    ehemaliger ancien ancienne ex-president exministro ex-ministro vormalige
    """
)


# Words joining a list of places ("Kharkiv and Donetsk").
COORDINATION = keyset("and or , und et y e dan و и i ve en 和 及 与 、 اور")
# Words right after a name that make it a place ("Duhok iline", "Kerman kentinde", "Zaho
# ilçesinde", "巴格达市"), in index-key form.
PLACE_AFTER = keyset(
    """
    il ili iline ilinde ilçe ilçesi ilçesinde ilçesine kent kenti kentinde kentine şehri
    şehrinde şehrine kasabası köyü bölgesi 市 省 县 镇 州 شہر صوبے
    """
)
# People nouns before "in X" that make X stand for its government ("officials in Baghdad").
OFFICIALS = keyset(
    """
    officials leaders diplomats authorities policymakers lawmakers politicians lica лица
    руководство pejabat responsables dirigeants funktionare beamte politiker funzionari
    dirigenti autoridades funcionarios oficiales مسؤولون مسؤولين المسؤولين المسؤولون
    مقامات مسئولان yetkililer
    """
)
# Words right after an institution's name that make it the speaker ("White House statement").
SPEECH = keyset(
    """
    said says say told announced announces stated states warned warns statement statements
    spokesman spokeswoman spokesperson press secretary official officials confirmed denied
    added declared responded insisted urged called a declare affirme annonce erklarte sagte
    teilte mengatakan menyatakan mengumumkan ha detto dichiarato dijo declaro afirmou disse
    заявил заявили сообщил قال قالت أعلن اعلن بيان گفت اعلام کرد बयान कहा
    """
)
# "Paris, Texas,", "Springfield, Illinois." : a place name qualified by its region/country.
CITY_QUALIFIER = re.compile(r"^,\s+([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)\s*(?:[,.;:)]|$)")


def is_locative(
    m: Match, toks: list[Tok], text: str, lang: str | None, prefix_used: Callable[[Tok], bool]
) -> bool:
    """True when a name is used as a place: dateline, locative word, case suffix or prefix."""
    line_start = text.rfind("\n", 0, m.start) + 1
    head = text[line_start : m.start]
    if (not head.strip() and m.text.isupper() and len(m.text) > 3) or (
        len(head) <= DATELINE_HEAD
        and not re.search(r"[.!?।]", head)
        and _DATELINE_AFTER.match(text[m.end : m.end + 40])
    ):
        return True  # dateline: "WASHINGTON (Reuters) -", "एजेंसी, तेल अवीव |"
    if CITY_QUALIFIER.match(text[m.end : m.end + 40]):
        return True  # "Paris, Texas": a town qualified by its region
    if re.match(r"[’']s\b", text[m.end : m.end + 3]):
        return False  # "Washington's support": a possessor acts, it is not a venue
    code = lang or "en"
    first = toks[m.tok_start]
    for suf in LOCATIVE_SUFFIXES.get(code, ()):
        # Turkish writes case endings after an apostrophe ("Tahran'da"); Bengali attaches them.
        tail = first.text.rsplit("'", 1)[-1].rsplit("’", 1)[-1] if code == "tr" else first.text
        if (tail != first.text or code != "tr") and tail.endswith(suf) and len(first.keys) > 1:
            return True
    if first.text.startswith("ب") and prefix_used(first):
        return True  # Arabic-script "ب" ("in/at") attached to the name: "بواشنطن"
    if m.tok_start > 0:
        prev = toks[m.tok_start - 1]
        gap = text[prev.end : m.start]
        if len(gap) <= 3 and "\n" not in gap:
            if prev.keys[0] in LOCATIVE_BEFORE.get(code, frozenset()):
                # "officials in Washington and Baghdad" stand for the governments (P3 notes).
                return not (m.tok_start > 1 and toks[m.tok_start - 2].keys[0] in OFFICIALS)
            before = toks[m.tok_start - 2].keys[0] if m.tok_start > 1 else ""
            if code == "en" and prev.keys[0] == "to" and before in MOTION:
                return True  # "a visit to Tehran", "returned to Washington"
            p0 = prev.keys[0]
            if p0 in DIRECTIONS or (p0 in ("of", "de") and before in DIRECTIONS):
                return True  # "north of Baghdad", "شمالي بغداد"
    if m.tok_end < len(toks):
        nxt = toks[m.tok_end]
        if nxt.keys[0] in LOCATIVE_AFTER.get(code, frozenset()):
            return True
    return False


def strip_titles(m: Mention) -> Mention:
    """'Maj Gen Pat Ryder' -> 'Pat Ryder' (titles are not part of a name)."""
    words = list(re.finditer(r"[^\s]+", m.text))
    k = 0
    while k < len(words) - 1 and words[k].group().rstrip(".").lower() in TITLES:
        k += 1
    if k == 0:
        return m
    off = words[k].start()
    return Mention(
        m.text[off:], m.start + off, m.end, m.label, m.kb_id, m.canonical, m.source, m.score
    )


def in_headline(text: str, pos: int) -> bool:
    """True when the line around ``pos`` is in Title Case (capitals do not mark names there)."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    words = re.findall(r"[^\W\d_]+", text[a : b if b >= 0 else len(text)])
    if len(words) < MIN_HEADLINE_WORDS:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= HEADLINE_CAPS


_BYLINE_RE = re.compile(r"^\s*(?:by|oleh|von|par|por|di|door|przez|автор)\s", re.IGNORECASE)


def in_byline(text: str, pos: int) -> bool:
    """True in a byline ("By John Fritze, USA TODAY") or a line holding just a name."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a : b if b >= 0 else len(text)]
    return bool(_BYLINE_RE.match(line)) or len(line.split()) <= 3


def is_lower(word: str) -> bool:
    c = word[:1]
    return c.islower() and c.upper() != c


def speaks(m: Match, toks: list[Tok]) -> bool:
    """True when one of the two words after a name is a speech word ("White House said")."""
    return any(t.keys[0] in SPEECH for t in toks[m.tok_end : m.tok_end + 2])


class Taken:
    """Characters already covered by a mention: O(span) checks on any document size."""

    def __init__(self, size: int, spans: list[Mention]) -> None:
        self._occ = bytearray(size + 1)
        for m in spans:
            self.add(m.start, m.end)

    def overlaps(self, start: int, end: int) -> bool:
        return self._occ.find(1, start, max(start + 1, end)) != -1

    def add(self, start: int, end: int) -> None:
        self._occ[start:end] = b"\x01" * (end - start)


def capital_metonyms(kb: KnowledgeBase) -> dict[str, str]:
    """PLACE id -> actor id when an actor lists the place's name as a metonym.

    The KB writes "Washington" as a metonym of the United States once; linking it to the
    Washington, D.C. entry gives every spelling of the city (واشنطن, Вашингтон) that reading.
    """
    names: dict[str, str] = {}
    for e in kb.entries.values():
        for ms in (getattr(e, "metonyms", {}) or {}).values():
            for m in ms:
                names.setdefault(normalize(m), e.id)
    out: dict[str, str] = {}
    for e in kb.entries.values():
        if e.type != "PLACE":
            continue
        for n in (e.canonical, *(a for al in e.aliases.values() for a in al)):
            if (actor := names.get(normalize(n))) is not None:
                out[e.id] = actor
                break
    return out


MIN_SURNAME = 4  # shortest family name used to link names (shorter ones collide)


def person_surnames(kb: KnowledgeBase) -> dict[str, list[tuple[str, str]]]:
    """Family name -> [(first name, person id)] over KB persons' Latin multi-word names."""
    out: dict[str, list[tuple[str, str]]] = {}
    for e in kb.entries.values():
        if e.type != "PERSON":
            continue
        for n in {e.canonical, *(a for al in e.aliases.values() for a in al)}:
            words = [normalize(w) for w in re.findall(r"[^\W\d_]+", n)]
            if len(words) >= 2 and len(words[-1]) >= MIN_SURNAME and words[0].isascii():
                pair = (words[0], e.id)
                if pair not in out.setdefault(words[-1], []):
                    out[words[-1]].append(pair)
    return out
