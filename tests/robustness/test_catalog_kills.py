"""The catalog and the search index after a killed build (issue 18): a build commits Whoosh,
then the catalog. A real process killed right between the two (SIGKILL, from inside the
catalog's commit), or at a random moment, leaves them disagreeing; the next start finds and
repairs it: nothing committed to both is lost (those documents are not read again), the
others are indexed again, and the index and the catalog then hold exactly the same documents
with the same content.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from nkterm.catalog import CATALOG_FILE
from nkterm.corpus import load_corpus
from nkterm.index import Index
from tests.conftest import ROOT
from tests.robustness.conftest import record

# SIGKILL from inside the catalog's commit of batch number argv[4] (after Whoosh committed it)
KILL_BETWEEN = """
import os, signal, sys
from pathlib import Path
import nkterm.build
import nkterm.catalog
from nkterm.index import Index
nkterm.build.BATCH = int(sys.argv[3])
nkterm.build.PARALLEL_MIN = 10**9
commits = []
real = nkterm.catalog.CatalogWriter.commit
def commit(self, generation):
    commits.append(generation)
    if len(commits) == int(sys.argv[4]):
        os.kill(os.getpid(), signal.SIGKILL)
    real(self, generation)
nkterm.catalog.CatalogWriter.commit = commit
Index(Path(sys.argv[1]), Path(sys.argv[2])).update()
print("done", flush=True)
"""


def _write(root: Path, i: int, version: int = 0) -> None:
    (root / f"n{i:03}.txt").write_text(
        f"Dispatch {i} (version {version}): the county reported {i * 3} tonnes of maize. "
        f"Officials said the harvest was late.\n",
        "utf-8",
    )


def _agree(index: Index, root: Path) -> None:
    """The index and the catalog hold exactly the corpus, each document's text and hash the same."""
    corpus = load_corpus(root).by_id()
    indexed = index.indexed_hashes()
    assert indexed == index.catalog.hashes()
    assert set(indexed) == set(corpus)
    for doc_id, doc in corpus.items():
        assert index.document(doc_id).text == doc.text
        assert indexed[doc_id] == doc.content_hash
    assert index.catalog.generation() == index.generation()


def test_a_build_killed_between_the_index_and_the_catalog_loses_nothing_committed(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    for i in range(30):
        _write(root, i)
    directory = tmp_path / "ix"
    Index(root, directory).update()
    for i in range(0, 30, 3):  # changed files, and new ones
        _write(root, i, 1)
    for i in range(30, 45):
        _write(root, i)
    # batches of 8: the second batch's Whoosh commit lands, its catalog commit never does
    proc = subprocess.run(
        [sys.executable, "-c", KILL_BETWEEN, str(root), str(directory), "8", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == -signal.SIGKILL and "done" not in proc.stdout, proc.stderr
    # they disagree now: Whoosh holds batch 2's documents, the catalog does not
    index = Index(root, directory)
    assert index.catalog.generation() != index.generation()
    assert index.indexed_hashes() != index.catalog.hashes()
    # a reader before any repair: results, never a crash; a document reads as its last
    # version committed to the catalog (its snippet's offsets point into that text)
    hits = index.search("maize", limit=100).hits
    assert hits
    for hit in hits:
        text = index.document(hit.id).text
        assert text.startswith(f"Dispatch {int(hit.id[1:])} (version ")
        assert all(text[s.start : s.end].lower() == "maize" for s in hit.hits)
    index.close()

    index = Index(root, directory)
    report = index.update()
    _agree(index, root)
    assert report.rebuilt is None
    # the first batch (8 documents, committed to both) is not read again; batch 2 is
    assert 0 < report.touched <= 45 - 8 and report.unchanged >= 8, report
    assert index.update().touched == 0
    assert [h.id for h in index.search("maize", limit=100).hits] and index.search("n044").error is None
    index.close()
    record("catalog: build killed between the index's and the catalog's commit")


def test_builds_killed_at_random_moments_leave_index_and_catalog_agreeing(tmp_path: Path) -> None:
    rng = random.Random(1818)
    root = tmp_path / "corpus"
    root.mkdir()
    versions = dict.fromkeys(range(60), 0)
    for i in versions:
        _write(root, i)
    directory = tmp_path / "ix"
    started = time.perf_counter()
    Index(root, directory).update()
    window = time.perf_counter() - started
    script = KILL_BETWEEN.replace("if len(commits) == int(sys.argv[4]):", "if False:")
    for _round in range(4):
        for i in rng.sample(sorted(versions), k=20):
            versions[i] += 1
            _write(root, i, versions[i])
        proc = subprocess.Popen(
            [sys.executable, "-c", script, str(root), str(directory), "5", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.3, 0.3 + window))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        index = Index(root, directory)
        index.update()
        _agree(index, root)
        index.close()
    record("catalog: builds killed at random moments", 4)


def test_a_damaged_catalog_is_rebuilt_with_a_message(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    for i in range(6):
        _write(root, i)
    directory = tmp_path / "ix"
    Index(root, directory).update()
    path = directory / CATALOG_FILE
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    reader = Index(root, directory)
    result = reader.search("maize")
    assert result.error is None or "index" in result.error
    reader.close()
    index = Index(root, directory)
    report = index.update()
    assert report.rebuilt is not None and report.rebuilt.startswith("rebuilding the index: "), report
    _agree(index, root)
    with sqlite3.connect(path) as con:  # a real SQLite file again
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (6,)
    index.close()
