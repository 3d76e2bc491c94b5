"""The competency framework's models: the core (areas, competencies, descriptors, evidence), role profiles and
their requirements, framework versions, and each member's profile and self-assessment."""

from .core import Competency, CompetencyArea, CompetencyEvidence, LevelDescriptor
from .maturity import (
    AssessmentRound,
    MaturityAnswer,
    MaturityLevel,
    MaturityMembership,
    MaturityModel,
    MaturityQuestion,
    MaturityResponse,
    MaturityTeam,
    MaturityTheme,
    MaturityVersion,
    TeamPathway,
    TeamPathwayCourse,
)
from .profiles import (
    FrameworkVersion,
    Priority,
    ProfileKind,
    RoleProfile,
    RoleRequirement,
    SelfAssessment,
    StaffProfile,
)

__all__ = [
    "AssessmentRound",
    "MaturityAnswer",
    "MaturityLevel",
    "MaturityMembership",
    "MaturityModel",
    "MaturityQuestion",
    "MaturityResponse",
    "MaturityTeam",
    "MaturityTheme",
    "MaturityVersion",
    "TeamPathway",
    "TeamPathwayCourse",
    "Competency",
    "CompetencyArea",
    "CompetencyEvidence",
    "FrameworkVersion",
    "LevelDescriptor",
    "Priority",
    "ProfileKind",
    "RoleProfile",
    "RoleRequirement",
    "SelfAssessment",
    "StaffProfile",
]
