""" "Agrees" needs more than shared words (``nkterm.compare.apart``, issue 17): passages whose
figures all differ, that count several of what the other counts one of, or headlines that share
their nouns but not their verb, are "related"; sentence pairs written for these tests, IDF from
the news background of test_compare_relations."""

from __future__ import annotations

from nkterm.compare import AGREES, RELATED_ONLY, compare_texts
from nkterm.compare.apart import counts_apart, figures_apart
from nkterm.compare.relations import relation_of
from nkterm.compare.results import Passage
from nkterm.compare.similarity import make_weights, shared_keys
from nkterm.compare.units import HEADLINE, Unit, unit_of
from tests.unit.test_compare_relations import _idf, judge

EXEC_A = (
    "Another three US insurance executives have pleaded guilty to fraud charges in the bid-rigging inquiry."
)
EXEC_B = "An executive at US insurance broker Aldgate has pleaded guilty to fraud charges in the bid-rigging inquiry."
CURFEW_A = "The court imposed a curfew on the singer between 2200 and 0700 as a condition of his bail."
CURFEW_B = "The singer must observe a curfew from 2100 to 0600 as a condition of his bail, the court said."


def _unit(text: str, *kinds: str) -> Unit:
    return unit_of(Passage(0, len(text), text, kinds=kinds))


def test_several_and_one_of_a_participant_are_different_people() -> None:
    assert 'different counts: "three US insurance executives"' in counts_apart(_unit(EXEC_A), _unit(EXEC_B))
    relation, reason, _shared = judge(EXEC_A, EXEC_B)
    assert relation == RELATED_ONLY and "different counts" in reason, reason
    # the same count on both sides is the same participants
    same_b = EXEC_B.replace("An executive at", "Three executives at")
    assert counts_apart(_unit(EXEC_A), _unit(same_b)) == ""


def test_a_plural_without_a_count_is_not_a_count() -> None:
    a = "US insurance executives have pleaded guilty to fraud charges in the bid-rigging inquiry."
    assert counts_apart(_unit(a), _unit(EXEC_B)) == ""


def test_figures_that_all_differ_are_different_facts() -> None:
    assert figures_apart(_unit(CURFEW_A), _unit(CURFEW_B)).startswith("different figures: 2200 vs 2100")
    relation, reason, _shared = judge(CURFEW_A, CURFEW_B)
    assert relation != AGREES, reason
    # one figure in common: the rest may be detail ("numbers only partly shared" decides that)
    assert figures_apart(_unit(CURFEW_A), _unit(CURFEW_B.replace("2100", "2200"))) == ""


def test_an_age_is_not_a_figure_of_the_proposition() -> None:
    a = "Mr Hartley, one of six Castellan executives charged in the case, pleaded guilty to fraud last year."
    b = "Mr Hartley, 42, pleaded guilty to fraud last year and agreed to help the prosecution."
    assert figures_apart(_unit(a), _unit(b)) == ""
    assert figures_apart(_unit(a), _unit(b.replace(", 42,", ", the 42-year-old,"))) == ""
    assert figures_apart(_unit(a), _unit(b.replace("Mr Hartley, 42,", "Mr Hartley and 42 others"))) != ""


def _headlines(text_a: str, text_b: str) -> tuple[str, str]:
    a, b = _unit(text_a, HEADLINE), _unit(text_b, HEADLINE)
    weights = make_weights([a, b], _idf(text_a, text_b))  # type: ignore[arg-type]
    sim, shared = shared_keys(a, b, weights)
    return relation_of(a, b, sim, shared)


def test_headlines_need_their_verb_in_common() -> None:
    relation, reason = _headlines("US firm 'bids for Lacroix label'", "Lacroix label bought by US firm")
    assert relation == RELATED_ONLY, (
        reason
    )  # (below params.AGREES_MIN since session 19, before the headline rule)
    relation, reason = _headlines(
        "Aldgate files patent lawsuit against Castellan",
        "Aldgate files lawsuit against Castellan over patent",
    )
    assert relation == AGREES, reason
    # the same words as two sentences are judged by the sentence rules, not this one
    _sim, _relation, why, _shared = compare_texts(
        "US firm 'bids for Lacroix label'", "Lacroix label bought by US firm"
    )
    assert "headlines share" not in why
