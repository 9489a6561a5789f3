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


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A writable copy of seeds/ (texts and sidecars)."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture
def seed_index(seed_corpus: Path, tmp_path: Path) -> Iterator[object]:
    from nkterm.index import Index

    index = Index(seed_corpus, tmp_path / "index")
    index.update()
    yield index
    index.close()
