"""What the staff list holds about a member: their staff record. Import audit rows only name who ran them."""

from home.personal_data import DETACH, Source

SOURCES = [
    Source(
        "staff.StaffRecord",
        "user",
        export_fields=(
            "email",
            "name",
            "job_title",
            "team__name",
            "team__service_area__name",
            "line_manager__name",
            "role_profile__code",
            "joined_on",
            "left_on",
            "created_at",
        ),
        label="staff_record",
    ),
    Source(
        "staff.StaffImport",
        "uploaded_by",
        erase=DETACH,
        export_fields=("id", "filename", "applied_at"),
        label="staff_imports_run",
    ),
]
