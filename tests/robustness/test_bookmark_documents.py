"""Bookmarks whose document was deleted or renamed (issue 15, lower items): they are kept, and
they say the document is missing (they said "[not found in the document]", as if the passage
had been edited away). ``nkterm bookmarks`` as a command line runs it (in-process,
tests/cli_inprocess.py) over real files.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli_inprocess import run_nkterm
from tests.robustness.conftest import record

TEXT = "The pit would close within two years, the board said.\n"


def _run(data: Path, corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_nkterm(
        "bookmarks", *args, "--corpus", str(corpus), env={"NKTERM_DATA": str(data)}, unset=("NKTERM_CORPUS",)
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("change", ["deleted", "renamed"])
def test_a_bookmark_of_a_missing_document_says_so_and_is_kept(tmp_path: Path, change: str) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    (corpus / "report.txt").write_text(TEXT, "utf-8")
    (corpus / "other.txt").write_text("Another text about the board.\n", "utf-8")
    assert _run(data, corpus, "add", "report", "--quote", "the board said").returncode == 0
    assert _run(data, corpus, "add", "other", "--quote", "the board").returncode == 0
    if change == "deleted":
        (corpus / "report.txt").unlink()
    else:
        (corpus / "report.txt").rename(corpus / "report-2020.txt")
    listing = _run(data, corpus, "list")
    assert listing.returncode == 0, listing.stderr
    lines = {line.split()[1]: line for line in listing.stdout.splitlines() if line.strip()}
    assert "[document missing: deleted or renamed?]" in lines["report"]
    assert "not found in the document" not in listing.stdout
    assert "[" not in lines["other"]  # its document is there: placed as saved
    data_json = json.loads(_run(data, corpus, "list", "--json").stdout)
    statuses = {item["doc_id"]: item["anchor"]["status"] for item in data_json}
    assert statuses == {"report": "missing", "other": "exact"}
    saved = (data / "bookmarks.yaml").read_text("utf-8")
    assert "the board said" in saved  # kept, quote and all
    record("bookmarks: documents deleted or renamed under their bookmarks")
