"""Datasets and Exercises in the Wagtail admin: menu items and every admin URL per role, and the dataset editor."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from jupyterlite.models import Dataset, Exercise, Question
from tests.jupyterlite.test_uploads import UPLOAD_URL, form

ROLES = ["anonymous", "learner", "champion", "hr_user", "admin_user"]


@pytest.fixture
def objects(db):
    dataset = Dataset.objects.create(
        title="Requests",
        slug="requests",
        description="d",
        owner="Team",
        licence="OGL",
        columns=[{"name": "ward", "type": "text", "description": ""}],
        csv_text="ward\nNorth\n",
        row_count=1,
    )
    exercise = Exercise.objects.create(slug="count-it", title="Count it", instructions="<p>x</p>", live=False)
    Question.objects.create(exercise=exercise, key="q1", prompt="How many?", expected_value="1")
    return {"dataset": dataset, "exercise": exercise}


def admin_urls(objects):
    urls = [UPLOAD_URL]
    for name, obj in objects.items():
        prefix = f"wagtailsnippets_jupyterlite_{name}"
        urls.append(reverse(f"{prefix}:list"))
        urls.append(reverse(f"{prefix}:add"))
        for view in ("edit", "delete", "inspect", "usage", "history"):
            urls.append(reverse(f"{prefix}:{view}", args=[obj.pk]))
    return urls


def _user(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


@pytest.mark.parametrize("who", ROLES)
def test_admin_menu_has_datasets_and_exercises_for_academy_admins_only(request, client_for, who):
    response = client_for(_user(request, who)).get("/admin/")
    if who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        return
    if who in ("learner", "champion"):
        assert response.status_code in (302, 403)
        return
    assert response.status_code == 200
    html = response.content.decode()
    shown = {label for label in ("Datasets", "Exercises") if f'"{label}"' in html}
    assert shown == ({"Datasets", "Exercises"} if who == "admin_user" else set())


@pytest.mark.parametrize("who", ROLES)
def test_every_dataset_and_exercise_admin_url_per_role(request, client_for, objects, who):
    client = client_for(_user(request, who))
    for url in admin_urls(objects):
        response = client.get(url)
        if who == "admin_user":
            expected = 302 if url.endswith("/dataset/add/") else 200
            assert response.status_code == expected, url
            if expected == 302:
                assert response["Location"] == UPLOAD_URL
        elif who == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/"), url
        else:
            # Signed in without the rights: refused (HR is sent to the admin home with "no permission").
            assert response.status_code in (302, 403), url
            if response.status_code == 302:
                assert not response["Location"].startswith(url), url


@pytest.mark.parametrize("who", ["anonymous", "learner", "champion", "hr_user"])
def test_only_academy_admins_can_delete_or_change(request, client_for, objects, who):
    client = client_for(_user(request, who))
    for name, obj in objects.items():
        client.post(reverse(f"wagtailsnippets_jupyterlite_{name}:delete", args=[obj.pk]))
        client.post(reverse(f"wagtailsnippets_jupyterlite_{name}:edit", args=[obj.pk]), {"title": "Hacked"})
    assert Dataset.objects.get().title == "Requests"
    assert Exercise.objects.get().title == "Count it"


def test_admin_deletes_a_dataset(client_for, admin_user, objects):
    url = reverse("wagtailsnippets_jupyterlite_dataset:delete", args=[objects["dataset"].pk])
    assert client_for(admin_user).post(url).status_code == 302
    assert not Dataset.objects.exists()


def test_listing_search_and_filter(client_for, admin_user, objects):
    client = client_for(admin_user)
    listing = reverse("wagtailsnippets_jupyterlite_dataset:list")
    assert "Requests" in client.get(listing, {"q": "requ"}).content.decode()
    assert "Requests" not in client.get(listing, {"q": "zzz"}).content.decode()
    assert "Requests" not in client.get(listing, {"source": "sample"}).content.decode()
    exercises = reverse("wagtailsnippets_jupyterlite_exercise:list")
    assert "Count it" in client.get(exercises, {"live": "false"}).content.decode()
    assert "Count it" not in client.get(exercises, {"live": "true"}).content.decode()


def test_upload_lands_on_the_edit_page_without_a_permission_error(client_for, admin_user):
    response = client_for(admin_user).post(UPLOAD_URL, form(), follow=True)
    dataset = Dataset.objects.get(slug="my-data")
    assert response.redirect_chain == [
        (reverse("wagtailsnippets_jupyterlite_dataset:edit", args=[dataset.pk]), 302)
    ]
    assert response.status_code == 200
    texts = [str(m) for m in get_messages(response.wsgi_request)] + [response.content.decode()]
    assert "added with 2 rows" in " ".join(texts)
    assert "do not have permission" not in " ".join(texts)
    assert 'name="columns-0-description"' in texts[-1]


def _edit_data(dataset, **overrides):
    data = {
        "title": dataset.title,
        "slug": dataset.slug,
        "description": "Service requests by ward.",
        "owner": "Highways",
        "licence": "Open Government Licence v3.0",
        "known_issues": "Ward names changed in 2023.\nSome costs are missing.",
        "columns-count": str(len(dataset.columns)),
    }
    for index, column in enumerate(dataset.columns):
        data[f"columns-{index}-name"] = column["name"]
        data[f"columns-{index}-type"] = column["type"]
        data[f"columns-{index}-description"] = ""
    data.update(overrides)
    return data


@pytest.fixture
def uploaded(client_for, admin_user):
    client = client_for(admin_user)
    client.post(UPLOAD_URL, form())
    return client, Dataset.objects.get(slug="my-data")


def test_admin_describes_columns_and_edits_the_catalogue_facts(uploaded):
    client, dataset = uploaded
    url = reverse("wagtailsnippets_jupyterlite_dataset:edit", args=[dataset.pk])
    response = client.post(
        url,
        _edit_data(
            dataset,
            **{
                "columns-0-description": "Council ward",
                "columns-3-type": "decimal",
                "columns-2-type": "decimal",
            },
        ),
    )
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.owner == "Highways" and dataset.licence == "Open Government Licence v3.0"
    assert dataset.known_issue_list == ["Ward names changed in 2023.", "Some costs are missing."]
    assert dataset.columns[0] == {"name": "ward", "type": "text", "description": "Council ward"}
    assert dataset.columns[2]["type"] == "decimal"
    # The catalogue page shows the meaning.
    assert "Council ward" in client.get("/datasets/my-data/").content.decode()


@pytest.mark.parametrize(
    "overrides, message",
    [
        (
            {"columns-0-type": "integer"},
            "Column 'ward' should hold integer values, but row 2 has 'Abbeyfield'.",
        ),
        ({"columns-0-type": "colour"}, "Choose a type for column 'ward'"),
        ({"columns-0-name": "renamed"}, "The column names must match the file's header row."),
        ({"columns-count": "1"}, "The column names must match the file's header row."),
        ({"columns-0-description": "x" * 501}, "The meaning of column 'ward' is over 500 characters."),
    ],
)
def test_bad_column_edits_are_named_and_change_nothing(uploaded, overrides, message):
    client, dataset = uploaded
    before = dataset.columns
    url = reverse("wagtailsnippets_jupyterlite_dataset:edit", args=[dataset.pk])
    response = client.post(
        url, _edit_data(dataset, **{"columns-1-description": "Date reported", **overrides})
    )
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    dataset.refresh_from_db()
    assert dataset.columns == before and dataset.owner == "Team"
