"""Gathering matches (nkterm.search.whoosh.collect): every fast path gives exactly what scoring
every match gives — the same top documents in the same order with the same scores, the same
total, the same documents for the timeline — on a real Whoosh index of a generated archive."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from nkterm.index import Index
from nkterm.search.query import prepare
from nkterm.search.whoosh import collect
from nkterm.search.whoosh.collect import Matches, matched_set, newest, scored
from nkterm.search.whoosh.names import expand_names
from nkterm.synthetic.archive import write_archive


def _parse(index: Index, text: str) -> object:
    """The Whoosh query the backend runs for ``text`` (the query tree, translated)."""
    request = prepare(text)
    assert not isinstance(request, str), request
    return index._translate(request)


QUERIES = (
    "flood",
    "kim jong un",
    "flood rain",
    "flood OR missile",
    "(flood OR rain) AND pyongyang",
    "greetings NOT president",
    "title:greetings",
    "missile -test",
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = tmp_path_factory.mktemp("collect")
    write_archive(root / "corpus", 300)
    index = Index(root / "corpus", root / "index")
    index.update()
    assert index.search("flood").total > 5  # the queries below have something to rank
    return index


def _full(index: Index, q: object, limit: int, allowed: set[int] | None = None) -> Matches:
    """Every match scored (no block skipping, no sets): the reference."""
    searcher = index._searcher()
    collector = collect._Top(limit, True, allowed)
    searcher.search_with_collector(q, collector)
    items = sorted(collector.items, reverse=True)
    return Matches([(score, -neg) for score, neg in items], collector.total, sorted(collector.seen))


def _same(a: Matches, b: Matches) -> None:
    assert a.total == b.total
    assert [d for _s, d in a.top] == [d for _s, d in b.top]
    assert [round(s, 6) for s, _d in a.top] == [round(s, 6) for s, _d in b.top]


@pytest.mark.parametrize("text", QUERIES)
def test_terms_and_or_not_ranked_with_skipping_equal_scoring_every_match(archive: Index, text: str) -> None:
    searcher = archive._searcher()
    q = _parse(archive, text)
    assert matched_set(searcher, q) is not None, "a query of terms should take the fast path"
    for limit in (1, 10, 40):
        fast = scored(searcher, q, limit, record=True)
        full = _full(archive, q, limit)
        _same(fast, full)
        assert sorted(fast.docs) == full.docs
    assert scored(searcher, q, 10).total == _full(archive, q, 10).total


@pytest.mark.parametrize("text", QUERIES)
def test_a_filter_gives_the_same_hits_whether_skipped_to_or_checked(archive: Index, text: str) -> None:
    searcher = archive._searcher()
    q = _parse(archive, text)
    everything = set(range(searcher.doc_count_all()))
    for allowed in (
        {d for d in everything if d % 50 == 0},  # narrow: skipped to, one by one
        {d for d in everything if d % 7 == 0},
        {d for d in everything if d % 3},
    ):
        within = collect._scored_within(searcher, q, sorted(allowed), 20, True)
        _same(within, _full(archive, q, 20, set(allowed)))
        fast = scored(searcher, q, 20, allowed=set(allowed), record=True)
        full = _full(archive, q, 20, set(allowed))
        _same(fast, full)
        assert sorted(fast.docs) == full.docs
        assert all(d in allowed for _s, d in fast.top)


def test_a_name_with_its_spellings_is_ranked_as_whoosh_ranks_it(archive: Index) -> None:
    # the name expansion adds a phrase per spelling; those the corpus never uses match nothing
    searcher = archive._searcher()
    run, names = expand_names(_parse(archive, "kim jong un"), archive.name_table())
    assert names and "Phrase" in repr(run)
    for limit in (1, 10, 40):
        fast = scored(searcher, run, limit, record=True)
        _same(fast, _full(archive, run, limit))
        assert fast.total == archive.search("kim jong un").total > 0


def test_phrases_take_the_scoring_path_and_count_exactly(archive: Index) -> None:
    searcher = archive._searcher()
    q = _parse(archive, '"kim jong un"')
    assert matched_set(searcher, q) is None
    _same(scored(searcher, q, 10), _full(archive, q, 10))


def test_filters_alone_list_the_newest_first(archive: Index) -> None:
    result = archive.search("date:2024", limit=15, offsets_for=0)
    dates = [h.date for h in result.hits]
    assert dates == sorted(dates, reverse=True) and all(d.startswith("2024-") for d in dates)
    every = {s.id: s.date for s in archive.summaries()}
    assert result.total == sum(1 for d in every.values() if d.startswith("2024"))
    assert dates[0] == max(d for d in every.values() if d.startswith("2024"))
    # the same order as sorting every allowed document by its day
    days = [dt.date.fromisoformat(d).toordinal() if d else -1 for d in ("2024-01-02", "", "2024-03-01")]
    assert [d for _s, d in newest({0, 1, 2}, days, 3).top] == [2, 0, 1]


def test_the_timeline_counts_every_match_by_month(archive: Index) -> None:
    result = archive.search("flood", limit=5, offsets_for=0, timeline=True)
    months = dict(result.months)
    assert sum(months.values()) == result.total - sum(
        1 for h in archive.search("flood", limit=10_000, offsets_for=0).hits if not h.date
    )
    expected: dict[str, int] = {}
    for hit in archive.search("flood", limit=10_000, offsets_for=0).hits:
        if hit.date:
            expected[hit.date[:7]] = expected.get(hit.date[:7], 0) + 1
    assert months == expected


@pytest.mark.parametrize(
    "text",
    [
        "date:2024-08",
        "date:[2024-01 TO 2024-06]",
        "date:2023 source:kcna",
        "date:[2025 TO]",
        "date:[TO 2023-03]",
    ],
)
def test_date_filters_from_the_day_array_equal_whooshs_date_ranges(archive: Index, text: str) -> None:
    from whoosh import query

    from nkterm.search.query import split_filters

    searcher = archive._searcher()
    _rest, filters = split_filters(text)
    lo = dt.datetime.combine(filters.date_from, dt.time.min) if filters.date_from else None
    hi = dt.datetime.combine(filters.date_to, dt.time.max) if filters.date_to else None
    parts = [query.DateRange("date", lo, hi), *(query.Term("source", w) for w in filters.sources)]
    expected = set(searcher.docs_for_query(query.And(parts)))
    assert expected and archive._allowed(searcher, filters) == expected


ONE_QUESTION = (
    *QUERIES,
    '"kim jong un"',
    "flo* OR rain",
    "pyong* -president",
    "flood source:yonhap",
    "kind:quantity AND rain",
    "floood~",
    "flood date:>2015",  # last: the day array is numpy's, whichever way the query is scored
)


def test_a_backend_that_is_not_vectorised_answers_the_same_without_numpy(archive: Index) -> None:
    """``vectorised=False`` (the CLI's one question): Whoosh's collector scores every query;
    the hits (ids, scores, snippets, offsets) and totals equal the vectorised backend's, and the
    process imports numpy only for a date filter (the day array)."""
    import subprocess
    import sys

    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from nkterm.index import Index\n"
        "corpus, directory, vectorised = sys.argv[1], sys.argv[2], sys.argv[3] == '1'\n"
        "index = Index(Path(corpus), Path(directory))\n"
        "index.vectorised = vectorised\n"
        "index.VECTORISE_AT = int(sys.argv[4])\n"
        "out, loaded = [], []\n"
        "for text in json.loads(sys.stdin.read()):\n"
        "    r = index.search(text, limit=10)\n"
        "    out.append([text, r.error, r.total, [h.to_dict() for h in r.hits], r.suggestion])\n"
        "    loaded.append('numpy' in sys.modules)\n"
        "print(json.dumps({'results': out, 'numpy': loaded}))\n"
    )

    def run(vectorised: bool, threshold: int = 10**9) -> dict[str, object]:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                str(archive.corpus),
                str(archive.directory),
                "1" if vectorised else "0",
                str(threshold),
            ],
            input=json.dumps(ONE_QUESTION),
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    plain, fast = run(False), run(True)
    assert all(fast["numpy"]) and not any(plain["numpy"][:-1])  # type: ignore[index]
    assert plain["results"] == fast["results"]
    # a query that reads more postings than VECTORISE_AT is scored with numpy all the same
    heavy = run(False, threshold=1)
    assert all(heavy["numpy"]) and heavy["results"] == fast["results"]  # type: ignore[arg-type]
    found = {text: total for text, error, total, _hits, _s in plain["results"]}  # type: ignore[union-attr]
    assert all(found[q] > 0 for q in ("flood", '"kim jong un"', "flo* OR rain", "floood~")), found
