import pytest


@pytest.fixture(autouse=True)
def import_uploads(settings, tmp_path):
    settings.CCTV_IMPORT_UPLOAD_DIR = tmp_path / "imports"
    return settings.CCTV_IMPORT_UPLOAD_DIR
