"""Fictional place, road, branch and supplier names for the sample datasets.

Every name is invented for teaching; any likeness to a real ward, road or firm is accidental.
"""

WARDS = (
    "Abbeyfield",
    "Ashcombe",
    "Brookmoor",
    "Castlegate",
    "Denholme Vale",
    "Elmstead",
    "Fenwick Cross",
    "Greystone",
    "Harrowdene",
    "Kingsbridge",
    "Larkhill North",
    "Larkhill South",
    "Millbrook",
    "Northcote",
    "Oakleigh",
    "Pennington",
    "Redmarsh",
    "Stowford",
    "Thornbury Park",
    "Westmere",
)

# Relative population weight of each ward (reports scale with people and road length).
WARD_WEIGHTS = (9, 6, 5, 11, 4, 7, 5, 6, 4, 12, 6, 5, 8, 7, 5, 4, 3, 6, 5, 10)

ROAD_STEMS = (
    "Smith",
    "Albion",
    "Beacon",
    "Chapel",
    "Church",
    "Coronation",
    "Dairy",
    "Foundry",
    "Glebe",
    "Hawthorn",
    "Holloway",
    "Jubilee",
    "Kiln",
    "Linden",
    "Maltings",
    "Meadow",
    "Mill",
    "Orchard",
    "Quarry",
    "Rectory",
    "Saxon",
    "Tanners",
    "Victoria",
    "Willow",
)

# Each suffix with the abbreviations people type when they are in a hurry.
ROAD_SUFFIXES = {
    "Street": ("Str", "St", "St."),
    "Road": ("Rd", "Rd."),
    "Lane": ("Ln",),
    "Avenue": ("Ave", "Av."),
    "Close": ("Cl",),
    "Way": (),
}

LIBRARY_BRANCHES = (
    ("Castlegate Central Library", 3.2),
    ("Kingsbridge Library", 2.1),
    ("Westmere Library", 1.8),
    ("Abbeyfield Library", 1.0),
    ("Ashcombe Library", 0.7),
    ("Brookmoor Library", 0.6),
    ("Denholme Vale Library", 0.4),
    ("Elmstead Library", 0.9),
    ("Fenwick Cross Library", 0.5),
    ("Greystone Library", 0.8),
    ("Harrowdene Library", 0.35),
    ("Larkhill Library", 1.1),
    ("Millbrook Library", 1.0),
    ("Northcote Library", 0.9),
    ("Oakleigh Library", 0.6),
    ("Pennington Library", 0.45),
    ("Redmarsh Library", 0.3),
    ("Stowford Library", 0.7),
    ("Thornbury Park Library", 0.55),
    ("Mobile Library North", 0.2),
    ("Mobile Library South", 0.2),
    ("Westmere Community Hub", 0.4),
)

# Canonical supplier name, then the variants finance systems pick up over the years.
SUPPLIERS = (
    (
        "Arden Highways Services Ltd",
        ("ARDEN HIGHWAYS SERVICES LIMITED", "Arden Highways Services"),
    ),
    ("Brightwater Care Homes Ltd", ("Brightwater Care Homes Limited",)),
    ("Castleview Facilities Management Ltd", ("Castleview FM Ltd",)),
    (
        "Dunmore IT Solutions Ltd",
        ("Dunmore I.T. Solutions Ltd", "DUNMORE IT SOLUTIONS"),
    ),
    ("Elder Grove Home Care", ()),
    ("Fernside Fleet Hire Ltd", ("Fernside Fleet Hire",)),
    ("Greenway Waste Services Ltd", ("Greenway Waste Services Limited",)),
    ("Hallam and Price Solicitors LLP", ("Hallam & Price Solicitors LLP",)),
    ("Ironbridge Construction plc", ("Ironbridge Construction PLC",)),
    ("Juniper Learning Trust", ()),
    ("Kestrel Energy Supply Ltd", ()),
    ("Lowfield Transport Ltd", ("Lowfield Transport",)),
    ("Marlow Office Supplies Ltd", ()),
    ("Northbank Property Services Ltd", ()),
    ("Oakhurst Supported Living CIC", ("Oakhurst Supported Living",)),
    ("Pinecrest Consulting Ltd", ()),
    ("Quayside Print and Design", ("Quayside Print & Design",)),
    ("Riverside Foster Care Ltd", ()),
    ("Stonebridge Grounds Maintenance", ()),
    ("Tillbrook Catering Services Ltd", ()),
    ("Upland Recruitment Ltd", ("Upland Recruitment Limited",)),
    ("Valeview Residential Care Ltd", ()),
    ("Wrenfield Telecom Ltd", ()),
    ("Yardley Street Lighting Ltd", ()),
)
