"""What the lab holds about a member: their answers to exercises and their saved notebooks; and, for Academy
admins, the dataset versions they uploaded and the exercises they hold locked (kept, unlinked on erasure)."""

from home.personal_data import DETACH, Source

SOURCES = [
    Source("jupyterlite.Attempt", "user", label="exercise_answers"),
    Source("jupyterlite.SavedNotebook", "user", label="exercise_notebooks"),
    Source(
        "jupyterlite.DatasetVersion",
        "created_by",
        erase=DETACH,
        export_fields=("id", "number", "note", "created_at"),
        label="dataset_versions_uploaded",
    ),
    Source(
        "jupyterlite.Exercise",
        "locked_by",
        erase=DETACH,
        export_fields=("id", "slug", "locked_at"),
        label="exercises_locked",
    ),
]
