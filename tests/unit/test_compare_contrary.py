"""Opposite states of one participant (``nkterm.compare.contrary``): "work was halted" against "is
continuing work", in other words. The rule is on by default (``params.CONTRARY_STATES``); these
tests switch it on themselves, so that they test the rule whatever the default. Sentence pairs written for these
tests, IDF from the news background of test_compare_relations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nkterm.compare import DIFFERS, params, relations
from nkterm.compare.contrary import states
from tests.unit.test_compare_relations import judge


@pytest.fixture(autouse=True)
def contrary_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(params, "CONTRARY_STATES", True)
    relations.clear_caches()
    yield
    relations.clear_caches()


def _sides(text: str) -> list[tuple[str, int, str]]:
    return [(state, side, written) for state, side, written, *_rest in states(text)]


@pytest.mark.usefixtures("loose_slot_rules")
def test_a_halt_and_continuing_work_on_one_thing_differ_with_both_words_shown() -> None:
    relation, reason, _shared = judge(
        "Work on the new reactor at the Kerrow plant was halted last month after inspectors found cracks.",
        "The builder of the Kerrow plant is continuing work on the new reactor, a spokesman said.",
    )
    assert relation == DIFFERS, reason
    assert reason.startswith("opposite states of "), reason
    assert '"halted" vs "continuing"' in reason, reason


def test_a_resignation_and_staying_in_post_of_one_person_differ() -> None:
    relation, reason, _shared = judge(
        "Harold Finch resigned as chairman of the Wexham water board in March, the board said.",
        "Harold Finch remains in his post as chairman of the Wexham water board, officials said.",
    )
    assert relation == DIFFERS, reason
    assert reason == 'opposite states of Finch: "resigned" vs "remains"', reason


def test_two_things_in_contrary_states_do_not_differ() -> None:
    relation, reason, _shared = judge(
        "Work on the new reactor at the Kerrow plant was halted last month after inspectors found cracks.",
        "Work on the new bridge at Dunmore harbour is continuing, the council said last month.",
    )
    assert relation != DIFFERS, reason


def test_a_halt_that_may_come_is_no_state() -> None:
    relation, reason, _shared = judge(
        "Work on the new reactor at the Kerrow plant could be halted if inspectors find cracks.",
        "The builder of the Kerrow plant is continuing work on the new reactor, a spokesman said.",
    )
    assert relation != DIFFERS, reason
    assert _sides("Work on the reactor could be halted.") == []


def test_a_negation_or_a_refusal_turns_a_state_into_its_contrary() -> None:
    assert _sides("Mr Finch did not resign.") == [("left/stayed", -1, "not resign")]
    assert ("complied/defied", -1, "refusing to obey") in _sides("The firm is refusing to obey the order.")
    # a negation does not reach past "and" to a second state
    assert _sides("Mr Finch did not resign and remains in post.") == [
        ("left/stayed", -1, "not resign"),
        ("left/stayed", -1, "remains"),
    ]


def test_an_adjective_says_a_state_only_after_a_verb_to_be() -> None:
    assert _sides("Police seized illegal copies of the film at the market.") == []
    assert _sides("Selling copies of the film at the market is illegal.") == [
        ("allowed/banned", -1, "illegal")
    ]


def test_a_passage_that_tells_a_change_has_no_standing_state() -> None:
    relation, reason, _shared = judge(
        "Fox hunting with dogs in Wexham is now illegal after the ban came into force overnight.",
        "Fox hunting with dogs in Wexham is legal, said the hunt's master, Harold Finch.",
    )
    assert relation != DIFFERS, reason
