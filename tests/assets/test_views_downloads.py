import csv
import datetime
import io

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from tests import factories

FORMULA_LOOKALIKES = ["=1+1", "+44 20 7946 0000", "-2", "@SUM(A1)"]


@pytest.fixture
def tricky_cameras(library, other_council):
    factories.camera(factories.site(other_council), asset_tag="OTHER-ORG")
    return [
        factories.camera(
            library, asset_tag=f"T-{index}", model=text, notes=text, install_date=datetime.date(2021, 5, 4)
        )
        for index, text in enumerate(FORMULA_LOOKALIKES)
    ]


def download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.django_db
class TestCsvDownload:
    def test_rows_follow_the_filters_and_formula_text_stays_text(self, officer_client, tricky_cameras):
        content = download(officer_client, "/cameras/download.csv?ordering=asset_tag")
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
        assert [row["Asset tag"] for row in rows] == ["T-0", "T-1", "T-2", "T-3"]
        assert [row["Model"] for row in rows] == [f"'{text}" for text in FORMULA_LOOKALIKES]
        assert rows[0]["Install date"] == "2021-05-04"
        assert rows[0]["Networked"] == "No"
        assert rows[0]["Origin country"] == "China"

    def test_filters_apply(self, officer_client, tricky_cameras):
        content = download(officer_client, "/cameras/download.csv?q=T-2")
        assert len(list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))) == 2


@pytest.mark.django_db
class TestXlsxDownload:
    def test_openpyxl_reads_text_as_text_and_dates_as_dates(self, officer_client, tricky_cameras):
        content = download(officer_client, "/cameras/download.xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        headings = [cell.value for cell in sheet[1]]
        model, install = headings.index("Model") + 1, headings.index("Install date") + 1
        assert [sheet.cell(row=row, column=1).value for row in range(2, 6)] == ["T-0", "T-1", "T-2", "T-3"]
        models = [sheet.cell(row=row, column=model) for row in range(2, 6)]
        assert [cell.value for cell in models] == FORMULA_LOOKALIKES
        assert {cell.data_type for cell in models} == {"s"}
        install_cell = sheet.cell(row=2, column=install)
        assert install_cell.value == datetime.datetime(2021, 5, 4)
        assert install_cell.number_format == "dd/mm/yyyy"
        assert sheet.max_row == 5

    def test_a_second_reader_agrees(self, officer_client, tricky_cameras):
        content = download(officer_client, "/cameras/download.xlsx")
        rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
        headings = rows[0]
        models = [row[headings.index("Model")] for row in rows[1:]]
        assert models == FORMULA_LOOKALIKES
        assert rows[1][headings.index("Install date")] == datetime.date(2021, 5, 4)

    def test_needs_sign_in(self, client):
        assert client.get("/cameras/download.xlsx").status_code == 302
