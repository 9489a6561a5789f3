"""Shared fixtures: a real copy of seeds/ and a real Whoosh index in temp folders.

Tests never touch the user's real data, config, state or cache folders: the NKTERM_* variables
point into a temp folder for every test.
"""

from __future__ import annotations

import gc
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from tests.rewrite_once import rewrite_once

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BLOGGER = "000_365e0b41eb302e4a"
PHOTO = "002_01097f4a50648152"


def seed_texts() -> list[str]:
    """The text of every document of seeds/, read as the corpus reader reads it."""
    from nkterm.corpus import load_documents, scan

    out: list[str] = []
    entries, _problems = scan(SEEDS)
    for entry in entries:
        docs, _ = load_documents(SEEDS, entry)
        out.extend(d.text for d in docs)
    return out


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        monkeypatch.setenv(f"NKTERM_{name}", str(home / name.lower()))
    monkeypatch.delenv("NKTERM_CORPUS", raising=False)
    monkeypatch.delenv("NKTERM_INDEX", raising=False)


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder made by ``build(folder)`` once for the whole run, also when pytest-xdist runs the
    tests in several processes: the first to ask builds it (under a file lock) in the run's
    shared temp folder, the others wait for it. Each process then gets its own copy (files and
    times kept: an index copied with its corpus needs no re-indexing), so no two processes
    open the same files."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "built-once"
    shared.mkdir(exist_ok=True)
    done = shared / name
    with FileLock(str(shared / f"{name}.lock")):
        if not done.is_dir():
            work = shared / f"{name}.partial"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            build(work)
            work.rename(done)
    mine = tmp_path_factory.mktemp(name)
    shutil.copytree(done, mine, dirs_exist_ok=True)
    return mine


def build_seeds(root: Path) -> None:
    """seeds/ copied to ``root/corpus`` and indexed into ``root/index``."""
    from nkterm.index import Index

    shutil.copytree(SEEDS, root / "corpus")
    index = Index(root / "corpus", root / "index")
    index.update()
    index.close()


@pytest.fixture(scope="session")
def _seed_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """seeds/ and its index, built once per run; every test gets its own copy."""
    root = built_once(tmp_path_factory, "seeds", build_seeds)
    return root / "corpus", root / "index"


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A writable copy of seeds/ (texts and sidecars)."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture
def seed_index_dir(tmp_path: Path, _seed_template: tuple[Path, Path]) -> Path:
    """A folder holding a copy of the session's seed index (files and times kept), for a
    ``seed_corpus`` given to a command: the command finds it current instead of building it."""
    dest = tmp_path / "seed-index"
    shutil.copytree(_seed_template[1], dest)
    return dest


@pytest.fixture
def seed_index(seed_corpus: Path, tmp_path: Path, _seed_template: tuple[Path, Path]) -> Iterator[object]:
    """A writable index of ``seed_corpus``: a copy of the session's seed index (files and
    times kept), brought up to date as a user's would be (nothing to re-index)."""
    from nkterm.index import Index

    shutil.copytree(_seed_template[1], tmp_path / "index")
    index = Index(seed_corpus, tmp_path / "index")
    report = index.update()
    assert not report.touched, "the copied seed index should need no re-indexing"
    yield index
    index.close()


# -- the cyclic garbage collector: fewer young-generation passes ----------------------------------


def pytest_configure(config: pytest.Config) -> None:
    """Collect the young generation every 20,000 allocations instead of 700 (and the older two
    less often), in the test processes only. Textual makes many short-lived objects per frame;
    with the default thresholds a TUI test file spent 15-19 % of its CPU in collections
    (test_compare + test_layout, one process, alternated: 51.7 / 48.3 s CPU -> 42.1 / 31.2 s,
    load 4-17; test_search 17.0-18.7 -> 13.7 s, load ~8). What the tests check does
    not change: the memory test counts live objects after its own ``gc.collect``, and the
    reader's own ``gc.freeze`` (nkterm/tui/heap.py) works the same. Processes the tests start
    (the CLI, build workers from multiprocessing's forkserver) keep Python's defaults."""
    gc.set_threshold(20_000, 20, 10)
    _bytecode_caches()
    rewrite_once(config)  # under -n: the xdist controller rewrites the test modules once for all workers


def _bytecode_caches() -> None:
    """Python's bytecode caches on for this run and every process it starts, whatever the
    caller's environment says: the suite starts ~100 Python processes (xdist's workers, the CLI,
    killed builds, readers), and with ``PYTHONDONTWRITEBYTECODE=1`` each recompiles nkterm and
    its dependencies and every worker rewrites every test module (a fresh clone's run took 283.7 s
    of CPU instead of 232.4, session 11). Only ``__pycache__`` folders are written (git ignores
    them)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False


# -- optional CPU accounting: NKTERM_TEST_CPU=FILE appends "cpu_seconds<TAB>test id" per test ----------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """With ``NKTERM_TEST_CPU`` set, each test's CPU (set-up, call and tear-down, this process
    and the processes it waited for) is appended to that file: where the suite's CPU goes."""
    out = os.environ.get("NKTERM_TEST_CPU")
    if not out:
        yield
        return
    before = _cpu_now()
    yield
    with open(out, "a", encoding="utf-8") as f:
        f.write(f"{_cpu_now() - before:.3f}\t{item.nodeid}\n")


def _cpu_now() -> float:
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


# -- how many workers `-n auto` starts ---------------------------------------------------------


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: two workers per CPU this process may use. A worker spends much of its wall
    time waiting (processes starting, a search's debounce timer, Textual's idle timers, another
    worker building a shared index), so with one worker per CPU the CPUs stood idle that long.
    Quiet 2-core machine, the README's pytest step, 1,358 tests (2026-12-06): 2 workers 3 min 31 s,
    3 workers 3 min 01 s, 4 workers 2 min 50 s (CPU 331, 331, 318 s). ``PYTEST_XDIST_AUTO_NUM_WORKERS``
    still decides when it is set (pytest-xdist's own hook reads it)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 2 * cpus


# -- order: the longest tests first, so that no worker is left with a long one at the end ---------

# Tests that take 10-60 s of wall time each (processes, builds, a 100,000-word document): started
# first, they run beside the many short ones instead of after them.
LONG_FIRST = (
    "tests/test_benchmarks_smoke.py",
    "tests/unit/test_readers_cli.py",
    "tests/robustness/test_killed_builds.py",
    "tests/tui/test_robustness.py::test_a_100000_word_document_opens_and_scrolls",
    "tests/tui/test_robustness.py::test_first_start_on_a_large_corpus_builds_with_the_worker_process",
    "tests/tui/test_archive.py",
    "tests/tui/test_memory.py",
    "tests/test_tui_frames_smoke.py",
    "tests/test_readme.py",
    "tests/robustness/test_index_faults.py",
    "tests/robustness/test_corpus_input.py",
)
_RANK = {"tui": 1, "robustness": 2, "unit": 3}  # then the reader's tests (an app each), then the rest


def _rank(item: pytest.Item) -> tuple[int, int]:
    nodeid = item.nodeid
    for i, prefix in enumerate(LONG_FIRST):
        if nodeid == prefix or nodeid.startswith(prefix + "::") or nodeid.startswith(prefix + "["):
            return (0, i)
    parts = nodeid.split("::")[0].split("/")
    return (_RANK.get(parts[1], 1) if len(parts) > 2 else 1, 0)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests first (LONG_FIRST), then the reader's, the robustness and the unit tests;
    the same order in every xdist worker (a stable sort of the collection)."""
    items.sort(key=_rank)


@pytest.fixture
def loose_slot_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The conflict rules that session 19 switched off by default (numbers of one slot below the
    number bar, dates and contrary states of one slot outside near-identical pairs, outcomes of a
    case: right 5 of 41 times on judged real pairs), switched on for the tests of what they find."""
    from nkterm.compare import params

    for name in ("NUMBER_SLOT", "DATE_SLOT", "CONTRARY_SLOT", "OUTCOME_CONFLICT"):
        monkeypatch.setattr(params, name, True)
