import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import override_settings

from assets.models import Camera
from registry.models import Membership, SurveillanceSystem

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    with override_settings(DEBUG=True):
        call_command("load_demo")
    return capsys.readouterr().out


@override_settings(DEBUG=False)
def test_demo_refuses_without_debug_and_creates_nobody():
    with pytest.raises(CommandError, match="DEBUG=1 python manage.py load_demo"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()
    assert not Camera.objects.exists()


@pytest.mark.parametrize(("debug", "refused"), [("0", True), ("", True), ("1", False)])
def test_the_command_line_reads_debug_from_the_environment(debug, refused, tmp_path):
    """As `make run` and the CI script run it, against a throwaway SQLite database."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DEBUG": debug, "SECRET_KEY": "test-only", "DATABASE_URL": f"sqlite:///{tmp_path}/demo.db"}
    env.pop("CCTV_TESTING", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if not refused:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True)
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"], cwd=root, env=env, capture_output=True, text=True
    )
    if refused:
        assert result.returncode == 1
        assert "runs only with DEBUG on: DEBUG=1 python manage.py load_demo" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert "demo-admin" in result.stdout


def test_demo_tells_the_story(demo):
    cameras = Camera.objects.filter(organisation__slug="demo-borough")
    libraries = cameras.filter(site__category__slug="library")
    assert libraries.count() == 53
    assert libraries.filter(status="operational").count() == 53
    assert libraries.filter(manufacturer__slug="hikvision").count() == 50
    assert libraries.filter(networked=True).count() == 0
    public_space = cameras.filter(site__category__slug="public-space")
    assert public_space.count() == 300
    assert public_space.filter(networked=True).count() == 300
    assert public_space.filter(origin_country="CN").count() == 0
    assert cameras.filter(site__category__slug="car-park").exists()
    assert cameras.filter(site__category__slug="leisure-centre").exists()
    assert 1 <= cameras.filter(status="decommissioned").count() <= 10


def test_demo_creates_one_login_per_role_and_prints_them(demo):
    roles = dict(Membership.objects.filter(organisation__slug="demo-borough").values_list("user__username", "role"))
    assert roles == {"demo-viewer": "viewer", "demo-officer": "officer", "demo-foi": "foi", "demo-admin": "admin"}
    for username in roles:
        assert username in demo
        assert get_user_model().objects.get(username=username).check_password("demo-register-2026")


def test_demo_is_idempotent(demo):
    before = list(Camera.objects.order_by("asset_tag").values_list("asset_tag", "install_date", "manufacturer"))
    with override_settings(DEBUG=True):
        call_command("load_demo")
    after = list(Camera.objects.order_by("asset_tag").values_list("asset_tag", "install_date", "manufacturer"))
    assert after == before
    assert Membership.objects.count() == 4


def test_demo_groups_cameras_into_surveillance_camera_systems(demo):
    systems = dict(
        SurveillanceSystem.objects.filter(organisation__slug="demo-borough")
        .annotate(camera_count=Count("cameras"))
        .values_list("name", "camera_count")
    )
    assert systems == {"Library CCTV": 53, "Town centre public space CCTV": 300, "Car parks CCTV": 16}
    library = SurveillanceSystem.objects.get(name="Library CCTV")
    assert library.responsible_officer.username == "demo-admin"
    assert library.next_review_due < datetime.date.today()  # so the dashboard has a review due
    with override_settings(DEBUG=True):
        call_command("load_demo")
    assert SurveillanceSystem.objects.count() == 3
