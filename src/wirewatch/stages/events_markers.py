"""Per-language argument markers (data/events/roles.yaml): which role a case word, adposition or
clitic gives the name next to it, and the word-order cues that go with them (postposed adjective
and genitive agents, Romance bare objects). See docs/events.md, "Roles"."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path

import yaml

from wirewatch.model import Document, Mention
from wirewatch.stages.events_lexicon import (
    NO_SPACE_LANGUAGES,
    WORD,
    compose_yaml,
    node_error,
    normalize,
)

ROLES_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "roles.yaml"
MARKER_KEYS = (
    "locative_before",
    "locative_after",
    "recipient_before",
    "recipient_after",
    "actor_before",
    "actor_after",
)
COREF_KINDS = ("person", "group", "speaker", "forces", "government")
ENTRY_KEYS = frozenset(
    {
        *MARKER_KEYS,
        "partner_before",
        "partner_after",
        "clause_openers",
        *(f"coref_{k}" for k in COREF_KINDS),
        "coref_pair",
        "articles",
        "clause_conjunctions",
    }
)
# Checked in this order; on a tie (markers of the same length) the first wins.
ROLE_ORDER = ("locative", "actor", "recipient")
# Noun-first languages: "ضد القواعد الأمريكية", "contre les bases américaines", "terhadap
# pangkalan AS": a recipient marker governs the head noun, the name qualifies it one or two
# words later. A direct marker of any role beats such a distant one; only countries (the
# qualifiers of targets) are marked this way.
NOUN_FIRST_MARKED = frozenset({"id", "ms", "ar", "fa", "ku", "fr", "es", "it", "pt"})
MAX_SKIPPED_WORDS = 2
# How far back (characters) a marker with skipped words may start.
SKIP_WINDOW = 40
# Elided articles that open a mention's surface ("l'Irak"): "à l'Irak" is marked by "à l'".
_ELIDED = re.compile(r"(?:l|d|dell|all|dall|nell|sull)['’]")


@dataclass
class Markers:
    """Compiled argument markers of one language: regexes that end (before) or start (after)
    right next to a mention."""

    before: dict[str, re.Pattern[str]]
    after: dict[str, re.Pattern[str]]
    coref: dict[str, re.Pattern[str]] = field(default_factory=dict)  # person / group
    skip: dict[str, re.Pattern[str]] = field(default_factory=dict)  # recipient, words between
    actor_words: frozenset[str] = frozenset()  # the actor_before words ("by" prepositions)
    clause_opener: re.Pattern[str] | None = None  # ", der ...", ", qui ...": a new clause
    pair: re.Pattern[str] | None = None  # "the two countries": the two named last
    conjunction: re.Pattern[str] | None = None  # ", while ...": a clause of its own

    def role(self, norm: str, m: Mention, floor: int = 0) -> str | None:
        """'locative', 'recipient', 'actor' or None for a mention in the normalised text.

        The longest adjacent marker wins ("à l'" recipient over "à" locative); a marker with
        words between it and the mention counts only when none is adjacent, and only after
        `floor` (the end of the previous name, which such a marker would belong to)."""
        end = m.start
        lead = _ELIDED.match(norm, m.start, m.end)
        best: tuple[int, str] | None = None
        for role in ROLE_ORDER:
            rx = self.before.get(role)
            if rx is not None:
                for stop in (end, lead.end()) if lead else (end,):
                    hit = rx.search(norm, max(0, stop - 24), stop)
                    if hit and (best is None or stop - hit.start() > best[0]):
                        best = (stop - hit.start(), role)
            rx = self.after.get(role)
            if rx is not None:
                # a name found with its case ending ("ABD'nin") holds the marker itself
                tail = norm.rfind("'", m.start + 1, m.end)
                for stop in (m.end, tail) if tail > 0 else (m.end,):
                    hit = rx.match(norm, stop)
                    if hit and (best is None or hit.end() - hit.start() > best[0]):
                        best = (hit.end() - hit.start(), role)
        if best is not None:
            return best[1]
        if m.label != "GPE":  # "على مقتل سليماني": a person after a noun is its argument
            return None
        for role, rx in self.skip.items():
            if rx.search(norm, max(floor, m.start - SKIP_WINDOW), m.start):
                return role
        return None


def alternation(words: list[str]) -> str:
    """One regex alternation of the words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def load_roles(path: Path = ROLES_FILE) -> dict[str, dict[str, list[str]]]:
    """Parse and validate a roles file: language -> marker key -> words. Raises
    LexiconError(where='file:line') naming the fix."""
    root = compose_yaml(path.read_text(encoding="utf-8"), path)
    if not isinstance(root, yaml.MappingNode):
        raise node_error("expected a mapping with 'languages'", path, root, "write languages: {..}")
    top = {k.value: v for k, v in root.value}
    langs = top.get("languages")
    if not isinstance(langs, yaml.MappingNode):
        raise node_error("missing 'languages' mapping", path, root, "add languages: {en: {...}}")
    out: dict[str, dict[str, list[str]]] = {}
    for lang_node, entry in langs.value:
        lang = str(lang_node.value)
        if not re.fullmatch(r"[a-z]{2,3}", lang):
            raise node_error(f"bad language code {lang!r}", path, lang_node, "an ISO 639-1 code")
        if not isinstance(entry, yaml.MappingNode):
            raise node_error(
                f"{lang}: expected a mapping", path, entry, "write {locative_before: [..]}"
            )
        keys: dict[str, list[str]] = {}
        for key, value in entry.value:
            if key.value not in ENTRY_KEYS:
                close = get_close_matches(str(key.value), sorted(ENTRY_KEYS), n=1)
                hint = (
                    f"did you mean {close[0]!r}?" if close else f"use one of {sorted(ENTRY_KEYS)}"
                )
                raise node_error(f"{lang}: unknown key {key.value!r}", path, key, hint)
            if not isinstance(value, yaml.SequenceNode):
                raise node_error(f"{lang}.{key.value}: expected a list", path, value, "write [..]")
            words = []
            for item in value.value:
                if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                    raise node_error(
                        f"{lang}.{key.value}: empty or non-string word", path, item, "quote it"
                    )
                words.append(str(item.value))
            keys[str(key.value)] = words
        out[lang] = keys
    return out


@lru_cache(maxsize=1)
def _shipped_roles() -> dict[str, dict[str, list[str]]]:
    return load_roles() if ROLES_FILE.exists() else {}


@lru_cache(maxsize=64)
def markers(lang: str) -> Markers:
    """Markers of a language from data/events/roles.yaml (empty when it has none)."""
    entry = _shipped_roles().get(lang) or {}
    nospace = lang in NO_SPACE_LANGUAGES
    left = "" if nospace else f"(?<!{WORD})"
    right = "" if nospace else f"(?!{WORD})"
    before: dict[str, re.Pattern[str]] = {}
    after: dict[str, re.Pattern[str]] = {}
    skip: dict[str, re.Pattern[str]] = {}
    articles = [normalize(w) for w in entry.get("articles") or []]
    for key in MARKER_KEYS:
        words = [normalize(w) for w in entry.get(key) or []]
        role, side = key.rsplit("_", 1)
        # partners ("with": مع/avec/mit/ile/के साथ) are recipients, marked only right next to
        # the name ("مع تهديد إيراني": the threat is Iran's)
        partners = [normalize(w) for w in entry.get(f"partner_{side}") or []]
        if role != "recipient":
            partners = []
        if not words and not partners:
            continue
        if side == "before":
            # a marker ending in an apostrophe ("all'", "l'") is written against the name
            glued = [w for w in words + partners if w[-1] in "'’"]
            spaced = [w for w in words + partners if w[-1] not in "'’"]
            # (an article may stand between: "contra las fuerzas", "gegen die Truppen"; not
            # for places: "bei einem US-Luftangriff" is no place phrase of the US)
            article = (
                f"(?:(?:{alternation(articles)})\\s+)?" if articles and role != "locative" else ""
            )
            parts = (
                [f"(?:{alternation(spaced)})\\s{'*' if nospace else '+'}{article}"]
                if spaced
                else []
            )
            parts += [f"(?:{alternation(glued)})\\s*"] if glued else []
            before[role] = re.compile(rf"{left}(?:{'|'.join(parts)})$")
            far = [w for w in words if w[-1] not in "'’"]
            if role == "recipient" and lang in NOUN_FIRST_MARKED and far:
                gap = rf"(?:[^\s,.;:!?()«»\"“”]+\s+){{1,{MAX_SKIPPED_WORDS}}}"
                skip[role] = re.compile(rf"{left}(?:{alternation(far)})\s+{gap}$")
        else:
            after[role] = re.compile(rf"\s?(?:{alternation(words + partners)}){right}")
    coref: dict[str, re.Pattern[str]] = {}
    for kind in COREF_KINDS:
        words = [normalize(w) for w in entry.get(f"coref_{kind}") or []]
        if words:
            coref[kind] = re.compile(rf"{left}(?:{alternation(words)}){right}")
    actor_words = frozenset(normalize(w) for w in entry.get("actor_before") or [])
    words = [normalize(w) for w in entry.get("clause_openers") or []]
    opener = re.compile(rf"[,،]\s*(?:{alternation(words)}){right}") if words else None
    words = [normalize(w) for w in entry.get("coref_pair") or []]
    pair = re.compile(rf"{left}(?:{alternation(words)}){right}") if words else None
    words = [normalize(w) for w in entry.get("clause_conjunctions") or []]
    conj = re.compile(rf"(?<=[,،])\s*(?P<word>{alternation(words)}){right}") if words else None
    return Markers(before, after, coref, skip, actor_words, opener, pair, conj)


# Languages whose adjectives follow the noun: "frappes américaines", "الغارة الإسرائيلية".
ADJECTIVE_AFTER_LANGUAGES = frozenset({"fr", "es", "it", "pt", "ar", "fa", "ku", "he"})
ROMANCE_LANGUAGES = frozenset({"fr", "es", "it", "pt"})
GERMANIC_GENITIVE = frozenset({"de"})
# Languages whose perfect and subordinate clauses put the verb last ("... angegriffen hat").
VERB_FINAL_CLAUSES = frozenset({"de", "nl"})
# The trigger plus at most two words (participle, auxiliary) end the clause.
CLAUSE_END = re.compile(r"\s*(?:[^\s,.;:!?]+\s*){0,2}[,.;:!?»“”\"]*\s*")
_GENITIVE_END = re.compile(
    r"(?:\b(?:de|di|da|del|della|dello|dei|degli|delle|du|des|do|dos|das|dels)\s*"
    r"|\b(?:d|dell|dall)['’]\s*)$"
)
_ARTICLE_OPEN = re.compile(r"(?:l['’]|(?:la|le|les|el|los|las|il|lo|gli|o|os|a|as)\s)", re.I)
_NISBA = re.compile(r"(?:ی|یه|یون|یین|ییه|یها)$")  # Arabic/Persian nisba adjective endings


def marked_roles(
    doc: Document, norm: str, mk: Markers, found: list[Mention], t_end: int
) -> dict[int, str | None]:
    """The marker role of each candidate; a marker several words back must come after the
    previous name and, for a name after the trigger, after the trigger ("ردا على الهجوم
    الإيراني": "على" governs the attack, not the adjective)."""
    ends = sorted(x.end for x in doc.mentions)
    out: dict[int, str | None] = {}
    prev: Mention | None = None
    for m in found:
        i = bisect_right(ends, m.start)
        floor = max(ends[i - 1] if i else 0, t_end if m.start >= t_end else 0)
        role = mk.role(norm, m, floor)
        if role is None and prev is not None and out[id(prev)] == "locative":
            # "в Ираке и Сирии", "in Iraq and Syria": the place phrase goes on
            listed = _LIST_AND.fullmatch(norm, prev.end, m.start) or (
                norm[prev.end : m.start].isspace() and norm.startswith("و", m.start)
            )
            role = "locative" if listed else None
        out[id(m)] = role
        prev = m
    return out


# "and" in the languages with markers (Arabic و is written against the next word).
CONJUNCTIONS = ("and", "und", "et", "y", "e", "dan", "و", "и", "ve", "i", "en", "और", "এবং", "ও")
# A conjunction joining two names of a list ("Iraq and Syria", "العراق وسوريا").
_LIST_AND = re.compile(r"\s+(?:" + "|".join(w for w in CONJUNCTIONS if w != "و") + r")\s+|\s+و\s*")


def postposed_agent(
    doc: Document,
    norm: str,
    lang: str,
    after: list[Mention],
    t_end: int,
    m_rec: list[Mention],
) -> list[Mention]:
    """A nationality adjective right after the trigger ("frappes américaines", "الغارة
    الإسرائيلية") in a language whose adjectives follow the noun: the trigger's agent."""
    if lang not in ADJECTIVE_AFTER_LANGUAGES | GERMANIC_GENITIVE or not after or after[0] in m_rec:
        return []
    m = after[0]
    if not re.fullmatch(r"[\s\u200c-]*", norm[t_end : m.start]) or m.start == t_end:
        return []
    surface = doc.text[m.start : m.end]
    if lang in ROMANCE_LANGUAGES:
        adjective = surface[:1].islower() and not _ARTICLE_OPEN.match(surface)
    elif lang in GERMANIC_GENITIVE:
        # "das Vordringen israelischer Truppen": an article-less genitive plural
        adjective = bool(
            surface[:1].islower()
            and surface.endswith("er")
            and re.match(r"\s+[A-ZÄÖÜ]", doc.text[m.end : m.end + 3])
        )
    else:  # names end in -i too ("سليماني"): only a country's adjective
        adjective = m.label == "GPE" and bool(_NISBA.search(norm[m.start : m.end]))
    return [m] if adjective else []


def bare_object(doc: Document, norm: str, m: Mention, t_end: int) -> bool:
    """A capitalised name after a Romance trigger with no genitive preposition between."""
    surface = doc.text[m.start : m.end]
    gap = norm[t_end : m.start]
    if len(gap) > 12 or _GENITIVE_END.search(gap) or re.match(r"(?:d|dell|dall)['’]", surface):
        return False
    body = _ARTICLE_OPEN.sub("", surface, count=1)
    return body[:1].isupper()
