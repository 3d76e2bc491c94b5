"""Demo content for the staff list: the demo HR user imports a small council's staff list (demo_staff.csv)
through the same all-or-nothing import as the admin screen. Importing it again changes nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model

from .services import staff_import_apply

DEMO_FILE = Path(__file__).with_name("demo_staff.csv")


def load(*, stdout) -> None:
    hr = get_user_model().objects.filter(email="hr@example.gov.uk").first()
    result = staff_import_apply(data=DEMO_FILE.read_bytes(), actor=hr, filename=DEMO_FILE.name)
    stdout.write(f"  staff list: {result.summary()}")
