"""Number slots (``nkterm.compare.slots``): differing numbers for one thing are a conflict even
below the similarity at which any differing numbers are, when a content word next to each
number is the same and both passages place it in the same time; sentence pairs written for
these tests, IDF from the news background of test_compare_relations."""

from __future__ import annotations

import pytest

from nkterm.compare import DIFFERS
from nkterm.compare.params import NUMBER_CONFLICT_MIN
from nkterm.compare.results import Passage
from nkterm.compare.slots import anchors, date_slot, dates, number_slot, outcome_conflict, time_frame
from nkterm.compare.units import Unit, unit_of
from nkterm.numbers import Quantity
from tests.unit.test_compare_relations import _idf, judge

BAN_A = "The appeal panel upheld the three-year ban imposed on the sprinters' coach, Petros Vasilakis."
BAN_B = "Their coach, Petros Vasilakis, has been banned for five years by the athletics federation."
HEALTH_A = "The minister is expected to promise around £8bn for health spending when he speaks on Tuesday."
HEALTH_B = (
    "On Tuesday the party set out plans for health spending worth £5bn, without saying where it would go."
)


def _unit(text: str) -> Unit:
    return unit_of(Passage(0, len(text), text))


def _number(unit: Unit, written: str) -> Quantity:
    return next(q for q in unit.numbers if q.written == written)


@pytest.mark.usefixtures("loose_slot_rules")
@pytest.mark.parametrize(("a", "b", "word"), [(BAN_A, BAN_B, "ban"), (HEALTH_A, HEALTH_B, "health")])
def test_two_values_for_one_slot_differ_below_the_number_bar(a: str, b: str, word: str) -> None:
    from nkterm.compare import compare_texts

    sim, relation, reason, _shared = compare_texts(a, b, idf=_idf(a, b))  # type: ignore[arg-type]
    assert sim < NUMBER_CONFLICT_MIN  # without the slot these were "possible conflict" (related)
    assert relation == DIFFERS, reason
    assert f'about "{word}"' in reason


def test_figures_for_two_months_are_two_slots() -> None:
    a = HEALTH_A.replace("on Tuesday", "in March")
    b = HEALTH_B.replace("On Tuesday", "In June")
    assert number_slot(_unit(a), _unit(b)) is None
    assert number_slot(_unit(HEALTH_A), _unit(HEALTH_B)) is not None
    relation, reason, _shared = judge(a, b)
    assert relation != DIFFERS, reason


def test_the_denominator_of_a_rate_is_not_the_slot() -> None:
    # the share price when trading stopped and the offer per share are two things
    a = "Trading in the shares was suspended at A$3.25 on Friday."
    b = "The A$3.10-a-share takeover offer undervalued the company, the board said on Friday."
    assert "share" not in anchors(_unit(b), _number(_unit(b), "$3.10"))
    assert number_slot(_unit(a), _unit(b)) is None
    relation, reason, _shared = judge(a, b)
    assert relation != DIFFERS, reason


def test_no_shared_word_next_to_the_numbers_is_no_slot() -> None:
    # a rise one day and a fall after another announcement: two movements of the price
    a = "Shares in the mining group rose 3.8% after it reported a fresh gas discovery."
    b = "Shares in the mining group have closed down 18% after a disappointing drilling update."
    assert number_slot(_unit(a), _unit(b)) is None


def test_anchors_are_lower_case_content_words_of_the_clause() -> None:
    unit = _unit("Aged 18, the Mallorcan became the youngest player to win the Davis Cup with 185 points.")
    near = anchors(unit, _number(unit, "185 points"))
    assert set(near.values()) == {"youngest", "player", "win"}  # not Davis Cup, not "18"
    assert time_frame("In the fourth quarter of 2004 and on Monday, May said") == frozenset(
        {"q4", "2004", "monday"}  # a quarter however written: "the October to December period" is "q4" too
    )
    assert time_frame("in the October to December period") == time_frame("in the final quarter")


CLEARED = (
    "Sprinter Anna Kovacs was cleared of doping offences by the national athletics federation on Friday."
)
BANNED = (
    "Anna Kovacs has been banned for two years for doping offences, the national athletics federation said."
)


@pytest.mark.usefixtures("loose_slot_rules")
def test_cleared_in_one_and_banned_in_the_other_differ() -> None:
    relation, reason, _shared = judge(CLEARED, BANNED)
    assert relation == DIFFERS, reason
    assert reason == "opposite outcomes for Kovacs: cleared only in A"
    assert (
        outcome_conflict(_unit(BANNED), _unit(CLEARED)) == "opposite outcomes for Kovacs: cleared only in B"
    )


@pytest.mark.parametrize(
    ("cleared", "charged"),
    [
        (
            "Kovacs was acquitted of doping by the tribunal.",
            "Kovacs was convicted of doping by the tribunal.",
        ),
        ("Kovacs was exonerated of doping by the tribunal.", "Kovacs was jailed for doping by the tribunal."),
        ("Kovacs was found not guilty of doping.", "Kovacs was sentenced for doping by the tribunal."),
        ("Kovacs was cleared of doping by the tribunal.", "Kovacs was suspended for doping by the tribunal."),
        ("Kovacs was cleared of doping by the tribunal.", "Kovacs pleaded guilty to doping at the tribunal."),
        ("Kovacs was cleared of doping by the tribunal.", "Kovacs faces charges of doping at the tribunal."),
        (
            "Kovacs was ACQUITTED of doping by the tribunal.",
            "Kovacs was found guilty of doping by the tribunal.",
        ),
    ],
)
def test_every_outcome_word_is_read(cleared: str, charged: str) -> None:
    assert outcome_conflict(_unit(cleared), _unit(charged)).startswith("opposite outcomes for K"), (
        cleared,
        charged,
    )


def test_a_passage_telling_both_outcomes_is_the_story_not_a_side() -> None:
    story = (
        "Anna Kovacs was charged in March but was cleared of the doping offences by the federation in June."
    )
    charged = "Anna Kovacs was charged with doping offences by the national athletics federation in March."
    assert outcome_conflict(_unit(story), _unit(charged)) == ""


def test_outcomes_of_two_people_are_no_conflict() -> None:
    coach = (
        "Her coach, Miklos Farkas, has been banned for four years for doping offences, the federation said."
    )
    assert outcome_conflict(_unit(CLEARED), _unit(coach)) == ""
    relation, reason, _shared = judge(CLEARED, coach)
    assert relation != DIFFERS, reason


MEET_LATE = "Fisheries ministers will meet in Brussels in late December to agree next year's catch quotas."
MEET_EARLY = (
    "Fisheries ministers will meet in Brussels on 3-5 December to agree the catch quotas for next year."
)


def test_dates_that_cannot_both_be_right_differ() -> None:
    relation, reason, _shared = judge(MEET_LATE, MEET_EARLY)
    assert relation == DIFFERS, reason
    assert reason == "dates differ: late December vs 3-5 December"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (MEET_EARLY, MEET_LATE.replace("late December", "early December")),  # days 1-10 and 3-5 overlap
        (
            MEET_LATE,
            MEET_EARLY.replace("on 3-5 December", "on 3 December, and again on 28 December,"),
        ),  # a schedule
    ],
)
def test_overlapping_days_and_schedules_are_no_date_conflict(one: str, other: str) -> None:
    assert date_slot(_unit(one), _unit(other)) == ""
    assert date_slot(_unit(MEET_LATE), _unit(MEET_EARLY)) != ""


def test_years_apart_are_no_date_conflict() -> None:
    a = MEET_LATE.replace("late December", "late December 2004")
    b = MEET_EARLY.replace("3-5 December", "3-5 December 2005")
    assert date_slot(_unit(a), _unit(b)) == ""
    assert date_slot(_unit(a), _unit(b.replace("2005", "2004"))) != ""


FINALISTS_LATE = (
    "The best six finalists met in a special qualifying round in late March where two of them stood out."
)
FINALISTS_EARLY = "These six finalists will be brought together in Leeds on 3-5 March for the final that will find the champion."


@pytest.mark.usefixtures("loose_slot_rules")
def test_a_dated_event_of_the_same_participants_is_one_slot() -> None:
    # no word next to the two dates is the same ("round" / "Leeds"), but both passages date what
    # the same six finalists do: one event, two dates that cannot both be right
    a, b = _unit(FINALISTS_LATE), _unit(FINALISTS_EARLY)
    assert not set(anchors(a, dates(a.passage.text)[0][:2])) & set(anchors(b, dates(b.passage.text)[0][:2]))
    assert date_slot(a, b) == "dates differ: late March vs 3-5 March"
    relation, reason, _shared = judge(FINALISTS_LATE, FINALISTS_EARLY)
    assert relation == DIFFERS, reason
    # other participants ("the organisers"), nothing else in common next to the dates: two events
    organisers = FINALISTS_EARLY.replace("These six finalists", "The organisers")
    assert date_slot(a, _unit(organisers)) == ""
    # a year is no participant: "in 2005" on both sides does not make one event
    assert date_slot(_unit(FINALISTS_LATE + " It was 2005."), _unit(organisers + " It was 2005.")) == ""


@pytest.mark.usefixtures("loose_slot_rules")
def test_a_dated_pair_is_paired_by_align_over_a_partner_sharing_more_words() -> None:
    from nkterm.compare import align
    from nkterm.models import Document

    a = Document(id="a", path="a.txt", title="a", text=FINALISTS_LATE)
    b_text = "The organisers praised the best finalists of the special qualifying round. " + FINALISTS_EARLY
    b = Document(id="b", path="b.txt", title="b", text=b_text)
    pairs = align(a, b, idf=_idf(FINALISTS_LATE, b_text)).pairs  # type: ignore[arg-type]
    assert [(p.b.text, p.relation) for p in pairs] == [(FINALISTS_EARLY, DIFFERS)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("on 3-5 December in Geneva", [("december", 3, 5, "")]),
        ("in late December 2004", [("december", 21, 31, "2004")]),
        ("from 3 to 5 June", [("june", 3, 5, "")]),
        ("by mid-March", [("march", 11, 20, "")]),
        ("on March 7th, 2005", [("march", 7, 7, "2005")]),
        ("they may meet in May", []),  # "May" alone is no day-of-month date
    ],
)
def test_day_of_month_dates_are_read_with_their_days(
    text: str, found: list[tuple[str, int, int, str]]
) -> None:
    assert [d[2:] for d in dates(text)] == found


# (denials of the act: a plea, "denied the charges", contests the charge and contradicts no one; session 19)
CHARGED_THEM = (
    "Prosecutors charged them with laundering money through offshore accounts after a two-year inquiry."
)
THEY_DENIED = "Petrov and Ivanov denied laundering money through offshore accounts, their lawyers said."
HE_DENIED = "He denied laundering money through offshore accounts, his lawyer said."
CHARGED_PETROV = (
    "Prosecutors charged Petrov with laundering money through offshore accounts after a two-year inquiry."
)


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (CHARGED_THEM, THEY_DENIED, "contradicting testimony about Petrov: denial only in B"),
        (HE_DENIED, CHARGED_PETROV, "contradicting testimony about Petrov: denial only in A"),
    ],
)
def test_a_pronoun_stands_for_the_one_the_other_passage_names(a: str, b: str, reason: str) -> None:
    relation, got, _shared = judge(a, b)
    assert (relation, got) == (DIFFERS, reason)


def test_a_pronoun_is_not_resolved_when_its_passage_names_someone_it_could_be() -> None:
    # "he" may be the lawyer named here: no testimony conflict is read into it
    he_and_lawyer = HE_DENIED.replace("his lawyer said", "his lawyer Dimitar Kolev said")
    relation, reason, _shared = judge(he_and_lawyer, CHARGED_PETROV)
    assert relation != DIFFERS, reason
    named = CHARGED_THEM.replace("Prosecutors charged them", "Prosecutors charged them and Sokolov")
    relation, reason, _shared = judge(named, THEY_DENIED)
    assert not reason.startswith("contradicting testimony"), reason
    # no pronoun: "the firm" is charged, not those who deny
    firm = CHARGED_THEM.replace("charged them", "charged the firm")
    relation, reason, _shared = judge(firm, THEY_DENIED)
    assert not reason.startswith("contradicting testimony"), reason


def test_a_figure_the_other_passage_also_writes_is_a_part_not_a_rival() -> None:
    whole = "New mothers are entitled to 12 months of leave, but only six of those months are paid."
    part = "Working mothers can take up to six months of paid leave, and more without pay."
    assert number_slot(_unit(whole), _unit(part)) is None
    rival = part.replace("six months", "nine months")
    assert number_slot(_unit(whole), _unit(rival)) is not None  # 12 vs 9 months of leave


def test_the_loose_slot_rules_are_off_by_default() -> None:
    # session 19: on judged real BBC pairs these rules were right 5 times of 41 (two firms' quarters,
    # two steps of a case, two events' dates); only near-identical versions of a sentence still
    # compare their numbers, dates and states
    for a, b in ((CLEARED, BANNED), (BAN_A, BAN_B), (HEALTH_A, HEALTH_B)):
        relation, reason, _shared = judge(a, b)
        assert relation != DIFFERS, reason
