"""``nkterm bookmarks``: list, add, remove, export and import bookmarks from the shell.

Owns the ``bookmarks`` subcommand: ``add_parser`` registers it (``nkterm.cli.main`` calls it) and
sets ``handler=run``. A thin face over ``Library.bookmarks`` (``nkterm.library_bookmarks``):
bookmarks are anchored against the documents as indexed, as the reader anchors them, so the
commands that read documents (list, add, export md/csv, import) bring the index up to date
first. Every failure is one line on stderr: exit 2 for a user error (unknown document or
bookmark, quote not found, broken bookmark file, bad import file), 1 when the system failed
(lock timeout, disk full); never a traceback. Must not import Textual or Whoosh (the library
loads the index when a command needs it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkterm import bookmarks as bm  # loads its parts on first use: not at every command's start-up
from nkterm import paths
from nkterm.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USER, UserError, bring_up_to_date, safe
from nkterm.errors import BadRequest, DocumentNotFound

if TYPE_CHECKING:
    from nkterm.bookmarks import Bookmark
    from nkterm.library import Library
    from nkterm.library_bookmarks import Bookmarks


def add_parser(subparsers: Any, common: argparse.ArgumentParser | None = None) -> None:
    """Register ``nkterm bookmarks ACTION ...``; ``common`` carries --corpus/--index."""
    parents = [common] if common is not None else []
    parser = subparsers.add_parser(
        "bookmarks",
        parents=parents,
        help="list, add, remove, export or import bookmarks",
        description="Bookmarks are saved passages with a note and tags, kept in "
        "bookmarks.yaml in the data folder ($NKTERM_DATA).",
    )
    parser.set_defaults(handler=run, bookmarks_action=None)
    actions = parser.add_subparsers(dest="bookmarks_action", metavar="ACTION")

    p = actions.add_parser("list", parents=parents, help="list bookmarks")
    p.add_argument("--json", action="store_true", help="print a JSON list of bookmark objects")
    p.add_argument("--doc", metavar="DOC_ID", help="only bookmarks of this document")
    p.add_argument("--tag", help="only bookmarks with this tag")
    p.add_argument("--text", help="only bookmarks whose quote, note or tags contain TEXT")

    p = actions.add_parser("add", parents=parents, help="bookmark a passage of a document")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("--quote", required=True, help="the passage, as it appears in the document")
    p.add_argument("--note", default="", help="your note")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    p.add_argument("--occurrence", type=int, default=None, metavar="N", help="bookmark the Nth occurrence")

    p = actions.add_parser("remove", parents=parents, help="delete a bookmark")
    p.add_argument("bookmark_id", metavar="ID", help="the id (or a unique start of it)")

    p = actions.add_parser("export", parents=parents, help="write bookmarks as Markdown, JSON or CSV")
    p.add_argument(
        "--format",
        choices=("md", "json", "csv"),
        default="md",
        help="md: notes for an article; json: W3C Web Annotations; csv (default md)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    p = actions.add_parser("import", parents=parents, help="add bookmarks from a JSON export")
    p.add_argument(
        "file", metavar="FILE", help="W3C annotation JSON (as `export --format json`); - for stdin"
    )


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "bookmarks_action", None)
    if action is None:
        print("nkterm: bookmarks needs an action: list, add, remove, export or import", file=sys.stderr)
        return EXIT_USER
    from nkterm.library import Library  # the index and the store: here, not at start-up

    corpus = paths.corpus_dir(getattr(args, "corpus", None))
    library = Library(corpus, paths.index_dir(corpus, getattr(args, "index", None)))
    try:
        return int(_ACTIONS[action](args, library))
    except (UserError, BadRequest) as exc:
        print(f"nkterm: {safe(str(exc))}", file=sys.stderr)
        return EXIT_USER
    except (bm.BookmarksLocked, bm.BookmarksWriteError) as exc:
        print(f"nkterm: {safe(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    except bm.BookmarksError as exc:
        print(f"nkterm: {safe(str(exc))}", file=sys.stderr)
        return EXIT_USER


# -- helpers -----------------------------------------------------------------------------------


def _short(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _warn_problems(bookmarks: Bookmarks) -> None:
    for problem in bookmarks.problems:
        if problem != bookmarks.read_only_reason:
            print(f"nkterm: warning: {safe(problem)}", file=sys.stderr)


def _current(library: Library) -> Library:
    """The library with its index brought up to date (the corpus folder must exist)."""
    if not library.corpus.is_dir():
        raise UserError(f"corpus folder not found: {library.corpus}")
    bring_up_to_date(library)
    return library


def _line(bookmark: Bookmark) -> str:
    anchor = bookmark.anchor
    mark = ""
    if anchor is not None and anchor.status == "missing":
        mark = " [document missing: deleted or renamed?]"
    elif anchor is not None and anchor.orphan:
        mark = " [not found in the document]"
    elif anchor is not None and anchor.status == "fuzzy":
        mark = " [document changed]"
    parts = [bookmark.id, " ".join(bookmark.doc_id.split()), f"“{_short(bookmark.exact)}”{mark}"]
    if bookmark.tags:
        parts.append(" ".join(f"#{t}" for t in bookmark.tags))
    if bookmark.note:
        parts.append(f"— {_short(bookmark.note, 60)}")
    return safe("  ".join(parts))


# -- actions -----------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, library: Library) -> int:
    bookmarks = library.bookmarks
    bookmarks.load()
    if bookmarks.read_only_reason and not bookmarks.store.bookmarks:
        raise UserError(bookmarks.read_only_reason)
    _warn_problems(bookmarks)
    anchored = library.corpus.is_dir()
    if anchored:
        _current(library)
    else:
        print(f"nkterm: warning: corpus folder not found: {library.corpus}", file=sys.stderr)
    found = bookmarks.list(doc_id=args.doc, text=args.text, tag=args.tag, anchored=anchored)
    if args.json:
        rows = []
        for bookmark in found:
            row = bookmark.to_dict()
            doc = library.find_document(bookmark.doc_id) if anchored else None
            part = doc.part_at(bookmark.span.start) if doc is not None and bookmark.span else None
            if part is not None:
                row["part"] = part.label  # the page of a PDF, the chapter of an e-book
            rows.append(row)
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for bookmark in found:
            print(_line(bookmark))
        print(f"{len(found)} bookmark(s) in {bookmarks.path}", file=sys.stderr)
    return EXIT_OK


def cmd_add(args: argparse.Namespace, library: Library) -> int:
    _current(library)
    try:
        found = library.bookmarks.find(args.doc_id, args.quote, args.occurrence)
    except DocumentNotFound as exc:
        raise UserError(f"{exc}; `nkterm docs` lists the ids") from None
    if found.count > 1 and args.occurrence is None:
        print(
            f"nkterm: the quote occurs {found.count} times; bookmarked the first (--occurrence N picks another)",
            file=sys.stderr,
        )
    library.bookmarks.load()
    _warn_problems(library.bookmarks)
    try:
        bookmark = library.bookmarks.add(found.doc_id, found.start, found.end, note=args.note, tags=args.tag)
    except bm.InvalidBookmark as exc:
        raise UserError(str(exc)) from None
    print(bookmark.id)
    print(f"bookmarked “{safe(_short(bookmark.exact, 60))}” in {found.doc_id}", file=sys.stderr)
    return EXIT_OK


def cmd_remove(args: argparse.Namespace, library: Library) -> int:
    library.bookmarks.load()
    _warn_problems(library.bookmarks)
    try:
        removed = library.bookmarks.remove(args.bookmark_id)
    except bm.BookmarkNotFound as exc:  # removed by another process meanwhile
        raise UserError(str(exc)) from None
    print(f"removed {removed.id}: “{safe(_short(removed.exact, 60))}”", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, library: Library) -> int:
    bookmarks = library.bookmarks
    bookmarks.load()
    if bookmarks.read_only_reason and not bookmarks.store.bookmarks:
        raise UserError(bookmarks.read_only_reason)
    _warn_problems(bookmarks)
    if args.format != "json":  # Markdown and CSV name each bookmark's document
        _current(library)
    text = bookmarks.export(args.format)
    count = len(bookmarks.store.bookmarks)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(f"exported {count} bookmark(s) to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_import(args: argparse.Namespace, library: Library) -> int:
    name = "stdin" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {name}: {exc.strerror or exc}") from None
    library.bookmarks.load()
    _warn_problems(library.bookmarks)
    _current(library)
    try:
        report = library.bookmarks.import_json(data)
    except bm.InvalidBookmark as exc:
        raise UserError(f"{name}: {exc}") from None
    for message in report.messages:
        print(f"nkterm: {safe(message)}", file=sys.stderr)
    print(
        f"imported {len(report.added)} bookmark(s) from {name}; {len(report.skipped)} skipped, "
        f"{len(report.rejected)} rejected",
        file=sys.stderr,
    )
    return EXIT_USER if report.rejected else EXIT_OK


_ACTIONS: dict[str, Callable[[argparse.Namespace, Library], int]] = {
    "list": cmd_list,
    "add": cmd_add,
    "remove": cmd_remove,
    "export": cmd_export,
    "import": cmd_import,
}
