"""The command line as a user types it: real files, a temp index; real processes where the
process is what is tested (its teardown, the modules it loads, a closed pipe)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nkterm.freshness import MARGIN_NS
from tests.cli_inprocess import run_nkterm
from tests.conftest import BLOGGER, PHOTO


def nkterm(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``nkterm ARGS`` as a command line gives it, run in this process (tests/cli_inprocess.py):
    what these tests check is what the command says and does. The tests below whose subject is
    the process itself (its teardown, its modules, a pipe closed under it) start real ones."""
    return run_nkterm(*args, env=env)


def nkterm_process(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m nkterm ARGS`` in a new process: what a process leaves in the user's folders
    for the next one (an in-process run finds caches of the test's process already warm)."""
    return subprocess.run(
        [sys.executable, "-m", "nkterm", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


@pytest.fixture
def env(seed_corpus: Path, seed_index_dir: Path) -> dict[str, str]:
    """The seeds and their index, current (a copy of the session's)."""
    return {"NKTERM_CORPUS": str(seed_corpus), "NKTERM_INDEX": str(seed_index_dir)}


@pytest.fixture
def new_env(seed_corpus: Path, tmp_path: Path) -> dict[str, str]:
    """The seeds and no index yet."""
    return {"NKTERM_CORPUS": str(seed_corpus), "NKTERM_INDEX": str(tmp_path / "cli-index")}


def test_index_reports_what_it_did(new_env: dict[str, str]) -> None:
    env = new_env
    first = nkterm("index", env=env)
    assert first.returncode == 0, first.stderr
    assert "2 documents" in first.stdout and "2 added" in first.stdout
    again = nkterm("index", env=env)
    assert "0 added, 0 changed, 0 removed, 2 unchanged" in again.stdout


def test_index_lists_skipped_files(new_env: dict[str, str], seed_corpus: Path) -> None:
    env = new_env
    (seed_corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (seed_corpus / "empty.md").write_text("", "utf-8")
    result = nkterm("index", env=env)
    assert result.returncode == 0
    assert "broken.txt: skipped: binary file" in result.stderr
    assert "empty.md: skipped: empty document" in result.stderr
    assert "2 documents" in result.stdout


def test_search_json_phrase(env: dict[str, str], seed_corpus: Path) -> None:
    result = nkterm("search", '"Koryo Tours"', "--json", env=env)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert {h["id"] for h in hits} == {BLOGGER, PHOTO}
    for hit in hits:
        assert set(hit) == {"id", "title", "score", "date", "source", "snippet", "hits"}
        assert hit["date"] is None  # the seeds have no dates
        text = (seed_corpus / f"{hit['id']}.txt").read_text("utf-8")
        assert [text[h["start"] : h["end"]] for h in hit["hits"]] == ["Koryo", "Tours"]


def test_search_text_output_and_limit(env: dict[str, str]) -> None:
    result = nkterm("search", "Gellman AND badminton", env=env)
    assert result.returncode == 0
    assert "PHOTOS: A Glimpse Of Ordinary Life In North Korea" in result.stdout
    assert "badminton" in result.stdout
    limited = nkterm("search", "korea", "--limit", "1", "--json", env=env)
    assert len(json.loads(limited.stdout)) == 1


def test_search_suggests_and_reports_bad_queries(env: dict[str, str]) -> None:
    miss = nkterm("search", "pyongyng", env=env)
    assert miss.returncode == 0
    assert "did you mean: pyongyang" in miss.stderr
    bad = nkterm("search", '"unclosed', env=env)
    assert bad.returncode == 2
    assert "bad query: unbalanced quote" in bad.stderr
    assert "Traceback" not in bad.stderr
    zero = nkterm("search", "x", "--limit", "0", env=env)
    assert zero.returncode == 2 and "must be at least 1" in zero.stderr


def test_show_prints_the_text_verbatim(env: dict[str, str], seed_corpus: Path) -> None:
    result = nkterm("show", PHOTO, env=env)
    assert result.returncode == 0
    assert result.stdout.rstrip("\n") == (seed_corpus / f"{PHOTO}.txt").read_text("utf-8").rstrip("\n")
    missing = nkterm("show", "nope", env=env)
    assert missing.returncode == 2 and "no document 'nope'" in missing.stderr


def test_docs_lists_titles_and_word_counts(env: dict[str, str]) -> None:
    result = nkterm("docs", env=env)
    assert "Travel blogger Drew Binsky on three days in Pyongyang" in result.stdout
    assert "865" in result.stdout and "713" in result.stdout
    data = json.loads(nkterm("docs", "--json", env=env).stdout)
    assert [d["id"] for d in data] == [BLOGGER, PHOTO]


def test_flags_override_environment(seed_corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "only.txt").write_text("A lone zeppelin.\n", "utf-8")
    env = {"NKTERM_CORPUS": str(seed_corpus), "NKTERM_INDEX": str(tmp_path / "ix-env")}
    result = nkterm(
        "search", "zeppelin", "--json", "--corpus", str(other), "--index", str(tmp_path / "ix-flag"), env=env
    )
    assert [h["id"] for h in json.loads(result.stdout)] == ["only"]


def test_missing_corpus_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = nkterm("docs", "--corpus", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "corpus folder not found" in result.stderr


def test_other_corpus_index_goes_to_the_cache_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("hello walrus\n", "utf-8")
    cache = tmp_path / "cache"
    result = nkterm("index", "--corpus", str(corpus), env={"NKTERM_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr
    (folder,) = (cache / "indexes").iterdir()
    assert folder.name.startswith("c-") and (folder / "manifest.json").is_file()


def test_reader_refuses_without_a_terminal(env: dict[str, str]) -> None:
    result = nkterm(env=env)
    assert result.returncode == 2 and "needs a terminal" in result.stderr


def test_locked_index_is_reported_and_search_still_answers(env: dict[str, str], seed_corpus: Path) -> None:
    from nkterm.index import Index

    assert nkterm("index", env=env).returncode == 0
    (seed_corpus / "new.txt").write_text("walrus\n", "utf-8")
    holder = Index(seed_corpus, Path(env["NKTERM_INDEX"]))._writer(0.1)
    try:
        locked = nkterm("index", env=env)
        assert locked.returncode == 2 and "being written by another nkterm process" in locked.stderr
        search = nkterm("search", "badminton", "--json", env=env)
        assert search.returncode == 0 and "using the index as it is" in search.stderr
    finally:
        holder.cancel()


def _run_with_teardown_mark(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``nkterm ARGS`` through the console script's entry point, in a process that says
    TEARDOWN on stderr when the interpreter's teardown runs (its exit handlers), and lists on
    stdout's last line the modules the command loaded."""
    code = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.stderr.write('TEARDOWN'))\n"
        "from nkterm.cli.main import run\n"
        "m = sys.modules['nkterm.cli.main']\n"
        "original = m._main\n"
        "def traced(argv):\n"
        "    result = original(argv)\n"
        "    print(); print(json.dumps(sorted(sys.modules)))\n"
        "    return result\n"
        "m._main = traced\n"
        f"sys.argv = ['nkterm', *{args!r}]\n"
        "run()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env}, timeout=120
    )


def test_a_search_of_a_current_index_loads_only_what_it_needs_and_skips_the_teardown(
    env: dict[str, str],
) -> None:
    time.sleep(MARGIN_NS / 1e9 + 0.2)  # the copied documents are older than the scan's margin
    assert nkterm("index", env=env).returncode == 0
    # a process leaves the name table in the cache folder for the next one
    assert nkterm_process("search", "korea", env=env).returncode == 0
    result = _run_with_teardown_mark(["search", "korea", "--json", "--limit", "50"], env)
    assert result.returncode == 0, result.stderr
    output, _sep, modules_line = result.stdout.rpartition("\n\n")
    hits = json.loads(output)
    assert len(hits) == 2  # the whole output arrived: flushed before the process ended
    assert "TEARDOWN" not in result.stderr  # ended without the interpreter's teardown
    loaded = set(json.loads(modules_line))
    # the build, reading documents, YAML, the write side of the index, edit distances, numpy
    # (one question is scored by Whoosh's matchers)
    not_needed = {
        "numpy",
        "nkterm.search.whoosh.vectorised",
        "nkterm.build",
        "nkterm.prepare",
        "nkterm.corpus.load",
        "nkterm.corpus.readers.web",  # the readers of other formats (only which files are documents)
        "nkterm.corpus.readers.pdf",
        "nkterm.search.whoosh.writing",
        "whoosh.writing",
        "multiprocessing",
        "concurrent.futures",
        "yaml",
        "rapidfuzz",
        "nkterm.bookmarks.model",
        "nkterm.claims",
    }
    assert not_needed.isdisjoint(loaded), sorted(not_needed & loaded)
    assert {"nkterm.search.whoosh.backend", "whoosh.searching"} <= loaded  # it did search


def test_a_command_that_writes_ends_with_the_interpreters_teardown(new_env: dict[str, str]) -> None:
    env = new_env  # no index yet: the command builds it
    result = _run_with_teardown_mark(["index", "--quiet"], env)
    assert result.returncode == 0, result.stderr
    assert "TEARDOWN" in result.stderr
    stale = _run_with_teardown_mark(["search", '"unclosed'], env)
    assert stale.returncode == 2 and "bad query" in stale.stderr and "TEARDOWN" not in stale.stderr


def test_an_index_with_nothing_to_do_prints_its_line_and_skips_the_teardown(env: dict[str, str]) -> None:
    """``nkterm index`` that indexed nothing ends as a read-only command (its output flushed
    first), without the modules only indexing or colouring needs; one that indexed runs the
    teardown (above)."""
    assert nkterm("index", env=env).returncode == 0
    result = _run_with_teardown_mark(["index"], env)
    assert result.returncode == 0, result.stderr
    output, _sep, modules_line = result.stdout.rpartition("\n\n")
    assert "0 added, 0 changed, 0 removed, 2 unchanged" in output  # flushed before the end
    assert "TEARDOWN" not in result.stderr
    loaded = set(json.loads(modules_line))
    # the scan's digest matched the last full update's (nkterm.freshness.same_scan): neither the
    # build, the index (Whoosh) nor the catalog was loaded, and the manifest was not read
    not_needed = {
        "multiprocessing",
        "concurrent.futures",
        "ctypes",
        "rich",
        "platformdirs",
        "nkterm.build",
        "nkterm.prepare",
        "nkterm.index",
        "nkterm.catalog",
        "whoosh",
        "sqlite3",
    }
    assert not_needed.isdisjoint(loaded), sorted(not_needed & loaded)
    assert "nkterm.corpus.discover" in loaded  # it did scan the corpus


def test_output_that_cannot_be_written_at_the_end_is_an_error_not_a_silent_exit(
    env: dict[str, str],
) -> None:
    """The read-only commands end without the interpreter's teardown, after flushing their
    output themselves: a flush that fails (a full disk; /dev/full fails at the first write
    already, so the device is a raw file whose writes fail) says so and exits 1, and a closed
    pipe stays silent."""
    assert nkterm("index", env=env).returncode == 0
    code = (
        "import errno, io, os, sys\n"
        "class Full(io.RawIOBase):\n"
        "    def writable(self): return True\n"
        "    def write(self, b): raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "sys.stdout = io.TextIOWrapper(io.BufferedWriter(Full(), 1 << 16))\n"
        "from nkterm.cli.main import run\n"
        "sys.argv = ['nkterm', 'search', 'korea', '--json']\n"
        "run()\n"
    )
    full = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env}, timeout=120
    )
    assert full.returncode == 1
    assert "could not write the output" in full.stderr and "No space left" in full.stderr
    assert "Traceback" not in full.stderr
    piped = subprocess.run(
        f"{sys.executable} -m nkterm search korea --json | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert piped.stdout == "[" and "nkterm" not in piped.stderr and "Traceback" not in piped.stderr
