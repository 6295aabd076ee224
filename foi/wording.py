"""Plain-English answers generated from the counts, for the officer to check and edit before issuing."""

import datetime
from typing import Any

from django.utils.formats import date_format

from assets.models import Manufacturer
from assets.vocabulary import COUNT_DIMENSIONS, STATUS_PHRASES, country_name, dimension_heading
from core.filtersets import yes_or_no
from foi.choices import DisclosableColumn, Exemption
from registry.models import Site, SiteCategory

# Where "the council's ..." reads naturally; other categories are named as "sites in the category".
CATEGORY_PLURALS = {
    "library": "libraries",
    "car-park": "car parks",
    "leisure-centre": "leisure centres",
    "office": "offices",
    "depot": "depots",
    "school": "schools",
    "park": "parks",
    "cemetery": "cemeteries",
    "museum": "museums",
    "housing": "housing",
    "public-space": "public spaces",
}

MAX_GROUPS_IN_SENTENCE = 8


def long_date(day: datetime.date | str) -> str:
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return date_format(day, "j F Y")


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _name_for(model, slug: str) -> str:
    return model.objects.filter(slug=slug).values_list("name", flat=True).first() or slug


def describe_cameras(filters: dict[str, Any], organisation_id: int | None) -> tuple[str, list[str]]:
    """The words before and after "CCTV cameras" that say which cameras were counted."""
    before: list[str] = []
    after: list[str] = []
    statuses = filters.get("status")
    if isinstance(statuses, str):
        statuses = [status.strip() for status in statuses.split(",") if status.strip()]
    if statuses:
        after.append(" or ".join(STATUS_PHRASES.get(status, status) for status in statuses))
    networked = filters.get("networked")
    if networked not in (None, ""):
        after.append("connected to a network" if yes_or_no(networked) else "not connected to any network")
    restricted = filters.get("restricted")
    if restricted not in (None, ""):
        after.append("from a vendor the council restricts" if yes_or_no(restricted) else "from no restricted vendor")
    if filters.get("site_category"):
        slug = filters["site_category"]
        plural = CATEGORY_PLURALS.get(slug)
        after.append(
            f"in the council's {plural}" if plural else f"at sites in the category {_name_for(SiteCategory, slug)}"
        )
    if filters.get("site"):
        site = Site.objects.filter(pk=filters["site"], organisation_id=organisation_id).first()
        after.append(f"at {site.name}" if site else "at the site asked about")
    if filters.get("vendor"):
        after.append(f"made by {_name_for(Manufacturer, filters['vendor'])} or its brands")
    if filters.get("manufacturer"):
        after.append(f"carrying the {_name_for(Manufacturer, filters['manufacturer'])} brand")
    if filters.get("origin_country"):
        code = str(filters["origin_country"]).upper()
        after.append(f"made in {country_name(code)}")
    for name, words in (
        ("installed_after", "installed on or after"),
        ("installed_before", "installed on or before"),
        ("eol_after", "reaching end of life on or after"),
        ("eol_before", "reaching end of life on or before"),
    ):
        if filters.get(name):
            after.append(f"{words} {long_date(str(filters[name]))}")
    if filters.get("q"):
        after.append(f"matching the search “{filters['q']}”")
    return " ".join(before), after


def answer_sentence(
    *,
    total: int,
    filters: dict[str, Any],
    as_at: datetime.date | None,
    groups: list[dict[str, Any]],
    group_by: list[str],
    organisation_id: int | None,
) -> str:
    """ "There are 53 CCTV cameras installed and operational in the council's libraries. 50 of them were made
    by Hikvision, 1 ..." — the counts in words, in the present tense unless counted as at a past date."""
    _, qualifiers = describe_cameras(filters, organisation_id)
    past = as_at is not None
    noun = "CCTV camera" if total == 1 else "CCTV cameras"
    be = ("was" if total == 1 else "were") if past else ("is" if total == 1 else "are")
    number = "no" if total == 0 else f"{total:,}"
    opening = " ".join([f"There {be} {number} {noun}", *qualifiers])
    if past:
        opening += f" on {long_date(as_at)}"
    sentences = [opening + "."]
    if total and group_by and groups:
        if len(group_by) == 1:
            name = group_by[0]
            parts = []
            for index, group in enumerate(groups[:MAX_GROUPS_IN_SENTENCE]):
                phrase = COUNT_DIMENSIONS[name].group_phrase(group["labels"][0], past=past)
                if index == 0:
                    parts.append(f"{group['count']:,} of them {phrase}")
                else:
                    # "1 by Bosch" rather than "1 were made by Bosch": the verb is said once.
                    parts.append(f"{group['count']:,} {_short_phrase(phrase)}")
            sentence = _join(parts)
            if len(groups) > MAX_GROUPS_IN_SENTENCE:
                rest = sum(group["count"] for group in groups[MAX_GROUPS_IN_SENTENCE:])
                sentence += f", and {rest:,} in {len(groups) - MAX_GROUPS_IN_SENTENCE} other groups shown in the table"
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        else:
            largest = groups[0]
            phrases = [
                COUNT_DIMENSIONS[name].group_phrase(label, past=past)
                for name, label in zip(group_by, largest["labels"], strict=True)
            ]
            headings = _join([dimension_heading(name).lower() for name in group_by])
            sentences.append(
                f"The table breaks them down by {headings}; the largest group, {largest['count']:,}, {_join(phrases)}."
            )
    return " ".join(sentences)


def _short_phrase(phrase: str) -> str:
    for verb in ("were made ", "were ", "are "):
        if phrase.startswith(verb):
            return phrase[len(verb) :] if verb == "were made " else phrase
    return phrase


def ncnd_sentence(exemption: str) -> str:
    citation = Exemption.citation(exemption) if exemption else "the relevant exemption"
    return (
        f"The council neither confirms nor denies that it holds the information you asked for, relying on {citation}."
    )


def withheld_sentence(*, column: str, exemption: str) -> str:
    """What the response says of one withheld column: the exemption and the Act (FOIA s.17), or that it is
    simply not disclosed."""
    if not exemption:
        return "Not disclosed."
    return f"Withheld under {Exemption.citation(exemption)} ({Exemption(exemption).label})."


def withheld_summary(columns: list[str]) -> str:
    """ "Camera location description, serial number are not disclosed." """
    labels = [DisclosableColumn(column).label.lower() for column in columns if column in DisclosableColumn.values]
    return f"Camera {', '.join(labels)} {'is' if len(labels) == 1 else 'are'} not disclosed."
