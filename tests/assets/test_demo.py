import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from assets.models import Camera
from registry.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    call_command("load_demo")
    return capsys.readouterr().out


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
    call_command("load_demo")
    after = list(Camera.objects.order_by("asset_tag").values_list("asset_tag", "install_date", "manufacturer"))
    assert after == before
    assert Membership.objects.count() == 4
