"""Backup and restore, as the README documents them: a populated register (cameras and their history, an FOI
request with issued responses whose frozen workbooks are stored) dumped and restored into an empty database
comes back identical: every row of every model, every history entry, every workbook byte.

SQLite (and any database): ``dumpdata --natural-foreign --natural-primary`` then ``flush`` and ``loaddata``.
PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists`` between scratch databases of our own,
skipped unless the suite runs on PostgreSQL with ``pg_dump`` on the PATH."""

import base64
import datetime
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import ForeignKey

from assets.services import camera_decommission, camera_update
from foi import services as foi_services
from foi.models import ResponseVersion
from registry.choices import Role
from registry.services import site_update
from tests import factories

# Left out of the dump, as the README says: rebuilt by migrate (content types, permissions) or not worth keeping
# (sessions: a restore signs everyone out).
ROOT = Path(__file__).resolve().parent.parent
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
DUMP_OPTIONS = {"format": "xml", "natural_foreign": True, "natural_primary": True, "exclude": EXCLUDED}


def populated_register():
    """Two councils' cameras with their history (edited, decommissioned, each with a reason and a user), and an
    FOI request answered twice: two issued responses, each with its frozen .xlsx."""
    council = factories.organisation(name="Backup Council", slug="backup-council")
    other = factories.organisation(name="Other Backup Council", slug="other-backup-council")
    officer = factories.user_with_role(council, Role.OFFICER, username="backup-officer")
    foi_officer = factories.user_with_role(council, Role.FOI, username="backup-foi")
    factories.user_with_role(other, Role.ADMIN, username="backup-other-admin")
    library = factories.site(council, name="Central Library", postcode="sw1a1aa", notes="Line one\nline two")
    cameras = [
        factories.camera(library, asset_tag=f"LIB-{number}", install_date=datetime.date(2019, 3, number))
        for number in range(1, 4)
    ]
    factories.camera(factories.site(other, name="Their Depot"), asset_tag="THEIRS-1", networked=True)
    camera_update(camera=cameras[0], reason="Moved to the foyer", location_description="Foyer, by the door")
    camera_decommission(camera=cameras[1], decommissioned_date=datetime.date(2024, 1, 31), reason="Broken lens")
    site_update(site=library, ward="St James's")
    for camera in cameras:
        camera.history.filter(history_user__isnull=True).update(history_user=officer)
    foi_request = foi_services.foi_request_create(
        organisation=council,
        reference="FOI-2024-0153",
        received_date=datetime.date(2024, 6, 3),
        subject="Library cameras",
        request_text="How many cameras are in your libraries, by vendor?",
    )
    foi_services.question_create(foi_request=foi_request, text="How many, by vendor?", group_by=["vendor"])
    foi_services.foi_request_issue(foi_request=foi_request, issued_by=foi_officer)
    foi_services.foi_request_issue(foi_request=foi_request, issued_by=foi_officer, reason="Internal review")


def natural_primary(model) -> bool:
    return hasattr(model, "natural_key")


def portable(value, field, using: str):
    """A value as it reads in any copy of the register: a reference to a user, group, permission or content type
    by its natural key (their ids are not kept by --natural-primary), bytes as bytes."""
    if isinstance(value, memoryview):
        return bytes(value)
    if value is not None and isinstance(field, ForeignKey) and natural_primary(field.related_model):
        return field.related_model._default_manager.db_manager(using).get(pk=value).natural_key()
    return value


def register_contents(using: str = "default") -> dict[str, list]:
    """Every row of every model (the history tables, the workbooks and the many-to-many tables included), as
    comparable values, in a stable order; sessions left out."""
    contents = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label in {"sessions.Session"}:
            continue
        fields = [field for field in model._meta.concrete_fields if not (natural_primary(model) and field.primary_key)]
        rows = [
            tuple(portable(getattr(row, field.attname), field, using) for field in fields)
            for row in model._default_manager.db_manager(using).all()
        ]
        contents[model._meta.label] = sorted(rows, key=repr)
    return contents


def history_and_workbooks(contents: dict[str, list]) -> tuple[dict, list]:
    history = {label: rows for label, rows in contents.items() if ".Historical" in label}
    return history, contents["foi.ResponseVersion"]


def test_dumpdata_and_loaddata_restore_every_row_history_entry_and_workbook_byte(db, tmp_path):
    populated_register()
    before = register_contents()
    history, versions = history_and_workbooks(before)
    assert sum(len(rows) for rows in history.values()) >= 10
    assert len(history["assets.HistoricalCamera"]) == 6, "four cameras created, one edited, one decommissioned"
    workbook = [field.name for field in ResponseVersion._meta.concrete_fields].index("workbook")
    assert len(versions) == 2 and all(row[workbook][:2] == b"PK" for row in versions), "two .xlsx workbooks"
    backup = tmp_path / "register.xml"

    call_command("dumpdata", output=str(backup), verbosity=0, **DUMP_OPTIONS)
    if connection.vendor == "postgresql":
        # The test runs in a transaction: its deferred foreign key checks must run before TRUNCATE may.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as in loaddata's own transaction, outside a test
    assert not apps.get_model("assets", "Camera").objects.exists()
    assert not apps.get_model("foi", "ResponseVersion").objects.exists()
    call_command("loaddata", str(backup), verbosity=0)

    after = register_contents()
    assert {label: len(rows) for label, rows in after.items()} == {label: len(rows) for label, rows in before.items()}
    assert history_and_workbooks(after) == (history, versions)
    assert after == before


def test_the_dump_holds_the_history_the_workbooks_to_the_byte_and_times_to_the_microsecond(db, tmp_path):
    populated_register()
    backup = tmp_path / "register.xml"
    call_command("dumpdata", output=str(backup), verbosity=0, **DUMP_OPTIONS)
    objects = ElementTree.parse(backup).getroot()
    models = {element.get("model") for element in objects}
    assert {"assets.historicalcamera", "registry.historicalsite", "foi.historicalfoirequest"} <= models
    assert not models & {"sessions.session", "contenttypes.contenttype", "auth.permission"}
    reasons = {field.text for field in objects.iterfind("object/field[@name='history_change_reason']")}
    assert {"Moved to the foyer", "Broken lens", "Response v1 issued"} <= reasons
    users = {field.findtext("natural") for field in objects.iterfind("object/field[@name='history_user']")}
    assert "backup-officer" in users  # by username: user ids are not kept
    workbooks = [base64.b64decode(field.text) for field in objects.iterfind("object/field[@name='workbook']")]
    stored = [bytes(version.workbook) for version in ResponseVersion.objects.order_by("number")]
    assert workbooks == stored and len(stored) == 2
    # JSON would keep milliseconds only; the dump keeps each change's time as stored.
    history_dates = [field.text for field in objects.iterfind("object/field[@name='history_date']")]
    stored_dates = {
        when.isoformat()
        for when in apps.get_model("assets", "HistoricalCamera").objects.values_list("history_date", flat=True)
    }
    assert stored_dates <= set(history_dates)


def postgres_available() -> bool:
    return connection.vendor == "postgresql" and bool(shutil.which("pg_dump") and shutil.which("pg_restore"))


def libpq_url(name: str) -> str:
    settings = connection.settings_dict
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgresql://{quote(settings['USER'] or '', safe='')}{password}@{host}:{port}/{name}"


def run(*command: str, database: str | None = None) -> None:
    env = os.environ | ({"DATABASE_URL": libpq_url(database)} if database else {})
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{' '.join(command[:3])} failed: {done.stderr[-2000:]}"


def manage(*arguments: str, database: str) -> None:
    run(sys.executable, "manage.py", *arguments, database=database)


def dumped_models(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for element in ElementTree.parse(path).getroot():
        counts[element.get("model")] = counts.get(element.get("model"), 0) + 1
    return counts


@pytest.mark.skipif("not postgres_available()", reason="needs PostgreSQL (DATABASE_URL) and pg_dump on the PATH")
def test_pg_dump_and_pg_restore_restore_every_row_history_entry_and_workbook_byte(db, tmp_path):
    """The register goes into a scratch database of its own (the test's own holds it in a transaction pg_dump cannot
    see), is dumped from there with pg_dump and restored with pg_restore into an empty one, whose dump then reads
    exactly as the register's own: every row, every history entry, every workbook byte."""
    populated_register()
    before, after = tmp_path / "before.xml", tmp_path / "after.xml"
    migrated, backup = tmp_path / "migrated.dump", tmp_path / "backup.dump"
    exclude = [f"--exclude={label}" for label in EXCLUDED]
    call_command("dumpdata", output=str(before), verbosity=0, **DUMP_OPTIONS)
    suffix = uuid.uuid4().hex[:10]
    source, target = f"cctv_backup_source_{suffix}", f"cctv_backup_target_{suffix}"
    # CREATE DATABASE cannot run inside the test's transaction: a connection of its own, outside it.
    server = connections.create_connection("default")
    server.connect()
    server.connection.autocommit = True
    try:
        for name in (source, target):
            server.connection.cursor().execute(f'CREATE DATABASE "{name}"')
        # The source: the test database as migrated (its schema and the rows migrations load), then the register.
        run("pg_dump", "--format=custom", f"--file={migrated}", libpq_url(connection.settings_dict["NAME"]))
        run("pg_restore", "--no-owner", f"--dbname={libpq_url(source)}", str(migrated))
        manage("flush", "--no-input", database=source)
        manage("loaddata", str(before), database=source)

        # What the README says to do.
        run("pg_dump", "--format=custom", f"--file={backup}", libpq_url(source))
        run("pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={libpq_url(target)}", str(backup))

        manage(
            "dumpdata",
            "--format=xml",
            "--natural-foreign",
            "--natural-primary",
            *exclude,
            "-o",
            str(after),
            database=target,
        )
    finally:
        for name in (source, target):
            server.connection.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()
    assert dumped_models(before)["foi.responseversion"] == 2
    assert dumped_models(after) == dumped_models(before)
    assert after.read_text() == before.read_text()
