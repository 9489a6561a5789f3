"""Recurring lines wired into the index build: learned from the corpus, kept in the manifest,
never claims; an update of one file does not learn them again."""

from __future__ import annotations

from pathlib import Path

from nkterm.claims import detect
from nkterm.claims.recurring import KEY, for_update
from nkterm.index import Index

# Furniture of a made-up agency: a line that reads like a check-worthy claim on its own.
BOILERPLATE = "Eastern Wire Service reaches more than 40 million readers in 120 countries every day."
COPYRIGHT = "Copyright 2024 Eastern Wire Service. All rights reserved."

STORIES = [
    "Harbour officials said on Monday that 3,200 tonnes of grain arrived at the port last week, "
    "the largest delivery since March.",
    "The city council approved a budget of $45 million for new schools, a rise of 12 percent on "
    "last year, the mayor said.",
    "Rail traffic between the two cities was suspended for six hours after a landslide blocked "
    "the line near the border.",
    "The ministry said exports of textiles fell by 8 percent in the first quarter as orders from "
    "Europe slowed.",
    "A new bridge over the river will open in October and cut the journey to the coast by 40 "
    "minutes, engineers said.",
    "Farmers in the northern province expect a harvest 15 percent larger than last year after "
    "heavy spring rain.",
]


def write_corpus(folder: Path, stories: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, story in enumerate(stories, 1):
        text = f"Flood defences and trade, report {n}\n\n{story}\n\n{BOILERPLATE}\n\n{COPYRIGHT}\n"
        (folder / f"story{n:02}.txt").write_text(text, encoding="utf-8")


def claim_texts(index: Index, doc_id: str) -> list[str]:
    text = index.document(doc_id).text
    return [text[c.start : c.end] for c in index.claims(doc_id)]


def test_the_boilerplate_line_is_a_claim_on_its_own() -> None:
    """Without the corpus, nothing tells the agency's line from news: the build must learn it."""
    claims = detect(BOILERPLATE)
    assert claims and claims[0].check_worthy


def test_a_built_index_never_claims_the_corpus_boilerplate(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, STORIES)
    index = Index(corpus, tmp_path / "index")
    report = index.update()
    assert report.added == len(STORIES)

    stored = index.manifest()[KEY]
    assert stored["files"] == len(STORIES)
    assert BOILERPLATE.lower().rstrip(".") in stored["lines"]
    for n in range(1, len(STORIES) + 1):
        texts = claim_texts(index, f"story{n:02}")
        assert texts, f"story{n:02} lost its own claim"
        assert not any("Eastern Wire Service" in t for t in texts), texts
    assert any("3,200 tonnes" in t for t in claim_texts(index, "story01"))

    # An index reopened from disk keeps the set: the manifest holds it.
    again = Index(corpus, tmp_path / "index")
    assert again.manifest()[KEY]["lines"] == stored["lines"]


def test_an_update_of_one_file_reuses_the_learned_set(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, STORIES)
    index = Index(corpus, tmp_path / "index")
    index.update()
    learned = dict(index.manifest()[KEY])

    # one new agency story: the set is read back, not learned again from 7 files
    (corpus / "story07.txt").write_text(
        "Dock workers ended a two-day strike after the port agreed a 6 percent pay rise.\n\n"
        f"{BOILERPLATE}\n\n{COPYRIGHT}\n",
        encoding="utf-8",
    )
    reopened = Index(corpus, tmp_path / "index")
    report = reopened.update()
    assert report.added == 1
    assert reopened.manifest()[KEY] == learned
    texts = claim_texts(reopened, "story07")
    assert any("6 percent pay rise" in t for t in texts)
    assert not any("Eastern Wire Service" in t for t in texts)


def test_the_set_is_learned_again_when_missing_or_outgrown(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, STORIES)
    paths = sorted(corpus.glob("*.txt"))
    manifest: dict[str, object] = {}
    lines = for_update(manifest, paths, full=False)  # no set yet: learned
    assert BOILERPLATE.lower().rstrip(".") in lines
    kept = manifest[KEY]
    assert for_update(manifest, paths, full=False) == lines and manifest[KEY] is kept
    # the corpus grew by half: the share a line needs has moved, the set is learned again
    more = corpus / "more"
    write_corpus(more, [s.replace("said", "reported") for s in STORIES[:4]])
    grown = [*paths, *sorted(more.glob("*.txt"))]
    assert for_update(manifest, grown, full=False) == lines
    assert manifest[KEY] is not kept
    assert manifest[KEY]["files"] == len(grown)  # type: ignore[index]
