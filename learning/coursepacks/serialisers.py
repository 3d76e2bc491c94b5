"""One serialiser per model: which fields a pack carries, as JSON, and how they go back onto an object.

`dump(obj, refs)` gives the pack's JSON for an object on this site; `assign(obj, data, refs)` sets a pack's
JSON onto an object (unsaved). The importer compares `dump` of what the site has with the pack's data, so a
re-import writes nothing. To carry a new field (say an exercise's dataset version), add it to `fields` (plain
values) or to `dump`/`assign` (anything that needs converting) of its serialiser, and describe it in
docs/course-packs.md.

References between objects never use database ids: exercises and datasets by slug, questions by key, lessons
by slug, competencies by code, images and documents by the SHA-1 of their file (Wagtail's `file_hash`).
"""

import json
import re
from decimal import Decimal, InvalidOperation

from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from jupyterlite.models import Dataset, Exercise, Question

from .files import PackRejected

TAG = re.compile(r"<(a|embed)\b([^>]*?)(/?)>")
ATTR = re.compile(r'([a-zA-Z][\w-]*)="([^"]*)"')


class Refs:
    """Turns database references into pack references (export) and back (import).

    Export: `pages` maps page ids in the pack to their pack name ("course" or "lesson:<slug>"), and every image,
    document and exercise met is collected. Import: the maps go from pack keys to this site's objects.
    """

    def __init__(self, *, pages=None, exporting=True, lenient=False):
        self.exporting, self.lenient = exporting, lenient
        self.pages: dict = pages or {}
        self.images: dict = {}
        self.documents: dict = {}
        self.exercises: dict = {}
        self.errors: list[str] = []

    # --- choosers ------------------------------------------------------------------------------------
    def chooser_out(self, block, pk):
        if pk in (None, ""):
            return None
        model = block.target_model
        if issubclass(model, Page):
            if pk in self.pages:
                return {"page": self.pages[pk]}
            page = Page.objects.filter(pk=pk).first()
            return {"site_page": page.url_path.split("/", 2)[-1] if page else ""}
        obj = model.objects.filter(pk=pk).first()
        if obj is None:
            return None
        if model is get_image_model():
            self.images[obj.get_file_hash()] = obj
            return {"image": obj.get_file_hash()}
        if model is get_document_model():
            self.documents[obj.get_file_hash()] = obj
            return {"document": obj.get_file_hash()}
        if model is Exercise:
            self.exercises[obj.slug] = obj
            return {"exercise": obj.slug}
        raise PackRejected(f"A block refers to a {model._meta.verbose_name}, which packs cannot carry yet.")

    def chooser_in(self, block, ref):
        if ref is None:
            return None
        if not isinstance(ref, dict) or len(ref) != 1:
            self.errors.append(f"A block reference {ref!r} is not in the pack format.")
            return None
        (kind, key), model = next(iter(ref.items())), block.target_model
        found = None
        if kind == "page" and issubclass(model, Page):
            found = self.pages.get(key)
        elif kind == "site_page" and issubclass(model, Page):
            found = _site_page(key)
        elif kind == "image" and model is get_image_model():
            found = self.images.get(key)
        elif kind == "document" and model is get_document_model():
            found = self.documents.get(key)
        elif kind == "exercise" and model is Exercise:
            found = self.exercises.get(key)
        if found is None and not self.lenient:
            self.errors.append(
                f"A block refers to {kind} {key!r}, which is neither in the pack nor on this site."
            )
            return None
        return found.pk

    # --- rich text -----------------------------------------------------------------------------------
    def rich_text_out(self, html: str) -> str:
        def swap(match):
            tag, attrs, close = match.groups()
            values = dict(ATTR.findall(attrs))
            kind = values.get("linktype") or values.get("embedtype")
            if kind not in ("page", "document", "image") or "id" not in values:
                return match.group(0)
            pk = int(values.pop("id")) if values["id"].isdigit() else None
            if kind == "page":
                if pk in self.pages:
                    values["pack-page"] = self.pages[pk]
                else:
                    page = Page.objects.filter(pk=pk).first()
                    values.pop("linktype")
                    values["href"] = page.url if page and page.url else "#"
            else:
                model = get_image_model() if kind == "image" else get_document_model()
                obj = model.objects.filter(pk=pk).first()
                if obj is None:
                    return "" if kind == "image" else "<a>"
                getattr(self, f"{kind}s")[obj.get_file_hash()] = obj
                values[f"pack-{kind}"] = obj.get_file_hash()
            return _tag(tag, values, close)

        return TAG.sub(swap, html)

    def rich_text_in(self, html: str) -> str:
        def swap(match):
            tag, attrs, close = match.groups()
            values = dict(ATTR.findall(attrs))
            for kind in ("page", "document", "image"):
                key = values.pop(f"pack-{kind}", None)
                if key is None:
                    continue
                found = getattr(self, f"{kind}s").get(key)
                if found is None and self.lenient:  # pass 1 of an import: the page is made in a moment
                    return "" if tag == "embed" else "<a>"
                if found is None:
                    self.errors.append(f"Rich text links to {kind} {key!r}, which is not in the pack.")
                    return match.group(0)
                values["id"] = str(found.pk)
            return _tag(tag, values, close)

        return TAG.sub(swap, html)

    # --- streams -------------------------------------------------------------------------------------
    def stream(self, block, raw):
        """Map every reference in a stream's raw JSON, following the block definitions."""
        chooser = self.chooser_out if self.exporting else self.chooser_in
        rich = self.rich_text_out if self.exporting else self.rich_text_in
        return _walk(block, raw, chooser, rich, self.errors)


def _tag(tag: str, values: dict, close: str) -> str:
    attrs = "".join(f' {name}="{value}"' for name, value in values.items())
    return f"<{tag}{attrs}{close}>"


def _site_page(path: str):
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return Page.objects.filter(url_path=site.root_page.url_path + path).first()


def _walk(block, raw, chooser, rich, errors):
    if isinstance(block, blocks.StreamBlock):
        if not isinstance(raw, list):
            errors.append("A stream in the pack is not a list of blocks.")
            return []
        out = []
        for child in raw:
            child_block = block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            if child_block is None:
                errors.append(
                    f"The block type {child.get('type') if isinstance(child, dict) else child!r} is unknown."
                )
                continue
            out.append({**child, "value": _walk(child_block, child.get("value"), chooser, rich, errors)})
        return out
    if isinstance(block, blocks.ListBlock):
        items = raw or []
        if items and all(isinstance(i, dict) and i.get("type") == "item" for i in items):
            return [
                {**i, "value": _walk(block.child_block, i.get("value"), chooser, rich, errors)} for i in items
            ]
        return [_walk(block.child_block, i, chooser, rich, errors) for i in items]
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return raw
        return {
            name: _walk(block.child_blocks[name], value, chooser, rich, errors)
            if name in block.child_blocks
            else value
            for name, value in raw.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return rich(raw or "")
    if isinstance(block, blocks.ChooserBlock) or hasattr(block, "target_model"):
        return chooser(block, raw)
    return raw


def tolerance_text(value) -> str:
    """A tolerance as the pack writes it: four decimal places, as the database keeps it."""
    try:
        return str(Decimal(str(value)).quantize(Decimal("0.0001")))
    except (InvalidOperation, ValueError) as error:
        raise PackRejected(f"The tolerance {value!r} is not a number.") from error


class Serialiser:
    """Plain fields copied as they are; subclasses convert the rest."""

    model = None
    fields: tuple[str, ...] = ()

    def dump(self, obj, refs: Refs) -> dict:
        return {name: getattr(obj, name) for name in self.fields}

    def assign(self, obj, data: dict, refs: Refs) -> None:
        for name in self.fields:
            setattr(obj, name, data[name])

    def normalise(self, data: dict) -> dict:
        """The pack's data as `dump` would give it, so equal content compares equal."""
        return {name: data[name] for name in self.fields}


class DatasetSerialiser(Serialiser):
    """datasets/<slug>.json (catalogue entry) + datasets/<slug>.csv (the data, as uploaded)."""

    model = Dataset
    fields = ("title", "description", "owner", "licence", "columns", "known_issues", "source")


class QuestionSerialiser(Serialiser):
    """One checked question, inside its exercise's JSON. The expected value travels with it: packs are for
    Academy admins, and the importer checks it as the admin form does."""

    model = Question
    fields = (
        "key",
        "prompt",
        "answer_type",
        "expected_value",
        "computation",
        "hint",
        "solution",
        "known_wrong_answers",
    )

    def dump(self, obj, refs):
        return {
            **super().dump(obj, refs),
            "tolerance": tolerance_text(obj.tolerance),
            "recipe": recipe_for_pack(obj.recipe),
        }

    def assign(self, obj, data, refs):
        super().assign(obj, data, refs)
        obj.tolerance = Decimal(tolerance_text(data["tolerance"]))
        # Worked out on the dataset's current version on this site (the question's clean() pins it).
        obj.recipe = recipe_for_pack(data.get("recipe"))

    def normalise(self, data):
        return {
            **super().normalise(data),
            "tolerance": tolerance_text(data["tolerance"]),
            "recipe": recipe_for_pack(data.get("recipe")),
        }


def recipe_for_pack(recipe) -> dict:
    """A question's answer recipe as a pack carries it: without its dataset version, whose numbering belongs
    to one site (the pack carries the data the recipe is worked on). Optional in a pack: none is {}."""
    return {key: value for key, value in (recipe or {}).items() if key != "version"}


class ExerciseSerialiser(Serialiser):
    """exercises/<slug>.json: the exercise, its datasets by slug and its questions in order;
    exercises/<slug>.ipynb: the uploaded starter notebook, if it has one."""

    model = Exercise
    fields = ("title", "starter_code", "hints", "solution", "reveal_solution_after")
    questions = QuestionSerialiser()

    def dump(self, obj, refs):
        return {
            **super().dump(obj, refs),
            "is_published": obj.live,
            "instructions": refs.rich_text_out(obj.instructions),
            "datasets": sorted(d.slug for d in obj.datasets.all()),
            "questions": [self.questions.dump(q, refs) for q in obj.questions.order_by("sort_order", "pk")],
            "has_starter_notebook": bool(obj.starter_notebook),
        }

    def assign(self, obj, data, refs):
        super().assign(obj, data, refs)
        obj.live = bool(data["is_published"])
        obj.instructions = refs.rich_text_in(data["instructions"])

    def normalise(self, data):
        return {
            **super().normalise(data),
            "is_published": bool(data["is_published"]),
            "instructions": data["instructions"],
            "datasets": sorted(data["datasets"]),
            "questions": [self.questions.normalise(q) for q in data["questions"]],
            "has_starter_notebook": bool(data.get("has_starter_notebook")),
        }


class PageSerialiser(Serialiser):
    """Fields every page has, plus the page's own fields and its stream (with references mapped)."""

    page_fields = ("title", "seo_title", "search_description")
    stream_fields: tuple[str, ...] = ("body",)

    def dump(self, obj, refs):
        data = {name: getattr(obj, name) for name in (*self.page_fields, *self.fields)}
        for name in self.stream_fields:
            field = getattr(obj, name)
            data[name] = refs.stream(field.stream_block, list(field.get_prep_value()))
        return data

    def assign(self, obj, data, refs):
        for name in (*self.page_fields, *self.fields):
            setattr(obj, name, data[name])
        for name in self.stream_fields:
            stream_block = obj._meta.get_field(name).stream_block
            setattr(obj, name, json.dumps(refs.stream(stream_block, data[name])))

    def normalise(self, data):
        return {name: data[name] for name in (*self.page_fields, *self.fields, *self.stream_fields)}


class CourseSerialiser(PageSerialiser):
    """course.json: the course page, its competency links by code, prerequisites by slug, lesson order."""

    fields = (
        "level",
        "summary",
        "audience",
        "learning_outcomes",
        "estimated_minutes",
        "pass_mark",
        "certificate_valid_months",
        "renewal_window_days",
    )


class LessonSerialiser(PageSerialiser):
    """lessons/<slug>.json: one lesson page; its questions are blocks of its body, ids kept, so learners'
    answers stay attached across re-imports."""

    fields = ("summary", "estimated_minutes", "required")


class ImageSerialiser(Serialiser):
    """images/<sha1>.json (title, description, file name) + images/<sha1>.<ext> (the file)."""

    fields = ("title",)

    def dump(self, obj, refs):
        return {
            "title": obj.title,
            "description": getattr(obj, "description", ""),
            "file_name": obj.file.name.rsplit("/", 1)[-1],
        }


class DocumentSerialiser(ImageSerialiser):
    """documents/<sha1>.json (title, file name) + documents/<sha1>.<ext> (the file)."""

    def dump(self, obj, refs):
        return {"title": obj.title, "file_name": obj.file.name.rsplit("/", 1)[-1]}
