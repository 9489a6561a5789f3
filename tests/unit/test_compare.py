"""Alignment and corroboration (nkterm.compare) on the seeds and on constructed documents."""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkterm.compare import (
    AGREES,
    DIFFERS,
    MIN_SHARED,
    RELATED_ONLY,
    THRESHOLD,
    WEAK,
    Alignment,
    Pair,
    Passage,
    align,
    clear_caches,
    compare_texts,
    corroborate,
    corroboration_report,
    max_weight_matching,
    passages,
    unit_at,
)
from nkterm.compare.params import SAME_MIN
from nkterm.compare.prefilter import prefilter_for
from nkterm.compare.similarity import shown_terms
from nkterm.compare.units import unit_of
from nkterm.corpus import load_entry, scan
from nkterm.index import Index
from nkterm.models import Claim, Document, Section
from tests.conftest import BLOGGER, PHOTO, SEEDS
from tests.counts import examples


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    entries, problems = scan(SEEDS)
    assert not problems
    docs = {}
    for entry in entries:
        doc, _ = load_entry(SEEDS, entry)
        assert doc is not None
        docs[doc.id] = doc
    return docs


@pytest.fixture(scope="module")
def seed_alignment(seeds: dict[str, Document]) -> Alignment:
    return align(seeds[BLOGGER], seeds[PHOTO])


def _pairs(alignment: Alignment, in_a: tuple[str, ...], in_b: tuple[str, ...]) -> list[Pair]:
    """The pairs whose A passage contains one of ``in_a`` and B passage one of ``in_b``."""
    return [
        p for p in alignment.pairs if any(s in p.a.text for s in in_a) and any(s in p.b.text for s in in_b)
    ]


def _doc(doc_id: str, *sentences: str, **fields: object) -> Document:
    return Document(id=doc_id, text="\n".join(sentences) + "\n", title=doc_id, **fields)  # type: ignore[arg-type]


# -- the seeds: what a careful reader pairs -------------------------------------------------------

VERDICT_A = (
    "they are just like everyone else",
    "how normal the people he met appeared",
    "North Korea is no different",
)
VERDICT_B = ("similar to us", "these people are just people doing their jobs", "not that much different")


def test_seed_verdicts_that_north_koreans_are_ordinary_people_are_paired(seed_alignment: Alignment) -> None:
    verdicts = _pairs(seed_alignment, VERDICT_A, VERDICT_B)
    assert len(verdicts) >= 3, [(p.a.text, p.b.text) for p in seed_alignment.pairs]
    # two travellers' verdicts: paired, never a conflict; "agrees" needs more shared wording
    assert {p.relation for p in verdicts} <= {AGREES, RELATED_ONLY}
    (first,) = _pairs(seed_alignment, ("they are just like everyone else",), VERDICT_B)
    assert "locals≈people" in first.shared_terms  # the related-terms table at work


def test_seed_tour_company_is_paired(seed_alignment: Alignment) -> None:
    (pair,) = _pairs(seed_alignment, ("Koryo Tours",), ("Koryo Tours",))
    # the same company, two different trips: the same topic, not the same proposition
    assert pair.relation == RELATED_ONLY
    assert "Koryo Tours" in pair.shared_terms and pair.reason.startswith("same topic")
    # a name's last word is a key of its own, but is not listed beside the name
    assert pair.reason == "same topic: Koryo Tours, North Korea"
    assert pair.shared_terms == ("Koryo Tours", "North Korea")


def test_a_word_of_a_name_listed_is_not_listed_again(seed_alignment: Alignment) -> None:
    """A reason said "same topic: North Korea, people, korea": a name's part beside it (issue 17)."""

    def words(term: str) -> set[str]:
        return set(re.findall(r"\w+", term.casefold()))

    def no_part_of_another(terms: list[str] | tuple[str, ...]) -> bool:
        return not any(words(t) < words(other) for t in terms for other in terms)

    reasons = [p.reason for p in seed_alignment.pairs]
    assert "same topic: North Korea, people" in reasons
    for pair in seed_alignment.pairs:
        assert no_part_of_another(pair.shared_terms), pair.shared_terms
        if pair.reason.startswith("same topic: "):
            assert no_part_of_another(pair.reason.removeprefix("same topic: ").split(", ")), pair.reason


def test_shown_terms_drop_the_parts_of_the_names_they_list() -> None:
    shared = [
        (5.0, "North Korean/North Koreans", "@north korean"),
        (3.0, "korean/koreans", "korean"),
        (2.0, "tours", "~travel"),
        (1.5, "people", "peopl"),
        (1.0, "Koryo Tours", "@koryo tour"),
        (0.5, "guides", "guid"),
    ]
    # "tours", heavier than its name, stands for "Koryo Tours" in its place
    assert shown_terms(shared, 3) == ("North Korean/North Koreans", "Koryo Tours", "people")
    assert shown_terms(shared, 10) == ("North Korean/North Koreans", "Koryo Tours", "people", "guides")
    assert shown_terms(shared[1:], 2) == ("korean/koreans", "Koryo Tours")  # no name to stand for
    # a word is a part only of a name: two words of one label are not parts of each other
    assert shown_terms([(2.0, "see≈look", "~see"), (1.0, "look", "look")], 3) == ("see≈look", "look")


def test_seed_rules_and_guides_are_paired(seed_alignment: Alignment) -> None:
    rules = _pairs(
        seed_alignment,
        ("must stick to their tour group", "didn't break any rules"),
        (
            "Guides were present at every part",
            "careful of what you take pictures of",
            "guides were especially wary",
        ),
    )
    assert len(rules) >= 1
    assert any("must≈guides" in p.shared_terms or "rules≈guides" in p.shared_terms for p in rules)


def test_seed_caveats_about_what_they_were_shown_are_paired(seed_alignment: Alignment) -> None:
    (pair,) = _pairs(
        seed_alignment, ("skewed perspective", "highly controlled"), ("made sure that he saw just how well",)
    )
    # "wasn't about showing how good" and "made sure he saw how well": the same subject, two
    # different things said; and no conflict ("wasn't about showing" negates no word both say)
    assert pair.relation == RELATED_ONLY


def test_seed_what_only_one_account_says(seed_alignment: Alignment) -> None:
    only_b = " ".join(p.text for p in seed_alignment.only_b)
    only_a = " ".join(p.text for p in seed_alignment.only_a)
    assert "Arirang Festival, also known as the mass games" in only_b
    assert "synchronised dances" in only_b
    assert "I can speak Korean conversationally" in only_a
    assert "because I can speak Korean" in only_a
    # the page furniture of the photo essay is no passage at all
    assert "Business Insider" not in only_b


def test_seed_pairs_are_best_first_and_above_the_threshold(seed_alignment: Alignment) -> None:
    sims = [p.similarity for p in seed_alignment.pairs]
    assert sims == sorted(sims, reverse=True)
    assert all(THRESHOLD <= s <= 1.0 for s in sims)
    assert 6 <= len(seed_alignment.pairs) <= 25


def test_seed_alignment_uses_claims_where_there_are_some(seeds: dict[str, Document]) -> None:
    a, b = seeds[BLOGGER], seeds[PHOTO]
    start = a.text.index("I recently spent 3 days")
    end = a.text.index("Koryo Tours", start) + len("Koryo Tours")
    claim = Claim(start, end, ("experience", "quantity"), 0.9)
    weak = Claim(0, 20, ("hedge",), 0.1)  # weak claims give way to their sentences
    alignment = align(a, b, [claim, weak], [])
    units = [*(p.a for p in alignment.pairs), *alignment.only_a]
    (unit,) = [u for u in units if u.start == start]
    assert (unit.start, unit.end, unit.kinds) == (start, end, ("experience", "quantity"))
    assert a.text[unit.start : unit.end] == unit.text
    assert any(p.start == 0 and p.kinds == () for p in passages(a, [weak]))


def test_seed_alignment_json(seed_alignment: Alignment) -> None:
    data = seed_alignment.to_dict()
    assert (data["a"], data["b"]) == (BLOGGER, PHOTO)
    pair = data["pairs"][0]
    assert set(pair) >= {"a", "b", "similarity", "relation", "shared_terms"}
    assert set(pair["a"]) >= {"start", "end", "text"}
    assert isinstance(pair["shared_terms"], list)
    assert set(data["only_a"][0]) >= {"start", "end", "text"}


# -- constructed pairs: agrees / differs and why --------------------------------------------------

FILLER_A = (
    "The weather in the capital was cold and grey all week.",
    "Our hotel stood beside a wide river with a tall tower on the far bank.",
)
FILLER_B = (
    "Breakfast was rice, kimchi and a boiled egg every morning.",
    "Traffic on the avenues was light, mostly buses and a few taxis.",
)


def _only_pair(sentence_a: str, sentence_b: str) -> Pair:
    alignment = align(_doc("a", *FILLER_A, sentence_a), _doc("b", sentence_b, *FILLER_B))
    (pair,) = alignment.pairs
    assert (pair.a.text, pair.b.text) == (sentence_a, sentence_b)
    return pair


def test_a_changed_number_differs_with_the_numbers_in_the_reason() -> None:
    pair = _only_pair(
        "The delegation spent 3 days in Pyongyang with Koryo Tours.",
        "The delegation spent 5 days in Pyongyang with Koryo Tours.",
    )
    assert pair.relation == DIFFERS
    assert pair.reason == "numbers differ beyond rounding: 3 vs 5 days"


def test_numbers_written_differently_agree() -> None:
    pair = _only_pair(
        "The delegation spent three days in Pyongyang with Koryo Tours.",
        "The delegation spent 3 days in Pyongyang with Koryo Tours.",
    )
    assert pair.relation == AGREES
    assert "three days/3 days" in pair.shared_terms
    assert compare_texts("Profits rose by 5% to $2.5bn.", "Profits rose by 7% to $2.5bn.")[1:3] == (
        DIFFERS,
        "numbers differ beyond rounding: 5% vs 7%",
    )
    _sim, relation, _reason, shared = compare_texts(
        "It cost $5.2m in 2011.", "It cost 5.2 million dollars in 2011."
    )
    assert relation == AGREES and "$5.2m/5.2 million dollars" in shared
    assert (
        compare_texts("It cost $5.2m in 2011.", "It cost $7m in 2011.")[2]
        == "numbers differ beyond rounding: $5.2m vs $7m"
    )
    assert (
        compare_texts("The tour began in 2011.", "The tour began in 2013.")[2]
        == "numbers differ beyond rounding: 2011 vs 2013"
    )


def test_a_negated_claim_differs() -> None:
    pair = _only_pair(
        "The guides allowed visitors to photograph the soldiers at the border.",
        "The guides did not allow visitors to photograph the soldiers at the border.",
    )
    assert pair.relation == DIFFERS
    assert pair.reason.startswith('opposite polarity: "not allow"')
    assert "only in B" in pair.reason


def test_a_paraphrase_agrees() -> None:
    pair = _only_pair(
        "Local people were friendly and welcoming to the tourists we met.",
        "The locals we met were welcoming and friendly towards visitors.",
    )
    assert pair.relation == AGREES
    assert pair.reason.startswith("same proposition: ")
    assert {"friendly", "welcoming"} <= set(pair.shared_terms)


def test_an_opposite_evaluation_differs() -> None:
    sim, relation, reason, _shared = compare_texts(
        "The food at the hotel in Pyongyang was good.", "The food at the hotel in Pyongyang was bad."
    )
    assert sim > THRESHOLD
    assert (relation, reason) == (DIFFERS, 'opposite good/bad: "good" vs "bad"')


def test_a_negated_opposite_agrees() -> None:
    # "not that much different" says what "similar" says
    relation = compare_texts(
        "The people of the north were not that much different from us.",
        "The people of the north were similar to us in many ways.",
    )[1]
    assert relation == AGREES


def test_stemming_and_related_terms_match() -> None:
    sim, _rel, _why, shared = compare_texts(
        "The photographer was escorted by guides everywhere in Pyongyang.",
        "Minders escorted every photograph he took in Pyongyang.",
    )
    assert sim > THRESHOLD
    assert "photographer/photograph" in shared
    assert "escorted" in shared
    assert compare_texts("The locals smiled.", "The people smiled.")[3][0] == "locals≈people"


def test_unrelated_documents_pair_nothing() -> None:
    alignment = align(_doc("a", *FILLER_A), _doc("b", *FILLER_B))
    assert alignment.pairs == ()
    assert len(alignment.only_a) == 2 and len(alignment.only_b) == 2


def test_boilerplate_sections_are_not_passages() -> None:
    text = "North Korea has one television channel.\nFollow us on Facebook and Twitter.\n"
    doc = Document(
        id="d", text=text, title="d", sections=(Section(0, 40), Section(40, len(text), kind="boilerplate"))
    )
    assert [p.text for p in passages(doc)] == ["North Korea has one television channel."]


def test_unit_at_finds_the_sentence_around_an_offset(seeds: dict[str, Document]) -> None:
    doc = seeds[PHOTO]
    offset = doc.text.index("Koryo Tours")
    passage = unit_at(doc, [], offset)
    assert passage is not None
    assert passage.text.startswith("When in 2011") and passage.start <= offset < passage.end


# -- one-to-one pairing ---------------------------------------------------------------------------


def _documents_of(words: list[str]) -> st.SearchStrategy[list[str]]:
    sentence = st.lists(st.sampled_from(words), min_size=2, max_size=7).map(
        lambda ws: " ".join(ws).capitalize() + "."
    )
    return st.lists(sentence, min_size=1, max_size=12)


_WORDS = [
    "guide",
    "tour",
    "photo",
    "soldier",
    "border",
    "river",
    "hotel",
    "people",
    "local",
    "food",
    "city",
    "day",
    "night",
    "market",
    "child",
]
_documents = _documents_of(_WORDS)


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents, _documents)
def test_every_passage_is_paired_at_most_once_or_listed_as_only(
    sents_a: list[str], sents_b: list[str]
) -> None:
    doc_a, doc_b = _doc("a", *sents_a), _doc("b", *sents_b)
    alignment = align(doc_a, doc_b)
    paired_a = [(p.a.start, p.a.end) for p in alignment.pairs]
    paired_b = [(p.b.start, p.b.end) for p in alignment.pairs]
    assert len(paired_a) == len(set(paired_a)) and len(paired_b) == len(set(paired_b))
    units_a = {(p.start, p.end) for p in passages(doc_a)}
    units_b = {(p.start, p.end) for p in passages(doc_b)}
    only_a = [(p.start, p.end) for p in alignment.only_a]
    only_b = [(p.start, p.end) for p in alignment.only_b]
    assert not set(only_a) & set(paired_a) and not set(only_b) & set(paired_b)
    assert set(only_a) | set(paired_a) == units_a and len(only_a) + len(paired_a) == len(units_a)
    assert set(only_b) | set(paired_b) == units_b and len(only_b) + len(paired_b) == len(units_b)
    for pair in alignment.pairs:
        assert THRESHOLD <= pair.similarity <= 1.0
        assert doc_a.text[pair.a.start : pair.a.end] == pair.a.text


_INFLECTED = [
    "photograph",
    "photographs",
    "photographer",
    "photographing",
    "pictures",
    "happy",
    "happiness",
    "day",
    "days",
    "daily",
    "locals",
    "people",
    "citizens",
    "guide",
    "guides",
    "guided",
    "rules",
    "controlled",
    "controlling",
    "similar",
    "different",
    "possibility",
    "possible",
    "organization",
    "organise",
    "travelling",
    "travellers",
    "trips",
    "tours",
    "visited",
]


@pytest.mark.slow
@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(_INFLECTED), min_size=2, max_size=6), _documents_of(_INFLECTED))
def test_corroboration_prefilter_never_hides_a_match(query_words: list[str], sents: list[str]) -> None:
    # the regex that spares corroboration most sentence splitting keeps every passage that
    # shares enough keys with the claim (stems begin the words they come from)
    query = unit_of(Passage(0, 0, " ".join(query_words)))
    where = prefilter_for(query)
    doc = _doc("d", *sents)
    kept = {(p.start, p.end) for p in passages(doc, where=where)}
    for p in passages(doc):
        shared = set(query.keys) & set(unit_of(p).keys)
        if len(shared) >= MIN_SHARED:
            assert (p.start, p.end) in kept, (query_words, p.text)


@pytest.mark.slow
@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(_INFLECTED), min_size=2, max_size=6), _documents_of(_INFLECTED))
def test_corroboration_reads_the_same_passages_with_known_or_new_sentences(
    query_words: list[str], sents: list[str]
) -> None:
    # a document read from the index has its sentences already; one made fresh splits only the
    # paragraphs the prefilter keeps: both must give the same passages
    where = prefilter_for(unit_of(Passage(0, 0, " ".join(query_words))))
    fresh = _doc("d", *sents)
    known = _doc("d", *sents)
    assert known.sentences  # computed now, as the index stores them
    got_fresh = [(p.start, p.end) for p in passages(fresh, where=where)]
    assert "sentences" not in vars(fresh)  # the fresh one was split paragraph by paragraph
    assert [(p.start, p.end) for p in passages(known, where=where)] == got_fresh


def _brute_force(n: int, m: int, weights: dict[tuple[int, int], float]) -> float:
    best = 0.0
    for k in range(min(n, m) + 1):
        for lefts in itertools.combinations(range(n), k):
            for rights in itertools.permutations(range(m), k):
                pairs = list(zip(lefts, rights, strict=True))
                if all(p in weights for p in pairs):
                    best = max(best, sum(weights[p] for p in pairs))
    return best


_edges = st.dictionaries(
    st.tuples(st.integers(0, 4), st.integers(0, 4)),
    st.floats(0.01, 1.0, allow_nan=False),
    max_size=16,
)


@pytest.mark.slow
@settings(max_examples=examples(300), deadline=None)
@given(_edges)
def test_matching_is_a_maximum_weight_matching(weights: dict[tuple[int, int], float]) -> None:
    matching = max_weight_matching(5, 5, [(i, j, w) for (i, j), w in weights.items()])
    lefts = [i for i, _ in matching]
    rights = [j for _, j in matching]
    assert len(lefts) == len(set(lefts)) and len(rights) == len(set(rights))
    assert all(pair in weights for pair in matching)
    total = sum(weights[pair] for pair in matching)
    assert total == pytest.approx(_brute_force(5, 5, weights), abs=1e-9)


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None)
@given(_edges, _edges)
def test_a_graph_of_separate_parts_is_matched_as_each_part_alone(
    first: dict[tuple[int, int], float], second: dict[tuple[int, int], float]
) -> None:
    # two graphs on interleaved vertices (first: even numbers, second: odd ones) never share a
    # vertex: the heaviest matching of both together weighs the sum of each one's heaviest
    weights = {(2 * i, 2 * j): w for (i, j), w in first.items()}
    weights.update({(2 * i + 1, 2 * j + 1): w for (i, j), w in second.items()})
    matching = max_weight_matching(10, 10, [(i, j, w) for (i, j), w in weights.items()])
    assert matching == sorted(matching)
    assert len({i for i, _ in matching}) == len(matching) == len({j for _, j in matching})
    assert all(pair in weights for pair in matching)
    total = sum(weights[pair] for pair in matching)
    assert total == pytest.approx(_brute_force(5, 5, first) + _brute_force(5, 5, second), abs=1e-9)


def test_matching_prefers_the_heavier_whole_over_the_greediest_pair() -> None:
    # greedy would take (0, 0) = 0.9 and leave 0.1; the best assignment is 0.8 + 0.8
    assert max_weight_matching(2, 2, [(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.8), (1, 1, 0.1)]) == [(0, 1), (1, 0)]


def test_prepared_passages_give_the_first_alignment_again(seeds: dict[str, Document]) -> None:
    # passages are prepared once per text and reused: a repeated call, and one after the caches
    # are cleared, must give the same pairs, similarities, relations and leftovers
    a, b = seeds[BLOGGER], seeds[PHOTO]
    clear_caches()
    first = align(a, b).to_dict()
    assert align(a, b).to_dict() == first
    clear_caches()
    assert align(a, b).to_dict() == first


def test_a_cached_passage_still_drops_the_subject_names() -> None:
    # the cache is keyed by the dropped stems a passage contains: the same text prepared first
    # without a drop, then with "Gellman" dropped (his own account's subject), must lose him
    passage = Passage(0, 60, "Gellman photographed the Arch of Triumph in Pyongyang at dawn.")
    assert "gellman" in unit_of(passage).keys
    dropped = unit_of(passage, frozenset({"gellman"}))
    assert "gellman" not in dropped.keys and "pyongyang" in dropped.keys
    assert "gellman" in unit_of(passage, frozenset({"kim"})).keys


# -- speed, and corroboration on the seed index ---------------------------------------------------


def test_two_long_documents_align_in_under_a_second_of_cpu(seeds: dict[str, Document]) -> None:
    # ~5,000 words each: the seeds' sentences repeated with numbered variations
    def long_doc(doc: Document) -> Document:
        parts = [
            doc.text.replace("North Korea", f"North Korea ({n})").replace("people", f"people{n % 7}")
            for n in range(7)
        ]
        return Document(id=doc.id, text="\n".join(parts), title=doc.title, people=doc.people)

    a, b = long_doc(seeds[BLOGGER]), long_doc(seeds[PHOTO])
    assert a.word_count >= 4900 and b.word_count >= 4900
    clear_caches()  # nothing prepared before: the time of a first comparison
    t0 = time.process_time()  # sentence splitting included: the Documents are fresh
    alignment = align(a, b)
    assert time.process_time() - t0 < 1.0  # CPU time: the machine is shared, wall time is not steady
    assert len(alignment.pairs) > 20


def test_corroborate_finds_the_other_account(seed_index: object, seeds: dict[str, Document]) -> None:
    index = seed_index
    doc = index.document(BLOGGER)  # type: ignore[attr-defined]
    offset = doc.text.index("Koryo Tours")
    claim = unit_at(doc, [], offset)
    assert claim is not None
    report = corroboration_report(index, BLOGGER, claim)  # type: ignore[arg-type]
    # the photo essay names the same tour company for another man's trip: a weak match only,
    # listed behind the found ones, and the claim itself counts as discussed nowhere else
    assert report.nothing and report.summary() == "no passage in the corpus discusses this"
    assert corroborate(index, BLOGGER, claim) == []  # type: ignore[arg-type]
    best = report.weak[0]
    assert best.doc_id == PHOTO
    assert "Koryo Tours" in best.passage.text
    assert best.relation == WEAK and best.reason.startswith("shares words only")
    assert index.document(PHOTO).text[best.passage.start : best.passage.end] == best.passage.text  # type: ignore[attr-defined]
    data = best.to_dict()
    assert set(data) >= {"doc", "title", "passage", "similarity", "relation", "shared_terms"}
    with pytest.raises(KeyError):
        corroborate(index, "no-such-doc", Passage(0, 5, "hello"))  # type: ignore[arg-type]


def test_corroboration_labels_agreement_and_conflict(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    claim = "The delegation spent 3 days in Pyongyang with Koryo Tours and visited the Juche Tower."
    texts = {
        # a first line is the title of a file without metadata: a headline, compared with headlines only
        "claim.txt": f"Trip report\n{claim}\nThe hotel had a revolving restaurant on the top floor.\n",
        "same.txt": "Breakfast was rice and kimchi.\n"
        "The delegation spent 3 days in Pyongyang with Koryo Tours and visited the Juche Tower too.\n",
        "numbers.txt": "Taxis were rare on the avenues.\n"
        "The delegation spent 5 days in Pyongyang with Koryo Tours and visited the Juche Tower.\n",
        "other.txt": "Badminton is popular in the parks.\nIce cream sellers stood by the river.\n",
    }
    for name, text in texts.items():
        (corpus / name).write_text(text, "utf-8")
    index = Index(corpus, tmp_path / "index")
    index.update()
    ids = {s.path: s.id for s in index.summaries()}
    results = corroborate(index, ids["claim.txt"], Passage(12, 12 + len(claim), claim))
    by_doc = {r.doc_id: r for r in results}
    assert set(by_doc) == {ids["same.txt"], ids["numbers.txt"]}
    assert by_doc[ids["same.txt"]].relation == AGREES
    assert by_doc[ids["numbers.txt"]].relation == DIFFERS
    assert by_doc[ids["numbers.txt"]].reason == "numbers differ beyond rounding: 3 vs 5 days"
    assert results[0].doc_id == ids["same.txt"]  # best first
    index.close()


def test_corroboration_is_empty_for_text_found_nowhere_else(seed_index: object) -> None:
    doc = seed_index.document(PHOTO)  # type: ignore[attr-defined]
    start = doc.text.index("Participants perform complicated synchronised dances.")
    claim = Passage(start, start + 52, doc.text[start : start + 52])
    assert corroborate(seed_index, PHOTO, claim) == []  # type: ignore[arg-type]


# -- conflicts beside the one-to-one pairs (session 12) ---------------------------------------------

_DENIAL = (
    "Speaking in court, Mr Hartley rejected allegations that he ordered finance chief Tom Sayer to "
    "falsify the accounts of Castellan."
)
_SAME_DENIAL = (
    "Speaking in court on Monday, Mr Hartley rejected allegations that he ordered finance chief Tom Sayer "
    "to falsify the accounts of Castellan."
)
_FILLER_A = (
    "The trial in Leeds is expected to last two more weeks.",
    "Castellan collapsed in 2003 with debts of £900m.",
)
_FILLER_B = ("Shares in the firm were suspended in 2003.",)


def test_a_passage_paired_as_the_same_still_shows_the_passage_it_contradicts() -> None:
    accusation = "Tom Sayer told the jury that Mr Hartley ordered him to falsify the accounts of Castellan."
    alignment = align(_doc("a", _DENIAL, *_FILLER_A), _doc("b", _SAME_DENIAL, accusation, *_FILLER_B))
    # the one-to-one matching gives the denial its near-identical version...
    same = _pairs(alignment, ("rejected allegations",), ("on Monday",))
    assert [p.relation for p in same] == [AGREES]
    assert not _pairs(alignment, ("rejected allegations",), ("told the jury",))
    # ...and the accusation it denies is still shown, as a conflict with its reason
    assert [(p.a.text, p.b.text, p.relation) for p in alignment.also_differs] == [
        (_DENIAL, accusation, DIFFERS)
    ]
    assert alignment.also_differs[0].reason == "contradicting testimony about Hartley: denial only in A"
    assert alignment.to_dict()["also_differs"][0]["meaning"] == "conflicts"
    assert any(p.text == accusation for p in alignment.only_b)  # still unpaired in the one-to-one pairs


def test_a_conflict_beside_the_pairs_must_be_as_close_as_an_agreement() -> None:
    # the same accusation in a sentence that says more: a conflict when it is the denial's only
    # partner, but too loosely matched (similarity < SAME_MIN) to be shown beside the pairs
    accusation = (
        "Tom Sayer, questioned for six hours by defence lawyers about his pay, told the jury that Mr Hartley "
        "ordered him to falsify the accounts."
    )
    alone = align(_doc("a", _DENIAL, *_FILLER_A), _doc("b", accusation, *_FILLER_B))
    assert [(p.relation, p.b.text) for p in alone.pairs] == [(DIFFERS, accusation)]
    assert THRESHOLD <= alone.pairs[0].similarity < SAME_MIN
    alignment = align(_doc("a", _DENIAL, *_FILLER_A), _doc("b", _SAME_DENIAL, accusation, *_FILLER_B))
    assert [p.relation for p in _pairs(alignment, ("rejected allegations",), ("on Monday",))] == [AGREES]
    assert alignment.also_differs == ()
