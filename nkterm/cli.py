"""The command line: argument parsing and the plain-text faces of every feature.

Owns the ``nkterm`` command and its subcommands. Imports the TUI lazily, only when the reader
is started, so ``nkterm search`` never pays for Textual. Document text reaches the terminal
only through ``rich.text.Text`` objects (never markup strings), with control characters made
visible by ``nkterm.render.safe``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nkterm import __version__, paths

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
    args = parser.parse_args(argv)
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
    except Exception as exc:
        # an index problem found late (a segment damaged since the last update): one line, not
        # a traceback. nkterm.index is looked up, not imported: most commands never load Whoosh.
        index_module = sys.modules.get("nkterm.index")
        if index_module is None or not isinstance(exc, index_module.IndexError):
            raise
        print(f"nkterm: {_safe(str(exc))}", file=sys.stderr)
        return EXIT_USER


# -- shared helpers ------------------------------------------------------------------------------


def _safe(text: str) -> str:
    from nkterm.render import safe

    return safe(text)


def corpus_and_index_dirs(args: argparse.Namespace) -> tuple[Path, Path]:
    corpus = paths.corpus_dir(args.corpus)
    if not corpus.is_dir():
        raise UserError(f"corpus folder not found: {corpus}")
    return corpus, paths.index_dir(corpus, args.index)


def open_index(args: argparse.Namespace, *, quiet: bool = True) -> Any:
    """The corpus index, brought up to date first (a quick scan when nothing changed)."""
    from nkterm.index import Index
    from nkterm.index import IndexError as NkIndexError

    corpus, directory = corpus_and_index_dirs(args)
    index = Index(corpus, directory)
    try:
        report = run_update(index, quiet=quiet)
    except NkIndexError as exc:
        if index.exists():  # locked by another writer: the existing index still answers
            print(f"nkterm: {exc} (using the index as it is)", file=sys.stderr)
            return index
        raise UserError(str(exc)) from exc
    if report.rebuilt and report.rebuilt != "new index":
        print(f"nkterm: {_safe(report.rebuilt)}", file=sys.stderr)
    if quiet and report.problems and report.touched:
        print(
            f"nkterm: {len(report.problems)} file(s) skipped or repaired; `nkterm index` lists them",
            file=sys.stderr,
        )
    return index


def run_update(index: Any, *, quiet: bool, rebuild: bool = False) -> Any:
    """Update the index with a rich progress bar on a terminal, silence otherwise."""
    if rebuild:
        index._create("rebuilding the index as asked (--rebuild)")
    if quiet or not sys.stderr.isatty():
        return index.update()
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

        return index.update(step)


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    from nkterm.render import CLI_THEME

    stream = sys.stderr if stderr else sys.stdout
    # piped output: one long line per item, for grep and friends
    width = None if stream.isatty() else 100_000
    return Console(stderr=stderr, highlight=False, soft_wrap=False, theme=CLI_THEME, width=width)


def document_or_fail(index: Any, doc_id: str) -> Any:
    try:
        return index.document(doc_id)
    except KeyError:
        raise UserError(f"no document {doc_id!r}; `nkterm docs` lists the ids") from None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- commands ------------------------------------------------------------------------------------


def cmd_read(args: argparse.Namespace) -> int:
    corpus, directory = corpus_and_index_dirs(args)
    if not sys.stdout.isatty() and not os.environ.get("NKTERM_FORCE_TUI"):
        raise UserError("the reader needs a terminal; try `nkterm docs` or `nkterm search QUERY`")
    from nkterm.app import run_app  # the only place the CLI touches Textual

    return run_app(corpus=corpus, index_dir=directory, doc_id=getattr(args, "doc_id", None))


def cmd_index(args: argparse.Namespace) -> int:
    from nkterm.index import Index
    from nkterm.index import IndexError as NkIndexError

    corpus, directory = corpus_and_index_dirs(args)
    index = Index(corpus, directory)
    try:
        report = run_update(index, quiet=args.quiet, rebuild=args.rebuild)
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
            f"{len(index)} documents in {directory}: {report.added} added, {report.changed} changed, "
            f"{report.removed} removed, {report.unchanged} unchanged ({report.seconds:.2f} s)"
            + (f"; {len(report.problems)} problem(s) above" if report.problems else "")
        )
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    index = open_index(args)
    result = index.search(args.query, limit=args.limit)
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
        print(f"{len(result.hits)} of {result.total} result(s), {result.elapsed_ms:.0f} ms", file=sys.stderr)
    if not result.hits:
        msg = "no matches"
        if result.suggestion:
            msg += f"; did you mean: {_safe(result.suggestion)}"
        print(f"nkterm: {msg}", file=sys.stderr)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    index = open_index(args)
    doc = document_or_fail(index, args.doc_id)
    text = doc.text if doc.text.endswith("\n") else doc.text + "\n"
    if args.raw or not sys.stdout.isatty():
        # piped or redirected: the exact text, like cat (a file or a program wants the bytes)
        sys.stdout.write(text)
    elif args.claims:
        from nkterm.render import document_text

        _console().print(document_text(doc, index.claims(doc.id)))
    else:
        # a terminal: the document must not drive it (escape sequences, title changes, bidi)
        sys.stdout.write(_safe(text))
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    index = open_index(args)
    summaries = index.summaries()
    if args.sort != "id":
        from nkterm.listing import sort_summaries

        summaries = sort_summaries(summaries, args.sort)
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "date": s.date or None,
                    "source": s.source,
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
    index = open_index(args)
    doc = document_or_fail(index, args.doc_id)
    claims = index.claims(doc.id)
    if args.check_worthy:
        claims = [c for c in claims if c.check_worthy]
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
