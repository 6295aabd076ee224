"""Names in the spreadsheet resolved to rows in the register, each loaded once per import.

Every miss is a message for the row, never an exception; sites are looked for only in the importing
organisation, so a name used by another council reads as "not found" and reveals nothing."""

from assets.importing.values import name_key, squash
from assets.models import Camera, Manufacturer
from core.bulk_read import record_from_values, records_values
from registry.models import Organisation, Site, SiteCategory


class ManufacturerIndex:
    """Manufacturers by name, slug or alias, ignoring case, spaces and punctuation."""

    def __init__(self) -> None:
        manufacturers = list(Manufacturer.objects.all())
        by_id = {manufacturer.pk: manufacturer for manufacturer in manufacturers}
        self.by_key: dict[str, Manufacturer] = {}
        ambiguous: dict[str, set[int]] = {}
        # Names and slugs first, so an alias never hides another manufacturer's own name.
        for pass_aliases in (False, True):
            seen_this_pass: dict[str, set[int]] = {}
            for manufacturer in manufacturers:
                # The ownership chain is walked for every camera: keep it in memory, not in queries.
                manufacturer._state.fields_cache["parent"] = by_id.get(manufacturer.parent_id)
                spellings = manufacturer.alias_list if pass_aliases else [manufacturer.name, manufacturer.slug]
                for spelling in spellings:
                    key = squash(spelling)
                    if key and key not in self.by_key and key not in ambiguous:
                        seen_this_pass.setdefault(key, set()).add(manufacturer.pk)
            for key, ids in seen_this_pass.items():
                if len(ids) == 1:
                    self.by_key[key] = by_id[next(iter(ids))]
                else:
                    ambiguous[key] = ids
        self.by_id = by_id
        self.ambiguous = {key: sorted(by_id[pk].name for pk in ids) for key, ids in ambiguous.items()}

    def resolve(self, text: str) -> Manufacturer:
        key = squash(text)
        if key in self.by_key:
            return self.by_key[key]
        if key in self.ambiguous:
            raise ValueError(f"Could be any of {', '.join(self.ambiguous[key])}: write the full name.")
        raise ValueError(
            "Unknown manufacturer: use a name in the register's manufacturer list, or ask an admin to add it."
        )


class CategoryIndex:
    def __init__(self) -> None:
        self.by_key: dict[str, SiteCategory] = {}
        for category in SiteCategory.objects.all():
            self.by_key.setdefault(squash(category.slug), category)
            self.by_key.setdefault(squash(category.name), category)
            # "Public space (town centre...)" is written "Public space".
            self.by_key.setdefault(squash(category.name.split("(")[0]), category)

    def resolve(self, text: str) -> SiteCategory:
        category = self.by_key.get(squash(text))
        if category is None:
            names = ", ".join(sorted({c.name.split(" (")[0] for c in self.by_key.values()}))
            raise ValueError(f"Unknown site category: use one of {names}.")
        return category


class SiteIndex:
    """The organisation's sites by name (ignoring case and repeated spaces), and the new ones this file adds."""

    def __init__(self, *, organisation: Organisation) -> None:
        self.organisation = organisation
        self.by_key: dict[str, Site] = {}
        self.by_id: dict[int, Site] = {}
        for site in Site.objects.filter(organisation=organisation):
            site.organisation = organisation
            self.by_key[name_key(site.name)] = site
            self.by_id[site.pk] = site
        self.new: dict[str, Site] = {}

    def find(self, name: str) -> Site | None:
        key = name_key(name)
        return self.by_key.get(key) or self.new.get(key)

    def add_new(self, site: Site) -> None:
        self.new[name_key(site.name)] = site


class StoredCameras:
    """The organisation's cameras by asset tag, each kept as its values (a fraction of a camera's memory) and made
    into a camera, its site, brand and organisation attached from memory, for a row that names it."""

    def __init__(self, *, sites: SiteIndex, manufacturers: ManufacturerIndex) -> None:
        self.sites, self.manufacturers = sites, manufacturers
        cameras = Camera.objects.filter(organisation=sites.organisation)
        self.database = cameras.db
        tag = [field.name for field in Camera._meta.concrete_fields].index("asset_tag")
        self.values_by_tag: dict[str, tuple] = {values[tag]: values for values in records_values(cameras)}

    def camera(self, values: tuple) -> Camera:
        camera = record_from_values(Camera, values, db=self.database)
        cache = camera._state.fields_cache
        cache["site"] = self.sites.by_id[camera.site_id]
        cache["manufacturer"] = self.manufacturers.by_id.get(camera.manufacturer_id)
        cache["organisation"] = self.sites.organisation
        return camera
