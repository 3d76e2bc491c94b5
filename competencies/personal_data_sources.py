"""What the competency framework holds about a member: their role, self-assessment and evidence."""

from home.personal_data import DETACH, Source

SOURCES = [
    Source("competencies.CompetencyEvidence", "user", label="competency_evidence"),
    Source("competencies.SelfAssessment", "user", label="self_assessment"),
    Source("competencies.StaffProfile", "user", label="role_profile"),
    Source(
        "competencies.StaffProfile",
        "updated_by",
        erase=DETACH,
        export_fields=("id",),
        label="role_profiles_set_for_others",
    ),
    Source(
        "competencies.FrameworkVersion",
        "published_by",
        erase=DETACH,
        export_fields=("id", "number"),
        label="framework_versions_published",
    ),
    Source(
        "competencies.FrameworkImport",
        "user",
        erase=DETACH,
        export_fields=("id", "filename", "created_at"),
        label="framework_imports_uploaded",
    ),
]
