"""Contradicting testimony (``testimony.testimony_conflict``), session 16: the denied act must be
the act the other passage asserts (``params.TESTIMONY_SAME_ACT``), and the two measured
extensions: "never" as a cue (``TESTIMONY_NEVER``, off) and an act someone else reports of the
person (``TESTIMONY_REPORTED``, on). Sentence pairs written for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nkterm.compare import params, relations, testimony
from nkterm.compare.results import Passage
from nkterm.compare.units import Unit, unit_of


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    relations.clear_caches()
    yield
    relations.clear_caches()


def _unit(text: str) -> Unit:
    return unit_of(Passage(0, len(text), text))


def _conflict(a: str, b: str) -> str:
    return testimony.testimony_conflict(_unit(a), _unit(b))


# a denial of one act against the same person's assertion of another act (the Goldsmith kind)
# (the denial ends at "and": "the final text" is what he says, not what he denies)
PRESSURED = 'Lord Marwick has denied being "pushed around" by ministers and says the final text was his own.'
INVOLVED = 'Lord Marwick said: "I was fully involved in the planning and approved the final text."'


def test_a_denial_of_another_act_is_no_contradicting_testimony() -> None:
    assert _conflict(PRESSURED, INVOLVED) == ""


def test_the_same_act_guard_is_a_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(params, "TESTIMONY_SAME_ACT", None)
    assert _conflict(PRESSURED, INVOLVED) == "contradicting testimony about Marwick: denial only in A"


def test_a_denial_of_the_act_the_other_asserts_still_contradicts() -> None:
    denial = "Dr Halvorsen has denied claims that he falsified the trial results at the clinic."
    charge = "Prosecutors have charged Dr Halvorsen with falsifying results of a drug trial."
    assert _conflict(charge, denial) == "contradicting testimony about Halvorsen: denial only in B"


def test_a_denial_of_knowing_contradicts_an_assertion_of_doing() -> None:
    # "knew" and "involved" share no word: both are the person's part in the act
    denial = "Mr Kovac has denied claims that he knew staff were paying bribes to officials."
    involved = "Mr Kovac was directly involved in the scheme, a former aide has told the court."
    assert _conflict(denial, involved) == "contradicting testimony about Kovac: denial only in A"


def test_a_plea_contradicts_no_report_of_the_charge() -> None:
    # session 19: two readers judging 96 pairs of real BBC reports called a plea against the charge
    # or the trial "related" - both reports say the charge is contested (business/059 / 114)
    charge = "Prosecutors have charged Mr Petrov with fraud at the Kerrow bank."
    for plea in (
        "Mr Petrov has denied any wrongdoing.",
        "Mr Petrov has denied the charges.",
        "Mr Petrov has pleaded not guilty to charges of fraud and conspiracy.",
    ):
        assert _conflict(plea, charge) == "", plea
    # ...nor anyone's account of an act: "has denied charges of fraud" / "claims that he refused to stop the fraud"
    assert (
        _conflict(
            "Mr Petrov has denied charges of fraud.", "Mr Ivanov claims that Mr Petrov concealed the fraud."
        )
        == ""
    )
    # a plea followed by an account is an account: "saying he was unaware of the fraud"
    assert (
        _conflict(
            "Mr Petrov has denied all the charges, saying he was unaware of the fraud.",
            "Mr Ivanov claims that Mr Petrov concealed the fraud.",
        )
        == "contradicting testimony about Petrov: denial only in A"
    )
    # a denial that names the act is no plea: "rejected allegations he pressured ..."
    assert (
        _conflict(
            "Mr Petrov rejected allegations he pressured the auditors to sign the accounts.",
            "Mr Ivanov said Mr Petrov pressured the auditors to sign the accounts.",
        )
        == "contradicting testimony about Petrov: denial only in A"
    )


def test_two_denials_by_one_person_do_not_contradict() -> None:
    # "guilty" inside "not guilty" asserts nothing: "He" denies too (BBC business/059 / business/114)
    assert (
        _conflict(
            "Mr Petrov has pleaded not guilty to charges of fraud and conspiracy.", "He pleads not guilty."
        )
        == ""
    )
    # ...and a plea against the verdict is two steps of the trial, not two accounts (session 19)
    assert (
        _conflict("Mr Petrov has pleaded not guilty to charges of fraud.", "He was found guilty of fraud.")
        == ""
    )


NEVER = "Mr Kovac never signed the export licences, his lawyer told jurors on Tuesday."
ORDERED = "A former aide said Mr Kovac ordered staff to sign export licences for the shipments."


def test_never_is_a_denial_only_when_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _conflict(NEVER, ORDERED) == ""
    monkeypatch.setattr(params, "TESTIMONY_NEVER", True)
    assert _conflict(NEVER, ORDERED) == "contradicting testimony about Kovac: denial only in A"


def test_never_of_another_act_is_no_denial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(params, "TESTIMONY_NEVER", True)
    travelled = "Mr Kovac never travelled to Geneva during the talks, his lawyer told jurors."
    assert _conflict(travelled, ORDERED) == ""
    # "never been": what has not happened to him yet, not an act he denies
    asked = "Mr Kovac has never been asked to sign export licences, his lawyer said."
    assert _conflict(asked, ORDERED) == ""


REPORTED = "Ms Reyes claims that Mr Kovac refused to stop the payments to the agency."
UNAWARE = "Mr Kovac has denied all the charges, saying he was unaware of the payments."


def test_an_act_someone_reports_is_an_assertion_when_switched_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(params, "TESTIMONY_REPORTED", False)
    assert _conflict(UNAWARE, REPORTED) == ""
    monkeypatch.setattr(params, "TESTIMONY_REPORTED", True)
    assert _conflict(UNAWARE, REPORTED) == "contradicting testimony about Kovac: denial only in A"


def test_a_reported_act_the_denial_does_not_touch_is_no_assertion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(params, "TESTIMONY_REPORTED", True)
    travelled = "Ms Reyes claims that Mr Kovac travelled to Geneva in March."
    assert _conflict(UNAWARE, travelled) == ""


def test_the_word_that_heads_the_denied_act_must_be_asserted(monkeypatch: pytest.MonkeyPatch) -> None:
    # what he denies is meeting him; "company" is only where the meetings were about
    met = "Mr Varga denied he frequently met Mr Sorel to discuss company business at the bank."
    directed = "Prosecutors say Mr Varga directed Mr Sorel to hide the company's losses from the auditors."
    assert _conflict(met, directed) == ""
    monkeypatch.setattr(params, "TESTIMONY_SAME_ACT", "word")  # any word of the act shared
    assert _conflict(met, directed) == "contradicting testimony about Varga: denial only in A"


# Session 16, denials after the act (``params.TESTIMONY_POSTCUE``): a claim called untrue after it
# is stated, against the other passage stating it
SUGGESTS = "A new report suggests the export licence was signed at Harrow House by an aide."
UNFOUNDED = 'Claims the licence was signed by an aide at Harrow House were "wholly unfounded", he said.'


def test_a_claim_called_untrue_after_it_is_stated_contradicts_only_when_switched_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(params, "TESTIMONY_POSTCUE", False)
    assert _conflict(SUGGESTS, UNFOUNDED) == ""
    monkeypatch.setattr(params, "TESTIMONY_POSTCUE", True)
    assert _conflict(SUGGESTS, UNFOUNDED) == 'contradicting testimony: what A says B calls "wholly unfounded"'


def test_a_claim_described_as_untrue_contradicts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(params, "TESTIMONY_POSTCUE", True)
    described = "The minister described claims that the licence was signed by an aide as nonsense."
    assert _conflict(described, SUGGESTS) == 'contradicting testimony: what B says A calls "nonsense"'


def test_a_falsity_word_of_the_claims_own_clause_is_no_denial(monkeypatch: pytest.MonkeyPatch) -> None:
    # "were wrong" / "were false" is what the claim says of the figures, not what is said of the claim
    monkeypatch.setattr(params, "TESTIMONY_POSTCUE", True)
    figures = "Critics repeated claims that the official export figures were false."
    stated = "The official export figures for the licence year were published by the ministry."
    assert _conflict(figures, stated) == ""


def test_a_claim_called_untrue_needs_its_names_and_words_in_the_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(params, "TESTIMONY_POSTCUE", True)
    # another place: the claim's name Harrow House is not the other's
    elsewhere = "A new report suggests the export licence was signed at Kelby Lodge by an aide."
    assert _conflict(elsewhere, UNFOUNDED) == ""
    # one word of the claim only ("licence")
    renewed = "The licence at Harrow House is to be renewed next spring, officials said."
    assert _conflict(renewed, UNFOUNDED) == ""


def test_a_claim_both_passages_call_untrue_is_no_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(params, "TESTIMONY_POSTCUE", True)
    denied = "Officials denied the export licence was signed by an aide at Harrow House."
    assert _conflict(denied, UNFOUNDED) == ""


def test_claim_as_a_verb_calls_no_claim_untrue(monkeypatch: pytest.MonkeyPatch) -> None:
    # "critics claim ...": the verb; "fantasy" is what they say of the figures
    monkeypatch.setattr(params, "TESTIMONY_POSTCUE", True)
    verb = "Critics claim his planned licence savings don't add up and that the aide's figures are fantasy."
    planned = "The aide has planned licence savings at Harrow House, the ministry said."
    assert _conflict(verb, planned) == ""


def test_a_claim_whose_object_only_the_other_says_is_no_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    # the other passage names the licence office, but nothing of what she is said to have done
    monkeypatch.setattr(params, "TESTIMONY_POSTCUE", True)
    likened = "She said reports that she had likened the licence office to a secret police were inaccurate."
    office = "The licence office will publish its secret police files next spring, the ministry said."
    assert _conflict(likened, office) == ""


def test_a_denial_refused_is_no_denial() -> None:
    # "refused to deny claims the prime minister had reneged on a deal" (BBC politics/254) denies nothing
    said = "Mr Brown reneged on a deal with Mr Blair over the leadership, a new book says."
    for refused in (
        "Mr Brown pointedly refused to deny having reneged on a deal with Mr Blair over the leadership.",
        "Lord Smith challenged Mr Brown to deny having reneged on a deal with Mr Blair over the leadership.",
    ):
        assert relations.denial_conflict(_unit(refused), _unit(said)) == "", refused
    denied = "Mr Brown denied having reneged on a deal with Mr Blair over the leadership."
    assert relations.denial_conflict(_unit(denied), _unit(said)).startswith('opposite polarity: "denied"')


def test_a_denial_inside_what_another_denial_denies_is_no_denial() -> None:
    # session 20: the witness rejects having said the accused was unaware - he says the accused knew
    named = (
        "On Tuesday Mr Harlow named Mr Quint as one of four directors who participated in the bribery scheme."
    )
    rejects = (
        "Mr Harlow also rejects a suggestion that he had once told the firm's auditors that Mr Quint was"
        " unaware of the bribery scheme."
    )
    assert _conflict(named, rejects) == ""
    # the accused's own denial still contradicts the witness
    assert "Quint" in _conflict(
        named, "Mr Quint has always insisted that he was unaware of the bribery scheme."
    )
