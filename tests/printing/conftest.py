import os

import pytest

from tests.printing.libreoffice import missing_tools, print_workbook


@pytest.fixture(scope="session")
def libreoffice_profile(tmp_path_factory):
    """A LibreOffice profile of the test run's own, so a person's open LibreOffice never blocks the conversion."""
    missing = missing_tools()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} missing: CI must run the printing tests.")
        pytest.skip(f"{', '.join(missing)} missing: printing tests skipped locally.")
    return tmp_path_factory.mktemp("libreoffice-profile")


@pytest.fixture
def print_to_pdf(libreoffice_profile):
    return lambda content, name: print_workbook(content, name, profile=libreoffice_profile)
