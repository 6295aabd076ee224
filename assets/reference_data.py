"""The manufacturer reference list shipped in ``assets/data/manufacturers.csv`` (copied from the team's
shared reference data, with its sources and confidence)."""

import csv
import datetime
from pathlib import Path

MANUFACTURERS_CSV = Path(__file__).resolve().parent / "data" / "manufacturers.csv"


def _date_or_none(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text.strip() else None


def read_manufacturer_rows(path: Path = MANUFACTURERS_CSV) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            {
                "slug": row["slug"].strip(),
                "name": row["name"].strip(),
                "country": row["country"].strip().upper(),
                "parent_slug": row["parent_slug"].strip(),
                # Blank is "owner", as for a manufacturer recorded before the relation had a kind.
                "parent_relation": (row.get("parent_relation") or "").strip() or "owner",
                "parent_from": _date_or_none(row["parent_from"]),
                "parent_until": _date_or_none(row["parent_until"]),
                "aliases": "\n".join(alias.strip() for alias in row["aliases"].split("|") if alias.strip()),
                "confidence": row["confidence"].strip(),
                "note": row["note"].strip(),
            }
            for row in csv.DictReader(handle)
        ]


def load_manufacturers(manufacturer_model, rows: list[dict]) -> None:
    """Create or update each row by slug, then link parents; works with a migration's historical model, whose
    older state may lack columns the file has since gained (they are left to the migration that adds them)."""
    known = {field.name for field in manufacturer_model._meta.concrete_fields}
    for row in rows:
        fields = {key: value for key, value in row.items() if key in known and key != "slug"}
        manufacturer_model.objects.update_or_create(slug=row["slug"], defaults=fields)
    by_slug = {m.slug: m for m in manufacturer_model.objects.all()}
    for row in rows:
        manufacturer = by_slug[row["slug"]]
        manufacturer.parent = by_slug[row["parent_slug"]] if row["parent_slug"] else None
        manufacturer.save(update_fields=["parent"])


RESTRICTIONS_CSV = Path(__file__).resolve().parent / "data" / "restrictions.csv"


def read_restriction_rows(path: Path = RESTRICTIONS_CSV) -> list[dict]:
    """One row per restricted manufacturer or country; a row with a blank basis or source continues the
    basis above it with the same key."""
    rows, first_of_key = [], {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = row["key"].strip()
            first = first_of_key.setdefault(key, row)
            rows.append(
                {
                    "key": key,
                    "basis": (row["basis"] or first["basis"]).strip(),
                    "source": (row["source"] or first["source"]).strip(),
                    "note": row["note"].strip(),
                    "date": _date_or_none(row["date"]),
                    "manufacturer_slug": row["value"].strip() if row["applies_to"] == "manufacturer" else "",
                    "country": row["value"].strip().upper() if row["applies_to"] == "vendor_country" else "",
                }
            )
    return rows


def load_restrictions(restriction_model, manufacturer_model, rows: list[dict]) -> None:
    """Create or update the public restrictions by key and target; works with a migration's historical model."""
    for row in rows:
        manufacturer = (
            manufacturer_model.objects.get(slug=row["manufacturer_slug"]) if row["manufacturer_slug"] else None
        )
        restriction_model.objects.update_or_create(
            key=row["key"],
            manufacturer=manufacturer,
            country=row["country"],
            organisation=None,
            defaults={key: row[key] for key in ("basis", "source", "note", "date")},
        )
