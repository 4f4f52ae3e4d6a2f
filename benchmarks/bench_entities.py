"""Speed and memory of the entity stage.

Measures (on the dev articles in ../shared when present, else on a synthetic text):
  1. KB load + index build time (target < 2 s),
  2. KB matching + resolution alone, words/s (no spaCy mentions; target >= 50,000),
  3. English: spaCy NER alone vs spaCy NER + entity stage, ratio (target >= 0.85),
  4. peak resident memory of the process (target <= 1 GB).
Usage: .venv/bin/python benchmarks/bench_entities.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from wirewatch.model import Document

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _texts() -> list[tuple[str, str]]:
    """(language, text) pairs: the dev articles, or a synthetic fallback."""
    import json

    out: list[tuple[str, str]] = []
    for gold in sorted(SHARED.glob("corpus/gold/*.json")) + sorted(
        SHARED.glob("seeds/gold/*.json")
    ):
        lang = json.loads(gold.read_text(encoding="utf-8"))["language"]
        art = gold.parent.parent / ("articles" if "corpus" in str(gold) else "") / gold.name
        path = art.with_suffix(".txt")
        if path.exists():
            out.append((lang, path.read_text(encoding="utf-8")))
    if not out:
        out = [("en", "The US military said Kataib Hezbollah attacked a base near Baghdad. " * 400)]
    return out


def fuzzy_precision(kb: object) -> None:
    """Precision of the fuzzy step on the dev gold (needs ../shared).

    Tried: every Latin-script gold actor mention that exact matching misses; a hit is right
    when it names the gold canonical. Probe: capitalised word pairs of the articles outside
    gold mentions; every fuzzy hit there is a false positive.
    """
    import json
    import re

    from wirewatch.kb.fuzzy import FuzzyIndex
    from wirewatch.kb.index import AliasIndex

    golds = sorted(SHARED.glob("corpus/gold/*.json")) + sorted(SHARED.glob("seeds/gold/*.json"))
    if not golds:
        print("fuzzy: ../shared absent, skipped")
        return
    index, fuzzy = AliasIndex(kb), FuzzyIndex(kb)  # type: ignore[arg-type]
    tried = hits = right = probes = false_hits = 0
    for gold in golds:
        g = json.loads(gold.read_text(encoding="utf-8"))
        lang = g["language"]
        surfaces: set[str] = set()
        for ent in g["entities"]:
            for mention in ent["mentions"]:
                surfaces.add(mention)
                if not re.fullmatch(r"[A-Za-z][A-Za-z .'’-]+", mention):
                    continue
                if any(m.text == mention for m in index.match(mention, lang)):
                    continue
                tried += 1
                hit = fuzzy.lookup(mention)
                if hit is not None:
                    hits += 1
                    right += kb.entries[hit[0]].canonical == ent["canonical"]  # type: ignore[attr-defined]
        art = gold.parent.parent / ("articles" if "corpus" in str(gold) else "") / gold.name
        text = art.with_suffix(".txt").read_text(encoding="utf-8")
        for pair in re.findall(r"(?=\b([A-Z][a-z]+ [A-Z][a-z]+)\b)", text):
            if any(pair in s or s in pair for s in surfaces) or index.match(pair, lang):
                continue
            probes += 1
            false_hits += fuzzy.lookup(pair) is not None
    print(
        f"fuzzy on missed gold mentions: {hits}/{tried} answered, {right}/{hits} right; "
        f"capitalised pairs outside gold: {false_hits}/{probes} false hits"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from wirewatch.kb import load_kb
    from wirewatch.stages.entities import EntityStage

    kb = load_kb()
    stage = EntityStage(kb)
    for lang in {lang for lang, _ in _texts()}:
        stage.index.trie(lang)  # tries are built per language on first use; count them here
    print(
        f"KB load + index build: {time.perf_counter() - t0:.2f} s "
        f"({len(kb.entries)} entries, {len(kb.offices)} offices)"
    )
    t0 = time.perf_counter()
    from wirewatch.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    print(f"gazetteer load: {time.perf_counter() - t0:.2f} s")
    stage = EntityStage(kb, gaz)

    texts = _texts()
    words = sum(len(t.split()) for _, t in texts) * args.repeat
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for lang, text in texts:
            stage(Document("b", text, text=text, language=lang))
    dt = time.perf_counter() - t0
    print(f"KB matching + resolution: {words / dt:,.0f} words/s ({words:,} words)")

    from wirewatch.stages.nlp import NlpStage

    nlp = NlpStage()
    english = [Document("b", t, text=t, language="en") for lang, t in texts if lang == "en"]
    en_words = sum(len(d.text.split()) for d in english)
    t0 = time.perf_counter()
    parsed = list(nlp.pipe([Document(d.id, d.text, text=d.text, language="en") for d in english]))
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in parsed:
        stage(d)
    t_ent = time.perf_counter() - t0
    print(
        f"English: nlp {en_words / t_nlp:,.0f} words/s; nlp + entities "
        f"{en_words / (t_nlp + t_ent):,.0f} words/s; ratio {t_nlp / (t_nlp + t_ent):.3f}"
    )
    fuzzy_precision(kb)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
