"""Leave-one-split-out choice of the session-16 "same" guards (``params.SAME_ORDINALS``,
``params.SAME_ASIDES``, ``params.SAME_PREDICATE_MIN``) over the labelled pair splits.

    python -m benchmarks.same_loso [--index DIR] [--unlabelled N]

For each configuration, every seen pair split is judged once (``compare_eval.evaluate_pairs``).
Then, per fold (one split left out), a configuration is adopted only if on the other splits it
raises right-minus-wrong "same" over the configuration without guards, with "same" precision
>= 0.85 (the one raising it most; ties: the first listed). Prints, per left-out split, the
configuration chosen and its "same" and conflicts figures beside those without guards, and the
pooled figures. ``--unlabelled N``: instead, the "same" pairs the shipped guards change on
unlabelled document pairs (N random BBC documents, seed 16, each with its best
``Index.more_like`` partner), listed for reading. Reads the BBC corpus like ``compare_eval``; owns nothing the application imports.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from benchmarks.compare_eval import BBC, HERE, PAIR_FILES, PENDING, SPLITS, evaluate_pairs
from nkterm.compare import align, corpus_idf, params
from nkterm.index import Index

# (ordinals, asides, the least predicate share for "same"): the first is the method without the
# session-16 guards
Config = tuple[bool, float | None, float | None]
CONFIGS: tuple[Config, ...] = tuple(
    (ordinals, asides, predicate)
    for predicate in (None, 0.25, 0.3)
    for ordinals in (False, True)
    for asides in (None, 0.1, 0.2, 0.3)
)
PRECISION_MIN = 0.85


def _name(config: Config) -> str:
    ordinals, asides, predicate = config
    parts = (
        (["ordinals"] if ordinals else [])
        + ([f"asides {asides:g}"] if asides is not None else [])
        + ([f"predicate {predicate:g}"] if predicate is not None else [])
    )
    return " + ".join(parts) or "none"


def _same(confusion: Counter[tuple[str, str]]) -> tuple[int, int, int]:
    """(right "same", wrong "same", labelled "same")."""
    given = sum(n for (_lab, got), n in confusion.items() if got == "same")
    right = confusion[("same", "same")]
    return right, given - right, sum(n for (lab, _got), n in confusion.items() if lab == "same")


def _conflicts(confusion: Counter[tuple[str, str]]) -> tuple[int, int, int]:
    given = sum(n for (_lab, got), n in confusion.items() if got == "conflicts")
    right = confusion[("conflicts", "conflicts")]
    return right, given, sum(n for (lab, _got), n in confusion.items() if lab == "conflicts")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else f"- (0/{b})"


def unlabelled_changes(index: Index, count: int) -> int:
    """Print the "same" pairs of ``count`` unlabelled document pairs that the guards change
    (the shipped parameters against ``CONFIGS[0]``)."""
    idf = corpus_idf(index)
    ids = sorted(s.id for s in index.summaries() if s.id != "README")
    chosen = random.Random(16).sample(ids, count)
    saved = params.SAME_ORDINALS, params.SAME_ASIDES, params.SAME_PREDICATE_MIN
    same_before = same_after = pairs_seen = 0
    changes: list[str] = []
    try:
        for doc_id in chosen:
            doc = index.document(doc_id)
            best = index.more_like(doc.text, exclude=doc_id, limit=1)
            if not best:
                continue
            other = index.document(best[0][0])
            params.SAME_ORDINALS, params.SAME_ASIDES, params.SAME_PREDICATE_MIN = CONFIGS[0]
            before = {(p.a.start, p.b.start): p for p in align(doc, other, idf=idf).pairs}
            params.SAME_ORDINALS, params.SAME_ASIDES, params.SAME_PREDICATE_MIN = saved
            after = {(p.a.start, p.b.start): p for p in align(doc, other, idf=idf).pairs}
            pairs_seen += len(after)
            same_before += sum(p.relation == "agrees" for p in before.values())
            same_after += sum(p.relation == "agrees" for p in after.values())
            for key, p in after.items():
                old = before.get(key)
                if old is not None and old.relation != p.relation:
                    changes.append(
                        f"{doc_id} | {other.id}: {old.relation} -> {p.relation} ({p.similarity:.2f}: {p.reason})\n"
                        f"    A: {p.a.text}\n    B: {p.b.text}"
                    )
    finally:
        params.SAME_ORDINALS, params.SAME_ASIDES, params.SAME_PREDICATE_MIN = saved
    print(
        f"{count} documents, {pairs_seen} aligned pairs; 'same' {same_before} -> {same_after}; {len(changes)} changed"
    )
    print("\n".join(changes))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, help="Whoosh index of the BBC corpus (built if missing)")
    parser.add_argument(
        "--unlabelled", type=int, metavar="N", help="list the changes on N unlabelled document pairs"
    )
    args = parser.parse_args(argv)
    if args.unlabelled:
        with tempfile.TemporaryDirectory() as tmp:
            index = Index(BBC, args.index or Path(tmp) / "index")
            if not index.exists() or index.doc_count() == 0:
                index.update()
            return unlabelled_changes(index, args.unlabelled)
    data: dict[str, Any] = {"document_pairs": []}
    for name in PAIR_FILES:
        loaded = yaml.safe_load((HERE / "data" / name).read_text(encoding="utf-8"))
        data["document_pairs"].extend(loaded["document_pairs"])
    splits = [s for s in SPLITS if s not in PENDING]
    saved = params.SAME_ORDINALS, params.SAME_ASIDES, params.SAME_PREDICATE_MIN
    results: dict[Config, dict[str, Counter[tuple[str, str]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(BBC, args.index or Path(tmp) / "index")
        if not index.exists() or index.doc_count() == 0:
            index.update()
        idf = corpus_idf(index)
        try:
            for config in CONFIGS:
                params.SAME_ORDINALS, params.SAME_ASIDES, params.SAME_PREDICATE_MIN = config
                results[config] = {s: evaluate_pairs(data, s, idf)[0] for s in splits}
        finally:
            params.SAME_ORDINALS, params.SAME_ASIDES, params.SAME_PREDICATE_MIN = saved
    base = CONFIGS[0]
    print("all splits, per configuration: right / wrong 'same' (precision)")
    for config in CONFIGS:
        right = sum(_same(results[config][s])[0] for s in splits)
        wrong = sum(_same(results[config][s])[1] for s in splits)
        print(f"  {_name(config):<22} {right} / {wrong} ({right / (right + wrong):.3f})")
    print(
        "\n| left out | chosen on the others | same P before | after | same R before | after | conflicts P/R after (before) |"
    )
    print("|---|---|---|---|---|---|---|")
    pooled = {"before": Counter[str](), "after": Counter[str]()}
    for held in splits:
        train = [s for s in splits if s != held]

        def score(config: Config, train: list[str] = train) -> tuple[int, int]:
            right = sum(_same(results[config][s])[0] for s in train)
            wrong = sum(_same(results[config][s])[1] for s in train)
            return right, wrong

        chosen = base
        best = score(base)[0] - score(base)[1]
        for config in CONFIGS[1:]:
            right, wrong = score(config)
            if right + wrong and right / (right + wrong) >= PRECISION_MIN and right - wrong > best:
                chosen, best = config, right - wrong
        row = []
        for when, config in (("before", base), ("after", chosen)):
            right, wrong, labelled = _same(results[config][held])
            c_right, c_given, c_labelled = _conflicts(results[config][held])
            pooled[when].update(
                right=right,
                given=right + wrong,
                labelled=labelled,
                c_right=c_right,
                c_given=c_given,
                c_labelled=c_labelled,
            )
            row.append((right, wrong, labelled, c_right, c_given, c_labelled))
        (r0, w0, l0, *_c0), (r1, w1, l1, cr, cg, cl) = row
        print(
            f"| {held} | {_name(chosen)} | {_ratio(r0, r0 + w0)} | {_ratio(r1, r1 + w1)} | {_ratio(r0, l0)} | "
            f"{_ratio(r1, l1)} | {_ratio(cr, cg)}, R {cr}/{cl} ({_ratio(row[0][3], row[0][4])}) |"
        )
    for when in ("before", "after"):
        p = pooled[when]
        print(
            f"pooled {when}: same P {_ratio(p['right'], p['given'])} R {_ratio(p['right'], p['labelled'])}; "
            f"conflicts P {_ratio(p['c_right'], p['c_given'])} R {_ratio(p['c_right'], p['c_labelled'])}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
