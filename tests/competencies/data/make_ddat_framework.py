"""Writes ddat_framework.csv: a stand-in, with the same shape and the same awkward characteristics, for the UK
Government's published DDaT Capability Framework "long" CSV (one row per role level × skill), which cannot be
downloaded here. Deterministic: running it again writes the same bytes.

    .venv/bin/python tests/competencies/data/make_ddat_framework.py

What the published file has, and this one too (checked at the end, and by tests/competencies/test_import.py):
- about 3,300 data rows, in the ten columns of the long CSV;
- 106 rows whose Skill Description is empty, and 5 skills with no description on any row;
- 28 rows at skill level "NOT IN USE", all in the Chief digital and data family;
- 13 (role, role level, skill) rows given twice, identically;
- cells over several lines (quoted, with line breaks inside), and a Role Type column empty on most rows.
"""

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("ddat_framework.csv")
COLUMNS = [
    "Role Family",
    "Role",
    "Role Description",
    "Role Level",
    "Role Level Description",
    "Skill Name",
    "Skill Description",
    "Skill Level",
    "Skill Level Description",
    "Role Type",
]
SKILL_LEVELS = ["Awareness", "Working", "Practitioner", "Expert"]
LEVEL_TITLES = ["Associate {}", "{}", "Senior {}", "Lead {}", "Principal {}", "Head of {}"]
FAMILIES = {
    "Architecture": [
        "Business architect",
        "Data architect",
        "Enterprise architect",
        "Network architect",
        "Security architect",
        "Solution architect",
        "Technical architect",
    ],
    "Chief digital and data": [
        "Chief data officer",
        "Chief digital information officer",
        "Chief technology officer",
    ],
    "Data": [
        "Analytics engineer",
        "Data analyst",
        "Data engineer",
        "Data ethicist",
        "Data governance manager",
        "Data scientist",
        "Machine learning engineer",
        "Performance analyst",
        "Data steward",
        "Master data manager",
    ],
    "IT operations": [
        "Application operations engineer",
        "Business relationship manager",
        "Change manager",
        "Command and control centre manager",
        "End user computing engineer",
        "Incident manager",
        "IT service manager",
        "Problem manager",
        "Service desk engineer",
        "Infrastructure engineer",
    ],
    "Product and delivery": [
        "Business analyst",
        "Delivery manager",
        "Portfolio manager",
        "Product manager",
        "Programme delivery manager",
        "Service owner",
    ],
    "Quality assurance testing": ["Quality assurance testing engineer", "Test engineer", "Test manager"],
    "Software development": [
        "Development operations engineer",
        "Frontend developer",
        "Software developer",
        "Software development manager",
        "Site reliability engineer",
    ],
    "User-centred design": [
        "Accessibility specialist",
        "Content designer",
        "Content strategist",
        "Graphic designer",
        "Interaction designer",
        "Service designer",
        "Technical writer",
        "User researcher",
    ],
}
SKILL_WORDS = [
    "Agile working",
    "Analysis",
    "Availability and capacity management",
    "Business analysis",
    "Business modelling",
    "Coding",
    "Communicating analysis and insight",
    "Communicating between the technical and the non-technical",
    "Continuous improvement",
    "Customer service management",
    "Data analysis and synthesis",
    "Data ethics and privacy",
    "Data governance",
    "Data innovation",
    "Data integration design",
    "Data management",
    "Data modelling",
    "Data quality assurance",
    "Data standards",
    "Data visualisation",
    "Development process optimisation",
    "Developing code",
    "Engineering and maintenance",
    "Enterprise architecture",
    "Financial management",
    "Governance and assurance",
    "Incident management",
    "Information security",
    "IT infrastructure",
    "Key performance indicators",
    "Lifecycle perspective",
    "Making a business case",
    "Metadata management",
    "Modern standards approach",
    "Ownership and initiative",
    "Problem management",
    "Programming and build",
    "Prototyping",
    "Requirements definition and management",
    "Service support",
    "Stakeholder relationship management",
    "Statistical methods",
    "Strategic thinking",
    "Systems design",
    "Systems integration",
    "Technical understanding",
    "Testing",
    "Turning business problems into data problems",
    "User focus",
    "User research",
    "Content design",
    "Content strategy",
    "Accessibility",
    "Inclusive design",
    "Service design",
    "Interaction design",
    "Visual design",
    "Information architecture",
    "Product management",
    "Delivery management",
    "Risk management",
    "Portfolio management",
    "Commercial management",
    "Change management",
    "Release management",
    "Asset management",
    "Continuity management",
    "Security operations",
    "Network design",
    "Cloud engineering",
    "Machine learning",
    "Artificial intelligence assurance",
    "Performance analysis",
    "Data engineering",
    "Data pipelines",
    "Master data management",
    "Reference data",
    "Records management",
    "Open data publishing",
    "Leadership",
    "Coaching and mentoring",
    "Sustainability",
]


def skill_pool() -> list[str]:
    """About 200 skill names: the words above, and the same skills in the settings they are needed in."""
    pool = list(SKILL_WORDS)
    for setting in ("for data", "for services", "for operations", "in design"):
        pool.extend(f"{word} {setting}" for word in SKILL_WORDS[:30])
    return pool


def paragraph(rng: random.Random, subject: str, sentences: int) -> str:
    verbs = ["You can", "You know how to", "You help others to", "You lead work to", "You are able to"]
    acts = ["explain", "apply", "improve", "assure", "design", "review", "plan", "champion"]
    places = ["in your team", "across the organisation", "with colleagues", "for users", "on complex work"]
    return " ".join(
        f"{rng.choice(verbs)} {rng.choice(acts)} {subject.lower()} {rng.choice(places)}."
        for _ in range(sentences)
    )


def build(seed: int = 2024) -> list[list[str]]:
    rng = random.Random(seed)
    pool = skill_pool()
    skill_text = {skill: paragraph(rng, skill, 1) for skill in pool}
    level_text = {(s, lvl): paragraph(rng, s, rng.randint(2, 4)) for s in pool for lvl in SKILL_LEVELS}
    for (skill, level), text in list(level_text.items())[::9]:
        # Several lines in one cell, as the published file has.
        level_text[skill, level] = text.replace(". ", ".\n", 1)
    rows = []
    for family, roles in FAMILIES.items():
        for role in roles:
            role_text = (
                f"{role}s {paragraph(rng, family, 2).split(' ', 1)[1]}\nThey work in the {family} family."
            )
            titles = LEVEL_TITLES[: rng.randint(4, 6)] if family != "Chief digital and data" else ["{}"]
            skills = rng.sample(pool, rng.randint(12, 16))
            for index, title in enumerate(titles):
                role_level = title.format(role if index else role.lower()).replace(
                    "Associate c", "Associate C"
                )
                role_level = role_level[0].upper() + role_level[1:]
                level_desc = paragraph(rng, role, 2)
                for skill in skills:
                    if family == "Chief digital and data":
                        skill_level, described = "NOT IN USE", ""
                    else:
                        skill_level = SKILL_LEVELS[min(3, max(0, index - 1 + rng.randint(0, 1)))]
                        described = level_text[skill, skill_level]
                    role_type = rng.choice(["Core", "Specialist"]) if rng.random() < 0.08 else ""
                    rows.append(
                        [
                            family,
                            role,
                            role_text,
                            role_level,
                            level_desc,
                            skill,
                            skill_text[skill],
                            skill_level,
                            described,
                            role_type,
                        ]
                    )
    return rows


def shape(rows: list[list[str]], rng: random.Random) -> list[list[str]]:
    """Make the counts exactly the published file's: 28 NOT IN USE rows, 106 empty descriptions over 5
    skills that have none at all and others that miss it on some rows, 13 exact duplicates."""
    not_in_use = [r for r in rows if r[7] == "NOT IN USE"]
    for extra in not_in_use[28:]:
        rows.remove(extra)
    used = [r for r in rows if r[7] != "NOT IN USE"]
    by_skill: dict[str, list[list[str]]] = {}
    for row in used:
        by_skill.setdefault(row[5], []).append(row)
    chief_skills = {r[5] for r in rows if r[7] == "NOT IN USE"}
    small = sorted(
        (s for s, rs in by_skill.items() if 4 <= len(rs) <= 15 and s not in chief_skills),
        key=lambda s: (len(by_skill[s]), s),
    )
    undescribed = small[:5]
    for skill in undescribed:
        for row in by_skill[skill]:
            row[6] = ""
    empty = sum(len(by_skill[s]) for s in undescribed)
    candidates = [
        r for s, rs in sorted(by_skill.items()) if s not in undescribed and len(rs) > 3 for r in rs[1:]
    ]
    for row in rng.sample(candidates, 106 - empty):
        row[6] = ""
    described = [r for r in used if r[6]]
    for row in rng.sample(described, 13):
        rows.insert(rows.index(row) + 1, list(row))
    return rows


def main() -> None:
    rng = random.Random(7)
    rows = shape(build(), rng)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    skills_without = {r[5] for r in rows} - {r[5] for r in rows if r[6]}
    keys = [(r[1], r[3], r[5]) for r in rows]
    assert sum(1 for r in rows if not r[6]) == 106, sum(1 for r in rows if not r[6])
    assert len(skills_without) == 5
    assert sum(1 for r in rows if r[7] == "NOT IN USE") == 28
    assert len(keys) - len(set(keys)) == 13
    print(f"{OUT.name}: {len(rows)} rows, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
