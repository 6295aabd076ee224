"""The published register's words in the visitor's language: headings and the labels of values that are words of
ours rather than the council's data (site categories, vendors and system names are shown as the council wrote them)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_countries import countries

from foi.choices import Outcome

HEADINGS = {
    "site_category": _("Site category"),
    "vendor": _("Vendor"),
    "manufacturer": _("Manufacturer"),
    "origin_country": _("Origin country"),
    "networked": _("Networked"),
    "restricted": _("Restricted vendor"),
    "install_year": _("Install year"),
    "eol_year": _("End-of-life year"),
    "system": _("Surveillance camera system"),
}
CAPTIONS = {
    "site_category": _("Cameras by site category"),
    "vendor": _("Cameras by vendor"),
    "origin_country": _("Cameras by origin country"),
    "networked": _("Cameras connected to a network"),
    "restricted": _("Cameras from restricted vendors"),
}
YES_NO_LABELS = {
    "networked": {True: _("Networked"), False: _("Not networked")},
    "restricted": {True: _("Restricted vendor"), False: _("Not restricted")},
}
UNKNOWN = _("Unknown")
OUTCOME_LABELS = {
    Outcome.GRANTED: _("Granted in full"),
    Outcome.PARTLY_GRANTED: _("Partly granted"),
    Outcome.REFUSED_EXEMPTION: _("Refused: exemption"),
    Outcome.REFUSED_COST: _("Refused: cost limit"),
    Outcome.REFUSED_VEXATIOUS: _("Refused: vexatious or repeated"),
    Outcome.NOT_HELD: _("Information not held"),
    Outcome.NEITHER_CONFIRM_NOR_DENY: _("Neither confirm nor deny"),
}
# django_countries has no Welsh names: these, of the countries cameras come from, are in our Welsh catalogue
# (its names are looked up through Django's translations, so ours answer for it).
COUNTRY_NAMES = [
    gettext_noop("China"),
    gettext_noop("United Kingdom"),
    gettext_noop("United States of America"),
    gettext_noop("Japan"),
    gettext_noop("South Korea"),
    gettext_noop("North Korea"),
    gettext_noop("Taiwan"),
    gettext_noop("Germany"),
    gettext_noop("Netherlands"),
    gettext_noop("Sweden"),
    gettext_noop("Israel"),
    gettext_noop("France"),
    gettext_noop("Canada"),
]


def response_outcome(version) -> str:
    """The response's own outcome, else its request's (older versions recorded none); blank when neither did."""
    return version.outcome or version.request.outcome


def outcome_label(outcome: str) -> str:
    return str(OUTCOME_LABELS.get(outcome, outcome))


def value_label(dimension: str, value, label: str) -> str:
    """A group's label as the page shows it: ours translated, the council's own as written."""
    if value is None or value == "":
        return str(UNKNOWN)
    if dimension in YES_NO_LABELS:
        return str(YES_NO_LABELS[dimension][bool(value)])
    if dimension == "origin_country":
        return str(countries.name(value) or value)
    return label


def figure_for_page(figure: dict) -> dict:
    """One headline table (``publication.selectors.headline_figures``) with its heading and labels translated."""
    name = figure["dimension"]
    groups = [
        {"label": value_label(name, group[name], group[f"{name}_label"]), "count": group["count"]}
        for group in figure["counts"]["groups"]
    ]
    return {"caption": str(CAPTIONS[name]), "heading": str(HEADINGS[name]), "groups": groups}
