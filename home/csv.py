"""The one CSV writer every export uses: spreadsheet-safe cells, one line ending, one response shape.

A spreadsheet reads a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a
competency name, a team name or a forum handle typed by someone could run `=HYPERLINK(...)` on the computer of
whoever opens the export. Strings starting with one of those characters are prefixed with `'`, which makes
the spreadsheet show the text as typed. Numbers stay numbers: `-3` written as an int is still `-3`.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LINE_END = "\r\n"


def safe_cell(value):
    """The value as it may go into a CSV cell: formula-like text neutralised, None empty, numbers kept."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class SafeWriter:
    """csv.writer with every cell passed through `safe_cell`."""

    def __init__(self, out):
        self._writer = csv.writer(out, lineterminator=LINE_END)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(header: Sequence, rows: Iterable[Iterable]) -> str:
    """The header and rows as CSV text, every cell neutralised."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def csv_response(filename: str, header: Sequence, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download named `filename`."""
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def restore_cell(text: str) -> str:
    """Undo `safe_cell` on a cell read back from one of our exports, so export → import is a round trip."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text
