"""The ``nkterm`` command: the top-level parser (``--corpus``/``--index`` on every command), the
command groups registered from their modules (documents, compare, bookmarks), and ``main``,
which turns every error the user can act on into one line and an exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from nkterm import __version__
from nkterm.cli import bookmarks, compare, documents
from nkterm.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USER, UserError, safe
from nkterm.errors import NktermError


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

    documents.add_parsers(sub, common)
    compare.add_parser(sub, common)
    bookmarks.add_parser(sub, common)
    return parser


# the commands that only read the index and print: the process ends after them without the
# interpreter's teardown (``run``)
READ_ONLY = frozenset({"search", "show", "docs", "claims"})


def run() -> NoReturn:
    """The ``nkterm`` console script and ``python -m nkterm``: ``main`` on the process's
    arguments, then exit. After a read-only command (``READ_ONLY``), with its output flushed
    and no other thread running, the process ends at once: the interpreter's teardown (freeing
    every module and object, numpy's and Whoosh's among them) cost ~65 ms CPU after a search of
    20,000 documents, a seventh of the command. Nothing is left unwritten: these commands write
    only through atomic replaces that are finished by then (the freshness record, the cache)."""
    code, command = _main(None)
    if (command in READ_ONLY or _wrote_nothing(command)) and threading.active_count() == 1:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BrokenPipeError:  # `nkterm search x | head`: nothing the user needs to see
                pass
            except (OSError, ValueError) as exc:  # e.g. a full disk: the output is incomplete
                with contextlib.suppress(OSError, ValueError):
                    sys.stderr.write(f"nkterm: could not write the output: {exc}\n")
                    sys.stderr.flush()
                code = code or EXIT_FAILED
        os._exit(code)
    sys.exit(code)


def _wrote_nothing(command: str) -> bool:
    """``nkterm index`` that found nothing to index (only its stamps and the freshness record
    rewritten, by atomic replaces) and never started a worker pool: it ends as a read-only
    command does (20k documents: the teardown freed the manifest, the scan and Whoosh's
    modules, ~50 ms CPU of a ~0.5 s no-change run)."""
    return command == "index" and documents.NOTHING_INDEXED.is_set() and "multiprocessing" not in sys.modules


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``nkterm`` command line ``argv`` (default: the process's) and return its exit
    code; every error the user can act on is one line on stderr."""
    return _main(argv)[0]


def _main(argv: Sequence[str] | None) -> tuple[int, str]:
    parser = build_parser()
    args = parser.parse_args(
        _query_words_as_positionals(parser, sys.argv[1:] if argv is None else list(argv))
    )
    args.corpus = getattr(args, "corpus", None)
    args.index = getattr(args, "index", None)
    command = args.command or "read"
    handler = getattr(args, "handler", None) or documents.HANDLERS[command]
    try:
        return int(handler(args) or 0), command
    except UserError as exc:
        print(f"nkterm: {safe(str(exc))}", file=sys.stderr)
        return EXIT_USER, command
    except KeyboardInterrupt:
        return 130, command
    except BrokenPipeError:
        # e.g. `nkterm docs | head`: not an error the user needs to see
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK, command
    except NktermError as exc:
        # e.g. an index problem found late (a segment damaged since the last update), an
        # offset past the end of a document: one line, not a traceback
        print(f"nkterm: {safe(str(exc))}", file=sys.stderr)
        return EXIT_USER, command


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
