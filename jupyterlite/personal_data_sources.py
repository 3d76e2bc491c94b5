"""What the lab holds about a member: their answers to exercises and their saved notebooks."""

from home.personal_data import Source

SOURCES = [
    Source("jupyterlite.Attempt", "user", label="exercise_answers"),
    Source("jupyterlite.SavedNotebook", "user", label="exercise_notebooks"),
]
