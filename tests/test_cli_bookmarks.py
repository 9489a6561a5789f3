"""``nkterm bookmarks`` as a user types it: a corpus of real files, a temp data dir. The commands
run ``nkterm.cli.main`` in this process (tests/cli_inprocess.py: the arguments, environment and
output streams a process would get); `--corpus` before the command and the first add run as real
``python -m nkterm`` processes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.cli_inprocess import run_nkterm
from tests.conftest import ROOT

MINER_TEXT = (
    "I went down the pit at fifteen, the same week as my brother.\n"
    "\n"
    "\u201cYou don\u2019t forget the first cage ride,\u201d my father told me. He was right.\n"
    "\n"
    "By 1984 the seam was nearly worked out, and the manager said the pit would close within "
    "two years. It closed in eighteen months.\n"
)
MINER_META = {
    "title": "Down the pit at fifteen",
    "source": "Oral history project",
    "date": "1998-05-04",
    "url": "https://example.org/miner",
}
REPORT_TEXT = "---\ntitle: Pit closures report\nsource: Regional Gazette\n---\nThe pit would close within two years, the board said.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "interviews").mkdir(parents=True)
    (root / "interviews" / "miner.txt").write_text(MINER_TEXT, "utf-8")
    (root / "interviews" / "miner.yaml").write_text(yaml.safe_dump(MINER_META), "utf-8")
    (root / "report.md").write_text(REPORT_TEXT, "utf-8")
    return root


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def run(data: Path, corpus: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``nkterm bookmarks ARGS --corpus CORPUS`` in this process."""
    result = run_nkterm(
        "bookmarks",
        *args,
        "--corpus",
        str(corpus),
        env={"NKTERM_DATA": str(data)},
        unset=("NKTERM_CORPUS",),
        stdin=stdin,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def run_process(data: Path, corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``nkterm bookmarks ARGS --corpus CORPUS`` as a real process."""
    env = {**os.environ, "NKTERM_DATA": str(data)}
    env.pop("NKTERM_CORPUS", None)
    result = subprocess.run(
        [sys.executable, "-m", "nkterm", "bookmarks", *args, "--corpus", str(corpus)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def listed(data: Path, corpus: Path) -> list[dict[str, object]]:
    result = run(data, corpus, "list", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert isinstance(items, list)
    return items


def test_add_list_remove(data: Path, corpus: Path) -> None:
    added = run_process(
        data,
        corpus,
        "add",
        "interviews/miner",
        "--quote",
        "the manager said the pit would close within two years",
        "--note",
        "Check against NCB records",
        "--tag",
        "closure",
        "--tag",
        "dates",
    )
    assert added.returncode == 0, added.stderr
    bookmark_id = added.stdout.strip()
    assert len(bookmark_id) == 12

    (item,) = listed(data, corpus)
    assert item["id"] == bookmark_id and item["doc_id"] == "interviews/miner"
    assert item["exact"] == "the manager said the pit would close within two years"
    start, end = item["start"], item["end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert MINER_TEXT[start:end] == item["exact"]
    assert item["note"] == "Check against NCB records" and item["tags"] == ["closure", "dates"]
    assert item["anchor"] == {"status": "exact", "start": start, "end": end, "score": 1.0}
    assert (data / "bookmarks.yaml").is_file()

    plain = run(data, corpus, "list")
    assert bookmark_id in plain.stdout and "#closure" in plain.stdout and "NCB" in plain.stdout

    removed = run(data, corpus, "remove", bookmark_id[:6])  # a unique start of the id is enough
    assert removed.returncode == 0, removed.stderr
    assert listed(data, corpus) == []
    again = run(data, corpus, "remove", bookmark_id)
    assert again.returncode == 2 and bookmark_id in again.stderr


def test_add_finds_typed_quote_despite_curly_quotes_and_line_breaks(data: Path, corpus: Path) -> None:
    result = run(
        data, corpus, "add", "interviews/miner", "--quote", '"You don\'t forget   the first cage ride,"'
    )
    assert result.returncode == 0, result.stderr
    (item,) = listed(data, corpus)
    assert item["exact"] == "\u201cYou don\u2019t forget the first cage ride,\u201d"


def test_corpus_flag_before_the_command_works_too(data: Path, corpus: Path) -> None:
    env = {**os.environ, "NKTERM_DATA": str(data)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nkterm",
            "--corpus",
            str(corpus),
            "bookmarks",
            "add",
            "report",
            "--quote",
            "board said",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "interviews/miner", "--quote", "words that are not there"), "quote not found"),
        (("add", "interviews/nobody", "--quote", "pit"), "interviews/nobody"),
        (("add", "../../etc/passwd", "--quote", "root"), "not a valid document id"),
        (("add", "interviews/miner", "--quote", "pit", "--occurrence", "9"), "not 9"),
        (("remove", "abcdef123456"), "no bookmark"),
        ((), "needs an action"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(
    data: Path, corpus: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(data, corpus, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (data / "bookmarks.yaml").exists()


def test_export_json_then_import_elsewhere_is_lossless(data: Path, corpus: Path, tmp_path: Path) -> None:
    run(
        data,
        corpus,
        "add",
        "interviews/miner",
        "--quote",
        "It closed in eighteen months.",
        "--note",
        "n\u00f8te",
    )
    run(data, corpus, "add", "report", "--quote", "the board said", "--tag", "board")
    out = tmp_path / "export.json"
    exported = run(data, corpus, "export", "--format", "json", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    collection = json.loads(out.read_text("utf-8"))
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 2

    elsewhere = tmp_path / "other-data"
    imported = run(elsewhere, corpus, "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "imported 2 bookmark(s)" in imported.stderr
    assert listed(elsewhere, corpus) == listed(data, corpus)
    twice = run(elsewhere, corpus, "import", str(out))
    assert twice.returncode == 0 and "2 skipped" in twice.stderr
    assert len(listed(elsewhere, corpus)) == 2


def test_import_rejects_path_ids_and_names_them(data: Path, corpus: Path, tmp_path: Path) -> None:
    def annotation(source: str) -> dict[str, object]:
        return {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "target": {"source": source, "selector": [{"type": "TextQuoteSelector", "exact": "pit"}]},
        }

    path = tmp_path / "in.json"
    path.write_text(
        json.dumps([annotation(s) for s in ("../../etc/passwd", "/etc/passwd", "unknown-doc", "report")]),
        "utf-8",
    )
    result = run(data, corpus, "import", str(path))
    assert result.returncode == 2
    assert "'../../etc/passwd' looks like a path" in result.stderr
    assert "'/etc/passwd' looks like a path" in result.stderr
    assert "'unknown-doc' is not in the corpus" in result.stderr
    assert "imported 1 bookmark(s)" in result.stderr
    (item,) = listed(data, corpus)
    assert item["doc_id"] == "report"

    bad = tmp_path / "bad.json"
    bad.write_text("{oops", "utf-8")
    result = run(data, corpus, "import", str(bad))
    assert result.returncode == 2 and "bad.json: not valid JSON" in result.stderr
    missing = run(data, corpus, "import", str(tmp_path / "missing.json"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_export_markdown_and_csv(data: Path, corpus: Path) -> None:
    run(
        data,
        corpus,
        "add",
        "interviews/miner",
        "--quote",
        "It closed in eighteen months.",
        "--note",
        "Quicker than promised.",
    )
    markdown = run(data, corpus, "export", "--format", "md")
    assert markdown.returncode == 0, markdown.stderr
    assert "## Down the pit at fifteen" in markdown.stdout
    assert "> It closed in eighteen months." in markdown.stdout
    assert "Quicker than promised." in markdown.stdout
    assert (
        "— *Down the pit at fifteen*, Oral history project, 1998-05-04. <https://example.org/miner>"
        in markdown.stdout
    )

    table = run(data, corpus, "export", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(table.stdout))
    assert row["exact"] == "It closed in eighteen months." and row["title"] == "Down the pit at fifteen"


def test_broken_bookmarks_file_is_left_alone(data: Path, corpus: Path) -> None:
    data.mkdir()
    path = data / "bookmarks.yaml"
    path.write_text("version: 1\nbookmarks:\n- id: x\n  exact: [unclosed\n", "utf-8")
    before = path.read_bytes()
    result = run(data, corpus, "add", "report", "--quote", "board said")
    assert result.returncode == 2
    assert str(path) in result.stderr and "line " in result.stderr and "read-only" in result.stderr
    assert path.read_bytes() == before
    assert [p.read_bytes() for p in data.glob("bookmarks.yaml.broken-*")] == [before]
    listing = run(data, corpus, "list")
    assert listing.returncode == 2 and "read-only" in listing.stderr


def test_list_marks_passages_that_left_the_document(data: Path, corpus: Path) -> None:
    run(data, corpus, "add", "report", "--quote", "the board said")
    (corpus / "report.md").write_text(REPORT_TEXT.replace("the board said", "officials confirmed"), "utf-8")
    (item,) = listed(data, corpus)
    assert item["anchor"]["status"] == "orphan"  # type: ignore[index]
    assert item["exact"] == "the board said"
    assert "[not found in the document]" in run(data, corpus, "list").stdout
