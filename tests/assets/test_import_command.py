import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assets.models import Camera
from tests.assets.importing.spreadsheets import csv_bytes, xlsx_bytes

GOOD = [["Asset tag", "Site", "Make"], ["CAM-1", "Central Library", "HIKVISION"], ["CAM-2", "Central Library", "Axis"]]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cameras", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "cameras.xlsx"
    path.write_bytes(xlsx_bytes({"Cameras": GOOD}))
    return path


@pytest.mark.django_db
def test_imports_then_reimports_unchanged(council, library, good_file):
    out, err = run(str(good_file), "--organisation", "demo-council")
    assert out.strip() == "2 created, 0 updated, 0 unchanged"
    assert "2/2 rows checked" in err
    assert Camera.objects.count() == 2

    out, _ = run(str(good_file), "--organisation", "demo-council")
    assert out.strip() == "0 created, 0 updated, 2 unchanged"


@pytest.mark.django_db
def test_dry_run(council, library, good_file):
    out, _ = run(str(good_file), "--organisation", "demo-council", "--dry-run")
    assert out.strip() == "2 created, 0 updated, 0 unchanged (dry run: nothing written)"
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_problems_exit_non_zero_and_list_every_row(council, library, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([*GOOD, ["CAM-3", "Central Library", "Acme"], ["CAM-1", "Central Library", ""]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problems found: nothing was imported.") as raised:
        call_command("import_cameras", str(path), "--organisation", "demo-council", stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 1
    lines = err.getvalue().splitlines()
    assert (
        'bad.csv, row 4, column "Make", value "Acme": Unknown manufacturer: use a name in the register\'s '
        in "\n".join(lines)
    )
    assert 'bad.csv, row 5, column "Asset tag", value "CAM-1": This asset tag is also on row 2.' in lines
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_bad_arguments_are_clear(council, good_file, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "missing.xlsx"), "--organisation", "demo-council")
    with pytest.raises(CommandError, match='No organisation with the slug "nope"'):
        run(str(good_file), "--organisation", "nope")
    with pytest.raises(CommandError, match='No user called "ghost"'):
        run(str(good_file), "--organisation", "demo-council", "--user", "ghost")
