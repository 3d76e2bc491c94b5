"""Data Academy helpers for the in-browser Python kernel.

    from academy import load_dataset, load_frame, check, hint, solution, bar_chart
    rows = load_dataset("highways-defects")          # list of dicts, every value a string
    db = load_dataset("highways-defects", as_sqlite=True)
    df = load_frame("highways-defects")              # a pandas DataFrame, the catalogue's types applied
    check("potholes-median-days", 12)                # the server marks it and says how you did
    hint("potholes-median-days")                     # the question's hints
    solution("potholes-median-days")                 # once you have answered it or tried enough times

Everything here uses the standard library plus what Pyodide provides, so it also imports in plain
CPython (where it talks HTTP with urllib instead of the browser). pandas is only imported by
load_frame(); importing ``academy`` also makes altair charts draw with the lab's own renderer.
"""

import csv
import html
import io
import json
import re
import sqlite3

from . import _config, charts
from . import frames as _frames
from .frames import load_frame

__all__ = [
    "bar_chart",
    "check",
    "check_async",
    "hint",
    "line_chart",
    "load_dataset",
    "load_frame",
    "show_chart",
    "solution",
]
__version__ = "1.0.0"

_cache: dict[str, str] = {}
_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d*|-?\.\d+")


def _in_browser() -> bool:
    try:
        import js  # noqa: F401
    except ImportError:
        return False
    return True


def _request(
    method: str, url: str, *, body: str | None = None, headers: dict | None = None
) -> tuple[int, str]:
    """Synchronous same-origin HTTP. The kernel runs in a Web Worker, where a blocking request is
    allowed, so learners can call check() without ``await``; the session cookie goes with it."""
    headers = headers or {}
    if _in_browser():
        from js import XMLHttpRequest

        xhr = XMLHttpRequest.new()
        xhr.open(method, url, False)
        for name, value in headers.items():
            xhr.setRequestHeader(name, value)
        xhr.send(body)
        return int(xhr.status), str(xhr.responseText)
    import urllib.error
    import urllib.request

    request = urllib.request.Request(  # noqa: S310 - same-origin paths from _config
        url, data=body.encode() if body else None, headers=headers, method=method
    )  # noqa: S310
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _get_json(url: str) -> tuple[int, dict]:
    status, text = _request("GET", url)
    return status, _parse(text)


def _versioned(url: str, version: int | None) -> str:
    return url if version is None else f"{url}?version={int(version)}"


def _csv_text(name: str, version: int | None = None) -> str:
    key = name if version is None else f"{name}@{int(version)}"
    if key not in _cache:
        status, text = _request("GET", _versioned(_config.DATASET_URL.format(name=name), version))
        if status != 200:
            raise LookupError(
                f"No dataset called {name!r} (the server answered {status}). Check the name on the dataset's page."
            )
        _cache[key] = text
    return _cache[key]


def _typed(value: str):
    """A number if the text is cleanly one, else the text itself (so dirty values stay visible)."""
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value if value != "" else None


def load_dataset(name: str, *, as_sqlite: bool = False, version: int | None = None):
    """Load a dataset from the catalogue.

    Returns a list of dicts (one per row, every value a string, exactly as in the CSV), or with
    ``as_sqlite=True`` an in-memory ``sqlite3`` connection holding one table named after the dataset
    (dashes become underscores), clean numbers stored as numbers and empty cells as NULL.
    ``version`` picks one of the dataset's versions (an exercise's notebook names the one it uses);
    without it, the catalogue's current version.
    """
    text = _csv_text(name, version)
    if not as_sqlite:
        return list(csv.DictReader(io.StringIO(text)))
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    table = name.replace("-", "_")
    connection = sqlite3.connect(":memory:")
    columns = ", ".join(f'"{column}"' for column in header)
    connection.execute(f'CREATE TABLE "{table}" ({columns})')
    marks = ", ".join("?" for _ in header)
    connection.executemany(
        f'INSERT INTO "{table}" VALUES ({marks})',  # noqa: S608 - names come from the CSV header
        ([_typed(v) for v in row] for row in reader),
    )  # noqa: S608
    connection.commit()
    return connection


def _display(bundle: dict) -> None:
    try:
        from IPython.display import display
    except ImportError:
        print(bundle["text/plain"])
        return
    display(bundle, raw=True)


def _announce(result: dict) -> None:
    """Tell the lesson page (same origin) so it can update without a reload."""
    if not _in_browser():
        return
    from js import BroadcastChannel

    channel = BroadcastChannel.new(_config.CHANNEL)
    channel.postMessage(json.dumps({"type": "exercise-check", **result}))
    channel.close()


def _show_verdict(question: str, status: int, payload: dict) -> dict:
    if status in (200, 201):
        correct = payload.get("correct", False)
        title = "Correct" if correct else "Not quite"
        message = payload.get("message", "")
        colour = "#00703c" if correct else "#d4351c"
    else:
        correct, title, colour = False, "Your answer was not checked", "#d4351c"
        message = payload.get("error", f"The server answered {status}.")
    result = {"question": question, "correct": correct, "status": status, **payload}
    markup = (
        f'<div role="status" style="border-left:5px solid {colour};padding:8px 12px;margin:4px 0">'
        f"<strong>{html.escape(title)}</strong> ({html.escape(question)})<br>{html.escape(message)}</div>"
    )
    _display({"text/html": markup, "text/plain": f"{title} ({question}): {message}"})
    _announce(result)
    return result


def _encode(question: str, value) -> str:
    return json.dumps({"question": question, "value": value}, default=str)


def _parse(text: str) -> dict:
    try:
        payload = json.loads(text)
    except ValueError:
        return {"error": "The server's reply was not understood. Are you signed in?"}
    return payload if isinstance(payload, dict) else {}


def check(question: str, value) -> None:
    """Send your answer to ``question`` to the server, which marks it; the verdict is shown below."""
    status, text = _request("GET", _config.TOKEN_URL)
    if status != 200:
        _show_verdict(
            question,
            status,
            {"error": "Sign in to Data Academy to have your answer checked."},
        )
        return
    token = _parse(text).get("token", "")
    headers = {"Content-Type": "application/json", "X-CSRFToken": token}
    status, text = _request("POST", _config.ANSWER_URL, body=_encode(question, value), headers=headers)
    _show_verdict(question, status, _parse(text))


async def check_async(question: str, value) -> None:
    """Like check(), with ``pyodide.http.pyfetch``: ``await check_async("q", 42)``."""
    from pyodide.http import pyfetch

    token_response = await pyfetch(_config.TOKEN_URL, credentials="same-origin")
    if token_response.status != 200:
        _show_verdict(
            question,
            token_response.status,
            {"error": "Sign in to Data Academy to have your answer checked."},
        )
        return
    token = (await token_response.json()).get("token", "")
    response = await pyfetch(
        _config.ANSWER_URL,
        method="POST",
        credentials="same-origin",
        headers={"Content-Type": "application/json", "X-CSRFToken": token},
        body=_encode(question, value),
    )
    _show_verdict(question, response.status, _parse(await response.string()))


def _panel(title: str, body: str, *, colour: str = "#1d70b8", code: bool = False) -> str:
    inner = f"<pre style='white-space:pre-wrap;margin:4px 0'>{html.escape(body)}</pre>" if code else body
    return (
        f'<div role="note" style="border-left:5px solid {colour};padding:8px 12px;margin:4px 0">'
        f"<strong>{html.escape(title)}</strong><br>{inner}</div>"
    )


def hint(question: str) -> None:
    """Show the hints for ``question`` (they never give the answer away)."""
    status, payload = _get_json(_config.HINT_URL.format(key=question))
    if status != 200:
        message = payload.get("error", f"The server answered {status}.")
        _display(
            {
                "text/html": _panel(f"No hint ({question})", html.escape(message), colour="#d4351c"),
                "text/plain": f"No hint ({question}): {message}",
            }
        )
        return
    hints = payload.get("hints") or ["There are no hints for this question yet."]
    items = "".join(f"<li>{html.escape(h)}</li>" for h in hints)
    plain = "\n".join(f"{n}. {h}" for n, h in enumerate(hints, start=1))
    _display(
        {
            "text/html": _panel(f"Hints ({question})", f"<ol style='margin:4px 0'>{items}</ol>"),
            "text/plain": f"Hints ({question}):\n{plain}",
        }
    )


def solution(question: str) -> None:
    """Show the model solution for ``question`` once the server allows it: after a right answer or
    enough attempts at that question. Until then it says how many attempts you have made."""
    status, payload = _get_json(_config.SOLUTION_URL.format(key=question))
    if status != 200:
        message = payload.get("error", f"The server answered {status}.")
        _display(
            {
                "text/html": _panel(
                    f"Solution not open yet ({question})", html.escape(message), colour="#f47738"
                ),
                "text/plain": f"Solution not open yet ({question}): {message}",
            }
        )
        return
    text = payload.get("solution", "")
    _display(
        {
            "text/html": _panel(f"Model solution ({question})", text, code=True),
            "text/plain": f"Model solution ({question}):\n{text}",
        }
    )


def show_chart(spec: dict) -> None:
    """Draw a Vega-Lite v5 chart from a spec dict (JupyterLab renders it; no plotting library needed)."""
    _display(
        {
            "application/vnd.vegalite.v5+json": spec,
            "text/plain": spec.get("title", "Vega-Lite chart"),
        }
    )


def _chart(
    mark: str,
    rows: list[dict],
    x: str,
    y: str,
    title: str | None,
    x_type: str,
    y_type: str,
) -> None:
    spec = {
        "data": {"values": rows},
        "mark": {"type": mark, "tooltip": True},
        "encoding": {
            "x": {"field": x, "type": x_type},
            "y": {"field": y, "type": y_type},
        },
        "width": 480,
    }
    if title:
        spec["title"] = title
    show_chart(spec)


def bar_chart(rows: list[dict], *, x: str, y: str, title: str | None = None) -> None:
    """Bar chart of ``rows`` (dicts): categories in ``x``, numbers in ``y``."""
    _chart("bar", rows, x, y, title, "nominal", "quantitative")


def line_chart(rows: list[dict], *, x: str, y: str, title: str | None = None) -> None:
    """Line chart of ``rows`` (dicts): ordered values (months, dates) in ``x``, numbers in ``y``."""
    _chart("line", rows, x, y, title, "ordinal", "quantitative")


# Importing academy switches altair to the lab's renderer and lets a load_frame() cell install pandas.
charts.install()
_frames.install_autoload()
