"""Sentences and tokens for any script; spaCy parse and NER for English."""

from __future__ import annotations

import pytest

from wirewatch.model import Document
from wirewatch.stages.nlp import segment, split_sentences, tokenize


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def english(text: str) -> Document:
    return Document(id="en", raw_text=text, text=text, language="en")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("US forces struck.", ["US", "forces", "struck", "."]),
        ("Kata'ib Hezbollah's base", ["Kata'ib", "Hezbollah's", "base"]),
        ("Al-Qaim, 25 killed", ["Al-Qaim", ",", "25", "killed"]),
        ("美国空袭", ["美", "国", "空", "袭"]),
        ("شنت الولايات المتحدة", ["شنت", "الولايات", "المتحدة"]),
        ("पश्चिमी इराक में", ["पश्चिमी", "इराक", "में"]),
        ("پایگاه‌های نظامی", ["پایگاه‌های", "نظامی"]),
    ],
    ids=["english", "apostrophes", "hyphen-comma", "chinese", "arabic", "hindi", "persian-zwnj"],
)
def test_tokenize(text, tokens):
    assert [t.text for t in tokenize(text)] == tokens


def test_token_offsets_point_into_the_text():
    text = "  The Iraqi parliament voted. "
    assert all(text[t.start : t.end] == t.text for t in tokenize(text))


def test_token_offset_is_shifted():
    (tok,) = tokenize("Iraq", offset=10)
    assert (tok.start, tok.end) == (10, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets hit the base. Two were hurt.", ["Rockets hit the base.", "Two were hurt."]),
        ("U.S. forces struck. Iraq protested.", ["U.S. forces struck.", "Iraq protested."]),
        ("Gen. Soleimani was killed.", ["Gen. Soleimani was killed."]),
        ("He met the U.S. President on Monday.", ["He met the U.S. President on Monday."]),
        ("Title line\nBody sentence.", ["Title line", "Body sentence."]),
        ("هل انتهى؟ نعم.", ["هل انتهى؟", "نعم."]),
        ("美国发动空袭。伊拉克抗议。", ["美国发动空袭。", "伊拉克抗议。"]),
        ("امریکہ نے حملہ کیا۔ ایران نے مذمت کی۔", ["امریکہ نے حملہ کیا۔", "ایران نے مذمت کی۔"]),
        # a stop glued to the next sentence, as crawled paragraphs often are
        ("bi jiran.Obama ha ricevuto", ["bi jiran.", "Obama ha ricevuto"]),
        ("أصيب آخرون بجروح.وقالت الميليشيا", ["أصيب آخرون بجروح.", "وقالت الميليشيا"]),
        ('استهدف قاعدة في "الأردن".وفي بيان', ['استهدف قاعدة في "الأردن".', "وفي بيان"]),
        ("an «attack».The ministry", ["an «attack».", "The ministry"]),
        (
            "the U.S.Army and 3.5 million at antiwar.com",
            ["the U.S.Army and 3.5 million at antiwar.com"],
        ),
        ('"We will stay." He left.', ['"We will stay."', "He left."]),
    ],
)
def test_split_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.issue(2)
@pytest.mark.parametrize(
    "text",
    [
        "Gen. Soleimani was killed.",
        "Then Mr. Pompeo spoke.",
        "M. Macron a parlé.",
        "Lt. Col. Smith led the unit.",
    ],
)
def test_title_before_a_name_does_not_end_the_sentence(text):
    # The abbreviation rule only held before a lower-case word: "Gen." + "Soleimani" split.
    assert sentences(text) == [text]


def test_empty_text_has_no_sentences():
    assert split_sentences("  \n ") == []


def test_segment_gives_consistent_token_ranges():
    text = "Rockets hit the base. Two soldiers were hurt.\n\nIraq protested."
    doc = segment(Document(id="x", raw_text=text, text=text, language="id"))
    assert len(doc.sentences) == 3
    for s in doc.sentences:
        toks = doc.tokens[s.token_start : s.token_end]
        assert toks[0].start == s.start and toks[-1].end == s.end


# ---- spaCy (English) ------------------------------------------------------------------------

ENGLISH = (
    "The US military carried out air strikes against Kataib Hezbollah in Iraq on Sunday. "
    "Iraqi Prime Minister Adel Abdul Mahdi condemned the attack in Baghdad."
)


def test_english_gets_a_parse(nlp_stage):
    doc = nlp_stage(english(ENGLISH))
    assert len(doc.sentences) == 2
    assert all(t.pos and t.dep for t in doc.tokens)
    assert all(0 <= t.head < len(doc.tokens) for t in doc.tokens)
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)


def test_a_line_break_ends_the_parsed_sentence(nlp_stage):
    # a headline without a stop is not parsed into the lead sentence
    doc = nlp_stage(
        english(
            "US Hits Iran-Backed Group With Airstrikes After Rocket Attack\n\n"
            "US forces launched airstrikes in Iraq on Thursday."
        )
    )
    lead = doc.text.index("US forces")
    assert any(s.start == lead for s in doc.sentences)
    assert all(t.start < lead for t in doc.tokens if doc.tokens[t.head].start < lead)


def test_two_spaces_after_a_stop_end_the_sentence(nlp_stage):
    text = "He was later killed by the U.S.  When the United States invaded Iraq, Dawa changed."
    doc = nlp_stage(english(text))
    assert any(s.start == text.index("When") for s in doc.sentences)


def test_a_running_line_is_not_cut(nlp_stage):
    doc = nlp_stage(english("The US military carried out\nair strikes in Iraq on Sunday."))
    assert len(doc.sentences) == 1


def test_english_ner_mentions_have_offsets(nlp_stage):
    doc = nlp_stage(english(ENGLISH))
    ner = [m for m in doc.mentions if m.source == "ner"]
    assert {m.text for m in ner} >= {"Iraq", "Baghdad"}
    assert all(doc.text[m.start : m.end] == m.text for m in ner)
    assert {m.label for m in ner} <= {"PERSON", "ORG", "GPE", "FACILITY", "PLACE", "NORP"}


def test_running_twice_does_not_duplicate(nlp_stage):
    doc = nlp_stage(nlp_stage(english(ENGLISH)))
    ner = [m for m in doc.mentions if m.source == "ner"]
    assert len(ner) == len({(m.start, m.end) for m in ner})
    assert len(doc.sentences) == 2


def test_other_languages_get_rule_segmentation(nlp_stage):
    text = "Amerika Serikat menyerang markas milisi. Irak memprotes."
    doc = nlp_stage(Document(id="id", raw_text=text, text=text, language="id"))
    assert len(doc.sentences) == 2
    assert all(t.pos == "" and t.head == -1 for t in doc.tokens)
    assert doc.mentions == []


def test_long_english_text_is_parsed_in_chunks_with_right_offsets(nlp_stage, monkeypatch):
    monkeypatch.setattr("wirewatch.stages.nlp.MAX_CHUNK_CHARS", 200)
    text = "\n".join(
        f"Paragraph {i}: rockets hit a base near Baghdad on Sunday." for i in range(12)
    )
    doc = nlp_stage(english(text))
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)
    baghdad = [m for m in doc.mentions if m.text == "Baghdad"]
    assert len(baghdad) >= 10
    assert all(doc.text[m.start : m.end] == "Baghdad" for m in baghdad)
    assert all(0 <= t.head < len(doc.tokens) for t in doc.tokens)


def test_pipe_keeps_document_order(nlp_stage):
    inputs = [
        english(f"Story {i} happened in Iraq.")
        if i % 2
        else Document(id=f"x{i}", raw_text="Irak.", text="Irak.", language="id")
        for i in range(5)
    ]
    for i, d in enumerate(inputs):
        d.id = f"x{i}"
    out = list(nlp_stage.pipe(inputs, batch_size=2))
    assert sorted(d.id for d in out) == [f"x{i}" for i in range(5)]
    assert all(d.sentences for d in out)
