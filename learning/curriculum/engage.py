"""Engage level: good quality data, data protection and sharing, and using data to run a team."""

from competencies.levels import Level

from .blocks import bullets, exercise, h, inset, multiple, numeric, ordering, p, quote, short_text, single

GOOD_QUALITY_DATA = {
    "slug": "good-quality-data",
    "title": "Good quality data",
    "level": Level.ENGAGE,
    "minutes": 60,
    "pass_mark": 70,
    "summary": "What good quality data looks like, how everyday recording creates problems, and why the fix is "
    "usually in the process rather than the data.",
    "audience": "Staff who record, update or check information on council systems, and their managers.",
    "outcomes": "Name the six characteristics of good quality data and the FACT test\n"
    "Recognise duplicates, inconsistent spellings and missing identifiers\n"
    "Explain why shared standards and identifiers let data be joined\n"
    "Check a dataset for duplicates and missing values in the lab\n"
    "Trace a recurring error back to the process that causes it",
    "competencies": ["DQ1", "DQ2", "DQ3", "FU1", "AN3"],
    "lessons": [
        {
            "slug": "what-good-quality-data-looks-like",
            "title": "What good quality data looks like",
            "minutes": 12,
            "body": [
                p(
                    "Essex County Council's data guidebook lists six characteristics of good quality data. "
                    "Its strategy sums them up in one test, FACT: data is good if it is <b>Fit for purpose, "
                    "Accurate, Complete and Timely</b>."
                ),
                bullets(
                    "<b>Accuracy</b>: captured once, as close to the activity as possible, and a true account.",
                    "<b>Validity</b>: it measures what it claims to, using the agreed definition.",
                    "<b>Reliability</b>: collected and calculated the same way each time.",
                    "<b>Timeliness</b>: available soon enough to act on.",
                    "<b>Relevance</b>: collected with its use and audience in mind.",
                    "<b>Completeness</b>: it gives the full picture, and says so when it does not.",
                ),
                p(
                    "Lancashire County Council's strategy adds an important point from the Government "
                    "Information Principles: information does not have to be perfect, only good enough for its "
                    "intended use, and its quality should be described alongside it."
                ),
                short_text(
                    "In Essex County Council's FACT test, what does the C stand for?",
                    ["Complete", "Completeness"],
                    explanation="FACT: Fit for purpose, Accurate, Complete and Timely.",
                ),
                single(
                    "A dashboard of care referrals is updated once a quarter, six weeks after the quarter ends. "
                    "Managers need it to plan next week's staffing. Which characteristic is the problem?",
                    [
                        (
                            "Timeliness",
                            True,
                            "Right: the data arrives too late for the decision it supports.",
                        ),
                        (
                            "Validity",
                            False,
                            "Nothing suggests it measures the wrong thing; it just arrives too late.",
                        ),
                        ("Accuracy", False, "The figures may be accurate, but they are too old to act on."),
                    ],
                    explanation="Timely data is available soon enough to influence the decision it is used for.",
                ),
            ],
        },
        {
            "slug": "right-first-time",
            "title": "Right first time: recording data well",
            "minutes": 12,
            "body": [
                p(
                    "Worcestershire County Council's strategy lists the problems staff meet every day. Among "
                    "them: data recorded inconsistently, such as \u201cSmith Street\u201d and \u201cSmith "
                    "Str\u201d; records about the same person with no common unique identifier; data put in the "
                    "wrong fields; records unknowingly duplicated; and records kept only on paper or in PDFs."
                ),
                p(
                    "Each shortcut costs someone later. To a computer, \u201cSmith Street\u201d and \u201cSmith "
                    "Str\u201d are two different roads, so repairs on one road are counted twice over. Duplicate "
                    "records make a service look busier than it is, and nobody knows which copy is right."
                ),
                quote(
                    "Right first time, every time. Data quality at point of capture is crucial.",
                    "Gloucestershire County Council's principles of development",
                ),
                h("Habits that prevent problems"),
                bullets(
                    "Search for an existing record before creating a new one.",
                    "Use the full, agreed form of names, addresses and dates.",
                    "Put information in the field meant for it, not in a notes box.",
                    "Fill in mandatory fields properly, not with a dot or \u201cN/A\u201d to get past them.",
                ),
                multiple(
                    "Which of these would create duplicate or unmatched records? Select all that apply.",
                    [
                        ("Typing Smith Str in one system and Smith Street in another", True, ""),
                        (
                            "Using the same unique identifier for a person in every system",
                            False,
                            "A common identifier is what lets records be matched.",
                        ),
                        ("Creating a new record instead of searching for an existing one", True, ""),
                        ("Submitting a form twice because the page was slow", True, ""),
                    ],
                    explanation="Inconsistent spellings, new records for existing people and double "
                    "submissions all create duplicates. A shared identifier prevents them.",
                ),
                numeric(
                    "A team's list has 200 records; 30 have no postcode. What percentage of records have a "
                    "postcode?",
                    "85",
                    tolerance="0.5",
                    unit="%",
                    hint="Work out how many records have a postcode, then divide by 200.",
                    explanation="200 \u2212 30 = 170 records have a postcode; 170 \u00f7 200 = 85%.",
                ),
            ],
        },
        {
            "slug": "standards-identifiers-and-master-data",
            "title": "Standards, identifiers and master data",
            "minutes": 10,
            "body": [
                p(
                    "Nottinghamshire County Council's first data principle is that data standards are "
                    "consistent, so data is validated and captured once to use many times. Its strategy plans "
                    "a council-wide data directory that records what data is held, where, who owns it and what "
                    "it may be shared for, with a glossary of the words used to describe it."
                ),
                p(
                    "A <b>data standard</b> is an agreed way of recording something: a date as 2024-03-31, a "
                    "road by its official name. A <b>common identifier</b> is a reference that means the same "
                    "thing in every system, such as a Unique Property Reference Number (UPRN) for an address. "
                    "With both, records from different systems can be joined."
                ),
                p(
                    "Essex County Council's strategy describes <b>master data management</b>: business and IT "
                    "working together so the council's shared core data, such as people, places and "
                    "organisations, is uniform, accurate and accounted for. Essex found that data about "
                    "individuals sits on systems with no shared personal or household identifier, which makes a "
                    "whole picture hard to build."
                ),
                inset(
                    "Before you build your own list of something, check the data directory: another team may "
                    "already keep it, with an owner who keeps it up to date."
                ),
                single(
                    "Two systems record the same properties. One uses full addresses typed by hand; the other "
                    "uses UPRNs. What would make it easiest to match them?",
                    [
                        (
                            "Add the UPRN to the first system's records",
                            True,
                            "Right: a common identifier lets records be matched exactly.",
                        ),
                        (
                            "Ask staff to type addresses more carefully from now on",
                            False,
                            "That helps new records but does not match the old ones reliably.",
                        ),
                        (
                            "Match on the first five letters of the address",
                            False,
                            "That would wrongly match different properties on the same road.",
                        ),
                    ],
                    explanation="A shared identifier such as the UPRN is the reliable way to join records "
                    "about the same property.",
                ),
                short_text(
                    "What does Nottinghamshire County Council plan to include in its data directory to help "
                    "people understand the language used to describe data? One word.",
                    ["glossary", "a glossary"],
                    explanation="A glossary explains the terms used, so everyone means the same thing by them.",
                ),
            ],
        },
        {
            "slug": "checking-a-dataset-for-problems",
            "title": "Checking a dataset for problems",
            "minutes": 15,
            "body": [
                p(
                    "Before you use a dataset, check it. Two quick checks find many problems: are any rows "
                    "repeated, and are any reference numbers missing? In this lesson you do both on the "
                    "fly-tipping incidents dataset, in Python, in your browser. You do not need to have used "
                    "Python before: the starter code does most of the work and the hints explain each step."
                ),
                p(
                    "Read the dataset's page first. Its list of known issues tells you what to look for, which "
                    "is exactly what a good dataset description should do."
                ),
                exercise("fly-tipping-quality-checks"),
                single(
                    "You find that about 1 in 100 rows in a dataset repeats the row before it. What should you "
                    "do first?",
                    [
                        (
                            "Tell the data owner, and remove the repeats from your copy before counting",
                            True,
                            "Right: fix your analysis and help fix the source.",
                        ),
                        (
                            "Ignore them: 1% cannot matter",
                            False,
                            "It might not change your answer, but the owner needs to know so it can be fixed.",
                        ),
                        (
                            "Delete the rows from the council's system yourself",
                            False,
                            "Only the data owner's team should change the source system.",
                        ),
                    ],
                    explanation="Work around the problem in your analysis, and report it to the owner so the "
                    "cause can be fixed.",
                ),
            ],
        },
        {
            "slug": "fix-the-process-not-just-the-data",
            "title": "Fix the process, not just the data",
            "minutes": 10,
            "body": [
                p(
                    "Cleaning data after the event is slow and never finished. Essex County Council's strategy "
                    "asks business owners to go further: not only to fix data, but to fix the processes and "
                    "systems that created the errors in the first place. It also asks for regular reports on "
                    "the quality of essential data fields, alongside performance reports."
                ),
                p(
                    "Ask why an error keeps happening. If staff type road names freely, offer a list to choose "
                    "from. If a form is submitted twice when the page is slow, stop the second submission. If a "
                    "field is often left blank, ask whether it is needed and explain why it matters."
                ),
                ordering(
                    "Put these steps for dealing with a recurring data error in a sensible order.",
                    [
                        "Notice the error and how often it happens",
                        "Find the step in the process where it starts",
                        "Change the form or process to prevent it",
                        "Check the quality report to see it has stopped",
                    ],
                    explanation="Find the cause, fix it at source, then check the fix worked.",
                ),
                single(
                    "Staff type the ward name into a free-text box and the same ward appears in capitals, lower "
                    "case and with extra spaces. What is the best lasting fix?",
                    [
                        (
                            "Replace the box with a list of wards to choose from",
                            True,
                            "Right: a choice list makes the inconsistent entries impossible.",
                        ),
                        (
                            "Tidy the ward names in the report every month",
                            False,
                            "That treats the symptom every month and never stops it.",
                        ),
                        (
                            "Send a reminder email to staff",
                            False,
                            "Reminders fade. A change to the form lasts.",
                        ),
                    ],
                    explanation="Fixing the form stops the error at source, which is what Essex's strategy asks "
                    "for.",
                ),
            ],
        },
    ],
}

DATA_PROTECTION = {
    "slug": "data-protection-foi-and-sharing",
    "title": "Data protection, FOI and sharing data safely",
    "level": Level.ENGAGE,
    "minutes": 50,
    "pass_mark": 70,
    "summary": "The laws that govern council information, who is responsible for what, and how to share data "
    "safely and openly.",
    "audience": "Staff who handle personal data, answer requests for information or share data with partners.",
    "outcomes": "Name the main laws that apply to council information\n"
    "Say who is accountable for information risk and for each information asset\n"
    "Explain privacy by design and when a data sharing agreement is needed\n"
    "Tell which information can be published as open data",
    "competencies": ["DG1", "GL2", "GL3", "FU3"],
    "lessons": [
        {
            "slug": "the-law-on-council-information",
            "title": "The law on council information",
            "minutes": 12,
            "body": [
                p(
                    "Worcestershire County Council's strategy sets out the legal framework for the information "
                    "it holds. The main pieces are:"
                ),
                bullets(
                    "<b>UK General Data Protection Regulation (UK GDPR)</b> and the <b>Data Protection Act "
                    "2018</b>: how personal data is collected, used, kept and shared.",
                    "<b>Freedom of Information Act 2000</b>: anyone may ask a public authority for information "
                    "it holds, and must normally get an answer within 20 working days.",
                    "<b>Environmental Information Regulations 2004</b>: requests for environmental information.",
                    "<b>Re-use of Public Sector Information Regulations 2015</b> and the <b>INSPIRE "
                    "Regulations 2009</b>: re-use of public information and spatial data.",
                    "<b>Public Records Acts 1958 and 1967</b>, and the laws for each service, such as children's "
                    "and adult social care.",
                ),
                inset(
                    "Not sharing data can be a risk too. Essex County Council's strategy says so directly: not "
                    "sharing data is a risk in its own right."
                ),
                short_text(
                    "Members of the public can ask the council for information it holds under which Act? Give "
                    "its name.",
                    ["Freedom of Information Act", "Freedom of Information Act 2000", "FOI Act", "FOI"],
                    pattern=r"(the )?freedom of information( act)?( 2000)?",
                    explanation="The Freedom of Information Act 2000 gives a right of access to information "
                    "held by public authorities.",
                ),
                single(
                    "Which law sits alongside UK GDPR for personal data in the UK?",
                    [
                        ("Data Protection Act 2018", True, "Right: the two work together."),
                        (
                            "Environmental Information Regulations 2004",
                            False,
                            "Those cover requests for environmental information.",
                        ),
                        (
                            "Public Records Act 1958",
                            False,
                            "That covers keeping public records, not personal data in general.",
                        ),
                    ],
                    explanation="UK GDPR and the Data Protection Act 2018 together govern personal data.",
                ),
            ],
        },
        {
            "slug": "who-is-responsible-for-information",
            "title": "Who is responsible for information",
            "minutes": 12,
            "body": [
                p(
                    "Gloucestershire County Council's strategy sets out who is responsible for what. In "
                    "summary:"
                ),
                bullets(
                    "<b>Senior Information Risk Owner (SIRO)</b>: responsible for the council's information risk "
                    "policy.",
                    "<b>Information Asset Owners</b>: senior leaders accountable for their information assets.",
                    "<b>Data Protection Officer</b>: a statutory role under data protection law, who must be "
                    "consulted on any proposal that uses personal data.",
                    "<b>Heads of service</b>: maintain data assets and make sure staff are trained.",
                    "<b>All staff</b>: aware of their personal responsibilities for data use and storage.",
                ),
                p(
                    "Essex County Council's strategy adds that each business area must have a data owner who "
                    "is accountable for the security and use of a set of information, and who understands its "
                    "business use, value and risk."
                ),
                single(
                    "A team wants to use care records in a new way to target a service. Who must be consulted?",
                    [
                        (
                            "The Data Protection Officer",
                            True,
                            "Right: Gloucestershire's table says the DPO must be consulted on any proposal "
                            "involving personal data.",
                        ),
                        ("Nobody, if the data is already held", False, "A new use needs a new check."),
                        (
                            "Only the IT service",
                            False,
                            "IT can help with access, but the data protection questions go to the DPO.",
                        ),
                    ],
                    explanation="New uses of personal data need the Data Protection Officer's advice first.",
                ),
                multiple(
                    "Which statements are true? Select all that apply.",
                    [
                        ("The SIRO is responsible for the information risk policy", True, ""),
                        ("Information Asset Owners are accountable for their information assets", True, ""),
                        (
                            "Only the information governance team has responsibilities for data",
                            False,
                            "Every member of staff has responsibilities for the data they use and store.",
                        ),
                    ],
                    explanation="Responsibility is shared: specific roles are accountable, and everyone is "
                    "responsible for their own use of data.",
                ),
            ],
        },
        {
            "slug": "privacy-by-design-and-sharing",
            "title": "Privacy by design and sharing data safely",
            "minutes": 13,
            "body": [
                p(
                    "Worcestershire County Council commits to making the right data available to the right "
                    "people, and only them, using a <b>privacy by design</b> approach. That means building "
                    "privacy into a system or project from the start, not adding it at the end."
                ),
                p(
                    "Gloucestershire County Council goes further with data ethics: considering not just if it "
                    "could use people's information, but if it should."
                ),
                h("Before you share"),
                bullets(
                    "Share the least data that does the job: counts instead of names where you can.",
                    "Use a <b>data protection impact assessment</b> for new uses of personal data that carry a "
                    "high risk.",
                    "Use a <b>data sharing agreement</b> for regular sharing with another organisation: it says "
                    "what is shared, why, how it is kept safe and when it is deleted.",
                    "When working with suppliers, the contract should say what the supplier may do with the "
                    "data and what happens to it at the end, as Worcestershire's strategy notes.",
                ),
                single(
                    "The NHS asks for a monthly list of people discharged into council home care. What should "
                    "be in place?",
                    [
                        (
                            "A data sharing agreement covering what is shared, why and how it is protected",
                            True,
                            "Right: regular sharing of personal data needs an agreement.",
                        ),
                        (
                            "Nothing: both are public bodies",
                            False,
                            "Public bodies still need a lawful basis and clear safeguards.",
                        ),
                        (
                            "A verbal agreement between two managers",
                            False,
                            "Nobody could check later what was agreed.",
                        ),
                    ],
                    explanation="Regular sharing between organisations should be covered by a data sharing "
                    "agreement.",
                ),
                single(
                    "A manager asks for a spreadsheet of every resident who complained, to count complaints by "
                    "area. What is the privacy by design answer?",
                    [
                        (
                            "Send the count of complaints for each area, without names",
                            True,
                            "Right: the count does the job without sharing anyone's identity.",
                        ),
                        (
                            "Send the full list, marked confidential",
                            False,
                            "A marking does not reduce the data shared.",
                        ),
                        ("Refuse the request", False, "The need is reasonable; meet it with less data."),
                    ],
                    explanation="Share the least data that meets the need.",
                ),
            ],
        },
        {
            "slug": "open-data-and-information-requests",
            "title": "Open data and requests for information",
            "minutes": 13,
            "body": [
                p(
                    "Essex County Council describes open data as data that anyone may access, use and share. "
                    "Its reasons for publishing are transparency, efficiency and better decisions, "
                    "collaboration with partners, and innovation."
                ),
                p(
                    "Lancashire County Council's strategy, following the Government Information Principles, "
                    "says public information should be published proactively in useful formats, not only when "
                    "the law requires it. Personal information, and information that would compromise "
                    "security, is excluded."
                ),
                p(
                    "Publishing helps with Freedom of Information requests too: if information is already "
                    "published, the council can point to it. The lab's FOI requests dataset shows how many "
                    "requests each department answers and how quickly."
                ),
                multiple(
                    "Which of these could normally be published as open data? Select all that apply.",
                    [
                        ("Payments to suppliers over \u00a3500", True, ""),
                        ("Library visits by branch and month", True, ""),
                        (
                            "The names and addresses of people referred to adult social care",
                            False,
                            "That is personal data and must not be published.",
                        ),
                        ("The number of potholes repaired in each ward", True, ""),
                    ],
                    explanation="Counts and spending are public information; personal details are not.",
                ),
                numeric(
                    "Under the Freedom of Information Act 2000, how many working days does the council "
                    "normally have to respond to a request?",
                    "20",
                    unit="working days",
                    explanation="The normal limit is 20 working days from receipt.",
                ),
            ],
        },
    ],
}

RUNNING_YOUR_TEAM = {
    "slug": "using-data-to-run-your-team",
    "title": "Using data to run your team",
    "level": Level.ENGAGE,
    "minutes": 40,
    "pass_mark": 70,
    "summary": "For team leaders and managers: read your team's performance data with confidence, avoid "
    "reacting to every rise and fall, and explain decisions with evidence.",
    "audience": "Team leaders and managers who receive performance reports and make decisions with them.",
    "outcomes": "Tell descriptive from diagnostic questions about your service\n"
    "Recognise ordinary variation in a monthly figure\n"
    "Make and explain a decision using data",
    "competencies": ["DL1", "DA1", "AN2", "VC3", "LC1"],
    "lessons": [
        {
            "slug": "what-happened-and-why",
            "title": "What happened, and why?",
            "minutes": 12,
            "body": [
                p(
                    "Gloucestershire County Council describes four kinds of analytics. <b>Descriptive</b>: what "
                    "happened? <b>Diagnostic</b>: why did it happen? <b>Predictive</b>: what is likely to "
                    "happen? <b>Prescriptive</b>: what should we do? Most team reports are descriptive, and a "
                    "manager's job is often to ask the diagnostic question."
                ),
                p(
                    "Know where your team's figures come from. Essex County Council's Engage level asks people "
                    "to know what a dataset contains, how it is made up, where it comes from and who uses it."
                ),
                ordering(
                    "Put the four kinds of analytics in order, from simplest to most advanced.",
                    ["Descriptive", "Diagnostic", "Predictive", "Prescriptive"],
                    explanation="What happened, why, what will happen, and what to do about it.",
                ),
                single(
                    "Your report shows FOI responses in your department took longer this quarter. Which "
                    "question is diagnostic?",
                    [
                        (
                            "Did a change in the kind of requests we received cause the delay?",
                            True,
                            "Right: it asks why.",
                        ),
                        (
                            "How many requests were late this quarter?",
                            False,
                            "That is descriptive: it asks what happened.",
                        ),
                        (
                            "How many requests will we receive next quarter?",
                            False,
                            "That is predictive.",
                        ),
                    ],
                    explanation="Diagnostic questions ask why something happened.",
                ),
            ],
        },
        {
            "slug": "not-every-change-is-real",
            "title": "Not every change is real",
            "minutes": 14,
            "body": [
                p(
                    "Every monthly figure goes up and down a little. Worcestershire County Council's strategy "
                    "asks the council to use statistical methods to tell <b>common-cause variation</b>, the "
                    "ordinary ups and downs of a stable process, from <b>special-cause variation</b>, a change "
                    "with a specific cause worth looking into."
                ),
                p(
                    "A simple habit helps: look at at least a year of figures before judging one month. If "
                    "this month is inside the range you normally see, it is probably ordinary variation. A "
                    "value well outside that range, or a run of several months all rising, deserves a question."
                ),
                inset(
                    "Reacting to ordinary variation wastes effort and can make things worse: staff are moved "
                    "to fix a problem that was never there."
                ),
                single(
                    "Weekly complaints have ranged from 18 to 26 for a year. This week there were 23. What "
                    "should you tell your team?",
                    [
                        (
                            "This is within our usual range: no sign of a real change",
                            True,
                            "Right: 23 is inside the range the process normally produces.",
                        ),
                        (
                            "Complaints are rising: we need an action plan",
                            False,
                            "One ordinary value inside the usual range is common-cause variation.",
                        ),
                    ],
                    explanation="A value inside the usual range is common-cause variation.",
                ),
                single(
                    "Missed collections have been between 380 and 440 a month for two years. This month there "
                    "were 610. What kind of variation is this most likely to be?",
                    [
                        (
                            "Special-cause: worth finding out what happened",
                            True,
                            "Right: it is far outside the usual range.",
                        ),
                        (
                            "Common-cause: ordinary ups and downs",
                            False,
                            "610 is well above anything seen in two years.",
                        ),
                    ],
                    explanation="A value far outside the usual range suggests a specific cause, such as a "
                    "broken-down vehicle or a change of round.",
                ),
            ],
        },
        {
            "slug": "deciding-and-explaining",
            "title": "Deciding with data and explaining why",
            "minutes": 14,
            "body": [
                p(
                    "Essex County Council wants data used every day to make decisions, with leaders "
                    "championing its use. For a manager, that means three things: decide what you need to "
                    "know, look at the evidence, and explain your decision so others can follow it."
                ),
                h("Explaining a decision in three sentences"),
                bullets(
                    "What we found: \u201cPothole repairs in the north took a median of 14 days in winter, "
                    "against 9 elsewhere.\u201d",
                    "What it means: \u201cResidents in the north wait longest when defects are most common.\u201d",
                    "What we will do: \u201cWe will move one crew north from December to March and check the "
                    "figure again in April.\u201d",
                ),
                p(
                    "Say what you are unsure about. A decision that states its caveats is easier to trust, and "
                    "easier to change if the evidence changes."
                ),
                ordering(
                    "Put the parts of a decision note in order.",
                    ["What we found", "What it means", "What we will do", "When we will check it worked"],
                    explanation="Finding, meaning, action and review: a reader can follow it and hold you to it.",
                ),
                multiple(
                    "Which of these make a data-informed decision easier to trust? Select all that apply.",
                    [
                        ("Saying where the figures came from", True, ""),
                        ("Stating what the data cannot tell you", True, ""),
                        (
                            "Leaving out figures that do not support the decision",
                            False,
                            "Hiding inconvenient evidence destroys trust when it comes out.",
                        ),
                        ("Saying when you will review the decision", True, ""),
                    ],
                    explanation="Sources, caveats and a review date make a decision open to challenge and "
                    "easier to trust.",
                ),
            ],
        },
    ],
}

COURSES = [GOOD_QUALITY_DATA, DATA_PROTECTION, RUNNING_YOUR_TEAM]
