"""Search on an index of several segments, before and after merging them into one.

    python -m benchmarks.merge_bench --corpus DIR [--batch 500] [--passes 3] [--workdir DIR]

A large build commits every ``nkterm.build.BATCH`` documents (5,000: a 20k build leaves 4-5
segments) and an update of 50 or more documents adds one; every query visits each segment.
This builds ``--corpus`` committing every ``--batch`` documents (BBC, 500: 5 segments, as a
20k build has), times the benchmark's queries (``index_bench.QUERIES``, top 10 with
snippets), merges with ``Index.optimize``, and times them again. Medians and p95 of wall and
CPU milliseconds per query, overall and per kind.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import index_bench as ib


def _latency(index: Any, passes: int) -> dict[str, Any]:
    return ib.search_latency(index, ib.QUERIES, passes)


def _line(label: str, res: dict[str, Any]) -> str:
    return (
        f"{label:<28} wall median {res['median_ms']:6.1f} p95 {res['p95_ms']:6.1f} ms   "
        f"cpu median {res['cpu_median_ms']:6.1f} p95 {res['cpu_p95_ms']:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    import nkterm.build as build_module
    from nkterm.index import Index

    work = args.workdir or Path(tempfile.mkdtemp(prefix="nkterm-merge-"))
    directory = work / "index"
    shutil.rmtree(directory, ignore_errors=True)
    build_module.BATCH = args.batch
    t0 = time.perf_counter()
    index = Index(args.corpus, directory)
    report = index.update()
    print(
        f"built {report.added} documents in {time.perf_counter() - t0:.1f} s, {index.segment_count()} segments"
    )
    index.close()
    index = Index(args.corpus, directory)
    before = _latency(index, args.passes)
    print(_line(f"{index.segment_count()} segments", before))
    t0 = time.perf_counter()
    index.optimize()
    merged_in = time.perf_counter() - t0
    index.close()
    index = Index(args.corpus, directory)
    after = _latency(index, args.passes)
    print(_line(f"1 segment (merged in {merged_in:.1f} s)", after))
    kinds = sorted({q.kind for q in ib.QUERIES})
    for kind in kinds:
        b, a = before["by_kind"][kind], after["by_kind"][kind]
        print(f"  {kind:<8} wall median {b['median_ms']:6.1f} -> {a['median_ms']:6.1f} ms")
    index.close()
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
