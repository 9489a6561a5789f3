"""Shared fixtures: a real copy of seeds/ and a real Whoosh index in temp folders.

Tests never touch the user's real data, config, state or cache folders: the NKTERM_* variables
point into a temp folder for every test.
"""

from __future__ import annotations

import shutil
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
