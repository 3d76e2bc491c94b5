"""Copy GOV.UK Frontend's precompiled dist into var/frontend/govuk, without the GDS Transport font or crown images.

GOV.UK's typeface and crown are for GOV.UK services only; a council's service uses its own brand and a
system font stack, so the @font-face rules are dropped and the font stack rewritten.
"""

import re
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SOURCE = Path("node_modules") / "govuk-frontend" / "dist" / "govuk"
KEEP = ["govuk-frontend.min.css", "govuk-frontend.min.js"]
FONT_FACE = re.compile(r"@font-face\{font-family:GDS Transport;[^}]*\}")
FONT_STACK = re.compile(r'"?GDS Transport"?,')


def strip_gds_font(css: str) -> str:
    css = FONT_FACE.sub("", css)
    css = FONT_STACK.sub("", css)
    return css.replace("font-family:GDS Transport}", "font-family:arial,sans-serif}").replace(
        "font-family:GDS Transport;", "font-family:arial,sans-serif;"
    )


class Command(BaseCommand):
    help = "Prepare GOV.UK Frontend's CSS and JS (from npm) for the app to serve, without GDS Transport."

    def handle(self, *args, **options):
        source = settings.BASE_DIR / SOURCE
        if not source.is_dir():
            raise CommandError(f"{source} is missing: run `npm ci` (make assets) first.")
        target = settings.BASE_DIR / "var" / "frontend" / "govuk"
        target.mkdir(parents=True, exist_ok=True)
        for name in KEEP:
            data = (source / name).read_text(encoding="utf-8")
            if name.endswith(".css"):
                data = strip_gds_font(data)
                if "GDS Transport" in data:
                    raise CommandError(
                        "GDS Transport is still referenced after stripping; check the CSS format."
                    )
            data = re.sub(r"/\*# sourceMappingURL=.*?\*/|//# sourceMappingURL=\S+", "", data)
            (target / name).write_text(data, encoding="utf-8")
            self.stdout.write(f"  {name}")
        shutil.rmtree(target / "assets", ignore_errors=True)
        self.stdout.write(self.style.SUCCESS(f"GOV.UK Frontend ready in {target}"))
