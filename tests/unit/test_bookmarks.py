"""The bookmark store: round trips, re-anchoring, broken files, failed writes, export and import.

Every store here is a real file in a temp folder; the only fakes are injected faults
(``os.replace``/``os.fsync`` raising ENOSPC, to play a full disk).
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nkterm.bookmarks import (
    Anchor,
    Bookmark,
    BookmarkNotFound,
    BookmarksLocked,
    BookmarksReadOnly,
    BookmarkStore,
    BookmarksWriteError,
    ClaimRef,
    InvalidBookmark,
    TextPositionSelector,
    TextQuoteSelector,
    locate,
    quote_at,
)
from nkterm.corpus import read_document
from nkterm.models import Claim, Document
from nkterm.paths import data_dir
from tests.conftest import BLOGGER, ROOT, SEEDS
from tests.counts import examples

PASSAGE = (
    "The 25-year-old spent three days inside Pyongyang last month and produced an eye-opening "
    "video of life inside the country's capital, news.com.au reported."
)


@pytest.fixture
def blogger() -> Document:
    return read_document(SEEDS, BLOGGER)


@pytest.fixture
def store(tmp_path: Path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "data" / "bookmarks.yaml")


def _span_of(doc: Document, passage: str) -> tuple[int, int]:
    start = doc.text.index(passage)
    return start, start + len(passage)


def _doc(text: str, doc_id: str = "doc", **meta: object) -> Document:
    return Document(id=doc_id, text=text, title=str(meta.pop("title", "A title")), **meta)  # type: ignore[arg-type]


# --- saving and loading ----------------------------------------------------------------------


def test_default_file_is_in_the_data_dir() -> None:
    store = BookmarkStore()
    assert store.path == data_dir() / "bookmarks.yaml"
    assert str(store.path).startswith(os.environ["NKTERM_DATA"])


def test_every_field_survives_a_reload(store: BookmarkStore, blogger: Document) -> None:
    start, end = _span_of(blogger, PASSAGE)
    claim = Claim(start, end, kinds=("quantity", "experience"), score=0.8)
    note = 'Line one: "quoted" # not a comment\n  indented line two\nyes\n'
    made = store.add(blogger, start, end, note=note, tags=["travel", " North  Korea ", "travel"], claim=claim)
    updated = store.update(made.id, tags=["travel", "null", "2024-01-01"])

    reloaded = BookmarkStore(store.path).get(made.id)
    assert reloaded == updated
    assert reloaded.doc_id == BLOGGER
    assert reloaded.quote.exact == PASSAGE
    assert reloaded.quote.prefix == blogger.text[start - 32 : start]
    assert reloaded.quote.suffix == blogger.text[end : end + 32]
    assert reloaded.position == TextPositionSelector(start, end)
    assert reloaded.note == note
    assert reloaded.tags == ("travel", "null", "2024-01-01")
    assert reloaded.claim == ClaimRef(start, end, ("quantity", "experience"))
    assert reloaded.created == made.created and reloaded.created.tzinfo is not None
    assert reloaded.updated >= reloaded.created and reloaded.updated.tzinfo is not None
    # cleaned on the way in: whitespace collapsed, duplicates dropped
    assert made.tags == ("travel", "North Korea")


def test_file_is_readable_yaml_with_a_version_first(store: BookmarkStore, blogger: Document) -> None:
    start, end = _span_of(blogger, PASSAGE)
    store.add(blogger, start, end, note="first line\nsecond line", tags=["a"])
    text = store.path.read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines[0] == "version: 1"
    assert lines[1] == "bookmarks:"
    assert f"  exact: {PASSAGE}" in lines
    assert '  note: "first line\\nsecond line"' in lines
    data = yaml.safe_load(text)
    assert list(data["bookmarks"][0])[:7] == ["id", "doc_id", "exact", "prefix", "suffix", "start", "end"]


@pytest.mark.slow
@settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    note=st.text(st.characters(codec="utf-8"), max_size=60),
    tags=st.lists(st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)),
    exact=st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),
)
def test_any_text_round_trips_through_the_file(
    tmp_path: Path, note: str, tags: list[str], exact: str
) -> None:
    if not exact.strip():
        exact = "x" + exact
    doc = _doc("«" + exact + "»")
    path = tmp_path / f"bm-{abs(hash((note, exact, tuple(tags))))}.yaml"
    made = BookmarkStore(path).add(doc, 1, 1 + len(exact), note=note, tags=tags)
    assert BookmarkStore(path).bookmarks == (made,)


def test_update_remove_and_undo(store: BookmarkStore, blogger: Document) -> None:
    made = [store.add(blogger, i * 10, i * 10 + 8, note=f"n{i}") for i in range(3)]
    assert store.update(made[1].id, note="changed").note == "changed"
    removed = store.remove(made[1].id)
    assert removed.note == "changed"
    assert [b.id for b in BookmarkStore(store.path).bookmarks] == [made[0].id, made[2].id]
    assert store.undo_remove() == removed
    assert [b.id for b in BookmarkStore(store.path).bookmarks] == [b.id for b in made]
    assert store.undo_remove() is None
    with pytest.raises(BookmarkNotFound):
        store.remove("nope")
    with pytest.raises(BookmarkNotFound):
        store.update("nope", note="x")


def test_add_refuses_bad_passages(store: BookmarkStore, blogger: Document) -> None:
    for start, end in ((5, 5), (10, 2), (-1, 3), (0, len(blogger.text) + 1)):
        with pytest.raises(InvalidBookmark):
            store.add(blogger, start, end)
    blank = _doc("words   more")
    with pytest.raises(InvalidBookmark, match="blank"):
        store.add(blank, 5, 8)
    assert not store.path.exists()


def test_list_filters_by_document_text_and_tag(store: BookmarkStore, blogger: Document) -> None:
    other = _doc("Another text entirely, about coal mining.", doc_id="other")
    a = store.add(blogger, *_span_of(blogger, PASSAGE), note="Video evidence", tags=["Travel"])
    b = store.add(other, 22, 40, tags=["mining"])
    assert store.list() == [a, b]
    assert store.list(doc_id="other") == [b]
    assert store.list(text="video EVIDENCE") == [a]
    assert store.list(text="coal") == [b]
    assert store.list(tag="travel") == [a]
    assert store.list(tag="travel", doc_id="other") == []


def test_ids_are_short_and_unique(store: BookmarkStore, blogger: Document) -> None:
    ids = {store.add(blogger, i, i + 5).id for i in range(30)}
    assert len(ids) == 30
    assert all(len(i) == 12 and i.isalnum() for i in ids)


# --- re-anchoring ----------------------------------------------------------------------------

INSERT = "A sentence that was not there before. "


def _edit(text: str, at: int, delete: int, insert: str) -> str:
    return text[:at] + insert + text[at + delete :]


@pytest.mark.parametrize(
    ("where", "delete", "insert"),
    [
        ("before", 0, INSERT),
        ("before", 40, ""),
        ("before", 8, "replaced by longer words"),
        ("after", 0, INSERT),
        ("after", 25, ""),
        ("after", 6, "xx"),
        ("context-before", 0, "!!"),
        ("context-after", 3, "..."),
    ],
)
def test_passage_found_again_after_edits_outside_it(
    blogger: Document, where: str, delete: int, insert: str
) -> None:
    start, end = _span_of(blogger, PASSAGE)
    at = {"before": start // 3, "after": end + 100, "context-before": start - 5, "context-after": end + 2}[
        where
    ]
    new_text = _edit(blogger.text, at, delete, insert)
    anchor = locate(new_text, quote_at(blogger.text, start, end), TextPositionSelector(start, end))
    shift = len(insert) - delete if at < start else 0
    assert anchor.span is not None
    assert (anchor.span.start, anchor.span.end) == (start + shift, end + shift)
    assert new_text[anchor.span.start : anchor.span.end] == PASSAGE
    assert anchor.status == ("moved" if shift else "exact")
    assert anchor.score == 1.0


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("three days", "four days"),  # edit inside
        ("last month ", ""),  # deletion inside
        ("video of life", "video, shot on a phone, of life"),  # insertion inside
        ("The 25-year-old", "Goldberg, 25,"),  # edit at its start
        ("news.com.au reported.", "the site said."),  # edit at its end
    ],
)
def test_changed_passage_is_found_fuzzily(blogger: Document, old: str, new: str) -> None:
    start, end = _span_of(blogger, PASSAGE)
    changed = PASSAGE.replace(old, new)
    new_text = blogger.text.replace(PASSAGE, changed)
    new_text = INSERT + new_text  # and something moved it, too
    anchor = locate(new_text, quote_at(blogger.text, start, end), TextPositionSelector(start, end))
    assert anchor.status == "fuzzy"
    assert anchor.span is not None
    assert new_text[anchor.span.start : anchor.span.end] == changed
    assert 0.7 <= anchor.score < 1.0


def test_passage_gone_is_an_orphan_that_keeps_its_quote(store: BookmarkStore, blogger: Document) -> None:
    start, end = _span_of(blogger, PASSAGE)
    made = store.add(blogger, start, end, note="keep me")
    rewritten = blogger.text.replace(PASSAGE, "Goldberg went there in the spring, he says.")
    changed_doc = Document(id=BLOGGER, text=rewritten, title=blogger.title)
    anchor = store.anchor(made, changed_doc)
    assert anchor == Anchor("orphan", None, 0.0, anchor.reason) and anchor.reason
    (anchored,) = store.anchored(lambda doc_id: changed_doc)
    assert anchored.orphan and anchored.exact == PASSAGE and anchored.note == "keep me"
    (missing,) = store.anchored(lambda doc_id: None)
    assert missing.orphan and "not in the corpus" in missing.anchor.reason  # type: ignore[union-attr]
    assert BookmarkStore(store.path).get(made.id) == made  # never dropped


def test_saved_position_is_trusted_only_when_it_fits() -> None:
    # text[2:4] == "a" too (slices stop at the end): the saved 2..4 must not be returned
    anchor = locate("aaa", TextQuoteSelector("a"), TextPositionSelector(2, 4))
    assert anchor.span is not None and anchor.span.end <= 3 and len(anchor.span) == 1
    negative = locate("abcab", TextQuoteSelector("ab"), TextPositionSelector(-2, 0))
    assert negative.span is not None and negative.span.start in (0, 3)


def test_short_quote_is_never_matched_fuzzily() -> None:
    text = "He said yes. Then he said no."
    quote = quote_at(text, 8, 11)  # "yes"
    anchor = locate(text.replace("yes", "yep"), quote, TextPositionSelector(8, 11))
    assert anchor.orphan


def test_context_picks_the_right_one_of_repeated_quotes() -> None:
    text = "Alpha said: we will stay. Later, Beta said: we will stay. The end."
    second = text.rindex("we will stay")
    quote = quote_at(text, second, second + 12, context=10)
    new_text = "Preface. " + text.replace("Alpha said", "Alpha said loudly")
    anchor = locate(new_text, quote, TextPositionSelector(second, second + 12))
    assert anchor.span is not None and anchor.status == "moved"
    assert anchor.span.start == new_text.rindex("we will stay")


def test_nearest_to_old_position_wins_when_context_ties() -> None:
    unit = "tick tock. "
    text = unit * 20
    at = len(unit) * 12
    quote = quote_at(text, at, at + 4, context=3)
    new_text = "x" + text  # every occurrence moves by one; their contexts are alike
    anchor = locate(new_text, quote, TextPositionSelector(at, at + 4))
    assert anchor.span is not None and anchor.span.start == at + 1


_ALPHABET = "ab .\n"


@st.composite
def _edits(draw: st.DrawFn, text: str) -> str:
    """Apply 1-5 random insertions/deletions/replacements to ``text``."""
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        delete = draw(st.integers(0, min(8, len(text) - at)))
        insert = draw(st.text(_ALPHABET, max_size=12))
        text = text[:at] + insert + text[at + delete :]
    return text


def _occurrences(text: str, needle: str) -> int:
    """Overlapping occurrences (``str.count`` skips overlaps: "aaa".count("aa") == 1)."""
    return sum(text.startswith(needle, i) for i in range(len(text)))


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None)
@given(data=st.data())
def test_unchanged_passage_is_found_after_random_edits_elsewhere(data: st.DataObject) -> None:
    before = data.draw(st.text(_ALPHABET, max_size=150), label="before")
    passage = data.draw(st.text("abc .", min_size=1, max_size=40).filter(str.strip), label="passage")
    after = data.draw(st.text(_ALPHABET, max_size=150), label="after")
    text = before + passage + after
    start, end = len(before), len(before) + len(passage)
    quote = quote_at(text, start, end)
    # Edits anywhere outside the passage, even in its saved context...
    new_before = data.draw(_edits(before), label="new_before")
    new_after = data.draw(_edits(after), label="new_after")
    new_text = new_before + passage + new_after
    # ...as long as the passage plus whatever context survived still tells it apart.
    kept_prefix = new_before[len(new_before) - len(quote.prefix) :] if quote.prefix else ""
    kept_suffix = new_after[: len(quote.suffix)]
    assume(
        _occurrences(new_text, passage) == 1
        or (
            kept_prefix == quote.prefix
            and kept_suffix == quote.suffix
            and _occurrences(new_text, quote.prefix + passage + quote.suffix) == 1
        )
    )
    anchor = locate(new_text, quote, TextPositionSelector(start, end))
    assert anchor.span is not None, anchor
    assert (anchor.span.start, anchor.span.end) == (len(new_before), len(new_before) + len(passage))


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None)
@given(
    text=st.text("ab c\n", max_size=300),
    exact=st.text("ab c", min_size=1, max_size=60),
    prefix=st.text("ab c", max_size=32),
    suffix=st.text("ab c", max_size=32),
    start=st.integers(0, 400),
    length=st.integers(0, 80),
)
def test_locate_never_fails_and_stays_in_range(
    text: str, exact: str, prefix: str, suffix: str, start: int, length: int
) -> None:
    anchor = locate(
        text, TextQuoteSelector(exact, prefix, suffix), TextPositionSelector(start, start + length)
    )
    if anchor.span is None:
        assert anchor.status == "orphan" and exact not in text
    else:
        assert 0 <= anchor.span.start < anchor.span.end <= len(text)
        if anchor.status in ("exact", "moved"):
            assert text[anchor.span.start : anchor.span.end] == exact


# --- broken files are never overwritten ------------------------------------------------------

BROKEN_YAML = """\
version: 1
bookmarks:
- id: abc123
  doc_id: doc
  exact: "an unterminated quote
  start: 1
"""


def test_corrupt_file_is_reported_backed_up_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    path.write_text(BROKEN_YAML, "utf-8")
    before = path.read_bytes()
    store = BookmarkStore(path)
    assert store.bookmarks == ()
    reason = store.read_only_reason
    assert reason is not None and str(path) in reason and "line " in reason
    backups = list(tmp_path.glob("bookmarks.yaml.broken-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert backups[0].name[len("bookmarks.yaml.broken-") :].replace("-", "").isdigit()

    with pytest.raises(BookmarksReadOnly) as info:
        store.add(_doc("some text here"), 0, 4)
    assert str(info.value) == reason
    with pytest.raises(BookmarksReadOnly):
        store.import_json(json.dumps([]), set())  # nothing to import: still must not write
    assert path.read_bytes() == before
    # loading again does not pile up identical backups
    BookmarkStore(path).load()
    assert len(list(tmp_path.glob("bookmarks.yaml.broken-*"))) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"- just\n- a list\n", "not a list"),
        (b"version: 1\nbookmarks: 5\n", "not a list"),
        (b"version: one\nbookmarks: []\n", "version"),
        (b"\xff\xfe not utf-8", "UTF-8"),
        (b"version: 1\nbookmarks:\n\t- tab: indented\n", "line 3"),
    ],
)
def test_hand_broken_shapes_make_the_store_read_only(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bookmarks.yaml"
    path.write_bytes(content)
    store = BookmarkStore(path)
    assert store.read_only_reason is not None
    assert expected in store.read_only_reason or expected == "not a list"
    with pytest.raises(BookmarksReadOnly):
        store.add(_doc("some text"), 0, 4)
    assert path.read_bytes() == content


def test_newer_format_is_read_only_without_being_touched(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    path.write_text("version: 99\nbookmarks: []\n", "utf-8")
    store = BookmarkStore(path)
    assert store.read_only_reason is not None and "newer nkterm" in store.read_only_reason
    with pytest.raises(BookmarksReadOnly):
        store.add(_doc("some text"), 0, 4)
    assert path.read_text("utf-8") == "version: 99\nbookmarks: []\n"


def test_wrong_fields_are_reported_per_entry_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            # my own comment
            version: 1
            bookmarks:
            - id: good1
              doc_id: doc
              exact: some
              start: 0
              end: 4
            - id: bad1
              doc_id: doc
              exact: text
              start: ten
              end: 9
              tags: 5
            - id: good2
              doc_id: doc
              exact: text
              start: 5
              end: 9
              tags: one, two
              colour: red
            """
        ),
        "utf-8",
    )
    store = BookmarkStore(path)
    assert [b.id for b in store.bookmarks] == ["good1", "good2"]
    assert store.get("good2").tags == ("one", "two")
    (problem,) = store.problems
    assert "line 9" in problem and "bad1" in problem and "'start'" in problem and "'tags'" in problem
    assert store.read_only_reason is None

    store.add(_doc("some text"), 0, 4, note="new")
    saved = yaml.safe_load(path.read_text("utf-8"))["bookmarks"]
    assert [e["id"] for e in saved][:3] == ["good1", "bad1", "good2"] and len(saved) == 4
    assert saved[1] == {"id": "bad1", "doc_id": "doc", "exact": "text", "start": "ten", "end": 9, "tags": 5}
    assert saved[2]["colour"] == "red"  # a hand-added key survives a save
    with pytest.raises(Exception, match="bad1"):
        store.remove("bad1")


def test_duplicate_ids_are_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    entry = "- {id: same, doc_id: d, exact: abc, start: 0, end: 3}\n"
    path.write_text("bookmarks:\n" + entry + entry, "utf-8")
    store = BookmarkStore(path)
    assert len(store.bookmarks) == 1
    assert len(store.problems) == 1 and "same" in store.problems[0] and "line 3" in store.problems[0]


def test_empty_or_missing_file_is_an_empty_store(tmp_path: Path) -> None:
    assert BookmarkStore(tmp_path / "missing" / "bookmarks.yaml").bookmarks == ()
    empty = tmp_path / "bookmarks.yaml"
    empty.write_text("", "utf-8")
    store = BookmarkStore(empty)
    assert store.bookmarks == () and store.read_only_reason is None
    store.add(_doc("some text"), 0, 4)
    assert len(BookmarkStore(empty).bookmarks) == 1


# --- failed writes -----------------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_disk_full_leaves_the_old_file_intact(
    store: BookmarkStore, blogger: Document, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    first = store.add(blogger, 0, 10, note="saved before the disk filled up")
    before = store.path.read_bytes()

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, full)
    with pytest.raises(BookmarksWriteError, match=r"No space left on device.*unchanged"):
        store.add(blogger, 20, 30)
    monkeypatch.undo()

    assert store.path.read_bytes() == before
    assert store.bookmarks == (first,)  # memory did not move ahead of the disk
    assert [p.name for p in store.path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert BookmarkStore(store.path).bookmarks == (first,)
    store.add(blogger, 20, 30)  # and it works again once there is room
    assert len(BookmarkStore(store.path).bookmarks) == 2


def test_lock_held_elsewhere_times_out_with_a_clear_error(store: BookmarkStore, blogger: Document) -> None:
    store.path.parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, filelock\n"
            "lock = filelock.FileLock(sys.argv[1]); lock.acquire()\n"
            "print('locked', flush=True); time.sleep(30)",
            str(store.lock_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        slow = BookmarkStore(store.path, lock_timeout=0.3)
        with pytest.raises(BookmarksLocked, match="another nkterm process"):
            slow.add(blogger, 0, 10)
        assert not store.path.exists()
    finally:
        holder.kill()
        holder.wait()
    store.add(blogger, 0, 10)  # the lock dies with its process


# --- export and import -------------------------------------------------------------------------


@pytest.fixture
def filled(store: BookmarkStore, blogger: Document) -> BookmarkStore:
    start, end = _span_of(blogger, PASSAGE)
    store.add(blogger, start, end, note="The key fact.\nCheck the date.", tags=["dates", "travel"])
    store.add(
        blogger, 0, 77, tags=["lede"], claim=Claim(0, 77, kinds=("experience",), score=0.6, speaker=None)
    )
    store.add(_doc("Gone text that the corpus has lost.", doc_id="lost"), 0, 9, note="orphaned")
    return store


def _resolver(blogger: Document) -> object:
    return lambda doc_id: blogger if doc_id == BLOGGER else None


def test_json_export_is_w3c_web_annotation(filled: BookmarkStore) -> None:
    data = json.loads(filled.export_json())
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    items = data["first"]["items"]
    first = items[0]
    assert first["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert first["type"] == "Annotation"
    assert first["id"].endswith(filled.bookmarks[0].id)
    assert first["body"] == [
        {
            "type": "TextualBody",
            "value": "The key fact.\nCheck the date.",
            "format": "text/plain",
            "purpose": "commenting",
        },
        {"type": "TextualBody", "value": "dates", "purpose": "tagging"},
        {"type": "TextualBody", "value": "travel", "purpose": "tagging"},
    ]
    assert first["target"]["source"] == BLOGGER
    quote, position = first["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == PASSAGE
    assert position == {"type": "TextPositionSelector", "start": filled.bookmarks[0].position.start,
                        "end": filled.bookmarks[0].position.end}  # fmt: skip
    assert dt.datetime.fromisoformat(first["created"]).tzinfo is not None
    assert "modified" in first


def test_json_export_imports_back_losslessly(filled: BookmarkStore, tmp_path: Path) -> None:
    fresh = BookmarkStore(tmp_path / "other" / "bookmarks.yaml")
    report = fresh.import_json(filled.export_json(), {BLOGGER, "lost"})
    assert report.rejected == () and report.skipped == ()
    assert fresh.bookmarks == filled.bookmarks
    assert BookmarkStore(fresh.path).bookmarks == filled.bookmarks
    again = fresh.import_json(filled.export_json(), {BLOGGER, "lost"})
    assert again.added == () and len(again.skipped) == 3
    assert all("already" in message for message in again.skipped)


def test_import_rejects_paths_and_unknown_ids_by_name(filled: BookmarkStore, tmp_path: Path) -> None:
    annotations = json.loads(filled.export_json())["first"]["items"]
    evil = []
    for n, source in enumerate(["../../etc/passwd", "/etc/passwd", "a/../../b", "C:\\x", "~/x", "nope"]):
        item = json.loads(json.dumps(annotations[0]))
        item["id"] = f"urn:nkterm:bookmark:evil{n}"
        item["target"]["source"] = source
        evil.append(item)
    asked: list[object] = []

    class Known:
        def __contains__(self, doc_id: object) -> bool:
            asked.append(doc_id)
            return doc_id == BLOGGER

    fresh = BookmarkStore(tmp_path / "other" / "bookmarks.yaml")
    report = fresh.import_json(json.dumps([*evil, annotations[0]]), Known())
    assert [b.id for b in report.added] == [filled.bookmarks[0].id]
    assert len(report.rejected) == 6
    for message, source in zip(
        report.rejected, ["../../etc/passwd", "/etc/passwd", "a/../../b"], strict=False
    ):
        assert repr(source) in message and "looks like a path" in message
    assert "'nope'" in report.rejected[-1] and "not in the corpus" in report.rejected[-1]
    assert asked == ["nope", BLOGGER]  # path-like ids never reach the corpus


def test_import_reports_bad_json_and_bad_entries(store: BookmarkStore) -> None:
    with pytest.raises(InvalidBookmark, match="not valid JSON"):
        store.import_json("{not json", {"doc"})
    with pytest.raises(InvalidBookmark, match="W3C"):
        store.import_json('{"type": "Something"}', {"doc"})
    report = store.import_json(
        json.dumps(
            [
                {"type": "Annotation", "target": {"source": "doc"}},
                {
                    "type": "Annotation",
                    "target": {"source": "doc", "selector": {"type": "TextQuoteSelector"}},
                },
                {
                    "type": "Annotation",
                    "id": "https://hypothes.is/a/xyz",
                    "body": {"type": "TextualBody", "value": "from elsewhere"},
                    "target": {"source": "doc", "selector": {"type": "TextQuoteSelector", "exact": "quoted"}},
                },
            ]
        ),
        {"doc"},
    )
    assert len(report.rejected) == 2
    assert "annotation 1" in report.rejected[0] and "TextQuoteSelector" in report.rejected[0]
    assert "annotation 2" in report.rejected[1] and "'exact'" in report.rejected[1]
    (foreign,) = report.added
    assert foreign.note == "from elsewhere" and foreign.exact == "quoted" and len(foreign.id) == 12
    assert locate("a text where quoted appears", foreign.quote, foreign.position).status == "moved"


def test_csv_export_has_one_row_per_bookmark(filled: BookmarkStore, blogger: Document) -> None:
    rows = list(csv.DictReader(io.StringIO(filled.export_csv(_resolver(blogger)))))  # type: ignore[arg-type]
    assert len(rows) == 3
    assert rows[0]["exact"] == PASSAGE and rows[0]["note"] == "The key fact.\nCheck the date."
    assert rows[0]["tags"] == "dates; travel" and rows[0]["title"] == blogger.title
    assert rows[1]["claim_kinds"] == "experience" and rows[1]["claim_start"] == "0"
    assert rows[2]["doc_id"] == "lost" and rows[2]["title"] == ""


def test_markdown_export_reads_as_article_notes(filled: BookmarkStore, blogger: Document) -> None:
    text = filled.export_markdown(_resolver(blogger))  # type: ignore[arg-type]
    assert text.startswith("# Bookmarks\n")
    assert f"## {blogger.title}" in text and "## lost" in text
    assert f"> {PASSAGE}" in text
    assert "The key fact.\nCheck the date." in text
    assert "Tags: dates, travel" in text
    assert f"— *{blogger.title}*, {blogger.source}." in text
    # passages in reading order within a document: the lede (offset 0) first
    assert text.index("> A travel blogger") < text.index(f"> {PASSAGE}")
    assert "not in the corpus" in text


# --- headless ----------------------------------------------------------------------------------


def test_bookmarks_never_import_textual_or_whoosh() -> None:
    code = (
        "import sys, nkterm.bookmarks, nkterm.cli.bookmarks\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'whoosh'))\n"
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_bookmark_is_a_frozen_dataclass(store: BookmarkStore, blogger: Document) -> None:
    made = store.add(blogger, 0, 10)
    assert isinstance(made, Bookmark)
    with pytest.raises(AttributeError):
        made.note = "x"  # type: ignore[misc]
