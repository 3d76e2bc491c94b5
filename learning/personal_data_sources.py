"""What the learning app holds about a member: enrolments (takes, completions, certificates) and answers."""

from home.personal_data import Source

SOURCES = [
    Source("learning.QuestionAttempt", "user", label="quiz_answers"),
    Source("learning.Enrolment", "user", label="course_enrolments"),
]
