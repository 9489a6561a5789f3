"""``python -m benchmarks.tui_frames``: frame times at scale (issues 19 and 20).

With the real app under Textual's headless driver, times every frame drawn while the keys
that move through long things are pressed, and each key to the first frame showing it:

- the document list with 20,000 rows (synthetic summaries, as the index worker would post
  them): j, k, pagedown, pageup;
- a 100,000-word document in the reader: j, k, pagedown, pageup;
- the search result list with 5,000 results (a synthetic answer: the list and its rows, not
  the index, are measured here): down, up, pagedown, pageup.

Target: no frame over 50 ms. A frame is the screen's compositor refresh (``Frames``), timed
on the wall clock and in the UI thread's CPU time (what it costs, apart from waiting for a
CPU); ``key`` is from the key press to the first frame showing its effect. The machine's load
is printed beside the figures: on a shared machine a frame waits for the CPU too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.tui_measure import SIZE, Frames, KeyRun, quicker_pilot, settle, timed_key, until

FRAME_TARGET_MS = 50.0


class FrameCpu:
    """The UI thread's CPU time for each frame (``time.thread_time`` around the compositor
    refresh): what a frame costs, apart from waiting for a CPU on a loaded machine."""

    def __init__(self) -> None:
        from textual.screen import Screen

        self.times: list[float] = []
        self.cpu_ms: list[float] = []
        original = Screen._compositor_refresh
        record = self

        def wrapped(screen: Any) -> None:
            c0 = time.thread_time()
            original(screen)
            if screen is screen.app.screen:
                record.cpu_ms.append((time.thread_time() - c0) * 1000)
                record.times.append(time.perf_counter())

        Screen._compositor_refresh = wrapped  # type: ignore[method-assign]

    def since(self, t0: float) -> list[float]:
        return [c for t, c in zip(self.times, self.cpu_ms, strict=False) if t >= t0]


def _frames_since(frames: Frames, t0: float) -> list[float]:
    return [d * 1000 for t, d in zip(frames.times, frames.durations, strict=False) if t >= t0]


async def _keys(
    pilot: Any, frames: Frames, cpu: FrameCpu, probe: Any, keys: list[str], repeats: int
) -> dict[str, Any]:
    """Each key ``repeats`` times (``probe`` says what it moved); per key: key-to-frame
    latencies, and the longest frame drawn meanwhile."""
    out: dict[str, Any] = {}
    for key in keys:
        run = KeyRun()
        t0 = time.perf_counter()
        for _ in range(repeats):
            await timed_key(pilot, frames, key, probe, run)
        drawn = _frames_since(frames, t0)
        spent = cpu.since(t0)
        out[key] = {
            "frame_cpu_max_ms": max(spent) if spent else float("nan"),
            "key_median_ms": statistics.median(run.ms) if run.ms else float("nan"),
            "key_max_ms": max(run.ms) if run.ms else float("nan"),
            "frame_max_ms": max(drawn) if drawn else float("nan"),
            "frames": len(drawn),
            "timed": len(run.ms),
        }
    return out


async def measure(rows: int, hits: int, doc_words: int, repeats: int, work: Path) -> dict[str, Any]:
    quicker_pilot()
    os.environ["NKTERM_STATE"] = str(work / "state")
    os.environ["NKTERM_CONFIG"] = str(work / "config")
    os.environ["NKTERM_DATA"] = str(work / "data")
    from nkterm.models import Hit, SearchResult, Span
    from nkterm.synthetic.text import generated_text, synthetic_summaries
    from nkterm.tui.app import NktermApp
    from nkterm.tui.messages import SummariesLoaded
    from nkterm.tui.screens.search import SearchScreen
    from nkterm.tui.services import ReaderServices

    frames = Frames()
    cpu = FrameCpu()
    results: dict[str, Any] = {"rows": rows, "hits": hits, "doc_words": doc_words, "repeats": repeats}

    # the list of 20,000 documents
    corpus = work / "list-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    app = NktermApp(ReaderServices.for_folders(corpus, work / "list-index"))
    screen = app.main_screen
    screen.feed.start_index = lambda: None  # type: ignore[method-assign]  # the list only
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen.post_message(SummariesLoaded(synthetic_summaries(rows), None, final=True))
        doc_list = screen.documents.list_view
        await until(lambda: len(doc_list.rows) == rows)
        await settle(pilot)
        probe = lambda: (doc_list.cursor, doc_list.scroll_offset.y)  # noqa: E731
        results["list"] = await _keys(pilot, frames, cpu, probe, ["j", "k", "pagedown", "pageup"], repeats)
        # the search results: a synthetic answer of ``hits`` results on the real search screen
        snippet = "… the flood waters rose in the north of the province, officials said …"
        answer = SearchResult(
            "flood",
            tuple(
                Hit(
                    f"doc{i:05}",
                    f"Flood report {i}: rivers rise in the north",
                    10.0 - i / hits,
                    snippet,
                    (Span(6, 11),),
                    (Span(10, 15),),
                    source="KCNA",
                    date=f"2024-{1 + i % 12:02}-{1 + i % 28:02}",
                )
                for i in range(hits)
            ),
            total=hits,
        )
        search = SearchScreen(None, "flood", answer)
        await app.push_screen(search)
        await settle(pilot)
        results_list = search.bar.results
        await until(lambda: len(results_list.hits) == hits)
        probe = lambda: (results_list.cursor, results_list.scroll_offset.y)  # noqa: E731
        results["results"] = await _keys(
            pilot, frames, cpu, probe, ["down", "up", "pagedown", "pageup"], repeats
        )

    # a 100,000-word document in the reader
    big = work / "big"
    big.mkdir(parents=True, exist_ok=True)
    if not (big / "big.txt").exists():
        (big / "big.txt").write_text("A generated report\n\n" + generated_text(doc_words), "utf-8")
    app = NktermApp(ReaderServices.for_folders(big, work / "big-index"), "big")
    async with app.run_test(size=SIZE) as pilot:
        reader = app.main_screen.reader
        await until(
            lambda: reader.doc_id == "big" and bool(reader.prepared and reader.prepared.claims_loaded), 600
        )
        await settle(pilot)
        probe = lambda: (reader.cursor, reader.scroll_offset.y)  # noqa: E731
        results["document"] = await _keys(
            pilot, frames, cpu, probe, ["j", "k", "pagedown", "pageup"], repeats
        )
    return results


def report(results: dict[str, Any], load: tuple[float, float, float]) -> list[str]:
    lines = [
        f"nkterm frame times ({SIZE[0]}x{SIZE[1]}, headless driver, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f})",
        f"target: no frame over {FRAME_TARGET_MS:g} ms",
        "",
    ]
    names = {
        "list": f"document list, {results['rows']:,} rows",
        "results": f"search results, {results['hits']:,} results",
        "document": f"reader, {results['doc_words']:,}-word document",
    }
    for part, label in names.items():
        for key, row in results.get(part, {}).items():
            verdict = "PASS" if row["frame_max_ms"] <= FRAME_TARGET_MS else "FAIL"
            lines.append(
                f"{label + ': ' + key:<48} key median {row['key_median_ms']:6.1f} ms  max {row['key_max_ms']:6.1f}"
                f"  frame max {row['frame_max_ms']:6.1f} ms (CPU {row['frame_cpu_max_ms']:5.1f}; {row['frames']} frames)"
                f"  {verdict}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=20_000, help="documents in the list")
    parser.add_argument("--hits", type=int, default=5_000, help="results in the search list")
    parser.add_argument("--words", type=int, default=100_000, help="words of the long document")
    parser.add_argument("--repeats", type=int, default=20, help="presses of each key")
    parser.add_argument("--workdir", help="keep the generated document and its index here")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="nkterm-frames-"))
    work.mkdir(parents=True, exist_ok=True)
    before = os.getloadavg()
    results = asyncio.run(measure(args.rows, args.hits, args.words, args.repeats, work))
    after = os.getloadavg()
    results["load_before"], results["load_after"] = before, after
    print("\n".join(report(results, after)))
    print(f"(load average at the start: {before[0]:.1f})")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
