import datetime
import io

import pytest
from rest_framework.test import APIClient

from assets.demo import load_demo
from foi import services
from registry.choices import Role
from tests import factories


@pytest.fixture
def demo(db):
    return load_demo()


@pytest.fixture
def library_register(council, library, other_council):
    """Three cameras in the council's library (an EZVIZ counts under Hikvision; the Bosch is its one networked
    camera), a faulty one in its car park, and another council's that no answer may count."""
    car_park = factories.site(council, name="Market Car Park", category_slug="car-park")
    factories.camera(
        library,
        asset_tag="LIB-2",
        manufacturer=factories.manufacturer("bosch"),
        install_date=datetime.date(2021, 5, 4),
        networked=True,
        location_description="Foyer",
        serial_number="B-1",
    )
    factories.camera(library, asset_tag="LIB-1", install_date=datetime.date(2019, 3, 1))
    factories.camera(
        library, asset_tag="LIB-3", manufacturer=factories.manufacturer("ezviz"), install_date=datetime.date(2023, 9, 1)
    )
    factories.camera(car_park, asset_tag="CP-1", manufacturer=factories.manufacturer("dahua"), status="faulty")
    factories.camera(factories.site(other_council, name="Their Library"), asset_tag="THEIRS", networked=True)


@pytest.fixture
def library_request(council, library_register):
    return services.foi_request_create(
        organisation=council,
        reference="FOI-7",
        received_date=datetime.date(2024, 6, 3),
        subject="Library cameras",
        request_text="How many cameras are in your libraries, by vendor?",
    )


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def foi_client(council):
    return client_for(factories.user_with_role(council, Role.FOI))


@pytest.fixture
def viewer_client(council):
    return client_for(factories.user_with_role(council, Role.VIEWER))


def read_with_openpyxl(content: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content))


def read_with_calamine(content: bytes) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}
