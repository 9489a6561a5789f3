"""Smoke run of ``benchmarks.query_parse`` (parse and translate time per kind of query) on a
tiny corpus written here: every kind gets a row with figures, in a real subprocess."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RARE = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
COMMON = [
    "the",
    "market",
    "said",
    "government",
    "economy",
    "growth",
    "prices",
    "minister",
    "report",
    "election",
]


def test_the_parse_benchmark_reports_every_kind(tmp_path: Path) -> None:
    for i in range(16):
        words = [*COMMON, RARE[i // 2], "internationalisation", "telecommunications"]
        (tmp_path / f"{i:02d}.txt").write_text(" ".join(words) + ".\n", "utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.query_parse",
            "--corpus",
            str(tmp_path),
            "--per-kind",
            "4",
            "--repeats",
            "1",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    # the table: a header, then one row per kind of query, then a blank line and the total
    table = run.stdout.split("(ms CPU)\n", 1)[1].split("\n\n", 1)[0].splitlines()
    rows = [re.fullmatch(r"(\S.*?)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)", line) for line in table]
    assert rows and all(rows), run.stdout
    kinds = [row.group(1) for row in rows if row]
    assert len(set(kinds)) == len(kinds) >= 9 and "words" in kinds and "date ranges" in kinds
    for row in rows:
        assert row and 0 < float(row.group(2)) < 1000  # ms per parse
    assert f"all {4 * len(kinds)} queries" in run.stdout  # every generated query is in a row
