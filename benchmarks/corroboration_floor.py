"""Session 17: a similarity floor under the rules' found passages (``params.RULES_FOUND_MIN``),
chosen by nested leave-one-set-out with precision@5 >= 0.8 first.

Reads the dump of ``benchmarks.corroboration_loso --tried object --dump FILE`` (the labelled claim
sets' candidates and features). The rules are taken without the shipped floor; each floor of
``FLOORS`` is offered as a veto of the rules' found passages beside none, with every feature set
plus the object and every threshold of the model's extra passage. Per set left out, the other
sets' own leave-one-set-out picks the configuration reaching pooled precision@5 0.8 with the
fewest wrong "nothing found" (when none reaches it: the highest precision@5); a model trained on
them scores the left-out set. Then, over all sets, each floor's out-of-fold figures.

    .venv/bin/python -m benchmarks.corroboration_floor FILE
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

import benchmarks.corroboration_loso as loso

FLOORS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
NAMES = ("none", *(f"sim<{s}" for s in FLOORS))
SETS = {f"{name}+object": (*names, "object") for name, names in loso.FEATURE_SETS.items()}


def _floor(s: float) -> Any:
    return lambda f: f["sim"] < s


def choose(by_set: dict[str, list[loso.Claim]]) -> tuple[tuple[str, float | None, str], loso.Counts]:
    best: tuple[Any, ...] | None = None
    for fname, names in SETS.items():
        probs = loso.out_of_fold(by_set, names, 1.0)
        for t, veto in itertools.product(loso.THRESHOLDS, NAMES):
            total: loso.Counts = (0, 0, 0, 0, 0, 0)
            for s, claims in by_set.items():
                total = loso.add(total, loso.score(claims, probs[s], t, veto))
            hits, returned, _r, _n, wrong, _d = total
            p5 = hits / returned if returned else 0.0
            key = (p5 >= loso.P5_MIN, -wrong if p5 >= loso.P5_MIN else p5, hits, veto == "none", t is None)
            if best is None or key > best[0]:
                best = (key, (fname, t, veto), total)
    assert best is not None
    return best[1], best[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features", type=Path, help="the JSON lines of corroboration_loso --dump")
    parser.add_argument(
        "--p5-min",
        type=float,
        default=loso.P5_MIN,
        help="session 18: the precision@5 the inner choice must reach (default %(default)s)",
    )
    args = parser.parse_args(argv)
    loso.P5_MIN = args.p5_min
    loso.FLOOR = None  # the rules as they were: each floor is a veto offered to the choice
    loso.VETOES.update({f"sim<{s}": _floor(s) for s in FLOORS})
    by_set: dict[str, list[loso.Claim]] = {}
    for line in args.features.read_text(encoding="utf-8").splitlines():
        claim = json.loads(line)
        by_set.setdefault(claim["set"], []).append(claim)
    left_total: loso.Counts = (0, 0, 0, 0, 0, 0)
    for left, claims in by_set.items():
        others = {s: cs for s, cs in by_set.items() if s != left}
        (fname, t, veto), inner = choose(others)
        got = loso.score(
            claims,
            loso.predict(claims, loso.fit([c for cs in others.values() for c in cs], SETS[fname], 1.0)),
            t,
            veto,
        )
        left_total = loso.add(left_total, got)
        print(
            f"{left}: {fname} t={t} floor={veto} (others {loso.show(inner)}) -> {loso.show(got)}", flush=True
        )
    print(f"pooled left-out: {loso.show(left_total)}")
    probs = loso.out_of_fold(by_set, SETS["all+object"], 1.0)
    print("out of fold over all sets, all+object, threshold 0.55:")
    for veto in NAMES:
        total: loso.Counts = (0, 0, 0, 0, 0, 0)
        for s, claims in by_set.items():
            total = loso.add(total, loso.score(claims, probs[s], 0.55, veto))
        print(f"  floor {veto}: {loso.show(total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
