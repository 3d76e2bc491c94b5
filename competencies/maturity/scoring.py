"""Scoring a round from a version's snapshot and the submitted answers. Pure functions over plain data.

- A question's result is the median level of the answers that chose a level; "Don't know" is counted but
  excluded from the median. The spread is the lowest and highest level chosen and the count at each level.
- A theme's result is the median of every level chosen for its questions (all respondents, all questions).
- Nothing is shown for fewer than MIN_RESPONDENTS submitted responses, and a question or theme with fewer
  than MIN_RESPONDENTS levels chosen shows its counts withheld, so no individual answer can be read off.
"""

import statistics
from dataclasses import dataclass, field

MIN_RESPONDENTS = 3


@dataclass(frozen=True)
class Scale:
    """A version's levels: names in order, value 1 = the lowest."""

    names: tuple[str, ...]

    @classmethod
    def from_snapshot(cls, snapshot: dict) -> "Scale":
        return cls(names=tuple(level["name"] for level in snapshot["levels"]))

    @property
    def top(self) -> int:
        return len(self.names)

    def label(self, value: float | None) -> str:
        """'Intermediate' for 2; 'Between Basic and Intermediate' for 1.5; '' for no value."""
        if value is None:
            return ""
        if float(value).is_integer():
            return self.names[int(value) - 1]
        low = int(value)
        return f"Between {self.names[low - 1]} and {self.names[low]}"


@dataclass
class Score:
    """The aggregate of some answers: median, spread, counts per level and "Don't know"."""

    counts: list[int]  # counts[i] = answers at level i + 1
    dont_know: int = 0

    @property
    def rated(self) -> int:
        return sum(self.counts)

    @property
    def shown(self) -> bool:
        return self.rated >= MIN_RESPONDENTS

    def _values(self) -> list[int]:
        return [level for level, n in enumerate(self.counts, start=1) for _ in range(n)]

    @property
    def median(self) -> float | None:
        values = self._values()
        return statistics.median(values) if values and self.shown else None

    @property
    def low(self) -> int | None:
        values = self._values()
        return values[0] if values and self.shown else None

    @property
    def high(self) -> int | None:
        values = self._values()
        return values[-1] if values and self.shown else None

    @property
    def spread(self) -> int | None:
        """How many levels apart the lowest and highest answers are (0: everyone agreed)."""
        return None if self.low is None else self.high - self.low


def score(levels: list[int | None], *, top: int) -> Score:
    """Aggregate answer levels (None = "Don't know") on a scale of `top` levels."""
    counts = [0] * top
    dont_know = 0
    for level in levels:
        if level is None:
            dont_know += 1
        elif 1 <= level <= top:
            counts[level - 1] += 1
    return Score(counts=counts, dont_know=dont_know)


@dataclass
class QuestionResult:
    code: str
    topic: str
    text: str
    score: Score
    comments: list[str] = field(default_factory=list)


@dataclass
class ThemeResult:
    slug: str
    name: str
    score: Score
    questions: list[QuestionResult]


@dataclass
class Profile:
    """A team's (or the council's) result across every theme, or `withheld` below the threshold."""

    respondents: int
    themes: list[ThemeResult]
    scale: Scale

    @property
    def withheld(self) -> bool:
        return self.respondents < MIN_RESPONDENTS

    def theme(self, slug: str) -> ThemeResult | None:
        return next((t for t in self.themes if t.slug == slug), None)


def profile(*, snapshot: dict, responses: list[dict[str, tuple[int | None, str]]]) -> Profile:
    """Score submitted responses, each {question code: (level or None, comment)}, against a snapshot.

    Below the threshold the profile carries no themes at all, so a template cannot leak a count.
    """
    scale = Scale.from_snapshot(snapshot)
    if len(responses) < MIN_RESPONDENTS:
        return Profile(respondents=len(responses), themes=[], scale=scale)
    themes = []
    for theme in snapshot["themes"]:
        questions, theme_levels = [], []
        for q in theme["questions"]:
            answers = [r[q["code"]] for r in responses if q["code"] in r]
            levels = [level for level, _ in answers]
            theme_levels.extend(levels)
            comments = sorted(comment.strip() for _, comment in answers if comment and comment.strip())
            questions.append(
                QuestionResult(
                    code=q["code"],
                    topic=q["topic"],
                    text=q["text"],
                    score=score(levels, top=scale.top),
                    comments=comments,
                )
            )
        themes.append(
            ThemeResult(
                slug=theme["slug"],
                name=theme["name"],
                score=score(theme_levels, top=scale.top),
                questions=questions,
            )
        )
    return Profile(respondents=len(responses), themes=themes, scale=scale)


@dataclass
class Variance:
    """How far apart the teams' medians for one theme are."""

    slug: str
    name: str
    team_medians: list[tuple[str, float]]

    @property
    def variance(self) -> float:
        values = [m for _, m in self.team_medians]
        return statistics.pvariance(values) if len(values) > 1 else 0.0

    @property
    def range(self) -> float:
        values = [m for _, m in self.team_medians]
        return max(values) - min(values) if values else 0.0


def variance_between_teams(*, team_profiles: dict[str, Profile]) -> list[Variance]:
    """Per theme, the spread of the shown teams' medians, highest variance first."""
    shown = {name: p for name, p in team_profiles.items() if not p.withheld}
    if not shown:
        return []
    first = next(iter(shown.values()))
    rows = []
    for theme in first.themes:
        medians = []
        for name, p in shown.items():
            t = p.theme(theme.slug)
            if t is not None and t.score.median is not None:
                medians.append((name, t.score.median))
        rows.append(Variance(slug=theme.slug, name=theme.name, team_medians=medians))
    return sorted(rows, key=lambda v: (-v.variance, -v.range, v.name))


def weak_themes(prof: Profile) -> list[ThemeResult]:
    """Themes to develop: those whose median is below the middle of the scale; failing that, the lowest
    theme if it is below the top level."""
    if prof.withheld:
        return []
    scored = [t for t in prof.themes if t.score.median is not None]
    middle = (1 + prof.scale.top) / 2
    weak = [t for t in scored if t.score.median < middle]
    if weak or not scored:
        return weak
    lowest = min(scored, key=lambda t: t.score.median)
    return [lowest] if lowest.score.median < prof.scale.top else []
