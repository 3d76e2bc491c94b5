import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jupyterlite import services
from jupyterlite.models import Dataset

UPLOAD_URL = "/admin/datasets/upload/"
GOOD = b"ward,reported,count,cost\nAbbeyfield,2024-01-02,3,10.50\nWestmere,2024-02-03,5,7\n"


def form(data=GOOD, name="data.csv", **extra):
    return {
        "title": "My data",
        "slug": "my-data",
        "description": "Test",
        "owner": "Team",
        "licence": "OGL",
        "file": SimpleUploadedFile(name, data, content_type="text/csv"),
        **extra,
    }


def test_good_upload_saves_dataset_with_inferred_types(client_for, admin_user):
    response = client_for(admin_user).post(UPLOAD_URL, form())
    assert response.status_code == 302
    dataset = Dataset.objects.get(slug="my-data")
    assert dataset.row_count == 2 and dataset.source == Dataset.UPLOAD
    assert [c["type"] for c in dataset.columns] == ["text", "date", "integer", "decimal"]


@pytest.mark.parametrize(
    ("data", "extra", "message"),
    [
        (b"ward,count\nA\x00B,1\n", {}, "The file contains NUL bytes (the first at byte 12)"),
        (b"", {}, "empty"),
        (b"ward,,count\na,b,1\n", {}, "needs a name"),
        (b"ward,ward\na,b\n", {}, "repeated: ward"),
        (b"ward,count\n", {}, "no data rows"),
        (b"ward,count\na,1\nb,2,3\n", {}, "Row 3 has 3 values"),
        (b"ward,count\na,1\nb,lots\n", {"column_types": "count: integer"}, "but row 3 has"),
        (GOOD, {"column_types": "count: money"}, "type one of"),
        (GOOD, {"column_types": "missing: integer"}, "not in the header"),
        (b"a,b\n" + b"x,1\n" * (services.MAX_UPLOAD_BYTES // 4 + 1), {}, "the limit is 5 MB"),
    ],
    ids=[
        "encoding",
        "empty",
        "blank-header",
        "duplicate-header",
        "no-rows",
        "ragged",
        "bad-type",
        "unknown-type",
        "unknown-column",
        "too-big",
    ],
)
def test_bad_upload_named_and_nothing_saved(client_for, admin_user, data, extra, message):
    response = client_for(admin_user).post(UPLOAD_URL, form(data, **extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Dataset.objects.exists()


def test_duplicate_slug_refused(client_for, admin_user):
    client = client_for(admin_user)
    client.post(UPLOAD_URL, form())
    response = client.post(UPLOAD_URL, form())
    assert response.status_code == 400 and "already exists" in response.content.decode()
    assert Dataset.objects.count() == 1


@pytest.mark.parametrize("who", ["learner", "champion", "hr_user"])
def test_only_academy_admins_upload(request, client_for, who):
    user = request.getfixturevalue(who)
    response = client_for(user).post(UPLOAD_URL, form())
    assert response.status_code in (302, 403)
    assert not Dataset.objects.exists()


def test_uploaded_dataset_usable_in_computation_free_question(client_for, admin_user, learner):
    client_for(admin_user).post(UPLOAD_URL, form())
    response = client_for(learner).get("/datasets/my-data.csv")
    assert response.status_code == 200 and response.content.startswith(b"ward,reported")


def test_a_cp1252_file_with_pounds_is_read_and_converted_with_a_notice():
    notices = []
    text, columns, rows = services.validate_csv("ward,amount\nCafé £,12\n".encode("cp1252"), notices=notices)
    assert "Café £" in text and rows == 1
    assert any("read as Windows-1252" in n for n in notices)


def test_excels_empty_trailing_columns_are_dropped():
    notices = []
    text, columns, rows = services.validate_csv(b"ward,count,,\nA,1,,\nB,2,,\n", notices=notices)
    assert [c["name"] for c in columns] == ["ward", "count"] and rows == 2
    assert (
        text.splitlines()[0] == "ward,count" and "2 empty columns at the end of the file dropped." in notices
    )


def test_a_double_encoded_byte_order_mark_is_stripped():
    data = "\ufeffBody Name,count\nA,1\n".encode().decode("cp1252").encode()
    assert data.startswith("ï»¿".encode())
    text, columns, rows = services.validate_csv(data)
    assert columns[0]["name"] == "Body Name"


def test_amounts_written_as_excel_shows_them_are_numbers_and_kept_as_written():
    """Issue 21.7: "£1,234.50" and "1,200" are numbers, not text; the CSV keeps them as written."""
    data = 'supplier,amount,items,note\nA,"£1,234.50","1,200",x\nB,£7,3,y\nC,-£12.00,-4,z\n'.encode("cp1252")
    notices = []
    text, columns, rows = services.validate_csv(data, notices=notices)
    assert [c["type"] for c in columns] == ["text", "decimal", "integer", "text"]
    assert '"£1,234.50"' in text and "-£12.00" in text and rows == 3
    # Not every comma is a thousands separator: "1,23" is text.
    _, columns, _ = services.validate_csv(b'amount\n"1,23"\n"12,345"\n', notices=[])
    assert columns[0]["type"] == "text"
