"""``python -m benchmarks.tui_bench``: how fast the reader feels, on the seeds and the BBC corpus.

Measures, with the real app under Textual's headless driver (which composes every frame as a
terminal would, then throws the bytes away):

- first paint: from launching a fresh ``python`` process to the first frame showing the
  document list (the index already built), for the seeds and for the BBC corpus;
- open: from pressing enter on a 100,000-word generated document to the first frame showing
  it (load + layout in the worker, then the frame), plus the worker's share;
- keystroke latency: from a key press to the first frame drawn after the handler ran, for
  ``j`` in the reader (seeds, BBC and the big document), for typing in the search bar (the
  character appearing, not the debounced results; BBC) and in the list filter (BBC);
- search: from the last keystroke to the results on screen (debounce + query + frame), BBC.

Targets (issue "The reader"): first paint < 1 s, open < 200 ms, keystrokes < 50 ms.
Unlike the index benchmarks this module runs Textual (it is the TUI's benchmark); it imports
it only inside the measuring functions. The BBC index is built once into ``--workdir``
(about 10-15 s) and reused on later runs with the same folder.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import REPO_ROOT
from benchmarks.tui_measure import SIZE, Frames, settle, stats, until
from nkterm.synthetic.text import generated_text

BBC = Path(os.environ.get("NKTERM_BBC", "/work/shared/corpora/bbc-news"))
TARGETS = {"first_paint_s": 1.0, "open_ms": 200.0, "key_ms": 50.0}
KEY_REPEATS = 40


# -- corpora -------------------------------------------------------------------------------------


def prepare(work: Path, with_bbc: bool) -> dict[str, tuple[Path, Path]]:
    """Corpus and index folders: seeds, big (one 100,000-word document), bbc."""
    from nkterm.index import Index

    envs: dict[str, tuple[Path, Path]] = {}
    seeds = work / "seeds"
    if not seeds.exists():
        shutil.copytree(REPO_ROOT / "seeds", seeds)
    envs["seeds"] = (seeds, work / "seeds-index")
    big = work / "big"
    if not (big / "big.txt").exists():
        big.mkdir(parents=True, exist_ok=True)
        (big / "big.txt").write_text(
            "A generated report of a hundred thousand words\n\n" + generated_text(100_000)
        )
    envs["big"] = (big, work / "big-index")
    if with_bbc:
        envs["bbc"] = (BBC, work / "bbc-index")
    for name, (corpus, index_dir) in envs.items():
        t0 = time.perf_counter()
        report = Index(corpus, index_dir).update()
        if report.touched:
            print(f"  built the {name} index: {report.touched} documents in {time.perf_counter() - t0:.1f} s")
    return envs


# -- measuring inside the app ----------------------------------------------------------------------


async def _until(pilot: Any, condition: Any, timeout: float = 30.0) -> None:
    if not await until(condition, timeout):
        raise TimeoutError("the app did not get there in time")


async def _key_latency(pilot: Any, frames: Frames, key: str, probe: Any, repeats: int) -> list[float]:
    """ms from posting ``key`` to the first frame drawn after ``probe()`` changed. ``key`` "j"
    goes down ``repeats // 2`` times and back up with "k" (a short document has an end)."""
    frames.probe = probe
    out = []
    keys = [key] * repeats if key != "j" else ["j"] * (repeats // 2) + ["k"] * (repeats - repeats // 2)
    for key in keys:
        before = probe()
        t0 = time.perf_counter()
        await pilot.press(key)
        await _until(pilot, lambda b=before, t=t0: frames.showing(t, b) is not None, timeout=5)  # type: ignore[misc]
        out.append((frames.showing(t0, before) - t0) * 1000)  # type: ignore[operator]
    return out


def _cursor_probe(reader: Any) -> Any:
    return lambda: (reader.cursor, reader.scroll_offset.y)


async def _open_latency(pilot: Any, frames: Frames, reader: Any, with_claims: list[float]) -> float:
    """ms from enter to the first frame with the document's text; appends the time to the
    frame with its claims (they follow the text for a long document) to ``with_claims``."""
    frames.probe = lambda: (reader.doc_id, bool(reader.prepared and reader.prepared.claims_loaded))
    t0 = time.perf_counter()
    await pilot.press("enter")
    nothing = (None, False)
    await _until(pilot, lambda: frames.showing(t0, nothing) is not None)
    shown = frames.showing(t0, nothing)
    await _until(pilot, lambda: any(t >= t0 and v == ("big", True) for t, v in frames.records))
    claims_at = next(t for t, v in frames.records if t >= t0 and v == ("big", True))
    with_claims.append((claims_at - t0) * 1000)
    assert shown is not None
    return (shown - t0) * 1000


async def measure_in_app(envs: dict[str, tuple[Path, Path]], home: Path) -> dict[str, Any]:
    os.environ["NKTERM_STATE"] = str(home / "state")
    os.environ["NKTERM_CONFIG"] = str(home / "config")
    from nkterm.tui.app import NktermApp
    from nkterm.tui.services import ReaderServices
    from nkterm.tui.widgets.search_bar import DEBOUNCE

    frames = Frames()
    results: dict[str, Any] = {}

    # opening the 100,000-word document, then j in it
    opens: list[float] = []
    workers: list[float] = []
    with_claims: list[float] = []
    for run in range(5):
        shutil.rmtree(home / "state", ignore_errors=True)
        app = NktermApp(ReaderServices.for_folders(*envs["big"]))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            reader = app.screen.reader
            opens.append(await _open_latency(pilot, frames, reader, with_claims))
            workers.append(app.main_screen.feed.last_load_ms)
            if run == 4:
                results["key_j_big_ms"] = stats(
                    await _key_latency(pilot, frames, "j", _cursor_probe(reader), KEY_REPEATS)
                )
    results["open_big_ms"] = stats(opens)
    results["open_big_worker_ms"] = stats(workers)
    results["open_big_claims_ms"] = stats(with_claims)

    for name in ("seeds", "bbc"):
        if name not in envs:
            continue
        app = NktermApp(ReaderServices.for_folders(*envs[name]))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            reader = app.screen.reader
            await pilot.press("s", "g", "enter")  # the longest document
            await _until(pilot, lambda r=reader: r.doc_id is not None)  # type: ignore[misc]
            await settle(pilot)
            results[f"key_j_{name}_ms"] = stats(
                await _key_latency(pilot, frames, "j", _cursor_probe(reader), KEY_REPEATS)
            )
            if name != "bbc":
                continue
            await pilot.press("shift+tab")  # to the list, to filter it by typing
            await settle(pilot)
            await pilot.press("f")
            box = app.screen.documents.query_one("#documents-filter")
            results["key_filter_bbc_ms"] = stats(
                await _key_latency(pilot, frames, "e", lambda b=box: len(b.value), 12)  # type: ignore[misc]
            )
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("slash")
            await settle(pilot)
            bar = app.screen.bar
            box = bar.query_one("#search-input")
            typed: list[float] = []
            for char in "economy growth":
                typed += await _key_latency(pilot, frames, char, lambda b=box: len(b.value), 1)
            results["key_search_bbc_ms"] = stats(typed)
            # typing on while the previous query runs in its worker (no debounce shelter)
            busy: list[float] = []
            for char in " rates of interest":
                await asyncio.sleep(DEBOUNCE + 0.03)  # the query for the text so far has started
                busy += await _key_latency(pilot, frames, char, lambda b=box: len(b.value), 1)
            results["key_search_busy_bbc_ms"] = stats(busy)
            await pilot.press(*(["backspace"] * len(" rates of interest")))
            await settle(pilot)
            # results after the last key: debounce + query in a worker + a frame
            frames.probe = lambda b=bar: b.result.query if b.result else None  # type: ignore[misc]
            await pilot.press(*" rat")
            before = frames.probe()
            t_typed = time.perf_counter()
            await pilot.press("e")
            await _until(pilot, lambda t=t_typed, b=before: frames.showing(t, b) is not None)  # type: ignore[misc]
            results["search_results_bbc_ms"] = {
                "after_last_key": (frames.showing(t_typed, before) - t_typed) * 1000,  # type: ignore[operator]
                "debounce": DEBOUNCE * 1000,
                "hits": len(bar.result.hits),  # type: ignore[union-attr]
            }
    return results


# -- first paint, in a fresh process ---------------------------------------------------------------


def child_first_paint(corpus: str, index_dir: str) -> None:
    """Run in a fresh process: print the wall-clock time of the first frame with the list."""

    async def main() -> None:
        frames = Frames()
        from nkterm.tui.app import NktermApp
        from nkterm.tui.services import ReaderServices

        app = NktermApp(ReaderServices.for_folders(Path(corpus), Path(index_dir)))
        frames.probe = lambda: bool(app.screen.documents.list_view.rows) if app.is_running else False
        async with app.run_test(size=SIZE) as pilot:
            await _until(pilot, lambda: frames.showing(0.0, False) is not None)
            painted = frames.showing(0.0, False)
            assert painted is not None
            # perf_counter -> wall clock, to compare with the parent's launch time
            print(json.dumps({"painted": time.time() - (time.perf_counter() - painted)}))

    asyncio.run(main())


def first_paint(corpus: Path, index_dir: Path, home: Path, runs: int = 5) -> dict[str, float]:
    env = dict(os.environ, NKTERM_STATE=str(home / "state"), NKTERM_CONFIG=str(home / "config"))
    times = []
    for _ in range(runs):
        launched = time.time()
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.tui_bench",
                "--child-first-paint",
                str(corpus),
                str(index_dir),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
            env=env,
        ).stdout
        painted = json.loads(out.strip().splitlines()[-1])["painted"]
        times.append(painted - launched)
    return stats(times)


# -- report ----------------------------------------------------------------------------------------


def report(results: dict[str, Any]) -> list[str]:
    lines = [f"nkterm TUI benchmark ({SIZE[0]}x{SIZE[1]}, headless driver, {os.cpu_count()} CPUs)", ""]

    def row(label: str, key: str, unit: str, target: float | None) -> None:
        stats = results.get(key)
        if stats is None:
            return
        verdict = ""
        if target is not None:
            verdict = "PASS" if stats["median"] < target else "FAIL"
            verdict = f"  target < {target:g} {unit}: {verdict}"
        lines.append(
            f"{label:<44} median {stats['median']:8.1f} {unit}  p95 {stats['p95']:8.1f}  max {stats['max']:8.1f}{verdict}"
        )

    row("first paint, seeds (launch to list)", "first_paint_seeds_s", "s", TARGETS["first_paint_s"])
    row("first paint, BBC 2,225 docs", "first_paint_bbc_s", "s", TARGETS["first_paint_s"])
    row("open 100,000-word document (to frame)", "open_big_ms", "ms", TARGETS["open_ms"])
    row("  of which the loading worker", "open_big_worker_ms", "ms", None)
    row("  its 6,000+ claims highlighted too", "open_big_claims_ms", "ms", None)
    row("key j, seeds document", "key_j_seeds_ms", "ms", TARGETS["key_ms"])
    row("key j, BBC document", "key_j_bbc_ms", "ms", TARGETS["key_ms"])
    row("key j, 100,000-word document", "key_j_big_ms", "ms", TARGETS["key_ms"])
    row("typing in the search bar (BBC)", "key_search_bbc_ms", "ms", TARGETS["key_ms"])
    row("  while a query runs in its worker", "key_search_busy_bbc_ms", "ms", TARGETS["key_ms"])
    row("typing in the list filter (BBC)", "key_filter_bbc_ms", "ms", TARGETS["key_ms"])
    search = results.get("search_results_bbc_ms")
    if search:
        lines.append(
            f"{'search results after the last key (BBC)':<44} {search['after_last_key']:8.1f} ms"
            f"  (debounce {search['debounce']:.0f} ms, {search['hits']} results)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--workdir", help="keep corpora and indexes here (reused by later runs)")
    parser.add_argument("--no-bbc", action="store_true", help="skip the BBC corpus")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--frames",
        action="store_true",
        help="frame times at scale instead (benchmarks.tui_frames: 20,000 rows, 5,000 results, 100,000 words)",
    )
    parser.add_argument("--child-first-paint", nargs=2, metavar=("CORPUS", "INDEX"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.frames:
        from benchmarks import tui_frames

        return tui_frames.main(["--json", args.json] if args.json else [])
    if args.child_first_paint:
        child_first_paint(*args.child_first_paint)
        return 0
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="nkterm-tui-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    home = work / "home"
    with_bbc = not args.no_bbc and BBC.is_dir()
    print(f"preparing corpora and indexes in {work}")
    envs = prepare(work, with_bbc)
    results: dict[str, Any] = {}
    for name in ("seeds", "bbc"):
        if name in envs:
            print(f"first paint: {name}")
            results[f"first_paint_{name}_s"] = first_paint(*envs[name], home)
    print("open, keys and search in the app")
    results.update(asyncio.run(measure_in_app(envs, home)))
    lines = report(results)
    print("\n".join(["", *lines]))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
