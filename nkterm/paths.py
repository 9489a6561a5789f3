"""Where things live: corpus, index, config, bookmarks and reader state.

Precedence everywhere: command-line flag > environment variable > default. Defaults come from
platformdirs (XDG on Linux). Must not import Textual or Whoosh.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

APP = "nkterm"
CONFIG_FILE = "config.yaml"  # in config_dir(); read by nkterm.config

_PACKAGE_DIR = Path(__file__).resolve().parent
# In a source checkout, seeds/ and index/ sit beside the package; an installed wheel carries
# the seeds as nkterm/_seeds (see pyproject.toml force-include).
_CHECKOUT = _PACKAGE_DIR.parent


def _platformdirs() -> Any:
    """platformdirs, imported when a default folder is first asked for (~15 ms: not for a
    command given its folders)."""
    import platformdirs

    return platformdirs


def checkout_seeds() -> Path | None:
    seeds = _CHECKOUT / "seeds"
    if seeds.is_dir() and (_CHECKOUT / "pyproject.toml").is_file():
        return seeds
    return None


def bundled_seeds() -> Path:
    """The sample corpus: the checkout's seeds/, or the copy shipped inside the wheel."""
    return checkout_seeds() or (_PACKAGE_DIR / "_seeds")


def corpus_dir(flag: str | os.PathLike[str] | None = None) -> Path:
    value = flag or os.environ.get("NKTERM_CORPUS")
    return Path(value).expanduser().resolve() if value else bundled_seeds()


def cache_dir() -> Path:
    return Path(os.environ.get("NKTERM_CACHE") or _platformdirs().user_cache_dir(APP))


def data_dir() -> Path:
    return Path(os.environ.get("NKTERM_DATA") or _platformdirs().user_data_dir(APP))


def config_dir() -> Path:
    return Path(os.environ.get("NKTERM_CONFIG") or _platformdirs().user_config_dir(APP))


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def state_dir() -> Path:
    return Path(os.environ.get("NKTERM_STATE") or _platformdirs().user_state_dir(APP))


def index_dir(corpus: Path, flag: str | os.PathLike[str] | None = None) -> Path:
    """The index for ``corpus``: flag, NKTERM_INDEX, ``index/`` for the checkout's own seeds,
    else a per-corpus folder in the user cache directory."""
    value = flag or os.environ.get("NKTERM_INDEX")
    if value:
        return Path(value).expanduser().resolve()
    seeds = checkout_seeds()
    if seeds is not None and corpus.resolve() == seeds.resolve():
        return _CHECKOUT / "index"
    digest = hashlib.sha1(str(corpus.resolve()).encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    name = "".join(c if c.isalnum() else "-" for c in corpus.resolve().name).strip("-")[:40] or "corpus"
    return cache_dir() / "indexes" / f"{name}-{digest}"
