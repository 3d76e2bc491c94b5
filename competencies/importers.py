"""Reading framework files: the project's own CSV format and the DDaT Capability Framework's "long" CSV.

Parsing never writes: it returns a `ParsedFramework` or raises `ImportRejected` listing every problem with
its file, line and column. `services_import.framework_import` applies a parsed framework in one transaction.

Own format, competencies file — one row per competency × level:
    Area, Area description, Code, Name, Description, Tags, Level, Level summary, Indicators
  Tags are separated by commas; indicators (2 to 5) by " | " or new lines inside the cell.
Own format, role requirements file — one row per role profile × competency:
    Role code, Kind, Job title, Job family, Service area, Grade, Role description, Competency code, Level, Priority
  Kind is "job" or "governance"; Priority "essential" or "desirable". A role with no requirements has one
  row with the last three cells empty.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from home.csv import restore_cell

from .levels import Level
from .models.core import MAX_INDICATORS, MIN_INDICATORS

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_LISTED_ERRORS = 50

COMPETENCY_COLUMNS = [
    "Area",
    "Area description",
    "Code",
    "Name",
    "Description",
    "Tags",
    "Level",
    "Level summary",
    "Indicators",
]
ROLE_COLUMNS = [
    "Role code",
    "Kind",
    "Job title",
    "Job family",
    "Service area",
    "Grade",
    "Role description",
    "Competency code",
    "Level",
    "Priority",
]
DDAT_COLUMNS = [
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
DDAT_LEVELS = {
    "awareness": Level.UNDERSTAND,
    "working": Level.ENGAGE,
    "practitioner": Level.ANALYSE,
    "expert": Level.REASON,
}
DDAT_AREA = ("Digital and data profession skills", "Skills from the DDaT Capability Framework.")
KINDS = {
    "job": "job",
    "job profile": "job",
    "governance": "governance",
    "governance responsibility": "governance",
}
PRIORITIES = {"essential", "desirable"}


class ImportRejected(Exception):
    """The file was rejected; `errors` says where and why. Nothing was written."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        shown = errors[:MAX_LISTED_ERRORS]
        if len(errors) > MAX_LISTED_ERRORS:
            shown.append(f"…and {len(errors) - MAX_LISTED_ERRORS} more problems.")
        super().__init__("\n".join(shown))


@dataclass
class ParsedCompetency:
    code: str
    name: str
    description: str
    area: str
    tags: list[str] = field(default_factory=list)
    descriptors: dict[int, tuple[str, list[str]]] = field(default_factory=dict)


@dataclass
class ParsedRole:
    code: str
    kind: str
    job_title: str
    job_family: str
    service_area: str
    grade: str
    description: str
    requirements: dict[str, tuple[int, str]] = field(default_factory=dict)


@dataclass
class ParsedFramework:
    areas: dict[str, str] = field(default_factory=dict)  # name → description
    competencies: dict[str, ParsedCompetency] = field(default_factory=dict)
    roles: dict[str, ParsedRole] = field(default_factory=dict)


@dataclass
class Row:
    """One data row: its line number in the file and its cells by column name."""

    filename: str
    line: int
    cells: dict[str, str]
    letters: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    def where(self, column: str | None = None) -> str:
        if column is None:
            return f"{self.filename}, line {self.line}"
        return f"{self.filename}, line {self.line}, column {self.letters[column]} ({column})"


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_rows(data: bytes, *, filename: str, columns: list[str], required: list[str]) -> list[Row]:
    """Decode and split a CSV file, checking size, encoding, header and that required cells are filled."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRejected(
            [
                f"{filename}: the file is {len(data) / 1024 / 1024:.1f} MB; the largest file accepted is "
                f"{MAX_IMPORT_BYTES // 1024 // 1024} MB."
            ]
        )
    if not data.strip():
        raise ImportRejected([f"{filename}: the file is empty."])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRejected(
            [f"{filename}, line {line}: the file is not UTF-8 text. Save it as 'CSV UTF-8' and try again."]
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except csv.Error as exc:
        raise ImportRejected([f"{filename}, line 1: the file is not a CSV file ({exc})."]) from exc
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportRejected(
            [
                f"{filename}, line 1: missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(repr(c) for c in missing)}. The columns are: {', '.join(columns)}."
            ]
        )
    positions = {name: header.index(name) for name in columns}
    letters = {name: _column_letter(i) for name, i in positions.items()}
    rows, errors = [], []
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            cells = {
                name: (restore_cell(record[i].strip()).strip() if i < len(record) else "")
                for name, i in positions.items()
            }
            row = Row(filename=filename, line=line, cells=cells, letters=letters)
            errors.extend(
                f"{row.where(c)}: this cell is empty; it is required." for c in required if not cells[c]
            )
            rows.append(row)
    except csv.Error as exc:
        errors.append(f"{filename}, line {reader.line_num}: the CSV is malformed ({exc}).")
    if not rows and not errors:
        errors.append(f"{filename}: the file has a header row but no data rows.")
    if errors:
        raise ImportRejected(errors)
    return rows


def _indicators(cell: str) -> list[str]:
    parts = re.split(r"\s*\|\s*|\r?\n", cell)
    return [p.strip().lstrip("-•* ").strip() for p in parts if p.strip(" -•*")]


def _level(row: Row, column: str, errors: list[str]) -> int | None:
    try:
        return Level.from_label(row[column])
    except ValueError as exc:
        errors.append(f"{row.where(column)}: {exc}.")
        return None


def parse_own_format(
    competencies_data: bytes, *, competencies_name: str, roles_data: bytes | None = None, roles_name: str = ""
) -> ParsedFramework:
    """Parse the project's own competencies file (and optional role requirements file)."""
    parsed, errors = ParsedFramework(), []
    first_seen: dict[tuple[str, int], int] = {}
    code_line: dict[str, Row] = {}
    for row in read_rows(
        competencies_data,
        filename=competencies_name,
        columns=COMPETENCY_COLUMNS,
        required=["Area", "Code", "Name", "Description", "Level", "Level summary", "Indicators"],
    ):
        code, level = row["Code"], _level(row, "Level", errors)
        if len(code) > 20:
            errors.append(f"{row.where('Code')}: the code {code!r} is longer than 20 characters.")
        parsed.areas.setdefault(row["Area"], row["Area description"])
        comp = parsed.competencies.get(code)
        if comp is None:
            comp = parsed.competencies[code] = ParsedCompetency(
                code=code,
                name=row["Name"],
                description=row["Description"],
                area=row["Area"],
                tags=sorted({t.strip() for t in row["Tags"].split(",") if t.strip()}),
            )
            code_line[code] = row
        else:
            for column, value in (
                ("Name", comp.name),
                ("Description", comp.description),
                ("Area", comp.area),
            ):
                if row[column] != value:
                    errors.append(
                        f"{row.where(column)}: competency {code} has a different {column.lower()} from "
                        f"line {code_line[code].line}; each code must describe one competency."
                    )
        if level is None:
            continue
        if (code, level) in first_seen:
            errors.append(
                f"{row.where('Code')}: duplicate code {code} at level {Level(level).label} "
                f"(first given on line {first_seen[code, level]})."
            )
            continue
        first_seen[code, level] = row.line
        indicators = _indicators(row["Indicators"])
        if not MIN_INDICATORS <= len(indicators) <= MAX_INDICATORS:
            errors.append(
                f"{row.where('Indicators')}: give {MIN_INDICATORS} to {MAX_INDICATORS} indicators separated "
                f"by ' | ' (found {len(indicators)})."
            )
        comp.descriptors[level] = (row["Level summary"][:300], indicators)
    if roles_data is not None:
        _parse_roles(parsed, roles_data, roles_name, errors)
    if errors:
        raise ImportRejected(errors)
    return parsed


def _parse_roles(parsed: ParsedFramework, data: bytes, filename: str, errors: list[str]) -> None:
    from .models import Competency

    known_codes = set(parsed.competencies) | set(Competency.objects.values_list("code", flat=True))
    first: dict[str, Row] = {}
    for row in read_rows(
        data,
        filename=filename,
        columns=ROLE_COLUMNS,
        required=["Role code", "Kind", "Job title", "Role description"],
    ):
        code = row["Role code"]
        if slugify(code) != code:
            errors.append(
                f"{row.where('Role code')}: use lower-case letters, digits and hyphens only ({code!r})."
            )
        kind = KINDS.get(row["Kind"].lower())
        if kind is None:
            errors.append(f"{row.where('Kind')}: unknown kind {row['Kind']!r}; use 'job' or 'governance'.")
        role = parsed.roles.get(code)
        if role is None:
            role = parsed.roles[code] = ParsedRole(
                code=code,
                kind=kind or "job",
                job_title=row["Job title"],
                job_family=row["Job family"],
                service_area=row["Service area"],
                grade=row["Grade"],
                description=row["Role description"],
            )
            first[code] = row
        else:
            for column, value in (("Job title", role.job_title), ("Role description", role.description)):
                if row[column] != value:
                    errors.append(
                        f"{row.where(column)}: role {code} has a different {column.lower()} from line "
                        f"{first[code].line}."
                    )
        competency_code = row["Competency code"]
        if not competency_code and not row["Level"]:
            continue
        if competency_code not in known_codes:
            errors.append(f"{row.where('Competency code')}: no competency has the code {competency_code!r}.")
            continue
        level = _level(row, "Level", errors)
        priority = (row["Priority"] or "essential").lower()
        if priority not in PRIORITIES:
            errors.append(
                f"{row.where('Priority')}: unknown priority {row['Priority']!r}; use essential or desirable."
            )
            continue
        if competency_code in role.requirements:
            errors.append(
                f"{row.where('Competency code')}: role {code} already requires {competency_code} on an earlier line."
            )
            continue
        if level is not None:
            role.requirements[competency_code] = (level, priority)


def ddat_code(skill_name: str) -> str:
    """A stable competency code for a DDaT skill, so re-imports match it: 'DDAT-' and 8 hex digits."""
    digest = hashlib.sha256(" ".join(skill_name.lower().split()).encode()).hexdigest()
    return f"DDAT-{digest[:8].upper()}"


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p.strip()]
    if len(parts) > MAX_INDICATORS:
        parts = parts[: MAX_INDICATORS - 1] + [" ".join(parts[MAX_INDICATORS - 1 :])]
    return parts


def parse_ddat(data: bytes, *, filename: str) -> ParsedFramework:
    """Parse the DDaT Capability Framework's long CSV: each role level becomes a role profile, each skill a
    competency with a descriptor at each skill level the file uses."""
    parsed, errors = ParsedFramework(), []
    parsed.areas[DDAT_AREA[0]] = DDAT_AREA[1]
    descriptor_line: dict[tuple[str, int], Row] = {}
    requirement_line: dict[tuple[str, str], Row] = {}
    for row in read_rows(
        data,
        filename=filename,
        columns=DDAT_COLUMNS,
        required=[
            "Role Family",
            "Role",
            "Role Level",
            "Skill Name",
            "Skill Description",
            "Skill Level",
            "Skill Level Description",
        ],
    ):
        level = DDAT_LEVELS.get(row["Skill Level"].lower())
        if level is None:
            errors.append(
                f"{row.where('Skill Level')}: unknown skill level {row['Skill Level']!r}; use awareness, "
                "working, practitioner or expert."
            )
            continue
        skill = " ".join(row["Skill Name"].split())
        code = ddat_code(skill)
        comp = parsed.competencies.setdefault(
            code,
            ParsedCompetency(
                code=code, name=skill[:160], description=row["Skill Description"], area=DDAT_AREA[0]
            ),
        )
        described = _sentences(row["Skill Level Description"])
        earlier = descriptor_line.get((code, level))
        if earlier is not None and comp.descriptors[level][1] != described:
            errors.append(
                f"{row.where('Skill Level Description')}: {skill} at {row['Skill Level']} is described "
                f"differently on line {earlier.line}."
            )
        descriptor_line.setdefault((code, level), row)
        comp.descriptors.setdefault(level, (described[0][:300], described))
        role_code = slugify(f"ddat {row['Role']} {row['Role Level']}")[:80]
        role = parsed.roles.setdefault(
            role_code,
            ParsedRole(
                code=role_code,
                kind="job",
                job_title=row["Role Level"][:160],
                job_family=f"{row['Role Family']}: {row['Role']}"[:120],
                service_area="",
                grade="",
                description=row["Role Level Description"] or row["Role Description"] or row["Role Level"],
            ),
        )
        previous = requirement_line.get((role_code, code))
        if previous is not None:
            errors.append(
                f"{row.where('Skill Name')}: duplicate skill {skill!r} for role level {row['Role Level']!r} "
                f"(first on line {previous.line})."
            )
            continue
        requirement_line[role_code, code] = row
        role.requirements[code] = (level, "essential")
    if errors:
        raise ImportRejected(errors)
    return parsed
