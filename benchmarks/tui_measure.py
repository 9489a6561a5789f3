"""The reader measured under Textual's headless driver: shared by the suite and ``tui_bench.py``.

The suite (``python -m benchmarks``) runs, per size, against the index it has just built:

- first paint, in a fresh ``python`` per run: from launching the process to the first frame
  (anything drawn) and to the first frame showing the document list filled from the existing
  index (the "first full paint"), with the interpreter start-up and imports, and the app's own
  start to the filled list, separately;
- one session in a child process (so its RSS is the app's own): the document list (``j`` held,
  ``pagedown``, ``G``/``g``, typing in its filter), the longest document (``j`` held,
  ``pagedown``), typing a search (as fast as the frames come, and slowly enough that the
  debounced queries run in their worker between the keys), the results after the last key,
  then opening 50 documents spread over the list and the process's RSS after them;
- at 100k (or with ``--synthetic-rows``), the real app's main screen given a synthetic list of
  100,000 ``DocSummary`` rows through the message the index worker sends (``SummariesLoaded``),
  with no index behind it: the time to fill the list and the scroll keys on it.

A keystroke's latency is from posting the key to the end of the first frame whose content shows
its effect (a probe of the widget's state, sampled when each frame is drawn). Textual draws at
most 60 frames a second: a frame waits up to 16.7 ms for its slot, included. Keys are pressed
one after the other, each once the frame before is drawn (Pilot's idle wait shortened to 5 ms
slices, as the TUI tests do); a key that changes nothing (the end of a list) is not timed and
the run turns back.

Imports Textual only inside the functions that run in the child processes (``python -m
benchmarks.tui_measure first-paint|session|synthetic ...``); the suite's process never does.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import REPO_ROOT
from nkterm.synthetic.text import synthetic_summaries

SIZE = (120, 40)
NO_CHANGE_WAIT = 0.05  # s: a key whose effect is not in the state by then changed nothing
FRAME_WAIT = 30.0  # s: a key whose effect is in the state must reach a frame by then
OPEN_DOCS = 50
KEY_REPEATS = 40
SEARCH_TEXT = "economy growth"
SLOW_TYPING_TEXT = " rate"  # then "s": the results after the last key


# -- shared with tui_bench.py ---------------------------------------------------------------------


class Frames:
    """The frames the screen draws (wraps ``Screen._compositor_refresh``): for each, when it
    was finished, how long drawing it took and what ``probe()`` said then, so a measurement can
    find the first frame that shows a change. ``probe`` must not raise (see ``safe``)."""

    def __init__(self) -> None:
        from textual.screen import Screen

        self.times: list[float] = []
        self.values: list[Any] = []
        self.durations: list[float] = []
        self.probe: Callable[[], Any] = lambda: None
        original = Screen._compositor_refresh
        frames = self

        def wrapped(screen: Any) -> None:
            t0 = time.perf_counter()
            original(screen)
            if screen is screen.app.screen:
                t1 = time.perf_counter()
                frames.values.append(frames.probe())
                frames.durations.append(t1 - t0)
                frames.times.append(t1)

        Screen._compositor_refresh = wrapped  # type: ignore[method-assign]

    @property
    def records(self) -> list[tuple[float, Any]]:
        return list(zip(self.times, self.values, strict=False))

    def showing(self, since: float, before: Any) -> float | None:
        """Time of the first frame after ``since`` whose probe differs from ``before``."""
        found = self.first(since, lambda value: value != before)
        return found[0] if found else None

    def first(self, since: float, test: Callable[[Any], bool]) -> tuple[float, float] | None:
        """(time, drawing ms) of the first frame after ``since`` whose probe passes ``test``."""
        for i in range(bisect.bisect_left(self.times, since), len(self.times)):
            if test(self.values[i]):
                return self.times[i], self.durations[i] * 1000
        return None


def safe(probe: Callable[[], Any]) -> Callable[[], Any]:
    """``probe``, answering None while the widgets it reads are not mounted yet."""

    def wrapped() -> Any:
        try:
            return probe()
        except Exception:
            return None

    return wrapped


async def until(condition: Callable[[], object], timeout: float = 30.0) -> bool:
    """Poll ``condition`` every millisecond; False if ``timeout`` seconds pass first."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.001)
    return True


async def settle(pilot: Any) -> None:
    """Let messages and every worker (and what it posts) finish."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def stats(values: list[float]) -> dict[str, float]:
    """tui_bench.py's summary: median, nearest-rank p95, max and count."""
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"median": statistics.median(values), "p95": p95, "max": values[-1], "n": len(values)}


def quicker_pilot() -> None:
    """Pilot waits for "idle" in 20 ms slices after every key; 5 ms slices (as in the TUI
    tests) shorten a run without touching what is measured (key to frame)."""
    import textual._wait

    textual._wait.SLEEP_GRANULARITY = 0.005
    textual._wait.SLEEP_IDLE = 0.005 / 20


def rss_mb() -> dict[str, float]:
    """This process's resident set now (VmRSS) and its peak (VmHWM), from /proc."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line[:5].lower()] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return {"rss_mb": out.get("vmrss", float("nan")), "peak_mb": out.get("vmhwm", float("nan"))}


# -- timing keys ---------------------------------------------------------------------------------


class KeyRun:
    """Key-to-frame latencies of one kind of keystroke, with the drawing time of those frames."""

    def __init__(self) -> None:
        self.ms: list[float] = []
        self.draw_ms: list[float] = []
        self.untimed = 0  # keys that changed nothing (at an end): not timed

    def summary(self) -> dict[str, Any]:
        from benchmarks.index_bench import summary_ms

        out = summary_ms(self.ms)
        out["draw_median_ms"] = statistics.median(self.draw_ms) if self.draw_ms else float("nan")
        out["draw_max_ms"] = max(self.draw_ms) if self.draw_ms else float("nan")
        out["untimed"] = self.untimed
        return out


async def timed_key(
    pilot: Any,
    frames: Frames,
    key: str,
    probe: Callable[[], Any],
    run: KeyRun,
    shown: Callable[[Any, Any], bool] | None = None,
) -> bool:
    """Press ``key`` and time it to the first frame whose probe has changed (``shown(before,
    now)``, by default "differs"). False, untimed, when the key changed nothing: Pilot returns
    once the app is idle, so by then (give or take ``NO_CHANGE_WAIT``) the state shows it."""
    frames.probe = probe
    before = probe()
    test = (lambda now: shown(before, now)) if shown else (lambda now: now != before)
    t0 = time.perf_counter()
    await pilot.press(key)
    if not await until(lambda: test(probe()), NO_CHANGE_WAIT):
        run.untimed += 1
        return False
    if not await until(lambda: frames.first(t0, test) is not None, FRAME_WAIT):
        raise TimeoutError(f"key {key!r}: no frame showed its effect in {FRAME_WAIT:.0f} s")
    found = frames.first(t0, test)
    assert found is not None
    run.ms.append((found[0] - t0) * 1000)
    run.draw_ms.append(found[1])
    return True


async def key_run(
    pilot: Any, frames: Frames, forward: str, back: str, probe: Callable[[], Any], count: int
) -> KeyRun:
    """``count`` presses of ``forward``, turning to ``back`` at an end (and back again)."""
    run = KeyRun()
    keys = [forward, back]
    direction = 0
    misses = 0
    while len(run.ms) < count and misses < 2:
        if await timed_key(pilot, frames, keys[direction], probe, run):
            misses = 0
        else:
            misses += 1
            direction = 1 - direction
    return run


async def type_timed(
    pilot: Any, frames: Frames, text: str, probe: Callable[[], Any], run: KeyRun, gap: float = 0.0
) -> None:
    """Type ``text``, each character timed to the frame showing it; ``gap`` seconds between
    characters (after each one's frame)."""
    for char in text:
        if gap:
            await asyncio.sleep(gap)
        await timed_key(pilot, frames, char, probe, run)


# -- the session child: one app, the keys, 50 documents, RSS ---------------------------------------


def _cursor(widget: Any) -> Callable[[], Any]:
    return lambda: (widget.cursor, widget.scroll_offset.y)


async def _list_keys(pilot: Any, frames: Frames, doc_list: Any, repeats: int) -> dict[str, Any]:
    probe = _cursor(doc_list)
    out = {
        "j": (await key_run(pilot, frames, "j", "k", probe, repeats)).summary(),
        "pagedown": (
            await key_run(pilot, frames, "pagedown", "pageup", probe, max(4, repeats // 2))
        ).summary(),
    }
    ends = KeyRun()
    for _ in range(max(2, repeats // 8)):
        for key in ("G", "g"):
            await timed_key(pilot, frames, key, probe, ends)
    out["G_g"] = ends.summary()
    return out


async def session(corpus: Path, index_dir: Path, repeats: int, open_docs: int) -> dict[str, Any]:
    quicker_pilot()
    frames = Frames()
    from nkterm.tui.app import NktermApp
    from nkterm.tui.services import ReaderServices
    from nkterm.tui.widgets.search_bar import DEBOUNCE

    res: dict[str, Any] = {"repeats": repeats}
    app = NktermApp(ReaderServices.for_folders(corpus, index_dir))
    screen = app.main_screen
    reports: list[Any] = []
    report_update = screen.feed._report

    def keep_report(report: Any) -> None:  # what the app's own index update did
        reports.append(report)
        report_update(report)

    screen.feed._report = keep_report  # type: ignore[method-assign]
    frames.probe = safe(lambda: len(screen.documents.list_view.rows))
    t_start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        doc_list = screen.documents.list_view
        await until(lambda: frames.first(t_start, bool) is not None)
        filled = frames.first(t_start, bool)
        assert filled is not None
        res["app_start_to_list_ms"] = (filled[0] - t_start) * 1000
        await settle(pilot)
        res["update_done_ms"] = (time.perf_counter() - t_start) * 1000
        res["docs"] = len(doc_list.rows)
        report = reports[-1] if reports else None
        res["not_a_no_change_start"] = (
            f"the app's index update indexed {report.touched} document(s)"
            + (f" ({report.rebuilt})" if report.rebuilt else "")
            if report is not None and (report.touched or report.rebuilt)
            else None
        )
        res["rss_after_start"] = rss_mb()

        res["list"] = await _list_keys(pilot, frames, doc_list, repeats)
        await pilot.press("g")
        await pilot.press("f")
        box = screen.documents.query_one("#documents-filter")
        typed = KeyRun()
        # the list's rows object is replaced once the filter has been applied
        probe = lambda: (len(box.value), id(doc_list.rows))  # noqa: E731
        for char in "report":
            await timed_key(pilot, frames, char, probe, typed, lambda b, n: n[0] != b[0] and n[1] != b[1])
        res["list_filter"] = typed.summary()
        await pilot.press("escape")
        await settle(pilot)

        # the longest document: sort by words, first row, open
        doc_list.focus()
        for _ in range(3):
            if screen.documents.sort_key == "words":
                break
            await pilot.press("s")
        await pilot.press("g", "enter")
        reader = screen.reader
        await until(lambda: reader.doc_id is not None and reader.prepared is not None)
        await settle(pilot)
        res["longest"] = {"id": reader.doc_id, "words": screen.feed._words.get(reader.doc_id or "", 0)}
        probe = _cursor(reader)
        res["document"] = {
            "j": (await key_run(pilot, frames, "j", "k", probe, repeats)).summary(),
            "pagedown": (
                await key_run(pilot, frames, "pagedown", "pageup", probe, max(4, repeats // 2))
            ).summary(),
        }

        # typing a search: as fast as the frames come, then slowly (queries run between keys)
        await pilot.press("slash")
        await settle(pilot)
        bar = app.screen.bar  # type: ignore[attr-defined]
        box = bar.query_one("#search-input")
        fast, slow = KeyRun(), KeyRun()
        await type_timed(pilot, frames, SEARCH_TEXT, lambda: len(box.value), fast)
        await type_timed(pilot, frames, SLOW_TYPING_TEXT, lambda: len(box.value), slow, gap=DEBOUNCE + 0.03)
        res["search_typing"] = fast.summary()
        res["search_typing_busy"] = slow.summary()
        await settle(pilot)
        await asyncio.sleep(DEBOUNCE + 0.05)
        await settle(pilot)
        # the results after the last key: debounce + query in its worker + a frame
        frames.probe = lambda: bar.result.query if bar.result else None
        before = frames.probe()
        t_typed = time.perf_counter()
        await pilot.press("s")
        await until(lambda: frames.showing(t_typed, before) is not None, 30)
        shown = frames.showing(t_typed, before)
        res["search_results"] = {
            "after_last_key_ms": (shown - t_typed) * 1000 if shown else None,
            "debounce_ms": DEBOUNCE * 1000,
            "hits": len(bar.result.hits) if bar.result else 0,
        }
        await pilot.press("escape")
        await settle(pilot)

        # 50 documents spread over the list, opened one after the other as enter does
        ids = [s.id for s in app.summaries]
        step = max(1, len(ids) // max(1, open_docs))
        chosen = ids[::step][:open_docs]
        opens = []
        frames.probe = safe(lambda: (reader.doc_id, id(reader.prepared)))
        for doc_id in chosen:
            before = frames.probe()
            t0 = time.perf_counter()
            screen.open_document(doc_id)  # what enter on the list does (DocumentChosen)
            test = lambda now, d=doc_id, b=before: now is not None and now[0] == d and now != b  # noqa: E731
            await until(lambda t=test, s=t0: frames.first(s, t) is not None, FRAME_WAIT)  # type: ignore[misc]
            found = frames.first(t0, test)
            if found is not None:
                opens.append((found[0] - t0) * 1000)
            await settle(pilot)
        from benchmarks.index_bench import summary_ms

        res["open"] = summary_ms(opens)
        res["opened"] = len(chosen)
        res["rss_after_open"] = rss_mb()
        res["frames"] = len(frames.records)
    return res


# -- the synthetic 100k list -----------------------------------------------------------------------


# -- first paint, in a fresh process ---------------------------------------------------------------


async def synthetic(rows: int, repeats: int, workdir: Path) -> dict[str, Any]:
    """The real main screen, fed ``rows`` synthetic summaries as the index worker would."""
    quicker_pilot()
    frames = Frames()
    from nkterm.tui.app import NktermApp
    from nkterm.tui.messages import SummariesLoaded
    from nkterm.tui.services import ReaderServices

    corpus = workdir / "synthetic-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    summaries = synthetic_summaries(rows)
    app = NktermApp(ReaderServices.for_folders(corpus, workdir / "synthetic-index"))
    screen = app.main_screen
    screen.feed.start_index = lambda: None  # type: ignore[method-assign]  # no index: the list only
    res: dict[str, Any] = {"rows": rows, "repeats": repeats}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc_list = screen.documents.list_view
        frames.probe = lambda: len(doc_list.rows)
        t0 = time.perf_counter()
        screen.post_message(SummariesLoaded(summaries, None, final=True))
        await until(lambda: frames.first(t0, lambda n: n == rows) is not None)
        filled = frames.first(t0, lambda n: n == rows)
        assert filled is not None
        res["fill_ms"] = (filled[0] - t0) * 1000
        await settle(pilot)
        res["list"] = await _list_keys(pilot, frames, doc_list, repeats)
        await pilot.press("g", "f")
        box = screen.documents.query_one("#documents-filter")
        typed = KeyRun()
        probe = lambda: (len(box.value), id(doc_list.rows))  # noqa: E731
        for char in "report 9":
            await timed_key(pilot, frames, char, probe, typed, lambda b, n: n[0] != b[0] and n[1] != b[1])
        res["list_filter"] = typed.summary()
        res["rss"] = rss_mb()
    return res


def first_paint_child(corpus: str, index_dir: str) -> None:
    """Print, as wall-clock times (to compare with the parent's launch time): imports done,
    app start, first frame, first frame with the list filled."""
    offset = time.time() - time.perf_counter()
    imported0 = time.perf_counter()
    frames = Frames()
    from nkterm.tui.app import NktermApp
    from nkterm.tui.services import ReaderServices

    out: dict[str, float] = {"imports_start": imported0 + offset, "imported": time.perf_counter() + offset}

    async def main() -> None:
        app = NktermApp(ReaderServices.for_folders(Path(corpus), Path(index_dir)))
        out["app_start"] = time.perf_counter() + offset
        frames.probe = safe(lambda: len(app.main_screen.documents.list_view.rows))
        async with app.run_test(size=SIZE):
            await until(lambda: frames.first(0.0, bool) is not None)
            first = frames.times[0]
            filled = frames.first(0.0, bool)
            assert filled is not None
            out["first_frame"] = first + offset
            out["list_filled"] = filled[0] + offset
            out["docs"] = float(len(app.main_screen.documents.list_view.rows))
            print(json.dumps(out), flush=True)
            # not waiting for the app's own index update or shutdown: the paint is measured
            os._exit(0)

    asyncio.run(main())


# -- the parent's side (the suite) -----------------------------------------------------------------


def _child(args: Sequence[str], home: Path, timeout: float) -> dict[str, Any]:
    from benchmarks.index_bench import child_env

    cmd = [sys.executable, "-m", "benchmarks.tui_measure", *args]
    proc = subprocess.run(
        cmd, cwd=REPO_ROOT, env=child_env(home), capture_output=True, text=True, timeout=timeout, check=False
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"TUI child {' '.join(args[:1])} failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
        )
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def first_paint(corpus: Path, index_dir: Path, home: Path, runs: int) -> dict[str, Any]:
    from benchmarks.index_bench import summary_ms

    samples: dict[str, list[float]] = {
        k: [] for k in ("first_frame", "list_filled", "imports", "app_to_list")
    }
    docs = 0.0
    for _ in range(runs):
        launched = time.time()
        got = _child(["first-paint", str(corpus), str(index_dir)], home, 120)
        samples["first_frame"].append((got["first_frame"] - launched) * 1000)
        samples["list_filled"].append((got["list_filled"] - launched) * 1000)
        samples["imports"].append((got["imported"] - launched) * 1000)
        samples["app_to_list"].append((got["list_filled"] - got["app_start"]) * 1000)
        docs = got["docs"]
    out = {k: summary_ms(v) for k, v in samples.items()}
    out["runs"] = runs
    out["docs"] = int(docs)
    return out


def view_corpus(corpus: Path, index_dir: Path, dest: Path) -> Path:
    """A folder of hard links to the documents (and sidecars) a partial index holds, with the
    same relative paths, stamps and ids: the app opened on it finds nothing to index (opened on
    the whole corpus, it would index the rest in its worker while being measured)."""
    import shutil

    from nkterm.corpus import scan
    from nkterm.index import Index

    index = Index(corpus, index_dir)
    indexed = {s.id for s in index.summaries()}
    index.close()
    if dest.exists():
        shutil.rmtree(dest)
    entries, _problems = scan(corpus)
    for entry in entries:
        if entry.id not in indexed:
            continue
        for path in (entry.path, entry.sidecar):
            if path is None:
                continue
            target = dest / path.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)
    return dest


def tui_rows(
    corpus: Path,
    index_dir: Path,
    home: Path,
    *,
    runs: int,
    repeats: int = KEY_REPEATS,
    open_docs: int = OPEN_DOCS,
    partial: bool = False,
    work: Path | None = None,
) -> dict[str, Any]:
    """Every TUI row of a size: first paint (``runs`` fresh processes) and one session."""
    res: dict[str, Any] = {"partial": partial}
    if partial:
        assert work is not None
        t0 = time.perf_counter()
        corpus = view_corpus(corpus, index_dir, work / "tui-view-corpus")
        res["view_corpus_s"] = time.perf_counter() - t0
    res["first_paint"] = first_paint(corpus, index_dir, home, runs)
    res["session"] = _child(
        ["session", str(corpus), str(index_dir), "--repeats", str(repeats), "--open", str(open_docs)],
        home,
        900,
    )
    return res


def synthetic_rows(rows: int, home: Path, work: Path, repeats: int = KEY_REPEATS) -> dict[str, Any]:
    return _child(["synthetic", str(rows), str(work), "--repeats", str(repeats)], home, 900)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.tui_measure", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    fp = sub.add_parser("first-paint")
    fp.add_argument("corpus")
    fp.add_argument("index")
    se = sub.add_parser("session")
    se.add_argument("corpus")
    se.add_argument("index")
    se.add_argument("--repeats", type=int, default=KEY_REPEATS)
    se.add_argument("--open", type=int, default=OPEN_DOCS)
    sy = sub.add_parser("synthetic")
    sy.add_argument("rows", type=int)
    sy.add_argument("workdir")
    sy.add_argument("--repeats", type=int, default=KEY_REPEATS)
    vw = sub.add_parser("view", help="hard-link the documents a (partial) index holds into DEST")
    vw.add_argument("corpus")
    vw.add_argument("index")
    vw.add_argument("dest")
    args = ap.parse_args(argv)
    if args.what == "view":
        dest = view_corpus(Path(args.corpus), Path(args.index), Path(args.dest))
        print(json.dumps({"view": str(dest), "documents": sum(1 for _ in dest.rglob("*.txt"))}))
        return 0
    if args.what == "first-paint":
        first_paint_child(args.corpus, args.index)
        return 0
    if args.what == "session":
        result = asyncio.run(session(Path(args.corpus), Path(args.index), args.repeats, args.open))
    else:
        result = asyncio.run(synthetic(args.rows, args.repeats, Path(args.workdir)))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
