"""Smoke run of ``python -m benchmarks.archive_bench`` on a tiny archive: every row is printed
and the JSON carries the figures the issue's targets name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_archive_bench_prints_every_target(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.archive_bench", "60", "--rounds", "1", "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    for row in ("first list", "date sort", "date-filtered query p95", "search + timeline p95"):
        assert row in run.stdout
    data = json.loads(out.read_text("utf-8"))
    assert data["documents"] == 60
    assert data["totals"]["date:2025-07"] >= 0 and sum(data["totals"].values()) > 0
    assert data["first_list_ms"] > 0 and data["date_sort_ms"] >= 0
    assert data["filtered_query_ms"]["p95"] >= data["filtered_query_ms"]["median"] > 0
    assert set(data["pass"]) == {"first_list", "date_sort", "filtered_p95", "timeline"}
