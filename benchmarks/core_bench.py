"""Build, no-change re-run and search of one corpus, for before/after figures of the core.

    python -m benchmarks.core_bench --corpus DIR [--passes 5] [--workdir DIR] [--json FILE]

Builds ``--corpus`` from scratch with ``Index.update`` (the worker process as in a real run;
the CPU figure adds the worker's, reaped when the pool ends), times three no-change re-runs,
merges the segments as ``nkterm index`` does, then times the benchmark's queries
(``index_bench.QUERIES``: top 10 with snippets; "did you mean" on demand) and fuzzy words and
suggestions on their own. Wall and CPU milliseconds; the load average is printed beside.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import index_bench as ib


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from nkterm.index import Index

    work = args.workdir or Path(tempfile.mkdtemp(prefix="nkterm-core-"))
    directory = work / "index"
    shutil.rmtree(directory, ignore_errors=True)
    out: dict[str, Any] = {"load_before": os.getloadavg()}
    index = Index(args.corpus, directory)
    t0, c0 = time.perf_counter(), _cpu()
    report = index.update()
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    out["build"] = {
        "docs": report.added,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "docs_per_s": round(report.added / wall, 1),
        "segments": index.segment_count(),
        "index_mb": round(sum(p.stat().st_size for p in directory.iterdir() if p.is_file()) / 1e6, 1),
    }
    reruns = []
    for _ in range(3):
        t0 = time.perf_counter()
        index.update()
        reruns.append(time.perf_counter() - t0)
    out["no_change_median_s"] = round(statistics.median(reruns), 3)
    t0 = time.perf_counter()
    index.optimize()
    out["merge_s"] = round(time.perf_counter() - t0, 2)
    index.close()
    index = Index(args.corpus, directory)
    res = ib.search_latency(index, ib.QUERIES, args.passes)
    out["search"] = {
        "median_ms": round(res["median_ms"], 2),
        "p95_ms": round(res["p95_ms"], 2),
        "cpu_median_ms": round(res["cpu_median_ms"], 2),
        "cpu_p95_ms": round(res["cpu_p95_ms"], 2),
        "suggest_median_ms": round(res["suggest_median_ms"], 2),
        "by_kind_median_ms": {k: round(v["median_ms"], 2) for k, v in sorted(res["by_kind"].items())},
        "cpu_by_kind_ms": {
            k: {"median": round(v["median"], 2), "p95": round(v["p95"], 2)}
            for k, v in sorted(res["cpu_by_kind"].items())
        },
        "cpu_terms_and_or_not_fields": {
            "median": round(res["cpu_target_kinds_median_ms"], 2),
            "p95": round(res["cpu_target_kinds_p95_ms"], 2),
        },
        "suggestions": {q["query"]: q["suggestion"] for q in res["queries"] if q["kind"] == "typo"},
        "fuzzy_totals": {q["query"]: q["total"] for q in res["queries"] if q["kind"] == "fuzzy"},
    }
    out["load_after"] = os.getloadavg()
    index.close()
    text = json.dumps(out, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text, "utf-8")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
