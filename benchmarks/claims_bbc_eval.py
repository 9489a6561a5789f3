"""Check-worthiness on news: the shipped threshold on hand-labelled BBC sentences.

    .venv/bin/python benchmarks/claims_bbc_eval.py [--corpus DIR] [--cases FILE] [--show]

The model is trained on debate sentences (CheckThat! 2024); this measures it where the reader
is used. Each case of ``benchmarks/data/checkworthy_bbc.yaml`` names a sentence by its article
and first words; the article goes through ``detect_document`` (no metadata), and the sentence
counts as flagged when the claim holding it has score >= 0.5 (a sentence with no claim is not
flagged). Prints precision / recall / F1 of the check-worthy class overall, per category and
without the market report that prompted the question, the all-Yes baseline, and the share of
claims flagged per article, and a calibration table. ``--show`` lists every case with its score. The BBC text is read
from ../shared ($NKTERM_BBC) and never copied. Imports no Textual and no Whoosh.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from nkterm.claims import detect_document  # noqa: E402
from nkterm.models import CHECK_WORTHY, Claim, Document  # noqa: E402

BBC = Path(os.environ.get("NKTERM_BBC", "/work/shared/corpora/bbc-news"))
CASES = REPO_ROOT / "benchmarks" / "data" / "checkworthy_bbc.yaml"
MARKET_REPORT = "business/272.txt"


def find(text: str, anchor: str) -> int | None:
    m = re.search(r"\s+".join(re.escape(w) for w in anchor.split()), text)
    return m.start() if m else None


def claim_at(claims: list[Claim], pos: int) -> Claim | None:
    return next((c for c in claims if c.start <= pos < c.end), None)


def prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float, int]:
    """(precision, recall, F1, n) of the positive class over (predicted, gold) pairs."""
    tp = sum(p and g for p, g in pairs)
    fp = sum(p and not g for p, g in pairs)
    fn = sum(g and not p for p, g in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(pairs)


def line(name: str, pairs: list[tuple[bool, bool]]) -> str:
    p, r, f, n = prf(pairs)
    gold = sum(g for _, g in pairs)
    return f"  {name:28} {n:4}  {gold:4}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=BBC, help="BBC News folder (category/NNN.txt)")
    ap.add_argument("--cases", type=Path, default=CASES)
    ap.add_argument("--show", action="store_true", help="every case with its score")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"BBC corpus not found at {args.corpus}: nothing measured")
        return 0
    cases = yaml.safe_load(args.cases.read_text(encoding="utf-8"))
    docs: dict[str, tuple[str, list[Claim]]] = {}
    rows: list[tuple[str, bool, bool, float | None, str]] = []  # path, predicted, gold, score, anchor
    for case in cases:
        path = case["path"]
        if path not in docs:
            text = (args.corpus / path).read_text(encoding="utf-8", errors="replace")
            docs[path] = (text, detect_document(Document(id=Path(path).stem, text=text, title="")))
        text, claims = docs[path]
        pos = find(text, case["anchor"])
        if pos is None:
            print(f"{path}: anchor not found: {case['anchor']!r}", file=sys.stderr)
            return 2
        claim = claim_at(claims, pos)
        s = claim.score if claim is not None else None
        rows.append((path, s is not None and s >= CHECK_WORTHY, bool(case["checkworthy"]), s, case["anchor"]))

    pairs = [(p, g) for _, p, g, _, _ in rows]
    print(
        f"{len(rows)} sentences from {len(docs)} BBC articles, {sum(g for _, g in pairs)} check-worthy by hand"
    )
    print(f"  {'':28} {'n':>4}  {'yes':>4}")
    print(line("all (shipped threshold 0.5)", pairs))
    print(line(f"without {MARKET_REPORT}", [(p, g) for path, p, g, _, _ in rows if path != MARKET_REPORT]))
    print(line("all-Yes baseline", [(True, g) for _, g in pairs]))
    for cat in sorted({path.split("/")[0] for path, *_ in rows}):
        print(line(cat, [(p, g) for path, p, g, _, _ in rows if path.startswith(cat + "/")]))
    flagged = [sum(c.check_worthy for c in cl) / len(cl) for _, cl in docs.values() if cl]
    print(
        f"  share of an article's claims flagged check-worthy: median {sorted(flagged)[len(flagged) // 2]:.2f}, "
        f"{MARKET_REPORT}: {sum(c.check_worthy for c in docs[MARKET_REPORT][1])}/{len(docs[MARKET_REPORT][1])}"
        if MARKET_REPORT in docs
        else ""
    )
    print("  calibration (score bin: sentences, share check-worthy by hand; no claim = no score):")
    for lo in (0.0, 0.3, 0.5, 0.7, 0.9):
        hi = {0.0: 0.3, 0.3: 0.5, 0.5: 0.7, 0.7: 0.9, 0.9: 1.01}[lo]
        got = [g for _, _, g, sc, _ in rows if sc is not None and lo <= sc < hi]
        share = f"{sum(got) / len(got):.2f}" if got else "-"
        print(f"    {lo:.1f}-{min(hi, 1.0):.1f}: {len(got):3}  {share}")
    none = [g for _, _, g, sc, _ in rows if sc is None]
    print(f"    no claim: {len(none):3}  {sum(none) / len(none):.2f}" if none else "    no claim:   0")
    if args.show:
        for path, p, g, s, anchor in rows:
            mark = "ok " if p == g else "ERR"
            shown = f"{s:.2f}" if s is not None else "  - "
            print(f"{mark} {'Y' if g else 'N'} {shown} {path} {anchor}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
