"""Writes: grading an answer, adding datasets (generated samples and admin uploads)."""

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import models, transaction

from home.permissions import require

from . import answers, computations, recipes
from .models import COLUMN_TYPES, Attempt, Dataset, DatasetVersion, Exercise, Question, SavedNotebook
from .notebooks import parse_notebook

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 100
RATE_LIMIT = 20  # answers per user per minute
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


class UploadError(ValueError):
    """The uploaded CSV cannot be used; ``errors`` lists every problem found, in plain English."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


class RateLimited(Exception):
    """The learner has sent too many answers in the last minute."""


@dataclass(frozen=True)
class Verdict:
    """The server's answer to one submission. ``attempt`` is None when the answer was not well formed
    (text for a number question, an empty answer): it is not stored and does not count."""

    attempt: Attempt | None
    correct: bool
    message: str
    attempts: int
    solution_available: bool
    mistake: bool = False


# --- Grading ----------------------------------------------------------------------------------


def recipe_answer(data: dict) -> tuple[recipes.Recipe, float | int | str, DatasetVersion]:
    """Work a recipe (its JSON form) out on the dataset version it names (blank: the current one):
    the checked recipe, its answer and the version used. RecipeError says what is wrong."""
    recipe = recipes.parse(data)
    dataset = Dataset.objects.only("pk", "slug", "version").filter(slug=recipe.dataset).first()
    if dataset is None:
        raise recipes.RecipeError([f"There is no dataset called '{recipe.dataset}'."])
    number = recipe.version or dataset.version
    version = DatasetVersion.objects.filter(dataset=dataset, number=number).first()
    if version is None:
        raise recipes.RecipeError([f"Dataset '{dataset.slug}' has no version {number}."])
    recipe = recipes.parse({**data, "version": number}, columns=version.columns)
    return recipe, recipes.evaluate(recipe, version.rows()), version


def expected_answer(*, question: Question) -> str | float:
    """The right answer: typed in by the author, worked out from the pinned dataset version by the
    question's recipe, or by a named Python computation (on the version the exercise pins)."""
    if question.recipe:
        return recipe_answer(question.recipe)[1]
    if not question.computation:
        return question.expected_value
    spec = computations.REGISTRY[question.computation]
    dataset = Dataset.objects.only("pk", "slug", "version", "csv_text").get(slug=spec.dataset)
    number = question.exercise.pinned_version(dataset)
    version = DatasetVersion.objects.filter(dataset=dataset, number=number).first()
    text = version.csv_text if version else dataset.csv_text
    return spec.func(list(csv.DictReader(io.StringIO(text))))


def _check_rate(user) -> None:
    """At most RATE_LIMIT submissions a minute, exactly, however many arrive at once: each one claims a
    numbered slot with `cache.add`, which is atomic in every cache backend (Redis SETNX, the database cache's
    primary key, locmem's lock), where a read-then-increment lets parallel requests all read the same count.
    The count kept beside the slots only says where to start looking."""
    key = f"lab-answers:{user.pk}:{dt.datetime.now(dt.UTC):%Y%m%d%H%M}"
    start = int(cache.get(key) or 0) + 1
    for slot in range(max(start, 1), RATE_LIMIT + 1):
        if cache.add(f"{key}:{slot}", 1, timeout=90):
            cache.set(key, slot, timeout=90)
            return
    raise RateLimited


def solution_unlocked(*, user, question: Question) -> tuple[bool, int]:
    """Whether ``user`` may see ``question``'s solution (a right answer, or as many well-formed
    attempts as the exercise asks), and how many attempts they have made. Per question."""
    rows = Attempt.objects.filter(user=user, question=question)
    counts = rows.aggregate(n=models.Count("id"), ok=models.Count("id", filter=models.Q(correct=True)))
    return counts["ok"] > 0 or counts["n"] >= question.exercise.reveal_solution_after, counts["n"]


def attempt_grade(*, user, question: Question, value) -> Verdict:
    """Mark ``value`` against ``question`` and say how the learner did.

    Only well-formed answers are stored and counted towards revealing the solution; a malformed one
    (text for a number, nothing at all) gets a message saying why and changes nothing. Every
    submission counts towards the rate limit. A wrong value the author listed as a known mistake gets
    the author's message. The expected value is never part of the reply.
    """
    require(user, "answer_exercise", question.exercise)
    _check_rate(user)
    result = answers.mark(question, value, expected_answer(question=question))
    attempt = None
    if result.well_formed:
        stored = value if isinstance(value, str) else json.dumps(value, default=str)
        attempt = Attempt.objects.create(
            user=user, question=question, value=stored[:500], correct=result.correct
        )
    unlocked, attempts = solution_unlocked(user=user, question=question)
    return Verdict(attempt, result.correct, result.message, attempts, unlocked, result.mistake)


# --- Hints, solutions and saved notebooks -------------------------------------------------------


MAX_SAVED_NOTEBOOK_BYTES = 1024 * 1024


class NotebookRejected(ValueError):
    """The notebook sent to be saved cannot be kept; the message says why, in plain English."""


def notebook_save(*, user, exercise: Exercise, data: bytes) -> SavedNotebook:
    """Keep ``data`` (a notebook as JSON) as ``user``'s notebook for ``exercise``: the last save wins.

    Refused, changing nothing, if it is over ``MAX_SAVED_NOTEBOOK_BYTES`` or not an nbformat 4 notebook.
    """
    if len(data) > MAX_SAVED_NOTEBOOK_BYTES:
        raise NotebookRejected(
            f"The notebook is {len(data) / 1e6:.1f} MB; the limit is {MAX_SAVED_NOTEBOOK_BYTES // 1024 // 1024} MB. "
            "Clear large outputs (Edit → Clear outputs of all cells) and it will save again."
        )
    try:
        content = parse_notebook(data)
    except ValueError as error:
        raise NotebookRejected(str(error)) from error
    with transaction.atomic():
        saved, created = SavedNotebook.objects.select_for_update().get_or_create(
            user=user, exercise=exercise, defaults={"content": content, "size_bytes": len(data)}
        )
        if not created:
            saved.content, saved.size_bytes, saved.revision = content, len(data), saved.revision + 1
            saved.save(update_fields=["content", "size_bytes", "revision", "saved_at"])
    return saved


# --- Datasets ---------------------------------------------------------------------------------


# Amounts as spreadsheets show them: an optional minus and pound sign, digits grouped in thousands by commas.
_WHOLE = r"(?:-?£?|£-)(\d{1,3}(,\d{3})+|\d+)"
_DECIMAL = r"(?:-?£?|£-)((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)"


def _type_ok(kind: str, value: str) -> bool:
    """Whether ``value`` reads as ``kind``. "£1,234.50" is a decimal: the CSV keeps the text as written
    (load_dataset shows it), while load_frame and the answer recipes read it as 1234.5."""
    if kind in ("text", "category"):
        return True
    if kind == "integer":
        return re.fullmatch(_WHOLE, value.strip()) is not None
    if kind == "decimal":
        return re.fullmatch(_DECIMAL, value.strip()) is not None
    if kind == "month":
        return re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value) is not None
    for fmt in _DATE_FORMATS:
        try:
            dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
        return True
    return False


def _infer(values: list[str]) -> str:
    present = [v for v in values if v != ""]
    for kind in ("integer", "decimal", "month", "date"):
        if present and all(_type_ok(kind, v) for v in present):
            return kind
    return "text"


def parse_column_types(text: str) -> dict[str, str]:
    """Read 'name: type' lines; UploadError if a line or a type is not understood."""
    declared, errors = {}, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, kind = line.partition(":")
        kind = kind.strip().lower()
        if not sep or not name.strip() or kind not in COLUMN_TYPES:
            errors.append(
                f"Column types line {number} should be 'name: type' with type one of {', '.join(COLUMN_TYPES)}."
            )
            continue
        declared[name.strip()] = kind
    if errors:
        raise UploadError(errors)
    return declared


NUL = b"\x00"


def _decode_upload(data: bytes, notices: list[str]) -> str:
    """The upload as text: UTF-8 (a byte order mark, even one double-encoded as 'ï»¿', is dropped), else
    Windows-1252 as Excel saves 'CSV' on a UK PC (a '£' is then byte 0xA3), with a notice saying so."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        notices.append(
            f"The file was not UTF-8 (byte {error.start} is not UTF-8 text), so it was read as Windows-1252, "
            "the encoding Excel uses for 'CSV', and saved as UTF-8. Check that symbols such as £ look right."
        )
    return text.removeprefix("\u00ef\u00bb\u00bf").removeprefix("\ufeff")


def _drop_empty_trailing_columns(rows: list[list[str]], notices: list[str]) -> list[list[str]]:
    """Excel writes a column of empty cells (and no header) for every column once used: drop them."""
    width = max(len(r) for r in rows)
    used = max((i + 1 for r in rows for i, cell in enumerate(r) if cell.strip()), default=0)
    if used < width:
        notices.append(
            f"{width - used} empty column{'s' if width - used > 1 else ''} at the end of the file dropped."
        )
        rows = [r[:used] for r in rows]
    return rows


def validate_csv(
    data: bytes, *, declared: dict[str, str] | None = None, notices: list[str] | None = None
) -> tuple[str, list[dict], int]:
    """Check an uploaded CSV; return (text, columns, row count) or raise UploadError listing the problems.
    What was put right on the way (encoding, empty trailing columns) is added to `notices`."""
    declared = declared or {}
    notices = notices if notices is not None else []
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(
            [
                f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
            ]
        )
    if not data.strip():
        raise UploadError(["The file is empty."])
    if NUL in data:
        raise UploadError(
            [
                f"The file contains NUL bytes (the first at byte {data.index(NUL)}), so it is not CSV text: "
                "a spreadsheet saved in another format? Save it as 'CSV UTF-8' and upload again."
            ]
        )
    text = _decode_upload(data, notices)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise UploadError([f"The file is not a readable CSV: {error}."]) from error
    rows = _drop_empty_trailing_columns(rows, notices)
    text = _csv_text(rows) if any("dropped" in n for n in notices) else text
    header, body = [h.strip() for h in rows[0]], [r for r in rows[1:] if any(cell.strip() for cell in r)]
    errors = []
    if any(not name for name in header):
        errors.append("Every column in the header row needs a name; at least one is blank.")
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        errors.append(f"Column names must be unique; repeated: {', '.join(duplicates)}.")
    if len(header) > MAX_COLUMNS:
        errors.append(f"The file has {len(header)} columns; the limit is {MAX_COLUMNS}.")
    if not body:
        errors.append("The file has a header row but no data rows.")
    for name in sorted(set(declared) - set(header)):
        errors.append(f"Column types name '{name}', which is not in the header row.")
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            errors.append(f"Row {number} has {len(row)} values; the header has {len(header)}.")
            break
    if errors:
        raise UploadError(errors)
    columns = []
    for index, name in enumerate(header):
        values = [row[index].strip() for row in body]
        kind = declared.get(name) or _infer(values)
        bad = next((n for n, v in enumerate(values, start=2) if v and not _type_ok(kind, v)), None)
        if bad is not None:
            errors.append(
                f"Column '{name}' should hold {kind} values, but row {bad} has '{values[bad - 2][:40]}'."
            )
        columns.append({"name": name, "type": kind, "description": ""})
    if errors:
        raise UploadError(errors)
    return text, columns, len(body)


def _csv_text(rows: list[list[str]]) -> str:
    """The rows back as CSV text, cells exactly as uploaded (a dataset is data, not an export to Excel: the
    shared writer's formula guard would change values such as '-3')."""

    def cell(value: str) -> str:
        return f'"{value.replace(chr(34), chr(34) * 2)}"' if any(c in value for c in ',"\r\n') else value

    return "".join(",".join(cell(v) for v in row) + "\n" for row in rows)


@transaction.atomic
def dataset_create_from_upload(
    *,
    title: str,
    slug: str,
    description: str,
    owner: str,
    licence: str,
    data: bytes,
    column_types: str = "",
    known_issues: str = "",
    notices: list[str] | None = None,
) -> Dataset:
    """Validate the whole file first; save the dataset only if every check passes. What was put right on
    the way is added to `notices`, for the admin to be told."""
    declared = parse_column_types(column_types)
    if Dataset.objects.filter(slug=slug).exists():
        raise UploadError([f"A dataset called '{slug}' already exists. Choose another short name."])
    text, columns, row_count = validate_csv(data, declared=declared, notices=notices)
    dataset = Dataset(
        title=title,
        slug=slug,
        description=description,
        owner=owner,
        licence=licence,
        columns=columns,
        known_issues=known_issues,
        csv_text=text,
        row_count=row_count,
        source=Dataset.UPLOAD,
    )
    dataset.full_clean()
    dataset.version_note = "First upload"
    dataset.save()
    return dataset


@transaction.atomic
def dataset_add_version(*, user, dataset: Dataset, data: bytes, note: str = "") -> DatasetVersion:
    """Replace ``dataset``'s file with a new version (validated in full first; nothing changes if any
    check fails). The old versions are kept for the exercises that pin them; a column keeps its meaning
    and, unless the new values do not fit it, its type."""
    require(user, "upload_dataset")
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    old = {column["name"]: column for column in dataset.columns}
    try:
        text, columns, row_count = validate_csv(data, declared={n: c["type"] for n, c in old.items()})
    except UploadError:
        # A column whose values no longer fit its old type gets the type its new values show; a file
        # that is unusable in itself raises here, listing every problem.
        text, columns, row_count = validate_csv(data)
    if text == dataset.csv_text:
        raise UploadError(["The file is the same as the current version; nothing was changed."])
    columns = [
        {**column, "description": old.get(column["name"], {}).get("description", "")} for column in columns
    ]
    number = dataset.version + 1
    version = DatasetVersion.objects.create(
        dataset=dataset,
        number=number,
        csv_text=text,
        columns=columns,
        row_count=row_count,
        note=note.strip()[:300],
        created_by=user,
    )
    dataset.csv_text, dataset.columns, dataset.row_count, dataset.version = text, columns, row_count, number
    dataset.save(update_fields=["csv_text", "columns", "row_count", "version", "updated_at"])
    return version


def dataset_sync_samples(*, seed: int | None = None) -> list[Dataset]:
    """Create or refresh the generated sample datasets (idempotent; looked up by slug)."""
    from jupyterlite.sample_data import DATASETS, DEFAULT_SEED

    saved = []
    for sample in DATASETS:
        text = sample.csv_text(seed=seed or DEFAULT_SEED)
        fields = {
            "title": sample.title,
            "description": sample.description,
            "owner": sample.owner,
            "licence": sample.licence,
            "columns": [
                {"name": c.name, "type": c.type, "description": c.description} for c in sample.columns
            ],
            "known_issues": "\n".join(sample.known_issues),
            "csv_text": text,
            "row_count": text.count("\n") - 1,
            "source": Dataset.SAMPLE,
        }
        dataset = Dataset.objects.filter(slug=sample.slug).first()
        changed = dataset is not None and dataset.csv_text != text
        number = (dataset.version + changed) if dataset else 1
        dataset, _ = Dataset.objects.update_or_create(
            slug=sample.slug, defaults={**fields, "version": number}
        )
        saved.append(dataset)
    return saved
