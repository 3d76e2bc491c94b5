"""Reading the staff list CSV. Parsing never writes: it returns the rows or raises `StaffImportRejected` with
every problem's line and column.

Columns (the header row names them; order and letter case do not matter, extra columns are ignored):
    Email, Name, Job title, Service area, Team, Line manager email, Role profile code, Start date
Email and Name are required. Team needs a Service area. Line manager email names someone in the same file or
already on the staff list. Role profile code is a job profile's code in the framework. Start date is
YYYY-MM-DD or DD/MM/YYYY (empty: the day they are first imported).
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from competencies.models import ProfileKind, RoleProfile
from home.adapters import email_domain_allowed

from .models import StaffRecord

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_LISTED_ERRORS = 50
COLUMNS = {
    "email": "Email",
    "name": "Name",
    "job_title": "Job title",
    "service_area": "Service area",
    "team": "Team",
    "manager_email": "Line manager email",
    "role_code": "Role profile code",
    "start_date": "Start date",
}
REQUIRED_COLUMNS = ("email", "name")
MAX_LENGTHS = {"name": 300, "job_title": 150, "service_area": 150, "team": 150}


class StaffImportRejected(Exception):
    """The file cannot be imported; `errors` lists every problem as 'Line N, column "X": ...'."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s)")


@dataclass(frozen=True)
class StaffRow:
    line: int
    email: str
    name: str
    job_title: str
    service_area: str
    team: str
    manager_email: str
    role_code: str
    start_date: datetime.date | None


def _decode(data: bytes) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise StaffImportRejected(
            [
                f"The file is {len(data) / 1024 / 1024:.1f} MB; the largest file accepted is "
                f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB."
            ]
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise StaffImportRejected(
            [
                f"Line {line}: the file contains NUL bytes, so it is not CSV text. Save it as 'CSV UTF-8' and upload it again."
            ]
        )
    try:
        return data.decode("utf-8-sig").removeprefix("\u00ef\u00bb\u00bf")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StaffImportRejected(
            [f"Line {line}: the file is not UTF-8 text. Save it as 'CSV UTF-8' and upload it again."]
        ) from None


def _header(fieldnames: list[str] | None) -> dict[str, str]:
    """Map our keys to the file's own column names, or reject a header without the required columns."""
    labels = [(name or "").strip().lower() for name in fieldnames or []]
    repeated = sorted({label for label in labels if label and labels.count(label) > 1})
    if repeated:
        raise StaffImportRejected(
            [f"Line 1: the column {name!r} appears more than once; keep one." for name in repeated]
        )
    by_label = {(name or "").strip().lower(): name for name in fieldnames or []}
    found = {key: by_label[label.lower()] for key, label in COLUMNS.items() if label.lower() in by_label}
    missing = [COLUMNS[key] for key in REQUIRED_COLUMNS if key not in found]
    if missing:
        expected = ", ".join(COLUMNS.values())
        raise StaffImportRejected(
            [
                f"Line 1: the header has no {' or '.join(repr(m) for m in missing)} column. Expected: {expected}."
            ]
        )
    return found


def _date(value: str) -> datetime.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError("Enter the date as YYYY-MM-DD or DD/MM/YYYY, for example 2026-04-01")


def parse_staff_csv(data: bytes) -> list[StaffRow]:
    """Every row of the file, checked; raises StaffImportRejected listing all problems."""
    reader = csv.DictReader(io.StringIO(_decode(data)))
    columns = _header(reader.fieldnames)
    errors: list[str] = []
    rows: list[StaffRow] = []
    seen: dict[str, int] = {}

    def problem(line: int, key: str, message: str) -> None:
        errors.append(f'Line {line}, column "{COLUMNS[key]}": {message}')

    for line_no, raw in enumerate(reader, start=2):
        cell = {key: (raw.get(column) or "").strip() for key, column in columns.items()}
        if not any(cell.values()):
            continue  # blank line
        email = cell["email"].lower()
        try:
            validate_email(email)
        except ValidationError:
            problem(line_no, "email", f"{cell['email'] or 'an empty cell'} is not an email address.")
        else:
            if not email_domain_allowed(email):
                problem(line_no, "email", f"{email} is not a council address this site accepts.")
            if email in seen:
                problem(line_no, "email", f"{email} is already on line {seen[email]}.")
            seen.setdefault(email, line_no)
        if not cell["name"]:
            problem(line_no, "name", "Enter the person's name.")
        for key, limit in MAX_LENGTHS.items():
            if len(cell.get(key, "")) > limit:
                problem(line_no, key, f"Use at most {limit} characters.")
        if cell.get("team") and not cell.get("service_area"):
            problem(line_no, "service_area", "A team needs its service area.")
        manager = cell.get("manager_email", "").lower()
        if manager == email and email:
            problem(line_no, "manager_email", "A person cannot be their own line manager.")
        start = None
        if cell.get("start_date"):
            try:
                start = _date(cell["start_date"])
            except ValueError as exc:
                problem(line_no, "start_date", f"{cell['start_date']!r}: {exc}.")
        rows.append(
            StaffRow(
                line=line_no,
                email=email,
                name=cell["name"],
                job_title=cell.get("job_title", ""),
                service_area=cell.get("service_area", ""),
                team=cell.get("team", ""),
                manager_email=manager,
                role_code=cell.get("role_code", ""),
                start_date=start,
            )
        )
    if not rows and not errors:
        errors.append("Line 2: the file has a header but no staff.")
    errors.extend(_cross_checks(rows))
    if errors:
        raise StaffImportRejected(errors)
    return rows


def _cross_checks(rows: list[StaffRow]) -> list[str]:
    """Checks that need the whole file or the database: managers, role profile codes, management loops."""
    errors = []
    in_file = {row.email for row in rows}
    managers = {row.manager_email for row in rows if row.manager_email} - in_file
    known = set(StaffRecord.objects.current().filter(email__in=managers).values_list("email", flat=True))
    codes = {row.role_code for row in rows if row.role_code}
    job_codes = set(
        RoleProfile.objects.filter(code__in=codes, kind=ProfileKind.JOB).values_list("code", flat=True)
    )
    for row in rows:
        if row.manager_email and row.manager_email not in in_file and row.manager_email not in known:
            errors.append(
                f'Line {row.line}, column "{COLUMNS["manager_email"]}": {row.manager_email} is neither in this '
                "file nor on the staff list."
            )
        if row.role_code and row.role_code not in job_codes:
            errors.append(
                f'Line {row.line}, column "{COLUMNS["role_code"]}": no job profile has the code {row.role_code!r}.'
            )
    manager_of = {row.email: row.manager_email for row in rows if row.manager_email}
    line_of = {row.email: row.line for row in rows}
    for email in manager_of:
        seen, current = {email}, manager_of.get(email)
        while current in manager_of:
            if current == email:
                errors.append(
                    f'Line {line_of[email]}, column "{COLUMNS["manager_email"]}": the line managers form a '
                    f"loop back to {email}."
                )
                break
            if current in seen:
                break
            seen.add(current)
            current = manager_of.get(current)
    return errors
