"""Starter notebooks: parse an uploaded .ipynb, or build one from the cells written in the admin."""

import json
import re

KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
MAX_NOTEBOOK_BYTES = 1024 * 1024


def parse_notebook(data: bytes) -> dict:
    """The notebook as a dict; ValueError saying what is wrong if it is not a usable nbformat 4 file."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise ValueError("The notebook is larger than 1 MB. Remove outputs and try again.")
    try:
        notebook = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ValueError("The file is not a Jupyter notebook (.ipynb): it is not valid JSON.") from error
    if (
        not isinstance(notebook, dict)
        or notebook.get("nbformat") != 4
        or not isinstance(notebook.get("cells"), list)
    ):
        raise ValueError("The file is not a version 4 Jupyter notebook (no nbformat 4 and cells list).")
    for number, cell in enumerate(notebook["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise ValueError(f"Cell {number} has no valid cell_type.")
    return notebook


def _cell(kind: str, source: str) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": source.strip("\n")}
    if kind == "code":
        cell.update(outputs=[], execution_count=None)
    return cell


def cells_from_text(text: str) -> list[dict]:
    """Split admin-written cells on lines starting '# %%' ('# %% [markdown]' makes a text cell)."""
    cells, kind, lines = [], "code", []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith("# %%"):
            if "".join(lines).strip():
                cells.append(_cell(kind, "\n".join(lines)))
            kind, lines = ("markdown" if "[markdown]" in line else "code"), []
            continue
        lines.append(line.removeprefix("# ") if kind == "markdown" and line.startswith("# ") else line)
    if "".join(lines).strip():
        cells.append(_cell(kind, "\n".join(lines)))
    return cells


def pin_dataset_versions(source: str, pins: dict[str, int]) -> str:
    """``load_dataset("slug"`` / ``load_frame("slug"`` calls in ``source`` given ``version=N`` for each
    dataset in ``pins``, so the lab loads the version the exercise's answers were worked out on."""
    for slug, number in pins.items():
        pattern = re.compile(
            rf"""\b(load_dataset|load_frame)\(\s*(["']){re.escape(slug)}\2(?![^)]*\bversion=)"""
        )
        source = pattern.sub(lambda m, n=number: f"{m.group(0)}, version={int(n)}", source)
    return source


def _stale_pins(exercise) -> dict[str, int]:
    """The datasets whose current version is newer than the one ``exercise`` pins."""
    pins = exercise.dataset_versions or {}
    if not pins or exercise.pk is None:
        return {}
    cached = getattr(exercise, "_stale_pins", None)
    if cached is None or cached[0] != pins:
        current = dict(exercise.datasets.filter(slug__in=list(pins)).values_list("slug", "version"))
        stale = {slug: int(n) for slug, n in pins.items() if slug in current and int(n) != current[slug]}
        cached = exercise._stale_pins = (dict(pins), stale)  # one query per exercise object
    return cached[1]


def starter_notebook(exercise, *, versioned: bool = True) -> dict:
    """The notebook a learner starts from, tagged with the exercise and its content version. When a
    dataset has a newer version than the exercise pins, its loading calls name the pinned version."""
    if exercise.starter_notebook:
        with exercise.starter_notebook.open("rb") as handle:
            cells = parse_notebook(handle.read())["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                cell.update(outputs=[], execution_count=None)
    else:
        cells = cells_from_text(exercise.starter_code)
    stale = _stale_pins(exercise)
    if stale:
        for cell in cells:
            if cell["cell_type"] == "code":
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                cell["source"] = pin_dataset_versions(source, stale)
    academy = {"exercise": exercise.slug}
    if versioned:
        academy["version"] = exercise.content_version()
        # Our own content: trusted, so the lab neither shows "Not Trusted" nor withholds its outputs.
        # (Left out of the content version, which must not change for a flag.)
        for cell in cells:
            if cell["cell_type"] == "code":
                cell["metadata"] = {**cell.get("metadata", {}), "trusted": True}
    return {
        "cells": cells or [_cell("code", "from academy import load_dataset, check")],
        "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}, "academy": academy},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


# Analysis packages the lab installs on first import; an exercise whose notebook uses one has it
# imported in the background as soon as the kernel is ready (see exercise.js).
_WARM = {
    "pandas": re.compile(r"^\s*(import|from)\s+pandas\b|\bload_frame\s*\(", re.M),
    "altair": re.compile(r"^\s*(import|from)\s+altair\b", re.M),
}


def warm_imports(exercise) -> list[str]:
    """The analysis packages ``exercise``'s starter notebook imports (or needs, for load_frame)."""
    cells = starter_notebook(exercise, versioned=False)["cells"]
    code = "\n".join(
        c["source"] if isinstance(c["source"], str) else "".join(c["source"])
        for c in cells
        if c["cell_type"] == "code"
    )
    return [name for name, pattern in _WARM.items() if pattern.search(code)]
