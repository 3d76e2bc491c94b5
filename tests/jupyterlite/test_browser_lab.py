"""The lab as analysts use it, in Chromium with no request leaving the site: a pandas exercise end to end
(load_frame → groupby → altair chart → check with a known-mistake message → hint/solution), the
notebook saved on the server and restored in a fresh browser profile, and the room to work (full
width, full screen, 320 px, trusted)."""

import pytest

from jupyterlite.models import Attempt, SavedNotebook
from jupyterlite.services import expected_answer

from .test_browser import RUN_CELL, lab_frame

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RUN_ONLY = """async (code) => {
  const app = window.jupyterapp, notebook = app.shell.currentWidget.content;
  notebook.activeCellIndex = notebook.widgets.length - 1;
  await app.commands.execute("notebook:insert-cell-below");
  notebook.activeCell.model.sharedModel.setSource(code);
  await app.commands.execute("notebook:run-cell");
}"""


def open_exercise(page, slug: str, timeout: int = 90_000):
    page.goto(f"/exercises/{slug}/")
    try:
        page.wait_for_selector("[data-lab-state=ready]", state="attached", timeout=timeout)
    except Exception:
        print("STATUS", page.locator(".academy-exercise").get_attribute("data-lab-error"))
        raise
    return lab_frame(page)


def outputs(frame) -> str:
    return "\n".join(frame.locator(".jp-OutputArea-output").all_inner_texts())


def test_pandas_exercise_end_to_end(page, site_with_home, lab_demo, lab_built, learner, sign_in):
    exercise = lab_demo["spending-with-pandas"]
    total = exercise.questions.get(key="pandas-highways-total")
    mistake = total.known_wrong_answers[0]
    sign_in(page, learner)
    frame = open_exercise(page, exercise.slug)
    frame.evaluate(RUN_CELL, 'df.groupby("department", observed=True)["amount_gbp"].sum().round(2)')
    frame.wait_for_selector(".jp-OutputArea-output:has-text('Highways and Transport')", timeout=120_000)
    assert "Float64" in outputs(frame)  # load_frame applied the catalogue's decimal type
    # An altair chart, drawn by the lab's own Vega-Lite renderer (an SVG or canvas in the output).
    frame.evaluate(
        RUN_ONLY,
        'import altair as alt\ntotals = df.drop_duplicates().groupby("department", observed=True)["amount_gbp"].sum()\n'
        'alt.Chart(totals.reset_index()).mark_bar().encode(x="amount_gbp", y="department")',
    )
    frame.wait_for_selector(".jp-RenderedVegaCommon5 canvas, .jp-RenderedVegaCommon5 svg", timeout=120_000)
    # A typical mistake (repeats kept) gets the author's message, never the right answer.
    frame.evaluate(RUN_ONLY, f'check("pandas-highways-total", {mistake["value"]})')
    page.wait_for_selector("[data-lab-verdict]:has-text('appear twice')", timeout=30_000)
    frame.evaluate(RUN_ONLY, 'solution("pandas-highways-total")')
    frame.wait_for_selector(".jp-OutputArea-output:has-text('Solution not open yet')", timeout=30_000)
    frame.evaluate(RUN_ONLY, 'hint("pandas-highways-total")')
    frame.wait_for_selector(".jp-OutputArea-output:has-text('drop_duplicates')", timeout=30_000)
    frame.evaluate(
        RUN_ONLY,
        'check("pandas-highways-total", round(float(df.drop_duplicates().groupby("department", observed=True)'
        '["amount_gbp"].sum()["Highways and Transport"]), 2))',
    )
    page.wait_for_selector("[data-lab-verdict]:has-text('Correct:')", timeout=30_000)
    frame.evaluate(RUN_ONLY, 'solution("pandas-highways-total")')
    frame.wait_for_selector(".jp-OutputArea-output:has-text('Model solution')", timeout=30_000)
    attempts = list(
        Attempt.objects.filter(user=learner).order_by("created_at").values_list("correct", flat=True)
    )
    assert attempts == [False, True]
    assert str(expected_answer(question=total)) in str(Attempt.objects.filter(correct=True).get().value)
    assert page.off_host_requests == []


def test_notebook_follows_the_learner_to_a_fresh_browser(
    page, _playwright_browser, live_server, site_with_home, lab_demo, lab_built, learner
):
    """Two browser contexts are two browser profiles: nothing is shared but the account."""

    def fresh_page():
        context = _playwright_browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.off_host = []
        page.on(
            "request",
            lambda r: (
                r.url.startswith(live_server.url)
                or r.url.startswith(("data:", "blob:"))
                or page.off_host.append(r.url)
            ),
        )
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(learner.email)
        page.get_by_label("Password").fill("correct-horse-battery-staple")
        page.get_by_label("Password").press("Enter")
        page.wait_for_load_state()
        return context, page

    first_context, first = fresh_page()
    frame = open_exercise(first, "foi-on-time")
    frame.evaluate(RUN_ONLY, 'print("kept", 20 + 22)')
    frame.wait_for_selector(".jp-OutputArea-output:has-text('kept 42')", timeout=30_000)
    first.wait_for_selector("[data-lab-save-state=saved]", state="attached", timeout=30_000)
    assert "Saved to your account" in first.locator("[data-lab-saved]").inner_text()
    assert 'print("kept", 20 + 22)' in str(SavedNotebook.objects.get(user=learner).content)
    assert first.off_host == []
    first_context.close()  # the laptop's profile is gone

    second_context, second = fresh_page()
    frame = open_exercise(second, "foi-on-time")
    frame.wait_for_selector(".jp-Cell:has-text('print(\"kept\", 20 + 22)')", timeout=30_000)
    assert "Restored your notebook" in second.locator("[data-lab-saved]").inner_text()
    assert second.off_host == []
    second_context.close()


def test_room_to_work(page, site_with_home, lab_demo, lab_built, learner, sign_in, axe_check):
    sign_in(page, learner)
    page.set_viewport_size({"width": 1280, "height": 900})
    frame = open_exercise(page, "foi-on-time")
    assert frame.locator(".jp-Notebook").count() == 1
    assert frame.get_by_text("Not Trusted").count() == 0
    toggle = page.get_by_role("button", name="Full screen")
    toggle.click()
    box = page.locator("[data-lab-frame]").bounding_box()
    assert box["width"] >= 1200 and box["height"] >= 700
    assert page.get_by_role("button", name="Exit full screen").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Escape")
    assert page.get_by_role("button", name="Full screen").get_attribute("aria-pressed") == "false"
    page.set_viewport_size({"width": 320, "height": 700})
    # Nothing in the exercise block reaches past the 320 px window (the site header is not this block's).
    wide = page.evaluate(
        """() => [...document.querySelectorAll('.academy-exercise, .academy-exercise *')]
            .filter((e) => e.getBoundingClientRect().right > 320.5)
            .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
    )
    assert wide == []
    assert page.get_by_role("button", name="Check answer").is_visible()
    axe_check(page, context={"exclude": [["iframe"]]})
