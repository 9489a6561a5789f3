"""What claim detection costs an index build: this checkout against the detector before issue 16.

Three trees build the same corpus sample into fresh indexes, alternated round by round so they
share the machine's load:

- ``before``: the whole project at ``--rev`` (default: the commit before issue 16's claims work),
  extracted with ``git archive``;
- ``hybrid``: this checkout with ``nkterm/claims`` and its model taken from ``--rev`` (today's
  build with the old detector: isolates what the detector adds, since the rest of the build has
  changed since);
- ``now``: this checkout (copied at the start).

Each build runs ``Index(corpus, dir).update()`` in a child process with the build's worker
process switched off (``PARALLEL_MIN``), so the child's CPU time (user + system, from
``resource.getrusage``) is the whole build's; wall time is given beside it with the load
average before and after. ``--cli`` adds the real ``nkterm index`` (with its worker) and its
wall time. The issue's bar: the build no more than 10% slower than before (CPU, now vs hybrid).

Also prints detection alone (sentences already segmented, in-process) for ``hybrid`` and
``now`` on the same sample. Reads the BBC corpus from ../shared; needs git for ``--rev``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import REPO_ROOT

BBC_TECH = REPO_ROOT.parent.parent / "shared" / "corpora" / "bbc-news" / "tech"
BEFORE_ISSUE_16 = "dfcaecd"  # parent of 61312d8, the first commit of issue 16's claims work
TARGET_SLOWER = 0.10

_BUILD = """
import importlib, json, resource, sys, time
from pathlib import Path
for name in ("nkterm.build", "nkterm.index"):
    try:
        mod = importlib.import_module(name)
    except ImportError:
        continue
    if hasattr(mod, "PARALLEL_MIN"):
        mod.PARALLEL_MIN = 10**9
from nkterm.index import Index
t0 = time.perf_counter()
report = Index(Path(sys.argv[1]), Path(sys.argv[2])).update()
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "added": report.added}))
"""

_DETECT = """
import glob, json, sys, time
from pathlib import Path
from nkterm.models import Document
from nkterm.claims import detect_document
docs = [Document(id=Path(p).stem, text=Path(p).read_text(encoding="utf-8", errors="replace"), title=p)
        for p in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
n = sum(len(d.sentences) for d in docs)
detect_document(docs[0])
best = 1e9
for _ in range(3):
    t = time.process_time()
    for d in docs:
        detect_document(d)
    best = min(best, time.process_time() - t)
print(json.dumps({"cpu": best, "sentences": n}))
"""


# today's build passes the corpus's recurring lines, which the old detector does not take
_SHIM = """

_detect_document_before = detect_document


def detect_document(doc, *, recurring=frozenset()):  # noqa: F811 - benchmark shim
    return _detect_document_before(doc)
"""


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def make_trees(rev: str, work: Path) -> dict[str, Path]:
    before = work / "before"
    before.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO_ROOT), "archive", rev], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
    hybrid = work / "hybrid"
    shutil.copytree(
        REPO_ROOT / "nkterm", hybrid / "nkterm", ignore=shutil.ignore_patterns("__pycache__", "claims")
    )
    shutil.copytree(before / "nkterm" / "claims", hybrid / "nkterm" / "claims")
    for model in (before / "nkterm" / "data").glob("claims*"):
        shutil.copy2(model, hybrid / "nkterm" / "data" / model.name)
    with (hybrid / "nkterm" / "claims" / "__init__.py").open("a", encoding="utf-8") as init:
        init.write(_SHIM)
    now = work / "now"  # a copy: editing the checkout during a run changes nothing
    shutil.copytree(REPO_ROOT / "nkterm", now / "nkterm", ignore=shutil.ignore_patterns("__pycache__"))
    return {"before": before, "hybrid": hybrid, "now": now}


def child_env(tree: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
    for var in ("NKTERM_DATA", "NKTERM_STATE", "NKTERM_CONFIG", "NKTERM_CACHE"):
        env[var] = str(home / var.lower())
    return env


def run_json(code: str, args: list[str], env: dict[str, str]) -> dict[str, float]:
    import json

    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=str(env["NKTERM_DATA"]),
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"child failed ({args}):\n{out.stderr[-2000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=BBC_TECH, help="folder of .txt documents (BBC tech: 401)")
    ap.add_argument("--limit", type=int, default=0, help="build only the first N documents")
    ap.add_argument("--rev", default=BEFORE_ISSUE_16, help="the 'before' commit")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--cli", action="store_true", help="also time the real `nkterm index` (with its worker)")
    ap.add_argument("--no-detect", action="store_true", help="skip the detection-only figures")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: nothing measured")
        return 0
    with tempfile.TemporaryDirectory(prefix="nkterm-claims-build-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        files = sorted(args.corpus.glob("*.txt"))
        for f in files[: args.limit or None]:
            shutil.copy2(f, corpus / f.name)
        n_docs = len(list(corpus.iterdir()))
        trees = make_trees(args.rev, work)
        print(f"corpus: {n_docs} documents from {args.corpus}; before = {args.rev}; {args.rounds} rounds")
        results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        cli: dict[str, list[float]] = {name: [] for name in trees}
        for r in range(args.rounds):
            for name, tree in trees.items():
                home = work / f"home-{name}-{r}"
                for sub in ("nkterm_data", "nkterm_state", "nkterm_config", "nkterm_cache"):
                    (home / sub).mkdir(parents=True)
                env = child_env(tree, home)
                before_load = load()
                got = run_json(_BUILD, [str(corpus), str(home / "index")], env)
                got["load_before"], got["load_after"] = before_load, load()  # type: ignore[assignment]
                results[name].append(got)
                print(
                    f"  round {r + 1} {name:6}: {got['cpu']:6.2f} s CPU  {got['wall']:6.2f} s wall  "
                    f"{int(got['added'])} docs  (load {before_load} -> {got['load_after']})",
                    flush=True,
                )
                if args.cli:
                    t0 = time.perf_counter()
                    subprocess.run(
                        [sys.executable, "-m", "nkterm", "index", "--corpus", str(corpus), "--index",
                         str(home / "index-cli"), "--quiet"],
                        env=env, cwd=str(home), check=True,
                    )  # fmt: skip
                    cli[name].append(time.perf_counter() - t0)
                    print(f"           nkterm index (with worker): {cli[name][-1]:6.2f} s wall", flush=True)
        best = {name: min(x["cpu"] for x in runs) for name, runs in results.items()}
        median = {name: statistics.median(x["cpu"] for x in runs) for name, runs in results.items()}
        print("\nbuild CPU (in-process, no worker): best and median of rounds")
        for name, cpu in best.items():
            print(f"  {name:6} {cpu:6.2f} s  median {median[name]:6.2f} s")
        print(
            f"  medians: now vs hybrid {median['now'] / median['hybrid'] - 1:+.1%}, "
            f"now vs before {median['now'] / median['before'] - 1:+.1%}"
        )
        slower = best["now"] / best["hybrid"] - 1
        print(
            f"  best: now vs hybrid (what the detector adds to today's build): {slower:+.1%}  "
            f"<= {TARGET_SLOWER:.0%}: {'PASS' if slower <= TARGET_SLOWER else 'FAIL'}"
        )
        print(
            f"  now vs before ({args.rev}, the whole project then): {best['now'] / best['before'] - 1:+.1%}"
        )
        if args.cli:
            print(
                "nkterm index wall, best of rounds: "
                + ", ".join(f"{k} {min(v):.2f} s" for k, v in cli.items())
            )
        if not args.no_detect:
            print("\ndetection alone (sentences segmented, in-process, best of 3):")
            for name in ("hybrid", "now", "hybrid", "now"):
                home = work / "home-detect"
                (home / "nkterm_data").mkdir(parents=True, exist_ok=True)
                got = run_json(_DETECT, [str(corpus)], child_env(trees[name], home))
                print(
                    f"  {name:6} {got['cpu']:5.2f} s CPU, {got['sentences'] / got['cpu']:7,.0f} sentences "
                    f"per CPU-second (load {load()})",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
