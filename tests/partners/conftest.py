import io

import openpyxl
import pytest

from jobfair.models import UserRole

from ..conftest import PASSWORD


@pytest.fixture
def organizer(create_user):
    return create_user(role=UserRole.ORGANIZER)


@pytest.fixture
def organizer_client(app, organizer):
    client = app.test_client()
    assert client.post(
        "/auth/login", data={"identifier": organizer.email, "password": PASSWORD}
    ).status_code == 302
    return client


def xlsx(rows, *, merge=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")
