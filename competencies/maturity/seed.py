"""The LGA data maturity model as Essex CC used it (Data Strategy 2021-2025, section 5 and Appendix 11):
26 questions in five themes, scored Basic / Intermediate / Advanced. Plain data; demo.py loads it.

Level descriptors paraphrase the characteristics Lancashire CC (Basic) and Essex CC (Intermediate) quote from
the LGA's tool, and the LGA best-practice tips Essex lists (Advanced). Help text is the platform's own.
"""

MODEL_NAME = "LGA data maturity model"
MODEL_DESCRIPTION = (
    "The Local Government Association's data maturity model: 26 questions in five themes about how a team "
    "uses, values, manages, analyses and governs data. Answer for your team as it is today, not as it should be."
)

LEVELS = [
    (
        "Basic",
        "Data is used and managed in silos; its quality is not well understood and data sets are hard to join. "
        "Sharing is mostly prevented by governance worries, and there is little analytical capability.",
    ),
    (
        "Intermediate",
        "Data analysis informs some decisions but is let down by data quality or limited buy-in. Integration "
        "is possible with manual work, sharing happens but not widely, and most staff have basic data literacy.",
    ),
    (
        "Advanced",
        "Data use is embedded in strategic and operational decisions, dashboards and automation are routine, "
        "skilled analysts are easy to reach, and sharing is confident, lawful and well governed.",
    ),
]

# slug, name, description, competency codes, forum category slug, [(code, topic, text, help text)]
THEMES = [
    (
        "data-use",
        "Data Use",
        "How your team uses data to inform decisions and run services.",
        ["DL1", "DA1", "AN2", "VC2"],
        "data-and-insight",
        [
            (
                "Q1",
                "Decision making",
                "Data is trusted, accurate, timely and available for supporting operational and strategic "
                "decisions.",
                "Think of the last few decisions your team made: was data asked for, and was it good enough?",
            ),
            (
                "Q2",
                "Insight creation",
                "We have the ability to develop insight from data.",
                "Insight means explaining why something happened or what is likely next, not only counting.",
            ),
            (
                "Q3",
                "Insight accessibility",
                "Analytical outputs that inform decisions are communicated in accessible formats that most staff "
                "easily understand, not only those in IT or analytic roles.",
                "",
            ),
            (
                "Q4",
                "Collaboration",
                "There is a process to collaborate and share insights and best practice between teams.",
                "",
            ),
            (
                "Q5",
                "Self-service",
                "My team uses the council's self-service insight platform to review insights and reports created "
                "for use across the council.",
                "For example shared dashboards your team opens itself rather than asking for a report.",
            ),
        ],
    ),
    (
        "data-awareness-culture",
        "Data Awareness & Culture",
        "Attitudes towards data and its uses in your team and the council.",
        ["LC1", "LC2", "DL1"],
        "data-and-insight",
        [
            (
                "Q6",
                "Sponsorship",
                "Political leaders have made statements that clearly show a high level of buy-in to, and "
                "understanding of, using data more intelligently.",
                "",
            ),
            (
                "Q7",
                "Strategy and documentation",
                "Clear and explicit policies or strategies are in place to support greater and more intelligent "
                "use of data.",
                "",
            ),
            (
                "Q8",
                "Data literacy",
                "My team makes good use of data and understands how to access, manipulate and present data to "
                "provide evidence-based insights.",
                "",
            ),
            (
                "Q9",
                "Purpose",
                "The purpose of data collection is clearly set out and understood by most staff in most cases.",
                "",
            ),
        ],
    ),
    (
        "data-management",
        "Data Management",
        "How data is stored, accessed, shared and quality assured.",
        ["DQ1", "DQ2", "DQ3", "FU1"],
        "data-quality",
        [
            (
                "Q10",
                "Data access",
                "It is easy to access and explore organisational data, internal and external.",
                "Which internal and external data sources does your team use? Mention them in the comment.",
            ),
            (
                "Q11",
                "Data storage",
                "Datasets are stored and structured in a user-friendly, consistent model.",
                "For example, an address or phone number is stored the same way in every dataset, so matching "
                "records across datasets is easy.",
            ),
            (
                "Q12",
                "Data definitions and metadata",
                "The organisation follows clear, common standards (its own or external) for how commonly used "
                "data, such as addresses or names, is recorded.",
                "",
            ),
            (
                "Q13",
                "Data quality",
                "My team uses data quality metrics for key datasets and fields so the data we report on is "
                "rigorously maintained.",
                "Quality metrics help people understand why data is being measured.",
            ),
        ],
    ),
    (
        "data-skills-capabilities",
        "Data Skills & Capabilities",
        "The capacity of your team and the council to undertake data analysis and data science.",
        ["DA1", "AN2", "AN3", "AN4", "VC3"],
        "tools",
        [
            (
                "Q14",
                "Techniques and capabilities",
                "Within our function, we use statistical skills and techniques to make the best use of our data.",
                "",
            ),
            (
                "Q15",
                "Skills",
                "I can quickly assign work to people, in my team or other teams, who have the skills to extract, "
                "manipulate, analyse and visualise data effectively.",
                "",
            ),
            (
                "Q16",
                "Training",
                "The organisation offers data skills training for a range of different applications and toolsets.",
                "",
            ),
            (
                "Q17",
                "Demand management",
                "The number of data professionals is enough to meet the analytic demands of the service area.",
                "",
            ),
            (
                "Q18",
                "Tools",
                "My team has access to, and uses, tools and software that make data intuitive, interactive and "
                "accessible.",
                "Which tools and systems would you like? Say so in the comment.",
            ),
            (
                "Q19",
                "Structure",
                "Staff in my team with data skills work with data staff in other teams so that data use is all "
                "heading in the same direction.",
                "",
            ),
            (
                "Q20",
                "Innovation",
                "We use new data modelling techniques to generate predictive insight.",
                "",
            ),
        ],
    ),
    (
        "data-governance",
        "Data Governance",
        "The governance of data, and approaches to data protection and privacy.",
        ["DG1", "GL2", "GL3", "FU3"],
        "data-and-insight",
        [
            (
                "Q21",
                "Data governance",
                "There are key people in the organisation, usually senior, who understand the importance of "
                "managing data appropriately.",
                "",
            ),
            (
                "Q22",
                "Data sharing",
                "The organisation has effective processes for sharing data with partners when needed for better "
                "outcomes.",
                "",
            ),
            ("Q23", "Engagement", "Business stakeholders are consulted on data initiatives.", ""),
            (
                "Q24",
                "Data ownership",
                "When I find something incorrect in a dataset, my team knows who owns it and whom to contact so "
                "the data is corrected and future inconsistencies are limited.",
                "",
            ),
            (
                "Q25",
                "Data ethics",
                "When we use data to make a decision, we consider the ethics of using it, including the bias "
                "that may be inherent in the data.",
                "",
            ),
            (
                "Q26",
                "Outcomes and improvement",
                "There are clear metrics in place to monitor data and drive improvement in the quality of the "
                "data we hold.",
                "",
            ),
        ],
    ),
]
