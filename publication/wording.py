"""The published register's words in the visitor's language: headings and the labels of values that are words of
ours rather than the council's data (site categories, vendors and system names are shown as the council wrote them)."""

from django.utils.translation import gettext_lazy as _
from django_countries import countries

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
YES_NO_LABELS = {
    "networked": {True: _("Networked"), False: _("Not networked")},
    "restricted": {True: _("Restricted vendor"), False: _("Not restricted")},
}
UNKNOWN = _("Unknown")


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
    return {"heading": str(HEADINGS[name]), "groups": groups}
