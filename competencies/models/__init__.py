"""The competency framework's models: the core (areas, competencies, descriptors, evidence), role profiles and
their requirements, framework versions, and each member's profile and self-assessment."""

from .core import Competency, CompetencyArea, CompetencyEvidence, LevelDescriptor
from .imports import FrameworkImport
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
    "Competency",
    "CompetencyArea",
    "CompetencyEvidence",
    "FrameworkImport",
    "FrameworkVersion",
    "LevelDescriptor",
    "Priority",
    "ProfileKind",
    "RoleProfile",
    "RoleRequirement",
    "SelfAssessment",
    "StaffProfile",
]
