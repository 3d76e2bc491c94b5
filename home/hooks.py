"""Extension points other apps fill through Wagtail hooks: header navigation, dashboard panels, retention."""

from dataclasses import dataclass, field

from wagtail import hooks

MAIN_MENU_HOOK = "academy_main_menu_items"
DASHBOARD_HOOK = "academy_dashboard_panels"
# fn(*, cutoff: datetime, erase: bool) -> int: records an app keeps beyond accounts (e.g. leavers' staff
# records) whose retention ended before `cutoff`; erased when `erase`. Run by `erase_inactive_accounts`.
RETENTION_HOOK = "academy_retention_sweeps"


@dataclass(frozen=True)
class MenuItem:
    """One link in the service navigation; `requires_login` hides it from anonymous visitors."""

    label: str
    url: str
    order: int = 100
    requires_login: bool = False


@dataclass
class DashboardPanel:
    """A section of "My learning", rendered with `template_name` and `context`."""

    title: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100


def main_menu_items(request) -> list[MenuItem]:
    items: list[MenuItem] = []
    for fn in hooks.get_hooks(MAIN_MENU_HOOK):
        items.extend(fn(request))
    signed_in = request.user.is_authenticated
    return sorted((i for i in items if signed_in or not i.requires_login), key=lambda i: (i.order, i.label))


def dashboard_panels(request) -> list[DashboardPanel]:
    panels: list[DashboardPanel] = []
    for fn in hooks.get_hooks(DASHBOARD_HOOK):
        panel = fn(request)
        if panel is not None:
            panels.append(panel)
    return sorted(panels, key=lambda p: p.order)


def retention_sweeps(*, cutoff, erase: bool) -> list[tuple[str, int]]:
    """(app's description, how many) for every app's retention sweep; erases them when `erase`."""
    return [
        (fn.__doc__ or fn.__name__, fn(cutoff=cutoff, erase=erase)) for fn in hooks.get_hooks(RETENTION_HOOK)
    ]
