"""Honest yardsticks for the check-worthiness model (training time only; see train_claims.py).

Grouped cross-validation: ClaimBuster numbers the sentences of each debate in order, and the
CT24 ids are a subset of that numbering (16 to 34,458 for 22,501 train sentences; gaps are small:
99% under 8). Rare words (3 to 30 occurrences) recur within a few hundred ids far more than by
chance (gap < 50 ids: 22% of their repeats against 2% for random ids; < 500: 41% against 19%;
< 2,000: 63% against 53%), and candidates' names come in runs of 300 to 1,100 ids (Perot 13,623
to 14,704; Khrushchev 7,632 to 8,532): a debate is a run of ~1,000 consecutive ids. A group is
therefore a block of ``BLOCK`` consecutive ids (``id // BLOCK``, 35 groups); a debate falls in
one or two blocks, so a fold's test debates are (nearly) unseen in its training folds. Random
stratified folds put sentences of the same debate on both sides and over-rate what generalises.

Out of domain: the hand-labelled BBC sentences of ``benchmarks/data/checkworthy_bbc.yaml`` (21
articles), each featurised as a sentence of its article (``sentence_features`` of the sentence
that holds the anchor: the cue rules see the sentence only, so a quote opened in an earlier
sentence is missed; ``benchmarks/claims_bbc_eval.py`` runs the whole pipeline on the shipped
model). Owns: the groups, the folds, the forward splits, the BBC cases, the per-fold comparison.

Forward in time (session 13): grouped CV mixes earlier and later debates in every fold, so it
under-measures a shift in time and topic (the maintainers' harder held-out set is most likely
later debates). ``forward_splits`` trains on the ids below a cut and tests on the ids from the
cut on: the most recent debates, never seen in training. The cuts sit at two of the largest gaps
between consecutive train ids above the median (51 ids after 22,500; 46 after 26,856), so a debate
is (most likely) not cut in two: ``fwd19`` tests the last 19% of the rows (ids >= 26,902: 4,340
sentences, 25% Yes), ``fwd33`` the last 33% (ids >= 22,551: 7,409, 24% Yes). The threshold is the
one the training side chooses on its own grouped out-of-fold scores (``inner_folds``), never the
test side's best.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import yaml
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nkterm.models import Document  # noqa: E402

BLOCK = 1000
FOLDS = 5
SEED = 20240611
BBC_CASES = ROOT / "benchmarks" / "data" / "checkworthy_bbc.yaml"
BBC = Path("/work/shared/corpora/bbc-news")

FORWARD_CUTS = {"fwd19": 26_902, "fwd33": 22_551}

Folds = list[tuple[np.ndarray, np.ndarray]]


def grouped_folds(ids: list[int], ys: np.ndarray, block: int = BLOCK, offset: int = 0) -> Folds:
    """5 folds of whole blocks of ``block`` consecutive sentence ids, stratified by label.
    ``offset`` shifts the block boundaries (another draw of the folds: the fold assignment of
    StratifiedGroupKFold hardly depends on its seed when no two groups tie)."""
    groups = (np.array(ids) + offset) // block
    sgk = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    return list(sgk.split(np.zeros(len(ys)), ys, groups))


def forward_splits(ids: list[int]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """name -> (train rows: ids below the cut, test rows: ids from the cut on)."""
    arr = np.array(ids)
    return {
        name: (np.flatnonzero(arr < cut), np.flatnonzero(arr >= cut)) for name, cut in FORWARD_CUTS.items()
    }


def inner_folds(ids: list[int], ys: np.ndarray, rows: np.ndarray) -> Folds:
    """Grouped folds over the training side ``rows`` of a forward split, as indices into ``rows``
    (for the threshold the training side chooses on its own out-of-fold scores)."""
    return grouped_folds([ids[i] for i in rows], ys[rows])


def stratified_folds(ys: np.ndarray) -> Folds:
    skf = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    return list(skf.split(np.zeros(len(ys)), ys))


def bbc_sentences(corpus: Path = BBC, cases: Path = BBC_CASES) -> list[tuple[str, int, str]]:
    """(sentence text, 1 if check-worthy, article path) for each labelled BBC case."""
    out: list[tuple[str, int, str]] = []
    docs: dict[str, Document] = {}
    for case in yaml.safe_load(cases.read_text(encoding="utf-8")):
        path = case["path"]
        if path not in docs:
            text = (corpus / path).read_text(encoding="utf-8", errors="replace")
            docs[path] = Document(id=Path(path).stem, text=text, title="")
        doc = docs[path]
        m = re.search(r"\s+".join(re.escape(w) for w in case["anchor"].split()), doc.text)
        if m is None:
            raise SystemExit(f"{cases}: {path}: anchor not found: {case['anchor']!r}")
        span = next(s for s in doc.sentences if s.start <= m.start() < s.end)
        out.append((doc.text[span.start : span.end], int(bool(case["checkworthy"])), path))
    return out


def bbc_articles(cases: Path = BBC_CASES) -> set[str]:
    """The articles of the labelled set (kept out of the word table's vocabulary)."""
    return {c["path"] for c in yaml.safe_load(cases.read_text(encoding="utf-8"))}


def fold_f1(logits: np.ndarray, ys: np.ndarray, t: float, folds: Folds) -> list[float]:
    out: list[float] = []
    for _, te in folds:
        pred = logits[te] >= t
        y = ys[te]
        tp = int(np.sum(pred & (y == 1)))
        fp = int(np.sum(pred & (y == 0)))
        fn = int(np.sum(~pred & (y == 1)))
        out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return out
