"""Reason level: variation and trends, telling the story with data, and leading information governance."""

from competencies.levels import Level

from .blocks import bullets, exercise, h, inset, multiple, numeric, ordering, p, quote, short_text, single

VARIATION = {
    "slug": "variation-and-trends",
    "title": "Variation and trends: is this a real change?",
    "level": Level.REASON,
    "minutes": 100,
    "pass_mark": 70,
    "summary": "Tell signal from noise: common-cause and special-cause variation, control charts built in the "
    "lab, and confidence intervals that say how sure you can be.",
    "audience": "Analysts and performance leads who advise decision makers on whether a change is real.",
    "outcomes": "Explain common-cause and special-cause variation\n"
    "Build an XmR control chart and read its limits\n"
    "Calculate and explain a 95% confidence interval for a mean\n"
    "Advise whether a change needs action",
    "competencies": ["AN2", "AN3", "DA1"],
    "prerequisites": ["measures-and-performance-indicators"],
    "lessons": [
        {
            "slug": "signal-and-noise",
            "title": "Signal and noise",
            "minutes": 20,
            "body": [
                p(
                    "Worcestershire County Council's strategy asks the council to use statistical methods to "
                    "identify <b>common-cause variation</b>, the ordinary ups and downs of a stable process, and "
                    "<b>special-cause variation</b>, a change with a specific cause that is worth investigating."
                ),
                p(
                    "The distinction changes what a manager should do. Common-cause variation is a property of "
                    "the whole process: to improve it, change the process. Special-cause variation has a "
                    "specific cause: find it. Treating common-cause variation as special, by reacting to every "
                    "monthly rise, is called tampering, and it usually makes a process more variable."
                ),
                h("Rules for spotting a special cause"),
                bullets(
                    "One point outside the control limits.",
                    "A run of 7 or more points in a row on the same side of the mean.",
                    "A run of 6 or more points in a row each higher, or each lower, than the one before.",
                ),
                single(
                    "Weekly complaints have been between 18 and 26 for a year, with limits at 14 and 30. Three "
                    "weeks running they were 25, 26 and 24. What do you advise?",
                    [
                        (
                            "No special cause yet: the points are inside the limits and the run is short",
                            True,
                            "Right: none of the rules is met.",
                        ),
                        (
                            "A special cause: three high weeks is a trend",
                            False,
                            "Three points is not enough for a run rule, and all are inside the limits.",
                        ),
                    ],
                    explanation="None of the special-cause rules applies, so this is common-cause variation.",
                ),
                single(
                    "A process shows only common-cause variation, but its average is too high. What should "
                    "the service do?",
                    [
                        (
                            "Change the process itself",
                            True,
                            "Right: a stable process only improves when the process changes.",
                        ),
                        (
                            "Investigate the highest month",
                            False,
                            "The highest month has no special cause to find; it is part of the usual spread.",
                        ),
                    ],
                    explanation="A stable but unsatisfactory process needs a change to the process, not a hunt "
                    "for a cause in one month.",
                ),
            ],
        },
        {
            "slug": "control-charts-in-the-lab",
            "title": "Building a control chart",
            "minutes": 35,
            "body": [
                p(
                    "An <b>XmR chart</b> (individuals and moving range) is the simplest control chart. Plot the "
                    "values in time order with their mean. The <b>moving range</b> is the absolute difference "
                    "between each value and the one before. The natural process limits are the mean plus and "
                    "minus 2.66 times the average moving range."
                ),
                p(
                    "In this exercise you build one for total library visits across the county, month by month, "
                    "from April 2022 to March 2025. You will need to clean visits written with a thousands "
                    "separator first."
                ),
                exercise("library-visits-control-chart"),
                numeric(
                    "Monthly values have a mean of 500 and an average moving range of 30. What is the upper "
                    "natural process limit?",
                    "579.8",
                    tolerance="0.05",
                    hint="Mean + 2.66 \u00d7 average moving range.",
                    explanation="500 + 2.66 \u00d7 30 = 579.8.",
                ),
            ],
        },
        {
            "slug": "confidence-intervals",
            "title": "How sure can you be? Confidence intervals",
            "minutes": 30,
            "body": [
                p(
                    "A figure from a sample is an estimate. A <b>95% confidence interval</b> gives a range of "
                    "plausible values: if you repeated the sampling many times, 95% of intervals built this way "
                    "would contain the true value."
                ),
                p(
                    "For a mean from a reasonably large sample, the interval is the mean plus and minus 1.96 "
                    "times the <b>standard error</b>, which is the standard deviation divided by the square root "
                    "of the number of values. More data gives a narrower interval."
                ),
                inset(
                    "When two intervals overlap a lot, do not claim one group is different from the other. "
                    "Say that the data does not show a clear difference."
                ),
                exercise("foi-confidence-interval"),
                single(
                    "Team A's mean response time is 14.2 days (95% CI 13.1 to 15.3); team B's is 15.0 days "
                    "(95% CI 13.9 to 16.1). What can you say?",
                    [
                        (
                            "The data does not show a clear difference between the teams",
                            True,
                            "Right: the intervals overlap heavily.",
                        ),
                        (
                            "Team B is slower and needs support",
                            False,
                            "The difference is well within the uncertainty of both estimates.",
                        ),
                    ],
                    explanation="Heavily overlapping intervals mean the difference may be chance.",
                ),
            ],
        },
    ],
}

STORY = {
    "slug": "telling-the-story-with-data",
    "title": "Telling the story with data",
    "level": Level.REASON,
    "minutes": 75,
    "pass_mark": 70,
    "summary": "Lead decision makers from a question to a decision: structure the story, compare fairly, and "
    "check your analysis for bias before it reaches a committee.",
    "audience": "Analysts, managers and data champions who present findings to senior leaders and councillors.",
    "outcomes": "Structure a finding as a story that leads to a decision\n"
    "Make fair comparisons and state caveats\n"
    "Recognise common biases in analysis\n"
    "Present to senior leaders and councillors",
    "competencies": ["VC3", "GL3", "LC1"],
    "lessons": [
        {
            "slug": "start-with-the-decision",
            "title": "Start with the decision",
            "minutes": 20,
            "body": [
                p(
                    "Essex County Council describes the Reason level as telling the right story and guiding "
                    "your audience through the steps of an analysis, so the results become a starting point to "
                    "discuss their impact. Nottinghamshire County Council's training for analysts focuses on "
                    "storytelling and measuring impact."
                ),
                p(
                    "Start from the decision your audience has to make, not from the data you have. Put the "
                    "answer first, then the evidence, then the caveats, then what you recommend."
                ),
                quote(
                    "Data and intelligence should be useful, usable and used.",
                    "Gloucestershire County Council's data and intelligence strategy",
                ),
                ordering(
                    "Put the parts of a briefing for decision makers in the recommended order.",
                    [
                        "The answer in one sentence",
                        "The evidence",
                        "Caveats and uncertainty",
                        "The recommendation",
                    ],
                    explanation="Answer first, so busy readers get it; then why you believe it; then how sure "
                    "you are; then what to do.",
                ),
                single(
                    "Which is the best headline for a slide to the cabinet member for highways?",
                    [
                        (
                            "Pothole reports nearly double each winter: we recommend moving crews from December "
                            "to March",
                            True,
                            "Right: it states the finding and the recommendation.",
                        ),
                        (
                            "Highways defects data, April 2022 to March 2025",
                            False,
                            "That is a label, not a finding.",
                        ),
                        ("Analysis of pothole trends", False, "It does not tell the reader what you found."),
                    ],
                    explanation="A headline that states the finding does the reader's work for them.",
                ),
            ],
        },
        {
            "slug": "comparing-fairly",
            "title": "Comparing fairly",
            "minutes": 30,
            "body": [
                p(
                    "Stories often turn on comparisons: this locality against that one, this year against last. "
                    "A fair comparison uses the same measure, the same period and the same cleaning rules for "
                    "every group, and uses the right average."
                ),
                p(
                    "In this exercise you compare how long people wait for home care in each locality of the "
                    "adult social care dataset. It is the kind of comparison that ends up in a committee report, "
                    "so it has to be right."
                ),
                exercise("home-care-waits-by-locality"),
                multiple(
                    "Before presenting that the North locality waits longest, what should you check? Select all "
                    "that apply.",
                    [
                        ("Whether the difference is larger than ordinary variation between months", True, ""),
                        ("Whether the same recording rules apply in every locality", True, ""),
                        ("How many referrals each median is based on", True, ""),
                        (
                            "Whether the result matches what the cabinet member expects",
                            False,
                            "Analysis should not be shaped to fit expectations: that is confirmation bias.",
                        ),
                    ],
                    explanation="Check size, consistency and variation; never tune a result to expectations.",
                ),
            ],
        },
        {
            "slug": "bias-and-ethics-in-analysis",
            "title": "Bias and ethics in analysis",
            "minutes": 25,
            "body": [
                p(
                    "Bias can enter at every step: in what was recorded, in what you chose to analyse, and in "
                    "how you present it. Common kinds are <b>selection bias</b> (the data covers only some "
                    "people, such as those who contacted the council online), <b>survivorship bias</b> (looking "
                    "only at cases that reached the end of a process) and <b>confirmation bias</b> (looking "
                    "harder for evidence that supports what you already believe)."
                ),
                p(
                    "Gloucestershire County Council warns that data used without proper understanding can be "
                    "misleading and poorly applied. Essex County Council commits to data use that is lawful, "
                    "secure, fair, ethical, sustainable and accountable."
                ),
                single(
                    "Satisfaction with a service is measured only from people who completed an online survey "
                    "after their case closed. What is the main risk?",
                    [
                        (
                            "Selection bias: people without internet access, or whose cases did not close, are "
                            "missing",
                            True,
                            "Right: the sample is not the whole population served.",
                        ),
                        ("The survey is too short", False, "Length is not the main risk here."),
                    ],
                    explanation="Ask who is missing from the data, and whether they might answer differently.",
                ),
                short_text(
                    "What is the name for the bias of looking harder for evidence that supports what you "
                    "already believe? Two words.",
                    ["confirmation bias"],
                    explanation="Confirmation bias. Write down what would change your mind before you look.",
                ),
            ],
        },
    ],
}

GOVERNANCE = {
    "slug": "leading-information-governance",
    "title": "Leading information governance and a data culture",
    "level": Level.REASON,
    "minutes": 60,
    "pass_mark": 70,
    "summary": "For senior officers, Information Asset Owners and the SIRO: own information risk, manage "
    "information through its life, govern sharing, and lead a culture that uses data well.",
    "audience": "Heads of service, Information Asset Owners, the SIRO and senior managers.",
    "outcomes": "Describe the accountabilities of the SIRO, Information Asset Owners and the Chief Data Officer\n"
    "Set retention and sharing decisions for your information assets\n"
    "Judge the risk of sharing and of not sharing\n"
    "Lead your service towards a data-enabled culture",
    "competencies": ["DG1", "GL2", "FU2", "FU3", "GL3", "LC1"],
    "lessons": [
        {
            "slug": "accountability-for-information",
            "title": "Accountability for information",
            "minutes": 20,
            "body": [
                p(
                    "Essex County Council's data strategy describes the <b>Senior Information Risk Owner "
                    "(SIRO)</b> as an executive director or member of the senior management board with overall "
                    "responsibility for the organisation's information risk policy, and recommends aligning the "
                    "<b>Chief Data Officer</b>'s responsibilities to the SIRO. Worcestershire County Council "
                    "assigns ownership through a network of Information Asset Owners and Data Owners, so that "
                    "information risks can be managed."
                ),
                p(
                    "Lancashire County Council's senior officers sign off the data that can be made available, "
                    "ensure compliance with information governance, and take responsibility for data ownership "
                    "in their service."
                ),
                single(
                    "Who has overall responsibility for the council's information risk policy?",
                    [
                        ("The Senior Information Risk Owner (SIRO)", True, ""),
                        (
                            "The Data Protection Officer",
                            False,
                            "The DPO advises and monitors compliance; the SIRO owns the risk policy.",
                        ),
                        (
                            "Each member of staff",
                            False,
                            "Everyone has responsibilities, but overall accountability sits with the SIRO.",
                        ),
                    ],
                    explanation="The SIRO owns information risk; Information Asset Owners are accountable for "
                    "their assets.",
                ),
                multiple(
                    "As an Information Asset Owner, which of these are your decisions? Select all that apply.",
                    [
                        ("How long the records in your asset are kept", True, ""),
                        ("Who may access the asset and for what purpose", True, ""),
                        ("Whether the asset may be shared with a partner", True, ""),
                        (
                            "The council's overall information risk appetite",
                            False,
                            "That is set corporately, through the SIRO.",
                        ),
                    ],
                    explanation="Asset owners decide about their assets within the policy the SIRO sets.",
                ),
            ],
        },
        {
            "slug": "managing-information-through-its-life",
            "title": "Managing information through its life",
            "minutes": 20,
            "body": [
                p(
                    "Lancashire County Council's second information principle is that information is managed: "
                    "stored, protected and used in proportion to its value, through a lifecycle from creation "
                    "to disposal. Gloucestershire County Council asks that data is defined and managed "
                    "consistently across its lifecycle, stored and deleted appropriately, and gives its Archives "
                    "the job of keeping the council's corporate memory."
                ),
                p(
                    "Sharing and re-use need a risk judgement. Lancashire's principles encourage re-use while "
                    "weighing exploiting information against protecting it. Essex is clear that not sharing "
                    "data is a risk in its own right."
                ),
                inset(
                    "Worcestershire County Council notes that contracts with third parties should say what the "
                    "data processor may do and what happens to the data at the end of the contract. Make that "
                    "part of every procurement you sponsor."
                ),
                ordering(
                    "Put the stages of the information lifecycle in order.",
                    ["Create or collect", "Store and protect", "Use and share", "Archive or dispose"],
                    explanation="Each stage needs an owner's decision: what to collect, how to protect it, "
                    "who may use it, and when it ends.",
                ),
                single(
                    "A partner asks for data that would help safeguard vulnerable adults. Your team is "
                    "hesitant. What is the senior officer's job?",
                    [
                        (
                            "Weigh the risk of sharing against the risk of not sharing, with advice from the DPO",
                            True,
                            "Right: both choices carry risk, and the decision should be made and recorded.",
                        ),
                        (
                            "Refuse: sharing is always riskier",
                            False,
                            "Not sharing can leave people at risk too.",
                        ),
                    ],
                    explanation="Good governance makes a recorded, advised decision rather than defaulting to "
                    "no.",
                ),
            ],
        },
        {
            "slug": "leading-a-data-culture",
            "title": "Leading a data culture",
            "minutes": 20,
            "body": [
                p(
                    "Essex County Council's data maturity assessment, using the Local Government Association's "
                    "framework, found an intermediate data culture: the value of data championed in parts of "
                    "the organisation but without full senior management backing. Lancashire County Council "
                    "found that senior officers had not championed the use of data consistently."
                ),
                p(
                    "Both strategies draw the same lesson: leaders set the culture. Essex asks that senior "
                    "managers and councillors champion the use of data for decisions, process improvement and "
                    "performance management. Nottinghamshire County Council's tenth principle is simply that it "
                    "will foster a data-enabled culture."
                ),
                quote(
                    "We will enable ownership and responsibility of data in a lawful, ethical and transparent "
                    "manner, including decisions about the use of data.",
                    "Nottinghamshire County Council's twelfth data principle",
                ),
                multiple(
                    "Which actions by a head of service build a data-enabled culture? Select all that apply.",
                    [
                        ("Asking \u201cwhat does the data say?\u201d in every decision meeting", True, ""),
                        ("Making time for staff to take Data Academy courses", True, ""),
                        ("Publishing data quality alongside performance", True, ""),
                        (
                            "Treating data quality as IT's problem",
                            False,
                            "In Essex's assessment, people who said data quality was not in their remit were "
                            "a sign of weak ownership.",
                        ),
                    ],
                    explanation="Leaders show data matters by using it, investing in skills and owning quality.",
                ),
                short_text(
                    "What level of data culture did Essex County Council's maturity assessment find? One word.",
                    ["intermediate"],
                    explanation="Intermediate: data valued in parts of the organisation, without full senior "
                    "backing.",
                ),
            ],
        },
    ],
}

COURSES = [VARIATION, STORY, GOVERNANCE]
