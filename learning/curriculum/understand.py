"""Understand level: what data is and why it matters, and reading charts and tables critically."""

from competencies.levels import Level

from .blocks import bullets, h, inset, multiple, numeric, ordering, p, quote, short_text, single

WHAT_DATA_IS = {
    "slug": "what-data-is-and-why-it-matters",
    "title": "What data is and why it matters to the council",
    "level": Level.UNDERSTAND,
    "minutes": 40,
    "pass_mark": 60,
    "summary": "Data, information and intelligence; why data is a council asset; and the part every member of "
    "staff plays in keeping it useful, usable and used.",
    "audience": "Everyone who works for the council. No experience of data work needed.",
    "outcomes": "Explain the difference between data, information and intelligence\n"
    "Describe what makes data useful, usable and used\n"
    "Name your own responsibilities for the data you record and store\n"
    "Find help from the Data Academy and the data champions network",
    "competencies": ["FU1", "FU3", "DG1", "LC2"],
    "lessons": [
        {
            "slug": "data-information-and-intelligence",
            "title": "Data, information and intelligence",
            "minutes": 10,
            "body": [
                p(
                    "Every service the council runs creates data: a pothole reported, a library book issued, a "
                    "referral to adult social care. This lesson explains three words you will meet on every "
                    "course: data, information and intelligence."
                ),
                h("Three words, three jobs"),
                p(
                    "Gloucestershire County Council's data strategy defines <b>data</b> as the information the "
                    "council holds or has access to about people, things and systems, on paper or in digital "
                    "records. Data is the raw material. <b>Information</b> is data in context: a count of "
                    "potholes becomes information when you know which roads and which months it covers."
                ),
                p(
                    "<b>Intelligence</b> is the analysis, interpretation and assessment of data and information "
                    "to give insight for a decision. A report that says pothole reports doubled after a cold "
                    "winter, and that repair crews should be moved, is intelligence."
                ),
                inset(
                    "Paper counts too. A handwritten visit log is data, even though it is harder to search and "
                    "analyse than a record in a system."
                ),
                ordering(
                    "Put these in order, from raw material to insight for a decision.",
                    ["Data", "Information", "Intelligence"],
                    explanation="Data is the raw material, information is data in context, and intelligence "
                    "is the analysis that gives insight for a decision.",
                ),
                single(
                    "A spreadsheet lists 3,200 highways defects, each with a date, a road and a category. "
                    "Which word best describes the spreadsheet on its own?",
                    [
                        ("Data", True, "Right: it is the raw record of what was reported."),
                        (
                            "Intelligence",
                            False,
                            "Intelligence needs analysis and interpretation for a decision. A raw list has "
                            "not had that yet.",
                        ),
                        (
                            "Insight",
                            False,
                            "Insight comes from analysing the list, for example finding which roads fail most.",
                        ),
                    ],
                    explanation="A list of records is data. It becomes information and intelligence as people "
                    "put it in context and analyse it.",
                ),
            ],
        },
        {
            "slug": "useful-usable-used",
            "title": "Useful, usable and used",
            "minutes": 10,
            "body": [
                p(
                    "Gloucestershire County Council has one test for all its data and intelligence: it should "
                    "be <b>useful, usable and used</b>. Useful means it answers a real question. Usable means "
                    "people can find it, trust it and understand it. Used means it changes what someone does."
                ),
                h("Data is an asset"),
                p(
                    "Lancashire County Council's strategy adopts the UK Government Information Principles. The "
                    "first is that information is a valued asset, like buildings, money and people. Assets "
                    "need looking after, and so does data."
                ),
                p(
                    "When data is not looked after, people stop trusting it. Worcestershire County Council "
                    "describes what happens next: more effort goes into collecting and checking data, and "
                    "value is lost. Its strategy also notes that staff may know little about useful data held "
                    "by other teams, because old records are hard to search or find."
                ),
                quote(
                    "Moving from \u201cMy data\u201d to \u201cOur data\u201d, and to shared intelligence products.",
                    "Gloucestershire County Council's principles of development",
                ),
                short_text(
                    "Complete Gloucestershire County Council's test: data and intelligence should be useful, "
                    "usable and \u2026 (one word)",
                    ["used"],
                    hint="The last step is about whether anyone acts on it.",
                    explanation="Useful, usable and used. Data that nobody acts on has not done its job.",
                ),
                multiple(
                    "Which of these make data harder to use? Select all that apply.",
                    [
                        (
                            "Records only kept on paper or in PDF files",
                            True,
                            "Worcestershire lists both as common problems: they are hard to analyse.",
                        ),
                        (
                            "Nobody outside the team knows the data exists",
                            True,
                            "Data that cannot be found cannot be used.",
                        ),
                        (
                            "A short description saying what each column means",
                            False,
                            "A description makes data easier to use, not harder.",
                        ),
                        (
                            "Notes kept in free text instead of the proper fields",
                            True,
                            "Free text is hard to count, sort or match.",
                        ),
                    ],
                    explanation="Paper and PDF records, hidden data and free-text notes all make data harder "
                    "to find and analyse. A description of the columns helps.",
                ),
            ],
        },
        {
            "slug": "your-part-in-looking-after-data",
            "title": "Your part in looking after data",
            "minutes": 10,
            "body": [
                p(
                    "Gloucestershire County Council says delivering its data strategy is everyone's job. Its "
                    "table of roles gives all staff, as system users, one clear duty: be aware of your "
                    "personal responsibilities for data use and storage."
                ),
                h("What that means day to day"),
                bullets(
                    "Record things once, accurately, in the right field of the right system.",
                    "Store files where your team has agreed, not on your desktop or a memory stick.",
                    "Keep personal data only as long as it is needed, then delete it as your retention schedule says.",
                    "Share personal data only when you are allowed to, and ask first if you are not sure.",
                ),
                p(
                    "Data has a life: it is created, stored, used, shared and finally archived or deleted. "
                    "Gloucestershire's principles ask that data is \u201clabelled, sorted, understood (stored & "
                    "deleted appropriately)\u201d at every stage."
                ),
                inset(
                    "The Data Protection Officer must be consulted on any proposal that uses personal data in "
                    "a new way. Your information governance team can put you in touch."
                ),
                ordering(
                    "Put these stages of a record's life in order.",
                    ["Created", "Stored", "Used and shared", "Archived or deleted"],
                    explanation="Every record moves through the same stages. Each stage has rules: for "
                    "example, deleting personal data when it is no longer needed.",
                ),
                single(
                    "You finish a project and still hold a spreadsheet of residents' names and addresses that "
                    "you no longer need. What should you do?",
                    [
                        (
                            "Delete it, following your team's retention schedule",
                            True,
                            "Right: personal data should not be kept longer than it is needed.",
                        ),
                        (
                            "Keep it on your laptop in case it is useful later",
                            False,
                            "Keeping personal data \u2018just in case\u2019 breaks data protection law and "
                            "adds risk if the laptop is lost.",
                        ),
                        (
                            "Email it to a colleague to look after",
                            False,
                            "That spreads the data further without a reason.",
                        ),
                    ],
                    explanation="Data protection law says personal data must not be kept longer than needed. "
                    "Your retention schedule says how long that is.",
                ),
            ],
        },
        {
            "slug": "learning-together",
            "title": "Learning together: the Data Academy and data champions",
            "minutes": 10,
            "body": [
                p(
                    "Nobody learns data skills alone. Nottinghamshire County Council's eighth data principle "
                    "is that communities of practice share skills and best practice, and build capability. "
                    "Essex County Council's strategy calls for data champions in services and a training plan "
                    "for all staff."
                ),
                h("Four levels of data literacy"),
                p(
                    "The Data Academy grades every course by the four levels in Essex County Council's "
                    "strategy. <b>Understand</b>: read a chart or table and think critically about it. "
                    "<b>Engage</b>: use data in your work and know where it comes from. <b>Analyse</b>: turn a "
                    "dataset into insight. <b>Reason</b>: tell the story with data and guide others to a "
                    "decision. Your role profile says which level you need for each competency."
                ),
                p(
                    "Data champions are colleagues in each service who help others with data questions. Ask "
                    "them in the forums, or at a champions' drop-in session."
                ),
                ordering(
                    "Put the four data-literacy levels in order, from first to most advanced.",
                    ["Understand", "Engage", "Analyse", "Reason"],
                    explanation="Each level builds on the one before it.",
                ),
                single(
                    "You are not sure whether a figure in your team's report is calculated correctly. Who is a "
                    "good first person to ask?",
                    [
                        (
                            "Your service's data champion, or the forum for your area",
                            True,
                            "Right: that is what the champions network is for.",
                        ),
                        (
                            "Nobody: guess and carry on",
                            False,
                            "A wrong figure can lead to a wrong decision. Asking is quicker than fixing it later.",
                        ),
                        (
                            "A resident who asked about it",
                            False,
                            "Check the figure inside the council before you answer a resident.",
                        ),
                    ],
                    explanation="Data champions help colleagues with questions like this, and the forums let "
                    "you ask the whole community.",
                ),
            ],
        },
    ],
}

READING_CHARTS = {
    "slug": "reading-charts-and-tables-critically",
    "title": "Reading charts and tables critically",
    "level": Level.UNDERSTAND,
    "minutes": 35,
    "pass_mark": 60,
    "summary": "Read what a chart or table really says, ask the right questions of any figure, and spot the "
    "ways a chart can mislead.",
    "audience": "Anyone who reads reports, tables or dashboards as part of their job.",
    "outcomes": "Say in one sentence what a chart or table shows\n"
    "Ask where a figure came from, when and how it was counted\n"
    "Work out a percentage and a percentage change\n"
    "Spot a chart that exaggerates or hides a change",
    "competencies": ["DL1", "DQ1"],
    "lessons": [
        {
            "slug": "what-is-this-chart-telling-me",
            "title": "What is this chart telling me?",
            "minutes": 10,
            "body": [
                p(
                    "Essex County Council's strategy describes the Understand level like this: you can say "
                    "what a graph shows, what the data tells us and what insights come from it, without "
                    "taking the data for granted."
                ),
                h("Read it in this order"),
                bullets(
                    "The title: what is being measured?",
                    "The axes or column headings, and their units: people, pounds, percentages?",
                    "The period and the place: which months, which area?",
                    "The source and the date it was produced.",
                    "Only then the shape: what is going up, down or staying the same?",
                ),
                p(
                    "Then say what it shows in one plain sentence, for example: \u201cLibrary visits in "
                    "Castlegate fell each year from 2017 to 2020, then recovered to about 80% of the 2019 "
                    "level.\u201d"
                ),
                single(
                    "A bar chart has no label on its vertical axis. What is the first thing you should find out?",
                    [
                        (
                            "What the bars measure and in what unit",
                            True,
                            "Right: without the unit you cannot tell whether it shows people, pounds or a rate.",
                        ),
                        (
                            "Which bar is tallest",
                            False,
                            "You can see that, but it means nothing until you know what is measured.",
                        ),
                        (
                            "What colour scheme the chart uses",
                            False,
                            "Colour matters for reading, but not before knowing what is measured.",
                        ),
                    ],
                    explanation="Always find out what is measured, and in what unit, before reading the shape.",
                ),
                numeric(
                    "A table shows 460 missed bin collections in April out of 92,000 collections. How many "
                    "missed collections is that per 1,000 collections?",
                    "5",
                    tolerance="0.05",
                    hint="Divide 460 by 92,000, then multiply by 1,000.",
                    explanation="460 \u00f7 92,000 \u00d7 1,000 = 5 missed collections per 1,000.",
                ),
            ],
        },
        {
            "slug": "questions-to-ask-of-any-figure",
            "title": "Questions to ask of any figure",
            "minutes": 12,
            "body": [
                p(
                    "A figure is only as good as the data behind it. Essex County Council's data guidebook "
                    "lists six characteristics of good quality data: accuracy, validity, reliability, "
                    "timeliness, relevance and completeness. You do not need to check them all yourself, but "
                    "you should ask."
                ),
                bullets(
                    "<b>Where did it come from?</b> Which system, which team?",
                    "<b>When?</b> Is it this month's figure or last year's?",
                    "<b>How was it counted?</b> Has the definition changed?",
                    "<b>Out of how many?</b> 40 complaints means little until you know out of how many cases.",
                    "<b>What is missing?</b> Good reports say where data is incomplete.",
                ),
                quote(
                    "People talk about the fact that they know the data isn't right and there are issues, but "
                    "I've not seen anything anywhere that says 'Our confidence in this number is X'.",
                    "a respondent to Essex County Council's data maturity assessment",
                ),
                p(
                    "Essex's guidebook asks that where data is incomplete or could mislead, reports say so in "
                    "their caveats. If a report has no caveats, ask whether it should."
                ),
                multiple(
                    "A report says complaints rose from 40 to 60. Which questions should you ask before acting? "
                    "Select all that apply.",
                    [
                        ("Over what period was each figure counted?", True, ""),
                        ("Did the number of cases handled change too?", True, ""),
                        ("Did the way complaints are recorded change?", True, ""),
                        (
                            "What font is the report in?",
                            False,
                            "Presentation does not change what the figure means.",
                        ),
                    ],
                    explanation="Period, denominator and definition can each explain a rise without any real "
                    "change in service.",
                ),
                short_text(
                    "A performance figure was calculated one way last year and another way this year, so the "
                    "trend is meaningless. Which characteristic of good quality data is missing? One word.",
                    ["Reliability", "Reliable", "Consistency", "Consistent"],
                    hint="It is about calculating the same way every time.",
                    explanation="Reliable data is collected and calculated the same way over time, so a change "
                    "reflects reality rather than a new method.",
                ),
            ],
        },
        {
            "slug": "charts-that-mislead",
            "title": "Charts that mislead",
            "minutes": 13,
            "body": [
                p(
                    "Most misleading charts are not made on purpose. They come from defaults in a tool, or "
                    "from a rush to show a point. These are the ones to watch for."
                ),
                bullets(
                    "<b>A vertical axis that does not start at zero</b> on a bar chart makes a small difference "
                    "look large.",
                    "<b>Counts compared across areas of different size</b>: a big district will have more of "
                    "everything. Compare rates, such as per 1,000 residents.",
                    "<b>Very small numbers</b> jump about by chance: 2 to 4 is a 100% rise.",
                    "<b>Cherry-picked periods</b>: starting a line at an unusually low month exaggerates a rise.",
                    "<b>Percentages with no base</b>: 50% of what?",
                ),
                h("Percentage change"),
                p(
                    "Percentage change is (new \u2212 old) \u00f7 old \u00d7 100. Always say what it is a "
                    "change from and over what period."
                ),
                numeric(
                    "Missed bin collections went from 400 in March to 460 in April. What is the percentage "
                    "increase?",
                    "15",
                    tolerance="0.1",
                    unit="%",
                    hint="Divide the change (60) by the March figure.",
                    explanation="(460 \u2212 400) \u00f7 400 \u00d7 100 = 15%.",
                ),
                single(
                    "A bar chart shows district A with 950 fly-tipping incidents and district B with 900. The "
                    "vertical axis starts at 880, so A's bar looks three times as tall. What is the fairest "
                    "description?",
                    [
                        (
                            "A had about 6% more incidents than B",
                            True,
                            "Right: 50 more on a base of 900 is about 5.6%.",
                        ),
                        (
                            "A had three times as many incidents as B",
                            False,
                            "That is the effect of the axis starting at 880, not the data.",
                        ),
                        (
                            "B is better run than A",
                            False,
                            "Counts say nothing about how well an area is run, especially without knowing "
                            "its size.",
                        ),
                    ],
                    explanation="A bar chart's axis should start at zero. Here the real difference is about "
                    "6%, and without population figures we cannot compare the districts fairly at all.",
                ),
            ],
        },
    ],
}

COURSES = [WHAT_DATA_IS, READING_CHARTS]
