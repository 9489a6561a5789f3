"""The bookmark query language (panel filter, bookmark:/btag: in the search bar) and the
search hits it makes: pure functions over bookmarks and documents."""

from __future__ import annotations

import datetime as dt

from nkterm.bookmarks import Bookmark, TextPositionSelector, quote_at
from nkterm.bookmarks.query import (
    BookmarkQuery,
    filter_bookmarks,
    is_bookmark_search,
    parse_query,
    search_bookmarks,
    snippet_of,
    split_tags,
)
from nkterm.models import Document, Span

T = dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC)
TEXT_A = "Alpha report.\n\nThe council said 3 roads will close. Residents were angry.\n"
TEXT_B = "Beta story.\n\nA village school opened. Guides showed the way.\n"
DOCS = {
    "a": Document(id="a", text=TEXT_A, title="Zebra title"),
    "b": Document(id="b", text=TEXT_B, title="Apple title"),
}


def _bookmark(doc_id: str, exact: str, note: str = "", tags: tuple[str, ...] = (), id: str = "x") -> Bookmark:
    text = DOCS[doc_id].text if doc_id in DOCS else exact
    start = text.index(exact)
    return Bookmark(
        id=id,
        doc_id=doc_id,
        quote=quote_at(text, start, start + len(exact)),
        position=TextPositionSelector(start, start + len(exact)),
        created=T,
        updated=T,
        note=note,
        tags=tags,
    )


ROADS = _bookmark("a", "The council said 3 roads will close.", "numbers to check", ("council", "Roads"), "r")
ANGRY = _bookmark("a", "Residents were angry.", "", ("mood",), "m")
SCHOOL = _bookmark("b", "A village school opened.", "a good lead", ("school",), "s")
GONE = _bookmark("zzz", "A passage from a removed document.", "lost", ("council",), "g")


def test_parse_words_phrases_tags_and_prefixes() -> None:
    assert parse_query("Roads CLOSE") == BookmarkQuery(("roads", "close"), ())
    assert parse_query('tag:Council btag:x "will close"') == BookmarkQuery(("will close",), ("council", "x"))
    assert parse_query("bookmark:roads") == BookmarkQuery(("roads",), ())
    assert parse_query('btag:"two words"') == BookmarkQuery((), ("two words",))
    assert parse_query("bookmark:") == BookmarkQuery()  # everything
    assert not parse_query("   ")
    assert parse_query("at 10:30") == BookmarkQuery(("at", "10:30"), ())  # not a field of ours


def test_filter_matches_quote_note_and_tags_ignoring_case() -> None:
    everything = [ROADS, ANGRY, SCHOOL, GONE]
    assert filter_bookmarks(everything, "") == everything
    assert filter_bookmarks(everything, "roads") == [ROADS]  # quote and tag
    assert filter_bookmarks(everything, "GOOD lead") == [SCHOOL]  # note
    assert filter_bookmarks(everything, "tag:council") == [ROADS, GONE]
    assert filter_bookmarks(everything, "tag:council numbers") == [ROADS]
    assert filter_bookmarks(everything, "tag:counc") == []  # tags match whole
    assert filter_bookmarks(everything, "mood angry") == [ANGRY]


def test_only_bookmark_and_btag_queries_go_to_the_bookmarks() -> None:
    assert is_bookmark_search("bookmark:roads")
    assert is_bookmark_search("  BTAG:x")
    assert not is_bookmark_search("tag:x")  # a document field in the index
    assert not is_bookmark_search("roads bookmark:x")


def test_split_tags_by_commas_or_spaces() -> None:
    assert split_tags("intro, photo travel,,#Photo  ") == ("intro", "photo", "travel")
    assert split_tags("") == ()


def test_search_hits_are_the_anchored_passages_by_title_orphans_last() -> None:
    moved_text = (
        "Alpha report.\n\nAn inserted sentence. The council said 3 roads will close. Residents were angry.\n"
    )
    docs = {**DOCS, "a": Document(id="a", text=moved_text, title="Zebra title")}
    result = search_bookmarks([GONE, ROADS, SCHOOL, ANGRY], "bookmark:", docs.get)
    assert [h.id for h in result.hits] == ["b", "a", "a", "zzz"]  # Apple, Zebra (in text order), orphan
    assert result.total == 4
    school, roads, angry, gone = result.hits
    assert angry.snippet.startswith("“Residents were angry.”")
    assert school.title == "Apple title" and school.hits == (
        Span(13, 37),
    )  # "Beta story.\n\n" is 13 characters
    start = moved_text.index("The council")
    assert roads.hits == (Span(start, start + len(ROADS.quote.exact)),), "re-anchored where it moved"
    assert gone.hits == () and gone.title == "zzz"
    assert roads.snippet == "“The council said 3 roads will close.” — numbers to check · #council #Roads"

    tagged = search_bookmarks([GONE, ROADS, SCHOOL], "btag:council roads", docs.get)
    assert [h.id for h in tagged.hits] == ["a"]
    snippet = tagged.hits[0].snippet
    assert [snippet[s.start : s.end].casefold() for s in tagged.hits[0].snippet_spans] == ["roads", "roads"]
    assert search_bookmarks([ROADS], "btag:none", docs.get).hits == ()


def test_a_long_quote_is_cut_in_the_snippet() -> None:
    long = _bookmark("a", "The council said 3 roads will close.")
    long = Bookmark(**{**long.__dict__, "quote": quote_at("w " * 400, 0, 800)})
    snippet, _ = snippet_of(long)
    assert len(snippet) < 260 and snippet.endswith("…”")
