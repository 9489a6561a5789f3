"""Dates, sources and places inferred from file names, folders, datelines and front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nkterm.corpus import load_corpus
from nkterm.corpus.inferred import infer

D = dt.date


@pytest.mark.parametrize(
    ("rel", "text", "date", "date_from"),
    [
        ("2024-08-16_0294", "Title\n\nPyongyang, August 15 (KCNA) -- Text.", D(2024, 8, 16), "the file name"),
        ("20240816-report", "Title\n\nText.", D(2024, 8, 16), "the file name"),
        ("2024/08/16/0294", "Title\n\nText.", D(2024, 8, 16), "the folder names"),
        (
            "2024/x/0294",
            "T\n\nPyongyang, August 16 (KCNA) -- T.",
            D(2024, 8, 16),
            "the dateline (year from the folder names)",
        ),
        (
            "kcna-2023-report",
            "T\n\nSeoul, Aug. 2 (Yonhap) -- T.",
            D(2023, 8, 2),
            "the dateline (year from the file name)",
        ),
        ("r1", "T\n\nSEOUL, Aug. 2, 2022 (Yonhap) -- T.", D(2022, 8, 2), "the dateline"),
        (
            "r2",
            "T\n\nPyongyang, March 3 (KCNA) -- The plan of March 1, 2021 was met.",
            D(2021, 3, 3),
            "the dateline (year from a date in the text)",
        ),
        ("r3", "T\n\nPyongyang, March 3 (KCNA) -- No year anywhere.", None, ""),
        ("r4", "Just a text about 2024-13-45 and nothing else.", None, ""),
        ("2024-02-30_x", "T\n\nText.", None, ""),  # no such day
    ],
)
def test_dates_and_where_they_came_from(rel: str, text: str, date: dt.date | None, date_from: str) -> None:
    found = infer(rel, text)
    assert (found.date, found.date_from) == (date, date_from)


def test_source_and_place_from_the_dateline_unless_the_metadata_names_one() -> None:
    text = "Title\n\nPyongyang, August 16 (KCNA) -- Text."
    found = infer("x", text)
    assert (found.source, found.source_from, found.place) == ("KCNA", "the dateline", "Pyongyang")
    found = infer("x", text, meta_source="Rodong Sinmun", meta_source_from="the front matter")
    assert (found.source, found.source_from) == ("Rodong Sinmun", "the front matter")


def test_metadata_wins_and_a_year_alone_takes_the_datelines_day(tmp_path: Path) -> None:
    (tmp_path / "2024-08-16_a.txt").write_text("---\ndate: 2020-01-02\n---\nT\n\nSeoul, May 5 (AFP) -- T.\n")
    (tmp_path / "b.txt").write_text("T\n\nSeoul, May 5 (AFP) -- T.\n")
    (tmp_path / "b.yaml").write_text("date: 2019\nsource: Agence France-Presse\n")
    (tmp_path / "c.txt").write_text("---\ndate: 2018\n---\nNo dateline here.\n")
    docs = load_corpus(tmp_path).by_id()
    a, b, c = docs["2024-08-16_a"], docs["b"], docs["c"]
    assert (a.date, a.date_from, a.source, a.source_from) == (
        D(2020, 1, 2),
        "the front matter",
        "AFP",
        "the dateline",
    )
    assert (b.date, b.date_from) == (D(2019, 5, 5), "the dateline (year from the metadata sidecar)")
    assert (b.source, b.source_from, b.place) == ("Agence France-Presse", "the metadata sidecar", "Seoul")
    assert (c.date, c.date_from) == (D(2018, 1, 1), "the front matter (year only)")


def test_the_generated_archive_gets_every_date_and_agency_right(tmp_path: Path) -> None:
    from nkterm.synthetic.archive import write_archive

    summary = write_archive(tmp_path, 150, seed=5)
    docs = {tmp_path / d.path: d for d in load_corpus(tmp_path).documents}
    assert len(docs) == 150
    for path, date in summary.dates.items():
        assert docs[path].date == date, path
        assert docs[path].source in {"KCNA", "Yonhap", "AFP", "Reuters", "Xinhua", "NK News"}
        assert docs[path].date_from in ("the file name", "the folder names")
