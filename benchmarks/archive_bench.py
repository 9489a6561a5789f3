"""``python -m benchmarks.archive_bench [N] [--json FILE]``: the news-archive targets of issue 20.

Writes an agency archive of N documents (``benchmarks.archive_corpus``, default 2,000) into a
temporary folder, builds its index, and measures, in this process (no Textual):

- first list: the reader's first list, read from the index folder (``quick_summaries``) and
  sorted by title (``Listing.rows``), as the reader does before Whoosh is imported;
- date sort: the list sorted newest first, from the title order (``Listing.rows("date")``);
- date-filtered query: median and p95 of queries with ``date:``/``source:`` filters, top 40 with
  20 snippets as the search bar asks (the filters' first use included in the samples);
- timeline for a search: the same search with ``timeline=True`` (every hit counted per month)
  and the month bars drawn (``Timeline.of_months(...).bars``), and its extra cost over the
  search alone.

Targets (issue 20, at 20,000 documents): first list < 0.5 s, date sort < 50 ms, filtered query
p95 < 16 ms, timeline < 30 ms. Imports nothing from Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.index_bench import percentile
from nkterm.synthetic.archive import write_archive

FILTERED_QUERIES = (
    "flood date:2024-08",
    "missile date:[2024-01 TO 2024-06]",
    "source:kcna date:2023",
    "greetings source:yonhap",
    "date:2025-07",
    "production date:[2024-07-25 TO 2024-08-05]",
    "delegation date:[2025 TO]",
    "rain source:reuters date:2024",
)
TIMELINE_QUERIES = ("flood", "missile", "kim jong un", "production", "date:2024")
TARGETS_MS = {"first_list": 500.0, "date_sort": 50.0, "filtered_p95": 16.0, "timeline": 30.0}


CPU_MS: list[float] = []  # the CPU time of every _timed call, in order (the machine is shared)


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    c0 = time.process_time()
    t0 = time.perf_counter()
    value = fn()
    CPU_MS.append((time.process_time() - c0) * 1000)
    return (time.perf_counter() - t0) * 1000, value


def _workspace(workdir: Path | None) -> Any:
    if workdir is None:
        return tempfile.TemporaryDirectory(prefix="nk-archive-bench-")
    workdir.mkdir(parents=True, exist_ok=True)
    return contextlib.nullcontext(str(workdir))


def run(n: int, rounds: int = 20, workdir: Path | None = None, reuse_index: bool = False) -> dict[str, Any]:
    from nkterm.index import Index
    from nkterm.listing import Timeline
    from nkterm.manifest import quick_summaries
    from nkterm.tui.view.listing import Listing  # pure data, no Textual

    with _workspace(workdir) as tmp:
        root = Path(tmp)
        done = root / "corpus.json"  # a kept corpus (--workdir) is written once and reused
        if done.exists() and json.loads(done.read_text("utf-8"))["n"] == n:
            flood = json.loads(done.read_text("utf-8"))["flood"]
        else:
            shutil.rmtree(root / "corpus", ignore_errors=True)
            flood = write_archive(root / "corpus", n).topics["flood"]
            done.write_text(json.dumps({"n": n, "flood": flood}), "utf-8")
        if not reuse_index:
            shutil.rmtree(root / "index", ignore_errors=True)
        t_build, _ = _timed(lambda: Index(root / "corpus", root / "index").update())
        cpu_build = CPU_MS[-1]

        first: list[float] = []
        sort: list[float] = []
        for _ in range(5):
            ms, _rows = _timed(lambda: Listing(quick_summaries(root / "index") or []).rows("title"))
            first.append(ms)
        listing = Listing(quick_summaries(root / "index") or [])
        listing.rows("title")
        for _ in range(5):
            fresh = Listing(listing.summaries)
            fresh.rows("title")
            ms, _ = _timed(lambda fresh=fresh: fresh.rows("date"))  # type: ignore[misc]
            sort.append(ms)

        index = Index(root / "corpus", root / "index")
        index.search("warm up", limit=1)
        filtered: list[float] = []
        filtered_cpu: list[float] = []
        bare: list[float] = []  # the same without snippets: the filters' and Whoosh's own cost
        totals: dict[str, int] = {}
        for _ in range(rounds):
            for q in FILTERED_QUERIES:
                ms, result = _timed(lambda q=q: index.search(q, limit=40, offsets_for=20, suggest=False))  # type: ignore[misc]
                assert result.error is None, (q, result.error)
                filtered.append(ms)
                filtered_cpu.append(CPU_MS[-1])
                totals[q] = result.total
                ms, _ = _timed(lambda q=q: index.search(q, limit=40, offsets_for=0, suggest=False))  # type: ignore[misc]
                bare.append(ms)
        plain: list[float] = []
        with_timeline: list[float] = []
        timeline_cpu: list[float] = []
        for _ in range(rounds):
            for q in TIMELINE_QUERIES:
                ms, _ = _timed(lambda q=q: index.search(q, limit=40, offsets_for=20, suggest=False))  # type: ignore[misc]
                plain.append(ms)

                def timeline(q: str = q) -> Any:
                    result = index.search(q, limit=40, offsets_for=20, suggest=False, timeline=True)
                    return Timeline.of_months(Counter(dict(result.months))).bars(100)

                ms, _ = _timed(timeline)
                with_timeline.append(ms)
                timeline_cpu.append(CPU_MS[-1])
        index.close()
    out = {
        "documents": n,
        "flood_reports": flood,
        "build_s": round(t_build / 1000, 1),
        "build_main_cpu_s": round(cpu_build / 1000, 1),
        "first_list_ms": round(statistics.median(first), 1),
        "date_sort_ms": round(statistics.median(sort), 1),
        "filtered_query_ms": {
            "median": round(statistics.median(filtered), 2),
            "p95": round(percentile(filtered, 95), 2),
            "max": round(max(filtered), 2),
        },
        "filtered_query_no_snippets_ms": {
            "median": round(statistics.median(bare), 2),
            "p95": round(percentile(bare, 95), 2),
        },
        "search_ms": {"median": round(statistics.median(plain), 2), "p95": round(percentile(plain, 95), 2)},
        "search_with_timeline_ms": {
            "median": round(statistics.median(with_timeline), 2),
            "p95": round(percentile(with_timeline, 95), 2),
        },
        "filtered_query_cpu_ms": {
            "median": round(statistics.median(filtered_cpu), 2),
            "p95": round(percentile(filtered_cpu, 95), 2),
        },
        "search_with_timeline_cpu_ms": {
            "median": round(statistics.median(timeline_cpu), 2),
            "p95": round(percentile(timeline_cpu, 95), 2),
        },
        "timeline_extra_ms_median": round(statistics.median(with_timeline) - statistics.median(plain), 2),
        "totals": totals,
        "load": os.getloadavg()[0],
    }
    out["pass"] = {
        "first_list": out["first_list_ms"] < TARGETS_MS["first_list"],
        "date_sort": out["date_sort_ms"] < TARGETS_MS["date_sort"],
        "filtered_p95": out["filtered_query_ms"]["p95"] < TARGETS_MS["filtered_p95"],
        "timeline": out["search_with_timeline_ms"]["p95"] < TARGETS_MS["timeline"],
    }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.archive_bench")
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--workdir", type=Path, help="keep the archive here and reuse it (the index is rebuilt each run)"
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="with --workdir: keep its index (brought up to date, not rebuilt)",
    )
    args = parser.parse_args(argv)
    result = run(args.n, args.rounds, args.workdir, args.reuse_index)
    print(
        f"archive of {result['documents']:,} documents (built in {result['build_s']} s, load {result['load']:.1f})"
    )
    f = result["filtered_query_ms"]
    t = result["search_with_timeline_ms"]
    rows = [
        (
            "first list (manifest + title sort)",
            f"{result['first_list_ms']} ms",
            "< 500 ms",
            result["pass"]["first_list"],
        ),
        ("date sort (newest first)", f"{result['date_sort_ms']} ms", "< 50 ms", result["pass"]["date_sort"]),
        (
            "date-filtered query p95 (20 snippets)",
            f"{f['p95']} ms (median {f['median']})",
            "< 16 ms",
            result["pass"]["filtered_p95"],
        ),
        (
            "  the same without snippets",
            f"{result['filtered_query_no_snippets_ms']['p95']} ms (median {result['filtered_query_no_snippets_ms']['median']})",
            "",
            result["filtered_query_no_snippets_ms"]["p95"] < TARGETS_MS["filtered_p95"],
        ),
        (
            "search + timeline p95",
            f"{t['p95']} ms (median {t['median']}; +{result['timeline_extra_ms_median']} over the search)",
            "< 30 ms",
            result["pass"]["timeline"],
        ),
    ]
    for name, value, target, ok in rows:
        print(f"  {name:<36} {value:<48} {target:<10} {'PASS' if ok else 'FAIL'}")
    fc, tc = result["filtered_query_cpu_ms"], result["search_with_timeline_cpu_ms"]
    print(
        f"  CPU: filtered query p95 {fc['p95']} ms (median {fc['median']}); search + timeline p95 "
        f"{tc['p95']} ms (median {tc['median']}); build main process {result['build_main_cpu_s']} s"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
