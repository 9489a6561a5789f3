"""Claims detection: check-worthiness on CheckThat! (CV and dev), calibration, model size, speed.

    .venv/bin/python benchmarks/claims_eval.py [--data DIR] [--corpus DIR] [--repeat 3]

Prints:
- the cross-validated train F1 / precision / recall and CV calibration table that
  ``scripts/train_claims.py`` recorded in the model (every choice was made by that CV: 5 folds
  grouped by debate, blocks of 1,000 consecutive sentence ids), and its stratified 5-fold CV F1
  (random folds mix the sentences of a debate, so it over-rates what generalises);
- dev F1 / precision / recall of the Yes class, where a sentence counts as Yes when
  ``detect(sentence)`` returns a claim with score >= 0.5 (all-Yes baseline: 0.375), and a dev
  calibration table (score bin -> share check-worthy). Dev is read here only, never tuned on;
- the model file's size;
- detection speed on the BBC corpus with the sentences already segmented (what
  ``detect_document`` adds to an index build that segments anyway), in sentences per CPU-second,
  and the time of the segmentation itself.

Times are the best of ``--repeat`` runs, wall clock and CPU time of this process: on a shared
machine the CPU time is the steadier. The data are third-party and read where they live
(../shared, ``$NKTERM_BBC``); nothing is copied. Imports no Textual and no Whoosh.
"""

from __future__ import annotations

import argparse
import csv
import glob
import itertools
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from nkterm.claims import detect, detect_document  # noqa: E402
from nkterm.claims.model import MODEL_PATH, load_model, score  # noqa: E402
from nkterm.claims.pipeline import sentence_features  # noqa: E402
from nkterm.claims.scan import tokenize  # noqa: E402
from nkterm.models import Document  # noqa: E402

_CT24 = Path("shared") / "claims" / "ct24-checkworthy-train-dev"
DATA = next((p / _CT24 for p in REPO_ROOT.parents if (p / _CT24).is_dir()), REPO_ROOT.parent / _CT24)
DEV = "CT24_checkworthy_english_dev.tsv"
BBC = Path(os.environ.get("NKTERM_BBC", "/work/shared/corpora/bbc-news"))
TARGET_SENTENCES_PER_CPU_S = 5000
TARGET_MODEL_BYTES = 20 * 1024 * 1024
BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


def load_dev(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        return [(row[1], int(row[2].strip() == "Yes")) for row in reader if len(row) == 3]


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, cpu) seconds: the best of ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def prf(pred: list[bool], gold: list[int]) -> tuple[float, float, float]:
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(pred, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(pred, gold, strict=True) if not p and g)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def calibration(scores: list[float], gold: list[int]) -> list[tuple[float, float, int, float]]:
    out = []
    for lo, hi in itertools.pairwise(BINS):
        sel = [g for s, g in zip(scores, gold, strict=True) if lo <= s < hi]
        out.append((lo, min(hi, 1.0), len(sel), sum(sel) / len(sel) if sel else 0.0))
    return out


def print_calibration(table: Sequence[Sequence[float]]) -> None:
    print("    score bin   sentences  share check-worthy")
    for lo, hi, n, share in table:
        print(f"    {lo:.1f}-{hi:.1f}   {int(n):9,}  {share:.3f}")


def bbc_documents(root: Path) -> list[Document]:
    paths = sorted(glob.glob(str(root / "*" / "*.txt")))
    return [
        Document(id=Path(p).stem, text=Path(p).read_text(encoding="utf-8", errors="replace"), title=p)
        for p in paths
    ]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA, help="folder of the CheckThat! train/dev TSVs")
    ap.add_argument("--corpus", type=Path, default=BBC, help="BBC News folder (category/NNN.txt)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-speed", action="store_true", help="skip the BBC speed measurement")
    args = ap.parse_args(argv)

    model = load_model()
    size = MODEL_PATH.stat().st_size
    meta = model.meta
    print(
        f"model: {MODEL_PATH.relative_to(REPO_ROOT)}  {size / 1024:.0f} KB, "
        f"{len(model.ngrams):,} n-grams, {len(model.cues):,} cue weights"
    )
    print(
        f"  {meta.get('model')}; chosen by CV: {meta.get('params')}, threshold logit {meta.get('threshold_logit')}"
    )
    print(f"  size < {TARGET_MODEL_BYTES // 2**20} MB: {verdict(size < TARGET_MODEL_BYTES)}")
    print(
        f"\nCV on train ({meta.get('cv', str(meta.get('cv_folds')) + '-fold stratified')}, "
        f"{meta.get('rows')} sentences, recorded by scripts/train_claims.py): F1 {meta.get('cv_f1')}  "
        f"precision {meta.get('cv_precision')}  recall {meta.get('cv_recall')}"
    )
    if "cv_stratified_f1" in meta:
        print(f"  stratified 5-fold CV F1 {meta['cv_stratified_f1']} (mixes sentences of one debate)")
    table = meta.get("cv_calibration")
    if isinstance(table, list):
        print_calibration(table)

    dev_path = args.data / DEV
    if dev_path.is_file():
        rows = load_dev(dev_path)
        gold = [y for _, y in rows]
        t0 = time.perf_counter()
        pred = [any(c.score >= 0.5 for c in detect(text)) for text, _ in rows]
        per = (time.perf_counter() - t0) / len(rows)
        f1, p, r = prf(pred, gold)
        whole = [score(model, *sentence_features(text), tokenize(text).lows)[0] for text, _ in rows]
        base = 2 * sum(gold) / (len(rows) + sum(gold))
        print(
            f"\ndev ({len(rows)} sentences, {sum(gold)} Yes; read once, never tuned on): "
            f"F1 {f1:.3f}  precision {p:.3f}  recall {r:.3f}"
        )
        print(
            f"  all-Yes baseline F1 {base:.3f}; detect(sentence) incl. segmentation: {per * 1e6:.0f} µs/sentence"
        )
        print("  dev calibration (each dev line scored as one sentence):")
        print_calibration(calibration(whole, gold))
    else:
        print(f"\ndev split not found at {dev_path}: skipped")

    if args.no_speed or not args.corpus.is_dir():
        print(f"\nBBC corpus not found at {args.corpus} or --no-speed: speed skipped")
        return 0
    docs = bbc_documents(args.corpus)
    seg_wall, seg_cpu = best_of(1, lambda: [d.sentences for d in docs])  # cached from here on
    n_sent = sum(len(d.sentences) for d in docs)
    warm_wall, warm_cpu = best_of(args.repeat, lambda: [detect_document(d) for d in docs])
    claims = [c for d in docs for c in detect_document(d)]
    print(f"\nBBC corpus: {len(docs)} documents, {n_sent:,} sentences")
    print(
        f"  detection, sentences already segmented: {n_sent / warm_cpu:,.0f} sentences per CPU-second "
        f"({warm_cpu / n_sent * 1e6:.1f} µs CPU, {warm_wall / n_sent * 1e6:.1f} µs wall per sentence)"
    )
    print(
        f"  segmentation (nkterm.text.sentences): {seg_wall:.2f} s wall, {seg_cpu:.2f} s CPU "
        f"({seg_cpu / n_sent * 1e6:.0f} µs CPU/sentence)"
    )
    print(
        f"  >= {TARGET_SENTENCES_PER_CPU_S:,} sentences per CPU-second: "
        f"{verdict(n_sent / warm_cpu >= TARGET_SENTENCES_PER_CPU_S)}"
    )
    kinds = Counter(k for c in claims for k in c.kinds)
    worthy = sum(c.check_worthy for c in claims)
    print(f"  {len(claims):,} claims ({len(claims) / n_sent:.0%} of sentences), {worthy:,} check-worthy")
    print("  kinds: " + ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
