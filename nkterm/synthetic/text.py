"""Generated text and document lists for tests and benchmarks: news-like paragraphs of any
length (``generated_text``) and document summaries by the hundred thousand
(``synthetic_summaries``). Seeded: the same arguments give the same output."""

from __future__ import annotations

import random

from nkterm.models import DocSummary


def generated_text(words: int, seed: int = 7) -> str:
    """Paragraphs of plausible news-like sentences (numbers, reporting verbs, predictions)."""
    rnd = random.Random(seed)
    vocab = [
        "the",
        "a",
        "reporter",
        "said",
        "that",
        "about",
        "people",
        "city",
        "council",
        "budget",
        "million",
        "percent",
        "will",
        "because",
        "must",
        "may",
        "officials",
        "told",
        "according",
        "to",
        "residents",
        "village",
        "water",
        "school",
        "road",
        "hospital",
        "thousand",
        "years",
        "expected",
        "rise",
        "fall",
    ]
    paragraphs, count = [], 0
    while count < words:
        sentences = []
        for _ in range(rnd.randint(3, 7)):
            chosen = [rnd.choice(vocab) for _ in range(rnd.randint(8, 22))]
            if rnd.random() < 0.3:
                chosen.insert(rnd.randint(0, len(chosen) - 1), str(rnd.randint(2, 9999)))
            sentences.append(" ".join(chosen).capitalize() + ".")
            count += len(chosen)
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def synthetic_summaries(rows: int, seed: int = 3) -> list[DocSummary]:
    rnd = random.Random(seed)
    words = [
        "economy",
        "election",
        "oil",
        "prices",
        "games",
        "report",
        "council",
        "budget",
        "film",
        "award",
        "phone",
        "rates",
    ]
    sources = ["BBC News", "Reuters", "AP", "The Guardian", "local paper"]
    return [
        DocSummary(
            id=f"synthetic/{i:06d}",
            title=f"{' '.join(rnd.sample(words, 3)).capitalize()} report {i}",
            source=rnd.choice(sources),
            words=rnd.randint(80, 4000),
            claims=rnd.randint(0, 60),
            check_worthy=rnd.randint(0, 20),
        )
        for i in range(rows)
    ]
