"""Import benchmark: a generated 100,000-row .xlsx imported into PostgreSQL, twice.

    .venv/bin/python bench/import_bench.py [--rows 100000] [--repeat 3]

The first import creates every camera; the second, of the same file, must find them all unchanged.
Each import runs in its own process, so its peak memory (the process's maximum resident set size) is
its own. Beside them, the bare reader: the same file only read (checked and every row's cells taken from
calamine), which no import can beat. Reports the median of ``--repeat`` runs. Uses the database named by
BENCH_DATABASE_URL, by default postgres://postgres@127.0.0.1:5432/cctv_import_bench (created if missing)."""

import argparse
import datetime
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "bench" / "output"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/cctv_import_bench"
ORGANISATION = "bench-council"
SITES = 400
MAKES = ["Hikvision", "HIKVISION", "Hik Vision", "Dahua", "dahua", "Axis", "AXIS", "Hanwha Vision", "Avigilon", ""]
STATUSES = ["Operational", "operational", "Faulty", "Planned", ""]
HEADER = [
    "Asset tag",
    "Site",
    "Make",
    "Model",
    "Serial number",
    "Installed",
    "On network?",
    "EOL",
    "Status",
    "Location",
    "Notes",
    "Country of origin",
]


def environment() -> dict:
    env = os.environ | {
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",  # with DEBUG on Django keeps every query in memory
        "SECRET_KEY": "bench-only-not-a-secret",
        "CCTV_IMPORT_MAX_BYTES": str(50 * 1024 * 1024),
        "CCTV_IMPORT_MAX_ROWS": "1000000",
        "LOG_LEVEL": "WARNING",
    }
    return env


def django_setup() -> None:
    os.environ.update(environment())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_database() -> None:
    import psycopg2

    url = environment()["DATABASE_URL"]
    base, name = url.rsplit("/", 1)
    connection = psycopg2.connect(f"{base}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def generate(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    chance = random.Random(20240101)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cameras")
    sheet.append(HEADER)
    start = datetime.date(2012, 1, 1)
    for number in range(1, rows + 1):
        installed = start + datetime.timedelta(days=chance.randrange(0, 4000))
        status = chance.choice(STATUSES)
        sheet.append(
            [
                f"CAM-{number:06d}",
                f"Site {chance.randrange(SITES):03d}",
                chance.choice(MAKES),
                f"DS-{chance.randrange(1000, 9999)}",
                f"SN{chance.randrange(10**9):09d}",
                installed if chance.random() < 0.7 else installed.strftime("%d/%m/%Y"),
                chance.choice(["Yes", "No", "y", "n", "TRUE", ""]),
                (installed + datetime.timedelta(days=3650 + chance.randrange(0, 900)))
                if chance.random() < 0.3
                else None,
                status,
                f"Pole {chance.randrange(1, 60)}, facing {chance.choice(['north', 'south', 'east', 'west'])}",
                "" if chance.random() < 0.8 else f"Checked {installed:%B %Y}",
                chance.choice(["", "", "", "CN", "Sweden", "KR"]),
            ]
        )
    workbook.save(path)


def prepare(rows: int) -> Path:
    """Create the database, the council and its sites, and the workbook (kept between runs)."""
    create_database()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=environment(), check=True
    )
    django_setup()
    from registry.models import Organisation, Site, SiteCategory

    organisation, _ = Organisation.objects.get_or_create(slug=ORGANISATION, defaults={"name": "Bench Council"})
    category = SiteCategory.objects.get(slug="public-space")
    existing = set(Site.objects.filter(organisation=organisation).values_list("name", flat=True))
    Site.objects.bulk_create(
        Site(organisation=organisation, name=f"Site {n:03d}", category=category)
        for n in range(SITES)
        if f"Site {n:03d}" not in existing
    )
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"cameras-{rows}.xlsx"
    if not path.exists():
        started = time.perf_counter()
        generate(path, rows)
        print(f"Generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return path


def clear() -> None:
    from django.db import connection

    from assets.models import Camera
    from registry.models import Organisation

    organisation = Organisation.objects.get(slug=ORGANISATION)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Camera.history.model._meta.db_table} WHERE organisation_id = %s", [organisation.pk]
        )
        cursor.execute(f"DELETE FROM {Camera._meta.db_table} WHERE organisation_id = %s", [organisation.pk])
        cursor.execute(f"VACUUM ANALYZE {Camera._meta.db_table}")


def import_once(path: Path) -> dict:
    """Run in a child process: one import, timed end to end (reading, checking, writing)."""
    django_setup()
    from assets.importing import cameras_import
    from registry.models import Organisation

    organisation = Organisation.objects.get(slug=ORGANISATION)
    started = time.perf_counter()
    with path.open("rb") as upload:
        report = cameras_import(organisation=organisation, file=upload, filename=path.name)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rows": report.rows,
        "rows_per_second": report.rows / seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "summary": report.summary,
        "errors": len(report.errors),
    }


def read_once(path: Path) -> dict:
    """Run in a child process: the file read as an import reads it, and nothing else."""
    django_setup()
    from assets.importing.readers import file_read, sheets_read

    started = time.perf_counter()
    with path.open("rb") as upload:
        sheets = sheets_read(content=file_read(file=upload, filename=path.name), filename=path.name)
        rows = sum(1 for sheet in sheets for _ in sheet.rows) - 1  # the header
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rows": rows,
        "rows_per_second": rows / seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child(path: Path, mode: str = "--child") -> dict:
    result = subprocess.run(
        [sys.executable, __file__, mode, str(path)], cwd=ROOT, env=environment(), capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--child-reader")
    options = parser.parse_args()
    if options.child:
        print(json.dumps(import_once(Path(options.child))))
        return
    if options.child_reader:
        print(json.dumps(read_once(Path(options.child_reader))))
        return
    path = prepare(options.rows)
    firsts, seconds, readers = [], [], []
    for run in range(1, options.repeat + 1):
        clear()
        reader = child(path, "--child-reader")
        first, second = child(path), child(path)
        for name, result in (("first", first), ("second", second)):
            if result["errors"]:
                sys.exit(f"Run {run}, {name} import failed: {result['summary']}")
        print(f"run {run}: bare reader {reader['seconds']:.1f} s ({reader['rows_per_second']:,.0f} rows/s)")
        print(
            f"run {run}: first {first['seconds']:.1f} s ({first['rows_per_second']:,.0f} rows/s, "
            f"{first['peak_mb']:.0f} MB) [{first['summary']}]; second {second['seconds']:.1f} s "
            f"({second['rows_per_second']:,.0f} rows/s, {second['peak_mb']:.0f} MB) [{second['summary']}]"
        )
        firsts.append(first)
        seconds.append(second)
        readers.append(reader)

    def median(results, key):
        return statistics.median(result[key] for result in results)

    print(f"\n{options.rows:,} rows, median of {options.repeat}:")
    named = (("bare reader (read only)", readers), ("first import (all created)", firsts))
    for name, results in (*named, ("second import (unchanged)", seconds)):
        print(
            f"  {name}: {median(results, 'seconds'):.1f} s, {median(results, 'rows_per_second'):,.0f} rows/s, "
            f"peak {median(results, 'peak_mb'):.0f} MB"
        )
    print(f"  second import faster by {median(firsts, 'seconds') / median(seconds, 'seconds'):.1f}x")
    for name, results in (("first", firsts), ("second", seconds)):
        ratio = median(results, "seconds") / median(readers, "seconds")
        print(f"  {name} import takes {ratio:.1f}x the bare reader's time")
    load = os.getloadavg()
    print(f"  load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
