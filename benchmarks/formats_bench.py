"""Formats benchmark: documents per second for each format nkterm reads besides text.

Generates ``--files`` files per format (default 200; HTML pages of ~500 words, PDFs of three
pages, EPUBs of three chapters, DOCX interviews, WARC files of two pages, RSS feeds of three
entries) with the formats' own libraries (``tests/unit/format_files.py``), then measures:

- extract: the reader alone, in this process (documents/s wall and per CPU second, i.e. per core);
- capped: the same files through the capped child process the build uses (IPC and caps included);
- index: ``Index.update`` on the folder of that format (read, segment, claims, Whoosh);
- re-run: a second ``Index.update`` with nothing changed (a scan of sizes and times).

Usage: ``python -m benchmarks.formats_bench [--files N] [--formats html,pdf,...] [--json FILE]``.
Imports nkterm's public API and the standard library only (never Whoosh or Textual).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT))

from tests.unit import format_files as ff

SENTENCES = (
    "The delegation arrived in Pyongyang on a grey morning, escorted by two minders.",
    "Prices at the Hyesan market rose sharply in the winter, traders said.",
    "According to the guide, the subway stations double as air raid shelters.",
    "More than 300 workers were sent to the construction site in 2019.",
    '"We were told to bow before the statues," one visitor recalled.',
    "The harvest was poor after the floods in South Hwanghae province.",
    "Officials said the new rail link would carry freight to Russia by spring.",
    "Most defectors cross the Yalu river at night with the help of a broker.",
    "The factory in Kangso resumed production after a pause of six months.",
    "Fishing boats from Chongjin were found drifting off the coast of Japan.",
)


def _paragraphs(rng: random.Random, n: int, size: int = 5) -> list[str]:
    return [
        " ".join(rng.choice(SENTENCES) for _ in range(size)) + f" Item {rng.randrange(10**6)}."
        for _ in range(n)
    ]


def generate(kind: str, folder: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` files of ``kind``; returns the number of documents they hold."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    docs = 0
    for i in range(count):
        date = f"20{10 + i % 10}-0{1 + i % 9}-1{i % 9}"
        if kind == "txt":  # the baseline: the same kind of text, nothing to extract
            text = f"Story {i}\n\n" + "\n\n".join(_paragraphs(rng, 12)) + "\n"
            (folder / f"t{i:04d}.txt").write_text(text, "utf-8")
            docs += 1
        elif kind == "html":
            ff.write_html(folder / f"p{i:04d}.html", f"Story {i}", "Jane Roe", date, _paragraphs(rng, 12))
            docs += 1
        elif kind == "pdf":
            pages = [[s for p in _paragraphs(rng, 3, 2) for s in _lines(p)] for _ in range(3)]
            ff.write_pdf(folder / f"r{i:04d}.pdf", pages, title=f"Report {i}", author="John Doe", date=date)
            docs += 1
        elif kind == "epub":
            chapters = [(f"Chapter {c}", _paragraphs(rng, 6)) for c in range(1, 4)]
            ff.write_epub(folder / f"b{i:04d}.epub", f"Book {i}", "Lee Author", date, chapters)
            docs += 1
        elif kind == "docx":
            sections = [(f"Part {c}", _paragraphs(rng, 4)) for c in range(1, 4)]
            ff.write_docx(folder / f"i{i:04d}.docx", f"Interview {i}", "Kim Researcher", sections)
            docs += 1
        elif kind == "warc":
            pages = [
                (
                    f"https://news.example.org/{i}/{j}",
                    f"2021-03-0{1 + j}T05:06:07Z",
                    ff.page_html(f"Archived {i}.{j}", "Ann Writer", date, _paragraphs(rng, 8)),
                )
                for j in range(2)
            ]
            ff.write_warc(folder / f"c{i:04d}.warc.gz", pages)
            docs += 2
        elif kind == "rss":
            entries = [
                (
                    f"g{i}-{j}",
                    f"Entry {i}.{j}",
                    "Reporter",
                    "Mon, 06 Jan 2020 10:00:00 GMT",
                    " ".join(_paragraphs(rng, 3)),
                )
                for j in range(3)
            ]
            ff.write_rss(folder / f"f{i:04d}.rss", "Korea Feed", entries)
            docs += 3
        else:
            raise ValueError(kind)
    return docs


def _lines(paragraph: str, width: int = 80) -> list[str]:
    out, line = [], ""
    for word in paragraph.split():
        if len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*out, line] if line else out


def _timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def _children_cpu() -> float:
    usage = os.times()
    return usage.children_user + usage.children_system


def measure(kind: str, work: Path, count: int) -> dict[str, Any]:
    from nkterm.corpus.readers import capped
    from nkterm.index import Index

    folder = work / kind
    expected = generate(kind, folder, count)
    files = sorted(p for p in folder.iterdir() if p.is_file())

    def extract(reader: Callable[[Path, str], Any]) -> int:
        return sum(len(reader(p, p.name).documents) for p in files)

    n, wall, cpu, n_capped, wall_capped = len(files), 0.0, 0.0, 0, 0.0
    if kind != "txt":
        capped.read_uncapped(files[0], files[0].name)  # imports outside the timing
        n, wall, cpu = _timed(lambda: extract(capped.read_uncapped))
        capped.read_capped(files[0], files[0].name)  # the child started outside the timing
        n_capped, wall_capped, _cpu = _timed(lambda: extract(capped.read_capped))
    index_dir = work / f"{kind}-index"
    children = _children_cpu()
    report, wall_index, cpu_index = _timed(lambda: Index(folder, index_dir).update())
    # the build's CPU: this process (claims, Whoosh) and the reader child (extraction), which
    # counts once it has exited: stop it here
    if capped._child is not None:
        capped._child.stop()
        capped._child = None
    cpu_index += _children_cpu() - children
    rerun, wall_rerun, _ = _timed(lambda: Index(folder, index_dir).update())
    return {
        "format": kind,
        "files": len(files),
        "documents": n,
        "expected": expected,
        "extract_docs_per_s": round(n / wall, 1) if wall else None,
        "extract_docs_per_cpu_s": round(n / cpu, 1) if cpu else None,
        "capped_docs_per_s": round(n_capped / wall_capped, 1) if wall_capped else None,
        "index_docs_per_s": round(report.added / wall_index, 1),
        "index_docs_per_cpu_s": round(report.added / max(cpu_index, 1e-9), 1),
        "index_added": report.added,
        "index_problems": len(report.problems),
        "rerun_s": round(wall_rerun, 3),
        "rerun_touched": rerun.touched,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--formats", default="txt,html,pdf,epub,docx,warc,rss")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="nkterm-formats-"))
    rows = []
    try:
        for kind in args.formats.split(","):
            rows.append(measure(kind.strip(), work, args.files))
            print(json.dumps(rows[-1]), file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    head = ("format", "files", "docs", "extract/s", "per core", "capped/s", "index/s", "per core", "re-run s")
    keys = (
        "format",
        "files",
        "documents",
        "extract_docs_per_s",
        "extract_docs_per_cpu_s",
        "capped_docs_per_s",
        "index_docs_per_s",
        "index_docs_per_cpu_s",
        "rerun_s",
    )
    print(" ".join(f"{h:>9}" for h in head))
    for r in rows:
        print(" ".join(f"{'-' if r[k] is None else r[k]!s:>9}" for k in keys))
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "load": load}, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
