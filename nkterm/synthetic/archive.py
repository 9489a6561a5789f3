"""An agency-style news archive, generated: the test and benchmark corpus of issue 20.

Every text is written here from templates and word lists (no real agency text): each file
opens with a title line and a dateline ("Pyongyang, August 16 (KCNA) --"), then two to five
paragraphs, and some end with an agency end mark ("(END)", "-0-"). What makes an archive hard
for a reader is reproduced on purpose:

- file names ``YYYY-MM-DD_NNNN.txt`` in the root, and about a fifth in ``YYYY/MM/DD/NNNN.txt``
  folders (the date only in the folder names);
- several agencies and places (KCNA, Yonhap, AFP, Reuters, Xinhua, NK News);
- near-identical titles ("... Sends Greetings to ..." with only the addressee changed);
- byte-identical duplicates (about 2%: the same report filed twice under another number);
- topics through 2023-2025, with floods concentrated in July and August (``flood`` in the
  title or text), so "what was reported about floods in August, and by whom" has an answer.

``write_archive(root, n, seed)`` writes the files and returns a summary (counts per topic and
month, the duplicate pairs) that tests check the reader against. Seeded: the same ``n`` and
``seed`` give the same bytes. ``python -m benchmarks.archive_corpus DIR [N]`` writes one.
Imports nothing from nkterm.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

AGENCIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("KCNA", ("Pyongyang",)),
    ("Yonhap", ("Seoul", "Incheon")),
    ("AFP", ("Seoul", "Beijing", "Tokyo")),
    ("Reuters", ("Seoul", "Dandong", "Tokyo")),
    ("Xinhua", ("Beijing", "Pyongyang")),
    ("NK News", ("Seoul",)),
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
COUNTIES = ("Sinuiju", "Uiju", "Hoeryong", "Musan", "Kanggye", "Hyesan", "Anju", "Kaechon", "Nampo")
RIVERS = ("Amnok", "Tumen", "Taedong", "Chongchon", "Ryesong")
COUNTRIES = ("Laos", "Viet Nam", "Cuba", "Syria", "Belarus", "Nicaragua", "Mongolia", "Iran")
OFFICIALS = ("Premier Pak Thae Song", "Choe Ryong Hae", "Kim Song Nam", "Ri Il Hwan", "Jo Yong Won")
PRODUCTS = ("fertilizer", "cement", "steel", "textiles", "vinalon", "coal", "glass")

TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # topic: (title templates, paragraph templates)
    "flood": (
        (
            "Heavy Rain Causes Flooding in {county}",
            "Flood Damage Reported Along {river} River",
            "Rescue Work Under Way in Flooded {county} Area",
            "Flood Recovery Campaign Launched in {county}",
        ),
        (
            "Torrential rain of up to {mm} mm fell on {county} and nearby areas, and the {river} "
            "River burst its banks, flooding {houses} houses and {hectares} hectares of farmland.",
            "Officials said {people} residents were moved to higher ground before the water rose; "
            "roads and a railway bridge near {county} were damaged.",
            "{official} inspected the flooded area and called for the recovery to be finished "
            "before the harvest, according to the report.",
            "Soldiers and volunteers were repairing embankments along the {river} River, and "
            "emergency supplies were sent from the capital.",
        ),
    ),
    "greetings": (
        (
            "Respected Comrade Kim Jong Un Sends Greetings to President of {country}",
            "Respected Comrade Kim Jong Un Sends Greetings to Premier of {country}",
            "Kim Jong Un Receives Message of Greeting from {country}",
        ),
        (
            "A message of greetings was sent to the leader of {country} on the national day, "
            "wishing the people of {country} prosperity.",
            "The message expressed the hope that the friendly relations between the two countries "
            "would grow stronger, in line with the common interests of both peoples.",
        ),
    ),
    "economy": (
        (
            "Production of {product} Rises at {county} Complex",
            "New Production Line Opened for {product}",
            "Workers Exceed Plan for {product} Output",
        ),
        (
            "Workers at the {county} complex produced {pct} percent more {product} in the first "
            "half of the year than planned, the report said.",
            "{official} visited the complex and praised the technical innovation of its workers.",
            "Analysts said the figures could not be verified independently and that output of "
            "{product} had fallen in earlier years.",
        ),
    ),
    "missile": (
        (
            "North Korea Fires Ballistic Missile into East Sea",
            "Military Says North Fired Short-Range Missiles",
            "Test of New-Type Rocket Launcher Conducted",
        ),
        (
            "The missile flew about {km} km before landing in the sea, the military said, "
            "adding that it was analysing the launch.",
            "It was the {nth} launch this year; officials in Seoul and Tokyo condemned it as a "
            "violation of Security Council resolutions.",
            "State media said the test verified the reliability of the weapon system.",
        ),
    ),
    "diplomacy": (
        (
            "Delegation Leaves for {country}",
            "Talks Held with Delegation of {country}",
            "Foreign Minister Meets Ambassador of {country}",
        ),
        (
            "A delegation led by {official} left the capital by air to visit {country}.",
            "The two sides exchanged views on bilateral relations and regional issues, the report said.",
        ),
    ),
}
# how often each topic is drawn; floods mostly in July and August (see _month_weights)
TOPIC_WEIGHTS = {"flood": 1, "greetings": 3, "economy": 3, "missile": 2, "diplomacy": 2}
YEARS = (2023, 2024, 2025)
DUPLICATE_SHARE = 0.02
FOLDER_SHARE = 0.2
END_MARKS = ("(END)", "-0-", "")


@dataclass
class ArchiveSummary:
    """What ``write_archive`` wrote: for tests to check the reader against."""

    files: list[Path] = field(default_factory=list)
    topics: Counter[str] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)  # "2024-08" -> documents
    flood_months: Counter[str] = field(default_factory=Counter)
    agencies: Counter[str] = field(default_factory=Counter)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # (original, copy)
    dates: dict[Path, dt.date] = field(default_factory=dict)


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        county=rng.choice(COUNTIES),
        river=rng.choice(RIVERS),
        country=rng.choice(COUNTRIES),
        official=rng.choice(OFFICIALS),
        product=rng.choice(PRODUCTS),
        mm=rng.randrange(80, 600),
        houses=rng.randrange(20, 4000),
        hectares=rng.randrange(100, 9000),
        people=rng.randrange(100, 20000),
        pct=rng.randrange(3, 40),
        km=rng.randrange(100, 1200),
        nth=("second", "third", "fifth", "seventh", "tenth")[rng.randrange(5)],
    )


def _date(rng: random.Random, topic: str) -> dt.date:
    year = rng.choice(YEARS)
    if topic == "flood":
        month = rng.choices(range(1, 13), weights=[0, 0, 0, 0, 1, 2, 6, 9, 3, 0, 0, 0])[0]
    else:
        month = rng.randrange(1, 13)
    day = rng.randrange(1, 29)
    return dt.date(year, month, day)


def make_report(rng: random.Random, topic: str, date: dt.date) -> tuple[str, str]:
    """One report's text and its agency."""
    titles, paragraphs = TOPICS[topic]
    agency, places = rng.choice(AGENCIES)
    place = rng.choice(places)
    title = _fill(rng.choice(titles), rng)
    body = [_fill(p, rng) for p in rng.sample(paragraphs, k=min(len(paragraphs), rng.randrange(2, 5)))]
    if rng.random() < 0.15:  # a full date in the text, as agencies write it
        body.append(f"The report was first issued on {MONTHS[date.month - 1]} {date.day}, {date.year}.")
    dateline = f"{place}, {MONTHS[date.month - 1]} {date.day} ({agency}) -- "
    end = rng.choice(END_MARKS)
    text = f"{title}\n\n{dateline}{body[0]}\n\n" + "\n\n".join(body[1:])
    if end:
        text += f"\n\n{end}"
    return text + "\n", agency


def write_archive(root: Path, n: int = 1059, seed: int = 20) -> ArchiveSummary:
    """Write ``n`` reports into ``root`` (created); see the module docstring."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    summary = ArchiveSummary()
    topics = list(TOPIC_WEIGHTS)
    weights = [TOPIC_WEIGHTS[t] for t in topics]
    written: list[tuple[Path, bytes, dt.date, str]] = []
    for i in range(n):
        if written and rng.random() < DUPLICATE_SHARE:
            original, data, date, topic = rng.choice(written)
            path = root / f"{date.isoformat()}_{i:04d}.txt"
            path.write_bytes(data)
            summary.duplicates.append((original, path))
            agency = ""
        else:
            topic = rng.choices(topics, weights)[0]
            date = _date(rng, topic)
            text, agency = make_report(rng, topic, date)
            if rng.random() < FOLDER_SHARE:
                path = root / f"{date.year:04d}" / f"{date.month:02d}" / f"{date.day:02d}" / f"{i:04d}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
            else:
                path = root / f"{date.isoformat()}_{i:04d}.txt"
            data = text.encode("utf-8")
            path.write_bytes(data)
            written.append((path, data, date, topic))
            summary.agencies[agency] += 1
        summary.files.append(path)
        summary.dates[path] = date
        summary.topics[topic] += 1
        month = f"{date.year:04d}-{date.month:02d}"
        summary.months[month] += 1
        if topic == "flood":
            summary.flood_months[month] += 1
    return summary


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m benchmarks.archive_corpus DIR [N] [SEED]")
        return 2
    n = int(argv[1]) if len(argv) > 1 else 1059
    seed = int(argv[2]) if len(argv) > 2 else 20
    summary = write_archive(Path(argv[0]), n, seed)
    print(
        f"{len(summary.files)} reports in {argv[0]}: {dict(summary.topics)}; {len(summary.duplicates)} duplicates"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
