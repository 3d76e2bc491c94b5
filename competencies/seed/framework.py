"""The seed data competency framework, grounded in five county councils' data strategies (Essex Appendix 4
levels and competency framework, Worcestershire's data-quality problems, Lancashire's roles, Gloucestershire's
roles table and analytics ladder, Nottinghamshire's officers and analysts). Plain data; demo.py loads it."""

U, E, A, R = 1, 2, 3, 4

AREAS = [
    (
        "Data quality and standards",
        "Knowing what good data looks like and keeping it that way, from the point it is recorded.",
    ),
    (
        "Finding, using and sharing data",
        "Knowing what data the council holds, where it comes from, and how to use and share it well.",
    ),
    (
        "Analysis and statistics",
        "Turning data into insight: describing, diagnosing, predicting and telling signal from noise.",
    ),
    (
        "Visualising and communicating",
        "Reading and making charts, tables and dashboards, and telling the story the data supports.",
    ),
    (
        "Governance, law and ethics",
        "Using data lawfully, safely and fairly, with clear ownership and accountability.",
    ),
    ("Leading a data culture", "Making decisions with data and helping others build their skills."),
]

# code, area index, name, description, tags, {level: (summary, [indicators])}
# DL1 (data literacy), DA1 (data analysis) and DG1 (data governance) are the codes the demo courses link to.
COMPETENCIES = [
    (
        "DQ1",
        0,
        "Judging data quality",
        "Checking whether data is accurate, valid, reliable, timely, relevant and complete enough for the job in hand.",
        ["data quality"],
        {
            U: (
                "Knows that data can be wrong and what good quality data looks like.",
                [
                    "Names the characteristics of good quality data",
                    "Questions a figure that looks out of line before using it",
                ],
            ),
            E: (
                "Checks the data they use for common quality problems.",
                [
                    "Spots duplicate or incomplete records in a list",
                    "Checks when data was last updated before relying on it",
                    "Reports a problem to the person who owns the data",
                ],
            ),
            A: (
                "Measures and reports data quality and traces problems to their cause.",
                [
                    "Writes checks for completeness and validity",
                    "Quantifies how far a quality problem changes a result",
                    "Traces errors back to the process that created them",
                ],
            ),
            R: (
                "Sets quality standards and leads improvement across services.",
                [
                    "Agrees quality measures with data owners",
                    "Explains the risk of poor data to decision makers",
                    "Leads fixes to the systems and processes behind recurring errors",
                ],
            ),
        },
    ),
    (
        "DQ2",
        0,
        "Recording data right first time",
        "Entering and maintaining records so they are consistent, complete and usable by others — one 'Smith Street', not three spellings of it.",
        ["data entry", "data quality"],
        {
            U: (
                "Understands why consistent recording matters to other people who use the data.",
                [
                    "Explains how a misspelt address can create a duplicate record",
                    "Follows the team's recording guidance",
                ],
            ),
            E: (
                "Records and updates data consistently and completely.",
                [
                    "Searches before creating a new record",
                    "Uses the agreed formats for names, addresses and dates",
                    "Fills in mandatory fields rather than leaving notes in free text",
                ],
            ),
            A: (
                "Designs forms and processes that make good recording easy.",
                [
                    "Uses drop-down lists and validation instead of free text",
                    "Analyses where in a process errors are introduced",
                ],
            ),
            R: (
                "Makes data capture a designed part of every service change.",
                [
                    "Builds data requirements into service redesign from the start",
                    "Challenges processes that rely on paper or PDF records",
                ],
            ),
        },
    ),
    (
        "DQ3",
        0,
        "Using data standards and master data",
        "Using shared definitions, identifiers and reference data so that data from different systems can be joined and trusted.",
        ["master data", "standards"],
        {
            U: (
                "Knows that the council has agreed definitions and common identifiers.",
                [
                    "Finds the definition of a term in the data dictionary",
                    "Knows that the UPRN identifies a property",
                ],
            ),
            E: (
                "Uses the agreed definitions and identifiers in their work.",
                [
                    "Uses the agreed definition when counting, for example, a 'looked after child'",
                    "Records the common identifier so records can be matched",
                ],
            ),
            A: (
                "Matches and joins data across systems using standards.",
                [
                    "Joins two datasets on a common identifier and reports unmatched records",
                    "Proposes a new standard definition where teams disagree",
                ],
            ),
            R: (
                "Owns and governs standards and master data for an area.",
                [
                    "Agrees a single set of definitions with business owners",
                    "Decides which source is the master for a data item",
                ],
            ),
        },
    ),
    (
        "FU1",
        1,
        "Finding and understanding data",
        "Knowing what data exists, where it comes from, how it is made up and who else uses it.",
        ["data catalogue", "metadata"],
        {
            U: (
                "Knows that data about their service exists and where to ask for it.",
                [
                    "Names the main system their team's data lives in",
                    "Asks the data owner or a data champion when unsure",
                ],
            ),
            E: (
                "Finds data and reads its description before using it.",
                [
                    "Searches the data catalogue for an existing dataset",
                    "Reads the metadata: source, coverage, update frequency",
                    "Checks who else uses a report before changing it",
                ],
            ),
            A: (
                "Documents data so others can find and understand it.",
                [
                    "Writes a data dictionary entry for a new dataset",
                    "Describes known limitations alongside a published dataset",
                ],
            ),
            R: (
                "Shapes how the council catalogues and describes its data.",
                [
                    "Sets the standard for describing datasets",
                    "Reduces duplicate versions of the truth by pointing teams to one source",
                ],
            ),
        },
    ),
    (
        "FU2",
        1,
        "Sharing data safely and lawfully",
        "Sharing data with colleagues and partners when it helps residents, with the right agreements and protections.",
        ["data sharing", "open data"],
        {
            U: (
                "Knows that sharing data needs a lawful reason and care.",
                [
                    "Does not email personal data to personal accounts",
                    "Knows where to get advice before sharing",
                ],
            ),
            E: (
                "Shares data in the approved way for their work.",
                [
                    "Uses a secure shared location instead of attachments",
                    "Shares only the fields the recipient needs",
                    "Checks whether a data sharing agreement is in place",
                ],
            ),
            A: (
                "Prepares data for sharing or publication and reduces risk.",
                [
                    "Anonymises or aggregates data before release",
                    "Prepares an open dataset in a machine-readable format",
                ],
            ),
            R: (
                "Leads data sharing arrangements with partners.",
                [
                    "Negotiates a data sharing agreement with a partner organisation",
                    "Balances the benefit of sharing against the risk",
                ],
            ),
        },
    ),
    (
        "FU3",
        1,
        "Managing data through its life",
        "Storing, keeping and disposing of data properly: the right place, the right time, then deleted.",
        ["retention", "records management"],
        {
            U: (
                "Knows that data must be stored properly and not kept for ever.",
                [
                    "Saves work files in the team's shared store, not a personal drive",
                    "Knows the retention schedule exists",
                ],
            ),
            E: (
                "Follows the retention schedule and storage rules.",
                [
                    "Deletes data when its retention period ends",
                    "Keeps one master copy rather than many spreadsheets",
                ],
            ),
            A: (
                "Designs storage and retention for a dataset or system.",
                ["Sets up access permissions based on role", "Automates disposal at the end of retention"],
            ),
            R: (
                "Is accountable for how a service manages its data assets.",
                [
                    "Reviews the information asset register for their service",
                    "Makes sure staff are trained in information management",
                ],
            ),
        },
    ),
    (
        "DA1",
        2,
        "Describing and diagnosing with data",
        "Summarising what happened and working out why — the first two steps from descriptive to diagnostic analytics.",
        ["analysis", "statistics"],
        {
            U: (
                "Understands basic summaries such as totals, averages and percentages.",
                [
                    "Explains what an average does and does not tell you",
                    "Reads a percentage change correctly",
                ],
            ),
            E: (
                "Produces simple summaries of their service's data.",
                [
                    "Builds a pivot table to count cases by month",
                    "Compares this period with the same period last year",
                ],
            ),
            A: (
                "Investigates causes with appropriate methods.",
                [
                    "Breaks a trend down by area and group to find the driver",
                    "Tests whether a difference is likely to be real",
                    "States the assumptions behind an analysis",
                ],
            ),
            R: (
                "Chooses the right analysis for a question and guides others through it.",
                [
                    "Frames a service question as an analysis plan",
                    "Reviews colleagues' analysis for sound method",
                ],
            ),
        },
    ),
    (
        "AN2",
        2,
        "Telling signal from noise",
        "Understanding variation: knowing when a change is a real shift (special cause) and when it is the normal wobble (common cause).",
        ["variation", "SPC"],
        {
            U: (
                "Knows that numbers go up and down by chance.",
                ["Does not over-react to one month's change", "Asks whether a change is bigger than usual"],
            ),
            E: (
                "Looks at trends over time rather than two points.",
                ["Plots at least a year of data before judging a change", "Uses a run chart to see a trend"],
            ),
            A: (
                "Uses statistical process control to separate common-cause from special-cause variation.",
                [
                    "Builds a control chart with limits",
                    "Identifies a special-cause signal using the agreed rules",
                ],
            ),
            R: (
                "Changes how the organisation reads performance data.",
                [
                    "Replaces red-amber-green tables with charts that show variation",
                    "Coaches managers to act on signals, not noise",
                ],
            ),
        },
    ),
    (
        "AN3",
        2,
        "Working with data in code and tools",
        "Using spreadsheets, query languages and Python to clean, reshape and analyse data reproducibly.",
        ["Python", "SQL", "spreadsheets"],
        {
            U: (
                "Knows what spreadsheets and code can do with data.",
                [
                    "Sorts and filters a spreadsheet",
                    "Explains why a formula is better than typing numbers in",
                ],
            ),
            E: (
                "Uses spreadsheet formulas and simple queries confidently.",
                [
                    "Uses lookups to combine two tables",
                    "Runs a saved query or notebook and checks the output",
                ],
            ),
            A: (
                "Writes code to clean, join and analyse data reproducibly.",
                [
                    "Writes a Python notebook that loads, cleans and summarises a dataset",
                    "Uses version control for analysis code",
                    "Replaces a manual spreadsheet process with a script",
                ],
            ),
            R: (
                "Sets the tools and practices others use.",
                [
                    "Reviews code for correctness and readability",
                    "Chooses shared tools and writes guidance for them",
                ],
            ),
        },
    ),
    (
        "AN4",
        2,
        "Predicting and modelling",
        "Using predictive and prescriptive analytics — forecasts, risk models and optimisation — responsibly.",
        ["predictive analytics", "machine learning"],
        {
            U: (
                "Knows what a model or forecast is and that it can be wrong.",
                ["Explains a forecast as a range, not a certainty", "Asks what data a model was trained on"],
            ),
            E: (
                "Uses model outputs in their work with understanding.",
                [
                    "Uses a risk score alongside professional judgement",
                    "Reports cases where a model's output looks wrong",
                ],
            ),
            A: (
                "Builds and tests predictive models.",
                [
                    "Builds a forecast and measures its error on held-out data",
                    "Checks a model for bias across groups",
                ],
            ),
            R: (
                "Decides when and how models are used in services.",
                [
                    "Sets the evaluation a model must pass before use",
                    "Explains a model's limits to decision makers",
                ],
            ),
        },
    ),
    (
        "DL1",
        3,
        "Reading charts and tables critically",
        "Understanding what a chart or table shows, what it does not show, and whether it is misleading.",
        ["data literacy", "charts"],
        {
            U: (
                "Reads a chart or table and says what it shows.",
                ["States the main message of a bar chart", "Reads the axes, units and source"],
            ),
            E: (
                "Spots charts that mislead.",
                ["Notices a truncated axis", "Asks what is missing from a table"],
            ),
            A: (
                "Critiques others' visualisations constructively.",
                ["Suggests a clearer chart type", "Checks a dashboard's figures against the source data"],
            ),
            R: (
                "Sets the standard for honest presentation of data.",
                [
                    "Challenges a report that retrofits the data to the answer wanted",
                    "Writes guidance on presenting uncertainty",
                ],
            ),
        },
    ),
    (
        "VC2",
        3,
        "Designing charts and dashboards",
        "Choosing and building visualisations that are clear, accessible and fit their audience.",
        ["visualisation", "dashboards", "accessibility"],
        {
            U: (
                "Knows that different charts suit different questions.",
                ["Chooses a line chart for a trend over time", "Avoids 3D and pie charts with many slices"],
            ),
            E: (
                "Makes clear, accessible charts for their team.",
                [
                    "Labels axes and gives a descriptive title",
                    "Uses colours that work for colour-blind readers",
                ],
            ),
            A: (
                "Designs dashboards for a defined audience and purpose.",
                [
                    "Designs a dashboard from user needs, not available data",
                    "Provides the data behind a chart as a table",
                ],
            ),
            R: (
                "Leads the council's approach to visualisation.",
                ["Sets house style and accessibility rules for dashboards", "Retires dashboards nobody uses"],
            ),
        },
    ),
    (
        "VC3",
        3,
        "Telling the story with data",
        "Explaining what the data means and guiding an audience through an analysis to a decision.",
        ["storytelling", "communication"],
        {
            U: (
                "Can say in a sentence what the data tells us.",
                ["Summarises a chart's message in plain English", "Says how confident we can be"],
            ),
            E: (
                "Uses data to support a point in their work.",
                [
                    "Quotes the source and date of figures in a report",
                    "Explains one key number to a colleague",
                ],
            ),
            A: (
                "Builds a clear narrative from an analysis.",
                [
                    "Structures a briefing as question, findings, implications",
                    "Adapts the message for residents, managers and members",
                ],
            ),
            R: (
                "Guides decision makers through evidence to a decision.",
                [
                    "Presents options with their evidence and uncertainty",
                    "Handles challenge on the analysis in a meeting",
                ],
            ),
        },
    ),
    (
        "DG1",
        4,
        "Data protection and information rights",
        "Handling personal data lawfully under UK GDPR and the Data Protection Act 2018, and responding to FOI and EIR requests.",
        ["UK GDPR", "FOI", "EIR"],
        {
            U: (
                "Knows their personal responsibilities for data use and storage.",
                ["Recognises personal and special category data", "Reports a data breach straight away"],
            ),
            E: (
                "Applies data protection rules in their daily work.",
                [
                    "Collects only the personal data that is needed",
                    "Recognises a subject access or FOI request and passes it on",
                ],
            ),
            A: (
                "Assesses data protection risk in new work.",
                [
                    "Completes a data protection impact assessment",
                    "Consults the Data Protection Officer on new uses of personal data",
                ],
            ),
            R: (
                "Is accountable for information risk.",
                ["Sets information risk policy", "Decides on high-risk processing with the DPO's advice"],
            ),
        },
    ),
    (
        "GL2",
        4,
        "Data ownership and stewardship",
        "Knowing who owns each dataset, and acting as an owner or steward: accountable for its quality, security and use.",
        ["data ownership", "stewardship"],
        {
            U: (
                "Knows that every dataset has an owner and who to contact.",
                [
                    "Finds the owner of a dataset in the catalogue",
                    "Tells the owner when they find something incorrect",
                ],
            ),
            E: (
                "Carries out data management tasks set by the data owner.",
                [
                    "Keeps a dataset up to date at the agreed frequency",
                    "Quality checks outputs before release",
                ],
            ),
            A: (
                "Stewards a dataset: quality, access and documentation.",
                [
                    "Manages access requests to a dataset",
                    "Keeps the dataset's documentation current",
                    "Tracks and resolves data quality issues",
                ],
            ),
            R: (
                "Is accountable for a set of data assets.",
                [
                    "Signs off data for publication on the visual platforms",
                    "Agrees new uses of and access to their data",
                ],
            ),
        },
    ),
    (
        "GL3",
        4,
        "Using data ethically",
        "Considering fairness, transparency and residents' expectations as well as the law when using data.",
        ["ethics", "AI"],
        {
            U: (
                "Knows that lawful does not always mean right.",
                [
                    "Asks how residents would feel about a use of their data",
                    "Knows the council has a data ethics framework",
                ],
            ),
            E: (
                "Raises ethical questions in their work.",
                [
                    "Flags a use of data that could treat groups unfairly",
                    "Explains to residents how their data is used",
                ],
            ),
            A: (
                "Assesses the ethics of an analysis or model.",
                [
                    "Completes an ethics assessment for an analytics project",
                    "Tests an algorithm's outcomes for different groups",
                ],
            ),
            R: (
                "Leads ethical governance of data and AI.",
                ["Brings cases to the ethics committee", "Publishes how the council uses algorithms"],
            ),
        },
    ),
    (
        "LC1",
        5,
        "Making decisions with data",
        "Using evidence rather than gut feeling or anecdote to plan, prioritise and decide.",
        ["decision making", "performance"],
        {
            U: (
                "Values evidence when decisions are made.",
                ["Asks what the data says before deciding", "Distinguishes anecdote from evidence"],
            ),
            E: (
                "Uses data to plan and review their own team's work.",
                ["Reviews team performance data monthly", "Sets a measurable objective"],
            ),
            A: (
                "Commissions and uses analysis to make service decisions.",
                ["Frames a clear question for analysts", "Changes a service in response to evidence"],
            ),
            R: (
                "Sponsors a data-enabled culture across a directorate.",
                [
                    "Champions the use of data in leadership meetings",
                    "Holds teams to account for using evidence",
                ],
            ),
        },
    ),
    (
        "LC2",
        5,
        "Building data capability and community",
        "Helping colleagues learn data skills and taking part in the data community of practice.",
        ["community of practice", "data champions"],
        {
            U: (
                "Knows where to get help with data.",
                [
                    "Finds a data champion or the community forum",
                    "Takes the Data Academy's introductory course",
                ],
            ),
            E: (
                "Takes part in the data community and shares what they learn.",
                ["Asks and answers questions in the forum", "Shares a useful tip or dataset with their team"],
            ),
            A: (
                "Helps colleagues build their skills.",
                ["Runs a short session for their team", "Mentors a colleague through a piece of analysis"],
            ),
            R: (
                "Leads the council's data community and skills programme.",
                ["Coordinates the data champions network", "Plans training for officers and for analysts"],
            ),
        },
    ),
]

# code, kind, job title, job family, service area, grade, description, {competency code: (level, priority)}
ESS, DES = "essential", "desirable"
ROLES = [
    (
        "all-staff",
        "job",
        "All staff",
        "All staff",
        "All services",
        "",
        "Everyone who records or uses data in their job. Gloucestershire's strategy puts it simply: all staff need "
        "awareness of their personal responsibilities for data use and storage.",
        {
            "DQ1": (U, ESS),
            "DQ2": (E, ESS),
            "FU1": (U, ESS),
            "FU3": (U, ESS),
            "DG1": (U, ESS),
            "DL1": (U, ESS),
            "LC2": (U, DES),
        },
    ),
    (
        "team-manager",
        "job",
        "Team manager",
        "Management",
        "All services",
        "",
        "Leads a team: plans and reviews its work with data and makes sure the team records data well.",
        {
            "DQ1": (E, ESS),
            "DQ2": (E, ESS),
            "DL1": (E, ESS),
            "AN2": (E, ESS),
            "LC1": (E, ESS),
            "DG1": (E, ESS),
            "VC3": (E, DES),
        },
    ),
    (
        "head-of-service",
        "job",
        "Senior officer or head of service",
        "Senior leadership",
        "All services",
        "",
        "Maintains the service's data assets, makes sure staff are trained in data and information management, and "
        "signs off data made available through the council's platforms (Lancashire's senior officer).",
        {
            "LC1": (R, ESS),
            "GL2": (A, ESS),
            "DG1": (A, ESS),
            "DL1": (A, ESS),
            "AN2": (E, ESS),
            "FU3": (R, ESS),
            "GL3": (E, DES),
        },
    ),
    (
        "data-analyst",
        "job",
        "Data analyst",
        "Data and insight",
        "Data and Intelligence",
        "Band 7",
        "Analyses and interprets data to answer service questions and turns the results into clear reports.",
        {
            "DA1": (A, ESS),
            "AN3": (A, ESS),
            "DQ1": (A, ESS),
            "VC2": (A, ESS),
            "VC3": (A, ESS),
            "DQ3": (E, ESS),
            "DG1": (E, ESS),
            "AN2": (A, DES),
        },
    ),
    (
        "performance-analyst",
        "job",
        "Performance analyst",
        "Data and insight",
        "Data and Intelligence",
        "Band 6",
        "Produces and explains the performance framework: measures, trends and the variation behind them.",
        {
            "AN2": (A, ESS),
            "DA1": (A, ESS),
            "VC2": (A, ESS),
            "VC3": (A, ESS),
            "DQ1": (E, ESS),
            "LC1": (E, DES),
        },
    ),
    (
        "data-engineer",
        "job",
        "Data engineer",
        "Data and insight",
        "Digital Services",
        "Band 8",
        "Builds and looks after the data pipeline and architecture that deliver reliable data to analysts and services.",
        {
            "DQ3": (A, ESS),
            "AN3": (R, ESS),
            "FU3": (A, ESS),
            "FU1": (A, ESS),
            "DQ1": (A, ESS),
            "FU2": (A, DES),
        },
    ),
    (
        "data-scientist",
        "job",
        "Data scientist",
        "Data and insight",
        "Data and Intelligence",
        "Band 8",
        "Works with the data the pipeline delivers to build predictive models and answer complex questions.",
        {
            "AN4": (A, ESS),
            "AN3": (A, ESS),
            "DA1": (A, ESS),
            "GL3": (A, ESS),
            "VC3": (A, ESS),
            "AN2": (A, DES),
        },
    ),
    (
        "technical-officer",
        "job",
        "Technical officer (data)",
        "Business systems",
        "All services",
        "",
        "Maintains and improves a service's datasets, quality checks outputs and defines how and how often the data "
        "is updated (Lancashire's technical officer).",
        {
            "DQ1": (A, ESS),
            "DQ2": (A, ESS),
            "DQ3": (E, ESS),
            "GL2": (E, ESS),
            "FU1": (E, ESS),
            "AN3": (E, DES),
        },
    ),
    (
        "data-owner",
        "governance",
        "Data owner",
        "Governance",
        "All services",
        "",
        "Accountable and responsible for the security and use of a set of information; understands its business use, "
        "value and risk (Essex Data Strategy).",
        {"GL2": (R, ESS), "DQ1": (E, ESS), "DG1": (A, ESS), "FU2": (A, ESS), "GL3": (E, DES)},
    ),
    (
        "data-steward",
        "governance",
        "Data steward",
        "Governance",
        "All services",
        "",
        "Manages and oversees a data asset so that users get high-quality data that is easy to access in a consistent way.",
        {"GL2": (A, ESS), "DQ1": (A, ESS), "DQ3": (A, ESS), "FU1": (A, ESS), "FU3": (E, ESS)},
    ),
    (
        "information-asset-owner",
        "governance",
        "Information Asset Owner",
        "Governance",
        "All services",
        "",
        "A senior leader accountable for their information assets (Gloucestershire's roles table).",
        {"GL2": (R, ESS), "DG1": (A, ESS), "FU3": (R, ESS), "FU2": (A, ESS), "GL3": (E, DES)},
    ),
    (
        "siro",
        "governance",
        "Senior Information Risk Owner (SIRO)",
        "Governance",
        "Corporate",
        "",
        "Responsible for the organisation's information risk policy.",
        {"DG1": (R, ESS), "GL3": (R, ESS), "GL2": (R, ESS), "LC1": (R, ESS), "FU2": (R, DES)},
    ),
    (
        "data-champion",
        "governance",
        "Data champion",
        "Community",
        "All services",
        "",
        "Champions good use of data in their team, helps colleagues and moderates the data community forums.",
        {"LC2": (A, ESS), "DL1": (A, ESS), "DQ1": (E, ESS), "FU1": (E, ESS), "DA1": (E, DES)},
    ),
]

DEMO_ASSIGNMENTS = {
    # demo user email → (job profile code, governance profile codes)
    "learner@example.gov.uk": ("all-staff", []),
    "champion@example.gov.uk": ("performance-analyst", ["data-champion"]),
    "hr@example.gov.uk": ("team-manager", []),
    "admin@example.gov.uk": ("data-analyst", ["data-steward"]),
}
