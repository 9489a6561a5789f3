"""Datelines and end marks of agency copy (texts written for this test, in the agencies' style)."""

from __future__ import annotations

import datetime as dt

import pytest

from nkterm.dateline import end_marks, find_dateline


@pytest.mark.parametrize(
    ("text", "place", "month", "day", "year", "agency"),
    [
        (
            "Leader Inspects Farm\n\nPyongyang, August 16 (KCNA) -- The harvest was",
            "Pyongyang",
            8,
            16,
            None,
            "KCNA",
        ),
        ("SEOUL, Aug. 3, 2024 (Yonhap) — North Korea said", "SEOUL", 8, 3, 2024, "Yonhap"),
        ("Title\nPyongyang, 16 August 2024 (KCNA) - Floods hit", "Pyongyang", 8, 16, 2024, "KCNA"),
        ("PYONGYANG (AP) — A parade", "PYONGYANG", None, None, None, "AP"),
        ("Seoul, South Korea, Sept 2 -- Officials said", "Seoul, South Korea", 9, 2, None, None),
        ("NEW YORK, Dec. 31 (Reuters) - Markets", "NEW YORK", 12, 31, None, "Reuters"),
    ],
)
def test_a_dateline_gives_place_date_and_agency(text, place, month, day, year, agency):
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.month, found.day, found.year, found.agency) == (
        place,
        month,
        day,
        year,
        agency,
    )
    assert text[found.start : found.end].startswith(place)
    rest = text[found.end :].lstrip()
    assert rest[:1].isalpha()  # the sentence after the dateline is left whole


def test_the_year_comes_from_elsewhere_when_the_dateline_has_none():
    found = find_dateline("Pyongyang, February 30 (KCNA) -- x\n")
    assert found is not None and found.date(2024) is None  # no such day
    found = find_dateline("Pyongyang, August 16 (KCNA) -- x")
    assert found is not None
    assert found.date() is None
    assert found.date(2024) == dt.date(2024, 8, 16)


@pytest.mark.parametrize(
    "text",
    [
        "Mr Kim, 45, said the harvest was good -- very good.",  # a comma and a dash, but no date/agency
        "He visited Pyongyang, August 16 was the day.",  # not at the start of a line
        "Pyongyang, August 45 (KCNA) -- nothing",  # no such day
        "",
    ],
)
def test_prose_is_not_a_dateline(text):
    assert find_dateline(text) is None


def test_a_dateline_far_into_the_text_is_not_the_documents_dateline():
    text = "x " * 400 + "\nPyongyang, August 16 (KCNA) -- late"
    assert find_dateline(text) is None
    assert find_dateline(text, within=2000) is not None


def test_end_marks_only_on_their_own_line():
    text = "The meeting ended.\n-0-\nScore was 3-0-1 today.\n(END)\n  ###  \nWe - 0 - know"
    marks = [text[s.start : s.end] for s in end_marks(text)]
    assert marks == ["-0-", "(END)", "###"]
