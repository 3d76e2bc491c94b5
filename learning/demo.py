"""Demo content for learning: the catalogue at /learn/ and one short, real course per level.

The content paraphrases the council data strategies in /work/shared/seeds (Essex, Worcestershire,
Gloucestershire, Nottinghamshire, Lancashire). Idempotent: pages are looked up by slug before creating.
"""

from competencies.levels import Level
from competencies.models import Competency
from home.models import HomePage

from .models import CourseCompetency, CourseIndexPage, CoursePage, LessonPage


def p(text: str) -> tuple:
    return ("paragraph", f"<p>{text}</p>")


def h(text: str) -> tuple:
    return ("heading", {"text": text, "level": "h2"})


def inset(text: str) -> tuple:
    return ("callout", {"style": "inset", "title": "", "text": f"<p>{text}</p>"})


def single(prompt, options, *, hint="", explanation="", attempts=2) -> tuple:
    return (
        "single_choice",
        {
            "prompt": f"<p>{prompt}</p>",
            "hint": hint,
            "explanation": f"<p>{explanation}</p>" if explanation else "",
            "max_attempts": attempts,
            "options": [{"text": t, "correct": c, "feedback": f} for t, c, f in options],
        },
    )


def multiple(prompt, options, *, scoring="all", hint="", explanation="", attempts=2) -> tuple:
    block = single(prompt, options, hint=hint, explanation=explanation, attempts=attempts)[1]
    return ("multiple_choice", {**block, "scoring": scoring})


def numeric(prompt, answer, *, tolerance="0", unit="", hint="", explanation="", attempts=2) -> tuple:
    return (
        "numeric",
        {
            "prompt": f"<p>{prompt}</p>",
            "answer": answer,
            "tolerance": tolerance,
            "unit": unit,
            "hint": hint,
            "explanation": f"<p>{explanation}</p>" if explanation else "",
            "max_attempts": attempts,
        },
    )


def short_text(prompt, accepted, *, pattern="", hint="", explanation="", attempts=2) -> tuple:
    return (
        "short_text",
        {
            "prompt": f"<p>{prompt}</p>",
            "accepted_answers": accepted,
            "pattern": pattern,
            "case_sensitive": False,
            "hint": hint,
            "explanation": f"<p>{explanation}</p>" if explanation else "",
            "max_attempts": attempts,
        },
    )


def ordering(prompt, items, *, hint="", explanation="", attempts=2) -> tuple:
    return (
        "ordering",
        {
            "prompt": f"<p>{prompt}</p>",
            "items": [{"text": item} for item in items],
            "hint": hint,
            "explanation": f"<p>{explanation}</p>" if explanation else "",
            "max_attempts": attempts,
        },
    )


COURSES = [
    {
        "slug": "understanding-data",
        "title": "Understanding the data you meet at work",
        "level": Level.UNDERSTAND,
        "minutes": 25,
        "pass_mark": 60,
        "summary": "What data literacy means in a council, and how to tell whether the data in front of you "
        "is good enough to trust.",
        "audience": "Everyone who reads a report, a table or a dashboard as part of their job.",
        "outcomes": "Describe the four levels of data literacy\nName the characteristics of good quality data\n"
        "Spot when a figure may not be fit for the decision it is used for",
        "competencies": ["DL1", "DQ1"],
        "lessons": [
            {
                "slug": "what-data-literacy-means",
                "title": "What data literacy means",
                "minutes": 10,
                "body": [
                    p(
                        "Data literacy is the ability to understand, engage, analyse and reason with data. "
                        "Essex County Council's data strategy uses those four words as levels, and the Data "
                        "Academy grades every course by them."
                    ),
                    h("The four levels"),
                    p(
                        "<b>Understand</b>: you can read a chart or table, say what the data tells you and "
                        "think critically about it. <b>Engage</b>: you use data in your work and know where it "
                        "comes from and who uses it. <b>Analyse</b>: you combine technical skills with "
                        "knowledge of your service to turn a dataset into insight. <b>Reason</b>: you tell "
                        "the story with data and guide others through an analysis to a decision."
                    ),
                    inset(
                        "Different roles need different levels. A customer services adviser may need "
                        "Understand; a performance analyst needs Analyse or Reason."
                    ),
                    ordering(
                        "Put the four data-literacy levels in order, from the first to the most advanced.",
                        ["Understand", "Engage", "Analyse", "Reason"],
                        explanation="Each level builds on the one before: you understand data before you "
                        "engage with it, analyse it, and finally reason with it to guide decisions.",
                    ),
                    single(
                        "A manager reads a monthly dashboard and asks why one district's figure has jumped. "
                        "Which level is that question an example of?",
                        [
                            ("Understand", True, "Yes: reading the data and questioning what it says."),
                            ("Analyse", False, "Analysing would mean working with the dataset yourself."),
                            ("Reason", False, "Reasoning means guiding others through an analysis."),
                        ],
                        explanation="Thinking critically about what a chart or table says is the "
                        "Understand level.",
                    ),
                ],
            },
            {
                "slug": "good-quality-data",
                "title": "What makes data good enough to use",
                "minutes": 15,
                "body": [
                    p(
                        "Essex's Data Guidebook lists the characteristics of good quality data: accuracy, "
                        "validity, reliability, timeliness, relevance and completeness."
                    ),
                    h("The characteristics in plain English"),
                    p(
                        "<b>Accurate</b>: captured once, as close to the activity as possible, and a true "
                        "account. <b>Valid</b>: it measures what it claims to, using the agreed definition. "
                        "<b>Reliable</b>: calculated the same way each time, so a change is a real change. "
                        "<b>Timely</b>: available soon enough to act on. <b>Relevant</b>: collected with its "
                        "use and audience in mind. <b>Complete</b>: it gives the full picture, and says so "
                        "when it does not."
                    ),
                    inset(
                        "Where data is incomplete or could mislead, say so in the report's caveats, so "
                        "readers can judge how far to rely on it."
                    ),
                    multiple(
                        "Which of these are characteristics of good quality data in the Essex guidebook? "
                        "Select all that apply.",
                        [
                            ("Timeliness", True, ""),
                            ("Completeness", True, ""),
                            ("Popularity", False, "How many people use data says nothing about its quality."),
                            ("Reliability", True, ""),
                        ],
                        scoring="partial",
                        explanation="Accuracy, validity, reliability, timeliness, relevance and "
                        "completeness are the six characteristics.",
                    ),
                    short_text(
                        "A performance figure was worked out one way last year and a different way this "
                        "year, so the trend is meaningless. Which characteristic of good data is missing? "
                        "Answer in one word.",
                        ["Reliability", "Reliable", "Consistency"],
                        hint="It is about calculating the same way every time.",
                        explanation="Reliable data is consistently calculated and reported over time, so "
                        "changes reflect reality rather than a new method.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "where-data-comes-from",
        "title": "Where your data comes from and the rules it follows",
        "level": Level.ENGAGE,
        "minutes": 30,
        "pass_mark": 70,
        "summary": "How everyday recording habits create data problems, and the laws that govern the "
        "information the council holds.",
        "audience": "Staff who record, update or share information on council systems.",
        "outcomes": "Recognise common data-entry problems and their cost\n"
        "Name the main laws that apply to council information\nWork out how complete a dataset is",
        "competencies": ["DQ1", "DG1"],
        "lessons": [
            {
                "slug": "recording-data-well",
                "title": "Recording data well",
                "minutes": 15,
                "body": [
                    p(
                        "Worcestershire County Council's strategy describes problems staff meet every day: "
                        "the same street typed as \u201cSmith Street\u201d and \u201cSmith Str\u201d, records "
                        "about the same person with no common identifier, data put in the wrong fields, and "
                        "records kept on paper or in PDFs that are hard to analyse."
                    ),
                    p(
                        "Each shortcut costs someone later: duplicates have to be merged by hand, reports "
                        "disagree, and people stop trusting the figures."
                    ),
                    multiple(
                        "Which of these would cause duplicate or unmatched records? Select all that apply.",
                        [
                            (
                                "Typing an address as Smith Str in one system and Smith Street in another",
                                True,
                                "",
                            ),
                            (
                                "Using the same unique identifier for a person in every system",
                                False,
                                "A common identifier is what lets records be matched.",
                            ),
                            ("Creating a new record instead of searching for an existing one", True, ""),
                        ],
                        explanation="Inconsistent spelling and new records for existing people both stop "
                        "records matching; a shared identifier prevents it.",
                    ),
                    numeric(
                        "A team's list has 200 records; 30 have no postcode. What percentage of records have "
                        "a postcode?",
                        "85",
                        tolerance="0.5",
                        unit="%",
                        hint="Work out how many records do have a postcode, then divide by 200.",
                        explanation="200 \u2212 30 = 170 records have a postcode; 170 \u00f7 200 = 85%.",
                    ),
                ],
            },
            {
                "slug": "the-rules-for-information",
                "title": "The rules for council information",
                "minutes": 15,
                "body": [
                    p(
                        "Council data is governed by law. The main pieces are the UK General Data Protection "
                        "Regulation (UK GDPR) and the Data Protection Act 2018 for personal data, the Freedom "
                        "of Information Act 2000 for requests from the public, and the Environmental "
                        "Information Regulations 2004 for environmental information."
                    ),
                    inset(
                        "If you are unsure whether you may share something, ask your information asset "
                        "owner or the Data Protection Officer before you share it, not after."
                    ),
                    short_text(
                        "Members of the public can ask the council for the information it holds under which "
                        "Act? Give its name without the year.",
                        ["Freedom of Information Act", "Freedom of Information", "FOI", "FOI Act"],
                        pattern=r"(the )?freedom of information( act)?( 2000)?",
                        explanation="The Freedom of Information Act 2000 gives a right of access to "
                        "information held by public authorities.",
                    ),
                    single(
                        "Which law sits alongside UK GDPR for personal data in the UK?",
                        [
                            ("Data Protection Act 2018", True, ""),
                            (
                                "Environmental Information Regulations 2004",
                                False,
                                "Those cover environmental information, not personal data in general.",
                            ),
                            ("Highways Act 1980", False, "That is about roads."),
                        ],
                    ),
                ],
            },
        ],
    },
    {
        "slug": "from-data-to-insight",
        "title": "From data to insight",
        "level": Level.ANALYSE,
        "minutes": 30,
        "pass_mark": 70,
        "summary": "The four kinds of analytics, and how to read a change in a measure before you act on it.",
        "audience": "Staff who prepare figures for others or analyse data for their service.",
        "outcomes": "Tell descriptive, diagnostic, predictive and prescriptive analytics apart\n"
        "Calculate and interpret a percentage change",
        "competencies": ["DA1"],
        "prerequisites": ["where-data-comes-from"],
        "lessons": [
            {
                "slug": "four-kinds-of-analytics",
                "title": "Four kinds of analytics",
                "minutes": 15,
                "body": [
                    p(
                        "Gloucestershire County Council wants to move from descriptive and diagnostic "
                        "analytics to predictive and prescriptive analytics. Descriptive analytics says what "
                        "happened; diagnostic, why it happened; predictive, what is likely to happen; "
                        "prescriptive, what we should do about it."
                    ),
                    ordering(
                        "Put the kinds of analytics in order, from simplest to most advanced.",
                        ["Descriptive", "Diagnostic", "Predictive", "Prescriptive"],
                        explanation="What happened, why, what will happen, and what to do.",
                    ),
                    single(
                        "A model estimates how many older people will need home care in five years. Which "
                        "kind of analytics is that?",
                        [
                            ("Predictive", True, ""),
                            (
                                "Descriptive",
                                False,
                                "Descriptive analytics reports what has already happened.",
                            ),
                            ("Diagnostic", False, "Diagnostic analytics explains why something happened."),
                        ],
                    ),
                ],
            },
            {
                "slug": "reading-a-change",
                "title": "Reading a change in a measure",
                "minutes": 15,
                "body": [
                    p(
                        "A percentage change compares a new value with an old one: (new \u2212 old) \u00f7 "
                        "old \u00d7 100. Always say what it is a change from, and over what period."
                    ),
                    numeric(
                        "Missed bin collections went from 400 in March to 460 in April. What is the "
                        "percentage increase?",
                        "15",
                        tolerance="0.1",
                        unit="%",
                        hint="Divide the change by the March figure.",
                        explanation="(460 \u2212 400) \u00f7 400 \u00d7 100 = 15%.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "reasoning-with-data",
        "title": "Reasoning with data to reach a decision",
        "level": Level.REASON,
        "minutes": 20,
        "pass_mark": 70,
        "summary": "Telling signal from noise, and telling the story so that data is useful, usable and used.",
        "audience": "Managers, analysts and data champions who guide decisions with data.",
        "outcomes": "Tell common-cause from special-cause variation\n"
        "Explain a finding so that it leads to a decision",
        "competencies": ["DA1", "DL1"],
        "lessons": [
            {
                "slug": "signal-and-noise",
                "title": "Signal and noise",
                "minutes": 20,
                "body": [
                    p(
                        "Worcestershire's strategy asks the council to use statistical methods to tell "
                        "common-cause variation, the ordinary ups and downs of a stable process, from "
                        "special-cause variation, a change with a specific cause worth investigating."
                    ),
                    p(
                        "Reacting to every rise and fall wastes effort and can make things worse. Look for a "
                        "sustained run or a point well outside the usual range before you act."
                    ),
                    inset(
                        "Gloucestershire's test for data and intelligence: it should be useful, usable and "
                        "used. A finding nobody acts on has not done its job."
                    ),
                    single(
                        "Weekly complaints have ranged from 18 to 26 for a year. This week there were 23. "
                        "What should you tell the service manager?",
                        [
                            (
                                "This is within the usual range: no sign of a real change",
                                True,
                                "Right: 23 is inside the range the process normally produces.",
                            ),
                            (
                                "Complaints are rising: investigate urgently",
                                False,
                                "One ordinary value inside the usual range is common-cause variation.",
                            ),
                        ],
                        explanation="A value inside the usual range is common-cause variation; reacting to "
                        "it would be tampering.",
                    ),
                    short_text(
                        "Data and intelligence should be useful, usable and what?",
                        ["used"],
                        explanation="Useful, usable and used: Gloucestershire County Council's test.",
                    ),
                ],
            },
        ],
    },
]


def _ensure_catalogue(home) -> CourseIndexPage:
    catalogue = CourseIndexPage.objects.child_of(home).filter(slug="learn").first()
    if catalogue is None:
        catalogue = CourseIndexPage(
            title="Courses",
            slug="learn",
            introduction="Short courses that build your data skills, from understanding a chart to "
            "reasoning with data to reach a decision. Filter by level, competency and time.",
        )
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    return catalogue


def _ensure_course(catalogue, spec, *, stdout) -> CoursePage:
    course = CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
    if course is not None:
        return course
    course = CoursePage(
        title=spec["title"],
        slug=spec["slug"],
        level=spec["level"],
        summary=spec["summary"],
        audience=spec["audience"],
        learning_outcomes=spec["outcomes"],
        estimated_minutes=spec["minutes"],
        pass_mark=spec["pass_mark"],
    )
    found = {c.code: c for c in Competency.objects.filter(code__in=spec["competencies"])}
    for order, code in enumerate(spec["competencies"]):
        if code in found:
            course.competency_links.add(
                CourseCompetency(competency=found[code], level=spec["level"], sort_order=order)
            )
    missing = sorted(set(spec["competencies"]) - set(found))
    if missing:
        stdout.write(f"  note: competencies {', '.join(missing)} not in the framework; not linked")
    prerequisites = list(CoursePage.objects.filter(slug__in=spec.get("prerequisites", [])))
    catalogue.add_child(instance=course)
    course.prerequisites.set(prerequisites)
    course.save_revision().publish()
    for lesson_spec in spec["lessons"]:
        lesson = LessonPage(
            title=lesson_spec["title"],
            slug=lesson_spec["slug"],
            estimated_minutes=lesson_spec["minutes"],
            body=lesson_spec["body"],
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    stdout.write(f"  course: {course.title} ({Level(course.level).label}, {len(spec['lessons'])} lessons)")
    return course


def load(*, stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: run home.demo first")
        return
    catalogue = _ensure_catalogue(home)
    for spec in COURSES:
        _ensure_course(catalogue, spec, stdout=stdout)
    stdout.write("  course catalogue ready at /learn/")
