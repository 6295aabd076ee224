import io

import pytest
from rest_framework.test import APIClient

from assets.demo import load_demo
from registry.choices import Role
from tests import factories


@pytest.fixture
def demo(db):
    return load_demo()


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
