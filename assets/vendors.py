"""Brand ownership and vendor restrictions: who owns and who makes a camera, and whether a rule covers it.

Two chains start at a camera's brand. The owner chain follows owner links only and ends at the vendor, the
company its cameras are counted under. The full chain follows maker links too (Amcrest sells cameras Dahua makes):
restrictions look at every company in it."""

import datetime

from django.db.models import Q

from assets.models import Manufacturer, VendorRestriction


def country_code_stored(record, name: str) -> str:
    """A country field's code as stored: its getter builds a translated object on every read, which checking
    100,000 imported cameras would do a million times."""
    code = record.__dict__.get(name)
    if isinstance(code, str) and (code == "" or (len(code) == 2 and code.isascii() and code.isupper())):
        return code
    return getattr(record, name).code or ""  # anything else as the field reads it (an alpha-3 code, say)


def manufacturer_chain_on(*, manufacturer: Manufacturer | None, day: datetime.date) -> list[Manufacturer]:
    """The brand, its parent, and so on up, following owner and maker links that held on ``day``."""
    if manufacturer is None:
        return []
    chain = [manufacturer]
    while (parent := chain[-1].parent_on(day)) is not None and parent not in chain:
        chain.append(parent)
    return chain


def manufacturer_chain_changes(*, manufacturer: Manufacturer) -> tuple[datetime.date, ...]:
    """The days, in order, on which a link above the brand starts or ends: between two of them (and before the first,
    and from the last) its chains are the same on every day."""
    days = set()
    seen = set()
    company = manufacturer
    while company is not None and company.pk not in seen:
        seen.add(company.pk)
        if company.parent_id is not None:
            days.update(day for day in (company.parent_from, company.parent_until) if day is not None)
        company = company.parent
    return tuple(sorted(days))


def manufacturer_owners_on(*, manufacturer: Manufacturer | None, day: datetime.date) -> list[Manufacturer]:
    """The brand, its owner, and so on up to the ultimate owner, following owner links that held on ``day``."""
    if manufacturer is None:
        return []
    chain = [manufacturer]
    while (owner := chain[-1].owner_on(day)) is not None and owner not in chain:
        chain.append(owner)
    return chain


def manufacturer_vendor_on(*, manufacturer: Manufacturer | None, day: datetime.date) -> Manufacturer | None:
    """The ultimate owner of ``manufacturer``'s brand on ``day``: the company that makes its cameras is not."""
    chain = manufacturer_owners_on(manufacturer=manufacturer, day=day)
    return chain[-1] if chain else None


def manufacturers_with_parents() -> dict[int, Manufacturer]:
    """Every manufacturer by id, parents linked in memory, so walking chains for many cameras costs one query."""
    by_id = {manufacturer.pk: manufacturer for manufacturer in Manufacturer.objects.all()}
    for manufacturer in by_id.values():
        manufacturer.parent = by_id.get(manufacturer.parent_id)
    return by_id


def followed_restrictions(*, organisation) -> list[VendorRestriction]:
    """The public restrictions the organisation adopted, and its own. Kept on the instance for the
    length of one operation (an import checks thousands of cameras against the same list)."""
    cached = getattr(organisation, "_followed_restrictions", None)
    if cached is None:
        cached = list(
            VendorRestriction.objects.filter(Q(adopted_by=organisation) | Q(organisation=organisation))
            .select_related("manufacturer")
            .distinct()
        )
        organisation._followed_restrictions = cached
    return cached


def forget_followed_restrictions(organisation) -> None:
    organisation.__dict__.pop("_followed_restrictions", None)


def restrictions_covering(
    *, chain: list[Manufacturer], restrictions: list[VendorRestriction], origin_country: str = ""
) -> list[VendorRestriction]:
    """Restrictions naming any company in the chain (owners and makers), or the country where any of them is
    based, or the camera's ``origin_country``: a US-registered brand whose cameras Dahua makes is caught by a
    rule on China, and so is a camera recorded as made in China whatever its brand, known or not."""
    companies = {company.pk for company in chain}
    countries = {code for company in chain if (code := country_code_stored(company, "country"))}
    if origin_country:
        countries.add(origin_country)
    return [
        restriction
        for restriction in restrictions
        if restriction.manufacturer_id in companies or (restriction.country and restriction.country.code in countries)
    ]
