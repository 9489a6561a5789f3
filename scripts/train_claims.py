"""Train the check-worthiness model in nkterm/data/claims_model.json.

Data: the CLEF-2024 CheckThat! Task 1 English train split (ClaimBuster debate sentences) in
../shared/claims/ct24-checkworthy-train-dev/ (override with --data). It is third-party data: it is
read here and never copied into the repository; only the learned weights are written.

Model: scikit-learn logistic regression over TF-IDF word n-grams (binary TF, L2-normalised; the
n-grams of ``nkterm.claims.model.ngrams``) and the binary cue features of
``nkterm.claims.model.cue_features`` (the cue rules that fired, the kinds, length, question).
Every choice — the regularisation C, class weighting, whether the cue features are used, the
minimum document frequency — and the decision threshold are chosen by stratified 5-fold
cross-validation on train (F1 of the Yes class, out-of-fold scores). The threshold is folded into
the bias so that score >= 0.5 means check-worthy. The dev split is read once, after every choice
is made, and only printed. The exported file is scored at runtime in pure Python.

scikit-learn is a training-time dependency only (``pip install -e '.[train]'``).

    .venv/bin/python scripts/train_claims.py            # CV grid, train, write the model, print dev
    .venv/bin/python scripts/train_claims.py --try-embeddings   # + CV of WordLlama embeddings (offline)
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nkterm.claims.model import MODEL_FORMAT, MODEL_PATH  # noqa: E402
from nkterm.claims.pipeline import sentence_features  # noqa: E402

_CT24 = Path("shared") / "claims" / "ct24-checkworthy-train-dev"
# ../shared from a checkout, ../../shared from a worktree under wt/
DEFAULT_DATA = next((p / _CT24 for p in ROOT.parents if (p / _CT24).is_dir()), ROOT.parent / _CT24)
TRAIN = "CT24_checkworthy_english_train.tsv"
DEV = "CT24_checkworthy_english_dev.tsv"
SEED = 20240611
FOLDS = 5
# The first full grid (C 1, 3, 10 x class weight x cues, 12 fits of 5 folds) put C=3 with cues on
# top (CV F1 0.685 both weightings; C=1 0.670-0.674, C=10 0.674-0.680, no cues -0.008): the grid
# below keeps the close contenders so a retraining re-checks them in a few minutes.
GRID: dict[str, tuple[Any, ...]] = {
    "C": (2.0, 3.0, 5.0),
    "class_weight": (None, "balanced"),
    "cues": (True,),
    "min_df": (2,),
}
THRESHOLDS = np.round(np.arange(-3.0, 3.01, 0.05), 2)
BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
_JOINED = re.compile(r"^(Yes|No)(\d+)$")

Featurised = list[tuple[list[str], dict[str, int]]]


def load_split(path: Path) -> list[tuple[str, int]]:
    """(sentence, 1 for Yes / 0 for No). Splits the train line that holds two records."""
    rows: list[tuple[str, int]] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        if header[:3] != ["Sentence_id", "Text", "class_label"]:
            raise ValueError(f"{path}: unexpected header {header!r}")
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


def featurize(rows: list[tuple[str, int]]) -> Featurised:
    out: Featurised = []
    for text, _ in rows:
        grams, cues = sentence_features(text)
        out.append((sorted(grams), dict.fromkeys(sorted(cues), 1)))
    return out


def _identity(x: list[str]) -> list[str]:
    return x


class Fitted:
    """A vectoriser pair and a fitted logistic regression."""

    def __init__(self, data: Featurised, ys: np.ndarray, params: dict[str, Any]) -> None:
        self.params = params
        self.tfidf = TfidfVectorizer(
            analyzer=_identity, binary=True, norm="l2", min_df=params["min_df"], dtype=np.float64
        )
        self.dv = DictVectorizer()
        x = self._matrix(data, fit=True)
        self.lr = LogisticRegression(
            C=params["C"], class_weight=params["class_weight"], solver="liblinear", max_iter=1000
        )
        self.lr.fit(x, ys)

    def _matrix(self, data: Featurised, fit: bool = False) -> csr_matrix:
        grams = [g for g, _ in data]
        xg = self.tfidf.fit_transform(grams) if fit else self.tfidf.transform(grams)
        if not self.params["cues"]:
            return csr_matrix(xg)
        cues = [c for _, c in data]
        xc = self.dv.fit_transform(cues) if fit else self.dv.transform(cues)
        return csr_matrix(hstack([xg, xc]))

    def logits(self, data: Featurised) -> np.ndarray:
        return np.asarray(self.lr.decision_function(self._matrix(data)))


def prf(logits: np.ndarray, ys: np.ndarray, t: float) -> tuple[float, float, float]:
    pred = logits >= t
    tp = int(np.sum(pred & (ys == 1)))
    fp = int(np.sum(pred & (ys == 0)))
    fn = int(np.sum(~pred & (ys == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def best_threshold(logits: np.ndarray, ys: np.ndarray) -> tuple[float, float]:
    scores = [(prf(logits, ys, float(t))[0], float(t)) for t in THRESHOLDS]
    f1, t = max(scores, key=lambda x: (x[0], -abs(x[1])))
    return t, f1


def calibration(probs: np.ndarray, ys: np.ndarray) -> list[list[float]]:
    """[[low, high, sentences, share Yes], ...] per score bin."""
    out: list[list[float]] = []
    for lo, hi in itertools.pairwise(BINS):
        sel = (probs >= lo) & (probs < hi)
        n = int(np.sum(sel))
        out.append([lo, min(hi, 1.0), n, round(float(np.mean(ys[sel])), 3) if n else 0.0])
    return out


def print_calibration(table: list[list[float]]) -> None:
    print("  score bin    sentences  share check-worthy")
    for lo, hi, n, share in table:
        print(f"  {lo:.1f}-{hi:.1f}    {int(n):9,}  {share:.3f}")


def cross_validate(data: Featurised, ys: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    oof = np.zeros(len(data))
    skf = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for tr, te in skf.split(np.zeros(len(ys)), ys):
        fitted = Fitted([data[i] for i in tr], ys[tr], params)
        oof[te] = fitted.logits([data[i] for i in te])
    return oof


# The hand-set genre priors of the previous model (added to learned weights after training). CV
# decides whether they stay: ``--check-priors`` adds them to the out-of-fold logits of the chosen
# model and prints CV F1 with and without them.
OLD_PRIORS: dict[str, float] = {
    "[rule:restriction]": 2.5,
    "[experience:testimony]": 2.5,
    "[stance:intention]": -2.0,
    "[stance:evaluation]": -2.0,
    "[stance:feeling]": -2.0,
}


def check_priors(data: Featurised, ys: np.ndarray, oof: np.ndarray) -> None:
    base_t, base_f1 = best_threshold(oof, ys)
    print(f"priors check: CV F1 without priors {base_f1:.3f} (threshold {base_t:+.2f})")
    for name, prior in [*OLD_PRIORS.items(), ("all", 0.0)]:
        shifted = oof.copy()
        for i, (_, cues) in enumerate(data):
            if name == "all":
                shifted[i] += sum(p for f, p in OLD_PRIORS.items() if f in cues)
            elif name in cues:
                shifted[i] += prior
        _t, f1 = best_threshold(shifted, ys)
        print(
            f"  with {name} {'' if name == 'all' else f'{prior:+.1f}'}: CV F1 {f1:.3f} ({f1 - base_f1:+.3f})"
        )


def load_chosen(path: Path) -> dict[str, Any]:
    """The parameters the shipped model was trained with (``--grid chosen``: CV of those only)."""
    params = json.loads(path.read_text(encoding="utf-8"))["meta"]["params"]
    return {k: params[k] for k in GRID}


def load_ids(path: Path) -> list[int]:
    """The sentence ids of a split, in ``load_split``'s order (ClaimBuster numbers the sentences
    of each debate in order, so a run of consecutive ids is a stretch of one debate)."""
    ids: list[int] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        for row in reader:
            if not row:
                continue
            ids.append(int(row[0]))
            while len(row) >= 5 and _JOINED.match(row[2]):
                joined = _JOINED.match(row[2])
                assert joined is not None
                ids.append(int(joined.group(2)))
                row = [joined.group(2), *row[3:]]
    return ids


def check_per_document(ids: list[int], oof: np.ndarray, ys: np.ndarray, block: int = 40) -> None:
    """CV F1 of per-document calibrations of the out-of-fold scores, on pseudo-documents of
    ``block`` consecutive sentence ids: (a) each score centred on its document's mean; (b) only
    the top share ``q`` of a document may be flagged. Thresholds chosen by CV as for the model."""
    base_t, base_f1 = best_threshold(oof, ys)
    order = np.argsort(np.array(ids), kind="stable")
    doc = np.empty(len(ids), dtype=int)
    doc[order] = np.arange(len(ids)) // block
    counts = np.bincount(doc)
    means = np.bincount(doc, weights=oof) / counts
    print(f"per-document check ({len(counts)} documents of {block} consecutive sentences):")
    print(f"  global threshold (shipped): CV F1 {base_f1:.3f} at {base_t:+.2f}")
    t, f1 = best_threshold(oof - means[doc] + oof.mean(), ys)
    print(f"  centred on the document's mean: CV F1 {f1:.3f} ({f1 - base_f1:+.3f}) at {t:+.2f}")
    pct = np.empty(len(ids))
    for d in range(len(counts)):
        members = np.flatnonzero(doc == d)
        ranks = np.argsort(np.argsort(oof[members], kind="stable"), kind="stable")
        pct[members] = (ranks + 1) / len(members)
    for q in (0.3, 0.5, 0.7):
        capped = np.where(pct > 1 - q, oof, -99.0)
        t, f1 = best_threshold(capped, ys)
        print(f"  only the top {q:.0%} of a document: CV F1 {f1:.3f} ({f1 - base_f1:+.3f}) at {t:+.2f}")


# --- WordLlama sentence embeddings: measured by CV (``--try-embeddings``), not shipped ----------
# WordLlama (MIT) ships its weights (l2_supercat_256.safetensors, 32,000 x 256 float16) and its
# tokenizer inside the wheel, but ``WordLlama.load()`` looks for the tokenizer in a folder that
# does not exist and then downloads it. This loader opens the packaged files directly and never
# touches the network. The embedding of a sentence is the mean of its tokens' vectors (what
# ``WordLlamaInference.embed(norm=False)`` computes).
EMB_GRID: dict[str, tuple[Any, ...]] = {"C": (3.0, 5.0), "alpha": (0.02, 0.05)}


def wordllama_embed(texts: list[str]) -> np.ndarray:
    import importlib.util

    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("train_claims: --try-embeddings needs `pip install wordllama`")
    pkg = Path(spec.submodule_search_locations[0])  # found without importing the package
    tok = Tokenizer.from_file(str(pkg / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    table = load_file(str(pkg / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"]
    table = table.astype(np.float32)
    ids = [e.ids for e in tok.encode_batch(texts, add_special_tokens=False)]
    return np.stack([table[i].mean(axis=0) if i else np.zeros(table.shape[1], np.float32) for i in ids])


def try_embeddings(
    rows: list[tuple[str, int]], data: Featurised, ys: np.ndarray, params: dict[str, Any], base: np.ndarray
) -> None:
    """CV of [TF-IDF + cues + alpha * standardised embedding] against the chosen model, with the
    per-fold F1 difference (at each model's own CV threshold), so a gain can be told from noise."""
    t0 = time.perf_counter()
    emb = wordllama_embed([t for t, _ in rows])
    print(f"embeddings: {emb.shape} in {time.perf_counter() - t0:.1f}s")
    z = (emb - emb.mean(axis=0)) / (emb.std(axis=0) + 1e-6)
    folds = list(
        StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED).split(np.zeros(len(ys)), ys)
    )
    base_t, base_f1 = best_threshold(base, ys)
    for c, alpha in itertools.product(EMB_GRID["C"], EMB_GRID["alpha"]):
        p = {**params, "C": c}
        oof = np.zeros(len(ys))
        for tr, te in folds:
            fitted = Fitted([data[i] for i in tr], ys[tr], p)
            x_tr = hstack([fitted._matrix([data[i] for i in tr]), csr_matrix(alpha * z[tr])])
            lr = LogisticRegression(C=c, class_weight=p["class_weight"], solver="liblinear", max_iter=2000)
            lr.fit(csr_matrix(x_tr), ys[tr])
            x_te = hstack([fitted._matrix([data[i] for i in te]), csr_matrix(alpha * z[te])])
            oof[te] = lr.decision_function(csr_matrix(x_te))
        t, f1 = best_threshold(oof, ys)
        diffs = [prf(oof[te], ys[te], t)[0] - prf(base[te], ys[te], base_t)[0] for _, te in folds]
        print(
            f"  + embedding C={c} alpha={alpha}: CV F1 {f1:.3f} ({f1 - base_f1:+.3f}); per-fold "
            f"difference {' '.join(f'{d:+.3f}' for d in diffs)}",
            flush=True,
        )


def export(fitted: Fitted, threshold: float, meta: dict[str, Any]) -> dict[str, Any]:
    coef = fitted.lr.coef_[0]
    n_grams = len(fitted.tfidf.vocabulary_)
    idf = fitted.tfidf.idf_
    rows = [
        (round(float(coef[j] * idf[j]), 4), round(float(idf[j] ** 2), 3), g)
        for g, j in fitted.tfidf.vocabulary_.items()
    ]
    # ordered by (|weight|, n-gram): an n-gram's place is its rank as a reason (nkterm.claims.model)
    rows.sort(key=lambda r: (abs(r[0]), r[2]))
    cues: dict[str, float] = {}
    if fitted.params["cues"]:
        for c, j in sorted(fitted.dv.vocabulary_.items()):
            if abs(coef[n_grams + j]) >= 1e-4:
                cues[c] = round(float(coef[n_grams + j]), 4)
    bias = float(fitted.lr.intercept_[0]) - threshold  # score >= 0.5 <=> logit >= threshold
    return {
        "format": MODEL_FORMAT,
        "bias": round(bias, 4),
        "meta": meta,
        "cues": cues,
        "ngrams": [g for _, _, g in rows],
        "weight": [w for w, _, _ in rows],
        "idf2": [f for _, f, _ in rows],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--check-priors", action="store_true", help="print CV F1 with the old genre priors")
    ap.add_argument(
        "--check-per-document", action="store_true", help="print CV F1 of per-document calibrations"
    )
    ap.add_argument(
        "--grid", choices=("full", "chosen"), default="full", help="chosen: only the shipped params"
    )
    ap.add_argument(
        "--try-embeddings",
        action="store_true",
        help="CV of the model plus WordLlama embeddings (needs wordllama)",
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    for name in (TRAIN, DEV):
        if not (args.data / name).is_file():
            print(f"train_claims: {args.data / name} not found (--data DIR)", file=sys.stderr)
            return 2
    train_rows = load_split(args.data / TRAIN)
    ys = np.array([y for _, y in train_rows])
    print(f"train {len(train_rows)} rows ({int(ys.sum())} Yes)")
    data = featurize(train_rows)

    results: list[tuple[float, float, dict[str, Any], np.ndarray]] = []
    keys = list(GRID)
    grid = GRID if args.grid == "full" else {k: (v,) for k, v in load_chosen(MODEL_PATH).items()}
    print(f"featurised in {time.perf_counter() - t0:.1f}s; {FOLDS}-fold CV over {grid}")
    for values in itertools.product(*(grid[k] for k in keys)):
        params = dict(zip(keys, values, strict=True))
        oof = cross_validate(data, ys, params)
        t, f1 = best_threshold(oof, ys)
        _, p, r = prf(oof, ys, t)
        print(f"  {params}: CV F1 {f1:.3f} (P {p:.3f} R {r:.3f}) at logit {t:+.2f}", flush=True)
        results.append((f1, t, params, oof))
    cv_f1, threshold, params, oof = max(results, key=lambda x: x[0])
    _, cv_p, cv_r = prf(oof, ys, threshold)
    cv_table = calibration(1 / (1 + np.exp(-(oof - threshold))), ys)
    print(f"chosen {params}, threshold logit {threshold:+.2f}: CV F1 {cv_f1:.3f} P {cv_p:.3f} R {cv_r:.3f}")
    print("CV calibration (out-of-fold scores, threshold folded in):")
    print_calibration(cv_table)
    if args.check_priors:
        check_priors(data, ys, oof)
    if args.check_per_document:
        check_per_document(load_ids(args.data / TRAIN), oof, ys)
    if args.try_embeddings:
        try_embeddings(train_rows, data, ys, params, oof)

    fitted = Fitted(data, ys, params)
    meta = {
        "trained_on": f"{TRAIN} (CLEF-2024 CheckThat! Task 1 English, ClaimBuster debates)",
        "model": "logistic regression: TF-IDF word 1-2-grams (binary tf, l2 norm) + binary cue features",
        "rows": len(train_rows),
        "params": params,
        "threshold_logit": threshold,
        "cv_folds": FOLDS,
        "cv_f1": round(cv_f1, 4),
        "cv_precision": round(cv_p, 4),
        "cv_recall": round(cv_r, 4),
        "cv_calibration": cv_table,
        "seed": SEED,
    }
    model = export(fitted, threshold, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    size = args.out.stat().st_size
    print(
        f"wrote {args.out} ({len(model['ngrams'])} n-grams, {len(model['cues'])} cue weights, "
        f"{size / 1024:.0f} KB) in {time.perf_counter() - t0:.0f}s"
    )
    print("dev: read once by benchmarks/claims_eval.py (detect() on each sentence)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
