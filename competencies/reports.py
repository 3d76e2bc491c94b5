"""HR reports: the organisation heatmap, its drill-down by role profile, and coverage. Counts only.

Every report reads a fixed number of queries whatever the number of staff: the rows are fetched as tuples
and counted in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef

from .hooks import developed_competency_ids
from .models import (
    Competency,
    CompetencyEvidence,
    RoleProfile,
    RoleRequirement,
    SelfAssessment,
    StaffProfile,
)

NOT_RECORDED = "Not recorded"
BASIS_EVIDENCED, BASIS_SELF = "evidenced", "self"
BASES = {BASIS_EVIDENCED: "Evidenced by completed courses", BASIS_SELF: "Self-assessed"}


@dataclass
class Cell:
    """Of `needed` members who need a competency, `met` are at or above the required level."""

    met: int = 0
    needed: int = 0

    @property
    def share(self) -> int | None:
        return round(100 * self.met / self.needed) if self.needed else None

    @property
    def band(self) -> str:
        """A colour band for the visual enhancement; the numbers are always shown too."""
        share = self.share
        if share is None:
            return "none"
        return "low" if share < 40 else "mid" if share < 70 else "high"


@dataclass
class Heatmap:
    """Rows (service areas or role profiles) × published competencies that anybody needs."""

    competencies: list[Competency]
    rows: list[tuple[str, int, list[Cell]]]  # (label, staff count, cells in competency order)
    basis: str
    staff_total: int = 0
    totals: list[Cell] = field(default_factory=list)


def _load(basis: str, *, department: str | None = None):
    """Members' (user, department, job profile), governance profiles, requirements and achieved levels."""
    staff = StaffProfile.objects.filter(user__is_active=True)
    if department is not None:
        staff = staff.filter(user__department="" if department == NOT_RECORDED else department)
    members = list(staff.values_list("user_id", "user__department", "job_profile_id"))
    user_ids = {m[0] for m in members}
    governance: dict[int, list[int]] = defaultdict(list)
    through = StaffProfile.governance_profiles.through
    gov_rows = through.objects.filter(staffprofile__user__is_active=True)
    if department is not None:
        gov_rows = gov_rows.filter(staffprofile__user_id__in=staff.values("user_id"))
    for user_id, role_id in gov_rows.values_list("staffprofile__user_id", "roleprofile_id"):
        governance[user_id].append(role_id)
    requirements: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for role_id, competency_id, level in RoleRequirement.objects.filter(
        role__live=True, competency__live=True
    ).values_list("role_id", "competency_id", "level"):
        requirements[role_id].append((competency_id, level))
    if basis == BASIS_SELF:
        achieved_rows = SelfAssessment.objects.values_list("user_id", "competency_id", "level")
    else:
        achieved_rows = (
            CompetencyEvidence.objects.values("user_id", "competency_id")
            .annotate(best=Max("level"))
            .values_list("user_id", "competency_id", "best")
        )
    if department is not None:
        achieved_rows = achieved_rows.filter(user_id__in=staff.values("user_id"))
    achieved = {(u, c): lvl for u, c, lvl in achieved_rows.iterator(chunk_size=5000) if u in user_ids}
    return members, governance, requirements, achieved


def _competencies(ids) -> list[Competency]:
    return list(
        Competency.objects.filter(pk__in=ids).select_related("area").order_by("area__sort_order", "code")
    )


def organisation_heatmap(*, basis: str = BASIS_EVIDENCED) -> Heatmap:
    """Service area × competency: how many members who need it meet their (stacked) required level."""
    members, governance, requirements, achieved = _load(basis)
    cells: dict[str, dict[int, Cell]] = defaultdict(lambda: defaultdict(Cell))
    staff_count: dict[str, int] = defaultdict(int)
    for user_id, department, job_id in members:
        needs: dict[int, int] = {}
        for role_id in ([job_id] if job_id else []) + governance.get(user_id, []):
            for competency_id, level in requirements.get(role_id, ()):
                needs[competency_id] = max(needs.get(competency_id, 0), level)
        if not needs:
            continue
        area = department.strip() or NOT_RECORDED
        staff_count[area] += 1
        for competency_id, level in needs.items():
            cell = cells[area][competency_id]
            cell.needed += 1
            cell.met += achieved.get((user_id, competency_id), 0) >= level
    return _assemble(cells, staff_count, basis)


def role_heatmap(*, department: str, basis: str = BASIS_EVIDENCED) -> Heatmap:
    """Drill-down for one service area: role profile × competency, against each profile's own level."""
    members, governance, requirements, achieved = _load(basis, department=department)
    titles = dict(RoleProfile.objects.values_list("pk", "job_title"))
    cells: dict[str, dict[int, Cell]] = defaultdict(lambda: defaultdict(Cell))
    staff_count: dict[str, int] = defaultdict(int)
    for user_id, _department, job_id in members:
        for role_id in ([job_id] if job_id else []) + governance.get(user_id, []):
            label = titles[role_id]
            staff_count[label] += 1
            for competency_id, level in requirements.get(role_id, ()):
                cell = cells[label][competency_id]
                cell.needed += 1
                cell.met += achieved.get((user_id, competency_id), 0) >= level
    return _assemble(cells, staff_count, basis)


def _assemble(cells, staff_count, basis) -> Heatmap:
    competency_ids = {cid for row in cells.values() for cid in row}
    competencies = _competencies(competency_ids)
    rows = []
    totals = [Cell() for _ in competencies]
    for label in sorted(staff_count, key=lambda s: (s == NOT_RECORDED, s.lower())):
        row_cells = [cells[label].get(c.pk, Cell()) for c in competencies]
        for total, cell in zip(totals, row_cells, strict=True):
            total.met += cell.met
            total.needed += cell.needed
        rows.append((label, staff_count[label], row_cells))
    return Heatmap(
        competencies=competencies,
        rows=rows,
        basis=basis,
        staff_total=sum(staff_count.values()),
        totals=totals,
    )


def named_staff_for_department(*, department: str):
    """Members of a service area with their job profile — only for viewers allowed to see names."""
    staff = StaffProfile.objects.filter(user__is_active=True).select_related("user", "job_profile")
    return staff.filter(user__department="" if department == NOT_RECORDED else department).order_by(
        "user__last_name", "user__first_name"
    )


@dataclass
class Coverage:
    """Gaps in the framework itself."""

    undeveloped: list[Competency] | None  # None: no app links courses to competencies
    unheld_roles: list[RoleProfile]


def coverage() -> Coverage:
    """Published competencies no published course develops, and published role profiles nobody holds."""
    undeveloped = None
    developed = developed_competency_ids()
    if developed is not None:
        undeveloped = list(Competency.objects.published().select_related("area").exclude(pk__in=developed))
    held_job = StaffProfile.objects.filter(job_profile=OuterRef("pk"), user__is_active=True)
    held_gov = StaffProfile.governance_profiles.through.objects.filter(
        roleprofile=OuterRef("pk"), staffprofile__user__is_active=True
    )
    unheld = list(RoleProfile.objects.published().exclude(Exists(held_job)).exclude(Exists(held_gov)))
    return Coverage(undeveloped=undeveloped, unheld_roles=unheld)
