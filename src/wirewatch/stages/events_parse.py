"""Roles from the spaCy dependency parse in ``doc.tokens`` (English; docs/events.md, "Roles")."""

from __future__ import annotations

from bisect import bisect_left

from wirewatch.model import Document, Mention, Token
from wirewatch.stages.events_lexicon import EventLexicon
from wirewatch.stages.events_roles import (
    Roles,
    actor_mentions,
    canonical,
    compound_before,
    names_of,
    specific_first,
)

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "iobj", "dative", "attr", "oprd"})
# ("for" was dropped: "retaliate for the Jordan attack", "blamed X for attacks" name a cause;
# dev set strict F1 en 0.251 -> 0.258, PLOVER GSR recipient accuracy unchanged at 0.85)
TARGET_PREPS = frozenset(
    {"on", "against", "at", "targeting", "to", "with", "of", "into", "including"}
)
# Target prepositions that name a target only when no stronger one does ("imposed sanctions on
# KH for supporting the IRGC": on KH wins over for ...); found on the dev-set error list.
# ("a timetable for the withdrawal of all foreign troops, including those from the US": the
# parser hangs "including" on the trigger)
WEAK_PREPS = frozenset({"to", "with", "of", "including"})
# A noun trigger under these prepositions is a time adjunct of another clause ("after a US strike
# that killed X, the mission was suspended"): its roles do not come from that clause's verb.
ADJUNCT_PREPS = frozenset({"after", "before", "following", "since", "during", "amid", "until"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp"})
# Words for fighting: "killed while fighting X" / "died during an operation against X" makes X
# the attack's actor (corpus convention, P1); from the dev-set error list.
FIGHT_LEMMAS = frozenset({"fight", "battle", "combat", "operation", "clash", "offensive", "raid"})
# Relative pronouns standing for the head noun of their clause.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
NOUN_MOD_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
# "X (, which is) responsible for the bombing", "X is behind the attack": X claims or is blamed
# as the act's author (corpus convention: a claimed attack's actor is the claimant).
AUTHOR_HEADS = frozenset({"responsible", "behind"})
# "killed in a drone attack attributed to KH": the participle's "to" object is the author.
ATTRIBUTE_LEMMAS = frozenset({"attribute", "ascribe"})
# The dependents of a demand that say what is demanded ("urged Iraq to prosecute those
# responsible"); its subject, conjuncts and time adjuncts are not.
DEMAND_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "obj", "oprd", "pobj"})


def covered_tokens(toks: list[Token], tok_starts: list[int], start: int, end: int) -> list[int]:
    """Indices of the tokens inside [start, end) (``tok_starts``: the tokens' start offsets)."""
    i = bisect_left(tok_starts, start)
    out = []
    while i < len(toks) and toks[i].end <= end:
        out.append(i)
        i += 1
    return out


def dependency_roles(
    doc: Document,
    norm: str,
    lex: EventLexicon | None,
    s_start: int,
    s_end: int,
    t_start: int,
    t_end: int,
    verbal: bool,
    tok_starts: list[int] | None = None,
    demand: bool = False,
) -> Roles | None:
    """Roles from the dependency parse (English); None when the parse gives nothing.
    ``demand``: the trigger asks something of someone (REQUEST)."""
    toks = doc.tokens
    if tok_starts is None:
        tok_starts = [t.start for t in toks]
    idx = covered_tokens(toks, tok_starts, t_start, t_end)
    if not idx or toks[idx[0]].head < 0:
        return None
    span = set(idx)
    trig = next((i for i in idx if toks[i].head not in span or toks[i].head == i), idx[-1])
    children: dict[int, list[int]] = {}
    lo = min(idx)
    while lo > 0 and toks[lo - 1].start >= s_start:
        lo -= 1
    hi = max(idx)
    while hi + 1 < len(toks) and toks[hi + 1].end <= s_end:
        hi += 1
    for i in range(lo, hi + 1):
        h = toks[i].head
        if h != i and lo <= h <= hi:
            children.setdefault(h, []).append(i)
    cands = actor_mentions(doc, s_start, s_end, lex, norm)
    if lex is not None and "proxy" in lex.sets:
        cands = _subjects_back(doc, norm, cands, tok_starts, s_start, s_end)

    def subtree(i: int) -> list[int]:
        out: list[int] = []
        stack = [i]
        while stack and len(out) < 400:
            j = stack.pop()
            out.append(j)
            stack.extend(children.get(j, []))
        return out

    def phrase(i: int) -> list[int]:
        """The subtree without its clauses (relative, adverbial, complement)."""
        out: list[int] = []
        stack = [i]
        while stack and len(out) < 400:
            j = stack.pop()
            out.append(j)
            stack.extend(c for c in children.get(j, []) if toks[c].dep not in CLAUSE_DEPS)
        return out

    def mentions_in(ids: list[int]) -> list[Mention]:
        if not ids:
            return []
        spans = [(toks[j].start, toks[j].end) for j in ids]
        return [m for m in cands if any(a < m.end and m.start < b for a, b in spans)]

    def conjuncts(root: int) -> list[int]:
        """``root`` and the heads coordinated with it ("A, B and C": C hangs on B; the parser
        often takes B for an apposition of A, which then has a conjunct of its own)."""
        out = [root]
        for h in out:
            if len(out) > 12:
                break
            out.extend(
                c
                for c in children.get(h, [])
                if toks[c].dep == "conj"
                or (
                    toks[c].dep == "appos"
                    and any(toks[g].dep == "conj" for g in children.get(c, []))
                )
            )
        return out

    def first(ms: list[Mention]) -> list[Mention]:
        return compound_before(ms, norm) if ms else []

    def arg(roots: list[int]) -> list[Mention]:
        """Mentions naming the argument headed by each root: the head's own name (plus
        coordinated names), not names inside its modifiers ("US troops in Iraq" -> US)."""
        out: list[Mention] = []
        for root in roots:
            heads = conjuncts(root)
            own = [m for h in heads for m in mentions_in([h])]
            if not own:
                # "the Kata'ib Hezbollah (KH) militia, a branch of the Iraqi security forces": a
                # name compounded with the head noun names it before any apposition does
                own = mentions_in(
                    [
                        j
                        for c in children.get(root, [])
                        if toks[c].dep in ("compound", "nmod") and c < root
                        for j in subtree(c)
                    ]
                )
            if not own:
                # "Kerry's predecessor ..., Hillary Clinton" / "a senior officer, Major General
                # Suleimani": a name in apposition names the argument, not its modifiers
                own = mentions_in(
                    [j for a in phrase(root) if toks[a].dep == "appos" for j in subtree(a)]
                )[:1]
            if not own:
                skip = {
                    j
                    for c in children.get(root, [])
                    if toks[c].dep in ("prep", "relcl", "acl", "appos")
                    for j in subtree(c)
                }
                own = mentions_in([j for j in subtree(root) if j not in skip])
            out.extend(m for m in own if m not in out)
        return sorted(out, key=lambda m: m.start)

    def infinitive(v: int) -> bool:
        """A purpose clause ("called Saleh to deliver an ultimatum")."""
        return toks[v].dep == "advcl" and any(
            toks[c].dep == "aux" and toks[c].text.lower() == "to" for c in children.get(v, [])
        )

    def conj(h: int) -> bool:
        return toks[h].dep == "conj"

    def subject_of(v: int) -> list[Mention]:
        """The subject of a clause, through conj/attr/acomp/xcomp/acl links; a relative
        pronoun ("..., which is responsible for") stands for the noun its clause modifies."""
        for _ in range(5):
            subj = [c for c in children.get(v, []) if toks[c].dep in SUBJECT_DEPS]
            if subj:
                if toks[v].dep == "relcl" and toks[subj[0]].text.lower() in RELATIVE_PRONOUNS:
                    return arg([toks[v].head])
                return arg(subj)
            if toks[v].dep in ("acl", "appos"):
                return arg([toks[v].head])  # "the militias, believed to be responsible""
            if toks[v].dep not in ("conj", "attr", "acomp", "xcomp") or toks[v].head == v:
                return []
            v = toks[v].head
        return []

    actor: list[Mention] = []
    rec: list[Mention] = []
    passive = False

    verb = trig
    pos = toks[trig].pos
    if pos in ("NOUN", "PROPN"):
        mods = [
            c
            for c in children.get(trig, [])
            if toks[c].dep in NOUN_MOD_DEPS and toks[c].start < toks[trig].start
        ]
        actor = mentions_in([j for c in mods for j in subtree(c)])
        verb = toks[trig].head if toks[trig].dep in OBJECT_DEPS | {"pobj"} else trig
        if toks[trig].dep == "pobj":
            prep = toks[trig].head
            adjunct = toks[prep].text.lower() in ADJUNCT_PREPS
            verb = trig if adjunct else toks[prep].head
        if toks[trig].dep == "pobj" and not actor:
            prep = toks[trig].head
            word = toks[prep].text.lower()
            if word in AUTHOR_HEADS or toks[toks[prep].head].text.lower() in AUTHOR_HEADS:
                # "the Dawa party, which is responsible for the 1983 bombing of ..."
                h = prep if word in AUTHOR_HEADS else toks[prep].head
                actor = subject_of(toks[h].head if word in AUTHOR_HEADS else h)

        for c in children.get(trig, []):
            if toks[c].dep == "prep" and toks[c].text.lower() == "between" and not actor:
                # "the 2008 accord between Maliki and President Bush": both parties act
                actor = arg([p for p in children.get(c, []) if toks[p].dep == "pobj"])
            if toks[c].dep == "prep" and toks[c].text.lower() == "from" and not actor:
                # "a visit to Tehran from President Abe": a person or body sends it (a country
                # after "from" is usually where rockets came from)
                pobj = [p for p in children.get(c, []) if toks[p].dep == "pobj"]
                actor = [m for m in arg(pobj) if m.label in ("PERSON", "ORG")]
            if toks[c].dep == "relcl" and toks[c].pos == "VERB":
                # "a US air strike that killed General Suleimani": the clause's object
                rec = rec or [
                    m
                    for o in children.get(c, [])
                    if toks[o].dep in ("dobj", "obj")
                    for m in arg([o])
                ]

    def obj(c: int) -> list[Mention]:
        """The argument under an object or a target preposition."""
        if toks[c].dep == "prep":
            pobj = [p for p in children.get(c, []) if toks[p].dep == "pobj"]
            if not pobj:
                return []  # "for supporting X": a reason clause, not a target
            return arg(pobj) or loose(c)
        return arg([c]) or loose(c)

    def loose(c: int) -> list[Mention]:
        """Any name in the object, last inside a clause of its own, never in a relative clause
        ("against militia members believed to be behind an attack that killed British troops"
        names no target)."""
        ids = subtree(c)
        relative = {j for i in ids if toks[i].dep == "relcl" for j in subtree(i)}
        return mentions_in(phrase(c)) or mentions_in([j for j in ids if j not in relative])

    # arguments of every token of a multi-word trigger ("reaffirmed US support | for Iraq"),
    # the words inside the trigger itself last
    kids = [c for i in [trig, *sorted(span - {trig})] for c in children.get(i, [])]

    def weak(c: int) -> bool:
        return toks[c].dep == "prep" and toks[c].text.lower() in WEAK_PREPS

    for c in sorted(kids, key=lambda c: (weak(c), c in span)):
        if (toks[c].dep == "prep" and toks[c].text.lower() in TARGET_PREPS) or toks[
            c
        ].dep in OBJECT_DEPS:
            rec = rec or obj(c)
    if not rec and demand:
        # "we want to see the government of Iraq do more", "calling for Iraq to review its
        # ties": the one asked is the subject of the demanded act
        for c in sorted(kids):
            if c > trig and c not in span and toks[c].dep in ("ccomp", "xcomp", "advcl"):
                subj = [k for k in children.get(c, []) if toks[k].dep in SUBJECT_DEPS]
                rec = rec or arg(subj)
    if not rec and pos in ("NOUN", "PROPN") and toks[trig].dep in SUBJECT_DEPS:
        # "Protesters were burning US flags": the noun is the doer, its verb's object the target
        # (the object's own names only: "a gunship launched strikes in Iraq" targets no Iraq)
        for c in children.get(toks[trig].head, []):
            if toks[c].dep in OBJECT_DEPS - {"attr"}:
                rec = rec or arg([c])
            elif toks[c].dep == "prep" and toks[c].text.lower() in TARGET_PREPS:
                rec = rec or obj(c)
    if rec and all(t_start <= m.start < t_end for m in rec):
        # "reaffirmed US support for Iraq's efforts": only a name inside the trigger so far;
        # a "for" object of the trigger's noun names the beneficiary
        fors = [c for i in span for c in children.get(i, []) if toks[c].text.lower() == "for"]
        rec = [m for c in fors if toks[c].dep == "prep" for m in obj(c)][:1] or rec
    for c in children.get(trig, []) if not actor else []:
        if toks[c].dep in ("advcl", "acl") and toks[c].lemma.lower() in ATTRIBUTE_LEMMAS:
            # "killed in a drone attack ..., attributed to Kataib Hezbollah"
            to = [p for p in children.get(c, []) if toks[p].text.lower() in ("to", "on")]
            actor = [m for p in to if toks[p].dep == "prep" for m in obj(p)][:1]

    by_agent = [
        j
        for c in subtree(trig)
        if toks[c].dep in ("prep", "agent") and toks[c].text.lower() == "by"
        for j in subtree(c)
    ]
    if (
        toks[trig].pos == "VERB"
        and toks[trig].dep in ("advcl", "acl")
        and by_agent
        and not any(toks[c].dep in SUBJECT_DEPS for c in children.get(trig, []))
    ):
        # "Designated as a terrorist organisation by the US, KH is ...": a passive participle;
        # the "by" phrase acts, the main clause's subject is the target
        head = toks[trig].head
        actor = actor or mentions_in(by_agent)
        rec = arg([c for c in children.get(head, []) if toks[c].dep in SUBJECT_DEPS]) or rec
        passive = True
        verb = -1
    # climb xcomp/conj/relcl chains to the verb that has the subject
    control = False
    coord: list[Mention] = []
    for _ in range(4 if verb >= 0 else 0):
        kids = children.get(verb, [])
        subj = [c for c in kids if toks[c].dep in SUBJECT_DEPS]
        psubj = [c for c in kids if toks[c].dep in PASSIVE_SUBJECT_DEPS]
        if psubj:
            passive = True
            rec = rec or arg(psubj)
            relative = any(toks[c].text.lower() in RELATIVE_PRONOUNS for c in psubj)
            if not rec and toks[verb].dep == "relcl" and relative:
                # "Soleimani, who was killed by the US": the head noun is the target
                rec = arg([toks[verb].head])
            agents = [c for c in kids if toks[c].dep == "agent"]
            actor = actor or mentions_in([j for c in agents for j in subtree(c)])  # by + pobj
            break
        if subj:
            heads = [h for r in subj for h in conjuncts(r)]
            coord = [] if actor else mentions_in(heads)
            actor = actor or arg(subj)
            break
        if toks[verb].dep == "acl" and toks[verb].pos == "VERB" and not actor:
            # "After the death of General Suleimani, the Iraqi parliament called for ...", the
            # parser making "called" a clause of "parliament": a verb modifying a named noun
            # with no agent, infinitive or conjunction of its own is that noun's act
            own = {toks[c].dep for c in kids} | {
                toks[c].text.lower() for c in kids if toks[c].dep in ("aux", "prep")
            }
            if not own & {"agent", "mark", "to", "by"}:
                actor = mentions_in([toks[verb].head])
                if actor:
                    break
        if (
            toks[verb].dep in ("xcomp", "conj", "advcl", "acl", "pcomp", "prep")
            and toks[verb].head != verb
        ):
            control = control or toks[verb].dep == "xcomp" or infinitive(verb)
            verb = toks[verb].head
            continue
        if verbal and toks[verb].dep in ("dobj", "pobj") and toks[verb].head != verb:
            # "Mahdi described the strike authorized by Trump as a 'political assassination'":
            # a speech act in a participle clause of the object is the main verb's subject's
            verb = toks[verb].head
            continue
        if toks[verb].dep == "relcl":
            actor = actor or mentions_in([toks[verb].head])
        break
    if not rec and verb >= 0:
        for c in children.get(verb, []):
            if c in span or c == trig:
                continue  # the trigger's own subtree was searched above (only target preps)
            if toks[c].dep in OBJECT_DEPS or (
                toks[c].dep == "prep" and toks[c].text.lower() in TARGET_PREPS
            ):
                # "Pompeo called Saleh to deliver an ultimatum": the object of the verb whose
                # complement holds the trigger is its target, wherever it stands
                ms = [m for m in obj(c) if m.start >= t_start or control]
                if ms:
                    rec = ms
                    break
    reported: list[Mention] = []
    speaker: list[Mention] = []
    head = toks[verb].head if verb >= 0 else -1
    if verb >= 0 and toks[verb].dep == "ccomp" and lo <= head <= hi:
        subj = [c for c in children.get(head, []) if toks[c].dep in SUBJECT_DEPS]
        speaker = arg(subj)
        reported = [] if verbal else speaker
    opponent: list[Mention] = []
    if verb >= 0 and toks[verb].pos == "VERB":
        for c in children.get(verb, []):
            if toks[c].dep not in ("advcl", "prep") or c in span:
                continue
            for f in phrase(c)[:40]:
                if toks[f].lemma.lower() not in FIGHT_LEMMAS:
                    continue
                for o in children.get(f, []):
                    if toks[o].dep in ("dobj", "obj"):
                        opponent = opponent or arg([o]) or mentions_in(subtree(o))
                    elif toks[o].dep == "prep" and toks[o].text.lower() == "against":
                        opponent = opponent or obj(o)
    if not actor and not rec and not opponent:
        return None
    # a name inside the trigger ("reaffirmed US support for Iraq") is the last resort
    rec = [m for m in rec if not t_start <= m.start < t_end] + [
        m for m in rec if t_start <= m.start < t_end
    ]
    rec = specific_first(rec, norm)
    actor = [m for m in actor if not t_start <= m.start < t_end] or actor
    # "President Biden and Prime Minister Sudani met": coordinated subjects all act
    actor = coord if len(coord) > 1 and all(m in coord for m in actor) else first(actor)
    names = names_of(actor)
    rec = [m for m in rec if canonical(m) not in names][:1]
    return Roles(
        names,
        names_of(rec),
        names_of(reported[:1]),
        passive,
        names_of(speaker[:1]),
        [n for n in names_of(first(opponent)) if n not in names],
    )


def _subjects_back(
    doc: Document,
    norm: str,
    cands: list[Mention],
    tok_starts: list[int],
    s_start: int,
    s_end: int,
) -> list[Mention]:
    """Put back names dropped as proxies' patrons ("Iran-backed") that are in fact the subject
    of the verb right after them ("President Biden supported future cooperation")."""
    toks = doc.tokens
    have = {id(m) for m in cands}
    out = list(cands)
    for m in actor_mentions(doc, s_start, s_end, None, norm):
        if id(m) in have:
            continue
        i = bisect_left(tok_starts, m.end) - 1
        nxt = i + 1
        if (
            i >= 0
            and nxt < len(toks)
            and toks[i].dep in SUBJECT_DEPS
            and toks[i].head == nxt
            and toks[nxt].pos in ("VERB", "AUX")
        ):
            out.append(m)
    return sorted(out, key=lambda m: m.start) if len(out) > len(cands) else cands


def demanded_tokens(
    toks: list[Token], tok_starts: list[int], s_start: int, s_end: int, t_start: int, t_end: int
) -> set[int]:
    """Token indices of what a demand trigger at [t_start, t_end) asks for: the subtrees of its
    complements after it (objects, clauses, "for"/"on" phrases); empty without a parse."""
    span = covered_tokens(toks, tok_starts, t_start, t_end)
    if not span or toks[span[0]].head < 0:
        return set()
    lo, hi = bisect_left(tok_starts, s_start), bisect_left(tok_starts, s_end)
    children: dict[int, list[int]] = {}
    for j in range(lo, hi):
        if toks[j].head != j:
            children.setdefault(toks[j].head, []).append(j)
    stack = [
        j
        for h in span
        for j in children.get(h, [])
        if j not in span and j > span[0] and _demand_complement(toks, children, span, j)
    ]
    roots = set(stack)
    out: set[int] = set()
    while stack:
        i = stack.pop()
        out.add(i)
        stack.extend(j for j in children.get(i, []) if _inside_demand(toks, children, i, j, roots))
    return out


def _demand_complement(
    toks: list[Token], children: dict[int, list[int]], span: list[int], j: int
) -> bool:
    """Does dependent ``j`` of a demand trigger say what is demanded? Its objects and clauses,
    a "for"/"on" phrase, an adverbial clause introduced by the trigger's own word ("calling
    for Iraq to review its ties")."""
    dep = toks[j].dep
    if dep == "prep":
        return toks[j].text.lower() in ("for", "on")
    if dep == "advcl":
        return not any(toks[k].dep == "mark" and k not in span for k in children.get(j, []))
    return dep in DEMAND_CONTENT_DEPS


def _inside_demand(
    toks: list[Token], children: dict[int, list[int]], head: int, j: int, roots: set[int]
) -> bool:
    """Is token ``j`` (a dependent of ``head``) still part of the demanded act? Not a time
    adjunct ("after the strike that killed X"), not a subordinate clause with its own
    conjunction, not a second verb joined to the demand's complement ("demanded that Iraq
    pay and threatened sanctions", as the parser often attaches it)."""
    dep = toks[j].dep
    if dep == "prep":
        return toks[j].text.lower() not in ADJUNCT_PREPS
    if dep == "advcl":  # "do more to investigate": an infinitive of purpose is content
        return not any(toks[k].dep == "mark" for k in children.get(j, []))
    return not (dep == "conj" and head in roots)
