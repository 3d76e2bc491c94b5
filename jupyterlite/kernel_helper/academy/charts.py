"""altair charts drawn by the lab's own Vega-Lite renderer, with nothing fetched from another host.

altair 6 writes Vega-Lite 6 specs and offers them as ``application/vnd.vegalite.v6+json`` (which the
JupyterLab renderer bundled with the lab, Vega-Lite 5, does not take) or as HTML that loads Vega from a
public CDN. The ``academy`` renderer hands the spec over as ``application/vnd.vegalite.v5+json``
instead; the specs learners write (marks, encodings, aggregates, transforms) mean the same in both.
Importing ``academy`` arranges for it to be switched on as soon as altair is imported.
"""

import importlib.abc
import importlib.util
import sys

VEGALITE_V5 = "application/vnd.vegalite.v5+json"
V5_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier only: never fetched


def vegalite_v5_renderer(spec: dict, **metadata) -> dict:
    """altair renderer: the chart's spec as a Vega-Lite 5 mimebundle (plus a text fallback)."""
    spec = {**spec, "$schema": V5_SCHEMA}
    return {VEGALITE_V5: spec, "text/plain": f"<altair chart: {spec.get('mark', 'layered')}>"}


def enable(altair) -> None:
    altair.renderers.register("academy", vegalite_v5_renderer)
    altair.renderers.enable("academy")


class _AfterAltairImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself: wraps altair's own loader so ``enable`` runs once altair has loaded."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "altair":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec("altair")
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            enable(module)

        spec.loader.exec_module = exec_module
        return spec


def install() -> None:
    """Use the academy renderer for altair now (if imported) or as soon as altair is imported."""
    if "altair" in sys.modules:
        enable(sys.modules["altair"])
    elif not any(isinstance(finder, _AfterAltairImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AfterAltairImport())
