"""Who did what to whom, without a parser: argument order, voice and case markers.

Every language uses this route; English first tries the dependency parse
(``events_parse.dependency_roles``). See docs/events.md, "Roles".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from wirewatch.kb.loader import country_names, load_kb
from wirewatch.model import Document, Mention
from wirewatch.stages.events_lexicon import EventLexicon, normalize
from wirewatch.stages.events_markers import (
    CLAUSE_END,
    CONJUNCTIONS,
    ROMANCE_LANGUAGES,
    VERB_FINAL_CLAUSES,
    alternation,
    bare_object,
    marked_roles,
    markers,
    postposed_agent,
)

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "MILITIA", "FACILITY"})
# State armed forces act as their state (corpus convention P1/P5: "United States", "Israel").
STATE_FORCES = {
    "United States Armed Forces": "United States",
    "United States Army": "United States",
    "United States Navy": "United States",
    "United States Air Force": "United States",
    "United States Marine Corps": "United States",
    "Israel Defense Forces": "Israel",
    "Israeli Air Force": "Israel",
    "British Armed Forces": "United Kingdom",
    "Royal Air Force": "United Kingdom",
    "Islamic Republic of Iran Armed Forces": "Iran",
}
# Verb-initial languages: the speaker follows the reporting verb ("قال المتحدث ...").
VSO_LANGUAGES = frozenset({"ar"})
# Languages whose noun phrases put the possessor/adjective after the noun ("serangan AS",
# "الغارة الإسرائيلية", "frappes américaines", "удары США") and VSO Arabic.
HEAD_INITIAL_LANGUAGES = frozenset(
    {"id", "ms", "ar", "fa", "ku", "fr", "es", "it", "pt", "ru", "pl", "he"}
)
# Characters between a trigger and a following name for that name to be its agent when no
# name precedes the trigger (see positional_roles): room for an adjective or two
# ("تحریم‌های اقتصادی و مالی آمریکا"); 3 and 30 measured on the dev set, 30 kept.
ADJACENT_ACTOR_GAP = 30
# Languages whose noun phrases end in their head ("伊拉克和叙利亚的真主党旅": Iraq and Syria's
# Kataib Hezbollah), so the last name of a marked target phrase is the target.
HEAD_FINAL_TARGETS = frozenset({"zh", "ja"})
# Verb-final languages: the subject comes first in the clause, the object just before the verb.
SOV_LANGUAGES = frozenset({"fa", "tr", "hi", "ur", "bn", "ku", "ja", "ko"})
# Arguments farther than this many characters from the trigger are not its arguments
# (positional route); tuned on the dev corpus sentences.
MAX_ARG_DISTANCE = 160
CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|,\s+(?:which|who|while|but|after|before|as|when)\b")


# Labels a pronoun or a definite description can stand for.
COREF_LABELS = {
    "person": ("PERSON",),
    "group": ("MILITIA", "ORG"),
    "speaker": ("PERSON",),
    "forces": ("GPE", "ORG"),
    "government": ("GPE", "ORG"),
}
_OPEN_QUOTES = "“«„"
_CLOSE_QUOTES = "”»"


def _quote_end(text: str, s_start: int, t_start: int, s_end: int) -> int | None:
    """End of the quotation the trigger stands in (s_end when it runs on), None outside one."""
    head = text[s_start:t_start]
    opened = sum(head.count(q) for q in _OPEN_QUOTES) + head.count('"') % 2
    closed = sum(head.count(q) for q in _CLOSE_QUOTES)
    if opened <= closed:
        return None
    tail = re.search(r"[”»\"]", text[t_start:s_end])
    return t_start + tail.end() if tail else s_end


def quoted_speaker(
    doc: Document,
    norm: str,
    lex: EventLexicon | None,
    s_start: int,
    s_end: int,
    t_start: int,
    reporter: list[str] | None = None,
) -> list[str]:
    """Who speaks a quotation the trigger stands in: the name just before the opening quote
    ("الحرس الثوري قال: «نحذر ...»"), else the first one after it closes ("«...», ha
    affermato il presidente Barack Obama"; the person a pronoun there stands for: "«...»,
    a-t-il ajouté"), else ``reporter`` (the subject of a reporting verb before the quote).
    Empty outside a quotation."""
    q_end = _quote_end(doc.text, s_start, t_start, s_end)
    if q_end is None:
        return []
    head = doc.text[s_start:t_start]
    q_open = max(head.rfind(q) for q in (*_OPEN_QUOTES, '"')) + s_start
    names = actor_mentions(doc, s_start, s_end, lex, norm)
    before = [m for m in names if m.end <= q_open and q_open - m.end <= QUOTE_SPEAKER_GAP]
    rep = lex.termset("reporting") if lex is not None else None
    if before and (
        _SPEAKER_GAP.fullmatch(norm, before[-1].end, q_open)
        or (rep and rep.search(norm, before[-1].end, q_open))
    ):
        # "X said: «", "X on Sunday: «", "X warned that «" (not "X described the strike by Y
        # as «")
        return names_of(before[-1:])
    lang = lex.language if lex is not None else (doc.language or "")
    person = markers(lang).coref.get("person")
    if person is not None and person.search(norm, q_end, min(s_end, q_end + PRONOUN_GAP)):
        return names_of(_antecedents(doc, s_start, s_start, ("PERSON",))[-1:])
    after = [m for m in names if m.start >= q_end and m.start - q_end <= QUOTE_SPEAKER_GAP]
    # "», ha affermato il presidente X", "”, spokesman X told reporters": a reporting verb
    # around the name
    after = [m for m in after if rep and rep.search(norm, q_end, min(s_end, m.end + PRONOUN_GAP))]
    # (not a name inside the next quotation: '"assassination" and said it was "time for
    # American troops to leave"')
    after = [m for m in after if not _QUOTE_MARK.search(doc.text, q_end, m.start)]
    if after:
        return names_of(specific_first(after, norm)[:1])
    return reporter or []


# The speaker's name ends at most this many characters before the opening quote ("X said: «")
# or starts this close after the closing one; a pronoun standing for the speaker this close
# ("», a-t-il ajouté").
QUOTE_SPEAKER_GAP = 80
_SPEAKER_GAP = re.compile(r"[\s,:\-–—]*|[^.!?؟\"«»“”]{0,30}:\s*")
PRONOUN_GAP = 25
_QUOTE_MARK = re.compile("[" + re.escape(_OPEN_QUOTES + _CLOSE_QUOTES) + '"]')


# How far back (characters) an antecedent may be: about a paragraph.
COREF_WINDOW = 600


def _antecedents(doc: Document, s_start: int, until: int, labels: tuple[str, ...]) -> list[Mention]:
    """Resolved mentions with one of ``labels`` from COREF_WINDOW before the sentence to
    ``until``, in text order."""
    return [
        m
        for m in doc.mentions
        if s_start - COREF_WINDOW <= m.start
        and m.end <= until
        and m.label in labels
        and canonical(m)
    ]


def coref_actor(
    doc: Document, norm: str, lang: str, c_start: int, t_start: int, s_start: int
) -> list[str]:
    """'He blamed ...', 'the group announced ...': the latest fitting name before the sentence
    stands for a pronoun or definite description that is the trigger's subject."""
    mk = markers(lang)
    for kind, rx in mk.coref.items():
        if rx.search(norm, c_start, t_start) is None:
            continue
        labels = COREF_LABELS[kind]
        if kind == "speaker":
            # "“... we will take any action necessary”": the quoted speaker, named after the
            # quotation ("..., Esper said") or, when it runs on, before the sentence
            s_end = next((x.end for x in doc.sentences if x.start <= t_start < x.end), t_start)
            q_end = _quote_end(doc.text, s_start, t_start, s_end)
            if q_end is None:
                continue
            named = [
                m
                for m in doc.mentions
                if q_end <= m.start < s_end and m.label in labels and canonical(m)
            ]
            if named:
                name = canonical(named[0])
                return [name] if name else []
        # a state's forces or government may be named earlier in the same sentence
        until = t_start if kind in ("forces", "government") else s_start
        prior = _antecedents(doc, s_start, until, labels)
        if kind == "forces":  # "the forces", "the troops": a state or its armed forces
            prior = [m for m in prior if m.label == "GPE" or m.canonical in STATE_FORCES]
        if kind == "government":
            return _government_of(prior)
        if prior:
            name = canonical(prior[-1])
            return [name] if name else []
    return []


def pair_parties(doc: Document, norm: str, lang: str, s_start: int, s_end: int) -> list[str]:
    """'the talks between the two countries', 'بين البلدين', 'kedua negara': the two countries
    named last before the phrase (within about a paragraph), in text order."""
    rx = markers(lang).pair
    hit = rx.search(norm, s_start, s_end) if rx is not None else None
    if hit is None:
        return []
    names: list[str] = []
    for m in reversed(_antecedents(doc, s_start, hit.start(), ("GPE",))):
        name = canonical(m)
        if name and name not in names:
            names.append(name)
        if len(names) == 2:
            return names[::-1]
    return []


def _government_of(prior: list[Mention]) -> list[str]:
    """'the government' stands for the latest government named, else the government of the
    latest country, or of the latest body's country ("the Iraqi parliament"), that the
    knowledge base has a government entry for."""
    named = [m.canonical for m in prior if m.canonical and m.canonical.startswith("Government of")]
    if named:
        return named[-1:]
    kb, countries = load_kb(), country_names()
    for m in reversed(prior):
        entry = kb.by_canonical(m.canonical) if m.canonical else None
        country = countries.get(entry.country or "") if entry is not None else None
        government = f"Government of {country}" if country else None
        if government and kb.by_canonical(government) is not None:
            return [government]
    return []


@dataclass
class Roles:
    """The arguments of one trigger."""

    actor: list[str]
    recipient: list[str]
    reported_by: list[str]
    passive: bool = False
    speaker: list[str] = field(default_factory=list)  # who said it, material or verbal
    # the side fought against when the trigger's subject died or was hit ("killed while fighting
    # Islamic State"): the attack's actor when nothing else names one
    opponent: list[str] = field(default_factory=list)


def canonical(m: Mention) -> str | None:
    """The actor name of a mention (state forces folded into their state)."""
    name = m.canonical or None
    return STATE_FORCES.get(name, name) if name else None


def actor_mentions(
    doc: Document, start: int, end: int, lex: EventLexicon | None, norm: str
) -> list[Mention]:
    """Mentions in [start, end) that can be actors: resolved, not places, not proxies' patrons."""
    proxy_after, proxy_before = _proxy_regexes(lex)
    patron_after = _patron_after(lex)
    out = []
    for m in doc.mentions:
        if m.start < start or m.end > end or m.label not in ACTOR_LABELS or not canonical(m):
            continue
        # "Iran-backed militias", "Iranian proxies", "pro-Iran groups": an unnamed group
        if proxy_after is not None and proxy_after.match(norm, m.end):
            continue
        if proxy_before is not None and proxy_before.search(norm[max(0, m.start - 6) : m.start]):
            continue
        # "milisi yang didukung Iran", "المدعومة من إيران", "soutenues par l'Iran": the patron
        # after the proxy word (and a preposition)
        proxy_word = (
            patron_after.search(norm, max(0, m.start - 40), m.start) if patron_after else None
        )
        if proxy_word and not any(
            x.start <= proxy_word.start() < x.end for x in doc.mentions
        ):  # (not a word of a name: "ایالات متحده و بریتانیا")
            continue
        out.append(m)
    out.sort(key=lambda m: m.start)
    # "Iraqi Popular Mobilization Units", "US Secretary of State Mike Pompeo": a mention
    # directly followed by another is its modifier; the head name is the argument. Where
    # modifiers follow their noun, two adjacent names are subject and object ("هدد الحرس
    # الثوري إسرائيل", "آمریکا ایران را متهم کرد"): only a title before a person yields.
    lang = lex.language if lex is not None else (doc.language or "")
    modifier_first = lang not in HEAD_INITIAL_LANGUAGES | SOV_LANGUAGES
    return [
        m
        for i, m in enumerate(out)
        if not (
            i + 1 < len(out)
            and 0 <= out[i + 1].start - m.end <= 1
            and norm[m.end : out[i + 1].start].strip() == ""
            and (modifier_first or out[i + 1].label == "PERSON")
        )
    ]


def _proxy_regexes(
    lex: EventLexicon | None,
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    if lex is None or "proxy" not in lex.sets:
        return None, None
    return _proxy_rx(tuple(lex.sets["proxy"].terms))


@lru_cache(maxsize=64)
def _proxy_rx(terms: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    after = [t.lstrip("-").rstrip("*") for t in terms if not t.endswith("-")]
    before = [t for t in terms if t.endswith("-")]
    rx_after = (
        re.compile(r"[\s\-]?(?:{})".format("|".join(re.escape(t) for t in after)))
        if after
        else None
    )
    rx_before = (
        re.compile(r"(?:{})\s*$".format("|".join(re.escape(t) for t in before))) if before else None
    )
    return rx_after, rx_before


@lru_cache(maxsize=64)
def _patron_after_rx(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    # (not prefixes such as "pro-": "pro" would start "protes", "protesters")
    words = [t.strip("*-") for t in terms if len(t.strip("*-")) > 2 and not t.endswith("-")]
    if not words:
        return None
    # the proxy word (any ending), at most one short preposition, then the name (a one-letter
    # proclitic may be glued to it: "لإيران")
    return re.compile(rf"(?<!\w)(?:{alternation(words)})\w*(?:\s+\S{{1,4}})?\s+\S?$")


def _patron_after(lex: EventLexicon | None) -> re.Pattern[str] | None:
    # (English has the parse, and "backed by" often names a real supporter there)
    if lex is None or "proxy" not in lex.sets or lex.language == "en":
        return None
    return _patron_after_rx(tuple(lex.sets["proxy"].terms))


def opener_of(language: str) -> re.Pattern[str] | None:
    """The clause-opener pattern of a language (none for English, which has a parse and
    ``CLAUSE_BREAK``)."""
    return markers(language).clause_opener if language != "en" else None


def conjunction_of(language: str) -> re.Pattern[str] | None:
    """The pattern of a language's conjunctions that open a clause of its own (", while",
    "، فيما"); none for English (``CLAUSE_BREAK``)."""
    return markers(language).conjunction if language != "en" else None


def clause_bounds(
    norm: str,
    s_start: int,
    s_end: int,
    t_start: int,
    t_end: int,
    opener: re.Pattern[str] | None = None,
    conjunction: re.Pattern[str] | None = None,
) -> tuple[int, int]:
    """The clause around a trigger: cut at semicolons, brackets, dashes and ', which/after';
    ``opener`` (a language's clause openers, ", qui ...") also ends it after the trigger (a
    trigger inside a relative clause keeps the antecedent before it); ``conjunction`` (",
    while ...", "، فيما") also starts it before the trigger: a clause of its own."""
    left, right = s_start, s_end
    for m in CLAUSE_BREAK.finditer(norm, s_start, s_end):
        if m.end() <= t_start:
            left = m.end()
        elif m.start() >= t_end:
            right = m.start()
            break
    if conjunction is not None:
        for m in conjunction.finditer(norm, left, t_start):
            if m.end() <= t_start:
                left = m.start("word")
    cut = opener.search(norm, t_end, right) if opener is not None else None
    return left, cut.start() if cut else right


_LAST_WORD = re.compile(r"(\S+)\s*$")


# "in western Iraq", "near the northern city of": lower-case words between a locative
# preposition and the name (at most this many).
PLACE_PHRASE_WORDS = 3
_PLACE_LIST_GAP = re.compile(r"\s*,\s*$")


def in_place_phrase(doc: Document, m: Mention, lex: EventLexicon | None) -> bool:
    """'in Iraq', 'near Kirkuk', 'in western Iraq', 'in Hilla, Iraq': a place phrase, not
    the target."""
    if lex is None or "locative" not in lex.sets:
        return False
    hit = lex.sets["locative"].regex
    if hit is None:
        return False
    words = doc.text[max(0, m.start - 40) : m.start].split()[-(PLACE_PHRASE_WORDS + 1) :]
    for i in range(len(words) - 1, -1, -1):
        word = normalize(words[i])
        if hit.fullmatch(word):
            return True
        # "in Hilla, Iraq": a country after a place named in a place phrase
        if i == len(words) - 1 and word.endswith(","):
            prev = [x for x in doc.mentions if x.end <= m.start - 1 and x.start >= m.start - 40]
            if prev and prev[-1].label in PLACE_LABELS:
                gap = doc.text[prev[-1].end : m.start]
                if _PLACE_LIST_GAP.fullmatch(gap):
                    return in_place_phrase(doc, prev[-1], lex)
        if not words[i][:1].islower():  # a name or a number: no longer a modifier
            return False
    return False


PLACE_LABELS = frozenset({"GPE", "PLACE", "LOC", "FACILITY"})


def names_of(ms: list[Mention]) -> list[str]:
    out: list[str] = []
    for m in ms:
        name = canonical(m)
        if name and name not in out:
            out.append(name)
    return out


def positional_roles(
    doc: Document,
    norm: str,
    lex: EventLexicon | None,
    s_start: int,
    s_end: int,
    t_start: int,
    t_end: int,
    verbal: bool,
) -> Roles:
    """Roles from argument order around the trigger (any language)."""
    lang = lex.language if lex is not None else (doc.language or "")
    # ", der nach Angaben aus Washington an Angriffen auf US-Soldaten beteiligt war": a
    # relative or adverbial clause after the trigger holds no argument of it
    c_start, c_end = clause_bounds(
        norm, s_start, s_end, t_start, t_end, opener_of(lang), conjunction_of(lang)
    )
    found = actor_mentions(doc, s_start, s_end, lex, norm)
    marked = marked_roles(doc, norm, markers(lang), found, t_end)
    cands = [m for m in found if marked.get(id(m)) != "locative"]
    before = [
        m
        for m in cands
        if c_start <= m.start and m.end <= t_start and t_start - m.end <= MAX_ARG_DISTANCE
    ]
    after = [
        m
        for m in cands
        if m.start >= t_end
        and m.end <= c_end
        and m.start - t_end <= MAX_ARG_DISTANCE
        and not in_place_phrase(doc, m, lex)
    ]
    reported: list[Mention] = []
    rep = lex.termset("reporting") if lex else None
    speaker: list[Mention] = []
    if rep:
        said = None
        for r in rep.finditer(norm, c_start, t_start):
            said = r
        if said is not None:
            speaker = [m for m in before if m.end <= said.start()][-1:]
            if not speaker and lang in VSO_LANGUAGES:
                # "وقال مسؤولون عراقيون إن إيران تقف وراء الهجوم": the speaker follows the verb
                speaker = [m for m in before if m.start >= said.end()][:1]
        elif lang in SOV_LANGUAGES and len(before) >= 2 and rep.search(norm, t_end, s_end):
            # "Irak hükümeti, İran'ın saldırının arkasında olduğunu açıkladı": the reporting
            # verb closes the sentence, its subject opens it
            speaker = before[:1]
            if not verbal and any(marked.get(id(m)) == "actor" for m in before[1:]):
                # "Iraklı yetkililer İran'ın bir ABD üssüne saldırdığını söyledi": a source,
                # when the reported clause has a marked subject of its own (else a claim:
                # "Direniş, ABD üssüne saldırdığını açıkladı")
                reported = speaker
                before = before[1:]
    if rep and not verbal:
        # "Iraqi officials said the US struck ...": the speaker is the source, not the actor
        last = None
        for r in rep.finditer(norm, c_start, t_start):
            last = r
        # only when someone else is named between the reporting word and the trigger: "X said
        # (according to its own statement) it fired" keeps X as the actor (claims, P1)
        if last is not None and lex is not None and lex.language in VSO_LANGUAGES:
            # "أعلنت وزارة الصحة ...": the speaker follows the reporting verb
            # (and only when another name follows it: "أعلن الحرس الثوري إطلاق صواريخ" is a claim)
            spoken = [m for m in before if m.start >= last.end()]
            # (a nationality word qualifies the sources who speak, who claim nothing:
            # "أكدت مصادر أمنية عراقية سقوط 9 صواريخ")
            if len(spoken) >= 2 or (spoken and spoken[0].source == "demonym"):
                reported = spoken[:1]
                before = [m for m in before if m not in reported]
        elif last is not None and any(
            m.start >= last.end() and (lang == "en" or marked.get(id(m)) != "recipient")
            for m in before
        ):
            # ("इजरायल ने कहा कि उसने हिजबुल्लाह को निशाना बनाया": only the target follows the
            # reporting verb, so the speaker claims the act)
            reported = [m for m in before if m.end <= last.start()][-1:]
            before = [m for m in before if m.start >= last.end()]
    passive = False
    pas = lex.termset("passive_word") if lex else None
    pre = lex.termset("passive_prefix") if lex else None
    if pas or pre:
        on_trigger = bool(pre and pre.regex and pre.regex.match(norm, t_start))
        window_before = pas.search(norm, max(c_start, t_start - 12), t_start) if pas else None
        if (
            window_before is not None
            and lang != "en"
            and window_before.group(0).strip() in markers(lang).actor_words
        ):
            window_before = None  # "durch eine Militäraktion": the preposition governs the trigger
        agent = pas.search(norm, t_end, min(c_end, t_end + 25)) if pas else None
        passive = on_trigger or window_before is not None or agent is not None
        if agent is not None:
            agents = [m for m in after if m.start >= agent.end()]
            if agents:
                actor = agents[:1]
                rec = [m for m in before if m not in actor][-1:] or [
                    m for m in after if m not in actor
                ][:1]
                return Roles(
                    names_of(actor), names_of(rec), names_of(reported), True, names_of(speaker)
                )
    if (
        pas is not None
        and lang in VERB_FINAL_CLAUSES
        and len(before) >= 2
        and CLAUSE_END.fullmatch(norm, t_end, c_end)
    ):
        # "Der US-Stützpunkt wurde am Sonntag von der Kataib Hisbollah angegriffen": a passive
        # auxiliary, then an agent preposition ("von der") right before a later name
        words = list(pas.finditer(norm, before[0].end, t_start))
        by = [m for m in before[1:] if any(0 <= m.start - w.end() <= 5 for w in words)][:1]
        if by and len(words) >= 2:
            return Roles(
                names_of(by), names_of(before[:1]), names_of(reported), True, names_of(speaker)
            )
    if passive and lang != "en":
        # "अमेरिका द्वारा ... हमला किया गया", "ABD tarafından": an agent marked by a postposition
        p_actor = [m for m in before + after if marked.get(id(m)) == "actor"][:1]
        p_rec = [m for m in after + before[::-1] if marked.get(id(m)) == "recipient"][:1]
        p_rec = [m for m in p_rec if m not in p_actor] or [m for m in before if m not in p_actor][
            -1:
        ]
        return Roles(
            names_of(p_actor), names_of(p_rec), names_of(reported), True, names_of(speaker)
        )
    if passive:
        return Roles([], names_of(before[-1:]), names_of(reported), True, names_of(speaker))
    # explicit case/role markers ("X ने", "X را", "against X") beat word order
    m_actor = [m for m in before + after if marked.get(id(m)) == "actor"]
    m_rec = [m for m in after + before[::-1] if marked.get(id(m)) == "recipient"]
    head_initial = lex is not None and lex.language in HEAD_INITIAL_LANGUAGES
    postposed = postposed_agent(doc, norm, lang, after, t_end, m_rec)
    if m_actor or m_rec:
        # names after a target marker before the trigger belong to the target phrase
        # ("美国对伊拉克和叙利亚的真主党旅发动空袭": the actor is 美国, not 真主党旅)
        rec_before = [m for m in before if m in m_rec]
        limit = rec_before[0].start if rec_before else t_start
        free = [m for m in before if m not in m_rec and m.end <= limit]
        # (the subject opens a verb-final clause: "وزارت خارجه ایران حمله آمریکا به عراق را")
        bare = [m for m in free if m not in m_actor]
        subject = _forward_compound(bare, norm) if lang in SOV_LANGUAGES else free[-1:]
        actor = m_actor[:1] or postposed or subject
        if (
            lang in SOV_LANGUAGES
            and subject
            and m_actor
            and subject[0].start < m_actor[0].start
            and not _agent_marked(norm, lang, m_actor[0])
        ):
            # "İran Dışişleri Bakanlığı ABD'nin ... saldırısını kınadı": a genitive inside the
            # object phrase marks the noun's doer; the unmarked name opening the clause acts
            actor = subject
        if not actor and lang in SOV_LANGUAGES:
            # "عراق پر امریکی حملے", "इराक पर अमेरिकी हमले": after the target phrase, a
            # nationality word right before the trigger is the doer's
            actor = [
                m
                for m in before[-1:]
                if m.source == "demonym" and m not in m_rec and not norm[m.end : t_start].strip()
            ]
        if not actor and head_initial:  # "تحریم‌های آمریکا علیه ایران": genitive agent
            actor = [
                m
                for m in after[:1]
                if m not in m_rec
                and m.start - t_end <= ADJACENT_ACTOR_GAP
                and (not m_rec or m.start < m_rec[0].start)
            ]
        rec = [m for m in m_rec if m not in actor][:1]
        if lang != "en":  # "US-Soldaten" is no target of a US strike: the next one is
            taken = names_of(actor)
            rec = [m for m in m_rec if m not in actor and canonical(m) not in taken][:1]
        if lang in HEAD_FINAL_TARGETS and rec_before and not m_actor:
            # head-final noun phrases: the target is the last name of the phrase ("...的真主党旅")
            rec = [m for m in before if m.start >= limit][-1:]
        if not rec:
            rec = [m for m in after if m not in actor][:1]
        actor = apposed_heads(actor, found, norm)
        return Roles(
            names_of(actor),
            [n for n in names_of(rec) if n not in names_of(actor)],
            names_of(reported),
            False,
            names_of(speaker),
        )
    if postposed:  # "le ministre a condamné les frappes américaines"
        actor = postposed
        # (the speaker is no target: "قالت القيادة المركزية إن طائرة مسيرة أمريكية استهدفت")
        rec = [m for m in after if m not in actor][:1] or [m for m in before if m not in speaker][
            -1:
        ]
    elif (
        not before
        and after
        and lang in ROMANCE_LANGUAGES
        and bare_object(doc, norm, after[0], t_end)
    ):
        # "di invadere l'Iraq": a name with only an article after a Romance trigger is its
        # object (a genitive agent needs de/di: "les frappes des États-Unis")
        actor = []
        rec = after[:1]
    elif not before and after and after[0].start - t_end <= ADJACENT_ACTOR_GAP and head_initial:
        # nothing before the trigger: a name right after it is a genitive/adjective agent
        # ("invasi AS", "الغارة الإسرائيلية", "جنگنده‌های آمریکا و انگلیس") or a VSO subject
        actor = _forward_compound(after, norm)
        rec = [m for m in after if m not in actor][:1]
    elif lang in SOV_LANGUAGES or (
        lang in VERB_FINAL_CLAUSES
        and len(before) >= 2
        and not after
        and CLAUSE_END.fullmatch(norm, t_end, c_end)
    ):
        # "ایالات متحده و بریتانیا ... حمله"; "hatten die USA Saddam Hussein durch eine
        # Militäraktion gestürzt": a German clause ending in the predicate is verb-final
        actor = _forward_compound(before, norm)
        rec = [m for m in before if m not in actor][-1:] or after[:1]
    else:
        actor = compound_before(before, norm)
        rec = after[:1]
    rec = [
        m for m in specific_first(rec + after[1:2], norm)[:1] if canonical(m) not in names_of(actor)
    ]
    actor = apposed_heads(actor, found, norm)
    rec = [m for m in rec if canonical(m) not in names_of(actor)]
    return Roles(names_of(actor), names_of(rec), names_of(reported), False, names_of(speaker))


# A title naming a country or body after a person ("Haider al-Abadi, Iraq's prime minister",
# "Yehia Rasool, juru bicara Kementerian Pertahanan Irak") ends this close to the name.
APPOSITION_GAP = 40


def apposed_heads(actor: list[Mention], found: list[Mention], norm: str) -> list[Mention]:
    """A country or body standing in the title of a person just named is that person's
    qualifier: the person is the argument."""
    out: list[Mention] = []
    for m in actor:
        prev = [p for p in found if p.end <= m.start][-1:]
        if m.label != "PERSON" and prev and prev[0].label == "PERSON":
            gap = norm[prev[0].end : m.start]
            if (
                len(gap) <= APPOSITION_GAP
                and re.match(r"\s*[,،]", gap)
                and not re.search(r"[.;:!?؟]|\b(?:and|dan|et|und|y|e|и|و)\b", gap)
            ):
                m = prev[0]
        if m not in out:
            out.append(m)
    return out


# A country followed this closely by a named person or group is its qualifier ("Iranian
# General Soleimani", "an Iranian military officer, Major General ...").
QUALIFIER_GAP = 40


def specific_first(ms: list[Mention], norm: str) -> list[Mention]:
    """Prefer the named person/group over the country that qualifies it."""
    if len(ms) >= 2 and ms[0].label == "GPE" and ms[1].label != "GPE":
        gap = norm[ms[0].end : ms[1].start]
        if len(gap) <= QUALIFIER_GAP and not re.search(r"\band\b|[;:.]", gap):
            return [ms[1], ms[0], *ms[2:]]
    return ms


_AND = r"\s*(?:,|" + "|".join(CONJUNCTIONS) + r")\s*"


def _agent_marked(norm: str, lang: str, m: Mention) -> bool:
    """Is ``m`` marked as an agent by a preposition before it ("توسط", "by"), not by a case
    ending after it (a genitive: "ABD'nin")?"""
    rx = markers(lang).before.get("actor")
    return rx is not None and rx.search(norm, max(0, m.start - 24), m.start) is not None


def _forward_compound(after: list[Mention], norm: str) -> list[Mention]:
    """The first mention after the trigger plus names coordinated with it ("US and UK")."""
    if not after:
        return []
    out = [after[0]]
    for m in after[1:]:
        if re.fullmatch(_AND, norm[out[-1].end : m.start]):
            out.append(m)
        else:
            break
    return out


def compound_before(before: list[Mention], norm: str) -> list[Mention]:
    """The last mention before the trigger, plus its coordinated partners ("US and UK")."""
    if not before:
        return []
    out = [before[-1]]
    i = len(before) - 2
    while i >= 0:
        gap = norm[before[i].end : out[0].start]
        if gap.strip() == "," and before[i].label != out[0].label:
            break  # "Le Premier ministre irakien, Haider al-Abadi": an apposition, no list
        if re.fullmatch(r"\s*(?:,|and|und|et|y|e|dan|و|и|ve|i|en|और|এবং|ও)\s*", gap):
            out.insert(0, before[i])
            i -= 1
        else:
            break
    return out
