"""Parse time per query, per kind of query: nkterm's parse into the query tree
(``nkterm.search.query.prepare``, uncached: lint, field names, given names, the Lark parse,
the filters) and the Whoosh backend's translation of the tree (``Translator.query``).

The queries are ``benchmarks.query_kinds``'s generated kinds over a corpus's vocabulary (BBC
by default), so the figures line up with its search CPU times. CPU time (``thread_time``),
the median and p95 of ``--repeats`` rounds.

    .venv/bin/python -m benchmarks.query_parse                  # BBC from /work/shared or $NKTERM_BBC
    .venv/bin/python -m benchmarks.query_parse --corpus DIR --per-kind 100
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from benchmarks.corpora import bbc_dir
from benchmarks.query_kinds import KINDS, generated, vocabulary
from nkterm.search import query as query_module
from nkterm.search.querytree import Request
from nkterm.search.whoosh.parsing import Translator
from nkterm.search.whoosh.schema import make_schema


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.query_parse", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--corpus", type=Path, help="a folder of .txt files (default: the BBC articles)")
    parser.add_argument("--per-kind", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    corpus = args.corpus or bbc_dir()
    common, rare, long = vocabulary(corpus)
    rng = random.Random(args.seed)
    queries = [
        (kind, generated(kind, rng, common, rare, long)) for kind in KINDS for _ in range(args.per_kind)
    ]
    translator = Translator(make_schema())
    parse = query_module._prepare.__wrapped__  # the parse itself, not the memo
    query_module.prepare("warm up")  # the grammar is built once per process
    parse_ms: dict[str, list[float]] = {kind: [] for kind in KINDS}
    translate_ms: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for _ in range(args.repeats):
        for kind, text in queries:
            t = time.thread_time()
            request = parse(query_module.one_line(text))
            parse_ms[kind].append((time.thread_time() - t) * 1000)
            if isinstance(request, Request):
                t = time.thread_time()
                translator.query(request.node)
                translate_ms[kind].append((time.thread_time() - t) * 1000)
    print(f"{'kind':28} {'parse med':>9} {'p95':>6} {'translate med':>13} {'p95':>6}  (ms CPU)")
    for kind in KINDS:
        p, tr = parse_ms[kind], translate_ms[kind] or [0.0]
        print(
            f"{kind:28} {statistics.median(p):9.3f} {_p95(p):6.3f} {statistics.median(tr):13.3f} {_p95(tr):6.3f}"
        )
    every = [v for values in parse_ms.values() for v in values]
    print(
        f"\nall {len(queries)} queries: parse median {statistics.median(every):.3f} ms, p95 {_p95(every):.3f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
