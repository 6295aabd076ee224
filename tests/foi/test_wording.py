"""Sentences generated from the counts."""

import datetime

from foi.wording import answer_sentence


def _groups(*pairs):
    return [{"count": count, "labels": [label], "values": [label.lower()]} for label, count in pairs]


def test_story_sentence(db):
    sentence = answer_sentence(
        total=53,
        filters={"site_category": "library", "status": "operational"},
        as_at=None,
        groups=_groups(("Hikvision", 50), ("Bosch", 2), ("Canon", 1)),
        group_by=["vendor"],
        organisation_id=None,
    )
    assert sentence == (
        "There are 53 CCTV cameras installed and operational in the council's libraries. "
        "50 of them were made by Hikvision, 2 by Bosch and 1 by Canon."
    )


def test_past_date_singular_and_none(db):
    one = answer_sentence(
        total=1,
        filters={"networked": True},
        as_at=datetime.date(2023, 3, 31),
        groups=[],
        group_by=[],
        organisation_id=None,
    )
    assert one == "There was 1 CCTV camera connected to a network on 31 March 2023."
    none = answer_sentence(
        total=0,
        filters={"origin_country": "CN", "site_category": "public-space"},
        as_at=None,
        groups=[],
        group_by=["vendor"],
        organisation_id=None,
    )
    assert none == "There are no CCTV cameras in the council's public spaces made in China."


def test_unknown_group_and_two_dimensions(db):
    sentence = answer_sentence(
        total=3,
        filters={},
        as_at=None,
        groups=_groups(("Hikvision", 2), ("Unknown", 1)),
        group_by=["vendor"],
        organisation_id=None,
    )
    assert sentence == "There are 3 CCTV cameras. 2 of them were made by Hikvision and 1 with no recorded vendor."
    two = answer_sentence(
        total=3,
        filters={},
        as_at=None,
        groups=[{"count": 2, "labels": ["Hikvision", "Not networked"], "values": []}],
        group_by=["vendor", "networked"],
        organisation_id=None,
    )
    assert two.endswith(
        "The table breaks them down by vendor and networked; the largest group, 2, were made by Hikvision and "
        "are not connected to any network."
    )
