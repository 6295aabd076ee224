import datetime

import pytest

from assets.importing.values import (
    memoised,
    parse_bool,
    parse_country,
    parse_date,
    parse_status,
    parse_text,
    squash,
)


@pytest.mark.parametrize(
    "value",
    [
        "31/12/2019",
        "31-12-19",
        "2019-12-31",
        "31/12/19",
        "31.12.2019",
        "31 Dec 2019",
        " 31/12/2019 ",
        "2019-12-31 00:00:00",
        datetime.date(2019, 12, 31),
        datetime.datetime(2019, 12, 31, 14, 5),
        43830.0,  # Excel's day number for 31/12/2019
    ],
)
def test_dates_as_people_write_them(value):
    assert parse_date(value) == datetime.date(2019, 12, 31)


@pytest.mark.parametrize("value", ["12/31/2019", "31/13/2019", "soon", True, -5])
def test_not_dates(value):
    with pytest.raises(ValueError, match="Not a date"):
        parse_date(value)


def test_blank_date_is_none():
    assert parse_date("  ") is None
    assert parse_date(None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("yes", True), ("Y", True), ("TRUE", True), ("1", True), (1, True), (1.0, True), (True, True)]
    + [("no", False), ("n", False), ("False", False), ("0", False), (0, False), ("", False), (None, False)],
)
def test_booleans(value, expected):
    assert parse_bool(value) is expected


def test_not_a_boolean():
    with pytest.raises(ValueError, match="Not yes or no"):
        parse_bool("maybe")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("CN", "CN"), ("cn", "CN"), ("CHN", "CN"), ("China", "CN"), ("UK", "GB"), ("United Kingdom", "GB")]
    + [("united states", "US"), ("South Korea", "KR"), ("", "")],
)
def test_countries_by_code_or_name(value, expected):
    assert parse_country(value) == expected


def test_unknown_country():
    with pytest.raises(ValueError, match="Unknown country"):
        parse_country("Atlantis")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Operational", "operational"), ("FAULTY", "faulty"), ("in service", "operational"), ("", "operational")],
)
def test_statuses(value, expected):
    assert parse_status(value) == expected


def test_text_is_trimmed_and_numbers_lose_their_point():
    assert parse_text("  Hik  ") == "Hik"
    assert parse_text(1001.0) == "1001"
    assert parse_text(None) == ""


def test_squash_ignores_case_spaces_and_punctuation():
    assert squash("Hik-Vision ") == squash("HIKVISION") == squash("hik vision") == "hikvision"


def test_a_memoised_parser_answers_as_the_parser_does_every_time():
    parse = memoised(parse_bool, most=2)
    for _ in range(3):
        for value in [True, 1, 1.0, "yes", "n", None, "maybe", 2]:
            try:
                expected = ("value", parse_bool(value))
            except ValueError as error:
                expected = ("error", str(error))
            try:
                answer = ("value", parse(value))
            except ValueError as error:
                answer = ("error", str(error))
            assert answer == expected and type(answer[1]) is type(expected[1]), value
    display_text = memoised(parse_text)
    assert [display_text(True), display_text(1), display_text(1.0)] == ["TRUE", "1", "1"]
