"""The ``compare`` and ``corroborate`` subcommands: the command-line faces of nkterm.compare.

Owns their arguments, the JSON they print and the plain-text side-by-side report; the answers
come from ``Library.compare`` and ``Library.corroborate``. Plugs into
``nkterm.cli.main`` through ``add_parser(subparsers, common)``.
Must not import Textual: on a terminal ``nkterm compare A B`` hands over to the TUI's comparison
screen only if ``nkterm.tui.screens.compare`` exists and ``nkterm.tui.app.run_app`` takes ``compare=``,
both imported lazily; otherwise, and whenever stdout is not a terminal, it prints the report.
Document text reaches the terminal only inside ``rich.text.Text`` objects, after
``nkterm.render.safe``, never as markup.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any

from nkterm.cli.common import (  # the same checks and output as the other subcommands
    IntAtLeast,
    corpus_and_index_dirs,
    document_or_fail,
    open_library,
    print_json,
)

if TYPE_CHECKING:  # nkterm.compare imports Whoosh: only the two commands pay for it
    from nkterm.compare import Alignment, Change, Corroboration, CorroborationReport, Pair, Passage

REPORT_WIDTH = 120  # the side-by-side report's width when stdout is not a terminal
_offset = IntAtLeast(0, "a character offset")
_positive_int = IntAtLeast(1)
DEFAULT_THRESHOLD = 0.18  # nkterm.compare.THRESHOLD (a test checks they agree)
# the relation word is always printed as well: never colour alone
RELATION_STYLES = {"agrees": "bold green", "differs": "bold red", "related": "bold", "weakly related": "dim"}
CHANGE_STYLE = "bold underline"  # a changed word of a near-identical pair (never colour alone)


def add_parser(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "compare",
        parents=[common],
        help="line up two documents: what both say, where they differ, what only one says",
        description="Pair the claims (or sentences) of two documents that discuss the same thing, mark "
        "each pair agrees (the same proposition), differs (the same slot, incompatible values) or "
        "related (same topic), with the reason, and list what only one says.",
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
        "thing, each labelled agrees, differs or related, and count the independent sources behind "
        "them; says so when no passage passes the threshold.",
    )
    p.add_argument("doc_id", help="the document the claim is in")
    p.add_argument(
        "start", type=_offset, help="a character offset inside the claim, e.g. from `nkterm claims --json`"
    )
    p.add_argument("end", type=_offset, nargs="?", help="end offset: use exactly START..END as the claim")
    p.add_argument("--limit", "-n", type=_positive_int, default=10, help="at most N passages (default 10)")
    p.add_argument("--weak", action="store_true", help="also list the weakly related word matches")
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
        importlib.import_module("nkterm.tui.screens.compare")
        app = importlib.import_module("nkterm.tui.app")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("nkterm"):
            return None
        raise
    import inspect  # ~10 ms: only here

    run_app = getattr(app, "run_app", None)
    if run_app is None or "compare" not in inspect.signature(run_app).parameters:
        return None
    corpus, directory = corpus_and_index_dirs(args)
    services = importlib.import_module("nkterm.tui.services").ReaderServices.for_folders(corpus, directory)
    return int(run_app(services, compare=(a_id, b_id)) or 0)


def print_report(console: Any, alignment: Alignment, title_a: str, title_b: str) -> None:
    """The side-by-side plain-text report: pairs best first, then what only one side says."""
    from rich.text import Text

    from nkterm.render import safe_line

    head = Text()
    head.append("A  ", style="bold")
    head.append(safe_line(title_a), style="title")
    head.append(f"  {safe_line(alignment.a_id)}\n", style="meta")
    head.append("B  ", style="bold")
    head.append(safe_line(title_b), style="title")
    head.append(f"  {safe_line(alignment.b_id)}\n", style="meta")
    head.append(summary_line(alignment), style="meta")
    head.append("\n" + independence_line(alignment))
    console.print(head)
    for number, pair in enumerate(alignment.pairs, 1):
        _print_pair(console, number, pair)
    if alignment.also_differs:
        console.print(
            Text(
                f"\nAlso differs ({len(alignment.also_differs)}): conflicts beside the one-to-one pairs",
                style="title",
            )
        )
        for number, pair in enumerate(alignment.also_differs, len(alignment.pairs) + 1):
            _print_pair(console, number, pair)
    for label, only in (("Only in A", alignment.only_a), ("Only in B", alignment.only_b)):
        console.print(Text(f"\n{label} ({len(only)})", style="title"))
        for passage in only:
            line = Text(f"  {passage.start}-{passage.end}  ", style="meta")
            line.append_text(_passage_text(passage))
            console.print(line)


def _print_pair(console: Any, number: int, pair: Pair) -> None:
    """One pair: its relation, similarity and reason, then the two passages side by side."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from nkterm.render import explanation

    line = _relation_head(number, pair.relation, pair.similarity)
    line.append("  ")
    explanation(line, pair.reason, pair.shared_terms, reason_style="bold", meta="meta", joint="\n    ")
    console.print(line)
    table = Table(box=box.SIMPLE, expand=True, show_edge=False, pad_edge=False)
    table.add_column(Text(f"A {pair.a.start}-{pair.a.end}", style="meta"), ratio=1)
    table.add_column(Text(f"B {pair.b.start}-{pair.b.end}", style="meta"), ratio=1)
    table.add_row(_passage_text(pair.a, pair.changes_a), _passage_text(pair.b, pair.changes_b))
    console.print(table)
    if pair.changes_a or pair.changes_b:
        console.print(Text("    changed: " + changes_line(pair), style="meta"))


def changes_line(pair: Pair) -> str:
    """The changed words of a near-identical pair, in plain words: "A: has, wants | B: wanted"."""
    from nkterm.render import safe_line

    def words(passage: Passage, changes: tuple[Change, ...]) -> str:
        text = passage.text
        found = [text[c.start - passage.start : c.end - passage.start] for c in changes]
        return safe_line(", ".join(found)) or "(none)"

    return f"A: {words(pair.a, pair.changes_a)} | B: {words(pair.b, pair.changes_b)}"


def summary_line(alignment: Alignment) -> str:
    """``12 pairs: 7 agree, 1 differs, 4 related; 3 only in A, 5 only in B``."""
    counts = {r: sum(1 for p in alignment.pairs if p.relation == r) for r in ("agrees", "differs", "related")}
    also = (
        f"; {len(alignment.also_differs)} more conflict(s) beside the pairs" if alignment.also_differs else ""
    )
    return (
        f"{len(alignment.pairs)} pair(s): {counts['agrees']} agree, {counts['differs']} differ, "
        f"{counts['related']} related{also}; {len(alignment.only_a)} only in A, {len(alignment.only_b)} only in B"
    )


def independence_line(alignment: Alignment) -> str:
    """Whether the two documents are independent accounts, and if not, why."""
    ind = alignment.independence
    if ind is None or ind.independent:
        return "independent accounts (different sources, no shared text)"
    return "NOT independent: " + "; ".join(ind.reasons)


def _relation_head(number: int, relation: str, similarity: float) -> Any:
    """``\\n 1. AGREES  similarity 0.25``: the relation as a word, coloured too."""
    from rich.text import Text

    line = Text(f"\n{number:>2}. ")
    line.append(relation.upper(), style=RELATION_STYLES.get(relation, "bold"))
    line.append(f"  similarity {similarity:.2f}", style="meta")
    return line


def _passage_text(passage: Passage, changes: tuple[Change, ...] = ()) -> Any:
    """The passage on one line; its changed words (of a near-identical pair) underlined bold."""
    from rich.text import Text

    from nkterm.render import safe

    out = Text(safe(passage.text))
    if len(out.plain) == len(passage.text):  # safe() kept the offsets: the changes can be marked
        for change in changes:
            out.stylize(CHANGE_STYLE, change.start - passage.start, change.end - passage.start)
    return _one_line(out)


def _one_line(text: Any) -> Any:
    """Whitespace runs (newlines too) as one space, keeping the styles."""
    import re

    from rich.text import Text

    plain = text.plain
    out = Text()
    for m in re.finditer(r"\S+|\s+", plain):
        if m.group(0).isspace():
            out.append(" ")
        else:
            out.append_text(text[m.start() : m.end()])
    return out


# -- corroborate ----------------------------------------------------------------------------------


def cmd_corroborate(args: argparse.Namespace) -> int:
    library = open_library(args)
    doc = document_or_fail(library, args.doc_id)
    found = library.corroborate(doc.id, args.start, args.end, limit=args.limit)
    if args.json:
        print_json(found.to_dict())
        return 0
    report = found.report
    print_corroborations(_console(), doc.id, found.claim, report, weak=args.weak)
    if report.nothing:
        print(f"nkterm: {report.summary()}", file=sys.stderr)
    return 0


def print_corroborations(
    console: Any, doc_id: str, claim: Passage, report: CorroborationReport, *, weak: bool = False
) -> None:
    from rich.text import Text

    from nkterm.render import explanation, safe_line

    head = Text("Claim ", style="title")
    head.append(f"{safe_line(doc_id)} {claim.start}-{claim.end}\n  ", style="meta")
    head.append_text(_passage_text(claim))
    head.append("\n" + report.summary(), style="bold")
    if report.weak and not weak:
        others = len(report.weak) - report.might
        if not report.might:
            note = f"{others} weakly related word matches: --weak lists them"
        else:
            more = f", then {others} other word match{'es' if others != 1 else ''}" if others else ""
            note = f"--weak lists them{more}"
        head.append(f"  ({note})", style="meta")
    console.print(head)
    width = shutil.get_terminal_size((REPORT_WIDTH, 24)).columns
    results: list[Corroboration] = [*report.found, *(report.weak if weak else ())]
    for number, result in enumerate(results, 1):
        line = _relation_head(number, result.relation, result.similarity)
        line.append("  ")
        line.append(safe_line(result.title)[: max(20, width // 2)], style="title")
        line.append(f"  {safe_line(result.doc_id)} {result.passage.start}-{result.passage.end}", style="meta")
        if not result.independent:
            line.append("  not independent", style="bold")
        line.append("\n    ")
        explanation(
            line, result.reason, result.shared_terms, reason_style="bold", meta="meta", joint="\n    "
        )
        line.append("\n    ")
        line.append_text(_passage_text(result.passage))
        console.print(line)
