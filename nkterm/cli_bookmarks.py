"""``nkterm bookmarks``: list, add, remove, export and import bookmarks from the shell.

Owns the ``bookmarks`` subcommand: ``add_parser`` registers it (``nkterm.cli`` calls it) and
sets ``handler=run``. Documents come from ``nkterm.corpus.read_document`` under
``paths.corpus_dir(args.corpus)``; bookmarks from ``BookmarkStore`` (``$NKTERM_DATA``).
Every failure is one line on stderr: exit 2 for a user error (unknown document or bookmark,
quote not found, broken bookmark file, bad import file), 1 when the system failed (lock
timeout, disk full); never a traceback. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkterm import paths
from nkterm.bookmarks import (  # the model only (nkterm.bookmarks loads its parts lazily)
    Bookmark,
    BookmarkNotFound,
    BookmarksError,
    BookmarksLocked,
    BookmarksWriteError,
    InvalidBookmark,
)
from nkterm.models import Document

if TYPE_CHECKING:
    from nkterm.bookmarks import BookmarkStore

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USER = 2

# What a person types for what documents print: straight quotes for curly ones, '-' for dashes.
_EQUIVALENT = {
    "'": "['\u2018\u2019\u02bc]",
    '"': '["\u201c\u201d\u201e]',
    "-": "[-\u2010\u2011\u2012\u2013\u2014]",
}


class _UserError(Exception):
    """Printed as one line; exit 2."""


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
    from nkterm.bookmarks.store import BookmarkStore  # the store (YAML, locking): here, not at start-up

    store = BookmarkStore()
    try:
        return int(_ACTIONS[action](args, store))
    except _UserError as exc:
        print(f"nkterm: {_safe(str(exc))}", file=sys.stderr)
        return EXIT_USER
    except (BookmarksLocked, BookmarksWriteError) as exc:
        print(f"nkterm: {_safe(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    except BookmarksError as exc:
        print(f"nkterm: {_safe(str(exc))}", file=sys.stderr)
        return EXIT_USER


# -- helpers -----------------------------------------------------------------------------------


def _safe(text: str) -> str:
    from nkterm.render import safe

    return safe(text)


def _short(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _warn_problems(store: BookmarkStore) -> None:
    for problem in store.problems:
        if problem != store.read_only_reason:
            print(f"nkterm: warning: {_safe(problem)}", file=sys.stderr)


def _corpus_root(args: argparse.Namespace) -> Path:
    return paths.corpus_dir(getattr(args, "corpus", None))


def _resolver(root: Path) -> Callable[[str], Document | None]:
    from nkterm.corpus import DocumentNotFound, read_document

    cache: dict[str, Document | None] = {}

    def resolve(doc_id: str) -> Document | None:
        if doc_id not in cache:
            try:
                cache[doc_id] = read_document(root, doc_id)
            except (DocumentNotFound, OSError):
                cache[doc_id] = None
        return cache[doc_id]

    return resolve


class _CorpusIds:
    """``doc_id in ids`` asks the corpus, one document at a time (import only needs ``in``)."""

    def __init__(self, root: Path) -> None:
        self._resolve = _resolver(root)

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self._resolve(doc_id) is not None


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Where ``quote`` occurs in ``text``: any run of whitespace matches any other, straight
    quotes and hyphens match their typographic forms; case matters unless nothing matched."""
    words = quote.split()
    if not words:
        return []
    pattern = r"\s+".join("".join(_EQUIVALENT.get(ch, re.escape(ch)) for ch in word) for word in words)
    for flags in (0, re.IGNORECASE):
        spans = [m.span() for m in re.finditer(pattern, text, flags)]
        if spans:
            return spans
    return []


def _find_id(store: BookmarkStore, given: str) -> str:
    ids = [b.id for b in store.bookmarks]
    if given in ids:
        return given
    matches = [i for i in ids if i.startswith(given)] if len(given) >= 4 else []
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise _UserError(f"{given!r} is the start of {len(matches)} bookmark ids; give more of it")
    raise _UserError(f"no bookmark with id {given!r}; `nkterm bookmarks list` shows the ids")


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
    return _safe("  ".join(parts))


# -- actions -----------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, store: BookmarkStore) -> int:
    store.load()
    if store.read_only_reason and not store.bookmarks:
        raise _UserError(store.read_only_reason)
    _warn_problems(store)
    found = store.list(doc_id=args.doc, text=args.text, tag=args.tag)
    root = _corpus_root(args)
    if root.is_dir():
        found = store.anchored(_resolver(root), found)
    else:
        print(f"nkterm: warning: corpus folder not found: {root}", file=sys.stderr)
    if args.json:
        json.dump([b.to_dict() for b in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for bookmark in found:
            print(_line(bookmark))
        print(f"{len(found)} bookmark(s) in {store.path}", file=sys.stderr)
    return EXIT_OK


def cmd_add(args: argparse.Namespace, store: BookmarkStore) -> int:
    from nkterm.corpus import DocumentNotFound, read_document

    root = _corpus_root(args)
    if not root.is_dir():
        raise _UserError(f"corpus folder not found: {root}")
    try:
        doc = read_document(root, args.doc_id)
    except DocumentNotFound as exc:
        raise _UserError(f"{exc}; `nkterm docs` lists the ids") from None
    spans = find_quote(doc.text, args.quote)
    if not spans:
        raise _UserError(f"quote not found in {args.doc_id!r}: “{_safe(_short(args.quote))}”")
    number = args.occurrence or 1
    if not 1 <= number <= len(spans):
        raise _UserError(f"the quote occurs {len(spans)} time(s) in {args.doc_id!r}, not {number}")
    if len(spans) > 1 and args.occurrence is None:
        print(
            f"nkterm: the quote occurs {len(spans)} times; bookmarked the first "
            "(--occurrence N picks another)",
            file=sys.stderr,
        )
    start, end = spans[number - 1]
    store.load()
    _warn_problems(store)
    try:
        bookmark = store.add(doc, start, end, note=args.note, tags=args.tag)
    except InvalidBookmark as exc:
        raise _UserError(str(exc)) from None
    print(bookmark.id)
    print(f"bookmarked “{_safe(_short(bookmark.exact, 60))}” in {doc.id}", file=sys.stderr)
    return EXIT_OK


def cmd_remove(args: argparse.Namespace, store: BookmarkStore) -> int:
    store.load()
    _warn_problems(store)
    try:
        removed = store.remove(_find_id(store, args.bookmark_id))
    except BookmarkNotFound as exc:  # removed by another process meanwhile
        raise _UserError(str(exc)) from None
    print(f"removed {removed.id}: “{_safe(_short(removed.exact, 60))}”", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, store: BookmarkStore) -> int:
    store.load()
    if store.read_only_reason and not store.bookmarks:
        raise _UserError(store.read_only_reason)
    _warn_problems(store)
    root = _corpus_root(args)
    if args.format == "json":
        text = store.export_json()
    elif args.format == "csv":
        text = store.export_csv(_resolver(root))
    else:
        text = store.export_markdown(_resolver(root))
    count = len(store.bookmarks)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise _UserError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(f"exported {count} bookmark(s) to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_import(args: argparse.Namespace, store: BookmarkStore) -> int:
    name = "stdin" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise _UserError(f"cannot read {name}: {exc.strerror or exc}") from None
    store.load()
    _warn_problems(store)
    try:
        report = store.import_json(data, _CorpusIds(_corpus_root(args)))
    except InvalidBookmark as exc:
        raise _UserError(f"{name}: {exc}") from None
    for message in report.messages:
        print(f"nkterm: {_safe(message)}", file=sys.stderr)
    print(
        f"imported {len(report.added)} bookmark(s) from {name}; {len(report.skipped)} skipped, "
        f"{len(report.rejected)} rejected",
        file=sys.stderr,
    )
    return EXIT_USER if report.rejected else EXIT_OK


_ACTIONS: dict[str, Callable[[argparse.Namespace, BookmarkStore], int]] = {
    "list": cmd_list,
    "add": cmd_add,
    "remove": cmd_remove,
    "export": cmd_export,
    "import": cmd_import,
}
