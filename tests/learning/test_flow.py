"""A learner's journey through the views: start, answer, feedback, attempts, completion, evidence, certificate."""

import re
from decimal import Decimal

import pytest

from competencies.levels import Level
from competencies.models import CompetencyEvidence
from learning.models import (
    Certificate,
    CourseAttempt,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuestionAttempt,
)

from .conftest import add_course, options, q_single, q_text, question_ids

pytestmark = pytest.mark.django_db


def answer(client, lesson, question_id, **fields):
    return client.post(lesson.url, {"action": "answer", "question": question_id, **fields})


def right_option(lesson, index=0):
    return next(option_id for option_id, correct in options(lesson, index) if correct)


def wrong_option(lesson, index=0):
    return next(option_id for option_id, correct in options(lesson, index) if not correct)


def finish_course(client, lessons, *, numeric="85", text="freedom of information"):
    first, second = lessons
    answer(client, first, question_ids(first)[0], answer=right_option(first))
    numeric_id, text_id = question_ids(second)
    answer(client, second, numeric_id, answer=numeric)
    if numeric != "85":
        answer(client, second, numeric_id, answer=numeric)
    if text != "freedom of information":  # a wrong answer leaves a retry: the lesson waits for it
        answer(client, second, text_id, answer=text)
    return answer(client, second, text_id, answer=text)


def test_anonymous_is_sent_to_sign_in_for_lessons_and_course_actions(client, course, lessons):
    response = client.get(lessons[0].url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(course.url, {"action": "start"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Enrolment.objects.exists()


def test_lesson_is_closed_until_the_course_is_started(client_for, learner, course, lessons):
    client = client_for(learner)
    response = client.get(lessons[0].url)
    assert response.status_code == 302 and response["Location"] == course.url
    response = client.post(course.url, {"action": "start"})
    assert response.status_code == 302 and response["Location"] == lessons[0].url
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.attempts.get().number == 1
    page = client.get(lessons[0].url)
    assert page.status_code == 200
    assert "Question 1" in page.content.decode()


def test_answers_absent_from_html_before_submission(client_for, learner, course, lessons, enrolled):
    client = client_for(learner)
    body = client.get(lessons[0].url).content.decode() + client.get(lessons[1].url).content.decode()
    for text in (
        "Yes: available when needed",
        "Cost says nothing",
        "Timely data arrives in time",
        "170 of 200",
    ):
        assert text not in body
    assert "Freedom of Information" not in body  # the accepted text answer
    assert '"correct"' not in body and "correct=" not in body.lower()
    assert 'value="85"' not in body
    # The options themselves are shown, with opaque ids only.
    assert "Timely" in body and "Expensive" in body


def test_right_answer_shows_feedback_and_explanation(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    lesson = lessons[0]
    qid = question_ids(lesson)[0]
    response = answer(client, lesson, qid, answer=right_option(lesson))
    assert response.status_code == 302 and response["Location"].endswith(f"#question-{qid}")
    saved = QuestionAttempt.objects.get()
    assert saved.correct and saved.score == 1 and saved.number == 1 and saved.user == learner
    page = client.get(lesson.url).content.decode()
    assert "Correct" in page and "Yes: available when needed." in page
    assert "Timely data arrives in time to act on." in page  # explanation after answering
    assert LessonCompletion.objects.filter(lesson=lesson).exists()  # its only question is answered


def test_wrong_answer_keeps_explanation_back_until_attempts_are_used(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    lesson = lessons[0]
    qid = question_ids(lesson)[0]
    answer(client, lesson, qid, answer=wrong_option(lesson))
    page = client.get(lesson.url).content.decode()
    assert "Not quite" in page and "Cost says nothing about quality." in page
    assert "1 attempt left" in page
    assert "Timely data arrives in time" not in page and "The right answer" not in page
    answer(client, lesson, qid, answer=wrong_option(lesson))
    page = client.get(lesson.url).content.decode()
    assert "The right answer: Timely" in page and "Timely data arrives in time" in page
    assert 'name="answer"' not in page  # closed: no more forms


def test_attempts_limit_is_enforced(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    lesson = lessons[0]
    qid = question_ids(lesson)[0]
    for _ in range(2):
        answer(client, lesson, qid, answer=wrong_option(lesson))
    response = answer(client, lesson, qid, answer=right_option(lesson))
    assert response.status_code == 302
    assert QuestionAttempt.objects.count() == 2
    assert not QuestionAttempt.objects.filter(correct=True).exists()
    page = client.get(lesson.url).content.decode()
    assert "You have used all 2 attempts at this question." in page


def test_no_more_attempts_after_a_right_answer(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    lesson = lessons[0]
    qid = question_ids(lesson)[0]
    answer(client, lesson, qid, answer=right_option(lesson))
    answer(client, lesson, qid, answer=wrong_option(lesson))
    assert QuestionAttempt.objects.count() == 1


def test_empty_submission_is_a_clear_error_and_saves_nothing(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    lesson = lessons[0]
    qid = question_ids(lesson)[0]
    response = answer(client, lesson, qid)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "Select an answer" in body
    assert f'href="#question-{qid}-answer"' in body and f'id="question-{qid}-answer"' in body
    assert "<title>Error:" in body
    numeric_id = question_ids(lessons[1])[0]
    response = answer(client, lessons[1], numeric_id, answer="   ")
    assert "Enter a number" in response.content.decode()
    assert not QuestionAttempt.objects.exists()


def test_invalid_number_keeps_what_was_typed(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    numeric_id = question_ids(lessons[1])[0]
    response = answer(client, lessons[1], numeric_id, answer="eighty")
    body = response.content.decode()
    assert "Enter a number, like 12.5%" in body and 'value="eighty"' in body
    assert not QuestionAttempt.objects.exists()


@pytest.mark.parametrize("tamper", ["option", "question", "two-options"])
def test_tampered_submission_is_400_and_saves_nothing(client_for, learner, lessons, enrolled, tamper):
    client = client_for(learner)
    lesson = lessons[0]
    qid = question_ids(lesson)[0]
    if tamper == "option":
        response = answer(client, lesson, qid, answer="11111111-2222-3333-4444-555555555555")
    elif tamper == "question":
        response = answer(client, lesson, question_ids(lessons[1])[0], answer=right_option(lesson))
    else:
        response = client.post(
            lesson.url,
            {"action": "answer", "question": qid, "answer": [right_option(lesson), wrong_option(lesson)]},
        )
    assert response.status_code == 400
    assert not QuestionAttempt.objects.exists()
    assert not LessonCompletion.objects.exists()


def test_completion_records_evidence_at_the_right_level_and_issues_a_certificate(
    client_for, learner, course, lessons, enrolled, competency
):
    client = client_for(learner)
    finish_course(client, lessons)
    response = client.post(lessons[1].url, {"action": "complete"})
    assert response.status_code == 302 and response["Location"] == f"/learning/courses/{course.pk}/result/"
    attempt = CourseAttempt.objects.get()
    assert attempt.finished_at and attempt.passed and attempt.score == 100
    evidence = CompetencyEvidence.objects.get(user=learner)
    assert evidence.competency == competency and evidence.level == Level.UNDERSTAND
    assert evidence.source_key == f"course:{course.pk}"
    certificate = Certificate.objects.get(enrolment__user=learner)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", certificate.code)
    assert certificate.learner_name == "Lee Learner" and certificate.level == Level.UNDERSTAND
    result = client.get(response["Location"]).content.decode()
    assert "Course complete" in result and certificate.code in result
    printable = client.get(f"/learning/certificates/{certificate.code}/").content.decode()
    assert "Lee Learner" in printable and course.title in printable and "Understand" in printable


def test_evidence_is_at_the_competency_link_level(client_for, learner, catalogue, competency):
    from learning.models import CourseCompetency
    from learning.services import enrolment_start

    course = add_course(catalogue, slug="analyse", level=Level.ANALYSE, lessons=[[]])
    CourseCompetency.objects.create(course=course, competency=competency, level=Level.ENGAGE)
    enrolment_start(user=learner, course=course)
    lesson = course.lessons().first()
    client_for(learner).post(lesson.url, {"action": "complete"})
    assert CompetencyEvidence.objects.get(user=learner).level == Level.ENGAGE


def test_failing_the_pass_mark_gives_no_certificate_or_evidence_and_retake_keeps_the_best(
    client_for, learner, course, lessons, enrolled
):
    client = client_for(learner)
    finish_course(client, lessons, numeric="1", text="nope")  # 1 of 3 right: 33% < 50%
    client.post(lessons[1].url, {"action": "complete"})
    attempt = CourseAttempt.objects.get()
    assert attempt.finished_at and not attempt.passed and attempt.score == Decimal("33.33")
    assert not Certificate.objects.exists() and not CompetencyEvidence.objects.exists()
    page = client.get(f"/learning/courses/{course.pk}/result/").content.decode()
    assert "You did not pass this time" in page and "50%" in page
    # Answers are closed for a finished take.
    answer(client, lessons[0], question_ids(lessons[0])[0], answer=right_option(lessons[0]))
    assert QuestionAttempt.objects.count() == 5  # 1 + 2 + 2: each wrong answer was retried
    # Re-take: a new take, fresh answers, and the best result counts.
    response = client.post(course.url, {"action": "retake"})
    assert response.status_code == 302
    assert CourseAttempt.objects.count() == 2
    finish_course(client, lessons)
    client.post(lessons[1].url, {"action": "complete"})
    enrolment = Enrolment.objects.get()
    assert enrolment.best_score == 100 and enrolment.completed_at is not None
    assert Certificate.objects.count() == 1
    client.post(course.url, {"action": "retake"})
    finish_course(client, lessons, numeric="1", text="nope")
    client.post(lessons[1].url, {"action": "complete"})
    enrolment.refresh_from_db()
    assert enrolment.best_score == 100  # a worse re-take does not lower the best result


def test_retake_refused_while_a_take_is_open(client_for, learner, course, enrolled):
    response = client_for(learner).post(course.url, {"action": "retake"}, follow=True)
    assert "You are already taking this course" in response.content.decode()
    assert CourseAttempt.objects.count() == 1


def test_completing_a_lesson_with_unanswered_questions_is_refused(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    response = client.post(lessons[1].url, {"action": "complete"}, follow=True)
    assert "Finish the lesson first: Answer question 1; Answer question 2." in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_prerequisites_must_be_passed_before_starting(client_for, learner, catalogue, course):
    advanced = add_course(catalogue, slug="advanced", level=Level.ENGAGE)
    advanced.prerequisites.set([course])
    advanced.save_revision().publish()
    client = client_for(learner)
    response = client.post(advanced.url, {"action": "start"}, follow=True)
    assert f"Pass these courses before you start this one: {course.title}." in response.content.decode()
    assert not Enrolment.objects.filter(course=advanced).exists()


def test_editing_a_published_question_does_not_change_past_attempts(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    lesson = lessons[0]
    qid = question_ids(lesson)[0]
    answer(client, lesson, qid, answer=wrong_option(lesson))
    saved = QuestionAttempt.objects.get()
    # An author rewrites the question and swaps which option is right.
    lesson = LessonPage.objects.get(pk=lesson.pk)
    raw = lesson.body.raw_data
    question = next(block for block in raw if block["id"] == qid)
    question["value"]["prompt"] = "<p>Rewritten question</p>"
    for option in question["value"]["options"]:
        option["value"]["correct"] = not option["value"]["correct"]
    lesson.body = raw
    lesson.save_revision().publish()
    saved.refresh_from_db()
    assert saved.snapshot["prompt"] == "<p>Which is a characteristic of good quality data?</p>"
    assert not saved.correct
    review = client.get(f"/learning/answers/{saved.pk}/").content.decode()
    assert "Which is a characteristic of good quality data?" in review and "Rewritten" not in review


def test_option_ids_are_stable_across_reloads(lessons):
    assert options(lessons[0]) == options(lessons[0])


def test_another_learners_records_are_unreachable(
    client_for, learner, other_learner, course, lessons, enrolled
):
    client = client_for(learner)
    answer(client, lessons[0], question_ids(lessons[0])[0], answer=right_option(lessons[0]))
    finish_course(client, lessons)
    client.post(lessons[1].url, {"action": "complete"})
    saved = QuestionAttempt.objects.first()
    certificate = Certificate.objects.get()
    other = client_for(other_learner)
    assert other.get(f"/learning/answers/{saved.pk}/").status_code == 404
    assert other.get(f"/learning/certificates/{certificate.code}/").status_code == 404
    response = other.get(f"/learning/courses/{course.pk}/result/")
    assert response.status_code == 404
    # Their lesson page shows none of the first learner's answers.
    from learning.services import enrolment_start

    enrolment_start(user=other_learner, course=course)
    page = other.get(lessons[0].url).content.decode()
    assert "Your answer:" not in page and "Correct" not in page
    # The owner can see their own.
    assert client.get(f"/learning/answers/{saved.pk}/").status_code == 200


def test_public_verify_shows_name_course_level_and_date_only(
    client, client_for, learner, course, lessons, enrolled
):
    finish_course(client_for(learner), lessons)
    client_for(learner).post(lessons[1].url, {"action": "complete"})
    certificate = Certificate.objects.get()
    response = client.get(f"/learning/verify/{certificate.code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is genuine" in body and "Lee Learner" in body and course.title in body
    assert "Understand" in body and certificate.issued_at.strftime("%Y") in body
    assert learner.email not in body and "100" not in body and "Adult Social Care" not in body
    lookup = client.get("/learning/verify/", {"code": certificate.code.lower().replace("-", " ")})
    assert lookup.status_code == 302 and lookup["Location"].endswith(f"/learning/verify/{certificate.code}/")
    assert client.get("/learning/verify/AAAA-BBBB-CCCC/").status_code == 404
    bad = client.get("/learning/verify/", {"code": "123"})
    assert "Enter the 12 letters and numbers of the code" in bad.content.decode()


def test_lesson_without_questions_completes_by_button_and_continue_goes_to_next(
    client_for, learner, catalogue
):
    from learning.services import enrolment_start

    course = add_course(catalogue, slug="reading", lessons=[[], []])
    enrolment_start(user=learner, course=course)
    first, second = list(course.lessons())
    client = client_for(learner)
    response = client.post(first.url, {"action": "complete"})
    assert response.status_code == 302 and response["Location"] == second.url
    course_page = client.get(course.url).content.decode()
    assert "50% complete" in course_page and "Continue where you left off" in course_page


def test_unknown_actions_are_rejected(client_for, learner, course, lessons, enrolled):
    client = client_for(learner)
    assert client.post(lessons[0].url, {"action": "delete"}).status_code == 400
    assert client.post(course.url, {"action": "delete"}).status_code == 400


def test_a_wrong_last_answer_keeps_its_retry_and_the_take_finishes_when_it_is_used(
    client_for, learner, lessons, enrolled
):
    """Issue 18.1: the promised second attempt at the course's last question is never refused."""
    client = client_for(learner)
    first, second = lessons
    answer(client, first, question_ids(first)[0], answer=right_option(first))
    numeric_id, text_id = question_ids(second)
    answer(client, second, numeric_id, answer="85")
    answer(client, second, text_id, answer="nope")  # wrong, one attempt left
    attempt = CourseAttempt.objects.get()
    assert attempt.finished_at is None
    assert not LessonCompletion.objects.filter(lesson=second).exists()
    page = client.get(second.url).content.decode()
    assert "Try question 2 again (1 attempt left)" in page
    assert "You have finished this take" not in page
    response = client.post(second.url, {"action": "complete"}, follow=True)
    assert "Finish the lesson first: Try question 2 again (1 attempt left)." in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("#lesson-end")

    response = answer(client, second, text_id, answer="freedom of information")
    assert response["Location"].endswith(f"#question-{text_id}")
    attempt.refresh_from_db()
    assert attempt.finished_at is not None and attempt.passed
    assert QuestionAttempt.objects.filter(question_id=text_id).count() == 2
    # The retry cost a third of that question's mark: 1 + 1 + 2/3 of 3 questions.
    assert attempt.score == Decimal("88.89")
    page = client.get(second.url).content.decode()
    # Told beside the question they answered, not in a banner at the top of the page.
    note = page.index("You have finished the course and passed with 89%")
    assert page.index(f'id="question-{text_id}"') < note
    assert "govuk-notification-banner" not in page
    assert f"/learning/courses/{lessons[0].get_parent().pk}/result/" in page[note:]


def test_a_question_out_of_attempts_completes_the_lesson_and_says_so_beside_it(
    client_for, learner, lessons, enrolled
):
    client = client_for(learner)
    first = lessons[0]
    qid = question_ids(first)[0]
    answer(client, first, qid, answer=wrong_option(first))
    assert not LessonCompletion.objects.filter(lesson=first).exists()
    answer(client, first, qid, answer=wrong_option(first))
    assert LessonCompletion.objects.filter(lesson=first).exists()
    page = client.get(first.url).content.decode()
    note = page.index("You have answered every question: this lesson is complete.")
    assert page.index(f'id="question-{qid}"') < note
    assert f'href="{lessons[1].url}"' in page[note:]
    assert "Continue to the next lesson" in page[note:]


def test_a_refused_answer_is_explained_beside_its_question(client_for, learner, lessons, enrolled):
    client = client_for(learner)
    first = lessons[0]
    qid = question_ids(first)[0]
    answer(client, first, qid, answer=right_option(first))
    client.get(first.url)  # the lesson-complete note is read
    answer(client, first, qid, answer=wrong_option(first))
    page = client.get(first.url).content.decode()
    note = page.index("You have already answered this question correctly.")
    assert page.index(f'id="question-{qid}"') < note
    assert 'role="alert"' in page[note - 200 : note]


def test_passed_stays_passed_when_a_lesson_is_added_and_the_new_lesson_is_optional(
    client_for, learner, course, lessons, enrolled
):
    """Issue 18.3: a lesson added after someone passed neither unpasses them nor locks its questions."""
    from tests.factories.learning import LessonPageFactory

    client = client_for(learner)
    finish_course(client, lessons)
    enrolment = Enrolment.objects.get()
    attempt = enrolment.attempts.get()
    assert attempt.passed and enrolment.completed_at is not None
    added = LessonPageFactory(parent=course, title="Lesson 3", slug="lesson-3", body=[q_single()])
    page = client.get(course.url).content.decode()
    assert "and passed" in page and "1 lesson has been added since then" in page
    assert "the new lesson is optional until you take the course again" in page
    assert "New: optional" in page and 'value="100"' in page  # the take's progress is as it was
    dashboard = client.get("/my-learning/").content.decode()
    assert "Passed" in dashboard and "75%" not in dashboard

    lesson_page = client.get(added.url).content.decode()
    assert "This lesson was added after you finished the course" in lesson_page
    qid = question_ids(added)[0]
    response = answer(client, added, qid, answer=right_option(added))
    assert response.status_code == 302
    saved = QuestionAttempt.objects.get(lesson=added)
    assert saved.correct and saved.course_attempt == attempt
    attempt.refresh_from_db()
    enrolment.refresh_from_db()
    assert attempt.passed and attempt.score == 100 and enrolment.completed_at is not None
    assert LessonCompletion.objects.filter(attempt=attempt, lesson=added).exists()
    assert Certificate.objects.count() == 1
    # Lessons that were part of the finished take stay closed.
    first = lessons[0]
    answer(client, first, question_ids(first)[0], answer=right_option(first))
    assert QuestionAttempt.objects.filter(lesson=first).count() == 1


def test_a_live_course_with_no_lessons_cannot_be_started(client_for, learner, catalogue):
    empty = add_course(catalogue, slug="empty", lessons=[])
    client = client_for(learner)
    page = client.get(empty.url).content.decode()
    assert "This course has no lessons yet." in page and "Start course" not in page
    response = client.post(empty.url, {"action": "start"}, follow=True)
    assert "This course has no lessons yet, so it cannot be started." in response.content.decode()
    assert not Enrolment.objects.filter(course=empty).exists()


def test_review_page_shows_every_accepted_answer_once_the_question_is_closed(client_for, learner, catalogue):
    """Issue 18.2: alternatives are author-edited; a refused learner sees what would have been accepted."""
    from learning.services import enrolment_start

    question = q_text()
    question[1]["accepted_answers"] = ["Reliability", "Consistency", "Consistent"]
    course = add_course(catalogue, slug="alternatives", lessons=[[question]])
    enrolment_start(user=learner, course=course)
    lesson = course.lessons().specific().get()
    client = client_for(learner)
    qid = question_ids(lesson)[0]
    answer(client, lesson, qid, answer="accuracy")
    first = QuestionAttempt.objects.get()
    review = client.get(f"/learning/answers/{first.pk}/").content.decode()
    assert "Answers accepted" not in review and "Consistency" not in review  # still open: nothing given away
    answer(client, lesson, qid, answer="Consistencies!")
    second = QuestionAttempt.objects.get(number=2)
    assert second.correct
    review = client.get(f"/learning/answers/{first.pk}/").content.decode()
    assert "Answers accepted" in review
    for text in ("Reliability", "Consistency", "Consistent"):
        assert f"<li>{text}</li>" in review
    assert "Capitals, spaces, punctuation and simple plurals do not matter." in review
