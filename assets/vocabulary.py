"""The words of each camera field, declared once beside the field: how a typed value is read (yes/no, country
codes and names, statuses), its spreadsheet column (heading, width, number format), and for each count dimension
its heading, how a value is labelled and how an FOI answer words a group.

The FilterSet, the importer, the serializers, the service, the downloads, the counts and the FOI wording all
read them here."""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models.functions import ExtractYear
from django_countries import countries

from assets.choices import CameraStatus
from core.filtersets import FALSE_WORDS, TRUE_WORDS, quoted
from core.spreadsheets import Column

# Yes/no: the words a query parameter takes are core's; a spreadsheet also writes T and F, and "none" for no network.
SPREADSHEET_TRUE_WORDS = TRUE_WORDS | {"t"}
SPREADSHEET_FALSE_WORDS = FALSE_WORDS | {"f", "none"}

_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Lower case with every space and punctuation mark removed: "Hik-Vision " and "HIKVISION" agree."""
    return _NOT_ALPHANUMERIC.sub("", text.casefold())


# Status: what officers write in a spreadsheet, compared squashed ("In service" is "inservice").
STATUS_WORDS = {
    "planned": CameraStatus.PLANNED,
    "proposed": CameraStatus.PLANNED,
    "operational": CameraStatus.OPERATIONAL,
    "inservice": CameraStatus.OPERATIONAL,
    "working": CameraStatus.OPERATIONAL,
    "live": CameraStatus.OPERATIONAL,
    "active": CameraStatus.OPERATIONAL,
    "ok": CameraStatus.OPERATIONAL,
    "faulty": CameraStatus.FAULTY,
    "fault": CameraStatus.FAULTY,
    "broken": CameraStatus.FAULTY,
    "notworking": CameraStatus.FAULTY,
    "decommissioned": CameraStatus.DECOMMISSIONED,
    "removed": CameraStatus.DECOMMISSIONED,
    "retired": CameraStatus.DECOMMISSIONED,
}

# How an FOI answer says which statuses it counted.
STATUS_PHRASES = {
    CameraStatus.OPERATIONAL: "installed and operational",
    CameraStatus.FAULTY: "installed but faulty",
    CameraStatus.PLANNED: "planned",
    CameraStatus.DECOMMISSIONED: "decommissioned",
}

# Country: a query parameter, the API and the service take an alpha-2 code; the importer also takes names.
NOT_A_COUNTRY_CODE = "{value} is not an ISO 3166-1 alpha-2 country code (such as GB or CN)."
UNKNOWN_COUNTRY = "Unknown country: use a two-letter code such as CN or GB, or the English name."

# Names people write that are not ISO short names, compared squashed.
COUNTRY_WORDS = {
    "uk": "GB",
    "unitedkingdom": "GB",
    "greatbritain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northernireland": "GB",
    "usa": "US",
    "america": "US",
    "unitedstates": "US",
    "unitedstatesofamerica": "US",
    "prc": "CN",
    "peoplesrepublicofchina": "CN",
    "korea": "KR",
    "republicofkorea": "KR",
    "holland": "NL",
}


def country_code(value: Any) -> str:
    """A typed alpha-2 code (or a Country), any case, as upper case; "" for blank. Anything else, alpha-3 and
    numeric codes included, raises ``ValueError`` with the one message."""
    code = str(getattr(value, "code", value) or "").strip().upper()
    if code and code not in countries:
        raise ValueError(NOT_A_COUNTRY_CODE.format(value=quoted(code)))
    return code


@functools.lru_cache(maxsize=1024)
def country_code_from_words(text: str) -> str:
    """A country as a spreadsheet gives it: an alpha-2 or alpha-3 code or an English name, as the alpha-2 code;
    otherwise ``ValueError``."""
    # Cached: looking a name up scans every country's translated name, and a sheet repeats a few names many times.
    word = squash(text)
    if word in COUNTRY_WORDS:
        return COUNTRY_WORDS[word]
    if text.isalpha() and len(text) in (2, 3):
        code = countries.alpha2(text.upper())
        if code:
            return code
    code = countries.by_name(text, insensitive=True)
    if code:
        return code
    raise ValueError(UNKNOWN_COUNTRY)


def country_name(code: str) -> str:
    return countries.name(code) or code


def _related_name(related) -> str:
    return related.name if related else ""


# The camera columns of every download, by field: the camera list, the replacement plan and an FOI listing.
CAMERA_COLUMNS: dict[str, Column] = {
    column_name: column
    for column_name, column in (
        ("asset_tag", Column("Asset tag", lambda c: c.asset_tag, 15)),
        ("organisation", Column("Organisation", lambda c: c.organisation.name, 25)),
        ("site", Column("Site", lambda c: c.site.name, 30)),
        ("site_category", Column("Site category", lambda c: c.site.category.name, 20)),
        ("sensitive", Column("Sensitive site", lambda c: c.site.sensitive, 11)),
        ("ward", Column("Ward", lambda c: c.site.ward, 20)),
        ("manufacturer", Column("Manufacturer", lambda c: _related_name(c.manufacturer), 24)),
        ("vendor", Column("Vendor", lambda c: _related_name(c.vendor), 24)),
        ("model", Column("Model", lambda c: c.model, 20)),
        ("serial_number", Column("Serial number", lambda c: c.serial_number, 20)),
        ("origin_country", Column("Origin country", lambda c: c.origin_country.name if c.origin_country else "", 20)),
        ("origin_country_source", Column("Origin country from", lambda c: c.get_origin_country_source_display(), 27)),
        ("networked", Column("Networked", lambda c: c.networked, 11)),
        ("restricted", Column("Restricted vendor", lambda c: c.restricted, 11)),
        ("status", Column("Status", lambda c: c.get_status_display(), 17)),
        ("install_date", Column("Install date", lambda c: c.install_date, 13)),
        ("end_of_life_date", Column("End of life date", lambda c: c.end_of_life_date, 15)),
        (
            "end_of_life_estimated",
            Column("End of life estimated", lambda c: c.end_of_life_estimated if c.end_of_life_date else None, 12),
        ),
        ("decommissioned_date", Column("Decommissioned date", lambda c: c.decommissioned_date, 15)),
        ("location_description", Column("Location", lambda c: c.location_description, 40)),
        ("notes", Column("Notes", lambda c: c.notes, 40)),
    )
}

DATE_FIELDS = frozenset({"install_date", "end_of_life_date", "decommissioned_date"})


def camera_columns(*names: str) -> list[Column]:
    return [CAMERA_COLUMNS[name] for name in names]


UNKNOWN_LABEL = "Unknown"


@dataclass(frozen=True)
class CountDimension:
    """One way of grouping cameras: its heading, the column holding its machine value and how to label a value,
    and how an FOI answer words a group (``{verb}`` is "are", or "were" when counted as at a past date)."""

    heading: str
    value: Any  # a field path, or an expression to annotate
    label_field: str | None = None
    labeller: Callable[[Any], str] = str
    phrase: str = "{verb} {label}"
    false_phrase: str = ""  # a yes/no dimension's phrase for the group that is not

    def label(self, value, label_from_database: str | None = None) -> str:
        if value is None or value == "":
            return UNKNOWN_LABEL  # False is a value, not unknown
        if self.label_field:
            return label_from_database or UNKNOWN_LABEL
        return self.labeller(value)

    def group_phrase(self, label: str, *, past: bool) -> str:
        """ "were made by Hikvision", "are not connected to any network", "with no recorded vendor"."""
        if label == UNKNOWN_LABEL:
            return f"with no recorded {self.heading.lower()}"
        phrase = self.false_phrase if self.false_phrase and label != self.label(True) else self.phrase
        return phrase.format(verb="were" if past else "are", label=label, lowercase_label=label.lower())


def _status_label(status: str) -> str:
    return CameraStatus(status).label if status in CameraStatus.values else status


COUNT_DIMENSIONS: dict[str, CountDimension] = {
    "organisation": CountDimension(
        "Organisation", "organisation__slug", "organisation__name", phrase="belong to {label}"
    ),
    "site": CountDimension("Site", "site_id", "site__name", phrase="{verb} at {label}"),
    "site_category": CountDimension(
        "Site category", "site__category__slug", "site__category__name", phrase="{verb} at {label} sites"
    ),
    "manufacturer": CountDimension(
        "Manufacturer (brand)", "manufacturer__slug", "manufacturer__name", phrase="carry the {label} brand"
    ),
    "vendor": CountDimension("Vendor", "vendor__slug", "vendor__name", phrase="were made by {label}"),
    "origin_country": CountDimension(
        "Origin country", "origin_country", labeller=country_name, phrase="were made in {label}"
    ),
    "networked": CountDimension(
        "Networked",
        "networked",
        labeller=lambda networked: "Networked" if networked else "Not networked",
        phrase="{verb} connected to a network",
        false_phrase="{verb} not connected to any network",
    ),
    "restricted": CountDimension(
        "Restricted vendor",
        "restricted",
        labeller=lambda restricted: "Restricted vendor" if restricted else "Not restricted",
        phrase="{verb} from a restricted vendor",
        false_phrase="{verb} not restricted",
    ),
    "status": CountDimension("Status", "status", labeller=_status_label, phrase="{verb} {lowercase_label}"),
    "install_year": CountDimension("Install year", ExtractYear("install_date"), phrase="were installed in {label}"),
    "eol_year": CountDimension(
        "End-of-life year", ExtractYear("end_of_life_date"), phrase="due to reach end of life in {label}"
    ),
    "system": CountDimension(
        "Surveillance camera system", "system_id", "system__name", phrase="belong to the {label} system"
    ),
}
# The schema's name for the counts' dimensions (settings ENUM_NAME_OVERRIDES): GroupByEnum since v1.
COUNT_DIMENSION_NAMES = list(COUNT_DIMENSIONS)


def dimension_heading(name: str) -> str:
    dimension = COUNT_DIMENSIONS.get(name)
    return dimension.heading if dimension else name.replace("_", " ").capitalize()
