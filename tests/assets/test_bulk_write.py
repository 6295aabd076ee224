"""The bulk write of an import: on PostgreSQL new cameras and their history rows go in with COPY, and must be the
rows the ORM's bulk path (still used on other databases) writes; a failure part-way leaves nothing."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from assets.models import Camera
from assets.services import camera_build, cameras_bulk_write
from core import bulk_copy
from core.bulk_read import record_from_values, records_values
from registry.services import site_build, site_save
from tests import factories

needs_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
HistoricalCamera = Camera.history.model
# Numbered by the database, or the instant of the write: compared apart.
OWN_COLUMNS = {"id", "history_id", "created_at", "updated_at", "history_date"}


def built_cameras(site, prefix: str) -> list[Camera]:
    """Cameras as the import builds them: every kind of value, text that CSV must quote, blanks and nulls."""
    return [
        camera_build(
            site=site,
            asset_tag=f"{prefix}-1",
            manufacturer=factories.manufacturer("hikvision"),
            install_date=datetime.date(2019, 2, 28),
            networked=True,
            notes='Pole 3, "north"\nsecond line \\ backslash\ttab',
            location_description="",
        ),
        camera_build(
            site=site,
            asset_tag=f"{prefix}-2",
            manufacturer=None,
            install_date=None,
            status="planned",
            model="DS-2CD",
            serial_number="NULL",
            origin_country="SE",
        ),
        camera_build(
            site=site,
            asset_tag=f"{prefix}-3",
            manufacturer=factories.manufacturer("axis-communications"),
            install_date=datetime.date(2015, 3, 1),
            status="decommissioned",
            decommissioned_date=datetime.date(2022, 1, 1),
            end_of_life_date=datetime.date(2024, 6, 30),
            notes="£ é 漢字",
        ),
    ]


def stored_rows(model, asset_tags: dict[str, str]) -> list[dict]:
    """The rows of the given cameras (or their history), their asset tags put back to one shared name."""
    rows = []
    for row in model.objects.filter(asset_tag__in=asset_tags).values():
        row["asset_tag"] = asset_tags[row["asset_tag"]]
        rows.append({name: value for name, value in row.items() if name not in OWN_COLUMNS})
    return sorted(rows, key=lambda row: row["asset_tag"])


@needs_postgresql
def test_copy_writes_the_rows_and_history_the_orm_writes(council, library, officer):
    now = timezone.now()
    with transaction.atomic():
        bulk_create_with_history(
            built_cameras(library, "ORM"),
            Camera,
            default_user=officer,
            default_change_reason="Imported from cameras.xlsx",
            default_date=now,
        )
    copied = built_cameras(library, "COPY")
    cameras_bulk_write(created=copied, updated=[], reason="Imported from cameras.xlsx", user=officer)

    names = {f"{prefix}-{n}": f"X-{n}" for prefix in ("ORM", "COPY") for n in (1, 2, 3)}
    orm = {tag: name for tag, name in names.items() if tag.startswith("ORM")}
    copy = {tag: name for tag, name in names.items() if tag.startswith("COPY")}
    assert stored_rows(Camera, copy) == stored_rows(Camera, orm)
    assert stored_rows(HistoricalCamera, copy) == stored_rows(HistoricalCamera, orm)
    history = HistoricalCamera.objects.filter(asset_tag__startswith="COPY")
    assert {(row.history_type, row.history_user_id, row.history_change_reason) for row in history} == {
        ("+", officer.pk, "Imported from cameras.xlsx")
    }
    # Each camera is saved as bulk_create leaves it: with its key, its timestamps and its history row's key.
    for camera in copied:
        assert not camera._state.adding
        stored = Camera.objects.get(pk=camera.pk)
        assert stored.asset_tag == camera.asset_tag
        assert stored.created_at == stored.updated_at == camera.created_at
        assert history.get(id=camera.pk).created_at == stored.created_at
    # The register's own reading of the history sees the import as it sees any creation.
    assert Camera.objects.get(pk=copied[0].pk).history.get().history_type == "+"


@needs_postgresql
def test_copy_keeps_a_cameras_own_history_user_and_reason_and_the_key_of_a_site_saved_since(
    council, library, officer, viewer
):
    """The paths the import itself never takes, but bulk_create_with_history honours: each camera's own history
    user and reason, and a related record saved after the camera was built."""
    now = timezone.now()

    def cameras(prefix: str) -> list[Camera]:
        new_site = site_build(organisation=council, name=f"{prefix} depot", category=library.category)
        built = [*built_cameras(library, prefix), camera_build(site=new_site, asset_tag=f"{prefix}-4")]
        built[0]._change_reason, built[1]._history_user = "Moved by hand", viewer
        site_save(site=new_site)
        return built

    with transaction.atomic():
        orm = cameras("ORM")
        bulk_create_with_history(orm, Camera, default_user=officer, default_change_reason="Imported", default_date=now)
    copied = cameras("COPY")
    cameras_bulk_write(created=copied, updated=[], reason="Imported", user=officer)

    for ours, theirs in zip(copied, orm, strict=True):
        assert ours.site_id == Camera.objects.get(pk=ours.pk).site_id
        mine = HistoricalCamera.objects.get(id=ours.pk)
        expected = HistoricalCamera.objects.get(id=theirs.pk)
        assert (mine.history_user_id, mine.history_change_reason) == (
            expected.history_user_id,
            expected.history_change_reason,
        )
    assert {row.history_change_reason for row in HistoricalCamera.objects.filter(asset_tag__startswith="COPY")} == {
        "Moved by hand",
        "Imported",
    }


@needs_postgresql
def test_copy_numbers_new_cameras_after_existing_ones_and_the_next_save_follows(council, library):
    before = factories.camera(library, asset_tag="BEFORE")
    copied = built_cameras(library, "COPY")
    cameras_bulk_write(created=copied, updated=[], reason="Imported")
    after = factories.camera(library, asset_tag="AFTER")
    assert before.pk < min(camera.pk for camera in copied) <= max(camera.pk for camera in copied) < after.pk


@needs_postgresql
def test_a_failure_in_the_middle_of_the_history_rows_leaves_nothing(council, library, monkeypatch):
    factories.camera(library, asset_tag="KEPT")
    counts = (Camera.objects.count(), HistoricalCamera.objects.count())
    history_rows = bulk_copy._history_rows

    def failing_half_way(records, *args):
        for number, row in enumerate(history_rows(records, *args)):
            if number == 2:
                raise RuntimeError("disk full")
            yield row

    monkeypatch.setattr(bulk_copy, "_history_rows", failing_half_way)
    monkeypatch.setattr(bulk_copy, "CHUNK_CHARACTERS", 10)  # every row its own chunk: two are sent first
    cameras = built_cameras(library, "COPY")
    for camera in cameras:
        camera._change_reason = "Moved by hand"  # its own: the history rows are sent, not made by the database
    with pytest.raises(DatabaseError, match="disk full"):  # psycopg2 ends the COPY and says why
        cameras_bulk_write(created=cameras, updated=[], reason="Imported")
    assert (Camera.objects.count(), HistoricalCamera.objects.count()) == counts


@needs_postgresql
def test_history_rows_the_database_refuses_leave_no_camera_either(council, library):
    factories.camera(library, asset_tag="KEPT")
    counts = (Camera.objects.count(), HistoricalCamera.objects.count())
    with pytest.raises(DatabaseError), transaction.atomic():  # the import's own transaction, rolled back
        cameras_bulk_write(created=built_cameras(library, "COPY"), updated=[], reason="x" * 101)  # history's limit: 100
    assert (Camera.objects.count(), HistoricalCamera.objects.count()) == counts


@needs_postgresql
def test_a_refused_row_in_the_copy_is_a_database_error_and_leaves_nothing(council, library):
    factories.camera(library, asset_tag="TAKEN")
    counts = (Camera.objects.count(), HistoricalCamera.objects.count())
    cameras = built_cameras(library, "COPY")
    cameras[2].asset_tag = "TAKEN"  # as if someone else created it between the checks and the write
    with pytest.raises(DatabaseError):
        cameras_bulk_write(created=cameras, updated=[], reason="Imported")
    assert (Camera.objects.count(), HistoricalCamera.objects.count()) == counts


def test_records_built_from_their_values_are_what_the_queryset_gives(register):
    cameras = Camera.objects.order_by("pk")
    read = [record_from_values(Camera, values, db=cameras.db) for values in records_values(cameras)]
    assert len(read) == cameras.count() > 0
    for lean, full in zip(read, cameras.iterator(), strict=True):
        assert {name: value for name, value in vars(lean).items() if name != "_state"} == {
            name: value for name, value in vars(full).items() if name != "_state"
        }
        assert (lean._state.adding, lean._state.db) == (full._state.adding, full._state.db)
        assert lean.origin_country == full.origin_country and lean.site == full.site
    # A value repeated across records is held once.
    assert len({id(camera.status) for camera in read if camera.status == "operational"}) == 1
