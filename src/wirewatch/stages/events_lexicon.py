"""Event trigger lexicons: schema validation, loading and fast matching (docs/events.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from wirewatch.errors import LexiconError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANG_DIR = DATA_DIR / "lang"
PLOVER_FILE = DATA_DIR / "plover.yaml"

# Languages written without spaces between words: terms match anywhere.
NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "th", "my", "km", "lo"})

# Word characters: \w plus combining marks of Indic/Arabic scripts and ZWNJ, which Python's \w
# misses (a Devanagari vowel sign would otherwise look like a word boundary).
INFLECTION = r"[\w\u200c]*"
WORD = r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff\u200c\u200d]"

# Optional Arabic-script vowel marks, shadda, superscript alef and tatweel after a letter: they
# are written now and then ("هدّد", "أكّدت") and the folding must keep the text's length.
ARABIC_MARKS = "[\u064b-\u065f\u0670\u0640]*"

# One-to-one character folding (keeps character offsets): Arabic-script letter variants, and
# typographic apostrophes to ASCII ones so that "Government's" in a lexicon or cue also matches
# "Government’s" in a text.
_FOLD_MAP = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ۀ": "ه",
        "\u2019": "'",
        "\u02bc": "'",
    }
)

LIST_KEYS = (
    "negation",
    "modality",
    "future",
    "reporting",
    "passive",
    "proxy",
    "locative",
    "ongoing",
    "iterative",
    "negated_endings",
    "conditional",
    "interrogative",
    "victim_words",
)
TOP_KEYS = {"language", "version", "triggers", "casualty_words", "numbers", *LIST_KEYS}
TRIGGER_KEYS = {"type", "mode", "terms", "requires", "excludes", "confidence", "subject"}
CASUALTY_KEYS = ("killed", "injured", "arrested")
# Default trigger confidence in a lexicon that grades none of its groups: a single word is
# treated like a generic group (0.5), so it needs evidence (a date, named parties, a toll) to
# reach EventStage's MIN_CONFIDENCE 0.7; in a graded lexicon ungraded groups get 0.8. Dev set, event-type F1 en / non-en: 0.8 (no distinction) 0.77 / 0.65,
# 0.7: 0.79 / 0.66, 0.6: 0.77 / 0.69, 0.5: 0.78 / 0.72.
MULTI_WORD_CONFIDENCE = 0.8
SINGLE_WORD_CONFIDENCE = 0.5


def normalize(text: str) -> str:
    """Lowercase + Arabic-script letter and apostrophe folding, guaranteed to keep the
    string's length."""
    low = text.lower()
    if len(low) != len(text):  # e.g. 'İ' lowercases to two characters: fold one by one
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD_MAP)


def _letter(ch: str, marks: bool) -> str:
    """Regex atom of one term character; with ``marks`` an Arabic-script letter may carry vowel
    marks, a shadda or a tatweel in the text ("هدّد" for the term "هدد")."""
    return re.escape(ch) + ARABIC_MARKS if marks and "\u0620" <= ch <= "\u06ff" else re.escape(ch)


def _atoms(term: str, nospace: bool, marks: bool = True) -> tuple[list[str], str, bool]:
    """A term as regex atoms (one per character or gap), its end check, and whether it may
    start inside a word (see the term syntax in docs/events.md)."""
    term = normalize(term.strip())
    lead = term.startswith("*")
    trail = term.endswith("*")
    words = term.strip("*").split()
    atoms: list[str] = []
    for i, word in enumerate(words):
        if word == "*":  # a lone '*' between words stands for up to three arbitrary words
            atoms.append(r"(?:\S+\s+){0,3}?")
            continue
        if word == "...":  # up to twelve words of the same clause: a separable verb's particle
            atoms.append(r"(?:[^\s.,;:!?؟،]+\s+){0,12}?")  # ("griff am Sonntag ... an")
            continue
        # an inner '*' (e.g. 'autobomb*-anschlag*') continues the word part before it; a final
        # '~' (calendar cues) takes an inflectional ending of letters (a cheap class: the full
        # WORD class compiled at thousands of places made large cue sets slow to build)
        if word.endswith("~"):
            atoms.extend(_letter(ch, marks) for ch in word[:-1])
            atoms.append(INFLECTION)
        else:
            atoms.extend(f"{WORD}*" if ch == "*" else _letter(ch, marks) for ch in word.rstrip("*"))
        if word.endswith("*") and i < len(words) - 1:  # inner prefix word: 'threaten* more'
            atoms.append(f"{WORD}*")
        if i < len(words) - 1:
            atoms.append(r"\s+")
    end = "" if nospace else (f"{WORD}*" if trail else f"(?!{WORD})")
    return atoms, end, lead or nospace


def term_pattern(term: str, nospace: bool = False) -> str:
    """Regex for one lexicon term."""
    atoms, end, inside = _atoms(term, nospace)
    return (
        ("" if inside else f"(?<!{WORD})")
        + ("" if not inside else ("" if nospace else f"{WORD}*"))
        + "".join(atoms)
        + end
    )


def compile_terms(
    terms: list[str], nospace: bool = False, marks: bool = True
) -> re.Pattern[str] | None:
    """All terms as one trie-shaped regex; the empty group ``g<i>`` marks which term matched.
    ``marks``: Arabic-script letters may carry vowel marks in the text (see ``_letter``).

    A flat alternation of hundreds of terms is ~30x slower (every alternative is tried at
    every position); the trie shares prefixes, so each position costs a few steps.
    """
    tries: dict[bool, dict[str, Any]] = {False: {}, True: {}}
    for i, term in enumerate(terms):
        atoms, end, inside = _atoms(term, nospace, marks)
        node = tries[inside]
        for atom in atoms:
            node = node.setdefault(atom, {})
        node.setdefault("", []).append((end, i))

    def emit(node: dict[str, Any]) -> str:
        alts = [atom + emit(child) for atom, child in node.items() if atom]
        alts += [
            f"{end}(?P<g{i}>)" for end, i in sorted(node.get("", []), key=lambda x: -len(x[0]))
        ]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    # No lookbehind in front: the regex then starts with a set of literal first characters,
    # which lets the engine skip most positions; the start-of-word check is done by the caller
    # (``word_start``) and a leading-'*' trie is matched from any position.
    parts = [emit(tries[False])] if tries[False] else []
    if tries[True]:
        parts.append(emit(tries[True]))
    return re.compile("|".join(parts)) if parts else None


_WORD_RX = re.compile(WORD)


def word_start(text: str, pos: int) -> bool:
    """True when pos begins a word (the previous character is not a word character)."""
    return pos == 0 or not _WORD_RX.match(text, pos - 1)


def _inside(term: str, nospace: bool) -> bool:
    return nospace or term.startswith("*")


class TermSet:
    """A set of terms compiled into one regex."""

    def __init__(self, terms: Iterable[str], nospace: bool = False, marks: bool = True) -> None:
        self.terms = sorted({t for t in terms if t.strip("* ")}, key=len, reverse=True)
        self.nospace = nospace
        self.regex = compile_terms(self.terms, nospace, marks)

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Matches in the *normalised* text between start and end, starting on a word."""
        if self.regex is None:
            return
        stop = len(text) if end is None else min(end, len(text))
        for m in self.regex.finditer(text, start, stop):
            if not (self.nospace or word_start(text, m.start()) or self._inside(m)):
                continue
            if (
                m.end() == stop < len(text)
                and not self.nospace
                and _WORD_RX.match(text, stop)
                and not self._open(m)
            ):
                continue  # a word the window cuts ("fue" of "fuerzas")
            yield m

    def _inside(self, m: re.Match[str]) -> bool:
        name = m.lastgroup
        return name is not None and self.terms[int(name[1:])].startswith("*")

    def _open(self, m: re.Match[str]) -> bool:
        name = m.lastgroup
        return name is not None and self.terms[int(name[1:])].endswith("*")

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, start, end), None)

    def __bool__(self) -> bool:
        return self.regex is not None


@dataclass
class TriggerGroup:
    """One `triggers:` entry: a type, an optional mode and the terms that signal it."""

    type: str
    mode: str | None
    terms: list[str]
    requires: TermSet | None = None
    excludes: TermSet | None = None
    confidence: float | None = None  # None: by term length (see TriggerMatch.confidence)
    # "recipient": the trigger's subject is its target ("Iran was responsible", "US troops came
    # under attack", "two soldiers died"); the speaker, if any, is the actor. "host": the
    # subject receives a visitor, who acts ("Obama received Maliki")
    subject: str = "actor"


@dataclass
class TriggerMatch:
    """A trigger found in the normalised document text."""

    group: TriggerGroup
    term: str
    start: int
    end: int

    @property
    def confidence(self) -> float:
        """The group's confidence, or by default: a multi-word term is specific, a single
        word ("attack", "هجوم") is generic and needs some evidence in its sentence."""
        if self.group.confidence is not None:
            return self.group.confidence
        return MULTI_WORD_CONFIDENCE if " " in self.term.strip("* ") else SINGLE_WORD_CONFIDENCE


@dataclass
class EventLexicon:
    """A validated, compiled lexicon for one language."""

    language: str
    groups: list[TriggerGroup]
    sets: dict[str, TermSet]
    casualty: dict[str, TermSet]
    numbers: dict[str, int | None] = field(default_factory=dict)
    nospace: bool = False
    _regex: re.Pattern[str] | None = None
    _index: list[tuple[TriggerGroup, str]] = field(default_factory=list)

    def compile(self) -> None:
        """Build one alternation over all trigger terms, longest first."""
        items = [(g, t) for g in self.groups for t in g.terms]
        items.sort(key=lambda it: len(it[1].strip("*")), reverse=True)
        self._index = items
        self._regex = compile_terms([t for _, t in items], self.nospace)

    def triggers(self, norm: str, start: int, end: int) -> list[TriggerMatch]:
        """Trigger matches in norm[start:end] whose requires/excludes hold in that span."""
        if self._regex is None:
            return []
        out = []
        pos = start
        while (m := self._regex.search(norm, pos, end)) is not None:
            group, term = self._index[int((m.lastgroup or "g0")[1:])]
            # a rejected match hides no shorter trigger inside it ("mengklaim bertanggung
            # jawab atas serangan": the excluded accusation leaves "serangan")
            pos = m.start() + 1
            if not (self.nospace or term.startswith("*") or word_start(norm, m.start())):
                continue
            if group.requires is not None and not group.requires.search(norm, start, end):
                continue
            if group.excludes is not None and group.excludes.search(norm, start, end):
                continue
            pos = m.end()
            begin = m.start()
            if term.startswith("*") and not self.nospace:  # report the whole word
                while begin > start and not word_start(norm, begin):
                    begin -= 1
            out.append(TriggerMatch(group, term, begin, m.end()))
        return out

    def termset(self, key: str) -> TermSet:
        return self.sets.get(key) or TermSet([])


# ---------------------------------------------------------------- validation


def node_error(msg: str, path: Path, node: yaml.Node | None, fix: str) -> LexiconError:
    """A LexiconError pointing at the line of a YAML node of a language data file."""
    line = node.start_mark.line + 1 if node is not None else 1
    return LexiconError(msg, where=f"{path}:{line}", fix=fix)


def compose_yaml(text: str, path: Path) -> yaml.Node | None:
    """The YAML node tree of a language data file, None when empty (LexiconError with the
    line if invalid)."""
    try:
        return yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise LexiconError(
            f"not valid YAML: {exc}", where=f"{path}:{line}", fix="check indentation and quoting"
        ) from None


def _terms(node: yaml.Node, path: Path, what: str) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        raise node_error(f"{what} must be a list of terms", path, node, 'write ["term1", "term2"]')
    out = []
    for item in node.value:
        val = item.value if isinstance(item, yaml.ScalarNode) else None
        if not isinstance(val, str) or not val.strip("* "):
            raise node_error(f"{what}: empty or non-string term", path, item, "use a quoted word")
        if val != val.lower():
            raise node_error(f"{what}: term {val!r} is not lowercase", path, item, "lowercase it")
        if "**" in val:
            raise node_error(
                f"{what}: '**' in the term {val!r}",
                path,
                item,
                "use a single '*'",
            )
        out.append(val)
    return out


def _mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}


def parse_lexicon(text: str, path: Path, language: str | None = None) -> EventLexicon:
    """Validate and compile the YAML text of one events.yaml (raises LexiconError)."""
    root = compose_yaml(text, path)
    if not isinstance(root, yaml.MappingNode):
        raise node_error("the file must be a mapping", path, root, "see docs/events.md")
    top = _mapping(root)
    for key, (knode, _) in top.items():
        if key not in TOP_KEYS:
            raise node_error(f"unknown key {key!r}", path, knode, f"allowed: {sorted(TOP_KEYS)}")
    for key in ("language", "version", "triggers"):
        if key not in top:
            raise node_error(f"missing key {key!r}", path, root, f"add '{key}:'")
    lang = str(top["language"][1].value)
    if language is not None and lang != language:
        raise node_error(
            f"language {lang!r} does not match folder {language!r}",
            path,
            top["language"][1],
            f"set 'language: {language}'",
        )
    types = plover_types()
    groups: list[TriggerGroup] = []
    tnode = top["triggers"][1]
    if not isinstance(tnode, yaml.SequenceNode):
        raise node_error("triggers must be a list", path, tnode, "see docs/events.md")
    nospace = lang in NO_SPACE_LANGUAGES
    for item in tnode.value:
        entry = _mapping(item)
        if not entry:
            raise node_error("a trigger must be a mapping", path, item, "give type: and terms:")
        for key, (knode, _) in entry.items():
            if key not in TRIGGER_KEYS:
                raise node_error(
                    f"unknown trigger key {key!r}", path, knode, f"allowed: {sorted(TRIGGER_KEYS)}"
                )
        if "type" not in entry or "terms" not in entry:
            raise node_error("a trigger needs type and terms", path, item, "add type: and terms:")
        etype = str(entry["type"][1].value)
        if etype not in types:
            raise node_error(
                f"unknown PLOVER type {etype!r}",
                path,
                entry["type"][1],
                f"use one of {sorted(types)}",
            )
        mode = entry["mode"][1].value if "mode" in entry else None
        conf = float(entry["confidence"][1].value) if "confidence" in entry else None
        subject = str(entry["subject"][1].value) if "subject" in entry else "actor"
        if subject not in ("actor", "recipient", "host"):
            raise node_error(
                f"subject must be actor, recipient or host, not {subject!r}",
                path,
                entry["subject"][1],
                "write 'subject: recipient'",
            )
        req = (
            TermSet(_terms(entry["requires"][1], path, "requires"), nospace)
            if "requires" in entry
            else None
        )
        excl = (
            TermSet(_terms(entry["excludes"][1], path, "excludes"), nospace)
            if "excludes" in entry
            else None
        )
        groups.append(
            TriggerGroup(
                etype,
                mode or None,
                _terms(entry["terms"][1], path, "terms"),
                req,
                excl,
                conf,
                subject,
            )
        )
    sets = {k: TermSet(_terms(top[k][1], path, k), nospace) for k in LIST_KEYS if k in top}
    if "passive" in sets:
        # prefix markers ("di*": Indonesian di-passive) are checked on the trigger word itself,
        # word markers ("was", "by", "oleh") around it
        terms = sets["passive"].terms
        sets["passive_prefix"] = TermSet([t for t in terms if t.endswith("*")], nospace)
        sets["passive_word"] = TermSet([t for t in terms if not t.endswith("*")], nospace)
    casualty: dict[str, TermSet] = {}
    if "casualty_words" in top:
        cas = _mapping(top["casualty_words"][1])
        for key, (knode, vnode) in cas.items():
            if key not in CASUALTY_KEYS:
                raise node_error(
                    f"unknown casualty key {key!r}", path, knode, f"use {CASUALTY_KEYS}"
                )
            casualty[key] = TermSet(_terms(vnode, path, f"casualty_words.{key}"), nospace)
    numbers: dict[str, int | None] = {}
    if "numbers" in top:
        for knode, vnode in top["numbers"][1].value:
            val = vnode.value
            if val not in ("null", "~", "") and not str(val).isdigit():
                raise node_error(
                    f"number word {knode.value!r} needs an integer or null",
                    path,
                    vnode,
                    "write e.g. 'two: 2'",
                )
            numbers[normalize(str(knode.value))] = int(val) if str(val).isdigit() else None
    if any(g.confidence is not None for g in groups):
        # a graded lexicon marks its generic words itself: the rest are specific
        for g in groups:
            g.confidence = MULTI_WORD_CONFIDENCE if g.confidence is None else g.confidence
    lex = EventLexicon(lang, groups, sets, casualty, numbers, nospace)
    lex.compile()
    return lex


def load_lexicon_file(path: Path, language: str | None = None) -> EventLexicon:
    """Validate and compile one events.yaml file."""
    return parse_lexicon(path.read_text(encoding="utf-8"), path, language)


def load_event_lexicons(
    languages: Iterable[str] | None = None,
    lang_dir: Path = LANG_DIR,
    errors: list[LexiconError] | None = None,
) -> dict[str, EventLexicon]:
    """All shipped lexicons (or those of the given languages), validated.

    Raises LexiconError on the first invalid file, unless ``errors`` is given: then invalid
    files are skipped and their errors appended there (the pipeline keeps running).
    """
    wanted = set(languages) if languages is not None else None
    out: dict[str, EventLexicon] = {}
    for path in sorted(lang_dir.glob("*/events.yaml")):
        lang = path.parent.name
        if wanted is None or lang in wanted:
            try:
                out[lang] = load_lexicon_file(path, lang)
            except LexiconError as exc:
                if errors is None:
                    raise
                errors.append(exc)
    return out


@lru_cache(maxsize=1)
def plover_types() -> dict[str, dict[str, Any]]:
    """The 16 PLOVER types from data/plover.yaml (quad class, modes, scores)."""
    data = yaml.safe_load(PLOVER_FILE.read_text(encoding="utf-8"))
    return dict(data["types"])


def intensity(etype: str, mode: str | None) -> float | None:
    """PLOVER score of a type, refined by its mode when the manual gives one."""
    info = plover_types().get(etype)
    if info is None:
        return None
    modes = info.get("modes") or {}
    if mode and mode in modes:
        return float(modes[mode])
    return float(info["score"])
