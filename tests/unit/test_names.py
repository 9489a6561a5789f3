"""Korean names in search: a corpus that spells each name several ways, and a real Whoosh
index over it. A search for any spelling finds every document with any spelling; Hangul
documents are found by Hangul words; hits highlight every variant; the result names the other
spellings it matched; "did you mean" offers the spelling the corpus uses."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from nkterm.analysis import terms
from nkterm.config import parse_config
from nkterm.index import Index
from nkterm.manifest import META_FILE
from nkterm.tui.view.document_layout import claims_line

DOCS = {
    "mr": "Visitors to P'yŏngyang read the Nodong Sinmun, which praised Chuch'e thought. "
    "The road south leads to Kaesŏng, where Kim Il-sŏng once spoke.",
    "dprk": "KCNA said that Kim Jong Un inspected a farm near Pyongyang and spoke about the Juche idea. "
    "Rodong Sinmun carried the report.",
    "rr": "A Seoul analyst said Kim Jeong-eun travelled from Pyeongyang to Gaeseong last week.",
    "hyphen": "Kim Il-sung and Kim Jong-un appeared on the posters in the station.",
    "joined": "Old leaflets spelled the name Kim Ilsung; a later one wrote Kim Jongun.",
    "lower": "Kim il Sung's portrait hung in every classroom of the school.",
    "hangul": "김정은 국무위원장이 평양에서 열린 회의에 참석했다고 조선중앙통신이 보도했다. "
    "로동신문은 주체사상을 강조했다.",
    "mrjoined": "Scholars write the name Kim Chŏngŭn, without a hyphen.",
    "pak1": "The engineer Pak Myong Chol described the dam.",
    "pak2": "Pak Myong-chol, an engineer, described the dam.",
    "pak3": "A defector named Pak Myongchol described the dam.",
    "other": "The weather in Seoul was mild and nothing was said about the north.",
}

GROUPS = {
    "pyongyang": (
        ["Pyongyang", "P'yŏngyang", "pyeongyang", "평양", "Phyongyang"],
        {"mr", "dprk", "rr", "hangul"},
    ),
    "juche": (["juche", "Chuch'e", "chuche", "주체"], {"mr", "dprk", "hangul"}),
    "rodong": (['"Rodong Sinmun"', "Nodong Sinmun", "로동신문", "노동신문"], {"mr", "dprk", "hangul"}),
    "kaesong": (["Kaesong", "Gaeseong", "개성", "Kaesŏng"], {"mr", "rr"}),
    "kim il sung": (
        [
            "Kim Il Sung",
            "Kim Il-sung",
            "Kim Ilsung",
            "kim il sung",
            "Kim il Sung",
            '"Kim Il Sung"',
            "김일성",
            "Kim Il-sŏng",
        ],
        {"mr", "hyphen", "joined", "lower"},
    ),
    "kim jong un": (
        [
            "Kim Jong Un",
            "Kim Jong-un",
            "Kim Jongun",
            "김정은",
            "Kim Jeong-eun",
            '"Kim Jong Un"',
            "Kim Chŏng-ŭn",
        ],
        {"dprk", "rr", "hyphen", "joined", "hangul", "mrjoined"},
    ),
    "kcna": (["KCNA", "Korean Central News Agency", "조선중앙통신"], {"dprk", "hangul"}),
    "pak myong chol": (
        ["Pak Myong Chol", "Pak Myong-chol", "Pak Myongchol", "pak myong chol"],
        {"pak1", "pak2", "pak3"},
    ),
}


@pytest.fixture(scope="module")
def names_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    root = tmp_path_factory.mktemp("names")
    corpus = root / "corpus"
    corpus.mkdir()
    for doc_id, text in DOCS.items():
        (corpus / f"{doc_id}.txt").write_text(text + "\n", "utf-8")
    index = Index(corpus, root / "index")
    index.update()
    yield index
    index.close()


@pytest.mark.parametrize(("name", "query"), [(n, q) for n, (qs, _docs) in GROUPS.items() for q in qs])
def test_any_spelling_finds_every_document_with_any_spelling(
    names_index: Index, name: str, query: str
) -> None:
    result = names_index.search(query, limit=50)
    assert result.error is None
    assert {h.id for h in result.hits} == GROUPS[name][1], query


def test_a_name_does_not_find_another_name(names_index: Index) -> None:
    assert not {h.id for h in names_index.search("Kim Il Sung").hits} & {"dprk", "rr", "hangul"}
    assert not names_index.search("Phenian").hits


def test_hangul_documents_are_found_by_hangul_words(names_index: Index) -> None:
    for word in ("국무위원장", "회의", "강조", "보도했다"):
        assert [h.id for h in names_index.search(word).hits] == ["hangul"], word
    assert names_index.search("평양 회의").hits[0].id == "hangul"


def test_hits_highlight_every_spelling(names_index: Index) -> None:
    for doc_id, written in (
        ("mr", "P'yŏngyang"),
        ("dprk", "Pyongyang"),
        ("rr", "Pyeongyang"),
        ("hangul", "평양"),
    ):
        spans = names_index.hits_in(doc_id, "pyongyang")
        assert [DOCS[doc_id][s.start : s.end] for s in spans] == [written]
    spans = names_index.hits_in("lower", "Kim Ilsung")
    assert [DOCS["lower"][s.start : s.end] for s in spans] == ["Kim", "il Sung"]
    hit = next(h for h in names_index.search("Pyongyang").hits if h.id == "mr")
    assert [hit.snippet[s.start : s.end] for s in hit.snippet_spans] == ["P'yŏngyang"]


def test_the_result_says_which_other_spellings_matched(names_index: Index) -> None:
    also = names_index.search("Pyongyang").also
    assert {"P'yŏngyang", "Pyeongyang", "평양"} <= set(also)
    assert "Pyongyang" not in also
    assert {"Kim Il-sung", "Kim Ilsung"} <= set(names_index.search("Kim Il Sung").also)
    assert names_index.search("engineer").also == ()


def test_did_you_mean_offers_the_spelling_the_corpus_uses(names_index: Index) -> None:
    suggestion = names_index.search("Pyeongyng").suggestion  # RR, mistyped
    assert suggestion == "Pyongyang"  # the cluster's spelling in most documents
    suggestion = names_index.search("Chucheh").suggestion
    assert suggestion is not None and names_index.search(suggestion).hits
    assert names_index.search("Gaesong").suggestion in ("Kaesong", "Gaeseong")


def test_a_users_cluster_in_config_yaml_extends_the_table(tmp_path: Path) -> None:
    config_dir = Path(os.environ["NKTERM_CONFIG"])
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.yaml").write_text("names:\n  - [Phenian, Pyongyang]\n", "utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc_id in ("mr", "rr", "other"):
        (corpus / f"{doc_id}.txt").write_text(DOCS[doc_id], "utf-8")
    index = Index(corpus, tmp_path / "ix")
    index.update()
    try:
        assert {h.id for h in index.search("Phenian").hits} == {"mr", "rr"}  # via the shipped cluster too
    finally:
        index.close()


def test_bad_names_in_config_yaml_are_problems_with_a_line() -> None:
    config, problems = parse_config("names:\n  - [Kaesong, Gaeseong]\n  - [alone]\n", Path("config.yaml"))
    assert config.names == (("Kaesong", "Gaeseong"),)
    assert len(problems) == 1 and problems[0].line == 3 and "two or more spellings" in problems[0].message
    _config, problems = parse_config("names: Pyongyang\n", Path("config.yaml"))
    assert problems and "list of clusters" in problems[0].message


def test_an_index_of_the_old_schema_is_rebuilt_with_a_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "mr.txt").write_text(DOCS["mr"], "utf-8")
    Index(corpus, tmp_path / "ix").update()
    meta = tmp_path / "ix" / META_FILE
    data = json.loads(meta.read_text("utf-8"))
    meta.write_text(json.dumps({**data, "schema_version": 2}), "utf-8")
    index = Index(corpus, tmp_path / "ix")
    report = index.update()
    try:
        assert report.rebuilt is not None and "P'yŏngyang = Pyongyang" in report.rebuilt
        assert [h.id for h in index.search("pyongyang").hits] == ["mr"]
    finally:
        index.close()


def test_the_header_says_claims_are_not_detected_in_korean() -> None:
    assert claims_line((), DOCS["hangul"]) == "claims are not detected in Korean text"
    assert claims_line((), DOCS["dprk"]) == "no claims found"


def test_compare_sees_one_name_however_it_is_spelled() -> None:
    from nkterm.index import analyze

    assert {t for t, _s, _e in analyze("P'yŏngyang")} == {t for t, _s, _e in analyze("Pyongyang")}
    assert "ilsung" in {t for t, _s, _e in analyze("Kim Il-sung")} & {
        t for t, _s, _e in analyze("Kim Ilsung")
    }
    assert terms("Kaesŏng") == terms("KAESONG")


def test_the_names_benchmark_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    import subprocess
    import sys

    bbc = tmp_path / "bbc"
    for category in ("politics", "world"):
        (bbc / category).mkdir(parents=True)
        for i in range(3):
            text = f"Officials in Pyongyang said on day {i} that Kim Jong Un met {category} envoys."
            (bbc / category / f"{i:03}.txt").write_text(text + "\n", "utf-8")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.names_bench", "--docs", "6", "--rounds", "1", "--repeats", "1"],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "NKTERM_BBC": str(bbc)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "build, 6 BBC docs" in result.stdout and "query expansion: median" in result.stdout


# --- the loaded table, kept in the cache folder --------------------------------------------------


def _fresh_clusters() -> tuple[object, ...]:
    from nkterm.analysis import names

    names.shipped_clusters.cache_clear()
    return names.shipped_clusters()


def test_the_loaded_table_is_kept_in_the_cache_folder_and_read_back_equal() -> None:
    from nkterm import paths

    first = _fresh_clusters()  # derived and written
    kept = list(paths.cache_dir().glob("names-*.json"))
    assert len(kept) == 1
    data = json.loads(kept[0].read_text("utf-8"))
    assert len(data) == len(first) and any(len(names) > 2 for names, *_ in data)
    assert _fresh_clusters() == first  # read back from the file: the same clusters


def test_the_terms_kept_with_the_table_are_the_ones_derived_from_each_name() -> None:
    from nkterm.analysis import names

    _fresh_clusters()  # derived and written with the terms of every name
    clusters, kept = names._shipped()  # read back from the file
    assert kept == tuple(names.keys_of(c) for c in clusters)
    from_file, derived = names.NameTable(clusters, kept), names.NameTable(clusters)
    assert from_file._by_key == derived._by_key and from_file._spellings == derived._spellings
    words = names.terms("Kim Jong Un visited P'yŏngyang")
    found = names.name_table().find(words)
    assert len(found) == 2 and all(len(m.spellings) > 2 for m in found)
    assert found == derived.find(words)


def test_a_damaged_or_stale_cache_file_is_replaced_not_trusted() -> None:
    from nkterm import paths

    first = _fresh_clusters()
    kept = next(paths.cache_dir().glob("names-*.json"))
    kept.write_text('[["Kim Jong Un", "not", "what", "was", "written"]', "utf-8")  # cut short
    assert _fresh_clusters() == first
    stale = paths.cache_dir() / "names-00000000000000000000.json"  # an older table's file
    stale.write_text("[]", "utf-8")
    kept.unlink()
    assert _fresh_clusters() == first
    assert not stale.exists() and len(list(paths.cache_dir().glob("names-*.json"))) == 1


def test_an_unwritable_cache_folder_still_gives_the_table(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setenv("NKTERM_CACHE", str(blocked / "cache"))
    first = _fresh_clusters()
    assert len(first) > 100
