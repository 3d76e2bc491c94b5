"""Build the demo site, idempotently: run it as often as you like."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from config.architecture import LAYERS, demo_order, layer_of


def demo_modules() -> list[str]:
    """Every `<app>.demo` module, lower layers first (config/architecture.py), so that what a demo uses
    (the framework, the courses, the forums) is already there; within a layer, by module name.

    Looks in each installed app of the layer table and in the table's feature packages inside them
    (e.g. `competencies.maturity`), so a feature's demo loads whether or not it is an app of its own yet.
    """
    installed = {config.name for config in apps.get_app_configs() if layer_of(config.name) is not None}
    candidates = installed | {prefix for prefix in LAYERS if prefix.split(".")[0] in installed}
    found = [
        name for name in candidates if find_spec(name) is not None and find_spec(f"{name}.demo") is not None
    ]
    return [f"{name}.demo" for name in sorted(found, key=demo_order)]


class Command(BaseCommand):
    help = "Load the Data Academy demo content (site, pages, demo users per role). Safe to run again."

    def handle(self, *args, **options):
        for module_name in demo_modules():
            module = import_module(module_name)
            self.stdout.write(f"{module_name}:")
            with transaction.atomic():
                module.load(stdout=self.stdout)
        from home.demo import DEMO_PASSWORD, DEMO_USERS

        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready. Demo users (password for all: {DEMO_PASSWORD}):")
        )
        for email, *_rest, role_names in DEMO_USERS:
            self.stdout.write(f"  {email:28} {', '.join(role_names) or 'Learner'}")
