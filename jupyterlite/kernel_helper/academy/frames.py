"""load_frame(name): a catalogue dataset as a pandas DataFrame, with the catalogue's column types applied.

pandas is not loaded when the kernel starts (it is a few megabytes): the lab installs it from its own
files the first time a cell imports it, and ``install_autoload`` makes a cell that calls load_frame()
do the same. Values that do not fit a column's type are not hidden: they become missing values and
load_frame says how many, with an example, so the learner can look at them with load_dataset().
"""

import io
import re
import sys

_NUMBER_NOISE = re.compile(r"[£$€,\s]")
_LOAD_FRAME_CALL = re.compile(r"\bload_frame\s*\(")


def _browser_load(package: str) -> None:
    """Install ``package`` from the lab's lock now, where the browser lets Python wait for it."""
    try:
        import pyodide_js
        from pyodide.ffi import can_run_sync, run_sync
    except ImportError:
        return
    if can_run_sync():
        run_sync(pyodide_js.loadPackage(package))


def _pandas():
    try:
        import pandas
    except ImportError:
        _browser_load("pandas")
        try:
            import pandas
        except ImportError as error:
            raise ModuleNotFoundError(
                "load_frame needs pandas, which is not loaded yet. Put `import pandas as pd` at the top of "
                "this cell and run it again: the lab installs pandas the first time a cell imports it."
            ) from error
    return pandas


def _numbers(pd, values, *, integer: bool):
    """Numbers written the way spreadsheets show them ("£1,234.50") are read as numbers."""
    text = values.str.replace(_NUMBER_NOISE, "", regex=True)
    numbers = pd.to_numeric(text, errors="coerce")
    if integer:
        whole = numbers.notna() & (numbers % 1 == 0)
        return numbers.where(whole).astype("Int64")
    return numbers.astype("Float64")


def _dates(pd, values):
    """ISO dates (2024-03-31) and UK dates (31/03/2024), the two the catalogue accepts."""
    iso = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
    uk = pd.to_datetime(values, format="%d/%m/%Y", errors="coerce")
    return iso.fillna(uk)


def convert(pd, values, kind: str):
    """One column of text converted to the catalogue type ``kind`` (unreadable values become missing)."""
    if kind == "integer":
        return _numbers(pd, values, integer=True)
    if kind == "decimal":
        return _numbers(pd, values, integer=False)
    if kind == "date":
        return _dates(pd, values)
    if kind == "month":
        return pd.to_datetime(values, format="%Y-%m", errors="coerce").dt.to_period("M")
    if kind == "category":
        return values.astype("category")
    return values


def frame_from_csv(text: str, columns: list[dict], *, report=None):
    """The DataFrame for CSV ``text`` with ``columns`` ({name, type}) applied; ``report`` (``print`` unless
    given, looked up when called) hears what could not be read."""
    pd = _pandas()
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    notes = []
    for column in columns:
        name, kind = column["name"], column.get("type", "text")
        if name not in frame.columns:
            continue
        raw = frame[name]
        converted = convert(pd, raw, kind)
        lost = raw.notna() & converted.isna()
        if lost.any():
            example = raw[lost].iloc[0]
            notes.append(
                f"{name}: {int(lost.sum())} value(s) are not {kind} values (e.g. {example!r}); read as missing."
            )
        frame[name] = converted
    if notes:
        (report or print)(
            "load_frame: some values did not fit the catalogue's column types.\n  "
            + "\n  ".join(notes)
            + "\n  load_dataset(name) gives every value exactly as written."
        )
    return frame


def load_frame(name: str, *, version: int | None = None):
    """Load a catalogue dataset as a pandas DataFrame with the catalogue's column types: integer and
    decimal columns as numbers (a pound sign or thousands separator is fine), dates as datetimes, months
    as periods, categories as categoricals, text as text. Empty cells are missing values."""
    from . import _config, _csv_text, _get_json, _versioned

    text = _csv_text(name, version)
    status, payload = _get_json(_versioned(_config.COLUMNS_URL.format(name=name), version))
    if status != 200:
        raise LookupError(f"No column types for dataset {name!r} (the server answered {status}).")
    return frame_from_csv(text, payload.get("columns", []))


async def _pandas_before_load_frame(lines: list[str]) -> list[str]:
    """A cell transform: a cell that calls load_frame() gets pandas installed before it runs."""
    if "pandas" not in sys.modules and any(_LOAD_FRAME_CALL.search(line) for line in lines):
        import pyodide_js

        await pyodide_js.loadPackage("pandas")
    return lines


def install_autoload() -> None:
    """Register ``_pandas_before_load_frame`` with the Pyodide kernel (nothing outside the lab)."""
    kernel = getattr(sys.modules.get("pyodide_kernel"), "kernel_instance", None)
    manager = getattr(kernel, "lite_transform_manager", None)
    if manager is not None and _pandas_before_load_frame not in manager.line_transforms:
        manager.line_transforms.append(_pandas_before_load_frame)
