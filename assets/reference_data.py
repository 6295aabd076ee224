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
                "parent_from": _date_or_none(row["parent_from"]),
                "parent_until": _date_or_none(row["parent_until"]),
                "aliases": "\n".join(alias.strip() for alias in row["aliases"].split("|") if alias.strip()),
                "confidence": row["confidence"].strip(),
                "note": row["note"].strip(),
            }
            for row in csv.DictReader(handle)
        ]


def load_manufacturers(manufacturer_model, rows: list[dict]) -> None:
    """Create or update each row by slug, then link parents; works with a migration's historical model."""
    for row in rows:
        fields = {key: value for key, value in row.items() if key not in {"slug", "parent_slug"}}
        manufacturer_model.objects.update_or_create(slug=row["slug"], defaults=fields)
    by_slug = {m.slug: m for m in manufacturer_model.objects.all()}
    for row in rows:
        manufacturer = by_slug[row["slug"]]
        manufacturer.parent = by_slug[row["parent_slug"]] if row["parent_slug"] else None
        manufacturer.save(update_fields=["parent"])
