"""What ``nkterm search`` costs on a fresh index, wall time as the user waits for it.

    python -m benchmarks.cli_wall --corpus DIR --index DIR [--runs 7] [--query WORD]
    python -m benchmarks.cli_wall --walk-only DIR      # the two checks alone, on any folder

Before each command the CLI makes sure the index is current. It used to do a full no-change
update (``Index.update``: scan every file, read the manifest, open every segment); now the
library asks ``nkterm.freshness.is_current`` (a ``stat`` per file against the time of the last
full scan) and runs the full update only when something changed. Printed, medians of
``--runs``: the real ``python -m nkterm search QUERY --json`` (interpreter, imports, check,
search), ``python -c "import nkterm.cli"`` (the floor), and in this process the two checks
(``Library.is_current`` and a no-change ``Index.update``) and the search alone. ``--walk-only``
times ``freshness.changed_since`` against ``corpus.scan`` on a folder of any size without an
index (20,000 files: hard links to a corpus, so no index needs building).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _wall(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    def run() -> None:
        subprocess.run(cmd, check=True, capture_output=True, env=env)

    run()  # warm the file cache and the bytecode
    return _median(run, runs)


def walk_only(folder: Path, runs: int) -> None:
    from nkterm.corpus import scan
    from nkterm.freshness import changed_since

    since = time.time_ns()  # nothing is newer: the walk visits every file
    files = sum(len(f) for _d, _s, f in os.walk(folder))
    print(f"{folder}: {files} files")
    print(f"  corpus.scan (the old check's walk)      {_median(lambda: scan(folder), runs) * 1000:7.1f} ms")
    walk = _median(lambda: changed_since(folder, since), runs)
    print(f"  freshness.changed_since (the new walk)  {walk * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--query", default="government")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--walk-only", type=Path, metavar="DIR")
    args = parser.parse_args()
    if args.walk_only:
        walk_only(args.walk_only, args.runs)
        return
    if not args.corpus or not args.index:
        parser.error("--corpus and --index (or --walk-only)")
    from nkterm.index import Index
    from nkterm.library import Library

    env = {**os.environ, "NKTERM_CORPUS": str(args.corpus), "NKTERM_INDEX": str(args.index)}
    subprocess.run([sys.executable, "-m", "nkterm", "index", "-q"], check=True, env=env)
    time.sleep(2.1)  # past the freshness margin of anything the build touched
    subprocess.run([sys.executable, "-m", "nkterm", "index", "-q"], check=True, env=env)
    library = Library(args.corpus, args.index)
    print(f"{args.corpus}: {len(library)} documents; current: {library.is_current()}")
    search = _wall([sys.executable, "-m", "nkterm", "search", args.query, "--json"], args.runs, env)
    floor = _wall([sys.executable, "-c", "import nkterm.cli"], args.runs, env)
    print(f"  `nkterm search {args.query} --json`, wall      {search * 1000:7.0f} ms")
    print(f"  `python -c 'import nkterm.cli'`, wall        {floor * 1000:7.0f} ms")
    print(
        f"  Library.is_current (the new check)         {_median(library.is_current, args.runs) * 1000:7.1f} ms"
    )

    def old_check() -> None:
        index = Index(args.corpus, args.index)
        index.update()
        index.close()

    print(f"  Index.update, no change (the old check)    {_median(old_check, args.runs) * 1000:7.1f} ms")
    library.search(args.query)
    search_ms = _median(lambda: library.search(args.query), args.runs) * 1000
    print(f"  Library.search, top 10 with snippets       {search_ms:7.1f} ms")


if __name__ == "__main__":
    main()
