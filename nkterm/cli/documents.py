"""The document commands: ``read`` (the reader, the default), ``index``, ``search``, ``show``,
``docs`` and ``claims`` — their arguments and their output, every answer from ``Library``.
Imports the reader lazily, only when it is started, so ``nkterm search`` never pays for Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from typing import Any

from nkterm.cli.common import (
    EXIT_OK,
    IntAtLeast,
    UserError,
    corpus_and_index_dirs,
    document_or_fail,
    make_console,
    open_library,
    print_json,
    run_update,
    safe,
    say_if_unfinished,
)
from nkterm.errors import IndexError as NkIndexError

_positive_int = IntAtLeast(1)


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register the document commands on the ``nkterm`` parser's subparsers."""
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
    for name, handler in HANDLERS.items():
        sub.choices[name].set_defaults(handler=handler)


def cmd_read(args: argparse.Namespace) -> int:
    corpus, directory = corpus_and_index_dirs(args)
    if not sys.stdout.isatty() and not os.environ.get("NKTERM_FORCE_TUI"):
        raise UserError("the reader needs a terminal; try `nkterm docs` or `nkterm search QUERY`")
    from nkterm.tui.app import run_app  # the only place the CLI touches Textual
    from nkterm.tui.services import ReaderServices

    # the reader's services (library, positions, bookmarks, config) are made here, passed in
    return run_app(ReaderServices.for_folders(corpus, directory), doc_id=getattr(args, "doc_id", None))


# set by ``cmd_index`` when the update touched no document and rebuilt nothing (``main.run``)
NOTHING_INDEXED = threading.Event()


def cmd_index(args: argparse.Namespace) -> int:
    from nkterm.library import Library

    NOTHING_INDEXED.clear()
    corpus, directory = corpus_and_index_dirs(args)
    library = Library(corpus, directory)
    if not args.quiet and not args.rebuild:
        say_if_unfinished(library)
    try:
        report = run_update(library, quiet=args.quiet, rebuild=args.rebuild)
    except NkIndexError as exc:
        raise UserError(str(exc)) from exc
    if not report.touched and not report.rebuilt:
        NOTHING_INDEXED.set()
    rebuilt = report.rebuilt if report.rebuilt and report.rebuilt != "new index" and not args.quiet else None
    if report.problems or rebuilt:  # rich only when there is something to colour (~25 ms to import)
        from rich.text import Text

        from nkterm.render import safe

        err = make_console(stderr=True)
        for problem in report.problems:
            err.print(Text(safe(str(problem)), style="yellow"))
        if rebuilt:
            err.print(Text(safe(rebuilt), style="yellow"))
    if not args.quiet:
        print(
            f"{len(library)} documents in {directory}: {report.added} added, {report.changed} changed, "
            f"{report.removed} removed, {report.unchanged} unchanged ({report.seconds:.2f} s)"
            + (f"; {len(report.problems)} problem(s) above" if report.problems else "")
        )
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    # one question: scored by Whoosh's matchers, the same results without importing numpy
    # (~80 ms CPU, more than the vectorised scoring saves on one query at 20,000 documents,
    # unless it reads very many postings: WhooshBackend.VECTORISE_AT)
    result = open_library(args, vectorised=False).search(args.query, limit=args.limit)
    if result.error:
        raise UserError(f"bad query: {result.error}")
    if args.json:
        print_json([h.to_dict() for h in result.hits])
    else:
        from nkterm.render import hit_text

        console = make_console()
        for hit in result.hits:
            console.print(hit_text(hit))
            console.print()
        also = f"; also spelled: {safe(', '.join(result.also))}" if result.also else ""
        print(
            f"{len(result.hits)} of {result.total} result(s), {result.elapsed_ms:.0f} ms{also}",
            file=sys.stderr,
        )
    if not result.hits:
        msg = "no matches"
        if result.suggestion:
            msg += f"; did you mean: {safe(result.suggestion)}"
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

        make_console().print(document_text(doc, library.claims(doc.id)))
    else:
        # a terminal: the document must not drive it (escape sequences, title changes, bidi)
        sys.stdout.write(safe(text))
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
    make_console().print(table)
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

    console = make_console()
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
