"""Check-worthiness as a reader notices it: the `fact` fallback kind, rules laid on people,
first-person testimony, stance signals (intentions, evaluations, feelings), no hand-set genre
priors (cross-validation dropped them), and the seeds read as a careful reader would.

Runs on the seeds in the checkout and on small sentences; never needs ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nkterm.claims import SpeakerContext, detect, detect_document
from nkterm.claims.model import MODEL_PATH
from nkterm.models import Claim, Document, Section

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
BINSKY = 'Drew "Binsky" Goldberg'
GELLMAN = "Sam Gellman"


def only(sentence: str) -> Claim:
    (claim,) = detect(sentence)
    return claim


def cues_of(sentence: str) -> list[str]:
    return [cue for c in detect(sentence) for cue in c.cues]


# -- fact: the fallback kind ---------------------------------------------------------------------

FACTS = [
    ("He voted against the first Gulf War.", 'fact: "He voted … Gulf War"'),
    ("Senator Obama voted against Justice Breyer.", 'fact: "Senator Obama voted … Justice Breyer"'),
    ("Gellman was in North Korea during the Arirang Festival.", 'fact: "Gellman was … North Korea"'),
    ("And Georgia and Ukraine are both major gateways of energy into Europe.", None),
]


@pytest.mark.parametrize(("sentence", "cue"), FACTS)
def test_a_named_thing_with_a_verb_of_state_or_record_is_a_fact(sentence: str, cue: str | None) -> None:
    claim = only(sentence)
    assert claim.kinds == ("fact",)
    assert any(c.startswith("fact: ") for c in claim.cues)
    if cue is not None:
        assert cue in claim.cues


@pytest.mark.parametrize(
    "sentence",
    [
        "This is an apartment building in Pyongyang.",  # a picture caption
        "Here, a group of women are wearing traditional Korean clothes.",  # a caption too
        "You can see more of his work at his website or on his Flickr.",  # addressed to the reader
        "We posted the pictures from Pyongyang.",  # first person
        "A father takes a picture of his kids on an arcade game.",  # no named thing
        "The guide was nervous.",  # no named thing
        "Was Gellman in North Korea in 2011?",  # a question (and no fact of its own)
        "PHOTOS: A Glimpse Of Ordinary Life In North Korea",  # a title: no verb
        "A failed attempt by Koryo Tours.",  # "failed" after "a" is no verb
    ],
)
def test_no_fact_without_a_name_a_verb_and_a_third_person_subject(sentence: str) -> None:
    assert not any("fact" in c.kinds for c in detect(sentence))


def test_fact_is_only_a_fallback() -> None:
    # another kind fires: the sentence is that kind, not also a fact
    assert only("Gellman was in North Korea in 2011.").kinds == ("quantity",)
    assert "fact" not in only("Gellman said North Korea was open.").kinds
    # a quote is a claim of its own: no fact added to it
    assert "fact" not in only('"Gellman was in North Korea with Koryo Tours," she said.').kinds


def test_fact_recovers_checkworthy_records_that_had_no_kind() -> None:
    for sentence in (
        "He voted against the first Gulf War.",
        "Senator Obama has never taken on his party leaders on a single major issue.",
    ):
        assert only(sentence).check_worthy


# -- rules laid on people ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Travellers must stick to their tour group at all times.", 'restriction: "Travellers must"'),
        ("While people have phones, they can only call inside North Korea.", 'restriction: "they can only"'),
        ("This is the station Gellman was allowed to photograph.", 'restriction: "Gellman was allowed to"'),
        (
            "Bloggers and journalists generally aren't welcome in the DPRK.",
            'restriction: "journalists generally aren\'t welcome"',
        ),
    ],
)
def test_a_rule_laid_on_people_is_a_restriction(sentence: str, cue: str) -> None:
    claim = only(sentence)
    assert "rule" in claim.kinds
    assert cue in claim.cues


@pytest.mark.parametrize(
    "sentence",
    [
        "But first we must have an aggressive jobs program.",  # a proposal
        "You have to be careful of what you take pictures of.",  # advice
        "But the Russians must understand that these actions are not acceptable.",  # rhetoric
        "I have to go back one day.",
    ],
)
def test_proposals_advice_and_rhetoric_are_no_restriction(sentence: str) -> None:
    claim = only(sentence)
    assert "rule" in claim.kinds
    assert not any(c.startswith("restriction: ") for c in claim.cues)


# -- first-person testimony ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("I lived and taught English in Seoul for 18 months.", 'testimony: "I lived … 18 months"'),
        ("I recently spent 3 days in Pyongyang.", 'testimony: "I recently spent 3 days"'),
        ("I travelled to North Korea with a tour company.", 'testimony: "I travelled to North Korea"'),
    ],
)
def test_first_person_with_a_quantity_or_place_is_testimony(sentence: str, cue: str) -> None:
    claim = only(sentence)
    assert "experience" in claim.kinds
    assert cue in claim.cues


@pytest.mark.parametrize(
    "sentence",
    [
        "I wanted my followers to see a different side of the DPRK.",
        "I felt that it was my duty to get a behind the scenes look.",
        "I tried my best to show you a different side, but it was hard.",
    ],
)
def test_first_person_without_quantity_or_place_is_no_testimony(sentence: str) -> None:
    claim = only(sentence)
    assert "experience" in claim.kinds
    assert not any(c.startswith("testimony: ") for c in claim.cues)
    assert not claim.check_worthy


# -- stance: intentions, evaluations, feelings ---------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("He also said his intention in making the video was to spread some positivity.", "intention: "),
        ("Gellman says this was his favourite part of the trip.", "evaluation: "),
        ("Gellman said that getting them to open up was worth the whole trip.", "evaluation: "),
        ("He said he was intimidated by all the police and soldiers in Pyongyang.", "feeling: "),
    ],
)
def test_stance_lowers_the_score_and_says_so(sentence: str, cue: str) -> None:
    claim = only(sentence)
    assert any(c.startswith(cue) for c in claim.cues)
    statistic = only("He said 30,000 soldiers marched in Pyongyang.")
    assert claim.score < statistic.score


def test_stance_alone_makes_no_claim() -> None:
    assert detect("It was his favourite.") == []
    assert detect("They were nervous and excited.") == []


def test_a_fact_with_no_stance_keeps_its_score() -> None:
    claim = only("The 25-year-old spent three days inside Pyongyang last month, news.com.au reported.")
    assert not any(c.startswith(("intention: ", "evaluation: ", "feeling: ")) for c in claim.cues)
    assert claim.check_worthy


# -- the model file: no genre priors, explanation ------------------------------------------------


def test_no_hand_set_genre_priors() -> None:
    """Cross-validation on CT24 train dropped the old hand-set priors (each lowered CV F1; all of
    them together by 0.011): a travel prior no longer makes a news sentence a check-worthy rule."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert "priors" not in data
    claim = only("Ms Clarke had to share responsibility for the failure.")
    assert claim.kinds == ("rule",)
    assert not claim.check_worthy
    assert not any("prior" in c for c in claim.cues)


def test_length_buckets_are_not_shown_as_reasons() -> None:
    for sentence in ("Here, over 30,000 children hold up sign cards.", "It was all me, he said."):
        assert not any("[len:" in c for c in cues_of(sentence))


# -- the seeds, read as a careful reader ----------------------------------------------------------


def _seed(name: str, people: tuple[str, ...], sections: tuple[Section, ...]) -> Document:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return Document(id=name, text=text, title=name, people=people, sections=sections)


@pytest.fixture(scope="module")
def seeds() -> list[tuple[Document, list[Claim]]]:
    a = _seed(
        "000_365e0b41eb302e4a.txt",
        (BINSKY,),
        (Section(0, 3229, kind="body"), Section(3229, 4818, voice=BINSKY, kind="first-person")),
    )
    b = _seed(
        "002_01097f4a50648152.txt",
        (GELLMAN,),
        (Section(0, 3986, kind="body"), Section(3986, 4198, kind="boilerplate")),
    )
    return [(a, detect_document(a)), (b, detect_document(b))]


def _claim(seeds: list[tuple[Document, list[Claim]]], fragment: str) -> Claim:
    for doc, claims in seeds:
        for c in claims:
            if fragment in doc.text[c.start : c.end]:
                return c
    raise AssertionError(f"no claim holds {fragment!r}")


SEED_WORTHY = [
    "I recently spent 3 days in Pyongyang",
    "they can only call inside North Korea",  # was 0.30
    "two subway stations in Pyongyang that Gellman was allowed",  # was 0.41
    "bloggers and journalists generally aren't welcome",
    "The 25-year-old spent three days inside Pyongyang",  # was 0.20
    "over 30,000 children hold up sign cards",
    "Children, from ages 9 to 11, are selected",
    "Gellman was in North Korea during the Arirang Festival",  # a fact: no kind before
]
SEED_NOT_WORTHY = [
    "take what I say with a grain of salt",
    "they are just like everyone else",
    "It was all me",
    "My goal in making this video",
]
# The model is chosen by grouped CV on debates, never on the seeds: the session-6 model (with the
# sentence meaning word table, threshold chosen by CV for a higher precision) flags 5 of the 8;
# it misses "they can only call inside North Korea" 0.35, "Children, from ages 9 to 11, are
# selected" 0.42 and "Gellman was in North Korea during the Arirang Festival" 0.34 (docs/claims.md).
SEED_WORTHY_FLAGGED_AT_LEAST = 5


def test_seed_factual_assertions_are_mostly_checkworthy(seeds: list[tuple[Document, list[Claim]]]) -> None:
    scores = {fragment: _claim(seeds, fragment).score for fragment in SEED_WORTHY}
    flagged = [f for f, s in scores.items() if s >= 0.5]
    assert len(flagged) >= SEED_WORTHY_FLAGGED_AT_LEAST, scores
    # the ones with a number or a first-hand record stay flagged
    assert {"I recently spent 3 days in Pyongyang", "over 30,000 children hold up sign cards"} <= set(flagged)


@pytest.mark.parametrize("fragment", SEED_NOT_WORTHY)
def test_seed_intentions_opinions_and_caveats_are_not(
    seeds: list[tuple[Document, list[Claim]]], fragment: str
) -> None:
    claim = _claim(seeds, fragment)
    assert not claim.check_worthy, (claim.score, claim.cues)


def test_seed_facts_do_not_flood_the_reader(seeds: list[tuple[Document, list[Claim]]]) -> None:
    for doc, claims in seeds:
        facts = [c for c in claims if "fact" in c.kinds]
        assert len(facts) <= len(claims) // 3
        for c in facts:
            text = doc.text[c.start : c.end]
            assert not text.startswith(("This is", "This was", "Here,"))  # captions are no facts
    doc, claims = seeds[1]
    assert all(c.end <= 3986 for c in claims)  # the furniture is still no claim


def test_seed_speakers_unchanged_by_the_new_kinds(seeds: list[tuple[Document, list[Claim]]]) -> None:
    assert _claim(seeds, "travellers must stick").speaker == BINSKY
    assert _claim(seeds, "I lived and taught English").speaker == BINSKY
    assert _claim(seeds, "they can only call").speaker == GELLMAN
    assert _claim(seeds, "Gellman was in North Korea during").speaker is None  # the writer's


def test_a_fact_outside_any_voice_has_no_speaker() -> None:
    text = "The reporter met him.\nThe Koryo Tours bus was late.\n"
    ctx = SpeakerContext(people=(BINSKY,))
    (claim,) = detect(text, speakers=ctx)
    assert claim.kinds == ("fact",)
    assert claim.speaker is None
