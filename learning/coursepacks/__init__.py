"""Course packs: one course, its lessons, exercises, datasets and media as readable files (docs/course-packs.md).

`files` reads and writes the container (a .zip or a folder) with its limits and checksums; `serialisers` turns
each model into JSON and back, one class per model; `exporter` builds a pack from a course; `importer` applies a
pack all-or-nothing and reports what it created, updated and skipped.
"""

from .exporter import export_course
from .files import FORMAT_NAME, FORMAT_VERSION, PackRejected
from .importer import ImportReport, import_pack

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "ImportReport", "PackRejected", "export_course", "import_pack"]
