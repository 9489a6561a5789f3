"""The check-worthiness model's "sentence meaning" part: a per-word table of WordLlama's token
vectors folded with the learned weights (nkterm.claims.model.Meaning).

Small model files written here (the rules of the table, not the shipped numbers); the shipped
model is checked for being a complete, loadable table when it has one. Never needs ../shared.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from nkterm.claims.model import MODEL_PATH, DocScorer, cue_features, explain, load_model, ngrams, score
from nkterm.claims.scan import tokenize

TABLE = {"taxes": (1.2, 2), "rose": (0.6, 1), "i": (-0.9, 1), "think": (-1.5, 1), "by": (0.1, 1)}


def write_model(path: Path, *, meaning: dict[str, object] | None = None) -> Path:
    data: dict[str, object] = {
        "format": 3,
        "bias": -0.5,
        "meta": {},
        "cues": {"[len:5-9]": 0.1},
        "ngrams": ["by", "rose", "taxes"],
        "weight": [0.1, 0.5, 1.0],
        "idf2": [1.0, 2.0, 4.0],
    }
    if meaning is not None:
        data["meaning"] = meaning
    path.write_text(json.dumps(data), encoding="utf-8")
    load_model.cache_clear()
    return path


def table(centre: float = -0.2) -> dict[str, object]:
    words = sorted(TABLE)
    return {
        "words": words,
        "u": [TABLE[w][0] for w in words],
        "n": [TABLE[w][1] for w in words],
        "chars": {"1": 0.05, "2": 0.07, ".": 0.01, "%": 0.3, "$": 0.2},
        "lead": 0.02,
        "centre": centre,
    }


def test_the_part_is_the_table_sum_over_the_token_count(tmp_path: Path) -> None:
    with_table = load_model(write_model(tmp_path / "m.json", meaning=table()))
    without = load_model(write_model(tmp_path / "plain.json"))
    lows = tokenize("Taxes rose by 12.1% in 2021").lows  # "in" unknown: left out
    grams, cues = ngrams(lows), cue_features(len(lows), (), (), False)
    p_with, contrib = score(with_table, grams, cues, lows)
    p_without, _ = score(without, grams, cues, lows)
    # "12.1": word start + 4 characters; "2021": no "0" among the characters, so left out
    u = 1.2 + 0.6 + 0.1 + (0.02 + 0.05 + 0.07 + 0.01 + 0.05) + 0.3
    n = 2 + 1 + 1 + 5 + 1
    # "%" is a token of its own in nkterm's tokeniser; spelt out it is word start + "%"
    assert lows == ["taxes", "rose", "by", "12.1", "%", "in", "2021"]
    u += 0.02
    n += 1
    z_without = -0.5 + (0.1 + 0.5 + 1.0) / (1 + 2 + 4) ** 0.5 + 0.1
    assert p_without == pytest.approx(1 / (1 + 2.718281828459045**-z_without), abs=1e-9)
    z_with = z_without + u / n
    assert p_with == pytest.approx(1 / (1 + 2.718281828459045**-z_with), abs=1e-9)
    assert contrib.meaning() == pytest.approx(u / n - 0.2)


def test_doc_scorer_gives_the_reference_score_with_the_table(tmp_path: Path) -> None:
    model = load_model(write_model(tmp_path / "m.json", meaning=table()))
    text = "Taxes rose by 12%. I think so. Taxes, taxes and more taxes! Nothing here"
    toks = tokenize(text)
    scorer = DocScorer(model, toks.lows)
    assert len(toks.lows) == 15
    bounds = [(0, 5), (5, 8), (8, 13), (13, 15)]
    for lo, hi in bounds:
        fast, _ = scorer.score(lo, hi, (), (), False)
        lows = toks.lows[lo:hi]
        slow, _ = score(model, ngrams(lows), cue_features(hi - lo, (), (), False), lows)
        assert fast == pytest.approx(slow, abs=1e-12), toks.lows[lo:hi]
    # no word of the table: the part adds nothing
    nothing, _ = scorer.score(13, 15, (), (), False)
    plain = load_model(write_model(tmp_path / "plain.json"))
    assert nothing == pytest.approx(DocScorer(plain, toks.lows).score(13, 15, (), (), False)[0])


def test_the_explanation_names_the_part_and_its_words(tmp_path: Path) -> None:
    model = load_model(write_model(tmp_path / "m.json", meaning=table(centre=0.0)))
    lows = tokenize("I think I think").lows
    _, contrib = score(model, ngrams(lows), set(), lows)
    cues = explain(contrib)
    meaning = [c for c in cues if c.startswith("learned: sentence meaning ")]
    assert meaning == ['learned: sentence meaning -1.20 (most: "think" -0.75, "i" -0.45)'], cues


def test_a_broken_table_falls_back_to_the_prior(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = table()
    broken["u"] = [1.0]  # fewer numbers than words
    with caplog.at_level(logging.WARNING):
        model = load_model(write_model(tmp_path / "m.json", meaning=broken))
    assert model.fallback and "meaning.u" in caplog.text


def test_the_shipped_table_is_complete() -> None:
    load_model.cache_clear()
    model = load_model(MODEL_PATH)
    assert not model.fallback
    assert model.meaning is not None
    assert len(model.meaning.table) > 20_000  # a large vocabulary, not only the training words
    assert all(n >= 1 for _, n in model.meaning.table.values())
    assert set("0123456789") <= set(model.meaning.chars)  # numbers are spelt digit by digit
    # the part moves scores: a statistic's words pull up, an opinion's down
    stat = tokenize("Unemployment fell by two million under the programme").lows
    opinion = tokenize("I think it is important for people to understand that").lows
    _, up = score(model, (), (), stat)
    _, down = score(model, (), (), opinion)
    assert up.meaning() > down.meaning()
