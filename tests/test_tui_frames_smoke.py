"""Smoke run of ``python -m benchmarks.tui_frames`` at a tiny size (200 list rows, 60 search
results, a 3,000-word document, 3 presses of each key; a few seconds): every row is printed
with its verdict and the JSON carries each key's figures. Whether a frame is under 50 ms
depends on the machine's load and is not asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS, HITS, WORDS, REPEATS = 200, 60, 3000, 3
KEYS = {
    "list": ("j", "k", "pagedown", "pageup"),
    "results": ("down", "up", "pagedown", "pageup"),
    "document": ("j", "k", "pagedown", "pageup"),
}


def test_tui_frames_prints_and_saves_every_key(tmp_path: Path) -> None:
    out = tmp_path / "frames.json"
    cmd = [sys.executable, "-m", "benchmarks.tui_frames", "--rows", str(ROWS), "--hits", str(HITS)]
    cmd += ["--words", str(WORDS), "--repeats", str(REPEATS), "--workdir", str(tmp_path / "work")]
    cmd += ["--json", str(out)]
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert lines[0].startswith("nkterm frame times (120x40") and "target: no frame over 50 ms" in lines
    labels = {
        "list": f"document list, {ROWS} rows",
        "results": f"search results, {HITS} results",
        "document": f"reader, {WORDS:,}-word document",
    }
    for part, keys in KEYS.items():
        for key in keys:
            row = [line for line in lines if line.startswith(f"{labels[part]}: {key} ")]
            assert len(row) == 1, (part, key, run.stdout)
            assert row[0].endswith(("PASS", "FAIL")) and "frame max" in row[0]
    data = json.loads(out.read_text("utf-8"))
    assert (data["rows"], data["hits"], data["doc_words"], data["repeats"]) == (ROWS, HITS, WORDS, REPEATS)
    for part, keys in KEYS.items():
        assert set(data[part]) == set(keys)
        for key, figures in data[part].items():
            assert 1 <= figures["timed"] <= REPEATS, (part, key, figures)  # the key moved something
            assert figures["frames"] >= 1, (part, key, figures)
            assert 0 < figures["key_median_ms"] <= figures["key_max_ms"] < 10_000
            assert 0 < figures["frame_max_ms"] < 10_000 and 0 < figures["frame_cpu_max_ms"] < 10_000
    assert len(data["load_before"]) == 3
