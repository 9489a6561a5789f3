"""Words that mean the same (``nkterm.compare.meanings``, the shipped table built from WordNet
by scripts/build_meanings.py): they count as shared in a denial of what the other asserts and in
a dispute of the other's words (pairing does not use them: params.MEANING_FACTOR is 0, chosen by
leave-one-set-out); opposites never do. Sentence pairs written for
these tests, IDF from the news background of test_compare_relations."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkterm.compare import DIFFERS, params
from nkterm.compare.dispute import dispute_conflict
from nkterm.compare.meanings import MEANING, load, same_meaning
from nkterm.compare.results import Passage
from nkterm.compare.units import Unit, unit_of
from nkterm.compare.words import stem
from tests.unit.test_compare_relations import judge


def _unit(text: str) -> Unit:
    return unit_of(Passage(0, len(text), text))


@pytest.mark.parametrize(
    ("a", "b"), [("pledged", "promises"), ("quit", "resigned"), ("buying", "purchase"), ("buy", "acquired")]
)
def test_the_shipped_table_joins_words_that_mean_the_same(a: str, b: str) -> None:
    assert same_meaning(stem(a), stem(b)), (MEANING.get(stem(a)), MEANING.get(stem(b)))


@pytest.mark.parametrize(
    ("a", "b"), [("father", "mother"), ("buy", "sell"), ("rise", "fall"), ("admit", "deny")]
)
def test_opposites_are_never_one_meaning(a: str, b: str) -> None:
    assert not same_meaning(stem(a), stem(b))


def test_the_table_s_stems_are_the_analyzer_s() -> None:
    # the table is stored as stems: were the stemmer to change, the table must be rebuilt
    for word in ("pledged", "resigned", "purchases", "acquired"):
        assert stem(word) in MEANING, word


def test_a_bad_table_line_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    table = tmp_path / "meanings.tsv"
    table.write_text("# header\npledg\tpledge\npromise without a tab\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"meanings\.tsv:3: expected 'stem<TAB>group'"):
        load(table)
    assert load(tmp_path / "missing.tsv") == {}


def test_a_denial_of_a_paraphrased_promise_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(params, "DENIAL_CONFLICT", True)  # off by default since session 19
    denial = "Senator Hartley denied he had pledged to quit before the election."
    relation, reason, _shared = judge(
        denial, "An inquiry found that Senator Hartley promised to resign before the election."
    )
    assert relation == DIFFERS, reason
    assert reason.startswith('opposite polarity: "denied" pledged'), reason
    # about someone else it is no conflict
    relation, reason, _shared = judge(
        denial, "An inquiry found that Ms Osborne promised to resign before the election."
    )
    assert relation != DIFFERS, reason


def test_a_dispute_of_the_other_s_words_said_in_other_words_differs() -> None:
    report = "The report says the regional office destroyed tax records before the audit began."
    rebuttal = "The agency rejected claims that the regional bureau wrecked tax records before the audit."
    reason = dispute_conflict(_unit(report), _unit(rebuttal))
    assert reason.startswith("opposite polarity: B disputes"), reason
    assert "office destroyed tax records" in reason
    # other words that do not mean the same break the run
    unrelated = rebuttal.replace("wrecked", "audited")
    assert dispute_conflict(_unit(report), _unit(unrelated)) == ""
