"""The manifest read without Whoosh (the reader's first list): the same rows as the opened
index, and nothing when the manifest is not the index's newest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from nkterm.index import MANIFEST_FILE, META_FILE, Index
from nkterm.manifest import LIST_FILE, latest_generation, quick_summaries


def test_the_quick_list_is_the_indexs_list(seed_index: Index) -> None:
    quick = quick_summaries(seed_index.directory)
    assert quick is not None and len(quick) == 2
    assert quick == seed_index.summaries()
    assert latest_generation(seed_index.directory) == seed_index._open().latest_generation()


def test_no_index_no_quick_list(tmp_path: Path) -> None:
    assert quick_summaries(tmp_path / "nothing") is None
    assert latest_generation(tmp_path / "nothing") == -1


def test_a_manifest_of_another_generation_is_not_shown(seed_corpus: Path, tmp_path: Path) -> None:
    index = Index(seed_corpus, tmp_path / "ix")
    index.update()
    path = tmp_path / "ix" / MANIFEST_FILE
    data = json.loads(path.read_text("utf-8"))
    assert quick_summaries(tmp_path / "ix") is not None
    (tmp_path / "ix" / LIST_FILE).unlink()  # the manifest is read when the list file is gone:
    assert quick_summaries(tmp_path / "ix") is None  # a compact one has no list data
    data["docs"] = index.stored_entries()  # whole entries (a manifest written before the list file)
    path.write_text(json.dumps(data), "utf-8")
    assert quick_summaries(tmp_path / "ix") == index.summaries()
    data["generation"] += 1  # a run killed between commit and manifest, or the reverse
    path.write_text(json.dumps(data), "utf-8")
    assert quick_summaries(tmp_path / "ix") is None
    path.write_text("{not json", "utf-8")
    assert quick_summaries(tmp_path / "ix") is None
    (tmp_path / "ix" / META_FILE).unlink()
    data["generation"] -= 1
    path.write_text(json.dumps(data), "utf-8")
    assert quick_summaries(tmp_path / "ix") is None  # not an nkterm index folder


def test_reading_the_manifest_imports_no_whoosh(seed_index: Index) -> None:
    code = (
        "import sys\n"
        "from nkterm.manifest import quick_summaries\n"
        f"assert len(quick_summaries({str(seed_index.directory)!r})) == 2\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('whoosh', 'textual', 'yaml')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_list_file_is_read_first_and_only_when_it_is_the_newest_and_well_formed(
    seed_index: Index,
) -> None:
    directory = seed_index.directory
    path = directory / LIST_FILE
    data = json.loads(path.read_text("utf-8"))
    summaries = seed_index.summaries()
    assert [row[0] for row in data["rows"]] == [s.id for s in summaries]
    data["rows"][0][1] = "A title only the list file has"
    path.write_text(json.dumps(data), "utf-8")
    quick = quick_summaries(directory)
    assert quick is not None and quick[0].title == "A title only the list file has"
    for broken in (
        {**data, "generation": data["generation"] + 1},  # stale: the compact manifest has no rows
        {**data, "rows": [[*data["rows"][0][:3], "12", *data["rows"][0][4:]]]},  # words as text
        {**data, "rows": [data["rows"][0][:6]]},  # a column missing
        {**data, "rows": "not rows"},
        ["not", "an", "object"],
    ):
        path.write_text(json.dumps(broken), "utf-8")
        assert quick_summaries(directory) is None, broken  # the reader waits for the index
        assert seed_index.summaries() == summaries  # which has the rows (from the catalog)
    path.write_bytes(b"\xff\xfe not json")
    assert quick_summaries(directory) is None
    assert Index(seed_index.corpus, directory).summaries() == summaries


def test_every_commit_writes_the_list_file(seed_corpus: Path, tmp_path: Path) -> None:
    index = Index(seed_corpus, tmp_path / "ix")
    index.update()
    (seed_corpus / "extra.txt").write_text("Extra\n\nA third account of Pyongyang.\n", "utf-8")
    index.update()
    quick = quick_summaries(tmp_path / "ix")
    assert quick is not None and len(quick) == 3 and quick == index.summaries()
    data = json.loads((tmp_path / "ix" / LIST_FILE).read_text("utf-8"))
    assert data["generation"] == latest_generation(tmp_path / "ix")


def test_an_interrupted_build_is_told_from_the_manifest_alone(tmp_path: Path) -> None:
    """``unfinished`` looks for the key in the bytes before parsing: a title holding the same
    words is not the flag, and the flag is found wherever it stands."""
    from nkterm.files import write_json
    from nkterm.manifest import unfinished

    title = 'The "unfinished": true build'
    docs = {"a": {"title": title, "stamp": [1, 2, 0, 0]}}
    write_json(tmp_path / MANIFEST_FILE, {"generation": 3, "docs": docs})
    assert b'"unfinished"' not in (tmp_path / MANIFEST_FILE).read_bytes()
    assert unfinished(tmp_path) is False
    write_json(tmp_path / MANIFEST_FILE, {"generation": 3, "docs": {"unfinished": {"title": "x"}}})
    assert unfinished(tmp_path) is False  # a document id, not the flag
    write_json(tmp_path / MANIFEST_FILE, {"generation": 3, "docs": docs, "unfinished": True})
    assert unfinished(tmp_path) is True
    write_json(tmp_path / MANIFEST_FILE, {"unfinished": True, "generation": 3, "docs": docs})
    assert unfinished(tmp_path) is True
    (tmp_path / MANIFEST_FILE).write_bytes(b'{"unfinished": tru')  # torn: not a flag
    assert unfinished(tmp_path) is False
    (tmp_path / MANIFEST_FILE).unlink()
    assert unfinished(tmp_path) is False


def _listed(directory: Path) -> dict[str, list[object]]:
    return {row[0]: row for row in json.loads((directory / LIST_FILE).read_text("utf-8"))["rows"]}


def test_the_manifest_keeps_stamps_and_hashes_and_the_list_file_the_rows(
    seed_corpus: Path, tmp_path: Path
) -> None:
    """Entries are compact on disk and in memory after a commit; a change re-lists only its
    document, the others' rows are carried from the list written with them; duplicates
    (same content hash) are marked afresh."""
    index = Index(seed_corpus, tmp_path / "ix")
    index.update()
    stored = json.loads((tmp_path / "ix" / MANIFEST_FILE).read_text("utf-8"))["docs"]
    assert len(stored) == 2 and all(set(d) == {"stamp", "hash"} for d in stored.values())
    assert all(set(d) == {"stamp", "hash"} for d in index.manifest()["docs"].values())
    before = _listed(tmp_path / "ix")
    assert [s.id for s in index.summaries()] == sorted(before) and all(r[1] for r in before.values())

    first = sorted(before)[0]
    for suffix in (".txt", ".yaml"):  # the same text and metadata: the same content hash
        (seed_corpus / f"copy{suffix}").write_bytes((seed_corpus / f"{first}{suffix}").read_bytes())
    (seed_corpus / "extra.txt").write_text("A new title\n\nA third account of Pyongyang.\n", "utf-8")
    report = index.update()
    assert report.added == 2
    after = _listed(tmp_path / "ix")
    assert after[first] == before[first] and after["extra"][1] == "A new title"
    assert after["copy"][10] == first  # the duplicate of the first document
    assert index.summaries() == Index(seed_corpus, tmp_path / "ix").summaries()
    assert all("title" not in d for d in index.manifest()["docs"].values())


def test_a_manifest_of_whole_entries_is_compacted_and_its_rows_kept(
    seed_corpus: Path, tmp_path: Path
) -> None:
    """A manifest written before entries were compact (title, source... in each entry) is
    read as it is and compacted by the next update, with the same list; a missing list file is
    made again from the catalog."""
    index = Index(seed_corpus, tmp_path / "ix")
    index.update()
    listed = (tmp_path / "ix" / LIST_FILE).read_bytes()
    path = tmp_path / "ix" / MANIFEST_FILE
    data = json.loads(path.read_text("utf-8"))
    data["docs"] = index.stored_entries()  # whole entries, as older versions wrote them
    assert all("title" in d for d in data["docs"].values())
    path.write_text(json.dumps(data), "utf-8")
    again = Index(seed_corpus, tmp_path / "ix")
    assert not again.update().touched
    compacted = json.loads(path.read_text("utf-8"))["docs"]
    assert all("title" not in d for d in compacted.values()) and len(compacted) == 2
    assert (tmp_path / "ix" / LIST_FILE).read_bytes() == listed
    (tmp_path / "ix" / LIST_FILE).unlink()
    fresh = Index(seed_corpus, tmp_path / "ix")
    assert [s.title for s in fresh.summaries()] == [s.title for s in index.summaries()]  # from the catalog
    (seed_corpus / "extra.txt").write_text("Extra\n\nA third account of Pyongyang.\n", "utf-8")
    assert fresh.update().added == 1  # the commit writes the list again, every row in it
    assert len(_listed(tmp_path / "ix")) == 3 and (tmp_path / "ix" / LIST_FILE).read_bytes() != listed
