"""Assertion rewriting done once per run, not once per pytest-xdist worker.

pytest rewrites the ``assert`` statements of every test module and conftest as it imports them,
and caches the result beside the module (``__pycache__/*-pytest-*.pyc``). In a fresh clone there
is no cache yet, and under ``-n auto`` every worker collects every module at the same moment, so
each of them rewrites all of them: ~4.5 s of CPU per worker for this suite (105 modules; a
collection took 7.2-7.6 s of CPU without the cache and 2.9-3.2 s with it), four times over.

:func:`rewrite_once` runs in the xdist controller before any worker starts: it writes the
cache for every module that has none (or a stale one), split over one forked process per CPU,
exactly as the import hook would write it. The workers then read the cache. It uses pytest's own
rewriting functions (``_pytest.assertion.rewrite``, private): if they change or fail, nothing is
written and each worker rewrites as before (slower, never wrong). Nothing happens without
``-n``, with ``--assert=plain`` or when Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
_config: pytest.Config | None = None  # the controller's, inherited by the forked processes


def _modules(config: pytest.Config) -> list[Path]:
    from _pytest.pathlib import fnmatch_ex

    patterns = config.getini("python_files")
    return [
        path
        for path in sorted(TESTS.rglob("*.py"))
        if "__snapshots__" not in path.parts
        and (path.name == "conftest.py" or any(fnmatch_ex(p, path) for p in patterns))
    ]


def _cache_of(path: Path) -> Path:
    from _pytest.assertion import rewrite

    return rewrite.get_cache_dir(path) / (path.name[:-3] + rewrite.PYC_TAIL)


def _rewrite(paths: list[Path]) -> int:
    """Rewrite and cache ``paths`` (in a forked process); how many were written."""
    from _pytest.assertion import assertstate_key, rewrite

    assert _config is not None
    state = _config.stash[assertstate_key]
    written = 0
    for path in paths:
        pyc = _cache_of(path)
        if not rewrite.try_makedirs(pyc.parent):
            continue
        stat, code = rewrite._rewrite_test(path, _config)
        written += bool(rewrite._write_pyc(state, code, stat, pyc))
    return written


def rewrite_once(config: pytest.Config) -> int:
    """In the xdist controller: cache the rewritten modules the workers will import; how many
    were written (0 when there was nothing to do or the warm-up does not apply)."""
    global _config
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return 0
    if sys.dont_write_bytecode or config.getoption("assertmode", "rewrite") != "rewrite":
        return 0
    try:
        from _pytest.assertion import rewrite

        stale = [p for p in _modules(config) if rewrite._read_pyc(p, _cache_of(p)) is None]
        if not stale:
            return 0
        _config = config
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        chunks = [stale[i :: max(1, cpus)] for i in range(max(1, cpus))]
        if len(stale) < 8 or cpus < 2:
            return _rewrite(stale)
        with multiprocessing.get_context("fork").Pool(len(chunks)) as pool:
            return sum(pool.map(_rewrite, chunks))
    except Exception:  # a warm-up only: the workers rewrite what is missing, as without it
        return 0
    finally:
        _config = None
