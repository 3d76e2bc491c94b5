"""What required learning holds about a member: their assigned learning, reminders sent, opt-out, and the
assignments they created (kept, without their name)."""

from home.personal_data import DETACH, Source

SOURCES = [
    Source(
        "assignments.AssignedLearning",
        "staff__user",
        export_fields=(
            "assignment__title",
            "assigned_on",
            "due_on",
            "completed_on",
            "valid_until",
            "next_due_on",
        ),
        label="required_learning",
    ),
    Source(
        "assignments.ReminderSent", "staff__user", export_fields=("key", "sent_at"), label="reminders_sent"
    ),
    Source(
        "assignments.ReminderOptOut", "staff__user", export_fields=("created_at",), label="reminder_opt_out"
    ),
    Source(
        "assignments.Assignment",
        "created_by",
        erase=DETACH,
        export_fields=("id", "title"),
        label="assignments_created",
    ),
]
