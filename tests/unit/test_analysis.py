"""nkterm.analysis: folding, stems, Hangul bigrams, joined given names, and the shipped table."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from nkterm.analysis import analyze, fold, join_given_names, stem, terms, tokens, undetected_language
from nkterm.analysis.names import NameTable, clusters_from, shipped_clusters, table_path
from nkterm.analysis.words import is_hangul


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("P'yŏngyang", "pyongyang"),
        ("Pʼyŏngyang", "pyongyang"),  # modifier letter apostrophe U+02BC
        ("P’yŏngyang", "pyongyang"),  # right single quotation mark
        ("Chuch'e", "chuche"),
        ("Kaesŏng", "kaesong"),
        ("Sinŭiju", "sinuiju"),
        ("Kaeso\u0306ng", "kaesong"),  # a decomposed breve
        ("HAMHŬNG", "hamhung"),
        ("평양", "평양"),
    ],
)
def test_folding_joins_apostrophes_and_drops_diacritics(written: str, folded: str) -> None:
    assert [t.term for t in tokens(written, stem_words=False)] == [folded]
    assert fold(written) == folded


def test_the_index_and_a_query_see_the_same_word() -> None:
    assert terms("P'yŏngyang") == terms("pyongyang") == terms("PYONGYANG")
    assert terms("Chuch'e") == terms("chuche")
    assert analyze("Kaesŏng")[0][0] == analyze("kaesong")[0][0]


def test_offsets_point_at_the_words_as_written() -> None:
    text = "Visitors to P'yŏngyang read Chuch'e texts."
    for term, start, end in analyze(text):
        assert text[start:end] and fold(text[start:end])[:3] == term[:3]
    assert [text[s:e] for _t, s, e in analyze(text)] == ["Visitors", "P'yŏngyang", "read", "Chuch'e", "texts"]


def test_stems_need_no_whoosh() -> None:
    code = (
        "import sys\nfrom nkterm.analysis import stem, tokens\n"
        "assert stem('banned') == 'ban' and stem('economies') == 'economi'\n"
        "tokens('The Pyongyang economy')\n"
        "assert not any(m == 'whoosh' or m.startswith('whoosh.') for m in sys.modules), 'whoosh imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert stem("running") == "run"


def test_hangul_runs_become_bigrams_and_particles_do_not_hide_a_word() -> None:
    found = tokens("북한은 평양에서 열병식을 열었다.")
    assert "평양" in [t.term for t in found]
    assert [t.term for t in tokens("북")] == ["북"]  # a one-syllable run stays one token
    mixed = tokens("DPRK의 평양")
    assert [t.term for t in mixed] == ["dprk", "의", "평양"]
    assert all(is_hangul(c) for t in found for c in t.term)


@pytest.mark.parametrize(
    "written", ["Kim Il Sung", "Kim Il-sung", "Kim il Sung", "Kim Ilsung", "Kim Il Sung's", "KIM Il Sung"]
)
def test_given_names_are_joined_however_they_are_written(written: str) -> None:
    assert "ilsung" in [t.term for t in tokens(written)]


@pytest.mark.parametrize(("written", "joined"), [("Kim Chŏng-ŭn", "chongun"), ("Ch'oe Ryong-hae", "ryongha")])
def test_mccune_reischauer_given_names_are_joined_too(written: str, joined: str) -> None:
    assert joined in [t.term for t in tokens(written)]
    assert terms(written) == terms(written.replace("-", ""))


def test_a_joined_given_name_shares_the_position_of_its_first_syllable() -> None:
    found = tokens("Kim Il Sung spoke")
    by_term = {t.term: t for t in found}
    assert by_term["ilsung"].pos == by_term["il"].pos == by_term["kim"].pos + 1
    assert by_term["spoke"].pos == by_term["sung"].pos + 1  # the extra token takes no position


@pytest.mark.parametrize(
    "text",
    [
        "So I do",  # not a surname
        "Sung met Kim",  # "met Kim" is not a given name
        "Kim. Il Sung",  # a sentence break
        "Kim Kardashian said",  # not syllables
        "kim il sung",  # document text in lower case: not taken for a name
    ],
)
def test_the_given_name_rule_leaves_other_words_alone(text: str) -> None:
    assert not any(t.joined for t in tokens(text))


def test_queries_are_written_with_joined_given_names() -> None:
    assert join_given_names("kim il sung") == "kim ilsung"
    assert join_given_names('"Kim Jong-un" said') == '"Kim Jongun" said'
    assert join_given_names("Kim Jong Il*") == "Kim Jong Il*"  # a prefix is left as typed
    assert join_given_names("title:Kim Il Sung") == "title:Kim IlSung"


def test_korean_text_is_told_apart() -> None:
    assert undetected_language("북한은 평양에서 열병식을 열었다. 김정은 위원장이 참석했다.") == "Korean"
    assert undetected_language("Visitors to Pyongyang (평양) saw the parade.") is None
    assert undetected_language("") is None


# -- the shipped table --------------------------------------------------------------------------


def test_the_shipped_table_has_at_least_150_clusters_each_with_hangul_and_a_note() -> None:
    raw = yaml.safe_load(table_path().read_text("utf-8"))["clusters"]
    assert len(raw) >= 150
    kinds = set()
    for item in raw:
        names = item["names"]
        assert item.get("note"), names
        kinds.add(item["kind"])
        hangul = [n for n in names if any(is_hangul(c) for c in n)]
        assert hangul, f"no Hangul form: {names}"
        assert any(not any(is_hangul(c) for c in n) for n in names), f"no romanized form: {names}"
        for form in hangul:  # complete syllables only (no stray jamo), with spaces, digits, Latin
            assert all(is_hangul(c) or c.isascii() for c in form), form
    assert {"person", "place", "press", "institution", "ideology"} <= kinds


def test_no_spelling_is_two_names() -> None:
    owner: dict[tuple[str, ...], str] = {}
    for cluster in shipped_clusters():
        for name in cluster.names:
            key = tuple(terms(name))
            assert owner.setdefault(key, cluster.names[0]) == cluster.names[0], (name, owner[key])


def test_revised_romanization_is_derived_from_the_hangul() -> None:
    clusters, problems = clusters_from([{"kind": "place", "names": ["Phyongyang", "평양"]}], "test")
    assert not problems
    assert "Pyeongyang" in clusters[0].names  # hangulpy, general mode
    person, _ = clusters_from([{"kind": "person", "names": ["Kim Il Sung", "김일성"]}], "test")
    assert any(terms(n) == ["gim", "ilseong"] for n in person[0].names)  # name mode


def test_the_table_finds_names_in_a_run_of_words() -> None:
    table = NameTable(shipped_clusters())
    words = terms("yesterday Kim Jong Un visited Pyongyang with Ri Sol Ju")
    found = {(m.start, m.end): m for m in table.find(words)}
    assert {words[a:b][-1] for a, b in found} == {
        terms("Kim Jong Un")[-1],
        "pyongyang",
        terms("Ri Sol Ju")[-1],
    }
    pyongyang = next(m for m in found.values() if m.typed == ("pyongyang",))
    spelled = {s.name for s in pyongyang.spellings}
    assert {"Pyeongyang", "평양"} <= spelled
    # a unit of the query (one typed word) is never split
    assert table.find(["kim", "jongun", "visit"], bounds=[0, 3]) == []


def test_bad_clusters_are_reported_not_raised() -> None:
    clusters, problems = clusters_from([["only one"], "not a list", ["Kaesong", "Gaeseong"]], "config.yaml")
    assert [c.names[:2] for c in clusters] == [("Kaesong", "Gaeseong")]
    assert len(problems) == 2 and all("config.yaml" in p for p in problems)


# -- the word table and the quick path (``_WORDS``, ``_simple_analysis``) --------------------------

QUICK_TEXTS = [
    "The Pyongyang economy grew by 3% in 2004, officials said.",
    "Gellman's guides weren't there; O'Neill's photographs, the `quoted` words and a.b.c e.g.",
    "Naïve visitors in Москва saw Straße signs; ΣΊΣΥΦΟΣ ﬁne wildcards ab* and *",
    "A I x an AN the THE tbd Yet. It's I'm we're us US",
]


@pytest.mark.parametrize("text", QUICK_TEXTS)
def test_the_quick_path_gives_what_the_tokens_give(text: str) -> None:
    from nkterm.analysis import analyze_names_joined
    from nkterm.analysis.words import _simple_analysis

    full = [(t.term, t.start, t.end) for t in tokens(text)]
    assert _simple_analysis(text) == full  # not None: no Hangul, no given name
    assert analyze(text) == full
    assert analyze_names_joined(text) == full


@pytest.mark.parametrize("text", QUICK_TEXTS)
def test_each_term_is_the_folded_stem_of_its_word(text: str) -> None:
    from nkterm.analysis.words import STOP_WORDS, WORD

    expected = []
    for m in WORD.finditer(text):
        folded = fold(m.group())
        if len(folded) < 2 or folded in STOP_WORDS:
            continue
        end = m.end() - 2 if m.group()[-2:] in ("'s", "’s") and len(m.group()) > 3 else m.end()
        expected.append((stem(folded), m.start(), end))
    assert analyze(text) == expected
    unstemmed = [(t.term, t.start, t.end) for t in tokens(text, stem_words=False, stop=False)]
    assert [t for t, _s, _e in unstemmed] == [
        fold(m.group()) for m in WORD.finditer(text) if len(fold(m.group())) >= 2
    ]


def test_stop_words_are_kept_on_request_and_stemmed() -> None:
    # the word table keeps a stop word's stem for callers that keep stop words
    assert [t.term for t in tokens("the was being", stop=True)] == ["wa", "be"]
    assert [t.term for t in tokens("the was being", stop=False)] == ["the", "wa", "be"]
    assert [t.term for t in tokens("The was being", stem_words=False, stop=False)] == ["the", "was", "being"]


@pytest.mark.parametrize(
    "text",
    [
        "Kim Il Sung met Kim Jong-un's aide in 평양에서.",
        "The talks with Ri Sol Ju ended; KIM Il Sung's book.",
        "Ch'oe Ryong-hae and Pak Pong Ju",
        "DPRK의 평양",
    ],
)
def test_names_and_hangul_take_the_full_path(text: str) -> None:
    from nkterm.analysis import analyze_names_joined
    from nkterm.analysis.words import _simple_analysis

    assert _simple_analysis(text) is None
    toks = tokens(text)
    assert analyze(text) == [(t.term, t.start, t.end) for t in toks]
    joined = [t for t in toks if t.joined]
    assert joined or any(is_hangul(c) for t in toks for c in t.term)
    # a joined name stands for its syllables
    assert len(analyze_names_joined(text)) == len(analyze(text)) - 2 * len(joined)


def test_a_surname_without_a_given_name_stays_on_the_quick_path() -> None:
    from nkterm.analysis.words import _simple_analysis

    text = "Kim said the talks with Park went well."
    assert _simple_analysis(text) == [(t.term, t.start, t.end) for t in tokens(text)]


def test_the_word_table_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from nkterm.analysis import words

    monkeypatch.setattr(words, "_WORDS_MAX", 3)
    monkeypatch.setattr(words, "_WORDS", {})
    text = "alpha beta gamma delta epsilon zeta"
    assert [t for t, _s, _e in analyze(text)] == ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    assert len(words._WORDS) <= 3
