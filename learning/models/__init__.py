"""Course pages and the learner records kept for them."""

from .pages import CourseCompetency, CourseIndexPage, CoursePage, LessonPage
from .records import Certificate, CourseAttempt, Enrolment, LessonCompletion, QuestionAttempt

__all__ = [
    "Certificate",
    "CourseAttempt",
    "CourseCompetency",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "QuestionAttempt",
]
