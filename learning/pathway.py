"""The pathway: which published courses close a member's competency gap, and in what order.

Competencies owns the gap (competencies.selectors.gap_for_user); learning owns the courses and what they
develop, so the pathway is learning's. It reaches the gap page and the HR coverage report through the hooks in
competencies/hooks.py (registered in learning/wagtail_hooks.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from competencies.levels import Level
from competencies.models import Competency
from competencies.selectors import GapRow, gap_for_user

from .models import CourseCompetency, CoursePage


@dataclass
class PathwayStep:
    """A course on the pathway, the gaps it helps close, and prerequisites the member still needs."""

    course: CoursePage
    level: Level
    closes: list[tuple[Competency, Level]]
    prerequisites: list[CoursePage] = field(default_factory=list)


def pathway_for_user(*, user, gap: list[GapRow] | None = None) -> list[PathwayStep]:
    """Published courses that develop an unmet competency above the member's evidenced level, up to the
    required level, ordered by level and so that a course comes after its prerequisites."""
    gap = gap_for_user(user=user) if gap is None else gap
    open_rows = {row.competency.pk: row for row in gap if not row.met}
    if not open_rows:
        return []
    links = (
        CourseCompetency.objects.filter(competency_id__in=open_rows, course__live=True)
        .select_related("course")
        .order_by("course__level", "course__title")
    )
    steps: dict[int, PathwayStep] = {}
    for link in links:
        row = open_rows[link.competency_id]
        if not (row.evidenced or 0) < link.level <= row.required:
            continue
        step = steps.get(link.course_id)
        if step is None:
            step = steps[link.course_id] = PathwayStep(
                course=link.course, level=Level(link.course.level), closes=[]
            )
        step.closes.append((row.competency, Level(link.level)))
    return _order_by_prerequisites(list(steps.values()))


def developed_competency_ids():
    """The ids of competencies some published course develops, as a subquery (no query of its own)."""
    return CourseCompetency.objects.filter(course__live=True).values("competency_id")


def _order_by_prerequisites(steps: list[PathwayStep]) -> list[PathwayStep]:
    """Stable topological order: by level, then title, with each course after the pathway's prerequisites."""
    if not steps:
        return steps
    by_id = {step.course.pk: step for step in steps}
    through = CoursePage.prerequisites.through
    prereq_ids: dict[int, set[int]] = defaultdict(set)
    for course_id, prereq_id in through.objects.filter(from_coursepage_id__in=list(by_id)).values_list(
        "from_coursepage_id", "to_coursepage_id"
    ):
        prereq_ids[course_id].add(prereq_id)
    for step in steps:
        step.prerequisites = [by_id[p].course for p in sorted(prereq_ids[step.course.pk]) if p in by_id]
    ordered: list[PathwayStep] = []
    placed: set[int] = set()
    remaining = sorted(steps, key=lambda s: (s.level, s.course.title))
    while remaining:
        ready = next(
            (s for s in remaining if prereq_ids[s.course.pk] & set(by_id) <= placed),
            remaining[0],  # a prerequisite cycle: fall back to level order rather than loop forever
        )
        ordered.append(ready)
        placed.add(ready.course.pk)
        remaining.remove(ready)
    return ordered
