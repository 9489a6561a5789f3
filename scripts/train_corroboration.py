"""Train corroboration's found model (``nkterm/compare/found_model.py``) and write its
coefficients there as plain numbers.

Reads the candidate features of the nine labelled claim sets (``benchmarks.corroboration_loso
--dump FILE``), chooses the feature set, regularisation and threshold by the calibration rule
over their leave-one-set-out (``corroboration_loso.choose``), fits a logistic regression on all
nine with that choice, and rewrites the block between the markers in found_model.py; the
threshold goes to ``FOUND_PROBABILITY`` in params.py by hand. Needs the ``train`` extra
(scikit-learn); nothing of it is imported at runtime.

    .venv/bin/python -m benchmarks.corroboration_loso --index /tmp/bbcidx --dump /tmp/feats.jsonl
    .venv/bin/python scripts/train_corroboration.py /tmp/feats.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corroboration_loso import FEATURE_SETS, TRIED, choose, fit, show  # noqa: E402

MODEL = ROOT / "nkterm" / "compare" / "found_model.py"
BLOCK = re.compile(r"(# written by scripts/train_corroboration\.py[^\n]*\n)(.*?)(\n\n\ndef )", re.DOTALL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features", type=Path, help="the JSON lines of corroboration_loso --dump")
    parser.add_argument("--tried", choices=TRIED, help="each feature set also with this feature (session 16)")
    args = parser.parse_args(argv)
    sets = dict(FEATURE_SETS)
    if args.tried:
        sets.update({f"{name}+{args.tried}": (*names, args.tried) for name, names in FEATURE_SETS.items()})
    data = [json.loads(line) for line in args.features.read_text(encoding="utf-8").splitlines()]
    by_set: dict[str, list[dict[str, object]]] = {}
    for claim in data:
        by_set.setdefault(str(claim["set"]), []).append(claim)
    (name, strength, threshold, _veto), total = choose(by_set, sets)  # type: ignore[arg-type]
    print(f"chosen: {name} C={strength} threshold {threshold} (leave-one-set-out: {show(total)})")
    if threshold is None:
        print("the rules alone: set FOUND_PROBABILITY = None in params.py")
        return 0
    intercept, weights = fit([c for cs in by_set.values() for c in cs], sets[name], strength)  # type: ignore[arg-type]
    lines = [f"INTERCEPT = {intercept:.6f}", "COEFFICIENTS: dict[str, float] = {"]
    lines += [f'    "{k}": {v:.6f},' for k, v in weights.items()]
    lines.append("}")
    text = MODEL.read_text(encoding="utf-8")
    new, n = BLOCK.subn(lambda m: m.group(1) + "\n".join(lines) + m.group(3), text)
    if n != 1:
        raise SystemExit(f"the coefficients block not found in {MODEL}")
    MODEL.write_text(new, encoding="utf-8")
    print(f"wrote {len(weights)} coefficients to {MODEL}; FOUND_PROBABILITY should be {threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
