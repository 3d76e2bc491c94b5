"""Build the demo site, idempotently: run it as often as you like."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: later apps use what earlier ones made (framework before courses, courses before forums).
DEMO_MODULES = [
    "home.demo",
    "competencies.demo",
    "competencies.staff.demo",
    "jupyterlite.demo",
    "learning.demo",
    "learning.assignments.demo",
    "community.demo",
    "competencies.maturity.demo",
]


class Command(BaseCommand):
    help = "Load the Data Academy demo content (site, pages, demo users per role). Safe to run again."

    def handle(self, *args, **options):
        for module_name in DEMO_MODULES:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            self.stdout.write(f"{module_name}:")
            with transaction.atomic():
                module.load(stdout=self.stdout)
        from home.demo import DEMO_PASSWORD, DEMO_USERS

        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready. Demo users (password for all: {DEMO_PASSWORD}):")
        )
        for email, *_rest, role_names in DEMO_USERS:
            self.stdout.write(f"  {email:28} {', '.join(role_names) or 'Learner'}")
