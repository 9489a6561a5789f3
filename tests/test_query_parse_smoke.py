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
    from benchmarks.query_kinds import KINDS

    for kind in KINDS:
        row = re.search(
            rf"^{re.escape(kind)}\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)$", run.stdout, re.M
        )
        assert row, (kind, run.stdout)
        assert 0 < float(row.group(1)) < 1000  # ms per parse
    assert f"all {4 * len(KINDS)} queries" in run.stdout
