"""Names benchmark (issue 22): what folding, Hangul bigrams, joined given names and the name
table cost.

* **Query expansion**: the time ``nkterm.index._expand_names`` (and the given-name rewrite)
  adds to a parsed query, per query, over a set of name and plain queries; and the median
  search time with the table against an empty table, on the same index.
* **Build**: a BBC subset indexed with today's analyzer (``FoldingAnalyzer``) and with the one
  before issue 22 (Whoosh's ``StemmingAnalyzer`` / ``StandardAnalyzer``), alternately, best
  of ``--rounds``; and the analyzers alone over the same texts.
* **Hangul** (``--hangul``): character bigrams against Kiwi morphemes (kiwipiepy, when it is
  installed; it is not a dependency) on a small hand-written Korean set: precision, recall,
  speed, load time.

The BBC corpus is read where it lives (``$NKTERM_BBC`` or /work/shared/corpora/bbc-news) and
copied only into a temporary folder. Run: ``nice python -m benchmarks.names_bench``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BBC = Path(os.environ.get("NKTERM_BBC", "/work/shared/corpora/bbc-news"))
QUERIES = (
    "Pyongyang",
    "P'yŏngyang",
    "평양",
    "Kim Il Sung",
    "Kim Jong-un said",
    '"Kim Jong Il" visit',
    "Korean Central News Agency",
    "juche OR songun",
    "Rodong Sinmun editorial",
    "title:Kaesong",
    "economy growth",
    "government AND election",
    '"prime minister"',
    "football club",
    "music industry piracy",
)


def subset(n: int, dest: Path) -> Path:
    """The first ``n`` BBC articles, taken round-robin over the categories, copied to ``dest``."""
    folders = sorted(p for p in BBC.iterdir() if p.is_dir())
    lists = [sorted(f.glob("*.txt")) for f in folders]
    picked: list[Path] = []
    i = 0
    while len(picked) < n and any(i < len(x) for x in lists):
        picked.extend(x[i] for x in lists if i < len(x))
        i += 1
    dest.mkdir(parents=True, exist_ok=True)
    for path in picked[:n]:
        shutil.copyfile(path, dest / f"{path.parent.name}-{path.name}")
    return dest


@contextmanager
def old_analyzer() -> Iterator[None]:
    """The schema before issue 22: Whoosh's own analyzers (no folding, no bigrams, no joins)."""
    from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

    from nkterm.search.whoosh import schema as index  # the analyzers make_schema uses

    saved_body, saved_folding = index.body_analyzer, index.FoldingAnalyzer

    def folding(*, stem: bool = True, stop: bool = True) -> Any:
        return StemmingAnalyzer() if stem else StandardAnalyzer(stoplist=None)

    index.body_analyzer = StemmingAnalyzer  # type: ignore[assignment]
    index.FoldingAnalyzer = folding  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        index.body_analyzer, index.FoldingAnalyzer = saved_body, saved_folding  # type: ignore[misc]


def build_once(corpus: Path, work: Path, label: str) -> tuple[float, float]:
    from nkterm.index import Index

    target = work / f"ix-{label}"
    shutil.rmtree(target, ignore_errors=True)
    index = Index(corpus, target)
    wall, cpu = time.perf_counter(), time.process_time()
    index.update()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    index.close()
    return wall, cpu


def bench_build(corpus: Path, work: Path, rounds: int) -> dict[str, float]:
    new: list[tuple[float, float]] = []
    old: list[tuple[float, float]] = []
    for _ in range(rounds):
        with old_analyzer():
            old.append(build_once(corpus, work, "old"))
        new.append(build_once(corpus, work, "new"))
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(corpus.glob("*.txt"))]
    from whoosh.analysis import StemmingAnalyzer

    from nkterm.analysis import fold, stem, tokens

    ours_runs: list[float] = []
    theirs_runs: list[float] = []
    for _ in range(3):  # alternately, cold caches each time; CPU time (the machine is shared)
        stem.cache_clear()
        fold.cache_clear()
        t = time.process_time()
        for text in texts:
            tokens(text)
        ours_runs.append(time.process_time() - t)
        whoosh = StemmingAnalyzer()
        t = time.process_time()
        for text in texts:
            for _tok in whoosh(text, positions=True, chars=True):
                pass
        theirs_runs.append(time.process_time() - t)
    ours, theirs = min(ours_runs), min(theirs_runs)
    return {
        "docs": len(texts),
        "old_wall": min(w for w, _ in old),
        "new_wall": min(w for w, _ in new),
        "old_cpu": min(c for _, c in old),
        "new_cpu": min(c for _, c in new),
        "analyzer_new": ours,
        "analyzer_old": theirs,
    }


def bench_queries(corpus: Path, work: Path, repeats: int) -> dict[str, float]:
    from nkterm.analysis.names import NameTable, user_table
    from nkterm.index import Index, _expand_names, _query_text
    from nkterm.search.query import Request, prepare

    index = Index(corpus, work / "ix-new")
    index.update()
    table = user_table()
    index.name_table()
    requests = [prepare(q) for q in QUERIES]
    parsed = [index._translate(r) for r in requests if isinstance(r, Request)]
    per_query: list[float] = []
    t = time.perf_counter()
    for q, tree in zip(QUERIES, parsed, strict=True):  # the first pass fills the word caches
        _query_text(q)
        _expand_names(tree, table)
    first = (time.perf_counter() - t) * 1000 / len(QUERIES)
    for _ in range(repeats):
        for q, tree in zip(QUERIES, parsed, strict=True):
            t = time.perf_counter()
            _query_text(q)
            _expand_names(tree, table)
            per_query.append((time.perf_counter() - t) * 1000)
    searches: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(repeats):
        for label, names in (("without", NameTable([])), ("with", table)):
            index.names = names
            for q in QUERIES:
                t = time.thread_time()  # CPU time: the machine is shared with other work
                index.search(q, limit=10)
                searches[label].append((time.thread_time() - t) * 1000)
    index.close()
    per_query.sort()
    return {
        "expand_first_ms": first,
        "expand_median_ms": statistics.median(per_query),
        "expand_p95_ms": per_query[int(len(per_query) * 0.95) - 1],
        "expand_max_ms": per_query[-1],
        "search_median_with_ms": statistics.median(searches["with"]),
        "search_median_without_ms": statistics.median(searches["without"]),
    }


def table_load() -> float:
    from nkterm.analysis import names

    names.shipped_clusters.cache_clear()
    names._CACHE.clear()
    t = time.perf_counter()
    names.name_table()
    return time.perf_counter() - t


# -- Hangul: bigrams against Kiwi ----------------------------------------------------------

HANGUL_DOCS = """김정은 국무위원장이 평양에서 열린 열병식에 참석했다.
조선중앙통신은 김여정 부부장의 담화를 발표했다.
북한은 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다.
평양시민들은 김일성광장에 모여 태양절을 기념했다.
개성공단은 2016년에 가동이 중단되었다.
로동신문은 사설에서 자력갱생을 강조했다.
탈북민들은 장마당에서 쌀값이 크게 올랐다고 전했다.
신의주와 단둥을 잇는 신압록강대교는 아직 개통되지 않았다.
함경북도 청진의 수산사업소에서 사고가 났다.
통일부는 남북 대화를 재개하자고 제안했다.
김정일 국방위원장은 2011년 12월에 사망했다.
평양냉면은 옥류관의 대표 음식이다.
북한 당국은 국경 경비를 강화했다고 데일리NK가 보도했다.
양강도 혜산에서 밀수가 늘었다.
조선로동당 중앙위원회 전원회의가 평양에서 열렸다.
원산갈마해안관광지구가 개장했다.
김일성종합대학 학생들이 농촌 지원에 나섰다.
주체사상은 북한의 통치 이념이다.
북한 외무성은 미국을 비난하는 담화를 냈다.
평안북도 영변의 핵시설에서 새로운 활동이 포착되었다.
정은이는 김치를 좋아한다.
양에게 풀을 먹였다.""".splitlines()
HANGUL_GOLD: dict[str, set[int]] = {
    "평양": {0, 3, 11, 14},
    "김정은": {0},
    "김일성": {3, 16},
    "조선중앙통신": {1},
    "로동신문": {5},
    "장마당": {6},
    "통일부": {9},
    "담화": {1, 18},
    "미사일": {2},
    "개성공단": {4},
    "청진": {8},
    "혜산": {13},
    "영변": {19},
    "주체사상": {17},
    "냉면": {11},
    "김정일": {10},
    "북한": {2, 12, 17, 18},
    "열병식": {0},
    "김여정": {1},
    "원산": {15},
    "양": {21},
    "정은": {20},
}


def evaluate(analyse: Callable[[str], list[str]], name: str) -> None:
    index = [set(analyse(d)) for d in HANGUL_DOCS]
    tp = fp = fn = 0
    misses: list[tuple[str, list[int], list[int]]] = []
    for q, gold in HANGUL_GOLD.items():
        qt = set(analyse(q))
        got = {i for i, terms in enumerate(index) if qt and qt <= terms}
        tp += len(got & gold)
        fp += len(got - gold)
        fn += len(gold - got)
        if got != gold:
            misses.append((q, sorted(got - gold), sorted(gold - got)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn)
    print(f"{name}: precision {p:.2f} recall {r:.2f}; wrong: {misses}")


def bigrams(text: str) -> list[str]:
    from nkterm.analysis import tokens

    return [t.term for t in tokens(text)]


def compare() -> None:
    """Bigrams against Kiwi: quality on the set above, speed on it repeated 200 times."""
    import resource

    evaluate(bigrams, "bigrams")
    text = "\n".join(HANGUL_DOCS) * 200
    t = time.perf_counter()
    bigrams(text)
    dt = time.perf_counter() - t
    print(f"bigrams: {len(text) / dt / 1000:.0f}k chars/s")
    try:
        t = time.perf_counter()
        from kiwipiepy import Kiwi
    except ImportError:
        print("kiwipiepy is not installed: bigrams only")
        return
    kiwi = Kiwi()
    load = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    keep = ("NN", "SL", "SN", "XR", "VV", "VA")  # nouns, foreign words, numbers, roots, verbs

    def morphs(text: str) -> list[str]:
        return [tok.form for tok in kiwi.tokenize(text) if tok.tag.startswith(keep)]

    evaluate(morphs, "kiwi")
    t = time.perf_counter()
    morphs(text)
    dt = time.perf_counter() - t
    print(f"kiwi: {len(text) / dt / 1000:.0f}k chars/s, model load {load:.2f} s, peak RSS {rss:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="BBC articles to index (default 300)")
    parser.add_argument("--rounds", type=int, default=2, help="builds of each analyzer (best is kept)")
    parser.add_argument("--repeats", type=int, default=20, help="passes over the query set")
    parser.add_argument("--hangul", action="store_true", help="also compare bigrams with Kiwi")
    args = parser.parse_args(argv)
    if args.hangul:
        compare()
    if not BBC.is_dir():
        print(f"no BBC corpus at {BBC} (set NKTERM_BBC)", file=sys.stderr)
        return 2
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="nk-names-") as tmp:
        work = Path(tmp)
        corpus = subset(args.docs, work / "corpus")
        build = bench_build(corpus, work, args.rounds)
        queries = bench_queries(corpus, work, args.repeats)
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"name table: first load {table_load() * 1000:.0f} ms (once per process)")
    print(
        f"build, {build['docs']:.0f} BBC docs (best of {args.rounds}): before {build['old_wall']:.2f} s wall "
        f"/ {build['old_cpu']:.2f} s cpu, now {build['new_wall']:.2f} s / {build['new_cpu']:.2f} s cpu: "
        f"{(build['new_wall'] / build['old_wall'] - 1) * 100:+.1f}% wall, "
        f"{(build['new_cpu'] / build['old_cpu'] - 1) * 100:+.1f}% cpu"
    )
    print(
        f"analyzers alone over the same texts (CPU, best of 3): Whoosh StemmingAnalyzer "
        f"{build['analyzer_old']:.2f} s, nkterm.analysis.tokens {build['analyzer_new']:.2f} s"
    )
    print(
        f"query expansion: median {queries['expand_median_ms']:.3f} ms, p95 {queries['expand_p95_ms']:.3f} ms, "
        f"max {queries['expand_max_ms']:.3f} ms per query ({len(QUERIES)} queries x {args.repeats}; "
        f"first pass, cold word caches: {queries['expand_first_ms']:.3f} ms per query)"
    )
    print(
        f"search median CPU, top 10 with snippets and did-you-mean: {queries['search_median_with_ms']:.1f} ms "
        f"with the table, {queries['search_median_without_ms']:.1f} ms with an empty table"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
