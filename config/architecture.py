"""The layer table: which feature may name which. Read by tests/test_architecture.py and load_demo_content.

A module belongs to the longest prefix in LAYERS that matches its dotted name (`competencies.maturity.views`
is in `competencies.maturity`, `competencies.views` in `competencies`). Code, templates, URL names, model
strings and migrations of a layer may name its own layer and the layers below it, never one above. Where a
lower layer must react to a higher one it offers a hook (home/hooks.py) that the higher one fills.
`config`, `tests` and `bench` wire everything together and are outside the layers. ARCHITECTURE.md explains it.
"""

# Bottom (0) to top. Keys are module prefixes, so an app keeps its layer wherever its files live.
LAYERS: dict[str, int] = {
    "home": 0,
    "competencies": 1,
    "competencies.staff": 1,
    "jupyterlite": 1,
    "learning": 2,
    "learning.assignments": 2,
    "community": 3,
    "community.champions": 3,
    "community.events": 3,
    "competencies.maturity": 4,
}

# Django app label -> module, for `apps.get_model("label", ...)`, "label.Model" strings and migrations.
APP_LABELS: dict[str, str] = {
    "home": "home",
    "competencies": "competencies",
    "jupyterlite": "jupyterlite",
    "learning": "learning",
    "community": "community",
    "champions": "community.champions",
    "events": "community.events",
    "maturity": "competencies.maturity",
    "staff": "competencies.staff",
    "assignments": "learning.assignments",
}

# URL namespace -> module, for `{% url 'ns:name' %}` and `reverse("ns:name")`; the longest nested match wins.
URL_NAMESPACES: dict[str, str] = {
    "home": "home",
    "competencies": "competencies",
    "jupyterlite": "jupyterlite",
    "learning": "learning",
    "community": "community",
    "champions": "community.champions",
    "events": "community.events",
    "maturity": "competencies.maturity",
    "competencies:maturity": "competencies.maturity",  # a nested namespace still counts as maturity's
    "assignments": "learning.assignments",
}

# Folder under templates/ -> module, longest prefix first. The folders shared by every page (base.html and
# the error pages at the root, includes/, components/, blocks/, the allauth overrides) belong to home.
TEMPLATE_DIRS: dict[str, str] = {
    "": "home",
    "home": "home",
    "includes": "home",
    "components": "home",
    "blocks": "home",
    "account": "home",
    "allauth": "home",
    "mfa": "home",
    "socialaccount": "home",
    "competencies": "competencies",
    "maturity": "competencies.maturity",
    "jupyterlite": "jupyterlite",
    "learning": "learning",
    "assignments": "learning.assignments",
    "staff": "competencies.staff",
    "community": "community",
    "champions": "community.champions",
    "events": "community.events",
}

# Top-level packages that hold layered code; everything else (config, tests, bench, libraries) is outside.
LAYERED_PACKAGES = frozenset(prefix.split(".")[0] for prefix in LAYERS)


def _longest_prefix(name: str, table, sep: str) -> str | None:
    best = None
    for prefix in table:
        matches = prefix == "" or name == prefix or name.startswith(prefix + sep)
        if matches and (best is None or len(prefix) > len(best)):
            best = prefix
    return best


def layer_module(module: str) -> str | None:
    """The layer key a dotted module name belongs to (`competencies.maturity.views` -> `competencies.maturity`)."""
    return _longest_prefix(module, (p for p in LAYERS), ".")


def layer_of(module: str) -> int | None:
    """The layer number of a dotted module name, or None when it is outside the layers."""
    key = layer_module(module)
    return None if key is None else LAYERS[key]


def template_module(template_name: str) -> str | None:
    """The module owning a template path relative to templates/ (`community/champions/x.html`)."""
    folder = template_name.rsplit("/", 1)[0] if "/" in template_name else ""
    key = _longest_prefix(folder, TEMPLATE_DIRS, "/")
    return None if key is None else TEMPLATE_DIRS[key]


def demo_order(module: str) -> tuple[int, str]:
    """Sort key for demo content: lower layers first, so what a demo names already exists."""
    layer = layer_of(module)
    return (99 if layer is None else layer, module)
