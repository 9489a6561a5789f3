"""Claims detection: check-worthiness F1 on the CheckThat! dev split, model size, speed.

    .venv/bin/python benchmarks/claims_eval.py [--data DIR] [--corpus DIR] [--repeat 3]

Prints:
- dev F1 / precision / recall of the Yes class, where a sentence counts as Yes when
  ``detect(sentence)`` returns a claim with score >= 0.5 (all-Yes baseline: 0.375), and the
  cross-validated train F1 the training script recorded in the model;
- the model file's size and number of weights;
- detection time per sentence and per 1,000 sentences on the BBC corpus with the sentences
  already segmented (what ``detect_document`` adds to an index build that segments anyway),
  and the time of the segmentation itself;
- the time to detect claims over the whole BBC corpus, cold (segmentation included) and warm.

Times are the best of ``--repeat`` runs, wall clock and CPU time of this process: on a shared
machine the CPU time is the steadier. The data are third-party and read where they live
(../shared, ``$NKTERM_BBC``); nothing is copied. Imports no Textual and no Whoosh.
"""

from __future__ import annotations

import argparse
import csv
import glob
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from nkterm.claims import detect, detect_document  # noqa: E402
from nkterm.claims.model import MODEL_PATH, load_model  # noqa: E402
from nkterm.models import Document  # noqa: E402

DATA = REPO_ROOT.parent / "shared" / "claims" / "ct24-checkworthy-train-dev"
DEV = "CT24_checkworthy_english_dev.tsv"
BBC = Path(os.environ.get("NKTERM_BBC", "/work/shared/corpora/bbc-news"))
TARGET_F1 = 0.70
TARGET_US_PER_SENTENCE = 60.0
TARGET_MODEL_BYTES = 300 * 1024


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


def evaluate_dev(rows: list[tuple[str, int]]) -> tuple[float, float, float, float]:
    tp = fp = fn = 0
    t0 = time.perf_counter()
    for text, gold in rows:
        predicted = any(c.score >= 0.5 for c in detect(text))
        tp += predicted and gold
        fp += predicted and not gold
        fn += (not predicted) and gold
    elapsed = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, p, r, elapsed / len(rows)


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
    args = ap.parse_args(argv)

    model = load_model()
    size = MODEL_PATH.stat().st_size
    print(f"model: {MODEL_PATH.relative_to(REPO_ROOT)}  {size / 1024:.0f} KB, {len(model.weights):,} weights")
    print(f"  trained: {model.meta.get('trained_on')}; CV F1 on train {model.meta.get('cv_f1')}")
    if model.priors:
        print("  genre priors: " + ", ".join(f"{f} {p:+.1f}" for f, p in sorted(model.priors.items())))
    print(f"  size < {TARGET_MODEL_BYTES // 1024} KB: {verdict(size < TARGET_MODEL_BYTES)}")

    dev_path = args.data / DEV
    if dev_path.is_file():
        rows = load_dev(dev_path)
        f1, p, r, per = evaluate_dev(rows)
        base = 2 * sum(y for _, y in rows) / (len(rows) + sum(y for _, y in rows))
        print(
            f"\ndev ({len(rows)} sentences, {sum(y for _, y in rows)} Yes): F1 {f1:.3f}  precision {p:.3f}  recall {r:.3f}"
        )
        print(
            f"  all-Yes baseline F1 {base:.3f}; detect(sentence) incl. segmentation: {per * 1e6:.0f} µs/sentence"
        )
        print(f"  F1 >= {TARGET_F1}: {verdict(f1 >= TARGET_F1)}")
    else:
        print(f"\ndev split not found at {dev_path}: skipped")

    if not args.corpus.is_dir():
        print(f"\nBBC corpus not found at {args.corpus}: speed skipped")
        return 0
    docs = bbc_documents(args.corpus)
    seg_wall, seg_cpu = best_of(1, lambda: [d.sentences for d in docs])  # cached from here on
    n_sent = sum(len(d.sentences) for d in docs)
    warm_wall, warm_cpu = best_of(args.repeat, lambda: [detect_document(d) for d in docs])
    cold_wall, cold_cpu = best_of(
        1, lambda: [detect_document(Document(id=d.id, text=d.text, title=d.title)) for d in docs]
    )
    claims = [c for d in docs for c in detect_document(d)]
    per_wall, per_cpu = warm_wall / n_sent * 1e6, warm_cpu / n_sent * 1e6
    print(f"\nBBC corpus: {len(docs)} documents, {n_sent:,} sentences")
    print(f"  detection, sentences already segmented: {per_wall:.1f} µs/sentence wall, {per_cpu:.1f} µs CPU")
    print(
        f"    = {per_wall:.0f} ms per 1,000 sentences wall ({per_cpu:.0f} ms CPU); whole corpus {warm_wall:.2f} s"
    )
    print(
        f"  segmentation (nkterm.text.sentences): {seg_wall:.2f} s wall, {seg_cpu:.2f} s CPU ({seg_wall / n_sent * 1e6:.0f} µs/sentence)"
    )
    print(f"  whole corpus cold (segmentation + detection): {cold_wall:.2f} s wall, {cold_cpu:.2f} s CPU")
    print(
        f"  detection <= {TARGET_US_PER_SENTENCE:.0f} µs/sentence (CPU): {verdict(per_cpu <= TARGET_US_PER_SENTENCE)}"
    )
    kinds = Counter(k for c in claims for k in c.kinds)
    worthy = sum(c.check_worthy for c in claims)
    print(f"  {len(claims):,} claims ({len(claims) / n_sent:.0%} of sentences), {worthy:,} check-worthy")
    print("  kinds: " + ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
