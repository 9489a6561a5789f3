"""What every command of the CLI shares: exit codes, the one-line user error, argument types,
opening the library with the index brought up to date (saying on stderr what the user must
know), progress on a terminal, consoles and JSON output. Document text reaches the terminal only
through ``rich.text.Text`` objects or ``safe`` (control characters made visible).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkterm import paths
from nkterm.errors import DocumentNotFound
from nkterm.errors import IndexError as NkIndexError

if TYPE_CHECKING:
    from nkterm.index import UpdateReport
    from nkterm.library import Library
    from nkterm.models import Document

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USER = 2


class UserError(Exception):
    """A problem with what the user asked for: printed as one line, exit code 2."""


class IntAtLeast:
    """An argparse ``type``: a whole number of at least ``least``; ``what`` names it in errors."""

    def __init__(self, least: int, what: str = "a number") -> None:
        self.least = least
        self.what = what

    def __call__(self, value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {self.what}: {value!r}") from None
        if number < self.least:
            raise argparse.ArgumentTypeError(f"must be at least {self.least}, got {number}")
        return number


_positive_int = IntAtLeast(1)


def safe(text: str) -> str:
    from nkterm.render import safe

    return safe(text)


def corpus_and_index_dirs(args: argparse.Namespace) -> tuple[Path, Path]:
    corpus = paths.corpus_dir(args.corpus)
    if not corpus.is_dir():
        raise UserError(f"corpus folder not found: {corpus}")
    return corpus, paths.index_dir(corpus, args.index)


def open_library(args: argparse.Namespace, *, vectorised: bool = True) -> Library:
    """The library of ``--corpus``/``--index``, its index brought up to date first (a quick
    look at the files when nothing changed); ``vectorised`` as ``Library``'s."""
    from nkterm.library import Library

    corpus, directory = corpus_and_index_dirs(args)
    library = Library(corpus, directory, vectorised=vectorised)
    bring_up_to_date(library)
    return library


def bring_up_to_date(library: Library) -> None:
    """``Library.ensure_current``, saying on stderr what the user must know: a killed build is
    finished first, the index is used as it is (another process is writing it), it was rebuilt,
    files were skipped."""
    if library.is_current():  # the common case: no file is read (not even the manifest)
        return
    say_if_unfinished(library)
    try:
        report = library.ensure_current(stale_ok=True)
    except NkIndexError as exc:
        raise UserError(str(exc)) from exc
    if library.stale_reason:
        print(f"nkterm: {library.stale_reason} (using the index as it is)", file=sys.stderr)
    if report is None:
        return
    if report.rebuilt and report.rebuilt != "new index":
        print(f"nkterm: {safe(report.rebuilt)}", file=sys.stderr)
    if report.problems and report.touched:
        print(
            f"nkterm: {len(report.problems)} file(s) skipped or repaired; `nkterm index` lists them",
            file=sys.stderr,
        )


def say_if_unfinished(library: Library) -> None:
    """Before the wait: a build that was killed is finished now, which takes a while."""
    from nkterm.manifest import unfinished  # the manifest file alone: the index is not opened

    if unfinished(library.index_dir):
        print("nkterm: an index build was interrupted: finishing it first", file=sys.stderr)


def run_update(library: Library, *, quiet: bool, rebuild: bool = False) -> UpdateReport:
    """``Library.update``, then ``merge_segments``, with a rich progress bar and a status line
    on a terminal, silence otherwise."""
    if quiet or not sys.stderr.isatty():
        return library.update(rebuild=rebuild)
    report = _update_with_progress(library, rebuild)
    if report.touched:
        from rich.console import Console

        started = time.perf_counter()
        with Console(stderr=True).status("merging the index's segments (searches go on meanwhile)"):
            if library.merge_segments():
                report.seconds += time.perf_counter() - started
    return report


def _update_with_progress(library: Library, rebuild: bool) -> UpdateReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
    ) as progress:
        task = progress.add_task("index", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return library.update(step, rebuild=rebuild, merge=False)


def make_console(stderr: bool = False) -> Any:
    from rich.console import Console

    from nkterm.render import CLI_THEME

    stream = sys.stderr if stderr else sys.stdout
    # piped output: one long line per item, for grep and friends
    width = None if stream.isatty() else 100_000
    return Console(stderr=stderr, highlight=False, soft_wrap=False, theme=CLI_THEME, width=width)


def document_or_fail(library: Library, doc_id: str) -> Document:
    try:
        return library.document(doc_id)
    except DocumentNotFound:
        raise UserError(f"no document {doc_id!r}; `nkterm docs` lists the ids") from None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
