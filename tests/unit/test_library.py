"""``nkterm.open(...)``: the public Python API, used as a notebook would, on a copy of the seeds
with a real Whoosh index in a temp folder. Public names only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import nkterm
from nkterm.bookmarks import Bookmark
from nkterm.errors import BadRequest, DocumentNotFound
from nkterm.freshness import MARGIN_NS
from nkterm.library import CorpusNotFound, Library
from tests.conftest import BLOGGER, PHOTO, ROOT

PASSAGE = "Guides were present at every part of Gellman's tour"


@pytest.fixture
def library(seed_corpus: Path, tmp_path: Path) -> Library:
    lib = nkterm.open(seed_corpus, tmp_path / "index", bookmarks=tmp_path / "bookmarks.yaml")
    yield lib  # type: ignore[misc]
    lib.close()


def _text(corpus: Path, doc_id: str) -> str:
    return (corpus / f"{doc_id}.txt").read_text("utf-8")


def test_open_builds_the_index_and_lists_the_documents(library: Library, seed_corpus: Path) -> None:
    rows = library.documents()
    assert [r.id for r in rows] == [BLOGGER, PHOTO]
    assert len(library) == 2 and PHOTO in library and "nope" not in library
    photo = rows[1]
    assert photo.title == "PHOTOS: A Glimpse Of Ordinary Life In North Korea"
    assert photo.words == len(_text(seed_corpus, PHOTO).split()) and photo.claims > 0
    assert json.loads(json.dumps([r.to_dict() for r in rows]))[1]["source"] == "Business Insider Australia"


def test_a_document_has_its_text_and_metadata(library: Library, seed_corpus: Path) -> None:
    doc = library.document(PHOTO)
    assert doc.text == _text(seed_corpus, PHOTO)
    assert doc.people == ("Sam Gellman",) and "koryo-tours" in doc.tags
    assert [s.kind for s in doc.sections] == ["body", "boilerplate"]
    data = json.loads(json.dumps(doc.to_dict()))
    assert data["text"] == doc.text and data["source"] == "Business Insider Australia"
    assert "text" not in doc.to_dict(text=False)
    for unknown in ("nope", "../../etc/passwd", ""):
        with pytest.raises(DocumentNotFound):
            library.document(unknown)
    assert library.find_document("nope") is None


def test_search_gives_hits_with_snippets_and_offsets(library: Library, seed_corpus: Path) -> None:
    result = library.search('"Koryo Tours"')
    assert result.error is None and result.total == 2
    assert {h.id for h in result.hits} == {BLOGGER, PHOTO}
    for hit in result.hits:
        text = _text(seed_corpus, hit.id)
        assert [text[s.start : s.end] for s in hit.hits] == ["Koryo", "Tours"]
        assert [hit.snippet[s.start : s.end] for s in hit.snippet_spans] == ["Koryo", "Tours"]
    data = json.loads(json.dumps(result.to_dict()))
    assert data["total"] == 2 and data["hits"][0]["snippet_hits"]
    assert library.hits_in(PHOTO, "badminton")
    assert library.search("korea", limit=1).hits[0].id in (BLOGGER, PHOTO)


def test_bad_queries_are_answers_not_exceptions(library: Library) -> None:
    bad = library.search('"unclosed')
    assert bad.hits == () and bad.error and "quote" in bad.error
    miss = library.search("pyongyng")
    assert miss.hits == () and miss.suggestion == "pyongyang"
    assert library.suggest("pyongyng") == "pyongyang"


def test_the_cli_prints_what_the_library_returns(library: Library, seed_corpus: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "nkterm", "search", "Gellman OR binsky", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "NKTERM_CORPUS": str(seed_corpus), "NKTERM_INDEX": str(tmp_path / "index")},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [h.to_dict() for h in library.search("Gellman OR binsky").hits]


def test_claims_and_the_check_worthy_ones(library: Library) -> None:
    text = library.document(BLOGGER).text
    claims = library.claims(BLOGGER)
    strong = library.claims(BLOGGER, check_worthy=True)
    assert claims and strong and len(strong) < len(claims)
    assert all(c.score >= 0.5 for c in strong) and set(strong) <= set(claims)
    assert all(0 <= c.start < c.end <= len(text) and c.kinds for c in claims)
    assert claims[0].to_dict(text)["text"] == text[claims[0].start : claims[0].end]


def test_compare_and_corroborate(library: Library) -> None:
    texts = {d: library.document(d).text for d in (BLOGGER, PHOTO)}
    alignment = library.compare(BLOGGER, PHOTO)
    assert alignment.pairs
    for pair in alignment.pairs:
        assert texts[BLOGGER][pair.a.start : pair.a.end] == pair.a.text
        assert texts[PHOTO][pair.b.start : pair.b.end] == pair.b.text
    assert any("Koryo Tours" in p.a.text and "Koryo Tours" in p.b.text for p in alignment.pairs)
    assert len(library.compare(BLOGGER, PHOTO, threshold=0.9).pairs) < len(alignment.pairs)

    offset = texts[PHOTO].index("Koryo Tours")
    found = library.corroborate(PHOTO, offset)
    assert found.claim.start <= offset < found.claim.end
    # the other seed mentions Koryo Tours too, but in another proposition: at most weakly related
    passages = found.report.found + found.report.weak
    assert passages and {r.doc_id for r in passages} == {BLOGGER}
    data = json.loads(json.dumps(found.to_dict()))
    assert data["doc"] == PHOTO and data["summary"] == found.report.summary()
    exact = library.passage_at(PHOTO, offset, offset + 11)
    assert exact.text == "Koryo Tours"
    with pytest.raises(BadRequest, match="past the end"):
        library.passage_at(PHOTO, len(texts[PHOTO]))
    with pytest.raises(BadRequest, match="END must be after START"):
        library.corroborate(PHOTO, 10, 5)


def test_bookmarks_add_list_export_import_remove(library: Library, tmp_path: Path) -> None:
    marks = library.bookmarks
    typed = marks.find(PHOTO, "He's made  a habit")  # the text has a curly apostrophe, one space
    assert library.document(PHOTO).text[typed.start : typed.end] == "He\u2019s made a habit"
    where = marks.find(PHOTO, PASSAGE)
    assert (where.occurrence, where.count) == (1, 1)
    added = marks.add_quote(PHOTO, PASSAGE, note="visitors are watched", tags=["control"])
    assert isinstance(added, Bookmark) and added.exact == PASSAGE
    assert library.document(PHOTO).text[where.start : where.end] == PASSAGE
    (listed,) = marks.list(tag="control")
    assert listed.anchor is not None and listed.anchor.status == "exact"
    assert listed.to_dict()["anchor"]["start"] == where.start
    assert "> " + PASSAGE in marks.export("md") and PASSAGE in marks.export("csv")

    other = Library(library.corpus, library.index_dir, bookmarks=tmp_path / "elsewhere.yaml")
    report = other.bookmarks.import_json(marks.export("json"))
    assert [b.id for b in report.added] == [added.id] and not report.rejected
    assert json.loads(json.dumps(report.to_dict()))["added"][0]["id"] == added.id
    assert other.bookmarks.import_json(marks.export("json")).to_dict()["skipped"]  # already there
    assert [b.to_dict() for b in other.bookmarks.list()] == [b.to_dict() for b in marks.list()]

    with pytest.raises(BadRequest, match="quote not found"):
        marks.find(PHOTO, "words that are not there")
    with pytest.raises(BadRequest, match="not 3"):
        marks.find(PHOTO, PASSAGE, occurrence=3)
    assert marks.remove(added.id[:6]).id == added.id
    assert marks.list() == []
    with pytest.raises(BadRequest, match="no bookmark"):
        marks.remove(added.id)


def test_a_bookmark_whose_passage_left_the_document_is_an_orphan(library: Library, seed_corpus: Path) -> None:
    library.bookmarks.add_quote(PHOTO, PASSAGE)
    path = seed_corpus / f"{PHOTO}.txt"
    path.write_text(path.read_text("utf-8").replace(PASSAGE, "Minders went everywhere"), "utf-8")
    assert not library.is_current()
    report = library.ensure_current()
    assert report is not None and report.changed == 1
    (bookmark,) = library.bookmarks.list()
    assert bookmark.orphan and bookmark.exact == PASSAGE  # kept, with its saved quote
    # the same library reads the new text, once (no stale copy of the updated document)
    assert PASSAGE not in library.document(PHOTO).text
    assert [h.id for h in library.search("minders").hits] == [PHOTO]
    assert library.search("korea").total == 2


def test_a_fresh_index_is_not_rescanned_and_any_change_is_seen(seed_corpus: Path, tmp_path: Path) -> None:
    time.sleep(MARGIN_NS / 1e9 + 0.2)  # the copied files are older than the margin
    lib = nkterm.open(seed_corpus, tmp_path / "index")
    assert lib.is_current() and lib.ensure_current() is None
    # new, changed, touched and removed documents, a new folder, a sidecar: all seen
    changes = [
        lambda: (seed_corpus / "new.txt").write_text("A lone zeppelin.\n", "utf-8"),
        lambda: (seed_corpus / "sub").mkdir(),
        lambda: (seed_corpus / f"{PHOTO}.yaml").write_text("title: Renamed\n", "utf-8"),
        lambda: os.utime(seed_corpus / f"{BLOGGER}.txt"),
        lambda: (seed_corpus / f"{BLOGGER}.txt").unlink(),
    ]
    for change in changes:
        change()
        assert not lib.is_current()
        assert lib.ensure_current() is not None  # a full update ran
    assert [d.id for d in lib.documents()] == [PHOTO, "new"]
    assert lib.document(PHOTO).title == "Renamed"
    lib.close()


def test_a_damaged_index_is_not_taken_for_a_fresh_one(seed_corpus: Path, tmp_path: Path) -> None:
    time.sleep(MARGIN_NS / 1e9 + 0.2)
    lib = nkterm.open(seed_corpus, tmp_path / "index")
    assert lib.is_current()
    lib.close()
    (segment,) = (tmp_path / "index").glob("*.seg")
    segment.write_bytes(segment.read_bytes()[:100])
    assert not lib.is_current()
    report = lib.ensure_current()
    assert report is not None and report.rebuilt and "rebuilding the index" in report.rebuilt
    assert library_search_ids(lib, "badminton") == [PHOTO]
    lib.close()


def library_search_ids(lib: Library, query: str) -> list[str]:
    return [h.id for h in lib.search(query).hits]


def test_update_reports_progress_and_rebuilds_on_request(library: Library) -> None:
    calls: list[tuple[int, int]] = []
    report = library.update(lambda done, total: calls.append((done, total)), rebuild=True)
    assert calls == [(1, 2), (2, 2)]
    assert report.added == 2 and report.to_dict()["added"] == 2
    assert library.update().to_dict()["unchanged"] == 2


def test_open_without_update_and_a_missing_corpus(seed_corpus: Path, tmp_path: Path) -> None:
    lib = nkterm.open(seed_corpus, tmp_path / "index", update=False)
    assert not lib.has_index() and not lib.is_current()
    assert lib.search("korea").error  # no index yet: a message, not an exception
    with pytest.raises(CorpusNotFound, match="corpus folder not found"):
        nkterm.open(tmp_path / "nowhere", tmp_path / "index")


def test_importing_nkterm_and_the_library_loads_neither_textual_nor_whoosh() -> None:
    code = (
        "import sys, nkterm, nkterm.library, nkterm.errors\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'whoosh')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_the_session_in_docs_api_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python block of docs/api.md, in order, in one namespace; the search block prints
    what the document shows (search does not depend on the claim detector's tuning)."""
    import ast
    import contextlib
    import io
    import re
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    doc = (ROOT / "docs" / "api.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```\n(?:\n```text\n(.*?)```)?", doc, re.S)
    assert len(blocks) >= 8
    namespace: dict[str, object] = {}
    for code, shown in blocks:
        out = io.StringIO()
        tree = ast.parse(code)
        with contextlib.redirect_stdout(out):
            if isinstance(tree.body[-1], ast.Expr):  # a notebook shows the last value
                exec(compile(ast.Module(tree.body[:-1], []), "api.md", "exec"), namespace)
                value = eval(compile(ast.Expression(tree.body[-1].value), "api.md", "eval"), namespace)
                if value is not None:
                    print(repr(value))
            else:
                exec(compile(tree, "api.md", "exec"), namespace)
        if "lib.search(" in code:
            assert out.getvalue().rstrip("\n") == shown.rstrip("\n")


def test_an_update_that_leaves_many_segments_merges_them(tmp_path: Path) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    lib = nkterm.open(corpus, tmp_path / "index", update=False)

    def add_round(number: int, **update: bool) -> int:
        for i in range(50):  # an update of 50+ documents adds a segment
            (corpus / f"d{number}_{i:02}.txt").write_text(f"Round{number} report {i}.\n", "utf-8")
        assert lib.update(**update).added == 50
        return lib.index.segment_count()

    assert [add_round(0, merge=False), add_round(1, merge=False)] == [1, 2]
    assert add_round(2) == 1  # it left MERGE_AT segments: merged
    assert [lib.search(f"round{r}").total for r in range(3)] == [50, 50, 50]
    assert [add_round(3, merge=False), add_round(4, merge=False)] == [2, 3]
    time.sleep(MARGIN_NS / 1e9 + 0.2)
    lib.update(merge=False)  # nothing changed: the full scan is recorded
    assert lib.is_current()
    assert lib.merge_segments(at_least=4) is False and lib.index.segment_count() == 3
    assert lib.merge_segments() is True and lib.index.segment_count() == 1
    assert lib.is_current()  # a merge changes no document: no rescan needed
    assert len(lib) == 250 and lib.search("report").total == 250
    lib.close()
