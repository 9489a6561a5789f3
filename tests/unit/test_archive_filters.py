"""date:, source:, kind: and tag: as unscored filters; the timeline of a search; result pages;
the list's date orders and month counts; ``nkterm docs --sort/--json`` on a generated archive."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from nkterm.index import Index
from nkterm.listing import Timeline, sort_summaries
from nkterm.models import DocSummary
from nkterm.queryfilters import FilterError
from nkterm.search.query import split_filters
from nkterm.synthetic.archive import ArchiveSummary, write_archive
from tests.cli_inprocess import run_nkterm

D = dt.date


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Index, ArchiveSummary, Path]]:
    root = tmp_path_factory.mktemp("archive")
    summary = write_archive(root / "corpus", 200, seed=11)
    index = Index(root / "corpus", root / "index")
    index.update()
    yield index, summary, root
    index.close()


@pytest.mark.parametrize(
    ("query", "rest", "start", "end"),
    [
        ("flood date:2024", "flood", D(2024, 1, 1), D(2024, 12, 31)),
        ("date:2024-02 flood", "flood", D(2024, 2, 1), D(2024, 2, 29)),
        ("date:2024-08-16", "", D(2024, 8, 16), D(2024, 8, 16)),
        ("rain date:[2024-07-25 TO 2024-08-05]", "rain", D(2024, 7, 25), D(2024, 8, 5)),
        ("date:[2024-07 TO]", "", D(2024, 7, 1), None),
        ("date:[to 2023]", "", None, D(2023, 12, 31)),
        ("date:2023 date:[2023-06 TO 2024]", "", D(2023, 6, 1), D(2023, 12, 31)),  # both hold
        ("flood AND date:2024", "flood", D(2024, 1, 1), D(2024, 12, 31)),
    ],
)
def test_date_filters_parse(query: str, rest: str, start: dt.date | None, end: dt.date | None) -> None:
    text, filters = split_filters(query)
    assert text == rest
    assert filters.has_date and (filters.date_from, filters.date_to) == (start, end)


@pytest.mark.parametrize(
    "query", ["flood OR date:2024", "(flood date:2024)", "-date:2024 flood", '"date:2024"']
)
def test_filters_the_parser_must_see_are_left_in_place(query: str) -> None:
    assert split_filters(query) == (query, split_filters("x")[1])


def test_an_impossible_date_is_an_error() -> None:
    with pytest.raises(FilterError, match="2024-13"):
        split_filters("date:2024-13")


def test_filters_match_what_the_archive_holds(archive: tuple[Index, ArchiveSummary, Path]) -> None:
    index, summary, _root = archive
    month = max(summary.months, key=summary.months.get)  # type: ignore[arg-type]
    result = index.search(f"date:{month}", limit=1000)
    assert result.error is None and result.total == summary.months[month]
    assert all(h.date.startswith(month) for h in result.hits)
    assert [h.date for h in result.hits] == sorted(
        (h.date for h in result.hits), reverse=True
    )  # newest first
    year = month[:4]
    assert index.search(f"date:{year}", limit=1).total == sum(
        n for m, n in summary.months.items() if m[:4] == year
    )
    assert index.search(f"date:[TO {year}]", limit=1).total == sum(
        n for m, n in summary.months.items() if m[:4] <= year
    )
    agencies = Counter(h.source for h in index.search("source:kcna", limit=1000).hits)
    assert set(agencies) == {"KCNA"} and agencies["KCNA"] >= summary.agencies["KCNA"]
    floods = index.search(f"flood date:{month}", limit=1000, timeline=True)
    everything = index.search("flood", limit=1000)
    assert {h.id for h in floods.hits} == {h.id for h in everything.hits if h.date.startswith(month)}
    assert floods.months == ((month, floods.total),) if floods.total else floods.months == ()
    assert dict(floods.sources) == Counter(h.source for h in floods.hits)  # who reported them
    assert [n for _s, n in floods.sources] == sorted((n for _s, n in floods.sources), reverse=True)
    assert index.search("flood date:1999", limit=5).total == 0
    assert index.search("date:2024-02-30", limit=5).error  # February has no 30th


def test_the_timeline_of_a_search_counts_every_hit_per_month(
    archive: tuple[Index, ArchiveSummary, Path],
) -> None:
    index, summary, _root = archive
    result = index.search("flood", limit=1, timeline=True)
    assert sum(n for _m, n in result.months) == result.total
    assert dict(result.months) == {
        m: n for m, n in summary.flood_months.items() if n
    }  # only floods say "flood"
    assert index.timeline() == dict(summary.months)


def test_pages_of_results_add_up_to_every_result(archive: tuple[Index, ArchiveSummary, Path]) -> None:
    index, _summary, _root = archive
    whole = index.search("date:[2023 TO 2025]", limit=1000, offsets_for=0)
    pages = [
        index.search("date:[2023 TO 2025]", limit=start + 40, start=start, offsets_for=40)
        for start in range(0, whole.total, 40)
    ]
    assert [h.id for page in pages for h in page.hits] == [h.id for h in whole.hits]
    assert all(page.total == whole.total for page in pages)


def test_date_orders_keep_undated_documents_last() -> None:
    rows = [
        DocSummary("a", "B title", "", 1, 0, 0, date="2024-08-16"),
        DocSummary("b", "A title", "", 1, 0, 0),
        DocSummary("c", "C title", "", 1, 0, 0, date="2023-01-02"),
        DocSummary("d", "D title", "", 1, 0, 0, date="2024-08-16"),
    ]
    assert [s.id for s in sort_summaries(rows, "date")] == ["a", "d", "c", "b"]
    assert [s.id for s in sort_summaries(rows, "oldest")] == ["c", "a", "d", "b"]
    timeline = Timeline.of_dates(s.date for s in rows)
    assert timeline.months[0] == "2023-01" and timeline.months[-1] == "2024-08" and len(timeline.months) == 20
    assert timeline.total == 3 and timeline.undated == 1
    line, groups = timeline.bars(10)  # 20 months in 10 columns: two a column
    assert len(line) == 10 and groups[0] == ("2023-01", "2023-02") and line[-1] == "█"
    line, groups = timeline.bars(60)  # room: each month three columns wide
    assert len(line) == 60 and groups[:3] == [("2023-01",)] * 3


def test_docs_command_sorts_by_date_and_prints_dates_and_sources(
    archive: tuple[Index, ArchiveSummary, Path],
) -> None:
    _index, summary, root = archive
    env = {"NKTERM_CORPUS": str(root / "corpus"), "NKTERM_INDEX": str(root / "index")}
    out = run_nkterm("docs", "--sort", "date", "--json", env=env)  # in-process: the output is tested
    assert out.returncode == 0, out.stderr
    docs = json.loads(out.stdout)
    assert len(docs) == 200
    assert [d["date"] for d in docs] == sorted((d["date"] for d in docs), reverse=True)
    assert all(dt.date.fromisoformat(d["date"]) and d["source"] for d in docs)
    assert sum(1 for d in docs if d["duplicate_of"]) == len(summary.duplicates)
    table = run_nkterm("docs", "--sort", "oldest", env=env)
    first = table.stdout.splitlines()[1]
    assert min(summary.dates.values()).isoformat() in first


def test_the_day_array_reads_every_segments_dates_as_the_column_does(tmp_path: Path) -> None:
    # dated and undated documents over two segments (an update after the first build)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(6):
        (corpus / f"2024-0{n + 1}-1{n}_report.txt").write_text(f"Flood report number {n}.\n", "utf-8")
    (corpus / "undated.txt").write_text("An undated flood note.\n", "utf-8")
    index = Index(corpus, tmp_path / "index")
    try:
        index.update()
        (corpus / "1999-12-31_late.txt").write_text("A late flood report.\n", "utf-8")
        (corpus / "also-undated.txt").write_text("Another undated flood note.\n", "utf-8")
        index.update()  # Index.update never merges: a second segment
        searcher = index._searcher()
        assert len(searcher.leaf_searchers()) == 2
        months, days = index._doc_dates(searcher)
        reader = searcher.reader()
        # an undated document holds 0 or the column's default (2**64 - 1: no day at all; the
        # day array read it as a day past year 9999 and the timeline raised ValueError)
        last = dt.date.max.toordinal()
        column = reader.column_reader("date", translate=False)
        raw = [int(v) // 86_400_000_000 + 1 if v else 0 for v in column]
        expected = [day if 365 < day <= last else -1 for day in raw]
        assert any(day > last for day in raw)  # the case that failed
        assert days == expected
        assert months == [dt.date.fromordinal(day).strftime("%Y-%m") if day > 0 else "" for day in expected]
        assert sorted(m for m in months if m) == ["1999-12", *(f"2024-0{n}" for n in range(1, 7))]
        assert months.count("") == 2
    finally:
        index.close()
