"""A folder of every format, as a user indexes, lists, searches and bookmarks it with the real
``nkterm`` command: metadata in ``docs --json``, a phrase from each format found, page
furniture of web pages not indexed, bad files named, a feed that changes updated in place.

The first ``nkterm index`` of each test is a real ``python -m nkterm`` process; the commands
after it run ``nkterm.cli.main`` in this process (tests/cli_inprocess.py: the same arguments,
environment and output streams, without ~0.7 s of imports each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_inprocess import run_nkterm
from tests.unit.format_files import (
    page_html,
    write_atom,
    write_docx,
    write_epub,
    write_html,
    write_pdf,
    write_rss,
    write_warc,
)

ENTRIES = [
    (
        "g1",
        "Rail link opens",
        "Reporter One",
        "Mon, 06 Jan 2020 10:00:00 GMT",
        "The rail link to Khasan carried its first freight train.",
    ),
    (
        "g2",
        "Harvest report",
        "Reporter Two",
        "Tue, 07 Jan 2020 10:00:00 GMT",
        "Farmers in South Hwanghae reported a poor harvest.",
    ),
]


def nkterm(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``nkterm ARGS`` in this process."""
    return run_nkterm(*args, env=env)


def nkterm_process(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``nkterm ARGS`` as a real ``python -m nkterm`` process."""
    return subprocess.run(
        [sys.executable, "-m", "nkterm", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "corpus"
    root.mkdir()
    write_html(
        root / "page.html",
        "Inside the metro",
        "Jane Roe",
        "2019-05-04",
        [
            "The delegation arrived in Pyongyang on a grey morning with two minders beside them.",
            "The subway stations were built deep underground to double as air raid shelters.",
        ],
    )
    write_pdf(
        root / "report.pdf",
        [
            ["Prices at the Hyesan market rose sharply in the winter."],
            ["The railway yard at Sinuiju was busy with freight wagons."],
        ],
        title="Border Markets Report",
        author="John Doe",
        date="2020-02-03",
    )
    write_epub(
        root / "memoir.epub",
        "A Memoir of the North",
        "Lee Author",
        "2015-06-01",
        [
            ("Chapter One", ["My father worked at the Kim Chaek steel complex for thirty years."]),
            ("Chapter Two", ["The famine years began with rumours of empty warehouses in Chongjin."]),
        ],
    )
    write_docx(
        root / "interview.docx",
        "Interview with a defector",
        "Kim Researcher",
        [
            ("Escape", ["In 2011 I crossed the Yalu river at night with my cousin and a broker."]),
        ],
    )
    write_warc(
        root / "crawl.warc.gz",
        [
            (
                "https://news.example.org/kangso",
                "2021-03-04T05:06:07Z",
                page_html(
                    "Factory restarts",
                    "Ann Writer",
                    "2021-03-01",
                    ["The factory in Kangso resumed production after a long pause."],
                ),
            )
        ],
    )
    write_rss(root / "feed.rss", "Korea Feed", ENTRIES)
    write_atom(
        root / "boats.atom",
        "Atom Site",
        [
            (
                "urn:e:1",
                "Boats adrift",
                "Atom Author",
                "2020-02-02T00:00:00Z",
                "Wooden fishing boats drifted to the coast of Japan.",
            )
        ],
    )
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (root / "scan.pdf").write_bytes(write_pdf(tmp_path / "s.pdf", [[]]).read_bytes())
    (root / "notes.docx").write_bytes(b"plain text saved with the wrong name")
    (root / "book.epub").write_bytes(b"plain text saved with the wrong name")
    (root / "news.rss").write_text("<<< not a feed at all", "utf-8")
    env = {"NKTERM_CORPUS": str(root), "NKTERM_INDEX": str(tmp_path / "index")}
    return root, env


def test_each_format_indexes_with_metadata_and_is_found(folder: tuple[Path, dict[str, str]]) -> None:
    _root, env = folder
    result = nkterm_process("index", env=env)
    assert result.returncode == 0, result.stderr
    assert "8 documents" in result.stdout
    problems = result.stderr
    assert "broken.pdf: skipped: PDF: not a readable PDF" in problems
    assert "scan.pdf: skipped: PDF: it has no text layer" in problems and "ocrmypdf" in problems
    assert "notes.docx: skipped: DOCX: not a Word document" in problems
    assert "book.epub: skipped: EPUB: not an EPUB e-book" in problems
    assert "news.rss: skipped: RSS/Atom: not an RSS or Atom feed" in problems

    docs = {d["title"]: d for d in json.loads(nkterm("docs", "--json", env=env).stdout)}
    expected = {
        "Inside the metro": (["Jane Roe"], "2019-05-04", "Daily Example"),
        "Border Markets Report": (["John Doe"], "2020-02-03", ""),
        "A Memoir of the North": (["Lee Author"], "2015-06-01", "Example Press"),
        "Interview with a defector": (["Kim Researcher"], "2018-03-09", ""),
        "Factory restarts": (["Ann Writer"], "2021-03-01", "Daily Example"),
        "Rail link opens": (["Reporter One"], "2020-01-06", "Korea Feed"),
        "Harvest report": (["Reporter Two"], "2020-01-07", "Korea Feed"),
        "Boats adrift": (["Atom Author"], "2020-02-02", "Atom Site"),
    }
    assert {t: (d["authors"], d["date"], d["source"]) for t, d in docs.items()} == expected
    assert docs["Factory restarts"]["url"] == "https://news.example.org/kangso"
    assert docs["Rail link opens"]["id"].startswith("feed#")

    phrases = {
        '"air raid shelters"': "Inside the metro",
        '"Sinuiju was busy"': "Border Markets Report",
        '"empty warehouses in Chongjin"': "A Memoir of the North",
        '"cousin and a broker"': "Interview with a defector",
        '"resumed production"': "Factory restarts",
        '"first freight train"': "Rail link opens",
        '"coast of Japan"': "Boats adrift",
    }
    for phrase, title in phrases.items():
        hits = json.loads(nkterm("search", phrase, "--json", env=env).stdout)
        assert [h["title"] for h in hits] == [title], phrase
    page2 = json.loads(nkterm("search", '"Sinuiju was busy"', "--json", env=env).stdout)[0]
    assert {h.get("part") for h in page2["hits"]} == {"p. 2"}
    for furniture in ("navword", "footerword", "cookieword", "shareword", "commentword"):
        assert json.loads(nkterm("search", furniture, "--json", env=env).stdout) == [], furniture

    again = nkterm("index", env=env)  # nothing changed: no file is read again, problems repeated
    assert "0 added, 0 changed, 0 removed, 8 unchanged" in again.stdout
    assert "scan.pdf: skipped" in again.stderr

    rail = docs["Rail link opens"]["id"]
    shown = nkterm("show", rail, env=env)
    assert shown.returncode == 0 and "first freight train" in shown.stdout
    added = nkterm(
        "bookmarks", "add", docs["Border Markets Report"]["id"], "--quote", "railway yard at Sinuiju", env=env
    )
    assert added.returncode == 0, added.stderr
    (mark,) = json.loads(nkterm("bookmarks", "list", "--json", env=env).stdout)
    assert mark["part"] == "p. 2"


def test_a_feed_that_changes_keeps_its_entries_ids(folder: tuple[Path, dict[str, str]]) -> None:
    root, env = folder
    assert nkterm_process("index", env=env).returncode == 0
    before = {d["title"]: d["id"] for d in json.loads(nkterm("docs", "--json", env=env).stdout)}
    write_rss(
        root / "feed.rss",
        "Korea Feed",
        [
            (
                "g3",
                "Port reopens",
                "Reporter Three",
                "Wed, 08 Jan 2020 10:00:00 GMT",
                "The port of Nampo reopened to ships.",
            ),
            ENTRIES[0],
        ],
    )
    result = nkterm("index", env=env)
    assert "1 added, 0 changed, 1 removed" in result.stdout, result.stdout
    after = {d["title"]: d["id"] for d in json.loads(nkterm("docs", "--json", env=env).stdout)}
    assert after["Rail link opens"] == before["Rail link opens"]
    assert "Harvest report" not in after and "Port reopens" in after


def test_formats_benchmark_runs(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.formats_bench",
            "--files",
            "2",
            "--formats",
            "txt,html,rss",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    rows = {r["format"]: r for r in json.loads(out.read_text("utf-8"))["rows"]}
    assert rows["html"]["documents"] == rows["html"]["index_added"] == 2
    assert rows["rss"]["documents"] == rows["rss"]["index_added"] == 6  # three entries a feed
    assert all(r["rerun_touched"] == 0 and r["index_problems"] == 0 for r in rows.values())
    assert rows["html"]["extract_docs_per_cpu_s"] > 0
