"""The worst query time per kind of query, at BBC size (issue 15).

The robustness suite fuzzes queries on the two seed documents, where nothing is slow; ranges of
words took 1.5-1.8 s of CPU at 2,225 BBC articles. This runs every kind of query the search bar
accepts (and the shapes it refuses) on an index of the BBC articles and reports, per kind, the
worst and median CPU time of the three calls a query costs the reader (``search``, ``hits_in``
for n/N, ``suggest``), and the query that was slowest. The target: under 1 s of CPU each.

    .venv/bin/python -m benchmarks.query_kinds                   # BBC from /work/shared or $NKTERM_BBC
    .venv/bin/python -m benchmarks.query_kinds --workdir /tmp/qk  # keep the copy and index
    .venv/bin/python -m benchmarks.query_kinds --per-kind 400 --json kinds.json

Random queries come from the robustness suite's Hypothesis strategy (``QUERIES``) and the
hand-picked adversarial list, so the shapes tried on the seeds are tried here at full size.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import random
import re
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpora import copy_bbc
from nkterm.index import Index

LIMIT = 1.0  # seconds of CPU per call


def _cpu(call: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.thread_time()
    result = call()
    return result, time.thread_time() - cpu, time.perf_counter() - wall


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def vocabulary(corpus: Path) -> tuple[list[str], list[str], list[str]]:
    """Common words, rare words (2-5 documents) and long words of the corpus."""
    counts: collections.Counter[str] = collections.Counter()
    for path in corpus.rglob("*.txt"):
        counts.update(set(re.findall(r"[a-z]{3,}", path.read_text("utf-8", "replace").lower())))
    common = [w for w, _n in counts.most_common(300)]
    rare = sorted(w for w, n in counts.items() if 2 <= n <= 5)
    long = sorted(w for w in counts if len(w) >= 11)
    return common, rare, long


def generated(kind: str, rng: random.Random, common: list[str], rare: list[str], long: list[str]) -> str:
    def word() -> str:
        return rng.choice(common if rng.random() < 0.6 else rare)

    if kind == "words":
        return " ".join(word() for _ in range(rng.randint(1, 6)))
    if kind == "phrases":
        return '"' + " ".join(word() for _ in range(rng.randint(2, 5))) + '"' + rng.choice(["", "~3", "~20"])
    if kind == "boolean":
        op = rng.choice([" AND ", " OR ", " NOT ", " AND NOT "])
        return (
            f"({word()} OR {word()}){op}{word()}" if rng.random() < 0.5 else op.join([word(), word(), word()])
        )
    if kind == "lucene operators":
        return rng.choice(
            [
                f"{word()} -{word()}",
                f"+{word()} {word()} -{word()}",
                f"{word()} || {word()} || {word()}",
                f"{word()} && {word()}",
                f"!{word()}",
                f"-{word()}",
                f"-{word()} -{word()}",
            ]
        )
    if kind == "prefixes and wildcards":
        w = rng.choice(common + long)
        return rng.choice(
            [w[:3] + "*", w[:4] + "*", w[:3] + "?" + w[4:], w[:3] + "*" + w[-2:], w[:3] + "*?*"]
        )
    if kind == "fuzzy words":
        n = rng.randint(1, 4)
        return " ".join(f"{rng.choice(long + rare)}~{rng.choice(['', '1', '2'])}" for _ in range(n))
    if kind == "fields":
        field = rng.choice(["title", "tag", "source", "kind", "speaker", "people", "author", "id", "section"])
        value = rng.choice([word(), "business", "sport", "quantity", "quote", word() + "*"])
        return f"{field}:{value} {word() if rng.random() < 0.5 else ''}".strip()
    if kind == "date ranges":
        a, b = sorted(rng.sample(range(1990, 2030), 2))
        return rng.choice([f"date:[{a} TO {b}]", f"date:>{a}", f"date:<{b}", f"{word()} date:[{a} TO {b}]"])
    if kind == "ranges of words (refused)":
        return rng.choice(
            ["[a TO z]", "{* TO zzzz}", "body:[0 TO ~]", "{a TO}", f"title:[{word()} TO {word()}]"]
        )
    raise ValueError(kind)


KINDS = [
    "words",
    "phrases",
    "boolean",
    "lucene operators",
    "prefixes and wildcards",
    "fuzzy words",
    "fields",
    "date ranges",
    "ranges of words (refused)",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.query_kinds", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--workdir", type=Path, help="keep the BBC copy and its index here (reused)")
    parser.add_argument("--per-kind", type=int, default=150, help="generated queries per kind (default 150)")
    parser.add_argument("--random", type=int, default=1000, help="random queries from the fuzz strategy")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="nkterm-query-kinds-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "bbc"
    copy_bbc(corpus)  # reused when already there
    index = Index(corpus, work / "index")
    t0 = time.perf_counter()
    report = index.update()
    print(
        f"index: {len(index)} documents ({report.added} added, {time.perf_counter() - t0:.1f} s)",
        file=sys.stderr,
    )
    common, rare, long = vocabulary(corpus)
    some_doc = index.summaries()[0].id

    rng = random.Random(args.seed)
    queries: list[tuple[str, str]] = [
        (kind, generated(kind, rng, common, rare, long)) for kind in KINDS for _ in range(args.per_kind)
    ]
    from hypothesis.errors import NonInteractiveExampleWarning

    from tests.robustness.test_queries import ADVERSARIAL, QUERIES

    queries += [("hand-picked adversarial", q) for q in ADVERSARIAL]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        queries += [("random (fuzz strategy)", QUERIES.example()) for _ in range(args.random)]

    rows: dict[str, list[tuple[float, float, str, str | None, float]]] = collections.defaultdict(list)
    for kind, text in queries:
        gc.freeze()
        try:
            result, search_cpu, search_wall = _cpu(lambda t=text: index.search(t))  # type: ignore[misc]
            first = result.hits[0].id if result.hits else some_doc
            _spans, hits_cpu, hits_wall = _cpu(lambda t=text, d=first: index.hits_in(d, t))  # type: ignore[misc]
            _s, suggest_cpu, suggest_wall = _cpu(lambda t=text: index.suggest(t))  # type: ignore[misc]
        finally:
            gc.unfreeze()
        rows[kind].append(
            (
                max(search_cpu, hits_cpu, suggest_cpu),
                max(search_wall, hits_wall, suggest_wall),
                text,
                result.error,
                search_cpu,
            )
        )

    figures = {}
    print(
        f"\n{'kind':28} {'n':>5} {'refused':>8} {'median ms':>10} {'p95 ms':>7} {'worst ms':>9} {'worst wall':>10}"
        f" {'search med':>10} {'search p95':>10}  slowest query"
    )
    for kind in [*KINDS, "hand-picked adversarial", "random (fuzz strategy)"]:
        found = rows[kind]
        worst = max(found, key=lambda r: r[0])
        refused = sum(1 for r in found if r[3])
        median = statistics.median(r[0] for r in found)
        p95 = _p95([r[0] for r in found])
        search_only = [r[4] for r in found]
        figures[kind] = {
            "queries": len(found),
            "refused": refused,
            "median_cpu_ms": round(median * 1000, 1),
            "p95_cpu_ms": round(p95 * 1000, 1),
            "search_median_cpu_ms": round(statistics.median(search_only) * 1000, 2),
            "search_p95_cpu_ms": round(_p95(search_only) * 1000, 2),
            "worst_cpu_ms": round(worst[0] * 1000, 1),
            "worst_wall_ms": round(max(r[1] for r in found) * 1000, 1),
            "slowest": worst[2][:80],
        }
        print(
            f"{kind:28} {len(found):5} {refused:8} {median * 1000:10.1f} {p95 * 1000:7.1f} {worst[0] * 1000:9.1f} "
            f"{max(r[1] for r in found) * 1000:10.1f} {statistics.median(search_only) * 1000:10.2f}"
            f" {_p95(search_only) * 1000:10.2f}  {worst[2][:60]!r}"
        )
    over = [(k, r[2]) for k, found in rows.items() for r in found if r[0] > LIMIT]
    print(
        f"\n{len(queries)} queries; {len(over)} over {LIMIT:g} s of CPU" + (f": {over[:5]}" if over else "")
    )
    if args.json:
        args.json.write_text(json.dumps({"documents": len(index), "kinds": figures}, indent=2), "utf-8")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
