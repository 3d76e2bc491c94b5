"""Scoring: medians per question and theme without "Don't know", the spread, the 3-respondent threshold,
and variance between teams surfaced as a finding."""

from competencies.maturity.scoring import (
    MIN_RESPONDENTS,
    Scale,
    profile,
    score,
    variance_between_teams,
    weak_themes,
)

SNAPSHOT = {
    "levels": [{"name": "Basic"}, {"name": "Intermediate"}, {"name": "Advanced"}],
    "themes": [
        {
            "slug": "use",
            "name": "Data Use",
            "questions": [
                {"code": "Q1", "topic": "t", "text": "x"},
                {"code": "Q2", "topic": "t", "text": "y"},
            ],
        },
        {"slug": "gov", "name": "Data Governance", "questions": [{"code": "Q3", "topic": "t", "text": "z"}]},
    ],
}


def responses(*rows):
    return [{code: (level, "") for code, level in zip(("Q1", "Q2", "Q3"), row, strict=True)} for row in rows]


def test_question_median_excludes_dont_know_and_reports_spread():
    s = score([1, 3, 3, None, None], top=3)
    assert s.median == 3
    assert (s.low, s.high, s.spread) == (1, 3, 2)
    assert s.counts == [1, 0, 2]
    assert s.dont_know == 2


def test_even_number_of_answers_gives_a_half_level_described_in_words():
    s = score([1, 2, 2, 1], top=3)
    assert s.median == 1.5
    assert (
        Scale(names=("Basic", "Intermediate", "Advanced")).label(s.median) == "Between Basic and Intermediate"
    )


def test_theme_median_pools_every_answer_in_the_theme():
    prof = profile(snapshot=SNAPSHOT, responses=responses((1, 1, 3), (1, 3, 3), (2, 3, None)))
    use = prof.theme("use")
    assert use.score.counts == [3, 1, 2]  # Q1: 1,1,2 and Q2: 1,3,3
    assert use.score.median == 1.5
    assert [q.score.median for q in use.questions] == [1, 3]
    gov = prof.theme("gov")
    assert gov.score.dont_know == 1
    assert gov.score.rated == 2
    assert gov.score.median is None  # only two levels chosen: below the threshold, withheld


def test_fewer_than_three_respondents_withholds_everything():
    prof = profile(snapshot=SNAPSHOT, responses=responses((1, 1, 1), (3, 3, 3)))
    assert prof.withheld
    assert prof.respondents == 2
    assert prof.themes == []
    assert MIN_RESPONDENTS == 3


def test_question_with_fewer_than_three_levels_hides_its_median_and_spread():
    s = score([3, 1, None, None], top=3)
    assert not s.shown
    assert s.median is None and s.low is None and s.spread is None


def test_highest_variance_between_teams_is_the_first_finding():
    teams = {
        "Adults": profile(snapshot=SNAPSHOT, responses=responses((1, 1, 2), (1, 1, 2), (1, 1, 2))),
        "Highways": profile(snapshot=SNAPSHOT, responses=responses((3, 3, 2), (3, 3, 2), (3, 3, 3))),
        "Two people": profile(snapshot=SNAPSHOT, responses=responses((2, 2, 2), (2, 2, 2))),
    }
    rows = variance_between_teams(team_profiles=teams)
    assert rows[0].name == "Data Use"
    assert rows[0].range == 2
    assert rows[0].variance == 1.0
    assert {name for name, _ in rows[0].team_medians} == {"Adults", "Highways"}  # withheld team left out
    assert rows[1].variance == 0


def test_weak_themes_are_below_the_middle_of_the_scale():
    prof = profile(snapshot=SNAPSHOT, responses=responses((1, 1, 3), (1, 2, 3), (2, 1, 3)))
    assert [t.slug for t in weak_themes(prof)] == ["use"]
