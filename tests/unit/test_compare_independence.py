"""Independence of two accounts (same source, near-duplicate, quotation) and what corroboration
counts: passages, independent sources, and "no passage in the corpus discusses this"."""

from __future__ import annotations

from pathlib import Path

from nkterm.compare import (
    AGREES,
    Passage,
    corroboration_report,
    independence,
    independent_sources,
    source_of,
)
from nkterm.index import Index
from nkterm.models import Document

STORY = (
    "The Ryongsong Machine Complex has overfulfilled its plan for the year, workers told visitors. "
    "The complex makes pumps, compressors and boilers for the power stations of the north. "
    "A new casting shop was opened in the spring after two years of building work."
)
OTHER = (
    "Badminton is popular in the parks of the capital on summer evenings. "
    "Ice cream sellers stand by the river and families queue at the funfair on Sundays."
)


def _doc(doc_id: str, text: str, source: str = "") -> Document:
    return Document(id=doc_id, text=text, title=doc_id, source=source)


def test_two_unrelated_reports_are_independent() -> None:
    ind = independence(_doc("a", STORY, "Rodong Sinmun"), _doc("b", OTHER, "NK News"))
    assert ind.independent and ind.reasons == ()


def test_the_same_source_in_metadata_is_not_independent() -> None:
    ind = independence(_doc("a", STORY, "KCNA"), _doc("b", OTHER, "kcna"))
    assert not ind.independent
    assert ind.reasons == ("same source: KCNA",)


def test_the_agency_of_a_dateline_is_the_source() -> None:
    a = _doc("a", "PYONGYANG, August 16 (KCNA) -- " + STORY)
    b = _doc("b", "PYONGYANG, August 17 (KCNA) -- " + OTHER)
    assert source_of(a) == "KCNA"
    assert independence(a, b).reasons == ("same source: KCNA",)


def test_a_second_version_of_a_story_is_a_near_duplicate() -> None:
    b = STORY.replace("for the year", "for this year").replace("in the spring", "in April")
    ind = independence(_doc("a", STORY), _doc("b", b))
    assert not ind.independent
    assert ind.reasons[0].startswith("near-duplicate text: ")
    assert ind.shingle_overlap >= 0.5


def test_a_report_quoting_another_at_length_is_not_independent() -> None:
    quoting = OTHER + " As another paper put it, " + STORY.split(". ")[1] + "."
    ind = independence(_doc("a", STORY), _doc("b", quoting))
    assert not ind.independent
    assert ind.reasons[0].startswith("one quotes the other: ")


def test_dependent_documents_group_into_one_source() -> None:
    docs = [
        _doc("a", STORY, "KCNA"),
        _doc("b", OTHER, "KCNA"),
        _doc("c", STORY.replace("spring", "summer")),
        _doc("d", "A completely different report about fishing boats in the east sea."),
    ]
    groups = independent_sources(docs)
    assert sorted(sorted(d.id for d in g) for g in groups) == [["a", "b", "c"], ["d"]]


# -- corroboration on a real index ----------------------------------------------------------------

CLAIM = "The Ryongsong Machine Complex has overfulfilled its annual plan, according to its workers."


def _corpus(tmp_path: Path) -> Index:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {
        "claim.txt": f"Factory report\n\n{CLAIM}\nThe visitors were shown a film about the founder.\n",
        # two independent reports of the same fact, and a near-copy of the first of them
        "rodong.txt": "Plan fulfilled\n\nWorkers of the Ryongsong Machine Complex have overfulfilled their annual plan.\n"
        "A meeting was held at the complex to celebrate.\n",
        "rodong-copy.txt": "Plan fulfilled\n\nWorkers of the Ryongsong Machine Complex have overfulfilled their annual plan.\n"
        "A meeting was held at the complex to celebrate the result.\n",
        "visitor.txt": "A visit to Hamhung\n\nOur guide said the Ryongsong Machine Complex had overfulfilled its annual plan.\n"
        "We were not allowed to photograph the machines.\n",
        "other.txt": "Parks\n\nBadminton is popular in the parks.\nIce cream sellers stood by the river.\n",
    }
    for name, text in texts.items():
        (corpus / name).write_text(text, "utf-8")
    index = Index(corpus, tmp_path / "index")
    index.update()
    return index


def test_corroboration_counts_independent_sources(tmp_path: Path) -> None:
    index = _corpus(tmp_path)
    doc = index.document("claim")
    start = doc.text.index(CLAIM)
    report = corroboration_report(index, "claim", Passage(start, start + len(CLAIM), CLAIM))
    found = {c.doc_id: c for c in report.found}
    # the near-copy of rodong says the same words: listed once (the same passage text)
    assert set(found) == {"rodong", "visitor"} or set(found) == {"rodong-copy", "visitor"}
    assert all(c.relation == AGREES and c.independent for c in report.found)
    assert report.sources == 2
    assert report.summary() == "2 passages from 2 independent sources"
    data = report.to_dict()
    assert data["independent_sources"] == 2 and data["nothing_found"] is False
    index.close()


def test_a_claim_nobody_else_discusses_is_nothing_found(tmp_path: Path) -> None:
    index = _corpus(tmp_path)
    doc = index.document("claim")
    text = "The visitors were shown a film about the founder."
    start = doc.text.index(text)
    report = corroboration_report(index, "claim", Passage(start, start + len(text), text))
    assert report.nothing and report.found == ()
    assert report.summary() == "no passage in the corpus discusses this"
    assert all(c.relation == "weakly related" for c in report.weak)
    index.close()
