"""UK GDPR rights: everything the platform holds about a member, exported or erased, app by app.

Each app declares the models that point at a member in `<app>/personal_data_sources.py` as a list
`SOURCES` of `Source`. A test walks every model with a relation to the user model and
fails if one is not declared, so a new model cannot forget the member's rights.
"""

import datetime
import io
import json
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from .csv import csv_text

SOURCES_MODULE = "personal_data_sources"
security_log = logging.getLogger("academy.security")

DELETE = "delete"  # rows are the member's own record: removed with the account
DETACH = "detach"  # rows stay (a page revision, an audit entry); the link to the member is set to NULL
CUSTOM = "custom"  # the app erases in its own way (e.g. posts kept, attributed to "Former member")


@dataclass(frozen=True)
class Source:
    """One model field that points at a member, and what export and erasure do with it."""

    model: str  # "app_label.ModelName"
    user_field: str
    erase: str = DELETE
    export_fields: tuple[str, ...] | None = None  # None: every concrete field except secrets below
    exclude_fields: tuple[str, ...] = ()
    eraser: Callable | None = field(default=None, compare=False)  # for CUSTOM: eraser(user) -> None
    label: str = ""

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def name(self) -> str:
        return self.label or f"{self.model.replace('.', '_').lower()}_{self.user_field}"


# Never exported: secrets and what would let someone take over the account.
ALWAYS_EXCLUDED = {"password", "secret", "key", "token", "data"}


def sources() -> list[Source]:
    """Every app's declared sources, in app order."""
    found: list[Source] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.{SOURCES_MODULE}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{SOURCES_MODULE}":
                raise
            continue
        found.extend(module.SOURCES)
    return found


def _rows(source: Source, user) -> list[dict]:
    model = source.model_class
    names = source.export_fields or tuple(
        f.attname
        for f in model._meta.concrete_fields
        if f.name not in ALWAYS_EXCLUDED and f.name not in source.exclude_fields
    )
    return list(model._default_manager.filter(**{source.user_field: user}).values(*names))


def _profile(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "job_title": user.job_title,
        "department": user.department,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }


def export_for(user) -> dict:
    """Everything held about `user`, as {section name: rows}."""
    data: dict = {"profile": [_profile(user)]}
    for source in sources():
        rows = _rows(source, user)
        if rows:
            data.setdefault(source.name, []).extend(rows)
    return data


def section_titles(data: dict) -> list[tuple[str, int]]:
    """The sections of `export_for` in words for people ("Email addresses", "Forum posts"), with row counts."""
    by_name = {source.name: source for source in sources()}
    titled = []
    for name, rows in data.items():
        source = by_name.get(name)
        if source is None or source.label:
            words = name.replace("_", " ")
        else:
            words = str(source.model_class._meta.verbose_name_plural)
        titled.append((words[:1].upper() + words[1:], len(rows)))
    return titled


def _cell(value):
    return json.dumps(value, cls=DjangoJSONEncoder) if isinstance(value, dict | list) else value


def export_zip(user) -> bytes:
    """A zip of data.json plus one CSV per section."""
    data = export_for(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2))
        for name, rows in data.items():
            header = list(rows[0].keys())
            cells = [[_cell(row.get(key)) for key in header] for row in rows]
            archive.writestr(f"{name}.csv", csv_text(header, cells))
        archive.writestr(
            "README.txt",
            "Your data from the Data Academy, exported on "
            f"{datetime.date.today():%d %B %Y}. data.json holds everything; each CSV file is one part of it.\n",
        )
    security_log.info("personal data exported user_id=%s", user.pk)
    return buffer.getvalue()


@transaction.atomic
def erase(user, *, actor=None) -> None:
    """Erase `user`: their own records deleted, shared content kept without them, then the account deleted."""
    user_id = user.pk
    for source in sources():
        queryset = source.model_class._default_manager.filter(**{source.user_field: user})
        if source.erase == DELETE:
            queryset.delete()
        elif source.erase == DETACH:
            queryset.update(**{source.user_field: None})
        elif source.erase == CUSTOM:
            source.eraser(user)
        else:
            raise ValueError(f"Unknown erase policy {source.erase!r} for {source.model}")
    get_user_model().objects.filter(pk=user_id).delete()
    security_log.info("account erased user_id=%s actor_id=%s", user_id, getattr(actor, "pk", None))


def user_relations() -> set[tuple[str, str]]:
    """Every (model label, field name) in the project that points at the user model."""
    User = get_user_model()
    found = set()
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if (
                f.is_relation
                and f.related_model is User
                and not f.auto_created
                and (f.many_to_one or f.one_to_one)
            ):
                if getattr(f, "model", model) is not model:
                    continue  # inherited from a parent model (e.g. a page type): declared on the parent
                found.add((model._meta.label, f.name))
    return found
