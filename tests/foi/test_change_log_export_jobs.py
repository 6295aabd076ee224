"""A large change log download is written in the background (eagerly here, as without a broker) and is the direct
download cell by cell, for the same filters, reading only the asker's organisations."""

import pytest
from django.test import Client

from assets.models import ExportJob
from registry.choices import Role
from tests import factories
from tests.exports import assert_same_file, direct, through_a_job
from tests.foi.test_changes import changes  # noqa: F401 (the fixture)


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize("params", [{}, {"object_type": "camera"}], ids=["everything", "cameras"])
def test_a_large_change_log_is_the_direct_download_cell_by_cell(settings, council, changes, format, params):  # noqa: F811
    client = browser(factories.user_with_role(council, Role.ADMIN))
    url = f"/changes/download.{format}"
    streamed = direct(client, url, params)
    settings.CCTV_EXPORT_BACKGROUND_ROWS = 0

    from_job = through_a_job(client, url, params)

    assert_same_file(*streamed, *from_job)
    job = ExportJob.objects.get()
    assert job.processed == job.total > 0  # entries, as the count before writing counted them
    assert b"Their change" not in bytes(job.content)


@pytest.mark.django_db
def test_the_change_log_job_is_its_askers_alone(settings, council, other_council, changes):  # noqa: F811
    settings.CCTV_EXPORT_BACKGROUND_ROWS = 0
    job_page = browser(factories.user_with_role(council, Role.ADMIN)).get("/changes/download.xlsx")["Location"]
    for stranger in (factories.user_with_role(other_council, Role.ADMIN), factories.user_with_role(council, Role.FOI)):
        for suffix in ("", "status.json", "file"):
            assert browser(stranger).get(f"{job_page}{suffix}").status_code == 404


@pytest.mark.django_db
def test_bad_filters_are_refused_before_any_job(settings, council, changes):  # noqa: F811
    settings.CCTV_EXPORT_BACKGROUND_ROWS = 0
    refused = browser(factories.user_with_role(council, Role.ADMIN)).get("/changes/download.csv?object_type=lamp")
    assert refused.status_code == 400 and not ExportJob.objects.exists()
