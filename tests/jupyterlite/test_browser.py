"""The lab in Chromium, offline: kernel starts, starter code runs, check() is graded by the server."""

import pytest

from jupyterlite.models import Attempt
from jupyterlite.services import expected_answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RUN_CELL = """async (code) => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await app.commands.execute("notebook:run-all-cells");
  const notebook = panel.content;
  notebook.activeCellIndex = notebook.widgets.length - 1;
  await app.commands.execute("notebook:insert-cell-below");
  notebook.activeCell.model.sharedModel.setSource(code);
  await app.commands.execute("notebook:run-cell");
}"""


def lab_frame(page):
    return next(f for f in page.frames if "/lab/notebooks/" in f.url)


def test_exercise_runs_in_browser_and_is_checked(page, site_with_home, lab_demo, lab_built, learner, sign_in):
    exercise = lab_demo["pothole-repair-times"]
    question = exercise.questions.get(key="potholes-count")
    right = expected_answer(question=question)
    sign_in(page, learner)
    page.goto(f"/exercises/{exercise.slug}/")
    logs = []
    page.on("console", lambda m: logs.append(f"{m.type}: {m.text[:300]}"))
    try:
        page.wait_for_selector("[data-lab-state=ready]", state="attached", timeout=70_000)
    except Exception:
        print(
            "STATUS",
            page.locator("[data-lab-status]").inner_text(),
            page.locator(".academy-exercise").get_attribute("data-lab-error"),
        )
        print("\n".join(logs[:30]))
        raise
    frame = lab_frame(page)
    frame.evaluate(RUN_CELL, 'check("potholes-count", len(potholes))  # starter code defined potholes')
    try:
        page.wait_for_selector("[data-lab-verdict]:has-text('Correct:')", timeout=30_000)
    except Exception:
        print("OUT", frame.locator(".jp-OutputArea-output").all_inner_texts(), list(Attempt.objects.values()))
        raise
    assert frame.get_by_text("Correct (potholes-count)").count() >= 1
    attempt = Attempt.objects.get(user=learner)
    assert attempt.correct and attempt.value == str(right)
    assert "answered correctly" in page.locator('[data-question-key="potholes-count"]').inner_text()

    frame.evaluate(RUN_CELL, 'check("potholes-count", len(rows))')
    page.wait_for_selector("[data-lab-verdict]:has-text('Not yet:')", timeout=30_000)
    assert frame.get_by_text("Not quite (potholes-count)").count() >= 1
    assert Attempt.objects.filter(user=learner, correct=False).count() == 1
    assert page.off_host_requests == []


def test_exercise_and_catalogue_pages_pass_axe(page, site_with_home, lab_demo, learner, sign_in, axe_check):
    sign_in(page, learner)
    for path in ("/datasets/", "/datasets/highways-defects/", "/exercises/foi-on-time/"):
        page.goto(path)
        axe_check(page, context={"exclude": [["iframe"]]})
    assert page.off_host_requests == []


def test_without_javascript_the_form_still_answers(
    _playwright_browser, live_server, site_with_home, lab_demo, learner
):
    context = _playwright_browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_label("Password").press("Enter")
    page.goto("/exercises/foi-on-time/")
    assert page.locator(".academy-lab").is_hidden()
    assert page.get_by_role("link", name="download CSV").count() == 1
    page.get_by_label("Your answer").fill("12.5")
    page.get_by_role("button", name="Check answer").click()
    page.wait_for_load_state()
    assert Attempt.objects.filter(user=learner).count() == 1
    assert "not the right number" in page.content()
    context.close()
