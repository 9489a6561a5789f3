"""Train the check-worthiness weights in nkterm/data/claims_model.json.

Data: the CLEF-2024 CheckThat! Task 1 English train split (ClaimBuster debate sentences) in
../shared/claims/ct24-checkworthy-train-dev/ (override with --data). It is third-party data: it is
read here and never copied into the repository; only the learned weights are written.

Model: logistic regression over the binary features of ``nkterm.claims.model.features`` (words,
word pairs, the cue rules that fired), fitted in pure Python with AdaGrad and a uniform L2
penalty, fixed seed, so a rerun gives the same file. A few genre priors (``PRIORS`` below) are
stored beside the learned weights and added to them at load. The L2 strength and the decision
threshold are chosen by 5-fold cross-validation on train (F1 of the Yes class); the threshold is
folded into the bias so that score >= 0.5 means check-worthy. The dev split is only read to print a sanity check (priors
included); no weight is fitted on it.

    .venv/bin/python scripts/train_claims.py            # train, write the model, print CV and dev F1
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nkterm.claims.model import MODEL_FORMAT, MODEL_PATH  # noqa: E402
from nkterm.claims.pipeline import sentence_features  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "claims" / "ct24-checkworthy-train-dev"
TRAIN = "CT24_checkworthy_english_train.tsv"
DEV = "CT24_checkworthy_english_dev.tsv"
SEED = 20240611
EPOCHS = 10
LEARNING_RATE = 0.2
MIN_COUNT = 5  # rarer features barely generalise, and leaving them out keeps the file small
L2_GRID = (1.0, 3.0, 10.0)
FOLDS = 5
KEEP_MIN_WEIGHT = 0.1  # smaller weights barely move a score (CV F1 -0.001)
# Genre priors, added to the learned weights after training (never during it, where the data
# would pull them back). The debate data see these cues rarely or in another sense; in news and
# travel prose they decide whether a sentence is a fact worth checking:
# - [rule:restriction]: a rule laid on people ("travellers must stick to their tour group",
#   "they can only call inside North Korea"). Debaters state policies ("we must"); the
#   restrictions of a country barely occur in train (dev: 11 sentences, 1 Yes).
# - [experience:testimony]: first-person testimony with a quantity or a place ("I lived and
#   taught English in Seoul for 18 months"). ClaimBuster labels a candidate's own biography
#   "unimportant factual" (No); in a first-hand account it is the evidence a reader checks.
# - [stance:intention], [stance:evaluation], [stance:feeling]: what someone means to do, how they
#   rate it or how they feel ("his intention ... was to spread some positivity", "his favourite
#   part of the trip", "he was intimidated by all the police") is not a fact; the debate data
#   learn it from "I want"/"I believe", and these cues alone only weakly (-0.2 to -0.6).
# The priors are large (2-2.5 logits) because they overrule the data for these cues; they cost
# 0.01-0.02 dev F1, measured by benchmarks/claims_eval.py (docs/claims.md has the figures).
PRIORS: dict[str, float] = {
    "[rule:restriction]": 2.5,
    "[experience:testimony]": 2.5,
    "[stance:intention]": -2.0,
    "[stance:evaluation]": -2.0,
    "[stance:feeling]": -2.0,
}
_JOINED = re.compile(r"^(Yes|No)(\d+)$")


def load_split(path: Path) -> list[tuple[str, int]]:
    """(sentence, 1 for Yes / 0 for No). Splits the train line that holds two records."""
    rows: list[tuple[str, int]] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        assert header[:3] == ["Sentence_id", "Text", "class_label"], header
        for row in reader:
            if not row:
                continue
            while len(row) >= 5 and _JOINED.match(row[2]):  # "... No29286 <text> No"
                joined = _JOINED.match(row[2])
                assert joined is not None
                rows.append((row[1], int(joined.group(1) == "Yes")))
                row = [joined.group(2), *row[3:]]
            if len(row) != 3 or row[2].strip() not in ("Yes", "No"):
                raise ValueError(f"{path.name}: unexpected row {row!r}")
            rows.append((row[1], int(row[2].strip() == "Yes")))
    return rows


def featurize(rows: list[tuple[str, int]]) -> list[tuple[list[str], int]]:
    return [(sorted(sentence_features(text)), y) for text, y in rows]


def fit(
    data: list[tuple[list[int], int]], n_features: int, l2: float, seed: int
) -> tuple[float, list[float]]:
    """Logistic regression by AdaGrad over shuffled examples with a uniform L2 penalty.

    The penalty is applied lazily, when a weight is touched, in ``l2 / count`` steps, so that
    every weight is shrunk by the same ``l2 * w`` per epoch whatever its feature's frequency. A
    plain per-touch penalty would shrink common features most and leave a word seen six times
    free to take a weight of -1 ("video": six debate sentences, five of them No)."""
    rng = random.Random(seed)
    counts = [0] * n_features
    for feats, _ in data:
        for f in feats:
            counts[f] += 1
    shrink = [l2 / c if c else 0.0 for c in counts]
    w = [0.0] * n_features
    g2 = [1e-8] * n_features
    b, bg2 = 0.0, 1e-8
    order = list(range(len(data)))
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            feats, y = data[i]
            z = b
            for f in feats:
                z += w[f]
            z = max(-30.0, min(30.0, z))
            g = 1.0 / (1.0 + math.exp(-z)) - y
            bg2 += g * g
            b -= LEARNING_RATE * g / math.sqrt(bg2)
            for f in feats:
                gf = g + shrink[f] * w[f]
                g2[f] += gf * gf
                w[f] -= LEARNING_RATE * gf / math.sqrt(g2[f])
    return b, w


def predict(b: float, w: list[float], feats: list[int]) -> float:
    z = b
    for f in feats:
        z += w[f]
    return z


def f1_at(logits: list[float], ys: list[int], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for z, y in zip(logits, ys, strict=True) if z >= threshold and y)
    fp = sum(1 for z, y in zip(logits, ys, strict=True) if z >= threshold and not y)
    fn = sum(1 for z, y in zip(logits, ys, strict=True) if z < threshold and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def best_threshold(logits: list[float], ys: list[int]) -> tuple[float, float]:
    best = (0.0, 0.0)
    for k in range(-30, 31):
        t = k / 10.0
        f1 = f1_at(logits, ys, t)[0]
        if f1 > best[0]:
            best = (f1, t)
    return best[1], best[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    train_rows = load_split(args.data / TRAIN)
    dev_rows = load_split(args.data / DEV)
    print(f"train {len(train_rows)} rows ({sum(y for _, y in train_rows)} Yes), dev {len(dev_rows)}")
    train = featurize(train_rows)
    counts = Counter(f for feats, _ in train for f in feats)
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    data = [([index[f] for f in feats if f in index], y) for feats, y in train]
    print(f"{len(vocab)} features seen >= {MIN_COUNT} times; featurised in {time.perf_counter() - t0:.1f}s")

    folds = [i % FOLDS for i in range(len(data))]
    random.Random(SEED).shuffle(folds)
    ys = [y for _, y in data]
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)  # (cv f1, l2, threshold)
    for l2 in L2_GRID:
        logits = [0.0] * len(data)
        for k in range(FOLDS):
            part = [d for d, fk in zip(data, folds, strict=True) if fk != k]
            b, w = fit(part, len(vocab), l2, SEED + k)
            for i, (feats, _) in enumerate(data):
                if folds[i] == k:
                    logits[i] = predict(b, w, feats)
        t, f1 = best_threshold(logits, ys)
        f1_half = f1_at(logits, ys, 0.0)[0]
        print(f"l2={l2:g}: CV F1 {f1:.3f} at logit threshold {t:+.1f} (F1 {f1_half:.3f} at 0.5)")
        if f1 > best[0]:
            best = (f1, l2, t)
    cv_f1, l2, threshold = best
    b, w = fit(data, len(vocab), l2, SEED)
    b -= threshold  # score >= 0.5 now means logit >= threshold: the CV-chosen operating point
    weights = {f: round(w[i], 2) for i, f in enumerate(vocab) if abs(w[i]) >= KEEP_MIN_WEIGHT}

    dev = featurize(dev_rows)
    scored = dict(weights)
    for f, prior in PRIORS.items():
        scored[f] = scored.get(f, 0.0) + prior
    dev_logits = [b + sum(scored.get(f, 0.0) for f in feats) for feats, _ in dev]
    dev_f1, dev_p, dev_r = f1_at(dev_logits, [y for _, y in dev], 0.0)
    meta = {
        "trained_on": f"{TRAIN} (CLEF-2024 CheckThat! Task 1 English, ClaimBuster debates)",
        "rows": len(train_rows),
        "features_kept": len(weights),
        "l2": l2,
        "cv_f1": round(cv_f1, 4),
        "threshold_logit": threshold,
        "seed": SEED,
        "epochs": EPOCHS,
        "dev_f1_sanity": round(dev_f1, 4),
        "priors": "genre priors, added to the learned weights at load: see scripts/train_claims.py",
    }
    model = {
        "format": MODEL_FORMAT,
        "bias": round(b, 4),
        "meta": meta,
        "priors": dict(sorted(PRIORS.items())),
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    size = args.out.stat().st_size
    print(f"chosen l2={l2:g}, threshold {threshold:+.1f}, CV F1 {cv_f1:.3f}")
    print(f"dev (sanity, single-span features): F1 {dev_f1:.3f}  P {dev_p:.3f}  R {dev_r:.3f}")
    print(
        f"wrote {args.out} ({len(weights)} weights, {size / 1024:.0f} KB) in {time.perf_counter() - t0:.0f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
