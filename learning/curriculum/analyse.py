"""Analyse level: analysing council data with Python, measures and indicators, and looking after a dataset."""

from competencies.levels import Level

from .blocks import bullets, exercise, h, inset, multiple, numeric, ordering, p, quote, short_text, single

PYTHON = {
    "slug": "analysing-council-data-with-python",
    "title": "Analysing council data with Python",
    "level": Level.ANALYSE,
    "minutes": 120,
    "pass_mark": 70,
    "summary": "Filter, group, clean and query real-shaped council datasets in Python, in your browser, with "
    "answers checked as you go.",
    "audience": "Staff who already work with spreadsheets and want to analyse data reproducibly in code.",
    "outcomes": "Load a dataset and filter its rows in Python\n"
    "Group rows and total a column, cleaning values that are not clean numbers\n"
    "Standardise inconsistent text such as road names before counting\n"
    "Answer a question about a dataset with SQL",
    "competencies": ["AN3", "DA1", "DQ1", "DQ2", "DQ3", "FU1"],
    "lessons": [
        {
            "slug": "loading-and-filtering",
            "title": "Loading and filtering data",
            "minutes": 30,
            "body": [
                p(
                    "Essex County Council's strategy describes the Analyse level as a combination of technical "
                    "skill and knowledge of the service. This course builds the technical half on datasets "
                    "shaped like the ones council services keep, including their faults."
                ),
                h("How the lab works"),
                p(
                    "Each exercise opens a notebook in your browser. Nothing is installed on your computer and "
                    "the data never leaves the council's site. Run a cell with Shift and Enter. The "
                    "<code>academy</code> module gives you <code>load_dataset</code>, which returns a list of "
                    "rows (each a dictionary of text values), and <code>check</code>, which sends your answer "
                    "to the server to be marked."
                ),
                p(
                    "Filtering means keeping only the rows you need. In Python a list comprehension does it: "
                    '<code>[row for row in rows if row["category"] == "Pothole"]</code>.'
                ),
                exercise("pothole-repair-times"),
                single(
                    "Why does the exercise use the median rather than the mean number of days?",
                    [
                        (
                            "A few very long repairs would pull the mean up; the median is the typical case",
                            True,
                            "Right: repair times are skewed, with a long tail of slow repairs.",
                        ),
                        (
                            "The median is always larger than the mean",
                            False,
                            "For skewed data like this the median is usually smaller.",
                        ),
                        ("Python cannot calculate a mean", False, "statistics.mean does that."),
                    ],
                    explanation="When data has a long tail, the median describes the typical case better "
                    "than the mean.",
                ),
            ],
        },
        {
            "slug": "grouping-and-totals",
            "title": "Grouping and totals",
            "minutes": 30,
            "body": [
                p(
                    "Grouping answers questions like \u201chow much did each department spend?\u201d. Go "
                    "through the rows once, adding each amount to a running total for its group, kept in a "
                    "dictionary."
                ),
                p(
                    "Real data fights back. In the spending over \u00a3500 dataset, published under the Local "
                    "Government Transparency Code, some amounts were typed with a pound sign and commas "
                    "(\u201c\u00a31,234.50\u201d), so they are not numbers yet. Some rows are exact repeats of "
                    "the row before. Both must be dealt with before you total anything."
                ),
                inset(
                    "Write down each cleaning step you take. Someone checking your figure needs to be able to "
                    "repeat it, and code is a record of exactly what you did."
                ),
                exercise("spending-by-department"),
                multiple(
                    "Which of these should you do before totalling spending by department? Select all that apply.",
                    [
                        ("Remove rows that repeat the row before", True, ""),
                        ("Turn \u201c\u00a31,234.50\u201d into the number 1234.5", True, ""),
                        (
                            "Delete negative amounts without looking at them",
                            False,
                            "Negative amounts are credit notes: refunds that reduce the total. Keep them.",
                        ),
                    ],
                    explanation="Remove duplicates and clean the amounts; credit notes are real and belong in "
                    "the total.",
                ),
            ],
        },
        {
            "slug": "cleaning-smith-street",
            "title": "Cleaning: \u201cSmith Street\u201d and \u201cSmith Str\u201d",
            "minutes": 30,
            "body": [
                p(
                    "Worcestershire County Council's strategy uses one example to stand for a whole class of "
                    "problem: the same road recorded as \u201cSmith Street\u201d and \u201cSmith Str\u201d. "
                    "The highways defects dataset has exactly this problem. Count the roads as typed and you "
                    "count some roads three or four times."
                ),
                h("Standardising with a lookup table"),
                p(
                    "Split each road name into its stem and its last word, look the last word up in a table of "
                    "abbreviations, and put the name back together. A lookup table like this is a small "
                    "<b>join</b>: each row is matched to the table on a shared key, here the last word."
                ),
                exercise("smith-street-road-names"),
                single(
                    "After cleaning, you fix the road names in your analysis. What else should happen?",
                    [
                        (
                            "Ask the system owner to offer a road list, or the street gazetteer, when logging "
                            "defects",
                            True,
                            "Right: that stops the problem at source.",
                        ),
                        (
                            "Nothing: the analysis is correct now",
                            False,
                            "The next extract will have the same problem.",
                        ),
                    ],
                    explanation="Cleaning fixes your copy; fixing the form fixes every copy from now on.",
                ),
            ],
        },
        {
            "slug": "questions-in-sql",
            "title": "Asking questions with SQL",
            "minutes": 25,
            "body": [
                p(
                    "SQL is the language most council databases and reporting tools speak. "
                    "<code>load_dataset(name, as_sqlite=True)</code> loads a dataset into a small database in "
                    "your browser, with one table named after the dataset."
                ),
                p(
                    "A query says what you want, not how to get it: <code>SELECT department, COUNT(*) FROM "
                    "foi_requests GROUP BY department</code> counts requests per department. In SQLite a "
                    "comparison such as <code>within_deadline = 'Yes'</code> is 1 when true and 0 when false, "
                    "so <code>SUM</code> of it counts the matching rows."
                ),
                exercise("foi-on-time"),
                ordering(
                    "Put the parts of this SQL query in the order they are written.",
                    [
                        "SELECT department, COUNT(*)",
                        "FROM foi_requests",
                        "WHERE outcome = 'Refused'",
                        "GROUP BY department",
                    ],
                    explanation="SELECT, FROM, WHERE, then GROUP BY.",
                ),
            ],
        },
    ],
}

MEASURES = {
    "slug": "measures-and-performance-indicators",
    "title": "Measures and performance indicators",
    "level": Level.ANALYSE,
    "minutes": 90,
    "pass_mark": 70,
    "summary": "Build indicators that mean something: rates rather than raw counts, the right average, fair "
    "benchmarks, a simple projection and a clear chart.",
    "audience": "Performance officers and analysts who produce indicators for services and decision makers.",
    "outcomes": "Turn counts into rates with the right denominator\n"
    "Choose between mean and median and describe a distribution\n"
    "Benchmark units fairly\n"
    "Project a simple trend and say how far to trust it\n"
    "Choose a chart that shows an indicator honestly",
    "competencies": ["DA1", "VC2", "DL1", "AN2", "AN4", "VC3"],
    "lessons": [
        {
            "slug": "counts-rates-and-averages",
            "title": "Counts, rates and averages",
            "minutes": 30,
            "body": [
                p(
                    "A count on its own rarely makes a good indicator. A rate divides the count by something "
                    "that makes areas, months or teams comparable: referrals per 1,000 residents aged 65 and "
                    "over, or the share of requests answered on time."
                ),
                p(
                    "Averages summarise a distribution, so look at the distribution first. Waiting times are "
                    "usually <b>skewed</b>: most people wait a short time and a few wait a long time. The mean "
                    "is pulled towards the long tail; the median is the middle value. For skewed data, report "
                    "the median, and the share waiting longer than a threshold."
                ),
                inset(
                    "The adult social care dataset is anonymised: ages are in bands and areas are localities, "
                    "so nobody can be picked out. It still has recording errors: a few waits are negative "
                    "because dates were entered the wrong way round."
                ),
                exercise("adult-social-care-waits"),
                numeric(
                    "A locality had 120 referrals from a population of 30,000 people aged 65 and over. What is "
                    "the rate per 1,000?",
                    "4",
                    tolerance="0.01",
                    unit="per 1,000",
                    hint="120 \u00f7 30,000 \u00d7 1,000.",
                    explanation="120 \u00f7 30,000 = 0.004, or 4 per 1,000.",
                ),
            ],
        },
        {
            "slug": "benchmarking-fairly",
            "title": "Benchmarking fairly",
            "minutes": 25,
            "body": [
                p(
                    "Benchmarking compares a measure across units: branches, teams or councils. It is fair only "
                    "when the units are counted the same way, over the same period, and their size is taken "
                    "into account."
                ),
                p(
                    "The library usage dataset shows a trap. In September 2022 Kingsbridge Library was renamed "
                    "Kingsbridge Library and Hub. Group by name and one branch becomes two, each looking half "
                    "as busy. Check a dataset's known issues before you rank anything."
                ),
                exercise("library-busiest-branch"),
                single(
                    "You want to compare library use across branches of very different sizes. Which measure is "
                    "fairest?",
                    [
                        (
                            "Visits per 1,000 residents in each branch's catchment",
                            True,
                            "Right: it takes the size of the population served into account.",
                        ),
                        (
                            "Total visits",
                            False,
                            "The biggest branch will always win on totals.",
                        ),
                        (
                            "The single busiest month",
                            False,
                            "One month is a poor summary and favours branches with one big event.",
                        ),
                    ],
                    explanation="Divide by the population served to compare units of different sizes.",
                ),
            ],
        },
        {
            "slug": "projecting-demand",
            "title": "Projecting demand",
            "minutes": 15,
            "body": [
                p(
                    "Gloucestershire County Council wants to move from descriptive and diagnostic analytics to "
                    "predictive and prescriptive analytics, for example to predict how its population is "
                    "changing and design services to meet demand."
                ),
                p(
                    "The simplest projection carries on a straight-line trend: if referrals have risen by about "
                    "the same number each year, add that number again. It is only as good as the assumption "
                    "that the future looks like the past, so say so, and show a range rather than one number."
                ),
                numeric(
                    "Referrals were 3,000, 3,150 and 3,300 in the last three years. Carrying on the straight-"
                    "line trend, how many would you project for next year?",
                    "3450",
                    hint="How much did referrals rise each year?",
                    explanation="They rose by 150 a year, so the straight-line projection is 3,300 + 150 = 3,450.",
                ),
                single(
                    "A new hospital discharge scheme starts next year. What does that mean for your projection?",
                    [
                        (
                            "State it as a caveat: the trend may not hold",
                            True,
                            "Right: a known change breaks the assumption that the future is like the past.",
                        ),
                        (
                            "Nothing: the trend is the trend",
                            False,
                            "A projection assumes nothing changes. Here something will.",
                        ),
                    ],
                    explanation="Projections assume the conditions behind the trend continue. Say when they "
                    "will not.",
                ),
            ],
        },
        {
            "slug": "charting-an-indicator",
            "title": "Charting an indicator",
            "minutes": 15,
            "body": [
                p(
                    "The right chart depends on the question. Use a <b>line chart</b> for change over time, a "
                    "<b>bar chart</b> to compare categories, and a table when readers need exact figures. Start "
                    "bar chart axes at zero, label both axes with units, and write a title that states the "
                    "finding."
                ),
                p(
                    "Design for everyone: do not rely on colour alone, use enough contrast, and give each chart "
                    "a text summary for people using screen readers. The <code>academy</code> module's "
                    "<code>bar_chart</code> and <code>line_chart</code> draw charts in the lab from a list of "
                    "rows."
                ),
                single(
                    "Which chart best shows how monthly library visits changed from 2017 to 2025?",
                    [
                        (
                            "A line chart with months along the bottom",
                            True,
                            "Right: lines show change over time.",
                        ),
                        (
                            "A pie chart with one slice per month",
                            False,
                            "96 slices cannot be compared, and a pie hides the order of months.",
                        ),
                        (
                            "A bar chart sorted from busiest to quietest month",
                            False,
                            "Sorting loses the time order, which is the point of the question.",
                        ),
                    ],
                    explanation="Use a line chart, in time order, for change over time.",
                ),
                multiple(
                    "Which make an indicator chart more accessible? Select all that apply.",
                    [
                        ("A title that states the finding", True, ""),
                        ("A short text summary of what the chart shows", True, ""),
                        (
                            "Red and green as the only way to tell lines apart",
                            False,
                            "Many people cannot tell red from green. Use labels or patterns too.",
                        ),
                        ("Labelled axes with units", True, ""),
                    ],
                    explanation="Titles, text summaries and labelled axes help every reader; colour alone "
                    "excludes some.",
                ),
            ],
        },
    ],
}

STEWARDSHIP = {
    "slug": "looking-after-a-dataset",
    "title": "Looking after a dataset: stewardship, sharing and ethics",
    "level": Level.ANALYSE,
    "minutes": 60,
    "pass_mark": 70,
    "summary": "For data stewards and champions: own a dataset's quality through its life, share it lawfully "
    "with partners, check analysis for fairness, and help colleagues build their skills.",
    "audience": "Data stewards, data champions and analysts who look after datasets for their service.",
    "outcomes": "Describe what a data owner and a data steward do\n"
    "Prepare a dataset for sharing with a partner, safely and lawfully\n"
    "Run an ethics check on a planned analysis\n"
    "Support colleagues as a data champion",
    "competencies": ["GL2", "FU2", "FU3", "DG1", "GL3", "LC2"],
    "lessons": [
        {
            "slug": "owners-and-stewards",
            "title": "Owners and stewards",
            "minutes": 15,
            "body": [
                p(
                    "Essex County Council's strategy calls for defined data roles for the stewardship of data, "
                    "and a data owner in each business area who is accountable for a set of information. "
                    "Lancashire County Council describes what its technical officers do with a dataset: know "
                    "what good data looks like, watch for changes to source systems, define how the data should "
                    "be used and how often it is updated."
                ),
                p(
                    "Lancashire also sets out what goes wrong without ownership: colleagues stop using the "
                    "information, have to check several systems to confirm it, and take work offline into "
                    "spreadsheets. With ownership, data can be trusted, joined to other datasets, and comes "
                    "with metadata: its currency, source and owner."
                ),
                h("A steward's checklist"),
                bullets(
                    "Keep a description of the dataset: what each column means, its owner, how often it is "
                    "updated and its known issues.",
                    "Measure quality regularly and publish the results with the data.",
                    "Apply the retention schedule: archive or delete records when their time is up.",
                    "Tell users before a definition or source system changes.",
                ),
                multiple(
                    "Lancashire County Council lists risks of not owning data. Which of these are among them? "
                    "Select all that apply.",
                    [
                        ("Colleagues stop using the information", True, ""),
                        ("Colleagues must use several systems to confirm data", True, ""),
                        (
                            "Data becomes easier to join to other datasets",
                            False,
                            "That is a benefit of good ownership, not a risk of poor ownership.",
                        ),
                        ("More work is taken offline into spreadsheets", True, ""),
                    ],
                    explanation="Without an owner, trust falls and people build their own copies.",
                ),
                single(
                    "The system behind your dataset is being replaced next month. What should the steward do "
                    "first?",
                    [
                        (
                            "Tell the dataset's users what will change and when",
                            True,
                            "Right: users need to know before their figures change.",
                        ),
                        ("Wait and see what the new system produces", False, "Users will be caught out."),
                    ],
                    explanation="Watching for changes to source systems, and warning users, is part of the "
                    "steward's job.",
                ),
            ],
        },
        {
            "slug": "sharing-with-partners",
            "title": "Sharing data with partners",
            "minutes": 15,
            "body": [
                p(
                    "Nottinghamshire County Council's third data principle is that data is shared safely, "
                    "lawfully and ethically beyond organisational boundaries, for example with the NHS, other "
                    "councils and partners. Essex County Council wants residents to tell the council something "
                    "only once."
                ),
                p(
                    "Before sharing a dataset about people, reduce the risk that anyone can be identified. The "
                    "adult social care dataset in the lab shows common ways: ages in bands, areas as "
                    "localities, and a pseudonymous reference instead of a case number. Small counts can still "
                    "identify someone, so many councils suppress counts below a threshold in published tables."
                ),
                ordering(
                    "Put these steps for setting up regular sharing with a partner in order.",
                    [
                        "Agree the purpose and the lawful basis",
                        "Assess the risk with a data protection impact assessment",
                        "Sign a data sharing agreement",
                        "Share the minimum data, securely",
                        "Review the sharing on the agreed date",
                    ],
                    explanation="Purpose first, then risk, then the agreement, then the sharing itself, then "
                    "review.",
                ),
                single(
                    "A table of referrals by locality and age band shows 2 people aged 18 to 24 in one "
                    "locality. It will be published. What should you do?",
                    [
                        (
                            "Suppress or combine the small count so nobody can be identified",
                            True,
                            "Right: very small counts can point to a real person.",
                        ),
                        (
                            "Publish it: there are no names",
                            False,
                            "Small numbers can identify people without names.",
                        ),
                    ],
                    explanation="Suppress or group small counts before publishing.",
                ),
            ],
        },
        {
            "slug": "ethics-check",
            "title": "An ethics check for your analysis",
            "minutes": 15,
            "body": [
                p(
                    "Essex County Council commits to handling data in a way that is lawful, secure, fair, "
                    "ethical, sustainable and accountable, and uses a data ethics framework to support analytics "
                    "decisions. Gloucestershire County Council asks not only whether it could use people's "
                    "information, but whether it should."
                ),
                bullets(
                    "<b>Purpose</b>: what decision will this analysis support, and who benefits?",
                    "<b>Fairness</b>: could it treat some groups worse, for example by using where people live "
                    "as a stand-in for who they are?",
                    "<b>Transparency</b>: could you explain it to the people whose data it uses?",
                    "<b>Accountability</b>: who signs it off, and who checks it works as intended?",
                ),
                single(
                    "A model to prioritise home care visits uses postcode. Older residents in one area have "
                    "historically been under-referred. What is the main ethical risk?",
                    [
                        (
                            "The model learns the past under-referral and keeps that area at the back of the queue",
                            True,
                            "Right: historical bias in the data becomes bias in the decisions.",
                        ),
                        ("The model will run too slowly", False, "Speed is not the ethical question here."),
                    ],
                    explanation="Data reflects past decisions. A model trained on it can repeat past "
                    "unfairness unless you check.",
                ),
                short_text(
                    "Gloucestershire County Council considers not just if it could use people's information, "
                    "but if it \u2026 (one word)",
                    ["should"],
                    explanation="Could is a legal question; should is an ethical one.",
                ),
            ],
        },
        {
            "slug": "being-a-data-champion",
            "title": "Being a data champion",
            "minutes": 15,
            "body": [
                p(
                    "Gloucestershire County Council supports data champions and networks to share data, build "
                    "skills and spread good practice across the council and its partners. Nottinghamshire "
                    "County Council plans distinct training for officers and for analysts, and Essex County "
                    "Council wants communities of practice that connect data professionals."
                ),
                p(
                    "A data champion does not need to know everything. The job is to be the first friendly "
                    "person a colleague asks, to point them to the right course, dataset or expert, and to "
                    "bring common problems back to the community so they are solved once."
                ),
                quote(
                    "Communities of practice are created which share skills, best practice, and build "
                    "capability.",
                    "Nottinghamshire County Council's eighth data principle",
                ),
                multiple(
                    "Which of these are part of a data champion's role? Select all that apply.",
                    [
                        ("Answering colleagues' data questions, or finding who can", True, ""),
                        ("Pointing colleagues to the right course for their role", True, ""),
                        (
                            "Signing off the council's information risk policy",
                            False,
                            "That is the Senior Information Risk Owner's job.",
                        ),
                        ("Sharing common problems and fixes in the forums", True, ""),
                    ],
                    explanation="Champions help, signpost and share; accountability for information risk sits "
                    "with the SIRO.",
                ),
            ],
        },
    ],
}

COURSES = [PYTHON, MEASURES, STEWARDSHIP]
