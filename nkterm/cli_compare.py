"""The ``compare`` and ``corroborate`` subcommands: the command-line faces of nkterm.compare.

Owns their arguments, the JSON they print and the plain-text side-by-side report; the answers
come from ``Library.compare`` and ``Library.corroborate``. Plugs into
``nkterm.cli`` through ``add_parser(subparsers, common)`` (``nkterm.cli._optional_module``).
Must not import Textual: on a terminal ``nkterm compare A B`` hands over to the TUI's comparison
screen only if ``nkterm.screens.compare`` exists and ``nkterm.app.run_app`` takes ``compare=``,
both imported lazily; otherwise, and whenever stdout is not a terminal, it prints the report.
Document text reaches the terminal only inside ``rich.text.Text`` objects, after
``nkterm.render.safe``, never as markup.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any

from nkterm.cli import (  # the same checks and output as the other subcommands
    IntAtLeast,
    corpus_and_index_dirs,
    document_or_fail,
    open_library,
    print_json,
)

if TYPE_CHECKING:  # nkterm.compare imports Whoosh: only the two commands pay for it
    from nkterm.compare import Alignment, Corroboration, Passage

REPORT_WIDTH = 120  # the side-by-side report's width when stdout is not a terminal
_offset = IntAtLeast(0, "a character offset")
_positive_int = IntAtLeast(1)
DEFAULT_THRESHOLD = 0.18  # nkterm.compare.THRESHOLD (a test checks they agree)
# the relation word is always printed as well: never colour alone
RELATION_STYLES = {"agrees": "bold green", "differs": "bold red", "related": "bold"}


def add_parser(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "compare",
        parents=[common],
        help="line up two documents: what both say, where they differ, what only one says",
        description="Pair the claims (or sentences) of two documents that say substantially the same "
        "thing, mark each pair agrees or differs (with the reason), and list what only one says.",
    )
    p.add_argument("doc_a", metavar="A", help="a document id (`nkterm docs` lists them)")
    p.add_argument("doc_b", metavar="B", help="another document id")
    p.add_argument("--json", action="store_true", help="print JSON (see docs/compare.md)")
    p.add_argument("--plain", action="store_true", help="print the text report even on a terminal")
    p.add_argument(
        "--threshold",
        type=_similarity,
        default=DEFAULT_THRESHOLD,
        help=f"least similarity for a pair, 0-1 (default {DEFAULT_THRESHOLD})",
    )
    p.set_defaults(handler=cmd_compare)

    p = subparsers.add_parser(
        "corroborate",
        parents=[common],
        help="find passages elsewhere in the corpus that discuss a claim",
        description="Take the claim (or sentence) of DOC_ID that contains character offset START "
        "(or exactly START..END), and rank the passages of other documents that discuss the same "
        "thing, each labelled agrees, differs or related.",
    )
    p.add_argument("doc_id", help="the document the claim is in")
    p.add_argument(
        "start", type=_offset, help="a character offset inside the claim, e.g. from `nkterm claims --json`"
    )
    p.add_argument("end", type=_offset, nargs="?", help="end offset: use exactly START..END as the claim")
    p.add_argument("--limit", "-n", type=_positive_int, default=10, help="at most N passages (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON (see docs/compare.md)")
    p.set_defaults(handler=cmd_corroborate)


def _similarity(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 1, got {number}")
    return number


def _console() -> Any:
    from rich.console import Console

    from nkterm.render import CLI_THEME

    return Console(highlight=False, theme=CLI_THEME, width=None if sys.stdout.isatty() else _report_width())


def _report_width() -> int:
    """$COLUMNS when it is a sensible number, else REPORT_WIDTH: piped output still needs a
    width for the two columns."""
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and 40 <= int(value) <= 1000 else REPORT_WIDTH


# -- compare --------------------------------------------------------------------------------------


def cmd_compare(args: argparse.Namespace) -> int:
    library = open_library(args)
    doc_a = document_or_fail(library, args.doc_a)
    doc_b = document_or_fail(library, args.doc_b)
    if not args.json and not args.plain and sys.stdout.isatty():
        opened = _open_screen(args, doc_a.id, doc_b.id)
        if opened is not None:
            return opened
    alignment = library.compare(doc_a.id, doc_b.id, threshold=args.threshold)
    if args.json:
        print_json(alignment.to_dict())
    else:
        print_report(_console(), alignment, doc_a.title, doc_b.title)
    return 0


def _open_screen(args: argparse.Namespace, a_id: str, b_id: str) -> int | None:
    """Run the TUI's comparison screen if it exists; None when it does not (yet)."""
    try:
        importlib.import_module("nkterm.screens.compare")
        app = importlib.import_module("nkterm.app")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("nkterm"):
            return None
        raise
    run_app = getattr(app, "run_app", None)
    if run_app is None or "compare" not in inspect.signature(run_app).parameters:
        return None
    corpus, directory = corpus_and_index_dirs(args)
    return int(run_app(corpus=corpus, index_dir=directory, compare=(a_id, b_id)) or 0)


def print_report(console: Any, alignment: Alignment, title_a: str, title_b: str) -> None:
    """The side-by-side plain-text report: pairs best first, then what only one side says."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from nkterm.render import safe_line

    head = Text()
    head.append("A  ", style="bold")
    head.append(safe_line(title_a), style="title")
    head.append(f"  {safe_line(alignment.a_id)}\n", style="meta")
    head.append("B  ", style="bold")
    head.append(safe_line(title_b), style="title")
    head.append(f"  {safe_line(alignment.b_id)}\n", style="meta")
    differ = sum(1 for p in alignment.pairs if p.relation == "differs")
    head.append(
        f"{len(alignment.pairs)} pair(s), {differ} differ; {len(alignment.only_a)} passage(s) only in A, "
        f"{len(alignment.only_b)} only in B",
        style="meta",
    )
    console.print(head)
    for number, pair in enumerate(alignment.pairs, 1):
        line = _relation_head(number, pair.relation, pair.similarity)
        line.append_text(_explanation(pair.reason, pair.shared_terms, "  "))
        console.print(line)
        table = Table(box=box.SIMPLE, expand=True, show_edge=False, pad_edge=False)
        table.add_column(Text(f"A {pair.a.start}-{pair.a.end}", style="meta"), ratio=1)
        table.add_column(Text(f"B {pair.b.start}-{pair.b.end}", style="meta"), ratio=1)
        table.add_row(_passage_text(pair.a), _passage_text(pair.b))
        console.print(table)
    for label, only in (("Only in A", alignment.only_a), ("Only in B", alignment.only_b)):
        console.print(Text(f"\n{label} ({len(only)})", style="title"))
        for passage in only:
            line = Text(f"  {passage.start}-{passage.end}  ", style="meta")
            line.append_text(_passage_text(passage))
            console.print(line)


def _relation_head(number: int, relation: str, similarity: float) -> Any:
    """``\\n 1. AGREES  similarity 0.25``: the relation as a word, coloured too."""
    from rich.text import Text

    line = Text(f"\n{number:>2}. ")
    line.append(relation.upper(), style=RELATION_STYLES.get(relation, "bold"))
    line.append(f"  similarity {similarity:.2f}", style="meta")
    return line


def _explanation(reason: str, shared_terms: tuple[str, ...], before_reason: str) -> Any:
    """Why a pair or a result was made: the reason it differs (after ``before_reason``), if
    any, then the shared terms on a line of their own."""
    from rich.text import Text

    from nkterm.render import safe

    out = Text()
    if reason:
        out.append(before_reason)
        out.append(safe(reason), style="bold")
    out.append("\n    shared: ", style="meta")
    out.append(safe(", ".join(shared_terms)))
    return out


def _passage_text(passage: Passage) -> Any:
    from rich.text import Text

    from nkterm.render import safe

    return Text(safe(" ".join(passage.text.split())))


# -- corroborate ----------------------------------------------------------------------------------


def cmd_corroborate(args: argparse.Namespace) -> int:
    library = open_library(args)
    doc = document_or_fail(library, args.doc_id)
    found = library.corroborate(doc.id, args.start, args.end, limit=args.limit)
    if args.json:
        print_json(found.to_dict())
        return 0
    print_corroborations(_console(), doc.id, found.claim, list(found.results))
    if not found.results:
        print("nkterm: no passage elsewhere in the corpus discusses this", file=sys.stderr)
    return 0


def print_corroborations(console: Any, doc_id: str, claim: Passage, results: list[Corroboration]) -> None:
    from rich.text import Text

    from nkterm.render import safe_line

    head = Text("Claim ", style="title")
    head.append(f"{safe_line(doc_id)} {claim.start}-{claim.end}\n  ", style="meta")
    head.append_text(_passage_text(claim))
    console.print(head)
    width = shutil.get_terminal_size((REPORT_WIDTH, 24)).columns
    for number, result in enumerate(results, 1):
        line = _relation_head(number, result.relation, result.similarity)
        line.append("  ")
        line.append(safe_line(result.title)[: max(20, width // 2)], style="title")
        line.append(f"  {safe_line(result.doc_id)} {result.passage.start}-{result.passage.end}", style="meta")
        line.append_text(_explanation(result.reason, result.shared_terms, "\n    "))
        line.append("\n    ")
        line.append_text(_passage_text(result.passage))
        console.print(line)
