"""What the lab holds about a member: their answers to exercises."""

from home.personal_data import Source

SOURCES = [
    Source("jupyterlite.Attempt", "user", label="exercise_answers"),
]
