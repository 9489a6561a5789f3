"""What the reader is given to work with, and what its screens may ask of the app.

``ReaderServices`` holds the services the caller (``nkterm.cli``, a test, a benchmark) makes and
passes to ``run_app``: the ``Library`` (its index opened by the main screen's index worker), the
reading positions, the bookmarks (the library's, whose file opens on first use) and the
config with the problems found reading it. The app never makes nor looks them up itself.

``ReaderHost`` is the app as a screen sees it: a Protocol, so the screens are typed against
it without importing the app module (which imports them). Plain Python: no Textual here, and
nothing of the reader's screens or widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from nkterm.bookmarks import BookmarkStore
    from nkterm.config import Config, ConfigProblem
    from nkterm.library import Library
    from nkterm.library_bookmarks import Bookmarks
    from nkterm.models import DocSummary
    from nkterm.state import PositionStore


@dataclass
class ReaderServices:
    """The reader's services, made by its caller."""

    library: Library
    positions: PositionStore
    bookmarks: Bookmarks
    config: Config
    config_problems: list[ConfigProblem] = field(default_factory=list)

    @classmethod
    def for_folders(
        cls,
        corpus: Path,
        index_dir: Path,
        *,
        config: Config | None = None,
        config_problems: list[ConfigProblem] | None = None,
    ) -> ReaderServices:
        """The usual services over a corpus and its index folder: the user's positions,
        bookmarks and config file (``nkterm.paths``). Cheap: nothing is read from disk here
        but the config file (the index, positions and bookmarks are read in workers)."""
        from nkterm.config import load_config
        from nkterm.library import Library
        from nkterm.state import PositionStore

        if config is None:
            config, config_problems = load_config()
        library = Library(corpus, index_dir)
        return cls(library, PositionStore(), library.bookmarks, config, list(config_problems or []))

    @property
    def corpus(self) -> Path:
        return self.library.corpus

    @property
    def index_dir(self) -> Path:
        return self.library.index_dir

    def fresh_library(self) -> Library:
        """Another ``Library`` over the same folders (after ``nkterm index`` ran elsewhere:
        no cached document of the old one is read again)."""
        from nkterm.library import Library

        return Library(self.library.corpus, self.library.index_dir)


class ReaderHost(Protocol):
    """What the reader's screens use of the app (``nkterm.tui.app.NktermApp``)."""

    services: ReaderServices
    library: Library | None  # the library once its index is open (None before)
    summaries: list[DocSummary]
    start_doc: str | None

    @property
    def corpus(self) -> Path: ...

    @property
    def index_dir(self) -> Path: ...

    @property
    def config(self) -> Config: ...

    @property
    def positions(self) -> PositionStore: ...

    @property
    def bookmarks(self) -> BookmarkStore: ...

    def open_document(self, doc_id: str) -> None: ...

    def goto_passage(self, doc_id: str, offset: int) -> None: ...

    def bookmarks_changed(self, doc_id: str | None) -> None: ...


def host_of(app: Any) -> ReaderHost:
    """``app`` as a ``ReaderHost`` (the app module checks that ``NktermApp`` is one)."""
    return cast("ReaderHost", app)
