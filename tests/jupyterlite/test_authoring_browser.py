"""Browser: an Academy admin builds an answer recipe and sees the answer and its summary before saving;
the catalogue page lists a dataset's versions and which version an exercise uses (reflow and axe)."""

import os

import pytest

from jupyterlite import services
from jupyterlite.models import Exercise, Question
from tests.conftest import give_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CSV = b"ward,kind,cost\nNorth,Pothole,10\nNorth,Kerb,30\nSouth,Pothole,20\n"


def test_admin_works_out_a_recipe_answer_before_saving(
    page, site_with_home, admin_user, sign_in_with_second_factor, axe_check, tmp_path
):
    shots = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
    dataset = services.dataset_create_from_upload(
        title="Defects",
        slug="defects",
        description="Road defects.",
        owner="Highways",
        licence="OGL",
        data=CSV,
    )
    exercise = Exercise.objects.create(
        slug="pothole-costs",
        title="Pothole costs",
        instructions="<p>Total them.</p>",
        dataset_versions={"defects": 1},
    )
    exercise.datasets.set([dataset])
    exercise.save()  # a parental many-to-many is written when the exercise is saved
    Question.objects.create(exercise=exercise, key="kerbs", prompt="How many kerbs?", expected_value="1")
    services.dataset_add_version(
        user=admin_user, dataset=dataset, data=CSV + b"South,Kerb,5\n", note="More rows"
    )

    give_authenticator(admin_user)
    sign_in_with_second_factor(page, admin_user)
    page.goto(f"/admin/snippets/jupyterlite/exercise/edit/{exercise.pk}/")
    recipe = page.locator("[data-recipe]").first
    recipe.get_by_label("Dataset", exact=True).select_option("defects")
    recipe.get_by_label("Dataset version").fill("1")
    recipe.locator("[id$='filter-0-column']").fill("kind")
    recipe.locator("[id$='filter-0-op']").select_option("equals")
    recipe.locator("[id$='filter-0-value']").fill("Pothole")
    recipe.get_by_label("Measure", exact=True).select_option("sum")
    recipe.get_by_label("Column to measure").fill("cost")
    recipe.get_by_role("button", name="Work out the answer").click()
    result = recipe.locator("[data-recipe-result]")
    result.get_by_text("Answer: 30").wait_for()
    assert "SELECT SUM(cost) FROM defects (version 1) WHERE kind = 'Pothole'" in result.inner_text()
    recipe.scroll_into_view_if_needed()
    page.screenshot(path=f"{shots}/recipe-1280.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 800})
    recipe.get_by_role("button", name="Work out the answer").scroll_into_view_if_needed()
    page.screenshot(path=f"{shots}/recipe-320.png")

    # The learner-facing catalogue page (not Wagtail): versions, the version the exercise uses; reflow, axe.
    page.goto("/datasets/defects/")
    content = page.content()
    assert "uses version 1" in content and "(current)" in content and "More rows" in content
    page.screenshot(path=f"{shots}/catalogue-versions-320.png", full_page=True)
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 321)"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"
    )
    assert not wide, wide
    axe_check(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"{shots}/catalogue-versions-1280.png", full_page=True)
    assert not page.off_host_requests


def test_admin_previews_a_draft_with_the_lab_running(
    page, site_with_home, lab_demo, lab_built, admin_user, sign_in_with_second_factor, tmp_path
):
    shots = os.environ.get("SCREENSHOT_DIR") or str(tmp_path)
    exercise = lab_demo["foi-on-time"]
    give_authenticator(admin_user)
    sign_in_with_second_factor(page, admin_user)
    page.goto(f"/admin/snippets/jupyterlite/exercise/edit/{exercise.pk}/")
    page.locator("#id_starter_code").fill('# %%\nfrom academy import load_dataset\nprint("draft", 6 * 7)')
    page.get_by_role("button", name="Toggle preview").click()
    preview = next(f for f in _frames_when(page, "preview") if "preview" in f.url)
    preview.wait_for_selector("[data-lab-state=ready]", state="attached", timeout=150_000)
    lab = next(f for f in page.frames if "/lab/notebooks/" in f.url and "preview-foi-on-time" in f.url)
    try:
        lab.wait_for_selector(".jp-Cell:has-text('print(\"draft\", 6 * 7)')", timeout=30_000)
    except Exception:
        page.screenshot(path=f"{shots}/preview-fail.png")
        print("URL", lab.url)
        print("CELLS", lab.locator(".jp-Cell").all_inner_texts()[:3])
        raise
    assert preview.locator("[data-lab-changed]").is_hidden()  # the draft's own version: no "changed" banner
    page.screenshot(path=f"{shots}/preview-lab-1280.png")
    assert not page.off_host_requests
    # The draft was never saved: learners still get the published notebook.
    assert "draft" not in Exercise.objects.get(pk=exercise.pk).starter_code


def _frames_when(page, part, timeout=30_000):
    page.wait_for_function(
        f"() => [...document.querySelectorAll('iframe')].some(f => f.src.includes('{part}'))", timeout=timeout
    )
    page.wait_for_timeout(500)
    return page.frames
