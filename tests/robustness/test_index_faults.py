"""Index faults: a build killed at random moments, damaged or deleted index files, a write lock
held by another live process, an index from an older nkterm. The next start opens, repairs or
rebuilds, and says what happened; the index then matches the corpus exactly.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.fields import ID, STORED, TEXT, Schema

import nkterm.build as build_module
import nkterm.index as index_module
from nkterm.catalog import CATALOG_FILE, CATALOG_FILES
from nkterm.cli import main
from nkterm.corpus import load_corpus
from nkterm.index import META_FILE, SCHEMA_VERSION, Index, IndexLocked
from tests.conftest import ROOT, SEEDS
from tests.robustness.conftest import LONG, record, scale

BUILD = """
import sys
from pathlib import Path
import nkterm.build
import nkterm.index as ix
nkterm.build.BATCH = int(sys.argv[3])
nkterm.build.PARALLEL_MIN = 10 if sys.argv[4] == "parallel" else 10**9
index = ix.Index(Path(sys.argv[1]), Path(sys.argv[2]))
print("ready", flush=True)
index.update()
print("done", flush=True)
"""

HOLD_LOCK = """
import sys, time
from pathlib import Path
from nkterm.index import Index
writer = Index(Path(sys.argv[1]), Path(sys.argv[2]))._writer(5)
print("locked", flush=True)
time.sleep(120)
"""


def _token(i: int) -> str:
    """A word only document ``i`` holds. No vowels, so the stemmer leaves it whole ("tokadic"
    and "tokaded" both stem to "tokad")."""
    return "zq" + "".join("bcdfghjklm"[int(d)] for d in f"{i:04}")


def _write_doc(root: Path, i: int, version: int) -> None:
    (root / f"d{i:04}.txt").write_text(
        f"Report {i} version {version}: the council said {i} people came, {_token(i)}.\n"
        + "The mayor will decide because the budget grew by 3 percent. " * 3
        + "\n",
        "utf-8",
    )


def _assert_matches_corpus(index: Index, root: Path, rng: random.Random) -> None:
    """Exactly the corpus's documents, with their current text, findable by their token."""
    corpus = load_corpus(root)
    docs = corpus.by_id()
    assert {s.id for s in index.summaries()} == set(docs)
    for doc_id in rng.sample(sorted(docs), k=min(8, len(docs))):
        assert index.document(doc_id).text == docs[doc_id].text
        if doc_id.startswith("d"):
            assert [h.id for h in index.search(_token(int(doc_id[1:]))).hits] == [doc_id]


def _spawn(args: list[str], script: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: a kill takes its workers too
    )
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    assert first in ("ready", "locked"), first
    return proc


def _kill(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


# -- killed while indexing --------------------------------------------------------------------------


@pytest.mark.slow
def test_indexing_killed_at_random_moments_is_repaired_by_the_next_start(tmp_path: Path) -> None:
    rng = random.Random(None if LONG else 4242)
    root = tmp_path / "corpus"
    root.mkdir()
    count = scale(120, 300)
    versions = dict.fromkeys(range(count), 0)
    for i in versions:
        _write_doc(root, i, 0)
    directory = tmp_path / "ix"
    started = time.perf_counter()
    Index(root, directory).update()
    full_build = time.perf_counter() - started  # the window a kill can land in
    rounds = scale(5, 60)
    kinds: dict[str, int] = {}
    interrupted = 0  # kills that landed before the build finished
    for _ in range(rounds):
        kind = rng.choice(["rebuild", "change", "change", "fresh"])
        if kind == "rebuild":  # a schema change: the run deletes and recreates the index
            meta = json.loads((directory / META_FILE).read_text("utf-8"))
            (directory / META_FILE).write_text(json.dumps({**meta, "schema_version": 1}), "utf-8")
        elif kind == "fresh":
            shutil.rmtree(directory)
        else:
            for i in rng.sample(sorted(versions), k=count // 3):
                versions[i] += 1
                _write_doc(root, i, versions[i])
            for i in rng.sample(sorted(versions), k=5):
                (root / f"d{i:04}.txt").unlink()
                del versions[i]
            for i in range(max(versions, default=0) + 1, max(versions, default=0) + 6):
                versions[i] = 0
                _write_doc(root, i, 0)
        mode = "parallel" if LONG and rng.random() < 0.3 else "serial"
        proc = _spawn([str(root), str(directory), str(rng.choice([7, 25, 1000])), mode], BUILD)
        time.sleep(rng.uniform(0, full_build * 1.3))
        _kill(proc)
        assert proc.stdout is not None
        if "done" not in proc.stdout.read():
            interrupted += 1
        kinds[kind] = kinds.get(kind, 0) + 1

        # the next start reads what is there (results or a message, never a traceback) ...
        reader = Index(root, directory)
        result = reader.search(_token(next(iter(versions))))
        assert result.error is None or "index" in result.error
        reader.close()
        # ... then repairs, saying so when it had to rebuild
        index = Index(root, directory)
        report = index.update()
        assert (
            report.rebuilt is None
            or report.rebuilt == "new index"
            or report.rebuilt.startswith("rebuilding the index: ")
        ), report.rebuilt
        _assert_matches_corpus(index, root, rng)
        assert index.update().touched == 0
        index.close()
    assert interrupted >= rounds // 2, f"only {interrupted} of {rounds} kills interrupted a build"
    record("index: build killed at a random moment (SIGKILL)", rounds)
    record("index: ... of which interrupted a running build", interrupted)


# -- damaged files ----------------------------------------------------------------------------------

DAMAGE: dict[str, Callable[[Path], object]] = {
    "truncated to half": lambda f: f.write_bytes(f.read_bytes()[: f.stat().st_size // 2]),
    "truncated to zero": lambda f: f.write_bytes(b""),
    "deleted": lambda f: f.unlink(),
    "overwritten with garbage": lambda f: f.write_bytes(bytes(b ^ 0x5A for b in f.read_bytes())),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small corpus and an index of it built in several commits (several segment files)."""
    root = tmp_path_factory.mktemp("pristine")
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(5):
        _write_doc(corpus, i, 0)
    (corpus / "koryo.txt").write_text("Koryo Tours runs trips to Pyongyang.\n", "utf-8")
    directory = root / "index"
    saved = build_module.BATCH
    build_module.BATCH = 2
    try:
        with contextlib.closing(Index(corpus, directory)) as index:
            index.update()
    finally:
        build_module.BATCH = saved
    (corpus / "d0000.txt").unlink()  # plus a deletion commit
    with contextlib.closing(Index(corpus, directory)) as index:  # closed: no open catalog's WAL files
        index.update()
    return corpus, directory


def _damage_cases(directory: Path) -> list[tuple[str, str]]:
    """Every file of the index with every kind of damage (the long run), or with two kinds
    each, in turn (the default run: opening a deleted segment costs Whoosh ~0.5 s of retries)."""
    names = sorted(p.name for p in directory.iterdir() if not p.name.endswith("WRITELOCK"))
    kinds = list(DAMAGE)
    if LONG:
        return [(name, how) for name in names for how in kinds]
    return [(name, kinds[(k + j) % 4]) for k, name in enumerate(names) for j in (0, 2)]


def test_every_damaged_or_deleted_index_file_is_repaired_with_a_message(
    pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, clean = pristine
    cases = _damage_cases(clean)
    assert any(name.endswith(".seg") for name, _ in cases) and any(name.endswith(".toc") for name, _ in cases)
    rng = random.Random(3)
    for name, how in cases:
        directory = tmp_path / "ix"
        shutil.rmtree(directory, ignore_errors=True)
        shutil.copytree(clean, directory)
        DAMAGE[how](directory / name)
        # reading before any repair: results or a message, never a traceback
        reader = Index(corpus, directory)
        result = reader.search("koryo")
        assert result.error is None or "index" in result.error, (name, how, result.error)
        try:
            reader.document(next(iter(load_corpus(corpus).by_id())))
        except index_module.IndexError:
            pass  # IndexMissing / IndexDamaged: one readable line in the CLI
        except KeyError:
            pass
        reader.close()
        # the next update repairs; a rebuild says why
        index = Index(corpus, directory)
        report = index.update()
        if name.endswith((".seg", ".toc")) or name == META_FILE:
            assert report.rebuilt is not None and report.rebuilt.startswith("rebuilding the index: "), (
                name,
                how,
                report,
            )
        _assert_matches_corpus(index, corpus, rng)
        index.close()
    record("index: damaged or deleted index files (file x damage)", len(cases))


@pytest.mark.parametrize("how", ["truncated to half", "deleted"])
def test_a_damaged_segment_is_rebuilt_by_the_next_command_which_says_so(
    pristine: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    corpus, clean = pristine
    directory = tmp_path / "ix"
    shutil.copytree(clean, directory)
    segment = next(p for p in sorted(directory.iterdir()) if p.suffix == ".seg")
    DAMAGE[how](segment)
    assert main(["search", "koryo", "--corpus", str(corpus), "--index", str(directory)]) == 0
    out, err = capsys.readouterr()
    assert "nkterm: rebuilding the index: it could not be read (" in err
    assert "Koryo" in out
    record("index: damaged segment, then `nkterm search`")


def test_a_segment_damaged_after_the_last_update_is_one_line_not_a_traceback(
    pristine: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus, clean = pristine
    directory = tmp_path / "ix"
    shutil.copytree(clean, directory)
    for segment in directory.glob("*.seg"):
        segment.write_bytes(b"")
    # the damage happens after update() checked the index (e.g. the disk fails meanwhile)
    monkeypatch.setattr(Index, "update", lambda self, *a, **k: index_module.UpdateReport())
    doc_id = sorted(load_corpus(corpus).by_id())[0]
    # a document is read from the catalog, which is intact: shown
    assert main(["show", doc_id, "--corpus", str(corpus), "--index", str(directory)]) == 0
    assert capsys.readouterr().out
    # that command ends as its process would: the CLI skips the teardown (its process exits), and
    # here its catalog connection, left in a reference cycle, would hold SQLite's lock until the
    # collector ran (the next connection then waited out its 30 s busy timeout: 30 s of a worker)
    gc.collect()
    (directory / CATALOG_FILE).write_bytes(b"")  # and now the catalog too
    assert main(["show", doc_id, "--corpus", str(corpus), "--index", str(directory)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("nkterm: the index in ") and "is damaged" in err and "run `nkterm index`" in err
    assert len(err.strip().splitlines()) == 1
    assert main(["search", "koryo", "--corpus", str(corpus), "--index", str(directory)]) == 2
    assert "is damaged" in capsys.readouterr().err
    record("index: segment damaged between update and read")


# -- a lock held by another live process ------------------------------------------------------------


@pytest.fixture
def seeds_copy(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    directory = tmp_path / "ix"
    Index(corpus, directory).update()
    return corpus, directory


def test_a_write_lock_held_by_a_live_process(
    seeds_copy: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, directory = seeds_copy
    _write_doc(corpus, 7, 0)
    holder = _spawn([str(corpus), str(directory)], HOLD_LOCK)
    try:
        with pytest.raises(IndexLocked, match="being written by another nkterm process; try again"):
            Index(corpus, directory).update(lock_timeout=0.2)
        # the command line: `index` is a one-line error, `search` answers from the index as it is
        assert main(["index", "--corpus", str(corpus), "--index", str(directory)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("nkterm: the index in ") and "being written by another nkterm process" in err
        assert main(["search", "koryo", "--corpus", str(corpus), "--index", str(directory)]) == 0
        out, err = capsys.readouterr()
        assert "(using the index as it is)" in err and "Koryo" in out
        # a rebuild (schema change) while the lock is held deletes nothing
        meta = json.loads((directory / META_FILE).read_text("utf-8"))
        (directory / META_FILE).write_text(json.dumps({**meta, "schema_version": 1}), "utf-8")
        # SQLite's own -wal/-shm files come and go with the connections (the search's closed
        # while this ran: a full suite under load once saw them go), so they are not compared
        transient = set(CATALOG_FILES) - {CATALOG_FILE}
        before = sorted(p.name for p in directory.iterdir() if p.name not in transient)
        with pytest.raises(IndexLocked):
            Index(corpus, directory).update(lock_timeout=0.2)
        assert sorted(p.name for p in directory.iterdir() if p.name not in transient) == before
        assert (directory / CATALOG_FILE).stat().st_size > 0
    finally:
        _kill(holder)  # killed, not released: the lock file stays behind, and is harmless
    assert (directory / "MAIN_WRITELOCK").exists()
    index = Index(corpus, directory)
    report = index.update()
    assert report.rebuilt is not None and "schema 1" in report.rebuilt
    assert report.added == len(load_corpus(corpus).documents)  # every document indexed again
    assert [h.id for h in index.search(_token(7)).hits] == ["d0007"]
    record("index: write lock held by a live process, then killed", 4)


# -- older versions -----------------------------------------------------------------------------------


def _old_index(directory: Path, corpus: Path, meta: dict[str, object] | None) -> None:
    """An index as an older nkterm left it: schema 1 had no sentence spans."""
    directory.mkdir(parents=True)
    schema = Schema(
        id=ID(unique=True, stored=True), title=TEXT(stored=True), body=TEXT(stored=True), meta=STORED()
    )
    ix = windex.create_in(str(directory), schema, indexname="MAIN")
    writer = ix.writer()
    for doc in load_corpus(corpus).documents:
        writer.add_document(id=doc.id, title=doc.title, body=doc.text, meta="{}")
    writer.commit()
    ix.close()
    if meta is not None:
        (directory / META_FILE).write_text(json.dumps(meta), "utf-8")


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"schema_version": 1, "claims_version": "old", "corpus": "x"}, "has schema 1, this nkterm needs"),
        (None, "no index in"),  # from before nkterm-index.json existed
        ("garbage", "no index in"),
        ({"schema_version": SCHEMA_VERSION, "claims_version": "0000"}, "the claim detector changed"),
        ({"schema_version": 99}, "has schema 99"),
    ],
    ids=["schema-1", "no-meta", "garbage-meta", "old-claims", "future"],
)
def test_an_index_from_another_version_is_rebuilt_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], meta: object, expected: str
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    directory = tmp_path / "ix"
    _old_index(directory, corpus, meta if isinstance(meta, dict) else None)
    if meta == "garbage":
        (directory / META_FILE).write_text("{not json", "utf-8")
    assert main(["search", '"Koryo Tours"', "--corpus", str(corpus), "--index", str(directory)]) == 0
    out, err = capsys.readouterr()
    assert "nkterm: rebuilding the index: " in err and expected in err, err
    assert "Koryo" in out
    assert json.loads((directory / META_FILE).read_text("utf-8"))["schema_version"] == SCHEMA_VERSION
    index = Index(corpus, directory)
    assert index.update().touched == 0 and index.load(sorted(load_corpus(corpus).by_id())[0])[0].sentences
    record("index: index from another version")


def test_stray_files_from_a_killed_run_do_not_stop_the_next(seeds_copy: tuple[Path, Path]) -> None:
    corpus, directory = seeds_copy
    (directory / "MAIN_deadbeef.seg").write_bytes(b"half a segment")  # never committed
    (directory / "_MAIN_99.toc.tmp").write_bytes(b"")
    (directory / f"{META_FILE}.x1y2.tmp").write_text("{", "utf-8")
    (directory / "manifest.json").write_text('{"generation": 12345, "docs": {}}', "utf-8")  # stale
    index = Index(corpus, directory)
    report = index.update()
    assert report.rebuilt is None and report.touched == 0
    assert len(index.summaries()) == 2
    record("index: stray files of a killed run")


def test_a_segment_truncated_while_the_index_is_open_is_a_message_not_a_crash(
    pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    """With segments mapped into memory (Whoosh's default), a read past the new end was a
    SIGBUS that killed the reader. Run in a child process, so that a crash fails this test
    instead of killing the test run. Each segment keeps only its first 64 bytes: every read of
    postings or stored fields goes past the end. (Keeping a third of each made the outcome
    depend on where each term's postings lay, which moves with the stored fields, e.g. the
    files' paths in a temp folder whose name differs from run to run: one run of the suite
    found 3 damaged answers of 5.)"""
    corpus, clean = pristine
    directory = tmp_path / "ix"
    shutil.copytree(clean, directory)
    code = f"""
import os
from pathlib import Path
from nkterm.index import Index
index = Index(Path({str(corpus)!r}), Path({str(directory)!r}))
assert index.search("koryo").total == 1
ids = [s.id for s in index.summaries()]
for segment in Path({str(directory)!r}).glob("*.seg"):
    os.truncate(segment, 64)
errors = [index.search(q).error for q in ("report", "council AND mayor", "budg*", "koryo")]
try:
    for doc_id in ids:
        index.load(doc_id)
    errors.append(None)
except Exception as exc:
    errors.append(str(exc))
assert errors[-1] is None, errors[-1]
print(sum(1 for e in errors[:3] if e and "is damaged" in e and "run `nkterm index`" in e))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # every search that reads the truncated segments says what to do ("koryo" was read before
    # the damage and may be answered from memory); the documents are in the catalog, intact
    assert done.stdout.split()[-1] == "3", done.stdout
    report = Index(corpus, directory).update()
    assert report.rebuilt is not None and report.rebuilt.startswith("rebuilding the index: ")
    record("index: segment truncated while open")
