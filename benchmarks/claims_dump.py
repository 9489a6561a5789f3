"""Every claim of a sample of documents, dumped and compared: a speed change must not change them.

    .venv/bin/python -m benchmarks.claims_dump dump OUT.json [--docs 300] [--corpus DIR] [--profile N]
    .venv/bin/python -m benchmarks.claims_dump compare OLD.json NEW.json

``dump`` runs ``detect_document`` over ``--docs`` BBC articles (a seeded sample; ``--docs 0`` for
all 2,225) and the seeds, with their sentences segmented first, and writes every claim (document,
span, kinds, score, speaker, cues) to OUT.json with the detection's CPU time and sentences per
CPU-second (``time.process_time``, best of ``--repeat``; the load average is recorded).
It also reads every number of every sentence (``nkterm.numbers.quantities``: span, value, unit,
precision, as written, year) with that reader's CPU time. ``compare`` prints the documents whose
claims (or numbers, when both dumps hold them) differ in anything, the first differences, and
the speeds; it exits 1 when anything differs. Run the dump of the old code with this script and
the old tree first on the path (``PYTHONPATH=OLD_TREE python benchmarks/claims_dump.py dump
...``), in fresh processes, alternating old and new.
Imports no Textual and no Whoosh; BBC text is read from ../shared (``$NKTERM_BBC``), never copied.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import sys
import time
from pathlib import Path
from typing import Any

BBC = Path(os.environ.get("NKTERM_BBC", "/work/shared/corpora/bbc-news"))
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def documents(corpus: Path, n: int) -> list[Any]:
    from nkterm.corpus import read_document
    from nkterm.models import Document

    files = sorted(corpus.glob("*/*.txt"))
    if n:
        random.Random(16).shuffle(files)
        files = sorted(files[:n])
    docs = [
        Document(
            id=str(f.relative_to(corpus)), text=f.read_text(encoding="utf-8", errors="replace"), title=""
        )
        for f in files
    ]
    docs.extend(read_document(SEEDS, p.stem) for p in sorted(SEEDS.glob("*.txt")))
    return docs


def _numbers(docs: list[Any], repeat: int) -> tuple[dict[str, list[list[Any]]], float]:
    """Every quantity of every sentence, per document, and the best CPU time of reading them."""
    from nkterm.numbers import quantities

    texts = [[d.text[s.start : s.end] for s in d.sentences] for d in docs]
    cpu = float("inf")
    found: list[list[Any]] = []
    for _ in range(repeat):
        c0 = time.process_time()
        found = [[q for t in doc for q in quantities(t)] for doc in texts]
        cpu = min(cpu, time.process_time() - c0)
    out = {
        d.id: [[q.start, q.end, q.value, q.unit, q.precision, q.written, q.year] for q in qs]
        for d, qs in zip(docs, found, strict=True)
    }
    return out, cpu


def dump(args: argparse.Namespace) -> int:
    from nkterm.claims import detect_document

    docs = documents(args.corpus, args.docs)
    n_sent = sum(len(d.sentences) for d in docs)  # segmented (and cached) before the clock
    detect_document(docs[0])  # the model's load is start-up, not per-sentence cost
    cpu = float("inf")
    out: dict[str, list[list[Any]]] = {}
    for _ in range(args.repeat):
        c0 = time.process_time()
        found = [detect_document(d) for d in docs]
        cpu = min(cpu, time.process_time() - c0)
    for d, claims in zip(docs, found, strict=True):
        out[d.id] = [[c.start, c.end, list(c.kinds), c.score, c.speaker, list(c.cues)] for c in claims]
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for d in docs:
            detect_document(d)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
    numbers, numbers_cpu = _numbers(docs, args.repeat)
    result = {
        "docs": len(docs),
        "sentences": n_sent,
        "claims": sum(map(len, out.values())),
        "cpu": cpu,
        "sentences_per_cpu_s": n_sent / cpu,
        "numbers": numbers,
        "numbers_cpu": numbers_cpu,
        "load": os.getloadavg(),
        "code": sys.modules["nkterm"].__file__,
        "found": out,
    }
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")
    print(
        f"{len(docs)} documents, {n_sent:,} sentences, {result['claims']:,} claims: detection "
        f"{cpu:.3f} s CPU, {n_sent / cpu:,.0f} sentences per CPU-second, {cpu / len(docs) * 1e3:.2f} CPU "
        f"ms per document; numbers: {sum(map(len, numbers.values())):,} in {numbers_cpu:.3f} s CPU "
        f"(load {os.getloadavg()[0]:.1f})"
    )
    return 0


def compare(args: argparse.Namespace) -> int:
    old = json.loads(Path(args.old).read_text(encoding="utf-8"))
    new = json.loads(Path(args.new).read_text(encoding="utf-8"))
    differ = [
        d for d in sorted(set(old["found"]) | set(new["found"])) if old["found"].get(d) != new["found"].get(d)
    ]
    for name, r in (("old", old), ("new", new)):
        numbers = f", numbers {r['numbers_cpu']:.3f} s CPU" if "numbers_cpu" in r else ""
        print(
            f"{name}: {r['claims']:,} claims, {r['sentences_per_cpu_s']:,.0f} sentences/CPU-s"
            f"{numbers} ({r['code']})"
        )
    print(f"{len(differ)} of {len(old['found'])} documents differ")
    numbers_differ: list[str] = []
    if "numbers" in old and "numbers" in new:
        numbers_differ = [
            d
            for d in sorted(set(old["numbers"]) | set(new["numbers"]))
            if old["numbers"].get(d) != new["numbers"].get(d)
        ]
        print(f"numbers: {len(numbers_differ)} of {len(old['numbers'])} documents differ")
        for d in numbers_differ[:5]:
            print(f"  {d}: {old['numbers'].get(d)}\n  {' ' * len(d)}  {new['numbers'].get(d)}")
    for d in differ[:5]:
        a, b = old["found"].get(d, []), new["found"].get(d, [])
        for x, y in zip(a, b, strict=False):
            if x != y:
                print(f"  {d}: {x}\n  {' ' * len(d)}  {y}")
                break
        else:
            print(f"  {d}: {len(a)} vs {len(b)} claims")
    return 1 if differ or numbers_differ else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out")
    d.add_argument("--docs", type=int, default=300)
    d.add_argument("--corpus", type=Path, default=BBC)
    d.add_argument("--repeat", type=int, default=2)
    d.add_argument("--profile", type=int, default=0, help="print a cProfile top-N (own time)")
    c = sub.add_parser("compare")
    c.add_argument("old")
    c.add_argument("new")
    args = ap.parse_args(argv)
    return dump(args) if args.cmd == "dump" else compare(args)


if __name__ == "__main__":
    raise SystemExit(main())
