from django.db import models

from registry.choices import Jurisdiction


class FOIRequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    AWAITING_CLARIFICATION = "awaiting-clarification", "Awaiting clarification"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"

    @classmethod
    def tag_colour(cls, status: str) -> str:
        """Colour of the GOV.UK tag that shows this status."""
        return {
            cls.OPEN: "blue",
            cls.AWAITING_CLARIFICATION: "yellow",
            cls.ANSWERED: "green",
            cls.WITHDRAWN: "grey",
        }.get(status, "grey")


class Law(models.TextChoices):
    FOIA = "foia", "Freedom of Information Act 2000"
    FOISA = "foisa", "Freedom of Information (Scotland) Act 2002"

    @classmethod
    def for_jurisdiction(cls, jurisdiction: str) -> "Law":
        return cls.FOISA if jurisdiction == Jurisdiction.SCOTLAND else cls.FOIA


class Exemption(models.TextChoices):
    """The exemptions seen in CCTV answers. Section numbers differ between the two Acts."""

    FOIA_S24 = "foia-s24", "s.24 National security (FOIA)"
    FOIA_S31 = "foia-s31", "s.31 Law enforcement (FOIA)"
    FOIA_S38 = "foia-s38", "s.38 Health and safety (FOIA)"
    FOIA_S40 = "foia-s40", "s.40 Personal data (FOIA)"
    FOIA_S43 = "foia-s43", "s.43 Commercial interests (FOIA)"
    FOISA_S31 = "foisa-s31", "s.31 National security (FOISA)"
    FOISA_S33 = "foisa-s33", "s.33 Commercial interests (FOISA)"
    FOISA_S35 = "foisa-s35", "s.35 Law enforcement (FOISA)"
    FOISA_S38 = "foisa-s38", "s.38 Personal information (FOISA)"
    FOISA_S39 = "foisa-s39", "s.39 Health and safety (FOISA)"

    @classmethod
    def for_law(cls, law: str) -> list["Exemption"]:
        return [exemption for exemption in cls if exemption.value.startswith(f"{law}-")]

    @classmethod
    def citation(cls, value: str) -> str:
        """ "section 31 of the Freedom of Information Act 2000", as a refusal notice words it (FOIA s.17)."""
        law, section = value.split("-s", 1)
        return f"section {section} of the {Law(law).label}"


# Qualified exemptions need the public interest weighed (FOIA s.2(2)(b)); the rest cited here are absolute for
# third parties' personal data (FOIA s.40(2), FOISA s.38(1)(b)) and need no public interest test.
QUALIFIED_EXEMPTIONS = frozenset(
    {
        Exemption.FOIA_S24,
        Exemption.FOIA_S31,
        Exemption.FOIA_S38,
        Exemption.FOIA_S43,
        Exemption.FOISA_S31,
        Exemption.FOISA_S33,
        Exemption.FOISA_S35,
        Exemption.FOISA_S39,
    }
)


class DisclosableColumn(models.TextChoices):
    """Columns an answer may list cameras with. Locations and serial numbers are sensitive (often
    withheld under FOIA s.31 / FOISA s.35): they appear only when an officer ticks them."""

    ASSET_TAG = "asset_tag", "Asset tag"
    SITE = "site", "Site"
    SITE_CATEGORY = "site_category", "Site category"
    WARD = "ward", "Ward"
    MANUFACTURER = "manufacturer", "Manufacturer"
    VENDOR = "vendor", "Vendor"
    MODEL = "model", "Model"
    ORIGIN_COUNTRY = "origin_country", "Origin country"
    NETWORKED = "networked", "Networked"
    STATUS = "status", "Status"
    INSTALL_DATE = "install_date", "Install date"
    END_OF_LIFE_DATE = "end_of_life_date", "End of life date"
    LOCATION_DESCRIPTION = "location_description", "Location description"
    SERIAL_NUMBER = "serial_number", "Serial number"

    @classmethod
    def sensitive(cls) -> set[str]:
        return {cls.LOCATION_DESCRIPTION, cls.SERIAL_NUMBER}


# What a question records, in the order the API lists it: the services accept these, the form and the API edit them.
QUESTION_FIELDS = (
    "order",
    "text",
    "filters",
    "group_by",
    "as_at",
    "disclosed_columns",
    "withheld",
    "exemption",
    "public_interest_reasoning",
    "neither_confirm_nor_deny",
    "answer_wording",
)


class Channel(models.TextChoices):
    """How the request reached the council."""

    EMAIL = "email", "Email"
    POST = "post", "Post"
    WEB_FORM = "web-form", "Web form"
    WHATDOTHEYKNOW = "whatdotheyknow", "WhatDoTheyKnow"
    OTHER = "other", "Other"


class Outcome(models.TextChoices):
    """What an issued response decided (the ICO's and the SIC's categories)."""

    GRANTED = "granted", "Granted in full"
    PARTLY_GRANTED = "partly-granted", "Partly granted"
    REFUSED_EXEMPTION = "refused-exemption", "Refused: exemption"
    REFUSED_COST = "refused-cost", "Refused: cost limit"
    REFUSED_VEXATIOUS = "refused-vexatious", "Refused: vexatious or repeated"
    NOT_HELD = "not-held", "Information not held"
    NEITHER_CONFIRM_NOR_DENY = "neither-confirm-nor-deny", "Neither confirm nor deny"


class ReviewOutcome(models.TextChoices):
    UPHELD = "upheld", "Original decision upheld"
    PARTLY_OVERTURNED = "partly-overturned", "Partly overturned"
    OVERTURNED = "overturned", "Overturned"


class Regulator(models.TextChoices):
    ICO = "ico", "Information Commissioner's Office"
    SIC = "sic", "Scottish Information Commissioner"

    @classmethod
    def for_law(cls, law: str) -> "Regulator":
        return cls.SIC if law == Law.FOISA else cls.ICO


class AppealDecision(models.TextChoices):
    UPHELD = "upheld", "Complaint upheld"
    PARTLY_UPHELD = "partly-upheld", "Complaint partly upheld"
    NOT_UPHELD = "not-upheld", "Complaint not upheld"
    WITHDRAWN = "withdrawn", "Complaint withdrawn"


# The requester's personal data: shown to the organisation's FOI officers and admins only, never exported, in no
# history, and anonymised once the request has been closed for the organisation's retention period.
REQUESTER_FIELDS = ("requester_name", "requester_email", "requester_address")
