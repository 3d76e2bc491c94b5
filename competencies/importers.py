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
    # What the import accepted but the admin should know (rows skipped or merged, descriptions missing).
    report: list[str] = field(default_factory=list)


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


def size_text(size: int) -> str:
    """A file size as people read it: '50.0 MB', '320 KB'."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def check_size(size: int, *, filename: str) -> None:
    """Refuse a file over MAX_IMPORT_BYTES, saying its real size (callers check before reading it all)."""
    if size > MAX_IMPORT_BYTES:
        raise ImportRejected(
            [
                f"{filename}: the file is {size_text(size)}; the largest file accepted is "
                f"{MAX_IMPORT_BYTES // 1024 // 1024} MB."
            ]
        )


# UTF-8's byte order mark read as cp1252 and saved again as UTF-8 ("Body Name" arrives as "ï»¿Body Name").
DOUBLE_ENCODED_BOM = "\u00ef\u00bb\u00bf"


def read_rows(
    data: bytes,
    *,
    filename: str,
    columns: list[str],
    required: list[str],
    errors: list[str] | None = None,
) -> list[Row]:
    """Decode and split a CSV file, checking size, encoding, header and that required cells are filled.

    A file that cannot be read at all is rejected at once; row problems are added to `errors` when given
    (so the caller reports them with its own, in one pass), else rejected together."""
    check_size(len(data), filename=filename)
    if not data.strip():
        raise ImportRejected([f"{filename}: the file is empty."])
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ImportRejected(
            [
                f"{filename}, line {line}: the file contains NUL bytes, so it is not a CSV text file (a "
                "spreadsheet saved in another format?). Save it as 'CSV UTF-8' and try again."
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRejected(
            [f"{filename}, line {line}: the file is not UTF-8 text. Save it as 'CSV UTF-8' and try again."]
        ) from exc
    text = text.removeprefix(DOUBLE_ENCODED_BOM).removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except csv.Error as exc:
        raise ImportRejected([f"{filename}, line 1: the file is not a CSV file ({exc})."]) from exc
    header_problems = [
        f"{filename}, line 1: the column {name!r} appears more than once (columns "
        f"{', '.join(_column_letter(i) for i, h in enumerate(header) if h == name)}); keep one."
        for name in dict.fromkeys(h for h in header if h and header.count(h) > 1)
    ]
    missing = [c for c in columns if c not in header]
    if missing:
        header_problems.append(
            f"{filename}, line 1: missing column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(c) for c in missing)}. The columns are: {', '.join(columns)}."
        )
    if header_problems:
        raise ImportRejected(header_problems)
    positions = {name: header.index(name) for name in columns}
    letters = {name: _column_letter(i) for name, i in positions.items()}
    collect = errors if errors is not None else []
    rows, before = [], len(collect)
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
            collect.extend(
                f"{row.where(c)}: this cell is empty; it is required." for c in required if not cells[c]
            )
            rows.append(row)
    except csv.Error as exc:
        collect.append(f"{filename}, line {reader.line_num}: the CSV is malformed ({exc}).")
    if not rows and len(collect) == before:
        collect.append(f"{filename}: the file has a header row but no data rows.")
    if errors is None and collect:
        raise ImportRejected(collect)
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


NOT_IN_USE = "NOT IN USE"
DDAT_REQUIRED = ["Role Family", "Role", "Role Level", "Skill Name", "Skill Level", "Skill Level Description"]
LISTED_LINES = 10


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:LISTED_LINES])
    return shown + (f" and {len(lines) - LISTED_LINES} more" if len(lines) > LISTED_LINES else "")


def parse_ddat(data: bytes, *, filename: str) -> ParsedFramework:
    """Parse the DDaT Capability Framework's long CSV: each role level becomes a role profile, each skill a
    competency with a descriptor at each skill level the file uses.

    The published file as it is imports: rows at level NOT IN USE are skipped, a (role level, skill) row
    given twice identically is merged, and an empty Skill Description is allowed (the skill takes its
    description from another row, or has none); all three are counted in `parsed.report`. A row that
    contradicts an earlier one is an error, and every error in the file is listed in one pass."""
    parsed, errors = ParsedFramework(), []
    parsed.areas[DDAT_AREA[0]] = DDAT_AREA[1]
    descriptor_line: dict[tuple[str, int], Row] = {}
    requirement_line: dict[tuple[str, str], tuple[Row, int]] = {}
    not_in_use, merged, undescribed_rows = [], [], []
    for row in read_rows(data, filename=filename, columns=DDAT_COLUMNS, required=[], errors=errors):
        if NOT_IN_USE in (row["Skill Level"].upper(), row["Role Level"].upper()):
            not_in_use.append(row.line)
            continue
        missing = [c for c in DDAT_REQUIRED if not row[c]]
        errors.extend(f"{row.where(c)}: this cell is empty; it is required." for c in missing)
        if missing:
            continue
        level = DDAT_LEVELS.get(row["Skill Level"].lower())
        if level is None:
            errors.append(
                f"{row.where('Skill Level')}: unknown skill level {row['Skill Level']!r}; use awareness, "
                "working, practitioner or expert (rows at NOT IN USE are skipped)."
            )
            continue
        skill = " ".join(row["Skill Name"].split())
        code = ddat_code(skill)
        comp = parsed.competencies.setdefault(
            code, ParsedCompetency(code=code, name=skill[:160], description="", area=DDAT_AREA[0])
        )
        if not row["Skill Description"]:
            undescribed_rows.append(row.line)
        elif not comp.description:
            comp.description = row["Skill Description"]
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
            first, first_level = previous
            if first_level == level and first.cells == row.cells:
                merged.append(row.line)
            else:
                errors.append(
                    f"{row.where('Skill Level')}: {skill!r} for role level {row['Role Level']!r} is given "
                    f"again at {row['Skill Level']} (line {first.line} has {first['Skill Level']}); keep one."
                )
            continue
        requirement_line[role_code, code] = (row, level)
        role.requirements[code] = (level, "essential")
    if errors:
        raise ImportRejected(errors)
    if not_in_use:
        parsed.report.append(
            f"{len(not_in_use)} rows at level NOT IN USE skipped (lines {_lines(not_in_use)})."
        )
    if merged:
        parsed.report.append(
            f"{len(merged)} rows repeated an earlier row exactly and were merged with it (lines {_lines(merged)})."
        )
    if undescribed_rows:
        none = sorted(c.name for c in parsed.competencies.values() if not c.description)
        line = f"{len(undescribed_rows)} rows have no Skill Description (lines {_lines(undescribed_rows)})"
        if none:
            line += (
                f"; {len(none)} skills have none on any row and were imported without one: {', '.join(none)}"
            )
        parsed.report.append(line + ".")
    return parsed
