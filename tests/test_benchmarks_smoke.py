"""Smoke run of the benchmark suite (``python -m benchmarks``) on a tiny generated corpus.

The test writes 16 documents of its own (it never reads /work/shared: ``NKTERM_BBC``
points nowhere), runs the real suite in a subprocess with one pass and one re-run (and short
TUI, comparison and synthetic-list rows: a few keys, 3 documents, 3 claims, 1,000 rows), and
checks that the printed table and the JSON carry every figure the suite promises, with sane
values.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = 16
REPEATS = 4  # presses of each scrolling key in the TUI rows
OPEN = 3
CLAIMS = 3
SYNTHETIC = 1000

SENTENCES = (
    "The economy grew by 3% in the last quarter, the finance minister said.",
    "Interest rates rose to 4.75% as the bank tried to curb inflation.",
    '"We will cut taxes for families," the prime minister told the election rally.',
    "Broadband users downloaded more music than ever, according to a survey.",
    "The film won an award at the Oscar ceremony in Los Angeles.",
    "Football clubs fear an injury crisis before the world cup.",
    "Mobile phone makers expect profits of $2bn this year.",
    "Piracy and copyright worries hit the music industry.",
    "The government said parliament would vote on the plan next week.",
    "Telecoms firms reported economic growth in the region.",
    "Gordon Brown said the Tories and the Conservatives disagreed.",
    "The dollar fell against the euro and the yen on Friday.",
)
CATEGORIES = ("business", "politics", "sport", "tech")


def _write_corpus(root: Path) -> None:
    rng = random.Random(3)
    for i in range(DOCS):
        category = CATEGORIES[i % len(CATEGORIES)]
        paragraphs = [" ".join(rng.sample(SENTENCES, 4)) for _ in range(3)]
        title = f"{rng.choice(['Election', 'Oil prices', 'Economy', 'Games'])} report {i}"
        front = f"---\ntitle: {title}\ntags: [{category}]\n---\n"
        (root / category).mkdir(parents=True, exist_ok=True)
        (root / category / f"{i:03d}.txt").write_text(front + "\n\n".join(paragraphs) + "\n", "utf-8")


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object], Path]:
    tmp = tmp_path_factory.mktemp("bench")
    corpus = tmp / "tiny"
    _write_corpus(corpus)
    out = tmp / "results.json"
    env = dict(os.environ)
    env["NKTERM_BBC"] = str(tmp / "no-bbc-here")  # the smoke run must not need /work/shared
    cmd = [sys.executable, "-m", "benchmarks", "--corpus", str(corpus), "--json", str(out)]
    cmd += ["--passes", "1", "--runs", "1", "--budget", "0", "--workdir", str(tmp / "work")]
    cmd += ["--tui-repeats", str(REPEATS), "--open-docs", str(OPEN), "--claims", str(CLAIMS)]
    cmd += ["--align-runs", "2", "--synthetic-rows", str(SYNTHETIC)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)  # vs hanging
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout, json.loads(out.read_text("utf-8")), out


def test_table_has_every_figure(smoke: tuple[str, dict[str, object], Path]) -> None:
    stdout, data, _ = smoke
    queries = data["sizes"]["corpus"]["search"]["queries"]  # type: ignore[index]
    assert "== corpus:" in stdout
    assert f"corpus        {DOCS} docs" in stdout
    for label in (
        "full build ",
        "docs/s",
        "MB/s",
        "peak RSS",
        "process(es)",
        "  segmentation ",
        "  claims ",
        "no-change     library",
        "CLI `python -m nkterm index`",
        "1% changed    1 docs edited",
        f"search        {len(queries)} queries x 1 passes, top 10 with snippets: median",
        "p95",
        "p99",
        "  no snippets median",
        "  did you mean (",
        "  by kind, median/p95 ms: plain",
        "SQLite FTS5   ",
        "nkterm/FTS5 = ",
        "targets",
        "no-change re-run < 1 s",
        "search p95 < 16 ms with snippets",
        "full build >= 500 docs/s including claims",
        "build peak RSS < 300 MB",
        "compare       align the two longest (",
        "first call, loading both and the corpus IDF included",
        f"corroborate   {CLAIMS} claims (seed 1), per claim: median",
        "TUI           120x40 headless, existing index: launch to first frame",
        f"to the list filled ({DOCS} docs)",
        "time to fill the list",
        f"after opening {OPEN} documents",
        "  list        j ",
        "              filter typing ",
        "  document    j ",
        "  search      typing ",
        "after the last key (debounce",
        f"  open        {OPEN} documents spread over the list",
        f"synthetic     SYNTHETIC list of {SYNTHETIC:,} DocSummary rows",
        "first full paint < 0.5 s with an existing index: ",
        "scrolling keys p95 < 33.4 ms, none > 50 ms: worst p95",
        "typing keys p95 < 33.4 ms, none > 50 ms: worst p95",
        "RSS < 300 MB with the corpus open: ",
        f"{SYNTHETIC:,}-entry list scrolls without stalls",
        "suite finished in",
    ):
        assert label in stdout, f"missing {label!r} in:\n{stdout}"


def test_json_has_sane_numbers(smoke: tuple[str, dict[str, object], Path]) -> None:
    _, data, _ = smoke
    res = data["sizes"]["corpus"]  # type: ignore[index]
    build = res["build"]
    assert build["complete"] is True
    assert build["docs_indexed"] == DOCS
    assert build["seconds"] > 0 and build["docs_per_s"] > 0
    assert 10 < build["peak_rss_mb"] < 2000
    assert res["rerun_library"]["touched"] == 0
    assert res["rerun_library"]["unchanged"] == DOCS
    assert "0 added, 0 changed" in res["rerun_cli"]["output"]
    assert res["change"]["docs"] == 1 and res["change"]["changed"] == 1
    search = res["search"]
    assert search["n"] == len(search["queries"]) >= 20  # one pass: one sample per query
    assert all(len(q["samples_ms"]) == 1 for q in search["queries"])
    assert 0 < search["median_ms"] <= search["p95_ms"] <= search["p99_ms"] <= search["max_ms"]
    assert not [q for q in search["queries"] if q["error"]]
    hits = {q["query"]: q["hits"] for q in search["queries"]}
    assert hits["economy"] > 0 and hits['"prime minister"'] > 0 and hits["tag:sport"] > 0
    fts = res["fts5"]
    assert fts["build"]["docs"] == DOCS
    fts_queries = {q["query"] for q in fts["search"]["queries"]}
    assert fts["ratio"]["queries"] == len(fts_queries) > 0 and fts_queries < set(hits)
    assert fts["ratio"]["median"] > 0
    fts_totals = {q["query"]: q["total"] for q in fts["search"]["queries"]}
    corpus = Path(res["corpus"]["path"])
    with_economy = sum("economy" in p.read_text("utf-8").lower() for p in corpus.rglob("*.txt"))
    assert 0 < fts_totals["economy"] == with_economy
    assert res["split"]["segment_ms_per_doc"] > 0
    assert {t["target"] for t in res["targets"]} >= {"no-change re-run < 1 s", "build peak RSS < 300 MB"}


def test_json_has_tui_and_compare_rows(smoke: tuple[str, dict[str, object], Path]) -> None:
    _, data, _ = smoke
    res = data["sizes"]["corpus"]  # type: ignore[index]
    assert "tui_error" not in res and "compare_error" not in res and "tui_synthetic_error" not in res
    tui = res["tui"]
    assert tui["partial"] is False
    fp = tui["first_paint"]
    assert fp["docs"] == DOCS and fp["runs"] == 1
    assert 0 < fp["imports"]["median_ms"] < fp["first_frame"]["median_ms"] <= fp["list_filled"]["median_ms"]
    session = tui["session"]
    assert session["docs"] == DOCS
    assert session["not_a_no_change_start"] is None
    for run in (session["list"]["j"], session["list"]["pagedown"], session["document"]["j"]):
        assert run["n"] >= 4 and 0 < run["median_ms"] <= run["p95_ms"] <= run["max_ms"] < 5000
    assert session["list"]["j"]["n"] == REPEATS
    assert session["search_typing"]["n"] == len("economy growth")
    assert session["search_results"]["hits"] > 0
    assert session["opened"] == OPEN and session["open"]["n"] == OPEN
    assert 20 < session["rss_after_open"]["rss_mb"] < 2000
    synthetic = res["tui_synthetic"]
    assert synthetic["rows"] == SYNTHETIC and synthetic["list"]["j"]["n"] == REPEATS
    assert synthetic["fill_ms"] > 0
    align, corro = res["compare"]["align"], res["compare"]["corroborate"]
    assert align["n"] == 2 and align["median_ms"] > 0 and min(align["words"]) > 0
    assert corro["timed"] == CLAIMS and corro["median_ms"] > 0
    names = {t["target"] for t in res["targets"]}
    assert "first full paint < 0.5 s with an existing index" in names
    assert "RSS < 300 MB with the corpus open" in names


def test_compare_two_saved_runs(smoke: tuple[str, dict[str, object], Path]) -> None:
    _, _, out = smoke
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--compare", str(out), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "search median ms" in proc.stdout
    assert "TUI first paint ms" in proc.stdout and "corroborate median ms" in proc.stdout
    assert "synthetic j p95 ms" in proc.stdout
    assert "+0.0%" in proc.stdout


def _nearest_rank(values: list[float], p: float) -> float:
    return sorted(values)[max(1, math.ceil(p / 100 * len(values))) - 1]


def test_percentiles_are_nearest_rank(smoke: tuple[str, dict[str, object], Path]) -> None:
    _, data, _ = smoke
    res = data["sizes"]["corpus"]  # type: ignore[index]
    search = res["search"]
    samples = [t for q in search["queries"] for t in q["samples_ms"]]  # rounded to 0.001 ms in the JSON
    assert len(samples) == search["n"] >= 20
    for key, p in (("median_ms", 50), ("p95_ms", 95), ("p99_ms", 99)):
        assert math.isclose(search[key], _nearest_rank(samples, p), abs_tol=0.001), key
    rerun = res["rerun_library"]  # --runs 1: the median of one value is that value
    assert rerun["seconds"] == [rerun["median_s"]]


def _bench(*args: str) -> str:
    """``python -m benchmarks ARGS`` as a user runs it; its standard output."""
    cmd = [sys.executable, "-m", "benchmarks", *args]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _key_stats(p95: float, worst: float) -> dict[str, float]:
    return {"n": 10, "median_ms": p95 / 2, "p95_ms": p95, "max_ms": worst}


def test_targets_of_a_saved_run_fail_slow_search_and_a_stall_and_label_a_partial_index(
    tmp_path: Path,
) -> None:
    res = {
        "build": {"docs_per_s": 600.0, "claims_present": True, "complete": True, "peak_rss_mb": 100.0},
        "search": {"median_ms": 12.0, "p95_ms": 20.0},
        "rerun_library": {"median_s": 0.2},
        "rerun_cli": {"median_s": 1.4},
    }
    quick = _key_stats(8.0, 12.0)
    session = {
        "list": {"j": quick, "pagedown": quick, "G_g": quick},
        "document": {"j": quick, "pagedown": _key_stats(9.0, 80.0)},  # one stall
        "search_typing": quick,
        "search_typing_busy": quick,
        "list_filter": _key_stats(40.0, 45.0),  # slow, but no stall
        "rss_after_open": {"rss_mb": 120.0, "peak_mb": 130.0},
        "opened": 50,
    }
    first_paint = {
        "docs": 9000,
        "runs": 3,
        "list_filled": {"median_ms": 420.0},
        "imports": {"median_ms": 300.0},
    }
    tui = {"partial": True, "first_paint": first_paint, "session": session}
    saved = tmp_path / "run.json"
    saved.write_text(json.dumps({"meta": {}, "sizes": {"bbc": res, "20k": {**res, "tui": tui}}}), "utf-8")
    judged = json.loads(_bench("--targets", str(saved)))
    verdicts = {t["target"]: t["pass"] for t in judged["bbc"]}
    assert verdicts == {"no-change re-run < 1 s": False, "search median < 10 ms with snippets": False}
    found = {t["target"]: t for t in judged["20k"]}
    assert found["full build >= 500 docs/s including claims"]["pass"] is True
    assert found["search p95 < 16 ms with snippets (top 10)"]["pass"] is False
    assert found["first full paint < 0.5 s with an existing index"]["pass"] is True
    scroll = found["scrolling keys p95 < 33.4 ms, none > 50 ms"]
    assert scroll["pass"] is False and "80.0 ms (document pagedown)" in scroll["value"]
    typing = found["typing keys p95 < 33.4 ms, none > 50 ms"]
    assert typing["pass"] is False and "40.0 ms (list filter typing)" in typing["value"]
    assert found["RSS < 300 MB with the corpus open"]["pass"] is True
    reader = [t for name, t in found.items() if "keys" in name or "paint" in name or name.startswith("RSS <")]
    assert len(reader) == 4 and all("9,000 committed docs (partial build)" in t["note"] for t in reader)


def test_compare_flags_regressions_and_refuses_stopped_builds_of_different_sizes(tmp_path: Path) -> None:
    def stopped(docs: int, median: float) -> dict[str, object]:
        return {"build": {"complete": False, "docs_indexed": docs}, "search": {"median_ms": median}}

    old = {
        "meta": {"git": "a"},
        "sizes": {"bbc": {"search": {"median_ms": 10.0}}, "100k": stopped(3000, 10.0)},
    }
    new = {
        "meta": {"git": "b"},
        "sizes": {"bbc": {"search": {"median_ms": 20.0}}, "100k": stopped(48000, 40.0)},
    }
    (tmp_path / "old.json").write_text(json.dumps(old), "utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new), "utf-8")
    text = _bench("--compare", str(tmp_path / "old.json"), str(tmp_path / "new.json"))
    bbc, stopped_rows = text.split("\nbbc\n", 1)[1].split("\n100k\n", 1)
    assert "search median ms" in bbc and "worse" in bbc
    assert "not comparable" in stopped_rows and "worse" not in stopped_rows


def test_view_corpus_holds_exactly_what_a_partial_index_holds(tmp_path: Path) -> None:
    """The TUI rows of a stopped build open the app on hard links to the committed documents:
    the app's own index update must then find nothing to do."""
    from nkterm.index import Index

    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    (corpus / "sport" / "002.yaml").write_text("tags: [sport]\n", "utf-8")  # a sidecar
    index = Index(corpus, tmp_path / "index")
    index.update()
    index.close()
    (corpus / "tech" / "late.txt").write_text("Not indexed yet.\n", "utf-8")  # the rest of a stopped build
    cmd = [sys.executable, "-m", "benchmarks.tui_measure", "view", str(corpus), str(tmp_path / "index")]
    proc = subprocess.run(
        [*cmd, str(tmp_path / "view")], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    view = tmp_path / "view"
    assert json.loads(proc.stdout) == {"view": str(view), "documents": DOCS}
    assert len(list(view.rglob("*.txt"))) == DOCS
    assert (view / "sport" / "002.yaml").exists() and not (view / "tech" / "late.txt").exists()
    report = Index(view, tmp_path / "index").update()
    assert report.touched == 0 and report.rebuilt is None and report.unchanged == DOCS
