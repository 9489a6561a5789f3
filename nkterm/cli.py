"""The command line: argument parsing and the plain-text faces of every feature.

Owns the ``nkterm`` command and its subcommands: a thin face over ``nkterm.library.Library``
(every answer comes from it; this module parses, prints and picks exit codes). Imports the TUI
lazily, only when the reader is started, so ``nkterm search`` never pays for Textual. Document
text reaches the terminal only through ``rich.text.Text`` objects (never markup strings), with
control characters made visible by ``nkterm.render.safe``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkterm import __version__, paths
from nkterm.errors import DocumentNotFound, NktermError
from nkterm.errors import IndexError as NkIndexError

if TYPE_CHECKING:
    from nkterm.index import UpdateReport
    from nkterm.library import Library
    from nkterm.models import Document

EXIT_OK = 0
EXIT_USER = 2


class UserError(Exception):
    """A problem with what the user asked for: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder of .txt/.md documents (default: $NKTERM_CORPUS, else the bundled seeds)",
    )
    common.add_argument(
        "--index",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="index folder (default: $NKTERM_INDEX, else index/ for the seeds or a per-corpus cache folder)",
    )
    parser = argparse.ArgumentParser(
        prog="nkterm",
        description="A keyboard-driven terminal reader for first-hand accounts and news reports.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"nkterm {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("read", parents=[common], help="open the reader (the default command)")
    p.add_argument("doc_id", nargs="?", help="open this document first")

    p = sub.add_parser("index", parents=[common], help="build or update the index")
    p.add_argument("--rebuild", action="store_true", help="throw the index away and build it again")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")

    p = sub.add_parser("search", parents=[common], help="full-text search")
    p.add_argument("query", help="e.g. '\"Koryo Tours\"', 'Gellman AND badminton', 'kind:quantity'")
    p.add_argument("--limit", "-n", type=_positive_int, default=10, help="at most N results (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON (see README for the format)")

    p = sub.add_parser(
        "show",
        parents=[common],
        help="print a document's text",
        description="Print a document's text: exactly as stored when piped or redirected; on a "
        "terminal, with control characters and escape sequences made visible (--raw: as stored).",
    )
    p.add_argument("doc_id")
    p.add_argument("--claims", action="store_true", help="highlight the claims (on a terminal)")
    p.add_argument("--raw", action="store_true", help="print the exact text even on a terminal")

    p = sub.add_parser("docs", parents=[common], help="list the documents")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--sort",
        choices=("title", "date", "oldest", "words", "claims", "id"),
        default="id",
        help="order: title, date (newest first), oldest, words, claims or id (default)",
    )

    p = sub.add_parser("claims", parents=[common], help="list a document's claims")
    p.add_argument("doc_id")
    p.add_argument("--json", action="store_true")
    p.add_argument("--check-worthy", action="store_true", help="only claims with score >= 0.5")

    for name in ("cli_compare", "cli_bookmarks"):
        module = _optional_module(name)
        if module is not None:
            module.add_parser(sub, common)
    return parser


def _optional_module(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(f"nkterm.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"nkterm.{name}":
            raise
        return None


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(
        _query_words_as_positionals(parser, sys.argv[1:] if argv is None else list(argv))
    )
    args.corpus = getattr(args, "corpus", None)
    args.index = getattr(args, "index", None)
    command = args.command or "read"
    handler = getattr(args, "handler", None) or HANDLERS[command]
    try:
        return int(handler(args) or 0)
    except UserError as exc:
        print(f"nkterm: {_safe(str(exc))}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # e.g. `nkterm docs | head`: not an error the user needs to see
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except NktermError as exc:
        # e.g. an index problem found late (a segment damaged since the last update), an
        # offset past the end of a document: one line, not a traceback
        print(f"nkterm: {_safe(str(exc))}", file=sys.stderr)
        return EXIT_USER


def _query_words_as_positionals(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``nkterm search -oil``: argparse takes any word starting with '-' for an option (and
    ``-nuclear`` for ``-n uclear``). After ``search``, a word that is not exactly one of its
    options (``-n 5``, ``-n5``, ``--limit=5``, any ``--word``) is moved behind ``--``, so it is
    the query."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):  # options before the command
        i += 2 if argv[i] in ("--corpus", "--index") else 1
    if i >= len(argv) or argv[i] != "search":
        return argv
    search = next(
        p
        for a in parser._actions  # argparse keeps its subparsers among the actions
        if isinstance(a, argparse._SubParsersAction)
        for name, p in a.choices.items()
        if name == "search"
    )
    takes_value = {s for a in search._actions if a.nargs != 0 for s in a.option_strings}
    flags = {s for a in search._actions if a.nargs == 0 for s in a.option_strings}
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[i + 1 :])
    for arg in rest:
        name = arg.split("=", 1)[0]
        if arg == "--":
            words.extend(rest)
        elif arg in flags:
            options.append(arg)
        elif arg in takes_value:
            options.extend([arg, next(rest, "")])
        elif name.startswith("--") or (arg[:2] == "-n" and arg[2:].isdigit()):  # argparse judges these
            options.append(arg)
        else:
            words.append(arg)
    return [*argv[: i + 1], *options, *(["--", *words] if words else [])]


# -- shared helpers ------------------------------------------------------------------------------


def _safe(text: str) -> str:
    from nkterm.render import safe

    return safe(text)


def corpus_and_index_dirs(args: argparse.Namespace) -> tuple[Path, Path]:
    corpus = paths.corpus_dir(args.corpus)
    if not corpus.is_dir():
        raise UserError(f"corpus folder not found: {corpus}")
    return corpus, paths.index_dir(corpus, args.index)


def open_library(args: argparse.Namespace) -> Library:
    """The library of ``--corpus``/``--index``, its index brought up to date first (a quick
    look at the files when nothing changed)."""
    from nkterm.library import Library

    corpus, directory = corpus_and_index_dirs(args)
    library = Library(corpus, directory)
    bring_up_to_date(library)
    return library


def bring_up_to_date(library: Library) -> None:
    """``Library.ensure_current``, saying on stderr what the user must know: a killed build is
    finished first, the index is used as it is (another process is writing it), it was rebuilt,
    files were skipped."""
    _say_if_unfinished(library)
    try:
        report = library.ensure_current(stale_ok=True)
    except NkIndexError as exc:
        raise UserError(str(exc)) from exc
    if library.stale_reason:
        print(f"nkterm: {library.stale_reason} (using the index as it is)", file=sys.stderr)
    if report is None:
        return
    if report.rebuilt and report.rebuilt != "new index":
        print(f"nkterm: {_safe(report.rebuilt)}", file=sys.stderr)
    if report.problems and report.touched:
        print(
            f"nkterm: {len(report.problems)} file(s) skipped or repaired; `nkterm index` lists them",
            file=sys.stderr,
        )


def _say_if_unfinished(library: Library) -> None:
    """Before the wait: a build that was killed is finished now, which takes a while."""
    if library.index.unfinished():
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


def _console(stderr: bool = False) -> Any:
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


# -- commands ------------------------------------------------------------------------------------


def cmd_read(args: argparse.Namespace) -> int:
    corpus, directory = corpus_and_index_dirs(args)
    if not sys.stdout.isatty() and not os.environ.get("NKTERM_FORCE_TUI"):
        raise UserError("the reader needs a terminal; try `nkterm docs` or `nkterm search QUERY`")
    from nkterm.tui.app import run_app  # the only place the CLI touches Textual
    from nkterm.tui.services import ReaderServices

    # the reader's services (library, positions, bookmarks, config) are made here, passed in
    return run_app(ReaderServices.for_folders(corpus, directory), doc_id=getattr(args, "doc_id", None))


def cmd_index(args: argparse.Namespace) -> int:
    from nkterm.library import Library

    corpus, directory = corpus_and_index_dirs(args)
    library = Library(corpus, directory)
    if not args.quiet and not args.rebuild:
        _say_if_unfinished(library)
    try:
        report = run_update(library, quiet=args.quiet, rebuild=args.rebuild)
    except NkIndexError as exc:
        raise UserError(str(exc)) from exc
    err = _console(stderr=True)
    from rich.text import Text

    from nkterm.render import safe

    for problem in report.problems:
        err.print(Text(safe(str(problem)), style="yellow"))
    if not args.quiet:
        if report.rebuilt and report.rebuilt != "new index":
            err.print(Text(safe(report.rebuilt), style="yellow"))
        print(
            f"{len(library)} documents in {directory}: {report.added} added, {report.changed} changed, "
            f"{report.removed} removed, {report.unchanged} unchanged ({report.seconds:.2f} s)"
            + (f"; {len(report.problems)} problem(s) above" if report.problems else "")
        )
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    result = open_library(args).search(args.query, limit=args.limit)
    if result.error:
        raise UserError(f"bad query: {result.error}")
    if args.json:
        print_json([h.to_dict() for h in result.hits])
    else:
        from nkterm.render import hit_text

        console = _console()
        for hit in result.hits:
            console.print(hit_text(hit))
            console.print()
        also = f"; also spelled: {_safe(', '.join(result.also))}" if result.also else ""
        print(
            f"{len(result.hits)} of {result.total} result(s), {result.elapsed_ms:.0f} ms{also}",
            file=sys.stderr,
        )
    if not result.hits:
        msg = "no matches"
        if result.suggestion:
            msg += f"; did you mean: {_safe(result.suggestion)}"
        print(f"nkterm: {msg}", file=sys.stderr)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    library = open_library(args)
    doc = document_or_fail(library, args.doc_id)
    text = doc.text if doc.text.endswith("\n") else doc.text + "\n"
    if args.raw or not sys.stdout.isatty():
        # piped or redirected: the exact text, like cat (a file or a program wants the bytes)
        sys.stdout.write(text)
    elif args.claims:
        from nkterm.render import document_text

        _console().print(document_text(doc, library.claims(doc.id)))
    else:
        # a terminal: the document must not drive it (escape sequences, title changes, bidi)
        sys.stdout.write(_safe(text))
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    summaries = open_library(args).documents(sort=args.sort)
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "source": s.source,
                    "authors": list(s.authors),
                    "date": s.date or None,
                    "url": s.url,
                    "words": s.words,
                    "claims": s.claims,
                    "duplicate_of": s.duplicate_of or None,
                }
                for s in summaries
            ]
        )
        return EXIT_OK
    from rich.table import Table
    from rich.text import Text

    from nkterm.render import safe_line

    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source", overflow="ellipsis", no_wrap=True, max_width=16)
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=70)
    table.add_column("words", justify="right")
    table.add_column("claims", justify="right")
    for s in summaries:
        table.add_row(
            Text(safe_line(s.id)),
            s.date or "-",
            Text(safe_line(s.source)),
            Text(safe_line(s.title) + (" (duplicate)" if s.duplicate_of else "")),
            str(s.words),
            str(s.claims),
        )
    _console().print(table)
    print(f"{len(summaries)} document(s)", file=sys.stderr)
    return EXIT_OK


def cmd_claims(args: argparse.Namespace) -> int:
    library = open_library(args)
    doc = document_or_fail(library, args.doc_id)
    claims = library.claims(doc.id, check_worthy=args.check_worthy)
    if args.json:
        print_json([c.to_dict(doc.text) for c in claims])
        return EXIT_OK
    from nkterm.render import claim_text

    console = _console()
    for claim in claims:
        console.print(claim_text(doc, claim))
        console.print()
    print(f"{len(claims)} claim(s)", file=sys.stderr)
    return EXIT_OK


HANDLERS = {
    "read": cmd_read,
    "index": cmd_index,
    "search": cmd_search,
    "show": cmd_show,
    "docs": cmd_docs,
    "claims": cmd_claims,
}


if __name__ == "__main__":
    sys.exit(main())
