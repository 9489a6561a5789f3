"""Shared fixtures: a real copy of seeds/ and a real Whoosh index in temp folders.

Tests never touch the user's real data, config, state or cache folders: the NKTERM_* variables
point into a temp folder for every test.
"""

from __future__ import annotations

import os
import resource
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BLOGGER = "000_365e0b41eb302e4a"
PHOTO = "002_01097f4a50648152"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        monkeypatch.setenv(f"NKTERM_{name}", str(home / name.lower()))
    monkeypatch.delenv("NKTERM_CORPUS", raising=False)
    monkeypatch.delenv("NKTERM_INDEX", raising=False)


@pytest.fixture(scope="session")
def _seed_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """seeds/ and its index, built once per session; every test gets its own copy."""
    from nkterm.index import Index

    root = tmp_path_factory.mktemp("seed-template")
    shutil.copytree(SEEDS, root / "corpus")
    index = Index(root / "corpus", root / "index")
    index.update()
    index.close()
    return root / "corpus", root / "index"


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A writable copy of seeds/ (texts and sidecars)."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
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
